//! Words every output shares: the names of statuses as people read them.
//!
//! A status is written in the plan and in every machine format by its
//! code (`in-progress`, [`Status::as_str`]); tables, trees and reports
//! show its name in the reader's language.

use crate::plan::fields::Status;

spoken!(phrase common: Status => status);
