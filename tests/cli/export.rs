//! `wbs export`: every format on the seed plan, a small plan set that
//! shows the outline and the chart decisions, and hostile text.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::{path_str, run, temp_file, wbs, wbs_run};

use crate::common::SPEC_NODE_FIELDS as NODE_FIELDS;

fn json_rows(args: &[&str]) -> Vec<serde_json::Value> {
    let output = wbs_run(args);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stderr.is_empty(), "{output}");
    serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("one JSON document ({e}):\n{output}"))
}

#[test]
fn json_is_every_node_as_list_prints_it() {
    let rows = json_rows(&["export", "--format", "json"]);
    assert_eq!(rows.len(), 141);
    assert_eq!(rows, json_rows(&["list", "--format", "json"]));
    for row in &rows {
        for field in NODE_FIELDS {
            assert!(row.get(field).is_some(), "no `{field}` in {row}");
        }
    }
    let codes: Vec<&str> = rows
        .iter()
        .take(5)
        .map(|r| r["code"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(codes, ["1", "1.1", "1.2", "2", "2.1"]);
    assert_eq!(
        (
            &rows[0]["id"],
            &rows[0]["progress"],
            &rows[0]["leaf"],
            &rows[0]["line"]
        ),
        (
            &serde_json::json!("leadership"),
            &serde_json::json!(45.0),
            &serde_json::json!(false),
            &serde_json::json!(20)
        )
    );
}

#[test]
fn csv_of_the_seed_plan() {
    insta::assert_snapshot!(wbs_run(&["export", "--format", "csv"]));
}

#[test]
fn markdown_of_the_seed_plan() {
    insta::assert_snapshot!(wbs_run(&["export", "--format", "markdown"]));
}

#[test]
fn mermaid_of_the_seed_plan() {
    insta::assert_snapshot!(wbs_run(&["export", "--format", "mermaid"]));
}

/// Two files: owners that change, a cancelled branch, an overdue and a
/// blocked leaf, and every way a leaf gets (or misses) its dates.
fn small_plan_set() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("1-build.yaml"),
        "\
wbs: 1
title: Build
tasks:
  - id: design
    title: Design
    owner: ana
    tasks:
      - id: sketch
        title: Sketch
        status: done
        start: 2026-11-02
        due: 2026-11-06
      - id: review
        title: Review
        status: in-progress
        progress: 50
        start: 2026-11-09
        due: 2026-11-20
  - id: pages
    title: Pages
    tasks:
      - id: home
        title: Home page
        owner: li
        after: [sketch]
        due: 2026-12-11
      - id: about
        title: About page
        after: [design]
        due: 2026-11-20
      - id: blog
        title: Blog
        status: blocked
        start: 2026-12-01
      - title: Someday
  - id: print
    title: Print edition
    status: cancelled
    tasks:
      - title: Layout
        due: 2026-12-01
",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("2-launch.yaml"),
        "\
wbs: 1
title: Launch
description: '- not a list, 1. not a number'
tasks:
  - id: announce
    title: Announce
    owner: mo
    after: [pages]
    due: 2026-12-18
",
    )
    .expect("write");
    dir
}

fn export_set(dir: &tempfile::TempDir, format: &str) -> crate::common::Output {
    run(wbs(&["export", "--format", format])
        .current_dir(dir.path())
        .env("WBS_FILE", "."))
}

#[test]
fn markdown_outline_of_a_plan_set() {
    let dir = small_plan_set();
    insta::assert_snapshot!(export_set(&dir, "markdown"), @r"
    # Build

    Progress **25.0%** · 2026-11-02 → 2026-12-11 · as of 2026-11-29

    - [ ] 1.1 Design — 75.0% · owner: ana · due 2026-11-20 · **overdue**
      - [x] 1.1.1 Sketch — 100.0% · due 2026-11-06
      - [ ] 1.1.2 Review — 50.0% · due 2026-11-20 · **overdue**
    - [ ] 1.2 Pages — 0.0% · due 2026-12-11
      - [ ] 1.2.1 Home page — 0.0% · owner: li · due 2026-12-11
      - [ ] 1.2.2 About page — 0.0% · due 2026-11-20 · **overdue**
      - [ ] 1.2.3 Blog — 0.0% · **blocked**
      - [ ] 1.2.4 Someday — 0.0%
    - [ ] ~~1.3 Print edition~~ — cancelled
      - [ ] ~~1.3.1 Layout~~ — cancelled

    # Launch

    \- not a list, 1. not a number

    Progress **0.0%** · due 2026-12-18 · as of 2026-11-29

    - [ ] 2.1 Announce — 0.0% · owner: mo · due 2026-12-18
    [exit status: 0]
    ");
}

#[test]
fn mermaid_chart_of_a_plan_set() {
    let dir = small_plan_set();
    insta::assert_snapshot!(export_set(&dir, "mermaid"), @"
    gantt
        title Build · Launch
        dateFormat YYYY-MM-DD
        inclusiveEndDates
        %% 6 tasks, one per leaf; left out: 1 without dates, 1 cancelled
        section 1.1 Design
        1.1.1 Sketch :done, t1, 2026-11-02, 2026-11-06
        1.1.2 Review :crit, active, t2, 2026-11-09, 2026-11-20
        section 1.2 Pages
        1.2.1 Home page :t4, after t1, 2026-12-11
        1.2.2 About page :crit, t5, 2026-11-20, 2026-11-20
        1.2.3 Blog :t6, 2026-12-01, 2026-12-01
        section 2.1 Announce
        2.1 Announce :t10, after t4, 2026-12-18
    [exit status: 0]
    ");
}

/// What `mmdc -i chart.mmd` reads: the diagram alone, no markdown fence.
#[test]
fn mermaid_is_the_bare_diagram() {
    let output = wbs_run(&["export", "--format", "mermaid"]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stdout.starts_with("gantt\n"), "{output}");
    assert!(!output.stdout.contains("```"), "{output}");
}

#[test]
fn mermaid_labels_are_cut_to_a_readable_length() {
    let long = "word ".repeat(100);
    let wide = "推广应用".repeat(75);
    let plan = format!(
        "wbs: 1\ntitle: {long}\ntasks:\n  - title: {long}\n    tasks:\n      - title: {long}\n        due: 2026-12-01\n      - title: {wide}\n        due: 2026-12-02\n      - title: Short\n        due: 2026-12-03\n"
    );
    let (_dir, path) = temp_file("long.yaml", plan.as_bytes());
    let output = wbs_run(&["export", "--format", "mermaid", "-f", path_str(&path)]);
    assert_eq!(output.code, 0, "{output}");
    let width = unicode_width::UnicodeWidthStr::width;
    let mut names = Vec::new();
    for line in output.stdout.lines() {
        let line = line.trim_start();
        let name = if let Some(title) = line.strip_prefix("title ") {
            title
        } else if let Some(section) = line.strip_prefix("section ") {
            section
                .split_once(' ')
                .map_or(section, |(_code, title)| title)
        } else if let Some((name, _)) = line.split_once(" :") {
            name.split_once(' ').map_or(name, |(_code, title)| title)
        } else {
            continue;
        };
        assert!(width(name) <= 60, "{} columns: {line}", width(name));
        names.push(name);
    }
    assert_eq!(names.len(), 5, "{output}");
    // Cut where a word ends, or between wide characters, with `…`.
    assert_eq!(names[0], format!("{}…", "word ".repeat(12).trim_end()));
    assert_eq!(names[3], format!("{}推…", "推广应用".repeat(7)));
    assert_eq!(names[4], "Short");
}

/// Splits RFC 4180 text into records of cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut cell) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && record.is_empty(),
        "unterminated CSV: {text}"
    );
    records
}

#[test]
fn csv_parser_reads_quotes() {
    assert_eq!(
        parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\n,x\n"),
        [vec!["a", "b,c", "say \"hi\""], vec!["", "x"]]
    );
}

const HOSTILE: &str = r#"wbs: 1
title: "Hostile \x1b[31m plan: #1; <b>"
description: "=cmd|' /C calc'!A0"
tasks:
  - id: evil
    title: "\x1b[31mred"
    owner: "=cmd"
    tasks:
      - id: formula
        title: '=HYPERLINK("http://x")'
        notes: "line one\nline two\x1b]0;pwned\x07"
        tags: ["-tag", "@x"]
        status: done
        start: 2026-01-05
        due: 2026-01-20
      - id: pipe
        title: "a|b <b>x</b>"
        after: [formula]
        due: 2026-03-01
      - id: colon
        title: "a: b; c # d"
        start: 2026-11-01
        due: 2026-11-10
      - title: "line one\nline two"
        status: in-progress
        progress: 10
        due: 2026-12-31
      - title: 'click t3 href "x"'
        due: 2026-12-31
      - title: "%%{init: {'theme': 'dark'}}%%"
        due: 2026-12-31
      - title: "2026-01-01, 2026-02-01"
        due: 2026-12-31
      - title: "+1 @mention -- ~~x~~ **b** [l](u) `c`"
        due: 2026-12-31
"#;

fn export_hostile(format: &str) -> String {
    let (_dir, path) = temp_file("hostile.yaml", HOSTILE.as_bytes());
    let output = wbs_run(&["export", "--format", format, "-f", path_str(&path)]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stderr.is_empty(), "{output}");
    // A CSV to a pipe or a file carries the text exactly (SPEC §4).
    if format != "csv" {
        for bad in ['\u{1b}', '\u{7}', '\r'] {
            assert!(
                !output.stdout.contains(bad),
                "raw {bad:?} in {format}:\n{output}"
            );
        }
    }
    output.stdout
}

#[test]
fn hostile_text_is_inert_in_json() {
    let rows: Vec<serde_json::Value> = serde_json::from_str(&export_hostile("json")).expect("JSON");
    // JSON escapes control characters itself and keeps the text exact.
    assert_eq!(rows[0]["title"], "\u{1b}[31mred");
    assert_eq!(rows[1]["title"], "=HYPERLINK(\"http://x\")");
}

#[test]
fn hostile_text_is_inert_and_exact_in_csv() {
    let records = parse_csv(&export_hostile("csv"));
    assert_eq!(records.len(), 10);
    for record in &records {
        assert_eq!(record.len(), 18, "{record:?}");
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live cell {cell:?}"
            );
        }
    }
    // The text as the plan has it, but for the formula guard; a tag that
    // starts with `-` is quoted inside the cell, so it is not a removal.
    assert_eq!(records[1][2], "\u{1b}[31mred");
    assert_eq!(records[1][3], "'=cmd");
    assert_eq!(records[2][2], "'=HYPERLINK(\"http://x\")");
    assert_eq!(records[2][13], "\"-tag\",@x");
    assert_eq!(records[2][17], "line one\nline two\u{1b}]0;pwned\u{7}");
}

#[test]
fn hostile_text_is_inert_in_markdown() {
    let text = export_hostile("markdown");
    for (i, _) in text.match_indices('|') {
        assert_eq!(&text[i - 1..i], "\\", "unescaped `|` in:\n{text}");
    }
    for (i, _) in text.match_indices('<') {
        assert!(text[i..].starts_with("<br>"), "raw `<` in:\n{text}");
    }
    assert!(text.contains("1.2 a\\|b &lt;b&gt;x&lt;/b&gt; — "), "{text}");
    assert!(text.contains("1.4 line one<br>line two — "), "{text}");
    assert!(
        text.contains("1.1 =HYPERLINK(\"http://x\") — 100.0%"),
        "{text}"
    );
    assert!(
        text.contains(
            "1.8 +1 @\u{2060}mention -- \\~\\~x\\~\\~ \\*\\*b\\*\\* \\[l\\](u) \\`c\\` — "
        ),
        "{text}"
    );
    // Every line is a heading, the description, the summary or an item.
    for line in text.lines().filter(|l| !l.is_empty()) {
        let item = line.trim_start().starts_with("- [");
        assert!(
            item || line.starts_with("# ")
                || line.starts_with("Progress ")
                || line.starts_with("=cmd"),
            "unexpected line {line:?}"
        );
    }
}

#[test]
fn hostile_text_is_inert_in_mermaid() {
    let text = export_hostile("mermaid");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"gantt"));
    let mut tasks = 0;
    for line in &lines[1..] {
        let statement = line.trim_start();
        if statement.starts_with("%%") {
            assert!(!statement.starts_with("%%{"), "{line}");
            continue;
        }
        assert!(
            !statement.contains(['#', ';', '%', '<', '>']),
            "unsafe {line:?}"
        );
        if statement == "gantt"
            || statement == "dateFormat YYYY-MM-DD"
            || statement == "inclusiveEndDates"
            || statement.starts_with("title ")
        {
            continue;
        }
        if let Some(section) = statement.strip_prefix("section ") {
            assert!(!section.contains(':'), "{line}");
            continue;
        }
        // A task: a name that starts with its WBS code, then one `:`.
        assert!(line.starts_with("    1."), "{line}");
        assert_eq!(line.matches(':').count(), 1, "{line}");
        tasks += 1;
    }
    assert_eq!(tasks, 8, "{text}");
    assert!(
        text.contains("    title Hostile \\e[31m plan： ＃1； ＜b＞\n"),
        "{text}"
    );
    assert!(text.contains("    section 1 \\e[31mred\n"), "{text}");
    assert!(
        text.contains("    1.3 a： b； c ＃ d :crit, t3, 2026-11-01, 2026-11-10\n"),
        "{text}"
    );
    assert!(
        text.contains("    1.4 line one line two :active, t4, 2026-12-31, 2026-12-31\n"),
        "{text}"
    );
    assert!(
        text.contains("    1.2 a|b ＜b＞x＜/b＞ :crit, t2, after t1, 2026-03-01\n"),
        "{text}"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Enough rows that the output outgrows the pipe's buffer.
    let mut plan = String::from("wbs: 1\ntitle: Big\ntasks:\n");
    for i in 0..5_000 {
        plan.push_str(&format!("  - title: Task number {i} with a longer title\n"));
    }
    let (_dir, path) = temp_file("big.yaml", plan.as_bytes());
    let mut child = wbs(&["export", "--format", "csv", "-f", path_str(&path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wbs runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read");
    assert!(first.starts_with("code,id,title,"), "{first}");
    let output = child.wait_with_output().expect("wbs ends");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn an_invalid_plan_exports_nothing() {
    let output = wbs_run(&[
        "export",
        "--format",
        "json",
        "-f",
        "tests/fixtures/invalid/duplicate-id.yaml",
    ]);
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("error[duplicate-id]"), "{output}");
}

#[test]
fn format_is_required() {
    let output = wbs_run(&["export"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("--format <FORMAT>"), "{output}");
}
