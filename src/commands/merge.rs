//! `wbs merge BASE OURS THEIRS`: the three-way merge of plan versions,
//! by task, as git's merge driver runs it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::Context;
use crate::exit::Exit;
use crate::i18n::merge::Line;
use crate::merge::{self, Request};
use crate::source::planset::{self, PlanSetArgs};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The version both descend from (git's %O)
    #[arg(value_name = "BASE")]
    pub base: PathBuf,

    /// Our version; the result is written here unless --output says otherwise (git's %A)
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,

    /// Their version (git's %B)
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,

    /// Write the result to this file instead of OURS; `-` for stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The file's name in messages, e.g. its path in the repository (git's %P)
    #[arg(long, value_name = "NAME")]
    pub path: Option<String>,

    /// The width of the conflict markers (git's %L)
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u8).range(1..))]
    pub marker_size: u8,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let limit = planset::max_bytes(&PlanSetArgs {
        env_max_bytes: ctx.env.wbs_max_bytes.clone(),
        ..PlanSetArgs::default()
    })?;
    let read = |path: &Path| planset::read_limited(path, limit);
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| planset::display_path(&args.ours));
    let outcome = merge::merge(Request {
        path: &shown,
        base,
        ours,
        theirs,
        clock: ctx.clock()?,
        marker_size: usize::from(args.marker_size),
    });

    match args.output.as_deref() {
        Some(path) if path == Path::new("-") => {
            let mut out = std::io::stdout().lock();
            out.write_all(&outcome.bytes)?;
            out.flush()?;
        }
        Some(path) => write_file(path, &outcome.bytes)?,
        None => write_file(&args.ours, &outcome.bytes)?,
    }

    let mut err = std::io::stderr().lock();
    let lang = ctx.lang();
    let lines = outcome
        .notes
        .iter()
        .map(|note| Line::Note {
            file: shown.clone(),
            note: note.clone(),
        })
        .chain(outcome.conflicts.iter().map(|c| Line::Conflict {
            file: shown.clone(),
            spot: c.node.clone(),
            field: c.field.clone(),
            detail: c.detail.clone(),
        }));
    for line in lines {
        let line = lang.show(&line).to_string();
        writeln!(err, "{}", crate::safe::escape_control(&line))?;
    }
    Ok(if outcome.is_clean() {
        Exit::Success
    } else {
        Exit::Finding
    })
}

/// Writes the result beside the file and renames it over it, so the file
/// is never half-written; an existing file's permissions are kept.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display();
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.wbs-merge-{}.tmp", std::process::id()));
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(&temp, permissions)?;
        }
        std::fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.with_context(|| format!("cannot write `{shown}`"))
}
