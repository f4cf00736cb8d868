//! `wbs apply`: rows of CSV, JSON Lines or JSON change fields in place;
//! every bad row is reported with its row and line, and either every row
//! applies or nothing is written.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use crate::common::{
    Output, assert_node_shape, assert_unchanged, git, hunks, seed_repository, wbs, wbs_in,
};

/// Writes `rows` to `rows/NAME` in the repository, a folder git ignores,
/// and applies them; messages name the file as `rows/NAME`.
fn apply_file(dir: &Path, name: &str, rows: &str, extra: &[&str]) -> Output {
    std::fs::create_dir_all(dir.join("rows")).expect("mkdir");
    std::fs::write(dir.join(".git/info/exclude"), "rows/\n").expect("exclude");
    std::fs::write(dir.join("rows").join(name), rows).expect("write rows");
    let path = format!("rows/{name}");
    let mut args = vec!["apply", path.as_str()];
    args.extend(extra);
    wbs_in(dir, &args)
}

/// Applies `rows` given on standard input (`wbs apply -`).
fn apply_stdin(dir: &Path, rows: &str, extra: &[&str]) -> Output {
    let mut args = vec!["apply", "-"];
    args.extend(extra);
    let mut child = wbs(&args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(rows.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

const CSV: &str = "id,status,progress,due
platform-strategy-roadmap,in-progress,10,
platform-deploy-remote,,60,2027-04-30
";

const CSV_HUNKS: &str = "+++ b/plans/programme.yaml
@@ -252 +252 @@ tasks:
-                        status: todo
+                        status: in-progress
@@ -258,0 +259 @@ tasks:
+                        progress: 10
@@ -271 +272 @@ tasks:
-                        progress: 50
+                        progress: 60
@@ -275 +276 @@ tasks:
-                        due: 2027-03-31
+                        due: 2027-04-30
";

#[test]
fn csv_rows_change_only_their_cells() {
    let repo = seed_repository();
    let dir = repo.path();
    // An empty cell changes nothing.
    let output = apply_file(dir, "changes.csv", CSV, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "2.2.1.1.2.3 制定版本迭代计划（功能优先级排序）
2.2.1.1.3.2 提供远程部署支持
updated 2 tasks in plans/programme.yaml
"
    );
    assert_eq!(output.stderr, "");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "4\t3\tplans/programme.yaml\n"
    );
    assert_eq!(hunks(dir), CSV_HUNKS);
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);

    // The same rows from standard input (CSV by its first character).
    git(dir, &["checkout", "-q", "."]);
    let output = apply_stdin(dir, CSV, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(hunks(dir), CSV_HUNKS);
}

#[test]
fn csv_list_cells() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(
        dir,
        "lists.csv",
        "id,tags,after,x-jira\nplatform-deploy-pilot,\"上线,试点\",platform-deploy-manual,\nplatform-ops-checks,\"+巡检,-运维\",,OPS-1\n",
        &[],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -281 +281 @@ tasks:
-                        tags: [试点]
+                        tags: [上线, 试点]
@@ -315 +315 @@ tasks:
-                        tags: [运维]
+                        tags: [巡检]
@@ -317,0 +318 @@ tasks:
+                        x-jira: OPS-1
"
    );
}

#[test]
fn json_lines_rows() {
    let repo = seed_repository();
    let dir = repo.path();
    // A WBS code names a task too; `null` removes a field; a tags string
    // with + and - changes tags, a list sets them; blank lines are skipped.
    let rows = r#"{"id":"platform-strategy-roadmap","status":"in-progress","progress":10}

{"id":"2.2.1.1.3.3","tags":"+上线,-试点"}
{"id":"marketing-mechanisms-regulations","status":"in-progress","notes":null}
{"id":"platform-ops-checks","owner":"平台工具小组","x-jira":"OPS-1","tags":["运维","巡检"]}
"#;
    let output = apply_file(dir, "changes.jsonl", rows, &[]);
    assert_eq!(output.code, 0, "{output}");
    // In document order, not row order.
    assert_eq!(
        output.stdout,
        "2.1.2.2.1 修订管理制度文件（如绩效考核、资源分配规则）
2.2.1.1.2.3 制定版本迭代计划（功能优先级排序）
2.2.1.1.3.3 组织试点单位上线运行
2.2.1.2.2.1 定期检查服务器状态与数据安全
updated 4 tasks in plans/programme.yaml
"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "7\t5\tplans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -167 +167 @@ tasks:
-                    status: blocked
+                    status: in-progress
@@ -171 +170,0 @@ tasks:
-                    notes: 等待总部绩效考核办法定稿。
@@ -252 +251 @@ tasks:
-                        status: todo
+                        status: in-progress
@@ -258,0 +258 @@ tasks:
+                        progress: 10
@@ -281 +281 @@ tasks:
-                        tags: [试点]
+                        tags: [上线]
@@ -315 +315 @@ tasks:
-                        tags: [运维]
+                        tags: [运维, 巡检]
@@ -317,0 +318,2 @@ tasks:
+                        owner: 平台工具小组
+                        x-jira: OPS-1
"
    );
    assert_eq!(wbs_in(dir, &["check", "-q"]).code, 0);
}

#[test]
fn a_json_array_and_rows_of_one_task() {
    let repo = seed_repository();
    let dir = repo.path();
    // Two rows of one task merge; the same value twice is no conflict.
    let rows = r#"[{"id": "platform-deploy-pilot", "progress": 30},
 {"id": "platform-deploy-pilot", "due": "2027-01-08", "progress": "30%"}]"#;
    let output = apply_stdin(dir, rows, &["--from", "json"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "2.2.1.1.3.3 组织试点单位上线运行\nupdated 1 task in plans/programme.yaml\n"
    );
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -279 +279 @@ tasks:
-                        progress: 25
+                        progress: 30
@@ -283 +283 @@ tasks:
-                        due: 2026-12-18
+                        due: 2027-01-08
"
    );
}

#[test]
fn every_bad_csv_row_is_reported_and_nothing_is_written() {
    let repo = seed_repository();
    let dir = repo.path();
    let rows = "id,status,progress
platform-strategy-roadmap,in-progress,10
nope,done,
platform-tools,done,
platform-deploy-remote,,150
platform-deploy-pilot,weird,
platform-ops-checks,,55
";
    let output = apply_file(dir, "bad.csv", rows, &[]);
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(output.stdout, "");
    insta::assert_snapshot!("bad-csv", output);
    assert_unchanged(dir, &output);
}

#[test]
fn every_bad_json_row_is_reported_and_nothing_is_written() {
    let repo = seed_repository();
    let dir = repo.path();
    let rows = r#"{"id":"platform-strategy-roadmap","status":"in-progress"}
{"id":"nope","status":"done"}
{"status":"done"}
[1]
{"id":"platform-ops","progress":5}
{"id":"platform-ops-checks"}
{"id":"platform-ops-backup","status":"done","effort":"3"}
{"id":"platform-deploy-pilot","progress":30}
{"id":"platform-deploy-pilot","progress":40}
{"id":"platform-deploy-manual", }
"#;
    let output = apply_file(dir, "bad.jsonl", rows, &[]);
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(output.stdout, "");
    insta::assert_snapshot!("bad-json-lines", output);
    assert_unchanged(dir, &output);
}

#[test]
fn one_bad_row_among_good_ones_writes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(
        dir,
        "one-bad.csv",
        "id,due\nplatform-strategy-roadmap,2027-02-26\nplatform-deploy-remote,2027-02-30\nplatform-deploy-pilot,2027-01-08\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(
        output.stderr,
        "error: rows/one-bad.csv: row 2 (line 3): due: `2027-02-30` is not a date; write YYYY-MM-DD\n1 row cannot apply; nothing was changed\n"
    );
    assert_unchanged(dir, &output);

    // Rows that each read well but leave the plan invalid: the finding
    // names the row that causes it, not only the plan's line.
    let output = apply_file(
        dir,
        "invalid.jsonl",
        "{\"id\":\"platform-strategy-roadmap\",\"due\":\"2027-01-29\"}\n{\"id\":\"platform-deploy-pilot\",\"owner\":\"nobody\"}\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(
        output.stderr,
        "error: rows/invalid.jsonl: row 2 (line 2): [unknown-owner] `nobody` is not in this file's `people`; add `nobody` to `people`, or use one of its keys (in plans/programme.yaml at line 285, as the rows would leave it)\n1 row cannot apply; nothing was changed\n"
    );
    assert_unchanged(dir, &output);

    // No rows at all.
    let output = apply_stdin(dir, "id,status\n", &[]);
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(
        output.stderr,
        "error: <stdin>: no rows to apply; nothing was changed\n"
    );
    // An unreadable file is not a finding.
    let output = wbs_in(dir, &["apply", "rows/missing.csv"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("cannot read `rows/missing.csv`"),
        "{output}"
    );
    assert_unchanged(dir, &output);
}

#[test]
fn a_bad_header_is_reported_once() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "id,stat,progress,progress\nplatform-ops,done,1,2\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .contains("column `stat`: `stat` is not a task field; did you mean `start`?"),
        "{output}"
    );
    assert!(
        output
            .stderr
            .contains("the column `progress` is there twice"),
        "{output}"
    );
    let output = apply_stdin(dir, "task,status\nplatform-ops,done\n", &[]);
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .contains("the CSV header needs an `id` column"),
        "{output}"
    );
    assert_unchanged(dir, &output);
}

#[test]
fn the_count_is_of_rows() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "id,status,progress\nplatform-deploy-remote,weird,150\nplatform-ops-checks,done,\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .ends_with("\n1 row cannot apply; nothing was changed\n"),
        "{output}"
    );
}

#[test]
fn a_field_of_the_wrong_type() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "{\"id\":\"platform-ops-backup\",\"status\":\"done\",\"tags\":{\"a\":1}}\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .starts_with("error: <stdin>: row 1 (line 1): tags: "),
        "{output}"
    );
    assert_unchanged(dir, &output);
}

#[test]
fn json_lines_below_a_broken_line_are_still_checked() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "{\"id\":\"nope\",\"status\":\"done\"}\n{\"id\": \"x\", }\n{\"id\":\"nope2\",\"status\":\"done\"}\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .contains("row 1 (line 1): no task has the id `nope`"),
        "{output}"
    );
    assert!(
        output.stderr.contains("row 2 (line 2): not JSON"),
        "{output}"
    );
    assert!(
        output
            .stderr
            .contains("row 3 (line 3): no task has the id `nope2`"),
        "{output}"
    );
}

#[test]
fn a_csv_row_after_a_blank_line_has_its_own_line() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "id,status\nplatform-ops-checks,done\n\nnope,done\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(
        output.stderr,
        "error: <stdin>: row 2 (line 4): no task has the id `nope`\n1 row cannot apply; nothing was changed\n"
    );
}

#[test]
fn crlf_csv_lines_are_counted_right() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(
        dir,
        "id,status\r\nnope,done\r\nplatform-ops-checks,done\r\nnope2,done\r\n",
        &[],
    );
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(
        output.stderr,
        "error: <stdin>: row 1 (line 2): no task has the id `nope`
error: <stdin>: row 3 (line 4): no task has the id `nope2`
2 rows cannot apply; nothing was changed
"
    );
}

#[test]
fn crlf_csv_applies() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_stdin(dir, &CSV.replace('\n', "\r\n"), &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(hunks(dir), CSV_HUNKS);
}

#[test]
fn json_reports_the_changed_nodes() {
    let repo = seed_repository();
    let output = apply_file(repo.path(), "changes.csv", CSV, &["--format", "json"]);
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["updated"], 2);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let nodes = json["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 2);
    for node in nodes {
        assert_node_shape(node);
    }
    assert_eq!(nodes[0]["id"], "platform-strategy-roadmap");
    assert_eq!(nodes[0]["status"], "in-progress");
    assert_eq!(nodes[0]["progress"], 10.0);
    assert_eq!(nodes[1]["id"], "platform-deploy-remote");
    assert_eq!(nodes[1]["progress"], 60.0);
    assert_eq!(nodes[1]["due"], "2027-04-30");
}

#[test]
fn dry_run_shows_both_diffs_and_writes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(dir, "changes.csv", CSV, &["--dry-run"]);
    insta::assert_snapshot!("dry-run", output);
    assert_unchanged(dir, &output);
}

#[test]
fn a_sheet_exported_by_list_round_trips() {
    let repo = seed_repository();
    let dir = repo.path();
    let listed = wbs_in(
        dir,
        &[
            "list",
            "owner:平台工具小组",
            "is:leaf",
            "is:open",
            "--columns",
            "id,title,owner,status,progress,due",
            "--format",
            "csv",
        ],
    );
    assert_eq!(listed.code, 0, "{listed}");
    // Applied back unedited: every cell is as listed, nothing changes.
    let output = apply_file(dir, "week.csv", &listed.stdout, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "every row is already as the plan shows it; nothing was changed\n"
    );
    assert_unchanged(dir, &output);
    // One row edited: only its cells that changed are written, and done
    // takes the progress below 100 away.
    let edited = listed.stdout.replacen(
        "platform-strategy-feedback,收集用户使用反馈,平台工具小组,in-progress,60,2026-12-31",
        "platform-strategy-feedback,收集用户使用反馈,平台工具小组,done,60,2027-01-08",
        1,
    );
    assert_ne!(edited, listed.stdout);
    let output = apply_file(dir, "week.csv", &edited, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -238,2 +238 @@ tasks:
-                        status: in-progress
-                        progress: 60
+                        status: done
@@ -242 +241 @@ tasks:
-                        due: 2026-12-31
+                        due: 2027-01-08
"
    );
}

#[test]
fn the_default_list_sheet_with_protected_cells_round_trips() {
    let plan = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: \"-1 day buffer\"\n    owner: \"@ana\"\n    notes: \"=cost\"\n    tags: [x, \"+y\"]\n  - Set up CI\n";
    let dir = crate::common::inline_plan(plan);
    let listed = crate::common::wbs_p(
        dir.path(),
        &[
            "list",
            "--columns",
            "code,id,title,owner,status,progress,due,tags,notes,effort,level",
            "--format",
            "csv",
        ],
    );
    assert_eq!(listed.code, 0, "{listed}");
    // The spreadsheet guard (a leading ') is in the sheet...
    assert!(listed.stdout.contains("'-1 day buffer"), "{listed}");
    std::fs::write(dir.path().join("sheet.csv"), &listed.stdout).expect("write");
    // ...and applied back unedited, nothing changes: the guard is taken off,
    // `x,+y` is a list of tags, the id-less task is named by its code.
    let output = crate::common::wbs_p(dir.path(), &["apply", "sheet.csv"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "every row is already as the plan shows it; nothing was changed\n"
    );
    assert_eq!(crate::common::read_p(dir.path()), plan);
    // An edit of the id-less task by its code.
    let edited = listed
        .stdout
        .replacen(",Set up CI,,todo,", ",Set up CI,,done,", 1);
    assert_ne!(edited, listed.stdout);
    std::fs::write(dir.path().join("sheet.csv"), edited).expect("write");
    let output = crate::common::wbs_p(dir.path(), &["apply", "sheet.csv"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        crate::common::read_p(dir.path()),
        plan.replace(
            "  - Set up CI\n",
            "  - title: Set up CI\n    status: done\n"
        )
    );
}

#[test]
fn an_unknown_id_gets_a_suggestion_naming_the_row() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(
        dir,
        "typo.csv",
        "id,status\nplatform-ops-check,done\n9.9.9,done\nzzzz,done\n",
        &[],
    );
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    error: rows/typo.csv: row 1 (line 2): no task has the id `platform-ops-check`; did you mean `platform-ops-checks`?
    error: rows/typo.csv: row 2 (line 3): no task has the WBS code `9.9.9`
    error: rows/typo.csv: row 3 (line 4): no task has the id `zzzz`
    3 rows cannot apply; nothing was changed
    [exit status: 1]
    ");
    assert_unchanged(dir, &output);
}

#[test]
fn a_contradiction_a_row_makes_names_the_row() {
    // The plan's own diagnostic, said of the sheet's row that causes it.
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(
        dir,
        "done.jsonl",
        "{\"id\":\"platform-ops-checks\",\"status\":\"done\",\"progress\":40}\n",
        &[],
    );
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    error: rows/done.jsonl: row 1 (line 1): [progress-contradicts-status] this task is done but its progress is 40; a done task is 100% complete: remove `progress` or set the status it really has (in plans/programme.yaml at line 310, as the rows would leave it)
    1 row cannot apply; nothing was changed
    [exit status: 1]
    ");
    assert_unchanged(dir, &output);
    // A status in the wrong case, in a cell.
    let output = apply_file(
        dir,
        "case.csv",
        "id,status\nplatform-ops-checks,Done\n",
        &[],
    );
    assert_eq!(
        output.stderr,
        "error: rows/case.csv: row 1 (line 2): status: `Done` is not a status; did you mean `done`? (the statuses: todo, in-progress, blocked, done, cancelled; case matters)\n1 row cannot apply; nothing was changed\n"
    );
}

/// A sheet as Excel saves it where the comma is the decimal mark: `;`
/// between cells, a byte-order mark, headers as a person writes them, CRLF.
const EXCEL_SHEET: &str = "\u{feff}ID; Status ;Progress;Due\r\nplatform-strategy-roadmap;in-progress;37,5;\r\nplatform-deploy-remote;;60;2027-04-30\r\n";

#[test]
fn a_semicolon_sheet_with_a_bom_and_any_header_case_applies() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = apply_file(dir, "excel.csv", EXCEL_SHEET, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        hunks(dir),
        "+++ b/plans/programme.yaml
@@ -252 +252 @@ tasks:
-                        status: todo
+                        status: in-progress
@@ -258,0 +259 @@ tasks:
+                        progress: 37.5
@@ -271 +272 @@ tasks:
-                        progress: 50
+                        progress: 60
@@ -275 +276 @@ tasks:
-                        due: 2027-03-31
+                        due: 2027-04-30
"
    );
    // A tab-separated sheet is read the same way.
    git(dir, &["checkout", "-q", "."]);
    let output = apply_stdin(dir, &CSV.replace(',', "\t"), &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(hunks(dir), CSV_HUNKS);
}

#[test]
fn a_sheet_that_is_not_utf8_says_how_to_save_it() {
    let repo = seed_repository();
    let dir = repo.path();
    std::fs::create_dir_all(dir.join("rows")).expect("mkdir");
    std::fs::write(dir.join(".git/info/exclude"), "rows/\n").expect("exclude");
    // 负责人 (owner) in GBK, as a Chinese Excel saves "CSV".
    let mut gbk = b"id,".to_vec();
    gbk.extend([0xb8, 0xba, 0xd4, 0xf0, 0xc8, 0xcb, b'\n']);
    gbk.extend(b"platform-ops-checks,ana\n");
    std::fs::write(dir.join("rows/gbk.csv"), gbk).expect("write");
    let output = wbs_in(dir, &["apply", "rows/gbk.csv"]);
    insta::assert_snapshot!(output, @r#"
    ----- stderr -----
    error: `rows/gbk.csv` is not UTF-8 text (the first byte that is not is on line 1); nothing was changed
    hint: save it as "CSV UTF-8" in your spreadsheet program (Excel: File › Save As › CSV UTF-8), or convert it, e.g. `iconv -f GBK -t UTF-8`
    [exit status: 2]
    "#);
    assert_unchanged(dir, &output);
}

#[test]
fn dry_run_json_is_the_intended_changes_and_the_nodes() {
    use crate::common::{SMALL_PLAN, inline_plan, json_of, read_p, small_leaf, small_summary};
    use serde_json::json;
    let dir = inline_plan(SMALL_PLAN);
    std::fs::write(
        dir.path().join("rows.jsonl"),
        "{\"id\":\"b\",\"status\":\"done\"}\n",
    )
    .expect("write");
    let output = crate::common::wbs_p(
        dir.path(),
        &["apply", "rows.jsonl", "--dry-run", "--format", "json"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        json_of(&output),
        json!({
            "dry_run": true,
            "updated": 1,
            "files": ["p.yaml"],
            "nodes": [small_leaf(json!({"code": "2", "id": "b", "title": "B", "line": 11, "status": "done", "progress": 100.0}))],
            "summary": small_summary(json!({"changed": 2, "progress_new": 50.0})),
            "changes": [{
                "kind": "changed", "id": "b", "code": "2", "old_code": "2", "title": "B",
                "field": "status", "old": "todo", "new": "done", "note": null, "rollup": false, "subtree": 1
            }, {
                "kind": "changed", "id": "b", "code": "2", "old_code": "2", "title": "B",
                "field": "progress", "old": 0.0, "new": 100.0, "note": "done", "rollup": false, "subtree": 1
            }],
            "warnings": []
        })
    );
    assert_eq!(read_p(dir.path()), SMALL_PLAN);
}
