//! History as GitHub-flavoured markdown: a Mermaid `xychart-beta` burn-up
//! (GitHub renders it), the table of points and the forecast.

use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::commands::report::hours;
use crate::history::{History, State};
use crate::i18n::Lang;
use crate::i18n::history::{History as Say, Label, MarkdownColumn};
use crate::plan::derive::round1;
use crate::safe::markdown_text;

/// The chart's x axis has at most this many dates, evenly spaced.
const MAX_TICKS: usize = 12;

pub(super) fn write(history: &History, lang: Lang, out: &mut impl Write) -> Result<()> {
    let title = history.title.as_deref().unwrap_or(lang.phrase(Label::Plan));
    let title = markdown_text(title);
    writeln!(out, "{}", lang.show(&Say::MarkdownHeading { title }))?;
    writeln!(out)?;
    chart(history, lang, out)?;
    let headers: Vec<&str> = MarkdownColumn::ALL
        .iter()
        .map(|&column| lang.phrase(column))
        .collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---|")?;
    for point in &history.points {
        let commit: String = point.commit.id.chars().take(7).collect();
        let subject = markdown_text(&point.commit.subject);
        match &point.state {
            State::Valid(n) => writeln!(
                out,
                "| {} | `{commit}` | {:.1}% | {} / {} | {} / {} | {} | {} | {} | {subject} |",
                point.commit.date,
                round1(n.progress),
                n.done,
                n.leaves,
                hours(n.done_hours),
                hours(n.effort_hours),
                n.earned_hours.map(super::signed_hours).unwrap_or_default(),
                n.overdue,
                n.blocked,
            )?,
            State::Gap(gap) => {
                let why = match super::human::gap_note(gap, lang) {
                    Some(note) => markdown_text(&note),
                    None => lang
                        .show(&Say::Errors {
                            count: gap.errors(),
                        })
                        .to_string(),
                };
                writeln!(
                    out,
                    "| {} | `{commit}` | {} | | | | | | {subject} |",
                    point.commit.date,
                    lang.show(&Say::MarkdownGap { why })
                )?;
            }
        }
    }
    writeln!(out)?;
    match &history.forecast {
        Ok(forecast) => {
            let paragraph = Say::MarkdownForecast {
                p50: forecast.p50,
                p85: forecast.p85,
                remaining: hours(forecast.remaining_hours),
                daily_gain: forecast.daily_gain_hours,
                days: forecast.window_days,
                scope_change: forecast.scope_change_hours.round(),
            };
            writeln!(out, "{}", lang.show(&paragraph))?;
            writeln!(out)?;
            let method = lang.show(&super::human::method(forecast)).to_string();
            let method = markdown_text(&method);
            writeln!(out, "{}", lang.show(&Say::MarkdownMethod { method }))?;
        }
        Err(why) => {
            let why = (*why).into();
            writeln!(out, "{}", lang.show(&Say::MarkdownNoForecast { why }))?;
        }
    }
    Ok(())
}

/// The burn-up as a Mermaid `xychart-beta`: the scope line and the done
/// line at evenly spaced dates, each the state at the end of that day.
fn chart(history: &History, lang: Lang, out: &mut impl Write) -> Result<()> {
    let valid: Vec<(NaiveDate, f64, f64)> = history
        .points
        .iter()
        .filter_map(|p| {
            p.numbers()
                .map(|n| (p.commit.date, n.effort_hours, n.done_hours))
        })
        .collect();
    let (Some(first), Some(last)) = (
        valid.iter().map(|v| v.0).min(),
        valid.iter().map(|v| v.0).max(),
    ) else {
        return Ok(());
    };
    let top = valid
        .iter()
        .map(|v| v.1.max(v.2))
        .fold(0.0, f64::max)
        .ceil();
    if top <= 0.0 {
        return Ok(());
    }
    let span = (last - first).num_days().max(0) as usize;
    let ticks = (span + 1).clamp(2, MAX_TICKS);
    let dates: Vec<NaiveDate> = (0..ticks)
        .map(|i| first + chrono::Days::new(((i * span) as f64 / (ticks - 1) as f64).round() as u64))
        .collect();
    let at = |date: NaiveDate| {
        valid
            .iter()
            .rev()
            .find(|v| v.0 <= date)
            .map_or((0.0, 0.0), |v| (v.1, v.2))
    };
    let same_year = first.year() == last.year();
    let labels: Vec<String> = dates
        .iter()
        .map(|d| {
            let label = if same_year {
                d.format("%m-%d").to_string()
            } else {
                d.to_string()
            };
            format!("\"{label}\"")
        })
        .collect();
    let scope: Vec<String> = dates.iter().map(|&d| format!("{:.0}", at(d).0)).collect();
    let done: Vec<String> = dates.iter().map(|&d| format!("{:.0}", at(d).1)).collect();
    writeln!(out, "```mermaid")?;
    // Mermaid's default first colour is too pale to read on white.
    writeln!(out, "---")?;
    writeln!(out, "config:")?;
    writeln!(out, "  themeVariables:")?;
    writeln!(out, "    xyChart:")?;
    writeln!(out, "      plotColorPalette: \"#d97706, #16a34a\"")?;
    writeln!(out, "---")?;
    writeln!(out, "xychart-beta")?;
    writeln!(out, "    title \"{}\"", lang.phrase(Label::ChartTitle))?;
    writeln!(out, "    x-axis [{}]", labels.join(", "))?;
    writeln!(
        out,
        "    y-axis \"{}\" 0 --> {top:.0}",
        lang.phrase(Label::ChartHours)
    )?;
    writeln!(out, "    line [{}]", scope.join(", "))?;
    writeln!(out, "    line [{}]", done.join(", "))?;
    writeln!(out, "```")?;
    writeln!(out)?;
    writeln!(out, "_{}_", lang.phrase(Label::ChartCaption))?;
    writeln!(out)?;
    Ok(())
}
