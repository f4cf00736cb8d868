//! Rules across nodes and files (SPEC §1.2): ids, dependencies, owners, and
//! dates against parents and predecessors.
//!
//! Field-level problems are found while reading (`source`); these rules need
//! the whole plan set and its derived values.

mod dependencies;

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::i18n::check::{Check, Help, Place};
use crate::plan::NodeId;
use crate::plan::derive::Derived;
use crate::safe::excerpt as escape;
use crate::source::Loaded;

/// Adds every cross-node diagnostic to `loaded.diagnostics`. Files that did
/// not parse contribute no nodes; the rest are checked all the same.
pub fn validate(loaded: &mut Loaded, derived: &Derived) {
    validate_part(loaded, derived, &HashSet::new());
}

/// As [`validate`], for part of a plan set read without the rest: an
/// `after` entry naming an id in `elsewhere` (defined in the other files)
/// is not unknown.
pub fn validate_part(loaded: &mut Loaded, derived: &Derived, elsewhere: &HashSet<String>) {
    let found = findings_part(loaded, derived, elsewhere);
    loaded.diagnostics.extend(found);
}

/// The cross-node diagnostics of a loaded plan set, without adding them
/// to it (`wbs merge` checks a merged version it only borrows).
pub fn findings(loaded: &Loaded, derived: &Derived) -> Vec<Diagnostic> {
    findings_part(loaded, derived, &HashSet::new())
}

fn findings_part(
    loaded: &Loaded,
    derived: &Derived,
    elsewhere: &HashSet<String>,
) -> Vec<Diagnostic> {
    let complete = loaded.sources.iter().all(|source| source.parsed);
    let mut found = Vec::new();
    let mut suggestions = Suggestions(MAX_SUGGESTIONS);
    let index = id_index(loaded, &mut found);
    owners(loaded, &mut suggestions, &mut found);
    child_dates(loaded, derived, &mut found);
    dependencies::check(
        loaded,
        derived,
        &index,
        elsewhere,
        complete,
        &mut suggestions,
        &mut found,
    );
    found
}

/// Did-you-mean suggestions given per run. Each compares a word with every
/// id or person, so thousands of unknown references would make a quadratic
/// run; past this many the help stays generic.
const MAX_SUGGESTIONS: usize = 200;

/// What is left of the suggestion budget.
pub(crate) struct Suggestions(usize);

impl Suggestions {
    /// Whether another suggestion may be computed; spends one if so.
    pub(crate) fn take(&mut self) -> bool {
        let left = self.0 > 0;
        self.0 = self.0.saturating_sub(1);
        left
    }
}

/// Maps each id to its first node, reporting later duplicates.
fn id_index<'p>(loaded: &'p Loaded, found: &mut Vec<Diagnostic>) -> HashMap<&'p str, NodeId> {
    let plan = &loaded.plan;
    let mut index: HashMap<&str, NodeId> = HashMap::with_capacity(plan.nodes.len());
    for id in plan.ids() {
        let Some(name) = plan.id_of(id) else { continue };
        match index.get(name) {
            Some(&first) => {
                let (Some(span), Some(first_span)) =
                    (loaded.value_span(id, "id"), loaded.value_span(first, "id"))
                else {
                    continue;
                };
                found.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        plan.node(id).file as usize,
                        span,
                        Check::DuplicateId {
                            id: escape(name).into_owned(),
                        },
                    )
                    .with_label(
                        plan.node(first).file as usize,
                        first_span,
                        Place::FirstDefined,
                    )
                    .with_help(Help::UniqueIds),
                );
            }
            None => {
                index.insert(name, id);
            }
        }
    }
    index
}

/// Owners must be keys of their file's `people`, when it has one.
fn owners(loaded: &Loaded, suggestions: &mut Suggestions, found: &mut Vec<Diagnostic>) {
    let plan = &loaded.plan;
    for (file_index, file) in plan.files.iter().enumerate() {
        let Some(people) = &file.people else { continue };
        let keys: HashSet<&str> = people.iter().map(|p| p.key.as_str()).collect();
        for id in file.nodes.clone() {
            let Some(owner) = plan.own_owner(id) else {
                continue;
            };
            if keys.contains(owner) {
                continue;
            }
            let Some(span) = loaded.value_span(id, "owner") else {
                continue;
            };
            let close = suggestions
                .take()
                .then(|| did_you_mean(owner, keys.iter().copied()));
            let owner = escape(owner).into_owned();
            let help = match close.flatten() {
                Some(key) => Help::DidYouMean {
                    word: escape(key).into_owned(),
                },
                None => Help::AddPerson {
                    owner: owner.clone(),
                },
            };
            found.push(
                Diagnostic::new(
                    Code::UnknownOwner,
                    file_index,
                    span,
                    Check::UnknownOwner { owner },
                )
                .with_help(help),
            );
        }
    }
}

/// A child's dates against the dates its parent sets itself; cancelled
/// children are exempt.
fn child_dates(loaded: &Loaded, derived: &Derived, found: &mut Vec<Diagnostic>) {
    let plan = &loaded.plan;
    for id in plan.ids() {
        let node = plan.node(id);
        let Some(parent) = node.parent else { continue };
        let child = derived.node(id);
        if child.cancelled {
            continue;
        }
        let p = plan.node(parent);
        let file = node.file as usize;
        // Point at the child's own date; a derived date has no text of its
        // own, so point at the child itself.
        let at = |field: &str| {
            loaded
                .value_span(id, field)
                .unwrap_or_else(|| loaded.node_span(id))
        };
        if let (Some(limit), Some(due)) = (p.due, child.due)
            && due > limit
        {
            found.push(
                Diagnostic::new(
                    Code::ChildDueAfterParent,
                    file,
                    at("due"),
                    Check::ChildDueAfterParent { due, limit },
                )
                .with_label_opt(
                    loaded
                        .value_span(parent, "due")
                        .map(|s| (file, s, Place::ParentDue)),
                )
                .with_help(Help::MoveChildDue),
            );
        }
        if let (Some(limit), Some(start)) = (p.start, child.start)
            && start < limit
        {
            found.push(
                Diagnostic::new(
                    Code::ChildStartsBeforeParent,
                    file,
                    at("start"),
                    Check::ChildStartsBeforeParent { start, limit },
                )
                .with_label_opt(
                    loaded
                        .value_span(parent, "start")
                        .map(|s| (file, s, Place::ParentStarts)),
                )
                .with_help(Help::MoveChildStart),
            );
        }
    }
}
