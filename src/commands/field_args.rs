//! The field flags of `update` and `add` (`--status`, `--due`, `--tag`,
//! `--set KEY=VALUE`, …), read into the changes of [`crate::edit::change`].

use anyhow::anyhow;
use chrono::NaiveDate;

use crate::edit::change::{
    Setting, Value, check_unique, parse_date, parse_effort, parse_progress, parse_status,
};
use crate::i18n::Lang;
use crate::i18n::edit::{Edit, FieldError};
use crate::plan::fields::Status;

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
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<NaiveDate>,

    /// Set the due date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
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

    /// Set any task field or x- key, e.g. --set x-jira=WEB-12, or --set after=a,b to wait for a and b to finish (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
}

impl FieldArgs {
    /// The changes the flags ask for, in the order of SPEC §1's fields.
    pub fn settings(&self, lang: Lang) -> anyhow::Result<Vec<Setting>> {
        let flag = |flag: String, message: FieldError| {
            anyhow!("{}", lang.show(&Edit::Flag { flag, message }))
        };
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
            let tags =
                Setting::tags(&self.tags.join(",")).map_err(|e| flag("--tag".to_owned(), e))?;
            settings.push(tags);
        }
        if let Some(notes) = &self.notes {
            settings.push(Setting::set("notes", Value::Text(notes.clone())));
        }
        for pair in &self.sets {
            let Some((key, value)) = pair.split_once('=') else {
                let pair = pair.clone();
                anyhow::bail!("{}", lang.show(&Edit::SetNeedsPair { pair }));
            };
            let setting =
                Setting::parse(key.trim(), value).map_err(|e| flag(format!("--set {pair}"), e))?;
            settings.push(setting);
        }
        check_unique(&settings, lang)?;
        Ok(settings)
    }
}

fn parse_effort_text(text: &str) -> Result<(String, f64), FieldError> {
    parse_effort(text).map(|hours| (text.to_owned(), hours))
}
