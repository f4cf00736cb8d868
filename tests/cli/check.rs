//! `wbs check`: summaries, formats and exit codes.
