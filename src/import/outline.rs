//! The tree an import builds before it becomes YAML: drafts of nodes with
//! the fields read for them and where each came from.

use chrono::NaiveDate;

use crate::plan::Status;

/// Where a node or a finding came from in the input, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line of a text file (markdown or CSV), 1-based.
    Line(usize),
    /// A row of a sheet, 1-based as the spreadsheet numbers it.
    Row(usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// The plan fields an input can fill, each already checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// An id the input gave (an `id` column); generated ids come later.
    pub id: Option<String>,
    pub owner: Option<String>,
    pub status: Option<Status>,
    pub progress: Option<f64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// As the plan writes it: `3d`, `4h`, `1.5w`.
    pub effort: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
}

impl Fields {
    /// Adds a paragraph of notes after any already there.
    pub fn add_notes(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match &mut self.notes {
            Some(notes) => {
                notes.push('\n');
                notes.push_str(text);
            }
            None => self.notes = Some(text.to_owned()),
        }
    }
}

/// One node to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub title: String,
    pub fields: Fields,
    pub place: Place,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// The plan to be: its title, description and tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Every node; `roots` and each node's `children` index into it.
    pub nodes: Vec<Draft>,
    pub roots: Vec<usize>,
}

impl Outline {
    /// Adds a node with `title` as the last child of `parent` (or at the
    /// top level) and returns its index.
    pub fn add(&mut self, parent: Option<usize>, title: String, place: Place) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Draft {
            title,
            fields: Fields::default(),
            place,
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(parent) => self.nodes[parent].children.push(index),
            None => self.roots.push(index),
        }
        index
    }

    /// The children of `parent`, or the top-level nodes.
    pub fn children(&self, parent: Option<usize>) -> &[usize] {
        match parent {
            Some(parent) => &self.nodes[parent].children,
            None => &self.roots,
        }
    }

    /// Every node in document order (pre-order), with its level (1 for a
    /// top-level node).
    pub fn walk(&self) -> Vec<(usize, usize)> {
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<(usize, usize)> = self.roots.iter().rev().map(|&n| (n, 1)).collect();
        while let Some((node, level)) = stack.pop() {
            order.push((node, level));
            stack.extend(
                self.nodes[node]
                    .children
                    .iter()
                    .rev()
                    .map(|&c| (c, level + 1)),
            );
        }
        order
    }

    /// How many nodes there are at each level, from level 1.
    pub fn per_level(&self) -> Vec<usize> {
        let mut counts = Vec::new();
        for (_, level) in self.walk() {
            if counts.len() < level {
                counts.resize(level, 0);
            }
            counts[level - 1] += 1;
        }
        counts
    }

    /// Adds notes to the plan's description.
    pub fn add_description(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match &mut self.description {
            Some(description) => {
                description.push('\n');
                description.push_str(text);
            }
            None => self.description = Some(text.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_is_pre_order_with_levels() {
        let mut outline = Outline::default();
        let a = outline.add(None, "a".into(), Place::Line(1));
        let b = outline.add(None, "b".into(), Place::Line(2));
        let a1 = outline.add(Some(a), "a1".into(), Place::Line(3));
        let a11 = outline.add(Some(a1), "a11".into(), Place::Line(4));
        let a2 = outline.add(Some(a), "a2".into(), Place::Line(5));
        assert_eq!(outline.walk(), [(a, 1), (a1, 2), (a11, 3), (a2, 2), (b, 1)]);
        assert_eq!(outline.per_level(), [2, 2, 1]);
    }
}
