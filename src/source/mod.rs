//! File text, spans, line:column, and YAML loading: everything that knows
//! where a value was written.
//!
//! [`load`] reads a plan set and returns the plain [`Plan`] together with a
//! [`SpanTable`] from each plan node to its YAML node, and the diagnostics
//! found while reading. Only this module (and later the editor) knows YAML.

mod conflict;
mod convert;
#[cfg(test)]
pub(crate) mod fuzz_tests;
pub mod join;
pub mod lines;
pub mod planset;
#[cfg(test)]
mod suite_tests;
mod syntax;
pub mod yaml;

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::check::{Check, Help};
use crate::plan::{NodeId, Plan};
use lines::{LineCol, LineIndex};
use yaml::{Kind, NodeIdx, Tree};

pub use planset::{PlanSetArgs, resolve_plan_set};

/// One file's text as read, and its YAML tree when it parsed.
///
/// The tree is dropped once the plan model is built, unless the caller
/// keeps it: read-only commands never look at it again, and on a large plan
/// it is as big as the text. Where a diagnostic later needs a field's exact
/// place, the tree is rebuilt from the same text, which yields the same
/// node indices.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given on the command line or found in a plan folder.
    pub path: String,
    /// The text after any byte-order mark; invalid UTF-8 is replaced so the
    /// surrounding lines can still be shown.
    pub text: String,
    /// Whether the file began with a byte-order mark, to keep it on write.
    pub bom: bool,
    /// Built on first use: a check that finds nothing never needs it.
    lines: std::cell::OnceCell<LineIndex>,
    tree: std::cell::OnceCell<Option<Tree>>,
    /// Whether the text parsed as YAML (and so has plan nodes).
    pub parsed: bool,
}

impl SourceFile {
    /// Sets the tree of a decoded file: `None` when its text did not parse.
    fn set_tree(&mut self, tree: Option<Tree>) {
        self.parsed = tree.is_some();
        self.tree = std::cell::OnceCell::from(tree);
    }

    /// The YAML tree, rebuilt if it was dropped; `None` if the file does
    /// not parse.
    pub fn tree(&self) -> Option<&Tree> {
        if !self.parsed {
            return None;
        }
        self.tree
            .get_or_init(|| {
                // Problems were reported by the first parse.
                let mut ignored = Vec::new();
                yaml::parse(&self.text, 0, &mut ignored)
            })
            .as_ref()
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines().line_col(&self.text, offset)
    }
}

/// From each plan node to the YAML node it was read from, and where the
/// node starts (its first key, or a plain-string node's text).
#[derive(Debug, Default)]
pub struct SpanTable {
    nodes: Vec<NodeIdx>,
    starts: Vec<u32>,
}

/// A loaded plan set: the model, where each node came from, and what was
/// wrong with it.
#[derive(Debug)]
pub struct Loaded {
    pub sources: Vec<SourceFile>,
    pub plan: Plan,
    pub spans: SpanTable,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds a plan set from texts already read: `(path, bytes)` pairs.
/// `keep_trees` keeps each file's YAML tree for a caller that will edit.
pub fn load(files: Vec<(String, Vec<u8>)>, keep_trees: bool) -> Loaded {
    let mut loaded = Loaded {
        sources: Vec::with_capacity(files.len()),
        plan: Plan::default(),
        spans: SpanTable::default(),
        diagnostics: Vec::new(),
    };
    for (index, (source, diagnostics)) in read_sources(files).into_iter().enumerate() {
        loaded.diagnostics.extend(diagnostics);
        loaded.sources.push(source);
        let source = &loaded.sources[index];
        convert::convert_file(
            source,
            index,
            &mut loaded.plan,
            &mut loaded.spans,
            &mut loaded.diagnostics,
        );
        if !keep_trees {
            loaded.sources[index].tree = std::cell::OnceCell::new();
        }
    }
    loaded
}

/// Builds a one-file plan from a text already parsed into `tree`, which
/// must be the tree [`yaml::parse`] makes of it without findings (as
/// [`Tree::respliced`] gives): the loaded plan is then the one [`load`]
/// makes of the text, without parsing it again. The tree is kept.
pub fn load_parsed(path: String, text: String, bom: bool, tree: Tree) -> Loaded {
    if text.contains('\0') {
        // Not text a tree can have been made of; let the loader say so.
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend_from_slice(text.as_bytes());
        return load(vec![(path, bytes)], true);
    }
    let source = SourceFile {
        path,
        text,
        bom,
        lines: std::cell::OnceCell::new(),
        tree: std::cell::OnceCell::new(),
        parsed: true,
    };
    let _ = source.tree.set(Some(tree));
    let mut loaded = Loaded {
        sources: vec![source],
        plan: Plan::default(),
        spans: SpanTable::default(),
        diagnostics: Vec::new(),
    };
    convert::convert_file(
        &loaded.sources[0],
        0,
        &mut loaded.plan,
        &mut loaded.spans,
        &mut loaded.diagnostics,
    );
    loaded
}

/// Decodes and parses every file, each with its diagnostics, in order. A
/// plan set of several files larger than a few hundred kilobytes in all is
/// parsed on as many threads as there are cores (the parse is most of a
/// load); the files are then converted one after another, in order.
fn read_sources(files: Vec<(String, Vec<u8>)>) -> Vec<(SourceFile, Vec<Diagnostic>)> {
    const PARALLEL_FROM_BYTES: usize = 256 * 1024;
    let read = |index: usize, (path, bytes): (String, Vec<u8>)| {
        let mut diagnostics = Vec::new();
        let source = read_source(path, bytes, index, &mut diagnostics);
        (source, diagnostics)
    };
    let total: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len());
    if threads < 2 || total < PARALLEL_FROM_BYTES {
        return files
            .into_iter()
            .enumerate()
            .map(|(index, file)| read(index, file))
            .collect();
    }
    // Each worker takes the next file until none is left.
    let count = files.len();
    let queue = std::sync::Mutex::new(files.into_iter().enumerate());
    let mut done: Vec<(usize, (SourceFile, Vec<Diagnostic>))> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = match queue.lock() {
                            Ok(mut queue) => queue.next(),
                            Err(poisoned) => poisoned.into_inner().next(),
                        };
                        let Some((index, file)) = next else {
                            return out;
                        };
                        out.push((index, read(index, file)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(out) => out,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    debug_assert_eq!(done.len(), count);
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, read)| read).collect()
}

/// Decodes and parses one file; syntax problems become diagnostics.
fn read_source(
    path: String,
    bytes: Vec<u8>,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> SourceFile {
    let mut source = decode(path, bytes, index, diagnostics);
    if source.tree.get().is_none() {
        let tree = yaml::parse(&source.text, index, diagnostics);
        source.set_tree(tree);
    }
    source
}

/// Decodes one file's bytes into text. A file that is not text (invalid
/// UTF-8, a NUL byte) gets its diagnostic and is marked as not parsed;
/// otherwise the tree is left for the caller to build.
fn decode(
    path: String,
    bytes: Vec<u8>,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> SourceFile {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = bytes.starts_with(BOM);
    let (text, bad_byte) = match String::from_utf8(bytes) {
        Ok(mut text) => {
            if bom {
                text.drain(..BOM.len());
            }
            (text, None)
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let mut text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // The lossy text keeps the valid prefix byte for byte, so the
            // offset of the first bad byte is the same in both.
            let mut at = valid;
            if bom {
                text.drain(..BOM.len());
                at -= BOM.len();
            }
            (text, Some(at))
        }
    };
    let source = SourceFile {
        path,
        text,
        bom,
        lines: std::cell::OnceCell::new(),
        tree: std::cell::OnceCell::new(),
        parsed: false,
    };
    let unparsable = |source: SourceFile| {
        let _ = source.tree.set(None);
        source
    };
    if let Some(at) = bad_byte {
        diagnostics.push(
            Diagnostic::new(Code::YamlSyntax, index, at..at, Check::NotUtf8).with_help(Help::Utf8),
        );
        return unparsable(source);
    }
    if let Some(at) = source.text.find('\0') {
        diagnostics.push(
            Diagnostic::new(Code::YamlSyntax, index, at..at + 1, Check::NulByte)
                .with_help(Help::Binary),
        );
        return unparsable(source);
    }
    if let Some(conflict) = conflict::find(&source.text) {
        let mut diagnostic = Diagnostic::new(
            Code::MergeConflict,
            index,
            conflict.first,
            Check::MergeConflict {
                count: conflict.count,
            },
        )
        .with_help(Help::ResolveConflict);
        for (span, label) in conflict.rest {
            diagnostic = diagnostic.with_label(index, span, label);
        }
        diagnostics.push(diagnostic);
        return unparsable(source);
    }
    source
}

impl Loaded {
    /// The node's file, its tree (rebuilt if dropped) and its YAML node.
    /// A plan node exists only if its file parsed, so the tree is there.
    fn tree_of(&self, node: NodeId) -> Option<(&SourceFile, &Tree, NodeIdx)> {
        let source = &self.sources[self.plan.node(node).file as usize];
        Some((source, source.tree()?, self.spans.nodes[node as usize]))
    }

    /// Where a node is: its first key, or the text of a plain-string node.
    pub fn node_span(&self, node: NodeId) -> Range<usize> {
        let start = self.spans.starts[node as usize] as usize;
        let Some((_, tree, yaml)) = self.tree_of(node) else {
            return start..start;
        };
        match tree.kind(yaml) {
            Kind::Mapping => tree
                .children(yaml)
                .next()
                .map_or_else(|| tree.span(yaml), |key| tree.span(key)),
            _ => tree.span(yaml),
        }
    }

    /// The span of a field's value on a node, if the node writes it.
    pub fn value_span(&self, node: NodeId, field: &str) -> Option<Range<usize>> {
        let (source, tree, yaml) = self.tree_of(node)?;
        tree.get(&source.text, yaml, field)
            .map(|(_, value)| tree.span(value))
    }

    /// The YAML node a plan node was read from, in its file's tree.
    pub fn yaml_node(&self, node: NodeId) -> NodeIdx {
        self.spans.nodes[node as usize]
    }

    /// The spans of every usable entry of a list field, in one walk.
    pub fn entry_spans(&self, node: NodeId, field: &str) -> Vec<Range<usize>> {
        let Some((source, tree, yaml)) = self.tree_of(node) else {
            return Vec::new();
        };
        let Some((_, list)) = tree.get(&source.text, yaml, field) else {
            return Vec::new();
        };
        convert::list_entries(tree, &source.text, list)
            .map(|entry| tree.span(entry))
            .collect()
    }

    /// The 1-based line of a node's first key or text, as scripts see it;
    /// needs no tree.
    pub fn node_line(&self, node: NodeId) -> usize {
        let file = self.plan.node(node).file as usize;
        self.sources[file]
            .line_col(self.spans.starts[node as usize] as usize)
            .line
    }
}

#[cfg(test)]
mod tests {
    use super::load;

    /// A valid plan of `tasks` leaves with ids `{prefix}-N`.
    fn plan(prefix: &str, tasks: usize) -> Vec<u8> {
        let mut text = String::from("wbs: 1\ntitle: T\ntasks:\n");
        for n in 0..tasks {
            text.push_str(&format!(
                "  - id: {prefix}-{n}\n    title: 任务 {n}\n    effort: 1d\n"
            ));
        }
        text.into_bytes()
    }

    #[test]
    fn a_big_plan_set_loads_in_parallel_in_file_order() {
        // Over the threshold in all, so the files are parsed on threads.
        let files = vec![
            ("a.yaml".to_owned(), plan("a", 3000)),
            ("b.yaml".to_owned(), b"wbs: 1\ntitle: [broken\n".to_vec()),
            ("c.yaml".to_owned(), plan("c", 3000)),
            (
                "d.yaml".to_owned(),
                b"wbs: 1\ntitle: D\ntasks:\n  - id: a-1\n    title: dup\n".to_vec(),
            ),
        ];
        assert!(files.iter().map(|(_, b)| b.len()).sum::<usize>() > 256 * 1024);
        let loaded = load(files, false);
        let paths: Vec<&str> = loaded.sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
        assert_eq!(loaded.plan.nodes.len(), 6001);
        assert_eq!(loaded.plan.id_of(0), Some("a-0"));
        assert_eq!(loaded.plan.id_of(3000), Some("c-0"));
        // The syntax error of b.yaml, and the files' diagnostics in order.
        let files: Vec<usize> = loaded.diagnostics.iter().map(|d| d.file).collect();
        assert!(files.windows(2).all(|w| w[0] <= w[1]), "{files:?}");
        assert_eq!(files.first(), Some(&1), "{:?}", loaded.diagnostics);
    }
}
