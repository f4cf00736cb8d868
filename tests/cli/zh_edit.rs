//! Issue 19: what the editing commands (`update`, `add`, `rm`, `mv`,
//! `apply`) say, in English and in Chinese, on copies of the seed plan;
//! no English label left in the Chinese; the plan bytes written and the
//! JSON printed the same in every language.

use std::path::Path;

use crate::common::{Output, english_words, root, run, seed_repository, wbs};

/// Words the Chinese outputs keep: the `error:` severity (as in
/// `error[code]:`, printed by the one error printer), the seed's file name
/// and the names of the tests' input files.
const KEPT: &[&str] = &[
    "error",
    "plans",
    "programme",
    "ok",
    "bad",
    "same",
    "rows",
    "empty",
];

fn plan_text() -> String {
    std::fs::read_to_string(root().join("plans/programme.yaml")).expect("seed plan")
}

/// Runs `wbs ARGS` (after `--lang zh` when `zh`) in a fresh copy of the
/// seed repository, with `files` written there first.
fn fresh(zh: bool, args: &[&str], files: &[(&str, &str)]) -> (tempfile::TempDir, Output) {
    let repo = seed_repository();
    for (name, text) in files {
        std::fs::write(repo.path().join(name), text).expect("write input");
    }
    let mut all = if zh { vec!["--lang", "zh"] } else { vec![] };
    all.extend(args);
    let output = run(wbs(&all).current_dir(repo.path()));
    (repo, output)
}

/// The English words left in a Chinese output, besides plan text, codes
/// in brackets (`[duplicate-id]`) and [`KEPT`].
fn english_left(output: &str) -> std::collections::BTreeSet<String> {
    let mut text = String::with_capacity(output.len());
    let mut rest = output;
    // `[leaf-field-on-parent]`: a code, kept in every language.
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-') =>
            {
                rest = &after[close + 1..];
            }
            _ => {
                text.push('[');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    english_words(&text, &plan_text(), KEPT)
}

/// The output in English and in Chinese, each on a fresh copy; fails if a
/// word of English is left in the Chinese one.
fn both(args: &[&str], files: &[(&str, &str)]) -> (Output, Output) {
    let (_en_repo, en) = fresh(false, args, files);
    let (_zh_repo, zh) = fresh(true, args, files);
    assert_eq!(en.code, zh.code, "{en}\n{zh}");
    let left = english_left(&format!("{}{}", zh.stdout, zh.stderr));
    assert!(left.is_empty(), "English in {args:?}: {left:?}\n{zh}");
    (en, zh)
}

#[test]
fn update_confirms_and_dry_runs() {
    let args = [
        "update",
        "id:marketing-local-team-training",
        "--status",
        "done",
        "--due",
        "2026-12-20",
    ];
    let (en, zh) = both(&args, &[]);
    insta::assert_snapshot!(en, @"
    2.1.1.1.3 组织团队培训与认证
    updated 1 node in plans/programme.yaml
    [exit status: 0]
    ");
    insta::assert_snapshot!(zh, @"
    2.1.1.1.3 组织团队培训与认证
    已更新 plans/programme.yaml 中的 1 个节点
    [exit status: 0]
    ");
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let (en, zh) = both(&dry, &[]);
    insta::assert_snapshot!(en, @"
    2 工作组
      ~ 2.1.1.1.3 组织团队培训与认证: status in-progress → done
      ~ 2.1.1.1.3 组织团队培训与认证: progress 65% → 100% (done)
      ~ 2.1.1.1.3 组织团队培训与认证: due 2026-12-18 → 2026-12-20 (slipped 2 days)

    0 added, 0 removed, 0 moved, 0 renamed, 3 changed; progress 49.6% → 50.1% (2 工作组 49.7% → 50.3%)

    --- plans/programme.yaml
    +++ plans/programme.yaml
    @@ -70,10 +70,9 @@
                       - id: marketing-local-team-training
                         title: 组织团队培训与认证
    -                    status: in-progress
    -                    progress: 65
    +                    status: done
                         effort: 3w
                         tags: [培训]
                         start: 2026-05-04
    -                    due: 2026-12-18
    +                    due: 2026-12-20
                   - id: marketing-transition
                     title: 制定分支机构人员转型方案

    dry run: 1 node would change; nothing was written
    [exit status: 0]
    ");
    insta::assert_snapshot!(zh, @"
    2 工作组
      ~ 2.1.1.1.3 组织团队培训与认证: status 进行中 → 已完成
      ~ 2.1.1.1.3 组织团队培训与认证: progress 65% → 100%（已完成）
      ~ 2.1.1.1.3 组织团队培训与认证: due 2026-12-18 → 2026-12-20（推迟 2 天）

    新增 0，删除 0，移动 0，重命名 0，修改 3；进度 49.6% → 50.1%（2 工作组 49.7% → 50.3%）

    --- plans/programme.yaml
    +++ plans/programme.yaml
    @@ -70,10 +70,9 @@
                       - id: marketing-local-team-training
                         title: 组织团队培训与认证
    -                    status: in-progress
    -                    progress: 65
    +                    status: done
                         effort: 3w
                         tags: [培训]
                         start: 2026-05-04
    -                    due: 2026-12-18
    +                    due: 2026-12-20
                   - id: marketing-transition
                     title: 制定分支机构人员转型方案

    试运行：1 个节点将被修改；没有写入任何内容
    [exit status: 0]
    ");
    // Asked again for what the task already has.
    let (en, zh) = both(
        &[
            "update",
            "id:marketing-local-team-standards",
            "--status",
            "done",
        ],
        &[],
    );
    insta::assert_snapshot!(en, @"
    2.1.1.1.1 制定团队组建标准与分工规则
    1 node already as asked; no file changed
    [exit status: 0]
    ");
    insta::assert_snapshot!(zh, @"
    2.1.1.1.1 制定团队组建标准与分工规则
    1 个节点已是所要求的值；没有文件改动
    [exit status: 0]
    ");
}

#[test]
fn update_refusals() {
    for args in [
        // A plain word matching several nodes.
        &["update", "培训", "--status", "done"][..],
        &["update", "培训", "--status", "done", "--expect", "2"],
        &["update", "id:marketing", "--progress", "50"],
        &["update", "xyznomatch", "--status", "done"],
        &["update", "id:marketing"],
        &["update", "--status", "done"],
    ] {
        let (en, zh) = both(args, &[]);
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
    }
}

#[test]
fn introduced_warnings_and_an_invalid_result() {
    // A todo task with progress: a warning the plan did not have. The
    // diagnostic itself is `check`'s; the line before it is the edit's.
    for args in [
        &[
            "update",
            "id:marketing-consulting-report",
            "--progress",
            "20",
        ][..],
        &[
            "update",
            "id:marketing-consulting-report",
            "--progress",
            "20",
            "--dry-run",
        ],
        &[
            "update",
            "id:marketing-policy-analysis",
            "--set",
            "after=nothere",
        ],
    ] {
        let (_, en) = fresh(false, args, &[]);
        let (_, zh) = fresh(true, args, &[]);
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
        let line = zh.stderr.lines().next().unwrap_or_default();
        assert!(english_left(line).is_empty(), "{line}");
    }
}

#[test]
fn add_rm_and_mv_confirm() {
    for args in [
        &["add", "marketing-rollout", "新任务", "--id", "new-task"][..],
        &["add", "marketing-rollout", "新任务", "--dry-run"],
        &["rm", "marketing-consulting-report"],
        &["rm", "marketing-certification-criteria", "--force"],
        &["rm", "marketing-certification", "--recursive", "--dry-run"],
        &["mv", "marketing-policy-checklist", "--under", "rnd"],
        &[
            "mv",
            "marketing-policy-checklist",
            "--under",
            "rnd",
            "--dry-run",
        ],
        &[
            "mv",
            "marketing-transition",
            "--under",
            "marketing-consulting",
        ],
        &[
            "mv",
            "marketing-policy-analysis",
            "--before",
            "marketing-policy-checklist",
        ],
    ] {
        let (en, zh) = both(args, &[]);
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
    }
}

#[test]
fn add_rm_and_mv_refusals() {
    for args in [
        &["add", "leadership", "X", "--id", "rnd"][..],
        &[
            "add",
            "leadership",
            "X",
            "--after",
            "marketing-policy-analysis",
        ],
        &[
            "add",
            "leadership",
            "X",
            "--before",
            "marketing-policy-analysis",
        ],
        &["add", "marketing-policy-analysis", "X"],
        &["add", "leadership", " "],
        &["rm", "marketing-certification-criteria"],
        &["rm", "marketing-certification"],
        &["mv", "rnd", "--under", "rnd"],
        &[
            "mv",
            "marketing-policy-analysis",
            "--after",
            "marketing-policy-analysis",
        ],
        &["mv", "marketing-policy-analysis", "--after", "rnd"],
    ] {
        let (en, zh) = both(args, &[]);
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
    }
}

const ROWS_OK: &str = "id,status,due\nmarketing-policy-analysis,done,\nmarketing-consulting-report,in-progress,2027-09-15\n";
const ROWS_BAD: &str = "id,status,due\nmarketing-policy-analysis,done,\nmarketing-policy-anlysis,done,\nmarketing,done,\n2.9.9,todo,\nmarketing-policy-checklist,Done,soon\nmarketing-policy-analysis,blocked,\n";
const ROWS_NOTHING: &str = "id,status\nmarketing-policy-analysis,in-progress\n";
const ROWS_JSON: &str = "{\"id\": \"marketing\", \"progress\": 50}\n[1]\n{\"status\": \"done\"}\nnot json\n{\"id\": \"marketing-consulting-report\"}\n";

#[test]
fn apply_confirms_and_reports_rows() {
    for (input, text) in [
        ("ok.csv", ROWS_OK),
        ("bad.csv", ROWS_BAD),
        (
            "bad.csv",
            "id,status,colour\nmarketing-policy-analysis,done,x\n",
        ),
        ("same.csv", ROWS_NOTHING),
        ("rows.json", ROWS_JSON),
        ("empty.csv", ""),
    ] {
        let (en, zh) = both(&["apply", input], &[(input, text)]);
        insta::assert_snapshot!(format!("{input}\n{en}\n{zh}"));
    }
    let (en, zh) = both(&["apply", "ok.csv", "--dry-run"], &[("ok.csv", ROWS_OK)]);
    insta::assert_snapshot!(format!("{en}\n{zh}"));
}

/// Every edit that writes, once in each language setting: the bytes of
/// the plan afterwards, and what `--format json` printed.
fn written(args: &[&str], files: &[(&str, &str)], env: Option<&str>) -> (Vec<u8>, String) {
    let repo = seed_repository();
    for (name, text) in files {
        std::fs::write(repo.path().join(name), text).expect("write input");
    }
    let mut all: Vec<&str> = match env {
        Some("--lang") => vec!["--lang", "zh"],
        _ => vec![],
    };
    all.extend(args);
    let mut command = wbs(&all);
    command.current_dir(repo.path());
    if env == Some("LANG") {
        command.env("LANG", "zh_CN.UTF-8");
    }
    let output = run(&mut command);
    assert_eq!(output.code, 0, "{args:?}: {output}");
    let bytes = std::fs::read(repo.path().join("plans/programme.yaml")).expect("plan");
    (bytes, output.stdout)
}

const EDITS: &[&[&str]] = &[
    &[
        "update",
        "id:marketing-local-team-training",
        "--status",
        "done",
        "--due",
        "2026-12-20",
        "--tag",
        "+认证,-培训",
    ],
    &[
        "add",
        "marketing-rollout",
        "新任务",
        "--id",
        "new-task",
        "--owner",
        "平台工具小组",
    ],
    &["rm", "marketing-certification-criteria", "--force"],
    &["mv", "marketing-policy-checklist", "--under", "rnd"],
    &["apply", "ok.csv"],
];

#[test]
fn the_plan_written_is_the_same_in_every_language() {
    for edit in EDITS {
        let files = [("ok.csv", ROWS_OK)];
        let (english, _) = written(edit, &files, None);
        let (flag, _) = written(edit, &files, Some("--lang"));
        let (locale, _) = written(edit, &files, Some("LANG"));
        let seed = std::fs::read(root().join("plans/programme.yaml")).expect("seed");
        assert_ne!(english, seed, "{edit:?} changed nothing");
        assert!(english == flag && english == locale, "{edit:?}");
    }
}

#[test]
fn json_is_the_same_in_every_language() {
    for edit in EDITS {
        for extra in [
            &["--format", "json"][..],
            &["--format", "json", "--dry-run"],
        ] {
            let mut args = edit.to_vec();
            args.extend(extra);
            let files = [("ok.csv", ROWS_OK)];
            let (_, english) = written(&args, &files, None);
            let (_, flag) = written(&args, &files, Some("--lang"));
            let (_, locale) = written(&args, &files, Some("LANG"));
            serde_json::from_str::<serde_json::Value>(&english).expect("JSON");
            assert_eq!(english, flag, "{args:?}");
            assert_eq!(english, locale, "{args:?}");
        }
    }
}

#[test]
fn the_locale_picks_chinese() {
    let repo = seed_repository();
    let output = run(
        wbs(&["update", "id:marketing-policy-analysis", "--status", "done"])
            .current_dir(repo.path())
            .env("LANG", "zh_CN.UTF-8"),
    );
    assert!(
        output
            .stdout
            .ends_with("已更新 plans/programme.yaml 中的 1 个节点\n"),
        "{output}"
    );
    let dir: &Path = repo.path();
    assert!(dir.join("plans/programme.yaml").exists());
}

#[test]
fn which_file_of_a_plan_set() {
    let repo = crate::common::plan_set_repository();
    let plan = format!(
        "{}{}",
        std::fs::read_to_string(repo.path().join("plans/a.yaml")).expect("a"),
        std::fs::read_to_string(repo.path().join("plans/b.yaml")).expect("b")
    );
    let en = run(wbs(&["add", ".", "X"]).current_dir(repo.path()));
    let zh = run(wbs(&["--lang", "zh", "add", ".", "X"]).current_dir(repo.path()));
    insta::assert_snapshot!(format!("{en}\n{zh}"));
    let left = english_words(&zh.stderr, &plan, KEPT);
    assert!(left.is_empty(), "{left:?}\n{zh}");
}
