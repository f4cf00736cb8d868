//! `wbs report`: the progress report for a terminal, a CI job summary or a
//! script, and a gate that fails CI on what it finds.

mod gantt;
mod human;
mod markdown;
mod since;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::i18n::io::InputFailure;
use crate::i18n::views::{View, Word};
use crate::output::Stream;
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::report::{Branch, Counts, Gate, Report, Selection};
use crate::row::NodeRow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select what the report covers (the matches and everything below them)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show branches down to this level
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = crate::context::parse_depth)]
    pub depth: u32,

    /// How far ahead "due soon" looks: days (14d) or weeks (2w)
    #[arg(long, value_name = "SPAN", default_value = "14d", value_parser = parse_horizon)]
    pub horizon: u32,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit 1 when any of these holds, after printing the report (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CONDITIONS")]
    pub fail_on: Vec<Gate>,

    /// Exit 1 when overall progress is below this percentage
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub min_progress: Option<f64>,

    /// Add a Mermaid gantt chart of the branches and the overdue, blocked and due-soon items (markdown format)
    #[arg(long)]
    pub gantt: bool,

    /// Fit tables to this many columns (default: the terminal's width, else COLUMNS)
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,

    /// Add what changed since this revision or date (YYYY-MM-DD, or what git reads, e.g. '7 days ago')
    #[arg(long, value_name = "REV|DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned sections for a terminal
    Human,
    /// GitHub-flavoured markdown for a job summary or a pull-request comment
    Markdown,
    /// One JSON document (the report shape of the README)
    Json,
}

fn parse_horizon(text: &str) -> Result<u32, InputFailure> {
    let invalid = || InputFailure::NotSpan {
        text: text.to_owned(),
    };
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let count: u32 = number.parse().map_err(|_| invalid())?;
    match unit {
        "d" => Ok(count),
        "w" => count.checked_mul(7).ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

fn parse_percent(text: &str) -> Result<f64, InputFailure> {
    crate::plan::fields::parse_progress(text).ok_or_else(|| InputFailure::NotPercent {
        text: text.to_owned(),
    })
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = match context::open_valid(
        ctx,
        context::Load {
            horizon_days: args.horizon,
            ..context::Load::default()
        },
    )? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = context::parse_query(&args.query, &project)?;
    let report = crate::report::build(
        &project.loaded.plan,
        &project.derived,
        &query,
        args.depth,
        args.horizon,
    );
    let gate = report.gate(&args.fail_on, args.min_progress);
    let lang = ctx.lang();
    let since = match &args.since {
        Some(text) => Some(since::load(ctx, args, text, &project, &report)?),
        None => None,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    args.format
        .write(ctx, args, &project, &report, since.as_ref(), &mut out)?;
    out.flush()?;
    drop(out);
    if gate.is_empty() {
        return Ok(Exit::Success);
    }
    eprintln!("{}", lang.show(&View::GateFailed { reasons: gate }));
    Ok(Exit::Finding)
}

impl Format {
    /// The one place a format picks its renderer.
    fn write(
        self,
        ctx: &Context,
        args: &Args,
        project: &Project,
        report: &Report,
        since: Option<&crate::history::since::Since>,
        out: &mut impl Write,
    ) -> Result<()> {
        let asked = args.since.as_deref().unwrap_or_default();
        let lang = ctx.lang();
        match self {
            Format::Human => {
                let width = args.width.or_else(|| ctx.terminal_width());
                let color = ctx.color(Stream::Stdout);
                human::write(project, report, lang, width, color, out)?;
                if let Some(since) = since {
                    let terminal = since::Terminal { lang, width, color };
                    since::human(project, report, since, asked, &terminal, out)?;
                }
            }
            Format::Markdown => {
                markdown::write(project, report, lang, args.gantt, out)?;
                if let Some(since) = since {
                    since::markdown(project, report, since, asked, lang, out)?;
                }
            }
            Format::Json => match since {
                Some(since) => since::json(project, report, since, out)?,
                None => {
                    crate::safe::write_json(&mut *out, &JsonReport::new(project, report))?;
                    writeln!(out)?;
                }
            },
        }
        Ok(())
    }
}

/// The plan's title, or the titles of a plan set joined.
pub(crate) fn title(project: &Project) -> String {
    let titles: Vec<&str> = project
        .loaded
        .plan
        .files
        .iter()
        .map(|f| f.title.as_str())
        .collect();
    titles.join(" · ")
}

/// Hours as people read them: whole hours, thousands apart.
pub(crate) fn hours(value: f64) -> String {
    let whole = value.round() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push('h');
    out
}

/// What a narrowed report covers, in parts a narrow terminal wraps
/// between: `Selection: owner:ana`, `19 of 81 leaves`, and that every
/// figure is of those leaves alone.
pub(crate) fn selection_parts(selection: &Selection, lang: Lang) -> [String; 3] {
    [
        lang.show(&View::Selection {
            query: selection.query.clone(),
        })
        .to_string(),
        lang.show(&View::SelectedLeaves {
            leaves: selection.leaves,
            of: selection.of,
        })
        .to_string(),
        lang.phrase(Word::EveryFigureSelected).to_owned(),
    ]
}

/// `26 of 80 leaves done · 1,234h of 2,500h effort done`
pub(crate) fn summary_line(report: &Report, lang: Lang) -> String {
    summary_parts(report, lang).join(" · ")
}

/// The parts of the summary line, which a narrow terminal shows one under
/// the other: `26 of 80 leaves done (1 cancelled)`, `1,234h of 2,500h
/// effort done`.
pub(crate) fn summary_parts(report: &Report, lang: Lang) -> [String; 2] {
    let counts = &report.counts;
    [
        lang.show(&View::LeavesDone {
            done: counts.done,
            active: counts.total() - counts.cancelled,
            cancelled: counts.cancelled,
        })
        .to_string(),
        lang.show(&View::EffortDone {
            done: hours(report.effort_done_hours),
            total: hours(report.effort_hours),
        })
        .to_string(),
    ]
}

/// The report shape of SPEC §4.1, with a few more fields.
#[derive(Serialize)]
struct JsonReport<'p> {
    today: String,
    title: String,
    titles: Vec<&'p str>,
    /// Rounded half-up to one decimal.
    progress: f64,
    /// The query the report covers and how many of the plan's leaves it
    /// selects; `null` for the whole plan.
    selection: Option<&'p Selection>,
    /// Leaves in scope by status.
    counts: Counts,
    effort_hours: f64,
    effort_done_hours: f64,
    horizon_days: u32,
    branches: Vec<JsonBranch<'p>>,
    overdue: Vec<JsonDated<'p>>,
    due_soon: Vec<JsonDated<'p>>,
    blocked: Vec<NodeRow<'p>>,
}

/// A branch: the node with its roll-ups (`status`, `progress`,
/// `effort_hours`, dates, `overdue`, `due_soon`, `cancelled`) over the
/// selected leaves below it, which for the whole plan are `list`'s.
#[derive(Serialize)]
struct JsonBranch<'p> {
    #[serde(flatten)]
    node: NodeRow<'p>,
    /// Leaves in scope at or below this branch, by status.
    counts: Counts,
    overdue_leaves: usize,
}

#[derive(Serialize)]
struct JsonDated<'p> {
    #[serde(flatten)]
    node: NodeRow<'p>,
    /// Days late for an overdue node, days left for one due soon.
    days: i64,
}

impl<'p> JsonReport<'p> {
    fn new(project: &'p Project, report: &'p Report) -> JsonReport<'p> {
        let dated = |rows: &[(NodeId, i64)]| {
            rows.iter()
                .map(|&(id, days)| JsonDated {
                    node: NodeRow::new(project, id),
                    days,
                })
                .collect()
        };
        JsonReport {
            today: report.today.to_string(),
            title: title(project),
            titles: project
                .loaded
                .plan
                .files
                .iter()
                .map(|f| f.title.as_str())
                .collect(),
            selection: report.selection.as_ref(),
            progress: round1(report.progress),
            counts: report.counts,
            effort_hours: report.effort_hours,
            effort_done_hours: (report.effort_done_hours * 10.0).round() / 10.0,
            horizon_days: report.horizon_days,
            branches: report
                .branches
                .iter()
                .map(|b| JsonBranch {
                    node: branch_row(project, b),
                    counts: b.counts,
                    overdue_leaves: b.overdue,
                })
                .collect(),
            overdue: dated(&report.overdue),
            due_soon: dated(&report.due_soon),
            blocked: report
                .blocked
                .iter()
                .map(|&id| NodeRow::new(project, id))
                .collect(),
        }
    }
}

/// A branch's node row with the figures of the selection.
fn branch_row<'p>(project: &'p Project, branch: &Branch) -> NodeRow<'p> {
    let f = &branch.figures;
    NodeRow {
        status: f.status,
        progress: round1(f.progress),
        start: f.start.map(|date| date.to_string()),
        due: f.due.map(|date| date.to_string()),
        effort_hours: Some(f.effort_hours),
        overdue: f.overdue,
        due_soon: f.due_soon,
        cancelled: f.cancelled,
        ..NodeRow::new(project, branch.node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizons_and_hours() {
        assert_eq!(parse_horizon("14d"), Ok(14));
        assert_eq!(parse_horizon("2w"), Ok(14));
        assert!(parse_horizon("14").is_err());
        assert!(parse_horizon("x").is_err());
        assert_eq!(hours(1234.4), "1,234h");
        assert_eq!(hours(12.0), "12h");
        assert_eq!(hours(1_000_000.0), "1,000,000h");
    }
}
