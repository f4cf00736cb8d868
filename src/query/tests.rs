//! Every term and every error of the query language, table-driven.

use chrono::NaiveDate;

use super::*;
use crate::plan::derive::{Clock, derive};
use crate::plan::testing::*;
use crate::plan::{Node, Plan};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-29";

/// 0 Design (ana, id design)
///   1 Wireframes: done, 3d, tag ux, due 2026-10-01
///   2 Visual design: in-progress 40%, due 2026-12-05, notes "Brand 配色",
///     x-jira
/// 3 Build (id build, after design)
///   4 Set up CI: todo, no owner below Build
///   5 平台工具: blocked, li, tag frontend,ux, start 2026-11-01, due 2026-11-20,
///     x-cost, x-jira
///   6 Dropped: cancelled
fn sample() -> Plan {
    let mut plan = plan(vec![
        parent(
            "Design",
            |_| {},
            vec![
                leaf("Wireframes", |n| {
                    n.status = Some(Status::Done);
                    n.effort_hours = Some(24.0).into();
                    n.due = Some(date("2026-10-01"));
                }),
                leaf("Visual design", |n| {
                    n.status = Some(Status::InProgress);
                    n.progress = Some(40.0).into();
                    n.due = Some(date("2026-12-05"));
                }),
            ],
        )
        .owner("ana"),
        parent(
            "Build",
            |_| {},
            vec![
                leaf("Set up CI", |_| {}),
                leaf("平台工具", |n| {
                    n.status = Some(Status::Blocked);
                    n.start = Some(date("2026-11-01"));
                    n.due = Some(date("2026-11-20"));
                })
                .owner("li"),
                leaf("Dropped", |n| n.status = Some(Status::Cancelled)),
            ],
        ),
    ]);
    let set = |plan: &mut Plan, node: usize, f: &dyn Fn(&mut Plan) -> Node| {
        let updated = f(plan);
        plan.nodes[node] = updated;
    };
    set(&mut plan, 0, &|p| Node {
        id: Some(p.add_str("design")),
        ..p.nodes[0].clone()
    });
    set(&mut plan, 3, &|p| {
        let design = p.add_str("design");
        Node {
            id: Some(p.add_str("build")),
            after: p.add_list(&[design]),
            ..p.nodes[3].clone()
        }
    });
    set(&mut plan, 1, &|p| {
        let ux = p.add_str("ux");
        Node {
            tags: p.add_list(&[ux]),
            ..p.nodes[1].clone()
        }
    });
    set(&mut plan, 5, &|p| {
        let tags = [p.add_str("frontend"), p.add_str("ux")];
        Node {
            tags: p.add_list(&tags),
            ..p.nodes[5].clone()
        }
    });
    set(&mut plan, 2, &|p| {
        let jira = p.add_str("x-jira");
        Node {
            notes: Some(p.add_str("Brand 配色")),
            extensions: p.add_list(&[jira]),
            ..p.nodes[2].clone()
        }
    });
    set(&mut plan, 5, &|p| {
        let keys = [p.add_str("x-cost"), p.add_str("x-jira")];
        Node {
            extensions: p.add_list(&keys),
            ..p.nodes[5].clone()
        }
    });
    plan
}

fn matching(plan: &Plan, query: &str) -> Vec<NodeId> {
    let derived = derive(plan, Clock::new(date(TODAY)));
    let words: Vec<String> = query
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let query = parse(&words, plan, date(TODAY)).unwrap_or_else(|e| panic!("{query}: {e}"));
    plan.ids()
        .filter(|&n| query.matches(plan, &derived, n))
        .collect()
}

#[test]
fn every_term() {
    let plan = sample();
    let cases: &[(&str, &[NodeId])] = &[
        ("", &[0, 1, 2, 3, 4, 5, 6]),
        ("status:done", &[1]),
        ("status:todo,blocked", &[4, 5]),
        ("status:wip", &[0, 2, 3]),
        ("status:canceled", &[6]),
        ("-status:done", &[0, 2, 3, 4, 5, 6]),
        ("owner:ana", &[0, 1, 2]),
        ("owner:li,ana", &[0, 1, 2, 5]),
        ("owner:", &[3, 4, 6]),
        ("-owner:", &[0, 1, 2, 5]),
        ("tag:ux", &[1, 5]),
        ("tag:frontend", &[5]),
        ("tag:nope", &[]),
        ("under:build", &[4, 5, 6]),
        ("under:1", &[1, 2]),
        ("under:2.2", &[]),
        ("under:design,build", &[1, 2, 4, 5, 6]),
        ("id:design,build", &[0, 3]),
        ("id:unknown", &[]),
        ("level:1", &[0, 3]),
        ("level>=2", &[1, 2, 4, 5, 6]),
        ("level<2", &[0, 3]),
        ("level=2", &[1, 2, 4, 5, 6]),
        ("due<2026-12-01", &[1, 3, 5]),
        ("due<=2026-12-05", &[0, 1, 2, 3, 5]),
        ("due>2026-11-20", &[0, 2]),
        ("due:2026-11-20", &[3, 5]),
        ("due<=today+14d", &[0, 1, 2, 3, 5]),
        ("due>=today-2w", &[0, 2, 3, 5]),
        ("due<today", &[1, 3, 5]),
        ("start>=2026-10-01", &[3, 5]),
        ("progress<50", &[2, 3, 4, 5, 6]),
        ("progress>=100", &[1]),
        ("progress:40", &[2]),
        ("progress<37.5%", &[3, 4, 5, 6]),
        ("is:leaf", &[1, 2, 4, 5, 6]),
        ("is:parent", &[0, 3]),
        ("is:overdue", &[3, 5]),
        ("is:due-soon", &[0, 2]),
        ("is:open", &[0, 2, 3, 4, 5]),
        ("is:blocked", &[5]),
        ("-is:open", &[1, 6]),
        ("is:blocked,overdue", &[3, 5]),
        ("is:leaf,overdue", &[1, 2, 3, 4, 5, 6]),
        ("has:progress,effort", &[1, 2]),
        ("has:id", &[0, 3]),
        ("has:owner", &[0, 5]),
        ("has:status", &[1, 2, 5, 6]),
        ("has:progress", &[2]),
        ("has:start", &[5]),
        ("has:due", &[1, 2, 5]),
        ("has:effort", &[1]),
        ("has:tags", &[1, 5]),
        ("has:after", &[3]),
        ("has:notes", &[2]),
        ("has:tasks", &[0, 3]),
        ("has:x-jira", &[2, 5]),
        ("has:x-cost", &[5]),
        ("has:x-nothing", &[]),
        ("has:x-cost,effort", &[1, 5]),
        ("-has:x-jira", &[0, 1, 3, 4, 6]),
        ("design", &[0, 2]),
        ("DESIGN", &[0, 2]),
        ("配色", &[2]),
        ("平台", &[5]),
        ("-design", &[1, 3, 4, 5, 6]),
        ("status:todo,blocked is:leaf owner:li", &[5]),
        ("is:open due<=today+14d -is:parent", &[2, 5]),
    ];
    let mut failures = Vec::new();
    for (query, expected) in cases {
        let found = matching(&plan, query);
        if found != *expected {
            failures.push(format!("{query:?}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error() {
    let plan = sample();
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "stauts:todo",
            "unknown field `stauts` in query",
            "stauts",
            Some("did you mean `status`?"),
        ),
        (
            "owner:ana colour:red",
            "unknown field `colour` in query",
            "colour",
            None,
        ),
        (
            "status:doen",
            "unknown status `doen` in query",
            "doen",
            Some("did you mean `done`?"),
        ),
        (
            "status:todo,Done",
            "unknown status `Done` in query",
            "Done",
            Some("did you mean `done`?"),
        ),
        ("status:", "unknown status `` in query", "", None),
        ("owner<ana", "`owner` takes `:`, not `<`", "<", None),
        ("tag=ux", "`tag` takes `:`, not `=`", "=", None),
        ("level:first", "`first` is not a level", "first", None),
        ("level:0", "`0` is not a level", "0", None),
        ("progress<half", "`half` is not a progress", "half", None),
        (
            "due<2026-02-30",
            "`2026-02-30` is not a date",
            "2026-02-30",
            None,
        ),
        ("due<tomorrow", "`tomorrow` is not a date", "tomorrow", None),
        ("due<today+2m", "`today+2m` is not a date", "today+2m", None),
        ("due<today*2d", "`today*2d` is not a date", "today*2d", None),
        ("is:late", "unknown `is:late`", "late", None),
        ("is:open,late", "unknown `is:late`", "late", None),
        (
            "is:overdeu",
            "unknown `is:overdeu`",
            "overdeu",
            Some("did you mean `is:overdue`?"),
        ),
        (
            "has:colour",
            "unknown `has:colour`",
            "colour",
            Some(
                "`has:` takes one of: id, owner, status, progress, start, due, effort, tags, after, notes, tasks, or an x- key such as `has:x-jira`",
            ),
        ),
        (
            "has:due,x-",
            "unknown `has:x-`",
            "x-",
            Some("name the x- key, such as `has:x-jira`"),
        ),
        (
            "has:X-jira",
            "unknown `has:X-jira`",
            "X-jira",
            Some("custom keys start with a lowercase `x-`: `has:x-jira`"),
        ),
        (
            "under:nowhere",
            "`under:nowhere` names no node",
            "nowhere",
            None,
        ),
        ("under:9.9", "`under:9.9` names no node", "9.9", None),
        ("-", "an empty query term", "-", None),
        (
            "due!=2026-11-30",
            "unknown operator `!=` after `due`",
            "!=",
            None,
        ),
        (
            "status~done",
            "unknown operator `~` after `status`",
            "~",
            None,
        ),
        (
            "-owner：ana",
            "`：` is a full-width colon",
            "：",
            Some("use the ASCII colon: -owner:ana"),
        ),
        (
            "tag:a，b，c",
            "`，` is a full-width comma",
            "，",
            Some("use the ASCII comma: tag:a,b,c"),
        ),
        (
            "is:open、blocked",
            "`、` is an ideographic comma",
            "、",
            Some("use the ASCII comma: is:open,blocked"),
        ),
    ];
    let mut failures = Vec::new();
    for (query, message, marked, help) in cases {
        let words: Vec<String> = query.split(' ').map(str::to_owned).collect();
        match parse(&words, &plan, date(TODAY)) {
            Ok(_) => failures.push(format!("{query:?}: parsed")),
            Err(error) => {
                let shown = error.message.to_string();
                let got = (&shown[..], &error.text[error.span.clone()]);
                if got != (*message, *marked)
                    || help.is_some_and(|h| {
                        error.help.as_ref().map(ToString::to_string).as_deref() != Some(h)
                    })
                {
                    failures.push(format!("{query:?}: {error:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn field_terms_by_shape() {
    for word in ["status:done", "-id:a.yaml", "due<today", "colour:red"] {
        assert!(super::is_field_term(word), "{word}");
    }
    for word in [
        "plans/a.yaml",
        "Pages",
        "C:/a.yaml",
        "设计:x",
        "-x.yaml",
        "",
    ] {
        assert!(!super::is_field_term(word), "{word}");
    }
}

#[test]
fn errors_point_under_the_bad_term() {
    let plan = sample();
    let words = [
        "owner:ana".to_owned(),
        "设计".to_owned(),
        "stauts:todo".to_owned(),
    ];
    let error = parse(&words, &plan, date(TODAY)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown field `stauts` in query\n  owner:ana 设计 stauts:todo\n                 ^^^^^^\nhelp: did you mean `status`?"
    );
}

#[test]
fn under_a_number_names_a_file_in_a_plan_set() {
    let mut plan = sample();
    plan.files[0].nodes = 0..3;
    plan.files.push(crate::plan::PlanFile {
        path: "b.yaml".into(),
        nodes: 3..7,
        ..Default::default()
    });
    for node in 3..7 {
        plan.nodes[node].file = 1;
    }
    plan.nodes[3].position = 1;
    assert_eq!(matching(&plan, "under:2"), [3, 4, 5, 6]);
    assert_eq!(matching(&plan, "under:2.1"), [4, 5, 6]);
    assert_eq!(matching(&plan, "under:1.1"), [1, 2]);
}

#[test]
fn a_query_of_words_only_is_a_search() {
    let plan = sample();
    let is_search = |text: &str| {
        let words: Vec<String> = text.split(' ').map(str::to_owned).collect();
        parse(&words, &plan, date(TODAY))
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .is_search()
    };
    assert!(is_search("design"));
    assert!(is_search("design -visual 配色"));
    assert!(!is_search("id:design"));
    assert!(!is_search("design is:leaf"));
    assert!(!is_search("-tag:ux"));
    assert!(!parse(&[], &plan, date(TODAY)).unwrap().is_search());
}
