//! Labels in wide characters, lined up again.
//!
//! annotate-snippets lays out the rows under a source line in cells, one
//! character each, and places every underline and `|` by column. A label
//! in Chinese ("父任务的截止日期在此") takes one cell per character but two
//! columns on screen, so whatever the row holds to its right (another
//! annotation's `^^^`, a `|`) is shown one column further right for each
//! wide character. These rows are put right afterwards: for each column a
//! wide character took beyond its cell, one space of the gap after it is
//! dropped (never the last space of a gap, so a label never runs into
//! what follows). Only annotation rows are touched (nothing but blanks
//! before their `|`); the source line above shows the plan's own text
//! exactly as the file has it.

use unicode_width::UnicodeWidthChar;

/// `rendered` with every annotation row lined up by display width; rows
/// without wide characters come back as they were.
pub(super) fn realign(rendered: String) -> String {
    if rendered.is_ascii() {
        return rendered;
    }
    let mut out = String::with_capacity(rendered.len());
    for (i, line) in rendered.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if is_annotation_row(line) {
            realign_row(line, &mut out);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A row under a source line: only blanks (and colour) before its first `|`.
fn is_annotation_row(line: &str) -> bool {
    match line.find('|') {
        Some(bar) => {
            let before = &line[..bar];
            !before.is_empty() && visible(before).all(|c| c == ' ')
        }
        None => false,
    }
}

/// The characters of `text` a terminal shows: without ANSI escape
/// sequences (`ESC [ … letter`).
fn visible(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            if c != '\x1b' {
                return Some(c);
            }
            skip_escape(&mut chars);
        }
    })
}

/// Past an escape sequence whose ESC was just read.
fn skip_escape(chars: &mut impl Iterator<Item = char>) -> String {
    let mut sequence = String::new();
    if let Some(c) = chars.next() {
        sequence.push(c);
        if c == '[' {
            for c in chars.by_ref() {
                sequence.push(c);
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        }
    }
    sequence
}

fn realign_row(line: &str, out: &mut String) {
    let mut extra = 0usize;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            out.push_str(&skip_escape(&mut chars));
            continue;
        }
        if c == ' ' && extra > 0 && next_visible_is_space(&chars) {
            extra -= 1;
            continue;
        }
        extra += c.width().unwrap_or(0).saturating_sub(1);
        out.push(c);
    }
}

/// Whether the next character shown after the iterator's position is a
/// space (colour codes between are looked through).
fn next_visible_is_space(chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut ahead = chars.clone();
    while let Some(c) = ahead.next() {
        if c != '\x1b' {
            return c == ' ';
        }
        skip_escape(&mut ahead);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::realign;

    #[test]
    fn what_follows_a_wide_label_moves_back_under_its_column() {
        let rendered = "\
 --> p.yaml:5:65
  |
5 |   - {title: 阶段一, start: 2026-03-01, tasks: [{title: 子任务, start: 2026-02-20}]}
  |                            ---------- 父任务的开始日期在此                      ^^^^^^^^^^
  |";
        let fixed = realign(rendered.to_owned());
        let rows: Vec<&str> = fixed.lines().collect();
        // The source line is the file's own text, untouched.
        assert_eq!(rows[2], rendered.lines().nth(2).unwrap());
        // The carets sit under `2026-02-20` on screen again.
        let width = |text: &str| unicode_width::UnicodeWidthStr::width(text);
        let date = rows[2].rfind("2026-02-20").unwrap();
        let carets = rows[3].find('^').unwrap();
        assert_eq!(width(&rows[3][..carets]), width(&rows[2][..date]));
        assert_eq!(
            rows[3],
            "  |                            ---------- 父任务的开始日期在此            ^^^^^^^^^^"
        );
    }

    #[test]
    fn a_gap_keeps_a_space_and_colour_is_looked_through() {
        // Too little room: one space stays between the label and the carets.
        let tight = "  |  -- 中文  ^^";
        assert_eq!(realign(tight.to_owned()), "  |  -- 中文 ^^");
        let coloured = "\x1b[1m  |\x1b[0m -- \x1b[34m中文\x1b[0m     \x1b[31m^^\x1b[0m";
        assert_eq!(
            realign(coloured.to_owned()),
            "\x1b[1m  |\x1b[0m -- \x1b[34m中文\x1b[0m   \x1b[31m^^\x1b[0m"
        );
        // Rows that are not under a source line, and ASCII, are left alone.
        for text in ["提示: 中文  |  x", "5 | 中文  中文", "  | ascii  ^^"] {
            assert_eq!(realign(text.to_owned()), text);
        }
    }
}
