//! The regions of a field's conflict: the entry's lines in the merged
//! text, and theirs's entry for them.

use super::{Ctx, Region, reindent_block};
use crate::edit::layout;
use crate::merge::conflict::MId;
use crate::merge::entry::{column, reindent};
use crate::merge::version::Version;
use crate::source::yaml::{Kind as YamlKind, NodeIdx, Style};

impl Ctx<'_> {
    /// A field of a node: its entry's lines, and theirs's entry for them.
    pub(super) fn node_field(&self, m: MId, key: &str) -> Option<Region> {
        let c = self.cur_of[m as usize]?;
        let node = &self.merged.nodes[m as usize];
        let (text, tree) = (self.text(), self.cur.tree());
        let yaml = self.cur.yaml(c);
        let theirs = self.inputs.theirs;
        let t = node.theirs?;
        let their_yaml = theirs.yaml(t);
        let whole_node = tree.kind(yaml) != YamlKind::Mapping
            || tree.style(yaml) == Style::Flow
            || theirs.tree().kind(their_yaml) != YamlKind::Mapping;
        if whole_node {
            // Plain-string and one-line nodes: the node's lines, theirs's
            // node for them.
            // (In a flow list, the lines of the whole list.)
            let (start, end) = self.block_range(self.cur, c)?;
            let (ts, te) = self.block_range(theirs, t)?;
            let indent =
                |text: &str, at: usize| text[at..].len() - text[at..].trim_start_matches(' ').len();
            let (from, to) = (indent(theirs.text(), ts), indent(text, start));
            let mut block = reindent_block(&theirs.text()[ts..te], from, to, self.eol);
            if !block.ends_with('\n') {
                block.push_str(self.eol);
            }
            return Some(Region {
                start,
                end,
                theirs: block,
            });
        }
        let their_entry = entry_lines(theirs, their_yaml, key);
        match tree.get(text, yaml, key) {
            Some((k, v)) => {
                let key_start = tree.span(k).start;
                let entry_end = layout::last_line_end(text, tree.span(k).end.max(tree.span(v).end));
                let (start, end) = self.lines(key_start, entry_end);
                let prefix = &text[start..key_start];
                let own_line = prefix.bytes().all(|b| b == b' ');
                let replaced = match (&their_entry, own_line) {
                    (Some((entry, from)), _) => {
                        let entry = reindent(entry, *from, column(text, key_start), self.eol);
                        format!(
                            "{prefix}{entry}{}{}",
                            &text[entry_end..layout::last_line_end(text, end)],
                            self.eol
                        )
                    }
                    (None, true) => String::new(),
                    // The first key beside a dash, gone on theirs's side:
                    // the dash stays for the next key.
                    (None, false) => format!("{prefix}{}", self.eol),
                };
                Some(Region {
                    start,
                    end,
                    theirs: replaced,
                })
            }
            None => {
                let (entry, from) = their_entry?;
                let first = tree.entries(yaml).next()?.0;
                let key_col = column(text, tree.span(first).start);
                // Before `tasks:` where it has its own line, else after the
                // node's last entry.
                let at = match tree.get(text, yaml, "tasks") {
                    Some((k, _))
                        if column(text, tree.span(k).start) == key_col
                            && text[layout::line_start(text, tree.span(k).start)
                                ..tree.span(k).start]
                                .bytes()
                                .all(|b| b == b' ') =>
                    {
                        layout::line_start(text, tree.span(k).start)
                    }
                    _ => self.lines(tree.span(yaml).start, tree.span(yaml).end).1,
                };
                let theirs = format!(
                    "{}{}{}",
                    " ".repeat(key_col),
                    reindent(&entry, from, key_col, self.eol),
                    self.eol
                );
                Some(Region {
                    start: at,
                    end: at,
                    theirs,
                })
            }
        }
    }

    /// A file entry (`title`, `people.ana`): its lines, theirs's for them.
    pub(super) fn file_field(&self, path: &str) -> Option<Region> {
        let (text, tree) = (self.text(), self.cur.tree());
        let theirs = self.inputs.theirs;
        let (map, their_map, key) = match path.split_once('.') {
            Some(("people", key)) => {
                let (_, map) = tree.get(text, self.cur.root()?, "people")?;
                let (_, their) = theirs.tree().get(theirs.text(), theirs.root()?, "people")?;
                (map, Some(their), key)
            }
            _ => (self.cur.root()?, theirs.root(), path),
        };
        let (k, v) = tree.get(text, map, key)?;
        if tree.style(map) == Style::Flow {
            let (start, end) = self.lines(tree.span(map).start, tree.span(map).end);
            let _ = (k, v);
            return Some(Region {
                start,
                end,
                theirs: their_map
                    .map(|m| {
                        let (s, e) = (theirs.tree().span(m).start, theirs.tree().span(m).end);
                        let s = layout::line_start(theirs.text(), s);
                        let e = layout::after_break(
                            theirs.text(),
                            layout::last_line_end(theirs.text(), e),
                        );
                        theirs.text()[s..e].to_owned()
                    })
                    .unwrap_or_default(),
            });
        }
        let key_start = tree.span(k).start;
        let entry_end = layout::last_line_end(text, tree.span(k).end.max(tree.span(v).end));
        let (start, end) = self.lines(key_start, entry_end);
        let theirs_text = match their_map.and_then(|m| entry_lines(theirs, m, key)) {
            Some((entry, from)) => format!(
                "{}{}{}",
                &text[start..key_start],
                reindent(&entry, from, column(text, key_start), self.eol),
                self.eol
            ),
            None => String::new(),
        };
        Some(Region {
            start,
            end,
            theirs: theirs_text,
        })
    }
}

/// An entry of a mapping in a version: its text from the key to the end
/// of its last line, and the key's column.
fn entry_lines(v: &Version, map: NodeIdx, key: &str) -> Option<(String, usize)> {
    let (text, tree) = (v.text(), v.tree());
    let (k, val) = tree.get(text, map, key)?;
    let start = tree.span(k).start;
    let end = layout::last_line_end(text, tree.span(k).end.max(tree.span(val).end));
    Some((text[start..end].to_owned(), column(text, start)))
}
