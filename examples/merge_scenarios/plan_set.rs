//! The plan-set scenarios: a plan set of two files, which git merges one
//! file at a time.

use super::text::{Op, Sel, apply_all};
use super::{Case, Expect, Scenario};

const SET_A: &str = "\
wbs: 1
title: Team A
tasks:
  - id: a-api
    title: API
    tasks:
      - id: a-auth
        title: Auth endpoints
        due: 2026-10-01
      - id: a-search
        title: Search endpoints
  - id: a-docs
    title: API docs
    after: [a-api]
";

const SET_B: &str = "\
wbs: 1
title: Team B
tasks:
  - id: b-app
    title: Mobile app
    after: [a-api]
    tasks:
      - id: b-login
        title: Login screen
      - id: b-feed
        title: Feed screen
";

/// The plan-set scenarios: git merges each file of the set on its own.
pub fn plan_sets() -> Vec<Scenario> {
    let id = |s: &str| Sel::Id(s.to_owned());
    let set = |s: &str, k: &str, v: &str| Op::Set(id(s), k.to_owned(), v.to_owned());
    // Theirs moves a-search from a.yaml into b-app of b.yaml.
    let moved_block = "      - id: a-search\n        title: Search endpoints\n";
    let a_without = SET_A.replacen(moved_block, "", 1);
    let b_with = format!("{SET_B}{moved_block}");
    let case = |path: &str, base: &str, ours: String, theirs: String, expect: Expect| Case {
        path: path.to_owned(),
        base: base.to_owned(),
        ours,
        theirs,
        expect,
    };
    let edit = |text: &str, ops: &[Op]| apply_all(text, ops).unwrap_or_default();
    let mut out = Vec::new();
    // 1. Theirs moves a task to the other file; ours edits elsewhere.
    let ours_a = edit(SET_A, &[set("a-auth", "status", "blocked")]);
    out.push(Scenario {
        name: "plan-set-move-across-files-and-edit".into(),
        kind: "move-across-files-and-edit",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                ours_a.clone(),
                a_without.clone(),
                Expect::Clean(edit(&a_without, &[set("a-auth", "status", "blocked")])),
            ),
            case(
                "b.yaml",
                SET_B,
                SET_B.to_owned(),
                b_with.clone(),
                Expect::Clean(b_with.clone()),
            ),
        ],
    });
    // 2. Theirs moves it; ours edits the moved task: the file it left
    // has an edit against a removal.
    let ours_a = edit(SET_A, &[set("a-search", "status", "blocked")]);
    out.push(Scenario {
        name: "plan-set-move-across-files-vs-edit".into(),
        kind: "move-across-files-vs-edit",
        shape: "plan-set",
        conflict: true,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                ours_a,
                a_without.clone(),
                Expect::Conflict(vec![
                    "a-search: changed by ours".into(),
                    "removed by theirs".into(),
                ]),
            ),
            case(
                "b.yaml",
                SET_B,
                SET_B.to_owned(),
                b_with.clone(),
                Expect::Clean(b_with.clone()),
            ),
        ],
    });
    // 3. Ours moves it; theirs edits another task of the file it goes to.
    let theirs_b = edit(SET_B, &[set("b-login", "due", "2026-11-15")]);
    out.push(Scenario {
        name: "plan-set-move-and-edit-destination".into(),
        kind: "move-across-files-and-edit",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                a_without.clone(),
                SET_A.to_owned(),
                Expect::Clean(a_without.clone()),
            ),
            case(
                "b.yaml",
                SET_B,
                b_with.clone(),
                theirs_b,
                Expect::Clean(edit(&b_with, &[set("b-login", "due", "2026-11-15")])),
            ),
        ],
    });
    // 4. Dependencies across files on both sides.
    let ours_b = edit(
        SET_B,
        &[Op::Push(id("b-login"), "after".into(), "a-auth".into())],
    );
    let theirs_b = edit(
        SET_B,
        &[Op::Push(id("b-feed"), "after".into(), "a-search".into())],
    );
    out.push(Scenario {
        name: "plan-set-after-across-files".into(),
        kind: "after-as-sets",
        shape: "plan-set",
        conflict: false,
        cases: vec![
            case(
                "a.yaml",
                SET_A,
                SET_A.to_owned(),
                SET_A.to_owned(),
                Expect::Clean(SET_A.to_owned()),
            ),
            case(
                "b.yaml",
                SET_B,
                ours_b.clone(),
                theirs_b,
                Expect::Clean(edit(
                    &ours_b,
                    &[Op::Push(id("b-feed"), "after".into(), "a-search".into())],
                )),
            ),
        ],
    });
    out
}
