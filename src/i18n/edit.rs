//! What the editing commands (`update`, `add`, `rm`, `mv`, `apply`) say
//! to people: confirmations, dry-run summaries, refusals and their hints,
//! and the frame of `apply`'s row errors.
//!
//! Arguments are plan text already escaped and cut short
//! ([`crate::safe::excerpt`]): a `name` is `CODE TITLE`. Field names,
//! ids, codes, flags and commands stay as they are in every language.

use std::fmt;

use super::{Lang, Message};

crate::phrases! {
    /// What a count counts.
    pub enum Noun {
        Node,
        Task,
        Row,
    }
}

crate::messages! {
    /// A line, or a part of a line, an editing command prints.
    pub enum Edit {
        // What was done.
        /// `updated 2 nodes in plans/programme.yaml`
        Updated { count: usize, noun: Noun, files: String },
        /// Every selected node already reads as asked.
        AlreadyAsAsked { count: usize, noun: Noun },
        /// `added 2.3 Docs in plans/x.yaml`
        Added { code: String, title: String, files: String },
        /// `removed 2.1 Setup and its 2 subtasks from plans/x.yaml`
        Removed { name: String, below: usize, file: String },
        /// A task that waited on a removed one, with the ids it lost.
        NoLongerAfter { code: String, title: String, ids: String },
        /// `moved 2.1 Setup with its subtask to 3.2 in plans/x.yaml`, and
        /// what the move did to an inherited owner.
        Moved { name: String, below: usize, code: String, files: String, owner: Option<Box<Edit>> },
        /// What a move does to the owner the moved tasks inherit, after
        /// the confirmation: `; they would inherit owner li instead of ana`.
        /// `tasks` of the `total` moved tasks inherit it.
        InheritedOwner { total: usize, tasks: usize, would: bool, old: Option<String>, new: Option<String> },
        /// `mv` to where the task already is.
        AlreadyThere { name: String },
        /// `--set KEY=VALUE: MESSAGE`, a flag whose value cannot be set.
        Flag { flag: String, message: FieldError },
        /// `--set` without `=`.
        SetNeedsPair { pair: String },
        // Dry runs: `dry run: WHAT; nothing was written`.
        DryRun { what: String },
        /// `2 nodes would change`
        WouldChange { count: usize, noun: Noun },
        WouldAdd,
        WouldRemove { count: usize },
        /// `3 tasks would move`, then the owner note.
        WouldMove { count: usize, owner: Option<Box<Edit>> },
        /// `this edit introduces 1 warning the plan did not have:`
        Introduced { count: usize, would: bool },
        // Refusals and their hints.
        NothingToChange,
        EveryNode,
        NoMatch,
        /// A search of `words` matched `count` nodes in `files` files.
        SearchMatches { words: String, several: bool, count: usize, files: usize },
        /// `… and 5 more: `wbs list WORDS` lists them all`
        MoreMatches { more: usize, words: String },
        /// How to say which node was meant; `id` is a node whose id is one
        /// of the words.
        SearchHint { id: Option<String>, count: usize },
        ExpectMismatch { found: usize, expected: usize },
        /// `update` of a field only a leaf has, on a parent.
        LeafFieldOnParent { name: String, field: String },
        /// A leaf that would get subtasks sets a field a parent cannot.
        CannotHaveChildren { name: String, field: &'static str, id: Option<String> },
        /// The edited plan does not validate.
        WouldBeInvalid,
        DuplicateId { id: String, name: String },
        EmptyTitle,
        NoTagsToRemove,
        HasSubtasks { name: String, below: usize },
        /// Tasks wait on what `rm` would remove; one line each follows.
        Dependents { name: String },
        /// `  2.3 Docs (after: setup)`
        DependentLine { code: String, title: String, ids: String },
        DependentsHint,
        UnderItself { name: String },
        BesideItself { name: String },
        /// `.` in a plan set of several files.
        WhichFile { files: usize, first: String },
        /// `--before`/`--after` names a task outside the list.
        NotASubtask { name: String, parent: String },
        /// The list `--before`/`--after` choose from.
        BeforeHint { new_task: bool },
        /// `--after` is a place, not the plan's `after:`; `wait` says how
        /// to write the dependency.
        AfterHint { new_task: bool, name: String, wait: Box<Edit> },
        WaitWithSet { id: String },
        WaitWithUpdate { task: String, id: String },
        WaitGiveId { code: String },
        /// The top level of a file, as a parent.
        TopLevelOf { file: String },
        // `apply`.
        /// Every row already reads as the plan does.
        RowsAlreadyAsPlan,
        /// Where a row error is: `row 3 (line 4)`, `sheet row 4`.
        RowPlace { row: usize, line: usize, sheet: bool },
        /// The header's errors, then the rows': why nothing was changed.
        RowsCannotApply { header: bool, rows: usize },
    }
}

crate::messages! {
    /// What `apply` says about one row, or about its input.
    pub enum RowText {
        /// The input holds no rows.
        NoRows { input: String },
        /// `FILE: PLACE: MESSAGE`, a row's problem where it is.
        At { input: String, place: String, message: String },
        /// `note: ` and a note on a row.
        Note { text: String },
        /// A cell of a value the plan derives, which changes nothing.
        DerivedCell { key: String, name: String, why: Derived },
        LeafField { task: String, key: String },
        ChangedTwice { key: String, task: String, other: usize },
        UnknownCode { code: String },
        UnknownId { id: String, suggestion: Option<String> },
        /// An error of the edited plan in a task the row changed:
        /// `message` and `help` are the diagnostic's.
        Blamed { code: String, message: String, help: Option<String>, file: String, line: usize },
        /// A cell that, applied again, would change the plan again.
        ApplyAgain { key: String, value: String, code: String, now: String },
        NotUtf8 { input: String, line: usize },
        NotJson { error: String },
        NotObject,
        NeedsId,
        ChangesNothing,
        CannotReadHeader { error: String },
        NotCsv { error: String },
        HeaderNeedsId { sheet: bool },
        ColumnTwice { name: String },
        /// `KEY: MESSAGE`, a cell or JSON value that cannot be set.
        Cell { key: String, message: FieldError },
        /// A column whose name is not a field; `message` says why.
        ColumnError { name: String, message: FieldError },
        EmptyId,
        NoHeader { column: usize },
    }
}

crate::messages! {
    /// Why a field's value, from a flag, a cell or a JSON row, cannot be
    /// set. Shown in English by `Display` (for clap's value parsers, which
    /// run before the language is known).
    pub enum FieldError {
        ChangedTwice { key: String },
        EmptyTitle,
        /// An id that is not one, with how ids are written.
        BadId { text: String },
        /// An entry of an `after` list that is not an id.
        NotAnId { text: String },
        CannotSet { key: String },
        NotANumber,
        NotAProgress { text: String },
        ListOfStrings,
        /// `value` is JSON (`true`, `[1]`).
        CannotBe { key: String, value: String },
        TitleRequired,
        SubtasksRemoved,
        SubtasksChanged,
        NoTag { text: String },
        NotAField { key: String, near: Option<String> },
        NotAStatus { text: String, near: Option<&'static str> },
        NotADate { text: String },
        NotAnEffort { text: String },
        /// A list cell that does not read as one (the sheet reader's words).
        List { message: String },
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(Lang::En, out)
    }
}

impl std::error::Error for FieldError {}

impl From<String> for FieldError {
    fn from(message: String) -> FieldError {
        FieldError::List { message }
    }
}

spoken!(message edit: FieldError => field);

crate::phrases! {
    /// Why a sheet's cell is derived by the plan and changes nothing.
    pub enum Derived {
        ParentStatus,
        ParentProgress,
        ParentEffort,
        ParentStart,
        ParentDue,
        CancelledWithParent,
    }
}

spoken!(phrase edit: Derived => derived);

spoken!(message edit: RowText => row);

spoken!(phrase edit: Noun => noun);

spoken!(message edit: Edit => edit);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::assert::{assert_chinese, assert_covers};

    fn owner(would: bool) -> Option<Box<Edit>> {
        Some(Box::new(Edit::InheritedOwner {
            total: 3,
            tasks: 2,
            would,
            old: Some("ana".into()),
            new: Some("li".into()),
        }))
    }

    pub(crate) fn samples() -> Vec<Edit> {
        let s = |text: &str| text.to_owned();
        vec![
            Edit::Updated {
                count: 2,
                noun: Noun::Node,
                files: s("plans/p.yaml"),
            },
            Edit::AlreadyAsAsked {
                count: 1,
                noun: Noun::Task,
            },
            Edit::Added {
                code: s("2.3"),
                title: s("Docs"),
                files: s("plans/p.yaml"),
            },
            Edit::Removed {
                name: s("2.1 Setup"),
                below: 2,
                file: s("plans/p.yaml"),
            },
            Edit::NoLongerAfter {
                code: s("2.3"),
                title: s("Docs"),
                ids: s("setup"),
            },
            Edit::Moved {
                name: s("2.1 Setup"),
                below: 1,
                code: s("3.2"),
                files: s("plans/p.yaml"),
                owner: owner(false),
            },
            Edit::InheritedOwner {
                total: 1,
                tasks: 1,
                would: false,
                old: None,
                new: Some(s("li")),
            },
            Edit::AlreadyThere {
                name: s("2.1 Setup"),
            },
            Edit::Flag {
                flag: s("--set due=x"),
                message: FieldError::NotADate { text: s("x") },
            },
            Edit::SetNeedsPair { pair: s("due") },
            Edit::DryRun {
                what: s("1 个节点将被修改"),
            },
            Edit::WouldChange {
                count: 1,
                noun: Noun::Node,
            },
            Edit::WouldAdd,
            Edit::WouldRemove { count: 3 },
            Edit::WouldMove {
                count: 3,
                owner: owner(true),
            },
            Edit::Introduced {
                count: 2,
                would: true,
            },
            Edit::NothingToChange,
            Edit::EveryNode,
            Edit::NoMatch,
            Edit::SearchMatches {
                words: s("Pages"),
                several: false,
                count: 3,
                files: 2,
            },
            Edit::MoreMatches {
                more: 5,
                words: s("Pages"),
            },
            Edit::SearchHint {
                id: Some(s("pages")),
                count: 3,
            },
            Edit::ExpectMismatch {
                found: 3,
                expected: 2,
            },
            Edit::LeafFieldOnParent {
                name: s("2 Build"),
                field: s("progress"),
            },
            Edit::CannotHaveChildren {
                name: s("2.1 Setup"),
                field: "status",
                id: None,
            },
            Edit::WouldBeInvalid,
            Edit::DuplicateId {
                id: s("setup"),
                name: s("2.1 Setup"),
            },
            Edit::EmptyTitle,
            Edit::NoTagsToRemove,
            Edit::HasSubtasks {
                name: s("2 Build"),
                below: 1,
            },
            Edit::Dependents {
                name: s("2.1 Setup"),
            },
            Edit::DependentLine {
                code: s("2.3"),
                title: s("Docs"),
                ids: s("setup"),
            },
            Edit::DependentsHint,
            Edit::UnderItself { name: s("2 Build") },
            Edit::BesideItself { name: s("2 Build") },
            Edit::WhichFile {
                files: 2,
                first: s("plans/a.yaml"),
            },
            Edit::NotASubtask {
                name: s("2.1 Setup"),
                parent: s("1 Design"),
            },
            Edit::BeforeHint { new_task: true },
            Edit::AfterHint {
                new_task: false,
                name: s("2.1 Setup"),
                wait: Box::new(Edit::WaitWithSet { id: s("setup") }),
            },
            Edit::WaitWithSet { id: s("setup") },
            Edit::WaitWithUpdate {
                task: s("docs"),
                id: s("setup"),
            },
            Edit::WaitGiveId { code: s("2.1") },
            Edit::TopLevelOf {
                file: s("plans/a.yaml"),
            },
            Edit::RowsAlreadyAsPlan,
            Edit::RowPlace {
                row: 3,
                line: 4,
                sheet: false,
            },
            Edit::RowsCannotApply {
                header: true,
                rows: 2,
            },
        ]
    }

    fn rows() -> Vec<RowText> {
        let s = |text: &str| text.to_owned();
        vec![
            RowText::NoRows { input: s("a.csv") },
            RowText::At {
                input: s("a.csv"),
                place: s("第 3 条（第 4 行）"),
                message: s("x"),
            },
            RowText::Note { text: s("x") },
            RowText::DerivedCell {
                key: s("progress"),
                name: s("2 Build"),
                why: Derived::ParentProgress,
            },
            RowText::LeafField {
                task: s("build"),
                key: s("progress"),
            },
            RowText::ChangedTwice {
                key: s("due"),
                task: s("build"),
                other: 2,
            },
            RowText::UnknownCode { code: s("9.9") },
            RowText::UnknownId {
                id: s("buld"),
                suggestion: Some(s("build")),
            },
            RowText::Blamed {
                code: s("duplicate-id"),
                message: s("x"),
                help: Some(s("y")),
                file: s("plans/p.yaml"),
                line: 3,
            },
            RowText::ApplyAgain {
                key: s("status"),
                value: s("todo"),
                code: s("2"),
                now: s("done"),
            },
            RowText::NotUtf8 {
                input: s("a.csv"),
                line: 2,
            },
            RowText::NotJson { error: s("x") },
            RowText::NotObject,
            RowText::NeedsId,
            RowText::ChangesNothing,
            RowText::CannotReadHeader { error: s("x") },
            RowText::NotCsv { error: s("x") },
            RowText::HeaderNeedsId { sheet: true },
            RowText::ColumnTwice { name: s("due") },
            RowText::Cell {
                key: s("due"),
                message: FieldError::NotADate { text: s("x") },
            },
            RowText::ColumnError {
                name: s("x"),
                message: FieldError::NotAField {
                    key: s("x"),
                    near: None,
                },
            },
            RowText::EmptyId,
            RowText::NoHeader { column: 3 },
        ]
    }

    fn fields() -> Vec<FieldError> {
        vec![
            FieldError::ChangedTwice { key: s("due") },
            FieldError::EmptyTitle,
            FieldError::BadId { text: s("1.2") },
            FieldError::NotAnId { text: s("a b") },
            FieldError::CannotSet { key: s("code") },
            FieldError::NotANumber,
            FieldError::NotAProgress { text: s("120") },
            FieldError::ListOfStrings,
            FieldError::CannotBe {
                key: s("due"),
                value: s("true"),
            },
            FieldError::TitleRequired,
            FieldError::SubtasksRemoved,
            FieldError::SubtasksChanged,
            FieldError::NoTag { text: s(",") },
            FieldError::NotAField {
                key: s("colour"),
                near: None,
            },
            FieldError::NotAStatus {
                text: s("Done"),
                near: Some("done"),
            },
            FieldError::NotADate { text: s("x") },
            FieldError::NotAnEffort { text: s("x") },
            FieldError::List { message: s("x") },
        ]
    }

    #[test]
    fn every_field_error_has_both_languages() {
        let fields = fields();
        assert_covers(FieldError::VARIANTS, fields.iter().map(FieldError::variant));
        for message in &fields {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        // Display is English, for clap.
        assert_eq!(
            FieldError::NotAField {
                key: s("colour"),
                near: Some(s("owner"))
            }
            .to_string(),
            "`colour` is not a task field; did you mean `owner`?"
        );
    }

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[test]
    fn every_row_message_has_both_languages() {
        let rows = rows();
        assert_covers(RowText::VARIANTS, rows.iter().map(RowText::variant));
        for message in &rows {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        for &why in Derived::ALL {
            assert_chinese(&Lang::En.phrase(why), &Lang::Zh.phrase(why));
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        let samples = samples();
        assert_covers(Edit::VARIANTS, samples.iter().map(Edit::variant));
        for message in &samples {
            assert_chinese(&Lang::En.show(message), &Lang::Zh.show(message));
        }
        for &noun in Noun::ALL {
            assert_chinese(&Lang::En.phrase(noun), &Lang::Zh.phrase(noun));
        }
    }

    #[test]
    fn english_is_as_it_was() {
        let en = |m: &Edit| Lang::En.show(m).to_string();
        assert_eq!(
            en(&samples()[5]),
            "moved 2.1 Setup with its subtask to 3.2 in plans/p.yaml; 2 of them now inherit owner li instead of ana"
        );
        assert_eq!(
            en(&samples()[6]),
            "; it now inherits owner li (none before)"
        );
        assert_eq!(
            en(&Edit::RowPlace {
                row: 0,
                line: 1,
                sheet: true
            }),
            "the header (sheet row 1)"
        );
    }
}
