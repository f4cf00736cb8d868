//! Many objects read through one `git cat-file --batch` process, one at a
//! time: `wbs history` reads the trees and files of hundreds of commits
//! through it, at the cost of one process.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::Stdio;

use anyhow::{Result, anyhow, bail};

use super::{Repo, spawn_error};
use crate::safe::{escape_control, excerpt};

/// One entry of a tree object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeEntry {
    /// The file mode as git writes it: `100644`, `100755`, `120000` (a
    /// symbolic link), `40000` (a folder), `160000` (a submodule).
    pub mode: String,
    pub name: String,
    /// The object's full hex id.
    pub oid: String,
}

impl TreeEntry {
    pub fn is_tree(&self) -> bool {
        self.mode == "40000"
    }

    /// A regular file, plain or executable.
    pub fn is_file(&self) -> bool {
        self.mode.starts_with("100")
    }

    pub fn is_link(&self) -> bool {
        self.mode == "120000"
    }
}

/// What `git cat-file --batch` answered for one object name.
#[derive(Debug)]
pub enum Object {
    /// No such object (or no such path in that commit).
    Missing,
    /// The object, with its id, type (`blob`, `tree`, …) and content.
    Found {
        oid: String,
        kind: String,
        bytes: Vec<u8>,
    },
    /// The object is larger than the limit asked; its content was skipped.
    TooBig { oid: String, size: u64 },
}

/// One `git cat-file --batch` process kept open, asked for one object at a
/// time: history reads the trees and files of hundreds of commits through
/// it, at the cost of one process.
pub struct Objects {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    stdout: BufReader<std::process::ChildStdout>,
}

impl std::fmt::Debug for Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Objects").finish_non_exhaustive()
    }
}

impl Objects {
    /// Reads the object `name` names: an id, `<commit>:<path>` or
    /// `<commit>^{tree}`. An object over `limit` bytes is not read.
    /// git flushes its answer after each request (no `--buffer`), so one
    /// request and its answer never wait on each other.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Object> {
        if name.contains(['\n', '\r', '\0']) {
            bail!(
                "cannot read `{}` from git: its name holds a line break",
                escape_control(name)
            );
        }
        let pipe_error = |error: io::Error| anyhow!("cannot talk to git cat-file: {error}");
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| anyhow!("git cat-file is closed"))?;
        stdin
            .write_all(format!("{name}\n").as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(pipe_error)?;
        let mut header = Vec::new();
        self.stdout
            .read_until(b'\n', &mut header)
            .map_err(pipe_error)?;
        let Some(line) = header.strip_suffix(b"\n") else {
            bail!(
                "git cat-file ended before answering for `{}`",
                excerpt(name)
            );
        };
        let line = String::from_utf8_lossy(line);
        if line.ends_with(" missing") || line.ends_with(" ambiguous") {
            return Ok(Object::Missing);
        }
        let mut fields = line.split(' ');
        let (Some(oid), Some(kind), Some(size), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            bail!(
                "git cat-file answered `{}` for `{}`, not `<id> <type> <size>`",
                escape_control(&line),
                excerpt(name)
            );
        };
        let size: u64 = size
            .parse()
            .map_err(|_| anyhow!("git cat-file gave the size `{}`", escape_control(size)))?;
        let (oid, kind) = (oid.to_owned(), kind.to_owned());
        let skip = size > limit;
        let mut bytes = Vec::with_capacity(if skip {
            0
        } else {
            usize::try_from(size).unwrap_or(0)
        });
        let read = if skip {
            io::copy(&mut (&mut self.stdout).take(size), &mut io::sink())
        } else {
            (&mut self.stdout)
                .take(size)
                .read_to_end(&mut bytes)
                .map(|n| n as u64)
        }
        .map_err(pipe_error)?;
        let mut end = [0u8; 1];
        if read != size || self.stdout.read_exact(&mut end).is_err() || end != *b"\n" {
            bail!("git cat-file ended in the middle of `{}`", excerpt(name));
        }
        Ok(if skip {
            Object::TooBig { oid, size }
        } else {
            Object::Found { oid, kind, bytes }
        })
    }
}

impl Drop for Objects {
    fn drop(&mut self) {
        // Closing stdin tells git there is no more to read.
        drop(self.stdin.take());
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// The entries of a tree object's content: `<mode> <name>\0<id bytes>`
/// each, with ids of `id_len` bytes (20 for SHA-1, 32 for SHA-256).
/// Entries whose name is not UTF-8 are left out: no plan path names them.
pub fn tree_entries(bytes: &[u8], id_len: usize) -> Result<Vec<TreeEntry>> {
    let malformed = || anyhow!("git gave a tree object that does not read as one");
    let mut entries = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ').ok_or_else(malformed)?;
        let nul = rest.iter().position(|&b| b == 0).ok_or_else(malformed)?;
        if nul < space || rest.len() < nul + 1 + id_len {
            return Err(malformed());
        }
        let mode = std::str::from_utf8(&rest[..space]).map_err(|_| malformed())?;
        let id = &rest[nul + 1..nul + 1 + id_len];
        if let Ok(name) = std::str::from_utf8(&rest[space + 1..nul]) {
            let mut oid = String::with_capacity(id_len * 2);
            for byte in id {
                oid.push_str(&format!("{byte:02x}"));
            }
            entries.push(TreeEntry {
                mode: mode.to_owned(),
                name: name.to_owned(),
                oid,
            });
        }
        rest = &rest[nul + 1 + id_len..];
    }
    Ok(entries)
}

impl Repo {
    /// Opens one `git cat-file --batch` process for reading many objects.
    pub fn objects(&self) -> Result<Objects> {
        let mut child = self
            .git()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_error)?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("git cat-file started without its pipes");
        };
        Ok(Objects {
            child,
            stdin: Some(stdin),
            stdout: BufReader::new(stdout),
        })
    }
}
