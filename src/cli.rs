//! The command line: global flags and the command enum.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::commands::check;
use crate::output::ColorChoice;

/// Work-breakdown plans as code: check, list, report, diff and edit YAML plans
#[derive(Debug, Parser)]
#[command(name = "wbs", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load this plan file or folder instead of ./plans/ (repeatable; also WBS_FILE)
    #[arg(short = 'f', long = "file", value_name = "PATH", global = true)]
    pub files: Vec<PathBuf>,

    /// Take this date as today (YYYY-MM-DD; also WBS_TODAY)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, global = true)]
    pub today: Option<NaiveDate>,

    /// When to colour output (NO_COLOR is honoured)
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Print no summary lines; findings are still printed
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the plan and report every problem with its file, line and column
    Check(check::Args),
}

pub fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::plan::fields::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
