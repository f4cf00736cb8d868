//! The diff's matching and what it reports, on small inline plans.

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
