//! The span tree: every node of one YAML document with its exact byte range,
//! built from granit-parser events.
//!
//! The tree is an arena in document order (pre-order), so a collection's
//! subtree is the contiguous run of nodes after it and no node needs a child
//! list. It is built with an explicit stack, never by recursion, so no input
//! can overflow the call stack; granit-parser itself refuses nesting deeper
//! than 255 collections. Scalars whose text is a slice of the source store no
//! copy of it.

use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::check::Place;
use crate::i18n::syntax::{Construct, Syntax, SyntaxHelp};

mod splice;

pub use splice::{Edit, line_changes, line_edits};
pub(crate) mod parts;

/// An index into [`Tree::nodes`].
pub type NodeIdx = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Mapping,
    Sequence,
    Scalar,
    /// An alias (refused as `unsupported-yaml`). It has already been
    /// reported, so readers skip it without saying more.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Block,
    Flow,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// Where a scalar's decoded text lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    /// The text is exactly the node's source bytes.
    Source,
    /// The text is the source bytes inside the quotes.
    InsideQuotes,
    /// The text differs from the source (escapes, folding) and is stored in
    /// [`Tree::owned`] at `aux`.
    Owned,
}

const KINDS: [Kind; 4] = [Kind::Mapping, Kind::Sequence, Kind::Scalar, Kind::Invalid];
const STYLES: [Style; 7] = [
    Style::Block,
    Style::Flow,
    Style::Plain,
    Style::SingleQuoted,
    Style::DoubleQuoted,
    Style::Literal,
    Style::Folded,
];
const TEXTS: [Text; 3] = [Text::Source, Text::InsideQuotes, Text::Owned];

/// A node's kind, style and text location packed in one byte, kept beside
/// the node rather than in it: 13 bytes a node instead of 16, which on a
/// plan of a million YAML nodes is 3 MB.
#[derive(Debug, Clone, Copy)]
struct Meta(u8);

impl Meta {
    fn new(kind: Kind, style: Style, text: Text) -> Meta {
        // The discriminants are the indices into KINDS, STYLES and TEXTS.
        Meta(kind as u8 | (style as u8) << 2 | (text as u8) << 5)
    }

    fn kind(self) -> Kind {
        KINDS[usize::from(self.0 & 0b11)]
    }

    fn style(self) -> Style {
        STYLES[usize::from((self.0 >> 2) & 0b111).min(STYLES.len() - 1)]
    }

    fn text(self) -> Text {
        TEXTS[usize::from((self.0 >> 5) & 0b11).min(TEXTS.len() - 1)]
    }
}

#[derive(Debug, Clone)]
struct YamlNode {
    start: u32,
    end: u32,
    /// A collection's subtree end (exclusive index), or an owned text index.
    aux: u32,
}

/// One YAML document as a tree of spans.
#[derive(Debug, Default, Clone)]
pub struct Tree {
    nodes: Vec<YamlNode>,
    /// `meta[i]` describes `nodes[i]`.
    meta: Vec<Meta>,
    owned: Vec<String>,
}

impl Tree {
    pub fn root(&self) -> Option<NodeIdx> {
        (!self.nodes.is_empty()).then_some(0)
    }

    /// How many nodes the tree holds; node indices run below it.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn kind(&self, node: NodeIdx) -> Kind {
        self.meta[node as usize].kind()
    }

    pub fn style(&self, node: NodeIdx) -> Style {
        self.meta[node as usize].style()
    }

    pub fn span(&self, node: NodeIdx) -> Range<usize> {
        let n = &self.nodes[node as usize];
        n.start as usize..n.end as usize
    }

    /// The decoded text of a scalar; empty for any other node.
    pub fn text<'a>(&'a self, source: &'a str, node: NodeIdx) -> &'a str {
        let n = &self.nodes[node as usize];
        let meta = self.meta[node as usize];
        if meta.kind() != Kind::Scalar {
            return "";
        }
        let (start, end) = (n.start as usize, n.end as usize);
        match meta.text() {
            Text::Source => &source[start..end],
            Text::InsideQuotes => &source[start + 1..end - 1],
            Text::Owned => &self.owned[n.aux as usize],
        }
    }

    /// Whether the node is YAML's null: `~`, `null` in its three spellings, or
    /// nothing at all, each unquoted.
    pub fn is_null(&self, source: &str, node: NodeIdx) -> bool {
        self.kind(node) == Kind::Scalar
            && self.style(node) == Style::Plain
            && matches!(self.text(source, node), "" | "~" | "null" | "Null" | "NULL")
    }

    /// The direct children of a collection, in order; for a mapping they
    /// alternate key, value.
    pub fn children(&self, node: NodeIdx) -> Children<'_> {
        let end = match self.kind(node) {
            Kind::Mapping | Kind::Sequence => self.nodes[node as usize].aux,
            Kind::Scalar | Kind::Invalid => node + 1,
        };
        Children {
            tree: self,
            next: node + 1,
            end,
        }
    }

    /// The key/value pairs of a mapping.
    pub fn entries(&self, node: NodeIdx) -> Entries<'_> {
        Entries {
            children: self.children(node),
        }
    }

    /// The value of the first entry whose key is the scalar `key`.
    pub fn get(&self, source: &str, map: NodeIdx, key: &str) -> Option<(NodeIdx, NodeIdx)> {
        if self.kind(map) != Kind::Mapping {
            return None;
        }
        self.entries(map)
            .find(|&(k, _)| self.kind(k) == Kind::Scalar && self.text(source, k) == key)
    }

    /// One past the last node of `node`'s subtree.
    fn subtree_end(&self, node: NodeIdx) -> NodeIdx {
        match self.kind(node) {
            Kind::Mapping | Kind::Sequence => self.nodes[node as usize].aux,
            Kind::Scalar | Kind::Invalid => node + 1,
        }
    }
}

pub struct Children<'a> {
    tree: &'a Tree,
    next: NodeIdx,
    end: NodeIdx,
}

impl Iterator for Children<'_> {
    type Item = NodeIdx;

    fn next(&mut self) -> Option<NodeIdx> {
        if self.next >= self.end {
            return None;
        }
        let node = self.next;
        self.next = self.tree.subtree_end(node);
        Some(node)
    }
}

pub struct Entries<'a> {
    children: Children<'a>,
}

impl Iterator for Entries<'_> {
    type Item = (NodeIdx, NodeIdx);

    fn next(&mut self) -> Option<(NodeIdx, NodeIdx)> {
        let key = self.children.next()?;
        let value = self.children.next()?;
        Some((key, value))
    }
}

/// A collection still open while events arrive.
struct Open {
    node: NodeIdx,
    block: bool,
    /// For a mapping, the number of children so far (keys at even counts).
    count: u32,
    /// The most recent direct child, whose end is a block collection's end.
    last_child: Option<NodeIdx>,
}

/// Parses `source` (which must not start with a byte-order mark) into a tree.
///
/// Problems are pushed to `diagnostics` for file `file`. After a syntax error
/// the tree is incomplete and `None` is returned: a half-read document would
/// only produce misleading follow-up errors.
pub fn parse(source: &str, file: usize, diagnostics: &mut Vec<Diagnostic>) -> Option<Tree> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if source.len() >= SPLIT_FROM_BYTES
        && cores > 1
        && let Some(tree) = parse_split(source, file, cores)
    {
        return Some(tree);
    }
    parse_whole(source, file, diagnostics)
}

/// From this size up, a plan is parsed in parts on all cores.
const SPLIT_FROM_BYTES: usize = 1 << 20;

/// Parses a plan whose top-level `tasks:` list is its last key in parts,
/// one per core, cut where a top-level task starts, and joins the trees:
/// the tokenizer is most of a load, and the tasks of a big plan are most of
/// its text. `None` when the plan is not of that shape or a part has any
/// finding (the whole text is then parsed as one, for exact diagnostics).
///
/// The cuts are where the whole parse has them too: a line that starts
/// with the list's dash at its column is a new item of that list, since
/// everything inside an item is deeper.
fn parse_split(source: &str, file: usize, parts: usize) -> Option<Tree> {
    let cuts = split_points(source, parts)?;
    let ranges: Vec<Range<usize>> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain(std::iter::once(&source.len())))
        .map(|(&start, &end)| start..end)
        .collect();
    let trees: Vec<Option<Tree>> = std::thread::scope(|scope| {
        let workers: Vec<_> = ranges
            .iter()
            .map(|range| {
                let text = &source[range.clone()];
                scope.spawn(move || {
                    let mut found = Vec::new();
                    parse_whole(text, file, &mut found).filter(|_| found.is_empty())
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut trees = trees.into_iter();
    let head = trees.next()??;
    let parts: Vec<Tree> = trees.collect::<Option<_>>()?;
    let parts: Vec<(&Tree, usize)> = parts
        .iter()
        .zip(&ranges[1..])
        .map(|(part, range)| (part, range.start))
        .collect();
    join(head, &parts)
}

/// Joins the trees of a plan's text parsed in parts, cut where top-level
/// tasks start (see [`top_items`]): `head` is the tree of the first part,
/// and each further part comes with the byte offset it starts at. `None`
/// when the parts are not of that shape; the caller then parses the whole
/// text as one.
pub(crate) fn join(mut tree: Tree, parts: &[(&Tree, usize)]) -> Option<Tree> {
    // The first part holds the document: the root mapping, with `tasks`
    // last and reaching to the end of the part's nodes.
    let root = tree.root()?;
    let (_, seq) = tree.entries(root).last()?;
    let count = tree.nodes.len() as NodeIdx;
    if tree.kind(root) != Kind::Mapping
        || tree.kind(seq) != Kind::Sequence
        || tree.style(seq) != Style::Block
        || tree.subtree_end(root) != count
        || tree.subtree_end(seq) != count
    {
        return None;
    }
    let more: usize = parts.iter().map(|(part, _)| part.nodes.len()).sum();
    tree.nodes.reserve(more);
    tree.meta.reserve(more);
    for &(part, start) in parts {
        graft(&mut tree, part, start)?;
    }
    // The list and the root now hold every item and end where the last
    // one does.
    let count = tree.nodes.len() as u32;
    for node in [seq, root] {
        tree.nodes[node as usize].aux = count;
    }
    let last_item = tree.children(seq).last()?;
    let end = tree.nodes[last_item as usize].end;
    for node in [seq, root] {
        tree.nodes[node as usize].end = end;
    }
    Some(tree)
}

/// Appends the items of `part`, a block list parsed from the text at
/// `start`, after the nodes of `tree`: renumbered after them, at their
/// place in the whole text. The caller makes the open lists and mappings
/// of `tree` hold them.
fn graft(tree: &mut Tree, part: &Tree, start: usize) -> Option<()> {
    let part_root = part.root()?;
    if part.kind(part_root) != Kind::Sequence || part.style(part_root) != Style::Block {
        return None;
    }
    let base = tree.nodes.len() as u32 - 1;
    let owned_base = tree.owned.len() as u32;
    let shift = u32::try_from(start).ok()?;
    for (node, meta) in part.nodes.iter().zip(&part.meta).skip(1) {
        let aux = match (meta.kind(), meta.text()) {
            (Kind::Mapping | Kind::Sequence, _) => node.aux + base,
            (_, Text::Owned) => node.aux + owned_base,
            _ => node.aux,
        };
        tree.nodes.push(YamlNode {
            start: node.start.checked_add(shift)?,
            end: node.end.checked_add(shift)?,
            aux,
        });
        tree.meta.push(*meta);
    }
    tree.owned.extend(part.owned.iter().cloned());
    Some(())
}

/// Where to cut the text: 0, then the starts of top-level task lines near
/// each `1/parts` of the text. `None` unless the text is a block mapping
/// whose last key is `tasks:` holding a block list, with nothing after it.
fn split_points(source: &str, parts: usize) -> Option<Vec<usize>> {
    let items = top_items(source)?;
    let mut cuts = vec![0];
    for part in 1..parts {
        let target = source.len() / parts * part;
        let next = items
            .iter()
            .copied()
            .find(|&item| item >= target && item > cuts[cuts.len() - 1]);
        match next {
            Some(cut) if cut > items[0] => cuts.push(cut),
            _ => break,
        }
    }
    (cuts.len() > 1).then_some(cuts)
}

/// Where each top-level task starts: the byte offset of its line. Every
/// one after the first is a place to cut the text for [`join`]. `None`
/// unless the text is a block mapping whose last key is `tasks:` holding a
/// block list of at least two items, with nothing after it.
pub(crate) fn top_items(source: &str) -> Option<Vec<usize>> {
    let bytes = source.as_bytes();
    let mut tasks_at = None;
    let mut dash: Option<usize> = None;
    let mut items = Vec::new();
    let mut next = 0;
    // Lines found with a plain byte scan: `wbs history` cuts every version
    // of a plan, and only the first characters of a line decide.
    while next < bytes.len() {
        let start = next;
        let newline = find_byte(bytes, start, b'\n');
        next = newline + 1;
        let mut end = newline;
        while end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        // Both ends and the indentation sit next to ASCII bytes, so on
        // character boundaries.
        let text = &source[start..end];
        let indent = find_not(text.as_bytes(), b' ');
        let body = &text[indent..];
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.starts_with('\t')
            || text.starts_with(['%'])
            || text.starts_with("---")
            || text.starts_with("...")
        {
            return None;
        }
        match dash {
            None if tasks_at.is_none() => {
                if indent == 0 && is_tasks_key(body) {
                    tasks_at = Some(start);
                }
            }
            None => {
                // The first line after `tasks:` is its first item.
                if !is_item(body) {
                    return None;
                }
                dash = Some(indent);
                items.push(start);
            }
            Some(column) => {
                if indent < column || (indent == column && !is_item(body)) {
                    // Something follows the list at its level or above.
                    return None;
                }
                if indent == column {
                    items.push(start);
                }
            }
        }
    }
    (items.len() >= 2).then_some(items)
}

/// Where `byte` first occurs in `bytes` from `from` on, else the length;
/// eight bytes at a time (a plan's lines are short, and `wbs history`
/// looks at every line of every version).
fn find_byte(bytes: &[u8], from: usize, byte: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let wanted = ONES * u64::from(byte);
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A zero byte of `x` is a match; the lowest flagged one is exact.
        let x = u64::from_le_bytes(word) ^ wanted;
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == byte))
        .map_or(bytes.len(), |i| at + i)
}

/// How many bytes at the start of `bytes` are `byte`, eight at a time.
fn find_not(bytes: &[u8], byte: u8) -> usize {
    let repeated = 0x0101_0101_0101_0101 * u64::from(byte);
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ repeated;
        if x != 0 {
            return at + (x.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..].iter().take_while(|&&b| b == byte).count()
}

/// `tasks:` alone on its line, or with a comment.
fn is_tasks_key(body: &str) -> bool {
    body.strip_prefix("tasks:").is_some_and(|rest| {
        rest.trim_start_matches(' ').is_empty()
            || rest.starts_with(" #")
            || rest.trim_start().starts_with('#') && rest.starts_with(' ')
    })
}

/// A list item: `- ` or a lone `-`.
fn is_item(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

/// Parses the whole text as one; see [`parse`].
pub(crate) fn parse_whole(
    source: &str,
    file: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Tree> {
    // Strict indentation is YAML as the spec and its test suite define it:
    // a flow collection or quoted value continued at a lesser indentation,
    // or a tab that looks like indentation, is an error (the lenient
    // default accepts them, as PyYAML does). It costs nothing measurable.
    let options = granit_parser::options! {
        strict_indentation: true,
        emit_anchor_events: true,
        emit_unresolved_aliases: true,
        emit_comments: false,
    };
    // About one node per 12 bytes in real plans; capacity not written to
    // costs no memory.
    let capacity = source.len() / 12 + 1;
    let mut tree = Tree {
        nodes: Vec::with_capacity(capacity),
        meta: Vec::with_capacity(capacity),
        owned: Vec::new(),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut documents = 0;
    let unsupported = |span: Range<usize>, what: Construct| {
        Diagnostic::new(
            Code::UnsupportedYaml,
            file,
            span,
            Syntax::Unsupported { what },
        )
        .with_help(SyntaxHelp::PlainData)
    };

    for event in Parser::new_from_str_with_options(source, options) {
        let (event, span) = match event {
            Ok(pair) => pair,
            Err(error) => {
                let around = around_error(&tree, &stack);
                let last_end = tree.nodes.last().map_or(0, |n| n.end as usize);
                let diagnostic = super::syntax::diagnostic(source, file, &error, &around, last_end);
                diagnostics.push(diagnostic);
                return None;
            }
        };
        let range = byte_range(&span, source.len());
        if let Some(tag_span) = span.tag_span() {
            diagnostics.push(unsupported(
                byte_range(&tag_span, source.len()),
                Construct::Tags,
            ));
        }
        match event {
            // Stream markers, document ends and comments carry no data;
            // `Event` is non-exhaustive, so later kinds are skipped too.
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Comment(..) => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    diagnostics.push(
                        Diagnostic::new(Code::YamlSyntax, file, range, Syntax::SecondDocument)
                            .with_help(SyntaxHelp::SecondDocument),
                    );
                    return None;
                }
            }
            Event::Anchor(..) => diagnostics.push(unsupported(range, Construct::Anchors)),
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                diagnostics.push(unsupported(range.clone(), Construct::Aliases));
                push_leaf(
                    &mut tree,
                    &mut stack,
                    range,
                    Kind::Invalid,
                    Style::Plain,
                    Text::Source,
                );
            }
            Event::Scalar(value, style, _, _) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let mut range = range;
                if matches!(style, Style::Literal | Style::Folded) {
                    // A block scalar's span runs into the next line's
                    // indentation; end it after its last line break instead.
                    let slice = &source.as_bytes()[range.clone()];
                    let trailing = slice
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b' ' || b == b'\t')
                        .count();
                    if trailing < slice.len() && slice[slice.len() - trailing - 1] == b'\n' {
                        range.end -= trailing;
                    }
                }
                let text = where_text_lives(source, &range, &value);
                if text == Text::Owned {
                    tree.owned.push(value.into_owned());
                }
                push_leaf(&mut tree, &mut stack, range, Kind::Scalar, style, text);
                let key_node = tree.nodes.len() as NodeIdx - 1;
                if is_merge_key(&tree, &stack, source, key_node) {
                    diagnostics.push(unsupported(tree.span(key_node), Construct::MergeKeys));
                }
            }
            Event::MappingStart(style, ..) | Event::SequenceStart(style, ..) => {
                let kind = if matches!(event, Event::MappingStart(..)) {
                    Kind::Mapping
                } else {
                    Kind::Sequence
                };
                let block = style == StructureStyle::Block;
                let style = if block { Style::Block } else { Style::Flow };
                push_leaf(&mut tree, &mut stack, range, kind, style, Text::Source);
                stack.push(Open {
                    node: tree.nodes.len() as NodeIdx - 1,
                    block,
                    count: 0,
                    last_child: None,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(open) = stack.pop() else { continue };
                let end_index = tree.nodes.len() as NodeIdx;
                // A block collection's end event sits at the next token, so its
                // true end is that of its last descendant; a flow one ends at
                // its closing bracket.
                let end = if open.block {
                    open.last_child
                        .map_or(range.end, |last| tree.nodes[last as usize].end as usize)
                } else {
                    range.end
                };
                let n = &mut tree.nodes[open.node as usize];
                n.end = end as u32;
                n.aux = end_index;
                if tree.kind(open.node) == Kind::Mapping {
                    check_duplicate_keys(&tree, source, open.node, file, diagnostics);
                }
            }
            _ => {}
        }
    }
    Some(tree)
}

/// The collections around a syntax error, outer to inner: those still open
/// and those the error's own line has just closed (a dedent closes them
/// before the parser finds what is wrong). A closed collection is on that
/// path when its subtree reaches the last node, since nothing came after
/// it. Only a failed parse walks the nodes for this.
fn around_error(tree: &Tree, stack: &[Open]) -> Vec<super::syntax::Collection> {
    let count = tree.nodes.len() as NodeIdx;
    let open = |node: NodeIdx| stack.iter().any(|o| o.node == node);
    (0..count)
        .filter(|&node| {
            matches!(tree.kind(node), Kind::Mapping | Kind::Sequence)
                && (open(node) || tree.nodes[node as usize].aux == count)
        })
        .map(|node| super::syntax::Collection {
            mapping: tree.kind(node) == Kind::Mapping,
            block: tree.style(node) == Style::Block,
            open: open(node),
            start: tree.nodes[node as usize].start as usize,
        })
        .collect()
}

fn byte_range(span: &Span, len: usize) -> Range<usize> {
    span.byte_range()
        .map_or(len..len, |r| r.start.min(len)..r.end.min(len))
}

// Whether the Cow borrows is the question asked, so it must be a Cow.
#[allow(clippy::ptr_arg)]
fn where_text_lives(source: &str, range: &Range<usize>, value: &std::borrow::Cow<'_, str>) -> Text {
    // Only borrowed text can be a slice of the source; owned text was built.
    let std::borrow::Cow::Borrowed(slice) = value else {
        return Text::Owned;
    };
    let offset = (slice.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    if offset > source.len() {
        return Text::Owned;
    }
    if offset == range.start && slice.len() == range.len() {
        Text::Source
    } else if range.len() >= 2 && offset == range.start + 1 && slice.len() == range.len() - 2 {
        Text::InsideQuotes
    } else {
        Text::Owned
    }
}

fn push_leaf(
    tree: &mut Tree,
    stack: &mut [Open],
    range: Range<usize>,
    kind: Kind,
    style: Style,
    text: Text,
) {
    let aux = match text {
        Text::Owned => tree.owned.len() as u32 - 1,
        _ => 0,
    };
    tree.nodes.push(YamlNode {
        start: range.start as u32,
        end: range.end as u32,
        aux,
    });
    tree.meta.push(Meta::new(kind, style, text));
    if let Some(parent) = stack.last_mut() {
        parent.count += 1;
        parent.last_child = Some(tree.nodes.len() as NodeIdx - 1);
    }
}

fn is_merge_key(tree: &Tree, stack: &[Open], source: &str, node: NodeIdx) -> bool {
    let Some(open) = stack.last() else {
        return false;
    };
    // The node just pushed is a key when it is the odd-numbered child.
    tree.kind(open.node) == Kind::Mapping
        && open.count % 2 == 1
        && tree.style(node) == Style::Plain
        && tree.text(source, node) == "<<"
}

/// Mappings up to this size are checked by comparing every pair, which for
/// the handful of keys of a task is faster than building a hash set.
pub(super) const SMALL_MAPPING: usize = 16;

fn check_duplicate_keys(
    tree: &Tree,
    source: &str,
    map: NodeIdx,
    file: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let scalar_keys = || {
        tree.entries(map)
            .map(|(k, _)| k)
            .filter(|&k| tree.kind(k) == Kind::Scalar)
    };
    let mut report = |key: NodeIdx, first: NodeIdx| {
        let key_text = crate::safe::excerpt(tree.text(source, key)).into_owned();
        diagnostics.push(
            Diagnostic::new(
                Code::DuplicateKey,
                file,
                tree.span(key),
                Syntax::DuplicateKey { key: key_text },
            )
            .with_label(file, tree.span(first), Place::FirstDefined)
            .with_help(SyntaxHelp::DuplicateKey),
        );
    };
    if scalar_keys().nth(SMALL_MAPPING).is_none() {
        for (i, key) in scalar_keys().enumerate() {
            let text = tree.text(source, key);
            if let Some(first) = scalar_keys()
                .take(i)
                .find(|&k| tree.text(source, k) == text)
            {
                report(key, first);
            }
        }
        return;
    }
    let mut seen: std::collections::HashMap<&str, NodeIdx> = std::collections::HashMap::new();
    for key in scalar_keys() {
        let text = tree.text(source, key);
        if let Some(&first) = seen.get(text) {
            report(key, first);
        } else {
            seen.insert(text, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(source: &str) -> (Tree, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let tree = parse(source, 0, &mut diagnostics).expect("valid YAML");
        (tree, diagnostics)
    }

    #[test]
    fn spans_cover_nodes_exactly() {
        let source = "a: 1\nb:\n  - x\n  - {k: 'v w'}\nc: \"q\\n\"\n";
        let (tree, diagnostics) = tree(source);
        assert!(diagnostics.is_empty());
        let root = tree.root().unwrap();
        assert_eq!(&source[tree.span(root)], source.trim_end());
        let (_, b) = tree.get(source, root, "b").unwrap();
        assert_eq!(&source[tree.span(b)], "- x\n  - {k: 'v w'}");
        let items: Vec<_> = tree.children(b).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(&source[tree.span(items[1])], "{k: 'v w'}");
        let (_, v) = tree.get(source, items[1], "k").unwrap();
        assert_eq!(tree.text(source, v), "v w");
        let (_, c) = tree.get(source, root, "c").unwrap();
        assert_eq!(tree.text(source, c), "q\n");
    }

    #[test]
    fn block_scalar_ends_after_its_last_line() {
        let source = "a:\n  n: |\n    one\n    two\n  m: 1\n";
        let (tree, _) = tree(source);
        let (_, a) = tree.get(source, 0, "a").unwrap();
        let (_, n) = tree.get(source, a, "n").unwrap();
        assert_eq!(&source[tree.span(n)], "one\n    two\n");
        assert_eq!(tree.text(source, n), "one\ntwo\n");
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let source = "a: 1\nb: 2\na: 3\n";
        let (_, diagnostics) = tree(source);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::DuplicateKey);
        assert_eq!(diagnostics[0].span, 10..11);
    }

    #[test]
    fn anchors_aliases_tags_and_merge_keys_are_refused() {
        let source = "a: &x 1\nb: *x\nc: !t 2\nd:\n  <<: {e: 1}\n";
        let (_, diagnostics) = tree(source);
        let spans: Vec<_> = diagnostics
            .iter()
            .map(|d| &source[d.span.clone()])
            .collect();
        assert_eq!(spans, ["&x", "*x", "!t", "<<"]);
        assert!(diagnostics.iter().all(|d| d.code == Code::UnsupportedYaml));
    }

    #[test]
    fn meta_round_trips() {
        for kind in KINDS {
            for style in STYLES {
                for text in TEXTS {
                    let meta = Meta::new(kind, style, text);
                    assert_eq!(
                        (meta.kind(), meta.style(), meta.text()),
                        (kind, style, text)
                    );
                }
            }
        }
    }

    #[test]
    fn second_document_is_a_syntax_error() {
        let mut diagnostics = Vec::new();
        assert!(parse("a: 1\n---\nb: 2\n", 0, &mut diagnostics).is_none());
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
        assert_eq!(diagnostics[0].span, 5..8);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let source = "[".repeat(20_000);
        let mut diagnostics = Vec::new();
        assert!(parse(&source, 0, &mut diagnostics).is_none());
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
        let source = "- ".repeat(20_000) + "x\n";
        let mut diagnostics = Vec::new();
        assert!(parse(&source, 0, &mut diagnostics).is_none());
    }
}

#[cfg(test)]
mod split_tests {
    use super::{Tree, join, parse_split, parse_whole, split_points, top_items};
    use crate::edit::transaction_tests::generator;

    /// The same nodes, spans, kinds and texts.
    fn assert_same(split: &Tree, whole: &Tree, what: &str) {
        assert_eq!(split.nodes.len(), whole.nodes.len(), "{what}");
        for (i, (a, b)) in split.nodes.iter().zip(&whole.nodes).enumerate() {
            assert_eq!(
                (a.start, a.end, a.aux, split.meta[i].0),
                (b.start, b.end, b.aux, whole.meta[i].0),
                "{what}: node {i}"
            );
        }
        assert_eq!(split.owned, whole.owned, "{what}");
    }

    #[test]
    fn a_plan_parsed_in_parts_is_the_plan_parsed_whole() {
        // The seed plan has two top-level tasks, too few to cut near the
        // middle: it is parsed whole.
        let seed = include_str!("../../plans/programme.yaml");
        assert_eq!(split_points(seed, 2), None);
        let mut texts = Vec::new();
        for (tasks, seed) in [(300, 1), (2000, 2), (5000, 3)] {
            let bytes = generator::generate(tasks, seed).unwrap_or_default();
            let text = String::from_utf8(bytes).unwrap_or_default();
            texts.push((format!("gen {tasks}"), text.replace('\n', "\r\n")));
            texts.push((format!("gen {tasks} crlf"), text));
        }
        for (what, text) in &texts {
            for parts in [2, 3, 7] {
                let mut found = Vec::new();
                let whole = parse_whole(text, 0, &mut found).unwrap_or_else(|| panic!("{what}"));
                assert!(found.is_empty(), "{what}: {found:?}");
                let split =
                    parse_split(text, 0, parts).unwrap_or_else(|| panic!("{what}: not split"));
                assert_same(&split, &whole, &format!("{what} in {parts}"));
            }
        }
    }

    #[test]
    fn a_plan_cut_at_every_top_level_task_joins_into_the_plan_parsed_whole() {
        let bytes = generator::generate(400, 4).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        let mut found = Vec::new();
        let whole = parse_whole(&text, 0, &mut found).expect("parses");
        let items = top_items(&text).expect("a plan of top-level tasks");
        assert!(items.len() >= 10, "{}", items.len());
        let mut cuts = vec![0];
        cuts.extend(&items[1..]);
        let trees: Vec<Tree> = cuts
            .iter()
            .zip(cuts.iter().skip(1).chain([&text.len()]))
            .map(|(&start, &end)| parse_whole(&text[start..end], 0, &mut found).expect("a part"))
            .collect();
        assert!(found.is_empty(), "{found:?}");
        let parts: Vec<(&Tree, usize)> = trees[1..].iter().zip(cuts[1..].iter().copied()).collect();
        let joined = join(trees[0].clone(), &parts).expect("joins");
        assert_same(&joined, &whole, "every item");
        // A part out of place does not pass for a plan.
        assert!(join(trees[1].clone(), &parts[1..]).is_none());
    }

    #[test]
    fn bytes_are_found_eight_at_a_time() {
        use super::{find_byte, find_not};
        let text = b"0123456789abcdef\nxyz\n";
        for from in 0..=text.len() {
            let expected = text[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| from + i);
            assert_eq!(find_byte(text, from, b'\n'), expected, "from {from}");
        }
        for spaces in 0..20 {
            let line = format!("{}- x", " ".repeat(spaces));
            assert_eq!(find_not(line.as_bytes(), b' '), spaces);
            assert_eq!(find_not(" ".repeat(spaces).as_bytes(), b' '), spaces);
        }
        // The high bit of a byte next to a match does not pass for one.
        assert_eq!(
            find_byte(&[0x8a, 0x0b, b'\n', 0, 0, 0, 0, 0, 0], 0, b'\n'),
            2
        );
    }

    #[test]
    fn other_shapes_are_parsed_whole() {
        let item = "  - id: a\n    title: A\n";
        // Something after the tasks, a flow list, a document marker, a
        // finding in a part: no split, or no tree from it.
        let after = format!("wbs: 1\ntitle: T\ntasks:\n{item}{item}x-after: 1\n");
        assert_eq!(split_points(&after, 2), None);
        assert_eq!(
            split_points("wbs: 1\ntitle: T\ntasks: [a, b, c]\n", 2),
            None
        );
        let marker = format!("---\nwbs: 1\ntitle: T\ntasks:\n{item}{item}");
        assert_eq!(split_points(&marker, 2), None);
        let duplicate =
            format!("wbs: 1\ntitle: T\ntasks:\n{item}  - id: b\n    title: B\n    title: C\n");
        assert!(split_points(&duplicate, 2).is_some());
        assert!(parse_split(&duplicate, 0, 2).is_none());
    }
}
