//! How the editing commands end: their output flags, a refused change's
//! errors, the dry run's diffs, the JSON document and the summary lines;
//! the edit itself is [`crate::edit::transaction`]'s.

use std::io::Write;

use anyhow::Result;

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::edit::transaction::{self, Outcome, Planned, Staged, introduced_warnings};
use crate::exit::Exit;
use crate::i18n::edit::Edit;
use crate::plan::NodeId;
use crate::project::Project;

/// The output flags of every editing command.
#[derive(Debug, clap::Args)]
pub struct WriteArgs {
    /// Print what would change (a semantic and a text diff, or JSON with --format json) and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// How to report what was changed
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line per changed node and a summary
    Human,
    /// One JSON document: the nodes, the files, the semantic diff and the warnings the edit introduces
    Json,
}

/// Stages `planned` (see [`transaction::stage`]); a change the plan would
/// not validate after is refused: its errors are printed and the exit code
/// returned.
pub fn stage(
    ctx: &Context,
    project: &Project,
    planned: Planned,
) -> Result<std::result::Result<Staged, Exit>> {
    match transaction::stage(project, planned)? {
        Outcome::Staged(staged) => Ok(Ok(staged)),
        Outcome::Refused { after } => {
            report_invalid(ctx, &after, &after.loaded.diagnostics)?;
            Ok(Err(Exit::Finding))
        }
    }
}

/// Prints the errors among `diagnostics` of an edited plan that does not
/// validate: the edit is refused.
pub fn report_invalid(ctx: &Context, after: &Project, diagnostics: &[Diagnostic]) -> Result<()> {
    let lang = ctx.lang();
    eprintln!(
        "{}{}",
        crate::i18n::io::error_frame(lang),
        lang.show(&Edit::WouldBeInvalid)
    );
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    crate::diagnostic::render::human(
        &mut std::io::stderr().lock(),
        &errors,
        &after.loaded.sources,
        ctx.color(crate::output::Stream::Stderr),
        ctx.lang(),
    )?;
    Ok(())
}

/// `--dry-run`: the semantic diff and the text diff of each changed file.
pub fn print_dry_run(
    ctx: &Context,
    before: &Project,
    staged: &Staged,
    out: &mut impl Write,
) -> Result<()> {
    let diff = crate::diff::diff(before, &staged.after, crate::diff::Options::default());
    super::diff::print_human(before, &staged.after, &diff, ctx, out)?;
    for (source, text) in before.loaded.sources.iter().zip(&staged.texts) {
        if let Some(text) = text {
            writeln!(out)?;
            let path = crate::safe::escape_control(&source.path);
            writeln!(out, "--- {path}\n+++ {path}")?;
            let unified = similar::TextDiff::from_lines(source.text.as_str(), text.as_str());
            // Each line made safe to print: the file is plan text.
            for hunk in unified.unified_diff().context_radius(2).iter_hunks() {
                writeln!(out, "{}", hunk.header())?;
                for change in hunk.iter_changes() {
                    let sign = match change.tag() {
                        similar::ChangeTag::Delete => '-',
                        similar::ChangeTag::Insert => '+',
                        similar::ChangeTag::Equal => ' ',
                    };
                    let line = change.value().trim_end_matches(['\n', '\r']);
                    writeln!(out, "{sign}{}", crate::safe::escape_control(line))?;
                }
            }
        }
    }
    Ok(())
}

/// Ends an editing command. With `--dry-run`, writes nothing and prints
/// the diffs and `dry run: {what}; nothing was written` (`what` in the
/// run's language); otherwise writes
/// the changed files and prints `human`'s lines. With `--format json`,
/// either way prints one document: `json` (given the changed files'
/// paths) with `dry_run`, the semantic diff's `summary` and `changes` (as
/// `wbs diff --format json`) and the `warnings` the edit introduces.
/// Warnings the edit introduces are printed to stderr for people.
pub fn finish(
    ctx: &Context,
    before: &Project,
    staged: &Staged,
    output: &WriteArgs,
    what: &str,
    json: impl FnOnce(&[&str]) -> serde_json::Value,
    human: impl FnOnce(&[&str], &mut dyn Write) -> std::io::Result<()>,
) -> Result<Exit> {
    let introduced = introduced_warnings(before, staged);
    if !output.dry_run {
        transaction::write(before, staged, ctx.env.test_pause_ms)?;
    }
    let files = staged.changed_files(before);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match output.format {
        Format::Json => {
            let mut document = json(&files);
            let diff = crate::diff::diff(before, &staged.after, crate::diff::Options::default());
            let diff = super::diff::json_value(before, &staged.after, &diff);
            let warnings =
                crate::diagnostic::render::json_value(&introduced, &staged.after.loaded.sources);
            if let Some(fields) = document.as_object_mut() {
                fields.insert("dry_run".into(), output.dry_run.into());
                for key in ["summary", "changes"] {
                    fields.insert(key.into(), diff.get(key).cloned().unwrap_or_default());
                }
                fields.insert("warnings".into(), warnings);
            }
            crate::safe::write_json(&mut out, &document)?;
            writeln!(out)?;
        }
        Format::Human if output.dry_run => {
            print_dry_run(ctx, before, staged, &mut out)?;
            let what = what.to_owned();
            writeln!(out, "\n{}", ctx.lang().show(&Edit::DryRun { what }))?;
        }
        Format::Human => human(&files, &mut out)?,
    }
    out.flush()?;
    if !introduced.is_empty() && output.format == Format::Human && !ctx.global.quiet {
        let mut stderr = std::io::stderr().lock();
        let introduced_line = Edit::Introduced {
            count: introduced.len(),
            would: output.dry_run,
        };
        writeln!(stderr, "{}", ctx.lang().show(&introduced_line))?;
        crate::diagnostic::render::human(
            &mut stderr,
            &introduced,
            &staged.after.loaded.sources,
            ctx.color(crate::output::Stream::Stderr),
            ctx.lang(),
        )?;
    }
    Ok(Exit::Success)
}

/// A line per node, `CODE TITLE`, as the edited plan has them.
pub fn write_nodes(out: &mut dyn Write, after: &Project, ids: &[NodeId]) -> std::io::Result<()> {
    let plan = &after.loaded.plan;
    for &id in ids {
        writeln!(
            out,
            "{} {}",
            plan.code(id),
            crate::safe::escape_control(plan.title(id))
        )?;
    }
    Ok(())
}
