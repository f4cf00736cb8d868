//! `wbs show` for people: the fields, the dependencies both ways, the
//! children by status and how the progress adds up, in the reader's
//! language.

use std::io::Write;

use anyhow::Result;

use super::{Link, Shown};
use crate::i18n::Lang;
use crate::i18n::views::{Field, Header, Show, ShowWord};
use crate::plan::fields::format_hours;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::safe::escape_control;
use crate::table::{Cell, Column, Table, Tone, display_width};

/// What the human view needs.
pub(super) struct View<'a> {
    pub project: &'a Project,
    pub node: NodeId,
    pub shown: &'a Shown<'a>,
    pub lang: Lang,
    pub width: Option<u16>,
    pub color: bool,
}

impl View<'_> {
    pub fn write(&self, out: &mut impl Write) -> Result<()> {
        let row = &self.shown.row;
        let heading = format!("{}  {}", row.code, escape_control(row.title));
        writeln!(out, "{}", bold(&heading, self.color))?;
        writeln!(out)?;
        self.fields(out)?;
        writeln!(out)?;
        self.dependencies(out)?;
        if !row.leaf {
            writeln!(out)?;
            self.children_summary(out)?;
        }
        writeln!(out)?;
        self.roll_up(out)?;
        Ok(())
    }

    pub(super) fn say(&self, message: Show) -> String {
        self.lang.show(&message).to_string()
    }

    /// The `key: value` lines: every own and derived field.
    fn fields(&self, out: &mut impl Write) -> Result<()> {
        let (project, node, lang) = (self.project, self.node, self.lang);
        let plan = &project.loaded.plan;
        let own = plan.node(node);
        let d = project.derived.node(node);
        let row = &self.shown.row;
        let none = || "—".to_owned();
        let mut lines: Vec<(Field, String)> = Vec::new();
        lines.push((
            Field::Id,
            row.id
                .map_or_else(none, |id| escape_control(id).into_owned()),
        ));
        lines.push((Field::Title, escape_control(row.title).into_owned()));
        if let Some(parent) = own.parent {
            lines.push((
                Field::Parent,
                format!(
                    "{}  {}",
                    plan.code(parent),
                    escape_control(plan.title(parent))
                ),
            ));
        }
        let owner = match (row.owner, d.owner_from) {
            (Some(owner), Some(from)) if from != node => self.say(Show::Inherited {
                owner: escape_control(owner).into_owned(),
                from: plan.code(from),
            }),
            (Some(owner), _) => escape_control(owner).into_owned(),
            (None, _) => none(),
        };
        lines.push((Field::Owner, owner));
        lines.push((Field::Status, self.status_text()));
        lines.push((Field::Progress, percent(row.progress)));
        for (key, written, value) in [
            (Field::Start, own.start, d.start),
            (Field::Due, own.due, d.due),
        ] {
            let text = match (written, value) {
                (Some(date), _) => date.to_string(),
                (None, Some(date)) => self.say(Show::Derived { date }),
                (None, None) => none(),
            };
            lines.push((key, text));
        }
        lines.push((Field::Effort, self.effort_text()));
        lines.push((Field::Level, row.level.to_string()));
        let kind = if row.leaf {
            ShowWord::Leaf
        } else {
            ShowWord::Parent
        };
        lines.push((Field::Kind, lang.phrase(kind).to_owned()));
        let today = project.derived.clock.today;
        let days = |due: chrono::NaiveDate| (due - today).num_days().abs();
        let no = || lang.phrase(ShowWord::No).to_owned();
        lines.push((
            Field::Overdue,
            match d.due.filter(|_| d.overdue) {
                Some(due) => self.say(Show::OverdueBy { days: days(due) }),
                None => no(),
            },
        ));
        lines.push((
            Field::DueSoon,
            match d.due.filter(|_| d.due_soon) {
                Some(due) if due == today => lang.phrase(ShowWord::DueToday).to_owned(),
                Some(due) => self.say(Show::DueSoonIn { days: days(due) }),
                None => no(),
            },
        ));
        let tags: Vec<_> = row.tags.iter().map(|t| escape_control(t)).collect();
        lines.push((
            Field::Tags,
            if tags.is_empty() {
                none()
            } else {
                tags.join(", ")
            },
        ));
        lines.push((Field::Notes, row.notes.map_or_else(none, |_| String::new())));
        lines.push((
            Field::File,
            format!("{}:{}", escape_control(row.file), row.line),
        ));

        let labels: Vec<(&str, &String)> = lines
            .iter()
            .map(|(field, value)| (lang.phrase(*field), value))
            .collect();
        let width = labels
            .iter()
            .map(|(label, _)| display_width(label))
            .max()
            .unwrap_or(0)
            + 1;
        let pad = |label: &str| {
            format!(
                "{label}{}",
                " ".repeat(width.saturating_sub(display_width(label)))
            )
        };
        for ((field, _), (label, value)) in lines.iter().zip(&labels) {
            if *field == Field::Notes
                && let Some(notes) = row.notes
            {
                // Each line of the notes escaped on its own, so line breaks
                // stay line breaks, indented under the first.
                let indent = " ".repeat(width);
                for (i, line) in notes.lines().enumerate() {
                    let lead = if i == 0 { pad(label) } else { indent.clone() };
                    writeln!(out, "{lead}{}", escape_control(line))?;
                }
                continue;
            }
            writeln!(out, "{}{value}", pad(label))?;
        }
        Ok(())
    }

    fn status_text(&self) -> String {
        let (project, node, lang) = (self.project, self.node, self.lang);
        let plan = &project.loaded.plan;
        let d = project.derived.node(node);
        let written = plan.node(node).status;
        if d.cancelled && written != Some(Status::Cancelled) {
            let mut ancestor = plan.node(node).parent;
            while let Some(a) = ancestor {
                if plan.node(a).status == Some(Status::Cancelled) {
                    return self.say(Show::CancelledUnder { code: plan.code(a) });
                }
                ancestor = plan.node(a).parent;
            }
            return lang.phrase(ShowWord::CancelledEveryLeaf).to_owned();
        }
        match written {
            Some(_) => lang.phrase(d.status).to_owned(),
            None if plan.is_leaf(node) => self.say(Show::NotWritten { status: d.status }),
            None => self.say(Show::RolledUp { status: d.status }),
        }
    }

    fn effort_text(&self) -> String {
        let (project, node) = (self.project, self.node);
        let plan = &project.loaded.plan;
        let d = project.derived.node(node);
        if !plan.is_leaf(node) {
            let hours = hours(d.effort_hours);
            return self.say(if d.cancelled {
                Show::EffortCancelled { hours }
            } else {
                Show::EffortSum { hours }
            });
        }
        let both = match format_hours(d.effort_hours) {
            text if text == hours(d.effort_hours) => text,
            text => self.say(Show::EffortBoth {
                text,
                hours: hours(d.effort_hours),
            }),
        };
        if plan.node(node).effort_hours.is_some() {
            return both;
        }
        let from_file = plan.files[plan.node(node).file as usize]
            .default_effort_hours
            .is_some();
        self.say(Show::EffortDefault {
            effort: both,
            from_file,
        })
    }

    fn dependencies(&self, out: &mut impl Write) -> Result<()> {
        let shown = self.shown;
        let after = &shown.after_nodes;
        let open = after
            .iter()
            .filter(|l| l.status != Status::Done && l.status != Status::Cancelled)
            .count();
        let heading = self.say(Show::After {
            count: after.len(),
            open,
        });
        writeln!(out, "{}", bold(&heading, self.color))?;
        if !after.is_empty() {
            self.links(out, after)?;
            writeln!(out)?;
        }
        let waiting = &shown.waited_on_by;
        let has_id = self.project.loaded.plan.id_of(self.node).is_some();
        let heading = if waiting.is_empty() && !has_id {
            self.lang.phrase(ShowWord::WaitedOnByNoId).to_owned()
        } else {
            self.say(Show::WaitedOnBy {
                count: waiting.len(),
            })
        };
        writeln!(out, "{}", bold(&heading, self.color))?;
        if !waiting.is_empty() {
            self.links(out, waiting)?;
        }
        Ok(())
    }

    fn links(&self, out: &mut impl Write, links: &[Link<'_>]) -> Result<()> {
        let h = |header| self.lang.phrase(header);
        // Narrow, the title gives way, then the status and the id are left
        // out; the title and the code stay.
        let mut table = Table::new(vec![
            Column::whole(h(Header::Code)).keep(4),
            Column::whole(h(Header::Id)).keep(2),
            Column::give_way(h(Header::Title), 10).keep(3),
            Column::whole(h(Header::Status)).keep(1),
        ]);
        for link in links {
            table.push(vec![
                Cell::new(&link.code).tone(Tone::Dim),
                Cell::new(link.id.unwrap_or_default()),
                Cell::new(link.title),
                Cell::new(self.lang.phrase(link.status)).tone(Tone::Status(link.status)),
            ]);
        }
        table.write(out, self.width, self.color)?;
        Ok(())
    }

    /// How many children and leaves below are in each status.
    fn children_summary(&self, out: &mut impl Write) -> Result<()> {
        let (project, node, lang) = (self.project, self.node, self.lang);
        let plan = &project.loaded.plan;
        let leaves = (node + 1..plan.node(node).end).filter(|&n| plan.is_leaf(n));
        let lines = [
            (Field::Children, self.by_status(plan.children(node))),
            (Field::LeavesBelow, self.by_status(leaves)),
        ];
        let width = lines
            .iter()
            .map(|(field, _)| display_width(lang.phrase(*field)))
            .max()
            .unwrap_or(0)
            + 1;
        for (field, text) in lines {
            let label = lang.phrase(field);
            let pad = " ".repeat(width - display_width(label));
            writeln!(out, "{label}{pad}{text}")?;
        }
        Ok(())
    }

    /// `26 (6 todo, 10 in-progress, 9 done, 1 cancelled)`: derived
    /// statuses, in the order work moves through them.
    fn by_status(&self, nodes: impl Iterator<Item = NodeId>) -> String {
        let mut counts = [0usize; Status::ALL.len()];
        for n in nodes {
            counts[self.project.derived.node(n).status as usize] += 1;
        }
        let total: usize = counts.iter().sum();
        let counts = Status::ALL
            .iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .map(|(&status, n)| (status, n))
            .collect();
        self.say(Show::ByStatus { total, counts })
    }
}

pub(super) fn bold(text: &str, color: bool) -> String {
    if color {
        format!("\u{1b}[1m{text}\u{1b}[0m")
    } else {
        text.to_owned()
    }
}

/// Hours as a plain number: `1856h`, `7.5h`.
pub(super) fn hours(value: f64) -> String {
    format!("{}h", trim(value))
}

pub(super) fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

pub(super) fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

pub(super) fn trim_percent(value: f64) -> String {
    format!("{}%", trim(value))
}
