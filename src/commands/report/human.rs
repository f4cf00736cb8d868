//! The report for a terminal: a heading, the overall bar, the branch table
//! and the overdue, due-soon and blocked lists, every line within the
//! width (headings and the summary wrap between their parts, never inside
//! a number).

use std::borrow::Cow;
use std::io::{self, Write};

use super::{selection_parts, summary_parts, title};
use crate::bar::bar;
use crate::i18n::Lang;
use crate::i18n::views::{Header, Section, View, Word};
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
    lang: Lang,
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
        let parts = selection_parts(selection, lang).map(|p| escape_control(&p).into_owned());
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        for line in wrap(&parts, " · ", limit) {
            writeln!(out, "{line}")?;
        }
    }
    for line in overall_lines(report, lang, limit) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;

    if report.branches.is_empty() {
        writeln!(
            out,
            "{}",
            lang.phrase(if plan.nodes.is_empty() {
                Word::NoTasks
            } else {
                Word::NoMatch
            })
        )?;
    } else {
        branch_table(project, report, lang).write(out, width, color)?;
    }

    let section = |out: &mut dyn Write, heading: String| -> io::Result<()> {
        writeln!(out)?;
        for line in wrap(&[&heading], " ", limit) {
            writeln!(out, "{}", bold(&line))?;
        }
        Ok(())
    };
    let counted = |section, count| lang.show(&View::Counted { section, count }).to_string();
    let tables = Tables {
        project,
        lang,
        width,
        color,
    };
    section(out, counted(Section::Overdue, report.overdue.len()))?;
    tables.nodes(&report.overdue, Some(Header::DaysLate), out)?;
    let due_soon = View::DueSoonWithin {
        count: report.due_soon.len(),
        days: report.horizon_days,
    };
    section(out, lang.show(&due_soon).to_string())?;
    tables.nodes(&report.due_soon, Some(Header::DaysLeft), out)?;
    section(out, counted(Section::Blocked, report.blocked.len()))?;
    let blocked: Vec<(NodeId, i64)> = report.blocked.iter().map(|&id| (id, 0)).collect();
    tables.nodes(&blocked, None, out)?;
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
fn overall_lines(report: &Report, lang: Lang, width: Option<usize>) -> Vec<String> {
    let percent = format!("{:>5.1}%", round1(report.progress));
    let parts = summary_parts(report, lang);
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
fn branch_table<'p>(project: &'p Project, report: &Report, lang: Lang) -> Table<'p> {
    let plan = &project.loaded.plan;
    let h = |header| lang.phrase(header);
    let count = |header| Column::whole(h(header)).right();
    let mut table = Table::new(vec![
        Column::whole(h(Header::Code)).keep(20),
        Column::give_way(h(Header::Title), 10).weight(2).keep(19),
        Column::give_way(h(Header::Owner), 8).keep(1),
        Column::whole(h(Header::Progress))
            .right()
            .narrows_to(6, 2)
            .keep(18),
        count(Header::Todo).keep(3),
        count(Header::Doing).keep(5),
        count(Header::Blocked).keep(7),
        count(Header::Done).keep(4),
        Column::whole(h(Header::Due)).keep(6),
        count(Header::Overdue).keep(8),
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

/// What the node tables of the report share.
struct Tables<'p> {
    project: &'p Project,
    lang: Lang,
    width: Option<u16>,
    color: bool,
}

impl Tables<'_> {
    /// The overdue, due-soon or blocked nodes, with a column of `days`
    /// when given (days late or left). Owners give way first, then the
    /// status, the due date and the days are left out; the title and code
    /// go last.
    fn nodes(
        &self,
        rows: &[(NodeId, i64)],
        days: Option<Header>,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let lang = self.lang;
        if rows.is_empty() {
            return writeln!(out, "  {}", lang.phrase(Word::Nothing));
        }
        let (project, plan) = (self.project, &self.project.loaded.plan);
        let h = |header| lang.phrase(header);
        let mut columns = vec![
            Column::whole(h(Header::Code)).keep(20),
            Column::give_way(h(Header::Title), 10).weight(2).keep(19),
            Column::give_way(h(Header::Owner), 8).keep(1),
            Column::whole(h(Header::Status)).keep(2),
            Column::whole(h(Header::Due)).keep(3),
        ];
        columns.extend(days.map(|days| Column::whole(h(days)).right().keep(4)));
        let mut table = Table::new(columns);
        for &(id, count) in rows {
            let d = project.derived.node(id);
            let mut cells = vec![
                Cell::new(plan.code(id)).tone(Tone::Dim),
                Cell::new(plan.title(id)),
                Cell::new(project.derived.owner(plan, id).unwrap_or_default()),
                Cell::new(lang.phrase(d.status)).tone(Tone::Status(d.status)),
                Cell::new(d.due.map(|due| due.to_string()).unwrap_or_default()),
            ];
            if days.is_some() {
                cells.push(Cell::new(count.to_string()));
            }
            table.push(cells);
        }
        table.write(out, self.width, self.color)
    }
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
