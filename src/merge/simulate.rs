//! Which merged node each task of the text is after a pass's block
//! operations: the operations played on a tree of the current tasks.

use super::apply::{At, Op};
use super::conflict::{MId, Side};
use super::merged::{Inputs, Merged};
use super::version::Version;

/// Which merged node each node of the text after `ops` is, in document
/// order: the pass's block operations played on a tree of the current
/// nodes. A block copied from a side brings that side's nodes; where such
/// a node's merged node already has a copy in the text, the new copy is
/// nobody's (a later pass removes it and moves the old one in).
pub(super) fn simulate(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    map: &[Option<MId>],
    ops: &[Op],
) -> Vec<Option<MId>> {
    let plan = cur.plan();
    let n = plan.nodes.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots: Vec<usize> = Vec::new();
    let mut of: Vec<Option<MId>> = map.to_vec();
    for c in plan.ids() {
        match plan.node(c).parent {
            Some(p) => kids[p as usize].push(c as usize),
            None => roots.push(c as usize),
        }
    }
    let mut parent_of: Vec<Option<usize>> = plan
        .ids()
        .map(|c| plan.node(c).parent.map(|p| p as usize))
        .collect();
    let detach =
        |kids: &mut Vec<Vec<usize>>, roots: &mut Vec<usize>, parent: Option<usize>, item: usize| {
            let list = match parent {
                Some(p) => &mut kids[p],
                None => roots,
            };
            list.retain(|&x| x != item);
        };
    for op in ops {
        match op {
            Op::Remove(c) | Op::Move(c, _) => {
                let c = *c as usize;
                detach(&mut kids, &mut roots, parent_of[c], c);
            }
            Op::Insert(..) => {}
        }
    }
    // Insertions after one anchor keep their order: count them.
    let mut after_count: std::collections::HashMap<usize, usize> = Default::default();
    for op in ops {
        let (item, dest) = match op {
            Op::Remove(_) => continue,
            Op::Move(c, dest) => (*c as usize, *dest),
            Op::Insert(side, s, dest) => {
                let (version, side_m) = match side {
                    Side::Ours => (inputs.ours, &merged.ours_m),
                    Side::Theirs => (inputs.theirs, &merged.theirs_m),
                };
                let vp = version.plan();
                // The copied subtree as new items.
                let base_index = kids.len();
                let end = vp.node(*s).end;
                for x in *s..end {
                    kids.push(Vec::new());
                    of.push(side_m[x as usize]);
                    parent_of.push(None);
                    if let Some(p) = vp.node(x).parent
                        && x != *s
                    {
                        let pi = base_index + (p - s) as usize;
                        kids[pi].push(base_index + (x - s) as usize);
                        parent_of[base_index + (x - s) as usize] = Some(pi);
                    }
                }
                (base_index, *dest)
            }
        };
        let parent = dest.parent.map(|p| p as usize);
        parent_of[item] = parent;
        let list = match parent {
            Some(p) => &mut kids[p],
            None => &mut roots,
        };
        match dest.place {
            At::End => list.push(item),
            At::Before(x) => {
                let at = list
                    .iter()
                    .position(|&y| y == x as usize)
                    .unwrap_or(list.len());
                list.insert(at, item);
            }
            At::After(x) => {
                let count = after_count.entry(x as usize).or_insert(0);
                let at = list
                    .iter()
                    .position(|&y| y == x as usize)
                    .map_or(list.len(), |i| i + 1 + *count);
                *count += 1;
                list.insert(at.min(list.len()), item);
            }
        }
    }
    // Document order, and the first copy of a merged node keeps it: the
    // copy already in the text before any copied block.
    let mut order = Vec::new();
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(item) = stack.pop() {
        order.push(item);
        stack.extend(kids[item].iter().rev());
    }
    let mut held = vec![false; merged.nodes.len()];
    for &item in &order {
        if item < n
            && let Some(m) = of[item]
        {
            held[m as usize] = true;
        }
    }
    order
        .iter()
        .map(|&item| {
            let m = of[item]?;
            if item < n {
                return Some(m);
            }
            if held[m as usize] {
                None
            } else {
                held[m as usize] = true;
                Some(m)
            }
        })
        .collect()
}
