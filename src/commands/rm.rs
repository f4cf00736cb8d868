//! `wbs rm`: remove a task with the comment lines above it; refused while
//! other tasks depend on what would go, unless `--force` also takes those
//! ids out of their `after` lists.

use anyhow::Result;

use super::edit_output::{self, WriteArgs};
use crate::context::{self, Context};
use crate::edit::ops::{dependents, plan_rm};
use crate::exit::{Exit, refused};
use crate::i18n::edit::Edit;
use crate::row::NodeRow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The task to remove: its id or WBS code
    #[arg(value_name = "NODE")]
    pub node: String,

    /// Remove its subtasks too (needed when it has any)
    #[arg(long, short = 'r')]
    pub recursive: bool,

    /// Remove it even though other tasks wait on it; their `after` lists lose its ids
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub output: WriteArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = match context::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let lang = ctx.lang();
    let plan = &project.loaded.plan;
    let node = context::resolve_node(plan, &args.node)?;
    let range = node..plan.node(node).end;
    let name = format!(
        "{} {}",
        plan.code(node),
        crate::safe::excerpt(plan.title(node))
    );
    let below = range.len() - 1;
    if below > 0 && !args.recursive {
        let refusal = Edit::HasSubtasks {
            name: name.clone(),
            below,
        };
        return Err(refused(lang.show(&refusal).to_string()));
    }

    let dependents = dependents(plan, range.clone());
    if !dependents.is_empty() && !args.force {
        let mut message = format!("{}\n", lang.show(&Edit::Dependents { name: name.clone() }));
        for (id, waits) in &dependents {
            let line = Edit::DependentLine {
                code: plan.code(*id),
                title: crate::safe::excerpt(plan.title(*id)).into_owned(),
                ids: waits.join(", "),
            };
            message.push_str(&format!("  {}\n", lang.show(&line)));
        }
        message.push_str(&lang.show(&Edit::DependentsHint).to_string());
        return Err(refused(message));
    }

    let planned = plan_rm(&project, node, &dependents)?;
    let staged = match edit_output::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };

    let count = range.len();
    edit_output::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        &lang.show(&Edit::WouldRemove { count }).to_string(),
        |files| {
            let rows: Vec<NodeRow<'_>> = range.map(|id| NodeRow::new(&project, id)).collect();
            serde_json::json!({ "removed": count, "files": files, "nodes": rows })
        },
        |_, out| {
            // Every code as it was: after the removal a task below it
            // takes the removed one's code, and two tasks would read as one.
            let done = Edit::Removed {
                name: crate::safe::escape_control(&name).into_owned(),
                below,
                file: crate::safe::escape_control(
                    &project.loaded.sources[plan.node(node).file as usize].path,
                )
                .into_owned(),
            };
            writeln!(out, "{}", lang.show(&done))?;
            for (id, waits) in &dependents {
                let line = Edit::NoLongerAfter {
                    code: plan.code(*id),
                    title: crate::safe::escape_control(plan.title(*id)).into_owned(),
                    ids: waits.join(", "),
                };
                writeln!(out, "{}", lang.show(&line))?;
            }
            Ok(())
        },
    )
}
