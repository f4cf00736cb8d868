//! `wbs rm`: remove a task with the comment lines above it; refused while
//! other tasks depend on what would go, unless `--force` also takes those
//! ids out of their `after` lists.

use anyhow::Result;

use super::edit_output::{self, WriteArgs};
use crate::context::{self, Context};
use crate::edit::ops::{dependents, plan_rm};
use crate::exit::{Exit, refused};
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
        return Err(refused(format!(
            "{name} has {below} subtask{}; nothing was removed\nhint: add --recursive to remove them too, or move them first with `wbs mv`",
            if below == 1 { "" } else { "s" }
        )));
    }

    let dependents = dependents(plan, range.clone());
    if !dependents.is_empty() && !args.force {
        let mut message = format!("other tasks wait on {name}; nothing was removed\n");
        for (id, waits) in &dependents {
            message.push_str(&format!(
                "  {} {} (after: {})\n",
                plan.code(*id),
                crate::safe::excerpt(plan.title(*id)),
                waits.join(", ")
            ));
        }
        message.push_str(
            "hint: change their `after` first, or add --force to take those ids out of it",
        );
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
        &format!("{} would be removed", edit_output::count(count, "task")),
        |files| {
            let rows: Vec<NodeRow<'_>> = range.map(|id| NodeRow::new(&project, id)).collect();
            serde_json::json!({ "removed": count, "files": files, "nodes": rows })
        },
        |_, out| {
            // Every code as it was: after the removal a task below it
            // takes the removed one's code, and two tasks would read as one.
            let subtasks = match below {
                0 => String::new(),
                1 => " and its subtask".to_owned(),
                n => format!(" and its {n} subtasks"),
            };
            writeln!(
                out,
                "removed {}{subtasks} from {}",
                crate::safe::escape_control(&name),
                crate::safe::escape_control(
                    &project.loaded.sources[plan.node(node).file as usize].path
                )
            )?;
            for (id, waits) in &dependents {
                writeln!(
                    out,
                    "{} {}: no longer after {}",
                    plan.code(*id),
                    crate::safe::escape_control(plan.title(*id)),
                    waits.join(", ")
                )?;
            }
            Ok(())
        },
    )
}
