//! The kinds of scenario whose two edits commute: each is merged right
//! only by the plan both edits make.

use super::kinds::{Builder, due, pair, set, two};
use super::text::{Op, Sel, sel};
use wbs::merge::version::Field;
use wbs::plan::NodeId;

pub fn builder(kind: &str) -> Option<Builder> {
    let build: Builder = match kind {
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
        _ => return None,
    };
    Some(build)
}
