//! `wbs history`'s pictures and formats: the forecast, the burn-up in the
//! terminal (Unicode, ASCII, colour), markdown with its Mermaid chart, CSV.

use serde_json::Value;

use super::{Scratch, story};

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
fn no_line_is_wider_than_the_width() {
    let (s, _) = story();
    for width in [12, 20, 30, 40, 60, 80, 100, 140] {
        let output = s.wbs(&["history", "--width", &width.to_string()]);
        assert_eq!(output.code, 0, "{output}");
        for line in output.stdout.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "wider than {width}: {line:?}"
            );
        }
    }
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
