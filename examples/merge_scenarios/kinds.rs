//! The kinds of scenario: for each, how a pair of edits is picked from a
//! base plan's tasks, and for a real conflict, the words of its line.

use super::Rng;
use super::text::{Op, Sel, sel};
use wbs::merge::version::Version;
use wbs::plan::NodeId;
use wbs::source::yaml::{Kind, Style};

/// Candidates in a base plan.
pub struct Pool {
    /// Leaves with an id (mappings), where a field can be set.
    pub leaves: Vec<NodeId>,
    /// Tasks of block lists with at least one sibling (removable,
    /// movable).
    pub items: Vec<NodeId>,
    /// Parents whose task list is a block list.
    pub parents: Vec<NodeId>,
    /// Id-less tasks with a unique title.
    pub plain: Vec<NodeId>,
    /// Tasks whose block notes are a block scalar.
    pub block_notes: Vec<NodeId>,
    /// Block-mapping leaves with an id and without status, progress or
    /// effort: they may get subtasks.
    pub bare: Vec<NodeId>,
}

pub fn pool(v: &Version) -> Pool {
    let (plan, tree, text) = (v.plan(), v.tree(), v.text());
    let referenced: Vec<&str> = plan
        .ids()
        .flat_map(|n| plan.list(plan.node(n).after))
        .collect();
    let in_block_list = |n: NodeId| {
        let holder = match plan.node(n).parent {
            Some(p) => v.yaml(p),
            None => tree.root().unwrap_or(0),
        };
        tree.get(text, holder, "tasks")
            .is_some_and(|(_, l)| tree.style(l) == Style::Block && tree.children(l).count() > 1)
    };
    let unreferenced = |n: NodeId| {
        (n..plan.node(n).end).all(|d| plan.id_of(d).is_none_or(|id| !referenced.contains(&id)))
    };
    Pool {
        leaves: plan
            .ids()
            .filter(|&n| {
                plan.is_leaf(n) && plan.id_of(n).is_some() && tree.kind(v.yaml(n)) == Kind::Mapping
            })
            .collect(),
        items: plan
            .ids()
            .filter(|&n| in_block_list(n) && sel(v, n).is_some() && unreferenced(n))
            .collect(),
        parents: plan
            .ids()
            .filter(|&n| {
                !plan.is_leaf(n)
                    && sel(v, n).is_some()
                    && tree
                        .get(text, v.yaml(n), "tasks")
                        .is_some_and(|(_, l)| tree.style(l) == Style::Block)
            })
            .collect(),
        plain: plan
            .ids()
            .filter(|&n| plan.id_of(n).is_none() && plan.is_leaf(n) && sel(v, n).is_some())
            .collect(),
        bare: plan
            .ids()
            .filter(|&n| {
                let node = plan.node(n);
                plan.is_leaf(n)
                    && plan.id_of(n).is_some()
                    && node.status.is_none()
                    && node.progress.is_none()
                    && node.effort_hours.is_none()
                    && tree.kind(v.yaml(n)) == Kind::Mapping
                    && tree.style(v.yaml(n)) == Style::Block
            })
            .collect(),
        block_notes: plan
            .ids()
            .filter(|&n| {
                sel(v, n).is_some()
                    && tree.get(text, v.yaml(n), "notes").is_some_and(|(_, val)| {
                        matches!(tree.style(val), Style::Literal | Style::Folded)
                    })
            })
            .collect(),
    }
}

/// A due date late in the plans' range, different for each `k`.
pub fn due(k: usize) -> String {
    format!("2027-12-{:02}", 1 + k % 15)
}

/// Two edits and what their merge must give, on one base text.
pub struct Pair {
    pub ours: Vec<Op>,
    pub theirs: Vec<Op>,
    /// For a conflict: the words of its line.
    pub conflict: Option<Vec<String>>,
}

pub fn pair(ours: Vec<Op>, theirs: Vec<Op>) -> Option<Pair> {
    Some(Pair {
        ours,
        theirs,
        conflict: None,
    })
}

pub fn conflict(ours: Vec<Op>, theirs: Vec<Op>, words: &[&str]) -> Option<Pair> {
    Some(Pair {
        ours,
        theirs,
        conflict: Some(words.iter().map(|w| (*w).to_owned()).collect()),
    })
}

pub fn name(v: &Version, n: NodeId) -> String {
    v.plan()
        .id_of(n)
        .map_or_else(|| format!("\"{}\"", v.plan().title(n)), str::to_owned)
}

pub fn set(v: &Version, n: NodeId, key: &str, value: &str) -> Op {
    Op::Set(
        sel(v, n).unwrap_or(Sel::Top),
        key.to_owned(),
        value.to_owned(),
    )
}

/// Two distinct leaves that are not each other's relatives.
pub fn two(rng: &mut Rng, v: &Version, from: &[NodeId]) -> Option<(NodeId, NodeId)> {
    let a = rng.pick(from)?;
    let b = rng.pick(from)?;
    let plan = v.plan();
    (a != b && !plan.is_ancestor(a, b) && !plan.is_ancestor(b, a)).then_some((a, b))
}

pub type Builder = fn(&mut Rng, &Version, &Pool) -> Option<Pair>;

/// The kinds: name, whether a real conflict, and how to make one.
pub const KINDS: &[(&str, bool)] = &[
    ("different-fields", false),
    ("neighbour-nodes", false),
    ("same-change", false),
    ("both-add-at-end", false),
    ("remove-and-edit-elsewhere", false),
    ("move-and-edit-inside", false),
    ("reorder-and-edit", false),
    ("tags-as-sets", false),
    ("after-as-sets", false),
    ("add-and-edit", false),
    ("x-key-and-field", false),
    ("block-scalar-and-field", false),
    ("rename-idless-and-edit", false),
    ("two-moves", false),
    ("first-subtask-and-edit", false),
    ("unset-and-edit-same-node", false),
    ("file-field-and-task", false),
    ("people-both-add", false),
    ("reorder-and-add-same-list", false),
    ("comment-and-edit", false),
    ("same-field", true),
    ("edit-vs-removal", true),
    ("removal-vs-edit", true),
    ("same-new-id", true),
    ("moved-to-two-places", true),
    ("dependency-cycle", true),
    ("after-removed-node", true),
    ("duplicate-id", true),
    ("reordered-twice", true),
    ("file-field-twice", true),
    ("subtasks-vs-status", true),
    ("done-vs-progress", true),
];

pub fn builder(kind: &str) -> Builder {
    super::commuting::builder(kind)
        .or_else(|| super::conflicting::builder(kind))
        .unwrap_or(|_, _, _| None)
}
