//! `wbs init`: write a starter plan, and the schema that lets an editor
//! complete and check it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::{Days, NaiveDate};

use crate::context::Context;
use crate::exit::Exit;
use crate::i18n::setup::{Setup, SetupFailure};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the plan (default: plans/plan.yaml)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// The schema's file name, beside the plan. A dot file, so that a folder of
/// plans lists only plans.
const SCHEMA_FILE: &str = ".wbs-schema.json";

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let plan_path = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from("plans/plan.yaml"));
    if plan_path.is_dir() {
        return Err(SetupFailure::InitFolder {
            path: plan_path.display().to_string(),
            suggestion: plan_path.join("plan.yaml").display().to_string(),
        }
        .into());
    }
    if plan_path.exists() {
        return Err(SetupFailure::InitExists {
            path: plan_path.display().to_string(),
            suggestion: sibling(&plan_path).display().to_string(),
        }
        .into());
    }
    let folder = plan_path.parent().unwrap_or(Path::new(""));
    if !folder.as_os_str().is_empty() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
    }

    // The schema is generated, so an older copy beside other plans is
    // simply refreshed.
    let schema_path = folder.join(SCHEMA_FILE);
    write_atomically(&schema_path, super::schema::text().as_bytes())?;
    let plan = starter_plan(ctx.clock()?.today);
    write_atomically(&plan_path, plan.as_bytes())?;

    if !ctx.global.quiet {
        let check = match &args.file {
            None => "wbs check".to_owned(),
            Some(file) => format!("wbs check -f {}", file.display()),
        };
        let lang = ctx.lang();
        let mut stderr = std::io::stderr().lock();
        for line in [
            Setup::WroteStarter {
                path: plan_path.display().to_string(),
            },
            Setup::WroteSchema {
                path: schema_path.display().to_string(),
            },
            Setup::InitNext { check },
        ] {
            writeln!(stderr, "{}", lang.show(&line))?;
        }
    }
    Ok(Exit::Success)
}

/// A free name to suggest beside `path`: `plan-2.yaml`, `plan-3.yaml`, …
fn sibling(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let extension = path
        .extension()
        .map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    (2..100)
        .map(|n| path.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_file_name(format!("other{extension}")))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: an interrupted run leaves the old file or the new one, never
/// half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.with_context(|| format!("cannot write `{}`", path.display()))
}

/// The starter plan, its dates counted from `today`. It passes `wbs check`
/// without a warning and shows each field once.
fn starter_plan(today: NaiveDate) -> String {
    let day = |days: u64| {
        today
            .checked_add_days(Days::new(days))
            .unwrap_or(today)
            .format("%Y-%m-%d")
    };
    let (start, design_due, build_start, build_due, due) =
        (day(0), day(14), day(15), day(49), day(56));
    format!(
        r#"# yaml-language-server: $schema=./{SCHEMA_FILE}
# A wbs plan. Check it with `wbs check`; see where it stands with `wbs report`.
# {SCHEMA_FILE} lets your editor complete and check this file; after
# upgrading wbs, refresh it from this folder: wbs schema > {SCHEMA_FILE}
wbs: 1                          # format version; required
title: My project               # required
start: {start}               # optional plan dates, YYYY-MM-DD
due: {due}
people:                         # optional; when present, every owner is a key here
  ana: {{ name: Ana Silva, team: design }}
  li: {{ name: Li Lei, team: engineering }}
defaults:
  effort: 1d                    # weight of a task without its own effort
tasks:
  - id: design                  # optional; unique; how `after`, commands and diffs name it
    title: Design
    owner: ana                  # inherited by every subtask without an owner
    tasks:
      - title: Sketch the pages
        status: done            # todo, in-progress, blocked, done or cancelled
        effort: 2d              # h, d (8h) or w (5d); only on tasks without subtasks
      - title: Visual design
        status: in-progress
        progress: 40            # percent complete; parents add up their subtasks
        due: {design_due}
  - id: build
    title: Build
    owner: li
    after: [design]             # starts once design is finished
    tags: [web]
    tasks:
      - Set up CI               # a plain string is a todo task with that title
      - title: Pages
        start: {build_start}
        due: {build_due}
        effort: 2w
        notes: Free text. Any x-… field, like the next one, is kept and ignored.
        x-ticket: WEB-12
"#
    )
}
