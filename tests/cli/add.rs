//! `wbs add`: the new task is written in the style of its list, every other
//! byte of the file is kept, and refusals write nothing.

use crate::common::{
    assert_node_shape, assert_unchanged, git, hunks, inline_plan, plan_set_repository, read_p,
    seed_repository, wbs_in, wbs_p,
};

#[test]
fn adds_a_leaf_under_a_node() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "add",
            "leadership",
            "新任务",
            "--id",
            "lead-new",
            "--owner",
            "领导组",
            "--due",
            "2027-01-15",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 1.3 新任务 in plans/programme.yaml\n");
    assert_eq!(output.stderr, "");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "4\t0\tplans/programme.yaml\n"
    );
    // After the last subtask, before the blank line that ends the branch.
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -40,0 +41,4 @@ tasks:
+      - id: lead-new
+        title: 新任务
+        owner: 领导组
+        due: 2027-01-15
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn adds_at_the_top_level_with_a_dot() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &["add", ".", "收尾", "--id", "wrap-up", "--tag", "总结,培训"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 3 收尾 in plans/programme.yaml\n");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "3\t0\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -791,0 +792,3 @@ tasks:
+  - id: wrap-up
+    title: 收尾
+    tags: [总结, 培训]
"
    );
}

#[test]
fn adds_the_first_child_of_a_leaf() {
    let repo = seed_repository();
    let dir = repo.path();
    // A leaf without status and effort can become a parent.
    let output = wbs_in(
        dir,
        &[
            "update",
            "id:marketing-local-team-standards",
            "--unset",
            "status",
            "--unset",
            "effort",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    git(dir, &["commit", "-qam", "unset"]);
    let output = wbs_in(
        dir,
        &[
            "add",
            "marketing-local-team-standards",
            "标准细则",
            "--id",
            "marketing-local-team-standards-rules",
            "--owner",
            "营销行业联合推进组",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "added 2.1.1.1.1.1 标准细则 in plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "4\t0\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -60,0 +61,4 @@ tasks:
+                    tasks:
+                      - id: marketing-local-team-standards-rules
+                        title: 标准细则
+                        owner: 营销行业联合推进组
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn before_and_after_place_it_among_the_siblings() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "add",
            "platform-strategy",
            "前置分析",
            "--before",
            "platform-strategy-bottlenecks",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "added 2.2.1.1.2.2 前置分析 in plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t0\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -242,0 +243 @@ tasks:
+                      - title: 前置分析
"
    );
    git(dir, &["checkout", "-q", "."]);
    // After a sibling that ends with a block list: after the list's items.
    let output = wbs_in(
        dir,
        &[
            "add",
            "2.2.1.1.2",
            "发布",
            "--id",
            "platform-strategy-release",
            "--after",
            "platform-strategy-roadmap",
            "--status",
            "blocked",
            "--effort",
            "2d",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "4\t0\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -258,0 +259,4 @@ tasks:
+                      - id: platform-strategy-release
+                        title: 发布
+                        status: blocked
+                        effort: 2d
"
    );
}

/// The trap: `--after Y` places the task among its siblings, while
/// `after:` in a plan is a dependency. When Y is not a sibling the user
/// likely meant the dependency: the error says how to write it.
#[test]
fn after_a_task_elsewhere_points_to_the_dependency() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "add",
            "platform-strategy",
            "新任务",
            "--after",
            "platform-deploy-manual",
        ],
    );
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: 2.2.1.1.3.1 编写部署操作手册 is not a subtask of 2.2.1.1.2 制定产品优化策略
    hint: --after places the task among PARENT's subtasks; it is not the plan's `after:` (a dependency). To make the task wait for 2.2.1.1.3.1 编写部署操作手册 to finish, add --set after=platform-deploy-manual instead
    [exit status: 2]
    ");
    assert_unchanged(dir, &output);
    // What the hint says works, and makes a dependency.
    let output = wbs_in(
        dir,
        &[
            "add",
            "platform-strategy",
            "新任务",
            "--set",
            "after=platform-deploy-manual",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert!(
        hunks(dir).contains("+                        after: [platform-deploy-manual]\n"),
        "{}",
        hunks(dir)
    );
    // A task without an id needs one first.
    let dir = inline_plan(
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks: [a1]\n  - id: b\n    title: B\n    tasks: [b1]\n",
    );
    let output = wbs_p(dir.path(), &["add", "a", "new", "--after", "2.1"]);
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: 2.1 b1 is not a subtask of 1 A
    hint: --after places the task among PARENT's subtasks; it is not the plan's `after:` (a dependency). To make the task wait for 2.1 b1 to finish, give it an id first (`wbs update 2.1 --set id=ID`), then use --set after=ID
    [exit status: 2]
    ");
}

#[test]
fn before_a_commented_item_goes_above_its_comments() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      # about b\n      # second line\n      - id: b\n        title: B\n      - id: d\n        title: D\n",
    );
    let output = wbs_p(dir.path(), &["add", "a", "X", "--id", "x", "--before", "b"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - id: x\n        title: X\n      # about b\n      # second line\n      - id: b\n        title: B\n      - id: d\n        title: D\n"
    );
    let output = wbs_p(dir.path(), &["add", "a", "Later", "--after", "b"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - id: x\n        title: X\n      # about b\n      # second line\n      - id: b\n        title: B\n      - title: Later\n      - id: d\n        title: D\n"
    );
}

#[test]
fn crlf_and_plain_string_tasks() {
    let dir = inline_plan(
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - id: a\r\n    title: A\r\n    tasks:\r\n      - Set up CI   # first\r\n",
    );
    // A sibling of a plain-string task, in CRLF.
    let output = wbs_p(dir.path(), &["add", "a", "Deploy", "--id", "deploy"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 1.2 Deploy in p.yaml\n");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - id: a\r\n    title: A\r\n    tasks:\r\n      - Set up CI   # first\r\n      - id: deploy\r\n        title: Deploy\r\n"
    );
    // A child of a plain-string task: it becomes a mapping with `tasks:`.
    let output = wbs_p(
        dir.path(),
        &["add", "1.1", "Pick a runner", "--id", "runner"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - id: a\r\n    title: A\r\n    tasks:\r\n      - title: Set up CI   # first\r\n        tasks:\r\n          - id: runner\r\n            title: Pick a runner\r\n      - id: deploy\r\n        title: Deploy\r\n"
    );
    assert_eq!(wbs_p(dir.path(), &["check", "-q"]).code, 0);
}

#[test]
fn flow_lists_stay_flow() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x, {title: y}]\n",
    );
    // Flow-safe quoting of a title with a comma.
    let output = wbs_p(dir.path(), &["add", "a", "z, w", "--owner", "bob"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x, {title: y}, {title: \"z, w\", owner: bob}]\n"
    );
    let output = wbs_p(dir.path(), &["add", "a", "v", "--before", "1.2"]);
    assert_eq!(output.code, 0, "{output}");
    // A child of a plain string inside the flow list.
    let output = wbs_p(dir.path(), &["add", "1.1", "sub"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [{title: x, tasks: [{title: sub}]}, {title: v}, {title: y}, {title: \"z, w\", owner: bob}]\n"
    );
}

#[test]
fn an_empty_list_is_filled() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: []\n  - id: b\n    title: B\n",
    );
    let output = wbs_p(dir.path(), &["add", "a", "first", "--id", "first"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - id: first\n        title: first\n  - id: b\n    title: B\n"
    );
}

#[test]
fn zero_indented_lists_keep_their_style() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n- id: a\n  title: A\n  tasks:\n  - id: a1\n    title: A1\n- id: b\n  title: B\n",
    );
    for args in [
        &["add", "a", "second", "--id", "a2"][..],
        &["add", "b", "child", "--id", "b1"],
        &["add", ".", "top", "--id", "c"],
    ] {
        let output = wbs_p(dir.path(), args);
        assert_eq!(output.code, 0, "{args:?}: {output}");
    }
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n- id: a\n  title: A\n  tasks:\n  - id: a1\n    title: A1\n  - id: a2\n    title: second\n- id: b\n  title: B\n  tasks:\n  - id: b1\n    title: child\n- id: c\n  title: top\n"
    );
}

#[test]
fn refusals_write_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["platform-strategy-roadmap", "子任务"],
            1,
            "[leaf-field-on-parent] 2.2.1.1.2.3 制定版本迭代计划（功能优先级排序） sets its own `status`",
        ),
        (
            &["platform-strategy", "新", "--id", "platform-dev"],
            1,
            "[duplicate-id] the id `platform-dev` is already used by 2.2.1.1.1 数据分析平台工具研发",
        ),
        (
            &["platform-strategy", "新", "--owner", "nobody"],
            1,
            "error[unknown-owner]: `nobody` is not in this file's `people`",
        ),
        (
            &["nonexistent", "新"],
            2,
            "no node has the id `nonexistent`",
        ),
        (&["9.9", "新"], 2, "9.9"),
        (
            &["platform-strategy", "新", "--before", "leadership"],
            2,
            "1 领导组 is not a subtask of 2.2.1.1.2 制定产品优化策略",
        ),
        (&["platform-strategy", "  "], 2, "a task needs a title"),
        (
            &["platform-strategy", "新", "--id", "1.2"],
            2,
            "is not an id",
        ),
        (
            &["platform-strategy", "新", "--tag", "-a"],
            2,
            "a new task has no tags to remove",
        ),
        (
            &["platform-strategy", "新", "--progress", "120"],
            2,
            "not a progress",
        ),
        (
            &["platform-strategy", "新", "--before", "a", "--after", "b"],
            2,
            "cannot be used with",
        ),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["add"];
        all.extend(*args);
        let output = wbs_in(dir, &all);
        assert_eq!(output.code, *code, "{args:?}: {output}");
        assert!(output.stderr.contains(message), "{args:?}: {output}");
        assert_eq!(output.stdout, "", "{args:?}: {output}");
        assert_unchanged(dir, &output);
    }
}

#[test]
fn a_leaf_with_progress_or_effort_cannot_get_subtasks() {
    let text = "wbs: 1\ntitle: t\ntasks:\n  - id: p\n    title: P\n    progress: 40\n  - id: e\n    title: E\n    effort: 2d\n  - id: c\n    title: C\n    status: cancelled\n";
    let dir = inline_plan(text);
    for (parent, field) in [("p", "progress"), ("e", "effort")] {
        let output = wbs_p(dir.path(), &["add", parent, "sub"]);
        assert_eq!(output.code, 1, "{parent}: {output}");
        assert!(
            output.stderr.contains("error: [leaf-field-on-parent] "),
            "{parent}: {output}"
        );
        assert!(
            output.stderr.contains(&format!(
                "sets its own `{field}`, which a task with subtasks cannot; nothing was changed"
            )),
            "{parent}: {output}"
        );
        assert_eq!(read_p(dir.path()), text);
    }
    // `cancelled` is allowed on a parent: it cancels the subtree.
    let output = wbs_p(dir.path(), &["add", "c", "sub"]);
    assert_eq!(output.code, 0, "{output}");
    assert!(
        read_p(dir.path()).ends_with("    status: cancelled\n    tasks:\n      - title: sub\n"),
        "{}",
        read_p(dir.path())
    );
}

#[test]
fn refusal_messages() {
    let repo = seed_repository();
    let dir = repo.path();
    insta::assert_snapshot!(
        "duplicate-id",
        wbs_in(
            dir,
            &["add", "platform-strategy", "新", "--id", "platform-dev"]
        )
    );
    insta::assert_snapshot!(
        "unknown-owner",
        wbs_in(
            dir,
            &["add", "platform-strategy", "新", "--owner", "nobody"]
        )
    );
    assert_unchanged(dir, &"refusals");
}

#[test]

fn the_leaf_field_hint_is_a_command_that_works() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["add", "platform-strategy-roadmap", "子任务"]);
    assert_eq!(output.code, 1, "{output}");
    let hint = output
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("hint: remove it first: wbs "))
        .expect("a hint with a command");
    let args: Vec<&str> = hint.split_whitespace().collect();
    let output = wbs_in(dir, &args);
    assert_eq!(output.code, 0, "`wbs {hint}`: {output}");
    assert_eq!(
        wbs_in(dir, &["add", "platform-strategy-roadmap", "子任务"]).code,
        0
    );
}

#[test]
fn json_is_the_new_node() {
    let repo = seed_repository();
    let output = wbs_in(
        repo.path(),
        &[
            "add",
            "platform-strategy",
            "新任务",
            "--id",
            "n1",
            "--due",
            "2027-01-15",
            "--tag",
            "+a,b",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["added"], 1);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let nodes = json["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 1);
    let node = &nodes[0];
    assert_node_shape(node);
    assert_eq!(node["code"], "2.2.1.1.2.4");
    assert_eq!(node["id"], "n1");
    assert_eq!(node["title"], "新任务");
    assert_eq!(node["owner"], "平台工具小组"); // inherited
    assert_eq!(node["status"], "todo");
    assert_eq!(node["progress"], 0.0);
    assert_eq!(node["start"], serde_json::Value::Null);
    assert_eq!(node["due"], "2027-01-15");
    assert_eq!(node["effort_hours"], 8.0);
    assert_eq!(node["level"], 6);
    assert_eq!(node["leaf"], true);
    assert_eq!(node["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(node["after"], serde_json::json!([]));
    assert_eq!(node["file"], "plans/programme.yaml");
    assert_eq!(node["line"], 259);
}

#[test]
fn dry_run_shows_both_diffs_and_writes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(
        dir,
        &[
            "add",
            "platform-strategy",
            "新任务",
            "--id",
            "n1",
            "--due",
            "2027-01-15",
            "--dry-run",
        ],
    );
    insta::assert_snapshot!("dry-run", output);
    assert_unchanged(dir, &output);
}

#[test]
fn in_a_plan_set_the_top_level_needs_a_file() {
    let repo = plan_set_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["-f", "plans", "add", ".", "T"]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!("plan-set-dot", output);
    assert_unchanged(dir, &output);

    // `.` with a file named last: that file's top level.
    let output = wbs_in(dir, &["-f", "plans", "-f", "plans/b.yaml", "add", ".", "T"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 2.2 T in plans/b.yaml\n");
    assert_eq!(
        hunks(dir),
        "+++ b/plans/b.yaml
@@ -6,0 +7 @@ tasks:
+  - title: T
"
    );
    git(dir, &["checkout", "-q", "."]);

    // A file number instead of `.`.
    let output = wbs_in(dir, &["add", "2", "T", "--id", "t2"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 2.2 T in plans/b.yaml\n");
    assert_eq!(git(dir, &["diff", "--numstat"]), "2\t0\tplans/b.yaml\n");
    assert_eq!(
        hunks(dir),
        "+++ b/plans/b.yaml
@@ -6,0 +7,2 @@ tasks:
+  - id: t2
+    title: T
"
    );
    let output = wbs_in(dir, &["add", "1", "U", "--before", "a2"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "added 1.2 U in plans/a.yaml\n");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t0\tplans/a.yaml\n2\t0\tplans/b.yaml\n"
    );
    // Out of range, a number is a WBS code that names no node.
    let output = wbs_in(dir, &["add", "3", "V"]);
    assert_eq!(output.code, 2, "{output}");
}

#[test]
fn dry_run_json_is_the_intended_changes_and_the_new_node() {
    use crate::common::{
        SMALL_PLAN, inline_plan, json_of, read_p, small_leaf, small_summary, wbs_p,
    };
    use serde_json::json;
    let dir = inline_plan(SMALL_PLAN);
    let output = wbs_p(
        dir.path(),
        &[
            "add",
            "a",
            "A2",
            "--id",
            "a2",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        json_of(&output),
        json!({
            "dry_run": true,
            "added": 1,
            "files": ["p.yaml"],
            "nodes": [small_leaf(json!({"code": "1.2", "id": "a2", "title": "A2", "level": 2, "line": 11}))],
            "summary": small_summary(json!({"added": 1})),
            "changes": [{
                "kind": "added", "id": "a2", "code": "1.2", "old_code": null, "title": "A2",
                "field": null, "old": null, "new": null, "note": null, "rollup": false, "subtree": 1
            }],
            "warnings": []
        })
    );
    assert_eq!(read_p(dir.path()), SMALL_PLAN);
}
