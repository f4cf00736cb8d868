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
