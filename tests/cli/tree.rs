//! `wbs tree`.
