//! Versions of the plan set evaluated, fast by construction: every blob is
//! read from one `git cat-file` process and loaded once; a file is parsed
//! and converted in parts cut where its tasks start (at any depth), each
//! part cached by its text, so a version that changed one task reads only
//! the part holding it; parts, files and versions are spread over every
//! core.
//!
//! Versions are taken in windows of at most [`WINDOW_BYTES`] of new file
//! text, so a long history of a large plan never holds more than a window
//! of it in memory; between windows only what the latest version uses is
//! kept.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::{Result, bail};

use super::Gap;
use super::hash::content_hash;
use super::parallel;
use super::planset::FileRef;
use super::point::{Evaluated, evaluate};
use crate::git::{Commit, Object, Objects};
use crate::safe::escape_control;
use crate::source::join::{Decoded, LoadedFile, LoadedPart};
use crate::source::yaml::{self, parts::Cut};

/// A version of the plan set: a commit and its plan files.
#[derive(Debug, Clone)]
pub(super) struct Version {
    pub commit: Commit,
    pub files: Vec<FileRef>,
}

/// New file text read per window, at most (a window holds at least one
/// version, whatever its size).
const WINDOW_BYTES: usize = 16 << 20;

/// The size parts are cut to on average (see [`cuts`]).
const PART_BYTES: u64 = 8 << 10;

/// A file of some version, as loaded.
enum File {
    Loaded {
        file: Arc<LoadedFile>,
        /// The hashes of its parts' texts (none when read whole).
        parts: Vec<u64>,
    },
    /// Over the size limit: not read.
    TooBig { display: String, size: u64 },
}

/// Parts by the hash of their text, each with its text (hashes can
/// collide); `None` for a part that does not parse cleanly (its file is
/// then read whole, for exact diagnostics).
type Parts = HashMap<u64, Vec<(Box<str>, Option<LoadedPart>)>>;

/// What is kept from one window to the next.
#[derive(Default)]
struct Caches {
    /// Loaded files by blob id.
    files: HashMap<String, File>,
    parts: Parts,
}

fn find<'p>(parts: &'p Parts, hash: u64, text: &str) -> Option<&'p Option<LoadedPart>> {
    parts
        .get(&hash)?
        .iter()
        .find(|(known, _)| **known == *text)
        .map(|(_, part)| part)
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
                            return Evaluated::Gap(Gap::TooBig {
                                file: display.clone(),
                                size: *size,
                                limit,
                            });
                        }
                        // Every file of a window's versions was read.
                        None => unreachable!("a file of the window was not read"),
                    }
                }
                if files.is_empty() {
                    return Evaluated::Gap(Gap::NoPlanFiles);
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
/// cache: parts new to the cache are parsed and converted on all cores,
/// then each file is joined from its parts (or read whole).
fn load_files(caches: &mut Caches, blobs: Vec<Blob>) {
    let decoded = parallel::map(blobs, |blob| match blob.bytes {
        Ok(bytes) => {
            let decoded = Decoded::new(blob.display, bytes);
            let cuts = decoded.text().map_or_else(Vec::new, cuts);
            let hashes = decoded
                .text()
                .map(|text| parts(text, &cuts).map(content_hash).collect::<Vec<u64>>())
                .unwrap_or_default();
            (blob.oid, Ok((decoded, cuts, hashes)))
        }
        Err(size) => (blob.oid, Err((blob.display, size))),
    });
    // The parts no file had before, each once; the first part of a file
    // is its head (the plan with its first tasks).
    let mut wanted: Vec<(u64, &str, bool)> = Vec::new();
    let mut seen = HashSet::new();
    for (_, file) in &decoded {
        let Ok((decoded, cuts, hashes)) = file else {
            continue;
        };
        let Some(text) = decoded.text() else { continue };
        for (index, (part, &hash)) in parts(text, cuts).zip(hashes).enumerate() {
            // Seen by hash and length, not text: hashing the text again
            // would cost as much as the hash did. Two texts alike in both
            // would leave the second unparsed, and its file read whole.
            if find(&caches.parts, hash, part).is_none() && seen.insert((hash, part.len())) {
                wanted.push((hash, part, index == 0));
            }
        }
    }
    let loaded = parallel::map(wanted, |(hash, text, head)| {
        let part = if head {
            LoadedPart::head(text)
        } else {
            LoadedPart::tasks(text)
        };
        (hash, Box::<str>::from(text), part)
    });
    for (hash, text, part) in loaded {
        caches.parts.entry(hash).or_default().push((text, part));
    }
    let cache = &caches.parts;
    let files = parallel::map(decoded, |(oid, file)| {
        let file = match file {
            Ok((decoded, cuts, hashes)) => File::Loaded {
                file: Arc::new(load(decoded, &cuts, &hashes, cache)),
                parts: hashes,
            },
            Err((display, size)) => File::TooBig { display, size },
        };
        (oid, file)
    });
    caches.files.extend(files);
}

/// A file joined from its cached parts, or when it has none (or one that
/// does not parse cleanly) read whole, with diagnostics.
fn load(decoded: Decoded, cuts: &[Cut], hashes: &[u64], cache: &Parts) -> LoadedFile {
    let found: Option<Vec<&LoadedPart>> = decoded.text().and_then(|text| {
        parts(text, cuts)
            .zip(hashes)
            .map(|(part, &hash)| find(cache, hash, part)?.as_ref())
            .collect()
    });
    let decoded = match found.as_deref() {
        Some([head, rest @ ..]) => {
            let placed: Vec<(&LoadedPart, usize, u32)> = rest
                .iter()
                .zip(&cuts[1..])
                .map(|(&part, cut)| (part, cut.at, cut.depth))
                .collect();
            match decoded.load_parts(head, &placed) {
                Ok(file) => return file,
                Err(decoded) => *decoded,
            }
        }
        _ => decoded,
    };
    decoded.load(|text, found| yaml::parse_whole(text, 0, found))
}

/// Keeps only the files of `version` and their parts: the next window's
/// versions are changes from it.
fn keep_only(caches: &mut Caches, version: &Version) {
    let oids: HashSet<&str> = version.files.iter().map(|f| f.oid.as_str()).collect();
    let Caches { files, parts } = caches;
    files.retain(|oid, _| oids.contains(oid.as_str()));
    let kept: HashSet<u64> = files
        .values()
        .flat_map(|file| match file {
            File::Loaded { parts, .. } => parts.as_slice(),
            File::TooBig { .. } => &[],
        })
        .copied()
        .collect();
    parts.retain(|hash, _| kept.contains(hash));
}

/// Where to cut a plan's text into parts: at 0, then at some of the places
/// [`yaml::parts::cuts`] finds, chosen by content so that a change to one
/// task moves no cut but its own. The text between two places is cut
/// after when a hash of it, modulo [`PART_BYTES`], is below its length:
/// parts then average about [`PART_BYTES`]. A part holds the items of one
/// list, so after a cut inside a task the next place further out is a cut
/// too. Empty when the text is not of that shape (it is read whole).
fn cuts(text: &str) -> Vec<Cut> {
    let Some(places) = yaml::parts::cuts(text) else {
        return Vec::new();
    };
    let mut cuts = vec![Cut { at: 0, depth: 0 }];
    let mut depth = 0;
    let mut from = 0;
    for place in places {
        let before = &text[from..place.at];
        from = place.at;
        if place.depth < depth || content_hash(before) % PART_BYTES < before.len() as u64 {
            cuts.push(place);
            depth = place.depth;
        }
    }
    if cuts.len() < 2 {
        return Vec::new();
    }
    cuts
}

/// The texts of the parts `cuts` makes of `text`.
fn parts<'t>(text: &'t str, cuts: &[Cut]) -> impl Iterator<Item = &'t str> {
    let ends = cuts
        .iter()
        .skip(1)
        .map(|c| c.at)
        .chain(std::iter::once(text.len()));
    cuts.iter()
        .zip(ends)
        .map(move |(cut, end)| &text[cut.at..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_move_only_where_the_text_changed() {
        let bytes =
            crate::edit::transaction_tests::generator::generate(2000, 7).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        let before = cuts(&text);
        assert!(before.len() > 5, "{}", before.len());
        // Change a task in the middle: every part before it is the same
        // text, and so is every part after the one holding it.
        let at = before[before.len() / 2].at + 10;
        let mut changed = text.clone();
        changed.insert(at, 'x');
        let after = cuts(&changed);
        let old: Vec<&str> = parts(&text, &before).collect();
        let new: Vec<&str> = parts(&changed, &after).collect();
        let same = new.iter().filter(|part| old.contains(part)).count();
        assert!(same + 3 >= new.len(), "{same} of {}", new.len());
        assert!(before.iter().any(|c| c.depth > 1));
    }
}
