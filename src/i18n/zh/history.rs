//! Chinese text of what `wbs history` says.

use std::fmt::{self, Formatter};

use chrono::NaiveDate;

use crate::i18n::history::{Column, History, Label, MarkdownColumn, NoForecast, ScopeMove};

pub(in crate::i18n) fn label(label: Label) -> &'static str {
    match label {
        Label::Plan => "计划",
        Label::DoneEffort => "已完成工作量",
        Label::Scope => "范围",
        Label::VersionWithErrors => "有错误的版本",
        Label::Gap => "空缺",
        Label::NoPlans => "无计划",
        Label::TooBig => "文件过大",
        Label::NeverWithinTenYears => "十年以后",
        Label::ChartTitle => "燃起图：范围与已完成工作量（小时）",
        Label::ChartHours => "小时",
        Label::ChartCaption => {
            "橙线（上）：范围，即未取消任务的工作量；绿线（下）：已完成工作量。\
             每个日期显示当天结束时的计划。"
        }
    }
}

pub(in crate::i18n) fn column(column: Column) -> &'static str {
    match column {
        Column::Date => "日期",
        Column::Commit => "提交",
        Column::Progress => "进度",
        Column::Done => "完成",
        Column::Effort => "工作量",
        Column::Earned => "进展",
        Column::Overdue => "逾期",
        Column::Blocked => "受阻",
        Column::Subject => "提交说明",
    }
}

pub(in crate::i18n) fn markdown_column(column: MarkdownColumn) -> &'static str {
    match column {
        MarkdownColumn::Date => "日期",
        MarkdownColumn::Commit => "提交",
        MarkdownColumn::Progress => "进度",
        MarkdownColumn::LeavesDone => "已完成叶子任务",
        MarkdownColumn::DoneOfScope => "已完成 / 范围",
        MarkdownColumn::Earned => "进展",
        MarkdownColumn::Overdue => "逾期",
        MarkdownColumn::Blocked => "受阻",
        MarkdownColumn::Subject => "提交说明",
    }
}

pub(in crate::i18n) fn no_forecast(why: NoForecast) -> &'static str {
    match why {
        NoForecast::NoValidPoint => "计划没有任何一个版本通过校验",
        NoForecast::EmptyScope => "范围内没有任何工作量",
        NoForecast::NothingLeft => "已没有剩余工作",
        NoForecast::TooShort => "历史不足两天",
        NoForecast::NotRising => "进度没有上升",
    }
}

/// A forecast date, or how far out it is.
fn date(date: &Option<NaiveDate>) -> String {
    date.map_or_else(
        || label(Label::NeverWithinTenYears).to_owned(),
        |d| d.to_string(),
    )
}

pub(in crate::i18n) fn history(message: &History, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        History::Span {
            points,
            first,
            last,
        } => write!(out, "{points} 个数据点，{first} 至 {last}"),
        History::Errors { count } => write!(out, "{count} 个错误"),
        History::NoPlanFiles => out.write_str("没有计划文件"),
        History::TooBig { file, size, limit } => {
            write!(out, "`{file}` 有 {size} 字节，超过上限 {limit} 字节")
        }
        History::NoForecast { why } => write!(out, "预测：无——{}。", no_forecast(*why)),
        History::Forecast { p50, p85 } => write!(
            out,
            "预测：有 50% 的可能在 {} 前完成，85% 的可能在 {} 前完成",
            date(p50),
            date(p85)
        ),
        History::Pace {
            remaining,
            days,
            daily_gain,
            scope,
            rescoped,
        } => {
            write!(
                out,
                "剩余 {remaining}；最近 {days} 天每天靠进展完成 {daily_gain}，"
            )?;
            match scope {
                ScopeMove::Same => out.write_str("范围没有变化")?,
                ScopeMove::Grew(hours) => write!(out, "范围增加了 {hours}")?,
                ScopeMove::Shrank(hours) => write!(out, "范围减少了 {hours}")?,
            }
            if let Some(rescoped) = rescoped {
                write!(
                    out,
                    "；已完成工作量中有 {rescoped} 来自重新估算和增删任务，而非进展"
                )?;
            }
            out.write_str("。")
        }
        History::Method {
            runs,
            window,
            mean,
            remaining,
        } => write!(
            out,
            "蒙特卡洛模拟，{runs} 次：每次从最近 {window} 天的每日已完成工作量增长中随机抽取天数\
             （平均每天 {mean:.1}h），直到剩余的 {remaining:.0}h 完成；重新估算和增删任务改变的是范围，\
             而不是增长；范围按当前计算"
        ),
        History::MethodLine { method } => write!(out, "方法：{method}。"),
        History::MarkdownHeading { title } => write!(out, "### 历史：{title}"),
        History::MarkdownGap { why } => write!(out, "空缺：{why}"),
        History::MarkdownForecast {
            p50,
            p85,
            remaining,
            daily_gain,
            days,
            scope_change,
        } => write!(
            out,
            "**预测**：有 50% 的可能在 {} 前完成，85% 的可能在 {} 前完成；剩余 {remaining}，\
             最近 {days} 天每天靠进展完成 {daily_gain:.1}h，其间范围变化 {scope_change:+.0}h。",
            date(p50),
            date(p85),
        ),
        History::MarkdownMethod { method } => write!(out, "_方法：{method}。_"),
        History::MarkdownNoForecast { why } => write!(out, "**预测**：无：{}。", no_forecast(*why)),
    }
}
