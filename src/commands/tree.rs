//! `wbs tree`: the hierarchy with a progress bar per node.

mod view;

use std::io::{self, Write};

use anyhow::Result;

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::i18n::views::Word;
use crate::output::Stream;
use crate::plan::{NodeId, Plan};
use view::{ASCII, TreeView, UNICODE};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select nodes; their ancestors are shown too, for context
    ///
    /// All terms must hold (see the README's query language). Ancestors that
    /// do not match themselves are shown to keep the tree connected, dimmed
    /// when colour is on.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show nodes down to this level only (1 = the top-level nodes of a file)
    #[arg(long, value_name = "N", value_parser = crate::context::parse_depth)]
    pub depth: Option<u32>,

    /// Draw guide lines and bars with ASCII only
    #[arg(long)]
    pub ascii: bool,

    /// Fit lines to this many columns (default: the terminal's width, else COLUMNS)
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = match context::open_valid(ctx, context::Load::default())? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = context::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let selection = Selection::new(
        plan,
        |id| query.matches(plan, &project.derived, id),
        args.depth,
    );
    if !selection.any {
        // A plan of no nodes at all is not a query that found nothing.
        if !ctx.global.quiet && !query.is_empty() {
            eprintln!("{}", ctx.lang().phrase(Word::NoNodeMatches));
        }
        return Ok(Exit::Success);
    }
    let view = TreeView {
        project: &project,
        selection: &selection,
        glyphs: if args.ascii { &ASCII } else { &UNICODE },
        ascii: args.ascii,
        lang: ctx.lang(),
        color: ctx.color(Stream::Stdout),
        width: args.width.or_else(|| ctx.terminal_width()).map(usize::from),
    };
    // The standard output lock flushes at every line; a tree of 100,000
    // lines wants one large buffer instead.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    view.write(&mut out)?;
    out.flush()?;
    Ok(Exit::Success)
}

/// Which nodes a query and a depth leave in the tree.
struct Selection {
    /// The node matches the query itself.
    matched: Vec<bool>,
    /// The node is printed: it or a descendant matches, within the depth.
    /// An ancestor of a shown node is shown, so a node that is not shown
    /// has no shown descendant and its subtree can be skipped whole.
    shown: Vec<bool>,
    /// Some node matches.
    any: bool,
}

impl Selection {
    fn new(plan: &Plan, matches: impl Fn(NodeId) -> bool, depth: Option<u32>) -> Selection {
        let n = plan.nodes.len();
        let mut matched = vec![false; n];
        let mut shown = vec![false; n];
        let mut any = false;
        for id in plan.ids() {
            if !matches(id) {
                continue;
            }
            any = true;
            matched[id as usize] = true;
            // Walking up stops at a node already marked, whose ancestors are
            // marked too, so the whole marking is linear.
            let mut current = Some(id);
            while let Some(node) = current {
                if std::mem::replace(&mut shown[node as usize], true) {
                    break;
                }
                current = plan.node(node).parent;
            }
        }
        if let Some(depth) = depth {
            for (shown, node) in shown.iter_mut().zip(&plan.nodes) {
                *shown &= node.level <= depth;
            }
        }
        Selection {
            matched,
            shown,
            any,
        }
    }

    fn shown(&self, id: NodeId) -> bool {
        self.shown[id as usize]
    }

    /// Whether a sibling from `start` (a node's `end`) up to `end` (its
    /// parent's) is shown. Each call passes over the hidden siblings
    /// between one shown node and the next, so all calls together stay
    /// linear.
    fn any_shown_sibling(&self, plan: &Plan, start: NodeId, end: NodeId) -> bool {
        let mut sibling = start;
        while sibling < end {
            if self.shown(sibling) {
                return true;
            }
            sibling = plan.node(sibling).end;
        }
        false
    }
}
