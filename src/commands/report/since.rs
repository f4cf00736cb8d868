//! `wbs report --since REV|DATE`: what changed since then (progress then
//! and now, leaves done since, newly overdue, slipped due dates), after the
//! report for people and as the report's `since` object for scripts. The
//! comparison itself is the history layer's ([`crate::history::since`]).

use std::io::Write;

use anyhow::{Context as _, Result};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Args, JsonReport};
use crate::commands::Context;
use crate::git::Repo;
use crate::history::since::{Past, Since, Slip, since};
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::report::Report;
use crate::row::NodeRow;
use crate::safe::{escape_control, markdown_text as md};
use crate::table::cut;

/// Lists longer than this are cut in human and markdown output, with a
/// count of the rest; JSON has them all.
const MAX_ROWS: usize = 50;

/// What changed since `text` (a revision or a date), over the report's
/// scope.
pub(super) fn load(
    ctx: &Context,
    args: &Args,
    text: &str,
    project: &Project,
    report: &Report,
) -> Result<Since> {
    let cwd = std::env::current_dir().context("cannot tell the current directory")?;
    let repo = Repo::discover(&cwd)?;
    let limit = ctx.max_bytes()?;
    let words: Vec<String> = crate::context::query_words(&args.query);
    let query = crate::context::parse_query(&args.query, project)?;
    let plan = &project.loaded.plan;
    let scope = crate::report::scope(plan, &project.derived, &query);
    let past = Past {
        repo: &repo,
        roots: crate::context::plan_roots(ctx),
        limit,
    };
    since(&past, text, project, &words, &scope, report)
}

/// `since 7 days ago (commit 1a2b3c4, 2026-11-22)`
fn heading(text: &str, since: &Since) -> String {
    let text = escape_control(text);
    match &since.commit {
        Some(commit) => format!(
            "Since {text} (commit {}, {})",
            &commit.id[..7.min(commit.id.len())],
            commit.date
        ),
        None => format!("Since {text} (before the first commit)"),
    }
}

fn progress_change(since: &Since, report: &Report) -> String {
    let (then, now) = (round1(since.progress), round1(report.progress));
    format!("progress {then:.1}% → {now:.1}% ({:+.1})", now - then)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The section after the human report.
pub(super) fn human(
    project: &Project,
    report: &Report,
    since: &Since,
    text: &str,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> Result<()> {
    let bold = |text: &str| {
        if color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let width = width.map(usize::from);
    writeln!(out)?;
    writeln!(
        out,
        "{}: {}",
        bold(&heading(text, since)),
        progress_change(since, report)
    )?;
    writeln!(
        out,
        "{}, {}, {}",
        plural(since.done.len(), "leaf done", "leaves done"),
        plural(since.new_overdue.len(), "newly overdue", "newly overdue"),
        plural(since.slipped.len(), "due date slipped", "due dates slipped"),
    )?;
    let plan = &project.loaded.plan;
    let mut section = |heading: String, rows: Vec<(NodeId, String)>| -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(out, "{}", bold(&heading))?;
        let shown = &rows[..rows.len().min(MAX_ROWS)];
        let code_width = shown
            .iter()
            .map(|&(id, _)| plan.code(id).width())
            .max()
            .unwrap_or(0);
        let titles: Vec<String> = shown
            .iter()
            .map(|&(id, _)| escape_control(plan.title(id)).into_owned())
            .collect();
        let detail_width = shown.iter().map(|(_, d)| d.width()).max().unwrap_or(0);
        let mut title_width = titles.iter().map(|t| t.width()).max().unwrap_or(0);
        if let Some(width) = width {
            let room = width.saturating_sub(2 + code_width + 2 + 2 + detail_width);
            title_width = title_width.min(room.max(8));
        }
        for ((id, detail), title) in shown.iter().zip(&titles) {
            let title = cut(title, title_width);
            let pad = " ".repeat(title_width.saturating_sub(title.width()));
            let line = format!("  {:<code_width$}  {title}{pad}  {detail}", plan.code(*id));
            writeln!(out, "{}", line.trim_end())?;
        }
        if rows.len() > MAX_ROWS {
            writeln!(out, "  … and {} more", rows.len() - MAX_ROWS)?;
        }
        Ok(())
    };
    let owner = |id: NodeId| {
        project
            .derived
            .owner(plan, id)
            .map(|o| format!("({})", escape_control(o)))
            .unwrap_or_default()
    };
    section(
        format!("Done since ({})", since.done.len()),
        since.done.iter().map(|&id| (id, owner(id))).collect(),
    )?;
    let late = |id: NodeId| {
        report
            .overdue
            .iter()
            .find(|&&(node, _)| node == id)
            .map_or(0, |&(_, days)| days)
    };
    section(
        format!("Newly overdue ({})", since.new_overdue.len()),
        since
            .new_overdue
            .iter()
            .map(|&id| {
                let due = project.derived.node(id).due;
                let due = due.map(|d| d.to_string()).unwrap_or_default();
                (
                    id,
                    format!(
                        "due {due}, {} late",
                        plural(late(id) as usize, "day", "days")
                    ),
                )
            })
            .collect(),
    )?;
    section(
        format!("Due dates slipped ({})", since.slipped.len()),
        since
            .slipped
            .iter()
            .map(|slip| {
                (
                    slip.node,
                    format!(
                        "{} → {} (+{})",
                        slip.old,
                        slip.new,
                        plural(slip.days as usize, "day", "days")
                    ),
                )
            })
            .collect(),
    )?;
    Ok(())
}

/// The section after the markdown report.
pub(super) fn markdown(
    project: &Project,
    report: &Report,
    since: &Since,
    text: &str,
    out: &mut impl Write,
) -> Result<()> {
    let plan = &project.loaded.plan;
    writeln!(out)?;
    writeln!(out, "### {}", md(&heading(text, since)))?;
    writeln!(out)?;
    let (then, now) = (round1(since.progress), round1(report.progress));
    writeln!(
        out,
        "Progress **{then:.1}% → {now:.1}%** ({:+.1}) · {} · {} · {}",
        now - then,
        plural(since.done.len(), "leaf done", "leaves done"),
        plural(since.new_overdue.len(), "newly overdue", "newly overdue"),
        plural(since.slipped.len(), "due date slipped", "due dates slipped"),
    )?;
    let more = |out: &mut dyn Write, rows: usize| -> std::io::Result<()> {
        if rows > MAX_ROWS {
            writeln!(out, "\n_… and {} more._", rows - MAX_ROWS)?;
        }
        Ok(())
    };
    if !since.done.is_empty() {
        writeln!(out, "\n#### Done since ({})\n", since.done.len())?;
        writeln!(out, "| Code | Task | Owner |")?;
        writeln!(out, "|---|---|---|")?;
        for &id in since.done.iter().take(MAX_ROWS) {
            writeln!(
                out,
                "| {} | {} | {} |",
                plan.code(id),
                md(plan.title(id)),
                md(project.derived.owner(plan, id).unwrap_or_default())
            )?;
        }
        more(out, since.done.len())?;
    }
    if !since.new_overdue.is_empty() {
        writeln!(out, "\n#### Newly overdue ({})\n", since.new_overdue.len())?;
        writeln!(out, "| Code | Task | Owner | Due | Days late |")?;
        writeln!(out, "|---|---|---|---|---:|")?;
        for &id in since.new_overdue.iter().take(MAX_ROWS) {
            let late = report
                .overdue
                .iter()
                .find(|&&(node, _)| node == id)
                .map_or(0, |&(_, days)| days);
            writeln!(
                out,
                "| {} | {} | {} | {} | {late} |",
                plan.code(id),
                md(plan.title(id)),
                md(project.derived.owner(plan, id).unwrap_or_default()),
                project
                    .derived
                    .node(id)
                    .due
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )?;
        }
        more(out, since.new_overdue.len())?;
    }
    if !since.slipped.is_empty() {
        writeln!(out, "\n#### Due dates slipped ({})\n", since.slipped.len())?;
        writeln!(out, "| Code | Task | Was | Now | Days |")?;
        writeln!(out, "|---|---|---|---|---:|")?;
        for slip in since.slipped.iter().take(MAX_ROWS) {
            writeln!(
                out,
                "| {} | {} | {} | {} | +{} |",
                plan.code(slip.node),
                md(plan.title(slip.node)),
                slip.old,
                slip.new,
                slip.days
            )?;
        }
        more(out, since.slipped.len())?;
    }
    Ok(())
}

/// The report shape with its `since` object (SPEC §4.1).
#[derive(Serialize)]
struct WithSince<'p> {
    #[serde(flatten)]
    report: JsonReport<'p>,
    since: JsonSince<'p>,
}

#[derive(Serialize)]
struct JsonSince<'p> {
    /// The commit compared with; null when every commit is younger.
    commit: Option<&'p str>,
    date: Option<String>,
    /// Progress then, over the same query.
    progress: f64,
    done: Vec<NodeRow<'p>>,
    new_overdue: Vec<NodeRow<'p>>,
    slipped: Vec<JsonSlip<'p>>,
}

#[derive(Serialize)]
struct JsonSlip<'p> {
    code: String,
    id: Option<&'p str>,
    title: &'p str,
    old: String,
    new: String,
    days: i64,
}

pub(super) fn json(
    project: &Project,
    report: &Report,
    since: &Since,
    out: &mut impl Write,
) -> Result<()> {
    let plan = &project.loaded.plan;
    let rows = |ids: &[NodeId]| ids.iter().map(|&id| NodeRow::new(project, id)).collect();
    let slip = |slip: &Slip| JsonSlip {
        code: plan.code(slip.node),
        id: plan.id_of(slip.node),
        title: plan.title(slip.node),
        old: slip.old.to_string(),
        new: slip.new.to_string(),
        days: slip.days,
    };
    let json = WithSince {
        report: JsonReport::new(project, report),
        since: JsonSince {
            commit: since.commit.as_ref().map(|c| c.id.as_str()),
            date: since.commit.as_ref().map(|c| c.date.to_string()),
            progress: round1(since.progress),
            done: rows(&since.done),
            new_overdue: rows(&since.new_overdue),
            slipped: since.slipped.iter().map(slip).collect(),
        },
    };
    crate::safe::write_json(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}
