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
