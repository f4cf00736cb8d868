//! What `wbs check` says: every diagnostic's message and help about a
//! plan's fields and rules, the places a diagnostic points to, and the
//! summary lines. YAML syntax errors are in [`super::syntax`].
//!
//! Plan text in a field (an id, a value) is already escaped and cut short
//! ([`crate::safe::excerpt`]); field names are the plan format's own and
//! stay as they are in every language.

use chrono::NaiveDate;

crate::messages! {
    /// A diagnostic's message, or a line of the summary.
    pub enum Check {
        // Shapes and fields (read while loading).
        KeyNotWord { shape: Shape },
        UnknownField { name: String, holder: Holder },
        NotSingleValue { field: &'static str, shape: Shape },
        NotList { field: &'static str, shape: Shape },
        EntryNotSingleValue { field: &'static str, shape: Shape },
        InvalidDate { text: String, field: &'static str },
        InvalidEffort { text: String },
        InvalidProgress { text: String },
        InvalidId { id: String },
        InvalidStatus { status: String },
        EmptyPlan,
        PlanNotMapping { shape: Shape },
        PlanStartsAfterDue { start: NaiveDate, due: NaiveDate },
        PlanLacks { field: &'static str },
        UnsupportedVersion { version: String },
        PeopleNotMapping { shape: Shape },
        PersonNotMapping { shape: Shape },
        DefaultsNotMapping { shape: Shape },
        TasksNotList { shape: Shape },
        TaskNotMapping { shape: Shape },
        EmptyTitle,
        NoTitle,
        TaskStartsAfterDue { start: NaiveDate, due: NaiveDate },
        EmptyParent,
        LeafFieldOnParent { field: &'static str },
        DoneNotComplete { progress: f64 },
        TodoWithProgress { progress: f64 },
        // Rules across nodes.
        DuplicateId { id: String },
        UnknownOwner { owner: String },
        ChildDueAfterParent { due: NaiveDate, limit: NaiveDate },
        ChildStartsBeforeParent { start: NaiveDate, limit: NaiveDate },
        UnknownDependency { id: String },
        DependencyOnAncestor { id: String, relation: Relation },
        DependsOnLaterStart { start: NaiveDate, id: String, due: NaiveDate },
        /// The ids around a cycle, back to the first; a long cycle names
        /// its first ids, how many it leaves out, then its last ones.
        DependencyCycle { first: Vec<String>, hidden: usize, last: Vec<String> },
        // The file as a whole.
        NotUtf8,
        NulByte,
        /// Git's conflict markers; `count` conflicts in the file.
        MergeConflict { count: usize },
        // Summary lines.
        /// `checked 1 file, 141 nodes: 0 errors, 0 warnings`
        Summary { files: usize, nodes: usize, errors: usize, warnings: usize },
        /// Warnings a command other than `check` left out.
        MoreWarnings { hidden: usize },
        /// Diagnostics a one-line-each list left out (git's diff driver).
        More { hidden: usize },
    }
}

crate::messages! {
    /// A diagnostic's `help:` line: how to fix it.
    pub enum Help {
        DidYouMean { word: String },
        FieldsOf { holder: Holder, names: Vec<&'static str> },
        WriteText { field: &'static str },
        Date,
        AddUnit { number: String },
        Effort,
        /// `write a list: `tags: [urgent]``; without a value, `[a, b]`.
        WriteList { field: &'static str, value: Option<String> },
        StartPlan,
        SwapDates,
        AddVersion,
        AddPlanTitle,
        AddTasks,
        Version,
        People,
        Person,
        Defaults,
        TasksList,
        Task,
        WriteTitle,
        AddTitle,
        EmptyParent,
        ParentStatus,
        ParentProgress,
        ParentEffort,
        DoneIsComplete,
        TodoWithProgress,
        IdLooksLikeCode,
        IdCharacters,
        Statuses,
        Progress,
        UniqueIds,
        AddPerson { owner: String },
        MoveChildDue,
        MoveChildStart,
        AfterIds,
        NotAncestor,
        StartAfterPredecessor,
        BreakCycle,
        Utf8,
        Binary,
        ResolveConflict,
    }
}

crate::phrases! {
    /// A secondary place a diagnostic points to.
    pub enum Place {
        FirstDefined,
        ParentDue,
        ParentStarts,
        MarkedDone,
        /// A `[` or `{` still open.
        OpenedHere,
        StillOpenFromHere,
        StillQuotedHere,
        AnotherConflict,
        BaseText,
        OtherSide,
        ConflictEnds,
    }
}

crate::phrases! {
    /// The shape of a YAML value, where another was expected.
    pub enum Shape {
        Mapping,
        List,
        Null,
        SingleValue,
        Alias,
    }
}

crate::phrases! {
    /// The mapping a field belongs to.
    pub enum Holder {
        Plan,
        Person,
        Task,
        Defaults,
    }
}

crate::phrases! {
    /// How a node is related to a node it is after.
    pub enum Relation {
        Ancestor,
        Descendant,
    }
}

crate::phrases! {
    /// The words of a diagnostic's frame besides its message. The
    /// severity and code (`error[duplicate-id]`) are not among them: they
    /// stay as they are in every language, as rustc, tsc and the .NET
    /// compilers keep `error CS0103` in their translations, because
    /// problem matchers and people searching for the code look for them.
    pub enum Frame {
        Help,
        Note,
    }
}

spoken!(message check: Check => check);

spoken!(message check: Help => help);

spoken!(phrase check: Place => place);

spoken!(phrase check: Shape => shape);

spoken!(phrase check: Holder => holder);

spoken!(phrase check: Relation => relation);

spoken!(phrase check: Frame => frame);
