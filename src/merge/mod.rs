//! The three-way merge of plan versions (SPEC §3.3), git's merge driver.
//!
//! [`merge`] takes the bytes of BASE, OURS and THEIRS and returns the
//! merged bytes and the conflicts, as data. The steps, each a module:
//!
//! - [`version`]: each version loaded (model, text, span tree);
//! - [`matching`]: which node of each side is which node of the base;
//! - [`merged`], [`order`], [`fields`]: the merged plan as decisions, with
//!   the conflicts;
//! - [`apply`], [`node_patch`], [`entry`]: ours's text edited into the
//!   merged plan with the edit engine ([`crate::edit`]), so every byte the
//!   merge does not change is ours's and theirs's changes come in as
//!   theirs wrote them;
//! - [`verify`]: the result re-read and compared with the merged plan,
//!   then validated; a change of theirs that breaks validation is left out
//!   as a conflict and the merge runs again;
//! - [`comments`]: theirs's comment-only changes brought over;
//! - [`markers`]: git-style markers around each conflict's region, and
//!   [`describe`]: one line per conflict;
//! - [`lines`]: a line merge for versions that are not valid plans.

pub mod apply;
pub mod blame;
pub mod comments;
pub mod conflict;
pub mod describe;
pub mod entry;
pub mod field;
pub mod fields;
pub mod file_entries;
pub mod lines;
pub mod markers;
pub mod matching;
pub mod merged;
pub mod node_patch;
pub mod order;
pub mod parents;
pub mod removals;
pub mod simulate;
pub mod verify;
pub mod version;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::i18n::merge::Version as Side;
use crate::i18n::merge::{Detail, Note, Spot};
use crate::plan::derive::{self, Clock};
use conflict::{At, Conflict, Kind, MId};
use merged::{Inputs, Overrides};
use version::Version;

/// The rounds of validation and blame before the merge stops looking for
/// changes of theirs to leave out.
const MAX_ROUNDS: usize = 8;

/// What to merge.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The file's name for messages (git's `%P`).
    pub path: &'a str,
    pub base: Vec<u8>,
    pub ours: Vec<u8>,
    pub theirs: Vec<u8>,
    /// Today, for validating the result.
    pub clock: Clock,
    /// The width of the conflict markers (git's `%L`).
    pub marker_size: usize,
}

/// The merge's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The merged file, markers included.
    pub bytes: Vec<u8>,
    pub conflicts: Vec<Described>,
    /// Why the merge went as it did (a line merge, and why).
    pub notes: Vec<Note>,
    /// Whether it merged line by line.
    pub by_lines: bool,
}

impl Outcome {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// One conflict as people read it: where, which field, what each side
/// has; the words are the reader's language's ([`crate::i18n::merge`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// `2.1 design`, `(file)`, or `lines 12-18`.
    pub node: Spot,
    pub field: Option<String>,
    pub detail: Detail,
}

/// In English: `2.1 design due: 2026-10-01 → ours … / theirs …`.
impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.node)?;
        if let Some(field) = &self.field {
            write!(f, " {field}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// Merges THEIRS into OURS over BASE.
pub fn merge(request: Request<'_>) -> Outcome {
    let Request {
        path,
        base,
        ours,
        theirs,
        clock,
        marker_size,
    } = request;
    // Only one side changed the file: it is the result.
    if theirs == base || theirs == ours {
        return lines::whole(path, ours, clock);
    }
    if ours == base {
        return lines::whole(path, theirs, clock);
    }
    // A version that is not text merges no other way.
    let utf8 = |b: &[u8]| std::str::from_utf8(b).is_ok();
    if !(utf8(&base) && utf8(&ours) && utf8(&theirs)) {
        return lines::by_lines(
            path,
            (&base, &ours, &theirs),
            clock,
            marker_size,
            Note::NotUtf8,
        );
    }
    // Ours and theirs differ from base in a few places: only those are
    // parsed again. The versions keep the bytes (see `Version::bytes`).
    let base_v = Version::load(path, base);
    let ours_v = base_v.derive(path, ours);
    let theirs_v = base_v.derive(path, theirs);
    let versions = [
        (Side::Base, base_v),
        (Side::Ours, ours_v),
        (Side::Theirs, theirs_v),
    ];
    for &(side, ref version) in &versions {
        let why = if !version.parsed() {
            version.first_error().map(|d| Note::NotYaml {
                version: side,
                line: version.line_of(d.span.start),
                message: d.message.clone(),
            })
        } else if let Some(d) = version.first_error() {
            Some(Note::NotPlan {
                version: side,
                line: version.line_of(d.span.start),
                code: d.code.as_str(),
                message: d.message.clone(),
            })
        } else if has_lone_cr(version.text()) {
            Some(Note::LoneCr { version: side })
        } else {
            None
        };
        if let Some(why) = why {
            let [b, o, t] = versions.map(|(_, v)| v.bytes());
            return lines::by_lines(path, (&b, &o, &t), clock, marker_size, why);
        }
    }
    let [(_, base_v), (_, ours_v), (_, theirs_v)] = &versions;
    match semantic(path, base_v, ours_v, theirs_v, clock, marker_size) {
        Ok(outcome) => outcome,
        Err(why) => lines::by_lines(
            path,
            (&base_v.bytes(), &ours_v.bytes(), &theirs_v.bytes()),
            clock,
            marker_size,
            Note::WriteFailed { why },
        ),
    }
}

fn semantic(
    path: &str,
    base: &Version,
    ours: &Version,
    theirs: &Version,
    clock: Clock,
    marker_size: usize,
) -> Result<Outcome, String> {
    let mo = matching::match_side(base, ours);
    let mt = matching::match_side(base, theirs);
    let inputs = Inputs {
        base,
        ours,
        theirs,
        mo: &mo,
        mt: &mt,
    };
    let mut overrides = Overrides::default();
    let mut round = 0;
    loop {
        round += 1;
        let merged = merged::build(inputs, &overrides)?;
        let applied = apply::apply(inputs, &merged)?;
        let cur = applied.version.as_ref().unwrap_or(ours);
        let order = &applied.map;
        // Errors the reading found (a field a task with subtasks cannot
        // have, done with progress below 100) and those across tasks.
        let mut found: Vec<Diagnostic> = cur
            .loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        found.extend(validate(cur, clock));
        let errors = verify::merge_errors(inputs, cur, &found);
        let unblamed = if errors.is_empty() || round == MAX_ROUNDS {
            errors
        } else {
            let before = overrides.len();
            let left = blame::blame(inputs, &merged, cur, order, &errors, &mut overrides);
            if overrides.len() > before {
                continue;
            }
            left
        };
        let commented;
        let cur = if unblamed.is_empty() {
            // The guarantee every edit gives: read again, it is exactly the
            // merged plan.
            verify::verify(inputs, &merged, cur, order)?;
            // Theirs's comment lines, where they still fit; checked again.
            let comment = comments::patches(base, theirs, cur);
            match (!comment.is_empty()).then(|| cur.patched(path, comment)) {
                Some(Ok(next))
                    if next.first_error().is_none()
                        && verify::verify(inputs, &merged, &next, order).is_ok() =>
                {
                    commented = next;
                    &commented
                }
                _ => cur,
            }
        } else {
            cur
        };
        let mut conflicts = merged.conflicts.clone();
        for d in unblamed {
            conflicts.push(Conflict::new(Kind::Unresolved, At::Plan).reason(format!(
                "line {}: [{}] {}",
                cur.line_of(d.span.start),
                d.code.as_str(),
                crate::i18n::Lang::En.show(&d.message)
            )));
        }
        // In the order of the file: its own fields, then by task.
        let place = |c: &Conflict| -> usize {
            let at = |m: MId| {
                order
                    .iter()
                    .position(|&x| x == Some(m))
                    .map_or(0, |c| c + 1)
            };
            match c.at {
                At::File => 0,
                At::Node(m) => at(m),
                At::Theirs(t) => {
                    let parent = theirs.plan().node(t).parent;
                    parent
                        .and_then(|p| merged.theirs_m[p as usize])
                        .map_or(1, at)
                }
                At::Plan => usize::MAX,
            }
        };
        conflicts.sort_by_key(place);
        let marked;
        let text = if conflicts.is_empty() {
            cur.text()
        } else {
            marked = markers::mark(inputs, &merged, cur, order, &conflicts, marker_size);
            &marked
        };
        let described = conflicts
            .iter()
            .map(|c| describe::describe(inputs, &merged, cur, order, c))
            .collect();
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if ours.bom() {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        let _ = path;
        return Ok(Outcome {
            bytes,
            conflicts: described,
            notes: Vec::new(),
            by_lines: false,
        });
    }
}

/// Cross-node validation of a version that read without errors.
pub(crate) fn validate(version: &Version, clock: Clock) -> Vec<Diagnostic> {
    let derived = derive::derive(version.plan(), clock);
    crate::validate::findings(&version.loaded, &derived)
}

/// Whether a CR ends a line without an LF after it: such text is read but
/// not edited.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(at, &b)| b == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
}
