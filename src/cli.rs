//! The command line: the global flags (from [`crate::context`]) and the
//! command enum of every command's `Args`.

use clap::{Parser, Subcommand};

use std::ffi::OsString;

use crate::commands::{
    add, apply, check, completions, diff, diff_driver, export, git_setup, history, import, init,
    list, man, merge, mv, report, rm, schema, show, tree, update,
};
use crate::context::{GlobalArgs, NEGATED_TERM_MARK};

pub mod path_terms;

/// Work-breakdown plans as code: check, list, report, diff and edit YAML plans
#[derive(Debug, Parser)]
#[command(name = "wbs", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
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
    /// Export the whole plan as JSON, CSV, a markdown outline, a Mermaid gantt chart or an Excel workbook
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
    /// Set up git to diff and merge plan files with wbs (.gitattributes and git config)
    GitSetup(git_setup::Args),
    /// Show one plan file's change for git diff: the diff driver git-setup configures
    DiffDriver(diff_driver::Args),
    /// Make a new plan from a breakdown document (markdown), a CSV file or an xlsx sheet
    Import(import::Args),
    /// Show progress over git history: a burn-up chart, the points and a forecast
    History(history::Args),
    /// Merge two versions of a plan file by task over their common base (git's merge driver)
    Merge(merge::Args),
}

impl Command {
    /// The query words of a command that takes a query.
    pub fn query(&self) -> Option<&[String]> {
        match self {
            Command::List(args) => Some(&args.query),
            Command::Tree(args) => Some(&args.query),
            Command::Report(args) => Some(&args.query),
            Command::Update(args) => Some(&args.query),
            Command::History(args) => Some(&args.query),
            _ => None,
        }
    }
}

/// Lets a query term that starts with `-` (`-status:done`) stand anywhere
/// among a command's options, as SPEC §2 wants: every such word that is not
/// one of the command's own options gets [`NEGATED_TERM_MARK`] in front, so
/// clap takes it as part of the query, in its place; the query parser drops
/// the mark. Words after `--` are left alone.
pub fn protect_negated_terms(args: Vec<OsString>) -> Vec<OsString> {
    let mut root = <Cli as clap::CommandFactory>::command();
    root.build();
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
    let Some((index, subcommand)) = subcommand_in(&root, &args) else {
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

/// The subcommand of a command line: its index in `args` and its name.
pub fn find_subcommand(args: &[OsString]) -> Option<(usize, String)> {
    let mut root = <Cli as clap::CommandFactory>::command();
    root.build();
    subcommand_in(&root, args).map(|(index, found)| (index, found.get_name().to_owned()))
}

/// Finds the subcommand, skipping global options and their values.
fn subcommand_in(root: &clap::Command, args: &[OsString]) -> Option<(usize, clap::Command)> {
    let mut index = 1;
    while index < args.len() {
        let word = args[index].to_str()?;
        if let Some(found) = root.find_subcommand(word) {
            return Some((index, found.clone()));
        }
        let option = root.get_arguments().find(|a| option_matches(a, word));
        if option.is_some_and(|a| a.get_action().takes_values() && !has_attached_value(word)) {
            index += 1;
        }
        index += 1;
    }
    None
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

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    /// Every command with a QUERY argument gives its words to the checks
    /// that run before it (a path is never a query term).
    #[test]
    fn every_query_is_known() {
        let root = super::Cli::command();
        for command in root.get_subcommands() {
            if !command.get_arguments().any(|a| a.get_id() == "query") {
                continue;
            }
            let name = command.get_name();
            let cli = super::Cli::try_parse_from(["wbs", name, "word"])
                .unwrap_or_else(|e| panic!("wbs {name} word: {e}"));
            assert_eq!(
                cli.command.query(),
                Some(&["word".to_owned()][..]),
                "wbs {name}: add it to Command::query"
            );
        }
    }
}
