//! Plain words for YAML syntax errors: what is wrong, where, and how to fix
//! it.
//!
//! granit-parser reports an [`ErrorKind`] and a position in its own terms
//! ("while parsing a block mapping, did not find expected key"). Here the
//! common kinds become a sentence a plan's author can act on, worked out
//! from the layout around the error: the line's indentation against the
//! collections open above it, the quote or bracket still open. The parser's
//! wording is kept as the diagnostic's note. This runs only on a file that
//! failed to parse, so it may re-read the text freely.

mod layout;
mod text;

use std::ops::Range;

use granit_parser::{ErrorKind, ScanError};

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::check::Place as Label;
use crate::i18n::syntax::{Syntax, SyntaxHelp};
use layout::opening;

/// A YAML collection around the error, as the parse left it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Collection {
    pub mapping: bool,
    pub block: bool,
    /// Still open; otherwise closed by the error's own line (a dedent).
    pub open: bool,
    /// Byte offset of its first key or `-` (block), or of its bracket (flow).
    pub start: usize,
}

/// What the author reads: the place, the problem, the fix.
struct Plain {
    span: Range<usize>,
    message: Syntax,
    help: SyntaxHelp,
    /// A second place that explains the first ("still inside the quotes").
    label: Option<(Range<usize>, Label)>,
}

impl Plain {
    fn new(span: Range<usize>, message: Syntax, help: SyntaxHelp) -> Plain {
        Plain {
            span,
            message,
            help,
            label: None,
        }
    }
}

/// The diagnostic for a parse error, with `around` the collections around
/// it (outer to inner: those open, and those the error's line has just
/// closed) and `last_end` where the last parsed node ends.
pub(super) fn diagnostic(
    source: &str,
    file: usize,
    error: &ScanError,
    around: &[Collection],
    last_end: usize,
) -> Diagnostic {
    let mut at = error
        .marker()
        .byte_offset()
        .unwrap_or(source.len())
        .min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let place = Place {
        source,
        at,
        around,
        last_end,
    };
    let plain = place.plain(error.kind());
    let diagnostic = Diagnostic::new(Code::YamlSyntax, file, plain.span, plain.message)
        .with_help(plain.help)
        .with_note(Syntax::ParserSays {
            info: error.info().to_owned(),
        });
    match plain.label {
        Some((span, label)) => diagnostic.with_label(file, span, label),
        None => diagnostic,
    }
}

/// The error's place in the text, and what surrounds it.
struct Place<'a> {
    source: &'a str,
    /// The parser's position, on a character boundary.
    at: usize,
    around: &'a [Collection],
    last_end: usize,
}

impl Place<'_> {
    fn plain(&self, kind: &ErrorKind) -> Plain {
        use ErrorKind as E;
        let here = self.at..self.at;
        match kind {
            E::RecursionLimitExceeded => Plain::new(here, Syntax::TooDeep, SyntaxHelp::Flatten),
            E::TabInBlockIndentation
            | E::TabInIndentation
            | E::TabNotAllowed
            | E::TabInPlainScalar
            | E::TabAtBlockScalarStart => self.tab(),
            E::UnclosedQuotedScalar => self.unclosed_quote(self.at),
            E::InvalidQuotedScalarIndent | E::DocumentIndicatorInQuotedScalar => {
                self.quoted_continuation(kind)
            }
            E::InvalidTrailingDoubleQuotedScalar => self.after_quote('"'),
            E::InvalidTrailingSingleQuotedScalar => self.after_quote('\''),
            E::UnknownQuotedScalarEscape => self.unknown_escape(),
            E::InvalidQuotedScalarHexEscape
            | E::InvalidLowSurrogateHexEscape
            | E::InvalidLowSurrogate
            | E::MissingLowSurrogate
            | E::UnpairedLowSurrogate
            | E::InvalidUnicodeEscape => {
                Plain::new(here, Syntax::BadCodeEscape, SyntaxHelp::HexDigits)
            }
            E::UnclosedFlowCollection { open } => self.unclosed_bracket(self.at, *open),
            E::MismatchedFlowCollectionEnd { open, close } => Plain::new(
                self.one_char(self.at),
                Syntax::ClosesOther {
                    open: *open,
                    close: *close,
                },
                SyntaxHelp::CloseMatching,
            ),
            E::MisplacedFlowCollectionEnd => {
                let bracket = self.char_at(self.at).unwrap_or(']');
                Plain::new(
                    self.one_char(self.at),
                    Syntax::ClosesNothing { bracket },
                    SyntaxHelp::RemoveOrOpen {
                        open: opening(bracket),
                    },
                )
            }
            E::InvalidIndentation | E::InvalidFlowScalarIndent => match self.open_flow() {
                Some(flow) => self.flow_under_indented(flow),
                None => self.indentation(kind),
            },
            E::ExpectedFlowSequenceSeparator
            | E::ExpectedFlowMappingSeparator
            | E::UnexpectedEofFlowSequence
            | E::UnexpectedEofFlowMapping
            | E::UnexpectedEofImplicitFlowMapping
            | E::InvalidColonPlacement
            | E::FlowMappingValueAdjacentCollection
            | E::BlockEntryInFlowCollection
            | E::PlainScalarStartsWithDashFlowIndicator => self.in_flow(kind),
            E::MappingValueNotAllowed => self.colon(),
            E::ExpectedBlockMappingKey
            | E::ExpectedBlockSequenceEntry
            | E::SimpleKeyExpected
            | E::InvalidSimpleKey => self.indentation(kind),
            E::BlockSequenceEntryNotAllowed => self.dash(),
            E::InvalidBlockEntryWhitespace => {
                Plain::new(here, Syntax::DashNeedsSpace, SyntaxHelp::DashSpace)
            }
            E::CommentNotSeparated => Plain::new(
                self.one_char(self.at),
                Syntax::CommentNeedsSpace,
                SyntaxHelp::CommentSpace,
            ),
            E::CommentInterceptedScalar => {
                Plain::new(here, Syntax::CommentInValue, SyntaxHelp::CommentOwnLine)
            }
            E::UnexpectedCharacter { character } => match character {
                '|' | '>' | '%' | '@' | '`' => self.reserved(*character),
                _ => self.unprintable(*character),
            },
            E::MissingAnchorOrAliasName | E::MappingKeyNotAllowed => match self.char_at(self.at) {
                Some(c @ ('*' | '&' | '?')) => self.reserved(c),
                _ => self.not_yaml(),
            },
            E::InvalidBlockScalarHeader => {
                let indicator = match self.char_at(self.at) {
                    Some(c @ ('|' | '>')) => c,
                    _ => self.line_before().rfind(['|', '>']).map_or('|', |i| {
                        self.line_before()[i..].chars().next().unwrap_or('|')
                    }),
                };
                Plain::new(
                    here,
                    Syntax::TextAfterIndicator { indicator },
                    SyntaxHelp::TextNextLine { indicator },
                )
            }
            E::ZeroBlockScalarIndent => {
                Plain::new(here, Syntax::ZeroBlockIndent, SyntaxHelp::BlockBare)
            }
            E::InvalidBlockScalarIndent => {
                Plain::new(here, Syntax::UnevenBlockIndent, SyntaxHelp::BlockEven)
            }
            E::InvalidDocumentEnd => Plain::new(
                here,
                Syntax::TextAfterDocumentEnd,
                SyntaxHelp::RemoveDocumentEnd,
            ),
            E::ExpectedDocumentStart if self.directive_before().is_none() => {
                Plain::new(here, Syntax::TextAfterPlan, SyntaxHelp::OneMapping)
            }
            E::ExpectedDocumentStart
            | E::MissingDocumentEndBeforeDirective
            | E::DuplicateVersionDirective
            | E::UnsupportedYamlMajorVersion
            | E::DuplicateTagDirective
            | E::InvalidDirectiveTerminator
            | E::MissingYamlVersionSeparator
            | E::MissingDirectiveName
            | E::InvalidDirectiveName
            | E::DirectiveByteLimitExceeded { .. }
            | E::TooManyReservedDirectiveParams { .. }
            | E::YamlVersionTooLong
            | E::MissingYamlVersion
            | E::InvalidTagDirectiveTerminator
            | E::ExpectedTagDirectiveBang => Plain::new(
                {
                    let line = match kind {
                        E::ExpectedDocumentStart => self.directive_before(),
                        _ => None,
                    };
                    let line = line.unwrap_or_else(|| self.line_start());
                    line..line
                },
                Syntax::Directive,
                SyntaxHelp::RemoveDirective,
            ),
            E::ExpectedTagBang
            | E::InvalidGlobalTagCharacter
            | E::InvalidTagTerminator
            | E::MissingTagUri
            | E::UnclosedVerbatimTag
            | E::InvalidTagEscape
            | E::InvalidTagUtf8LeadingByte
            | E::InvalidTagUtf8TrailingByte
            | E::InvalidTagUtf8
            | E::UndeclaredTagHandle => {
                Plain::new(here, Syntax::MalformedTag, SyntaxHelp::RemoveTag)
            }
            E::BomInsideDocument => {
                Plain::new(self.one_char(self.at), Syntax::Bom, SyntaxHelp::DeleteBom)
            }
            _ => self.not_yaml(),
        }
    }

    fn not_yaml(&self) -> Plain {
        Plain::new(self.at..self.at, Syntax::NotYaml, SyntaxHelp::LookHere)
    }

    /// The start of the last `%` directive line before the error's line:
    /// after one, the parser wants the `---` that must follow it.
    fn directive_before(&self) -> Option<usize> {
        let before = &self.source[..self.line_start()];
        let mut at = 0;
        let mut found = None;
        for line in before.split_inclusive('\n') {
            if line.starts_with('%') {
                found = Some(at);
            }
            at += line.len();
        }
        found
    }

    /// The character at an offset, as a span (empty at the end).
    fn one_char(&self, at: usize) -> Range<usize> {
        at..at + self.char_at(at).map_or(0, char::len_utf8)
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.source.get(at..)?.chars().next()
    }

    fn line_start(&self) -> usize {
        self.source[..self.at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The error's line, without its line break.
    fn line(&self) -> &str {
        let start = self.line_start();
        let end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        self.source[start..end].trim_end_matches('\r')
    }

    /// The error's line up to the error.
    fn line_before(&self) -> &str {
        &self.source[self.line_start()..self.at]
    }

    /// The character column (0-based) of an offset in its line.
    fn column(&self, offset: usize) -> usize {
        let start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.source[start..offset].chars().count()
    }

    /// The 1-based line of an offset.
    fn line_number(&self, offset: usize) -> usize {
        self.source.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::layout::missing_space;
    use super::text::quoted_suggestion;

    #[test]
    fn suggestions_quote_simple_values_only() {
        assert_eq!(
            quoted_suggestion("  - title: Design: phase 1"),
            Some("title: \"Design: phase 1\"".to_owned())
        );
        assert_eq!(quoted_suggestion("title: say \"hi\": x"), None);
        assert_eq!(quoted_suggestion("title: a: b # note"), None);
        assert_eq!(
            missing_space("title:Design"),
            Some("title: Design".to_owned())
        );
        assert_eq!(missing_space("title: Design"), None);
        assert_eq!(missing_space("see https://x.org"), None);
        assert_eq!(missing_space("title"), None);
    }
}
