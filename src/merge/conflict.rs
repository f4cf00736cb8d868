//! What a merge could not decide alone: each conflict as data, with what
//! base, ours and theirs hold, and where in the result it belongs.

use crate::i18n::merge::Change;
use crate::plan::NodeId;

/// An index into [`super::merged::Merged::nodes`].
pub type MId = u32;

/// The two sides of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The same field changed differently on both sides; the result holds
    /// ours's value.
    Field,
    /// Theirs removed the node (with its subtree) that ours changed; the
    /// result keeps ours's node.
    RemovedByTheirs,
    /// Ours removed the node (with its subtree) that theirs changed; the
    /// result leaves it out, as ours does.
    RemovedByOurs,
    /// The node moved to different places on the two sides; the result
    /// keeps ours's place.
    MovedTwice,
    /// Both sides added a node with this id, differently; the result
    /// keeps ours's.
    AddedTwice,
    /// Both sides reordered the subtasks of one node differently; the
    /// result keeps ours's order.
    Order,
    /// A change of theirs that the merged plan would not validate with
    /// (a dependency cycle, an `after` naming a removed task, a duplicate
    /// id…); the result leaves it out. `field` names what it touched.
    Invalid,
    /// The merged plan does not validate, and no one change of theirs is
    /// to blame; the result is written as merged.
    Unresolved,
}

/// Where a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// A node of the result.
    Node(MId),
    /// A node of theirs that the result leaves out.
    Theirs(NodeId),
    /// The file's own fields (title, people, …).
    File,
    /// Nowhere in particular.
    Plan,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: Kind,
    pub at: At,
    /// The field, `x-` key or `people.KEY`; `None` for a whole node.
    pub field: Option<String>,
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// Why, when the values alone do not say (a validation message).
    pub reason: Option<String>,
    /// For a removal: what the side that kept the task changed in it.
    pub change: Option<Change>,
    /// For [`Kind::MovedTwice`] and [`Kind::AddedTwice`]: theirs's node,
    /// shown in a second marker block where theirs puts it.
    pub theirs_node: Option<NodeId>,
}

impl Conflict {
    pub fn new(kind: Kind, at: At) -> Conflict {
        Conflict {
            kind,
            at,
            field: None,
            base: String::new(),
            ours: String::new(),
            theirs: String::new(),
            reason: None,
            change: None,
            theirs_node: None,
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Conflict {
        self.field = Some(field.into());
        self
    }

    pub fn values(
        mut self,
        base: impl Into<String>,
        ours: impl Into<String>,
        theirs: impl Into<String>,
    ) -> Conflict {
        self.base = base.into();
        self.ours = ours.into();
        self.theirs = theirs.into();
        self
    }

    pub fn change(mut self, change: Change) -> Conflict {
        self.change = Some(change);
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Conflict {
        self.reason = Some(reason.into());
        self
    }
}
