//! Every fixture under `tests/fixtures/` against the diagnostics it states.
//!
//! An invalid fixture lists what it must produce in its first lines:
//! `# expect: error duplicate-id 9:9` (or without a position, as the
//! oldest `yaml-syntax` fixtures do). The set must
//! match exactly: nothing missing, nothing extra. A valid fixture must
//! produce no diagnostic at all.

use std::collections::BTreeSet;
use std::fs;

use crate::common::{fixture, path_str, wbs_run};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    severity: String,
    code: String,
    position: Option<(u64, u64)>,
}

fn expectations(bytes: &[u8]) -> Vec<Expected> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .filter_map(|line| line.trim_end_matches('\r').strip_prefix("# expect: "))
        .map(|rest| {
            let parts: Vec<&str> = rest.split_whitespace().collect();
            let position = parts.get(2).map(|p| {
                let (line, column) = p.split_once(':').expect("line:column");
                (line.parse().expect("line"), column.parse().expect("column"))
            });
            Expected {
                severity: parts[0].to_owned(),
                code: parts[1].to_owned(),
                position,
            }
        })
        .collect()
}

fn diagnostics(path: &std::path::Path) -> (Vec<serde_json::Value>, i32) {
    let output = wbs_run(&["check", "--format", "json", "-f", path_str(path)]);
    match serde_json::from_str::<serde_json::Value>(&output.stdout) {
        Ok(serde_json::Value::Array(rows)) => (rows, output.code),
        _ => (Vec::new(), output.code),
    }
}

#[test]
fn invalid_fixtures_produce_exactly_their_diagnostics() {
    let mut files: Vec<_> = fs::read_dir(fixture("invalid"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 25, "one fixture per code at least");
    let mut failures = Vec::new();
    for path in &files {
        let expected: BTreeSet<Expected> = expectations(&fs::read(path).expect("read"))
            .into_iter()
            .collect();
        assert!(
            !expected.is_empty(),
            "{} states no expectation",
            path.display()
        );
        let (found, code) = diagnostics(path);
        let found: BTreeSet<Expected> = found
            .iter()
            .map(|d| {
                let code = d["code"].as_str().expect("code").to_owned();
                let positioned = expected
                    .iter()
                    .any(|e| e.code == code && e.position.is_some());
                Expected {
                    severity: d["severity"].as_str().expect("severity").to_owned(),
                    position: positioned.then(|| {
                        (
                            d["line"].as_u64().expect("line"),
                            d["column"].as_u64().expect("column"),
                        )
                    }),
                    code,
                }
            })
            .collect();
        let has_error = expected.iter().any(|e| e.severity == "error");
        if found != expected || code != i32::from(has_error) {
            failures.push(format!(
                "{}: exit {code}\n  expected: {expected:?}\n  found:    {found:?}",
                path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_code_has_a_fixture() {
    let mut codes = BTreeSet::new();
    for entry in fs::read_dir(fixture("invalid")).expect("fixtures") {
        let bytes = fs::read(entry.expect("entry").path()).expect("read");
        codes.extend(expectations(&bytes).into_iter().map(|e| e.code));
    }
    for code in wbs::diagnostic::Code::ALL {
        assert!(
            codes.contains(code.as_str()),
            "no fixture for {}",
            code.as_str()
        );
    }
}

#[test]
fn valid_fixtures_and_the_seed_plan_are_clean() {
    let mut paths: Vec<_> = fs::read_dir(fixture("valid"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.push(crate::common::root().join("plans/programme.yaml"));
    for path in paths {
        let (found, code) = diagnostics(&path);
        assert!(
            found.is_empty() && code == 0,
            "{}: {found:#?}",
            path.display()
        );
    }
}

/// What a person reads for each invalid fixture, so a change to any message,
/// caret or help line shows up in review.
#[test]
fn invalid_fixtures_read_well() {
    insta::glob!("../fixtures", "invalid/*.yaml", |path| {
        let relative = path.strip_prefix(crate::common::root()).unwrap_or(path);
        insta::assert_snapshot!(wbs_run(&["check", "-f", path_str(relative)]));
    });
}
