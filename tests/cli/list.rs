//! `wbs list`: the query language end to end, every format, sorting and
//! columns, and output that plan text cannot subvert.

use crate::common::{path_str, run, temp_file, wbs, wbs_run};

#[test]
fn default_table_on_the_seed_plan() {
    insta::assert_snapshot!(wbs_run(&["list", "level<=3"]));
}

#[test]
fn open_work_of_a_team_due_this_year() {
    insta::assert_snapshot!(wbs_run(&[
        "list",
        "owner:平台工具小组",
        "is:open",
        "due<=2026-12-31",
        "is:leaf"
    ]));
}

#[test]
fn negated_terms_stand_among_options() {
    let before = wbs_run(&[
        "list",
        "-status:done",
        "--format",
        "csv",
        "under:2.2.3",
        "--columns",
        "code,status",
    ]);
    let dashes = wbs_run(&[
        "list",
        "--format",
        "csv",
        "--columns",
        "code,status",
        "--",
        "under:2.2.3",
        "-status:done",
    ]);
    assert_eq!(before.code, 0, "{before}");
    assert_eq!(before.stdout, dashes.stdout);
    assert!(!before.stdout.contains(",done"), "{before}");
    insta::assert_snapshot!(before);
}

#[test]
fn negated_terms_that_share_a_letter_with_an_option() {
    // `-has:due` is not `-h`, `-frontend` not `-f rontend`, `-quiet` not `-q`.
    for term in ["-has:due", "-frontend", "-quiet", "-file"] {
        let output = wbs_run(&["list", term, "--format", "csv", "--columns", "code"]);
        assert_eq!(output.code, 0, "{term}: {output}");
        assert!(output.stdout.starts_with("code\n"), "{term}: {output}");
    }
    let plain = wbs_run(&[
        "list",
        "-q",
        "--format",
        "csv",
        "--columns",
        "code",
        "is:blocked",
    ]);
    assert_eq!(plain.code, 0, "{plain}");
    assert_eq!(plain.stdout.lines().count(), 4, "{plain}");
}

#[test]
fn columns_and_sort() {
    insta::assert_snapshot!(wbs_run(&[
        "list",
        "is:leaf",
        "is:open",
        "--columns",
        "code,title,effort,start,due,tags,after",
        "--sort",
        "-due,code",
    ]));
}

#[test]
fn nodes_without_the_sort_key_come_last_either_way() {
    for sort in ["due", "-due"] {
        let output = wbs_run(&[
            "list",
            "level<=2",
            "--sort",
            sort,
            "--format",
            "csv",
            "--columns",
            "code,due",
        ]);
        let dues: Vec<&str> = output
            .stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap_or(""))
            .collect();
        let first_missing = dues.iter().position(|d| d.is_empty()).unwrap_or(dues.len());
        assert!(
            dues[first_missing..].iter().all(|d| d.is_empty()),
            "{sort}: {dues:?}"
        );
    }
    let output = wbs_run(&[
        "list",
        "is:leaf",
        "--sort",
        "-due",
        "--format",
        "csv",
        "--columns",
        "due",
    ]);
    let dues: Vec<&str> = output.stdout.lines().skip(1).collect();
    let mut sorted = dues.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dues, sorted);
}

#[test]
fn csv_tsv_and_markdown() {
    let query = [
        "under:2.2.1.1",
        "--columns",
        "code,id,title,status,progress,effort,tags",
    ];
    for format in ["csv", "tsv", "markdown"] {
        let mut args = vec!["list", "--format", format];
        args.extend(query);
        insta::assert_snapshot!(format, wbs_run(&args));
    }
}

#[test]
fn json_rows_carry_exactly_the_spec_fields() {
    let output = wbs_run(&[
        "list",
        "--format",
        "json",
        "id:platform-tools,platform-dev-requirements",
    ]);
    assert_eq!(output.code, 0, "{output}");
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&output.stdout).expect("JSON array");
    assert_eq!(rows.len(), 2);
    let spec = crate::common::SPEC_NODE_FIELDS;
    for row in &rows {
        for field in spec {
            assert!(row.contains_key(field), "missing {field}: {row:?}");
        }
    }
    let team = &rows[0];
    assert_eq!(team["code"], "2.2.1");
    assert_eq!(team["id"], "platform-tools");
    assert_eq!(team["title"], "平台工具小组");
    assert_eq!(team["owner"], "平台工具小组");
    assert_eq!(team["leaf"], false);
    assert_eq!(team["level"], 3);
    assert_eq!(team["file"], "plans/programme.yaml");
    assert!(team["progress"].is_number() && team["effort_hours"].is_number());
    let leaf = &rows[1];
    assert_eq!(leaf["status"], "done");
    assert_eq!(leaf["progress"], 100.0);
    assert_eq!(leaf["start"], "2026-01-12");
    assert_eq!(leaf["due"], "2026-02-27");
    assert_eq!(leaf["effort_hours"], 120.0);
    assert_eq!(leaf["tags"], serde_json::json!([]));
}

#[test]
fn query_errors_point_at_the_term() {
    insta::assert_snapshot!(
        "unknown field",
        wbs_run(&["list", "owner:ana", "stauts:todo"])
    );
    insta::assert_snapshot!("unknown status", wbs_run(&["list", "status:doen"]));
    insta::assert_snapshot!("bad date", wbs_run(&["list", "due<2026-02-30"]));
    insta::assert_snapshot!("unknown node", wbs_run(&["list", "under:9.9"]));
    insta::assert_snapshot!("bad sort key", wbs_run(&["list", "--sort", "-dew"]));
}

#[test]
fn nothing_matching_is_not_an_error() {
    let output = wbs_run(&[
        "list",
        "id:nothing-has-this-id",
        "--format",
        "csv",
        "--columns",
        "code",
    ]);
    assert_eq!(
        (output.stdout.as_str(), output.stderr.as_str(), output.code),
        ("code\n", "no node matches the query\n", 0)
    );
}

#[test]
fn a_plan_with_errors_is_not_listed() {
    let output = wbs_run(&["list", "-f", "tests/fixtures/invalid/duplicate-id.yaml"]);
    assert_eq!(output.code, 1);
    assert!(output.stdout.is_empty());
    assert!(output.stderr.contains("error[duplicate-id]"), "{output}");
}

#[test]
fn warnings_go_to_stderr_and_the_list_goes_on() {
    let output = wbs_run(&[
        "list",
        "-f",
        "tests/fixtures/invalid/empty-parent.yaml",
        "--format",
        "csv",
        "--columns",
        "code",
    ]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stderr.contains("warning[empty-parent]"), "{output}");
    assert!(output.stdout.starts_with("code\n"), "{output}");
    let quiet = wbs_run(&[
        "list",
        "-q",
        "-f",
        "tests/fixtures/invalid/empty-parent.yaml",
    ]);
    assert!(quiet.stderr.is_empty(), "{quiet}");
}

#[test]
fn narrow_terminals_cut_cells_with_an_ellipsis() {
    let output = run(wbs(&["list", "under:2.2.1", "level<=4"]).env("COLUMNS", "60"));
    assert!(
        output
            .stdout
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{output}"
    );
    assert!(output.stdout.contains('…'), "{output}");
    insta::assert_snapshot!(output);
}

/// Titles that try to drive a terminal, run a spreadsheet formula or break
/// a markdown table.
const HOSTILE: &[u8] = b"wbs: 1\ntitle: t\ntasks:\n  - title: \"\\e[31mred\\e[0m\"\n  - title: '=HYPERLINK(\"http://x\",\"y\")'\n  - title: 'a|b <b>bold</b>'\n  - title: '@SUM(1)'\n    notes: \"two\\nlines\"\n";

#[test]
fn plan_text_cannot_subvert_any_format() {
    let (dir, _path) = temp_file("hostile.yaml", HOSTILE);
    for format in ["table", "json", "csv", "tsv", "markdown"] {
        let args = [
            "list",
            "-f",
            "hostile.yaml",
            "--format",
            format,
            "--columns",
            "title,notes",
        ];
        let output = run(wbs(&args).current_dir(dir.path()));
        assert_eq!(output.code, 0, "{output}");
        if matches!(format, "csv" | "tsv") {
            // To a pipe, a sheet carries the text exactly (SPEC §4); no
            // cell starts a formula.
            let delimiter = if format == "csv" { b',' } else { b'\t' };
            let cells: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(output.stdout.as_bytes())
                .records()
                .map(|r| r.expect("CSV").iter().map(str::to_owned).collect())
                .collect();
            assert_eq!(cells[0][0], "\u{1b}[31mred\u{1b}[0m", "{format}");
            assert_eq!(cells[3][1], "two\nlines", "{format}");
            for cell in cells.iter().flatten() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{format}: live formula: {cell}"
                );
            }
        } else {
            assert!(
                !output.stdout.contains('\u{1b}'),
                "{format}: raw escape\n{output}"
            );
        }
        if format == "markdown" {
            for line in output.stdout.lines() {
                // Two columns: three pipes that markdown reads as cell borders.
                let borders = line.replace("\\|", "").matches('|').count();
                assert_eq!(borders, 3, "{format}: broken table: {line}");
                assert!(!line.contains("<b>"), "{line}");
            }
        }
        insta::assert_snapshot!(format!("hostile {format}"), output.stdout);
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    // Far more output than a pipe buffers, so wbs is still writing when the
    // reader goes away.
    let mut plan = String::from("wbs: 1\ntitle: big\ntasks:\n");
    for i in 0..5_000 {
        plan.push_str(&format!(
            "  - title: task number {i} with a title long enough to fill the pipe\n"
        ));
    }
    let (_dir, path) = temp_file("big.yaml", plan.as_bytes());
    let mut child = wbs(&["list", "-f", path_str(&path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A term that names a file, a folder path or a `.yaml`/`.yml` name is a
/// usage error in every command that takes a query, with the command
/// rewritten to load it with -f; field terms and negations are queries.
#[test]
fn a_path_is_never_a_query_term() {
    for command in ["list", "tree", "report", "update"] {
        for (term, what) in [
            ("plans/programme.yaml", "a file name"),
            ("README.md", "a file name"),
            ("tests/fixtures/", "a folder"),
            ("missing.YML", "a file name"),
        ] {
            let output = wbs_run(&[command, "is:leaf", term, "--quiet"]);
            assert_eq!(output.code, 2, "{command} {term}: {output}");
            assert_eq!(
                output.stderr,
                format!(
                    "error: `{term}` is {what}, not a query term\n\
                     hint: load plans with -f: wbs -f {term} {command} is:leaf --quiet\n"
                ),
                "{command} {term}"
            );
        }
    }
    // Two at once, one after `--`; words that need quoting are quoted.
    insta::assert_snapshot!(wbs_run(&["list", "a.yaml", "--", "my plan.yml"]), @"
    ----- stderr -----
    error: `a.yaml` and `my plan.yml` are file names, not query terms
    hint: load plans with -f: wbs -f a.yaml -f 'my plan.yml' list
    [exit status: 2]
    ");
    // A word that is also a folder's name, a field term and a negation
    // are queries as before.
    for query in [&["plans"][..], &["id:config.yaml"], &["-x.yaml"]] {
        let mut args = vec!["list", "--format", "csv", "--columns", "code"];
        args.extend(query);
        let output = wbs_run(&args);
        assert_eq!(output.code, 0, "{query:?}: {output}");
    }
}

/// Chinese input methods type full-width punctuation; a field term with it
/// says to use the ASCII character instead of matching nothing or failing
/// obscurely.
#[test]
fn full_width_punctuation_in_a_field_term() {
    insta::assert_snapshot!(wbs_run(&["list", "owner：平台工具小组"]), @"
    ----- stderr -----
    error: `：` is a full-width colon
      owner：平台工具小组
           ^^
    help: use the ASCII colon: owner:平台工具小组
    [exit status: 2]
    ");
    insta::assert_snapshot!(wbs_run(&["list", "status:todo，blocked"]), @"
    ----- stderr -----
    error: `，` is a full-width comma
      status:todo，blocked
                 ^^
    help: use the ASCII comma: status:todo,blocked
    [exit status: 2]
    ");
    // In text to search for, full-width punctuation is just text.
    let output = wbs_run(&["list", "平台，工具"]);
    assert_eq!(output.code, 0, "{output}");
}

#[test]
fn a_sheet_on_a_terminal_shows_controls_escaped() {
    // `script` (util-linux) runs wbs on a pseudo-terminal; without it
    // there is no terminal to try.
    let (dir, _path) = temp_file("hostile.yaml", HOSTILE);
    let command = format!(
        "'{}' -f hostile.yaml list --format csv --columns title,notes",
        env!("CARGO_BIN_EXE_wbs")
    );
    let typescript = dir.path().join("typescript");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, path_str(&typescript)])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("WBS_TODAY", "2026-11-29")
        .env("NO_COLOR", "1")
        .output();
    let Ok(output) = output else {
        eprintln!("no `script` to run wbs on a terminal: skipped");
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "title,notes\n\\e[31mred\\e[0m,\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\na|b <b>bold</b>,\n'@SUM(1),two\\nlines\n"
    );
}

#[test]
fn has_selects_x_keys_written_on_the_node() {
    let plan = "\
wbs: 1
title: Extensions
tasks:
  - id: epic
    title: Epic
    x-jira: WEB-1
    tasks:
      - id: linked
        title: Linked
        x-jira: WEB-2
      - id: unlinked
        title: Unlinked, null
        x-jira:
      - id: empty
        title: Empty text
        x-jira: ''
      - id: other
        title: Another key
        x-cost: { amount: 3 }
      - Plain string
";
    let (_dir, path) = temp_file("x.yaml", plan.as_bytes());
    let ids = |query: &[&str]| {
        let mut args = vec!["list", "-f", path_str(&path), "--format", "tsv"];
        args.extend(["--columns", "id"]);
        args.extend(query);
        let output = wbs_run(&args);
        assert_eq!(output.code, 0, "{query:?}: {output}");
        output.stdout.lines().skip(1).collect::<Vec<_>>().join(" ")
    };
    // Inherited by nobody: `linked` has its own, `empty` writes one.
    assert_eq!(ids(&["has:x-jira"]), "epic linked empty");
    assert_eq!(ids(&["has:x-cost,x-jira", "is:leaf"]), "linked empty other");
    assert_eq!(ids(&["-has:x-jira"]), "unlinked other ");
    assert_eq!(ids(&["has:x-none"]), "");

    insta::assert_snapshot!(wbs_run(&["list", "-f", path_str(&path), "has:x-"]), @"
    ----- stderr -----
    error: unknown `has:x-`
      has:x-
          ^^
    help: name the x- key, such as `has:x-jira`
    [exit status: 2]
    ");
}

/// A tab title and block-scalar text (which end in a line break).
const TABS_AND_BLOCKS: &str = "\
wbs: 1
title: \"Tabs\\tand lines\"
tasks:
  - id: a
    title: \"col1\\tcol2\"
    notes: |
      one
      two
  - id: b
    title: |
      block title
    due: 2026-12-01
";

#[test]
fn a_tab_reads_the_same_in_every_human_output() {
    let (dir, _path) = temp_file("tab.yaml", TABS_AND_BLOCKS.as_bytes());
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "markdown"],
        &["tree"],
        &["show", "a"],
        &["report"],
        &["report", "--format", "markdown"],
        &["export", "--format", "markdown"],
        &["export", "--format", "mermaid"],
    ];
    for args in commands {
        let mut args = args.to_vec();
        args.extend(["-f", "tab.yaml"]);
        let output = run(wbs(&args).current_dir(dir.path()));
        assert_eq!(output.code, 0, "{args:?}: {output}");
        let shown = format!("{}{}", output.stdout, output.stderr);
        assert!(!shown.contains('\t'), "{args:?}: a raw tab\n{output}");
        assert!(!shown.contains("\\u{9}"), "{args:?}: \\u{{9}}\n{output}");
        // Mermaid joins white space into one space, as a chart label must;
        // its chart has only the dated task.
        let expected = if args.contains(&"mermaid") {
            "Tabs and lines"
        } else {
            "col1\\tcol2"
        };
        assert!(
            shown.contains(expected),
            "{args:?}: no {expected}\n{output}"
        );
    }
}

#[test]
fn markdown_cells_end_where_the_text_does() {
    let (dir, _path) = temp_file("tab.yaml", TABS_AND_BLOCKS.as_bytes());
    let args = [
        "list",
        "-f",
        "tab.yaml",
        "--format",
        "markdown",
        "--columns",
        "id,title,notes",
    ];
    insta::assert_snapshot!(run(wbs(&args).current_dir(dir.path())), @r"
    | id | title | notes |
    |---|---|---|
    | a | col1\tcol2 | one<br>two |
    | b | block title |  |
    [exit status: 0]
    ");
}

#[test]
fn a_tsv_with_quoted_cells_says_so_on_stderr() {
    let (dir, _path) = temp_file("tab.yaml", TABS_AND_BLOCKS.as_bytes());
    let tsv = |columns: &str| {
        run(wbs(&[
            "list",
            "-f",
            "tab.yaml",
            "--format",
            "tsv",
            "--columns",
            columns,
        ])
        .current_dir(dir.path()))
    };
    // RFC 4180 quoting, as SPEC §4 asks: the tab and the block's line break
    // stay inside quoted cells, never escaped.
    let output = tsv("id,title");
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stdout,
        "id\ttitle\na\t\"col1\tcol2\"\nb\t\"block title\n\"\n"
    );
    assert_eq!(
        output.stderr,
        "note: 2 rows have a cell with a tab, a line break or a quote, written quoted as in \
         CSV (RFC 4180): spreadsheets and CSV readers read it back, `wbs apply` too, but cut, \
         awk and other line tools do not; use --format csv or json for such text\n"
    );
    // Nothing quoted, nothing said; CSV quotes without a note.
    let output = tsv("id,due");
    assert_eq!((output.code, output.stderr.as_str()), (0, ""), "{output}");
    let csv = run(wbs(&["list", "-f", "tab.yaml", "--format", "csv"]).current_dir(dir.path()));
    assert_eq!((csv.code, csv.stderr.as_str()), (0, ""), "{csv}");
}
