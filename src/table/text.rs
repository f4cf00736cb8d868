//! Text measured in display columns: cutting a cell with `…`, keeping the
//! tail of one, and wrapping a line at the boundaries it allows.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `text`; ASCII text is one column a byte.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// `text` cut to `width` display columns, ending in `…` when cut; never
/// splits a character, and leaves no blank before the `…`.
pub fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if display_width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut used = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    Cow::Owned(format!("{}…", text[..end].trim_end()))
}

/// The end of `text` that fits in `width` display columns: what a cell
/// keeps when its column narrows (a progress bar gives way to the
/// percentage after it).
pub fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, c) in text.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = at;
    }
    &text[start..]
}

/// Lays `segments` out in lines of at most `width` columns: segments are
/// joined by `separator` while they fit, a new line starts between two
/// segments, and a segment wider than a line breaks at its spaces. No
/// line is broken inside a word, so a number is never split; only a word
/// wider than the width on its own is cut, with `…`.
pub fn wrap(segments: &[&str], separator: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![segments.join(separator)];
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for segment in segments {
        let segment_width = display_width(segment);
        if line.is_empty() && segment_width <= width {
            line.push_str(segment);
            line_width = segment_width;
            continue;
        }
        let joined = line_width + display_width(separator) + segment_width;
        if !line.is_empty() && joined <= width {
            line.push_str(separator);
            line.push_str(segment);
            line_width = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line_width = 0;
        for word in segment.split(' ').filter(|w| !w.is_empty()) {
            let word = cut(word, width);
            let word_width = display_width(&word);
            if line.is_empty() {
                line.push_str(&word);
                line_width = word_width;
            } else if line_width + 1 + word_width <= width {
                line.push(' ');
                line.push_str(&word);
                line_width += 1 + word_width;
            } else {
                lines.push(std::mem::replace(&mut line, word.into_owned()));
                line_width = word_width;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_character_boundaries() {
        assert_eq!(cut("平台工具小组", 7), "平台工…");
        assert_eq!(cut("平台工具小组", 8), "平台工…");
        assert_eq!(cut("平台工具小组", 12), "平台工具小组");
        assert_eq!(cut("Set up CI", 5), "Set…");
        assert_eq!(cut("Set up CI", 6), "Set u…");
        assert_eq!(cut("abc", 1), "…");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn tails_keep_whole_characters() {
        assert_eq!(tail("███▋░░░░  45.0%", 6), " 45.0%");
        assert_eq!(tail("平台工具", 5), "工具");
        assert_eq!(tail("abc", 9), "abc");
        assert_eq!(tail("abc", 0), "");
    }

    #[test]
    fn wraps_between_segments_then_between_words() {
        let segments = [
            "26 of 80 leaves done (1 cancelled)",
            "4,083h of 8,232h effort done",
        ];
        assert_eq!(
            wrap(&segments, " · ", None),
            ["26 of 80 leaves done (1 cancelled) · 4,083h of 8,232h effort done"]
        );
        assert_eq!(
            wrap(&segments, " · ", Some(40)),
            [
                "26 of 80 leaves done (1 cancelled)",
                "4,083h of 8,232h effort done"
            ]
        );
        assert_eq!(
            wrap(&segments, " · ", Some(20)),
            [
                "26 of 80 leaves done",
                "(1 cancelled)",
                "4,083h of 8,232h",
                "effort done"
            ]
        );
        assert_eq!(wrap(&["a", "b"], " · ", Some(9)), ["a · b"]);
        assert_eq!(wrap(&["abcdefgh"], " ", Some(4)), ["abc…"]);
        assert_eq!(wrap(&[], " ", Some(4)), [""]);
    }
}
