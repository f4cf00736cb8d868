//! One point of history: a version of the plan set, loaded and derived as
//! of its commit's day, reduced to the numbers of the burn-up, and the
//! leaves it holds, to tell progress from re-estimates between points.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::hash::{content_hash, mix};
use crate::plan::derive::Clock;
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use crate::source::join::{LoadedFile, join};

/// The numbers of one valid version, over the leaves in scope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numbers {
    /// Weighted progress, unrounded.
    pub progress: f64,
    /// Leaves in scope, cancelled ones included.
    pub leaves: usize,
    pub done: usize,
    pub cancelled: usize,
    /// Scope: the effort of the leaves not cancelled.
    pub effort_hours: f64,
    /// Σ effort × progress of the leaves not cancelled.
    pub done_hours: f64,
    /// Leaves overdue as of the point's day.
    pub overdue: usize,
    pub blocked: usize,
    /// Done effort gained since the previous valid point by progress
    /// alone: each leaf in both versions weighed at its earlier estimate.
    /// Re-estimates, and leaves added, removed or cancelled, are not in it.
    /// `None` for the first valid point.
    pub earned_hours: Option<f64>,
}

/// A live leaf of one version: its identity (hashed) and values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Leaf {
    key: u64,
    effort_hours: f64,
    progress: f64,
}

/// What one version came to.
#[derive(Debug)]
pub(super) enum Evaluated {
    /// The version has errors, or could not be loaded.
    Gap(super::Gap),
    Valid {
        numbers: Numbers,
        /// Its live leaves in scope, sorted by key.
        leaves: Vec<Leaf>,
        /// The plan's title (the files' titles joined).
        title: String,
        /// Why the query matched nothing here, if it could not be read
        /// against this version (an `under:` node not there yet).
        query_error: Option<String>,
    },
}

/// Loads the set of `files` as of `day` and computes its numbers over the
/// nodes the query `words` selects (and everything below them).
pub(super) fn evaluate(files: &[&LoadedFile], day: NaiveDate, words: &[String]) -> Evaluated {
    let project = Project::from_loaded(join(files), Clock::new(day));
    if project.has_errors() {
        let errors = project
            .loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        return Evaluated::Gap(super::Gap::Errors(errors));
    }
    let plan = &project.loaded.plan;
    let (scope, query_error) = match crate::query::parse(words, plan, day) {
        Ok(query) => (crate::report::scope(plan, &project.derived, &query), None),
        Err(error) => (vec![false; plan.nodes.len()], Some(error.to_string())),
    };
    let report = crate::report::build_scoped(plan, &project.derived, &scope, 0, 0);
    let overdue = report
        .overdue
        .iter()
        .filter(|&&(id, _)| plan.is_leaf(id))
        .count();
    let keys = identity_keys(plan);
    let mut leaves: Vec<Leaf> = plan
        .ids()
        .filter(|&id| scope[id as usize] && plan.is_leaf(id))
        .filter(|&id| !project.derived.node(id).cancelled)
        .map(|id| {
            let d = project.derived.node(id);
            Leaf {
                key: keys[id as usize],
                effort_hours: d.effort_hours,
                progress: d.progress,
            }
        })
        .collect();
    leaves.sort_unstable_by_key(|leaf| leaf.key);
    let titles: Vec<&str> = plan.files.iter().map(|f| f.title.as_str()).collect();
    Evaluated::Valid {
        numbers: Numbers {
            progress: report.progress,
            leaves: report.counts.total(),
            done: report.counts.done,
            cancelled: report.counts.cancelled,
            effort_hours: report.effort_hours,
            done_hours: report.effort_done_hours,
            overdue,
            blocked: report.counts.blocked,
            earned_hours: None,
        },
        leaves,
        title: titles.join(" · "),
        query_error,
    }
}

/// Done effort gained from `before` to `after` by progress alone: for each
/// leaf in both, its earlier effort times its change in progress.
pub(super) fn earned_hours(before: &[Leaf], after: &[Leaf]) -> f64 {
    let (mut i, mut j, mut earned) = (0, 0, 0.0);
    while i < before.len() && j < after.len() {
        let (a, b) = (&before[i], &after[j]);
        match a.key.cmp(&b.key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                earned += a.effort_hours * (b.progress - a.progress) / 100.0;
                i += 1;
                j += 1;
            }
        }
    }
    earned
}

/// Each node's identity (SPEC §1.1) as a hash, computed top-down without
/// building the identity strings: an id stands for itself; a node without
/// one is its parent's identity, its title and its place among id-less
/// siblings of that title (the top-level nodes of every file counting as
/// siblings, as in [`crate::plan::identity`]).
fn identity_keys(plan: &Plan) -> Vec<u64> {
    let mut keys: Vec<u64> = Vec::with_capacity(plan.nodes.len());
    // Id-less siblings seen so far, by parent and title hash.
    let mut seen: HashMap<(Option<NodeId>, u64), u64> = HashMap::new();
    for id in plan.ids() {
        let key = match plan.id_of(id) {
            Some(name) => mix(&[0, content_hash(name)]),
            None => {
                let parent = plan.node(id).parent;
                let title = content_hash(plan.title(id));
                let ordinal = seen.entry((parent, title)).or_insert(0);
                *ordinal += 1;
                mix(&[1, parent_key(plan, &keys, id).unwrap_or(0), title, *ordinal])
            }
        };
        keys.push(key);
    }
    keys
}

fn parent_key(plan: &Plan, keys: &[u64], id: NodeId) -> Option<u64> {
    plan.node(id).parent.map(|p| keys[p as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(key: u64, effort_hours: f64, progress: f64) -> Leaf {
        Leaf {
            key,
            effort_hours,
            progress,
        }
    }

    #[test]
    fn earned_hours_leave_re_estimates_and_new_leaves_out() {
        let before = [leaf(1, 8.0, 50.0), leaf(2, 16.0, 0.0), leaf(4, 8.0, 100.0)];
        // 1 is re-estimated to 40h and done; 2 makes no progress; 3 is new
        // and done; 4 is gone.
        let after = [
            leaf(1, 40.0, 100.0),
            leaf(2, 16.0, 0.0),
            leaf(3, 8.0, 100.0),
        ];
        assert_eq!(earned_hours(&before, &after), 4.0);
        assert_eq!(earned_hours(&after, &after), 0.0);
        // Progress going back is negative progress.
        assert_eq!(earned_hours(&after, &before), 40.0 * -50.0 / 100.0);
    }

    #[test]
    fn identity_keys_follow_ids_and_titles() {
        let text = |tasks: &str| format!("wbs: 1\ntitle: T\ntasks:\n{tasks}");
        let load = |text: String| {
            let project = Project::load(
                vec![("p.yaml".into(), text.into_bytes())],
                Clock::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
                false,
            );
            identity_keys(&project.loaded.plan)
        };
        let a = load(text(
            "  - id: x\n    title: X\n    tasks: [A, A, B]\n  - C\n",
        ));
        // Moved and reordered: the same identities.
        let b = load(text(
            "  - C\n  - id: x\n    title: Renamed\n    tasks: [B, A, A]\n",
        ));
        let mut sorted_a = a.clone();
        let mut sorted_b = b.clone();
        sorted_a.sort_unstable();
        sorted_b.sort_unstable();
        assert_eq!(sorted_a, sorted_b);
        // Two id-less siblings of one title are told apart by their order.
        assert_ne!(a[1], a[2]);
    }
}
