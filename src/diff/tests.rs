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
                c.note
                    .as_ref()
                    .map(|n| crate::i18n::Lang::En.show(n).to_string())
                    .unwrap_or_default()
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
            "Changed A1 progress 0.0→100.0 done",
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
    // Own fields only; the parent's roll-up is counted apart.
    assert_eq!((d.summary.changed, d.summary.rollups), (4, 1));
}

/// `wbs init`'s starter plan has tasks without ids: renaming one in its
/// place was a removal and an addition.
#[test]
fn a_task_without_id_renamed_in_place_is_a_rename() {
    let plan = "wbs: 1\ntitle: t\ntasks:\n  - title: Design\n    tasks:\n      - title: Sketch\n        status: done\n      - Visual design\n      - Review\n  - Ship\n";
    let renamed = plan
        .replace("Visual design", "Visual design v2")
        .replace("- Ship", "- Ship it")
        .replace("title: Design", "title: Design work");
    assert_eq!(
        kinds(plan, &renamed, Options::default()),
        [
            "Renamed Design work title \"Design\"→\"Design work\"",
            "Renamed Visual design v2 title \"Visual design\"→\"Visual design v2\"",
            "Renamed Ship it title \"Ship\"→\"Ship it\"",
        ]
    );
    // Another place, or another field changed too: another task.
    let elsewhere = plan.replace(
        "      - Visual design\n      - Review\n",
        "      - Review\n      - Visual design v2\n",
    );
    let found = kinds(plan, &elsewhere, Options::default());
    assert!(
        found
            .iter()
            .any(|c| c.starts_with("Added Visual design v2")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|c| c.starts_with("Removed Visual design")),
        "{found:?}"
    );
    let changed = plan.replace(
        "      - Visual design\n",
        "      - title: Visual design v2\n        status: done\n",
    );
    let found = kinds(plan, &changed, Options::default());
    assert!(
        found
            .iter()
            .any(|c| c.starts_with("Added Visual design v2")),
        "{found:?}"
    );
}

/// Marking a task done showed `progress 40.0% → —`: its own field went
/// away. The progress people read went from 40% to 100%.
#[test]
fn a_leaf_shows_its_derived_progress() {
    let plan = "wbs: 1\ntitle: t\ntasks:\n  - id: p\n    title: P\n    tasks:\n      - id: v\n        title: V\n        status: in-progress\n        progress: 40\n      - id: w\n        title: W\n        status: done\n";
    let done = plan.replace(
        "status: in-progress\n        progress: 40\n",
        "status: done\n",
    );
    assert_eq!(
        kinds(plan, &done, Options::default()),
        [
            "Changed P progress 70.0→100.0 rolled up",
            "Changed V status \"in-progress\"→\"done\"",
            "Changed V progress 40.0→100.0 done",
        ]
    );
    // A progress written on a done task changes nothing anyone sees.
    let written = plan.replace("status: done\n", "status: done\n        progress: 100\n");
    assert!(
        kinds(plan, &written, Options::default())
            .iter()
            .all(|c| !c.contains("progress"))
    );
    // Started: todo at 0% to in progress at 0% is a status change only.
    let started = plan.replace(
        "      - id: w\n        title: W\n        status: done\n",
        "      - id: w\n        title: W\n",
    );
    let begun = started.replace("title: W\n", "title: W\n        status: in-progress\n");
    assert_eq!(
        kinds(&started, &begun, Options::default()),
        ["Changed W status \"todo\"→\"in-progress\""]
    );
}

/// An owner newly written showed `owner — → li` though the task had an
/// owner before, inherited; the effective owner is compared, once.
#[test]
fn the_effective_owner_is_compared_where_it_changed() {
    let plan = "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    owner: ana\n    tasks:\n      - id: a1\n        title: A1\n        tasks: [a1x, a1y]\n      - id: a2\n        title: A2\n  - id: b\n    title: B\n    owner: bob\n    tasks: [b1]\n";
    let written = plan.replace(
        "        title: A1\n",
        "        title: A1\n        owner: li\n",
    );
    assert_eq!(
        kinds(plan, &written, Options::default()),
        ["Changed A1 owner \"ana\"→\"li\" was inherited"]
    );
    assert_eq!(
        kinds(&written, plan, Options::default()),
        ["Changed A1 owner \"li\"→\"ana\" now inherited from 1"]
    );
    // A parent's new owner is said once, not on every task below it.
    let parent = plan.replace("owner: ana", "owner: li");
    assert_eq!(
        kinds(plan, &parent, Options::default()),
        ["Changed A owner \"ana\"→\"li\""]
    );
    // A task moved under another owner changes owner, with its subtasks.
    let moved = plan
        .replace("      - id: a1\n        title: A1\n        tasks: [a1x, a1y]\n", "")
        .replace("    tasks: [b1]\n", "    tasks:\n      - b1\n      - id: a1\n        title: A1\n        tasks: [a1x, a1y]\n");
    assert_eq!(
        kinds(plan, &moved, Options::default()),
        [
            "Moved A1 parent \"1 A\"→\"2 B\"",
            "Changed A1 owner \"ana\"→\"bob\" inherited from 2",
        ]
    );
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
