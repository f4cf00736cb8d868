//! A row's field cells read and checked, and given to its tasks.

use super::super::report::quote;
use super::super::titles;
use super::super::values;
use super::{Builder, Row};
use crate::i18n::import::{CellProblem, Said};
use crate::import::columns::Field;
use crate::import::outline::{Fields, Place};

impl Builder<'_> {
    /// The field cells of a row, each checked; a cell that cannot be read
    /// is reported and left out.
    pub(super) fn read_fields(&mut self, row: &Row) -> Fields {
        let mut fields = Fields::default();
        let mapping = self.mapping;
        for &(column, field) in &mapping.fields {
            let cell = Self::cell(row, column);
            if cell.is_empty() {
                continue;
            }
            let text = cell.text();
            let one_line = || titles::clean(&text);
            let read: Result<(), CellProblem> = (|| {
                match field {
                    Field::Id => {
                        let id = one_line();
                        if !crate::plan::fields::is_valid_id(&id) {
                            return Err(CellProblem::NotId);
                        }
                        fields.id = Some(id);
                    }
                    Field::Owner => {
                        fields.owner = Some(titles::split_items(&text).join(", "));
                    }
                    Field::Status => fields.status = Some(values::status(&one_line())?),
                    Field::Progress => {
                        fields.progress = Some(values::progress(cell, self.fractions)?);
                    }
                    Field::Start => fields.start = Some(values::date(cell)?),
                    Field::Due => fields.due = Some(values::date(cell)?),
                    Field::Effort(unit) => fields.effort = Some(values::effort(cell, unit)?),
                    Field::Tags => fields.tags = values::tags(&text),
                    Field::Notes => fields.add_notes(&text),
                }
                Ok(())
            })();
            if let Err(why) = read {
                self.report.skip(
                    row.place,
                    Said::BadCell {
                        header: self.header(column),
                        text: quote(&text),
                        problem: why,
                    },
                );
            }
        }
        fields
    }

    /// Gives a row's fields to one of its tasks; a field the task already
    /// has from another row keeps its first value.
    pub(super) fn give_fields(&mut self, node: usize, fields: &Fields, place: Place) {
        let target = &mut self.outline.nodes[node].fields;
        let mut clashes: Vec<&str> = Vec::new();
        macro_rules! give {
            ($field:ident, $name:literal) => {
                if let Some(value) = &fields.$field {
                    match &target.$field {
                        None => target.$field = Some(value.clone()),
                        Some(have) if have == value => {}
                        Some(_) => clashes.push($name),
                    }
                }
            };
        }
        give!(id, "id");
        give!(owner, "owner");
        give!(status, "status");
        give!(progress, "progress");
        give!(start, "start");
        give!(due, "due");
        give!(effort, "effort");
        if !fields.tags.is_empty() {
            for tag in &fields.tags {
                if !target.tags.contains(tag) {
                    target.tags.push(tag.clone());
                }
            }
        }
        if let Some(notes) = &fields.notes {
            target.add_notes(notes);
        }
        if !clashes.is_empty() {
            let title = quote(&self.outline.nodes[node].title);
            self.report.skip(
                place,
                Said::FieldsClash {
                    fields: clashes.join(", "),
                    title,
                },
            );
        }
    }
}
