//! Writing the merged plan: ours's text, edited until it holds the merged
//! plan. Each pass plans byte patches from one parse of the current text
//! (see [`crate::edit`]): removals, moves and insertions of whole task
//! blocks (a block inserted is the side's own text, comments included,
//! re-indented), and field changes of the nodes no block operation
//! touches. What one pass cannot do without two patches overlapping (edits
//! inside a block that moves, a block whose new parent is not written yet)
//! waits for the next pass, after a re-parse. A merge that only changes
//! fields takes one pass.

use super::conflict::{MId, Side};
use super::merged::{Inputs, Merged};
use super::node_patch;
use super::version::Version;
use crate::diagnostic::Code;
use crate::edit::{self, Holder, Item, Patch, Place};
use crate::plan::NodeId;
use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

/// The passes before the merge gives up (a bug: each pass makes progress).
const MAX_PASSES: usize = 48;

/// The merged plan written: the current version (`None`: ours's text
/// already is the merged plan) and which merged node each of its nodes is.
pub struct Applied {
    pub version: Option<Version>,
    pub map: Vec<Option<MId>>,
    pub passes: usize,
}

/// Edits ours's text into the merged plan.
pub fn apply(inputs: Inputs<'_>, merged: &Merged) -> Result<Applied, String> {
    let mut owned: Option<Version> = None;
    let mut map = merged.ours_m.clone();
    let path = inputs.ours.loaded.sources[0].path.clone();
    for pass in 0..MAX_PASSES {
        let cur: &Version = owned.as_ref().unwrap_or(inputs.ours);
        let planned = plan_pass(inputs, merged, cur, &map, pass == 0)?;
        if planned.patches.is_empty() {
            return Ok(Applied {
                version: owned,
                map,
                passes: pass,
            });
        }
        let new_map = if planned.ops.is_empty() {
            map
        } else {
            simulate(inputs, merged, cur, &map, &planned.ops)
        };
        let next = cur
            .patched(&path, planned.patches)
            .map_err(|e| format!("pass {}: {e}", pass + 1))?;
        // A field two sides set that cannot stand together (status on a
        // task that got subtasks) stops the passes: validation says whose
        // change goes. Any other finding is the merge's own mistake.
        let plan_level = |d: &crate::diagnostic::Diagnostic| {
            matches!(
                d.code,
                Code::LeafFieldOnParent | Code::ProgressContradictsStatus | Code::StartAfterDue
            )
        };
        let errors: Vec<_> = next
            .loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        if !next.parsed() || errors.iter().any(|d| !plan_level(d)) {
            let why = errors
                .iter()
                .find(|d| !plan_level(d))
                .map_or_else(String::new, |d| format!(": {}", d.message));
            return Err(format!(
                "pass {} wrote a plan that does not read{why}",
                pass + 1
            ));
        }
        let stop = !errors.is_empty();
        if next.plan().nodes.len() != new_map.len() {
            return Err(format!(
                "pass {} wrote {} tasks where {} were meant",
                pass + 1,
                next.plan().nodes.len(),
                new_map.len()
            ));
        }
        owned = Some(next);
        map = new_map;
        if stop {
            return Ok(Applied {
                version: owned,
                map,
                passes: pass + 1,
            });
        }
    }
    Err(format!("the merge did not settle in {MAX_PASSES} passes"))
}

/// A block operation of one pass, in terms of the current version.
#[derive(Debug, Clone)]
enum Op {
    Remove(NodeId),
    Move(NodeId, Dest),
    Insert(Side, NodeId, Dest),
}

#[derive(Debug, Clone, Copy)]
struct Dest {
    /// The current node that holds the list; `None`: the top level.
    parent: Option<NodeId>,
    place: At,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Before(NodeId),
    After(NodeId),
    End,
}

struct Planned {
    patches: Vec<Patch>,
    ops: Vec<Op>,
}

/// The state of one pass's planning.
struct PassPlan<'a> {
    inputs: Inputs<'a>,
    merged: &'a Merged,
    cur: &'a Version,
    map: &'a [Option<MId>],
    cur_of: Vec<Option<NodeId>>,
    /// Current nodes inside a block that this pass removes or moves.
    busy: Vec<bool>,
    /// Current nodes whose list this pass creates or fills from empty.
    filled: Vec<bool>,
    patches: Vec<Patch>,
    ops: Vec<Op>,
}

fn plan_pass(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    map: &[Option<MId>],
    first: bool,
) -> Result<Planned, String> {
    let n = cur.plan().nodes.len();
    let mut cur_of = vec![None; merged.nodes.len()];
    for (c, m) in map.iter().enumerate() {
        if let Some(m) = m
            && cur_of[*m as usize].is_none()
        {
            cur_of[*m as usize] = Some(c as NodeId);
        }
    }
    let mut plan = PassPlan {
        inputs,
        merged,
        cur,
        map,
        cur_of,
        busy: vec![false; n],
        filled: vec![false; n],
        patches: Vec::new(),
        ops: Vec::new(),
    };
    // 1. What each list wants: removals, moves in, copies in.
    let mut wanted = Vec::new();
    plan.list(None, &mut wanted);
    for m in merged.preorder() {
        plan.list(Some(m), &mut wanted);
    }
    // 2. Removals first, then moves outermost first: an operation inside
    // a block that another one takes away, or into one, waits for the
    // next pass. Dropping one can free another: repeat until settled.
    let mut moves: Vec<(NodeId, usize)> = wanted
        .iter()
        .enumerate()
        .filter_map(|(i, w)| match w {
            Want::Move(c, _) => Some((*c, i)),
            _ => None,
        })
        .collect();
    moves.sort_unstable();
    let mut kept = vec![true; wanted.len()];
    loop {
        plan.busy.iter_mut().for_each(|b| *b = false);
        for want in &wanted {
            if let Want::Remove(_, c, _) | Want::Empty(_, c) = *want {
                plan.mark_busy(c);
            }
        }
        for &(c, i) in &moves {
            if !kept[i] {
                continue;
            }
            if plan.busy[c as usize] {
                kept[i] = false;
            } else {
                plan.mark_busy(c);
            }
        }
        let mut dropped = false;
        for (i, want) in wanted.iter().enumerate() {
            if let Want::Move(_, dest) | Want::Insert(_, _, dest) = want
                && kept[i]
                && dest.parent.is_some_and(|p| plan.busy[p as usize])
            {
                kept[i] = false;
                dropped = true;
            }
        }
        if !dropped {
            break;
        }
    }
    // 3. Patches for what is left.
    for (i, want) in wanted.into_iter().enumerate() {
        if !kept[i] {
            continue;
        }
        match want {
            Want::Remove(parent, c, refill) => plan.remove(parent, c, refill)?,
            Want::Empty(parent, c) => plan.empty(parent, c)?,
            Want::Move(c, dest) => plan.move_to(c, dest)?,
            Want::Insert(side, s, dest) => plan.insert(side, s, dest)?,
        }
    }
    for (c, &m) in map.iter().enumerate() {
        let Some(m) = m else { continue };
        if plan.busy[c] || plan.filled[c] {
            continue;
        }
        let node = &merged.nodes[m as usize];
        // On ours's own text, a node whose every field is ours's is done.
        if first
            && node.ours == Some(c as NodeId)
            && node.from_theirs == 0
            && node.lists.is_none()
            && node.x.is_none()
        {
            continue;
        }
        let patches = node_patch::node(inputs, merged, cur, c as NodeId, m)?;
        plan.patches.extend(patches);
    }
    plan.patches.extend(node_patch::file(inputs, merged, cur)?);
    Ok(Planned {
        patches: plan.patches,
        ops: plan.ops,
    })
}

/// What a list wants done in this pass.
#[derive(Debug, Clone, Copy)]
enum Want {
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
    fn current_children(&self, parent: Option<NodeId>) -> Vec<NodeId> {
        let plan = self.cur.plan();
        match parent {
            Some(p) => plan.children(p).collect(),
            None if plan.files.is_empty() => Vec::new(),
            None => plan.roots(0).collect(),
        }
    }

    fn mark_busy(&mut self, c: NodeId) {
        let end = self.cur.plan().node(c).end;
        for d in c..end {
            self.busy[d as usize] = true;
        }
    }

    /// What the list of merged node `m` (the top level for `None`) wants.
    fn list(&self, m: Option<MId>, wanted: &mut Vec<Want>) {
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
        let staying = longest_increasing(&positions);
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
    fn empty(&mut self, parent: Option<NodeId>, c: NodeId) -> Result<(), String> {
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
    fn holder_map(&self, parent: Option<NodeId>) -> Result<NodeIdx, String> {
        match parent {
            Some(p) => Ok(self.cur.yaml(p)),
            None => self
                .cur
                .root()
                .ok_or_else(|| "the plan is empty".to_owned()),
        }
    }

    fn remove(&mut self, parent: Option<NodeId>, c: NodeId, refill: bool) -> Result<(), String> {
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

    fn move_to(&mut self, c: NodeId, dest: Dest) -> Result<(), String> {
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

    fn insert(&mut self, side: Side, s: NodeId, dest: Dest) -> Result<(), String> {
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
    fn insertion(&mut self, dest: Dest, item: Item<'_>) -> Result<Vec<Patch>, String> {
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

/// The YAML list that holds a node in its version.
pub fn list_of(version: &Version, node: NodeId) -> Option<NodeIdx> {
    let (text, tree): (&str, &Tree) = (version.text(), version.tree());
    let holder = match version.plan().node(node).parent {
        Some(p) => version.yaml(p),
        None => tree.root()?,
    };
    tree.get(text, holder, "tasks").map(|(_, list)| list)
}

/// For each value, whether it is in one longest strictly increasing run.
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &value) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < value);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut inside = vec![false; values.len()];
    let mut current = tails.last().copied();
    while let Some(i) = current {
        inside[i] = true;
        current = previous[i];
    }
    inside
}

/// Which merged node each node of the text after `ops` is, in document
/// order: the pass's block operations played on a tree of the current
/// nodes. A block copied from a side brings that side's nodes; where such
/// a node's merged node already has a copy in the text, the new copy is
/// nobody's (a later pass removes it and moves the old one in).
fn simulate(
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
