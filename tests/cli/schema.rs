//! `wbs schema` and `wbs init`: the schema validates every plan wbs accepts
//! and rejects what it can see is wrong; the starter plan checks clean.
//!
//! The schema is checked with an independent validator (the `jsonschema`
//! crate) against plans read the way an editor's YAML language server reads
//! them: scalars typed by the YAML 1.2 core schema.

use std::fs;
use std::path::Path;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{Map, Number, Value};
use wbs::source::yaml::{self, Kind, NodeIdx, Style, Tree};

use crate::common::{fixture, path_str, root, run, wbs, wbs_run};

#[test]
fn schema_is_stable() {
    insta::assert_snapshot!("schema", wbs_run(&["schema"]));
}

/// The schema as `wbs schema` prints it, compiled.
fn validator() -> jsonschema::Validator {
    let output = wbs_run(&["schema"]);
    assert_eq!(output.code, 0, "{output}");
    let schema: Value = serde_json::from_str(&output.stdout).expect("the schema is JSON");
    assert!(jsonschema::draft7::meta::is_valid(&schema));
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

/// Every client can load the schema: Python's `re` (jsonschema,
/// check-jsonschema), JavaScript with and without the `u` flag (Ajv,
/// yaml-language-server) and Rust's regex. Patterns keep to the subset the
/// three agree on (no `\p{…}` classes, no look-around, no `\d` or `\w`,
/// whose meaning differs between them), and no `type` is a list of types,
/// which Ajv's strict mode refuses.
#[test]
fn the_schema_keeps_to_what_every_client_reads() {
    let output = wbs_run(&["schema"]);
    let schema: Value = serde_json::from_str(&output.stdout).expect("the schema is JSON");
    let mut problems = Vec::new();
    walk_schema(&schema, "#", &mut problems);
    assert_eq!(problems, Vec::<String>::new());
}

/// Collects what a client could not read, with the JSON pointer to it.
fn walk_schema(value: &Value, at: &str, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(ty) = map.get("type")
                && !ty.is_string()
            {
                problems.push(format!("{at}/type is {ty}, not one type"));
            }
            if let Some(Value::String(pattern)) = map.get("pattern") {
                check_pattern(pattern, &format!("{at}/pattern"), problems);
            }
            if let Some(Value::Object(patterns)) = map.get("patternProperties") {
                for pattern in patterns.keys() {
                    check_pattern(pattern, &format!("{at}/patternProperties"), problems);
                }
            }
            // Ajv's strict types: a keyword for one type sits beside that type.
            let ty = map.get("type").and_then(Value::as_str);
            for (keyword, wants) in [
                ("pattern", "string"),
                ("minimum", "number"),
                ("maximum", "number"),
                ("properties", "object"),
                ("patternProperties", "object"),
                ("additionalProperties", "object"),
                ("required", "object"),
                ("items", "array"),
            ] {
                if map.contains_key(keyword) && ty != Some(wants) {
                    problems.push(format!("{at}/{keyword} without \"type\": \"{wants}\""));
                }
            }
            for (key, value) in map {
                walk_schema(value, &format!("{at}/{key}"), problems);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_schema(item, &format!("{at}/{i}"), problems);
            }
        }
        _ => {}
    }
}

/// A pattern in the portable subset: escapes only of syntax characters, `\S`,
/// `\s` and `\xHH`, and `(?:` the only group that starts with `(?`.
fn check_pattern(pattern: &str, at: &str, problems: &mut Vec<String>) {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('S' | 's') => {}
                Some(c) if r"^$\.*+?()[]{}|/".contains(c) => {}
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    if hex.len() != 2 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                        problems.push(format!("{at}: `\\x{hex}` in {pattern:?}"));
                    }
                }
                other => problems.push(format!(
                    "{at}: `\\{}` in {pattern:?}",
                    other.map(String::from).unwrap_or_default()
                )),
            },
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if chars.next() != Some(':') {
                    problems.push(format!(
                        "{at}: a `(?` group other than `(?:` in {pattern:?}"
                    ));
                }
            }
            _ => {}
        }
    }
}

#[test]
fn the_portability_check_catches_what_clients_refuse() {
    let refused = |schema: Value| {
        let mut problems = Vec::new();
        walk_schema(&schema, "#", &mut problems);
        problems
    };
    for pattern in [
        r"^[\p{L}]+$",
        r"^(?![0-9.]+$)x$",
        r"^(?=a)a$",
        r"(?<=a)b",
        r"(?<!a)b",
        r"^\d+$",
        r"^\w+$",
        r"(?P<name>a)",
    ] {
        let problems = refused(serde_json::json!({ "type": "string", "pattern": pattern }));
        assert_eq!(problems.len(), 1, "{pattern}: {problems:?}");
    }
    assert_eq!(
        refused(serde_json::json!({ "properties": { "a": { "type": ["string", "null"] } } })),
        [
            "#/properties without \"type\": \"object\"",
            "#/properties/a/type is [\"string\",\"null\"], not one type",
        ]
    );
    let portable = serde_json::json!({
        "type": "string",
        "pattern": r"^[0-9.]*(?:[A-Za-z_-]|[^\x00-\x7F])\S\.\\$",
    });
    assert_eq!(refused(portable), Vec::<String>::new());
}

/// The schema's complaints about the plan in `path`, one line each.
fn schema_errors(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let instance = yaml_file_to_json(path);
    let mut lines = Vec::new();
    for error in validator.iter_errors(&instance) {
        explain(&error, &mut lines);
    }
    lines
}

/// One line per problem. A value that fails `oneOf` or `anyOf` (a task is a
/// title or a mapping; most fields may also be null) is explained by the
/// alternative of its own type, as editors do, or by the types it could have
/// had when it has none of them.
fn explain(error: &ValidationError, lines: &mut Vec<String>) {
    let context = match error.kind() {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            context
        }
        _ => {
            lines.push(format!("{error} at {}", error.instance_path()));
            return;
        }
    };
    let wrong_type = |e: &ValidationError| {
        matches!(e.kind(), ValidationErrorKind::Type { .. })
            && e.instance_path() == error.instance_path()
    };
    if let Some(branch) = context.iter().find(|errors| !errors.iter().any(wrong_type)) {
        for error in branch {
            explain(error, lines);
        }
        return;
    }
    let mut types = Vec::new();
    for error in context.iter().flatten() {
        if let ValidationErrorKind::Type {
            kind: TypeKind::Single(ty),
        } = error.kind()
        {
            let ty = ty.to_string();
            if !types.contains(&ty) {
                types.push(ty);
            }
        }
    }
    lines.push(format!(
        "{} is not of type {} at {}",
        error.instance(),
        types.join(" or "),
        error.instance_path()
    ));
}

#[test]
fn every_valid_plan_passes_the_schema() {
    let validator = validator();
    let mut paths = vec![root().join("plans/programme.yaml")];
    for entry in fs::read_dir(fixture("valid")).expect("valid fixtures") {
        paths.push(entry.expect("entry").path());
    }
    assert!(paths.len() > 5, "{paths:?}");
    for path in paths {
        let errors = schema_errors(&validator, &path);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// The codes of problems a schema can see in one file. The others need the
/// whole plan set (ids, dependencies, owners), calendar arithmetic, YAML
/// syntax the JSON view cannot show, or what a parent derives.
const SCHEMA_VISIBLE: &[&str] = &[
    "wrong-type",
    "unknown-field",
    "missing-field",
    "invalid-id",
    "invalid-date",
    "invalid-status",
    "invalid-progress",
    "invalid-effort",
    "unsupported-version",
];

/// Fixtures with a schema-visible code that only `wbs check` can tell.
const BEYOND_THE_SCHEMA: &[&str] = &[
    // Real calendar dates: February 30th and April 31st have the right shape.
    "invalid-date-feb30.yaml",
    "invalid-date-quoted-nonleap.yaml",
    "invalid-date-crlf.yaml",
    // Over a million hours is refused as a typo.
    "invalid-effort-huge.yaml",
];

#[test]
fn invalid_plans_fail_the_schema() {
    let validator = validator();
    let mut checked = 0;
    let mut passed = Vec::new();
    for entry in fs::read_dir(fixture("invalid")).expect("invalid fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let text = String::from_utf8_lossy(&fs::read(&path).expect("read")).into_owned();
        let visible = text.lines().any(|line| {
            line.strip_prefix("# expect: error ")
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|code| SCHEMA_VISIBLE.contains(&code))
        });
        if !visible || BEYOND_THE_SCHEMA.contains(&name) {
            continue;
        }
        if schema_errors(&validator, &path).is_empty() {
            passed.push(name.to_owned());
        }
        checked += 1;
    }
    assert_eq!(
        passed,
        Vec::<String>::new(),
        "invalid plans that pass the schema"
    );
    assert!(checked > 50, "only {checked} fixtures checked");
}

#[test]
fn schema_errors_name_the_problem() {
    let validator = validator();
    let errors = |name: &str| schema_errors(&validator, &fixture("invalid").join(name)).join("\n");
    insta::assert_snapshot!(errors("unknown-field.yaml"), @"Additional properties are not allowed ('assignee' was unexpected) at /tasks/0");
    insta::assert_snapshot!(errors("invalid-status.yaml"), @r#""Done" is not one of "todo", "in-progress" or 7 other candidates at /tasks/0/status"#);
    insta::assert_snapshot!(errors("wrong-type-tags-scalar.yaml"), @r#""frontend" is not of type array or null at /tasks/0/tags"#);
}

#[test]
fn init_writes_a_plan_that_checks_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["init"]).current_dir(dir.path()));
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    wrote plans/plan.yaml (a starter plan)
    wrote plans/.wbs-schema.json (the plan format's JSON Schema, for editors)
    next: edit the plan, then run `wbs check`
    [exit status: 0]
    ");
    let plan = dir.path().join("plans/plan.yaml");
    let text = fs::read_to_string(&plan).expect("the plan was written");
    assert!(
        text.starts_with("# yaml-language-server: $schema=./.wbs-schema.json\n"),
        "{text}"
    );
    assert!(text.lines().count() <= 45, "{text}");
    let schema = fs::read_to_string(dir.path().join("plans/.wbs-schema.json")).expect("schema");
    assert_eq!(schema, wbs_run(&["schema"]).stdout);

    // `wbs check` finds it where plans live, with nothing to say.
    let output = run(wbs(&["check"]).current_dir(dir.path()));
    assert_eq!(
        (output.code, output.stderr.as_str()),
        (0, ""),
        "{output}\n{text}"
    );
    assert!(output.stdout.contains("0 errors, 0 warnings"), "{output}");
    let output = wbs_run(&["check", "--deny-warnings", "-f", path_str(&plan)]);
    assert_eq!(output.code, 0, "{output}");

    // And the editor's schema agrees.
    let errors = schema_errors(&validator(), &plan);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn init_writes_the_starter_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["init", "-q", "work/roadmap.yml"]).current_dir(dir.path()));
    assert_eq!(output.to_string(), "[exit status: 0]");
    let text = fs::read_to_string(dir.path().join("work/roadmap.yml")).expect("written");
    insta::assert_snapshot!(text, @"
    # yaml-language-server: $schema=./.wbs-schema.json
    # A wbs plan. Check it with `wbs check`; see where it stands with `wbs report`.
    # .wbs-schema.json lets your editor complete and check this file; after
    # upgrading wbs, refresh it from this folder: wbs schema > .wbs-schema.json
    wbs: 1                          # format version; required
    title: My project               # required
    start: 2026-11-29               # optional plan dates, YYYY-MM-DD
    due: 2027-01-24
    people:                         # optional; when present, every owner is a key here
      ana: { name: Ana Silva, team: design }
      li: { name: Li Lei, team: engineering }
    defaults:
      effort: 1d                    # weight of a task without its own effort
    tasks:
      - id: design                  # optional; unique; how `after`, commands and diffs name it
        title: Design
        owner: ana                  # inherited by every subtask without an owner
        tasks:
          - title: Sketch the pages
            status: done            # todo, in-progress, blocked, done or cancelled
            effort: 2d              # h, d (8h) or w (5d); only on tasks without subtasks
          - title: Visual design
            status: in-progress
            progress: 40            # percent complete; parents add up their subtasks
            due: 2026-12-13
      - id: build
        title: Build
        owner: li
        after: [design]             # starts once design is finished
        tags: [web]
        tasks:
          - Set up CI               # a plain string is a todo task with that title
          - title: Pages
            start: 2026-12-14
            due: 2027-01-17
            effort: 2w
            notes: Free text. Any x-… field, like the next one, is kept and ignored.
            x-ticket: WEB-12
    ");
    assert!(dir.path().join("work/.wbs-schema.json").is_file());
    // Nothing else is left in the folder: no temporary files.
    let mut names: Vec<String> = fs::read_dir(dir.path().join("work"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".wbs-schema.json", "roadmap.yml"]);
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("plans")).expect("mkdir");
    fs::write(dir.path().join("plans/plan.yaml"), "mine").expect("write");
    let output = run(wbs(&["init"]).current_dir(dir.path()));
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: `plans/plan.yaml` already exists; wbs init never overwrites a file
    hint: choose another path, e.g. `wbs init plans/plan-2.yaml`
    [exit status: 2]
    ");
    let kept = fs::read_to_string(dir.path().join("plans/plan.yaml")).expect("read");
    assert_eq!(kept, "mine");
    assert!(!dir.path().join("plans/.wbs-schema.json").exists());

    let output = run(wbs(&["init", "plans"]).current_dir(dir.path()));
    insta::assert_snapshot!(output, @"
    ----- stderr -----
    error: `plans` is a folder
    hint: name the plan file to write, e.g. `wbs init plans/plan.yaml`
    [exit status: 2]
    ");
}

// A plan as an editor's YAML language server sees it.

fn yaml_file_to_json(path: &Path) -> Value {
    let bytes = fs::read(path).expect("read the plan");
    let text = String::from_utf8(bytes).expect("a UTF-8 plan");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut diagnostics = Vec::new();
    let tree = yaml::parse(text, 0, &mut diagnostics)
        .unwrap_or_else(|| panic!("{} is not YAML: {diagnostics:?}", path.display()));
    match tree.root() {
        Some(root) => to_json(&tree, text, root),
        None => Value::Null,
    }
}

/// A YAML node as JSON. Aliases (refused by wbs anyway) become null; of a
/// repeated key the first is kept, as wbs keeps it.
fn to_json(tree: &Tree, text: &str, node: NodeIdx) -> Value {
    match tree.kind(node) {
        Kind::Mapping => {
            let mut map = Map::new();
            for (key, value) in tree.entries(node) {
                let key = tree.text(text, key).to_owned();
                if !map.contains_key(&key) {
                    map.insert(key, to_json(tree, text, value));
                }
            }
            Value::Object(map)
        }
        Kind::Sequence => Value::Array(
            tree.children(node)
                .map(|item| to_json(tree, text, item))
                .collect(),
        ),
        Kind::Scalar if tree.style(node) == Style::Plain => core_scalar(tree.text(text, node)),
        Kind::Scalar => Value::String(tree.text(text, node).to_owned()),
        Kind::Invalid => Value::Null,
    }
}

/// A plain scalar typed by the YAML 1.2 core schema: null, booleans,
/// integers and floats; anything else (dates included) is a string.
/// Infinities and NaN have no JSON form and stay strings.
fn core_scalar(scalar: &str) -> Value {
    match scalar {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let radix = |prefix: &str, radix: u32| {
        let digits = scalar.strip_prefix(prefix)?;
        u64::from_str_radix(digits, radix).ok().map(Value::from)
    };
    if let Some(number) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return number;
    }
    if is_core_float(scalar) {
        if let Ok(integer) = scalar.parse::<i64>() {
            return Value::from(integer);
        }
        if let Some(number) = scalar.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(number);
        }
    }
    Value::String(scalar.to_owned())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, which integers
/// also match.
fn is_core_float(scalar: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let body = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let mantissa_ok = digits(whole)
        && fraction.is_none_or(digits)
        && (!whole.is_empty() || fraction.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[test]
fn yaml_scalars_are_typed_as_an_editor_types_them() {
    let cases = [
        ("1", serde_json::json!(1)),
        ("-3", serde_json::json!(-3)),
        ("37.5", serde_json::json!(37.5)),
        (".5", serde_json::json!(0.5)),
        ("1e3", serde_json::json!(1000.0)),
        ("0x1F", serde_json::json!(31)),
        ("2026-10-01", serde_json::json!("2026-10-01")),
        ("true", serde_json::json!(true)),
        ("yes", serde_json::json!("yes")),
        ("~", Value::Null),
        ("", Value::Null),
        ("4h", serde_json::json!("4h")),
        ("1.2.3", serde_json::json!("1.2.3")),
        (".", serde_json::json!(".")),
        (".inf", serde_json::json!(".inf")),
        ("e3", serde_json::json!("e3")),
    ];
    for (scalar, expected) in cases {
        assert_eq!(core_scalar(scalar), expected, "{scalar:?}");
    }
}
