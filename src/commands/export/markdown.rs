//! The plan as a markdown outline for GitHub: a heading per file with its
//! progress, then nested task-list items with code, title, progress, the
//! owner where it changes, the due date and what needs attention.

use std::io::Write;

use crate::i18n::Lang;
use crate::i18n::views::{View, Word};
use crate::plan::derive::round1;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::safe::markdown_text;

pub fn write(project: &Project, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let plan = &project.loaded.plan;
    for (index, file) in plan.files.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {}", markdown_text(&file.title))?;
        writeln!(out)?;
        if let Some(description) = file.description.as_deref().filter(|d| !d.trim().is_empty()) {
            writeln!(out, "{}", paragraph(&markdown_text(description)))?;
            writeln!(out)?;
        }
        writeln!(out, "{}", summary(project, index, lang))?;
        writeln!(out)?;
        if file.nodes.is_empty() {
            writeln!(out, "_{}_", lang.phrase(Word::NoTasksSentence))?;
            continue;
        }
        for id in file.nodes.clone() {
            item(project, id, lang, out)?;
        }
    }
    Ok(())
}

/// The line under a file's heading: its progress over its non-cancelled
/// leaves, its dates (own, else from its tasks) and the day it was
/// computed for, since overdue markers depend on it.
fn summary(project: &Project, file: usize, lang: Lang) -> String {
    let plan = &project.loaded.plan;
    let derived = &project.derived;
    let (mut weight, mut weighted, mut sum, mut leaves) = (0.0, 0.0, 0.0, 0u32);
    for id in plan.files[file].nodes.clone() {
        let d = derived.node(id);
        if plan.is_leaf(id) && !d.cancelled {
            weight += d.effort_hours;
            weighted += d.effort_hours * d.progress;
            sum += d.progress;
            leaves += 1;
        }
    }
    // The same weighted mean as a parent's progress (SPEC §1.1), as though
    // the file were the parent of its top-level nodes.
    let progress = if leaves == 0 {
        0.0
    } else if weight > 0.0 {
        weighted / weight
    } else {
        sum / f64::from(leaves)
    };
    let live_roots = || {
        plan.roots(file)
            .map(|id| derived.node(id))
            .filter(|d| !d.cancelled)
    };
    let start = plan.files[file]
        .start
        .or_else(|| live_roots().filter_map(|d| d.start).min());
    let due = plan.files[file]
        .due
        .or_else(|| live_roots().filter_map(|d| d.due).max());
    let text = |message: View| lang.show(&message).to_string();
    let mut parts = vec![text(View::FileProgress {
        progress: round1(progress),
    })];
    match (start, due) {
        (Some(start), Some(due)) => parts.push(format!("{start} → {due}")),
        (Some(date), None) => parts.push(text(View::From { date })),
        (None, Some(date)) => parts.push(text(View::DueOn { date })),
        (None, None) => {}
    }
    parts.push(text(View::AsOf {
        date: derived.clock.today,
    }));
    parts.join(" · ")
}

/// One node as a task-list item, indented two spaces per level below the
/// first.
fn item(project: &Project, id: NodeId, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let plan = &project.loaded.plan;
    let derived = &project.derived;
    let node = plan.node(id);
    let d = derived.node(id);
    let indent = "  ".repeat(node.level.saturating_sub(1) as usize);
    let check = if d.status == Status::Done { "x" } else { " " };
    let title = plan.title(id).trim();
    let mut label = plan.code(id);
    if !title.is_empty() {
        label.push(' ');
        label.push_str(&markdown_text(title));
    }
    let mut parts = Vec::new();
    if d.cancelled {
        // The label is trimmed, so the closing `~~` follows text and GitHub
        // takes it as the end of the strikethrough.
        label = format!("~~{label}~~ — {}", lang.phrase(Word::Cancelled));
    } else {
        label = format!("{label} — {:.1}%", round1(d.progress));
    }
    let owner = derived.owner(plan, id);
    let parent_owner = node.parent.and_then(|p| derived.owner(plan, p));
    if let Some(owner) = owner.filter(|_| owner != parent_owner) {
        let owner = markdown_text(owner);
        parts.push(lang.show(&View::OwnerIs { owner }).to_string());
    }
    if !d.cancelled {
        if let Some(date) = d.due {
            parts.push(lang.show(&View::DueOn { date }).to_string());
        }
        if d.overdue {
            parts.push(format!("**{}**", lang.phrase(Word::Overdue)));
        }
        if d.status == Status::Blocked {
            parts.push(format!("**{}**", lang.phrase(Word::Blocked)));
        }
    }
    write!(out, "{indent}- [{check}] {label}")?;
    for part in parts {
        write!(out, " · {part}")?;
    }
    writeln!(out)
}

/// Text already escaped by [`markdown_text`], made safe to start a
/// paragraph: a leading `-` or `+` would start a list (or `---` a rule),
/// `1.` an ordered list, and leading spaces a code block.
fn paragraph(text: &str) -> String {
    let text = text.trim_start();
    if text.starts_with(['-', '+']) {
        return format!("\\{text}");
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::paragraph;

    #[test]
    fn paragraphs_never_start_a_block() {
        assert_eq!(paragraph("- a"), "\\- a");
        assert_eq!(paragraph("---"), "\\---");
        assert_eq!(paragraph("+ a"), "\\+ a");
        assert_eq!(paragraph("12. a"), "12\\. a");
        assert_eq!(paragraph("3) a"), "3\\) a");
        assert_eq!(paragraph("    code"), "code");
        assert_eq!(paragraph("2026 plan"), "2026 plan");
        assert_eq!(paragraph("工作事项"), "工作事项");
    }
}
