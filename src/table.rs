//! Aligned tables for terminals, measured in display width so Chinese and
//! other wide text lines up; long cells are cut on a character boundary
//! with `…` when the table must fit a width.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::plan::Status;
use crate::safe::escape_control;

/// How a cell is coloured, when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// Secondary information: codes, line numbers.
    Dim,
    /// Needs attention: an overdue date.
    Alert,
    Status(Status),
    /// A column heading.
    Header,
}

#[derive(Debug, Clone)]
pub struct Cell<'a> {
    /// Borrowed from the plan when it needs no escaping: a table of 57k
    /// rows would otherwise copy every string once more.
    text: Cow<'a, str>,
    /// Display width of `text`, measured once.
    width: usize,
    tone: Tone,
    right: bool,
}

impl<'a> Cell<'a> {
    /// A cell of plan text; control characters are escaped here, once for
    /// every table.
    pub fn new(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        let text = text.into();
        // Text that needs no escaping stays as it came, borrowed or owned.
        let text = match escape_control(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(escaped) => Cow::Owned(escaped),
        };
        Cell {
            width: display_width(&text),
            text,
            tone: Tone::Plain,
            right: false,
        }
    }

    pub fn tone(mut self, tone: Tone) -> Cell<'a> {
        self.tone = tone;
        self
    }

    pub fn right_aligned(mut self, right: bool) -> Cell<'a> {
        self.right = right;
        self
    }
}

/// How a column gives way when the table must fit a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Short values that are useless cut (codes, dates, numbers): never cut.
    Whole,
    /// Identifiers worth a glance: at most this many columns wide.
    AtMost(u16),
    /// Free text: takes what is left.
    Flexible,
}

pub struct Table<'a> {
    header: Vec<String>,
    fits: Vec<Fit>,
    rows: Vec<Vec<Cell<'a>>>,
}

impl<'a> Table<'a> {
    pub fn new(header: Vec<String>) -> Table<'a> {
        Table {
            fits: vec![Fit::Flexible; header.len()],
            header,
            rows: Vec::new(),
        }
    }

    /// Sets how each column gives way to a width limit, in column order.
    pub fn fits(mut self, fits: Vec<Fit>) -> Table<'a> {
        self.fits = fits;
        self
    }

    pub fn push(&mut self, cells: Vec<Cell<'a>>) {
        self.rows.push(cells);
    }

    /// Writes the table; with `width`, cells are cut to fit it.
    pub fn write(&self, out: &mut impl Write, width: Option<u16>, color: bool) -> io::Result<()> {
        let widths: Vec<usize> = match width {
            Some(width) => self
                .fit_widths(width)
                .into_iter()
                .map(usize::from)
                .collect(),
            None => self.natural_widths(),
        };
        let mut line = String::with_capacity(256);
        let header: Vec<Cell> = self
            .header
            .iter()
            .map(|h| Cell::new(h.as_str()).tone(Tone::Header))
            .collect();
        render_line(&mut line, &header, &widths, color);
        writeln!(out, "{line}")?;
        let rule =
            widths.iter().sum::<usize>() + (PADDING + 1) * widths.len().saturating_sub(1) + PADDING;
        writeln!(out, "{}", "─".repeat(rule))?;
        for row in &self.rows {
            render_line(&mut line, row, &widths, color);
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// Each column's widest cell, header included, in display columns.
    fn natural_widths(&self) -> Vec<usize> {
        (0..self.header.len())
            .map(|i| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|c| c.width);
                cells
                    .chain(std::iter::once(self.header[i].width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }
}

fn push_spaces(line: &mut String, mut count: usize) {
    const SPACES: &str = "                                                                ";
    while count > 0 {
        let n = count.min(SPACES.len());
        line.push_str(&SPACES[..n]);
        count -= n;
    }
}

/// Display columns of a cell's text; ASCII text is one column a byte.
fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Spaces around each cell; columns are also one space apart.
const PADDING: usize = 2;

/// Lays out one line into `line`: each cell cut to its column's width with
/// `…`, padded by display width, coloured when asked; no trailing blanks.
fn render_line(line: &mut String, cells: &[Cell], widths: &[usize], color: bool) {
    line.clear();
    for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        let (tone, right) = (cell.tone, cell.right);
        if i > 0 {
            line.push(' ');
        }
        line.push(' ');
        let (shown, shown_width) = if cell.width <= width {
            (Cow::Borrowed(cell.text.as_ref()), cell.width)
        } else {
            let cut = cut(&cell.text, width);
            let cut_width = cut.width();
            (cut, cut_width)
        };
        let gap = width.saturating_sub(shown_width);
        if right {
            push_spaces(line, gap);
        }
        let paint = if color { tone.sgr() } else { "" };
        line.push_str(paint);
        line.push_str(&shown);
        if !paint.is_empty() {
            line.push_str(RESET);
        }
        if !right {
            push_spaces(line, gap);
        }
        line.push(' ');
    }
    line.truncate(line.trim_end().len());
}

/// `text` cut to `width` display columns, ending in `…` when cut; never
/// splits a character.
pub fn cut(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if text.width() <= width {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut used = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    if width == 0 {
        return std::borrow::Cow::Borrowed("");
    }
    std::borrow::Cow::Owned(format!("{}…", &text[..end]))
}

const RESET: &str = "\x1b[0m";

impl Tone {
    /// The SGR sequence that starts this tone on a terminal.
    pub fn sgr(self) -> &'static str {
        match self {
            Tone::Plain => "",
            Tone::Header => "\x1b[1m",
            Tone::Dim => "\x1b[90m",
            Tone::Alert => "\x1b[31m",
            Tone::Status(status) => match status {
                Status::Todo => "",
                Status::InProgress => "\x1b[33m",
                Status::Blocked => "\x1b[31m",
                Status::Done => "\x1b[32m",
                Status::Cancelled => "\x1b[90m",
            },
        }
    }
}

impl Table<'_> {
    /// Column widths that fit `width`: whole columns keep their width,
    /// capped ones shrink to their cap, and the room left is shared out so
    /// narrow columns keep all they need and wide ones split the rest.
    fn fit_widths(&self, width: u16) -> Vec<u16> {
        let natural = self.natural_widths();
        // Each cell is padded by a space on both sides, and a (blank)
        // separator stands between columns.
        let overhead = (PADDING + 1) * natural.len() - 1;
        let total: usize = natural.iter().sum::<usize>() + overhead;
        if total <= usize::from(width) {
            return natural.iter().map(|&w| w as u16).collect();
        }
        let mut fitted = natural.clone();
        let mut room = usize::from(width).saturating_sub(overhead);
        // When even the whole columns do not fit, every column gives way.
        let whole: usize = (0..natural.len())
            .filter(|&i| self.fits.get(i) == Some(&Fit::Whole))
            .map(|i| natural[i])
            .sum();
        let others = natural.len() - self.fits.iter().filter(|&&f| f == Fit::Whole).count();
        let squeeze = whole + 2 * others > room;
        let mut shrinkable = Vec::new();
        for (i, fit) in self.fits.iter().enumerate() {
            match *fit {
                Fit::Whole if squeeze => shrinkable.push(i),
                Fit::Whole => room = room.saturating_sub(natural[i]),
                Fit::AtMost(most) => {
                    fitted[i] = natural[i].min(usize::from(most));
                    shrinkable.push(i);
                }
                Fit::Flexible => shrinkable.push(i),
            }
        }
        // Free text weighs double: a title cut short hurts more than an id.
        let weight = |i: usize| {
            if self.fits.get(i) == Some(&Fit::Flexible) {
                2
            } else {
                1
            }
        };
        shrinkable.sort_by_key(|&i| fitted[i] / weight(i));
        let mut weights: usize = shrinkable.iter().map(|&i| weight(i)).sum();
        for i in shrinkable {
            let share = room * weight(i) / weights.max(1);
            // Two columns at least, so a cut cell still shows `x…`.
            fitted[i] = fitted[i].min(share).max(2);
            room = room.saturating_sub(fitted[i]);
            weights -= weight(i);
        }
        fitted
            .iter()
            .map(|&w| w.min(usize::from(u16::MAX)) as u16)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(table: &Table, width: Option<u16>) -> String {
        let mut out = Vec::new();
        table.write(&mut out, width, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wide_characters_line_up_and_long_cells_are_cut() {
        let mut table = Table::new(vec!["code".into(), "title".into(), "owner".into()]);
        table.push(vec![
            Cell::new("2.2.1"),
            Cell::new("平台工具小组"),
            Cell::new("ana"),
        ]);
        table.push(vec![
            Cell::new("2.2.1.1"),
            Cell::new("Set up CI"),
            Cell::new("平台"),
        ]);
        let text = render(&table, None);
        let widths: Vec<usize> = text
            .lines()
            .skip(2)
            .map(|line| unicode_width::UnicodeWidthStr::width(&line[..line.rfind(' ').unwrap()]))
            .collect();
        assert_eq!(widths[0], widths[1], "{text}");
        let narrow = render(&table, Some(24));
        assert!(narrow.contains('…'), "{narrow}");
        assert!(
            narrow
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 24),
            "{narrow}"
        );
    }

    #[test]
    fn cuts_on_character_boundaries() {
        assert_eq!(cut("平台工具小组", 7), "平台工…");
        assert_eq!(cut("平台工具小组", 8), "平台工…");
        assert_eq!(cut("平台工具小组", 12), "平台工具小组");
        assert_eq!(cut("Set up CI", 5), "Set …");
        assert_eq!(cut("abc", 1), "…");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn colour_wraps_the_text_not_the_padding() {
        let mut table = Table::new(vec!["status".into(), "x".into()]);
        table.push(vec![
            Cell::new("done").tone(Tone::Status(Status::Done)),
            Cell::new("1"),
        ]);
        let mut out = Vec::new();
        table.write(&mut out, None, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().nth(2), Some(" \x1b[32mdone\x1b[0m     1"));
        assert!(
            text.starts_with(" \x1b[1mstatus\x1b[0m   \x1b[1mx\x1b[0m\n"),
            "{text:?}"
        );
    }

    #[test]
    fn escapes_reach_no_terminal() {
        let mut table = Table::new(vec!["title".into()]);
        table.push(vec![Cell::new("\u{1b}[31mred")]);
        assert_eq!(render(&table, None).lines().nth(2), Some(" \\e[31mred"));
    }
}
