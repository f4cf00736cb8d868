//! Running wbs as a process, hermetically, and printing what it did in one
//! shape: stdout, then `----- stderr -----`, then `[exit status: N]`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The node fields of SPEC §4.1, written out here rather than taken from
/// the code, so that renaming one in the code fails the tests.
pub const SPEC_NODE_FIELDS: [&str; 17] = [
    "code",
    "id",
    "title",
    "owner",
    "status",
    "progress",
    "start",
    "due",
    "effort_hours",
    "level",
    "leaf",
    "overdue",
    "due_soon",
    "tags",
    "after",
    "file",
    "line",
];

/// The repository root, where `plans/` and `tests/fixtures/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

/// A `wbs` command with a clear environment: fixed today, no colour, a
/// fixed width, run from the repository root.
pub fn wbs(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wbs"));
    command
        .args(args)
        .env_clear()
        .env("WBS_TODAY", "2026-11-29")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .current_dir(root());
    command
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.stdout)?;
        if !self.stderr.is_empty() {
            write!(f, "----- stderr -----\n{}", self.stderr)?;
        }
        write!(f, "[exit status: {}]", self.code)
    }
}

pub fn run(command: &mut Command) -> Output {
    let output = command.output().expect("wbs runs");
    Output {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        // A signal (a crash) has no code; make it fail every assertion.
        code: output.status.code().unwrap_or(-1),
    }
}

/// Runs `wbs ARGS` in the hermetic environment.
pub fn wbs_run(args: &[&str]) -> Output {
    run(&mut wbs(args))
}

/// Writes `bytes` to a fresh temporary folder as `name`.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    (dir, path)
}

#[allow(dead_code, reason = "not every module needs it")]
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// Runs git in `dir` as no user's configuration can change: no global or
/// system config, no hook environment, a fixed author and committer. Fails
/// the test if git fails; returns its stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        // Run from a git hook, these would point every command elsewhere.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        // Annotated tags need a tagger as commits need an author.
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A git repository holding a copy of the seed plan, so `git diff` can tell
/// which lines an edit touched.
pub fn seed_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(
        root().join("plans/programme.yaml"),
        dir.path().join("plans/programme.yaml"),
    )
    .expect("copy");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "seed"]);
    dir
}

/// A plan set of two files in a git repository: `plans/a.yaml` and
/// `plans/b.yaml`, where b's task waits on a's.
pub fn plan_set_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::write(
        dir.path().join("plans/a.yaml"),
        "wbs: 1\ntitle: A\ntasks:\n  - id: a1\n    title: A1\n    tasks:\n      - id: a11\n        title: A11\n  - id: a2\n    title: A2\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("plans/b.yaml"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: b1\n    title: B1\n    after: [a2]\n",
    )
    .expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "plan set"]);
    dir
}

/// Runs `wbs ARGS` in `dir`, so paths print relative to it.
pub fn wbs_in(dir: &Path, args: &[&str]) -> Output {
    run(wbs(args).current_dir(dir))
}

/// The `git diff -U0` hunks of the working tree: the `@@` lines and the
/// changed lines, each file's introduced by its `+++ b/PATH` line, without
/// the `diff --git`, `index` and `--- a/` lines.
pub fn hunks(dir: &Path) -> String {
    git(dir, &["diff", "-U0"])
        .lines()
        .filter(|line| {
            !(line.starts_with("diff --git ")
                || line.starts_with("index ")
                || line.starts_with("--- a/"))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Asserts that nothing in the repository at `dir` changed.
pub fn assert_unchanged(dir: &Path, context: &dyn fmt::Display) {
    assert_eq!(
        git(dir, &["status", "--porcelain"]),
        "",
        "something was written: {context}"
    );
}

/// A folder holding `p.yaml` with `text`, for edits of small inline plans:
/// run wbs in it with `-f p.yaml`.
pub fn inline_plan(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("p.yaml"), text).expect("write plan");
    dir
}

/// Runs `wbs -f p.yaml ARGS` in `dir` (see [`inline_plan`]).
pub fn wbs_p(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["-f", "p.yaml"];
    all.extend(args);
    wbs_in(dir, &all)
}

/// The text of `p.yaml` in `dir` (see [`inline_plan`]).
pub fn read_p(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("p.yaml")).expect("read plan")
}

/// Asserts that every field of SPEC §4.1's node shape is in `node`.
pub fn assert_node_shape(node: &serde_json::Value) {
    for field in SPEC_NODE_FIELDS {
        assert!(node.get(field).is_some(), "missing {field} in {node}");
    }
}

/// A small plan for the editing commands' JSON reports: a parent `a` due
/// 2026-12-31 with a leaf `a1` due 2026-12-15, and a leaf `b`.
pub const SMALL_PLAN: &str = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    due: 2026-12-31\n    tasks:\n      - id: a1\n        title: A1\n        due: 2026-12-15\n  - id: b\n    title: B\n";

/// The SPEC §4.1 row of a todo leaf of [`SMALL_PLAN`] in `p.yaml`, with
/// `fields` over its defaults.
pub fn small_leaf(fields: serde_json::Value) -> serde_json::Value {
    let mut row = serde_json::json!({
        "after": [], "cancelled": false, "code": "", "due": null, "due_soon": false,
        "effort_hours": 8.0, "file": "p.yaml", "id": null, "leaf": true, "level": 1,
        "line": 0, "notes": null, "overdue": false, "owner": null, "progress": 0.0,
        "start": null, "status": "todo", "tags": [], "title": ""
    });
    for (key, value) in fields.as_object().into_iter().flatten() {
        row[key] = value.clone();
    }
    row
}

/// A diff's summary of [`SMALL_PLAN`]'s edits: these counts, the rest 0.
pub fn small_summary(counts: serde_json::Value) -> serde_json::Value {
    let mut summary = serde_json::json!({
        "added": 0, "changed": 0, "moved": 0, "progress_new": 0.0,
        "progress_old": 0.0, "removed": 0, "renamed": 0, "rollups": 0
    });
    for (key, value) in counts.as_object().into_iter().flatten() {
        summary[key] = value.clone();
    }
    summary
}

/// Stdout parsed as one JSON document.
pub fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("{e}: {output}"))
}

/// Words every language writes as they are: the program, the formats and
/// tools named in hints, the plan format's field names and values written
/// in a plan (SPEC §3.6: field names stay as in the plan).
pub const UNTRANSLATED_WORDS: &[&str] = &[
    "wbs",
    "git",
    "CI",
    "JSON",
    "json",
    "CSV",
    "csv",
    "TSV",
    "tsv",
    "YAML",
    "yaml",
    "xlsx",
    "markdown",
    "Mermaid",
    "mermaid",
    "UTF",
    "BOM",
    "id",
    "ids",
    "title",
    "tasks",
    "owner",
    "status",
    "progress",
    "start",
    "due",
    "effort",
    "tags",
    "after",
    "notes",
    "people",
    "defaults",
    "todo",
    "in",
    "blocked",
    "done",
    "cancelled",
    "HEAD",
];

/// The English words left in Chinese `output`: runs of two or more ASCII
/// letters, after leaving out what is code rather than prose (text in
/// backticks, `--flags`, `error[code]`/`warning[code]`, URLs), words the
/// plan text holds (`plan`: ids, titles, anything written in the file),
/// [`UNTRANSLATED_WORDS`] and `allowed`. Empty when no English label
/// survived.
#[allow(dead_code, reason = "not every module needs it")]
pub fn english_words(
    output: &str,
    plan: &str,
    allowed: &[&str],
) -> std::collections::BTreeSet<String> {
    fn words(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2)
    }
    let planned: std::collections::BTreeSet<&str> = words(plan).collect();
    let mut prose = String::with_capacity(output.len());
    let mut in_code = false;
    for part in output.split('`') {
        if !in_code {
            prose.push_str(part);
        }
        prose.push(' ');
        in_code = !in_code;
    }
    let prose: Vec<&str> = prose
        .split_whitespace()
        .filter(|token| {
            !token.starts_with('-')
                && !token.contains("://")
                && !token.starts_with("error[")
                && !token.starts_with("warning[")
        })
        .collect();
    prose
        .iter()
        .flat_map(|token| words(token))
        .filter(|w| !planned.contains(w) && !UNTRANSLATED_WORDS.contains(w) && !allowed.contains(w))
        .map(str::to_owned)
        .collect()
}
