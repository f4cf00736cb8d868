//! The structural edits: a task added, removed (taking its id out of the
//! `after` lists that name it) or moved with its subtasks, each planned
//! as patches and the plan it must produce, for [`super::transaction`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use anyhow::{Result, anyhow, bail};

use super::change::{Change, Setting, Value};
use super::place::{Target, describe};
use super::transaction::{Intended, NewNode, Planned, Shape};
use crate::edit::{self, Item, Patch, scalar};
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use crate::source::yaml::{Kind, Style};

/// Plans a new task with `title`, `id` and `settings` at `target`: its
/// entries are id, title, then the settings in the order given, written
/// in the style of the list it joins.
pub fn plan_add(
    project: &Project,
    target: Target,
    title: &str,
    id: Option<&str>,
    settings: Vec<Setting>,
) -> Result<Planned> {
    let plan = &project.loaded.plan;
    let file = target.file(plan);
    let source = &project.loaded.sources[file];
    let text = source.text.as_str();
    let tree = source
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
    let (holder, place) = target.holder(project, tree, text)?;
    let in_flow = target.in_flow(text, tree, holder);
    let mut rendered: Vec<(&str, String)> = Vec::new();
    if let Some(id) = id {
        rendered.push(("id", scalar::render(id, Style::Plain, in_flow)));
    }
    rendered.push(("title", scalar::render(title, Style::Plain, in_flow)));
    for setting in &settings {
        if let Change::Set(value) = &setting.change {
            rendered.push((setting.key.as_str(), value.render(Style::Plain, in_flow)));
        }
    }
    let entries: Vec<(&str, &str)> = rendered.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let indent = edit::list_indent(text, tree);
    let patches = edit::insert_item(text, tree, holder, place, Item::Entries(&entries), indent)
        .map_err(|e| {
            anyhow!(
                "cannot add under {}: {e}",
                describe(project, target.parent, crate::i18n::Lang::En)
            )
        })?;
    let mut per_file = vec![Vec::new(); project.loaded.sources.len()];
    per_file[file] = patches;
    Ok(Planned {
        patches: per_file,
        intended: Intended {
            shape: Shape::Insert {
                before: target.before_index(plan),
                file: file as u32,
                level: target.level(plan),
            },
            changes: HashMap::new(),
            new: Some(NewNode {
                id: id.map(str::to_owned),
                title: title.to_owned(),
                settings: settings
                    .into_iter()
                    .filter(|s| matches!(s.change, Change::Set(_)))
                    .collect(),
            }),
        },
    })
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

/// Plans moving `node` with its subtasks to `target`: its item is taken out
/// of its list and its text, re-indented, put in the new place.
pub fn plan_mv(project: &Project, node: NodeId, target: Target) -> Result<Planned> {
    let plan = &project.loaded.plan;
    let name = format!(
        "{} {}",
        plan.code(node),
        crate::safe::excerpt(plan.title(node))
    );
    let own_file = plan.node(node).file as usize;
    let source = &project.loaded.sources[own_file];
    let tree = source
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
    let old_holder = match plan.node(node).parent {
        Some(p) => Some(project.loaded.yaml_node(p)),
        None => tree.root(),
    };
    let old_list = super::fields::list_of(project, tree, &source.text, node);
    let (Some(old_holder), Some(old_list)) = (old_holder, old_list) else {
        bail!("cannot find the list that holds {name}");
    };
    let yaml = project.loaded.yaml_node(node);
    let failed = |e: edit::EditError| anyhow!("cannot move {name}: {e}");
    let taken = edit::take(&source.text, tree, old_list, yaml).map_err(failed)?;
    let removal =
        edit::remove_item(&source.text, tree, old_holder, "tasks", yaml).map_err(failed)?;

    let file = target.file(plan);
    let dest = &project.loaded.sources[file];
    let dest_tree = dest
        .tree()
        .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", dest.path))?;
    let (holder, place) = target.holder(project, dest_tree, &dest.text)?;
    let indent = edit::list_indent(&dest.text, dest_tree);
    let insertion = edit::insert_item(
        &dest.text,
        dest_tree,
        holder,
        place,
        Item::Taken(&taken),
        indent,
    )
    .map_err(|e| match e {
        edit::EditError::NotOneLine => crate::i18n::io::InputFailure::MoveIntoFlowList {
            name: name.to_string(),
        }
        .into(),
        e => failed(e),
    })?;
    let mut patches: Vec<Vec<Patch>> = vec![Vec::new(); project.loaded.sources.len()];
    patches[own_file].extend(removal);
    patches[file].extend(insertion);
    Ok(Planned {
        patches,
        intended: Intended {
            shape: Shape::Move {
                range: node..plan.node(node).end,
                before: target.before_index(plan),
                file: file as u32,
                level: target.level(plan),
            },
            changes: HashMap::new(),
            new: None,
        },
    })
}

/// What a move does to the owner its tasks inherit: how many tasks of the
/// moved subtree take their owner from above it, and that owner before
/// and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InheritedOwner<'p> {
    pub tasks: usize,
    pub old: Option<&'p str>,
    pub new: Option<&'p str>,
}

/// The owner change that moving `node` (now `moved` in `after`) brings to
/// the tasks that inherit theirs from above it, if it changes.
pub fn inherited_owner<'p>(
    before: &'p Project,
    node: NodeId,
    after: &'p Project,
    moved: NodeId,
) -> Option<InheritedOwner<'p>> {
    let plan = &before.loaded.plan;
    if plan.own_owner(node).is_some() {
        return None;
    }
    let old = before.derived.owner(plan, node);
    let new = after.derived.owner(&after.loaded.plan, moved);
    if old == new {
        return None;
    }
    let end = plan.node(node).end;
    let tasks = (node..end)
        .filter(|&id| {
            before
                .derived
                .node(id)
                .owner_from
                .is_none_or(|from| from < node)
        })
        .count();
    Some(InheritedOwner { tasks, old, new })
}
