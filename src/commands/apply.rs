//! `wbs apply`: field changes from rows of JSON Lines, a JSON array or CSV
//! (`id,field,…`). Every row is checked before anything is written, each
//! problem is reported with its row and line, and either all rows apply or
//! none does.

use std::collections::HashMap;
use std::io::{Read, Write};

use anyhow::{Context as _, Result, anyhow, bail};

mod rows;

use rows::{RowError, parse_csv, parse_json};

use super::Context;
use super::setting::{Change, Setting, Value};
use super::write::{self, WriteArgs};
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
            (true, n) => format!("the header and {} cannot apply", write::count(n, "row")),
            (false, n) => format!("{} cannot apply", write::count(n, "row")),
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
    let planned = super::node_edit::plan_fields(&project, settings)?;
    let staged = match write::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };
    let after = &staged.after;
    let tasks = write::count(order.len(), "task");
    write::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        &format!("{tasks} would change"),
        |files| {
            let rows: Vec<NodeRow<'_>> = order.iter().map(|&id| NodeRow::new(after, id)).collect();
            serde_json::json!({ "updated": order.len(), "files": files, "nodes": rows })
        },
        |files, out| {
            write::write_nodes(out, after, &order)?;
            if files.is_empty() {
                writeln!(out, "{tasks} already as asked; no file changed")
            } else {
                let files = crate::safe::escape_control(&files.join(", ")).into_owned();
                writeln!(out, "updated {tasks} in {files}")
            }
        },
    )
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
