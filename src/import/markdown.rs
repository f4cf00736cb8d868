//! A markdown breakdown document made into an outline: headings become
//! nodes (numbering and emphasis stripped), bullet lists their children, a
//! label bullet (`主要职责：`) adds no level, `标题：说明` becomes a title
//! with notes, and tables whose columns are levels become subtrees under
//! the heading they stand in. Prose is kept as notes, never made a task.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::outline::{Outline, Place};
use super::report::{Report, quote};
use super::table::{self, Row, Table};
use super::titles;
use super::values::Cell;
use crate::i18n::import::{Part, ReadAs, Said, TableName};

/// Reads the document.
pub fn read(text: &str) -> (Outline, Report) {
    let mut reader = Reader::new(text);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let place = Place::Line(reader.line_of(range.start));
        reader.event(event, place);
    }
    reader.finish()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// One open list item.
struct Item {
    place: Place,
    /// Its title has been read (at its first paragraph, or where its
    /// sub-list starts).
    titled: bool,
    /// The node it became; `None` for a label or an empty item.
    node: Option<usize>,
    /// `- [x]` / `- [ ]`.
    checked: Option<bool>,
}

/// A table being read.
struct OpenTable {
    place: Place,
    header: Vec<String>,
    rows: Vec<Row>,
    in_head: bool,
}

struct Reader {
    line_starts: Vec<usize>,
    outline: Outline,
    report: Report,
    /// The level of the heading that is the document's title, if one is.
    title_level: Option<HeadingLevel>,
    any_heading: bool,
    seen_heading: bool,
    /// Open heading sections, outermost first.
    sections: Vec<(HeadingLevel, usize)>,
    /// A thematic break (`---`) since the last heading: prose now belongs
    /// to the document, not the section above.
    after_rule: bool,
    items: Vec<Item>,
    table: Option<OpenTable>,
    /// Inline text read since the last block boundary.
    buffer: String,
    /// Inside a code block, an HTML block or a footnote: text is not read.
    skipping: usize,
    headings: usize,
    bullets: usize,
}

impl Reader {
    fn new(text: &str) -> Reader {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        // The title is the first heading when every other heading is
        // deeper than it.
        let levels: Vec<HeadingLevel> = Parser::new_ext(text, options())
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { level, .. }) => Some(level),
                _ => None,
            })
            .collect();
        let title_level = levels
            .first()
            .copied()
            .filter(|&first| levels[1..].iter().all(|&l| l > first));
        Reader {
            line_starts,
            outline: Outline::default(),
            report: Report {
                read_as: ReadAs::Markdown,
                ..Report::default()
            },
            title_level,
            any_heading: !levels.is_empty(),
            seen_heading: false,
            sections: Vec::new(),
            after_rule: false,
            items: Vec::new(),
            table: None,
            buffer: String::new(),
            skipping: 0,
            headings: 0,
            bullets: 0,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn event(&mut self, event: Event<'_>, place: Place) {
        if self.skipping > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::FootnoteDefinition(_)) => {
                    self.skipping += 1;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition) => {
                    self.skipping -= 1;
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, place),
            Event::End(tag) => self.end(tag, place),
            Event::Text(text) | Event::Code(text) => self.buffer.push_str(&text),
            Event::InlineHtml(html) | Event::Html(html) if is_line_break(&html) => {
                self.buffer.push('\n');
            }
            Event::HardBreak => self.buffer.push('\n'),
            Event::SoftBreak => self.buffer.push(' '),
            Event::TaskListMarker(checked) => {
                if let Some(item) = self.items.last_mut() {
                    item.checked = Some(checked);
                }
            }
            Event::Rule => self.after_rule = true,
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, place: Place) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell => self.buffer.clear(),
            Tag::Item => {
                self.items.push(Item {
                    place,
                    titled: false,
                    node: None,
                    checked: None,
                });
                self.buffer.clear();
            }
            // A sub-list: the item it stands in has its title now.
            Tag::List(_) if self.items.last().is_some_and(|item| !item.titled) => {
                self.title_item(true);
            }
            Tag::Table(_) => {
                self.table = Some(OpenTable {
                    place,
                    header: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Row {
                        place,
                        cells: Vec::new(),
                    });
                }
            }
            Tag::CodeBlock(_) => {
                self.skipping += 1;
                self.report.skip(place, Said::CodeBlock);
            }
            Tag::HtmlBlock => {
                self.skipping += 1;
            }
            Tag::FootnoteDefinition(_) => self.skipping += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, place: Place) {
        match tag {
            TagEnd::Heading(level) => {
                let text = std::mem::take(&mut self.buffer);
                self.heading(level, &text, place);
            }
            TagEnd::Paragraph => {
                let text = std::mem::take(&mut self.buffer);
                match self.items.last() {
                    Some(item) if !item.titled => {
                        self.buffer = text;
                        self.title_item(false);
                    }
                    Some(item) => {
                        // A later paragraph of an item: its notes.
                        match item.node {
                            Some(node) => self.outline.nodes[node].fields.add_notes(&text),
                            None => self.prose(&text, place),
                        }
                    }
                    None if self.table.is_none() => self.prose(&text, place),
                    None => {}
                }
            }
            TagEnd::Item => {
                if self.items.last().is_some_and(|item| !item.titled) {
                    self.title_item(false);
                }
                self.buffer.clear();
                if let Some(item) = self.items.pop()
                    && let (Some(node), Some(true)) = (item.node, item.checked)
                {
                    self.outline.nodes[node].fields.status = Some(crate::plan::Status::Done);
                }
            }
            TagEnd::TableCell => {
                let text = std::mem::take(&mut self.buffer);
                if let Some(table) = &mut self.table {
                    if table.in_head {
                        table.header.push(titles::clean(&text));
                    } else if let Some(row) = table.rows.last_mut() {
                        let cell = match text.trim() {
                            "" => Cell::Empty,
                            _ => Cell::Text(text),
                        };
                        row.cells.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.table(table);
                }
            }
            _ => {}
        }
    }

    /// The node new content goes under: the innermost item that became a
    /// node (a label passes its items up), else the innermost section.
    fn container(&self) -> Option<usize> {
        self.items
            .iter()
            .rev()
            .find_map(|item| item.node)
            .or_else(|| self.sections.last().map(|&(_, node)| node))
    }

    fn heading(&mut self, level: HeadingLevel, text: &str, place: Place) {
        let title = titles::strip_numbering(text);
        let first = !self.seen_heading;
        self.seen_heading = true;
        self.after_rule = false;
        if first && self.title_level == Some(level) {
            if !title.is_empty() {
                self.outline.title = Some(title);
            }
            return;
        }
        if title.is_empty() {
            self.report.skip(place, Said::EmptyHeading);
            return;
        }
        while self.sections.last().is_some_and(|&(l, _)| l >= level) {
            self.sections.pop();
        }
        let parent = self.sections.last().map(|&(_, node)| node);
        let node = self.outline.add(parent, title, place);
        self.sections.push((level, node));
        self.headings += 1;
    }

    /// Reads the open item's title from the buffer and makes its node;
    /// `has_list` says a sub-list follows (so a label is one).
    fn title_item(&mut self, has_list: bool) {
        let text = titles::clean(&std::mem::take(&mut self.buffer));
        let Some(place) = self.items.last().map(|item| item.place) else {
            return;
        };
        let parent = self.container_above();
        let node = if text.is_empty() {
            if !has_list {
                self.report.skip(place, Said::EmptyListItem);
            }
            None
        } else if let (Some(name), true) = (titles::label(&text), has_list) {
            let name = name.to_owned();
            match parent {
                Some(parent) => {
                    self.report.note(
                        place,
                        Said::LabelUnder {
                            label: quote(&text),
                            parent: quote(&self.outline.nodes[parent].title),
                        },
                    );
                    self.outline.nodes[parent].fields.add_notes(&name);
                }
                None => {
                    self.report.note(
                        place,
                        Said::LabelAtTop {
                            label: quote(&text),
                        },
                    );
                }
            }
            None
        } else if titles::label(&text).is_some() {
            self.report.skip(
                place,
                Said::LabelAlone {
                    label: quote(&text),
                },
            );
            None
        } else {
            let (title, notes) = titles::split_title_notes(&text);
            let node = self.outline.add(parent, title, place);
            if let Some(notes) = notes {
                self.outline.nodes[node].fields.add_notes(&notes);
            }
            self.bullets += 1;
            Some(node)
        };
        if let Some(item) = self.items.last_mut() {
            item.titled = true;
            item.node = node;
        }
    }

    /// The container of the innermost open item: the nearest node among
    /// the items outside it, else the innermost section.
    fn container_above(&self) -> Option<usize> {
        let outer = self.items.len().saturating_sub(1);
        self.items[..outer]
            .iter()
            .rev()
            .find_map(|item| item.node)
            .or_else(|| self.sections.last().map(|&(_, node)| node))
    }

    /// A paragraph outside lists and tables: notes of its section; the
    /// document's description under the title heading or after a `---`;
    /// left out before the first heading.
    fn prose(&mut self, text: &str, place: Place) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if self.any_heading && !self.seen_heading {
            self.report
                .skip(place, Said::BeforeFirstHeading { text: quote(text) });
            return;
        }
        match self.sections.last() {
            Some(&(_, node)) if !self.after_rule => {
                self.outline.nodes[node].fields.add_notes(text);
            }
            _ => {
                self.report
                    .note(place, Said::Description { text: quote(text) });
                self.outline.add_description(text);
            }
        }
    }

    fn table(&mut self, open: OpenTable) {
        let under = self.container();
        let what = TableName::At {
            place: open.place,
            under: under.map(|node| quote(&self.outline.nodes[node].title)),
        };
        let table = Table {
            header: open.header,
            rows: open.rows,
            split_notes: true,
        };
        match table::map_columns(&table.header) {
            Ok(mapping) => {
                table::build(
                    &table,
                    &mapping,
                    &mut self.outline,
                    under,
                    &mut self.report,
                    what,
                );
            }
            Err(why) => self.report.skip(open.place, Said::TableUnread { why }),
        }
    }

    fn finish(mut self) -> (Outline, Report) {
        let mut parts = Vec::new();
        if self.headings > 0 {
            parts.push(Part::Headings {
                tasks: self.headings,
            });
        }
        if self.bullets > 0 {
            parts.push(Part::ListItems {
                tasks: self.bullets,
            });
        }
        parts.append(&mut self.report.parts);
        self.report.parts = parts;
        (self.outline, self.report)
    }
}

/// `<br>`, `<br/>`, `<br />`, `<BR>`.
fn is_line_break(html: &str) -> bool {
    let inner: String = html
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim()
        .to_lowercase();
    inner == "br"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(outline: &Outline) -> String {
        outline
            .walk()
            .iter()
            .map(|&(node, level)| {
                let draft = &outline.nodes[node];
                let notes = draft
                    .fields
                    .notes
                    .as_deref()
                    .map(|n| format!(" [{}]", n.replace('\n', " / ")))
                    .unwrap_or_default();
                format!("{}{}{notes}\n", "  ".repeat(level - 1), draft.title)
            })
            .collect()
    }

    #[test]
    fn headings_bullets_labels_and_tables() {
        let (outline, report) = read(
            "intro before anything\n\
             \n\
             # **Breakdown**\n\
             \n\
             About the plan.\n\
             \n\
             ## 1. 领导组\n\
             - **主要职责**：\n\
             \x20 - 决策：审批方案。\n\
             \x20 - 听取汇报\n\
             \n\
             ## 2. 工作组\n\
             Some words on the groups.\n\
             ### 2.1 研发组\n\
             | 一级任务 | 二级任务 | 三级任务 |\n\
             |---|---|---|\n\
             | **平台** | 研发 | - 需求<br>- 开发 |\n\
             |  | 推广 | 手册 |\n\
             \n\
             ---\n\
             **说明**：全部。\n",
        );
        assert_eq!(outline.title.as_deref(), Some("Breakdown"));
        assert_eq!(
            outline.description.as_deref(),
            Some("About the plan.\n说明：全部。")
        );
        assert_eq!(
            shape(&outline),
            "领导组 [主要职责]\n  决策 [审批方案。]\n  听取汇报\n工作组 [Some words on the groups.]\n  研发组\n    平台\n      研发\n        需求\n        开发\n      推广\n        手册\n"
        );
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(
            report.skipped[0].message.to_string(),
            "`intro before anything`: text before the first heading"
        );
    }

    #[test]
    fn checkboxes_and_nested_lists() {
        let (outline, _) = read("- [x] A\n  - [ ] A1\n  - [x] A2\n- B\n\n  More on B.\n");
        assert_eq!(outline.title, None);
        assert_eq!(shape(&outline), "A\n  A1\n  A2\nB [More on B.]\n");
        assert_eq!(
            outline.nodes[2].fields.status,
            Some(crate::plan::Status::Done)
        );
        assert_eq!(outline.nodes[1].fields.status, None);
    }
}
