//! The edit transaction every editing command shares: an edit planned as
//! each file's patches and the plan it means to produce ([`Planned`]) is
//! staged (patches applied, the result re-loaded, validated and compared
//! with the intended plan node by node) and then written, every file or
//! none (`atomic`).

use std::collections::HashMap;
use std::ops::Range;

use anyhow::{Result, anyhow};

use super::change::Setting;
use super::fields::Fields;
use crate::edit::{self, Patch};
use crate::plan::NodeId;
use crate::project::Project;
use crate::source::SourceFile;

mod findings;

pub use findings::{introduced_warnings, node_at};

/// How the nodes of the plan are to be arranged after the edit, in terms
/// of the plan before it (node ids are positions in document order).
#[derive(Debug, Clone)]
pub enum Shape {
    /// Same nodes in the same places (only fields change).
    Same,
    /// One new node, placed before the old node `before` (or at the end of
    /// `file` when `before` starts the next file or is past the last node).
    Insert {
        before: NodeId,
        file: u32,
        level: u32,
    },
    /// A subtree gone.
    Remove(Range<NodeId>),
    /// A subtree placed before the old node `before`, in `file`, its root
    /// at `level`.
    Move {
        range: Range<NodeId>,
        before: NodeId,
        file: u32,
        level: u32,
    },
}

/// The plan an edit means to produce.
#[derive(Debug, Clone)]
pub struct Intended {
    pub shape: Shape,
    /// Field changes of nodes that were there before.
    pub changes: HashMap<NodeId, Vec<Setting>>,
    /// The node that [`Shape::Insert`] adds: its id, title and fields.
    pub new: Option<NewNode>,
}

#[derive(Debug, Clone)]
pub struct NewNode {
    pub id: Option<String>,
    pub title: String,
    pub settings: Vec<Setting>,
}

impl Intended {
    pub fn fields_only(changes: HashMap<NodeId, Vec<Setting>>) -> Intended {
        Intended {
            shape: Shape::Same,
            changes,
            new: None,
        }
    }
}

/// An edit planned on one load of the plan: each file's patches and the
/// plan they should produce.
#[derive(Debug)]
pub struct Planned {
    pub patches: Vec<Vec<Patch>>,
    pub intended: Intended,
}

/// Where a node of the edited plan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Old(NodeId),
    New,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    origin: Origin,
    file: u32,
    level: u32,
}

/// The edited plan, re-loaded and checked, and the new text of each file
/// that changed.
pub struct Staged {
    pub after: Project,
    pub texts: Vec<Option<String>>,
    origins: Vec<Origin>,
}

impl Staged {
    /// Where a node of the old plan (or the new node) is in the edited one.
    pub fn find(&self, origin: Origin) -> Option<NodeId> {
        self.origins
            .iter()
            .position(|&o| o == origin)
            .map(|at| at as NodeId)
    }

    /// The paths of the files the edit changes.
    pub fn changed_files<'p>(&self, project: &'p Project) -> Vec<&'p str> {
        project
            .loaded
            .sources
            .iter()
            .zip(&self.texts)
            .filter(|(_, text)| text.is_some())
            .map(|(source, _)| source.path.as_str())
            .collect()
    }
}

/// What staging an edit gives: the edited plan ready to write, or one that
/// does not validate, so the change is refused (its diagnostics say why).
pub enum Outcome {
    Staged(Staged),
    Refused { after: Project },
}

/// Applies each file's patches, re-loads the result and checks that it
/// validates (else the change is refused) and that it is exactly the
/// intended plan (else an error: a bug).
pub fn stage(project: &Project, planned: Planned) -> Result<Outcome> {
    let texts = apply_patches(project, planned.patches)?;
    let after = reload(project, &texts);
    if after.has_errors() {
        return Ok(Outcome::Refused { after });
    }
    let origins = check(project, &after, &planned.intended)?;
    Ok(Outcome::Staged(Staged {
        after,
        texts,
        origins,
    }))
}

/// Writes every changed file, all or none (see `atomic`).
/// `pause_ms` holds the written temporary files that long before the
/// renames, for the test that kills wbs there.
pub fn write(project: &Project, staged: &Staged, pause_ms: Option<u64>) -> Result<()> {
    let files: Vec<(&SourceFile, &str)> = project
        .loaded
        .sources
        .iter()
        .zip(&staged.texts)
        .filter_map(|(source, text)| Some((source, text.as_deref()?)))
        .collect();
    super::atomic::write_files(&files, pause_ms)
}

/// Each file's new text, `None` where nothing changes.
pub fn apply_patches(project: &Project, patches: Vec<Vec<Patch>>) -> Result<Vec<Option<String>>> {
    let mut texts = Vec::with_capacity(patches.len());
    for (source, file_patches) in project.loaded.sources.iter().zip(patches) {
        if file_patches.is_empty() {
            texts.push(None);
            continue;
        }
        if has_lone_cr(&source.text) {
            return Err(crate::i18n::io::WriteFailure::LoneCr {
                path: source.path.clone(),
            }
            .into());
        }
        let text = edit::apply(&source.text, file_patches).map_err(|e| {
            anyhow!(
                "{}: cannot edit: {e} (a bug in wbs: please report it)",
                source.path
            )
        })?;
        texts.push((text != source.text).then_some(text));
    }
    Ok(texts)
}

/// Whether a CR ends a line without an LF after it.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(at, &b)| b == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
}

/// Loads the plan set again with the new texts.
pub fn reload(project: &Project, texts: &[Option<String>]) -> Project {
    let files: Vec<(String, Vec<u8>)> = project
        .loaded
        .sources
        .iter()
        .zip(texts)
        .map(|(source, text)| {
            let text = text.as_deref().unwrap_or(&source.text);
            (source.path.clone(), text.as_bytes().to_vec())
        })
        .collect();
    // The trees are kept: validating a big edit can find many warnings
    // (children due after a moved parent date), and each needs its span.
    Project::load(files, project.derived.clock, true)
}

/// The edited plan's nodes in document order, by where each came from.
fn slots(project: &Project, shape: &Shape) -> Vec<Slot> {
    let plan = &project.loaded.plan;
    let old = |id: NodeId| {
        let node = plan.node(id);
        Slot {
            origin: Origin::Old(id),
            file: node.file,
            level: node.level,
        }
    };
    let mut slots: Vec<Slot> = Vec::with_capacity(plan.nodes.len() + 1);
    match shape {
        Shape::Same => slots.extend(plan.ids().map(old)),
        Shape::Remove(range) => {
            slots.extend(plan.ids().filter(|id| !range.contains(id)).map(old));
        }
        Shape::Insert {
            before,
            file,
            level,
        } => {
            slots.extend((0..*before).map(old));
            slots.push(Slot {
                origin: Origin::New,
                file: *file,
                level: *level,
            });
            slots.extend((*before..plan.nodes.len() as NodeId).map(old));
        }
        Shape::Move {
            range,
            before,
            file,
            level,
        } => {
            let root_level = plan.node(range.start).level;
            let moved = range.clone().map(|id| Slot {
                origin: Origin::Old(id),
                file: *file,
                level: plan.node(id).level - root_level + level,
            });
            let rest = |r: Range<NodeId>| r.filter(|id| !range.contains(id)).map(old);
            slots.extend(rest(0..*before));
            slots.extend(moved);
            slots.extend(rest(*before..plan.nodes.len() as NodeId));
        }
    }
    slots
}

/// Compares the re-loaded plan with the intended one, node by node, and
/// returns where each of its nodes came from.
pub fn check(before: &Project, after: &Project, intended: &Intended) -> Result<Vec<Origin>> {
    let slots = slots(before, &intended.shape);
    let (old, new) = (&before.loaded.plan, &after.loaded.plan);
    let bug = |what: String| {
        anyhow!("{what}; nothing was written (a bug in wbs: please report it with the plan)")
    };
    if new.nodes.len() != slots.len() {
        return Err(bug(format!(
            "the edited plan has {} tasks where {} were meant",
            new.nodes.len(),
            slots.len()
        )));
    }
    for (at, slot) in slots.iter().enumerate() {
        let id = at as NodeId;
        let node = new.node(id);
        let expected = match slot.origin {
            Origin::Old(old_id) => {
                let mut fields = Fields::of(old, old_id);
                if let Some(settings) = intended.changes.get(&old_id) {
                    fields.apply(settings);
                }
                fields
            }
            Origin::New => {
                let new_node = intended
                    .new
                    .as_ref()
                    .ok_or_else(|| bug("a new task without fields".into()))?;
                let mut fields = Fields::titled(&new_node.title);
                fields.id = new_node.id.as_deref();
                fields.apply(&new_node.settings);
                fields
            }
        };
        if node.file != slot.file || node.level != slot.level || Fields::of(new, id) != expected {
            return Err(bug(format!(
                "after the edit, {} {} does not read back as meant",
                new.code(id),
                crate::safe::excerpt(new.title(id))
            )));
        }
    }
    Ok(slots.iter().map(|s| s.origin).collect())
}
