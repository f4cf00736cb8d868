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
        self.source
            .tree
            .get()
            .is_none()
            .then_some(&self.source.text)
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

/// A part of a plan's text cut where a task starts (see
/// [`super::yaml::parts::cuts`]), parsed and converted on its own, for a
/// cache keyed by the part's text: a new version of a big file then costs
/// the parts that changed, not the whole file. Positions in it count from
/// the part's start.
#[derive(Debug)]
pub struct LoadedPart {
    tree: Tree,
    plan: Plan,
    spans: SpanTable,
    diagnostics: Vec<Diagnostic>,
}

impl LoadedPart {
    /// The first part of a plan's text: the plan with its first tasks.
    /// `None` when it does not parse cleanly (the file is then read whole).
    pub fn head(text: &str) -> Option<LoadedPart> {
        let mut diagnostics = Vec::new();
        let tree = super::yaml::parse_whole(text, 0, &mut diagnostics)?;
        if !diagnostics.is_empty() {
            return None;
        }
        let source = SourceFile {
            path: String::new(),
            text: text.to_owned(),
            bom: false,
            lines: std::cell::OnceCell::new(),
            tree: std::cell::OnceCell::from(Some(tree)),
            parsed: true,
        };
        let mut plan = Plan::default();
        let mut spans = SpanTable::default();
        convert::convert_file(&source, 0, &mut plan, &mut spans, &mut diagnostics);
        Some(LoadedPart {
            tree: source.tree.into_inner().flatten()?,
            plan,
            spans,
            diagnostics,
        })
    }

    /// A later part: a block list of tasks, read as top-level tasks (the
    /// join places them at their depth). `None` when it does
    /// not parse cleanly.
    pub fn tasks(text: &str) -> Option<LoadedPart> {
        let mut diagnostics = Vec::new();
        let tree = super::yaml::parse_whole(text, 0, &mut diagnostics)?;
        if !diagnostics.is_empty() {
            return None;
        }
        let mut plan = Plan::default();
        let mut spans = SpanTable::default();
        convert::convert_tasks(&tree, text, 0, &mut plan, &mut spans, &mut diagnostics);
        Some(LoadedPart {
            tree,
            plan,
            spans,
            diagnostics,
        })
    }
}

impl Decoded {
    /// Loads the file from its parts: the head first, then each tasks part
    /// with the byte offset and depth of its cut (see
    /// [`super::yaml::parts::cuts`]). The decoded file back when the parts
    /// do not join into the file's tree (the caller then reads it whole).
    pub fn load_parts(
        self,
        head: &LoadedPart,
        parts: &[(&LoadedPart, usize, u32)],
    ) -> Result<LoadedFile, Box<Decoded>> {
        let trees: Vec<(&Tree, usize, u32)> = parts
            .iter()
            .map(|&(part, at, depth)| (&part.tree, at, depth))
            .collect();
        let joined = super::yaml::parts::join(&self.source.text, head.tree.clone(), &trees);
        let Some(tree) = joined else {
            return Err(Box::new(self));
        };
        // Offsets fit: the tree joined, so every part was placed in 32 bits.
        let mut plan = head.plan.clone();
        let mut spans = SpanTable {
            nodes: head.spans.nodes.clone(),
            starts: head.spans.starts.clone(),
        };
        let mut diagnostics = self.diagnostics.clone();
        diagnostics.extend(head.diagnostics.iter().cloned());
        // Each part's YAML nodes follow the nodes so far, its list (node 0)
        // left out, as the join placed them.
        let mut yaml_nodes = head.tree.len() as u32;
        for &(part, at, depth) in parts {
            let base = yaml_nodes - 1;
            let offset = at as u32;
            // The tree joined, so the open edge holds a task at each depth
            // above the part's.
            if !plan.graft_tasks(&part.plan, depth) {
                return Err(Box::new(self));
            }
            spans
                .nodes
                .extend(part.spans.nodes.iter().map(|&n| n + base));
            spans
                .starts
                .extend(part.spans.starts.iter().map(|&s| s + offset));
            diagnostics.extend(part.diagnostics.iter().map(|d| {
                let mut d = d.clone();
                d.span = d.span.start + at..d.span.end + at;
                for label in &mut d.labels {
                    label.span = label.span.start + at..label.span.end + at;
                }
                d
            }));
            yaml_nodes += part.tree.len() as u32 - 1;
        }
        let source = self.source;
        for file in &mut plan.files {
            file.path.clone_from(&source.path);
        }
        Ok(LoadedFile {
            path: source.path,
            text: source.text,
            bom: source.bom,
            tree: Some(tree),
            parsed: true,
            plan,
            spans,
            diagnostics,
        })
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
        Decoded::new(path.to_owned(), text.as_bytes().to_vec())
            .load(|text, found| super::super::yaml::parse(text, 0, found))
    }

    /// A plan as plain values, whatever the layout of its string arena.
    fn view(plan: &Plan) -> Vec<String> {
        let mut out: Vec<String> = plan.files.iter().map(|f| format!("{f:?}")).collect();
        out.extend(plan.ids().map(|id| {
            let n = plan.node(id);
            format!(
                "{} {:?} {} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                n.file,
                n.parent,
                n.end,
                n.position,
                n.level,
                plan.id_of(id),
                plan.title(id),
                plan.own_owner(id),
                n.status,
                n.progress,
                n.start,
                n.due,
                n.effort_hours,
                plan.list(n.tags).collect::<Vec<_>>(),
                plan.list(n.after).collect::<Vec<_>>(),
                plan.notes(id),
            )
        }));
        out
    }

    #[test]
    fn a_file_joined_from_its_parts_is_the_file_loaded_at_once() {
        let bytes = crate::edit::transaction_tests::generator::generate(600, 5).unwrap_or_default();
        let mut text = String::from_utf8(bytes).unwrap_or_default();
        // A problem in a later part, found by conversion and kept with its
        // place: an unknown field.
        let items = super::super::yaml::top_items(&text).expect("top-level tasks");
        let at = items[items.len() - 2];
        let line_end = at + text[at..].find('\n').expect("a line");
        text.insert_str(line_end, "\n    colour: blue");
        // Every fourth cut, at any depth, and the cuts that keep each part
        // to one list.
        let all = super::super::yaml::parts::cuts(&text).expect("cuts");
        let mut chosen = Vec::new();
        let mut depth = 0;
        for (i, cut) in all.iter().enumerate() {
            if i % 4 == 0 || cut.depth < depth {
                chosen.push(*cut);
                depth = cut.depth;
            }
        }
        assert!(chosen.iter().any(|c| c.depth > 1));
        let ends = chosen.iter().map(|c| c.at).chain([text.len()]);
        let head = LoadedPart::head(&text[..chosen[0].at]).expect("a clean head");
        let parts: Vec<LoadedPart> = chosen
            .iter()
            .zip(ends.skip(1))
            .map(|(cut, end)| LoadedPart::tasks(&text[cut.at..end]).expect("a clean part"))
            .collect();
        let placed: Vec<(&LoadedPart, usize, u32)> = parts
            .iter()
            .zip(&chosen)
            .map(|(part, cut)| (part, cut.at, cut.depth))
            .collect();
        let joined = Decoded::new("p.yaml".into(), text.clone().into_bytes())
            .load_parts(&head, &placed)
            .map_err(|_| "does not join")
            .expect("joins");
        let whole = load_one("p.yaml", &text);
        assert_eq!(view(&joined.plan), view(&whole.plan));
        assert_eq!(joined.spans.nodes, whole.spans.nodes);
        assert_eq!(joined.spans.starts, whole.spans.starts);
        let sorted = |file: &LoadedFile| {
            let mut d = file.diagnostics.clone();
            d.sort_by_key(|d| (d.span.start, d.code));
            d
        };
        assert_eq!(sorted(&joined), sorted(&whole));
        assert_eq!(joined.diagnostics.len(), 1, "{:?}", joined.diagnostics);
        assert_eq!(
            joined.tree.as_ref().map(Tree::len),
            whole.tree.as_ref().map(Tree::len)
        );
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
            (
                "d.yaml",
                "\u{feff}wbs: 1\ntitle: D\ntasks:\n  - title: \"\\u00e9\"\n",
            ),
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
            assert_eq!(
                (&a.path, &a.text, a.bom, a.parsed),
                (&b.path, &b.text, b.bom, b.parsed)
            );
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
