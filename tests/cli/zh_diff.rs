//! Issue 19: what `wbs diff` and the git diff driver say, in English and
//! in Chinese, on a copy of the seed plan changed in every way a diff
//! shows; no English label left in the Chinese; JSON the same in every
//! language.

use std::path::Path;

use crate::common::{
    Output, english_words, git, plan_set_repository, root, run, seed_repository, wbs, wbs_in,
};

/// The seed plan's text and the words of the edits made to it.
fn plan_text() -> String {
    let seed = std::fs::read_to_string(root().join("plans/programme.yaml")).expect("seed plan");
    format!("{seed} 新任务 新标题 plans programme")
}

/// Runs `wbs ARGS` in `dir` in English and in Chinese (by `--lang` and by
/// `LANG`, which must agree); fails if English words are left in the
/// Chinese one, besides the words of `text`.
fn both(dir: &Path, args: &[&str], text: &str) -> (Output, Output) {
    let en = wbs_in(dir, args);
    let mut zh_args = vec!["--lang", "zh"];
    zh_args.extend(args);
    let zh = wbs_in(dir, &zh_args);
    let by_locale = run(wbs(args).current_dir(dir).env("LANG", "zh_CN.UTF-8"));
    assert_eq!(zh.stdout, by_locale.stdout, "{args:?}");
    assert_eq!(en.code, zh.code, "{en}\n{zh}");
    // `error:` is the severity, kept as in `error[code]:`.
    let left = english_words(&format!("{}{}", zh.stdout, zh.stderr), text, &["error"]);
    assert!(left.is_empty(), "English in {args:?}: {left:?}\n{zh}");
    (en, zh)
}

/// The seed in a repository, changed since its commit by an edit of each
/// kind: a status done, a due date, tags, a rename, an id, a notes field,
/// an effort, an added task, a removed one, and a task moved to a parent
/// of another owner.
fn changed_seed() -> tempfile::TempDir {
    let repo = seed_repository();
    let dir = repo.path();
    for args in [
        &[
            "update",
            "id:marketing-local-team-training",
            "--status",
            "done",
            "--due",
            "2026-12-20",
            "--tag",
            "+认证,-培训",
        ][..],
        &[
            "update",
            "id:marketing-policy-supervision",
            "--title",
            "新标题",
        ],
        &[
            "update",
            "id:marketing-mechanisms-pilot",
            "--set",
            "id=pilot",
            "--notes",
            "新任务",
            "--effort",
            "4w",
            "--due",
            "2027-04-20",
        ],
        &["add", "marketing-rollout", "新任务"],
        &["rm", "marketing-consulting-report"],
        &["mv", "marketing-policy-checklist", "--under", "rnd"],
    ] {
        let output = wbs_in(dir, args);
        assert_eq!(output.code, 0, "{args:?}: {output}");
    }
    repo
}

#[test]
fn human_markdown_and_stat() {
    let repo = changed_seed();
    let dir = repo.path();
    let text = plan_text();
    let (en, zh) = both(dir, &["diff", "HEAD"], &text);
    insta::assert_snapshot!(en, @"
    2 工作组
      ~ 2.1.1.1.3 组织团队培训与认证: status in-progress → done
      ~ 2.1.1.1.3 组织团队培训与认证: progress 65% → 100% (done)
      ~ 2.1.1.1.3 组织团队培训与认证: due 2026-12-18 → 2026-12-20 (slipped 2 days)
      ~ 2.1.1.1.3 组织团队培训与认证: tags [培训] → [认证] (+认证 -培训)
      + 2.1.1.5 新任务: added (1 node)
      ~ 2.1.2.2.2 试点新流程并收集反馈: id marketing-mechanisms-pilot → pilot
      ~ 2.1.2.2.2 试点新流程并收集反馈: due 2027-04-30 → 2027-04-20 (gained 10 days)
      ~ 2.1.2.2.2 试点新流程并收集反馈: effort 120h → 160h
      ~ 2.1.2.2.2 试点新流程并收集反馈: notes — → 新任务
      ~ 2.1.2.3.2 (was 2.1.2.3.3) 新标题: title 监督分支机构执行情况 → 新标题
      → 2.2.6 制定政策落地执行清单: parent 2.1.2.3 解读总部政策并推进落地 → 2.2 研发组
      ~ 2.2.6 (was 2.1.2.3.2) 制定政策落地执行清单: owner 营销行业联合推进组 → —
      − 2.1.1.4.3 输出运营效果分析报告: removed (1 node)

    1 added, 1 removed, 1 moved, 1 renamed, 9 changed; progress 49.6% → 50.1% (2 工作组 49.7% → 50.2%)
    [exit status: 0]
    ");
    insta::assert_snapshot!(zh, @"
    2 工作组
      ~ 2.1.1.1.3 组织团队培训与认证: status 进行中 → 已完成
      ~ 2.1.1.1.3 组织团队培训与认证: progress 65% → 100%（已完成）
      ~ 2.1.1.1.3 组织团队培训与认证: due 2026-12-18 → 2026-12-20（推迟 2 天）
      ~ 2.1.1.1.3 组织团队培训与认证: tags [培训] → [认证]（新增 认证；去掉 培训）
      + 2.1.1.5 新任务: 新增（1 个节点）
      ~ 2.1.2.2.2 试点新流程并收集反馈: id marketing-mechanisms-pilot → pilot
      ~ 2.1.2.2.2 试点新流程并收集反馈: due 2027-04-30 → 2027-04-20（提前 10 天）
      ~ 2.1.2.2.2 试点新流程并收集反馈: effort 120h → 160h
      ~ 2.1.2.2.2 试点新流程并收集反馈: notes — → 新任务
      ~ 2.1.2.3.2（原 2.1.2.3.3） 新标题: title 监督分支机构执行情况 → 新标题
      → 2.2.6 制定政策落地执行清单: 上级 2.1.2.3 解读总部政策并推进落地 → 2.2 研发组
      ~ 2.2.6（原 2.1.2.3.2） 制定政策落地执行清单: owner 营销行业联合推进组 → —
      − 2.1.1.4.3 输出运营效果分析报告: 删除（1 个节点）

    新增 1，删除 1，移动 1，重命名 1，修改 9；进度 49.6% → 50.1%（2 工作组 49.7% → 50.2%）
    [exit status: 0]
    ");
    for extra in [
        &["--format", "markdown"][..],
        &["--stat"],
        &["--stat", "--format", "markdown"],
        &["--rollups"],
    ] {
        let mut args = vec!["diff", "HEAD"];
        args.extend(extra);
        let (en, zh) = both(dir, &args, &text);
        insta::assert_snapshot!(format!("{extra:?}\n{en}\n{zh}"));
    }
}

#[test]
fn no_differences() {
    let repo = seed_repository();
    let text = plan_text();
    for extra in [&[][..], &["--format", "markdown"]] {
        let mut args = vec!["diff", "HEAD"];
        args.extend(extra);
        let (en, zh) = both(repo.path(), &args, &text);
        insta::assert_snapshot!(format!("{extra:?}\n{en}\n{zh}"));
    }
}

#[test]
fn a_move_among_siblings_and_to_the_top_of_a_file() {
    let old = "tests/fixtures/diff/reorder-only/old.yaml";
    let new = "tests/fixtures/diff/reorder-only/new.yaml";
    let text = std::fs::read_to_string(root().join(new)).expect("fixture");
    let (en, zh) = both(&root(), &["diff", old, new, "--include-order"], &text);
    insta::assert_snapshot!(format!("{en}\n{zh}"));

    let repo = plan_set_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["mv", "a2", "--under", "2"]);
    assert_eq!(output.code, 0, "{output}");
    let text = format!(
        "{} {} plans",
        std::fs::read_to_string(dir.join("plans/a.yaml")).expect("a"),
        std::fs::read_to_string(dir.join("plans/b.yaml")).expect("b")
    );
    let (en, zh) = both(dir, &["diff", "HEAD"], &text);
    insta::assert_snapshot!(format!("{en}\n{zh}"));
}

#[test]
fn json_is_the_same_in_every_language() {
    let repo = changed_seed();
    let dir = repo.path();
    for extra in [&[][..], &["--stat"], &["--rollups"]] {
        let mut args = vec!["diff", "HEAD", "--format", "json"];
        args.extend(extra);
        let english = wbs_in(dir, &args);
        let mut flagged = vec!["--lang", "zh"];
        flagged.extend(&args);
        let flag = wbs_in(dir, &flagged);
        let locale = run(wbs(&args).current_dir(dir).env("LANG", "zh_CN.UTF-8"));
        let json: serde_json::Value = serde_json::from_str(&english.stdout).expect("JSON");
        assert_eq!(english.stdout, flag.stdout, "{args:?}");
        assert_eq!(english.stdout, locale.stdout, "{args:?}");
        if extra.is_empty() {
            // Notes stay English in JSON.
            let notes: Vec<&str> = json["changes"]
                .as_array()
                .expect("changes")
                .iter()
                .filter_map(|c| c["note"].as_str())
                .collect();
            assert!(notes.contains(&"slipped 2 days"), "{notes:?}");
        }
    }
}

/// Runs the driver as git does, in `dir`, with the user's locale.
fn driver(dir: &Path, args: &[&str], lang: Option<&str>) -> Output {
    let mut all = vec!["diff-driver"];
    all.extend(args);
    let mut command = wbs(&all);
    command.current_dir(dir);
    if let Some(lang) = lang {
        command.env("LANG", lang);
    }
    run(&mut command)
}

#[test]
fn the_diff_driver_follows_the_locale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
    write(
        "old.yaml",
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n",
    );
    write(
        "comment.yaml",
        "wbs: 1\ntitle: T\n# a comment\ntasks:\n  - id: a\n    title: A\n",
    );
    write(
        "done.yaml",
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    status: done\n",
    );
    write(
        "bad.yaml",
        "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    status: finished\n",
    );
    let plan = "wbs title tasks id a A T comment finished old bad yaml plan dev null";
    for args in [
        &["p.yaml", "/dev/null", ".", ".", "old.yaml", "1", "100644"][..],
        &["p.yaml", "old.yaml", "1", "100644", "/dev/null", ".", "."],
        &[
            "p.yaml",
            "old.yaml",
            "1",
            "100644",
            "done.yaml",
            "2",
            "100755",
        ],
        &[
            "p.yaml",
            "old.yaml",
            "1",
            "100644",
            "comment.yaml",
            "2",
            "100644",
        ],
        &[
            "p.yaml", "old.yaml", "1", "100644", "bad.yaml", "2", "100644",
        ],
        &["p.yaml"],
    ] {
        let en = driver(dir, args, None);
        let zh = driver(dir, args, Some("zh_CN.UTF-8"));
        assert_eq!(zh.code, 0, "{zh}");
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
        // The driver's own lines; a version's errors are `check`'s.
        let own: String = zh
            .stdout
            .lines()
            .filter(|line| !line.starts_with(['-', '+', '@', ' ', '|']) && !line.contains('['))
            .map(|line| format!("{line}\n"))
            .collect();
        // `wbs diff PATH` heads each file, as `diff --git` does in git.
        let left = english_words(&own, plan, &["diff"]);
        assert!(left.is_empty(), "English in {args:?}: {left:?}\n{zh}");
    }
    let _ = git;
}

#[test]
fn versions_that_cannot_be_read() {
    let repo = seed_repository();
    let text = plan_text();
    for args in [
        &["diff", "plans/programe.yaml"][..],
        &["diff", "nothing-here.yaml"],
        &["diff", "-", "-"],
    ] {
        let (en, zh) = both(repo.path(), args, &text);
        insta::assert_snapshot!(format!("{args:?}\n{en}\n{zh}"));
    }
}

#[test]
fn the_driver_says_when_a_file_is_read_without_its_set() {
    let repo = plan_set_repository();
    let dir = repo.path();
    let old = std::fs::read_to_string(dir.join("plans/b.yaml")).expect("b");
    // The new version defines a1 as well: it does not fit the set.
    let new = format!("{old}  - id: a1\n    title: A1 again\n");
    std::fs::write(dir.join("old.yaml"), &old).expect("write");
    std::fs::write(dir.join("new.yaml"), &new).expect("write");
    let args = [
        "plans/b.yaml",
        "old.yaml",
        "1",
        "100644",
        "new.yaml",
        "2",
        "100644",
    ];
    let en = driver(dir, &args, None);
    let zh = driver(dir, &args, Some("zh_CN.UTF-8"));
    insta::assert_snapshot!(format!("{en}\n{zh}"));
    let left = english_words(&zh.stdout, &format!("{new} plans"), &["diff"]);
    assert!(left.is_empty(), "{left:?}\n{zh}");
}
