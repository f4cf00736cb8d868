//! The plan as a Mermaid gantt chart: the bare diagram, as Mermaid's own
//! tools (`mmdc -i plan.mmd`) and live editor read it. Markdown outputs
//! that embed a chart (`report --format markdown --gantt`) put it in a
//! ```` ```mermaid ```` fence, which GitHub renders.
//!
//! Leaves are the scheduled work, so the chart has one task per leaf,
//! grouped in a section per top-level node; a parent's bar would only
//! repeat the span of its leaves. Cancelled leaves are left out, since
//! they are no longer scheduled, and so are leaves with neither a start
//! nor a due date; a `%%` comment counts both.
//!
//! Dates: a leaf with a start and a due runs from one to the other, and a
//! leaf with only a start is a one-day task on that day. A leaf with only a
//! due starts after the tasks it depends on (`after t3 t7`) when they all
//! end before its due, and is otherwise a one-day task ending on its due,
//! so no bar ever ends before it starts. The chart says
//! `inclusiveEndDates`, so a due date is written as the plan has it and
//! still counts as a working day.
//!
//! Task ids are `t` and the node's index in the plan set: Mermaid ids take
//! only `[A-Za-z0-9_-]`, while plan ids may hold `.` and any letter.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::i18n::views::View;
use crate::plan::{NodeId, Status};
use crate::project::Project;

/// When a task runs, as written in its task line.
enum Timing {
    /// From the first date to the second, both days included.
    Dates(NaiveDate, NaiveDate),
    /// After these tasks end, until this date.
    After(Vec<NodeId>, NaiveDate),
}

pub fn write(project: &Project, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let plan = &project.loaded.plan;
    let derived = &project.derived;

    // First the last day of every leaf that gets a task, so that a
    // dependency can be checked against it wherever in the plan it is.
    let mut ends: Vec<Option<NaiveDate>> = vec![None; plan.nodes.len()];
    let (mut cancelled, mut undated) = (0usize, 0usize);
    for id in plan.ids().filter(|&id| plan.is_leaf(id)) {
        let d = derived.node(id);
        if d.cancelled {
            cancelled += 1;
        } else if d.due.is_none() && d.start.is_none() {
            undated += 1;
        } else {
            ends[id as usize] = d.due.or(d.start);
        }
    }
    let by_id: HashMap<&str, NodeId> = plan
        .ids()
        .filter_map(|id| plan.id_of(id).map(|name| (name, id)))
        .collect();
    let timing = |id: NodeId| -> Option<Timing> {
        // Only leaves that get a task have an end.
        ends[id as usize]?;
        let d = derived.node(id);
        match (d.start, d.due) {
            (Some(start), Some(due)) => Some(Timing::Dates(start, due)),
            (Some(start), None) => Some(Timing::Dates(start, start)),
            (None, Some(due)) => {
                let mut after: Vec<NodeId> = Vec::new();
                for name in plan.list(plan.node(id).after) {
                    let Some(&dep) = by_id.get(name) else {
                        continue;
                    };
                    if let Some(task) = latest_task(&ends, dep, plan.node(dep).end)
                        && !after.contains(&task)
                    {
                        after.push(task);
                    }
                }
                let fits = after
                    .iter()
                    .all(|&task| ends[task as usize].is_some_and(|end| end < due));
                if after.is_empty() || !fits {
                    Some(Timing::Dates(due, due))
                } else {
                    Some(Timing::After(after, due))
                }
            }
            (None, None) => None,
        }
    };

    let tasks = ends.iter().filter(|end| end.is_some()).count();
    writeln!(out, "gantt")?;
    let titles: Vec<String> = plan.files.iter().map(|f| shorten(text(&f.title))).collect();
    let title = titles.join(" · ");
    if !title.is_empty() {
        writeln!(out, "    title {title}")?;
    }
    writeln!(out, "    dateFormat YYYY-MM-DD")?;
    writeln!(out, "    inclusiveEndDates")?;
    let comment = View::ChartTasks {
        tasks,
        undated,
        cancelled,
    };
    writeln!(out, "    %% {}", lang.show(&comment))?;
    for file in 0..plan.files.len() {
        for root in plan.roots(file) {
            let end = plan.node(root).end;
            if !(root..end).any(|id| ends[id as usize].is_some()) {
                continue;
            }
            writeln!(out, "    section {}", label(project, root))?;
            for id in root..end {
                let Some(timing) = timing(id) else { continue };
                let d = derived.node(id);
                let mut tags = String::new();
                if d.overdue {
                    tags.push_str("crit, ");
                }
                match d.status {
                    Status::Done => tags.push_str("done, "),
                    Status::InProgress => tags.push_str("active, "),
                    _ => {}
                }
                let when = match timing {
                    Timing::Dates(start, end) => format!("{start}, {end}"),
                    Timing::After(tasks, end) => {
                        let ids: Vec<String> = tasks.iter().map(|&t| task_id(t)).collect();
                        format!("after {}, {end}", ids.join(" "))
                    }
                };
                writeln!(
                    out,
                    "    {} :{tags}{}, {when}",
                    label(project, id),
                    task_id(id)
                )?;
            }
        }
    }
    Ok(())
}

/// The task of the subtree `node..end` that ends last (the first of
/// those that tie), which is when that node is finished as far as the
/// chart knows.
fn latest_task(ends: &[Option<NaiveDate>], node: NodeId, end: NodeId) -> Option<NodeId> {
    let mut latest: Option<(NodeId, NaiveDate)> = None;
    for id in node..end {
        if let Some(date) = ends[id as usize]
            && latest.is_none_or(|(_, best)| date > best)
        {
            latest = Some((id, date));
        }
    }
    latest.map(|(id, _)| id)
}

fn task_id(id: NodeId) -> String {
    format!("t{id}")
}

/// A section or task name: the WBS code, then the title. Starting with
/// the code means no title can begin with a keyword of the chart
/// (`section`, `click`, `title`, `%%` …) or a date and be read as one.
pub(crate) fn label(project: &Project, id: NodeId) -> String {
    let plan = &project.loaded.plan;
    let title = shorten(text(plan.title(id)));
    if title.is_empty() {
        plan.code(id)
    } else {
        format!("{} {title}", plan.code(id))
    }
}

/// How wide a name may be, in display columns: a bar's label is one line
/// that Mermaid never wraps, so a long title would run off the chart.
const LABEL_COLUMNS: usize = 60;

/// `text` cut to [`LABEL_COLUMNS`] with `…`, where a word ends if one ends
/// in the last third, else between characters (Chinese has no spaces).
fn shorten(text: String) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text.as_str()) <= LABEL_COLUMNS {
        return text;
    }
    let room = LABEL_COLUMNS - 1;
    let (mut used, mut end, mut word_end) = (0, 0, None);
    for (at, c) in text.char_indices() {
        if c == ' ' && used >= room * 2 / 3 {
            word_end = Some(at);
        }
        let w = c.width().unwrap_or(0);
        if used + w > room {
            if c == ' ' {
                word_end = Some(at);
            }
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    let cut = text[..word_end.unwrap_or(end)].trim_end();
    format!("{cut}…")
}

/// Plan text made safe for one line of a gantt chart: line breaks and
/// runs of white space become one space; other control characters are
/// escaped; and the characters the gantt grammar acts on in a name — `:`
/// (starts the task data), `;` (ends a statement), `#` (starts a comment
/// or an entity), `%` (a comment or directive) and `<` `>` (HTML to
/// Mermaid's sanitizer) — become their fullwidth forms, which read the
/// same.
fn text(raw: &str) -> String {
    let words: Vec<&str> = raw.split_whitespace().collect();
    crate::safe::escape_control(&words.join(" "))
        .chars()
        .map(|c| match c {
            ':' => '：',
            ';' => '；',
            '#' => '＃',
            '%' => '％',
            '<' => '＜',
            '>' => '＞',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{shorten, text};

    #[test]
    fn long_names_are_cut_at_a_word_or_a_character() {
        assert_eq!(shorten("short".into()), "short");
        let exact = "x".repeat(60);
        assert_eq!(shorten(exact.clone()), exact);
        assert_eq!(shorten("x".repeat(61)), format!("{}…", "x".repeat(59)));
        let words = "alpha beta gamma ".repeat(5);
        let cut = shorten(words);
        assert_eq!(
            cut,
            "alpha beta gamma alpha beta gamma alpha beta gamma alpha…"
        );
        assert_eq!(shorten("设".repeat(31)), format!("{}…", "设".repeat(29)));
        // A word that ends early is not a reason to lose most of the room.
        let cut = shorten(format!("a {}", "y".repeat(80)));
        assert_eq!(cut, format!("a {}…", "y".repeat(57)));
    }

    #[test]
    fn names_are_one_safe_line() {
        assert_eq!(text("a: b; c # d"), "a： b； c ＃ d");
        assert_eq!(
            text("one\ntwo\r\n  three\u{2028}four"),
            "one two three four"
        );
        assert_eq!(text("\u{1b}[31mred"), "\\e[31mred");
        assert_eq!(text("%%{init: x}%%"), "％％{init： x}％％");
        assert_eq!(text("<b>x</b>"), "＜b＞x＜/b＞");
        assert_eq!(text("推广应用工作"), "推广应用工作");
    }
}
