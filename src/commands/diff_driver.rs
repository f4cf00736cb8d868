//! `wbs diff-driver`: git's external diff driver for plan files (set up by
//! `wbs git-setup`). It never fails `git diff`: whatever it cannot show as
//! a plan diff it explains and shows as a text diff, and it exits 0.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::context::Context;
use crate::diff::driver::{self, Outcome, SetContext, Version};
use crate::exit::Exit;
use crate::git::external_diff::{ExternalDiff, Side};
use crate::i18n::Lang;
use crate::i18n::diff::Driver;
use crate::output::Stream;
use crate::project::Project;
use crate::safe::escape_control;
use crate::source::planset::{self, PlanSetArgs, display_path};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What git passes: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH INFO], or PATH alone when it is unmerged
    #[arg(
        value_name = "GIT_ARGS",
        allow_hyphen_values = true,
        trailing_var_arg = true
    )]
    pub args: Vec<OsString>,
}

/// Unchanged lines shown around each change of a text diff, as git does.
const CONTEXT_LINES: usize = 3;

/// Diagnostics listed for a version that has errors.
const SHOWN_ERRORS: usize = 5;

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let call = ExternalDiff::parse(&args.args)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let bold = |text: String| match ctx.color(Stream::Stdout) {
        true => format!("\x1b[1m{text}\x1b[0m"),
        false => text,
    };
    match &call {
        ExternalDiff::Unmerged { path } => {
            writeln!(out, "{}", bold(format!("wbs diff {}", shown(path))))?;
            writeln!(out, "{}", ctx.lang().show(&Driver::Unmerged))?;
        }
        ExternalDiff::Change {
            path,
            old,
            new,
            new_path,
        } => {
            let header = match new_path {
                Some(new_path) => format!("wbs diff {} → {}", shown(path), shown(new_path)),
                None => format!("wbs diff {}", shown(path)),
            };
            writeln!(out, "{}", bold(header))?;
            let new_path = new_path.as_ref().unwrap_or(path);
            change(
                ctx,
                (path, old.as_ref()),
                (new_path, new.as_ref()),
                &mut out,
            )?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// Shows one change: the plan diff, or a note and the text diff.
fn change(
    ctx: &Context,
    (old_path, old): (&Path, Option<&Side>),
    (new_path, new): (&Path, Option<&Side>),
    out: &mut dyn Write,
) -> Result<()> {
    let lang = ctx.lang();
    if let (Some(old), Some(new)) = (old, new)
        && old.mode != new.mode
    {
        let (old, new) = (old.mode.clone(), new.mode.clone());
        writeln!(out, "{}", lang.show(&Driver::Mode { old, new }))?;
    }
    let limit = planset::max_bytes(&super::diff::plan_set_args(ctx, Vec::new()))
        .unwrap_or(planset::DEFAULT_MAX_BYTES);
    // Both versions go by the new path: a renamed file is one file, not
    // a file whose nodes all moved to another.
    let read = |side: Option<&Side>| -> Result<Option<Version>> {
        let Some(side) = side else { return Ok(None) };
        let bytes = planset::read_limited(&side.file, limit)?;
        Ok(Some(Version {
            path: display_path(new_path),
            bytes,
        }))
    };
    let (old, new) = match (read(old), read(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) | (_, Err(error)) => {
            let error = escape_control(&format!("{error:#}")).into_owned();
            writeln!(out, "{}", lang.show(&Driver::CannotRead { error }))?;
            return Ok(());
        }
    };
    let labels = (
        format!("a/{}", shown(old_path)),
        format!("b/{}", shown(new_path)),
    );
    let text = |version: &Version| String::from_utf8_lossy(&version.bytes).into_owned();
    let (old, new) = match (old, new) {
        (None, None) => return Ok(()),
        (None, Some(new)) => {
            writeln!(out, "{}", lang.show(&Driver::NewFile))?;
            return text_diff(out, None, Some(&text(&new)), &labels);
        }
        (Some(old), None) => {
            writeln!(out, "{}", lang.show(&Driver::DeletedFile))?;
            return text_diff(out, Some(&text(&old)), None, &labels);
        }
        (Some(old), Some(new)) => (old, new),
    };
    let context = set_context(ctx, new_path, limit);
    let outcome = driver::compare(old, new, &context, ctx.clock()?);
    let (old_text, new_text) = outcome.texts();
    match &outcome {
        Outcome::Plan {
            old: old_plan,
            new: new_plan,
            diff,
            alone,
            ..
        } => {
            if *alone {
                writeln!(out, "{}", lang.show(&Driver::ReadAlone))?;
            }
            super::diff::print_human(old_plan, new_plan, diff, ctx, &mut &mut *out)?;
            if diff.is_empty() && old_text != new_text {
                writeln!(out, "{}", lang.show(&Driver::SamePlan))?;
                text_diff(out, Some(old_text), Some(new_text), &labels)?;
            }
        }
        Outcome::Invalid {
            old: old_plan,
            new: new_plan,
        } => {
            for (new, plan) in [(false, old_plan), (true, new_plan)] {
                errors(out, new, plan, lang)?;
            }
            writeln!(out, "{}", lang.show(&Driver::TextDiffFollows))?;
            text_diff(out, Some(old_text), Some(new_text), &labels)?;
        }
    }
    Ok(())
}

/// `the new version has 2 errors:` and one line for each (the first few).
fn errors(out: &mut dyn Write, new: bool, project: &Project, lang: Lang) -> Result<()> {
    let errors: Vec<_> = project
        .loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let count = errors.len();
    writeln!(out, "{}", lang.show(&Driver::VersionErrors { new, count }))?;
    crate::diagnostic::render::brief(out, &errors, &project.loaded.sources, SHOWN_ERRORS, lang)?;
    Ok(())
}

/// The text diff; a missing side is `/dev/null`.
fn text_diff(
    out: &mut dyn Write,
    old: Option<&str>,
    new: Option<&str>,
    (old_label, new_label): &(String, String),
) -> Result<()> {
    let old_label = if old.is_some() {
        old_label.as_str()
    } else {
        "/dev/null"
    };
    let new_label = if new.is_some() {
        new_label.as_str()
    } else {
        "/dev/null"
    };
    crate::diff::text::unified(
        out,
        (old_label, old.unwrap_or("")),
        (new_label, new.unwrap_or("")),
        CONTEXT_LINES,
    )?;
    Ok(())
}

/// The work tree's plan set that `path` belongs to: the set `-f`,
/// `WBS_FILE` or `plans/` names (git runs the driver at the top of the
/// work tree), if it holds the file, else the plan files of the file's
/// folder. Anything unreadable leaves the context empty: the file is then
/// read alone.
fn set_context(ctx: &Context, path: &Path, limit: u64) -> SetContext {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let target = std::fs::canonicalize(path).ok();
    let folder_set = PlanSetArgs {
        files: vec![folder],
        ..PlanSetArgs::default()
    };
    let sets = [
        super::diff::plan_set_args(ctx, ctx.global.files.clone()),
        folder_set.clone(),
    ];
    for args in sets {
        let Ok(paths) = planset::resolve_plan_set(&args) else {
            continue;
        };
        let slot = target.as_ref().and_then(|target| {
            paths
                .iter()
                .position(|p| std::fs::canonicalize(p).ok().as_ref() == Some(target))
        });
        if let Some(slot) = slot
            && let Ok(files) = read_others(&paths, slot, limit)
        {
            return SetContext {
                files,
                slot: Some(slot),
            };
        }
    }
    // Not in the work tree (deleted since, or never there): the plan
    // files of its folder still say which ids `after` may name.
    let files = planset::resolve_plan_set(&folder_set)
        .and_then(|paths| planset::read_all(&paths, limit))
        .unwrap_or_default();
    SetContext { files, slot: None }
}

/// The files of a set but the one at `slot`, whose place is left empty:
/// each version of it comes from git.
fn read_others(paths: &[PathBuf], slot: usize, limit: u64) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::with_capacity(paths.len());
    for (index, path) in paths.iter().enumerate() {
        let bytes = match index == slot {
            true => Vec::new(),
            false => planset::read_limited(path, limit)?,
        };
        files.push((display_path(path), bytes));
    }
    Ok(files)
}

/// A path from git, safe to print.
fn shown(path: &Path) -> String {
    escape_control(&display_path(path)).into_owned()
}
