//! Lines that do not fit the layout around them: a line indented more or
//! less than the keys or `- ` items above it, a `[…]` or `{…}` left open or
//! broken, a `: ` or `- ` where none can start.

use granit_parser::ErrorKind;

use super::text::quoted_suggestion;
use super::{Collection, Label, Place, Plain};
use crate::i18n::syntax::{Above, Alternative, Flow, Syntax, SyntaxHelp};

impl Place<'_> {
    pub(super) fn unclosed_bracket(&self, at: usize, open: char) -> Plain {
        Plain::new(
            self.one_char(at),
            Syntax::NotClosed { open },
            SyntaxHelp::CloseAfterLast {
                close: closing(open),
            },
        )
    }

    /// The innermost flow collection still open at the error.
    pub(super) fn open_flow(&self) -> Option<Collection> {
        self.around
            .iter()
            .rev()
            .find(|c| c.open)
            .filter(|c| !c.block)
            .copied()
    }

    pub(super) fn flow_under_indented(&self, flow: Collection) -> Plain {
        let flow_kind = brackets(flow);
        Plain {
            label: Some((self.one_char(flow.start), Label::OpenedHere)),
            ..Plain::new(
                self.at..self.at,
                Syntax::FlowUnderIndented { flow: flow_kind },
                SyntaxHelp::FlowStillOpen {
                    flow: flow_kind,
                    line: self.line_number(flow.start),
                    spaces: self.block_indent() + 1,
                },
            )
        }
    }

    /// An error inside `[…]` or `{…}`. The collection may not have been
    /// reported yet when the parser stops (it reads a little ahead), so the
    /// kind of error says which bracket when no open one is known.
    pub(super) fn in_flow(&self, kind: &ErrorKind) -> Plain {
        use ErrorKind as E;
        let flow = self.open_flow();
        let what = match (flow, kind) {
            (Some(flow), _) => brackets(flow),
            (None, E::ExpectedFlowMappingSeparator | E::UnexpectedEofFlowMapping) => Flow::Mapping,
            _ => Flow::List,
        };
        let (open, close) = (what.open(), what.close());
        let mut plain = match kind {
            E::UnexpectedEofFlowSequence | E::UnexpectedEofFlowMapping
                if self.at >= self.source.trim_end().len() =>
            {
                return match flow {
                    Some(flow) => self.unclosed_bracket(flow.start, open),
                    None => Plain::new(
                        self.at..self.at,
                        Syntax::SomeNotClosed { open },
                        SyntaxHelp::CloseAfterIts { close },
                    ),
                };
            }
            E::ExpectedFlowSequenceSeparator | E::ExpectedFlowMappingSeparator => Plain::new(
                self.at..self.at,
                Syntax::MissingSeparator { close },
                SyntaxHelp::SeparateItems { flow: what },
            ),
            _ if self.char_at(self.at) == Some(',') => Plain::new(
                self.one_char(self.at),
                Syntax::EmptyItem { flow: what },
                SyntaxHelp::RemoveComma,
            ),
            E::PlainScalarStartsWithDashFlowIndicator => Plain::new(
                self.one_char(self.at),
                Syntax::DashFlowIndicator,
                SyntaxHelp::QuoteDash,
            ),
            E::InvalidColonPlacement => Plain::new(
                self.one_char(self.at),
                Syntax::ColonInFlow,
                SyntaxHelp::KeyValueInFlow,
            ),
            _ => Plain::new(
                self.at..self.at,
                Syntax::DoesNotFit { flow: what },
                SyntaxHelp::FitFlow { flow: what },
            ),
        };
        if let Some(flow) = flow
            && self.line_start() > flow.start
        {
            plain.label = Some((self.one_char(flow.start), Label::StillOpenFromHere));
        }
        plain
    }

    /// `: ` where no key can start: inside a value on the same line, or on
    /// a line indented so far that it continues the value above.
    pub(super) fn colon(&self) -> Plain {
        let before = self.line_before().trim_start();
        if before.contains(": ") || before.contains(":\t") {
            let help = match quoted_suggestion(self.line()) {
                Some(fixed) => SyntaxHelp::QuoteThis { fixed },
                None => SyntaxHelp::QuoteWhole,
            };
            return Plain::new(self.one_char(self.at), Syntax::ColonInValue, help);
        }
        self.indentation(&ErrorKind::MappingValueNotAllowed)
    }

    pub(super) fn dash(&self) -> Plain {
        if self.line_before().contains(':') {
            return Plain::new(
                self.one_char(self.at),
                Syntax::ListOnKeyLine,
                SyntaxHelp::ListBelowKey,
            );
        }
        Plain::new(
            self.one_char(self.at),
            Syntax::ItemCannotStart,
            SyntaxHelp::ItemOwnLine,
        )
    }

    /// A line whose indentation or shape does not fit the block collections
    /// around it: compared with the columns of the keys and `- ` items
    /// above, it is indented more, less, or the same but is not what that
    /// collection holds.
    pub(super) fn indentation(&self, kind: &ErrorKind) -> Plain {
        let blocks: Vec<(bool, usize)> = self
            .around
            .iter()
            .filter(|c| c.block)
            .map(|c| (c.mapping, self.column(c.start)))
            .collect();
        let Some(&(mapping, column)) = blocks.last() else {
            return match kind {
                ErrorKind::MappingValueNotAllowed => Plain::new(
                    self.one_char(self.at),
                    Syntax::ColonNoKey,
                    SyntaxHelp::KeyOwnLine,
                ),
                _ => self.not_yaml(),
            };
        };
        let indent = self.line().len() - self.line().trim_start_matches(' ').len();
        let line_start = self.line_start();
        let span = line_start + indent..line_start + indent;
        let body = self.line()[indent..].trim_end();
        let dash = body == "-" || body.starts_with("- ");
        // The parser wanted a new line (a key, an item) but the line goes
        // on after a complete value: the line's indentation is not the
        // problem.
        let mid_line = self.at > span.start && self.at < line_start + self.line().trim_end().len();
        if mid_line && !dash && !matches!(kind, ErrorKind::MappingValueNotAllowed) {
            return Plain::new(
                self.at..self.at,
                Syntax::TextAfterValue,
                SyntaxHelp::RestOwnLine,
            );
        }
        let things = |mapping: bool| if mapping { Above::Keys } else { Above::Items };
        if indent > column {
            return Plain::new(
                span,
                Syntax::IndentedMore {
                    above: things(mapping),
                },
                SyntaxHelp::LikeAbove {
                    column,
                    above: things(mapping),
                    or: None,
                },
            );
        }
        if let Some(j) = blocks.iter().rposition(|&(_, c)| c == indent) {
            let (mapping, _) = blocks[j];
            if mapping && dash {
                return Plain::new(
                    self.one_char(span.start),
                    Syntax::ItemAmongKeys,
                    SyntaxHelp::RemoveDash,
                );
            }
            if mapping {
                let help = match missing_space(body) {
                    Some(fixed) => SyntaxHelp::SpaceAfterColon { fixed },
                    None => SyntaxHelp::WriteKeyValue,
                };
                return Plain::new(span, Syntax::KeyNeedsColon, help);
            }
            if !dash {
                let inner = blocks.get(j + 1).map(|&(_, inner)| inner);
                return Plain::new(span, Syntax::NotAnItem, SyntaxHelp::StartWithDash { inner });
            }
            return Plain::new(span, Syntax::MisfitIndent, SyntaxHelp::LineUp);
        }
        // A `- ` item between two columns belongs to the list nearest it.
        if dash
            && let Some(&(_, list)) = blocks
                .iter()
                .filter(|&&(mapping, _)| !mapping)
                .min_by_key(|&&(_, c)| c.abs_diff(indent))
        {
            return Plain::new(
                span,
                Syntax::ListIndented {
                    more: indent > list,
                },
                SyntaxHelp::LikeAbove {
                    column: list,
                    above: Above::Items,
                    or: None,
                },
            );
        }
        // Between two columns: short of the innermost collection that is
        // indented further than the line.
        let j = blocks.iter().position(|&(_, c)| c > indent).unwrap_or(0);
        let (mapping, column) = blocks[j];
        let or = (mapping && j > 0).then(|| {
            let (outer_mapping, outer) = blocks[j - 1];
            if outer_mapping {
                Alternative::OuterKey { column: outer }
            } else {
                Alternative::NewItem { column: outer }
            }
        });
        let (message, above) = if mapping {
            (Syntax::KeysIndentedLess, Above::Keys)
        } else {
            (Syntax::ListIndented { more: false }, Above::Items)
        };
        Plain::new(span, message, SyntaxHelp::LikeAbove { column, above, or })
    }

    /// The indentation a continuation line must exceed: the column of the
    /// innermost block collection, or -1 (so 0) at the top.
    pub(super) fn block_indent(&self) -> usize {
        self.around
            .iter()
            .rev()
            .find(|c| c.block && c.open)
            .map_or(0, |c| self.column(c.start))
    }
}

pub(super) fn closing(open: char) -> char {
    if open == '{' { '}' } else { ']' }
}

pub(super) fn opening(close: char) -> char {
    if close == '}' { '{' } else { '[' }
}

pub(super) fn brackets(flow: Collection) -> Flow {
    if flow.mapping {
        Flow::Mapping
    } else {
        Flow::List
    }
}

/// `title:Design` written `title: Design`, when the line's first word has a
/// colon followed by text.
pub(super) fn missing_space(body: &str) -> Option<String> {
    let word = body.split_whitespace().next()?;
    let colon = word.find(':')?;
    (colon > 0 && colon + 1 < word.len() && !word.contains("://"))
        .then(|| format!("{}: {}", &body[..colon], &body[colon + 1..]))
}
