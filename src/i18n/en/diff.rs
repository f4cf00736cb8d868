//! English text of what `wbs diff` and the diff driver say.

use std::fmt::{self, Formatter};

use crate::i18n::diff::{DiffText, Driver, Label, Note};

pub(in crate::i18n) fn text(message: &DiffText, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        DiffText::Added { nodes } => write!(out, "added ({})", Plural(*nodes, "node")),
        DiffText::Removed { nodes } => write!(out, "removed ({})", Plural(*nodes, "node")),
        DiffText::WasCode { code } => write!(out, " (was {code})"),
        DiffText::Bracketed { text } => write!(out, " ({text})"),
        DiffText::TopLevelOf { file } => write!(out, "(top level of {file})"),
        DiffText::NoDifferences { progress } => {
            write!(out, "no differences; progress {progress:.1}%")
        }
        DiffText::Summary {
            added,
            removed,
            moved,
            renamed,
            changed,
            old,
            new,
            tops,
        } => {
            write!(
                out,
                "{added} added, {removed} removed, {moved} moved, {renamed} renamed, {changed} changed; progress {old:.1}% → {new:.1}%"
            )?;
            if !tops.is_empty() {
                write!(out, " ({})", tops.join(", "))?;
            }
            Ok(())
        }
        DiffText::OneStdin => out.write_str("only one version can come from stdin (`-`)"),
        DiffText::Missing { path, near } => {
            write!(out, "`{path}` does not exist\nhint: ")?;
            match near {
                Some(near) => write!(out, "did you mean `{near}`?"),
                None => {
                    out.write_str("name a plan file or folder, `-`, REV:PATH or a git revision")
                }
            }
        }
        DiffText::NoPlanFiles { rev, roots } => {
            write!(out, "no plan files (*.yaml, *.yml) at {rev} in {roots}")
        }
        DiffText::TopLevelProgress { tops } => write!(out, "Top-level progress: {tops}"),
    }
}

pub(in crate::i18n) fn note(note: &Note, out: &mut Formatter<'_>) -> fmt::Result {
    match note {
        Note::Done => out.write_str("done"),
        Note::RolledUp => out.write_str("rolled up"),
        Note::WasInherited => out.write_str("was inherited"),
        Note::NowInheritedFrom { code } => write!(out, "now inherited from {code}"),
        Note::InheritedFrom { code } => write!(out, "inherited from {code}"),
        Note::Slipped { days } => write!(out, "slipped {}", Plural(*days as usize, "day")),
        Note::Gained { days } => write!(out, "gained {}", Plural(*days as usize, "day")),
        Note::Entries { added, removed } => {
            if !added.is_empty() {
                write!(out, "+{}", added.join(","))?;
            }
            if !removed.is_empty() {
                let space = if added.is_empty() { "" } else { " " };
                write!(out, "{space}-{}", removed.join(","))?;
            }
            Ok(())
        }
        Note::WithinParent => out.write_str("within its parent"),
    }
}

pub(in crate::i18n) fn label(label: Label) -> &'static str {
    match label {
        Label::Parent => "parent",
        Label::Position => "position",
        Label::MarkdownHeading => "### Plan changes",
        Label::MarkdownHeader => {
            "| Added | Removed | Moved | Renamed | Changed | Progress |\n|---:|---:|---:|---:|---:|---|"
        }
        Label::MarkdownEmpty => "_No differences._",
    }
}

pub(in crate::i18n) fn driver(message: &Driver, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        Driver::Unmerged => {
            out.write_str("unmerged: a merge left conflicts in this file; `git diff` shows them")
        }
        Driver::Mode { old, new } => write!(out, "mode {old} → {new}"),
        Driver::CannotRead { error } => write!(out, "cannot read this change: {error}"),
        Driver::NewFile => out.write_str("new plan file"),
        Driver::DeletedFile => out.write_str("deleted plan file"),
        Driver::ReadAlone => out.write_str(
            "read without the other files of its plan set (they do not fit this version): codes count within this file",
        ),
        Driver::SamePlan => out.write_str(
            "the plan is the same; the text changed (comments, layout or x- fields):",
        ),
        Driver::TextDiffFollows => out.write_str("so this is the text diff:"),
        Driver::VersionErrors { new, count } => write!(
            out,
            "the {} version has {}:",
            if *new { "new" } else { "old" },
            Plural(*count, "error")
        ),
    }
}

/// `1 node`, `2 nodes`.
struct Plural(usize, &'static str);

impl fmt::Display for Plural {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        let Plural(count, word) = *self;
        write!(out, "{count} {word}{}", if count == 1 { "" } else { "s" })
    }
}
