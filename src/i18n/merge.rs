//! What `wbs merge` says on stderr: one line per conflict (where, which
//! field, what base, ours and theirs hold), and a note when it merged line
//! by line and why.
//!
//! Plan text (a task's code and id, a value, a file name) arrives as it is
//! to be shown. The reasons a conflict carries (a validation error of the
//! merged plan) arrive as text: they are written in English by the layer
//! that finds them. The merged file itself, markers included, is the same
//! in every language: it is data git shows and tools read.

crate::phrases! {
    /// A version of the file in a merge.
    pub enum Version {
        Base,
        Ours,
        Theirs,
    }
}

crate::messages! {
    /// Where a conflict is.
    pub enum Spot {
        /// A task of the result: `2.1 design`.
        Task { name: String },
        /// A task of the merge without a place in the result.
        Unplaced { task: u32 },
        /// A task of theirs the result leaves out.
        Theirs { name: String },
        /// The file's own fields.
        File,
        /// The plan as a whole.
        Plan,
        /// A line of a result merged line by line.
        Line { line: usize },
        /// Lines of a result merged line by line.
        Lines { start: usize, end: usize },
    }
}

crate::messages! {
    /// Where a moved task is in a version.
    pub enum Parent {
        Under { name: String },
        TopLevel,
        /// Not in that version.
        Nowhere,
    }
}

crate::messages! {
    /// What the side that kept a task the other removed changed in it.
    pub enum Change {
        Field { field: &'static str },
        XField,
        Moved,
        SubtaskAdded { name: String },
        SubtaskMovedIn { name: String },
    }
}

crate::messages! {
    /// What a conflict is about.
    pub enum Detail {
        /// `2026-10-01 → ours 2026-10-05 / theirs 2026-10-09`
        Values { base: String, ours: String, theirs: String },
        RemovedByTheirs { ours: Change },
        RemovedByOurs { theirs: Change },
        MovedTwice { base: Parent, ours: Parent, theirs: Parent, reason: Option<String> },
        /// Moved, where the places cannot be named.
        MovedTwiceSomewhere,
        AddedTwice,
        Order,
        /// Theirs removed it; kept as the merged plan needs it.
        KeptForValidity { reason: String },
        /// Theirs's change left out; `values` are base, ours and theirs.
        LeftOut { values: Option<[String; 3]>, reason: String },
        Unresolved { reason: String },
        /// A line merge's conflict.
        ChangedOnBothSides,
        /// No version could be merged as text.
        NotUtf8OursKept,
    }
}

crate::messages! {
    /// Why the merge went line by line.
    pub enum Note {
        NotUtf8,
        NotYaml { version: Version, line: usize, message: crate::diagnostic::Text },
        NotPlan { version: Version, line: usize, code: &'static str, message: crate::diagnostic::Text },
        LoneCr { version: Version },
        /// The merge by task failed to write its result: a bug.
        WriteFailed { why: String },
    }
}

crate::messages! {
    /// A line of stderr.
    pub enum Line {
        /// `note: FILE: WHY; merged line by line`
        Note { file: String, note: Note },
        /// `conflict: FILE: SPOT FIELD: DETAIL`
        Conflict { file: String, spot: Spot, field: Option<String>, detail: Detail },
    }
}

spoken!(phrase merge: Version => version);

spoken!(display merge: Spot => spot,
    Parent => parent,
    Change => change,
    Detail => detail,
    Note => note,
    Line => line);

#[cfg(test)]
mod tests {

    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::assert::{assert_covers, assert_phrases, assert_spoken};

    pub(crate) fn spots() -> Vec<Spot> {
        vec![
            Spot::Task {
                name: "2.1 design".into(),
            },
            Spot::Unplaced { task: 3 },
            Spot::Theirs {
                name: "2.2 build".into(),
            },
            Spot::File,
            Spot::Plan,
            Spot::Line { line: 7 },
            Spot::Lines { start: 2, end: 6 },
        ]
    }

    fn parents() -> Vec<Parent> {
        vec![
            Parent::Under {
                name: "1 web".into(),
            },
            Parent::TopLevel,
            Parent::Nowhere,
        ]
    }

    fn details() -> Vec<Detail> {
        let v = |s: &str| s.to_owned();
        vec![
            Detail::Values {
                base: v("1d"),
                ours: v("2d"),
                theirs: v("3d"),
            },
            Detail::RemovedByTheirs {
                ours: Change::Field { field: "title" },
            },
            Detail::RemovedByOurs {
                theirs: Change::Moved,
            },
            Detail::MovedTwice {
                base: Parent::TopLevel,
                ours: Parent::Under { name: v("1 a") },
                theirs: Parent::Nowhere,
                reason: Some(v("[dependency-cycle] x")),
            },
            Detail::MovedTwiceSomewhere,
            Detail::AddedTwice,
            Detail::Order,
            Detail::KeptForValidity {
                reason: v("subtask 1.1 a added"),
            },
            Detail::LeftOut {
                values: Some([v("a"), v("b"), v("c")]),
                reason: v("[dependency-cycle] x"),
            },
            Detail::Unresolved {
                reason: v("line 3: [duplicate-id] x"),
            },
            Detail::ChangedOnBothSides,
            Detail::NotUtf8OursKept,
        ]
    }

    fn changes() -> Vec<Change> {
        vec![
            Change::Field { field: "due" },
            Change::XField,
            Change::Moved,
            Change::SubtaskAdded {
                name: "1.2 b".into(),
            },
            Change::SubtaskMovedIn {
                name: "1.3 c".into(),
            },
        ]
    }

    fn notes() -> Vec<Note> {
        vec![
            Note::NotUtf8,
            Note::NotYaml {
                version: Version::Ours,
                line: 7,
                message: crate::i18n::check::Check::EmptyTitle.into(),
            },
            Note::NotPlan {
                version: Version::Theirs,
                line: 3,
                code: "duplicate-id",
                message: crate::i18n::check::Check::EmptyTitle.into(),
            },
            Note::LoneCr {
                version: Version::Base,
            },
            Note::WriteFailed { why: "x".into() },
        ]
    }

    fn lines() -> Vec<Line> {
        vec![
            Line::Note {
                file: "p.yaml".into(),
                note: Note::NotUtf8,
            },
            Line::Conflict {
                file: "p.yaml".into(),
                spot: Spot::Task { name: "1 a".into() },
                field: Some("due".into()),
                detail: Detail::Order,
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        assert_covers(Spot::VARIANTS, spots().iter().map(Spot::variant));
        assert_covers(Parent::VARIANTS, parents().iter().map(Parent::variant));
        assert_covers(Change::VARIANTS, changes().iter().map(Change::variant));
        assert_covers(Detail::VARIANTS, details().iter().map(Detail::variant));
        assert_covers(Note::VARIANTS, notes().iter().map(Note::variant));
        assert_covers(Line::VARIANTS, lines().iter().map(Line::variant));
        // A task is named by its code and id, in every language.
        let mut spots = spots();
        let task = spots.remove(0);
        assert_eq!(Lang::En.show(&task).to_string(), "2.1 design");
        assert_eq!(Lang::Zh.show(&task).to_string(), "2.1 design");
        assert_spoken(&spots);
        assert_spoken(&parents());
        assert_spoken(&changes());
        assert_spoken(&details());
        assert_spoken(&notes());
        assert_spoken(&lines());
        assert_phrases(Version::ALL);
    }
}
