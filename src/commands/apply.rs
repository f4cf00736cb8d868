//! `wbs apply`: field changes from rows of JSON Lines, a JSON array, CSV
//! (`id,field,…`) or the first sheet of an xlsx workbook. Every row is checked before anything is written, each
//! problem is reported with its row and line, and either all rows apply or
//! none does.

use std::collections::HashMap;
use std::io::{Read, Write};

use anyhow::{Result, bail};

mod cells;
mod rows;

use cells::Cell;
use rows::{Row, RowError, parse_csv, parse_json, parse_sheet};

use super::edit_output::{self, WriteArgs};
use crate::context::{self, Context};
use crate::edit::change::Setting;
use crate::edit::transaction::{self, Outcome};
use crate::exit::{Exit, refused};
use crate::i18n::Lang;
use crate::i18n::edit::{Edit, Noun, RowText};
use crate::i18n::io::InputFailure;
use crate::plan::NodeId;
use crate::project::Project;
use crate::row::NodeRow;
use crate::source::planset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rows: a file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub input: String,

    /// The rows' format; `auto` goes by the file name (.csv, .tsv, .json, .jsonl), else by the first character
    #[arg(long, value_enum, default_value_t = Rows::Auto)]
    pub from: Rows,

    #[command(flatten)]
    pub output: WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Rows {
    /// By the file name, else by the first character
    Auto,
    /// JSON Lines (an object a line) or a JSON array of objects
    Json,
    /// A header `id,field,…`, then a row per task, separated by commas, semicolons or tabs; an empty cell changes nothing
    Csv,
    /// The first sheet of an xlsx workbook, read as CSV is (`wbs export --format xlsx` writes one)
    Xlsx,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let lang = ctx.lang();
    let bytes = read_input(ctx, &args.input)?;
    let format = match args.from {
        Rows::Auto => detect(&args.input, &bytes),
        given => given,
    };
    let (rows, mut errors) = match format {
        Rows::Xlsx => {
            let sheet =
                crate::import::xlsx::first_sheet(&bytes, ctx.max_bytes()?).map_err(|why| {
                    InputFailure::Workbook {
                        input: input_name(&args.input).to_owned(),
                        not_xlsx: matches!(why, crate::i18n::import::ReadFailure::NotXlsx { .. }),
                        why,
                    }
                })?;
            parse_sheet(&sheet, lang)
        }
        Rows::Csv | Rows::Json | Rows::Auto => {
            let text = text_of(&args.input, bytes, lang)?;
            if text.trim().is_empty() {
                return Err(no_rows(&args.input, lang));
            }
            match format {
                Rows::Csv => parse_csv(&text, lang),
                _ => parse_json(&text, lang),
            }
        }
    };
    if rows.is_empty() && errors.is_empty() {
        return Err(no_rows(&args.input, lang));
    }
    let project = match context::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let plan = &project.loaded.plan;
    let name = &Input {
        name: input_name(&args.input),
        sheet: format == Rows::Xlsx,
    };

    // Every row's task, found by id through one index (a sheet of every
    // task of a big plan is common), or by WBS code.
    let by_id: HashMap<&str, NodeId> = plan
        .ids()
        .filter_map(|n| Some((plan.id_of(n)?, n)))
        .collect();
    let tasks: Vec<Option<NodeId>> = rows
        .iter()
        .map(|row| match by_id.get(row.task.as_str()) {
            Some(&node) => Some(node),
            None if row.task.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
                plan.find_code(&row.task)
            }
            None => None,
        })
        .collect();

    // Every row's changes, merged per task.
    let mut changes: HashMap<NodeId, Vec<(usize, Setting)>> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    let mut notes: Vec<RowError> = Vec::new();
    let mut unknown = 0;
    for (row, task) in rows.iter().zip(&tasks) {
        let Some(node) = *task else {
            unknown += 1;
            errors.push(unknown_task(plan, row, unknown <= MAX_SUGGESTIONS, lang));
            continue;
        };
        let settings = changes.entry(node).or_insert_with(|| {
            order.push(node);
            Vec::new()
        });
        for setting in &row.settings {
            if row.as_listed {
                match cells::classify(&project, node, &row.settings, setting) {
                    Cell::Shown | Cell::Derived(None) => continue,
                    Cell::Derived(Some(why)) => {
                        let note = RowText::DerivedCell {
                            key: setting.key.clone(),
                            name: format!(
                                "{} {}",
                                plan.code(node),
                                crate::safe::excerpt(plan.title(node))
                            ),
                            why,
                        };
                        notes.push(RowError::new(
                            row.number,
                            row.line,
                            lang.show(&note).to_string(),
                        ));
                        continue;
                    }
                    Cell::Change => {}
                }
            }
            if setting.leaf_only() && !plan.is_leaf(node) {
                let error = RowText::LeafField {
                    task: row.task.clone(),
                    key: setting.key.clone(),
                };
                errors.push(RowError::new(
                    row.number,
                    row.line,
                    lang.show(&error).to_string(),
                ));
                continue;
            }
            match settings.iter().find(|(_, s)| s.key == setting.key) {
                Some((_, same)) if same == setting => {}
                Some((other, _)) => {
                    let error = RowText::ChangedTwice {
                        key: setting.key.clone(),
                        task: row.task.clone(),
                        other: *other,
                    };
                    errors.push(RowError::new(
                        row.number,
                        row.line,
                        lang.show(&error).to_string(),
                    ));
                }
                None => settings.push((row.number, setting.clone())),
            }
        }
    }
    if !ctx.global.quiet || !errors.is_empty() {
        let mut stderr = std::io::stderr().lock();
        for note in &notes {
            let text = row_message(name, note, lang);
            writeln!(stderr, "{}", lang.show(&RowText::Note { text }))?;
        }
    }
    if !errors.is_empty() {
        print_errors(name, errors, lang)?;
        return Ok(Exit::Finding);
    }

    // Rows whose every cell was already as shown change nothing.
    order.retain(|node| changes.get(node).is_some_and(|list| !list.is_empty()));
    if order.is_empty() {
        println!("{}", lang.show(&Edit::RowsAlreadyAsPlan));
        return Ok(Exit::Success);
    }
    order.sort_unstable();
    // Which rows change each task, to blame a finding on them.
    let blamed: HashMap<NodeId, Vec<usize>> = changes
        .iter()
        .map(|(&node, list)| {
            let mut numbers: Vec<usize> = list.iter().map(|(n, _)| *n).collect();
            numbers.sort_unstable();
            numbers.dedup();
            (node, numbers)
        })
        .collect();
    let lines: HashMap<usize, usize> = rows.iter().map(|r| (r.number, r.line)).collect();
    let settings: HashMap<NodeId, Vec<Setting>> = changes
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(node, list)| (node, list.into_iter().map(|(_, s)| s).collect()))
        .collect();
    let planned = crate::edit::fields::plan_fields(&project, settings)?;
    let staged = match transaction::stage(&project, planned)? {
        Outcome::Staged(staged) => staged,
        Outcome::Refused { after } => {
            let rest = blame_rows(&after, (&blamed, &lines), &mut errors, lang);
            if !rest.is_empty() {
                edit_output::report_invalid(ctx, &after, &rest)?;
            }
            if !errors.is_empty() {
                print_errors(name, errors, lang)?;
            }
            return Ok(Exit::Finding);
        }
    };
    let after = &staged.after;
    // Applied again, the sheet must change nothing: every cell that is not
    // derived reads as the edited plan shows it.
    for (row, task) in rows.iter().zip(&tasks).filter(|(row, _)| row.as_listed) {
        let Some(node) = *task else {
            continue;
        };
        for setting in row.settings.iter().filter(|s| !s.key.starts_with("x-")) {
            if cells::classify(after, node, &row.settings, setting) == Cell::Change {
                let now = cells::shown(after, node, &setting.key);
                let error = RowText::ApplyAgain {
                    key: setting.key.clone(),
                    value: crate::safe::excerpt(&cells::value_text(setting)).into_owned(),
                    code: after.loaded.plan.code(node),
                    now: crate::safe::excerpt(&now).into_owned(),
                };
                errors.push(RowError::new(
                    row.number,
                    row.line,
                    lang.show(&error).to_string(),
                ));
            }
        }
    }
    if !errors.is_empty() {
        print_errors(name, errors, lang)?;
        return Ok(Exit::Finding);
    }
    let count = order.len();
    let noun = Noun::Task;
    edit_output::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        &lang.show(&Edit::WouldChange { count, noun }).to_string(),
        |files| {
            let rows: Vec<NodeRow<'_>> = order.iter().map(|&id| NodeRow::new(after, id)).collect();
            serde_json::json!({ "updated": order.len(), "files": files, "nodes": rows })
        },
        |files, out| {
            edit_output::write_nodes(out, after, &order)?;
            let done = if files.is_empty() {
                Edit::AlreadyAsAsked { count, noun }
            } else {
                let files = crate::safe::escape_control(&files.join(", ")).into_owned();
                Edit::Updated { count, noun, files }
            };
            writeln!(out, "{}", lang.show(&done))
        },
    )
}

/// Unknown ids given a did-you-mean: each is a search of every id, so a
/// sheet of thousands of unknown rows gets suggestions for the first few.
const MAX_SUGGESTIONS: usize = 20;

/// The error for a row whose task is not in the plan.
fn unknown_task(plan: &crate::plan::Plan, row: &Row, suggest: bool, lang: Lang) -> RowError {
    let shown = crate::safe::excerpt(&row.task).into_owned();
    let message = if row.task.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        RowText::UnknownCode { code: shown }
    } else {
        let ids = plan.ids().filter_map(|n| plan.id_of(n));
        let suggestion = suggest
            .then(|| crate::diagnostic::did_you_mean(&row.task, ids))
            .flatten()
            .map(|id| crate::safe::excerpt(id).into_owned());
        RowText::UnknownId {
            id: shown,
            suggestion,
        }
    };
    RowError::new(row.number, row.line, lang.show(&message).to_string())
}

/// The refusal of an input without rows.
fn no_rows(input: &str, lang: Lang) -> anyhow::Error {
    let input = input_name(input).to_owned();
    refused(lang.show(&RowText::NoRows { input }).to_string())
}

/// Turns each error of the edited plan that lies in a task some rows
/// changed into an error of those rows; returns the others.
fn blame_rows(
    after: &Project,
    (blamed, lines): (&HashMap<NodeId, Vec<usize>>, &HashMap<usize, usize>),
    errors: &mut Vec<RowError>,
    lang: Lang,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut rest = Vec::new();
    for diagnostic in after.loaded.diagnostics.iter().filter(|d| d.is_error()) {
        let rows = transaction::node_at(after, diagnostic.file, diagnostic.span.start)
            .and_then(|node| blamed.get(&node));
        let Some(rows) = rows else {
            rest.push(diagnostic.clone());
            continue;
        };
        let source = &after.loaded.sources[diagnostic.file];
        let at = source.line_col(diagnostic.span.start).line;
        let error = RowText::Blamed {
            code: diagnostic.code.as_str().to_owned(),
            message: lang.show(&diagnostic.message).to_string(),
            help: diagnostic.help.as_ref().map(|h| lang.show(h).to_string()),
            file: source.path.clone(),
            line: at,
        };
        let message = lang.show(&error).to_string();
        for &number in rows {
            errors.push(RowError::new(
                number,
                lines.get(&number).copied().unwrap_or(0),
                message.clone(),
            ));
        }
    }
    rest
}

/// The rows' input as messages name it.
struct Input<'a> {
    name: &'a str,
    /// A workbook: places are sheet rows, not lines.
    sheet: bool,
}

/// `FILE: row N (line L): MESSAGE`, or `the header (line L)`; in a
/// workbook `FILE: sheet row R: MESSAGE`, the row as the spreadsheet
/// numbers it.
fn row_message(input: &Input<'_>, error: &RowError, lang: Lang) -> String {
    let place = Edit::RowPlace {
        row: error.number,
        line: error.line,
        sheet: input.sheet,
    };
    let at = RowText::At {
        input: input.name.to_owned(),
        place: lang.show(&place).to_string(),
        message: error.message.clone(),
    };
    crate::safe::escape_control(&lang.show(&at).to_string()).into_owned()
}

/// Prints every row's errors, in row order, and how many rows cannot
/// apply.
fn print_errors(name: &Input<'_>, mut errors: Vec<RowError>, lang: Lang) -> std::io::Result<()> {
    errors.sort_by_key(|e| e.number);
    let mut stderr = std::io::stderr().lock();
    for error in &errors {
        writeln!(
            stderr,
            "{}{}",
            crate::i18n::io::error_frame(lang),
            row_message(name, error, lang)
        )?;
    }
    let mut rows: Vec<usize> = errors.iter().map(|e| e.number).collect();
    rows.dedup();
    let header = rows.first() == Some(&0);
    let bad = rows.len() - usize::from(header);
    let what = Edit::RowsCannotApply { header, rows: bad };
    writeln!(stderr, "{}", lang.show(&what))
}

fn input_name(input: &str) -> &str {
    if input == "-" { "<stdin>" } else { input }
}

/// The rows' bytes, within the plan size limit.
fn read_input(ctx: &Context, input: &str) -> Result<Vec<u8>> {
    let limit = planset::max_bytes(&crate::source::PlanSetArgs {
        files: Vec::new(),
        env_file: None,
        env_max_bytes: ctx.env.wbs_max_bytes.clone(),
    })?;
    let mut bytes = Vec::new();
    let read = if input == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(input).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    let input = input_name(input).to_owned();
    if let Err(error) = read {
        let cause = error.into();
        return Err(InputFailure::CannotRead { input, cause }.into());
    }
    if bytes.len() as u64 > limit {
        return Err(InputFailure::TooLarge { input, limit }.into());
    }
    Ok(bytes)
}

/// The rows' text: UTF-8, a byte-order mark dropped.
fn text_of(input: &str, bytes: Vec<u8>, lang: Lang) -> Result<String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let input = input_name(input).to_owned();
            bail!("{}", lang.show(&RowText::NotUtf8 { input, line }));
        }
    };
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

fn detect(input: &str, bytes: &[u8]) -> Rows {
    let lower = input.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || bytes.starts_with(b"PK\x03\x04") {
        return Rows::Xlsx;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        return Rows::Csv;
    }
    if [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Rows::Json;
    }
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => Rows::Json,
        _ => Rows::Csv,
    }
}
