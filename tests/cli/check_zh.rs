//! `wbs check` in Chinese (SPEC §3.6): every diagnostic's message, labels
//! and help, the summary; the codes, JSON and GitHub annotations as in
//! English; and which language the locale variables choose.

use std::path::{Path, PathBuf};

use crate::common::{english_words, fixture, path_str, root, run, temp_file, wbs, wbs_run};

/// Every invalid fixture, sorted.
fn invalid_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("invalid"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn relative(path: &Path) -> &Path {
    path.strip_prefix(root()).unwrap_or(path)
}

/// What a Chinese reader reads for each invalid fixture: between them they
/// hit every code and every YAML syntax message the fixtures reach.
#[test]
fn invalid_fixtures_read_well_in_chinese() {
    insta::glob!("../fixtures", "invalid/*.yaml", |path| {
        let path = path_str(relative(path));
        insta::assert_snapshot!(wbs_run(&["--lang", "zh", "check", "-f", path]));
    });
}

#[test]
fn seed_plan_in_both_languages() {
    insta::assert_snapshot!(wbs_run(&["--lang", "zh", "check"]), @"
    已检查 1 个文件、141 个节点：0 个错误，0 个警告
    [exit status: 0]
    ");
    insta::assert_snapshot!(wbs_run(&["--lang", "en", "check"]), @"
    checked 1 file, 141 nodes: 0 errors, 0 warnings
    [exit status: 0]
    ");
}

/// The lines of a YAML syntax error's note: the parser's own words, which
/// stay as it wrote them (README).
const PARSER_SAYS: &str = "YAML 解析器的原话：";

/// Words a Chinese diagnostic writes as they are, besides the common
/// ones: field names of a person and of the plan's top level, the date
/// pattern `YYYY-MM-DD`, the acronym WBS (a WBS code), and `U+FEFF`, the
/// way a character is named.
const ALSO_UNTRANSLATED: &[&str] = &[
    "description",
    "email",
    "team",
    "YYYY",
    "MM",
    "DD",
    "WBS",
    "U",
    "FEFF",
];

/// No English word of wbs's own survives in the Chinese output of any
/// invalid fixture: only plan text (the file and its path), codes, field
/// names, text in backticks and the YAML parser's note.
#[test]
fn no_english_label_survives_in_chinese() {
    let mut found = Vec::new();
    for path in invalid_fixtures() {
        let path = relative(&path);
        let output = wbs_run(&["--lang", "zh", "check", "-f", path_str(path)]);
        assert!(output.stdout.starts_with("已检查 "), "{output}");
        let text =
            String::from_utf8_lossy(&std::fs::read(root().join(path)).expect("read")).into_owned();
        let plan = format!("{text}\n{}", path.display());
        let said: String = format!("{}{}", output.stdout, output.stderr)
            .lines()
            .filter(|line| !line.contains(PARSER_SAYS))
            .map(|line| format!("{line}\n"))
            .collect();
        let words = english_words(&said, &plan, ALSO_UNTRANSLATED);
        if !words.is_empty() {
            found.push(format!("{}: {words:?}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "English in Chinese output:\n{}",
        found.join("\n")
    );
}

/// The test above catches an English message: the same output in English
/// is full of words it reports.
#[test]
fn english_words_catches_english_output() {
    let path = "tests/fixtures/invalid/many-errors.yaml";
    let output = wbs_run(&["--lang", "en", "check", "-f", path]);
    let plan = std::fs::read_to_string(root().join(path)).expect("read");
    let said = format!("{}{}", output.stdout, output.stderr);
    let words = english_words(&said, &format!("{plan}\n{path}"), &[]);
    for word in ["checked", "warnings", "help", "already", "used"] {
        assert!(words.contains(word), "{word} not caught: {words:?}");
    }
}

/// Plans that between them hold most kinds of diagnostic: fields and
/// rules, YAML syntax with the parser's note, labels, a merge conflict,
/// and more than ten errors (GitHub's cap).
fn varied_plans() -> Vec<&'static str> {
    vec![
        "tests/fixtures/invalid/many-errors.yaml",
        "tests/fixtures/invalid/yaml-syntax-flow-continued-less.yaml",
        "tests/fixtures/invalid/merge-conflict-two-conflicts.yaml",
        "tests/fixtures/invalid/child-due-after-parent.yaml",
        "tests/fixtures/invalid/unsupported-yaml.yaml",
        "tests/fixtures/invalid/duplicate-key.yaml",
    ]
}

/// JSON and GitHub annotations are machine formats: byte for byte the
/// same whatever the language, by flag or by locale.
#[test]
fn machine_formats_never_change_with_the_language() {
    for plan in varied_plans() {
        for format in ["json", "github"] {
            let args = ["check", "--format", format, "-f", plan];
            let english = wbs_run(&args);
            assert!(english.stdout.len() > 100, "{plan} {format}: {english}");
            let mut flag = vec!["--lang", "zh"];
            flag.extend(args);
            let by_flag = wbs_run(&flag);
            let by_locale = run(wbs(&args).env("LANG", "zh_CN.UTF-8"));
            let by_language = run(wbs(&args).env("LANGUAGE", "zh_CN:zh"));
            for (how, output) in [
                ("--lang zh", &by_flag),
                ("LANG", &by_locale),
                ("LANGUAGE", &by_language),
            ] {
                assert_eq!(output.stdout, english.stdout, "{plan} {format} {how}");
                assert_eq!(output.code, english.code, "{plan} {format} {how}");
            }
        }
    }
    // Past GitHub's ten of a kind, the line saying so stays English too.
    let many = "tests/fixtures/invalid/many-errors.yaml";
    let output = run(wbs(&["check", "--format", "github", "-f", many]).env("LANG", "zh_CN.UTF-8"));
    assert!(
        output.stdout.contains("not shown as annotations"),
        "{output}"
    );
    // The summary, for people in the job log, is in their language.
    assert!(output.stderr.starts_with("已检查 1 个文件"), "{output}");
}

#[test]
fn json_errors_keep_english_text_and_codes() {
    let output = wbs_run(&[
        "--lang",
        "zh",
        "check",
        "--format",
        "json",
        "-f",
        "tests/fixtures/invalid/duplicate-id.yaml",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(rows[0]["code"], "duplicate-id");
    assert_eq!(rows[0]["severity"], "error");
    assert_eq!(rows[0]["message"], "the id `design` is already used");
    assert_eq!(rows[0]["related"][0]["message"], "first defined here");
}

/// A plan with one error, to see which language a locale chooses.
fn one_error() -> (tempfile::TempDir, PathBuf) {
    temp_file(
        "p.yaml",
        b"wbs: 1\ntitle: T\ntasks:\n  - {title: A, due: 2026-02-30}\n",
    )
}

/// `check`'s human output with `vars` set (the environment is otherwise
/// empty), in the language it chose.
fn language_of(path: &Path, flag: Option<&str>, vars: &[(&str, &str)]) -> &'static str {
    let mut args = Vec::new();
    if let Some(lang) = flag {
        args.extend(["--lang", lang]);
    }
    args.extend(["check", "-f", path_str(path)]);
    let mut command = wbs(&args);
    command.envs(vars.iter().copied());
    let output = run(&mut command);
    assert_eq!(output.code, 1, "{output}");
    let chinese = output.stderr.contains("不是有效的 `due` 日期")
        && output.stderr.contains("提示: ")
        && output
            .stdout
            .starts_with("已检查 1 个文件、1 个节点：1 个错误，0 个警告");
    let english = output.stderr.contains("is not a valid date for `due`")
        && output.stderr.contains("help: ")
        && output
            .stdout
            .starts_with("checked 1 file, 1 node: 1 error, 0 warnings");
    assert!(
        output.stderr.contains("error[invalid-date]"),
        "the code stays: {output}"
    );
    match (chinese, english) {
        (true, false) => "zh",
        (false, true) => "en",
        _ => panic!("neither language, or both: {output}"),
    }
}

#[test]
fn the_locale_chooses_the_language() {
    let (_dir, path) = one_error();
    let lang = |flag, vars: &[(&str, &str)]| language_of(&path, flag, vars);
    // Nothing set: English.
    assert_eq!(lang(None, &[]), "en");
    for name in ["zh_CN.UTF-8", "zh_TW.Big5", "zh-Hans", "zh"] {
        assert_eq!(lang(None, &[("LANG", name)]), "zh", "LANG={name}");
    }
    assert_eq!(lang(None, &[("LANG", "en_US.UTF-8")]), "en");
    // LC_ALL over LANG, both ways; LC_MESSAGES between them.
    assert_eq!(
        lang(None, &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]),
        "zh"
    );
    assert_eq!(
        lang(None, &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]),
        "en"
    );
    assert_eq!(
        lang(None, &[("LC_MESSAGES", "zh_CN"), ("LANG", "en_US")]),
        "zh"
    );
    assert_eq!(
        lang(None, &[("LC_ALL", "en_US"), ("LC_MESSAGES", "zh_CN")]),
        "en"
    );
    // LC_ALL=C: English, whatever else says Chinese.
    assert_eq!(
        lang(None, &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]),
        "en"
    );
    assert_eq!(
        lang(None, &[("LC_ALL", "C.UTF-8"), ("LC_MESSAGES", "zh")]),
        "en"
    );
    // LANGUAGE first, even over LC_ALL; a list of preferences.
    assert_eq!(
        lang(None, &[("LANGUAGE", "zh_CN"), ("LC_ALL", "en_US.UTF-8")]),
        "zh"
    );
    assert_eq!(
        lang(None, &[("LANGUAGE", "en"), ("LC_ALL", "zh_CN.UTF-8")]),
        "en"
    );
    assert_eq!(
        lang(None, &[("LANGUAGE", "fr:zh_CN:en"), ("LANG", "en_US")]),
        "zh"
    );
    // Empty or no-language values are passed over.
    assert_eq!(
        lang(
            None,
            &[("LANGUAGE", ""), ("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]
        ),
        "zh"
    );
    assert_eq!(
        lang(None, &[("LC_ALL", "UTF-8"), ("LANG", "zh_CN.UTF-8")]),
        "zh"
    );
    // --lang over all.
    let all_chinese = [
        ("LANGUAGE", "zh"),
        ("LC_ALL", "zh_CN.UTF-8"),
        ("LC_MESSAGES", "zh_CN.UTF-8"),
        ("LANG", "zh_CN.UTF-8"),
    ];
    assert_eq!(lang(Some("en"), &all_chinese), "en");
    let all_english = [("LANGUAGE", "en"), ("LC_ALL", "C"), ("LANG", "en_US.UTF-8")];
    assert_eq!(lang(Some("zh"), &all_english), "zh");
}

/// Other commands print a plan's errors and first warnings before their
/// output (`context::report_errors`): in the reader's language too.
#[test]
fn other_commands_report_plan_problems_in_chinese() {
    let mut plan = String::from("wbs: 1\ntitle: T\ntasks:\n");
    for n in 0..12 {
        plan.push_str(&format!(
            "  - title: t{n}\n    status: todo\n    progress: 5\n"
        ));
    }
    let (_dir, path) = temp_file("p.yaml", plan.as_bytes());
    let args = [
        "--lang",
        "zh",
        "-f",
        path_str(&path),
        "list",
        "--format",
        "csv",
    ];
    let output = wbs_run(&args);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stderr.matches("这个任务是待办，却已完成 5%").count(),
        10
    );
    assert!(
        output
            .stderr
            .ends_with("……另有 2 个警告未显示：`wbs check` 会列出全部\n"),
        "{output}"
    );
    let (_dir, path) = one_error();
    let output = wbs_run(&["--lang", "zh", "-f", path_str(&path), "list"]);
    assert_eq!(output.code, 1, "{output}");
    assert!(
        output
            .stderr
            .starts_with("error[invalid-date]: `2026-02-30` 不是有效的 `due` 日期\n"),
        "{output}"
    );
}
