//! What the views of a plan say: the column headers of `list`, `report`
//! and `show`, the report's headings, summary lines and CI gate, the
//! `--since` section, the gantt charts' names and comments, the markdown
//! export's words, and `show`'s labels and sentences.
//!
//! Numbers, dates, codes, ids and plan text are arguments: they are
//! written as they are in every language. Status names are
//! [`Status`]'s own phrases ([`super::common`]).

use chrono::NaiveDate;

use super::{Lang, Phrase, en, zh};
use crate::plan::fields::Status;
use crate::report::Failure;

crate::phrases! {
    /// A column header of a table for people (lower case in English, as
    /// `--columns` names them).
    pub enum Header {
        Code,
        Id,
        Title,
        Owner,
        Status,
        Progress,
        Start,
        Due,
        Effort,
        Level,
        Tags,
        After,
        File,
        Line,
        Notes,
        // The report's branch table: leaves by status.
        Todo,
        Doing,
        Blocked,
        Done,
        Cancelled,
        Overdue,
        /// The report's markdown table of branches.
        Branch,
        DaysLate,
        DaysLeft,
        // The `--since` tables.
        Task,
        Was,
        Now,
        Days,
        // `show`'s roll-up table.
        Leaves,
        Weight,
        Share,
    }
}

/// A column header of a markdown table: capitalised in English (`Code`,
/// `Days late`), the same words as [`Header`] in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Titled(pub Header);

crate::phrases! {
    /// A list of the report, and of `report --since`: headed with its count.
    pub enum Section {
        Overdue,
        DueSoon,
        Blocked,
        DoneSince,
        NewlyOverdue,
        Slipped,
    }
}

crate::phrases! {
    /// Plain words of the views.
    pub enum Word {
        /// The markdown report's label before its query, in bold.
        Selection,
        /// After the selection's size: what the figures mean.
        EveryFigureSelected,
        /// In place of the report's branch table.
        NoTasks,
        NoMatch,
        /// An empty list of the report.
        Nothing,
        /// An empty list of the markdown report (a sentence).
        NothingSentence,
        /// The heading of the report's gantt chart.
        Timeline,
        /// The gantt section of today's milestone.
        Today,
        /// A node's flags in the tree, the charts and the export.
        Overdue,
        Blocked,
        DueToday,
        Cancelled,
        /// A file of the markdown export without tasks (a sentence).
        NoTasksSentence,
        /// On stderr, when `list` or `tree` shows nothing.
        PlanHasNoTasks,
        NoNodeMatches,
        /// Between a heading and what it says on the same line.
        Colon,
        /// The end of a sentence.
        Stop,
    }
}

crate::messages! {
    /// The report's sentences and the export's.
    pub enum View {
        /// `Selection: owner:ana`
        Selection { query: String },
        /// `19 of 81 leaves`
        SelectedLeaves { leaves: usize, of: usize },
        /// `26 of 80 leaves done (1 cancelled)`
        LeavesDone { done: usize, active: usize, cancelled: usize },
        /// `1,234h of 2,500h effort done`; the hours already written.
        EffortDone { done: String, total: String },
        /// The markdown report's title: `T — progress on 2026-11-29`.
        ReportTitle { title: String, today: NaiveDate },
        /// `Overdue (6)`
        Counted { section: Section, count: usize },
        /// `Due soon (3, next 14 days)`
        DueSoonWithin { count: usize, days: u32 },
        /// The CI gate's line on stderr.
        GateFailed { reasons: Vec<Failure> },
        /// `Since 7 days ago (commit 1a2b3c4, 2026-11-22)`
        SinceCommit { text: String, commit: String, date: NaiveDate },
        /// `Since 2020-01-01 (before the first commit)`
        SinceStart { text: String },
        /// `progress 40.0% → 45.0% (+5.0)`
        ProgressChange { then: f64, now: f64 },
        /// `3 leaves done, 1 newly overdue, 2 due dates slipped`
        ChangeCounts { done: usize, overdue: usize, slipped: usize },
        /// The markdown form: progress in bold, then the counts.
        ChangeLine { then: f64, now: f64, done: usize, overdue: usize, slipped: usize },
        /// `due 2026-11-20, 9 days late`
        DueLate { due: String, days: i64 },
        /// `2026-12-01 → 2026-12-15 (+14 days)`
        SlippedBy { old: NaiveDate, new: NaiveDate, days: i64 },
        /// `… and 12 more`
        AndMore { count: usize },
        /// The report's gantt: how many branches were drawn.
        ChartBranches { depth: u32, drawn: usize, undated: usize, cancelled: usize },
        /// The report's gantt: how many items were placed.
        ChartItems { overdue: usize, blocked: usize, due_soon: usize, undated: usize },
        /// The report's gantt: today's milestone (must not start with a date).
        TodayIs { today: NaiveDate },
        /// `9 days late`
        DaysLate { days: i64 },
        /// `due in 3 days`
        DueIn { days: i64 },
        /// The exported gantt's comment.
        ChartTasks { tasks: usize, undated: usize, cancelled: usize },
        /// The markdown export's progress of a file, bold.
        FileProgress { progress: f64 },
        /// `from 2026-01-01`
        From { date: NaiveDate },
        /// `due 2026-12-31`
        DueOn { date: NaiveDate },
        /// `as of 2026-11-29`
        AsOf { date: NaiveDate },
        /// `owner: ana`; the owner already escaped.
        OwnerIs { owner: String },
        /// `list --format tsv` quoted the cells of `rows` rows.
        TsvQuoted { rows: usize },
    }
}

crate::phrases! {
    /// A label of `show`'s fields and lines, with its colon.
    pub enum Field {
        Id,
        Title,
        Parent,
        Owner,
        Status,
        Progress,
        Start,
        Due,
        Effort,
        Level,
        Kind,
        Overdue,
        DueSoon,
        Tags,
        Notes,
        File,
        Children,
        LeavesBelow,
    }
}

crate::phrases! {
    /// `show`'s plain words.
    pub enum ShowWord {
        Leaf,
        Parent,
        No,
        DueToday,
        /// A cancelled child's status in the roll-up table.
        NotCounted,
        /// A node without an id: nothing can wait on it.
        WaitedOnByNoId,
        CancelledEveryLeaf,
        ProgressCancelled,
        CancelledLeaf,
    }
}

crate::messages! {
    /// `show`'s sentences.
    pub enum Show {
        /// `ana (inherited from 2.1)`; the owner already escaped.
        Inherited { owner: String, from: String },
        /// A status nobody wrote.
        CancelledUnder { code: String },
        NotWritten { status: Status },
        RolledUp { status: Status },
        /// A date nobody wrote.
        Derived { date: NaiveDate },
        /// A parent's effort: the hours already written.
        EffortSum { hours: String },
        EffortCancelled { hours: String },
        /// `1d (8h)`
        EffortBoth { text: String, hours: String },
        /// A leaf's effort nobody wrote: from the file's defaults, or the
        /// default weight.
        EffortDefault { effort: String, from_file: bool },
        /// `yes, due 3 days ago`
        OverdueBy { days: i64 },
        /// `yes, due in 3 days`
        DueSoonIn { days: i64 },
        /// `After: 2 nodes, 1 not done yet`: `open` of `count` not done
        /// (`After: none` without any).
        After { count: usize, open: usize },
        /// `Waited on by: 2 nodes` (`none` without any).
        WaitedOnBy { count: usize },
        /// `26 (6 todo, 10 in-progress)`: the statuses with their counts.
        ByStatus { total: usize, counts: Vec<(Status, usize)> },
        /// A leaf's progress and why.
        ProgressDone { percent: String },
        ProgressWritten { percent: String, written: String },
        ProgressDefault { percent: String },
        /// A parent's progress and how it is computed.
        ProgressWeighted { percent: String, leaves: usize },
        ProgressMean { percent: String, leaves: usize },
        /// A leaf's weight above it.
        WeightIn { weight: String, code: String, title: String },
        WeightInPlan { weight: String },
        /// `3 leaves`
        Leaves { count: usize },
    }
}

spoken!(phrase views: Header => header);

impl Phrase for Titled {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en::views::titled(self.0),
            Lang::Zh => zh::views::header(self.0),
        }
    }
}

spoken!(phrase views: Section => section);

spoken!(phrase views: Word => word);

spoken!(phrase show: Field => field);

spoken!(phrase show: ShowWord => word);

spoken!(message views: View => view);

spoken!(message show: Show => show);

#[cfg(test)]
mod tests;
