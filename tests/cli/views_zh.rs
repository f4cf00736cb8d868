//! The views in Chinese (issue 19): `report` (terminal, markdown, gantt,
//! CI gate, `--since`), `list`, `tree`, `show` and the markdown and
//! Mermaid exports on the seed plan, each beside its English; no English
//! word left in the Chinese; tables within the width; and every machine
//! format the same bytes whatever the language.

use std::path::Path;
use std::process::Command;

use unicode_width::UnicodeWidthStr;

use crate::common::{Output, english_words, root, run, wbs};

/// The seed plan's text: its ids and titles are not English left over.
fn plan_text() -> String {
    std::fs::read_to_string(root().join("plans/programme.yaml")).expect("the seed plan")
}

/// `wbs ARGS` in `lang` (`None`: no language named at all) at `width`.
fn at(lang: Option<&str>, args: &[&str], width: u16) -> Output {
    let mut all: Vec<&str> = lang.map(|l| vec!["--lang", l]).unwrap_or_default();
    all.extend(args);
    run(wbs(&all).env("COLUMNS", width.to_string()))
}

/// What a run printed, both streams.
fn printed(output: &Output) -> String {
    format!("{}{}", output.stdout, output.stderr)
}

/// The words of a Mermaid chart, which stay as Mermaid reads them, and
/// markdown's non-breaking space (`&nbsp;`), and the query words a
/// report's selection line repeats as the user typed them (`under:rnd`),
/// and the plan's path (`plans/programme.yaml`).
const ALLOWED: &[&str] = &[
    "nbsp",
    "under",
    "plans",
    "programme",
    "gantt",
    "dateFormat",
    "YYYY",
    "MM",
    "DD",
    "inclusiveEndDates",
    "todayMarker",
    "off",
    "section",
    "milestone",
    "crit",
    "active",
    "today",
];

/// The human outputs of the views, by name, at 100 columns unless named.
const CASES: &[(&str, &[&str])] = &[
    ("report", &["report"]),
    ("report-selection", &["report", "owner:平台工具小组"]),
    (
        "report-gate",
        &[
            "report",
            "--fail-on",
            "overdue,blocked,due-soon",
            "--min-progress",
            "90",
        ],
    ),
    ("report-markdown", &["report", "--format", "markdown"]),
    (
        "report-markdown-gantt",
        &[
            "report",
            "--format",
            "markdown",
            "--gantt",
            "under:rnd",
            "--depth",
            "3",
        ],
    ),
    ("report-nothing", &["report", "owner:无此人"]),
    ("list", &["list"]),
    (
        "list-all-columns",
        &[
            "list",
            "under:2.2.1",
            "--columns",
            "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes",
        ],
    ),
    (
        "list-markdown",
        &["list", "under:2.1.1", "--format", "markdown"],
    ),
    ("list-nothing", &["list", "owner:无此人"]),
    ("tree", &["tree"]),
    ("tree-query", &["tree", "owner:平台工具小组", "is:open"]),
    ("show-parent", &["show", "2"]),
    ("show-leaf", &["show", "2.2.1.1.2.2"]),
    ("show-written-status", &["show", "2.1.1.1.1"]),
    ("export-markdown", &["export", "--format", "markdown"]),
    ("export-mermaid", &["export", "--format", "mermaid"]),
];

#[test]
fn every_view_in_both_languages() {
    let plan = plan_text();
    for &(name, args) in CASES {
        let en = at(None, args, 100);
        let zh = at(Some("zh"), args, 100);
        assert_eq!(en.code, zh.code, "{name}: {en}\n{zh}");
        insta::assert_snapshot!(format!("{name}-en"), en);
        insta::assert_snapshot!(format!("{name}-zh"), zh);
        let left = english_words(&printed(&zh), &plan, ALLOWED);
        assert!(left.is_empty(), "{name}: English left: {left:?}\n{zh}");
    }
}

/// The same views at a narrow terminal, where wide characters must still
/// line up and no line may be wider than the width.
#[test]
fn chinese_tables_at_60_columns() {
    for &(name, args) in &[
        ("report", &["report"][..]),
        ("list", &["list"][..]),
        ("tree", &["tree"][..]),
        ("show", &["show", "2.2.1.1.2.2"][..]),
    ] {
        let zh = at(Some("zh"), args, 60);
        insta::assert_snapshot!(format!("{name}-zh-at-60"), zh);
    }
}

#[test]
fn no_chinese_line_is_wider_than_the_width() {
    let commands: &[&[&str]] = &[
        &["list"],
        &[
            "list",
            "--columns",
            "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes",
        ],
        &["report"],
        &["report", "--depth", "6"],
        &["report", "owner:平台工具小组"],
        &["tree"],
        &["tree", "--ascii"],
        &["show", "2"],
        &["show", "2.2.1.1.2.2"],
    ];
    for args in commands {
        for width in [20, 30, 40, 50, 60, 80, 100, 120] {
            let output = at(Some("zh"), args, width);
            assert_eq!(output.code, 0, "{args:?} at {width}\n{output}");
            for line in output.stdout.lines() {
                // `show`'s field lines are not a table: plan text there
                // runs on, as in English.
                if args[0] == "show" && !line.starts_with(' ') && !line.starts_with('─') {
                    continue;
                }
                assert!(
                    line.width() <= usize::from(width),
                    "{args:?} at {width}: {} columns\n{line}\n{output}",
                    line.width()
                );
            }
        }
    }
}

/// The display columns where each line's `%` ends: one column when the
/// percentages line up.
fn percent_ends(text: &str) -> std::collections::BTreeSet<usize> {
    text.lines()
        .filter_map(|line| line.find('%').map(|at| line[..=at].width()))
        .collect()
}

#[test]
fn chinese_columns_line_up() {
    for width in [40, 60, 80, 100] {
        let list = at(Some("zh"), &["list"], width);
        assert_eq!(percent_ends(&list.stdout).len(), 1, "{list}");
        let tree = at(Some("zh"), &["tree"], width);
        assert_eq!(percent_ends(&tree.stdout).len(), 1, "{tree}");
        let report = at(Some("zh"), &["report"], width);
        let table = report.stdout.split("\n\n").nth(1).expect("a branch table");
        assert_eq!(percent_ends(table).len(), 1, "{report}");
    }
}

/// Scripts read these: the language never changes a byte of them.
#[test]
fn machine_formats_are_the_same_in_every_language() {
    let commands: &[&[&str]] = &[
        &["report", "--format", "json"],
        &["report", "owner:平台工具小组", "--format", "json"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["list", "--format", "tsv"],
        &[
            "list",
            "--format",
            "csv",
            "--columns",
            "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes",
        ],
        &["show", "2", "--format", "json"],
        &["show", "2.2.1.1.2.2", "--format", "json"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
    ];
    for args in commands {
        let english = run(&mut wbs(args));
        assert_eq!(english.code, 0, "{args:?}: {english}");
        let mut flagged = vec!["--lang", "zh"];
        flagged.extend(*args);
        let flag = run(&mut wbs(&flagged));
        let locale = run(wbs(args).env("LANG", "zh_CN.UTF-8"));
        for chinese in [flag, locale] {
            assert_eq!(chinese.stdout, english.stdout, "{args:?}");
            assert_eq!(chinese.code, english.code, "{args:?}");
        }
    }
}

/// A workbook is bytes: the same in every language.
#[test]
fn the_workbook_is_the_same_in_every_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, lang: &[&str], env: Option<(&str, &str)>| {
        let path = dir.path().join(name);
        let path = path.to_str().expect("UTF-8");
        let mut args = lang.to_vec();
        args.extend(["export", "--format", "xlsx", "--output", path]);
        let mut command = wbs(&args);
        if let Some((key, value)) = env {
            command.env(key, value);
        }
        let output = run(&mut command);
        assert_eq!(output.code, 0, "{output}");
        std::fs::read(path).expect("the workbook")
    };
    let english = write("en.xlsx", &[], None);
    assert_eq!(write("zh.xlsx", &["--lang", "zh"], None), english);
    assert_eq!(
        write("locale.xlsx", &[], Some(("LANG", "zh_CN.UTF-8"))),
        english
    );
}

/// The locale names the language when `--lang` does not.
#[test]
fn the_locale_speaks_chinese_too() {
    let flag = at(Some("zh"), &["report"], 100);
    let locale = run(wbs(&["report"]).env("LANG", "zh_CN.UTF-8"));
    assert_eq!(locale.stdout, flag.stdout);
    assert!(locale.stdout.contains("逾期（6）"), "{locale}");
}

/// Runs git in `dir` with both dates at noon UTC of `day` (when given),
/// as no user's configuration can change.
fn git(dir: &Path, day: Option<&str>, args: &[&str]) {
    let mut command = Command::new("git");
    command
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    if let Some(day) = day {
        let date = format!("{day}T12:00:00+00:00");
        command
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date);
    }
    let output = command.output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `report --since` on the seed plan a week after: a leaf done, one due
/// date slipped, one newly overdue; in both languages and both formats.
#[test]
fn what_changed_since_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path();
    std::fs::create_dir(path.join("plans")).expect("mkdir");
    let seed = plan_text();
    // A week before: the leaf due on 2026-11-20 was due later then (it
    // is newly overdue), the first due on 2026-12-31 was due earlier (it
    // slipped), and one leaf now done was not.
    let before = seed
        .replacen("due: 2026-11-20", "due: 2026-12-20", 1)
        .replacen("due: 2026-12-31", "due: 2026-12-10", 1)
        .replacen("status: done", "status: in-progress", 1);
    assert_ne!(before, seed);
    std::fs::write(path.join("plans/programme.yaml"), &before).expect("write");
    git(path, None, &["init", "-q"]);
    git(path, None, &["add", "-A"]);
    git(path, Some("2026-11-20"), &["commit", "-q", "-m", "Plan"]);
    std::fs::write(path.join("plans/programme.yaml"), &seed).expect("write");
    git(path, None, &["add", "-A"]);
    git(path, Some("2026-11-27"), &["commit", "-q", "-m", "Week"]);
    let plan = plan_text();
    for lang in ["en", "zh"] {
        for format in ["human", "markdown"] {
            let args = [
                "--lang",
                lang,
                "report",
                "--since",
                "2026-11-21",
                "--format",
                format,
            ];
            let output = run(wbs(&args).current_dir(path).env("TZ", "UTC"));
            assert_eq!(output.code, 0, "{output}");
            insta::assert_snapshot!(format!("since-{format}-{lang}"), output);
            if lang == "zh" {
                let left = english_words(&printed(&output), &plan, ALLOWED);
                assert!(left.is_empty(), "English left: {left:?}\n{output}");
            }
        }
    }
}

/// `report --since --format json` is the same in every language.
#[test]
fn what_changed_since_is_the_same_json_in_every_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path();
    std::fs::create_dir(path.join("plans")).expect("mkdir");
    let seed = plan_text();
    let before = seed.replacen("status: done", "status: in-progress", 1);
    std::fs::write(path.join("plans/programme.yaml"), &before).expect("write");
    git(path, None, &["init", "-q"]);
    git(path, None, &["add", "-A"]);
    git(path, Some("2026-11-20"), &["commit", "-q", "-m", "Plan"]);
    std::fs::write(path.join("plans/programme.yaml"), &seed).expect("write");
    let args = ["report", "--since", "2026-11-21", "--format", "json"];
    let json = |lang: &[&str], env: Option<(&str, &str)>| {
        let mut all = lang.to_vec();
        all.extend(args);
        let mut command = wbs(&all);
        command.current_dir(path).env("TZ", "UTC");
        if let Some((key, value)) = env {
            command.env(key, value);
        }
        let output = run(&mut command);
        assert_eq!(output.code, 0, "{output}");
        output.stdout
    };
    let english = json(&[], None);
    assert!(english.contains("\"since\""), "{english}");
    assert_eq!(json(&["--lang", "zh"], None), english);
    assert_eq!(json(&[], Some(("LC_ALL", "zh_CN.UTF-8"))), english);
}

/// The note about quoted TSV cells is for people: in Chinese too, while
/// the TSV itself stays the same.
#[test]
fn the_tsv_note_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: \"col1\\tcol2\"\n";
    std::fs::write(dir.path().join("tab.yaml"), plan).expect("write");
    let tsv = |lang: &str| {
        let args = [
            "--lang",
            lang,
            "list",
            "-f",
            "tab.yaml",
            "--format",
            "tsv",
            "--columns",
            "id,title",
        ];
        run(wbs(&args).current_dir(dir.path()))
    };
    let (en, zh) = (tsv("en"), tsv("zh"));
    assert_eq!(zh.stdout, en.stdout);
    assert_eq!(zh.stdout, "id\ttitle\na\t\"col1\tcol2\"\n");
    insta::assert_snapshot!(zh.stderr, @"注：有 1 行含有制表符、换行或引号的单元格，已按 CSV（RFC 4180）的方式加引号写出：电子表格和 CSV 读取器能正确读回，`wbs apply` 也能，但 cut、awk 等按行处理的工具不能；这样的文本请用 --format csv 或 json");
    let left = english_words(&zh.stderr, plan, &["RFC", "cut", "awk", "apply"]);
    assert!(left.is_empty(), "English left: {left:?}");
}
