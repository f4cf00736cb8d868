//! `wbs git-setup`: make git show and merge plan files with wbs's diff and
//! merge drivers.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::context::Context;
use crate::exit::Exit;
use crate::git::setup::{self, Change, Request, Scope};
use crate::git::{NotARepository, Repo};
use crate::safe::escape_control;
use crate::source::planset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the drivers' configuration to your user git config instead of the repository's
    #[arg(long)]
    pub global: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    if args.global {
        refuse_a_global_file_that_is_not_one(ctx)?;
    }
    let cwd = std::env::current_dir().context("cannot tell the current directory")?;
    let repo = Repo::discover(&cwd).map_err(|error| match error.downcast::<NotARepository>() {
        Ok(not) => anyhow::anyhow!(
            "`wbs git-setup` configures a git repository, and `{}` is not inside one: {}\n\
             hint: run it inside the repository that holds the plans (`git init` creates one)",
            not.dir,
            not.git_said
        ),
        Err(error) => error,
    })?;
    let (roots, named_roots) = roots(ctx);
    let scope = if args.global {
        Scope::Global
    } else {
        Scope::Repository
    };
    let exe = std::env::current_exe().ok();
    let program = setup::program(exe.as_deref(), ctx.env.path.as_deref());
    let changes = setup::setup(
        &repo,
        &Request {
            scope,
            program: &program,
            roots: &roots,
            named_roots,
        },
    )?;

    let mut out = std::io::stdout().lock();
    let config = match scope {
        Scope::Repository => "the repository's git config",
        Scope::Global => "your global git config",
    };
    if changes.is_empty() {
        writeln!(
            out,
            "nothing to change: .gitattributes and {config} already use wbs's diff and merge drivers"
        )?;
    }
    for change in &changes {
        match change {
            Change::Attribute(line) => {
                writeln!(out, ".gitattributes: added `{}`", escape_control(line))?;
            }
            Change::Config {
                key,
                old: None,
                new,
            } => {
                writeln!(out, "{config}: set {key} = {}", escape_control(new))?;
            }
            Change::Config {
                key,
                old: Some(old),
                new,
            } => writeln!(
                out,
                "{config}: set {key} = {} (was {})",
                escape_control(new),
                escape_control(old)
            )?,
        }
    }
    if !ctx.global.quiet {
        if args.global && named_roots {
            writeln!(
                out,
                "note: the global driver does not know this repository's -f or WBS_FILE: it reads each plan file with the plan files of its folder"
            )?;
        }
        if changes.iter().any(|c| matches!(c, Change::Attribute(_))) {
            writeln!(out, "commit .gitattributes so that every clone gets it")?;
        }
        writeln!(
            out,
            "`git diff` now shows plan files as wbs diffs; `git log -p` and `git show` need --ext-diff"
        )?;
        writeln!(
            out,
            "`git merge` (and rebase, cherry-pick) now merges plan files by task with `wbs merge`"
        )?;
    }
    Ok(Exit::Success)
}

/// `GIT_CONFIG_GLOBAL=/dev/null` isolates a CI job or a test from the
/// user's settings; `git config --global` would then replace /dev/null
/// with a file (as root) or fail. Neither is what anyone meant.
fn refuse_a_global_file_that_is_not_one(ctx: &Context) -> Result<()> {
    let Some(file) = ctx.env.git_config_global.as_ref().filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    match std::fs::metadata(file) {
        Ok(metadata) if !metadata.is_file() => anyhow::bail!(
            "GIT_CONFIG_GLOBAL names `{}`, which is not a file to write settings to\n\
             hint: unset GIT_CONFIG_GLOBAL, or set up this repository alone with `wbs git-setup`",
            escape_control(&file.to_string_lossy())
        ),
        _ => Ok(()),
    }
}

/// The plan set's roots (`-f`, else `WBS_FILE`, else `plans/`) and whether
/// the user named them.
fn roots(ctx: &Context) -> (Vec<PathBuf>, bool) {
    if !ctx.global.files.is_empty() {
        return (ctx.global.files.clone(), true);
    }
    match ctx.env.wbs_file.as_ref().filter(|v| !v.is_empty()) {
        Some(env) => (std::env::split_paths(env).collect(), true),
        None => (vec![PathBuf::from(planset::DEFAULT_FOLDER)], false),
    }
}
