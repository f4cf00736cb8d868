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

/// What is being placed, for the hint that `--after` is not `after:`.
#[derive(Debug, Clone, Copy)]
pub enum Placing<'a> {
    /// `wbs add`'s new task.
    NewTask,
    /// `wbs mv`'s task, as the user named it.
    Task(&'a str),
}

/// Reads `--before`/`--after`: a subtask of `parent`. `--after` is a place
/// in a list, while `after:` in a plan is a dependency; when the task it
/// names is not in that list, the user may have meant the dependency, and
/// the error says how to write that.
pub fn position(
    project: &Project,
    parent: Parent,
    before: Option<&str>,
    after: Option<&str>,
    placing: Placing<'_>,
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
        let name = format!(
            "{} {}",
            plan.code(sibling),
            crate::safe::excerpt(plan.title(sibling))
        );
        let list = match placing {
            Placing::NewTask => "PARENT's subtasks",
            Placing::Task(_) => "the new parent's subtasks",
        };
        let cannot = format!("{name} is not a subtask of {}", describe(project, parent));
        if before.is_some() {
            bail!("{cannot}\nhint: --before names one of {list}, the task it goes before");
        }
        let wait = match (placing, plan.id_of(sibling).map(crate::safe::excerpt)) {
            (Placing::NewTask, Some(id)) => format!("add --set after={id} instead"),
            (Placing::Task(task), Some(id)) => format!(
                "run `wbs update {} --set after={id}` instead",
                crate::safe::excerpt(task)
            ),
            (_, None) => format!(
                "give it an id first (`wbs update {} --set id=ID`), then use --set after=ID",
                plan.code(sibling)
            ),
        };
        bail!(
            "{cannot}\nhint: --after places the task among {list}; it is not the plan's `after:` (a dependency). To make the task wait for {name} to finish, {wait}"
        );
    }
    Ok(make(sibling))
}
