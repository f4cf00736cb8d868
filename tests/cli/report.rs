//! `wbs report`: the three formats on the seed plan, the CI gate, and
//! agreement with `list` on every figure.

use crate::common::{path_str, temp_file, wbs_run};

#[test]
fn human_report_of_the_seed_plan() {
    insta::assert_snapshot!(wbs_run(&["report"]));
}

#[test]
fn human_report_with_a_query_and_depth() {
    insta::assert_snapshot!(wbs_run(&["report", "under:rnd", "--depth", "3"]));
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!(wbs_run(&["report", "--format", "markdown"]));
}

#[test]
fn markdown_report_with_a_query_and_gantt() {
    insta::assert_snapshot!(wbs_run(&[
        "report",
        "--format",
        "markdown",
        "--gantt",
        "owner:平台工具小组",
        "--depth",
        "4"
    ]));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(wbs_run(&["report", "--format", "json", "--depth", "1"]));
}

#[test]
fn json_report_with_a_query() {
    insta::assert_snapshot!(wbs_run(&[
        "report",
        "--format",
        "json",
        "--depth",
        "3",
        "under:platform-tools"
    ]));
}

fn json(args: &[&str]) -> serde_json::Value {
    let output = wbs_run(args);
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("{e}\n{output}"))
}

#[test]
fn figures_agree_with_list() {
    let report = json(&["report", "--format", "json", "--depth", "3"]);
    let listed = json(&["list", "--format", "json", "level<=3"]);
    let branches = report["branches"].as_array().expect("branches");
    let rows = listed.as_array().expect("rows");
    assert_eq!(branches.len(), rows.len());
    for (branch, row) in branches.iter().zip(rows) {
        for (field, value) in row.as_object().expect("row") {
            assert_eq!(&branch[field], value, "{field} of {}", row["code"]);
        }
    }
    // Scoped to a subtree, the overall progress is that node's progress.
    let scoped = json(&["report", "--format", "json", "under:platform-tools"]);
    let node = json(&["list", "--format", "json", "id:platform-tools"]);
    assert_eq!(scoped["progress"], node[0]["progress"]);
    // The whole plan's progress is the weighted roll-up of its top-level
    // nodes, as list shows them.
    let top = json(&["list", "--format", "json", "level:1"]);
    let (weight, weighted) =
        top.as_array()
            .expect("rows")
            .iter()
            .fold((0.0, 0.0), |(w, p), row| {
                let e = row["effort_hours"].as_f64().expect("effort");
                (w + e, p + e * row["progress"].as_f64().expect("progress"))
            });
    let overall = report["progress"].as_f64().expect("progress");
    assert!(
        (overall - weighted / weight).abs() < 0.1,
        "{overall} vs {}",
        weighted / weight
    );
    let counts = &report["counts"];
    let leaves = json(&["list", "--format", "json", "is:leaf"]);
    for status in ["todo", "in-progress", "blocked", "done", "cancelled"] {
        let n = leaves
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["status"] == status)
            .count();
        assert_eq!(counts[status], n, "{status}");
    }
}

#[test]
fn every_gate_condition() {
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["report", "--fail-on", "overdue"],
            1,
            "report gate failed: 6 overdue\n",
        ),
        (
            &["report", "--fail-on", "blocked"],
            1,
            "report gate failed: 3 blocked\n",
        ),
        (
            &["report", "--fail-on", "due-soon"],
            1,
            "report gate failed: 1 due soon\n",
        ),
        (
            &["report", "--fail-on", "overdue,blocked,due-soon"],
            1,
            "report gate failed: 6 overdue, 3 blocked, 1 due soon\n",
        ),
        (
            &["report", "--min-progress", "50"],
            1,
            "report gate failed: progress 49.6% is below 50%\n",
        ),
        (&["report", "--min-progress", "49.6"], 0, ""),
        (
            &["report", "--fail-on", "due-soon", "--horizon", "1w"],
            0,
            "",
        ),
        (&["report", "--fail-on", "overdue", "under:2.2.4"], 0, ""),
        (
            &[
                "report",
                "--fail-on",
                "blocked",
                "--min-progress",
                "90",
                "under:2.2.3",
            ],
            1,
            "report gate failed: progress 72.6% is below 90%\n",
        ),
    ];
    for (args, code, stderr) in cases {
        let output = wbs_run(args);
        assert_eq!(
            (output.code, output.stderr.as_str()),
            (*code, *stderr),
            "{args:?}"
        );
        // The report is printed either way.
        assert!(output.stdout.contains("leaves done"), "{args:?}\n{output}");
    }
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        &["report", "--horizon", "14"][..],
        &["report", "--fail-on", "late"],
        &["report", "--min-progress", "120"],
        &["report", "--depth", "0"],
        &["report", "stauts:todo"],
    ] {
        assert_eq!(wbs_run(args).code, 2, "{args:?}");
    }
}

#[test]
fn plan_text_is_escaped_in_every_format() {
    let plan = b"wbs: 1\ntitle: \"x|y <b>\\e[31m\"\ntasks:\n  - title: \"a|b <script> \\e]0;t\\a\"\n    due: 2026-11-01\n    status: blocked\n";
    let (_dir, path) = temp_file("hostile.yaml", plan);
    for format in ["human", "markdown", "json"] {
        let output = wbs_run(&[
            "report",
            "-f",
            path_str(&path),
            "--format",
            format,
            "--gantt",
        ]);
        assert!(
            !output.stdout.contains('\u{1b}') && !output.stdout.contains('\u{7}'),
            "{format}\n{output}"
        );
        if format == "markdown" {
            assert!(
                !output.stdout.contains("<script>") && !output.stdout.contains("<b>"),
                "{output}"
            );
            assert!(output.stdout.contains("a\\|b"), "{output}");
        }
    }
}

/// The CI gate that always passed: the plan's path was taken for a word to
/// search for in ./plans/, the report was empty and the gate exited 0.
#[test]
fn a_plan_path_is_never_a_query_term() {
    insta::assert_snapshot!(wbs_run(&["report", "--fail-on", "overdue,blocked", "roadmap/plan.yaml"]), @"
    ----- stderr -----
    error: `roadmap/plan.yaml` is a file name, not a query term
    hint: load plans with -f: wbs -f roadmap/plan.yaml report --fail-on overdue,blocked
    [exit status: 2]
    ");
}

#[test]
fn depth_zero_says_at_least_one() {
    insta::assert_snapshot!(wbs_run(&["report", "--depth", "0"]), @"
    ----- stderr -----
    error: invalid value '0' for '--depth <N>': the depth is at least 1 (1 shows the top-level nodes)

    For more information, try '--help'.
    [exit status: 2]
    ");
}
