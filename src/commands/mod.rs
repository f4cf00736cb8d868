//! One module per command, and the one `match` that runs them.

pub mod add;
pub mod apply;
pub mod check;
pub mod completions;
pub mod diff;
pub mod diff_driver;
pub mod export;
pub mod git_setup;
pub mod history;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod merge;
pub mod mv;
pub mod report;
pub mod rm;
pub mod schema;
pub mod show;
pub mod tree;
pub mod update;

mod edit_output;
mod field_args;
mod place_args;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::context::{Context, Env};
use crate::exit::Exit;

/// Runs the command the command line names.
pub fn run(cli: Cli, env: Env) -> Result<Exit> {
    let ctx = Context {
        global: cli.global,
        env,
    };
    match &cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Tree(args) => tree::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Completions(args) => completions::run(&ctx, args, Cli::command()),
        Command::Man(args) => man::run(&ctx, args, Cli::command()),
        Command::Update(args) => update::run(&ctx, args),
        Command::Add(args) => add::run(&ctx, args),
        Command::Rm(args) => rm::run(&ctx, args),
        Command::Mv(args) => mv::run(&ctx, args),
        Command::Apply(args) => apply::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::GitSetup(args) => git_setup::run(&ctx, args),
        Command::DiffDriver(args) => diff_driver::run(&ctx, args),
        Command::Merge(args) => merge::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
    }
}
