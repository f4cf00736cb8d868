//! Cells of a sheet (CSV or TSV): how `list` and `export` write plan text
//! into them and how `apply` reads it back, exactly (SPEC §4).
//!
//! A CSV cell carries the plan's text as it is — RFC 4180 quoting takes
//! care of commas, line breaks and quotes — with one change: the formula
//! guard, a `'` before text a spreadsheet would run. [`unguard`] takes it
//! off again. A list (tags) goes in one cell as comma-separated items,
//! quoted like CSV where an item needs it, so any tag round-trips.
//!
//! TSV has no quoting: a record is a line, its cells are split at tabs, and
//! `cut`, `awk` and most TSV readers take every character literally. So a
//! TSV cell escapes what it cannot hold, as PostgreSQL's text format and
//! most TSV writers do ([`tsv_escape`]): a backslash is `\\`, a tab `\t`, a
//! line feed `\n`, a carriage return `\r`; and a cell that starts with a
//! quote starts `\"`, so that no reader takes it for a quoted cell.
//! [`tsv_unescape`] reads them back.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (or, for
/// tab and CR, that Excel and LibreOffice skip before looking).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether text, written as it is, would lose its first character to
/// [`unguard`] or start a formula: a formula start, or a `'` followed by a
/// formula start or another `'`.
fn needs_guard(text: &str) -> bool {
    if text.starts_with(FORMULA_START) {
        return true;
    }
    text.strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(FORMULA_START) || rest.starts_with('\''))
}

/// The cell for a value: the text itself, or with a leading `'` when a
/// spreadsheet would run it as a formula (`=`, `+`, `-`, `@`, tab, CR) or
/// when it starts with a `'` that [`unguard`] would otherwise take away.
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The value of a cell: [`guard`] undone. A `'` is taken off only where
/// [`guard`] would have put it, so a title that starts with `'quoted'`
/// reads back as itself.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A TSV cell for `text`: `\\`, `\t`, `\n` and `\r` for a backslash, tab,
/// line feed and carriage return, and `\"` for a quote the cell starts
/// with; nothing else changes.
pub fn tsv_escape(text: &str) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '\\' | '\t' | '\n' | '\r');
    if !text.contains(special) && !text.starts_with('"') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with('"') {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The text of a TSV cell: [`tsv_escape`] undone. A backslash before
/// anything else (`C:\Users`, typed by hand) is kept as it is.
pub fn tsv_unescape(cell: &str) -> Cow<'_, str> {
    if !cell.contains('\\') {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let unescaped = match chars.peek() {
            Some('\\') => '\\',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('"') => '"',
            _ => {
                out.push(c);
                continue;
            }
        };
        chars.next();
        out.push(unescaped);
    }
    Cow::Owned(out)
}

/// The items of a list in one cell, comma-separated; an item with a comma,
/// a quote, blanks at either end, a leading `+` or `-` (which would read as
/// a tag change), or none at all is quoted, with quotes doubled.
pub fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let quoted = item.is_empty()
            || item.contains([',', '"'])
            || item.starts_with(['+', '-'])
            || item.trim() != *item;
        if quoted {
            out.push('"');
            out.push_str(&item.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// One item of a list cell and whether it was quoted (taken literally).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub quoted: bool,
}

/// Reads a list cell written by [`list`] or by hand: comma-separated
/// items, blanks around a bare item trimmed and empty bare items skipped;
/// a quoted item is taken as it is.
pub fn parse_list(cell: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut rest = cell;
    loop {
        let trimmed = rest.trim_start();
        if let Some(body) = trimmed.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = body.char_indices();
            let end = loop {
                match chars.next() {
                    None => {
                        return Err(format!(
                            "`{}` has a quote that is not closed; write a quote inside a quoted item as \"\"",
                            crate::safe::excerpt(cell)
                        ));
                    }
                    Some((at, '"')) if body[at + 1..].starts_with('"') => {
                        text.push('"');
                        chars.next();
                    }
                    Some((at, '"')) => break at + 1,
                    Some((_, c)) => text.push(c),
                }
            };
            items.push(Item { text, quoted: true });
            let after = body[end..].trim_start();
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None if after.is_empty() => break,
                None => {
                    return Err(format!(
                        "`{}`: a quoted item must be followed by a comma",
                        crate::safe::excerpt(cell)
                    ));
                }
            }
        } else {
            let (item, next) = match rest.split_once(',') {
                Some((item, next)) => (item, Some(next)),
                None => (rest, None),
            };
            let item = item.trim();
            if !item.is_empty() {
                items.push(Item {
                    text: item.to_owned(),
                    quoted: false,
                });
            }
            match next {
                Some(next) => rest = next,
                None => break,
            }
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_and_unguard_are_inverse() {
        for text in [
            "plain", "=SUM(A1)", "+1", "-1 day", "@ana", "\tx", "\rx", "'quoted'", "'=x", "''x",
            "'", "''", "", "a'=b",
        ] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
            assert!(!guard(text).starts_with(FORMULA_START), "{text:?}");
        }
        assert_eq!(guard("=x"), "'=x");
        assert_eq!(guard("'quoted'"), "'quoted'");
        assert_eq!(guard("'=x"), "''=x");
        // What a person types keeps its apostrophe unless it guards.
        assert_eq!(unguard("'quoted"), "'quoted");
        assert_eq!(unguard("'-1"), "-1");
    }

    #[test]
    fn tsv_cells_hold_no_tab_line_break_or_leading_quote_and_read_back() {
        let texts = [
            "plain",
            "tab\there",
            "two\nlines\n",
            "\r\n",
            "back\\nslash \\t typed",
            "\\",
            "\\\\",
            "ends in \\",
            "\"quoted\" title",
            "say \"hi\"",
            "\"",
            "",
            "中文\t标题",
        ];
        for text in texts {
            let cell = tsv_escape(text);
            assert!(!cell.contains(['\t', '\n', '\r']), "{text:?} → {cell:?}");
            assert!(!cell.starts_with('"'), "{text:?} → {cell:?}");
            assert_eq!(tsv_unescape(&cell), text, "{cell:?}");
        }
        assert_eq!(tsv_escape("a\tb\\c"), "a\\tb\\\\c");
        assert_eq!(tsv_escape("\"x\" y"), "\\\"x\" y");
        // What a person types: a lone backslash stays.
        assert_eq!(tsv_unescape("C:\\Users\\x"), "C:\\Users\\x");
        assert_eq!(tsv_unescape("end\\"), "end\\");
    }

    #[test]
    fn tsv_escapes_round_trip_any_text() {
        // Every string of up to four characters from those that matter.
        let alphabet = ['\\', 't', 'n', '"', '\t', '\n', '\r', 'x'];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        for text in &texts {
            let cell = tsv_escape(text);
            assert!(!cell.contains(['\t', '\n', '\r']) && !cell.starts_with('"'));
            assert_eq!(tsv_unescape(&cell), text.as_str(), "{cell:?}");
        }
    }

    #[test]
    fn any_list_round_trips() {
        let lists: &[&[&str]] = &[
            &[],
            &["a"],
            &["a", "b c"],
            &["a,b", "say \"hi\"", " padded ", "+y", "-x", ""],
            &["\"", ",", "中文,标签"],
        ];
        for items in lists {
            let cell = list(items);
            let read: Vec<String> = parse_list(&cell)
                .unwrap_or_else(|e| panic!("{cell}: {e}"))
                .into_iter()
                .map(|i| i.text)
                .collect();
            assert_eq!(read, *items, "{cell}");
        }
        assert_eq!(list(&["a,b", "c"]), "\"a,b\",c");
    }

    #[test]
    fn hand_written_lists() {
        let texts = |cell: &str| -> Vec<(String, bool)> {
            parse_list(cell)
                .unwrap_or_else(|e| panic!("{cell}: {e}"))
                .into_iter()
                .map(|i| (i.text, i.quoted))
                .collect()
        };
        assert_eq!(
            texts(" a , b,,"),
            [("a".into(), false), ("b".into(), false)]
        );
        assert_eq!(
            texts("+a, \"-b\" ,c"),
            [
                ("+a".into(), false),
                ("-b".into(), true),
                ("c".into(), false)
            ]
        );
        assert!(parse_list("\"open").is_err());
        assert!(parse_list("\"a\"b").is_err());
    }
}
