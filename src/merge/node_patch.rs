//! The field patches that make one node of the current text hold its
//! merged fields, and the file's own entries: each new value copied as the
//! side that chose it wrote it (its quoting, a block scalar's lines), a
//! list changed item by item where it is a block list.

use super::conflict::{MId, Side};
use super::entry::{Text, set_entry, value_text};
use super::merged::Inputs;
use super::merged::{MNode, Merged};
use super::version::{Field, Version, canonical};
use crate::edit::{self, Holder, Item, Patch, Place, scalar};
use crate::plan::NodeId;
use crate::source::yaml::{Kind, NodeIdx, Style};

/// Where a node's merged value of a field comes from.
enum Source<'a> {
    Side(&'a Version, NodeId),
    List(&'a [String]),
}

fn version_of<'a>(
    inputs: Inputs<'a>,
    node: &MNode,
    side: Side,
) -> Result<(&'a Version, NodeId), String> {
    match side {
        Side::Ours => Ok((inputs.ours, node.ours.ok_or("no ours node")?)),
        Side::Theirs => Ok((inputs.theirs, node.theirs.ok_or("no theirs node")?)),
    }
}

fn source_of<'a>(inputs: Inputs<'a>, node: &'a MNode, f: Field) -> Result<Source<'a>, String> {
    if let Some(list) = node.merged_list(f) {
        return Ok(Source::List(list));
    }
    let (v, n) = version_of(inputs, node, node.side_of(f))?;
    Ok(Source::Side(v, n))
}

/// The node's expected `x-` entries: key, canonical value, and where the
/// value is written.
fn expected_x<'a>(
    inputs: Inputs<'a>,
    node: &'a MNode,
) -> Result<Vec<(String, String, &'a Version, NodeId)>, String> {
    let mut out = Vec::new();
    match &node.x {
        Some(keys) => {
            for (key, side) in keys.iter() {
                let (v, n) = version_of(inputs, node, *side)?;
                if let Some(value) = v.x_value(n, key) {
                    out.push((key.clone(), value, v, n));
                }
            }
        }
        None => {
            let (side, _) = node.home();
            let (v, n) = version_of(inputs, node, side)?;
            for (key, value) in v.x_entries(n) {
                out.push((key.to_owned(), canonical(v.tree(), v.text(), value), v, n));
            }
        }
    }
    Ok(out)
}

/// Whether the current node `c` holds every merged field of `m`.
pub fn holds(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    c: NodeId,
    m: MId,
) -> Result<bool, String> {
    let node = &merged.nodes[m as usize];
    for f in Field::ALL {
        if !same(cur, c, &source_of(inputs, node, f)?, f) {
            return Ok(false);
        }
    }
    let mut expected: Vec<(String, String)> = expected_x(inputs, node)?
        .into_iter()
        .map(|(k, v, _, _)| (k, v))
        .collect();
    let mut current: Vec<(String, String)> = cur
        .x_entries(c)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), canonical(cur.tree(), cur.text(), v)))
        .collect();
    expected.sort();
    current.sort();
    Ok(expected == current)
}

fn same(cur: &Version, c: NodeId, source: &Source<'_>, f: Field) -> bool {
    match source {
        Source::Side(v, n) => cur.same_field(c, v, *n, f),
        Source::List(list) => cur
            .list(c, f)
            .iter()
            .copied()
            .eq(list.iter().map(String::as_str)),
    }
}

/// The patches that give the current node `c` the fields of merged node `m`.
pub fn node(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    c: NodeId,
    m: MId,
) -> Result<Vec<Patch>, String> {
    let node = &merged.nodes[m as usize];
    let (text, tree) = (cur.text(), cur.tree());
    let yaml = cur.yaml(c);
    let failed = |e: edit::EditError| format!("cannot edit {}: {e}", cur.plan().code(c));
    let mut fields = Vec::new();
    for f in Field::ALL {
        let source = source_of(inputs, node, f)?;
        if !same(cur, c, &source, f) {
            fields.push((f, source));
        }
    }
    let expected = expected_x(inputs, node)?;
    let current_x: Vec<(&str, NodeIdx)> = cur.x_entries(c);
    let x_set: Vec<&(String, String, &Version, NodeId)> = expected
        .iter()
        .filter(|(k, v, _, _)| {
            !current_x
                .iter()
                .any(|(ck, cv)| ck == k && canonical(tree, text, *cv) == *v)
        })
        .collect();
    let x_gone: Vec<&str> = current_x
        .iter()
        .filter(|(ck, _)| !expected.iter().any(|(k, ..)| k == ck))
        .map(|(k, _)| *k)
        .collect();
    if fields.is_empty() && x_set.is_empty() && x_gone.is_empty() {
        return Ok(Vec::new());
    }

    if tree.kind(yaml) == Kind::Scalar {
        // A plain-string task: a new title in place, or a mapping with
        // the title and the new fields.
        let seq = super::apply::list_of(cur, c).ok_or("a task outside any list")?;
        let in_flow = tree.style(seq) == Style::Flow;
        let mut title = text[tree.span(yaml)].to_owned();
        let mut extra: Vec<(String, String)> = Vec::new();
        for (f, source) in &fields {
            let value = match source {
                Source::Side(v, n) if v.has_field(*n, *f) => one_line(v, *n, *f, in_flow),
                Source::List(list) if !list.is_empty() => render_list(list),
                _ => continue,
            };
            if *f == Field::Title {
                title = value;
            } else {
                extra.push((f.key().to_owned(), value));
            }
        }
        for (key, _, v, n) in &x_set {
            if let Some(Text::Line(line)) = value_text(v, v.yaml(*n), key, in_flow) {
                extra.push((key.clone(), line));
            }
        }
        if extra.is_empty() {
            return Ok(vec![Patch::replace(tree.span(yaml), title)]);
        }
        let extra: Vec<(&str, &str)> = extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        return edit::plain_to_mapping(text, tree, seq, yaml, &title, &extra).map_err(failed);
    }

    let in_flow = tree.style(yaml) == Style::Flow;
    let mut patches = Vec::new();
    for (f, source) in &fields {
        let key = f.key();
        let present = match source {
            Source::Side(v, n) => v.has_field(*n, *f),
            Source::List(list) => !list.is_empty(),
        };
        if !present {
            if tree.get(text, yaml, key).is_some() {
                patches.extend(edit::remove_key(text, tree, yaml, key).map_err(failed)?);
            }
            continue;
        }
        if f.is_list() {
            let expected: Vec<String> = match source {
                Source::Side(v, n) => v.list(*n, *f).into_iter().map(str::to_owned).collect(),
                Source::List(list) => list.to_vec(),
            };
            if let Some(item_wise) = list_items(cur, c, yaml, key, &expected) {
                patches.extend(item_wise.map_err(failed)?);
                continue;
            }
        }
        let value = match source {
            Source::Side(v, n) => side_text(v, *n, *f, in_flow),
            Source::List(list) => Text::Line(render_list(list)),
        };
        let planned =
            set_entry(text, tree, yaml, key, &value).or_else(|e| match (&value, source) {
                // A multi-line value into a flow mapping: one line instead.
                (Text::Lines { .. }, Source::Side(v, n)) => set_entry(
                    text,
                    tree,
                    yaml,
                    key,
                    &Text::Line(one_line(v, *n, *f, in_flow)),
                ),
                _ => Err(e),
            });
        patches.extend(planned.map_err(failed)?);
    }
    for (key, _, v, n) in x_set {
        let value = value_text(v, v.yaml(*n), key, in_flow)
            .ok_or_else(|| format!("cannot write `{key}` of {} on one line", cur.plan().code(c)))?;
        patches.extend(set_entry(text, tree, yaml, key, &value).map_err(failed)?);
    }
    for key in x_gone {
        patches.extend(edit::remove_key(text, tree, yaml, key).map_err(failed)?);
    }
    Ok(patches)
}

/// A field's value as the side wrote it, or rendered from its data.
fn side_text(v: &Version, n: NodeId, f: Field, in_flow: bool) -> Text {
    let yaml = v.yaml(n);
    if v.tree().kind(yaml) == Kind::Mapping
        && let Some(text) = value_text(v, yaml, f.key(), in_flow)
    {
        return text;
    }
    Text::Line(one_line(v, n, f, in_flow))
}

/// A field's value as one line of YAML: as the side wrote it where that is
/// one line, else rendered from its data.
fn one_line(v: &Version, n: NodeId, f: Field, in_flow: bool) -> String {
    let (tree, text) = (v.tree(), v.text());
    let yaml = v.yaml(n);
    if tree.kind(yaml) == Kind::Scalar && f == Field::Title {
        let written = &text[tree.span(yaml)];
        let safe = !written.contains(['\n', '\r'])
            && (!in_flow
                || tree.style(yaml) != Style::Plain
                || scalar::is_plain_safe(tree.text(text, yaml), true));
        if safe {
            return written.to_owned();
        }
    }
    if tree.kind(yaml) == Kind::Mapping
        && let Some(Text::Line(line)) = value_text(v, yaml, f.key(), in_flow)
    {
        return line;
    }
    let plan = v.plan();
    let node = plan.node(n);
    let string = |s: Option<&str>| scalar::render(s.unwrap_or_default(), Style::Plain, in_flow);
    match f {
        Field::Id => string(plan.id_of(n)),
        Field::Title => string(Some(plan.title(n))),
        Field::Owner => string(plan.own_owner(n)),
        Field::Notes => string(plan.notes(n)),
        Field::Status => node.status.map_or("todo", |s| s.as_str()).to_owned(),
        Field::Progress => scalar::render_number(node.progress.get().unwrap_or(0.0)),
        Field::Start => node.start.map(scalar::render_date).unwrap_or_default(),
        Field::Due => node.due.map(scalar::render_date).unwrap_or_default(),
        Field::Effort => format!(
            "{}h",
            scalar::render_number(node.effort_hours.get().unwrap_or(0.0))
        ),
        Field::Tags | Field::After => {
            let items: Vec<String> = v.list(n, f).into_iter().map(str::to_owned).collect();
            render_list(&items)
        }
    }
}

/// A one-line flow list of strings.
fn render_list(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|t| scalar::render(t, Style::Plain, true))
        .collect();
    format!("[{}]", items.join(", "))
}

/// A block list changed item by item, when the items it keeps are in the
/// expected order and the new ones come after them.
fn list_items(
    cur: &Version,
    c: NodeId,
    map: NodeIdx,
    key: &str,
    expected: &[String],
) -> Option<Result<Vec<Patch>, edit::EditError>> {
    let (text, tree) = (cur.text(), cur.tree());
    let (_, seq) = tree.get(text, map, key)?;
    if tree.kind(seq) != Kind::Sequence || tree.style(seq) != Style::Block {
        return None;
    }
    let items: Vec<(NodeIdx, &str)> = tree
        .children(seq)
        .map(|item| (item, tree.text(text, item)))
        .collect();
    let kept: Vec<&(NodeIdx, &str)> = items
        .iter()
        .filter(|(_, t)| expected.iter().any(|e| e == t))
        .collect();
    let &&(last_kept, _) = kept.last()?;
    let added: Vec<&String> = expected
        .iter()
        .filter(|e| !items.iter().any(|(_, t)| t == e))
        .collect();
    let order_holds = kept
        .iter()
        .map(|(_, t)| *t)
        .chain(added.iter().map(|e| e.as_str()))
        .eq(expected.iter().map(String::as_str));
    if !order_holds || kept.len() != expected.len() - added.len() {
        return None;
    }
    let _ = c;
    let mut patches = Vec::new();
    for &(item, t) in &items {
        if !expected.iter().any(|e| e == t) {
            match edit::remove_item(text, tree, map, key, item) {
                Ok(p) => patches.extend(p),
                Err(e) => return Some(Err(e)),
            }
        }
    }
    for value in added {
        let rendered = scalar::render(value, Style::Plain, false);
        match edit::insert_item(
            text,
            tree,
            Holder::Map(map, key),
            Place::After(last_kept),
            Item::Scalar(&rendered),
            2,
        ) {
            Ok(p) => patches.extend(p),
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(patches))
}
