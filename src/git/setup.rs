//! What `wbs git-setup` writes: the `.gitattributes` lines that send plan
//! files to wbs's drivers, and the git configuration that defines them.
//!
//! Each driver is one entry of [`DRIVERS`]; the attribute is added to every
//! plan-set pattern and each setting to the configuration, only where it
//! is missing or different, so running it twice changes nothing.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};

use super::{Repo, stderr_text};
use crate::safe::{escape_control, shell_word};

/// A driver wbs provides to git.
#[derive(Debug)]
pub struct Driver {
    /// The attribute that selects it, e.g. `diff=wbs`.
    pub attribute: &'static str,
    /// The configuration that defines it.
    pub settings: &'static [(&'static str, Value)],
}

/// A configuration value.
#[derive(Debug)]
pub enum Value {
    /// A command line that runs wbs with these words; git appends its own
    /// arguments. `plan_set`: the repository's plan-set roots go in front,
    /// as `-f` options, when they are not the default `plans/`.
    Wbs { words: &'static str, plan_set: bool },
    /// A value as it stands.
    Text(&'static str),
}

/// The drivers `wbs git-setup` configures: the diff driver, and the merge
/// driver of SPEC §3.3 (git runs it once per file, so it reads no plan set).
pub const DRIVERS: &[Driver] = &[
    Driver {
        attribute: "diff=wbs",
        settings: &[(
            "diff.wbs.command",
            Value::Wbs {
                words: "diff-driver",
                plan_set: true,
            },
        )],
    },
    Driver {
        attribute: "merge=wbs",
        settings: &[
            ("merge.wbs.name", Value::Text("wbs plan merge")),
            (
                "merge.wbs.driver",
                Value::Wbs {
                    words: "merge %O %A %B --path %P --marker-size %L",
                    plan_set: false,
                },
            ),
        ],
    },
];

/// Where the configuration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The repository's `.git/config`.
    Repository,
    /// The user's `~/.gitconfig` (or `GIT_CONFIG_GLOBAL`).
    Global,
}

impl Scope {
    fn flag(self) -> &'static str {
        match self {
            Scope::Repository => "--local",
            Scope::Global => "--global",
        }
    }
}

/// What to set up.
#[derive(Debug)]
pub struct Request<'a> {
    pub scope: Scope,
    /// How the configured commands start wbs, as a shell word: see
    /// [`program`].
    pub program: &'a str,
    /// The plan set's roots as the user named them, from the current
    /// directory.
    pub roots: &'a [PathBuf],
    /// Whether the roots were named (`-f`, `WBS_FILE`) rather than the
    /// default `plans/`.
    pub named_roots: bool,
}

/// One thing `setup` changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A line added to `.gitattributes`.
    Attribute(String),
    /// A configuration key set: its old value, if it had one, and the new.
    Config {
        key: &'static str,
        old: Option<String>,
        new: String,
    },
}

/// Writes what is missing of [`DRIVERS`] to the repository's
/// `.gitattributes` and to the configuration of `request.scope`; returns
/// what it changed, nothing when all was in place.
pub fn setup(repo: &Repo, request: &Request) -> Result<Vec<Change>> {
    let mut git_roots = Vec::with_capacity(request.roots.len());
    let mut patterns = Vec::new();
    for root in request.roots {
        let git_path = repo.git_path(root)?;
        patterns.extend(patterns_for(root, &git_path)?);
        git_roots.push(git_path);
    }
    let mut changes = attributes(&repo.toplevel().join(".gitattributes"), &patterns)?;
    for driver in DRIVERS {
        for (key, value) in driver.settings {
            let new = match value {
                Value::Wbs { words, plan_set } => {
                    let mut command = request.program.to_owned();
                    if *plan_set && request.named_roots && request.scope == Scope::Repository {
                        for root in &git_roots {
                            let root = if root.is_empty() { "." } else { root };
                            command.push_str(&format!(" -f {}", shell_word(root)));
                        }
                    }
                    format!("{command} {words}")
                }
                Value::Text(text) => (*text).to_owned(),
            };
            let old = repo.config_get(request.scope, key)?;
            if old.as_deref() != Some(new.as_str()) {
                repo.config_set(request.scope, key, &new)?;
                changes.push(Change::Config { key, old, new });
            }
        }
    }
    Ok(changes)
}

/// How git should start wbs: `wbs` when the first `wbs` on `PATH` is this
/// very program, so the configuration survives upgrades and works on any
/// machine; else this program's absolute path, so it works without wbs on
/// `PATH` (a build in `target/`, a CI tool cache) — until the program moves.
pub fn program(current_exe: Option<&Path>, path_var: Option<&OsStr>) -> String {
    let Some(exe) = current_exe.and_then(|exe| std::fs::canonicalize(exe).ok()) else {
        return "wbs".to_owned();
    };
    let name = format!("wbs{}", std::env::consts::EXE_SUFFIX);
    let first_on_path = path_var
        .into_iter()
        .flat_map(std::env::split_paths)
        .map(|folder| folder.join(&name))
        .find(|candidate| candidate.is_file());
    match first_on_path.and_then(|found| std::fs::canonicalize(found).ok()) {
        Some(found) if found == exe => "wbs".to_owned(),
        _ => shell_word(&exe.to_string_lossy()).into_owned(),
    }
}

/// The `.gitattributes` patterns of one plan-set root: a folder's plan
/// files (and those in folders below it, as SPEC §3.3 writes them), or
/// the file itself. `git_path` is the root from the top of the work tree.
fn patterns_for(root: &Path, git_path: &str) -> Result<Vec<String>> {
    let shown = escape_control(&root.to_string_lossy()).into_owned();
    if git_path.contains(['*', '?', '[', ']', '\\', '"', '\n', '\r']) || git_path.starts_with('!') {
        bail!(
            "cannot write a .gitattributes pattern for `{shown}`: its path holds a character \
             that git reads as part of a pattern\n\
             hint: add the lines to .gitattributes by hand (see `git help gitattributes`)"
        );
    }
    let is_folder = match std::fs::metadata(root) {
        Ok(metadata) => metadata.is_dir(),
        // Not there yet: a plan file's name, or a folder to come.
        Err(_) => !crate::source::planset::path_like(&root.to_string_lossy())
            .is_some_and(|kind| kind == crate::source::planset::PathLike::File),
    };
    let patterns = match (is_folder, git_path) {
        // The top level's own plan files, not every YAML file in the
        // repository.
        (true, "") => vec!["/*.yaml".to_owned(), "/*.yml".to_owned()],
        (true, folder) => vec![format!("{folder}/**/*.yaml"), format!("{folder}/**/*.yml")],
        (false, file) => vec![file.to_owned()],
    };
    Ok(patterns)
}

/// Adds to the attributes file a line for each pattern that lacks one of
/// the drivers' attributes; an existing line for the same pattern counts.
fn attributes(file: &Path, patterns: &[String]) -> Result<Vec<Change>> {
    let shown = || escape_control(&file.to_string_lossy()).into_owned();
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| anyhow!("`{}` is not UTF-8 text; wbs leaves it alone", shown()))?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(anyhow!("cannot read `{}`: {error}", shown())),
    };
    let existing: Vec<(String, Vec<&str>)> = text.lines().filter_map(attribute_line).collect();
    let mut added = Vec::new();
    for pattern in patterns {
        let missing: Vec<&str> = DRIVERS
            .iter()
            .map(|driver| driver.attribute)
            .filter(|attribute| {
                !existing
                    .iter()
                    .any(|(p, attributes)| p == pattern && attributes.contains(attribute))
            })
            .collect();
        if !missing.is_empty() {
            added.push(format!("{} {}", quote_pattern(pattern), missing.join(" ")));
        }
    }
    if added.is_empty() {
        return Ok(Vec::new());
    }
    let mut new_text = text.clone();
    if !new_text.is_empty() && !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    for line in &added {
        new_text.push_str(line);
        new_text.push('\n');
    }
    std::fs::write(file, new_text).with_context(|| format!("cannot write `{}`", shown()))?;
    Ok(added.into_iter().map(Change::Attribute).collect())
}

/// A `.gitattributes` line as (pattern, attributes); `None` for a blank
/// line or a comment. A pattern in double quotes is unquoted.
fn attribute_line(line: &str) -> Option<(String, Vec<&str>)> {
    let line = line.trim_start();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    if let Some(quoted) = line.strip_prefix('"') {
        let mut pattern = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    let rest = &quoted[at + 1..];
                    return Some((pattern, rest.split_whitespace().collect()));
                }
                '\\' => pattern.extend(chars.next().map(|(_, c)| c)),
                c => pattern.push(c),
            }
        }
        return None;
    }
    let mut words = line.split_whitespace();
    let pattern = words.next()?.to_owned();
    Some((pattern, words.collect()))
}

/// A pattern as a `.gitattributes` line needs it: in double quotes when
/// it holds white space or starts like a comment.
fn quote_pattern(pattern: &str) -> String {
    if pattern.contains(char::is_whitespace) || pattern.starts_with('#') {
        format!("\"{pattern}\"")
    } else {
        pattern.to_owned()
    }
}

impl Repo {
    /// A key's value in the configuration of `scope`, if it is set.
    fn config_get(&self, scope: Scope, key: &str) -> Result<Option<String>> {
        let output = self
            .git()
            .args(["config", scope.flag(), "--get", key])
            .output()
            .map_err(super::spawn_error)?;
        match output.status.code() {
            Some(0) => {
                let value = String::from_utf8_lossy(&output.stdout);
                Ok(Some(value.strip_suffix('\n').unwrap_or(&value).to_owned()))
            }
            // Not set.
            Some(1) => Ok(None),
            _ => bail!(
                "git config {} --get {key} failed: {}",
                scope.flag(),
                stderr_text(&output.stderr, output.status)
            ),
        }
    }

    /// Sets a key in the configuration of `scope`, replacing every value
    /// it had.
    fn config_set(&self, scope: Scope, key: &str, value: &str) -> Result<()> {
        let output = self
            .git()
            .args(["config", scope.flag(), "--replace-all", key, value])
            .output()
            .map_err(super::spawn_error)?;
        if !output.status.success() {
            bail!(
                "git config {} {key} failed: {}",
                scope.flag(),
                stderr_text(&output.stderr, output.status)
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lines_are_read_as_git_reads_them() {
        assert_eq!(
            attribute_line("plans/**/*.yaml diff=wbs  merge=wbs"),
            Some(("plans/**/*.yaml".to_owned(), vec!["diff=wbs", "merge=wbs"]))
        );
        assert_eq!(
            attribute_line("\"my plans/**/*.yaml\" diff=wbs"),
            Some(("my plans/**/*.yaml".to_owned(), vec!["diff=wbs"]))
        );
        assert_eq!(attribute_line("  # plans/*.yaml diff=wbs"), None);
        assert_eq!(attribute_line(""), None);
    }

    #[test]
    fn patterns_quote_white_space() {
        assert_eq!(
            quote_pattern("my plans/**/*.yaml"),
            "\"my plans/**/*.yaml\""
        );
        assert_eq!(quote_pattern("plans/**/*.yaml"), "plans/**/*.yaml");
    }

    #[test]
    fn program_is_wbs_only_when_path_finds_this_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let exe = dir
            .path()
            .join(format!("wbs{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&exe, "").expect("write");
        let other = tempfile::tempdir().expect("temp dir");
        let canonical = std::fs::canonicalize(&exe).expect("canonical");
        let absolute = shell_word(&canonical.to_string_lossy()).into_owned();
        assert_eq!(program(Some(&exe), Some(dir.path().as_os_str())), "wbs");
        assert_eq!(
            program(Some(&exe), Some(other.path().as_os_str())),
            absolute
        );
        assert_eq!(program(Some(&exe), None), absolute);
        assert_eq!(program(None, None), "wbs");
    }
}
