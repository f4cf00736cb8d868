//! Unit tests of the merge: three small texts in, the merged text and the
//! conflicts out.

use chrono::NaiveDate;

use super::{Outcome, Request, merge};
use crate::plan::derive::Clock;

fn run(base: &str, ours: &str, theirs: &str) -> Outcome {
    merge(Request {
        path: "p.yaml",
        base: base.as_bytes().to_vec(),
        ours: ours.as_bytes().to_vec(),
        theirs: theirs.as_bytes().to_vec(),
        clock: Clock::new(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()),
        marker_size: 7,
    })
}

fn text(outcome: &Outcome) -> String {
    String::from_utf8_lossy(&outcome.bytes).into_owned()
}

/// Asserts a clean merge with exactly `expected`.
#[track_caller]
fn clean(base: &str, ours: &str, theirs: &str, expected: &str) {
    let outcome = run(base, ours, theirs);
    let conflicts: Vec<String> = outcome.conflicts.iter().map(ToString::to_string).collect();
    assert!(
        outcome.is_clean() && outcome.notes.is_empty(),
        "conflicts {conflicts:?}, notes {:?}\n{}",
        outcome.notes,
        text(&outcome)
    );
    assert_eq!(text(&outcome), expected);
}

/// Asserts a conflicted merge with exactly `expected` and these lines.
#[track_caller]
fn conflicted(base: &str, ours: &str, theirs: &str, expected: &str, lines: &[&str]) {
    let outcome = run(base, ours, theirs);
    let conflicts: Vec<String> = outcome.conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(text(&outcome), expected, "conflicts {conflicts:?}");
    assert_eq!(conflicts, lines);
}

const BASE: &str = "\
wbs: 1
title: Demo
tasks:
  # design work
  - id: design
    title: Design
    owner: ana
    tasks:
      - id: wireframes
        title: Wireframes
        status: todo
        due: 2026-10-01
      - Visual design
  - id: build
    title: Build
    after: [design]
    tasks:
      - Set up CI
      - id: pages
        title: Pages
        tags: [frontend]
";

fn edit(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in pairs {
        assert!(out.contains(from), "no `{from}` in\n{out}");
        out = out.replacen(from, to, 1);
    }
    out
}

#[test]
fn edits_of_different_fields_and_nodes_merge() {
    let ours = edit(
        BASE,
        &[
            ("status: todo", "status: done"),
            ("owner: ana", "owner: li"),
        ],
    );
    let theirs = edit(
        BASE,
        &[
            ("due: 2026-10-01", "due: 2026-10-15"),
            ("title: Pages", "title: 'Web pages'"),
        ],
    );
    let expected = edit(
        BASE,
        &[
            ("status: todo", "status: done"),
            ("owner: ana", "owner: li"),
            ("due: 2026-10-01", "due: 2026-10-15"),
            ("title: Pages", "title: 'Web pages'"),
        ],
    );
    clean(BASE, &ours, &theirs, &expected);
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let both = edit(BASE, &[("status: todo", "status: done")]);
    let ours = edit(&both, &[("owner: ana", "owner: li")]);
    clean(BASE, &ours, &both, &ours);
}

#[test]
fn additions_at_one_place_keep_both_ours_first() {
    let ours = edit(
        BASE,
        &[(
            "      - Set up CI\n",
            "      - Set up CI\n      - Ours new\n",
        )],
    );
    let theirs = edit(
        BASE,
        &[(
            "        tags: [frontend]\n",
            "        tags: [frontend]\n      - id: theirs-new\n        title: Theirs new\n",
        )],
    );
    let expected = edit(
        &ours,
        &[(
            "        tags: [frontend]\n",
            "        tags: [frontend]\n      - id: theirs-new\n        title: Theirs new\n",
        )],
    );
    clean(BASE, &ours, &theirs, &expected);
    // Both at the end of one list.
    let ours = format!("{BASE}      - Ours last\n");
    let theirs = format!("{BASE}      - Theirs last\n");
    clean(
        BASE,
        &ours,
        &theirs,
        &format!("{BASE}      - Ours last\n      - Theirs last\n"),
    );
}

#[test]
fn tags_and_after_merge_as_sets() {
    let ours = edit(
        BASE,
        &[
            ("tags: [frontend]", "tags: [frontend, web]"),
            ("after: [design]", "after: [design, wireframes]"),
        ],
    );
    let theirs = edit(
        BASE,
        &[
            ("tags: [frontend]", "tags: [ux]"),
            ("after: [design]", "after: []"),
        ],
    );
    let expected = edit(
        BASE,
        &[
            ("tags: [frontend]", "tags: [web, ux]"),
            ("after: [design]", "after: [wireframes]"),
        ],
    );
    clean(BASE, &ours, &theirs, &expected);
}

#[test]
fn a_move_and_an_edit_inside_it_both_hold() {
    // Ours moves `pages` under design; theirs edits it.
    let ours = edit(
        BASE,
        &[
            (
                "      - id: pages\n        title: Pages\n        tags: [frontend]\n",
                "",
            ),
            (
                "      - Visual design\n",
                "      - Visual design\n      - id: pages\n        title: Pages\n        tags: [frontend]\n",
            ),
        ],
    );
    let theirs = edit(
        BASE,
        &[(
            "        tags: [frontend]\n",
            "        tags: [frontend]\n        status: done\n",
        )],
    );
    let expected = ours.replacen(
        "        tags: [frontend]\n",
        "        tags: [frontend]\n        status: done\n",
        1,
    );
    clean(BASE, &ours, &theirs, &expected);
    // The other way round: theirs moves, ours edits.
    let merged = run(BASE, &theirs, &ours);
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    assert_eq!(text(&merged), expected);
}

#[test]
fn a_reorder_and_edits_both_hold() {
    let ours = edit(BASE, &[("status: todo", "status: done")]);
    let theirs = edit(
        BASE,
        &[(
            "      - Set up CI\n      - id: pages\n        title: Pages\n        tags: [frontend]\n",
            "      - id: pages\n        title: Pages\n        tags: [frontend]\n      - Set up CI\n",
        )],
    );
    let expected = edit(&theirs, &[("status: todo", "status: done")]);
    clean(BASE, &ours, &theirs, &expected);
}

#[test]
fn a_removal_and_an_unrelated_edit_merge() {
    let ours = edit(BASE, &[("      - Visual design\n", "")]);
    let theirs = edit(BASE, &[("title: Pages", "title: Web pages")]);
    let expected = edit(&ours, &[("title: Pages", "title: Web pages")]);
    clean(BASE, &ours, &theirs, &expected);
}

#[test]
fn a_field_changed_differently_is_a_conflict_on_its_line() {
    let ours = edit(BASE, &[("due: 2026-10-01", "due: 2026-10-05")]);
    let theirs = edit(
        BASE,
        &[
            ("due: 2026-10-01", "due: 2026-10-15"),
            ("title: Pages", "title: Web pages"),
        ],
    );
    let expected = edit(
        BASE,
        &[
            (
                "        due: 2026-10-01\n",
                "<<<<<<< ours\n        due: 2026-10-05\n=======\n        due: 2026-10-15\n>>>>>>> theirs\n",
            ),
            ("title: Pages", "title: Web pages"),
        ],
    );
    conflicted(
        BASE,
        &ours,
        &theirs,
        &expected,
        &["1.1 wireframes due: 2026-10-01 → ours 2026-10-05 / theirs 2026-10-15"],
    );
}

#[test]
fn an_edit_against_a_removal_is_a_conflict() {
    let removed = edit(
        BASE,
        &[(
            "      - id: wireframes\n        title: Wireframes\n        status: todo\n        due: 2026-10-01\n",
            "",
        )],
    );
    let edited = edit(BASE, &[("status: todo", "status: done")]);
    // Ours removed it: the result leaves it out, theirs's block in markers.
    conflicted(
        BASE,
        &removed,
        &edited,
        &edit(
            &removed,
            &[(
                "    tasks:\n      - Visual design",
                "    tasks:\n<<<<<<< ours\n=======\n      - id: wireframes\n        title: Wireframes\n        status: done\n        due: 2026-10-01\n>>>>>>> theirs\n      - Visual design",
            )],
        ),
        &["1.1 wireframes (theirs): removed by ours, changed by theirs (status changed)"],
    );
    // Theirs removed it: the result keeps ours's.
    conflicted(
        BASE,
        &edited,
        &removed,
        &edit(
            &edited,
            &[(
                "      - id: wireframes\n        title: Wireframes\n        status: done\n        due: 2026-10-01\n",
                "<<<<<<< ours\n      - id: wireframes\n        title: Wireframes\n        status: done\n        due: 2026-10-01\n=======\n>>>>>>> theirs\n",
            )],
        ),
        &["1.1 wireframes: changed by ours (status changed), removed by theirs"],
    );
}

#[test]
fn a_dependency_cycle_is_a_conflict() {
    let ours = edit(
        BASE,
        &[(
            "    title: Design\n",
            "    title: Design\n    after: [pages]\n",
        )],
    );
    let theirs = edit(
        BASE,
        &[(
            "        tags: [frontend]\n",
            "        tags: [frontend]\n        after: [design]\n",
        )],
    );
    let outcome = run(BASE, &ours, &theirs);
    let lines: Vec<String> = outcome.conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("2.2 pages after:"), "{lines:?}");
    assert!(lines[0].contains("dependency-cycle"), "{lines:?}");
    assert!(
        text(&outcome).contains("<<<<<<< ours\n=======\n        after: [design]\n>>>>>>> theirs\n"),
        "{}",
        text(&outcome)
    );
}

#[test]
fn the_same_new_id_added_twice_is_a_conflict() {
    let ours = format!("{BASE}      - id: docs\n        title: Docs\n");
    let theirs = format!("{BASE}      - id: docs\n        title: Documentation\n");
    conflicted(
        BASE,
        &ours,
        &theirs,
        &format!(
            "{BASE}<<<<<<< ours\n      - id: docs\n        title: Docs\n=======\n      - id: docs\n        title: Documentation\n>>>>>>> theirs\n"
        ),
        &["2.3 docs id: added on both sides, differently"],
    );
    // The same addition on both sides is one.
    clean(BASE, &ours, &ours, &ours);
}

#[test]
fn a_side_that_is_not_yaml_merges_line_by_line() {
    let ours = edit(BASE, &[("title: Demo", "title: [Demo")]);
    let theirs = edit(BASE, &[("title: Pages", "title: Web pages")]);
    let outcome = run(BASE, &ours, &theirs);
    assert!(outcome.by_lines);
    assert_eq!(
        text(&outcome),
        edit(&ours, &[("title: Pages", "title: Web pages")])
    );
    assert_eq!(outcome.notes.len(), 1);
    assert!(
        outcome.notes[0]
            .to_string()
            .starts_with("ours is not valid YAML (line "),
        "{:?}",
        outcome.notes
    );
    // The merged text does not validate: that is a conflict.
    assert!(!outcome.is_clean());
}
