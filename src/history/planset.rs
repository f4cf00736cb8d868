//! Which files make up the plan set at a commit, read from git's trees: the
//! same roots as in the working tree (`-f`, `WBS_FILE` or `plans/`), each a
//! folder (its `*.yaml` and `*.yml` files) or a file, at that commit. The
//! files of a set come and go over history: a root that is not there at a
//! commit adds nothing to its set.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Result, bail};

use crate::git::{Object, Objects, Repo, TreeEntry, tree_entries};
use crate::safe::escape_control;
use crate::source::planset::display_path;

/// A plan-set root, placed in the repository.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    /// As the user named it, for display.
    given: PathBuf,
    /// The folder holding it, from the top level (empty for the top).
    parent: String,
    /// Its name in that folder; empty when the root is the top level.
    name: String,
}

impl Root {
    /// Places each root in the repository.
    pub(crate) fn all(repo: &Repo, roots: &[PathBuf]) -> Result<Vec<Root>> {
        roots
            .iter()
            .map(|given| {
                let path = repo.tree_path(given)?;
                let (parent, name) = match path.rsplit_once('/') {
                    Some((parent, name)) => (parent.to_owned(), name.to_owned()),
                    None => (String::new(), path),
                };
                Ok(Root {
                    given: given.clone(),
                    parent,
                    name,
                })
            })
            .collect()
    }
}

/// One file of a plan set at a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileRef {
    /// The path as the user would write it (relative to where wbs runs).
    pub display: String,
    /// The path from the top level, which tells files apart.
    pub path: String,
    /// The blob's id: the same content has the same id in every commit.
    pub oid: String,
}

/// Reads plan sets commit after commit, remembering every tree it read:
/// from one commit to the next most folders are the same tree.
pub(crate) struct SetReader<'r> {
    objects: &'r mut Objects,
    roots: &'r [Root],
    trees: HashMap<String, Rc<Vec<TreeEntry>>>,
}

impl<'r> SetReader<'r> {
    pub(crate) fn new(objects: &'r mut Objects, roots: &'r [Root]) -> SetReader<'r> {
        SetReader {
            objects,
            roots,
            trees: HashMap::new(),
        }
    }

    /// The plan files at `commit`, in load order (roots in order, each
    /// folder's files by name), a file named twice listed once. A symbolic
    /// link or submodule where a root names a file is refused, as `wbs
    /// diff` refuses it; inside a folder it is passed over.
    pub(crate) fn files_at(&mut self, commit: &str) -> Result<Vec<FileRef>> {
        let id_len = commit.len() / 2;
        let mut files: Vec<FileRef> = Vec::new();
        for root in self.roots {
            let folder = match root.name.as_str() {
                // The top level itself.
                "" => match self.tree(&format!("{commit}^{{tree}}"), id_len)? {
                    Some(entries) => entries,
                    None => continue,
                },
                name => {
                    let Some(parent) = self.tree(&format!("{commit}:{}", root.parent), id_len)?
                    else {
                        continue;
                    };
                    let Some(entry) = parent.iter().find(|e| e.name == name) else {
                        continue;
                    };
                    if entry.is_file() {
                        files.push(FileRef {
                            display: display_path(&root.given),
                            path: join(&root.parent, name),
                            oid: entry.oid.clone(),
                        });
                        continue;
                    }
                    if !entry.is_tree() {
                        let what = if entry.is_link() {
                            "a symbolic link"
                        } else {
                            "a submodule"
                        };
                        bail!(
                            "`{}` is {what} at {}; wbs reads only regular files from git\n\
                             hint: name the plan files themselves with -f PATH",
                            escape_control(&display_path(&root.given)),
                            &commit[..12.min(commit.len())]
                        );
                    }
                    match self.tree(&entry.oid.clone(), id_len)? {
                        Some(entries) => entries,
                        None => continue,
                    }
                }
            };
            let folder_path = join(&root.parent, &root.name);
            let mut found: Vec<&TreeEntry> = folder
                .iter()
                .filter(|e| e.is_file() && is_plan_name(&e.name))
                .collect();
            found.sort_by(|a, b| a.name.cmp(&b.name));
            files.extend(found.into_iter().map(|e| FileRef {
                display: display_path(&root.given.join(&e.name)),
                path: join(&folder_path, &e.name),
                oid: e.oid.clone(),
            }));
        }
        let mut seen = std::collections::HashSet::new();
        files.retain(|file| seen.insert(file.path.clone()));
        Ok(files)
    }

    /// The entries of the tree `name` names, read once per tree; `None`
    /// when there is no such tree at that commit.
    fn tree(&mut self, name: &str, id_len: usize) -> Result<Option<Rc<Vec<TreeEntry>>>> {
        if let Some(entries) = self.trees.get(name) {
            return Ok(Some(Rc::clone(entries)));
        }
        match self.objects.read(name, u64::MAX)? {
            Object::Found { oid, kind, bytes } if kind == "tree" => {
                if let Some(entries) = self.trees.get(&oid) {
                    return Ok(Some(Rc::clone(entries)));
                }
                let entries = Rc::new(tree_entries(&bytes, id_len)?);
                self.trees.insert(oid, Rc::clone(&entries));
                Ok(Some(entries))
            }
            _ => Ok(None),
        }
    }
}

fn join(folder: &str, name: &str) -> String {
    match folder {
        "" => name.to_owned(),
        folder => format!("{folder}/{name}"),
    }
}

fn is_plan_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "yaml" || e == "yml")
}
