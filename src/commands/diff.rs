//! `wbs diff`: the semantic diff of two plan versions, from files, stdin or
//! git revisions.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use crate::context::{self, Context};
use crate::diff::{Change, Diff, Kind, Options, Summary};
use crate::exit::Exit;
use crate::git::Repo;
use crate::output::Stream;
use crate::plan::NodeId;
use crate::project::Project;
use crate::safe::{escape_control, markdown_text};
use crate::source::{PlanSetArgs, planset};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version: a path, `-` (stdin), REV:PATH, or a git revision (the plan set as of it)
    #[arg(value_name = "OLD", allow_hyphen_values = true)]
    pub old: String,

    /// The new version, in the same forms (default: the plan set in the working tree)
    #[arg(value_name = "NEW", allow_hyphen_values = true)]
    pub new: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Print only the summary
    #[arg(long)]
    pub stat: bool,

    /// Exit 1 when the versions differ (2 when either does not validate)
    #[arg(long)]
    pub exit_code: bool,

    /// Also report nodes that moved among the same siblings
    #[arg(long)]
    pub include_order: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Changes grouped by branch, with + − ~ → markers
    Human,
    /// A summary table and a list of changes, for a pull-request comment
    Markdown,
    /// One JSON document (the diff shape of the README)
    Json,
}

/// Where one version comes from, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// The working-tree plan set (`-f`, `WBS_FILE` or `plans/`).
    WorkTree,
    Stdin,
    /// A file or folder on disk.
    Path(PathBuf),
    /// A file (`REV:PATH`) or the plan set (bare `REV`) as of a revision.
    Git {
        rev: String,
        path: Option<String>,
    },
}

impl Source {
    /// `-` is stdin; anything that exists on disk is a path, so a path with a
    /// `:` in it still works; `REV:PATH` names a file at a revision;
    /// anything else is a revision.
    fn parse(text: &str) -> Source {
        if text == "-" {
            return Source::Stdin;
        }
        if Path::new(text).exists() {
            return Source::Path(PathBuf::from(text));
        }
        match crate::git::split_rev_path(text) {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => Source::Git {
                rev: rev.to_owned(),
                path: Some(path.to_owned()),
            },
            // A plan file's name is a path even when it is missing, so the
            // error says so rather than "unknown revision".
            _ if planset::path_like(text).is_some() => Source::Path(PathBuf::from(text)),
            _ => Source::Git {
                rev: text.to_owned(),
                path: None,
            },
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let old_source = Source::parse(&args.old);
    let new_source = args.new.as_deref().map_or(Source::WorkTree, Source::parse);
    if old_source == Source::Stdin && new_source == Source::Stdin {
        anyhow::bail!("only one version can come from stdin (`-`)");
    }
    let clock = ctx.clock()?;
    let limit = planset::max_bytes(&plan_set_args(ctx, Vec::new()))?;
    let (old_files, new_files) = (
        read(ctx, &old_source, limit)?,
        read(ctx, &new_source, limit)?,
    );
    // The two versions load on two threads: a diff then costs about one
    // load, not two, on a machine with a second core.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(move || Project::load(old_files, clock, false));
        let new = Project::load(new_files, clock, false);
        (old.join(), new)
    });
    let old = old.map_err(|_| anyhow::anyhow!("loading the old version failed"))?;
    // Errors in either version stop the diff; warnings are the new
    // version's business (the old one's were seen when it was new). With
    // `--exit-code` the script asked "do they differ?", which a version
    // that does not validate leaves unanswered: exit 2, not 1 (SPEC §5).
    for (project, warnings) in [(&old, false), (&new, true)] {
        if let Some(exit) = context::report_errors(ctx, project, warnings)? {
            return Ok(if args.exit_code { Exit::Failure } else { exit });
        }
    }
    let diff = crate::diff::diff(
        &old,
        &new,
        Options {
            include_order: args.include_order,
        },
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    args.format
        .write(ctx, args.stat, &old, &new, &diff, &mut out)?;
    out.flush()?;
    Ok(if args.exit_code && !diff.is_empty() {
        Exit::Finding
    } else {
        Exit::Success
    })
}

pub(super) fn plan_set_args(ctx: &Context, files: Vec<PathBuf>) -> PlanSetArgs {
    PlanSetArgs {
        files,
        env_file: ctx.env.wbs_file.clone(),
        env_max_bytes: ctx.env.wbs_max_bytes.clone(),
    }
}

/// The working-tree plan-set roots: `-f` paths, else `WBS_FILE`, else `plans`.
fn roots(ctx: &Context) -> Vec<PathBuf> {
    if !ctx.global.files.is_empty() {
        return ctx.global.files.clone();
    }
    match ctx.env.wbs_file.as_ref().filter(|v| !v.is_empty()) {
        Some(env) => std::env::split_paths(env).collect(),
        None => vec![PathBuf::from(planset::DEFAULT_FOLDER)],
    }
}

fn read(ctx: &Context, source: &Source, limit: u64) -> Result<Vec<(String, Vec<u8>)>> {
    match source {
        Source::WorkTree => {
            let paths = planset::resolve_plan_set(&plan_set_args(ctx, ctx.global.files.clone()))?;
            planset::read_all(&paths, limit)
        }
        Source::Path(path) if !path.exists() => {
            let hint = match planset::near_name(path) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name a plan file or folder, `-`, REV:PATH or a git revision".to_owned(),
            };
            anyhow::bail!("`{}` does not exist\nhint: {hint}", path.display())
        }
        Source::Path(path) => {
            let paths = planset::resolve_plan_set(&plan_set_args(ctx, vec![path.clone()]))?;
            planset::read_all(&paths, limit)
        }
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .context("cannot read the plan from stdin")?;
            if bytes.len() as u64 > limit {
                anyhow::bail!(
                    "the plan on stdin is over the limit of {limit} bytes\nhint: raise the limit with WBS_MAX_BYTES"
                );
            }
            Ok(vec![("<stdin>".to_owned(), bytes)])
        }
        Source::Git { rev, path } => {
            let cwd = std::env::current_dir().context("cannot tell the current directory")?;
            let repo = Repo::discover(&cwd)?;
            let commit = repo.resolve(rev)?;
            let roots = match path {
                Some(path) => vec![PathBuf::from(path)],
                None => roots(ctx),
            };
            let files = repo.plan_files(&commit, rev, &roots)?;
            if files.is_empty() {
                anyhow::bail!(
                    "no plan files (*.yaml, *.yml) at {rev} in {}",
                    show_roots(&roots)
                );
            }
            repo.read_files(&commit, rev, &files, limit)
        }
    }
}

fn show_roots(roots: &[PathBuf]) -> String {
    let shown: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
    shown.join(", ")
}

impl Format {
    /// The one place a format picks its renderer.
    fn write(
        self,
        ctx: &Context,
        stat: bool,
        old: &Project,
        new: &Project,
        diff: &Diff,
        out: &mut impl Write,
    ) -> Result<()> {
        match self {
            Format::Human => human(old, new, diff, stat, ctx.color(Stream::Stdout), out)?,
            Format::Markdown => markdown(old, new, diff, stat, out)?,
            Format::Json => {
                let json = JsonDiff::new(old, new, diff, stat);
                crate::safe::write_json(&mut *out, &json)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }
}

/// A diff in the shape `wbs diff --format json` prints (`summary`,
/// `changes`), as a JSON value to put inside an edit's report.
pub(crate) fn json_value(old: &Project, new: &Project, diff: &Diff) -> Value {
    serde_json::to_value(JsonDiff::new(old, new, diff, false)).unwrap_or_default()
}

/// The project and node a change is shown with: the new version's, or the
/// old one's for a removal.
fn side<'p>(old: &'p Project, new: &'p Project, change: &Change) -> (&'p Project, NodeId) {
    match (change.new, change.old) {
        (Some(n), _) => (new, n),
        (None, Some(o)) => (old, o),
        // Every change has a node on at least one side.
        (None, None) => (new, 0),
    }
}

/// The top-level node a change belongs under, for grouping.
fn branch(project: &Project, id: NodeId) -> NodeId {
    let plan = &project.loaded.plan;
    let mut top = id;
    while let Some(parent) = plan.node(top).parent {
        top = parent;
    }
    top
}

fn marker(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "+",
        Kind::Removed => "−",
        Kind::Moved => "→",
        Kind::Renamed | Kind::Changed => "~",
    }
}

/// The value of a field as people read it.
fn shown(field: Option<&str>, value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Number(n) if field == Some("progress") => format!("{n}%"),
        Value::Number(n) if field == Some("effort_hours") => format!("{n}h"),
        other => other.to_string(),
    }
}

/// What changed, in words: `due 2026-11-20 → 2026-11-27 (slipped 7 days)`.
fn describe(change: &Change) -> String {
    let note = change
        .note
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    match change.kind {
        Kind::Added => format!("added ({} node{})", change.subtree, plural(change.subtree)),
        Kind::Removed => format!(
            "removed ({} node{})",
            change.subtree,
            plural(change.subtree)
        ),
        Kind::Moved | Kind::Renamed | Kind::Changed => {
            let field = change.field.unwrap_or("");
            let field = if field == "effort_hours" {
                "effort"
            } else {
                field
            };
            format!(
                "{field} {} → {}{note}",
                shown(change.field, &change.old_value),
                shown(change.field, &change.new_value)
            )
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn summary_line(summary: &Summary) -> String {
    format!(
        "{} added, {} removed, {} moved, {} renamed, {} changed; progress {:.1}% → {:.1}%",
        summary.added,
        summary.removed,
        summary.moved,
        summary.renamed,
        summary.changed,
        summary.progress_old,
        summary.progress_new
    )
}

/// The human diff of two loaded versions, for `update --dry-run`.
pub(crate) fn print_human(
    old: &Project,
    new: &Project,
    diff: &Diff,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    human(old, new, diff, false, ctx.color(Stream::Stdout), out)
}

fn human(
    old: &Project,
    new: &Project,
    diff: &Diff,
    stat: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<()> {
    let paint = |kind: Kind| match (color, kind) {
        (false, _) => "",
        (true, Kind::Added) => "\x1b[32m",
        (true, Kind::Removed) => "\x1b[31m",
        (true, Kind::Moved) => "\x1b[36m",
        (true, _) => "\x1b[33m",
    };
    let reset = if color { "\x1b[0m" } else { "" };
    if !stat {
        // Group by the top-level branch (as its code and title read, so a
        // removal joins the additions of the same branch), in the order
        // branches first appear.
        let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
        for change in &diff.changes {
            let (project, id) = side(old, new, change);
            let plan = &project.loaded.plan;
            let top = branch(project, id);
            let heading = format!("{} {}", plan.code(top), escape_control(plan.title(top)));
            match groups.iter_mut().find(|(h, _)| *h == heading) {
                Some(group) => group.1.push(change),
                None => groups.push((heading, vec![change])),
            }
        }
        for (heading, changes) in groups {
            writeln!(out, "{heading}")?;
            for change in changes {
                let (project, id) = side(old, new, change);
                let plan = &project.loaded.plan;
                writeln!(
                    out,
                    "  {}{}{} {} {}: {}",
                    paint(change.kind),
                    marker(change.kind),
                    reset,
                    plan.code(id),
                    escape_control(plan.title(id)),
                    escape_control(&describe(change)),
                )?;
            }
        }
        if !diff.is_empty() {
            writeln!(out)?;
        }
    }
    if diff.is_empty() {
        writeln!(
            out,
            "no differences; progress {:.1}%",
            diff.summary.progress_new
        )?;
    } else {
        writeln!(out, "{}", summary_line(&diff.summary))?;
    }
    Ok(())
}

fn markdown(
    old: &Project,
    new: &Project,
    diff: &Diff,
    stat: bool,
    out: &mut impl Write,
) -> Result<()> {
    let s = &diff.summary;
    writeln!(out, "### Plan changes")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Added | Removed | Moved | Renamed | Changed | Progress |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---|")?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {:.1}% → {:.1}% |",
        s.added, s.removed, s.moved, s.renamed, s.changed, s.progress_old, s.progress_new
    )?;
    if stat {
        return Ok(());
    }
    writeln!(out)?;
    if diff.is_empty() {
        writeln!(out, "_No differences._")?;
        return Ok(());
    }
    for change in &diff.changes {
        let (project, id) = side(old, new, change);
        let plan = &project.loaded.plan;
        writeln!(
            out,
            "- **{}** `{}` {} — {}",
            marker(change.kind),
            plan.code(id),
            markdown_text(plan.title(id)),
            markdown_text(&describe(change)),
        )?;
    }
    Ok(())
}

/// The diff shape of SPEC §4.1, with a few more fields.
#[derive(Serialize)]
struct JsonDiff<'p> {
    summary: Summary,
    changes: Vec<JsonChange<'p>>,
}

#[derive(Serialize)]
struct JsonChange<'p> {
    kind: Kind,
    id: Option<&'p str>,
    /// The code in the new version (the old one for a removal).
    code: String,
    title: &'p str,
    field: Option<&'static str>,
    old: &'p Value,
    new: &'p Value,
    /// The code in the old version, where the node was there.
    old_code: Option<String>,
    /// Nodes in an added or removed subtree.
    subtree: usize,
    note: Option<&'p str>,
}

impl<'p> JsonDiff<'p> {
    fn new(old: &'p Project, new: &'p Project, diff: &'p Diff, stat: bool) -> JsonDiff<'p> {
        let changes = if stat { &[][..] } else { &diff.changes[..] };
        JsonDiff {
            summary: diff.summary,
            changes: changes
                .iter()
                .map(|change| {
                    let (project, id) = side(old, new, change);
                    let plan = &project.loaded.plan;
                    JsonChange {
                        kind: change.kind,
                        id: plan.id_of(id),
                        code: plan.code(id),
                        title: plan.title(id),
                        field: change.field,
                        old: &change.old_value,
                        new: &change.new_value,
                        old_code: change.old.map(|o| old.loaded.plan.code(o)),
                        subtree: change.subtree,
                        note: change.note.as_deref(),
                    }
                })
                .collect(),
        }
    }
}
