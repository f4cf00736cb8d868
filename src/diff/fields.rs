//! What differs in the own fields of a node both versions have, and in a
//! parent's rolled-up progress.

use serde_json::Value;

use super::{Change, Kind, Note};
use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;

/// Every own field that differs between a matched pair, with what the
/// reader sees of it: a leaf's progress as derived (`done` is 100%), the
/// effective owner where it changed (not again on the tasks that inherit
/// it from this one); and a parent's rolled-up progress, marked as a
/// roll-up. `same_parent` says whether the pair kept its parent. Most
/// pairs differ in nothing, so values are compared as they are stored and
/// turned into JSON values only when they differ.
pub(super) fn fields(
    old: &Project,
    new: &Project,
    o: NodeId,
    n: NodeId,
    same_parent: bool,
    changes: &mut Vec<Change>,
) {
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let (on, nn) = (op.node(o), np.node(n));
    let mut push = |field: &'static str, old_value: Value, new_value: Value, note: Option<Note>| {
        changes.push(Change {
            kind: Kind::Changed,
            old: Some(o),
            new: Some(n),
            field: Some(field),
            old_value,
            new_value,
            subtree: 1,
            note,
            rollup: false,
        });
    };
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::String(s.to_owned()));
    let number = |v: Option<f64>| v.map_or(Value::Null, Value::from);
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or(Value::Null, |d| Value::String(d.to_string()));

    let (old_id, new_id) = (op.id_of(o), np.id_of(n));
    if old_id != new_id {
        push("id", text(old_id), text(new_id), None);
    }
    let status = |plan: &Plan, id: NodeId| {
        let own = plan.node(id).status;
        // A leaf without a status is todo; a parent has none of its own.
        if plan.is_leaf(id) {
            Some(own.unwrap_or(Status::Todo))
        } else {
            own
        }
    };
    let (old_status, new_status) = (status(op, o), status(np, n));
    if old_status != new_status {
        let value = |s: Option<Status>| s.map_or(Value::Null, |s| Value::from(s.as_str()));
        push("status", value(old_status), value(new_status), None);
    }
    let (old_progress, new_progress) = (
        round1(old.derived.node(o).progress),
        round1(new.derived.node(n).progress),
    );
    if op.is_leaf(o) && np.is_leaf(n) {
        // A leaf's progress as people read it: `done` is 100% whatever its
        // own field says, and a removed field is 0%, not nothing.
        let own_changed = on.progress != nn.progress || old_status != new_status;
        if own_changed && old_progress != new_progress {
            let done = new_status == Some(Status::Done) && old_status != Some(Status::Done);
            push(
                "progress",
                Value::from(old_progress),
                Value::from(new_progress),
                done.then_some(Note::Done),
            );
        }
    }
    // A parent's roll-up goes last among its changes, once `push` is done.
    let rollup =
        (!op.is_leaf(o) && !np.is_leaf(n) && old_progress != new_progress).then(|| Change {
            kind: Kind::Changed,
            old: Some(o),
            new: Some(n),
            field: Some("progress"),
            old_value: Value::from(old_progress),
            new_value: Value::from(new_progress),
            subtree: 1,
            note: Some(Note::RolledUp),
            rollup: true,
        });
    if let Some((old_owner, new_owner, note)) = owner(old, new, o, n, same_parent) {
        push("owner", text(old_owner), text(new_owner), note);
    }
    if on.start != nn.start {
        let note = shift(on.start, nn.start);
        push("start", date(on.start), date(nn.start), note);
    }
    if on.due != nn.due {
        push("due", date(on.due), date(nn.due), shift(on.due, nn.due));
    }
    let (a, b) = (on.effort_hours.get(), nn.effort_hours.get());
    if a != b {
        push("effort_hours", number(a), number(b), None);
    }
    if !op.list(on.tags).eq(np.list(nn.tags)) {
        let (a, b) = (op.list(on.tags).collect(), np.list(nn.tags).collect());
        lists(changes, o, n, "tags", a, b);
    }
    if !op.list(on.after).eq(np.list(nn.after)) {
        let (a, b) = (op.list(on.after).collect(), np.list(nn.after).collect());
        lists(changes, o, n, "after", a, b);
    }
    let (old_notes, new_notes) = (op.notes(o), np.notes(n));
    if old_notes != new_notes {
        changes.push(Change {
            kind: Kind::Changed,
            old: Some(o),
            new: Some(n),
            field: Some("notes"),
            old_value: text(old_notes),
            new_value: text(new_notes),
            subtree: 1,
            note: None,
            rollup: false,
        });
    }
    changes.extend(rollup);
}

/// The effective owner (own or inherited) of a matched pair, where the
/// reader should see it change: where the own `owner` changed, or where
/// an inherited one did and the node did not inherit the change along
/// with its parent (which shows it) — a moved task, say. The note says
/// where a value is inherited: `was inherited`, `now inherited from 2.1`,
/// `inherited from 2.1`.
fn owner<'p>(
    old: &'p Project,
    new: &'p Project,
    o: NodeId,
    n: NodeId,
    same_parent: bool,
) -> Option<(Option<&'p str>, Option<&'p str>, Option<Note>)> {
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let (old_own, new_own) = (op.own_owner(o), np.own_owner(n));
    let (old_owner, new_owner) = (old.derived.owner(op, o), new.derived.owner(np, n));
    let own_changed = old_own != new_own;
    // An inherited owner that changed with the parent's is the parent's
    // change, shown there.
    let inherited_changed =
        old_own.is_none() && new_own.is_none() && old_owner != new_owner && !same_parent;
    if !own_changed && !inherited_changed {
        return None;
    }
    let from = || {
        new.derived
            .node(n)
            .owner_from
            .map(|from| np.code(from))
            .unwrap_or_default()
    };
    let note = match (old_own, new_own) {
        (None, Some(_)) if old_owner.is_some() => Some(Note::WasInherited),
        (Some(_), None) if new_owner.is_some() => Some(Note::NowInheritedFrom { code: from() }),
        (None, None) if new_owner.is_some() => Some(Note::InheritedFrom { code: from() }),
        _ => None,
    };
    Some((old_owner, new_owner, note))
}

/// "slipped 5 days" or "gained 2 days" for a date that moved.
fn shift(old: Option<chrono::NaiveDate>, new: Option<chrono::NaiveDate>) -> Option<Note> {
    let days = (new? - old?).num_days();
    match days {
        0 => None,
        d if d > 0 => Some(Note::Slipped { days: d }),
        d => Some(Note::Gained { days: -d }),
    }
}

/// Entries added to and removed from a list field.
fn lists(
    changes: &mut Vec<Change>,
    o: NodeId,
    n: NodeId,
    field: &'static str,
    old: Vec<&str>,
    new: Vec<&str>,
) {
    let added: Vec<String> = new
        .iter()
        .filter(|e| !old.contains(e))
        .map(|e| (*e).to_owned())
        .collect();
    let removed: Vec<String> = old
        .iter()
        .filter(|e| !new.contains(e))
        .map(|e| (*e).to_owned())
        .collect();
    if added.is_empty() && removed.is_empty() {
        return;
    }
    changes.push(Change {
        kind: Kind::Changed,
        old: Some(o),
        new: Some(n),
        field: Some(field),
        old_value: Value::from(old),
        new_value: Value::from(new),
        subtree: 1,
        note: Some(Note::Entries { added, removed }),
        rollup: false,
    });
}
