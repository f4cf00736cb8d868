//! The kinds of scenario that are real conflicts: each must be flagged,
//! with the words its conflict line holds.

use super::kinds::{Builder, conflict, due, name, set, two};
use super::text::{Op, Sel, sel};
use wbs::merge::version::Field;
use wbs::plan::NodeId;

pub fn builder(kind: &str) -> Option<Builder> {
    let build: Builder = match kind {
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
        _ => return None,
    };
    Some(build)
}
