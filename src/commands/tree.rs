//! `wbs tree`: the hierarchy with a progress bar per node.

use std::borrow::Cow;
use std::io::{self, Write};

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::Context;
use crate::exit::Exit;
use crate::output::Stream;
use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;
use crate::safe::escape_control;
use crate::table::Tone;

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
    #[arg(long, value_name = "N", value_parser = crate::cli::parse_depth)]
    pub depth: Option<u32>,

    /// Draw guide lines and bars with ASCII only
    #[arg(long)]
    pub ascii: bool,

    /// Fit lines to this many columns (default: the terminal's width, else COLUMNS)
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = match super::open_valid(ctx, super::Load::default())? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = super::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let selection = Selection::new(
        plan,
        |id| query.matches(plan, &project.derived, id),
        args.depth,
    );
    if !selection.any {
        // A plan of no nodes at all is not a query that found nothing.
        if !ctx.global.quiet && !query.is_empty() {
            eprintln!("no node matches the query");
        }
        return Ok(Exit::Success);
    }
    let view = TreeView {
        project: &project,
        selection: &selection,
        glyphs: if args.ascii { &ASCII } else { &UNICODE },
        ascii: args.ascii,
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

/// The pieces guide lines are drawn with, each four columns wide.
struct Glyphs {
    branch: &'static str,
    last: &'static str,
    pipe: &'static str,
    blank: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    branch: "├── ",
    last: "└── ",
    pipe: "│   ",
    blank: "    ",
};

const ASCII: Glyphs = Glyphs {
    branch: "|-- ",
    last: "`-- ",
    pipe: "|   ",
    blank: "    ",
};

const GLYPH_WIDTH: usize = 4;
const BAR_WIDTH: usize = 10;
/// The widest status, `in-progress`.
const STATUS_WIDTH: usize = 11;
/// Two spaces, the status, two spaces, the bar, a space and `100.0%`.
const RIGHT_WIDTH: usize = 2 + STATUS_WIDTH + 2 + BAR_WIDTH + 1 + 6;
const OVERDUE: &str = "overdue";
/// A title is not cut shorter than this to fit the width; the line runs
/// over instead.
const MIN_TITLE_WIDTH: usize = 8;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const CYAN: &str = "\x1b[36m";
const GREY: &str = "\x1b[90m";

fn status_color(status: Status) -> Option<&'static str> {
    Some(Tone::Status(status).sgr()).filter(|sgr| !sgr.is_empty())
}

/// One line of the tree, as the walk hands it over.
enum Item<'w> {
    /// A file's title, the root of its nodes when several files are loaded.
    File(usize),
    Node(NodeLine<'w>),
}

struct NodeLine<'w> {
    id: NodeId,
    code: &'w str,
    /// For each ancestor column: whether a guide line runs through it.
    guides: &'w [bool],
    /// `Some(is_last)` for a node drawn with a branch; `None` for a
    /// top-level node of a single file, drawn at the margin.
    branch: Option<bool>,
}

impl NodeLine<'_> {
    /// The width of the guide lines, the branch, the code and a space.
    fn indent(&self) -> usize {
        (self.guides.len() + usize::from(self.branch.is_some())) * GLYPH_WIDTH + self.code.len() + 1
    }
}

/// The parts of a node's line left of the aligned columns.
struct Left<'a> {
    title: Cow<'a, str>,
    owner: Option<Cow<'a, str>>,
    width: usize,
}

struct TreeView<'a> {
    project: &'a Project,
    selection: &'a Selection,
    glyphs: &'static Glyphs,
    ascii: bool,
    color: bool,
    width: Option<usize>,
}

impl TreeView<'_> {
    fn plan(&self) -> &Plan {
        &self.project.loaded.plan
    }

    /// Visits the shown nodes in document order, with their WBS code and
    /// guide lines, built up as the walk goes instead of per node.
    fn walk(&self, mut visit: impl FnMut(Item<'_>) -> io::Result<()>) -> io::Result<()> {
        let plan = self.plan();
        let several = plan.files.len() > 1;
        let mut code = String::new();
        // The length of `code` for the current node at each level.
        let mut code_ends: Vec<usize> = Vec::new();
        let mut guides: Vec<bool> = Vec::new();
        for (index, file) in plan.files.iter().enumerate() {
            if !plan.roots(index).any(|root| self.selection.shown(root)) {
                continue;
            }
            code.clear();
            if several {
                visit(Item::File(index))?;
                push_number(&mut code, index + 1);
            }
            let file_code = code.len();
            let mut id = file.nodes.start;
            while id < file.nodes.end {
                let node = plan.node(id);
                if !self.selection.shown(id) {
                    id = node.end;
                    continue;
                }
                let level = node.level as usize;
                code.truncate(if level == 1 {
                    file_code
                } else {
                    code_ends[level - 2]
                });
                if !code.is_empty() {
                    code.push('.');
                }
                push_number(&mut code, node.position as usize);
                code_ends.truncate(level - 1);
                code_ends.push(code.len());
                // The file is the root when there are several, so its
                // top-level nodes hang from it with a branch.
                let columns = if several { level } else { level - 1 };
                guides.truncate(columns.saturating_sub(1));
                let branch = (columns > 0).then(|| {
                    let siblings_end = node.parent.map_or(file.nodes.end, |p| plan.node(p).end);
                    !self
                        .selection
                        .any_shown_sibling(plan, node.end, siblings_end)
                });
                visit(Item::Node(NodeLine {
                    id,
                    code: &code,
                    guides: &guides,
                    branch,
                }))?;
                if let Some(last) = branch {
                    guides.push(!last);
                }
                id += 1;
            }
        }
        Ok(())
    }

    /// The title and owner of a node's line, the title cut with `…` when
    /// the line would not fit in `budget` columns.
    fn left(&self, line: &NodeLine<'_>, budget: Option<usize>) -> Left<'_> {
        let (id, indent) = (line.id, line.indent());
        let plan = self.plan();
        let derived = &self.project.derived;
        let owner = derived.owner(plan, id);
        let parent_owner = plan.node(id).parent.and_then(|p| derived.owner(plan, p));
        let owner = owner
            .filter(|&o| Some(o) != parent_owner)
            .map(escape_control);
        let owner_width = owner.as_deref().map_or(0, |o| o.width() + 3);
        let mut title = escape_control(plan.title(id));
        let mut title_width = title.width();
        if let Some(budget) = budget {
            let room = budget
                .saturating_sub(indent + owner_width)
                .max(MIN_TITLE_WIDTH);
            if title_width > room {
                let cut = crate::table::cut(&title, room).into_owned();
                title_width = cut.width();
                title = Cow::Owned(cut);
            }
        }
        Left {
            title,
            owner,
            width: indent + title_width + owner_width,
        }
    }

    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let plan = self.plan();
        let derived = &self.project.derived;
        let overdue_shown = plan
            .ids()
            .any(|id| self.selection.shown(id) && derived.node(id).overdue);
        let right = RIGHT_WIDTH + if overdue_shown { 2 + OVERDUE.len() } else { 0 };
        let budget = self.width.map(|width| width.saturating_sub(right));

        // First pass: where the aligned columns start.
        let mut column = 0;
        self.walk(|item| {
            if let Item::Node(line) = item {
                column = column.max(self.left(&line, budget).width);
            }
            Ok(())
        })?;
        // Titles are cut to fit the budget, but never below
        // MIN_TITLE_WIDTH: a deep line that still does not fit pushes the
        // shared column right (the lines run over the width together)
        // rather than breaking the alignment.

        let mut bars = Bars::new(self.ascii);
        self.walk(|item| match item {
            Item::File(index) => {
                let title = escape_control(&plan.files[index].title);
                if self.color {
                    writeln!(out, "{BOLD}{title}{RESET}")
                } else {
                    writeln!(out, "{title}")
                }
            }
            Item::Node(line) => {
                let left = self.left(&line, budget);
                let NodeLine {
                    id,
                    code,
                    guides,
                    branch,
                } = line;
                let d = derived.node(id);
                // A node shown only for its matching descendants is dimmed
                // whole, in no other colour.
                let dim = self.color && !self.selection.matched[id as usize];
                let color = self.color && !dim;
                if dim {
                    out.write_all(DIM.as_bytes())?;
                }
                for &guide in guides {
                    let glyph = if guide {
                        self.glyphs.pipe
                    } else {
                        self.glyphs.blank
                    };
                    out.write_all(glyph.as_bytes())?;
                }
                if let Some(last) = branch {
                    let glyph = if last {
                        self.glyphs.last
                    } else {
                        self.glyphs.branch
                    };
                    out.write_all(glyph.as_bytes())?;
                }
                paint(out, color.then_some(GREY), code)?;
                out.write_all(b" ")?;
                out.write_all(left.title.as_bytes())?;
                if let Some(owner) = &left.owner {
                    out.write_all(b" [")?;
                    paint(out, color.then_some(CYAN), owner)?;
                    out.write_all(b"]")?;
                }
                spaces(out, column.saturating_sub(left.width) + 2)?;
                let status = d.status.as_str();
                paint(out, status_color(d.status).filter(|_| color), status)?;
                spaces(out, STATUS_WIDTH.saturating_sub(status.len()) + 2)?;
                let (bar, percent) = bars.get(d.progress);
                out.write_all(bar.as_bytes())?;
                out.write_all(b" ")?;
                out.write_all(percent.as_bytes())?;
                if d.overdue {
                    out.write_all(b"  ")?;
                    paint(out, color.then_some(RED), OVERDUE)?;
                }
                if dim {
                    out.write_all(RESET.as_bytes())?;
                }
                out.write_all(b"\n")
            }
        })
    }
}

/// Bars and percentages by tenth of a percent, made once each: a tree of
/// 100,000 nodes holds at most 1,001 different ones.
struct Bars {
    ascii: bool,
    made: Vec<Option<(String, String)>>,
}

impl Bars {
    fn new(ascii: bool) -> Bars {
        Bars {
            ascii,
            made: vec![None; 1001],
        }
    }

    /// The bar and the right-aligned percentage of a progress, as rounded
    /// for display, so the bar agrees with the number beside it.
    fn get(&mut self, progress: f64) -> (&str, &str) {
        let tenths = if progress.is_finite() {
            (round1(progress.clamp(0.0, 100.0)) * 10.0).round() as usize
        } else {
            0
        };
        let ascii = self.ascii;
        let (bar, percent) = self.made[tenths.min(1000)].get_or_insert_with(|| {
            let percent = tenths as f64 / 10.0;
            (
                crate::bar::bar(percent, BAR_WIDTH, ascii),
                format!("{percent:>5.1}%"),
            )
        });
        (bar, percent)
    }
}

/// Writes `text`, in `color` when one is given.
fn paint(out: &mut impl Write, color: Option<&str>, text: &str) -> io::Result<()> {
    match color {
        Some(color) => write!(out, "{color}{text}{RESET}"),
        None => out.write_all(text.as_bytes()),
    }
}

fn spaces(out: &mut impl Write, count: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut left = count;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

fn push_number(code: &mut String, number: usize) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(code, "{number}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::derive::Clock;

    fn project(files: &[(&str, &str)]) -> Project {
        let files = files
            .iter()
            .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
        let project = Project::load(files, Clock::new(today), false);
        assert!(!project.has_errors(), "{:?}", project.loaded.diagnostics);
        project
    }

    fn render(project: &Project, matches: impl Fn(&str) -> bool, width: Option<usize>) -> String {
        let plan = &project.loaded.plan;
        let selection = Selection::new(plan, |id| matches(plan.title(id)), None);
        let view = TreeView {
            project,
            selection: &selection,
            glyphs: &UNICODE,
            ascii: false,
            color: false,
            width,
        };
        let mut out = Vec::new();
        view.write(&mut out).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    const PLAN: &str = "wbs: 1\ntitle: T\ntasks:\n  - title: 设计评审\n    owner: 平台\n    tasks:\n      - title: A long English title for a leaf\n        status: done\n      - title: 中文\n        owner: ana\n  - title: Two\n    tasks:\n      - b\n      - title: c\n        tasks: [d]\n";

    /// Where a line's aligned columns start, as a byte offset.
    fn status_at(line: &str) -> usize {
        ["todo", "in-progress", "done"]
            .iter()
            .filter_map(|s| line.find(&format!("  {s} ")))
            .min()
            .expect("a status")
    }

    /// The display column where each line's status starts.
    fn status_columns(text: &str) -> Vec<usize> {
        text.lines()
            .map(|line| line[..status_at(line)].width())
            .collect()
    }

    /// Each line's tree part: guides, code, title and owner.
    fn lefts(text: &str) -> Vec<&str> {
        text.lines()
            .map(|line| match line.contains("  ") {
                true => line[..status_at(line)].trim_end(),
                false => line,
            })
            .collect()
    }

    #[test]
    fn columns_line_up_with_wide_titles() {
        let text = render(&project(&[("a.yaml", PLAN)]), |_| true, None);
        let columns = status_columns(&text);
        assert!(columns.iter().all(|&c| c == columns[0]), "{text}");
        assert!(text.starts_with("1 设计评审 [平台]  "), "{text}");
        assert!(
            text.contains("├── 1.1 A long English title for a leaf  "),
            "{text}"
        );
        assert!(text.contains("└── 1.2 中文 [ana]  "), "{text}");
        assert!(text.contains("    └── 2.2.1 d  "), "{text}");
    }

    #[test]
    fn a_query_keeps_ancestors_and_redraws_the_last_branch() {
        let text = render(
            &project(&[("a.yaml", PLAN)]),
            |t| t == "d" || t == "中文",
            None,
        );
        let lines = lefts(&text);
        assert_eq!(
            lines,
            [
                "1 设计评审 [平台]",
                "└── 1.2 中文 [ana]",
                "2 Two",
                "└── 2.2 c",
                "    └── 2.2.1 d"
            ],
            "{text}"
        );
    }

    #[test]
    fn lines_are_cut_to_the_width() {
        let text = render(&project(&[("a.yaml", PLAN)]), |_| true, Some(60));
        assert!(text.lines().all(|l| l.width() <= 60), "{text}");
        assert!(text.contains("├── 1.1 A long English titl…  "), "{text}");
        let columns = status_columns(&text);
        assert!(columns.iter().all(|&c| c == columns[0]), "{text}");
    }

    #[test]
    fn several_files_hang_from_their_titles() {
        let b = "wbs: 1\ntitle: Second\ntasks: [x, y]\n";
        let text = render(
            &project(&[("a.yaml", PLAN), ("b.yaml", b)]),
            |t| t != "Two",
            None,
        );
        let lines = lefts(&text);
        assert_eq!(lines[0], "T", "{text}");
        assert_eq!(lines[1], "├── 1.1 设计评审 [平台]", "{text}");
        assert_eq!(lines[4], "└── 1.2 Two", "{text}");
        assert_eq!(&lines[8..], ["Second", "├── 2.1 x", "└── 2.2 y"], "{text}");
    }

    #[test]
    fn bars_follow_the_rounded_percentage() {
        let mut bars = Bars::new(false);
        assert_eq!(bars.get(56.25), ("█████▋░░░░", " 56.3%"));
        assert_eq!(bars.get(100.0), ("██████████", "100.0%"));
        assert_eq!(bars.get(f64::NAN), ("░░░░░░░░░░", "  0.0%"));
        assert_eq!(Bars::new(true).get(50.0), ("#####-----", " 50.0%"));
    }
}
