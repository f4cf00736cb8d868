//! Field changes that `update`, `add` and `apply` make to a node, parsed
//! from `KEY=VALUE` text, sheet cells or JSON, each typed as the plan
//! reads it and rendered as YAML text ([`super::fields`] turns them into
//! patches).

use chrono::NaiveDate;

use crate::edit::scalar;
use crate::format::{self, Type};
use crate::i18n::edit::FieldError;
use crate::plan::fields::{self, Status};
use crate::source::yaml::Style;

/// Refuses two changes of one field, saying so in `lang`.
pub fn check_unique(settings: &[Setting], lang: crate::i18n::Lang) -> anyhow::Result<()> {
    for (i, setting) in settings.iter().enumerate() {
        if settings[..i].iter().any(|s| s.key == setting.key) {
            let key = setting.key.clone();
            anyhow::bail!("{}", lang.show(&FieldError::ChangedTwice { key }));
        }
    }
    Ok(())
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
    pub fn parse(key: &str, text: &str) -> Result<Setting, FieldError> {
        let ty = field_type(key)?;
        let value = match ty {
            Type::Text => Value::Text(text.to_owned()),
            Type::Title if text.trim().is_empty() => return Err(FieldError::EmptyTitle),
            Type::Title => Value::Text(text.to_owned()),
            Type::Id if fields::is_valid_id(text) => Value::Text(text.to_owned()),
            Type::Id => {
                let text = text.to_owned();
                return Err(FieldError::BadId { text });
            }
            Type::Status => Value::Status(parse_status(text)?),
            Type::Progress => Value::Number(parse_progress(text)?),
            Type::Date => Value::Date(parse_date(text)?),
            Type::Effort => Value::Effort(text.to_owned(), parse_effort(text)?),
            Type::Texts | Type::Ids => Value::List(
                crate::sheet::parse_list(text)?
                    .into_iter()
                    .map(|item| item.text)
                    .collect(),
            ),
            _ => {
                let key = key.to_owned();
                return Err(FieldError::CannotSet { key });
            }
        };
        if ty == Type::Ids
            && let Value::List(ids) = &value
            && let Some(bad) = ids.iter().find(|id| !fields::is_valid_id(id))
        {
            let text = bad.clone();
            return Err(FieldError::NotAnId { text });
        }
        Ok(Setting::set(key, value))
    }

    /// A field and its JSON value, as `apply` reads them: `null` removes
    /// the field, a list field takes an array, `progress` a number.
    pub fn from_json(key: &str, value: &serde_json::Value) -> Result<Setting, FieldError> {
        use serde_json::Value as J;
        match value {
            J::Null => Setting::unset(key),
            J::String(text) => Setting::parse(key, text),
            J::Number(number) if field_type(key)? == Type::Progress => {
                let n = number.as_f64().ok_or(FieldError::NotANumber)?;
                if (0.0..=100.0).contains(&n) {
                    Ok(Setting::set(key, Value::Number(n)))
                } else {
                    let text = n.to_string();
                    Err(FieldError::NotAProgress { text })
                }
            }
            J::Number(number) => Setting::parse(key, &number.to_string()),
            J::Array(items) if matches!(field_type(key)?, Type::Texts | Type::Ids) => {
                let texts = items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<String>>>()
                    .ok_or(FieldError::ListOfStrings)?;
                if field_type(key)? == Type::Ids
                    && let Some(bad) = texts.iter().find(|id| !fields::is_valid_id(id))
                {
                    let text = bad.clone();
                    return Err(FieldError::NotAnId { text });
                }
                Ok(Setting::set(key, Value::List(texts)))
            }
            J::Bool(_) | J::Array(_) | J::Object(_) => Err(FieldError::CannotBe {
                key: key.to_owned(),
                value: value.to_string(),
            }),
        }
    }

    /// Removing a field (`--unset`, JSON `null`); `title` cannot go.
    pub fn unset(key: &str) -> Result<Setting, FieldError> {
        match field_type(key)? {
            Type::Title => Err(FieldError::TitleRequired),
            Type::Tasks => Err(FieldError::SubtasksRemoved),
            _ => Ok(Setting {
                key: key.to_owned(),
                change: Change::Unset,
            }),
        }
    }

    /// `--tag +a,-b,c`: `+` or nothing adds, `-` removes.
    pub fn tags(text: &str) -> Result<Setting, FieldError> {
        let (mut add, mut remove) = (Vec::new(), Vec::new());
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word.strip_prefix('-') {
                Some(tag) => remove.push(tag.to_owned()),
                None => add.push(word.strip_prefix('+').unwrap_or(word).to_owned()),
            }
        }
        if add.iter().chain(&remove).any(|t| t.is_empty()) || add.len() + remove.len() == 0 {
            let text = text.to_owned();
            return Err(FieldError::NoTag { text });
        }
        Ok(Setting {
            key: "tags".to_owned(),
            change: Change::Tags { add, remove },
        })
    }

    /// A tags cell of a sheet (or a tags string of a JSON row): `+a,-b`,
    /// every item bare and marked, adds and removes; anything else is the
    /// whole list, a quoted item taken as it is ([`crate::sheet::list`]).
    pub fn tags_cell(text: &str) -> Result<Setting, FieldError> {
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
pub fn check_key(key: &str) -> Result<(), FieldError> {
    field_type(key).map(|_| ())
}

/// The type of a node field by key; `x-` keys take text.
fn field_type(key: &str) -> Result<Type, FieldError> {
    if key.starts_with("x-") && key.len() > 2 {
        return Ok(Type::Text);
    }
    match format::NODE.iter().find(|f| f.name == key) {
        Some(field) if field.ty == Type::Tasks => Err(FieldError::SubtasksChanged),
        Some(field) => Ok(field.ty),
        None => {
            let names = format::NODE.iter().map(|f| f.name);
            Err(FieldError::NotAField {
                key: key.to_owned(),
                near: crate::diagnostic::did_you_mean(key, names).map(str::to_owned),
            })
        }
    }
}

pub fn parse_status(text: &str) -> Result<Status, FieldError> {
    Status::parse(text).ok_or_else(|| {
        // Case matters in a plan, but `Done` surely means `done`.
        let lower = text.trim().to_lowercase();
        let near = crate::diagnostic::did_you_mean(&lower, Status::SPELLINGS)
            .and_then(Status::parse)
            .map(Status::as_str);
        FieldError::NotAStatus {
            text: crate::safe::excerpt(text).into_owned(),
            near,
        }
    })
}

pub fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    fields::parse_date(text).ok_or_else(|| FieldError::NotADate {
        text: text.to_owned(),
    })
}

pub fn parse_progress(text: &str) -> Result<f64, FieldError> {
    fields::parse_progress(text).ok_or_else(|| FieldError::NotAProgress {
        text: text.to_owned(),
    })
}

pub fn parse_effort(text: &str) -> Result<f64, FieldError> {
    fields::parse_effort(text).ok_or_else(|| FieldError::NotAnEffort {
        text: text.to_owned(),
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
pub(crate) fn render_list(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|t| scalar::render(t, Style::Plain, true))
        .collect();
    format!("[{}]", items.join(", "))
}
