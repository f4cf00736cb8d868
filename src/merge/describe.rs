//! Conflicts as people read them: the task's code and id, the field,
//! and base → ours / theirs.

use super::Described;
use super::conflict::{At, Conflict, Kind, MId};
use super::merged::{Inputs, Merged};
use super::version::Version;
use crate::i18n::merge::{Change, Detail, Parent, Spot};
use crate::plan::{NodeId, Plan};

/// A node of a version as messages name it: `2.1 design`, or its title
/// where it has no id.
fn name(plan: &Plan, node: NodeId) -> String {
    let id = plan
        .id_of(node)
        .map_or_else(|| format!("\"{}\"", plan.title(node)), str::to_owned);
    format!("{} {id}", plan.code(node))
}

/// A node's parent in a version, for messages.
fn parent_name(plan: &Plan, node: NodeId) -> Parent {
    match plan.node(node).parent {
        Some(p) => Parent::Under {
            name: name(plan, p),
        },
        None => Parent::TopLevel,
    }
}

pub fn describe(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    order: &[Option<MId>],
    conflict: &Conflict,
) -> Described {
    let cur_of = |m: MId| {
        order
            .iter()
            .position(|&x| x == Some(m))
            .map(|c| c as NodeId)
    };
    let node = match conflict.at {
        At::Node(m) => match cur_of(m) {
            Some(c) => Spot::Task {
                name: name(cur.plan(), c),
            },
            None => Spot::Unplaced { task: m },
        },
        At::Theirs(t) => Spot::Theirs {
            name: name(inputs.theirs.plan(), t),
        },
        At::File => Spot::File,
        At::Plan => Spot::Plan,
    };
    let values = || {
        [
            show(&conflict.base),
            show(&conflict.ours),
            show(&conflict.theirs),
        ]
    };
    let reason = conflict.reason.clone().unwrap_or_default();
    let detail = match conflict.kind {
        Kind::Field => {
            let [base, ours, theirs] = values();
            Detail::Values { base, ours, theirs }
        }
        Kind::RemovedByTheirs => Detail::RemovedByTheirs {
            ours: conflict.change.clone().unwrap_or(Change::Moved),
        },
        Kind::RemovedByOurs => Detail::RemovedByOurs {
            theirs: conflict.change.clone().unwrap_or(Change::Moved),
        },
        Kind::MovedTwice => match conflict.at {
            At::Node(m) => {
                let node = &merged.nodes[m as usize];
                let place = |v: &Version, n: Option<NodeId>| {
                    n.map_or(Parent::Nowhere, |n| parent_name(v.plan(), n))
                };
                let theirs = conflict.theirs_node.or(node.theirs);
                Detail::MovedTwice {
                    base: place(inputs.base, node.base),
                    ours: place(inputs.ours, node.ours),
                    theirs: place(inputs.theirs, theirs),
                    reason: (!reason.is_empty()).then_some(reason),
                }
            }
            _ => Detail::MovedTwiceSomewhere,
        },
        Kind::AddedTwice => Detail::AddedTwice,
        Kind::Order => Detail::Order,
        Kind::Invalid if conflict.field.is_none() && conflict.ours == "kept" => {
            Detail::KeptForValidity { reason }
        }
        Kind::Invalid => Detail::LeftOut {
            values: (conflict.field.is_some() && !conflict.theirs.is_empty()).then(values),
            reason,
        },
        Kind::Unresolved => Detail::Unresolved { reason },
    };
    Described {
        node,
        field: conflict.field.clone(),
        detail,
    }
}

/// A value in a conflict line: one line, cut when long.
fn show(value: &str) -> String {
    let one_line = value.replace(['\n', '\r'], " ");
    crate::safe::excerpt(&one_line).into_owned()
}
