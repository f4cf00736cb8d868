//! The semantic diff of two plan versions (SPEC §3.1) as data.
//!
//! Nodes are matched by identity (SPEC §1.1), so reordering, re-indenting
//! or moving a subtree is never shown as delete-and-add; a node that gained
//! or lost its id is matched by its path of titles where that is unique on
//! both sides. Own fields are compared, so a changed due date is reported
//! once, on the node that changed, not again on every parent whose derived
//! date moved with it; rolled-up progress is reported for each parent whose
//! value (as shown, to one decimal) changed.

pub mod driver;
mod matching;
pub mod text;

use serde::Serialize;
use serde_json::Value;

use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;
use matching::Matching;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Added,
    Removed,
    Moved,
    Renamed,
    Changed,
}

/// One difference. `node` is the node in the new version, or in the old one
/// for a removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: Kind,
    /// The node in the old version, if it is there.
    pub old: Option<NodeId>,
    /// The node in the new version, if it is there.
    pub new: Option<NodeId>,
    /// For `changed`: the field.
    pub field: Option<&'static str>,
    pub old_value: Value,
    pub new_value: Value,
    /// Nodes in an added or removed subtree, the node itself included.
    pub subtree: usize,
    /// A word for people: "slipped 5 days", "within its parent".
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub renamed: usize,
    pub changed: usize,
    pub progress_old: f64,
    pub progress_new: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub summary: Summary,
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Options that change what counts as a difference.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report a node that moved among the same siblings.
    pub include_order: bool,
}

/// Compares two loaded versions of a plan set.
pub fn diff(old: &Project, new: &Project, options: Options) -> Diff {
    let matching = Matching::new(old, new, options.include_order);
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let mut changes = Vec::new();

    // New nodes in document order: additions, moves, renames and changes.
    for n in np.ids() {
        let Some(o) = matching.old_of[n as usize] else {
            // An addition is reported once, at the top of what was added.
            let parent_added = np
                .node(n)
                .parent
                .is_some_and(|p| matching.old_of[p as usize].is_none());
            if !parent_added {
                changes.push(Change {
                    kind: Kind::Added,
                    old: None,
                    new: Some(n),
                    field: None,
                    old_value: Value::Null,
                    new_value: Value::Null,
                    subtree: (np.node(n).end - n) as usize,
                    note: None,
                });
            }
            continue;
        };
        let old_parent = op.node(o).parent;
        let new_parent = np.node(n).parent;
        let same_parent = match (old_parent, new_parent) {
            // Top-level nodes keep their place when they stay in the file
            // of the same name; with one file on a side (stdin, a renamed
            // single plan) there is no other file to have moved from.
            (None, None) => {
                let file =
                    |plan: &Plan, id: NodeId| plan.files[plan.node(id).file as usize].path.clone();
                op.files.len() == 1 || np.files.len() == 1 || same_file(&file(op, o), &file(np, n))
            }
            (Some(a), Some(b)) => matching.old_of[b as usize] == Some(a),
            _ => false,
        };
        if !same_parent {
            let describe = |plan: &Plan, node: NodeId, parent: Option<NodeId>| match parent {
                Some(p) => Value::String(format!("{} {}", plan.code(p), plan.title(p))),
                None => {
                    let file = &plan.files[plan.node(node).file as usize].path;
                    Value::String(format!("(top level of {file})"))
                }
            };
            changes.push(Change {
                kind: Kind::Moved,
                old: Some(o),
                new: Some(n),
                field: Some("parent"),
                old_value: describe(op, o, old_parent),
                new_value: describe(np, n, new_parent),
                subtree: (np.node(n).end - n) as usize,
                note: None,
            });
        } else if matching
            .reordered
            .as_ref()
            .is_some_and(|reordered| reordered[n as usize])
        {
            changes.push(Change {
                kind: Kind::Moved,
                old: Some(o),
                new: Some(n),
                field: Some("position"),
                old_value: Value::String(op.code(o)),
                new_value: Value::String(np.code(n)),
                subtree: (np.node(n).end - n) as usize,
                note: Some("within its parent".to_owned()),
            });
        }
        if op.title(o) != np.title(n) {
            changes.push(Change {
                kind: Kind::Renamed,
                old: Some(o),
                new: Some(n),
                field: Some("title"),
                old_value: Value::String(op.title(o).to_owned()),
                new_value: Value::String(np.title(n).to_owned()),
                subtree: 1,
                note: None,
            });
        }
        fields(old, new, o, n, &mut changes);
    }

    // Removals, once at the top of what was removed, in old document order;
    // each goes after the changes of its old parent's new counterpart.
    let mut removals = Vec::new();
    for o in op.ids() {
        if matching.new_of[o as usize].is_some() {
            continue;
        }
        let parent_removed = op
            .node(o)
            .parent
            .is_some_and(|p| matching.new_of[p as usize].is_none());
        if !parent_removed {
            removals.push(Change {
                kind: Kind::Removed,
                old: Some(o),
                new: None,
                field: None,
                old_value: Value::Null,
                new_value: Value::Null,
                subtree: (op.node(o).end - o) as usize,
                note: None,
            });
        }
    }
    changes.extend(removals);

    let mut summary = Summary {
        progress_old: round1(old.derived.overall.progress()),
        progress_new: round1(new.derived.overall.progress()),
        ..Summary::default()
    };
    for change in &changes {
        match change.kind {
            Kind::Added => summary.added += 1,
            Kind::Removed => summary.removed += 1,
            Kind::Moved => summary.moved += 1,
            Kind::Renamed => summary.renamed += 1,
            Kind::Changed => summary.changed += 1,
        }
    }
    Diff { summary, changes }
}

/// Every own field that differs between a matched pair, and a parent's
/// rolled-up progress. Most pairs differ in nothing, so values are compared
/// as they are stored and turned into JSON values only when they differ.
fn fields(old: &Project, new: &Project, o: NodeId, n: NodeId, changes: &mut Vec<Change>) {
    let (op, np) = (&old.loaded.plan, &new.loaded.plan);
    let (on, nn) = (op.node(o), np.node(n));
    let mut push =
        |field: &'static str, old_value: Value, new_value: Value, note: Option<String>| {
            changes.push(Change {
                kind: Kind::Changed,
                old: Some(o),
                new: Some(n),
                field: Some(field),
                old_value,
                new_value,
                subtree: 1,
                note,
            });
        };
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::String(s.to_owned()));
    let number = |v: Option<f64>| v.map_or(Value::Null, Value::from);
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or(Value::Null, |d| Value::String(d.to_string()));

    let (old_id, new_id) = (op.id_of(o), np.id_of(n));
    if old_id != new_id {
        push("id", text(old_id), text(new_id), None);
    }
    let status = |plan: &Plan, id: NodeId| {
        let own = plan.node(id).status;
        // A leaf without a status is todo; a parent has none of its own.
        if plan.is_leaf(id) {
            Some(own.unwrap_or(Status::Todo))
        } else {
            own
        }
    };
    let (old_status, new_status) = (status(op, o), status(np, n));
    if old_status != new_status {
        let value = |s: Option<Status>| s.map_or(Value::Null, |s| Value::from(s.as_str()));
        push("status", value(old_status), value(new_status), None);
    }
    if op.is_leaf(o) && np.is_leaf(n) {
        let (a, b) = (on.progress.get(), nn.progress.get());
        if a != b {
            push("progress", number(a), number(b), None);
        }
    } else if !op.is_leaf(o) && !np.is_leaf(n) {
        let (a, b) = (
            round1(old.derived.node(o).progress),
            round1(new.derived.node(n).progress),
        );
        if a != b {
            push(
                "progress",
                Value::from(a),
                Value::from(b),
                Some("rolled up".to_owned()),
            );
        }
    }
    let (old_owner, new_owner) = (op.own_owner(o), np.own_owner(n));
    if old_owner != new_owner {
        push("owner", text(old_owner), text(new_owner), None);
    }
    if on.start != nn.start {
        let note = shift(on.start, nn.start);
        push("start", date(on.start), date(nn.start), note);
    }
    if on.due != nn.due {
        push("due", date(on.due), date(nn.due), shift(on.due, nn.due));
    }
    let (a, b) = (on.effort_hours.get(), nn.effort_hours.get());
    if a != b {
        push("effort_hours", number(a), number(b), None);
    }
    if !op.list(on.tags).eq(np.list(nn.tags)) {
        let (a, b) = (op.list(on.tags).collect(), np.list(nn.tags).collect());
        lists(changes, o, n, "tags", a, b);
    }
    if !op.list(on.after).eq(np.list(nn.after)) {
        let (a, b) = (op.list(on.after).collect(), np.list(nn.after).collect());
        lists(changes, o, n, "after", a, b);
    }
    let (old_notes, new_notes) = (op.notes(o), np.notes(n));
    if old_notes != new_notes {
        changes.push(Change {
            kind: Kind::Changed,
            old: Some(o),
            new: Some(n),
            field: Some("notes"),
            old_value: text(old_notes),
            new_value: text(new_notes),
            subtree: 1,
            note: None,
        });
    }
}

/// Whether two plan files are the same file of two versions: the same path,
/// or (comparing two folders) the same file name.
fn same_file(old: &str, new: &str) -> bool {
    let name = |path: &str| std::path::Path::new(path).file_name().map(|n| n.to_owned());
    old == new || name(old) == name(new)
}

/// "slipped 5 days" or "gained 2 days" for a date that moved.
fn shift(old: Option<chrono::NaiveDate>, new: Option<chrono::NaiveDate>) -> Option<String> {
    let days = (new? - old?).num_days();
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match days {
        0 => None,
        d if d > 0 => Some(format!("slipped {d} day{}", plural(d))),
        d => Some(format!("gained {} day{}", -d, plural(-d))),
    }
}

/// Entries added to and removed from a list field.
fn lists(
    changes: &mut Vec<Change>,
    o: NodeId,
    n: NodeId,
    field: &'static str,
    old: Vec<&str>,
    new: Vec<&str>,
) {
    let added: Vec<Value> = new
        .iter()
        .filter(|e| !old.contains(e))
        .map(|e| Value::from(*e))
        .collect();
    let removed: Vec<Value> = old
        .iter()
        .filter(|e| !new.contains(e))
        .map(|e| Value::from(*e))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return;
    }
    let mut note = Vec::new();
    if !added.is_empty() {
        note.push(format!("+{}", join(&added)));
    }
    if !removed.is_empty() {
        note.push(format!("-{}", join(&removed)));
    }
    changes.push(Change {
        kind: Kind::Changed,
        old: Some(o),
        new: Some(n),
        field: Some(field),
        old_value: Value::from(old),
        new_value: Value::from(new),
        subtree: 1,
        note: Some(note.join(" ")),
    });
}

fn join(values: &[Value]) -> String {
    values
        .iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::matching::{by_identity, outside_longest_increasing};
    use super::*;
    use crate::plan::derive::Clock;

    fn project(text: &str) -> Project {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let project = Project::load(
            vec![("p.yaml".into(), text.as_bytes().to_vec())],
            Clock::new(today),
            false,
        );
        assert!(!project.has_errors(), "{:?}", project.loaded.diagnostics);
        project
    }

    fn kinds(old: &str, new: &str, options: Options) -> Vec<String> {
        let (old, new) = (project(old), project(new));
        diff(&old, &new, options)
            .changes
            .iter()
            .map(|c| {
                let plan = if c.new.is_some() {
                    &new.loaded.plan
                } else {
                    &old.loaded.plan
                };
                let node = c.new.or(c.old).unwrap();
                format!(
                    "{:?} {} {} {}→{} {}",
                    c.kind,
                    plan.title(node),
                    c.field.unwrap_or("-"),
                    c.old_value,
                    c.new_value,
                    c.note.as_deref().unwrap_or("")
                )
                .trim_end()
                .to_owned()
            })
            .collect()
    }

    const BASE: &str = "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - id: a1\n        title: A1\n        due: 2026-12-01\n      - A2\n  - id: b\n    title: B\n    tasks:\n      - id: b1\n        title: B1\n      - id: b2\n        title: B2\n";

    #[test]
    fn identical_and_reindented_plans_have_no_difference() {
        assert!(kinds(BASE, BASE, Options::default()).is_empty());
        // Every line two columns further in.
        let reindented = BASE.replace("\n  ", "\n    ");
        assert!(kinds(BASE, &reindented, Options::default()).is_empty());
    }

    #[test]
    fn reordering_is_silent_unless_asked_for() {
        let swapped = BASE.replace(
            "      - id: b1\n        title: B1\n      - id: b2\n        title: B2\n",
            "      - id: b2\n        title: B2\n      - id: b1\n        title: B1\n",
        );
        assert!(kinds(BASE, &swapped, Options::default()).is_empty());
        let found = kinds(
            BASE,
            &swapped,
            Options {
                include_order: true,
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Moved B"), "{found:?}");
    }

    #[test]
    fn moves_renames_fields_additions_and_removals() {
        let new = "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A renamed\n    tasks:\n      - id: a1\n        title: A1\n        due: 2026-12-06\n        status: done\n        tags: [x]\n      - A2\n      - id: b2\n        title: B2\n  - id: b\n    title: B\n    tasks:\n      - id: b3\n        title: B3\n        tasks: [B3a, B3b]\n";
        let found = kinds(BASE, new, Options::default());
        assert_eq!(
            found,
            [
                "Renamed A renamed title \"A\"→\"A renamed\"",
                "Changed A renamed progress 0.0→33.3 rolled up",
                "Changed A1 status \"todo\"→\"done\"",
                "Changed A1 due \"2026-12-01\"→\"2026-12-06\" slipped 5 days",
                "Changed A1 tags []→[\"x\"] +x",
                "Moved B2 parent \"2 B\"→\"1 A renamed\"",
                "Added B3 - null→null",
                "Removed B1 - null→null",
            ],
        );
        let (old, new) = (project(BASE), project(new));
        let d = diff(&old, &new, Options::default());
        let added = d.changes.iter().find(|c| c.kind == Kind::Added).unwrap();
        assert_eq!(added.subtree, 3);
        assert_eq!(
            (
                d.summary.added,
                d.summary.removed,
                d.summary.moved,
                d.summary.renamed
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(d.summary.changed, 4);
    }

    #[test]
    fn a_node_that_gains_an_id_is_matched_by_its_titles() {
        let new = BASE.replace("      - A2\n", "      - id: a2\n        title: A2\n");
        assert_eq!(
            kinds(BASE, &new, Options::default()),
            ["Changed A2 id null→\"a2\""]
        );
    }

    #[test]
    fn a_subtree_without_ids_moves_whole() {
        let old = "wbs: 1\ntitle: t\ntasks:\n  - title: A\n    tasks:\n      - title: Group\n        tasks: [x, y]\n      - a2\n  - title: B\n    tasks: [b1]\n";
        let new = "wbs: 1\ntitle: t\ntasks:\n  - title: A\n    tasks: [a2]\n  - title: B\n    tasks:\n      - b1\n      - title: Group\n        tasks: [x, y]\n";
        let found = kinds(old, new, Options::default());
        assert!(
            found.iter().any(|c| c.starts_with("Moved Group parent")),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|c| c.starts_with("Added") || c.starts_with("Removed")),
            "{found:?}"
        );
    }

    /// The identity pairs by comparing every node's identity key, as the
    /// matching did before it guessed.
    fn by_keys(old: &Project, new: &Project) -> Vec<Option<NodeId>> {
        let (op, np) = (&old.loaded.plan, &new.loaded.plan);
        let keys: HashMap<String, NodeId> =
            op.ids().map(|o| (old.derived.identity(op, o), o)).collect();
        np.ids()
            .map(|n| keys.get(&new.derived.identity(np, n)).copied())
            .collect()
    }

    #[test]
    fn guessed_identities_are_the_identity_keys() {
        // Id-less siblings of one title, more of them than are compared
        // one by one, among ids and under id-less parents.
        let mut base = String::from("wbs: 1\ntitle: t\ntasks:\n");
        for group in ["G", "H"] {
            base.push_str(&format!("  - title: {group}\n    tasks:\n"));
            for i in 0..20 {
                if i % 5 == 4 {
                    base.push_str(&format!("      - id: {group}{i}\n        title: x\n"));
                } else {
                    base.push_str(&format!("      - {}\n", ["x", "y"][i % 2]));
                }
            }
        }
        base.push_str("  - G\n  - id: top\n    title: G\n  - title: lone\n    tasks: [x]\n");
        let edits = [
            ("nothing", base.clone()),
            ("first x gone", base.replacen("      - x\n", "", 1)),
            (
                "a y added first",
                base.replacen("    tasks:\n", "    tasks:\n      - y\n", 1),
            ),
            ("groups swapped", {
                let (g, rest) = base.split_at(base.find("  - title: H").unwrap());
                let (h, tail) = rest.split_at(rest.find("  - G\n").unwrap());
                let head = &g[..g.find("  - title: G").unwrap()];
                format!("{head}{h}{}{tail}", &g[head.len()..])
            }),
            (
                "an id dropped",
                base.replacen("      - id: G4\n        title: x\n", "      - x\n", 1),
            ),
            (
                "x moved under lone",
                base.replacen("tasks: [x]", "tasks: [x, x]", 1),
            ),
            (
                "top-level G first",
                base.replacen("  - title: G\n", "  - G\n  - title: G\n", 1),
            ),
        ];
        let old = project(&base);
        for (what, text) in edits {
            let new = project(&text);
            assert_eq!(by_identity(&old, &new).0, by_keys(&old, &new), "{what}");
            assert_eq!(
                by_identity(&new, &old).0,
                by_keys(&new, &old),
                "{what}, reversed"
            );
        }
    }

    #[test]
    fn longest_increasing_run() {
        assert_eq!(outside_longest_increasing(&[1, 2, 3]), Vec::<usize>::new());
        assert_eq!(outside_longest_increasing(&[2, 1, 3]), [0]);
        assert_eq!(outside_longest_increasing(&[5, 1, 2, 3]), [0]);
    }
}
