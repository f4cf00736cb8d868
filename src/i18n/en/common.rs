//! English words every output shares.

use crate::plan::fields::Status;

/// A status as people read it: its code.
pub(in crate::i18n) fn status(status: Status) -> &'static str {
    status.as_str()
}
