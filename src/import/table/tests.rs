//! Tables made into trees, checked by their exact shape.

use super::{Row, Table, build, map_columns};
use crate::import::outline::{Outline, Place};
use crate::import::report::Report;
use crate::import::values::Cell;

fn table(rows: &[&[&str]]) -> Table {
    Table {
        header: rows[0].iter().map(|s| (*s).to_owned()).collect(),
        rows: rows[1..]
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                place: Place::Row(i + 2),
                cells: cells
                    .iter()
                    .map(|s| match *s {
                        "" => Cell::Empty,
                        s => Cell::Text(s.to_owned()),
                    })
                    .collect(),
            })
            .collect(),
        split_notes: false,
    }
}

/// The tree as indented titles.
fn shape(outline: &Outline) -> String {
    outline
        .walk()
        .iter()
        .map(|&(node, level)| format!("{}{}\n", "  ".repeat(level - 1), outline.nodes[node].title))
        .collect()
}

fn read(table: &Table) -> (Outline, Report) {
    let mut outline = Outline::default();
    let mut report = Report::default();
    let mapping = map_columns(&table.header).expect("a tree");
    build(
        table,
        &mapping,
        &mut outline,
        None,
        &mut report,
        crate::i18n::import::TableName::File,
    );
    (outline, report)
}

#[test]
fn blank_and_repeated_cells_are_the_task_above() {
    let (outline, report) = read(&table(&[
        &["一级任务", "二级任务", "三级任务"],
        &["A", "A1", "a\nb"],
        &["", "A2", "- c\n- d"],
        &["A", "A2", "e"],
        &["B", "", "f"],
    ]));
    assert_eq!(
        shape(&outline),
        "A\n  A1\n    a\n    b\n  A2\n    c\n    d\n    e\nB\n  f\n"
    );
    assert_eq!(
        report.notes[0].message.to_string(),
        "`二级任务` is blank and no task above it is at that level; what follows goes one level up"
    );
    assert_eq!(report.notes[0].place, Some(Place::Row(5)));
}

#[test]
fn codes_place_rows_and_stay_text() {
    let (outline, report) = read(&table(&[
        &["WBS", "任务名称", "负责人"],
        &["1", "One", "ana"],
        &["1.1", "One.one", ""],
        &["1.10", "One.ten", ""],
        &["1.10.1", "Deep", "li"],
        &["2", "Two", ""],
        &["2.3.1", "Orphan", ""],
    ]));
    assert_eq!(
        shape(&outline),
        "One\n  One.one\n  One.ten\n    Deep\nTwo\n  Orphan\n"
    );
    assert_eq!(report.notes.len(), 1, "{report:?}");
    assert_eq!(outline.nodes[3].fields.owner.as_deref(), Some("li"));
}

#[test]
fn outline_levels_and_fields() {
    let (outline, report) = read(&table(&[
        &[
            "Level",
            "Name",
            "Status",
            "进度",
            "Due",
            "工作量（人天）",
            "标签",
            "颜色",
        ],
        &["1", "Build", "", "", "", "", "", "red"],
        &[
            "2",
            "Design",
            "已完成",
            "100%",
            "2026/10/1",
            "3",
            "ui、web",
            "",
        ],
        &["2", "Code", "进行中", "40", "2026-11-30", "2w", "", ""],
        &["1", "Ship", "maybe", "", "soon", "", "", ""],
    ]));
    assert_eq!(shape(&outline), "Build\n  Design\n  Code\nShip\n");
    let design = &outline.nodes[1].fields;
    assert_eq!(design.status, Some(crate::plan::Status::Done));
    assert_eq!(design.progress, Some(100.0));
    assert_eq!(design.effort.as_deref(), Some("3d"));
    assert_eq!(design.tags, ["ui", "web"]);
    assert_eq!(design.due, chrono::NaiveDate::from_ymd_opt(2026, 10, 1));
    let skipped: Vec<String> = report
        .skipped
        .iter()
        .map(|f| format!("{:?}: {}", f.place, f.message))
        .collect();
    assert_eq!(
        skipped,
        [
            "Some(Row(5)): `Status` `maybe` is not a status: write todo/待办, in-progress/进行中, blocked/受阻, done/已完成 or cancelled/已取消",
            "Some(Row(5)): `Due` `soon` is not a date: write it as YYYY-MM-DD",
            "None: the table: column `颜色`: no field of that name",
        ]
    );
}

#[test]
fn a_header_without_a_tree_is_refused_with_what_it_found() {
    let error = map_columns(&["负责人".to_owned(), "颜色".to_owned()])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("no column says where a task goes in the tree (found `负责人`, `颜色`)"),
        "{error}"
    );
}
