//! The guarantee every edit gives: the written text, read again, is
//! exactly the merged plan (node by node in document order, every field,
//! `x-` keys and the file's own entries), and it validates. Where it does
//! not validate, the change of theirs to blame is found and left out as a
//! conflict, and the merge runs again.

use std::collections::HashSet;

use super::conflict::MId;
use super::merged::Inputs;
use super::merged::{Key, Merged, Overrides};
use super::node_patch::{file_values, holds};
use super::version::{Field, Version};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{NodeId, Plan};

/// Checks that `cur` holds the merged plan, and that `map` says rightly
/// which merged node each of its nodes is.
pub fn verify(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    map: &[Option<MId>],
) -> Result<(), String> {
    let order = merged.preorder();
    let plan = cur.plan();
    if plan.nodes.len() != order.len() {
        return Err(format!(
            "the merged text holds {} tasks where {} were meant",
            plan.nodes.len(),
            order.len()
        ));
    }
    let mut level = vec![0u32; merged.nodes.len()];
    for (c, &m) in order.iter().enumerate() {
        let node = &merged.nodes[m as usize];
        level[m as usize] = node.parent.map_or(1, |p| level[p as usize] + 1);
        if map.get(c) != Some(&Some(m)) {
            return Err(format!(
                "the merged text's task {c} is not where it was meant to be"
            ));
        }
        let c = c as NodeId;
        if plan.node(c).level != level[m as usize] || !holds(inputs, merged, cur, c, m)? {
            return Err(format!(
                "after the merge, {} {} does not read back as merged",
                plan.code(c),
                crate::safe::excerpt(plan.title(c))
            ));
        }
    }
    if file_values(cur) != expected_file(inputs, merged) {
        return Err("after the merge, the file's own fields do not read back as merged".to_owned());
    }
    Ok(())
}

/// The file's entries as the merge means them: ours's, with theirs's
/// changes.
fn expected_file(inputs: Inputs<'_>, merged: &Merged) -> Vec<(String, String)> {
    let mut values = file_values(inputs.ours);
    let theirs = file_values(inputs.theirs);
    for change in &merged.file {
        let path = change.path.join(".");
        if let [key] = change.path.as_slice() {
            values.retain(|(k, _)| k != key);
            if change.set
                && let Some(v) = theirs.iter().find(|(k, _)| k == key)
            {
                values.push(v.clone());
            }
            continue;
        }
        // One person: the `people` entry as a whole is rebuilt below.
        let _ = path;
    }
    let person_changes: Vec<&Vec<String>> = merged
        .file
        .iter()
        .map(|c| &c.path)
        .filter(|p| p.len() == 2)
        .collect();
    if !person_changes.is_empty() {
        let people = merged_people(inputs, merged);
        values.retain(|(k, _)| k != "people");
        if let Some(people) = people {
            values.push(("people".to_owned(), people));
        }
    }
    values.sort();
    values
}

/// The canonical `people` mapping as merged: ours's persons in their
/// order, theirs's changes applied, theirs's new persons after them.
fn merged_people(inputs: Inputs<'_>, merged: &Merged) -> Option<String> {
    use super::version::canonical;
    let persons = |v: &Version| -> Option<Vec<(String, String, String)>> {
        let root = v.root()?;
        let (tree, text) = (v.tree(), v.text());
        let (_, map) = tree.get(text, root, "people")?;
        Some(
            tree.entries(map)
                .map(|(k, val)| {
                    (
                        tree.text(text, k).to_owned(),
                        canonical(tree, text, k),
                        canonical(tree, text, val),
                    )
                })
                .collect(),
        )
    };
    let mut ours = persons(inputs.ours)?;
    let theirs = persons(inputs.theirs).unwrap_or_default();
    for change in &merged.file {
        let [_, key] = change.path.as_slice() else {
            continue;
        };
        let their = theirs.iter().find(|(k, ..)| k == key);
        match (change.set, their, ours.iter().position(|(k, ..)| k == key)) {
            (true, Some(t), Some(at)) => ours[at] = t.clone(),
            (true, Some(t), None) => ours.push(t.clone()),
            (false, _, Some(at)) => {
                ours.remove(at);
            }
            _ => {}
        }
    }
    // As `canonical` writes a mapping: its children in order.
    let mut out = String::from("{");
    for (_, k, v) in &ours {
        out.push_str(k);
        out.push_str(v);
    }
    out.push('}');
    Some(out)
}

/// The errors of the merged plan that the merge made: not those of an
/// `after` that names an id no version of this file defines (in a plan
/// set it is another file's, which git merges on its own).
pub fn merge_errors<'d>(
    inputs: Inputs<'_>,
    cur: &Version,
    found: &'d [Diagnostic],
) -> Vec<&'d Diagnostic> {
    let mut known: Option<HashSet<&str>> = None;
    found
        .iter()
        .filter(|d| d.is_error())
        .filter(|d| {
            if d.code != Code::UnknownDependency {
                return true;
            }
            let known = known.get_or_insert_with(|| {
                [inputs.base, inputs.ours, inputs.theirs]
                    .iter()
                    .flat_map(|v| v.plan().ids().filter_map(|n| v.plan().id_of(n)))
                    .collect()
            });
            known.contains(entry_text(cur, d).as_str())
        })
        .collect()
}

/// The YAML scalar starting at `offset`, if any: nodes are in document
/// order, so their starts never decrease.
fn scalar_at(cur: &Version, offset: usize) -> Option<u32> {
    let tree = cur.tree();
    let len = tree.len() as u32;
    let (mut lo, mut hi) = (0u32, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if tree.span(mid).start < offset {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..len)
        .take_while(|&n| tree.span(n).start == offset)
        .find(|&n| tree.kind(n) == crate::source::yaml::Kind::Scalar)
}

/// The text of the `after` entry a diagnostic points at.
fn entry_text(cur: &Version, d: &Diagnostic) -> String {
    match scalar_at(cur, d.span.start) {
        Some(n) => cur.tree().text(cur.text(), n).to_owned(),
        None => cur
            .text()
            .get(d.span.clone())
            .unwrap_or_default()
            .to_owned(),
    }
}

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
        let reason = format!("[{}] {}", d.code.as_str(), d.message);
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
