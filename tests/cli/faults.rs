//! Faults during an edit. Here: wbs killed between writing its temporary
//! file and renaming it over the plan leaves the old plan and the next edit
//! goes through; an edit of two files writes both or neither; links,
//! permissions and line ends. In [`kill`]: kills at random moments, many
//! times. In [`refused`]: a read-only folder, a full disk, a plan replaced
//! while wbs works and concurrent edits, each refused clearly with nothing
//! lost.

mod kill;
mod refused;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::OnceLock;

use crate::common::{root, run, wbs};

#[path = "../../examples/gen.rs"]
#[allow(dead_code, reason = "the generator's main is not used here")]
mod generator;

/// A generated plan big enough that an update takes a while (tenths of a
/// second): a debug build is about seven times slower, so it gets fewer
/// tasks. Made once.
fn big_plan() -> &'static [u8] {
    static PLAN: OnceLock<Vec<u8>> = OnceLock::new();
    let tasks = if cfg!(debug_assertions) {
        3_000
    } else {
        10_000
    };
    PLAN.get_or_init(|| generator::generate(tasks, 7).expect("generate"))
}

/// The locks and temporary files an edit left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".tmp") || name.ends_with(".wbs-lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn killed_after_the_temporary_file_leaves_the_old_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    let plan = plans.join("programme.yaml");
    std::fs::copy(root().join("plans/programme.yaml"), &plan).expect("copy");
    let original = std::fs::read(&plan).expect("read");

    let mut child = wbs(&["update", "id:platform-strategy-roadmap", "--status", "done"])
        .current_dir(dir.path())
        .env("WBS_TEST_PAUSE_BEFORE_RENAME", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).expect("read");
    assert_eq!(line, "wbs: temporary file written\n");

    // Written, synced, not yet renamed: kill it there (SIGKILL).
    let leftovers = |suffix: &str| -> Vec<String> {
        std::fs::read_dir(&plans)
            .expect("list")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(suffix))
            .collect()
    };
    let temporary = leftovers(".tmp");
    assert_eq!(temporary.len(), 1, "{temporary:?}");
    let new_text = std::fs::read_to_string(plans.join(&temporary[0])).expect("temporary");
    assert!(new_text.contains("status: done"));
    child.kill().expect("kill");
    child.wait().expect("wait");

    assert_eq!(
        std::fs::read(&plan).expect("read"),
        original,
        "the plan changed"
    );
    assert_eq!(
        leftovers(".wbs-lock").len(),
        1,
        "the dead process's lock stays"
    );

    // The next edit takes the dead process's lock over and removes its
    // temporary file.
    let output = run(
        wbs(&["update", "id:platform-strategy-roadmap", "--status", "done"])
            .current_dir(dir.path()),
    );
    assert_eq!(output.code, 0, "{output}");
    assert!(leftovers(".tmp").is_empty(), "{:?}", leftovers(".tmp"));
    assert!(leftovers(".wbs-lock").is_empty());
    assert_eq!(std::fs::read_to_string(&plan).expect("read"), new_text);
    assert_eq!(run(wbs(&["check"]).current_dir(dir.path())).code, 0);
}

/// Two plan files, for edits that touch both.
fn plan_set() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    std::fs::write(
        plans.join("a.yaml"),
        "wbs: 1\ntitle: A\ntasks:\n  - id: a1\n    title: A1\n  - id: a2\n    title: A2\n",
    )
    .expect("write");
    std::fs::write(
        plans.join("b.yaml"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: b1\n    title: B1\n",
    )
    .expect("write");
    dir
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("plans").join(name)).expect("read")
}

#[test]
fn an_edit_of_two_files_writes_both_or_neither() {
    let dir = plan_set();
    let (a, b) = (read(dir.path(), "a.yaml"), read(dir.path(), "b.yaml"));
    // b.yaml is locked by a live process (this test's): the move that
    // would take a1 out of a.yaml and into b.yaml writes neither.
    let lock = dir.path().join("plans/.b.yaml.wbs-lock");
    std::fs::write(&lock, std::process::id().to_string()).expect("lock");
    let output = run(wbs(&["mv", "a1", "--under", "b1"]).current_dir(dir.path()));
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("another wbs edit holds"), "{output}");
    assert_eq!(read(dir.path(), "a.yaml"), a);
    assert_eq!(read(dir.path(), "b.yaml"), b);
    std::fs::remove_file(&lock).expect("unlock");

    let output = run(wbs(&["mv", "a1", "--under", "b1"]).current_dir(dir.path()));
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read(dir.path(), "a.yaml"),
        "wbs: 1\ntitle: A\ntasks:\n  - id: a2\n    title: A2\n"
    );
    assert_eq!(
        read(dir.path(), "b.yaml"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: b1\n    title: B1\n    tasks:\n      - id: a1\n        title: A1\n"
    );
}

#[cfg(unix)]
#[test]
fn links_permissions_and_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = plan_set();
    let plans = dir.path().join("plans");
    // A plan that is a symbolic link: the file it leads to is edited and
    // the link stays a link.
    let real = dir.path().join("real.yaml");
    std::fs::rename(plans.join("b.yaml"), &real).expect("move");
    std::os::unix::fs::symlink(&real, plans.join("b.yaml")).expect("link");
    let output = run(wbs(&["update", "id:b1", "--status", "done"]).current_dir(dir.path()));
    assert_eq!(output.code, 0, "{output}");
    assert!(
        std::fs::symlink_metadata(plans.join("b.yaml"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .expect("read")
            .contains("status: done")
    );

    // A private plan stays private.
    std::fs::set_permissions(plans.join("a.yaml"), std::fs::Permissions::from_mode(0o600))
        .expect("chmod");
    let output = run(wbs(&["update", "id:a1", "--status", "done"]).current_dir(dir.path()));
    assert_eq!(output.code, 0, "{output}");
    let mode = std::fs::metadata(plans.join("a.yaml"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // A read-only plan is refused, untouched.
    std::fs::set_permissions(plans.join("a.yaml"), std::fs::Permissions::from_mode(0o444))
        .expect("chmod");
    let before = read(dir.path(), "a.yaml");
    let output = run(wbs(&["update", "id:a2", "--status", "done"]).current_dir(dir.path()));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("is read-only; nothing was written"),
        "{output}"
    );
    assert_eq!(read(dir.path(), "a.yaml"), before);
}

#[test]
fn a_file_with_lone_cr_line_ends_is_not_edited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.yaml");
    let text = "wbs: 1\rtitle: T\rtasks:\r  - id: a\r    title: A\r";
    std::fs::write(&path, text).expect("write");
    let p = path.to_str().expect("utf-8 path");
    let output = run(wbs(&["-f", p, "update", "id:a", "--status", "done"]).current_dir(dir.path()));
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("CR alone"), "{output}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}
