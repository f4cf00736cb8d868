//! `wbs history` and `wbs report --since` against scratch repositories
//! with dated commits: every point agrees with `report` run on its commit's
//! checkout; gaps, merges, files that come and go; the pictures, the
//! forecast and the errors.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{Output, git, run, wbs};

mod lang;
mod output;
mod range;
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

    /// Runs wbs here, in UTC, with these environment variables too.
    fn wbs_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = wbs(args);
        command.current_dir(self.path()).env("TZ", "UTC");
        for (name, value) in vars {
            command.env(name, value);
        }
        run(&mut command)
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
