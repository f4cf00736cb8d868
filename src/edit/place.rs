//! Where `add` and `mv` put a node: under a parent (or at the top level of
//! a file), at the end of its subtasks or before or after one of them.

use anyhow::{Result, anyhow};

use crate::edit::{Holder, Place};
use crate::exit::refused;
use crate::i18n::Lang;
use crate::i18n::edit::Edit;
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
                    let seq =
                        super::fields::list_of(project, tree, text, node).ok_or_else(|| {
                            anyhow!("cannot find the list that holds {}", loaded.plan.code(node))
                        })?;
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

/// "1.2 Design" or "the top level of plans/x.yaml", in `lang`.
pub fn describe(project: &Project, parent: Parent, lang: Lang) -> String {
    let plan = &project.loaded.plan;
    match parent {
        Parent::Top(file) => {
            let file = crate::safe::escape_control(&project.loaded.sources[file].path).into_owned();
            lang.show(&Edit::TopLevelOf { file }).to_string()
        }
        Parent::Node(node) => format!(
            "{} {}",
            plan.code(node),
            crate::safe::excerpt(plan.title(node))
        ),
    }
}

/// Refuses to give subtasks to a leaf whose status, progress or effort a
/// parent cannot have (`leaf-field-on-parent`), saying so in `lang`.
pub fn check_can_have_children(project: &Project, parent: Parent, lang: Lang) -> Result<()> {
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
    let refusal = Edit::CannotHaveChildren {
        name: format!(
            "{} {}",
            plan.code(node),
            crate::safe::excerpt(plan.title(node))
        ),
        field,
        id: plan.id_of(node).map(str::to_owned),
    };
    Err(refused(format!(
        "[leaf-field-on-parent] {}",
        lang.show(&refusal)
    )))
}
