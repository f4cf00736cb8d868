//! Derived values (SPEC §1.1), computed once per load: effective owner,
//! cancellation, weights, roll-up progress, status and dates, overdue and
//! due soon.
//!
//! Two linear passes over the pre-order node vector: forward for what flows
//! down (owner, cancellation), backward for what rolls up (progress, dates).

use chrono::{Days, NaiveDate};

use super::{NodeId, Plan, Status};

/// Hours in a day of effort, and the weight of a leaf that says nothing.
pub const DEFAULT_WEIGHT_HOURS: f64 = 8.0;

/// What "today" is and how far ahead "due soon" looks; resolved once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
    pub horizon_days: u32,
}

impl Clock {
    pub const DEFAULT_HORIZON_DAYS: u32 = 14;

    pub fn new(today: NaiveDate) -> Clock {
        Clock {
            today,
            horizon_days: Clock::DEFAULT_HORIZON_DAYS,
        }
    }

    /// Whether a node is overdue and whether it is due soon (SPEC §1.1):
    /// neither when it is cancelled, done or has no due date.
    pub fn lateness(
        &self,
        cancelled: bool,
        status: Status,
        due: Option<NaiveDate>,
    ) -> (bool, bool) {
        lateness(self.today, self.soon_end(), cancelled, status, due)
    }

    /// The last day that is due soon; `None` past the calendar's end.
    fn soon_end(&self) -> Option<NaiveDate> {
        self.today
            .checked_add_days(Days::new(u64::from(self.horizon_days)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DerivedNode {
    /// Own status for a leaf (`cancelled` when under a cancelled parent),
    /// rolled up for a parent.
    pub status: Status,
    /// Percent complete, unrounded.
    pub progress: f64,
    /// A leaf's weight; for a parent the sum over its non-cancelled leaves.
    pub effort_hours: f64,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub cancelled: bool,
    /// The node whose own `owner` applies here, if any.
    pub owner_from: Option<NodeId>,
    pub overdue: bool,
    pub due_soon: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub clock: Clock,
    pub nodes: Vec<DerivedNode>,
    /// Roll-up over every non-cancelled leaf of the plan set.
    pub overall: RollUp,
    /// Each node's place among id-less siblings of the same title, for its
    /// identity (see [`super::identity`]); computed on first use, since
    /// only diffs and edits need it.
    ordinals: std::cell::OnceCell<Vec<u32>>,
}

/// Sums over non-cancelled leaves, from which a parent's values follow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RollUp {
    pub weight: f64,
    pub weighted_progress: f64,
    pub leaves: u32,
    pub progress_sum: f64,
    pub all_done: bool,
    pub all_untouched: bool,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
}

impl Default for RollUp {
    fn default() -> Self {
        RollUp {
            weight: 0.0,
            weighted_progress: 0.0,
            leaves: 0,
            progress_sum: 0.0,
            all_done: true,
            all_untouched: true,
            start: None,
            due: None,
        }
    }
}

impl RollUp {
    /// Weighted mean progress; the plain mean when every weight is 0.
    pub fn progress(&self) -> f64 {
        if self.leaves == 0 {
            0.0
        } else if self.weight > 0.0 {
            self.weighted_progress / self.weight
        } else {
            self.progress_sum / f64::from(self.leaves)
        }
    }

    pub fn status(&self) -> Status {
        if self.all_done {
            Status::Done
        } else if self.all_untouched {
            Status::Todo
        } else {
            Status::InProgress
        }
    }

    pub fn add_leaf(&mut self, weight: f64, progress: f64, status: Status) {
        self.weight += weight;
        self.weighted_progress += weight * progress;
        self.leaves += 1;
        self.progress_sum += progress;
        self.all_done &= status == Status::Done;
        self.all_untouched &= status == Status::Todo && progress == 0.0;
    }

    /// Adds a child's leaf sums; dates are widened separately, from the
    /// child's own-or-derived dates.
    pub fn merge(&mut self, other: &RollUp) {
        self.weight += other.weight;
        self.weighted_progress += other.weighted_progress;
        self.leaves += other.leaves;
        self.progress_sum += other.progress_sum;
        self.all_done &= other.all_done;
        self.all_untouched &= other.all_untouched;
    }

    pub fn widen_dates(&mut self, start: Option<NaiveDate>, due: Option<NaiveDate>) {
        self.start = min_date(self.start, start);
        self.due = max_date(self.due, due);
    }
}

fn lateness(
    today: NaiveDate,
    soon_end: Option<NaiveDate>,
    cancelled: bool,
    status: Status,
    due: Option<NaiveDate>,
) -> (bool, bool) {
    let open = !cancelled && status != Status::Done;
    match due {
        Some(due) if open => (
            due < today,
            today <= due && soon_end.is_none_or(|end| due <= end),
        ),
        _ => (false, false),
    }
}

fn min_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Rounds half-up to one decimal, as progress is shown and written.
///
/// The nudge makes values that are a hair below a half in binary but exactly
/// a half in decimal (37.45 is 37.4499… as an f64) round up, as a person
/// reading the decimal expects. Progress is never negative.
pub fn round1(value: f64) -> f64 {
    ((value * 10.0) + 1e-9).round() / 10.0
}

pub fn derive(plan: &Plan, clock: Clock) -> Derived {
    let n = plan.nodes.len();
    let mut nodes: Vec<DerivedNode> = Vec::with_capacity(n);

    // Forward: what a node inherits from its ancestors.
    for id in plan.ids() {
        let node = plan.node(id);
        let inherited = node.parent.map(|p| &nodes[p as usize]);
        let owner_from = if node.owner.is_some() {
            Some(id)
        } else {
            inherited.and_then(|p| p.owner_from)
        };
        let cancelled =
            node.status == Some(Status::Cancelled) || inherited.is_some_and(|p| p.cancelled);
        nodes.push(DerivedNode {
            status: node.status.unwrap_or(Status::Todo),
            progress: 0.0,
            effort_hours: 0.0,
            start: node.start,
            due: node.due,
            cancelled,
            owner_from,
            overdue: false,
            due_soon: false,
        });
    }

    // Backward: children are complete before their parent is reached. The
    // sums still waiting for their parent are exactly those of the current
    // node's ancestors, so a stack as deep as the tree holds them all.
    let mut pending: Vec<(NodeId, RollUp)> = Vec::new();
    let mut overall = RollUp::default();
    for id in plan.ids().rev() {
        let node = plan.node(id);
        let i = id as usize;
        let file = &plan.files[node.file as usize];
        let mut rollup = RollUp::default();
        if plan.is_leaf(id) {
            let weight = node
                .effort_hours
                .get()
                .or(file.default_effort_hours)
                .unwrap_or(DEFAULT_WEIGHT_HOURS);
            let own = node.status.unwrap_or(Status::Todo);
            let progress = if own == Status::Done {
                100.0
            } else {
                node.progress.get().unwrap_or(0.0)
            };
            let d = &mut nodes[i];
            d.effort_hours = weight;
            d.progress = progress;
            if d.cancelled {
                d.status = Status::Cancelled;
            } else {
                rollup.add_leaf(weight, progress, own);
            }
        } else {
            if pending.last().is_some_and(|&(owner, _)| owner == id) {
                rollup = pending.pop().map(|(_, r)| r).unwrap_or_default();
            }
            let d = &mut nodes[i];
            if rollup.leaves == 0 {
                // Every leaf below is cancelled, so the parent is too.
                d.cancelled = true;
            }
            if d.cancelled {
                d.status = Status::Cancelled;
                d.progress = 0.0;
                d.effort_hours = 0.0;
            } else {
                d.status = rollup.status();
                d.progress = rollup.progress();
                d.effort_hours = rollup.weight;
            }
            d.start = node.start.or(rollup.start);
            d.due = node.due.or(rollup.due);
        }
        let d = &nodes[i];
        if d.cancelled {
            continue;
        }
        let (start, due) = (d.start, d.due);
        let target = match node.parent {
            Some(parent) => {
                if pending.last().is_none_or(|&(owner, _)| owner != parent) {
                    pending.push((parent, RollUp::default()));
                }
                match pending.last_mut() {
                    Some((_, target)) => target,
                    None => continue,
                }
            }
            None => &mut overall,
        };
        target.merge(&rollup);
        target.widen_dates(start, due);
    }

    let soon_end = clock.soon_end();
    for d in &mut nodes {
        (d.overdue, d.due_soon) = lateness(clock.today, soon_end, d.cancelled, d.status, d.due);
    }

    Derived {
        clock,
        nodes,
        overall,
        ordinals: std::cell::OnceCell::new(),
    }
}

impl Derived {
    pub fn node(&self, id: NodeId) -> &DerivedNode {
        &self.nodes[id as usize]
    }

    /// The node's identity key (SPEC §1.1), equal across versions.
    pub fn identity(&self, plan: &Plan, id: NodeId) -> String {
        let ordinals = self
            .ordinals
            .get_or_init(|| super::identity::ordinals(plan));
        super::identity::key(plan, ordinals, id)
    }

    /// The node's 1-based place among its id-less siblings of the same
    /// title (0 for a node with an id), part of its identity.
    pub fn ordinal(&self, plan: &Plan, id: NodeId) -> u32 {
        let ordinals = self
            .ordinals
            .get_or_init(|| super::identity::ordinals(plan));
        ordinals[id as usize]
    }

    /// The effective owner's name.
    pub fn owner<'p>(&self, plan: &'p Plan, id: NodeId) -> Option<&'p str> {
        self.node(id)
            .owner_from
            .and_then(|from| plan.own_owner(from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn clock() -> Clock {
        Clock::new(date("2026-11-29"))
    }

    #[test]
    fn weighted_roll_up() {
        let plan = plan(vec![parent(
            "p",
            |_| {},
            vec![
                leaf("a", |n| {
                    n.effort_hours = Some(24.0).into();
                    n.status = Some(Status::Done);
                }),
                leaf("b", |n| {
                    n.effort_hours = Some(8.0).into();
                    n.status = Some(Status::InProgress);
                    n.progress = Some(50.0).into();
                }),
                leaf("c", |_| {}),
            ],
        )]);
        let d = derive(&plan, clock());
        // (24×100 + 8×50 + 8×0) / 40 = 70
        assert_eq!(d.node(0).progress, 70.0);
        assert_eq!(d.node(0).effort_hours, 40.0);
        assert_eq!(d.node(0).status, Status::InProgress);
        assert_eq!(d.node(3).effort_hours, DEFAULT_WEIGHT_HOURS);
        assert_eq!(d.overall.progress(), 70.0);
    }

    #[test]
    fn defaults_effort_is_the_weight_of_a_leaf_without_effort() {
        let mut plan = plan(vec![parent(
            "p",
            |_| {},
            vec![
                leaf("a", |n| n.status = Some(Status::Done)),
                leaf("b", |n| n.effort_hours = Some(12.0).into()),
            ],
        )]);
        plan.files[0].default_effort_hours = Some(4.0);
        let d = derive(&plan, clock());
        assert_eq!(d.node(1).effort_hours, 4.0);
        assert_eq!(d.node(0).progress, 25.0);
    }

    #[test]
    fn zero_weights_fall_back_to_the_plain_mean() {
        let plan = plan(vec![parent(
            "p",
            |_| {},
            vec![
                leaf("a", |n| {
                    n.effort_hours = Some(0.0).into();
                    n.status = Some(Status::Done);
                }),
                leaf("b", |n| {
                    n.effort_hours = Some(0.0).into();
                    n.progress = Some(20.0).into();
                    n.status = Some(Status::InProgress);
                }),
            ],
        )]);
        assert_eq!(derive(&plan, clock()).node(0).progress, 60.0);
    }

    #[test]
    fn cancelled_subtrees_leave_the_roll_up() {
        let plan = plan(vec![parent(
            "root",
            |_| {},
            vec![
                parent(
                    "gone",
                    |n| n.status = Some(Status::Cancelled),
                    vec![leaf("g1", |n| n.status = Some(Status::Done))],
                ),
                leaf("dropped", |n| {
                    n.status = Some(Status::Cancelled);
                    n.progress = Some(30.0).into();
                }),
                parent(
                    "all-cancelled",
                    |_| {},
                    vec![leaf("x", |n| n.status = Some(Status::Cancelled))],
                ),
                leaf("live", |n| {
                    n.status = Some(Status::InProgress);
                    n.progress = Some(40.0).into();
                }),
            ],
        )]);
        let d = derive(&plan, clock());
        assert_eq!(d.node(0).progress, 40.0);
        assert_eq!(d.node(0).effort_hours, 8.0);
        assert!(d.node(1).cancelled && d.node(2).cancelled);
        assert_eq!(d.node(2).status, Status::Cancelled);
        assert_eq!(d.node(1).progress, 0.0);
        // A cancelled leaf keeps its own progress.
        assert_eq!(d.node(3).progress, 30.0);
        assert!(d.node(4).cancelled);
        assert_eq!(d.node(4).status, Status::Cancelled);
        assert!(!d.node(6).cancelled);
    }

    #[test]
    fn parent_status() {
        let status_of = |children: Vec<Spec>| {
            derive(&plan(vec![parent("p", |_| {}, children)]), clock())
                .node(0)
                .status
        };
        let done = || leaf("d", |n| n.status = Some(Status::Done));
        let todo = || leaf("t", |_| {});
        assert_eq!(status_of(vec![done(), done()]), Status::Done);
        assert_eq!(status_of(vec![todo(), todo()]), Status::Todo);
        assert_eq!(status_of(vec![done(), todo()]), Status::InProgress);
        assert_eq!(
            status_of(vec![
                todo(),
                leaf("b", |n| n.status = Some(Status::Blocked))
            ]),
            Status::InProgress
        );
        // A todo with progress is started, so the parent is too.
        assert_eq!(
            status_of(vec![todo(), leaf("p", |n| n.progress = Some(5.0).into())]),
            Status::InProgress
        );
        assert_eq!(
            status_of(vec![
                done(),
                leaf("c", |n| n.status = Some(Status::Cancelled))
            ]),
            Status::Done
        );
    }

    #[test]
    fn derived_dates_skip_cancelled_children() {
        let plan = plan(vec![parent(
            "p",
            |_| {},
            vec![
                leaf("a", |n| {
                    n.start = Some(date("2026-03-01"));
                    n.due = Some(date("2026-04-01"));
                }),
                leaf("b", |n| {
                    n.start = Some(date("2026-01-01"));
                    n.due = Some(date("2026-12-01"));
                    n.status = Some(Status::Cancelled);
                }),
                parent(
                    "c",
                    |n| n.due = Some(date("2026-06-30")),
                    vec![leaf("c1", |n| n.start = Some(date("2026-05-01")))],
                ),
            ],
        )]);
        let d = derive(&plan, clock());
        assert_eq!(d.node(0).start, Some(date("2026-03-01")));
        assert_eq!(d.node(0).due, Some(date("2026-06-30")));
        assert_eq!(d.node(3).start, Some(date("2026-05-01")));
    }

    #[test]
    fn own_dates_win_over_derived() {
        let plan = plan(vec![parent(
            "p",
            |n| n.start = Some(date("2026-02-01")),
            vec![leaf("a", |n| n.start = Some(date("2026-01-01")))],
        )]);
        assert_eq!(
            derive(&plan, clock()).node(0).start,
            Some(date("2026-02-01"))
        );
    }

    #[test]
    fn half_up_rounding() {
        assert_eq!(round1(37.45), 37.5);
        assert_eq!(round1(37.44), 37.4);
        assert_eq!(round1(0.05), 0.1);
        assert_eq!(round1(100.0), 100.0);
        assert_eq!(round1(200.0 / 3.0), 66.7);
    }

    #[test]
    fn overdue_and_due_soon_bounds() {
        let due = |s: &str| leaf("x", move |n| n.due = Some(date(s)));
        let plan = plan(vec![
            due("2026-11-28"),
            due("2026-11-29"),
            due("2026-12-13"),
            due("2026-12-14"),
            leaf("done", |n| {
                n.due = Some(date("2026-11-01"));
                n.status = Some(Status::Done);
            }),
            leaf("cancelled", |n| {
                n.due = Some(date("2026-11-01"));
                n.status = Some(Status::Cancelled);
            }),
        ]);
        let d = derive(&plan, clock());
        let flags: Vec<_> = d.nodes.iter().map(|n| (n.overdue, n.due_soon)).collect();
        assert_eq!(
            flags,
            [
                (true, false),
                (false, true),
                (false, true),
                (false, false),
                (false, false),
                (false, false)
            ]
        );
    }

    #[test]
    fn owner_is_inherited() {
        let plan = plan(vec![
            parent(
                "p",
                |_| {},
                vec![leaf("a", |_| {}), leaf("b", |_| {}).owner("li")],
            )
            .owner("ana"),
        ]);
        let d = derive(&plan, clock());
        assert_eq!(d.owner(&plan, 1), Some("ana"));
        assert_eq!(d.owner(&plan, 2), Some("li"));
    }
}
