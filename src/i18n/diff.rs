//! What `wbs diff` says to people: the change lines' words, the notes on
//! a change, the summary line, the markdown comment's labels, and what the
//! git diff driver says when it falls back to a text diff.
//!
//! Field names (`status`, `due`), codes, ids, titles, dates and numbers
//! stay as they are; a change's note is written in English in JSON
//! ([`Note`] shown in [`Lang::En`]).

crate::messages! {
    /// A change, a line or a part of a line of the diff.
    pub enum DiffText {
        /// `added (3 nodes)`
        Added { nodes: usize },
        /// `removed (1 node)`
        Removed { nodes: usize },
        /// ` (was 2.1.4)` after the code of a node whose code changed.
        WasCode { code: String },
        /// A note after a change, in brackets: ` (slipped 7 days)`.
        Bracketed { text: String },
        /// Where a moved node's parent was or is: the top level of a file.
        TopLevelOf { file: String },
        /// `no differences; progress 49.6%`
        NoDifferences { progress: f64 },
        /// `0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress
        /// 49.6% → 50.2%`, then the top-level nodes' roll-ups in brackets.
        Summary {
            added: usize,
            removed: usize,
            moved: usize,
            renamed: usize,
            changed: usize,
            old: f64,
            new: f64,
            tops: Vec<String>,
        },
        /// `wbs diff - -`.
        OneStdin,
        /// A version named by a path that does not exist; `near` is a
        /// plan file of a similar name.
        Missing { path: String, near: Option<String> },
        /// A revision without plan files under `roots` (each in backticks).
        NoPlanFiles { rev: String, roots: String },
        /// `Top-level progress: ` and the roll-ups, already escaped.
        TopLevelProgress { tops: String },
    }
}

crate::messages! {
    /// A word for people on a change: why, or by how much.
    pub enum Note {
        /// A leaf's progress went to 100% as it was marked done.
        Done,
        /// A parent's progress, rolled up from its subtasks.
        RolledUp,
        WasInherited,
        NowInheritedFrom { code: String },
        InheritedFrom { code: String },
        /// A date moved later by `days`.
        Slipped { days: i64 },
        /// A date moved earlier by `days`.
        Gained { days: i64 },
        /// Entries added to and removed from a list (`tags`, `after`).
        Entries { added: Vec<String>, removed: Vec<String> },
        /// A node moved among the same siblings.
        WithinParent,
    }
}

crate::phrases! {
    /// The diff's plain labels.
    pub enum Label {
        /// What a move changed: the parent (not a plan field).
        Parent,
        /// What a move among siblings changed: the position.
        Position,
        /// The markdown comment's heading, `### Plan changes`.
        MarkdownHeading,
        /// The markdown summary table's header and rule.
        MarkdownHeader,
        /// `_No differences._`
        MarkdownEmpty,
    }
}

crate::messages! {
    /// What `wbs diff-driver` says around a plan or text diff.
    pub enum Driver {
        Unmerged,
        /// The file's mode changed.
        Mode { old: String, new: String },
        /// A version could not be read; `error` says why.
        CannotRead { error: String },
        NewFile,
        DeletedFile,
        /// Read without the rest of its plan set.
        ReadAlone,
        /// The plan is the same and the text is not.
        SamePlan,
        /// After the errors of a version that does not validate.
        TextDiffFollows,
        /// `the new version has 2 errors:`
        VersionErrors { new: bool, count: usize },
    }
}

spoken!(message diff: DiffText => text);

spoken!(message diff: Note => note);

spoken!(phrase diff: Label => label);

spoken!(message diff: Driver => driver);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::assert::{assert_chinese, assert_covers};

    fn texts() -> Vec<DiffText> {
        let counts = |tops: Vec<String>| DiffText::Summary {
            added: 1,
            removed: 0,
            moved: 2,
            renamed: 0,
            changed: 5,
            old: 30.0,
            new: 41.2,
            tops,
        };
        vec![
            DiffText::Added { nodes: 3 },
            DiffText::Removed { nodes: 1 },
            DiffText::WasCode {
                code: "2.1.4".into(),
            },
            DiffText::Bracketed {
                text: "推迟 7 天".into(),
            },
            DiffText::TopLevelOf {
                file: "plans/a.yaml".into(),
            },
            DiffText::NoDifferences { progress: 49.6 },
            counts(Vec::new()),
            counts(vec!["2 X 1.0% → 2.0%".into()]),
            DiffText::TopLevelProgress {
                tops: "2 X 1.0% → 2.0%".into(),
            },
            DiffText::OneStdin,
            DiffText::Missing {
                path: "plans/programe.yaml".into(),
                near: Some("plans/programme.yaml".into()),
            },
            DiffText::Missing {
                path: "x".into(),
                near: None,
            },
            DiffText::NoPlanFiles {
                rev: "HEAD".into(),
                roots: "`plans`".into(),
            },
        ]
    }

    fn notes() -> Vec<Note> {
        vec![
            Note::Done,
            Note::RolledUp,
            Note::WasInherited,
            Note::NowInheritedFrom { code: "2.1".into() },
            Note::InheritedFrom { code: "2.1".into() },
            Note::Slipped { days: 7 },
            Note::Gained { days: 1 },
            Note::Entries {
                added: vec!["a".into(), "b".into()],
                removed: vec!["c".into()],
            },
            Note::WithinParent,
        ]
    }

    fn driver() -> Vec<Driver> {
        vec![
            Driver::Unmerged,
            Driver::Mode {
                old: "100644".into(),
                new: "100755".into(),
            },
            Driver::CannotRead { error: "x".into() },
            Driver::NewFile,
            Driver::DeletedFile,
            Driver::ReadAlone,
            Driver::SamePlan,
            Driver::TextDiffFollows,
            Driver::VersionErrors {
                new: true,
                count: 2,
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        let texts = texts();
        assert_covers(DiffText::VARIANTS, texts.iter().map(DiffText::variant));
        let notes = notes();
        assert_covers(Note::VARIANTS, notes.iter().map(Note::variant));
        let driver = driver();
        assert_covers(Driver::VARIANTS, driver.iter().map(Driver::variant));
        for message in &texts {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        for message in &notes {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        for message in &driver {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        for &label in Label::ALL {
            assert_chinese(&Lang::En.phrase(label), &Lang::Zh.phrase(label));
        }
    }

    #[test]
    fn english_is_as_it_was() {
        assert_eq!(
            Lang::En.show(&texts()[7]).to_string(),
            "1 added, 0 removed, 2 moved, 0 renamed, 5 changed; progress 30.0% → 41.2% (2 X 1.0% → 2.0%)"
        );
        assert_eq!(
            Lang::En.show(&Note::Slipped { days: 1 }).to_string(),
            "slipped 1 day"
        );
        assert_eq!(Lang::En.show(&notes()[7]).to_string(), "+a,b -c");
    }
}
