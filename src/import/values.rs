//! Cells read as plan values: status words in Chinese and English, dates
//! in the shapes spreadsheets write, effort with its unit, percentages.
//! Each reader says in words why a cell cannot be read.

use crate::i18n::import::CellProblem;
use chrono::NaiveDate;

use crate::plan::Status;
use crate::plan::fields;

/// One cell of a table, as its input holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell of a sheet.
    Number(f64),
    /// A date cell of a sheet.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, trimmed: a number in its shortest form, a date as
    /// `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }
}

/// A number in its shortest form: `3`, `1.5`.
pub fn number_text(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The status words an import understands, beside the plan's own
/// spellings. English is matched without regard to case.
const STATUS_WORDS: &[(Status, &[&str])] = &[
    (
        Status::Todo,
        &[
            "to do",
            "to-do",
            "not started",
            "open",
            "new",
            "planned",
            "待办",
            "未开始",
            "未启动",
            "待开始",
            "计划中",
            "待处理",
        ],
    ),
    (
        Status::InProgress,
        &[
            "in progress",
            "started",
            "ongoing",
            "active",
            "进行中",
            "处理中",
            "实施中",
            "执行中",
            "开发中",
            "已开始",
        ],
    ),
    (
        Status::Blocked,
        &["on hold", "受阻", "阻塞", "已阻塞", "暂停", "挂起"],
    ),
    (
        Status::Done,
        &[
            "complete",
            "completed",
            "finished",
            "closed",
            "resolved",
            "已完成",
            "完成",
            "已结束",
            "结束",
            "已关闭",
            "关闭",
        ],
    ),
    (
        Status::Cancelled,
        &["dropped", "已取消", "取消", "作废", "已作废"],
    ),
];

/// A status from the plan's words (`in-progress`, `wip`…), or a Chinese
/// or English word for one (进行中, Completed).
pub fn status(text: &str) -> Result<Status, CellProblem> {
    let text = text.trim();
    let lower = text.to_lowercase();
    if let Some(status) = Status::parse(&lower) {
        return Ok(status);
    }
    for (status, words) in STATUS_WORDS {
        if words.contains(&lower.as_str()) {
            return Ok(*status);
        }
    }
    Err(CellProblem::NotStatus)
}

/// A date: a date cell, `2026-10-01`, `2026/10/1`, `2026.10.1` or
/// `2026年10月1日` (a time after it is ignored), or in a sheet a plain
/// number, which Excel counts in days from 1899-12-30.
pub fn date(cell: &Cell) -> Result<NaiveDate, CellProblem> {
    const HELP: CellProblem = CellProblem::NotDate;
    match cell {
        Cell::Date(date) => Ok(*date),
        Cell::Number(serial) if (1.0..2_958_466.0).contains(serial) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(*serial as u64)))
                .ok_or(HELP)
        }
        Cell::Number(_) | Cell::Empty => Err(HELP),
        Cell::Text(text) => {
            let text = text.trim();
            let day = text.split([' ', 'T']).next().unwrap_or_default();
            let parts: Vec<&str> = day
                .trim_end_matches('日')
                .split(['-', '/', '.', '年', '月'])
                .collect();
            let number = |s: &str| {
                (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| s.parse::<u32>().ok())
                    .flatten()
            };
            match parts.as_slice() {
                [y, m, d] if y.len() == 4 => match (number(y), number(m), number(d)) {
                    (Some(y), Some(m), Some(d)) if m <= 12 && d <= 31 => {
                        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(CellProblem::NotCalendarDay)
                    }
                    _ => Err(HELP),
                },
                _ => Err(HELP),
            }
        }
    }
}

/// Percent complete, 0–100: `40`, `40%`, a number cell; `fractions` reads
/// sheet numbers as fractions (0.4 is 40%), for a column formatted as
/// percentages.
pub fn progress(cell: &Cell, fractions: bool) -> Result<f64, CellProblem> {
    const HELP: CellProblem = CellProblem::NotPercentage;
    let value = match cell {
        Cell::Number(n) if fractions => n * 100.0,
        Cell::Number(n) => *n,
        Cell::Text(text) => {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let compact = decimal_point(&compact.replace('％', "%"));
            return fields::parse_progress(&compact).ok_or(HELP);
        }
        Cell::Empty | Cell::Date(_) => return Err(HELP),
    };
    // A fraction times 100 can come out as 40.00000000000001.
    let value = (value * 1e9).round() / 1e9;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(HELP)
    }
}

/// Effort as the plan writes it (`3d`): `3d`, `3 days`, `3天`, `3人天`,
/// `4h`, `4小时`, `2w`, `2周`; a bare number takes the column's unit.
pub fn effort(cell: &Cell, unit: Option<char>) -> Result<String, CellProblem> {
    let text = match cell {
        Cell::Number(n) => number_text(*n),
        Cell::Text(text) => decimal_point(text.trim()),
        Cell::Empty | Cell::Date(_) => String::new(),
    };
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, word) = (&text[..digits], text[digits..].trim().to_lowercase());
    let unit = match word.as_str() {
        "" => unit.ok_or(CellProblem::NoUnit)?,
        "h" | "hr" | "hrs" | "hour" | "hours" | "小时" | "工时" => 'h',
        "d" | "day" | "days" | "天" | "日" | "人天" | "人日" | "工作日" => 'd',
        "w" | "wk" | "week" | "weeks" | "周" | "星期" => 'w',
        _ => return Err(CellProblem::NotEffort),
    };
    let written = format!("{number}{unit}");
    match fields::parse_effort(&written) {
        Some(_) => Ok(written),
        None => Err(CellProblem::NotEffort),
    }
}

/// A number written with a decimal comma (`37,5`, as where `;` separates
/// CSV cells) with a point instead; a comma before exactly three digits
/// (`1,000`) is a thousands separator and goes.
fn decimal_point(text: &str) -> String {
    let Some(at) = text.find(',') else {
        return text.to_owned();
    };
    let after = &text[at + 1..];
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 3 && !after[3..].starts_with(|c: char| c.is_ascii_digit()) {
        text.replacen(',', "", 1)
    } else {
        text.replacen(',', ".", 1)
    }
}

/// Tags from a cell: split at commas (`,` `，`), `、`, `;` and line
/// breaks, each trimmed, repeats left out. A cell with a quote is read as
/// wbs writes a list (`"a,b",c`), so tags of its own exports come back
/// whole.
pub fn tags(text: &str) -> Vec<String> {
    if text.contains('"')
        && let Ok(items) = crate::sheet::parse_list(text)
    {
        let mut tags: Vec<String> = Vec::new();
        for item in items {
            if !item.text.is_empty() && !tags.contains(&item.text) {
                tags.push(item.text);
            }
        }
        return tags;
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', '，', '、', ';', '；', '\n']) {
        let tag = tag.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn status_words() {
        for (word, expected) in [
            ("待办", Status::Todo),
            ("未开始", Status::Todo),
            ("进行中", Status::InProgress),
            ("受阻", Status::Blocked),
            ("阻塞", Status::Blocked),
            ("已完成", Status::Done),
            ("完成", Status::Done),
            ("已取消", Status::Cancelled),
            ("取消", Status::Cancelled),
            ("In Progress", Status::InProgress),
            ("Done", Status::Done),
            ("wip", Status::InProgress),
            ("Completed", Status::Done),
        ] {
            assert_eq!(status(word), Ok(expected), "{word}");
        }
        assert!(status("maybe").is_err());
    }

    #[test]
    fn dates_in_spreadsheet_shapes() {
        for (cell, expected) in [
            (text("2026-10-01"), day(2026, 10, 1)),
            (text("2026/10/1"), day(2026, 10, 1)),
            (text("2026.1.5"), day(2026, 1, 5)),
            (text("2026年10月1日"), day(2026, 10, 1)),
            (text("2026-10-01 00:00:00"), day(2026, 10, 1)),
            (Cell::Date(day(2027, 2, 28)), day(2027, 2, 28)),
            (Cell::Number(46296.0), day(2026, 10, 1)),
        ] {
            assert_eq!(date(&cell), Ok(expected), "{cell:?}");
        }
        for bad in ["10/1/2026", "2026-02-30", "next week", "2026-13-01"] {
            assert!(date(&text(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn progress_and_effort() {
        assert_eq!(progress(&text("40%"), false), Ok(40.0));
        assert_eq!(progress(&text("37.5 ％"), false), Ok(37.5));
        assert_eq!(progress(&Cell::Number(0.4), true), Ok(40.0));
        assert_eq!(progress(&Cell::Number(40.0), false), Ok(40.0));
        assert!(progress(&text("120"), false).is_err());
        assert_eq!(progress(&text("37,5"), false), Ok(37.5));
        assert_eq!(effort(&text("1,5d"), None), Ok("1.5d".to_owned()));
        assert_eq!(effort(&text("1,000h"), None), Ok("1000h".to_owned()));
        assert_eq!(effort(&text("3d"), None), Ok("3d".to_owned()));
        assert_eq!(effort(&text("1.5 days"), None), Ok("1.5d".to_owned()));
        assert_eq!(effort(&text("3人天"), None), Ok("3d".to_owned()));
        assert_eq!(effort(&text("4小时"), None), Ok("4h".to_owned()));
        assert_eq!(effort(&text("2周"), None), Ok("2w".to_owned()));
        assert_eq!(effort(&Cell::Number(5.0), Some('d')), Ok("5d".to_owned()));
        assert!(effort(&text("5"), None).is_err());
        assert!(effort(&text("a lot"), None).is_err());
        assert_eq!(tags("培训、试点, 数据；x"), ["培训", "试点", "数据", "x"]);
        assert_eq!(tags("\"a,b\",c, \" d \""), ["a,b", "c", " d "]);
    }
}
