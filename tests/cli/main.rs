//! The one integration-test binary: a module per command.

mod check;
mod common;
mod diff;
mod export;
mod fixtures;
mod git;
mod help;
mod hostile;
mod integrate;
mod list;
mod report;
mod schema;
mod show;
mod tree;
mod update;
