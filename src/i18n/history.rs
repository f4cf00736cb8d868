//! What `wbs history` says to people: the title line, the chart's legend,
//! the table's headers and gap cells, the forecast and its method, and the
//! markdown version of each. The JSON and CSV of a history keep their own
//! English words (`note`, `method`): they are data.
//!
//! Hours arrive already written (`56h`, `4.0h`): the way a number of hours
//! is written does not change with the language.

use chrono::NaiveDate;

crate::phrases! {
    /// Plain labels of a history.
    pub enum Label {
        /// The title when the plan has none.
        Plan,
        /// Legend: the filled area.
        DoneEffort,
        /// Legend: the line.
        Scope,
        /// Legend: the mark under a gap.
        VersionWithErrors,
        /// The table's cell where a gap has no numbers.
        Gap,
        /// A gap's reason cell: no plan file at that commit.
        NoPlans,
        /// A gap's reason cell: a file over the size limit.
        TooBig,
        /// A forecast date more than ten years out.
        NeverWithinTenYears,
        /// Markdown: the chart's title.
        ChartTitle,
        /// Markdown: the chart's y axis.
        ChartHours,
        /// Markdown: the sentence under the chart.
        ChartCaption,
    }
}

crate::phrases! {
    /// The columns of the terminal table.
    pub enum Column {
        Date,
        Commit,
        Progress,
        Done,
        Effort,
        Earned,
        Overdue,
        Blocked,
        Subject,
    }
}

crate::phrases! {
    /// The columns of the markdown table.
    pub enum MarkdownColumn {
        Date,
        Commit,
        Progress,
        LeavesDone,
        DoneOfScope,
        Earned,
        Overdue,
        Blocked,
        Subject,
    }
}

crate::phrases! {
    /// Why there is no forecast.
    pub enum NoForecast {
        NoValidPoint,
        EmptyScope,
        NothingLeft,
        TooShort,
        NotRising,
    }
}

/// How the scope moved over the forecast's days (hours written).
#[derive(Debug, Clone, PartialEq)]
pub enum ScopeMove {
    Same,
    Grew(String),
    Shrank(String),
}

crate::messages! {
    /// Sentences of a history with numbers in them.
    pub enum History {
        /// `11 points, 2026-09-02 to 2026-09-17`
        Span { points: usize, first: NaiveDate, last: NaiveDate },
        /// A gap's reason: how many errors the version has.
        Errors { count: usize },
        /// A gap's note: no plan file at that commit.
        NoPlanFiles,
        /// A gap's note: a file over the size limit.
        TooBig { file: String, size: u64, limit: u64 },
        /// `Forecast: none — progress is not rising.`
        NoForecast { why: NoForecast },
        /// The forecast's first line; a date is `None` past ten years.
        Forecast { p50: Option<NaiveDate>, p85: Option<NaiveDate> },
        /// What is left, how fast it was done and how the scope moved;
        /// `rescoped`: done effort from re-estimates and tasks added or
        /// removed, signed.
        Pace {
            remaining: String,
            days: u32,
            daily_gain: String,
            scope: ScopeMove,
            rescoped: Option<String>,
        },
        /// `Monte Carlo, …`: how the forecast was made (in English, the
        /// words of [`crate::history::Forecast::method`]).
        Method { runs: usize, window: u32, mean: f64, remaining: f64 },
        /// `Method: …` in the terminal, with the method's words.
        MethodLine { method: String },
        /// Markdown: the heading.
        MarkdownHeading { title: String },
        /// Markdown: a gap's cell.
        MarkdownGap { why: String },
        /// Markdown: the forecast paragraph.
        MarkdownForecast {
            p50: Option<NaiveDate>,
            p85: Option<NaiveDate>,
            remaining: String,
            daily_gain: f64,
            days: u32,
            scope_change: f64,
        },
        /// Markdown: the method, in italics.
        MarkdownMethod { method: String },
        /// Markdown: no forecast.
        MarkdownNoForecast { why: NoForecast },
    }
}

impl From<crate::history::NoForecast> for NoForecast {
    fn from(why: crate::history::NoForecast) -> NoForecast {
        use crate::history::NoForecast as Why;
        match why {
            Why::NoValidPoint => NoForecast::NoValidPoint,
            Why::EmptyScope => NoForecast::EmptyScope,
            Why::NothingLeft => NoForecast::NothingLeft,
            Why::TooShort => NoForecast::TooShort,
            Why::NotRising => NoForecast::NotRising,
        }
    }
}

spoken!(phrase history: Label => label);

spoken!(phrase history: Column => column);

spoken!(phrase history: MarkdownColumn => markdown_column);

spoken!(phrase history: NoForecast => no_forecast);

spoken!(message history: History => history);

#[cfg(test)]
pub(crate) mod tests {

    use super::*;
    use crate::i18n::Lang;
    use crate::i18n::assert::{assert_chinese, assert_phrases};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).expect("a date")
    }

    /// One message of each variant.
    pub(crate) fn samples() -> Vec<History> {
        vec![
            History::Span {
                points: 11,
                first: day(2),
                last: day(17),
            },
            History::Errors { count: 2 },
            History::NoPlanFiles,
            History::TooBig {
                file: "plans/a.yaml".into(),
                size: 300,
                limit: 200,
            },
            History::NoForecast {
                why: NoForecast::NotRising,
            },
            History::Forecast {
                p50: Some(day(20)),
                p85: None,
            },
            History::Pace {
                remaining: "56h".into(),
                days: 15,
                daily_gain: "4.0h".into(),
                scope: ScopeMove::Grew("24h".into()),
                rescoped: Some("−4h".into()),
            },
            History::Method {
                runs: 2000,
                window: 15,
                mean: 4.0,
                remaining: 56.0,
            },
            History::MethodLine {
                method: "Monte Carlo".into(),
            },
            History::MarkdownHeading {
                title: "Web".into(),
            },
            History::MarkdownGap {
                why: "1 error".into(),
            },
            History::MarkdownForecast {
                p50: Some(day(20)),
                p85: Some(day(25)),
                remaining: "56h".into(),
                daily_gain: 4.0,
                days: 15,
                scope_change: 24.0,
            },
            History::MarkdownMethod {
                method: "Monte Carlo".into(),
            },
            History::MarkdownNoForecast {
                why: NoForecast::TooShort,
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        let samples = samples();
        let mut names: Vec<&str> = samples.iter().map(History::variant).collect();
        names.sort_unstable();
        let mut all = History::VARIANTS.to_vec();
        all.sort_unstable();
        assert_eq!(names, all, "samples() must hold one of each variant");
        for sample in &samples {
            assert_chinese(
                &Lang::En.show(sample).to_string(),
                &Lang::Zh.show(sample).to_string(),
            );
        }
        assert_phrases(Label::ALL);
        assert_phrases(Column::ALL);
        assert_phrases(MarkdownColumn::ALL);
        assert_phrases(NoForecast::ALL);
    }

    #[test]
    fn the_method_in_english_is_the_one_json_shows() {
        use crate::history::forecast::{Sample, forecast};
        let samples: Vec<Sample> = (0..=10)
            .map(|d| Sample {
                date: day(1) + chrono::Days::new(d),
                effort_hours: 100.0,
                done_hours: 5.0 * d as f64,
                earned_hours: if d == 0 { 0.0 } else { 5.0 },
            })
            .collect();
        let made = forecast(&samples).expect("rising");
        let shown = History::Method {
            runs: crate::history::forecast::RUNS,
            window: made.window_days,
            mean: made.daily_gain_hours,
            remaining: made.remaining_hours,
        };
        assert_eq!(Lang::En.show(&shown).to_string(), made.method);
    }

    #[test]
    fn every_reason_matches_the_data() {
        use crate::history::NoForecast as Why;
        for why in [
            Why::NoValidPoint,
            Why::EmptyScope,
            Why::NothingLeft,
            Why::TooShort,
            Why::NotRising,
        ] {
            assert_eq!(Lang::En.phrase(NoForecast::from(why)), why.reason());
        }
    }
}
