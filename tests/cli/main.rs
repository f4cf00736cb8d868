//! The one integration-test binary: a module per command.

mod check;
mod common;
mod fixtures;
mod hostile;
