//! `wbs merge`: the generated scenario suite through the binary, the
//! driver contract (exit codes, where the result goes, markers), and a
//! real `git merge` through the driver.

mod git;
mod lang;
#[path = "../../examples/merge_scenarios/scenarios.rs"]
mod scenarios;

use std::path::Path;

use crate::common::{run, wbs};
use scenarios::{Expect, Scenario, same_plan, valid};

/// Runs `wbs merge BASE OURS THEIRS` in `dir` on files named after `path`,
/// returning the result text, the stderr and the exit code.
fn merge_files(
    dir: &Path,
    path: &str,
    base: &str,
    ours: &str,
    theirs: &str,
) -> (String, String, i32) {
    let stem = path.trim_end_matches(".yaml");
    let (b, o, t) = (
        format!("{stem}.base"),
        path.to_owned(),
        format!("{stem}.theirs"),
    );
    std::fs::write(dir.join(&b), base).expect("write base");
    std::fs::write(dir.join(&o), ours).expect("write ours");
    std::fs::write(dir.join(&t), theirs).expect("write theirs");
    let output = run(wbs(&["merge", &b, &o, &t]).current_dir(dir));
    let merged = std::fs::read_to_string(dir.join(&o)).expect("read result");
    (merged, output.stderr, output.code)
}

/// The lines of `from` that a line diff to `to` deletes, by index.
fn deleted_lines(from: &str, to: &str) -> Vec<usize> {
    let diff = similar::TextDiff::from_lines(from, to);
    diff.ops()
        .iter()
        .flat_map(|op| match *op {
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => old_index..old_index + old_len,
            similar::DiffOp::Replace {
                old_index, old_len, ..
            } => old_index..old_index + old_len,
            _ => 0..0,
        })
        .collect()
}

/// The text with every conflict resolved as ours: the markers and
/// theirs's side gone.
fn resolve_as_ours(text: &str) -> String {
    let mut out = String::new();
    let mut side = 0; // 0 outside, 1 ours, 2 theirs
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match bare {
            "<<<<<<< ours" => side = 1,
            "=======" if side == 1 => side = 2,
            ">>>>>>> theirs" => side = 0,
            _ if side != 2 => out.push_str(line),
            _ => {}
        }
    }
    out
}

/// Whether the markers are well formed: each block opens, divides and
/// closes, in order.
fn markers_well_formed(text: &str) -> usize {
    let mut blocks = 0;
    let mut state = 0;
    for line in text.lines() {
        match (line, state) {
            ("<<<<<<< ours", 0) => state = 1,
            ("=======", 1) => state = 2,
            (">>>>>>> theirs", 2) => {
                state = 0;
                blocks += 1;
            }
            ("<<<<<<< ours" | "=======" | ">>>>>>> theirs", _) => {
                panic!("misplaced marker in\n{text}")
            }
            _ => {}
        }
    }
    assert_eq!(state, 0, "unclosed marker in\n{text}");
    blocks
}

/// How a scenario is merged: the result text, the stderr and the exit code.
type Merger<'a> = &'a dyn Fn(&str, &str, &str, &str) -> (String, String, i32);

/// Merges in this process, with the lines `wbs merge` would print.
fn in_process(path: &str, base: &str, ours: &str, theirs: &str) -> (String, String, i32) {
    let outcome = wbs::merge::merge(wbs::merge::Request {
        path,
        base: base.as_bytes().to_vec(),
        ours: ours.as_bytes().to_vec(),
        theirs: theirs.as_bytes().to_vec(),
        clock: wbs::plan::derive::Clock::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date"),
        ),
        marker_size: 7,
    });
    let mut stderr = String::new();
    for note in &outcome.notes {
        stderr.push_str(&format!("note: {path}: {note}\n"));
    }
    for conflict in &outcome.conflicts {
        stderr.push_str(&format!("conflict: {path}: {conflict}\n"));
    }
    let code = i32::from(!outcome.is_clean());
    (
        String::from_utf8(outcome.bytes).expect("UTF-8"),
        stderr,
        code,
    )
}

/// Checks one scenario; returns what went wrong, if anything.
fn check(s: &Scenario, merge: Merger<'_>) -> Result<(), String> {
    let mut results = Vec::new();
    let mut flagged = false;
    for case in &s.cases {
        let (merged, stderr, code) = merge(&case.path, &case.base, &case.ours, &case.theirs);
        let fail = |what: String| {
            Err(format!(
                "{} ({}): {what}\n--- result ---\n{merged}--- stderr ---\n{stderr}",
                s.name, case.path
            ))
        };
        match &case.expect {
            Expect::Clean(expected) => {
                if code != 0 || !stderr.is_empty() {
                    return fail(format!("exit {code}, expected a clean merge"));
                }
                if !same_plan(&merged, expected) {
                    return fail(format!(
                        "not the plan both edits make; expected\n{expected}"
                    ));
                }
                // Every line of ours the result loses, the edits lose too.
                // (A blank line beside a block that goes may go with it,
                // as `wbs rm` takes one of two blank lines around a task.)
                let lost = deleted_lines(&case.ours, &merged);
                let meant = deleted_lines(&case.ours, expected);
                let ours_lines: Vec<&str> = case.ours.lines().collect();
                let blank = |l: &usize| ours_lines.get(*l).is_some_and(|t| t.trim().is_empty());
                // Comment lines theirs added are there too.
                let base_lines: Vec<&str> = case.base.lines().collect();
                let merged_lines: Vec<&str> = merged.lines().collect();
                let dropped = case.theirs.lines().find(|l| {
                    l.trim_start().starts_with('#')
                        && !base_lines.contains(l)
                        && !merged_lines.contains(l)
                });
                if let Some(comment) = dropped {
                    return fail(format!("theirs's comment `{comment}` is not in the result"));
                }
                if let Some(line) = lost.iter().find(|l| !meant.contains(l) && !blank(l)) {
                    return fail(format!(
                        "ours's line {} changed outside theirs's edit",
                        line + 1
                    ));
                }
            }
            Expect::Conflict(words) => {
                flagged = true;
                if code != 1 {
                    return fail(format!("exit {code}, expected 1"));
                }
                let blocks = markers_well_formed(&merged);
                if blocks == 0 {
                    return fail("no conflict markers".to_owned());
                }
                let named = stderr.lines().any(|line| {
                    line.starts_with("conflict: ")
                        && words.iter().all(|w| line.contains(w.as_str()))
                });
                if !named {
                    return fail(format!("no conflict line with {words:?}"));
                }
                // Keeping ours's side everywhere gives a plan that validates.
                let resolved = resolve_as_ours(&merged);
                if !valid(&[(case.path.as_str(), resolved.as_str())]) {
                    return fail("resolved as ours, the plan does not validate".to_owned());
                }
            }
        }
        results.push((case.path.clone(), merged));
    }
    if !flagged {
        let files: Vec<(&str, &str)> = results
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        if !valid(&files) {
            return Err(format!("{}: the merged plan set does not validate", s.name));
        }
    }
    Ok(())
}

#[test]
fn the_scenario_suite_merges_right_and_flags_every_conflict() {
    let all = scenarios::scenarios(1);
    // Every kind on most shapes, the plan set included.
    assert!(all.len() >= 100, "only {} scenarios", all.len());
    for (kind, _) in scenarios::KINDS {
        let shapes = all.iter().filter(|s| s.kind == *kind).count();
        assert!(shapes >= 2, "{kind} on {shapes} shapes");
    }
    for shape in ["seed", "generated", "flow", "blocks", "crlf", "plan-set"] {
        assert!(all.iter().any(|s| s.shape == shape), "no {shape} scenario");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let process = |path: &str, base: &str, ours: &str, theirs: &str| {
        merge_files(dir.path(), path, base, ours, theirs)
    };
    let failures: Vec<String> = all
        .iter()
        .filter_map(|s| check(s, &process).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

/// More seeds, merged in this process (the same checks, faster).
#[test]
fn more_seeds_merge_right_and_flag_every_conflict() {
    let seeds = std::env::var("MERGE_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4u64);
    let mut failures = Vec::new();
    let mut count = 0;
    for seed in 2..2 + seeds {
        for s in scenarios::scenarios(seed) {
            count += 1;
            if let Err(e) = check(&s, &in_process) {
                failures.push(format!("seed {seed}: {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} scenarios failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn exit_codes_and_where_the_result_goes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let base = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    due: 2026-10-01\n";
    std::fs::write(d.join("base.yaml"), base).expect("write");
    std::fs::write(d.join("ours.yaml"), base.replace("title: A", "title: A1")).expect("write");
    std::fs::write(
        d.join("theirs.yaml"),
        base.replace("2026-10-01", "2026-10-09"),
    )
    .expect("write");
    // --output - : stdout, OURS untouched.
    let output = run(wbs(&[
        "merge",
        "base.yaml",
        "ours.yaml",
        "theirs.yaml",
        "--output",
        "-",
    ])
    .current_dir(d));
    insta::assert_snapshot!(output, @r"
    wbs: 1
    title: T
    tasks:
      - id: a
        title: A1
        due: 2026-10-09
    [exit status: 0]
    ");
    assert_eq!(
        std::fs::read_to_string(d.join("ours.yaml")).expect("read"),
        base.replace("title: A", "title: A1")
    );
    // --output FILE.
    let output = run(wbs(&[
        "merge",
        "base.yaml",
        "ours.yaml",
        "theirs.yaml",
        "-o",
        "out.yaml",
    ])
    .current_dir(d));
    assert_eq!(output.code, 0);
    assert!(
        std::fs::read_to_string(d.join("out.yaml"))
            .expect("read")
            .contains("due: 2026-10-09")
    );
    // A conflict, with markers 3 wide and the path given.
    std::fs::write(
        d.join("ours.yaml"),
        base.replace("2026-10-01", "2026-10-05"),
    )
    .expect("write");
    let output = run(wbs(&[
        "merge",
        "base.yaml",
        "ours.yaml",
        "theirs.yaml",
        "--path",
        "plans/t.yaml",
        "--marker-size",
        "3",
    ])
    .current_dir(d));
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    conflict: plans/t.yaml: 1 a due: 2026-10-01 → ours 2026-10-05 / theirs 2026-10-09
    [exit status: 1]
    ");
    insta::assert_snapshot!(std::fs::read_to_string(d.join("ours.yaml")).expect("read"), @r"
    wbs: 1
    title: T
    tasks:
      - id: a
        title: A
    <<< ours
        due: 2026-10-05
    ===
        due: 2026-10-09
    >>> theirs
    ");
    // Could not run: a missing file, a bad marker size.
    let output = run(wbs(&["merge", "base.yaml", "nope.yaml", "theirs.yaml"]).current_dir(d));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.starts_with("error: cannot read `nope.yaml`"),
        "{output}"
    );
    let output = run(wbs(&[
        "merge",
        "base.yaml",
        "ours.yaml",
        "theirs.yaml",
        "--marker-size",
        "0",
    ])
    .current_dir(d));
    assert_eq!(output.code, 2, "{output}");
}

#[test]
fn a_side_that_is_not_yaml_merges_line_by_line_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n  - id: b\n    title: B\n";
    let ours = base.replace("title: A\n", "title: A\n    notes: [unclosed\n");
    let theirs = base.replace("title: B", "title: B2");
    let (merged, stderr, code) = merge_files(dir.path(), "p.yaml", base, &ours, &theirs);
    assert_eq!(merged, ours.replace("title: B", "title: B2"));
    // The line merge is clean, but the result does not validate.
    assert_eq!(code, 1);
    insta::assert_snapshot!(stderr, @r"
    note: p.yaml: ours is not valid YAML (line 7: this line is indented less than the list it continues); merged line by line
    conflict: p.yaml: line 7: the merged plan does not validate: [yaml-syntax] this line is indented less than the list it continues
    ");
}
