//! Each merged node's parent: where the side that moved it put it; ours's
//! place where both sides moved it differently, or under each other.

use super::conflict::{At, Conflict, Kind, MId};
use super::merged::{Inputs, Merged, Overrides, Par};
use crate::plan::NodeId;

/// Each merged node's parent, with conflicts where the two sides moved a
/// node to different places or under each other.
pub(super) fn parents(
    inputs: Inputs<'_>,
    overrides: &Overrides,
    merged: &mut Merged,
) -> Result<Vec<Par>, String> {
    let Inputs {
        base, ours, theirs, ..
    } = inputs;
    let (bp, op, tp) = (base.plan(), ours.plan(), theirs.plan());
    let of = |map: &[Option<MId>], parent: Option<NodeId>| match parent {
        None => Par::Top,
        Some(p) => map[p as usize].map_or(Par::Gone, Par::In),
    };
    let count = merged.nodes.len();
    let mut chosen = Vec::with_capacity(count);
    // The parent each side gives the node, for the cycle check.
    let mut sides: Vec<(Par, Par)> = Vec::with_capacity(count);
    for m in 0..count {
        let node = &merged.nodes[m];
        let po = node.ours.map(|o| of(&merged.ours_m, op.node(o).parent));
        let pt = node.theirs.map(|t| of(&merged.theirs_m, tp.node(t).parent));
        let pb = node.base.map(|b| of(&merged.base_m, bp.node(b).parent));
        let key = merged.key(m as MId);
        let parent = match (po, pt) {
            (Some(po), Some(pt)) if po == pt => po,
            (Some(po), Some(_)) if overrides.parents.contains_key(&key) => {
                let reason = overrides.parents[&key].clone();
                merged.conflicts.push(
                    Conflict::new(Kind::Invalid, At::Node(m as MId))
                        .field("parent")
                        .reason(reason),
                );
                po
            }
            (Some(po), Some(Par::Gone)) => po,
            (Some(Par::Gone), Some(pt)) => pt,
            (Some(po), Some(pt)) if Some(po) == pb => pt,
            (Some(po), Some(pt)) if Some(pt) == pb => po,
            (Some(po), Some(pt)) => {
                let mut conflict = Conflict::new(Kind::MovedTwice, At::Node(m as MId));
                conflict.theirs_node = node.theirs;
                merged.conflicts.push(conflict);
                let _ = pt;
                po
            }
            (Some(po), None) => po,
            (None, Some(pt)) => pt,
            (None, None) => Par::Gone,
        };
        if parent == Par::Gone {
            return Err(format!("merged node {m} has no parent in the result"));
        }
        chosen.push(parent);
        sides.push((po.unwrap_or(parent), pt.unwrap_or(parent)));
    }
    break_cycles(&mut chosen, &sides, &mut merged.conflicts)?;
    Ok(chosen)
}

/// Where taking each side's move makes a node its own ancestor (ours moved
/// a under b, theirs b under a), ours's place is kept for the node theirs
/// moved, as a conflict.
fn break_cycles(
    chosen: &mut [Par],
    sides: &[(Par, Par)],
    conflicts: &mut Vec<Conflict>,
) -> Result<(), String> {
    // 0 unvisited, 1 on the current path, 2 known to reach the top.
    let mut state = vec![0u8; chosen.len()];
    for start in 0..chosen.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut current = start;
        loop {
            match state[current] {
                2 => break,
                1 => {
                    // A cycle: from `current` along `path`.
                    let at = path.iter().position(|&n| n == current).unwrap_or(0);
                    let cycle = &path[at..];
                    let Some(&moved) = cycle.iter().find(|&&n: &&usize| chosen[n] != sides[n].0)
                    else {
                        return Err("a cycle of parents that ours made".to_owned());
                    };
                    chosen[moved] = sides[moved].0;
                    conflicts.push(
                        Conflict::new(Kind::MovedTwice, At::Node(moved as MId))
                            .field("parent")
                            .reason("ours and theirs moved these tasks under each other"),
                    );
                    // Start this walk again with the cycle broken.
                    for &n in &path {
                        state[n] = 0;
                    }
                    path.clear();
                    current = start;
                    continue;
                }
                _ => {}
            }
            state[current] = 1;
            path.push(current);
            match chosen[current] {
                Par::In(p) => current = p as usize,
                _ => break,
            }
        }
        for n in path {
            state[n] = 2;
        }
    }
    Ok(())
}
