//! `wbs merge` in Chinese: the conflict lines and the note of a line
//! merge; the merged file is the same bytes in every language.

use crate::common::{english_words, run, wbs};

const BASE: &str = "wbs: 1
title: T
tasks:
  - id: a
    title: A
    due: 2026-10-01
  - id: b
    title: B
  - id: c
    title: C
    effort: 1d
  - id: d
    title: D
    tasks:
      - id: d1
        title: D1
      - id: d2
        title: D2
";

/// Merges in a fresh folder with `args` before `merge`, as git would
/// call it; the merged file, and what wbs printed.
fn merge(
    global: &[&str],
    vars: &[(&str, &str)],
    base: &str,
    ours: &str,
    theirs: &str,
) -> (String, crate::common::Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("base.yaml"), base).expect("write");
    std::fs::write(d.join("ours.yaml"), ours).expect("write");
    std::fs::write(d.join("theirs.yaml"), theirs).expect("write");
    let mut args = global.to_vec();
    args.extend([
        "merge",
        "base.yaml",
        "ours.yaml",
        "theirs.yaml",
        "--path",
        "plans/t.yaml",
    ]);
    let mut command = wbs(&args);
    command.current_dir(d);
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = run(&mut command);
    let merged = std::fs::read_to_string(d.join("ours.yaml")).expect("read");
    (merged, output)
}

/// Ours and theirs disagree on a date, on a task one removed and the
/// other changed (both ways), and on the order of subtasks.
fn sides() -> (String, String) {
    let ours = BASE
        .replace("due: 2026-10-01", "due: 2026-10-05")
        .replace("title: B\n", "title: B1\n")
        .replace("  - id: c\n    title: C\n    effort: 1d\n", "")
        .replace(
            "      - id: d1\n        title: D1\n      - id: d2\n        title: D2\n",
            "      - id: d2\n        title: D2\n      - id: d1\n        title: D1\n        notes: x\n",
        );
    let theirs = BASE
        .replace("due: 2026-10-01", "due: 2026-10-09")
        .replace("  - id: b\n    title: B\n", "")
        .replace("effort: 1d", "effort: 2d");
    (ours, theirs)
}

#[test]
fn conflict_lines_in_both_languages() {
    let (ours, theirs) = sides();
    let (english_file, english) = merge(&[], &[], BASE, &ours, &theirs);
    assert_eq!(english.code, 1, "{english}");
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    conflict: plans/t.yaml: 2 c (theirs): removed by ours, changed by theirs (effort changed)
    conflict: plans/t.yaml: 1 a due: 2026-10-01 → ours 2026-10-05 / theirs 2026-10-09
    conflict: plans/t.yaml: 2 b: changed by ours (title changed), removed by theirs
    [exit status: 1]
    ");
    let (chinese_file, chinese) = merge(&["--lang", "zh"], &[], BASE, &ours, &theirs);
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    冲突：plans/t.yaml：2 c（对方）：我方删除了，对方却改了 effort
    冲突：plans/t.yaml：1 a due：2026-10-01 → 我方 2026-10-05 / 对方 2026-10-09
    冲突：plans/t.yaml：2 b：对方删除了，我方却改了 title
    [exit status: 1]
    ");
    assert_eq!(
        english_words(
            &chinese.stderr,
            &format!("plans/t.yaml {BASE}{ours}{theirs}"),
            &[]
        ),
        Default::default()
    );
    // The merged file, markers and all, is the same bytes.
    assert_eq!(chinese_file, english_file);
    let (locale_file, locale) = merge(&[], &[("LANG", "zh_CN.UTF-8")], BASE, &ours, &theirs);
    assert_eq!(locale_file, english_file);
    assert_eq!(locale.stderr, chinese.stderr);
}

#[test]
fn the_line_merge_note_in_both_languages() {
    let ours = BASE.replace("title: A\n", "title: A\n    notes: [unclosed\n");
    let theirs = BASE.replace("title: B", "title: B2");
    let (english_file, english) = merge(&[], &[], BASE, &ours, &theirs);
    let (chinese_file, chinese) = merge(&["--lang", "zh"], &[], BASE, &ours, &theirs);
    assert_eq!(chinese_file, english_file);
    assert_eq!(english.code, 1, "{english}");
    assert_eq!(chinese.code, 1, "{chinese}");
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    note: plans/t.yaml: ours is not valid YAML (line 7: this line is indented less than the list it continues); merged line by line
    conflict: plans/t.yaml: line 7: the merged plan does not validate: [yaml-syntax] this line is indented less than the list it continues
    [exit status: 1]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    注：plans/t.yaml：我方版本不是有效的 YAML（第 7 行：这一行的缩进比它所延续的列表少）；已改为逐行合并
    冲突：plans/t.yaml：第 7 行：合并后的计划无法通过校验：[yaml-syntax] this line is indented less than the list it continues
    [exit status: 1]
    ");
}
