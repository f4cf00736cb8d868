//! English text of `wbs show`.

use std::fmt::{self, Formatter};

use crate::i18n::views::{Field, Show, ShowWord};

pub(in crate::i18n) fn field(field: Field) -> &'static str {
    match field {
        Field::Id => "id:",
        Field::Title => "title:",
        Field::Parent => "parent:",
        Field::Owner => "owner:",
        Field::Status => "status:",
        Field::Progress => "progress:",
        Field::Start => "start:",
        Field::Due => "due:",
        Field::Effort => "effort:",
        Field::Level => "level:",
        Field::Kind => "kind:",
        Field::Overdue => "overdue:",
        Field::DueSoon => "due soon:",
        Field::Tags => "tags:",
        Field::Notes => "notes:",
        Field::File => "file:",
        Field::Children => "Children:",
        Field::LeavesBelow => "Leaves below:",
    }
}

pub(in crate::i18n) fn word(word: ShowWord) -> &'static str {
    match word {
        ShowWord::Leaf => "leaf",
        ShowWord::Parent => "parent",
        ShowWord::No => "no",
        ShowWord::DueToday => "yes, due today",
        ShowWord::NotCounted => "cancelled, not counted",
        ShowWord::WaitedOnByNoId => {
            "Waited on by: none (without an id, no node can name it in `after`)"
        }
        ShowWord::CancelledEveryLeaf => "cancelled (every leaf below is cancelled)",
        ShowWord::ProgressCancelled => "Progress: 0.0%, cancelled: no leaf below is counted",
        ShowWord::CancelledLeaf => "Cancelled: it keeps its own progress but no roll-up counts it",
    }
}

/// `1 node`, `3 nodes`, `2 non-cancelled leaves`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, noun) if noun.ends_with("leaf") => format!("{n} {}ves", &noun[..noun.len() - 1]),
        _ => format!("{n} {noun}s"),
    }
}

pub(in crate::i18n) fn show(message: &Show, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        Show::Inherited { owner, from } => write!(out, "{owner} (inherited from {from})"),
        Show::CancelledUnder { code } => write!(out, "cancelled (under cancelled {code})"),
        Show::NotWritten { status } => write!(out, "{status} (not written)"),
        Show::RolledUp { status } => write!(out, "{status} (rolled up)"),
        Show::Derived { date } => write!(out, "{date} (derived)"),
        Show::EffortSum { hours } => write!(out, "{hours} (sum of leaves)"),
        Show::EffortCancelled { hours } => write!(out, "{hours} (cancelled, not counted)"),
        Show::EffortBoth { text, hours } => write!(out, "{text} ({hours})"),
        Show::EffortDefault {
            effort,
            from_file: true,
        } => write!(out, "{effort}, not written: the file's defaults.effort"),
        Show::EffortDefault {
            effort,
            from_file: false,
        } => write!(out, "{effort}, not written: the default weight"),
        Show::OverdueBy { days } => write!(out, "yes, due {days} days ago"),
        Show::DueSoonIn { days } => write!(out, "yes, due in {days} days"),
        Show::After { count: 0, .. } => out.write_str("After: none"),
        Show::After { count: n, open: 0 } => write!(out, "After: {}, all done", count(*n, "node")),
        Show::After { count: n, open } if open == n => {
            write!(out, "After: {}, none done yet", count(*n, "node"))
        }
        Show::After { count: n, open } => {
            write!(out, "After: {}, {open} not done yet", count(*n, "node"))
        }
        Show::WaitedOnBy { count: 0 } => out.write_str("Waited on by: none"),
        Show::WaitedOnBy { count: n } => write!(out, "Waited on by: {}", count(*n, "node")),
        Show::ByStatus { total, counts } => {
            write!(out, "{total} (")?;
            for (i, (status, n)) in counts.iter().enumerate() {
                let sep = if i > 0 { ", " } else { "" };
                write!(out, "{sep}{n} {status}")?;
            }
            out.write_str(")")
        }
        Show::ProgressDone { percent } => {
            write!(out, "Progress: {percent}, because its status is done")
        }
        Show::ProgressWritten { percent, written } => write!(
            out,
            "Progress: {percent}, as written on the node (progress: {written})"
        ),
        Show::ProgressDefault { percent } => write!(
            out,
            "Progress: {percent}, since it is not done and has no progress written"
        ),
        Show::ProgressWeighted { percent, leaves } => write!(
            out,
            "Progress: {percent}, weighted by effort over {} below",
            count(*leaves, "non-cancelled leaf")
        ),
        Show::ProgressMean { percent, leaves } => write!(
            out,
            "Progress: {percent}, the plain mean over {} below (every one weighs 0h)",
            count(*leaves, "non-cancelled leaf")
        ),
        Show::WeightIn {
            weight,
            code,
            title,
        } => write!(out, "Weight: {weight} in the roll-up of {code}  {title}"),
        Show::WeightInPlan { weight } => {
            write!(out, "Weight: {weight} in the plan's overall progress")
        }
        Show::Leaves { count: n } => out.write_str(&count(*n, "leaf")),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "node"), "1 node");
        assert_eq!(count(3, "node"), "3 nodes");
        assert_eq!(count(2, "non-cancelled leaf"), "2 non-cancelled leaves");
    }
}
