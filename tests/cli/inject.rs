//! Injection (SPEC §4): a plan whose every text field tries to act on what
//! reads wbs's output — terminals, spreadsheets, markdown renderers,
//! GitHub Actions runners, Mermaid — run through every output, each
//! checked for the promises that output keeps.
//!
//! The matrix below is one line per output: a test name, the exit status,
//! the arguments and the checks of its stdout. Every run's stderr is
//! checked too: it reaches terminals and CI logs whatever the format.

mod invariants;
mod json;
mod mermaid;
mod plan;

use std::path::Path;
use std::sync::OnceLock;

use invariants::Check::{self, *};
use invariants::{Plans, Texts};
use plan::Plan;

use crate::common::wbs;

/// A file name that tries to act where wbs prints paths: a comma and
/// colons for annotation properties, a line break before a workflow
/// command, and an escape sequence. A pull request can add such a file to
/// `plans/`, and wbs loads every `*.yaml` there.
const EVIL_NAME: &str = "x,line=1::y%0A\n::error::file \x1b[31m.yaml";

/// Values given on the command line, which edits write into the plan and
/// then print.
const ARG_TITLE: &str = "\x1b[31m::error::arg\n=1 | <b>b</b> ##[warning]w";
const ARG_OWNER: &str = "=cmd|' /C calc'!A0\r\n::add-mask::x";

/// Every column `list` can show.
const ALL: &str =
    "code,id,title,owner,status,progress,start,due,effort,level,tags,after,file,line,notes";

struct Fixture {
    old: Plan,
    new: Plan,
    diagnostics: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| Fixture {
        old: plan::hostile(false),
        new: plan::hostile(true),
        diagnostics: plan::diagnostics(),
    })
}

/// A folder with the plans: `p.yaml` (hostile, valid), `q.yaml` (its
/// next version, for diffs), `d.yaml` (hostile, with diagnostics), and
/// `evil/` and `evilp/` holding d's and p's text under [`EVIL_NAME`].
fn folder() -> tempfile::TempDir {
    let fixture = fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &Path, text: &str| std::fs::write(path, text).expect("write");
    write(&dir.path().join("p.yaml"), &fixture.old.yaml);
    write(&dir.path().join("q.yaml"), &fixture.new.yaml);
    write(&dir.path().join("d.yaml"), &fixture.diagnostics);
    for (sub, text) in [("evil", &fixture.diagnostics), ("evilp", &fixture.old.yaml)] {
        std::fs::create_dir(dir.path().join(sub)).expect("mkdir");
        write(&dir.path().join(sub).join(EVIL_NAME), text);
    }
    dir
}

/// Runs `wbs ARGS` in a fresh [`folder`] and asserts the exit status, the
/// checks on stdout, and on stderr that it holds no raw control, no
/// line broken by plan text and no workflow command.
fn case(args: &[&str], exit: i32, checks: &[Check]) {
    case_with(args, &[], exit, checks);
}

/// [`case`] with these environment variables set.
fn case_with(args: &[&str], env: &[(&str, &str)], exit: i32, checks: &[Check]) {
    let fixture = fixture();
    let plans = Plans {
        old: &fixture.old,
        new: &fixture.new,
    };
    let dir = folder();
    let mut command = wbs(args);
    command.current_dir(dir.path());
    let colour = args.contains(&"always");
    if colour {
        command.env_remove("NO_COLOR");
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("wbs runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    let shown = || {
        let cut = |s: &str| s.chars().take(4000).collect::<String>();
        format!(
            "wbs {args:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            cut(&stdout),
            cut(&stderr)
        )
    };
    assert!(!stderr.contains("panicked"), "{}", shown());
    assert_eq!(output.status.code(), Some(exit), "{}", shown());
    let mut failures = Vec::new();
    for check in [if colour { ControlsSgr } else { Controls }, Lines, Workflow] {
        if let Err(why) = check.holds(&stderr, &plans) {
            failures.push(format!("stderr {check:?}: {why}"));
        }
    }
    for &check in checks {
        if let Err(why) = check.holds(&stdout, &plans) {
            failures.push(format!("stdout {check:?}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        failures.join("\n"),
        shown()
    );
}

/// One test per line: `name: EXIT, [ARGS…] => [CHECKS…];`, with any
/// attributes before the name.
macro_rules! matrix {
    ($($(#[$attr:meta])* $name:ident: $exit:literal, [$($arg:expr),* $(,)?] => [$($check:expr),* $(,)?];)*) => {
        $(
            #[test]
            $(#[$attr])*
            fn $name() {
                case(&[$($arg),*], $exit, &[$($check),*]);
            }
        )*
    };
}

matrix! {
    // list
    list_table: 0, ["-f", "p.yaml", "list"] => [Controls, Lines, Workflow];
    list_table_every_column: 0, ["-f", "p.yaml", "list", "--columns", ALL] => [Controls, Lines, Workflow];
    list_table_colour: 0, ["-f", "p.yaml", "--color", "always", "list", "--columns", ALL] => [ControlsSgr, Lines, Workflow];
    list_table_title_first: 0, ["-f", "p.yaml", "list", "--columns", "title,owner,notes"] => [Controls, Lines];
    list_table_title_first_workflow: 0, ["-f", "p.yaml", "list", "--columns", "title,owner,notes"] => [Workflow];
    list_json: 0, ["-f", "p.yaml", "list", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    list_json_controls: 0, ["-f", "p.yaml", "list", "--format", "json"] => [Controls];
    // A sheet written to a pipe or a file carries the plan's text exactly
    // (SPEC §4), control characters and line breaks inside its quoted
    // cells included, so that `wbs apply` reads it back; on a terminal its
    // cells are escaped as every output is (`sheet_cell` in list.rs).
    list_csv: 0, ["-f", "p.yaml", "list", "--format", "csv", "--columns", ALL] => [Spreadsheet(b',')];
    list_tsv: 0, ["-f", "p.yaml", "list", "--format", "tsv", "--columns", ALL] => [Spreadsheet(b'\t')];
    list_markdown: 0, ["-f", "p.yaml", "list", "--format", "markdown", "--columns", ALL] => [Markdown, Controls, Lines, Workflow];

    // tree
    tree: 0, ["-f", "p.yaml", "tree"] => [Controls, Lines, Workflow];
    tree_colour: 0, ["-f", "p.yaml", "--color", "always", "tree"] => [ControlsSgr, Lines, Workflow];

    // show: a parent (its children's progress table) and leaves whose
    // notes hold a line break (3.3) and a CR (1.4), and the first leaf,
    // which others wait on.
    show_parent: 0, ["-f", "p.yaml", "show", "1"] => [Controls, Lines, Workflow];
    show_waited_on: 0, ["-f", "p.yaml", "show", "1.1"] => [Controls, Lines, Workflow];
    show_notes_with_cr: 0, ["-f", "p.yaml", "show", "1.4"] => [Controls, Lines, Workflow];
    show_notes_with_newline: 0, ["-f", "p.yaml", "show", "3.3"] => [Controls];
    show_notes_with_newline_lines: 0, ["-f", "p.yaml", "show", "3.3"] => [Lines, Workflow];
    show_json: 0, ["-f", "p.yaml", "show", "1", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    show_json_leaf: 0, ["-f", "p.yaml", "show", "3.3", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    show_json_controls: 0, ["-f", "p.yaml", "show", "1", "--format", "json"] => [Controls];

    // report
    report: 0, ["-f", "p.yaml", "report", "--depth", "2"] => [Controls, Lines, Workflow];
    report_colour: 0, ["-f", "p.yaml", "--color", "always", "report", "--depth", "2"] => [ControlsSgr, Lines, Workflow];
    report_markdown: 0, ["-f", "p.yaml", "report", "--depth", "2", "--format", "markdown", "--gantt"] => [Markdown, Mermaid(None), Controls, Lines, Workflow];
    report_json: 0, ["-f", "p.yaml", "report", "--depth", "2", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    report_json_controls: 0, ["-f", "p.yaml", "report", "--format", "json"] => [Controls];

    // diff: p.yaml against its next version q.yaml
    diff: 0, ["diff", "p.yaml", "q.yaml"] => [Controls, Lines, Workflow];
    diff_colour: 0, ["--color", "always", "diff", "p.yaml", "q.yaml"] => [ControlsSgr, Lines, Workflow];
    diff_markdown: 0, ["diff", "p.yaml", "q.yaml", "--format", "markdown"] => [Markdown, Controls, Lines, Workflow];
    diff_json: 0, ["diff", "p.yaml", "q.yaml", "--format", "json"] => [Json(Texts::Diff), Lines, Workflow];
    diff_json_controls: 0, ["diff", "p.yaml", "q.yaml", "--format", "json"] => [Controls];

    // export
    export_json: 0, ["-f", "p.yaml", "export", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    export_json_controls: 0, ["-f", "p.yaml", "export", "--format", "json"] => [Controls];
    export_csv: 0, ["-f", "p.yaml", "export", "--format", "csv"] => [Spreadsheet(b',')];
    export_markdown: 0, ["-f", "p.yaml", "export", "--format", "markdown"] => [Markdown, Controls, Lines, Workflow];
    export_mermaid: 0, ["-f", "p.yaml", "export", "--format", "mermaid"] => [Mermaid(Some(fixture().old.dated_leaves)), Controls, Lines, Workflow];

    // check: the clean plan, and d.yaml with diagnostics on hostile lines
    check_clean: 0, ["-f", "p.yaml", "check"] => [Controls, Lines, Workflow];
    check_clean_github: 0, ["-f", "p.yaml", "check", "--format", "github"] => [Github(0)];
    check: 1, ["-f", "d.yaml", "check"] => [Controls, Lines, Workflow];
    check_colour: 1, ["-f", "d.yaml", "--color", "always", "check"] => [ControlsSgr, Lines, Workflow];
    check_json: 1, ["-f", "d.yaml", "check", "--format", "json"] => [Json(Texts::Any), Controls, Lines, Workflow];
    check_github: 1, ["-f", "d.yaml", "check", "--format", "github"] => [Github(10), Lines];
    // Commands other than check print the diagnostics and do nothing else.
    list_of_invalid_plan: 1, ["-f", "d.yaml", "list"] => [Controls, Lines, Workflow];

    // edits: what they print, and the text they are given
    update: 0, ["-f", "p.yaml", "update", "is:leaf", "--status", "blocked"] => [Controls, Lines, Workflow];
    update_json: 0, ["-f", "p.yaml", "update", "is:leaf", "--status", "blocked", "--format", "json"] => [Json(Texts::Plan), Lines, Workflow];
    update_hostile_values: 0, ["-f", "p.yaml", "update", "id:n1", "--title", ARG_TITLE, "--owner", ARG_OWNER, "--notes", ARG_TITLE] => [Controls, Lines, Workflow];
    update_hostile_values_json: 0, ["-f", "p.yaml", "update", "id:n1", "--title", ARG_TITLE, "--owner", ARG_OWNER, "--format", "json"] => [JsonHas(ARG_TITLE), JsonHas(ARG_OWNER), Lines, Workflow];
    add: 0, ["-f", "p.yaml", "add", "1", ARG_TITLE, "--owner", ARG_OWNER] => [Controls, Lines, Workflow];
    add_json: 0, ["-f", "p.yaml", "add", "1", ARG_TITLE, "--owner", ARG_OWNER, "--format", "json"] => [JsonHas(ARG_TITLE), JsonHas(ARG_OWNER), Lines, Workflow];
    add_dry_run: 0, ["-f", "p.yaml", "add", "1", ARG_TITLE, "--dry-run"] => [Controls, Lines, Workflow];
    // A dry run's text diff shows lines of the file, so its lines may
    // well start with what follows a line break in a block scalar.
    dry_run: 0, ["-f", "p.yaml", "update", "under:1", "--status", "blocked", "--dry-run"] => [Controls, Workflow];
    dry_run_by_raw_text_controls: 0, ["-f", "p.yaml", "update", "id:raw", "--status", "done", "--dry-run"] => [Controls];
    dry_run_by_raw_text_workflow: 0, ["-f", "p.yaml", "update", "id:raw", "--status", "done", "--dry-run"] => [Workflow];

    // A plan file whose name is hostile (see EVIL_NAME).
    evil_name_check_json: 1, ["-f", "evil", "check", "--format", "json"] => [Json(Texts::Any), Controls, Lines, Workflow];
    evil_name_list: 0, ["-f", "evilp", "list", "--columns", "code,file"] => [Controls, Lines, Workflow];
    evil_name_list_csv: 0, ["-f", "evilp", "list", "--columns", "code,file", "--format", "csv"] => [Spreadsheet(b',')];
    evil_name_list_markdown: 0, ["-f", "evilp", "list", "--columns", "code,file", "--format", "markdown"] => [Markdown, Controls, Lines, Workflow];
    evil_name_show: 0, ["-f", "evilp", "show", "1"] => [Controls, Lines, Workflow];
    evil_name_check: 1, ["-f", "evil", "check"] => [Controls, Workflow];
    evil_name_check_github: 1, ["-f", "evil", "check", "--format", "github"] => [Github(10)];
    evil_name_update: 0, ["-f", "evilp", "update", "id:n1", "--status", "done"] => [Controls, Workflow];
    evil_name_dry_run: 0, ["-f", "evilp", "update", "id:n1", "--status", "done", "--dry-run"] => [Controls, Workflow];

    // The legacy form of workflow commands, `##[warning]…`, acts anywhere
    // in a line of a GitHub Actions log.
    legacy_workflow_list: 0, ["-f", "p.yaml", "list", "--columns", "code,title"] => [LegacyWorkflow];
    legacy_workflow_tree: 0, ["-f", "p.yaml", "tree"] => [LegacyWorkflow];
    legacy_workflow_show: 0, ["-f", "p.yaml", "show", "3.8"] => [LegacyWorkflow];
    legacy_workflow_report: 0, ["-f", "p.yaml", "report", "--depth", "2", "--width", "200"] => [LegacyWorkflow];
}

/// Inside GitHub Actions, plain `wbs check` prints annotations.
#[test]
fn check_in_github_actions() {
    case_with(
        &["-f", "d.yaml", "check"],
        &[("GITHUB_ACTIONS", "true")],
        1,
        &[Github(10), Lines],
    );
}

/// What an edit writes from hostile arguments reads back as exactly that
/// text, and the file still validates.
#[test]
fn hostile_values_round_trip() {
    let dir = folder();
    let run = |args: &[&str]| crate::common::run(wbs(args).current_dir(dir.path()));
    let output = run(&[
        "-f", "p.yaml", "update", "id:n1", "--title", ARG_TITLE, "--owner", ARG_OWNER, "--notes",
        ARG_OWNER,
    ]);
    assert_eq!(output.code, 0, "{output}");
    let output = run(&["-f", "p.yaml", "add", "2", ARG_OWNER, "--id", "new"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(run(&["-f", "p.yaml", "check"]).code, 0);
    let output = run(&["-f", "p.yaml", "show", "n1", "--format", "json"]);
    let node: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(node["title"], ARG_TITLE);
    assert_eq!(node["owner"], ARG_OWNER);
    let output = run(&["-f", "p.yaml", "show", "new", "--format", "json"]);
    let node: serde_json::Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(node["title"], ARG_OWNER);
}

/// The checks are not vacuous: each fails on output that breaks its promise.
#[test]
fn the_checks_catch_what_they_guard() {
    let fixture = fixture();
    let plans = Plans {
        old: &fixture.old,
        new: &fixture.new,
    };
    let fails = |check: Check, text: &str| {
        assert!(
            check.holds(text, &plans).is_err(),
            "{check:?} passed {text:?}"
        );
    };
    fails(Controls, "a\x1b[31mb\n");
    fails(Controls, "tab\tin a table\n");
    fails(Controls, "c1 \u{9b}31m\n");
    fails(ControlsSgr, "\x1b[1mok\x1b[0m \x1b]8;;http://x\x07\n");
    fails(Lines, "  section Evil\n");
    fails(Workflow, "   ::error::x\n");
    fails(LegacyWorkflow, "a ##[error]b\n");
    fails(Spreadsheet(b','), "code,title\n1,=1+1\n");
    fails(Spreadsheet(b','), "code,title\n1,\"two\nlines\"\n");
    fails(Spreadsheet(b'\t'), "code\ttitle\n1\t@SUM(A1)\n");
    fails(Markdown, "| a | b |\n|---|---|\n| 1 | x | y |\n");
    fails(Markdown, "- <script>alert(1)</script>\n");
    fails(Markdown, "- [x](http://y)\n");
    fails(
        Mermaid(None),
        "```mermaid\ngantt\n    1 a: b :t1, 2026-01-01, 2026-01-02\n```\n",
    );
    fails(
        Mermaid(None),
        "```mermaid\ngantt\n    1 a\n    section x :t1, 2026-01-01, 2026-01-02\n```\n",
    );
    fails(
        Mermaid(Some(2)),
        "```mermaid\ngantt\n    1 a :t1, 2026-01-01, 2026-01-02\n```\n",
    );
    fails(
        Mermaid(None),
        "gantt\n    1 a: b :t1, 2026-01-01, 2026-01-02\n",
    );
    fails(
        Mermaid(Some(2)),
        "gantt\n    1 a :t1, 2026-01-01, 2026-01-02\n",
    );
    let code = fixture.old.nodes.keys().next().expect("a node");
    fails(
        Json(Texts::Plan),
        &format!("[{{\"code\": \"{code}\", \"title\": \"\\\\e[31mred\"}}]"),
    );
    fails(JsonHas("x"), "[\"y\"]");
    fails(Github(1), "::error file=p.yaml,line=1::a%0A::warning::b\n");
    fails(Github(1), "::error file=p.yaml,line=1::50% done\n");
    fails(Github(1), "::error file=p.yaml,line=1,x=::y::m\n");
    fails(Github(1), "plain text\n");
}
