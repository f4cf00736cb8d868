//! Tables made into subtrees, whatever file they came from: level columns
//! (一级任务 / 二级任务 / 三级任务, a blank cell meaning "same as above",
//! several tasks in one cell), a WBS-code column, an outline-level column,
//! or a plain list of titles; field columns fill the fields of each row's
//! task.

use super::columns::{self, Field, Role};
use super::outline::{Fields, Outline, Place};
use super::report::{Report, count, quote};
use super::titles;
use super::values::{self, Cell};

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
    unused: Vec<(usize, &'static str)>,
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
pub fn map_columns(header: &[String]) -> Result<Mapping, String> {
    let roles: Vec<Option<Role>> = header.iter().map(|h| columns::classify(h)).collect();
    let mut unused = Vec::new();
    let mut seen: Vec<Role> = Vec::new();
    let mut levels: Vec<(u32, usize)> = Vec::new();
    let (mut code, mut outline_level, mut title) = (None, None, None);
    let mut fields: Vec<(usize, Field)> = Vec::new();
    for (column, role) in roles.iter().enumerate() {
        let Some(role) = *role else {
            if !header[column].trim().is_empty() {
                unused.push((column, "no field of that name"));
            }
            continue;
        };
        let same = |r: &Role| match (r, &role) {
            (Role::Field(a), Role::Field(b)) => a.name() == b.name(),
            _ => *r == role,
        };
        if role == Role::Derived {
            unused.push((column, "wbs derives it"));
            continue;
        }
        if role == Role::Dependencies {
            unused.push((
                column,
                "dependencies are not imported; add `after:` to the plan",
            ));
            continue;
        }
        if seen.iter().any(same) {
            unused.push((column, "a column for the same thing comes before it"));
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
            (code, "the level columns give the tree"),
            (outline_level, "the level columns give the tree"),
            (title, "the level columns hold the titles"),
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
                    unused.push((level, "the code column gives the tree"));
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
        return Err(format!(
            "no column says where a task goes in the tree (found {}): name the level columns 一级任务, 二级任务… or Level 1, Level 2…, or have a title column (任务, title) with a WBS code (编号, WBS) or an outline level (层级, level)",
            if found.is_empty() {
                "no column names".to_owned()
            } else {
                found.join(", ")
            }
        ));
    };
    unused.sort_unstable();
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
    what: &str,
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
            format!(
                "{what}: {} the same tasks as the row above; their fields went to those tasks",
                if same == 1 {
                    "1 row names".to_owned()
                } else {
                    format!("{same} rows name")
                }
            ),
        );
    }
    let header = |column: usize| quote(&table.header[column]);
    let mut parts: Vec<String> = Vec::new();
    match &mapping.tree {
        Tree::Levels(columns) => {
            for &column in columns {
                parts.push(format!(
                    "{}: {}",
                    header(column),
                    count(made[column], "task")
                ));
            }
        }
        Tree::Code { code, title } => {
            parts.push(format!("{} → the tree", header(*code)));
            parts.push(format!(
                "{}: {}",
                header(*title),
                count(made[*title], "task")
            ));
        }
        Tree::OutlineLevel { level, title } => {
            parts.push(format!("{} → the tree", header(*level)));
            parts.push(format!(
                "{}: {}",
                header(*title),
                count(made[*title], "task")
            ));
        }
        Tree::Flat { title } => {
            parts.push(format!(
                "{}: {} (no level, code or outline-level column: a flat list)",
                header(*title),
                count(made[*title], "task")
            ));
        }
    }
    for &(column, field) in &mapping.fields {
        parts.push(format!("{} → {}", header(column), field.name()));
    }
    let rows = table.rows.len();
    report.parts.push(format!(
        "{what}: {}; {}",
        count(rows, "row"),
        parts.join(", ")
    ));
    for &(column, why) in &mapping.unused {
        report.skip(None, format!("{what}: column {}: {why}", header(column)));
    }
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

    /// Level columns: each row walks down the levels, a blank cell (or the
    /// title of the task above at that level) staying on the task above,
    /// a new title starting a new task there.
    fn levels(&mut self, columns: &[usize]) {
        // The task at each level that the row above ended on.
        let mut path: Vec<Option<usize>> = vec![None; columns.len()];
        let table = self.table;
        for row in &table.rows {
            let Some(last) = columns
                .iter()
                .rposition(|&c| !Self::cell(row, c).is_empty())
            else {
                if row.cells.iter().any(|c| !c.is_empty()) {
                    self.report.skip(
                        row.place,
                        "no task in the level columns; the row is left out",
                    );
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
                            format!(
                                "{} is blank and no task above it is at that level; what follows goes one level up",
                                self.header(column)
                            ),
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
                        format!(
                            "{} holds {} tasks; the rest of the row goes under the last, {}",
                            self.header(column),
                            items.len(),
                            quote(items.last().map_or("", String::as_str))
                        ),
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
                    format!("the row's fields go to each of its {} tasks", deepest.len()),
                );
            }
            for node in deepest {
                self.give_fields(node, &fields, row.place);
            }
        }
    }

    /// A WBS-code column: a row goes under the row whose code is its own
    /// without the last part (`2.1.3` under `2.1`).
    fn codes(&mut self, code_column: usize, title_column: usize) {
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
                self.report.note(
                    row.place,
                    format!(
                        "{} is not a code such as 2.1.3; the task goes at the top",
                        quote(code)
                    ),
                );
                self.under
            } else {
                let mut parent = self.under;
                for end in (1..parts.len()).rev() {
                    if let Some(&node) = by_code.get(&parts[..end].join(".")) {
                        parent = Some(node);
                        if end + 1 != parts.len() {
                            self.report.note(
                                row.place,
                                format!(
                                    "no row above has the code {}; {code} goes under {}",
                                    parts[..parts.len() - 1].join("."),
                                    parts[..end].join(".")
                                ),
                            );
                        }
                        break;
                    }
                    if end == 1 {
                        self.report.note(
                            row.place,
                            format!(
                                "no row above has the code {}; {code} goes at the top",
                                parts[..parts.len() - 1].join(".")
                            ),
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
                    format!("the code {code} is also on a row above; rows below it with longer codes go under this one"),
                );
            }
        }
        if let Some(place) = first_number {
            self.report.note(
                place,
                format!(
                    "{} is a number in {} (from here): 2.10 reads as 2.1 there; format the code column as text",
                    self.header(code_column),
                    count(numbers, "row")
                ),
            );
        }
    }

    /// An outline-level column: a row goes under the nearest row above it
    /// with a smaller level.
    fn outline_levels(&mut self, level_column: usize, title_column: usize) {
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
                        format!(
                            "{} {} is not a level (1 for the top); the row is left out",
                            self.header(level_column),
                            quote(&text)
                        ),
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
                self.report.note(
                    row.place,
                    format!(
                        "level {level} comes after level {above}; the task goes one level under it"
                    ),
                );
            }
            let parent = stack.last().map(|&(_, node)| node).or(self.under);
            let fields = self.read_fields(row);
            let node = self.add(parent, &title, row.place);
            self.made[title_column] += 1;
            self.give_fields(node, &fields, row.place);
            stack.push((level, node));
        }
    }

    fn flat(&mut self, title_column: usize) {
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
                    format!("{} is blank; the row is left out", self.header(column)),
                );
            }
            return None;
        }
        Some(title)
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

    /// The field cells of a row, each checked; a cell that cannot be read
    /// is reported and left out.
    fn read_fields(&mut self, row: &Row) -> Fields {
        let mut fields = Fields::default();
        let mapping = self.mapping;
        for &(column, field) in &mapping.fields {
            let cell = Self::cell(row, column);
            if cell.is_empty() {
                continue;
            }
            let text = cell.text();
            let one_line = || titles::clean(&text);
            let read: Result<(), String> = (|| {
                match field {
                    Field::Id => {
                        let id = one_line();
                        if !crate::plan::fields::is_valid_id(&id) {
                            return Err("is not an id (letters, digits, -, _ and . only); one is made from the title".to_owned());
                        }
                        fields.id = Some(id);
                    }
                    Field::Owner => {
                        fields.owner = Some(titles::split_items(&text).join(", "));
                    }
                    Field::Status => fields.status = Some(values::status(&one_line())?),
                    Field::Progress => {
                        fields.progress = Some(values::progress(cell, self.fractions)?);
                    }
                    Field::Start => fields.start = Some(values::date(cell)?),
                    Field::Due => fields.due = Some(values::date(cell)?),
                    Field::Effort(unit) => fields.effort = Some(values::effort(cell, unit)?),
                    Field::Tags => fields.tags = values::tags(&text),
                    Field::Notes => fields.add_notes(&text),
                }
                Ok(())
            })();
            if let Err(why) = read {
                self.report.skip(
                    row.place,
                    format!("{} {} {why}", self.header(column), quote(&text)),
                );
            }
        }
        fields
    }

    /// Gives a row's fields to one of its tasks; a field the task already
    /// has from another row keeps its first value.
    fn give_fields(&mut self, node: usize, fields: &Fields, place: Place) {
        let target = &mut self.outline.nodes[node].fields;
        let mut clashes: Vec<&str> = Vec::new();
        macro_rules! give {
            ($field:ident, $name:literal) => {
                if let Some(value) = &fields.$field {
                    match &target.$field {
                        None => target.$field = Some(value.clone()),
                        Some(have) if have == value => {}
                        Some(_) => clashes.push($name),
                    }
                }
            };
        }
        give!(id, "id");
        give!(owner, "owner");
        give!(status, "status");
        give!(progress, "progress");
        give!(start, "start");
        give!(due, "due");
        give!(effort, "effort");
        if !fields.tags.is_empty() {
            for tag in &fields.tags {
                if !target.tags.contains(tag) {
                    target.tags.push(tag.clone());
                }
            }
        }
        if let Some(notes) = &fields.notes {
            target.add_notes(notes);
        }
        if !clashes.is_empty() {
            let title = quote(&self.outline.nodes[node].title);
            self.report.skip(
                place,
                format!(
                    "{} of {title} already came from a row above; the first is kept",
                    clashes.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            header: rows[0].iter().map(|s| (*s).to_owned()).collect(),
            rows: rows[1..]
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    place: Place::Row(i + 2),
                    cells: cells
                        .iter()
                        .map(|s| match *s {
                            "" => Cell::Empty,
                            s => Cell::Text(s.to_owned()),
                        })
                        .collect(),
                })
                .collect(),
            split_notes: false,
        }
    }

    /// The tree as indented titles.
    fn shape(outline: &Outline) -> String {
        outline
            .walk()
            .iter()
            .map(|&(node, level)| {
                format!("{}{}\n", "  ".repeat(level - 1), outline.nodes[node].title)
            })
            .collect()
    }

    fn read(table: &Table) -> (Outline, Report) {
        let mut outline = Outline::default();
        let mut report = Report::default();
        let mapping = map_columns(&table.header).expect("a tree");
        build(table, &mapping, &mut outline, None, &mut report, "table");
        (outline, report)
    }

    #[test]
    fn blank_and_repeated_cells_are_the_task_above() {
        let (outline, report) = read(&table(&[
            &["一级任务", "二级任务", "三级任务"],
            &["A", "A1", "a\nb"],
            &["", "A2", "- c\n- d"],
            &["A", "A2", "e"],
            &["B", "", "f"],
        ]));
        assert_eq!(
            shape(&outline),
            "A\n  A1\n    a\n    b\n  A2\n    c\n    d\n    e\nB\n  f\n"
        );
        assert_eq!(
            report.notes[0].message,
            "`二级任务` is blank and no task above it is at that level; what follows goes one level up"
        );
        assert_eq!(report.notes[0].place, Some(Place::Row(5)));
    }

    #[test]
    fn codes_place_rows_and_stay_text() {
        let (outline, report) = read(&table(&[
            &["WBS", "任务名称", "负责人"],
            &["1", "One", "ana"],
            &["1.1", "One.one", ""],
            &["1.10", "One.ten", ""],
            &["1.10.1", "Deep", "li"],
            &["2", "Two", ""],
            &["2.3.1", "Orphan", ""],
        ]));
        assert_eq!(
            shape(&outline),
            "One\n  One.one\n  One.ten\n    Deep\nTwo\n  Orphan\n"
        );
        assert_eq!(report.notes.len(), 1, "{report:?}");
        assert_eq!(outline.nodes[3].fields.owner.as_deref(), Some("li"));
    }

    #[test]
    fn outline_levels_and_fields() {
        let (outline, report) = read(&table(&[
            &[
                "Level",
                "Name",
                "Status",
                "进度",
                "Due",
                "工作量（人天）",
                "标签",
                "颜色",
            ],
            &["1", "Build", "", "", "", "", "", "red"],
            &[
                "2",
                "Design",
                "已完成",
                "100%",
                "2026/10/1",
                "3",
                "ui、web",
                "",
            ],
            &["2", "Code", "进行中", "40", "2026-11-30", "2w", "", ""],
            &["1", "Ship", "maybe", "", "soon", "", "", ""],
        ]));
        assert_eq!(shape(&outline), "Build\n  Design\n  Code\nShip\n");
        let design = &outline.nodes[1].fields;
        assert_eq!(design.status, Some(crate::plan::Status::Done));
        assert_eq!(design.progress, Some(100.0));
        assert_eq!(design.effort.as_deref(), Some("3d"));
        assert_eq!(design.tags, ["ui", "web"]);
        assert_eq!(design.due, chrono::NaiveDate::from_ymd_opt(2026, 10, 1));
        let skipped: Vec<String> = report
            .skipped
            .iter()
            .map(|f| format!("{:?}: {}", f.place, f.message))
            .collect();
        assert_eq!(
            skipped,
            [
                "Some(Row(5)): `Status` `maybe` is not a status: write todo/待办, in-progress/进行中, blocked/受阻, done/已完成 or cancelled/已取消",
                "Some(Row(5)): `Due` `soon` is not a date: write it as YYYY-MM-DD",
                "None: table: column `颜色`: no field of that name",
            ]
        );
    }

    #[test]
    fn a_header_without_a_tree_is_refused_with_what_it_found() {
        let error = map_columns(&["负责人".to_owned(), "颜色".to_owned()]).unwrap_err();
        assert!(
            error.starts_with(
                "no column says where a task goes in the tree (found `负责人`, `颜色`)"
            ),
            "{error}"
        );
    }
}
