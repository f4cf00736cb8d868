//! What a field change does to a node: its patches of the node's YAML,
//! and its fields as the re-loaded plan must hold them.

use std::collections::HashMap;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;

use super::change::{Change, Setting, Value, render_list};
use super::transaction::{Intended, Planned};
use crate::edit::{self, Holder, Item, Patch, Place, scalar};
use crate::plan::fields::Status;
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use crate::source::yaml::{Kind, NodeIdx, Style, Tree};

/// A node's own fields as the plan holds them: what an edit's re-loaded
/// plan is compared against.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields<'a> {
    pub id: Option<&'a str>,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub status: Option<Status>,
    pub progress: Option<f64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub effort_hours: Option<f64>,
    pub tags: Vec<&'a str>,
    pub after: Vec<&'a str>,
    pub notes: Option<&'a str>,
}

impl<'a> Fields<'a> {
    pub fn of(plan: &'a Plan, id: NodeId) -> Fields<'a> {
        let node = plan.node(id);
        Fields {
            id: plan.id_of(id),
            title: plan.title(id),
            owner: plan.own_owner(id),
            status: node.status,
            progress: node.progress.get(),
            start: node.start,
            due: node.due,
            effort_hours: node.effort_hours.get(),
            tags: plan.list(node.tags).collect(),
            after: plan.list(node.after).collect(),
            notes: plan.notes(id),
        }
    }

    /// A new node with a title and nothing else.
    pub fn titled(title: &'a str) -> Fields<'a> {
        Fields {
            id: None,
            title,
            owner: None,
            status: None,
            progress: None,
            start: None,
            due: None,
            effort_hours: None,
            tags: Vec::new(),
            after: Vec::new(),
            notes: None,
        }
    }

    /// The fields after `settings`; `x-` keys are not part of the model.
    pub fn apply(&mut self, settings: &'a [Setting]) {
        for setting in settings {
            let text = |v: &'a Value| match v {
                Value::Text(t) | Value::Effort(t, _) => Some(t.as_str()),
                _ => None,
            };
            let value = match &setting.change {
                Change::Set(value) => Some(value),
                Change::Unset => None,
                Change::Tags { add, remove } => {
                    self.tags.retain(|t| !remove.iter().any(|r| r == t));
                    for tag in add {
                        if !self.tags.contains(&tag.as_str()) {
                            self.tags.push(tag);
                        }
                    }
                    continue;
                }
            };
            match (setting.key.as_str(), value) {
                ("id", v) => self.id = v.and_then(text),
                ("title", Some(v)) => self.title = text(v).unwrap_or(self.title),
                ("owner", v) => self.owner = v.and_then(text),
                ("notes", v) => self.notes = v.and_then(text),
                ("status", Some(Value::Status(s))) => self.status = Some(*s),
                ("status", None) => self.status = None,
                ("progress", Some(Value::Number(n))) => self.progress = Some(*n),
                ("progress", None) => self.progress = None,
                ("start", Some(Value::Date(d))) => self.start = Some(*d),
                ("start", None) => self.start = None,
                ("due", Some(Value::Date(d))) => self.due = Some(*d),
                ("due", None) => self.due = None,
                ("effort", Some(Value::Effort(_, hours))) => self.effort_hours = Some(*hours),
                ("effort", None) => self.effort_hours = None,
                ("tags", Some(Value::List(items))) => {
                    self.tags = items.iter().map(String::as_str).collect();
                }
                ("tags", None) => self.tags.clear(),
                ("after", Some(Value::List(items))) => {
                    self.after = items.iter().map(String::as_str).collect();
                }
                ("after", None) => self.after.clear(),
                _ => {}
            }
        }
    }
}

/// Plans field changes of many nodes (`update`, `apply`).
///
/// A task marked done loses a progress of its own below 100 unless the
/// same change sets one: done means 100 %, and the plan would not
/// validate otherwise (`progress-contradicts-status`).
pub fn plan_fields(
    project: &Project,
    mut changes: HashMap<NodeId, Vec<Setting>>,
) -> anyhow::Result<Planned> {
    let plan = &project.loaded.plan;
    for (&node, settings) in changes.iter_mut() {
        let done = settings
            .iter()
            .any(|s| s.change == Change::Set(Value::Status(Status::Done)));
        let sets_progress = settings.iter().any(|s| s.key == "progress");
        if done && !sets_progress && plan.node(node).progress.get().is_some_and(|p| p != 100.0) {
            settings.push(Setting {
                key: "progress".to_owned(),
                change: Change::Unset,
            });
        }
    }
    let mut nodes: Vec<NodeId> = changes.keys().copied().collect();
    nodes.sort_unstable();
    let mut patches: Vec<Vec<Patch>> = vec![Vec::new(); project.loaded.sources.len()];
    for node in nodes {
        let file = plan.node(node).file as usize;
        let source = &project.loaded.sources[file];
        let tree = source
            .tree()
            .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
        let settings = changes.get(&node).map_or(&[][..], Vec::as_slice);
        patches[file].extend(node_patches(&source.text, tree, project, node, settings)?);
    }
    Ok(Planned {
        patches,
        intended: Intended::fields_only(changes),
    })
}

/// The list (`tasks`) that holds a node in its YAML tree: the parent's, or
/// the file's top level.
pub fn list_of(project: &Project, tree: &Tree, text: &str, id: NodeId) -> Option<NodeIdx> {
    let plan = &project.loaded.plan;
    let holder = match plan.node(id).parent {
        Some(parent) => project.loaded.yaml_node(parent),
        None => tree.root()?,
    };
    tree.get(text, holder, "tasks").map(|(_, list)| list)
}

/// The patches that make `settings` true of one node.
pub fn node_patches(
    text: &str,
    tree: &Tree,
    project: &Project,
    id: NodeId,
    settings: &[Setting],
) -> Result<Vec<Patch>> {
    let plan = &project.loaded.plan;
    let yaml = project.loaded.yaml_node(id);
    let failed = |e: edit::EditError| anyhow!("cannot edit {}: {e}", plan.code(id));
    if tree.kind(yaml) == Kind::Scalar {
        // A plain-string task becomes a mapping that keeps its title text;
        // inside a flow list, its values are quoted for flow.
        let seq = list_of(project, tree, text, id)
            .ok_or_else(|| anyhow!("cannot find the list that holds {}", plan.code(id)))?;
        let in_flow = tree.style(seq) == Style::Flow;
        let mut title_text = text[tree.span(yaml)].to_owned();
        let mut extra: Vec<(&str, String)> = Vec::new();
        for setting in settings {
            match (&setting.change, setting.key.as_str()) {
                (Change::Set(value), "title") => {
                    title_text = value.render(tree.style(yaml), in_flow);
                }
                (Change::Set(value), key) => extra.push((key, value.render(Style::Plain, in_flow))),
                (Change::Tags { add, .. }, key) if !add.is_empty() => {
                    extra.push((key, render_list(add)));
                }
                (Change::Tags { .. } | Change::Unset, _) => {}
            }
        }
        if extra.is_empty() && title_text == text[tree.span(yaml)] {
            return Ok(Vec::new());
        }
        let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return edit::plain_to_mapping(text, tree, seq, yaml, &title_text, &extra).map_err(failed);
    }
    let mut patches = Vec::new();
    let in_flow = tree.style(yaml) == Style::Flow;
    // New keys go after the last entry that stays.
    let removed: Vec<&str> = settings
        .iter()
        .filter(|s| s.change == Change::Unset)
        .map(|s| s.key.as_str())
        .collect();
    for setting in settings {
        let key = setting.key.as_str();
        let existing = tree.get(text, yaml, key);
        let planned = match (&setting.change, existing) {
            (Change::Set(value), Some((_, old))) => {
                let style = if tree.kind(old) == Kind::Scalar {
                    tree.style(old)
                } else {
                    Style::Plain
                };
                edit::set_value(text, tree, yaml, key, &value.render(style, in_flow))
            }
            (Change::Set(value), None) => edit::insert_key_after(
                text,
                tree,
                yaml,
                key,
                &value.render(Style::Plain, in_flow),
                &removed,
            ),
            (Change::Unset, Some(_)) => edit::remove_key_among(text, tree, yaml, key, &removed),
            (Change::Unset, None) => Ok(Vec::new()),
            (Change::Tags { add, remove }, _) => {
                let old: Vec<&str> = plan.list(plan.node(id).tags).collect();
                tag_patches(text, tree, yaml, &old, (add, remove), &removed)
            }
        };
        patches.extend(planned.map_err(failed)?);
    }
    Ok(patches)
}

/// Adds and removes tags: item by item in a block list, so only those
/// lines change; a flow list is written anew on its line.
fn tag_patches(
    text: &str,
    tree: &Tree,
    map: NodeIdx,
    old: &[&str],
    (add, remove): (&[String], &[String]),
    removed_keys: &[&str],
) -> Result<Vec<Patch>, edit::EditError> {
    let mut new: Vec<String> = old
        .iter()
        .filter(|t| !remove.iter().any(|r| r == *t))
        .map(|t| (*t).to_owned())
        .collect();
    let kept = new.len();
    for tag in add {
        if !new.contains(tag) {
            new.push(tag.clone());
        }
    }
    if new.iter().map(String::as_str).eq(old.iter().copied()) {
        return Ok(Vec::new());
    }
    let list = tree.get(text, map, "tags");
    let block = list.filter(|&(_, seq)| {
        tree.kind(seq) == Kind::Sequence && tree.style(seq) == Style::Block && kept > 0
    });
    let Some((_, seq)) = block else {
        return match list {
            Some(_) => edit::set_value(text, tree, map, "tags", &render_list(&new)),
            None => {
                edit::insert_key_after(text, tree, map, "tags", &render_list(&new), removed_keys)
            }
        };
    };
    let mut patches = Vec::new();
    for item in tree.children(seq) {
        if remove.iter().any(|r| r == tree.text(text, item)) {
            patches.extend(edit::remove_item(text, tree, map, "tags", item)?);
        }
    }
    let last_kept = tree
        .children(seq)
        .filter(|&item| !remove.iter().any(|r| r == tree.text(text, item)))
        .last();
    for tag in &new[kept..] {
        let rendered = scalar::render(tag, Style::Plain, false);
        let place = last_kept.map_or(Place::End, Place::After);
        patches.extend(edit::insert_item(
            text,
            tree,
            Holder::Map(map, "tags"),
            place,
            Item::Scalar(&rendered),
            2,
        )?);
    }
    Ok(patches)
}
