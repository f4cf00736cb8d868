//! The report's Mermaid gantt chart (`report --format markdown --gantt`):
//! where the trouble is, on the calendar.
//!
//! First the branches the report's table shows (down to `--depth`, a
//! section per top-level node), each from its own start to its own due
//! date over the selection, labelled with its progress; then the overdue, blocked and due-soon items
//! as bars of their own, in sections of those names, each item once (in
//! the first of those lists it is in, its label naming every condition).
//! Overdue bars are `crit` (red), so they stand out left of the report's
//! today, which is a milestone of its own: Mermaid's today marker follows
//! the reader's clock, not `--today`, so it is turned off.
//!
//! An item with a start and a due runs from one to the other; with only a
//! due it is a milestone on that day; a blocked item with only a start
//! runs to today. What has no date to draw is left out and counted in a
//! `%%` comment.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::commands::export::mermaid::label;
use crate::i18n::Lang;
use crate::i18n::views::{Section, View, Word};
use crate::plan::derive::round1;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::report::Report;

/// The item lists in the order an item is placed: its first list wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trouble {
    Overdue,
    Blocked,
    DueSoon,
}

impl Trouble {
    fn section(self) -> Section {
        match self {
            Trouble::Overdue => Section::Overdue,
            Trouble::Blocked => Section::Blocked,
            Trouble::DueSoon => Section::DueSoon,
        }
    }
}

/// One item's bar: its conditions, and when it runs.
struct Item {
    node: NodeId,
    late: Option<i64>,
    left: Option<i64>,
    blocked: bool,
    when: Option<(NaiveDate, Option<NaiveDate>)>,
}

pub fn write(
    project: &Project,
    report: &Report,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let plan = &project.loaded.plan;
    let today = report.today;
    writeln!(out, "```mermaid")?;
    writeln!(out, "gantt")?;
    writeln!(out, "    dateFormat YYYY-MM-DD")?;
    writeln!(out, "    inclusiveEndDates")?;
    writeln!(out, "    todayMarker off")?;

    let mut placed: Vec<(Trouble, Item)> = Vec::new();
    let lists = report
        .overdue
        .iter()
        .map(|&(id, late)| (Trouble::Overdue, id, Some(late)))
        .chain(
            report
                .blocked
                .iter()
                .map(|&id| (Trouble::Blocked, id, None)),
        )
        .chain(
            report
                .due_soon
                .iter()
                .map(|&(id, _)| (Trouble::DueSoon, id, None)),
        );
    for (trouble, id, late) in lists {
        if !placed.iter().any(|(_, it)| it.node == id) {
            placed.push((trouble, item(project, report, id, late)));
        }
    }
    let cancelled = report
        .branches
        .iter()
        .filter(|b| b.figures.cancelled)
        .count();
    let dated = |b: &&crate::report::Branch| b.figures.start.is_some() && b.figures.due.is_some();
    let drawn = report
        .branches
        .iter()
        .filter(|b| !b.figures.cancelled)
        .filter(dated)
        .count();
    let depth = report
        .branches
        .iter()
        .map(|b| plan.node(b.node).level)
        .max()
        .unwrap_or(0);
    let branches = View::ChartBranches {
        depth,
        drawn,
        undated: report.branches.len() - drawn - cancelled,
        cancelled,
    };
    writeln!(out, "    %% {}", lang.show(&branches))?;
    let count = |t: Trouble| placed.iter().filter(|(k, _)| *k == t).count();
    let items = View::ChartItems {
        overdue: count(Trouble::Overdue),
        blocked: count(Trouble::Blocked),
        due_soon: count(Trouble::DueSoon),
        undated: placed.iter().filter(|(_, it)| it.when.is_none()).count(),
    };
    writeln!(out, "    %% {}", lang.show(&items))?;

    // A task's name must not start with a date, which the chart would
    // read as one.
    writeln!(out, "    section {}", lang.phrase(Word::Today))?;
    writeln!(
        out,
        "    {} :milestone, today, {today}, 0d",
        lang.show(&View::TodayIs { today })
    )?;
    // A section per top-level node, written with its first bar, so a
    // branch with nothing to draw leaves no empty section.
    let mut section = None;
    for branch in report.branches.iter().filter(|b| !b.figures.cancelled) {
        let id = branch.node;
        let f = &branch.figures;
        if plan.node(id).parent.is_none() {
            section = Some(id);
        }
        let (Some(start), Some(due)) = (f.start, f.due) else {
            continue;
        };
        if let Some(top) = section.take() {
            writeln!(out, "    section {}", label(project, top))?;
        }
        let mut tags = String::new();
        if f.overdue {
            tags.push_str("crit, ");
        }
        match f.status {
            Status::Done => tags.push_str("done, "),
            Status::InProgress => tags.push_str("active, "),
            _ => {}
        }
        // A start after the due date would draw nothing; the due stands.
        let start = start.min(due);
        writeln!(
            out,
            "    {} · {:.1}% :{tags}b{id}, {start}, {due}",
            label(project, id),
            round1(f.progress)
        )?;
    }
    for trouble in [Trouble::Overdue, Trouble::Blocked, Trouble::DueSoon] {
        let n = count(trouble);
        if n == 0 {
            continue;
        }
        let heading = View::Counted {
            section: trouble.section(),
            count: n,
        };
        writeln!(out, "    section {}", lang.show(&heading))?;
        for (_, it) in placed.iter().filter(|(k, _)| *k == trouble) {
            let Some((start, end)) = it.when else {
                continue;
            };
            // Red for what is late; blue for what is still on time.
            let tags = match (it.late, project.derived.node(it.node).status) {
                (Some(_), _) => "crit, ",
                (None, Status::InProgress) => "active, ",
                (None, _) => "",
            };
            let name = format!("{}{}", label(project, it.node), conditions(it, lang));
            match end {
                Some(end) => writeln!(out, "    {name} :{tags}i{}, {start}, {end}", it.node)?,
                None => writeln!(
                    out,
                    "    {name} :{tags}milestone, i{}, {start}, 0d",
                    it.node
                )?,
            }
        }
    }
    writeln!(out, "```")
}

/// An item's conditions and dates; `late` is the days an overdue item is
/// late.
fn item(project: &Project, report: &Report, id: NodeId, late: Option<i64>) -> Item {
    let d = project.derived.node(id);
    let late = late.or_else(|| report.overdue.iter().find(|o| o.0 == id).map(|o| o.1));
    let left = report.due_soon.iter().find(|s| s.0 == id).map(|s| s.1);
    let blocked = d.status == Status::Blocked;
    let when = match (d.start, d.due) {
        (Some(start), Some(due)) if start <= due => Some((start, Some(due))),
        (_, Some(due)) => Some((due, None)),
        // Blocked from its start until now, as far as anyone knows.
        (Some(start), None) if start <= report.today => Some((start, Some(report.today))),
        (Some(start), None) => Some((start, None)),
        (None, None) => None,
    };
    Item {
        node: id,
        late,
        left,
        blocked,
        when,
    }
}

/// ` · 9 days late · blocked`: what is wrong with an item, in its label.
fn conditions(item: &Item, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    if let Some(days) = item.late {
        let _ = write!(text, " · {}", lang.show(&View::DaysLate { days }));
    }
    if item.blocked {
        let _ = write!(text, " · {}", lang.phrase(Word::Blocked));
    }
    match item.left {
        Some(0) => {
            let _ = write!(text, " · {}", lang.phrase(Word::DueToday));
        }
        Some(days) => {
            let _ = write!(text, " · {}", lang.show(&View::DueIn { days }));
        }
        None => {}
    }
    text
}
