//! Diagnostics for people (rustc-like), for scripts (JSON) and for GitHub
//! Actions (workflow annotations).

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::i18n::check::{Check, Frame};
use crate::i18n::{Lang, Message};
use crate::safe::{escape_control, mask_control};
use crate::source::SourceFile;

/// Labels further than this many lines from the primary place get a snippet
/// of their own instead of stretching one snippet across the gap.
const JOIN_LINES: usize = 8;

/// Source longer than this is not shown under a diagnostic, only its place.
const MAX_SNIPPET_BYTES: usize = 2048;

/// Renders each diagnostic like rustc: code, message, `--> file:line:col`,
/// the source line with a caret, secondary labels and a `help:` line, in
/// `lang`; the severity and code (`error[duplicate-id]`) stay as they are.
pub fn human(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    sources: &[SourceFile],
    color: bool,
    lang: Lang,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in diagnostics {
        let rendered = render_one(&renderer, diagnostic, sources, lang);
        writeln!(out, "{rendered}\n")?;
    }
    Ok(())
}

/// A window of source lines shown in one snippet.
struct Window {
    file: usize,
    first_line: usize,
    last_line: usize,
    annotations: Vec<(bool, Range<usize>, String)>,
}

fn render_one(
    renderer: &Renderer,
    diagnostic: &Diagnostic,
    sources: &[SourceFile],
    lang: Lang,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut windows: Vec<Window> = Vec::new();
    let places = std::iter::once((
        true,
        diagnostic.file,
        diagnostic.span.clone(),
        String::new(),
    ))
    .chain(diagnostic.labels.iter().map(|l| {
        (
            false,
            l.file,
            l.span.clone(),
            lang.phrase(l.place).to_owned(),
        )
    }));
    for (primary, file, span, label) in places {
        let Some(source) = sources.get(file) else {
            continue;
        };
        let line = source.lines().line_of(span.start.min(source.text.len()));
        let joined = windows.iter_mut().find(|w| {
            w.file == file && line + JOIN_LINES >= w.first_line && line <= w.last_line + JOIN_LINES
        });
        match joined {
            Some(window) => {
                window.first_line = window.first_line.min(line);
                window.last_line = window.last_line.max(line);
                window.annotations.push((primary, span, label));
            }
            None => windows.push(Window {
                file,
                first_line: line,
                last_line: line,
                annotations: vec![(primary, span, label)],
            }),
        }
    }

    // A window too long to show (a whole plan on one line, say) is named by
    // its place only: laying it out for every diagnostic would be quadratic.
    let texts: Vec<Option<(usize, String)>> = windows
        .iter()
        .map(|w| {
            let source = &sources[w.file];
            let start = source.lines().line_range(&source.text, w.first_line).start;
            let end = source.lines().line_range(&source.text, w.last_line).end;
            (end - start <= MAX_SNIPPET_BYTES)
                .then(|| (start, mask_control(&source.text[start..end]).into_owned()))
        })
        .collect();
    let mut origins = Vec::new();
    // File names are shown escaped: a pull request can add any file name.
    let paths: Vec<std::borrow::Cow<'_, str>> =
        sources.iter().map(|s| escape_control(&s.path)).collect();
    let message = said(&diagnostic.message, lang);
    let title = level
        .clone()
        .primary_title(message.as_str())
        .id(diagnostic.code.as_str());
    let mut group_elements = Vec::new();
    for (window, text) in windows.iter().zip(&texts) {
        let source = &sources[window.file];
        let Some((offset, text)) = text else {
            for (_, span, label) in &window.annotations {
                let at = source.line_col(span.start);
                let origin = Origin::path(paths[window.file].as_ref())
                    .line(at.line)
                    .char_column(at.column);
                origins.push((origin, label.as_str()));
            }
            continue;
        };
        let mut snippet = Snippet::source(text.as_str())
            .line_start(window.first_line + 1)
            .path(paths[window.file].as_ref())
            .fold(false);
        for (primary, span, label) in &window.annotations {
            // Annotations stay on their first line: a span covering a whole
            // block mapping would otherwise mark every line of it.
            let line = source.lines().line_of(span.start.min(source.text.len()));
            let line_end = source.lines().line_range(&source.text, line).end;
            let start = span.start.min(source.text.len()) - offset;
            let end = span
                .end
                .min(line_end)
                .max(span.start.min(source.text.len()))
                - offset;
            let kind = if *primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let annotation = kind.span(start..end);
            snippet = snippet.annotation(if label.is_empty() {
                annotation
            } else {
                annotation.label(label.as_str())
            });
        }
        group_elements.push(snippet);
    }
    let note_level = Level::NOTE.with_name(lang.phrase(Frame::Note));
    let mut group = Group::with_title(title);
    for (origin, label) in origins {
        group = group.element(origin);
        if !label.is_empty() {
            group = group.element(note_level.clone().message(label));
        }
    }
    for snippet in group_elements {
        group = group.element(snippet);
    }
    let note = diagnostic.note.as_ref().map(|note| said(note, lang));
    if let Some(note) = note {
        group = group.element(note_level.message(note));
    }
    let help = diagnostic.help.as_ref().map(|help| said(help, lang));
    let mut report = vec![group];
    if let Some(help) = help {
        report.push(Group::with_title(
            Level::HELP
                .with_name(lang.phrase(Frame::Help))
                .secondary_title(help),
        ));
    }
    // Labels in wide characters push what follows them on their row out
    // of its column; see `wide`.
    super::wide::realign(renderer.render(&report).to_string())
}

/// A message's words in `lang`, with any control character plan text
/// brought into it shown escaped.
fn said(message: &impl Message, lang: Lang) -> String {
    let text = lang.show(message).to_string();
    match escape_control(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// A message's words for a machine format: English, whatever the
/// reader's language (SPEC §3.6).
fn english(message: &impl Message) -> String {
    Lang::En.show(message).to_string()
}

/// One diagnostic as scripts read it (SPEC §4.1), in English.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    message: String,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<String>,
    /// A detail, such as the YAML parser's own words; only when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// Secondary places: "first defined here", "the parent is due here".
    related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'static str,
}

/// An array of diagnostics, one JSON document.
pub fn json(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    sources: &[SourceFile],
) -> io::Result<()> {
    crate::safe::write_json(&mut *out, &json_rows(diagnostics, sources))?;
    writeln!(out)
}

/// The diagnostics in the shape [`json`] prints, as a JSON value to put
/// inside another document (an edit's report).
pub fn json_value(diagnostics: &[Diagnostic], sources: &[SourceFile]) -> serde_json::Value {
    serde_json::to_value(json_rows(diagnostics, sources)).unwrap_or_default()
}

fn json_rows<'a>(
    diagnostics: &'a [Diagnostic],
    sources: &'a [SourceFile],
) -> Vec<JsonDiagnostic<'a>> {
    diagnostics
        .iter()
        .map(|d| {
            let source = &sources[d.file];
            let start = source.line_col(d.span.start);
            let end = source.line_col(d.span.end);
            JsonDiagnostic {
                severity: d.severity.as_str(),
                code: d.code.as_str(),
                message: english(&d.message),
                file: &source.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                help: d.help.as_ref().map(english),
                note: d.note.as_ref().map(english),
                related: d
                    .labels
                    .iter()
                    .filter_map(|label| {
                        let source = sources.get(label.file)?;
                        let at = source.line_col(label.span.start);
                        Some(JsonPlace {
                            file: &source.path,
                            line: at.line,
                            column: at.column,
                            message: Lang::En.phrase(label.place),
                        })
                    })
                    .collect(),
            }
        })
        .collect()
}

/// GitHub shows at most this many annotations of each kind (error, warning)
/// per step and drops the rest silently.
pub const GITHUB_ANNOTATIONS_PER_KIND: usize = 10;

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
///
/// Only the first [`GITHUB_ANNOTATIONS_PER_KIND`] errors and warnings become
/// annotations, since GitHub would drop the others without a word; one
/// plain line then says how many more there are, so nobody takes the
/// annotations for the whole story.
pub fn github(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    sources: &[SourceFile],
) -> io::Result<()> {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        let seen = match d.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
        };
        *seen += 1;
        if *seen <= GITHUB_ANNOTATIONS_PER_KIND {
            annotation(out, d, sources)?;
        }
    }
    let hidden_errors = errors.saturating_sub(GITHUB_ANNOTATIONS_PER_KIND);
    let hidden_warnings = warnings.saturating_sub(GITHUB_ANNOTATIONS_PER_KIND);
    if hidden_errors + hidden_warnings > 0 {
        let plural =
            |n: usize, word: &str| format!("{n} more {word}{}", if n == 1 { "" } else { "s" });
        let hidden = match (hidden_errors, hidden_warnings) {
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
        };
        writeln!(
            out,
            "wbs: {hidden} not shown as annotations (GitHub shows {GITHUB_ANNOTATIONS_PER_KIND} of each kind per step); \
             run `wbs check --format human` to see all of them"
        )?;
    }
    Ok(())
}

/// One diagnostic as a workflow command.
fn annotation(out: &mut impl Write, d: &Diagnostic, sources: &[SourceFile]) -> io::Result<()> {
    let source = &sources[d.file];
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end);
    // A workflow command is a machine format: English (SPEC §3.6).
    let en = Lang::En;
    let mut message = format!("{}: {}", d.code.as_str(), en.show(&d.message));
    if let Some(help) = &d.help {
        message.push_str(&format!("\n{}: {}", en.phrase(Frame::Help), en.show(help)));
    }
    if let Some(note) = &d.note {
        message.push_str(&format!("\n{}: {}", en.phrase(Frame::Note), en.show(note)));
    }
    let mut properties = format!(
        "file={},line={},col={}",
        escape_property(&source.path),
        start.line,
        start.column
    );
    // GitHub's end column is the last character marked, inclusive.
    if end.line == start.line && end.column > start.column + 1 {
        properties.push_str(&format!(",endColumn={}", end.column - 1));
    }
    properties.push_str(&format!(
        ",title={}",
        escape_property(&format!("wbs {}", d.code.as_str()))
    ));
    writeln!(
        out,
        "::{} {properties}::{}",
        d.severity.as_str(),
        escape_data(&message)
    )
}

/// GitHub's escaping of a workflow command's message; other control
/// characters are shown escaped, as everywhere (`\e`, `\u{…}`).
fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::safe::escape_control(&escaped).into_owned()
}

/// GitHub's escaping of a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One line a diagnostic, `path:line:col: error[code]: message`, for where
/// the full rendering would crowd out the rest (git's diff driver); the
/// first `limit`, then how many more; in `lang`.
pub fn brief(
    out: &mut dyn Write,
    diagnostics: &[&Diagnostic],
    sources: &[SourceFile],
    limit: usize,
    lang: Lang,
) -> io::Result<()> {
    for d in diagnostics.iter().take(limit) {
        let source = &sources[d.file];
        let at = source.line_col(d.span.start);
        writeln!(
            out,
            "  {}:{}:{}: {}[{}]: {}",
            escape_control(&source.path),
            at.line,
            at.column,
            d.severity.as_str(),
            d.code.as_str(),
            said(&d.message, lang)
        )?;
    }
    if diagnostics.len() > limit {
        let hidden = diagnostics.len() - limit;
        writeln!(out, "  {}", lang.show(&Check::More { hidden }))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_is_a_line_each_then_how_many_more() {
        let text = "wbs: 1\ntitle: T\ntasks:\n  - {title: a, due: x}\n  - {title: b, due: y}\n  - {title: c, due: z}\n";
        let project = crate::project::Project::load(
            vec![("p.yaml".to_owned(), text.as_bytes().to_vec())],
            crate::plan::derive::Clock::new(chrono::NaiveDate::MIN),
            false,
        );
        let errors: Vec<&Diagnostic> = project.loaded.diagnostics.iter().collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        let mut out = Vec::new();
        brief(&mut out, &errors, &project.loaded.sources, 2, Lang::En).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "  p.yaml:4:21: error[invalid-date]: `x` is not a valid date for `due`\n\
             \x20 p.yaml:5:21: error[invalid-date]: `y` is not a valid date for `due`\n\
             \x20 … and 1 more\n"
        );
    }

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
