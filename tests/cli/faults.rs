//! Faults during an edit: wbs killed between writing its temporary file and
//! renaming it over the plan leaves the old plan, and the next edit goes
//! through (the dead process's lock and temporary file are cleaned up).

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::{root, run, wbs};

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
