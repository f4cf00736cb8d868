//! Reading `add`'s and `mv`'s PARENT, `--before` and `--after` into a
//! place in the plan ([`crate::edit::place`]).

use anyhow::{Result, anyhow, bail};

use crate::context::{self, Context};
use crate::edit::place::{Parent, Position, describe};
use crate::i18n::Lang;
use crate::i18n::edit::Edit;
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
    named
        .or(default)
        .ok_or_else(|| {
            let refusal = Edit::WhichFile {
                files: plan.files.len(),
                first: project.loaded.sources[0].path.clone(),
            };
            anyhow!("{}", ctx.lang().show(&refusal))
        })
        .map(Parent::Top)
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
    lang: Lang,
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
        let new_task = matches!(placing, Placing::NewTask);
        let cannot = Edit::NotASubtask {
            name: name.clone(),
            parent: describe(project, parent, lang),
        };
        let cannot = lang.show(&cannot);
        if before.is_some() {
            bail!("{cannot}\n{}", lang.show(&Edit::BeforeHint { new_task }));
        }
        let id = plan
            .id_of(sibling)
            .map(|id| crate::safe::excerpt(id).into_owned());
        let wait = match (placing, id) {
            (Placing::NewTask, Some(id)) => Edit::WaitWithSet { id },
            (Placing::Task(task), Some(id)) => Edit::WaitWithUpdate {
                task: crate::safe::excerpt(task).into_owned(),
                id,
            },
            (_, None) => Edit::WaitGiveId {
                code: plan.code(sibling),
            },
        };
        let hint = Edit::AfterHint {
            new_task,
            name,
            wait: Box::new(wait),
        };
        bail!("{cannot}\n{}", lang.show(&hint));
    }
    Ok(make(sibling))
}
