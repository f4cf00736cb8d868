//! Tests of the edits on small plans: exact output, a clean re-parse, and
//! every byte outside the patches unchanged.

use super::*;
use crate::source::yaml::{NodeIdx, Style, Tree, parse};

mod list;
mod random;

pub(super) fn tree(source: &str) -> Tree {
    let mut diagnostics = Vec::new();
    let tree = parse(source, 0, &mut diagnostics).unwrap_or_else(|| panic!("{source}"));
    assert!(diagnostics.is_empty(), "{source}\n{diagnostics:?}");
    tree
}

/// Applies `patches`, checks the result parses cleanly and that the bytes
/// between patches are the source's, and returns it.
pub(super) fn check(source: &str, patches: Vec<Patch>) -> String {
    let result = apply(source, patches.clone()).expect("patches apply");
    tree(&result);
    assert_untouched(source, &patches, &result);
    result
}

pub(super) fn assert_untouched(source: &str, patches: &[Patch], result: &str) {
    let mut sorted = patches.to_vec();
    sorted.sort_by_key(|p| (p.range.start, p.range.end));
    let (mut from, mut to) = (0, 0);
    for p in &sorted {
        let len = p.range.start - from;
        assert_eq!(&result[to..to + len], &source[from..p.range.start]);
        to += len + p.text.len();
        from = p.range.end;
    }
    assert_eq!(&result[to..], &source[from..]);
}

/// The node at the end of a path of keys (for mappings) and indices (for
/// lists) from the root.
pub(super) fn at(source: &str, tree: &Tree, path: &[&str]) -> NodeIdx {
    let mut node = tree.root().unwrap();
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) => tree.children(node).nth(i).unwrap(),
            Err(_) => tree.get(source, node, step).unwrap().1,
        };
    }
    node
}

fn set(source: &str, path: &[&str], key: &str, text: &str) -> String {
    let t = tree(source);
    check(
        source,
        set_value(source, &t, at(source, &t, path), key, text).unwrap(),
    )
}

fn insert(source: &str, path: &[&str], key: &str, text: &str) -> String {
    let t = tree(source);
    check(
        source,
        insert_key(source, &t, at(source, &t, path), key, text).unwrap(),
    )
}

fn remove(source: &str, path: &[&str], key: &str) -> String {
    let t = tree(source);
    check(
        source,
        remove_key(source, &t, at(source, &t, path), key).unwrap(),
    )
}

fn read(source: &str, path: &[&str]) -> String {
    let t = tree(source);
    t.text(source, at(source, &t, path)).to_owned()
}

const PLAN: &str = "\
# plan
wbs: 1
title: Website   # the name
tasks:
  - id: design
    title: 'Design'
    owner: ana          # lead
    notes: |
      Two lines
      of notes.
    tasks:
      - Set up CI       # plain
      - {title: 设计评审, status: done}

  # The build phase.
  - id: build
    title: \"构建\"
    after: [design]
";

#[test]
fn set_plain_keeps_the_trailing_comment() {
    let out = set(PLAN, &[], "title", "Relaunch");
    assert_eq!(
        out,
        PLAN.replace("title: Website   #", "title: Relaunch   #")
    );
    let out = set(
        PLAN,
        &["tasks", "0"],
        "owner",
        &scalar::render("李雷", Style::Plain, false),
    );
    assert!(out.contains("    owner: 李雷          # lead\n"));
}

#[test]
fn set_keeps_quoting() {
    let text = scalar::render("Design's", Style::SingleQuoted, false);
    let out = set(PLAN, &["tasks", "0"], "title", &text);
    assert!(out.contains("    title: 'Design''s'\n"));
    assert_eq!(read(&out, &["tasks", "0", "title"]), "Design's");
    let out = set(
        PLAN,
        &["tasks", "1"],
        "title",
        &scalar::render("构建 v2", Style::DoubleQuoted, false),
    );
    assert!(out.contains("    title: \"构建 v2\"\n"));
}

#[test]
fn set_replaces_a_block_scalar_on_the_key_line() {
    let out = set(PLAN, &["tasks", "0"], "notes", "short");
    assert_eq!(
        out,
        PLAN.replace(
            "notes: |\n      Two lines\n      of notes.\n",
            "notes: short\n"
        )
    );
    let source = "a:\n  n: >-  # folded\n    one\n    two\n  m: 1\n";
    let out = set(source, &["a"], "n", "x");
    assert_eq!(out, "a:\n  n: x  # folded\n  m: 1\n");
    let source = "n: |\n  one\n  two";
    assert_eq!(set(source, &[], "n", "x"), "n: x");
}

#[test]
fn set_replaces_collections() {
    let out = set(PLAN, &["tasks", "0"], "tasks", "[]");
    assert!(
        out.contains("    tasks: []\n\n  # The build phase.\n"),
        "{out}"
    );
    let out = set(PLAN, &["tasks", "1"], "after", "[]");
    assert!(out.ends_with("    after: []\n"));
    let source = "a: 1\nb:   # list\n  - x\n  - y\nc: 3\n";
    assert_eq!(set(source, &[], "b", "z"), "a: 1\nb: z   # list\nc: 3\n");
    let source = "a: {x: 1, y: [1, 2]}\n";
    assert_eq!(set(source, &["a"], "y", "3"), "a: {x: 1, y: 3}\n");
}

#[test]
fn set_fills_an_empty_value() {
    assert_eq!(set("a:\nb: 1\n", &[], "a", "2"), "a: 2\nb: 1\n");
    assert_eq!(set("a: # c\nb: 1\n", &[], "a", "2"), "a: 2 # c\nb: 1\n");
    assert_eq!(set("{a: , b: 1}", &[], "a", "2"), "{a: 2 , b: 1}");
    assert_eq!(set("{a, b: 1}", &[], "a", "2"), "{a: 2, b: 1}");
}

#[test]
fn set_in_crlf_and_flow() {
    let source = "a: 1\r\nb: {x: y}\r\n";
    assert_eq!(
        set(source, &["b"], "x", "\"a, b\""),
        "a: 1\r\nb: {x: \"a, b\"}\r\n"
    );
    let source = "a: |\r\n  t\r\n  u\r\nb: 2\r\n";
    assert_eq!(set(source, &[], "a", "v"), "a: v\r\nb: 2\r\n");
}

#[test]
fn set_errors() {
    let t = tree(PLAN);
    assert_eq!(
        set_value(PLAN, &t, 0, "nope", "1"),
        Err(EditError::MissingKey("nope".into()))
    );
    assert_eq!(
        set_value(PLAN, &t, 0, "title", "a\nb"),
        Err(EditError::NotOneLine)
    );
    let tasks = at(PLAN, &t, &["tasks"]);
    assert_eq!(
        set_value(PLAN, &t, tasks, "x", "1"),
        Err(EditError::NotAMapping)
    );
    assert!(!EditError::NotOneLine.to_string().is_empty());
}

#[test]
fn insert_into_block_mappings() {
    // A task's own keys go before its `tasks:`, after a block scalar.
    let out = insert(PLAN, &["tasks", "0"], "status", "done");
    assert!(
        out.contains("      of notes.\n    status: done\n    tasks:\n"),
        "{out}"
    );
    let out = insert(PLAN, &["tasks", "1"], "due", "2026-10-01");
    assert!(out.ends_with("    after: [design]\n    due: 2026-10-01\n"));
    // The plan's own keys too.
    let out = insert(PLAN, &[], "x-note", "");
    assert!(
        out.contains("title: Website   # the name\nx-note:\ntasks:\n"),
        "{out}"
    );
    let out = insert("a: 1  # c\n# trailing\n", &[], "yes", "x");
    assert_eq!(out, "a: 1  # c\n\"yes\": x\n# trailing\n");
    assert_eq!(
        insert("a: |\n  t\nb:", &[], "c", "1"),
        "a: |\n  t\nb:\nc: 1"
    );
    assert_eq!(insert("a: |\n  t\n", &[], "c", "1"), "a: |\n  t\nc: 1\n");
}

#[test]
fn insert_into_flow_mappings() {
    let out = insert(PLAN, &["tasks", "0", "tasks", "1"], "due", "2026-10-01");
    assert!(out.contains("{title: 设计评审, status: done, due: 2026-10-01}"));
    assert_eq!(insert("a: {}\n", &["a"], "b", "1"), "a: {b: 1}\n");
    assert_eq!(insert("a: { }\n", &["a"], "b", "1"), "a: { b: 1 }\n");
    assert_eq!(insert("a: {x: }\n", &["a"], "b", "1"), "a: {x:, b: 1 }\n");
    assert_eq!(
        insert("a: {x: 1, }\n", &["a"], "b c", "1"),
        "a: {x: 1, b c: 1, }\n"
    );
    assert_eq!(
        insert("a: {x: 1}\n", &["a"], "k,", "1"),
        "a: {x: 1, \"k,\": 1}\n"
    );
}

#[test]
fn insert_keeps_crlf() {
    let source = "a: 1\r\nb:\r\n  c: 2\r\n";
    assert_eq!(
        insert(source, &["b"], "d", "3"),
        "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n"
    );
}

#[test]
fn insert_refuses_an_existing_key() {
    let t = tree(PLAN);
    assert_eq!(
        insert_key(PLAN, &t, 0, "wbs", "2"),
        Err(EditError::KeyExists("wbs".into()))
    );
}

#[test]
fn remove_from_block_mappings() {
    let out = remove(PLAN, &["tasks", "0"], "owner");
    assert_eq!(out, PLAN.replace("    owner: ana          # lead\n", ""));
    let out = remove(PLAN, &["tasks", "0"], "notes");
    assert_eq!(
        out,
        PLAN.replace("    notes: |\n      Two lines\n      of notes.\n", "")
    );
    let out = remove(PLAN, &["tasks", "0"], "tasks");
    assert!(
        out.contains("      of notes.\n\n  # The build phase.\n"),
        "{out}"
    );
    let out = remove(PLAN, &["tasks", "1"], "after");
    assert!(out.ends_with("    title: \"构建\"\n"));
    assert_eq!(remove("a: 1\nb: 2", &[], "b"), "a: 1");
    assert_eq!(remove("a: 1\r\nb: 2\r\n", &[], "a"), "b: 2\r\n");
    assert_eq!(
        remove("x:\n  a: 1  # c\n", &["x"], "a"),
        "x:\n  {}  # c\n".replace("  # c", "")
    );
}

#[test]
fn remove_a_key_beside_a_dash() {
    let out = remove(PLAN, &["tasks", "0"], "id");
    assert!(out.contains("  - title: 'Design'\n    owner: ana"), "{out}");
    assert_eq!(remove("- a: 1\n", &["0"], "a"), "- {}\n");
    assert_eq!(remove("- a: 1  # c\n  b: 2\n", &["0"], "a"), "- b: 2\n");
}

#[test]
fn remove_from_flow_mappings() {
    let p = &["tasks", "0", "tasks", "1"];
    assert!(remove(PLAN, p, "status").contains("- {title: 设计评审}\n"));
    assert!(remove(PLAN, p, "title").contains("- {status: done}\n"));
    assert_eq!(remove("{a: 1}", &[], "a"), "{}");
    assert_eq!(remove("{a: 1, b: , c: 3}", &[], "b"), "{a: 1 , c: 3}");
    assert_eq!(remove("{a: 1, b: , c: 3}", &[], "c"), "{a: 1, b:}");
}

#[test]
fn plain_item_becomes_a_mapping() {
    let t = tree(PLAN);
    let seq = at(PLAN, &t, &["tasks", "0", "tasks"]);
    let item = at(PLAN, &t, &["tasks", "0", "tasks", "0"]);
    let title = &PLAN[t.span(item)];
    let patches = plain_to_mapping(PLAN, &t, seq, item, title, &[("status", "done")]).unwrap();
    let out = check(PLAN, patches);
    assert!(
        out.contains("      - title: Set up CI       # plain\n        status: done\n      - {"),
        "{out}"
    );
    let patches = plain_to_mapping(PLAN, &t, seq, item, "CI", &[]).unwrap();
    assert!(check(PLAN, patches).contains("      - title: CI       # plain\n"));
    let other = at(PLAN, &t, &["tasks", "0", "tasks", "1"]);
    assert!(plain_to_mapping(PLAN, &t, seq, other, "x", &[]).is_err());
    assert_eq!(
        plain_to_mapping(PLAN, &t, 0, item, "x", &[]),
        Err(EditError::NotASequence)
    );
}

#[test]
fn plain_item_in_flow_and_crlf() {
    let source = "tasks: [a, '测试 b', c]\r\n";
    let t = tree(source);
    let seq = at(source, &t, &["tasks"]);
    let item = at(source, &t, &["tasks", "1"]);
    let patches = plain_to_mapping(
        source,
        &t,
        seq,
        item,
        "'测试 b'",
        &[("status", "done"), ("x-a b", "")],
    )
    .unwrap();
    assert_eq!(
        check(source, patches),
        "tasks: [a, {title: '测试 b', status: done, x-a b:}, c]\r\n"
    );
    let source = "tasks:\r\n- a\r\n- b\r\n";
    let t = tree(source);
    let seq = at(source, &t, &["tasks"]);
    let item = at(source, &t, &["tasks", "0"]);
    let patches = plain_to_mapping(source, &t, seq, item, "a", &[("status", "done")]).unwrap();
    assert_eq!(
        check(source, patches),
        "tasks:\r\n- title: a\r\n  status: done\r\n- b\r\n"
    );
}

#[test]
fn edits_of_different_nodes_combine() {
    let t = tree(PLAN);
    let task = at(PLAN, &t, &["tasks", "0"]);
    let mut patches = set_value(PLAN, &t, task, "owner", "li").unwrap();
    patches.extend(remove_key(PLAN, &t, task, "notes").unwrap());
    // Anchored after the last key that stays, as the editing commands do.
    patches.extend(insert_key_after(PLAN, &t, task, "due", "2026-10-01", &["notes"]).unwrap());
    patches.extend(set_value(PLAN, &t, 0, "title", "New").unwrap());
    let out = check(PLAN, patches);
    assert_eq!(read(&out, &["tasks", "0", "due"]), "2026-10-01");
    assert_eq!(read(&out, &["tasks", "0", "owner"]), "li");
    assert!(!out.contains("notes"));
}
