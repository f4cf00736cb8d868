//! `wbs diff`: the semantic diff of two plan versions, from files, stdin or
//! git revisions.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use crate::context::{self, Context};
use crate::diff::{Change, Diff, Kind, Options, Summary};
use crate::exit::Exit;
use crate::git::Repo;
use crate::i18n::Lang;
use crate::i18n::diff::{DiffText, Label};
use crate::i18n::io::InputFailure;
use crate::output::Stream;
use crate::plan::{NodeId, Status};
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

    /// List every parent whose rolled-up progress changed (human and markdown; JSON always has them, marked)
    #[arg(long)]
    pub rollups: bool,
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
        anyhow::bail!("{}", ctx.lang().show(&DiffText::OneStdin));
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
    let shown = Shown {
        stat: args.stat,
        rollups: args.rollups,
    };
    args.format.write(ctx, shown, &old, &new, &diff, &mut out)?;
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

fn read(ctx: &Context, source: &Source, limit: u64) -> Result<Vec<(String, Vec<u8>)>> {
    match source {
        Source::WorkTree => {
            let paths = planset::resolve_plan_set(&plan_set_args(ctx, ctx.global.files.clone()))?;
            planset::read_all(&paths, limit)
        }
        Source::Path(path) if !path.exists() => {
            let missing = DiffText::Missing {
                path: path.display().to_string(),
                near: planset::near_name(path),
            };
            anyhow::bail!("{}", ctx.lang().show(&missing))
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
                .map_err(|error| InputFailure::StdinUnreadable {
                    cause: error.into(),
                })?;
            if bytes.len() as u64 > limit {
                return Err(InputFailure::StdinTooBig { limit }.into());
            }
            Ok(vec![("<stdin>".to_owned(), bytes)])
        }
        Source::Git { rev, path } => {
            let cwd = std::env::current_dir().map_err(|error| InputFailure::NoCurrentDir {
                cause: error.into(),
            })?;
            let repo = Repo::discover(&cwd)?;
            let commit = repo.resolve(rev)?;
            let roots = match path {
                Some(path) => vec![PathBuf::from(path)],
                None => crate::context::plan_roots(ctx),
            };
            let files = repo.plan_files(&commit, rev, &roots)?;
            if files.is_empty() {
                let none = DiffText::NoPlanFiles {
                    rev: rev.clone(),
                    roots: show_roots(&roots),
                };
                anyhow::bail!("{}", ctx.lang().show(&none));
            }
            repo.read_files(&commit, rev, &files, limit)
        }
    }
}

fn show_roots(roots: &[PathBuf]) -> String {
    let shown: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
    shown.join(", ")
}

/// What the human and markdown diffs show: the summary alone (`--stat`),
/// and the parents' roll-ups (`--rollups`).
#[derive(Debug, Clone, Copy, Default)]
struct Shown {
    stat: bool,
    rollups: bool,
}

impl Shown {
    /// The changes listed one by one.
    fn changes(self, diff: &Diff) -> impl Iterator<Item = &Change> {
        diff.changes
            .iter()
            .filter(move |c| !self.stat && (self.rollups || !c.rollup))
    }
}

impl Format {
    /// The one place a format picks its renderer.
    fn write(
        self,
        ctx: &Context,
        shown: Shown,
        old: &Project,
        new: &Project,
        diff: &Diff,
        out: &mut impl Write,
    ) -> Result<()> {
        match self {
            Format::Human => human(
                old,
                new,
                diff,
                shown,
                (ctx.color(Stream::Stdout), ctx.lang()),
                out,
            )?,
            Format::Markdown => markdown(old, new, diff, shown, ctx.lang(), out)?,
            Format::Json => {
                let json = JsonDiff::new(old, new, diff, shown.stat);
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

/// The value of a field as people read it: `40%`, `37.5%`, `16h`, a
/// status by its name in `lang`.
fn shown(field: Option<&str>, value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) if field == Some("status") => {
            Status::parse(s).map_or_else(|| s.clone(), |status| lang.phrase(status).to_owned())
        }
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Number(n) if field == Some("progress") => format!("{}%", number(n)),
        Value::Number(n) if field == Some("effort_hours") => format!("{}h", number(n)),
        other => other.to_string(),
    }
}

/// A number without a decimal point when it is whole.
fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        _ => n.to_string(),
    }
}

/// What changed, in words: `due 2026-11-20 → 2026-11-27 (slipped 7 days)`.
fn describe(old: &Project, new: &Project, change: &Change, lang: Lang) -> String {
    let note = change
        .note
        .as_ref()
        .map(|n| {
            let text = lang.show(n).to_string();
            lang.show(&DiffText::Bracketed { text }).to_string()
        })
        .unwrap_or_default();
    match change.kind {
        Kind::Added => lang
            .show(&DiffText::Added {
                nodes: change.subtree,
            })
            .to_string(),
        Kind::Removed => lang
            .show(&DiffText::Removed {
                nodes: change.subtree,
            })
            .to_string(),
        Kind::Moved if change.field == Some("parent") => {
            let parent = |project: &Project, node: Option<NodeId>| {
                node.map(|node| parent_of(project, node, lang))
                    .unwrap_or_default()
            };
            format!(
                "{} {} → {}{note}",
                lang.phrase(Label::Parent),
                parent(old, change.old),
                parent(new, change.new)
            )
        }
        Kind::Moved | Kind::Renamed | Kind::Changed => {
            let field = match change.field.unwrap_or("") {
                "effort_hours" => "effort",
                "position" => lang.phrase(Label::Position),
                field => field,
            };
            format!(
                "{field} {} → {}{note}",
                shown(change.field, &change.old_value, lang),
                shown(change.field, &change.new_value, lang)
            )
        }
    }
}

/// A node's parent as a move shows it: `2.1 Title`, or the top level of
/// its file.
fn parent_of(project: &Project, node: NodeId, lang: Lang) -> String {
    let plan = &project.loaded.plan;
    match plan.node(node).parent {
        Some(p) => format!("{} {}", plan.code(p), plan.title(p)),
        None => {
            let file = plan.files[plan.node(node).file as usize].path.clone();
            lang.show(&DiffText::TopLevelOf { file }).to_string()
        }
    }
}

/// `0 added, …, 1 changed; progress 49.6% → 49.8% (2 工作组 49.7% →
/// 49.9%)`: the counts, and the roll-ups in one place: the overall
/// progress and that of each top-level node whose progress changed (when
/// there are several, else it is the overall one).
fn summary_line(new: &Project, diff: &Diff, lang: Lang) -> String {
    let summary = &diff.summary;
    lang.show(&DiffText::Summary {
        added: summary.added,
        removed: summary.removed,
        moved: summary.moved,
        renamed: summary.renamed,
        changed: summary.changed,
        old: summary.progress_old,
        new: summary.progress_new,
        tops: top_level_rollups(new, diff),
    })
    .to_string()
}

/// `2 工作组 49.7% → 49.9%` for each top-level node whose rolled-up
/// progress changed, when the plan set has more than one.
fn top_level_rollups(new: &Project, diff: &Diff) -> Vec<String> {
    let plan = &new.loaded.plan;
    let tops = (0..plan.files.len())
        .map(|file| plan.roots(file).count())
        .sum::<usize>();
    if tops < 2 {
        return Vec::new();
    }
    diff.changes
        .iter()
        .filter(|c| c.rollup)
        .filter_map(|c| {
            c.new
                .filter(|&n| plan.node(n).parent.is_none())
                .map(|n| (c, n))
        })
        .map(|(c, n)| {
            let percent = |v: &Value| v.as_f64().map(|p| format!("{p:.1}%")).unwrap_or_default();
            format!(
                "{} {} {} → {}",
                plan.code(n),
                plan.title(n),
                percent(&c.old_value),
                percent(&c.new_value)
            )
        })
        .collect()
}

/// The node's code as shown, and its old code where that differs (`2.1.3
/// (was 2.1.4)`), so that a removal's code, as it was, is never taken for
/// another node's new one.
fn code(old: &Project, change: &Change, shown: String, lang: Lang) -> String {
    match (change.kind, change.old, change.new) {
        (Kind::Changed | Kind::Renamed, Some(o), Some(_)) => {
            let was = old.loaded.plan.code(o);
            if was == shown {
                shown
            } else {
                format!("{shown}{}", lang.show(&DiffText::WasCode { code: was }))
            }
        }
        _ => shown,
    }
}

/// The human diff of two loaded versions, for `update --dry-run`.
pub(crate) fn print_human(
    old: &Project,
    new: &Project,
    diff: &Diff,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<()> {
    human(
        old,
        new,
        diff,
        Shown::default(),
        (ctx.color(Stream::Stdout), ctx.lang()),
        out,
    )
}

fn human(
    old: &Project,
    new: &Project,
    diff: &Diff,
    shown: Shown,
    (color, lang): (bool, Lang),
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
    let listed: Vec<&Change> = shown.changes(diff).collect();
    if !listed.is_empty() {
        // Group by the top-level branch (as its code and title read, so a
        // removal joins the additions of the same branch), in the order
        // branches first appear.
        let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
        for change in listed {
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
                    code(old, change, plan.code(id), lang),
                    escape_control(plan.title(id)),
                    escape_control(&describe(old, new, change, lang)),
                )?;
            }
        }
        writeln!(out)?;
    }
    if diff.is_empty() {
        let progress = diff.summary.progress_new;
        writeln!(out, "{}", lang.show(&DiffText::NoDifferences { progress }))?;
    } else {
        writeln!(out, "{}", escape_control(&summary_line(new, diff, lang)))?;
    }
    Ok(())
}

fn markdown(
    old: &Project,
    new: &Project,
    diff: &Diff,
    shown: Shown,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let s = &diff.summary;
    writeln!(out, "{}", lang.phrase(Label::MarkdownHeading))?;
    writeln!(out)?;
    writeln!(out, "{}", lang.phrase(Label::MarkdownHeader))?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {:.1}% → {:.1}% |",
        s.added, s.removed, s.moved, s.renamed, s.changed, s.progress_old, s.progress_new
    )?;
    let tops = top_level_rollups(new, diff);
    if !tops.is_empty() {
        writeln!(out)?;
        let tops = markdown_text(&tops.join(" · "));
        writeln!(out, "{}", lang.show(&DiffText::TopLevelProgress { tops }))?;
    }
    if shown.stat {
        return Ok(());
    }
    writeln!(out)?;
    if diff.is_empty() {
        writeln!(out, "{}", lang.phrase(Label::MarkdownEmpty))?;
        return Ok(());
    }
    for change in shown.changes(diff) {
        let (project, id) = side(old, new, change);
        let plan = &project.loaded.plan;
        writeln!(
            out,
            "- **{}** `{}` {} — {}",
            marker(change.kind),
            code(old, change, plan.code(id), lang),
            markdown_text(plan.title(id)),
            markdown_text(&describe(old, new, change, lang)),
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
    /// In English, whatever the language: JSON never changes.
    note: Option<String>,
    /// A parent's rolled-up progress, which follows from other changes.
    rollup: bool,
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
                        note: change.note.as_ref().map(|n| Lang::En.show(n).to_string()),
                        rollup: change.rollup,
                    }
                })
                .collect(),
        }
    }
}
