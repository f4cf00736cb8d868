//! Random sequences of edits on the real plans, checked after each edit:
//! the result parses cleanly, the edited key reads back as intended, every
//! other scalar is unchanged, and every byte outside the patches is kept.

use std::collections::BTreeMap;

use super::{assert_untouched, tree};
use crate::edit::{apply, insert_key, remove_key, scalar, set_value};
use crate::fuzz::Rng;
use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

const VALUES: &[&str] = &[
    "done",
    "in-progress",
    "Set up CI",
    "设计评审 🚀",
    "40",
    "2026-10-01",
    "yes",
    "null",
    "",
    "a: b",
    "x #y",
    "# c",
    "it's",
    "say \"hi\"",
    "a, b",
    "[x]",
    "{y}",
    " pad ",
    "line\nbreak",
    "tab\tx",
    "-",
    "- item",
    "|",
    "1_000",
    "0x1F",
    ".inf",
    "back\\slash",
];

const KEYS: &[&str] = &[
    "x-new",
    "status",
    "due",
    "中文键",
    "yes",
    "a b",
    "k:v",
    "x,y",
    "-k",
];

/// Every scalar of the document by path (keys and indices joined by a
/// separator that no plan uses).
fn flatten(source: &str, tree: &Tree) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![(tree.root().unwrap_or(0), String::new())];
    while let Some((node, path)) = stack.pop() {
        match tree.kind(node) {
            Kind::Mapping => {
                for (k, v) in tree.entries(node) {
                    stack.push((v, format!("{path}\u{1}{}", tree.text(source, k))));
                }
            }
            Kind::Sequence => {
                for (i, c) in tree.children(node).enumerate() {
                    stack.push((c, format!("{path}\u{1}{i}")));
                }
            }
            _ => {
                out.insert(path, tree.text(source, node).to_owned());
            }
        }
    }
    out
}

/// The path of a mapping node: child positions from the root.
fn path_to(tree: &Tree, target: NodeIdx) -> Vec<usize> {
    let mut path = Vec::new();
    let mut node = tree.root().unwrap_or(0);
    while node != target {
        let (i, child) = tree
            .children(node)
            .enumerate()
            .take_while(|&(_, c)| c <= target)
            .last()
            .expect("target inside");
        path.push(i);
        node = child;
    }
    path
}

/// The key path string of a mapping node, as [`flatten`] writes it.
fn key_path(source: &str, tree: &Tree, positions: &[usize]) -> (NodeIdx, String) {
    let mut node = tree.root().unwrap_or(0);
    let mut path = String::new();
    for &i in positions {
        let child = tree.children(node).nth(i).expect("path exists");
        match tree.kind(node) {
            Kind::Mapping => {
                let key = tree.children(node).nth(i - 1).expect("key");
                path = format!("{path}\u{1}{}", tree.text(source, key));
            }
            _ => path = format!("{path}\u{1}{i}"),
        }
        node = child;
    }
    (node, path)
}

fn run(name: &str, original: &str, seed: u64, edits: usize) -> usize {
    let mut rng = Rng(seed);
    let mut source = original.trim_start_matches('\u{feff}').to_owned();
    let mut done = 0;
    for step in 0..edits {
        let t = tree(&source);
        let maps: Vec<NodeIdx> = (0..t.len() as NodeIdx)
            .filter(|&n| t.kind(n) == Kind::Mapping)
            .collect();
        let map = maps[rng.below(maps.len())];
        let (map, map_path) = key_path(&source, &t, &path_to(&t, map));
        let flow = t.style(map) == Style::Flow;
        let keys: Vec<String> = t
            .entries(map)
            .map(|(k, _)| t.text(&source, k).to_owned())
            .collect();
        let before = flatten(&source, &t);
        let mut expected = before.clone();
        // Inserts and scalar changes outnumber removals and collapsing a
        // collection, so the plans keep their shape for many edits.
        let op = [0, 0, 0, 1, 2, 2][rng.below(6)];
        let value = rng.pick(VALUES);
        let (patches, key) = if op == 0 && !keys.is_empty() {
            // Mostly a scalar value; now and then a collection, which
            // collapses to the scalar.
            let scalars: Vec<&String> = keys
                .iter()
                .filter(|k| {
                    t.get(&source, map, k)
                        .is_some_and(|(_, v)| t.kind(v) == Kind::Scalar)
                })
                .collect();
            let key = if rng.below(10) > 0 && !scalars.is_empty() {
                scalars[rng.below(scalars.len())].clone()
            } else {
                keys[rng.below(keys.len())].clone()
            };
            let (_, v) = t.get(&source, map, &key).expect("key");
            let style = if t.kind(v) == Kind::Scalar {
                t.style(v)
            } else {
                Style::Plain
            };
            let text = scalar::render(value, style, flow);
            (set_value(&source, &t, map, &key, &text), key)
        } else if op == 1 && keys.len() > 1 {
            let key = keys[rng.below(keys.len())].clone();
            (remove_key(&source, &t, map, &key), key)
        } else {
            let key = format!("{}{step}", rng.pick(KEYS));
            let text = scalar::render(value, Style::Plain, flow);
            (insert_key(&source, &t, map, &key, &text), key)
        };
        let context = format!("{name} step {step} op {op} key {key:?} value {value:?}");
        let patches = patches.unwrap_or_else(|e| panic!("{context}: {e}"));
        let full = format!("{map_path}\u{1}{key}");
        expected.retain(|path, _| path != &full && !path.starts_with(&format!("{full}\u{1}")));
        if op != 1 || keys.len() <= 1 {
            expected.insert(full.clone(), value.to_owned());
        }
        let result = apply(&source, patches.clone()).unwrap_or_else(|e| panic!("{context}: {e}"));
        let mut diagnostics = Vec::new();
        let Some(new_tree) = crate::source::yaml::parse(&result, 0, &mut diagnostics) else {
            panic!("{context}: {diagnostics:?}\n{result}");
        };
        assert!(
            diagnostics.is_empty(),
            "{context}: {diagnostics:?}\n{result}"
        );
        assert_untouched(&source, &patches, &result);
        if source.contains("\r\n") {
            assert_eq!(
                result.matches('\n').count(),
                result.matches("\r\n").count(),
                "{context}"
            );
        }
        let after = flatten(&result, &new_tree);
        if after != expected {
            let diff: Vec<_> = after
                .iter()
                .filter(|(k, v)| expected.get(*k) != Some(v))
                .chain(expected.iter().filter(|(k, v)| after.get(*k) != Some(v)))
                .collect();
            panic!("{context}: {diff:?}\n{result}");
        }
        source = result;
        done += 1;
    }
    done
}

#[test]
fn random_edits_keep_everything_else() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut files = vec![format!("{dir}/plans/programme.yaml")];
    let mut fixtures: Vec<_> = std::fs::read_dir(format!("{dir}/tests/fixtures/valid"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    fixtures.sort();
    files.extend(fixtures);
    let mut total = 0;
    for (i, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("readable");
        for round in 0..16 {
            total += run(
                file,
                &text,
                0x9e37_79b9_7f4a_7c15 ^ (i as u64 * 31 + round),
                25,
            );
        }
    }
    assert!(total >= 3000, "{total} edits");
}
