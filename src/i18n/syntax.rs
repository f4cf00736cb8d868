//! What a `yaml-syntax` or `unsupported-yaml` diagnostic says: the problem
//! in plain words and how to fix it (see [`crate::source::syntax`]), and
//! the YAML parser's own words as a note.
//!
//! Brackets, quotes and indicators are arguments (`open: '['`); a column
//! or a count of spaces is a number the language spells ("indent it by 4
//! spaces").

crate::messages! {
    /// The message of a YAML syntax diagnostic.
    pub enum Syntax {
        TooDeep,
        TabIndent,
        TabElsewhere,
        QuoteNotClosed,
        QuotedLessIndented,
        TextAfterQuote,
        /// An escape YAML does not know; the character after the backslash
        /// when it was found.
        UnknownEscape { escape: Option<char> },
        BadCodeEscape,
        /// `this [ is not closed`
        NotClosed { open: char },
        /// `a [ is not closed`, when the bracket itself is not known.
        SomeNotClosed { open: char },
        ClosesOther { open: char, close: char },
        ClosesNothing { bracket: char },
        FlowUnderIndented { flow: Flow },
        MissingSeparator { close: char },
        EmptyItem { flow: Flow },
        DashFlowIndicator,
        ColonInFlow,
        DoesNotFit { flow: Flow },
        ColonInValue,
        ListOnKeyLine,
        ItemCannotStart,
        DashNeedsSpace,
        CommentNeedsSpace,
        CommentInValue,
        ReservedStart { character: char },
        Unprintable { character: char },
        TextAfterIndicator { indicator: char },
        ZeroBlockIndent,
        UnevenBlockIndent,
        TextAfterDocumentEnd,
        TextAfterPlan,
        Directive,
        MalformedTag,
        Bom,
        NotYaml,
        ColonNoKey,
        TextAfterValue,
        IndentedMore { above: Above },
        ItemAmongKeys,
        KeyNeedsColon,
        NotAnItem,
        MisfitIndent,
        ListIndented { more: bool },
        KeysIndentedLess,
        SecondDocument,
        Unsupported { what: Construct },
        DuplicateKey { key: String },
        /// The note: the parser's own wording, kept as it wrote it.
        ParserSays { info: String },
    }
}

crate::messages! {
    /// The `help:` line of a YAML syntax diagnostic.
    pub enum SyntaxHelp {
        Flatten,
        TabSpaces,
        TabReplace,
        MatchQuote { quote: char },
        /// Indent by at least `spaces`, or keep the value on one line.
        IndentQuoted { spaces: usize },
        InsideQuotes { quote: char },
        Backslash,
        HexDigits,
        CloseAfterLast { close: char },
        CloseAfterIts { close: char },
        CloseMatching,
        RemoveOrOpen { open: char },
        /// The flow collection opened on `line` is still open.
        FlowStillOpen { flow: Flow, line: usize, spaces: usize },
        SeparateItems { flow: Flow },
        RemoveComma,
        QuoteDash,
        KeyValueInFlow,
        FitFlow { flow: Flow },
        /// `quote the value: `title: "Design: phase 1"``
        QuoteThis { fixed: String },
        QuoteWhole,
        QuoteValue,
        ListBelowKey,
        ItemOwnLine,
        DashSpace,
        CommentSpace,
        CommentOwnLine,
        EscapeCharacter { character: char },
        TextNextLine { indicator: char },
        BlockBare,
        BlockEven,
        RemoveDocumentEnd,
        OneMapping,
        RemoveDirective,
        RemoveTag,
        DeleteBom,
        LookHere,
        KeyOwnLine,
        RestOwnLine,
        /// Bring the line to `column`, like the lines `above`; or another
        /// way out.
        LikeAbove { column: usize, above: Above, or: Option<Alternative> },
        RemoveDash,
        SpaceAfterColon { fixed: String },
        WriteKeyValue,
        /// Start the line with `- `; or indent it to `inner` to join the
        /// item above.
        StartWithDash { inner: Option<usize> },
        LineUp,
        SecondDocument,
        PlainData,
        DuplicateKey,
    }
}

/// A second way to fix an under-indented line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alternative {
    /// It is a key of the mapping further out, at this column.
    OuterKey { column: usize },
    /// It starts a new item of the list at this column.
    NewItem { column: usize },
}

crate::phrases! {
    /// A flow collection: `[…]` or `{…}`.
    pub enum Flow {
        List,
        Mapping,
    }
}

impl Flow {
    pub fn open(self) -> char {
        match self {
            Flow::List => '[',
            Flow::Mapping => '{',
        }
    }

    pub fn close(self) -> char {
        match self {
            Flow::List => ']',
            Flow::Mapping => '}',
        }
    }
}

crate::phrases! {
    /// What the lines above a misplaced line are.
    pub enum Above {
        Keys,
        Items,
    }
}

crate::phrases! {
    /// YAML a plan does not take.
    pub enum Construct {
        Tags,
        Anchors,
        Aliases,
        MergeKeys,
    }
}

spoken!(message syntax: Syntax => syntax);

spoken!(message syntax: SyntaxHelp => help);

spoken!(phrase syntax: Flow => flow);

spoken!(phrase syntax: Above => above);

spoken!(phrase syntax: Construct => construct);
