//! One module per command, and the load-and-validate path they share.

pub mod check;

use std::ffi::OsString;

use anyhow::Result;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::derive::{self, Clock, Derived};
use crate::source::{self, Loaded, PlanSetArgs, planset};
use crate::validate;

/// What every command gets: the global flags and the environment, read once.
pub struct Context {
    pub global: GlobalArgs,
    pub env: Env,
}

/// The environment variables wbs reads, captured at start-up so that
/// nothing below reads the process environment.
#[derive(Debug, Default, Clone)]
pub struct Env {
    pub no_color: Option<OsString>,
    pub wbs_file: Option<OsString>,
    pub wbs_max_bytes: Option<OsString>,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR"),
            wbs_file: std::env::var_os("WBS_FILE"),
            wbs_max_bytes: std::env::var_os("WBS_MAX_BYTES"),
        }
    }
}

impl Context {
    pub fn color(&self, stream: Stream) -> bool {
        self.global.color.enabled(stream, self.env.no_color.as_deref())
    }

    /// Today: `--today`, else `WBS_TODAY` (both through clap), else the local date.
    pub fn clock(&self) -> Clock {
        Clock::new(self.global.today.unwrap_or_else(|| chrono::Local::now().date_naive()))
    }
}

/// A loaded, derived and validated plan set.
pub struct Project {
    pub loaded: Loaded,
    pub derived: Derived,
}

impl Project {
    /// Reads the plan set and computes everything about it once. Problems
    /// in the plan are diagnostics, not errors; an `Err` means the plan
    /// could not be read at all.
    pub fn open(ctx: &Context) -> Result<Project> {
        let args = PlanSetArgs {
            files: ctx.global.files.clone(),
            env_file: ctx.env.wbs_file.clone(),
            env_max_bytes: ctx.env.wbs_max_bytes.clone(),
        };
        let limit = planset::max_bytes(&args)?;
        let paths = source::resolve_plan_set(&args)?;
        let mut files = Vec::with_capacity(paths.len());
        for path in &paths {
            files.push((planset::display_path(path), planset::read_limited(path, limit)?));
        }
        let mut loaded = source::load(files, false);
        let derived = derive::derive(&loaded.plan, ctx.clock());
        if !loaded.diagnostics.iter().any(|d| d.code == crate::diagnostic::Code::YamlSyntax) {
            validate::validate(&mut loaded, &derived);
        }
        sort(&mut loaded);
        Ok(Project { loaded, derived })
    }
}

/// Diagnostics in file, then position order, so output reads top to bottom.
fn sort(loaded: &mut Loaded) {
    loaded
        .diagnostics
        .sort_by(|a, b| (a.file, a.span.start, a.code).cmp(&(b.file, b.span.start, b.code)));
}

pub fn run(cli: Cli, env: Env) -> Result<Exit> {
    let ctx = Context { global: cli.global, env };
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
    }
}
