//! The report as GitHub-flavoured markdown, for `$GITHUB_STEP_SUMMARY` and
//! pull-request comments: tables, text progress bars and, with `--gantt`, a
//! Mermaid chart ([`super::gantt`]). All plan text is escaped.

use std::io::{self, Write};

use super::{selection_parts, summary_line, title};
use crate::bar::bar;
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::report::Report;
use crate::safe::markdown_text as md;

pub fn write(
    project: &Project,
    report: &Report,
    gantt: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let plan = &project.loaded.plan;
    writeln!(
        out,
        "## {} — progress on {}",
        md(&title(project)),
        report.today
    )?;
    writeln!(out)?;
    if let Some(selection) = &report.selection {
        let [_, leaves, meaning] = selection_parts(selection);
        writeln!(
            out,
            "**Selection:** {} · {leaves} · {meaning}",
            md(&selection.query)
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "**{:.1}%** `{}` · {}",
        round1(report.progress),
        bar(report.progress, 20, false),
        summary_line(report)
    )?;
    writeln!(out)?;

    if report.branches.is_empty() {
        writeln!(
            out,
            "{}",
            if plan.nodes.is_empty() {
                "_The plan has no tasks yet._"
            } else {
                "_No node matches the query._"
            }
        )?;
    } else {
        writeln!(
            out,
            "| Code | Branch | Owner | Progress | Todo | Doing | Blocked | Done | Cancelled | Due | Overdue |"
        )?;
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

    writeln!(out)?;
    writeln!(out, "### Overdue ({})", report.overdue.len())?;
    nodes(project, &report.overdue, Some("Days late"), out)?;
    writeln!(out)?;
    writeln!(
        out,
        "### Due soon ({}, next {} days)",
        report.due_soon.len(),
        report.horizon_days
    )?;
    nodes(project, &report.due_soon, Some("Days left"), out)?;
    writeln!(out)?;
    writeln!(out, "### Blocked ({})", report.blocked.len())?;
    let blocked: Vec<(NodeId, i64)> = report.blocked.iter().map(|&id| (id, 0)).collect();
    nodes(project, &blocked, None, out)?;

    if gantt && !report.branches.is_empty() {
        writeln!(out)?;
        writeln!(out, "### Timeline")?;
        writeln!(out)?;
        super::gantt::write(project, report, out)?;
    }
    Ok(())
}

fn nodes(
    project: &Project,
    rows: &[(NodeId, i64)],
    days: Option<&str>,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out)?;
    if rows.is_empty() {
        return writeln!(out, "_None._");
    }
    let plan = &project.loaded.plan;
    match days {
        Some(days) => {
            writeln!(out, "| Code | Title | Owner | Status | Due | {days} |")?;
            writeln!(out, "|---|---|---|---|---|---:|")?;
        }
        None => {
            writeln!(out, "| Code | Title | Owner | Status | Due |")?;
            writeln!(out, "|---|---|---|---|---|")?;
        }
    }
    for &(id, count) in rows {
        let d = project.derived.node(id);
        write!(
            out,
            "| {} | {} | {} | {} | {} |",
            plan.code(id),
            md(plan.title(id)),
            md(project.derived.owner(plan, id).unwrap_or_default()),
            d.status,
            d.due.map(|due| due.to_string()).unwrap_or_default(),
        )?;
        if days.is_some() {
            write!(out, " {count} |")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
