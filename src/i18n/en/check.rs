//! English text of what `wbs check` says.

use std::fmt::{self, Formatter};

use crate::i18n::check::{Check, Frame, Help, Holder, Place, Relation, Shape};

pub(in crate::i18n) fn check(message: &Check, out: &mut Formatter<'_>) -> fmt::Result {
    let shape = |shape: &Shape| self::shape(*shape);
    match message {
        Check::KeyNotWord { shape: s } => {
            write!(out, "a key must be a plain word, not {}", shape(s))
        }
        Check::UnknownField { name, holder: h } => {
            write!(out, "unknown field `{name}` in {}", holder(*h))
        }
        Check::NotSingleValue { field, shape: s } => {
            write!(out, "`{field}` must be a single value, not {}", shape(s))
        }
        Check::NotList { field, shape: s } => {
            write!(out, "`{field}` must be a list, not {}", shape(s))
        }
        Check::EntryNotSingleValue { field, shape: s } => write!(
            out,
            "each entry of `{field}` must be a single value, not {}",
            shape(s)
        ),
        Check::InvalidDate { text, field } => {
            write!(out, "`{text}` is not a valid date for `{field}`")
        }
        Check::InvalidEffort { text } => write!(out, "`{text}` is not a valid effort"),
        Check::InvalidProgress { text } => write!(out, "`{text}` is not a valid progress"),
        Check::InvalidId { id } => write!(out, "`{id}` is not a valid id"),
        Check::InvalidStatus { status } => write!(out, "`{status}` is not a status"),
        Check::EmptyPlan => {
            out.write_str("the plan file is empty: `wbs`, `title` and `tasks` are required")
        }
        Check::PlanNotMapping { shape: s } => {
            write!(out, "a plan file must be a mapping, not {}", shape(s))
        }
        Check::PlanStartsAfterDue { start, due } => {
            write!(out, "the plan starts on {start}, after it is due on {due}")
        }
        Check::PlanLacks { field } => write!(out, "the plan has no `{field}`"),
        Check::UnsupportedVersion { version } => {
            write!(out, "plan format version `{version}` is not supported")
        }
        Check::PeopleNotMapping { shape: s } => write!(
            out,
            "`people` must be a mapping of key → details, not {}",
            shape(s)
        ),
        Check::PersonNotMapping { shape: s } => {
            write!(
                out,
                "a person's details must be a mapping, not {}",
                shape(s)
            )
        }
        Check::DefaultsNotMapping { shape: s } => {
            write!(out, "`defaults` must be a mapping, not {}", shape(s))
        }
        Check::TasksNotList { shape: s } => {
            write!(out, "`tasks` must be a list of tasks, not {}", shape(s))
        }
        Check::TaskNotMapping { shape: s } => {
            write!(out, "a task must be a mapping or a title, not {}", shape(s))
        }
        Check::EmptyTitle => out.write_str("this task's title is empty"),
        Check::NoTitle => out.write_str("this task has no `title`"),
        Check::TaskStartsAfterDue { start, due } => {
            write!(out, "this task starts on {start}, after it is due on {due}")
        }
        Check::EmptyParent => out.write_str("`tasks: []` is empty, so this task is a leaf"),
        Check::LeafFieldOnParent { field } => write!(out, "`{field}` on a task with subtasks"),
        Check::DoneNotComplete { progress } => {
            write!(out, "this task is done but its progress is {progress}")
        }
        Check::TodoWithProgress { progress } => {
            write!(out, "this task is todo but {progress}% complete")
        }
        Check::DuplicateId { id } => write!(out, "the id `{id}` is already used"),
        Check::UnknownOwner { owner } => write!(out, "`{owner}` is not in this file's `people`"),
        Check::ChildDueAfterParent { due, limit } => {
            write!(out, "due {due}, after its parent's due date {limit}")
        }
        Check::ChildStartsBeforeParent { start, limit } => {
            write!(
                out,
                "starts {start}, before its parent's start date {limit}"
            )
        }
        Check::UnknownDependency { id } => write!(out, "no node has the id `{id}`"),
        Check::DependencyOnAncestor { id, relation: r } => write!(
            out,
            "this node is after `{id}`, which is {} of it",
            relation(*r)
        ),
        Check::DependsOnLaterStart { start, id, due } => {
            write!(out, "starts {start}, but `{id}` is not due until {due}")
        }
        Check::DependencyCycle {
            first,
            hidden,
            last,
        } => {
            out.write_str("dependency cycle: ")?;
            for (i, id) in first.iter().enumerate() {
                if i > 0 {
                    out.write_str(" → ")?;
                }
                out.write_str(id)?;
            }
            if *hidden > 0 {
                write!(out, " → … ({hidden} more)")?;
            }
            for id in last {
                write!(out, " → {id}")?;
            }
            Ok(())
        }
        Check::NotUtf8 => out.write_str("the file is not valid UTF-8"),
        Check::NulByte => out.write_str("the file contains a NUL byte"),
        Check::MergeConflict { count: 1 } => out.write_str("git conflict markers left in the file"),
        Check::MergeConflict { count } => write!(
            out,
            "git conflict markers left in the file: {count} conflicts, the first here"
        ),
        Check::Summary {
            files,
            nodes,
            errors,
            warnings,
        } => write!(
            out,
            "checked {}, {}: {}, {}",
            Plural(*files, "file"),
            Plural(*nodes, "node"),
            Plural(*errors, "error"),
            Plural(*warnings, "warning"),
        ),
        Check::MoreWarnings { hidden } => write!(
            out,
            "… and {hidden} more warning{}: `wbs check` lists them all",
            if *hidden == 1 { "" } else { "s" }
        ),
        Check::More { hidden } => write!(out, "… and {hidden} more"),
    }
}

pub(in crate::i18n) fn help(help: &Help, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match help {
        Help::DidYouMean { word } => return write!(out, "did you mean `{word}`?"),
        Help::FieldsOf { holder: h, names } => {
            return write!(
                out,
                "the fields of {} are: {}; custom data goes in x- fields",
                holder(*h),
                names.join(", ")
            );
        }
        Help::WriteText { field } => {
            return write!(
                out,
                "write `{field}: <text>`; quote it if it contains `: ` or starts with `[`"
            );
        }
        Help::Date => "write a calendar date as YYYY-MM-DD, e.g. 2026-03-31",
        Help::AddUnit { number } => {
            return write!(out, "add a unit: `{number}h`, `{number}d` or `{number}w`");
        }
        Help::Effort => {
            "write a number with a unit: h (hours), d (8h days) or w (5d weeks), e.g. 4h, 1.5d, 2w"
        }
        Help::WriteList { field, value } => {
            return match value {
                Some(value) => write!(out, "write a list: `{field}: [{value}]`"),
                None => write!(out, "write a list: `{field}: [a, b]`"),
            };
        }
        Help::StartPlan => "start the file with `wbs: 1`, a `title:` and a `tasks:` list",
        Help::SwapDates => "swap the dates, or move one of them",
        Help::AddVersion => "add `wbs: 1` (the format version) at the top",
        Help::AddPlanTitle => "add `title: <plan name>` at the top",
        Help::AddTasks => "add a `tasks:` list of the plan's top-level tasks",
        Help::Version => "this wbs reads format version 1: write `wbs: 1`",
        Help::People => "write `people:` with one `key: { name: …, team: … }` line per person",
        Help::Person => "write `key: { name: …, team: …, email: … }`",
        Help::Defaults => "write `defaults: { effort: 1d }`",
        Help::TasksList => "write each task as a `- ` item under `tasks:`",
        Help::Task => "write `- title` or `- { title: …, status: … }`",
        Help::WriteTitle => "write the task's title, e.g. `- Set up CI`",
        Help::AddTitle => "add `title: <what the task is>`",
        Help::EmptyParent => "remove the empty `tasks` list, or add the subtasks",
        Help::ParentStatus => {
            "a task with subtasks takes its status from them; only `cancelled` may be set"
        }
        Help::ParentProgress => "a task with subtasks takes its progress from them",
        Help::ParentEffort => {
            "a task with subtasks takes its effort from them (the sum of its leaves)"
        }
        Help::DoneIsComplete => {
            "a done task is 100% complete: remove `progress` or set the status it really has"
        }
        Help::TodoWithProgress => "set `status: in-progress`, or remove `progress`",
        Help::IdLooksLikeCode => {
            "an id of only digits and dots would read as a WBS code; add a letter"
        }
        Help::IdCharacters => "ids use letters, digits, `-`, `_` and `.`, e.g. `platform-tools`",
        Help::Statuses => "use one of todo, in-progress, blocked, done, cancelled",
        Help::Progress => "write a percentage from 0 to 100, e.g. 40, 37.5 or \"40%\"",
        Help::UniqueIds => "ids are unique across every file loaded together: rename one of them",
        Help::AddPerson { owner } => {
            return write!(out, "add `{owner}` to `people`, or use one of its keys");
        }
        Help::MoveChildDue => "move the child's due date, or the parent's",
        Help::MoveChildStart => "move the child's start date, or the parent's",
        Help::AfterIds => "`after` lists ids of other nodes in the plan set",
        Help::NotAncestor => {
            "a parent finishes when its children do: depend on a sibling or another branch instead"
        }
        Help::StartAfterPredecessor => {
            "move this node's start after its predecessor's due date, or drop the dependency"
        }
        Help::BreakCycle => "nodes in a cycle can never start: remove one of the `after` entries",
        Help::Utf8 => "plans are UTF-8 text: re-save the file as UTF-8",
        Help::Binary => "plans are text; is this a binary file?",
        Help::ResolveConflict => {
            "keep the lines you want and delete the marker lines; with `wbs git-setup`, git merges plans by task and marks only real conflicts"
        }
    })
}

pub(in crate::i18n) fn place(place: Place) -> &'static str {
    match place {
        Place::FirstDefined => "first defined here",
        Place::ParentDue => "the parent is due here",
        Place::ParentStarts => "the parent starts here",
        Place::MarkedDone => "marked done here",
        Place::OpenedHere => "opened here",
        Place::StillOpenFromHere => "still open from here",
        Place::StillQuotedHere => "the value is still quoted here",
        Place::AnotherConflict => "another conflict starts here",
        Place::BaseText => "the common ancestor's text starts here",
        Place::OtherSide => "the other side starts here",
        Place::ConflictEnds => "the conflict ends here",
    }
}

pub(in crate::i18n) fn shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Mapping => "a mapping",
        Shape::List => "a list",
        Shape::Null => "null",
        Shape::SingleValue => "a single value",
        Shape::Alias => "an alias",
    }
}

pub(in crate::i18n) fn holder(holder: Holder) -> &'static str {
    match holder {
        Holder::Plan => "the plan",
        Holder::Person => "a person",
        Holder::Task => "a task",
        Holder::Defaults => "`defaults`",
    }
}

pub(in crate::i18n) fn relation(relation: Relation) -> &'static str {
    match relation {
        Relation::Ancestor => "an ancestor",
        Relation::Descendant => "a descendant",
    }
}

pub(in crate::i18n) fn frame(frame: Frame) -> &'static str {
    match frame {
        Frame::Help => "help",
        Frame::Note => "note",
    }
}

/// `1 file`, `2 files`.
struct Plural(usize, &'static str);

impl fmt::Display for Plural {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        let Plural(count, word) = *self;
        write!(out, "{count} {word}{}", if count == 1 { "" } else { "s" })
    }
}
