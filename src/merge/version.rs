//! One version of a plan file as the merge reads it: the model, the text
//! and its span tree, with the ways the merge looks at a node's fields.

use crate::diagnostic::Diagnostic;
use crate::edit::{self, Patch, PatchError};
use crate::plan::{NodeId, Plan, Status};
use crate::source::yaml::{Edit, line_edits};
use crate::source::yaml::{Kind, NodeIdx, Style, Tree};
use crate::source::{self, Loaded};

pub use super::field::{Field, Mask};

/// One version: the plan model of one file with its text and tree.
#[derive(Debug)]
pub struct Version {
    pub loaded: Loaded,
}

impl Version {
    /// Reads one file's bytes, keeping its tree for the edits.
    pub fn load(path: &str, bytes: Vec<u8>) -> Version {
        Version {
            loaded: source::load(vec![(path.to_owned(), bytes)], true),
        }
    }

    /// The version of `bytes`, a text that differs from this version's in
    /// a few places: only the task blocks around the differences are
    /// parsed (see [`Tree::respliced`]); anything else is parsed whole.
    pub fn derive(&self, path: &str, bytes: Vec<u8>) -> Version {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let bom = bytes.starts_with(BOM);
        if !(self.parsed() && self.first_error().is_none()) {
            return Version::load(path, bytes);
        }
        let mut text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => return Version::load(path, error.into_bytes()),
        };
        if bom {
            text.drain(..BOM.len());
        }
        let tree = line_edits(self.text(), &text, 64)
            .and_then(|edits| self.tree().respliced(self.text(), &text, &edits));
        match tree {
            Some(tree) => Version {
                loaded: source::load_parsed(path.to_owned(), text, bom, tree),
            },
            None => {
                let mut bytes = text.into_bytes();
                if bom {
                    bytes.splice(0..0, BOM.iter().copied());
                }
                Version::load(path, bytes)
            }
        }
    }

    /// This version's text with `patches` applied, as a version: only the
    /// task blocks the patches touch are parsed again.
    pub fn patched(&self, path: &str, patches: Vec<Patch>) -> Result<Version, PatchError> {
        let patches = edit::prepare(self.text(), patches)?;
        let old = self.text();
        let mut text =
            String::with_capacity(old.len() + patches.iter().map(|p| p.text.len()).sum::<usize>());
        let mut edits = Vec::with_capacity(patches.len());
        let mut copied = 0;
        for patch in &patches {
            text.push_str(&old[copied..patch.range.start]);
            let start = text.len();
            text.push_str(&patch.text);
            edits.push(Edit {
                old: patch.range.clone(),
                new: start..text.len(),
            });
            copied = patch.range.end;
        }
        text.push_str(&old[copied..]);
        let tree = if self.parsed() && self.first_error().is_none() {
            self.tree().respliced(old, &text, &edits)
        } else {
            None
        };
        Ok(match tree {
            Some(tree) => Version {
                loaded: source::load_parsed(path.to_owned(), text, self.bom(), tree),
            },
            None => {
                let mut bytes = if self.bom() {
                    b"\xEF\xBB\xBF".to_vec()
                } else {
                    Vec::new()
                };
                bytes.extend_from_slice(text.as_bytes());
                Version::load(path, bytes)
            }
        })
    }

    /// The file's bytes: its text, after a byte-order mark if it had one.
    pub fn bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.text().len() + 3);
        if self.bom() {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(self.text().as_bytes());
        bytes
    }

    pub fn plan(&self) -> &Plan {
        &self.loaded.plan
    }

    pub fn text(&self) -> &str {
        &self.loaded.sources[0].text
    }

    pub fn bom(&self) -> bool {
        self.loaded.sources[0].bom
    }

    /// The span tree; a version is only merged when it parsed.
    pub fn tree(&self) -> &Tree {
        static EMPTY: std::sync::OnceLock<Tree> = std::sync::OnceLock::new();
        self.loaded.sources[0]
            .tree()
            .unwrap_or_else(|| EMPTY.get_or_init(Tree::default))
    }

    pub fn parsed(&self) -> bool {
        self.loaded.sources[0].parsed && self.loaded.sources[0].tree().is_some()
    }

    /// The first error found while reading, if any.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.loaded.diagnostics.iter().find(|d| d.is_error())
    }

    pub fn yaml(&self, node: NodeId) -> NodeIdx {
        self.loaded.yaml_node(node)
    }

    /// The top-level mapping.
    pub fn root(&self) -> Option<NodeIdx> {
        self.tree()
            .root()
            .filter(|&r| self.tree().kind(r) == Kind::Mapping)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.loaded.sources[0].line_col(offset).line
    }

    /// The node's `x-` entries, as written.
    pub fn x_entries(&self, node: NodeId) -> Vec<(&str, NodeIdx)> {
        x_entries_of(self.tree(), self.text(), self.yaml(node))
    }

    /// Whether the node's own text (every entry but `tasks`, or a plain
    /// string's text) is byte for byte the same as `other`'s node: then no
    /// field of it differs, `x-` keys included.
    pub fn same_own_text(&self, node: NodeId, other: &Version, other_node: NodeId) -> bool {
        let (ta, sa, ya) = (self.tree(), self.text(), self.yaml(node));
        let (tb, sb, yb) = (other.tree(), other.text(), other.yaml(other_node));
        match (ta.kind(ya), tb.kind(yb)) {
            (Kind::Scalar, Kind::Scalar) => sa[ta.span(ya)] == sb[tb.span(yb)],
            (Kind::Mapping, Kind::Mapping) => {
                let mut a = ta.entries(ya).filter(|&(k, _)| ta.text(sa, k) != "tasks");
                let mut b = tb.entries(yb).filter(|&(k, _)| tb.text(sb, k) != "tasks");
                loop {
                    match (a.next(), b.next()) {
                        (None, None) => return true,
                        (Some((ka, va)), Some((kb, vb))) => {
                            if sa[ta.span(ka)] != sb[tb.span(kb)]
                                || sa[ta.span(va)] != sb[tb.span(vb)]
                            {
                                return false;
                            }
                        }
                        _ => return false,
                    }
                }
            }
            _ => false,
        }
    }

    /// The fields whose values differ between this version's `node` and
    /// `other`'s `other_node`.
    pub fn diff_fields(&self, node: NodeId, other: &Version, other_node: NodeId) -> Mask {
        let mut mask = 0;
        for field in Field::ALL {
            if !self.same_field(node, other, other_node, field) {
                mask |= field.bit();
            }
        }
        mask
    }

    pub fn same_field(&self, node: NodeId, other: &Version, other_node: NodeId, f: Field) -> bool {
        let (pa, pb) = (self.plan(), other.plan());
        let (a, b) = (pa.node(node), pb.node(other_node));
        match f {
            Field::Id => pa.id_of(node) == pb.id_of(other_node),
            Field::Title => pa.title(node) == pb.title(other_node),
            Field::Owner => pa.own_owner(node) == pb.own_owner(other_node),
            Field::Status => a.status == b.status,
            Field::Progress => a.progress == b.progress,
            Field::Start => a.start == b.start,
            Field::Due => a.due == b.due,
            Field::Effort => a.effort_hours == b.effort_hours,
            Field::Tags => pa.list(a.tags).eq(pb.list(b.tags)),
            Field::After => pa.list(a.after).eq(pb.list(b.after)),
            Field::Notes => pa.notes(node) == pb.notes(other_node),
        }
    }

    /// Whether the `x-` entries of the two nodes hold the same data.
    pub fn same_x(&self, node: NodeId, other: &Version, other_node: NodeId) -> bool {
        let mut a: Vec<(&str, String)> = self
            .x_entries(node)
            .into_iter()
            .map(|(k, v)| (k, canonical(self.tree(), self.text(), v)))
            .collect();
        let mut b: Vec<(&str, String)> = other
            .x_entries(other_node)
            .into_iter()
            .map(|(k, v)| (k, canonical(other.tree(), other.text(), v)))
            .collect();
        a.sort();
        b.sort();
        a == b
    }

    /// The canonical form of the node's `x-` entry `key`, if written.
    pub fn x_value(&self, node: NodeId, key: &str) -> Option<String> {
        self.x_entries(node)
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| canonical(self.tree(), self.text(), v))
    }

    /// The list field's entries.
    pub fn list(&self, node: NodeId, f: Field) -> Vec<&str> {
        let plan = self.plan();
        let n = plan.node(node);
        match f {
            Field::Tags => plan.list(n.tags).collect(),
            Field::After => plan.list(n.after).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the node writes the field at all.
    pub fn has_field(&self, node: NodeId, f: Field) -> bool {
        let plan = self.plan();
        let n = plan.node(node);
        match f {
            Field::Id => n.id.is_some(),
            Field::Title => true,
            Field::Owner => n.owner.is_some(),
            Field::Status => n.status.is_some(),
            Field::Progress => n.progress.is_some(),
            Field::Start => n.start.is_some(),
            Field::Due => n.due.is_some(),
            Field::Effort => n.effort_hours.is_some(),
            Field::Tags => !n.tags.is_empty() || self.writes_key(node, "tags"),
            Field::After => !n.after.is_empty() || self.writes_key(node, "after"),
            Field::Notes => n.notes.is_some(),
        }
    }

    fn writes_key(&self, node: NodeId, key: &str) -> bool {
        self.tree()
            .get(self.text(), self.yaml(node), key)
            .is_some_and(|(_, v)| !self.tree().is_null(self.text(), v))
    }

    /// The field's value as people read it, for conflict messages:
    /// `(none)` when it is not set.
    pub fn show(&self, node: NodeId, f: Field) -> String {
        let plan = self.plan();
        let n = plan.node(node);
        let text = |s: Option<&str>| s.map_or_else(|| "(none)".to_owned(), str::to_owned);
        let number = |v: Option<f64>| v.map_or_else(|| "(none)".to_owned(), |v| format!("{v}"));
        match f {
            Field::Id => text(plan.id_of(node)),
            Field::Title => plan.title(node).to_owned(),
            Field::Owner => text(plan.own_owner(node)),
            Field::Status => n
                .status
                .map_or_else(|| "(none)".to_owned(), |s: Status| s.as_str().to_owned()),
            Field::Progress => number(n.progress.get()),
            Field::Start => n
                .start
                .map_or_else(|| "(none)".to_owned(), |d| d.to_string()),
            Field::Due => n.due.map_or_else(|| "(none)".to_owned(), |d| d.to_string()),
            Field::Effort => self
                .tree()
                .get(self.text(), self.yaml(node), "effort")
                .map(|(_, v)| self.tree().text(self.text(), v).to_owned())
                .unwrap_or_else(|| number(n.effort_hours.get())),
            Field::Tags | Field::After => format!("[{}]", self.list(node, f).join(", ")),
            Field::Notes => text(plan.notes(node)),
        }
    }

    /// A node's name for messages: its id, else its title.
    pub fn name(&self, node: NodeId) -> &str {
        self.plan()
            .id_of(node)
            .unwrap_or_else(|| self.plan().title(node))
    }
}

/// The `x-` entries of a mapping.
pub fn x_entries_of<'a>(tree: &Tree, text: &'a str, map: NodeIdx) -> Vec<(&'a str, NodeIdx)> {
    if tree.kind(map) != Kind::Mapping {
        return Vec::new();
    }
    tree.entries(map)
        .filter_map(|(k, v)| {
            let span = tree.span(k);
            let key = &text[span];
            (tree.kind(k) == Kind::Scalar && key.starts_with("x-")).then_some((key, v))
        })
        .collect()
}

/// The data of a YAML value as one string, equal for two values that hold
/// the same data however they are laid out: scalars by their text and
/// whether they are quoted, collections by their items. Each part carries
/// its length, so no two values share a form.
pub fn canonical(tree: &Tree, text: &str, node: NodeIdx) -> String {
    let mut out = String::new();
    // An explicit stack of what is left to write: YAML nesting is bounded
    // by the parser, but never recurse on input.
    let mut stack: Vec<Step> = vec![Step::Node(node)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(c) => out.push(c),
            Step::Node(n) => match tree.kind(n) {
                Kind::Scalar => {
                    let quoted = !matches!(tree.style(n), Style::Plain);
                    let value = tree.text(text, n);
                    let value = if !quoted && tree.is_null(text, n) {
                        "~"
                    } else {
                        value
                    };
                    out.push(if quoted { 'q' } else { 'p' });
                    out.push_str(&value.len().to_string());
                    out.push(':');
                    out.push_str(value);
                }
                Kind::Mapping | Kind::Sequence => {
                    let (open, close) = if tree.kind(n) == Kind::Mapping {
                        ('{', '}')
                    } else {
                        ('[', ']')
                    };
                    out.push(open);
                    stack.push(Step::Close(close));
                    let children: Vec<NodeIdx> = tree.children(n).collect();
                    for &child in children.iter().rev() {
                        stack.push(Step::Node(child));
                    }
                }
                Kind::Invalid => out.push('!'),
            },
        }
    }
    out
}

enum Step {
    Node(NodeIdx),
    Close(char),
}
