//! `wbs add`: a new task under a parent, written in the style of its
//! siblings, every other byte of the file kept.

use std::collections::HashMap;

use anyhow::{Result, anyhow, bail};

use super::edit_output::{self, WriteArgs};
use super::field_args::FieldArgs;
use super::place::{self, Target};
use crate::context::{self, Context};
use crate::edit::change::{Change, Setting, Value};
use crate::edit::transaction::{Intended, NewNode, Origin, Planned, Shape};
use crate::edit::{self, Item, scalar};
use crate::exit::{Exit, refused};
use crate::plan::fields;
use crate::project::Project;
use crate::row::NodeRow;
use crate::source::yaml::Style;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new task's parent: an id, a WBS code, or `.` for the top level of the file
    #[arg(value_name = "PARENT")]
    pub parent: String,

    /// The new task's title
    #[arg(value_name = "TITLE")]
    pub title: String,

    /// The new task's id
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    pub id: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Put it before this subtask of PARENT (default: after the last)
    #[arg(long, value_name = "NODE", conflicts_with = "after")]
    pub before: Option<String>,

    /// Put it after this subtask of PARENT
    #[arg(long, value_name = "NODE")]
    pub after: Option<String>,

    #[command(flatten)]
    pub output: WriteArgs,
}

fn parse_id(text: &str) -> Result<String, String> {
    if fields::is_valid_id(text) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "`{text}` is not an id: use letters, digits, `-`, `_` and `.`, not only digits and dots"
        ))
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    if args.title.trim().is_empty() {
        bail!("a task needs a title with something in it");
    }
    let settings = args.fields.settings()?;
    if settings
        .iter()
        .any(|s| matches!(&s.change, Change::Tags { remove, .. } if !remove.is_empty()))
    {
        bail!("--tag: a new task has no tags to remove; write --tag a,b");
    }
    let project = match context::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let plan = &project.loaded.plan;
    let parent = place::parent(ctx, &project, &args.parent, None)?;
    let position = place::position(
        &project,
        parent,
        args.before.as_deref(),
        args.after.as_deref(),
    )?;
    let target = Target { parent, position };
    if let Some(id) = &args.id
        && let Some(taken) = plan.find_id(id)
    {
        return Err(refused(format!(
            "[duplicate-id] the id `{id}` is already used by {} {}; nothing was changed\nhint: choose another id",
            plan.code(taken),
            crate::safe::excerpt(plan.title(taken))
        )));
    }
    place::check_can_have_children(&project, parent)?;

    let settings = settings
        .into_iter()
        .map(|s| match s.change {
            // A new task's tags are the ones to add.
            Change::Tags { add, .. } => Setting::set("tags", Value::List(add)),
            _ => s,
        })
        .collect();
    let planned = plan_add(&project, target, &args.title, args.id.as_deref(), settings)?;
    let staged = match edit_output::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };
    let added = staged
        .find(Origin::New)
        .ok_or_else(|| anyhow!("the new task is not in the edited plan"))?;
    let after = &staged.after;
    edit_output::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        "1 task would be added",
        |files| {
            serde_json::json!({
                "added": 1,
                "files": files,
                "nodes": [NodeRow::new(after, added)],
            })
        },
        |files, out| {
            writeln!(
                out,
                "added {} {} in {}",
                after.loaded.plan.code(added),
                crate::safe::escape_control(after.loaded.plan.title(added)),
                crate::safe::escape_control(&files.join(", "))
            )
        },
    )
}

/// Plans a new task with `title`, `id` and `settings` at `target`: its
/// entries are id, title, then the settings in the order given, written
/// in the style of the list it joins.
pub fn plan_add(
    project: &Project,
    target: Target,
    title: &str,
    id: Option<&str>,
    settings: Vec<Setting>,
) -> Result<Planned> {
    let plan = &project.loaded.plan;
    let file = target.file(plan);
    let source = &project.loaded.sources[file];
    let text = source.text.as_str();
    let tree = source
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
    let (holder, place) = target.holder(project, tree, text)?;
    let in_flow = target.in_flow(text, tree, holder);
    let mut rendered: Vec<(&str, String)> = Vec::new();
    if let Some(id) = id {
        rendered.push(("id", scalar::render(id, Style::Plain, in_flow)));
    }
    rendered.push(("title", scalar::render(title, Style::Plain, in_flow)));
    for setting in &settings {
        if let Change::Set(value) = &setting.change {
            rendered.push((setting.key.as_str(), value.render(Style::Plain, in_flow)));
        }
    }
    let entries: Vec<(&str, &str)> = rendered.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let indent = edit::list_indent(text, tree);
    let patches = edit::insert_item(text, tree, holder, place, Item::Entries(&entries), indent)
        .map_err(|e| {
            anyhow!(
                "cannot add under {}: {e}",
                place::describe(project, target.parent)
            )
        })?;
    let mut per_file = vec![Vec::new(); project.loaded.sources.len()];
    per_file[file] = patches;
    Ok(Planned {
        patches: per_file,
        intended: Intended {
            shape: Shape::Insert {
                before: target.before_index(plan),
                file: file as u32,
                level: target.level(plan),
            },
            changes: HashMap::new(),
            new: Some(NewNode {
                id: id.map(str::to_owned),
                title: title.to_owned(),
                settings: settings
                    .into_iter()
                    .filter(|s| matches!(s.change, Change::Set(_)))
                    .collect(),
            }),
        },
    })
}
