//! History for a terminal: a heading, the burn-up chart, the table of
//! points and the forecast, fitted to the width.

use std::io::Write;

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::chart::{self, Style};
use super::signed_hours;
use crate::commands::report::hours;
use crate::history::{Forecast, Gap, History, Point, State};
use crate::i18n::Lang;
use crate::i18n::history::{Column as Header, History as Say, Label, ScopeMove};
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
    lang: Lang,
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
    let title = history.title.as_deref().unwrap_or(lang.phrase(Label::Plan));
    let title = escape_control(title).into_owned();
    let span = lang
        .show(&Say::Span {
            points: points.len(),
            first,
            last,
        })
        .to_string();
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
    let chart = chart::burn_up(points, text_width, style, lang);
    if !chart.is_empty() {
        writeln!(out)?;
        for line in chart {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)?;
    table(points, width.map(usize::from), lang, out)?;
    writeln!(out)?;
    for line in forecast_lines(history, text_width, lang) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A column of the table: its header, whether it is right-aligned, and
/// how readily it is left out when the width is short (lowest first).
struct Column {
    header: Header,
    right: bool,
    drop_order: u8,
}

const COLUMNS: [Column; 8] = [
    Column {
        header: Header::Date,
        right: false,
        drop_order: 9,
    },
    Column {
        header: Header::Commit,
        right: false,
        drop_order: 3,
    },
    Column {
        header: Header::Progress,
        right: true,
        drop_order: 9,
    },
    Column {
        header: Header::Done,
        right: true,
        drop_order: 8,
    },
    Column {
        header: Header::Effort,
        right: true,
        drop_order: 7,
    },
    Column {
        header: Header::Earned,
        right: true,
        drop_order: 4,
    },
    Column {
        header: Header::Overdue,
        right: true,
        drop_order: 6,
    },
    Column {
        header: Header::Blocked,
        right: true,
        drop_order: 5,
    },
];

/// The subject, last, takes what room is left; below this it is left out.
const MIN_SUBJECT: usize = 12;

fn table(points: &[Point], width: Option<usize>, lang: Lang, out: &mut impl Write) -> Result<()> {
    let rows: Vec<(Vec<String>, String)> = points.iter().map(|p| row(p, lang)).collect();
    let mut widths: Vec<usize> = COLUMNS
        .iter()
        .map(|c| lang.phrase(c.header).width())
        .collect();
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
        .map(|&i| {
            let header = lang.phrase(COLUMNS[i].header).to_owned();
            (header, widths[i], COLUMNS[i].right)
        })
        .collect();
    if let Some(w) = subject {
        header.push((lang.phrase(Header::Subject).to_owned(), w, false));
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
fn row(point: &Point, lang: Lang) -> (Vec<String>, String) {
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
                Gap::Errors(count) => lang.show(&Say::Errors { count: *count }).to_string(),
                Gap::NoPlanFiles => lang.phrase(Label::NoPlans).to_owned(),
                Gap::TooBig { .. } => lang.phrase(Label::TooBig).to_owned(),
            };
            let mut cells = vec![date, commit, lang.phrase(Label::Gap).to_owned(), why];
            cells.resize(COLUMNS.len(), String::new());
            let subject = match gap_note(gap, lang) {
                Some(note) if matches!(gap, Gap::TooBig { .. }) => format!("({note}) {subject}"),
                _ => subject,
            };
            (cells, subject)
        }
    }
}

/// Why a gap's version could not be loaded, in words; `None` for errors.
pub(super) fn gap_note(gap: &Gap, lang: Lang) -> Option<String> {
    let note = match gap {
        Gap::Errors(_) => return None,
        Gap::NoPlanFiles => Say::NoPlanFiles,
        Gap::TooBig { file, size, limit } => Say::TooBig {
            file: escape_control(file).into_owned(),
            size: *size,
            limit: *limit,
        },
    };
    Some(lang.show(&note).to_string())
}

/// The forecast, or why there is none, wrapped to `width`.
fn forecast_lines(history: &History, width: usize, lang: Lang) -> Vec<String> {
    let forecast = match &history.forecast {
        Ok(forecast) => forecast,
        Err(why) => {
            let why = (*why).into();
            return wrap(&lang.show(&Say::NoForecast { why }).to_string(), width, "");
        }
    };
    let first = Say::Forecast {
        p50: forecast.p50,
        p85: forecast.p85,
    };
    let mut lines = wrap(&lang.show(&first).to_string(), width, "");
    lines.extend(wrap(&lang.show(&pace(forecast)).to_string(), width, "  "));
    let method = lang.show(&method(forecast)).to_string();
    let method = lang.show(&Say::MethodLine { method }).to_string();
    lines.extend(wrap(&method, width, "  "));
    lines
}

/// How the forecast was made, in words.
pub(super) fn method(forecast: &Forecast) -> Say {
    Say::Method {
        runs: crate::history::forecast::RUNS,
        window: forecast.window_days,
        mean: forecast.daily_gain_hours,
        remaining: forecast.remaining_hours,
    }
}

/// What is left, and how the scope moved over the forecast's days, apart
/// from progress.
fn pace(forecast: &Forecast) -> Say {
    let scope = match forecast.scope_change_hours.round() {
        0.0 => ScopeMove::Same,
        c if c > 0.0 => ScopeMove::Grew(hours(c)),
        c => ScopeMove::Shrank(hours(-c)),
    };
    let rescoped = forecast.rescoped_done_hours.round();
    Say::Pace {
        remaining: hours(forecast.remaining_hours),
        days: forecast.window_days,
        daily_gain: hours_fraction(forecast.daily_gain_hours),
        scope,
        rescoped: (rescoped != 0.0).then(|| signed_hours(rescoped)),
    }
}

/// `21.3h`: hours to one decimal.
fn hours_fraction(value: f64) -> String {
    format!("{value:.1}h")
}

/// Words wrapped to `width`, each line after `indent`. Chinese has no
/// spaces between words: a run of wide characters that does not fit
/// breaks between any two of them.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.width()).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let wide = word.width() > word.chars().count();
        // A word longer than a line is cut, so no line is wider.
        let word = if wide {
            std::borrow::Cow::Borrowed(word)
        } else {
            cut(word, room)
        };
        let needed = word.width() + usize::from(!line.is_empty());
        if line.width() + needed <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
            continue;
        }
        if !wide || line.width() + 2 > room {
            if !line.is_empty() {
                lines.push(format!("{indent}{line}"));
                line.clear();
            }
            if !wide {
                line.push_str(&word);
                continue;
            }
        } else if !line.is_empty() {
            line.push(' ');
        }
        for unit in units(&word) {
            if !line.is_empty() && line.width() + unit.width() > room {
                lines.push(format!("{indent}{}", line.trim_end()));
                line.clear();
            }
            line.push_str(unit);
        }
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

/// The pieces a word with wide characters may break between: each wide
/// character, a run of narrow ones (`4.0h`), with closing punctuation
/// kept after what it closes and opening punctuation before what it opens.
fn units(word: &str) -> Vec<&str> {
    const CLOSING: &str = "，。；：、）」』》！？";
    const OPENING: &str = "（「『《";
    let mut units = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in word.char_indices() {
        let joins = match previous {
            None => true,
            Some(p) => CLOSING.contains(c) || OPENING.contains(p) || (!is_wide(c) && !is_wide(p)),
        };
        if !joins {
            units.push(&word[start..at]);
            start = at;
        }
        previous = Some(c);
    }
    units.push(&word[start..]);
    units
}

fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1
}

#[cfg(test)]
mod tests {
    use super::{units, wrap};

    #[test]
    fn chinese_breaks_between_characters_not_inside_numbers() {
        assert_eq!(
            units("完成4.0h，范围（平均"),
            ["完", "成", "4.0h，", "范", "围", "（平", "均"]
        );
        assert_eq!(units("done"), ["done"]);
        let lines = wrap(
            "预测：有 50% 的可能在 2026-10-02 前完成，85% 的可能",
            20,
            "",
        );
        assert_eq!(
            lines,
            [
                "预测：有 50% 的可能",
                "在 2026-10-02 前完",
                "成，85% 的可能"
            ]
        );
    }
}
