//! English text of what `wbs history` says.

use std::fmt::{self, Formatter};

use chrono::NaiveDate;

use crate::i18n::history::{Column, History, Label, MarkdownColumn, NoForecast, ScopeMove};

pub(in crate::i18n) fn label(label: Label) -> &'static str {
    match label {
        Label::Plan => "Plan",
        Label::DoneEffort => "done effort",
        Label::Scope => "scope",
        Label::VersionWithErrors => "a version with errors",
        Label::Gap => "gap",
        Label::NoPlans => "no plans",
        Label::TooBig => "too big",
        Label::NeverWithinTenYears => "more than ten years out",
        Label::ChartTitle => "Burn-up: scope and done effort (hours)",
        Label::ChartHours => "Hours",
        Label::ChartCaption => {
            "Orange, above: scope, the effort of the tasks not cancelled; green, below: done \
             effort. Each date shows the plan at the end of that day."
        }
    }
}

pub(in crate::i18n) fn column(column: Column) -> &'static str {
    match column {
        Column::Date => "date",
        Column::Commit => "commit",
        Column::Progress => "progress",
        Column::Done => "done",
        Column::Effort => "effort",
        Column::Earned => "earned",
        Column::Overdue => "overdue",
        Column::Blocked => "blocked",
        Column::Subject => "subject",
    }
}

pub(in crate::i18n) fn markdown_column(column: MarkdownColumn) -> &'static str {
    match column {
        MarkdownColumn::Date => "Date",
        MarkdownColumn::Commit => "Commit",
        MarkdownColumn::Progress => "Progress",
        MarkdownColumn::LeavesDone => "Leaves done",
        MarkdownColumn::DoneOfScope => "Done / scope",
        MarkdownColumn::Earned => "Earned",
        MarkdownColumn::Overdue => "Overdue",
        MarkdownColumn::Blocked => "Blocked",
        MarkdownColumn::Subject => "Subject",
    }
}

pub(in crate::i18n) fn no_forecast(why: NoForecast) -> &'static str {
    match why {
        NoForecast::NoValidPoint => "no version of the plans validates",
        NoForecast::EmptyScope => "nothing in scope has any effort",
        NoForecast::NothingLeft => "nothing is left to do",
        NoForecast::TooShort => "the history spans less than two days",
        NoForecast::NotRising => "progress is not rising",
    }
}

/// A forecast date, or how far out it is.
fn date(date: &Option<NaiveDate>) -> String {
    date.map_or_else(
        || label(Label::NeverWithinTenYears).to_owned(),
        |d| d.to_string(),
    )
}

pub(in crate::i18n) fn history(message: &History, out: &mut Formatter<'_>) -> fmt::Result {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match message {
        History::Span {
            points,
            first,
            last,
        } => write!(out, "{points} point{}, {first} to {last}", plural(*points)),
        History::Errors { count } => write!(out, "{count} error{}", plural(*count)),
        History::NoPlanFiles => out.write_str("no plan files"),
        History::TooBig { file, size, limit } => {
            write!(
                out,
                "`{file}` is {size} bytes, over the limit of {limit} bytes"
            )
        }
        History::NoForecast { why } => write!(out, "Forecast: none — {}.", no_forecast(*why)),
        History::Forecast { p50, p85 } => write!(
            out,
            "Forecast: done by {} (50% chance) or by {} (85% chance)",
            date(p50),
            date(p85)
        ),
        History::Pace {
            remaining,
            days,
            daily_gain,
            scope,
            rescoped,
        } => {
            write!(
                out,
                "{remaining} left; over the last {days} day{} {daily_gain} a day was earned by \
                 progress and ",
                plural(*days as usize)
            )?;
            match scope {
                ScopeMove::Same => out.write_str("the scope did not change")?,
                ScopeMove::Grew(hours) => write!(out, "the scope grew by {hours}")?,
                ScopeMove::Shrank(hours) => write!(out, "the scope shrank by {hours}")?,
            }
            if let Some(rescoped) = rescoped {
                write!(
                    out,
                    "; {rescoped} of done effort came from re-estimates and added or removed \
                     tasks, not progress"
                )?;
            }
            out.write_str(".")
        }
        History::Method {
            runs,
            window,
            mean,
            remaining,
        } => write!(
            out,
            "Monte Carlo, {runs} runs: each draws days at random from the daily gains \
             in done effort of the last {window} days (mean {mean:.1}h a day) until the \
             {remaining:.0}h left are done; re-estimates and added or removed tasks \
             change the scope, not the gains; the scope is held as it is now"
        ),
        History::MethodLine { method } => write!(out, "Method: {method}."),
        History::MarkdownHeading { title } => write!(out, "### History: {title}"),
        History::MarkdownGap { why } => write!(out, "gap: {why}"),
        History::MarkdownForecast {
            p50,
            p85,
            remaining,
            daily_gain,
            days,
            scope_change,
        } => write!(
            out,
            "**Forecast:** done by {} (50% chance) or by {} (85% chance); {remaining} left, \
             {daily_gain:.1}h a day earned by progress over the last {days} days, scope \
             {scope_change:+.0}h over them.",
            date(p50),
            date(p85),
        ),
        History::MarkdownMethod { method } => write!(out, "_Method: {method}._"),
        History::MarkdownNoForecast { why } => {
            write!(out, "**Forecast:** none: {}.", no_forecast(*why))
        }
    }
}
