//! `wbs show`: fields, dependencies both ways, the roll-up explanation,
//! JSON, unknown nodes and hostile text.

use crate::common::{path_str, temp_file, wbs_run};

#[test]
fn parent_by_id() {
    insta::assert_snapshot!(wbs_run(&["show", "platform-tools"]));
}

#[test]
fn parent_by_code() {
    let by_code = wbs_run(&["show", "2.2.1"]);
    assert_eq!(by_code.stdout, wbs_run(&["show", "platform-tools"]).stdout);
    insta::assert_snapshot!(by_code);
}

#[test]
fn leaf() {
    insta::assert_snapshot!(wbs_run(&["show", "2.2.1.1.1.1"]));
}

#[test]
fn dependencies_both_ways() {
    insta::assert_snapshot!(wbs_run(&["show", "platform-strategy-roadmap"]));
}

#[test]
fn cancelled_leaf() {
    insta::assert_snapshot!(wbs_run(&["show", "platform-empower-salons"]));
}

#[test]
fn parent_with_a_cancelled_child() {
    insta::assert_snapshot!(wbs_run(&["show", "platform-empower"]));
}

#[test]
fn json() {
    let output = wbs_run(&["show", "--format", "json", "platform-tools"]);
    assert_eq!(output.code, 0, "{output}");
    let node: serde_json::Value = serde_json::from_str(&output.stdout).expect("one JSON document");
    for field in crate::common::SPEC_NODE_FIELDS {
        assert!(
            node.get(field).is_some(),
            "SPEC §4.1 field `{field}` is missing"
        );
    }
    for field in [
        "identity",
        "after_nodes",
        "waited_on_by",
        "children",
        "rollup",
    ] {
        assert!(node.get(field).is_some(), "`{field}` is missing");
    }
    let progress = node["progress"].as_f64().expect("progress is a number");
    let shares: f64 = node["children"]
        .as_array()
        .expect("children is an array")
        .iter()
        .map(|child| child["share"].as_f64().expect("share is a number"))
        .sum();
    assert!(
        (shares - progress).abs() < 0.1,
        "shares add up to {shares}, progress is {progress}"
    );
    assert_eq!(node["rollup"]["method"], "weighted");
    insta::assert_snapshot!(output);
}

#[test]
fn unknown_node_suggests_an_id() {
    insta::assert_snapshot!(wbs_run(&["show", "platform-tool"]), @"
    ----- stderr -----
    error: no node has the id `platform-tool`
    help: did you mean `platform-tools`? A WBS code such as 2.2.1 works too
    [exit status: 2]
    ");
}

#[test]
fn unknown_node() {
    insta::assert_snapshot!(wbs_run(&["show", "nope"]));
}

#[test]
fn unknown_code() {
    insta::assert_snapshot!(wbs_run(&["show", "9.9"]), @"
    ----- stderr -----
    error: no node has the WBS code `9.9`
    help: `wbs list` shows every node's code; an id works too
    [exit status: 2]
    ");
}

/// Zero weights fall back to the plain mean, a cancelled parent counts for
/// nothing, and plan text with escape sequences reaches the terminal
/// escaped.
const HOSTILE: &str = r#"wbs: 1
title: Hostile
defaults: { effort: 4h }
tasks:
  - id: root
    title: "Root \e[31mred\e[0m"
    owner: "ana\e[2J"
    tags: [a, "b\e[1m"]
    notes: |
      first line
      second \e[31m line
    tasks:
      - id: zero
        title: Zero weights
        tasks:
          - { title: z1, effort: 0h, status: done }
          - { title: z2, effort: 0h, status: in-progress, progress: 20, due: 2026-11-20 }
          - { title: z3, effort: 0h, status: cancelled }
      - id: gone
        title: Gone
        status: cancelled
        tasks:
          - { title: g1, status: done }
      - title: "No id \e[31m"
        due: 2026-12-05
        after: [zero]
"#;

#[test]
fn escapes_plan_text() {
    let (_dir, path) = temp_file("plan.yaml", HOSTILE.as_bytes());
    let output = wbs_run(&["show", "-f", path_str(&path), "root"]);
    assert!(!output.stdout.contains('\u{1b}'), "{output}");
    insta::assert_snapshot!(output.stdout.replace(path_str(&path), "[PATH]"), @r"
    1  Root \e[31mred\e[0m

    id:       root
    title:    Root \e[31mred\e[0m
    owner:    ana\e[2J
    status:   in-progress (rolled up)
    progress: 0.0%
    start:    —
    due:      2026-12-05 (derived)
    effort:   4h (sum of leaves)
    level:    1
    kind:     parent
    overdue:  no
    due soon: yes, due in 6 days
    tags:     a, b\e[1m
    notes:    first line
              second \e[31m line
    file:     [PATH]:5

    After: none
    Waited on by: none

    Children:     3 (1 todo, 1 in-progress, 1 cancelled)
    Leaves below: 5 (1 todo, 1 in-progress, 1 done, 2 cancelled)

    Progress: 0.0%, weighted by effort over 3 non-cancelled leaves below
     code   title          status                   weight   progress   share
    ──────────────────────────────────────────────────────────────────────────
     1.1    Zero weights   in-progress                  0h      60.0%    0.0%
     1.2    Gone           cancelled, not counted        —       0.0%       —
     1.3    No id \e[31m   todo                         4h       0.0%    0.0%
    (0h × 60% + 4h × 0%) / 4h = 0.0%
    ");
}

#[test]
fn zero_weights_use_the_plain_mean() {
    let (_dir, path) = temp_file("plan.yaml", HOSTILE.as_bytes());
    let output = wbs_run(&["show", "-f", path_str(&path), "zero"]);
    insta::assert_snapshot!(output.stdout.replace(path_str(&path), "[PATH]"), @r"
    1.1  Zero weights

    id:       zero
    title:    Zero weights
    parent:   1  Root \e[31mred\e[0m
    owner:    ana\e[2J (inherited from 1)
    status:   in-progress (rolled up)
    progress: 60.0%
    start:    —
    due:      2026-11-20 (derived)
    effort:   0h (sum of leaves)
    level:    2
    kind:     parent
    overdue:  yes, due 9 days ago
    due soon: no
    tags:     —
    notes:    —
    file:     [PATH]:13

    After: none
    Waited on by: 1 node
     code   id   title          status
    ───────────────────────────────────
     1.3         No id \e[31m   todo

    Children:     3 (1 in-progress, 1 done, 1 cancelled)
    Leaves below: 3 (1 in-progress, 1 done, 1 cancelled)

    Progress: 60.0%, the plain mean over 2 non-cancelled leaves below (every one weighs 0h)
     code    title   status                   leaves   progress   share
    ────────────────────────────────────────────────────────────────────
     1.1.1   z1      done                          1     100.0%   50.0%
     1.1.2   z2      in-progress                   1      20.0%   10.0%
     1.1.3   z3      cancelled, not counted        —       0.0%       —
    (1 leaf × 100% + 1 leaf × 20%) / 2 leaves = 60.0%
    ");
}

#[test]
fn cancelled_parent() {
    let (_dir, path) = temp_file("plan.yaml", HOSTILE.as_bytes());
    let human = wbs_run(&["show", "-f", path_str(&path), "gone"]);
    insta::assert_snapshot!(human.stdout.replace(path_str(&path), "[PATH]"), @r"
    1.2  Gone

    id:       gone
    title:    Gone
    parent:   1  Root \e[31mred\e[0m
    owner:    ana\e[2J (inherited from 1)
    status:   cancelled
    progress: 0.0%
    start:    —
    due:      —
    effort:   0h (cancelled, not counted)
    level:    2
    kind:     parent
    overdue:  no
    due soon: no
    tags:     —
    notes:    —
    file:     [PATH]:19

    After: none
    Waited on by: none

    Children:     1 (1 cancelled)
    Leaves below: 1 (1 cancelled)

    Progress: 0.0%, cancelled: no leaf below is counted
     code    title   status                   weight   progress   share
    ────────────────────────────────────────────────────────────────────
     1.2.1   g1      cancelled, not counted        —     100.0%       —
    ");
    let json = wbs_run(&["show", "-f", path_str(&path), "--format", "json", "gone"]);
    let node: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    assert_eq!(node["rollup"]["method"], "cancelled");
    assert_eq!(node["children"][0]["cancelled"], true);
    assert_eq!(node["children"][0]["share"], 0.0);
}

#[test]
fn a_plan_path_is_not_a_node() {
    insta::assert_snapshot!(wbs_run(&["show", "plans/other.yaml"]), @"
    ----- stderr -----
    error: `plans/other.yaml` is a file name, not a node
    hint: load plans with -f PATH; name a node by its id or by its WBS code, such as 2.2.1
    [exit status: 2]
    ");
}
