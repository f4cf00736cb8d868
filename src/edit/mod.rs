//! The editing layer: every change wbs makes to plan files, from a field
//! change to the atomic write, so that only the bytes that must change do
//! and nothing is written that does not re-load as the intended plan.
//! Commands give it plain inputs (the project, the intended change) and
//! print what it returns; it never prints.
//!
//! Two levels:
//!
//! - Byte-range patches over the span tree. Every edit function plans its
//!   patches from one parse and returns them; the caller combines the
//!   patches of several edits that touch different nodes, applies them
//!   with [`apply`], re-parses the result and checks it before writing.
//!   Offsets go stale after applying: re-parse between phases. Values and
//!   keys are given as YAML text, written by [`scalar::render`] and its
//!   typed helpers, and must be one line.
//! - The edit transaction built on them: [`change`] (a field change, typed
//!   and rendered as YAML), [`fields`] (field changes as patches, and a
//!   node's fields as the edited plan must read), [`place`] (where a new or
//!   moved task goes), [`ops`] (adding, removing and moving a task),
//!   [`transaction`] (the intended plan; stage → re-load → validate →
//!   verify node by node → write) and `atomic` (every file written, or
//!   none). `update`, `add`, `rm`, `mv` and `apply` each plan with
//!   [`fields`] or [`ops`] and stage and write with [`transaction`].

mod atomic;
pub mod change;
pub mod fields;
pub mod layout;
mod list;
mod mapping;
pub mod ops;
mod patch;
pub mod place;
pub mod scalar;
mod sequence;
#[cfg(test)]
mod tests;
pub mod transaction;
#[cfg(test)]
pub(crate) mod transaction_tests;

use std::fmt;

pub use atomic::{create_new, replace};
pub use layout::line_before;
pub use list::{Holder, Item, Place, Taken, insert_item, list_indent, remove_item, take};
pub use mapping::{insert_key, insert_key_after, remove_key, remove_key_among, set_value};
pub use patch::{Patch, PatchError, apply, prepare};
pub use sequence::plain_to_mapping;

/// Why an edit could not be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NotAMapping,
    NotASequence,
    /// The node is not a direct child of the given collection.
    NotAChild,
    MissingKey(String),
    KeyExists(String),
    /// New text must be one line: block text never goes into a flow
    /// collection, and a one-line scalar fits any place.
    NotOneLine,
    /// A shape the editor does not handle yet, named.
    Unsupported(&'static str),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotAMapping => write!(f, "the node is not a mapping"),
            EditError::NotASequence => write!(f, "the node is not a list"),
            EditError::NotAChild => write!(f, "the node is not an item of that list"),
            EditError::MissingKey(key) => write!(f, "no key `{key}` to change"),
            EditError::KeyExists(key) => write!(f, "key `{key}` is already there"),
            EditError::NotOneLine => write!(f, "new YAML text must be one line"),
            EditError::Unsupported(what) => write!(f, "editing {what} is not supported yet"),
        }
    }
}

impl std::error::Error for EditError {}
