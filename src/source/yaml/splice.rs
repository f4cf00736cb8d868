//! The tree of a text that differs from an already parsed one in a few
//! places, re-parsing only the list items around the changes and reusing
//! the rest of the old tree, shifted.
//!
//! This rests on what [`super::parse`]'s split parse rests on: a block
//! list item (a line `- …` at the list's dash column, and the lines after
//! it that are indented deeper) parses on its own as a one-item list,
//! with the same nodes it has inside the whole text. An item is re-parsed
//! on its own only when its new text has that shape, parses without any
//! finding, and is exactly one item; otherwise the caller parses the whole
//! text, so a result is never different from a whole parse's.

use std::ops::Range;

use super::{Kind, Meta, NodeIdx, Style, Text, Tree, YamlNode, parse_whole};

mod lines;
#[cfg(test)]
mod tests;

pub use lines::{line_changes, line_edits};

/// A change between two texts: the bytes `old` of the old text became the
/// bytes `new` of the new one. The bytes between changes are the same in
/// both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// An item of the old tree re-parsed: its old line range and node range,
/// and its new tree (a one-item list) placed at `new_start`.
struct Region {
    nodes: Range<NodeIdx>,
    /// Where the region's last node ended, and ends now: the collections
    /// around it end there too.
    old_end: u32,
    new_end: u32,
    new_start: usize,
    part: Tree,
}

impl Tree {
    /// The tree of `new`, which is `old` (this tree's text) with `edits`
    /// (sorted, not overlapping); `None` when a change is not inside a
    /// block list item or an item does not re-parse cleanly on its own.
    pub fn respliced(&self, old: &str, new: &str, edits: &[Edit]) -> Option<Tree> {
        // The items around each change, outermost first; each change
        // starts with its innermost, and moves out when that one's new text
        // is not one item.
        let chains: Vec<Vec<(Range<usize>, NodeIdx, bool)>> = edits
            .iter()
            .map(|edit| self.items_around(old, &edit.old))
            .collect::<Option<_>>()?;
        let mut chosen: Vec<usize> = chains.iter().map(|c| c.len() - 1).collect();
        let sums = prefix_sums(
            edits
                .iter()
                .map(|e| e.new.len() as i64 - e.old.len() as i64),
        );
        let shift_at =
            |at: usize| -> isize { sums[edits.partition_point(|e| e.old.end <= at)] as isize };
        // Parts parsed in an earlier try, by their first node.
        let mut parsed: std::collections::HashMap<NodeIdx, Tree> = std::collections::HashMap::new();
        'tries: loop {
            // The chosen items, nested ones giving way to the outer.
            let mut items: Vec<(Range<usize>, NodeIdx, bool)> = Vec::new();
            for (chain, &level) in chains.iter().zip(&chosen) {
                let (lines, item, entry) = chain[level].clone();
                while items
                    .last()
                    .is_some_and(|(last, ..)| lines.start <= last.start && last.end <= lines.end)
                {
                    items.pop();
                }
                match items.last() {
                    Some((last, ..)) if last.start <= lines.start && lines.end <= last.end => {}
                    Some((last, ..)) if lines.start < last.end => return None,
                    _ => items.push((lines, item, entry)),
                }
            }
            let mut starts = Vec::with_capacity(items.len());
            for (lines, item, entry) in &items {
                let new_start = lines.start.checked_add_signed(shift_at(lines.start))?;
                let new_end = lines.end.checked_add_signed(shift_at(lines.end))?;
                starts.push(new_start);
                if parsed.contains_key(item) {
                    continue;
                }
                let key = entry.then(|| self.text(old, *item));
                // The line up to the item or key stays as it was, so the
                // part stands at the same column.
                let prefix = &old[lines.start..self.span(*item).start];
                // It still ends a line: the text after it starts a line.
                let part = new
                    .get(new_start..new_end)
                    .filter(|text| text.starts_with(prefix))
                    .filter(|text| text.ends_with('\n') || new_end == new.len())
                    .and_then(|text| parse_part(text, *entry, key));
                let Some(part) = part else {
                    // Move every change inside this item out to its parent.
                    for (chain, level) in chains.iter().zip(chosen.iter_mut()) {
                        if let Some(at) = chain[..=*level].iter().position(|(_, n, _)| n == item) {
                            *level = at.checked_sub(1)?;
                        }
                    }
                    continue 'tries;
                };
                parsed.insert(*item, part);
            }
            let mut regions = Vec::with_capacity(items.len());
            for ((_, item, entry), new_start) in items.into_iter().zip(starts) {
                // An entry's nodes are its key's and its value's.
                let last = if entry { item + 1 } else { item };
                let part = parsed.remove(&item)?;
                let part_end = (1..part.nodes.len() as NodeIdx)
                    .map(|n| part.nodes[n as usize].end)
                    .max()
                    .unwrap_or(0);
                let old_end = (item..=last)
                    .map(|n| self.nodes[n as usize].end)
                    .max()
                    .unwrap_or(0);
                regions.push(Region {
                    nodes: item..self.subtree_end(last),
                    old_end,
                    new_end: part_end + new_start as u32,
                    new_start,
                    part,
                });
            }
            return Some(self.rebuilt(edits, &regions));
        }
    }

    /// The block list items and block mapping entries whose lines hold
    /// `range` strictly inside them, outermost first: each one's line
    /// range and first node (an item, or an entry's key). `None` when
    /// there is none.
    fn items_around(
        &self,
        text: &str,
        range: &Range<usize>,
    ) -> Option<Vec<(Range<usize>, NodeIdx, bool)>> {
        let mut node = self.root()?;
        let mut found = Vec::new();
        loop {
            let block = self.style(node) == Style::Block;
            let mut next = None;
            match self.kind(node) {
                Kind::Sequence => {
                    for child in self.children(node) {
                        let span = self.span(child);
                        if span.start > range.end {
                            break;
                        }
                        if block && let Some(lines) = item_lines(text, span.clone()) {
                            if holds(&lines, range) {
                                found.push((lines, child, false));
                                next = Some(child);
                                break;
                            }
                        } else if span.start <= range.start && range.end <= span.end {
                            next = Some(child);
                            break;
                        }
                    }
                }
                Kind::Mapping => {
                    for (key, value) in self.entries(node) {
                        let span =
                            self.span(key).start..self.span(key).end.max(self.span(value).end);
                        if span.start > range.end {
                            break;
                        }
                        if block
                            && let Some(lines) = entry_lines(text, span.clone())
                            && holds(&lines, range)
                        {
                            found.push((lines, key, true));
                            next = Some(value);
                            break;
                        }
                        if span.start <= range.start && range.end <= span.end {
                            next = Some(value);
                            break;
                        }
                    }
                }
                _ => {}
            }
            match next {
                Some(child) if matches!(self.kind(child), Kind::Mapping | Kind::Sequence) => {
                    node = child;
                }
                _ => return (!found.is_empty()).then_some(found),
            }
        }
    }

    /// This tree with each region's item replaced by its new tree, every
    /// other node moved to its place in the new text.
    fn rebuilt(&self, edits: &[Edit], regions: &[Region]) -> Tree {
        // Byte and node shifts from the edits and regions before a point:
        // prefix sums, searched (edits and regions are in order).
        let byte_sums: Vec<i64> = prefix_sums(
            edits
                .iter()
                .map(|e| e.new.len() as i64 - e.old.len() as i64),
        );
        let byte_shift =
            |at: u32| -> i64 { byte_sums[edits.partition_point(|e| e.old.end <= at as usize)] };
        let node_sums: Vec<i64> = prefix_sums(
            regions
                .iter()
                .map(|r| (r.part.nodes.len() as i64 - 1) - r.nodes.len() as i64),
        );
        let node_shift =
            |at: NodeIdx| -> i64 { node_sums[regions.partition_point(|r| r.nodes.end <= at)] };
        let extra: i64 = regions
            .iter()
            .map(|r| r.part.nodes.len() as i64 - 1 - r.nodes.len() as i64)
            .sum();
        let capacity = (self.nodes.len() as i64 + extra).max(0) as usize;
        let mut tree = Tree {
            nodes: Vec::with_capacity(capacity),
            meta: Vec::with_capacity(capacity),
            owned: Vec::new(),
        };
        // A collection that ended where a region's last node did ends
        // where that node ends now.
        let ends: std::collections::HashMap<u32, u32> =
            regions.iter().map(|r| (r.old_end, r.new_end)).collect();
        let mut index: NodeIdx = 0;
        let mut regions = regions.iter().peekable();
        let count = self.nodes.len() as NodeIdx;
        while index < count {
            if let Some(region) = regions.next_if(|r| r.nodes.start == index) {
                let base = tree.nodes.len() as u32 - 1;
                for (node, meta) in region.part.nodes.iter().zip(&region.part.meta).skip(1) {
                    let aux = match (meta.kind(), meta.text()) {
                        (Kind::Mapping | Kind::Sequence, _) => node.aux + base,
                        (_, Text::Owned) => {
                            tree.owned
                                .push(region.part.owned[node.aux as usize].clone());
                            tree.owned.len() as u32 - 1
                        }
                        _ => node.aux,
                    };
                    tree.nodes.push(YamlNode {
                        start: node.start + region.new_start as u32,
                        end: node.end + region.new_start as u32,
                        aux,
                    });
                    tree.meta.push(*meta);
                }
                index = region.nodes.end;
                continue;
            }
            let node = &self.nodes[index as usize];
            let meta: Meta = self.meta[index as usize];
            let aux = match (meta.kind(), meta.text()) {
                (Kind::Mapping | Kind::Sequence, _) => {
                    (node.aux as i64 + node_shift(node.aux)) as u32
                }
                (_, Text::Owned) => {
                    tree.owned.push(self.owned[node.aux as usize].clone());
                    tree.owned.len() as u32 - 1
                }
                _ => node.aux,
            };
            let end = match ends.get(&node.end) {
                Some(&end) if matches!(meta.kind(), Kind::Mapping | Kind::Sequence) => end,
                _ => (node.end as i64 + byte_shift(node.end)) as u32,
            };
            tree.nodes.push(YamlNode {
                start: (node.start as i64 + byte_shift(node.start)) as u32,
                end,
                aux,
            });
            tree.meta.push(meta);
            index += 1;
        }
        debug_assert_eq!(regions.next().map(|r| r.nodes.start), None);
        tree
    }
}

/// 0, then the running totals of `values`.
fn prefix_sums(values: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut sums = vec![0];
    for value in values {
        sums.push(sums.last().copied().unwrap_or(0) + value);
    }
    sums
}

/// The lines of a block list item whose node spans `span`: from the start
/// of its dash's line to after its last line's break. `None` when the
/// item's text does not start on its dash's line.
fn item_lines(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let line = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
    let before = text[line..span.start].trim_end_matches(' ');
    let dash_only = before
        .strip_suffix('-')
        .is_some_and(|rest| rest.bytes().all(|b| b == b' '));
    if !dash_only {
        return None;
    }
    Some(line..lines_end(text, span.end))
}

/// Whether a change of `range` is inside the lines `lines`: a
/// replacement anywhere in them, an insertion strictly inside (one at
/// either end is between them and their neighbours).
fn holds(lines: &Range<usize>, range: &Range<usize>) -> bool {
    if range.is_empty() {
        lines.start < range.start && range.end < lines.end
    } else {
        lines.start <= range.start && range.end <= lines.end
    }
}

/// The lines of a block mapping entry spanning `span` (key to value),
/// when its key is the first thing on its line or follows only a list
/// dash (the first key of an item).
fn entry_lines(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let line = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
    let before = text[line..span.start].trim_end_matches(' ');
    let after_dash = before
        .strip_suffix('-')
        .is_some_and(|rest| rest.bytes().all(|b| b == b' '));
    if !(after_dash || before.is_empty()) {
        return None;
    }
    Some(line..lines_end(text, span.end))
}

/// After the line holding the end of a node at `end`, and after the blank
/// lines that follow it: a block scalar ending there takes them in.
fn lines_end(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = if end > 0 && bytes[end - 1] == b'\n' {
        end
    } else {
        match text[end..].find('\n') {
            Some(at) => end + at + 1,
            None => return text.len(),
        }
    };
    while let Some(at) = text[end..].find('\n') {
        if text[end..end + at].bytes().all(|b| b == b' ' || b == b'\r') {
            end += at + 1;
        } else {
            break;
        }
    }
    end
}

/// Parses a part's text on its own: a one-item block list (`entry`: a
/// one-entry block mapping with the same `key`, so that the mapping
/// around it gains no duplicate key) at its first line's column, every
/// other line indented deeper (or blank, or a comment), with no finding.
fn parse_part(text: &str, entry: bool, key: Option<&str>) -> Option<Tree> {
    // The first key of an item: its dash becomes a space, which keeps
    // every column and offset.
    let blanked;
    let mut text = text;
    if entry {
        let column = text.len() - text.trim_start_matches(' ').len();
        if text[column..].starts_with("- ") {
            let mut owned = text.to_owned();
            owned.replace_range(column..column + 1, " ");
            blanked = owned;
            text = &blanked;
        }
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    let column = first.len() - first.trim_start_matches(' ').len();
    let starts_item = first[column..].starts_with('-');
    if starts_item == entry || first[column..].starts_with(['#', '?', '\t']) {
        return None;
    }
    for line in lines {
        let body = line.trim_end_matches(['\n', '\r']);
        let rest = body.trim_start_matches(' ');
        let indent = body.len() - rest.len();
        if !(rest.is_empty() || rest.starts_with('#') || indent > column) {
            return None;
        }
    }
    let mut found = Vec::new();
    let part = parse_whole(text, 0, &mut found)?;
    let root = part.root()?;
    let (kind, children) = if entry {
        (Kind::Mapping, 2)
    } else {
        (Kind::Sequence, 1)
    };
    let one = found.is_empty()
        && part.kind(root) == kind
        && part.style(root) == Style::Block
        && part.children(root).count() == children
        && part.subtree_end(root) as usize == part.nodes.len()
        && (!entry || key == Some(part.text(text, 1)));
    one.then_some(part)
}
