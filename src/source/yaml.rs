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
#[derive(Debug, Default)]
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
    let options = granit_parser::options! {
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
    let unsupported = |span: Range<usize>, what: &str| {
        Diagnostic::new(
            Code::UnsupportedYaml,
            file,
            span,
            format!("{what} are not supported in plans"),
        )
        .with_help("plans are plain data: write the value out in full")
    };

    for event in Parser::new_from_str_with_options(source, options) {
        let (event, span) = match event {
            Ok(pair) => pair,
            Err(error) => {
                let at = error
                    .marker()
                    .byte_offset()
                    .unwrap_or(source.len())
                    .min(source.len());
                let diagnostic = if matches!(
                    error.kind(),
                    granit_parser::ErrorKind::RecursionLimitExceeded
                ) {
                    Diagnostic::new(
                        Code::YamlSyntax,
                        file,
                        at..at,
                        "nesting deeper than 255 levels of YAML (about 127 levels of tasks)",
                    )
                    .with_help(
                        "flatten the plan: make the deepest branches top-level tasks or files of their own",
                    )
                } else {
                    Diagnostic::new(
                        Code::YamlSyntax,
                        file,
                        at..at,
                        format!("invalid YAML: {}", error.info()),
                    )
                    .with_help(
                        "fix the YAML syntax here; nothing else in this file is checked until it parses",
                    )
                };
                diagnostics.push(diagnostic);
                return None;
            }
        };
        let range = byte_range(&span, source.len());
        if let Some(tag_span) = span.tag_span() {
            diagnostics.push(unsupported(
                byte_range(&tag_span, source.len()),
                "tags (`!name`)",
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
                        Diagnostic::new(
                            Code::YamlSyntax,
                            file,
                            range,
                            "a plan file holds one YAML document, but a second one starts here",
                        )
                        .with_help("remove the `---` line, or move the second document into a file of its own"),
                    );
                    return None;
                }
            }
            Event::Anchor(..) => diagnostics.push(unsupported(range, "anchors (`&name`)")),
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                diagnostics.push(unsupported(range.clone(), "aliases (`*name`)"));
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
                    diagnostics.push(unsupported(tree.span(key_node), "merge keys (`<<`)"));
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
        let text = crate::safe::excerpt(tree.text(source, key));
        diagnostics.push(
            Diagnostic::new(
                Code::DuplicateKey,
                file,
                tree.span(key),
                format!("duplicate key `{text}`"),
            )
            .with_label(file, tree.span(first), "first defined here")
            .with_help("remove one of them; YAML keeps only one value per key"),
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
