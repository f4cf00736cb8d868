//! `wbs git-setup`: make git show and merge plan files with wbs's diff and
//! merge drivers.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::context::Context;
use crate::exit::Exit;
use crate::git::setup::{self, Change, Request, Scope};
use crate::git::{NotARepository, Repo};
use crate::i18n::setup::{Config, Setup, SetupFailure};
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
        Ok(not) => SetupFailure::NotARepository {
            dir: not.dir.to_string(),
            git_said: not.git_said.to_string(),
        }
        .into(),
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
    let lang = ctx.lang();
    let config = match scope {
        Scope::Repository => Config::Repository,
        Scope::Global => Config::Global,
    };
    let mut lines = Vec::new();
    if changes.is_empty() {
        lines.push(Setup::NothingToChange { config });
    }
    for change in &changes {
        lines.push(match change {
            Change::Attribute(line) => Setup::AddedAttribute {
                line: escape_control(line).into_owned(),
            },
            Change::Config { key, old, new } => Setup::SetConfig {
                config,
                key: key.to_string(),
                new: escape_control(new).into_owned(),
                old: old.as_deref().map(|old| escape_control(old).into_owned()),
            },
        });
    }
    if !ctx.global.quiet {
        if args.global && named_roots {
            lines.push(Setup::GlobalNote);
        }
        if changes.iter().any(|c| matches!(c, Change::Attribute(_))) {
            lines.push(Setup::CommitAttributes);
        }
        lines.push(Setup::DiffNow);
        lines.push(Setup::MergeNow);
    }
    for line in &lines {
        writeln!(out, "{}", lang.show(line))?;
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
        Ok(metadata) if !metadata.is_file() => Err(SetupFailure::GlobalConfigNotFile {
            file: escape_control(&file.to_string_lossy()).into_owned(),
        }
        .into()),
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
