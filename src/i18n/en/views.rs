//! English text of the views: tables, the report, the charts and the
//! markdown export.

use std::fmt::{self, Formatter};

use crate::i18n::views::{Header, Section, View, Word};
use crate::report::{Failure, Gate};

pub(in crate::i18n) fn header(header: Header) -> &'static str {
    match header {
        Header::Code => "code",
        Header::Id => "id",
        Header::Title => "title",
        Header::Owner => "owner",
        Header::Status => "status",
        Header::Progress => "progress",
        Header::Start => "start",
        Header::Due => "due",
        Header::Effort => "effort",
        Header::Level => "level",
        Header::Tags => "tags",
        Header::After => "after",
        Header::File => "file",
        Header::Line => "line",
        Header::Notes => "notes",
        Header::Todo => "todo",
        Header::Doing => "doing",
        Header::Blocked => "blocked",
        Header::Done => "done",
        Header::Cancelled => "cancelled",
        Header::Overdue => "overdue",
        Header::Branch => "branch",
        Header::DaysLate => "days late",
        Header::DaysLeft => "days left",
        Header::Task => "task",
        Header::Was => "was",
        Header::Now => "now",
        Header::Days => "days",
        Header::Leaves => "leaves",
        Header::Weight => "weight",
        Header::Share => "share",
    }
}

/// A markdown table's header: capitalised.
pub(in crate::i18n) fn titled(header: Header) -> &'static str {
    match header {
        Header::Code => "Code",
        Header::Id => "Id",
        Header::Title => "Title",
        Header::Owner => "Owner",
        Header::Status => "Status",
        Header::Progress => "Progress",
        Header::Start => "Start",
        Header::Due => "Due",
        Header::Effort => "Effort",
        Header::Level => "Level",
        Header::Tags => "Tags",
        Header::After => "After",
        Header::File => "File",
        Header::Line => "Line",
        Header::Notes => "Notes",
        Header::Todo => "Todo",
        Header::Doing => "Doing",
        Header::Blocked => "Blocked",
        Header::Done => "Done",
        Header::Cancelled => "Cancelled",
        Header::Overdue => "Overdue",
        Header::Branch => "Branch",
        Header::DaysLate => "Days late",
        Header::DaysLeft => "Days left",
        Header::Task => "Task",
        Header::Was => "Was",
        Header::Now => "Now",
        Header::Days => "Days",
        Header::Leaves => "Leaves",
        Header::Weight => "Weight",
        Header::Share => "Share",
    }
}

pub(in crate::i18n) fn section(section: Section) -> &'static str {
    match section {
        Section::Overdue => "Overdue",
        Section::DueSoon => "Due soon",
        Section::Blocked => "Blocked",
        Section::DoneSince => "Done since",
        Section::NewlyOverdue => "Newly overdue",
        Section::Slipped => "Due dates slipped",
    }
}

pub(in crate::i18n) fn word(word: Word) -> &'static str {
    match word {
        Word::Selection => "Selection:",
        Word::EveryFigureSelected => "every figure below counts only these",
        Word::NoTasks => "The plan has no tasks yet.",
        Word::NoMatch => "No node matches the query.",
        Word::Nothing => "none",
        Word::NothingSentence => "None.",
        Word::Timeline => "Timeline",
        Word::Today => "Today",
        Word::Overdue => "overdue",
        Word::Blocked => "blocked",
        Word::DueToday => "due today",
        Word::Cancelled => "cancelled",
        Word::NoTasksSentence => "No tasks.",
        Word::PlanHasNoTasks => "the plan has no tasks yet",
        Word::NoNodeMatches => "no node matches the query",
        Word::Colon => ": ",
        Word::Stop => ".",
    }
}

/// `1 day`, `3 days`.
fn days(n: i64) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(in crate::i18n) fn view(message: &View, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        View::Selection { query } => write!(out, "Selection: {query}"),
        View::SelectedLeaves { leaves, of } => write!(out, "{leaves} of {of} leaves"),
        View::LeavesDone {
            done,
            active,
            cancelled,
        } => {
            write!(out, "{done} of {active} leaves done")?;
            match cancelled {
                0 => Ok(()),
                n => write!(out, " ({n} cancelled)"),
            }
        }
        View::EffortDone { done, total } => write!(out, "{done} of {total} effort done"),
        View::ReportTitle { title, today } => write!(out, "{title} — progress on {today}"),
        View::Counted { section: s, count } => write!(out, "{} ({count})", section(*s)),
        View::DueSoonWithin { count, days } => write!(out, "Due soon ({count}, next {days} days)"),
        View::GateFailed { reasons } => {
            out.write_str("report gate failed: ")?;
            for (i, reason) in reasons.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                match reason {
                    Failure::Count { gate, count } => {
                        let what = match gate {
                            Gate::Overdue => "overdue",
                            Gate::Blocked => "blocked",
                            Gate::DueSoon => "due soon",
                        };
                        write!(out, "{count} {what}")?;
                    }
                    Failure::Below { progress, min } => {
                        write!(out, "progress {progress:.1}% is below {min}%")?;
                    }
                }
            }
            Ok(())
        }
        View::SinceCommit { text, commit, date } => {
            write!(out, "Since {text} (commit {commit}, {date})")
        }
        View::SinceStart { text } => write!(out, "Since {text} (before the first commit)"),
        View::ProgressChange { then, now } => {
            write!(out, "progress {then:.1}% → {now:.1}% ({:+.1})", now - then)
        }
        View::ChangeCounts {
            done,
            overdue,
            slipped,
        } => write!(
            out,
            "{}, {}, {}",
            plural(*done, "leaf done", "leaves done"),
            plural(*overdue, "newly overdue", "newly overdue"),
            plural(*slipped, "due date slipped", "due dates slipped"),
        ),
        View::ChangeLine {
            then,
            now,
            done,
            overdue,
            slipped,
        } => write!(
            out,
            "Progress **{then:.1}% → {now:.1}%** ({:+.1}) · {} · {} · {}",
            now - then,
            plural(*done, "leaf done", "leaves done"),
            plural(*overdue, "newly overdue", "newly overdue"),
            plural(*slipped, "due date slipped", "due dates slipped"),
        ),
        View::DueLate { due, days: n } => write!(out, "due {due}, {} late", days(*n)),
        View::SlippedBy { old, new, days: n } => write!(out, "{old} → {new} (+{})", days(*n)),
        View::AndMore { count } => write!(out, "… and {count} more"),
        View::ChartBranches {
            depth,
            drawn,
            undated,
            cancelled,
        } => write!(
            out,
            "branches to level {depth}: {drawn} drawn; left out: {undated} without a start and a due date, {cancelled} cancelled"
        ),
        View::ChartItems {
            overdue,
            blocked,
            due_soon,
            undated,
        } => write!(
            out,
            "items, each once: {overdue} overdue, {blocked} blocked, {due_soon} due soon; left out: {undated} without dates"
        ),
        View::TodayIs { today } => write!(out, "today is {today}"),
        View::DaysLate { days: n } => write!(out, "{} late", days(*n)),
        View::DueIn { days: n } => write!(out, "due in {}", days(*n)),
        View::ChartTasks {
            tasks,
            undated,
            cancelled,
        } => write!(
            out,
            "{tasks} tasks, one per leaf; left out: {undated} without dates, {cancelled} cancelled"
        ),
        View::FileProgress { progress } => write!(out, "Progress **{progress:.1}%**"),
        View::From { date } => write!(out, "from {date}"),
        View::DueOn { date } => write!(out, "due {date}"),
        View::AsOf { date } => write!(out, "as of {date}"),
        View::OwnerIs { owner } => write!(out, "owner: {owner}"),
        View::TsvQuoted { rows } => {
            match rows {
                1 => out.write_str("note: 1 row has")?,
                n => write!(out, "note: {n} rows have")?,
            }
            out.write_str(
                " a cell with a tab, a line break or a quote, written quoted as in CSV \
                 (RFC 4180): spreadsheets and CSV readers read it back, `wbs apply` too, but cut, \
                 awk and other line tools do not; use --format csv or json for such text",
            )
        }
    }
}
