//! Which commits `wbs history` replays (`--since`, `--until`, `--by`), a
//! query that names something added later, and the errors.

use serde_json::Value;

use super::{points, story};
use crate::common::{git, run, wbs};

fn dates(history: &Value) -> Vec<&str> {
    points(history)
        .iter()
        .map(|p| p["date"].as_str().expect("date"))
        .collect()
}

#[test]
fn since_until_and_by_pick_the_points() {
    let (s, points) = story();
    let json = |args: &[&str]| {
        let mut all = vec!["history", "--format", "json"];
        all.extend(args);
        s.json(&all)
    };
    // A revision: its state first, then what came after.
    let from_rev = json(&["--since", &points[3]]);
    assert_eq!(dates(&from_rev)[..2], ["2026-09-08", "2026-09-09"]);
    // A date: the state at the start of that day, then the day's commits.
    let from_date = json(&["--since", "2026-09-08", "--until", "2026-09-10"]);
    assert_eq!(
        dates(&from_date),
        ["2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10"]
    );
    // A date as git reads one.
    let relative = json(&["--since", "2026-09-12 00:00", "--until", "2026-09-13 23:00"]);
    assert_eq!(dates(&relative), ["2026-09-10", "2026-09-12", "2026-09-13"]);
    let before_everything = json(&["--since", "2020-01-01", "--until", "2026-09-03"]);
    assert_eq!(dates(&before_everything), ["2026-09-02", "2026-09-03"]);
    // The last commit of each week (Monday to Sunday).
    let weekly = json(&["--by", "week"]);
    assert_eq!(dates(&weekly), ["2026-09-03", "2026-09-13", "2026-09-17"]);
    let daily = json(&["--by", "day", "--since", "2026-09-12"]);
    assert_eq!(
        dates(&daily),
        [
            "2026-09-10",
            "2026-09-12",
            "2026-09-13",
            "2026-09-15",
            "2026-09-16",
            "2026-09-17"
        ]
    );
}

#[test]
fn a_query_names_something_added_later() {
    let (s, _) = story();
    // `under:monitoring`'s node comes with the ops plan; before, the query
    // matches nothing; after it is dropped, likewise.
    let history = s.json(&["history", "--format", "json", "id:monitoring,runbook"]);
    let leaves: Vec<(&str, &Value)> = points(&history)
        .iter()
        .map(|p| (p["date"].as_str().expect("date"), &p["leaves"]))
        .collect();
    assert_eq!(leaves[0], ("2026-09-02", &Value::from(0)));
    assert_eq!(leaves[3], ("2026-09-08", &Value::from(2)));
    // A query no version can read is a mistake.
    let output = s.wbs(&["history", "owmer:ana"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("owmer"), "{output}");
}

#[test]
fn history_errors_are_clear() {
    let outside = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["history"]).current_dir(outside.path()));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output.stderr.contains("is not inside a git work tree"),
        "{output}"
    );
    assert!(output.stderr.contains("hint:"), "{output}");

    let (s, points) = story();
    let output = s.wbs(&["history", "--since", "no-such-thing"]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!("unknown since", output);
    let output = s.wbs(&["history", "--until", "2020-01-01"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("2020-01-01"), "{output}");
    // A revision that looks like an option stays a revision.
    let output = s.wbs(&["history", "--since=--output=x"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(!s.path().join("x").exists());
    // Not in the history asked for.
    let output = s.wbs(&["history", "--since", "side", "--until", &points[2]]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("not in the history"), "{output}");
    // No plan anywhere in the range.
    let output = s.wbs(&[
        "history",
        "--until",
        &s.git(&["rev-list", "--max-parents=0", "HEAD"]),
    ]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!("no plans", output);

    // A shallow clone, whose history stops short.
    let shallow = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", s.path().display());
    git(
        shallow.path(),
        &["clone", "-q", "--depth", "2", &url, "clone"],
    );
    let output = run(wbs(&["history"]).current_dir(shallow.path().join("clone")));
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!("shallow", output);
}
