//! Chinese text of what `wbs merge` says. Field names, codes and values
//! stay as they are in the plan.

use std::fmt::{self, Formatter};

use crate::i18n::merge::{Change, Detail, Line, Note, Parent, Spot, Version};

pub(in crate::i18n) fn version(version: Version) -> &'static str {
    match version {
        Version::Base => "共同基础版本",
        Version::Ours => "我方版本",
        Version::Theirs => "对方版本",
    }
}

pub(in crate::i18n) fn spot(spot: &Spot, out: &mut Formatter<'_>) -> fmt::Result {
    match spot {
        Spot::Task { name } => out.write_str(name),
        Spot::Unplaced { task } => write!(out, "（合并任务 {task}）"),
        Spot::Theirs { name } => write!(out, "{name}（对方）"),
        Spot::File => out.write_str("（文件）"),
        Spot::Plan => out.write_str("（计划）"),
        Spot::Line { line } => write!(out, "第 {line} 行"),
        Spot::Lines { start, end } => write!(out, "第 {start}-{end} 行"),
    }
}

pub(in crate::i18n) fn parent(parent: &Parent, out: &mut Formatter<'_>) -> fmt::Result {
    match parent {
        Parent::Under { name } => write!(out, "在 {name} 下"),
        Parent::TopLevel => out.write_str("在顶层"),
        Parent::Nowhere => out.write_str("（无）"),
    }
}

pub(in crate::i18n) fn change(change: &Change, out: &mut Formatter<'_>) -> fmt::Result {
    match change {
        Change::Field { field } => write!(out, "改了 {field}"),
        Change::XField => out.write_str("改了一个 x- 字段"),
        Change::Moved => out.write_str("移动了位置"),
        Change::SubtaskAdded { name } => write!(out, "添加了子任务 {name}"),
        Change::SubtaskMovedIn { name } => write!(out, "移入了子任务 {name}"),
    }
}

fn values(out: &mut Formatter<'_>, base: &str, ours: &str, theirs: &str) -> fmt::Result {
    write!(out, "{base} → 我方 {ours} / 对方 {theirs}")
}

pub(in crate::i18n) fn detail(detail: &Detail, out: &mut Formatter<'_>) -> fmt::Result {
    match detail {
        Detail::Values { base, ours, theirs } => values(out, base, ours, theirs),
        Detail::RemovedByTheirs { ours } => {
            out.write_str("对方删除了，我方却")?;
            change(ours, out)
        }
        Detail::RemovedByOurs { theirs } => {
            out.write_str("我方删除了，对方却")?;
            change(theirs, out)
        }
        Detail::MovedTwice {
            base,
            ours,
            theirs,
            reason,
        } => {
            out.write_str("被移到两个不同位置：")?;
            parent(base, out)?;
            out.write_str(" → 我方 ")?;
            parent(ours, out)?;
            out.write_str(" / 对方 ")?;
            parent(theirs, out)?;
            match reason {
                Some(reason) => write!(out, "（{reason}）"),
                None => Ok(()),
            }
        }
        Detail::MovedTwiceSomewhere => out.write_str("被移到两个不同位置"),
        Detail::AddedTwice => out.write_str("双方都添加了，内容不同"),
        Detail::Order => out.write_str("双方对子任务的排序不同"),
        Detail::KeptForValidity { reason } => write!(
            out,
            "对方删除了，但已保留，因为没有它合并后的计划无法通过校验：{reason}"
        ),
        Detail::LeftOut {
            values: shown,
            reason,
        } => {
            if let Some([base, ours, theirs]) = shown {
                values(out, base, ours, theirs)?;
                out.write_str("；")?;
            }
            write!(
                out,
                "未采用对方的修改：合并后的计划会无法通过校验：{reason}"
            )
        }
        Detail::Unresolved { reason } => write!(out, "合并后的计划无法通过校验：{reason}"),
        Detail::ChangedOnBothSides => out.write_str("双方修改不同"),
        Detail::NotUtf8OursKept => out.write_str("有一个版本不是 UTF-8 文本；保留我方版本原样"),
    }
}

pub(in crate::i18n) fn note(note: &Note, out: &mut Formatter<'_>) -> fmt::Result {
    match note {
        Note::NotUtf8 => out.write_str("有一个版本不是 UTF-8 文本")?,
        Note::NotYaml {
            version: v,
            line,
            message,
        } => write!(
            out,
            "{}不是有效的 YAML（第 {line} 行：{}）",
            version(*v),
            crate::i18n::Lang::Zh.show(message)
        )?,
        Note::NotPlan {
            version: v,
            line,
            code,
            message,
        } => write!(
            out,
            "{}不是有效的计划（第 {line} 行：[{code}] {}）",
            version(*v),
            crate::i18n::Lang::Zh.show(message)
        )?,
        Note::LoneCr { version: v } => write!(out, "{}的换行只用了 CR", version(*v))?,
        Note::WriteFailed { why } => write!(
            out,
            "按任务合并未能写出结果（{why}；这是 wbs 的缺陷，请报告）"
        )?,
    }
    out.write_str("；已改为逐行合并")
}

pub(in crate::i18n) fn line(line: &Line, out: &mut Formatter<'_>) -> fmt::Result {
    match line {
        Line::Note { file, note: n } => {
            write!(out, "注：{file}：")?;
            note(n, out)
        }
        Line::Conflict {
            file,
            spot: s,
            field,
            detail: d,
        } => {
            write!(out, "冲突：{file}：")?;
            spot(s, out)?;
            if let Some(field) = field {
                write!(out, " {field}")?;
            }
            out.write_str("：")?;
            detail(d, out)
        }
    }
}
