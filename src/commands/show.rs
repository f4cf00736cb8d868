//! `wbs show`: every field of one node and how its progress adds up.

use anyhow::Result;
use clap::ValueEnum;

use super::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The node: an id or a WBS code such as 2.2.1
    #[arg(value_name = "NODE")]
    pub node: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Sections for people
    Human,
    /// One JSON object
    Json,
}

pub fn run(_ctx: &Context, _args: &Args) -> Result<Exit> {
    anyhow::bail!("wbs show is being written")
}
