//! From command-line words to a [`Query`], with the place of every term so
//! an error can point at the one that is wrong.

use std::ops::Range;

use chrono::{Days, NaiveDate};

use super::{Cmp, DateField, HasField, IsWord, Query, Term, TermKind, Under};
use crate::diagnostic::did_you_mean;
use crate::i18n::errors::{Frame, Problem, QueryHelp};
use crate::i18n::{Lang, Message};
use crate::plan::fields::{Status, parse_date};
use crate::plan::{NodeId, Plan};
use crate::safe::excerpt;

/// A query that cannot be read, with the byte range of the offending part in
/// [`QueryError::text`], the terms joined by spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryError {
    /// Boxed: a query's result stays small when it reads.
    pub message: Box<Problem>,
    pub help: Option<Box<QueryHelp>>,
    pub text: String,
    pub span: Range<usize>,
}

impl std::fmt::Display for QueryError {
    /// In English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(Lang::En, f)
    }
}

impl Message for QueryError {
    /// `error: …` comes from the caller; this prints the message, the query
    /// with a caret under the bad part, and the help.
    fn write(&self, lang: Lang, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = crate::safe::escape_control(&self.text);
        let width = |s: &str| {
            unicode_width::UnicodeWidthStr::width(crate::safe::escape_control(s).as_ref())
        };
        let before = width(&self.text[..self.span.start]);
        let marked = width(&self.text[self.span.clone()]).max(1);
        write!(
            f,
            "{}\n  {shown}\n  {}{}",
            lang.show(self.message.as_ref()),
            " ".repeat(before),
            "^".repeat(marked)
        )?;
        if let Some(help) = &self.help {
            write!(
                f,
                "\n{}{}",
                lang.phrase(Frame::Help),
                lang.show(help.as_ref())
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

pub(super) const FIELDS: &[&str] = &[
    "status", "owner", "tag", "under", "id", "level", "due", "start", "progress", "is", "has",
];
/// Commas a Chinese input method types where a list wants `,`.
const FULL_WIDTH_COMMAS: [char; 2] = ['，', '、'];
const COMPARABLE: &[&str] = &["level", "due", "start", "progress"];
const IS_WORDS: &[&str] = &["leaf", "parent", "overdue", "due-soon", "open", "blocked"];
const HAS_FIELDS: &[&str] = &[
    "id", "owner", "status", "progress", "start", "due", "effort", "tags", "after", "notes",
    "tasks",
];

/// Reads the words of a query. `today` resolves relative dates; `plan`
/// resolves `under:` references, which must exist.
pub fn parse(words: &[String], plan: &Plan, today: NaiveDate) -> Result<Query, QueryError> {
    let text = words.join(" ");
    let mut terms = Vec::with_capacity(words.len());
    let mut offset = 0;
    for word in words {
        let span = offset..offset + word.len();
        offset += word.len() + 1;
        let reader = TermReader {
            text: &text,
            word,
            start: span.start,
            plan,
            today,
        };
        terms.push(reader.read()?);
    }
    Ok(Query { terms, text })
}

/// Whether a query word is a field term (`status:done`, `due<today`,
/// `-id:x`) rather than text to search for, by its shape alone.
pub fn is_field_term(word: &str) -> bool {
    let body = word.strip_prefix('-').unwrap_or(word);
    matches!(field_head(body), (1.., Some(_)))
}

/// A field term is a lowercase word followed by an operator; anything else
/// is text to search for. The length of the word and of the operator.
fn field_head(body: &str) -> (usize, Option<usize>) {
    let name_len = if body.starts_with(|c: char| c.is_ascii_lowercase()) {
        body.bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count()
    } else {
        0
    };
    let rest = &body[name_len..];
    let op_len = [":", "<=", ">=", "<", ">", "="]
        .iter()
        .find(|op| rest.starts_with(*op))
        .map(|op| op.len());
    (name_len, op_len)
}

struct TermReader<'a> {
    text: &'a str,
    word: &'a str,
    /// Where the word starts in `text`.
    start: usize,
    plan: &'a Plan,
    today: NaiveDate,
}

impl TermReader<'_> {
    fn error(&self, range: Range<usize>, message: Problem, help: Option<QueryHelp>) -> QueryError {
        QueryError {
            message: Box::new(message),
            help: help.map(Box::new),
            text: self.text.to_owned(),
            span: self.start + range.start..self.start + range.end,
        }
    }

    fn read(&self) -> Result<Term, QueryError> {
        let (negated, body, body_start) = match self.word.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest, 1),
            _ => (false, self.word, 0),
        };
        let kind = self.kind(body, body_start)?;
        Ok(Term { negated, kind })
    }

    fn kind(&self, body: &str, at: usize) -> Result<TermKind, QueryError> {
        let (name_len, op_len) = field_head(body);
        let rest = &body[name_len..];
        // Chinese input methods type a full-width colon (`owner：ana`).
        if op_len.is_none() && FIELDS.contains(&&body[..name_len]) && rest.starts_with('：') {
            let at = at + name_len;
            return Err(self.error(
                at..at + '：'.len_utf8(),
                Problem::FullWidthColon,
                Some(QueryHelp::UseAsciiColon {
                    fixed: excerpt(&self.word.replacen('：', ":", 1)).into_owned(),
                }),
            ));
        }
        // A field followed by something that is not an operator (`due!=x`,
        // `status~done`) is a mistake, not text to search for.
        if op_len.is_none()
            && name_len > 0
            && FIELDS.contains(&&body[..name_len])
            && !rest.is_empty()
        {
            let bad = rest
                .chars()
                .take_while(|c| !c.is_alphanumeric())
                .collect::<String>();
            let shown = if bad.is_empty() {
                rest.chars().next().map(String::from).unwrap_or_default()
            } else {
                bad
            };
            let at = at + name_len;
            return Err(self.error(
                at..at + shown.len(),
                Problem::UnknownOperator {
                    op: excerpt(&shown).into_owned(),
                    field: body[..name_len].to_owned(),
                },
                Some(QueryHelp::Operators {
                    comparable: COMPARABLE.join(", "),
                }),
            ));
        }
        let (Some(op_len), true) = (op_len, name_len > 0) else {
            if body.trim().is_empty() || self.word == "-" {
                return Err(self.error(
                    0..self.word.len(),
                    Problem::EmptyTerm,
                    Some(QueryHelp::RemoveEmpty),
                ));
            }
            return Ok(TermKind::Text(body.to_lowercase()));
        };
        let name = &body[..name_len];
        let op = &rest[..op_len];
        let value = &rest[op_len..];
        let name_range = at..at + name_len;
        let op_range = at + name_len..at + name_len + op_len;
        let value_range = op_range.end..at + body.len();

        if !FIELDS.contains(&name) {
            let help = match did_you_mean(name, FIELDS.iter().copied()) {
                Some(close) => QueryHelp::DidYouMean {
                    word: close.to_owned(),
                },
                None => QueryHelp::QueryFields {
                    fields: FIELDS.join(", "),
                },
            };
            return Err(self.error(
                name_range,
                Problem::UnknownField {
                    name: excerpt(name).into_owned(),
                },
                Some(help),
            ));
        }
        // A list typed with a Chinese input method: `status:todo，blocked`
        // would otherwise name one status, or one owner, that is not there.
        if let Some((offset, comma)) = value
            .char_indices()
            .find(|&(_, c)| FULL_WIDTH_COMMAS.contains(&c))
        {
            let start = value_range.start + offset;
            let fixed: String = self
                .word
                .chars()
                .map(|c| {
                    if FULL_WIDTH_COMMAS.contains(&c) {
                        ','
                    } else {
                        c
                    }
                })
                .collect();
            return Err(self.error(
                start..start + comma.len_utf8(),
                Problem::FullWidthComma { comma },
                Some(QueryHelp::UseAsciiComma {
                    fixed: excerpt(&fixed).into_owned(),
                }),
            ));
        }
        let cmp = match op {
            ":" | "=" => Cmp::Eq,
            "<" => Cmp::Lt,
            "<=" => Cmp::Le,
            ">" => Cmp::Gt,
            _ => Cmp::Ge,
        };
        if cmp != Cmp::Eq && !COMPARABLE.contains(&name) || op == "=" && !COMPARABLE.contains(&name)
        {
            return Err(self.error(
                op_range,
                Problem::TakesColon {
                    field: name.to_owned(),
                    op: op.to_owned(),
                },
                Some(QueryHelp::ListOrCompare {
                    field: name.to_owned(),
                    comparable: COMPARABLE.join(", "),
                }),
            ));
        }
        let list = || value.split(',').filter(|v| !v.is_empty());
        let kind = match name {
            "status" => TermKind::Status(self.statuses(value, value_range)?),
            "owner" => TermKind::Owner(list().map(str::to_owned).collect()),
            "tag" => TermKind::Tag(list().map(str::to_owned).collect()),
            "id" => TermKind::Id(list().map(str::to_owned).collect()),
            "under" => TermKind::Under(self.under(value, value_range)?),
            "level" => {
                let level = value
                    .parse::<u32>()
                    .ok()
                    .filter(|&l| l > 0)
                    .ok_or_else(|| {
                        self.error(
                            value_range.clone(),
                            Problem::NotLevel {
                                value: excerpt(value).into_owned(),
                            },
                            Some(QueryHelp::Levels),
                        )
                    })?;
                TermKind::Level(cmp, level)
            }
            "progress" => {
                let number = value.strip_suffix('%').unwrap_or(value);
                let progress = number
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite())
                    .ok_or_else(|| {
                        self.error(
                            value_range.clone(),
                            Problem::NotProgress {
                                value: excerpt(value).into_owned(),
                            },
                            Some(QueryHelp::Percentage),
                        )
                    })?;
                TermKind::Progress(cmp, progress)
            }
            "due" | "start" => {
                let field = if name == "due" {
                    DateField::Due
                } else {
                    DateField::Start
                };
                TermKind::Date(field, cmp, self.date(value, value_range)?)
            }
            "is" => TermKind::Is(
                self.each(value, value_range, |part, range| self.is_word(part, range))?,
            ),
            _ => TermKind::Has(self.each(value, value_range, |part, range| {
                self.has_field(part, range)
            })?),
        };
        Ok(kind)
    }

    /// Reads each comma-separated part of a value with `read`, which gets
    /// the part's place for its errors.
    fn each<T>(
        &self,
        value: &str,
        range: Range<usize>,
        read: impl Fn(&str, Range<usize>) -> Result<T, QueryError>,
    ) -> Result<Vec<T>, QueryError> {
        let mut offset = range.start;
        value
            .split(',')
            .map(|part| {
                let part_range = offset..offset + part.len();
                offset += part.len() + 1;
                read(part, part_range)
            })
            .collect()
    }

    fn statuses(&self, value: &str, range: Range<usize>) -> Result<Vec<Status>, QueryError> {
        let mut statuses = Vec::new();
        let mut offset = range.start;
        for part in value.split(',') {
            let part_range = offset..offset + part.len();
            offset += part.len() + 1;
            match Status::parse(part) {
                Some(status) => statuses.push(status),
                None => {
                    let help = match did_you_mean(part, Status::SPELLINGS) {
                        Some(close) => QueryHelp::DidYouMean {
                            word: close.to_owned(),
                        },
                        None => QueryHelp::Statuses {
                            statuses: Status::SPELLINGS.join(", "),
                        },
                    };
                    return Err(self.error(
                        part_range,
                        Problem::UnknownStatus {
                            value: excerpt(part).into_owned(),
                        },
                        Some(help),
                    ));
                }
            }
        }
        Ok(statuses)
    }

    fn under(&self, value: &str, range: Range<usize>) -> Result<Vec<Under>, QueryError> {
        let mut found = Vec::new();
        let mut offset = range.start;
        for part in value.split(',') {
            let part_range = offset..offset + part.len();
            offset += part.len() + 1;
            match resolve_under(self.plan, part) {
                Some(under) => found.push(under),
                None => {
                    return Err(self.error(
                        part_range,
                        Problem::UnderNoNode {
                            value: excerpt(part).into_owned(),
                        },
                        Some(QueryHelp::UnderReference),
                    ));
                }
            }
        }
        Ok(found)
    }

    fn date(&self, value: &str, range: Range<usize>) -> Result<NaiveDate, QueryError> {
        let invalid = || {
            self.error(
                range.clone(),
                Problem::NotDate {
                    value: excerpt(value).into_owned(),
                },
                Some(QueryHelp::DateForms),
            )
        };
        if let Some(date) = parse_date(value) {
            return Ok(date);
        }
        let Some(offset) = value.strip_prefix("today") else {
            return Err(invalid());
        };
        if offset.is_empty() {
            return Ok(self.today);
        }
        // Split on characters, not bytes: the text is the user's.
        let Some(sign) = offset.chars().next().filter(|c| matches!(c, '+' | '-')) else {
            return Err(invalid());
        };
        let amount = &offset[1..];
        let Some(unit) = amount.chars().last().filter(|c| matches!(c, 'd' | 'w')) else {
            return Err(invalid());
        };
        let number = &amount[..amount.len() - 1];
        let (sign, unit) = (
            if sign == '+' { "+" } else { "-" },
            if unit == 'd' { "d" } else { "w" },
        );
        let count: u64 = number.parse().map_err(|_| invalid())?;
        let days = match unit {
            "d" => count,
            "w" => count.checked_mul(7).ok_or_else(invalid)?,
            _ => return Err(invalid()),
        };
        let date = match sign {
            "+" => self.today.checked_add_days(Days::new(days)),
            "-" => self.today.checked_sub_days(Days::new(days)),
            _ => None,
        };
        date.ok_or_else(invalid)
    }

    fn is_word(&self, value: &str, range: Range<usize>) -> Result<IsWord, QueryError> {
        Ok(match value {
            "leaf" => IsWord::Leaf,
            "parent" => IsWord::Parent,
            "overdue" => IsWord::Overdue,
            "due-soon" => IsWord::DueSoon,
            "open" => IsWord::Open,
            "blocked" => IsWord::Blocked,
            _ => {
                let help = match did_you_mean(value, IS_WORDS.iter().copied()) {
                    Some(close) => QueryHelp::DidYouMean {
                        word: format!("is:{close}"),
                    },
                    None => QueryHelp::IsTakes {
                        words: IS_WORDS.join(", "),
                    },
                };
                return Err(self.error(
                    range,
                    Problem::UnknownIs {
                        value: excerpt(value).into_owned(),
                    },
                    Some(help),
                ));
            }
        })
    }

    fn has_field(&self, value: &str, range: Range<usize>) -> Result<HasField, QueryError> {
        Ok(match value {
            "id" => HasField::Id,
            "owner" => HasField::Owner,
            "status" => HasField::Status,
            "progress" => HasField::Progress,
            "start" => HasField::Start,
            "due" => HasField::Due,
            "effort" => HasField::Effort,
            "tags" | "tag" => HasField::Tags,
            "after" => HasField::After,
            "notes" => HasField::Notes,
            "tasks" => HasField::Tasks,
            key if key.starts_with("x-") && key.len() > 2 => HasField::Extension(key.to_owned()),
            _ => {
                let help = if value == "x-" {
                    QueryHelp::NameXKey
                } else if let Some(key) = value.strip_prefix("X-") {
                    QueryHelp::LowercaseX {
                        key: excerpt(key).into_owned(),
                    }
                } else {
                    match did_you_mean(value, HAS_FIELDS.iter().copied()) {
                        Some(close) => QueryHelp::DidYouMean {
                            word: format!("has:{close}"),
                        },
                        None => QueryHelp::HasTakes {
                            fields: HAS_FIELDS.join(", "),
                        },
                    }
                };
                return Err(self.error(
                    range,
                    Problem::UnknownHas {
                        value: excerpt(value).into_owned(),
                    },
                    Some(help),
                ));
            }
        })
    }
}

/// A node reference: an id, or a WBS code; in a plan set, a single number
/// names a whole file.
pub fn resolve_under(plan: &Plan, reference: &str) -> Option<Under> {
    if plan.files.len() > 1
        && let Ok(file) = reference.parse::<usize>()
    {
        return (1..=plan.files.len())
            .contains(&file)
            .then(|| Under::File(file - 1));
    }
    resolve_node(plan, reference).map(Under::Node)
}

/// A node by id or WBS code.
pub fn resolve_node(plan: &Plan, reference: &str) -> Option<NodeId> {
    if reference.is_empty() {
        return None;
    }
    if reference.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        plan.find_code(reference)
    } else {
        plan.find_id(reference)
    }
}
