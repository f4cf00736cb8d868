//! Where an edited plan's findings are, in terms of the edit: the node a
//! diagnostic lies in, and the warnings the edit brought that the plan did
//! not have.

use std::collections::HashMap;

use super::{Origin, Staged};
use crate::diagnostic::Diagnostic;
use crate::plan::NodeId;
use crate::project::Project;

/// The innermost node whose YAML holds byte `offset` of file `file`: where
/// a diagnostic of the edited plan is, to say which change caused it.
pub fn node_at(project: &Project, file: usize, offset: usize) -> Option<NodeId> {
    let plan = &project.loaded.plan;
    let tree = project.loaded.sources.get(file)?.tree()?;
    let span = |id: NodeId| tree.span(project.loaded.yaml_node(id));
    // A file's nodes are one run of ids in document order, so their
    // spans start in order: the last one starting at or before `offset`
    // is the node or a descendant of an earlier sibling of it.
    let lo = plan.nodes.partition_point(|n| (n.file as usize) < file);
    let hi = plan.nodes.partition_point(|n| (n.file as usize) <= file);
    let (mut left, mut right) = (lo, hi);
    while left < right {
        let mid = left + (right - left) / 2;
        if span(mid as NodeId).start <= offset {
            left = mid + 1;
        } else {
            right = mid;
        }
    }
    let mut node = (left > lo).then(|| (left - 1) as NodeId)?;
    loop {
        if span(node).contains(&offset) || span(node).start == offset {
            return Some(node);
        }
        node = plan.node(node).parent?;
    }
}

/// The warnings of the edited plan that the plan did not have: a warning
/// is known by its code and the node it is on (by where that node came
/// from), so one that only moved with its node, or whose dates changed,
/// is not new.
pub fn introduced_warnings(before: &Project, staged: &Staged) -> Vec<Diagnostic> {
    type Key = (crate::diagnostic::Code, Option<Origin>, usize);
    fn warnings(project: &Project) -> impl Iterator<Item = &Diagnostic> {
        project.loaded.diagnostics.iter().filter(|d| !d.is_error())
    }
    let after = &staged.after;
    let mut had: HashMap<Key, usize> = HashMap::new();
    for warning in warnings(before) {
        let node = node_at(before, warning.file, warning.span.start).map(Origin::Old);
        *had.entry((warning.code, node, warning.file)).or_default() += 1;
    }
    let mut introduced = Vec::new();
    for warning in warnings(after) {
        let node = node_at(after, warning.file, warning.span.start)
            .and_then(|id| staged.origins.get(id as usize).copied());
        match had.get_mut(&(warning.code, node, warning.file)) {
            Some(count) if *count > 0 => *count -= 1,
            _ => introduced.push(warning.clone()),
        }
    }
    introduced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::derive::Clock;

    #[test]
    fn the_node_at_a_place_is_the_innermost() {
        let a = "wbs: 1\ntitle: A\ntasks:\n  - id: p\n    title: P\n    tasks:\n      - id: c\n        title: C\n      - Plain\n    due: 2026-01-01\n  - id: q\n    title: Q\n";
        let b = "wbs: 1\ntitle: B\ntasks:\n  - id: r\n    title: R\n";
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
        let project = Project::load(
            vec![
                ("a.yaml".to_owned(), a.as_bytes().to_vec()),
                ("b.yaml".to_owned(), b.as_bytes().to_vec()),
            ],
            Clock::new(today),
            true,
        );
        let at = |file: usize, text: &str, needle: &str| {
            let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
            node_at(&project, file, offset).map(|id| project.loaded.plan.code(id))
        };
        assert_eq!(at(0, a, "title: A"), None);
        // In a plan set, a code starts with the file's number.
        assert_eq!(at(0, a, "id: p"), Some("1.1".into()));
        assert_eq!(at(0, a, "title: C"), Some("1.1.1".into()));
        assert_eq!(at(0, a, "Plain"), Some("1.1.2".into()));
        // A key after the subtree is the parent's.
        assert_eq!(at(0, a, "due: 2026"), Some("1.1".into()));
        assert_eq!(at(0, a, "title: Q"), Some("1.2".into()));
        assert_eq!(at(1, b, "title: R"), Some("2.1".into()));
        assert_eq!(at(1, b, "title: B"), None);
    }
}
