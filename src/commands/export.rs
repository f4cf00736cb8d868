//! `wbs export`: the whole plan as JSON, CSV, a markdown outline or a
//! Mermaid gantt chart.

use anyhow::Result;
use clap::ValueEnum;

use super::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array of every node with its derived fields
    Json,
    /// One CSV row per node
    Csv,
    /// A markdown outline with checkboxes and progress
    Markdown,
    /// A Mermaid gantt chart that GitHub renders
    Mermaid,
}

pub fn run(_ctx: &Context, _args: &Args) -> Result<Exit> {
    anyhow::bail!("wbs export is being written")
}
