//! The changes between two texts as whole lines, found quickly when they
//! are few and far apart.

use std::ops::Range;

use super::Edit;

/// The changes from `old` to `new` as whole lines, when they are few and
/// apart (as edits of a plan are): a walk over both texts that, where
/// lines differ, finds the nearest place within `window` lines on each
/// side where two lines in a row agree again. `None` when it finds none.
pub fn line_edits(old: &str, new: &str, window: usize) -> Option<Vec<Edit>> {
    let changes = line_changes(old, new, window)?;
    Some(
        changes
            .into_iter()
            .map(|e| trimmed(old, new, e.old, e.new))
            .collect(),
    )
}

/// As [`line_edits`], each change as the whole lines it replaces.
pub fn line_changes(old: &str, new: &str, window: usize) -> Option<Vec<Edit>> {
    let starts = |text: &str| -> Vec<usize> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        if starts.last() == Some(&text.len()) && !text.is_empty() {
            starts.pop();
        }
        if text.is_empty() {
            starts.clear();
        }
        starts.push(text.len());
        starts
    };
    let (a, b) = (starts(old), starts(new));
    let (na, nb) = (a.len() - 1, b.len() - 1);
    let same = |i: usize, j: usize| {
        let x = (i + 1 < a.len()).then(|| &old[a[i]..a[i + 1]]);
        let y = (j + 1 < b.len()).then(|| &new[b[j]..b[j + 1]]);
        x == y
    };
    let mut edits = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        while i < na && j < nb && same(i, j) {
            i += 1;
            j += 1;
        }
        if i == na && j == nb {
            return Some(edits);
        }
        let (di, dj) = if i == na || j == nb {
            (na - i, nb - j)
        } else {
            let mut found = None;
            'search: for d in 1..=2 * window {
                for di in d.saturating_sub(window)..=d.min(window) {
                    let dj = d - di;
                    let anchor = |k: usize| {
                        let (x, y) = (i + di + k, j + dj + k);
                        (x >= na && y >= nb) || (x < na && y < nb && same(x, y))
                    };
                    if anchor(0) && anchor(1) {
                        found = Some((di, dj));
                        break 'search;
                    }
                }
            }
            found?
        };
        edits.push(Edit {
            old: a[i]..a[i + di],
            new: b[j]..b[j + dj],
        });
        i += di;
        j += dj;
    }
}

/// A change narrowed to the bytes that differ, on character boundaries.
fn trimmed(old: &str, new: &str, o: Range<usize>, n: Range<usize>) -> Edit {
    let (x, y) = (&old.as_bytes()[o.clone()], &new.as_bytes()[n.clone()]);
    let mut head = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    while !old.is_char_boundary(o.start + head) || !new.is_char_boundary(n.start + head) {
        head -= 1;
    }
    let room = x.len().min(y.len()) - head;
    let mut tail = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    while !old.is_char_boundary(o.end - tail) || !new.is_char_boundary(n.end - tail) {
        tail -= 1;
    }
    Edit {
        old: o.start + head..o.end - tail,
        new: n.start + head..n.end - tail,
    }
}
