//! Concurrent-edit scenarios of plan files, generated from a seed: each
//! scenario is a base, the text ours and theirs made of it by editing it
//! as a person or a script would (see `text.rs`), and what a merge must
//! give: for a commuting pair of edits, the plan both edits make together
//! (both orders of applying them agree); for a real conflict, the line
//! that names it.
//!
//! Kinds × plan shapes: the seed plan, a generated plan, flow lists, block
//! scalars with comments, CRLF line ends, and a plan set of two files
//! (where git merges each file on its own).

#![allow(dead_code, reason = "each includer uses its part")]

#[path = "text.rs"]
pub mod text;

#[allow(dead_code, reason = "only the generator's `generate` is used")]
#[allow(
    clippy::duplicate_mod,
    reason = "the test binary loads the generator for other tests too"
)]
#[path = "../gen.rs"]
mod generator;

#[path = "commuting.rs"]
mod commuting;
#[path = "conflicting.rs"]
mod conflicting;
#[path = "kinds.rs"]
mod kinds;
#[path = "plan_set.rs"]
mod plan_set;

pub use kinds::KINDS;
use kinds::{builder, pool};
use plan_set::plan_sets;
use text::{apply_all, load};
use wbs::plan::derive::Clock;
use wbs::project::Project;

/// What a merge must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// A clean merge: this text's plan.
    Clean(String),
    /// A conflict: a conflict line holding every one of these words.
    Conflict(Vec<String>),
}

/// One file of a scenario.
#[derive(Debug, Clone)]
pub struct Case {
    pub path: String,
    pub base: String,
    pub ours: String,
    pub theirs: String,
    pub expect: Expect,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub kind: &'static str,
    pub shape: &'static str,
    /// A real conflict (else the edits commute).
    pub conflict: bool,
    pub cases: Vec<Case>,
}

const FLOW: &str = "\
wbs: 1
title: Flow shapes
people: {ana: {name: Ana}, li: {name: Li}}
tasks:
  - id: web
    title: Website
    owner: ana
    tasks: [{id: home, title: Home page, due: 2026-10-01}, {id: about, title: About page}, Contact form, {id: blog, title: Blog, tags: [content]}]
  - {id: ops, title: Operations, tasks: [{id: ci, title: CI pipeline}, {id: cd, title: Deployments}, Monitoring]}
  - id: launch
    title: Launch
    after: [web, ops]
    tasks:
      - {id: press, title: Press release, owner: li}
      - {id: party, title: Launch party}
      - {id: retro, title: Retrospective}
";

const BLOCKS: &str = "\
# A plan with block scalars and comments everywhere.
wbs: 1
title: Blocks and comments
description: |
  A plan whose notes are block scalars,
  with comments around its tasks.
tasks:
# zero-indented top level
- id: research
  title: Research   # trailing comment
  notes: |
    Interview ten users.
    Summarise the findings.
  tasks:
  # the first study
  - id: interviews
    title: User interviews
    status: in-progress
    notes: >-
      Folded notes that
      span two lines.
    due: 2026-09-30
  - id: survey
    title: Survey
    effort: 3d
    x-jira: RES-1
  - Desk research
- id: design
  title: Design
  tasks:
  - id: sketches
    title: Sketches
    tags:
    - ux
    - early
  - id: prototype
    title: Prototype
    after:
    - sketches
    notes: |-
      Clickable prototype
      in Figma.
  - id: usability
    title: Usability test
- id: delivery
  title: Delivery
  tasks:
  - id: build
    title: Build
  - id: ship
    title: Ship   # go live
    after: [build]
";

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())].clone())
    }
}

/// The plan shapes: name and base text(s).
pub fn shapes(seed: u64) -> Vec<(&'static str, String)> {
    let generated = |tasks, seed| {
        String::from_utf8(generator::generate(tasks, seed).unwrap_or_default()).unwrap_or_default()
    };
    vec![
        (
            "seed",
            include_str!("../../plans/programme.yaml").to_owned(),
        ),
        ("generated", generated(150, seed)),
        ("flow", FLOW.to_owned()),
        ("blocks", BLOCKS.to_owned()),
        ("crlf", generated(80, seed + 1).replace('\n', "\r\n")),
    ]
}

/// Whether the files validate together (as one plan set).
pub fn valid(files: &[(&str, &str)]) -> bool {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let files = files
        .iter()
        .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
        .collect();
    !Project::load(files, Clock::new(today), false).has_errors()
}

/// Whether two texts hold the same plan: the same tasks in the same
/// places with the same fields and `x-` keys, and the same file fields.
pub fn same_plan(a: &str, b: &str) -> bool {
    let (va, vb) = (load(a), load(b));
    let (pa, pb) = (va.plan(), vb.plan());
    pa.nodes.len() == pb.nodes.len()
        && pa.ids().all(|n| {
            pa.node(n).level == pb.node(n).level
                && pa.node(n).parent == pb.node(n).parent
                && va.diff_fields(n, &vb, n) == 0
                && va.same_x(n, &vb, n)
        })
        && wbs::merge::file_entries::file_values(&va) == wbs::merge::file_entries::file_values(&vb)
}

/// Makes the scenario of `kind` on `base`, trying a few picks.
fn make(
    rng: &mut Rng,
    kind: &'static str,
    conflicted: bool,
    shape: &'static str,
    base: &str,
) -> Option<Scenario> {
    let v = load(base);
    let pool = pool(&v);
    let build = builder(kind);
    for _ in 0..60 {
        let Some(pair) = build(rng, &v, &pool) else {
            continue;
        };
        let (Some(ours), Some(theirs)) =
            (apply_all(base, &pair.ours), apply_all(base, &pair.theirs))
        else {
            continue;
        };
        if ours == theirs || ours == base || theirs == base {
            continue;
        }
        if !valid(&[("p.yaml", &ours)]) || !valid(&[("p.yaml", &theirs)]) {
            continue;
        }
        let expect = match pair.conflict {
            Some(words) => Expect::Conflict(words),
            None => {
                let (Some(a), Some(b)) = (
                    apply_all(&ours, &pair.theirs),
                    apply_all(&theirs, &pair.ours),
                ) else {
                    continue;
                };
                // Where both sides add to one list, ours's come first: the
                // two orders of applying the edits differ only in that.
                let ours_first = matches!(
                    kind,
                    "both-add-at-end" | "tags-as-sets" | "after-as-sets" | "people-both-add"
                );
                if !valid(&[("p.yaml", &a)]) || (!ours_first && !same_plan(&a, &b)) {
                    continue;
                }
                Expect::Clean(a)
            }
        };
        return Some(Scenario {
            name: format!("{shape}-{kind}"),
            kind,
            shape,
            conflict: conflicted,
            cases: vec![Case {
                path: "p.yaml".to_owned(),
                base: base.to_owned(),
                ours,
                theirs,
                expect,
            }],
        });
    }
    None
}

/// Every scenario for `seed`.
pub fn scenarios(seed: u64) -> Vec<Scenario> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (shape, base) in shapes(seed) {
        for &(kind, conflicted) in KINDS {
            if let Some(s) = make(&mut rng, kind, conflicted, shape, &base) {
                out.push(s);
            }
        }
    }
    out.extend(plan_sets());
    out
}
