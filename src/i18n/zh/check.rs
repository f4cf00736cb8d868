//! Chinese text of what `wbs check` says.
//!
//! Field names, codes, values written in a plan (`todo`, `1d`) and
//! placeholders' punctuation stay as in the plan format; everything else
//! is Chinese, with a space between Chinese and code, numbers or dates.

use std::fmt::{self, Formatter};

use crate::i18n::check::{Check, Frame, Help, Holder, Place, Relation, Shape};

pub(in crate::i18n) fn check(message: &Check, out: &mut Formatter<'_>) -> fmt::Result {
    let shape = |shape: &Shape| self::shape(*shape);
    match message {
        Check::KeyNotWord { shape: s } => write!(out, "键必须是普通的词，不能是{}", shape(s)),
        Check::UnknownField { name, holder: h } => {
            write!(out, "{}中有未知字段 `{name}`", holder(*h))
        }
        Check::NotSingleValue { field, shape: s } => {
            write!(out, "`{field}` 必须是单个值，不能是{}", shape(s))
        }
        Check::NotList { field, shape: s } => {
            write!(out, "`{field}` 必须是列表，不能是{}", shape(s))
        }
        Check::EntryNotSingleValue { field, shape: s } => {
            write!(out, "`{field}` 的每一项都必须是单个值，不能是{}", shape(s))
        }
        Check::InvalidDate { text, field } => {
            write!(out, "`{text}` 不是有效的 `{field}` 日期")
        }
        Check::InvalidEffort { text } => write!(out, "`{text}` 不是有效的工作量"),
        Check::InvalidProgress { text } => write!(out, "`{text}` 不是有效的进度"),
        Check::InvalidId { id } => write!(out, "`{id}` 不是有效的 id"),
        Check::InvalidStatus { status } => write!(out, "`{status}` 不是有效的状态"),
        Check::EmptyPlan => out.write_str("计划文件是空的：`wbs`、`title` 和 `tasks` 都是必填项"),
        Check::PlanNotMapping { shape: s } => {
            write!(out, "计划文件必须是映射，不能是{}", shape(s))
        }
        Check::PlanStartsAfterDue { start, due } => {
            write!(out, "计划的开始日期 {start} 晚于截止日期 {due}")
        }
        Check::PlanLacks { field } => write!(out, "计划缺少 `{field}`"),
        Check::UnsupportedVersion { version } => {
            write!(out, "不支持计划格式版本 `{version}`")
        }
        Check::PeopleNotMapping { shape: s } => write!(
            out,
            "`people` 必须是从键到人员信息的映射，不能是{}",
            shape(s)
        ),
        Check::PersonNotMapping { shape: s } => {
            write!(out, "人员信息必须是映射，不能是{}", shape(s))
        }
        Check::DefaultsNotMapping { shape: s } => {
            write!(out, "`defaults` 必须是映射，不能是{}", shape(s))
        }
        Check::TasksNotList { shape: s } => {
            write!(out, "`tasks` 必须是任务列表，不能是{}", shape(s))
        }
        Check::TaskNotMapping { shape: s } => {
            write!(out, "任务必须是映射或标题，不能是{}", shape(s))
        }
        Check::EmptyTitle => out.write_str("这个任务的标题是空的"),
        Check::NoTitle => out.write_str("这个任务没有 `title`"),
        Check::TaskStartsAfterDue { start, due } => {
            write!(out, "这个任务的开始日期 {start} 晚于截止日期 {due}")
        }
        Check::EmptyParent => out.write_str("`tasks: []` 是空的，所以这个任务是叶子任务"),
        Check::LeafFieldOnParent { field } => write!(out, "有子任务的任务不能设置 `{field}`"),
        Check::DoneNotComplete { progress } => {
            write!(out, "这个任务已完成，进度却是 {progress}")
        }
        Check::TodoWithProgress { progress } => {
            write!(out, "这个任务是待办，却已完成 {progress}%")
        }
        Check::DuplicateId { id } => write!(out, "id `{id}` 已被使用"),
        Check::UnknownOwner { owner } => write!(out, "`{owner}` 不在本文件的 `people` 中"),
        Check::ChildDueAfterParent { due, limit } => {
            write!(out, "截止日期 {due} 晚于父任务的截止日期 {limit}")
        }
        Check::ChildStartsBeforeParent { start, limit } => {
            write!(out, "开始日期 {start} 早于父任务的开始日期 {limit}")
        }
        Check::UnknownDependency { id } => write!(out, "没有哪个节点的 id 是 `{id}`"),
        Check::DependencyOnAncestor { id, relation: r } => {
            write!(out, "这个节点依赖 `{id}`，而 `{id}` 是它的{}", relation(*r))
        }
        Check::DependsOnLaterStart { start, id, due } => {
            write!(out, "开始于 {start}，但 `{id}` 要到 {due} 才截止")
        }
        Check::DependencyCycle {
            first,
            hidden,
            last,
        } => {
            out.write_str("依赖循环：")?;
            for (i, id) in first.iter().enumerate() {
                if i > 0 {
                    out.write_str(" → ")?;
                }
                out.write_str(id)?;
            }
            if *hidden > 0 {
                write!(out, " → …（另有 {hidden} 个）")?;
            }
            for id in last {
                write!(out, " → {id}")?;
            }
            Ok(())
        }
        Check::NotUtf8 => out.write_str("文件不是有效的 UTF-8 文本"),
        Check::NulByte => out.write_str("文件中有 NUL 字节"),
        Check::MergeConflict { count: 1 } => out.write_str("文件中残留了 git 冲突标记"),
        Check::MergeConflict { count } => write!(
            out,
            "文件中残留了 git 冲突标记：共 {count} 处冲突，第一处在这里"
        ),
        Check::Summary {
            files,
            nodes,
            errors,
            warnings,
        } => write!(
            out,
            "已检查 {files} 个文件、{nodes} 个节点：{errors} 个错误，{warnings} 个警告"
        ),
        Check::MoreWarnings { hidden } => {
            write!(out, "……另有 {hidden} 个警告未显示：`wbs check` 会列出全部")
        }
        Check::More { hidden } => write!(out, "……另有 {hidden} 个"),
    }
}

pub(in crate::i18n) fn help(help: &Help, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match help {
        Help::DidYouMean { word } => return write!(out, "是不是想写 `{word}`？"),
        Help::FieldsOf { holder: h, names } => {
            return write!(
                out,
                "{}的字段有：{}；自定义数据请写在 x- 字段中",
                holder(*h),
                names.join("、")
            );
        }
        Help::WriteText { field } => {
            return write!(
                out,
                "写成 `{field}: <文本>`；文本含有 `: ` 或以 `[` 开头时要加引号"
            );
        }
        Help::Date => "按 YYYY-MM-DD 写出真实的日期，例如 2026-03-31",
        Help::AddUnit { number } => {
            return write!(out, "加上单位：`{number}h`、`{number}d` 或 `{number}w`");
        }
        Help::Effort => {
            "写成数字加单位：h（小时）、d（天，即 8h）或 w（周，即 5d），例如 4h、1.5d、2w"
        }
        Help::WriteList { field, value } => {
            return match value {
                Some(value) => write!(out, "写成列表：`{field}: [{value}]`"),
                None => write!(out, "写成列表：`{field}: [a, b]`"),
            };
        }
        Help::StartPlan => "文件开头写上 `wbs: 1`、`title:` 和 `tasks:` 列表",
        Help::SwapDates => "交换这两个日期，或修改其中一个",
        Help::AddVersion => "在开头加上 `wbs: 1`（格式版本）",
        Help::AddPlanTitle => "在开头加上 `title: <计划名称>`",
        Help::AddTasks => "加上 `tasks:` 列表，写出计划的顶层任务",
        Help::Version => "这个版本的 wbs 读取格式版本 1：请写 `wbs: 1`",
        Help::People => "在 `people:` 下每人写一行 `key: { name: …, team: … }`",
        Help::Person => "写成 `key: { name: …, team: …, email: … }`",
        Help::Defaults => "写成 `defaults: { effort: 1d }`",
        Help::TasksList => "在 `tasks:` 下把每个任务写成一个 `- ` 条目",
        Help::Task => "写成 `- 标题` 或 `- { title: …, status: … }`",
        Help::WriteTitle => "写上任务的标题，例如 `- 搭建 CI`",
        Help::AddTitle => "加上 `title: <任务内容>`",
        Help::EmptyParent => "删除空的 `tasks` 列表，或加上子任务",
        Help::ParentStatus => "有子任务的任务由子任务得出状态；只能设置 `cancelled`",
        Help::ParentProgress => "有子任务的任务由子任务得出进度",
        Help::ParentEffort => "有子任务的任务由子任务得出工作量（各叶子任务之和）",
        Help::DoneIsComplete => "已完成的任务进度就是 100%：删除 `progress`，或改成它实际的状态",
        Help::TodoWithProgress => "设置 `status: in-progress`，或删除 `progress`",
        Help::IdLooksLikeCode => "只有数字和点的 id 会被读成 WBS 编号；请加一个字母",
        Help::IdCharacters => "id 只能由字母、数字、`-`、`_` 和 `.` 组成，例如 `platform-tools`",
        Help::Statuses => "请使用 `todo`、`in-progress`、`blocked`、`done`、`cancelled` 之一",
        Help::Progress => "写 0 到 100 的百分比，例如 40、37.5 或 \"40%\"",
        Help::UniqueIds => "一起加载的所有文件中 id 都必须唯一：请重命名其中一个",
        Help::AddPerson { owner } => {
            return write!(out, "把 `{owner}` 加入 `people`，或使用其中已有的键");
        }
        Help::MoveChildDue => "修改子任务的截止日期，或修改父任务的",
        Help::MoveChildStart => "修改子任务的开始日期，或修改父任务的",
        Help::AfterIds => "`after` 列出的是计划中其他节点的 id",
        Help::NotAncestor => "父任务随子任务完成而完成：请改为依赖同级任务或其他分支",
        Help::StartAfterPredecessor => {
            "把这个节点的开始日期移到前置任务的截止日期之后，或去掉这个依赖"
        }
        Help::BreakCycle => "循环中的节点永远无法开始：删除其中一个 `after` 条目",
        Help::Utf8 => "计划是 UTF-8 文本：请把文件另存为 UTF-8",
        Help::Binary => "计划是文本文件；这是不是一个二进制文件？",
        Help::ResolveConflict => "保留需要的行并删除冲突标记行；运行过 `wbs git-setup` 后，git 会按任务合并计划，只在真正冲突处留下标记",
    })
}

pub(in crate::i18n) fn place(place: Place) -> &'static str {
    match place {
        Place::FirstDefined => "首次定义于此",
        Place::ParentDue => "父任务的截止日期在此",
        Place::ParentStarts => "父任务的开始日期在此",
        Place::MarkedDone => "在此标记为已完成",
        Place::OpenedHere => "从这里开始",
        Place::StillOpenFromHere => "从这里开始，尚未闭合",
        Place::StillQuotedHere => "到这里仍在引号之内",
        Place::AnotherConflict => "另一处冲突从这里开始",
        Place::BaseText => "共同祖先的文本从这里开始",
        Place::OtherSide => "另一方的文本从这里开始",
        Place::ConflictEnds => "冲突到这里结束",
    }
}

pub(in crate::i18n) fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Mapping => "映射",
        Shape::List => "列表",
        Shape::Null => "空值（null）",
        Shape::SingleValue => "单个值",
        Shape::Alias => "别名",
    }
}

pub(in crate::i18n) fn holder(holder: Holder) -> &'static str {
    match holder {
        Holder::Plan => "计划",
        Holder::Person => "人员信息",
        Holder::Task => "任务",
        Holder::Defaults => "`defaults` 设置",
    }
}

pub(in crate::i18n) fn relation(relation: Relation) -> &'static str {
    match relation {
        Relation::Ancestor => "祖先",
        Relation::Descendant => "后代",
    }
}

pub(in crate::i18n) fn frame(frame: Frame) -> &'static str {
    match frame {
        Frame::Help => "提示",
        Frame::Note => "注",
    }
}
