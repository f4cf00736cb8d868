//! `update` on a large plan killed (SIGKILL) at random moments over its
//! whole run: the plan is always byte for byte the old or the new text and
//! valid, and the next edit goes through, whatever lock or temporary file
//! the dead process left behind.
//!
//! `WBS_KILLS` sets the number of kills (default [`DEFAULT_KILLS`], which
//! keeps a debug `cargo test` quick) and `WBS_KILL_SEED` the seed of the
//! delays. For the full run:
//!
//! ```text
//! WBS_KILLS=200 cargo test --release --test cli kill -- --nocapture
//! ```

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{big_plan, leftovers};
use crate::common::{run, wbs};

const DEFAULT_KILLS: usize = 25;

/// An update that touches a few hundred leaves of the generated plan.
const UPDATE: [&str; 9] = [
    "-f",
    "p.yaml",
    "update",
    "is:leaf",
    "start>=2027-05-22",
    "--status",
    "in-progress",
    "--progress",
    "50",
];

/// splitmix64, so that the delays are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((u128::from(z ^ (z >> 31)) * u128::from(n)) >> 64) as u64
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// A fresh folder holding `p.yaml` with `text`.
fn folder(text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("p.yaml"), text).expect("write plan");
    dir
}

fn check_passes(dir: &Path, what: &str) {
    let output = run(wbs(&["-f", "p.yaml", "check"]).current_dir(dir));
    assert_eq!(output.code, 0, "{what}: wbs check fails:\n{output}");
}

/// Waits until `dir` holds the plan's lock, which an update takes once it
/// has re-loaded and checked the edited text, just before it writes;
/// false if the update ended first.
fn wait_for_lock(dir: &Path, child: &mut Child) -> bool {
    let lock = dir.join(".p.yaml.wbs-lock");
    loop {
        if lock.exists() {
            return true;
        }
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(50));
    }
}

fn spawn_update(dir: &Path) -> Child {
    wbs(&UPDATE)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

/// One update run to the end: how long it took, how long of that it held
/// the lock (writing, syncing and renaming), and the plan it left.
fn timed_update(old: &[u8]) -> (Duration, Duration, Vec<u8>) {
    let dir = folder(old);
    let started = Instant::now();
    let mut child = spawn_update(dir.path());
    assert!(wait_for_lock(dir.path(), &mut child), "no lock seen");
    let locked = started.elapsed();
    assert!(child.wait().expect("wait").success());
    let total = started.elapsed();
    let text = std::fs::read(dir.path().join("p.yaml")).expect("read");
    check_passes(dir.path(), "the new plan");
    (total, total - locked, text)
}

/// How a killed update left its folder.
#[derive(Debug, Default)]
struct Tally {
    /// The old plan, nothing else: killed before it wrote anything.
    old: usize,
    /// The old plan beside a lock or temporary file: killed while it
    /// held the lock, before the rename.
    old_leftovers: usize,
    /// The new plan beside its lock: killed between rename and unlock.
    new_leftovers: usize,
    /// The new plan, nothing else: it had finished.
    new: usize,
    /// Of all these, the runs that left an empty lock (see below).
    empty_lock: usize,
}

#[test]
fn kill_at_random_moments_leaves_the_old_or_the_new_plan() {
    let kills = env_number("WBS_KILLS", DEFAULT_KILLS as u64);
    let mut rng = Rng(env_number("WBS_KILL_SEED", 0x5EED));
    let old = big_plan();
    check_passes(folder(old).path(), "the old plan");

    // Three runs that are not killed: the new text, and the times.
    let runs: Vec<_> = (0..3).map(|_| timed_update(old)).collect();
    let new = runs[0].2.clone();
    assert!(runs.iter().all(|run| run.2 == new), "updates differ");
    assert_ne!(old, new, "the update changes nothing");
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[1]
    };
    let total = median(runs.iter().map(|run| run.0).collect());
    let tail = median(runs.iter().map(|run| run.1).collect());

    // Half the kills fall anywhere in the run (or just after it); the
    // other half once the lock is taken, in the last stretch where the
    // temporary file is written, synced and renamed, which a delay from
    // the start would seldom hit, as loading takes nearly all the time.
    let mut tally = Tally::default();
    let started = Instant::now();
    for round in 0..kills {
        let dir = folder(old);
        let mut child = spawn_update(dir.path());
        let window = match round % 2 {
            0 => total + total / 20,
            _ if wait_for_lock(dir.path(), &mut child) => tail + tail / 5,
            _ => Duration::from_micros(1),
        };
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64));
        std::thread::sleep(delay);
        // An update that already finished cannot be killed; that is fine.
        let _ = child.kill();
        child.wait().expect("wait");

        let what = match round % 2 {
            0 => format!("kill {round}, {delay:?} after the start"),
            _ => format!("kill {round}, {delay:?} after the lock"),
        };
        let text = std::fs::read(dir.path().join("p.yaml")).expect("read");
        let left = !leftovers(dir.path()).is_empty();
        match (text == old, text == new, left) {
            (true, _, false) => tally.old += 1,
            (true, _, true) => tally.old_leftovers += 1,
            (_, true, true) => tally.new_leftovers += 1,
            (_, true, false) => tally.new += 1,
            (false, false, _) => {
                let same = text.iter().zip(old).take_while(|(a, b)| a == b).count();
                panic!(
                    "{what}: the plan is neither old nor new ({} bytes, old {}, new {}, first difference from old at byte {same})",
                    text.len(),
                    old.len(),
                    new.len()
                );
            }
        }
        check_passes(dir.path(), &what);

        // The next edit takes over the dead process's lock and removes
        // its temporary file: after an old plan the same update gives the
        // new text exactly; after a new one a further change goes through.
        let next: Vec<&str> = match text == old {
            true => UPDATE.to_vec(),
            false => [&UPDATE[..7], &["--progress", "60"]].concat(),
        };
        let lock = dir.path().join(".p.yaml.wbs-lock");
        let mut output = run(wbs(&next).current_dir(dir.path()));
        if output.code != 0 && std::fs::read(&lock).is_ok_and(|pid| pid.is_empty()) {
            // Killed between creating its lock and writing its process id
            // in it: wbs takes an empty lock for a live edit's until it is
            // a minute old. The refusal is clear and changes nothing, and
            // removing the lock, as its hint says, lets the edit through.
            assert!(
                output.stderr.contains("another wbs edit holds")
                    && output.stderr.contains("remove the lock file"),
                "{what}: {output}"
            );
            assert!(std::fs::read(dir.path().join("p.yaml")).expect("read") == text);
            tally.empty_lock += 1;
            std::fs::remove_file(&lock).expect("remove the lock");
            output = run(wbs(&next).current_dir(dir.path()));
        }
        assert_eq!(output.code, 0, "{what}: the next edit fails:\n{output}");
        if text == old {
            assert!(
                std::fs::read(dir.path().join("p.yaml")).expect("read") == new,
                "{what}: the next update did not give the new text"
            );
        }
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{what}");
    }
    let Tally {
        old: o,
        old_leftovers: ol,
        new_leftovers: nl,
        new: n,
        empty_lock,
    } = tally;
    eprintln!(
        "kill test: {kills} kills of an update of a {} KB plan ({total:?} a run, {tail:?} of it holding the lock): \
         {} old ({o} clean, {ol} beside a lock or temporary file), {} new ({n} clean, {nl} beside a lock); \
         {} of {kills} intact and valid; every next edit went through, {empty_lock} after removing an empty lock by hand ({:?} in all)",
        old.len() / 1024,
        o + ol,
        n + nl,
        o + ol + n + nl,
        started.elapsed()
    );
}
