//! Chinese text of `wbs show`.

use std::fmt::{self, Formatter};

use crate::i18n::Lang;
use crate::i18n::Phrase;
use crate::i18n::views::{Field, Show, ShowWord};

pub(in crate::i18n) fn field(field: Field) -> &'static str {
    match field {
        Field::Id => "标识：",
        Field::Title => "标题：",
        Field::Parent => "上级：",
        Field::Owner => "负责人：",
        Field::Status => "状态：",
        Field::Progress => "进度：",
        Field::Start => "开始：",
        Field::Due => "截止：",
        Field::Effort => "工作量：",
        Field::Level => "层级：",
        Field::Kind => "类型：",
        Field::Overdue => "逾期：",
        Field::DueSoon => "即将到期：",
        Field::Tags => "标签：",
        Field::Notes => "备注：",
        Field::File => "文件：",
        Field::Children => "子任务：",
        Field::LeavesBelow => "下属叶子任务：",
    }
}

pub(in crate::i18n) fn word(word: ShowWord) -> &'static str {
    match word {
        ShowWord::Leaf => "叶子任务",
        ShowWord::Parent => "父任务",
        ShowWord::No => "否",
        ShowWord::DueToday => "是，今天到期",
        ShowWord::NotCounted => "已取消，不计入",
        ShowWord::WaitedOnByNoId => "被依赖：无（它没有 id，其他节点无法在 `after` 中引用它）",
        ShowWord::CancelledEveryLeaf => "已取消（下面的叶子任务都已取消）",
        ShowWord::ProgressCancelled => "进度：0.0%，已取消：下面的叶子任务都不计入",
        ShowWord::CancelledLeaf => "已取消：保留自身进度，但不计入任何汇总",
    }
}

pub(in crate::i18n) fn show(message: &Show, out: &mut Formatter<'_>) -> fmt::Result {
    let status = |s: &crate::plan::fields::Status| s.text(Lang::Zh);
    match message {
        Show::Inherited { owner, from } => write!(out, "{owner}（继承自 {from}）"),
        Show::CancelledUnder { code } => write!(out, "已取消（位于已取消的 {code} 之下）"),
        Show::NotWritten { status: s } => write!(out, "{}（未填写）", status(s)),
        Show::RolledUp { status: s } => write!(out, "{}（由下级汇总）", status(s)),
        Show::Derived { date } => write!(out, "{date}（推算）"),
        Show::EffortSum { hours } => write!(out, "{hours}（叶子任务之和）"),
        Show::EffortCancelled { hours } => write!(out, "{hours}（已取消，不计入）"),
        Show::EffortBoth { text, hours } => write!(out, "{text}（{hours}）"),
        Show::EffortDefault {
            effort,
            from_file: true,
        } => write!(out, "{effort}，未填写：取文件的 `defaults.effort`"),
        Show::EffortDefault {
            effort,
            from_file: false,
        } => write!(out, "{effort}，未填写：取默认权重"),
        Show::OverdueBy { days } => write!(out, "是，已超过截止日期 {days} 天"),
        Show::DueSoonIn { days } => write!(out, "是，{days} 天后到期"),
        Show::After { count: 0, .. } => out.write_str("前置：无"),
        Show::After { count, open: 0 } => write!(out, "前置：{count} 个节点，均已完成"),
        Show::After { count, open } if open == count => {
            write!(out, "前置：{count} 个节点，均未完成")
        }
        Show::After { count, open } => write!(out, "前置：{count} 个节点，{open} 个未完成"),
        Show::WaitedOnBy { count: 0 } => out.write_str("被依赖：无"),
        Show::WaitedOnBy { count } => write!(out, "被依赖：{count} 个节点"),
        Show::ByStatus { total, counts } => {
            write!(out, "{total}（")?;
            for (i, (s, n)) in counts.iter().enumerate() {
                let sep = if i > 0 { "，" } else { "" };
                write!(out, "{sep}{} {n}", status(s))?;
            }
            out.write_str("）")
        }
        Show::ProgressDone { percent } => write!(out, "进度：{percent}，因为状态是已完成"),
        Show::ProgressWritten { percent, written } => {
            write!(
                out,
                "进度：{percent}，取自节点上填写的值（`progress: {written}`）"
            )
        }
        Show::ProgressDefault { percent } => {
            write!(out, "进度：{percent}，因为它尚未完成，也没有填写进度")
        }
        Show::ProgressWeighted { percent, leaves } => write!(
            out,
            "进度：{percent}，按工作量加权，计入下面 {leaves} 个未取消的叶子任务"
        ),
        Show::ProgressMean { percent, leaves } => write!(
            out,
            "进度：{percent}，下面 {leaves} 个未取消叶子任务的简单平均（权重都是 0h）"
        ),
        Show::WeightIn {
            weight,
            code,
            title,
        } => write!(out, "权重：{weight}，计入 {code}  {title} 的汇总"),
        Show::WeightInPlan { weight } => write!(out, "权重：{weight}，计入计划的总进度"),
        Show::Leaves { count } => write!(out, "{count} 个叶子任务"),
    }
}
