//! git's call of an external diff driver (`diff.<driver>.command`, or
//! `GIT_EXTERNAL_DIFF`), read into a typed request.
//!
//! Verified against git 2.47 and its documentation (GIT_EXTERNAL_DIFF in
//! git(1)); git runs the command from the top of the work tree with:
//!
//! - 7 arguments for a path added, deleted or modified:
//!   `path old-file old-hex old-mode new-file new-hex new-mode`. A missing
//!   side is `/dev/null` with hex and mode `.`; a side in the work tree is
//!   the file itself with the hex all zeros; any other side is a temporary
//!   file that keeps the path's base name.
//! - 9 arguments for a rename or copy (with `-M`/`-C`): the 7, then the new
//!   path and git's description of it (`similarity index 90%\nrename from
//!   a\nrename to b\n`).
//! - 1 argument, the path, for an unmerged path (`git diff --cached` during
//!   a conflicted merge).

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Result, bail};

/// One call of the driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExternalDiff {
    /// A path added (no old side), deleted (no new side), modified, renamed
    /// or copied.
    Change {
        /// The path from the top of the work tree (the old path of a
        /// rename).
        path: PathBuf,
        old: Option<Side>,
        new: Option<Side>,
        /// The new path of a rename or copy.
        new_path: Option<PathBuf>,
    },
    /// A path a merge left with conflicts.
    Unmerged { path: PathBuf },
}

/// One version of the file as git hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Where to read it: a temporary file, or the work-tree file itself.
    pub file: PathBuf,
    /// The blob id; all zeros for a work-tree file git has not hashed.
    pub hex: String,
    /// The file mode in octal, e.g. `100644`.
    pub mode: String,
}

/// What git writes for a side that does not exist.
const NO_FILE: &str = "/dev/null";

impl ExternalDiff {
    /// Reads git's arguments. Counts other than 1, 7 and 9 are refused,
    /// except that more than 9 are read as 9, in case a later git adds one.
    pub fn parse(args: &[OsString]) -> Result<ExternalDiff> {
        match args {
            [path] => Ok(ExternalDiff::Unmerged {
                path: PathBuf::from(path),
            }),
            [
                path,
                old_file,
                old_hex,
                old_mode,
                new_file,
                new_hex,
                new_mode,
                rest @ ..,
            ] if rest.len() != 1 => Ok(ExternalDiff::Change {
                path: PathBuf::from(path),
                old: Side::read(old_file, old_hex, old_mode),
                new: Side::read(new_file, new_hex, new_mode),
                new_path: rest.first().map(PathBuf::from),
            }),
            _ => bail!(
                "git calls a diff driver with 1, 7 or 9 arguments, not {}\n\
                 hint: this command is for git to run; `wbs git-setup` configures it, \
                 and `wbs diff OLD NEW` compares two versions",
                args.len()
            ),
        }
    }

    /// The path shown for the change: the new path of a rename.
    pub fn shown_path(&self) -> &PathBuf {
        match self {
            ExternalDiff::Change {
                new_path: Some(path),
                ..
            }
            | ExternalDiff::Change { path, .. }
            | ExternalDiff::Unmerged { path } => path,
        }
    }
}

impl Side {
    fn read(file: &OsString, hex: &OsString, mode: &OsString) -> Option<Side> {
        if file == NO_FILE {
            return None;
        }
        Some(Side {
            file: PathBuf::from(file),
            hex: hex.to_string_lossy().into_owned(),
            mode: mode.to_string_lossy().into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<ExternalDiff> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        ExternalDiff::parse(&args)
    }

    fn side(file: &str, hex: &str, mode: &str) -> Option<Side> {
        Some(Side {
            file: PathBuf::from(file),
            hex: hex.to_owned(),
            mode: mode.to_owned(),
        })
    }

    const ZERO: &str = "0000000000000000000000000000000000000000";
    const HEX: &str = "78981922613b2afb6025042ff6bd878ac1994e85";

    #[test]
    fn each_form_git_uses() {
        // Modified in the work tree.
        let change = parse(&[
            "plans/a.yaml",
            "/tmp/git-blob-sSPv5l/a.yaml",
            HEX,
            "100644",
            "plans/a.yaml",
            ZERO,
            "100755",
        ])
        .expect("7");
        assert_eq!(
            change,
            ExternalDiff::Change {
                path: "plans/a.yaml".into(),
                old: side("/tmp/git-blob-sSPv5l/a.yaml", HEX, "100644"),
                new: side("plans/a.yaml", ZERO, "100755"),
                new_path: None,
            }
        );
        // Added, and deleted.
        let added = parse(&["n.yaml", "/dev/null", ".", ".", "n.yaml", ZERO, "100644"]);
        assert!(matches!(
            added,
            Ok(ExternalDiff::Change {
                old: None,
                new: Some(_),
                ..
            })
        ));
        let deleted = parse(&[
            "d.yaml",
            "/tmp/x/d.yaml",
            HEX,
            "100644",
            "/dev/null",
            ".",
            ".",
        ]);
        assert!(matches!(
            deleted,
            Ok(ExternalDiff::Change {
                old: Some(_),
                new: None,
                ..
            })
        ));
        // Renamed.
        let renamed = parse(&[
            "plans/r.yaml",
            "/tmp/git-blob-09qRWa/r.yaml",
            HEX,
            "100644",
            "/tmp/git-blob-lQBdga/r2.yaml",
            HEX,
            "100644",
            "plans/r2.yaml",
            "similarity index 100%\nrename from plans/r.yaml\nrename to plans/r2.yaml\n",
        ])
        .expect("9");
        assert_eq!(renamed.shown_path(), &PathBuf::from("plans/r2.yaml"));
        // Unmerged.
        assert_eq!(
            parse(&["plans/a.yaml"]).expect("1"),
            ExternalDiff::Unmerged {
                path: "plans/a.yaml".into()
            }
        );
    }

    #[test]
    fn other_counts_are_refused() {
        for count in [0, 2, 6, 8] {
            let args = vec!["x"; count];
            let error = format!("{:#}", parse(&args).expect_err("refused"));
            assert!(
                error.starts_with(&format!(
                    "git calls a diff driver with 1, 7 or 9 arguments, not {count}"
                )),
                "{error}"
            );
        }
        assert!(parse(&["x"; 10]).is_ok());
    }
}
