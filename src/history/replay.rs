//! Versions of the plan set evaluated, fast by construction: every blob is
//! read from one `git cat-file` process and loaded once; a file is parsed
//! in parts cut where its top-level tasks start, each part cached by its
//! text, so a version that changed one task parses only the part holding
//! it; parts, files and versions are spread over every core.
//!
//! Versions are taken in windows of at most [`WINDOW_BYTES`] of new file
//! text, so a long history of a large plan never holds more than a window
//! of it in memory; between windows only what the latest version uses is
//! kept.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use anyhow::{Result, bail};

use super::parallel;
use super::planset::FileRef;
use super::point::{Evaluated, evaluate};
use crate::git::{Commit, Object, Objects};
use crate::safe::escape_control;
use crate::source::join::{Decoded, LoadedFile};
use crate::source::yaml::{self, Tree};

/// A version of the plan set: a commit and its plan files.
#[derive(Debug, Clone)]
pub(super) struct Version {
    pub commit: Commit,
    pub files: Vec<FileRef>,
}

/// New file text read per window, at most (a window holds at least one
/// version, whatever its size).
const WINDOW_BYTES: usize = 64 << 20;

/// The size parts are cut to on average (see [`cuts`]).
const PART_BYTES: u64 = 8 << 10;

/// A file of some version, as loaded.
enum File {
    Loaded {
        file: Arc<LoadedFile>,
        /// Where its parts start.
        cuts: Vec<usize>,
    },
    /// Over the size limit: not read.
    TooBig { display: String, size: u64 },
}

/// What is kept from one window to the next.
#[derive(Default)]
struct Caches {
    /// Loaded files by blob id.
    files: HashMap<String, File>,
    /// Parsed parts by their text; `None` for a part with a finding (its
    /// file is then parsed whole, for exact diagnostics).
    parts: HashMap<Box<str>, Option<Tree>>,
}

/// Evaluates every version (as of its commit's day, over the query
/// `words`), handing each result to `sink` in order.
pub(super) fn evaluate_all(
    objects: &mut Objects,
    versions: &[Version],
    words: &[String],
    limit: u64,
    mut sink: impl FnMut(usize, Evaluated),
) -> Result<()> {
    let mut caches = Caches::default();
    let mut start = 0;
    while start < versions.len() {
        let (end, blobs) = read_window(objects, versions, start, &caches, limit)?;
        load_files(&mut caches, blobs);
        let window = &versions[start..end];
        parallel::ordered(
            window.len(),
            |index| {
                let version = &window[index];
                let mut files = Vec::with_capacity(version.files.len());
                for file in &version.files {
                    match caches.files.get(&file.oid) {
                        Some(File::Loaded { file, .. }) => files.push(file.as_ref()),
                        Some(File::TooBig { display, size }) => {
                            return Evaluated::Unreadable {
                                note: format!(
                                    "`{}` is {size} bytes, over the limit of {limit}",
                                    escape_control(display)
                                ),
                            };
                        }
                        None => {
                            return Evaluated::Unreadable {
                                note: "a file could not be read".to_owned(),
                            };
                        }
                    }
                }
                if files.is_empty() {
                    return Evaluated::Unreadable {
                        note: "no plan files".to_owned(),
                    };
                }
                evaluate(&files, version.commit.date, words)
            },
            |index, evaluated| sink(start + index, evaluated),
        );
        keep_only(&mut caches, &versions[end - 1]);
        start = end;
    }
    Ok(())
}

/// A blob read for a window: its id, its path (for messages) and bytes,
/// or its size when it is over the limit.
struct Blob {
    oid: String,
    display: String,
    bytes: Result<Vec<u8>, u64>,
}

/// Reads the files new to the versions from `start` on, until a window's
/// worth; returns where the window ends and what it read.
fn read_window(
    objects: &mut Objects,
    versions: &[Version],
    start: usize,
    caches: &Caches,
    limit: u64,
) -> Result<(usize, Vec<Blob>)> {
    let mut blobs: Vec<Blob> = Vec::new();
    let mut seen = HashSet::new();
    let mut bytes = 0;
    let mut end = start;
    while end < versions.len() && (end == start || bytes < WINDOW_BYTES) {
        for file in &versions[end].files {
            if caches.files.contains_key(&file.oid) || !seen.insert(file.oid.as_str()) {
                continue;
            }
            let read = match objects.read(&file.oid, limit)? {
                Object::Found { kind, bytes, .. } if kind == "blob" => Ok(bytes),
                Object::TooBig { size, .. } => Err(size),
                _ => bail!(
                    "git has no file `{}` ({}) although a commit names it",
                    escape_control(&file.display),
                    file.oid
                ),
            };
            bytes += read.as_ref().map_or(0, Vec::len);
            blobs.push(Blob {
                oid: file.oid.clone(),
                display: file.display.clone(),
                bytes: read,
            });
        }
        end += 1;
    }
    Ok((end, blobs))
}

/// Decodes, cuts, parses and converts the blobs of a window into the
/// cache: parts new to the cache are parsed on all cores, then each file
/// is joined from its parts (or parsed whole) and converted.
fn load_files(caches: &mut Caches, blobs: Vec<Blob>) {
    let decoded = parallel::map(blobs, |blob| match blob.bytes {
        Ok(bytes) => {
            let decoded = Decoded::new(blob.display, bytes);
            let cuts = decoded.text().map_or_else(Vec::new, cuts);
            (blob.oid, Ok((decoded, cuts)))
        }
        Err(size) => (blob.oid, Err((blob.display, size))),
    });
    // The parts no file parsed before, each once.
    let mut wanted: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for (_, file) in &decoded {
        let Ok((decoded, cuts)) = file else { continue };
        let Some(text) = decoded.text() else { continue };
        for part in parts(text, cuts) {
            if !caches.parts.contains_key(part) && seen.insert(part) {
                wanted.push(part);
            }
        }
    }
    let parsed = parallel::map(wanted, |part| {
        let mut found = Vec::new();
        let tree = yaml::parse_whole(part, 0, &mut found).filter(|_| found.is_empty());
        (Box::<str>::from(part), tree)
    });
    caches.parts.extend(parsed);
    let parts_cache = &caches.parts;
    let loaded = parallel::map(decoded, |(oid, file)| {
        let file = match file {
            Ok((decoded, cuts)) => {
                let file = decoded.load(|text, found| tree(text, &cuts, parts_cache, found));
                File::Loaded {
                    file: Arc::new(file),
                    cuts,
                }
            }
            Err((display, size)) => File::TooBig { display, size },
        };
        (oid, file)
    });
    caches.files.extend(loaded);
}

/// Keeps only the files of `version` and their parts: the next window's
/// versions are changes from it.
fn keep_only(caches: &mut Caches, version: &Version) {
    let oids: HashSet<&str> = version.files.iter().map(|f| f.oid.as_str()).collect();
    let Caches { files, parts } = caches;
    files.retain(|oid, _| oids.contains(oid.as_str()));
    let mut kept: HashSet<&str> = HashSet::new();
    for file in files.values() {
        if let File::Loaded { file, cuts } = file {
            kept.extend(self::parts(file.text(), cuts));
        }
    }
    parts.retain(|part, _| kept.contains(&**part));
}

/// Where to cut a plan's text into parts: the starts of top-level tasks
/// (see [`yaml::top_items`]), chosen by content so that a change to one
/// task moves no cut but its own: the text is cut after a task when a hash
/// of the task's text, taken modulo [`PART_BYTES`], is below its length.
/// Parts then average about [`PART_BYTES`], and a task that long ends its
/// part. Empty when the text is not of that shape (it is parsed whole).
fn cuts(text: &str) -> Vec<usize> {
    let Some(items) = yaml::top_items(text) else {
        return Vec::new();
    };
    let mut cuts = vec![0];
    for pair in items.windows(2) {
        let task = &text[pair[0]..pair[1]];
        let mut hasher = DefaultHasher::new();
        task.hash(&mut hasher);
        if hasher.finish() % PART_BYTES < task.len() as u64 {
            cuts.push(pair[1]);
        }
    }
    if cuts.len() < 2 {
        return Vec::new();
    }
    cuts
}

/// The texts of the parts `cuts` makes of `text`.
fn parts<'t>(text: &'t str, cuts: &[usize]) -> impl Iterator<Item = &'t str> {
    let ends = cuts.iter().skip(1).copied().chain(std::iter::once(text.len()));
    cuts.iter().zip(ends).map(move |(&start, end)| &text[start..end])
}

/// The tree of a file's text: joined from its cached parts, or when it has
/// none (or one with a finding) parsed whole, with diagnostics.
fn tree(
    text: &str,
    cuts: &[usize],
    cache: &HashMap<Box<str>, Option<Tree>>,
    found: &mut Vec<crate::diagnostic::Diagnostic>,
) -> Option<Tree> {
    let trees: Option<Vec<&Tree>> = parts(text, cuts)
        .map(|part| cache.get(part).and_then(Option::as_ref))
        .collect();
    if let Some(trees) = trees.filter(|trees| !trees.is_empty()) {
        let rest: Vec<(&Tree, usize)> = trees[1..]
            .iter()
            .copied()
            .zip(cuts[1..].iter().copied())
            .collect();
        if let Some(tree) = yaml::join(trees[0].clone(), &rest) {
            return Some(tree);
        }
    }
    yaml::parse_whole(text, 0, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_move_only_where_the_text_changed() {
        let bytes = crate::commands::edit_tests::generator::generate(2000, 7).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        let before = cuts(&text);
        assert!(before.len() > 5, "{}", before.len());
        // Change a task in the middle: every part before it is the same
        // text, and so is every part after the one holding it.
        let at = before[before.len() / 2] + 10;
        let mut changed = text.clone();
        changed.insert_str(at, "x");
        let after = cuts(&changed);
        let old: Vec<&str> = parts(&text, &before).collect();
        let new: Vec<&str> = parts(&changed, &after).collect();
        let same = new.iter().filter(|part| old.contains(part)).count();
        assert!(same + 2 >= new.len(), "{same} of {}", new.len());
    }
}
