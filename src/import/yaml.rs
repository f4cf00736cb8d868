//! An outline written as a plan file: a comment saying where it came
//! from, then `wbs`, `title`, `description` and the tasks, every value
//! quoted where YAML would read it as something else.

use std::fmt::Write as _;

use super::outline::{Draft, Outline};
use crate::edit::scalar;
use crate::source::yaml::Style;

/// The plan's text. `comment` lines go first, each after `# `.
pub fn render(outline: &Outline, title: &str, comment: &[String]) -> String {
    let mut out = String::with_capacity(outline.nodes.len() * 80 + 256);
    for line in comment {
        let line: String = line
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "# {}", line.trim_end());
    }
    out.push_str("wbs: 1\n");
    let _ = writeln!(out, "title: {}", text(title));
    if let Some(description) = &outline.description {
        let _ = writeln!(out, "description: {}", text(description));
    }
    out.push_str("tasks:\n");
    for (i, &root) in outline.roots.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_node(&mut out, outline, root, 1);
    }
    out
}

fn text(value: &str) -> String {
    scalar::render(value, Style::Plain, false)
}

fn write_node(out: &mut String, outline: &Outline, node: usize, depth: usize) {
    let draft: &Draft = &outline.nodes[node];
    let fields = &draft.fields;
    // `- ` two columns in from the `tasks:` above, keys two further.
    let dash = " ".repeat(4 * depth - 2) + "- ";
    let indent = " ".repeat(4 * depth);
    let mut first = true;
    let mut key = |out: &mut String, name: &str, value: String| {
        let lead = if first { &dash } else { &indent };
        first = false;
        let _ = writeln!(out, "{lead}{name}: {value}");
    };
    if let Some(id) = &fields.id {
        key(out, "id", text(id));
    }
    key(out, "title", text(&draft.title));
    if let Some(owner) = &fields.owner {
        key(out, "owner", text(owner));
    }
    if let Some(status) = fields.status {
        key(out, "status", status.as_str().to_owned());
    }
    if let Some(progress) = fields.progress {
        key(out, "progress", scalar::render_number(progress));
    }
    if let Some(start) = fields.start {
        key(out, "start", scalar::render_date(start));
    }
    if let Some(due) = fields.due {
        key(out, "due", scalar::render_date(due));
    }
    if let Some(effort) = &fields.effort {
        key(out, "effort", text(effort));
    }
    if !fields.tags.is_empty() {
        let tags: Vec<String> = fields
            .tags
            .iter()
            .map(|t| scalar::render(t, Style::Plain, true))
            .collect();
        key(out, "tags", format!("[{}]", tags.join(", ")));
    }
    if let Some(notes) = &fields.notes {
        key(out, "notes", text(notes));
    }
    if !draft.children.is_empty() {
        let _ = writeln!(out, "{indent}tasks:");
        for &child in &draft.children {
            write_node(out, outline, child, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::outline::Place;

    #[test]
    fn values_that_yaml_would_misread_are_quoted() {
        let mut outline = Outline::default();
        let a = outline.add(None, "yes".into(), Place::Line(1));
        outline.nodes[a].fields.id = Some("yes".into());
        let b = outline.add(Some(a), "2.10".into(), Place::Line(2));
        outline.nodes[b].fields.id = Some("task-2-10".into());
        outline.nodes[b].fields.tags = vec!["a, b".into(), "c".into()];
        outline.nodes[b].fields.notes = Some("line one\nline two".into());
        outline.nodes[b].fields.progress = Some(37.5);
        let c = outline.add(None, "C: see #3".into(), Place::Line(3));
        outline.nodes[c].fields.id = Some("c".into());
        assert_eq!(
            render(&outline, "Plan", &["from x.md".into()]),
            "# from x.md\n\
             wbs: 1\n\
             title: Plan\n\
             tasks:\n\
             \x20 - id: \"yes\"\n\
             \x20   title: \"yes\"\n\
             \x20   tasks:\n\
             \x20     - id: task-2-10\n\
             \x20       title: \"2.10\"\n\
             \x20       progress: 37.5\n\
             \x20       tags: [\"a, b\", c]\n\
             \x20       notes: \"line one\\nline two\"\n\
             \n\
             \x20 - id: c\n\
             \x20   title: \"C: see #3\"\n"
        );
    }
}
