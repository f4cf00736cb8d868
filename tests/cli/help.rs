//! `--help` of every command, so a change to any help text is reviewed.

use crate::common::wbs_run;

#[test]
fn every_command_has_stable_help() {
    for command in ["list", "show", "export", "report", "diff", "update"] {
        insta::assert_snapshot!(format!("help {command}"), wbs_run(&[command, "--help"]));
    }
}
