//! Mermaid gantt charts that plan text cannot break: every line of a
//! chart one statement, and no name holding what the grammar acts on.

use super::plan::is_bidi;

/// Checks every mermaid block of `text`, or `text` itself when it is a bare
/// chart (`export --format mermaid`), and with `expected_tasks` that the
/// blocks hold that many tasks.
pub fn chart(text: &str, expected_tasks: Option<usize>) -> Result<(), String> {
    let mut blocks = 0;
    let mut tasks = 0;
    if let Some(body) = text.strip_prefix("gantt\n") {
        for line in body.lines() {
            if mermaid_statement(line)? {
                tasks += 1;
            }
        }
        return count(tasks, expected_tasks);
    }
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line != "```mermaid" {
            continue;
        }
        blocks += 1;
        if lines.next() != Some("gantt") {
            return Err("a mermaid block that does not start with `gantt`".into());
        }
        loop {
            let line = lines.next().ok_or("an unclosed mermaid block")?;
            if line == "```" {
                break;
            }
            if mermaid_statement(line)? {
                tasks += 1;
            }
        }
    }
    if blocks == 0 {
        return Err("no mermaid block".into());
    }
    count(tasks, expected_tasks)
}

fn count(tasks: usize, expected_tasks: Option<usize>) -> Result<(), String> {
    match expected_tasks {
        Some(n) if n != tasks => Err(format!("{tasks} tasks where {n} leaves have dates")),
        _ => Ok(()),
    }
}

/// Checks one line of a gantt chart; returns whether it is a task.
fn mermaid_statement(line: &str) -> Result<bool, String> {
    let bad = |why: &str| Err(format!("{why}: {line:?}"));
    let Some(statement) = line.strip_prefix("    ") else {
        return bad("not indented as a statement");
    };
    let name_ok = |name: &str| {
        !name.contains([':', ';', '#', '%'])
            && !name.chars().any(|c| c.is_control() || is_bidi(c))
            && !name.trim().is_empty()
    };
    let starts_with_code = |name: &str| name.starts_with(|c: char| c.is_ascii_digit());
    if let Some(title) = statement.strip_prefix("title ") {
        return if name_ok(title) {
            Ok(false)
        } else {
            bad("a title that breaks the chart")
        };
    }
    // The report's own sections: today, and its lists of items.
    let own_section = |name: &str| {
        name == "Today"
            || ["Overdue (", "Blocked (", "Due soon ("].iter().any(|head| {
                name.strip_prefix(head)
                    .and_then(|rest| rest.strip_suffix(')'))
                    .is_some_and(|n| n.parse::<usize>().is_ok())
            })
    };
    if let Some(section) = statement.strip_prefix("section ") {
        return if own_section(section) || (name_ok(section) && starts_with_code(section)) {
            Ok(false)
        } else {
            bad("a section name that breaks the chart")
        };
    }
    if statement.starts_with("%% ")
        || [
            "dateFormat YYYY-MM-DD",
            "inclusiveEndDates",
            "todayMarker off",
        ]
        .contains(&statement)
    {
        return Ok(false);
    }
    let Some((name, data)) = statement.split_once(" :") else {
        return bad("neither a keyword nor a task");
    };
    // The report's today: `today is 2026-11-29 :milestone, today, 2026-11-29, 0d`.
    if let Some(date) = name.strip_prefix("today is ") {
        return if data == format!("milestone, today, {date}, 0d") {
            Ok(false)
        } else {
            bad("a today marker that is not a milestone on its date")
        };
    }
    // A branch's label ends in its progress, `· 37.5%`, which wbs writes:
    // one `%`, never a `%%` comment.
    let name = match name.rsplit_once(" · ") {
        Some((head, tail))
            if tail
                .strip_suffix('%')
                .is_some_and(|n| n.parse::<f64>().is_ok()) =>
        {
            head
        }
        _ => name,
    };
    if !name_ok(name) || !starts_with_code(name) {
        return bad("a task name that breaks the chart");
    }
    let milestone = data.split(", ").any(|p| p == "milestone");
    let mut parts: Vec<&str> = data.split(", ").collect();
    parts.retain(|p| !matches!(*p, "crit" | "done" | "active" | "milestone"));
    if milestone {
        if let [_, _, "0d"] = parts.as_slice() {
            parts.pop();
            parts.push("0000-00-00");
        } else {
            return bad("a milestone that does not last 0d");
        }
    }
    let is_date = |s: &str| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
    };
    let is_task_id = |s: &str| {
        s.len() > 1
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s[1..].chars().all(|c| c.is_ascii_digit())
    };
    let when_ok = |s: &str| {
        is_date(s)
            || s.strip_prefix("after ")
                .is_some_and(|ids| ids.split(' ').all(is_task_id))
    };
    match parts.as_slice() {
        [id, when, end] if is_task_id(id) && when_ok(when) && is_date(end) => Ok(true),
        _ => bad("task data that is not `[tags, ]id, start, end`"),
    }
}
