//! Identity (SPEC §1.1): how a node is known across versions of a plan, so
//! diffs and edits match nodes that moved, were reordered or re-indented.
//!
//! A node with an `id` is known by it. A node without one is known by its
//! parent's identity plus its title (a top-level one by its title alone),
//! and id-less siblings with the same title by their order among them.

use std::collections::HashMap;

use super::{NodeId, Plan};

/// Separates the parts of an identity key; it cannot occur in a title that
/// was printed safely, and never in an id.
const SEPARATOR: char = '\u{1f}';

/// For each node, its 1-based place among the id-less siblings that share
/// its title (0 for a node with an id). Top-level nodes of every file of a
/// set count as siblings.
pub fn ordinals(plan: &Plan) -> Vec<u32> {
    let mut ordinals = vec![0; plan.nodes.len()];
    let mut seen = HashMap::new();
    let top: Vec<NodeId> = (0..plan.files.len()).flat_map(|f| plan.roots(f)).collect();
    number(plan, &top, &mut ordinals, &mut seen);
    let mut children = Vec::new();
    for id in plan.ids() {
        if plan.is_leaf(id) {
            continue;
        }
        children.clear();
        children.extend(plan.children(id));
        number(plan, &children, &mut ordinals, &mut seen);
    }
    ordinals
}

/// Numbers the id-less nodes among `siblings` by title. A few siblings are
/// compared with the ones before them; many are counted in `seen`.
fn number<'p>(
    plan: &'p Plan,
    siblings: &[NodeId],
    ordinals: &mut [u32],
    seen: &mut HashMap<&'p str, u32>,
) {
    const FEW: usize = 16;
    let id_less = |node: &&NodeId| plan.node(**node).id.is_none();
    if siblings.len() <= FEW {
        for (i, &node) in siblings.iter().enumerate().filter(|(_, n)| id_less(n)) {
            let title = plan.title(node);
            let before = siblings[..i]
                .iter()
                .filter(|n| id_less(n) && plan.title(**n) == title)
                .count();
            ordinals[node as usize] = before as u32 + 1;
        }
        return;
    }
    seen.clear();
    for &node in siblings.iter().filter(id_less) {
        let count = seen.entry(plan.title(node)).or_insert(0);
        *count += 1;
        ordinals[node as usize] = *count;
    }
}

/// The node's identity as one string, equal for the same node in two
/// versions of a plan and different for different nodes of one version.
pub fn key(plan: &Plan, ordinals: &[u32], node: NodeId) -> String {
    // Walk up to the nearest node with an id (or the top), then write the
    // titled steps back down.
    let mut steps = Vec::new();
    let mut current = Some(node);
    let mut anchor = None;
    while let Some(n) = current {
        if let Some(id) = plan.id_of(n) {
            anchor = Some(id);
            break;
        }
        steps.push(n);
        current = plan.node(n).parent;
    }
    let mut key = String::new();
    if let Some(id) = anchor {
        key.push('#');
        key.push_str(id);
    }
    for &n in steps.iter().rev() {
        key.push(SEPARATOR);
        key.push_str(plan.title(n));
        if ordinals[n as usize] > 1 {
            key.push(SEPARATOR);
            key.push_str(&ordinals[n as usize].to_string());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::*;

    #[test]
    fn identities() {
        let plan = plan(vec![
            parent(
                "Build",
                |_| {},
                vec![
                    leaf("Set up CI", |_| {}),
                    leaf("Set up CI", |_| {}),
                    leaf("Pages", |_| {}),
                ],
            ),
            leaf("Build", |_| {}),
        ]);
        let mut plan = plan;
        let id = plan.add_str("pages");
        plan.nodes[3].id = Some(id);
        let ordinals = ordinals(&plan);
        assert_eq!(ordinals, [1, 1, 2, 0, 2]);
        let keys: Vec<String> = plan.ids().map(|n| key(&plan, &ordinals, n)).collect();
        let s = SEPARATOR;
        assert_eq!(
            keys,
            [
                format!("{s}Build"),
                format!("{s}Build{s}Set up CI"),
                format!("{s}Build{s}Set up CI{s}2"),
                "#pages".to_owned(),
                format!("{s}Build{s}2"),
            ]
        );
    }

    #[test]
    fn many_siblings_are_numbered_as_few_are() {
        let titles = ["a", "b", "a", "c", "a", "b"];
        let few = plan(titles.iter().map(|t| leaf(t, |_| {})).collect());
        let many = plan(
            titles
                .iter()
                .cycle()
                .take(30)
                .map(|t| leaf(t, |_| {}))
                .collect(),
        );
        assert_eq!(ordinals(&few), [1, 1, 2, 1, 3, 2]);
        let numbered = ordinals(&many);
        assert_eq!(numbered[..6], [1, 1, 2, 1, 3, 2]);
        assert_eq!(numbered[24..], [13, 9, 14, 5, 15, 10]);
    }

    #[test]
    fn an_id_anchors_the_titles_below_it() {
        let mut plan = plan(vec![parent(
            "Design",
            |_| {},
            vec![leaf("Wireframes", |_| {})],
        )]);
        let id = plan.add_str("design");
        plan.nodes[0].id = Some(id);
        let ordinals = ordinals(&plan);
        assert_eq!(
            key(&plan, &ordinals, 1),
            format!("#design{SEPARATOR}Wireframes")
        );
    }
}
