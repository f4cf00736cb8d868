//! `wbs history`: progress over git history, as a burn-up in the terminal,
//! a table of points and a forecast; or as JSON, CSV or markdown with a
//! Mermaid chart.

mod chart;
mod data;
mod human;
mod markdown;

use std::io::Write;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Context;
use crate::exit::Exit;
use crate::git::Repo;
use crate::history::{By, History, Request};
use crate::output::Stream;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that narrow every point to the matching nodes and everything below them
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Start here: a revision, or a date (YYYY-MM-DD, or what git reads, e.g. '8 weeks ago')
    #[arg(long, value_name = "REV|DATE")]
    pub since: Option<String>,

    /// End here instead of HEAD: a revision or a date
    #[arg(long, value_name = "REV|DATE")]
    pub until: Option<String>,

    /// Keep every commit that changed the plans, or the last one of each day or week
    #[arg(long, value_enum, default_value_t = By::Commit)]
    pub by: By,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Draw the chart with ASCII characters only
    #[arg(long)]
    pub ascii: bool,

    /// Fit the output to this many columns (default: the terminal's width, else COLUMNS)
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A burn-up chart, the table of points and the forecast, for a terminal
    Human,
    /// One JSON document (the history shape of the README)
    Json,
    /// One row per point
    Csv,
    /// A Mermaid chart, the table and the forecast, for a job summary or a comment
    Markdown,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let cwd = std::env::current_dir().context("cannot tell the current directory")?;
    let repo = Repo::discover(&cwd)?;
    let limit = ctx.max_bytes()?;
    let query: Vec<String> = crate::context::query_words(&args.query);
    let history = crate::history::replay(
        &repo,
        &Request {
            roots: crate::context::plan_roots(ctx),
            since: args.since.clone(),
            until: args.until.clone(),
            by: args.by,
            query,
            limit,
        },
    )?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    args.format.write(ctx, args, &history, &mut out)?;
    out.flush()?;
    Ok(Exit::Success)
}

impl Format {
    /// The one place a format picks its renderer.
    fn write(
        self,
        ctx: &Context,
        args: &Args,
        history: &History,
        out: &mut impl Write,
    ) -> Result<()> {
        match self {
            Format::Human => {
                let width = args.width.or_else(|| ctx.terminal_width());
                let style = chart::Style {
                    ascii: args.ascii,
                    color: ctx.color(Stream::Stdout),
                };
                human::write(history, width, style, ctx.lang(), out)?;
            }
            Format::Json => data::json(history, out)?,
            Format::Csv => data::csv(history, out)?,
            Format::Markdown => markdown::write(history, ctx.lang(), out)?,
        }
        Ok(())
    }
}

/// `+120h`, `−8h`, `0h`.
pub(super) fn signed_hours(value: f64) -> String {
    let rounded = value.round();
    if rounded > 0.0 {
        format!("+{}", crate::commands::report::hours(rounded))
    } else if rounded < 0.0 {
        format!("−{}", crate::commands::report::hours(-rounded))
    } else {
        "0h".to_owned()
    }
}
