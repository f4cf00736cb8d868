//! `wbs schema` and `wbs init`: the schema validates every plan wbs accepts
//! and rejects what it can see is wrong; the starter plan checks clean.
//!
//! The schema is checked with an independent validator (the `jsonschema`
//! crate) against plans read the way an editor's YAML language server reads
//! them: scalars typed by the YAML 1.2 core schema.

use std::fs;
use std::path::Path;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
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

/// The schema's complaints about the plan in `path`, one line each.
fn schema_errors(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let instance = yaml_file_to_json(path);
    let mut lines = Vec::new();
    for error in validator.iter_errors(&instance) {
        explain(&error, &mut lines);
    }
    lines
}

/// One line per problem. A task that fails `oneOf` (a title or a mapping)
/// is explained by the alternative of its own type, as editors do.
fn explain(error: &ValidationError, lines: &mut Vec<String>) {
    let ValidationErrorKind::OneOfNotValid { context } = error.kind() else {
        lines.push(format!("{error} at {}", error.instance_path()));
        return;
    };
    let wrong_type = |e: &ValidationError| {
        matches!(e.kind(), ValidationErrorKind::Type { .. })
            && e.instance_path() == error.instance_path()
    };
    let branch = context
        .iter()
        .find(|errors| !errors.iter().any(wrong_type))
        .unwrap_or(&context[0]);
    for error in branch {
        explain(error, lines);
    }
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
    insta::assert_snapshot!(errors("wrong-type-tags-scalar.yaml"), @r#""frontend" is not of types "null", "array" at /tasks/0/tags"#);
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
