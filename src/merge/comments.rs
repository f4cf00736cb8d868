//! Theirs's comment lines: a comment theirs added, removed or reworded on
//! lines of their own, where nothing else changed, carries no plan data,
//! so the merge by task does not see it. It is brought over where its
//! context — the line before and the line after, as base has them, or the
//! line after alone (a comment belongs to what follows it) — is found
//! once in the merged text, and left out otherwise (ours changed the lines
//! around it).

use super::version::Version;
use crate::edit::{Patch, layout};
use crate::source::yaml::{Kind, line_changes};

/// Patches of `cur`'s text that bring theirs's comment-only changes over.
pub fn patches(base: &Version, theirs: &Version, cur: &Version) -> Vec<Patch> {
    let (old, new, text) = (base.text(), theirs.text(), cur.text());
    // Only lines: a comment cannot change without one changing.
    let Some(changes) = line_changes(old, new, 64) else {
        return Vec::new();
    };
    let eol = layout::line_ending(text);
    let mut patches = Vec::new();
    for change in changes {
        let (gone, came) = (&old[change.old.clone()], &new[change.new.clone()]);
        if !comment_lines(gone) || !comment_lines(came) || gone == came {
            continue;
        }
        if in_scalar(base, change.old.start) || in_scalar(theirs, change.new.start) {
            continue;
        }
        // The lines around it in base, whole, with their line ends.
        let before_start = layout::line_start(old, change.old.start.saturating_sub(1));
        let before = if change.old.start == 0 {
            ""
        } else {
            &old[before_start..change.old.start]
        };
        let after_end = layout::after_break(old, layout::line_end(old, change.old.end));
        let after = &old[change.old.end..after_end];
        if before.trim().is_empty() && after.trim().is_empty() {
            continue;
        }
        let with = |s: &str| s.replace("\r\n", "\n").replace('\n', eol);
        let (before, gone, after) = (with(before), with(gone), with(after));
        let once = |context: &str| {
            let mut found = text.match_indices(context);
            match (found.next(), found.next()) {
                (Some((at, _)), None) => Some(at),
                _ => None,
            }
        };
        let start = match once(&format!("{before}{gone}{after}")) {
            Some(at) => at + before.len(),
            None if !after.trim().is_empty() => match once(&format!("{gone}{after}")) {
                Some(at) => at,
                None => continue,
            },
            None => continue,
        };
        patches.push(Patch::replace(start..start + gone.len(), with(came)));
    }
    patches
}

/// Whether every line of `text` is blank or a comment.
fn comment_lines(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// Whether the byte at `at` is inside a scalar (a `#` line of a block
/// scalar is its text, not a comment). Nodes are in document order and
/// scalars do not nest: the one that could hold it is the last scalar
/// that starts before it.
fn in_scalar(version: &Version, at: usize) -> bool {
    let tree = version.tree();
    let (mut lo, mut hi) = (0u32, tree.len() as u32);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if tree.span(mid).start < at {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (0..lo)
        .rev()
        .find(|&n| tree.kind(n) == Kind::Scalar)
        .is_some_and(|n| at < tree.span(n).end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::load("p.yaml", text.as_bytes().to_vec())
    }

    fn brought(base: &str, theirs: &str, cur: &str) -> String {
        let patches = patches(&v(base), &v(theirs), &v(cur));
        crate::edit::apply(cur, patches).unwrap_or_default()
    }

    const BASE: &str = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n  - id: b\n    title: B\n    notes: |\n      x\n      y\n";

    #[test]
    fn theirs_comment_lines_come_over() {
        let theirs = BASE.replace("  - id: b\n", "  # b waits for the vendor\n  - id: b\n");
        let cur = BASE.replace("title: A", "title: A2");
        assert_eq!(
            brought(BASE, &theirs, &cur),
            cur.replace("  - id: b\n", "  # b waits for the vendor\n  - id: b\n")
        );
        // Reworded and removed.
        let commented = BASE.replace("  - id: b\n", "  # old\n  - id: b\n");
        let reworded = commented.replace("# old", "# new");
        assert_eq!(brought(&commented, &reworded, &commented), reworded);
        assert_eq!(brought(&commented, BASE, &commented), BASE);
    }

    #[test]
    fn not_where_ours_changed_the_context_nor_inside_a_block_scalar() {
        let theirs = BASE.replace("  - id: b\n", "  # b waits\n  - id: b\n");
        let cur = BASE.replace("  - id: b\n", "  - id: b2\n");
        assert_eq!(brought(BASE, &theirs, &cur), cur);
        let theirs = BASE.replace("      x\n", "      x\n      # not a comment\n");
        assert_eq!(brought(BASE, &theirs, BASE), BASE);
    }
}
