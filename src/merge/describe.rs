//! Conflicts as people read them: the task's code and id, the field,
//! and base → ours / theirs.

use super::Described;
use super::conflict::{At, Conflict, Kind, MId};
use super::merged::{Inputs, Merged};
use super::version::Version;
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
fn parent_name(plan: &Plan, node: NodeId) -> String {
    match plan.node(node).parent {
        Some(p) => format!("under {}", name(plan, p)),
        None => "at the top level".to_owned(),
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
            Some(c) => name(cur.plan(), c),
            None => format!("(task {m})"),
        },
        At::Theirs(t) => format!("{} (theirs)", name(inputs.theirs.plan(), t)),
        At::File => "(file)".to_owned(),
        At::Plan => "(plan)".to_owned(),
    };
    let values = || {
        format!(
            "{} → ours {} / theirs {}",
            show(&conflict.base),
            show(&conflict.ours),
            show(&conflict.theirs)
        )
    };
    let reason = conflict.reason.clone().unwrap_or_default();
    let detail = match conflict.kind {
        Kind::Field => values(),
        Kind::RemovedByTheirs => format!("changed by ours ({}), removed by theirs", conflict.ours),
        Kind::RemovedByOurs => format!("removed by ours, changed by theirs ({})", conflict.theirs),
        Kind::MovedTwice => match conflict.at {
            At::Node(m) => {
                let node = &merged.nodes[m as usize];
                let place = |v: &Version, n: Option<NodeId>| {
                    n.map_or_else(|| "(none)".to_owned(), |n| parent_name(v.plan(), n))
                };
                let theirs = conflict.theirs_node.or(node.theirs);
                let mut detail = format!(
                    "moved to two places: {} → ours {} / theirs {}",
                    place(inputs.base, node.base),
                    place(inputs.ours, node.ours),
                    place(inputs.theirs, theirs)
                );
                if !reason.is_empty() {
                    detail.push_str(&format!(" ({reason})"));
                }
                detail
            }
            _ => "moved to two places".to_owned(),
        },
        Kind::AddedTwice => "added on both sides, differently".to_owned(),
        Kind::Order => "subtasks reordered differently on both sides".to_owned(),
        Kind::Invalid if conflict.field.is_none() && conflict.ours == "kept" => {
            format!(
                "removed by theirs, kept, as the merged plan would not validate without it: {reason}"
            )
        }
        Kind::Invalid => {
            let what = if conflict.field.is_some() && !conflict.theirs.is_empty() {
                format!("{}; ", values())
            } else {
                String::new()
            };
            format!(
                "{what}theirs's change is left out: the merged plan would not validate: {reason}"
            )
        }
        Kind::Unresolved => format!("the merged plan does not validate: {reason}"),
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
