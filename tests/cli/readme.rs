//! The README's examples, run: every `console` block is a session typed
//! into a fresh copy of the repository's plans and fixtures, and its output
//! must be what the README shows. Every `wbs …` line of the other blocks
//! (`sh`, `yaml`) must be a command line the CLI accepts.
//!
//! The environment is the one the README states in its "About the
//! examples" paragraph (`WBS_TODAY=…` and `COLUMNS=…`), so the statement
//! cannot drift from what the examples assume. The Chinese README,
//! `README.zh-CN.md`, is run the same way: its "关于示例" paragraph states
//! the same and `LANG=…` as well.

use std::path::Path;
use std::process::Command;

use clap::Parser;

use crate::common::{git, root};

/// A fenced block of the README: its info string, first line and text.
struct Block {
    info: String,
    line: usize,
    text: String,
    /// A shell command to run in the sandbox before the block, from a
    /// `<!-- readme-setup: COMMAND -->` line just above its fence: it makes
    /// what the example reads (a repository with a history, say).
    setup: Option<String>,
}

/// A README whose examples are run, and the heading of the section that
/// states their environment.
#[derive(Clone, Copy)]
struct Doc {
    file: &'static str,
    about: &'static str,
}

const README: Doc = Doc {
    file: "README.md",
    about: "## About the examples",
};

const README_ZH: Doc = Doc {
    file: "README.zh-CN.md",
    about: "## 关于示例",
};

fn read(doc: Doc) -> String {
    std::fs::read_to_string(root().join(doc.file))
        .unwrap_or_else(|e| panic!("read {}: {e}", doc.file))
}

fn blocks_of(doc: Doc, readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    let mut setup = None;
    for (at, line) in readme.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    line: at + 1,
                    text: String::new(),
                    setup: setup.take(),
                });
            }
            (None, None) => {
                setup = line
                    .strip_prefix("<!-- readme-setup: ")
                    .and_then(|rest| rest.strip_suffix(" -->"))
                    .map(str::to_owned);
            }
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
        }
    }
    assert!(open.is_none(), "{} ends inside a fenced block", doc.file);
    blocks
}

/// The value the README's "About the examples" paragraph gives `name`,
/// written there as `` `NAME=value` ``.
fn stated(doc: Doc, readme: &str, name: &str) -> String {
    stated_if(doc, readme, name).unwrap_or_else(|| {
        panic!(
            "the {} section of {} states no `{name}=`",
            doc.about, doc.file
        )
    })
}

/// As [`stated`], `None` when the section does not state `name`.
fn stated_if(doc: Doc, readme: &str, name: &str) -> Option<String> {
    let start = readme
        .find(doc.about)
        .unwrap_or_else(|| panic!("{} has a `{}` section", doc.file, doc.about));
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let marker = format!("`{name}=");
    let at = section.find(&marker)?;
    let value = &section[at + marker.len()..];
    Some(value[..value.find('`').expect("closing backquote")].to_owned())
}

/// One command of a console block and the output the README shows for it.
struct Step {
    command: String,
    expected: Vec<String>,
}

fn steps(doc: Doc, block: &Block) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for line in block.text.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                command: command.to_owned(),
                expected: Vec::new(),
            });
        } else {
            let step = steps.last_mut().unwrap_or_else(|| {
                panic!(
                    "{}:{}: a console block starts with output, not `$ `",
                    doc.file, block.line
                )
            });
            step.expected.push(line.to_owned());
        }
    }
    steps
}

/// `git diff --numstat` separates with tabs; the README shows them as a
/// terminal does, as spaces to the next multiple of 8.
fn expand_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut column = 0;
        for c in line.chars() {
            if c == '\t' {
                let to = (column / 8 + 1) * 8;
                out.extend(std::iter::repeat_n(' ', to - column));
                column = to;
            } else {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

/// Whether `actual` is `expected`, where an expected line `...` or `…`
/// stands for any number of lines.
fn matches<E: AsRef<str>>(expected: &[E], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.as_ref() == "..." || first.as_ref() == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, tail)| *line == first.as_ref() && matches(rest, tail)),
    }
}

/// A fresh copy of what the examples read: the plans and the fixtures, in
/// a git repository with one commit, so `git diff` shows what a step
/// changed.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in ["plans", "tests/fixtures"] {
        copy_tree(&root().join(folder), &dir.path().join(folder));
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "examples"]);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs a step as a user types it, in `sh`, with wbs on the PATH and the
/// README's stated environment; stdout and stderr together, as a terminal
/// shows them.
fn run(dir: &Path, command: &str, stated: &Stated) -> (String, i32) {
    let wbs = Path::new(env!("CARGO_BIN_EXE_wbs"));
    let bin = wbs.parent().expect("the binary's folder");
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1; {command}"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", dir)
        .env("WBS_TODAY", &stated.today)
        .env("COLUMNS", &stated.columns)
        .envs(stated.lang.iter().map(|lang| ("LANG", lang)))
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_PAGER", "cat")
        .output()
        .expect("sh runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// The environment a README states for its examples.
struct Stated {
    today: String,
    columns: String,
    lang: Option<String>,
}

#[test]
fn every_console_example_prints_what_the_readme_shows() {
    examples_print_what_they_show(README, 20);
}

#[test]
fn every_console_example_of_the_chinese_readme_prints_what_it_shows() {
    examples_print_what_they_show(README_ZH, 8);
}

/// Runs every console block of `doc` (at least `least` commands) and
/// compares; with `WBS_README_BLESS=1` rewrites what differs.
fn examples_print_what_they_show(doc: Doc, least: usize) {
    let readme = read(doc);
    let stated = Stated {
        today: stated(doc, &readme, "WBS_TODAY"),
        columns: stated(doc, &readme, "COLUMNS"),
        lang: stated_if(doc, &readme, "LANG"),
    };
    let mut failures = Vec::new();
    let mut ran = 0;
    // With WBS_README_BLESS=1 the README's examples are rewritten with what
    // wbs printed (where it differs), for a person to review in `git diff`.
    let bless = std::env::var_os("WBS_README_BLESS").is_some();
    let mut blessed: Vec<(usize, String)> = Vec::new();
    for block in blocks_of(doc, &readme)
        .iter()
        .filter(|b| b.info == "console")
    {
        let dir = sandbox();
        if let Some(setup) = &block.setup {
            let (output, code) = run(dir.path(), setup, &stated);
            assert_eq!(
                code, 0,
                "{}:{}: `{setup}` failed:\n{output}",
                doc.file, block.line
            );
        }
        let mut text = String::new();
        for step in steps(doc, block) {
            text.push_str(&format!("$ {}\n", step.command));
            let expected = trimmed(&step.expected);
            // `cat FILE` of a file the repository lacks shows the reader a
            // file to make: the README's text is that file.
            if let Some(file) = step.command.strip_prefix("cat ")
                && !dir.path().join(file).exists()
            {
                let mut shown = expected.join("\n");
                shown.push('\n');
                std::fs::write(dir.path().join(file), &shown).expect("write the shown file");
                push_lines(&mut text, &step.expected);
                continue;
            }
            ran += 1;
            let (output, _) = run(dir.path(), &step.command, &stated);
            let output = expand_tabs(&output);
            let actual: Vec<&str> = output.lines().collect();
            let actual = trimmed(&actual);
            let separated = step.expected.len() > expected.len();
            if matches(expected, actual) {
                push_lines(&mut text, &step.expected);
            } else {
                failures.push(format!(
                    "{}:{}: `$ {}`\n--- the README shows\n{}\n--- it printed\n{}",
                    doc.file,
                    block.line,
                    step.command,
                    expected.join("\n"),
                    actual.join("\n")
                ));
                push_lines(&mut text, actual);
                if separated {
                    text.push('\n');
                }
            }
        }
        blessed.push((block.line, text));
    }
    if bless && !failures.is_empty() {
        write_blessed(doc, &readme, &blessed);
    }
    assert!(ran >= least, "only {ran} {} commands ran", doc.file);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn push_lines<S: AsRef<str>>(text: &mut String, lines: &[S]) {
    for line in lines {
        text.push_str(line.as_ref());
        text.push('\n');
    }
}

/// `lines` without the blank lines that end it: a blank line after a
/// step's output only separates it from the next step.
fn trimmed<S: AsRef<str>>(lines: &[S]) -> &[S] {
    let end = lines
        .iter()
        .rposition(|line| !line.as_ref().is_empty())
        .map_or(0, |at| at + 1);
    &lines[..end]
}

/// Rewrites the README with each console block's text replaced.
fn write_blessed(doc: Doc, readme: &str, blessed: &[(usize, String)]) {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = String::new();
    let mut at = 0;
    for (fence, text) in blessed {
        // `fence` is the 1-based line of the opening fence.
        out.extend(lines[at..*fence].iter().map(|l| format!("{l}\n")));
        out.push_str(text);
        at = *fence;
        while lines.get(at).is_some_and(|l| *l != "```") {
            at += 1;
        }
    }
    out.extend(lines[at..].iter().map(|l| format!("{l}\n")));
    std::fs::write(root().join(doc.file), out).expect("write the README");
}

/// The `wbs …` command lines of a shell or YAML block, as words up to a
/// redirection, pipe, `&&` or comment, with quotes taken off.
fn wbs_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter_map(|line| {
            let line = line.strip_prefix("- ").unwrap_or(line);
            let line = ["run: ", "entry: ", "$ "]
                .iter()
                .find_map(|key| line.strip_prefix(key))
                .unwrap_or(line);
            let line = line.split_once(" #").map_or(line, |(code, _)| code);
            line.starts_with("wbs ").then_some(line)
        })
        .map(|line| {
            shell_words(line)
                .into_iter()
                .take_while(|w| !matches!(w.as_str(), ">" | ">>" | "|" | "&&" | "||" | "<"))
                .take_while(|w| !w.starts_with('>'))
                .collect()
        })
        .collect()
}

/// Splits a command line into words as `sh` does for the simple quoting
/// the README uses (`'…'` and `"…"`); `$VAR` stays as written.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn every_wbs_line_of_the_other_examples_parses() {
    for (doc, least) in [(README, 20), (README_ZH, 5)] {
        let readme = read(doc);
        let mut checked = 0;
        for block in blocks_of(doc, &readme)
            .iter()
            .filter(|b| matches!(b.info.as_str(), "sh" | "yaml" | "console"))
        {
            for words in wbs_lines(&block.text) {
                checked += 1;
                if let Err(error) = wbs::cli::Cli::try_parse_from(&words) {
                    panic!(
                        "{}:{}: `{}` does not parse: {error}",
                        doc.file,
                        block.line,
                        words.join(" ")
                    );
                }
            }
        }
        assert!(
            checked >= least,
            "only {checked} wbs command lines in {}",
            doc.file
        );
    }
}

#[test]
fn an_elision_matches_any_lines() {
    let expected = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    assert!(matches(
        &expected(&["a", "...", "d"]),
        &["a", "b", "c", "d"]
    ));
    assert!(matches(&expected(&["a", "…", "d"]), &["a", "d"]));
    assert!(!matches(&expected(&["a", "d"]), &["a", "b", "d"]));
    assert!(!matches(&expected(&["a", "...", "e"]), &["a", "b", "d"]));
}
