//! `wbs schema`: the JSON Schema of the plan format, for editors.

use std::io::Write;

use anyhow::Result;

use crate::context::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Context, _args: &Args) -> Result<Exit> {
    std::io::stdout().lock().write_all(text().as_bytes())?;
    Ok(Exit::Success)
}

/// The schema as printed and as `wbs init` writes it: pretty JSON, keys in
/// alphabetical order, one newline at the end.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&crate::format::json_schema())
        .expect("a JSON value always serializes");
    text.push('\n');
    text
}
