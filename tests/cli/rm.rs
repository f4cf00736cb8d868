//! `wbs rm`: the task's lines go with the comment lines above it, every
//! other byte stays, and refusals write nothing.

use crate::common::{
    assert_node_shape, assert_unchanged, git, hunks, inline_plan, read_p, seed_repository, wbs_in,
    wbs_p,
};

#[test]
fn removes_a_leaf() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["rm", "marketing-consulting-report"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "removed 2.1.1.4.3 输出运营效果分析报告 from plans/programme.yaml\n"
    );
    assert_eq!(output.stderr, "");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t6\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -137,6 +136,0 @@ tasks:
-                  - id: marketing-consulting-report
-                    title: 输出运营效果分析报告
-                    status: todo
-                    effort: 1w
-                    start: 2027-07-01
-                    due: 2027-08-31
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn recursive_removes_the_subtree_and_the_comment_above_it() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["rm", "leadership", "--recursive"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "removed 1 领导组 and its 2 subtasks from plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t22\tplans/programme.yaml\n"
    );
    // The comment line goes; the blank line after the branch stays.
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -19,22 +18,0 @@ tasks:
-  # 1 领导组：主要职责为常设职责，贯穿整个计划周期。
-  - id: leadership
-    title: 领导组
-    owner: 领导组
-    notes: 主要职责
-    tasks:
-      - id: leadership-decisions
-        title: 决策与资源调配
-        notes: 审批重大方案、协调跨部门资源分配。
-        status: in-progress
-        progress: 45
-        effort: 20d
-        start: 2026-01-05
-        due: 2027-12-17
-      - id: leadership-reports
-        title: 听取汇报
-        notes: 定期接收工作组进度汇报并给出指导意见。
-        status: in-progress
-        progress: 45
-        effort: 10d
-        start: 2026-01-05
-        due: 2027-12-17
"
    );
    // Short form, a subtree inside a list.
    git(dir, &["checkout", "-q", "."]);
    let output = wbs_in(dir, &["rm", "-r", "marketing-consulting"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t22\tplans/programme.yaml\n"
    );
    let diff = hunks(dir);
    assert!(
        diff.starts_with(
            "+++ b/plans/programme.yaml\n@@ -121,22 +120,0 @@ tasks:\n-              - id: marketing-consulting\n"
        ),
        "{diff}"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

/// The trap: the task after the removed one took its code, and the two
/// lines named two tasks `2.1.1.2.1`. Each code is printed as it was, in
/// the summary and in the dry run's semantic diff.
#[test]
fn force_prints_each_task_with_the_code_it_had() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["rm", "2.1.1.2.1", "--force", "--dry-run"]);
    let semantic = &output.stdout[..output.stdout.find("\n---").expect("a text diff")];
    insta::assert_snapshot!(semantic, @"
    2 工作组
      ~ 2.1.1.2.1 (was 2.1.1.2.2) 设计转型培训计划（课程、周期、考核）: after [marketing-transition-survey] → [] (-marketing-transition-survey)
      − 2.1.1.2.1 调研分支机构现有人员结构与能力缺口: removed (1 node)

    0 added, 1 removed, 0 moved, 0 renamed, 1 changed; progress 49.6% → 49.1% (2 工作组 49.7% → 49.2%)
    ");
    let output = wbs_in(dir, &["rm", "2.1.1.2.1", "--force"]);
    insta::assert_snapshot!(output, @"
    removed 2.1.1.2.1 调研分支机构现有人员结构与能力缺口 from plans/programme.yaml
    2.1.1.2.2 设计转型培训计划（课程、周期、考核）: no longer after marketing-transition-survey
    [exit status: 0]
    ");
}

#[test]
fn force_takes_the_ids_out_of_after_lists() {
    let repo = seed_repository();
    let dir = repo.path();
    // A flow list keeps the other ids.
    let output = wbs_in(dir, &["rm", "dev-data-transform", "--force"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "removed 2.2.4.1.1.2 转换数据格式（如标准化时间戳） from plans/programme.yaml\n2.2.4.1.2.1 编写场景核心代码（如预测算法）: no longer after dev-data-transform\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t9\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -615,8 +614,0 @@ tasks:
-                      - id: dev-data-transform
-                        title: 转换数据格式（如标准化时间戳）
-                        status: in-progress
-                        progress: 65
-                        effort: 2w
-                        start: 2026-08-31
-                        due: 2026-12-11
-                        after: [dev-data-extract]
@@ -632 +624 @@ tasks:
-                        after: [design-model-algorithm, dev-data-transform]
+                        after: [design-model-algorithm]
"
    );
    git(dir, &["checkout", "-q", "."]);

    // A block list loses the item's line.
    let output = wbs_in(dir, &["rm", "platform-strategy-feedback", "--force"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t8\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -236,7 +235,0 @@ tasks:
-                      - id: platform-strategy-feedback
-                        title: 收集用户使用反馈
-                        status: in-progress
-                        progress: 60
-                        effort: 1w
-                        start: 2026-09-01
-                        due: 2026-12-31
@@ -257 +249,0 @@ tasks:
-                          - platform-strategy-feedback
"
    );
    git(dir, &["checkout", "-q", "."]);

    // Every id in the list gone: the `after` line goes; two dependents.
    let output = wbs_in(dir, &["rm", "-r", "--force", "governance-spec"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "removed 2.2.2.2.1 制定数据模型治理规范 and its 2 subtasks from plans/programme.yaml
2.2.2.2.2.1 设计模型审批流程（提交→审核→发布）: no longer after governance-spec-naming
2.2.2.3.1.1 部署自动化监控工具（如数据完整性检查）: no longer after governance-spec-quality-rules
"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "0\t17\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -449,15 +448,0 @@ tasks:
-                  - id: governance-spec
-                    title: 制定数据模型治理规范
-                    tasks:
-                      - id: governance-spec-naming
-                        title: 编写模型设计标准（命名规则、字段定义）
-                        status: done
-                        effort: 2w
-                        start: 2026-02-02
-                        due: 2026-03-31
-                      - id: governance-spec-quality-rules
-                        title: 制定数据质量校验规则
-                        status: done
-                        effort: 1w
-                        start: 2026-04-01
-                        due: 2026-05-15
@@ -474 +458,0 @@ tasks:
-                        after: [governance-spec-naming]
@@ -495 +478,0 @@ tasks:
-                        after: [governance-spec-quality-rules]
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn refusals_write_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["governance-spec"],
            1,
            "2.2.2.2.1 制定数据模型治理规范 has 2 subtasks; nothing was removed",
        ),
        (
            &["governance-spec", "-r"],
            1,
            "other tasks wait on 2.2.2.2.1 制定数据模型治理规范; nothing was removed",
        ),
        (
            &["platform-dev-requirements"],
            1,
            "  2.2.1.1.1.2 开发核心功能模块（如数据可视化、算法库） (after: platform-dev-requirements)\n",
        ),
        // --force does not stand in for --recursive.
        (&["governance-spec", "--force"], 1, "has 2 subtasks"),
        (&["nonexistent"], 2, "no node has the id `nonexistent`"),
        (&["9.9"], 2, "no node has the WBS code `9.9`"),
        (&[], 2, "NODE"),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["rm"];
        all.extend(*args);
        let output = wbs_in(dir, &all);
        assert_eq!(output.code, *code, "{args:?}: {output}");
        assert!(output.stderr.contains(message), "{args:?}: {output}");
        assert_eq!(output.stdout, "", "{args:?}: {output}");
        assert_unchanged(dir, &output);
    }
}

#[test]
fn refusal_messages() {
    let repo = seed_repository();
    let dir = repo.path();
    insta::assert_snapshot!("subtasks", wbs_in(dir, &["rm", "governance-spec"]));
    insta::assert_snapshot!("dependents", wbs_in(dir, &["rm", "-r", "governance-spec"]));
    assert_unchanged(dir, &"refusals");
}

#[test]
fn json_lists_the_removed_nodes() {
    let repo = seed_repository();
    let output = wbs_in(
        repo.path(),
        &["rm", "-r", "marketing-consulting", "--format", "json"],
    );
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["removed"], 4);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let nodes = json["nodes"].as_array().expect("nodes");
    // The nodes as they were, in document order.
    let codes: Vec<&str> = nodes.iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["2.1.1.4", "2.1.1.4.1", "2.1.1.4.2", "2.1.1.4.3"]);
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "marketing-consulting",
            "marketing-consulting-process",
            "marketing-consulting-tracking",
            "marketing-consulting-report"
        ]
    );
    for node in nodes {
        assert_node_shape(node);
        assert_eq!(node["file"], "plans/programme.yaml");
    }
    assert_eq!(nodes[0]["leaf"], false);
    assert_eq!(nodes[0]["line"], 121);
    assert_eq!(nodes[3]["line"], 137);
}

#[test]
fn dry_run_shows_both_diffs_and_writes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["rm", "dev-data-transform", "--force", "--dry-run"]);
    insta::assert_snapshot!("dry-run", output);
    assert_unchanged(dir, &output);
}

#[test]
fn flow_lists_and_the_last_child() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x, {title: y}, z]\n",
    );
    let output = wbs_p(dir.path(), &["rm", "1.2"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "removed 1.2 y from p.yaml\n");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [x, z]\n"
    );
    assert_eq!(wbs_p(dir.path(), &["rm", "1.1"]).code, 0);
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: [z]\n"
    );
    // The last child: an empty list is left, a leaf with a warning.
    let output = wbs_p(dir.path(), &["rm", "1.1"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: []\n"
    );
    let check = wbs_p(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{check}");
    assert!(check.stderr.contains("warning[empty-parent]"), "{check}");
}

#[test]
fn the_last_child_of_a_block_list_leaves_an_empty_list() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      # the only one\n      - id: only\n        title: Only\n        notes: |\n          two\n          lines\n  - id: b\n    title: B\n",
    );
    let output = wbs_p(dir.path(), &["rm", "only"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks: []\n  - id: b\n    title: B\n"
    );
}

#[test]
fn comments_above_go_with_the_item_and_others_stay() {
    let dir = inline_plan(
        "wbs: 1\ntitle: t\ntasks:\n  # about a\n  - id: a\n    title: A   # trailing\n\n  # about b\n  # more about b\n  - id: b\n    title: B\n  - id: c\n    title: C\n# the end\n",
    );
    let output = wbs_p(dir.path(), &["rm", "b"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  # about a\n  - id: a\n    title: A   # trailing\n\n  - id: c\n    title: C\n# the end\n"
    );
    let output = wbs_p(dir.path(), &["rm", "c"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  # about a\n  - id: a\n    title: A   # trailing\n\n# the end\n"
    );
}

#[test]
fn crlf_and_zero_indented_lists() {
    let dir = inline_plan(
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks:\r\n  - Set up CI\r\n  # about b\r\n  - id: b\r\n    title: B\r\n- id: c\r\n  title: C\r\n",
    );
    let output = wbs_p(dir.path(), &["rm", "b"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks:\r\n  - Set up CI\r\n- id: c\r\n  title: C\r\n"
    );
    // A plain-string task, by its code.
    let output = wbs_p(dir.path(), &["rm", "1.1"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, "removed 1.1 Set up CI from p.yaml\n");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: a\r\n  title: A\r\n  tasks: []\r\n- id: c\r\n  title: C\r\n"
    );
    let output = wbs_p(dir.path(), &["rm", "a"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n- id: c\r\n  title: C\r\n"
    );
}

#[test]
fn dry_run_json_is_the_intended_changes_and_the_nodes_as_they_were() {
    use crate::common::{
        SMALL_PLAN, inline_plan, json_of, read_p, small_leaf, small_summary, wbs_p,
    };
    use serde_json::json;
    let dir = inline_plan(SMALL_PLAN);
    let output = wbs_p(dir.path(), &["rm", "b", "--dry-run", "--format", "json"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        json_of(&output),
        json!({
            "dry_run": true,
            "removed": 1,
            "files": ["p.yaml"],
            "nodes": [small_leaf(json!({"code": "2", "id": "b", "title": "B", "line": 11}))],
            "summary": small_summary(json!({"removed": 1})),
            "changes": [{
                "kind": "removed", "id": "b", "code": "2", "old_code": "2", "title": "B",
                "field": null, "old": null, "new": null, "note": null, "rollup": false, "subtree": 1
            }],
            "warnings": []
        })
    );
    assert_eq!(read_p(dir.path()), SMALL_PLAN);
}
