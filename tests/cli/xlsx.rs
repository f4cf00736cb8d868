//! `wbs export --format xlsx`: the workbook read back with calamine (codes
//! as text, dates as dates) and its sheet XML (outline levels, the frozen
//! header, the filter, column widths); where a workbook may be written.
//! `wbs apply FILE.xlsx`: an unedited workbook changes nothing, an edited
//! cell changes its line only, errors name the sheet row.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{
    assert_unchanged, git, inline_plan, read_p, run, seed_repository, wbs, wbs_in, wbs_p,
};

/// Eleven tasks under one parent (so `1.10` and `1.11` exist), three
/// levels below it, dates, Chinese text, tags and an owner.
const PLAN: &str = "\
wbs: 1
title: 发布计划
tasks:
  - id: build
    title: 构建
    owner: 王芳
    tasks:
      - { id: t1, title: 第一, status: done, start: 2026-01-05, due: 2026-01-30 }
      - { id: t2, title: Two, effort: 4h }
      - { id: t3, title: Three }
      - { id: t4, title: Four }
      - { id: t5, title: Five }
      - { id: t6, title: Six }
      - { id: t7, title: Seven }
      - { id: t8, title: Eight }
      - { id: t9, title: Nine }
      - id: t10
        title: 第十项：一个很长的中文标题，用来测量列宽
        tags: [web, 后端]
        tasks:
          - id: deep
            title: Deep
            tasks:
              - { id: deeper, title: Deeper, status: in-progress, progress: 37.5, due: 2026-12-31 }
      - { id: t11, title: Eleven, status: cancelled }
";

fn exported(dir: &Path) -> Vec<u8> {
    let output = wbs_p(
        dir,
        &["export", "--format", "xlsx", "--output", "plan.xlsx"],
    );
    assert_eq!(output.to_string(), "[exit status: 0]");
    std::fs::read(dir.join("plan.xlsx")).expect("workbook written")
}

/// The text of one part of the workbook (a zip of XML files).
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn the_workbook_reads_back_with_codes_as_text_and_dates_as_dates() {
    let dir = inline_plan(PLAN);
    let bytes = exported(dir.path());
    let mut workbook = Xlsx::new(std::io::Cursor::new(&bytes)).expect("an xlsx workbook");
    assert_eq!(workbook.sheet_names(), ["发布计划"]);
    let range = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("read");
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "code", "id", "title", "owner", "status", "progress", "start", "due", "effort", "tags"
        ]
    );
    let codes: Vec<String> = rows[1..].iter().map(|r| text(&r[0])).collect();
    assert_eq!(
        codes,
        [
            "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.10.1",
            "1.10.1.1", "1.11"
        ]
    );
    // 1.10: a parent, its values derived; the owner inherited.
    let ten = rows[11];
    assert_eq!(text(&ten[1]), "t10");
    assert_eq!(text(&ten[2]), "第十项：一个很长的中文标题，用来测量列宽");
    assert_eq!(text(&ten[3]), "王芳");
    assert_eq!(text(&ten[4]), "in-progress");
    assert_eq!(ten[5], Data::Float(37.5));
    assert_eq!(ten[6], Data::Empty);
    assert_eq!(text(&ten[8]), "1d");
    assert_eq!(text(&ten[9]), "web,后端");
    let Data::DateTime(due) = &ten[7] else {
        panic!("the due date is a date: {:?}", ten[7]);
    };
    assert!(due.is_datetime());
    assert_eq!(due.to_ymd_hms_milli(), (2026, 12, 31, 0, 0, 0, 0));
    // 1.1: its own dates and status; 1.2 its effort in hours.
    let Data::DateTime(start) = &rows[2][6] else {
        panic!("a date: {:?}", rows[2][6]);
    };
    assert_eq!(start.to_ymd_hms_milli(), (2026, 1, 5, 0, 0, 0, 0));
    assert_eq!(text(&rows[2][4]), "done");
    assert_eq!(rows[2][5], Data::Float(100.0));
    assert_eq!(text(&rows[3][8]), "4h");
}

#[test]
fn rows_fold_like_the_tree_under_a_frozen_filtered_header() {
    let dir = inline_plan(PLAN);
    let sheet = part(&exported(dir.path()), "xl/worksheets/sheet1.xml");
    // Each row's outline level is its level − 1.
    let mut levels = Vec::new();
    for row in sheet.split("<row ").skip(1) {
        let tag = &row[..row.find('>').expect("a tag")];
        let level = tag.split("outlineLevel=\"").nth(1).map_or(0, |rest| {
            rest[..rest.find('"').expect("quoted")]
                .parse()
                .expect("a number")
        });
        levels.push(level);
    }
    assert_eq!(levels, [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 1]);
    // Summary rows above their details, the header frozen, a filter over
    // every row.
    assert!(sheet.contains("<outlinePr summaryBelow=\"0\"/>"), "{sheet}");
    assert!(
        sheet
            .contains("ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\""),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:J15\"/>"), "{sheet}");
    // The title column fits the widest title, each CJK character counted
    // twice, plus its indent: 20 CJK characters, indent 1 = 42, and 2 to
    // spare.
    assert!(
        sheet.contains("<col min=\"3\" max=\"3\" width=\"44.7109375\" customWidth=\"1\"/>"),
        "{sheet}"
    );
    // Status cells offer the five statuses.
    assert!(
        sheet.contains("<formula1>\"todo,in-progress,blocked,done,cancelled\"</formula1>"),
        "{sheet}"
    );
}

#[test]
fn a_workbook_goes_to_a_file_or_a_pipe_never_a_terminal() {
    let dir = inline_plan(PLAN);
    // A pipe takes the bytes.
    let output = wbs(&["-f", "p.yaml", "export", "--format", "xlsx"])
        .current_dir(dir.path())
        .output()
        .expect("wbs runs");
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"PK\x03\x04"), "a zip on stdout");
    // Written a second later, the same bytes: the workbook is dated by
    // WBS_TODAY, not by the clock.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(
        output.stdout,
        exported(dir.path()),
        "the same bytes as --output"
    );

    // A terminal does not: `script` runs wbs on a pseudo-terminal.
    let command = format!(
        "{} -f p.yaml export --format xlsx",
        env!("CARGO_BIN_EXE_wbs")
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("WBS_TODAY", "2026-11-29")
        .current_dir(dir.path());
    let output = run(&mut script);
    assert_eq!(output.code, 2, "{output}");
    assert_eq!(
        output.stdout.replace('\r', ""),
        "error: a workbook is binary: it is not written to a terminal\nhint: wbs export --format xlsx --output plan.xlsx\n"
    );
}

#[test]
fn output_replaces_a_file_whole_for_every_format() {
    let dir = inline_plan(PLAN);
    std::fs::write(
        dir.path().join("plan.csv"),
        "old and much longer than the new text\n".repeat(100),
    )
    .expect("write");
    let output = wbs_p(dir.path(), &["export", "--format", "csv", "-o", "plan.csv"]);
    assert_eq!(output.to_string(), "[exit status: 0]");
    let written = std::fs::read_to_string(dir.path().join("plan.csv")).expect("read");
    let listed = wbs_p(dir.path(), &["export", "--format", "csv"]);
    assert_eq!(written, listed.stdout);
    let missing = wbs_p(
        dir.path(),
        &["export", "--format", "csv", "-o", "no/such/dir/plan.csv"],
    );
    assert_eq!(missing.code, 2, "{missing}");
    assert!(
        missing
            .stderr
            .starts_with("error: cannot write `no/such/dir/plan.csv`"),
        "{missing}"
    );
}

/// The first sheet of a workbook as calamine reads it, each row padded to
/// the header's width.
fn grid(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx workbook");
    let range = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("read");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A workbook holding `rows` from sheet row `first` (1-based) on, as a
/// spreadsheet program saves one: text as text, numbers as numbers, dates
/// as dates.
fn workbook_of(rows: &[Vec<Data>], first: u32) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + first - 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Data::String(text) => {
                    sheet.write_string(r, c, text).expect("write");
                }
                Data::Float(n) => {
                    sheet.write_number(r, c, *n).expect("write");
                }
                Data::Int(n) => {
                    sheet.write_number(r, c, *n as f64).expect("write");
                }
                Data::DateTime(value) => {
                    let value =
                        ExcelDateTime::from_serial_datetime(value.as_f64()).expect("a date");
                    sheet
                        .write_datetime_with_format(r, c, value, &date)
                        .expect("write");
                }
                Data::Empty => {}
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    workbook.save_to_buffer().expect("workbook")
}

/// The row of the task with this id.
fn row_of(rows: &[Vec<Data>], id: &str) -> usize {
    rows.iter()
        .position(|row| row[1] == Data::String(id.to_owned()))
        .expect("the task is in the sheet")
}

#[test]
fn an_unedited_workbook_applied_back_changes_nothing() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["export", "--format", "xlsx", "-o", "plan.xlsx"]);
    assert_eq!(output.code, 0, "{output}");
    // Read and saved again by another program, it still changes nothing.
    let resaved = workbook_of(
        &grid(&std::fs::read(dir.join("plan.xlsx")).expect("read")),
        1,
    );
    std::fs::write(dir.join("resaved.xlsx"), resaved).expect("write");
    for workbook in ["plan.xlsx", "resaved.xlsx"] {
        let output = wbs_in(dir, &["apply", workbook]);
        assert_eq!(
            output.to_string(),
            "every row is already as the plan shows it; nothing was changed\n[exit status: 0]",
            "{workbook}"
        );
    }
    std::fs::remove_file(dir.join("plan.xlsx")).expect("remove");
    std::fs::remove_file(dir.join("resaved.xlsx")).expect("remove");
    assert_unchanged(dir, &"an unedited workbook");
}

#[test]
fn an_edited_cell_changes_its_line_only_and_once() {
    let repo = seed_repository();
    let dir = repo.path();
    let output = wbs_in(dir, &["export", "--format", "xlsx", "-o", "plan.xlsx"]);
    assert_eq!(output.code, 0, "{output}");
    let mut rows = grid(&std::fs::read(dir.join("plan.xlsx")).expect("read"));
    std::fs::remove_file(dir.join("plan.xlsx")).expect("remove");
    // A manager moves one due date (column H) by a week.
    let row = row_of(&rows, "marketing-certification-exam");
    let Data::DateTime(due) = &rows[row][7] else {
        panic!("a date: {:?}", rows[row][7]);
    };
    assert_eq!(due.to_ymd_hms_milli(), (2026, 12, 31, 0, 0, 0, 0));
    rows[row][7] = Data::DateTime(calamine::ExcelDateTime::new(
        due.as_f64() + 7.0,
        calamine::ExcelDateTimeType::DateTime,
        false,
    ));
    let edited = std::env::temp_dir().join(format!("wbs-edited-{}.xlsx", std::process::id()));
    std::fs::write(&edited, workbook_of(&rows, 1)).expect("write");
    let edited_path = edited.to_str().expect("UTF-8 path");
    let output = wbs_in(dir, &["apply", edited_path]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t1\tplans/programme.yaml\n",
        "one line changed"
    );
    assert_eq!(
        crate::common::hunks(dir),
        "+++ b/plans/programme.yaml\n@@ -112 +112 @@ tasks:\n-                    due: 2026-12-31\n+                    due: 2027-01-07\n"
    );
    // Applied again, it changes nothing.
    let again = wbs_in(dir, &["apply", edited_path]);
    let _ = std::fs::remove_file(&edited);
    assert_eq!(
        again.stdout,
        "every row is already as the plan shows it; nothing was changed\n"
    );
    assert_eq!(
        git(dir, &["diff", "--numstat"]),
        "1\t1\tplans/programme.yaml\n"
    );
}

#[test]
fn errors_name_the_sheet_row() {
    let dir = inline_plan(PLAN);
    let text = |s: &str| Data::String(s.to_owned());
    // Row 1 is left empty: the header is sheet row 2.
    let rows = vec![
        vec![text("id"), text("status"), text("progress"), text("due")],
        vec![text("t2"), text("done"), Data::Empty, Data::Empty],
        vec![text("t3"), text("finished"), Data::Empty, Data::Empty],
        vec![Data::Empty, Data::Empty, Data::Empty, Data::Empty],
        vec![text("t9x"), text("done"), Data::Empty, Data::Empty],
        vec![text("t5"), Data::Empty, Data::Float(150.0), Data::Empty],
        vec![text("t4"), Data::Empty, Data::Empty, text("2026/13/01")],
    ];
    std::fs::write(dir.path().join("edits.xlsx"), workbook_of(&rows, 2)).expect("write");
    let output = wbs_p(dir.path(), &["apply", "edits.xlsx"]);
    insta::assert_snapshot!("apply-sheet-rows", output);
    let bad_header = vec![
        vec![text("task"), text("status")],
        vec![text("t2"), text("done")],
    ];
    std::fs::write(dir.path().join("header.xlsx"), workbook_of(&bad_header, 1)).expect("write");
    let output = wbs_p(dir.path(), &["apply", "header.xlsx"]);
    insta::assert_snapshot!("apply-sheet-header", output);
    assert_eq!(read_p(dir.path()), PLAN, "nothing was written");
}
