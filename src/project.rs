//! A plan set loaded, derived and validated: the path every command takes.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::plan::derive::{self, Clock, Derived};
use crate::source::{self, Loaded};
use crate::validate;

/// A loaded plan set with its derived values and every diagnostic.
pub struct Project {
    pub loaded: Loaded,
    pub derived: Derived,
}

impl Project {
    /// Reads files already in memory (`(path, bytes)` pairs) and computes
    /// everything about them once. Problems in the plan are diagnostics, in
    /// file and position order; this never fails.
    pub fn load(files: Vec<(String, Vec<u8>)>, clock: Clock, keep_trees: bool) -> Project {
        Project::load_part(files, clock, keep_trees, &HashSet::new())
    }

    /// As [`Project::load`], for files that are part of a plan set read
    /// without the rest: `after` may name the ids in `elsewhere`.
    pub fn load_part(
        files: Vec<(String, Vec<u8>)>,
        clock: Clock,
        keep_trees: bool,
        elsewhere: &HashSet<String>,
    ) -> Project {
        Project::from_loaded_part(source::load(files, keep_trees), clock, elsewhere)
    }

    /// Derives and validates a plan set already read.
    pub fn from_loaded(loaded: Loaded, clock: Clock) -> Project {
        Project::from_loaded_part(loaded, clock, &HashSet::new())
    }

    fn from_loaded_part(mut loaded: Loaded, clock: Clock, elsewhere: &HashSet<String>) -> Project {
        let derived = derive::derive(&loaded.plan, clock);
        validate::validate_part(&mut loaded, &derived, elsewhere);
        loaded
            .diagnostics
            .sort_by_key(|d| (d.file, d.span.start, d.code));
        Project { loaded, derived }
    }

    pub fn has_errors(&self) -> bool {
        self.loaded.diagnostics.iter().any(Diagnostic::is_error)
    }
}
