//! What an import read, as data and as the lines printed for a person:
//! how the input was taken, the tables and their columns, and everything
//! left out or read in a way worth saying, each with its place.

use std::io::{self, Write};

use super::outline::{Outline, Place};

/// What was read and what was not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// How the input was read: "a markdown document", "CSV (`;`, UTF-8)".
    pub read_as: String,
    /// One line per part read: headings, lists, each table with its
    /// columns.
    pub parts: Vec<String>,
    /// Things left out, and why.
    pub skipped: Vec<Finding>,
    /// Things read in a way the person should know of.
    pub notes: Vec<Finding>,
}

/// How many notes, and how many things skipped, are shown: a sheet with a
/// mistake in every row needs the first few to be fixed, not all.
const MAX_SHOWN: usize = 20;

/// One thing the report says about a place in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub place: Option<Place>,
    pub message: String,
}

impl Report {
    pub fn skip(&mut self, place: impl Into<Option<Place>>, message: impl Into<String>) {
        self.skipped.push(Finding {
            place: place.into(),
            message: message.into(),
        });
    }

    pub fn note(&mut self, place: impl Into<Option<Place>>, message: impl Into<String>) {
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

    /// The report for a person: `summary` lines (unless `quiet`), then what
    /// was skipped, which is always shown.
    pub fn write(
        &self,
        out: &mut impl Write,
        source: &str,
        outline: &Outline,
        quiet: bool,
    ) -> io::Result<()> {
        let text = |s: &str| crate::safe::escape_control(s).into_owned();
        if !quiet {
            writeln!(out, "read {} as {}", text(source), self.read_as)?;
            for part in &self.parts {
                writeln!(out, "  {}", text(part))?;
            }
            let levels = outline.per_level();
            let total: usize = levels.iter().sum();
            let per_level: Vec<String> = levels
                .iter()
                .enumerate()
                .map(|(i, n)| format!("level {}: {n}", i + 1))
                .collect();
            writeln!(out, "  {} ({})", count(total, "task"), per_level.join(", "))?;
            for finding in self.notes.iter().take(MAX_SHOWN) {
                writeln!(out, "  note: {}", finding_text(finding))?;
            }
            if self.notes.len() > MAX_SHOWN {
                writeln!(out, "  … and {} more notes", self.notes.len() - MAX_SHOWN)?;
            }
        }
        if !self.skipped.is_empty() {
            writeln!(out, "skipped ({}):", self.skipped.len())?;
            for finding in self.skipped.iter().take(MAX_SHOWN) {
                writeln!(out, "  {}", finding_text(finding))?;
            }
            if self.skipped.len() > MAX_SHOWN {
                writeln!(
                    out,
                    "  … and {} more; fix these and import again to see them",
                    self.skipped.len() - MAX_SHOWN
                )?;
            }
        }
        Ok(())
    }
}

fn finding_text(finding: &Finding) -> String {
    let message = crate::safe::escape_control(&finding.message);
    match finding.place {
        Some(place) => format!("{place}: {message}"),
        None => message.into_owned(),
    }
}

/// `1 task`, `3 tasks`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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
        let mut report = Report {
            read_as: "CSV".to_owned(),
            ..Report::default()
        };
        for line in 1..=25 {
            report.skip(Place::Line(line), "bad");
        }
        let mut out = Vec::new();
        report
            .write(&mut out, "x.csv", &Outline::default(), true)
            .expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.starts_with("skipped (25):\n  line 1: bad\n"), "{text}");
        assert!(
            text.ends_with(
                "  line 20: bad\n  … and 5 more; fix these and import again to see them\n"
            ),
            "{text}"
        );
    }
}
