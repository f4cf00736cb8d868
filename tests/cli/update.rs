//! `wbs update`: only the lines that must change do, the result validates,
//! and refusals write nothing.

use std::path::Path;

use crate::common::{git, path_str, run, seed_repository as repository, wbs};

fn update(dir: &Path, args: &[&str]) -> crate::common::Output {
    let mut all = vec!["update"];
    all.extend(args);
    run(wbs(&all).current_dir(dir))
}

#[test]
fn only_the_changed_lines_change() {
    let repo = repository();
    let dir = repo.path();
    let output = update(
        dir,
        &[
            "id:platform-strategy-roadmap",
            "--status",
            "in-progress",
            "--progress",
            "20",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert!(
        output
            .stdout
            .ends_with("updated 1 node in plans/programme.yaml\n"),
        "{output}"
    );
    // One line replaced (status), one added (progress).
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "2\t1\tplans/programme.yaml\n"
    );
    let diff = git(dir, &["diff", "-U0"]);
    assert!(
        diff.contains(
            "-                        status: todo\n+                        status: in-progress\n"
        ),
        "{diff}"
    );
    assert!(
        diff.contains("+                        progress: 20\n"),
        "{diff}"
    );
    // Bulk: every open leaf of a team due before a date gets a new due date.
    let output = update(
        dir,
        &[
            "under:2.2.3",
            "is:leaf",
            "is:open",
            "--due",
            "2027-06-30",
            "--expect",
            "3",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "5\t4\tplans/programme.yaml\n"
    );
    assert_eq!(run(wbs(&["check"]).current_dir(dir)).code, 0);
}

#[test]
fn plain_string_and_flow_tasks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.yaml");
    std::fs::write(&path, "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - Set up CI   # first\r\n  - {id: b, title: B, status: todo}\r\n").expect("write");
    let p = path_str(&path);
    assert_eq!(
        update(
            dir.path(),
            &["-f", p, "set up", "--status", "done", "--owner", "ana: x"]
        )
        .code,
        0
    );
    assert_eq!(
        update(
            dir.path(),
            &["-f", p, "id:b", "--title", "B, renamed", "--status", "wip"]
        )
        .code,
        0
    );
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text,
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - title: Set up CI   # first\r\n    owner: \"ana: x\"\r\n    status: done\r\n  - {id: b, title: \"B, renamed\", status: in-progress}\r\n"
    );
}

#[test]
fn refusals_write_nothing() {
    let repo = repository();
    let dir = repo.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["id:nothing", "--status", "done"],
            1,
            "no node matches the query",
        ),
        (&["--status", "done"], 2, "add --all"),
        (
            &["id:platform-tools", "--status", "done"],
            1,
            "leaf-field-on-parent",
        ),
        (
            &[
                "under:2.2.3",
                "is:leaf",
                "--due",
                "2027-01-01",
                "--expect",
                "2",
            ],
            1,
            "--expect says 2",
        ),
        (&["id:platform-tools"], 2, "nothing to change"),
        (
            &["id:platform-tools", "--progress", "120"],
            2,
            "not a progress",
        ),
    ];
    for (args, code, message) in cases {
        let output = update(dir, args);
        assert_eq!(output.code, *code, "{args:?}: {output}");
        assert!(output.stderr.contains(message), "{args:?}: {output}");
    }
    let output = update(
        dir,
        &[
            "id:platform-strategy-roadmap",
            "--status",
            "done",
            "--dry-run",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert!(
        output
            .stdout
            .contains("-                        status: todo"),
        "{output}"
    );
    assert!(output.stdout.contains("nothing was written"), "{output}");
    assert_eq!(git(dir, &["status", "--porcelain"]), "");
}

#[test]
fn a_held_lock_refuses_and_concurrent_edits_lose_nothing() {
    let repo = repository();
    let dir = repo.path();
    let lock = dir.join("plans/.programme.yaml.wbs-lock");
    std::fs::write(&lock, "").expect("lock");
    let output = update(dir, &["id:platform-strategy-roadmap", "--status", "done"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("another wbs edit"), "{output}");
    std::fs::remove_file(&lock).expect("unlock");
    assert_eq!(git(dir, &["status", "--porcelain"]), "");

    // Two edits at once: each is applied, or refused with a clear message;
    // whatever was applied is in the file.
    let ids = ["platform-strategy-roadmap", "platform-upgrade-features"];
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            wbs(&["update", &format!("id:{id}"), "--notes", "concurrent"])
                .current_dir(dir)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect();
    let text = std::fs::read_to_string(dir.join("plans/programme.yaml")).expect("read");
    for (id, output) in ids.iter().zip(&outputs) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {
                let at = text.find(&format!("id: {id}\n")).expect("node still there");
                let next = text[at..]
                    .find("\n                      - ")
                    .map_or(text.len(), |n| at + n);
                assert!(
                    text[at..next].contains("notes: concurrent"),
                    "{id} lost:\n{}",
                    &text[at..next]
                );
            }
            _ => assert!(
                stderr.contains("another wbs edit") || stderr.contains("changed on disk"),
                "{id}: {stderr}"
            ),
        }
    }
    assert_eq!(run(wbs(&["check"]).current_dir(dir)).code, 0);
}

#[test]
fn json_reports_the_nodes_as_changed() {
    let repo = repository();
    let output = update(
        repo.path(),
        &[
            "id:platform-strategy-roadmap",
            "--due",
            "2027-02-26",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["updated"], 1);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let node = &json["nodes"][0];
    assert_eq!(node["id"], "platform-strategy-roadmap");
    assert_eq!(node["due"], "2027-02-26");
    for field in crate::common::SPEC_NODE_FIELDS {
        assert!(node.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn values_are_quoted_for_where_they_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.yaml");
    std::fs::write(
        &path,
        "wbs: 1\ntitle: t\ntasks:\n  - title: 'Quoted'\n    notes: |\n      old\n      notes\n  - id: c\n    title: C\n    tasks: [c1, c2]\n",
    )
    .expect("write");
    let p = path_str(&path);
    // A single-quoted title stays single-quoted; a block value becomes one line.
    assert_eq!(
        update(
            dir.path(),
            &[
                "-f", p, "quoted", "--title", "It's new", "--notes", "one, two"
            ]
        )
        .code,
        0
    );
    // A plain-string task in a flow list gets flow-safe quoting.
    assert_eq!(
        update(dir.path(), &["-f", p, "c1", "--owner", "a,b"]).code,
        0
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "wbs: 1\ntitle: t\ntasks:\n  - title: 'It''s new'\n    notes: one, two\n  - id: c\n    title: C\n    tasks: [{title: c1, owner: \"a,b\"}, c2]\n"
    );
}

#[test]
fn tag_adds_and_removes_keeping_the_other_tags() {
    let repo = repository();
    let dir = repo.path();
    // Every task tagged 试点 swaps it for 上线: three flow lists, in place.
    let output = update(dir, &["tag:试点", "--tag", "+上线,-试点", "--expect", "3"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "3\t3\tplans/programme.yaml\n"
    );
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -176 +176 @@ tasks:
-                    tags: [试点]
+                    tags: [上线]
@@ -281 +281 @@ tasks:
-                        tags: [试点]
+                        tags: [上线]
@@ -594 +594 @@ tasks:
-                        tags: [试点]
+                        tags: [上线]
"
    );
    git(dir, &["checkout", "-q", "."]);
    // Added at the end of the list; a task without tags gets the key.
    let output = update(
        dir,
        &[
            "id:platform-deploy-remote,platform-strategy-roadmap",
            "--tag",
            "+巡检",
            "--tag",
            "运维",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "2\t1\tplans/programme.yaml\n"
    );
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -258,0 +259 @@ tasks:
+                        tags: [巡检, 运维]
@@ -273 +274 @@ tasks:
-                        tags: [运维]
+                        tags: [运维, 巡检]
"
    );
    assert_eq!(run(wbs(&["check", "-q"]).current_dir(dir)).code, 0);
}

#[test]
fn tag_edits_a_block_list_item_by_item() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.yaml");
    std::fs::write(
        &path,
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - id: a\r\n    title: A\r\n    tags:\r\n      - x   # keep?\r\n      - y   # keep\r\n    x-jira: J-1\r\n  - {id: b, title: B, tags: [p, q]}\r\n",
    )
    .expect("write");
    let p = path_str(&path);
    let output = update(dir.path(), &["-f", p, "id:a,b", "--tag", "-x,+z,-p"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - id: a\r\n    title: A\r\n    tags:\r\n      - y   # keep\r\n      - z\r\n    x-jira: J-1\r\n  - {id: b, title: B, tags: [q, z]}\r\n"
    );
    // Removing a tag a task does not have changes nothing.
    let output = update(dir.path(), &["-f", p, "id:b", "--tag", "-nothing"]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stdout.ends_with("no file changed\n"), "{output}");
}

#[test]
fn set_and_unset_any_field() {
    let repo = repository();
    let dir = repo.path();
    let output = update(
        dir,
        &[
            "id:platform-strategy-roadmap",
            "--set",
            "x-jira=WEB-12",
            "--set",
            "after=platform-strategy-feedback",
            "--unset",
            "effort",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "2.2.1.1.2.3 制定版本迭代计划（功能优先级排序）\nupdated 1 node in plans/programme.yaml\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "2\t4\tplans/programme.yaml\n"
    );
    // A list given with --set is written as a flow list.
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -253 +252,0 @@ tasks:
-                        effort: 4d
@@ -256,3 +255,2 @@ tasks:
-                        after:
-                          - platform-strategy-feedback
-                          - platform-strategy-bottlenecks
+                        after: [platform-strategy-feedback]
+                        x-jira: WEB-12
"
    );
    git(dir, &["checkout", "-q", "."]);
    // --set takes any field as text; the value is read as the field's type.
    let output = update(
        dir,
        &[
            "id:marketing-mechanisms-regulations",
            "--unset",
            "notes",
            "--set",
            "status=wip",
            "--set",
            "progress=40%",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "2\t2\tplans/programme.yaml\n"
    );
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -167 +167 @@ tasks:
-                    status: blocked
+                    status: in-progress
@@ -171 +171 @@ tasks:
-                    notes: 等待总部绩效考核办法定稿。
+                    progress: 40
"
    );
    // Unsetting a field the task does not have changes nothing.
    git(dir, &["checkout", "-q", "."]);
    let output = update(dir, &["id:platform-tools", "--unset", "due"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(git(dir, &["status", "--porcelain"]), "");
}

#[test]
fn unset_a_last_key_while_adding_another() {
    // The new key's line is anchored after the last key that stays, not
    // inside the removed line (this overlapped in 7da86f7).
    let repo = repository();
    let dir = repo.path();
    let output = update(
        dir,
        &[
            "id:platform-deploy-pilot",
            "--unset",
            "tags",
            "--unset",
            "after",
            "--notes",
            "等待试点单位确认",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t2\tplans/programme.yaml\n"
    );
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -281 +280,0 @@ tasks:
-                        tags: [试点]
@@ -284 +283 @@ tasks:
-                        after: [platform-deploy-manual]
+                        notes: 等待试点单位确认
"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.yaml");
    std::fs::write(
        &path,
        "wbs: 1\ntitle: t\ntasks:\n  - title: a\n    due: 2026-01-01\n  - title: b\n",
    )
    .expect("write");
    let output = update(
        dir.path(),
        &["-f", path_str(&path), "a", "--unset", "due", "--notes", "x"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "wbs: 1\ntitle: t\ntasks:\n  - title: a\n    notes: x\n  - title: b\n"
    );
}

#[test]
fn bad_tag_set_and_unset_flags_write_nothing() {
    let repo = repository();
    let dir = repo.path();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--set", "owne=x"],
            2,
            "`owne` is not a task field; did you mean `owner`?",
        ),
        (&["--set", "noequals"], 2, "write KEY=VALUE"),
        (
            &["--set", "tasks=x"],
            2,
            "subtasks are changed with `wbs add`",
        ),
        (
            &["--set", "due=2027-02-30"],
            2,
            "`2027-02-30` is not a date",
        ),
        (&["--set", "after=a,1.2"], 2, "`1.2` is not an id"),
        (&["--unset", "title"], 2, "every task needs a title"),
        (
            &["--unset", "tasks"],
            2,
            "subtasks are changed with `wbs add`",
        ),
        (&["--unset", "nope"], 2, "`nope` is not a task field"),
        (&["--tag", ","], 2, "names no tag"),
        (&["--tag", "+"], 2, "names no tag"),
        (
            &["--set", "x-a=1", "--unset", "x-a"],
            2,
            "`x-a` is changed twice",
        ),
        (
            &["--due", "2027-01-01", "--unset", "due"],
            2,
            "`due` is changed twice",
        ),
        (&["--set", "after=nothing"], 1, "unknown-dependency"),
        (&["--set", "owner=nobody"], 1, "unknown-owner"),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["id:platform-strategy-roadmap"];
        all.extend(*args);
        let output = update(dir, &all);
        assert_eq!(output.code, *code, "{args:?}: {output}");
        assert!(output.stderr.contains(message), "{args:?}: {output}");
        assert_eq!(git(dir, &["status", "--porcelain"]), "", "{args:?}");
    }
    // Leaf-only fields by --set are refused on a parent as by their flags.
    let output = update(dir, &["id:platform-tools", "--set", "effort=2d"]);
    assert_eq!(output.code, 1, "{output}");
    assert!(output.stderr.contains("leaf-field-on-parent"), "{output}");
    // But --unset of one is fine on a parent: it has none.
    let output = update(dir, &["id:platform-tools", "--unset", "status"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(git(dir, &["status", "--porcelain"]), "");
}

#[test]
fn json_reports_tag_set_and_unset_changes() {
    let repo = repository();
    let output = update(
        repo.path(),
        &[
            "id:platform-deploy-pilot",
            "--tag",
            "+上线,-试点",
            "--set",
            "x-jira=OPS-7",
            "--unset",
            "after",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.code, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(json["updated"], 1);
    assert_eq!(json["files"], serde_json::json!(["plans/programme.yaml"]));
    let nodes = json["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 1);
    crate::common::assert_node_shape(&nodes[0]);
    assert_eq!(nodes[0]["id"], "platform-deploy-pilot");
    assert_eq!(nodes[0]["tags"], serde_json::json!(["上线"]));
    assert_eq!(nodes[0]["after"], serde_json::json!([]));
    assert_eq!(nodes[0]["line"], 276);
}

#[test]
fn a_new_key_goes_among_the_nodes_own_keys_before_its_subtasks() {
    // The trap: `due:` written after the whole subtree, where `add` puts
    // the next sibling, so a later merge could move it onto another task.
    let repo = repository();
    let dir = repo.path();
    let output = update(dir, &["id:platform-tools", "--due", "2027-01-01"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml
@@ -211,0 +212 @@ tasks:
+            due: 2027-01-01
"
    );
}

#[test]
fn new_keys_before_tasks_in_every_shape() {
    let cases: &[(&str, &[&str], &str)] = &[
        // A comment above `tasks:` stays with it.
        (
            "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    # the work\n    tasks:\n      - B\n",
            &["id:a", "--due", "2027-01-01", "--set", "x-k=v"],
            "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    due: 2027-01-01\n    x-k: v\n    # the work\n    tasks:\n      - B\n",
        ),
        // `tasks:` first, beside the dash, and a key after the subtree.
        (
            "wbs: 1\ntitle: t\ntasks:\n  - tasks:\n      - B\n    id: a\n    title: A\n",
            &["id:a", "--due", "2027-01-01"],
            "wbs: 1\ntitle: t\ntasks:\n  - due: 2027-01-01\n    tasks:\n      - B\n    id: a\n    title: A\n",
        ),
        // CRLF, and the only key above `tasks:` removed by the same edit.
        (
            "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - title: A\r\n    owner: x\r\n    tasks:\r\n      - B\r\n",
            &["A", "--unset", "owner", "--notes", "note"],
            "wbs: 1\r\ntitle: t\r\ntasks:\r\n  - title: A\r\n    notes: note\r\n    tasks:\r\n      - B\r\n",
        ),
        (
            "wbs: 1\ntitle: t\ntasks:\n  - owner: x\n    tasks:\n      - B\n    title: A\n",
            &["A", "--unset", "owner", "--notes", "note"],
            "wbs: 1\ntitle: t\ntasks:\n  - notes: note\n    tasks:\n      - B\n    title: A\n",
        ),
        // Flow mappings.
        (
            "wbs: 1\ntitle: t\ntasks:\n  - {id: a, title: A, tasks: [B]}\n  - {tasks: [C], id: c, title: CC}\n",
            &["id:a,c", "--due", "2027-01-01"],
            "wbs: 1\ntitle: t\ntasks:\n  - {id: a, title: A, due: 2027-01-01, tasks: [B]}\n  - {due: 2027-01-01, tasks: [C], id: c, title: CC}\n",
        ),
        // A plain-string task has no subtasks: its keys follow the title.
        (
            "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - Plain\n",
            &["plain", "--due", "2027-01-01"],
            "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tasks:\n      - title: Plain\n        due: 2027-01-01\n",
        ),
    ];
    for (plan, args, expected) in cases {
        let dir = crate::common::inline_plan(plan);
        let mut all = vec!["update"];
        all.extend(*args);
        let output = crate::common::wbs_p(dir.path(), &all);
        assert_eq!(output.code, 0, "{args:?}: {output}");
        assert_eq!(crate::common::read_p(dir.path()), *expected, "{args:?}");
    }
}

/// Two files where the word `Pages` is in four nodes' titles or notes.
fn pages_plan_set() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::write(
        dir.path().join("plans/a.yaml"),
        "wbs: 1\ntitle: Site\ntasks:\n  - id: pages\n    title: Pages\n    tasks:\n      - id: landing\n        title: Landing pages\n      - id: errors\n        title: Error screens\n        notes: the 404 and 500 pages\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("plans/b.yaml"),
        "wbs: 1\ntitle: Docs\ntasks:\n  - id: docs-pages\n    title: Doc pages\n  - id: search\n    title: Search\n",
    )
    .expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "plans"]);
    dir
}

#[test]
fn a_search_word_that_matches_several_nodes_is_refused() {
    // The trap: a plain word is a substring search, so this renamed four
    // nodes in two files.
    let repo = pages_plan_set();
    let dir = repo.path();
    let output = update(dir, &["Pages", "--title", "Pages and layout"]);
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    error: the word `Pages` is a search, and it matches 4 nodes in 2 files; nothing was changed
      1.1     pages        Pages
      1.1.1   landing      Landing pages
      1.1.2   errors       Error screens
      2.1     docs-pages   Doc pages
    hint: name the node with `id:pages`, or change every node it matches with --all or --expect 4
    [exit status: 1]
    ");
    assert_eq!(git(dir, &["status", "--porcelain"]), "");

    // Said deliberately, each works as before.
    for args in [
        &["id:pages", "--title", "Pages and layout"][..],
        &["Pages", "--notes", "web", "--expect", "4"],
        &["Pages", "--owner", "ana", "--all"],
        &["is:leaf", "pages", "--due", "2027-01-01"],
        &["under:pages", "--owner", "li"],
        // A search that finds one node is what was meant.
        &["search", "--start", "2026-12-01"],
    ] {
        let output = update(dir, args);
        assert_eq!(output.code, 0, "{args:?}: {output}");
    }
    assert_eq!(
        run(wbs(&[
            "list",
            "search",
            "--columns",
            "id,owner,start",
            "--format",
            "csv"
        ])
        .current_dir(dir))
        .stdout,
        "id,owner,start\nsearch,,2026-12-01\n"
    );
}

#[test]
fn a_huge_search_lists_the_first_matches_and_counts_the_rest() {
    let mut plan = String::from("wbs: 1\ntitle: t\ntasks:\n");
    for n in 0..25 {
        plan.push_str(&format!("  - Page {n}\n"));
    }
    let dir = crate::common::inline_plan(&plan);
    let output = crate::common::wbs_p(dir.path(), &["update", "page", "--status", "done"]);
    assert_eq!(output.code, 1, "{output}");
    let lines: Vec<&str> = output.stderr.lines().collect();
    assert_eq!(lines.len(), 1 + 10 + 2, "{output}");
    assert_eq!(
        lines[0],
        "error: the word `page` is a search, and it matches 25 nodes; nothing was changed"
    );
    assert_eq!(lines[1], "  1    -   Page 0");
    assert_eq!(lines[11], "  … and 15 more: `wbs list page` lists them all");
    assert_eq!(
        lines[12],
        "hint: name the nodes with `id:`, or change every node it matches with --all or --expect 25"
    );
    assert_eq!(crate::common::read_p(dir.path()), plan);
}

#[test]
fn a_status_in_the_wrong_case_or_misspelt_gets_a_suggestion() {
    let repo = repository();
    let output = update(repo.path(), &["id:platform-ops-checks", "--status", "Done"]);
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    error: invalid value 'Done' for '--status <S>': `Done` is not a status; did you mean `done`? (the statuses: todo, in-progress, blocked, done, cancelled; case matters)

    For more information, try '--help'.
    [exit status: 2]
    ");
    let output = update(repo.path(), &["id:platform-ops-checks", "--status", "Doen"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .contains("`Doen` is not a status; did you mean `done`?"),
        "{output}"
    );
    let output = update(
        repo.path(),
        &["id:platform-ops-checks", "--set", "status=In Progress"],
    );
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("did you mean `in-progress`?"),
        "{output}"
    );
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), "");
}

#[test]
fn dry_run_json_is_the_intended_changes_nodes_and_new_warnings() {
    use crate::common::{
        SMALL_PLAN, inline_plan, json_of, read_p, small_leaf, small_summary, wbs_p,
    };
    use serde_json::json;
    let dir = inline_plan(SMALL_PLAN);
    for dry_run in [true, false] {
        let mut args = vec!["update", "id:a1", "--due", "2027-01-10", "--format", "json"];
        if dry_run {
            args.push("--dry-run");
        }
        let output = wbs_p(dir.path(), &args);
        assert_eq!(output.code, 0, "{output}");
        assert_eq!(output.stderr, "", "{output}");
        assert_eq!(
            json_of(&output),
            json!({
                "dry_run": dry_run,
                "updated": 1,
                "files": ["p.yaml"],
                "nodes": [small_leaf(json!({"code": "1.1", "id": "a1", "title": "A1", "level": 2, "line": 8, "due": "2027-01-10"}))],
                "summary": small_summary(json!({"changed": 1})),
                "changes": [{
                    "kind": "changed", "id": "a1", "code": "1.1", "old_code": "1.1", "title": "A1",
                    "field": "due", "old": "2026-12-15", "new": "2027-01-10",
                    "note": "slipped 26 days", "rollup": false, "subtree": 1
                }],
                "warnings": [{
                    "severity": "warning", "code": "child-due-after-parent",
                    "message": "due 2027-01-10, after its parent's due date 2026-12-31",
                    "file": "p.yaml", "line": 10, "column": 14, "end_line": 10, "end_column": 24,
                    "help": "move the child's due date, or the parent's",
                    "related": [{"file": "p.yaml", "line": 6, "column": 10, "message": "the parent is due here"}]
                }]
            }),
            "dry run: {dry_run}"
        );
        let expected = if dry_run {
            SMALL_PLAN.to_owned()
        } else {
            SMALL_PLAN.replace("due: 2026-12-15", "due: 2027-01-10")
        };
        assert_eq!(read_p(dir.path()), expected);
    }
}

#[test]
fn an_edit_says_which_warnings_it_introduces() {
    use crate::common::{SMALL_PLAN, inline_plan, wbs_p};
    let dir = inline_plan(SMALL_PLAN);
    let output = wbs_p(
        dir.path(),
        &["update", "id:a1", "--due", "2027-01-10", "--dry-run"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert!(
        output
            .stdout
            .ends_with("dry run: 1 node would change; nothing was written\n"),
        "{output}"
    );
    assert_eq!(
        output.stderr,
        "this edit would introduce 1 warning the plan did not have:
warning[child-due-after-parent]: due 2027-01-10, after its parent's due date 2026-12-31
  --> p.yaml:10:14
   |
 6 |     due: 2026-12-31
   |          ---------- the parent is due here
 7 |     tasks:
 8 |       - id: a1
 9 |         title: A1
10 |         due: 2027-01-10
   |              ^^^^^^^^^^
   |
help: move the child's due date, or the parent's

"
    );
    let output = wbs_p(dir.path(), &["update", "id:a1", "--due", "2027-01-10"]);
    insta::assert_snapshot!(output, @r"
    1.1 A1
    updated 1 node in p.yaml
    ----- stderr -----
    this edit introduces 1 warning the plan did not have:
    warning[child-due-after-parent]: due 2027-01-10, after its parent's due date 2026-12-31
      --> p.yaml:10:14
       |
     6 |     due: 2026-12-31
       |          ---------- the parent is due here
     7 |     tasks:
     8 |       - id: a1
     9 |         title: A1
    10 |         due: 2027-01-10
       |              ^^^^^^^^^^
       |
    help: move the child's due date, or the parent's

    [exit status: 0]
    ");
    // The plan has the warning now: the next edit shows it as loading
    // always does, but does not say it introduced it, even if it moves
    // the date again.
    let output = wbs_p(
        dir.path(),
        &["update", "id:a1", "--due", "2027-01-20", "--format", "json"],
    );
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        crate::common::json_of(&output)["warnings"],
        serde_json::json!([])
    );
    assert!(
        output.stderr.starts_with("warning[child-due-after-parent]"),
        "{output}"
    );
    let output = wbs_p(dir.path(), &["update", "id:b", "--notes", "x"]);
    assert!(!output.stderr.contains("this edit"), "{output}");
}

#[test]
fn a_tag_with_a_comma_is_set_in_quotes() {
    let dir = crate::common::inline_plan("wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n");
    let output = crate::common::wbs_p(dir.path(), &["update", "id:a", "--set", "tags=\"a,b\",c"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        crate::common::read_p(dir.path()),
        "wbs: 1\ntitle: t\ntasks:\n  - id: a\n    title: A\n    tags: [\"a,b\", c]\n"
    );
    // A search phrase is shown as it would be typed again.
    let dir =
        crate::common::inline_plan("wbs: 1\ntitle: t\ntasks:\n  - Set up CI\n  - Set up CD\n");
    let output = crate::common::wbs_p(dir.path(), &["update", "set up", "--status", "done"]);
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output.stderr.starts_with(
            "error: the word `'set up'` is a search, and it matches 2 nodes; nothing was changed\n"
        ),
        "{output}"
    );
}
