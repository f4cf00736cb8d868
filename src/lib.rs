//! wbs: work-breakdown plans as code.
//!
//! Module map, with dependencies pointing down only:
//!
//! - [`cli`]: the command line (global flags, the command enum of every
//!   command's `Args`); [`commands`]: one module per command that reads its
//!   arguments, calls the layer that does the work and picks a renderer,
//!   and the one `match` that runs them. The only code that touches the
//!   process (stdout, stderr, environment). What several editing commands
//!   print lives there too (`edit_output`: `--dry-run`, `--format json`,
//!   the summary lines; `field_args`: the field flags).
//! - [`context`]: below the commands, what every command gets: the global
//!   options, the environment read once, opening the plan set they name,
//!   and reading a query or a node reference.
//! - [`edit`]: the editing layer, used by `update`, `add`, `rm`, `mv` and
//!   `apply` (and every new command that changes plan files): byte-range
//!   patches over the span tree, field changes and what they mean
//!   ([`edit::change`], [`edit::fields`]), where a task goes and the
//!   add/remove/move planners ([`edit::place`], [`edit::ops`]), and the
//!   transaction ([`edit::transaction`]: stage → re-load → validate →
//!   verify → atomic write). It takes plain values, never the command
//!   context, and prints nothing: a refused change comes back as data.
//! - [`history`]: the plan set replayed over git history, and what
//!   changed since a past version; below the commands, above [`project`].
//! - [`project`]: load, derive and validate in one call, as every command
//!   does.
//! - [`merge`]: the three-way merge of plan versions (`wbs merge`, git's
//!   merge driver): matching by identity, the merged plan as decisions,
//!   ours's text edited into it with [`edit`], verified and validated.
//! - [`validate`]: rules across nodes and files.
//! - [`source`]: files, spans, line:column, the YAML span tree and its
//!   conversion to the model; with [`edit`], the only code that knows YAML
//!   syntax.
//! - [`plan`]: the plain model and its derived values; depends on nothing
//!   else in the crate. [`format`]: the plan format's fields as data, read
//!   by the loader and by `wbs schema`.
//! - [`import`]: a new plan from a breakdown document, a CSV file or an
//!   xlsx sheet, as YAML text (its scalars written by [`edit::scalar`]) and
//!   a report of what was read; `apply` reads workbooks with its
//!   [`import::xlsx`].
//! - [`i18n`]: the languages of human output (`--lang`, the locale) and
//!   the one catalogue of everything wbs says to people, a typed message
//!   per thing said and one file of text per language and area; every
//!   renderer of human output asks it for words, machine formats never do.
//! - [`diagnostic`]: findings as data and their renderers; [`safe`]: plan
//!   text made safe to print; [`sheet`]: plan text in CSV/TSV cells and
//!   back, exactly; [`output`], [`exit`]: colour and exit codes;
//!   [`order`]: the longest run in order, shared by `diff` and `merge`.

pub mod bar;
pub mod cli;
pub mod commands;
pub mod context;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod exit;
pub mod format;
#[cfg(test)]
mod fuzz;
pub mod git;
pub mod history;
pub mod i18n;
pub mod import;
pub mod merge;
pub mod order;
pub mod output;
pub mod plan;
pub mod project;
pub mod query;
pub mod report;
pub mod row;
pub mod safe;
pub mod sheet;
pub mod source;
pub mod table;
pub mod validate;

use std::ffi::OsString;
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::exit::Exit;

/// Runs wbs with these arguments (the first is the program name) and
/// returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let original: Vec<OsString> = args.into_iter().collect();
    let args = cli::protect_negated_terms(original.clone());
    let env = context::Env::from_process();
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            if let Some(failure) = cli::path_terms::unexpected_path(&error, &original) {
                let lang = i18n::Lang::resolve(lang_flag(&original), &env.locale);
                print_error(lang, &anyhow::Error::from(failure));
                return Exit::Failure.into();
            }
            let lang = i18n::Lang::resolve(lang_flag(&original), &env.locale);
            if let Some(message) = i18n::io::localized_usage(&error, lang) {
                let _ = write!(std::io::stderr(), "{}", safe_lines(&message));
                return Exit::Failure.into();
            }
            let _ = error.print();
            return if error.use_stderr() {
                Exit::Failure
            } else {
                Exit::Success
            }
            .into();
        }
    };
    let lang = i18n::Lang::resolve(cli.global.lang, &env.locale);
    let result = cli::path_terms::check_query(&cli.command, &original)
        .and_then(|()| commands::run(cli, env));
    match result {
        Ok(exit) => exit.into(),
        Err(error) if is_broken_pipe(&error) => Exit::Success.into(),
        Err(error) if error.is::<exit::Refused>() => {
            let _ = writeln!(
                std::io::stderr(),
                "{}{}",
                lang.phrase(i18n::errors::Frame::Error),
                safe_lines(&error.to_string())
            );
            Exit::Finding.into()
        }
        Err(error) => {
            print_error(lang, &error);
            Exit::Failure.into()
        }
    }
}

/// Prints an error that stopped a run (exit 2) in `lang`: each cause that
/// the catalogue knows in its words, the others as they are, joined as
/// `{:#}` joins them.
fn print_error(lang: i18n::Lang, error: &anyhow::Error) {
    use i18n::errors::{Failure, Frame};
    let causes: Vec<String> = error
        .chain()
        .map(|cause| {
            if let Some(failure) = cause.downcast_ref::<Failure>() {
                lang.show(failure).to_string()
            } else if let Some(failure) = cause.downcast_ref::<i18n::setup::SetupFailure>() {
                lang.show(failure).to_string()
            } else if let Some(query) = cause.downcast_ref::<query::QueryError>() {
                lang.show(query).to_string()
            } else if let Some(failure) = cause.downcast_ref::<i18n::import::ImportFailure>() {
                lang.show(failure).to_string()
            } else if let Some(text) = i18n::io::localized(cause, lang) {
                text
            } else {
                cause.to_string()
            }
        })
        .collect();
    let _ = writeln!(
        std::io::stderr(),
        "{}{}",
        lang.phrase(Frame::Error),
        safe_lines(&causes.join(": "))
    );
}

/// `--lang` as typed, for a command line clap could not read: the
/// language of the message that says so.
fn lang_flag(args: &[OsString]) -> Option<i18n::Lang> {
    use clap::ValueEnum;
    let mut words = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(word) = words.next() {
        let value = match word {
            "--" => return None,
            "--lang" => words.next(),
            _ => word.strip_prefix("--lang="),
        };
        if let Some(value) = value {
            return i18n::Lang::from_str(value, true).ok();
        }
    }
    None
}

/// An error message whose lines are each made safe to print: a file name
/// or a value in it may come from a plan.
fn safe_lines(message: &str) -> String {
    message
        .split('\n')
        .map(|line| safe::escape_control(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `wbs list | head` closes the pipe early; that is not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe)
    })
}
