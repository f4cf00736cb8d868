//! What each list of the current text wants in a pass (removals, moves
//! in, copies in, a new order), and the patches of those block operations.

use super::{At, Dest, Op, PassPlan, list_of};
use crate::edit::{self, Holder, Item, Patch, Place};
use crate::merge::conflict::{MId, Side};
use crate::merge::version::Version;
use crate::plan::NodeId;
use crate::source::yaml::{Kind, NodeIdx, Style};

/// What a list wants done in this pass.
#[derive(Debug, Clone, Copy)]
pub(super) enum Want {
    /// Remove a child; `true`: others come into the list in this pass, so
    /// it does not become `[]`.
    Remove(Option<NodeId>, NodeId, bool),
    /// Remove this child as part of emptying the list (its key goes).
    Empty(Option<NodeId>, NodeId),
    Move(NodeId, Dest),
    Insert(Side, NodeId, Dest),
}

impl PassPlan<'_> {
    /// The current node's children, or the top level's.
    pub(super) fn current_children(&self, parent: Option<NodeId>) -> Vec<NodeId> {
        let plan = self.cur.plan();
        match parent {
            Some(p) => plan.children(p).collect(),
            None if plan.files.is_empty() => Vec::new(),
            None => plan.roots(0).collect(),
        }
    }

    pub(super) fn mark_busy(&mut self, c: NodeId) {
        let end = self.cur.plan().node(c).end;
        for d in c..end {
            self.busy[d as usize] = true;
        }
    }

    /// What the list of merged node `m` (the top level for `None`) wants.
    pub(super) fn list(&self, m: Option<MId>, wanted: &mut Vec<Want>) {
        let parent = match m {
            None => None,
            Some(m) => match self.cur_of[m as usize] {
                Some(c) => Some(c),
                None => return,
            },
        };
        let desired: &[MId] = match m {
            None => &self.merged.top,
            Some(m) => &self.merged.nodes[m as usize].children,
        };
        let current = self.current_children(parent);
        if desired.is_empty() && current.is_empty() {
            return;
        }
        let merged = self.merged;
        // Current children that go: nobody's, or a second copy.
        let leaving: Vec<NodeId> = current
            .iter()
            .copied()
            .filter(|&c| match self.map[c as usize] {
                None => true,
                Some(x) => self.cur_of[x as usize] != Some(c),
            })
            .collect();
        if desired.is_empty() && leaving.len() == current.len() {
            wanted.extend(current.iter().map(|&c| Want::Empty(parent, c)));
            return;
        }
        // Every item of a block list goes and others come: they go in
        // before the first one, in one pass, and the list is never empty.
        let block_list = match parent {
            Some(p) => list_of_children(self.cur, p),
            None => self.cur.root().and_then(|r| {
                self.cur
                    .tree()
                    .get(self.cur.text(), r, "tasks")
                    .map(|(_, l)| l)
            }),
        }
        .is_some_and(|l| self.cur.tree().style(l) == Style::Block);
        let refill = block_list && !desired.is_empty() && leaving.len() == current.len();
        wanted.extend(leaving.iter().map(|&c| Want::Remove(parent, c, refill)));
        // Where each desired child is now, if under this parent.
        let here: Vec<Option<usize>> = desired
            .iter()
            .map(|&d| {
                let c = self.cur_of[d as usize]?;
                let at = current.iter().position(|&x| x == c)?;
                (merged.nodes[d as usize].parent == m).then_some(at)
            })
            .collect();
        // Of those already here, a longest run in the right order stays;
        // the rest move.
        let positions: Vec<usize> = here.iter().flatten().copied().collect();
        let staying = crate::order::longest_increasing(&positions);
        let mut stable = vec![false; desired.len()];
        let mut k = 0;
        for (i, at) in here.iter().enumerate() {
            if at.is_some() {
                stable[i] = staying[k];
                k += 1;
            }
        }
        let mut filled = false;
        for (i, &d) in desired.iter().enumerate() {
            if stable[i] {
                continue;
            }
            let place = match (0..i).rev().find(|&j| stable[j]) {
                Some(j) => At::After(self.cur_of[desired[j] as usize].unwrap_or(0)),
                None => match (i + 1..desired.len()).find(|&j| stable[j]) {
                    Some(j) => At::Before(self.cur_of[desired[j] as usize].unwrap_or(0)),
                    // An empty list is created or filled by one item a
                    // pass; a list whose every item goes waits for them
                    // to go.
                    None if current.is_empty() && !filled => {
                        filled = true;
                        At::End
                    }
                    None if refill => At::Before(current[0]),
                    None => continue,
                },
            };
            let dest = Dest { parent, place };
            match self.cur_of[d as usize] {
                Some(c) => {
                    // Not into its own subtree (the other end moves first).
                    if parent.is_some_and(|p| p == c || self.cur.plan().is_ancestor(c, p)) {
                        continue;
                    }
                    wanted.push(Want::Move(c, dest));
                }
                None => {
                    let (side, s) = merged.nodes[d as usize].home();
                    wanted.push(Want::Insert(side, s, dest));
                }
            }
        }
    }

    /// Removes one child of a list that is emptied: the list's key goes
    /// (the top level's becomes `[]`) with the first child, the others
    /// with it.
    pub(super) fn empty(&mut self, parent: Option<NodeId>, c: NodeId) -> Result<(), String> {
        let first = self.current_children(parent).first() == Some(&c);
        self.ops.push(Op::Remove(c));
        if !first {
            return Ok(());
        }
        let (text, tree) = (self.cur.text(), self.cur.tree());
        let holder = self.holder_map(parent)?;
        let patches = match parent {
            None => edit::set_value(text, tree, holder, "tasks", "[]"),
            Some(_) => edit::remove_key(text, tree, holder, "tasks"),
        }
        .map_err(|e| format!("cannot empty a list: {e}"))?;
        self.patches.extend(patches);
        if let Some(p) = parent {
            self.filled[p as usize] = true;
        }
        Ok(())
    }

    /// The mapping that holds the list of `parent`'s children.
    pub(super) fn holder_map(&self, parent: Option<NodeId>) -> Result<NodeIdx, String> {
        match parent {
            Some(p) => Ok(self.cur.yaml(p)),
            None => self
                .cur
                .root()
                .ok_or_else(|| "the plan is empty".to_owned()),
        }
    }

    pub(super) fn remove(
        &mut self,
        parent: Option<NodeId>,
        c: NodeId,
        refill: bool,
    ) -> Result<(), String> {
        let (text, tree) = (self.cur.text(), self.cur.tree());
        let holder = self.holder_map(parent)?;
        let patches = edit::remove_item(text, tree, holder, "tasks", self.cur.yaml(c))
            .map_err(|e| format!("cannot remove {}: {e}", self.cur.plan().code(c)))?;
        // The last item of a list leaves `[]`; not where others come in.
        let patches = patches
            .into_iter()
            .filter(|p| !(refill && p.range.is_empty() && p.text == " []"));
        self.patches.extend(patches);
        self.ops.push(Op::Remove(c));
        Ok(())
    }

    pub(super) fn move_to(&mut self, c: NodeId, dest: Dest) -> Result<(), String> {
        let (text, tree) = (self.cur.text(), self.cur.tree());
        let old_parent = self.cur.plan().node(c).parent;
        let holder = self.holder_map(old_parent)?;
        let seq = list_of(self.cur, c).ok_or("a task outside any list")?;
        let yaml = self.cur.yaml(c);
        let failed = |e: edit::EditError| format!("cannot move {}: {e}", self.cur.plan().code(c));
        let taken = edit::take(text, tree, seq, yaml).map_err(failed)?;
        let removal = edit::remove_item(text, tree, holder, "tasks", yaml).map_err(failed)?;
        let insertion = self.insertion(dest, Item::Taken(&taken))?;
        self.patches.extend(removal);
        self.patches.extend(insertion);
        self.ops.push(Op::Move(c, dest));
        Ok(())
    }

    pub(super) fn insert(&mut self, side: Side, s: NodeId, dest: Dest) -> Result<(), String> {
        let version = match side {
            Side::Ours => self.inputs.ours,
            Side::Theirs => self.inputs.theirs,
        };
        let seq = list_of(version, s).ok_or("a task outside any list")?;
        let taken = edit::take(version.text(), version.tree(), seq, version.yaml(s))
            .map_err(|e| format!("cannot copy {}: {e}", version.plan().code(s)))?;
        let insertion = self.insertion(dest, Item::Taken(&taken))?;
        self.patches.extend(insertion);
        self.ops.push(Op::Insert(side, s, dest));
        Ok(())
    }

    /// The patches that put `item` at `dest` in the current text.
    pub(super) fn insertion(&mut self, dest: Dest, item: Item<'_>) -> Result<Vec<Patch>, String> {
        let (text, tree) = (self.cur.text(), self.cur.tree());
        let holder = match dest.parent {
            Some(p) if tree.kind(self.cur.yaml(p)) == Kind::Scalar => Holder::Plain {
                seq: list_of(self.cur, p).ok_or("a task outside any list")?,
                item: self.cur.yaml(p),
            },
            parent => Holder::Map(self.holder_map(parent)?, "tasks"),
        };
        if dest.place == At::End
            && let Some(p) = dest.parent
        {
            self.filled[p as usize] = true;
        }
        let place = match dest.place {
            At::Before(x) => Place::Before(self.cur.yaml(x)),
            At::After(x) => Place::After(self.cur.yaml(x)),
            At::End => Place::End,
        };
        let indent = edit::list_indent(text, tree);
        edit::insert_item(text, tree, holder, place, item, indent)
            .map_err(|e| format!("cannot insert a task: {e}"))
    }
}

/// The YAML list of a current node's children.
fn list_of_children(version: &Version, node: NodeId) -> Option<NodeIdx> {
    let tree = version.tree();
    tree.get(version.text(), version.yaml(node), "tasks")
        .map(|(_, list)| list)
}
