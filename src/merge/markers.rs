//! Conflict markers in the merged text, around the smallest region of each
//! conflict: a field's lines (theirs's side holds theirs's entry), a node's
//! block (a removal against a change, a node added or moved twice), or the
//! blocks of a list reordered twice. The text between the markers is
//! ours's (as the verified merge holds it) and theirs's, each a valid piece
//! of the plan, so keeping either side and deleting the markers resolves
//! the conflict.

use super::conflict::{At, Conflict, Kind, MId};
use super::entry::column;
use super::merged::{Inputs, Merged};
use super::version::Version;
use crate::edit::{Patch, layout};
use crate::plan::NodeId;
use crate::source::yaml::{Kind as YamlKind, Style};

mod fields;

/// A region of whole lines of the merged text, `start..end` (an empty
/// range is a place between lines), and theirs's text for it.
#[derive(Debug, Clone)]
struct Region {
    start: usize,
    end: usize,
    theirs: String,
}

/// The merged text with markers around every conflict that has a region.
pub fn mark(
    inputs: Inputs<'_>,
    merged: &Merged,
    cur: &Version,
    order: &[Option<MId>],
    conflicts: &[Conflict],
    marker_size: usize,
) -> String {
    let mut cur_of = vec![None; merged.nodes.len()];
    for (c, m) in order.iter().enumerate() {
        if let Some(m) = m
            && cur_of[*m as usize].is_none()
        {
            cur_of[*m as usize] = Some(c as NodeId);
        }
    }
    let ctx = Ctx {
        inputs,
        merged,
        cur,
        order,
        cur_of,
        eol: layout::line_ending(cur.text()),
    };
    let mut regions: Vec<Region> = conflicts.iter().flat_map(|c| ctx.regions(c)).collect();
    // Outermost first at each start; a region inside another is left to
    // it (its conflict is still listed).
    regions.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<Region> = Vec::new();
    for region in regions {
        if let Some(last) = kept.last()
            && (region.start < last.end || (region.start == last.start && last.start < last.end))
        {
            continue;
        }
        kept.push(region);
    }
    let text = cur.text();
    let eol = ctx.eol;
    let line = |c: char, label: &str| {
        let mut s: String = std::iter::repeat_n(c, marker_size).collect();
        if !label.is_empty() {
            s.push(' ');
            s.push_str(label);
        }
        s.push_str(eol);
        s
    };
    let patches: Vec<Patch> = kept
        .into_iter()
        .map(|r| {
            let mut ours = text[r.start..r.end].to_owned();
            if !ours.is_empty() && !ours.ends_with('\n') {
                ours.push_str(eol);
            }
            let mut marked = line('<', "ours");
            // At the end of a text without a last line break, the markers
            // start on a line of their own.
            if r.start == text.len() && !text.is_empty() && !text.ends_with('\n') {
                marked.insert_str(0, eol);
            }
            marked.push_str(&ours);
            marked.push_str(&line('=', ""));
            marked.push_str(&r.theirs);
            marked.push_str(&line('>', "theirs"));
            Patch::replace(r.start..r.end, marked)
        })
        .collect();
    crate::edit::apply(text, patches).unwrap_or_else(|_| text.to_owned())
}

struct Ctx<'a> {
    inputs: Inputs<'a>,
    merged: &'a Merged,
    cur: &'a Version,
    /// The merged node of each current node.
    order: &'a [Option<MId>],
    cur_of: Vec<Option<NodeId>>,
    eol: &'static str,
}

impl Ctx<'_> {
    fn regions(&self, conflict: &Conflict) -> Vec<Region> {
        let field = conflict.field.as_deref();
        match (&conflict.kind, conflict.at) {
            (Kind::Unresolved, _) => Vec::new(),
            (Kind::Order, at) => self.order(at).into_iter().collect(),
            (Kind::Field | Kind::Invalid, At::File) => self
                .file_field(field.unwrap_or_default())
                .into_iter()
                .collect(),
            (Kind::RemovedByOurs, At::Theirs(t)) | (Kind::Invalid, At::Theirs(t)) => {
                self.theirs_block(t, None).into_iter().collect()
            }
            (Kind::RemovedByTheirs, At::Node(m)) => {
                self.block(m, String::new()).into_iter().collect()
            }
            (Kind::Invalid, At::Node(m)) if field.is_none() => {
                self.block(m, String::new()).into_iter().collect()
            }
            (Kind::MovedTwice, At::Node(m)) | (Kind::Invalid, At::Node(m))
                if field == Some("parent") || conflict.kind == Kind::MovedTwice =>
            {
                let mut out = Vec::new();
                let Some(c) = self.cur_of[m as usize] else {
                    return out;
                };
                let block = self.cur_block(c);
                let there = conflict
                    .theirs_node
                    .or(self.merged.nodes[m as usize].theirs)
                    .and_then(|t| self.theirs_block(t, Some((block.clone(), c))));
                match there {
                    Some(there) => {
                        out.extend(self.block(m, String::new()));
                        out.push(there);
                    }
                    None => out.extend(self.block(
                        m,
                        format!(
                            "# theirs moves this task elsewhere, where ours's moves make it impossible{}",
                            self.eol
                        ),
                    )),
                }
                out
            }
            (Kind::AddedTwice, At::Node(m)) => {
                let Some(t) = conflict.theirs_node else {
                    return Vec::new();
                };
                let mine = self.block(m, String::new());
                let theirs = self.theirs_block(t, None);
                match (mine, theirs) {
                    (Some(mut a), Some(b)) if b.start == a.start || b.start == a.end => {
                        a.theirs = b.theirs;
                        vec![a]
                    }
                    (a, b) => a.into_iter().chain(b).collect(),
                }
            }
            (Kind::Field | Kind::Invalid, At::Node(m)) => self
                .node_field(m, field.unwrap_or_default())
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn text(&self) -> &str {
        self.cur.text()
    }

    /// The whole lines `start..end` of the current text, `end` after the
    /// line break.
    fn lines(&self, start: usize, end: usize) -> (usize, usize) {
        let text = self.text();
        let start = layout::line_start(text, start);
        let end = layout::after_break(text, layout::last_line_end(text, end));
        (start, end)
    }

    /// A node's block (the comment lines above it included) as its
    /// region, with `theirs` for theirs's side.
    fn block(&self, m: MId, theirs: String) -> Option<Region> {
        let c = self.cur_of[m as usize]?;
        let (start, end) = self.block_range(self.cur, c)?;
        Some(Region { start, end, theirs })
    }

    /// The lines of a node's block in a version, comments above it at its
    /// dash column included; for a node in a flow list, the lines of the
    /// list's entry.
    fn block_range(&self, v: &Version, n: NodeId) -> Option<(usize, usize)> {
        let (text, tree) = (v.text(), v.tree());
        let seq = super::apply::list_of(v, n)?;
        let span = tree.span(v.yaml(n));
        if tree.style(seq) == Style::Flow {
            let list = tree.span(seq);
            let start = layout::line_start(text, list.start);
            return Some((
                start,
                layout::after_break(text, layout::last_line_end(text, list.end)),
            ));
        }
        let dash = dash_column(text, span.start)?;
        let mut start = layout::line_start(text, span.start);
        while start > 0 {
            let above = layout::line_start(text, start - 1);
            let line = text[above..start].trim_end_matches(['\n', '\r']);
            let rest = line.trim_start_matches(' ');
            if rest.starts_with('#') && line.len() - rest.len() == dash {
                start = above;
            } else {
                break;
            }
        }
        let end = layout::after_break(text, layout::last_line_end(text, span.end));
        Some((start, end))
    }

    /// The current text of a node's block.
    fn cur_block(&self, c: NodeId) -> String {
        self.block_range(self.cur, c)
            .map(|(s, e)| self.text()[s..e].to_owned())
            .unwrap_or_default()
    }

    /// Theirs's node `t` as a block at the place theirs gives it: after
    /// the node that precedes it on theirs's side, where the result has
    /// that node; `text` replaces theirs's own block text (with the column
    /// it was written at) for a node the result already has elsewhere.
    fn theirs_block(&self, t: NodeId, text: Option<(String, NodeId)>) -> Option<Region> {
        let theirs = self.inputs.theirs;
        let tp = theirs.plan();
        let (own, from) = match text {
            Some((text, c)) => {
                let dash = dash_column(self.text(), self.cur.tree().span(self.cur.yaml(c)).start)?;
                (text, dash)
            }
            None => {
                let (s, e) = self.block_range(theirs, t)?;
                let dash = dash_column(theirs.text(), theirs.tree().span(theirs.yaml(t)).start)?;
                (theirs.text()[s..e].to_owned(), dash)
            }
        };
        // The parent in the result, and the place among its children.
        let parent = match tp.node(t).parent {
            None => None,
            Some(p) => Some(self.cur_of[self.merged.theirs_m[p as usize]? as usize]?),
        };
        let siblings: Vec<NodeId> = match tp.node(t).parent {
            None => tp.roots(0).collect(),
            Some(p) => tp.children(p).collect(),
        };
        let at = siblings.iter().position(|&s| s == t)?;
        let before = siblings[..at]
            .iter()
            .rev()
            .filter_map(|&s| self.cur_of[self.merged.theirs_m[s as usize]? as usize])
            .find(|&c| self.cur.plan().node(c).parent == parent);
        let plan = self.cur.plan();
        let (place, dash) = match before {
            Some(c) => {
                let (_, end) = self.block_range(self.cur, c)?;
                (
                    end,
                    dash_column(self.text(), self.cur.tree().span(self.cur.yaml(c)).start)?,
                )
            }
            None => {
                let first = match parent {
                    None => plan.roots(0).next(),
                    Some(p) => plan.children(p).next(),
                };
                match first {
                    Some(c) => {
                        let (start, _) = self.block_range(self.cur, c)?;
                        (
                            start,
                            dash_column(self.text(), self.cur.tree().span(self.cur.yaml(c)).start)?,
                        )
                    }
                    None => return self.new_list(parent, &own, from),
                }
            }
        };
        let mut block = reindent_block(&own, from, dash, self.eol);
        block.push_str(self.eol);
        Some(Region {
            start: place,
            end: place,
            theirs: block,
        })
    }

    /// Theirs's block as the first subtask of a node that has none.
    fn new_list(&self, parent: Option<NodeId>, own: &str, from: usize) -> Option<Region> {
        let p = parent?;
        let (text, tree) = (self.text(), self.cur.tree());
        let yaml = self.cur.yaml(p);
        if tree.kind(yaml) != YamlKind::Mapping || tree.style(yaml) != Style::Block {
            return None;
        }
        let first = tree.entries(yaml).next()?.0;
        let key_col = column(text, tree.span(first).start);
        let dash = key_col + crate::edit::list_indent(text, tree);
        let (_, end) = self.lines(tree.span(yaml).start, tree.span(yaml).end);
        let mut block = format!("{}tasks:{}", " ".repeat(key_col), self.eol);
        block.push_str(&reindent_block(own, from, dash, self.eol));
        block.push_str(self.eol);
        Some(Region {
            start: end,
            end,
            theirs: block,
        })
    }

    /// The subtasks of a node reordered twice: their blocks, and the same
    /// blocks in theirs's order.
    fn order(&self, at: At) -> Option<Region> {
        let plan = self.cur.plan();
        let (children, their_children): (Vec<NodeId>, Vec<NodeId>) = match at {
            At::Node(m) => {
                let c = self.cur_of[m as usize]?;
                let t = self.merged.nodes[m as usize].theirs?;
                (
                    plan.children(c).collect(),
                    self.inputs.theirs.plan().children(t).collect(),
                )
            }
            At::File => (
                plan.roots(0).collect(),
                self.inputs.theirs.plan().roots(0).collect(),
            ),
            _ => return None,
        };
        let blocks: Vec<(usize, usize)> = children
            .iter()
            .map(|&c| self.block_range(self.cur, c))
            .collect::<Option<_>>()?;
        let (start, end) = (blocks.first()?.0, blocks.last()?.1);
        // Theirs's place of each child, where theirs has it here.
        let rank = |c: NodeId| -> Option<usize> {
            let t = self.merged.nodes[self.order[c as usize]? as usize].theirs?;
            their_children.iter().position(|&x| x == t)
        };
        let ranks: Vec<Option<usize>> = children.iter().map(|&c| rank(c)).collect();
        // The children theirs places keep their slots, sorted among them.
        let mut ranked: Vec<(usize, usize)> = ranks
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.map(|r| (r, i)))
            .collect();
        ranked.sort_unstable();
        let mut slots = ranked.iter().map(|&(_, i)| i);
        let mut theirs = String::new();
        for (i, r) in ranks.iter().enumerate() {
            let pick = if r.is_some() {
                slots.next().unwrap_or(i)
            } else {
                i
            };
            let (s, e) = blocks[pick];
            theirs.push_str(&self.text()[s..e]);
            if !theirs.ends_with('\n') {
                theirs.push_str(self.eol);
            }
        }
        Some(Region { start, end, theirs })
    }
}

/// Every line of a block shifted from dash column `from` to `to`, line
/// ends made `eol`, without a last line end.
fn reindent_block(text: &str, from: usize, to: usize, eol: &str) -> String {
    let trimmed = text.strip_suffix('\n').unwrap_or(text);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    let mut out = String::new();
    for (i, line) in trimmed.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i > 0 {
            out.push_str(eol);
        }
        if line.trim_start_matches(' ').is_empty() {
            continue;
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        out.extend(std::iter::repeat_n(' ', (spaces + to).saturating_sub(from)));
        out.push_str(&line[spaces..]);
    }
    out
}

/// The column of the `-` that introduces the item starting at `pos`.
fn dash_column(source: &str, pos: usize) -> Option<usize> {
    let start = layout::line_start(source, pos);
    let before = source[start..pos].trim_end_matches([' ', '\t']);
    before
        .strip_suffix('-')
        .filter(|rest| rest.bytes().all(|b| b == b' '))
        .map(str::len)
}
