//! The node fields the merge compares and merges, as a small enum and a
//! bit set of them.

/// A node field the model holds, in the order of SPEC §1's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    Owner,
    Status,
    Progress,
    Start,
    Due,
    Effort,
    Tags,
    After,
    Notes,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Id,
        Field::Title,
        Field::Owner,
        Field::Status,
        Field::Progress,
        Field::Start,
        Field::Due,
        Field::Effort,
        Field::Tags,
        Field::After,
        Field::Notes,
    ];

    /// The key the field is written under.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Progress => "progress",
            Field::Start => "start",
            Field::Due => "due",
            Field::Effort => "effort",
            Field::Tags => "tags",
            Field::After => "after",
            Field::Notes => "notes",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field's bit in a [`Mask`].
    pub fn bit(self) -> Mask {
        1 << self as u16
    }

    pub fn is_list(self) -> bool {
        matches!(self, Field::Tags | Field::After)
    }
}

/// A set of [`Field`]s, one bit each.
pub type Mask = u16;
