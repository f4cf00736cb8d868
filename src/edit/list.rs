//! Edits of list items: add an item, remove one, take one out to move it.
//!
//! A list is named by the mapping that holds it and its key (`tasks`,
//! `tags`, `after`), so that a missing, null or `[]` list can be created or
//! filled and an emptied one written as `[]`. Block lists get whole lines,
//! indented like their siblings; flow lists get one-line text.

use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

use super::layout::{
    after_break, after_colon, entry_end, indent_of, last_line_end, line_end, line_ending,
    line_start, one_line,
};
use super::mapping::{insert_key, set_value};
use super::scalar::render;
use super::{EditError, Patch};

/// The text of an item to put into a list.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A new mapping of `(key, one-line YAML value text)` entries.
    Entries(&'a [(&'a str, &'a str)]),
    /// A one-line YAML scalar, e.g. a tag.
    Scalar(&'a str),
    /// An item taken out of another list by [`take`].
    Taken(&'a Taken),
}

/// An item's text as [`take`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// From a block list: its whole lines, the full-line comments above it
    /// included, without the last line break, and the column of its dash.
    lines: Option<(String, usize)>,
    /// The item's own text when it is one line without comments: what goes
    /// into a flow list (or after a dash).
    inline: Option<String>,
}

/// Where in a list an item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before(NodeIdx),
    After(NodeIdx),
    /// After the last item.
    End,
}

/// Who holds the list: a mapping with the list under `key`, or a plain
/// string item (of the list `seq`) that becomes a mapping `title: …` with
/// the list.
#[derive(Debug, Clone, Copy)]
pub enum Holder<'a> {
    Map(NodeIdx, &'a str),
    Plain { seq: NodeIdx, item: NodeIdx },
}

/// How far a block list's dash sits right of its key: the indentation of
/// the plan's top-level `tasks:` list (`tasks:\n  - …` is 2, `tasks:\n- …`
/// is 0), 2 if it shows none.
pub fn list_indent(source: &str, tree: &Tree) -> usize {
    let found = tree.root().and_then(|root| {
        let (key, seq) = tree.get(source, root, "tasks")?;
        let first = tree.children(seq).next()?;
        if tree.style(seq) != Style::Block {
            return None;
        }
        let dash = dash_column(source, tree.span(first).start)?;
        Some(dash.saturating_sub(column(source, tree.span(key).start)))
    });
    found.unwrap_or(2)
}

/// Puts `item` into the list that `holder` holds, at `place`, creating the
/// list when it is missing, null or `[]`. `indent` is the dash offset for a
/// new block list ([`list_indent`]).
pub fn insert_item(
    source: &str,
    tree: &Tree,
    holder: Holder<'_>,
    place: Place,
    item: Item<'_>,
    indent: usize,
) -> Result<Vec<Patch>, EditError> {
    let eol = line_ending(source);
    let (map, key) = match holder {
        Holder::Map(map, key) => (map, key),
        Holder::Plain { seq, item: plain } => {
            return into_plain(source, tree, seq, plain, key_of(holder), item, indent);
        }
    };
    if tree.kind(map) != Kind::Mapping {
        return Err(EditError::NotAMapping);
    }
    let seq = tree.get(source, map, key);
    let filled = seq.filter(|&(_, seq)| {
        tree.kind(seq) == Kind::Sequence && tree.children(seq).next().is_some()
    });
    if let Some((_, seq)) = filled {
        return into_list(source, tree, seq, place, item);
    }
    if let Some((_, value)) = seq
        && !tree.is_null(source, value)
        && !(tree.kind(value) == Kind::Sequence && tree.style(value) == Style::Flow)
    {
        return Err(EditError::NotASequence);
    }
    if place != Place::End {
        return Err(EditError::NotAChild);
    }
    // A new list, or a null or `[]` one filled.
    if tree.style(map) == Style::Flow {
        let text = format!("[{}]", flow_text(item)?);
        return match seq {
            Some((_, value)) if tree.kind(value) == Kind::Sequence => {
                Ok(vec![Patch::replace(tree.span(value), text)])
            }
            Some(_) => set_value(source, tree, map, key, &text),
            None => insert_key(source, tree, map, key, &text),
        };
    }
    let Some(&(first_key, _)) = tree.entries(map).collect::<Vec<_>>().first() else {
        return Err(EditError::Unsupported("an empty block mapping"));
    };
    let key_indent = indent_of(source, tree.span(first_key).start);
    let dash = key_indent.len() + indent;
    let lines = block_lines(item, dash, None, eol)?;
    match seq {
        Some((k, value)) => {
            let colon =
                after_colon(source, tree, k).ok_or(EditError::Unsupported("a list without `:`"))?;
            let mut patches = Vec::new();
            let value = tree.span(value);
            if !value.is_empty() && value.start >= colon {
                // ` []`, ` ~` or ` null` goes; a comment after it stays.
                patches.push(Patch::delete(colon..value.end));
            }
            patches.push(
                Patch::insert(line_end(source, colon), format!("{eol}{lines}")).at_depth(dash + 1),
            );
            Ok(patches)
        }
        None => {
            let (k, v) = tree
                .entries(map)
                .last()
                .ok_or(EditError::Unsupported("an empty block mapping"))?;
            let at = last_line_end(source, entry_end(tree, k, v));
            let key_text = render(key, Style::Plain, false);
            Ok(vec![
                Patch::insert(at, format!("{eol}{key_indent}{key_text}:{eol}{lines}"))
                    .at_depth(key_indent.len()),
            ])
        }
    }
}

/// Removes `item` from the list that `map` holds under `key`, with the
/// full-line comments directly above it at its dash column. The last item
/// leaves `[]`.
pub fn remove_item(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    item: NodeIdx,
) -> Result<Vec<Patch>, EditError> {
    let (_, seq) = tree
        .get(source, map, key)
        .ok_or_else(|| EditError::MissingKey(key.to_owned()))?;
    let items: Vec<NodeIdx> = child_items(tree, seq)?;
    let i = items
        .iter()
        .position(|&c| c == item)
        .ok_or(EditError::NotAChild)?;
    if items.len() == 1 && tree.style(seq) == Style::Flow {
        return set_value(source, tree, map, key, "[]");
    }
    if items.len() == 1 {
        // `key: []`, with the item's lines gone and other lines (comments
        // at other columns, blank lines) kept.
        let (k, _) = tree
            .get(source, map, key)
            .ok_or_else(|| EditError::MissingKey(key.to_owned()))?;
        let colon =
            after_colon(source, tree, k).ok_or(EditError::Unsupported("a list without `:`"))?;
        let (start, end) = block_extent(source, tree, item)?;
        let after = after_break(source, end);
        let lines = if after > end {
            Patch::delete(start..after)
        } else {
            Patch::delete(last_line_end(source, start)..end)
        };
        return Ok(vec![Patch::insert(colon, " []"), lines]);
    }
    if tree.style(seq) == Style::Flow {
        let span = tree.span(item);
        return Ok(vec![if i > 0 {
            Patch::delete(tree.span(items[i - 1]).end..span.end)
        } else {
            Patch::delete(span.start..tree.span(items[1]).start)
        }]);
    }
    let (start, end) = block_extent(source, tree, item)?;
    let mut after = after_break(source, end);
    // Between two blank lines, one of them goes too.
    if start > 0
        && is_blank_line(source, line_start(source, start - 1))
        && is_blank_line(source, after)
    {
        after = after_break(source, line_end(source, after));
    }
    Ok(vec![if after > end {
        Patch::delete(start..after)
    } else {
        // The item ends the file without a line break: take the one before.
        Patch::delete(last_line_end(source, start)..end)
    }])
}

/// The text of `item` of the list `seq`, to put elsewhere with
/// [`insert_item`] after removing it with [`remove_item`].
pub fn take(source: &str, tree: &Tree, seq: NodeIdx, item: NodeIdx) -> Result<Taken, EditError> {
    if !child_items(tree, seq)?.contains(&item) {
        return Err(EditError::NotAChild);
    }
    let inline = inline_text(source, tree, item);
    let lines = if tree.style(seq) == Style::Block {
        let (start, end) = block_extent(source, tree, item)?;
        let dash = dash_column(source, tree.span(item).start)
            .ok_or(EditError::Unsupported("a list item not on its dash's line"))?;
        Some((source[start..end].to_owned(), dash))
    } else {
        None
    };
    Ok(Taken { lines, inline })
}

/// The item's text as it can stand in a flow list: a one-line flow
/// collection or flow-safe scalar as written; a one-line block mapping of
/// flow-safe scalars as `{k: v, …}`. `None` when it has no such form.
fn inline_text(source: &str, tree: &Tree, item: NodeIdx) -> Option<String> {
    let own = &source[tree.span(item)];
    if own.contains(['\n', '\r', '#']) {
        return None;
    }
    let flow_safe = |node: NodeIdx| match (tree.kind(node), tree.style(node)) {
        (Kind::Scalar, Style::SingleQuoted | Style::DoubleQuoted) => true,
        (Kind::Scalar, Style::Plain) => {
            !source[tree.span(node)].contains([',', '[', ']', '{', '}'])
        }
        (Kind::Mapping | Kind::Sequence, Style::Flow) => true,
        _ => false,
    };
    match (tree.kind(item), tree.style(item)) {
        (Kind::Mapping, Style::Block) => {
            let mut entries = Vec::new();
            for (key, value) in tree.entries(item) {
                if !flow_safe(key) || !(flow_safe(value) || tree.span(value).is_empty()) {
                    return None;
                }
                let value = &source[tree.span(value)];
                entries.push(format!(
                    "{}:{}{value}",
                    &source[tree.span(key)],
                    if value.is_empty() { "" } else { " " }
                ));
            }
            Some(format!("{{{}}}", entries.join(", ")))
        }
        _ if flow_safe(item) => Some(own.to_owned()),
        _ => None,
    }
}

fn key_of<'a>(holder: Holder<'a>) -> &'a str {
    match holder {
        Holder::Map(_, key) => key,
        Holder::Plain { .. } => "tasks",
    }
}

/// Gives the plain string `plain` (an item of `seq`) a list: it becomes
/// `title: <its text>` with `key:` holding the item.
fn into_plain(
    source: &str,
    tree: &Tree,
    seq: NodeIdx,
    plain: NodeIdx,
    key: &str,
    item: Item<'_>,
    indent: usize,
) -> Result<Vec<Patch>, EditError> {
    if !child_items(tree, seq)?.contains(&plain) || tree.kind(plain) != Kind::Scalar {
        return Err(EditError::NotAChild);
    }
    let span = tree.span(plain);
    let title = &source[span.clone()];
    one_line(title)?;
    if tree.style(seq) == Style::Flow {
        let text = format!("{{title: {title}, {key}: [{}]}}", flow_text(item)?);
        return Ok(vec![Patch::replace(span, text)]);
    }
    let eol = line_ending(source);
    let key_indent = indent_of(source, span.start);
    let dash = key_indent.len() + indent;
    let lines = block_lines(item, dash, None, eol)?;
    Ok(vec![
        Patch::replace(span.clone(), format!("title: {title}")),
        Patch::insert(
            line_end(source, span.end),
            format!("{eol}{key_indent}{key}:{eol}{lines}"),
        )
        .at_depth(key_indent.len()),
    ])
}

/// Puts `item` into the non-empty list `seq`.
fn into_list(
    source: &str,
    tree: &Tree,
    seq: NodeIdx,
    place: Place,
    item: Item<'_>,
) -> Result<Vec<Patch>, EditError> {
    let items = child_items(tree, seq)?;
    let (Some(&first), Some(&last)) = (items.first(), items.last()) else {
        return Err(EditError::Unsupported("an empty list"));
    };
    let sibling = match place {
        Place::Before(x) | Place::After(x) if !items.contains(&x) => {
            return Err(EditError::NotAChild);
        }
        Place::Before(x) | Place::After(x) => x,
        Place::End => last,
    };
    if tree.style(seq) == Style::Flow {
        let text = flow_text(item)?;
        let span = tree.span(sibling);
        return Ok(vec![match place {
            Place::Before(_) => Patch::insert(span.start, format!("{text}, ")),
            _ => Patch::insert(span.end, format!(", {text}")),
        }]);
    }
    let eol = line_ending(source);
    let dash = dash_column(source, tree.span(sibling).start)
        .ok_or(EditError::Unsupported("a list item not on its dash's line"))?;
    // New keys line up with the first sibling's keys (`- id:` or `-   id:`).
    let first_start = tree.span(first).start;
    let key_offset = if tree.kind(first) == Kind::Mapping && tree.style(first) == Style::Block {
        dash_column(source, first_start).map(|d| column(source, first_start) - d)
    } else {
        None
    };
    let lines = block_lines(item, dash, key_offset, eol)?;
    Ok(vec![match place {
        Place::Before(_) => {
            let (start, _) = block_extent(source, tree, sibling)?;
            Patch::insert(start, format!("{lines}{eol}"))
        }
        _ => {
            let end = last_line_end(source, tree.span(sibling).end);
            Patch::insert(end, format!("{eol}{lines}")).at_depth(dash + 1)
        }
    }])
}

/// The item's lines for a block list whose dashes stand at column `dash`,
/// without a last line break; `key_offset` places a new mapping's keys
/// (default 2).
fn block_lines(
    item: Item<'_>,
    dash: usize,
    key_offset: Option<usize>,
    eol: &str,
) -> Result<String, EditError> {
    let pad = " ".repeat(dash);
    Ok(match item {
        Item::Entries(entries) => {
            let offset = key_offset.unwrap_or(2).max(2);
            let key_pad = " ".repeat(dash + offset);
            let mut text = String::new();
            for (i, (key, value)) in entries.iter().enumerate() {
                one_line(value)?;
                let entry = entry_text(key, value, false);
                if i == 0 {
                    text.push_str(&format!("{pad}-{}{entry}", " ".repeat(offset - 1)));
                } else {
                    text.push_str(&format!("{eol}{key_pad}{entry}"));
                }
            }
            if entries.is_empty() {
                text.push_str(&format!("{pad}- {{}}"));
            }
            text
        }
        Item::Scalar(value) => {
            one_line(value)?;
            format!("{pad}- {value}")
        }
        Item::Taken(taken) => match (&taken.lines, &taken.inline) {
            (Some((lines, from)), _) => reindent(lines, *from, dash, eol),
            (None, Some(inline)) => format!("{pad}- {inline}"),
            (None, None) => return Err(EditError::NotOneLine),
        },
    })
}

/// One-line flow text of an item.
fn flow_text(item: Item<'_>) -> Result<String, EditError> {
    match item {
        Item::Entries(entries) => {
            let mut parts = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                one_line(value)?;
                parts.push(entry_text(key, value, true));
            }
            Ok(format!("{{{}}}", parts.join(", ")))
        }
        Item::Scalar(value) => {
            one_line(value)?;
            Ok(value.to_owned())
        }
        Item::Taken(taken) => taken.inline.clone().ok_or(EditError::NotOneLine),
    }
}

fn entry_text(key: &str, value: &str, flow: bool) -> String {
    let key = render(key, Style::Plain, flow);
    if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    }
}

/// Shifts every line of `text` from dash column `from` to `to`, block
/// scalar content included; blank lines stay blank. Line ends become `eol`.
fn reindent(text: &str, from: usize, to: usize, eol: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i > 0 {
            out.push_str(eol);
        }
        if line.is_empty() {
            continue;
        }
        // Every line moves by the same columns; a line of spaces only is
        // content of a block scalar when it is deeper than its text, so it
        // moves too (and never below zero).
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let moved = (spaces + to).saturating_sub(from);
        out.extend(std::iter::repeat_n(' ', moved));
        out.push_str(&line[spaces..]);
    }
    out
}

/// The items of a list.
fn child_items(tree: &Tree, seq: NodeIdx) -> Result<Vec<NodeIdx>, EditError> {
    if tree.kind(seq) != Kind::Sequence {
        return Err(EditError::NotASequence);
    }
    Ok(tree.children(seq).collect())
}

/// The lines of a block list item: from the first of the full-line comments
/// directly above its dash (at the dash's column) to the end of its last
/// line, before the line break.
fn block_extent(source: &str, tree: &Tree, item: NodeIdx) -> Result<(usize, usize), EditError> {
    let span = tree.span(item);
    let dash = dash_column(source, span.start)
        .ok_or(EditError::Unsupported("a list item not on its dash's line"))?;
    let mut start = line_start(source, span.start);
    while start > 0 {
        let above = line_start(source, start - 1);
        let line = source[above..start].trim_end_matches(['\n', '\r']);
        let text = line.trim_start_matches(' ');
        if text.starts_with('#') && line.len() - text.len() == dash {
            start = above;
        } else {
            break;
        }
    }
    Ok((start, last_line_end(source, span.end)))
}

/// Whether the line starting at `start` holds only spaces (and is a line:
/// not the end of the text).
fn is_blank_line(source: &str, start: usize) -> bool {
    start < source.len()
        && source[start..line_end(source, start)]
            .bytes()
            .all(|b| b == b' ')
}

/// The column of the `-` that introduces the item starting at `pos`, when
/// it is on the same line.
fn dash_column(source: &str, pos: usize) -> Option<usize> {
    let start = line_start(source, pos);
    let before = source[start..pos].trim_end_matches([' ', '\t']);
    before
        .strip_suffix('-')
        .filter(|rest| rest.bytes().all(|b| b == b' '))
        .map(str::len)
}

/// The column (in bytes; indentation is spaces) of `pos` on its line.
fn column(source: &str, pos: usize) -> usize {
    pos - line_start(source, pos)
}
