//! `after` dependencies: unknown targets, ancestors, cycles, and starting
//! before a predecessor is due.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::i18n::check::{Check, Help, Relation};
use crate::plan::NodeId;
use crate::plan::derive::Derived;
use crate::safe::excerpt as escape;
use crate::source::Loaded;

/// Checks every `after` entry. `complete` says whether every file parsed:
/// if not, an unknown id may live in the broken file, so it is not reported;
/// nor is one in `elsewhere`, the ids of files of the set not loaded.
pub(super) fn check(
    loaded: &Loaded,
    derived: &Derived,
    index: &HashMap<&str, NodeId>,
    elsewhere: &HashSet<String>,
    complete: bool,
    suggestions: &mut super::Suggestions,
    found: &mut Vec<Diagnostic>,
) {
    let plan = &loaded.plan;
    // Edges kept for cycle detection: from a node to each node it is after.
    let mut edges: Vec<Vec<NodeId>> = vec![Vec::new(); plan.nodes.len()];
    for id in plan.ids() {
        let node = plan.node(id);
        let file = node.file as usize;
        // Entry places are looked up only for findings (that may rebuild the
        // tree), and then all at once, so a long list is walked once.
        let mut places: Option<Vec<std::ops::Range<usize>>> = None;
        let mut span = |entry: usize| {
            places
                .get_or_insert_with(|| loaded.entry_spans(id, "after"))
                .get(entry)
                .cloned()
                .unwrap_or_else(|| loaded.node_span(id))
        };
        for (entry, name) in plan.list(node.after).enumerate() {
            let Some(&target) = index.get(name) else {
                if !complete || elsewhere.contains(name) {
                    continue;
                }
                let close = suggestions
                    .take()
                    .then(|| did_you_mean(name, index.keys().copied()));
                let help = match close.flatten() {
                    Some(close) => Help::DidYouMean {
                        word: escape(close).into_owned(),
                    },
                    None => Help::AfterIds,
                };
                found.push(
                    Diagnostic::new(
                        Code::UnknownDependency,
                        file,
                        span(entry),
                        Check::UnknownDependency {
                            id: escape(name).into_owned(),
                        },
                    )
                    .with_help(help),
                );
                continue;
            };
            if plan.is_ancestor(target, id) || plan.is_ancestor(id, target) {
                let relation = if plan.is_ancestor(target, id) {
                    Relation::Ancestor
                } else {
                    Relation::Descendant
                };
                found.push(
                    Diagnostic::new(
                        Code::DependencyOnAncestor,
                        file,
                        span(entry),
                        Check::DependencyOnAncestor {
                            id: escape(name).into_owned(),
                            relation,
                        },
                    )
                    .with_help(Help::NotAncestor),
                );
                continue;
            }
            edges[id as usize].push(target);
            // A cancelled node neither waits nor holds anyone up.
            let (this, other) = (derived.node(id), derived.node(target));
            if let (Some(start), Some(due)) = (this.start, other.due)
                && due > start
                && !this.cancelled
                && !other.cancelled
            {
                found.push(
                    Diagnostic::new(
                        Code::DependsOnLaterStart,
                        file,
                        span(entry),
                        Check::DependsOnLaterStart {
                            start,
                            id: escape(name).into_owned(),
                            due,
                        },
                    )
                    .with_help(Help::StartAfterPredecessor),
                );
            }
        }
    }
    for cycle in cycles(&edges) {
        let first = cycle[0];
        let name = |n: &NodeId| escape(plan.id_of(*n).unwrap_or("?")).into_owned();
        // A cycle through thousands of nodes is named by its ends.
        let message = if cycle.len() > MAX_NAMED_IN_CYCLE {
            Check::DependencyCycle {
                first: cycle[..MAX_NAMED_IN_CYCLE - 2].iter().map(name).collect(),
                hidden: cycle.len() - MAX_NAMED_IN_CYCLE + 1,
                last: vec![name(&cycle[cycle.len() - 1]), name(&first)],
            }
        } else {
            Check::DependencyCycle {
                first: cycle
                    .iter()
                    .chain(std::iter::once(&first))
                    .map(name)
                    .collect(),
                hidden: 0,
                last: Vec::new(),
            }
        };
        found.push(
            Diagnostic::new(
                Code::DependencyCycle,
                plan.node(first).file as usize,
                loaded.node_span(first),
                message,
            )
            .with_help(Help::BreakCycle),
        );
    }
}

/// How many nodes of a cycle its message names before eliding the middle.
const MAX_NAMED_IN_CYCLE: usize = 12;

/// Every cycle of the graph, one per strongly connected group, each starting
/// at its first node in document order and listed in the order it is walked.
///
/// Tarjan's algorithm with an explicit stack, so a chain of 100,000
/// dependencies cannot overflow the call stack.
fn cycles(edges: &[Vec<NodeId>]) -> Vec<Vec<NodeId>> {
    const UNSEEN: u32 = u32::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<NodeId> = Vec::new();
    let mut counter = 0u32;
    let mut groups = Vec::new();

    for root in 0..n {
        if order[root] != UNSEEN || edges[root].is_empty() {
            continue;
        }
        // Each frame: a node and how many of its edges were followed.
        let mut frames: Vec<(NodeId, usize)> = vec![(root as NodeId, 0)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root as NodeId);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = frames.last_mut() {
            let v = node as usize;
            if let Some(&target) = edges[v].get(*next) {
                *next += 1;
                let w = target as usize;
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(target);
                    on_stack[w] = true;
                    frames.push((target, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent as usize] = low[parent as usize].min(low[v]);
            }
            if low[v] == order[v] {
                let mut group = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member as usize] = false;
                    group.push(member);
                    if member == node {
                        break;
                    }
                }
                let self_loop = group.len() == 1 && edges[v].contains(&node);
                if group.len() > 1 || self_loop {
                    groups.push(group);
                }
            }
        }
    }

    let mut cycles: Vec<Vec<NodeId>> = groups
        .into_iter()
        .map(|group| walk_cycle(edges, &group))
        .collect();
    cycles.sort_by_key(|cycle| cycle[0]);
    cycles
}

/// A shortest cycle through the group's first node, staying in the group.
fn walk_cycle(edges: &[Vec<NodeId>], group: &[NodeId]) -> Vec<NodeId> {
    let start = *group.iter().min().unwrap_or(&0);
    let members: std::collections::HashSet<NodeId> = group.iter().copied().collect();
    let mut previous: HashMap<NodeId, NodeId> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in &edges[node as usize] {
            if !members.contains(&next) {
                continue;
            }
            if next == start {
                let mut path = vec![node];
                while let Some(&before) = previous.get(path.last().unwrap_or(&start)) {
                    path.push(before);
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = previous.entry(next) {
                slot.insert(node);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once_from_its_first_node() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0 (not in a cycle), 5 ↔ 6
        let edges = vec![
            vec![1],
            vec![2],
            vec![0],
            vec![3],
            vec![0],
            vec![6],
            vec![5],
        ];
        assert_eq!(cycles(&edges), vec![vec![0, 1, 2], vec![3], vec![5, 6]]);
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<NodeId>> = (0..n).map(|i| vec![(i + 1) as NodeId]).collect();
        edges[n - 1] = vec![0];
        let found = cycles(&edges);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
