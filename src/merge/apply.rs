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
use crate::edit::Patch;
use crate::plan::NodeId;
use crate::source::yaml::{NodeIdx, Tree};

mod lists;

use lists::Want;

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
            super::simulate::simulate(inputs, merged, cur, &map, &planned.ops)
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
                .map_or_else(String::new, |d| {
                    format!(": {}", crate::i18n::Lang::En.show(&d.message))
                });
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
pub(super) enum Op {
    Remove(NodeId),
    Move(NodeId, Dest),
    Insert(Side, NodeId, Dest),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Dest {
    /// The current node that holds the list; `None`: the top level.
    pub(super) parent: Option<NodeId>,
    pub(super) place: At,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
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
    plan.patches
        .extend(super::file_entries::file(inputs, merged, cur)?);
    Ok(Planned {
        patches: plan.patches,
        ops: plan.ops,
    })
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
