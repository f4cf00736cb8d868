//! The English text of every area.

pub(super) mod check;
pub(super) mod common;
pub(super) mod diff;
pub(super) mod edit;
pub(super) mod errors;
pub(super) mod history;
pub(super) mod import;
pub(super) mod io;
pub(super) mod merge;
pub(super) mod setup;
pub(super) mod show;
pub(super) mod syntax;
pub(super) mod views;
