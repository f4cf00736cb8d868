//! Words every output shares: the names of statuses as people read them.
//!
//! A status is written in the plan and in every machine format by its
//! code (`in-progress`, [`Status::as_str`]); tables, trees and reports
//! show its name in the reader's language.

use super::{Lang, Phrase, en, zh};
use crate::plan::fields::Status;

impl Phrase for Status {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en::common::status(self),
            Lang::Zh => zh::common::status(self),
        }
    }
}
