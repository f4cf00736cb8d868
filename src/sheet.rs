//! Cells of a sheet (CSV or TSV): how `list` and `export` write plan text
//! into them and how `apply` reads it back, exactly (SPEC §4).
//!
//! A cell carries the plan's text as it is — RFC 4180 quoting takes care of
//! tabs, line breaks and quotes — with one change: the formula guard, a `'`
//! before text a spreadsheet would run. [`unguard`] takes it off again. A
//! list (tags) goes in one cell as comma-separated items, quoted like CSV
//! where an item needs it, so any tag round-trips.

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
