//! `wbs rm`: remove a task with the comment lines above it; refused while
//! other tasks depend on what would go, unless `--force` also takes those
//! ids out of their `after` lists.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use anyhow::{Result, anyhow};

use super::edit_output::{self, WriteArgs};
use crate::context::{self, Context};
use crate::edit::change::{Setting, Value};
use crate::edit::transaction::{Intended, Origin, Planned, Shape};
use crate::edit::{self, Patch};
use crate::exit::{Exit, refused};
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use crate::row::NodeRow;
use crate::source::yaml::{Kind, Style};

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
            let after = &staged.after.loaded.plan;
            for (id, waits) in &dependents {
                let now = staged.find(Origin::Old(*id)).unwrap_or(*id);
                writeln!(
                    out,
                    "{} {}: no longer after {}",
                    after.code(now),
                    crate::safe::escape_control(after.title(now)),
                    waits.join(", ")
                )?;
            }
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
            )
        },
    )
}

/// The tasks outside `range` that wait on a task inside it, with the ids
/// they wait on.
pub fn dependents(plan: &Plan, range: Range<NodeId>) -> Vec<(NodeId, Vec<&str>)> {
    let gone: HashSet<&str> = range.clone().filter_map(|id| plan.id_of(id)).collect();
    if gone.is_empty() {
        return Vec::new();
    }
    plan.ids()
        .filter(|id| !range.contains(id))
        .filter_map(|id| {
            let waits: Vec<&str> = plan
                .list(plan.node(id).after)
                .filter(|a| gone.contains(a))
                .collect();
            (!waits.is_empty()).then_some((id, waits))
        })
        .collect()
}

/// Plans removing `node` with its subtasks, and taking the ids that go out
/// of the `after` lists of `dependents`.
pub fn plan_rm(
    project: &Project,
    node: NodeId,
    dependents: &[(NodeId, Vec<&str>)],
) -> Result<Planned> {
    let plan = &project.loaded.plan;
    let mut patches: Vec<Vec<Patch>> = vec![Vec::new(); project.loaded.sources.len()];
    let file = plan.node(node).file as usize;
    patches[file].extend(remove_patches(project, node)?);
    let mut changes = HashMap::new();
    for (id, waits) in dependents {
        let kept: Vec<String> = plan
            .list(plan.node(*id).after)
            .filter(|a| !waits.contains(a))
            .map(str::to_owned)
            .collect();
        let dependent_file = plan.node(*id).file as usize;
        patches[dependent_file].extend(after_patches(project, *id, waits, &kept)?);
        let setting = if kept.is_empty() {
            Setting::unset("after").map_err(anyhow::Error::msg)?
        } else {
            Setting::set("after", Value::List(kept))
        };
        changes.insert(*id, vec![setting]);
    }
    Ok(Planned {
        patches,
        intended: Intended {
            shape: Shape::Remove(node..plan.node(node).end),
            changes,
            new: None,
        },
    })
}

/// The patches that take a task's item out of its list.
pub fn remove_patches(project: &Project, node: NodeId) -> Result<Vec<Patch>> {
    let plan = &project.loaded.plan;
    let source = &project.loaded.sources[plan.node(node).file as usize];
    let tree = source
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
    let holder = match plan.node(node).parent {
        Some(parent) => project.loaded.yaml_node(parent),
        None => tree
            .root()
            .ok_or_else(|| anyhow!("{}: the plan is empty", source.path))?,
    };
    edit::remove_item(
        &source.text,
        tree,
        holder,
        "tasks",
        project.loaded.yaml_node(node),
    )
    .map_err(|e| anyhow!("cannot remove {}: {e}", plan.code(node)))
}

/// The patches that take `gone` out of a task's `after` list, leaving
/// `kept`: item by item in a block list, the key gone when none is left.
fn after_patches(
    project: &Project,
    node: NodeId,
    gone: &[&str],
    kept: &[String],
) -> Result<Vec<Patch>> {
    let plan = &project.loaded.plan;
    let source = &project.loaded.sources[plan.node(node).file as usize];
    let text = source.text.as_str();
    let tree = source
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
    let map = project.loaded.yaml_node(node);
    let failed = |e: edit::EditError| anyhow!("cannot edit `after` of {}: {e}", plan.code(node));
    if kept.is_empty() {
        return edit::remove_key(text, tree, map, "after").map_err(failed);
    }
    let list = tree.get(text, map, "after").map(|(_, list)| list);
    match list {
        Some(list) if tree.kind(list) == Kind::Sequence && tree.style(list) == Style::Block => {
            let mut patches = Vec::new();
            for item in tree.children(list) {
                if gone.contains(&tree.text(text, item)) {
                    patches
                        .extend(edit::remove_item(text, tree, map, "after", item).map_err(failed)?);
                }
            }
            Ok(patches)
        }
        _ => {
            let in_flow = tree.style(map) == Style::Flow;
            let value = Value::List(kept.to_vec()).render(Style::Plain, in_flow);
            edit::set_value(text, tree, map, "after", &value).map_err(failed)
        }
    }
}
