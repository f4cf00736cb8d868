//! Titles out of document text: numbering and bullet marks stripped,
//! several items of one cell split apart, `标题：说明` split into a title
//! and notes.

/// The text on one line, runs of white space made one space.
pub fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading without its numbering: `2.1 研发组` → `研发组`, `1. 领导组`,
/// `一、总则`, `（二）推广`, `第三章 实施` likewise. A number that is the
/// title's own (`2026 年度计划`) stays.
pub fn strip_numbering(text: &str) -> String {
    let text = clean(text);
    let stripped = numbering_end(&text).map_or(text.as_str(), |end| text[end..].trim_start());
    if stripped.is_empty() {
        text
    } else {
        stripped.to_owned()
    }
}

/// Where a heading's numbering ends, if it has one.
fn numbering_end(text: &str) -> Option<usize> {
    const CHINESE: &str = "一二三四五六七八九十百零〇";
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    // 第三章 / 第3节 / 第一部分
    if at(0) == Some('第') {
        let mut i = 1;
        while at(i).is_some_and(|c| c.is_ascii_digit() || CHINESE.contains(c)) {
            i += 1;
        }
        if i > 1 && at(i).is_some_and(|c| "章节部分篇条".contains(c)) {
            i += 1;
            if at(i) == Some('分') {
                i += 1;
            }
            return Some(offset(i));
        }
        return None;
    }
    // （一） (1) （1）
    if matches!(at(0), Some('（' | '(')) {
        let mut i = 1;
        while at(i).is_some_and(|c| c.is_ascii_digit() || CHINESE.contains(c)) {
            i += 1;
        }
        return (i > 1 && matches!(at(i), Some('）' | ')'))).then(|| offset(i + 1));
    }
    // 一、 二.
    if at(0).is_some_and(|c| CHINESE.contains(c)) {
        let mut i = 0;
        while at(i).is_some_and(|c| CHINESE.contains(c)) {
            i += 1;
        }
        return matches!(at(i), Some('、' | '.' | '．')).then(|| offset(i + 1));
    }
    // 1. / 1、 / 1) / 2.1 / 2.1. / 2.2.1
    let mut i = 0;
    let mut groups = 0;
    let mut digits = 0;
    loop {
        let start = i;
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            break;
        }
        groups += 1;
        digits = i - start;
        if at(i) == Some('.') && at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        break;
    }
    if groups == 0 {
        return None;
    }
    match at(i) {
        Some('.' | '、' | ')' | '）' | '．') => Some(offset(i + 1)),
        // `2.1 研发组`; a lone number only when short (`1 领导组`, not
        // `2026 年度计划`).
        Some(c) if c.is_whitespace() && (groups > 1 || digits <= 2) => Some(offset(i)),
        _ => None,
    }
}

/// One item of a cell or a list without its bullet mark: `- a`, `• a`,
/// `1. a`, `1、a`, `(1) a`, `① a`.
pub fn strip_bullet(text: &str) -> &str {
    let text = text.trim();
    if matches!(text, "-" | "*" | "+" | "•") {
        return "";
    }
    for mark in ["- ", "* ", "+ ", "• ", "·", "・", "•", "▪", "◦"] {
        if let Some(rest) = text.strip_prefix(mark) {
            return rest.trim_start();
        }
    }
    if let Some(first) = text.chars().next()
        && ('①'..='⑳').contains(&first)
    {
        return text[first.len_utf8()..].trim_start();
    }
    match numbering_end(text) {
        // Only list-like numbering: `1.`, `1、`, `(1)`, not `2.1 x`.
        Some(end)
            if text[..end]
                .trim_end()
                .ends_with(['.', '、', ')', '）', '．']) =>
        {
            text[end..].trim_start()
        }
        _ => text,
    }
}

/// The items of one cell: it is split at line breaks (a `<br>` has become
/// one), each item loses its bullet mark, and empty ones are dropped.
pub fn split_items(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| clean(strip_bullet(line)))
        .filter(|item| !item.is_empty())
        .collect()
}

/// `标题：说明` → the title and its notes. Splits at the first full-width
/// colon, or an ASCII colon followed by a space, when there is text on
/// both sides and the part before is short enough to be a title (so a
/// sentence with a colon stays whole).
pub fn split_title_notes(text: &str) -> (String, Option<String>) {
    const MAX_TITLE_CHARS: usize = 30;
    let at = text
        .find('：')
        .map(|at| (at, '：'.len_utf8()))
        .into_iter()
        .chain(text.find(": ").map(|at| (at, 1)))
        .min();
    if let Some((at, width)) = at {
        let (title, notes) = (text[..at].trim(), text[at + width..].trim());
        if !title.is_empty() && !notes.is_empty() && title.chars().count() <= MAX_TITLE_CHARS {
            return (title.to_owned(), Some(notes.to_owned()));
        }
    }
    (text.trim().to_owned(), None)
}

/// A label such as `主要职责：` or `Duties:` (text that ends in a colon)
/// gives its name; anything else `None`.
pub fn label(text: &str) -> Option<&str> {
    let name = text.trim().strip_suffix(['：', ':'])?.trim_end();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_stripped_from_headings() {
        for (heading, title) in [
            ("1. 领导组", "领导组"),
            ("2.1 营销行业联合推进组", "营销行业联合推进组"),
            ("2.2.1 平台工具小组", "平台工具小组"),
            ("2.2.1. 平台工具小组", "平台工具小组"),
            ("一、总则", "总则"),
            ("（二）推广", "推广"),
            ("(3) Pilot", "Pilot"),
            ("第三章 实施", "实施"),
            ("第一部分 背景", "背景"),
            ("1 领导组", "领导组"),
            ("2026 年度计划", "2026 年度计划"),
            ("3D 打印", "3D 打印"),
            ("一级任务", "一级任务"),
            ("1.", "1."),
        ] {
            assert_eq!(strip_numbering(heading), title, "{heading}");
        }
    }

    #[test]
    fn cells_split_into_items() {
        assert_eq!(
            split_items("- 制定标准<br>- 招募成员".replace("<br>", "\n").as_str()),
            ["制定标准", "招募成员"]
        );
        assert_eq!(
            split_items("1. a\n2、b\n(3) c\n① d\n• e"),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(split_items(" \n- \n"), Vec::<String>::new());
        assert_eq!(split_items("2.1 版本"), ["2.1 版本"]);
    }

    #[test]
    fn title_and_notes() {
        assert_eq!(
            split_title_notes("决策与资源调配：审批重大方案、协调跨部门资源分配。"),
            (
                "决策与资源调配".to_owned(),
                Some("审批重大方案、协调跨部门资源分配。".to_owned())
            )
        );
        assert_eq!(
            split_title_notes("Design: wireframes"),
            ("Design".to_owned(), Some("wireframes".to_owned()))
        );
        assert_eq!(
            split_title_notes("Meet at 10:30"),
            ("Meet at 10:30".to_owned(), None)
        );
        assert_eq!(
            split_title_notes("主要职责："),
            ("主要职责：".to_owned(), None)
        );
        assert_eq!(label("主要职责："), Some("主要职责"));
        assert_eq!(label("Duties:"), Some("Duties"));
        assert_eq!(label("a：b"), None);
    }
}
