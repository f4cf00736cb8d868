//! The report as GitHub-flavoured markdown, for `$GITHUB_STEP_SUMMARY` and
//! pull-request comments: tables, text progress bars and, with `--gantt`, a
//! Mermaid chart ([`super::gantt`]). All plan text is escaped.

use std::io::{self, Write};

use super::{selection_parts, summary_line, title};
use crate::bar::bar;
use crate::i18n::Lang;
use crate::i18n::views::{Header, Section, Titled, View, Word};
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::report::Report;
use crate::safe::markdown_text as md;

pub fn write(
    project: &Project,
    report: &Report,
    lang: Lang,
    gantt: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let plan = &project.loaded.plan;
    let heading = View::ReportTitle {
        title: md(&title(project)),
        today: report.today,
    };
    writeln!(out, "## {}", lang.show(&heading))?;
    writeln!(out)?;
    if let Some(selection) = &report.selection {
        let [_, leaves, meaning] = selection_parts(selection, lang);
        writeln!(
            out,
            "**{}** {} · {leaves} · {meaning}",
            lang.phrase(Word::Selection),
            md(&selection.query)
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "**{:.1}%** `{}` · {}",
        round1(report.progress),
        bar(report.progress, 20, false),
        summary_line(report, lang)
    )?;
    writeln!(out)?;

    if report.branches.is_empty() {
        writeln!(
            out,
            "_{}_",
            lang.phrase(if plan.nodes.is_empty() {
                Word::NoTasks
            } else {
                Word::NoMatch
            })
        )?;
    } else {
        let headers = [
            Header::Code,
            Header::Branch,
            Header::Owner,
            Header::Progress,
            Header::Todo,
            Header::Doing,
            Header::Blocked,
            Header::Done,
            Header::Cancelled,
            Header::Due,
            Header::Overdue,
        ];
        header_row(&headers, lang, out)?;
        writeln!(out, "|---|---|---|---|---:|---:|---:|---:|---:|---|---:|")?;
        for branch in &report.branches {
            let id = branch.node;
            let d = &branch.figures;
            let c = &branch.counts;
            // Non-breaking spaces keep the indent that shows the tree.
            let indent = "&nbsp;&nbsp;".repeat(plan.node(id).level.saturating_sub(1) as usize);
            writeln!(
                out,
                "| {} | {indent}{} | {} | `{}` {:.1}% | {} | {} | {} | {} | {} | {} | {} |",
                plan.code(id),
                md(plan.title(id)),
                md(project.derived.owner(plan, id).unwrap_or_default()),
                bar(d.progress, 10, false),
                round1(d.progress),
                c.todo,
                c.in_progress,
                c.blocked,
                c.done,
                c.cancelled,
                d.due.map(|due| due.to_string()).unwrap_or_default(),
                branch.overdue,
            )?;
        }
    }

    let counted = |section, count| View::Counted { section, count };
    writeln!(out)?;
    let overdue = counted(Section::Overdue, report.overdue.len());
    writeln!(out, "### {}", lang.show(&overdue))?;
    nodes(project, &report.overdue, Some(Header::DaysLate), lang, out)?;
    writeln!(out)?;
    let due_soon = View::DueSoonWithin {
        count: report.due_soon.len(),
        days: report.horizon_days,
    };
    writeln!(out, "### {}", lang.show(&due_soon))?;
    nodes(project, &report.due_soon, Some(Header::DaysLeft), lang, out)?;
    writeln!(out)?;
    let blocked = counted(Section::Blocked, report.blocked.len());
    writeln!(out, "### {}", lang.show(&blocked))?;
    let blocked: Vec<(NodeId, i64)> = report.blocked.iter().map(|&id| (id, 0)).collect();
    nodes(project, &blocked, None, lang, out)?;

    if gantt && !report.branches.is_empty() {
        writeln!(out)?;
        writeln!(out, "### {}", lang.phrase(Word::Timeline))?;
        writeln!(out)?;
        super::gantt::write(project, report, lang, out)?;
    }
    Ok(())
}

fn nodes(
    project: &Project,
    rows: &[(NodeId, i64)],
    days: Option<Header>,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out)?;
    if rows.is_empty() {
        return writeln!(out, "_{}_", lang.phrase(Word::NothingSentence));
    }
    let plan = &project.loaded.plan;
    let mut headers = vec![
        Header::Code,
        Header::Title,
        Header::Owner,
        Header::Status,
        Header::Due,
    ];
    headers.extend(days);
    header_row(&headers, lang, out)?;
    match days {
        Some(_) => writeln!(out, "|---|---|---|---|---|---:|")?,
        None => writeln!(out, "|---|---|---|---|---|")?,
    }
    for &(id, count) in rows {
        let d = project.derived.node(id);
        write!(
            out,
            "| {} | {} | {} | {} | {} |",
            plan.code(id),
            md(plan.title(id)),
            md(project.derived.owner(plan, id).unwrap_or_default()),
            lang.phrase(d.status),
            d.due.map(|due| due.to_string()).unwrap_or_default(),
        )?;
        if days.is_some() {
            write!(out, " {count} |")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A table's header row: `| Code | Title |`.
fn header_row(headers: &[Header], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    for header in headers {
        write!(out, "| {} ", lang.phrase(Titled(*header)))?;
    }
    writeln!(out, "|")
}
