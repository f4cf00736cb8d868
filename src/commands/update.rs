//! `wbs update`: change fields of every node a query selects, in place,
//! touching only the bytes the change needs.
//!
//! The edit is planned as byte-range patches on the YAML trees, applied,
//! and the result re-loaded: it is written only if it validates and every
//! changed field reads back as intended. Writes are atomic (a temporary file
//! beside the plan, synced, then renamed over it) and refused if the file
//! changed on disk meanwhile or another wbs edit holds its lock.

use std::collections::HashMap;

use anyhow::{Result, anyhow, bail};

use super::edit_output::{self, WriteArgs};
use super::field_args::FieldArgs;
use crate::context::{self, Context};
use crate::edit::change::{self, Setting, Value};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::i18n::edit::{Edit, Noun};
use crate::i18n::io::error_frame;
use crate::plan::NodeId;
use crate::project::Project;
use crate::row::NodeRow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Terms that select the nodes to change (see the query language)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Set the title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Remove a field from the selected tasks (repeatable)
    #[arg(long = "unset", value_name = "FIELD")]
    pub unsets: Vec<String>,

    #[command(flatten)]
    pub output: WriteArgs,

    /// Refuse unless exactly this many nodes match
    #[arg(long, value_name = "N")]
    pub expect: Option<usize>,

    /// Allow a query of no terms (every node), or a search of words that matches several nodes
    #[arg(long)]
    pub all: bool,
}

impl Args {
    /// Every change the flags ask for, each field at most once.
    fn settings(&self, lang: Lang) -> Result<Vec<Setting>> {
        let mut settings = Vec::new();
        if let Some(title) = &self.title {
            settings.push(Setting::set("title", Value::Text(title.clone())));
        }
        settings.extend(self.fields.settings(lang)?);
        for key in &self.unsets {
            settings.push(Setting::unset(key).map_err(|message| {
                let flag = format!("--unset {key}");
                anyhow!("{}", lang.show(&Edit::Flag { flag, message }))
            })?);
        }
        change::check_unique(&settings, lang)?;
        Ok(settings)
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let lang = ctx.lang();
    let settings = args.settings(lang)?;
    if settings.is_empty() {
        bail!("{}", lang.show(&Edit::NothingToChange));
    }
    if args.query.is_empty() && !args.all {
        bail!("{}", lang.show(&Edit::EveryNode));
    }
    let project = match context::open_for_edit(ctx)? {
        Ok(project) => project,
        Err(exit) => return Ok(exit),
    };
    let query = context::parse_query(&args.query, &project)?;
    let plan = &project.loaded.plan;
    let ids: Vec<NodeId> = plan
        .ids()
        .filter(|&id| query.matches(plan, &project.derived, id))
        .collect();
    if ids.is_empty() {
        eprintln!("{}{}", error_frame(lang), lang.show(&Edit::NoMatch));
        return Ok(Exit::Finding);
    }
    if ids.len() > 1 && query.is_search() && !args.all && args.expect.is_none() {
        refuse_search(&project, &args.query, &ids, lang)?;
        return Ok(Exit::Finding);
    }
    if let Some(expected) = args.expect
        && expected != ids.len()
    {
        let found = ids.len();
        eprintln!(
            "{}{}",
            error_frame(lang),
            lang.show(&Edit::ExpectMismatch { found, expected })
        );
        return Ok(Exit::Finding);
    }
    for &id in &ids {
        if !plan.is_leaf(id)
            && let Some(setting) = settings.iter().find(|s| s.leaf_only())
        {
            let refusal = Edit::LeafFieldOnParent {
                name: format!("{} {}", plan.code(id), crate::safe::excerpt(plan.title(id))),
                field: setting.key.clone(),
            };
            eprintln!("error[leaf-field-on-parent]: {}", lang.show(&refusal));
            return Ok(Exit::Finding);
        }
    }

    let changes: HashMap<NodeId, Vec<Setting>> =
        ids.iter().map(|&id| (id, settings.clone())).collect();
    let planned = crate::edit::fields::plan_fields(&project, changes)?;
    let staged = match edit_output::stage(ctx, &project, planned)? {
        Ok(staged) => staged,
        Err(exit) => return Ok(exit),
    };
    let after = &staged.after;
    let count = ids.len();
    let noun = Noun::Node;
    edit_output::finish(
        ctx,
        &project,
        &staged,
        &args.output,
        &lang.show(&Edit::WouldChange { count, noun }).to_string(),
        |files| {
            // The nodes as they read after the edit, in the SPEC §4.1 shape.
            let rows: Vec<NodeRow<'_>> = ids.iter().map(|&id| NodeRow::new(after, id)).collect();
            serde_json::json!({ "updated": ids.len(), "files": files, "nodes": rows })
        },
        |files, out| {
            edit_output::write_nodes(out, after, &ids)?;
            let done = if files.is_empty() {
                Edit::AlreadyAsAsked { count, noun }
            } else {
                let files = crate::safe::escape_control(&files.join(", ")).into_owned();
                Edit::Updated { count, noun, files }
            };
            writeln!(out, "{}", lang.show(&done))
        },
    )
}

/// Matches of a search shown when it is refused; the rest are counted.
const SHOWN_MATCHES: usize = 10;

/// Refuses a query of plain words that matches several nodes (SPEC §3.2):
/// a word is a substring search, so `wbs update Pages --title …` would
/// rename every task whose title or notes mention it. Prints what it
/// matched and how to say what was meant.
fn refuse_search(
    project: &Project,
    words: &[String],
    ids: &[NodeId],
    lang: Lang,
) -> std::io::Result<()> {
    use std::io::Write;
    let plan = &project.loaded.plan;
    let words: Vec<String> = words
        .iter()
        .map(|w| w.replace(crate::context::NEGATED_TERM_MARK, "-"))
        .collect();
    // Shown as they would be typed again: a word with a blank in quotes.
    let typed: Vec<String> = words
        .iter()
        .map(|w| match w.contains(char::is_whitespace) {
            true => format!("'{w}'"),
            false => w.clone(),
        })
        .collect();
    let shown_words = crate::safe::excerpt(&typed.join(" ")).into_owned();
    let mut files: Vec<u32> = ids.iter().map(|&id| plan.node(id).file).collect();
    files.dedup();
    let refusal = Edit::SearchMatches {
        words: shown_words.clone(),
        several: words.len() > 1,
        count: ids.len(),
        files: files.len(),
    };
    let mut err = std::io::stderr().lock();
    writeln!(err, "{}{}", error_frame(lang), lang.show(&refusal))?;
    let rows: Vec<[String; 3]> = ids
        .iter()
        .take(SHOWN_MATCHES)
        .map(|&id| {
            [
                plan.code(id),
                crate::safe::excerpt(plan.id_of(id).unwrap_or("-")).into_owned(),
                crate::safe::excerpt(plan.title(id)).into_owned(),
            ]
        })
        .collect();
    let width = |column: usize| {
        rows.iter()
            .map(|row| unicode_width::UnicodeWidthStr::width(row[column].as_str()))
            .max()
            .unwrap_or(0)
    };
    let (code_width, id_width) = (width(0), width(1));
    for [code, id, title] in &rows {
        let pad = |text: &str, to: usize| {
            " ".repeat(to.saturating_sub(unicode_width::UnicodeWidthStr::width(text)))
        };
        writeln!(
            err,
            "  {code}{}   {id}{}   {title}",
            pad(code, code_width),
            pad(id, id_width)
        )?;
    }
    if ids.len() > SHOWN_MATCHES {
        let more = Edit::MoreMatches {
            more: ids.len() - SHOWN_MATCHES,
            words: shown_words.clone(),
        };
        writeln!(err, "  {}", lang.show(&more))?;
    }
    // A word that is some node's id (in any case) was likely meant as one.
    let named = words.iter().find_map(|w| {
        plan.ids()
            .filter_map(|n| plan.id_of(n))
            .find(|id| id.eq_ignore_ascii_case(w) || id.to_lowercase() == w.to_lowercase())
    });
    let hint = Edit::SearchHint {
        id: named.map(|id| crate::safe::excerpt(id).into_owned()),
        count: ids.len(),
    };
    writeln!(err, "{}", lang.show(&hint))
}
