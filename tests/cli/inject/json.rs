//! JSON output whose strings equal the plan's texts exactly: compared
//! node by node, by WBS code, with the plan that made them.

use serde_json::Value;

use super::invariants::{Plans, Texts};

/// Checks that `text` parses, and that each node in it carries the texts
/// of the plan `which` names, none of them escaped twice.
pub fn texts(text: &str, which: Texts, plans: &Plans<'_>) -> Result<(), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let mut problems = Vec::new();
    if let Texts::Plan | Texts::Diff = which {
        if let Some(title) = value.get("title").and_then(Value::as_str)
            && value.get("code").is_none()
            && title != super::plan::PLAN_TITLE
        {
            problems.push(format!("plan title {title:?}"));
        }
        walk(&value, &mut |object| {
            compare_node(object, which, plans, &mut problems);
        });
        // wbs's own escapes in a JSON string mean the text was escaped
        // twice and no longer equals the plan's.
        walk_strings(&value, &mut |s| {
            if s.contains("\\e[") || s.contains("\\u{") {
                problems.push(format!("escaped twice: {s:?}"));
            }
        });
    }
    match problems.first() {
        Some(first) => Err(format!("{} wrong texts, first: {first}", problems.len())),
        None => Ok(()),
    }
}

/// Compares a node-shaped object (one with a `code` and a `title`) with
/// the plan's texts for that code.
fn compare_node(
    object: &serde_json::Map<String, Value>,
    texts: Texts,
    plans: &Plans<'_>,
    problems: &mut Vec<String>,
) {
    let (Some(code), Some(title)) = (
        object.get("code").and_then(Value::as_str),
        object.get("title").and_then(Value::as_str),
    ) else {
        return;
    };
    let kind = object.get("kind").and_then(Value::as_str);
    let old_code = object
        .get("old_code")
        .and_then(Value::as_str)
        .unwrap_or(code);
    let plan = match (texts, kind) {
        (Texts::Diff, Some("removed")) => plans.old.nodes.get(old_code),
        (Texts::Diff, _) => plans.new.nodes.get(code),
        _ => plans.old.nodes.get(code),
    };
    let Some(expected) = plan else {
        problems.push(format!("no node {code} in the plan"));
        return;
    };
    if title != expected.title {
        problems.push(format!("{code} title {title:?} for {:?}", expected.title));
    }
    // A diff's `owner` is the changed field's value, not the node's.
    if let Some(owner) = object.get("owner").filter(|_| kind.is_none())
        && owner.as_str() != expected.owner.as_deref()
    {
        problems.push(format!("{code} owner {owner} for {:?}", expected.owner));
    }
    if let Some(tags) = object.get("tags").and_then(Value::as_array) {
        let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        if tags != expected.tags {
            problems.push(format!("{code} tags {tags:?} for {:?}", expected.tags));
        }
    }
    if let Some(notes) = object.get("notes").filter(|_| kind.is_none())
        && notes.as_str() != expected.notes.as_deref()
    {
        problems.push(format!("{code} notes {notes} for {:?}", expected.notes));
    }
    // A changed text field: old from the old plan, new from the new one.
    if let (Some("changed" | "renamed"), Some(field)) =
        (kind, object.get("field").and_then(Value::as_str))
    {
        let of = |texts: Option<&super::plan::Texts>| -> Option<Value> {
            let texts = texts?;
            Some(match field {
                "title" => texts.title.clone().into(),
                "owner" => texts.owner.clone().into(),
                "notes" => texts.notes.clone().into(),
                _ => return None,
            })
        };
        for (side, texts) in [
            ("old", plans.old.nodes.get(old_code)),
            ("new", plans.new.nodes.get(code)),
        ] {
            if let Some(expected) = of(texts)
                && object.get(side) != Some(&expected)
            {
                problems.push(format!(
                    "{code} {field} {side} {:?} for {expected}",
                    object.get(side)
                ));
            }
        }
    }
}

fn walk(value: &Value, visit: &mut dyn FnMut(&serde_json::Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            visit(object);
            object.values().for_each(|v| walk(v, visit));
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, visit)),
        _ => {}
    }
}

pub fn walk_strings(value: &Value, visit: &mut dyn FnMut(&str)) {
    match value {
        Value::String(s) => visit(s),
        Value::Object(object) => object.values().for_each(|v| walk_strings(v, visit)),
        Value::Array(items) => items.iter().for_each(|v| walk_strings(v, visit)),
        _ => {}
    }
}
