//! Reading plan files as of a git revision, through the git command.
//!
//! wbs links no git library: it runs `git` directly (never through a shell),
//! with no pager, no terminal prompt, literal pathspecs and unquoted file
//! names, and reads its output as bytes. Revisions and paths come from users
//! and pull requests, so none of them is ever placed where git would read it
//! as an option, and every name git returns is escaped before it is printed.

pub mod external_diff;
pub mod setup;

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;

use anyhow::{Context, Result, anyhow, bail};

use crate::i18n::io::InputFailure;
use crate::safe::{escape_control, excerpt};
use crate::source::planset::{MAX_SET_BYTES, display_path};

/// A git work tree, found from the current directory.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The work tree's top level, as git prints it; git runs here.
    toplevel: PathBuf,
    /// The same with symbolic links resolved, to place absolute paths in.
    canonical_top: PathBuf,
    /// The current directory's path inside the work tree, one name per
    /// folder (empty at the top level).
    prefix: Vec<String>,
}

/// [`Repo::discover`] found no work tree: git said why.
#[derive(Debug)]
pub struct NotARepository {
    /// The directory, safe to print.
    pub dir: String,
    /// git's message, safe to print.
    pub git_said: String,
}

impl std::fmt::Display for NotARepository {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not inside a git work tree: {}\n\
             hint: run wbs inside a git repository to read plans as of a revision, \
             or compare plan files by path",
            self.dir, self.git_said
        )
    }
}

impl std::error::Error for NotARepository {}

/// What a path names in a commit's tree.
enum Entry {
    /// A folder: the id of its tree.
    Tree(String),
    /// A regular file (plain or executable).
    File,
    /// A symbolic link, which git stores as a blob holding the target.
    Link,
    /// A submodule.
    Submodule,
}

impl Repo {
    /// The repository the current directory `cwd` is in. Error (anyhow, clear message + hint) when
    /// it is not inside a git work tree, or git is not installed.
    pub fn discover(cwd: &Path) -> Result<Repo> {
        let output = git_at(cwd)
            .args(["rev-parse", "--show-toplevel", "--show-prefix"])
            .output()
            .map_err(spawn_error)?;
        if !output.status.success() {
            return Err(NotARepository {
                dir: escape_control(&cwd.to_string_lossy()).into_owned(),
                git_said: stderr_text(&output.stderr, output.status),
            }
            .into());
        }
        // Two lines: the top level, then the prefix (empty at the top).
        let stdout = output.stdout.strip_suffix(b"\n").unwrap_or(&output.stdout);
        let Some(split) = stdout.iter().position(|&b| b == b'\n') else {
            bail!(
                "git rev-parse --show-toplevel --show-prefix printed `{}`, not two lines",
                escape_control(&String::from_utf8_lossy(stdout))
            );
        };
        let (top, prefix) = (&stdout[..split], &stdout[split + 1..]);
        let toplevel = PathBuf::from(os_string(top.to_vec())?);
        let prefix = std::str::from_utf8(prefix)
            .map_err(|_| {
                anyhow!(
                    "the current directory's path inside the repository, `{}`, is not UTF-8",
                    escape_control(&String::from_utf8_lossy(prefix))
                )
            })?
            .split('/')
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        let canonical_top = std::fs::canonicalize(&toplevel).unwrap_or_else(|_| toplevel.clone());
        Ok(Repo {
            toplevel,
            canonical_top,
            prefix,
        })
    }

    /// The work tree's top level.
    pub fn toplevel(&self) -> &Path {
        &self.toplevel
    }

    /// The commit a revision names (full hex id). Runs
    /// `git rev-parse --verify --quiet --end-of-options <rev>^{commit}` so that a revision
    /// starting with `-` (e.g. `--output=x`) can never act as an option.
    pub fn resolve(&self, rev: &str) -> Result<String> {
        let shown = excerpt(rev);
        let unknown = |said: Option<String>| InputFailure::UnknownRevision {
            rev: shown.to_string(),
            said,
        };
        if rev.is_empty() || rev.chars().any(char::is_control) {
            return Err(unknown(None).into());
        }
        let output = self
            .git()
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{rev}^{{commit}}"))
            .output()
            .map_err(spawn_error)?;
        if output.status.success() {
            let id = String::from_utf8_lossy(&output.stdout).trim().to_owned();
            if !is_object_id(&id) {
                bail!(
                    "git rev-parse printed `{}` for `{shown}`, not a commit id",
                    escape_control(&id)
                );
            }
            return Ok(id);
        }
        if self.is_shallow() {
            let rev = shown.into_owned();
            return Err(InputFailure::ShallowRevision { rev }.into());
        }
        if self.names_object(rev) {
            let rev = shown.into_owned();
            return Err(InputFailure::NotACommit { rev }.into());
        }
        // `--quiet` silences the usual "unknown revision"; anything git still
        // says is a different failure worth showing.
        let stderr = String::from_utf8_lossy(&output.stderr);
        match stderr.trim() {
            "" => Err(unknown(None).into()),
            said => Err(unknown(Some(escape_control(said).into_owned())).into()),
        }
    }

    /// The plan files of a plan set as of `commit`: `roots` are the working-tree plan-set roots
    /// (paths as the user gave them, relative to `cwd` or absolute inside the work tree). A root
    /// that is a folder at that commit gives every `*.yaml` / `*.yml` directly in it, sorted by
    /// name; a root that is a file gives that file. Returns (display path — the path as the user
    /// would write it, relative to cwd, e.g. `plans/a.yaml` — and the path relative to the top
    /// level for git). A file named twice is listed once.
    ///
    /// Symbolic links are left out of folders and refused as roots: git stores
    /// a link's target, not the file it points to.
    pub fn plan_files(
        &self,
        commit: &str,
        rev_name: &str,
        roots: &[PathBuf],
    ) -> Result<Vec<(String, String)>> {
        check_object_id(commit)?;
        let rev_shown = excerpt(rev_name);
        let mut files = Vec::new();
        for root in roots {
            let git_path = self.git_path(root)?;
            let shown = display_path(root);
            let shown_safe = escape_control(&shown);
            let entry = if git_path.is_empty() {
                Some(Entry::Tree(commit.to_owned()))
            } else {
                self.entry(commit, &git_path)?
            };
            match entry {
                None => {
                    return Err(InputFailure::NotAtRevision {
                        path: shown_safe.into_owned(),
                        rev: rev_shown.into_owned(),
                    }
                    .into());
                }
                Some(Entry::Tree(tree)) => {
                    let names = self.plan_names_in(&tree)?;
                    if names.is_empty() {
                        return Err(InputFailure::NoPlanFilesAt {
                            path: shown_safe.into_owned(),
                            rev: rev_shown.into_owned(),
                        }
                        .into());
                    }
                    for name in names {
                        let display = display_path(&root.join(&name));
                        let path = match git_path.as_str() {
                            "" => name,
                            folder => format!("{folder}/{name}"),
                        };
                        files.push((display, path));
                    }
                }
                Some(Entry::File) => files.push((shown, git_path)),
                Some(Entry::Link) => {
                    return Err(InputFailure::LinkAtRevision {
                        path: shown_safe.into_owned(),
                        rev: rev_shown.into_owned(),
                    }
                    .into());
                }
                Some(Entry::Submodule) => {
                    return Err(InputFailure::SubmoduleAtRevision {
                        path: shown_safe.into_owned(),
                        rev: rev_shown.into_owned(),
                    }
                    .into());
                }
            }
        }
        let mut seen = HashSet::new();
        files.retain(|(_, path)| seen.insert(path.clone()));
        Ok(files)
    }

    /// Reads many files at `commit` through one `git cat-file --batch` process, each refused
    /// when it is over `limit` bytes (and all together over [`MAX_SET_BYTES`]) before its
    /// content is read. Returns (display path, bytes) in the order given.
    pub fn read_files(
        &self,
        commit: &str,
        rev_name: &str,
        files: &[(String, String)],
        limit: u64,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        check_object_id(commit)?;
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut requests = String::new();
        for (shown, path) in files {
            // cat-file reads one request per line.
            if path.contains(['\n', '\r', '\0']) {
                bail!(
                    "cannot read `{}` from git: its name holds a line break",
                    escape_control(shown)
                );
            }
            requests.push_str(&format!("{commit}:{path}\n"));
        }

        let mut child = self
            .git()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_error)?;
        let (Some(mut stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("git cat-file started without its pipes");
        };
        // git answers while it reads, so requests are written from their own
        // thread: written from here, a large batch would fill both pipes and
        // wait forever. Dropping stdin at the end tells git there is no more.
        let writer = thread::spawn(move || stdin.write_all(requests.as_bytes()));
        let stderr_reader = thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stderr.read_to_end(&mut text);
            text
        });

        let answers = read_answers(BufReader::new(stdout), &excerpt(rev_name), files, limit);
        if answers.is_err() {
            // Refused or broken: stop git rather than drain what is left.
            let _ = child.kill();
        }
        let status = child.wait().context("git cat-file failed")?;
        // The writer fails only when git stopped reading; the answers say why.
        let _ = writer.join();
        let stderr = stderr_reader.join().unwrap_or_default();
        match answers {
            Ok(blobs) if status.success() => Ok(blobs),
            Ok(_) => bail!("git cat-file failed: {}", stderr_text(&stderr, status)),
            Err(error) if !stderr.trim_ascii().is_empty() => Err(error.context(format!(
                "git cat-file failed: {}",
                stderr_text(&stderr, status)
            ))),
            Err(error) => Err(error),
        }
    }

    /// A git command run at the top level.
    fn git(&self) -> Command {
        git_at(&self.toplevel)
    }

    fn is_shallow(&self) -> bool {
        self.git()
            .args(["rev-parse", "--is-shallow-repository"])
            .output()
            .is_ok_and(|output| output.status.success() && output.stdout.trim_ascii() == b"true")
    }

    /// Whether `rev` names some object, e.g. a tree or blob, if not a commit.
    fn names_object(&self, rev: &str) -> bool {
        self.git()
            .args(["rev-parse", "--verify", "--quiet", "--end-of-options", rev])
            .output()
            .is_ok_and(|output| output.status.success())
    }

    /// A root's path from the top level, `/`-separated; empty for the top.
    /// A relative root is taken from the current directory; `.` and `..`
    /// are resolved by name, as git does for paths inside a tree.
    fn git_path(&self, root: &Path) -> Result<String> {
        let outside = || {
            anyhow!(
                "`{}` is outside the git work tree `{}`",
                escape_control(&root.to_string_lossy()),
                escape_control(&self.toplevel.to_string_lossy())
            )
        };
        let (mut names, relative) = if root.is_absolute() {
            let absolute = canonical_ancestors(root);
            let inside = absolute
                .strip_prefix(&self.canonical_top)
                .or_else(|_| absolute.strip_prefix(&self.toplevel))
                .map_err(|_| outside())?
                .to_path_buf();
            (Vec::new(), inside)
        } else {
            (self.prefix.clone(), root.to_path_buf())
        };
        for component in relative.components() {
            match component {
                Component::Normal(name) => {
                    let name = name.to_str().with_context(|| {
                        format!(
                            "cannot read `{}` from git: its name is not UTF-8",
                            escape_control(&root.to_string_lossy())
                        )
                    })?;
                    names.push(name.to_owned());
                }
                Component::ParentDir => {
                    names.pop().ok_or_else(outside)?;
                }
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        Ok(names.join("/"))
    }

    /// What `path` (from the top level) is at `commit`, if anything.
    fn entry(&self, commit: &str, path: &str) -> Result<Option<Entry>> {
        let listing = self.ls_tree(commit, Some(path))?;
        Ok(listing
            .into_iter()
            .find(|record| record.name == path)
            .map(
                |record| match (record.mode.as_str(), record.kind.as_str()) {
                    (_, "tree") => Entry::Tree(record.oid),
                    ("120000", _) => Entry::Link,
                    (_, "blob") => Entry::File,
                    _ => Entry::Submodule,
                },
            ))
    }

    /// The names of the plan files directly in a tree, sorted.
    fn plan_names_in(&self, tree: &str) -> Result<Vec<String>> {
        let mut names: Vec<String> = self
            .ls_tree(tree, None)?
            .into_iter()
            .filter(|record| record.kind == "blob" && record.mode != "120000")
            .map(|record| record.name)
            .filter(|name| {
                Path::new(name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e == "yaml" || e == "yml")
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// `git ls-tree -z` of a tree (or commit) id, or of one path in it; one
    /// record per entry. The id is hex from git, so it cannot pass for an
    /// option, and the path follows `--`. (Not `--end-of-options`: after it,
    /// ls-tree would take `--` itself for a path.)
    fn ls_tree(&self, tree: &str, path: Option<&str>) -> Result<Vec<TreeRecord>> {
        check_object_id(tree)?;
        let output = self
            .git()
            .args(["ls-tree", "-z", "--full-name", tree, "--"])
            .args(path)
            .output()
            .map_err(spawn_error)?;
        if !output.status.success() {
            bail!(
                "git ls-tree failed: {}",
                stderr_text(&output.stderr, output.status)
            );
        }
        output
            .stdout
            .split(|&b| b == 0)
            .filter(|record| !record.is_empty())
            .filter_map(|record| TreeRecord::parse(record).transpose())
            .collect()
    }
}

/// One `<mode> <type> <oid>\t<name>` record of `git ls-tree -z`.
struct TreeRecord {
    mode: String,
    kind: String,
    oid: String,
    name: String,
}

impl TreeRecord {
    /// The record, or `None` for a name that is not UTF-8: no plan path
    /// can name it, and wbs shows paths as text.
    fn parse(record: &[u8]) -> Result<Option<TreeRecord>> {
        let malformed = || {
            anyhow!(
                "git ls-tree printed `{}`, not `<mode> <type> <id>\\t<name>`",
                escape_control(&String::from_utf8_lossy(record))
            )
        };
        let tab = record
            .iter()
            .position(|&b| b == b'\t')
            .ok_or_else(malformed)?;
        let info = std::str::from_utf8(&record[..tab]).map_err(|_| malformed())?;
        let mut fields = info.split(' ');
        let (Some(mode), Some(kind), Some(oid), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(malformed());
        };
        let Ok(name) = std::str::from_utf8(&record[tab + 1..]) else {
            return Ok(None);
        };
        Ok(Some(TreeRecord {
            mode: mode.to_owned(),
            kind: kind.to_owned(),
            oid: oid.to_owned(),
            name: name.to_owned(),
        }))
    }
}

/// Reads one answer per file from `git cat-file --batch`:
/// `<oid> blob <size>\n<content>\n`, or `<request> missing\n`.
fn read_answers(
    mut stdout: impl BufRead,
    rev_shown: &str,
    files: &[(String, String)],
    limit: u64,
) -> Result<Vec<(String, Vec<u8>)>> {
    let pipe_error = |error: io::Error| anyhow!("cannot read from git cat-file: {error}");
    let mut blobs = Vec::with_capacity(files.len());
    let mut total: u64 = 0;
    let mut header = Vec::new();
    for (shown, _) in files {
        let shown_safe = escape_control(shown);
        header.clear();
        stdout.read_until(b'\n', &mut header).map_err(pipe_error)?;
        let Some(line) = header.strip_suffix(b"\n") else {
            bail!("git cat-file ended before answering for `{shown_safe}` at {rev_shown}");
        };
        let line = String::from_utf8_lossy(line);
        if line.ends_with(" missing") {
            return Err(InputFailure::NotAtRevision {
                path: shown_safe.into_owned(),
                rev: rev_shown.to_string(),
            }
            .into());
        }
        if line.ends_with(" ambiguous") {
            bail!("`{shown_safe}` at {rev_shown} is ambiguous to git");
        }
        let mut fields = line.split(' ');
        let (Some(_oid), Some(kind), Some(size), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            bail!(
                "git cat-file answered `{}` for `{shown_safe}`, not `<id> <type> <size>`",
                escape_control(&line)
            );
        };
        match kind {
            "blob" => {}
            "tree" => {
                return Err(InputFailure::FolderAtRevision {
                    path: shown_safe.into_owned(),
                    rev: rev_shown.to_string(),
                }
                .into());
            }
            other => bail!(
                "`{shown_safe}` is a {} at {rev_shown}, not a file",
                escape_control(other)
            ),
        }
        let size: u64 = size.parse().map_err(|_| {
            anyhow!(
                "git cat-file gave the size `{}` for `{shown_safe}`",
                escape_control(size)
            )
        })?;
        let limit = limit.min(MAX_SET_BYTES.saturating_sub(total));
        if size > limit {
            return Err(InputFailure::TooBigAtRevision {
                path: shown_safe.into_owned(),
                rev: rev_shown.to_string(),
                size,
                limit,
            }
            .into());
        }
        // `size` is at most MAX_SET_BYTES (2 GiB), which fits usize on
        // every platform Rust supports with processes.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        (&mut stdout)
            .take(size)
            .read_to_end(&mut bytes)
            .map_err(pipe_error)?;
        let mut end = [0u8; 1];
        if bytes.len() as u64 != size || stdout.read_exact(&mut end).is_err() || end != *b"\n" {
            bail!("git cat-file ended in the middle of `{shown_safe}` at {rev_shown}");
        }
        total += size;
        blobs.push((shown.clone(), bytes));
    }
    Ok(blobs)
}

/// A git command run in `dir`: no pager, no prompt for credentials, file
/// names unquoted, pathspecs literal (a plan named `*.yaml` is that file,
/// not a pattern), and no optional locks taken in the user's repository.
fn git_at(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("--no-pager")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    command
}

fn spawn_error(error: io::Error) -> anyhow::Error {
    if error.kind() == io::ErrorKind::NotFound {
        anyhow!(
            "cannot run git: it is not installed or not on PATH\n\
             hint: install git to read plans as of a revision, or compare plan files by path"
        )
    } else {
        anyhow!("cannot run git: {error}")
    }
}

/// What git said on stderr, trimmed and safe to print; its exit status when
/// it said nothing.
fn stderr_text(stderr: &[u8], status: std::process::ExitStatus) -> String {
    let text = String::from_utf8_lossy(stderr);
    match text.trim() {
        "" => status.to_string(),
        said => escape_control(said).into_owned(),
    }
}

/// A full object id: 40 (SHA-1) or 64 (SHA-256) hex digits.
fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Refuses anything but a resolved object id, which alone is safe to put
/// before `:path` and among git's arguments.
fn check_object_id(id: &str) -> Result<()> {
    if !is_object_id(id) {
        bail!(
            "`{}` is not a git object id; resolve the revision first",
            excerpt(id)
        );
    }
    Ok(())
}

/// `path` with symbolic links resolved in the longest part of it that
/// exists, so it compares with git's (resolved) top level even when the
/// rest exists only in an older commit.
fn canonical_ancestors(path: &Path) -> PathBuf {
    for ancestor in path.ancestors() {
        if let Ok(canonical) = std::fs::canonicalize(ancestor) {
            return match path.strip_prefix(ancestor) {
                Ok(rest) if !rest.as_os_str().is_empty() => canonical.join(rest),
                _ => canonical,
            };
        }
    }
    path.to_path_buf()
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> Result<OsString> {
    use std::os::unix::ffi::OsStringExt;
    Ok(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> Result<OsString> {
    String::from_utf8(bytes)
        .map(OsString::from)
        .map_err(|_| anyhow!("git printed a top-level path that is not UTF-8"))
}

/// Splits a diff source `REV:PATH` into (rev, path); `None` when there is no
/// `:`, or either side is empty (`:PATH` is git's index, not a revision).
///
/// This splits at the first `:`, so a revision that holds a colon (such as
/// `HEAD^{/fix: typo}`) cannot be written this way, and neither `C:\plan.yaml`
/// nor `notes:v2.yaml` is told from `REV:PATH` here: the caller checks the
/// file system first and treats a source that exists on disk as a path.
pub fn split_rev_path(source: &str) -> Option<(&str, &str)> {
    let (rev, path) = source.split_once(':')?;
    if rev.is_empty() || path.is_empty() {
        return None;
    }
    Some((rev, path))
}

mod log;
mod objects;

pub use log::Commit;
pub use objects::{Object, Objects, TreeEntry, tree_entries};
