//! English text of what `wbs merge` says.

use std::fmt::{self, Formatter};

use crate::i18n::merge::{Change, Detail, Line, Note, Parent, Spot, Version};

pub(in crate::i18n) fn version(version: Version) -> &'static str {
    match version {
        Version::Base => "base",
        Version::Ours => "ours",
        Version::Theirs => "theirs",
    }
}

pub(in crate::i18n) fn spot(spot: &Spot, out: &mut Formatter<'_>) -> fmt::Result {
    match spot {
        Spot::Task { name } => out.write_str(name),
        Spot::Unplaced { task } => write!(out, "(task {task})"),
        Spot::Theirs { name } => write!(out, "{name} (theirs)"),
        Spot::File => out.write_str("(file)"),
        Spot::Plan => out.write_str("(plan)"),
        Spot::Line { line } => write!(out, "line {line}"),
        Spot::Lines { start, end } => write!(out, "lines {start}-{end}"),
    }
}

pub(in crate::i18n) fn parent(parent: &Parent, out: &mut Formatter<'_>) -> fmt::Result {
    match parent {
        Parent::Under { name } => write!(out, "under {name}"),
        Parent::TopLevel => out.write_str("at the top level"),
        Parent::Nowhere => out.write_str("(none)"),
    }
}

pub(in crate::i18n) fn change(change: &Change, out: &mut Formatter<'_>) -> fmt::Result {
    match change {
        Change::Field { field } => write!(out, "{field} changed"),
        Change::XField => out.write_str("an x- field changed"),
        Change::Moved => out.write_str("moved"),
        Change::SubtaskAdded { name } => write!(out, "subtask {name} added"),
        Change::SubtaskMovedIn { name } => write!(out, "subtask {name} moved in"),
    }
}

fn values(out: &mut Formatter<'_>, base: &str, ours: &str, theirs: &str) -> fmt::Result {
    write!(out, "{base} → ours {ours} / theirs {theirs}")
}

pub(in crate::i18n) fn detail(detail: &Detail, out: &mut Formatter<'_>) -> fmt::Result {
    match detail {
        Detail::Values { base, ours, theirs } => values(out, base, ours, theirs),
        Detail::RemovedByTheirs { ours } => {
            out.write_str("changed by ours (")?;
            change(ours, out)?;
            out.write_str("), removed by theirs")
        }
        Detail::RemovedByOurs { theirs } => {
            out.write_str("removed by ours, changed by theirs (")?;
            change(theirs, out)?;
            out.write_str(")")
        }
        Detail::MovedTwice {
            base,
            ours,
            theirs,
            reason,
        } => {
            out.write_str("moved to two places: ")?;
            parent(base, out)?;
            out.write_str(" → ours ")?;
            parent(ours, out)?;
            out.write_str(" / theirs ")?;
            parent(theirs, out)?;
            match reason {
                Some(reason) => write!(out, " ({reason})"),
                None => Ok(()),
            }
        }
        Detail::MovedTwiceSomewhere => out.write_str("moved to two places"),
        Detail::AddedTwice => out.write_str("added on both sides, differently"),
        Detail::Order => out.write_str("subtasks reordered differently on both sides"),
        Detail::KeptForValidity { reason } => write!(
            out,
            "removed by theirs, kept, as the merged plan would not validate without it: {reason}"
        ),
        Detail::LeftOut {
            values: shown,
            reason,
        } => {
            if let Some([base, ours, theirs]) = shown {
                values(out, base, ours, theirs)?;
                out.write_str("; ")?;
            }
            write!(
                out,
                "theirs's change is left out: the merged plan would not validate: {reason}"
            )
        }
        Detail::Unresolved { reason } => {
            write!(out, "the merged plan does not validate: {reason}")
        }
        Detail::ChangedOnBothSides => out.write_str("changed differently on both sides"),
        Detail::NotUtf8OursKept => {
            out.write_str("a version is not UTF-8 text; ours is kept as it is")
        }
    }
}

pub(in crate::i18n) fn note(note: &Note, out: &mut Formatter<'_>) -> fmt::Result {
    match note {
        Note::NotUtf8 => out.write_str("a version is not UTF-8 text")?,
        Note::NotYaml {
            version: v,
            line,
            message,
        } => write!(
            out,
            "{} is not valid YAML (line {line}: {})",
            version(*v),
            crate::i18n::Lang::En.show(message)
        )?,
        Note::NotPlan {
            version: v,
            line,
            code,
            message,
        } => write!(
            out,
            "{} is not a valid plan (line {line}: [{code}] {})",
            version(*v),
            crate::i18n::Lang::En.show(message)
        )?,
        Note::LoneCr { version: v } => write!(out, "{} ends its lines with CR alone", version(*v))?,
        Note::WriteFailed { why } => write!(
            out,
            "the merge by task could not write its result ({why}; a bug in wbs: please report it)"
        )?,
    }
    out.write_str("; merged line by line")
}

pub(in crate::i18n) fn line(line: &Line, out: &mut Formatter<'_>) -> fmt::Result {
    match line {
        Line::Note { file, note: n } => {
            write!(out, "note: {file}: ")?;
            note(n, out)
        }
        Line::Conflict {
            file,
            spot: s,
            field,
            detail: d,
        } => {
            write!(out, "conflict: {file}: ")?;
            spot(s, out)?;
            if let Some(field) = field {
                write!(out, " {field}")?;
            }
            out.write_str(": ")?;
            detail(d, out)
        }
    }
}
