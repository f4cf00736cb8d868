//! Chinese text of what `wbs init` and `wbs git-setup` say. Commands,
//! git config keys and file names stay as they are typed.

use std::fmt::{self, Formatter};

use crate::i18n::setup::{Config, Setup, SetupFailure};

pub(in crate::i18n) fn config(config: Config) -> &'static str {
    match config {
        Config::Repository => "仓库的 git 配置",
        Config::Global => "你的全局 git 配置",
    }
}

pub(in crate::i18n) fn setup(message: &Setup, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        Setup::WroteStarter { path } => write!(out, "已写入 {path}（入门计划）"),
        Setup::WroteSchema { path } => {
            write!(out, "已写入 {path}（计划格式的 JSON Schema，供编辑器使用）")
        }
        Setup::InitNext { check } => write!(out, "下一步：编辑计划，然后运行 `{check}`"),
        Setup::NothingToChange { config: c } => write!(
            out,
            "无需更改：.gitattributes 和{}已在使用 wbs 的 diff 和 merge 驱动",
            config(*c)
        ),
        Setup::AddedAttribute { line } => write!(out, ".gitattributes：已添加 `{line}`"),
        Setup::SetConfig {
            config: c,
            key,
            new,
            old,
        } => {
            write!(out, "{}：已设置 {key} = {new}", config(*c))?;
            match old {
                Some(old) => write!(out, "（原为 {old}）"),
                None => Ok(()),
            }
        }
        Setup::GlobalNote => out.write_str(
            "注：全局驱动不知道本仓库的 -f 或 WBS_FILE，它会把每个计划文件与同一文件夹中的计划文件一起读取",
        ),
        Setup::CommitAttributes => out.write_str("请提交 .gitattributes，让每个克隆都用上它"),
        Setup::DiffNow => out.write_str(
            "`git diff` 现在以 wbs diff 显示计划文件；`git log -p` 和 `git show` 需要加 --ext-diff",
        ),
        Setup::MergeNow => out.write_str(
            "`git merge`（以及 rebase、cherry-pick）现在用 `wbs merge` 按任务合并计划文件",
        ),
    }
}

pub(in crate::i18n) fn failure(failure: &SetupFailure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        SetupFailure::InitFolder { path, suggestion } => write!(
            out,
            "`{path}` 是一个文件夹\n提示：请写出要创建的计划文件名，例如 `wbs init {suggestion}`"
        ),
        SetupFailure::InitExists { path, suggestion } => write!(
            out,
            "`{path}` 已存在；wbs init 从不覆盖文件\n提示：换一个路径，例如 `wbs init {suggestion}`"
        ),
        SetupFailure::NotARepository { dir, git_said } => write!(
            out,
            "`wbs git-setup` 配置的是 git 仓库，而 `{dir}` 不在任何仓库中：{git_said}\n\
             提示：请在存放计划的仓库中运行（`git init` 可以创建仓库）"
        ),
        SetupFailure::GlobalConfigNotFile { file } => write!(
            out,
            "GIT_CONFIG_GLOBAL 指向 `{file}`，它不是可以写入设置的文件\n\
             提示：取消 GIT_CONFIG_GLOBAL，或用 `wbs git-setup` 只配置本仓库"
        ),
    }
}
