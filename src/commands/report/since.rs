//! `wbs report --since REV|DATE`: what changed since then (progress then
//! and now, leaves done since, newly overdue, slipped due dates), after the
//! report for people and as the report's `since` object for scripts. The
//! comparison itself is the history layer's ([`crate::history::since`]).

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Args, JsonReport};
use crate::commands::Context;
use crate::git::Repo;
use crate::history::since::{Past, Since, Slip, since};
use crate::i18n::Lang;
use crate::i18n::views::{Header, Section, Titled, View, Word};
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
    let cwd =
        std::env::current_dir().map_err(|error| crate::i18n::io::InputFailure::NoCurrentDir {
            cause: error.into(),
        })?;
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
fn heading(text: &str, since: &Since, lang: Lang) -> String {
    let text = escape_control(text).into_owned();
    let heading = match &since.commit {
        Some(commit) => View::SinceCommit {
            text,
            commit: commit.id[..7.min(commit.id.len())].to_owned(),
            date: commit.date,
        },
        None => View::SinceStart { text },
    };
    lang.show(&heading).to_string()
}

fn counted(section: Section, count: usize, lang: Lang) -> String {
    lang.show(&View::Counted { section, count }).to_string()
}

/// How the human report is shown: in what language, how wide, in colour.
#[derive(Clone, Copy)]
pub(super) struct Terminal {
    pub lang: Lang,
    pub width: Option<u16>,
    pub color: bool,
}

/// The section after the human report.
pub(super) fn human(
    project: &Project,
    report: &Report,
    since: &Since,
    text: &str,
    terminal: &Terminal,
    out: &mut impl Write,
) -> Result<()> {
    let Terminal { lang, width, color } = *terminal;
    let bold = |text: &str| {
        if color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let width = width.map(usize::from);
    writeln!(out)?;
    let change = View::ProgressChange {
        then: round1(since.progress),
        now: round1(report.progress),
    };
    writeln!(
        out,
        "{}{}{}",
        bold(&heading(text, since, lang)),
        lang.phrase(Word::Colon),
        lang.show(&change)
    )?;
    let counts = View::ChangeCounts {
        done: since.done.len(),
        overdue: since.new_overdue.len(),
        slipped: since.slipped.len(),
    };
    writeln!(out, "{}", lang.show(&counts))?;
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
            let count = rows.len() - MAX_ROWS;
            writeln!(out, "  {}", lang.show(&View::AndMore { count }))?;
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
        counted(Section::DoneSince, since.done.len(), lang),
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
        counted(Section::NewlyOverdue, since.new_overdue.len(), lang),
        since
            .new_overdue
            .iter()
            .map(|&id| {
                let due = project.derived.node(id).due;
                let due = due.map(|d| d.to_string()).unwrap_or_default();
                let late = View::DueLate {
                    due,
                    days: late(id),
                };
                (id, lang.show(&late).to_string())
            })
            .collect(),
    )?;
    section(
        counted(Section::Slipped, since.slipped.len(), lang),
        since
            .slipped
            .iter()
            .map(|slip| {
                let slipped = View::SlippedBy {
                    old: slip.old,
                    new: slip.new,
                    days: slip.days,
                };
                (slip.node, lang.show(&slipped).to_string())
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
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let plan = &project.loaded.plan;
    writeln!(out)?;
    writeln!(out, "### {}", md(&heading(text, since, lang)))?;
    writeln!(out)?;
    let line = View::ChangeLine {
        then: round1(since.progress),
        now: round1(report.progress),
        done: since.done.len(),
        overdue: since.new_overdue.len(),
        slipped: since.slipped.len(),
    };
    writeln!(out, "{}", lang.show(&line))?;
    let more = |out: &mut dyn Write, rows: usize| -> std::io::Result<()> {
        if rows > MAX_ROWS {
            let count = rows - MAX_ROWS;
            writeln!(
                out,
                "\n_{}{}_",
                lang.show(&View::AndMore { count }),
                lang.phrase(Word::Stop)
            )?;
        }
        Ok(())
    };
    let headers = |headers: &[Header]| {
        let cells: Vec<&str> = headers.iter().map(|&h| lang.phrase(Titled(h))).collect();
        format!("| {} |", cells.join(" | "))
    };
    if !since.done.is_empty() {
        let heading = counted(Section::DoneSince, since.done.len(), lang);
        writeln!(out, "\n#### {heading}\n")?;
        writeln!(
            out,
            "{}",
            headers(&[Header::Code, Header::Task, Header::Owner])
        )?;
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
        let heading = counted(Section::NewlyOverdue, since.new_overdue.len(), lang);
        writeln!(out, "\n#### {heading}\n")?;
        let row = [
            Header::Code,
            Header::Task,
            Header::Owner,
            Header::Due,
            Header::DaysLate,
        ];
        writeln!(out, "{}", headers(&row))?;
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
        let heading = counted(Section::Slipped, since.slipped.len(), lang);
        writeln!(out, "\n#### {heading}\n")?;
        let row = [
            Header::Code,
            Header::Task,
            Header::Was,
            Header::Now,
            Header::Days,
        ];
        writeln!(out, "{}", headers(&row))?;
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
