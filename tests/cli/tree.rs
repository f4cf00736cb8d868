//! `wbs tree`: guide lines, aligned bars, queries with their ancestors,
//! depth, colour and safe text.

use crate::common::{path_str, run, temp_file, wbs, wbs_run};

#[test]
fn seed_plan() {
    insta::assert_snapshot!(wbs_run(&["tree"]));
}

#[test]
fn depth_two() {
    insta::assert_snapshot!(wbs_run(&["tree", "--depth", "2"]));
}

#[test]
fn ascii_depth_three() {
    insta::assert_snapshot!(wbs_run(&["tree", "--ascii", "--depth", "3"]));
}

#[test]
fn query_shows_matches_with_their_ancestors() {
    insta::assert_snapshot!(wbs_run(&["tree", "owner:平台工具小组", "is:open"]));
}

#[test]
fn negated_term_and_depth() {
    insta::assert_snapshot!(wbs_run(&["tree", "-status:done", "--depth", "3"]));
}

#[test]
fn query_error_is_a_usage_failure() {
    let output = wbs_run(&["tree", "stauts:x"]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!(output);
}

#[test]
fn query_matching_nothing_prints_nothing() {
    let output = wbs_run(&["tree", "no-such-words-anywhere"]);
    assert_eq!((output.code, output.stdout.as_str()), (0, ""), "{output}");
    insta::assert_snapshot!(output);
    let quiet = wbs_run(&["tree", "-q", "no-such-words-anywhere"]);
    assert_eq!(
        (quiet.code, quiet.stdout.as_str(), quiet.stderr.as_str()),
        (0, "", ""),
        "{quiet}"
    );
}

#[test]
fn depth_zero_is_refused() {
    assert_eq!(wbs_run(&["tree", "--depth", "0"]).code, 2);
}

#[test]
fn ancestors_shown_for_context_are_dimmed_only_in_colour() {
    const DIM: &str = "\u{1b}[2m";
    const RESET: &str = "\u{1b}[0m";
    let coloured = wbs_run(&["tree", "--color", "always", "owner:平台工具小组", "is:open"]);
    assert_eq!(coloured.code, 0, "{coloured}");
    let line = |needle: &str| {
        coloured
            .stdout
            .lines()
            .find(|l| strip(l).contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}:\n{coloured}"))
    };
    // 工作组 and 研发组 have no owner, so they are there only as ancestors:
    // every part of their lines is dim, and nothing has another colour.
    for context in [line(" 工作组 "), line(" 研发组 ")] {
        assert!(
            context.starts_with(DIM) && context.ends_with(RESET),
            "{context:?}"
        );
        let mut codes = context.split('\u{1b}').skip(1);
        assert!(
            codes.all(|code| code.starts_with("[2m") || code.starts_with("[0m")),
            "{context:?}"
        );
    }
    let matching = line(" 平台工具小组 [");
    assert!(!matching.contains(DIM), "{matching:?}");
    assert!(
        matching.contains("\u{1b}[33min-progress\u{1b}[0m"),
        "{matching:?}"
    );
    assert!(
        line("overdue").contains("\u{1b}[31moverdue\u{1b}[0m"),
        "{coloured}"
    );
    // Colour codes take no room: the columns line up as without colour.
    let plain = wbs_run(&["tree", "owner:平台工具小组", "is:open"]);
    let stripped: Vec<String> = coloured.stdout.lines().map(strip).collect();
    assert_eq!(stripped, plain.stdout.lines().collect::<Vec<_>>());

    // The test environment sets NO_COLOR; --color never wins over a terminal.
    for args in [
        &["tree", "owner:平台工具小组", "is:open"][..],
        &["tree", "--color", "never"],
    ] {
        let plain = wbs_run(args);
        assert_eq!(plain.code, 0, "{plain}");
        assert!(
            !plain.stdout.contains('\u{1b}') && !plain.stderr.contains('\u{1b}'),
            "{plain}"
        );
    }
}

#[test]
fn escape_sequences_in_plans_never_reach_the_terminal() {
    let (_dir, path) = temp_file(
        "evil.yaml",
        b"wbs: 1\ntitle: t\ntasks:\n  - title: \"\\e[31mred\\e]0;pwned\\a\"\n    owner: \"\\e[2J\"\n    tasks: [\"a\\nb\"]\n",
    );
    for color in ["never", "always"] {
        let output = wbs_run(&["tree", "--color", color, "-f", path_str(&path)]);
        assert_eq!(output.code, 0, "{output}");
        assert!(
            output.stdout.contains(" \\e[31mred\\e]0;pwned\\u{7} ["),
            "{output}"
        );
        assert!(output.stdout.contains("\\e[2J"), "{output}");
        assert!(output.stdout.contains(" a\\nb "), "{output}");
        for raw in ["\u{7}", "\u{1b}[31mred", "\u{1b}]0", "\u{1b}[2J", "a\nb"] {
            assert!(!output.stdout.contains(raw), "{raw:?} in {output}");
        }
    }
}

#[test]
fn plan_sets_hang_each_file_from_its_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.yaml"),
        "wbs: 1\ntitle: 前端\ntasks:\n  - title: 页面\n    owner: ana\n    tasks:\n      - {title: 首页, status: done}\n      - 详情页\n  - Set up CI\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.yaml"),
        "wbs: 1\ntitle: Backend\ntasks:\n  - {title: API, status: in-progress, progress: 40}\n",
    )
    .expect("write");
    insta::assert_snapshot!(run(wbs(&["tree"]).env("WBS_FILE", path_str(dir.path()))));
}

/// At any width, the percentages end at the same display column on every
/// line, Chinese titles and deep guides included.
#[test]
fn columns_stay_aligned_at_narrow_widths() {
    use unicode_width::UnicodeWidthStr;
    for width in ["40", "60", "80", "100"] {
        let output = crate::common::run(crate::common::wbs(&["tree"]).env("COLUMNS", width));
        let ends: std::collections::BTreeSet<usize> = output
            .stdout
            .lines()
            .map(|line| line[..=line.find('%').expect("a percentage")].width())
            .collect();
        assert_eq!(
            ends.len(),
            1,
            "COLUMNS={width}: percentages end at {ends:?}\n{output}"
        );
    }
}

/// A line without its colour codes.
fn strip(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('m').map_or(rest.len(), |m| at + m + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn depth_zero_says_at_least_one() {
    insta::assert_snapshot!(wbs_run(&["tree", "--depth", "0"]), @"
    ----- stderr -----
    error: invalid value '0' for '--depth <N>': the depth is at least 1 (1 shows the top-level nodes)

    For more information, try '--help'.
    [exit status: 2]
    ");
}
