//! Chinese text of the failures to write and read, and of the arguments
//! that name nothing. Paths, revisions, options, commands and environment
//! variables stay as they are typed.

use std::fmt::{self, Formatter};
use std::io::ErrorKind;

use crate::i18n::io::{Cause, InputFailure, PathKind, WriteFailure};

const REVISION_HINT: &str =
    "提示：请指定提交、分支或标签（可用 `git log --oneline` 和 `git branch -a` 查看）";
const UNSHALLOW_HINT: &str = "提示：用 `git fetch --unshallow` 取回完整历史，\
     或在 `actions/checkout` 中设置 `fetch-depth: 0`";
const NOTHING_WRITTEN: &str = "没有写入任何文件";

/// The failure in Chinese where its kind is a common one, else the
/// operating system's own words (for every exit-2 error that quotes one).
pub(super) fn cause(cause: &Cause) -> &str {
    match cause.kind {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::IsADirectory => "这是一个文件夹",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::InvalidData => "内容无法读取",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::FileTooLarge => "文件超出了允许的大小",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        ErrorKind::QuotaExceeded => "超出了磁盘配额",
        ErrorKind::CrossesDevices => "不能跨文件系统改名",
        _ => &cause.text,
    }
}

pub(in crate::i18n) fn write_failure(
    failure: &WriteFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        WriteFailure::CannotWrite { path, cause: c } => {
            write!(out, "无法写入 `{path}`：{}；{NOTHING_WRITTEN}", cause(c))
        }
        WriteFailure::ReadOnly { path } => write!(
            out,
            "`{path}` 是只读文件；{NOTHING_WRITTEN}\n提示：如果它应当可以编辑，请先设为可写（`chmod u+w`）"
        ),
        WriteFailure::ChangedOnDisk { path } => write!(
            out,
            "wbs 工作期间 `{path}` 在磁盘上被改动了；{NOTHING_WRITTEN}\n提示：请重新运行这条命令"
        ),
        WriteFailure::CannotReadAgain { path, cause: c } => {
            write!(out, "无法再次读取 `{path}`：{}", cause(c))
        }
        WriteFailure::Locked { lock } => write!(
            out,
            "另一个 wbs 编辑正持有锁 `{lock}`；{NOTHING_WRITTEN}\n提示：请等它完成；如果没有 wbs 在运行，可以删除这个锁文件"
        ),
        WriteFailure::CannotLock { lock, cause: c } => {
            write!(out, "无法创建锁 `{lock}`：{}；{NOTHING_WRITTEN}", cause(c))
        }
        WriteFailure::CannotReplace {
            path,
            cause: c,
            written,
            unwritten,
        } => {
            write!(out, "无法替换 `{path}`：{}；", cause(c))?;
            if written.is_empty() {
                return out.write_str(NOTHING_WRITTEN);
            }
            write!(
                out,
                "已写入 {}，未写入 {}：请用 `wbs check` 检查它们",
                written.join("、"),
                unwritten.join("、")
            )
        }
        WriteFailure::LoneCr { path } => write!(
            out,
            "`{path}` 的行尾只有 CR（旧式 Mac 格式），wbs 能读取但不能编辑；{NOTHING_WRITTEN}\n提示：请先把行尾转换为 LF 或 CRLF"
        ),
        WriteFailure::CannotWriteFile { path, cause: c } => {
            write!(out, "无法写入 `{path}`：{}", cause(c))
        }
    }
}

pub(in crate::i18n) fn input_failure(
    failure: &InputFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        InputFailure::CannotRead { input, cause: c } => {
            write!(out, "无法读取 `{input}`：{}", cause(c))
        }
        InputFailure::TooLarge { input, limit } => write!(
            out,
            "`{input}` 超过 {limit} 字节的上限（`WBS_MAX_BYTES`）"
        ),
        InputFailure::Workbook {
            input,
            why,
            not_xlsx,
        } => match not_xlsx {
            true => write!(
                out,
                "`{input}` 不是 xlsx 工作簿\n提示：请在 Excel 或 WPS 中另存为 .xlsx"
            ),
            false => write!(
                out,
                "无法读取工作簿 `{input}`：{}",
                crate::i18n::Lang::Zh.show(why)
            ),
        },
        InputFailure::StdinUnreadable { cause: c } => {
            write!(out, "无法从标准输入读取计划：{}", cause(c))
        }
        InputFailure::StdinTooBig { limit } => write!(
            out,
            "标准输入中的计划超过 {limit} 字节的上限\n提示：可以用 `WBS_MAX_BYTES` 提高上限"
        ),
        InputFailure::NoCurrentDir { cause: c } => {
            write!(out, "无法确定当前目录：{}", cause(c))
        }
        InputFailure::UnknownRevision { rev, said } => {
            write!(out, "未知的修订版本 `{rev}`")?;
            if let Some(said) = said {
                write!(out, "（git：{said}）")?;
            }
            write!(out, "\n{REVISION_HINT}")
        }
        InputFailure::ShallowRevision { rev } => write!(
            out,
            "未知的修订版本 `{rev}`：这是浅克隆，可能没有那个提交\n{UNSHALLOW_HINT}"
        ),
        InputFailure::NotACommit { rev } => write!(
            out,
            "`{rev}` 指向的 git 对象不是提交\n\
             提示：请指定提交、分支或标签；要取某个版本中的文件，请写 `REV:PATH`"
        ),
        InputFailure::NotAtRevision { path, rev } => {
            write!(out, "{rev} 中不存在 `{path}`")
        }
        InputFailure::TooBigAtRevision {
            path,
            rev,
            size,
            limit,
        } => write!(
            out,
            "{rev} 中的 `{path}` 有 {size} 字节，超过上限 {limit} 字节\n\
             提示：如果文件确实这么大，可以用 `WBS_MAX_BYTES` 提高上限"
        ),
        InputFailure::FolderAtRevision { path, rev } => {
            write!(out, "{rev} 中 `{path}` 是文件夹，不是文件")
        }
        InputFailure::ShallowClone => write!(
            out,
            "这是浅克隆：只有最近的提交，没有计划的历史\n{UNSHALLOW_HINT}"
        ),
        InputFailure::NoPlanFilesAt { path, rev } => write!(
            out,
            "{rev} 时 `{path}` 中没有计划文件（`*.yaml`、`*.yml`）\n提示：用 `-f PATH` 指定计划"
        ),
        InputFailure::LinkAtRevision { path, rev } => write!(
            out,
            "{rev} 中 `{path}` 是符号链接；wbs 只从 git 读取普通文件\n提示：请指定链接指向的文件"
        ),
        InputFailure::SubmoduleAtRevision { path, rev } => write!(
            out,
            "{rev} 中 `{path}` 是子模块，不是计划文件或文件夹"
        ),
        InputFailure::MoveIntoFlowList { name } => write!(
            out,
            "无法把 {name} 移入单行的 `[..]` 列表：它的内容有多行\n\
             提示：请先把那个列表改写为块列表（每行一个 `- ` 条目）"
        ),
        InputFailure::PathNotNode { reference, kind } => {
            let what = match kind {
                PathKind::File => "文件名",
                PathKind::Folder => "文件夹",
            };
            write!(
                out,
                "`{reference}` 是{what}，不是节点\n提示：用 `-f PATH` 加载计划；用编号（id）或 WBS 代码（如 2.2.1）指定节点"
            )
        }
        InputFailure::NoCode { code } => write!(
            out,
            "没有 WBS 代码为 `{code}` 的节点\n提示：`wbs list` 会列出每个节点的代码；也可以用编号（id）"
        ),
        InputFailure::NoId { id, near } => {
            write!(out, "没有编号（id）为 `{id}` 的节点\n提示：")?;
            match near {
                Some(near) => write!(out, "是不是想写 `{near}`？也可以用 WBS 代码，如 2.2.1"),
                None => out.write_str("用编号（id）或 WBS 代码（如 2.2.1）指定节点"),
            }
        }
        InputFailure::UnknownSortKey { key, near, keys } => {
            write!(out, "未知的排序键 `{key}`\n提示：")?;
            match near {
                Some(near) => write!(out, "是不是想写 `{near}`？"),
                None => {
                    let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                    write!(out, "可用的排序键：{}", keys.join("、"))
                }
            }
        }
        InputFailure::BinaryToTerminal => out.write_str(
            "工作簿是二进制文件，不会输出到终端\n提示：`wbs export --format xlsx --output plan.xlsx`",
        ),
        InputFailure::NotSpan { text } => write!(
            out,
            "`{text}` 不是时间跨度；请写天数或周数，例如 14d 或 2w"
        ),
        InputFailure::NotPercent { text } => {
            write!(out, "`{text}` 不是 0 到 100 之间的百分比")
        }
        InputFailure::DepthZero => out.write_str("层数至少为 1（1 只显示顶层节点）"),
        InputFailure::NotDepth { text } => {
            write!(out, "`{text}` 不是层数；请写从 1 起的整数")
        }
        InputFailure::NotId { text } => write!(
            out,
            "`{text}` 不是有效的编号（id）：请用字母、数字、`-`、`_` 和 `.`，且不能只有数字和点"
        ),
    }
}

/// `wbs diff REV` outside a git work tree.
pub(in crate::i18n) fn not_a_repository(failure: &crate::git::NotARepository) -> String {
    format!(
        "`{}` 不在 git 工作区中（git：{}）\n\
         提示：要读取某个修订版本的计划，请在 git 仓库中运行 wbs；也可以按路径比较计划文件",
        failure.dir, failure.git_said
    )
}

/// clap's frame of a value our parser refused, in Chinese.
pub(in crate::i18n) fn invalid_value(arg: &str, value: &str, message: &str) -> String {
    format!(
        "{}`{arg}` 的值 `{value}` 无效：{message}\n\n更多信息请运行 `--help`。\n",
        crate::i18n::io::error_frame(crate::i18n::Lang::Zh)
    )
}
