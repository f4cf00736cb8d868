//! Plan text made safe to print: control characters and terminal escape
//! sequences are shown escaped, never sent raw (SPEC §4).
//!
//! Plans come from pull requests by anyone and are printed in CI logs and on
//! terminals, so every renderer passes plan text through here.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as itself: C0 and C1
/// controls, DEL, and the bidirectional overrides that can make a line read
/// differently from what it holds.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Replaces unsafe characters with visible escapes: `\n`, `\t`, `\r`, `\e`
/// for ESC, and `\u{…}` for the rest. Text that a CI runner would read as
/// a workflow command — `::` where a line may start, or `##[` anywhere —
/// gets an invisible zero-width space inside it. Borrowed when nothing
/// needs changing.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    let command = starts_command(text) || text.contains("##[");
    if !command && !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    if starts_command(text) {
        let spaces = text.len() - text.trim_start_matches([' ', '\t']).len();
        out.push_str(&text[..spaces].replace('\t', "\\t"));
        out.push(ZERO_WIDTH_SPACE);
        push_escaped(&mut out, &text[spaces..]);
    } else {
        push_escaped(&mut out, text);
    }
    if out.contains("##[") {
        out = out.replace("##[", "#\u{200B}#[");
    }
    Cow::Owned(out)
}

/// A word as a POSIX shell reads it back: bare when it holds only
/// characters no shell treats specially, else in single quotes. For
/// command lines wbs shows to copy, or writes for git to run.
pub fn shell_word(word: &str) -> Cow<'_, str> {
    // `~` expands only at the start of a word (`HEAD~1` is plain).
    let plain = !word.is_empty()
        && !word.starts_with('~')
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "_-./:,=@%+^~".contains(c));
    if plain {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

/// Breaks a workflow command without changing what a person reads.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Whether the text, printed at the start of a line, would start a GitHub
/// Actions workflow command (the runner skips leading white space).
fn starts_command(text: &str) -> bool {
    text.trim_start_matches([' ', '\t']).starts_with("::")
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_unsafe(c) {
            push_control(out, c);
        } else {
            out.push(c);
        }
    }
}

/// The one visible spelling of an unsafe character, in every output people
/// read: `\n`, `\t`, `\r`, `\e` for ESC, and `\u{…}` for the rest.
fn push_control(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{1b}' => out.push_str("\\e"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// A JSON formatter that, besides what JSON must escape, writes DEL, C1
/// controls and bidirectional overrides as `\u` escapes: JSON output is
/// read by programs, but also ends up in terminals and logs, and a string
/// still decodes to the plan's exact text.
pub struct JsonFormatter(serde_json::ser::PrettyFormatter<'static>);

impl JsonFormatter {
    pub fn pretty() -> JsonFormatter {
        JsonFormatter(serde_json::ser::PrettyFormatter::new())
    }
}

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes the items as one pretty JSON array with [`JsonFormatter`], each
/// made as it is written rather than all held at once.
pub fn write_json_seq<W: std::io::Write, T: serde::Serialize>(
    out: W,
    items: impl IntoIterator<Item = T>,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, JsonFormatter::pretty());
    serde::Serializer::collect_seq(&mut serializer, items)
}

/// Writes `value` as pretty JSON with [`JsonFormatter`].
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, JsonFormatter::pretty());
    value.serialize(&mut serializer)
}

/// Plan text quoted inside a message: escaped, and cut to its first 60
/// characters with `…`, so a hostile 10,000-character value cannot bury
/// the message it appears in.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    const MAX_CHARS: usize = 60;
    match text.char_indices().nth(MAX_CHARS) {
        None => escape_control(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", escape_control(&text[..cut]))),
    }
}

/// Text for a markdown table cell or list item, rendered literally: the
/// characters markdown or HTML would act on are escaped, `<`, `>` and `&`
/// become entities, line breaks become `<br>` (but for those that end the
/// text, as a YAML block scalar's does), other control characters are
/// spelled as [`escape_control`] spells them, and `@` mentions are broken by
/// an invisible word joiner.
pub fn markdown_text(text: &str) -> String {
    let text = text.trim_end_matches(['\n', '\r']);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '|' | '[' | ']' | '`' | '*' | '_' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // A word joiner after `@` keeps `@team` in a plan title from
            // notifying a GitHub team when the markdown is posted.
            '@' => out.push_str("@\u{2060}"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if is_unsafe(c) => push_control(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each unsafe character by one visible character of the same
/// UTF-8 length, so byte offsets and character columns computed on the
/// original text still hold for the result. Used for source lines shown
/// under a diagnostic: tabs and line breaks (`\n`, and `\r` before `\n`)
/// are kept, since the snippet renderer lays them out itself.
pub fn mask_control(text: &str) -> Cow<'_, str> {
    let kept =
        |c: char, next: Option<char>| c == '\t' || c == '\n' || (c == '\r' && next == Some('\n'));
    let mut chars = text.chars().peekable();
    let mut needed = false;
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !kept(c, chars.peek().copied()) {
            needed = true;
            break;
        }
    }
    if !needed {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            c if kept(c, chars.peek().copied()) => c,
            // A lone carriage return ends a line in YAML; show it as one.
            '\r' => '\n',
            c if is_unsafe(c) => match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{FFFD}',
            },
            c => c,
        });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape_control("plain 中文"), "plain 中文");
        assert_eq!(escape_control("a\u{1b}[31mb\nc"), "a\\e[31mb\\nc");
        assert_eq!(escape_control("x\u{202E}y\u{7f}"), "x\\u{202e}y\\u{7f}");
    }

    #[test]
    fn excerpts_are_short_and_safe() {
        assert_eq!(excerpt("short"), "short");
        let long = "设".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "设".repeat(60)));
        assert_eq!(excerpt("a\u{1b}b"), "a\\eb");
    }

    #[test]
    fn markdown_text_is_literal() {
        assert_eq!(
            markdown_text("a|b <script> [x](y) *z*"),
            "a\\|b &lt;script&gt; \\[x\\](y) \\*z\\*"
        );
        assert_eq!(markdown_text("one\ntwo"), "one<br>two");
        assert_eq!(markdown_text("设计评审"), "设计评审");
        assert_eq!(markdown_text("ask @ana"), "ask @\u{2060}ana");
        assert_eq!(markdown_text("\u{1b}[31m"), "\\e\\[31m");
    }

    #[test]
    fn controls_are_spelled_alike_in_every_output() {
        for c in ['\t', '\u{1b}', '\u{7}', '\u{202e}'] {
            let text = format!("a{c}b");
            assert_eq!(markdown_text(&text), escape_control(&text), "{c:?}");
        }
        assert_eq!(markdown_text("a\tb"), "a\\tb");
    }

    #[test]
    fn markdown_text_drops_the_line_break_that_ends_a_block_scalar() {
        assert_eq!(markdown_text("one\ntwo\n"), "one<br>two");
        assert_eq!(markdown_text("one\r\ntwo\r\n\n"), "one<br>two");
        assert_eq!(markdown_text("\n"), "");
    }

    #[test]
    fn masking_keeps_byte_lengths() {
        let text = "a\u{1b}b\u{85}c\u{202E}d\te\r\nf\rg";
        let masked = mask_control(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "a?b¿c\u{FFFD}d\te\r\nf\ng");
        assert!(matches!(mask_control("a\tb\r\nc\n"), Cow::Borrowed(_)));
    }
}
