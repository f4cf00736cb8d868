//! Making a new plan from what teams already have: a markdown breakdown
//! document (`markdown`), a CSV file (`delimited`) or the first sheet
//! of an xlsx workbook ([`xlsx`]), each read into an [`Outline`] by way
//! of `table` for its tables, tidied so that it validates, given ids
//! (`ids`) and written as YAML (`yaml`), with a [`Report`] of what was
//! read and what was left out.
//!
//! Nothing here touches the file system or the process: the command reads
//! the input, checks the YAML with the loader and writes the file.

mod columns;
mod delimited;
mod ids;
mod markdown;
pub mod outline;
pub mod report;
mod table;
mod titles;
pub mod values;
pub mod xlsx;
mod yaml;

use crate::i18n::import::{ReadAs, ReadFailure, Said, TableName};
pub use outline::{Outline, Place};
pub use report::Report;

/// The deepest tree an import writes (SPEC §1.2 lets a plan refuse more).
const MAX_LEVELS: usize = 64;

/// The shapes of input an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A markdown breakdown document (also .txt)
    Markdown,
    /// CSV with a header row
    Csv,
    /// The first sheet of an xlsx workbook
    Xlsx,
}

impl Kind {
    /// The kind of `name`'s content: by its extension, else by its first
    /// bytes (a zip archive is a workbook; text with a markdown heading,
    /// list or table is markdown; other text is CSV).
    pub fn detect(name: &str, bytes: &[u8]) -> Result<Kind, ReadFailure> {
        let lower = name.to_lowercase();
        let extension = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match extension {
            "md" | "markdown" | "mdown" | "txt" => return Ok(Kind::Markdown),
            "csv" | "tsv" => return Ok(Kind::Csv),
            "xlsx" | "xlsm" => return Ok(Kind::Xlsx),
            "yaml" | "yml" => {
                return Err(ReadFailure::Yaml);
            }
            "xls" | "et" | "ods" | "numbers" => {
                return Err(ReadFailure::OtherSpreadsheet {
                    extension: extension.to_owned(),
                });
            }
            _ => {}
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Ok(Kind::Xlsx);
        }
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let markdown = text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with('#')
                || line.starts_with("- ")
                || line.starts_with("* ")
                || line.starts_with('|')
        });
        Ok(if markdown { Kind::Markdown } else { Kind::Csv })
    }
}

/// An input read: the tree to write and what was read.
#[derive(Debug)]
pub struct Imported {
    pub outline: Outline,
    pub report: Report,
}

impl Imported {
    /// The plan's text: `comment` lines (where it came from) first. A
    /// plan needs a title; `fallback_title` (the input's name) serves when
    /// the input has none.
    pub fn to_yaml(&self, fallback_title: &str, comment: &[String]) -> String {
        let title = self.outline.title.as_deref().unwrap_or(fallback_title);
        yaml::render(&self.outline, title, comment)
    }
}

/// What an import must respect beyond its input.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    /// The most a workbook may unpack to, in bytes.
    pub max_unpacked: u64,
    /// Ids the new plan must not use: those of the plans it will be
    /// loaded with.
    pub taken_ids: std::collections::HashSet<String>,
}

/// Reads `bytes` as `kind`. An `Err` says why nothing could be read (in
/// words for the person, without the file's name).
pub fn read(kind: Kind, bytes: &[u8], limits: &Limits) -> Result<Imported, ReadFailure> {
    let max_unpacked = limits.max_unpacked;
    let (mut outline, mut report) = match kind {
        Kind::Markdown => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
                .map_err(|e| {
                    let line = bytes[..e.valid_up_to()]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    ReadFailure::NotUtf8Document { line }
                })?;
            markdown::read(text)
        }
        Kind::Csv => {
            let mut report = Report::default();
            let table = delimited::read(bytes, &mut report)?;
            let mapping = table::map_columns(&table.header)?;
            let mut outline = Outline::default();
            table::build(
                &table,
                &mapping,
                &mut outline,
                None,
                &mut report,
                TableName::File,
            );
            (outline, report)
        }
        Kind::Xlsx => read_sheet(bytes, max_unpacked)?,
    };
    if outline.nodes.is_empty() {
        return Err(ReadFailure::NoTasks);
    }
    let depth = outline.per_level().len();
    if depth > MAX_LEVELS {
        return Err(ReadFailure::TooDeep {
            depth,
            max: MAX_LEVELS,
        });
    }
    tidy(&mut outline, &mut report);
    ids::assign(&mut outline, &mut report, &limits.taken_ids);
    report.sort();
    Ok(Imported { outline, report })
}

fn read_sheet(bytes: &[u8], max_unpacked: u64) -> Result<(Outline, Report), ReadFailure> {
    let sheet = xlsx::first_sheet(bytes, max_unpacked)?;
    let mut report = Report {
        read_as: ReadAs::Sheet {
            name: report::quote(&sheet.name),
            sheets: sheet.sheets,
        },
        ..Report::default()
    };
    let records: Vec<(Place, Vec<String>)> = sheet
        .rows
        .iter()
        .map(|(place, cells)| (*place, cells.iter().map(values::Cell::text).collect()))
        .collect();
    let Some(header) = delimited::header_index(&records) else {
        let first = records
            .iter()
            .find(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .map(|(_, cells)| cells.clone())
            .unwrap_or_default();
        return Err(table::map_columns(&first)
            .err()
            .unwrap_or(ReadFailure::NoHeaderRow));
    };
    for (place, cells) in &records[..header] {
        if cells.iter().any(|c| !c.is_empty()) {
            report.skip(*place, Said::AboveHeader);
        }
    }
    let mut rows = sheet.rows.into_iter().skip(header);
    let header = records[header].1.clone();
    rows.next();
    let table = table::Table {
        header,
        rows: rows
            .map(|(place, cells)| table::Row { place, cells })
            .collect(),
        split_notes: false,
    };
    let mapping = table::map_columns(&table.header)?;
    let mut outline = Outline::default();
    table::build(
        &table,
        &mapping,
        &mut outline,
        None,
        &mut report,
        TableName::Sheet,
    );
    Ok((outline, report))
}

/// Makes the outline a valid plan where the input said something a plan
/// cannot: fields that only tasks without subtasks have are dropped from
/// parents (wbs derives them), a progress other than 100 on a done task
/// and a start after the due date are dropped; an owner equal to the
/// parent's is left to inheritance.
fn tidy(outline: &mut Outline, report: &mut Report) {
    let mut dropped: [(usize, Option<Place>); 3] = [(0, None); 3];
    let (mut inferred, mut first_inferred) = (0, None);
    for node in 0..outline.nodes.len() {
        let place = outline.nodes[node].place;
        let parent = !outline.nodes[node].children.is_empty();
        let fields = &mut outline.nodes[node].fields;
        if parent {
            let status = fields
                .status
                .take_if(|s| *s != crate::plan::Status::Cancelled)
                .is_some();
            for (i, had) in [
                status,
                fields.progress.take().is_some(),
                fields.effort.take().is_some(),
            ]
            .into_iter()
            .enumerate()
            {
                if had {
                    dropped[i].0 += 1;
                    dropped[i].1.get_or_insert(place);
                }
            }
        }
        if fields.status == Some(crate::plan::Status::Done)
            && let Some(progress) = fields.progress.take_if(|p| *p != 100.0)
        {
            report.skip(
                place,
                Said::ProgressOnDone {
                    progress: values::number_text(progress),
                },
            );
        }
        if !parent
            && fields.status.is_none()
            && let Some(progress) = fields.progress.filter(|p| *p > 0.0)
        {
            fields.status = Some(if progress == 100.0 {
                crate::plan::Status::Done
            } else {
                crate::plan::Status::InProgress
            });
            inferred += 1;
            first_inferred.get_or_insert(place);
        }
        if let (Some(start), Some(due)) = (fields.start, fields.due)
            && start > due
        {
            fields.start = None;
            report.skip(
                place,
                Said::StartAfterDue {
                    start: start.to_string(),
                    due: due.to_string(),
                },
            );
        }
    }
    for (field, (tasks, first)) in ["status", "progress", "effort"].into_iter().zip(dropped) {
        if tasks > 0 {
            report.note(
                None,
                Said::ParentFieldLeftOut {
                    field,
                    tasks,
                    first,
                },
            );
        }
    }
    if inferred > 0 {
        report.note(
            None,
            Said::StatusFromProgress {
                tasks: inferred,
                first: first_inferred,
            },
        );
    }
    // Owners: one equal to the parent's effective owner adds nothing.
    for (node, _) in outline.walk() {
        let Some(owner) = outline.nodes[node].fields.owner.clone() else {
            continue;
        };
        let mut above = outline.nodes[node].parent;
        while let Some(parent) = above {
            if let Some(theirs) = &outline.nodes[parent].fields.owner {
                if *theirs == owner {
                    outline.nodes[node].fields.owner = None;
                }
                break;
            }
            above = outline.nodes[parent].parent;
        }
    }
}
