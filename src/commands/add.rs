//! `wbs add`: a new task under a parent, written in the style of its
//! siblings, every other byte of the file kept.

use anyhow::{Result, anyhow, bail};

use super::edit_output::{self, WriteArgs};
use super::field_args::FieldArgs;
use super::place_args;
use crate::context::{self, Context};
use crate::edit::change::{Change, Setting, Value};
use crate::edit::ops::plan_add;
use crate::edit::place::{self, Target};
use crate::edit::transaction::Origin;
use crate::exit::{Exit, refused};
use crate::i18n::edit::Edit;
use crate::plan::fields;
use crate::row::NodeRow;

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

    /// Place it just before this subtask of PARENT (default: last in PARENT's list)
    #[arg(long, value_name = "NODE", conflicts_with = "after")]
    pub before: Option<String>,

    /// Place it just after this subtask of PARENT: a place in the list, not a dependency (for the plan's `after:`, use --set after=ID)
    #[arg(long, value_name = "NODE")]
    pub after: Option<String>,

    #[command(flatten)]
    pub output: WriteArgs,
}

fn parse_id(text: &str) -> Result<String, crate::i18n::io::InputFailure> {
    if fields::is_valid_id(text) {
        Ok(text.to_owned())
    } else {
        Err(crate::i18n::io::InputFailure::NotId {
            text: text.to_owned(),
        })
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let lang = ctx.lang();
    if args.title.trim().is_empty() {
        bail!("{}", lang.show(&Edit::EmptyTitle));
    }
    let settings = args.fields.settings(lang)?;
    if settings
        .iter()
        .any(|s| matches!(&s.change, Change::Tags { remove, .. } if !remove.is_empty()))
    {
        bail!("{}", lang.show(&Edit::NoTagsToRemove));
    }
    let project = match context::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let plan = &project.loaded.plan;
    let parent = place_args::parent(ctx, &project, &args.parent, None)?;
    let position = place_args::position(
        &project,
        parent,
        args.before.as_deref(),
        args.after.as_deref(),
        place_args::Placing::NewTask,
        lang,
    )?;
    let target = Target { parent, position };
    if let Some(id) = &args.id
        && let Some(taken) = plan.find_id(id)
    {
        let refusal = Edit::DuplicateId {
            id: id.clone(),
            name: format!(
                "{} {}",
                plan.code(taken),
                crate::safe::excerpt(plan.title(taken))
            ),
        };
        return Err(refused(format!("[duplicate-id] {}", lang.show(&refusal))));
    }
    place::check_can_have_children(&project, parent, lang)?;

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
        &lang.show(&Edit::WouldAdd).to_string(),
        |files| {
            serde_json::json!({
                "added": 1,
                "files": files,
                "nodes": [NodeRow::new(after, added)],
            })
        },
        |files, out| {
            let done = Edit::Added {
                code: after.loaded.plan.code(added),
                title: crate::safe::escape_control(after.loaded.plan.title(added)).into_owned(),
                files: crate::safe::escape_control(&files.join(", ")).into_owned(),
            };
            writeln!(out, "{}", lang.show(&done))
        },
    )
}
