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

/// The trap: the header said 55.5% (the selection) while the branches
/// beneath said 49.7% and 47.2% (their whole subtrees) beside counts of
/// the selection. Now every row is the selection's, and the header says
/// what the selection is.
#[test]
fn a_team_report_counts_the_team_in_every_row() {
    insta::assert_snapshot!(wbs_run(&["report", "owner:平台工具小组", "--width", "120"]), @"
    营销行业大数据应用推进工作计划 — 2026-11-29
    Selection: owner:平台工具小组 · 19 of 81 leaves · every figure below counts only these
    ███████████▏░░░░░░░░  55.5%   5 of 18 leaves done (1 cancelled) · 1,296h of 2,336h effort done

     code   title      owner          progress   todo   doing   blocked   done   due          overdue
    ──────────────────────────────────────────────────────────────────────────────────────────────────
     2      工作组             ████▌░░░  55.5%      5       8                5   2027-12-17         1
     2.2      研发组           ████▌░░░  55.5%      5       8                5   2027-12-17         1

    Overdue (1)
     code          title              owner          status        due          days late
    ──────────────────────────────────────────────────────────────────────────────────────
     2.2.1.1.2.2   分析工具性能瓶颈   平台工具小组   in-progress   2026-11-20           9

    Due soon (0, next 14 days)
      none

    Blocked (0)
      none
    [exit status: 0]
    ");
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

/// The chart of the seed plan: the branches to the report's depth, each
/// with its own dates and progress, then the overdue (red), blocked and
/// due-soon items as bars of their own, and the report's today.
#[test]
fn the_gantt_chart_shows_where_the_trouble_is() {
    let output = wbs_run(&["report", "--format", "markdown", "--gantt"]);
    assert_eq!(output.code, 0, "{output}");
    let chart = &output.stdout[output.stdout.find("```mermaid").expect("a chart")..];
    insta::assert_snapshot!(chart, @"
    ```mermaid
    gantt
        dateFormat YYYY-MM-DD
        inclusiveEndDates
        todayMarker off
        %% branches to level 2: 6 drawn; left out: 0 without a start and a due date, 0 cancelled
        %% items, each once: 6 overdue, 3 blocked, 1 due soon; left out: 0 without dates
        section Today
        today is 2026-11-29 :milestone, today, 2026-11-29, 0d
        section 1 领导组
        1 领导组 · 45.0% :active, b0, 2026-01-05, 2027-12-17
        1.1 决策与资源调配 · 45.0% :active, b1, 2026-01-05, 2027-12-17
        1.2 听取汇报 · 45.0% :active, b2, 2026-01-05, 2027-12-17
        section 2 工作组
        2 工作组 · 49.7% :active, b3, 2026-01-05, 2027-12-17
        2.1 营销行业联合推进组 · 59.5% :active, b4, 2026-01-05, 2027-12-17
        2.2 研发组 · 47.2% :active, b32, 2026-01-12, 2027-12-17
        section Overdue (6)
        2.1.2.1.2 设计跨层级协作模板（如工单流转、数据共享机制） · 60 days late :crit, i24, 2026-03-16, 2026-09-30
        2.2.5.1.2.1 编写技术解决方案（功能清单、实施计划） · 60 days late :crit, i125, 2026-06-01, 2026-09-30
        2.2.2.2.2.1 设计模型审批流程（提交→审核→发布） · 44 days late :crit, i80, 2026-05-18, 2026-10-16
        2.1.1.2.2 设计转型培训计划（课程、周期、考核） · 30 days late :crit, i12, 2026-04-13, 2026-10-30
        2.2.3.2.1.2 设计算法逻辑与计算流程 · 16 days late :crit, i100, 2026-08-17, 2026-11-13
        2.2.1.1.2.2 分析工具性能瓶颈 · 9 days late :crit, i40, 2026-10-12, 2026-11-20
        section Blocked (3)
        2.1.2.2.1 修订管理制度文件（如绩效考核、资源分配规则） · blocked :i26, 2026-07-01, 2026-12-31
        2.2.2.1.2.2 定位数据异常源头并修复 · blocked :i71, 2026-09-01, 2027-01-29
        2.2.5.1.2.2 制作报价单与合同模板 · blocked :i126, 2026-10-01, 2026-12-18
        section Due soon (1)
        2.2.4.1.1.2 转换数据格式（如标准化时间戳） · due in 12 days :active, i108, 2026-08-31, 2026-12-11
    ```
    ");
}

/// Items with one date or none, an item both overdue and blocked (drawn
/// once), a cancelled branch and one without dates (left out and
/// counted), and no empty section.
#[test]
fn the_gantt_chart_draws_what_has_dates_and_counts_the_rest() {
    let plan = b"wbs: 1\ntitle: Edges\ntasks:\n  - id: a\n    title: Alpha\n    tasks:\n      - id: late-blocked\n        title: Late and blocked\n        status: blocked\n        start: 2026-10-01\n        due: 2026-11-20\n      - id: only-due\n        title: Only a due date\n        due: 2026-11-25\n      - id: blocked-start\n        title: Blocked since\n        status: blocked\n        start: 2026-11-01\n      - id: blocked-nothing\n        title: Blocked, no dates\n        status: blocked\n      - id: soon\n        title: Soon\n        status: in-progress\n        progress: 50\n        start: 2026-11-15\n        due: 2026-12-01\n  - id: c\n    title: Cancelled branch\n    status: cancelled\n    tasks:\n      - id: c1\n        title: Gone\n        due: 2026-11-01\n  - id: u\n    title: Undated\n    tasks: [Nothing dated]\n";
    let (_dir, path) = temp_file("edges.yaml", plan);
    let output = wbs_run(&[
        "report",
        "-f",
        path_str(&path),
        "--format",
        "markdown",
        "--gantt",
    ]);
    assert_eq!(output.code, 0, "{output}");
    let chart = &output.stdout[output.stdout.find("```mermaid").expect("a chart")..];
    insta::assert_snapshot!(chart, @"
    ```mermaid
    gantt
        dateFormat YYYY-MM-DD
        inclusiveEndDates
        todayMarker off
        %% branches to level 2: 3 drawn; left out: 5 without a start and a due date, 2 cancelled
        %% items, each once: 2 overdue, 2 blocked, 1 due soon; left out: 1 without dates
        section Today
        today is 2026-11-29 :milestone, today, 2026-11-29, 0d
        section 1 Alpha
        1 Alpha · 10.0% :active, b0, 2026-10-01, 2026-12-01
        1.1 Late and blocked · 0.0% :crit, b1, 2026-10-01, 2026-11-20
        1.5 Soon · 50.0% :active, b5, 2026-11-15, 2026-12-01
        section Overdue (2)
        1.1 Late and blocked · 9 days late · blocked :crit, i1, 2026-10-01, 2026-11-20
        1.2 Only a due date · 4 days late :crit, milestone, i2, 2026-11-25, 0d
        section Blocked (2)
        1.3 Blocked since · blocked :i3, 2026-11-01, 2026-11-29
        section Due soon (1)
        1.5 Soon · due in 2 days :active, i5, 2026-11-15, 2026-12-01
    ```
    ");
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

/// Whether `code` is `top` or inside it.
fn within(code: &str, top: &str) -> bool {
    code == top
        || code
            .strip_prefix(top)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// SPEC §1.1 over a set of leaves (rows of `list --format json`): weights
/// are `effort_hours`, cancelled leaves are left out. Returns the status,
/// the progress and the effort.
fn roll_up(leaves: &[&serde_json::Value]) -> (&'static str, f64, f64) {
    let open: Vec<_> = leaves
        .iter()
        .filter(|r| r["status"] != "cancelled")
        .collect();
    if open.is_empty() {
        return ("cancelled", 0.0, 0.0);
    }
    let number = |r: &serde_json::Value, f: &str| r[f].as_f64().expect("a number");
    let weight: f64 = open.iter().map(|r| number(r, "effort_hours")).sum();
    let progress = if weight > 0.0 {
        open.iter()
            .map(|r| number(r, "effort_hours") * number(r, "progress"))
            .sum::<f64>()
            / weight
    } else {
        open.iter().map(|r| number(r, "progress")).sum::<f64>() / open.len() as f64
    };
    let status = if open.iter().all(|r| r["status"] == "done") {
        "done"
    } else if open
        .iter()
        .all(|r| r["status"] == "todo" && number(r, "progress") == 0.0)
    {
        "todo"
    } else {
        "in-progress"
    };
    (status, progress, weight)
}

/// A narrowed report's rows are computed over the selection: every
/// branch's progress, status, effort and counts are those of the selected
/// leaves below it, computed here from `list` alone, never its whole
/// subtree's roll-up beside counts of the selection.
#[test]
fn a_narrowed_report_computes_every_row_over_the_selection() {
    let all = json(&["list", "--format", "json"]);
    let all = all.as_array().expect("rows");
    for query in [
        &["owner:平台工具小组"][..],
        &["tag:运维"],
        &["is:overdue"],
        &["status:blocked,todo", "due<2027-03-01"],
    ] {
        let matches = json(&[&["list", "--format", "json"][..], query].concat());
        let matched: Vec<&str> = matches
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["code"].as_str().expect("code"))
            .collect();
        let selected: Vec<&serde_json::Value> = all
            .iter()
            .filter(|r| r["leaf"] == true)
            .filter(|r| {
                let code = r["code"].as_str().expect("code");
                matched.iter().any(|m| within(code, m))
            })
            .collect();
        let report = json(&[&["report", "--format", "json", "--depth", "4"][..], query].concat());
        let leaves = all.iter().filter(|r| r["leaf"] == true).count();
        assert_eq!(
            report["selection"],
            serde_json::json!({"query": query.join(" "), "leaves": selected.len(), "of": leaves}),
            "{query:?}"
        );
        let (_, overall, effort) = roll_up(&selected);
        assert!(
            (report["progress"].as_f64().expect("progress") - overall).abs() <= 0.05,
            "{query:?}: {} vs {overall}",
            report["progress"]
        );
        assert_eq!(report["effort_hours"].as_f64(), Some(effort), "{query:?}");
        let branches = report["branches"].as_array().expect("branches");
        assert!(!branches.is_empty(), "{query:?}");
        for branch in branches {
            let code = branch["code"].as_str().expect("code");
            let below: Vec<_> = selected
                .iter()
                .copied()
                .filter(|r| within(r["code"].as_str().expect("code"), code))
                .collect();
            assert!(
                !below.is_empty(),
                "{query:?}: {code} holds nothing selected"
            );
            let (status, progress, effort) = roll_up(&below);
            let shown = branch["progress"].as_f64().expect("progress");
            assert!(
                (shown - progress).abs() <= 0.05,
                "{query:?}: {code} shows {shown}%, its selected leaves {progress}%"
            );
            assert_eq!(
                branch["effort_hours"].as_f64(),
                Some(effort),
                "{query:?} {code}"
            );
            if branch["leaf"] == false {
                assert_eq!(branch["status"], status, "{query:?} {code}");
            }
            for s in ["todo", "in-progress", "blocked", "done", "cancelled"] {
                let n = below.iter().filter(|r| r["status"] == s).count();
                assert_eq!(branch["counts"][s], n, "{query:?} {code} {s}");
            }
            let overdue = below.iter().filter(|r| r["overdue"] == true).count();
            assert_eq!(branch["overdue_leaves"], overdue, "{query:?} {code}");
        }
    }
    // The whole plan has no selection.
    assert_eq!(
        json(&["report", "--format", "json"])["selection"],
        serde_json::Value::Null
    );
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
