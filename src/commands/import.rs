//! `wbs import`: a new plan from a breakdown document, a CSV file or an
//! xlsx sheet (SPEC §3.5). The reading is [`crate::import`]'s; this file
//! reads the input, checks the plan with the loader, writes it as a new
//! file and prints what was read.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::context::{self, Context};
use crate::exit::Exit;
use crate::i18n::errors::{Failure, Frame};
use crate::i18n::import::ImportFailure;
use crate::import::{self, Kind};
use crate::project::Project;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The breakdown document (.md, .txt), CSV file or xlsx workbook to read
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// Where to write the new plan (default: plans/NAME.yaml from FILE's name); never overwritten; `-` prints it
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Read the input as this kind instead of going by its name and first bytes
    #[arg(long, value_enum, value_name = "KIND")]
    pub from: Option<Kind>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let shown = args.input.display().to_string();
    let bytes = read_input(ctx, &args.input)?;
    let kind = match args.from {
        Some(kind) => kind,
        None => Kind::detect(&shown, &bytes).map_err(|why| ImportFailure::Detect {
            input: shown.clone(),
            why,
        })?,
    };
    let stem = args
        .input
        .file_stem()
        .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("plans").join(format!("{stem}.yaml")));
    let to_stdout = output.as_os_str() == "-";
    if !to_stdout && std::fs::symlink_metadata(&output).is_ok() {
        bail!(already_exists(&output));
    }
    let limits = import::Limits {
        max_unpacked: ctx.max_bytes()?,
        taken_ids: match to_stdout {
            true => HashSet::new(),
            false => ids_beside(ctx, &output),
        },
    };
    let imported = import::read(kind, &bytes, &limits).map_err(|why| ImportFailure::Read {
        input: shown.clone(),
        why,
    })?;

    let today = ctx.clock()?.today;
    let file_name = args
        .input
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let comment = [
        format!(
            "Imported by `wbs import` on {today} from {file_name}, read as {}.",
            crate::i18n::Lang::En.show(&imported.report.read_as)
        ),
        "Ids were made from the titles; rename them freely until something refers to them."
            .to_owned(),
    ];
    let text = imported.to_yaml(&stem, &comment);

    // The plan must load without errors before it is written.
    let shown_output = if to_stdout {
        "<stdout>".to_owned()
    } else {
        output.display().to_string()
    };
    let project = Project::load(
        vec![(shown_output.clone(), text.clone().into_bytes())],
        ctx.clock()?,
        false,
    );
    let mut stderr = std::io::stderr().lock();
    imported.report.write(
        &mut stderr,
        &shown,
        &imported.outline,
        ctx.global.quiet,
        ctx.lang(),
    )?;
    drop(stderr);
    if let Some(exit) = context::report_errors(ctx, &project, true)? {
        let lang = ctx.lang();
        let failure = Failure::ImportInvalid {
            source: shown.clone(),
        };
        writeln!(
            std::io::stderr(),
            "{}{}",
            lang.phrase(Frame::Error),
            lang.show(&failure)
        )?;
        return Ok(exit);
    }

    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(Exit::Success);
    }
    if let Some(folder) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
    }
    match crate::edit::create_new(&output, text.as_bytes()) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(already_exists(&output))
        }
        Err(error) => {
            return Err(error).with_context(|| format!("cannot write `{}`", output.display()));
        }
    }
    if !ctx.global.quiet {
        let path = crate::safe::escape_control(&shown_output).into_owned();
        let next = format!("wbs tree -f {}", shell_word(&path));
        let wrote = crate::i18n::import::Line::Wrote {
            path,
            tasks: imported.outline.nodes.len(),
            next,
        };
        writeln!(std::io::stderr(), "{}", ctx.lang().show(&wrote))?;
    }
    Ok(Exit::Success)
}

fn already_exists(output: &Path) -> Failure {
    let stem = output.file_stem().unwrap_or_default().to_string_lossy();
    let other = output.with_file_name(format!("{stem}-imported.yaml"));
    Failure::ImportExists {
        path: output.display().to_string(),
        other: other.display().to_string(),
    }
}

/// The ids of the plans already in the folder the new plan goes to: it
/// joins their plan set, where ids are unique. A folder without plans, or
/// with plans that cannot be read, has none to avoid.
fn ids_beside(ctx: &Context, output: &Path) -> HashSet<String> {
    let folder = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let read = || -> Result<Project> {
        let paths = crate::source::resolve_plan_set(&crate::source::PlanSetArgs {
            files: vec![folder.to_owned()],
            env_file: None,
            env_max_bytes: ctx.env.wbs_max_bytes.clone(),
        })?;
        let files = crate::source::planset::read_all(&paths, ctx.max_bytes()?)?;
        Ok(Project::load(files, ctx.clock()?, false))
    };
    if !folder.is_dir() {
        return HashSet::new();
    }
    match read() {
        Ok(project) => {
            let plan = &project.loaded.plan;
            plan.ids()
                .filter_map(|node| plan.id_of(node))
                .map(str::to_owned)
                .collect()
        }
        Err(_) => HashSet::new(),
    }
}

/// A path as one shell word: quoted when it holds anything a shell would
/// split or expand.
fn shell_word(path: &str) -> String {
    if path
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+".contains(c))
    {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

/// The input's bytes, within the plan size limit.
fn read_input(ctx: &Context, input: &Path) -> Result<Vec<u8>> {
    let limit = ctx.max_bytes()?;
    let mut bytes = Vec::new();
    std::fs::File::open(input)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read `{}`", input.display()))?;
    if bytes.len() as u64 > limit {
        bail!(
            "`{}` is larger than {limit} bytes (WBS_MAX_BYTES)",
            input.display()
        );
    }
    Ok(bytes)
}
