//! One module per command, and the load-and-validate path they share.

pub mod check;

use std::ffi::OsString;

use anyhow::Result;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::derive::Clock;
use crate::project::Project;
use crate::source::{self, PlanSetArgs, planset};

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
        self.global
            .color
            .enabled(stream, self.env.no_color.as_deref())
    }

    /// Today: `--today`, else `WBS_TODAY` (both through clap), else the local date.
    pub fn clock(&self) -> Clock {
        Clock::new(
            self.global
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        )
    }
}

/// Reads the plan set the flags and environment name, within the size
/// limit, and loads it. An `Err` means it could not be read at all.
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
        files.push((
            planset::display_path(path),
            planset::read_limited(path, limit)?,
        ));
    }
    Ok(Project::load(files, ctx.clock(), false))
}

pub fn run(cli: Cli, env: Env) -> Result<Exit> {
    let ctx = Context {
        global: cli.global,
        env,
    };
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
    }
}
