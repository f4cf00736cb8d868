//! The value types of plan fields and how their text is read.
//!
//! These parsers know the format (SPEC §1), not YAML: they take the text of a
//! scalar and say what it means or why it is wrong.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Todo,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Todo,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Cancelled,
    ];

    /// Every spelling accepted in a plan or a query, aliases included.
    pub const SPELLINGS: [&'static str; 8] = [
        "todo",
        "in-progress",
        "blocked",
        "done",
        "cancelled",
        "doing",
        "wip",
        "canceled",
    ];

    /// Reads a status or one of its aliases; case matters.
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "todo" => Status::Todo,
            "in-progress" | "doing" | "wip" => Status::InProgress,
            "blocked" => Status::Blocked,
            "done" => Status::Done,
            "cancelled" | "canceled" => Status::Cancelled,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads a percentage: a number 0–100, optionally followed by `%`.
pub fn parse_progress(text: &str) -> Option<f64> {
    let number = text.strip_suffix('%').unwrap_or(text);
    let value = parse_decimal(number)?;
    (0.0..=100.0).contains(&value).then_some(value)
}

/// Reads effort (`4h`, `1.5d`, `2w`) as hours: 1d = 8h, 1w = 5d.
pub fn parse_effort(text: &str) -> Option<f64> {
    let (number, unit) = text.split_at(text.char_indices().last()?.0);
    let hours_per_unit = match unit {
        "h" => 1.0,
        "d" => 8.0,
        "w" => 40.0,
        _ => return None,
    };
    let hours = parse_decimal(number)? * hours_per_unit;
    // A million hours is five centuries of work: anything larger is a typo,
    // and a value that overflows would turn every roll-up into NaN.
    (hours <= MAX_EFFORT_HOURS).then_some(hours)
}

/// The largest effort accepted, in hours.
pub const MAX_EFFORT_HOURS: f64 = 1_000_000.0;

/// A plain decimal: digits with at most one point, nothing else. Rust's own
/// float parser would also take `inf`, `1e3` and `+5`, which no plan means.
fn parse_decimal(text: &str) -> Option<f64> {
    let mut seen_point = false;
    let mut digits = 0;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads a `YYYY-MM-DD` calendar date; 2026-02-30 is refused.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    // Read the digits directly: chrono's format parser is general and, at
    // 200,000 dates a plan, measurably slow.
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
}

/// Whether `text` is a valid id: Unicode letters and digits, `-`, `_` and
/// `.`, and not made only of digits and dots, which would read as a WBS code.
pub fn is_valid_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Formats hours back as the shortest effort text (`16h` → `2d`).
pub fn format_hours(hours: f64) -> String {
    let trimmed = |v: f64| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if hours != 0.0 && hours % 40.0 == 0.0 {
        format!("{}w", trimmed(hours / 40.0))
    } else if hours != 0.0 && hours % 8.0 == 0.0 {
        format!("{}d", trimmed(hours / 8.0))
    } else {
        format!("{}h", trimmed(hours))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_aliases() {
        assert_eq!(Status::parse("wip"), Some(Status::InProgress));
        assert_eq!(Status::parse("doing"), Some(Status::InProgress));
        assert_eq!(Status::parse("canceled"), Some(Status::Cancelled));
        assert_eq!(Status::parse("Done"), None);
        for spelling in Status::SPELLINGS {
            assert!(Status::parse(spelling).is_some());
        }
    }

    #[test]
    fn progress_forms() {
        let cases = [
            ("40", Some(40.0)),
            ("37.5", Some(37.5)),
            ("40%", Some(40.0)),
            ("0", Some(0.0)),
            ("100", Some(100.0)),
            ("101", None),
            ("-1", None),
            ("abc", None),
            ("40%%", None),
            ("", None),
            ("%", None),
            ("1e2", None),
            ("inf", None),
            (".", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_progress(text), expected, "{text}");
        }
    }

    #[test]
    fn effort_forms() {
        let cases = [
            ("4h", Some(4.0)),
            ("1.5d", Some(12.0)),
            ("2w", Some(80.0)),
            ("0h", Some(0.0)),
            ("3", None),
            ("d", None),
            ("3x", None),
            ("-1d", None),
            ("", None),
            ("设d", None),
            ("1000000h", Some(1_000_000.0)),
            ("125001d", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_effort(text), expected, "{text}");
        }
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("2026-13-01").is_none());
        assert!(parse_date("26-01-01xx").is_none());
    }

    #[test]
    fn ids() {
        for good in ["design", "平台-1", "a.b_c", "v1.2a", "2d"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["", "1.2", "42", "a b", "a/b", "a:b", "..."] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn hours_format() {
        assert_eq!(format_hours(16.0), "2d");
        assert_eq!(format_hours(80.0), "2w");
        assert_eq!(format_hours(12.0), "12h");
        assert_eq!(format_hours(3.0), "3h");
        assert_eq!(format_hours(0.0), "0h");
    }
}
