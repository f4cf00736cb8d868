//! Tables, reports and trees fitted to the terminal: the seed plan at 60, 80
//! and 120 columns and with no width; no line wider than the width, narrow
//! ones included; ids and percentages never cut; columns that line up with
//! Chinese text and with colour on.

use unicode_width::UnicodeWidthStr;

use crate::common::{Output, run, wbs};

/// `wbs ARGS` with `COLUMNS=width`, or with no width at all (a pipe).
fn at(args: &[&str], width: Option<u16>) -> Output {
    let mut command = wbs(args);
    match width {
        Some(width) => command.env("COLUMNS", width.to_string()),
        None => command.env_remove("COLUMNS"),
    };
    let output = run(&mut command);
    assert_eq!(output.code, 0, "{args:?} at {width:?}\n{output}");
    output
}

fn name(command: &str, width: Option<u16>) -> String {
    match width {
        Some(width) => format!("{command} at {width}"),
        None => format!("{command} unlimited"),
    }
}

const WIDTHS: [Option<u16>; 4] = [Some(60), Some(80), Some(120), None];

#[test]
fn list_at_every_width() {
    for width in WIDTHS {
        insta::assert_snapshot!(name("list", width), at(&["list"], width));
    }
}

#[test]
fn report_at_every_width() {
    for width in WIDTHS {
        insta::assert_snapshot!(name("report", width), at(&["report"], width));
    }
}

#[test]
fn tree_at_every_width() {
    for width in WIDTHS {
        insta::assert_snapshot!(name("tree", width), at(&["tree"], width));
    }
}

/// The commands and options that print tables, reports and trees.
const HUMAN: &[&[&str]] = &[
    &["list"],
    &[
        "list",
        "--columns",
        "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes",
    ],
    &["report"],
    &["report", "--depth", "6"],
    &["report", "under:rnd", "--depth", "3", "--horizon", "8w"],
    &["tree"],
    &["tree", "--ascii"],
    &["tree", "owner:平台工具小组", "is:open"],
];

#[test]
fn no_line_is_wider_than_the_width() {
    for args in HUMAN {
        for width in [20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 120] {
            let output = at(args, Some(width));
            for line in output.stdout.lines() {
                assert!(
                    line.width() <= usize::from(width),
                    "{args:?} at {width}: {} columns\n{line}\n{output}",
                    line.width()
                );
            }
        }
    }
}

/// Each row of a list table, as JSON gives it.
fn json_rows(args: &[&str]) -> Vec<serde_json::Value> {
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let output = at(&json, None);
    serde_json::from_str(&output.stdout).expect("a JSON array")
}

#[test]
fn ids_and_percentages_are_whole_at_80() {
    let output = at(&["list"], Some(80));
    let lines: Vec<&str> = output.stdout.lines().skip(2).collect();
    let rows = json_rows(&["list"]);
    assert_eq!(lines.len(), rows.len(), "{output}");
    for (line, row) in lines.iter().zip(&rows) {
        let cells: Vec<&str> = line.split("   ").map(str::trim).collect();
        if let Some(id) = row["id"].as_str() {
            assert!(cells.contains(&id), "id {id} cut:\n{line}");
        }
        let percent = format!("{:.1}%", row["progress"].as_f64().expect("progress"));
        assert!(cells.contains(&percent.as_str()), "{percent} cut:\n{line}");
    }

    let report = at(&["report", "--depth", "3"], Some(80));
    let branches = json_rows(&["list", "level<=3"]);
    for row in &branches {
        let percent = format!("{:.1}%", row["progress"].as_f64().expect("progress"));
        let code = row["code"].as_str().expect("code");
        let line = report
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(code))
            .unwrap_or_else(|| panic!("no row for {code}\n{report}"));
        assert!(
            line.ends_with(&percent) || line.contains(&format!("{percent} ")),
            "{line}"
        );
    }

    let tree = at(&["tree"], Some(80));
    for (line, row) in tree.stdout.lines().zip(&rows) {
        let percent = format!("{:.1}%", row["progress"].as_f64().expect("progress"));
        assert!(line.contains(&percent), "{percent} cut:\n{line}");
    }
}

/// The display column where a line's `%` ends, for the lines that have one
/// (at most one column, when the percentages line up).
fn percent_ends(text: &str) -> std::collections::BTreeSet<usize> {
    text.lines()
        .filter_map(|line| line.find('%').map(|at| line[..=at].width()))
        .collect()
}

#[test]
fn wide_characters_line_up_at_every_width() {
    for width in [Some(40), Some(60), Some(80), Some(100), None] {
        let list = at(&["list"], width);
        assert!(percent_ends(&list.stdout).len() <= 1, "{list}");
        let tree = at(&["tree"], width);
        assert!(percent_ends(&tree.stdout).len() <= 1, "{tree}");
        // The report's branch table, between the summary and the lists.
        let report = at(&["report"], width);
        let table: String = report
            .stdout
            .split("\n\n")
            .nth(1)
            .expect("a branch table")
            .to_owned();
        assert!(percent_ends(&table).len() <= 1, "{report}");
    }
}

#[test]
fn colour_takes_no_room_and_no_color_turns_it_off() {
    let strip = |text: &str| {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('\u{1b}') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find('m').map_or(rest.len(), |m| at + m + 1);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    };
    for args in HUMAN {
        for width in [Some(40), Some(80), None] {
            let mut coloured = args.to_vec();
            coloured.extend(["--color", "always"]);
            let painted = at(&coloured, width);
            let plain = at(args, width);
            assert!(painted.stdout.contains("\u{1b}["), "{painted}");
            assert!(!plain.stdout.contains('\u{1b}'), "NO_COLOR is set: {plain}");
            assert_eq!(
                strip(&painted.stdout),
                plain.stdout,
                "{args:?} at {width:?}"
            );
        }
    }
    // Overdue dates are red in the list.
    let list = at(&["list", "is:overdue", "--color", "always"], Some(120));
    assert!(
        list.stdout.contains("\u{1b}[38;5;1m2026-09-30\u{1b}[39m"),
        "{list}"
    );
}

#[test]
fn very_narrow_tables_keep_their_most_important_columns() {
    let list = at(&["list", "under:2.2.1.1.2"], Some(30));
    assert!(list.stdout.starts_with(" code          title\n"), "{list}");
    let report = at(&["report"], Some(30));
    assert!(
        report.stdout.contains(" code   title        progress\n"),
        "{report}"
    );
    let tree = at(&["tree", "--depth", "1"], Some(30));
    assert_eq!(
        tree.stdout, "1 领导组 [领导组]   45.0%\n2 工作组            49.7%\n",
        "{tree}"
    );
}
