//! Where the merged plan does not validate, the change of theirs to
//! blame: found from the error's task and code, and left out by an
//! override, so that the next round keeps ours's state there.

use std::collections::HashSet;

use super::conflict::MId;
use super::merged::{Inputs, Key, Merged, Overrides};
use super::verify::entry_text;
use super::version::{Field, Version};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{NodeId, Plan};

/// Finds, for each error, the change of theirs to blame and adds an
/// override that leaves it out. Returns the errors no change is to blame
/// for.
pub fn blame<'d>(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    map: &[Option<MId>],
    errors: &[&'d Diagnostic],
    overrides: &mut Overrides,
) -> Vec<&'d Diagnostic> {
    let before = overrides.len();
    let mut unblamed = Vec::new();
    for &d in errors {
        let reason = format!(
            "[{}] {}",
            d.code.as_str(),
            crate::i18n::Lang::En.show(&d.message)
        );
        let Some(m) =
            node_at(cur, d.span.start).and_then(|c| map.get(c as usize).copied().flatten())
        else {
            unblamed.push(d);
            continue;
        };
        let blamed = match d.code {
            Code::DuplicateId => {
                let other = d
                    .labels
                    .first()
                    .and_then(|l| node_at(cur, l.span.start))
                    .and_then(|n| map.get(n as usize).copied().flatten());
                [Some(m), other]
                    .into_iter()
                    .flatten()
                    .any(|m| leave_out(merged, m, &[Field::Id], &reason, overrides))
            }
            Code::DependencyCycle => {
                let start = node_at(cur, d.span.start).unwrap_or(0);
                let cycle = cycle_through(cur.plan(), start);
                let mut any = false;
                for n in cycle {
                    if let Some(Some(m)) = map.get(n as usize) {
                        any |= leave_out(merged, *m, &[Field::After], &reason, overrides);
                    }
                }
                any
            }
            Code::UnknownDependency => {
                let id = entry_text(cur, d);
                let node = &merged.nodes[m as usize];
                let ours_has = inputs
                    .ours
                    .plan()
                    .ids()
                    .any(|n| inputs.ours.plan().id_of(n) == Some(id.as_str()));
                let ours_waits = node
                    .ours
                    .is_some_and(|o| inputs.ours.list(o, Field::After).contains(&id.as_str()));
                if ours_has && ours_waits {
                    // Theirs removed what ours waits on: keep it.
                    match inputs
                        .base
                        .plan()
                        .ids()
                        .find(|&b| inputs.base.plan().id_of(b) == Some(id.as_str()))
                    {
                        Some(b) => {
                            let waiting =
                                node_at(cur, d.span.start).map_or_else(String::new, |c| {
                                    let plan = cur.plan();
                                    let name = plan.id_of(c).unwrap_or_else(|| plan.title(c));
                                    format!("{} {name}", plan.code(c))
                                });
                            let why = format!("[unknown-dependency] ours's {waiting} is after it");
                            overrides.kept.insert(b, why).is_none()
                        }
                        None => false,
                    }
                } else {
                    leave_out(merged, m, &[Field::After], &reason, overrides)
                }
            }
            Code::DependencyOnAncestor => {
                leave_out(merged, m, &[Field::After], &reason, overrides)
                    || moved_by_theirs(inputs, merged, m, &reason, overrides)
            }
            Code::LeafFieldOnParent => {
                leave_out(
                    merged,
                    m,
                    &[Field::Status, Field::Progress, Field::Effort],
                    &reason,
                    overrides,
                ) || merged.nodes[m as usize].children.iter().any(|&child| {
                    let node = &merged.nodes[child as usize];
                    if node.ours.is_none() {
                        leave_out(merged, child, &[], &reason, overrides)
                    } else {
                        moved_by_theirs(inputs, merged, child, &reason, overrides)
                    }
                })
            }
            Code::ProgressContradictsStatus => leave_out(
                merged,
                m,
                &[Field::Status, Field::Progress],
                &reason,
                overrides,
            ),
            Code::StartAfterDue => {
                leave_out(merged, m, &[Field::Start, Field::Due], &reason, overrides)
            }
            Code::UnknownOwner => leave_out(merged, m, &[Field::Owner], &reason, overrides),
            _ => false,
        };
        if !blamed {
            unblamed.push(d);
        }
    }
    if overrides.len() == before {
        return errors.to_vec();
    }
    unblamed
}

/// Leaves out theirs's value of the first of `fields` that the merged node
/// takes from theirs; a node only theirs has (no `fields` needed) is left
/// out whole. Whether anything new was left out.
fn leave_out(
    merged: &Merged,
    m: MId,
    fields: &[Field],
    reason: &str,
    overrides: &mut Overrides,
) -> bool {
    let node = &merged.nodes[m as usize];
    if node.ours.is_none() {
        return match node.theirs {
            Some(t) => overrides.dropped.insert(t, reason.to_owned()).is_none(),
            None => false,
        };
    }
    let key = merged.key(m);
    let mut any = false;
    for &f in fields {
        let theirs = node.from_theirs & f.bit() != 0 || node.merged_list(f).is_some();
        if theirs && !overrides.fields.contains_key(&(key, f)) {
            overrides.fields.insert((key, f), reason.to_owned());
            any = true;
        }
    }
    any
}

/// Keeps ours's place for the nearest node, from `m` up, that the merge
/// put where theirs moved it.
fn moved_by_theirs(
    inputs: Inputs<'_>,
    merged: &Merged,
    m: MId,
    reason: &str,
    overrides: &mut Overrides,
) -> bool {
    let mut current = Some(m);
    while let Some(m) = current {
        let node = &merged.nodes[m as usize];
        if let Some(o) = node.ours {
            let ours_parent = inputs
                .ours
                .plan()
                .node(o)
                .parent
                .and_then(|p| merged.ours_m[p as usize]);
            if ours_parent != node.parent {
                let key: Key = merged.key(m);
                return overrides.parents.insert(key, reason.to_owned()).is_none();
            }
        }
        current = node.parent;
    }
    false
}

/// The deepest node whose YAML holds the byte `offset`.
fn node_at(cur: &Version, offset: usize) -> Option<NodeId> {
    let tree = cur.tree();
    let mut found = None;
    for c in cur.plan().ids() {
        let span = tree.span(cur.yaml(c));
        if span.start <= offset && offset <= span.end {
            found = Some(c);
        }
    }
    found
}

/// The nodes of a dependency cycle through `start`.
fn cycle_through(plan: &Plan, start: NodeId) -> Vec<NodeId> {
    let by_id: std::collections::HashMap<&str, NodeId> = plan
        .ids()
        .filter_map(|n| plan.id_of(n).map(|id| (id, n)))
        .collect();
    let next = |n: NodeId| -> Vec<NodeId> {
        plan.list(plan.node(n).after)
            .filter_map(|a| by_id.get(a).copied())
            .collect()
    };
    // Depth-first from `start` until it is reached again.
    let mut stack = vec![(start, 0usize)];
    let mut on_path = vec![start];
    let mut seen = HashSet::new();
    while let Some(&(n, i)) = stack.last() {
        let succ = next(n);
        if i >= succ.len() {
            stack.pop();
            on_path.pop();
            continue;
        }
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
        }
        let s = succ[i];
        if s == start {
            return on_path;
        }
        if seen.insert(s) {
            stack.push((s, 0));
            on_path.push(s);
        }
    }
    vec![start]
}
