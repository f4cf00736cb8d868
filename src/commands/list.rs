//! `wbs list`: one row per node a query selects.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::i18n::views::{Header, View, Word};
use crate::output::Stream;
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::row::NodeRow;
use crate::table::{self, Cell, Table, Tone};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select nodes, all of which must hold (see the README's query language)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Columns to show, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = Column::DEFAULT)]
    pub columns: Vec<Column>,

    /// Sort by these columns, comma-separated; `-name` sorts descending
    #[arg(
        long,
        value_name = "KEYS",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub sort: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Fit the table to this many columns (default: the terminal's width, else COLUMNS)
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for people
    Table,
    /// A JSON array of nodes (every field, whatever --columns says)
    Json,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// A GitHub-flavoured markdown table
    Markdown,
}

impl Format {
    /// Writes the selected nodes in this format: the one place a format
    /// picks its renderer.
    fn write(
        self,
        ctx: &Context,
        args: &Args,
        project: &Project,
        ids: &[NodeId],
        out: &mut impl Write,
    ) -> Result<()> {
        match self {
            Format::Table => table(ctx, args, project, ids, out)?,
            Format::Json => {
                let rows = ids.iter().map(|&id| NodeRow::new(project, id));
                crate::safe::write_json_seq(&mut *out, rows)?;
                writeln!(out)?;
            }
            Format::Csv => {
                delimited(&args.columns, project, ids, b',', out)?;
            }
            Format::Tsv => {
                let quoted = delimited(&args.columns, project, ids, b'\t', out)?;
                if quoted > 0 {
                    out.flush()?;
                    eprintln!("{}", tsv_note(quoted, ctx.lang()));
                }
            }
            Format::Markdown => markdown(&args.columns, project, ids, ctx.lang(), out)?,
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Column {
    Code,
    Id,
    Title,
    Owner,
    Status,
    Progress,
    Start,
    Due,
    Effort,
    Level,
    Tags,
    After,
    File,
    Line,
    Notes,
}

impl Column {
    const DEFAULT: [Column; 7] = [
        Column::Code,
        Column::Id,
        Column::Title,
        Column::Owner,
        Column::Status,
        Column::Progress,
        Column::Due,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Id => "id",
            Column::Title => "title",
            Column::Owner => "owner",
            Column::Status => "status",
            Column::Progress => "progress",
            Column::Start => "start",
            Column::Due => "due",
            Column::Effort => "effort",
            Column::Level => "level",
            Column::Tags => "tags",
            Column::After => "after",
            Column::File => "file",
            Column::Line => "line",
            Column::Notes => "notes",
        }
    }

    /// The column's header for people.
    fn header(self) -> Header {
        match self {
            Column::Code => Header::Code,
            Column::Id => Header::Id,
            Column::Title => Header::Title,
            Column::Owner => Header::Owner,
            Column::Status => Header::Status,
            Column::Progress => Header::Progress,
            Column::Start => Header::Start,
            Column::Due => Header::Due,
            Column::Effort => Header::Effort,
            Column::Level => Header::Level,
            Column::Tags => Header::Tags,
            Column::After => Header::After,
            Column::File => Header::File,
            Column::Line => Header::Line,
            Column::Notes => Header::Notes,
        }
    }

    /// The column in a table for people. Free text gives way to the width
    /// first; then columns are left out in the order of `keep`, lowest
    /// first: notes, line, file, level, after, tags, effort, start, owner,
    /// due, status, progress, id, title, and the code last (one comes back
    /// when leaving out a wider one made room for it).
    fn table_column(self, lang: Lang) -> table::Column {
        let header = lang.phrase(self.header());
        let column = match self {
            Column::Title => table::Column::give_way(header, 12).weight(2),
            Column::Owner => table::Column::give_way(header, 8),
            Column::Notes | Column::Tags | Column::After | Column::File => {
                table::Column::give_way(header, 6)
            }
            _ => table::Column::whole(header),
        };
        let keep = match self {
            Column::Notes => 1,
            Column::Line => 2,
            Column::File => 3,
            Column::Level => 4,
            Column::After => 5,
            Column::Tags => 6,
            Column::Effort => 7,
            Column::Start => 8,
            Column::Owner => 9,
            Column::Due => 10,
            Column::Status => 11,
            Column::Progress => 12,
            Column::Id => 13,
            Column::Title => 14,
            Column::Code => 15,
        };
        let column = column.keep(keep);
        match self {
            Column::Progress | Column::Effort | Column::Level | Column::Line => column.right(),
            _ => column,
        }
    }

    /// The header scripts read: the column's name, except effort, which CSV
    /// and JSON give in hours.
    fn data_header(self) -> &'static str {
        match self {
            Column::Effort => "effort_hours",
            other => other.name(),
        }
    }

    /// The cell for people: progress with `%`, effort in h/d/w, the
    /// status by its name.
    fn display<'p>(self, project: &'p Project, id: NodeId, lang: Lang) -> Cow<'p, str> {
        let d = project.derived.node(id);
        match self {
            Column::Status => Cow::Borrowed(lang.phrase(d.status)),
            Column::Progress => Cow::Owned(format!("{:.1}%", round1(d.progress))),
            Column::Effort => Cow::Owned(crate::plan::fields::format_hours(d.effort_hours)),
            other => other.data(project, id),
        }
    }

    /// The cell for scripts: plain numbers, dates as YYYY-MM-DD, lists
    /// joined by commas. Borrowed where the plan holds the text.
    fn data<'p>(self, project: &'p Project, id: NodeId) -> Cow<'p, str> {
        let plan = &project.loaded.plan;
        let node = plan.node(id);
        let d = project.derived.node(id);
        let date = |date: Option<chrono::NaiveDate>| {
            date.map_or(Cow::Borrowed(""), |d| Cow::Owned(d.to_string()))
        };
        match self {
            Column::Code => Cow::Owned(plan.code(id)),
            Column::Id => Cow::Borrowed(plan.id_of(id).unwrap_or_default()),
            Column::Title => Cow::Borrowed(plan.title(id)),
            Column::Owner => Cow::Borrowed(project.derived.owner(plan, id).unwrap_or_default()),
            Column::Status => Cow::Borrowed(d.status.as_str()),
            Column::Progress => Cow::Owned(round1(d.progress).to_string()),
            Column::Start => date(d.start),
            Column::Due => date(d.due),
            Column::Effort => Cow::Owned(d.effort_hours.to_string()),
            Column::Level => Cow::Owned(node.level.to_string()),
            Column::Tags => Cow::Owned(plan.list(node.tags).collect::<Vec<_>>().join(",")),
            Column::After => Cow::Owned(plan.list(node.after).collect::<Vec<_>>().join(",")),
            Column::File => Cow::Borrowed(plan.files[node.file as usize].path.as_str()),
            Column::Line => Cow::Owned(project.loaded.node_line(id).to_string()),
            Column::Notes => Cow::Borrowed(plan.notes(id).unwrap_or_default()),
        }
    }

    /// The cell for a sheet (CSV, TSV): as for scripts, with a list of
    /// tags written so that any tag reads back ([`crate::sheet::list`]).
    fn sheet<'p>(self, project: &'p Project, id: NodeId) -> Cow<'p, str> {
        let plan = &project.loaded.plan;
        match self {
            Column::Tags => {
                let tags: Vec<&str> = plan.list(plan.node(id).tags).collect();
                Cow::Owned(crate::sheet::list(&tags))
            }
            other => other.data(project, id),
        }
    }

    /// Whether the node has no value in this column (no id, owner or date).
    fn is_missing(self, project: &Project, id: NodeId) -> bool {
        let plan = &project.loaded.plan;
        let d = project.derived.node(id);
        match self {
            Column::Id => plan.id_of(id).is_none(),
            Column::Owner => project.derived.owner(plan, id).is_none(),
            Column::Start => d.start.is_none(),
            Column::Due => d.due.is_none(),
            _ => false,
        }
    }

    /// Orders two nodes by this column.
    fn compare(self, project: &Project, a: NodeId, b: NodeId) -> Ordering {
        fn option<T: Ord>(x: Option<T>, y: Option<T>) -> Ordering {
            match (x, y) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        let plan = &project.loaded.plan;
        let (da, db) = (project.derived.node(a), project.derived.node(b));
        match self {
            // WBS codes compare as positions, which document order already is.
            Column::Code => a.cmp(&b),
            Column::Progress => da.progress.total_cmp(&db.progress),
            Column::Effort => da.effort_hours.total_cmp(&db.effort_hours),
            Column::Level => plan.node(a).level.cmp(&plan.node(b).level),
            Column::Line | Column::File => (plan.node(a).file, a).cmp(&(plan.node(b).file, b)),
            Column::Start => option(da.start, db.start),
            Column::Due => option(da.due, db.due),
            Column::Id => option(plan.id_of(a), plan.id_of(b)),
            Column::Owner => option(
                project.derived.owner(plan, a),
                project.derived.owner(plan, b),
            ),
            Column::Status => (da.status as u8).cmp(&(db.status as u8)),
            other => other.data(project, a).cmp(&other.data(project, b)),
        }
    }
}

/// A sort key as given: a column, and whether it sorts descending.
fn sort_keys(words: &[String]) -> Result<Vec<(Column, bool)>> {
    words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|word| {
            let (descending, name) = match word.strip_prefix('-') {
                Some(name) => (true, name),
                None => (false, word.as_str()),
            };
            let column = Column::from_str(name, false).map_err(|_| {
                let names: Vec<&str> = Column::value_variants().iter().map(|c| c.name()).collect();
                crate::i18n::io::InputFailure::UnknownSortKey {
                    key: crate::safe::excerpt(name).into_owned(),
                    near: crate::diagnostic::did_you_mean(name, names.iter().copied())
                        .map(str::to_owned),
                    keys: names.iter().map(|&n| n.to_owned()).collect(),
                }
            })?;
            Ok((column, descending))
        })
        .collect()
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let keys = sort_keys(&args.sort)?;
    let project = match context::open_valid(ctx, context::Load::default())? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = context::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let mut ids: Vec<NodeId> = plan
        .ids()
        .filter(|&id| query.matches(plan, &project.derived, id))
        .collect();
    if !keys.is_empty() {
        ids.sort_by(|&a, &b| {
            keys.iter()
                .map(|&(column, descending)| {
                    // Missing values sort last whichever way the rest sorts.
                    let missing = |id| column.is_missing(&project, id);
                    match (missing(a), missing(b)) {
                        (false, true) => Ordering::Less,
                        (true, false) => Ordering::Greater,
                        _ if descending => column.compare(&project, a, b).reverse(),
                        _ => column.compare(&project, a, b),
                    }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    if ids.is_empty() && !ctx.global.quiet {
        eprintln!(
            "{}",
            ctx.lang().phrase(if project.loaded.plan.nodes.is_empty() {
                Word::PlanHasNoTasks
            } else {
                Word::NoNodeMatches
            })
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    args.format.write(ctx, args, &project, &ids, &mut out)?;
    out.flush()?;
    Ok(Exit::Success)
}

fn table(
    ctx: &Context,
    args: &Args,
    project: &Project,
    ids: &[NodeId],
    out: &mut impl Write,
) -> Result<()> {
    let lang = ctx.lang();
    let mut table = Table::new(args.columns.iter().map(|c| c.table_column(lang)).collect());
    for &id in ids {
        let d = project.derived.node(id);
        let cells = args
            .columns
            .iter()
            .map(|&column| {
                let tone = match column {
                    Column::Status => Tone::Status(d.status),
                    Column::Due if d.overdue => Tone::Alert,
                    Column::Code | Column::Line | Column::Level => Tone::Dim,
                    _ => Tone::Plain,
                };
                Cell::new(column.display(project, id, lang)).tone(tone)
            })
            .collect();
        table.push(cells);
    }
    let width = args.width.or_else(|| ctx.terminal_width());
    table.write(out, width, ctx.color(Stream::Stdout))?;
    Ok(())
}

/// CSV (RFC 4180) or TSV with a header row, carrying the plan's text
/// exactly so that `wbs apply` reads it back; cells are guarded so no
/// spreadsheet runs them as formulas ([`crate::sheet::guard`]). Returns
/// how many rows have a quoted cell.
fn delimited(
    columns: &[Column],
    project: &Project,
    ids: &[NodeId],
    delimiter: u8,
    out: &mut impl Write,
) -> Result<usize> {
    let header = columns.iter().map(|c| c.data_header().to_owned());
    write_record(out, header, delimiter)?;
    let shown = for_terminal();
    let mut quoted = 0;
    for &id in ids {
        let cells = columns
            .iter()
            .map(|c| sheet_cell(&c.sheet(project, id), shown));
        quoted += usize::from(write_record(out, cells, delimiter)?);
    }
    Ok(quoted)
}

/// What a TSV reader needs to know when some cells are quoted: TSV has no
/// quoting of its own, so line-oriented tools see the quotes and split a
/// quoted line break (SPEC §4 asks for RFC 4180 quoting in TSV too).
fn tsv_note(rows: usize, lang: Lang) -> String {
    lang.show(&View::TsvQuoted { rows }).to_string()
}

/// Whether standard output is a terminal, where a sheet is read by a
/// person: its cells then show control characters escaped (SPEC §4), as
/// every other output does; to a file or a pipe they are exact.
pub fn for_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// A value as a sheet's cell: guarded against formulas, and escaped when
/// it is `shown` on a terminal.
pub fn sheet_cell(text: &str, shown: bool) -> String {
    let cell = crate::sheet::guard(text);
    if shown {
        crate::safe::escape_control(&cell).into_owned()
    } else {
        cell.into_owned()
    }
}

/// One record: a cell holding the delimiter, a quote or a line break (CR
/// or LF) is quoted, with quotes doubled (RFC 4180); a cell is never
/// escaped otherwise, so a TSV cell with a tab is quoted as in CSV.
/// Returns whether a cell was quoted.
pub fn write_record(
    out: &mut impl Write,
    cells: impl Iterator<Item = String>,
    delimiter: u8,
) -> std::io::Result<bool> {
    let mut quoted = false;
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.write_all(&[delimiter])?;
        }
        if cell
            .bytes()
            .any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r')
        {
            write!(out, "\"{}\"", cell.replace('"', "\"\""))?;
            quoted = true;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\n")?;
    Ok(quoted)
}

fn markdown(
    columns: &[Column],
    project: &Project,
    ids: &[NodeId],
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let header: Vec<&str> = columns.iter().map(|c| lang.phrase(c.header())).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            Column::Progress | Column::Effort | Column::Level | Column::Line => "---:",
            _ => "---",
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for &id in ids {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| crate::safe::markdown_text(&c.display(project, id, lang)))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
