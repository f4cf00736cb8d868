//! The progress report as data: overall progress, the branches to a depth,
//! counts by status, and the overdue, due-soon and blocked lists. Renderers
//! in `commands/report` print it; the CI gate reads it.
//!
//! With a query, the report covers the matching nodes and everything below
//! them (the *scope*, or selection). Every figure is computed over the
//! selected leaves alone: the overall figures, and each branch's counts,
//! progress, status, effort and dates, so that a branch shown above the
//! selection (for context) is never a roll-up of its whole subtree next to
//! counts of part of it. A branch inside the selection holds only selected
//! leaves, so its figures are exactly those `list` shows.

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::derive::{Derived, RollUp};
use crate::plan::{NodeId, Plan, Status};
use crate::query::Query;

/// Leaves by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub todo: usize,
    #[serde(rename = "in-progress")]
    pub in_progress: usize,
    pub blocked: usize,
    pub done: usize,
    pub cancelled: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Todo => self.todo += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Blocked => self.blocked += 1,
            Status::Done => self.done += 1,
            Status::Cancelled => self.cancelled += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.todo + self.in_progress + self.blocked + self.done + self.cancelled
    }
}

/// A branch's derived values (SPEC §1.1) over the selected leaves below
/// it: the node's own derived values when its whole subtree is selected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub status: Status,
    /// Unrounded.
    pub progress: f64,
    pub effort_hours: f64,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub cancelled: bool,
    pub overdue: bool,
    pub due_soon: bool,
}

impl Figures {
    fn of(derived: &Derived, id: NodeId) -> Figures {
        let d = derived.node(id);
        Figures {
            status: d.status,
            progress: d.progress,
            effort_hours: d.effort_hours,
            start: d.start,
            due: d.due,
            cancelled: d.cancelled,
            overdue: d.overdue,
            due_soon: d.due_soon,
        }
    }
}

/// A row of the roll-up table.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub node: NodeId,
    /// Leaves in scope at or below the node.
    pub counts: Counts,
    /// Overdue leaves in scope at or below the node.
    pub overdue: usize,
    /// The node's values over the leaves in scope below it.
    pub figures: Figures,
}

/// What a query selected: its text and how many of the plan's leaves
/// (cancelled ones included) are in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Selection {
    pub query: String,
    pub leaves: usize,
    pub of: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub today: NaiveDate,
    pub horizon_days: u32,
    /// The query the report covers, if it was given one.
    pub selection: Option<Selection>,
    /// Weighted progress of the non-cancelled leaves in scope, unrounded.
    pub progress: f64,
    pub counts: Counts,
    /// Effort of the non-cancelled leaves in scope, and the part of it done
    /// (each leaf's weight times its progress).
    pub effort_hours: f64,
    pub effort_done_hours: f64,
    pub branches: Vec<Branch>,
    /// Overdue nodes with the days they are late, most late first.
    pub overdue: Vec<(NodeId, i64)>,
    /// Nodes due within the horizon with the days left, soonest first.
    pub due_soon: Vec<(NodeId, i64)>,
    pub blocked: Vec<NodeId>,
}

/// Builds the report over the nodes `query` selects (all of them for an
/// empty query), with branches down to level `depth`.
pub fn build(
    plan: &Plan,
    derived: &Derived,
    query: &Query,
    depth: u32,
    horizon_days: u32,
) -> Report {
    let scope = scope(plan, derived, query);
    let mut report = build_scoped(plan, derived, &scope, depth, horizon_days);
    if !query.is_empty() {
        report.selection = Some(Selection {
            query: query.text().to_owned(),
            leaves: report.counts.total(),
            of: plan.ids().filter(|&id| plan.is_leaf(id)).count(),
        });
    }
    report
}

/// Which nodes a report over `query` covers: each match and everything
/// below it, by node.
pub fn scope(plan: &Plan, derived: &Derived, query: &Query) -> Vec<bool> {
    let mut scope = vec![false; plan.nodes.len()];
    for id in plan.ids() {
        let inherited = plan.node(id).parent.is_some_and(|p| scope[p as usize]);
        scope[id as usize] = inherited || query.matches(plan, derived, id);
    }
    scope
}

/// Builds the report over the nodes `scope` holds (see [`scope`]).
pub fn build_scoped(
    plan: &Plan,
    derived: &Derived,
    scope: &[bool],
    depth: u32,
    horizon_days: u32,
) -> Report {
    let today = derived.clock.today;
    // Shown as a branch: in scope, or above something in scope.
    let mut shown = scope.to_vec();
    for id in plan.ids().rev() {
        if shown[id as usize]
            && let Some(parent) = plan.node(id).parent
        {
            shown[parent as usize] = true;
        }
    }

    let mut counts = Counts::default();
    let (mut weight, mut weighted, mut progress_sum, mut counted) = (0.0, 0.0, 0.0, 0u32);
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    let mut blocked = Vec::new();
    let soon_end = today + chrono::Days::new(u64::from(horizon_days));
    for id in plan.ids().filter(|&id| scope[id as usize]) {
        let d = derived.node(id);
        let leaf = plan.is_leaf(id);
        if leaf {
            counts.add(d.status);
            if !d.cancelled {
                weight += d.effort_hours;
                weighted += d.effort_hours * d.progress;
                progress_sum += d.progress;
                counted += 1;
            }
            if d.status == Status::Blocked {
                blocked.push(id);
            }
        }
        // A parent is listed only for a due date it sets itself: one it
        // takes from its children would repeat them.
        let listed = leaf || plan.node(id).due.is_some();
        let open = !d.cancelled && d.status != Status::Done;
        if let (true, true, Some(due)) = (listed, open, d.due) {
            let days = (due - today).num_days();
            if due < today {
                overdue.push((id, -days));
            } else if due <= soon_end {
                due_soon.push((id, days));
            }
        }
    }
    overdue.sort_by_key(|&(id, late)| (std::cmp::Reverse(late), id));
    due_soon.sort_by_key(|&(id, left)| (left, id));

    let progress = if counted == 0 {
        0.0
    } else if weight > 0.0 {
        weighted / weight
    } else {
        progress_sum / f64::from(counted)
    };

    let is_branch = |id: NodeId| shown[id as usize] && plan.node(id).level <= depth;
    // Above the selection, a branch's figures are its selected leaves'.
    let partial = if scope.iter().all(|&s| s) {
        Vec::new()
    } else {
        selected_figures(plan, derived, scope, &shown, &is_branch)
    };
    let mut partial = partial.into_iter().peekable();
    let branches = plan
        .ids()
        .filter(|&id| is_branch(id))
        .map(|id| {
            let figures = match partial.next_if(|&(at, _)| at == id) {
                Some((_, figures)) => figures,
                None => Figures::of(derived, id),
            };
            let mut branch = Branch {
                node: id,
                counts: Counts::default(),
                overdue: 0,
                figures,
            };
            for below in id..plan.node(id).end {
                if scope[below as usize] && plan.is_leaf(below) {
                    let d = derived.node(below);
                    branch.counts.add(d.status);
                    branch.overdue += usize::from(d.overdue);
                }
            }
            branch
        })
        .collect();

    Report {
        today,
        horizon_days,
        selection: None,
        progress,
        counts,
        effort_hours: weight,
        effort_done_hours: weighted / 100.0,
        branches,
        overdue,
        due_soon,
        blocked,
    }
}

/// The figures of the branches that are shown but not in scope (they hold
/// selected nodes and others), rolled up over the selected leaves below
/// them as SPEC §1.1 rolls up a parent over all of its leaves; in
/// document order.
///
/// One backward pass, as in [`crate::plan::derive`]: the sums still
/// waiting for their parent are those of the current node's ancestors, so
/// a stack as deep as the tree holds them.
fn selected_figures(
    plan: &Plan,
    derived: &Derived,
    scope: &[bool],
    shown: &[bool],
    is_branch: &dyn Fn(NodeId) -> bool,
) -> Vec<(NodeId, Figures)> {
    let clock = &derived.clock;
    let mut found = Vec::new();
    let mut pending: Vec<(NodeId, RollUp)> = Vec::new();
    for id in plan.ids().rev().filter(|&id| shown[id as usize]) {
        let node = plan.node(id);
        let d = derived.node(id);
        let mut rollup = RollUp::default();
        let (cancelled, start, due) = if plan.is_leaf(id) {
            // A shown leaf is a selected one.
            if !d.cancelled {
                rollup.add_leaf(d.effort_hours, d.progress, d.status);
            }
            (d.cancelled, d.start, d.due)
        } else {
            if pending.last().is_some_and(|&(owner, _)| owner == id) {
                rollup = pending.pop().map(|(_, r)| r).unwrap_or_default();
            }
            (
                d.cancelled || rollup.leaves == 0,
                node.start.or(rollup.start),
                node.due.or(rollup.due),
            )
        };
        if !scope[id as usize] && is_branch(id) {
            let status = if cancelled {
                Status::Cancelled
            } else {
                rollup.status()
            };
            let (overdue, due_soon) = clock.lateness(cancelled, status, due);
            found.push((
                id,
                Figures {
                    status,
                    progress: if cancelled { 0.0 } else { rollup.progress() },
                    effort_hours: if cancelled { 0.0 } else { rollup.weight },
                    start,
                    due,
                    cancelled,
                    overdue,
                    due_soon,
                },
            ));
        }
        if cancelled {
            continue;
        }
        let Some(parent) = node.parent else {
            continue;
        };
        if pending.last().is_none_or(|&(owner, _)| owner != parent) {
            pending.push((parent, RollUp::default()));
        }
        if let Some((_, target)) = pending.last_mut() {
            target.merge(&rollup);
            target.widen_dates(start, due);
        }
    }
    found.reverse();
    found
}

/// A condition `--fail-on` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Gate {
    /// Anything overdue
    Overdue,
    /// Anything blocked
    Blocked,
    /// Anything due within the horizon
    DueSoon,
}

/// Why the report fails the CI gate: a condition that holds, or progress
/// below the minimum. The words are the catalogue's
/// ([`crate::i18n::views::View::GateFailed`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Failure {
    /// `count` nodes are in the list of `gate`.
    Count { gate: Gate, count: usize },
    /// Overall progress (rounded to one decimal) is below `min` percent.
    Below { progress: f64, min: f64 },
}

impl Report {
    /// Why the report fails the gate, if it does; empty when it passes.
    pub fn gate(&self, fail_on: &[Gate], min_progress: Option<f64>) -> Vec<Failure> {
        let mut reasons = Vec::new();
        for &gate in fail_on {
            let count = match gate {
                Gate::Overdue => self.overdue.len(),
                Gate::Blocked => self.blocked.len(),
                Gate::DueSoon => self.due_soon.len(),
            };
            if count > 0 {
                reasons.push(Failure::Count { gate, count });
            }
        }
        if let Some(min) = min_progress {
            let progress = crate::plan::derive::round1(self.progress);
            if progress < min {
                reasons.push(Failure::Below { progress, min });
            }
        }
        reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::derive::{Clock, derive};
    use crate::plan::testing::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 0 A: 1 a1 done 8h, 2 a2 blocked 40% due 11-20 (overdue)
    /// 3 B (due 12-01): 4 b1 todo due 12-05, 5 b2 cancelled, 6 b3 wip 50% 0h
    fn sample() -> (Plan, Derived) {
        let plan = plan(vec![
            parent(
                "A",
                |_| {},
                vec![
                    leaf("a1", |n| n.status = Some(Status::Done)),
                    leaf("a2", |n| {
                        n.status = Some(Status::Blocked);
                        n.progress = Some(40.0).into();
                        n.due = Some(date("2026-11-20"));
                    }),
                ],
            ),
            parent(
                "B",
                |n| n.due = Some(date("2026-12-01")),
                vec![
                    leaf("b1", |n| n.due = Some(date("2026-12-05"))),
                    leaf("b2", |n| n.status = Some(Status::Cancelled)),
                    leaf("b3", |n| {
                        n.status = Some(Status::InProgress);
                        n.progress = Some(50.0).into();
                        n.effort_hours = Some(0.0).into();
                    }),
                ],
            ),
        ]);
        let derived = derive(&plan, Clock::new(date("2026-11-29")));
        (plan, derived)
    }

    fn query(plan: &Plan, words: &[&str]) -> Query {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        crate::query::parse(&words, plan, date("2026-11-29")).unwrap()
    }

    #[test]
    fn whole_plan() {
        let (plan, derived) = sample();
        let report = build(&plan, &derived, &Query::default(), 1, 14);
        // (8×100 + 8×40 + 8×0 + 0×50) / 24
        assert!((report.progress - 1120.0 / 24.0).abs() < 1e-9);
        assert_eq!(report.progress, derived.overall.progress());
        assert_eq!(
            report.counts,
            Counts {
                todo: 1,
                in_progress: 1,
                blocked: 1,
                done: 1,
                cancelled: 1
            }
        );
        assert_eq!(report.effort_hours, 24.0);
        assert!((report.effort_done_hours - 11.2).abs() < 1e-9);
        let branches: Vec<_> = report
            .branches
            .iter()
            .map(|b| (b.node, b.counts.total(), b.overdue))
            .collect();
        assert_eq!(branches, [(0, 2, 1), (3, 3, 0)]);
        assert_eq!(report.overdue, [(2, 9)]);
        // B sets its own due date (in 2 days); b1 is due in 6.
        assert_eq!(report.due_soon, [(3, 2), (4, 6)]);
        assert_eq!(report.blocked, [2]);
    }

    #[test]
    fn horizon_bounds_due_soon() {
        let (plan, derived) = sample();
        assert_eq!(
            build(&plan, &derived, &Query::default(), 1, 5).due_soon,
            [(3, 2)]
        );
        assert_eq!(
            build(&plan, &derived, &Query::default(), 1, 6).due_soon,
            [(3, 2), (4, 6)]
        );
    }

    #[test]
    fn a_query_scopes_every_figure() {
        let (plan, derived) = sample();
        let report = build(&plan, &derived, &query(&plan, &["under:1"]), 2, 14);
        assert_eq!(report.progress, derived.node(0).progress);
        assert_eq!(report.counts.total(), 2);
        let nodes: Vec<_> = report.branches.iter().map(|b| b.node).collect();
        assert_eq!(nodes, [0, 1, 2]);
        assert!(report.due_soon.is_empty());
        // Every leaf of A is selected: its figures are its own.
        assert_eq!(report.branches[0].figures, Figures::of(&derived, 0));
        assert_eq!(
            report.selection,
            Some(Selection {
                query: "under:1".into(),
                leaves: 2,
                of: 5
            })
        );
        // A leaf match: its ancestors are shown, only it is counted, and
        // the parent's figures are those of that leaf alone.
        let report = build(&plan, &derived, &query(&plan, &["b1"]), 2, 14);
        let nodes: Vec<_> = report.branches.iter().map(|b| b.node).collect();
        assert_eq!(nodes, [3, 4]);
        assert_eq!(report.counts.todo, 1);
        assert_eq!(report.counts.total(), 1);
        let b = report.branches[0].figures;
        assert_eq!(
            (b.status, b.progress, b.effort_hours),
            (Status::Todo, 0.0, 8.0)
        );
        // B's own due date stays; b1 has no start, so B has none here.
        assert_eq!((b.start, b.due), (None, Some(date("2026-12-01"))));
        assert!(!b.overdue && b.due_soon);
    }

    #[test]
    fn a_branch_above_the_selection_rolls_up_the_selected_leaves() {
        let (plan, derived) = sample();
        let report = build(
            &plan,
            &derived,
            &query(&plan, &["is:leaf", "-a1", "-b1"]),
            1,
            14,
        );
        let figures: Vec<_> = report
            .branches
            .iter()
            .map(|b| {
                (
                    b.node,
                    b.figures.status,
                    b.figures.progress,
                    b.figures.effort_hours,
                )
            })
            .collect();
        // A: a2 alone (blocked at 40%). B: b2 is cancelled and left out,
        // b3 weighs 0h, so the plain mean of what is left: 50%.
        assert_eq!(
            figures,
            [
                (0, Status::InProgress, 40.0, 8.0),
                (3, Status::InProgress, 50.0, 0.0)
            ]
        );
        assert!(report.branches[0].figures.overdue);
        assert_eq!(report.branches[0].figures.due, Some(date("2026-11-20")));
        // Only cancelled leaves selected: the branch is cancelled here.
        let report = build(&plan, &derived, &query(&plan, &["b2"]), 1, 14);
        let b = report.branches[0].figures;
        assert_eq!(
            (b.status, b.progress, b.cancelled),
            (Status::Cancelled, 0.0, true)
        );
    }

    #[test]
    fn gates() {
        let (plan, derived) = sample();
        let report = build(&plan, &derived, &Query::default(), 1, 14);
        assert_eq!(report.gate(&[], None), []);
        let count = |gate, count| Failure::Count { gate, count };
        assert_eq!(
            report.gate(&[Gate::Overdue, Gate::Blocked, Gate::DueSoon], None),
            [
                count(Gate::Overdue, 1),
                count(Gate::Blocked, 1),
                count(Gate::DueSoon, 2)
            ]
        );
        assert_eq!(report.gate(&[], Some(46.6)), []);
        assert_eq!(
            report.gate(&[], Some(47.0)),
            [Failure::Below {
                progress: 46.7,
                min: 47.0
            }]
        );
        let line = |reasons| {
            use crate::i18n::{Lang, views::View};
            let message = View::GateFailed { reasons };
            [Lang::En, Lang::Zh].map(|lang| lang.show(&message).to_string())
        };
        assert_eq!(
            line(report.gate(&[Gate::Overdue, Gate::Blocked, Gate::DueSoon], None)),
            [
                "report gate failed: 1 overdue, 1 blocked, 2 due soon",
                "报告检查未通过：逾期 1 项，受阻 1 项，即将到期 2 项"
            ]
        );
        assert_eq!(
            line(report.gate(&[], Some(47.0))),
            [
                "report gate failed: progress 46.7% is below 47%",
                "报告检查未通过：进度 46.7% 低于 47%"
            ]
        );
    }
}
