//! Cutting a plan's text where its tasks start, at any depth, and joining
//! the trees of the parts: for `wbs history`, which caches parts by their
//! text, so that a new version of a plan costs the parts that changed.
//! [`super::top_items`] cuts only between top-level tasks, and a plan of a
//! few big branches needs cuts inside them.
//!
//! A cut is the start of a line that begins a task other than the first of
//! its list, in a `tasks:` list that is the last key of its task (the top
//! list the last key of the plan). Inside a block list whose items start at
//! column c every line of an item is indented more than c (YAML's rule for
//! the block nodes, scalars and flow continuations in it), so a line that
//! starts with `- ` at column c begins the next item. The scanner follows
//! which lists are open by the `tasks:` keys that open them; where text
//! could fool it (a `tasks:` line inside a block scalar), the join checks
//! the tree instead: a part must continue a block list under a `tasks` key
//! at the same depth and column on the open edge of the tree so far, or the
//! join fails and the caller parses the whole text.

use super::{Kind, NodeIdx, Style, Tree, find_byte, find_not, graft, is_item, is_tasks_key};

/// A place to cut a plan's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    /// The byte offset of the line that starts the task.
    pub at: usize,
    /// The depth of its list: 1 for the plan's `tasks`, 2 for the `tasks`
    /// of a top-level task, and so on.
    pub depth: u32,
}

/// A list open at some line: where its items start, and where its cuts
/// begin among those found.
struct Open {
    column: usize,
    first_cut: usize,
}

/// Every place the text can be cut, in order; `None` unless the text is a
/// block mapping whose last key is `tasks:` holding a block list, with
/// nothing after it (the shape [`super::top_items`] wants).
pub(crate) fn cuts(source: &str) -> Option<Vec<Cut>> {
    let bytes = source.as_bytes();
    let mut cuts: Vec<Cut> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut started = false;
    // A `tasks:` key just seen, at this indentation: the next line may
    // open its list.
    let mut tasks_key: Option<usize> = None;
    let mut next = 0;
    while next < bytes.len() {
        let start = next;
        let newline = find_byte(bytes, start, b'\n');
        next = newline + 1;
        let mut end = newline;
        while end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let text = &source[start..end];
        let indent = find_not(text.as_bytes(), b' ');
        let body = &text[indent..];
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.starts_with('\t')
            || text.starts_with('%')
            || text.starts_with("---")
            || text.starts_with("...")
        {
            return None;
        }
        if !started {
            if indent == 0 && is_tasks_key(body) {
                started = true;
                tasks_key = Some(0);
            }
            continue;
        }
        if let Some(key) = tasks_key.take() {
            if is_item(body) && indent >= key {
                // The first item: a list opens, no cut before it.
                open.push(Open {
                    column: indent,
                    first_cut: cuts.len(),
                });
                continue;
            }
            if open.is_empty() {
                return None;
            }
        }
        // A line less indented than a list ends it. Unless it starts the
        // next item of a list further out, something followed the list in
        // its task: cutting inside it would split that task's keys.
        while open.last().is_some_and(|list| indent < list.column) {
            let ended = open.pop()?;
            let continues = open
                .last()
                .is_some_and(|outer| indent == outer.column && is_item(body));
            if !continues {
                cuts.truncate(ended.first_cut);
            }
        }
        let Some(list) = open.last() else {
            // Something after the plan's own list.
            return None;
        };
        if indent == list.column {
            if is_item(body) {
                cuts.push(Cut {
                    at: start,
                    depth: open.len() as u32,
                });
                continue;
            }
            // A key at the column of a list written without indentation
            // (`tasks:` and `- ` in one column): the list ended there.
            let ended = open.pop()?;
            cuts.truncate(ended.first_cut);
            if open.is_empty() {
                return None;
            }
            continue;
        }
        if is_tasks_key(body) {
            tasks_key = Some(indent);
        }
    }
    (started && !cuts.is_empty()).then_some(cuts)
}

/// Joins the trees of a plan's text parsed in parts cut at [`cuts`]:
/// `head` is the tree of the first part (the plan document up to the first
/// cut), and each further part comes with the byte offset it starts at and
/// the depth of its cut. Each part's items become the next items of the
/// list at that depth on the open edge of the tree so far. `None` when a
/// part does not continue such a list (at its column, under a `tasks`
/// key); the caller then parses the whole text.
pub(crate) fn join(source: &str, mut tree: Tree, parts: &[(&Tree, usize, u32)]) -> Option<Tree> {
    let more: usize = parts.iter().map(|(part, ..)| part.nodes.len()).sum();
    tree.nodes.reserve(more);
    tree.meta.reserve(more);
    let mut edge: Vec<NodeIdx> = Vec::new();
    for &(part, start, depth) in parts {
        open_edge(&tree, source, depth, &mut edge)?;
        let list = *edge.last()?;
        // The part's list is written at the column of the list it
        // continues: where the dash of its first item is. (A list written
        // at its key's column starts at its first item's text, not at the
        // dash.)
        let first = tree.children(list).next()?;
        let line = source[..tree.span(first).start]
            .rfind('\n')
            .map_or(0, |at| at + 1);
        let column = find_not(source.get(line..)?.as_bytes(), b' ');
        if find_not(source.get(start..)?.as_bytes(), b' ') != column {
            return None;
        }
        graft(&mut tree, part, start)?;
        // The lists and tasks of the open edge now hold the new items and
        // end where the last of them does.
        let count = tree.nodes.len() as u32;
        for &node in &edge {
            tree.nodes[node as usize].aux = count;
        }
        let last_item = tree.children(list).last()?;
        let end = tree.nodes[last_item as usize].end;
        for &node in &edge {
            tree.nodes[node as usize].end = end;
        }
    }
    Some(tree)
}

/// The open edge of `tree` down to the list at `depth`: the root mapping,
/// its `tasks` list, that list's last item, the item's `tasks` list and so
/// on, each reaching to the end of the tree. `None` when it does not reach
/// so deep.
fn open_edge(tree: &Tree, source: &str, depth: u32, edge: &mut Vec<NodeIdx>) -> Option<()> {
    edge.clear();
    let count = tree.nodes.len() as NodeIdx;
    let mut mapping = tree.root()?;
    for level in 1..=depth {
        if tree.kind(mapping) != Kind::Mapping || tree.subtree_end(mapping) != count {
            return None;
        }
        edge.push(mapping);
        let (key, list) = tree.entries(mapping).last()?;
        if tree.kind(key) != Kind::Scalar
            || tree.text(source, key) != "tasks"
            || tree.kind(list) != Kind::Sequence
            || tree.style(list) != Style::Block
            || tree.subtree_end(list) != count
        {
            return None;
        }
        edge.push(list);
        if level < depth {
            mapping = tree.children(list).last()?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::parse_whole;
    use super::*;
    use crate::edit::transaction_tests::generator;

    fn parse(text: &str) -> Tree {
        let mut found = Vec::new();
        let tree = parse_whole(text, 0, &mut found).expect("parses");
        assert!(found.is_empty(), "{found:?}");
        tree
    }

    /// The text cut at `chosen` (indices into its cuts), joined.
    fn joined(text: &str, cuts: &[Cut], chosen: &[usize]) -> Option<Tree> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(chosen.iter().map(|&i| cuts[i].at))
            .collect();
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let mut trees = starts.iter().zip(ends).map(|(&s, e)| {
            let mut found = Vec::new();
            parse_whole(&text[s..e], 0, &mut found).filter(|_| found.is_empty())
        });
        let head = trees.next()??;
        let rest: Vec<Tree> = trees.collect::<Option<_>>()?;
        let parts: Vec<(&Tree, usize, u32)> = rest
            .iter()
            .zip(chosen)
            .map(|(tree, &i)| (tree, cuts[i].at, cuts[i].depth))
            .collect();
        join(text, head, &parts)
    }

    fn assert_same(a: &Tree, b: &Tree) {
        assert_eq!(a.nodes.len(), b.nodes.len());
        for (i, (x, y)) in a.nodes.iter().zip(&b.nodes).enumerate() {
            assert_eq!(
                (x.start, x.end, x.aux, a.meta[i].0),
                (y.start, y.end, y.aux, b.meta[i].0),
                "node {i}"
            );
        }
        assert_eq!(a.owned, b.owned);
    }

    #[test]
    fn cuts_fall_between_tasks_at_every_depth() {
        let text = "wbs: 1\ntitle: T\ntasks:\n\
                    \x20 - id: a\n    title: A\n    tasks:\n      - a1\n      - id: a2\n        title: A2\n        tasks:\n          - x\n          - y\n      - a3\n\
                    \x20 - id: b\n    title: B\n    tasks:\n    - b1\n    - b2\n\
                    \x20 - id: c\n    title: C\n    tasks:\n      - c1\n      - c2\n    notes: after the list\n\
                    \x20 - d\n";
        let found = cuts(text).expect("a plan");
        let shown: Vec<(&str, u32)> = found
            .iter()
            .map(|c| (text[c.at..].lines().next().unwrap_or("").trim(), c.depth))
            .collect();
        // c's list has a key after it: no cut inside; b's list is written
        // at its key's column.
        assert_eq!(
            shown,
            [
                ("- id: a2", 2),
                ("- y", 3),
                ("- a3", 2),
                ("- id: b", 1),
                ("- b2", 2),
                ("- id: c", 1),
                ("- d", 1),
            ]
        );
        let whole = parse(text);
        // Every subset of cuts joins into the whole.
        for mask in 0..(1u32 << found.len()) {
            let chosen: Vec<usize> = (0..found.len()).filter(|i| mask & (1 << i) != 0).collect();
            // A part must hold one list's items: after a deep cut, a cut at
            // every shallower item that follows.
            let mut depth = 0;
            let mut whole_lists = true;
            for (i, cut) in found.iter().enumerate() {
                if chosen.contains(&i) {
                    depth = cut.depth;
                } else if cut.depth < depth {
                    whole_lists = false;
                }
            }
            match joined(text, &found, &chosen) {
                Some(tree) => assert_same(&tree, &whole),
                None => assert!(!whole_lists, "cuts {chosen:?} should join"),
            }
        }
    }

    #[test]
    fn a_generated_plan_cut_anywhere_joins_into_the_whole() {
        let bytes = generator::generate(300, 9).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        let found = cuts(&text).expect("a plan");
        assert!(found.iter().any(|c| c.depth > 2), "{found:?}");
        let whole = parse(&text);
        // Every fifth cut, with the cuts a part needs to hold one list.
        let mut chosen = Vec::new();
        let mut depth = 0;
        for (i, cut) in found.iter().enumerate() {
            if i % 5 == 0 || cut.depth < depth {
                chosen.push(i);
                depth = cut.depth;
            }
        }
        let tree = joined(&text, &found, &chosen).expect("joins");
        assert_same(&tree, &whole);
    }

    #[test]
    fn the_seed_plan_cut_at_every_place_joins_into_the_whole() {
        // Two top-level tasks, deep branches: the cuts are inside them.
        let text = include_str!("../../../plans/programme.yaml");
        let found = cuts(text).expect("a plan");
        assert!(found.len() >= 40, "{}", found.len());
        let every: Vec<usize> = (0..found.len()).collect();
        let tree = joined(text, &found, &every).expect("joins");
        assert_same(&tree, &parse(text));
        let crlf = text.replace('\n', "\r\n");
        let found = cuts(&crlf).expect("a plan");
        let every: Vec<usize> = (0..found.len()).collect();
        let tree = joined(&crlf, &found, &every).expect("joins");
        assert_same(&tree, &parse(&crlf));
    }

    #[test]
    fn a_tasks_line_inside_a_block_scalar_does_not_join() {
        let text = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    notes: |\n      tasks:\n      - one\n      - two\n";
        let found = cuts(text).expect("a plan");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(joined(text, &found, &[0]).is_none());
        assert!(cuts("wbs: 1\ntitle: T\ntasks:\n  - a\nx-after: 1\n").is_none());
        assert!(cuts("wbs: 1\ntitle: T\ntasks: []\n").is_none());
    }
}
