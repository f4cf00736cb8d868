//! English text of the failures to write and read, and of the arguments
//! that name nothing: word for word what wbs said before it had a
//! catalogue.

use std::fmt::{self, Formatter};

use crate::i18n::io::{InputFailure, PathKind, WriteFailure};

const REVISION_HINT: &str =
    "name a commit, branch or tag (see `git log --oneline` and `git branch -a`)";
const UNSHALLOW_HINT: &str = "hint: fetch the whole history with `git fetch --unshallow`, \
     or set `fetch-depth: 0` in actions/checkout";

pub(in crate::i18n) fn write_failure(
    failure: &WriteFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        WriteFailure::CannotWrite { path, cause } => write!(
            out,
            "cannot write `{path}`: {}; nothing was written",
            cause.text
        ),
        WriteFailure::ReadOnly { path } => write!(
            out,
            "`{path}` is read-only; nothing was written\nhint: make it writable (chmod u+w) if it should be edited"
        ),
        WriteFailure::ChangedOnDisk { path } => write!(
            out,
            "`{path}` changed on disk while wbs was working; nothing was written\nhint: run the command again"
        ),
        WriteFailure::CannotReadAgain { path, cause } => {
            write!(out, "cannot read `{path}` again: {}", cause.text)
        }
        WriteFailure::Locked { lock } => write!(
            out,
            "another wbs edit holds `{lock}`; nothing was written\nhint: wait for it, or remove the lock file if no wbs is running"
        ),
        WriteFailure::CannotLock { lock, cause } => write!(
            out,
            "cannot create the lock `{lock}`: {}; nothing was written",
            cause.text
        ),
        WriteFailure::CannotReplace {
            path,
            cause,
            written,
            unwritten,
        } => {
            write!(out, "cannot replace `{path}`: {}; ", cause.text)?;
            if written.is_empty() {
                return out.write_str("nothing was written");
            }
            write!(
                out,
                "{} {} written, {} not: check them with `wbs check`",
                written.join(", "),
                if written.len() == 1 { "was" } else { "were" },
                unwritten.join(", ")
            )
        }
        WriteFailure::LoneCr { path } => write!(
            out,
            "`{path}` ends its lines with CR alone (old Mac style), which wbs reads but does not edit; nothing was written\nhint: convert it to LF or CRLF line ends first"
        ),
        WriteFailure::CannotWriteFile { path, cause } => {
            write!(out, "cannot write `{path}`: {}", cause.text)
        }
    }
}

pub(in crate::i18n) fn input_failure(
    failure: &InputFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        InputFailure::CannotRead { input, cause } => {
            write!(out, "cannot read `{input}`: {}", cause.text)
        }
        InputFailure::TooLarge { input, limit } => {
            write!(out, "`{input}` is larger than {limit} bytes (WBS_MAX_BYTES)")
        }
        InputFailure::Workbook { input, why, .. } => write!(out, "`{input}`: {why}"),
        InputFailure::StdinUnreadable { cause } => {
            write!(out, "cannot read the plan from stdin: {}", cause.text)
        }
        InputFailure::StdinTooBig { limit } => write!(
            out,
            "the plan on stdin is over the limit of {limit} bytes\nhint: raise the limit with WBS_MAX_BYTES"
        ),
        InputFailure::NoCurrentDir { cause } => {
            write!(out, "cannot tell the current directory: {}", cause.text)
        }
        InputFailure::UnknownRevision { rev, said } => {
            write!(out, "unknown revision `{rev}`")?;
            if let Some(said) = said {
                write!(out, ": {said}")?;
            }
            write!(out, "\nhint: {REVISION_HINT}")
        }
        InputFailure::ShallowRevision { rev } => write!(
            out,
            "unknown revision `{rev}`: this clone is shallow and may not hold that commit\n{UNSHALLOW_HINT}"
        ),
        InputFailure::NotACommit { rev } => write!(
            out,
            "`{rev}` names a git object that is not a commit\n\
             hint: name a commit, branch or tag; for a file as of a revision write REV:PATH"
        ),
        InputFailure::NotAtRevision { path, rev } => write!(out, "`{path}` does not exist at {rev}"),
        InputFailure::TooBigAtRevision {
            path,
            rev,
            size,
            limit,
        } => write!(
            out,
            "`{path}` at {rev} is {size} bytes, over the limit of {limit} bytes\n\
             hint: raise the limit with WBS_MAX_BYTES if the file is meant to be this large"
        ),
        InputFailure::FolderAtRevision { path, rev } => {
            write!(out, "`{path}` is a folder at {rev}, not a file")
        }
        InputFailure::ShallowClone => write!(
            out,
            "this clone is shallow: it holds only the latest commits, not the plan's history\n{UNSHALLOW_HINT}"
        ),
        InputFailure::NoPlanFilesAt { path, rev } => write!(
            out,
            "no plan files (*.yaml, *.yml) in `{path}` at {rev}\nhint: name the plan with -f PATH"
        ),
        InputFailure::LinkAtRevision { path, rev } => write!(
            out,
            "`{path}` is a symbolic link at {rev}; wbs reads only regular files from git\n\
             hint: name the file the link points to"
        ),
        InputFailure::SubmoduleAtRevision { path, rev } => write!(
            out,
            "`{path}` is a submodule at {rev}, not a plan file or folder"
        ),
        InputFailure::MoveIntoFlowList { name } => write!(
            out,
            "cannot move {name} into a one-line [..] list: its text spans lines\n\
             hint: write that list as a block list (one `- ` item a line) first"
        ),
        InputFailure::PathNotNode { reference, kind } => {
            let what = match kind {
                PathKind::File => "a file name",
                PathKind::Folder => "a folder",
            };
            write!(
                out,
                "`{reference}` is {what}, not a node\nhint: load plans with -f PATH; name a node by its id or by its WBS code, such as 2.2.1"
            )
        }
        InputFailure::NoCode { code } => write!(
            out,
            "no node has the WBS code `{code}`\nhelp: `wbs list` shows every node's code; an id works too"
        ),
        InputFailure::NoId { id, near } => {
            write!(out, "no node has the id `{id}`\nhelp: ")?;
            match near {
                Some(near) => write!(
                    out,
                    "did you mean `{near}`? A WBS code such as 2.2.1 works too"
                ),
                None => out.write_str("name a node by its id or by its WBS code, such as 2.2.1"),
            }
        }
        InputFailure::UnknownSortKey { key, near, keys } => {
            write!(out, "unknown sort key `{key}`\nhelp: ")?;
            match near {
                Some(near) => write!(out, "did you mean `{near}`?"),
                None => write!(out, "sort keys are: {}", keys.join(", ")),
            }
        }
        InputFailure::BinaryToTerminal => out.write_str(
            "a workbook is binary: it is not written to a terminal\nhint: wbs export --format xlsx --output plan.xlsx",
        ),
        InputFailure::NotSpan { text } => write!(
            out,
            "`{text}` is not a span; write days or weeks, e.g. 14d or 2w"
        ),
        InputFailure::NotPercent { text } => {
            write!(out, "`{text}` is not a percentage from 0 to 100")
        }
        InputFailure::DepthZero => {
            out.write_str("the depth is at least 1 (1 shows the top-level nodes)")
        }
        InputFailure::NotDepth { text } => write!(
            out,
            "`{text}` is not a depth; write a whole number from 1"
        ),
        InputFailure::NotId { text } => write!(
            out,
            "`{text}` is not an id: use letters, digits, `-`, `_` and `.`, not only digits and dots"
        ),
    }
}
