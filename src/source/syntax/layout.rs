//! Lines that do not fit the layout around them: a line indented more or
//! less than the keys or `- ` items above it, a `[…]` or `{…}` left open or
//! broken, a `: ` or `- ` where none can start.

use granit_parser::ErrorKind;

use super::text::quoted_suggestion;
use super::{Collection, Place, Plain};

impl Place<'_> {
    pub(super) fn unclosed_bracket(&self, at: usize, open: char) -> Plain {
        Plain::new(
            self.one_char(at),
            format!("this `{open}` is not closed"),
            format!("close it with `{}` after the last item", closing(open)),
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
        let (open, what) = brackets(flow);
        Plain {
            label: Some((self.one_char(flow.start), "opened here")),
            ..Plain::new(
                self.at..self.at,
                format!("this line is indented less than the {what} it continues"),
                format!(
                    "the `{open}` on line {} is still open: close it with `{}` where the {what} \
                     ends, or indent this line by at least {}",
                    self.line_number(flow.start),
                    closing(open),
                    spaces(self.block_indent() + 1),
                ),
            )
        }
    }

    /// An error inside `[…]` or `{…}`. The collection may not have been
    /// reported yet when the parser stops (it reads a little ahead), so the
    /// kind of error says which bracket when no open one is known.
    pub(super) fn in_flow(&self, kind: &ErrorKind) -> Plain {
        use ErrorKind as E;
        let flow = self.open_flow();
        let open = match (flow, kind) {
            (Some(flow), _) => brackets(flow).0,
            (None, E::ExpectedFlowMappingSeparator | E::UnexpectedEofFlowMapping) => '{',
            _ => '[',
        };
        let close = closing(open);
        let what = if open == '{' { "mapping" } else { "list" };
        let mut plain = match kind {
            E::UnexpectedEofFlowSequence | E::UnexpectedEofFlowMapping
                if self.at >= self.source.trim_end().len() =>
            {
                return match flow {
                    Some(flow) => self.unclosed_bracket(flow.start, open),
                    None => Plain::new(
                        self.at..self.at,
                        format!("a `{open}` is not closed"),
                        format!("close it with `{close}` after its last item"),
                    ),
                };
            }
            E::ExpectedFlowSequenceSeparator | E::ExpectedFlowMappingSeparator => Plain::new(
                self.at..self.at,
                format!("a `,` or `{close}` is missing before this"),
                format!(
                    "separate the items of a `{open}…{close}` {what} with `, ` and close it \
                     with `{close}`"
                ),
            ),
            _ if self.char_at(self.at) == Some(',') => Plain::new(
                self.one_char(self.at),
                format!("an empty item in a `{open}…{close}` {what}"),
                "remove the extra `,`",
            ),
            E::PlainScalarStartsWithDashFlowIndicator => Plain::new(
                self.one_char(self.at),
                "an unquoted value cannot start with `-` followed by `,`, `[`, `]`, `{` or `}`",
                "quote it: `\"-\"`",
            ),
            E::InvalidColonPlacement => Plain::new(
                self.one_char(self.at),
                "a `:` where YAML does not allow one",
                "inside `[…]` or `{…}`, write `key: value` on one line, and quote a value \
                 that holds a `:`",
            ),
            _ => Plain::new(
                self.at..self.at,
                format!("this does not fit in a `{open}…{close}` {what}"),
                format!(
                    "separate the items with `, `, close the {what} with `{close}`, and quote \
                     an item that holds `: `, `#`, `,`, brackets or braces"
                ),
            ),
        };
        if let Some(flow) = flow
            && self.line_start() > flow.start
        {
            plain.label = Some((self.one_char(flow.start), "still open from here"));
        }
        plain
    }

    /// `: ` where no key can start: inside a value on the same line, or on
    /// a line indented so far that it continues the value above.
    pub(super) fn colon(&self) -> Plain {
        let before = self.line_before().trim_start();
        if before.contains(": ") || before.contains(":\t") {
            let help = match quoted_suggestion(self.line()) {
                Some(fixed) => format!("quote the value: `{fixed}`"),
                None => "put the whole value in quotes".to_owned(),
            };
            return Plain::new(
                self.one_char(self.at),
                "a value cannot contain `: ` unless it is quoted",
                help,
            );
        }
        self.indentation(&ErrorKind::MappingValueNotAllowed)
    }

    pub(super) fn dash(&self) -> Plain {
        if self.line_before().contains(':') {
            return Plain::new(
                self.one_char(self.at),
                "a list cannot start on the same line as its key",
                "put each `- item` on a line of its own below the key, indented more than it, \
                 or write the list as `[a, b]`",
            );
        }
        Plain::new(
            self.one_char(self.at),
            "a `- ` list item cannot start here",
            "start each list item on a line of its own",
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
                    "`: ` where no key can start",
                    "start each `key: value` on a line of its own, or quote the value if the \
                     colon is part of it",
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
                "more text after a complete value",
                "a value ends at the end of its line or at its closing quote or bracket: put \
                 the rest on a line of its own, or quote the whole value",
            );
        }
        let things = |mapping: bool| if mapping { "keys" } else { "`- ` items" };
        if indent > column {
            return Plain::new(
                span,
                format!(
                    "this line is indented more than the {} above it",
                    things(mapping)
                ),
                format!(
                    "{}, like the {} above it",
                    indent_it(column),
                    things(mapping)
                ),
            );
        }
        if let Some(j) = blocks.iter().rposition(|&(_, c)| c == indent) {
            let (mapping, _) = blocks[j];
            if mapping && dash {
                return Plain::new(
                    self.one_char(span.start),
                    "a `- ` list item among the keys of a mapping",
                    "remove the `-` if this line is a key; a list goes on the lines below its \
                     key, indented more than it",
                );
            }
            if mapping {
                let help = match missing_space(body) {
                    Some(fixed) => format!("put a space after the colon: `{fixed}`"),
                    None => "write `key: value`, with `: ` after the key; if the line \
                             continues the value above, indent it further or quote that value"
                        .to_owned(),
                };
                return Plain::new(span, "a key needs `: ` after it", help);
            }
            if !dash {
                let mut help = "start it with `- ` to make it a new item".to_owned();
                if let Some(&(_, inner)) = blocks.get(j + 1) {
                    help.push_str(&format!(
                        ", or {} to add it to the item above",
                        indent_it(inner)
                    ));
                }
                return Plain::new(
                    span,
                    "this line is in a list but does not start with `- `",
                    help,
                );
            }
            return Plain::new(
                span,
                "this line does not fit the indentation of the lines above it",
                "line it up with the keys or `- ` items it belongs with",
            );
        }
        // A `- ` item between two columns belongs to the list nearest it.
        if dash
            && let Some(&(_, list)) = blocks
                .iter()
                .filter(|&&(mapping, _)| !mapping)
                .min_by_key(|&&(_, c)| c.abs_diff(indent))
        {
            let than = if indent > list { "more" } else { "less" };
            return Plain::new(
                span,
                format!("this line is indented {than} than the list it continues"),
                format!("{}, like the `- ` items above it", indent_it(list)),
            );
        }
        // Between two columns: short of the innermost collection that is
        // indented further than the line.
        let j = blocks.iter().position(|&(_, c)| c > indent).unwrap_or(0);
        let (mapping, column) = blocks[j];
        let (message, mut help) = if mapping {
            (
                "this line is indented less than the keys above it",
                format!("{}, like the keys above it", indent_it(column)),
            )
        } else {
            (
                "this line is indented less than the list it continues",
                format!("{}, like the `- ` items above it", indent_it(column)),
            )
        };
        if mapping && j > 0 {
            let (outer_mapping, outer) = blocks[j - 1];
            help.push_str(&if outer_mapping {
                format!(
                    ", or {} if it is a key of the mapping further out",
                    indent_it(outer)
                )
            } else {
                format!(
                    ", or start a new item with `- ` {}",
                    if outer == 0 {
                        "at the start of the line".to_owned()
                    } else {
                        format!("after {}", spaces(outer))
                    }
                )
            });
        }
        Plain::new(span, message, help)
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

/// "1 space", "4 spaces".
pub(super) fn spaces(count: usize) -> String {
    match count {
        1 => "1 space".to_owned(),
        _ => format!("{count} spaces"),
    }
}

/// How to bring a line to a column, as an instruction.
pub(super) fn indent_it(column: usize) -> String {
    match column {
        0 => "remove its indentation".to_owned(),
        _ => format!("indent it by {}", spaces(column)),
    }
}

pub(super) fn closing(open: char) -> char {
    if open == '{' { '}' } else { ']' }
}

pub(super) fn opening(close: char) -> char {
    if close == '}' { '{' } else { '[' }
}

pub(super) fn brackets(flow: Collection) -> (char, &'static str) {
    if flow.mapping {
        ('{', "mapping")
    } else {
        ('[', "list")
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
