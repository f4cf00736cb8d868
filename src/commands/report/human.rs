//! The report for a terminal: a heading, the overall bar, the branch table
//! and the overdue, due-soon and blocked lists, every line within the
//! width (headings and the summary wrap between their parts, never inside
//! a number).

use std::borrow::Cow;
use std::io::{self, Write};

use super::{selection_parts, summary_parts, title};
use crate::bar::bar;
use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;
use crate::report::Report;
use crate::safe::escape_control;
use crate::table::{Cell, Column, RESET, Table, Tone, cut, display_width, wrap};

/// The overall bar's cells, when the width allows.
const BAR: usize = 20;

pub fn write(
    project: &Project,
    report: &Report,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let plan = &project.loaded.plan;
    let limit = width.map(usize::from);
    let bold = |text: &str| {
        if color {
            format!("\x1b[1m{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let heading = escape_control(&title(project)).into_owned();
    let date = report.today.to_string();
    match title_line(&heading, &date, limit) {
        (title, true) => writeln!(out, "{} — {date}", bold(&title))?,
        (title, false) => writeln!(out, "{}\n{date}", bold(&title))?,
    }
    if let Some(selection) = &report.selection {
        let parts = selection_parts(selection).map(|p| escape_control(&p).into_owned());
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        for line in wrap(&parts, " · ", limit) {
            writeln!(out, "{line}")?;
        }
    }
    for line in overall_lines(report, limit) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;

    if report.branches.is_empty() {
        writeln!(
            out,
            "{}",
            if plan.nodes.is_empty() {
                "The plan has no tasks yet."
            } else {
                "No node matches the query."
            }
        )?;
    } else {
        branch_table(project, report).write(out, width, color)?;
    }

    let section = |out: &mut dyn Write, heading: String| -> io::Result<()> {
        writeln!(out)?;
        for line in wrap(&[&heading], " ", limit) {
            writeln!(out, "{}", bold(&line))?;
        }
        Ok(())
    };
    section(out, format!("Overdue ({})", report.overdue.len()))?;
    node_table(
        project,
        &report.overdue,
        Some("days late"),
        width,
        color,
        out,
    )?;
    section(
        out,
        format!(
            "Due soon ({}, next {} days)",
            report.due_soon.len(),
            report.horizon_days
        ),
    )?;
    node_table(
        project,
        &report.due_soon,
        Some("days left"),
        width,
        color,
        out,
    )?;
    section(out, format!("Blocked ({})", report.blocked.len()))?;
    let blocked: Vec<(NodeId, i64)> = report.blocked.iter().map(|&id| (id, 0)).collect();
    node_table(project, &blocked, None, width, color, out)?;
    Ok(())
}

/// The title of `Title — 2026-11-29`, and whether the date fits beside
/// it: the title gives way to the width, the date never does; too narrow
/// for both, the date takes a line of its own.
fn title_line<'t>(title: &'t str, date: &str, width: Option<usize>) -> (Cow<'t, str>, bool) {
    let Some(width) = width else {
        return (Cow::Borrowed(title), true);
    };
    let room = width.saturating_sub(display_width(date) + 3);
    if display_width(title) <= room {
        (Cow::Borrowed(title), true)
    } else if room >= 8 {
        (cut(title, room), true)
    } else {
        (cut(title, width), false)
    }
}

/// The overall bar and percentage, then the counts beside them or, when
/// they do not fit, below, wrapped between their parts.
fn overall_lines(report: &Report, width: Option<usize>) -> Vec<String> {
    let percent = format!("{:>5.1}%", round1(report.progress));
    let parts = summary_parts(report);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let Some(width) = width else {
        let bar = bar(report.progress, BAR, false);
        return vec![format!("{bar} {percent}   {}", parts.join(" · "))];
    };
    // The bar gives way to the percentage, which is never cut.
    let cells = BAR.min(width.saturating_sub(percent.len() + 1));
    let head = if cells >= 4 {
        format!("{} {percent}", bar(report.progress, cells, false))
    } else {
        percent.trim_start().to_owned()
    };
    // As many parts beside the bar as fit there, the rest wrapped below.
    let mut first = head;
    let mut beside = 0;
    for (k, part) in parts.iter().enumerate() {
        let joined = format!("{first}{}{part}", if k == 0 { "   " } else { " · " });
        if display_width(&joined) > width {
            break;
        }
        first = joined;
        beside += 1;
    }
    let mut lines = vec![first];
    if beside < parts.len() {
        lines.extend(wrap(&parts[beside..], " · ", Some(width)));
    }
    lines
}

/// One row per branch down to the depth. Owners give way first, then the
/// bar (the percentage stays), then the counts of todo, done, doing, the
/// due date, blocked and overdue; the percentage, title and code go last.
fn branch_table<'p>(project: &'p Project, report: &Report) -> Table<'p> {
    let plan = &project.loaded.plan;
    let count = |header| Column::whole(header).right();
    let mut table = Table::new(vec![
        Column::whole("code").keep(20),
        Column::give_way("title", 10).weight(2).keep(19),
        Column::give_way("owner", 8).keep(1),
        Column::whole("progress").right().narrows_to(6, 2).keep(18),
        count("todo").keep(3),
        count("doing").keep(5),
        count("blocked").keep(7),
        count("done").keep(4),
        Column::whole("due").keep(6),
        count("overdue").keep(8),
    ]);
    for branch in &report.branches {
        let id = branch.node;
        let d = &branch.figures;
        let counts = &branch.counts;
        let number = |n: usize| Cell::new(if n == 0 { String::new() } else { n.to_string() });
        table.push(vec![
            Cell::new(plan.code(id)).tone(Tone::Dim),
            Cell::new(indented(plan, id)),
            Cell::new(project.derived.owner(plan, id).unwrap_or_default()),
            Cell::new(format!(
                "{} {:>5.1}%",
                bar(d.progress, 8, false),
                round1(d.progress)
            ))
            .tone(Tone::Status(d.status)),
            number(counts.todo),
            number(counts.in_progress),
            number(counts.blocked).tone(Tone::Status(Status::Blocked)),
            number(counts.done),
            Cell::new(d.due.map(|due| due.to_string()).unwrap_or_default()).tone(if d.overdue {
                Tone::Alert
            } else {
                Tone::Plain
            }),
            number(branch.overdue).tone(Tone::Alert),
        ]);
    }
    table
}

/// A branch title indented by its level, so the table reads as a tree.
fn indented(plan: &Plan, id: NodeId) -> String {
    let depth = plan.node(id).level.saturating_sub(1) as usize;
    format!("{}{}", "  ".repeat(depth), plan.title(id))
}

/// The overdue, due-soon or blocked nodes, with a column of `days` when
/// given (days late or left). Owners give way first, then the status, the
/// due date and the days are left out; the title and code go last.
fn node_table(
    project: &Project,
    rows: &[(NodeId, i64)],
    days: Option<&'static str>,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "  none");
    }
    let plan = &project.loaded.plan;
    let mut columns = vec![
        Column::whole("code").keep(20),
        Column::give_way("title", 10).weight(2).keep(19),
        Column::give_way("owner", 8).keep(1),
        Column::whole("status").keep(2),
        Column::whole("due").keep(3),
    ];
    columns.extend(days.map(|days| Column::whole(days).right().keep(4)));
    let mut table = Table::new(columns);
    for &(id, count) in rows {
        let d = project.derived.node(id);
        let mut cells = vec![
            Cell::new(plan.code(id)).tone(Tone::Dim),
            Cell::new(plan.title(id)),
            Cell::new(project.derived.owner(plan, id).unwrap_or_default()),
            Cell::new(d.status.as_str()).tone(Tone::Status(d.status)),
            Cell::new(d.due.map(|due| due.to_string()).unwrap_or_default()),
        ];
        if days.is_some() {
            cells.push(Cell::new(count.to_string()));
        }
        table.push(cells);
    }
    table.write(out, width, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_gives_way_and_the_date_stays_whole() {
        let title = "营销行业大数据应用推进工作计划";
        let date = "2026-11-29";
        let line = |width| {
            let (title, beside) = title_line(title, date, width);
            (title.into_owned(), beside)
        };
        assert_eq!(line(None), (title.to_owned(), true));
        assert_eq!(line(Some(43)), (title.to_owned(), true));
        assert_eq!(line(Some(30)), ("营销行业大数据应…".to_owned(), true));
        assert_eq!(line(Some(18)), ("营销行业大数据应…".to_owned(), false));
    }
}
