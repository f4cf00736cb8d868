//! Which node of one plan version is which node of the other: by identity
//! (SPEC §1.1) first, then, for what is left, by a path or a title that only
//! one unmatched node has, below matched parents by title and order, and
//! last a node without id renamed in place: same parent, same place, same
//! fields but the title.

use std::collections::HashMap;

use crate::plan::{Children, NodeId, Plan};
use crate::project::Project;

/// Which old node each new node is, and the other way round.
pub(super) struct Matching {
    pub(super) old_of: Vec<Option<NodeId>>,
    pub(super) new_of: Vec<Option<NodeId>>,
    /// New nodes whose place among their matched siblings changed; found
    /// only when asked for, since a diff reports it only when asked.
    pub(super) reordered: Option<Vec<bool>>,
}

impl Matching {
    pub(super) fn new(old: &Project, new: &Project, find_reordered: bool) -> Matching {
        let (op, np) = (&old.loaded.plan, &new.loaded.plan);
        let (mut old_of, mut new_of) = by_identity(old, new);
        // What is left pairs an unmatched new node with an unmatched old one.
        if old_of.contains(&None) && new_of.contains(&None) {
            by_shape(op, np, &mut old_of, &mut new_of);
        }
        let reordered = find_reordered.then(|| reordered(op, np, &old_of));
        Matching {
            old_of,
            new_of,
            reordered,
        }
    }
}

/// Pairs what identity left unmatched: a node that gained or lost its id,
/// a subtree without ids that moved, and the children of matched parents.
fn by_shape(op: &Plan, np: &Plan, old_of: &mut [Option<NodeId>], new_of: &mut [Option<NodeId>]) {
    // A node that gained or lost its id: its path of titles, where that
    // path is unique among the unmatched nodes of both versions.
    let old_paths = unmatched_paths(op, new_of);
    let new_paths = unmatched_paths(np, old_of);
    for (path, n) in &new_paths {
        if let (Some(n), Some(Some(o))) = (n, old_paths.get(path)) {
            old_of[*n as usize] = Some(*o);
            new_of[*o as usize] = Some(*n);
        }
    }
    // A subtree without ids that moved: its root by a title no other
    // unmatched node shares, on either side.
    let old_titles = unique_titles(op, new_of);
    for (title, n) in unique_titles(np, old_of) {
        if let (Some(n), Some(Some(o))) = (n, old_titles.get(title)) {
            old_of[n as usize] = Some(*o);
            new_of[*o as usize] = Some(n);
        }
    }
    // A top-level node without id renamed in place, in a file of both
    // versions.
    for (of, nf) in same_files(op, np) {
        renamed_in_place(op, np, op.roots(of), np.roots(nf), old_of, new_of);
    }
    // Below a matched pair, children still unmatched pair up by title
    // and order, so a moved or re-identified subtree comes along whole;
    // then one without id renamed in place. Pre-order reaches a parent
    // before its children, so this cascades.
    for n in np.ids() {
        let Some(o) = old_of[n as usize] else {
            continue;
        };
        // Most pairs have no unmatched child on one side or the other.
        if !np.children(n).any(|c| old_of[c as usize].is_none())
            || !op.children(o).any(|c| new_of[c as usize].is_none())
        {
            continue;
        }
        let old_children: Vec<NodeId> = op
            .children(o)
            .filter(|&c| new_of[c as usize].is_none())
            .collect();
        let mut taken = vec![false; old_children.len()];
        let new_children: Vec<NodeId> = np
            .children(n)
            .filter(|&c| old_of[c as usize].is_none())
            .collect();
        for c in new_children {
            let found = old_children
                .iter()
                .enumerate()
                .find(|&(i, &oc)| !taken[i] && op.title(oc) == np.title(c));
            if let Some((i, &oc)) = found {
                taken[i] = true;
                old_of[c as usize] = Some(oc);
                new_of[oc as usize] = Some(c);
            }
        }
        renamed_in_place(op, np, op.children(o), np.children(n), old_of, new_of);
    }
}

/// The files of both versions that are one file: the one file of each,
/// or those of the same path (or name, comparing folders).
fn same_files(op: &Plan, np: &Plan) -> Vec<(usize, usize)> {
    if op.files.len() == 1 && np.files.len() == 1 {
        return vec![(0, 0)];
    }
    (0..np.files.len())
        .filter_map(|nf| {
            let path = &np.files[nf].path;
            let of = op
                .files
                .iter()
                .position(|f| super::same_file(&f.path, path))?;
            Some((of, nf))
        })
        .collect()
}

/// Pairs the siblings without id, unmatched on both sides, that hold the
/// same place among siblings of matched parents and differ in nothing but
/// the title: one task renamed, not one removed and another added.
fn renamed_in_place(
    op: &Plan,
    np: &Plan,
    old_siblings: Children,
    new_siblings: Children,
    old_of: &mut [Option<NodeId>],
    new_of: &mut [Option<NodeId>],
) {
    for (oc, c) in old_siblings.zip(new_siblings) {
        if old_of[c as usize].is_none()
            && new_of[oc as usize].is_none()
            && op.node(oc).id.is_none()
            && np.node(c).id.is_none()
            && same_but_title(op, oc, np, c)
        {
            old_of[c as usize] = Some(oc);
            new_of[oc as usize] = Some(c);
        }
    }
}

/// Whether two nodes have the same own fields but for the title, and are
/// both leaves or both parents.
fn same_but_title(op: &Plan, o: NodeId, np: &Plan, n: NodeId) -> bool {
    let (a, b) = (op.node(o), np.node(n));
    op.is_leaf(o) == np.is_leaf(n)
        && op.own_owner(o) == np.own_owner(n)
        && a.status == b.status
        && a.progress == b.progress
        && a.start == b.start
        && a.due == b.due
        && a.effort_hours == b.effort_hours
        && op.list(a.tags).eq(np.list(b.tags))
        && op.list(a.after).eq(np.list(b.after))
        && op.notes(o) == np.notes(n)
}

/// Pairs the nodes of the same identity (SPEC §1.1): for each new node its
/// old one, and the other way round.
pub(super) fn by_identity(
    old: &Project,
    new: &Project,
) -> (Vec<Option<NodeId>>, Vec<Option<NodeId>>) {
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let mut old_of = vec![None; np.nodes.len()];
    let mut new_of = vec![None; op.nodes.len()];
    // Two versions mostly share their shape, so the old node after the last
    // one matched is usually the match: it is tried first, and the maps of
    // every old identity are built only when a guess misses.
    let mut index = Identities::default();
    let mut next: NodeId = 0;
    for n in np.ids() {
        let guess = ((next as usize) < op.nodes.len())
            .then_some(next)
            .filter(|&o| same_identity(old, new, &old_of, o, n));
        if let Some(o) = guess.or_else(|| index.find(old, new, n)) {
            old_of[n as usize] = Some(o);
            new_of[o as usize] = Some(n);
            next = o + 1;
        }
    }
    (old_of, new_of)
}

/// Whether old node `o` has the identity (SPEC §1.1) of new node `n`, when
/// every new node before `n` in document order has been matched by
/// identity: the same id; or both without one, with the same title, the
/// same place among id-less siblings of that title, and parents that
/// matched (or both at the top level). This is what comparing their
/// [`Derived::identity`](crate::plan::derive::Derived::identity) keys
/// says, without building them.
fn same_identity(
    old: &Project,
    new: &Project,
    old_of: &[Option<NodeId>],
    o: NodeId,
    n: NodeId,
) -> bool {
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    match (op.id_of(o), np.id_of(n)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => {
            let parents = match (np.node(n).parent, op.node(o).parent) {
                (Some(pn), Some(po)) => old_of[pn as usize] == Some(po),
                (None, None) => true,
                _ => false,
            };
            parents
                && op.title(o) == np.title(n)
                && old.derived.ordinal(op, o) == new.derived.ordinal(np, n)
        }
        _ => false,
    }
}

/// The old version's nodes by id, and by identity key for those without
/// one; built on first use.
#[derive(Default)]
struct Identities<'p> {
    maps: Option<IdentityMaps<'p>>,
}

struct IdentityMaps<'p> {
    by_id: HashMap<&'p str, NodeId>,
    by_key: HashMap<String, NodeId>,
}

impl<'p> Identities<'p> {
    /// The old node with the identity of new node `n`.
    fn find(&mut self, old: &'p Project, new: &Project, n: NodeId) -> Option<NodeId> {
        let op = &old.loaded.plan;
        let maps = self.maps.get_or_insert_with(|| IdentityMaps {
            by_id: op
                .ids()
                .filter_map(|o| op.id_of(o).map(|id| (id, o)))
                .collect(),
            by_key: op
                .ids()
                .filter(|&o| op.node(o).id.is_none())
                .map(|o| (old.derived.identity(op, o), o))
                .collect(),
        });
        let np = &new.loaded.plan;
        match np.id_of(n) {
            Some(id) => maps.by_id.get(id).copied(),
            None => maps.by_key.get(&new.derived.identity(np, n)).copied(),
        }
    }
}

/// The titles of the nodes not yet matched; a title that two of them share
/// maps to `None`, so it matches nothing.
fn unique_titles<'p>(
    plan: &'p Plan,
    matched: &[Option<NodeId>],
) -> HashMap<&'p str, Option<NodeId>> {
    let mut titles: HashMap<&str, Option<NodeId>> = HashMap::new();
    for id in plan.ids().filter(|&id| matched[id as usize].is_none()) {
        titles
            .entry(plan.title(id))
            .and_modify(|slot| *slot = None)
            .or_insert(Some(id));
    }
    titles
}

/// The title paths of the nodes not yet matched; a path that two of them
/// share maps to `None`, so it matches nothing.
fn unmatched_paths<'p>(
    plan: &'p Plan,
    matched: &[Option<NodeId>],
) -> HashMap<Vec<&'p str>, Option<NodeId>> {
    let mut paths: HashMap<Vec<&str>, Option<NodeId>> = HashMap::new();
    for id in plan.ids().filter(|&id| matched[id as usize].is_none()) {
        paths
            .entry(title_path(plan, id))
            .and_modify(|slot| *slot = None)
            .or_insert(Some(id));
    }
    paths
}

fn title_path(plan: &Plan, id: NodeId) -> Vec<&str> {
    let mut path = Vec::new();
    let mut current = Some(id);
    while let Some(node) = current {
        path.push(plan.title(node));
        current = plan.node(node).parent;
    }
    path.reverse();
    path
}

/// Marks new nodes that changed place among the siblings both versions
/// share: those outside a longest run kept in the old order.
fn reordered(op: &Plan, np: &Plan, old_of: &[Option<NodeId>]) -> Vec<bool> {
    let mut marked = vec![false; np.nodes.len()];
    // Old positions (as node indices, which order siblings) of the siblings
    // that kept their parent, one group of siblings at a time.
    let mut kept: Vec<(NodeId, NodeId)> = Vec::new();
    let mut mark = |siblings: Children| {
        kept.clear();
        kept.extend(
            siblings
                .filter_map(|n| old_of[n as usize].map(|o| (n, o)))
                .filter(|&(n, o)| match (np.node(n).parent, op.node(o).parent) {
                    (Some(a), Some(b)) => old_of[a as usize] == Some(b),
                    (None, None) => true,
                    _ => false,
                }),
        );
        // Siblings still in their old order, as most are, moved nowhere.
        if kept.windows(2).all(|pair| pair[0].1 < pair[1].1) {
            return;
        }
        let old_order: Vec<NodeId> = kept.iter().map(|&(_, o)| o).collect();
        for index in outside_longest_increasing(&old_order) {
            marked[kept[index].0 as usize] = true;
        }
    };
    for file in 0..np.files.len() {
        mark(np.roots(file));
    }
    for id in np.ids().filter(|&id| !np.is_leaf(id)) {
        mark(np.children(id));
    }
    marked
}

/// Indices of `values` that are not in one longest strictly increasing
/// subsequence.
pub(super) fn outside_longest_increasing(values: &[NodeId]) -> Vec<usize> {
    let inside = crate::order::longest_increasing(values);
    (0..values.len()).filter(|&i| !inside[i]).collect()
}
