//! Chinese text of what `wbs import` says. Quoted input text, field names
//! and commands stay as they are.

use std::fmt::{self, Formatter};

use crate::i18n::import::{
    CellProblem, ColumnUse, ImportFailure, Line, Part, ReadAs, ReadFailure, Said, TableName,
    Unused, Word,
};
use crate::import::outline::Place;

pub(in crate::i18n) fn word(word: Word) -> &'static str {
    match word {
        Word::TheTree => "任务树",
    }
}

pub(in crate::i18n) fn unused(why: Unused) -> &'static str {
    match why {
        Unused::NoSuchField => "没有这个名字的字段",
        Unused::Derived => "这个值由 wbs 推算",
        Unused::Dependencies => "不导入依赖关系；请在计划中添加 `after:`",
        Unused::SameBefore => "前面已有一列表示同样的内容",
        Unused::LevelsGiveTree => "任务树由层级列给出",
        Unused::LevelsHoldTitles => "标题在层级列中",
        Unused::CodeGivesTree => "任务树由编号列给出",
    }
}

pub(in crate::i18n) fn cell_problem(problem: CellProblem) -> &'static str {
    match problem {
        CellProblem::NotId => "不是 id（只能用字母、数字、-、_ 和 .）；将由标题生成一个",
        CellProblem::NotStatus => {
            "不是状态：请写 todo/待办、in-progress/进行中、blocked/受阻、done/已完成 或 cancelled/已取消"
        }
        CellProblem::NotDate => "不是日期：请写成 YYYY-MM-DD",
        CellProblem::NotCalendarDay => "不是日历上的日期",
        CellProblem::NotPercentage => "不是 0 到 100 之间的百分数",
        CellProblem::NotEffort => "不是工作量：请写数字加 h、d 或 w（4h、3d、2w）",
        CellProblem::NoUnit => {
            "没有单位：请写 h、d 或 w（4h、3d、2w），或在表头中写明单位，例如 工作量（人天）"
        }
    }
}

pub(in crate::i18n) fn place(place: Place, out: &mut Formatter<'_>) -> fmt::Result {
    match place {
        Place::Line(n) => write!(out, "第 {n} 行"),
        Place::Row(n) => write!(out, "第 {n} 行"),
    }
}

pub(in crate::i18n) fn read_as(read_as: &ReadAs, out: &mut Formatter<'_>) -> fmt::Result {
    match read_as {
        ReadAs::Markdown => out.write_str("markdown 文档"),
        ReadAs::Csv { separator, bom } => {
            let separator = match separator {
                '\t' => "制表符".to_owned(),
                other => format!("`{other}`"),
            };
            let bom = if *bom { "，带字节顺序标记" } else { "" };
            write!(out, "CSV，以 {separator} 分隔，UTF-8{bom}")
        }
        ReadAs::Sheet { name, sheets } => {
            write!(out, "xlsx 工作簿的工作表 {name}")?;
            match sheets {
                1 => Ok(()),
                n => write!(out, "；共 {n} 个工作表，只读取第一个"),
            }
        }
    }
}

pub(in crate::i18n) fn table_name(table: &TableName, out: &mut Formatter<'_>) -> fmt::Result {
    match table {
        TableName::At { place: p, under } => {
            if let Some(under) = under {
                write!(out, "{under} 下")?;
            }
            place(*p, out)?;
            out.write_str("的表格")
        }
        TableName::File => out.write_str("表格"),
        TableName::Sheet => out.write_str("工作表"),
    }
}

pub(in crate::i18n) fn column_use(column: &ColumnUse, out: &mut Formatter<'_>) -> fmt::Result {
    match column {
        ColumnUse::Tasks { header, tasks } => write!(out, "{header}：{tasks} 个任务"),
        ColumnUse::FlatTasks { header, tasks } => write!(
            out,
            "{header}：{tasks} 个任务（没有层级、编号或大纲级别列：平铺列表）"
        ),
        ColumnUse::Tree { header } => write!(out, "{header} → {}", word(Word::TheTree)),
        ColumnUse::Field { header, field } => write!(out, "{header} → {field}"),
    }
}

pub(in crate::i18n) fn part(part: &Part, out: &mut Formatter<'_>) -> fmt::Result {
    match part {
        Part::Headings { tasks } => write!(out, "标题：{tasks} 个任务"),
        Part::ListItems { tasks } => write!(out, "列表项：{tasks} 个任务"),
        Part::Table {
            table,
            rows,
            columns,
        } => {
            table_name(table, out)?;
            write!(out, "：{rows} 行；")?;
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    out.write_str("，")?;
                }
                column_use(column, out)?;
            }
            Ok(())
        }
    }
}

/// `（第一处在第 3 行数据）`, or nothing.
fn first(out: &mut Formatter<'_>, at: &Option<Place>) -> fmt::Result {
    match at {
        Some(at) => {
            out.write_str("（第一处在")?;
            place(*at, out)?;
            out.write_str("）")
        }
        None => Ok(()),
    }
}

pub(in crate::i18n) fn said(said: &Said, out: &mut Formatter<'_>) -> fmt::Result {
    match said {
        Said::AboveHeader => out.write_str("在表头行之上"),
        Said::CodeBlock => out.write_str("代码块；其中的文字不作为任务读取"),
        Said::EmptyHeading => out.write_str("空标题；其后的内容留在原处"),
        Said::EmptyListItem => out.write_str("空列表项"),
        Said::LabelUnder { label, parent } => {
            write!(out, "{label} 是标签：其下各项归入 {parent}，标签写入其备注")
        }
        Said::LabelAtTop { label } => write!(out, "{label} 是标签：其下各项放在顶层"),
        Said::LabelAlone { label } => write!(out, "{label} 是标签，但下面没有内容"),
        Said::BeforeFirstHeading { text } => write!(out, "{text}：第一个标题之前的文字"),
        Said::Description { text } => write!(out, "{text}：计划的说明"),
        Said::TableUnread { why } => write!(out, "表格：{}", crate::i18n::Lang::Zh.show(why)),
        Said::IdTakenBeside { id } => {
            write!(
                out,
                "id {id} 已被同一文件夹中的另一个计划使用；已另生成一个"
            )
        }
        Said::IdOnRowAbove { id } => write!(out, "id {id} 在上面的行中已出现；已另生成一个"),
        Said::ProgressOnDone { progress } => {
            write!(out, "已完成的任务进度却是 {progress}%；已完成的任务是 100%")
        }
        Said::StartAfterDue { start, due } => {
            write!(out, "开始日期 {start} 晚于截止日期 {due}；已去掉开始日期")
        }
        Said::ParentFieldLeftOut {
            field,
            tasks,
            first: at,
        } => {
            write!(out, "{tasks} 个有子任务的任务")?;
            first(out, at)?;
            write!(out, "的 {field} 已去掉：wbs 会由子任务汇总")
        }
        Said::StatusFromProgress { tasks, first: at } => {
            write!(out, "{tasks} 个任务")?;
            first(out, at)?;
            out.write_str("有进度但没有状态：进度 100% 的记为 done，其余记为 in-progress")
        }
        Said::SameTasksAsRowAbove { table, rows } => {
            table_name(table, out)?;
            write!(
                out,
                "：{rows} 行与上一行指向相同的任务；其字段已写入这些任务"
            )
        }
        Said::ColumnUnused { table, header, why } => {
            table_name(table, out)?;
            write!(out, "：列 {header}：{}", crate::i18n::Lang::Zh.phrase(*why))
        }
        Said::NoTaskInLevels => out.write_str("层级列中没有任务；已跳过这一行"),
        Said::BlankLevel { header } => write!(
            out,
            "{header} 为空，且上方没有这一层级的任务；后面的内容上移一级"
        ),
        Said::SeveralTasksInCell {
            header,
            tasks,
            last,
        } => write!(
            out,
            "{header} 中有 {tasks} 个任务；这一行其余内容归入最后一个 {last}"
        ),
        Said::FieldsToEach { tasks } => {
            write!(out, "这一行的字段写入它的每个任务（共 {tasks} 个）")
        }
        Said::NotACode { code } => {
            write!(out, "{code} 不是 2.1.3 这样的编号；任务放在顶层")
        }
        Said::ParentCodeMissingUnder {
            parent,
            code,
            under,
        } => write!(out, "上方没有编号为 {parent} 的行；{code} 归入 {under}"),
        Said::ParentCodeMissingTop { parent, code } => {
            write!(out, "上方没有编号为 {parent} 的行；{code} 放在顶层")
        }
        Said::CodeTwice { code } => write!(
            out,
            "编号 {code} 在上面的行中已出现；其下编号更长的行归入这一行"
        ),
        Said::CodesAsNumbers { header, rows } => write!(
            out,
            "{header} 在 {rows} 行中是数字（从这里开始）：其中 2.10 会读成 2.1；请把编号列设为文本格式"
        ),
        Said::NotALevel { header, text } => {
            write!(out, "{header} {text} 不是层级（顶层为 1）；已跳过这一行")
        }
        Said::LevelJump { level, above } => write!(
            out,
            "第 {level} 级紧跟在第 {above} 级之后；任务放在其下一级"
        ),
        Said::BlankTitle { header } => write!(out, "{header} 为空；已跳过这一行"),
        Said::BadCell {
            header,
            text,
            problem,
        } => write!(out, "{header} {text} {}", cell_problem(*problem)),
        Said::FieldsClash { fields, title } => {
            write!(out, "{title} 的 {fields} 已由上面的行给出；保留第一个")
        }
    }
}

fn placed(out: &mut Formatter<'_>, at: &Option<Place>, what: &Said) -> fmt::Result {
    if let Some(at) = at {
        place(*at, out)?;
        out.write_str("：")?;
    }
    said(what, out)
}

pub(in crate::i18n) fn line(line: &Line, out: &mut Formatter<'_>) -> fmt::Result {
    match line {
        Line::Read { source, read_as: r } => {
            write!(out, "已读取 {source}（")?;
            read_as(r, out)?;
            out.write_str("）")
        }
        Line::Levels { total, per_level } => {
            write!(out, "共 {total} 个任务（")?;
            for (i, n) in per_level.iter().enumerate() {
                if i > 0 {
                    out.write_str("，")?;
                }
                write!(out, "第 {} 级：{n}", i + 1)?;
            }
            out.write_str("）")
        }
        Line::Note { place: at, said: s } => {
            out.write_str("注：")?;
            placed(out, at, s)
        }
        Line::MoreNotes { hidden } => write!(out, "……另有 {hidden} 条注"),
        Line::Skipped { count } => write!(out, "已跳过（{count}）："),
        Line::SkippedItem { place: at, said: s } => placed(out, at, s),
        Line::MoreSkipped { hidden } => {
            write!(out, "……另有 {hidden} 处；修正这些后再导入即可看到")
        }
        Line::Wrote { path, tasks, next } => {
            write!(out, "已写入 {path}（{tasks} 个任务）\n下一步：{next}")
        }
    }
}

/// 给 CSV 不是 UTF-8 的人的建议。
const SAVE_AS_UTF8: &str = "请另存为 CSV UTF-8（Excel：文件 › 另存为 › “CSV UTF-8（逗号分隔）”；WPS：另存为 › CSV，编码 UTF-8）";

pub(in crate::i18n) fn read_failure(failure: &ReadFailure, out: &mut Formatter<'_>) -> fmt::Result {
    match failure {
        ReadFailure::Yaml => out.write_str(
            "这是 YAML：计划文件直接使用（`wbs check -f 文件`），不需要导入",
        ),
        ReadFailure::OtherSpreadsheet { extension } => write!(
            out,
            "wbs 读取 .xlsx 工作簿，不读取 .{extension}：请先另存为 .xlsx（Excel 工作簿）或 CSV UTF-8"
        ),
        ReadFailure::Utf16 => write!(out, "文件是 UTF-16 文本，不是 UTF-8：{SAVE_AS_UTF8}"),
        ReadFailure::NotUtf8Csv { line } => write!(
            out,
            "第 {line} 行不是 UTF-8 文本（文件可能是 GBK 或其他本地编码）：{SAVE_AS_UTF8}"
        ),
        ReadFailure::NotUtf8Document { line } => {
            write!(out, "第 {line} 行不是 UTF-8 文本：请把文档另存为 UTF-8")
        }
        ReadFailure::NotCsv { line, error } => write!(out, "第 {line} 行不是 CSV：{error}"),
        ReadFailure::NoTree { found } => write!(
            out,
            "没有一列说明任务在树中的位置（{}）：请把层级列命名为 一级任务、二级任务……或 Level 1、Level 2……，或者用一列标题（任务、title）加上 WBS 编号（编号、WBS）或大纲级别（层级、level）",
            if found.is_empty() {
                "没有列名".to_owned()
            } else {
                format!("现有 {}", found.join("、"))
            }
        ),
        ReadFailure::NoHeaderRow => out.write_str("没有表头行"),
        ReadFailure::TooDeep { depth, max } => write!(
            out,
            "任务树有 {depth} 层；计划最多 {max} 层：请把最深的分支改为顶层任务或单独的计划"
        ),
        ReadFailure::NoTasks => out.write_str(
            "没有找到任务：文档需要标题、列表项，或带 一级任务/二级任务……列的表格；表格需要标题列或层级列，以及数据行",
        ),
        ReadFailure::NotXlsx { error } => write!(
            out,
            "不是 xlsx 工作簿（{error}）；请在 Excel 或 WPS 中另存为 .xlsx"
        ),
        ReadFailure::Unpacks { unpacked, max } => write!(
            out,
            "工作簿解压后有 {unpacked} 字节，超过 {max}（WBS_MAX_BYTES）"
        ),
        ReadFailure::NoSheet => out.write_str("工作簿中没有工作表"),
        ReadFailure::CannotReadSheet { name, error } => {
            write!(out, "无法读取工作表 `{name}`：{error}")
        }
        ReadFailure::CannotReadMerged { name, error } => {
            write!(out, "无法读取 `{name}` 的合并单元格：{error}")
        }
    }
}

pub(in crate::i18n) fn import_failure(
    failure: &ImportFailure,
    out: &mut Formatter<'_>,
) -> fmt::Result {
    match failure {
        ImportFailure::Detect { input, why } => {
            write!(out, "`{input}`：{}", crate::i18n::Lang::Zh.show(why))
        }
        ImportFailure::Read { input, why } => {
            write!(
                out,
                "无法导入 `{input}`：{}",
                crate::i18n::Lang::Zh.show(why)
            )
        }
    }
}
