//! Adding, removing and moving list items: exact text, a clean re-parse and
//! every byte outside the patches unchanged.

use super::{PLAN, at, check, tree};
use crate::edit::{Holder, Item, Place, insert_item, list_indent, remove_item, take};

/// Adds a new item with `entries` to the `tasks` of the node at `path`.
fn add(source: &str, path: &[&str], place: &[&str], entries: &[(&str, &str)]) -> String {
    let t = tree(source);
    let holder = at(source, &t, path);
    let place = match place {
        [] => Place::End,
        ["before", i] | ["after", i] => {
            let mut full: Vec<&str> = path.to_vec();
            full.extend(["tasks", i]);
            let node = at(source, &t, &full);
            if place[0] == "before" {
                Place::Before(node)
            } else {
                Place::After(node)
            }
        }
        _ => unreachable!(),
    };
    let indent = list_indent(source, &t);
    let patches = insert_item(
        source,
        &t,
        Holder::Map(holder, "tasks"),
        place,
        Item::Entries(entries),
        indent,
    )
    .unwrap();
    check(source, patches)
}

fn rm(source: &str, path: &[&str], index: usize) -> String {
    let t = tree(source);
    let holder = at(source, &t, path);
    let mut full: Vec<&str> = path.to_vec();
    let index = index.to_string();
    full.extend(["tasks", &index]);
    let item = at(source, &t, &full);
    check(
        source,
        remove_item(source, &t, holder, "tasks", item).unwrap(),
    )
}

/// Moves item `from` (a path) to the end of the `tasks` of `to`, or before
/// another item.
fn mv(source: &str, from: &[&str], to: &[&str], before: Option<&[&str]>) -> String {
    let t = tree(source);
    let parent = at(source, &t, &from[..from.len() - 2]);
    let seq = at(source, &t, &from[..from.len() - 1]);
    let item = at(source, &t, from);
    let taken = take(source, &t, seq, item).unwrap();
    let mut patches = remove_item(source, &t, parent, "tasks", item).unwrap();
    let place = before.map_or(Place::End, |p| Place::Before(at(source, &t, p)));
    patches.extend(
        insert_item(
            source,
            &t,
            Holder::Map(at(source, &t, to), "tasks"),
            place,
            Item::Taken(&taken),
            list_indent(source, &t),
        )
        .unwrap(),
    );
    check(source, patches)
}

#[test]
fn add_at_the_end_of_a_block_list() {
    let out = add(PLAN, &[], &[], &[("id", "test"), ("title", "Test")]);
    assert_eq!(
        out,
        PLAN.to_owned() + "  - id: test\n    title: Test\n",
        "a new last item goes after the last line of the last item"
    );
}

#[test]
fn add_before_an_item_goes_above_its_comments() {
    let out = add(PLAN, &[], &["before", "1"], &[("title", "Review")]);
    assert!(
        out.contains("      - {title: 设计评审, status: done}\n\n  - title: Review\n  # The build phase.\n  - id: build\n"),
        "{out}"
    );
    let out = add(PLAN, &[], &["after", "0"], &[("title", "Review")]);
    assert!(
        out.contains("status: done}\n  - title: Review\n\n  # The build phase."),
        "{out}"
    );
}

#[test]
fn add_to_a_nested_and_a_flow_list() {
    let out = add(
        PLAN,
        &["tasks", "0"],
        &[],
        &[("title", "Deploy"), ("owner", "li")],
    );
    assert!(
        out.contains("status: done}\n      - title: Deploy\n        owner: li\n\n  # The"),
        "{out}"
    );
    let source = "wbs: 1\ntitle: T\ntasks: [a, {title: b}]\n";
    let out = add(source, &[], &[], &[("title", "c"), ("due", "2026-01-02")]);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks: [a, {title: b}, {title: c, due: 2026-01-02}]\n"
    );
    let out = add(source, &[], &["before", "0"], &[("title", "z")]);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks: [{title: z}, a, {title: b}]\n"
    );
}

#[test]
fn a_leaf_gets_its_first_child() {
    // No `tasks:` yet: it comes after the last entry, after its comment.
    let out = add(PLAN, &["tasks", "1"], &[], &[("title", "Pages")]);
    assert_eq!(
        out,
        PLAN.to_owned() + "    tasks:\n      - title: Pages\n",
        "{out}"
    );
    // `tasks: []` and a null `tasks:` are filled; a comment stays.
    let source = "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks: []  # none yet\n  - title: b\n    tasks:\n";
    let out = add(source, &["tasks", "0"], &[], &[("title", "x")]);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks:  # none yet\n      - title: x\n  - title: b\n    tasks:\n"
    );
    let out = add(source, &["tasks", "1"], &[], &[("title", "y")]);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks: []  # none yet\n  - title: b\n    tasks:\n      - title: y\n"
    );
    // A flow mapping gets a flow list.
    let source = "wbs: 1\ntitle: T\ntasks:\n  - {title: a}\n";
    let out = add(source, &["tasks", "0"], &[], &[("title", "x")]);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - {title: a, tasks: [{title: x}]}\n"
    );
}

#[test]
fn a_plain_string_task_gets_its_first_child() {
    let t = tree(PLAN);
    let seq = at(PLAN, &t, &["tasks", "0", "tasks"]);
    let item = at(PLAN, &t, &["tasks", "0", "tasks", "0"]);
    let patches = insert_item(
        PLAN,
        &t,
        Holder::Plain { seq, item },
        Place::End,
        Item::Entries(&[("title", "Pipeline")]),
        2,
    )
    .unwrap();
    let out = check(PLAN, patches);
    assert!(
        out.contains("      - title: Set up CI       # plain\n        tasks:\n          - title: Pipeline\n      - {title"),
        "{out}"
    );
}

#[test]
fn the_file_keeps_its_list_indentation_and_line_ends() {
    let source = "wbs: 1\r\ntitle: T\r\ntasks:\r\n- title: a\r\n- title: b\r\n";
    let out = add(source, &[], &[], &[("title", "c")]);
    assert_eq!(out, source.to_owned() + "- title: c\r\n");
    let out = add(source, &["tasks", "0"], &[], &[("title", "x")]);
    assert_eq!(
        out,
        "wbs: 1\r\ntitle: T\r\ntasks:\r\n- title: a\r\n  tasks:\r\n  - title: x\r\n- title: b\r\n"
    );
    // Keys line up with the siblings' keys.
    let source = "wbs: 1\ntitle: T\ntasks:\n  -   title: a\n      owner: b\n";
    let out = add(source, &[], &[], &[("title", "c"), ("owner", "d")]);
    assert_eq!(out, source.to_owned() + "  -   title: c\n      owner: d\n");
}

#[test]
fn remove_takes_the_comment_lines_above() {
    let out = rm(PLAN, &[], 1);
    assert_eq!(
        out,
        PLAN.replace(
            "  # The build phase.\n  - id: build\n    title: \"构建\"\n    after: [design]\n",
            ""
        ),
        "{out}"
    );
    // The blank line between items belongs to neither and stays.
    assert_eq!(
        rm(PLAN, &[], 0),
        "# plan\nwbs: 1\ntitle: Website   # the name\ntasks:\n\n  # The build phase.\n  - id: build\n    title: \"构建\"\n    after: [design]\n"
    );
}

#[test]
fn remove_the_last_item_leaves_an_empty_list() {
    let source =
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks:\n      - title: b   # c\n  - title: d";
    let out = rm(source, &["tasks", "0"], 0);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks: []\n  - title: d"
    );
    // The last line of a file without a line break.
    let out = rm(source, &[], 1);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n    tasks:\n      - title: b   # c"
    );
    let source = "wbs: 1\ntitle: T\ntasks: [a, {title: b}, c]\n";
    assert_eq!(
        rm(source, &[], 0),
        "wbs: 1\ntitle: T\ntasks: [{title: b}, c]\n"
    );
    assert_eq!(rm(source, &[], 1), "wbs: 1\ntitle: T\ntasks: [a, c]\n");
    assert_eq!(
        rm(source, &[], 2),
        "wbs: 1\ntitle: T\ntasks: [a, {title: b}]\n"
    );
    assert_eq!(
        rm("wbs: 1\ntitle: T\ntasks: [a]\n", &[], 0),
        "wbs: 1\ntitle: T\ntasks: []\n"
    );
}

#[test]
fn move_reindents_the_subtree_with_its_block_scalars() {
    // The design branch, with its `|` notes and comments, under build.
    let out = mv(PLAN, &["tasks", "0"], &["tasks", "1"], None);
    assert_eq!(
        out,
        "\
# plan
wbs: 1
title: Website   # the name
tasks:

  # The build phase.
  - id: build
    title: \"构建\"
    after: [design]
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
"
    );
    // And back out, before build: one level shallower again.
    let back = mv(
        &out,
        &["tasks", "0", "tasks", "0"],
        &[],
        Some(&["tasks", "0"]),
    );
    assert!(back.contains("tasks:\n\n  - id: design\n    title: 'Design'\n    owner: ana          # lead\n    notes: |\n      Two lines\n      of notes.\n    tasks:\n      - Set up CI       # plain\n"), "{back}");
    assert!(back.ends_with("  # The build phase.\n  - id: build\n    title: \"构建\"\n    after: [design]\n    tasks: []\n"), "{back}");
}

#[test]
fn move_between_flow_and_block_lists() {
    // A one-line flow item goes into a block list after a dash.
    let out = mv(PLAN, &["tasks", "0", "tasks", "1"], &["tasks", "1"], None);
    assert!(
        out.ends_with("    after: [design]\n    tasks:\n      - {title: 设计评审, status: done}\n"),
        "{out}"
    );
    // A block item with comment lines cannot go into a flow list.
    let source =
        "wbs: 1\ntitle: T\ntasks:\n  - {title: a, tasks: [x]}\n  # c\n  - title: b\n    owner: o\n";
    let t = tree(source);
    let seq = at(source, &t, &["tasks"]);
    let item = at(source, &t, &["tasks", "1"]);
    let taken = take(source, &t, seq, item).unwrap();
    let into = insert_item(
        source,
        &t,
        Holder::Map(at(source, &t, &["tasks", "0"]), "tasks"),
        Place::End,
        Item::Taken(&taken),
        2,
    );
    assert!(into.is_err());
    // A one-line block item can.
    let item = at(source, &t, &["tasks", "0", "tasks", "0"]);
    let seq = at(source, &t, &["tasks", "0", "tasks"]);
    let taken = take(source, &t, seq, item).unwrap();
    let mut patches =
        remove_item(source, &t, at(source, &t, &["tasks", "0"]), "tasks", item).unwrap();
    patches.extend(
        insert_item(
            source,
            &t,
            Holder::Map(at(source, &t, &["tasks", "1"]), "tasks"),
            Place::End,
            Item::Taken(&taken),
            2,
        )
        .unwrap(),
    );
    assert_eq!(
        check(source, patches),
        "wbs: 1\ntitle: T\ntasks:\n  - {title: a, tasks: []}\n  # c\n  - title: b\n    owner: o\n    tasks:\n      - x\n"
    );
}

#[test]
fn scalar_items() {
    let source = "wbs: 1\ntitle: T\ntags:\n  - a   # first\n  - b\n";
    let t = tree(source);
    let root = at(source, &t, &[]);
    let patches = insert_item(
        source,
        &t,
        Holder::Map(root, "tags"),
        Place::End,
        Item::Scalar("'c d'"),
        2,
    )
    .unwrap();
    assert_eq!(check(source, patches), source.to_owned() + "  - 'c d'\n");
    let b = at(source, &t, &["tags", "1"]);
    let patches = remove_item(source, &t, root, "tags", b).unwrap();
    assert_eq!(
        check(source, patches),
        "wbs: 1\ntitle: T\ntags:\n  - a   # first\n"
    );
}

#[test]
fn remove_between_blank_lines_leaves_one() {
    let source =
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n\n  # b's comment\n  - title: b\n\n  - title: c\n";
    assert_eq!(
        rm(source, &[], 1),
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n\n  - title: c\n"
    );
    // A blank line on one side only stays.
    let source = "wbs: 1\ntitle: T\ntasks:\n  - title: a\n  - title: b\n\n  - title: c\n";
    assert_eq!(
        rm(source, &[], 1),
        "wbs: 1\ntitle: T\ntasks:\n  - title: a\n\n  - title: c\n"
    );
}

#[test]
fn move_keeps_lines_of_spaces_in_block_text() {
    // The middle line of x-desc is nine spaces: content of the block text,
    // three deeper than its indentation.
    let source = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    x-desc: |\n      line1\n         \n      line2\n  - id: b\n    title: B\n";
    let out = mv(source, &["tasks", "0"], &["tasks", "1"], None);
    assert_eq!(
        out,
        "wbs: 1\ntitle: T\ntasks:\n  - id: b\n    title: B\n    tasks:\n      - id: a\n        title: A\n        x-desc: |\n          line1\n             \n          line2\n"
    );
}

#[test]
fn remove_the_only_item_keeps_comments_at_other_columns() {
    let source =
        "wbs: 1\ntitle: T\ntasks:  # all of it\n# section header\n\n  - id: a\n    title: A\n";
    assert_eq!(
        rm(source, &[], 0),
        "wbs: 1\ntitle: T\ntasks: []  # all of it\n# section header\n\n"
    );
}

#[test]
fn a_tab_after_the_dash() {
    let source = "wbs: 1\ntitle: T\ntasks:\n  -\tid: a\n    title: A\n  - id: b\n    title: B\n";
    assert_eq!(
        rm(source, &[], 0),
        "wbs: 1\ntitle: T\ntasks:\n  - id: b\n    title: B\n"
    );
}
