//! The burn-up chart for a terminal: scope (the effort of live tasks) as a
//! line and done effort as a filled area over time, drawn with block
//! characters in eighths of a cell, or with ASCII only.

use chrono::NaiveDate;

use crate::commands::report::hours;
use crate::history::Point;
use crate::i18n::Lang;
use crate::i18n::history::Label;

/// How the chart is drawn.
#[derive(Debug, Clone, Copy)]
pub(in crate::commands::history) struct Style {
    pub ascii: bool,
    pub color: bool,
}

/// Rows of the plot, above the axis.
const ROWS: usize = 10;
/// Below this many columns for the plot, no chart is drawn.
const MIN_PLOT: usize = 20;
/// The chart is never wider than this, however wide the terminal.
const MAX_WIDTH: usize = 100;

const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

/// One column of the plot: the state at the end of its days, if any point
/// came before, and whether a gap falls in it.
#[derive(Debug, Clone, Copy, Default)]
struct Column {
    state: Option<(f64, f64)>,
    gap: bool,
}

/// The chart as lines, at most `width` columns wide; none when there is
/// no valid point or too little room.
pub(super) fn burn_up(points: &[Point], width: usize, style: Style, lang: Lang) -> Vec<String> {
    let valid: Vec<(NaiveDate, f64, f64)> = points
        .iter()
        .filter_map(|p| {
            p.numbers()
                .map(|n| (p.commit.date, n.effort_hours, n.done_hours))
        })
        .collect();
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.commit.date).min(),
        points.iter().map(|p| p.commit.date).max(),
    ) else {
        return Vec::new();
    };
    let highest = valid
        .iter()
        .map(|&(_, scope, done)| scope.max(done))
        .fold(0.0, f64::max);
    // Nothing to draw: no valid point, or no effort in scope at any.
    if highest <= 0.0 {
        return Vec::new();
    }
    let top = nice(highest);
    let (top_label, zero_label) = (hours(top), "0h".to_owned());
    let label_width = top_label.len().max(zero_label.len());
    let width = width.min(MAX_WIDTH);
    let Some(plot) = width
        .checked_sub(label_width + 2)
        .filter(|&w| w >= MIN_PLOT)
    else {
        return Vec::new();
    };

    let days = (last - first).num_days() as usize + 1;
    let columns: Vec<Column> = (0..plot)
        .map(|c| {
            let lo = c * days / plot;
            let hi = ((c + 1) * days / plot).max(lo + 1);
            let end = first + chrono::Days::new(hi as u64 - 1);
            let start = first + chrono::Days::new(lo as u64);
            Column {
                // Points in history order: the last one at or before the
                // end of the column's days.
                state: valid
                    .iter()
                    .rev()
                    .find(|(date, ..)| *date <= end)
                    .map(|&(_, scope, done)| (scope, done)),
                gap: points.iter().any(|p| {
                    p.numbers().is_none() && p.commit.date >= start && p.commit.date <= end
                }),
            }
        })
        .collect();

    let paint = |text: String, color: &str| {
        if style.color && !text.trim().is_empty() {
            format!("{color}{text}{RESET}")
        } else {
            text
        }
    };
    let (fill, line, gap_mark, axis, tick, corner, bar) = if style.ascii {
        ('#', '-', 'x', '-', '|', '+', '|')
    } else {
        ('█', '─', '×', '─', '┤', '└', '│')
    };
    let mut lines = Vec::with_capacity(ROWS + 3);
    for row in 0..ROWS {
        let low = top * (ROWS - 1 - row) as f64 / ROWS as f64;
        let high = top * (ROWS - row) as f64 / ROWS as f64;
        let label = if row == 0 { top_label.as_str() } else { "" };
        let mut text = format!(
            "{label:>label_width$} {}",
            if row == 0 { tick } else { bar }
        );
        // Runs of one kind of cell are painted together.
        let mut run = String::new();
        let mut run_color = "";
        for column in &columns {
            let (cell, color) = match column.state {
                None => (' ', ""),
                Some((scope, done)) => {
                    let eighths =
                        (((done - low) / (high - low)).clamp(0.0, 1.0) * 8.0).round() as usize;
                    let on_line = scope > low && scope <= high;
                    if on_line && eighths < 8 {
                        (line, YELLOW)
                    } else if style.ascii {
                        if eighths >= 4 {
                            (fill, GREEN)
                        } else {
                            (' ', "")
                        }
                    } else if eighths == 0 {
                        (' ', "")
                    } else {
                        (EIGHTHS[eighths - 1], GREEN)
                    }
                }
            };
            if color != run_color {
                text.push_str(&paint(std::mem::take(&mut run), run_color));
                run_color = color;
            }
            run.push(cell);
        }
        text.push_str(&paint(run, run_color));
        lines.push(text.trim_end().to_owned());
    }
    let mut axis_line = format!("{zero_label:>label_width$} {corner}");
    for column in &columns {
        if column.gap {
            axis_line.push_str(&paint(gap_mark.to_string(), RED));
        } else {
            axis_line.push(axis);
        }
    }
    lines.push(axis_line);
    let indent = " ".repeat(label_width + 2);
    let (from, to) = (first.to_string(), last.to_string());
    lines.push(if first == last || plot < from.len() + to.len() + 1 {
        format!("{indent}{from}")
    } else {
        format!("{indent}{from}{to:>gap$}", gap = plot - from.len())
    });
    // The legend's entries, on as few lines as the width allows.
    let mut entries = vec![
        (fill, GREEN, lang.phrase(Label::DoneEffort)),
        (line, YELLOW, lang.phrase(Label::Scope)),
    ];
    if columns.iter().any(|c| c.gap) {
        entries.push((gap_mark, RED, lang.phrase(Label::VersionWithErrors)));
    }
    let mut legend = indent.clone();
    let mut used = indent.len();
    for (mark, color, what) in entries {
        let entry_width = 2 + unicode_width::UnicodeWidthStr::width(what);
        if used > indent.len() && used + 3 + entry_width > width {
            lines.push(std::mem::replace(&mut legend, indent.clone()));
            used = indent.len();
        }
        if used > indent.len() {
            legend.push_str("   ");
            used += 3;
        }
        legend.push_str(&format!("{} {what}", paint(mark.to_string(), color)));
        used += entry_width;
    }
    lines.push(legend);
    lines
}

/// A cell filled from the bottom, one to eight eighths.
const EIGHTHS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The smallest round number at or above `value` (1, 1.25, 1.5, 2, 2.5,
/// 3, 4, 5, 6 or 8 times a power of ten), for the top of the axis.
fn nice(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&top| top >= value - 1e-9)
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::nice;

    #[test]
    fn nice_tops() {
        assert_eq!(nice(0.0), 1.0);
        assert_eq!(nice(8232.0), 10_000.0);
        assert_eq!(nice(2100.0), 2500.0);
        assert_eq!(nice(128.0), 150.0);
        assert_eq!(nice(40.0), 40.0);
        assert_eq!(nice(100.0), 100.0);
        assert_eq!(nice(3.2), 4.0);
    }
}
