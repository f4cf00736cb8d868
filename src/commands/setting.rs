//! Field changes that `update`, `add` and `apply` make to a node, parsed
//! from flags, `KEY=VALUE` text or JSON, each typed as the plan reads it
//! and rendered as YAML text ([`super::node_edit`] turns them into
//! patches).

use anyhow::anyhow;
use chrono::NaiveDate;

use crate::edit::scalar;
use crate::format::{self, Type};
use crate::plan::fields::{self, Status};
use crate::source::yaml::Style;

/// The field flags of `update` and `add`.
#[derive(Debug, Default, clap::Args)]
pub struct FieldArgs {
    /// Set the status (leaves; `cancelled` also on parents)
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Option<Status>,

    /// Set the progress, 0–100 (leaves)
    #[arg(long, value_name = "N", value_parser = parse_progress)]
    pub progress: Option<f64>,

    /// Set the owner
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,

    /// Set the start date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_arg)]
    pub start: Option<NaiveDate>,

    /// Set the due date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_arg)]
    pub due: Option<NaiveDate>,

    /// Set the effort, e.g. 4h, 1.5d, 2w (leaves)
    #[arg(long, value_name = "E", value_parser = parse_effort_text)]
    pub effort: Option<(String, f64)>,

    /// Set the notes (one line)
    #[arg(long, value_name = "T")]
    pub notes: Option<String>,

    /// Add and remove tags: +a adds a, -b removes b (repeatable)
    #[arg(long = "tag", value_name = "+A,-B", allow_hyphen_values = true)]
    pub tags: Vec<String>,

    /// Set any task field or x- key, e.g. --set x-jira=WEB-12 or --set after=a,b (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
}

impl FieldArgs {
    /// The changes the flags ask for, in the order of SPEC §1's fields.
    pub fn settings(&self) -> anyhow::Result<Vec<Setting>> {
        let mut settings = Vec::new();
        if let Some(owner) = &self.owner {
            settings.push(Setting::set("owner", Value::Text(owner.clone())));
        }
        if let Some(status) = self.status {
            settings.push(Setting::set("status", Value::Status(status)));
        }
        if let Some(progress) = self.progress {
            settings.push(Setting::set("progress", Value::Number(progress)));
        }
        if let Some(start) = self.start {
            settings.push(Setting::set("start", Value::Date(start)));
        }
        if let Some(due) = self.due {
            settings.push(Setting::set("due", Value::Date(due)));
        }
        if let Some((text, hours)) = &self.effort {
            settings.push(Setting::set("effort", Value::Effort(text.clone(), *hours)));
        }
        if !self.tags.is_empty() {
            let tags = Setting::tags(&self.tags.join(",")).map_err(|e| anyhow!("--tag: {e}"))?;
            settings.push(tags);
        }
        if let Some(notes) = &self.notes {
            settings.push(Setting::set("notes", Value::Text(notes.clone())));
        }
        for pair in &self.sets {
            let Some((key, value)) = pair.split_once('=') else {
                anyhow::bail!("--set {pair}: write KEY=VALUE, e.g. --set x-jira=WEB-12");
            };
            let setting =
                Setting::parse(key.trim(), value).map_err(|e| anyhow!("--set {pair}: {e}"))?;
            settings.push(setting);
        }
        check_unique(&settings)?;
        Ok(settings)
    }
}

/// Refuses two changes of one field.
pub fn check_unique(settings: &[Setting]) -> anyhow::Result<()> {
    for (i, setting) in settings.iter().enumerate() {
        if settings[..i].iter().any(|s| s.key == setting.key) {
            anyhow::bail!("`{}` is changed twice; give each field once", setting.key);
        }
    }
    Ok(())
}

fn parse_effort_text(text: &str) -> Result<(String, f64), String> {
    parse_effort(text).map(|hours| (text.to_owned(), hours))
}

/// One change of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The field's key: one of the node fields of SPEC §1, or an `x-` key.
    pub key: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set(Value),
    /// Remove the field; nothing to do where it is absent.
    Unset,
    /// Add and remove tags, keeping the others in their order.
    Tags {
        add: Vec<String>,
        remove: Vec<String>,
    },
}

/// A field's new value, typed as the plan reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Status(Status),
    Number(f64),
    Date(NaiveDate),
    /// The effort as written (`1.5d`) and in hours.
    Effort(String, f64),
    List(Vec<String>),
}

impl Setting {
    pub fn set(key: &str, value: Value) -> Setting {
        Setting {
            key: key.to_owned(),
            change: Change::Set(value),
        }
    }

    /// A field and its value as text, as `--set KEY=VALUE` and CSV cells
    /// give them; lists are comma-separated.
    pub fn parse(key: &str, text: &str) -> Result<Setting, String> {
        let ty = field_type(key)?;
        let value = match ty {
            Type::Text => Value::Text(text.to_owned()),
            Type::Title if text.trim().is_empty() => return Err("a title cannot be empty".into()),
            Type::Title => Value::Text(text.to_owned()),
            Type::Id if fields::is_valid_id(text) => Value::Text(text.to_owned()),
            Type::Id => {
                return Err(format!(
                    "`{text}` is not an id: use letters, digits, `-`, `_` and `.`, not only digits and dots"
                ));
            }
            Type::Status => Value::Status(parse_status(text)?),
            Type::Progress => Value::Number(parse_progress(text)?),
            Type::Date => Value::Date(crate::cli::parse_date_arg(text)?),
            Type::Effort => Value::Effort(text.to_owned(), parse_effort(text)?),
            Type::Texts | Type::Ids => Value::List(
                crate::sheet::parse_list(text)?
                    .into_iter()
                    .map(|item| item.text)
                    .collect(),
            ),
            _ => return Err(format!("`{key}` cannot be set this way")),
        };
        if ty == Type::Ids
            && let Value::List(ids) = &value
            && let Some(bad) = ids.iter().find(|id| !fields::is_valid_id(id))
        {
            return Err(format!("`{bad}` is not an id"));
        }
        Ok(Setting::set(key, value))
    }

    /// A field and its JSON value, as `apply` reads them: `null` removes
    /// the field, a list field takes an array, `progress` a number.
    pub fn from_json(key: &str, value: &serde_json::Value) -> Result<Setting, String> {
        use serde_json::Value as J;
        match value {
            J::Null => Setting::unset(key),
            J::String(text) => Setting::parse(key, text),
            J::Number(number) if field_type(key)? == Type::Progress => {
                let n = number.as_f64().ok_or("not a number")?;
                if (0.0..=100.0).contains(&n) {
                    Ok(Setting::set(key, Value::Number(n)))
                } else {
                    Err(format!("`{n}` is not a progress from 0 to 100"))
                }
            }
            J::Number(number) => Setting::parse(key, &number.to_string()),
            J::Array(items) if matches!(field_type(key)?, Type::Texts | Type::Ids) => {
                let texts = items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<String>>>()
                    .ok_or("a list of strings is expected")?;
                if field_type(key)? == Type::Ids
                    && let Some(bad) = texts.iter().find(|id| !fields::is_valid_id(id))
                {
                    return Err(format!("`{bad}` is not an id"));
                }
                Ok(Setting::set(key, Value::List(texts)))
            }
            J::Bool(_) | J::Array(_) | J::Object(_) => Err(format!("`{key}` cannot be {value}")),
        }
    }

    /// Removing a field (`--unset`, JSON `null`); `title` cannot go.
    pub fn unset(key: &str) -> Result<Setting, String> {
        match field_type(key)? {
            Type::Title => Err("every task needs a title; it cannot be removed".into()),
            Type::Tasks => Err("subtasks are removed with `wbs rm`".into()),
            _ => Ok(Setting {
                key: key.to_owned(),
                change: Change::Unset,
            }),
        }
    }

    /// `--tag +a,-b,c`: `+` or nothing adds, `-` removes.
    pub fn tags(text: &str) -> Result<Setting, String> {
        let (mut add, mut remove) = (Vec::new(), Vec::new());
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word.strip_prefix('-') {
                Some(tag) => remove.push(tag.to_owned()),
                None => add.push(word.strip_prefix('+').unwrap_or(word).to_owned()),
            }
        }
        if add.iter().chain(&remove).any(|t| t.is_empty()) || add.len() + remove.len() == 0 {
            return Err(format!(
                "`{text}` names no tag; write +tag to add, -tag to remove"
            ));
        }
        Ok(Setting {
            key: "tags".to_owned(),
            change: Change::Tags { add, remove },
        })
    }

    /// A tags cell of a sheet (or a tags string of a JSON row): `+a,-b`,
    /// every item bare and marked, adds and removes; anything else is the
    /// whole list, a quoted item taken as it is ([`crate::sheet::list`]).
    pub fn tags_cell(text: &str) -> Result<Setting, String> {
        let items = crate::sheet::parse_list(text)?;
        let change = !items.is_empty()
            && items
                .iter()
                .all(|item| !item.quoted && item.text.starts_with(['+', '-']));
        if change {
            return Setting::tags(text);
        }
        Ok(Setting::set(
            "tags",
            Value::List(items.into_iter().map(|item| item.text).collect()),
        ))
    }

    /// Only a leaf may carry it: status other than cancelled, progress and
    /// effort (SPEC §1, `leaf-field-on-parent`).
    pub fn leaf_only(&self) -> bool {
        match &self.change {
            Change::Set(Value::Status(status)) => *status != Status::Cancelled,
            Change::Set(_) => matches!(self.key.as_str(), "progress" | "effort"),
            Change::Unset | Change::Tags { .. } => false,
        }
    }
}

/// Whether a task field (or `x-` key) of this name can be changed.
pub fn check_key(key: &str) -> Result<(), String> {
    field_type(key).map(|_| ())
}

/// The type of a node field by key; `x-` keys take text.
fn field_type(key: &str) -> Result<Type, String> {
    if key.starts_with("x-") && key.len() > 2 {
        return Ok(Type::Text);
    }
    match format::NODE.iter().find(|f| f.name == key) {
        Some(field) if field.ty == Type::Tasks => {
            Err("subtasks are changed with `wbs add`, `wbs rm` and `wbs mv`".into())
        }
        Some(field) => Ok(field.ty),
        None => {
            let names = format::NODE.iter().map(|f| f.name);
            Err(match crate::diagnostic::did_you_mean(key, names) {
                Some(name) => format!("`{key}` is not a task field; did you mean `{name}`?"),
                None => format!("`{key}` is not a task field (x-… keys are free)"),
            })
        }
    }
}

pub fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        // Case matters in a plan, but `Done` surely means `done`.
        let lower = text.trim().to_lowercase();
        let near = crate::diagnostic::did_you_mean(&lower, Status::SPELLINGS)
            .and_then(Status::parse)
            .map(Status::as_str);
        let shown = crate::safe::excerpt(text);
        match near {
            Some(status) => format!(
                "`{shown}` is not a status; did you mean `{status}`? (the statuses: todo, in-progress, blocked, done, cancelled; case matters)"
            ),
            None => format!(
                "`{shown}` is not a status; use todo, in-progress, blocked, done or cancelled"
            ),
        }
    })
}

pub fn parse_progress(text: &str) -> Result<f64, String> {
    fields::parse_progress(text).ok_or_else(|| format!("`{text}` is not a progress from 0 to 100"))
}

pub fn parse_effort(text: &str) -> Result<f64, String> {
    fields::parse_effort(text).ok_or_else(|| {
        format!("`{text}` is not an effort; write a number with h, d or w, e.g. 1.5d")
    })
}

impl Value {
    /// The YAML text, in the quoting style of the scalar it replaces where
    /// the value allows; `in_flow` when it goes inside `[…]` or `{…}`.
    pub fn render(&self, existing: Style, in_flow: bool) -> String {
        match self {
            Value::Text(text) => scalar::render(text, existing, in_flow),
            Value::Status(status) => status.as_str().to_owned(),
            Value::Number(n) => scalar::render_number(*n),
            Value::Date(date) => scalar::render_date(*date),
            Value::Effort(text, _) => text.clone(),
            Value::List(items) => render_list(items),
        }
    }
}

/// A one-line flow list of strings.
pub(super) fn render_list(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|t| scalar::render(t, Style::Plain, true))
        .collect();
    format!("[{}]", items.join(", "))
}
