//! `wbs check`: validate the plan set and report every problem.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use crate::context::{self, Context};
use crate::diagnostic::{Diagnostic, render};
use crate::exit::Exit;
use crate::i18n::check::Check;
use crate::output::Stream;
use crate::project::Project;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to print the diagnostics (default: github when GITHUB_ACTIONS=true, else human)
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages with the source line (stderr) and a summary (stdout)
    Human,
    /// A JSON array of diagnostics on stdout
    Json,
    /// GitHub Actions annotations (::error file=…) on stdout
    Github,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let project = context::open(ctx, context::Load::default())?;
    let diagnostics = &project.loaded.diagnostics;
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    let warnings = diagnostics.iter().any(|d| !d.is_error());
    let exit = if errors || (args.deny_warnings && warnings) {
        Exit::Finding
    } else {
        Exit::Success
    };
    match Format::chosen(args.format, ctx).print(ctx, &project) {
        // `wbs check | head` must still fail a `pipefail` pipeline when the
        // plan has errors: the exit code is the result, the output a report.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(exit),
        Err(error) => Err(error.into()),
        Ok(()) => Ok(exit),
    }
}

impl Format {
    /// The format asked for, else GitHub annotations inside a GitHub Actions
    /// job (where they land on the pull request's diff) and human messages
    /// everywhere else.
    fn chosen(asked: Option<Format>, ctx: &Context) -> Format {
        match asked {
            Some(format) => format,
            None if ctx.env.github_actions => Format::Github,
            None => Format::Human,
        }
    }

    /// Prints the diagnostics in this format: the one place a format picks
    /// its renderer.
    fn print(self, ctx: &Context, project: &Project) -> std::io::Result<()> {
        let diagnostics = &project.loaded.diagnostics;
        let sources = &project.loaded.sources;
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        match self {
            Format::Human => {
                let mut stderr = std::io::stderr().lock();
                let lang = ctx.lang();
                let color = ctx.color(Stream::Stderr);
                render::human(&mut stderr, diagnostics, sources, color, lang)?;
                if !ctx.global.quiet {
                    writeln!(stdout, "{}", ctx.lang().show(&summary(project)))?;
                }
            }
            Format::Json => render::json(&mut stdout, diagnostics, sources)?,
            Format::Github => {
                render::github(&mut stdout, diagnostics, sources)?;
                // stdout holds workflow commands; the summary still belongs
                // in the job log, so it goes to stderr, for people to read.
                if !ctx.global.quiet {
                    stdout.flush()?;
                    let summary = summary(project);
                    writeln!(std::io::stderr().lock(), "{}", ctx.lang().show(&summary))?;
                }
            }
        }
        stdout.flush()
    }
}

/// `checked 1 file, 141 nodes: 0 errors, 0 warnings`
fn summary(project: &Project) -> Check {
    let diagnostics = &project.loaded.diagnostics;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Check::Summary {
        files: project.loaded.sources.len(),
        nodes: project.loaded.plan.nodes.len(),
        errors,
        warnings: diagnostics.len() - errors,
    }
}
