//! Where `add` and `mv` put a node: under a parent (or at the top level of
//! a file), at the end of its subtasks or before or after one of them.

use anyhow::{Result, anyhow, bail};

use crate::context::{self, Context};
use crate::edit::{Holder, Place};
use crate::exit::refused;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;
use crate::source::yaml::{Kind, Style, Tree};

/// The node that gets a new child, or the top level of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    Top(usize),
    Node(NodeId),
}

/// Where among the parent's subtasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    End,
    Before(NodeId),
    After(NodeId),
}

#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub parent: Parent,
    pub position: Position,
}

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

impl Target {
    pub fn file(&self, plan: &Plan) -> usize {
        match self.parent {
            Parent::Top(file) => file,
            Parent::Node(node) => plan.node(node).file as usize,
        }
    }

    /// The level of a node put here.
    pub fn level(&self, plan: &Plan) -> u32 {
        match self.parent {
            Parent::Top(_) => 1,
            Parent::Node(node) => plan.node(node).level + 1,
        }
    }

    /// The node (in document order) that a node put here comes before.
    pub fn before_index(&self, plan: &Plan) -> NodeId {
        match (self.position, self.parent) {
            (Position::Before(sibling), _) => sibling,
            (Position::After(sibling), _) => plan.node(sibling).end,
            (Position::End, Parent::Node(node)) => plan.node(node).end,
            (Position::End, Parent::Top(file)) => plan.files[file].nodes.end,
        }
    }

    /// Who holds the list in the YAML, and where in it.
    pub fn holder<'t>(
        &self,
        project: &Project,
        tree: &'t Tree,
        text: &str,
    ) -> Result<(Holder<'t>, Place)> {
        let loaded = &project.loaded;
        let holder = match self.parent {
            Parent::Top(_) => Holder::Map(
                tree.root().ok_or_else(|| anyhow!("the plan is empty"))?,
                "tasks",
            ),
            Parent::Node(node) => {
                let yaml = loaded.yaml_node(node);
                if tree.kind(yaml) == Kind::Scalar {
                    let seq = crate::edit::fields::list_of(project, tree, text, node).ok_or_else(
                        || anyhow!("cannot find the list that holds {}", loaded.plan.code(node)),
                    )?;
                    Holder::Plain { seq, item: yaml }
                } else {
                    Holder::Map(yaml, "tasks")
                }
            }
        };
        let place = match self.position {
            Position::End => Place::End,
            Position::Before(sibling) => Place::Before(loaded.yaml_node(sibling)),
            Position::After(sibling) => Place::After(loaded.yaml_node(sibling)),
        };
        Ok((holder, place))
    }

    /// Whether what goes here is written inside `[…]` or `{…}`.
    pub fn in_flow(&self, source: &str, tree: &Tree, holder: Holder<'_>) -> bool {
        match holder {
            Holder::Plain { seq, .. } => tree.style(seq) == Style::Flow,
            Holder::Map(map, key) => {
                tree.style(map) == Style::Flow
                    || tree.get(source, map, key).is_some_and(|(_, list)| {
                        tree.kind(list) == Kind::Sequence
                            && tree.style(list) == Style::Flow
                            && tree.children(list).next().is_some()
                    })
            }
        }
    }
}

/// "1.2 Design" or "the top level of plans/x.yaml".
pub fn describe(project: &Project, parent: Parent) -> String {
    let plan = &project.loaded.plan;
    match parent {
        Parent::Top(file) => format!(
            "the top level of {}",
            crate::safe::escape_control(&project.loaded.sources[file].path)
        ),
        Parent::Node(node) => format!(
            "{} {}",
            plan.code(node),
            crate::safe::excerpt(plan.title(node))
        ),
    }
}

/// Refuses to give subtasks to a leaf whose status, progress or effort a
/// parent cannot have (`leaf-field-on-parent`).
pub fn check_can_have_children(project: &Project, parent: Parent) -> Result<()> {
    let Parent::Node(node) = parent else {
        return Ok(());
    };
    let plan = &project.loaded.plan;
    let n = plan.node(node);
    let field = if n.status.is_some_and(|s| s != Status::Cancelled) {
        "status"
    } else if n.progress.is_some() {
        "progress"
    } else if n.effort_hours.is_some() {
        "effort"
    } else {
        return Ok(());
    };
    let code = plan.code(node);
    let hint = match plan.id_of(node) {
        Some(id) => format!(
            "remove it first: wbs update id:{id} --unset status --unset progress --unset effort"
        ),
        None => "remove its status, progress and effort first (`wbs update` with a query that selects it and --unset status --unset progress --unset effort)".to_owned(),
    };
    Err(refused(format!(
        "[leaf-field-on-parent] {code} {} sets its own `{field}`, which a task with subtasks cannot; nothing was changed\nhint: {hint}",
        crate::safe::excerpt(plan.title(node)),
    )))
}
