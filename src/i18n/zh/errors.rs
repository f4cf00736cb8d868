//! Chinese text of the errors any command may stop with. Options, field
//! names, query words and environment variables stay as they are typed.

use std::fmt::{self, Formatter};

use super::io::cause;
use crate::i18n::errors::{Failure, Frame, PathKind, Problem, QueryHelp};

pub(in crate::i18n) fn frame(frame: Frame) -> &'static str {
    match frame {
        Frame::Error => "错误：",
        Frame::Hint => "提示：",
        Frame::Help => "提示：",
    }
}

pub(in crate::i18n) fn path_kind(kind: PathKind) -> &'static str {
    match kind {
        PathKind::File => "文件名",
        PathKind::Folder => "文件夹",
        PathKind::Mixed => "路径",
    }
}

pub(in crate::i18n) fn failure(failure: &Failure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        Failure::PlanFolderUnreadable { folder, cause: c } => write!(
            out,
            "无法读取计划文件夹 `{folder}/`：{}\n\
             提示：请在 `{folder}/` 所在的目录运行 wbs，或用 -f PATH 或 WBS_FILE 指定计划",
            cause(c)
        ),
        Failure::PathUnreadable {
            path,
            origin,
            cause: c,
            near,
        } => {
            write!(out, "无法读取 `{path}`（来自 {origin}）：{}", cause(c))?;
            match near {
                Some(near) => write!(out, "\n提示：是不是想写 `{near}`？"),
                None => Ok(()),
            }
        }
        Failure::NoPlanFiles { folder } => write!(
            out,
            "`{folder}` 中没有计划文件（*.yaml、*.yml）\n提示：在那里添加一个计划，或用 -f PATH 指定计划"
        ),
        Failure::CannotList { folder, cause: c } => {
            write!(out, "无法列出 `{folder}` 的内容：{}", cause(c))
        }
        Failure::CannotRead { path, cause: c } => write!(out, "无法读取 `{path}`：{}", cause(c)),
        Failure::TooBig { path, size, limit } => write!(
            out,
            "`{path}` 有 {size} 字节，超过上限 {limit} 字节\n\
             提示：如果文件确实这么大，可以用 WBS_MAX_BYTES 提高上限"
        ),
        Failure::MaxBytes { max, text } => write!(
            out,
            "WBS_MAX_BYTES 必须是 1 到 {max} 之间的字节数，而不是 `{text}`"
        ),
        Failure::BadToday { text } => {
            write!(out, "WBS_TODAY：`{text}` 不是日期，请写成 YYYY-MM-DD")
        }
        Failure::PathsInQuery {
            names,
            kind,
            command,
        } => write!(
            out,
            "{} 是{}，不是查询条件\n提示：用 -f 加载计划：{command}",
            names.join("、"),
            path_kind(*kind)
        ),
        Failure::PathArgument {
            word,
            kind,
            subcommand,
            command,
        } => {
            write!(out, "`{word}` 是{}，不是", path_kind(*kind))?;
            match subcommand {
                Some(name) => write!(out, " `wbs {name}` 的参数")?,
                None => out.write_str(" wbs 的参数")?,
            }
            write!(out, "\n提示：用 -f 加载计划：{command}")
        }
        Failure::ImportExists { path, other } => write!(
            out,
            "`{path}` 已存在；wbs import 从不覆盖文件\n\
             提示：换一个新文件名，例如 `--output {other}`，或用 `--output -` 直接输出计划"
        ),
        Failure::ImportInvalid { source } => write!(
            out,
            "由 `{source}` 生成的计划无法通过校验；没有写入任何文件\n\
             提示：这是 wbs import 的缺陷，请连同输入文件一起报告"
        ),
        Failure::NothingThatOld { text } => {
            write!(out, "HEAD 的历史中没有早到 `{text}` 的提交")
        }
        Failure::NotInHistory { since, until } => write!(
            out,
            "`{since}` 不在 `{until}` 的历史中\n\
             提示：--since 应指向同一条提交线上更早的提交，或一个日期"
        ),
        Failure::NoPlansInHistory { roots } => write!(
            out,
            "这段历史中没有任何提交在 {roots} 中有计划文件\n\
             提示：用 -f PATH 指定计划，或检查 --since 和 --until"
        ),
        Failure::NotRevisionOrDate { text } => write!(
            out,
            "`{text}` 既不是 git 版本，也不是日期\n\
             提示：请写提交、分支或标签，或日期，例如 2026-11-01 或 '7 days ago'"
        ),
    }
}

pub(in crate::i18n) fn problem(problem: &Problem, out: &mut Formatter<'_>) -> fmt::Result {
    match problem {
        Problem::FullWidthColon => out.write_str("`：` 是全角冒号"),
        Problem::UnknownOperator { op, field } => {
            write!(out, "`{field}` 后面的运算符 `{op}` 无法识别")
        }
        Problem::EmptyTerm => out.write_str("查询条件是空的"),
        Problem::UnknownField { name } => write!(out, "查询中有未知字段 `{name}`"),
        Problem::FullWidthComma { comma } => {
            let kind = if *comma == '，' {
                "全角逗号"
            } else {
                "顿号"
            };
            write!(out, "`{comma}` 是{kind}")
        }
        Problem::TakesColon { field, op } => {
            write!(out, "`{field}` 后面只能用 `:`，不能用 `{op}`")
        }
        Problem::NotLevel { value } => write!(out, "`{value}` 不是层级"),
        Problem::NotProgress { value } => write!(out, "`{value}` 不是进度"),
        Problem::UnknownStatus { value } => write!(out, "查询中有未知状态 `{value}`"),
        Problem::UnderNoNode { value } => write!(out, "`under:{value}` 没有对应的节点"),
        Problem::NotDate { value } => write!(out, "`{value}` 不是日期"),
        Problem::UnknownIs { value } => write!(out, "无法识别 `is:{value}`"),
        Problem::UnknownHas { value } => write!(out, "无法识别 `has:{value}`"),
    }
}

pub(in crate::i18n) fn query_help(help: &QueryHelp, out: &mut Formatter<'_>) -> fmt::Result {
    match help {
        QueryHelp::UseAsciiColon { fixed } => write!(out, "请用半角冒号：{fixed}"),
        QueryHelp::Operators { comparable } => {
            write!(out, "运算符是 `:`；{comparable} 还可以用 <、<=、>、>= 和 =")
        }
        QueryHelp::RemoveEmpty => out.write_str("删掉它，或给要搜索的文字加上引号"),
        QueryHelp::DidYouMean { word } => write!(out, "是不是想写 `{word}`？"),
        QueryHelp::QueryFields { fields } => write!(out, "可查询的字段有：{fields}"),
        QueryHelp::UseAsciiComma { fixed } => write!(out, "请用半角逗号：{fixed}"),
        QueryHelp::ListOrCompare { field, comparable } => write!(
            out,
            "写 `{field}:a,b` 表示列表中的任意一个；只有 {comparable} 可以用 <、<=、>、>= 和 = 比较"
        ),
        QueryHelp::Levels => out.write_str("层级是从 1 开始的整数（1 是顶层节点）"),
        QueryHelp::Percentage => out.write_str("请写百分数，例如 progress<50"),
        QueryHelp::Statuses { statuses } => write!(out, "状态有：{statuses}"),
        QueryHelp::UnderReference => out.write_str("请用节点的 id 或 WBS 编号，例如 under:2.1"),
        QueryHelp::DateForms => out.write_str("请写 YYYY-MM-DD、today、today+14d 或 today-2w"),
        QueryHelp::IsTakes { words } => write!(out, "`is:` 可以是：{words}"),
        QueryHelp::NameXKey => out.write_str("请写出 x- 键的名字，例如 `has:x-jira`"),
        QueryHelp::LowercaseX { key } => {
            write!(out, "自定义键以小写的 `x-` 开头：`has:x-{key}`")
        }
        QueryHelp::HasTakes { fields } => {
            write!(out, "`has:` 可以是：{fields}，或 x- 键，例如 `has:x-jira`")
        }
    }
}
