//! The four ways a table's rows make a tree: level columns, a WBS-code
//! column, an outline-level column, or a flat list of titles.

use super::super::report::quote;
use super::super::titles;
use super::{Builder, Row};
use crate::i18n::import::Said;
use crate::import::outline::Fields;
use crate::import::values::Cell;

impl Builder<'_> {
    /// Level columns: each row walks down the levels, a blank cell (or the
    /// title of the task above at that level) staying on the task above,
    /// a new title starting a new task there.
    pub(super) fn levels(&mut self, columns: &[usize]) {
        // The task at each level that the row above ended on.
        let mut path: Vec<Option<usize>> = vec![None; columns.len()];
        let table = self.table;
        for row in &table.rows {
            let Some(last) = columns
                .iter()
                .rposition(|&c| !Self::cell(row, c).is_empty())
            else {
                if row.cells.iter().any(|c| !c.is_empty()) {
                    self.report.skip(row.place, Said::NoTaskInLevels);
                }
                continue;
            };
            let fields = self.read_fields(row);
            let mut parent = self.under;
            let mut deepest: Vec<usize> = Vec::new();
            for (depth, &column) in columns.iter().enumerate().take(last + 1) {
                let items = titles::split_items(&Self::cell(row, column).text());
                if items.is_empty() {
                    match path[depth] {
                        Some(node) => parent = Some(node),
                        None => self.report.note(
                            row.place,
                            Said::BlankLevel {
                                header: self.header(column),
                            },
                        ),
                    }
                    continue;
                }
                if let ([item], Some(node)) = (items.as_slice(), path[depth])
                    && self.title_of(item) == self.outline.nodes[node].title
                {
                    // The title of the task above repeated: the same task.
                    parent = Some(node);
                    if depth == last {
                        deepest.push(node);
                        self.same_as_row_above += 1;
                    }
                    continue;
                }
                if items.len() > 1 && depth < last {
                    self.report.note(
                        row.place,
                        Said::SeveralTasksInCell {
                            header: self.header(column),
                            tasks: items.len(),
                            last: quote(items.last().map_or("", String::as_str)),
                        },
                    );
                }
                let mut made = Vec::with_capacity(items.len());
                for item in &items {
                    made.push(self.add(parent, item, row.place));
                }
                self.made[column] += made.len();
                parent = made.last().copied();
                path[depth] = parent;
                for deeper in &mut path[depth + 1..] {
                    *deeper = None;
                }
                if depth == last {
                    deepest = made;
                }
            }
            if deepest.len() > 1 && fields != Fields::default() {
                self.report.note(
                    row.place,
                    Said::FieldsToEach {
                        tasks: deepest.len(),
                    },
                );
            }
            for node in deepest {
                self.give_fields(node, &fields, row.place);
            }
        }
    }

    /// A WBS-code column: a row goes under the row whose code is its own
    /// without the last part (`2.1.3` under `2.1`).
    pub(super) fn codes(&mut self, code_column: usize, title_column: usize) {
        let mut by_code: std::collections::HashMap<String, usize> = Default::default();
        let mut numbers = 0;
        let mut first_number = None;
        let table = self.table;
        for row in &table.rows {
            let Some(title) = self.row_title(row, title_column) else {
                continue;
            };
            let cell = Self::cell(row, code_column);
            if let Cell::Number(n) = cell
                && n.fract() != 0.0
            {
                numbers += 1;
                first_number.get_or_insert(row.place);
            }
            let code = cell.text();
            let code = code.trim_end_matches('.');
            let parts: Vec<&str> = code.split('.').map(str::trim).collect();
            let parent = if code.is_empty() || parts.iter().any(|p| p.is_empty()) {
                self.report
                    .note(row.place, Said::NotACode { code: quote(code) });
                self.under
            } else {
                let mut parent = self.under;
                for end in (1..parts.len()).rev() {
                    if let Some(&node) = by_code.get(&parts[..end].join(".")) {
                        parent = Some(node);
                        if end + 1 != parts.len() {
                            self.report.note(
                                row.place,
                                Said::ParentCodeMissingUnder {
                                    parent: parts[..parts.len() - 1].join("."),
                                    code: code.to_string(),
                                    under: parts[..end].join("."),
                                },
                            );
                        }
                        break;
                    }
                    if end == 1 {
                        self.report.note(
                            row.place,
                            Said::ParentCodeMissingTop {
                                parent: parts[..parts.len() - 1].join("."),
                                code: code.to_string(),
                            },
                        );
                    }
                }
                parent
            };
            let fields = self.read_fields(row);
            let node = self.add(parent, &title, row.place);
            self.made[title_column] += 1;
            self.give_fields(node, &fields, row.place);
            if !code.is_empty() && by_code.insert(parts.join("."), node).is_some() {
                self.report.note(
                    row.place,
                    Said::CodeTwice {
                        code: code.to_string(),
                    },
                );
            }
        }
        if let Some(place) = first_number {
            self.report.note(
                place,
                Said::CodesAsNumbers {
                    header: self.header(code_column),
                    rows: numbers,
                },
            );
        }
    }

    /// An outline-level column: a row goes under the nearest row above it
    /// with a smaller level.
    pub(super) fn outline_levels(&mut self, level_column: usize, title_column: usize) {
        let mut stack: Vec<(u32, usize)> = Vec::new();
        let table = self.table;
        for row in &table.rows {
            let Some(title) = self.row_title(row, title_column) else {
                continue;
            };
            let text = Self::cell(row, level_column).text();
            let level = match text.parse::<f64>() {
                Ok(n) if n >= 0.0 && n.fract() == 0.0 && n < 1000.0 => n as u32,
                _ => {
                    self.report.skip(
                        row.place,
                        Said::NotALevel {
                            header: self.header(level_column),
                            text: quote(&text),
                        },
                    );
                    continue;
                }
            };
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            if let Some(&(above, _)) = stack.last()
                && above + 1 < level
            {
                self.report
                    .note(row.place, Said::LevelJump { level, above });
            }
            let parent = stack.last().map(|&(_, node)| node).or(self.under);
            let fields = self.read_fields(row);
            let node = self.add(parent, &title, row.place);
            self.made[title_column] += 1;
            self.give_fields(node, &fields, row.place);
            stack.push((level, node));
        }
    }

    pub(super) fn flat(&mut self, title_column: usize) {
        let table = self.table;
        for row in &table.rows {
            let Some(title) = self.row_title(row, title_column) else {
                continue;
            };
            let fields = self.read_fields(row);
            let node = self.add(self.under, &title, row.place);
            self.made[title_column] += 1;
            self.give_fields(node, &fields, row.place);
        }
    }

    /// The row's title, one line; a row without one is reported (unless it
    /// is blank) and left out.
    fn row_title(&mut self, row: &Row, column: usize) -> Option<String> {
        let title = titles::clean(&Self::cell(row, column).text());
        if title.is_empty() {
            if row.cells.iter().any(|c| !c.is_empty()) {
                self.report.skip(
                    row.place,
                    Said::BlankTitle {
                        header: self.header(column),
                    },
                );
            }
            return None;
        }
        Some(title)
    }
}
