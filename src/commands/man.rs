//! `wbs man`: the manual page, wbs(1), in roff.
//!
//! One page holds everything: the global options, then a subsection per
//! command with its synopsis and options, then the environment and exit
//! codes. One file is easy to install (`wbs man > …/man1/wbs.1`) and to
//! search with `/` in `man wbs`; clap_mangen's default of a page per
//! command would leave `wbs-check(1)` references dangling unless every
//! page were installed.

use std::io::{self, Write};

use anyhow::Result;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::context::Context;
use crate::exit::Exit;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Read it with `wbs man | man -l -`, or install it:
  wbs man > ~/.local/share/man/man1/wbs.1")]
pub struct Args {}

pub fn run(_ctx: &Context, _args: &Args, cli: clap::Command) -> Result<Exit> {
    let mut page = Vec::new();
    render(cli, &mut page)?;
    let mut stdout = io::stdout().lock();
    stdout.write_all(&page)?;
    stdout.flush()?;
    Ok(Exit::Success)
}

/// The date this version was released, as `CHANGELOG.md` gives it (a test
/// keeps the two together): the page's date, the same on every build.
const RELEASE_DATE: &str = "2026-11-29";

/// Writes the manual page.
pub fn render(cli: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut root = cli.disable_help_subcommand(true);
    root.build();
    // `.TH WBS 1 date source manual` (groff_man(7)); without a date,
    // clap_mangen leaves the slot out and every later field shifts left.
    let man = Man::new(root.clone())
        .title("WBS")
        .date(RELEASE_DATE)
        .source(concat!("wbs ", env!("CARGO_PKG_VERSION")))
        .manual("User Commands");
    // Every roff fragment starts with the same two-line preamble that makes
    // apostrophes print as apostrophes; the page needs it once, after `.TH`.
    let preamble = Roff::new().render();
    let mut page = Page {
        out,
        preamble: preamble.as_bytes(),
    };
    page.section(|w| man.render_title(w))?;
    page.out.write_all(page.preamble)?;
    page.section(|w| man.render_name_section(w))?;
    page.section(|w| man.render_synopsis_section(w))?;
    page.section(description)?;
    page.section(|w| man.render_options_section(w))?;
    commands(&mut page, &root)?;
    page.section(environment)?;
    page.section(exit_status)?;
    page.section(see_also)?;
    page.section(|w| man.render_version_section(w))
}

/// The page being written, from fragments that each carry the preamble.
struct Page<'a> {
    out: &'a mut dyn Write,
    preamble: &'a [u8],
}

impl Page<'_> {
    /// Writes a fragment, without its preamble.
    fn section(&mut self, render: impl Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let fragment = self.fragment(render)?;
        self.out.write_all(&fragment)
    }

    /// Writes a fragment without its preamble and its `.SH` heading line,
    /// so that a command's synopsis and options sit inside its subsection.
    fn section_body(
        &mut self,
        render: impl Fn(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let fragment = self.fragment(render)?;
        let body = match fragment.strip_prefix(b".SH") {
            Some(rest) => rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(&[][..], |end| &rest[end + 1..]),
            None => &fragment[..],
        };
        self.out.write_all(body)
    }

    fn fragment(&self, render: impl Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<Vec<u8>> {
        let mut fragment = Vec::new();
        render(&mut fragment)?;
        if fragment.starts_with(self.preamble) {
            fragment.drain(..self.preamble.len());
        }
        Ok(ascii(&String::from_utf8_lossy(&fragment)).into_bytes())
    }
}

/// The text with every non-ASCII character (`…`, `→`) written as a roff
/// escape (`\[u2026]`), which groff and mandoc read without a preprocessor.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

fn description(out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["DESCRIPTION"]).text([
        bold("wbs"),
        roman(
            " loads a work-breakdown plan written in YAML, validates it, and prints \
             filtered tables, progress reports and diffs between plan versions.",
        ),
    ]);
    roff.control("PP", []).text([
        roman(
            "By default it loads the plan set in ./plans/: every *.yaml and *.yml file \
         directly in that folder, sorted by name. ",
        ),
        bold("-f"),
        roman(" (repeatable) or WBS_FILE names other files or folders instead."),
    ]);
    roff.control("PP", []).text([
        roman("Every command other than "),
        bold("check"),
        roman(
            " validates the plan first: on errors it prints them to standard error \
             and exits 1 without doing its job. Results go to standard output, \
             diagnostics and warnings to standard error.",
        ),
    ]);
    roff.to_writer(out)
}

/// A subsection per command: what it does, its synopsis, its own options
/// (the global ones are described once, above) and its notes.
fn commands(page: &mut Page<'_>, root: &clap::Command) -> io::Result<()> {
    page.section(|w| Roff::new().control("SH", ["COMMANDS"]).to_writer(w))?;
    for command in root.get_subcommands().filter(|c| !c.is_hide_set()) {
        let command = command.clone().mut_args(|arg| {
            let repeated = arg.is_global_set() || arg.get_id() == "help";
            arg.hide(repeated)
        });
        let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
        let about = command.get_long_about().or_else(|| command.get_about());
        page.section(|w| {
            let mut roff = Roff::new();
            roff.control("SS", [name]);
            if let Some(about) = about {
                roff.text([roman(about.to_string())]);
            }
            roff.control("PP", []).to_writer(w)
        })?;
        let man = Man::new(command.clone());
        page.section_body(|w| man.render_synopsis_section(w))?;
        if command.get_arguments().any(|arg| !arg.is_hide_set()) {
            page.section_body(|w| man.render_options_section(w))?;
        }
        if command.get_after_long_help().is_some() || command.get_after_help().is_some() {
            // The notes are laid out by hand (commands, one per line), so
            // they are printed as they are, not filled.
            page.section(|w| Roff::new().control("PP", []).control("nf", []).to_writer(w))?;
            page.section_body(|w| man.render_extra_section(w))?;
            page.section(|w| Roff::new().control("fi", []).to_writer(w))?;
        }
    }
    Ok(())
}

fn environment(out: &mut dyn Write) -> io::Result<()> {
    let variables = [
        (
            "WBS_FILE",
            "Load this plan file or folder instead of ./plans/ (as -f does).",
        ),
        (
            "WBS_TODAY",
            "Take this date (YYYY-MM-DD) as today, as --today does, so that \
             overdue and due-soon are reproducible.",
        ),
        (
            "WBS_MAX_BYTES",
            "Refuse plan files larger than this many bytes (default 256 MiB).",
        ),
        (
            "NO_COLOR",
            "When set and not empty, print no colour (see --color).",
        ),
        (
            "COLUMNS",
            "Fit tables to this width when standard output is not a terminal.",
        ),
        (
            "GITHUB_ACTIONS",
            "When true, wbs check prints GitHub Actions annotations unless --format \
             is given.",
        ),
    ];
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in variables {
        roff.control("TP", [])
            .text([bold(name)])
            .text([roman(meaning)]);
    }
    roff.to_writer(out)
}

fn exit_status(out: &mut dyn Write) -> io::Result<()> {
    let codes = [
        ("0", "Success; nothing found."),
        (
            "1",
            "A finding: validation errors (or warnings with --deny-warnings), a \
             report --fail-on condition met, differences with diff --exit-code.",
        ),
        (
            "2",
            "The command could not run: bad usage, an unreadable file, an unknown \
             git revision.",
        ),
    ];
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in codes {
        roff.control("TP", [])
            .text([bold(code)])
            .text([roman(meaning)]);
    }
    roff.to_writer(out)
}

fn see_also(out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]).text([
        roman(
            "The README of the wbs repository documents the plan format, the query \
               language and the machine-readable output formats. ",
        ),
        italic("wbs completions"),
        roman(" prints shell completion scripts."),
    ]);
    roff.to_writer(out)
}
