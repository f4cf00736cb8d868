//! What wbs says when a file cannot be written or read, or a command's
//! argument names nothing it can use (exit 2): an edit that cannot write
//! its plans ([`WriteFailure`]), and the inputs and arguments of `apply`,
//! `diff`, the views and the editing commands ([`InputFailure`]).
//!
//! They are raised as data deep below the commands and written in the
//! reader's language at the top ([`localized`]); their `Display` is
//! English, as logs and tests read it.

use super::{Lang, zh};

/// Why a file could not be read or written: the same value the plan
/// set's errors carry.
pub use super::errors::Cause;

crate::messages! {
    /// Why an edit wrote nothing (or, for `CannotReplace` after other
    /// files, not everything), and why an exported file was not written.
    pub enum WriteFailure {
        /// The temporary file beside the plan could not be written.
        CannotWrite { path: String, cause: Cause },
        /// The plan's mode has no write bit.
        ReadOnly { path: String },
        /// The plan is not what wbs read when it came to write it.
        ChangedOnDisk { path: String },
        /// The plan could not be read again to check it.
        CannotReadAgain { path: String, cause: Cause },
        /// Another wbs holds the lock file `lock`.
        Locked { lock: String },
        CannotLock { lock: String, cause: Cause },
        /// The rename over `path` failed; `written` were renamed before it.
        CannotReplace { path: String, cause: Cause, written: Vec<String>, unwritten: Vec<String> },
        /// Lines end with a CR alone.
        LoneCr { path: String },
        /// A file that is not a plan (`export --output`) could not be written.
        CannotWriteFile { path: String, cause: Cause },
    }
}

/// What a path names where a node belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    File,
    Folder,
}

crate::messages! {
    /// An input or argument a command cannot use.
    pub enum InputFailure {
        /// `apply`'s rows cannot be read; `input` is `<stdin>` for `-`.
        CannotRead { input: String, cause: Cause },
        /// `apply`'s rows are over the size limit.
        TooLarge { input: String, limit: u64 },
        /// The workbook could not be read; `why` is the reader's words,
        /// `not_xlsx` when the file is no xlsx workbook at all.
        Workbook { input: String, why: crate::i18n::import::ReadFailure, not_xlsx: bool },
        /// `wbs diff -`: stdin cannot be read.
        StdinUnreadable { cause: Cause },
        StdinTooBig { limit: u64 },
        NoCurrentDir { cause: Cause },
        /// A revision git does not know; `said` is what git still said.
        UnknownRevision { rev: String, said: Option<String> },
        /// A revision not found in a shallow clone.
        ShallowRevision { rev: String },
        /// A revision that names a blob or tree.
        NotACommit { rev: String },
        /// `REV:PATH` (or a plan root) that the revision does not hold.
        NotAtRevision { path: String, rev: String },
        /// A plan file at a revision over the size limit.
        TooBigAtRevision { path: String, rev: String, size: u64, limit: u64 },
        /// A folder named as a file at a revision.
        FolderAtRevision { path: String, rev: String },
        /// A shallow clone, where the plan's history is asked for.
        ShallowClone,
        /// A folder with no plan file at a revision.
        NoPlanFilesAt { path: String, rev: String },
        /// A symbolic link at a revision, which git stores as its target.
        LinkAtRevision { path: String, rev: String },
        SubmoduleAtRevision { path: String, rev: String },
        /// `mv` into a one-line `[..]` list of a node whose text spans lines.
        MoveIntoFlowList { name: String },
        /// A node reference that is a path.
        PathNotNode { reference: String, kind: PathKind },
        NoCode { code: String },
        NoId { id: String, near: Option<String> },
        /// `--sort` names no column; `near` is the closest, `keys` all.
        UnknownSortKey { key: String, near: Option<String>, keys: Vec<String> },
        /// `export --format xlsx` to a terminal.
        BinaryToTerminal,
        /// `--horizon` that is not `14d` or `2w`.
        NotSpan { text: String },
        NotPercent { text: String },
        DepthZero,
        NotDepth { text: String },
        /// `add --id` that is not an id.
        NotId { text: String },
    }
}

spoken!(display io: WriteFailure => write_failure, InputFailure => input_failure);

impl std::error::Error for WriteFailure {}
impl std::error::Error for InputFailure {}

/// `cause` (one error of a chain) in `lang`, when it is one of this
/// area's; `None` for the others, which are written as they are.
pub fn localized(cause: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    if let Some(failure) = cause.downcast_ref::<WriteFailure>() {
        return Some(lang.show(failure).to_string());
    }
    if let Some(failure) = cause.downcast_ref::<InputFailure>() {
        return Some(lang.show(failure).to_string());
    }
    if let Some(failure) = cause.downcast_ref::<crate::git::NotARepository>() {
        return Some(match lang {
            Lang::En => failure.to_string(),
            Lang::Zh => zh::io::not_a_repository(failure),
        });
    }
    None
}

/// The word before an error's message: `error: `, `错误：`.
pub fn error_frame(lang: Lang) -> &'static str {
    lang.phrase(super::errors::Frame::Error)
}

/// A usage error clap found in an argument whose value a parser of ours
/// refused (`--depth 0`), whole, in `lang`; `None` where clap's own words
/// stand (English, and every other usage error).
pub fn localized_usage(error: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::En || error.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let source = std::error::Error::source(error)?;
    let message = if let Some(failure) = source.downcast_ref::<InputFailure>() {
        lang.show(failure).to_string()
    } else {
        // A field flag of the editing commands (`--progress 200`).
        lang.show(source.downcast_ref::<super::edit::FieldError>()?)
            .to_string()
    };
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg)?;
    let value = text(ContextKind::InvalidValue)?;
    Some(zh::io::invalid_value(arg, value, &message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::tests::assert_messages;

    fn cause(kind: std::io::ErrorKind) -> Cause {
        Cause::from(std::io::Error::from(kind))
    }

    fn write_samples() -> Vec<WriteFailure> {
        use std::io::ErrorKind::*;
        let s = |t: &str| t.to_owned();
        vec![
            WriteFailure::CannotWrite {
                path: s("p.yaml"),
                cause: cause(StorageFull),
            },
            WriteFailure::CannotWrite {
                path: s("p.yaml"),
                cause: cause(Interrupted),
            },
            WriteFailure::ReadOnly { path: s("p.yaml") },
            WriteFailure::ChangedOnDisk { path: s("p.yaml") },
            WriteFailure::CannotReadAgain {
                path: s("p.yaml"),
                cause: cause(NotFound),
            },
            WriteFailure::Locked {
                lock: s(".p.yaml.wbs-lock"),
            },
            WriteFailure::CannotLock {
                lock: s(".p.yaml.wbs-lock"),
                cause: cause(PermissionDenied),
            },
            WriteFailure::CannotReplace {
                path: s("a.yaml"),
                cause: cause(PermissionDenied),
                written: vec![],
                unwritten: vec![s("a.yaml")],
            },
            WriteFailure::CannotReplace {
                path: s("b.yaml"),
                cause: cause(ReadOnlyFilesystem),
                written: vec![s("a.yaml")],
                unwritten: vec![s("b.yaml"), s("c.yaml")],
            },
            WriteFailure::LoneCr { path: s("p.yaml") },
            WriteFailure::CannotWriteFile {
                path: s("plan.xlsx"),
                cause: cause(IsADirectory),
            },
        ]
    }

    fn input_samples() -> Vec<InputFailure> {
        use std::io::ErrorKind::*;
        let s = |t: &str| t.to_owned();
        vec![
            InputFailure::CannotRead {
                input: s("rows.csv"),
                cause: cause(NotFound),
            },
            InputFailure::TooLarge {
                input: s("<stdin>"),
                limit: 10,
            },
            InputFailure::Workbook {
                input: s("a.xlsx"),
                why: crate::i18n::import::ReadFailure::NotXlsx {
                    error: s("invalid Zip archive"),
                },
                not_xlsx: true,
            },
            InputFailure::Workbook {
                input: s("a.xlsx"),
                why: crate::i18n::import::ReadFailure::NoSheet,
                not_xlsx: false,
            },
            InputFailure::StdinUnreadable {
                cause: cause(InvalidData),
            },
            InputFailure::StdinTooBig { limit: 10 },
            InputFailure::NoCurrentDir {
                cause: cause(NotFound),
            },
            InputFailure::UnknownRevision {
                rev: s("nope"),
                said: None,
            },
            InputFailure::UnknownRevision {
                rev: s("nope"),
                said: Some(s("fatal: bad")),
            },
            InputFailure::ShallowRevision { rev: s("HEAD~9") },
            InputFailure::NotACommit {
                rev: s("HEAD^{tree}"),
            },
            InputFailure::NotAtRevision {
                path: s("plans/x.yaml"),
                rev: s("HEAD"),
            },
            InputFailure::TooBigAtRevision {
                path: s("plans/a.yaml"),
                rev: s("HEAD"),
                size: 20,
                limit: 10,
            },
            InputFailure::FolderAtRevision {
                path: s("plans"),
                rev: s("HEAD"),
            },
            InputFailure::ShallowClone,
            InputFailure::NoPlanFilesAt {
                path: s("docs"),
                rev: s("HEAD"),
            },
            InputFailure::LinkAtRevision {
                path: s("plan.yaml"),
                rev: s("HEAD"),
            },
            InputFailure::SubmoduleAtRevision {
                path: s("vendor"),
                rev: s("HEAD"),
            },
            InputFailure::MoveIntoFlowList {
                name: s("1.2 Design"),
            },
            InputFailure::PathNotNode {
                reference: s("plans/a.yaml"),
                kind: PathKind::File,
            },
            InputFailure::PathNotNode {
                reference: s("plans"),
                kind: PathKind::Folder,
            },
            InputFailure::NoCode { code: s("9.9") },
            InputFailure::NoId {
                id: s("desgin"),
                near: Some(s("design")),
            },
            InputFailure::NoId {
                id: s("zzz"),
                near: None,
            },
            InputFailure::UnknownSortKey {
                key: s("dew"),
                near: Some(s("due")),
                keys: vec![s("code"), s("due")],
            },
            InputFailure::UnknownSortKey {
                key: s("zzz"),
                near: None,
                keys: vec![s("code"), s("due")],
            },
            InputFailure::BinaryToTerminal,
            InputFailure::NotSpan { text: s("14") },
            InputFailure::NotPercent { text: s("x") },
            InputFailure::DepthZero,
            InputFailure::NotDepth { text: s("x") },
            InputFailure::NotId { text: s("1.2") },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        assert_messages(
            WriteFailure::VARIANTS,
            &write_samples(),
            WriteFailure::variant,
        );
        assert_messages(
            InputFailure::VARIANTS,
            &input_samples(),
            InputFailure::variant,
        );
    }

    #[test]
    fn a_common_cause_is_said_in_chinese() {
        let said = Lang::Zh.show(&write_samples()[0]).to_string();
        assert!(said.contains("磁盘已满"), "{said}");
        assert!(!said.contains("storage"), "{said}");
    }

    #[test]
    fn localized_knows_this_area_only() {
        let failure = WriteFailure::ChangedOnDisk {
            path: "p.yaml".into(),
        };
        let error = anyhow::Error::from(failure.clone());
        let zh = localized(error.as_ref(), Lang::Zh).expect("ours");
        assert_eq!(zh, Lang::Zh.show(&failure).to_string());
        assert_eq!(
            localized(error.as_ref(), Lang::En).expect("ours"),
            failure.to_string()
        );
        let other = anyhow::anyhow!("something else");
        assert_eq!(localized(other.as_ref(), Lang::Zh), None);
    }
}
