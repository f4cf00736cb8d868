//! Which files make up the plan set, and reading them within the size limit.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::i18n::errors::{Cause, Failure};

/// The folder loaded when neither `-f` nor `WBS_FILE` says otherwise.
pub const DEFAULT_FOLDER: &str = "plans";

/// The largest plan file read unless `WBS_MAX_BYTES` says otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Where the plan set comes from, as the user asked.
#[derive(Debug, Clone, Default)]
pub struct PlanSetArgs {
    /// `-f/--file`, in order.
    pub files: Vec<PathBuf>,
    /// `WBS_FILE`, which may name several paths separated like `PATH`.
    pub env_file: Option<OsString>,
    /// `WBS_MAX_BYTES`.
    pub env_max_bytes: Option<OsString>,
}

/// Lists the files of the plan set: each `-f` path (a file, or every
/// `*.yaml`/`*.yml` directly in a folder, sorted by name), else `WBS_FILE`,
/// else `./plans/`. A file named twice is loaded once.
pub fn resolve_plan_set(args: &PlanSetArgs) -> Result<Vec<PathBuf>> {
    let (roots, origin): (Vec<PathBuf>, &str) = if !args.files.is_empty() {
        (args.files.clone(), "-f")
    } else if let Some(env) = args.env_file.as_ref().filter(|v| !v.is_empty()) {
        (std::env::split_paths(env).collect(), "WBS_FILE")
    } else {
        (vec![PathBuf::from(DEFAULT_FOLDER)], "default")
    };

    let mut files = Vec::new();
    for root in &roots {
        let metadata = fs::metadata(root).map_err(|error| match origin {
            "default" => Failure::PlanFolderUnreadable {
                folder: DEFAULT_FOLDER,
                cause: Cause::from(&error),
            },
            _ => {
                let missing = error.kind() == std::io::ErrorKind::NotFound;
                Failure::PathUnreadable {
                    path: root.display().to_string(),
                    origin,
                    cause: Cause::from(&error),
                    near: near_name(root).filter(|_| missing),
                }
            }
        })?;
        if metadata.is_dir() {
            let found = plan_files_in(root)?;
            if found.is_empty() {
                return Err(Failure::NoPlanFiles {
                    folder: root.display().to_string(),
                }
                .into());
            }
            files.extend(found);
        } else {
            files.push(root.clone());
        }
    }

    let mut seen = std::collections::HashSet::new();
    files.retain(|path| seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    Ok(files)
}

/// For a path that does not exist, the path of a near name in the same
/// folder (`plans/programe.yaml` → `plans/programme.yaml`), as the user
/// would write it.
pub fn near_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let names: Vec<String> = fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let near = crate::diagnostic::did_you_mean(name, names.iter().map(String::as_str))?;
    Some(display_path(&path.with_file_name(near)))
}

fn plan_files_in(folder: &Path) -> Result<Vec<PathBuf>> {
    let unlistable = |error: std::io::Error| Failure::CannotList {
        folder: folder.display().to_string(),
        cause: Cause::from(&error),
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).map_err(unlistable)? {
        let entry = entry.map_err(unlistable)?;
        let path = entry.path();
        let is_plan = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml");
        if is_plan && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The size limit: `WBS_MAX_BYTES` if set, else 256 MiB.
pub fn max_bytes(args: &PlanSetArgs) -> Result<u64> {
    let Some(value) = &args.env_max_bytes else {
        return Ok(DEFAULT_MAX_BYTES);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|&n| n > 0 && n <= MAX_SET_BYTES)
        .ok_or_else(|| {
            anyhow!(Failure::MaxBytes {
                max: MAX_SET_BYTES,
                text: text.into_owned(),
            })
        })
}

/// The most a whole plan set may hold. Positions inside the loader are
/// 32-bit, which keeps its tables small; 2 GiB leaves them room.
pub const MAX_SET_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Reads every file of the set, each within `limit` and all together within
/// [`MAX_SET_BYTES`].
pub fn read_all(paths: &[PathBuf], limit: u64) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::with_capacity(paths.len());
    let mut total: u64 = 0;
    for path in paths {
        let bytes = read_limited(path, limit.min(MAX_SET_BYTES - total))?;
        total += bytes.len() as u64;
        files.push((display_path(path), bytes));
    }
    Ok(files)
}

/// Reads a file, refusing it before reading when it is over `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let unreadable = |error: std::io::Error| Failure::CannotRead {
        path: path.display().to_string(),
        cause: Cause::from(&error),
    };
    let file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let too_big = |size: u64| {
        anyhow!(Failure::TooBig {
            path: path.display().to_string(),
            size,
            limit,
        })
    };
    if size > limit {
        return Err(too_big(size));
    }
    // The file may grow between the size check and the read (or be a pipe
    // that reports no size): never read past the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a command-line word that is not meant as a path turns out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathLike {
    /// An existing file, or a name that ends in `.yaml`/`.yml`.
    File,
    /// An existing folder named as a path (`plans/`, `roadmap/q3`, `.`).
    Folder,
}

/// Whether `word` names a plan file or folder rather than something else
/// (a query term, a node): an existing file, a name ending in `.yaml` or
/// `.yml`, or an existing folder written as a path. A bare word that is
/// also a folder's name (`plans`, `docs`) is not taken for one: it is as
/// likely a word to search for.
pub fn path_like(word: &str) -> Option<PathLike> {
    let plan_name = [".yaml", ".yml"].iter().any(|ext| {
        word.len() > ext.len()
            && word.is_char_boundary(word.len() - ext.len())
            && word[word.len() - ext.len()..].eq_ignore_ascii_case(ext)
    });
    let as_path = word.contains('/')
        || word.contains(std::path::MAIN_SEPARATOR)
        || word == "."
        || word == "..";
    match fs::metadata(word) {
        Ok(metadata) if metadata.is_dir() => (as_path || plan_name).then_some(PathLike::Folder),
        Ok(_) => Some(PathLike::File),
        Err(_) => plan_name.then_some(PathLike::File),
    }
}

/// How a path is shown in diagnostics: as given, with `./` dropped.
pub fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy();
    shown.strip_prefix("./").unwrap_or(&shown).to_owned()
}
