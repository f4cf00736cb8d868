//! Faults an edit must refuse with a clear error, the plan intact and
//! nothing left behind: a folder it cannot write in, a full disk, a plan
//! replaced while it works, and another edit at the same time.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{big_plan, leftovers};
use crate::common::{Output, inline_plan, read_p, run, wbs, wbs_p};

const PLAN: &str = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n  - id: b\n    title: B\n";

/// `wbs ARGS` in `dir` as a shell runs it after `prefix` (`ulimit`, `trap`
/// and such), with the same clear environment.
#[cfg(unix)]
fn wbs_after(prefix: &str, dir: &Path, args: &[&str]) -> Output {
    let template = wbs(args);
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{prefix}; exec \"$0\" \"$@\""))
        .arg(template.get_program())
        .args(template.get_args())
        .env_clear()
        .current_dir(dir);
    for (key, value) in template.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    run(&mut command)
}

/// Whether this process can create a file in `dir` whatever its mode
/// says, as root can.
#[cfg(unix)]
fn writes_despite_mode(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let created = std::fs::write(&probe, "").is_ok();
    let _ = std::fs::remove_file(&probe);
    created
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_refuses_the_edit() {
    use std::os::unix::fs::PermissionsExt;
    let set_mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    std::fs::write(plans.join("p.yaml"), PLAN).expect("write");
    set_mode(&plans, 0o555);
    let args = ["-f", "plans/p.yaml", "update", "id:a", "--status", "done"];
    let refused = |output: &Output| {
        assert_eq!(output.code, 2, "{output}");
        assert!(
            output.stderr.contains("cannot create the lock")
                && output.stderr.contains("Permission denied")
                && output.stderr.contains("nothing was written"),
            "{output}"
        );
        assert_eq!(
            std::fs::read_to_string(plans.join("p.yaml")).expect("read"),
            PLAN
        );
        assert!(leftovers(&plans).is_empty(), "{:?}", leftovers(&plans));
    };

    if !writes_despite_mode(&plans) {
        refused(&run(wbs(&args).current_dir(dir.path())));
        set_mode(&plans, 0o755);
        return;
    }
    // Root writes in a read-only folder all the same, and so does wbs run
    // as root: the edit goes through, atomically, as anywhere else.
    let output = run(wbs(&args).current_dir(dir.path()));
    assert_eq!(output.code, 0, "{output}");
    assert!(
        std::fs::read_to_string(plans.join("p.yaml"))
            .expect("read")
            .contains("status: done")
    );
    assert!(leftovers(&plans).is_empty());

    // The refusal, then, as a user the mode does stop: nobody, through
    // setpriv (util-linux), owning the folder it cannot write in.
    let setpriv = Command::new("setpriv").arg("--version").output();
    if !setpriv.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "a_read_only_folder_refuses_the_edit: running as root and without setpriv, so the refusal is not tested"
        );
        set_mode(&plans, 0o755);
        return;
    }
    std::fs::write(plans.join("p.yaml"), PLAN).expect("write");
    for path in [dir.path(), &plans, &plans.join("p.yaml")] {
        std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown");
    }
    set_mode(dir.path(), 0o755);
    let template = wbs(&args);
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(template.get_program())
        .args(template.get_args())
        .env_clear()
        .envs(template.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .current_dir(dir.path());
    refused(&run(&mut command));
    set_mode(&plans, 0o755);
}

/// A full disk, as a file-size limit: writing the temporary file fails
/// with EFBIG (the limit's signal ignored, as a full disk's ENOSPC sends
/// none).
#[cfg(unix)]
#[test]
fn a_full_disk_refuses_the_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("p.yaml");
    let original = big_plan();
    std::fs::write(&plan, original).expect("write");
    // 4 blocks of 512 bytes: the lock (a process id) fits, the plan not.
    let output = wbs_after(
        "trap '' XFSZ; ulimit -f 4",
        dir.path(),
        &[
            "-f", "p.yaml", "update", "is:leaf", "--all", "--status", "done",
        ],
    );
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .starts_with("error: cannot write `p.yaml`: File too large")
            && output.stderr.contains("nothing was written"),
        "{output}"
    );
    assert!(
        std::fs::read(&plan).expect("read") == original,
        "the plan changed"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// How many bytes a process has read so far (Linux's `/proc/PID/io`).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))?
        .trim()
        .parse()
        .ok()
}

/// Replaces `path` as an editor or `git checkout` does: a new file
/// renamed over it.
fn replace(path: &Path, text: &[u8]) {
    let next = path.with_extension("next");
    std::fs::write(&next, text).expect("write");
    std::fs::rename(&next, path).expect("rename");
}

/// A plan replaced after wbs read it, while it parses, edits and
/// re-validates (which takes a while on a big plan), is kept and the edit
/// refused. The moment wbs has read the
/// file is seen in the bytes it has read (`/proc/PID/io`), so no hook is
/// needed; a replacement that came too late is tried again.
#[cfg(target_os = "linux")]
#[test]
fn a_plan_replaced_while_wbs_works_is_kept() {
    let original = big_plan();
    let mut replacement = original.to_vec();
    replacement.extend_from_slice(b"# replaced while wbs was working\n");
    let size = original.len() as u64;
    for attempt in 1..=5 {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = dir.path().join("p.yaml");
        std::fs::write(&plan, original).expect("write");
        let child = wbs(&[
            "-f", "p.yaml", "update", "is:leaf", "--all", "--status", "done",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
        let started = Instant::now();
        let mut read = 0;
        while read < size && started.elapsed() < Duration::from_secs(20) {
            read = bytes_read(child.id()).unwrap_or(u64::MAX);
        }
        replace(&plan, &replacement);
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Read the plan twice (the second time, checking it) before the
        // replacement, or done: too late, try again.
        if read >= 2 * size || output.status.success() {
            eprintln!("attempt {attempt}: the replacement came too late ({read} bytes read)");
            continue;
        }
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("`p.yaml` changed on disk while wbs was working; nothing was written"),
            "{stderr}"
        );
        assert!(std::fs::read(&plan).expect("read") == replacement);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        return;
    }
    panic!("in five attempts the plan was never replaced in time");
}

/// A plan replaced after wbs wrote its temporary file, just before the
/// rename: wbs checks the file once more there, so the replacement is
/// kept and the edit refused. `WBS_TEST_PAUSE_BEFORE_RENAME` holds wbs
/// between the temporary file and that last check.
#[test]
fn a_plan_replaced_before_the_rename_is_kept() {
    let dir = inline_plan(PLAN);
    let mut child = wbs(&["-f", "p.yaml", "update", "id:a", "--status", "done"])
        .current_dir(dir.path())
        .env("WBS_TEST_PAUSE_BEFORE_RENAME", "400")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("read");
    assert_eq!(line, "wbs: temporary file written\n");
    let replacement = format!("{PLAN}# replaced\n");
    replace(&dir.path().join("p.yaml"), replacement.as_bytes());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).expect("read");
    let status = child.wait().expect("wait");
    assert_eq!(read_p(dir.path()), replacement, "the replacement was lost");
    assert_eq!(status.code(), Some(2), "{rest}");
    assert!(
        rest.contains("`p.yaml` changed on disk while wbs was working; nothing was written"),
        "{rest}"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// An edit started while another holds the lock (paused before its
/// rename) is refused, and the first one's change is kept; run again, it
/// goes through, and both changes are in the plan.
#[test]
fn an_edit_during_another_is_refused_and_nothing_is_lost() {
    let dir = inline_plan(PLAN);
    let mut first = wbs(&["-f", "p.yaml", "update", "id:a", "--status", "done"])
        .current_dir(dir.path())
        .env("WBS_TEST_PAUSE_BEFORE_RENAME", "1000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(first.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("read");
    assert_eq!(line, "wbs: temporary file written\n");
    let second = wbs_p(dir.path(), &["update", "id:b", "--owner", "li"]);
    assert_eq!(second.code, 2, "{second}");
    assert!(
        second.stderr.contains("another wbs edit holds")
            && second.stderr.contains("nothing was written"),
        "{second}"
    );
    assert!(first.wait().expect("wait").success());
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    status: done\n  - id: b\n    title: B\n"
    );
    let again = wbs_p(dir.path(), &["update", "id:b", "--owner", "li"]);
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(
        read_p(dir.path()),
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    status: done\n  - id: b\n    title: B\n    owner: li\n"
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// Four updates of different nodes of a plan at once, three times:
/// each is applied or refused with a clear message, every applied change
/// is in the plan, no refused one is, and the plan stays valid.
#[test]
fn concurrent_updates_are_applied_or_refused_and_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("p.yaml");
    std::fs::write(
        &plan,
        super::generator::generate(1_000, 7).expect("generate"),
    )
    .expect("write");
    let listed = run(wbs(&[
        "-f", "p.yaml", "list", "is:leaf", "has:id", "--format", "json",
    ])
    .current_dir(dir.path()));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).expect("JSON");
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["id"].as_str())
        .take(12)
        .collect();
    assert_eq!(ids.len(), 12);
    let mut applied = Vec::new();
    for round in ids.chunks(4) {
        let children: Vec<_> = round
            .iter()
            .map(|id| {
                wbs(&[
                    "-f",
                    "p.yaml",
                    "update",
                    &format!("id:{id}"),
                    "--notes",
                    &format!("note of {id}"),
                ])
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
            })
            .collect();
        for (id, child) in round.iter().zip(children) {
            let output = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => applied.push(*id),
                Some(2) => assert!(
                    (stderr.contains("another wbs edit holds")
                        || stderr.contains("changed on disk while wbs was working"))
                        && stderr.contains("nothing was written"),
                    "{id}: {stderr}"
                ),
                other => panic!("{id}: exit {other:?}: {stderr}"),
            }
        }
    }
    let text = std::fs::read_to_string(&plan).expect("read");
    for id in &ids {
        let note = format!("notes: \"note of {id}\"");
        let has = text.contains(&note) || text.contains(&format!("notes: note of {id}\n"));
        assert_eq!(
            has,
            applied.contains(id),
            "{id}: applied {}",
            applied.contains(id)
        );
    }
    assert!(!applied.is_empty());
    assert_eq!(
        run(wbs(&["-f", "p.yaml", "check"]).current_dir(dir.path())).code,
        0
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}
