//! `wbs list`: one row per node a query selects.

use std::cmp::Ordering;
use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use super::Context;
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::NodeId;
use crate::row::NodeRow;
use crate::table::{Cell, Fit, Table, Tone};

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

    /// The header scripts read: the column's name, except effort, which CSV
    /// and JSON give in hours.
    fn data_header(self) -> &'static str {
        match self {
            Column::Effort => "effort_hours",
            other => other.name(),
        }
    }

    /// The cell for people: progress with `%`, effort in h/d/w.
    fn display(self, row: &NodeRow<'_>) -> String {
        match self {
            Column::Progress => format!("{:.1}%", row.progress),
            Column::Effort => row
                .effort_hours
                .map(crate::plan::fields::format_hours)
                .unwrap_or_default(),
            other => other.data(row),
        }
    }

    /// The cell for scripts: plain numbers, dates as YYYY-MM-DD, lists
    /// joined by commas.
    fn data(self, row: &NodeRow<'_>) -> String {
        match self {
            Column::Code => row.code.clone(),
            Column::Id => row.id.unwrap_or_default().to_owned(),
            Column::Title => row.title.to_owned(),
            Column::Owner => row.owner.unwrap_or_default().to_owned(),
            Column::Status => row.status.as_str().to_owned(),
            Column::Progress => format!("{}", row.progress),
            Column::Start => row.start.clone().unwrap_or_default(),
            Column::Due => row.due.clone().unwrap_or_default(),
            Column::Effort => row.effort_hours.map(|h| h.to_string()).unwrap_or_default(),
            Column::Level => row.level.to_string(),
            Column::Tags => row.tags.join(","),
            Column::After => row.after.join(","),
            Column::File => row.file.to_owned(),
            Column::Line => row.line.to_string(),
            Column::Notes => row.notes.unwrap_or_default().to_owned(),
        }
    }

    fn compare(self, a: &(NodeId, NodeRow<'_>), b: &(NodeId, NodeRow<'_>)) -> Ordering {
        let (ra, rb) = (&a.1, &b.1);
        // Missing values sort last whichever way the rest sorts.
        fn option<T: Ord>(x: &Option<T>, y: &Option<T>) -> Ordering {
            match (x, y) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        match self {
            // WBS codes compare as positions, which document order already is.
            Column::Code => a.0.cmp(&b.0),
            Column::Progress => ra.progress.total_cmp(&rb.progress),
            Column::Effort => ra
                .effort_hours
                .unwrap_or(0.0)
                .total_cmp(&rb.effort_hours.unwrap_or(0.0)),
            Column::Level => ra.level.cmp(&rb.level),
            Column::Line => (ra.file, ra.line).cmp(&(rb.file, rb.line)),
            Column::Start => option(&ra.start, &rb.start),
            Column::Due => option(&ra.due, &rb.due),
            Column::Id => option(&ra.id, &rb.id),
            Column::Owner => option(&ra.owner, &rb.owner),
            Column::Status => (ra.status as u8).cmp(&(rb.status as u8)),
            other => other.data(ra).cmp(&other.data(rb)),
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
                let help = crate::diagnostic::did_you_mean(name, names.iter().copied())
                    .map_or_else(
                        || format!("sort keys are: {}", names.join(", ")),
                        |c| format!("did you mean `{c}`?"),
                    );
                anyhow::anyhow!(
                    "unknown sort key `{}`\nhelp: {help}",
                    crate::safe::excerpt(name)
                )
            })?;
            Ok((column, descending))
        })
        .collect()
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let keys = sort_keys(&args.sort)?;
    let project = match super::open_valid(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = super::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let mut rows: Vec<(NodeId, NodeRow<'_>)> = plan
        .ids()
        .filter(|&id| query.matches(plan, &project.derived, id))
        .map(|id| (id, NodeRow::new(&project, id)))
        .collect();
    if !keys.is_empty() {
        rows.sort_by(|a, b| {
            keys.iter()
                .map(|&(column, descending)| {
                    let order = column.compare(a, b);
                    if descending { order.reverse() } else { order }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    if rows.is_empty() && !ctx.global.quiet {
        eprintln!("no node matches the query");
    }
    let rows: Vec<NodeRow<'_>> = rows.into_iter().map(|(_, row)| row).collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Table => table(ctx, args, &rows, &mut out)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => delimited(&args.columns, &rows, b',', &mut out)?,
        Format::Tsv => delimited(&args.columns, &rows, b'\t', &mut out)?,
        Format::Markdown => markdown(&args.columns, &rows, &mut out)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn table(ctx: &Context, args: &Args, rows: &[NodeRow<'_>], out: &mut impl Write) -> Result<()> {
    let fits = args
        .columns
        .iter()
        .map(|column| match column {
            Column::Title | Column::Notes => Fit::Flexible,
            Column::Id | Column::Owner | Column::Tags | Column::After | Column::File => {
                Fit::AtMost(24)
            }
            _ => Fit::Whole,
        })
        .collect();
    let mut table =
        Table::new(args.columns.iter().map(|c| c.name().to_owned()).collect()).fits(fits);
    for row in rows {
        let cells = args
            .columns
            .iter()
            .map(|&column| {
                let tone = match column {
                    Column::Status => Tone::Status(row.status),
                    Column::Due if row.overdue => Tone::Alert,
                    Column::Code | Column::Line | Column::Level => Tone::Dim,
                    _ => Tone::Plain,
                };
                let right = matches!(
                    column,
                    Column::Progress | Column::Effort | Column::Level | Column::Line
                );
                Cell::new(column.display(row))
                    .tone(tone)
                    .right_aligned(right)
            })
            .collect();
        table.push(cells);
    }
    let width = args.width.or_else(|| ctx.terminal_width());
    table.write(out, width, ctx.color(Stream::Stdout))?;
    Ok(())
}

/// CSV (RFC 4180) or TSV with a header row; cells are neutralized so no
/// spreadsheet runs them as formulas.
fn delimited(
    columns: &[Column],
    rows: &[NodeRow<'_>],
    delimiter: u8,
    out: &mut impl Write,
) -> Result<()> {
    let header: Vec<&str> = columns.iter().map(|c| c.data_header()).collect();
    write_record(out, header.iter().map(|h| h.to_string()), delimiter)?;
    for row in rows {
        let cells = columns
            .iter()
            .map(|c| crate::safe::spreadsheet_cell(&c.data(row)).into_owned());
        write_record(out, cells, delimiter)?;
    }
    Ok(())
}

/// One record: a cell holding the delimiter, a quote or a line break is
/// quoted, with quotes doubled (RFC 4180). Cells were escaped already, so
/// only the delimiter and quotes can occur.
pub fn write_record(
    out: &mut impl Write,
    cells: impl Iterator<Item = String>,
    delimiter: u8,
) -> std::io::Result<()> {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.write_all(&[delimiter])?;
        }
        if cell
            .bytes()
            .any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r')
        {
            write!(out, "\"{}\"", cell.replace('"', "\"\""))?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

fn markdown(columns: &[Column], rows: &[NodeRow<'_>], out: &mut impl Write) -> Result<()> {
    let header: Vec<&str> = columns.iter().map(|c| c.name()).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            Column::Progress | Column::Effort | Column::Level | Column::Line => "---:",
            _ => "---",
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| crate::safe::markdown_text(&c.display(row)))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
