//! Aligned tables for terminals, measured in display width so Chinese and
//! other wide text lines up; long cells are cut on a character boundary
//! with `…` when the table must fit a width.

use std::io::{self, Write};

use comfy_table::{
    CellAlignment, Color, ColumnConstraint, ContentArrangement, LineStyle, TableStyle, Width,
};

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
}

#[derive(Debug, Clone)]
pub struct Cell {
    text: String,
    tone: Tone,
    right: bool,
}

impl Cell {
    /// A cell of plan text; control characters are escaped here, once for
    /// every table.
    pub fn new(text: impl AsRef<str>) -> Cell {
        Cell {
            text: escape_control(text.as_ref()).into_owned(),
            tone: Tone::Plain,
            right: false,
        }
    }

    pub fn tone(mut self, tone: Tone) -> Cell {
        self.tone = tone;
        self
    }

    pub fn right_aligned(mut self, right: bool) -> Cell {
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

pub struct Table {
    header: Vec<String>,
    fits: Vec<Fit>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Table {
        Table {
            fits: vec![Fit::Flexible; header.len()],
            header,
            rows: Vec::new(),
        }
    }

    /// Sets how each column gives way to a width limit, in column order.
    pub fn fits(mut self, fits: Vec<Fit>) -> Table {
        self.fits = fits;
        self
    }

    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Writes the table; with `width`, cells are cut to fit it.
    pub fn write(&self, out: &mut impl Write, width: Option<u16>, color: bool) -> io::Result<()> {
        let mut table = comfy_table::Table::new();
        // No borders: a rule under the header, columns apart by spaces.
        table.load_style(
            TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')),
        );
        if color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(width);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        let header: Vec<comfy_table::Cell> = self
            .header
            .iter()
            .map(|h| {
                let cell = comfy_table::Cell::new(h);
                if color {
                    cell.add_attribute(comfy_table::Attribute::Bold)
                } else {
                    cell
                }
            })
            .collect();
        let mut header = comfy_table::Row::from(header);
        header.max_height(1);
        table.set_header(header);
        for row in &self.rows {
            let cells: Vec<comfy_table::Cell> =
                row.iter().map(|cell| styled(cell, color)).collect();
            let mut comfy_row = comfy_table::Row::from(cells);
            // One line per node: a cell too long for its column is cut
            // with `…` rather than wrapped.
            comfy_row.max_height(1);
            table.add_row(comfy_row);
        }
        if let Some(width) = width {
            for (index, fitted) in self.fit_widths(width).into_iter().enumerate() {
                if let Some(column) = table.column_mut(index) {
                    // comfy-table's fixed width counts the cell's padding.
                    let padded = fitted.saturating_add(2);
                    column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(padded)));
                }
            }
        }
        for (index, cell) in self.rows.first().into_iter().flatten().enumerate() {
            if cell.right
                && let Some(column) = table.column_mut(index)
            {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        for line in table.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

impl Table {
    /// Column widths that fit `width`: whole columns keep their width,
    /// capped ones shrink to their cap, and the room left is shared out so
    /// narrow columns keep all they need and wide ones split the rest.
    fn fit_widths(&self, width: u16) -> Vec<u16> {
        use unicode_width::UnicodeWidthStr;
        const PADDING: usize = 2;
        let natural: Vec<usize> = (0..self.header.len())
            .map(|i| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|c| c.text.width());
                cells
                    .chain(std::iter::once(self.header[i].width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
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

fn styled(cell: &Cell, color: bool) -> comfy_table::Cell {
    let plain = comfy_table::Cell::new(&cell.text);
    if !color {
        return plain;
    }
    let fg = match cell.tone {
        Tone::Plain => return plain,
        Tone::Dim => Color::DarkGrey,
        Tone::Alert => Color::Red,
        Tone::Status(status) => match status {
            Status::Todo => return plain,
            Status::InProgress => Color::Yellow,
            Status::Blocked => Color::Red,
            Status::Done => Color::Green,
            Status::Cancelled => Color::DarkGrey,
        },
    };
    plain.fg(fg)
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
    fn escapes_reach_no_terminal() {
        let mut table = Table::new(vec!["title".into()]);
        table.push(vec![Cell::new("\u{1b}[31mred")]);
        assert_eq!(render(&table, None).lines().nth(2), Some(" \\e[31mred"));
    }
}
