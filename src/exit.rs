//! Exit codes (SPEC §5), in one place.

/// How a run ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, nothing found.
    Success = 0,
    /// A finding: validation errors, a failed gate, differences, a refused edit.
    Finding = 1,
    /// The command could not run: bad usage, an unreadable file, a bad revision.
    Failure = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// An edit that wbs refuses to make (exit 1, SPEC §5): an error whose
/// message says why and what to do, and after which nothing was written.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// A [`Refused`] edit as an error to return.
pub fn refused(message: impl Into<String>) -> anyhow::Error {
    Refused(message.into()).into()
}
