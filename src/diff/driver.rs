//! One file's change as git's diff driver shows it: the semantic diff where
//! both versions load, read in the context of their plan set; otherwise
//! why not, so the caller can fall back to the text diff.
//!
//! git hands the driver one file of a plan set at a time. Read alone, a
//! file whose `after` names a node of another file does not validate, and
//! its WBS codes lack the file's place in the set; so each version is read
//! first in place of the file in the work tree's plan set. When that does
//! not load (the rest of the set has moved on since an old commit, another
//! file is mid-edit, a node moved between files), the version is read on
//! its own, with `after` allowed to name any id of the other files.

use std::collections::HashSet;

use crate::diagnostic::Code;
use crate::plan::derive::Clock;
use crate::project::Project;

use super::{Diff, Options};

/// One version of the file: the path to show it under, and its bytes.
#[derive(Debug, Clone)]
pub struct Version {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The plan set in the work tree that the file belongs to.
#[derive(Debug, Clone, Default)]
pub struct SetContext {
    /// The set's files as read from the work tree, in set order; the
    /// file's own place (`slot`) may hold no bytes, as each version takes
    /// its place.
    pub files: Vec<(String, Vec<u8>)>,
    /// The file's place among `files`, when it is one of them.
    pub slot: Option<usize>,
}

impl SetContext {
    /// Whether the set holds files besides this one.
    fn has_others(&self) -> bool {
        self.files.len() > usize::from(self.slot.is_some())
    }

    /// The set with this version in the file's place.
    fn with(&self, slot: usize, version: &Version) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| match index == slot {
                true => (version.path.clone(), version.bytes.clone()),
                false => file.clone(),
            })
            .collect()
    }

    /// Every id defined in the other files of the set.
    fn other_ids(&self) -> HashSet<String> {
        let others: Vec<(String, Vec<u8>)> = self
            .files
            .iter()
            .enumerate()
            .filter(|&(index, _)| Some(index) != self.slot)
            .map(|(_, file)| file.clone())
            .collect();
        let loaded = crate::source::load(others, false);
        let plan = &loaded.plan;
        plan.ids()
            .filter_map(|id| plan.id_of(id).map(str::to_owned))
            .collect()
    }
}

/// What the driver can show.
pub enum Outcome {
    /// Both versions load: their semantic diff.
    Plan {
        old: Project,
        new: Project,
        diff: Diff,
        /// The file's index among the projects' sources, for its text.
        file: usize,
        /// Read on its own although it is part of the work tree's plan
        /// set, because the rest of the set did not fit this version:
        /// codes count within the file.
        alone: bool,
    },
    /// At least one version has errors; each is loaded as read alone (its
    /// one source is the file), for its diagnostics.
    Invalid { old: Project, new: Project },
}

impl Outcome {
    /// The two versions' text, as loaded, for a text diff.
    pub fn texts(&self) -> (&str, &str) {
        let (old, new, file) = match self {
            Outcome::Plan { old, new, file, .. } => (old, new, *file),
            Outcome::Invalid { old, new } => (old, new, 0),
        };
        fn text(project: &Project, file: usize) -> &str {
            project
                .loaded
                .sources
                .get(file)
                .map_or("", |source| source.text.as_str())
        }
        (text(old, file), text(new, file))
    }
}

/// Compares two versions of one file of a plan set.
pub fn compare(old: Version, new: Version, context: &SetContext, clock: Clock) -> Outcome {
    if let Some(slot) = context.slot {
        let (in_set_old, in_set_new) = load_pair(
            context.with(slot, &old),
            context.with(slot, &new),
            clock,
            &HashSet::new(),
        );
        if !in_set_old.has_errors() && !in_set_new.has_errors() {
            let diff = super::diff(&in_set_old, &in_set_new, Options::default());
            return Outcome::Plan {
                old: in_set_old,
                new: in_set_new,
                diff,
                file: slot,
                alone: false,
            };
        }
    }
    let alone = |version: &Version| vec![(version.path.clone(), version.bytes.clone())];
    let (mut old_alone, mut new_alone) =
        load_pair(alone(&old), alone(&new), clock, &HashSet::new());
    let unknown_dependency = |project: &Project| {
        project
            .loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownDependency)
    };
    if context.has_others() && (unknown_dependency(&old_alone) || unknown_dependency(&new_alone)) {
        let elsewhere = context.other_ids();
        let one = |version: Version| vec![(version.path, version.bytes)];
        (old_alone, new_alone) = load_pair(one(old), one(new), clock, &elsewhere);
    }
    if old_alone.has_errors() || new_alone.has_errors() {
        return Outcome::Invalid {
            old: old_alone,
            new: new_alone,
        };
    }
    let diff = super::diff(&old_alone, &new_alone, Options::default());
    Outcome::Plan {
        old: old_alone,
        new: new_alone,
        diff,
        file: 0,
        alone: context.slot.is_some() && context.has_others(),
    }
}

/// Loads two versions, on two threads as `wbs diff` does.
fn load_pair(
    old: Vec<(String, Vec<u8>)>,
    new: Vec<(String, Vec<u8>)>,
    clock: Clock,
    elsewhere: &HashSet<String>,
) -> (Project, Project) {
    std::thread::scope(|scope| {
        let old = scope.spawn(|| Project::load_part(old, clock, false, elsewhere));
        let new = Project::load_part(new, clock, false, elsewhere);
        match old.join() {
            Ok(old) => (old, new),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn clock() -> Clock {
        Clock::new(NaiveDate::from_ymd_opt(2026, 11, 29).expect("date"))
    }

    fn version(path: &str, text: &str) -> Version {
        Version {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    const A: &str = "wbs: 1\ntitle: A\ntasks:\n  - id: a1\n    title: A1\n";
    const B_OLD: &str = "wbs: 1\ntitle: B\ntasks:\n  - id: b1\n    title: B1\n    after: [a1]\n";
    const B_NEW: &str =
        "wbs: 1\ntitle: B\ntasks:\n  - id: b1\n    title: B1\n    after: [a1]\n    status: done\n";

    /// a.yaml and, in b.yaml's place, nothing: each version takes it.
    fn set() -> SetContext {
        SetContext {
            files: vec![
                ("a.yaml".to_owned(), A.as_bytes().to_vec()),
                ("b.yaml".to_owned(), Vec::new()),
            ],
            slot: Some(1),
        }
    }

    fn changes(outcome: &Outcome) -> Vec<(String, Option<&'static str>)> {
        let Outcome::Plan { new, diff, .. } = outcome else {
            panic!("not a plan diff");
        };
        diff.changes
            .iter()
            .map(|c| (new.loaded.plan.code(c.new.expect("a new node")), c.field))
            .collect()
    }

    #[test]
    fn a_file_of_a_set_is_read_in_its_place() {
        let outcome = compare(
            version("b.yaml", B_OLD),
            version("b.yaml", B_NEW),
            &set(),
            clock(),
        );
        assert!(matches!(outcome, Outcome::Plan { alone: false, .. }));
        assert_eq!(outcome.texts(), (B_OLD, B_NEW));
        // The code has the file's place in the set.
        assert!(changes(&outcome).contains(&("2.1".to_owned(), Some("status"))));
    }

    #[test]
    fn a_version_that_does_not_fit_the_set_is_read_alone() {
        // The work tree's a.yaml defines b1 too: in the set, a duplicate.
        let mut context = set();
        context.files[0].1 = format!("{A}  - id: b1\n    title: moved\n").into_bytes();
        let outcome = compare(
            version("b.yaml", B_OLD),
            version("b.yaml", B_NEW),
            &context,
            clock(),
        );
        assert!(matches!(outcome, Outcome::Plan { alone: true, .. }));
        // Marked done, its progress (as derived) went to 100%.
        assert_eq!(
            changes(&outcome),
            [
                ("1".to_owned(), Some("status")),
                ("1".to_owned(), Some("progress"))
            ]
        );
    }

    #[test]
    fn after_may_name_an_id_of_another_file_but_not_a_missing_one() {
        // Not in the set (slot None): read alone, a1 known from a.yaml,
        // and nothing to say about codes, as there are no others to match.
        let mut context = set();
        context.slot = None;
        context.files.truncate(1);
        let outcome = compare(
            version("b.yaml", B_OLD),
            version("b.yaml", B_NEW),
            &context,
            clock(),
        );
        assert!(matches!(outcome, Outcome::Plan { alone: false, .. }));
        let typo = B_NEW.replace("[a1]", "[a9]");
        let outcome = compare(
            version("b.yaml", B_OLD),
            version("b.yaml", &typo),
            &context,
            clock(),
        );
        let Outcome::Invalid { old, new } = outcome else {
            panic!("a9 is nowhere");
        };
        assert!(!old.has_errors());
        let codes: Vec<Code> = new.loaded.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownDependency]);
    }

    #[test]
    fn a_file_alone_is_read_alone_without_a_note() {
        let outcome = compare(
            version("b.yaml", "wbs: 1\ntitle: B\ntasks: [x]\n"),
            version("b.yaml", "wbs: 1\ntitle: B\ntasks: [y]\n"),
            &SetContext::default(),
            clock(),
        );
        assert!(matches!(outcome, Outcome::Plan { alone: false, .. }));
    }
}
