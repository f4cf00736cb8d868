//! `wbs show`: every field of one node, its dependencies both ways, and how
//! its progress adds up. The view for people is [`human`] and [`rollup`].

mod human;
mod rollup;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::derive::round1;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::row::NodeRow;

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
        Format::Human => {
            let view = human::View {
                project: &project,
                node,
                shown: &shown,
                lang: ctx.lang(),
                width: ctx.terminal_width(),
                color: ctx.color(Stream::Stdout),
            };
            view.write(&mut out)?;
        }
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
}
