//! Edits of mapping entries: set a value, insert a key, remove a key.

use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

use super::layout::{
    after_break, after_colon, entry_end, flow_entry_end, indent_of, last_line_end, line_end,
    line_ending, line_start, one_line,
};
use super::scalar::render;
use super::{EditError, Patch};

/// Replaces the value of `key` in `map` with the one-line YAML text
/// `new_text`.
///
/// A scalar or flow collection is replaced where it stands, so a trailing
/// `# comment` stays. An empty (null) value gets the text after its `:`. A
/// block scalar (`|`, `>`) loses its header and content lines and a block
/// collection its lines; the text goes on the key's line, before any
/// comment there.
pub fn set_value(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    new_text: &str,
) -> Result<Vec<Patch>, EditError> {
    one_line(new_text)?;
    let (k, v) = find(source, tree, map, key)?;
    let span = tree.span(v);
    let block = tree.style(map) == Style::Block;
    match (tree.kind(v), tree.style(v)) {
        (Kind::Invalid, _) => Err(EditError::Unsupported("an alias value")),
        (Kind::Scalar, Style::Literal | Style::Folded) => {
            let colon = after_colon(source, tree, k)
                .ok_or(EditError::Unsupported("a block scalar without `:`"))?;
            let rest = &source[colon..];
            let header = colon + rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let indicators = source[header..]
                .bytes()
                .take_while(|b| matches!(b, b'|' | b'>' | b'+' | b'-' | b'0'..=b'9'))
                .count();
            let mut patches = vec![Patch::replace(header..header + indicators, new_text)];
            let header_end = line_end(source, header);
            let content_end = last_line_end(source, span.end);
            if content_end > header_end {
                patches.push(Patch::delete(header_end..content_end));
            }
            Ok(patches)
        }
        (Kind::Mapping | Kind::Sequence, Style::Block) => {
            let colon = after_colon(source, tree, k)
                .ok_or(EditError::Unsupported("a collection value without `:`"))?;
            let mut patches = vec![Patch::insert(colon, format!(" {new_text}"))];
            let key_line_end = line_end(source, colon);
            let content_end = last_line_end(source, span.end);
            if content_end > key_line_end {
                patches.push(Patch::delete(key_line_end..content_end));
            }
            Ok(patches)
        }
        (Kind::Scalar, _) if span.is_empty() => Ok(vec![match after_colon(source, tree, k) {
            Some(colon) => Patch::insert(colon, format!(" {new_text}")),
            None if !block => Patch::insert(span.end, format!(": {new_text}")),
            None => return Err(EditError::Unsupported("an empty value without `:`")),
        }]),
        _ => Ok(vec![Patch::replace(span, new_text)]),
    }
}

/// Adds `key: value_text` as the last of the mapping's own entries; `key`
/// is the key's string, quoted here if it needs to be. An empty
/// `value_text` writes `key:` (null).
///
/// A task's own keys come before its `tasks:`: a key other than `tasks`
/// goes after the last entry above `tasks:`, or just before `tasks:` when
/// that is the first key, never after the subtree (where the next sibling
/// starts, so that a merge could not tell whose key it is).
///
/// In a block mapping the entry goes on a new line after the last line of
/// that entry (after its trailing comment, before any comment lines that
/// follow), indented like the first key, with the file's line ending. In a
/// flow mapping it goes after that entry as `, key: value`, or fills an
/// empty `{}`.
pub fn insert_key(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    value_text: &str,
) -> Result<Vec<Patch>, EditError> {
    insert_key_after(source, tree, map, key, value_text, &[])
}

/// As [`insert_key`], but in a block mapping after the last entry whose
/// key is not in `removed`: the keys that the same edit removes, so that
/// the new line is not anchored inside a deleted one.
pub fn insert_key_after(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    value_text: &str,
    removed: &[&str],
) -> Result<Vec<Patch>, EditError> {
    one_line(value_text)?;
    if tree.kind(map) != Kind::Mapping {
        return Err(EditError::NotAMapping);
    }
    if tree.get(source, map, key).is_some() {
        return Err(EditError::KeyExists(key.to_owned()));
    }
    let flow = tree.style(map) == Style::Flow;
    let key_text = render(key, Style::Plain, flow);
    let entry = if value_text.is_empty() {
        format!("{key_text}:")
    } else {
        format!("{key_text}: {value_text}")
    };
    let entries: Vec<_> = tree.entries(map).collect();
    let span = tree.span(map);
    let is_removed = |k: NodeIdx| removed.contains(&tree.text(source, k));
    // The node's own entries end at its `tasks:`.
    let tasks_at = (key != "tasks")
        .then(|| {
            entries
                .iter()
                .position(|&(k, _)| tree.text(source, k) == "tasks")
        })
        .flatten();
    if let Some(t) = tasks_at {
        let anchor = entries[..t].iter().rev().find(|&&(k, _)| !is_removed(k));
        let tasks_key = tree.span(entries[t].0).start;
        return Ok(vec![match anchor {
            Some(&(k, v)) if flow => {
                Patch::insert(flow_entry_end(source, tree, k, v), format!(", {entry}"))
            }
            Some(&(k, v)) => {
                let indent = indent_of(source, tree.span(entries[0].0).start);
                let at = last_line_end(source, entry_end(tree, k, v));
                let eol = line_ending(source);
                Patch::insert(at, format!("{eol}{indent}{entry}")).at_depth(indent.len())
            }
            // Nothing of its own stays above `tasks:`: the entry goes
            // where `tasks:` starts, which moves down a line (or along).
            None if flow => Patch::insert(tasks_key, format!("{entry}, ")),
            None => {
                let indent = indent_of(source, tasks_key);
                let eol = line_ending(source);
                Patch::insert(tasks_key, format!("{entry}{eol}{indent}"))
            }
        }]);
    }
    if flow {
        return Ok(vec![match entries.last() {
            Some(&(k, v)) => {
                Patch::insert(flow_entry_end(source, tree, k, v), format!(", {entry}"))
            }
            None if source[span.start + 1..span.end - 1].contains(['\n', '#']) => {
                Patch::insert(span.start + 1, format!("{entry}, "))
            }
            None if source[span.start..span.end].starts_with("{ ") => {
                Patch::replace(span, format!("{{ {entry} }}"))
            }
            None => Patch::replace(span, format!("{{{entry}}}")),
        }]);
    }
    let anchor = entries
        .iter()
        .rev()
        .find(|&&(k, _)| !is_removed(k))
        .or(entries.last());
    let (Some(&(first, _)), Some(&(k, v))) = (entries.first(), anchor) else {
        return Err(EditError::Unsupported("an empty block mapping"));
    };
    let indent = indent_of(source, tree.span(first).start);
    let at = last_line_end(source, entry_end(tree, k, v));
    let eol = line_ending(source);
    Ok(vec![
        Patch::insert(at, format!("{eol}{indent}{entry}")).at_depth(indent.len()),
    ])
}

/// Removes `key` and its value from `map`.
///
/// In a block mapping the entry's whole lines go, a multi-line value and
/// the comments on those lines included. A first key that shares its line
/// with a list dash (`- id: x`) is removed up to the next key, which moves
/// up beside the dash. The only entry of a mapping becomes `{}`. In a flow
/// mapping `, key: value` goes (or `key: value, ` for the first).
pub fn remove_key(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
) -> Result<Vec<Patch>, EditError> {
    remove_key_among(source, tree, map, key, &[key])
}

/// As [`remove_key`], when the same edit removes every key of `removed`
/// (`key` among them): a first key removed up to the next key removes up
/// to the next key that stays, and the removed keys it passes give no
/// patch of their own, so no two patches overlap.
pub fn remove_key_among(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
    removed: &[&str],
) -> Result<Vec<Patch>, EditError> {
    let (k, v) = find(source, tree, map, key)?;
    let entries: Vec<_> = tree.entries(map).collect();
    let i = entries.iter().position(|&(ek, _)| ek == k).unwrap_or(0);
    let is_removed = |ek: NodeIdx| ek == k || removed.contains(&tree.text(source, ek));
    let first_start = tree.span(entries[0].0).start;
    let first_beside_dash = !source[line_start(source, first_start)..first_start]
        .bytes()
        .all(|b| b == b' ');
    let flow = tree.style(map) == Style::Flow;
    // Swallowed by the first key's removal, which runs to the next key
    // that stays.
    if i > 0
        && (flow || first_beside_dash)
        && entries[..i].iter().all(|&(ek, _)| is_removed(ek))
        && entries.iter().any(|&(ek, _)| !is_removed(ek))
    {
        return Ok(Vec::new());
    }
    let next = if i == 0 {
        entries[1..]
            .iter()
            .find(|&&(nk, _)| !is_removed(nk))
            .map(|&(nk, _)| tree.span(nk).start)
    } else {
        entries.get(i + 1).map(|&(nk, _)| tree.span(nk).start)
    };
    let k_start = tree.span(k).start;
    if flow {
        return Ok(vec![if entries.len() == 1 {
            Patch::replace(tree.span(map), "{}")
        } else if i > 0 {
            let (pk, pv) = entries[i - 1];
            Patch::delete(flow_entry_end(source, tree, pk, pv)..flow_entry_end(source, tree, k, v))
        } else {
            Patch::delete(k_start..next.unwrap_or(k_start))
        }]);
    }
    let start = line_start(source, k_start);
    let end = last_line_end(source, entry_end(tree, k, v));
    let own_line = source[start..k_start].bytes().all(|b| b == b' ');
    Ok(vec![match next {
        None if entries.len() == 1 => Patch::replace(k_start..end, "{}"),
        Some(next) if !own_line => Patch::delete(k_start..next),
        _ if !own_line => {
            return Err(EditError::Unsupported(
                "a key after a dash with no next key",
            ));
        }
        _ => {
            let after = after_break(source, end);
            if after > end {
                Patch::delete(start..after)
            } else {
                // The last line has no line break: take the one before it.
                Patch::delete(last_line_end(source, start)..end)
            }
        }
    }])
}

fn find(
    source: &str,
    tree: &Tree,
    map: NodeIdx,
    key: &str,
) -> Result<(NodeIdx, NodeIdx), EditError> {
    if tree.kind(map) != Kind::Mapping {
        return Err(EditError::NotAMapping);
    }
    tree.get(source, map, key)
        .ok_or_else(|| EditError::MissingKey(key.to_owned()))
}
