//! `wbs export`.
