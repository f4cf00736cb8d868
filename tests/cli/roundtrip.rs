//! Sheets round-trip (SPEC §3.2, §4): `list` and `export` as CSV or TSV,
//! applied back unedited, leave the plan byte for byte as it was; an
//! edited sheet applied twice changes nothing the second time.

use std::path::Path;

use crate::common::{Output, inline_plan, read_p, wbs_p};

/// Text a sheet must carry exactly: a tab, a block scalar's line breaks,
/// `\n` typed as two characters, a workflow command, a leading tab and CR,
/// formulas, a real leading `'`, blanks at the ends, a control character,
/// and tags with commas, quotes, blanks and leading `+`/`-`.
const PLAN: &str = r#"wbs: 1
title: Round trip
people:
  ana: {name: Ana}
  "@li": {name: Li}
tasks:
  - id: web
    title: Web
    owner: ana
    tasks:
      - id: tab
        title: "tab\there"
        tags: ["a,b", "say \"hi\"", plain, " padded ", "+y"]
        notes: "=SUM(A1:A3)"
        owner: "@li"
        status: in-progress
        progress: 37.5
        due: 2026-12-01
      - id: block
        title: |
          two
          lines
        notes: >-
          folded
          text
        start: 2026-10-01
      - id: typed
        title: 'back\nslash \t too'
        tags: ["-x"]
        status: done
      - id: command
        title: "::error::x"
        after: [tab]
      - id: lead-tab
        title: "\tleading tab"
      - id: lead-cr
        title: "\rleading cr"
  - id: formulas
    title: "=SUM(1,2)"
    tasks:
      - id: quoted
        title: "'quoted'"
        tags: ["'=x"]
      - id: not-formula
        title: "'=not a formula"
        notes: "''two"
      - id: padded
        title: "  padded  "
        tags: ["+y"]
      - id: minus
        title: "-1 day"
        owner: "@li"
        status: cancelled
      - id: escape
        title: "\e[31mred"
      - Plain string task
"#;

/// Runs `wbs -f p.yaml ARGS` and asserts it succeeds.
fn ok(dir: &Path, args: &[&str]) -> Output {
    let output = wbs_p(dir, args);
    assert_eq!(output.code, 0, "{args:?}: {output}");
    output
}

/// Writes `sheet` as `dir/NAME` and applies it.
fn apply(dir: &Path, name: &str, sheet: &str) -> Output {
    std::fs::write(dir.join(name), sheet).expect("write sheet");
    wbs_p(dir, &["apply", name])
}

const UNCHANGED: &str = "every row is already as the plan shows it; nothing was changed\n";

/// Every column `list` can show.
const ALL: &str =
    "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes";

#[test]
fn list_csv_and_tsv_apply_back_unchanged() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    assert_eq!(ok(dir, &["check", "-q"]).stdout, "");
    for (format, name) in [("csv", "sheet.csv"), ("tsv", "sheet.tsv")] {
        let sheet = ok(dir, &["list", "--columns", ALL, "--format", format]).stdout;
        let output = apply(dir, name, &sheet);
        assert_eq!(output.code, 0, "{format}: {output}\n{sheet}");
        assert_eq!(output.stdout, UNCHANGED, "{format}: {output}\n{sheet}");
        assert_eq!(read_p(dir), PLAN, "{format}");
    }
}

#[test]
fn export_csv_applies_back_unchanged() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    let sheet = ok(dir, &["export", "--format", "csv"]).stdout;
    let output = apply(dir, "export.csv", &sheet);
    assert_eq!(output.code, 0, "{output}\n{sheet}");
    assert_eq!(output.stdout, UNCHANGED, "{output}\n{sheet}");
    assert_eq!(read_p(dir), PLAN);
}

#[test]
fn export_xlsx_applies_back_unchanged() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    ok(
        dir,
        &["export", "--format", "xlsx", "--output", "plan.xlsx"],
    );
    let output = wbs_p(dir, &["apply", "plan.xlsx"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(output.stdout, UNCHANGED, "{output}");
    assert_eq!(read_p(dir), PLAN);
}

#[test]
fn the_cells_hold_the_exact_text() {
    let dir = inline_plan(PLAN);
    let sheet = ok(
        dir.path(),
        &[
            "list",
            "under:web",
            "--columns",
            "id,title,tags,notes",
            "--format",
            "csv",
        ],
    )
    .stdout;
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(sheet.as_bytes())
        .records()
        .map(|r| r.expect("CSV").iter().map(str::to_owned).collect())
        .collect();
    let expected: &[[&str; 4]] = &[
        ["id", "title", "tags", "notes"],
        [
            "tab",
            "tab\there",
            // A tag with a comma, a quote or blanks at its ends, or one
            // that starts with + or -, is quoted inside the cell.
            r#""a,b","say ""hi""",plain," padded ","+y""#,
            "'=SUM(A1:A3)",
        ],
        ["block", "two\nlines\n", "", "folded text"],
        ["typed", "back\\nslash \\t too", r#""-x""#, ""],
        ["command", "::error::x", "", ""],
        ["lead-tab", "'\tleading tab", "", ""],
        ["lead-cr", "'\rleading cr", "", ""],
    ];
    assert_eq!(records, expected, "{sheet}");
    // RFC 4180: only a cell with a quote, a comma or a line break is quoted.
    assert!(
        sheet.contains(
            "\ncommand,::error::x,,\nlead-tab,'\tleading tab,,\nlead-cr,\"'\rleading cr\",,\n"
        ),
        "{sheet}"
    );
}

#[test]
fn an_edited_sheet_applied_twice_changes_nothing_the_second_time() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    let sheet = ok(dir, &["export", "--format", "csv"]).stdout;
    // The trap: `tab` marked done with its progress cell left at 37.5; the
    // second run wanted progress 37.5 on a done task.
    let edited = sheet.replacen(",in-progress,37.5,", ",done,37.5,", 1);
    assert_ne!(edited, sheet);
    let first = apply(dir, "week.csv", &edited);
    assert_eq!(first.code, 0, "{first}");
    let after_first = read_p(dir);
    assert_eq!(
        after_first,
        PLAN.replace(
            "        status: in-progress\n        progress: 37.5\n",
            "        status: done\n"
        )
    );
    let second = apply(dir, "week.csv", &edited);
    assert_eq!(second.code, 0, "{second}");
    assert_eq!(second.stdout, UNCHANGED, "{second}");
    assert_eq!(read_p(dir), after_first);
}

#[test]
fn the_seed_plan_round_trips_through_export_and_list() {
    let repo = crate::common::seed_repository();
    let dir = repo.path();
    for (args, name) in [
        (&["export", "--format", "csv"][..], "export.csv"),
        (&["list", "--columns", ALL, "--format", "tsv"], "list.tsv"),
    ] {
        let sheet = crate::common::wbs_in(dir, args);
        assert_eq!(sheet.code, 0, "{sheet}");
        std::fs::write(dir.join(".git/info/exclude"), "*.csv\n*.tsv\n").expect("exclude");
        std::fs::write(dir.join(name), &sheet.stdout).expect("write");
        let output = crate::common::wbs_in(dir, &["apply", name]);
        assert_eq!(output.code, 0, "{output}");
        assert_eq!(output.stdout, UNCHANGED, "{name}: {output}");
        crate::common::assert_unchanged(dir, &output);
    }
}

#[test]
fn derived_cells_change_nothing_and_say_so() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    let sheet = ok(dir, &["export", "--format", "csv"]).stdout;
    // A parent's rolled-up status and progress, and a due date it takes
    // from its subtasks, edited by hand: noted, and nothing written.
    let edited = sheet.replacen(
        "1,web,Web,ana,in-progress,22.9,2026-10-01,2026-12-01,",
        "1,web,Web,ana,done,100,2026-10-01,2027-01-31,",
        1,
    );
    assert_ne!(edited, sheet);
    let output = apply(dir, "parents.csv", &edited);
    insta::assert_snapshot!(output, @r"
    every row is already as the plan shows it; nothing was changed
    ----- stderr -----
    note: parents.csv: row 1 (line 2): `status` of 1 Web: a parent's status is rolled up from its subtasks: set theirs (only `cancelled` is set on a parent); the cell changes nothing
    note: parents.csv: row 1 (line 2): `progress` of 1 Web: a parent's progress is rolled up from its subtasks; the cell changes nothing
    note: parents.csv: row 1 (line 2): `due` of 1 Web: a parent without a due date of its own takes the latest of its subtasks'; the cell changes nothing
    [exit status: 0]
    ");
    assert_eq!(read_p(dir), PLAN);
    // `cancelled` is a parent's own: it is set.
    let cancelled = sheet.replacen("1,web,Web,ana,in-progress,", "1,web,Web,ana,cancelled,", 1);
    let output = apply(dir, "cancel.csv", &cancelled);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        read_p(dir),
        PLAN.replace(
            "    owner: ana\n",
            "    owner: ana\n    status: cancelled\n"
        )
    );
    // Applied again, the leaves' status cells (cancelled with their
    // parent now) change nothing either.
    let output = apply(dir, "cancel.csv", &cancelled);
    assert_eq!(output.stdout, UNCHANGED, "{output}");
}

#[test]
fn a_cell_the_sheet_would_change_on_a_second_run_is_refused() {
    let dir = inline_plan(PLAN);
    let dir = dir.path();
    let sheet = ok(dir, &["list", "--columns", "id,owner", "--format", "csv"]).stdout;
    // The parent's owner changed, its tasks' cells still showing the one
    // they inherited: the next run would give each task that owner.
    let edited = sheet.replacen("web,ana\n", "web,'@li\n", 1);
    assert_ne!(edited, sheet);
    let output = apply(dir, "owners.csv", &edited);
    insta::assert_snapshot!(output, @r"
    ----- stderr -----
    error: owners.csv: row 3 (line 4): `owner` says `ana`, but with the sheet's other changes 1.2 would show `@li`, so applying the sheet again would change it; write `@li` or empty the cell
    error: owners.csv: row 4 (line 5): `owner` says `ana`, but with the sheet's other changes 1.3 would show `@li`, so applying the sheet again would change it; write `@li` or empty the cell
    error: owners.csv: row 5 (line 6): `owner` says `ana`, but with the sheet's other changes 1.4 would show `@li`, so applying the sheet again would change it; write `@li` or empty the cell
    error: owners.csv: row 6 (line 7): `owner` says `ana`, but with the sheet's other changes 1.5 would show `@li`, so applying the sheet again would change it; write `@li` or empty the cell
    error: owners.csv: row 7 (line 8): `owner` says `ana`, but with the sheet's other changes 1.6 would show `@li`, so applying the sheet again would change it; write `@li` or empty the cell
    5 rows cannot apply; nothing was changed
    [exit status: 1]
    ");
    assert_eq!(read_p(dir), PLAN);
    // With those cells emptied, it applies, and again changes nothing.
    let emptied: String = edited
        .lines()
        .map(|line| match line.split_once(",ana") {
            Some((id, "")) if id != "web" => format!("{id},\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    let output = apply(dir, "owners.csv", &emptied);
    assert_eq!(output.code, 0, "{output}\n{emptied}");
    let output = apply(dir, "owners.csv", &emptied);
    assert_eq!(output.stdout, UNCHANGED, "{output}");
}
