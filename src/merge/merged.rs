//! The merged plan as decisions: which nodes it holds, under which parent
//! and in what order, and from which side each field's value comes.
//!
//! Nodes are matched through the base (see [`super::matching`]). A node
//! both sides kept is merged field by field; one removed on a side goes,
//! unless the other side changed something in what was removed (an edit
//! against a removal: a conflict, and the result keeps ours's state). A
//! node moved on one side goes where that side put it; moved to two
//! different places, it is a conflict and stays where ours has it.
//! Additions of both sides are kept, ours first; the same new id added on
//! both sides is one node when both added the same thing, else a conflict.

use std::collections::HashMap;

use super::conflict::{At, Conflict, Kind, MId, Side};
use super::matching::Matching;
use super::version::{Field, Mask, Version};
use crate::plan::NodeId;

/// One node of the merged plan.
#[derive(Debug, Clone, Default)]
pub struct MNode {
    pub base: Option<NodeId>,
    pub ours: Option<NodeId>,
    pub theirs: Option<NodeId>,
    /// `None` for a top-level node.
    pub parent: Option<MId>,
    pub children: Vec<MId>,
    /// The fields whose merged value is theirs's; the others are ours's
    /// (all theirs's for a node only theirs has).
    pub from_theirs: Mask,
    /// Merged `tags` and `after` lists where they are neither side's.
    pub lists: Option<Box<Lists>>,
    /// The `x-` keys, each with the side whose value it keeps, where they
    /// are not simply the node's own side's.
    pub x: Option<Box<Vec<(String, Side)>>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lists {
    pub tags: Option<Vec<String>>,
    pub after: Option<Vec<String>>,
}

impl MNode {
    /// The side whose value of `field` the merged node holds.
    pub fn side_of(&self, field: Field) -> Side {
        if self.ours.is_none() || self.from_theirs & field.bit() != 0 {
            Side::Theirs
        } else {
            Side::Ours
        }
    }

    /// The merged list, when it is neither side's.
    pub fn merged_list(&self, field: Field) -> Option<&Vec<String>> {
        let lists = self.lists.as_ref()?;
        match field {
            Field::Tags => lists.tags.as_ref(),
            Field::After => lists.after.as_ref(),
            _ => None,
        }
    }

    /// The side whose text the node is written from when nothing says
    /// otherwise: ours where ours has it.
    pub fn home(&self) -> (Side, NodeId) {
        match (self.ours, self.theirs) {
            (Some(o), _) => (Side::Ours, o),
            (None, Some(t)) => (Side::Theirs, t),
            (None, None) => (Side::Ours, 0),
        }
    }
}

/// A change of the file's own fields that the result takes from theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct TopChange {
    /// `["title"]`, or `["people", "ana"]` for one person.
    pub path: Vec<String>,
    /// Theirs's value is taken; `false`: the entry is removed.
    pub set: bool,
}

/// A node as the overrides name it, stable across rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Base(NodeId),
    Ours(NodeId),
    Theirs(NodeId),
}

/// Decisions forced after a merged plan failed to validate: each keeps
/// ours's state where theirs's change was to blame, with the reason.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub fields: HashMap<(Key, Field), String>,
    pub parents: HashMap<Key, String>,
    /// Base nodes whose removal by theirs is not applied.
    pub kept: HashMap<NodeId, String>,
    /// Nodes of theirs not added.
    pub dropped: HashMap<NodeId, String>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.parents.is_empty()
            && self.kept.is_empty()
            && self.dropped.is_empty()
    }

    pub fn len(&self) -> usize {
        self.fields.len() + self.parents.len() + self.kept.len() + self.dropped.len()
    }
}

/// The three versions and how their nodes match.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub base: &'a Version,
    pub ours: &'a Version,
    pub theirs: &'a Version,
    pub mo: &'a Matching,
    pub mt: &'a Matching,
}

/// The merged plan.
#[derive(Debug, Default)]
pub struct Merged {
    pub nodes: Vec<MNode>,
    pub top: Vec<MId>,
    pub ours_m: Vec<Option<MId>>,
    pub theirs_m: Vec<Option<MId>>,
    pub base_m: Vec<Option<MId>>,
    pub file: Vec<TopChange>,
    pub conflicts: Vec<Conflict>,
}

/// A parent as the sides see it, in terms of merged nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Par {
    Top,
    In(MId),
    /// The parent is not in the merged plan.
    Gone,
}

impl Merged {
    pub fn key(&self, m: MId) -> Key {
        let node = &self.nodes[m as usize];
        match (node.base, node.ours, node.theirs) {
            (Some(b), _, _) => Key::Base(b),
            (None, Some(o), _) => Key::Ours(o),
            (None, None, Some(t)) => Key::Theirs(t),
            (None, None, None) => Key::Ours(u32::MAX),
        }
    }

    /// The merged nodes in document order.
    pub fn preorder(&self) -> Vec<MId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<MId> = self.top.iter().rev().copied().collect();
        while let Some(m) = stack.pop() {
            out.push(m);
            stack.extend(self.nodes[m as usize].children.iter().rev());
        }
        out
    }

    /// Where the merged node sits: its parent's children or the top.
    pub fn siblings(&self, m: MId) -> &[MId] {
        match self.nodes[m as usize].parent {
            Some(p) => &self.nodes[p as usize].children,
            None => &self.top,
        }
    }
}

/// Decides the merged plan. An `Err` is a state the decisions cannot
/// reach on valid input (a bug); the caller falls back to a line merge.
pub fn build(inputs: Inputs<'_>, overrides: &Overrides) -> Result<Merged, String> {
    let Inputs {
        base,
        ours,
        theirs,
        mo,
        mt,
    } = inputs;
    let (bp, op, tp) = (base.plan(), ours.plan(), theirs.plan());
    let mut merged = Merged {
        ours_m: vec![None; op.nodes.len()],
        theirs_m: vec![None; tp.nodes.len()],
        base_m: vec![None; bp.nodes.len()],
        ..Merged::default()
    };

    // Removals: by theirs of what ours kept, and the other way round.
    let (theirs_removed, kept) = super::removals::removals(inputs, Side::Theirs, overrides);
    let (_, left_out) = super::removals::removals(inputs, Side::Ours, overrides);

    // Every node ours keeps that theirs did not remove.
    for o in op.ids() {
        if theirs_removed[o as usize] {
            continue;
        }
        let b = mo.base_of_side[o as usize];
        let t = b.and_then(|b| mt.side_of_base[b as usize]);
        let m = merged.nodes.len() as MId;
        merged.nodes.push(MNode {
            base: b,
            ours: Some(o),
            theirs: t,
            ..MNode::default()
        });
        merged.ours_m[o as usize] = Some(m);
        if let Some(t) = t {
            merged.theirs_m[t as usize] = Some(m);
        }
        if let Some(b) = b {
            merged.base_m[b as usize] = Some(m);
        }
    }
    // Ours's nodes that theirs removed but the result keeps.
    for (o, mut conflict) in kept {
        conflict.at = At::Node(merged.ours_m[o as usize].ok_or("a kept node is missing")?);
        merged.conflicts.push(conflict);
    }
    merged
        .conflicts
        .extend(left_out.into_iter().map(|(_, c)| c));
    add_theirs(inputs, overrides, &mut merged);

    let parents = super::parents::parents(inputs, overrides, &mut merged)?;
    for (m, parent) in parents.iter().enumerate() {
        merged.nodes[m].parent = match parent {
            Par::In(p) => Some(*p),
            _ => None,
        };
    }
    super::order::arrange(inputs, &mut merged);
    super::fields::merge_fields(inputs, overrides, &mut merged);
    super::fields::merge_file(inputs, &mut merged);
    Ok(merged)
}

/// Adds theirs's new nodes, joining one to ours's new node where both
/// sides added the same thing in the same place.
fn add_theirs(inputs: Inputs<'_>, overrides: &Overrides, merged: &mut Merged) {
    let Inputs {
        ours,
        theirs,
        mo,
        mt,
        ..
    } = inputs;
    let (op, tp) = (ours.plan(), theirs.plan());
    let ours_parent = |merged: &Merged, o: NodeId| -> Option<Option<MId>> {
        match op.node(o).parent {
            None => Some(None),
            Some(p) => merged.ours_m[p as usize].map(Some),
        }
    };
    // Ours's new nodes, by id, and id-less by parent and title.
    let mut new_ids: HashMap<&str, NodeId> = HashMap::new();
    let mut new_titles: HashMap<(Option<MId>, &str), Vec<NodeId>> = HashMap::new();
    for o in op.ids() {
        if mo.base_of_side[o as usize].is_some() || merged.ours_m[o as usize].is_none() {
            continue;
        }
        match op.id_of(o) {
            Some(id) => {
                new_ids.insert(id, o);
            }
            None => {
                if let Some(parent) = ours_parent(merged, o) {
                    new_titles.entry((parent, op.title(o))).or_default().push(o);
                }
            }
        }
    }
    for t in tp.ids() {
        if merged.theirs_m[t as usize].is_some() || mt.base_of_side[t as usize].is_some() {
            continue;
        }
        let parent = match tp.node(t).parent {
            None => None,
            Some(p) => match merged.theirs_m[p as usize] {
                Some(m) => Some(m),
                // Under a node the result leaves out: shown with it.
                None => continue,
            },
        };
        if let Some(reason) = overrides.dropped.get(&t) {
            merged.conflicts.push(
                Conflict::new(Kind::Invalid, At::Theirs(t))
                    .values("(none)", "(none)", "added")
                    .reason(reason.clone()),
            );
            continue;
        }
        let same = |merged: &Merged, o: NodeId| {
            merged.nodes[merged.ours_m[o as usize].unwrap_or(0) as usize]
                .theirs
                .is_none()
                && ours_parent(merged, o) == Some(parent)
                && ours.diff_fields(o, theirs, t) == 0
                && ours.same_x(o, theirs, t)
        };
        let joined = match tp.id_of(t) {
            Some(id) => match new_ids.get(id) {
                Some(&o) if same(merged, o) => Some(o),
                Some(&o) => {
                    let m = merged.ours_m[o as usize].unwrap_or(0);
                    let mut conflict = Conflict::new(Kind::AddedTwice, At::Node(m))
                        .field("id")
                        .values("(none)", "added", "added");
                    conflict.theirs_node = Some(t);
                    merged.conflicts.push(conflict);
                    continue;
                }
                None => None,
            },
            None => new_titles
                .get(&(parent, tp.title(t)))
                .and_then(|candidates| candidates.iter().copied().find(|&o| same(merged, o))),
        };
        let m = match joined {
            Some(o) => {
                let m = merged.ours_m[o as usize].unwrap_or(0);
                merged.nodes[m as usize].theirs = Some(t);
                m
            }
            None => {
                let m = merged.nodes.len() as MId;
                merged.nodes.push(MNode {
                    theirs: Some(t),
                    ..MNode::default()
                });
                m
            }
        };
        merged.theirs_m[t as usize] = Some(m);
    }
}
