//! Where output goes and whether it is coloured.

use std::io::IsTerminal;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Which stream a decision is for: colour is decided per stream, since
/// `wbs check 2>log` keeps stdout on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl ColorChoice {
    /// Resolves `auto` against the stream and `NO_COLOR`
    /// (<https://no-color.org>: set and not empty disables colour).
    pub fn enabled(self, stream: Stream, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let terminal = match stream {
                    Stream::Stdout => std::io::stdout().is_terminal(),
                    Stream::Stderr => std::io::stderr().is_terminal(),
                };
                terminal && no_color.is_none_or(|v| v.is_empty())
            }
        }
    }
}
