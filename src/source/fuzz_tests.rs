//! The loader fuzz target: mutated bytes go through [`Project::load`] and
//! every diagnostic renderer. It checks that nothing panics or hangs, that
//! every diagnostic points inside its text, and that no renderer lets plan
//! text act on a terminal or a CI runner. The harness is [`crate::fuzz`].

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::render;
use crate::fuzz::{MAX_INPUT_BYTES, Rng, Target, Verdict, fuzz, fuzz_dir, read_folder};
use crate::plan::derive::{self, Clock};
use crate::project::Project;
use crate::source::SourceFile;

/// Arbitrary bytes as one plan file.
struct Loader {
    seeds: Vec<Vec<u8>>,
}

/// Pieces of YAML syntax, inserted anywhere.
const TOKENS: &[&str] = &[
    ": ", "- ", "[", "]", "{", "}", ",", "#", " #", "&a ", "*a", "!t ", "!!str ", "<<: ", "|", ">",
    "|-", ">+", "|2", "\"", "'", "\\", "\\u00e9", "\\x4", "\t", "\r\n", "\r", "\n", "? ", "~",
    "null", "\n  ", "\n- ", "\n---\n", "\n...\n", "\u{feff}", "\0",
];

/// Whole lines of YAML and of the plan format, inserted at a line start
/// with that line's indentation.
const LINES: &str = "\
%YAML 1.2
%TAG ! tag:x,2026:
---
...
wbs: 1
title: T
id: a
id: b
- title: T
- Plain task
tasks:
tasks: []
after: [a]
after: [b, a]
status: done
status: cancelled
progress: 40%
progress: 100
effort: 1.5d
effort: 9e99w
due: 2026-02-30
start: 2026-12-01
due: 2026-01-01
owner: ana
people:
  ana: {name: Ana}
tags: [x]
x-y: &a [1, 2]
<<: {notes: merged}
? complex key
: complex value
<<<<<<< ours
||||||| base
=======
>>>>>>> theirs";

/// Characters of several UTF-8 lengths, and the ones YAML or a terminal
/// treat specially: NEL, line and paragraph separators, BOM, bidi override,
/// escape and delete.
const CHARS: &[&str] = &[
    "é", "中", "🚀", "\u{85}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{202e}", "\u{a0}",
    "e\u{301}", "\u{1b}", "\u{7f}",
];

/// Bytes that make UTF-8 invalid: stray continuation bytes, lead bytes
/// that need more, the start of a surrogate, and bytes never used.
const BAD_BYTES: &[u8] = b"\x80\x90\xa0\xb8\xbf\xc0\xc3\xe4\xed\xf4\xfe\xff";

/// How a deep nesting is written, as an opening and its closing.
const NESTINGS: &[(&str, &str)] = &[
    ("[", "]"),
    ("{a: ", "}"),
    ("- ", ""),
    ("{title: t, tasks: [", "]}"),
];

/// Values for any field, one a line: valid, of the wrong type, or out of
/// range.
const VALUES: &str = "\
done
wip
doing
Done
canceled
cancelled
blocked
\"40%\"
100
-5
1e3
40.5
.nan
2026-02-29
2028-02-29
2026-13-01
\"2026-10-01\"
2026-10-01T10:00
[a, b]
[design, build]
[missing]
{}
{name: x}
~
\"\"
'x'
1.5d
0h
2x
9999999999w
ana
li
design
yes
2027
中文 标题
x-y
|
[]";

/// Keys of the plan format, misspelt ones, and an `x-` key, one a line.
const KEYS: &str = "\
id
title
owner
status
progress
start
due
effort
tags
after
notes
tasks
x-a
people
defaults
wbs
description
titel
name
team
email
\"title\"
? title";

/// The byte range of the line around `at`, without its line break.
fn line_around(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| at + i);
    start..end
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Loader {
    /// Applies one random mutation to `bytes`.
    fn mutate(&self, rng: &mut Rng, bytes: &mut Vec<u8>) {
        let at = rng.below(bytes.len() + 1);
        let span = |rng: &mut Rng, len: usize| {
            let most = if rng.one_in(8) { len } else { 32.min(len) };
            1 + rng.below(most.max(1))
        };
        let insert = |bytes: &mut Vec<u8>, text: &[u8]| {
            bytes.splice(at..at, text.iter().copied());
        };
        match rng.below(20) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            // Mostly ASCII: any byte past 0x7f makes the text invalid UTF-8.
            1 => insert(
                bytes,
                &[rng.next() as u8 & if rng.one_in(4) { 0xff } else { 0x7f }],
            ),
            2 | 3 => insert(bytes, rng.pick(TOKENS).as_bytes()),
            4 if at < bytes.len() => {
                let end = (at + span(rng, bytes.len() - at)).min(bytes.len());
                bytes.drain(at..end);
            }
            5 if at < bytes.len() => {
                let end = (at + span(rng, bytes.len() - at)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            6 => {
                let other = &self.seeds[rng.below(self.seeds.len())];
                let from = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            7 => {
                if at < bytes.len() {
                    bytes.remove(at);
                }
                insert(bytes, rng.pick(CHARS).as_bytes());
            }
            8 => {
                let bad: Vec<u8> = (0..rng.rounds(3))
                    .map(|_| BAD_BYTES[rng.below(BAD_BYTES.len())])
                    .collect();
                insert(bytes, &bad);
            }
            9 => {
                let width = [1, 2, 3, 4, 8, 64, 1000][rng.below(7)];
                // Indentation counts only at the start of a line.
                let line_start = line_around(bytes, at).start;
                bytes.splice(line_start..line_start, std::iter::repeat_n(b' ', width));
            }
            10 => {
                let (open, close) = NESTINGS[rng.below(NESTINGS.len())];
                let depth = if rng.one_in(8) {
                    2_000
                } else {
                    1 + rng.below(300)
                };
                let nested = format!("{}x{}", open.repeat(depth), close.repeat(depth));
                insert(bytes, nested.as_bytes());
            }
            12..=15 => {
                // A new value for the field on this line: mostly valid YAML
                // that the plan format may refuse.
                let line = line_around(bytes, at);
                let key_end = find(&bytes[line.clone()], b": ").map(|i| line.start + i + 2);
                let from = key_end.unwrap_or(line.start);
                bytes.splice(from..line.end, rng.line(VALUES).bytes());
            }
            16..=18 => {
                // A different key on this line, after its indentation and
                // any `- ` that opens a list item.
                let line = line_around(bytes, at);
                let text = &bytes[line.clone()];
                let key_start = text
                    .iter()
                    .position(|&b| b != b' ' && b != b'-')
                    .map_or(line.end, |i| line.start + i);
                let key = rng.line(KEYS);
                match find(text, b":").map(|i| line.start + i) {
                    Some(colon) if colon >= key_start => {
                        bytes.splice(key_start..colon, key.bytes());
                    }
                    // A plain-string node becomes a mapping.
                    _ => drop(bytes.splice(key_start..key_start, format!("{key}: ").into_bytes())),
                }
            }
            19 => {
                // A line of the format, indented like the line it goes before.
                let line = line_around(bytes, at);
                let indent = bytes[line.clone()]
                    .iter()
                    .take_while(|&&b| b == b' ')
                    .count();
                let text = format!("{}{}\n", " ".repeat(indent), rng.line(LINES));
                bytes.splice(line.start..line.start, text.into_bytes());
            }
            _ => {
                // A whole line of another seed, at the start of a line here:
                // a splice that mostly keeps both texts' structure.
                let other = &self.seeds[rng.below(self.seeds.len())];
                let line = other
                    .split(|&b| b == b'\n')
                    .nth(rng.below(40))
                    .unwrap_or(b"- x");
                let line_start = line_around(bytes, at).start;
                let text: Vec<u8> = line.iter().copied().chain([b'\n']).collect();
                bytes.splice(line_start..line_start, text);
            }
        }
    }
}

impl Target for Loader {
    type Input = Vec<u8>;
    const NAME: &'static str = "loader";
    const EXTENSION: &'static str = "yaml";

    fn check(&self, bytes: &Vec<u8>) -> Verdict {
        check_load(bytes)
    }

    fn corpus(&self) -> Vec<Vec<u8>> {
        self.seeds.clone()
    }

    fn generate(&self, rng: &mut Rng) -> Vec<u8> {
        let mut bytes = self.seeds[rng.below(self.seeds.len())].clone();
        for _ in 0..rng.rounds(16) {
            self.mutate(rng, &mut bytes);
        }
        bytes.truncate(MAX_INPUT_BYTES);
        bytes
    }

    /// Cuts out halves, then quarters, and so on down to single bytes.
    fn shrink(bytes: &Vec<u8>) -> impl Iterator<Item = Vec<u8>> + '_ {
        let sizes = std::iter::successors(Some(bytes.len() / 2), |&n| (n > 1).then_some(n / 2));
        sizes.filter(|&n| n > 0).flat_map(move |size| {
            (0..bytes.len()).step_by(size).map(move |start| {
                let end = (start + size).min(bytes.len());
                [&bytes[..start], &bytes[end..]].concat()
            })
        })
    }

    fn encode(bytes: &Vec<u8>) -> Vec<u8> {
        bytes.clone()
    }

    fn decode(bytes: &[u8]) -> Vec<u8> {
        bytes.to_vec()
    }
}

/// The day the loader target runs on.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a real date")
}

/// Loads one file and checks everything said about it.
fn check_load(bytes: &[u8]) -> Verdict {
    let project = Project::load(
        vec![("f.yaml".to_owned(), bytes.to_vec())],
        Clock::new(today()),
        false,
    );
    // The ends of the calendar, where a derived date could overflow.
    for day in [NaiveDate::MIN, NaiveDate::MAX] {
        derive::derive(&project.loaded.plan, Clock::new(day));
    }
    let (sources, diagnostics) = (&project.loaded.sources, &project.loaded.diagnostics);
    // The editing commands keep the YAML tree; the others rebuild it from
    // the text when a diagnostic needs a place, and must find the same.
    let kept = Project::load(
        vec![("f.yaml".to_owned(), bytes.to_vec())],
        Clock::new(today()),
        true,
    );
    if kept.loaded.diagnostics != *diagnostics {
        let differ = kept
            .loaded
            .diagnostics
            .iter()
            .zip(diagnostics)
            .find(|(a, b)| a != b);
        let counts = (kept.loaded.diagnostics.len(), diagnostics.len());
        return Err(("same-with-kept-tree", format!("{counts:?}, {differ:?}")));
    }
    for d in diagnostics {
        check_place(sources, d.file, &d.span)?;
        for label in &d.labels {
            check_place(sources, label.file, &label.span)?;
        }
    }

    for lang in crate::i18n::Lang::ALL {
        let mut human = Vec::new();
        render::human(&mut human, diagnostics, sources, false, lang)
            .map_err(|e| ("render", e.to_string()))?;
        render::human(&mut Vec::new(), diagnostics, sources, true, lang)
            .map_err(|e| ("render", e.to_string()))?;
        let human = String::from_utf8(human).map_err(|e| ("human-utf8", e.to_string()))?;
        safe_to_print("human-output-safe", &human)?;
    }

    let mut json = Vec::new();
    render::json(&mut json, diagnostics, sources).map_err(|e| ("render", e.to_string()))?;
    if let Err(error) = serde_json::from_slice::<serde_json::Value>(&json) {
        return Err(("json-output-parses", error.to_string()));
    }

    let mut github = Vec::new();
    render::github(&mut github, diagnostics, sources).map_err(|e| ("render", e.to_string()))?;
    let github = String::from_utf8(github).map_err(|e| ("github-utf8", e.to_string()))?;
    safe_to_print("github-output-safe", &github)?;
    // A line break or control character in a message could start a
    // workflow command of its own.
    for line in github.lines() {
        let annotation = ["::error file=", "::warning file=", "wbs: "];
        if !annotation.iter().any(|start| line.starts_with(start)) || line.contains('\r') {
            return Err(("github-one-line-each", format!("{line:?}")));
        }
    }
    Ok(())
}

/// Output holds no character a terminal or a log viewer could act on,
/// other than its line breaks.
pub(crate) fn safe_to_print(invariant: &'static str, output: &str) -> Verdict {
    match output.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        Some(c) => Err((invariant, format!("{c:?} in {output:?}"))),
        None => Ok(()),
    }
}

/// Whether `crate::safe` escapes a character: a terminal could act on it.
fn is_unsafe(c: char) -> bool {
    let mut buffer = [0; 4];
    let text: &str = c.encode_utf8(&mut buffer);
    matches!(
        crate::safe::escape_control(text),
        std::borrow::Cow::Owned(_)
    )
}

/// A place is inside its file, on character boundaries, and has a 1-based
/// line and column within the text's lines.
fn check_place(sources: &[SourceFile], file: usize, span: &std::ops::Range<usize>) -> Verdict {
    let Some(source) = sources.get(file) else {
        return Err(("file-exists", format!("file {file} of {}", sources.len())));
    };
    let text = &source.text;
    if span.start > span.end || span.end > text.len() {
        return Err(("span-in-text", format!("{span:?} in {} bytes", text.len())));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(("span-on-char-boundaries", format!("{span:?} in {text:?}")));
    }
    for offset in [span.start, span.end] {
        let at = source.line_col(offset);
        if at.line < 1 || at.column < 1 || at.line > source.lines().line_count() {
            return Err(("line-column", format!("{at:?} for offset {offset}")));
        }
    }
    Ok(())
}

/// The loader's seeds: the fuzz corpus and every plan fixture.
fn loader_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [
        fuzz_dir().join("corpus/loader"),
        root.join("tests/fixtures/valid"),
        root.join("tests/fixtures/invalid"),
    ];
    let seeds: Vec<Vec<u8>> = folders
        .iter()
        .flat_map(|folder| read_folder(folder))
        .map(|(_, bytes)| bytes)
        .collect();
    assert!(
        seeds.len() > 100,
        "the loader corpus is missing: {folders:?}"
    );
    seeds
}

#[test]
fn loader_survives_mutated_plans() {
    fuzz(12_000, || Loader {
        seeds: loader_seeds(),
    });
}
