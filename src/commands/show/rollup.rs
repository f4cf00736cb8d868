//! `wbs show` for people, its last part: how the node's progress adds up,
//! from a leaf's own fields or from each child's weight, progress and
//! share.

use std::io::Write;

use anyhow::Result;

use super::human::{View, bold, hours, percent, trim, trim_percent};
use super::{Method, Share};
use crate::i18n::views::{Header, Show, ShowWord};
use crate::plan::Status;
use crate::safe::escape_control;
use crate::table::{Cell, Column, Table, Tone};

impl View<'_> {
    /// Where the progress comes from: a leaf's own fields, or each child's
    /// weight, progress and share.
    pub(super) fn roll_up(&self, out: &mut impl Write) -> Result<()> {
        let (project, node, shown, lang) = (self.project, self.node, self.shown, self.lang);
        let plan = &project.loaded.plan;
        let rollup = &shown.rollup;
        let progress = percent(rollup.progress);
        let leaves = rollup.leaves;
        let heading = match rollup.method {
            _ if plan.is_leaf(node) => self.leaf_source(percent(shown.row.progress)),
            Method::Weighted => self.say(Show::ProgressWeighted {
                percent: progress.clone(),
                leaves,
            }),
            Method::Mean => self.say(Show::ProgressMean {
                percent: progress.clone(),
                leaves,
            }),
            Method::Cancelled | Method::Leaf => lang.phrase(ShowWord::ProgressCancelled).to_owned(),
        };
        writeln!(out, "{}", bold(&heading, self.color))?;
        if plan.is_leaf(node) {
            let weight = hours(rollup.weight_hours);
            let line = match plan.node(node).parent {
                _ if rollup.method == Method::Cancelled => {
                    lang.phrase(ShowWord::CancelledLeaf).to_owned()
                }
                Some(p) => self.say(Show::WeightIn {
                    weight,
                    code: plan.code(p),
                    title: escape_control(plan.title(p)).into_owned(),
                }),
                None => self.say(Show::WeightInPlan { weight }),
            };
            writeln!(out, "{line}")?;
            return Ok(());
        }
        let mean = rollup.method == Method::Mean;
        let h = |header| lang.phrase(header);
        // No id column: codes name the children well enough to show one
        // next, and the titles need the room. Narrow, the title gives way,
        // then the status, the weight, the progress and the share are left
        // out, in that order.
        let mut table = Table::new(vec![
            Column::whole(h(Header::Code)).keep(7),
            Column::give_way(h(Header::Title), 10).keep(6),
            Column::whole(h(Header::Status)).keep(1),
            Column::whole(h(if mean { Header::Leaves } else { Header::Weight }))
                .right()
                .keep(2),
            Column::whole(h(Header::Progress)).right().keep(3),
            Column::whole(h(Header::Share)).right().keep(4),
        ]);
        // How much each counted child weighs: hours, or leaves for a plain
        // mean.
        let weight = |c: &Share<'_>| {
            if mean {
                self.say(Show::Leaves { count: c.leaves })
            } else {
                hours(c.weight_hours)
            }
        };
        for child in &shown.children {
            let (status, weight, share) = if child.cancelled {
                (
                    lang.phrase(ShowWord::NotCounted),
                    "—".to_owned(),
                    "—".to_owned(),
                )
            } else if mean {
                (
                    lang.phrase(child.status),
                    child.leaves.to_string(),
                    percent(child.share),
                )
            } else {
                (
                    lang.phrase(child.status),
                    weight(child),
                    percent(child.share),
                )
            };
            table.push(vec![
                Cell::new(&child.code).tone(Tone::Dim),
                Cell::new(child.title),
                Cell::new(status).tone(Tone::Status(child.status)),
                Cell::new(weight),
                Cell::new(percent(child.progress)),
                Cell::new(share),
            ]);
        }
        table.write(out, self.width, self.color)?;
        if rollup.method == Method::Cancelled {
            return Ok(());
        }
        let terms: Vec<String> = shown
            .children
            .iter()
            .filter(|c| !c.cancelled)
            .map(|c| format!("{} × {}", weight(c), trim_percent(c.progress)))
            .collect();
        let total = if mean {
            self.say(Show::Leaves {
                count: rollup.leaves,
            })
        } else {
            hours(rollup.weight_hours)
        };
        writeln!(out, "({}) / {total} = {progress}", terms.join(" + "))?;
        Ok(())
    }

    /// A leaf's progress and why it is what it is (SPEC §1.1).
    fn leaf_source(&self, percent: String) -> String {
        let own = self.project.loaded.plan.node(self.node);
        self.say(if own.status == Some(Status::Done) {
            Show::ProgressDone { percent }
        } else if let Some(progress) = own.progress.get() {
            Show::ProgressWritten {
                percent,
                written: trim(progress),
            }
        } else {
            Show::ProgressDefault { percent }
        })
    }
}
