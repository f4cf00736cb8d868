//! A line merge (diff3), for versions the semantic merge cannot read (and
//! the check of a result that is one side's bytes): a
//! region changed on one side only takes that side's lines; changed on
//! both, identically, once; differently, a conflict between git-style
//! markers, with the lines both sides share at its edges left outside
//! them (as git's "zealous" merge does).

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::version::Version;
use super::{Described, Outcome, validate};
use crate::diagnostic::Diagnostic;
use crate::i18n::merge::{Detail, Note, Spot};
use crate::plan::derive::Clock;

/// The merged text and the line ranges (1-based, in the merged text) of
/// its conflicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMerge {
    pub text: String,
    pub conflicts: Vec<(usize, usize)>,
}

/// Merges `ours` and `theirs`, which descend from `base`, line by line.
pub fn merge(base: &str, ours: &str, theirs: &str, marker_size: usize, eol: &str) -> LineMerge {
    let (o, a, b) = (split(base), split(ours), split(theirs));
    let match_a = matches(&o, &a);
    let match_b = matches(&o, &b);
    let mut out = Output {
        text: String::with_capacity(ours.len().max(theirs.len())),
        lines: 0,
        conflicts: Vec::new(),
        marker_size,
        eol,
    };
    let (mut io, mut ia, mut ib) = (0, 0, 0);
    loop {
        // The stable run: base lines matched on both sides, in step.
        let mut len = 0;
        while io + len < o.len()
            && match_a[io + len] == Some(ia + len)
            && match_b[io + len] == Some(ib + len)
        {
            len += 1;
        }
        if len > 0 {
            out.take(&o[io..io + len]);
            io += len;
            ia += len;
            ib += len;
            continue;
        }
        // The next base line both sides kept ends the unstable chunk.
        let next = (io..o.len()).find_map(|i| Some((i, match_a[i]?, match_b[i]?)));
        let (eo, ea, eb) = next.unwrap_or((o.len(), a.len(), b.len()));
        if (eo, ea, eb) == (io, ia, ib) {
            break;
        }
        out.chunk(&o[io..eo], &a[ia..ea], &b[ib..eb]);
        (io, ia, ib) = (eo, ea, eb);
        if next.is_none() {
            break;
        }
    }
    LineMerge {
        text: out.text,
        conflicts: out.conflicts,
    }
}

/// Lines with their line ends.
fn split(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// For each base line, the side line it is matched to by the diff.
fn matches(base: &[&str], side: &[&str]) -> Vec<Option<usize>> {
    let mut out = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                out[old_index + k] = Some(new_index + k);
            }
        }
    }
    out
}

struct Output<'e> {
    text: String,
    /// Lines written so far.
    lines: usize,
    conflicts: Vec<(usize, usize)>,
    marker_size: usize,
    eol: &'e str,
}

impl Output<'_> {
    fn take(&mut self, lines: &[&str]) {
        for line in lines {
            self.push_line(line);
        }
    }

    fn push_line(&mut self, line: &str) {
        // A side's last line may lack its line end; more lines follow it.
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push_str(self.eol);
        }
        self.text.push_str(line);
        self.lines += 1;
    }

    fn chunk(&mut self, o: &[&str], a: &[&str], b: &[&str]) {
        if a == o {
            return self.take(b);
        }
        if b == o || a == b {
            return self.take(a);
        }
        // The lines both sides share at the edges stay outside.
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let tail = a[head..]
            .iter()
            .rev()
            .zip(b[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        self.take(&a[..head]);
        let start = self.lines + 1;
        let marker = |c: char, label: &str| {
            let mut line: String = std::iter::repeat_n(c, self.marker_size).collect();
            if !label.is_empty() {
                line.push(' ');
                line.push_str(label);
            }
            line
        };
        let (open, middle, close) = (marker('<', "ours"), marker('=', ""), marker('>', "theirs"));
        self.push_line(&format!("{open}{}", self.eol));
        self.take(&a[head..a.len() - tail]);
        self.push_line(&format!("{middle}{}", self.eol));
        self.take(&b[head..b.len() - tail]);
        self.push_line(&format!("{close}{}", self.eol));
        self.conflicts.push((start, self.lines));
        self.take(&a[a.len() - tail..]);
    }
}

/// The result is one side's bytes; it is checked all the same.
pub fn whole(path: &str, bytes: Vec<u8>, clock: Clock) -> Outcome {
    let version = Version::load(path, bytes.clone());
    let conflicts = invalid(&version, clock);
    Outcome {
        bytes,
        conflicts,
        notes: Vec::new(),
        by_lines: false,
    }
}

/// The errors of a result merged without the plan model, as unresolved
/// conflicts; an `after` naming no task of the file is another file's.
fn invalid(version: &Version, clock: Clock) -> Vec<Described> {
    let found: Vec<Diagnostic> = if version.parsed() && version.first_error().is_none() {
        validate(version, clock)
    } else {
        version.loaded.diagnostics.clone()
    };
    found
        .iter()
        .filter(|d| d.is_error() && d.code != crate::diagnostic::Code::UnknownDependency)
        .map(|d| Described {
            node: Spot::Line {
                line: version.line_of(d.span.start),
            },
            field: None,
            detail: Detail::Unresolved {
                reason: format!(
                    "[{}] {}",
                    d.code.as_str(),
                    crate::i18n::Lang::En.show(&d.message)
                ),
            },
        })
        .collect()
}

/// The line merge, with the note saying why.
pub fn by_lines(
    path: &str,
    (base, ours, theirs): (&[u8], &[u8], &[u8]),
    clock: Clock,
    marker_size: usize,
    note: Note,
) -> Outcome {
    let texts = [base, ours, theirs]
        .map(|b| std::str::from_utf8(b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)));
    let [Ok(b), Ok(o), Ok(t)] = texts else {
        return Outcome {
            bytes: ours.to_vec(),
            conflicts: vec![Described {
                node: Spot::File,
                field: None,
                detail: Detail::NotUtf8OursKept,
            }],
            notes: vec![note],
            by_lines: true,
        };
    };
    let eol = crate::edit::layout::line_ending(o);
    let merged = merge(b, o, t, marker_size, eol);
    let mut bytes = Vec::with_capacity(merged.text.len() + 3);
    if ours.starts_with(b"\xEF\xBB\xBF") {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(merged.text.as_bytes());
    let conflicts: Vec<Described> = if merged.conflicts.is_empty() {
        invalid(&Version::load(path, bytes.clone()), clock)
    } else {
        merged
            .conflicts
            .iter()
            .map(|&(start, end)| Described {
                node: Spot::Lines { start, end },
                field: None,
                detail: Detail::ChangedOnBothSides,
            })
            .collect()
    };
    Outcome {
        bytes,
        conflicts,
        notes: vec![note],
        by_lines: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(base: &str, ours: &str, theirs: &str) -> LineMerge {
        merge(base, ours, theirs, 7, "\n")
    }

    #[test]
    fn one_sided_changes_merge() {
        let base = "a\nb\nc\nd\n";
        let merged = m(base, "a\nB\nc\nd\n", "a\nb\nc\nD\n");
        assert_eq!(merged.text, "a\nB\nc\nD\n");
        assert!(merged.conflicts.is_empty());
        assert_eq!(m(base, base, "x\n").text, "x\n");
        assert_eq!(m(base, "a\nb\n", "a\nb\n").text, "a\nb\n");
    }

    #[test]
    fn two_changes_of_one_line_conflict() {
        let merged = m("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n");
        assert_eq!(
            merged.text,
            "a\n<<<<<<< ours\nB1\n=======\nB2\n>>>>>>> theirs\nc\n"
        );
        assert_eq!(merged.conflicts, [(2, 6)]);
        let wide = merge("a\n", "b\n", "c\n", 3, "\n");
        assert_eq!(wide.text, "<<< ours\nb\n===\nc\n>>> theirs\n");
    }

    #[test]
    fn shared_edges_stay_outside_the_markers() {
        let merged = m("a\nz\n", "a\nx\ny1\nw\nz\n", "a\nx\ny2\nw\nz\n");
        assert_eq!(
            merged.text,
            "a\nx\n<<<<<<< ours\ny1\n=======\ny2\n>>>>>>> theirs\nw\nz\n"
        );
    }

    #[test]
    fn a_last_line_without_a_line_end() {
        let merged = m("a\nb", "a\nb\nc", "x\na\nb");
        assert_eq!(merged.text, "x\na\nb\nc");
    }
}
