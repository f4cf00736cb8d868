//! The one integration-test binary: a module per command.

mod add;
mod apply;
mod check;
mod common;
mod diff;
mod export;
mod faults;
mod fixtures;
mod git;
mod git_setup;
mod help;
mod hostile;
mod inject;
mod integrate;
mod list;
mod merge;
mod mv;
mod report;
mod rm;
mod roundtrip;
mod schema;
mod show;
mod tree;
mod update;
mod width;
