//! The order of each merged node's subtasks.
//!
//! The subtasks that sit under the node on all three versions keep the
//! order the side that reordered them gave (a conflict when both did,
//! differently; ours's order stays). Every other subtask was put there by
//! a side (added, or moved in) and goes after the subtask it follows on
//! that side: ours's first, then theirs's after them, so that additions of
//! both sides at one place are all kept, ours first.

use super::conflict::{At, Conflict, Kind, MId};
use super::merged::{Inputs, Merged};
use crate::plan::{NodeId, Plan};

const NONE: MId = MId::MAX;
const IN_OURS: u8 = 1;
const IN_THEIRS: u8 = 2;
const IN_BASE: u8 = 4;
const IN_ALL: u8 = IN_OURS | IN_THEIRS | IN_BASE;

/// Fills every merged node's `children` and the top level, in order.
pub fn arrange(inputs: Inputs<'_>, merged: &mut Merged) {
    let count = merged.nodes.len();
    let mut members: Vec<Vec<MId>> = vec![Vec::new(); count];
    let mut top = Vec::new();
    for m in 0..count {
        match merged.nodes[m].parent {
            Some(p) => members[p as usize].push(m as MId),
            None => top.push(m as MId),
        }
    }
    let mut scratch = Scratch {
        mark: vec![0; count],
        next: vec![NONE; count],
    };
    let ordered = order(inputs, merged, None, &top, &mut scratch);
    merged.top = ordered;
    for (p, list) in members.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let ordered = order(inputs, merged, Some(p as MId), list, &mut scratch);
        merged.nodes[p].children = ordered;
    }
}

/// Work arrays indexed by merged node, reset after each list.
struct Scratch {
    mark: Vec<u8>,
    next: Vec<MId>,
}

/// The children of `parent` (the top level for `None`) on each side, as
/// merged nodes that the result puts under `parent`.
fn side_list(
    plan: &Plan,
    map: &[Option<MId>],
    node: Option<Option<NodeId>>,
    merged: &Merged,
    parent: Option<MId>,
) -> Vec<MId> {
    let children: Box<dyn Iterator<Item = NodeId>> = match node {
        None => return Vec::new(),
        Some(None) => {
            if plan.files.is_empty() {
                return Vec::new();
            }
            Box::new(plan.roots(0))
        }
        Some(Some(n)) => Box::new(plan.children(n)),
    };
    children
        .filter_map(|c| map[c as usize])
        .filter(|&m| merged.nodes[m as usize].parent == parent)
        .collect()
}

fn order(
    inputs: Inputs<'_>,
    merged: &mut Merged,
    parent: Option<MId>,
    members: &[MId],
    scratch: &mut Scratch,
) -> Vec<MId> {
    // Each side's node for the parent: Some(None) is the top level.
    let (b, o, t) = match parent {
        None => (Some(None), Some(None), Some(None)),
        Some(p) => {
            let node = &merged.nodes[p as usize];
            (
                node.base.map(Some),
                node.ours.map(Some),
                node.theirs.map(Some),
            )
        }
    };
    let lo = side_list(inputs.ours.plan(), &merged.ours_m, o, merged, parent);
    let lt = side_list(inputs.theirs.plan(), &merged.theirs_m, t, merged, parent);
    let lb = side_list(inputs.base.plan(), &merged.base_m, b, merged, parent);
    if lo.len() == members.len() && lo == lt && lo == lb {
        return lo;
    }
    let mark = &mut scratch.mark;
    for &m in &lo {
        mark[m as usize] |= IN_OURS;
    }
    for &m in &lt {
        mark[m as usize] |= IN_THEIRS;
    }
    for &m in &lb {
        mark[m as usize] |= IN_BASE;
    }
    let common = |list: &[MId]| -> Vec<MId> {
        list.iter()
            .copied()
            .filter(|&m| mark[m as usize] == IN_ALL)
            .collect()
    };
    let (ours_c, theirs_c, base_c) = (common(&lo), common(&lt), common(&lb));
    let order_c = if ours_c == base_c {
        theirs_c
    } else if theirs_c == base_c || theirs_c == ours_c {
        ours_c
    } else {
        let at = parent.map_or(At::File, At::Node);
        merged
            .conflicts
            .push(Conflict::new(Kind::Order, at).field("tasks"));
        ours_c
    };

    // A linked list through `next`, so each insertion after a known node
    // is O(1); `head` is the first node.
    let next = &mut scratch.next;
    let mut head = NONE;
    let mut last = NONE;
    for &m in &order_c {
        if last == NONE {
            head = m;
        } else {
            next[last as usize] = m;
        }
        last = m;
    }
    let insert_after = |head: &mut MId, after: MId, m: MId, next: &mut Vec<MId>| {
        if after == NONE {
            next[m as usize] = *head;
            *head = m;
        } else {
            next[m as usize] = next[after as usize];
            next[after as usize] = m;
        }
    };
    // What a side puts after every subtask the three share goes at the
    // end, whatever order the common ones take: ours's, then theirs's.
    let trailing = |list: &[MId]| -> usize {
        list.iter()
            .rposition(|&m| mark[m as usize] == IN_ALL)
            .map_or(0, |last| last + 1)
    };
    let (ours_tail, theirs_tail) = (trailing(&lo), trailing(&lt));
    let mut tail: Vec<MId> = Vec::new();
    // Ours's own placements, each after what precedes it in ours's list
    // (already placed: common, or placed just before).
    for (i, &m) in lo.iter().enumerate() {
        if mark[m as usize] == IN_ALL {
            continue;
        }
        if i >= ours_tail && !lb.is_empty() {
            tail.push(m);
            continue;
        }
        let after = if i == 0 { NONE } else { lo[i - 1] };
        insert_after(&mut head, after, m, next);
    }
    // Theirs's, after what precedes them in theirs's list and after any
    // node ours alone placed there.
    let ours_only = |m: MId| {
        let mk = mark[m as usize];
        mk & IN_OURS != 0 && mk & IN_THEIRS == 0 && mk != IN_ALL
    };
    for (i, &m) in lt.iter().enumerate() {
        if mark[m as usize] & IN_OURS != 0 || mark[m as usize] == IN_ALL {
            continue;
        }
        let after_tail = i > 0 && tail.contains(&lt[i - 1]);
        if (i >= theirs_tail && !lb.is_empty()) || after_tail {
            tail.push(m);
            continue;
        }
        let mut after = if i == 0 { NONE } else { lt[i - 1] };
        loop {
            let following = if after == NONE {
                head
            } else {
                next[after as usize]
            };
            if following != NONE && ours_only(following) {
                after = following;
            } else {
                break;
            }
        }
        insert_after(&mut head, after, m, next);
    }
    let mut ordered = Vec::with_capacity(members.len());
    let mut current = head;
    while current != NONE && ordered.len() <= members.len() {
        ordered.push(current);
        current = next[current as usize];
    }
    ordered.extend(&tail);
    // Every member is on some side's list; anything else would be a bug,
    // which verification reports: keep it rather than lose it.
    for &m in members {
        if mark[m as usize] == 0 {
            ordered.push(m);
        }
    }
    for &m in lo.iter().chain(&lt).chain(&lb).chain(members) {
        mark[m as usize] = 0;
        next[m as usize] = NONE;
    }
    ordered
}
