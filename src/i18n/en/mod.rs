//! The English text of every area.

pub(super) mod check;
pub(super) mod common;
pub(super) mod diff;
pub(super) mod edit;
pub(super) mod syntax;
