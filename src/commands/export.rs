//! `wbs export`: the whole plan as JSON, CSV, a markdown outline, a
//! Mermaid gantt chart or an Excel workbook.
//!
//! Every format takes every node, in document order; there is no query, so
//! an export is the plan as a whole. JSON and CSV are for scripts and
//! spreadsheets, [`markdown`] and [`mermaid`] for people reading a README,
//! an issue or a pull request on GitHub, [`xlsx`] for managers who live in
//! Excel or WPS.

mod markdown;
pub(crate) mod mermaid;
pub(crate) mod xlsx;

use std::io::{BufWriter, Write};

use anyhow::Result;
use clap::ValueEnum;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::project::Project;
use crate::row::NodeRow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,

    /// Write to this file (replaced whole) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array of every node with its derived fields
    Json,
    /// One CSV row per node
    Csv,
    /// A markdown outline with checkboxes and progress
    Markdown,
    /// A Mermaid gantt chart that GitHub renders
    Mermaid,
    /// An Excel workbook: codes as text, rows that fold like the tree, real dates
    Xlsx,
}

impl Format {
    /// Writes the whole plan in this format: the one place that picks a
    /// renderer.
    /// Markdown and Mermaid are for people, in `lang`; the rest never
    /// change with the language.
    pub fn write(self, project: &Project, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
        match self {
            Format::Json => json(project, out),
            Format::Csv => csv(project, out),
            Format::Markdown => markdown::write(project, lang, out),
            Format::Mermaid => mermaid::write(project, lang, out),
            Format::Xlsx => xlsx::write(project, out),
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    use std::io::IsTerminal;
    let to_stdout = args
        .output
        .as_ref()
        .is_none_or(|path| path.as_os_str() == "-");
    if args.format == Format::Xlsx && to_stdout && std::io::stdout().is_terminal() {
        return Err(crate::i18n::io::InputFailure::BinaryToTerminal.into());
    }
    let project = match context::open_valid(ctx, context::Load::default())? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    if let Some(path) = args.output.as_ref().filter(|_| !to_stdout) {
        let mut bytes = Vec::new();
        args.format.write(&project, ctx.lang(), &mut bytes)?;
        crate::edit::replace(path, &bytes).map_err(|error| {
            crate::i18n::io::WriteFailure::CannotWriteFile {
                path: path.display().to_string(),
                cause: error.into(),
            }
        })?;
        return Ok(Exit::Success);
    }
    // A plan of 100,000 nodes is megabytes of text: buffer it rather than
    // pay a write per line. A closed pipe surfaces here as an io error,
    // which the top level takes as success.
    let mut out = BufWriter::new(std::io::stdout().lock());
    args.format.write(&project, ctx.lang(), &mut out)?;
    out.flush()?;
    Ok(Exit::Success)
}

/// The rows of `wbs list --format json` with no query: one pretty-printed
/// array of SPEC §4.1 nodes.
fn json(project: &Project, out: &mut impl Write) -> std::io::Result<()> {
    let rows = project
        .loaded
        .plan
        .ids()
        .map(|id| NodeRow::new(project, id));
    crate::safe::write_json_seq(&mut *out, rows)?;
    writeln!(out)
}

/// The CSV columns: every SPEC §4.1 field and the notes, named as in JSON.
const CSV_HEADER: [&str; 18] = [
    "code",
    "id",
    "title",
    "owner",
    "status",
    "progress",
    "start",
    "due",
    "effort_hours",
    "level",
    "leaf",
    "overdue",
    "due_soon",
    "tags",
    "after",
    "file",
    "line",
    "notes",
];

/// A flat CSV (RFC 4180) with a header row and one record per node. Values
/// are written as `wbs list --format csv` writes them, exactly, so that
/// `wbs apply` reads the sheet back: tags as [`crate::sheet::list`] writes
/// them, `after` ids joined by commas, and every cell guarded so that no
/// spreadsheet runs it as a formula.
fn csv(project: &Project, out: &mut impl Write) -> std::io::Result<()> {
    use super::list::write_record;

    write_record(out, CSV_HEADER.iter().map(|h| (*h).to_owned()), b',')?;
    let shown = super::list::for_terminal();
    for id in project.loaded.plan.ids() {
        let row = NodeRow::new(project, id);
        let cells: [String; CSV_HEADER.len()] = [
            row.code,
            row.id.unwrap_or_default().to_owned(),
            row.title.to_owned(),
            row.owner.unwrap_or_default().to_owned(),
            row.status.as_str().to_owned(),
            row.progress.to_string(),
            row.start.unwrap_or_default(),
            row.due.unwrap_or_default(),
            row.effort_hours.map(|h| h.to_string()).unwrap_or_default(),
            row.level.to_string(),
            row.leaf.to_string(),
            row.overdue.to_string(),
            row.due_soon.to_string(),
            crate::sheet::list(&row.tags),
            row.after.join(","),
            row.file.to_owned(),
            row.line.to_string(),
            row.notes.unwrap_or_default().to_owned(),
        ];
        let cells = cells
            .into_iter()
            .map(|cell| super::list::sheet_cell(&cell, shown));
        write_record(out, cells, b',')?;
    }
    Ok(())
}
