//! `wbs import`: the seed document, a breakdown document of our own, CSV
//! and xlsx tables of every shape, and the refusals.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{fixture, path_str, root, wbs_in, wbs_run};

fn json_rows(dir: &Path, plan: &str) -> Vec<serde_json::Value> {
    let output = wbs_in(dir, &["-f", plan, "list", "--format", "json"]);
    assert_eq!(output.code, 0, "{output}");
    serde_json::from_str(&output.stdout).expect("JSON rows")
}

/// `code title` of every node, one a line.
fn outline_of(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            format!(
                "{} {}",
                r["code"].as_str().unwrap_or("?"),
                r["title"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

#[test]
fn the_seed_becomes_the_tree_of_the_hand_made_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = fixture("import/seed.txt");
    let output = wbs_in(dir.path(), &["import", path_str(&seed)]);
    assert_eq!(output.code, 0, "{output}");
    let report = output.stderr.replace(path_str(&seed), "SEED");
    insta::assert_snapshot!("seed-report", report);

    let written =
        std::fs::read_to_string(dir.path().join("plans/seed.yaml")).expect("plan written");
    assert!(written.starts_with(
        "# Imported by `wbs import` on 2026-11-29 from seed.txt, read as a markdown document.\n"
    ));
    let imported = json_rows(dir.path(), "plans/seed.yaml");
    let hand_made = json_rows(&root(), "plans/programme.yaml");
    // The same groups, teams and tasks, with the same codes.
    assert_eq!(outline_of(&imported), outline_of(&hand_made));
    // The seed's 79 level-3 tasks are the leaves of its six tables.
    let table_tasks = imported
        .iter()
        .filter(|r| r["leaf"] == true && r["level"].as_u64() >= Some(5))
        .count();
    assert_eq!(table_tasks, 79);
    let ids: Vec<&str> = imported
        .iter()
        .take(4)
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(ids, ["领导组", "决策与资源调配", "听取汇报", "工作组"]);
    assert_eq!(imported[1]["notes"], "审批重大方案、协调跨部门资源分配。");

    let check = wbs_in(
        dir.path(),
        &["-f", "plans/seed.yaml", "check", "--deny-warnings"],
    );
    assert_eq!(check.code, 0, "{check}");
}

#[test]
fn a_breakdown_document_with_duties_and_tables() {
    insta::assert_snapshot!(
        "breakdown-md",
        wbs_run(&[
            "import",
            "tests/fixtures/import/breakdown.md",
            "--output",
            "-"
        ])
    );
}

#[test]
fn csv_with_blank_and_multi_item_cells() {
    insta::assert_snapshot!(
        "tasks-csv",
        wbs_run(&["import", "tests/fixtures/import/tasks.csv", "--output", "-"])
    );
}

#[test]
fn csv_by_code_keeps_codes_as_text() {
    let (dir, path) = crate::common::temp_file(
        "codes.csv",
        "WBS,Task name,Owner,Due\n1,Build,ana,\n1.1,Design,,2026-10-01\n1.2,Code,li,\n1.10,Ship,,2026-12-01\n1.10.1,Release notes,,\n2,Run,,\n2.3.1,Orphan,,\n".as_bytes(),
    );
    let output = wbs_in(dir.path(), &["import", path_str(&path), "-o", "-"]);
    insta::assert_snapshot!(
        "codes-csv",
        output.to_string().replace(path_str(&path), "codes.csv")
    );
}

#[test]
fn csv_by_outline_level() {
    let (dir, path) = crate::common::temp_file(
        "levels.csv",
        "Outline Level;Name;% Complete;Start;Finish\n1;Build;;;\n2;Design;100%;2026-09-01;2026-09-30\n2;Code;40%;2026-10-01;2026-11-30\n3;API;;;\n1;Run;;;\n".as_bytes(),
    );
    let output = wbs_in(dir.path(), &["import", path_str(&path), "-o", "-"]);
    insta::assert_snapshot!(
        "levels-csv",
        output.to_string().replace(path_str(&path), "levels.csv")
    );
}

/// A workbook as teams send them: a title row merged across the table,
/// level cells merged down over their subtasks, real dates, a percentage
/// column, several tasks in one cell, and a second sheet.
fn merged_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0%");
    let plain = Format::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("分解").expect("name");
    sheet
        .merge_range(0, 0, 0, 5, "工作分解表（2026）", &plain)
        .expect("merge");
    for (column, name) in [
        "一级任务",
        "二级任务",
        "三级任务",
        "负责人",
        "计划完成",
        "进度",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, column as u16, *name).expect("write");
    }
    // 需求 over rows 3–5, 调研 over rows 3–4.
    sheet
        .merge_range(2, 0, 4, 0, "需求", &plain)
        .expect("merge");
    sheet
        .merge_range(2, 1, 3, 1, "调研", &plain)
        .expect("merge");
    sheet.write_string(4, 1, "评审").expect("write");
    sheet.write_string(2, 2, "访谈用户").expect("write");
    sheet.write_string(3, 2, "整理需求").expect("write");
    sheet.write_string(4, 2, "评审会").expect("write");
    // The owner merged over the two research rows.
    sheet
        .merge_range(2, 3, 3, 3, "张三", &plain)
        .expect("merge");
    sheet.write_string(4, 3, "李四").expect("write");
    let day = |m, d| ExcelDateTime::from_ymd(2026, m, d).expect("date");
    sheet
        .write_datetime_with_format(2, 4, day(1, 30), &date)
        .expect("write");
    sheet
        .write_datetime_with_format(3, 4, day(2, 6), &date)
        .expect("write");
    sheet
        .write_number_with_format(2, 5, 1.0, &percent)
        .expect("write");
    sheet
        .write_number_with_format(3, 5, 0.5, &percent)
        .expect("write");
    sheet.write_string(5, 0, "开发").expect("write");
    sheet.write_string(5, 1, "后端").expect("write");
    sheet
        .write_string(5, 2, "接口开发\n数据库设计")
        .expect("write");
    sheet.write_string(5, 3, "王五").expect("write");
    sheet.write_string(5, 4, "2026/4/30").expect("write");
    workbook.add_worksheet().set_name("Notes").expect("name");
    workbook.save_to_buffer().expect("workbook")
}

#[test]
fn xlsx_with_merged_cells() {
    let (dir, path) = crate::common::temp_file("wbs.xlsx", &merged_workbook());
    let output = wbs_in(dir.path(), &["import", path_str(&path), "-o", "-"]);
    insta::assert_snapshot!(
        "merged-xlsx",
        output.to_string().replace(path_str(&path), "wbs.xlsx")
    );
}

#[test]
fn the_csv_export_imports_back_as_the_same_plan() {
    let exported = wbs_run(&["export", "--format", "csv"]);
    assert_eq!(exported.code, 0, "{exported}");
    let (dir, path) = crate::common::temp_file("programme.csv", exported.stdout.as_bytes());
    let output = wbs_in(dir.path(), &["import", path_str(&path), "-o", "back.yaml"]);
    assert_eq!(output.code, 0, "{output}");
    let back = json_rows(dir.path(), "back.yaml");
    let original = json_rows(&root(), "plans/programme.yaml");
    assert_eq!(back.len(), original.len());
    for (new, old) in back.iter().zip(&original) {
        let leaf: &[&str] = if old["leaf"] == true {
            &["status", "progress", "tags", "notes"]
        } else {
            &[]
        };
        for field in ["code", "id", "title", "owner", "start", "due"]
            .iter()
            .chain(leaf)
        {
            assert_eq!(new[field], old[field], "{field} of {}", old["code"]);
        }
    }
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plans/seed.yaml"), "mine\n").expect("write");
    let seed = fixture("import/seed.txt");
    let output = wbs_in(dir.path(), &["import", path_str(&seed)]);
    insta::assert_snapshot!("exists", output);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plans/seed.yaml")).expect("read"),
        "mine\n"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path().join("plans"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["seed.yaml"], "no temporary file is left");
}

#[test]
fn inputs_that_cannot_be_read_say_what_to_do() {
    // 任务,负责人 in GBK, as Excel saves "CSV" on a Chinese Windows.
    let (dir, gbk) = crate::common::temp_file("gbk.csv", b"\xC8\xCE\xCE\xF1,owner\nA,ana\n");
    std::fs::write(dir.path().join("old.xls"), b"\xD0\xCF\x11\xE0").expect("write");
    std::fs::write(dir.path().join("colours.csv"), "颜色,尺寸\n红,大\n").expect("write");
    std::fs::write(dir.path().join("empty.md"), "Just a paragraph.\n").expect("write");
    std::fs::write(
        dir.path().join("plan.yaml"),
        "wbs: 1\ntitle: T\ntasks: [a]\n",
    )
    .expect("write");
    // Codes 1, 1.1, 1.1.1, … 65 levels deep.
    let deep: String = (1..=65)
        .map(|depth| format!("{},t{depth}\n", vec!["1"; depth].join(".")))
        .collect();
    std::fs::write(dir.path().join("deep.csv"), format!("WBS,title\n{deep}")).expect("write");
    let mut shown = String::new();
    for input in [
        path_str(&gbk),
        "old.xls",
        "colours.csv",
        "empty.md",
        "missing.md",
        "plan.yaml",
        "deep.csv",
    ] {
        let output = wbs_in(dir.path(), &["import", input, "-o", "-"]);
        shown.push_str(&format!("$ wbs import {input}\n{output}\n"));
    }
    insta::assert_snapshot!("unreadable", shown.replace(path_str(&gbk), "gbk.csv"));
    assert!(!dir.path().join("plans").exists(), "nothing was written");
}

#[test]
fn the_xlsx_export_imports_back_as_the_same_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = dir.path().join("programme.xlsx");
    let exported = wbs_run(&["export", "--format", "xlsx", "-o", path_str(&workbook)]);
    assert_eq!(exported.code, 0, "{exported}");
    let output = wbs_in(dir.path(), &["import", "programme.xlsx", "-o", "back.yaml"]);
    assert_eq!(output.code, 0, "{output}");
    let back = json_rows(dir.path(), "back.yaml");
    let original = json_rows(&root(), "plans/programme.yaml");
    assert_eq!(back.len(), original.len());
    for (new, old) in back.iter().zip(&original) {
        for field in [
            "code",
            "id",
            "title",
            "owner",
            "status",
            "progress",
            "start",
            "due",
            "effort_hours",
            "tags",
        ] {
            assert_eq!(new[field], old[field], "{field} of {}", old["code"]);
        }
    }
}

#[test]
fn a_workbook_that_unpacks_past_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = dir.path().join("plan.xlsx");
    let exported = wbs_run(&["export", "--format", "xlsx", "-o", path_str(&workbook)]);
    assert_eq!(exported.code, 0, "{exported}");
    let size = std::fs::metadata(&workbook).expect("written").len();
    // The file is under the limit; what it unpacks to is not.
    let limit = (size + 1000).to_string();
    for args in [
        vec!["import", "plan.xlsx", "-o", "-"],
        vec!["-f", "plan.yaml", "apply", "plan.xlsx"],
    ] {
        let output = crate::common::run(
            crate::common::wbs(&args)
                .current_dir(dir.path())
                .env("WBS_MAX_BYTES", &limit),
        );
        assert_eq!(output.code, 2, "{output}");
        assert!(
            output
                .stderr
                .contains(&format!(", more than {limit} (WBS_MAX_BYTES)")),
            "{output}"
        );
    }
}

#[test]
fn a_plan_imported_beside_others_takes_ids_they_do_not_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = fixture("import/seed.txt");
    let first = wbs_in(dir.path(), &["import", path_str(&seed)]);
    assert_eq!(first.code, 0, "{first}");
    let second = wbs_in(
        dir.path(),
        &["import", path_str(&seed), "-o", "plans/again.yaml"],
    );
    assert_eq!(second.code, 0, "{second}");
    // The two are one plan set (plans/), whose ids must be unique.
    let check = wbs_in(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{check}");
    let again = json_rows(dir.path(), "plans/again.yaml");
    let ids: Vec<&str> = again
        .iter()
        .take(3)
        .map(|r| r["id"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        ids,
        ["领导组-2", "领导组-决策与资源调配", "领导组-听取汇报"]
    );
}

/// The seed document imported in Chinese: the report reads as Chinese,
/// and the plan written is the same bytes as in English.
#[test]
fn the_seed_report_in_chinese() {
    let seed = fixture("import/seed.txt");
    let english = tempfile::tempdir().expect("temp dir");
    assert_eq!(wbs_in(english.path(), &["import", path_str(&seed)]).code, 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let output = wbs_in(dir.path(), &["--lang", "zh", "import", path_str(&seed)]);
    assert_eq!(output.code, 0, "{output}");
    let report = output.stderr.replace(path_str(&seed), "SEED");
    let seed_text = std::fs::read_to_string(&seed).expect("the seed");
    assert_eq!(
        crate::common::english_words(&report, &seed_text, &["SEED", "plans", "seed", "tree"]),
        Default::default(),
        "{report}"
    );
    insta::assert_snapshot!("seed-report-zh", report);
    let read =
        |d: &tempfile::TempDir| std::fs::read(d.path().join("plans/seed.yaml")).expect("written");
    assert_eq!(read(&dir), read(&english));
    let twice = wbs_in(dir.path(), &["--lang", "zh", "import", path_str(&seed)]);
    insta::assert_snapshot!(twice, @"
    ----- stderr -----
    错误：`plans/seed.yaml` 已存在；wbs import 从不覆盖文件
    提示：换一个新文件名，例如 `--output plans/seed-imported.yaml`，或用 `--output -` 直接输出计划
    [exit status: 2]
    ");
    // The locale chooses Chinese too.
    let again = tempfile::tempdir().expect("temp dir");
    let locale = crate::common::run(
        crate::common::wbs(&["import", path_str(&seed)])
            .current_dir(again.path())
            .env("LC_ALL", "zh_CN.UTF-8"),
    );
    assert_eq!(locale.stderr, output.stderr);
}

/// A CSV file's report in Chinese: the table's columns and notes.
#[test]
fn a_csv_report_in_chinese() {
    let (dir, path) = crate::common::temp_file(
        "levels.csv",
        "Outline Level;Name;% Complete;Start;Finish\n1;Build;;;\n2;Design;100%;2026-09-01;2026-09-30\n2;Code;40%;2026-10-01;2026-11-30\n3;API;;;\n1;Run;;;\n".as_bytes(),
    );
    let output = wbs_in(
        dir.path(),
        &["--lang", "zh", "import", path_str(&path), "-o", "-"],
    );
    assert_eq!(output.code, 0, "{output}");
    insta::assert_snapshot!(
        "levels-csv-zh",
        output.stderr.replace(path_str(&path), "levels.csv")
    );
    let (dir, path) = crate::common::temp_file(
        "codes.csv",
        "WBS,Task name,Owner,Due\n1,Build,ana,\n1.1,Design,,2026-10-01\n1.2,Code,li,\n1.10,Ship,,2026-12-01\n1.10.1,Release notes,,\n2,Run,,\n2.3.1,Orphan,,\n1.1,Again,,\n".as_bytes(),
    );
    let output = wbs_in(
        dir.path(),
        &["--lang", "zh", "import", path_str(&path), "-o", "-"],
    );
    assert_eq!(output.code, 0, "{output}");
    let report = output.stderr.replace(path_str(&path), "codes.csv");
    assert_eq!(
        crate::common::english_words(
            &report,
            "WBS Task name Owner Due codes csv Orphan Again",
            &["progress", "done", "in"]
        ),
        Default::default(),
        "{report}"
    );
    insta::assert_snapshot!("codes-csv-zh", report);
    let (dir, path) = crate::common::temp_file(
        "cells.csv",
        "Task,Status,Due,Effort\nA,maybe,soon,5\nB,done,2026-02-30,2d\n".as_bytes(),
    );
    let output = wbs_in(
        dir.path(),
        &["--lang", "zh", "import", path_str(&path), "-o", "-"],
    );
    assert_eq!(output.code, 0, "{output}");
    let report = output.stderr.replace(path_str(&path), "cells.csv");
    assert_eq!(
        crate::common::english_words(
            &report,
            "Task Status Due Effort cells csv maybe soon",
            &["progress", "in", "YYYY", "MM", "DD"]
        ),
        Default::default(),
        "{report}"
    );
    insta::assert_snapshot!("cells-csv-zh", report);
    // Columns left unread say why, in Chinese.
    let (dir, path) = crate::common::temp_file(
        "unused.csv",
        "Outline Level,Name,WBS,Colour,Predecessors,Name\n1,Build,1,red,,x\n2,Design,1.1,,1,y\n"
            .as_bytes(),
    );
    let output = wbs_in(
        dir.path(),
        &["--lang", "zh", "import", path_str(&path), "-o", "-"],
    );
    assert_eq!(output.code, 0, "{output}");
    let report = output.stderr.replace(path_str(&path), "unused.csv");
    assert_eq!(
        crate::common::english_words(
            &report,
            "Outline Level Name WBS Colour Predecessors unused csv",
            &[]
        ),
        Default::default(),
        "{report}"
    );
    insta::assert_snapshot!("unused-csv-zh", report);
}

#[test]
fn inputs_that_cannot_be_imported_say_why_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs: [(&str, &[u8]); 4] = [
        ("bad.csv", b"a,b\n1,2\n"),
        ("gbk.csv", b"title\n\xC8\xCE\xCE\xF1\n"),
        ("plan.yaml", b"wbs: 1\n"),
        ("junk.xlsx", b"PK\x03\x04junk"),
    ];
    let mut shown = String::new();
    for (name, bytes) in inputs {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        let output = wbs_in(dir.path(), &["--lang", "zh", "import", name, "-o", "-"]);
        assert_eq!(output.code, 2, "{output}");
        assert_eq!(
            crate::common::english_words(
                &output.stderr,
                "bad csv gbk plan yaml junk xlsx",
                &[
                    "Level", "WBS", "level", "Excel", "WPS", "EOCD", "invalid", "Zip", "archive",
                    "Could", "not", "find", "GBK"
                ]
            ),
            Default::default(),
            "{output}"
        );
        shown.push_str(&output.stderr);
    }
    insta::assert_snapshot!("refusals-zh", shown);
}
