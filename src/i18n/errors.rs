//! What any command may say when it cannot run (exit 2): the frame of the
//! message (`error:`, `hint:`), the plan set that cannot be read, a path
//! where a query or argument belongs, and a query that cannot be read.
//!
//! An error is raised as data ([`Failure`], [`Problem`] with [`QueryHelp`])
//! deep below the commands, which know no language; `wbs` writes it in the
//! reader's language when it reaches the top. Their `Display` is English.

crate::phrases! {
    /// The words that open a message's lines.
    pub enum Frame {
        /// `error: ` before the message.
        Error,
        /// `hint: ` before a line that says what to do.
        Hint,
        /// `help: ` before the line under a query error.
        Help,
    }
}

crate::phrases! {
    /// What a word that should not be a path names.
    pub enum PathKind {
        File,
        Folder,
        /// Several paths, not all of one kind.
        Mixed,
    }
}

/// Why a file could not be read: the operating system's words, and the
/// kind of failure for the languages that say it their way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    pub kind: std::io::ErrorKind,
    pub text: String,
}

impl From<&std::io::Error> for Cause {
    fn from(error: &std::io::Error) -> Cause {
        Cause {
            kind: error.kind(),
            text: error.to_string(),
        }
    }
}

impl From<std::io::Error> for Cause {
    fn from(error: std::io::Error) -> Cause {
        Cause::from(&error)
    }
}

crate::messages! {
    /// A run that cannot go on: the plan set, a path given as a word.
    pub enum Failure {
        /// `./plans/` cannot be read and nothing else was named.
        PlanFolderUnreadable { folder: &'static str, cause: Cause },
        /// A path from `-f` or `WBS_FILE` cannot be read.
        PathUnreadable { path: String, origin: &'static str, cause: Cause, near: Option<String> },
        NoPlanFiles { folder: String },
        CannotList { folder: String, cause: Cause },
        CannotRead { path: String, cause: Cause },
        TooBig { path: String, size: u64, limit: u64 },
        MaxBytes { max: u64, text: String },
        /// `WBS_TODAY` is not a date.
        BadToday { text: String },
        /// Query words that name files or folders; `command` is the line
        /// rewritten with `-f`.
        PathsInQuery { names: Vec<String>, kind: PathKind, command: String },
        /// A stray argument that names a file or folder.
        PathArgument { word: String, kind: PathKind, subcommand: Option<String>, command: String },
        /// `wbs import` would write over a file; `other` is a free name.
        ImportExists { path: String, other: String },
        /// The plan `wbs import` made does not validate: a fault of wbs.
        ImportInvalid { source: String },
        /// `--until` older than the first commit.
        NothingThatOld { text: String },
        /// `--since` not an ancestor of `--until`.
        NotInHistory { since: String, until: String },
        /// No commit in the range holds plan files; `roots` as shown.
        NoPlansInHistory { roots: String },
        NotRevisionOrDate { text: String },
    }
}

crate::messages! {
    /// What is wrong with a query term.
    pub enum Problem {
        FullWidthColon,
        UnknownOperator { op: String, field: String },
        EmptyTerm,
        UnknownField { name: String },
        FullWidthComma { comma: char },
        TakesColon { field: String, op: String },
        NotLevel { value: String },
        NotProgress { value: String },
        UnknownStatus { value: String },
        UnderNoNode { value: String },
        NotDate { value: String },
        UnknownIs { value: String },
        UnknownHas { value: String },
    }
}

crate::messages! {
    /// The `help:` line under a query error.
    pub enum QueryHelp {
        UseAsciiColon { fixed: String },
        Operators { comparable: String },
        RemoveEmpty,
        DidYouMean { word: String },
        QueryFields { fields: String },
        UseAsciiComma { fixed: String },
        ListOrCompare { field: String, comparable: String },
        Levels,
        Percentage,
        Statuses { statuses: String },
        UnderReference,
        DateForms,
        IsTakes { words: String },
        NameXKey,
        LowercaseX { key: String },
        HasTakes { fields: String },
    }
}

spoken!(phrase errors: Frame => frame);

spoken!(phrase errors: PathKind => path_kind);

spoken!(display errors: Failure => failure, Problem => problem, QueryHelp => query_help);

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::assert::{assert_covers, assert_phrases, assert_spoken};

    fn cause() -> Cause {
        Cause::from(&std::io::Error::from(std::io::ErrorKind::NotFound))
    }

    fn failures() -> Vec<Failure> {
        let s = |t: &str| t.to_owned();
        vec![
            Failure::PlanFolderUnreadable {
                folder: "plans",
                cause: cause(),
            },
            Failure::PathUnreadable {
                path: s("plans/x.yaml"),
                origin: "-f",
                cause: cause(),
                near: Some(s("plans/y.yaml")),
            },
            Failure::NoPlanFiles { folder: s("docs") },
            Failure::CannotList {
                folder: s("docs"),
                cause: cause(),
            },
            Failure::CannotRead {
                path: s("a.yaml"),
                cause: cause(),
            },
            Failure::TooBig {
                path: s("a.yaml"),
                size: 10,
                limit: 5,
            },
            Failure::MaxBytes {
                max: 2,
                text: s("x"),
            },
            Failure::BadToday { text: s("x") },
            Failure::PathsInQuery {
                names: vec![s("a.yaml"), s("b.yaml")],
                kind: PathKind::File,
                command: s("wbs -f a.yaml list"),
            },
            Failure::PathArgument {
                word: s("a.yaml"),
                kind: PathKind::File,
                subcommand: Some(s("check")),
                command: s("wbs -f a.yaml check"),
            },
            Failure::ImportExists {
                path: s("plans/seed.yaml"),
                other: s("plans/seed-imported.yaml"),
            },
            Failure::ImportInvalid {
                source: s("seed.txt"),
            },
            Failure::NothingThatOld {
                text: s("2020-01-01"),
            },
            Failure::NotInHistory {
                since: s("side"),
                until: s("HEAD"),
            },
            Failure::NoPlansInHistory {
                roots: s("`plans`"),
            },
            Failure::NotRevisionOrDate { text: s("x") },
        ]
    }

    fn problems() -> Vec<Problem> {
        let s = |t: &str| t.to_owned();
        vec![
            Problem::FullWidthColon,
            Problem::UnknownOperator {
                op: s("!="),
                field: s("due"),
            },
            Problem::EmptyTerm,
            Problem::UnknownField { name: s("stauts") },
            Problem::FullWidthComma { comma: '，' },
            Problem::TakesColon {
                field: s("owner"),
                op: s("<"),
            },
            Problem::NotLevel { value: s("x") },
            Problem::NotProgress { value: s("x") },
            Problem::UnknownStatus { value: s("x") },
            Problem::UnderNoNode { value: s("x") },
            Problem::NotDate { value: s("x") },
            Problem::UnknownIs { value: s("x") },
            Problem::UnknownHas { value: s("x-") },
        ]
    }

    fn helps() -> Vec<QueryHelp> {
        let s = |t: &str| t.to_owned();
        vec![
            QueryHelp::UseAsciiColon {
                fixed: s("owner:ana"),
            },
            QueryHelp::Operators {
                comparable: s("level, due"),
            },
            QueryHelp::RemoveEmpty,
            QueryHelp::DidYouMean { word: s("status") },
            QueryHelp::QueryFields {
                fields: s("status, owner"),
            },
            QueryHelp::UseAsciiComma { fixed: s("a,b") },
            QueryHelp::ListOrCompare {
                field: s("owner"),
                comparable: s("level, due"),
            },
            QueryHelp::Levels,
            QueryHelp::Percentage,
            QueryHelp::Statuses {
                statuses: s("todo, done"),
            },
            QueryHelp::UnderReference,
            QueryHelp::DateForms,
            QueryHelp::IsTakes {
                words: s("leaf, parent"),
            },
            QueryHelp::NameXKey,
            QueryHelp::LowercaseX { key: s("jira") },
            QueryHelp::HasTakes {
                fields: s("id, owner"),
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        assert_covers(Failure::VARIANTS, failures().iter().map(Failure::variant));
        assert_covers(Problem::VARIANTS, problems().iter().map(Problem::variant));
        assert_covers(QueryHelp::VARIANTS, helps().iter().map(QueryHelp::variant));
        assert_spoken(&failures());
        assert_spoken(&problems());
        assert_spoken(&helps());
        assert_phrases(Frame::ALL);
        assert_phrases(PathKind::ALL);
    }

    #[test]
    fn paths_in_a_query_read_as_a_sentence() {
        let said = |names: &[&str]| {
            let failure = Failure::PathsInQuery {
                names: names.iter().map(|n| n.to_string()).collect(),
                kind: PathKind::Mixed,
                command: "wbs".into(),
            };
            (
                Lang::En.show(&failure).to_string(),
                Lang::Zh.show(&failure).to_string(),
            )
        };
        let (en, zh) = said(&["a", "b", "c"]);
        assert!(
            en.starts_with("a, b and c are paths, not query terms\n"),
            "{en}"
        );
        assert!(zh.starts_with("a、b、c 是路径，不是查询条件\n"), "{zh}");
        let (en, _) = said(&["a", "b"]);
        assert!(en.starts_with("a and b are paths"), "{en}");
    }

    #[test]
    fn a_missing_file_is_said_in_chinese() {
        let zh = Lang::Zh.show(&failures()[3]).to_string();
        assert!(zh.contains("不存在"), "{zh}");
        assert!(!zh.contains("not found"), "{zh}");
    }
}
