//! A mutation fuzzer for the query language. It builds word lists from the
//! pieces of query syntax and parses them against loaded plans. Queries
//! that parse are evaluated on every node. Nothing may panic or take long,
//! a negated term must select exactly the nodes its term leaves out, and
//! every error must point inside one of the words it was given.
//!
//! The harness (case budget, watchdog, shrinking, regressions) is the
//! fuzz harness, in `crate::fuzz`.

use chrono::NaiveDate;

use super::{QueryError, parse};
use crate::fuzz::{Rng, Target, Verdict, fuzz, fuzz_dir, read_folder};
use crate::plan::Status;
use crate::plan::derive::Clock;
use crate::project::Project;
use crate::source::fuzz_tests::{safe_to_print, today};

/// The real plan, in Chinese, on its own.
const PROGRAMME: &str = include_str!("../../plans/programme.yaml");

/// The spec's example, loaded after the programme as a second file, so
/// that `under:2` names a whole file.
const EXAMPLE: &str = include_str!("../../tests/fixtures/valid/spec-example.yaml");

/// Field names, real and misspelt.
const FIELD_WORDS: &[&str] = &[
    "status", "owner", "tag", "under", "id", "is", "has", "level", "due", "start", "progress",
    "stauts", "tags", "x", "Status", "due-soon", "-",
];

const OPERATORS: &[&str] = &[":", "<", "<=", ">", ">=", "=", "!=", "==", "=>", "~", ""];

/// Values for every field, one a line, valid and not: statuses and their
/// aliases, `is:` and `has:` words, dates relative and absolute, numbers
/// and codes.
const VALUES: &str = "\
todo
in-progress
blocked
done
cancelled
doing
wip
canceled
Done
leaf
parent
overdue
due-soon
open
id
owner
effort
tags
tag
after
notes
tasks
today
today+3
today+3d
today-2w
today+0d
today+99999999999d
today-18446744073709551615w
today+
today+d
today+3ｄ
2026-10-01
2026-02-30
2026-2-3
9999-12-31
+262142-01-01
50
50%
37.5
-1
0
1e308
NaN
inf
-0
,
,,
1
2
3
2.2.1
0.0
1.
4294967296";

/// Free text, quotes, and characters that are wider, longer when
/// lowercased, or unsafe on a terminal.
const TEXTS: &[&str] = &[
    "研发",
    "平台工具",
    "设计",
    "Set up",
    "CI",
    "\"quoted",
    "'single'",
    "\"",
    "'",
    "-",
    "--",
    ",",
    "\t",
    "\n",
    "\r",
    "\0",
    "\u{1b}",
    "[31m",
    "\u{202e}",
    "\u{7f}",
    "é",
    "🚀",
    "Ǆ",
    "İ",
    "ẞ",
    " ",
];

/// Query words against two plan sets: the programme alone, and the
/// programme followed by the spec's example.
struct Queries {
    projects: Vec<Project>,
    /// The seed corpus: one query a line, words split at spaces.
    lines: Vec<Vec<String>>,
    /// Words from the plans themselves: ids, codes, owners and tags.
    plan_words: Vec<String>,
}

impl Queries {
    fn new() -> Queries {
        let load = |files: &[&str]| {
            let files = files
                .iter()
                .enumerate()
                .map(|(n, text)| (format!("{n}.yaml"), text.as_bytes().to_vec()))
                .collect();
            let project = Project::load(files, Clock::new(today()), false);
            assert!(!project.has_errors(), "{:?}", project.loaded.diagnostics);
            project
        };
        let projects = vec![load(&[PROGRAMME]), load(&[PROGRAMME, EXAMPLE])];
        let plan = &projects[1].loaded.plan;
        let mut plan_words: Vec<String> = plan
            .ids()
            .flat_map(|id| {
                let node = plan.node(id);
                let id_text = plan.id_of(id).map(str::to_owned);
                let owner = plan.own_owner(id).map(str::to_owned);
                let tags = plan.list(node.tags).map(str::to_owned);
                [Some(plan.code(id)), id_text, owner]
                    .into_iter()
                    .flatten()
                    .chain(tags)
                    .collect::<Vec<_>>()
            })
            .collect();
        plan_words.sort();
        plan_words.dedup();
        let lines = read_folder(&fuzz_dir().join("corpus/query"))
            .into_iter()
            .flat_map(|(_, bytes)| {
                let text = String::from_utf8(bytes).expect("a UTF-8 query corpus");
                text.lines()
                    .map(|line| {
                        line.split(' ')
                            .filter(|w| !w.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .collect::<Vec<Vec<String>>>()
            })
            .collect::<Vec<_>>();
        assert!(lines.len() > 10, "the query corpus is missing");
        Queries {
            projects,
            lines,
            plan_words,
        }
    }

    /// A piece of any kind.
    fn piece(&self, rng: &mut Rng) -> String {
        match rng.below(5) {
            0 => rng.pick(FIELD_WORDS).to_owned(),
            1 => rng.pick(OPERATORS).to_owned(),
            2 => rng.line(VALUES).to_owned(),
            3 => rng.pick(TEXTS).to_owned(),
            _ => self.plan_words[rng.below(self.plan_words.len())].clone(),
        }
    }

    /// A value for a field: a list of one to three values, mostly, and
    /// now and then none.
    fn value(&self, rng: &mut Rng) -> String {
        if rng.one_in(10) {
            return String::new();
        }
        let parts: Vec<String> = (0..rng.rounds(3))
            .map(|_| {
                if rng.one_in(3) {
                    self.plan_words[rng.below(self.plan_words.len())].clone()
                } else {
                    rng.line(VALUES).to_owned()
                }
            })
            .collect();
        parts.join(",")
    }

    /// A term whose operator and values suit its field, so that more words
    /// parse and the queries get evaluated.
    fn suited_term(&self, rng: &mut Rng) -> String {
        let field = rng.pick(super::parse::FIELDS);
        let values: &[&str] = match field {
            "status" => &Status::SPELLINGS,
            "level" => &["1", "2", "3", "4", "5"],
            "due" | "start" => &["today", "today+14d", "today-2w", "2026-10-01", "2027-01-01"],
            "progress" => &["0", "40", "37.5", "50%", "100"],
            "is" => &["leaf", "parent", "overdue", "due-soon", "open", "blocked"],
            "has" => &[
                "id", "owner", "status", "progress", "due", "effort", "tags", "after", "notes",
            ],
            _ => &[],
        };
        let operator = match field {
            "level" | "due" | "start" | "progress" => rng.pick(&[":", "<", "<=", ">", ">=", "="]),
            _ => ":",
        };
        let parts: Vec<String> = (0..rng.rounds(3))
            .map(|_| match values {
                [] => self.plan_words[rng.below(self.plan_words.len())].clone(),
                _ => rng.pick(values).to_owned(),
            })
            .collect();
        let count = if operator == ":" { parts.len() } else { 1 };
        format!("{field}{operator}{}", parts[..count].join(","))
    }

    /// A new word: a field term, text, or any pieces run together; now and
    /// then a very long one.
    fn word(&self, rng: &mut Rng) -> String {
        let mut word = String::new();
        if rng.one_in(4) {
            word.push('-');
        }
        match rng.below(5) {
            0 | 1 => word.push_str(&self.suited_term(rng)),
            2 => {
                word.push_str(rng.pick(FIELD_WORDS));
                word.push_str(rng.pick(OPERATORS));
                word.push_str(&self.value(rng));
            }
            3 => word.push_str(&self.piece(rng)),
            _ => (0..rng.rounds(5)).for_each(|_| word.push_str(&self.piece(rng))),
        }
        if rng.one_in(64) {
            let piece = self.piece(rng);
            let separator = if rng.one_in(2) { "," } else { "" };
            let times = 1 + rng.below(10_000 / piece.len().max(1));
            word.push_str(&vec![piece.as_str(); times].join(separator));
        }
        word
    }

    /// Applies one random change to a list of words.
    fn mutate(&self, rng: &mut Rng, words: &mut Vec<String>) {
        let at = rng.below(words.len() + 1);
        if at == words.len() {
            words.push(self.word(rng));
            return;
        }
        let word = words[at].clone();
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let cut = bounds[rng.below(bounds.len())];
        match rng.below(8) {
            0 => words.insert(at, self.word(rng)),
            1 => words[at] = self.word(rng),
            2 => drop(words.remove(at)),
            3 => words[at].insert_str(cut, &self.piece(rng)),
            4 => {
                let end = bounds[rng.below(bounds.len())].max(cut);
                words[at].replace_range(cut..end, "");
            }
            5 => {
                let (head, tail) = word.split_at(cut);
                words.splice(at..=at, [head.to_owned(), tail.to_owned()]);
            }
            6 if at + 1 < words.len() => {
                let next = words.remove(at + 1);
                let separator = if rng.one_in(2) { "," } else { "" };
                words[at] = format!("{word}{separator}{next}");
            }
            _ => words[at].insert_str(cut, rng.pick(TEXTS)),
        }
    }
}

impl Target for Queries {
    type Input = Vec<String>;
    const NAME: &'static str = "query";
    const EXTENSION: &'static str = "json";

    fn check(&self, words: &Vec<String>) -> Verdict {
        for project in &self.projects {
            let plan = &project.loaded.plan;
            // Dates at the ends of the calendar, where `today+3d` overflows.
            for day in [NaiveDate::MIN, NaiveDate::MAX] {
                if let Err(error) = parse(words, plan, day) {
                    check_error(words, &error)?;
                }
            }
            match parse(words, plan, project.derived.clock.today) {
                Ok(query) => {
                    let selected = plan
                        .ids()
                        .filter(|&id| query.matches(plan, &project.derived, id));
                    std::hint::black_box(selected.count());
                }
                Err(error) => check_error(words, &error)?,
            }
        }
        check_negation(words, &self.projects[1])
    }

    fn corpus(&self) -> Vec<Vec<String>> {
        self.lines.clone()
    }

    fn generate(&self, rng: &mut Rng) -> Vec<String> {
        let mut words = if rng.one_in(4) {
            (0..rng.below(6)).map(|_| self.word(rng)).collect()
        } else {
            self.lines[rng.below(self.lines.len())].clone()
        };
        for _ in 0..rng.rounds(8) {
            self.mutate(rng, &mut words);
        }
        words
    }

    /// Drops whole words, then cuts halves, quarters and so on down to
    /// single characters out of each word.
    fn shrink(words: &Vec<String>) -> impl Iterator<Item = Vec<String>> + '_ {
        let fewer = (0..words.len()).map(move |i| {
            let mut fewer = words.clone();
            fewer.remove(i);
            fewer
        });
        let shorter = (0..words.len()).flat_map(move |i| {
            let chars = words[i].chars().count();
            let sizes = std::iter::successors(Some(chars), |&n| (n > 1).then_some(n / 2));
            sizes.filter(|&n| n > 0).flat_map(move |size| {
                (0..chars).step_by(size).map(move |start| {
                    let mut shorter = words.clone();
                    shorter[i] = words[i]
                        .chars()
                        .enumerate()
                        .filter(|&(n, _)| n < start || n >= start + size)
                        .map(|(_, c)| c)
                        .collect();
                    shorter
                })
            })
        });
        fewer.chain(shorter)
    }

    fn encode(words: &Vec<String>) -> Vec<u8> {
        serde_json::to_vec(words).expect("strings serialize")
    }

    fn decode(bytes: &[u8]) -> Vec<String> {
        serde_json::from_slice(bytes).expect("a query regression is a JSON array of words")
    }
}

/// An error quotes the query as given and points at a part of one word, on
/// character boundaries; its display is safe to print.
fn check_error(words: &[String], error: &QueryError) -> Verdict {
    let text = words.join(" ");
    if error.text != text {
        return Err(("error-text", format!("{:?} for {text:?}", error.text)));
    }
    let span = &error.span;
    if span.start > span.end || span.end > text.len() {
        return Err(("error-span-in-text", format!("{span:?} in {text:?}")));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err((
            "error-span-on-char-boundaries",
            format!("{span:?} in {text:?}"),
        ));
    }
    let mut start = 0;
    let in_one_word = words.iter().any(|word| {
        let range = start..start + word.len();
        start = range.end + 1;
        range.start <= span.start && span.end <= range.end
    });
    if !in_one_word {
        return Err(("error-span-in-one-word", format!("{span:?} in {words:?}")));
    }
    safe_to_print("error-display-safe", &error.to_string())
}

/// `-TERM` parses exactly when `TERM` does and selects every node `TERM`
/// leaves out. Checked for the first word that is not already a negation:
/// evaluating every word twice more over every node would triple the cost
/// of a case.
fn check_negation(words: &[String], project: &Project) -> Verdict {
    let (plan, derived) = (&project.loaded.plan, &project.derived);
    let today = derived.clock.today;
    let Some(word) = words.iter().find(|w| !w.is_empty() && !w.starts_with('-')) else {
        return Ok(());
    };
    let term = parse(std::slice::from_ref(word), plan, today);
    let negated = parse(&[format!("-{word}")], plan, today);
    match (term, negated) {
        (Ok(term), Ok(negated)) => {
            let both = plan
                .ids()
                .find(|&id| term.matches(plan, derived, id) == negated.matches(plan, derived, id));
            match both {
                Some(id) => Err((
                    "negation-complements",
                    format!("{word:?} on node {}", plan.code(id)),
                )),
                None => Ok(()),
            }
        }
        (Err(_), Err(_)) => Ok(()),
        (term, negated) => Err((
            "negation-parses-alike",
            format!(
                "{word:?}: {:?} but negated {:?}",
                term.is_ok(),
                negated.is_ok()
            ),
        )),
    }
}

#[test]
fn query_parser_survives_mutated_words() {
    fuzz(12_000, Queries::new);
}
