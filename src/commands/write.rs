//! What the editing commands share after planning their patches: apply
//! them, re-load the result and check it is exactly the intended plan and
//! valid, then print a dry run or write each changed file atomically.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;

use anyhow::{Result, anyhow};

use super::Context;
use super::node_edit::Fields;
use super::setting::Setting;
use crate::diagnostic::Diagnostic;
use crate::edit::{self, Patch};

mod findings;

use crate::exit::Exit;
use crate::plan::NodeId;
use crate::project::Project;
use crate::source::SourceFile;
pub use findings::{introduced_warnings, node_at};

/// The output flags of every editing command.
#[derive(Debug, clap::Args)]
pub struct WriteArgs {
    /// Print what would change (a semantic and a text diff, or JSON with --format json) and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// How to report what was changed
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line per changed node and a summary
    Human,
    /// One JSON document: the nodes, the files, the semantic diff and the warnings the edit introduces
    Json,
}

/// How the nodes of the plan are to be arranged after the edit, in terms
/// of the plan before it (node ids are positions in document order).
#[derive(Debug, Clone)]
pub enum Shape {
    /// Same nodes in the same places (only fields change).
    Same,
    /// One new node, placed before the old node `before` (or at the end of
    /// `file` when `before` starts the next file or is past the last node).
    Insert {
        before: NodeId,
        file: u32,
        level: u32,
    },
    /// A subtree gone.
    Remove(Range<NodeId>),
    /// A subtree placed before the old node `before`, in `file`, its root
    /// at `level`.
    Move {
        range: Range<NodeId>,
        before: NodeId,
        file: u32,
        level: u32,
    },
}

/// The plan an edit means to produce.
#[derive(Debug, Clone)]
pub struct Intended {
    pub shape: Shape,
    /// Field changes of nodes that were there before.
    pub changes: HashMap<NodeId, Vec<Setting>>,
    /// The node that [`Shape::Insert`] adds: its id, title and fields.
    pub new: Option<NewNode>,
}

#[derive(Debug, Clone)]
pub struct NewNode {
    pub id: Option<String>,
    pub title: String,
    pub settings: Vec<Setting>,
}

impl Intended {
    pub fn fields_only(changes: HashMap<NodeId, Vec<Setting>>) -> Intended {
        Intended {
            shape: Shape::Same,
            changes,
            new: None,
        }
    }
}

/// An edit planned on one load of the plan: each file's patches and the
/// plan they should produce.
#[derive(Debug)]
pub struct Planned {
    pub patches: Vec<Vec<Patch>>,
    pub intended: Intended,
}

/// Where a node of the edited plan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Old(NodeId),
    New,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    origin: Origin,
    file: u32,
    level: u32,
}

/// The edited plan, re-loaded and checked, and the new text of each file
/// that changed.
pub struct Staged {
    pub after: Project,
    pub texts: Vec<Option<String>>,
    origins: Vec<Origin>,
}

impl Staged {
    /// Where a node of the old plan (or the new node) is in the edited one.
    pub fn find(&self, origin: Origin) -> Option<NodeId> {
        self.origins
            .iter()
            .position(|&o| o == origin)
            .map(|at| at as NodeId)
    }

    /// The paths of the files the edit changes.
    pub fn changed_files<'p>(&self, project: &'p Project) -> Vec<&'p str> {
        project
            .loaded
            .sources
            .iter()
            .zip(&self.texts)
            .filter(|(_, text)| text.is_some())
            .map(|(source, _)| source.path.as_str())
            .collect()
    }
}

/// Applies each file's patches, re-loads the result and checks that it
/// validates (else prints why and returns the exit code: the change is
/// refused) and that it is exactly the intended plan (else an error: a bug).
pub fn stage(
    ctx: &Context,
    project: &Project,
    planned: Planned,
) -> Result<std::result::Result<Staged, Exit>> {
    match stage_or_invalid(project, planned)? {
        Ok(staged) => Ok(Ok(staged)),
        Err(after) => {
            report_invalid(ctx, &after, &after.loaded.diagnostics)?;
            Ok(Err(Exit::Finding))
        }
    }
}

/// As [`stage`], but a result that does not validate is returned, with
/// its diagnostics, for the caller to report.
pub fn stage_or_invalid(
    project: &Project,
    planned: Planned,
) -> Result<std::result::Result<Staged, Project>> {
    let texts = apply_patches(project, planned.patches)?;
    let after = reload(project, &texts);
    if after.has_errors() {
        return Ok(Err(after));
    }
    let origins = check(project, &after, &planned.intended)?;
    Ok(Ok(Staged {
        after,
        texts,
        origins,
    }))
}

/// Prints the errors among `diagnostics` of an edited plan that does not
/// validate: the edit is refused.
pub fn report_invalid(ctx: &Context, after: &Project, diagnostics: &[Diagnostic]) -> Result<()> {
    eprintln!(
        "error: the change would leave the plan invalid; nothing was written (the lines shown are of the edited text)"
    );
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    crate::diagnostic::render::human(
        &mut std::io::stderr().lock(),
        &errors,
        &after.loaded.sources,
        ctx.color(crate::output::Stream::Stderr),
    )?;
    Ok(())
}

/// Each file's new text, `None` where nothing changes.
pub fn apply_patches(project: &Project, patches: Vec<Vec<Patch>>) -> Result<Vec<Option<String>>> {
    let mut texts = Vec::with_capacity(patches.len());
    for (source, file_patches) in project.loaded.sources.iter().zip(patches) {
        if file_patches.is_empty() {
            texts.push(None);
            continue;
        }
        if has_lone_cr(&source.text) {
            anyhow::bail!(
                "`{}` ends its lines with CR alone (old Mac style), which wbs reads but does not edit; nothing was written\nhint: convert it to LF or CRLF line ends first",
                source.path
            );
        }
        let text = edit::apply(&source.text, file_patches).map_err(|e| {
            anyhow!(
                "{}: cannot edit: {e} (a bug in wbs: please report it)",
                source.path
            )
        })?;
        texts.push((text != source.text).then_some(text));
    }
    Ok(texts)
}

/// Whether a CR ends a line without an LF after it.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(at, &b)| b == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
}

/// Loads the plan set again with the new texts.
pub fn reload(project: &Project, texts: &[Option<String>]) -> Project {
    let files: Vec<(String, Vec<u8>)> = project
        .loaded
        .sources
        .iter()
        .zip(texts)
        .map(|(source, text)| {
            let text = text.as_deref().unwrap_or(&source.text);
            (source.path.clone(), text.as_bytes().to_vec())
        })
        .collect();
    // The trees are kept: validating a big edit can find many warnings
    // (children due after a moved parent date), and each needs its span.
    Project::load(files, project.derived.clock, true)
}

/// The edited plan's nodes in document order, by where each came from.
fn slots(project: &Project, shape: &Shape) -> Vec<Slot> {
    let plan = &project.loaded.plan;
    let old = |id: NodeId| {
        let node = plan.node(id);
        Slot {
            origin: Origin::Old(id),
            file: node.file,
            level: node.level,
        }
    };
    let mut slots: Vec<Slot> = Vec::with_capacity(plan.nodes.len() + 1);
    match shape {
        Shape::Same => slots.extend(plan.ids().map(old)),
        Shape::Remove(range) => {
            slots.extend(plan.ids().filter(|id| !range.contains(id)).map(old));
        }
        Shape::Insert {
            before,
            file,
            level,
        } => {
            slots.extend((0..*before).map(old));
            slots.push(Slot {
                origin: Origin::New,
                file: *file,
                level: *level,
            });
            slots.extend((*before..plan.nodes.len() as NodeId).map(old));
        }
        Shape::Move {
            range,
            before,
            file,
            level,
        } => {
            let root_level = plan.node(range.start).level;
            let moved = range.clone().map(|id| Slot {
                origin: Origin::Old(id),
                file: *file,
                level: plan.node(id).level - root_level + level,
            });
            let rest = |r: Range<NodeId>| r.filter(|id| !range.contains(id)).map(old);
            slots.extend(rest(0..*before));
            slots.extend(moved);
            slots.extend(rest(*before..plan.nodes.len() as NodeId));
        }
    }
    slots
}

/// Compares the re-loaded plan with the intended one, node by node, and
/// returns where each of its nodes came from.
pub fn check(before: &Project, after: &Project, intended: &Intended) -> Result<Vec<Origin>> {
    let slots = slots(before, &intended.shape);
    let (old, new) = (&before.loaded.plan, &after.loaded.plan);
    let bug = |what: String| {
        anyhow!("{what}; nothing was written (a bug in wbs: please report it with the plan)")
    };
    if new.nodes.len() != slots.len() {
        return Err(bug(format!(
            "the edited plan has {} tasks where {} were meant",
            new.nodes.len(),
            slots.len()
        )));
    }
    for (at, slot) in slots.iter().enumerate() {
        let id = at as NodeId;
        let node = new.node(id);
        let expected = match slot.origin {
            Origin::Old(old_id) => {
                let mut fields = Fields::of(old, old_id);
                if let Some(settings) = intended.changes.get(&old_id) {
                    fields.apply(settings);
                }
                fields
            }
            Origin::New => {
                let new_node = intended
                    .new
                    .as_ref()
                    .ok_or_else(|| bug("a new task without fields".into()))?;
                let mut fields = Fields::titled(&new_node.title);
                fields.id = new_node.id.as_deref();
                fields.apply(&new_node.settings);
                fields
            }
        };
        if node.file != slot.file || node.level != slot.level || Fields::of(new, id) != expected {
            return Err(bug(format!(
                "after the edit, {} {} does not read back as meant",
                new.code(id),
                crate::safe::excerpt(new.title(id))
            )));
        }
    }
    Ok(slots.iter().map(|s| s.origin).collect())
}

/// `--dry-run`: the semantic diff and the text diff of each changed file.
pub fn print_dry_run(
    ctx: &Context,
    before: &Project,
    staged: &Staged,
    out: &mut impl Write,
) -> Result<()> {
    let diff = crate::diff::diff(before, &staged.after, crate::diff::Options::default());
    super::diff::print_human(before, &staged.after, &diff, ctx, out)?;
    for (source, text) in before.loaded.sources.iter().zip(&staged.texts) {
        if let Some(text) = text {
            writeln!(out)?;
            let path = crate::safe::escape_control(&source.path);
            writeln!(out, "--- {path}\n+++ {path}")?;
            let unified = similar::TextDiff::from_lines(source.text.as_str(), text.as_str());
            // Each line made safe to print: the file is plan text.
            for hunk in unified.unified_diff().context_radius(2).iter_hunks() {
                writeln!(out, "{}", hunk.header())?;
                for change in hunk.iter_changes() {
                    let sign = match change.tag() {
                        similar::ChangeTag::Delete => '-',
                        similar::ChangeTag::Insert => '+',
                        similar::ChangeTag::Equal => ' ',
                    };
                    let line = change.value().trim_end_matches(['\n', '\r']);
                    writeln!(out, "{sign}{}", crate::safe::escape_control(line))?;
                }
            }
        }
    }
    Ok(())
}

/// Ends an editing command. With `--dry-run`, writes nothing and prints
/// the diffs and `dry run: {what}; nothing was written`; otherwise writes
/// the changed files and prints `human`'s lines. With `--format json`,
/// either way prints one document: `json` (given the changed files'
/// paths) with `dry_run`, the semantic diff's `summary` and `changes` (as
/// `wbs diff --format json`) and the `warnings` the edit introduces.
/// Warnings the edit introduces are printed to stderr for people.
pub fn finish(
    ctx: &Context,
    before: &Project,
    staged: &Staged,
    output: &WriteArgs,
    what: &str,
    json: impl FnOnce(&[&str]) -> serde_json::Value,
    human: impl FnOnce(&[&str], &mut dyn Write) -> std::io::Result<()>,
) -> Result<Exit> {
    let introduced = introduced_warnings(before, staged);
    if !output.dry_run {
        write_all(ctx, before, staged)?;
    }
    let files = staged.changed_files(before);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match output.format {
        Format::Json => {
            let mut document = json(&files);
            let diff = crate::diff::diff(before, &staged.after, crate::diff::Options::default());
            let diff = super::diff::json_value(before, &staged.after, &diff);
            let warnings =
                crate::diagnostic::render::json_value(&introduced, &staged.after.loaded.sources);
            if let Some(fields) = document.as_object_mut() {
                fields.insert("dry_run".into(), output.dry_run.into());
                for key in ["summary", "changes"] {
                    fields.insert(key.into(), diff.get(key).cloned().unwrap_or_default());
                }
                fields.insert("warnings".into(), warnings);
            }
            crate::safe::write_json(&mut out, &document)?;
            writeln!(out)?;
        }
        Format::Human if output.dry_run => {
            print_dry_run(ctx, before, staged, &mut out)?;
            writeln!(out, "\ndry run: {what}; nothing was written")?;
        }
        Format::Human => human(&files, &mut out)?,
    }
    out.flush()?;
    if !introduced.is_empty() && output.format == Format::Human && !ctx.global.quiet {
        let mut stderr = std::io::stderr().lock();
        let would = if output.dry_run {
            "would introduce"
        } else {
            "introduces"
        };
        writeln!(
            stderr,
            "this edit {would} {} the plan did not have:",
            count(introduced.len(), "warning")
        )?;
        crate::diagnostic::render::human(
            &mut stderr,
            &introduced,
            &staged.after.loaded.sources,
            ctx.color(crate::output::Stream::Stderr),
        )?;
    }
    Ok(Exit::Success)
}

/// `1 task`, `3 tasks`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A line per node, `CODE TITLE`, as the edited plan has them.
pub fn write_nodes(out: &mut dyn Write, after: &Project, ids: &[NodeId]) -> std::io::Result<()> {
    let plan = &after.loaded.plan;
    for &id in ids {
        writeln!(
            out,
            "{} {}",
            plan.code(id),
            crate::safe::escape_control(plan.title(id))
        )?;
    }
    Ok(())
}

/// Writes every changed file, all or none (see [`super::atomic`]).
pub fn write_all(ctx: &Context, project: &Project, staged: &Staged) -> Result<()> {
    let files: Vec<(&SourceFile, &str)> = project
        .loaded
        .sources
        .iter()
        .zip(&staged.texts)
        .filter_map(|(source, text)| Some((source, text.as_deref()?)))
        .collect();
    super::atomic::write_files(&files, ctx.env.test_pause_ms)
}
