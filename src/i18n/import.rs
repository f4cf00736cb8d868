//! What `wbs import` says about what it read: how it read the input, each
//! part (headings, list items, each table with its columns), the tasks per
//! level, the notes and what it skipped, and the lines after writing.
//!
//! Text from the input (a heading, a column's header, an id) arrives
//! quoted and cut short. How the input was read is also written, in
//! English, into the new plan's first comment: that is the file's text,
//! the same in every language.
//!
//! Why an input cannot be imported at all ([`ReadFailure`], also what
//! `apply` says of a workbook it cannot read) is raised as data and
//! written in the reader's language at the top.

use std::fmt;

use super::{Lang, Message, en, zh};
use crate::import::outline::Place;

crate::messages! {
    /// How the input was read.
    pub enum ReadAs {
        Markdown,
        /// `separator` is the byte that separates cells (`\t` for tabs).
        Csv { separator: char, bom: bool },
        Sheet { name: String, sheets: usize },
    }
}

crate::messages! {
    /// A table, as the report names it.
    pub enum TableName {
        /// A markdown table: where, and under which task.
        At { place: Place, under: Option<String> },
        /// The CSV file's one table.
        File,
        /// The workbook's sheet.
        Sheet,
    }
}

crate::messages! {
    /// What a table's column became.
    pub enum ColumnUse {
        /// `一级任务`: 2 tasks
        Tasks { header: String, tasks: usize },
        /// The tasks of a table without level, code or outline-level column.
        FlatTasks { header: String, tasks: usize },
        /// A column of codes or outline levels that shapes the tree.
        Tree { header: String },
        /// A column read into a field of the plan.
        Field { header: String, field: &'static str },
    }
}

crate::messages! {
    /// A part of the input that was read.
    pub enum Part {
        Headings { tasks: usize },
        ListItems { tasks: usize },
        Table { table: TableName, rows: usize, columns: Vec<ColumnUse> },
    }
}

crate::phrases! {
    /// Why a table's cell is not read into its field.
    pub enum CellProblem {
        NotId,
        NotStatus,
        NotDate,
        NotCalendarDay,
        NotPercentage,
        NotEffort,
        NoUnit,
    }
}

crate::phrases! {
    /// Why a table's column is not read.
    pub enum Unused {
        /// No field has the header's name.
        NoSuchField,
        /// A value wbs derives (a parent's progress, a code).
        Derived,
        Dependencies,
        /// An earlier column is for the same thing.
        SameBefore,
        /// Level columns give the tree (a code or outline-level column).
        LevelsGiveTree,
        /// Level columns hold the titles (a title column).
        LevelsHoldTitles,
        /// The code column gives the tree (an outline-level column).
        CodeGivesTree,
    }
}

spoken!(phrase import: Unused => unused);

spoken!(phrase import: CellProblem => cell_problem);

crate::messages! {
    /// One thing the report says about a place of the input.
    pub enum Said {
        AboveHeader,
        CodeBlock,
        EmptyHeading,
        EmptyListItem,
        /// A label line (`主要职责：`) whose items go under `parent`.
        LabelUnder { label: String, parent: String },
        LabelAtTop { label: String },
        LabelAlone { label: String },
        BeforeFirstHeading { text: String },
        Description { text: String },
        /// A markdown table that could not be read.
        TableUnread { why: ReadFailure },
        IdTakenBeside { id: String },
        IdOnRowAbove { id: String },
        ProgressOnDone { progress: String },
        StartAfterDue { start: String, due: String },
        /// `status`, `progress` or `effort` given on tasks with subtasks.
        ParentFieldLeftOut { field: &'static str, tasks: usize, first: Option<Place> },
        StatusFromProgress { tasks: usize, first: Option<Place> },
        SameTasksAsRowAbove { table: TableName, rows: usize },
        ColumnUnused { table: TableName, header: String, why: Unused },
        // How a table's rows make the tree.
        NoTaskInLevels,
        BlankLevel { header: String },
        SeveralTasksInCell { header: String, tasks: usize, last: String },
        FieldsToEach { tasks: usize },
        NotACode { code: String },
        ParentCodeMissingUnder { parent: String, code: String, under: String },
        ParentCodeMissingTop { parent: String, code: String },
        CodeTwice { code: String },
        CodesAsNumbers { header: String, rows: usize },
        NotALevel { header: String, text: String },
        LevelJump { level: u32, above: u32 },
        BlankTitle { header: String },
        /// A cell not read: `header` and the cell's text, quoted.
        BadCell { header: String, text: String, problem: CellProblem },
        /// Fields a task got from an earlier row: the first is kept.
        FieldsClash { fields: String, title: String },
    }
}

crate::messages! {
    /// The report's own lines.
    pub enum Line {
        /// `read FILE as …`
        Read { source: String, read_as: ReadAs },
        /// `141 tasks (level 1: 2, level 2: 4, …)`
        Levels { total: usize, per_level: Vec<usize> },
        Note { place: Option<Place>, said: Said },
        MoreNotes { hidden: usize },
        Skipped { count: usize },
        SkippedItem { place: Option<Place>, said: Said },
        MoreSkipped { hidden: usize },
        /// After writing: `wrote PATH (141 tasks)` and what to run next.
        Wrote { path: String, tasks: usize, next: String },
    }
}

crate::phrases! {
    /// The words of a table's column use that have no number.
    pub enum Word {
        /// `→ the tree`
        TheTree,
    }
}

spoken!(phrase import: Word => word);

impl Message for Place {
    fn write(&self, lang: Lang, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match lang {
            Lang::En => en::import::place(*self, out),
            Lang::Zh => zh::import::place(*self, out),
        }
    }
}

crate::messages! {
    /// Why an input cannot be read as a breakdown (exit 2), or why a
    /// markdown table gives no tree (skipped).
    pub enum ReadFailure {
        /// A plan file given to `import`.
        Yaml,
        /// A spreadsheet format other than xlsx, by its extension.
        OtherSpreadsheet { extension: String },
        Utf16,
        NotUtf8Csv { line: usize },
        NotUtf8Document { line: usize },
        NotCsv { line: usize, error: String },
        /// No column places a task in the tree; `found` are the headers, quoted.
        NoTree { found: Vec<String> },
        NoHeaderRow,
        TooDeep { depth: usize, max: usize },
        /// Nothing in the input made a task.
        NoTasks,
        /// The zip reader's or the workbook reader's words.
        NotXlsx { error: String },
        Unpacks { unpacked: u64, max: u64 },
        NoSheet,
        CannotReadSheet { name: String, error: String },
        CannotReadMerged { name: String, error: String },
    }
}

crate::messages! {
    /// `wbs import` stopped: the input and why.
    pub enum ImportFailure {
        /// Its kind could not be told.
        Detect { input: String, why: ReadFailure },
        Read { input: String, why: ReadFailure },
    }
}

impl std::error::Error for ReadFailure {}
impl std::error::Error for ImportFailure {}

spoken!(display import: ReadAs => read_as,
    TableName => table_name,
    ColumnUse => column_use,
    Part => part,
    Said => said,
    Line => line,
    ReadFailure => read_failure,
    ImportFailure => import_failure);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::assert::{assert_covers, assert_phrases, assert_spoken};

    fn s(text: &str) -> String {
        text.to_owned()
    }

    fn tables() -> Vec<TableName> {
        vec![
            TableName::At {
                place: Place::Line(17),
                under: Some(s("`营销`")),
            },
            TableName::File,
            TableName::Sheet,
        ]
    }

    fn columns() -> Vec<ColumnUse> {
        vec![
            ColumnUse::Tasks {
                header: s("`一级任务`"),
                tasks: 2,
            },
            ColumnUse::FlatTasks {
                header: s("`任务`"),
                tasks: 1,
            },
            ColumnUse::Tree {
                header: s("`编号`"),
            },
            ColumnUse::Field {
                header: s("`负责人`"),
                field: "owner",
            },
        ]
    }

    fn parts() -> Vec<Part> {
        vec![
            Part::Headings { tasks: 9 },
            Part::ListItems { tasks: 1 },
            Part::Table {
                table: TableName::File,
                rows: 7,
                columns: columns(),
            },
        ]
    }

    fn said() -> Vec<Said> {
        vec![
            Said::AboveHeader,
            Said::CodeBlock,
            Said::EmptyHeading,
            Said::EmptyListItem,
            Said::LabelUnder {
                label: s("`主要职责：`"),
                parent: s("`领导组`"),
            },
            Said::LabelAtTop {
                label: s("`说明：`"),
            },
            Said::LabelAlone {
                label: s("`说明：`"),
            },
            Said::BeforeFirstHeading { text: s("`x`") },
            Said::Description { text: s("`x`") },
            Said::TableUnread {
                why: ReadFailure::NoTree {
                    found: vec![s("`备注`")],
                },
            },
            Said::IdTakenBeside { id: s("`a`") },
            Said::IdOnRowAbove { id: s("`a`") },
            Said::ProgressOnDone { progress: s("50") },
            Said::StartAfterDue {
                start: s("2026-10-02"),
                due: s("2026-10-01"),
            },
            Said::ParentFieldLeftOut {
                field: "effort",
                tasks: 2,
                first: Some(Place::Row(3)),
            },
            Said::StatusFromProgress {
                tasks: 1,
                first: None,
            },
            Said::SameTasksAsRowAbove {
                table: TableName::Sheet,
                rows: 2,
            },
            Said::ColumnUnused {
                table: TableName::File,
                header: s("`备注`"),
                why: Unused::NoSuchField,
            },
            Said::NoTaskInLevels,
            Said::BlankLevel {
                header: s("`二级任务`"),
            },
            Said::SeveralTasksInCell {
                header: s("`任务`"),
                tasks: 2,
                last: s("`b`"),
            },
            Said::FieldsToEach { tasks: 2 },
            Said::NotACode { code: s("`x`") },
            Said::ParentCodeMissingUnder {
                parent: s("2.3"),
                code: s("2.3.1"),
                under: s("2"),
            },
            Said::ParentCodeMissingTop {
                parent: s("3"),
                code: s("3.1"),
            },
            Said::CodeTwice { code: s("1.1") },
            Said::CodesAsNumbers {
                header: s("`WBS`"),
                rows: 3,
            },
            Said::NotALevel {
                header: s("`Level`"),
                text: s("`x`"),
            },
            Said::LevelJump { level: 3, above: 1 },
            Said::BlankTitle {
                header: s("`Name`"),
            },
            Said::BadCell {
                header: s("`Due`"),
                text: s("`soon`"),
                problem: CellProblem::NotDate,
            },
            Said::FieldsClash {
                fields: s("owner, due"),
                title: s("`Build`"),
            },
        ]
    }

    fn lines() -> Vec<Line> {
        vec![
            Line::Read {
                source: s("seed.txt"),
                read_as: ReadAs::Markdown,
            },
            Line::Levels {
                total: 3,
                per_level: vec![1, 2],
            },
            Line::Note {
                place: Some(Place::Line(8)),
                said: Said::CodeBlock,
            },
            Line::MoreNotes { hidden: 2 },
            Line::Skipped { count: 1 },
            Line::SkippedItem {
                place: None,
                said: Said::EmptyHeading,
            },
            Line::MoreSkipped { hidden: 5 },
            Line::Wrote {
                path: s("plans/seed.yaml"),
                tasks: 141,
                next: s("wbs tree -f plans/seed.yaml"),
            },
        ]
    }

    fn failures() -> Vec<ReadFailure> {
        vec![
            ReadFailure::Yaml,
            ReadFailure::OtherSpreadsheet {
                extension: s("xls"),
            },
            ReadFailure::Utf16,
            ReadFailure::NotUtf8Csv { line: 3 },
            ReadFailure::NotUtf8Document { line: 4 },
            ReadFailure::NotCsv {
                line: 2,
                error: s("CSV error"),
            },
            ReadFailure::NoTree {
                found: vec![s("`负责人`"), s("`颜色`")],
            },
            ReadFailure::NoTree { found: vec![] },
            ReadFailure::NoHeaderRow,
            ReadFailure::TooDeep { depth: 9, max: 8 },
            ReadFailure::NoTasks,
            ReadFailure::NotXlsx {
                error: s("invalid Zip archive"),
            },
            ReadFailure::Unpacks {
                unpacked: 900,
                max: 100,
            },
            ReadFailure::NoSheet,
            ReadFailure::CannotReadSheet {
                name: s("计划"),
                error: s("x"),
            },
            ReadFailure::CannotReadMerged {
                name: s("计划"),
                error: s("x"),
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        assert_covers(
            ReadFailure::VARIANTS,
            failures().iter().map(ReadFailure::variant),
        );
        assert_spoken(&failures());
        let imports = [
            ImportFailure::Detect {
                input: s("a.yaml"),
                why: ReadFailure::Yaml,
            },
            ImportFailure::Read {
                input: s("a.csv"),
                why: ReadFailure::NoHeaderRow,
            },
        ];
        assert_covers(
            ImportFailure::VARIANTS,
            imports.iter().map(ImportFailure::variant),
        );
        assert_spoken(&imports);
        let read_as = [
            ReadAs::Markdown,
            ReadAs::Csv {
                separator: '\t',
                bom: true,
            },
            ReadAs::Sheet {
                name: s("`计划`"),
                sheets: 2,
            },
        ];
        assert_covers(ReadAs::VARIANTS, read_as.iter().map(ReadAs::variant));
        assert_covers(TableName::VARIANTS, tables().iter().map(TableName::variant));
        assert_covers(
            ColumnUse::VARIANTS,
            columns().iter().map(ColumnUse::variant),
        );
        assert_covers(Part::VARIANTS, parts().iter().map(Part::variant));
        assert_covers(Said::VARIANTS, said().iter().map(Said::variant));
        assert_covers(Line::VARIANTS, lines().iter().map(Line::variant));
        assert_spoken(&read_as);
        assert_spoken(&tables());
        assert_spoken(&columns());
        assert_spoken(&parts());
        assert_spoken(&said());
        assert_spoken(&lines());
        assert_spoken(&[Place::Line(3), Place::Row(4)]);
        assert_phrases(Word::ALL);
        assert_phrases(CellProblem::ALL);
        assert_phrases(Unused::ALL);
    }
}
