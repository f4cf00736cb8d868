//! `wbs update`: change fields of every node a query selects, in place,
//! touching only the bytes the change needs.
//!
//! The edit is planned as byte-range patches on the YAML trees, applied,
//! and the result re-loaded: it is written only if it validates and every
//! changed field reads back as intended. Writes are atomic (a temporary file
//! beside the plan, synced, then renamed over it) and refused if the file
//! changed on disk meanwhile or another wbs edit holds its lock.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use chrono::NaiveDate;

use super::Context;
use crate::edit::{self, Patch, scalar};
use crate::exit::Exit;
use crate::plan::fields::{self, Status};
use crate::plan::{NodeId, Plan};
use crate::project::Project;
use crate::row::NodeRow;
use crate::source::yaml::{Kind, Style, Tree};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select the nodes to change (see the query language)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Set the status (leaves; `cancelled` also on parents)
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Option<Status>,

    /// Set the progress, 0–100 (leaves)
    #[arg(long, value_name = "N", value_parser = parse_progress)]
    pub progress: Option<f64>,

    /// Set the owner
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,

    /// Set the start date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_arg)]
    pub start: Option<NaiveDate>,

    /// Set the due date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_arg)]
    pub due: Option<NaiveDate>,

    /// Set the effort, e.g. 4h, 1.5d, 2w (leaves)
    #[arg(long, value_name = "E", value_parser = parse_effort)]
    pub effort: Option<String>,

    /// Set the title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,

    /// Set the notes (one line)
    #[arg(long, value_name = "T")]
    pub notes: Option<String>,

    /// Print what would change, as a semantic and a text diff, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Refuse unless exactly this many nodes match
    #[arg(long, value_name = "N")]
    pub expect: Option<usize>,

    /// Allow a query of no terms, which selects every node
    #[arg(long)]
    pub all: bool,

    /// How to report what was changed
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line per changed node and a summary
    Human,
    /// `{"updated": N, "files": [...], "nodes": [node…]}`, the nodes as changed
    Json,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        format!("`{text}` is not a status; use todo, in-progress, blocked, done or cancelled")
    })
}

fn parse_progress(text: &str) -> Result<f64, String> {
    fields::parse_progress(text).ok_or_else(|| format!("`{text}` is not a progress from 0 to 100"))
}

fn parse_effort(text: &str) -> Result<String, String> {
    fields::parse_effort(text)
        .map(|_| text.to_owned())
        .ok_or_else(|| {
            format!("`{text}` is not an effort; write a number with h, d or w, e.g. 1.5d")
        })
}

/// One field to set.
struct Setting {
    key: &'static str,
    value: Value,
    /// Only leaves may carry it (status other than cancelled, progress, effort).
    leaf_only: bool,
}

/// A new value: free text, quoted as where it goes requires, or a value
/// that is already plain YAML (a status, a number, a date, an effort).
enum Value {
    Text(String),
    Plain(String),
}

impl Value {
    /// The YAML text, in the style of the value it replaces where possible.
    fn render(&self, existing: Style, in_flow: bool) -> String {
        match self {
            Value::Text(text) => scalar::render(text, existing, in_flow),
            Value::Plain(text) => text.clone(),
        }
    }
}

impl Args {
    fn settings(&self) -> Vec<Setting> {
        let mut settings = Vec::new();
        let mut set = |key, value, leaf_only| {
            settings.push(Setting {
                key,
                value,
                leaf_only,
            })
        };
        if let Some(title) = &self.title {
            set("title", Value::Text(title.clone()), false);
        }
        if let Some(status) = self.status {
            set(
                "status",
                Value::Plain(status.as_str().to_owned()),
                status != Status::Cancelled,
            );
        }
        if let Some(progress) = self.progress {
            set(
                "progress",
                Value::Plain(scalar::render_number(progress)),
                true,
            );
        }
        if let Some(owner) = &self.owner {
            set("owner", Value::Text(owner.clone()), false);
        }
        if let Some(start) = self.start {
            set("start", Value::Plain(scalar::render_date(start)), false);
        }
        if let Some(due) = self.due {
            set("due", Value::Plain(scalar::render_date(due)), false);
        }
        if let Some(effort) = &self.effort {
            set("effort", Value::Plain(effort.clone()), true);
        }
        if let Some(notes) = &self.notes {
            set("notes", Value::Text(notes.clone()), false);
        }
        settings
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let settings = args.settings();
    if settings.is_empty() {
        bail!(
            "nothing to change\nhint: name a field to set, e.g. --status done or --due 2026-12-31"
        );
    }
    if args.query.is_empty() && !args.all {
        bail!(
            "a query of no terms would change every node\nhint: add --all if that is what you want"
        );
    }
    let project = match super::open_valid(
        ctx,
        super::Load {
            keep_trees: true,
            ..super::Load::default()
        },
    )? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = super::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let ids: Vec<NodeId> = plan
        .ids()
        .filter(|&id| query.matches(plan, &project.derived, id))
        .collect();
    if ids.is_empty() {
        eprintln!(
            "error: no node matches the query; nothing was changed\nhint: `wbs list` with the same query shows what it selects"
        );
        return Ok(Exit::Finding);
    }
    if let Some(expected) = args.expect
        && expected != ids.len()
    {
        eprintln!(
            "error: {} nodes match, --expect says {expected}; nothing was changed\nhint: check the selection with `wbs list` and the same query",
            ids.len()
        );
        return Ok(Exit::Finding);
    }
    for &id in &ids {
        if !plan.is_leaf(id)
            && let Some(setting) = settings.iter().find(|s| s.leaf_only)
        {
            eprintln!(
                "error[leaf-field-on-parent]: {} {} has subtasks, which set its `{}`; nothing was changed\nhint: add is:leaf to the query to change the tasks below instead",
                plan.code(id),
                crate::safe::excerpt(plan.title(id)),
                setting.key
            );
            return Ok(Exit::Finding);
        }
    }

    // Plan the patches of every file, then apply them.
    let mut patches: Vec<Vec<Patch>> = vec![Vec::new(); project.loaded.sources.len()];
    for &id in &ids {
        let file = plan.node(id).file as usize;
        let source = &project.loaded.sources[file];
        let tree = source
            .tree()
            .ok_or_else(|| anyhow!("{}: the plan could not be parsed again", source.path))?;
        patches[file].extend(node_patches(&source.text, tree, &project, id, &settings)?);
    }
    let mut texts = Vec::with_capacity(patches.len());
    for (source, file_patches) in project.loaded.sources.iter().zip(patches) {
        let changed = !file_patches.is_empty();
        let text = edit::apply(&source.text, file_patches)
            .map_err(|e| anyhow!("{}: {e:?}", source.path))?;
        texts.push((changed, text));
    }

    // Re-load the result: it must validate, and every field must read back.
    let files: Vec<(String, Vec<u8>)> = project
        .loaded
        .sources
        .iter()
        .zip(&texts)
        .map(|(source, (_, text))| (source.path.clone(), text.clone().into_bytes()))
        .collect();
    let after = Project::load(files, project.derived.clock, false);
    if after.has_errors() || after.loaded.plan.nodes.len() != plan.nodes.len() {
        super::report_errors(ctx, &after, false)?;
        bail!(
            "the edited plan would not be valid; nothing was written (this is a bug in wbs: please report it)"
        );
    }
    for &id in &ids {
        verify(&after.loaded.plan, id, args)?;
    }

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.dry_run {
        let diff = crate::diff::diff(&project, &after, crate::diff::Options::default());
        super::diff::print_human(&project, &after, &diff, ctx, &mut out)?;
        for (source, (changed, text)) in project.loaded.sources.iter().zip(&texts) {
            if *changed {
                writeln!(out)?;
                let unified = similar::TextDiff::from_lines(source.text.as_str(), text.as_str());
                let header = source.path.as_str();
                write!(
                    out,
                    "{}",
                    unified
                        .unified_diff()
                        .context_radius(2)
                        .header(header, header)
                )?;
            }
        }
        let nodes = if ids.len() == 1 { "node" } else { "nodes" };
        writeln!(
            out,
            "\ndry run: {} {nodes} would change; nothing was written",
            ids.len()
        )?;
        return Ok(Exit::Success);
    }
    for (source, (changed, text)) in project.loaded.sources.iter().zip(&texts) {
        if *changed {
            write_atomically(Path::new(&source.path), source, text)?;
        }
    }
    let files: Vec<&str> = project
        .loaded
        .sources
        .iter()
        .zip(&texts)
        .filter(|(_, (changed, _))| *changed)
        .map(|(source, _)| source.path.as_str())
        .collect();
    if args.format == Format::Json {
        // The nodes as they read after the edit, in the SPEC §4.1 shape.
        let nodes: Vec<NodeRow<'_>> = ids.iter().map(|&id| NodeRow::new(&after, id)).collect();
        let json = serde_json::json!({ "updated": ids.len(), "files": files, "nodes": nodes });
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        for &id in &ids {
            writeln!(
                out,
                "{} {}",
                after.loaded.plan.code(id),
                crate::safe::escape_control(after.loaded.plan.title(id))
            )?;
        }
        writeln!(
            out,
            "updated {} node{} in {}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            files.join(", ")
        )?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// The patches that set `settings` on one node.
fn node_patches(
    text: &str,
    tree: &Tree,
    project: &Project,
    id: NodeId,
    settings: &[Setting],
) -> Result<Vec<Patch>> {
    let yaml = project.loaded.yaml_node(id);
    let failed = |e| anyhow!("cannot edit {}: {e:?}", project.loaded.plan.code(id));
    if tree.kind(yaml) == Kind::Scalar {
        // A plain-string task becomes a mapping that keeps its title text;
        // inside a flow list, its values are quoted for flow.
        let seq = list_of(project, tree, text, id).ok_or_else(|| {
            anyhow!(
                "cannot find the list that holds {}",
                project.loaded.plan.code(id)
            )
        })?;
        let in_flow = tree.style(seq) == Style::Flow;
        let title_text = settings.iter().find(|s| s.key == "title").map_or_else(
            || text[tree.span(yaml)].to_owned(),
            |s| s.value.render(tree.style(yaml), in_flow),
        );
        let rendered: Vec<(&str, String)> = settings
            .iter()
            .filter(|s| s.key != "title")
            .map(|s| (s.key, s.value.render(Style::Plain, in_flow)))
            .collect();
        let extra: Vec<(&str, &str)> = rendered.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return edit::plain_to_mapping(text, tree, seq, yaml, &title_text, &extra).map_err(failed);
    }
    let mut patches = Vec::new();
    let in_flow = tree.style(yaml) == Style::Flow;
    for setting in settings {
        let planned = match tree.get(text, yaml, setting.key) {
            Some((_, old)) => {
                let existing = if tree.kind(old) == Kind::Scalar {
                    tree.style(old)
                } else {
                    Style::Plain
                };
                edit::set_value(
                    text,
                    tree,
                    yaml,
                    setting.key,
                    &setting.value.render(existing, in_flow),
                )
            }
            None => edit::insert_key(
                text,
                tree,
                yaml,
                setting.key,
                &setting.value.render(Style::Plain, in_flow),
            ),
        };
        patches.extend(planned.map_err(failed)?);
    }
    Ok(patches)
}

/// The YAML list (`tasks`) that holds a node.
fn list_of(
    project: &Project,
    tree: &Tree,
    text: &str,
    id: NodeId,
) -> Option<crate::source::yaml::NodeIdx> {
    let plan = &project.loaded.plan;
    let holder = match plan.node(id).parent {
        Some(parent) => project.loaded.yaml_node(parent),
        None => tree.root()?,
    };
    tree.get(text, holder, "tasks").map(|(_, list)| list)
}

/// Checks that the re-loaded node carries every value asked for.
fn verify(plan: &Plan, id: NodeId, args: &Args) -> Result<()> {
    let node = plan.node(id);
    let wrong = |field: &str| {
        anyhow!(
            "after the edit, `{field}` of {} did not read back as asked; nothing was written (a bug in wbs: please report it)",
            plan.code(id)
        )
    };
    if args.title.as_deref().is_some_and(|t| plan.title(id) != t) {
        return Err(wrong("title"));
    }
    if args.status.is_some() && node.status != args.status {
        return Err(wrong("status"));
    }
    if args.progress.is_some() && node.progress != args.progress {
        return Err(wrong("progress"));
    }
    if args.owner.is_some() && plan.own_owner(id) != args.owner.as_deref() {
        return Err(wrong("owner"));
    }
    if args.start.is_some() && node.start != args.start {
        return Err(wrong("start"));
    }
    if args.due.is_some() && node.due != args.due {
        return Err(wrong("due"));
    }
    if let Some(effort) = &args.effort
        && node.effort_hours != fields::parse_effort(effort)
    {
        return Err(wrong("effort"));
    }
    if args.notes.is_some() && plan.notes(id) != args.notes.as_deref() {
        return Err(wrong("notes"));
    }
    Ok(())
}

/// Replaces `path` with `text`: a lock beside it keeps two wbs edits apart,
/// the file must still hold what was read, and the new text goes to a
/// temporary file in the same folder (synced, with the old permissions)
/// that is renamed over the plan, so a crash leaves the old or the new file.
fn write_atomically(path: &Path, source: &crate::source::SourceFile, text: &str) -> Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock = folder.join(format!(".{name}.wbs-lock"));
    let _guard = Lock::take(&lock)?;

    let mut expected = Vec::with_capacity(source.text.len() + 3);
    if source.bom {
        expected.extend_from_slice(b"\xEF\xBB\xBF");
    }
    expected.extend_from_slice(source.text.as_bytes());
    let now = fs::read(path).with_context(|| format!("cannot read `{}` again", path.display()))?;
    if now != expected {
        bail!(
            "`{}` changed on disk while wbs was working; nothing was written\nhint: run the command again",
            path.display()
        );
    }
    let permissions = fs::metadata(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?
        .permissions();
    let temp: PathBuf = folder.join(format!(".{name}.wbs-{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&temp)?;
        if source.bom {
            file.write_all(b"\xEF\xBB\xBF")?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::set_permissions(&temp, permissions)?;
        fs::rename(&temp, path)?;
        // The rename itself is made durable by syncing the folder.
        fs::File::open(folder)?.sync_all()
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(anyhow!(
            "cannot write `{}`: {error}; the plan is unchanged",
            path.display()
        ));
    }
    Ok(())
}

/// A lock file held for the life of the value.
struct Lock(PathBuf);

impl Lock {
    fn take(path: &Path) -> Result<Lock> {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => Ok(Lock(path.to_owned())),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "another wbs edit holds `{}`; nothing was written\nhint: wait for it, or remove the lock file if no wbs is running",
                path.display()
            ),
            Err(error) => Err(anyhow!(
                "cannot create the lock `{}`: {error}",
                path.display()
            )),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}
