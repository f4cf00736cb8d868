//! Reading `add`'s and `mv`'s PARENT, `--before` and `--after` into a
//! place in the plan ([`crate::edit::place`]).

use anyhow::{Result, anyhow, bail};

use crate::context::{self, Context};
use crate::edit::place::{Parent, Position, describe};
use crate::plan::NodeId;
use crate::project::Project;

/// Reads PARENT: `.` is the top level of the plan's file (in a plan set,
/// of the file that `-f` names last, or of `default` when `-f` names none);
/// a plan set's file number (`2`) is the top level of that file; anything
/// else is a node's id or WBS code.
pub fn parent(
    ctx: &Context,
    project: &Project,
    reference: &str,
    default: Option<usize>,
) -> Result<Parent> {
    let plan = &project.loaded.plan;
    if reference != "." {
        if plan.files.len() > 1
            && let Ok(number) = reference.parse::<usize>()
            && (1..=plan.files.len()).contains(&number)
        {
            return Ok(Parent::Top(number - 1));
        }
        return context::resolve_node(plan, reference).map(Parent::Node);
    }
    if plan.files.len() == 1 {
        return Ok(Parent::Top(0));
    }
    let named = ctx.global.files.iter().rev().find_map(|path| {
        let path = std::fs::canonicalize(path).ok()?;
        project
            .loaded
            .sources
            .iter()
            .position(|s| std::fs::canonicalize(&s.path).ok().as_ref() == Some(&path))
    });
    named.or(default).ok_or_else(|| {
        anyhow!(
            "the plan set has {} files; `.` needs to know which one\nhint: name it with -f as well, e.g. `wbs -f plans -f {} …`, or give its number (1 to {}) instead of `.`",
            plan.files.len(),
            project.loaded.sources[0].path,
            plan.files.len()
        )
    }).map(Parent::Top)
}

/// Reads `--before`/`--after`: a subtask of `parent`.
pub fn position(
    project: &Project,
    parent: Parent,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<Position> {
    let plan = &project.loaded.plan;
    let (reference, make): (&str, fn(NodeId) -> Position) = match (before, after) {
        (Some(before), _) => (before, Position::Before),
        (None, Some(after)) => (after, Position::After),
        (None, None) => return Ok(Position::End),
    };
    let sibling = context::resolve_node(plan, reference)?;
    let node = plan.node(sibling);
    let under = match parent {
        Parent::Node(p) => node.parent == Some(p),
        Parent::Top(file) => node.parent.is_none() && node.file as usize == file,
    };
    if !under {
        bail!(
            "{} {} is not a subtask of {}\nhint: --before and --after name a task of the same list",
            plan.code(sibling),
            crate::safe::excerpt(plan.title(sibling)),
            describe(project, parent)
        );
    }
    Ok(make(sibling))
}
