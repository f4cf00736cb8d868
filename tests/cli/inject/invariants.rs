//! What SPEC §4 promises of each output when plan text is hostile, as
//! checks over the output's text. Each returns the first violation found,
//! with enough of the output around it to see why.

use serde_json::Value;

use super::plan::{Plan, is_bidi};

/// One promise an output keeps.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// No control character but `\n`, and no bidi override, reaches
    /// stdout: escape sequences and controls are shown escaped.
    Controls,
    /// As [`Check::Controls`], except the SGR colour sequences wbs itself
    /// writes under `--color always`.
    ControlsSgr,
    /// No line break in plan text starts a line of the output.
    Lines,
    /// No line is a GitHub Actions workflow command (`::name …::`, which
    /// the runner reads after trimming the line's leading white space).
    Workflow,
    /// No legacy workflow command (`##[name]…`), which the runner reads
    /// anywhere in a line.
    LegacyWorkflow,
    /// Comma- or tab-separated values (RFC 4180) whose cells carry the
    /// plan's text exactly, but for a `'` before a cell starting with `=`,
    /// `+`, `-`, `@`, tab or CR, which no cell starts with: what `wbs
    /// apply` reads back.
    Spreadsheet(u8),
    /// Markdown: table rows keep their cell count, no raw `<` or `>` but
    /// wbs's own `<br>`, and no markdown or HTML from the plan acts.
    Markdown,
    /// Mermaid gantt blocks: every line one statement of the chart, names
    /// free of `:`, `;`, `#` and `%`; with a count, that many tasks.
    Mermaid(Option<usize>),
    /// JSON that parses, whose node texts equal the plan's exactly.
    Json(Texts),
    /// JSON that has this exact string somewhere (a text given on the
    /// command line).
    JsonHas(&'static str),
    /// GitHub annotations only, this many, each one line whose message
    /// unescapes to text without a workflow command in it.
    Github(usize),
}

/// Which plan's texts a JSON output's nodes must carry.
#[derive(Debug, Clone, Copy)]
pub enum Texts {
    /// The hostile plan's (`p.yaml`).
    Plan,
    /// A diff's: old nodes from `p.yaml`, new ones from `q.yaml`.
    Diff,
    /// None to compare (diagnostics quote plan text in their messages).
    Any,
}

/// The plans a check compares with.
pub struct Plans<'a> {
    pub old: &'a Plan,
    pub new: &'a Plan,
}

impl Check {
    pub fn holds(self, stdout: &str, plans: &Plans<'_>) -> Result<(), String> {
        match self {
            Check::Controls => controls(stdout, false),
            Check::ControlsSgr => controls(stdout, true),
            Check::Lines => lines(stdout, plans),
            Check::Workflow => workflow(stdout),
            Check::LegacyWorkflow => {
                let command =
                    |line: &str| line.find("##[").is_some_and(|at| line[at..].contains(']'));
                match stdout.lines().find(|l| command(l)) {
                    Some(line) => Err(format!("a legacy workflow command: {line:?}")),
                    None => Ok(()),
                }
            }
            Check::Spreadsheet(separator) => spreadsheet(stdout, separator, plans.old),
            Check::Markdown => markdown(stdout),
            Check::Mermaid(tasks) => super::mermaid::chart(stdout, tasks),
            Check::Json(texts) => super::json::texts(stdout, texts, plans),
            Check::JsonHas(text) => {
                let value: Value =
                    serde_json::from_str(stdout).map_err(|e| format!("not JSON: {e}"))?;
                let mut found = false;
                super::json::walk_strings(&value, &mut |s| found |= s == text);
                match found {
                    true => Ok(()),
                    false => Err(format!("no string equals {text:?}")),
                }
            }
            Check::Github(count) => github(stdout, count),
        }
    }
}

fn controls(text: &str, sgr: bool) -> Result<(), String> {
    let text = if sgr {
        strip_sgr(text)
    } else {
        text.to_owned()
    };
    for (number, line) in text.split('\n').enumerate() {
        if let Some(c) = line.chars().find(|&c| c.is_control() || is_bidi(c)) {
            return Err(format!(
                "raw U+{:04X} on line {}: {line:?}",
                c as u32,
                number + 1
            ));
        }
    }
    Ok(())
}

/// Removes `ESC [ digits-and-semicolons m`, the colour sequences.
fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            // Not a colour: keep the ESC so that the check finds it.
            out.push('\x1b');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn lines(text: &str, plans: &Plans<'_>) -> Result<(), String> {
    // What follows a line break inside plan text.
    let mut fragments: Vec<&str> = Vec::new();
    for plan in [plans.old, plans.new] {
        for text in plan.texts() {
            fragments.extend(
                text.split(['\n', '\r'])
                    .skip(1)
                    .map(str::trim_start)
                    .filter(|f| f.len() > 3),
            );
        }
    }
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(fragment) = fragments.iter().find(|f| trimmed.starts_with(**f)) {
            return Err(format!(
                "a line break in plan text started the line {line:?} (with {fragment:?})"
            ));
        }
    }
    Ok(())
}

fn workflow(text: &str) -> Result<(), String> {
    match text.lines().find(|l| l.trim_start().starts_with("::")) {
        Some(line) => Err(format!("a workflow command line: {line:?}")),
        None => Ok(()),
    }
}

fn spreadsheet(text: &str, separator: u8, plan: &Plan) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not CSV: {e}"))?;
        if let Some(cell) = record
            .iter()
            .find(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        {
            return Err(format!("a cell starts a formula: {cell:?} in {record:?}"));
        }
        records.push(record);
    }
    let Some((header, rows)) = records.split_first() else {
        return Err("no header".to_owned());
    };
    if rows.is_empty() {
        return Err("no records".to_owned());
    }
    let column = |name: &str| header.iter().position(|h| h == name);
    let Some(code) = column("code") else {
        return Ok(());
    };
    // Every text cell, its guard taken off, is the plan's text.
    for row in rows {
        let cell = |name: &str| {
            column(name)
                .and_then(|c| row.get(c))
                .map(wbs::sheet::unguard)
        };
        let Some(node) = plan.nodes.get(cell("code").unwrap_or_default()) else {
            return Err(format!("no node {:?}", row.get(code)));
        };
        let expected = [
            ("title", node.title.clone()),
            ("owner", node.owner.clone().unwrap_or_default()),
            ("notes", node.notes.clone().unwrap_or_default()),
        ];
        for (name, want) in expected {
            if let Some(got) = cell(name)
                && got != want
            {
                return Err(format!("{name} {got:?} is not the plan's {want:?}"));
            }
        }
        if let Some(got) = cell("tags") {
            let tags: Vec<String> = wbs::sheet::parse_list(got)
                .map_err(|e| format!("tags {got:?}: {e}"))?
                .into_iter()
                .map(|item| item.text)
                .collect();
            if tags != node.tags {
                return Err(format!("tags {tags:?} are not the plan's {:?}", node.tags));
            }
        }
    }
    Ok(())
}

/// Plan text that would act if markdown or HTML rendered it.
const MARKDOWN_PROBES: [&str; 10] = [
    "<script", "<!--", "x](http", "i](http", "**b**", "_i_", "`code`", "```fence", "@team", "a | b",
];

fn markdown(text: &str) -> Result<(), String> {
    let mut in_fence = false;
    let mut cells: Option<usize> = None;
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let bare = line.replace("<br>", "");
        if bare.contains(['<', '>']) {
            return Err(format!("raw `<` or `>`: {line:?}"));
        }
        if let Some(probe) = MARKDOWN_PROBES.iter().find(|p| line.contains(**p)) {
            return Err(format!("markdown from the plan acts ({probe:?}): {line:?}"));
        }
        if line.starts_with('|') {
            let count = unescaped_pipes(line);
            match cells {
                None => cells = Some(count),
                Some(expected) if expected != count => {
                    return Err(format!(
                        "a row of {count} pipes in a table of {expected}: {line:?}"
                    ));
                }
                Some(_) => {}
            }
        } else {
            cells = None;
        }
    }
    if in_fence {
        return Err("a code fence is left open".into());
    }
    Ok(())
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

fn github(text: &str, expected: usize) -> Result<(), String> {
    let mut annotations = 0;
    for line in text.lines() {
        if line.starts_with("wbs: ") {
            continue;
        }
        let Some(rest) = line
            .strip_prefix("::error ")
            .or_else(|| line.strip_prefix("::warning "))
        else {
            return Err(format!("a line that is not an annotation: {line:?}"));
        };
        annotations += 1;
        // The runner takes the properties up to the first `::`.
        let (properties, data) = rest
            .split_once("::")
            .ok_or_else(|| format!("no message: {line:?}"))?;
        for property in properties.split(',') {
            let (key, value) = property
                .split_once('=')
                .ok_or_else(|| format!("a property without a value: {property:?}"))?;
            if !["file", "line", "col", "endLine", "endColumn", "title"].contains(&key) {
                return Err(format!("an injected property {key:?}: {line:?}"));
            }
            if value.chars().any(|c| c.is_control() || is_bidi(c)) {
                return Err(format!("a raw control in property {key}: {value:?}"));
            }
        }
        if data.chars().any(|c| c.is_control() || is_bidi(c)) {
            return Err(format!("a raw control in the message: {data:?}"));
        }
        // Every `%` is one of the runner's escapes, so plan text cannot
        // smuggle in a `%0A` that the runner would turn into a line break.
        let mut escapes = data.match_indices('%');
        if let Some((at, _)) = escapes.find(|(at, _)| {
            !["%25", "%0A", "%0D"]
                .iter()
                .any(|e| data[*at..].starts_with(e))
        }) {
            return Err(format!("a bare `%` in the message: {:?}", &data[at..]));
        }
        let unescaped = data
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        if let Some(part) = unescaped
            .split(['\n', '\r'])
            .find(|p| p.trim_start().starts_with("::"))
        {
            return Err(format!("the message holds a workflow command: {part:?}"));
        }
    }
    if annotations != expected {
        return Err(format!(
            "{annotations} annotations where {expected} findings"
        ));
    }
    Ok(())
}
