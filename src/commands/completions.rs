//! `wbs completions`: shell completion scripts.

use std::io::Write;

use anyhow::Result;

use crate::context::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install the script where your shell looks for completions:
  wbs completions bash > ~/.local/share/bash-completion/completions/wbs
  wbs completions zsh > ~/.zfunc/_wbs   # with fpath+=(~/.zfunc) before compinit
  wbs completions fish > ~/.config/fish/completions/wbs.fish
  wbs completions powershell | Out-String | Invoke-Expression   # in $PROFILE
  eval (wbs completions elvish | slurp)   # in ~/.config/elvish/rc.elv")]
pub struct Args {
    /// The shell to complete for
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(_ctx: &Context, args: &Args, cli: clap::Command) -> Result<Exit> {
    // clap_complete panics when its writer fails, so the script is built in
    // memory and written here, where a closed pipe is an ordinary error.
    let script = script(cli, args.shell);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&script)?;
    stdout.flush()?;
    Ok(Exit::Success)
}

/// The completion script for `shell`.
pub fn script(mut cli: clap::Command, shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli, "wbs", &mut script);
    script
}
