//! Chinese text of what `wbs diff` and the diff driver say.

use std::fmt::{self, Formatter};

use crate::i18n::diff::{DiffText, Driver, Label, Note};

pub(in crate::i18n) fn text(message: &DiffText, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        DiffText::Added { nodes } => write!(out, "新增（{nodes} 个节点）"),
        DiffText::Removed { nodes } => write!(out, "删除（{nodes} 个节点）"),
        DiffText::WasCode { code } => write!(out, "（原 {code}）"),
        DiffText::Bracketed { text } => write!(out, "（{text}）"),
        DiffText::TopLevelOf { file } => write!(out, "{file} 的顶层"),
        DiffText::NoDifferences { progress } => {
            write!(out, "没有差异；进度 {progress:.1}%")
        }
        DiffText::Summary {
            added,
            removed,
            moved,
            renamed,
            changed,
            old,
            new,
            tops,
        } => {
            write!(
                out,
                "新增 {added}，删除 {removed}，移动 {moved}，重命名 {renamed}，修改 {changed}；进度 {old:.1}% → {new:.1}%"
            )?;
            if !tops.is_empty() {
                write!(out, "（{}）", tops.join("，"))?;
            }
            Ok(())
        }
        DiffText::OneStdin => out.write_str("只能有一个版本来自标准输入（`-`）"),
        DiffText::Missing { path, near } => {
            write!(out, "`{path}` 不存在\n提示：")?;
            match near {
                Some(near) => write!(out, "是不是想写 `{near}`？"),
                None => out.write_str("请指定计划文件或文件夹、`-`、`REV:PATH` 或 git 修订版本"),
            }
        }
        DiffText::NoPlanFiles { rev, roots } => {
            write!(out, "{rev} 时 {roots} 中没有计划文件（`*.yaml`、`*.yml`）")
        }
        DiffText::TopLevelProgress { tops } => write!(out, "顶层进度：{tops}"),
    }
}

pub(in crate::i18n) fn note(note: &Note, out: &mut Formatter<'_>) -> fmt::Result {
    match note {
        Note::Done => out.write_str("已完成"),
        Note::RolledUp => out.write_str("由子任务汇总"),
        Note::WasInherited => out.write_str("原为继承"),
        Note::NowInheritedFrom { code } => write!(out, "现继承自 {code}"),
        Note::InheritedFrom { code } => write!(out, "继承自 {code}"),
        Note::Slipped { days } => write!(out, "推迟 {days} 天"),
        Note::Gained { days } => write!(out, "提前 {days} 天"),
        Note::Entries { added, removed } => {
            if !added.is_empty() {
                write!(out, "新增 {}", added.join(","))?;
            }
            if !removed.is_empty() {
                let sep = if added.is_empty() { "" } else { "；" };
                write!(out, "{sep}去掉 {}", removed.join(","))?;
            }
            Ok(())
        }
        Note::WithinParent => out.write_str("在同级之间"),
    }
}

pub(in crate::i18n) fn label(label: Label) -> &'static str {
    match label {
        Label::Parent => "上级",
        Label::Position => "位置",
        Label::MarkdownHeading => "### 计划变更",
        Label::MarkdownHeader => {
            "| 新增 | 删除 | 移动 | 重命名 | 修改 | 进度 |\n|---:|---:|---:|---:|---:|---|"
        }
        Label::MarkdownEmpty => "_没有差异。_",
    }
}

pub(in crate::i18n) fn driver(message: &Driver, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        Driver::Unmerged => {
            out.write_str("未合并：合并在这个文件中留下了冲突；`git diff` 会显示它们")
        }
        Driver::Mode { old, new } => write!(out, "文件模式 {old} → {new}"),
        Driver::CannotRead { error } => write!(out, "无法读取这处改动：{error}"),
        Driver::NewFile => out.write_str("新的计划文件"),
        Driver::DeletedFile => out.write_str("删除的计划文件"),
        Driver::ReadAlone => out.write_str(
            "未与计划集中的其他文件一起读取（它们与这个版本不符）：编号只在本文件内计算",
        ),
        Driver::SamePlan => out.write_str("计划没有变化；文本有改动（注释、排版或 x- 字段）："),
        Driver::TextDiffFollows => out.write_str("因此下面是文本差异："),
        Driver::VersionErrors { new, count } => write!(
            out,
            "{}版本有 {count} 个错误：",
            if *new { "新" } else { "旧" }
        ),
    }
}
