//! `git merge` through the driver `wbs git-setup` configures.

use std::path::Path;

use crate::common::{git, run, wbs};

/// A repository set up by `wbs git-setup`, so that its `.gitattributes`
/// and config send plan files through `wbs merge`.
fn driver_repository(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).expect("mkdir");
    std::fs::write(d.join("plans/p.yaml"), plan).expect("write");
    git(d, &["init", "-q"]);
    let setup = run(wbs(&["git-setup", "-q"])
        .current_dir(d)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1"));
    assert_eq!(setup.code, 0, "{setup}");
    assert!(
        setup.stdout.contains("set merge.wbs.driver = ")
            && setup
                .stdout
                .ends_with(" merge %O %A %B --path %P --marker-size %L\n"),
        "{setup}"
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "plan"]);
    dir
}

/// `git merge BRANCH` in `dir` as the driver sees it: hermetic, today fixed.
fn git_merge(dir: &Path, branch: &str) -> (String, i32) {
    let output = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "merge",
            "--no-edit",
            branch,
        ])
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("WBS_TODAY", "2026-11-29")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (text, output.status.code().unwrap_or(-1))
}

#[test]
fn git_merge_goes_through_the_driver() {
    let plan = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    due: 2026-10-01\n  - id: b\n    title: B\n";
    let dir = driver_repository(plan);
    let d = dir.path();
    // Two branches: each appends a task to the same list and changes a
    // neighbouring line. A line merge conflicts on both; wbs does not.
    git(d, &["checkout", "-qb", "theirs"]);
    std::fs::write(
        d.join("plans/p.yaml"),
        format!(
            "{}  - id: t\n    title: Theirs\n",
            plan.replace("title: B", "title: B2")
        ),
    )
    .expect("write");
    git(d, &["commit", "-qam", "theirs"]);
    git(d, &["checkout", "-q", "main"]);
    std::fs::write(
        d.join("plans/p.yaml"),
        format!(
            "{}  - id: o\n    title: Ours\n",
            plan.replace("2026-10-01", "2026-10-03")
        ),
    )
    .expect("write");
    git(d, &["commit", "-qam", "ours"]);
    let (out, code) = git_merge(d, "theirs");
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read_to_string(d.join("plans/p.yaml")).expect("read"),
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    due: 2026-10-03\n  - id: b\n    title: B2\n  - id: o\n    title: Ours\n  - id: t\n    title: Theirs\n"
    );
    // Without the driver, git's own merge conflicts here.
    git(d, &["reset", "-q", "--hard", "HEAD~1"]);
    std::fs::remove_file(d.join(".gitattributes")).expect("rm");
    let (_, code) = git_merge(d, "theirs");
    assert_ne!(code, 0);
}

#[test]
fn a_conflict_through_git_leaves_markers_and_names_it() {
    let plan = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    status: todo\n";
    let dir = driver_repository(plan);
    let d = dir.path();
    git(d, &["checkout", "-qb", "theirs"]);
    std::fs::write(d.join("plans/p.yaml"), plan.replace("todo", "blocked")).expect("write");
    git(d, &["commit", "-qam", "theirs"]);
    git(d, &["checkout", "-q", "main"]);
    std::fs::write(d.join("plans/p.yaml"), plan.replace("todo", "done")).expect("write");
    git(d, &["commit", "-qam", "ours"]);
    let (out, code) = git_merge(d, "theirs");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("conflict: plans/p.yaml: 1 a status: todo → ours done / theirs blocked"),
        "{out}"
    );
    assert!(
        out.contains("CONFLICT (content): Merge conflict in plans/p.yaml"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("plans/p.yaml")).expect("read"),
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n<<<<<<< ours\n    status: done\n=======\n    status: blocked\n>>>>>>> theirs\n"
    );
    let status = git(d, &["status", "--porcelain"]);
    assert_eq!(status, "UU plans/p.yaml\n");
}
