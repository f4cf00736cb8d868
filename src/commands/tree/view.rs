//! The tree's lines: the hierarchy (guides, code, title, owner), then
//! status, bar, percentage and an overdue mark in aligned columns. A tree
//! is not a table: every width is fixed before the first line (below), and
//! a line is its cells padded to them, so it is written directly rather
//! than through comfy-table, at a third of the cost on a big plan. Fitted to a width,
//! titles and owners give way first; then the bar, the status, the guides'
//! breadth (four columns to two), the overdue mark and the percentage go,
//! in that order.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Selection;
use crate::i18n::Lang;
use crate::i18n::views::Word;
use crate::plan::derive::round1;
use crate::plan::{NodeId, Plan, Status};
use crate::project::Project;
use crate::safe::escape_control;
use crate::table::{RESET, Tone, cut, display_width};

/// The pieces guide lines are drawn with, all of one width.
pub struct Glyphs {
    branch: &'static str,
    last: &'static str,
    pipe: &'static str,
    blank: &'static str,
}

pub const UNICODE: Glyphs = Glyphs {
    branch: "├── ",
    last: "└── ",
    pipe: "│   ",
    blank: "    ",
};

pub const ASCII: Glyphs = Glyphs {
    branch: "|-- ",
    last: "`-- ",
    pipe: "|   ",
    blank: "    ",
};

/// The guides at half their breadth, for narrow terminals.
const UNICODE_NARROW: Glyphs = Glyphs {
    branch: "├ ",
    last: "└ ",
    pipe: "│ ",
    blank: "  ",
};

const ASCII_NARROW: Glyphs = Glyphs {
    branch: "|-",
    last: "`-",
    pipe: "| ",
    blank: "  ",
};

impl Glyphs {
    fn width(&self) -> usize {
        self.blank.len()
    }

    fn narrow(&self) -> &'static Glyphs {
        if self.branch.is_ascii() {
            &ASCII_NARROW
        } else {
            &UNICODE_NARROW
        }
    }
}

const BAR_WIDTH: usize = 10;
/// A bar is not drawn shorter than this: it is left out instead.
const MIN_BAR_WIDTH: usize = 5;
const PERCENT_WIDTH: usize = 6;
/// A title is not cut shorter than this while a column can still go.
const MIN_TITLE_WIDTH: usize = 8;
/// Nor an owner, brackets aside.
const MIN_OWNER_WIDTH: usize = 4;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const CYAN: &str = "\x1b[36m";
const GREY: &str = "\x1b[90m";

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
    fn indent(&self, glyphs: &Glyphs) -> usize {
        (self.guides.len() + usize::from(self.branch.is_some())) * glyphs.width()
            + self.code.len()
            + 1
    }
}

/// What a layout keeps: each step of fitting leaves out one more thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    All,
    NoBar,
    NoStatus,
    NarrowGuides,
    NoOverdue,
    NoPercent,
}

impl Level {
    const ALL: [Level; 6] = [
        Level::All,
        Level::NoBar,
        Level::NoStatus,
        Level::NarrowGuides,
        Level::NoOverdue,
        Level::NoPercent,
    ];
}

/// The tree's columns at one level: the hierarchy's width and which of the
/// others stay.
struct Layout {
    glyphs: &'static Glyphs,
    /// The width of the hierarchy column.
    left: usize,
    widths: [Option<usize>; 5],
}

pub struct TreeView<'a> {
    pub project: &'a Project,
    pub selection: &'a Selection,
    pub glyphs: &'static Glyphs,
    pub ascii: bool,
    pub lang: Lang,
    pub color: bool,
    pub width: Option<usize>,
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

    /// The widest hierarchy part of a line, and the least it can be cut
    /// to, over all lines, with guides of this breadth.
    fn measure(&self, glyphs: &Glyphs) -> io::Result<(usize, usize)> {
        let (mut widest, mut least) = (0, 0);
        self.walk(|item| {
            if let Item::Node(line) = item {
                let indent = line.indent(glyphs);
                let (title, owner) = self.texts(line.id);
                let title = display_width(&title);
                let owner = owner.as_deref().map_or(0, display_width);
                let brackets = if owner > 0 { 3 } else { 0 };
                widest = widest.max(indent + title + owner + brackets);
                least = least.max(
                    indent + title.min(MIN_TITLE_WIDTH) + owner.min(MIN_OWNER_WIDTH) + brackets,
                );
            }
            Ok(())
        })?;
        Ok((widest, least))
    }

    /// A node's title and, when it differs from its parent's, its owner,
    /// escaped.
    fn texts(&self, id: NodeId) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
        let plan = self.plan();
        let derived = &self.project.derived;
        let owner = derived.owner(plan, id);
        let parent_owner = plan.node(id).parent.and_then(|p| derived.owner(plan, p));
        let owner = owner
            .filter(|&o| Some(o) != parent_owner)
            .map(escape_control);
        (escape_control(plan.title(id)), owner)
    }

    /// The widest status name in the tree's language (`in-progress`,
    /// `进行中`).
    fn status_width(&self) -> usize {
        Status::ALL
            .iter()
            .map(|&s| display_width(self.lang.phrase(s)))
            .max()
            .unwrap_or(0)
    }

    /// The columns right of the hierarchy at `level`, and their width with
    /// the spaces between them.
    fn right_columns(
        &self,
        level: Level,
        bar: usize,
        overdue_shown: bool,
    ) -> ([Option<usize>; 4], usize) {
        let overdue = display_width(self.lang.phrase(Word::Overdue));
        let widths = [
            (level < Level::NoStatus).then_some(self.status_width()),
            (level < Level::NoBar).then_some(bar),
            (level < Level::NoPercent).then_some(PERCENT_WIDTH),
            (level < Level::NoOverdue && overdue_shown).then_some(overdue),
        ];
        // Two spaces before each column, but one between bar and percentage.
        let mut total = 0;
        for (i, width) in widths.iter().enumerate() {
            if let Some(width) = width {
                total += width + if i == 2 && widths[1].is_some() { 1 } else { 2 };
            }
        }
        (widths, total)
    }

    /// The first level at which every line fits the width (the last one
    /// when none does: then lines are cut at the width).
    fn layout(&self, overdue_shown: bool) -> io::Result<Layout> {
        let wide = self.measure(self.glyphs)?;
        let Some(width) = self.width else {
            let (right, _) = self.right_columns(Level::All, BAR_WIDTH, overdue_shown);
            return Ok(Layout::new(self.glyphs, wide.0, right));
        };
        let narrow = self.measure(self.glyphs.narrow())?;
        for level in Level::ALL {
            let (glyphs, (widest, least)) = if level >= Level::NarrowGuides {
                (self.glyphs.narrow(), narrow)
            } else {
                (self.glyphs, wide)
            };
            // The bar shortens, down to MIN_BAR_WIDTH, when the lines would
            // not fit otherwise; it is left out rather than drawn shorter.
            let (_, without_bar) = self.right_columns(level, 0, overdue_shown);
            let bar = BAR_WIDTH.min(width.saturating_sub(least + without_bar));
            if level == Level::All && bar < MIN_BAR_WIDTH {
                continue;
            }
            let (right, right_width) = self.right_columns(level, bar, overdue_shown);
            if least + right_width <= width || level == Level::NoPercent {
                let left = widest.min(width.saturating_sub(right_width));
                return Ok(Layout::new(glyphs, left, right));
            }
        }
        unreachable!("the last level always returns")
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let plan = self.plan();
        let derived = &self.project.derived;
        let overdue_shown = plan
            .ids()
            .any(|id| self.selection.shown(id) && derived.node(id).overdue);
        let layout = self.layout(overdue_shown)?;
        let overdue = self.lang.phrase(Word::Overdue);
        let mut bars = Bars::new(self.ascii, layout.widths[2].unwrap_or(0));
        let mut line_buf = String::new();
        self.walk(|item| match item {
            Item::File(index) => {
                let title = escape_control(&plan.files[index].title);
                let title = match self.width {
                    Some(width) => cut(&title, width),
                    None => title,
                };
                if self.color {
                    writeln!(out, "{BOLD}{title}{RESET}")
                } else {
                    writeln!(out, "{title}")
                }
            }
            Item::Node(line) => {
                let d = derived.node(line.id);
                // A node shown only for its matching descendants is dimmed
                // whole, in no other colour.
                let dim = self.color && !self.selection.matched[line.id as usize];
                let color = self.color && !dim;
                let (left, left_width) = self.left(&line, &layout, color);
                let status = self.lang.phrase(d.status);
                let bar_width = bars.width;
                let (bar, percent) = bars.get(d.progress);
                let cells = [
                    (left, left_width),
                    (
                        paint(status_color(d.status).filter(|_| color), status),
                        display_width(status),
                    ),
                    (bar.to_owned(), bar_width),
                    (percent.to_owned(), PERCENT_WIDTH),
                    if d.overdue {
                        (paint(color.then_some(RED), overdue), display_width(overdue))
                    } else {
                        (String::new(), 0)
                    },
                ];
                layout.write_line(&mut line_buf, &cells, dim);
                out.write_all(line_buf.as_bytes())
            }
        })
    }

    /// The hierarchy part of a line: guides, code, title and owner, the
    /// title and then the owner cut with `…` to the column; painted.
    fn left(&self, line: &NodeLine<'_>, layout: &Layout, color: bool) -> (String, usize) {
        let glyphs = layout.glyphs;
        let indent = line.indent(glyphs);
        let (title, owner) = self.texts(line.id);
        let room = layout.left.saturating_sub(indent);
        let (title, owner) = share(&title, owner.as_deref(), room);
        let mut text = String::with_capacity(indent + title.len() + 32);
        for &guide in line.guides {
            text.push_str(if guide { glyphs.pipe } else { glyphs.blank });
        }
        if let Some(last) = line.branch {
            text.push_str(if last { glyphs.last } else { glyphs.branch });
        }
        text.push_str(&paint(color.then_some(GREY), line.code));
        text.push(' ');
        text.push_str(&title);
        let mut width = indent + display_width(&title);
        if let Some(owner) = owner {
            text.push_str(" [");
            text.push_str(&paint(color.then_some(CYAN), &owner));
            text.push(']');
            width += display_width(&owner) + 3;
        }
        if width > layout.left {
            // Even the guides and the code are wider than the width: the
            // last resort is to cut the line, colour and all.
            let plain = format!(
                "{}{} {}",
                " ".repeat(indent - line.code.len() - 1),
                line.code,
                title
            );
            let cut = cut(plain.trim_start(), layout.left).into_owned();
            let width = display_width(&cut);
            return (cut, width);
        }
        (text, width)
    }
}

impl Layout {
    fn new(glyphs: &'static Glyphs, left: usize, right: [Option<usize>; 4]) -> Layout {
        Layout {
            glyphs,
            left,
            widths: [Some(left), right[0], right[1], right[2], right[3]],
        }
    }

    /// The spaces before and after each column's cells: two between
    /// columns, but one between bar and percentage; no line starts with a
    /// space.
    fn padding(&self) -> [(usize, usize); 5] {
        let bar_shown = self.widths[2].is_some();
        [
            (0, 1),
            (0, 1),
            (0, 0),
            (0, usize::from(bar_shown)),
            (usize::from(!bar_shown), 0),
        ]
    }

    /// Lays out one line into `line`: each shown column's cell (text and
    /// display width) padded to its width, a space between columns, no
    /// trailing blanks; a dimmed line has each non-empty cell dimmed.
    fn write_line(&self, line: &mut String, cells: &[(String, usize); 5], dim: bool) {
        line.clear();
        let mut pending = 0;
        let mut first = true;
        for ((cell, width), (column, (before, after))) in
            cells.iter().zip(self.widths.iter().zip(self.padding()))
        {
            let Some(column) = *column else { continue };
            if !first {
                pending += 1;
            }
            first = false;
            pending += before;
            if *width > 0 {
                line.extend(std::iter::repeat_n(' ', pending));
                pending = 0;
                if dim {
                    line.push_str(DIM);
                    line.push_str(cell);
                    line.push_str(RESET);
                } else {
                    line.push_str(cell);
                }
            }
            pending += column.saturating_sub(*width) + after;
        }
        line.push('\n');
    }
}

/// A title and an owner cut to share `room` columns (the owner's brackets
/// included): the title gives way down to its least, then the owner, then
/// the title again; an owner with no room left is not shown.
fn share<'t>(
    title: &'t str,
    owner: Option<&'t str>,
    room: usize,
) -> (Cow<'t, str>, Option<Cow<'t, str>>) {
    let title_width = display_width(title);
    let Some(owner) = owner else {
        return (cut(title, room), None);
    };
    let owner_width = display_width(owner) + 3;
    if title_width + owner_width <= room {
        return (Cow::Borrowed(title), Some(Cow::Borrowed(owner)));
    }
    let title_least = title_width.min(MIN_TITLE_WIDTH);
    let owner_room = room.saturating_sub(title_least).min(owner_width);
    if owner_room < MIN_OWNER_WIDTH.min(owner_width - 3) + 3 {
        return (cut(title, room), None);
    }
    let owner = cut(owner, owner_room - 3);
    let title = cut(title, room - (display_width(&owner) + 3));
    (title, Some(owner))
}

fn status_color(status: Status) -> Option<&'static str> {
    Some(Tone::Status(status).sgr()).filter(|sgr| !sgr.is_empty())
}

/// `text` in `color` when one is given.
fn paint(color: Option<&str>, text: &str) -> String {
    match color {
        Some(color) => format!("{color}{text}{RESET}"),
        None => text.to_owned(),
    }
}

/// Bars and percentages by tenth of a percent, made once each: a tree of
/// 100,000 nodes holds at most 1,001 different ones.
struct Bars {
    ascii: bool,
    /// Cells a bar is drawn in.
    width: usize,
    made: Vec<Option<(String, String)>>,
}

impl Bars {
    fn new(ascii: bool, width: usize) -> Bars {
        Bars {
            ascii,
            width,
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
        let (ascii, width) = (self.ascii, self.width);
        let (bar, percent) = self.made[tenths.min(1000)].get_or_insert_with(|| {
            let percent = tenths as f64 / 10.0;
            (
                crate::bar::bar(percent, width, ascii),
                format!("{percent:>5.1}%"),
            )
        });
        (bar, percent)
    }
}

fn push_number(code: &mut String, number: usize) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(code, "{number}");
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

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
            lang: Lang::En,
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
        let mut bars = Bars::new(false, BAR_WIDTH);
        assert_eq!(bars.get(56.25), ("█████▋░░░░", " 56.3%"));
        assert_eq!(bars.get(100.0), ("██████████", "100.0%"));
        assert_eq!(bars.get(f64::NAN), ("░░░░░░░░░░", "  0.0%"));
        assert_eq!(
            Bars::new(true, BAR_WIDTH).get(50.0),
            ("#####-----", " 50.0%")
        );
        assert_eq!(Bars::new(false, 5).get(50.0), ("██▌░░", " 50.0%"));
    }
}
