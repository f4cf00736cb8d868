//! Writing edited plans so that nothing is lost or half-written: every
//! file of an edit is locked, written to a temporary file beside it, and
//! checked to still hold what was read; only when all are written and
//! checked are they renamed over the plans. A crash or a kill leaves each file old or new, never a mix; a
//! failure before the renames leaves every file as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::i18n::io::{Cause, WriteFailure};
use crate::source::SourceFile;

/// One plan file to replace, resolved through symbolic links.
struct Target<'a> {
    /// The file the plan's path leads to (a link is followed, not replaced).
    path: PathBuf,
    /// The path as the user named it, for messages.
    shown: &'a str,
    folder: PathBuf,
    name: String,
    source: &'a SourceFile,
    text: &'a str,
    temp: PathBuf,
}

/// Replaces each `(source, new text)`'s file, all or none. `pause_ms`
/// holds the written temporary files that long before the renames, for the
/// test that kills wbs there.
pub fn write_files(files: &[(&SourceFile, &str)], pause_ms: Option<u64>) -> Result<()> {
    let mut targets = Vec::with_capacity(files.len());
    for &(source, text) in files {
        let given = Path::new(&source.path);
        let path = fs::canonicalize(given).unwrap_or_else(|_| given.to_owned());
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = folder.join(format!(".{name}.wbs-{}.tmp", std::process::id()));
        targets.push(Target {
            path,
            shown: &source.path,
            folder,
            name,
            source,
            text,
            temp,
        });
    }

    // 1. Lock every file; refuse one that is read-only.
    let mut locks = Vec::with_capacity(targets.len());
    for target in &targets {
        locks.push(Lock::take(
            &target.folder.join(format!(".{}.wbs-lock", target.name)),
        )?);
        remove_stale_temporaries(&target.folder, &target.name);
        check_writable(target)?;
    }

    // 2. Write every temporary file; on any failure remove them all.
    for (i, target) in targets.iter().enumerate() {
        if let Err(error) = write_temporary(target) {
            for written in &targets[..=i] {
                let _ = fs::remove_file(&written.temp);
            }
            return Err(WriteFailure::CannotWrite {
                path: target.shown.to_owned(),
                cause: Cause::from(error),
            }
            .into());
        }
    }
    if let Some(ms) = pause_ms {
        eprintln!("wbs: temporary file written");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }

    // 3. Just before the renames, every file must still hold what was read
    // (another program may have written it; the lock keeps out only wbs).
    for target in &targets {
        if let Err(error) = check_unchanged(target) {
            for written in &targets {
                let _ = fs::remove_file(&written.temp);
            }
            return Err(error);
        }
    }

    // 4. Rename them over the plans, then make the renames durable.
    for (i, target) in targets.iter().enumerate() {
        if let Err(error) = fs::rename(&target.temp, &target.path) {
            for rest in &targets[i..] {
                let _ = fs::remove_file(&rest.temp);
            }
            let shown =
                |targets: &[Target<'_>]| targets.iter().map(|t| t.shown.to_owned()).collect();
            return Err(WriteFailure::CannotReplace {
                path: target.shown.to_owned(),
                cause: Cause::from(error),
                written: shown(&targets[..i]),
                unwritten: shown(&targets[i..]),
            }
            .into());
        }
    }
    for target in &targets {
        // A folder that cannot be synced (some file systems) is no error.
        let _ = fs::File::open(&target.folder).and_then(|f| f.sync_all());
    }
    drop(locks);
    Ok(())
}

/// Refuses a read-only plan.
fn check_writable(target: &Target<'_>) -> Result<()> {
    let metadata = fs::metadata(&target.path).map_err(|error| read_again(target, error))?;
    if metadata.permissions().readonly() {
        return Err(WriteFailure::ReadOnly {
            path: target.shown.to_owned(),
        }
        .into());
    }
    Ok(())
}

/// Refuses a file that changed on disk since it was read.
fn check_unchanged(target: &Target<'_>) -> Result<()> {
    let mut expected = Vec::with_capacity(target.source.text.len() + 3);
    if target.source.bom {
        expected.extend_from_slice(b"\xEF\xBB\xBF");
    }
    expected.extend_from_slice(target.source.text.as_bytes());
    let now = fs::read(&target.path).map_err(|error| read_again(target, error))?;
    if now != expected {
        return Err(WriteFailure::ChangedOnDisk {
            path: target.shown.to_owned(),
        }
        .into());
    }
    Ok(())
}

fn read_again(target: &Target<'_>, error: std::io::Error) -> WriteFailure {
    WriteFailure::CannotReadAgain {
        path: target.shown.to_owned(),
        cause: Cause::from(error),
    }
}

/// Writes and syncs the temporary file, created with the plan's
/// permissions so that a private plan is never readable by others.
fn write_temporary(target: &Target<'_>) -> std::io::Result<()> {
    let permissions = fs::metadata(&target.path)?.permissions();
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(permissions.mode() & 0o7777);
    }
    let mut file = options.open(&target.temp)?;
    if target.source.bom {
        file.write_all(b"\xEF\xBB\xBF")?;
    }
    file.write_all(target.text.as_bytes())?;
    file.sync_all()?;
    // The creation mode is masked by the umask: set it exactly.
    fs::set_permissions(&target.temp, permissions)
}

/// Removes the temporary files that a killed wbs left beside the plan (the
/// lock is held, so none is being written).
fn remove_stale_temporaries(folder: &Path, name: &str) {
    let prefix = format!(".{name}.wbs-");
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        // `.NAME.wbs-PID.tmp` (a new plan) or `.NAME.wbs-lock-PID.tmp`
        // (a lock being made).
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
            .map(|f| f.strip_prefix("lock-").unwrap_or(f))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process runs; where that cannot be told, it is taken to run.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// A lock file, holding the process id, for the life of the value. A lock
/// left by a process that no longer runs (killed), or an empty one older
/// than a minute (killed between creating and filling it), is taken over.
struct Lock(PathBuf);

impl Lock {
    fn take(path: &Path) -> Result<Lock> {
        let mut created = Lock::create(path);
        if created
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::AlreadyExists)
            && Lock::is_stale(path)
        {
            let _ = fs::remove_file(path);
            created = Lock::create(path);
        }
        match created {
            Ok(()) => Ok(Lock(path.to_owned())),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(WriteFailure::Locked {
                    lock: path.display().to_string(),
                }
                .into())
            }
            Err(error) => Err(WriteFailure::CannotLock {
                lock: path.display().to_string(),
                cause: Cause::from(error),
            }
            .into()),
        }
    }

    /// Creates the lock already holding the process id: the id goes to a
    /// file of this process's own (`.NAME.wbs-PID.tmp`), which is then
    /// hard-linked to the lock's name, so no one ever sees an empty lock. A
    /// file system without hard links gets the lock created, then filled.
    fn create(path: &Path) -> std::io::Result<()> {
        let pid = std::process::id();
        let mut staging = path.as_os_str().to_owned();
        staging.push(format!("-{pid}.tmp"));
        let staging = PathBuf::from(staging);
        fs::write(&staging, pid.to_string())?;
        let linked = fs::hard_link(&staging, path);
        let _ = fs::remove_file(&staging);
        match linked {
            Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
                let mut file = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)?;
                write!(file, "{pid}")
            }
            linked => linked,
        }
    }

    fn is_stale(path: &Path) -> bool {
        let Ok(text) = fs::read_to_string(path) else {
            return false;
        };
        match text.trim().parse::<u32>() {
            Ok(pid) => !process_alive(pid),
            Err(_) if text.trim().is_empty() => fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|at| at.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 60),
            Err(_) => false,
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Writes a new file at `path`, all or nothing, and never over an existing
/// one: the bytes go to a temporary file beside it, which is then
/// hard-linked to the name (the link fails if the name is taken, even by a
/// file made a moment ago) and removed. A file system without hard links
/// gets the file created exclusively and written in place. An existing
/// file is an `AlreadyExists` error.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = write_beside(path, bytes)?;
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    match linked {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        linked => linked?,
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A folder that cannot be synced (some file systems) is no error.
    let _ = fs::File::open(folder).and_then(|f| f.sync_all());
    Ok(())
}

/// Writes `path` whole or not at all, replacing any file there: a
/// temporary file beside it, then a rename. For outputs that are not
/// plans (an exported workbook).
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = write_beside(path, bytes)?;
    let renamed = fs::rename(&temp, path);
    if renamed.is_err() {
        let _ = fs::remove_file(&temp);
    }
    renamed
}

/// Writes `bytes` to a new temporary file beside `path` and syncs it;
/// returns its path. Nothing is left behind when it fails.
fn write_beside(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.wbs-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(error) => {
            let _ = fs::remove_file(&temp);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::create_new;

    #[test]
    fn create_new_never_replaces_a_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.yaml");
        create_new(&path, b"first\n").expect("a new file");
        assert_eq!(std::fs::read(&path).expect("read"), b"first\n");
        let error = create_new(&path, b"second\n").expect_err("the name is taken");
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("read"), b"first\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["plan.yaml"], "no temporary file is left");
    }
}
