//! English text of what `wbs init` and `wbs git-setup` say.

use std::fmt::{self, Formatter};

use crate::i18n::setup::{Config, Setup, SetupFailure};

pub(in crate::i18n) fn config(config: Config) -> &'static str {
    match config {
        Config::Repository => "the repository's git config",
        Config::Global => "your global git config",
    }
}

pub(in crate::i18n) fn setup(message: &Setup, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        Setup::WroteStarter { path } => write!(out, "wrote {path} (a starter plan)"),
        Setup::WroteSchema { path } => write!(
            out,
            "wrote {path} (the plan format's JSON Schema, for editors)"
        ),
        Setup::InitNext { check } => write!(out, "next: edit the plan, then run `{check}`"),
        Setup::NothingToChange { config: c } => write!(
            out,
            "nothing to change: .gitattributes and {} already use wbs's diff and merge drivers",
            config(*c)
        ),
        Setup::AddedAttribute { line } => write!(out, ".gitattributes: added `{line}`"),
        Setup::SetConfig {
            config: c,
            key,
            new,
            old,
        } => {
            write!(out, "{}: set {key} = {new}", config(*c))?;
            match old {
                Some(old) => write!(out, " (was {old})"),
                None => Ok(()),
            }
        }
        Setup::GlobalNote => out.write_str(
            "note: the global driver does not know this repository's -f or WBS_FILE: it reads each plan file with the plan files of its folder",
        ),
        Setup::CommitAttributes => out.write_str("commit .gitattributes so that every clone gets it"),
        Setup::DiffNow => out.write_str(
            "`git diff` now shows plan files as wbs diffs; `git log -p` and `git show` need --ext-diff",
        ),
        Setup::MergeNow => out.write_str(
            "`git merge` (and rebase, cherry-pick) now merges plan files by task with `wbs merge`",
        ),
    }
}

pub(in crate::i18n) fn failure(failure: &SetupFailure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        SetupFailure::InitFolder { path, suggestion } => write!(
            out,
            "`{path}` is a folder\nhint: name the plan file to write, e.g. `wbs init {suggestion}`"
        ),
        SetupFailure::InitExists { path, suggestion } => write!(
            out,
            "`{path}` already exists; wbs init never overwrites a file\nhint: choose another path, e.g. `wbs init {suggestion}`"
        ),
        SetupFailure::NotARepository { dir, git_said } => write!(
            out,
            "`wbs git-setup` configures a git repository, and `{dir}` is not inside one: {git_said}\n\
             hint: run it inside the repository that holds the plans (`git init` creates one)"
        ),
        SetupFailure::GlobalConfigNotFile { file } => write!(
            out,
            "GIT_CONFIG_GLOBAL names `{file}`, which is not a file to write settings to\n\
             hint: unset GIT_CONFIG_GLOBAL, or set up this repository alone with `wbs git-setup`"
        ),
    }
}
