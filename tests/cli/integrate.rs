//! Fitting into the ecosystem: shell completions, the man page, `--version`,
//! GitHub annotations on their own, and the pre-commit hook and CI templates.

use std::io::Write;
use std::process::{Command, Stdio};

use clap::Parser;
use wbs::source::yaml::{Kind, Tree};

use crate::common::{path_str, root, run, temp_file, wbs, wbs_run};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

const MANY_ERRORS: &str = "tests/fixtures/invalid/many-errors.yaml";

/// Runs `program ARGS` with `input` on stdin; `None` when the program is
/// not installed, so that optional checks skip instead of failing.
fn external(program: &str, args: &[&str], input: &[u8]) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("write stdin");
    Some(child.wait_with_output().expect("wait"))
}

#[test]
fn completions_for_every_shell() {
    for shell in SHELLS {
        let output = wbs_run(&["completions", shell]);
        assert_eq!(output.code, 0, "{shell}: {output}");
        assert!(output.stderr.is_empty(), "{shell}: {output}");
        // fish writes options without their dashes (`-l deny-warnings`).
        for word in ["wbs", "report", "check", "deny-warnings", "fail-on"] {
            assert!(output.stdout.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn completion_scripts_are_valid_shell() {
    // Shells that are not installed are skipped; bash is on every CI image.
    let checks: [(&str, &[&str]); 3] = [
        ("bash", &["-n"]),
        ("zsh", &["-n"]),
        ("fish", &["--no-execute"]),
    ];
    for (shell, args) in checks {
        let script = wbs_run(&["completions", shell]).stdout;
        let Some(output) = external(shell, args, script.as_bytes()) else {
            eprintln!("{shell} is not installed; skipped");
            continue;
        };
        assert!(
            output.status.success(),
            "{shell} rejects its script: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn bash_completion_registers_and_completes_commands() {
    let (_dir, path) = temp_file(
        "wbs.bash",
        wbs_run(&["completions", "bash"]).stdout.as_bytes(),
    );
    // Load the script, then ask it what follows `wbs rep`, as bash would.
    let script = r#"source "$1" || exit 3
complete -p wbs
COMP_WORDS=(wbs rep); COMP_CWORD=1; COMP_LINE="wbs rep"; COMP_POINT=7
_wbs wbs rep wbs
printf '%s\n' "${COMPREPLY[@]}""#;
    let Some(output) = external("bash", &["-c", script, "bash", path_str(&path)], b"") else {
        eprintln!("bash is not installed; skipped");
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(" -F _wbs wbs"), "{stdout}");
    assert!(stdout.lines().any(|line| line == "report"), "{stdout}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = wbs_run(&["completions", "tcsh"]);
    assert_eq!(output.code, 2, "{output}");
    assert!(output.stderr.contains("possible values: bash"), "{output}");
}

#[test]
fn man_page_renders() {
    let output = wbs_run(&["man"]);
    assert_eq!(output.code, 0, "{output}");
    assert!(output.stderr.is_empty(), "{output}");
    let page = &output.stdout;
    assert!(page.starts_with(".TH WBS 1 "), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for section in [".SH ENVIRONMENT", ".SH \"EXIT STATUS\""] {
        assert!(page.contains(section), "no {section}");
    }
    for command in ["check", "list", "report", "diff", "completions", "man"] {
        assert!(
            page.contains(&format!(".SS \"wbs {command}\"\n")),
            "no section for {command}"
        );
    }
    // Each command's options are there, the global ones only once, above.
    let check = page
        .split(".SS \"wbs check\"")
        .nth(1)
        .and_then(|rest| rest.split(".SS").next())
        .expect("a check section");
    assert!(check.contains("\\-\\-deny\\-warnings"), "{check}");
    assert!(check.contains("GITHUB_ACTIONS=true"), "{check}");
    assert!(!check.contains("\\-\\-today"), "{check}");
    assert!(page.contains("\\-\\-fail\\-on"));
    // One preamble; every character ASCII (others are roff escapes).
    assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
    assert!(page.is_ascii());
}

/// `.TH` takes title, section, date, source and manual, in that order
/// (groff_man(7)); the date is this version's release date as the
/// changelog gives it.
#[test]
fn man_page_title_line_has_each_field_in_its_slot() {
    let page = wbs_run(&["man"]).stdout;
    let title = page.lines().next().expect("a first line");
    let version = env!("CARGO_PKG_VERSION");
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).expect("changelog");
    let heading = format!("## [{version}] - ");
    let date = changelog
        .lines()
        .find_map(|line| line.strip_prefix(&heading))
        .expect("the changelog dates this version");
    assert_eq!(
        title,
        format!(".TH WBS 1 {date} \"wbs {version}\" \"User Commands\"")
    );
    // As man(1) lays it out: the manual in the header, source and date in
    // the footer.
    let Some(output) = external("groff", &["-man", "-Tutf8", "-P-cbou"], page.as_bytes()) else {
        eprintln!("groff is not installed; skipped");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(lines[0]), "WBS(1) User Commands WBS(1)");
    assert_eq!(
        words(lines[lines.len() - 1]),
        format!("wbs {version} {date} WBS(1)")
    );
}

#[test]
fn man_page_passes_groff_without_warnings() {
    let page = wbs_run(&["man"]).stdout;
    let Some(output) = external("groff", &["-man", "-Tutf8", "-ww", "-z"], page.as_bytes()) else {
        eprintln!("groff is not installed; skipped");
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.is_empty(), "{stderr}");
}

#[test]
fn version_is_printed() {
    insta::assert_snapshot!(wbs_run(&["--version"]), @"
    wbs 0.1.0
    [exit status: 0]
    ");
    assert_eq!(wbs_run(&["-V"]).stdout, "wbs 0.1.0\n");
}

/// Counts of stdout lines that are error and warning annotations.
fn annotations(stdout: &str) -> (usize, usize) {
    let count = |kind: &str| stdout.lines().filter(|l| l.starts_with(kind)).count();
    (count("::error "), count("::warning "))
}

#[test]
fn github_actions_gets_annotations_on_its_own() {
    let output = run(wbs(&["check", "-f", MANY_ERRORS]).env("GITHUB_ACTIONS", "true"));
    assert_eq!(output.code, 1, "{output}");
    // The fixture has 20 errors and 3 warnings; GitHub shows 10 of each kind.
    assert_eq!(annotations(&output.stdout), (10, 3), "{output}");
    let last = output.stdout.lines().last().expect("output");
    assert_eq!(
        last,
        "wbs: 10 more errors not shown as annotations (GitHub shows 10 of each kind per step); \
         run `wbs check --format human` to see all of them"
    );
    assert_eq!(
        output.stderr,
        "checked 1 file, 15 nodes: 20 errors, 3 warnings\n"
    );
    insta::assert_snapshot!(output);
}

#[test]
fn github_format_is_the_same_when_asked_for() {
    let auto = run(wbs(&["check", "-f", MANY_ERRORS]).env("GITHUB_ACTIONS", "true"));
    let asked = wbs_run(&["check", "--format", "github", "-f", MANY_ERRORS]);
    assert_eq!(auto.to_string(), asked.to_string());
}

#[test]
fn an_explicit_format_wins_over_github_actions() {
    let human =
        run(wbs(&["check", "--format", "human", "-f", MANY_ERRORS]).env("GITHUB_ACTIONS", "true"));
    assert_eq!(human.code, 1);
    assert_eq!(annotations(&human.stdout), (0, 0), "{human}");
    assert!(human.stderr.contains("error[unknown-field]"), "{human}");
    assert_eq!(
        human.stdout,
        "checked 1 file, 15 nodes: 20 errors, 3 warnings\n"
    );
    let json =
        run(wbs(&["check", "--format", "json", "-f", MANY_ERRORS]).env("GITHUB_ACTIONS", "true"));
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(23));
}

#[test]
fn human_format_stays_the_default_outside_github_actions() {
    for value in [None, Some("false"), Some("")] {
        let mut command = wbs(&["check", "-f", MANY_ERRORS]);
        if let Some(value) = value {
            command.env("GITHUB_ACTIONS", value);
        }
        let output = run(&mut command);
        assert_eq!(annotations(&output.stdout), (0, 0), "{value:?}: {output}");
        assert!(output.stderr.contains("error[unknown-field]"), "{output}");
    }
}

/// A plan with `errors` invalid statuses and `warnings` progress-on-todo
/// warnings, one leaf each.
fn plan_with(errors: usize, warnings: usize) -> String {
    let mut plan = String::from("wbs: 1\ntitle: t\ntasks:\n");
    for i in 0..errors {
        plan.push_str(&format!("  - {{title: e{i}, status: bogus}}\n"));
    }
    for i in 0..warnings {
        plan.push_str(&format!("  - {{title: w{i}, status: todo, progress: 5}}\n"));
    }
    plan
}

fn github_check(errors: usize, warnings: usize, extra: &[&str]) -> crate::common::Output {
    let (_dir, path) = temp_file("plan.yaml", plan_with(errors, warnings).as_bytes());
    let mut args = vec!["check", "-f", path_str(&path)];
    args.extend_from_slice(extra);
    run(wbs(&args).env("GITHUB_ACTIONS", "true"))
}

#[test]
fn annotation_limits_count_each_kind_apart() {
    let output = github_check(11, 12, &[]);
    assert_eq!(output.code, 1, "{output}");
    assert_eq!(annotations(&output.stdout), (10, 10), "{output}");
    assert!(
        output
            .stdout
            .ends_with("\nwbs: 1 more error and 2 more warnings not shown as annotations (GitHub shows 10 of each kind per step); run `wbs check --format human` to see all of them\n"),
        "{output}"
    );

    let output = github_check(0, 13, &[]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(annotations(&output.stdout), (0, 10), "{output}");
    assert!(
        output.stdout.contains("\nwbs: 3 more warnings not shown"),
        "{output}"
    );

    // Exactly at the limit, every finding is an annotation: no note.
    let output = github_check(10, 10, &[]);
    assert_eq!(annotations(&output.stdout), (10, 10), "{output}");
    assert!(!output.stdout.contains("more"), "{output}");
    assert_eq!(output.stdout.lines().count(), 20, "{output}");
}

#[test]
fn quiet_drops_the_summary_but_not_the_note() {
    let output = github_check(12, 0, &["-q"]);
    assert!(output.stderr.is_empty(), "{output}");
    assert!(
        output.stdout.contains("\nwbs: 2 more errors not shown"),
        "{output}"
    );
}

/// Parses a YAML file of the repository with the crate's own parser.
fn yaml(path: &str) -> (String, Tree) {
    let text = std::fs::read_to_string(root().join(path)).expect("read");
    let mut diagnostics = Vec::new();
    let tree = wbs::source::yaml::parse(&text, 0, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{path}: {diagnostics:?}");
    (text, tree.unwrap_or_else(|| panic!("{path} is not YAML")))
}

/// Every `wbs …` command line in a template (a `run:` step, a script list
/// entry, a hook's `entry:`, a line of a block script), as words up to any
/// redirection or `||`, with their quotes taken off.
fn wbs_command_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let line = line.strip_prefix("- ").unwrap_or(line);
            let line = ["run: ", "entry: "]
                .iter()
                .find_map(|key| line.strip_prefix(key))
                .unwrap_or(line);
            line.starts_with("wbs ").then_some(line)
        })
        .map(|line| {
            line.split_whitespace()
                .take_while(|w| !w.starts_with('>') && !w.starts_with('|'))
                .map(|w| w.trim_matches('"').to_owned())
                .collect()
        })
        .collect()
}

/// Asserts each `wbs` command of a template is one the CLI accepts, so the
/// templates cannot drift from the flags.
fn assert_commands_parse(path: &str, text: &str, at_least: usize) {
    let commands = wbs_command_lines(text);
    assert!(commands.len() >= at_least, "{path}: {commands:?}");
    for words in commands {
        if let Err(error) = wbs::cli::Cli::try_parse_from(&words) {
            panic!("{path}: `{}` does not parse: {error}", words.join(" "));
        }
    }
}

#[test]
fn pre_commit_hook_is_declared() {
    let path = ".pre-commit-hooks.yaml";
    let (text, tree) = yaml(path);
    let root = tree.root().expect("a document");
    assert_eq!(tree.kind(root), Kind::Sequence);
    let hook = tree.children(root).next().expect("a hook");
    let field = |key: &str| {
        let (_, value) = tree
            .get(&text, hook, key)
            .unwrap_or_else(|| panic!("no {key}"));
        tree.text(&text, value).to_owned()
    };
    assert_eq!(field("id"), "wbs-check");
    assert_eq!(field("entry"), "wbs check");
    assert!(["rust", "system"].contains(&field("language").as_str()));
    assert_eq!(field("pass_filenames"), "false");
    assert_eq!(field("files"), "\\.ya?ml$");
    assert!(!field("name").is_empty());
    assert!(
        text.contains(".pre-commit-config.yaml"),
        "says how to use it"
    );
    assert_commands_parse(path, &text, 1);
}

#[test]
fn github_actions_template_does_each_job() {
    let path = "docs/ci/github-actions.yml";
    let (text, tree) = yaml(path);
    let root = tree.root().expect("a document");
    for key in ["name", "on", "jobs"] {
        assert!(tree.get(&text, root, key).is_some(), "no {key}");
    }
    for needle in [
        "wbs check --format github",
        "wbs report --format markdown --gantt >> \"$GITHUB_STEP_SUMMARY\"",
        "wbs diff \"origin/$BASE_REF\" --format markdown",
        "BASE_REF: ${{ github.base_ref }}",
        "fetch-depth: 0",
        "gh pr comment \"$PR_NUMBER\" --body-file plan-diff.md",
        "GH_TOKEN: ${{ github.token }}",
        "pull-requests: write",
        "wbs report --fail-on overdue,blocked --min-progress",
        "cargo install --locked --git",
        "<your wbs repository>",
    ] {
        assert!(text.contains(needle), "{path} lacks {needle}");
    }
    assert_commands_parse(path, &text, 4);
}

#[test]
fn gitlab_ci_template_does_each_job() {
    let path = "docs/ci/gitlab-ci.yml";
    let (text, tree) = yaml(path);
    let root = tree.root().expect("a document");
    for key in ["plans", "plan-diff"] {
        let (_, job) = tree
            .get(&text, root, key)
            .unwrap_or_else(|| panic!("no {key}"));
        assert!(
            tree.get(&text, job, "script").is_some(),
            "{key} has no script"
        );
    }
    for needle in [
        "wbs check",
        "wbs report --format markdown --gantt > report.md",
        "cat report.md",
        "- report.md",
        "wbs diff \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\" --format markdown",
        "merge_request_event",
        "wbs report --fail-on overdue,blocked --min-progress",
        "cargo install --locked --git",
        "<your wbs repository>",
    ] {
        assert!(text.contains(needle), "{path} lacks {needle}");
    }
    assert_commands_parse(path, &text, 4);
}
