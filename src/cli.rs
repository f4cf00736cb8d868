//! The command line: global flags and the command enum.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use std::ffi::OsString;

use crate::commands::{
    add, apply, check, completions, diff, export, init, list, man, merge, mv, report, rm, schema,
    show, tree, update,
};
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
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        global = true,
        help_heading = "Global options"
    )]
    pub files: Vec<PathBuf>,

    /// Take this date as today (YYYY-MM-DD; also WBS_TODAY)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, global = true, help_heading = "Global options")]
    pub today: Option<NaiveDate>,

    /// When to colour output (NO_COLOR is honoured)
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = "Global options")]
    pub color: ColorChoice,

    /// Print no summary lines; findings are still printed
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the plan and report every problem with its file, line and column
    Check(check::Args),
    /// List the nodes a query selects, as a table, JSON, CSV, TSV or markdown
    List(list::Args),
    /// Show the hierarchy with a progress bar per node
    Tree(tree::Args),
    /// Show every field of one node, its dependencies and how its progress adds up
    Show(show::Args),
    /// Export the whole plan as JSON, CSV, a markdown outline or a Mermaid gantt chart
    Export(export::Args),
    /// Report progress, branch roll-ups and what is overdue, due soon or blocked; gate CI on it
    Report(report::Args),
    /// Compare two versions of the plan: files, stdin or git revisions
    Diff(diff::Args),
    /// Print the JSON Schema of the plan format, for editors
    Schema(schema::Args),
    /// Write a starter plan
    Init(init::Args),
    /// Print a shell completion script
    Completions(completions::Args),
    /// Print the manual page (roff)
    Man(man::Args),
    /// Change fields of every node a query selects, in place
    Update(update::Args),
    /// Add a task under a parent (or at the top level with `.`)
    Add(add::Args),
    /// Remove a task (and with --recursive its subtasks)
    Rm(rm::Args),
    /// Move a task and its subtasks under another parent or within its list
    Mv(mv::Args),
    /// Apply field changes from JSON Lines, a JSON array or CSV: all rows or none
    Apply(apply::Args),
    /// Merge two versions of a plan file by task over their common base (git's merge driver)
    Merge(merge::Args),
}

/// Marks a query word that clap must not read as an option.
pub const NEGATED_TERM_MARK: char = '\u{E000}';

/// Lets a query term that starts with `-` (`-status:done`) stand anywhere
/// among a command's options, as SPEC §2 wants: every such word that is not
/// one of the command's own options gets [`NEGATED_TERM_MARK`] in front, so
/// clap takes it as part of the query, in its place; the query parser drops
/// the mark. Words after `--` are left alone.
pub fn protect_negated_terms(args: Vec<OsString>) -> Vec<OsString> {
    let mut root = <Cli as clap::CommandFactory>::command();
    root.build();
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
    // Find the subcommand, skipping global options and their values.
    let mut index = 1;
    let mut subcommand = None;
    while index < args.len() {
        let Some(word) = args[index].to_str() else {
            break;
        };
        if let Some(found) = root.find_subcommand(word) {
            subcommand = Some(found.clone());
            break;
        }
        let option = root.get_arguments().find(|a| option_matches(a, word));
        if option.is_some_and(|a| takes_value(a) && !has_attached_value(word)) {
            index += 1;
        }
        index += 1;
    }
    let Some(subcommand) = subcommand else {
        return args;
    };
    if !subcommand.get_arguments().any(|a| a.get_id() == "query") {
        return args;
    }
    let mut kept = Vec::with_capacity(args.len());
    kept.extend(args[..=index].iter().cloned());
    let mut rest = args[index + 1..].iter();
    while let Some(arg) = rest.next() {
        let Some(word) = arg.to_str() else {
            kept.push(arg.clone());
            continue;
        };
        if word == "--" {
            kept.push(arg.clone());
            kept.extend(rest.cloned());
            return kept;
        }
        if !word.starts_with('-') || word == "-" {
            kept.push(arg.clone());
            continue;
        }
        // A short option stands alone (`-f PATH`, `-q`): `-frontend` or
        // `-has:due` is a negated term, not `-f rontend` or `-h`.
        let short_or_long = word.starts_with("--") || word.chars().count() == 2;
        let option = subcommand.get_arguments().find(|a| option_matches(a, word));
        match option.filter(|_| short_or_long) {
            Some(option) => {
                kept.push(arg.clone());
                if takes_value(option)
                    && !has_attached_value(word)
                    && let Some(value) = rest.next()
                {
                    kept.push(value.clone());
                }
            }
            // An unknown `--long` is a mistake clap should report.
            None if word.starts_with("--") => kept.push(arg.clone()),
            None => kept.push(OsString::from(format!("{NEGATED_TERM_MARK}{word}"))),
        }
    }
    kept
}

/// `--name=value` and `-xvalue` carry their value; `--name` and `-x` take
/// the next word.
fn has_attached_value(word: &str) -> bool {
    match word.strip_prefix("--") {
        Some(long) => long.contains('='),
        None => word.chars().count() > 2,
    }
}

/// Whether `word` (`--name`, `--name=value`, `-x`, `-xvalue`) is this option.
fn option_matches(arg: &clap::Arg, word: &str) -> bool {
    if let Some(long) = word.strip_prefix("--") {
        let name = long.split_once('=').map_or(long, |(name, _)| name);
        return arg.get_long() == Some(name)
            || arg.get_all_aliases().is_some_and(|a| a.contains(&name));
    }
    let mut chars = word.chars();
    chars.next() == Some('-') && chars.next().is_some_and(|c| arg.get_short() == Some(c))
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
