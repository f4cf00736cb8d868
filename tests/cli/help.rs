//! `--help` of wbs and of every command, so a change to any help text is
//! reviewed.

use crate::common::wbs_run;

#[test]
fn every_command_has_stable_help() {
    insta::assert_snapshot!("help", wbs_run(&["--help"]));
    let commands = [
        "check",
        "list",
        "tree",
        "show",
        "report",
        "diff",
        "export",
        "update",
        "add",
        "rm",
        "mv",
        "apply",
        "import",
        "history",
        "schema",
        "init",
        "completions",
        "man",
        "git-setup",
        "diff-driver",
        "merge",
    ];
    for command in commands {
        insta::assert_snapshot!(format!("help {command}"), wbs_run(&[command, "--help"]));
    }
}
