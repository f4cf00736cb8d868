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

use text::{Op, Sel, apply_all, load, sel};
use wbs::merge::version::{Field, Version};
use wbs::plan::NodeId;
use wbs::plan::derive::Clock;
use wbs::project::Project;
use wbs::source::yaml::{Kind, Style};

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

const SET_A: &str = "\
wbs: 1
title: Team A
tasks:
  - id: a-api
    title: API
    tasks:
      - id: a-auth
        title: Auth endpoints
        due: 2026-10-01
      - id: a-search
        title: Search endpoints
  - id: a-docs
    title: API docs
    after: [a-api]
";

const SET_B: &str = "\
wbs: 1
title: Team B
tasks:
  - id: b-app
    title: Mobile app
    after: [a-api]
    tasks:
      - id: b-login
        title: Login screen
      - id: b-feed
        title: Feed screen
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
        && wbs::merge::node_patch::file_values(&va) == wbs::merge::node_patch::file_values(&vb)
}

/// Candidates in a base plan.
struct Pool {
    /// Leaves with an id (mappings), where a field can be set.
    leaves: Vec<NodeId>,
    /// Tasks of block lists with at least one sibling (removable,
    /// movable).
    items: Vec<NodeId>,
    /// Parents whose task list is a block list.
    parents: Vec<NodeId>,
    /// Id-less tasks with a unique title.
    plain: Vec<NodeId>,
    /// Tasks whose block notes are a block scalar.
    block_notes: Vec<NodeId>,
    /// Block-mapping leaves with an id and without status, progress or
    /// effort: they may get subtasks.
    bare: Vec<NodeId>,
}

fn pool(v: &Version) -> Pool {
    let (plan, tree, text) = (v.plan(), v.tree(), v.text());
    let referenced: Vec<&str> = plan
        .ids()
        .flat_map(|n| plan.list(plan.node(n).after))
        .collect();
    let in_block_list = |n: NodeId| {
        let holder = match plan.node(n).parent {
            Some(p) => v.yaml(p),
            None => tree.root().unwrap_or(0),
        };
        tree.get(text, holder, "tasks")
            .is_some_and(|(_, l)| tree.style(l) == Style::Block && tree.children(l).count() > 1)
    };
    let unreferenced = |n: NodeId| {
        (n..plan.node(n).end).all(|d| plan.id_of(d).is_none_or(|id| !referenced.contains(&id)))
    };
    Pool {
        leaves: plan
            .ids()
            .filter(|&n| {
                plan.is_leaf(n) && plan.id_of(n).is_some() && tree.kind(v.yaml(n)) == Kind::Mapping
            })
            .collect(),
        items: plan
            .ids()
            .filter(|&n| in_block_list(n) && sel(v, n).is_some() && unreferenced(n))
            .collect(),
        parents: plan
            .ids()
            .filter(|&n| {
                !plan.is_leaf(n)
                    && sel(v, n).is_some()
                    && tree
                        .get(text, v.yaml(n), "tasks")
                        .is_some_and(|(_, l)| tree.style(l) == Style::Block)
            })
            .collect(),
        plain: plan
            .ids()
            .filter(|&n| plan.id_of(n).is_none() && plan.is_leaf(n) && sel(v, n).is_some())
            .collect(),
        bare: plan
            .ids()
            .filter(|&n| {
                let node = plan.node(n);
                plan.is_leaf(n)
                    && plan.id_of(n).is_some()
                    && node.status.is_none()
                    && node.progress.is_none()
                    && node.effort_hours.is_none()
                    && tree.kind(v.yaml(n)) == Kind::Mapping
                    && tree.style(v.yaml(n)) == Style::Block
            })
            .collect(),
        block_notes: plan
            .ids()
            .filter(|&n| {
                sel(v, n).is_some()
                    && tree.get(text, v.yaml(n), "notes").is_some_and(|(_, val)| {
                        matches!(tree.style(val), Style::Literal | Style::Folded)
                    })
            })
            .collect(),
    }
}

/// A due date late in the plans' range, different for each `k`.
fn due(k: usize) -> String {
    format!("2027-12-{:02}", 1 + k % 15)
}

/// Two edits and what their merge must give, on one base text.
struct Pair {
    ours: Vec<Op>,
    theirs: Vec<Op>,
    /// For a conflict: the words of its line.
    conflict: Option<Vec<String>>,
}

fn pair(ours: Vec<Op>, theirs: Vec<Op>) -> Option<Pair> {
    Some(Pair {
        ours,
        theirs,
        conflict: None,
    })
}

fn conflict(ours: Vec<Op>, theirs: Vec<Op>, words: &[&str]) -> Option<Pair> {
    Some(Pair {
        ours,
        theirs,
        conflict: Some(words.iter().map(|w| (*w).to_owned()).collect()),
    })
}

fn name(v: &Version, n: NodeId) -> String {
    v.plan()
        .id_of(n)
        .map_or_else(|| format!("\"{}\"", v.plan().title(n)), str::to_owned)
}

fn set(v: &Version, n: NodeId, key: &str, value: &str) -> Op {
    Op::Set(
        sel(v, n).unwrap_or(Sel::Top),
        key.to_owned(),
        value.to_owned(),
    )
}

/// Two distinct leaves that are not each other's relatives.
fn two(rng: &mut Rng, v: &Version, from: &[NodeId]) -> Option<(NodeId, NodeId)> {
    let a = rng.pick(from)?;
    let b = rng.pick(from)?;
    let plan = v.plan();
    (a != b && !plan.is_ancestor(a, b) && !plan.is_ancestor(b, a)).then_some((a, b))
}

type Builder = fn(&mut Rng, &Version, &Pool) -> Option<Pair>;

/// The kinds: name, whether a real conflict, and how to make one.
pub const KINDS: &[(&str, bool)] = &[
    ("different-fields", false),
    ("neighbour-nodes", false),
    ("same-change", false),
    ("both-add-at-end", false),
    ("remove-and-edit-elsewhere", false),
    ("move-and-edit-inside", false),
    ("reorder-and-edit", false),
    ("tags-as-sets", false),
    ("after-as-sets", false),
    ("add-and-edit", false),
    ("x-key-and-field", false),
    ("block-scalar-and-field", false),
    ("rename-idless-and-edit", false),
    ("two-moves", false),
    ("first-subtask-and-edit", false),
    ("unset-and-edit-same-node", false),
    ("file-field-and-task", false),
    ("people-both-add", false),
    ("reorder-and-add-same-list", false),
    ("comment-and-edit", false),
    ("same-field", true),
    ("edit-vs-removal", true),
    ("removal-vs-edit", true),
    ("same-new-id", true),
    ("moved-to-two-places", true),
    ("dependency-cycle", true),
    ("after-removed-node", true),
    ("duplicate-id", true),
    ("reordered-twice", true),
    ("file-field-twice", true),
    ("subtasks-vs-status", true),
    ("done-vs-progress", true),
];

fn builder(kind: &str) -> Builder {
    match kind {
        "different-fields" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            pair(
                vec![set(v, n, "status", "blocked")],
                vec![set(v, n, "due", &due(rng.below(9)))],
            )
        },
        "neighbour-nodes" => |rng, v, p| {
            let a = rng.pick(&p.leaves)?;
            let b = p
                .leaves
                .iter()
                .copied()
                .find(|&b| b > a && v.plan().node(b).parent == v.plan().node(a).parent)?;
            pair(
                vec![set(v, a, "due", &due(1))],
                vec![set(v, b, "due", &due(2))],
            )
        },
        "same-change" => |rng, v, p| {
            let (a, b) = two(rng, v, &p.leaves)?;
            let shared = set(v, a, "status", "blocked");
            pair(
                vec![shared.clone(), set(v, b, "due", &due(3))],
                vec![shared],
            )
        },
        "both-add-at-end" => |rng, v, p| {
            let parent = rng.pick(&p.parents)?;
            let s = sel(v, parent)?;
            let add = |id: &str, title: &str| Op::Add {
                parent: s.clone(),
                after: None,
                id: id.to_owned(),
                title: title.to_owned(),
            };
            pair(
                vec![add("ours-new", "Ours new task")],
                vec![add("theirs-new", "Theirs new task")],
            )
        },
        "remove-and-edit-elsewhere" => |rng, v, p| {
            let gone = rng.pick(&p.items)?;
            let plan = v.plan();
            let edited = p
                .leaves
                .iter()
                .copied()
                .find(|&l| !(gone..plan.node(gone).end).contains(&l) && rng.below(3) == 0)?;
            pair(
                vec![Op::Remove(sel(v, gone)?)],
                vec![set(v, edited, "status", "blocked")],
            )
        },
        "move-and-edit-inside" => |rng, v, p| {
            let moved = rng.pick(&p.items)?;
            let plan = v.plan();
            let to = rng.pick(&p.parents)?;
            if (moved..plan.node(moved).end).contains(&to) || plan.node(moved).parent == Some(to) {
                return None;
            }
            let inside = p
                .leaves
                .iter()
                .copied()
                .find(|&l| (moved..plan.node(moved).end).contains(&l))?;
            pair(
                vec![Op::Move(sel(v, moved)?, sel(v, to)?)],
                vec![set(v, inside, "due", &due(4))],
            )
        },
        "reorder-and-edit" => |rng, v, p| {
            let a = rng.pick(&p.items)?;
            let plan = v.plan();
            let b = plan.node(a).end;
            if (b as usize) >= plan.nodes.len() || plan.node(b).parent != plan.node(a).parent {
                return None;
            }
            let edited = rng.pick(&p.leaves)?;
            pair(
                vec![Op::Swap(sel(v, a)?, sel(v, b)?)],
                vec![set(v, edited, "status", "blocked")],
            )
        },
        "tags-as-sets" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            let s = sel(v, n)?;
            pair(
                vec![Op::Push(s.clone(), "tags".into(), "ours-tag".into())],
                vec![Op::Push(s, "tags".into(), "theirs-tag".into())],
            )
        },
        "after-as-sets" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            let (a, b) = two(rng, v, &p.leaves)?;
            let waits = v.list(n, Field::After);
            let id = |x: NodeId| v.plan().id_of(x).unwrap_or_default();
            if a == n || b == n || waits.contains(&id(a)) || waits.contains(&id(b)) {
                return None;
            }
            let s = sel(v, n)?;
            let id = |x: NodeId| v.plan().id_of(x).map(str::to_owned);
            pair(
                vec![Op::Push(s.clone(), "after".into(), id(a)?)],
                vec![Op::Push(s, "after".into(), id(b)?)],
            )
        },
        "add-and-edit" => |rng, v, p| {
            let parent = rng.pick(&p.parents)?;
            let edited = rng.pick(&p.leaves)?;
            pair(
                vec![Op::Add {
                    parent: sel(v, parent)?,
                    after: None,
                    id: "added".into(),
                    title: "Added task".into(),
                }],
                vec![set(v, edited, "due", &due(5))],
            )
        },
        "x-key-and-field" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            pair(
                vec![set(v, n, "status", "blocked")],
                vec![set(v, n, "x-review", "ok-7")],
            )
        },
        "block-scalar-and-field" => |rng, v, p| {
            let n = rng.pick(&p.block_notes)?;
            let (_, notes) = v.tree().get(v.text(), v.yaml(n), "notes")?;
            let word = v
                .tree()
                .text(v.text(), notes)
                .split_whitespace()
                .next()?
                .to_owned();
            pair(
                vec![Op::Set(sel(v, n)?, "title".into(), "Retitled".into())],
                vec![Op::Retext(
                    sel(v, n)?,
                    "notes".into(),
                    word,
                    "Reworded".into(),
                )],
            )
        },
        "rename-idless-and-edit" => |rng, v, p| {
            let n = rng.pick(&p.plain)?;
            let edited = rng.pick(&p.leaves)?;
            let title = format!("{} (v2)", v.plan().title(n));
            pair(
                vec![set(v, edited, "status", "blocked")],
                vec![set(v, n, "title", &title)],
            )
        },
        "two-moves" => |rng, v, p| {
            let (a, b) = two(rng, v, &p.items)?;
            let (ta, tb) = (rng.pick(&p.parents)?, rng.pick(&p.parents)?);
            let plan = v.plan();
            let bad = |m: NodeId, t: NodeId| {
                (m..plan.node(m).end).contains(&t) || plan.node(m).parent == Some(t)
            };
            if bad(a, ta) || bad(b, tb) || bad(a, tb) || bad(b, ta) {
                return None;
            }
            pair(
                vec![Op::Move(sel(v, a)?, sel(v, ta)?)],
                vec![Op::Move(sel(v, b)?, sel(v, tb)?)],
            )
        },
        "same-field" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            let old = v.show(n, Field::Due);
            let (d1, d2) = (due(6), due(7));
            let line = format!("{} due: {old} → ours {d1} / theirs {d2}", name(v, n));
            conflict(
                vec![set(v, n, "due", &d1)],
                vec![set(v, n, "due", &d2)],
                &[&line],
            )
        },
        "edit-vs-removal" => |rng, v, p| {
            let n = rng.pick(&p.items)?;
            let leaf = p
                .leaves
                .iter()
                .copied()
                .find(|&l| (n..v.plan().node(n).end).contains(&l))?;
            let who = name(v, n);
            conflict(
                vec![set(v, leaf, "status", "blocked")],
                vec![Op::Remove(sel(v, n)?)],
                &[&format!("{who}: changed by ours"), "removed by theirs"],
            )
        },
        "removal-vs-edit" => |rng, v, p| {
            let n = rng.pick(&p.items)?;
            let leaf = p
                .leaves
                .iter()
                .copied()
                .find(|&l| (n..v.plan().node(n).end).contains(&l))?;
            let who = name(v, n);
            conflict(
                vec![Op::Remove(sel(v, n)?)],
                vec![set(v, leaf, "status", "blocked")],
                &[&format!(
                    "{who} (theirs): removed by ours, changed by theirs"
                )],
            )
        },
        "same-new-id" => |rng, v, p| {
            let parent = rng.pick(&p.parents)?;
            let s = sel(v, parent)?;
            let add = |title: &str| Op::Add {
                parent: s.clone(),
                after: None,
                id: "twin".into(),
                title: title.into(),
            };
            conflict(
                vec![add("Twin from ours")],
                vec![add("Twin from theirs")],
                &["twin id: added on both sides, differently"],
            )
        },
        "moved-to-two-places" => |rng, v, p| {
            let n = rng.pick(&p.items)?;
            let (t1, t2) = (rng.pick(&p.parents)?, rng.pick(&p.parents)?);
            let plan = v.plan();
            let bad =
                |t: NodeId| (n..plan.node(n).end).contains(&t) || plan.node(n).parent == Some(t);
            if t1 == t2 || bad(t1) || bad(t2) {
                return None;
            }
            conflict(
                vec![Op::Move(sel(v, n)?, sel(v, t1)?)],
                vec![Op::Move(sel(v, n)?, sel(v, t2)?)],
                &[&format!("{}: moved to two places", name(v, n))],
            )
        },
        "dependency-cycle" => |rng, v, p| {
            let (a, b) = two(rng, v, &p.leaves)?;
            let id = |x: NodeId| v.plan().id_of(x).map(str::to_owned);
            conflict(
                vec![Op::Push(sel(v, a)?, "after".into(), id(b)?)],
                vec![Op::Push(sel(v, b)?, "after".into(), id(a)?)],
                &["after:", "dependency-cycle"],
            )
        },
        "after-removed-node" => |rng, v, p| {
            let gone = rng.pick(&p.items)?;
            let plan = v.plan();
            let gone_id = plan.id_of(gone)?.to_owned();
            let waiting = p.leaves.iter().copied().find(|&l| {
                !(gone..plan.node(gone).end).contains(&l)
                    && !plan.is_ancestor(l, gone)
                    && rng.below(2) == 0
            })?;
            conflict(
                vec![Op::Push(sel(v, waiting)?, "after".into(), gone_id.clone())],
                vec![Op::Remove(Sel::Id(gone_id.clone()))],
                &[&gone_id, "unknown-dependency"],
            )
        },
        "duplicate-id" => |rng, v, p| {
            let parent = rng.pick(&p.parents)?;
            let renamed = rng.pick(&p.items)?;
            v.plan().id_of(renamed)?;
            conflict(
                vec![Op::Add {
                    parent: sel(v, parent)?,
                    after: None,
                    id: "fresh".into(),
                    title: "Fresh task".into(),
                }],
                vec![Op::Set(sel(v, renamed)?, "id".into(), "fresh".into())],
                &["id:", "duplicate-id"],
            )
        },
        "reordered-twice" => |rng, v, p| {
            let a = rng.pick(&p.items)?;
            let plan = v.plan();
            let b = plan.node(a).end;
            let c = (b as usize) < plan.nodes.len() && plan.node(b).parent == plan.node(a).parent;
            let c = c.then(|| plan.node(b).end)?;
            if (c as usize) >= plan.nodes.len() || plan.node(c).parent != plan.node(a).parent {
                return None;
            }
            conflict(
                vec![Op::Swap(sel(v, a)?, sel(v, b)?)],
                vec![Op::Swap(sel(v, b)?, sel(v, c)?)],
                &["tasks: subtasks reordered differently on both sides"],
            )
        },
        "first-subtask-and-edit" => |rng, v, p| {
            let leaf = rng.pick(&p.bare)?;
            let edited = rng.pick(&p.leaves)?;
            if edited == leaf {
                return None;
            }
            pair(
                vec![Op::First(
                    sel(v, leaf)?,
                    "first-sub".into(),
                    "First subtask".into(),
                )],
                vec![set(v, edited, "due", &due(8))],
            )
        },
        "unset-and-edit-same-node" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            v.plan().node(n).due?;
            pair(
                vec![Op::Unset(sel(v, n)?, "due".into())],
                vec![set(v, n, "status", "blocked")],
            )
        },
        "file-field-and-task" => |rng, v, p| {
            let n = rng.pick(&p.leaves)?;
            pair(
                vec![Op::SetTop("title".into(), "Plan v2".into())],
                vec![set(v, n, "due", &due(9))],
            )
        },
        "people-both-add" => |_, _, _| {
            pair(
                vec![Op::Person("ours-person".into(), "Ours Person".into())],
                vec![Op::Person("theirs-person".into(), "Theirs Person".into())],
            )
        },
        "reorder-and-add-same-list" => |rng, v, p| {
            let a = rng.pick(&p.items)?;
            let plan = v.plan();
            let b = plan.node(a).end;
            if (b as usize) >= plan.nodes.len() || plan.node(b).parent != plan.node(a).parent {
                return None;
            }
            let parent = match plan.node(a).parent {
                Some(parent) => sel(v, parent)?,
                None => Sel::Top,
            };
            pair(
                vec![Op::Swap(sel(v, a)?, sel(v, b)?)],
                vec![Op::Add {
                    parent,
                    after: None,
                    id: "added-here".into(),
                    title: "Added here".into(),
                }],
            )
        },
        "comment-and-edit" => |rng, v, p| {
            let (a, b) = two(rng, v, &p.items)?;
            let edited = p
                .leaves
                .iter()
                .copied()
                .find(|&l| l == a || (a..v.plan().node(a).end).contains(&l))?;
            pair(
                vec![set(v, edited, "status", "blocked")],
                vec![Op::Comment(sel(v, b)?, "checked with the vendor".into())],
            )
        },
        "file-field-twice" => |_, v, _| {
            let root = v.tree().root()?;
            let (_, title) = v.tree().get(v.text(), root, "title")?;
            let old = v.tree().text(v.text(), title).to_owned();
            let line = format!("(file) title: {old} → ours Ours title / theirs Theirs title");
            conflict(
                vec![Op::SetTop("title".into(), "Ours title".into())],
                vec![Op::SetTop("title".into(), "Theirs title".into())],
                &[&line],
            )
        },
        "subtasks-vs-status" => |rng, v, p| {
            let leaf = rng.pick(&p.bare)?;
            let who = name(v, leaf);
            conflict(
                vec![Op::First(
                    sel(v, leaf)?,
                    "first-sub".into(),
                    "First subtask".into(),
                )],
                vec![set(v, leaf, "status", "blocked")],
                &[&format!("{who} status:"), "leaf-field-on-parent"],
            )
        },
        "done-vs-progress" => |rng, v, p| {
            let n = rng.pick(&p.bare)?;
            let who = name(v, n);
            conflict(
                vec![set(v, n, "status", "done")],
                vec![set(v, n, "progress", "50")],
                &[&format!("{who} progress:"), "progress-contradicts-status"],
            )
        },
        _ => |_, _, _| None,
    }
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

/// The plan-set scenarios: git merges each file of the set on its own.
fn plan_sets() -> Vec<Scenario> {
    let id = |s: &str| Sel::Id(s.to_owned());
    let set = |s: &str, k: &str, v: &str| Op::Set(id(s), k.to_owned(), v.to_owned());
    // Theirs moves a-search from a.yaml into b-app of b.yaml.
    let moved_block = "      - id: a-search\n        title: Search endpoints\n";
    let a_without = SET_A.replacen(moved_block, "", 1);
    let b_with = format!("{SET_B}{moved_block}");
    let case = |path: &str, base: &str, ours: String, theirs: String, expect: Expect| Case {
        path: path.to_owned(),
        base: base.to_owned(),
        ours,
        theirs,
        expect,
    };
    let edit = |text: &str, ops: &[Op]| apply_all(text, ops).unwrap_or_default();
    let mut out = Vec::new();
    // 1. Theirs moves a task to the other file; ours edits elsewhere.
    let ours_a = edit(SET_A, &[set("a-auth", "status", "blocked")]);
    out.push(Scenario {
        name: "plan-set-move-across-files-and-edit".into(),
        kind: "move-across-files-and-edit",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                ours_a.clone(),
                a_without.clone(),
                Expect::Clean(edit(&a_without, &[set("a-auth", "status", "blocked")])),
            ),
            case(
                "b.yaml",
                SET_B,
                SET_B.to_owned(),
                b_with.clone(),
                Expect::Clean(b_with.clone()),
            ),
        ],
    });
    // 2. Theirs moves it; ours edits the moved task: the file it left
    // has an edit against a removal.
    let ours_a = edit(SET_A, &[set("a-search", "status", "blocked")]);
    out.push(Scenario {
        name: "plan-set-move-across-files-vs-edit".into(),
        kind: "move-across-files-vs-edit",
        shape: "plan-set",
        conflict: true,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                ours_a,
                a_without.clone(),
                Expect::Conflict(vec![
                    "a-search: changed by ours".into(),
                    "removed by theirs".into(),
                ]),
            ),
            case(
                "b.yaml",
                SET_B,
                SET_B.to_owned(),
                b_with.clone(),
                Expect::Clean(b_with.clone()),
            ),
        ],
    });
    // 3. Ours moves it; theirs edits another task of the file it goes to.
    let theirs_b = edit(SET_B, &[set("b-login", "due", "2026-11-15")]);
    out.push(Scenario {
        name: "plan-set-move-and-edit-destination".into(),
        kind: "move-across-files-and-edit",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                a_without.clone(),
                SET_A.to_owned(),
                Expect::Clean(a_without.clone()),
            ),
            case(
                "b.yaml",
                SET_B,
                b_with.clone(),
                theirs_b,
                Expect::Clean(edit(&b_with, &[set("b-login", "due", "2026-11-15")])),
            ),
        ],
    });
    // 4. Dependencies across files on both sides.
    let ours_b = edit(
        SET_B,
        &[Op::Push(id("b-login"), "after".into(), "a-auth".into())],
    );
    let theirs_b = edit(
        SET_B,
        &[Op::Push(id("b-feed"), "after".into(), "a-search".into())],
    );
    out.push(Scenario {
        name: "plan-set-after-across-files".into(),
        kind: "after-as-sets",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                SET_A.to_owned(),
                SET_A.to_owned(),
                Expect::Clean(SET_A.to_owned()),
            ),
            case(
                "b.yaml",
                SET_B,
                ours_b.clone(),
                theirs_b,
                Expect::Clean(edit(
                    &ours_b,
                    &[Op::Push(id("b-feed"), "after".into(), "a-search".into())],
                )),
            ),
        ],
    });
    out
}
