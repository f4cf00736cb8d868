//! A node as scripts read it: the SPEC §4.1 shape shared by `list`,
//! `export` and `show`. Field names here are the contract.

use serde::Serialize;

use crate::plan::derive::round1;
use crate::plan::{NodeId, Status};
use crate::project::Project;

/// One node with its own and derived values (SPEC §4.1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeRow<'a> {
    pub code: String,
    pub id: Option<&'a str>,
    pub title: &'a str,
    /// The effective owner.
    pub owner: Option<&'a str>,
    /// Own status for a leaf, rolled up for a parent.
    pub status: Status,
    /// Rounded half-up to one decimal.
    pub progress: f64,
    /// Own or derived.
    pub start: Option<String>,
    pub due: Option<String>,
    /// A leaf's weight; a parent's sum over its non-cancelled leaves.
    pub effort_hours: Option<f64>,
    pub level: u32,
    pub leaf: bool,
    pub overdue: bool,
    pub due_soon: bool,
    pub tags: Vec<&'a str>,
    pub after: Vec<&'a str>,
    pub file: &'a str,
    /// The line of the node's first key, or of a plain-string node's text.
    pub line: usize,
    // Fields beyond SPEC §4.1, added as the contract allows.
    pub notes: Option<&'a str>,
    pub cancelled: bool,
}

impl<'a> NodeRow<'a> {
    pub fn new(project: &'a Project, id: NodeId) -> NodeRow<'a> {
        let plan = &project.loaded.plan;
        let node = plan.node(id);
        let d = project.derived.node(id);
        NodeRow {
            code: plan.code(id),
            id: plan.id_of(id),
            title: plan.title(id),
            owner: project.derived.owner(plan, id),
            status: d.status,
            progress: round1(d.progress),
            start: d.start.map(|date| date.to_string()),
            due: d.due.map(|date| date.to_string()),
            effort_hours: Some(d.effort_hours),
            level: node.level,
            leaf: plan.is_leaf(id),
            overdue: d.overdue,
            due_soon: d.due_soon,
            tags: plan.list(node.tags).collect(),
            after: plan.list(node.after).collect(),
            file: &plan.files[node.file as usize].path,
            line: project.loaded.node_line(id),
            notes: plan.notes(id),
            cancelled: d.cancelled,
        }
    }
}
