//! Findings about a plan as data: severity, stable code, message and where.
//!
//! A diagnostic points into a file by byte range; renderers turn that into a
//! line and character column with the file's [`LineIndex`](crate::source::lines::LineIndex).
//! What it says is typed ([`Text`], [`Hint`], [`Place`]): the renderer asks
//! the reader's language for the words (SPEC §3.6).

pub mod render;
mod wide;

use std::fmt;
use std::ops::Range;

use crate::i18n::check::{Check, Help, Place};
use crate::i18n::syntax::{Syntax, SyntaxHelp};
use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $summary:literal;)*) => {
        /// Every stable diagnostic code of SPEC §1.2.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name printed and documented for scripts.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line on what the code means, for documentation.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    YamlSyntax => "yaml-syntax", Error, "the file is not valid YAML, is not UTF-8, or holds more than one document";
    WrongType => "wrong-type", Error, "a value has the wrong shape (a list where a string belongs, a null task…)";
    UnknownField => "unknown-field", Error, "a key the format does not define (x- keys are always allowed)";
    MissingField => "missing-field", Error, "a required field is absent (wbs, title, tasks at the top; title on a node)";
    DuplicateKey => "duplicate-key", Error, "the same key twice in one mapping";
    DuplicateId => "duplicate-id", Error, "two nodes of the plan set share an id";
    InvalidId => "invalid-id", Error, "an id with characters other than letters, digits, -, _ and ., or one that looks like a WBS code";
    InvalidDate => "invalid-date", Error, "a date that is not a real YYYY-MM-DD calendar date";
    StartAfterDue => "start-after-due", Error, "a node starts after it is due";
    InvalidStatus => "invalid-status", Error, "a status other than todo, in-progress, blocked, done, cancelled and their aliases";
    InvalidProgress => "invalid-progress", Error, "progress that is not a number from 0 to 100";
    ProgressContradictsStatus => "progress-contradicts-status", Error, "a done node with progress other than 100";
    InvalidEffort => "invalid-effort", Error, "effort that is not a number with unit h, d or w";
    UnknownDependency => "unknown-dependency", Error, "an after entry that names no node";
    DependencyCycle => "dependency-cycle", Error, "nodes that wait for each other in a circle";
    DependencyOnAncestor => "dependency-on-ancestor", Error, "a node after its own ancestor or descendant";
    UnknownOwner => "unknown-owner", Error, "an owner missing from the file's people";
    UnsupportedVersion => "unsupported-version", Error, "a wbs format version other than 1";
    LeafFieldOnParent => "leaf-field-on-parent", Error, "status, progress or effort on a node that has children";
    UnsupportedYaml => "unsupported-yaml", Error, "anchors, aliases, merge keys or tags";
    MergeConflict => "merge-conflict", Error, "git conflict markers left in the file";
    ProgressOnTodo => "progress-on-todo", Warning, "a todo node with progress above 0";
    ChildDueAfterParent => "child-due-after-parent", Warning, "a child due after the due date its parent sets";
    ChildStartsBeforeParent => "child-starts-before-parent", Warning, "a child starting before the start date its parent sets";
    EmptyParent => "empty-parent", Warning, "tasks: [] (the node is a leaf)";
    DependsOnLaterStart => "depends-on-later-start", Warning, "a node starts before a node it is after is due";
}

/// What a diagnostic says, as the catalogue names it: a message about a
/// plan's fields and rules, or about its YAML syntax. A renderer asks a
/// [`Lang`] for the words (`lang.show(&diagnostic.message)`); machine
/// formats ask [`Lang::En`].
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Check(Check),
    Syntax(Syntax),
}

/// A diagnostic's `help:` line: how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum Hint {
    Check(Help),
    Syntax(SyntaxHelp),
}

impl From<Check> for Text {
    fn from(message: Check) -> Text {
        Text::Check(message)
    }
}

impl From<Syntax> for Text {
    fn from(message: Syntax) -> Text {
        Text::Syntax(message)
    }
}

impl From<Help> for Hint {
    fn from(help: Help) -> Hint {
        Hint::Check(help)
    }
}

impl From<SyntaxHelp> for Hint {
    fn from(help: SyntaxHelp) -> Hint {
        Hint::Syntax(help)
    }
}

impl Message for Text {
    fn write(&self, lang: Lang, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Check(message) => message.write(lang, out),
            Text::Syntax(message) => message.write(lang, out),
        }
    }
}

impl Message for Hint {
    fn write(&self, lang: Lang, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::Check(help) => help.write(lang, out),
            Hint::Syntax(help) => help.write(lang, out),
        }
    }
}

/// A secondary place that explains the primary one ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: usize,
    pub span: Range<usize>,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: Text,
    /// Index of the file in the plan set's sources.
    pub file: usize,
    /// Byte range in that file's text (after any byte-order mark).
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<Hint>,
    /// A detail for the curious, such as the YAML parser's own words for a
    /// syntax error the message has put plainly.
    pub note: Option<Text>,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        file: usize,
        span: Range<usize>,
        message: impl Into<Text>,
    ) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            file,
            span,
            labels: Vec::new(),
            help: None,
            note: None,
        }
    }

    pub fn with_label(mut self, file: usize, span: Range<usize>, place: Place) -> Diagnostic {
        self.labels.push(Label { file, span, place });
        self
    }

    pub fn with_label_opt(self, label: Option<(usize, Range<usize>, Place)>) -> Diagnostic {
        match label {
            Some((file, span, place)) => self.with_label(file, span, place),
            None => self,
        }
    }

    pub fn with_help(mut self, help: impl Into<Hint>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<Text>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo (Damerau-style edit distance within a third of its length).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = word.chars().count();
    // Typos are short; a hostile 20,000-character word must not cost a
    // 20,000² table per candidate.
    if length > MAX_SUGGESTION_CHARS {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_SUGGESTION_CHARS * 4)
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        // Ties go to the lexically first candidate, so the suggestion does
        // not depend on the order of a hash map.
        .min()
        .map(|(_, c)| c)
}

/// Words longer than this get no suggestion.
const MAX_SUGGESTION_CHARS: usize = 64;

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours, counted in characters. Keeps three rows.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["title", "status", "owner", "due"];
        assert_eq!(did_you_mean("stauts", fields), Some("status"));
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("doen", ["done", "todo"]), Some("done"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        // Equally close candidates: the lexically first wins, whatever the order.
        assert_eq!(did_you_mean("abx1", ["abf1", "abc1", "abe1"]), Some("abc1"));
        assert_eq!(did_you_mean(&"a".repeat(20_000), ["b"]), None);
    }

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
