//! Spliced trees against whole parses.

use super::*;

fn parse(text: &str) -> Tree {
    let mut found = Vec::new();
    let tree = super::super::parse(text, 0, &mut found);
    assert!(found.is_empty(), "{found:?}");
    tree.unwrap_or_default()
}

/// Every node's kind, style, span and text.
fn dump(tree: &Tree, text: &str) -> Vec<String> {
    (0..tree.len() as NodeIdx)
        .map(|n| {
            format!(
                "{n} {:?} {:?} {:?} {:?} {:?}",
                tree.kind(n),
                tree.style(n),
                tree.span(n),
                tree.text(text, n),
                tree.children(n).collect::<Vec<_>>()
            )
        })
        .collect()
}

/// Asserts two dumps equal, showing the first difference.
#[track_caller]
fn same(spliced: &[String], whole: &[String], text: &str) {
    if let Some(at) = (0..spliced.len().max(whole.len())).find(|&i| spliced.get(i) != whole.get(i))
    {
        panic!(
            "node {at}: spliced {:?}, whole {:?}\n{}",
            spliced.get(at),
            whole.get(at),
            &text[..text.len().min(3000)]
        );
    }
}

/// Replaces `from` (first occurrence) with `to` and checks the
/// respliced tree against a whole parse; `None` when it was refused.
fn check(old: &str, edits: &[(&str, &str)]) -> Option<()> {
    let tree = parse(old);
    let mut new = old.to_owned();
    let mut list = Vec::new();
    // Edits given in text order; each applies to the text so far.
    let mut searched = 0;
    let mut delta: isize = 0;
    for (from, to) in edits {
        let at = old[searched..].find(from).map(|a| a + searched)?;
        searched = at + from.len();
        let new_at = at.checked_add_signed(delta)?;
        new.replace_range(new_at..new_at + from.len(), to);
        list.push(Edit {
            old: at..at + from.len(),
            new: new_at..new_at + to.len(),
        });
        delta += to.len() as isize - from.len() as isize;
    }
    let spliced = tree.respliced(old, &new, &list)?;
    same(&dump(&spliced, &new), &dump(&parse(&new), &new), &new);
    Some(())
}

#[test]
fn line_edits_find_changed_lines() {
    let old = "a\nb\nc\nd\ne\n";
    let new = "a\nB\nc\nd\nx\ne\n";
    let edits = line_edits(old, new, 8).unwrap_or_default();
    assert_eq!(
        edits,
        [
            Edit {
                old: 2..3,
                new: 2..3
            },
            Edit {
                old: 8..8,
                new: 8..10
            }
        ]
    );
    assert_eq!(line_edits(old, old, 8), Some(Vec::new()));
    assert_eq!(
        line_edits("a\nb", "a\nc", 8),
        Some(vec![Edit {
            old: 2..3,
            new: 2..3
        }])
    );
    // Apart by more than the window: none.
    let far: String = (0..100).map(|n| format!("{n}\n")).collect();
    assert_eq!(line_edits(&far, "x\n", 4), None);
}

/// Random line edits of generated plans: wherever the edited text
/// parses cleanly and the splice is made, it is the whole parse.
#[test]
fn spliced_trees_are_whole_parses() {
    use crate::fuzz::Rng;
    let mut spliced = 0;
    for seed in 0..(std::env::var("SPLICE_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8u64))
    {
        let old = String::from_utf8(
            crate::edit::transaction_tests::generator::generate(200, seed).unwrap_or_default(),
        )
        .unwrap_or_default();
        // Every other plan with CRLF line ends.
        let old = if seed % 2 == 1 {
            old.replace('\n', "\r\n")
        } else {
            old
        };
        let tree = parse(&old);
        let mut rng = Rng::new(seed);
        for _ in 0..40 {
            let mut lines: Vec<String> = old.split_inclusive('\n').map(str::to_owned).collect();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(lines.len());
                let line = lines[at].clone();
                let indent = line.len() - line.trim_start_matches(' ').len();
                let pad = " ".repeat(indent);
                match rng.below(11) {
                    6 => lines.insert(at, format!("{}# note\n", " ".repeat(rng.below(8)))),
                    7 => lines[at] = format!("{}{}", " ".repeat(rng.below(3)), line),
                    8 => lines.insert(at, "\n".to_owned()),
                    9 => {
                        lines[at] = line
                            .replacen(": ", ": |+\n  x\n\n", 1)
                            .replace("\n  x", &format!("\n{pad}    x"))
                    }
                    10 => {
                        lines[at] = line
                            .replacen(": ", ": 'a: b' # c\n", 1)
                            .replacen("\n", "", 1)
                    }
                    0 => lines[at] = line.replacen(':', ": x #", 1),
                    1 => lines.insert(at + 1, format!("{pad}x-new: {seed}\n")),
                    2 => {
                        lines.remove(at);
                    }
                    3 => lines.insert(at, line),
                    4 => lines[at] = format!("{pad}- moved: |\n{pad}    text\n"),
                    _ => lines[at] = line.replace("title", "notes"),
                }
            }
            let new: String = lines.concat();
            let mut found = Vec::new();
            let Some(whole) = super::super::parse(&new, 0, &mut found) else {
                continue;
            };
            let Some(edits) = line_edits(&old, &new, 64) else {
                continue;
            };
            if let Some(tree) = tree.respliced(&old, &new, &edits) {
                assert!(found.is_empty(), "spliced a text with findings: {found:?}");
                same(&dump(&tree, &new), &dump(&whole, &new), &new);
                spliced += 1;
            }
        }
    }
    assert!(spliced > 100, "only {spliced} splices");
}

const PLAN: &str = "wbs: 1\ntitle: T\ntasks:\n  # lead\n  - id: a\n    title: A\n    notes: |\n      one\n      two\n    tasks:\n      - id: a1\n        title: 'A 1'\n      - Plain\n  - id: b\n    title: \"B\\tx\"\n    tags: [x, y]\n  - {id: c, title: C}\n";

#[test]
fn changes_inside_items_match_a_whole_parse() {
    assert!(check(PLAN, &[("'A 1'", "A one")]).is_some());
    assert!(check(PLAN, &[("title: A\n", "title: A\n    status: done\n")]).is_some());
    assert!(check(PLAN, &[("one", "uno\n      dos"), ("[x, y]", "[x]")]).is_some());
    assert!(check(PLAN, &[("- Plain", "- Plain\n      - Two")]).is_some());
    assert!(
        check(
            PLAN,
            &[
                ("\"B\\tx\"", "\"B\\ny\""),
                ("{id: c, title: C}", "{id: c, title: D}")
            ]
        )
        .is_some()
    );
    // A change outside any item, or one that breaks the item's shape.
    assert!(check(PLAN, &[("title: T", "title: U")]).is_some());
    // A key renamed: the item around it is parsed again, so that
    // its mapping is checked for duplicate keys.
    assert!(check(PLAN, &[("title: A", "owner: A")]).is_some());
    assert!(check(PLAN, &[("    title: A\n", "title: A\n")]).is_none());
    assert!(check(PLAN, &[("'A 1'", "'A 1")]).is_none());
}
