//! Format-preserving edits: intended changes turned into byte-range patches
//! over the span tree, so only the bytes that must change do.
//!
//! Every edit function plans its patches from one parse and returns them;
//! the caller combines the patches of several edits that touch different
//! nodes, applies them with [`apply`], re-parses the result and checks it
//! before writing. Offsets go stale after applying: re-parse between phases.
//! Values and keys are given as YAML text, written by [`scalar::render`] and
//! its typed helpers, and must be one line.

pub mod layout;
mod list;
mod mapping;
mod patch;
pub mod scalar;
mod sequence;
#[cfg(test)]
mod tests;

use std::fmt;

pub use layout::line_before;
pub use list::{Holder, Item, Place, Taken, insert_item, list_indent, remove_item, take};
pub use mapping::{insert_key, insert_key_after, remove_key, set_value};
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
