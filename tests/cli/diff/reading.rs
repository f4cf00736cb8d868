//! What a reviewer reads in a diff of the seed plan: renames of tasks
//! without ids, a leaf's progress as people read it, the effective owner,
//! and roll-ups in one summary line unless `--rollups` asks for them.

use crate::common::{Output, json_of, seed_repository, wbs_in};

/// Edits the seed plan in a fresh repository with `edit` (wbs arguments),
/// then diffs HEAD against the work tree with each of `formats`' extra
/// arguments.
fn diff_after(edit: &[&str], formats: &[&[&str]]) -> Vec<Output> {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, edit);
    assert_eq!(output.code, 0, "{output}");
    formats
        .iter()
        .map(|extra| wbs_in(dir, &[&["diff", "HEAD"][..], extra].concat()))
        .collect()
}

/// The trap: one leaf marked done in a plan six levels deep listed every
/// ancestor's roll-up, and the leaf's progress as `37.5% → —`. Now the
/// leaf's two lines, and the roll-ups in the summary line: overall and the
/// top-level branch.
#[test]
fn a_leaf_marked_done() {
    let [human, markdown, rollups, json] = &diff_after(
        &[
            "update",
            "id:platform-strategy-bottlenecks",
            "--status",
            "done",
        ],
        &[
            &[],
            &["--format", "markdown"],
            &["--rollups"],
            &["--format", "json"],
        ],
    )[..] else {
        unreachable!()
    };
    insta::assert_snapshot!(human, @"
    2 工作组
      ~ 2.2.1.1.2.2 分析工具性能瓶颈: status in-progress → done
      ~ 2.2.1.1.2.2 分析工具性能瓶颈: progress 37.5% → 100% (done)

    0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress 49.6% → 50.0% (2 工作组 49.7% → 50.1%)
    [exit status: 0]
    ");
    insta::assert_snapshot!(markdown, @"
    ### Plan changes

    | Added | Removed | Moved | Renamed | Changed | Progress |
    |---:|---:|---:|---:|---:|---|
    | 0 | 0 | 0 | 0 | 2 | 49.6% → 50.0% |

    Top-level progress: 2 工作组 49.7% → 50.1%

    - **~** `2.2.1.1.2.2` 分析工具性能瓶颈 — status in-progress → done
    - **~** `2.2.1.1.2.2` 分析工具性能瓶颈 — progress 37.5% → 100% (done)
    [exit status: 0]
    ");
    insta::assert_snapshot!(rollups, @"
    2 工作组
      ~ 2 工作组: progress 49.7% → 50.1% (rolled up)
      ~ 2.2 研发组: progress 47.2% → 47.7% (rolled up)
      ~ 2.2.1 平台工具小组: progress 55.5% → 56.8% (rolled up)
      ~ 2.2.1.1 平台工具研发与推广: progress 81.2% → 83.8% (rolled up)
      ~ 2.2.1.1.2 制定产品优化策略: progress 35% → 60% (rolled up)
      ~ 2.2.1.1.2.2 分析工具性能瓶颈: status in-progress → done
      ~ 2.2.1.1.2.2 分析工具性能瓶颈: progress 37.5% → 100% (done)

    0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress 49.6% → 50.0% (2 工作组 49.7% → 50.1%)
    [exit status: 0]
    ");
    // JSON has every roll-up, marked, and counts them apart.
    let json = json_of(json);
    let summary = &json["summary"];
    assert_eq!(
        (&summary["changed"], &summary["rollups"]),
        (&2.into(), &5.into())
    );
    let changes = json["changes"].as_array().expect("changes");
    let marked: Vec<&str> = changes
        .iter()
        .filter(|c| c["rollup"] == true)
        .map(|c| c["code"].as_str().expect("code"))
        .collect();
    assert_eq!(marked, ["2", "2.2", "2.2.1", "2.2.1.1", "2.2.1.1.2"]);
    let progress = changes
        .iter()
        .find(|c| c["field"] == "progress" && c["rollup"] == false)
        .expect("the leaf's progress");
    assert_eq!(
        (&progress["old"], &progress["new"], &progress["note"]),
        (&37.5.into(), &100.0.into(), &"done".into())
    );
}

/// The trap: an owner written on a task that inherited one read `owner —
/// → 场景研发小组`.
#[test]
fn an_owner_written_where_one_was_inherited() {
    let [human, markdown] = &diff_after(
        &["update", "id:leadership-reports", "--owner", "场景研发小组"],
        &[&[], &["--format", "markdown"]],
    )[..] else {
        unreachable!()
    };
    insta::assert_snapshot!(human, @"
    1 领导组
      ~ 1.2 听取汇报: owner 领导组 → 场景研发小组 (was inherited)

    0 added, 0 removed, 0 moved, 0 renamed, 1 changed; progress 49.6% → 49.6%
    [exit status: 0]
    ");
    insta::assert_snapshot!(markdown, @"
    ### Plan changes

    | Added | Removed | Moved | Renamed | Changed | Progress |
    |---:|---:|---:|---:|---:|---|
    | 0 | 0 | 0 | 0 | 1 | 49.6% → 49.6% |

    - **~** `1.2` 听取汇报 — owner 领导组 → 场景研发小组 (was inherited)
    [exit status: 0]
    ");
}

/// The trap: renaming a task without id in `wbs init`'s starter plan was a
/// removal and an addition.
#[test]
fn a_task_without_id_renamed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let output = wbs_in(dir, &["init"]);
    assert_eq!(output.code, 0, "{output}");
    let path = dir.join("plans/plan.yaml");
    let old = std::fs::read_to_string(&path).expect("the starter plan");
    std::fs::write(dir.join("old.yaml"), &old).expect("write");
    let new = old.replace("title: Visual design", "title: Visual design v2");
    assert_ne!(new, old);
    std::fs::write(&path, new).expect("write");
    let human = wbs_in(dir, &["diff", "old.yaml", "plans/plan.yaml"]);
    insta::assert_snapshot!(human, @"
    1 Design
      ~ 1.2 Visual design v2: title Visual design → Visual design v2

    0 added, 0 removed, 0 moved, 1 renamed, 0 changed; progress 17.1% → 17.1%
    [exit status: 0]
    ");
    let markdown = wbs_in(
        dir,
        &[
            "diff",
            "old.yaml",
            "plans/plan.yaml",
            "--format",
            "markdown",
        ],
    );
    insta::assert_snapshot!(markdown, @"
    ### Plan changes

    | Added | Removed | Moved | Renamed | Changed | Progress |
    |---:|---:|---:|---:|---:|---|
    | 0 | 0 | 0 | 1 | 0 | 17.1% → 17.1% |

    - **~** `1.2` Visual design v2 — title Visual design → Visual design v2
    [exit status: 0]
    ");
}
