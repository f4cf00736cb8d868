//! `wbs history` and `wbs report --since` against scratch repositories
//! with dated commits: every point agrees with `report` run on its commit's
//! checkout; gaps, merges, files that come and go; the pictures, the
//! forecast and the errors.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{Output, git, run, wbs};

mod since;

/// A git repository whose commits carry the dates given.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let scratch = Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        git(scratch.path(), &["init", "-q"]);
        scratch
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).expect("remove");
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.path(), args).trim().to_owned()
    }

    /// Runs git with both dates set to noon UTC of `day`.
    fn dated(&self, day: &str, args: &[&str]) {
        let date = format!("{day}T12:00:00+00:00");
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(self.path())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Commits everything on `day`; returns the commit's id.
    fn commit(&self, day: &str, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.dated(day, &["commit", "-q", "--allow-empty", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs wbs here, in UTC (dates without a time are local midnight).
    fn wbs(&self, args: &[&str]) -> Output {
        run(wbs(args).current_dir(self.path()).env("TZ", "UTC"))
    }

    fn json(&self, args: &[&str]) -> Value {
        let output = self.wbs(args);
        assert_eq!(output.code, 0, "{output}");
        serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("{e}\n{output}"))
    }
}

const WEB: &str = "wbs: 1
title: Web
tasks:
  - id: design
    title: Design
    owner: ana
    tasks:
      - id: wire
        title: Wireframes
        effort: 2d
        due: 2026-09-04
      - id: visual
        title: Visual design
        effort: 3d
        due: 2026-09-10
  - id: build
    title: Build
    owner: li
    tasks:
      - id: ci
        title: Set up CI
        effort: 1d
      - id: pages
        title: Pages
        effort: 5d
        due: 2026-09-20
";

const OPS: &str = "wbs: 1
title: Ops
tasks:
  - id: monitoring
    title: Monitoring
    owner: ana
    due: 2026-09-01
  - id: backups
    title: Backups
    status: cancelled
  - id: runbook
    title: Runbook
    status: in-progress
    progress: 25
";

/// `WEB` with `field: value` added to the task `id` (after its title).
fn set(text: &str, id: &str, fields: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim() == format!("- id: {id}") || line.trim() == format!("id: {id}") {
            let title = lines.next().expect("a title line");
            out.push_str(title);
            out.push('\n');
            let indent = " ".repeat(title.len() - title.trim_start().len());
            for field in fields.split(", ") {
                out.push_str(&format!("{indent}{field}\n"));
            }
        }
    }
    out
}

/// The main story: plans added after a first commit, updates, a commit
/// that touches no plan, a file that comes and goes, a broken commit, a
/// re-estimate, a merged branch, and a commit with no plan at all.
/// Returns the repository and the ids of the commits that should be
/// points, oldest first.
fn story() -> (Scratch, Vec<String>) {
    let s = Scratch::new();
    let mut points = Vec::new();
    s.write("README.md", "plans\n");
    s.commit("2026-09-01", "Readme");
    s.write("plans/web.yaml", WEB);
    points.push(s.commit("2026-09-02", "Plan the relaunch"));
    let web = set(WEB, "wire", "status: in-progress, progress: 50");
    s.write("plans/web.yaml", &web);
    points.push(s.commit("2026-09-03", "Wireframes started"));
    s.write("README.md", "plans and more\n");
    s.commit("2026-09-05", "Readme only");
    let web = set(WEB, "wire", "status: done");
    let web = set(&web, "ci", "status: blocked");
    s.write("plans/web.yaml", &web);
    points.push(s.commit("2026-09-07", "Wireframes done, CI blocked"));
    s.write("plans/ops.yaml", OPS);
    points.push(s.commit("2026-09-08", "Add the ops plan"));
    s.write("plans/web.yaml", &set(&web, "visual", "status: dunno"));
    points.push(s.commit("2026-09-09", "Broken status"));
    let web = web.replace("effort: 5d", "effort: 8d");
    s.write("plans/web.yaml", &web);
    points.push(s.commit("2026-09-10", "Fix the status; pages re-estimated"));
    // A branch merged back: its own commits are not on the first-parent
    // line; the merge is.
    s.git(&["checkout", "-q", "-b", "side"]);
    let side = set(&web, "visual", "status: in-progress, progress: 60");
    s.write("plans/web.yaml", &side);
    s.commit("2026-09-11", "Side: visual at 60%");
    s.git(&["checkout", "-q", "-"]);
    s.write(
        "plans/ops.yaml",
        &OPS.replace("progress: 25", "progress: 75"),
    );
    points.push(s.commit("2026-09-12", "Runbook at 75%"));
    s.dated(
        "2026-09-13",
        &["merge", "-q", "--no-ff", "-m", "Merge side", "side"],
    );
    points.push(s.git(&["rev-parse", "HEAD"]));
    s.remove("plans/ops.yaml");
    points.push(s.commit("2026-09-15", "Drop the ops plan"));
    s.remove("plans/web.yaml");
    points.push(s.commit("2026-09-16", "Plans moved out"));
    s.write("plans/web.yaml", &set(&side, "pages", "progress: 40"));
    points.push(s.commit("2026-09-17", "Plans back, pages at 40%"));
    (s, points)
}

fn points(history: &Value) -> &Vec<Value> {
    history["points"].as_array().expect("points")
}

/// Every point's numbers against `report --format json` (and `check` for
/// a gap) on a checkout of its commit, with the same query.
fn assert_points_match_reports(s: &Scratch, query: &[&str]) {
    let mut args = vec!["history", "--format", "json"];
    args.extend(query);
    let history = s.json(&args);
    let branch = s.git(&["rev-parse", "--abbrev-ref", "HEAD"]);
    for point in points(&history) {
        let commit = point["commit"].as_str().expect("commit");
        let date = point["date"].as_str().expect("date");
        s.git(&["checkout", "-q", "--detach", commit]);
        if point["gap"] == true {
            if point["note"].is_null() {
                let check = s.wbs(&["check", "--format", "json"]);
                let diagnostics: Vec<Value> =
                    serde_json::from_str(&check.stdout).expect("diagnostics");
                let errors = diagnostics
                    .iter()
                    .filter(|d| d["severity"] == "error")
                    .count();
                assert_eq!(point["errors"], errors, "{point}");
                assert!(errors > 0);
            }
            continue;
        }
        let mut args = vec!["report", "--format", "json", "--today", date];
        args.extend(query);
        let report = s.json(&args);
        let counts = &report["counts"];
        let leaves: u64 = ["todo", "in-progress", "blocked", "done", "cancelled"]
            .iter()
            .map(|k| counts[*k].as_u64().expect("count"))
            .sum();
        let overdue_leaves = report["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .filter(|n| n["leaf"] == true)
            .count();
        let what = format!("{date} {commit} {query:?}");
        assert_eq!(point["progress"], report["progress"], "{what}");
        assert_eq!(point["leaves"], leaves, "{what}");
        assert_eq!(point["done"], counts["done"], "{what}");
        assert_eq!(point["cancelled"], counts["cancelled"], "{what}");
        assert_eq!(point["blocked"], counts["blocked"], "{what}");
        assert_eq!(point["effort_hours"], report["effort_hours"], "{what}");
        assert_eq!(point["done_hours"], report["effort_done_hours"], "{what}");
        assert_eq!(point["overdue"], overdue_leaves, "{what}");
    }
    s.git(&["checkout", "-q", &branch]);
}

#[test]
fn every_point_matches_report_on_its_checkout() {
    let (s, expected) = story();
    let history = s.json(&["history", "--format", "json"]);
    let commits: Vec<&str> = points(&history)
        .iter()
        .map(|p| p["commit"].as_str().expect("commit"))
        .collect();
    // One point per first-parent commit that changed the plan set: not the
    // readme commits, not the side branch's own commit, but its merge.
    assert_eq!(commits, expected);
    let gaps: Vec<(&str, &Value, &Value)> = points(&history)
        .iter()
        .filter(|p| p["gap"] == true)
        .map(|p| (p["date"].as_str().expect("date"), &p["errors"], &p["note"]))
        .collect();
    assert_eq!(
        gaps,
        [
            ("2026-09-09", &Value::from(1), &Value::Null),
            ("2026-09-16", &Value::from(0), &Value::from("no plan files")),
        ]
    );
    assert_points_match_reports(&s, &[]);
    assert_points_match_reports(&s, &["owner:ana"]);
    assert_points_match_reports(&s, &["under:build"]);
    // Something overdue on its day: monitoring was due on the 1st; the
    // visual design on the 10th, overdue from the 12th.
    let overdue: Vec<(&str, u64)> = points(&history)
        .iter()
        .filter(|p| p["gap"] == false)
        .map(|p| {
            (
                p["date"].as_str().expect("date"),
                p["overdue"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        overdue,
        [
            ("2026-09-02", 0),
            ("2026-09-03", 0),
            ("2026-09-07", 0),
            ("2026-09-08", 1),
            ("2026-09-10", 1),
            ("2026-09-12", 2),
            ("2026-09-13", 2),
            ("2026-09-15", 1),
            ("2026-09-17", 1),
        ]
    );
}

#[test]
fn earned_hours_leave_re_estimates_out() {
    let (s, _) = story();
    let history = s.json(&["history", "--format", "json"]);
    let earned: Vec<(&str, &Value, &Value, &Value)> = points(&history)
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date"),
                &p["earned_hours"],
                &p["done_hours"],
                &p["effort_hours"],
            )
        })
        .collect();
    let n = |v: f64| Value::from(v);
    assert_eq!(
        earned,
        [
            ("2026-09-02", &Value::Null, &n(0.0), &n(88.0)),
            // Wireframes (16h) half done.
            ("2026-09-03", &n(8.0), &n(8.0), &n(88.0)),
            ("2026-09-07", &n(8.0), &n(16.0), &n(88.0)),
            // The ops plan comes with work done on it: new leaves are
            // scope, not progress.
            ("2026-09-08", &n(0.0), &n(18.0), &n(104.0)),
            ("2026-09-09", &Value::Null, &Value::Null, &Value::Null),
            // Pages re-estimated from 40h to 64h: scope, not progress.
            ("2026-09-10", &n(0.0), &n(18.0), &n(128.0)),
            ("2026-09-12", &n(4.0), &n(22.0), &n(128.0)),
            // The merge brings the visual design to 60% of 24h.
            ("2026-09-13", &n(14.4), &n(36.4), &n(128.0)),
            // The ops plan goes, with its done work.
            ("2026-09-15", &n(0.0), &n(30.4), &n(112.0)),
            ("2026-09-16", &Value::Null, &Value::Null, &Value::Null),
            // Pages at 40% of 64h.
            ("2026-09-17", &n(25.6), &n(56.0), &n(112.0)),
        ]
    );
}

/// Ten working days of steady progress: eight leaves of 8h done, one a
/// day on days 2 to 9 (a weekend without commits between).
fn steady() -> Scratch {
    let s = Scratch::new();
    let leaves: Vec<String> = (1..=16)
        .map(|n| format!("  - id: t{n}\n    title: Task {n}\n"))
        .collect();
    let plan = |done: usize| {
        let mut text = String::from("wbs: 1\ntitle: Steady\ntasks:\n");
        for (n, leaf) in leaves.iter().enumerate() {
            text.push_str(leaf);
            if n < done {
                text.push_str("    status: done\n");
            }
        }
        text
    };
    let days = [
        "2026-10-01",
        "2026-10-02",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
        "2026-10-08",
        "2026-10-09",
        "2026-10-12",
        "2026-10-13",
    ];
    for (done, day) in days.iter().enumerate() {
        s.write("plans/steady.yaml", &plan(done));
        s.commit(day, &format!("{done} done"));
    }
    s
}

#[test]
fn the_forecast_is_reproducible_and_names_its_method() {
    let s = steady();
    let history = s.json(&["history", "--format", "json"]);
    let forecast = &history["forecast"];
    // 64h earned over 12 days, 64h left: about 12 more days.
    assert_eq!(forecast["p50"], "2026-10-25", "{forecast}");
    assert_eq!(forecast["p85"], "2026-10-27", "{forecast}");
    assert_eq!(forecast["remaining_hours"], 64.0);
    assert_eq!(forecast["window_days"], 12);
    assert_eq!(forecast["scope_change_hours"], 0.0);
    assert!(
        forecast["method"]
            .as_str()
            .expect("method")
            .starts_with("Monte Carlo"),
        "{forecast}"
    );
    // The same history, the same dates.
    assert_eq!(s.json(&["history", "--format", "json"]), history);
}

#[test]
fn no_forecast_when_progress_is_not_rising() {
    let s = Scratch::new();
    s.write(
        "plans/p.yaml",
        "wbs: 1\ntitle: P\ntasks:\n  - id: a\n    title: A\n",
    );
    s.commit("2026-10-01", "Plan");
    s.write(
        "plans/p.yaml",
        "wbs: 1\ntitle: P\ntasks:\n  - id: a\n    title: A\n    effort: 3d\n",
    );
    s.commit("2026-10-05", "Re-estimate");
    let history = s.json(&["history", "--format", "json"]);
    assert_eq!(history["forecast"], Value::Null);
    let output = s.wbs(&["history", "--width", "80"]);
    assert!(
        output
            .stdout
            .ends_with("Forecast: none — progress is not rising.\n"),
        "{output}"
    );
}

#[test]
fn human_history_draws_a_burn_up_at_80_columns() {
    let (s, _) = story();
    let output = s.wbs(&["history", "--width", "80"]);
    assert!(
        output
            .stdout
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{output}"
    );
    insta::assert_snapshot!(output);
}

#[test]
fn ascii_and_colour() {
    let s = steady();
    let ascii = s.wbs(&["history", "--ascii", "--width", "72"]);
    // The chart: ten rows, the axis, the dates and the legend.
    let chart: Vec<&str> = ascii.stdout.lines().skip(2).take(13).collect();
    assert!(chart.iter().all(|line| line.is_ascii()), "{ascii}");
    insta::assert_snapshot!(ascii);
    // NO_COLOR is set in tests: no colour unless asked.
    let plain = s.wbs(&["history", "--width", "72"]);
    assert!(!plain.stdout.contains('\x1b'), "{plain}");
    let colour = s.wbs(&["--color", "always", "history", "--width", "72"]);
    assert!(colour.stdout.contains("\x1b[32m"), "{colour}");
    assert!(colour.stdout.contains("\x1b[33m"), "{colour}");
}

#[test]
fn markdown_history_has_a_mermaid_chart_and_a_table() {
    let (s, _) = story();
    insta::assert_snapshot!(s.wbs(&["history", "--format", "markdown"]));
}

#[test]
fn csv_history_has_one_row_per_point() {
    let (s, _) = story();
    let output = s.wbs(&[
        "history",
        "--format",
        "csv",
        "--since",
        "2026-09-10",
        "--until",
        "2026-09-13",
    ]);
    let rows: Vec<Vec<&str>> = output
        .stdout
        .lines()
        .map(|line| line.split(',').collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "commit",
            "date",
            "subject",
            "gap",
            "errors",
            "note",
            "progress",
            "leaves",
            "done",
            "cancelled",
            "effort_hours",
            "done_hours",
            "earned_hours",
            "overdue",
            "blocked"
        ]
    );
    let shown: Vec<String> = rows[1..]
        .iter()
        .map(|row| format!("{} {} {}", row[1], row[6], row[12]))
        .collect();
    // From the state before the 10th (the broken commit of the 9th) to
    // the end of the 13th.
    assert_eq!(
        shown,
        [
            "2026-09-09  ",
            "2026-09-10 14.1 ",
            "2026-09-12 17.2 4",
            "2026-09-13 28.4 14.4"
        ]
    );
}

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

#[test]
fn the_seed_plan_edited_deep_inside_matches_report_at_every_commit() {
    // The seed plan has two top-level tasks and deep branches: its parts
    // are cut inside them, and edits land in different parts.
    let s = Scratch::new();
    let seed = std::fs::read_to_string(crate::common::root().join("plans/programme.yaml"))
        .expect("the seed plan");
    s.write("plans/programme.yaml", &seed);
    s.commit("2026-03-02", "The seed plan");
    let edits: [(&str, &[&str]); 6] = [
        (
            "2026-03-09",
            &["update", "id:platform-deploy-remote", "--status", "done"],
        ),
        (
            "2026-03-16",
            &[
                "update",
                "id:governance-process-approval",
                "--progress",
                "80",
                "--status",
                "in-progress",
            ],
        ),
        (
            "2026-03-23",
            &["update", "id:platform-strategy-roadmap", "--effort", "15d"],
        ),
        (
            "2026-03-30",
            &[
                "add",
                "governance-quality",
                "Audit the models",
                "--id",
                "audit",
                "--due",
                "2026-04-01",
            ],
        ),
        (
            "2026-04-06",
            &["rm", "platform-strategy-feedback", "--force"],
        ),
        ("2026-04-13", &["mv", "audit", "--under", "platform-deploy"]),
    ];
    for (day, args) in edits {
        let output = s.wbs(args);
        assert_eq!(output.code, 0, "{args:?}: {output}");
        s.commit(day, &args.join(" "));
    }
    let history = s.json(&["history", "--format", "json"]);
    assert_eq!(points(&history).len(), 7);
    assert!(
        points(&history).iter().all(|p| p["gap"] == false),
        "{history}"
    );
    assert_points_match_reports(&s, &[]);
    assert_points_match_reports(&s, &["under:platform-deploy"]);
}
