//! Chinese text of the views: tables, the report, the charts and the
//! markdown export.
//!
//! Table headers are short (two to four characters); sentences use
//! full-width punctuation and a space between Chinese and numbers, dates
//! or code.

use std::fmt::{self, Formatter};

use crate::i18n::views::{Header, Section, View, Word};
use crate::report::{Failure, Gate};

pub(in crate::i18n) fn header(header: Header) -> &'static str {
    match header {
        Header::Code => "编号",
        Header::Id => "标识",
        Header::Title => "标题",
        Header::Owner => "负责人",
        Header::Status => "状态",
        Header::Progress => "进度",
        Header::Start => "开始",
        Header::Due => "截止",
        Header::Effort => "工作量",
        Header::Level => "层级",
        Header::Tags => "标签",
        Header::After => "前置",
        Header::File => "文件",
        Header::Line => "行号",
        Header::Notes => "备注",
        Header::Todo => "待办",
        Header::Doing => "进行中",
        Header::Blocked => "受阻",
        Header::Done => "已完成",
        Header::Cancelled => "已取消",
        Header::Overdue => "逾期",
        Header::Branch => "分支",
        Header::DaysLate => "逾期天数",
        Header::DaysLeft => "剩余天数",
        Header::Task => "任务",
        Header::Was => "原截止",
        Header::Now => "新截止",
        Header::Days => "天数",
        Header::Leaves => "叶子任务",
        Header::Weight => "权重",
        Header::Share => "贡献",
    }
}

pub(in crate::i18n) fn section(section: Section) -> &'static str {
    match section {
        Section::Overdue => "逾期",
        Section::DueSoon => "即将到期",
        Section::Blocked => "受阻",
        Section::DoneSince => "期间完成",
        Section::NewlyOverdue => "新增逾期",
        Section::Slipped => "截止日期推迟",
    }
}

pub(in crate::i18n) fn word(word: Word) -> &'static str {
    match word {
        Word::Selection => "范围：",
        Word::EveryFigureSelected => "以下数字只统计这些任务",
        Word::NoTasks => "计划中还没有任务。",
        Word::NoMatch => "没有节点符合查询条件。",
        Word::Nothing => "无",
        Word::NothingSentence => "无。",
        Word::Timeline => "时间线",
        Word::Today => "今天",
        Word::Overdue => "逾期",
        Word::Blocked => "受阻",
        Word::DueToday => "今天到期",
        Word::Cancelled => "已取消",
        Word::NoTasksSentence => "没有任务。",
        Word::PlanHasNoTasks => "计划中还没有任务",
        Word::NoNodeMatches => "没有节点符合查询条件",
        Word::Colon => "：",
        Word::Stop => "。",
    }
}

pub(in crate::i18n) fn view(message: &View, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        View::Selection { query } => write!(out, "范围：{query}"),
        View::SelectedLeaves { leaves, of } => write!(out, "{of} 个叶子任务中的 {leaves} 个"),
        View::LeavesDone {
            done,
            active,
            cancelled,
        } => {
            write!(out, "{active} 个叶子任务已完成 {done} 个")?;
            match cancelled {
                0 => Ok(()),
                n => write!(out, "（另有 {n} 个已取消）"),
            }
        }
        View::EffortDone { done, total } => write!(out, "工作量已完成 {done} / {total}"),
        View::ReportTitle { title, today } => write!(out, "{title} — {today} 进度"),
        View::Counted { section: s, count } => write!(out, "{}（{count}）", section(*s)),
        View::DueSoonWithin { count, days } => {
            write!(out, "即将到期（{count}，未来 {days} 天）")
        }
        View::GateFailed { reasons } => {
            out.write_str("报告检查未通过：")?;
            for (i, reason) in reasons.iter().enumerate() {
                if i > 0 {
                    out.write_str("，")?;
                }
                match reason {
                    Failure::Count { gate, count } => {
                        let what = match gate {
                            Gate::Overdue => "逾期",
                            Gate::Blocked => "受阻",
                            Gate::DueSoon => "即将到期",
                        };
                        write!(out, "{what} {count} 项")?;
                    }
                    Failure::Below { progress, min } => {
                        write!(out, "进度 {progress:.1}% 低于 {min}%")?;
                    }
                }
            }
            Ok(())
        }
        View::SinceCommit { text, commit, date } => {
            write!(out, "自 {text} 以来（提交 {commit}，{date}）")
        }
        View::SinceStart { text } => write!(out, "自 {text} 以来（早于第一次提交）"),
        View::ProgressChange { then, now } => {
            write!(out, "进度 {then:.1}% → {now:.1}%（{:+.1}）", now - then)
        }
        View::ChangeCounts {
            done,
            overdue,
            slipped,
        } => write!(
            out,
            "完成 {done} 个叶子任务，新增逾期 {overdue} 个，截止日期推迟 {slipped} 个"
        ),
        View::ChangeLine {
            then,
            now,
            done,
            overdue,
            slipped,
        } => write!(
            out,
            "进度 **{then:.1}% → {now:.1}%**（{:+.1}）· 完成 {done} 个叶子任务 · 新增逾期 {overdue} 个 · 截止日期推迟 {slipped} 个",
            now - then,
        ),
        View::DueLate { due, days } => write!(out, "截止 {due}，逾期 {days} 天"),
        View::SlippedBy { old, new, days } => write!(out, "{old} → {new}（推迟 {days} 天）"),
        View::AndMore { count } => write!(out, "… 另有 {count} 项"),
        View::ChartBranches {
            depth,
            drawn,
            undated,
            cancelled,
        } => write!(
            out,
            "分支（至第 {depth} 层）：绘出 {drawn} 个；略去：{undated} 个缺少开始或截止日期，{cancelled} 个已取消"
        ),
        View::ChartItems {
            overdue,
            blocked,
            due_soon,
            undated,
        } => write!(
            out,
            "事项（各出现一次）：逾期 {overdue} 个，受阻 {blocked} 个，即将到期 {due_soon} 个；略去：{undated} 个没有日期"
        ),
        View::TodayIs { today } => write!(out, "今天 {today}"),
        View::DaysLate { days } => write!(out, "逾期 {days} 天"),
        View::DueIn { days } => write!(out, "{days} 天后到期"),
        View::ChartTasks {
            tasks,
            undated,
            cancelled,
        } => write!(
            out,
            "{tasks} 个任务，每个叶子任务一个；略去：{undated} 个没有日期，{cancelled} 个已取消"
        ),
        View::FileProgress { progress } => write!(out, "进度 **{progress:.1}%**"),
        View::From { date } => write!(out, "{date} 起"),
        View::DueOn { date } => write!(out, "{date} 截止"),
        View::AsOf { date } => write!(out, "截至 {date}"),
        View::OwnerIs { owner } => write!(out, "负责人：{owner}"),
        View::TsvQuoted { rows } => write!(
            out,
            "注：有 {rows} 行含有制表符、换行或引号的单元格，已按 CSV（RFC 4180）的方式加引号写出：\
             电子表格和 CSV 读取器能正确读回，`wbs apply` 也能，但 cut、awk 等按行处理的工具不能；\
             这样的文本请用 --format csv 或 json"
        ),
    }
}
