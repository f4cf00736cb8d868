//! English text of what the editing commands say.

use std::fmt::{self, Formatter};

use crate::i18n::edit::{Derived, Edit, FieldError, Noun, RowText};

pub(in crate::i18n) fn noun(noun: Noun) -> &'static str {
    match noun {
        Noun::Node => "node",
        Noun::Task => "task",
        Noun::Row => "row",
    }
}

pub(in crate::i18n) fn edit(message: &Edit, out: &mut Formatter<'_>) -> fmt::Result {
    let count = |n: usize, noun: Noun| Plural(n, self::noun(noun));
    match message {
        Edit::Updated { count: n, noun, files } => {
            write!(out, "updated {} in {files}", count(*n, *noun))
        }
        Edit::AlreadyAsAsked { count: n, noun } => {
            write!(out, "{} already as asked; no file changed", count(*n, *noun))
        }
        Edit::Added { code, title, files } => write!(out, "added {code} {title} in {files}"),
        Edit::Removed { name, below, file } => {
            write!(out, "removed {name}")?;
            match below {
                0 => {}
                1 => out.write_str(" and its subtask")?,
                n => write!(out, " and its {n} subtasks")?,
            }
            write!(out, " from {file}")
        }
        Edit::NoLongerAfter { code, title, ids } => {
            write!(out, "{code} {title}: no longer after {ids}")
        }
        Edit::Moved {
            name,
            below,
            code,
            files,
            owner,
        } => {
            write!(out, "moved {name}")?;
            match below {
                0 => {}
                1 => out.write_str(" with its subtask")?,
                n => write!(out, " with its {n} subtasks")?,
            }
            write!(out, " to {code} in {files}")?;
            match owner {
                Some(owner) => edit(owner, out),
                None => Ok(()),
            }
        }
        Edit::InheritedOwner {
            total,
            tasks,
            would,
            old,
            new,
        } => {
            let subject = match (total, tasks) {
                (1, _) => "it".to_owned(),
                (all, n) if all == n => "they".to_owned(),
                (_, n) => format!("{n} of them"),
            };
            let verb = match (would, subject.as_str()) {
                (true, _) => "would inherit",
                (false, "it") => "now inherits",
                (false, _) => "now inherit",
            };
            write!(out, "; {subject} {verb} ")?;
            match (old, new) {
                (Some(old), Some(new)) => write!(out, "owner {new} instead of {old}"),
                (None, Some(new)) => write!(out, "owner {new} (none before)"),
                (Some(old), None) => write!(out, "no owner instead of {old}"),
                (None, None) => out.write_str("no owner"),
            }
        }
        Edit::AlreadyThere { name } => write!(out, "{name} is already there; nothing was changed"),
        Edit::Flag { flag, message } => {
            write!(out, "{flag}: ")?;
            field(message, out)
        }
        Edit::SetNeedsPair { pair } => write!(
            out,
            "--set {pair}: write KEY=VALUE, e.g. --set x-jira=WEB-12"
        ),
        Edit::DryRun { what } => write!(out, "dry run: {what}; nothing was written"),
        Edit::WouldChange { count: n, noun } => write!(out, "{} would change", count(*n, *noun)),
        Edit::WouldAdd => out.write_str("1 task would be added"),
        Edit::WouldRemove { count: n } => {
            write!(out, "{} would be removed", count(*n, Noun::Task))
        }
        Edit::WouldMove { count: n, owner } => {
            write!(out, "{} would move", count(*n, Noun::Task))?;
            match owner {
                Some(owner) => edit(owner, out),
                None => Ok(()),
            }
        }
        Edit::Introduced { count: n, would } => write!(
            out,
            "this edit {} {} the plan did not have:",
            if *would {
                "would introduce"
            } else {
                "introduces"
            },
            Plural(*n, "warning")
        ),
        Edit::NothingToChange => out.write_str(
            "nothing to change\nhint: name a field to set, e.g. --status done or --due 2026-12-31",
        ),
        Edit::EveryNode => out.write_str(
            "a query of no terms would change every node\nhint: add --all if that is what you want",
        ),
        Edit::NoMatch => out.write_str(
            "no node matches the query; nothing was changed\nhint: `wbs list` with the same query shows what it selects",
        ),
        Edit::SearchMatches {
            words,
            several,
            count: n,
            files,
        } => {
            match several {
                false => write!(out, "the word `{words}` is a search, and it matches ")?,
                true => write!(out, "the words `{words}` are a search, and they match ")?,
            }
            write!(out, "{}", count(*n, Noun::Node))?;
            if *files > 1 {
                write!(out, " in {files} files")?;
            }
            out.write_str("; nothing was changed")
        }
        Edit::MoreMatches { more, words } => {
            write!(out, "… and {more} more: `wbs list {words}` lists them all")
        }
        Edit::SearchHint { id, count: n } => {
            match id {
                Some(id) => write!(out, "hint: name the node with `id:{id}`")?,
                None => out.write_str("hint: name the nodes with `id:`")?,
            }
            write!(
                out,
                ", or change every node it matches with --all or --expect {n}"
            )
        }
        Edit::ExpectMismatch { found, expected } => write!(
            out,
            "{found} nodes match, --expect says {expected}; nothing was changed\nhint: check the selection with `wbs list` and the same query"
        ),
        Edit::LeafFieldOnParent { name, field } => write!(
            out,
            "{name} has subtasks, which set its `{field}`; nothing was changed\nhint: add is:leaf to the query to change the tasks below instead"
        ),
        Edit::CannotHaveChildren { name, field, id } => {
            write!(
                out,
                "{name} sets its own `{field}`, which a task with subtasks cannot; nothing was changed\nhint: "
            )?;
            match id {
                Some(id) => write!(
                    out,
                    "remove it first: wbs update id:{id} --unset status --unset progress --unset effort"
                ),
                None => out.write_str(
                    "remove its status, progress and effort first (`wbs update` with a query that selects it and --unset status --unset progress --unset effort)",
                ),
            }
        }
        Edit::WouldBeInvalid => out.write_str(
            "the change would leave the plan invalid; nothing was written (the lines shown are of the edited text)",
        ),
        Edit::DuplicateId { id, name } => write!(
            out,
            "the id `{id}` is already used by {name}; nothing was changed\nhint: choose another id"
        ),
        Edit::EmptyTitle => out.write_str("a task needs a title with something in it"),
        Edit::NoTagsToRemove => {
            out.write_str("--tag: a new task has no tags to remove; write --tag a,b")
        }
        Edit::HasSubtasks { name, below } => write!(
            out,
            "{name} has {}; nothing was removed\nhint: add --recursive to remove them too, or move them first with `wbs mv`",
            Plural(*below, "subtask")
        ),
        Edit::Dependents { name } => {
            write!(out, "other tasks wait on {name}; nothing was removed")
        }
        Edit::DependentLine { code, title, ids } => write!(out, "{code} {title} (after: {ids})"),
        Edit::DependentsHint => out.write_str(
            "hint: change their `after` first, or add --force to take those ids out of it",
        ),
        Edit::UnderItself { name } => {
            write!(out, "cannot move {name} under itself or one of its subtasks")
        }
        Edit::BesideItself { name } => write!(out, "cannot place {name} before or after itself"),
        Edit::WhichFile { files, first } => write!(
            out,
            "the plan set has {files} files; `.` needs to know which one\nhint: name it with -f as well, e.g. `wbs -f plans -f {first} …`, or give its number (1 to {files}) instead of `.`"
        ),
        Edit::NotASubtask { name, parent } => write!(out, "{name} is not a subtask of {parent}"),
        Edit::BeforeHint { new_task } => write!(
            out,
            "hint: --before names one of {}, the task it goes before",
            list(*new_task)
        ),
        Edit::AfterHint {
            new_task,
            name,
            wait,
        } => {
            write!(
                out,
                "hint: --after places the task among {}; it is not the plan's `after:` (a dependency). To make the task wait for {name} to finish, ",
                list(*new_task)
            )?;
            edit(wait, out)
        }
        Edit::WaitWithSet { id } => write!(out, "add --set after={id} instead"),
        Edit::WaitWithUpdate { task, id } => {
            write!(out, "run `wbs update {task} --set after={id}` instead")
        }
        Edit::WaitGiveId { code } => write!(
            out,
            "give it an id first (`wbs update {code} --set id=ID`), then use --set after=ID"
        ),
        Edit::TopLevelOf { file } => write!(out, "the top level of {file}"),
        Edit::RowsAlreadyAsPlan => {
            out.write_str("every row is already as the plan shows it; nothing was changed")
        }
        Edit::RowPlace { row, line, sheet } => match (row, sheet) {
            (0, false) => write!(out, "the header (line {line})"),
            (n, false) => write!(out, "row {n} (line {line})"),
            (0, true) => write!(out, "the header (sheet row {line})"),
            (_, true) => write!(out, "sheet row {line}"),
        },
        Edit::RowsCannotApply { header, rows } => {
            match (header, rows) {
                (true, 0) => out.write_str("the header is wrong")?,
                (true, n) => write!(out, "the header and {} cannot apply", count(*n, Noun::Row))?,
                (false, n) => write!(out, "{} cannot apply", count(*n, Noun::Row))?,
            }
            out.write_str("; nothing was changed")
        }
    }
}

pub(in crate::i18n) fn field(error: &FieldError, out: &mut Formatter<'_>) -> fmt::Result {
    match error {
        FieldError::ChangedTwice { key } => {
            write!(out, "`{key}` is changed twice; give each field once")
        }
        FieldError::EmptyTitle => out.write_str("a title cannot be empty"),
        FieldError::BadId { text } => write!(
            out,
            "`{text}` is not an id: use letters, digits, `-`, `_` and `.`, not only digits and dots"
        ),
        FieldError::NotAnId { text } => write!(out, "`{text}` is not an id"),
        FieldError::CannotSet { key } => write!(out, "`{key}` cannot be set this way"),
        FieldError::NotANumber => out.write_str("not a number"),
        FieldError::NotAProgress { text } => {
            write!(out, "`{text}` is not a progress from 0 to 100")
        }
        FieldError::ListOfStrings => out.write_str("a list of strings is expected"),
        FieldError::CannotBe { key, value } => write!(out, "`{key}` cannot be {value}"),
        FieldError::TitleRequired => {
            out.write_str("every task needs a title; it cannot be removed")
        }
        FieldError::SubtasksRemoved => out.write_str("subtasks are removed with `wbs rm`"),
        FieldError::SubtasksChanged => {
            out.write_str("subtasks are changed with `wbs add`, `wbs rm` and `wbs mv`")
        }
        FieldError::NoTag { text } => write!(
            out,
            "`{text}` names no tag; write +tag to add, -tag to remove"
        ),
        FieldError::NotAField { key, near } => match near {
            Some(name) => write!(out, "`{key}` is not a task field; did you mean `{name}`?"),
            None => write!(out, "`{key}` is not a task field (x-… keys are free)"),
        },
        FieldError::NotAStatus { text, near } => match near {
            Some(status) => write!(
                out,
                "`{text}` is not a status; did you mean `{status}`? (the statuses: todo, in-progress, blocked, done, cancelled; case matters)"
            ),
            None => write!(
                out,
                "`{text}` is not a status; use todo, in-progress, blocked, done or cancelled"
            ),
        },
        FieldError::NotADate { text } => write!(out, "`{text}` is not a date; write YYYY-MM-DD"),
        FieldError::NotAnEffort { text } => write!(
            out,
            "`{text}` is not an effort; write a number with h, d or w, e.g. 1.5d"
        ),
        FieldError::List { message } => out.write_str(message),
    }
}

pub(in crate::i18n) fn derived(why: Derived) -> &'static str {
    match why {
        Derived::ParentStatus => {
            "a parent's status is rolled up from its subtasks: set theirs (only `cancelled` is set on a parent)"
        }
        Derived::ParentProgress => "a parent's progress is rolled up from its subtasks",
        Derived::ParentEffort => "a parent's effort is the sum of its subtasks'",
        Derived::ParentStart => {
            "a parent without a start of its own takes the earliest of its subtasks'"
        }
        Derived::ParentDue => {
            "a parent without a due date of its own takes the latest of its subtasks'"
        }
        Derived::CancelledWithParent => "the task is cancelled with its parent",
    }
}

pub(in crate::i18n) fn row(message: &RowText, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        RowText::NoRows { input } => write!(out, "{input}: no rows to apply; nothing was changed"),
        RowText::At {
            input,
            place,
            message,
        } => write!(out, "{input}: {place}: {message}"),
        RowText::Note { text } => write!(out, "note: {text}"),
        RowText::DerivedCell { key, name, why } => write!(
            out,
            "`{key}` of {name}: {}; the cell changes nothing",
            derived(*why)
        ),
        RowText::LeafField { task, key } => write!(
            out,
            "[leaf-field-on-parent] {task} has subtasks, which set its `{key}`"
        ),
        RowText::ChangedTwice { key, task, other } => write!(
            out,
            "`{key}` of {task} is also changed by row {other}, to something else"
        ),
        RowText::UnknownCode { code } => write!(out, "no task has the WBS code `{code}`"),
        RowText::UnknownId { id, suggestion } => {
            write!(out, "no task has the id `{id}`")?;
            match suggestion {
                Some(near) => write!(out, "; did you mean `{near}`?"),
                None => Ok(()),
            }
        }
        RowText::Blamed {
            code,
            message,
            help,
            file,
            line,
        } => {
            write!(out, "[{code}] {message}")?;
            if let Some(help) = help {
                write!(out, "; {help}")?;
            }
            write!(
                out,
                " (in {file} at line {line}, as the rows would leave it)"
            )
        }
        RowText::ApplyAgain {
            key,
            value,
            code,
            now,
        } => write!(
            out,
            "`{key}` says `{value}`, but with the sheet's other changes {code} would show `{now}`, so applying the sheet again would change it; write `{now}` or empty the cell"
        ),
        RowText::NotUtf8 { input, line } => write!(
            out,
            "`{input}` is not UTF-8 text (the first byte that is not is on line {line}); nothing was changed\nhint: save it as \"CSV UTF-8\" in your spreadsheet program (Excel: File › Save As › CSV UTF-8), or convert it, e.g. `iconv -f GBK -t UTF-8`"
        ),
        RowText::NotJson { error } => write!(out, "not JSON: {error}"),
        RowText::NotObject => out.write_str("a row must be a JSON object"),
        RowText::NeedsId => {
            out.write_str("a row needs an `id` (a task's id or WBS code, as a string)")
        }
        RowText::ChangesNothing => out.write_str("the row changes nothing"),
        RowText::CannotReadHeader { error } => write!(out, "cannot read the CSV header: {error}"),
        RowText::NotCsv { error } => write!(out, "not CSV: {error}"),
        RowText::HeaderNeedsId { sheet } => write!(
            out,
            "{} needs an `id` column (or `code`), e.g. `id,status,due`",
            if *sheet {
                "the header row"
            } else {
                "the CSV header"
            }
        ),
        RowText::ColumnTwice { name } => write!(out, "the column `{name}` is there twice"),
        RowText::ColumnError { name, message } => {
            write!(out, "column `{name}`: ")?;
            field(message, out)
        }
        RowText::Cell { key, message } => {
            write!(out, "{key}: ")?;
            field(message, out)
        }
        RowText::EmptyId => out.write_str("the `id` cell is empty"),
        RowText::NoHeader { column } => write!(out, "column {column} has no header"),
    }
}

/// The list `--before`/`--after` choose from.
fn list(new_task: bool) -> &'static str {
    match new_task {
        true => "PARENT's subtasks",
        false => "the new parent's subtasks",
    }
}

/// `1 node`, `2 nodes`.
struct Plural<'a>(usize, &'a str);

impl fmt::Display for Plural<'_> {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        let Plural(count, word) = *self;
        write!(out, "{count} {word}{}", if count == 1 { "" } else { "s" })
    }
}
