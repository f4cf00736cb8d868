//! English text of what `wbs import` says.

use std::fmt::{self, Formatter};

use crate::i18n::import::{
    CellProblem, ColumnUse, ImportFailure, Line, Part, ReadAs, ReadFailure, Said, TableName,
    Unused, Word,
};
use crate::import::outline::Place;

/// `1 task`, `3 tasks`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(in crate::i18n) fn word(word: Word) -> &'static str {
    match word {
        Word::TheTree => "the tree",
    }
}

pub(in crate::i18n) fn unused(why: Unused) -> &'static str {
    match why {
        Unused::NoSuchField => "no field of that name",
        Unused::Derived => "wbs derives it",
        Unused::Dependencies => "dependencies are not imported; add `after:` to the plan",
        Unused::SameBefore => "a column for the same thing comes before it",
        Unused::LevelsGiveTree => "the level columns give the tree",
        Unused::LevelsHoldTitles => "the level columns hold the titles",
        Unused::CodeGivesTree => "the code column gives the tree",
    }
}

pub(in crate::i18n) fn cell_problem(problem: CellProblem) -> &'static str {
    match problem {
        CellProblem::NotId => {
            "is not an id (letters, digits, -, _ and . only); one is made from the title"
        }
        CellProblem::NotStatus => {
            "is not a status: write todo/待办, in-progress/进行中, blocked/受阻, done/已完成 or cancelled/已取消"
        }
        CellProblem::NotDate => "is not a date: write it as YYYY-MM-DD",
        CellProblem::NotCalendarDay => "is not a day of the calendar",
        CellProblem::NotPercentage => "is not a percentage from 0 to 100",
        CellProblem::NotEffort => "is not an effort: write a number and h, d or w (4h, 3d, 2w)",
        CellProblem::NoUnit => {
            "has no unit: write h, d or w (4h, 3d, 2w), or name the unit in the header, e.g. 工作量（人天）"
        }
    }
}

pub(in crate::i18n) fn place(place: Place, out: &mut Formatter<'_>) -> fmt::Result {
    match place {
        Place::Line(n) => write!(out, "line {n}"),
        Place::Row(n) => write!(out, "row {n}"),
    }
}

pub(in crate::i18n) fn read_as(read_as: &ReadAs, out: &mut Formatter<'_>) -> fmt::Result {
    match read_as {
        ReadAs::Markdown => out.write_str("a markdown document"),
        ReadAs::Csv { separator, bom } => {
            let separator = match separator {
                '\t' => "tab".to_owned(),
                other => other.to_string(),
            };
            let bom = if *bom { " with a byte-order mark" } else { "" };
            write!(out, "CSV (`{separator}`-separated, UTF-8{bom})")
        }
        ReadAs::Sheet { name, sheets } => {
            write!(out, "the sheet {name} of an xlsx workbook")?;
            match sheets {
                1 => Ok(()),
                n => write!(out, " (the first of {n}; the others are not read)"),
            }
        }
    }
}

pub(in crate::i18n) fn table_name(table: &TableName, out: &mut Formatter<'_>) -> fmt::Result {
    match table {
        TableName::At { place: p, under } => {
            out.write_str("table at ")?;
            place(*p, out)?;
            match under {
                Some(under) => write!(out, " under {under}"),
                None => Ok(()),
            }
        }
        TableName::File => out.write_str("the table"),
        TableName::Sheet => out.write_str("the sheet"),
    }
}

pub(in crate::i18n) fn column_use(column: &ColumnUse, out: &mut Formatter<'_>) -> fmt::Result {
    match column {
        ColumnUse::Tasks { header, tasks } => write!(out, "{header}: {}", count(*tasks, "task")),
        ColumnUse::FlatTasks { header, tasks } => write!(
            out,
            "{header}: {} (no level, code or outline-level column: a flat list)",
            count(*tasks, "task")
        ),
        ColumnUse::Tree { header } => write!(out, "{header} → {}", word(Word::TheTree)),
        ColumnUse::Field { header, field } => write!(out, "{header} → {field}"),
    }
}

pub(in crate::i18n) fn part(part: &Part, out: &mut Formatter<'_>) -> fmt::Result {
    match part {
        Part::Headings { tasks } => write!(out, "headings: {}", count(*tasks, "task")),
        Part::ListItems { tasks } => write!(out, "list items: {}", count(*tasks, "task")),
        Part::Table {
            table,
            rows,
            columns,
        } => {
            table_name(table, out)?;
            write!(out, ": {}; ", count(*rows, "row"))?;
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                column_use(column, out)?;
            }
            Ok(())
        }
    }
}

/// ` (row 3 first)`, or nothing.
fn first(out: &mut Formatter<'_>, at: &Option<Place>) -> fmt::Result {
    match at {
        Some(at) => {
            out.write_str(" (")?;
            place(*at, out)?;
            out.write_str(" first)")
        }
        None => Ok(()),
    }
}

pub(in crate::i18n) fn said(said: &Said, out: &mut Formatter<'_>) -> fmt::Result {
    match said {
        Said::AboveHeader => out.write_str("above the header row"),
        Said::CodeBlock => out.write_str("a code block; its text is not read as tasks"),
        Said::EmptyHeading => out.write_str("an empty heading; what follows stays where it was"),
        Said::EmptyListItem => out.write_str("an empty list item"),
        Said::LabelUnder { label, parent } => write!(
            out,
            "{label} is a label: its items go under {parent}, the label into its notes"
        ),
        Said::LabelAtTop { label } => write!(out, "{label} is a label: its items go at the top"),
        Said::LabelAlone { label } => write!(out, "{label} is a label with nothing under it"),
        Said::BeforeFirstHeading { text } => write!(out, "{text}: text before the first heading"),
        Said::Description { text } => write!(out, "{text}: the plan's description"),
        Said::TableUnread { why } => write!(out, "a table: {why}"),
        Said::IdTakenBeside { id } => write!(
            out,
            "the id {id} is taken by a plan beside the new one; a new one is made"
        ),
        Said::IdOnRowAbove { id } => {
            write!(out, "the id {id} is also on a row above; a new one is made")
        }
        Said::ProgressOnDone { progress } => write!(
            out,
            "progress {progress}% on a done task; a done task is 100%"
        ),
        Said::StartAfterDue { start, due } => write!(
            out,
            "start {start} is after due {due}; the start is left out"
        ),
        Said::ParentFieldLeftOut {
            field,
            tasks,
            first: at,
        } => {
            write!(out, "{field} of {} with subtasks", count(*tasks, "task"))?;
            first(out, at)?;
            out.write_str(" left out: wbs adds it up from the subtasks")
        }
        Said::StatusFromProgress { tasks, first: at } => {
            out.write_str(&count(*tasks, "task"))?;
            first(out, at)?;
            out.write_str(" with a progress but no status: status done at 100%, else in-progress")
        }
        Said::SameTasksAsRowAbove { table, rows } => {
            table_name(table, out)?;
            let rows = if *rows == 1 {
                "1 row names".to_owned()
            } else {
                format!("{rows} rows name")
            };
            write!(
                out,
                ": {rows} the same tasks as the row above; their fields went to those tasks"
            )
        }
        Said::ColumnUnused { table, header, why } => {
            table_name(table, out)?;
            write!(
                out,
                ": column {header}: {}",
                crate::i18n::Lang::En.phrase(*why)
            )
        }
        Said::NoTaskInLevels => out.write_str("no task in the level columns; the row is left out"),
        Said::BlankLevel { header } => write!(
            out,
            "{header} is blank and no task above it is at that level; what follows goes one level up"
        ),
        Said::SeveralTasksInCell {
            header,
            tasks,
            last,
        } => write!(
            out,
            "{header} holds {tasks} tasks; the rest of the row goes under the last, {last}"
        ),
        Said::FieldsToEach { tasks } => {
            write!(out, "the row's fields go to each of its {tasks} tasks")
        }
        Said::NotACode { code } => {
            write!(
                out,
                "{code} is not a code such as 2.1.3; the task goes at the top"
            )
        }
        Said::ParentCodeMissingUnder {
            parent,
            code,
            under,
        } => write!(
            out,
            "no row above has the code {parent}; {code} goes under {under}"
        ),
        Said::ParentCodeMissingTop { parent, code } => write!(
            out,
            "no row above has the code {parent}; {code} goes at the top"
        ),
        Said::CodeTwice { code } => write!(
            out,
            "the code {code} is also on a row above; rows below it with longer codes go under this one"
        ),
        Said::CodesAsNumbers { header, rows } => write!(
            out,
            "{header} is a number in {} (from here): 2.10 reads as 2.1 there; format the code column as text",
            count(*rows, "row")
        ),
        Said::NotALevel { header, text } => write!(
            out,
            "{header} {text} is not a level (1 for the top); the row is left out"
        ),
        Said::LevelJump { level, above } => write!(
            out,
            "level {level} comes after level {above}; the task goes one level under it"
        ),
        Said::BlankTitle { header } => write!(out, "{header} is blank; the row is left out"),
        Said::BadCell {
            header,
            text,
            problem,
        } => write!(out, "{header} {text} {}", cell_problem(*problem)),
        Said::FieldsClash { fields, title } => write!(
            out,
            "{fields} of {title} already came from a row above; the first is kept"
        ),
    }
}

fn placed(out: &mut Formatter<'_>, at: &Option<Place>, what: &Said) -> fmt::Result {
    if let Some(at) = at {
        place(*at, out)?;
        out.write_str(": ")?;
    }
    said(what, out)
}

pub(in crate::i18n) fn line(line: &Line, out: &mut Formatter<'_>) -> fmt::Result {
    match line {
        Line::Read { source, read_as: r } => {
            write!(out, "read {source} as ")?;
            read_as(r, out)
        }
        Line::Levels { total, per_level } => {
            write!(out, "{} (", count(*total, "task"))?;
            for (i, n) in per_level.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write!(out, "level {}: {n}", i + 1)?;
            }
            out.write_str(")")
        }
        Line::Note { place: at, said: s } => {
            out.write_str("note: ")?;
            placed(out, at, s)
        }
        Line::MoreNotes { hidden } => write!(out, "… and {hidden} more notes"),
        Line::Skipped { count } => write!(out, "skipped ({count}):"),
        Line::SkippedItem { place: at, said: s } => placed(out, at, s),
        Line::MoreSkipped { hidden } => write!(
            out,
            "… and {hidden} more; fix these and import again to see them"
        ),
        Line::Wrote { path, tasks, next } => write!(
            out,
            "wrote {path} ({})\nnext: {next}",
            count(*tasks, "task")
        ),
    }
}

/// What to tell someone whose CSV is not UTF-8.
const SAVE_AS_UTF8: &str = "save it as CSV UTF-8 (Excel: File › Save As › “CSV UTF-8 (Comma delimited)”; WPS: 另存为 › CSV, 编码 UTF-8)";

pub(in crate::i18n) fn read_failure(failure: &ReadFailure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        ReadFailure::Yaml => out.write_str(
            "this is YAML: a plan file is used as it is (wbs check -f FILE), not imported",
        ),
        ReadFailure::OtherSpreadsheet { extension } => write!(
            out,
            "wbs reads .xlsx workbooks, not .{extension}: save it as .xlsx (Excel Workbook) or CSV UTF-8 first"
        ),
        ReadFailure::Utf16 => write!(out, "the file is UTF-16 text, not UTF-8: {SAVE_AS_UTF8}"),
        ReadFailure::NotUtf8Csv { line } => write!(
            out,
            "line {line} is not UTF-8 text (the file may be in GBK or another local encoding): {SAVE_AS_UTF8}"
        ),
        ReadFailure::NotUtf8Document { line } => {
            write!(out, "line {line} is not UTF-8 text: save the document as UTF-8")
        }
        ReadFailure::NotCsv { line, error } => write!(out, "line {line} is not CSV: {error}"),
        ReadFailure::NoTree { found } => write!(
            out,
            "no column says where a task goes in the tree (found {}): name the level columns 一级任务, 二级任务… or Level 1, Level 2…, or have a title column (任务, title) with a WBS code (编号, WBS) or an outline level (层级, level)",
            if found.is_empty() {
                "no column names".to_owned()
            } else {
                found.join(", ")
            }
        ),
        ReadFailure::NoHeaderRow => out.write_str("no header row"),
        ReadFailure::TooDeep { depth, max } => write!(
            out,
            "the tree is {depth} levels deep; a plan goes at most {max} levels deep: make the deepest branches top-level tasks or plans of their own"
        ),
        ReadFailure::NoTasks => out.write_str(
            "found no tasks: a document needs headings, list items or a table of 一级任务/二级任务… columns; a table needs a title or level column and rows",
        ),
        ReadFailure::NotXlsx { error } => write!(
            out,
            "not an xlsx workbook ({error}); save it from Excel or WPS as .xlsx"
        ),
        ReadFailure::Unpacks { unpacked, max } => write!(
            out,
            "the workbook unpacks to {unpacked} bytes, more than {max} (WBS_MAX_BYTES)"
        ),
        ReadFailure::NoSheet => out.write_str("the workbook has no sheet"),
        ReadFailure::CannotReadSheet { name, error } => {
            write!(out, "cannot read the sheet `{name}`: {error}")
        }
        ReadFailure::CannotReadMerged { name, error } => {
            write!(out, "cannot read the merged cells of `{name}`: {error}")
        }
    }
}

pub(in crate::i18n) fn import_failure(
    failure: &ImportFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        ImportFailure::Detect { input, why } => write!(out, "`{input}`: {why}"),
        ImportFailure::Read { input, why } => write!(out, "cannot import `{input}`: {why}"),
    }
}
