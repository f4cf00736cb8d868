//! Byte-range patches and their application in one pass.

use std::fmt;
use std::ops::Range;

/// Replace the bytes `range` of the source with `text`. An empty range is an
/// insertion before the byte at `range.start`; an empty `text` is a deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    pub range: Range<usize>,
    pub text: String,
    /// For insertions that share an offset: the deeper text (a larger
    /// indentation column) goes first, so that a key added to a child
    /// comes before a key added to its parent at the end of both.
    pub depth: usize,
}

impl Patch {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Patch {
        Patch {
            range,
            text: text.into(),
            depth: 0,
        }
    }

    /// The same patch, ordered as text at indentation column `depth`.
    pub fn at_depth(self, depth: usize) -> Patch {
        Patch { depth, ..self }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Patch {
        Patch::replace(at..at, text)
    }

    pub fn delete(range: Range<usize>) -> Patch {
        Patch::replace(range, String::new())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatchError {
    /// Two patches claim some of the same bytes.
    Overlap {
        first: Range<usize>,
        second: Range<usize>,
    },
    /// A range ends past the source, runs backwards, or splits a character.
    BadRange { range: Range<usize>, len: usize },
}

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatchError::Overlap { first, second } => write!(
                f,
                "edits overlap: bytes {first:?} and {second:?} are both changed"
            ),
            PatchError::BadRange { range, len } => write!(
                f,
                "edit range {range:?} is not a valid range of the {len}-byte source"
            ),
        }
    }
}

impl std::error::Error for PatchError {}

/// Applies `patches` to `source` and returns the new text.
///
/// Patches are sorted by start, and among equal starts insertions come before
/// a replacement; of several zero-width insertions at the same offset, text
/// that goes on the current line comes before new lines, new lines go
/// deepest first (see [`Patch::depth`]), and otherwise they keep the order
/// given (the first one given ends up first in the text). Any two patches that share a byte are refused, as is
/// a non-empty patch that starts inside another. Bytes outside the patches
/// are copied verbatim in one forward pass, which produces the same text as
/// applying the patches back to front.
pub fn apply(source: &str, patches: Vec<Patch>) -> Result<String, PatchError> {
    let patches = prepare(source, patches)?;
    let added: usize = patches.iter().map(|p| p.text.len()).sum();
    let mut out = String::with_capacity(source.len() + added);
    let mut copied = 0;
    for patch in &patches {
        out.push_str(&source[copied..patch.range.start]);
        out.push_str(&patch.text);
        copied = patch.range.end;
    }
    out.push_str(&source[copied..]);
    Ok(out)
}

/// The patches as [`apply`] applies them: checked, lines that follow a
/// deleted line moved before it, sorted, no two overlapping.
pub fn prepare(source: &str, mut patches: Vec<Patch>) -> Result<Vec<Patch>, PatchError> {
    for patch in &patches {
        let r = &patch.range;
        if r.start > r.end
            || r.end > source.len()
            || !source.is_char_boundary(r.start)
            || !source.is_char_boundary(r.end)
        {
            return Err(PatchError::BadRange {
                range: r.clone(),
                len: source.len(),
            });
        }
    }
    settle_line_inserts(source, &mut patches);
    // At one offset: text that ends the current line (` []`) before new
    // lines, and new lines deepest first.
    patches.sort_by_key(|p| {
        let new_line = p.text.starts_with(['\n', '\r']);
        (
            p.range.start,
            p.range.end,
            new_line,
            std::cmp::Reverse(p.depth),
        )
    });
    for pair in patches.windows(2) {
        let (a, b) = (&pair[0].range, &pair[1].range);
        // Touching ranges are fine; an insertion strictly inside a
        // replacement, or two replacements sharing bytes, are not.
        if a.end > b.start {
            return Err(PatchError::Overlap {
                first: a.clone(),
                second: b.clone(),
            });
        }
    }
    Ok(patches)
}

/// New lines meant to follow a line that another patch deletes go after
/// the line before the deleted ones instead: a key added to a task whose
/// last line (a subtask's last key, say) is removed by the same edit.
///
/// Only whole-line deletions move such an insertion, and only one that
/// starts with a line break and stands strictly inside them.
fn settle_line_inserts(source: &str, patches: &mut [Patch]) {
    let bytes = source.as_bytes();
    let deleted: Vec<std::ops::Range<usize>> = patches
        .iter()
        .filter(|p| {
            let r = &p.range;
            p.text.is_empty()
                && r.start > 0
                && r.end > r.start
                && bytes[r.start - 1] == b'\n'
                && bytes[r.end - 1] == b'\n'
        })
        .map(|p| p.range.clone())
        .collect();
    if deleted.is_empty() {
        return;
    }
    for patch in patches.iter_mut() {
        let at = patch.range.start;
        if !patch.range.is_empty()
            || !(patch.text.starts_with('\n') || patch.text.starts_with("\r\n"))
        {
            continue;
        }
        // Deletions may nest in a chain (a subtask's lines inside its
        // parent's): settle to the start of the outermost.
        let mut target = at;
        while let Some(r) = deleted.iter().find(|r| r.start < target && target < r.end) {
            let before = r.start - 1;
            target = if before > 0 && bytes[before - 1] == b'\r' {
                before - 1
            } else {
                before
            };
        }
        patch.range = target..target;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_patches_copies_the_source() {
        assert_eq!(apply("a: 1\n", vec![]).unwrap(), "a: 1\n");
        assert_eq!(apply("", vec![]).unwrap(), "");
    }

    #[test]
    fn patches_apply_in_any_given_order() {
        let source = "0123456789";
        let patches = vec![
            Patch::replace(7..9, "x"),
            Patch::delete(0..1),
            Patch::insert(4, "+"),
            Patch::replace(4..5, "F"),
        ];
        assert_eq!(apply(source, patches).unwrap(), "123+F56x9");
    }

    #[test]
    fn inserts_at_one_offset_keep_their_given_order() {
        let patches = vec![
            Patch::insert(2, "a"),
            Patch::insert(2, "b"),
            Patch::insert(2, "c"),
        ];
        assert_eq!(apply("xxyy", patches).unwrap(), "xxabcyy");
    }

    #[test]
    fn deeper_inserts_at_one_offset_go_first() {
        let patches = vec![
            Patch::insert(2, "\n  parent").at_depth(2),
            Patch::insert(2, "\n    child").at_depth(4),
            Patch::insert(2, "\n    second child").at_depth(4),
        ];
        assert_eq!(
            apply("xxyy", patches).unwrap(),
            "xx\n    child\n    second child\n  parentyy"
        );
    }

    #[test]
    fn lines_added_after_a_deleted_line_follow_the_line_before() {
        let source = "a:\n  b: 1\n  c: 2\nd: 3\n";
        let c = source.find("  c").unwrap();
        let d = source.find("d:").unwrap();
        let patches = vec![
            Patch::delete(c..d),
            Patch::insert(d - 1, "\n  e: 4").at_depth(2),
        ];
        assert_eq!(
            apply(source, patches).unwrap(),
            "a:\n  b: 1\n  e: 4\nd: 3\n"
        );
        // In CRLF text too.
        let source = "a:\r\n  b: 1\r\n  c: 2\r\nd: 3\r\n";
        let c = source.find("  c").unwrap();
        let d = source.find("d:").unwrap();
        let patches = vec![
            Patch::delete(c..d),
            Patch::insert(d - 2, "\r\n  e: 4").at_depth(2),
        ];
        assert_eq!(
            apply(source, patches).unwrap(),
            "a:\r\n  b: 1\r\n  e: 4\r\nd: 3\r\n"
        );
    }

    #[test]
    fn insert_at_the_start_of_a_replacement_goes_before_it() {
        let patches = vec![Patch::replace(2..4, "R"), Patch::insert(2, "I")];
        assert_eq!(apply("xxyyzz", patches).unwrap(), "xxIRzz");
        let patches = vec![Patch::replace(2..4, "R"), Patch::insert(4, "I")];
        assert_eq!(apply("xxyyzz", patches).unwrap(), "xxRIzz");
    }

    #[test]
    fn touching_replacements_are_fine() {
        let patches = vec![Patch::replace(2..4, "B"), Patch::replace(0..2, "A")];
        assert_eq!(apply("xxyyzz", patches).unwrap(), "ABzz");
    }

    #[test]
    fn overlaps_are_refused() {
        let err = apply(
            "0123456789",
            vec![Patch::replace(2..5, "a"), Patch::replace(4..6, "b")],
        )
        .unwrap_err();
        assert_eq!(
            err,
            PatchError::Overlap {
                first: 2..5,
                second: 4..6
            }
        );
        // An insertion strictly inside a replaced range has no place.
        assert!(matches!(
            apply(
                "0123456789",
                vec![Patch::replace(2..5, "a"), Patch::insert(3, "b")]
            ),
            Err(PatchError::Overlap { .. })
        ));
        // The same range twice.
        assert!(apply("0123", vec![Patch::delete(1..2), Patch::delete(1..2)]).is_err());
    }

    #[test]
    fn bad_ranges_are_refused() {
        assert!(matches!(
            apply("abc", vec![Patch::delete(2..4)]),
            Err(PatchError::BadRange { .. })
        ));
        assert!(matches!(
            apply("中", vec![Patch::insert(1, "x")]),
            Err(PatchError::BadRange { .. })
        ));
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = Patch::delete(2..1);
        assert!(apply("abc", vec![backwards]).is_err());
        assert!(apply("abc", vec![Patch::insert(3, "d")]).is_ok());
        let err = PatchError::BadRange {
            range: 2..4,
            len: 3,
        }
        .to_string();
        assert!(err.contains("2..4"), "{err}");
    }

    #[test]
    fn multibyte_text_is_copied_verbatim() {
        let source = "标题: 设计\r\n";
        let start = source.find("设计").unwrap();
        let patches = vec![Patch::replace(start..start + "设计".len(), "开发")];
        assert_eq!(apply(source, patches).unwrap(), "标题: 开发\r\n");
    }
}
