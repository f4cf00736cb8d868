//! The errors any command may stop with (exit 2), in Chinese and in
//! English: a path where a query or argument belongs, a query that cannot
//! be read, a plan set that cannot be read, and the environment's values.

use crate::common::{english_words, root, run, wbs, wbs_run};

/// The seed plan's text: its ids and titles are not labels.
fn plan() -> String {
    std::fs::read_to_string(root().join("plans/programme.yaml")).expect("the seed plan")
}

/// Runs `args` in English and with `--lang zh`; the Chinese has no
/// English label left (besides `allowed`), and both exit 2.
fn both(args: &[&str], allowed: &[&str]) -> (crate::common::Output, crate::common::Output) {
    let english = wbs_run(args);
    let mut zh_args = vec!["--lang", "zh"];
    zh_args.extend(args);
    let chinese = wbs_run(&zh_args);
    assert_eq!(english.code, 2, "{english}");
    assert_eq!(chinese.code, 2, "{chinese}");
    assert_eq!(
        english_words(&chinese.stderr, &plan(), allowed),
        Default::default(),
        "{chinese}"
    );
    (english, chinese)
}

#[test]
fn a_path_is_not_a_query_term() {
    let (english, chinese) = both(
        &["list", "plans/programme.yaml", "design"],
        &["plans", "programme", "list", "design", "lang", "zh"],
    );
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: `plans/programme.yaml` is a file name, not a query term
    hint: load plans with -f: wbs -f plans/programme.yaml list design
    [exit status: 2]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：`plans/programme.yaml` 是文件名，不是查询条件
    提示：用 -f 加载计划：wbs -f plans/programme.yaml --lang zh list design
    [exit status: 2]
    ");
}

#[test]
fn a_path_is_not_an_argument() {
    let (english, chinese) = both(
        &["check", "plans/programme.yaml"],
        &["plans", "programme", "check", "lang", "zh"],
    );
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: `plans/programme.yaml` is a file name, not an argument of `wbs check`
    hint: load plans with -f: wbs -f plans/programme.yaml check
    [exit status: 2]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：`plans/programme.yaml` 是文件名，不是 `wbs check` 的参数
    提示：用 -f 加载计划：wbs -f plans/programme.yaml --lang zh check
    [exit status: 2]
    ");
    // Where clap cannot read the line, `--lang` after the word and the
    // locale still choose the language.
    let late = wbs_run(&["check", "plans/programme.yaml", "--lang=zh"]);
    assert!(late.stderr.starts_with("错误："), "{late}");
    let locale = run(wbs(&["check", "plans/programme.yaml"]).env("LANG", "zh_CN.UTF-8"));
    assert!(
        locale
            .stderr
            .starts_with("错误：`plans/programme.yaml` 是文件名"),
        "{locale}"
    );
}

#[test]
fn query_errors_point_at_the_term() {
    let (english, chinese) = both(&["list", "has:x-"], &["has", "jira"]);
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: unknown `has:x-`
      has:x-
          ^^
    help: name the x- key, such as `has:x-jira`
    [exit status: 2]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：无法识别 `has:x-`
      has:x-
          ^^
    提示：请写出 x- 键的名字，例如 `has:x-jira`
    [exit status: 2]
    ");
    let (english, chinese) = both(&["list", "stauts:todo"], &["stauts"]);
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: unknown field `stauts` in query
      stauts:todo
      ^^^^^^
    help: did you mean `status`?
    [exit status: 2]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：查询中有未知字段 `stauts`
      stauts:todo
      ^^^^^^
    提示：是不是想写 `status`？
    [exit status: 2]
    ");
    let (_, chinese) = both(&["list", "owner：ana"], &["ana"]);
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：`：` 是全角冒号
      owner：ana
           ^^
    提示：请用半角冒号：owner:ana
    [exit status: 2]
    ");
}

#[test]
fn a_plan_set_that_cannot_be_read() {
    let (english, chinese) = both(
        &["-f", "plans/programe.yaml", "list"],
        &["plans", "programe", "programme"],
    );
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: cannot read `plans/programe.yaml` (from -f): No such file or directory (os error 2)
    hint: did you mean `plans/programme.yaml`?
    [exit status: 2]
    ");
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：无法读取 `plans/programe.yaml`（来自 -f）：文件或文件夹不存在
    提示：是不是想写 `plans/programme.yaml`？
    [exit status: 2]
    ");
    let empty = tempfile::tempdir().expect("temp dir");
    let chinese = run(wbs(&["--lang", "zh", "list"]).current_dir(empty.path()));
    assert_eq!(chinese.code, 2, "{chinese}");
    assert_eq!(
        english_words(&chinese.stderr, "", &["plans", "WBS", "FILE", "PATH"]),
        Default::default(),
        "{chinese}"
    );
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：无法读取计划文件夹 `plans/`：文件或文件夹不存在
    提示：请在 `plans/` 所在的目录运行 wbs，或用 -f PATH 或 WBS_FILE 指定计划
    [exit status: 2]
    ");
    let chinese = run(wbs(&["--lang", "zh", "-f", ".", "list"]).current_dir(empty.path()));
    insta::assert_snapshot!(chinese, @"
    ----- stderr -----
    错误：`.` 中没有计划文件（*.yaml、*.yml）
    提示：在那里添加一个计划，或用 -f PATH 指定计划
    [exit status: 2]
    ");
}

#[test]
fn the_environment_s_values() {
    let too_big = run(wbs(&["--lang", "zh", "list"]).env("WBS_MAX_BYTES", "100"));
    assert_eq!(too_big.code, 2, "{too_big}");
    insta::assert_snapshot!(too_big, @"
    ----- stderr -----
    错误：`plans/programme.yaml` 有 34159 字节，超过上限 100 字节
    提示：如果文件确实这么大，可以用 WBS_MAX_BYTES 提高上限
    [exit status: 2]
    ");
    let today = run(wbs(&["--lang", "zh", "list"]).env("WBS_TODAY", "someday"));
    assert_eq!(today.code, 2, "{today}");
    insta::assert_snapshot!(today, @"
    ----- stderr -----
    错误：WBS_TODAY：`someday` 不是日期，请写成 YYYY-MM-DD
    [exit status: 2]
    ");
    let english = run(wbs(&["list"]).env("WBS_TODAY", "someday"));
    insta::assert_snapshot!(english, @"
    ----- stderr -----
    error: WBS_TODAY: `someday` is not a date; write YYYY-MM-DD
    [exit status: 2]
    ");
    let limit = run(wbs(&["--lang", "zh", "list"]).env("WBS_MAX_BYTES", "lots"));
    insta::assert_snapshot!(limit, @"
    ----- stderr -----
    错误：WBS_MAX_BYTES 必须是 1 到 2147483648 之间的字节数，而不是 `lots`
    [exit status: 2]
    ");
    for output in [&too_big, &today, &limit] {
        assert_eq!(
            english_words(
                &output.stderr,
                &plan(),
                &[
                    "plans",
                    "programme",
                    "someday",
                    "lots",
                    "WBS",
                    "MAX",
                    "BYTES",
                    "TODAY",
                    "YYYY",
                    "MM",
                    "DD",
                ]
            ),
            Default::default(),
            "{output}"
        );
    }
}
