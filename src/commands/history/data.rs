//! History for scripts: the JSON shape of SPEC §4.1 and one CSV row per
//! point.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::history::{Forecast, History, Point, State};
use crate::plan::derive::round1;

/// The history shape of SPEC §4.1, with a few more fields.
#[derive(Serialize)]
struct JsonHistory<'h> {
    title: Option<&'h str>,
    points: Vec<JsonPoint<'h>>,
    forecast: Option<JsonForecast<'h>>,
}

#[derive(Serialize)]
pub(super) struct JsonPoint<'h> {
    commit: &'h str,
    date: String,
    subject: &'h str,
    /// A version that does not validate or could not be read.
    gap: bool,
    /// Its error count (0 for a valid point).
    errors: usize,
    /// Why a gap is one, when not for errors.
    note: Option<String>,
    progress: Option<f64>,
    leaves: Option<usize>,
    done: Option<usize>,
    cancelled: Option<usize>,
    /// Scope: the effort of the leaves not cancelled.
    effort_hours: Option<f64>,
    /// Σ effort × progress.
    done_hours: Option<f64>,
    /// Done effort gained by progress since the previous valid point.
    earned_hours: Option<f64>,
    overdue: Option<usize>,
    blocked: Option<usize>,
}

/// Hours as written for scripts: to one decimal, as report writes them.
fn tenths(hours: f64) -> f64 {
    (hours * 10.0).round() / 10.0
}

impl<'h> JsonPoint<'h> {
    pub(super) fn new(point: &'h Point) -> JsonPoint<'h> {
        let n = point.numbers();
        let (errors, note) = match &point.state {
            State::Valid(_) => (0, None),
            State::Gap(gap) => (gap.errors(), gap.note()),
        };
        JsonPoint {
            commit: &point.commit.id,
            date: point.commit.date.to_string(),
            subject: &point.commit.subject,
            gap: n.is_none(),
            errors,
            note,
            progress: n.map(|n| round1(n.progress)),
            leaves: n.map(|n| n.leaves),
            done: n.map(|n| n.done),
            cancelled: n.map(|n| n.cancelled),
            effort_hours: n.map(|n| n.effort_hours),
            done_hours: n.map(|n| tenths(n.done_hours)),
            earned_hours: n.and_then(|n| n.earned_hours).map(tenths),
            overdue: n.map(|n| n.overdue),
            blocked: n.map(|n| n.blocked),
        }
    }
}

#[derive(Serialize)]
struct JsonForecast<'h> {
    p50: Option<String>,
    p85: Option<String>,
    method: &'h str,
    remaining_hours: f64,
    daily_gain_hours: f64,
    window_days: u32,
    scope_change_hours: f64,
    rescoped_done_hours: f64,
}

impl<'h> JsonForecast<'h> {
    fn new(forecast: &'h Forecast) -> JsonForecast<'h> {
        JsonForecast {
            p50: forecast.p50.map(|d| d.to_string()),
            p85: forecast.p85.map(|d| d.to_string()),
            method: &forecast.method,
            remaining_hours: tenths(forecast.remaining_hours),
            daily_gain_hours: tenths(forecast.daily_gain_hours),
            window_days: forecast.window_days,
            scope_change_hours: tenths(forecast.scope_change_hours),
            rescoped_done_hours: tenths(forecast.rescoped_done_hours),
        }
    }
}

pub(super) fn json(history: &History, out: &mut impl Write) -> Result<()> {
    let json = JsonHistory {
        title: history.title.as_deref(),
        points: history.points.iter().map(JsonPoint::new).collect(),
        forecast: history.forecast.as_ref().ok().map(JsonForecast::new),
    };
    crate::safe::write_json(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

/// One row per point, the JSON fields in the same order; a gap's numbers
/// are empty cells. Text cells get the formula guard.
pub(super) fn csv(history: &History, out: &mut impl Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "commit",
        "date",
        "subject",
        "gap",
        "errors",
        "note",
        "progress",
        "leaves",
        "done",
        "cancelled",
        "effort_hours",
        "done_hours",
        "earned_hours",
        "overdue",
        "blocked",
    ])?;
    let cell = |value: Option<String>| value.unwrap_or_default();
    for point in &history.points {
        let p = JsonPoint::new(point);
        writer.write_record([
            p.commit.to_owned(),
            p.date,
            crate::sheet::guard(p.subject).into_owned(),
            p.gap.to_string(),
            p.errors.to_string(),
            crate::sheet::guard(p.note.as_deref().unwrap_or_default()).into_owned(),
            cell(p.progress.map(|v| v.to_string())),
            cell(p.leaves.map(|v| v.to_string())),
            cell(p.done.map(|v| v.to_string())),
            cell(p.cancelled.map(|v| v.to_string())),
            cell(p.effort_hours.map(|v| v.to_string())),
            cell(p.done_hours.map(|v| v.to_string())),
            cell(p.earned_hours.map(|v| v.to_string())),
            cell(p.overdue.map(|v| v.to_string())),
            cell(p.blocked.map(|v| v.to_string())),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
