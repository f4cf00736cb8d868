//! History for a terminal: a heading, the burn-up chart, the table of
//! points and the forecast, fitted to the width.

use std::io::Write;

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::chart::{self, Style};
use super::signed_hours;
use crate::commands::report::hours;
use crate::history::{Forecast, Gap, History, Point, State};
use crate::plan::derive::round1;
use crate::safe::escape_control;
use crate::table::cut;

/// Without a width (output to a pipe), the chart and text are drawn for
/// this many columns; the table keeps whole cells.
const DEFAULT_WIDTH: usize = 80;

pub(super) fn write(
    history: &History,
    width: Option<u16>,
    style: Style,
    out: &mut impl Write,
) -> Result<()> {
    let text_width = width.map_or(DEFAULT_WIDTH, usize::from);
    let bold = |text: &str| {
        if style.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let points = &history.points;
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (first.commit.date, last.commit.date),
        _ => return Ok(()),
    };
    let title = escape_control(history.title.as_deref().unwrap_or("Plan")).into_owned();
    let span = format!(
        "{} point{}, {first} to {last}",
        points.len(),
        if points.len() == 1 { "" } else { "s" },
    );
    // The title gives way to the points and dates; at a very narrow width
    // they go on a line of their own.
    let room = text_width.saturating_sub(span.width() + 3);
    if room >= 10 {
        writeln!(out, "{}", bold(&format!("{} — {span}", cut(&title, room))))?;
    } else {
        writeln!(out, "{}", bold(&cut(&title, text_width)))?;
        for line in wrap(&span, text_width, "") {
            writeln!(out, "{line}")?;
        }
    }
    let chart = chart::burn_up(points, text_width, style);
    if !chart.is_empty() {
        writeln!(out)?;
        for line in chart {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)?;
    table(points, width.map(usize::from), out)?;
    writeln!(out)?;
    for line in forecast_lines(history, text_width) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A column of the table: its header, whether it is right-aligned, and
/// how readily it is left out when the width is short (lowest first).
struct Column {
    header: &'static str,
    right: bool,
    drop_order: u8,
}

const COLUMNS: [Column; 8] = [
    Column {
        header: "date",
        right: false,
        drop_order: 9,
    },
    Column {
        header: "commit",
        right: false,
        drop_order: 3,
    },
    Column {
        header: "progress",
        right: true,
        drop_order: 9,
    },
    Column {
        header: "done",
        right: true,
        drop_order: 8,
    },
    Column {
        header: "effort",
        right: true,
        drop_order: 7,
    },
    Column {
        header: "earned",
        right: true,
        drop_order: 4,
    },
    Column {
        header: "overdue",
        right: true,
        drop_order: 6,
    },
    Column {
        header: "blocked",
        right: true,
        drop_order: 5,
    },
];

/// The subject, last, takes what room is left; below this it is left out.
const MIN_SUBJECT: usize = 12;

fn table(points: &[Point], width: Option<usize>, out: &mut impl Write) -> Result<()> {
    let rows: Vec<(Vec<String>, String)> = points.iter().map(row).collect();
    let mut widths: Vec<usize> = COLUMNS.iter().map(|c| c.header.width()).collect();
    for (cells, _) in &rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(cell.width());
        }
    }
    let mut shown: Vec<usize> = (0..COLUMNS.len()).collect();
    let used = |shown: &[usize]| -> usize {
        shown.iter().map(|&i| widths[i]).sum::<usize>() + 2 * shown.len().saturating_sub(1)
    };
    let subject_width = rows
        .iter()
        .map(|(_, s)| s.width())
        .max()
        .unwrap_or(0)
        .max(7);
    let subject = match width {
        None => Some(subject_width),
        Some(width) => {
            while used(&shown) > width && shown.len() > 1 {
                let (at, _) = shown
                    .iter()
                    .enumerate()
                    .min_by_key(|&(_, &i)| COLUMNS[i].drop_order)
                    .unwrap_or((0, &0));
                shown.remove(at);
            }
            let room = width.saturating_sub(used(&shown) + 2);
            (room >= MIN_SUBJECT).then(|| room.min(subject_width))
        }
    };
    let mut header: Vec<(String, usize, bool)> = shown
        .iter()
        .map(|&i| (COLUMNS[i].header.to_owned(), widths[i], COLUMNS[i].right))
        .collect();
    if let Some(w) = subject {
        header.push(("subject".to_owned(), w, false));
    }
    writeln!(out, "{}", line(&header))?;
    for (cells, subject_text) in &rows {
        let mut row: Vec<(String, usize, bool)> = shown
            .iter()
            .map(|&i| (cells[i].clone(), widths[i], COLUMNS[i].right))
            .collect();
        if let Some(w) = subject {
            row.push((cut(subject_text, w).into_owned(), w, false));
        }
        writeln!(out, "{}", line(&row))?;
    }
    Ok(())
}

/// Cells padded to their widths, two spaces apart, trailing spaces cut.
fn line(cells: &[(String, usize, bool)]) -> String {
    let mut text = String::new();
    for (i, (cell, width, right)) in cells.iter().enumerate() {
        if i > 0 {
            text.push_str("  ");
        }
        let pad = " ".repeat(width.saturating_sub(cell.width()));
        if *right {
            text.push_str(&pad);
            text.push_str(cell);
        } else {
            text.push_str(cell);
            text.push_str(&pad);
        }
    }
    text.trim_end().to_owned()
}

/// A point's cells in [`COLUMNS`] order, and its subject.
fn row(point: &Point) -> (Vec<String>, String) {
    let date = point.commit.date.to_string();
    let commit = point.commit.id.chars().take(7).collect();
    let subject = escape_control(&point.commit.subject).into_owned();
    match &point.state {
        State::Valid(n) => (
            vec![
                date,
                commit,
                format!("{:.1}%", round1(n.progress)),
                format!("{}/{}", n.done, n.leaves),
                format!(
                    "{}/{}",
                    hours(n.done_hours).trim_end_matches('h'),
                    hours(n.effort_hours)
                ),
                n.earned_hours.map(signed_hours).unwrap_or_default(),
                n.overdue.to_string(),
                n.blocked.to_string(),
            ],
            subject,
        ),
        State::Gap(gap) => {
            let why = match gap {
                Gap::Errors(1) => "1 error".to_owned(),
                Gap::Errors(n) => format!("{n} errors"),
                Gap::NoPlanFiles => "no plans".to_owned(),
                Gap::TooBig { .. } => "too big".to_owned(),
            };
            let mut cells = vec![date, commit, "gap".to_owned(), why];
            cells.resize(COLUMNS.len(), String::new());
            let subject = match gap.note() {
                Some(note) if matches!(gap, Gap::TooBig { .. }) => format!("({note}) {subject}"),
                _ => subject,
            };
            (cells, subject)
        }
    }
}

/// The forecast, or why there is none, wrapped to `width`.
fn forecast_lines(history: &History, width: usize) -> Vec<String> {
    let forecast = match &history.forecast {
        Ok(forecast) => forecast,
        Err(why) => return wrap(&format!("Forecast: none — {}.", why.reason()), width, ""),
    };
    let date = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(|| "more than ten years out".to_owned(), |d| d.to_string())
    };
    let mut lines = wrap(
        &format!(
            "Forecast: done by {} (50% chance) or by {} (85% chance)",
            date(forecast.p50),
            date(forecast.p85)
        ),
        width,
        "",
    );
    lines.extend(wrap(&scope_sentence(forecast), width, "  "));
    lines.extend(wrap(&format!("Method: {}.", forecast.method), width, "  "));
    lines
}

/// How the scope moved over the forecast's days, apart from progress.
fn scope_sentence(forecast: &Forecast) -> String {
    let days = forecast.window_days;
    let change = match forecast.scope_change_hours.round() {
        0.0 => "the scope did not change".to_owned(),
        c if c > 0.0 => format!("the scope grew by {}", hours(c)),
        c => format!("the scope shrank by {}", hours(-c)),
    };
    let rescoped = forecast.rescoped_done_hours.round();
    let rescoped = if rescoped == 0.0 {
        String::new()
    } else {
        format!(
            "; {} of done effort came from re-estimates and added or removed tasks, not progress",
            signed_hours(rescoped)
        )
    };
    format!(
        "{} left; over the last {days} day{} {} a day was earned by progress and {change}{rescoped}.",
        hours(forecast.remaining_hours),
        if days == 1 { "" } else { "s" },
        hours_fraction(forecast.daily_gain_hours),
    )
}

/// `21.3h`: hours to one decimal.
fn hours_fraction(value: f64) -> String {
    format!("{value:.1}h")
}

/// Words wrapped to `width`, each line after `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.width()).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        // A word longer than a line is cut, so no line is wider.
        let word = cut(word, room);
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}
