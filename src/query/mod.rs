//! The query language (SPEC §2): terms that select nodes, shared by every
//! command that takes a query.
//!
//! [`parse`] turns the words of a command line into a [`Query`], pointing at
//! the bad term on error; [`Query::matches`] evaluates it over the derived
//! values. All terms must hold; `-TERM` negates one.

#[cfg(test)]
mod fuzz_tests;
mod parse;

pub use parse::{QueryError, is_field_term, parse, resolve_node, resolve_under};

use chrono::NaiveDate;

use crate::plan::derive::Derived;
use crate::plan::{NodeId, Plan, Status};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    terms: Vec<Term>,
    /// The words as given, joined by spaces, to say what was selected.
    text: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Term {
    negated: bool,
    kind: TermKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Cmp {
    fn holds<T: PartialOrd>(self, left: T, right: T) -> bool {
        match self {
            Cmp::Lt => left < right,
            Cmp::Le => left <= right,
            Cmp::Eq => left == right,
            Cmp::Ge => left >= right,
            Cmp::Gt => left > right,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Start,
    Due,
}

/// What `under:` names: a node's subtree, or a whole file of a plan set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Under {
    Node(NodeId),
    File(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IsWord {
    Leaf,
    Parent,
    Overdue,
    DueSoon,
    Open,
    Blocked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HasField {
    Id,
    Owner,
    Status,
    Progress,
    Start,
    Due,
    Effort,
    Tags,
    After,
    Notes,
    Tasks,
    /// An `x-` key, by its whole name.
    Extension(String),
}

#[derive(Debug, Clone, PartialEq)]
enum TermKind {
    Status(Vec<Status>),
    /// Effective owner is any of these; an empty list means no owner.
    Owner(Vec<String>),
    Tag(Vec<String>),
    Under(Vec<Under>),
    Id(Vec<String>),
    Level(Cmp, u32),
    Date(DateField, Cmp, NaiveDate),
    Progress(Cmp, f64),
    /// Any of these `is:` words holds.
    Is(Vec<IsWord>),
    /// Any of these fields is written on the node.
    Has(Vec<HasField>),
    /// Lowercased text to find in the title or notes.
    Text(String),
}

impl Query {
    /// A query of no terms, which every node matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query as it was written: its words joined by spaces.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether every term is a word of text to search for (or its
    /// negation): a search, not a deliberate selection such as `id:` or
    /// `under:`.
    pub fn is_search(&self) -> bool {
        !self.terms.is_empty()
            && self
                .terms
                .iter()
                .all(|term| matches!(term.kind, TermKind::Text(_)))
    }

    pub fn matches(&self, plan: &Plan, derived: &Derived, node: NodeId) -> bool {
        self.terms
            .iter()
            .all(|term| term.kind.matches(plan, derived, node) != term.negated)
    }
}

impl TermKind {
    fn matches(&self, plan: &Plan, derived: &Derived, id: NodeId) -> bool {
        let node = plan.node(id);
        let d = derived.node(id);
        match self {
            TermKind::Status(statuses) => statuses.contains(&d.status),
            TermKind::Owner(owners) => match derived.owner(plan, id) {
                None => owners.is_empty(),
                Some(owner) => owners.iter().any(|o| o == owner),
            },
            TermKind::Tag(tags) => plan
                .list(node.tags)
                .any(|t| tags.iter().any(|want| want == t)),
            TermKind::Under(places) => places.iter().any(|place| match *place {
                Under::Node(ancestor) => plan.is_ancestor(ancestor, id),
                Under::File(file) => node.file as usize == file,
            }),
            TermKind::Id(ids) => plan
                .id_of(id)
                .is_some_and(|own| ids.iter().any(|i| i == own)),
            TermKind::Level(cmp, level) => cmp.holds(node.level, *level),
            TermKind::Date(field, cmp, date) => {
                let value = match field {
                    DateField::Start => d.start,
                    DateField::Due => d.due,
                };
                value.is_some_and(|v| cmp.holds(v, *date))
            }
            TermKind::Progress(cmp, progress) => cmp.holds(d.progress, *progress),
            TermKind::Is(words) => words.iter().any(|word| match word {
                IsWord::Leaf => plan.is_leaf(id),
                IsWord::Parent => !plan.is_leaf(id),
                IsWord::Overdue => d.overdue,
                IsWord::DueSoon => d.due_soon,
                IsWord::Open => !d.cancelled && d.status != Status::Done,
                IsWord::Blocked => d.status == Status::Blocked,
            }),
            TermKind::Has(fields) => fields.iter().any(|field| match field {
                HasField::Id => node.id.is_some(),
                HasField::Owner => node.owner.is_some(),
                HasField::Status => node.status.is_some(),
                HasField::Progress => node.progress.is_some(),
                HasField::Start => node.start.is_some(),
                HasField::Due => node.due.is_some(),
                HasField::Effort => node.effort_hours.is_some(),
                HasField::Tags => !node.tags.is_empty(),
                HasField::After => !node.after.is_empty(),
                HasField::Notes => node.notes.is_some(),
                HasField::Tasks => !plan.is_leaf(id),
                HasField::Extension(key) => plan.list(node.extensions).any(|k| k == key),
            }),
            TermKind::Text(needle) => {
                contains_folded(plan.title(id), needle)
                    || plan.notes(id).is_some_and(|n| contains_folded(n, needle))
            }
        }
    }
}

/// Case-insensitive search for an already lowercased needle; text without
/// any cased letter (Chinese, digits) is searched as it is, without
/// allocating.
fn contains_folded(haystack: &str, needle: &str) -> bool {
    if haystack.contains(needle) {
        return true;
    }
    if !haystack.chars().any(char::is_uppercase) {
        return false;
    }
    haystack.to_lowercase().contains(needle)
}

#[cfg(test)]
mod tests;
