//! The semantic diff of two plan versions (SPEC §3.1) as data.
//!
//! Nodes are matched by identity (SPEC §1.1), so reordering, re-indenting
//! or moving a subtree is never shown as delete-and-add; a node that gained
//! or lost its id is matched by its path of titles where that is unique on
//! both sides, and one without id that kept its place and changed only its
//! title is a rename. Own fields are compared, so a changed due date is
//! reported once, on the node that changed, not again on every parent whose
//! derived date moved with it; what the reader sees is compared where that
//! differs from what is written: a leaf's derived progress (`done` is
//! 100%) and the effective owner, once, where it changed. Rolled-up
//! progress is reported for each parent whose value (as shown, to one
//! decimal) changed, marked as a roll-up, which the renderers show only
//! when asked ([`fields`]).

pub mod driver;
mod fields;
mod matching;
pub mod text;

use serde::Serialize;
use serde_json::Value;

pub use crate::i18n::diff::Note;
use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use matching::Matching;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Added,
    Removed,
    Moved,
    Renamed,
    Changed,
}

/// One difference. `node` is the node in the new version, or in the old one
/// for a removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: Kind,
    /// The node in the old version, if it is there.
    pub old: Option<NodeId>,
    /// The node in the new version, if it is there.
    pub new: Option<NodeId>,
    /// For `changed`: the field.
    pub field: Option<&'static str>,
    pub old_value: Value,
    pub new_value: Value,
    /// Nodes in an added or removed subtree, the node itself included.
    pub subtree: usize,
    /// A word for people: "slipped 5 days", "within its parent".
    pub note: Option<Note>,
    /// A parent's rolled-up progress: it follows from changes below, and
    /// is shown only when asked for.
    pub rollup: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub renamed: usize,
    /// Own fields changed; a parent's rolled-up progress is not counted
    /// here but in `rollups`.
    pub changed: usize,
    pub progress_old: f64,
    pub progress_new: f64,
    /// Parents whose rolled-up progress changed.
    pub rollups: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub summary: Summary,
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Options that change what counts as a difference.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report a node that moved among the same siblings.
    pub include_order: bool,
}

/// Compares two loaded versions of a plan set.
pub fn diff(old: &Project, new: &Project, options: Options) -> Diff {
    let matching = Matching::new(old, new, options.include_order);
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let mut changes = Vec::new();

    // New nodes in document order: additions, moves, renames and changes.
    for n in np.ids() {
        let Some(o) = matching.old_of[n as usize] else {
            // An addition is reported once, at the top of what was added.
            let parent_added = np
                .node(n)
                .parent
                .is_some_and(|p| matching.old_of[p as usize].is_none());
            if !parent_added {
                changes.push(Change {
                    kind: Kind::Added,
                    old: None,
                    new: Some(n),
                    field: None,
                    old_value: Value::Null,
                    new_value: Value::Null,
                    subtree: (np.node(n).end - n) as usize,
                    note: None,
                    rollup: false,
                });
            }
            continue;
        };
        let old_parent = op.node(o).parent;
        let new_parent = np.node(n).parent;
        let same_parent = match (old_parent, new_parent) {
            // Top-level nodes keep their place when they stay in the file
            // of the same name; with one file on a side (stdin, a renamed
            // single plan) there is no other file to have moved from.
            (None, None) => {
                let file =
                    |plan: &Plan, id: NodeId| plan.files[plan.node(id).file as usize].path.clone();
                op.files.len() == 1 || np.files.len() == 1 || same_file(&file(op, o), &file(np, n))
            }
            (Some(a), Some(b)) => matching.old_of[b as usize] == Some(a),
            _ => false,
        };
        if !same_parent {
            let describe = |plan: &Plan, node: NodeId, parent: Option<NodeId>| match parent {
                Some(p) => Value::String(format!("{} {}", plan.code(p), plan.title(p))),
                None => {
                    let file = &plan.files[plan.node(node).file as usize].path;
                    Value::String(format!("(top level of {file})"))
                }
            };
            changes.push(Change {
                kind: Kind::Moved,
                old: Some(o),
                new: Some(n),
                field: Some("parent"),
                old_value: describe(op, o, old_parent),
                new_value: describe(np, n, new_parent),
                subtree: (np.node(n).end - n) as usize,
                note: None,
                rollup: false,
            });
        } else if matching
            .reordered
            .as_ref()
            .is_some_and(|reordered| reordered[n as usize])
        {
            changes.push(Change {
                kind: Kind::Moved,
                old: Some(o),
                new: Some(n),
                field: Some("position"),
                old_value: Value::String(op.code(o)),
                new_value: Value::String(np.code(n)),
                subtree: (np.node(n).end - n) as usize,
                note: Some(Note::WithinParent),
                rollup: false,
            });
        }
        if op.title(o) != np.title(n) {
            changes.push(Change {
                kind: Kind::Renamed,
                old: Some(o),
                new: Some(n),
                field: Some("title"),
                old_value: Value::String(op.title(o).to_owned()),
                new_value: Value::String(np.title(n).to_owned()),
                subtree: 1,
                note: None,
                rollup: false,
            });
        }
        fields::fields(old, new, o, n, same_parent, &mut changes);
    }

    // Removals, once at the top of what was removed, in old document order;
    // each goes after the changes of its old parent's new counterpart.
    let mut removals = Vec::new();
    for o in op.ids() {
        if matching.new_of[o as usize].is_some() {
            continue;
        }
        let parent_removed = op
            .node(o)
            .parent
            .is_some_and(|p| matching.new_of[p as usize].is_none());
        if !parent_removed {
            removals.push(Change {
                kind: Kind::Removed,
                old: Some(o),
                new: None,
                field: None,
                old_value: Value::Null,
                new_value: Value::Null,
                subtree: (op.node(o).end - o) as usize,
                note: None,
                rollup: false,
            });
        }
    }
    changes.extend(removals);

    let mut summary = Summary {
        progress_old: round1(old.derived.overall.progress()),
        progress_new: round1(new.derived.overall.progress()),
        ..Summary::default()
    };
    for change in &changes {
        match change.kind {
            Kind::Added => summary.added += 1,
            Kind::Removed => summary.removed += 1,
            Kind::Moved => summary.moved += 1,
            Kind::Renamed => summary.renamed += 1,
            Kind::Changed if change.rollup => summary.rollups += 1,
            Kind::Changed => summary.changed += 1,
        }
    }
    Diff { summary, changes }
}

/// Whether two plan files are the same file of two versions: the same path,
/// or (comparing two folders) the same file name.
pub(super) fn same_file(old: &str, new: &str) -> bool {
    let name = |path: &str| std::path::Path::new(path).file_name().map(|n| n.to_owned());
    old == new || name(old) == name(new)
}

#[cfg(test)]
mod tests;
