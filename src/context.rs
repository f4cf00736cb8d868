//! What every command gets below the command line: the global options,
//! the environment read once, and opening the plan set they name, plus the
//! argument readers commands share (a query, a node reference, a date).
//! `cli` builds the command line from these and the commands' `Args`;
//! nothing here knows a command.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::exit::Exit;
use crate::i18n::Lang;
use crate::i18n::locale::Locale;
use crate::output::{ColorChoice, Stream};
use crate::plan::derive::Clock;
use crate::project::Project;
use crate::source::{self, PlanSetArgs, planset};

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load this plan file or folder instead of ./plans/ (repeatable; also WBS_FILE)
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        global = true,
        help_heading = "Global options"
    )]
    pub files: Vec<PathBuf>,

    /// Take this date as today (YYYY-MM-DD; also WBS_TODAY)
    #[arg(long, value_name = "DATE", value_parser = crate::edit::change::parse_date, global = true, help_heading = "Global options")]
    pub today: Option<NaiveDate>,

    /// When to colour output (NO_COLOR is honoured)
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = "Global options")]
    pub color: ColorChoice,

    /// Print no summary lines; findings are still printed
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,

    /// The language of human output (else LANGUAGE, LC_ALL, LC_MESSAGES, LANG; JSON and CSV never change)
    #[arg(
        long,
        value_name = "LANG",
        value_enum,
        global = true,
        help_heading = "Global options"
    )]
    pub lang: Option<Lang>,
}

/// Marks a query word that clap must not read as an option.
pub const NEGATED_TERM_MARK: char = '\u{E000}';

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
    pub columns: Option<OsString>,
    /// `PATH`, to tell whether `wbs` there is this program (`git-setup`).
    pub path: Option<OsString>,
    /// `GIT_CONFIG_GLOBAL`: the file `git-setup --global` would write.
    pub git_config_global: Option<OsString>,
    /// `GITHUB_ACTIONS=true`: running in a GitHub Actions job.
    pub github_actions: bool,
    /// `WBS_TEST_PAUSE_BEFORE_RENAME=MS`: an edit waits this long between
    /// writing its temporary file and renaming it, so that a test can kill
    /// it there. Not for users.
    pub test_pause_ms: Option<u64>,
    /// `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`: the language of human
    /// output when `--lang` is not given.
    pub locale: Locale,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR"),
            wbs_file: std::env::var_os("WBS_FILE"),
            wbs_max_bytes: std::env::var_os("WBS_MAX_BYTES"),
            wbs_today: std::env::var_os("WBS_TODAY"),
            columns: std::env::var_os("COLUMNS"),
            path: std::env::var_os("PATH"),
            git_config_global: std::env::var_os("GIT_CONFIG_GLOBAL"),
            github_actions: std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
            test_pause_ms: std::env::var("WBS_TEST_PAUSE_BEFORE_RENAME")
                .ok()
                .and_then(|v| v.parse().ok()),
            locale: Locale {
                language: std::env::var_os("LANGUAGE"),
                lc_all: std::env::var_os("LC_ALL"),
                lc_messages: std::env::var_os("LC_MESSAGES"),
                lang: std::env::var_os("LANG"),
            },
        }
    }
}

impl Context {
    /// The language of human output: `--lang`, else the locale's, else
    /// English (SPEC §3.6). Machine formats ignore it.
    pub fn lang(&self) -> Lang {
        Lang::resolve(self.global.lang, &self.env.locale)
    }

    pub fn color(&self, stream: Stream) -> bool {
        self.global
            .color
            .enabled(stream, self.env.no_color.as_deref())
    }

    /// The width to fit tables to: the terminal's when stdout is one, else
    /// `COLUMNS`; `None` (no limit) when output goes to a pipe or file
    /// without `COLUMNS`, so scripts get whole cells.
    pub fn terminal_width(&self) -> Option<u16> {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal()
            && let Some((terminal_size::Width(width), _)) = terminal_size::terminal_size()
        {
            return Some(width);
        }
        let columns = self.env.columns.as_ref()?.to_str()?;
        columns.trim().parse().ok().filter(|&w: &u16| w > 0)
    }

    /// The size limit of a file wbs reads (`WBS_MAX_BYTES`, default
    /// 256 MiB): a plan, a sheet, or what a workbook unpacks to.
    pub fn max_bytes(&self) -> Result<u64> {
        planset::max_bytes(&PlanSetArgs {
            files: Vec::new(),
            env_file: None,
            env_max_bytes: self.env.wbs_max_bytes.clone(),
        })
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
                let today = crate::edit::change::parse_date(text.trim()).map_err(|_| {
                    crate::i18n::errors::Failure::BadToday {
                        text: text.trim().to_owned(),
                    }
                })?;
                Ok(Clock::new(today))
            }
            None => Ok(Clock::new(chrono::Local::now().date_naive())),
        }
    }
}

/// How a command wants its plan set loaded.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// How far ahead "due soon" looks.
    pub horizon_days: u32,
    /// Keep the YAML trees, for a command that edits.
    pub keep_trees: bool,
}

impl Default for Load {
    fn default() -> Load {
        Load {
            horizon_days: Clock::DEFAULT_HORIZON_DAYS,
            keep_trees: false,
        }
    }
}

/// Reads the plan set the flags and environment name, within the size
/// limit, and loads it. An `Err` means it could not be read at all.
pub fn open(ctx: &Context, load: Load) -> Result<Project> {
    let mut clock = ctx.clock()?;
    clock.horizon_days = load.horizon_days;
    let args = PlanSetArgs {
        files: ctx.global.files.clone(),
        env_file: ctx.env.wbs_file.clone(),
        env_max_bytes: ctx.env.wbs_max_bytes.clone(),
    };
    let limit = planset::max_bytes(&args)?;
    let paths = source::resolve_plan_set(&args)?;
    let files = planset::read_all(&paths, limit)?;
    Ok(Project::load(files, clock, load.keep_trees))
}

/// Opens the plan set for a command other than `check`: with errors, prints
/// them to stderr and returns the exit code instead of a project; warnings
/// go to stderr (unless `--quiet`) and the command goes on.
pub fn open_valid(ctx: &Context, load: Load) -> Result<std::result::Result<Project, Exit>> {
    let project = open(ctx, load)?;
    match report_errors(ctx, &project, true)? {
        Some(exit) => Ok(Err(exit)),
        None => Ok(Ok(project)),
    }
}

/// Opens the plan set for an editing command: as [`open_valid`], with
/// the YAML trees kept for planning patches.
pub fn open_for_edit(ctx: &Context) -> Result<std::result::Result<Project, Exit>> {
    open_valid(
        ctx,
        Load {
            keep_trees: true,
            ..Load::default()
        },
    )
}

/// Prints a loaded plan's diagnostics for a command other than `check`:
/// errors stop the command (their exit code is returned); warnings go to
/// stderr when `warnings` is set and `--quiet` is not.
pub fn report_errors(ctx: &Context, project: &Project, warnings: bool) -> Result<Option<Exit>> {
    /// Warnings shown before a command's output; `wbs check` shows all.
    const MAX_WARNINGS: usize = 10;
    let errors = project.has_errors();
    let warnings = warnings && !ctx.global.quiet;
    let (mut shown, mut warnings_found) = (Vec::new(), 0);
    for diagnostic in &project.loaded.diagnostics {
        if diagnostic.is_error() {
            if errors {
                shown.push(diagnostic.clone());
            }
        } else if warnings {
            warnings_found += 1;
            if warnings_found <= MAX_WARNINGS {
                shown.push(diagnostic.clone());
            }
        }
    }
    let hidden = warnings_found.saturating_sub(MAX_WARNINGS);
    if !shown.is_empty() {
        let mut stderr = std::io::stderr().lock();
        crate::diagnostic::render::human(
            &mut stderr,
            &shown,
            &project.loaded.sources,
            ctx.color(Stream::Stderr),
            ctx.lang(),
        )?;
        if hidden > 0 {
            let more = crate::i18n::check::Check::MoreWarnings { hidden };
            writeln!(stderr, "{}", ctx.lang().show(&more))?;
        }
    }
    Ok(errors.then_some(Exit::Finding))
}

/// The plan-set roots as the user named them: the `-f` paths, else
/// `WBS_FILE`, else `plans`; for reading the plan set from git.
pub fn plan_roots(ctx: &Context) -> Vec<std::path::PathBuf> {
    if !ctx.global.files.is_empty() {
        return ctx.global.files.clone();
    }
    match ctx.env.wbs_file.as_ref().filter(|v| !v.is_empty()) {
        Some(env) => std::env::split_paths(env).collect(),
        None => vec![std::path::PathBuf::from(
            crate::source::planset::DEFAULT_FOLDER,
        )],
    }
}

/// A query's words as typed, without the mark that kept a negated term
/// from clap (see [`NEGATED_TERM_MARK`]).
pub fn query_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.strip_prefix(NEGATED_TERM_MARK).unwrap_or(w).to_owned())
        .collect()
}

/// Reads a command's query against the loaded plan; a bad term is a usage
/// error (exit 2) that points at it.
pub fn parse_query(words: &[String], project: &Project) -> Result<crate::query::Query> {
    let words: Vec<String> = words
        .iter()
        .map(|w| w.strip_prefix(NEGATED_TERM_MARK).unwrap_or(w).to_owned())
        .collect();
    Ok(crate::query::parse(
        &words,
        &project.loaded.plan,
        project.derived.clock.today,
    )?)
}

/// A node named by its id or WBS code; an unknown one is a usage error
/// (exit 2) with a did-you-mean.
pub fn resolve_node(plan: &crate::plan::Plan, reference: &str) -> Result<crate::plan::NodeId> {
    if let Some(node) = crate::query::resolve_node(plan, reference) {
        return Ok(node);
    }
    use crate::i18n::io::{InputFailure, PathKind};
    let shown = crate::safe::excerpt(reference).into_owned();
    if let Some(kind) = planset::path_like(reference) {
        let kind = match kind {
            planset::PathLike::File => PathKind::File,
            planset::PathLike::Folder => PathKind::Folder,
        };
        let reference = shown;
        return Err(InputFailure::PathNotNode { reference, kind }.into());
    }
    if reference.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(InputFailure::NoCode { code: shown }.into());
    }
    let ids = plan.ids().filter_map(|n| plan.id_of(n));
    let near = crate::diagnostic::did_you_mean(reference, ids).map(|id| id.to_string());
    Err(InputFailure::NoId { id: shown, near }.into())
}

/// `--depth N` of `tree` and `report`: a level, so at least 1.
pub fn parse_depth(text: &str) -> Result<u32, crate::i18n::io::InputFailure> {
    match text.parse::<u32>() {
        Ok(0) => Err(crate::i18n::io::InputFailure::DepthZero),
        Ok(depth) => Ok(depth),
        Err(_) => Err(crate::i18n::io::InputFailure::NotDepth {
            text: text.to_owned(),
        }),
    }
}
