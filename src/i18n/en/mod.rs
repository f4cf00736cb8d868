//! The English text of every area.

pub(super) mod check;
pub(super) mod common;
pub(super) mod diff;
pub(super) mod edit;
pub(super) mod io;
pub(super) mod show;
pub(super) mod syntax;
pub(super) mod views;
