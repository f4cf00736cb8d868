//! `wbs show`.
