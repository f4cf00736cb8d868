//! `wbs apply`: field changes from rows of JSON Lines, a JSON array or CSV
//! (`id,field,…`). Every row is checked before anything is written, each
//! problem is reported with its row and line, and either all rows apply or
//! none does.

use std::collections::HashMap;
use std::io::{Read, Write};

use anyhow::{Context as _, Result, anyhow, bail};

use super::Context;
use super::setting::{Change, Setting, Value};
use super::write::{self, Format, WriteArgs};
use crate::exit::{Exit, refused};
use crate::plan::NodeId;
use crate::plan::derive::round1;
use crate::project::Project;
use crate::row::NodeRow;
use crate::source::planset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rows: a file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub input: String,

    /// The rows' format; `auto` goes by the file name (.csv, .json, .jsonl), else by the first character
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
    /// A header `id,field,…`, then a row per task; an empty cell changes nothing
    Csv,
}

/// One row: the task it names and the changes it asks for.
#[derive(Debug)]
struct Row {
    /// 1-based, in the order given.
    number: usize,
    line: usize,
    task: String,
    settings: Vec<Setting>,
    /// A CSV row: a cell equal to what `wbs list` shows changes nothing.
    as_listed: bool,
}

/// A row that cannot apply, and why.
#[derive(Debug)]
struct RowError {
    number: usize,
    line: usize,
    message: String,
}

impl RowError {
    fn new(number: usize, line: usize, message: impl Into<String>) -> RowError {
        RowError {
            number,
            line,
            message: message.into(),
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let text = read_input(ctx, &args.input)?;
    if text.trim().is_empty() {
        return Err(refused(format!(
            "{}: no rows to apply; nothing was changed",
            input_name(&args.input)
        )));
    }
    let format = match args.from {
        Rows::Auto => detect(&args.input, &text),
        given => given,
    };
    let (rows, mut errors) = match format {
        Rows::Csv => parse_csv(&text),
        _ => parse_json(&text),
    };
    if rows.is_empty() && errors.is_empty() {
        return Err(refused(format!(
            "{}: no rows to apply; nothing was changed",
            input_name(&args.input)
        )));
    }
    let project = match super::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let plan = &project.loaded.plan;

    // Every row's task and changes, merged per task.
    let mut changes: HashMap<NodeId, Vec<(usize, Setting)>> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    for row in rows {
        let Some(node) = crate::query::resolve_node(plan, &row.task) else {
            errors.push(RowError::new(
                row.number,
                row.line,
                format!("no task has the id `{}`", crate::safe::excerpt(&row.task)),
            ));
            continue;
        };
        let settings = changes.entry(node).or_insert_with(|| {
            order.push(node);
            Vec::new()
        });
        for setting in row.settings {
            if row.as_listed && as_shown(&project, node, &setting) {
                continue;
            }
            if setting.leaf_only() && !plan.is_leaf(node) {
                errors.push(RowError::new(
                    row.number,
                    row.line,
                    format!(
                        "[leaf-field-on-parent] {} has subtasks, which set its `{}`",
                        row.task, setting.key
                    ),
                ));
                continue;
            }
            match settings.iter().find(|(_, s)| s.key == setting.key) {
                Some((_, same)) if *same == setting => {}
                Some((other, _)) => errors.push(RowError::new(
                    row.number,
                    row.line,
                    format!(
                        "`{}` of {} is also changed by row {other}, to something else",
                        setting.key, row.task
                    ),
                )),
                None => settings.push((row.number, setting)),
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.number);
        let mut stderr = std::io::stderr().lock();
        for error in &errors {
            let place = match error.number {
                0 => format!("the header (line {})", error.line),
                n => format!("row {n} (line {})", error.line),
            };
            writeln!(
                stderr,
                "error: {}: {place}: {}",
                input_name(&args.input),
                error.message
            )?;
        }
        let mut rows: Vec<usize> = errors.iter().map(|e| e.number).collect();
        rows.dedup();
        let header = rows.first() == Some(&0);
        let bad = rows.len() - usize::from(header);
        let what = match (header, bad) {
            (true, 0) => "the header is wrong".to_owned(),
            (true, n) => format!("the header and {n} row{} cannot apply", plural(n)),
            (false, n) => format!("{n} row{} cannot apply", plural(n)),
        };
        writeln!(stderr, "{what}; nothing was changed")?;
        return Ok(Exit::Finding);
    }

    // Rows whose every cell was already as shown change nothing.
    order.retain(|node| changes.get(node).is_some_and(|list| !list.is_empty()));
    if order.is_empty() {
        println!("every row is already as the plan shows it; nothing was changed");
        return Ok(Exit::Success);
    }
    order.sort_unstable();
    let settings: HashMap<NodeId, Vec<Setting>> = changes
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(node, list)| (node, list.into_iter().map(|(_, s)| s).collect()))
        .collect();
    let planned = super::setting::plan_fields(&project, settings)?;
    let staged = match write::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let tasks = if order.len() == 1 { "task" } else { "tasks" };
    if args.output.dry_run {
        write::print_dry_run(ctx, &project, &staged, &mut out)?;
        writeln!(
            out,
            "\ndry run: {} {tasks} would change; nothing was written",
            order.len()
        )?;
        out.flush()?;
        return Ok(Exit::Success);
    }
    write::write_all(ctx, &project, &staged)?;
    let files = staged.changed_files(&project);
    let after = &staged.after;
    match args.output.format {
        Format::Json => {
            let nodes: Vec<NodeRow<'_>> = order.iter().map(|&id| NodeRow::new(after, id)).collect();
            let json =
                serde_json::json!({ "updated": order.len(), "files": files, "nodes": nodes });
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        Format::Human => {
            for &id in &order {
                writeln!(
                    out,
                    "{} {}",
                    after.loaded.plan.code(id),
                    crate::safe::escape_control(after.loaded.plan.title(id))
                )?;
            }
            if files.is_empty() {
                writeln!(
                    out,
                    "{} {tasks} already as asked; no file changed",
                    order.len()
                )?;
            } else {
                writeln!(
                    out,
                    "updated {} {tasks} in {}",
                    order.len(),
                    files.join(", ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// Whether a cell asks for the value the task already shows, as `wbs list`
/// shows it (derived status, progress and dates, the effective owner): such
/// a cell changes nothing, so a sheet exported with `list --format csv`,
/// edited and applied back changes only the cells that were edited.
fn as_shown(project: &Project, id: NodeId, setting: &Setting) -> bool {
    let plan = &project.loaded.plan;
    let derived = project.derived.node(id);
    let node = plan.node(id);
    let Change::Set(value) = &setting.change else {
        return false;
    };
    match (setting.key.as_str(), value) {
        ("title", Value::Text(t)) => plan.title(id) == t,
        ("id", Value::Text(t)) => plan.id_of(id) == Some(t.as_str()),
        ("owner", Value::Text(t)) => project.derived.owner(plan, id) == Some(t.as_str()),
        ("notes", Value::Text(t)) => plan.notes(id) == Some(t.as_str()),
        ("status", Value::Status(s)) => derived.status == *s,
        ("progress", Value::Number(n)) => (round1(derived.progress) - n).abs() < 1e-9,
        ("start", Value::Date(d)) => derived.start == Some(*d),
        ("due", Value::Date(d)) => derived.due == Some(*d),
        ("tags", Value::List(l)) => plan.list(node.tags).eq(l.iter().map(String::as_str)),
        ("after", Value::List(l)) => plan.list(node.after).eq(l.iter().map(String::as_str)),
        _ => false,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn input_name(input: &str) -> &str {
    if input == "-" { "<stdin>" } else { input }
}

/// The rows' text, within the plan size limit.
fn read_input(ctx: &Context, input: &str) -> Result<String> {
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
    read.with_context(|| format!("cannot read `{}`", input_name(input)))?;
    if bytes.len() as u64 > limit {
        bail!(
            "`{}` is larger than {limit} bytes (WBS_MAX_BYTES)",
            input_name(input)
        );
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|e| anyhow!("`{}` is not UTF-8 text: {e}", input_name(input)))?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

fn detect(input: &str, text: &str) -> Rows {
    let lower = input.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        return Rows::Csv;
    }
    if [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Rows::Json;
    }
    match text.trim_start().chars().next() {
        Some('{' | '[') => Rows::Json,
        _ => Rows::Csv,
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// JSON Lines, concatenated objects or one array of objects. Text that is
/// not JSON is reported, and reading goes on at the next line, so every
/// bad row is found in one run.
fn parse_json(text: &str) -> (Vec<Row>, Vec<RowError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut number = 0;
    let mut from = 0;
    'lines: while from < text.len() {
        let rest = &text[from..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
        loop {
            let before = stream.byte_offset();
            let skipped = rest[before..].len() - rest[before..].trim_start().len();
            let line = line_of(text, from + before + skipped);
            match stream.next() {
                None => break 'lines,
                Some(Err(error)) => {
                    number += 1;
                    errors.push(RowError::new(number, line, format!("not JSON: {error}")));
                    // Go on after the line where the bad text starts.
                    let start = from + before + skipped;
                    match text[start..].find('\n') {
                        Some(end) => from = start + end + 1,
                        None => break 'lines,
                    }
                    continue 'lines;
                }
                Some(Ok(serde_json::Value::Array(items))) => {
                    for item in items {
                        number += 1;
                        push_json_row(&mut rows, &mut errors, number, line, &item);
                    }
                }
                Some(Ok(value)) => {
                    number += 1;
                    push_json_row(&mut rows, &mut errors, number, line, &value);
                }
            }
        }
    }
    (rows, errors)
}

fn push_json_row(
    rows: &mut Vec<Row>,
    errors: &mut Vec<RowError>,
    number: usize,
    line: usize,
    value: &serde_json::Value,
) {
    let Some(object) = value.as_object() else {
        errors.push(RowError::new(number, line, "a row must be a JSON object"));
        return;
    };
    let Some(task) = object.get("id").and_then(|id| id.as_str()) else {
        errors.push(RowError::new(
            number,
            line,
            "a row needs an `id` (a task's id or WBS code, as a string)",
        ));
        return;
    };
    let mut settings = Vec::new();
    let errors_before = errors.len();
    for (key, value) in object.iter().filter(|(k, _)| *k != "id") {
        let setting = match value.as_str() {
            Some(text) if key == "tags" && is_tag_change(text) => Setting::tags(text),
            _ => Setting::from_json(key, value),
        };
        match setting {
            Ok(setting) => settings.push(setting),
            Err(message) => errors.push(RowError::new(number, line, format!("{key}: {message}"))),
        }
    }
    if settings.is_empty() {
        if errors.len() == errors_before {
            errors.push(RowError::new(number, line, "the row changes nothing"));
        }
        return;
    }
    rows.push(Row {
        number,
        line,
        task: task.to_owned(),
        settings,
        as_listed: false,
    });
}

/// `+a,-b` changes tags (every item marked); `a,b` sets them.
fn is_tag_change(text: &str) -> bool {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .all(|t| t.starts_with(['+', '-']))
        && text.contains(['+', '-'])
}

/// The columns of `wbs list --format csv` that are derived, not fields:
/// a sheet exported by `list` may keep them; they change nothing.
const LISTED_ONLY: &[&str] = &["code", "effort_hours", "level", "file", "line"];

/// A cell as the plan means it: trimmed, and without the `'` that
/// `list --format csv` puts before `=`, `+`, `-`, `@` to keep spreadsheets
/// from reading a formula.
fn cell_text(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// The line a CSV record starts on: the csv crate's position can stand on
/// the line breaks (and blank lines) before it.
fn record_line(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let skipped = text[byte..].len() - text[byte..].trim_start_matches(['\r', '\n']).len();
    line_of(text, byte + skipped)
}

/// A header naming `id` and the fields, then a row per task.
fn parse_csv(text: &str) -> (Vec<Row>, Vec<RowError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_owned()).collect(),
        Err(error) => {
            errors.push(RowError::new(
                0,
                1,
                format!("cannot read the CSV header: {error}"),
            ));
            return (rows, errors);
        }
    };
    let id_column = headers.iter().position(|h| h == "id");
    let code_column = headers.iter().position(|h| h == "code");
    if id_column.is_none() && code_column.is_none() {
        errors.push(RowError::new(
            0,
            1,
            "the CSV header needs an `id` column (or `code`), e.g. `id,status,due`",
        ));
        return (rows, errors);
    }
    for (i, name) in headers.iter().enumerate() {
        if headers[..i].contains(name) {
            errors.push(RowError::new(
                0,
                1,
                format!("the column `{name}` is there twice"),
            ));
        } else if name != "id"
            && !LISTED_ONLY.contains(&name.as_str())
            && let Err(message) = super::setting::check_key(name)
        {
            errors.push(RowError::new(0, 1, format!("column `{name}`: {message}")));
        }
    }
    if !errors.is_empty() {
        return (rows, errors);
    }
    for (index, record) in reader.records().enumerate() {
        let number = index + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(0, |p| record_line(text, p.byte() as usize));
                errors.push(RowError::new(number, line, format!("not CSV: {error}")));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| record_line(text, p.byte() as usize));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |column: Option<usize>| column.and_then(|c| record.get(c)).map_or("", str::trim);
        let task = match cell(id_column) {
            "" => cell(code_column),
            id => id,
        };
        if task.is_empty() {
            errors.push(RowError::new(number, line, "the `id` cell is empty"));
            continue;
        }
        let mut settings = Vec::new();
        for (column, raw) in record.iter().enumerate() {
            let key = headers[column].as_str();
            let text = cell_text(raw);
            if key == "id" || LISTED_ONLY.contains(&key) || text.is_empty() {
                continue;
            }
            let setting = if key == "tags" && is_tag_change(text) {
                Setting::tags(text)
            } else {
                Setting::parse(key, text)
            };
            match setting {
                Ok(setting) => settings.push(setting),
                Err(message) => {
                    errors.push(RowError::new(number, line, format!("{key}: {message}")));
                }
            }
        }
        if !settings.is_empty() {
            rows.push(Row {
                number,
                line,
                task: task.to_owned(),
                settings,
                as_listed: true,
            });
        }
    }
    (rows, errors)
}
