//! `wbs diff`: a fixture pair per kind of change, every format, and every
//! source form (files, stdin, revisions) against a temporary repository.

mod reading;

use std::path::Path;

use crate::common::{git, path_str, run, wbs, wbs_run};

fn pair(case: &str) -> [String; 2] {
    let dir = format!("tests/fixtures/diff/{case}");
    [format!("{dir}/old.yaml"), format!("{dir}/new.yaml")]
}

fn diff(case: &str, extra: &[&str]) -> crate::common::Output {
    let [old, new] = pair(case);
    let mut args = vec!["diff", old.as_str(), new.as_str()];
    args.extend(extra);
    wbs_run(&args)
}

#[test]
fn reordering_and_reindenting_report_nothing() {
    for case in ["reorder-only", "reindent-only"] {
        let output = diff(case, &["--exit-code"]);
        assert_eq!(output.code, 0, "{case}: {output}");
        assert!(
            output.stdout.starts_with("no differences"),
            "{case}: {output}"
        );
    }
    let output = diff("reorder-only", &["--include-order", "--exit-code"]);
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stdout
            .contains("→ 1.1 Visual design: position 1.2 → 1.1 (within its parent)"),
        "{output}"
    );
}

#[test]
fn each_kind_of_change() {
    for case in [
        "subtree-move",
        "rename",
        "id-added",
        "fields",
        "added-removed",
    ] {
        insta::assert_snapshot!(case, diff(case, &[]));
    }
}

#[test]
fn markdown_and_stat() {
    insta::assert_snapshot!("markdown", diff("fields", &["--format", "markdown"]));
    insta::assert_snapshot!("stat", diff("added-removed", &["--stat"]));
}

#[test]
fn json_has_the_spec_shape() {
    let output = diff("fields", &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    let summary = &json["summary"];
    for key in [
        "added",
        "removed",
        "moved",
        "renamed",
        "changed",
        "progress_old",
        "progress_new",
    ] {
        assert!(summary.get(key).is_some(), "summary lacks {key}");
    }
    let due = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["field"] == "due")
        .expect("a due change");
    assert_eq!(due["kind"], "changed");
    assert_eq!(due["title"], "Visual design");
    assert_eq!(due["code"], "1.2");
    assert_eq!(due["old"], "2026-10-15");
    assert_eq!(due["new"], "2026-10-20");
    assert_eq!(due["note"], "slipped 5 days");
    for change in json["changes"].as_array().expect("changes") {
        for key in ["kind", "id", "code", "title", "field", "old", "new"] {
            assert!(change.get(key).is_some(), "a change lacks {key}: {change}");
        }
    }
}

#[test]
fn exit_code_only_when_asked() {
    assert_eq!(diff("rename", &[]).code, 0);
    assert_eq!(diff("rename", &["--exit-code"]).code, 1);
}

#[test]
fn stdin_as_either_side() {
    let [old, new] = pair("rename");
    let input = std::fs::read(&new).expect("fixture");
    let mut child = wbs(&["diff", &old, "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("write");
    let output = child.wait_with_output().expect("wait");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["summary"]["renamed"], 1);
    assert_eq!(wbs_run(&["diff", "-", "-"]).code, 2);
}

/// A repository with two commits of `plans/`: the rename pair.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let [old, new] = pair("rename");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    git(dir.path(), &["init", "-q"]);
    std::fs::copy(&old, dir.path().join("plans/web.yaml")).expect("copy");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "first"]);
    git(dir.path(), &["tag", "v1"]);
    std::fs::copy(&new, dir.path().join("plans/web.yaml")).expect("copy");
    git(dir.path(), &["commit", "-qam", "rename pages"]);
    dir
}

fn in_repo(dir: &Path, args: &[&str]) -> crate::common::Output {
    let path = std::env::var_os("PATH").unwrap_or_default();
    run(wbs(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir))
}

#[test]
fn every_git_source_form() {
    let repo = repository();
    let dir = repo.path();
    let renamed =
        |output: &crate::common::Output| output.stdout.contains("title Pages → Web pages");
    // A bare revision against the working tree, like `git diff REV`.
    let output = in_repo(dir, &["diff", "HEAD~1"]);
    assert!(renamed(&output), "{output}");
    // Two revisions.
    let output = in_repo(dir, &["diff", "v1", "HEAD"]);
    assert!(renamed(&output), "{output}");
    // REV:PATH against a file.
    let output = in_repo(dir, &["diff", "HEAD~1:plans/web.yaml", "plans/web.yaml"]);
    assert!(renamed(&output), "{output}");
    // Nothing changed between HEAD and the working tree.
    let output = in_repo(dir, &["diff", "HEAD", "--exit-code"]);
    assert_eq!(output.code, 0, "{output}");
}

#[test]
fn every_git_error() {
    let repo = repository();
    let dir = repo.path();
    let output = in_repo(dir, &["diff", "no-such-branch"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("unknown revision `no-such-branch`"),
        "{output}"
    );
    // A revision that looks like an option is never one, to wbs or to git.
    let output = in_repo(dir, &["diff", "--output=hacked", "HEAD"]);
    assert_eq!(output.code, 2, "{output}");
    let output = in_repo(dir, &["diff", "--", "--output=hacked", "HEAD"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("unknown revision `--output=hacked`"),
        "{output}"
    );
    assert!(!dir.join("hacked").exists());
    let output = in_repo(dir, &["diff", "HEAD~1:plans/nope.yaml", "plans/web.yaml"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("plans/nope.yaml"), "{output}");
    let outside = tempfile::tempdir().expect("temp dir");
    let output = in_repo(
        outside.path(),
        &["diff", "HEAD", "-f", path_str(&dir.join("plans"))],
    );
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("git"), "{output}");
    // A shallow clone that lacks the revision.
    let shallow = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", dir.display());
    git(
        shallow.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
    );
    let output = in_repo(&shallow.path().join("clone"), &["diff", "v1"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("shallow"), "{output}");
}

#[test]
fn files_of_a_set_keep_their_nodes_when_another_file_comes_or_goes() {
    let (old, new) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let a = "wbs: 1\ntitle: A\ntasks:\n  - id: design\n    title: Design\n";
    std::fs::write(old.path().join("a.yaml"), a).expect("write");
    std::fs::write(
        old.path().join("b.yaml"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: docs\n    title: Docs\n",
    )
    .expect("write");
    std::fs::write(new.path().join("a.yaml"), a).expect("write");
    std::fs::write(
        new.path().join("0.yaml"),
        "wbs: 1\ntitle: Zero\ntasks:\n  - id: docs\n    title: Docs\n",
    )
    .expect("write");
    let output = wbs_run(&[
        "diff",
        path_str(old.path()),
        path_str(new.path()),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    let changes = json["changes"].as_array().expect("changes");
    // design stays where it was; docs moved from b.yaml to 0.yaml.
    assert_eq!(changes.len(), 1, "{output}");
    assert_eq!(changes[0]["kind"], "moved");
    assert_eq!(changes[0]["id"], "docs");
    assert!(
        changes[0]["old"].as_str().expect("old").contains("b.yaml"),
        "{output}"
    );
}

#[test]
fn warnings_are_shown_for_the_new_version_only() {
    let plan = "tests/fixtures/invalid/empty-parent.yaml";
    let output = wbs_run(&["diff", plan, plan]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stderr.matches("warning[empty-parent]").count(),
        1,
        "{output}"
    );
    // Errors in the old version still stop the diff.
    let output = wbs_run(&["diff", "tests/fixtures/invalid/duplicate-id.yaml", plan]);
    assert_eq!(output.code, 1, "{output}");
    assert!(output.stderr.contains("error[duplicate-id]"), "{output}");
}

/// SPEC §5: `--exit-code` is a question a script asks, so a version that
/// does not validate is "could not answer" (2), not "differs" (1); without
/// it, errors are a finding (1) as in every command.
#[test]
fn exit_code_tells_differences_from_versions_with_errors() {
    let bad = "tests/fixtures/invalid/duplicate-id.yaml";
    let [old, new] = pair("fields");
    for (args, code) in [
        (vec!["diff", bad, &new, "--exit-code"], 2),
        (vec!["diff", &old, bad, "--exit-code"], 2),
        (vec!["diff", &old, bad], 1),
        (vec!["diff", &old, &new, "--exit-code"], 1),
        (vec!["diff", &old, &old, "--exit-code"], 0),
    ] {
        let output = wbs_run(&args);
        assert_eq!(output.code, code, "{args:?}: {output}");
    }
    let output = wbs_run(&["diff", bad, &new, "--exit-code"]);
    assert!(output.stderr.contains("error[duplicate-id]"), "{output}");
}

/// A third path after OLD and NEW is a plan to load with -f.
#[test]
fn a_plan_path_after_both_versions_points_to_f() {
    insta::assert_snapshot!(wbs_run(&["diff", "HEAD~1", "HEAD", "plans/programme.yaml"]), @"
    ----- stderr -----
    error: `plans/programme.yaml` is a file name, not an argument of `wbs diff`
    hint: load plans with -f: wbs -f plans/programme.yaml diff HEAD~1 HEAD
    [exit status: 2]
    ");
}

/// A missing plan file is not an unknown revision.
#[test]
fn a_missing_plan_file_is_named_as_one() {
    insta::assert_snapshot!(wbs_run(&["diff", "plans/programe.yaml"]), @"
    ----- stderr -----
    error: `plans/programe.yaml` does not exist
    hint: did you mean `plans/programme.yaml`?
    [exit status: 2]
    ");
}
