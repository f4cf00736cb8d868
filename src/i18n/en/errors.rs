//! English text of the errors any command may stop with.

use std::fmt::{self, Formatter};

use crate::i18n::errors::{Cause, Failure, Frame, PathKind, Problem, QueryHelp};

pub(in crate::i18n) fn frame(frame: Frame) -> &'static str {
    match frame {
        Frame::Error => "error: ",
        Frame::Hint => "hint: ",
        Frame::Help => "help: ",
    }
}

pub(in crate::i18n) fn path_kind(kind: PathKind) -> &'static str {
    match kind {
        PathKind::File => "a file name",
        PathKind::Folder => "a folder",
        PathKind::Mixed => "paths",
    }
}

fn cause(cause: &Cause) -> &str {
    &cause.text
}

/// `a`, `a and b`, `a, b and c`.
fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(in crate::i18n) fn failure(failure: &Failure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        Failure::PlanFolderUnreadable { folder, cause: c } => write!(
            out,
            "cannot read the plan folder `{folder}/`: {}\n\
             hint: run wbs where `{folder}/` is, or name a plan with -f PATH or WBS_FILE",
            cause(c)
        ),
        Failure::PathUnreadable {
            path,
            origin,
            cause: c,
            near,
        } => {
            write!(out, "cannot read `{path}` (from {origin}): {}", cause(c))?;
            match near {
                Some(near) => write!(out, "\nhint: did you mean `{near}`?"),
                None => Ok(()),
            }
        }
        Failure::NoPlanFiles { folder } => write!(
            out,
            "no plan files (*.yaml, *.yml) in `{folder}`\nhint: add a plan there, or name one with -f PATH"
        ),
        Failure::CannotList { folder, cause: c } => {
            write!(out, "cannot list `{folder}`: {}", cause(c))
        }
        Failure::CannotRead { path, cause: c } => write!(out, "cannot read `{path}`: {}", cause(c)),
        Failure::TooBig { path, size, limit } => write!(
            out,
            "`{path}` is {size} bytes, over the limit of {limit} bytes\n\
             hint: raise the limit with WBS_MAX_BYTES if the file is meant to be this large"
        ),
        Failure::MaxBytes { max, text } => write!(
            out,
            "WBS_MAX_BYTES must be a number of bytes from 1 to {max}, not `{text}`"
        ),
        Failure::BadToday { text } => {
            write!(out, "WBS_TODAY: `{text}` is not a date; write YYYY-MM-DD")
        }
        Failure::PathsInQuery {
            names,
            kind,
            command,
        } => {
            let what = match (names.len(), kind) {
                (1, PathKind::File) => "is a file name, not a query term",
                (1, _) => "is a folder, not a query term",
                (_, PathKind::File) => "are file names, not query terms",
                (_, PathKind::Folder) => "are folders, not query terms",
                (_, PathKind::Mixed) => "are paths, not query terms",
            };
            write!(
                out,
                "{} {what}\nhint: load plans with -f: {command}",
                join(names)
            )
        }
        Failure::PathArgument {
            word,
            kind,
            subcommand,
            command,
        } => {
            write!(out, "`{word}` is {}, not ", path_kind(*kind))?;
            match subcommand {
                Some(name) => write!(out, "an argument of `wbs {name}`")?,
                None => out.write_str("an argument of wbs")?,
            }
            write!(out, "\nhint: load plans with -f: {command}")
        }
        Failure::ImportExists { path, other } => write!(
            out,
            "`{path}` already exists; wbs import never overwrites a file\n\
             hint: name a new file, e.g. `--output {other}`, or `--output -` to print the plan"
        ),
        Failure::ImportInvalid { source } => write!(
            out,
            "the plan made from `{source}` does not validate; nothing was written\n\
             help: this is a fault of wbs import: please report it with the input"
        ),
        Failure::NothingThatOld { text } => {
            write!(out, "no commit of HEAD's history is as old as `{text}`")
        }
        Failure::NotInHistory { since, until } => write!(
            out,
            "`{since}` is not in the history of `{until}`\n\
             hint: --since names an older commit of the same line, or a date"
        ),
        Failure::NoPlansInHistory { roots } => write!(
            out,
            "no commit in this history holds plan files in {roots}\n\
             hint: name the plan with -f PATH, or check --since and --until"
        ),
        Failure::NotRevisionOrDate { text } => write!(
            out,
            "`{text}` is neither a git revision nor a date\n\
             hint: name a commit, branch or tag, or a date such as 2026-11-01 or '7 days ago'"
        ),
    }
}

pub(in crate::i18n) fn problem(problem: &Problem, out: &mut Formatter<'_>) -> fmt::Result {
    match problem {
        Problem::FullWidthColon => out.write_str("`：` is a full-width colon"),
        Problem::UnknownOperator { op, field } => {
            write!(out, "unknown operator `{op}` after `{field}`")
        }
        Problem::EmptyTerm => out.write_str("an empty query term"),
        Problem::UnknownField { name } => write!(out, "unknown field `{name}` in query"),
        Problem::FullWidthComma { comma } => {
            let kind = if *comma == '，' {
                "a full-width comma"
            } else {
                "an ideographic comma"
            };
            write!(out, "`{comma}` is {kind}")
        }
        Problem::TakesColon { field, op } => write!(out, "`{field}` takes `:`, not `{op}`"),
        Problem::NotLevel { value } => write!(out, "`{value}` is not a level"),
        Problem::NotProgress { value } => write!(out, "`{value}` is not a progress"),
        Problem::UnknownStatus { value } => write!(out, "unknown status `{value}` in query"),
        Problem::UnderNoNode { value } => write!(out, "`under:{value}` names no node"),
        Problem::NotDate { value } => write!(out, "`{value}` is not a date"),
        Problem::UnknownIs { value } => write!(out, "unknown `is:{value}`"),
        Problem::UnknownHas { value } => write!(out, "unknown `has:{value}`"),
    }
}

pub(in crate::i18n) fn query_help(help: &QueryHelp, out: &mut Formatter<'_>) -> fmt::Result {
    match help {
        QueryHelp::UseAsciiColon { fixed } => write!(out, "use the ASCII colon: {fixed}"),
        QueryHelp::Operators { comparable } => write!(
            out,
            "operators are `:` and, for {comparable}, also <, <=, >, >= and ="
        ),
        QueryHelp::RemoveEmpty => out.write_str("remove it, or quote the text to search for"),
        QueryHelp::DidYouMean { word } => write!(out, "did you mean `{word}`?"),
        QueryHelp::QueryFields { fields } => write!(out, "query fields are: {fields}"),
        QueryHelp::UseAsciiComma { fixed } => write!(out, "use the ASCII comma: {fixed}"),
        QueryHelp::ListOrCompare { field, comparable } => write!(
            out,
            "write `{field}:a,b` for any of a list; only {comparable} compare with <, <=, >, >= and ="
        ),
        QueryHelp::Levels => out.write_str("levels are whole numbers from 1 (a top-level node)"),
        QueryHelp::Percentage => out.write_str("write a percentage, e.g. progress<50"),
        QueryHelp::Statuses { statuses } => write!(out, "statuses are: {statuses}"),
        QueryHelp::UnderReference => {
            out.write_str("use a node's id or its WBS code, e.g. under:2.1")
        }
        QueryHelp::DateForms => out.write_str("write YYYY-MM-DD, today, today+14d or today-2w"),
        QueryHelp::IsTakes { words } => write!(out, "`is:` takes one of: {words}"),
        QueryHelp::NameXKey => out.write_str("name the x- key, such as `has:x-jira`"),
        QueryHelp::LowercaseX { key } => {
            write!(
                out,
                "custom keys start with a lowercase `x-`: `has:x-{key}`"
            )
        }
        QueryHelp::HasTakes { fields } => write!(
            out,
            "`has:` takes one of: {fields}, or an x- key such as `has:x-jira`"
        ),
    }
}
