//! Git conflict markers left in a plan. They are looked for before the YAML
//! is read, so a file with them gets one clear `merge-conflict` rather than
//! the syntax error the markers usually cause, or nothing at all when they
//! happen to parse (inside a multi-line `[…]` list they are plain text).
//!
//! A marker is a line that starts with seven or more `<`, `|`, `=` or `>`
//! (seven is git's default `conflict-marker-size`; the attribute can make
//! them longer), then the end of the line or, except for `=`, a space and a
//! label. Markers count only at the start of a line, where git writes them.
//! That is also where they can never be text of a plan: a plan is a mapping
//! at the first column, so a block text's lines (`notes: |`) are indented,
//! and a `=======` underline inside one is text. `=======` and `|||||||`
//! alone are not taken for a conflict without a `<<<<<<<` or `>>>>>>>` line
//! somewhere in the file.

use std::ops::Range;

use crate::i18n::check::Place;

/// Git's default marker width.
const MARKER_SIZE: usize = 7;

/// The kinds of marker line, in the order git writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Ours,
    Base,
    Split,
    Theirs,
}

/// Where the first conflict is: its first marker line's marker, and the
/// markers after it up to the end of that conflict (each with its kind).
pub(super) struct Conflict {
    pub first: Range<usize>,
    pub rest: Vec<(Range<usize>, Place)>,
    /// How many conflicts the file holds (its `<<<<<<<` lines, at least 1).
    pub count: usize,
}

/// The first conflict git left in `text`, if any.
pub(super) fn find(text: &str) -> Option<Conflict> {
    if !may_hold_a_conflict(text) {
        return None;
    }
    let markers = markers(text);
    if !markers
        .iter()
        .any(|(kind, _)| matches!(kind, Marker::Ours | Marker::Theirs))
    {
        return None;
    }
    let (kind, first) = markers.first()?.clone();
    // The rest of the first conflict: up to its `>>>>>>>`, or the next
    // conflict's `<<<<<<<` when that one is missing.
    let mut rest = Vec::new();
    if kind != Marker::Theirs {
        for (later, span) in &markers[1..] {
            if *later == Marker::Ours {
                break;
            }
            rest.push((span.clone(), label(*later)));
            if *later == Marker::Theirs {
                break;
            }
        }
    }
    let count = markers
        .iter()
        .filter(|(kind, _)| *kind == Marker::Ours)
        .count()
        .max(1);
    Some(Conflict { first, rest, count })
}

/// Whether a line starts with seven `<` or `>`. Plans hold few of either
/// character, so one vectorised pass over the bytes is nearly all this
/// costs: under a millisecond on a 17 MB plan, where two substring searches
/// took eight.
fn may_hold_a_conflict(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'<', b'>', bytes).any(|at| {
        (at == 0 || bytes[at - 1] == b'\n')
            && bytes
                .get(at..at + MARKER_SIZE)
                .is_some_and(|run| run.iter().all(|&b| b == bytes[at]))
    })
}

fn label(kind: Marker) -> Place {
    match kind {
        Marker::Ours => Place::AnotherConflict,
        Marker::Base => Place::BaseText,
        Marker::Split => Place::OtherSide,
        Marker::Theirs => Place::ConflictEnds,
    }
}

/// Every marker line, in order, with the span of its marker characters.
fn markers(text: &str) -> Vec<(Marker, Range<usize>)> {
    let mut found = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let kind = match line.as_bytes().first() {
            Some(b'<') => Marker::Ours,
            Some(b'|') => Marker::Base,
            Some(b'=') => Marker::Split,
            Some(b'>') => Marker::Theirs,
            _ => continue,
        };
        let byte = line.as_bytes()[0];
        let width = line.bytes().take_while(|&b| b == byte).count();
        let rest = &line[width..];
        let ends_right = match kind {
            Marker::Split => rest.is_empty(),
            _ => rest.is_empty() || rest.starts_with(' '),
        };
        if width >= MARKER_SIZE && ends_right {
            found.push((kind, start..start + width));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_line(text: &str) -> Option<&str> {
        let conflict = find(text)?;
        Some(&text[conflict.first])
    }

    #[test]
    fn markers_are_found_at_line_starts_only() {
        let conflict = "a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> topic\nc: 4\n";
        assert_eq!(first_line(conflict), Some("<<<<<<<"));
        let found = find(conflict).map(|c| (c.rest.len(), c.count));
        assert_eq!(found, Some((2, 1)));
        // Wider markers, diff3's base section, CRLF, and no labels.
        let wide = "a:\r\n<<<<<<<<<<\r\n|||||||||| base\r\n==========\r\n>>>>>>>>>>\r\n";
        assert_eq!(first_line(wide), Some("<<<<<<<<<<"));
        assert_eq!(find(wide).map(|c| c.rest.len()), Some(3));
        // The first marker left may be any kind.
        assert_eq!(first_line("a: 1\n=======\nb\n>>>>>>> x\n"), Some("======="));
        // Indented, too short, glued to text, or `=` with a label: not markers.
        assert_eq!(
            first_line("n: |\n  <<<<<<< HEAD\n  =======\n  >>>>>>> x\n"),
            None
        );
        assert_eq!(first_line("<<<<<< HEAD\n>>>>>> x\n"), None);
        assert_eq!(first_line("<<<<<<<HEAD\n>>>>>>>x\n"), None);
        // `=======` alone is an underline, not a conflict.
        assert_eq!(first_line("a: 1\n=======\n|||||||\n"), None);
        assert_eq!(first_line("a: 1\n======= x\n>>>>>>> y\n"), Some(">>>>>>>"));
    }

    #[test]
    fn labels_stop_at_the_end_of_the_first_conflict() {
        let two = "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n<<<<<<< a\nz\n=======\n>>>>>>> b\n";
        let conflict = find(two).expect("a conflict");
        assert_eq!(conflict.count, 2);
        let labels: Vec<Place> = conflict.rest.iter().map(|(_, label)| *label).collect();
        assert_eq!(labels, [Place::OtherSide, Place::ConflictEnds]);
    }
}
