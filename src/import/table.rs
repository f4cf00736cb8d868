//! Tables made into subtrees, whatever file they came from: level columns
//! (一级任务 / 二级任务 / 三级任务, a blank cell meaning "same as above",
//! several tasks in one cell), a WBS-code column, an outline-level column,
//! or a plain list of titles; field columns fill the fields of each row's
//! task.

use super::columns::{self, Field, Role};
use super::outline::{Outline, Place};
use super::report::{Report, quote};
use super::titles;
use super::values::Cell;
use crate::i18n::import::{ColumnUse, Part, ReadFailure, Said, TableName, Unused};

mod fields;
mod shapes;
#[cfg(test)]
mod tests;

/// A table as read: its header and its rows, each with its place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Read `标题：说明` in a level cell as a title with notes (markdown).
    pub split_notes: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub place: Place,
    pub cells: Vec<Cell>,
}

/// How a table's rows make a tree.
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    /// The level columns, shallowest first.
    Levels(Vec<usize>),
    Code {
        code: usize,
        title: usize,
    },
    OutlineLevel {
        level: usize,
        title: usize,
    },
    Flat {
        title: usize,
    },
}

/// What each column of a table is used for.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    tree: Tree,
    fields: Vec<(usize, Field)>,
    /// Columns read for nothing, with why.
    unused: Vec<(usize, Unused)>,
}

/// Whether a header row gives a table a tree: a level, code, outline-level
/// or title column.
pub fn is_header(cells: &[String]) -> bool {
    cells.iter().any(|cell| {
        matches!(
            columns::classify(cell),
            Some(Role::Level(_) | Role::Code | Role::Title)
        )
    })
}

/// Reads the header. An `Err` says why the table gives no tree.
pub fn map_columns(header: &[String]) -> Result<Mapping, ReadFailure> {
    let roles: Vec<Option<Role>> = header.iter().map(|h| columns::classify(h)).collect();
    let mut unused = Vec::new();
    let mut seen: Vec<Role> = Vec::new();
    let mut levels: Vec<(u32, usize)> = Vec::new();
    let (mut code, mut outline_level, mut title) = (None, None, None);
    let mut fields: Vec<(usize, Field)> = Vec::new();
    for (column, role) in roles.iter().enumerate() {
        let Some(role) = *role else {
            if !header[column].trim().is_empty() {
                unused.push((column, Unused::NoSuchField));
            }
            continue;
        };
        let same = |r: &Role| match (r, &role) {
            (Role::Field(a), Role::Field(b)) => a.name() == b.name(),
            _ => *r == role,
        };
        if role == Role::Derived {
            unused.push((column, Unused::Derived));
            continue;
        }
        if role == Role::Dependencies {
            unused.push((column, Unused::Dependencies));
            continue;
        }
        if seen.iter().any(same) {
            unused.push((column, Unused::SameBefore));
            continue;
        }
        seen.push(role);
        match role {
            Role::Level(n) => levels.push((n, column)),
            Role::Code => code = Some(column),
            Role::OutlineLevel => outline_level = Some(column),
            Role::Title => title = Some(column),
            Role::Field(field) => fields.push((column, field)),
            Role::Derived | Role::Dependencies => {}
        }
    }
    levels.sort_unstable();
    let tree = if !levels.is_empty() {
        for (column, why) in [
            (code, Unused::LevelsGiveTree),
            (outline_level, Unused::LevelsGiveTree),
            (title, Unused::LevelsHoldTitles),
        ] {
            if let Some(column) = column {
                unused.push((column, why));
            }
        }
        Tree::Levels(levels.into_iter().map(|(_, c)| c).collect())
    } else if let Some(title) = title {
        match (code, outline_level) {
            (Some(code), level) => {
                if let Some(level) = level {
                    unused.push((level, Unused::CodeGivesTree));
                }
                Tree::Code { code, title }
            }
            (None, Some(level)) => Tree::OutlineLevel { level, title },
            (None, None) => Tree::Flat { title },
        }
    } else {
        let found: Vec<String> = header
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| quote(h))
            .collect();
        return Err(ReadFailure::NoTree { found });
    };
    unused.sort_by_key(|&(column, _)| column);
    Ok(Mapping {
        tree,
        fields,
        unused,
    })
}

/// Adds the table's rows under `under` (the top level for `None`), and
/// says in `report` what was read (`what` names the table: "table at
/// line 16 under 研发组").
pub fn build(
    table: &Table,
    mapping: &Mapping,
    outline: &mut Outline,
    under: Option<usize>,
    report: &mut Report,
    what: TableName,
) {
    let mut builder = Builder {
        table,
        mapping,
        outline,
        under,
        report,
        made: vec![0; table.header.len()],
        fractions: fractions_column(table, mapping),
        same_as_row_above: 0,
    };
    match &mapping.tree {
        Tree::Levels(columns) => builder.levels(columns),
        Tree::Code { code, title } => builder.codes(*code, *title),
        Tree::OutlineLevel { level, title } => builder.outline_levels(*level, *title),
        Tree::Flat { title } => builder.flat(*title),
    }
    let made = builder.made;
    let same = builder.same_as_row_above;
    if same > 0 {
        report.note(
            None,
            Said::SameTasksAsRowAbove {
                table: what.clone(),
                rows: same,
            },
        );
    }
    let header = |column: usize| quote(&table.header[column]);
    let tasks = |column: usize| ColumnUse::Tasks {
        header: header(column),
        tasks: made[column],
    };
    let mut columns: Vec<ColumnUse> = Vec::new();
    match &mapping.tree {
        Tree::Levels(levels) => columns.extend(levels.iter().map(|&column| tasks(column))),
        Tree::Code { code: tree, title } | Tree::OutlineLevel { level: tree, title } => {
            columns.push(ColumnUse::Tree {
                header: header(*tree),
            });
            columns.push(tasks(*title));
        }
        Tree::Flat { title } => columns.push(ColumnUse::FlatTasks {
            header: header(*title),
            tasks: made[*title],
        }),
    }
    for &(column, field) in &mapping.fields {
        columns.push(ColumnUse::Field {
            header: header(column),
            field: field.name(),
        });
    }
    for &(column, why) in &mapping.unused {
        report.skip(
            None,
            Said::ColumnUnused {
                table: what.clone(),
                header: header(column),
                why,
            },
        );
    }
    report.parts.push(Part::Table {
        table: what,
        rows: table.rows.len(),
        columns,
    });
}

/// Whether the progress column holds fractions (a sheet column formatted
/// as percentages: 0.4 shows as 40%): every number in it is from 0 to 1
/// and one has a fraction.
fn fractions_column(table: &Table, mapping: &Mapping) -> bool {
    let Some(&(column, _)) = mapping.fields.iter().find(|(_, f)| *f == Field::Progress) else {
        return false;
    };
    let numbers: Vec<f64> = table
        .rows
        .iter()
        .filter_map(|row| match row.cells.get(column) {
            Some(Cell::Number(n)) => Some(*n),
            _ => None,
        })
        .collect();
    !numbers.is_empty()
        && numbers.iter().all(|n| (0.0..=1.0).contains(n))
        && numbers.iter().any(|n| n.fract() != 0.0)
}

struct Builder<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    outline: &'a mut Outline,
    under: Option<usize>,
    report: &'a mut Report,
    /// Tasks made from each column.
    made: Vec<usize>,
    fractions: bool,
    same_as_row_above: usize,
}

impl Builder<'_> {
    fn cell(row: &Row, column: usize) -> &Cell {
        row.cells.get(column).unwrap_or(&Cell::Empty)
    }

    fn header(&self, column: usize) -> String {
        quote(&self.table.header[column])
    }

    fn title_of(&self, item: &str) -> String {
        match self.table.split_notes {
            true => titles::split_title_notes(item).0,
            false => item.to_owned(),
        }
    }

    /// A new task from one item of a cell.
    fn add(&mut self, parent: Option<usize>, item: &str, place: Place) -> usize {
        let (title, notes) = match self.table.split_notes {
            true => titles::split_title_notes(item),
            false => (item.to_owned(), None),
        };
        let node = self.outline.add(parent, title, place);
        if let Some(notes) = notes {
            self.outline.nodes[node].fields.add_notes(&notes);
        }
        node
    }
}
