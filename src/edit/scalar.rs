//! Writing scalars: YAML text that reads back as exactly the intended string.
//!
//! Strings keep the quoting style they had when the new value allows it.
//! Plain text is written only when every YAML reader in common use, including
//! YAML 1.1 ones that read `yes` and `on` as booleans, reads it as the same
//! string; anything else is quoted.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::source::yaml::Style;

/// YAML text for the string `value`, to replace a scalar written in
/// `existing` style (`Style::Plain` for a new scalar). `in_flow` says the
/// text goes inside `[...]` or `{...}`, where `,[]{}` end a plain scalar.
///
/// Plain (and block or collection styles, which a one-line value cannot
/// keep) stays plain when safe, else becomes double-quoted; single-quoted
/// stays single-quoted unless the value holds a character that needs an
/// escape; double-quoted stays double-quoted. The result is always one line.
pub fn render(value: &str, existing: Style, in_flow: bool) -> String {
    let escapes = value.chars().any(needs_escape);
    match existing {
        Style::SingleQuoted if !escapes => single_quoted(value),
        Style::DoubleQuoted | Style::SingleQuoted => double_quoted(value),
        Style::Plain | Style::Literal | Style::Folded | Style::Block | Style::Flow => {
            if !escapes && is_plain_safe(value, in_flow) {
                value.to_owned()
            } else {
                double_quoted(value)
            }
        }
    }
}

/// A number meant to be read as a number (`progress: 40`): integers without
/// a fraction, others in Rust's shortest round-tripping form.
pub fn render_number(value: f64) -> String {
    if value.is_nan() {
        ".nan".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else if value == 0.0 {
        // Not `-0`.
        "0".to_owned()
    } else {
        // `Display` of f64 never uses an exponent and drops a zero fraction.
        format!("{value}")
    }
}

/// An integer meant to be read as an integer.
pub fn render_int(value: i64) -> String {
    value.to_string()
}

/// A date meant to be read as a date field (`due: 2026-10-01`), plain.
pub fn render_date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

/// `'value'` with each `'` doubled. The value must need no escape.
pub fn single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `"value"` with `\`, `"` and every non-printable character escaped.
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    let _ = write!(out, "\\x{code:02X}");
                } else {
                    let _ = write!(out, "\\u{code:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that only a double-quoted escape writes safely: everything
/// outside YAML's printable set, tabs and line breaks, the byte-order mark,
/// and the Unicode line and paragraph separators.
fn needs_escape(c: char) -> bool {
    !matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Whether `value` written unquoted reads back as the same string in YAML
/// 1.2 and 1.1 alike, in block context or (with `in_flow`) inside `[...]`
/// and `{...}`.
pub fn is_plain_safe(value: &str, in_flow: bool) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if value.chars().any(needs_escape)
        || value.starts_with(' ')
        || value.ends_with(' ')
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || value.starts_with("...")
        || (in_flow && value.contains([',', '[', ']', '{', '}', ':']))
    {
        return false;
    }
    !is_special(value)
}

/// Whether an unquoted `value` would be read as something other than a
/// string: null, a boolean (YAML 1.1's too), a number of either version, or
/// the YAML 1.1 merge and value keys.
fn is_special(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | "<<"
            | "="
            | ".inf"
            | "+.inf"
            | "-.inf"
            | ".nan"
    ) {
        return true;
    }
    looks_numeric(&lower)
}

/// Numbers of YAML 1.2's core schema and YAML 1.1: decimal with `_`
/// separators, fractions and exponents, 1.1's sexagesimal `1:30`, and
/// `0x`, `0o`, `0b` and leading-zero octal. Erring towards "numeric" only
/// costs a pair of quotes, so anything made of digits and `._:` counts.
fn looks_numeric(lower: &str) -> bool {
    let body = lower.strip_prefix(['+', '-']).unwrap_or(lower).as_bytes();
    if let Some(rest) = body.strip_prefix(b"0x") {
        return !rest.is_empty() && rest.iter().all(|b| b.is_ascii_hexdigit() || *b == b'_');
    }
    if let Some(rest) = body
        .strip_prefix(b"0o")
        .or_else(|| body.strip_prefix(b"0b"))
    {
        return !rest.is_empty() && rest.iter().all(|b| b.is_ascii_digit() || *b == b'_');
    }
    let (mantissa, exponent) = match body.iter().position(|&b| b == b'e') {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let mantissa_ok = mantissa.iter().any(u8::is_ascii_digit)
        && mantissa
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'_' | b'.' | b':'));
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e
            .strip_prefix(b"+")
            .or_else(|| e.strip_prefix(b"-"))
            .unwrap_or(e);
        !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::{Kind, parse};

    /// Reads `text` back as the value of `k:` in block context and in a flow
    /// mapping, and returns the string or `None` if it is not a string.
    fn read_back(text: &str, in_flow: bool) -> Option<String> {
        let source = if in_flow {
            format!("{{k: {text}, z: 1}}\n")
        } else {
            format!("k: {text}\nz: 1\n")
        };
        let mut diagnostics = Vec::new();
        let tree = parse(&source, 0, &mut diagnostics)?;
        assert!(diagnostics.is_empty(), "{source:?}: {diagnostics:?}");
        let (_, v) = tree.get(&source, 0, "k")?;
        assert_eq!(tree.kind(v), Kind::Scalar);
        let (_, z) = tree.get(&source, 0, "z")?;
        assert_eq!(tree.text(&source, z), "1");
        Some(tree.text(&source, v).to_owned())
    }

    const VALUES: &[&str] = &[
        "Set up CI",
        "设计阶段",
        "title with 'quotes'",
        "say \"hi\"",
        "back\\slash",
        "",
        " leading",
        "trailing ",
        "- dash",
        "-dash",
        "? q",
        ":colon",
        "a: b",
        "a:b",
        "ends:",
        "x #not comment",
        "x#y",
        "# comment",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "'",
        "\"",
        "%",
        "@at",
        "`tick",
        "[x]",
        "{x}",
        "a, b",
        "a[0]",
        "~",
        "null",
        "NULL",
        "Null",
        "nUlL",
        "true",
        "False",
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        ".inf",
        "-.Inf",
        ".NaN",
        "0",
        "40",
        "-7",
        "+3",
        "0x1F",
        "0o17",
        "0b101",
        "017",
        "1_000",
        "3.14",
        ".5",
        "1e3",
        "1.5E-3",
        "12:30",
        "1.2.3",
        "2026-10-01",
        "line\nbreak",
        "tab\there",
        "cr\rlf",
        "bell\u{7}",
        "del\u{7f}",
        "nel\u{85}",
        "ls\u{2028}",
        "bom\u{feff}",
        "nbsp\u{a0}",
        "emoji 🚀",
        "...",
        "--- x",
        "<<",
        "=",
        "x: ",
        "a  b",
    ];

    #[test]
    fn every_style_reads_back_as_the_value() {
        for &value in VALUES {
            for style in [
                Style::Plain,
                Style::SingleQuoted,
                Style::DoubleQuoted,
                Style::Literal,
                Style::Block,
            ] {
                for in_flow in [false, true] {
                    let text = render(value, style, in_flow);
                    assert!(!text.contains(['\n', '\r']), "{text:?}");
                    assert_eq!(
                        read_back(&text, in_flow).as_deref(),
                        Some(value),
                        "{value:?} as {style:?} (flow {in_flow}) written {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn styles_are_kept_when_possible() {
        assert_eq!(render("Set up CI", Style::Plain, false), "Set up CI");
        assert_eq!(render("设计", Style::Plain, true), "设计");
        assert_eq!(render("it's", Style::SingleQuoted, false), "'it''s'");
        assert_eq!(render("a\nb", Style::SingleQuoted, false), "\"a\\nb\"");
        assert_eq!(render("plain", Style::DoubleQuoted, false), "\"plain\"");
        assert_eq!(render("q\"\\", Style::DoubleQuoted, false), r#""q\"\\""#);
        assert_eq!(render("yes", Style::Plain, false), "\"yes\"");
        assert_eq!(render("a, b", Style::Plain, false), "a, b");
        assert_eq!(render("a, b", Style::Plain, true), "\"a, b\"");
        assert_eq!(render("", Style::Plain, false), "\"\"");
        assert_eq!(render("40", Style::Plain, false), "\"40\"");
        assert_eq!(render("x\u{7}", Style::Plain, false), "\"x\\a\"");
        assert_eq!(render("x\u{7f}", Style::Plain, false), "\"x\\x7F\"");
        assert_eq!(render("x\u{feff}", Style::Plain, false), "\"x\\uFEFF\"");
    }

    #[test]
    fn plain_safety() {
        assert!(is_plain_safe("Set up CI", false));
        assert!(is_plain_safe("2026-10-01", false));
        assert!(is_plain_safe("v1.2-beta", true));
        assert!(is_plain_safe("a:b", false));
        assert!(!is_plain_safe("a:b", true));
        assert!(!is_plain_safe("yEs", false));
        assert!(!is_plain_safe("1_000", false));
        assert!(!is_plain_safe("-1", false));
        assert!(!is_plain_safe("0xFF", false));
        assert!(is_plain_safe("0xZZ", false));
        assert!(is_plain_safe("1e", false));
        assert!(is_plain_safe("e3", false));
        assert!(is_plain_safe("yesterday", false));
    }

    #[test]
    fn typed_values_are_plain_and_read_as_their_type() {
        assert_eq!(render_number(40.0), "40");
        assert_eq!(render_number(37.5), "37.5");
        assert_eq!(render_number(-0.25), "-0.25");
        assert_eq!(render_number(-0.0), "0");
        assert_eq!(render_number(f64::NAN), ".nan");
        assert_eq!(render_number(f64::NEG_INFINITY), "-.inf");
        assert_eq!(render_int(-12), "-12");
        let date = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        assert_eq!(render_date(date), "2026-10-01");
        for text in ["40", "37.5", "2026-10-01"] {
            assert_eq!(read_back(text, false).as_deref(), Some(text));
        }
    }
}
