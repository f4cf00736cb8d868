//! Problems inside one value's text: tabs, quotes, escapes and characters
//! YAML reserves or does not allow.

use granit_parser::{ErrorKind, Event, Parser};

use super::{Label, Place, Plain};
use crate::i18n::syntax::{Syntax, SyntaxHelp};

impl Place<'_> {
    /// A tab where indentation is read. The parser stops where the tab
    /// breaks its reading, which may be the end of the line before; the
    /// diagnostic points at the tab itself.
    pub(super) fn tab(&self) -> Plain {
        let start = self.line_start();
        let mut line_at = start;
        for line in self.source[start..].split_inclusive('\n').take(2) {
            let blank = line.len() - line.trim_start_matches([' ', '\t']).len();
            if let Some(tab) = line[..blank].find('\t') {
                let tab = line_at + tab;
                return Plain::new(tab..tab + 1, Syntax::TabIndent, SyntaxHelp::TabSpaces);
            }
            line_at += line.len();
        }
        Plain::new(
            self.at..self.at,
            Syntax::TabElsewhere,
            SyntaxHelp::TabReplace,
        )
    }

    pub(super) fn unclosed_quote(&self, quote_at: usize) -> Plain {
        let quote = self.char_at(quote_at).filter(|c| matches!(c, '"' | '\''));
        let quote = quote.unwrap_or('"');
        Plain::new(
            self.one_char(quote_at),
            Syntax::QuoteNotClosed,
            SyntaxHelp::MatchQuote { quote },
        )
    }

    /// A quoted value that runs onto a line indented less than it, or into a
    /// `---` line. Usually its closing quote is missing: then even the
    /// lenient rules find no end to the value (it runs on to the end of the
    /// file, or into the next quote and then text the parser cannot take),
    /// and the diagnostic points at the opening quote. When they do find
    /// its end, the value was meant to span lines and only the indentation
    /// of its continuation is wrong.
    pub(super) fn quoted_continuation(&self, kind: &ErrorKind) -> Plain {
        // The quoted value is the token after the last node parsed (the
        // parser may point at its opening quote).
        let from = self.last_end.min(self.at);
        let to = self.at + self.char_at(self.at).map_or(0, char::len_utf8);
        let quote_at = self.source[from..to].find(['"', '\'']).map(|i| from + i);
        match quote_at {
            Some(quote_at)
                if matches!(kind, ErrorKind::DocumentIndicatorInQuotedScalar)
                    || !lenient_closes(self.source, quote_at) =>
            {
                let mut plain = self.unclosed_quote(quote_at);
                if self.line_start() > quote_at {
                    plain.label = Some((self.at..self.at, Label::StillQuotedHere));
                }
                plain
            }
            _ => Plain::new(
                self.at..self.at,
                Syntax::QuotedLessIndented,
                SyntaxHelp::IndentQuoted {
                    spaces: self.block_indent() + 1,
                },
            ),
        }
    }

    pub(super) fn after_quote(&self, quote: char) -> Plain {
        Plain::new(
            self.at..self.at,
            Syntax::TextAfterQuote,
            SyntaxHelp::InsideQuotes { quote },
        )
    }

    /// The parser points at the quoted value; the diagnostic points at the
    /// first escape it cannot read.
    pub(super) fn unknown_escape(&self) -> Plain {
        let text = &self.source[self.at..];
        let mut chars = text.char_indices().skip(1);
        let mut bad = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some((_, next)) if is_escape(next) => {}
                    Some((_, next)) => {
                        bad = Some((self.at + i, next));
                        break;
                    }
                    None => break,
                },
                _ => {}
            }
        }
        let span = match bad {
            Some((at, c)) => at..at + 1 + c.len_utf8(),
            None => self.at..self.at,
        };
        let escape = bad.map(|(_, c)| c);
        Plain::new(
            span,
            Syntax::UnknownEscape { escape },
            SyntaxHelp::Backslash,
        )
    }

    /// A character YAML does not allow in its text (a control character,
    /// say), somewhere in the value the parser points at.
    pub(super) fn unprintable(&self, character: char) -> Plain {
        let at = self.source[self.at..]
            .find(character)
            .map_or(self.at, |i| self.at + i);
        Plain::new(
            self.one_char(at),
            Syntax::Unprintable { character },
            SyntaxHelp::EscapeCharacter { character },
        )
    }

    /// A character YAML reserves, at the start of an unquoted value.
    pub(super) fn reserved(&self, character: char) -> Plain {
        let help = match quoted_suggestion(self.line()) {
            Some(fixed) => SyntaxHelp::QuoteThis { fixed },
            None => SyntaxHelp::QuoteValue,
        };
        Plain::new(
            self.one_char(self.at),
            Syntax::ReservedStart { character },
            help,
        )
    }
}

/// Whether the lenient indentation rules (granit's default, PyYAML's) read
/// the quoted value that opens at `quote_at` to its closing quote.
fn lenient_closes(source: &str, quote_at: usize) -> bool {
    let options = granit_parser::options! { emit_comments: false };
    for event in Parser::new_from_str_with_options(source, options) {
        let Ok((event, span)) = event else {
            return false;
        };
        let Some(range) = span.byte_range() else {
            continue;
        };
        if matches!(event, Event::Scalar(..)) && range.start == quote_at {
            return true;
        }
        if range.start > quote_at {
            return false;
        }
    }
    false
}

/// What follows a backslash in a double-quoted YAML value.
fn is_escape(c: char) -> bool {
    matches!(
        c,
        '0' | 'a'
            | 'b'
            | 't'
            | '\t'
            | 'n'
            | 'v'
            | 'f'
            | 'r'
            | 'e'
            | ' '
            | '"'
            | '/'
            | '\\'
            | 'N'
            | '_'
            | 'L'
            | 'P'
            | 'x'
            | 'u'
            | 'U'
            | '\n'
            | '\r'
    )
}

/// `key: value` written as `key: "value"`, when the value can simply be
/// wrapped: no quote, backslash or comment in it.
pub(super) fn quoted_suggestion(line: &str) -> Option<String> {
    let mut body = line.trim();
    while let Some(rest) = body.strip_prefix("- ") {
        body = rest.trim_start();
    }
    let (key, value) = body.split_once(": ")?;
    let value = value.trim();
    let plain = !key.is_empty()
        && !value.is_empty()
        && !value.contains(['"', '\\', '\''])
        && !value.contains(" #");
    plain.then(|| format!("{key}: \"{value}\""))
}
