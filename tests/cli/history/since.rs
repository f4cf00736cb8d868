//! `wbs report --since REV|DATE`: what changed since a past version, in
//! every format.

use serde_json::Value;

use super::Scratch;
use crate::common::{run, wbs};

const PLAN: &str = "wbs: 1
title: Weekly
tasks:
  - id: a
    title: Alpha
    owner: ana
  - id: b
    title: Bravo
    due: 2026-11-20
  - id: c
    title: Charlie
    due: 2026-11-25
  - id: d
    title: Delta
  - id: e
    title: Echo
    status: in-progress
    progress: 50
";

/// A week of work: on the 16th the plan; on the 18th Alpha done; on the
/// 23rd Bravo's due date slips a week, Charlie and Delta are done, and
/// two tasks are added, one done, one due before the report's day.
fn weekly() -> (Scratch, String) {
    let s = Scratch::new();
    s.write("plans/weekly.yaml", PLAN);
    let first = s.commit("2026-11-16", "Plan the week");
    let plan = PLAN.replace("    owner: ana\n", "    owner: ana\n    status: done\n");
    s.write("plans/weekly.yaml", &plan);
    s.commit("2026-11-18", "Alpha done");
    let plan = plan
        .replace("due: 2026-11-20", "due: 2026-11-27")
        .replace(
            "    due: 2026-11-25\n",
            "    due: 2026-11-25\n    status: done\n",
        )
        .replace("    title: Delta\n", "    title: Delta\n    status: done\n")
        + "  - id: f\n    title: Foxtrot\n    status: done\n  - id: g\n    title: Golf\n    due: 2026-11-24\n";
    s.write("plans/weekly.yaml", &plan);
    s.commit("2026-11-23", "Week's updates");
    (s, first)
}

fn report(s: &Scratch, args: &[&str]) -> crate::common::Output {
    let mut all = vec!["--today", "2026-11-29", "report"];
    all.extend(args);
    s.wbs(&all)
}

#[test]
fn the_since_object_says_what_changed() {
    let (s, first) = weekly();
    let output = report(&s, &["--since", "2026-11-17", "--format", "json"]);
    assert_eq!(output.code, 0, "{output}");
    let json: Value = serde_json::from_str(&output.stdout).expect("json");
    let since = &json["since"];
    // The state at the start of the 17th: the commit of the 16th.
    assert_eq!(since["commit"], first.as_str());
    assert_eq!(since["date"], "2026-11-16");
    // Then: Echo half done of five tasks.
    assert_eq!(since["progress"], 10.0);
    assert_eq!(json["progress"], 64.3);
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .expect("a list")
            .iter()
            .map(|node| {
                crate::common::assert_node_shape(node);
                node["id"].as_str().expect("id").to_owned()
            })
            .collect()
    };
    assert_eq!(ids(&since["done"]), ["a", "c", "d", "f"]);
    // Golf (due the 24th) and Bravo (now due the 27th) are overdue on the
    // 29th, most days late first; neither was on the 16th.
    assert_eq!(ids(&since["new_overdue"]), ["g", "b"]);
    assert_eq!(
        since["slipped"],
        serde_json::json!([{"code": "2", "id": "b", "title": "Bravo", "old": "2026-11-20", "new": "2026-11-27", "days": 7}])
    );
    // A revision names the same state.
    let by_rev = report(&s, &["--since", &first, "--format", "json"]);
    let by_rev: Value = serde_json::from_str(&by_rev.stdout).expect("json");
    assert_eq!(by_rev["since"], json["since"]);
    // A query narrows then and now alike.
    let scoped = report(&s, &["--since", &first, "--format", "json", "id:a,b"]);
    let scoped: Value = serde_json::from_str(&scoped.stdout).expect("json");
    assert_eq!(scoped["since"]["progress"], 0.0);
    assert_eq!(ids(&scoped["since"]["done"]), ["a"]);
    assert_eq!(ids(&scoped["since"]["new_overdue"]), ["b"]);
}

#[test]
fn human_and_markdown_reports_end_with_what_changed() {
    let (s, _) = weekly();
    // The report before it is report's own; what --since adds comes last.
    let from = |output: crate::common::Output, heading: &str| {
        assert_eq!(output.code, 0, "{output}");
        let at = output.stdout.find(heading).expect("the since section");
        output.stdout[at..].to_owned()
    };
    let human = report(&s, &["--since", "2026-11-17", "--width", "80"]);
    insta::assert_snapshot!("since human", from(human, "\nSince "));
    let markdown = report(&s, &["--since", "2026-11-17", "--format", "markdown"]);
    insta::assert_snapshot!("since markdown", from(markdown, "\n### Since "));
}

#[test]
fn before_the_first_commit_everything_is_new() {
    let (s, _) = weekly();
    let output = report(&s, &["--since", "100 years ago", "--format", "json"]);
    assert_eq!(output.code, 0, "{output}");
    let json: Value = serde_json::from_str(&output.stdout).expect("json");
    assert_eq!(json["since"]["commit"], Value::Null);
    assert_eq!(json["since"]["progress"], 0.0);
    assert_eq!(json["since"]["done"].as_array().map(Vec::len), Some(4));
}

#[test]
fn since_errors_are_clear() {
    let (s, first) = weekly();
    s.write("plans/weekly.yaml", "wbs: 1\ntitle: [broken\n");
    s.commit("2026-11-24", "Broken");
    s.write("plans/weekly.yaml", PLAN);
    s.commit("2026-11-25", "Fixed");
    let output = report(&s, &["--since", "HEAD~1"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("does not validate: 1 error"),
        "{output}"
    );
    let output = report(&s, &["--since", "not-a-thing"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("neither a git revision nor a date"),
        "{output}"
    );
    // Outside a repository, the error diff gives.
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("p.yaml"), PLAN).expect("write");
    let output =
        run(wbs(&["-f", "p.yaml", "report", "--since", &first]).current_dir(outside.path()));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("is not inside a git work tree"),
        "{output}"
    );
}
