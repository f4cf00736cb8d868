//! Chinese words every output shares.

use crate::plan::fields::Status;

/// A status as people read it.
pub(in crate::i18n) fn status(status: Status) -> &'static str {
    match status {
        Status::Todo => "待办",
        Status::InProgress => "进行中",
        Status::Blocked => "受阻",
        Status::Done => "已完成",
        Status::Cancelled => "已取消",
    }
}
