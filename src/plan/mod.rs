//! The plan model: plain data, no spans, no YAML.
//!
//! Nodes of every file of a plan set live in one vector in document order
//! (pre-order, files in load order), so a node's subtree is the contiguous run
//! `id..node.end` and roll-ups are one backward pass. Depends on nothing else
//! in the crate.

pub mod derive;
pub mod fields;
pub mod identity;

use chrono::NaiveDate;

pub use fields::Status;

/// An index into [`Plan::nodes`].
pub type NodeId = u32;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub files: Vec<PlanFile>,
    pub nodes: Vec<Node>,
    /// The text of every node string, end to end: one allocation instead of
    /// several per node, which at 100,000 nodes is most of the model's memory.
    text: String,
    /// The entries of every `tags` and `after` list, end to end.
    lists: Vec<Str>,
}

/// A string of the plan, stored in [`Plan`]'s text arena; read it with
/// [`Plan::str`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Str {
    start: u32,
    len: u32,
}

/// A list of strings of the plan; read it with [`Plan::list`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StrList {
    start: u32,
    len: u32,
}

impl StrList {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// What a file sets for itself and its nodes. A file is not a node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanFile {
    /// The path as the user gave it or as found in a plan folder.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// `None` when the file has no `people` key, so owners are not checked.
    pub people: Option<Vec<Person>>,
    pub default_effort_hours: Option<f64>,
    /// The file's nodes: `nodes.start..nodes.end` in [`Plan::nodes`].
    pub nodes: std::ops::Range<NodeId>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    pub key: String,
    pub name: Option<String>,
    pub team: Option<String>,
    pub email: Option<String>,
}

/// One task as written, with its place in the tree. Derived values live in
/// [`derive::Derived`].
/// An optional number in eight bytes, NaN standing for none (a plan's
/// numbers are never NaN: parsing refuses it), so that a task's progress and
/// effort take 16 bytes instead of 32 in a model of 100k tasks.
#[derive(Clone, Copy)]
pub struct MaybeNumber(f64);

impl MaybeNumber {
    pub const NONE: MaybeNumber = MaybeNumber(f64::NAN);

    pub fn new(value: Option<f64>) -> MaybeNumber {
        MaybeNumber(value.filter(|v| !v.is_nan()).unwrap_or(f64::NAN))
    }

    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    pub fn is_some(self) -> bool {
        !self.0.is_nan()
    }

    pub fn is_none(self) -> bool {
        self.0.is_nan()
    }
}

impl Default for MaybeNumber {
    fn default() -> MaybeNumber {
        MaybeNumber::NONE
    }
}

impl PartialEq for MaybeNumber {
    fn eq(&self, other: &MaybeNumber) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for MaybeNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl From<Option<f64>> for MaybeNumber {
    fn from(value: Option<f64>) -> MaybeNumber {
        MaybeNumber::new(value)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub file: u32,
    pub parent: Option<NodeId>,
    /// One past the last node of this node's subtree.
    pub end: NodeId,
    /// 1-based position among its siblings (or among the file's top level).
    pub position: u32,
    /// 1 for a top-level node of a file.
    pub level: u32,
    pub id: Option<Str>,
    pub title: Str,
    pub owner: Option<Str>,
    pub status: Option<Status>,
    pub progress: MaybeNumber,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub effort_hours: MaybeNumber,
    pub tags: StrList,
    pub after: StrList,
    pub notes: Option<Str>,
    /// The `x-` keys written on the node with a value other than null, for
    /// `has:x-…`; their values are not kept.
    pub extensions: StrList,
}

impl Plan {
    /// Stores a string in the arena.
    pub fn add_str(&mut self, text: &str) -> Str {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        Str {
            start,
            len: text.len() as u32,
        }
    }

    /// Stores a list of strings already in the arena.
    pub fn add_list(&mut self, items: &[Str]) -> StrList {
        let start = self.lists.len() as u32;
        self.lists.extend_from_slice(items);
        StrList {
            start,
            len: items.len() as u32,
        }
    }

    pub fn str(&self, s: Str) -> &str {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    pub fn list(&self, list: StrList) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.lists[list.start as usize..(list.start + list.len) as usize]
            .iter()
            .map(|&s| self.str(s))
    }

    pub fn title(&self, id: NodeId) -> &str {
        self.str(self.node(id).title)
    }

    /// The node's own `id`, if it has one.
    pub fn id_of(&self, id: NodeId) -> Option<&str> {
        self.node(id).id.map(|s| self.str(s))
    }

    /// The node's own `owner`, not inherited.
    pub fn own_owner(&self, id: NodeId) -> Option<&str> {
        self.node(id).owner.map(|s| self.str(s))
    }

    pub fn notes(&self, id: NodeId) -> Option<&str> {
        self.node(id).notes.map(|s| self.str(s))
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> + ExactSizeIterator {
        0..self.nodes.len() as NodeId
    }

    /// A node with no children; `tasks: []` counts as none.
    pub fn is_leaf(&self, id: NodeId) -> bool {
        self.node(id).end == id + 1
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            plan: self,
            next: id + 1,
            end: self.node(id).end,
        }
    }

    /// The top-level nodes of file `file`.
    pub fn roots(&self, file: usize) -> Children<'_> {
        let range = &self.files[file].nodes;
        Children {
            plan: self,
            next: range.start,
            end: range.end,
        }
    }

    /// Whether `ancestor` is a strict ancestor of `node`.
    pub fn is_ancestor(&self, ancestor: NodeId, node: NodeId) -> bool {
        ancestor < node && node < self.node(ancestor).end
    }

    /// The WBS code, e.g. `2.2.1`; with several files the file's position
    /// comes first.
    pub fn code(&self, id: NodeId) -> String {
        let mut positions = Vec::with_capacity(8);
        let mut current = Some(id);
        while let Some(node) = current {
            positions.push(self.node(node).position);
            current = self.node(node).parent;
        }
        if self.files.len() > 1 {
            positions.push(self.node(id).file + 1);
        }
        let mut code = String::with_capacity(positions.len() * 3);
        for (i, position) in positions.iter().rev().enumerate() {
            if i > 0 {
                code.push('.');
            }
            // Into the string itself: no allocation a level.
            let _ = std::fmt::Write::write_fmt(&mut code, format_args!("{position}"));
        }
        code
    }

    /// The node a code such as `2.2.1` names, if any.
    pub fn find_code(&self, code: &str) -> Option<NodeId> {
        let mut parts = code
            .split('.')
            .map(|p| p.parse::<u32>().ok().filter(|&n| n > 0));
        let mut level = if self.files.len() > 1 {
            let file = parts.next()?? as usize - 1;
            self.files.get(file)?;
            self.roots(file)
        } else {
            self.roots(0)
        };
        let mut found = None;
        for part in parts {
            let position = part?;
            let node = level.nth(position as usize - 1)?;
            found = Some(node);
            level = self.children(node);
        }
        found
    }

    pub fn find_id(&self, id: &str) -> Option<NodeId> {
        self.ids().find(|&n| self.id_of(n) == Some(id))
    }

    /// Adds the files and nodes of `other` after this plan's, as the next
    /// files of the same set: its nodes, strings and lists renumbered into
    /// this plan's vectors. A plan set joined this way from plans loaded one
    /// file at a time equals the set loaded at once.
    pub fn append(&mut self, other: &Plan) {
        let nodes = self.nodes.len() as NodeId;
        let files = self.files.len() as u32;
        self.extend_nodes(other, |node| node.file + files, 0, None, 0);
        self.files.extend(other.files.iter().map(|file| PlanFile {
            nodes: file.nodes.start + nodes..file.nodes.end + nodes,
            ..file.clone()
        }));
    }

    /// Adds the nodes of `other`, tasks read on their own from a later part
    /// of the text of this plan's last file (holding no file of their
    /// own), as the next tasks of the open list at `depth`: at the top
    /// level of the file for 1, under its last top-level task for 2, under
    /// that task's last child for 3, and so on. Joining a file's parts this
    /// way gives the file read at once. `false` when there is no task to
    /// hold them.
    pub fn graft_tasks(&mut self, other: &Plan, depth: u32) -> bool {
        let Some(file) = self.files.len().checked_sub(1) else {
            return false;
        };
        let mut parent: Option<NodeId> = None;
        for _ in 1..depth {
            let last = match parent {
                None => self.roots(file).last(),
                Some(node) => self.children(node).last(),
            };
            let Some(last) = last else {
                return false;
            };
            parent = Some(last);
        }
        let before = match parent {
            None => self.roots(file).count(),
            Some(node) => self.children(node).count(),
        } as u32;
        let level = parent.map_or(0, |node| self.node(node).level);
        self.extend_nodes(other, |_| file as u32, before, parent, level);
        let end = self.nodes.len() as NodeId;
        let mut ancestor = parent;
        while let Some(node) = ancestor {
            self.nodes[node as usize].end = end;
            ancestor = self.nodes[node as usize].parent;
        }
        self.files[file].nodes.end = end;
        true
    }

    /// Appends `other`'s nodes renumbered: parents, ends, strings and lists
    /// moved past this plan's, each node's file set by `file`; its
    /// top-level nodes placed under `parent` after `positions` siblings,
    /// and every level moved down by `levels`.
    fn extend_nodes(
        &mut self,
        other: &Plan,
        file: impl Fn(&Node) -> u32,
        positions: u32,
        parent: Option<NodeId>,
        levels: u32,
    ) {
        let nodes = self.nodes.len() as NodeId;
        let text = self.text.len() as u32;
        let lists = self.lists.len() as u32;
        let shift = |s: Str| Str {
            start: s.start + text,
            len: s.len,
        };
        // An empty list is written as the default, wherever it sits.
        let shift_list = |l: StrList| match l.len {
            0 => StrList::default(),
            len => StrList {
                start: l.start + lists,
                len,
            },
        };
        self.text.push_str(&other.text);
        self.lists.extend(other.lists.iter().map(|&s| shift(s)));
        self.nodes.reserve(other.nodes.len());
        self.nodes.extend(other.nodes.iter().map(|node| Node {
            file: file(node),
            parent: node.parent.map(|p| p + nodes).or(parent),
            end: node.end + nodes,
            position: match node.parent {
                None => node.position + positions,
                Some(_) => node.position,
            },
            level: node.level + levels,
            id: node.id.map(shift),
            title: shift(node.title),
            owner: node.owner.map(shift),
            tags: shift_list(node.tags),
            after: shift_list(node.after),
            notes: node.notes.map(shift),
            ..node.clone()
        }));
    }
}

/// Iterates over siblings by jumping over each one's subtree.
#[derive(Clone)]
pub struct Children<'a> {
    plan: &'a Plan,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let node = self.next;
        self.next = self.plan.node(node).end;
        Some(node)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builds small plans in code for unit tests of derived values.

    use super::*;

    /// A node description for [`plan`]: fields set through the closure.
    pub struct Spec {
        pub title: String,
        pub node: Node,
        pub owner: Option<String>,
        pub children: Vec<Spec>,
    }

    pub fn leaf(title: &str, set: impl FnOnce(&mut Node)) -> Spec {
        let mut node = Node::default();
        set(&mut node);
        Spec {
            title: title.to_owned(),
            node,
            owner: None,
            children: Vec::new(),
        }
    }

    impl Spec {
        pub fn owner(mut self, owner: &str) -> Spec {
            self.owner = Some(owner.to_owned());
            self
        }
    }

    pub fn parent(title: &str, set: impl FnOnce(&mut Node), children: Vec<Spec>) -> Spec {
        let mut spec = leaf(title, set);
        spec.children = children;
        spec
    }

    /// One file holding `roots`.
    pub fn plan(roots: Vec<Spec>) -> Plan {
        let mut plan = Plan::default();
        add(&mut plan, None, roots, 1);
        plan.files.push(PlanFile {
            path: "test.yaml".into(),
            title: "Test".into(),
            nodes: 0..plan.nodes.len() as NodeId,
            ..PlanFile::default()
        });
        plan
    }

    fn add(plan: &mut Plan, parent: Option<NodeId>, specs: Vec<Spec>, level: u32) {
        for (i, spec) in specs.into_iter().enumerate() {
            let id = plan.nodes.len() as NodeId;
            let title = plan.add_str(&spec.title);
            let owner = spec.owner.as_deref().map(|o| plan.add_str(o));
            plan.nodes.push(Node {
                parent,
                position: i as u32 + 1,
                level,
                title,
                owner,
                ..spec.node
            });
            add(plan, Some(id), spec.children, level + 1);
            plan.nodes[id as usize].end = plan.nodes.len() as NodeId;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;

    #[test]
    fn codes_and_lookup() {
        let plan = plan(vec![
            leaf("a", |_| {}),
            parent(
                "b",
                |_| {},
                vec![
                    leaf("b1", |_| {}),
                    parent("b2", |_| {}, vec![leaf("x", |_| {})]),
                ],
            ),
        ]);
        assert_eq!(plan.code(4), "2.2.1");
        assert_eq!(plan.find_code("2.2.1"), Some(4));
        assert_eq!(plan.find_code("2.3"), None);
        assert_eq!(plan.find_code("0"), None);
        assert_eq!(plan.find_code("x"), None);
        assert_eq!(plan.children(1).collect::<Vec<_>>(), [2, 3]);
        assert!(plan.is_ancestor(1, 4));
        assert!(!plan.is_ancestor(4, 1));
        assert!(plan.is_leaf(4));
    }
}
