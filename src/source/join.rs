//! Plan sets put together from files loaded one at a time: for a caller
//! that loads many versions of a set (`wbs history`), where most files are
//! the same from one version to the next, so each distinct file is decoded,
//! parsed and converted once and then joined into every set that holds it.
//!
//! A set joined here equals the set [`super::load`] reads at once with
//! `keep_trees`: the same plan, spans, diagnostics and trees.

use super::yaml::Tree;
use super::{Loaded, SourceFile, SpanTable, convert, decode};
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// One file's text, decoded but not parsed yet.
#[derive(Debug)]
pub struct Decoded {
    source: SourceFile,
    diagnostics: Vec<Diagnostic>,
}

impl Decoded {
    /// Decodes a file's bytes (byte-order mark, UTF-8, no NUL byte).
    pub fn new(path: String, bytes: Vec<u8>) -> Decoded {
        let mut diagnostics = Vec::new();
        let source = decode(path, bytes, 0, &mut diagnostics);
        Decoded {
            source,
            diagnostics,
        }
    }

    /// The text to parse; `None` when the bytes are not text (the
    /// diagnostic says why).
    pub fn text(&self) -> Option<&str> {
        self.source.tree.get().is_none().then_some(&self.source.text)
    }

    /// Parses the text with `parse` (given the text and where to put what
    /// it finds) and converts it to a plan of this one file.
    pub fn load(
        mut self,
        parse: impl FnOnce(&str, &mut Vec<Diagnostic>) -> Option<Tree>,
    ) -> LoadedFile {
        if self.source.tree.get().is_none() {
            let tree = parse(&self.source.text, &mut self.diagnostics);
            self.source.set_tree(tree);
        }
        let mut plan = Plan::default();
        let mut spans = SpanTable::default();
        convert::convert_file(
            &self.source,
            0,
            &mut plan,
            &mut spans,
            &mut self.diagnostics,
        );
        let source = self.source;
        LoadedFile {
            tree: source.tree.into_inner().flatten(),
            path: source.path,
            text: source.text,
            bom: source.bom,
            parsed: source.parsed,
            plan,
            spans,
            diagnostics: self.diagnostics,
        }
    }
}

/// One file loaded as a plan set of its own, ready to be joined with
/// others: its text, tree, plan, spans and what reading it found. Plain
/// data, so threads can share it.
#[derive(Debug)]
pub struct LoadedFile {
    path: String,
    text: String,
    bom: bool,
    tree: Option<Tree>,
    parsed: bool,
    plan: Plan,
    spans: SpanTable,
    diagnostics: Vec<Diagnostic>,
}

impl LoadedFile {
    /// The file's text (after any byte-order mark).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The plan set of `files`, in order, as [`super::load`] would read it
/// (with its trees kept): file indices, node ids and strings renumbered.
pub fn join(files: &[&LoadedFile]) -> Loaded {
    let mut loaded = Loaded {
        sources: Vec::with_capacity(files.len()),
        plan: Plan::default(),
        spans: SpanTable::default(),
        diagnostics: Vec::new(),
    };
    let nodes: usize = files.iter().map(|f| f.plan.nodes.len()).sum();
    loaded.spans.nodes.reserve(nodes);
    loaded.spans.starts.reserve(nodes);
    for (index, file) in files.iter().enumerate() {
        loaded.sources.push(SourceFile {
            path: file.path.clone(),
            text: file.text.clone(),
            bom: file.bom,
            lines: std::cell::OnceCell::new(),
            tree: std::cell::OnceCell::from(file.tree.clone()),
            parsed: file.parsed,
        });
        loaded.plan.append(&file.plan);
        loaded.spans.nodes.extend_from_slice(&file.spans.nodes);
        loaded.spans.starts.extend_from_slice(&file.spans.starts);
        loaded
            .diagnostics
            .extend(file.diagnostics.iter().map(|diagnostic| {
                let mut diagnostic = diagnostic.clone();
                diagnostic.file += index;
                for label in &mut diagnostic.labels {
                    label.file += index;
                }
                diagnostic
            }));
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::derive::{Clock, derive};

    fn load_one(path: &str, text: &str) -> LoadedFile {
        Decoded::new(path.to_owned(), text.as_bytes().to_vec()).load(|text, found| {
            super::super::yaml::parse(text, 0, found)
        })
    }

    #[test]
    fn a_joined_set_is_the_set_loaded_at_once() {
        let files = [
            (
                "a.yaml",
                "wbs: 1\ntitle: A\npeople: {ana: {}}\ntasks:\n  - id: a\n    title: A\n    owner: ana\n    tags: [x, y]\n    tasks:\n      - id: a1\n        title: A1\n        after: [b1]\n      - Plain\n",
            ),
            ("b.yaml", "wbs: 1\ntitle: [broken\n"),
            (
                "c.yaml",
                "wbs: 1\ntitle: C\npeople: {li: {}}\ndefaults: {effort: 2d}\ntasks:\n  - id: b1\n    title: B1\n    owner: nobody\n    notes: n\n    after: [a]\n  - id: a\n    title: dup\n",
            ),
            ("d.yaml", "\u{feff}wbs: 1\ntitle: D\ntasks:\n  - title: \"\\u00e9\"\n"),
            ("e.yaml", "wbs: 1\ntitle: E\0\n"),
        ];
        let whole = super::super::load(
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
            true,
        );
        let parts: Vec<LoadedFile> = files.iter().map(|(p, t)| load_one(p, t)).collect();
        let joined = join(&parts.iter().collect::<Vec<_>>());
        assert_eq!(joined.plan, whole.plan);
        assert_eq!(joined.spans.nodes, whole.spans.nodes);
        assert_eq!(joined.spans.starts, whole.spans.starts);
        assert_eq!(joined.diagnostics, whole.diagnostics);
        assert!(!joined.diagnostics.is_empty());
        for (a, b) in joined.sources.iter().zip(&whole.sources) {
            assert_eq!((&a.path, &a.text, a.bom, a.parsed), (&b.path, &b.text, b.bom, b.parsed));
            let len = |s: &SourceFile| s.tree().map(Tree::len);
            assert_eq!(len(a), len(b));
        }
        // Validation then finds the same problems across files.
        let clock = Clock::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        let (mut joined, mut whole) = (joined, whole);
        for loaded in [&mut joined, &mut whole] {
            let derived = derive(&loaded.plan, clock);
            crate::validate::validate(loaded, &derived);
        }
        assert_eq!(joined.diagnostics, whole.diagnostics);
        let codes: Vec<&str> = joined.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"duplicate-id"), "{codes:?}");
        assert!(codes.contains(&"unknown-owner"), "{codes:?}");
    }
}
