//! `wbs init` in Chinese: what it wrote and what to do next, and why it
//! will not write; the starter plan is the same file in every language.

use crate::common::{english_words, run, wbs};

#[test]
fn init_in_chinese() {
    let english = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["init"]).current_dir(english.path()));
    assert_eq!(output.code, 0, "{output}");
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["--lang", "zh", "init"]).current_dir(dir.path()));
    assert_eq!(output.code, 0, "{output}");
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    已写入 plans/plan.yaml（入门计划）
    已写入 plans/.wbs-schema.json（计划格式的 JSON Schema，供编辑器使用）
    下一步：编辑计划，然后运行 `wbs check`
    [exit status: 0]
    ");
    let allowed = [
        "plans", "plan", "yaml", "wbs", "schema", "json", "JSON", "Schema", "check",
    ];
    assert_eq!(
        english_words(&output.stderr, "", &allowed),
        Default::default(),
        "{output}"
    );
    let read = |d: &tempfile::TempDir, p: &str| std::fs::read(d.path().join(p)).expect("written");
    assert_eq!(
        read(&dir, "plans/plan.yaml"),
        read(&english, "plans/plan.yaml")
    );
    assert_eq!(
        read(&dir, "plans/.wbs-schema.json"),
        read(&english, "plans/.wbs-schema.json")
    );
    let again = run(wbs(&["--lang", "zh", "init"]).current_dir(dir.path()));
    insta::assert_snapshot!(again, @"
    ----- stderr -----
    错误：`plans/plan.yaml` 已存在；wbs init 从不覆盖文件
    提示：换一个路径，例如 `wbs init plans/plan-2.yaml`
    [exit status: 2]
    ");
    let folder = run(wbs(&["--lang", "zh", "init", "plans"]).current_dir(dir.path()));
    insta::assert_snapshot!(folder, @"
    ----- stderr -----
    错误：`plans` 是一个文件夹
    提示：请写出要创建的计划文件名，例如 `wbs init plans/plan.yaml`
    [exit status: 2]
    ");
}
