//! `wbs mv`: move a task with its subtasks and the comment lines above it
//! to another parent or another place in its list, re-indented.

use std::io::Write;

use anyhow::{Result, anyhow, bail};

use super::edit_output::{self, WriteArgs};
use super::place_args;
use crate::context::{self, Context};
use crate::edit::ops::{InheritedOwner, inherited_owner, plan_mv};
use crate::edit::place::{self, Parent, Target};
use crate::edit::transaction::Origin;
use crate::exit::Exit;
use crate::i18n::edit::Edit;
use crate::row::NodeRow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The task to move: its id or WBS code
    #[arg(value_name = "NODE")]
    pub node: String,

    /// The new parent: an id, a WBS code, or `.` for the top level (default: the parent of --before/--after)
    #[arg(long, value_name = "PARENT", required_unless_present_any = ["before", "after"])]
    pub under: Option<String>,

    /// Place it just before this task of the new parent's list
    #[arg(long, value_name = "NODE", conflicts_with = "after")]
    pub before: Option<String>,

    /// Place it just after this task of the new parent's list: a place, not a dependency (for the plan's `after:`, use `wbs update NODE --set after=ID`)
    #[arg(long, value_name = "NODE")]
    pub after: Option<String>,

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
    let own_file = plan.node(node).file as usize;
    let parent = match &args.under {
        Some(under) => place_args::parent(ctx, &project, under, Some(own_file))?,
        None => {
            // The parent of the sibling named by --before/--after.
            let sibling = args
                .before
                .as_deref()
                .or(args.after.as_deref())
                .unwrap_or_default();
            let sibling = context::resolve_node(plan, sibling)?;
            match plan.node(sibling).parent {
                Some(p) => Parent::Node(p),
                None => Parent::Top(plan.node(sibling).file as usize),
            }
        }
    };
    let name = format!(
        "{} {}",
        plan.code(node),
        crate::safe::excerpt(plan.title(node))
    );
    if let Parent::Node(p) = parent
        && range.contains(&p)
    {
        bail!("{}", lang.show(&Edit::UnderItself { name }));
    }
    if [args.before.as_deref(), args.after.as_deref()]
        .into_iter()
        .flatten()
        .any(|s| context::resolve_node(plan, s).is_ok_and(|s| s == node))
    {
        bail!("{}", lang.show(&Edit::BesideItself { name }));
    }
    let position = place_args::position(
        &project,
        parent,
        args.before.as_deref(),
        args.after.as_deref(),
        place_args::Placing::Task(&args.node),
        lang,
    )?;
    let target = Target { parent, position };
    let before = target.before_index(plan);
    let same_parent = match parent {
        Parent::Node(p) => plan.node(node).parent == Some(p),
        Parent::Top(file) => plan.node(node).parent.is_none() && own_file == file,
    };
    if same_parent && (before == range.start || before == range.end) {
        let mut out = std::io::stdout().lock();
        let name = crate::safe::escape_control(&name).into_owned();
        writeln!(out, "{}", lang.show(&Edit::AlreadyThere { name }))?;
        return Ok(Exit::Success);
    }
    place::check_can_have_children(&project, parent, lang)?;

    let planned = plan_mv(&project, node, target)?;
    let staged = match edit_output::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };
    let moved = staged
        .find(Origin::Old(node))
        .ok_or_else(|| anyhow!("the moved task is not in the edited plan"))?;
    let after = &staged.after;
    let owner = inherited_owner(&project, node, after, moved);
    let owner_said = |would: bool| {
        owner
            .as_ref()
            .map(|change| Box::new(owner_note(change, range.len(), would)))
    };
    edit_output::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        &lang
            .show(&Edit::WouldMove {
                count: range.len(),
                owner: owner_said(true),
            })
            .to_string(),
        |files| {
            let rows: Vec<NodeRow<'_>> = (moved..after.loaded.plan.node(moved).end)
                .map(|id| NodeRow::new(after, id))
                .collect();
            serde_json::json!({ "moved": range.len(), "files": files, "nodes": rows })
        },
        |files, out| {
            let done = Edit::Moved {
                name: crate::safe::escape_control(&name).into_owned(),
                below: range.len() - 1,
                code: after.loaded.plan.code(moved),
                files: crate::safe::escape_control(&files.join(", ")).into_owned(),
                owner: owner_said(false),
            };
            writeln!(out, "{}", lang.show(&done))
        },
    )
}

/// `; they would inherit owner li instead of ana`: what a move does to the
/// owner of the `total` moved tasks, `would` for a dry run. Owners are
/// plan text, made safe to print.
fn owner_note(change: &InheritedOwner<'_>, total: usize, would: bool) -> Edit {
    let shown = |owner: Option<&str>| owner.map(|o| crate::safe::escape_control(o).into_owned());
    Edit::InheritedOwner {
        total,
        tasks: change.tasks,
        would,
        old: shown(change.old),
        new: shown(change.new),
    }
}
