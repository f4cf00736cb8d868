//! Aligned tables for terminals, drawn by comfy-table: a header, a rule
//! under it, no vertical borders. Widths are display widths, so Chinese
//! and other wide text lines up; colour codes are never counted. Fitted to
//! a width, free text gives way first and whole columns are left out
//! rather than cut (see `layout`).

mod layout;
mod text;

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentLineStyle, LineStyle, TableStyle, Width,
};

pub use layout::{Fit, Widths};
pub use text::{cut, display_width, tail, wrap};

use crate::plan::Status;
use crate::safe::escape_control;

/// Today's look: cells one space from their neighbours' padding, a rule
/// under the header, nothing else.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .content_lines(ContentLineStyle::none().junction(' '));

/// Rows handed to comfy-table at a time. Every column has a fixed width by
/// then, so the chunks line up as one table, and they can be drawn on
/// several cores at once.
const CHUNK: usize = 2048;

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
        Cell::escaped(text)
    }

    /// A cell of text that is safe already, with colour codes of its own
    /// (a tree line paints its parts): `width` is its display width
    /// without them. It is never cut.
    pub fn painted(text: String, width: usize) -> Cell<'a> {
        Cell {
            text: Cow::Owned(text),
            width,
            tone: Tone::Plain,
        }
    }

    fn escaped(text: Cow<'a, str>) -> Cell<'a> {
        Cell {
            width: display_width(&text),
            text,
            tone: Tone::Plain,
        }
    }

    pub fn tone(mut self, tone: Tone) -> Cell<'a> {
        self.tone = tone;
        self
    }
}

/// A column: its header, how it gives way, and when it is left out.
#[derive(Debug, Clone)]
pub struct Column {
    header: &'static str,
    fit: Fit,
    keep: u8,
    narrow: Option<(usize, u8)>,
    right: bool,
    padding: (u16, u16),
}

impl Column {
    /// A column never cut: it is left out whole when the table is too wide.
    pub fn whole(header: &'static str) -> Column {
        Column {
            header,
            fit: Fit::Whole,
            keep: u8::MAX,
            narrow: None,
            right: false,
            padding: (1, 1),
        }
    }

    /// Free text, cut with `…` down to `min` columns before any column is
    /// left out.
    pub fn give_way(header: &'static str, min: usize) -> Column {
        Column {
            fit: Fit::GiveWay { min, weight: 1 },
            ..Column::whole(header)
        }
    }

    /// How much of the room free text shares this column keeps (1 unless
    /// set).
    pub fn weight(mut self, weight: usize) -> Column {
        if let Fit::GiveWay { min, .. } = self.fit {
            self.fit = Fit::GiveWay { min, weight };
        }
        self
    }

    /// When the table is too wide, columns are left out in rising order of
    /// `keep`; the one with the highest stays longest.
    pub fn keep(mut self, keep: u8) -> Column {
        self.keep = keep;
        self
    }

    /// The column may first narrow to `width`, keeping the end of each
    /// cell, at rank `keep` (as for leaving a column out).
    pub fn narrows_to(mut self, width: usize, keep: u8) -> Column {
        self.narrow = Some((width, keep));
        self
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// Spaces before and after the cells; one more space stands between
    /// two columns.
    pub fn padding(mut self, left: u16, right: u16) -> Column {
        self.padding = (left, right);
        self
    }
}

pub struct Table<'a> {
    columns: Vec<Column>,
    header: bool,
    rows: Vec<Vec<Cell<'a>>>,
}

impl<'a> Table<'a> {
    pub fn new(columns: Vec<Column>) -> Table<'a> {
        Table {
            columns,
            header: true,
            rows: Vec::new(),
        }
    }

    /// A table of rows only: no header, no rule.
    pub fn without_header(mut self) -> Table<'a> {
        self.header = false;
        self
    }

    pub fn push(&mut self, cells: Vec<Cell<'a>>) {
        self.rows.push(cells);
    }

    /// Each column's widest cell (and header), in display columns.
    pub fn natural_widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .map(|c| {
                if self.header {
                    display_width(c.header)
                } else {
                    0
                }
            })
            .collect();
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width);
            }
        }
        widths
    }

    /// The columns' widths at `width`, or natural without one (see
    /// `layout::fit`).
    pub fn layout(&self, width: Option<u16>) -> Widths {
        let specs: Vec<layout::Spec> = self
            .columns
            .iter()
            .zip(self.natural_widths())
            .map(|(column, natural)| layout::Spec {
                natural,
                header: if self.header {
                    display_width(column.header)
                } else {
                    0
                },
                fit: column.fit,
                keep: column.keep,
                narrow: column.narrow,
                padding: usize::from(column.padding.0 + column.padding.1),
            })
            .collect();
        layout::fit(&specs, width.map(usize::from))
    }

    /// Writes the table fitted to `width`; without one, every cell whole.
    pub fn write(&self, out: &mut impl Write, width: Option<u16>, color: bool) -> io::Result<()> {
        self.write_laid_out(out, &self.layout(width), color)
    }

    /// Writes the table with these column widths: a cell wider than its
    /// column is cut with `…` (or keeps its end, in a narrowed column).
    pub fn write_laid_out(
        &self,
        out: &mut impl Write,
        widths: &[Option<usize>],
        color: bool,
    ) -> io::Result<()> {
        let kept: Vec<(usize, usize)> = widths
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.map(|w| (i, w)))
            .collect();
        if color {
            // crossterm, which paints for comfy-table, reads NO_COLOR from
            // the process on its own; wbs has decided already (`--color
            // always` wins over NO_COLOR), so its choice stands.
            crossterm::style::Colored::set_ansi_color_disabled(false);
        }
        let chunks: Vec<&[Vec<Cell<'a>>]> = self.rows.chunks(CHUNK).collect();
        if chunks.len() <= 1 {
            let rows = chunks.first().copied().unwrap_or(&[]);
            return self.write_chunk(out, rows, self.header, &kept, color);
        }
        // A big table: every width is fixed, so the chunks are drawn on all
        // cores and written in order.
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(chunks.len());
        let per_thread = chunks.len().div_ceil(threads);
        let drawn: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .chunks(per_thread)
                .enumerate()
                .map(|(group, chunks)| {
                    let kept = &kept;
                    scope.spawn(move || {
                        let mut text = Vec::new();
                        for (at, rows) in chunks.iter().enumerate() {
                            let header = self.header && group == 0 && at == 0;
                            self.write_chunk(&mut text, rows, header, kept, color)?;
                        }
                        Ok(text)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        for text in drawn {
            out.write_all(&text?)?;
        }
        Ok(())
    }

    /// Draws `rows` (and the header, when asked) with comfy-table at the
    /// kept columns' fixed widths.
    fn write_chunk(
        &self,
        out: &mut impl Write,
        rows: &[Vec<Cell<'a>>],
        header: bool,
        kept: &[(usize, usize)],
        color: bool,
    ) -> io::Result<()> {
        let mut table = comfy_table::Table::new();
        table.load_style(STYLE).force_no_tty();
        if color {
            // comfy-table paints each cell's text after laying it out,
            // so colour takes no room and the padding stays plain.
            table.enforce_styling();
            table.style_text_only();
        }
        if header {
            table.set_header(
                kept.iter()
                    .map(|&(i, width)| {
                        let cell =
                            Cell::escaped(Cow::Borrowed(self.columns[i].header)).tone(Tone::Header);
                        self.content(&cell, i, width, color)
                    })
                    .collect::<Vec<_>>(),
            );
        }
        for row in rows {
            table.add_row(
                kept.iter()
                    .map(|&(i, width)| match row.get(i) {
                        Some(cell) => self.content(cell, i, width, color),
                        None => comfy_table::Cell::new_owned(String::new()),
                    })
                    .collect::<Vec<_>>(),
            );
        }
        for (at, &(i, width)) in kept.iter().enumerate() {
            let spec = &self.columns[i];
            if let Some(column) = table.column_mut(at) {
                column.set_padding(spec.padding);
                let padded = width + usize::from(spec.padding.0 + spec.padding.1);
                let padded = u16::try_from(padded).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(padded)));
                if spec.right {
                    column.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        for line in table.lines() {
            out.write_all(line.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// A cell as comfy-table gets it: fitted to its column, with its tone
    /// when colour is on (comfy-table paints it; see `write_laid_out`).
    fn content(&self, cell: &Cell, column: usize, width: usize, color: bool) -> comfy_table::Cell {
        let text: Cow<str> = if cell.width <= width {
            Cow::Borrowed(&cell.text)
        } else if let Some((narrow, _)) = self.columns[column].narrow {
            Cow::Borrowed(tail(&cell.text, narrow.min(width)))
        } else {
            cut(&cell.text, width)
        };
        // An empty cell gets no codes, so a line still ends at its text.
        let paint = color && !text.is_empty();
        let content = comfy_table::Cell::new_owned(text.into_owned());
        if !paint {
            return content;
        }
        use comfy_table::{Attribute, Color};
        match cell.tone {
            Tone::Plain | Tone::Status(Status::Todo) => content,
            Tone::Header => content.add_attribute(Attribute::Bold),
            Tone::Dim | Tone::Status(Status::Cancelled) => content.fg(Color::DarkGrey),
            Tone::Alert | Tone::Status(Status::Blocked) => content.fg(Color::DarkRed),
            Tone::Status(Status::InProgress) => content.fg(Color::DarkYellow),
            Tone::Status(Status::Done) => content.fg(Color::DarkGreen),
        }
    }
}

pub const RESET: &str = "\x1b[0m";

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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(table: &Table, width: Option<u16>) -> String {
        let mut out = Vec::new();
        table.write(&mut out, width, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn three_columns() -> Table<'static> {
        let mut table = Table::new(vec![
            Column::whole("code").keep(9),
            Column::give_way("title", 6).keep(5),
            Column::give_way("owner", 4).keep(1),
        ]);
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
        table
    }

    #[test]
    fn the_look_of_a_table() {
        assert_eq!(
            render(&three_columns(), None),
            " code      title          owner\n\
             ────────────────────────────────\n \
             2.2.1     平台工具小组   ana\n \
             2.2.1.1   Set up CI      平台\n"
        );
    }

    #[test]
    fn wide_characters_line_up_and_long_cells_are_cut() {
        // The owner is left out before the title is cut below its least.
        let narrow = render(&three_columns(), Some(20));
        assert_eq!(
            narrow,
            " code      title\n\
             ────────────────────\n \
             2.2.1     平台工…\n \
             2.2.1.1   Set up…\n",
            "{narrow}"
        );
        // With room for the owner at its least, the titles are cut first.
        let text = render(&three_columns(), Some(28));
        assert_eq!(
            text.lines().nth(2),
            Some(" 2.2.1     平台工…    ana"),
            "{text}"
        );
        // From three columns up: one for text, two for its padding.
        for width in 3..40 {
            let text = render(&three_columns(), Some(width));
            assert!(
                text.lines().all(|l| display_width(l) <= usize::from(width)),
                "{width}: {text}"
            );
        }
    }

    #[test]
    fn colour_is_not_counted_in_the_width() {
        let mut table = Table::new(vec![Column::whole("status"), Column::whole("x").right()]);
        table.push(vec![
            Cell::new("done").tone(Tone::Status(Status::Done)),
            Cell::new("1"),
        ]);
        let mut out = Vec::new();
        table.write(&mut out, None, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        // comfy-table paints the text alone (crossterm's codes: 256-colour
        // green, default colour, bold, normal intensity).
        assert_eq!(text.lines().nth(2), Some(" \x1b[38;5;2mdone\x1b[39m     1"));
        assert!(
            text.starts_with(" \x1b[1mstatus\x1b[0m   \x1b[1mx\x1b[0m\n"),
            "{text:?}"
        );
    }

    #[test]
    fn escapes_reach_no_terminal() {
        let mut table = Table::new(vec![Column::whole("title")]);
        table.push(vec![Cell::new("\u{1b}[31mred")]);
        assert_eq!(render(&table, None).lines().nth(2), Some(" \\e[31mred"));
    }

    #[test]
    fn chunks_line_up_as_one_table() {
        let mut table = Table::new(vec![Column::whole("n").right(), Column::whole("x")]);
        for n in 0..CHUNK * 2 + 3 {
            table.push(vec![Cell::new(n.to_string()), Cell::new("x")]);
        }
        let text = render(&table, None);
        assert_eq!(text.lines().count(), CHUNK * 2 + 5);
        assert_eq!(text.matches('─').count(), 10, "one rule");
        assert_eq!(text.lines().nth(2), Some("    0   x"));
        assert_eq!(text.lines().last(), Some(" 4098   x"));
    }

    #[test]
    fn a_narrowed_column_keeps_the_end_of_its_cells() {
        let mut table = Table::new(vec![
            Column::whole("code").keep(9),
            Column::whole("progress").narrows_to(6, 1).keep(8).right(),
        ]);
        table.push(vec![Cell::new("1"), Cell::new("███▋░░░░  45.0%")]);
        assert_eq!(
            render(&table, Some(17)).lines().nth(2),
            Some(" 1         45.0%")
        );
        assert_eq!(render(&table, Some(16)).lines().nth(2), Some(" 1"));
    }
}
