//! `wbs report`: the progress report for a terminal, a CI job summary or a
//! script, and a gate that fails CI on what it finds.

mod markdown;
mod since;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use super::Context;
use crate::bar::bar;
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::report::{Counts, Gate, Report};
use crate::row::NodeRow;
use crate::safe::escape_control;
use crate::table::{Cell, Fit, Table, Tone};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select what the report covers (the matches and everything below them)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show branches down to this level
    #[arg(long, value_name = "N", default_value_t = 2)]
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

    /// Add a Mermaid gantt chart of the branches (markdown format)
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

fn parse_horizon(text: &str) -> Result<u32, String> {
    let invalid = || format!("`{text}` is not a span; write days or weeks, e.g. 14d or 2w");
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let count: u32 = number.parse().map_err(|_| invalid())?;
    match unit {
        "d" => Ok(count),
        "w" => count.checked_mul(7).ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

fn parse_percent(text: &str) -> Result<f64, String> {
    crate::plan::fields::parse_progress(text)
        .ok_or_else(|| format!("`{text}` is not a percentage from 0 to 100"))
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    if args.depth == 0 {
        anyhow::bail!("--depth must be 1 or more (1 shows the top-level nodes)");
    }
    let project = match super::open_valid(
        ctx,
        super::Load {
            horizon_days: args.horizon,
            ..super::Load::default()
        },
    )? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = super::parse_query(&args.query, &project)?;
    let report = crate::report::build(
        &project.loaded.plan,
        &project.derived,
        &query,
        args.depth,
        args.horizon,
    );
    let gate = report.gate(&args.fail_on, args.min_progress);
    let since = match &args.since {
        Some(text) => Some(since::load(ctx, args, text, &project, &report)?),
        None => None,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    args.format
        .write(ctx, args, &project, &report, since.as_ref(), &mut out)?;
    out.flush()?;
    drop(out);
    Ok(match gate {
        Some(reason) => {
            eprintln!("{reason}");
            Exit::Finding
        }
        None => Exit::Success,
    })
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
        match self {
            Format::Human => {
                let width = args.width.or_else(|| ctx.terminal_width());
                let color = ctx.color(Stream::Stdout);
                human(project, report, width, color, out)?;
                if let Some(since) = since {
                    since::human(project, report, since, asked, width, color, out)?;
                }
            }
            Format::Markdown => {
                markdown::write(project, report, args.gantt, out)?;
                if let Some(since) = since {
                    since::markdown(project, report, since, asked, out)?;
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

/// `26 of 80 leaves done · 1,234h of 2,500h effort done`
pub(crate) fn summary_line(report: &Report) -> String {
    let active = report.counts.total() - report.counts.cancelled;
    let cancelled = match report.counts.cancelled {
        0 => String::new(),
        n => format!(" ({n} cancelled)"),
    };
    format!(
        "{} of {active} leaves done{cancelled} · {} of {} effort done",
        report.counts.done,
        hours(report.effort_done_hours),
        hours(report.effort_hours),
    )
}

fn human(
    project: &Project,
    report: &Report,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> Result<()> {
    let plan = &project.loaded.plan;
    let bold = |text: &str| {
        if color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    writeln!(
        out,
        "{} — {}",
        bold(&escape_control(&title(project))),
        report.today
    )?;
    writeln!(
        out,
        "{} {:>5.1}%   {}",
        bar(report.progress, 20, false),
        round1(report.progress),
        summary_line(report)
    )?;
    writeln!(out)?;

    let mut table = Table::new(
        [
            "code", "title", "owner", "progress", "todo", "doing", "blocked", "done", "due",
            "overdue",
        ]
        .map(str::to_owned)
        .to_vec(),
    )
    .fits(vec![
        Fit::Whole,
        Fit::Flexible,
        Fit::AtMost(16),
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
        Fit::Whole,
    ]);
    for branch in &report.branches {
        let id = branch.node;
        let d = project.derived.node(id);
        let counts = &branch.counts;
        let number = |n: usize| {
            Cell::new(if n == 0 { String::new() } else { n.to_string() }).right_aligned(true)
        };
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
            number(counts.blocked).tone(Tone::Status(crate::plan::Status::Blocked)),
            number(counts.done),
            Cell::new(d.due.map(|due| due.to_string()).unwrap_or_default()).tone(if d.overdue {
                Tone::Alert
            } else {
                Tone::Plain
            }),
            number(branch.overdue).tone(Tone::Alert),
        ]);
    }
    if report.branches.is_empty() {
        writeln!(
            out,
            "{}",
            if project.loaded.plan.nodes.is_empty() {
                "The plan has no tasks yet."
            } else {
                "No node matches the query."
            }
        )?;
    } else {
        table.write(out, width, color)?;
    }

    let section = |out: &mut dyn Write, heading: String| -> std::io::Result<()> {
        writeln!(out)?;
        writeln!(out, "{}", bold(&heading))
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

/// A branch title indented by its level, so the table reads as a tree.
fn indented(plan: &crate::plan::Plan, id: NodeId) -> String {
    let depth = plan.node(id).level.saturating_sub(1) as usize;
    format!("{}{}", "  ".repeat(depth), plan.title(id))
}

/// The overdue, due-soon or blocked nodes, with a column of `days` when
/// given (days late or left).
fn node_table(
    project: &Project,
    rows: &[(NodeId, i64)],
    days: Option<&str>,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "  none")?;
        return Ok(());
    }
    let plan = &project.loaded.plan;
    let mut header = vec!["code", "title", "owner", "status", "due"];
    header.extend(days);
    let mut fits = vec![
        Fit::Whole,
        Fit::Flexible,
        Fit::AtMost(16),
        Fit::Whole,
        Fit::Whole,
    ];
    fits.extend(days.map(|_| Fit::Whole));
    let mut table = Table::new(header.into_iter().map(str::to_owned).collect()).fits(fits);
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
            cells.push(Cell::new(count.to_string()).right_aligned(true));
        }
        table.push(cells);
    }
    table.write(out, width, color)?;
    Ok(())
}

/// The report shape of SPEC §4.1, with a few more fields.
#[derive(Serialize)]
struct JsonReport<'p> {
    today: String,
    title: String,
    titles: Vec<&'p str>,
    /// Rounded half-up to one decimal.
    progress: f64,
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
    fn new(project: &'p Project, report: &Report) -> JsonReport<'p> {
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
            progress: round1(report.progress),
            counts: report.counts,
            effort_hours: report.effort_hours,
            effort_done_hours: (report.effort_done_hours * 10.0).round() / 10.0,
            horizon_days: report.horizon_days,
            branches: report
                .branches
                .iter()
                .map(|b| JsonBranch {
                    node: NodeRow::new(project, b.node),
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
