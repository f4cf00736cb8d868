//! Byte offsets to 1-based line and character column, for one file's text.

/// The start offset of every line of a text, so that a byte offset becomes a
/// line and column in `O(log lines)` without rescanning the text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// The last position counted: line, byte offset, 0-based column.
    last: std::cell::Cell<Option<(usize, usize, usize)>>,
}

/// Characters in `bytes`, counting each UTF-8 lead byte; `bytes` may end
/// inside a character only if a caller got an offset wrong, and then the
/// partial character is still counted once.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A 1-based line and a 1-based column counted in characters, as editors and
/// GitHub annotations count them (a Chinese character is one column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as YAML's do, so a file
    /// with old Mac line ends gets the same line numbers as the parser sees.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, &b) in bytes.iter().enumerate() {
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                // Offsets fit in u32: a plan set is refused past 2 GiB.
                starts.push((i + 1) as u32);
            }
        }
        LineIndex {
            starts,
            last: std::cell::Cell::new(None),
        }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        // Positions asked for in order along one long line (thousands of
        // diagnostics in a one-line flow list) continue counting from the
        // last one instead of from the line's start each time.
        let (from, counted) = match self.last.get() {
            Some((last_line, last_offset, last_column))
                if last_line == line && last_offset <= offset =>
            {
                (last_offset, last_column)
            }
            _ => (start, 0),
        };
        let column = counted + count_chars(&text.as_bytes()[from..offset]);
        self.last.set(Some((line, offset, column)));
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line] as usize;
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next as usize - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "a: 1\ntitle: 设计评审, x\r\nlast";
        let index = LineIndex::new(text);
        let comma = text.find(',').unwrap();
        assert_eq!(
            index.line_col(text, comma),
            LineCol {
                line: 2,
                column: 12
            }
        );
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 3, column: 5 }
        );
        assert_eq!(&text[index.line_range(text, 1)], "title: 设计评审, x");
        assert_eq!(&text[index.line_range(text, 2)], "last");
    }

    #[test]
    fn positions_asked_in_any_order_agree() {
        let text = "k: [设计, b, 评审, d]\nx: 1";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let forward: Vec<LineCol> = offsets.iter().map(|&o| index.line_col(text, o)).collect();
        let backward: Vec<LineCol> = offsets
            .iter()
            .rev()
            .map(|&o| index.line_col(text, o))
            .collect();
        assert_eq!(forward, backward.into_iter().rev().collect::<Vec<_>>());
        assert_eq!(forward[8], LineCol { line: 1, column: 9 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a: 1\rb: 2\r\nc: x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(
            index.line_col(text, text.find('b').unwrap()),
            LineCol { line: 2, column: 1 }
        );
        assert_eq!(
            index.line_col(text, text.find('x').unwrap()),
            LineCol { line: 3, column: 4 }
        );
        assert_eq!(&text[index.line_range(text, 0)], "a: 1");
        assert_eq!(&text[index.line_range(text, 1)], "b: 2");
    }
}
