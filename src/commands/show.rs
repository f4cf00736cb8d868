//! `wbs show`: every field of one node, its dependencies both ways, and how
//! its progress adds up.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::derive::round1;
use crate::plan::fields::format_hours;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::row::NodeRow;
use crate::safe::escape_control;
use crate::table::{Cell, Column, Table, Tone};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The node: an id or a WBS code such as 2.2.1
    #[arg(value_name = "NODE")]
    pub node: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Sections for people
    Human,
    /// One JSON object
    Json,
}

/// Everything `show` says about a node, as scripts read it: the SPEC §4.1
/// node, then its neighbours and its roll-up.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    row: NodeRow<'a>,
    identity: String,
    after_nodes: Vec<Link<'a>>,
    waited_on_by: Vec<Link<'a>>,
    children: Vec<Share<'a>>,
    rollup: RollUp,
}

/// Another node, named enough to find it.
#[derive(Debug, Serialize)]
struct Link<'a> {
    code: String,
    id: Option<&'a str>,
    title: &'a str,
    status: Status,
}

/// A direct child and what it contributes to its parent's progress.
#[derive(Debug, Serialize)]
struct Share<'a> {
    code: String,
    id: Option<&'a str>,
    title: &'a str,
    status: Status,
    progress: f64,
    /// Effort hours of its non-cancelled leaves; 0 when cancelled.
    weight_hours: f64,
    /// Its non-cancelled leaves, which count when every weight is 0.
    leaves: usize,
    /// Points of the parent's progress that come from this child.
    share: f64,
    cancelled: bool,
}

/// How the node's own progress is computed.
#[derive(Debug, Serialize)]
struct RollUp {
    /// The weight the node carries in every roll-up above it.
    weight_hours: f64,
    /// Non-cancelled leaves at or below the node.
    leaves: usize,
    progress: f64,
    method: Method,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Method {
    /// Σ weight × progress / Σ weight over the leaves below.
    Weighted,
    /// Every weight below is 0: the plain mean over the leaves below.
    Mean,
    /// A leaf's own progress.
    Leaf,
    /// Cancelled: not counted anywhere.
    Cancelled,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = match context::open_valid(ctx, context::Load::default())? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let plan = &project.loaded.plan;
    let node = context::resolve_node(plan, &args.node)?;
    let shown = Shown::new(&project, node);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Human => human(&mut out, &project, node, &shown, ctx)?,
        Format::Json => {
            crate::safe::write_json(&mut out, &shown)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

impl<'a> Shown<'a> {
    fn new(project: &'a Project, node: NodeId) -> Shown<'a> {
        let plan = &project.loaded.plan;
        let derived = &project.derived;
        let d = derived.node(node);
        let after_nodes = plan
            .list(plan.node(node).after)
            .filter_map(|id| plan.find_id(id))
            .map(|n| Link::new(project, n))
            .collect();
        // One scan of the plan: `after` lists name ids, so only a node with
        // an id can be waited on.
        let waited_on_by = match plan.id_of(node) {
            Some(own) => plan
                .ids()
                .filter(|&n| plan.list(plan.node(n).after).any(|a| a == own))
                .map(|n| Link::new(project, n))
                .collect(),
            None => Vec::new(),
        };
        let children: Vec<NodeId> = plan.children(node).collect();
        let weights: Vec<(f64, usize)> = children.iter().map(|&c| counted(project, c)).collect();
        let (weight_hours, leaves) = counted(project, node);
        let method = if d.cancelled {
            Method::Cancelled
        } else if plan.is_leaf(node) {
            Method::Leaf
        } else if weight_hours > 0.0 {
            Method::Weighted
        } else {
            Method::Mean
        };
        let exact: Vec<f64> = children
            .iter()
            .zip(&weights)
            .map(|(&c, &(weight, count))| {
                let progress = derived.node(c).progress;
                match method {
                    Method::Weighted => weight * progress / weight_hours,
                    Method::Mean => count as f64 * progress / leaves as f64,
                    Method::Leaf | Method::Cancelled => 0.0,
                }
            })
            .collect();
        let shares = round_shares(&exact, d.progress);
        let children = children
            .iter()
            .zip(weights)
            .zip(shares)
            .map(|((&c, (weight_hours, leaves)), share)| {
                let link = Link::new(project, c);
                Share {
                    code: link.code,
                    id: link.id,
                    title: link.title,
                    status: link.status,
                    progress: round1(derived.node(c).progress),
                    weight_hours,
                    leaves,
                    share,
                    cancelled: derived.node(c).cancelled,
                }
            })
            .collect();
        Shown {
            row: NodeRow::new(project, node),
            identity: derived.identity(plan, node),
            after_nodes,
            waited_on_by,
            children,
            rollup: RollUp {
                weight_hours,
                leaves,
                progress: round1(d.progress),
                method,
            },
        }
    }
}

impl<'a> Link<'a> {
    fn new(project: &'a Project, node: NodeId) -> Link<'a> {
        let plan = &project.loaded.plan;
        Link {
            code: plan.code(node),
            id: plan.id_of(node),
            title: plan.title(node),
            status: project.derived.node(node).status,
        }
    }
}

/// The weight a node carries in the roll-ups above it and the number of
/// non-cancelled leaves at or below it: nothing when it is cancelled.
fn counted(project: &Project, node: NodeId) -> (f64, usize) {
    let plan = &project.loaded.plan;
    let derived = &project.derived;
    if derived.node(node).cancelled {
        return (0.0, 0);
    }
    let leaves = (node..plan.node(node).end)
        .filter(|&n| plan.is_leaf(n) && !derived.node(n).cancelled)
        .count();
    (derived.node(node).effort_hours, leaves)
}

/// Rounds each child's exact share to one decimal so that the rounded
/// shares add up to the rounded total, as a reader checking the sum
/// expects: every share is cut to tenths and the tenths still missing go to
/// the shares that lost the most (the largest-remainder method). No share
/// moves by a tenth or more.
fn round_shares(exact: &[f64], total: f64) -> Vec<f64> {
    let target = (round1(total) * 10.0).round() as i64;
    // The nudge keeps 12.3, stored as 12.29999…, at 12.3.
    let scaled: Vec<f64> = exact.iter().map(|s| s * 10.0 + 1e-9).collect();
    let mut tenths: Vec<i64> = scaled.iter().map(|s| s.floor() as i64).collect();
    let mut order: Vec<usize> = (0..exact.len())
        .filter(|&i| scaled[i].fract() > 1e-6)
        .collect();
    order.sort_by(|&a, &b| {
        scaled[b]
            .fract()
            .total_cmp(&scaled[a].fract())
            .then(a.cmp(&b))
    });
    let missing = usize::try_from(target - tenths.iter().sum::<i64>()).unwrap_or(0);
    for &i in order.iter().take(missing) {
        tenths[i] += 1;
    }
    tenths.iter().map(|&t| t as f64 / 10.0).collect()
}

// ---- For people ----

fn human(
    out: &mut impl Write,
    project: &Project,
    node: NodeId,
    shown: &Shown<'_>,
    ctx: &Context,
) -> Result<()> {
    let color = ctx.color(Stream::Stdout);
    let width = ctx.terminal_width();
    let row = &shown.row;
    writeln!(
        out,
        "{}",
        bold(
            &format!("{}  {}", row.code, escape_control(row.title)),
            color
        )
    )?;
    writeln!(out)?;
    fields(out, project, node, shown)?;

    writeln!(out)?;
    dependencies(
        out,
        shown,
        project.loaded.plan.id_of(node).is_some(),
        width,
        color,
    )?;

    if !row.leaf {
        writeln!(out)?;
        children_summary(out, project, node)?;
    }
    writeln!(out)?;
    roll_up(out, project, node, shown, width, color)?;
    Ok(())
}

/// The `key: value` lines: every own and derived field.
fn fields(out: &mut impl Write, project: &Project, node: NodeId, shown: &Shown<'_>) -> Result<()> {
    let plan = &project.loaded.plan;
    let own = plan.node(node);
    let d = project.derived.node(node);
    let row = &shown.row;
    let none = || "—".to_owned();
    let mut lines: Vec<(&str, String)> = Vec::new();
    lines.push((
        "id",
        row.id
            .map_or_else(none, |id| escape_control(id).into_owned()),
    ));
    lines.push(("title", escape_control(row.title).into_owned()));
    if let Some(parent) = own.parent {
        lines.push((
            "parent",
            format!(
                "{}  {}",
                plan.code(parent),
                escape_control(plan.title(parent))
            ),
        ));
    }
    let owner = match (row.owner, d.owner_from) {
        (Some(owner), Some(from)) if from != node => {
            format!(
                "{} (inherited from {})",
                escape_control(owner),
                plan.code(from)
            )
        }
        (Some(owner), _) => escape_control(owner).into_owned(),
        (None, _) => none(),
    };
    lines.push(("owner", owner));
    lines.push(("status", status_text(project, node)));
    lines.push(("progress", percent(row.progress)));
    for (key, written, value) in [("start", own.start, d.start), ("due", own.due, d.due)] {
        let text = match (written, value) {
            (Some(date), _) => date.to_string(),
            (None, Some(date)) => format!("{date} (derived)"),
            (None, None) => none(),
        };
        lines.push((key, text));
    }
    lines.push(("effort", effort_text(project, node)));
    lines.push(("level", row.level.to_string()));
    lines.push(("kind", if row.leaf { "leaf" } else { "parent" }.to_owned()));
    let today = project.derived.clock.today;
    let days = |due: chrono::NaiveDate| (due - today).num_days().abs();
    lines.push((
        "overdue",
        match d.due.filter(|_| d.overdue) {
            Some(due) => format!("yes, due {} days ago", days(due)),
            None => "no".to_owned(),
        },
    ));
    lines.push((
        "due soon",
        match d.due.filter(|_| d.due_soon) {
            Some(due) if due == today => "yes, due today".to_owned(),
            Some(due) => format!("yes, due in {} days", days(due)),
            None => "no".to_owned(),
        },
    ));
    let tags: Vec<_> = row.tags.iter().map(|t| escape_control(t)).collect();
    lines.push((
        "tags",
        if tags.is_empty() {
            none()
        } else {
            tags.join(", ")
        },
    ));
    lines.push(("notes", row.notes.map_or_else(none, |_| String::new())));
    lines.push(("file", format!("{}:{}", escape_control(row.file), row.line)));

    let width = lines.iter().map(|(key, _)| key.len()).max().unwrap_or(0) + 2;
    for (key, value) in &lines {
        if *key == "notes"
            && let Some(notes) = row.notes
        {
            // Each line of the notes escaped on its own, so line breaks stay
            // line breaks, indented under the first.
            let indent = " ".repeat(width);
            for (i, line) in notes.lines().enumerate() {
                let lead = if i == 0 {
                    format!("{:<width$}", "notes:")
                } else {
                    indent.clone()
                };
                writeln!(out, "{lead}{}", escape_control(line))?;
            }
            continue;
        }
        let label = format!("{key}:");
        writeln!(out, "{label:<width$}{value}")?;
    }
    Ok(())
}

fn status_text(project: &Project, node: NodeId) -> String {
    let plan = &project.loaded.plan;
    let d = project.derived.node(node);
    let written = plan.node(node).status;
    if d.cancelled && written != Some(Status::Cancelled) {
        let mut ancestor = plan.node(node).parent;
        while let Some(a) = ancestor {
            if plan.node(a).status == Some(Status::Cancelled) {
                return format!("cancelled (under cancelled {})", plan.code(a));
            }
            ancestor = plan.node(a).parent;
        }
        return "cancelled (every leaf below is cancelled)".to_owned();
    }
    match written {
        Some(_) => d.status.to_string(),
        None if plan.is_leaf(node) => format!("{} (not written)", d.status),
        None => format!("{} (rolled up)", d.status),
    }
}

fn effort_text(project: &Project, node: NodeId) -> String {
    let plan = &project.loaded.plan;
    let d = project.derived.node(node);
    if !plan.is_leaf(node) {
        let note = if d.cancelled {
            "cancelled, not counted"
        } else {
            "sum of leaves"
        };
        return format!("{} ({note})", hours(d.effort_hours));
    }
    let both = match format_hours(d.effort_hours) {
        text if text == hours(d.effort_hours) => text,
        text => format!("{text} ({})", hours(d.effort_hours)),
    };
    if plan.node(node).effort_hours.is_some() {
        both
    } else if plan.files[plan.node(node).file as usize]
        .default_effort_hours
        .is_some()
    {
        format!("{both}, not written: the file's defaults.effort")
    } else {
        format!("{both}, not written: the default weight")
    }
}

fn dependencies(
    out: &mut impl Write,
    shown: &Shown<'_>,
    has_id: bool,
    width: Option<u16>,
    color: bool,
) -> Result<()> {
    let after = &shown.after_nodes;
    let open = after
        .iter()
        .filter(|l| l.status != Status::Done && l.status != Status::Cancelled)
        .count();
    let heading = match (after.len(), open) {
        (0, _) => "After: none".to_owned(),
        (n, 0) => format!("After: {}, all done", count(n, "node")),
        (n, open) if open == n => format!("After: {}, none done yet", count(n, "node")),
        (n, open) => format!("After: {}, {open} not done yet", count(n, "node")),
    };
    writeln!(out, "{}", bold(&heading, color))?;
    if !after.is_empty() {
        links(out, after, width, color)?;
        writeln!(out)?;
    }
    let waiting = &shown.waited_on_by;
    let heading = match waiting.len() {
        0 if !has_id => {
            "Waited on by: none (without an id, no node can name it in `after`)".to_owned()
        }
        0 => "Waited on by: none".to_owned(),
        n => format!("Waited on by: {}", count(n, "node")),
    };
    writeln!(out, "{}", bold(&heading, color))?;
    if !waiting.is_empty() {
        links(out, waiting, width, color)?;
    }
    Ok(())
}

fn links(out: &mut impl Write, links: &[Link<'_>], width: Option<u16>, color: bool) -> Result<()> {
    // Narrow, the title gives way, then the status and the id are left
    // out; the title and the code stay.
    let mut table = Table::new(vec![
        Column::whole("code").keep(4),
        Column::whole("id").keep(2),
        Column::give_way("title", 10).keep(3),
        Column::whole("status").keep(1),
    ]);
    for link in links {
        table.push(vec![
            Cell::new(&link.code).tone(Tone::Dim),
            Cell::new(link.id.unwrap_or_default()),
            Cell::new(link.title),
            Cell::new(link.status.as_str()).tone(Tone::Status(link.status)),
        ]);
    }
    table.write(out, width, color)?;
    Ok(())
}

/// How many children and leaves below are in each status.
fn children_summary(out: &mut impl Write, project: &Project, node: NodeId) -> Result<()> {
    let plan = &project.loaded.plan;
    let leaves = (node + 1..plan.node(node).end).filter(|&n| plan.is_leaf(n));
    writeln!(
        out,
        "Children:     {}",
        by_status(project, plan.children(node))
    )?;
    writeln!(out, "Leaves below: {}", by_status(project, leaves))?;
    Ok(())
}

/// `26 (6 todo, 10 in-progress, 9 done, 1 cancelled)`: derived statuses,
/// in the order work moves through them.
fn by_status(project: &Project, nodes: impl Iterator<Item = NodeId>) -> String {
    let mut counts = [0usize; Status::ALL.len()];
    for n in nodes {
        counts[project.derived.node(n).status as usize] += 1;
    }
    let total: usize = counts.iter().sum();
    let parts: Vec<String> = Status::ALL
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    format!("{total} ({})", parts.join(", "))
}

/// Where the progress comes from: a leaf's own fields, or each child's
/// weight, progress and share.
fn roll_up(
    out: &mut impl Write,
    project: &Project,
    node: NodeId,
    shown: &Shown<'_>,
    width: Option<u16>,
    color: bool,
) -> Result<()> {
    let plan = &project.loaded.plan;
    let rollup = &shown.rollup;
    let progress = percent(rollup.progress);
    let leaves = count(rollup.leaves, "non-cancelled leaf");
    let heading = match rollup.method {
        _ if plan.is_leaf(node) => format!(
            "Progress: {}, {}",
            percent(shown.row.progress),
            leaf_source(project, node)
        ),
        Method::Weighted => format!("Progress: {progress}, weighted by effort over {leaves} below"),
        Method::Mean => format!(
            "Progress: {progress}, the plain mean over {leaves} below (every one weighs 0h)"
        ),
        Method::Cancelled | Method::Leaf => {
            "Progress: 0.0%, cancelled: no leaf below is counted".to_owned()
        }
    };
    writeln!(out, "{}", bold(&heading, color))?;
    if plan.is_leaf(node) {
        let weight = hours(rollup.weight_hours);
        let line = match plan.node(node).parent {
            _ if rollup.method == Method::Cancelled => {
                "Cancelled: it keeps its own progress but no roll-up counts it".to_owned()
            }
            Some(p) => format!(
                "Weight: {weight} in the roll-up of {}  {}",
                plan.code(p),
                escape_control(plan.title(p))
            ),
            None => format!("Weight: {weight} in the plan's overall progress"),
        };
        writeln!(out, "{line}")?;
        return Ok(());
    }
    let mean = rollup.method == Method::Mean;
    // No id column: codes name the children well enough to show one next,
    // and the titles need the room.
    let header = [
        "code",
        "title",
        "status",
        if mean { "leaves" } else { "weight" },
        "progress",
        "share",
    ];
    // Narrow, the title gives way, then the status, the weight, the
    // progress and the share are left out, in that order.
    let mut table = Table::new(vec![
        Column::whole(header[0]).keep(7),
        Column::give_way(header[1], 10).keep(6),
        Column::whole(header[2]).keep(1),
        Column::whole(header[3]).right().keep(2),
        Column::whole(header[4]).right().keep(3),
        Column::whole(header[5]).right().keep(4),
    ]);
    // How much each counted child weighs: hours, or leaves for a plain mean.
    let weight = |c: &Share<'_>| {
        if mean {
            count(c.leaves, "leaf")
        } else {
            hours(c.weight_hours)
        }
    };
    for child in &shown.children {
        let (status, weight, share) = if child.cancelled {
            ("cancelled, not counted", "—".to_owned(), "—".to_owned())
        } else if mean {
            (
                child.status.as_str(),
                child.leaves.to_string(),
                percent(child.share),
            )
        } else {
            (child.status.as_str(), weight(child), percent(child.share))
        };
        table.push(vec![
            Cell::new(&child.code).tone(Tone::Dim),
            Cell::new(child.title),
            Cell::new(status).tone(Tone::Status(child.status)),
            Cell::new(weight),
            Cell::new(percent(child.progress)),
            Cell::new(share),
        ]);
    }
    table.write(out, width, color)?;
    if rollup.method == Method::Cancelled {
        return Ok(());
    }
    let terms: Vec<String> = shown
        .children
        .iter()
        .filter(|c| !c.cancelled)
        .map(|c| format!("{} × {}", weight(c), trim_percent(c.progress)))
        .collect();
    let total = if mean {
        count(rollup.leaves, "leaf")
    } else {
        hours(rollup.weight_hours)
    };
    writeln!(out, "({}) / {total} = {progress}", terms.join(" + "))?;
    Ok(())
}

/// Why a leaf's progress is what it is (SPEC §1.1).
fn leaf_source(project: &Project, node: NodeId) -> String {
    let own = project.loaded.plan.node(node);
    if own.status == Some(Status::Done) {
        "because its status is done".to_owned()
    } else if let Some(progress) = own.progress.get() {
        format!("as written on the node (progress: {})", trim(progress))
    } else {
        "since it is not done and has no progress written".to_owned()
    }
}

fn bold(text: &str, color: bool) -> String {
    if color {
        format!("\u{1b}[1m{text}\u{1b}[0m")
    } else {
        text.to_owned()
    }
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, noun) if noun.ends_with("leaf") => format!("{n} {}ves", &noun[..noun.len() - 1]),
        _ => format!("{n} {noun}s"),
    }
}

/// Hours as a plain number: `1856h`, `7.5h`.
fn hours(value: f64) -> String {
    format!("{}h", trim(value))
}

fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

fn trim_percent(value: f64) -> String {
    format!("{}%", trim(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_shares_add_up_to_the_rounded_total() {
        let exact = [100.0 / 3.0, 100.0 / 3.0, 100.0 / 3.0];
        assert_eq!(round_shares(&exact, 100.0), [33.4, 33.3, 33.3]);
        let exact = [60.0, 8.0, 2.0];
        assert_eq!(round_shares(&exact, 70.0), [60.0, 8.0, 2.0]);
        let exact = [10.04, 10.04, 10.04];
        assert_eq!(round_shares(&exact, 30.12), [10.1, 10.0, 10.0]);
        assert_eq!(round_shares(&[0.0, 0.0], 0.0), [0.0, 0.0]);
        assert_eq!(round_shares(&[], 0.0), Vec::<f64>::new());
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "node"), "1 node");
        assert_eq!(count(3, "node"), "3 nodes");
        assert_eq!(count(2, "non-cancelled leaf"), "2 non-cancelled leaves");
    }
}
