//! English text of YAML syntax errors.

use std::fmt::{self, Formatter};

use crate::i18n::syntax::{Above, Alternative, Construct, Flow, Syntax, SyntaxHelp};

pub(in crate::i18n) fn syntax(message: &Syntax, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match message {
        Syntax::TooDeep => "nesting deeper than 255 levels of YAML (about 127 levels of tasks)",
        Syntax::TabIndent => "a tab in the indentation",
        Syntax::TabElsewhere => "a tab where YAML does not allow one",
        Syntax::QuoteNotClosed => "this quote is not closed",
        Syntax::QuotedLessIndented => {
            "this line is indented less than the quoted value it continues"
        }
        Syntax::TextAfterQuote => "text after the closing quote",
        Syntax::UnknownEscape { escape: Some(c) } => {
            return write!(out, "`\\{c}` is not an escape YAML knows");
        }
        Syntax::UnknownEscape { escape: None } => "an escape YAML does not know",
        Syntax::BadCodeEscape => "a `\\x`, `\\u` or `\\U` escape that is not a character code",
        Syntax::NotClosed { open } => return write!(out, "this `{open}` is not closed"),
        Syntax::SomeNotClosed { open } => return write!(out, "a `{open}` is not closed"),
        Syntax::ClosesOther { open, close } => {
            return write!(out, "this `{close}` closes a `{open}`");
        }
        Syntax::ClosesNothing { bracket } => return write!(out, "this `{bracket}` closes nothing"),
        Syntax::FlowUnderIndented { flow: f } => {
            return write!(
                out,
                "this line is indented less than the {} it continues",
                flow(*f)
            );
        }
        Syntax::MissingSeparator { close } => {
            return write!(out, "a `,` or `{close}` is missing before this");
        }
        Syntax::EmptyItem { flow: f } => {
            return write!(
                out,
                "an empty item in a `{}…{}` {}",
                f.open(),
                f.close(),
                flow(*f)
            );
        }
        Syntax::DashFlowIndicator => {
            "an unquoted value cannot start with `-` followed by `,`, `[`, `]`, `{` or `}`"
        }
        Syntax::ColonInFlow => "a `:` where YAML does not allow one",
        Syntax::DoesNotFit { flow: f } => {
            return write!(
                out,
                "this does not fit in a `{}…{}` {}",
                f.open(),
                f.close(),
                flow(*f)
            );
        }
        Syntax::ColonInValue => "a value cannot contain `: ` unless it is quoted",
        Syntax::ListOnKeyLine => "a list cannot start on the same line as its key",
        Syntax::ItemCannotStart => "a `- ` list item cannot start here",
        Syntax::DashNeedsSpace => "a `-` needs a space after it",
        Syntax::CommentNeedsSpace => "a comment needs a space before its `#`",
        Syntax::CommentInValue => "a comment in the middle of a value that goes on below it",
        Syntax::ReservedStart { character: '`' } => {
            "a value cannot start with `` ` `` unless it is quoted"
        }
        Syntax::ReservedStart { character } => {
            return write!(
                out,
                "a value cannot start with `{character}` unless it is quoted"
            );
        }
        Syntax::Unprintable { character } => {
            return write!(
                out,
                "a character YAML does not allow in text: U+{:04X}",
                u32::from(*character)
            );
        }
        Syntax::TextAfterIndicator { indicator } => {
            return write!(out, "text cannot follow `{indicator}` on its line");
        }
        Syntax::ZeroBlockIndent => "a block text's indentation digit must be 1 to 9",
        Syntax::UnevenBlockIndent => {
            "the lines of this block text (`|` or `>`) are indented unevenly"
        }
        Syntax::TextAfterDocumentEnd => "text after `...` on its line",
        Syntax::TextAfterPlan => "text after the end of the plan's top-level value",
        Syntax::Directive => "a `%` directive that YAML cannot read here",
        Syntax::MalformedTag => "a malformed `!` tag",
        Syntax::Bom => "an invisible byte-order mark (U+FEFF) inside the file",
        Syntax::NotYaml => "this is not valid YAML",
        Syntax::ColonNoKey => "`: ` where no key can start",
        Syntax::TextAfterValue => "more text after a complete value",
        Syntax::IndentedMore { above: a } => {
            return write!(
                out,
                "this line is indented more than the {} above it",
                above(*a)
            );
        }
        Syntax::ItemAmongKeys => "a `- ` list item among the keys of a mapping",
        Syntax::KeyNeedsColon => "a key needs `: ` after it",
        Syntax::NotAnItem => "this line is in a list but does not start with `- `",
        Syntax::MisfitIndent => "this line does not fit the indentation of the lines above it",
        Syntax::ListIndented { more: true } => {
            "this line is indented more than the list it continues"
        }
        Syntax::ListIndented { more: false } => {
            "this line is indented less than the list it continues"
        }
        Syntax::KeysIndentedLess => "this line is indented less than the keys above it",
        Syntax::SecondDocument => {
            "a plan file holds one YAML document, but a second one starts here"
        }
        Syntax::Unsupported { what } => {
            return write!(out, "{} are not supported in plans", construct(*what));
        }
        Syntax::DuplicateKey { key } => return write!(out, "duplicate key `{key}`"),
        Syntax::ParserSays { info } => return write!(out, "the YAML parser says: {info}"),
    })
}

pub(in crate::i18n) fn help(help: &SyntaxHelp, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match help {
        SyntaxHelp::Flatten => {
            "flatten the plan: make the deepest branches top-level tasks or files of their own"
        }
        SyntaxHelp::TabSpaces => "indent with spaces; YAML does not allow tabs here",
        SyntaxHelp::TabReplace => "replace it with spaces",
        SyntaxHelp::MatchQuote { quote } => {
            return write!(out, "end the value with a matching `{quote}`");
        }
        SyntaxHelp::IndentQuoted { spaces: n } => {
            return write!(
                out,
                "indent it by at least {}, or keep the quoted value on one line",
                Spaces(*n)
            );
        }
        SyntaxHelp::InsideQuotes { quote } => {
            let inside = match quote {
                '"' => "`\\\"`",
                _ => "`''`",
            };
            return write!(
                out,
                "a quoted value ends at its closing `{quote}`: put all of the text inside the \
                 quotes, writing a `{quote}` inside them as {inside}"
            );
        }
        SyntaxHelp::Backslash => {
            "in double quotes a backslash starts an escape: write `\\\\` for a backslash, or \
             use single quotes, where a backslash is plain text"
        }
        SyntaxHelp::HexDigits => {
            "write the code in hex digits (`\\u00e9` is é), or `\\\\` for a plain backslash"
        }
        SyntaxHelp::CloseAfterLast { close } => {
            return write!(out, "close it with `{close}` after the last item");
        }
        SyntaxHelp::CloseAfterIts { close } => {
            return write!(out, "close it with `{close}` after its last item");
        }
        SyntaxHelp::CloseMatching => "close a `[` with `]` and a `{` with `}`",
        SyntaxHelp::RemoveOrOpen { open } => {
            return write!(out, "remove it, or add the `{open}` it belongs to");
        }
        SyntaxHelp::FlowStillOpen {
            flow: f,
            line,
            spaces: n,
        } => {
            return write!(
                out,
                "the `{}` on line {line} is still open: close it with `{}` where the {} \
                 ends, or indent this line by at least {}",
                f.open(),
                f.close(),
                flow(*f),
                Spaces(*n),
            );
        }
        SyntaxHelp::SeparateItems { flow: f } => {
            return write!(
                out,
                "separate the items of a `{open}…{close}` {what} with `, ` and close it \
                 with `{close}`",
                open = f.open(),
                close = f.close(),
                what = flow(*f),
            );
        }
        SyntaxHelp::RemoveComma => "remove the extra `,`",
        SyntaxHelp::QuoteDash => "quote it: `\"-\"`",
        SyntaxHelp::KeyValueInFlow => {
            "inside `[…]` or `{…}`, write `key: value` on one line, and quote a value \
             that holds a `:`"
        }
        SyntaxHelp::FitFlow { flow: f } => {
            return write!(
                out,
                "separate the items with `, `, close the {} with `{}`, and quote \
                 an item that holds `: `, `#`, `,`, brackets or braces",
                flow(*f),
                f.close(),
            );
        }
        SyntaxHelp::QuoteThis { fixed } => return write!(out, "quote the value: `{fixed}`"),
        SyntaxHelp::QuoteWhole => "put the whole value in quotes",
        SyntaxHelp::QuoteValue => "put the value in quotes",
        SyntaxHelp::ListBelowKey => {
            "put each `- item` on a line of its own below the key, indented more than it, \
             or write the list as `[a, b]`"
        }
        SyntaxHelp::ItemOwnLine => "start each list item on a line of its own",
        SyntaxHelp::DashSpace => "write `- item`, with a space (not a tab) after the dash",
        SyntaxHelp::CommentSpace => {
            "write ` #` to start a comment, or quote the value if the `#` is part of it"
        }
        SyntaxHelp::CommentOwnLine => "move the comment to a line of its own, or quote the value",
        SyntaxHelp::EscapeCharacter { character } => {
            return write!(
                out,
                "remove it; to keep it, write it as `\\u{:04x}` inside double quotes",
                u32::from(*character)
            );
        }
        SyntaxHelp::TextNextLine { indicator } => {
            return write!(
                out,
                "start the text on the next line, indented more than its key, or quote \
                 the value if it begins with `{indicator}`"
            );
        }
        SyntaxHelp::BlockBare => {
            "write `|` alone: the indentation of the text's first line is used"
        }
        SyntaxHelp::BlockEven => {
            "indent every line of the text at least as far as its first line, and leave \
             no extra spaces on the blank lines before that"
        }
        SyntaxHelp::RemoveDocumentEnd => {
            "`...` ends a document and stands alone; a plan does not need it: remove it"
        }
        SyntaxHelp::OneMapping => {
            "a plan is one mapping of `key: value` lines: remove this line, or fix the \
             one above that ended the mapping"
        }
        SyntaxHelp::RemoveDirective => "a plan needs no `%YAML` or `%TAG` line: remove it",
        SyntaxHelp::RemoveTag => {
            "plans take no tags: remove the `!…`, or quote the value if it starts with `!`"
        }
        SyntaxHelp::DeleteBom => "delete it: only the very start of a file may hold one",
        SyntaxHelp::LookHere => {
            "look here for a stray character, an unclosed quote or bracket, or a line \
             indented unlike its neighbours"
        }
        SyntaxHelp::KeyOwnLine => {
            "start each `key: value` on a line of its own, or quote the value if the \
             colon is part of it"
        }
        SyntaxHelp::RestOwnLine => {
            "a value ends at the end of its line or at its closing quote or bracket: put \
             the rest on a line of its own, or quote the whole value"
        }
        SyntaxHelp::LikeAbove {
            column,
            above: a,
            or,
        } => {
            write!(
                out,
                "{}, like the {} above it",
                IndentIt(*column),
                above(*a)
            )?;
            return match or {
                None => Ok(()),
                Some(Alternative::OuterKey { column }) => write!(
                    out,
                    ", or {} if it is a key of the mapping further out",
                    IndentIt(*column)
                ),
                Some(Alternative::NewItem { column: 0 }) => {
                    out.write_str(", or start a new item with `- ` at the start of the line")
                }
                Some(Alternative::NewItem { column }) => write!(
                    out,
                    ", or start a new item with `- ` after {}",
                    Spaces(*column)
                ),
            };
        }
        SyntaxHelp::RemoveDash => {
            "remove the `-` if this line is a key; a list goes on the lines below its \
             key, indented more than it"
        }
        SyntaxHelp::SpaceAfterColon { fixed } => {
            return write!(out, "put a space after the colon: `{fixed}`");
        }
        SyntaxHelp::WriteKeyValue => {
            "write `key: value`, with `: ` after the key; if the line continues the value \
             above, indent it further or quote that value"
        }
        SyntaxHelp::StartWithDash { inner } => {
            out.write_str("start it with `- ` to make it a new item")?;
            return match inner {
                Some(inner) => write!(out, ", or {} to add it to the item above", IndentIt(*inner)),
                None => Ok(()),
            };
        }
        SyntaxHelp::LineUp => "line it up with the keys or `- ` items it belongs with",
        SyntaxHelp::SecondDocument => {
            "remove the `---` line, or move the second document into a file of its own"
        }
        SyntaxHelp::PlainData => "plans are plain data: write the value out in full",
        SyntaxHelp::DuplicateKey => "remove one of them; YAML keeps only one value per key",
    })
}

pub(in crate::i18n) fn flow(flow: Flow) -> &'static str {
    match flow {
        Flow::List => "list",
        Flow::Mapping => "mapping",
    }
}

pub(in crate::i18n) fn above(above: Above) -> &'static str {
    match above {
        Above::Keys => "keys",
        Above::Items => "`- ` items",
    }
}

pub(in crate::i18n) fn construct(construct: Construct) -> &'static str {
    match construct {
        Construct::Tags => "tags (`!name`)",
        Construct::Anchors => "anchors (`&name`)",
        Construct::Aliases => "aliases (`*name`)",
        Construct::MergeKeys => "merge keys (`<<`)",
    }
}

/// "1 space", "4 spaces".
struct Spaces(usize);

impl fmt::Display for Spaces {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => out.write_str("1 space"),
            n => write!(out, "{n} spaces"),
        }
    }
}

/// How to bring a line to a column, as an instruction.
struct IndentIt(usize);

impl fmt::Display for IndentIt {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => out.write_str("remove its indentation"),
            n => write!(out, "indent it by {}", Spaces(n)),
        }
    }
}
