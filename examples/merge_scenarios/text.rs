//! Edits of plan text the way a person or a script makes them: a value
//! overwritten on its line, lines added under a list, a block cut and
//! pasted elsewhere re-indented, two blocks swapped. The span tree only
//! finds the places; the bytes are spliced by hand, not by wbs's editor.

use wbs::merge::version::Version;
use wbs::plan::NodeId;
use wbs::source::yaml::{Kind, NodeIdx, Style};

/// A task, as an edit names it: by id, or an id-less task by its title
/// (unique among the plan's titles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sel {
    Id(String),
    Title(String),
    /// The top level of the file (a parent only).
    Top,
}

/// One edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Overwrite a field's value, or add the field.
    Set(Sel, String, String),
    /// Add a child `- id: ID / title: TITLE` after `after` (else at the end).
    Add {
        parent: Sel,
        after: Option<Sel>,
        id: String,
        title: String,
    },
    Remove(Sel),
    /// Cut a task's block and paste it under `parent`, at the end.
    Move(Sel, Sel),
    /// Swap two adjacent tasks of one list.
    Swap(Sel, Sel),
    /// Add an item to a `tags` or `after` list.
    Push(Sel, String, String),
    /// Replace text inside a field's value (a word of a block scalar).
    Retext(Sel, String, String, String),
    /// Give a leaf its first subtask `- id: ID / title: TITLE`.
    First(Sel, String, String),
    /// Remove a field's line(s).
    Unset(Sel, String),
    /// Overwrite a field of the file itself.
    SetTop(String, String),
    /// Add a person `KEY: { name: NAME }` at the end of `people`.
    Person(String, String),
    /// Add a comment line above a task of a block list.
    Comment(Sel, String),
}

pub fn load(text: &str) -> Version {
    Version::load("p.yaml", text.as_bytes().to_vec())
}

pub fn find(v: &Version, sel: &Sel) -> Option<NodeId> {
    let plan = v.plan();
    match sel {
        Sel::Id(id) => plan.find_id(id),
        Sel::Title(title) => {
            let mut found = plan
                .ids()
                .filter(|&n| plan.id_of(n).is_none() && plan.title(n) == title);
            let first = found.next();
            found.next().is_none().then_some(first).flatten()
        }
        Sel::Top => None,
    }
}

/// The selector of a node: its id, else its title where unique.
pub fn sel(v: &Version, n: NodeId) -> Option<Sel> {
    let plan = v.plan();
    match plan.id_of(n) {
        Some(id) => Some(Sel::Id(id.to_owned())),
        None => {
            let s = Sel::Title(plan.title(n).to_owned());
            (find(v, &s) == Some(n)).then_some(s)
        }
    }
}

fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |at| at + 1)
}

/// The end of the line holding `pos`, before its line break.
fn line_end(text: &str, pos: usize) -> usize {
    let end = text[pos..].find('\n').map_or(text.len(), |at| pos + at);
    if end > pos && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The end of a node's last line (block scalars end after their break).
fn last_line_end(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    if end > 0 && bytes[end - 1] == b'\n' {
        if end > 1 && bytes[end - 2] == b'\r' {
            end - 2
        } else {
            end - 1
        }
    } else {
        line_end(text, end)
    }
}

fn after_break(text: &str, end: usize) -> usize {
    let rest = &text.as_bytes()[end..];
    if rest.starts_with(b"\r\n") {
        end + 2
    } else if rest.starts_with(b"\n") {
        end + 1
    } else {
        end
    }
}

fn dash_column(text: &str, pos: usize) -> Option<usize> {
    let start = line_start(text, pos);
    let before = text[start..pos].trim_end_matches(' ');
    before
        .strip_suffix('-')
        .filter(|rest| rest.bytes().all(|b| b == b' '))
        .map(str::len)
}

/// The YAML list holding a node, and whether it is a block list.
fn list_of(v: &Version, n: NodeId) -> Option<NodeIdx> {
    let tree = v.tree();
    let holder = match v.plan().node(n).parent {
        Some(p) => v.yaml(p),
        None => tree.root()?,
    };
    tree.get(v.text(), holder, "tasks").map(|(_, l)| l)
}

/// The lines of a block-list item, the comment lines above it included:
/// `start..end`, `end` after its last line break.
fn block(v: &Version, n: NodeId) -> Option<(usize, usize)> {
    let (text, tree) = (v.text(), v.tree());
    if tree.style(list_of(v, n)?) != Style::Block {
        return None;
    }
    let span = tree.span(v.yaml(n));
    let dash = dash_column(text, span.start)?;
    let mut start = line_start(text, span.start);
    while start > 0 {
        let above = line_start(text, start - 1);
        let line = text[above..start].trim_end_matches(['\n', '\r']);
        let rest = line.trim_start_matches(' ');
        if rest.starts_with('#') && line.len() - rest.len() == dash {
            start = above;
        } else {
            break;
        }
    }
    Some((start, after_break(text, last_line_end(text, span.end))))
}

/// Every line moved from column `from` to `to`; line ends made `eol`.
fn reindent(lines: &str, from: usize, to: usize, eol: &str) -> String {
    let mut out = String::new();
    for line in lines.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let spaces = body.len() - body.trim_start_matches(' ').len();
        if !body.trim().is_empty() {
            out.extend(std::iter::repeat_n(' ', (spaces + to).saturating_sub(from)));
            out.push_str(&body[spaces..]);
        }
        if line.ends_with('\n') {
            out.push_str(eol);
        }
    }
    out
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..range.start], &text[range.end..])
}

/// Applies `op` to `text`; `None` when it does not apply to this text.
pub fn apply(text: &str, op: &Op) -> Option<String> {
    let v = load(text);
    if !v.parsed() {
        return None;
    }
    match op {
        Op::Set(s, key, value) => set(&v, s, key, value),
        Op::Add {
            parent,
            after,
            id,
            title,
        } => add(&v, parent, after.as_ref(), id, title),
        Op::Remove(s) => remove(&v, s),
        Op::Move(s, parent) => move_to(&v, s, parent),
        Op::Swap(a, b) => swap(&v, a, b),
        Op::Push(s, key, item) => push(&v, s, key, item),
        Op::First(s, id, title) => first(&v, s, id, title),
        Op::Comment(s, words) => {
            let (text, tree) = (v.text(), v.tree());
            let n = find(&v, s)?;
            let (start, _) = block(&v, n)?;
            let dash = dash_column(text, tree.span(v.yaml(n)).start)?;
            let line = format!("{}# {words}{}", " ".repeat(dash), eol(text));
            Some(splice(text, start..start, &line))
        }
        Op::Unset(s, key) => unset(&v, s, key),
        Op::SetTop(key, value) => {
            let (_, val) = v.tree().get(v.text(), v.tree().root()?, key)?;
            (v.tree().kind(val) == Kind::Scalar)
                .then(|| splice(v.text(), v.tree().span(val), value))
        }
        Op::Person(key, name) => {
            let (tree, text) = (v.tree(), v.text());
            let (_, people) = tree.get(text, tree.root()?, "people")?;
            if tree.style(people) != Style::Block {
                return None;
            }
            let (first, _) = tree.entries(people).next()?;
            let (last_key, last_value) = tree.entries(people).last()?;
            let column = tree.span(first).start - line_start(text, tree.span(first).start);
            let at = last_line_end(text, tree.span(last_key).end.max(tree.span(last_value).end));
            let line = format!(
                "{}{}{key}: {{ name: {name} }}",
                eol(text),
                " ".repeat(column)
            );
            Some(splice(text, at..at, &line))
        }
        Op::Retext(s, key, from, to) => {
            let n = find(&v, s)?;
            let (_, value) = v.tree().get(v.text(), v.yaml(n), key)?;
            let span = v.tree().span(value);
            let inside = &v.text()[span.clone()];
            let at = inside.find(from.as_str())? + span.start;
            Some(splice(v.text(), at..at + from.len(), to))
        }
    }
}

pub fn apply_all(text: &str, ops: &[Op]) -> Option<String> {
    let mut text = text.to_owned();
    for op in ops {
        text = apply(&text, op)?;
    }
    Some(text)
}

fn first(v: &Version, s: &Sel, id: &str, title: &str) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let y = v.yaml(n);
    if !v.plan().is_leaf(n) || tree.kind(y) != Kind::Mapping || tree.style(y) != Style::Block {
        return None;
    }
    if tree.get(text, y, "tasks").is_some() {
        return None;
    }
    let (first, _) = tree.entries(y).next()?;
    let (k, val) = tree.entries(y).last()?;
    let column = tree.span(first).start - line_start(text, tree.span(first).start);
    let at = last_line_end(text, tree.span(k).end.max(tree.span(val).end));
    let (eol, pad) = (eol(text), " ".repeat(column));
    Some(splice(
        text,
        at..at,
        &format!("{eol}{pad}tasks:{eol}{pad}  - id: {id}{eol}{pad}    title: {title}"),
    ))
}

fn unset(v: &Version, s: &Sel, key: &str) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let y = v.yaml(n);
    if tree.kind(y) != Kind::Mapping || tree.style(y) != Style::Block {
        return None;
    }
    let (k, val) = tree.get(text, y, key)?;
    let start = line_start(text, tree.span(k).start);
    if !text[start..tree.span(k).start].bytes().all(|b| b == b' ') {
        return None;
    }
    let end = after_break(
        text,
        last_line_end(text, tree.span(k).end.max(tree.span(val).end)),
    );
    Some(splice(text, start..end, ""))
}

fn set(v: &Version, s: &Sel, key: &str, value: &str) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let y = v.yaml(n);
    let eol = eol(text);
    match (tree.kind(y), tree.style(y)) {
        (Kind::Mapping, Style::Block) => match tree.get(text, y, key) {
            Some((k, val)) if tree.span(val).is_empty() => {
                let at = tree.span(k).end + 1;
                Some(splice(text, at..at, &format!(" {value}")))
            }
            Some((k, val)) => {
                let span = tree.span(val);
                if tree.kind(val) == Kind::Scalar
                    && !matches!(tree.style(val), Style::Literal | Style::Folded)
                {
                    Some(splice(text, span, value))
                } else {
                    // A block value: everything after the key's colon.
                    let colon = tree.span(k).end + 1;
                    let end = last_line_end(text, span.end);
                    Some(splice(text, colon..end, &format!(" {value}")))
                }
            }
            None => {
                // After the title's line, indented like the first key.
                let (first, _) = tree.entries(y).next()?;
                let column = tree.span(first).start - line_start(text, tree.span(first).start);
                let (tk, tv) = tree.get(text, y, "title")?;
                let end = last_line_end(text, tree.span(tk).end.max(tree.span(tv).end));
                let line = format!("{eol}{}{key}: {value}", " ".repeat(column));
                Some(splice(text, end..end, &line))
            }
        },
        (Kind::Mapping, _) => match tree.get(text, y, key) {
            Some((_, val)) => Some(splice(text, tree.span(val), value)),
            None => {
                let end = tree.span(y).end - 1;
                let end = text[..end].trim_end().len();
                Some(splice(text, end..end, &format!(", {key}: {value}")))
            }
        },
        (Kind::Scalar, _) => {
            let span = tree.span(y);
            if key == "title" {
                return Some(splice(text, span, value));
            }
            let list = list_of(v, n)?;
            let own = &text[span.clone()];
            if tree.style(list) == Style::Flow {
                return Some(splice(
                    text,
                    span,
                    &format!("{{title: {own}, {key}: {value}}}"),
                ));
            }
            let column = span.start - line_start(text, span.start);
            Some(splice(
                text,
                span,
                &format!("title: {own}{eol}{}{key}: {value}", " ".repeat(column)),
            ))
        }
        _ => None,
    }
}

/// The list of `parent` (the top level for `Sel::Top`).
fn parent_list(v: &Version, parent: &Sel) -> Option<NodeIdx> {
    let tree = v.tree();
    let holder = match parent {
        Sel::Top => tree.root()?,
        s => v.yaml(find(v, s)?),
    };
    let (_, list) = tree.get(v.text(), holder, "tasks")?;
    (tree.kind(list) == Kind::Sequence && tree.children(list).next().is_some()).then_some(list)
}

fn add(v: &Version, parent: &Sel, after: Option<&Sel>, id: &str, title: &str) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let list = parent_list(v, parent)?;
    let items: Vec<NodeIdx> = tree.children(list).collect();
    let anchor = match after {
        Some(s) => v.yaml(find(v, s)?),
        None => *items.last()?,
    };
    if tree.style(list) == Style::Flow {
        let at = tree.span(anchor).end;
        return Some(splice(
            text,
            at..at,
            &format!(", {{id: {id}, title: {title}}}"),
        ));
    }
    let first = items[0];
    let dash = dash_column(text, tree.span(first).start)?;
    let offset = match tree.kind(first) {
        Kind::Mapping if tree.style(first) == Style::Block => {
            tree.span(first).start - line_start(text, tree.span(first).start) - dash
        }
        _ => 2,
    };
    let eol = eol(text);
    let at = after_break(text, last_line_end(text, tree.span(anchor).end));
    let lines = format!(
        "{pad}-{gap}id: {id}{eol}{pad}{key_pad}title: {title}{eol}",
        pad = " ".repeat(dash),
        gap = " ".repeat(offset - 1),
        key_pad = " ".repeat(offset),
    );
    // At the end of a text without a last line break.
    let lines = if at == text.len() && !text.ends_with('\n') {
        format!("{eol}{}", lines.trim_end_matches(['\n', '\r']))
    } else {
        lines
    };
    Some(splice(text, at..at, &lines))
}

fn remove(v: &Version, s: &Sel) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let list = list_of(v, n)?;
    let items: Vec<NodeIdx> = tree.children(list).collect();
    if items.len() < 2 {
        return None;
    }
    let y = v.yaml(n);
    if tree.style(list) == Style::Flow {
        let i = items.iter().position(|&x| x == y)?;
        let range = if i + 1 < items.len() {
            tree.span(y).start..tree.span(items[i + 1]).start
        } else {
            tree.span(items[i - 1]).end..tree.span(y).end
        };
        return Some(splice(text, range, ""));
    }
    let (start, end) = block(v, n)?;
    Some(splice(text, start..end, ""))
}

fn move_to(v: &Version, s: &Sel, parent: &Sel) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let (start, end) = block(v, n)?;
    let from = dash_column(text, tree.span(v.yaml(n)).start)?;
    let list = parent_list(v, parent)?;
    if tree.style(list) != Style::Block {
        return None;
    }
    let last = tree.children(list).last()?;
    let to = dash_column(text, tree.span(last).start)?;
    let at = after_break(text, last_line_end(text, tree.span(last).end));
    if (start..end).contains(&at) || at == start {
        return None;
    }
    let moved = reindent(&text[start..end], from, to, eol(text));
    let mut out = text.to_owned();
    if at > end {
        out.insert_str(at, &moved);
        out.replace_range(start..end, "");
    } else {
        out.replace_range(start..end, "");
        out.insert_str(at, &moved);
    }
    Some(out)
}

fn swap(v: &Version, a: &Sel, b: &Sel) -> Option<String> {
    let (na, nb) = (find(v, a)?, find(v, b)?);
    let (sa, ea) = block(v, na)?;
    let (sb, eb) = block(v, nb)?;
    if ea != sb {
        return None;
    }
    let text = v.text();
    let swapped = format!("{}{}", &text[sb..eb], &text[sa..ea]);
    Some(splice(text, sa..eb, &swapped))
}

fn push(v: &Version, s: &Sel, key: &str, item: &str) -> Option<String> {
    let (text, tree) = (v.text(), v.tree());
    let n = find(v, s)?;
    let y = v.yaml(n);
    let Some((_, list)) = tree
        .get(text, y, key)
        .filter(|_| tree.kind(y) == Kind::Mapping)
    else {
        return set(v, s, key, &format!("[{item}]"));
    };
    if tree.kind(list) != Kind::Sequence {
        return set(v, s, key, &format!("[{item}]"));
    }
    let items: Vec<NodeIdx> = tree.children(list).collect();
    if tree.style(list) == Style::Flow {
        return Some(match items.last() {
            Some(&last) => {
                let at = tree.span(last).end;
                splice(text, at..at, &format!(", {item}"))
            }
            None => splice(text, tree.span(list), &format!("[{item}]")),
        });
    }
    let last = *items.last()?;
    let dash = dash_column(text, tree.span(last).start)?;
    let at = last_line_end(text, tree.span(last).end);
    Some(splice(
        text,
        at..at,
        &format!("{}{}- {item}", eol(text), " ".repeat(dash)),
    ))
}
