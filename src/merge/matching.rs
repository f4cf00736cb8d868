//! Which node of a side is which node of the base: identity (SPEC §1.1),
//! then what identity alone misses.
//!
//! A node with an id is that id. A node without one is its parent's
//! identity plus its title and its order among id-less siblings of that
//! title. Below two matched parents, children still unmatched pair up by
//! title in order (a renamed id-less parent keeps its subtree; a node that
//! gained or lost its id keeps its place). Then a single unmatched id-less
//! node on each side between the same matched siblings is the same node
//! renamed when nothing but its title changed and the titles are alike
//! (anything looser would let a replaced task take the other side's
//! edits), and an id-less node moved elsewhere is the same node when no
//! other unmatched id-less node, on either side, has its title.

use std::collections::HashMap;

use super::version::{Field, Version};
use crate::plan::{NodeId, identity};

/// Base nodes to a side's nodes and back.
#[derive(Debug, Clone)]
pub struct Matching {
    pub side_of_base: Vec<Option<NodeId>>,
    pub base_of_side: Vec<Option<NodeId>>,
}

impl Matching {
    fn link(&mut self, base: NodeId, side: NodeId) {
        self.side_of_base[base as usize] = Some(side);
        self.base_of_side[side as usize] = Some(base);
    }

    fn free(&self, base: NodeId, side: NodeId) -> bool {
        self.side_of_base[base as usize].is_none() && self.base_of_side[side as usize].is_none()
    }
}

/// Matches `side`'s nodes to `base`'s.
pub fn match_side(base: &Version, side: &Version) -> Matching {
    let (bp, sp) = (base.plan(), side.plan());
    let mut m = Matching {
        side_of_base: vec![None; bp.nodes.len()],
        base_of_side: vec![None; sp.nodes.len()],
    };
    let by_id: HashMap<&str, NodeId> = bp
        .ids()
        .filter_map(|b| bp.id_of(b).map(|id| (id, b)))
        .collect();
    let mut idless = false;
    for s in sp.ids() {
        match sp.id_of(s) {
            Some(id) => {
                if let Some(&b) = by_id.get(id)
                    && m.free(b, s)
                {
                    m.link(b, s);
                }
            }
            None => idless = true,
        }
    }
    if idless || by_id.len() < bp.nodes.len() {
        by_key(base, side, &mut m);
    }
    by_title_below(base, side, &mut m);
    renames(base, side, &mut m);
    moves(base, side, &mut m);
    // A renamed or moved parent's children pair up below it.
    by_title_below(base, side, &mut m);
    m
}

/// An id-less node moved to another parent: its identity changed with
/// its parent's. It is the same node where its title is that of no other
/// unmatched id-less node, on either side.
fn moves(base: &Version, side: &Version, m: &mut Matching) {
    let (bp, sp) = (base.plan(), side.plan());
    let free_b = |b: NodeId| m.side_of_base[b as usize].is_none();
    let free_s = |s: NodeId| m.base_of_side[s as usize].is_none();
    let in_base = unique_titles(bp, &free_b);
    if in_base.is_empty() {
        return;
    }
    let in_side = unique_titles(sp, &free_s);
    let mut pairs = Vec::new();
    for (title, s) in in_side {
        if let (Some(s), Some(Some(b))) = (s, in_base.get(title)) {
            pairs.push((*b, s));
        }
    }
    for (b, s) in pairs {
        m.link(b, s);
    }
}

/// Id-less nodes by their identity key.
fn by_key(base: &Version, side: &Version, m: &mut Matching) {
    let (bp, sp) = (base.plan(), side.plan());
    let (bo, so) = (identity::ordinals(bp), identity::ordinals(sp));
    let keys: HashMap<String, NodeId> = bp
        .ids()
        .filter(|&b| bp.node(b).id.is_none())
        .map(|b| (identity::key(bp, &bo, b), b))
        .collect();
    for s in sp.ids().filter(|&s| sp.node(s).id.is_none()) {
        if let Some(&b) = keys.get(&identity::key(sp, &so, s))
            && m.free(b, s)
        {
            m.link(b, s);
        }
    }
}

/// The children of a base node (or the top level) and of its side
/// counterpart, as pairs of sibling lists, where both lists hold an
/// unmatched node; the top level first.
fn sibling_lists(base: &Version, side: &Version, m: &Matching) -> Vec<(Vec<NodeId>, Vec<NodeId>)> {
    let (bp, sp) = (base.plan(), side.plan());
    let mut lists = Vec::new();
    let mut push = |bs: crate::plan::Children<'_>, ss: crate::plan::Children<'_>| {
        if bs.clone().any(|b| m.side_of_base[b as usize].is_none())
            && ss.clone().any(|s| m.base_of_side[s as usize].is_none())
        {
            lists.push((bs.collect(), ss.collect()));
        }
    };
    push(bp.roots(0), sp.roots(0));
    for s in sp.ids() {
        if let Some(b) = m.base_of_side[s as usize]
            && !bp.is_leaf(b)
            && !sp.is_leaf(s)
        {
            push(bp.children(b), sp.children(s));
        }
    }
    lists
}

/// Below matched parents, unmatched children pair up by title in order.
/// Pre-order reaches a parent before its children, so a pair found here
/// lets its own children pair up in the same walk.
fn by_title_below(base: &Version, side: &Version, m: &mut Matching) {
    let (bp, sp) = (base.plan(), side.plan());
    let pair_up = |m: &mut Matching, bs: &[NodeId], ss: &[NodeId]| {
        let free_b: Vec<NodeId> = bs
            .iter()
            .copied()
            .filter(|&b| m.side_of_base[b as usize].is_none())
            .collect();
        if free_b.is_empty() {
            return;
        }
        let mut taken = vec![false; free_b.len()];
        for &s in ss {
            if m.base_of_side[s as usize].is_some() {
                continue;
            }
            let found = free_b
                .iter()
                .enumerate()
                .find(|&(i, &b)| !taken[i] && bp.title(b) == sp.title(s));
            if let Some((i, &b)) = found {
                taken[i] = true;
                m.link(b, s);
            }
        }
    };
    let tops: (Vec<NodeId>, Vec<NodeId>) = (bp.roots(0).collect(), sp.roots(0).collect());
    pair_up(m, &tops.0, &tops.1);
    for s in sp.ids() {
        let Some(b) = m.base_of_side[s as usize] else {
            continue;
        };
        if bp.is_leaf(b) || sp.is_leaf(s) {
            continue;
        }
        let has_free = sp.children(s).any(|c| m.base_of_side[c as usize].is_none());
        if has_free {
            let bs: Vec<NodeId> = bp.children(b).collect();
            let ss: Vec<NodeId> = sp.children(s).collect();
            pair_up(m, &bs, &ss);
        }
    }
}

/// The titles of the id-less nodes `free` accepts, each with its node; a
/// title two of them share maps to `None`.
fn unique_titles<'p>(
    plan: &'p crate::plan::Plan,
    free: &dyn Fn(NodeId) -> bool,
) -> HashMap<&'p str, Option<NodeId>> {
    let mut titles: HashMap<&str, Option<NodeId>> = HashMap::new();
    for n in plan.ids().filter(|&n| plan.node(n).id.is_none() && free(n)) {
        titles
            .entry(plan.title(n))
            .and_modify(|slot| *slot = None)
            .or_insert(Some(n));
    }
    titles
}

/// A lone id-less node renamed between the same matched siblings.
fn renames(base: &Version, side: &Version, m: &mut Matching) {
    let (bp, sp) = (base.plan(), side.plan());
    for (bs, ss) in sibling_lists(base, side, m) {
        // A gap is named by the matched base sibling before it (0: none).
        let mut after_base: HashMap<NodeId, usize> = HashMap::new();
        let mut free_b: Vec<(usize, NodeId)> = Vec::new();
        let mut gap = 0;
        for &b in &bs {
            if m.side_of_base[b as usize].is_some() {
                gap = after_base.len() + 1;
                after_base.insert(b, gap);
            } else if bp.node(b).id.is_none() {
                free_b.push((gap, b));
            }
        }
        if free_b.is_empty() {
            continue;
        }
        let mut free_s: Vec<(usize, NodeId)> = Vec::new();
        let mut gap = Some(0);
        for &s in &ss {
            match m.base_of_side[s as usize] {
                Some(b) => gap = after_base.get(&b).copied(),
                None if sp.node(s).id.is_none() => {
                    if let Some(gap) = gap {
                        free_s.push((gap, s));
                    }
                }
                None => {}
            }
        }
        let mut pairs = Vec::new();
        for &(gap, b) in &free_b {
            let in_b = free_b.iter().filter(|&&(g, _)| g == gap).count();
            let in_s: Vec<NodeId> = free_s
                .iter()
                .filter(|&&(g, _)| g == gap)
                .map(|&(_, s)| s)
                .collect();
            if in_b == 1 && in_s.len() == 1 && renamed(base, b, side, in_s[0]) {
                pairs.push((b, in_s[0]));
            }
        }
        for (b, s) in pairs {
            if m.free(b, s) {
                m.link(b, s);
            }
        }
    }
}

/// Whether `s` is `b` with a new title: every other field and `x-` key
/// the same, and the titles alike (or their subtasks sharing a title).
fn renamed(base: &Version, b: NodeId, side: &Version, s: NodeId) -> bool {
    let others = base.diff_fields(b, side, s) & !Field::Title.bit();
    if others != 0 || !base.same_x(b, side, s) {
        return false;
    }
    let (bp, sp) = (base.plan(), side.plan());
    let ratio = similar::TextDiff::from_chars(bp.title(b), sp.title(s)).ratio();
    ratio >= 0.5
        || bp
            .children(b)
            .any(|bc| sp.children(s).any(|sc| sp.title(sc) == bp.title(bc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> Version {
        Version::load("p.yaml", text.as_bytes().to_vec())
    }

    fn pairs(base: &str, side: &str) -> Vec<(String, String)> {
        let (b, s) = (version(base), version(side));
        let m = match_side(&b, &s);
        b.plan()
            .ids()
            .filter_map(|n| {
                let other = m.side_of_base[n as usize]?;
                Some((
                    b.plan().title(n).to_owned(),
                    s.plan().title(other).to_owned(),
                ))
            })
            .collect()
    }

    #[test]
    fn ids_then_titles() {
        let base = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - One\n      - Two\n  - Free\n";
        let side = "wbs: 1\ntitle: T\ntasks:\n  - Free\n  - id: a\n    title: A2\n    tasks:\n      - Two\n      - One\n";
        assert_eq!(
            pairs(base, side),
            [
                ("A", "A2"),
                ("One", "One"),
                ("Two", "Two"),
                ("Free", "Free")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_renamed_idless_parent_keeps_its_children() {
        let base = "wbs: 1\ntitle: T\ntasks:\n  - title: Design\n    tasks:\n      - Wireframes\n";
        let side =
            "wbs: 1\ntitle: T\ntasks:\n  - title: Design work\n    tasks:\n      - Wireframes\n";
        assert_eq!(
            pairs(base, side),
            [("Design", "Design work"), ("Wireframes", "Wireframes")]
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_lone_renamed_leaf_is_the_same_node_but_a_replaced_one_is_not() {
        let base = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n  - Write docs\n  - id: c\n    title: C\n";
        let renamed = base.replace("Write docs", "Write the docs");
        assert_eq!(pairs(base, &renamed).len(), 3);
        let replaced = base.replace("Write docs", "Order pizza");
        assert_eq!(pairs(base, &replaced).len(), 2);
        // A changed field besides the title: not a rename.
        let changed = base.replace("- Write docs", "- {title: Write the docs, status: done}");
        assert_eq!(pairs(base, &changed).len(), 2);
    }

    #[test]
    fn a_moved_idless_node_is_the_same_node_where_its_title_is_unique() {
        let base = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - Desk research\n      - Other\n  - id: b\n    title: B\n    tasks:\n      - Kept\n";
        let side = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - Other\n  - id: b\n    title: B\n    tasks:\n      - Kept\n      - Desk research\n";
        assert_eq!(pairs(base, side).len(), 5);
        // Two moved nodes of one title: neither is known.
        let base2 = base.replace("      - Other\n", "      - Desk research\n");
        let side2 = side
            .replace("      - Kept\n", "      - Kept\n      - Desk research\n")
            .replace("      - Other\n", "");
        assert_eq!(pairs(&base2, &side2).len(), 3);
    }

    #[test]
    fn an_id_gained_keeps_the_node() {
        let base =
            "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - Review\n";
        let side = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - id: review\n        title: Review\n";
        assert_eq!(pairs(base, side).len(), 2);
    }
}
