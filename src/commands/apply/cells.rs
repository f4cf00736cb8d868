//! What a sheet's cell means for its task (a CSV or TSV row, as `wbs list`
//! and `wbs export` write them): a value to set, the value the task shows
//! already, or a value the plan derives, which a sheet cannot set.
//!
//! A sheet holds what the plan showed when it was exported, derived values
//! included: a parent's rolled-up status, progress and dates, a done
//! task's 100 %. Those cells change nothing, so that a sheet applied twice
//! changes nothing the second time (SPEC §3.2), and after an edit every
//! cell that is not derived must read as the edited plan shows it (else
//! the sheet is refused before anything is written).

use crate::edit::change::{Change, Setting, Value};
use crate::i18n::edit::Derived;
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::plan::fields::Status;
use crate::project::Project;

/// What one cell of a sheet does to its task.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// The task shows this value already: nothing to do.
    Shown,
    /// A value the plan derives; the cell changes nothing. With a note
    /// when the cell differs from what the task shows.
    Derived(Option<Derived>),
    /// A change to make.
    Change,
}

/// What `setting`, a cell of a row whose cells are `row`, does to task
/// `id` of `project`.
pub(super) fn classify(project: &Project, id: NodeId, row: &[Setting], setting: &Setting) -> Cell {
    if as_shown(project, id, setting) {
        return Cell::Shown;
    }
    let plan = &project.loaded.plan;
    let node = plan.node(id);
    let derived = project.derived.node(id);
    let leaf = plan.is_leaf(id);
    let Change::Set(value) = &setting.change else {
        return Cell::Change;
    };
    let note = |why: Derived| Cell::Derived(Some(why));
    match (setting.key.as_str(), value) {
        ("status", Value::Status(status)) if !leaf && *status != Status::Cancelled => {
            note(Derived::ParentStatus)
        }
        ("progress", _) if !leaf => note(Derived::ParentProgress),
        ("effort", _) if !leaf => note(Derived::ParentEffort),
        ("start", _) if !leaf && node.start.is_none() => note(Derived::ParentStart),
        ("due", _) if !leaf && node.due.is_none() => note(Derived::ParentDue),
        // Done means 100 %: a progress beside it is what the task showed
        // before it was done, or a contradiction the status settles.
        ("progress", _) if row_status(project, id, row) == Status::Done => Cell::Derived(None),
        ("status", Value::Status(status))
            if derived.cancelled
                && node.status != Some(Status::Cancelled)
                && *status != Status::Cancelled =>
        {
            note(Derived::CancelledWithParent)
        }
        _ => Cell::Change,
    }
}

/// The status a row leaves its task with: its status cell, else the
/// task's own.
fn row_status(project: &Project, id: NodeId, row: &[Setting]) -> Status {
    row.iter()
        .find_map(|s| match (&s.change, s.key.as_str()) {
            (Change::Set(Value::Status(status)), "status") => Some(*status),
            _ => None,
        })
        .unwrap_or(project.derived.node(id).status)
}

/// Whether a cell asks for the value the task already shows, as `wbs list`
/// shows it (derived status, progress and dates, the effective owner).
pub(super) fn as_shown(project: &Project, id: NodeId, setting: &Setting) -> bool {
    let plan = &project.loaded.plan;
    let derived = project.derived.node(id);
    let node = plan.node(id);
    let value = match &setting.change {
        Change::Set(value) => value,
        Change::Tags { add, remove } => {
            let tags: Vec<&str> = plan.list(node.tags).collect();
            return add.iter().all(|t| tags.contains(&t.as_str()))
                && remove.iter().all(|t| !tags.contains(&t.as_str()));
        }
        Change::Unset => return false,
    };
    match (setting.key.as_str(), value) {
        ("title", Value::Text(t)) => plan.title(id) == t,
        ("id", Value::Text(t)) => plan.id_of(id) == Some(t.as_str()),
        ("owner", Value::Text(t)) => project.derived.owner(plan, id) == Some(t.as_str()),
        ("notes", Value::Text(t)) => plan.notes(id) == Some(t.as_str()),
        ("status", Value::Status(s)) => derived.status == *s,
        ("progress", Value::Number(n)) => (round1(derived.progress) - n).abs() < 1e-9,
        // The weight the task counts with: its own effort, or the plan's
        // default (the column `export --format xlsx` writes).
        ("effort", Value::Effort(_, hours)) => (derived.effort_hours - hours).abs() < 1e-9,
        ("start", Value::Date(d)) => derived.start == Some(*d),
        ("due", Value::Date(d)) => derived.due == Some(*d),
        ("tags", Value::List(l)) => plan.list(node.tags).eq(l.iter().map(String::as_str)),
        ("after", Value::List(l)) => plan.list(node.after).eq(l.iter().map(String::as_str)),
        _ => false,
    }
}

/// What the task shows for a field, as `wbs list --format csv` writes it.
pub(super) fn shown(project: &Project, id: NodeId, key: &str) -> String {
    let plan = &project.loaded.plan;
    let derived = project.derived.node(id);
    let node = plan.node(id);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match key {
        "title" => plan.title(id).to_owned(),
        "owner" => project
            .derived
            .owner(plan, id)
            .unwrap_or_default()
            .to_owned(),
        "notes" => plan.notes(id).unwrap_or_default().to_owned(),
        "status" => derived.status.as_str().to_owned(),
        "progress" => round1(derived.progress).to_string(),
        "effort" => crate::plan::fields::format_hours(derived.effort_hours),
        "start" => date(derived.start),
        "due" => date(derived.due),
        "tags" => crate::sheet::list(&plan.list(node.tags).collect::<Vec<_>>()),
        "after" => plan.list(node.after).collect::<Vec<_>>().join(","),
        _ => String::new(),
    }
}

/// A cell's value as text, to quote it in a message.
pub(super) fn value_text(setting: &Setting) -> String {
    match &setting.change {
        Change::Set(Value::Text(t) | Value::Effort(t, _)) => t.clone(),
        Change::Set(Value::Status(s)) => s.as_str().to_owned(),
        Change::Set(Value::Number(n)) => n.to_string(),
        Change::Set(Value::Date(d)) => d.to_string(),
        Change::Set(Value::List(items)) => {
            crate::sheet::list(&items.iter().map(String::as_str).collect::<Vec<_>>())
        }
        Change::Tags { add, remove } => add
            .iter()
            .map(|t| format!("+{t}"))
            .chain(remove.iter().map(|t| format!("-{t}")))
            .collect::<Vec<_>>()
            .join(","),
        Change::Unset => String::new(),
    }
}
