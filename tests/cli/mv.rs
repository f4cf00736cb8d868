//! `wbs mv`: the task's text, with its subtasks and the comment lines above
//! it, is cut out and put in its new place re-indented; nothing else moves.

use crate::common::{
    assert_node_shape, assert_unchanged, git, hunks, inline_plan, read_p, root, seed_repository,
    wbs_in, wbs_p,
};

/// The trap: a dry run did not say that the moved tasks' inherited owner
/// changes. The semantic diff says it once, on the moved task, and so do
/// the dry run's and the move's last lines.
#[test]
fn a_move_says_when_the_inherited_owner_changes() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "mv",
            "platform-strategy",
            "--under",
            "dev-data",
            "--dry-run",
        ],
    );
    let text = &output.stdout;
    let semantic = &text[..text.find("\n---").expect("a text diff")];
    let last = text.lines().last().unwrap_or_default();
    insta::assert_snapshot!(format!("{semantic}\n…\n{last}"), @"
    2 工作组
      → 2.2.4.1.1.3 制定产品优化策略: parent 2.2.1.1 平台工具研发与推广 → 2.2.4.1.1 数据清洗与集成
      ~ 2.2.4.1.1.3 (was 2.2.1.1.2) 制定产品优化策略: owner 平台工具小组 → 场景研发小组 (inherited from 2.2.4)

    0 added, 0 removed, 1 moved, 0 renamed, 1 changed; progress 49.6% → 49.6%

    …
    dry run: 4 tasks would move; they would inherit owner 场景研发小组 instead of 平台工具小组; nothing was written
    ");
    assert_unchanged(dir, &output);
    let output = wbs_in(dir, &["mv", "platform-strategy", "--under", "dev-data"]);
    insta::assert_snapshot!(output, @"
    moved 2.2.1.1.2 制定产品优化策略 with its 3 subtasks to 2.2.4.1.1.3 in plans/programme.yaml; they now inherit owner 场景研发小组 instead of 平台工具小组
    [exit status: 0]
    ");
    // A task with an owner of its own keeps it: nothing to say.
    git(dir, &["checkout", "-q", "."]);
    let output = wbs_in(dir, &["mv", "platform-tools", "--under", "leadership"]);
    assert_eq!(output.code, 0, "{output}");
    assert!(!output.stdout.contains("inherit"), "{output}");
}

#[test]
fn after_a_task_elsewhere_points_to_the_dependency() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "mv",
            "platform-strategy-bottlenecks",
            "--under",
            "platform-strategy",
            "--after",
            "platform-deploy-manual",
        ],
    );
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: 2.2.1.1.3.1 编写部署操作手册 is not a subtask of 2.2.1.1.2 制定产品优化策略
    hint: --after places the task among the new parent's subtasks; it is not the plan's `after:` (a dependency). To make the task wait for 2.2.1.1.3.1 编写部署操作手册 to finish, run `wbs update platform-strategy-bottlenecks --set after=platform-deploy-manual` instead
    [exit status: 2]
    ");
    assert_unchanged(dir, &output);
}

#[test]
fn moves_a_subtree_to_another_parent_reindented() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &["mv", "marketing-consulting", "--under", "platform-ops"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 2.1.1.4 推进咨询实施及运营工作 with its 3 subtasks to 2.2.1.2.2.3 in plans/programme.yaml; they now inherit owner 平台工具小组 instead of 营销行业联合推进组\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "22\t22\tplans/programme.yaml\n"
    );
    // Lines 121–142 go, and come back after line 325 (the end of
    // platform-ops), each 8 spaces deeper: from level 4 to level 6.
    let seed = std::fs::read_to_string(root().join("plans/programme.yaml")).expect("seed");
    let subtree: Vec<&str> = seed.lines().skip(120).take(22).collect();
    assert_eq!(subtree[0], "              - id: marketing-consulting");
    assert_eq!(
        subtree[21], "                    due: 2027-08-31",
        "the subtree ends there"
    );
    let mut expected = "+++ b/plans/programme.yaml\n@@ -121,22 +120,0 @@ tasks:\n".to_owned();
    for line in &subtree {
        expected.push_str(&format!("-{line}\n"));
    }
    expected.push_str("@@ -325,0 +304,22 @@ tasks:\n");
    for line in &subtree {
        expected.push_str(&format!("+        {line}\n"));
    }
    assert_eq!(hunks(dir), expected);
    // The owner it inherited is now the new branch's.
    let output = wbs_in(
        dir,
        &["show", "marketing-consulting-report", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["code"], "2.2.1.2.2.3.3");
    assert_eq!(json["owner"], "平台工具小组");
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn promotes_the_last_child_after_its_parent() {
    let repo = seed_repository();
    let dir = repo.path();
    // No --under: the parent is that of the --after task.
    let output = wbs_in(
        dir,
        &[
            "mv",
            "marketing-consulting-report",
            "--after",
            "marketing-consulting",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 2.1.1.4.3 输出运营效果分析报告 to 2.1.1.5 in plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "6\t6\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -137,6 +137,6 @@ tasks:
-                  - id: marketing-consulting-report
-                    title: 输出运营效果分析报告
-                    status: todo
-                    effort: 1w
-                    start: 2027-07-01
-                    due: 2027-08-31
+              - id: marketing-consulting-report
+                title: 输出运营效果分析报告
+                status: todo
+                effort: 1w
+                start: 2027-07-01
+                due: 2027-08-31
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn reorders_with_before() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "mv",
            "marketing-consulting-report",
            "--before",
            "marketing-consulting-process",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 2.1.1.4.3 输出运营效果分析报告 to 2.1.1.4.1 in plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "6\t6\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -123,0 +124,6 @@ tasks:
+                  - id: marketing-consulting-report
+                    title: 输出运营效果分析报告
+                    status: todo
+                    effort: 1w
+                    start: 2027-07-01
+                    due: 2027-08-31
@@ -137,6 +142,0 @@ tasks:
-                  - id: marketing-consulting-report
-                    title: 输出运营效果分析报告
-                    status: todo
-                    effort: 1w
-                    start: 2027-07-01
-                    due: 2027-08-31
"
    );
    // Already in place: said so, nothing written.
    git(dir, &["checkout", "-q", "."]);
    let output = wbs_in(
        dir,
        &[
            "mv",
            "marketing-consulting-report",
            "--after",
            "marketing-consulting-tracking",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "2.1.1.4.3 输出运营效果分析报告 is already there; nothing was changed\n"
    );
    assert_unchanged(dir, &output);
}

/// Two sibling subtrees, one with a block scalar, a folded scalar, a
/// trailing comment and full-line comments above it.
const COMMENTED: &str = "wbs: 1
title: t
tasks:
  - id: a
    title: A
    tasks:
      # about b
      # second line
      - id: b
        title: B
        notes: |
          line one

          line three
        tasks:
          - id: c
            title: C  # trailing
            notes: >-
              folded
              text
      - id: d
        title: D
  # top comment
  - id: e
    title: E
";

#[test]
fn block_scalars_and_comments_move_with_the_subtree() {
    let dir = inline_plan(COMMENTED);
    let output = wbs_p(dir.path(), &["mv", "b", "--under", "e"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 1.1 B with its subtask to 2.1 in p.yaml\n"
    );
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1
title: t
tasks:
  - id: a
    title: A
    tasks:
      - id: d
        title: D
  # top comment
  - id: e
    title: E
    tasks:
      # about b
      # second line
      - id: b
        title: B
        notes: |
          line one

          line three
        tasks:
          - id: c
            title: C  # trailing
            notes: >-
              folded
              text
"
    );
    // Out to the top level: four spaces shallower, block scalars included.
    let dir = inline_plan(COMMENTED);
    let output = wbs_p(dir.path(), &["mv", "b", "--after", "a"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1
title: t
tasks:
  - id: a
    title: A
    tasks:
      - id: d
        title: D
  # about b
  # second line
  - id: b
    title: B
    notes: |
      line one

      line three
    tasks:
      - id: c
        title: C  # trailing
        notes: >-
          folded
          text
  # top comment
  - id: e
    title: E
"
    );
    // Under its next sibling: the block scalar four spaces deeper.
    let dir = inline_plan(COMMENTED);
    let output = wbs_p(dir.path(), &["mv", "b", "--under", "d"]);
    assert_eq!(output.code, 0, "{output}");
    let check = wbs_p(dir.path(), &["check", "-q"]);
    assert_eq!(check.code, 0, "{check}");
    assert!(
        read_p(dir.path()).contains(
            "      - id: d\n        title: D\n        tasks:\n          # about b\n          # second line\n          - id: b\n            title: B\n            notes: |\n              line one\n\n              line three\n"
        ),
        "{}",
        read_p(dir.path())
    );
}

#[test]
fn crlf_and_zero_indented_lists() {
    let dir = inline_plan(
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks:\r\n  # about b\r\n  - id: b\r\n    title: B\r\n    notes: |\r\n      one\r\n      two\r\n  - id: d\r\n    title: D\r\n- id: e\r\n  title: E\r\n  tasks:\r\n  - id: f\r\n    title: F\r\n",
    );
    // Under a leaf: `tasks:` is made, in the file's 0-indent style.
    let output = wbs_p(dir.path(), &["mv", "b", "--under", "f"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks:\r\n  - id: d\r\n    title: D\r\n- id: e\r\n  title: E\r\n  tasks:\r\n  - id: f\r\n    title: F\r\n    tasks:\r\n    # about b\r\n    - id: b\r\n      title: B\r\n      notes: |\r\n        one\r\n        two\r\n"
    );
    // The last child out: `tasks: []` is left.
    let output = wbs_p(dir.path(), &["mv", "d", "--before", "e"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks: []\r\n- id: d\r\n  title: D\r\n- id: e\r\n  title: E\r\n  tasks:\r\n  - id: f\r\n    title: F\r\n    tasks:\r\n    # about b\r\n    - id: b\r\n      title: B\r\n      notes: |\r\n        one\r\n        two\r\n"
    );
}

#[test]
fn flow_lists() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x, {id: y, title: Y}]\n  - id: e\n    title: E\n",
    );
    // Reordered within the flow list.
    let output = wbs_p(dir.path(), &["mv", "y", "--before", "1.1"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [{id: y, title: Y}, x]\n  - id: e\n    title: E\n"
    );
    // Out of it into a block list: the item's text as it was.
    let output = wbs_p(dir.path(), &["mv", "y", "--under", "e"]);
    assert_eq!(output.code, 0, "{output}");
    let output = wbs_p(dir.path(), &["mv", "1.1", "--after", "e"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "moved 1.1 x to 3 in p.yaml\n");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: []\n  - id: e\n    title: E\n    tasks:\n      - {id: y, title: Y}\n  - x\n"
    );
    // A multi-line subtree cannot go into a one-line list.
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x]\n  - id: e\n    title: E\n",
    );
    let output = wbs_p(dir.path(), &["mv", "e", "--under", "a"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .contains("into a one-line [..] list: its text spans lines"),
        "{output}"
    );
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x]\n  - id: e\n    title: E\n"
    );
}

#[test]
fn refusals_write_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "marketing-consulting",
                "--under",
                "marketing-consulting-tracking",
            ],
            2,
            "cannot move 2.1.1.4 推进咨询实施及运营工作 under itself or one of its subtasks",
        ),
        (
            &["marketing-consulting", "--under", "marketing-consulting"],
            2,
            "under itself",
        ),
        (
            &[
                "marketing-consulting-report",
                "--before",
                "marketing-consulting-report",
            ],
            2,
            "cannot place 2.1.1.4.3 输出运营效果分析报告 before or after itself",
        ),
        (
            &["marketing-consulting", "--under", "leadership-decisions"],
            1,
            "[leaf-field-on-parent] 1.1 决策与资源调配 sets its own `status`",
        ),
        (
            &[
                "marketing-consulting",
                "--under",
                "leadership",
                "--before",
                "platform-ops",
            ],
            2,
            "is not a subtask of 1 领导组",
        ),
        (
            &["nonexistent", "--under", "leadership"],
            2,
            "no node has the id `nonexistent`",
        ),
        (
            &["marketing-consulting", "--under", "nonexistent"],
            2,
            "no node has the id `nonexistent`",
        ),
        (&["marketing-consulting"], 2, "--under"),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["mv"];
        all.extend(*args);
        let output = wbs_in(dir, &all);
        assert_eq!(output.code, *code, "{args:?}: {output}");
        assert!(output.stderr.contains(message), "{args:?}: {output}");
        assert_eq!(output.stdout, "", "{args:?}: {output}");
        assert_unchanged(dir, &output);
    }
    insta::assert_snapshot!(
        "under-itself",
        wbs_in(
            dir,
            &[
                "mv",
                "marketing-consulting",
                "--under",
                "marketing-consulting-tracking"
            ]
        )
    );
}

#[test]
fn json_lists_the_moved_nodes_where_they_are_now() {
    let repo = seed_repository();
    let output = wbs_in(
        repo.path(),
        &[
            "mv",
            "marketing-consulting",
            "--under",
            "platform-ops",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["moved"], 4);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let nodes = json["nodes"].as_array().expect("nodes");
    let codes: Vec<&str> = nodes.iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "2.2.1.2.2.3",
            "2.2.1.2.2.3.1",
            "2.2.1.2.2.3.2",
            "2.2.1.2.2.3.3"
        ]
    );
    for node in nodes {
        assert_node_shape(node);
        assert_eq!(node["owner"], "平台工具小组");
    }
    assert_eq!(nodes[0]["id"], "marketing-consulting");
    assert_eq!(nodes[0]["level"], 6);
    assert_eq!(nodes[0]["line"], 304);
    assert_eq!(nodes[3]["level"], 7);
}

#[test]
fn dry_run_shows_both_diffs_and_writes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "mv",
            "marketing-consulting-report",
            "--after",
            "marketing-consulting",
            "--dry-run",
        ],
    );
    insta::assert_snapshot!("dry-run", output);
    assert_unchanged(dir, &output);
}

#[test]
fn from_one_file_of_a_plan_set_into_another() {
    let repo = crate::common::plan_set_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["mv", "a1", "--under", "b1"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 1.1 A1 with its subtask to 2.1.1 in plans/a.yaml, plans/b.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t5\tplans/a.yaml\n6\t0\tplans/b.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/a.yaml
@@ -4,5 +3,0 @@ tasks:
-  - id: a1
-    title: A1
-    tasks:
-      - id: a11
-        title: A11
+++ b/plans/b.yaml
@@ -6,0 +7,6 @@ tasks:
+    tasks:
+      - id: a1
+        title: A1
+        tasks:
+          - id: a11
+            title: A11
"
    );
    git(dir, &["checkout", "-q", "."]);

    // To the top of the other file, before the task that waits on it.
    let output = wbs_in(dir, &["mv", "a2", "--under", "2", "--before", "b1"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "moved 1.2 A2 to 2.1 in plans/a.yaml, plans/b.yaml\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plans/b.yaml")).expect("read"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: a2\n    title: A2\n  - id: b1\n    title: B1\n    after: [a2]\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plans/a.yaml")).expect("read"),
        "wbs: 1\ntitle: A\ntasks:\n  - id: a1\n    title: A1\n    tasks:\n      - id: a11\n        title: A11\n"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn dry_run_json_is_the_intended_changes_and_the_moved_nodes() {
    use crate::common::{
        SMALL_PLAN, inline_plan, json_of, read_p, small_leaf, small_summary, wbs_p,
    };
    use serde_json::json;
    let dir = inline_plan(SMALL_PLAN);
    let output = wbs_p(
        dir.path(),
        &["mv", "b", "--under", "a", "--dry-run", "--format", "json"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        json_of(&output),
        json!({
            "dry_run": true,
            "moved": 1,
            "files": ["p.yaml"],
            "nodes": [small_leaf(json!({"code": "1.2", "id": "b", "title": "B", "level": 2, "line": 11}))],
            "summary": small_summary(json!({"moved": 1})),
            "changes": [{
                "kind": "moved", "id": "b", "code": "1.2", "old_code": "2", "title": "B",
                "field": "parent", "old": "(top level of p.yaml)", "new": "1 A", "note": null,
                "rollup": false, "subtree": 1
            }],
            "warnings": []
        })
    );
    assert_eq!(read_p(dir.path()), SMALL_PLAN);
}
