//! Lines, line endings and entry extents of the source text.

use crate::source::yaml::{NodeIdx, Tree};

use super::EditError;

/// The file's line ending, from its first line break (`\n` if none).
pub fn line_ending(source: &str) -> &'static str {
    match source.find('\n') {
        Some(at) if at > 0 && source.as_bytes()[at - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The offset where the line holding `pos` starts.
pub fn line_start(source: &str, pos: usize) -> usize {
    source[..pos].rfind('\n').map_or(0, |at| at + 1)
}

/// The offset of the line break (`\r\n` or `\n`) ending the line holding
/// `pos`, or the end of the source.
pub fn line_end(source: &str, pos: usize) -> usize {
    match source[pos..].find('\n') {
        Some(at) => {
            let at = pos + at;
            if at > pos && source.as_bytes()[at - 1] == b'\r' {
                at - 1
            } else {
                at
            }
        }
        None => source.len(),
    }
}

/// The offset after the line break at `end` (from [`line_end`]).
pub fn after_break(source: &str, end: usize) -> usize {
    let rest = &source.as_bytes()[end..];
    if rest.starts_with(b"\r\n") {
        end + 2
    } else if rest.starts_with(b"\n") {
        end + 1
    } else {
        end
    }
}

/// The end, before its line break, of the last line of a node ending at
/// `end`: block scalars end after their last line break.
pub fn last_line_end(source: &str, end: usize) -> usize {
    let bytes = source.as_bytes();
    if end > 0 && bytes[end - 1] == b'\n' {
        if end > 1 && bytes[end - 2] == b'\r' {
            end - 2
        } else {
            end - 1
        }
    } else {
        line_end(source, end)
    }
}

/// The end, before its line break, of the line above the line starting
/// at `line_start` (0 for the first line).
pub fn line_before(source: &str, line_start: usize) -> usize {
    last_line_end(source, line_start).min(line_start)
}

/// The offset just past the `:` after a mapping key, if there is one.
pub fn after_colon(source: &str, tree: &Tree, key: NodeIdx) -> Option<usize> {
    let end = tree.span(key).end;
    let rest = &source[end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (source[end + gap..].starts_with(':')).then_some(end + gap + 1)
}

/// The last byte of an entry's own text: its value's end, or for an empty
/// (null) value the end of the key.
pub fn entry_end(tree: &Tree, key: NodeIdx, value: NodeIdx) -> usize {
    tree.span(key).end.max(tree.span(value).end)
}

/// The end of the text of a flow entry: as [`entry_end`], but after the `:`
/// of an empty value so that nothing is inserted between key and colon.
pub fn flow_entry_end(source: &str, tree: &Tree, key: NodeIdx, value: NodeIdx) -> usize {
    if tree.span(value).is_empty() {
        after_colon(source, tree, key).unwrap_or(tree.span(key).end)
    } else {
        entry_end(tree, key, value)
    }
}

/// Spaces as wide as the text before `pos` on its line (indentation and
/// any `- ` dashes).
pub fn indent_of(source: &str, pos: usize) -> String {
    " ".repeat(pos - line_start(source, pos))
}

pub fn one_line(text: &str) -> Result<(), EditError> {
    if text.contains(['\n', '\r']) {
        Err(EditError::NotOneLine)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_helpers() {
        assert_eq!(line_ending("a\r\nb\n"), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending("a"), "\n");
        let s = "ab\r\ncd\nef";
        assert_eq!(line_start(s, 5), 4);
        assert_eq!(line_end(s, 0), 2);
        assert_eq!(line_end(s, 4), 6);
        assert_eq!(line_end(s, 8), 9);
        assert_eq!(after_break(s, 2), 4);
        assert_eq!(after_break(s, 6), 7);
        assert_eq!(after_break(s, 9), 9);
        assert_eq!(last_line_end(s, 4), 2);
        assert_eq!(last_line_end(s, 7), 6);
        assert_eq!(last_line_end(s, 5), 6);
        assert_eq!(indent_of("  - a", 4), "    ");
    }
}
