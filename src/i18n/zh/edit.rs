//! Chinese text of what the editing commands say.

use std::fmt::{self, Formatter};

use crate::i18n::edit::{Derived, Edit, FieldError, Noun, RowText};

/// A counted noun with its measure word: `3 个节点`.
pub(in crate::i18n) fn noun(noun: Noun) -> &'static str {
    match noun {
        Noun::Node => "个节点",
        Noun::Task => "个任务",
        Noun::Row => "行",
    }
}

pub(in crate::i18n) fn edit(message: &Edit, out: &mut Formatter<'_>) -> fmt::Result {
    let count = |n: usize, noun: Noun| format!("{n} {}", self::noun(noun));
    match message {
        Edit::Updated {
            count: n,
            noun,
            files,
        } => write!(out, "已更新 {files} 中的 {}", count(*n, *noun)),
        Edit::AlreadyAsAsked { count: n, noun } => {
            write!(out, "{}已是所要求的值；没有文件改动", count(*n, *noun))
        }
        Edit::Added { code, title, files } => {
            write!(out, "已在 {files} 中添加 {code} {title}")
        }
        Edit::Removed { name, below, file } => {
            write!(out, "已从 {file} 删除 {name}")?;
            subtasks(out, *below)
        }
        Edit::NoLongerAfter { code, title, ids } => {
            write!(out, "{code} {title}：不再依赖 {ids}")
        }
        Edit::Moved {
            name,
            below,
            code,
            files,
            owner,
        } => {
            write!(out, "已把 {name}")?;
            subtasks(out, *below)?;
            if *below == 0 {
                out.write_str(" ")?;
            }
            write!(out, "移到 {code}，位于 {files}")?;
            match owner {
                Some(owner) => edit(owner, out),
                None => Ok(()),
            }
        }
        Edit::InheritedOwner {
            total,
            tasks,
            would,
            old,
            new,
        } => {
            let subject = match (total, tasks) {
                (1, _) => "它".to_owned(),
                (all, n) if all == n => "它们".to_owned(),
                (_, n) => format!("其中 {n} 个"),
            };
            let when = if *would { "将" } else { "现在" };
            write!(out, "；{subject}{when}")?;
            match (old, new) {
                (Some(old), Some(new)) => write!(out, "继承负责人 {new}（原为 {old}）"),
                (None, Some(new)) => write!(out, "继承负责人 {new}（原来没有负责人）"),
                (Some(old), None) => write!(out, "不再有负责人（原为 {old}）"),
                (None, None) => out.write_str("没有负责人"),
            }
        }
        Edit::AlreadyThere { name } => write!(out, "{name} 已在该位置；没有改动"),
        Edit::Flag { flag, message } => {
            write!(out, "{flag}：")?;
            field(message, out)
        }
        Edit::SetNeedsPair { pair } => write!(
            out,
            "--set {pair}：请写成 KEY=VALUE，例如 --set x-jira=WEB-12"
        ),
        Edit::DryRun { what } => write!(out, "试运行：{what}；没有写入任何内容"),
        Edit::WouldChange { count: n, noun } => write!(out, "{}将被修改", count(*n, *noun)),
        Edit::WouldAdd => out.write_str("将添加 1 个任务"),
        Edit::WouldRemove { count: n } => write!(out, "将删除 {}", count(*n, Noun::Task)),
        Edit::WouldMove { count: n, owner } => {
            write!(out, "将移动 {}", count(*n, Noun::Task))?;
            match owner {
                Some(owner) => edit(owner, out),
                None => Ok(()),
            }
        }
        Edit::Introduced { count: n, would } => write!(
            out,
            "这次编辑{} {n} 个计划原本没有的警告：",
            if *would { "将引入" } else { "引入了" }
        ),
        Edit::NothingToChange => out.write_str(
            "没有要修改的内容\n提示：指定要设置的字段，例如 --status done 或 --due 2026-12-31",
        ),
        Edit::EveryNode => {
            out.write_str("没有任何条件的查询会修改每个节点\n提示：如果确实要这样做，请加上 --all")
        }
        Edit::NoMatch => out.write_str(
            "没有节点符合查询；没有改动\n提示：用同样的查询运行 `wbs list`，可以看到它选中了什么",
        ),
        Edit::SearchMatches {
            words,
            several: _,
            count: n,
            files,
        } => {
            write!(out, "`{words}` 是搜索词，匹配到 {}", count(*n, Noun::Node))?;
            if *files > 1 {
                write!(out, "（分布在 {files} 个文件中）")?;
            }
            out.write_str("；没有改动")
        }
        Edit::MoreMatches { more, words } => {
            write!(out, "……另有 {more} 个：`wbs list {words}` 会全部列出")
        }
        Edit::SearchHint { id, count: n } => {
            match id {
                Some(id) => write!(out, "提示：用 `id:{id}` 指明节点")?,
                None => out.write_str("提示：用 `id:` 指明节点")?,
            }
            write!(out, "，或用 --all 或 --expect {n} 修改匹配到的每个节点")
        }
        Edit::ExpectMismatch { found, expected } => write!(
            out,
            "有 {found} 个节点符合，而 `--expect` 指定的是 {expected}；没有改动\n提示：用 `wbs list` 和同样的查询检查选中的节点"
        ),
        Edit::LeafFieldOnParent { name, field } => write!(
            out,
            "{name} 有子任务，它的 `{field}` 由子任务得出；没有改动\n提示：在查询中加上 `is:leaf`，改为修改下面的任务"
        ),
        Edit::CannotHaveChildren { name, field, id } => {
            write!(
                out,
                "{name} 自己设置了 `{field}`，而有子任务的任务不能设置它；没有改动\n提示："
            )?;
            match id {
                Some(id) => write!(
                    out,
                    "先去掉这些字段：`wbs update id:{id} --unset status --unset progress --unset effort`"
                ),
                None => out.write_str(
                    "先去掉它的 status、progress 和 effort（用选中它的查询运行 `wbs update`，加上 --unset status --unset progress --unset effort）",
                ),
            }
        }
        Edit::WouldBeInvalid => {
            out.write_str("这处修改会使计划无效；没有写入任何内容（下面显示的是修改后文本的行）")
        }
        Edit::DuplicateId { id, name } => {
            write!(out, "id `{id}` 已被 {name} 使用；没有改动\n提示：换一个 id")
        }
        Edit::EmptyTitle => out.write_str("任务的标题不能为空"),
        Edit::NoTagsToRemove => out.write_str("--tag：新任务没有可去掉的标签；请写成 --tag a,b"),
        Edit::HasSubtasks { name, below } => write!(
            out,
            "{name} 有 {below} 个子任务；没有删除\n提示：加上 --recursive 一并删除，或先用 `wbs mv` 移走它们"
        ),
        Edit::Dependents { name } => write!(out, "其他任务依赖 {name}；没有删除"),
        Edit::DependentLine { code, title, ids } => write!(out, "{code} {title}（依赖 {ids}）"),
        Edit::DependentsHint => {
            out.write_str("提示：先修改它们的 `after`，或加上 --force 把这些 id 从中去掉")
        }
        Edit::UnderItself { name } => write!(out, "不能把 {name} 移到它自己或它的子任务下面"),
        Edit::BesideItself { name } => write!(out, "不能把 {name} 放在它自己的前面或后面"),
        Edit::WhichFile { files, first } => write!(
            out,
            "计划集中有 {files} 个文件；`.` 需要知道是哪一个\n提示：也用 -f 指明它，例如 `wbs -f plans -f {first} …`，或用它的序号（1 到 {files}）代替 `.`"
        ),
        Edit::NotASubtask { name, parent } => write!(out, "{name} 不是 {parent} 的子任务"),
        Edit::BeforeHint { new_task } => write!(
            out,
            "提示：`--before` 指定的是{}之一，任务放在它前面",
            list(*new_task)
        ),
        Edit::AfterHint {
            new_task,
            name,
            wait,
        } => {
            write!(
                out,
                "提示：`--after` 指定任务在{}中的位置，不是计划中的 `after:`（依赖）。要让任务等 {name} 完成后再开始，",
                list(*new_task)
            )?;
            edit(wait, out)
        }
        Edit::WaitWithSet { id } => write!(out, "请改用 --set after={id}"),
        Edit::WaitWithUpdate { task, id } => {
            write!(out, "请改为运行 `wbs update {task} --set after={id}`")
        }
        Edit::WaitGiveId { code } => write!(
            out,
            "先给它一个 id（`wbs update {code} --set id=ID`），再用 --set after=ID"
        ),
        Edit::TopLevelOf { file } => write!(out, "{file} 的顶层"),
        Edit::RowsAlreadyAsPlan => out.write_str("每一行都已与计划一致；没有改动"),
        Edit::RowPlace { row, line, sheet } => match (row, sheet) {
            (0, false) => write!(out, "表头（第 {line} 行）"),
            (n, false) => write!(out, "第 {n} 条（第 {line} 行）"),
            (0, true) => write!(out, "表头（工作表第 {line} 行）"),
            (_, true) => write!(out, "工作表第 {line} 行"),
        },
        Edit::RowsCannotApply { header, rows } => {
            match (header, rows) {
                (true, 0) => out.write_str("表头有误")?,
                (true, n) => write!(out, "表头和 {n} 行数据无法应用")?,
                (false, n) => write!(out, "{n} 行数据无法应用")?,
            }
            out.write_str("；没有改动")
        }
    }
}

pub(in crate::i18n) fn field(error: &FieldError, out: &mut Formatter<'_>) -> fmt::Result {
    match error {
        FieldError::ChangedTwice { key } => {
            write!(out, "`{key}` 被修改了两次；每个字段只能给一次")
        }
        FieldError::EmptyTitle => out.write_str("标题不能为空"),
        FieldError::BadId { text } => write!(
            out,
            "`{text}` 不是 id：id 由字母、数字、`-`、`_` 和 `.` 组成，不能只有数字和点"
        ),
        FieldError::NotAnId { text } => write!(out, "`{text}` 不是 id"),
        FieldError::CannotSet { key } => write!(out, "`{key}` 不能这样设置"),
        FieldError::NotANumber => out.write_str("不是数字"),
        FieldError::NotAProgress { text } => write!(out, "`{text}` 不是 0 到 100 之间的进度"),
        FieldError::ListOfStrings => out.write_str("这里需要字符串列表"),
        FieldError::CannotBe { key, value } => write!(out, "`{key}` 不能是 {value}"),
        FieldError::TitleRequired => out.write_str("每个任务都需要标题；标题不能删除"),
        FieldError::SubtasksRemoved => out.write_str("子任务要用 `wbs rm` 删除"),
        FieldError::SubtasksChanged => {
            out.write_str("子任务要用 `wbs add`、`wbs rm` 和 `wbs mv` 修改")
        }
        FieldError::NoTag { text } => {
            write!(out, "`{text}` 没有给出标签；用 `+标签` 添加，`-标签` 去掉")
        }
        FieldError::NotAField { key, near } => match near {
            Some(name) => write!(out, "`{key}` 不是任务字段；是不是想写 `{name}`？"),
            None => write!(out, "`{key}` 不是任务字段（x-… 键可以自由使用）"),
        },
        FieldError::NotAStatus { text, near } => match near {
            Some(status) => write!(
                out,
                "`{text}` 不是状态；是不是想写 `{status}`？（状态有 `todo`、`in-progress`、`blocked`、`done`、`cancelled`，区分大小写）"
            ),
            None => write!(
                out,
                "`{text}` 不是状态；请使用 `todo`、`in-progress`、`blocked`、`done` 或 `cancelled`"
            ),
        },
        FieldError::NotADate { text } => write!(out, "`{text}` 不是日期；请写成 `YYYY-MM-DD`"),
        FieldError::NotAnEffort { text } => {
            write!(
                out,
                "`{text}` 不是工作量；请写成数字加 h、d 或 w，例如 1.5d"
            )
        }
        FieldError::List { message } => write!(out, "列表无法读取：{message}"),
    }
}

pub(in crate::i18n) fn derived(why: Derived) -> &'static str {
    match why {
        Derived::ParentStatus => {
            "父任务的状态由子任务汇总而来：请设置子任务的状态（父任务上只能设置 `cancelled`）"
        }
        Derived::ParentProgress => "父任务的进度由子任务汇总而来",
        Derived::ParentEffort => "父任务的工作量是子任务工作量之和",
        Derived::ParentStart => "没有自己开始日期的父任务取子任务中最早的开始日期",
        Derived::ParentDue => "没有自己截止日期的父任务取子任务中最晚的截止日期",
        Derived::CancelledWithParent => "这个任务随父任务一起取消",
    }
}

pub(in crate::i18n) fn row(message: &RowText, out: &mut Formatter<'_>) -> fmt::Result {
    match message {
        RowText::NoRows { input } => write!(out, "{input}：没有可应用的行；没有改动"),
        RowText::At {
            input,
            place,
            message,
        } => write!(out, "{input}：{place}：{message}"),
        RowText::Note { text } => write!(out, "注：{text}"),
        RowText::DerivedCell { key, name, why } => write!(
            out,
            "{name} 的 `{key}`：{}；这个单元格不会改动任何内容",
            derived(*why)
        ),
        RowText::LeafField { task, key } => write!(
            out,
            "[leaf-field-on-parent] {task} 有子任务，它的 `{key}` 由子任务得出"
        ),
        RowText::ChangedTwice { key, task, other } => write!(
            out,
            "第 {other} 条也修改了 {task} 的 `{key}`，而且改成了不同的值"
        ),
        RowText::UnknownCode { code } => write!(out, "没有任务的 WBS 编号是 `{code}`"),
        RowText::UnknownId { id, suggestion } => {
            write!(out, "没有任务的 id 是 `{id}`")?;
            match suggestion {
                Some(near) => write!(out, "；是不是想写 `{near}`？"),
                None => Ok(()),
            }
        }
        RowText::Blamed {
            code,
            message,
            help,
            file,
            line,
        } => {
            write!(out, "[{code}] {message}")?;
            if let Some(help) = help {
                write!(out, "；{help}")?;
            }
            write!(out, "（应用这些行之后，位于 {file} 第 {line} 行）")
        }
        RowText::ApplyAgain {
            key,
            value,
            code,
            now,
        } => write!(
            out,
            "`{key}` 写的是 `{value}`，但加上表中其他改动后 {code} 会显示 `{now}`，再次应用这张表还会改动它；请写成 `{now}` 或清空这个单元格"
        ),
        RowText::NotUtf8 { input, line } => write!(
            out,
            "`{input}` 不是 UTF-8 文本（第一个无效字节在第 {line} 行）；没有改动\n提示：在电子表格程序中另存为 \"CSV UTF-8\"（Excel：文件 › 另存为 › CSV UTF-8），或转换编码，例如 `iconv -f GBK -t UTF-8`"
        ),
        RowText::NotJson { error } => write!(out, "不是 JSON：`{error}`"),
        RowText::NotObject => out.write_str("每一行必须是一个 JSON 对象"),
        RowText::NeedsId => out.write_str("每一行都需要 `id`（任务的 id 或 WBS 编号，写成字符串）"),
        RowText::ChangesNothing => out.write_str("这一行没有改动任何内容"),
        RowText::CannotReadHeader { error } => write!(out, "无法读取 CSV 表头：`{error}`"),
        RowText::NotCsv { error } => write!(out, "不是 CSV：`{error}`"),
        RowText::HeaderNeedsId { sheet } => write!(
            out,
            "{}需要 `id` 列（或 `code` 列），例如 `id,status,due`",
            if *sheet { "表头行" } else { "CSV 表头" }
        ),
        RowText::ColumnTwice { name } => write!(out, "`{name}` 列出现了两次"),
        RowText::ColumnError { name, message } => {
            write!(out, "`{name}` 列：")?;
            field(message, out)
        }
        RowText::Cell { key, message } => {
            write!(out, "{key}：")?;
            field(message, out)
        }
        RowText::EmptyId => out.write_str("`id` 单元格是空的"),
        RowText::NoHeader { column } => write!(out, "第 {column} 列没有表头"),
    }
}

/// `（连同 2 个子任务）` after a task that has subtasks.
fn subtasks(out: &mut Formatter<'_>, below: usize) -> fmt::Result {
    match below {
        0 => Ok(()),
        n => write!(out, "（连同 {n} 个子任务）"),
    }
}

/// The list `--before`/`--after` choose from.
fn list(new_task: bool) -> &'static str {
    match new_task {
        true => " `PARENT` 的子任务",
        false => "新上级的子任务",
    }
}
