//! `wbs tree`: the hierarchy with a progress bar per node.

use anyhow::Result;

use super::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select nodes; matches are shown with their ancestors
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show nodes down to this level only
    #[arg(long, value_name = "N")]
    pub depth: Option<u32>,

    /// Draw with ASCII only
    #[arg(long)]
    pub ascii: bool,
}

pub fn run(_ctx: &Context, _args: &Args) -> Result<Exit> {
    anyhow::bail!("wbs tree is being written")
}
