//! Removals: the nodes one side removed that the other kept, and where
//! the keeping side changed something in what was removed (a conflict:
//! the subtree stays as the keeping side has it).

use std::collections::HashMap;

use super::conflict::{At, Conflict, Kind, Side};
use super::matching::Matching;
use super::merged::{Inputs, Overrides};
use super::version::{Field, Version};
use crate::i18n::merge::Change;
use crate::plan::NodeId;

/// Marks the nodes of the side that keeps them (ours when `by` is
/// theirs) that `by` removed, and finds the conflicts: where the keeping
/// side changed something in a removed subtree, nothing of that subtree is
/// marked, so it stays as the keeping side has it.
///
/// The nodes a removal takes are grouped by their topmost removed node in
/// the keeping side's tree (the anchor); a group is one conflict, returned
/// with the anchor (a node of the keeping side).
pub(super) fn removals(
    inputs: Inputs<'_>,
    by: Side,
    overrides: &Overrides,
) -> (Vec<bool>, Vec<(NodeId, Conflict)>) {
    let (keep, keep_m, by_m) = match by {
        Side::Theirs => (inputs.ours, inputs.mo, inputs.mt),
        Side::Ours => (inputs.theirs, inputs.mt, inputs.mo),
    };
    let kp = keep.plan();
    let n = kp.nodes.len();
    let mut removed = vec![false; n];
    let mut anchor: Vec<NodeId> = (0..n as NodeId).collect();
    let mut in_group = vec![false; n];
    // Per anchor: what the keeping side changed in the group, or why a
    // validation keeps it.
    let mut changed: HashMap<NodeId, Change> = HashMap::new();
    let mut forced: HashMap<NodeId, String> = HashMap::new();
    for k in kp.ids() {
        let Some(b) = keep_m.base_of_side[k as usize] else {
            continue;
        };
        if by_m.side_of_base[b as usize].is_some() {
            continue;
        }
        in_group[k as usize] = true;
        if let Some(p) = kp.node(k).parent
            && in_group[p as usize]
        {
            anchor[k as usize] = anchor[p as usize];
        }
        let a = anchor[k as usize];
        if let Some(what) = change_of(inputs.base, b, keep, k, keep_m) {
            changed.entry(a).or_insert(what);
        }
        if by == Side::Theirs
            && let Some(reason) = overrides.kept.get(&b)
        {
            forced.entry(a).or_insert_with(|| reason.clone());
        }
    }
    for k in kp.ids() {
        let a = anchor[k as usize];
        if in_group[k as usize] && !changed.contains_key(&a) && !forced.contains_key(&a) {
            removed[k as usize] = true;
        }
    }
    let mut conflicts = Vec::new();
    let mut anchors: Vec<NodeId> = changed.keys().chain(forced.keys()).copied().collect();
    anchors.sort_unstable();
    anchors.dedup();
    for a in anchors {
        let conflict = match (by, changed.get(&a), forced.get(&a)) {
            (Side::Theirs, Some(what), _) => Conflict::new(Kind::RemovedByTheirs, At::Plan)
                .values("", what.to_string(), "removed")
                .change(what.clone()),
            (Side::Theirs, None, Some(reason)) => Conflict::new(Kind::Invalid, At::Plan)
                .values("", "kept", "removed")
                .reason(reason.clone()),
            (_, what, _) => {
                let conflict = Conflict::new(Kind::RemovedByOurs, At::Theirs(a)).values(
                    "",
                    "removed",
                    what.map(ToString::to_string).unwrap_or_default(),
                );
                match what {
                    Some(what) => conflict.change(what.clone()),
                    None => conflict,
                }
            }
        };
        conflicts.push((a, conflict));
    }
    (removed, conflicts)
}

/// What `side` changed about base node `b` (its node `s`), if anything:
/// a field, its place, or what is directly under it.
fn change_of(base: &Version, b: NodeId, side: &Version, s: NodeId, m: &Matching) -> Option<Change> {
    let (bp, sp) = (base.plan(), side.plan());
    if !base.same_own_text(b, side, s) {
        let mask = base.diff_fields(b, side, s);
        if let Some(f) = Field::ALL.into_iter().find(|f| mask & f.bit() != 0) {
            return Some(Change::Field { field: f.key() });
        }
        if !base.same_x(b, side, s) {
            return Some(Change::XField);
        }
    }
    let side_parent = sp.node(s).parent.map(|p| m.base_of_side[p as usize]);
    let base_parent = bp.node(b).parent.map(Some);
    if side_parent != base_parent {
        return Some(Change::Moved);
    }
    for c in sp.children(s) {
        match m.base_of_side[c as usize] {
            None => {
                return Some(Change::SubtaskAdded {
                    name: side.name(c).to_owned(),
                });
            }
            Some(cb) if bp.node(cb).parent != Some(b) => {
                return Some(Change::SubtaskMovedIn {
                    name: side.name(c).to_owned(),
                });
            }
            Some(_) => {}
        }
    }
    None
}
