//! The catalogue is complete: every phrase and a sample of every message
//! of each area says something in both languages, and the Chinese is
//! Chinese. The `samples()` of an area must hold every variant of its
//! message enums (the test lists those missing); a variant whose words
//! branch on its fields has a sample of each branch.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::check::{Check, Frame, Help, Holder, Place, Relation, Shape};
use super::syntax::{Above, Alternative, Construct, Flow, Syntax, SyntaxHelp};
use super::{Lang, Message, Phrase};
use crate::plan::fields::Status;

/// Whether `text` holds a CJK character (the Unified Ideographs block, or
/// CJK punctuation and full-width forms).
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
    })
}

/// `what` in both languages: both said, the Chinese in Chinese.
pub(crate) fn assert_speaks_both(what: &str, english: &str, chinese: &str) {
    assert!(!english.trim().is_empty(), "{what}: no English");
    assert!(!chinese.trim().is_empty(), "{what}: no Chinese");
    assert!(
        has_cjk(chinese),
        "{what}: the Chinese is not Chinese: {chinese:?}"
    );
    assert!(
        !has_cjk(english),
        "{what}: the English holds Chinese: {english:?}"
    );
}

/// Every phrase of an enum, in both languages.
pub(crate) fn assert_phrases<P: Phrase + std::fmt::Debug>(all: &[P]) {
    assert!(!all.is_empty());
    for &phrase in all {
        let what = format!("{phrase:?}");
        assert_speaks_both(&what, Lang::En.phrase(phrase), Lang::Zh.phrase(phrase));
    }
}

/// Every sample in both languages, and a sample of every variant.
pub(crate) fn assert_messages<M: Message + std::fmt::Debug>(
    variants: &[&'static str],
    samples: &[M],
    variant: impl Fn(&M) -> &'static str,
) {
    for sample in samples {
        let what = format!("{sample:?}");
        let english = Lang::En.show(sample).to_string();
        let chinese = Lang::Zh.show(sample).to_string();
        assert_speaks_both(&what, &english, &chinese);
    }
    let sampled: BTreeSet<&str> = samples.iter().map(variant).collect();
    let missing: Vec<&&str> = variants.iter().filter(|v| !sampled.contains(**v)).collect();
    assert!(missing.is_empty(), "no sample of {missing:?}");
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// One of each message of `wbs check`, more where the words branch.
fn check_samples() -> Vec<Check> {
    let id = || "design".to_owned();
    let (start, due) = (date("2026-05-10"), date("2026-05-01"));
    vec![
        Check::KeyNotWord { shape: Shape::List },
        Check::UnknownField {
            name: "colour".to_owned(),
            holder: Holder::Task,
        },
        Check::NotSingleValue {
            field: "title",
            shape: Shape::Mapping,
        },
        Check::NotList {
            field: "tags",
            shape: Shape::SingleValue,
        },
        Check::EntryNotSingleValue {
            field: "after",
            shape: Shape::Null,
        },
        Check::InvalidDate {
            text: "2026-02-30".to_owned(),
            field: "due",
        },
        Check::InvalidEffort {
            text: "3".to_owned(),
        },
        Check::InvalidProgress {
            text: "lots".to_owned(),
        },
        Check::InvalidId {
            id: "a/b".to_owned(),
        },
        Check::InvalidStatus {
            status: "Done".to_owned(),
        },
        Check::EmptyPlan,
        Check::PlanNotMapping {
            shape: Shape::Alias,
        },
        Check::PlanStartsAfterDue { start, due },
        Check::PlanLacks { field: "tasks" },
        Check::UnsupportedVersion {
            version: "2".to_owned(),
        },
        Check::PeopleNotMapping { shape: Shape::List },
        Check::PersonNotMapping {
            shape: Shape::SingleValue,
        },
        Check::DefaultsNotMapping {
            shape: Shape::SingleValue,
        },
        Check::TasksNotList {
            shape: Shape::Mapping,
        },
        Check::TaskNotMapping { shape: Shape::List },
        Check::EmptyTitle,
        Check::NoTitle,
        Check::TaskStartsAfterDue { start, due },
        Check::EmptyParent,
        Check::LeafFieldOnParent { field: "status" },
        Check::DoneNotComplete { progress: 50.0 },
        Check::TodoWithProgress { progress: 37.5 },
        Check::DuplicateId { id: id() },
        Check::UnknownOwner {
            owner: "bob".to_owned(),
        },
        Check::ChildDueAfterParent {
            due: start,
            limit: due,
        },
        Check::ChildStartsBeforeParent {
            start: due,
            limit: start,
        },
        Check::UnknownDependency { id: id() },
        Check::DependencyOnAncestor {
            id: id(),
            relation: Relation::Ancestor,
        },
        Check::DependencyOnAncestor {
            id: id(),
            relation: Relation::Descendant,
        },
        Check::DependsOnLaterStart {
            start: due,
            id: id(),
            due: start,
        },
        Check::DependencyCycle {
            first: vec!["a".to_owned(), "b".to_owned(), "a".to_owned()],
            hidden: 0,
            last: Vec::new(),
        },
        Check::DependencyCycle {
            first: vec!["a".to_owned(), "b".to_owned()],
            hidden: 7,
            last: vec!["z".to_owned(), "a".to_owned()],
        },
        Check::NotUtf8,
        Check::NulByte,
        Check::MergeConflict { count: 1 },
        Check::MergeConflict { count: 3 },
        Check::Summary {
            files: 1,
            nodes: 141,
            errors: 0,
            warnings: 1,
        },
        Check::MoreWarnings { hidden: 1 },
        Check::MoreWarnings { hidden: 12 },
        Check::More { hidden: 4 },
    ]
}

fn help_samples() -> Vec<Help> {
    vec![
        Help::DidYouMean {
            word: "status".to_owned(),
        },
        Help::FieldsOf {
            holder: Holder::Person,
            names: vec!["name", "team", "email"],
        },
        Help::WriteText { field: "title" },
        Help::Date,
        Help::AddUnit {
            number: "3".to_owned(),
        },
        Help::Effort,
        Help::WriteList {
            field: "tags",
            value: Some("urgent".to_owned()),
        },
        Help::WriteList {
            field: "tags",
            value: None,
        },
        Help::StartPlan,
        Help::SwapDates,
        Help::AddVersion,
        Help::AddPlanTitle,
        Help::AddTasks,
        Help::Version,
        Help::People,
        Help::Person,
        Help::Defaults,
        Help::TasksList,
        Help::Task,
        Help::WriteTitle,
        Help::AddTitle,
        Help::EmptyParent,
        Help::ParentStatus,
        Help::ParentProgress,
        Help::ParentEffort,
        Help::DoneIsComplete,
        Help::TodoWithProgress,
        Help::IdLooksLikeCode,
        Help::IdCharacters,
        Help::Statuses,
        Help::Progress,
        Help::UniqueIds,
        Help::AddPerson {
            owner: "bob".to_owned(),
        },
        Help::MoveChildDue,
        Help::MoveChildStart,
        Help::AfterIds,
        Help::NotAncestor,
        Help::StartAfterPredecessor,
        Help::BreakCycle,
        Help::Utf8,
        Help::Binary,
        Help::ResolveConflict,
    ]
}

fn syntax_samples() -> Vec<Syntax> {
    vec![
        Syntax::TooDeep,
        Syntax::TabIndent,
        Syntax::TabElsewhere,
        Syntax::QuoteNotClosed,
        Syntax::QuotedLessIndented,
        Syntax::TextAfterQuote,
        Syntax::UnknownEscape { escape: Some('q') },
        Syntax::UnknownEscape { escape: None },
        Syntax::BadCodeEscape,
        Syntax::NotClosed { open: '[' },
        Syntax::SomeNotClosed { open: '{' },
        Syntax::ClosesOther {
            open: '[',
            close: '}',
        },
        Syntax::ClosesNothing { bracket: ']' },
        Syntax::FlowUnderIndented { flow: Flow::List },
        Syntax::MissingSeparator { close: ']' },
        Syntax::EmptyItem {
            flow: Flow::Mapping,
        },
        Syntax::DashFlowIndicator,
        Syntax::ColonInFlow,
        Syntax::DoesNotFit { flow: Flow::List },
        Syntax::ColonInValue,
        Syntax::ListOnKeyLine,
        Syntax::ItemCannotStart,
        Syntax::DashNeedsSpace,
        Syntax::CommentNeedsSpace,
        Syntax::CommentInValue,
        Syntax::ReservedStart { character: '`' },
        Syntax::ReservedStart { character: '@' },
        Syntax::Unprintable { character: '\u{7}' },
        Syntax::TextAfterIndicator { indicator: '|' },
        Syntax::ZeroBlockIndent,
        Syntax::UnevenBlockIndent,
        Syntax::TextAfterDocumentEnd,
        Syntax::TextAfterPlan,
        Syntax::Directive,
        Syntax::MalformedTag,
        Syntax::Bom,
        Syntax::NotYaml,
        Syntax::ColonNoKey,
        Syntax::TextAfterValue,
        Syntax::IndentedMore { above: Above::Keys },
        Syntax::ItemAmongKeys,
        Syntax::KeyNeedsColon,
        Syntax::NotAnItem,
        Syntax::MisfitIndent,
        Syntax::ListIndented { more: true },
        Syntax::ListIndented { more: false },
        Syntax::KeysIndentedLess,
        Syntax::SecondDocument,
        Syntax::Unsupported {
            what: Construct::Anchors,
        },
        Syntax::DuplicateKey {
            key: "title".to_owned(),
        },
        Syntax::ParserSays {
            info: "did not find expected key".to_owned(),
        },
    ]
}

fn syntax_help_samples() -> Vec<SyntaxHelp> {
    let like_above = |column, or| SyntaxHelp::LikeAbove {
        column,
        above: Above::Items,
        or,
    };
    vec![
        SyntaxHelp::Flatten,
        SyntaxHelp::TabSpaces,
        SyntaxHelp::TabReplace,
        SyntaxHelp::MatchQuote { quote: '"' },
        SyntaxHelp::IndentQuoted { spaces: 1 },
        SyntaxHelp::IndentQuoted { spaces: 4 },
        SyntaxHelp::InsideQuotes { quote: '"' },
        SyntaxHelp::InsideQuotes { quote: '\'' },
        SyntaxHelp::Backslash,
        SyntaxHelp::HexDigits,
        SyntaxHelp::CloseAfterLast { close: ']' },
        SyntaxHelp::CloseAfterIts { close: '}' },
        SyntaxHelp::CloseMatching,
        SyntaxHelp::RemoveOrOpen { open: '[' },
        SyntaxHelp::FlowStillOpen {
            flow: Flow::Mapping,
            line: 3,
            spaces: 2,
        },
        SyntaxHelp::SeparateItems { flow: Flow::List },
        SyntaxHelp::RemoveComma,
        SyntaxHelp::QuoteDash,
        SyntaxHelp::KeyValueInFlow,
        SyntaxHelp::FitFlow {
            flow: Flow::Mapping,
        },
        SyntaxHelp::QuoteThis {
            fixed: "title: \"Design: phase 1\"".to_owned(),
        },
        SyntaxHelp::QuoteWhole,
        SyntaxHelp::QuoteValue,
        SyntaxHelp::ListBelowKey,
        SyntaxHelp::ItemOwnLine,
        SyntaxHelp::DashSpace,
        SyntaxHelp::CommentSpace,
        SyntaxHelp::CommentOwnLine,
        SyntaxHelp::EscapeCharacter { character: '\u{7}' },
        SyntaxHelp::TextNextLine { indicator: '>' },
        SyntaxHelp::BlockBare,
        SyntaxHelp::BlockEven,
        SyntaxHelp::RemoveDocumentEnd,
        SyntaxHelp::OneMapping,
        SyntaxHelp::RemoveDirective,
        SyntaxHelp::RemoveTag,
        SyntaxHelp::DeleteBom,
        SyntaxHelp::LookHere,
        SyntaxHelp::KeyOwnLine,
        SyntaxHelp::RestOwnLine,
        like_above(0, None),
        like_above(4, Some(Alternative::OuterKey { column: 0 })),
        like_above(6, Some(Alternative::OuterKey { column: 2 })),
        like_above(4, Some(Alternative::NewItem { column: 0 })),
        like_above(6, Some(Alternative::NewItem { column: 2 })),
        SyntaxHelp::RemoveDash,
        SyntaxHelp::SpaceAfterColon {
            fixed: "title: Design".to_owned(),
        },
        SyntaxHelp::WriteKeyValue,
        SyntaxHelp::StartWithDash { inner: None },
        SyntaxHelp::StartWithDash { inner: Some(4) },
        SyntaxHelp::LineUp,
        SyntaxHelp::SecondDocument,
        SyntaxHelp::PlainData,
        SyntaxHelp::DuplicateKey,
    ]
}

#[test]
fn every_phrase_speaks_both_languages() {
    assert_phrases(Place::ALL);
    assert_phrases(Shape::ALL);
    assert_phrases(Holder::ALL);
    assert_phrases(Relation::ALL);
    assert_phrases(Frame::ALL);
    assert_phrases(Flow::ALL);
    assert_phrases(Above::ALL);
    assert_phrases(Construct::ALL);
    assert_phrases(&Status::ALL);
}

#[test]
fn every_check_message_speaks_both_languages() {
    assert_messages(Check::VARIANTS, &check_samples(), Check::variant);
    assert_messages(Help::VARIANTS, &help_samples(), Help::variant);
}

#[test]
fn every_syntax_message_speaks_both_languages() {
    assert_messages(Syntax::VARIANTS, &syntax_samples(), Syntax::variant);
    assert_messages(
        SyntaxHelp::VARIANTS,
        &syntax_help_samples(),
        SyntaxHelp::variant,
    );
}

/// The test itself: a variant without a sample, or Chinese that is not
/// Chinese, fails it.
#[test]
#[should_panic(expected = "no sample of [\"NoTitle\"]")]
fn a_variant_without_a_sample_fails() {
    let samples: Vec<Check> = check_samples()
        .into_iter()
        .filter(|c| *c != Check::NoTitle)
        .collect();
    assert_messages(Check::VARIANTS, &samples, Check::variant);
}

#[test]
#[should_panic(expected = "the Chinese is not Chinese")]
fn english_in_place_of_chinese_fails() {
    assert_speaks_both("a label", "first defined here", "first defined here");
}

/// Plural English and the numbers both languages write.
#[test]
fn counts_read_right() {
    let summary = |files, errors| Check::Summary {
        files,
        nodes: 141,
        errors,
        warnings: 1,
    };
    assert_eq!(
        Lang::En.show(&summary(1, 0)).to_string(),
        "checked 1 file, 141 nodes: 0 errors, 1 warning"
    );
    assert_eq!(
        Lang::En.show(&summary(2, 1)).to_string(),
        "checked 2 files, 141 nodes: 1 error, 1 warning"
    );
    assert_eq!(
        Lang::Zh.show(&summary(2, 1)).to_string(),
        "已检查 2 个文件、141 个节点：1 个错误，1 个警告"
    );
    let more = |hidden| Lang::En.show(&Check::MoreWarnings { hidden }).to_string();
    assert_eq!(more(1), "… and 1 more warning: `wbs check` lists them all");
    assert_eq!(more(2), "… and 2 more warnings: `wbs check` lists them all");
    let indent = |spaces| {
        Lang::En
            .show(&SyntaxHelp::IndentQuoted { spaces })
            .to_string()
    };
    assert_eq!(
        indent(1),
        "indent it by at least 1 space, or keep the quoted value on one line"
    );
    assert_eq!(
        Lang::Zh
            .show(&SyntaxHelp::IndentQuoted { spaces: 4 })
            .to_string(),
        "至少缩进 4 个空格，或者把引号值写在同一行"
    );
}
