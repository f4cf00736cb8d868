//! What an import read, as data and as the lines printed for a person:
//! how the input was taken, the tables and their columns, and everything
//! left out or read in a way worth saying, each with its place.

use std::io::{self, Write};

use super::outline::{Outline, Place};
use crate::i18n::Lang;
use crate::i18n::import::{Line, Part, ReadAs, Said};

/// What was read and what was not.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// How the input was read: "a markdown document", "CSV (`;`, UTF-8)".
    pub read_as: ReadAs,
    /// One line per part read: headings, lists, each table with its
    /// columns.
    pub parts: Vec<Part>,
    /// Things left out, and why.
    pub skipped: Vec<Finding>,
    /// Things read in a way the person should know of.
    pub notes: Vec<Finding>,
}

impl Default for Report {
    fn default() -> Report {
        Report {
            read_as: ReadAs::Markdown,
            parts: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// How many notes, and how many things skipped, are shown: a sheet with a
/// mistake in every row needs the first few to be fixed, not all.
const MAX_SHOWN: usize = 20;

/// One thing the report says about a place in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub place: Option<Place>,
    pub message: Said,
}

impl Report {
    pub fn skip(&mut self, place: impl Into<Option<Place>>, message: impl Into<Said>) {
        self.skipped.push(Finding {
            place: place.into(),
            message: message.into(),
        });
    }

    pub fn note(&mut self, place: impl Into<Option<Place>>, message: impl Into<Said>) {
        self.notes.push(Finding {
            place: place.into(),
            message: message.into(),
        });
    }

    /// Puts the findings in the order of the input (those without a place
    /// last).
    pub fn sort(&mut self) {
        let key = |f: &Finding| match f.place {
            Some(Place::Line(n) | Place::Row(n)) => n,
            None => usize::MAX,
        };
        self.skipped.sort_by_key(key);
        self.notes.sort_by_key(key);
    }

    /// The report for a person, in `lang`: `summary` lines (unless
    /// `quiet`), then what was skipped, which is always shown.
    pub fn write(
        &self,
        out: &mut impl Write,
        source: &str,
        outline: &Outline,
        quiet: bool,
        lang: Lang,
    ) -> io::Result<()> {
        let text = |s: &str| crate::safe::escape_control(s).into_owned();
        let mut say = |indent: &str, line: &dyn crate::i18n::Message| {
            writeln!(out, "{indent}{}", text(&lang.show(line).to_string()))
        };
        if !quiet {
            say(
                "",
                &Line::Read {
                    source: source.to_owned(),
                    read_as: self.read_as.clone(),
                },
            )?;
            for part in &self.parts {
                say("  ", part)?;
            }
            let per_level = outline.per_level();
            let total: usize = per_level.iter().sum();
            say("  ", &Line::Levels { total, per_level })?;
            for finding in self.notes.iter().take(MAX_SHOWN) {
                let note = Line::Note {
                    place: finding.place,
                    said: finding.message.clone(),
                };
                say("  ", &note)?;
            }
            if self.notes.len() > MAX_SHOWN {
                let hidden = self.notes.len() - MAX_SHOWN;
                say("  ", &Line::MoreNotes { hidden })?;
            }
        }
        if !self.skipped.is_empty() {
            let count = self.skipped.len();
            say("", &Line::Skipped { count })?;
            for finding in self.skipped.iter().take(MAX_SHOWN) {
                let item = Line::SkippedItem {
                    place: finding.place,
                    said: finding.message.clone(),
                };
                say("  ", &item)?;
            }
            if self.skipped.len() > MAX_SHOWN {
                let hidden = self.skipped.len() - MAX_SHOWN;
                say("  ", &Line::MoreSkipped { hidden })?;
            }
        }
        Ok(())
    }
}

/// A short quotation of input text for a message: one line, at most 30
/// characters.
pub fn quote(text: &str) -> String {
    let line = super::titles::clean(text);
    let mut chars = line.chars();
    let short: String = chars.by_ref().take(30).collect();
    if chars.next().is_some() {
        format!("`{short}…`")
    } else {
        format!("`{short}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let mut report = Report::default();
        for line in 1..=25 {
            report.skip(Place::Line(line), Said::EmptyListItem);
        }
        let mut out = Vec::new();
        report
            .write(&mut out, "x.csv", &Outline::default(), true, Lang::En)
            .expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            text.starts_with("skipped (25):\n  line 1: an empty list item\n"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "  line 20: an empty list item\n  … and 5 more; fix these and import again to see them\n"
            ),
            "{text}"
        );
    }
}
