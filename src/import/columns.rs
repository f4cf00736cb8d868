//! What a table's column means, read from its header: a level of the
//! tree (一级任务, Level 1), a WBS code, an outline level, the title, or a
//! plan field named in Chinese or English.

/// A plan field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Owner,
    Status,
    Progress,
    Start,
    Due,
    /// With the unit a bare number in the column is in, when the header
    /// says it (工作量（人天）, effort (h)).
    Effort(Option<char>),
    Tags,
    Notes,
}

impl Field {
    /// The field's name in the plan.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Progress => "progress",
            Field::Start => "start",
            Field::Due => "due",
            Field::Effort(_) => "effort",
            Field::Tags => "tags",
            Field::Notes => "notes",
        }
    }
}

/// What a column is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A level of the tree, 1 for the top: 一级任务, 二级任务, Level 2.
    Level(u32),
    /// A WBS code such as `2.1.3`, which places the row in the tree.
    Code,
    /// A number giving the row's depth (1 for the top).
    OutlineLevel,
    /// The task's title, in a table whose tree comes from a code or an
    /// outline level (or a flat list).
    Title,
    Field(Field),
    /// A value wbs derives (a column of its own CSV export): not read.
    Derived,
    /// Dependencies (`after`, 前置任务): not read, as they name other rows
    /// in ways no two tools agree on.
    Dependencies,
}

const TITLE: &[&str] = &[
    "title",
    "name",
    "task",
    "tasks",
    "taskname",
    "summary",
    "item",
    "任务",
    "任务名称",
    "任务名",
    "名称",
    "标题",
    "工作",
    "工作项",
    "工作事项",
    "工作内容",
    "工作任务",
    "事项",
];
const CODE: &[&str] = &[
    "code",
    "wbs",
    "wbscode",
    "wbsno",
    "wbsno.",
    "wbsnumber",
    "wbs编码",
    "wbs编号",
    "wbs代码",
    "outlinenumber",
    "编码",
    "编号",
    "序号",
];
const OUTLINE_LEVEL: &[&str] = &[
    "level",
    "outlinelevel",
    "depth",
    "层级",
    "级别",
    "层次",
    "大纲级别",
];
const ID: &[&str] = &["id", "taskid", "任务id", "标识"];
const OWNER: &[&str] = &[
    "owner",
    "assignee",
    "assignedto",
    "responsible",
    "resourcenames",
    "负责人",
    "责任人",
    "执行人",
    "承办人",
    "负责部门",
    "责任部门",
    "责任单位",
    "负责单位",
    "牵头部门",
    "牵头单位",
];
const STATUS: &[&str] = &[
    "status",
    "state",
    "状态",
    "任务状态",
    "完成状态",
    "当前状态",
];
const PROGRESS: &[&str] = &[
    "progress",
    "%complete",
    "percentcomplete",
    "complete",
    "进度",
    "完成度",
    "完成率",
    "完成进度",
    "完成百分比",
];
const START: &[&str] = &[
    "start",
    "startdate",
    "begin",
    "开始",
    "开始日期",
    "开始时间",
    "计划开始",
    "计划开始日期",
    "计划开始时间",
    "起始日期",
];
const DUE: &[&str] = &[
    "due",
    "duedate",
    "finish",
    "finishdate",
    "end",
    "enddate",
    "deadline",
    "截止",
    "截止日期",
    "截止时间",
    "计划完成",
    "计划完成日期",
    "计划完成时间",
    "计划结束",
    "计划结束日期",
    "完成日期",
    "完成时间",
    "结束",
    "结束日期",
    "结束时间",
    "期限",
    "完成时限",
];
const EFFORT: &[&str] = &[
    "effort",
    "work",
    "estimate",
    "工作量",
    "工时",
    "预计工时",
    "估算",
    "人天",
    "人日",
];
const TAGS: &[&str] = &["tags", "tag", "labels", "label", "标签"];
const NOTES: &[&str] = &[
    "notes",
    "note",
    "remarks",
    "remark",
    "comment",
    "comments",
    "description",
    "备注",
    "说明",
    "描述",
    "注释",
];
const DEPENDENCIES: &[&str] = &[
    "after",
    "dependson",
    "dependencies",
    "predecessors",
    "前置任务",
    "紧前任务",
    "依赖",
];
/// The columns of `wbs list`/`export --format csv` that are derived.
const DERIVED: &[&str] = &[
    "effort_hours",
    "leaf",
    "overdue",
    "due_soon",
    "file",
    "line",
];

/// What the column headed `header` is for; `None` for a column wbs has
/// no use for.
pub fn classify(header: &str) -> Option<Role> {
    let (name, aside) = normalize(header);
    if name.is_empty() {
        return None;
    }
    if DERIVED.contains(&header.trim().to_lowercase().as_str()) {
        return Some(Role::Derived);
    }
    if let Some(level) = level_of(&name) {
        return Some(Role::Level(level));
    }
    let is = |names: &[&str]| names.contains(&name.as_str());
    Some(if is(TITLE) {
        Role::Title
    } else if is(CODE) {
        Role::Code
    } else if is(OUTLINE_LEVEL) {
        Role::OutlineLevel
    } else if is(ID) {
        Role::Field(Field::Id)
    } else if is(OWNER) {
        Role::Field(Field::Owner)
    } else if is(STATUS) {
        Role::Field(Field::Status)
    } else if is(PROGRESS) {
        Role::Field(Field::Progress)
    } else if is(START) {
        Role::Field(Field::Start)
    } else if is(DUE) {
        Role::Field(Field::Due)
    } else if is(EFFORT) {
        Role::Field(Field::Effort(effort_unit(&name, &aside)))
    } else if is(TAGS) {
        Role::Field(Field::Tags)
    } else if is(NOTES) {
        Role::Field(Field::Notes)
    } else if is(DEPENDENCIES) {
        Role::Dependencies
    } else {
        return None;
    })
}

/// The header without emphasis, case, spaces, `_`, `-` and a trailing
/// remark in brackets (三级任务（最细粒度） → 三级任务), and the remark.
fn normalize(header: &str) -> (String, String) {
    let mut text = header.trim().replace(['*', '`'], "");
    let mut aside = String::new();
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']'), ('【', '】')] {
        if text.ends_with(close)
            && let Some(at) = text.rfind(open)
            && at > 0
        {
            aside = text[at + open.len_utf8()..text.len() - close.len_utf8()].to_lowercase();
            text.truncate(at);
            break;
        }
    }
    let name = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    (name, aside)
}

/// 一级任务, 二级, 第3级工作, level1, lvl 2, L3 → the level.
fn level_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('第').unwrap_or(name);
    if let Some(at) = rest.find('级') {
        let number = &rest[..at];
        return chinese_number(number).or_else(|| number.parse().ok().filter(|&n| n > 0));
    }
    for prefix in ["level", "lvl", "l"] {
        if let Some(digits) = name.strip_prefix(prefix) {
            let end = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            // `level1`, `level1task`; `l1` only alone (not `line1`).
            if end > 0 && (prefix != "l" || end == digits.len()) {
                return digits[..end].parse().ok().filter(|&n| n > 0);
            }
        }
    }
    None
}

/// 一 … 十 (a level deeper than ten is not a breakdown anyone writes).
fn chinese_number(text: &str) -> Option<u32> {
    const DIGITS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    DIGITS.iter().position(|d| *d == text).map(|i| i as u32 + 1)
}

/// The unit of bare numbers in an effort column, from its header:
/// 人天/days → d, 工时/hours → h, 周/weeks → w.
fn effort_unit(name: &str, aside: &str) -> Option<char> {
    let says = |words: &[&str]| {
        words
            .iter()
            .any(|w| aside == *w || (!w.is_ascii() && aside.contains(w)))
    };
    if says(&["人天", "人日", "天", "日", "days", "day", "d"]) || matches!(name, "人天" | "人日")
    {
        Some('d')
    } else if says(&["小时", "工时", "hours", "hour", "hrs", "h"]) || name == "工时" {
        Some('h')
    } else if says(&["周", "weeks", "week", "w"]) {
        Some('w')
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_chinese_and_english() {
        for (header, level) in [
            ("一级任务", 1),
            ("二级任务", 2),
            ("三级任务（最细粒度）", 3),
            ("**三级任务**", 3),
            ("第四级", 4),
            ("1级任务", 1),
            ("Level 1", 1),
            ("level2", 2),
            ("Level 3 task", 3),
            ("LVL 2", 2),
            ("L3", 3),
        ] {
            assert_eq!(classify(header), Some(Role::Level(level)), "{header}");
        }
        assert_eq!(classify("Level"), Some(Role::OutlineLevel));
        assert_eq!(classify("Line 3"), None);
        assert_eq!(classify("零级"), None);
    }

    #[test]
    fn fields_by_name() {
        for (header, field) in [
            ("负责人", Field::Owner),
            ("责任人", Field::Owner),
            ("Owner", Field::Owner),
            ("状态", Field::Status),
            ("Status", Field::Status),
            ("进度", Field::Progress),
            ("% Complete", Field::Progress),
            ("开始", Field::Start),
            ("Start date", Field::Start),
            ("截止", Field::Due),
            ("计划完成", Field::Due),
            ("due_date", Field::Due),
            ("工作量", Field::Effort(None)),
            ("工作量（人天）", Field::Effort(Some('d'))),
            ("Effort (h)", Field::Effort(Some('h'))),
            ("工时", Field::Effort(Some('h'))),
            ("标签", Field::Tags),
            ("备注", Field::Notes),
            ("ID", Field::Id),
        ] {
            assert_eq!(classify(header), Some(Role::Field(field)), "{header}");
        }
        assert_eq!(classify("WBS"), Some(Role::Code));
        assert_eq!(classify("编号"), Some(Role::Code));
        assert_eq!(classify("任务名称"), Some(Role::Title));
        assert_eq!(classify("effort_hours"), Some(Role::Derived));
        assert_eq!(classify("颜色"), None);
        assert_eq!(classify(""), None);
    }
}
