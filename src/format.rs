//! The plan file format (SPEC §1) as data: every field of every mapping,
//! its type and what it means, and the JSON Schema generated from them.
//!
//! The loader takes the names it accepts from these tables and `wbs schema`
//! generates the editor's schema from them, so a field added here is known
//! to both and the two cannot drift apart.

use serde_json::{Value, json};

use crate::plan::fields::Status;

/// One field of a mapping in a plan file.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    /// Whether leaving the field out (or null) is a `missing-field` error.
    pub required: bool,
    /// One line for people: shown by editors on hover.
    pub description: &'static str,
}

/// What a field's value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// The format version: `1`.
    Version,
    /// The text of any scalar: `title: 2027` is the text "2027".
    Text,
    /// Text with something in it besides blanks.
    Title,
    /// An id (see [`crate::plan::fields::is_valid_id`]).
    Id,
    /// A `YYYY-MM-DD` calendar date.
    Date,
    /// A status or one of its aliases.
    Status,
    /// A percentage: a number 0–100, or a string of one with an optional `%`.
    Progress,
    /// A number with a unit: `4h`, `1.5d`, `2w`.
    Effort,
    /// A list of texts.
    Texts,
    /// A list of ids.
    Ids,
    /// A list of tasks, each a mapping of [`NODE`] fields or a plain title.
    Tasks,
    /// A mapping from a person's key to their [`PERSON`] fields.
    People,
    /// A mapping of [`DEFAULTS`] fields.
    Defaults,
}

const fn field(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        description,
    }
}

const fn required(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        description,
    }
}

/// The top level of a plan file.
pub const TOP: &[Field] = &[
    required("wbs", Type::Version, "Format version; only 1 exists"),
    required("title", Type::Title, "The plan's name"),
    field("description", Type::Text, "What the plan is about"),
    field("start", Type::Date, "When the plan starts (YYYY-MM-DD)"),
    field("due", Type::Date, "When the plan is due (YYYY-MM-DD)"),
    field(
        "people",
        Type::People,
        "The roster, key → person; when present, every owner must be a key here",
    ),
    field(
        "defaults",
        Type::Defaults,
        "Values for every task of this file",
    ),
    required("tasks", Type::Tasks, "The plan's top-level tasks"),
];

/// A task written as a mapping.
pub const NODE: &[Field] = &[
    field(
        "id",
        Type::Id,
        "Unique across the files loaded together; how commands, `after` and diffs name the task",
    ),
    required("title", Type::Title, "What the task is"),
    field(
        "owner",
        Type::Text,
        "Person or team; inherited by the subtasks that name none",
    ),
    field(
        "status",
        Type::Status,
        "todo, in-progress, blocked, done or cancelled (doing and wip mean in-progress); leaves only, but cancelled may cancel a subtree",
    ),
    field(
        "progress",
        Type::Progress,
        "Percent complete, 0–100: 40, 37.5 or \"40%\"; leaves only",
    ),
    field(
        "start",
        Type::Date,
        "When the task starts (YYYY-MM-DD); a parent without one takes its subtasks' earliest",
    ),
    field(
        "due",
        Type::Date,
        "When the task is due (YYYY-MM-DD); a parent without one takes its subtasks' latest",
    ),
    field(
        "effort",
        Type::Effort,
        "Work estimate and roll-up weight, in h, d (8h) or w (5d): 4h, 1.5d, 2w; leaves only",
    ),
    field("tags", Type::Texts, "Labels to select tasks by"),
    field(
        "after",
        Type::Ids,
        "Ids of the tasks that must finish before this one starts",
    ),
    field("notes", Type::Text, "Free text"),
    field(
        "tasks",
        Type::Tasks,
        "Subtasks; a task with subtasks derives its status, progress, effort and dates from them",
    ),
];

/// A person's details in `people`.
pub const PERSON: &[Field] = &[
    field("name", Type::Text, "The person's name"),
    field("team", Type::Text, "The person's team"),
    field("email", Type::Text, "The person's email address"),
];

/// The `defaults` mapping.
pub const DEFAULTS: &[Field] = &[field(
    "effort",
    Type::Effort,
    "Weight of a leaf without `effort` (when not set, 1d)",
)];

/// Where the plan format's schema says it lives. wbs is not published
/// anywhere, so this names the format without promising a download.
const SCHEMA_ID: &str = "urn:wbs:plan-format:1";

/// ASCII letters, digits, `-`, `_` and `.`, or any character beyond ASCII,
/// and not only digits and dots (which would read as a WBS code): the first
/// character that is neither a digit nor a dot comes after a run of them.
///
/// Every client must compile it: Python's `re` knows no `\p{…}` classes,
/// JavaScript without the `u` flag reads `\p` as `p`, and look-around is
/// not portable either. So beyond ASCII the schema takes any character and
/// leaves to `wbs check` which of them are letters and digits; in ASCII it is
/// exactly the loader's rule.
const ID_PATTERN: &str = r"^[0-9.]*(?:[A-Za-z_-]|[^\x00-\x7F])(?:[A-Za-z0-9_.-]|[^\x00-\x7F])*$";

/// A date's shape; month lengths (no 2026-02-30) are `wbs check`'s to know.
const DATE_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// A decimal from 0 to 100 (leading zeros allowed, as the loader allows
/// them), then an optional `%`.
const PROGRESS_PATTERN: &str = r"^0*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?|\.[0-9]+)%?$";

const EFFORT_PATTERN: &str = r"^([0-9]+(\.[0-9]*)?|\.[0-9]+)[hdw]$";

/// The JSON types a YAML scalar can arrive as. wbs reads the text of any
/// scalar, but an editor's YAML language server types plain scalars by the
/// YAML 1.2 core schema before it checks them: `title: 2027` arrives as a
/// number and `notes: true` as a boolean. Text fields accept all three so
/// that the plans wbs accepts pass the schema too.
///
/// Each alternative is a schema of one type, never `"type": [...]`: Ajv's
/// strict mode refuses a list of types, and a keyword such as `pattern` must
/// sit beside the one type it applies to.
fn scalar(pattern: Option<&str>) -> Vec<Value> {
    let mut string = json!({ "type": "string" });
    if let Some(pattern) = pattern {
        string["pattern"] = json!(pattern);
    }
    vec![
        string,
        json!({ "type": "number" }),
        json!({ "type": "boolean" }),
    ]
}

/// The JSON Schema (draft-07) of a plan file, for editors.
pub fn json_schema() -> Value {
    let mut schema = object(TOP);
    schema["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    schema["$id"] = json!(SCHEMA_ID);
    schema["title"] = json!("wbs plan");
    schema["description"] = json!(
        "A work-breakdown plan for wbs, format version 1. Generated by `wbs schema`; `wbs check` checks what a schema cannot (unique ids, dependencies, roll-ups)."
    );
    schema["definitions"] = json!({
        "node": {
            "description": "A task: a mapping of its fields, or a plain string that is its title",
            "oneOf": title_or(object(NODE)),
        },
    });
    schema
}

/// A plain-string task (`- Set up CI`, a todo task with only a title), in
/// each type an editor may read it as, or `mapping`.
fn title_or(mapping: Value) -> Vec<Value> {
    let mut alternatives = scalar(Some(r"\S"));
    for alternative in &mut alternatives {
        alternative["description"] = json!("A todo task with only a title, e.g. `- Set up CI`");
    }
    alternatives.push(mapping);
    alternatives
}

/// A mapping of `fields` that allows `x-…` keys and nothing else.
fn object(fields: &[Field]) -> Value {
    let properties: serde_json::Map<String, Value> = fields
        .iter()
        .map(|field| (field.name.to_owned(), field_schema(field)))
        .collect();
    let mut object = json!({
        "type": "object",
        "properties": properties,
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
    });
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}

fn field_schema(field: &Field) -> Value {
    let mut schema = match field.ty {
        // `wbs: "1"` is accepted too: the loader compares the text.
        Type::Version => json!({ "enum": [1, "1"] }),
        Type::Text => json!({ "anyOf": scalar(None) }),
        Type::Title => json!({ "anyOf": scalar(Some(r"\S")) }),
        // Strings only: `id: 3` is a mistake wbs refuses. The rare id an
        // editor reads as a number (`-5`, `1e3`) must be quoted there.
        Type::Id => json!({ "type": "string", "pattern": ID_PATTERN }),
        Type::Date => json!({ "type": "string", "pattern": DATE_PATTERN }),
        Type::Status => json!({ "enum": Status::SPELLINGS }),
        Type::Progress => json!({
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 100 },
                { "type": "string", "pattern": PROGRESS_PATTERN },
            ],
        }),
        Type::Effort => json!({ "type": "string", "pattern": EFFORT_PATTERN }),
        Type::Texts => json!({ "type": "array", "items": { "anyOf": scalar(None) } }),
        Type::Ids => json!({
            "type": "array",
            "items": { "type": "string", "pattern": ID_PATTERN },
        }),
        Type::Tasks => json!({ "type": "array", "items": { "$ref": "#/definitions/node" } }),
        Type::People => {
            // A person with no details (`ana:`) is fine, like any null.
            let mut person = or_null(object(PERSON));
            person["description"] = json!("A person: name, team and email, each optional");
            json!({
                "type": "object",
                "patternProperties": { "^x-": {} },
                "additionalProperties": person,
            })
        }
        Type::Defaults => object(DEFAULTS),
    };
    // Null means absent, which only a required field may not be.
    if !field.required {
        schema = or_null(schema);
    }
    schema["description"] = json!(field.description);
    schema
}

/// `schema`, or null: one more value of an `enum`, one more alternative of
/// an `anyOf`, else an `anyOf` of the two.
fn or_null(mut schema: Value) -> Value {
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.push(Value::Null);
    } else if let Some(Value::Array(alternatives)) = schema.get_mut("anyOf") {
        alternatives.push(json!({ "type": "null" }));
    } else {
        schema = json!({ "anyOf": [schema, { "type": "null" }] });
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fields;

    /// Whether `text` matches `pattern` as a JSON Schema validator sees it.
    fn matches(pattern: &str, text: &str) -> bool {
        let schema = json!({ "type": "string", "pattern": pattern });
        jsonschema::draft7::is_valid(&schema, &json!(text))
    }

    #[test]
    fn patterns_agree_with_the_loader() {
        let progress = [
            "0", "40", "37.5", "40%", "100", "100%", "100.0", "100.", "007", "0100", ".5", "5.",
            "5.%", "99.99", "101", "100.5", "-1", "abc", "40%%", "", "%", "1e2", "inf", ".",
            "1.2.3", " 4",
        ];
        for text in progress {
            let expected = fields::parse_progress(text).is_some();
            assert_eq!(
                matches(PROGRESS_PATTERN, text),
                expected,
                "progress {text:?}"
            );
        }
        let effort = [
            "4h", "1.5d", "2w", "0h", ".5d", "5.d", "3", "d", "3x", "-1d", "", "设d", "1e3h",
            "4 h", "4H",
        ];
        for text in effort {
            let expected = fields::parse_effort(text).is_some();
            assert_eq!(matches(EFFORT_PATTERN, text), expected, "effort {text:?}");
        }
        let ids = [
            "design",
            "平台-1",
            "a.b_c",
            "v1.2a",
            "2d",
            "",
            "1.2",
            "42",
            "a b",
            "a/b",
            "a:b",
            "...",
            "设计",
            "हिंदी",
            "1.2设",
            "1.2-",
            "-",
            "_",
            "a\u{7f}",
            "a\tb",
            "a\nb",
            "x\n",
            "😀",
        ];
        for text in ids {
            let expected = fields::is_valid_id(text);
            if text.is_ascii() {
                assert_eq!(matches(ID_PATTERN, text), expected, "id {text:?}");
            } else {
                // Beyond ASCII the schema takes any character: it is never
                // stricter than the loader.
                assert!(!expected || matches(ID_PATTERN, text), "id {text:?}");
            }
        }
        assert!(matches(ID_PATTERN, "😀"));
        assert!(!fields::is_valid_id("😀"));
        // The pattern cannot know month lengths: `2026-02-30` is `wbs check`'s.
        for text in [
            "2026-02-28",
            "2026-2-3",
            "2026-13-01",
            "26-01-01xx",
            "2026-12-31",
        ] {
            let expected = fields::parse_date(text).is_some();
            assert_eq!(matches(DATE_PATTERN, text), expected, "date {text:?}");
        }
    }

    #[test]
    fn the_schema_is_valid_draft_07() {
        assert!(jsonschema::draft7::meta::is_valid(&json_schema()));
    }

    #[test]
    fn every_field_is_in_the_schema() {
        let schema = json_schema();
        for field in TOP {
            assert!(
                schema["properties"][field.name].is_object(),
                "{}",
                field.name
            );
        }
        let node = &schema["definitions"]["node"]["oneOf"][3]["properties"];
        for field in NODE {
            assert!(node[field.name].is_object(), "{}", field.name);
        }
    }
}
