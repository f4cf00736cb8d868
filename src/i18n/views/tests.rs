//! Every phrase and message of the views has its words in both languages,
//! and the Chinese words are Chinese.

use std::fmt;

use chrono::NaiveDate;

use super::*;
use crate::i18n::{Lang, Message};
use crate::report::{Failure, Gate};

/// Chinese characters, or Chinese punctuation (`：`, `。`).
fn chinese(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

fn check_phrase<P: Phrase + fmt::Debug>(all: &[P]) {
    for &phrase in all {
        let en = Lang::En.phrase(phrase);
        let zh = Lang::Zh.phrase(phrase);
        assert!(!en.is_empty(), "{phrase:?} has no English");
        assert!(chinese(zh), "{phrase:?} is not Chinese: {zh:?}");
    }
}

#[test]
fn every_phrase_has_both_languages() {
    check_phrase(Header::ALL);
    check_phrase(&Header::ALL.iter().map(|&h| Titled(h)).collect::<Vec<_>>());
    check_phrase(Section::ALL);
    check_phrase(Word::ALL);
    check_phrase(Field::ALL);
    check_phrase(ShowWord::ALL);
}

#[test]
fn markdown_headers_are_capitalised_headers_in_english() {
    for &header in Header::ALL {
        let plain = Lang::En.phrase(header);
        let titled = Lang::En.phrase(Titled(header));
        let mut chars = plain.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        assert_eq!(
            titled,
            first.into_iter().chain(chars).collect::<String>(),
            "{header:?}"
        );
        assert_eq!(Lang::Zh.phrase(Titled(header)), Lang::Zh.phrase(header));
    }
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// One of each message with arguments.
fn view_samples() -> Vec<View> {
    vec![
        View::Selection {
            query: "owner:ana".into(),
        },
        View::SelectedLeaves { leaves: 19, of: 81 },
        View::LeavesDone {
            done: 26,
            active: 80,
            cancelled: 1,
        },
        View::EffortDone {
            done: "1,234h".into(),
            total: "2,500h".into(),
        },
        View::ReportTitle {
            title: "计划".into(),
            today: date("2026-11-29"),
        },
        View::Counted {
            section: Section::Overdue,
            count: 6,
        },
        View::DueSoonWithin { count: 3, days: 14 },
        View::GateFailed {
            reasons: vec![
                Failure::Count {
                    gate: Gate::Overdue,
                    count: 6,
                },
                Failure::Below {
                    progress: 46.7,
                    min: 47.0,
                },
            ],
        },
        View::SinceCommit {
            text: "7 days ago".into(),
            commit: "1a2b3c4".into(),
            date: date("2026-11-22"),
        },
        View::SinceStart {
            text: "2020-01-01".into(),
        },
        View::ProgressChange {
            then: 40.0,
            now: 45.0,
        },
        View::ChangeCounts {
            done: 3,
            overdue: 1,
            slipped: 2,
        },
        View::ChangeLine {
            then: 40.0,
            now: 45.0,
            done: 3,
            overdue: 1,
            slipped: 2,
        },
        View::DueLate {
            due: "2026-11-20".into(),
            days: 9,
        },
        View::SlippedBy {
            old: date("2026-12-01"),
            new: date("2026-12-15"),
            days: 14,
        },
        View::AndMore { count: 12 },
        View::ChartBranches {
            depth: 2,
            drawn: 5,
            undated: 1,
            cancelled: 0,
        },
        View::ChartItems {
            overdue: 6,
            blocked: 3,
            due_soon: 2,
            undated: 0,
        },
        View::TodayIs {
            today: date("2026-11-29"),
        },
        View::DaysLate { days: 9 },
        View::DueIn { days: 3 },
        View::ChartTasks {
            tasks: 60,
            undated: 2,
            cancelled: 1,
        },
        View::FileProgress { progress: 45.0 },
        View::From {
            date: date("2026-01-01"),
        },
        View::DueOn {
            date: date("2026-12-31"),
        },
        View::AsOf {
            date: date("2026-11-29"),
        },
        View::OwnerIs {
            owner: "ana".into(),
        },
        View::TsvQuoted { rows: 2 },
        // The other branches of the words.
        View::LeavesDone {
            done: 0,
            active: 0,
            cancelled: 0,
        },
        View::GateFailed {
            reasons: vec![Failure::Count {
                gate: Gate::DueSoon,
                count: 1,
            }],
        },
        View::TsvQuoted { rows: 1 },
    ]
}

fn show_samples() -> Vec<Show> {
    vec![
        Show::Inherited {
            owner: "ana".into(),
            from: "2.1".into(),
        },
        Show::CancelledUnder { code: "2.1".into() },
        Show::NotWritten {
            status: Status::Todo,
        },
        Show::RolledUp {
            status: Status::InProgress,
        },
        Show::Derived {
            date: date("2026-12-31"),
        },
        Show::EffortSum {
            hours: "120h".into(),
        },
        Show::EffortCancelled {
            hours: "120h".into(),
        },
        Show::EffortBoth {
            text: "1d".into(),
            hours: "8h".into(),
        },
        Show::EffortDefault {
            effort: "8h".into(),
            from_file: true,
        },
        Show::OverdueBy { days: 3 },
        Show::DueSoonIn { days: 3 },
        Show::After { count: 2, open: 1 },
        Show::WaitedOnBy { count: 2 },
        Show::ByStatus {
            total: 3,
            counts: vec![(Status::Todo, 1), (Status::Done, 2)],
        },
        Show::ProgressDone {
            percent: "100.0%".into(),
        },
        Show::ProgressWritten {
            percent: "40.0%".into(),
            written: "40".into(),
        },
        Show::ProgressDefault {
            percent: "0.0%".into(),
        },
        Show::ProgressWeighted {
            percent: "45.0%".into(),
            leaves: 4,
        },
        Show::ProgressMean {
            percent: "45.0%".into(),
            leaves: 4,
        },
        Show::WeightIn {
            weight: "8h".into(),
            code: "2.1".into(),
            title: "研发组".into(),
        },
        Show::WeightInPlan {
            weight: "8h".into(),
        },
        Show::Leaves { count: 3 },
        // The other branches of the words.
        Show::EffortDefault {
            effort: "8h".into(),
            from_file: false,
        },
        Show::After { count: 0, open: 0 },
        Show::After { count: 2, open: 0 },
        Show::After { count: 2, open: 2 },
        Show::WaitedOnBy { count: 0 },
        Show::Leaves { count: 1 },
    ]
}

fn check_messages<M: Message + fmt::Debug>(
    samples: &[M],
    variants: &[&str],
    name: impl Fn(&M) -> &'static str,
) {
    let covered: std::collections::BTreeSet<&str> = samples.iter().map(&name).collect();
    let all: std::collections::BTreeSet<&str> = variants.iter().copied().collect();
    assert_eq!(covered, all, "samples() misses variants");
    for message in samples {
        let en = Lang::En.show(message).to_string();
        let zh = Lang::Zh.show(message).to_string();
        assert!(!en.is_empty(), "{message:?} has no English");
        assert!(chinese(&zh), "{message:?} is not Chinese: {zh}");
    }
}

#[test]
fn every_message_has_both_languages() {
    check_messages(&view_samples(), View::VARIANTS, View::variant);
    check_messages(&show_samples(), Show::VARIANTS, Show::variant);
}

#[test]
fn english_sentences_read_as_before() {
    let text = |m: &View| Lang::En.show(m).to_string();
    let samples = view_samples();
    assert_eq!(text(&samples[2]), "26 of 80 leaves done (1 cancelled)");
    assert_eq!(
        text(&samples[7]),
        "report gate failed: 6 overdue, progress 46.7% is below 47%"
    );
    assert_eq!(text(&samples[14]), "2026-12-01 → 2026-12-15 (+14 days)");
    assert_eq!(text(&View::DaysLate { days: 1 }), "1 day late");
    let show = |m: &Show| Lang::En.show(m).to_string();
    assert_eq!(
        show(&Show::After { count: 1, open: 1 }),
        "After: 1 node, none done yet"
    );
    assert_eq!(show(&show_samples()[13]), "3 (1 todo, 2 done)");
    assert_eq!(
        Lang::Zh.show(&show_samples()[13]).to_string(),
        "3（待办 1，已完成 2）"
    );
}
