//! Edits of list items.

use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

use super::layout::{indent_of, line_end, line_ending, one_line};
use super::scalar::render;
use super::{EditError, Patch};

/// Turns the one-line string item `item` of the list `seq` into a mapping
/// `title: <title>` followed by the `extra` entries (key string, one-line
/// value text). `title` is YAML text: pass `&source[tree.span(item)]` to
/// keep the item's text as written.
///
/// In a block list, `- Set up CI  # c` becomes `- title: Set up CI  # c`
/// with each extra entry on a line of its own, indented under the title; in
/// a flow list the item becomes `{title: …, key: value}`.
pub fn plain_to_mapping(
    source: &str,
    tree: &Tree,
    seq: NodeIdx,
    item: NodeIdx,
    title: &str,
    extra: &[(&str, &str)],
) -> Result<Vec<Patch>, EditError> {
    if tree.kind(seq) != Kind::Sequence {
        return Err(EditError::NotASequence);
    }
    if !tree.children(seq).any(|c| c == item) {
        return Err(EditError::NotAChild);
    }
    if tree.kind(item) != Kind::Scalar
        || !matches!(
            tree.style(item),
            Style::Plain | Style::SingleQuoted | Style::DoubleQuoted
        )
    {
        return Err(EditError::Unsupported(
            "turning a non-string item into a mapping",
        ));
    }
    let span = tree.span(item);
    one_line(&source[span.clone()])?;
    one_line(title)?;
    for (_, value) in extra {
        one_line(value)?;
    }
    let flow = tree.style(seq) == Style::Flow;
    let entry = |key: &str, value: &str| {
        let key = render(key, Style::Plain, flow);
        if value.is_empty() {
            format!("{key}:")
        } else {
            format!("{key}: {value}")
        }
    };
    if flow {
        let mut text = format!("{{{}", entry("title", title));
        for (key, value) in extra {
            text.push_str(", ");
            text.push_str(&entry(key, value));
        }
        text.push('}');
        return Ok(vec![Patch::replace(span, text)]);
    }
    let mut patches = vec![Patch::replace(span.clone(), entry("title", title))];
    if !extra.is_empty() {
        let eol = line_ending(source);
        let indent = indent_of(source, span.start);
        let text: String = extra
            .iter()
            .map(|(key, value)| format!("{eol}{indent}{}", entry(key, value)))
            .collect();
        patches.push(Patch::insert(line_end(source, span.end), text).at_depth(indent.len()));
    }
    Ok(patches)
}
