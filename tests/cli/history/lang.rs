//! `wbs history` in Chinese: the terminal picture, its table and forecast,
//! and the markdown with its Mermaid chart; JSON and CSV the same in every
//! language.

use super::{OPS, Scratch, WEB, story};
use crate::common::english_words;

/// The text of the story's plans and commits: ids, titles, subjects and
/// commit ids are the team's words, not labels.
fn story_text(commits: &[String]) -> String {
    let subjects = [
        "Plan the relaunch",
        "Wireframes started",
        "Wireframes done, CI blocked",
        "Add the ops plan",
        "Broken status",
        "Fix the status; pages re-estimated",
        "Runbook at 75%",
        "Merge side",
        "Drop the ops plan",
        "Plans moved out",
        "Plans back, pages at 40%",
    ];
    format!("{WEB}{OPS}{}\n{}", subjects.join("\n"), commits.join("\n"))
}

#[test]
fn human_history_in_chinese() {
    let (s, commits) = story();
    // Without a width, the table keeps whole subjects.
    let whole = s.wbs(&["--lang", "zh", "history"]);
    assert_eq!(whole.code, 0, "{whole}");
    assert_eq!(
        english_words(&whole.stdout, &story_text(&commits), &[]),
        Default::default(),
        "{whole}"
    );
    insta::assert_snapshot!(s.wbs(&["--lang", "zh", "history", "--width", "80"]));
}

#[test]
fn chinese_history_fits_every_width() {
    let (s, _) = story();
    for width in [12, 20, 30, 40, 60, 80, 100] {
        let output = s.wbs(&["--lang", "zh", "history", "--width", &width.to_string()]);
        assert_eq!(output.code, 0, "{output}");
        for line in output.stdout.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "wider than {width}: {line:?}"
            );
        }
    }
    insta::assert_snapshot!(s.wbs(&["--lang", "zh", "history", "--width", "40"]));
}

#[test]
fn markdown_history_in_chinese() {
    let (s, commits) = story();
    let output = s.wbs(&["--lang", "zh", "history", "--format", "markdown"]);
    assert_eq!(output.code, 0, "{output}");
    // Mermaid's own words stay: they are the chart's syntax.
    let syntax = [
        "config",
        "themeVariables",
        "xyChart",
        "plotColorPalette",
        "xychart",
        "beta",
        "axis",
        "line",
        "d97706",
        "a34a",
    ];
    assert_eq!(
        english_words(&output.stdout, &story_text(&commits), &syntax),
        Default::default(),
        "{output}"
    );
    insta::assert_snapshot!(output);
}

#[test]
fn no_forecast_in_chinese() {
    let s = Scratch::new();
    s.write(
        "plans/p.yaml",
        "wbs: 1\ntitle: P\ntasks:\n  - id: a\n    title: A\n",
    );
    s.commit("2026-10-01", "Plan");
    let output = s.wbs(&["--lang", "zh", "history", "--width", "80"]);
    assert!(
        output.stdout.ends_with("预测：无——历史不足两天。\n"),
        "{output}"
    );
    let output = s.wbs(&["--lang", "zh", "history", "--format", "markdown"]);
    assert!(
        output.stdout.ends_with("**预测**：无：历史不足两天。\n"),
        "{output}"
    );
}

#[test]
fn json_and_csv_history_are_the_same_in_every_language() {
    let (s, _) = story();
    for format in ["json", "csv"] {
        let english = s.wbs(&["history", "--format", format]);
        assert_eq!(english.code, 0, "{english}");
        let flag = s.wbs(&["--lang", "zh", "history", "--format", format]);
        let locale = s.wbs_with(&["history", "--format", format], &[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(flag.stdout, english.stdout, "--lang zh, {format}");
        assert_eq!(locale.stdout, english.stdout, "LANG=zh_CN.UTF-8, {format}");
    }
    // The locale reaches the human output.
    let human = s.wbs_with(&["history", "--width", "80"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(human.stdout.contains("预测："), "{human}");
}

#[test]
fn history_errors_in_chinese() {
    let (s, _) = story();
    let output = s.wbs(&["--lang", "zh", "history", "--since", "no-such-thing"]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    错误：`no-such-thing` 既不是 git 版本，也不是日期
    提示：请写提交、分支或标签，或日期，例如 2026-11-01 或 '7 days ago'
    [exit status: 2]
    ");
    let output = s.wbs(&["--lang", "zh", "-f", "docs", "history"]);
    assert_eq!(output.code, 2, "{output}");
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    错误：这段历史中没有任何提交在 `docs` 中有计划文件
    提示：用 -f PATH 指定计划，或检查 --since 和 --until
    [exit status: 2]
    ");
}
