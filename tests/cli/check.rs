//! `wbs check`: summaries, formats, plan sets and exit codes.

use crate::common::{fixture, path_str, run, temp_file, wbs, wbs_run};

#[test]
fn seed_plan_is_clean() {
    insta::assert_snapshot!(wbs_run(&["check"]), @"
    checked 1 file, 141 nodes: 0 errors, 0 warnings
    [exit status: 0]
    ");
}

#[test]
fn quiet_prints_nothing_on_success() {
    insta::assert_snapshot!(wbs_run(&["check", "-q"]), @"[exit status: 0]");
}

#[test]
fn human_diagnostics() {
    insta::assert_snapshot!(wbs_run(&[
        "check",
        "-f",
        "tests/fixtures/invalid/many-errors.yaml"
    ]));
}

#[test]
fn human_diagnostics_line_up_chinese_text() {
    insta::assert_snapshot!(wbs_run(&["check", "-f", "tests/fixtures/invalid/invalid-date-feb30.yaml"]), @"
    checked 1 file, 1 node: 1 error, 0 warnings
    ----- stderr -----
    error[invalid-date]: `2026-02-30` is not a valid date for `due`
     --> tests/fixtures/invalid/invalid-date-feb30.yaml:5:24
      |
    5 |   - {title: 设计评审, due: 2026-02-30}
      |                            ^^^^^^^^^^
      |
    help: write a calendar date as YYYY-MM-DD, e.g. 2026-03-31

    [exit status: 1]
    ");
}

#[test]
fn cross_file_duplicate_ids_point_at_both_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.yaml"),
        "wbs: 1\ntitle: A\ntasks:\n  - id: shared\n    title: In A\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.yml"),
        "wbs: 1\ntitle: B\ntasks:\n  - id: shared\n    title: In B\n  - title: Later\n    after: [shared]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not a plan").expect("write");
    let output = run(wbs(&["check"]).current_dir(dir.path()).env("WBS_FILE", "."));
    insta::assert_snapshot!(output, @"
    checked 2 files, 3 nodes: 1 error, 0 warnings
    ----- stderr -----
    error[duplicate-id]: the id `shared` is already used
     --> b.yml:4:9
      |
    4 |   - id: shared
      |         ^^^^^^
      |
     ::: a.yaml:4:9
      |
    4 |   - id: shared
      |         ------ first defined here
      |
    help: ids are unique across every file loaded together: rename one of them

    [exit status: 1]
    ");
}

#[test]
fn json_diagnostics_have_the_documented_shape() {
    let output = wbs_run(&[
        "check",
        "--format",
        "json",
        "-f",
        "tests/fixtures/invalid/duplicate-id.yaml",
    ]);
    assert_eq!(output.code, 1);
    assert!(output.stderr.is_empty());
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!([{
            "severity": "error",
            "code": "duplicate-id",
            "message": "the id `design` is already used",
            "file": "tests/fixtures/invalid/duplicate-id.yaml",
            "line": 7,
            "column": 9,
            "end_line": 7,
            "end_column": 15,
            "help": "ids are unique across every file loaded together: rename one of them",
            "related": [{
                "file": "tests/fixtures/invalid/duplicate-id.yaml",
                "line": 5,
                "column": 9,
                "message": "first defined here"
            }]
        }])
    );
}

/// A syntax error says what is wrong in plain words; the parser's own words
/// are a `note`, a field only diagnostics that have one carry.
#[test]
fn json_syntax_errors_carry_the_parsers_words_as_a_note() {
    let output = wbs_run(&[
        "check",
        "--format",
        "json",
        "-f",
        "tests/fixtures/invalid/yaml-syntax-no-space-after-colon.yaml",
    ]);
    assert_eq!(output.code, 1);
    let json: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!([{
            "severity": "error",
            "code": "yaml-syntax",
            "message": "a key needs `: ` after it",
            "file": "tests/fixtures/invalid/yaml-syntax-no-space-after-colon.yaml",
            "line": 6,
            "column": 5,
            "end_line": 6,
            "end_column": 5,
            "help": "put a space after the colon: `title: Design`",
            "note": "the YAML parser says: simple key expected ':'",
            "related": []
        }])
    );
    let output = wbs_run(&[
        "check",
        "--format",
        "github",
        "-f",
        "tests/fixtures/invalid/yaml-syntax-no-space-after-colon.yaml",
    ]);
    assert_eq!(
        output.stdout,
        "::error file=tests/fixtures/invalid/yaml-syntax-no-space-after-colon.yaml,line=6,col=5,\
         title=wbs yaml-syntax::yaml-syntax: a key needs `: ` after it%0A\
         help: put a space after the colon: `title: Design`%0A\
         note: the YAML parser says: simple key expected ':'\n"
    );
}

#[test]
fn json_of_a_clean_plan_is_an_empty_array() {
    let output = wbs_run(&["check", "--format", "json"]);
    assert_eq!((output.stdout.as_str(), output.code), ("[]\n", 0));
}

#[test]
fn github_annotations_escape_their_text() {
    let (_dir, path) = temp_file(
        "p,la:n%.yaml",
        b"wbs: 1\ntitle: t\ntasks:\n  - title: a\n    status: \"50%\\ndone\"\n",
    );
    let output = wbs_run(&["check", "--format", "github", "-f", path_str(&path)]);
    assert_eq!(output.code, 1);
    let line = output.stdout.trim_end();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("p%2Cla%3An%25.yaml,line=5,col=13,endColumn=23,title=wbs invalid-status::"),
        "{line}"
    );
    assert!(
        line.contains("invalid-status: `50%25\\ndone` is not a status%0Ahelp: "),
        "{line}"
    );
    assert_eq!(output.stdout.lines().count(), 1);
}

#[test]
fn warnings_pass_unless_denied() {
    let path = "tests/fixtures/invalid/empty-parent.yaml";
    let output = wbs_run(&["check", "-f", path]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stderr.contains("warning[empty-parent]"), "{output}");
    assert!(output.stdout.contains("0 errors, 1 warning"), "{output}");
    assert_eq!(wbs_run(&["check", "--deny-warnings", "-f", path]).code, 1);
}

#[test]
fn missing_plan_folder_is_a_usage_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["check"]).current_dir(dir.path()));
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: cannot read the plan folder `plans/`: No such file or directory (os error 2)
    hint: run wbs where `plans/` is, or name a plan with -f PATH or WBS_FILE
    [exit status: 2]
    ");
}

#[test]
fn missing_file_and_empty_folder_are_failures() {
    let output = wbs_run(&["check", "-f", "no/such/plan.yaml"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .starts_with("error: cannot read `no/such/plan.yaml` (from -f): "),
        "{output}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let output = wbs_run(&["check", "-f", path_str(dir.path())]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains("no plan files (*.yaml, *.yml) in"),
        "{output}"
    );
}

#[test]
fn bad_dates_for_today_are_usage_errors() {
    let output = wbs_run(&["check", "--today", "2026-02-30"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .contains("`2026-02-30` is not a date; write YYYY-MM-DD"),
        "{output}"
    );
    let output = run(wbs(&["check"]).env("WBS_TODAY", "tomorrow"));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .contains("WBS_TODAY: `tomorrow` is not a date"),
        "{output}"
    );
}

#[test]
fn a_file_named_twice_is_loaded_once() {
    let plan = "plans/programme.yaml";
    let output = wbs_run(&[
        "check",
        "-f",
        plan,
        "-f",
        "./plans/programme.yaml",
        "-f",
        "plans",
    ]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stdout.starts_with("checked 1 file, "), "{output}");
}

#[test]
fn color_follows_the_flag() {
    let path = "tests/fixtures/invalid/duplicate-id.yaml";
    let coloured = wbs_run(&["check", "--color", "always", "-f", path]);
    assert!(coloured.stderr.contains('\u{1b}'), "{coloured}");
    let plain = wbs_run(&["check", "--color", "never", "-f", path]);
    assert!(!plain.stderr.contains('\u{1b}'), "{plain}");
    // NO_COLOR is set by the test environment and the output is not a terminal.
    assert!(!wbs_run(&["check", "-f", path]).stderr.contains('\u{1b}'));
}

#[test]
fn escape_sequences_in_plans_never_reach_the_terminal() {
    let (_dir, path) = temp_file(
        "evil.yaml",
        b"wbs: 1\ntitle: t\ntasks:\n  - title: \"\\e]0;pwned\\a\\e[2J\"\n    status: \"\\e[31mred\"\n",
    );
    let output = wbs_run(&["check", "-f", path_str(&path)]);
    assert_eq!(output.code, 1);
    assert!(
        !output.stderr.contains('\u{1b}') && !output.stderr.contains('\u{7}'),
        "{output}"
    );
    assert!(
        output.stderr.contains("`\\e[31mred` is not a status"),
        "{output}"
    );
}

#[test]
fn fixtures_exist() {
    assert!(fixture("valid").is_dir());
}

#[test]
fn other_commands_show_ten_warnings_and_count_the_rest() {
    let mut plan = String::from("wbs: 1\ntitle: T\ntasks:\n");
    for n in 0..13 {
        plan.push_str(&format!(
            "  - title: t{n}\n    status: todo\n    progress: 5\n"
        ));
    }
    let (_dir, path) = crate::common::temp_file("p.yaml", plan.as_bytes());
    let output = crate::common::wbs_run(&[
        "-f",
        crate::common::path_str(&path),
        "list",
        "--format",
        "csv",
    ]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        output.stderr.matches("warning[progress-on-todo]").count(),
        10,
        "{output}"
    );
    assert!(
        output
            .stderr
            .ends_with("… and 3 more warnings: `wbs check` lists them all\n"),
        "{output}"
    );
    let output = crate::common::wbs_run(&["-f", crate::common::path_str(&path), "check"]);
    assert_eq!(
        output.stderr.matches("warning[progress-on-todo]").count()
            + output.stdout.matches("warning[progress-on-todo]").count(),
        13,
        "{output}"
    );
}

/// `wbs check plans/x.yaml` got clap's bare "unexpected argument".
#[test]
fn a_plan_path_as_an_argument_points_to_f() {
    insta::assert_snapshot!(wbs_run(&["check", "--format", "json", "plans/x.yaml"]), @"
    ----- stderr -----
    error: `plans/x.yaml` is a file name, not an argument of `wbs check`
    hint: load plans with -f: wbs -f plans/x.yaml check --format json
    [exit status: 2]
    ");
    // Anything else is clap's to report.
    let output = wbs_run(&["check", "extra"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .starts_with("error: unexpected argument 'extra' found"),
        "{output}"
    );
}

#[test]
fn a_missing_plan_file_with_a_near_name() {
    insta::assert_snapshot!(wbs_run(&["check", "-f", "plans/programe.yaml"]), @"
    ----- stderr -----
    error: cannot read `plans/programe.yaml` (from -f): No such file or directory (os error 2)
    hint: did you mean `plans/programme.yaml`?
    [exit status: 2]
    ");
}
