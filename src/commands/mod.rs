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
    pub wbs_today: Option<OsString>,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR"),
            wbs_file: std::env::var_os("WBS_FILE"),
            wbs_max_bytes: std::env::var_os("WBS_MAX_BYTES"),
            wbs_today: std::env::var_os("WBS_TODAY"),
        }
    }
}

impl Context {
    pub fn color(&self, stream: Stream) -> bool {
        self.global
            .color
            .enabled(stream, self.env.no_color.as_deref())
    }

    /// Today: `--today`, else `WBS_TODAY`, else the local date; resolved
    /// once, so every output of a run agrees on it.
    pub fn clock(&self) -> Result<Clock> {
        if let Some(today) = self.global.today {
            return Ok(Clock::new(today));
        }
        match self.env.wbs_today.as_ref().filter(|v| !v.is_empty()) {
            Some(value) => {
                let text = value.to_string_lossy();
                let today = crate::cli::parse_date_arg(text.trim())
                    .map_err(|e| anyhow::anyhow!("WBS_TODAY: {e}"))?;
                Ok(Clock::new(today))
            }
            None => Ok(Clock::new(chrono::Local::now().date_naive())),
        }
    }
}

/// Reads the plan set the flags and environment name, within the size
/// limit, and loads it. An `Err` means it could not be read at all.
pub fn open(ctx: &Context) -> Result<Project> {
    let clock = ctx.clock()?;
    let args = PlanSetArgs {
        files: ctx.global.files.clone(),
        env_file: ctx.env.wbs_file.clone(),
        env_max_bytes: ctx.env.wbs_max_bytes.clone(),
    };
    let limit = planset::max_bytes(&args)?;
    let paths = source::resolve_plan_set(&args)?;
    let files = planset::read_all(&paths, limit)?;
    Ok(Project::load(files, clock, false))
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
