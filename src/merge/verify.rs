//! The guarantee every edit gives: the written text, read again, is
//! exactly the merged plan (node by node in document order, every field,
//! `x-` keys and the file's own entries); and which of its errors the merge
//! made (see [`super::blame`] for what is done about them).

use std::collections::HashSet;

use super::conflict::MId;
use super::file_entries::file_values;
use super::merged::Inputs;
use super::merged::Merged;
use super::node_patch::holds;
use super::version::Version;
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::NodeId;

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
pub(super) fn entry_text(cur: &Version, d: &Diagnostic) -> String {
    match scalar_at(cur, d.span.start) {
        Some(n) => cur.tree().text(cur.text(), n).to_owned(),
        None => cur
            .text()
            .get(d.span.clone())
            .unwrap_or_default()
            .to_owned(),
    }
}
