//! Values copied from one version's text into another's: a one-line value
//! as it was written (its quoting kept), a multi-line one (a block scalar,
//! a block list) as its entry's lines, re-indented to where it goes.

use crate::edit::{self, EditError, Patch, layout, scalar};
use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

use super::version::Version;

/// A value's text to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// One line of YAML for the value.
    Line(String),
    /// The whole entry, `key: value` and the lines after, as written at
    /// `column`.
    Lines { entry: String, column: usize },
}

/// The text of the value of `key` in `version`'s mapping `map`, fit to be
/// written inside a flow collection when `in_flow`; `None` when the
/// mapping does not hold the key or the value cannot be written there as
/// it stands (a multi-line value into a flow mapping).
pub fn value_text(version: &Version, map: NodeIdx, key: &str, in_flow: bool) -> Option<Text> {
    let (tree, text) = (version.tree(), version.text());
    let (k, v) = tree.get(text, map, key)?;
    let written = &text[tree.span(v)];
    if tree.span(v).is_empty() {
        return None;
    }
    let one_line = !written.contains(['\n', '\r'])
        && !matches!(tree.style(v), Style::Literal | Style::Folded)
        && (tree.kind(v) == Kind::Scalar || tree.style(v) != Style::Block);
    if one_line {
        let flow_safe = !in_flow
            || match (tree.kind(v), tree.style(v)) {
                (Kind::Scalar, Style::Plain) => {
                    scalar::is_plain_safe(tree.text(text, v), true) || tree.is_null(text, v)
                }
                _ => true,
            };
        return flow_safe.then(|| Text::Line(written.to_owned()));
    }
    if in_flow {
        return None;
    }
    let start = tree.span(k).start;
    let end = layout::last_line_end(text, entry_end(tree, k, v));
    Some(Text::Lines {
        entry: text[start..end].to_owned(),
        column: column(text, start),
    })
}

/// The patches that give `map` (in `source`) the entry `key` with `value`,
/// replacing the entry there or adding it: before the `tasks` key of a
/// block mapping where it has its own line, else after the last entry.
pub fn set_entry(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    value: &Text,
) -> Result<Vec<Patch>, EditError> {
    let flow = tree.style(map) == Style::Flow;
    match (tree.get(source, map, key), value) {
        (Some(_), Text::Line(line)) => edit::set_value(source, tree, map, key, line),
        (
            Some((k, v)),
            Text::Lines {
                entry,
                column: from,
            },
        ) => {
            if flow {
                return Err(EditError::NotOneLine);
            }
            let start = tree.span(k).start;
            let end = layout::last_line_end(source, entry_end(tree, k, v));
            let eol = layout::line_ending(source);
            Ok(vec![Patch::replace(
                start..end,
                reindent(entry, *from, column(source, start), eol),
            )])
        }
        (None, Text::Line(line)) if flow => {
            edit::insert_key_after(source, tree, map, key, line, &[])
        }
        (None, Text::Lines { .. }) if flow => Err(EditError::NotOneLine),
        (None, value) => {
            let entry = match value {
                Text::Line(line) => (
                    format!("{}: {line}", scalar::render(key, Style::Plain, false)),
                    0,
                ),
                Text::Lines { entry, column } => (entry.clone(), *column),
            };
            insert_entry(source, tree, map, &entry.0, entry.1)
        }
    }
}

/// Adds the entry text (written at column `from`) to the block mapping
/// `map`.
fn insert_entry(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    entry: &str,
    from: usize,
) -> Result<Vec<Patch>, EditError> {
    if tree.kind(map) != Kind::Mapping {
        return Err(EditError::NotAMapping);
    }
    let entries: Vec<(NodeIdx, NodeIdx)> = tree.entries(map).collect();
    let Some(&(first, _)) = entries.first() else {
        return Err(EditError::Unsupported("an empty block mapping"));
    };
    let indent = column(source, tree.span(first).start);
    let eol = layout::line_ending(source);
    let text = reindent(entry, from, indent, eol);
    let pad = " ".repeat(indent);
    let tasks = entries
        .iter()
        .find(|&&(k, _)| tree.text(source, k) == "tasks")
        .map(|&(k, _)| tree.span(k).start)
        .filter(|&at| {
            let line = layout::line_start(source, at);
            source[line..at].bytes().all(|b| b == b' ')
        });
    if let Some(at) = tasks {
        let line = layout::line_start(source, at);
        return Ok(vec![Patch::insert(line, format!("{pad}{text}{eol}"))]);
    }
    let &(k, v) = entries.last().unwrap_or(&(first, first));
    let at = layout::last_line_end(source, entry_end(tree, k, v));
    Ok(vec![
        Patch::insert(at, format!("{eol}{pad}{text}")).at_depth(indent),
    ])
}

/// The end of an entry's own text: its value's, or the key's when the
/// value is empty.
fn entry_end(tree: &Tree, key: NodeIdx, value: NodeIdx) -> usize {
    tree.span(key).end.max(tree.span(value).end)
}

/// The column (in bytes; indentation is spaces) of `pos` on its line.
pub fn column(source: &str, pos: usize) -> usize {
    pos - layout::line_start(source, pos)
}

/// The entry's first line as it is, each later line shifted from column
/// `from` to `to` (blank lines stay blank), joined with `eol`.
pub fn reindent(text: &str, from: usize, to: usize, eol: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i == 0 {
            out.push_str(line);
            continue;
        }
        out.push_str(eol);
        if line.trim_start_matches(' ').is_empty() {
            // A blank line of a block scalar keeps being blank.
            let spaces = (line.len() + to).saturating_sub(from);
            if !line.is_empty() {
                out.extend(std::iter::repeat_n(' ', spaces));
            }
            continue;
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let moved = (spaces + to).saturating_sub(from);
        out.extend(std::iter::repeat_n(' ', moved));
        out.push_str(&line[spaces..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindent_moves_later_lines() {
        assert_eq!(
            reindent("notes: |\n    a\n\n      b", 2, 4, "\n"),
            "notes: |\n      a\n\n        b"
        );
        assert_eq!(reindent("x:\r\n  - a", 4, 0, "\n"), "x:\n- a");
    }
}
