//! `wbs update`: only the lines that must change do, the result validates,
//! and refusals write nothing.

use std::path::Path;

use crate::common::{git, path_str, run, wbs};

/// A git repository holding a copy of the seed plan, so `git diff` can tell
/// which lines an edit touched.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(
        crate::common::root().join("plans/programme.yaml"),
        dir.path().join("plans/programme.yaml"),
    )
    .expect("copy");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "seed"]);
    dir
}

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
