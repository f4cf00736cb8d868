//! Reading `apply`'s rows: JSON Lines, concatenated objects or a JSON
//! array, CSV with a header, or the first sheet of an xlsx workbook read
//! by the same rules as CSV; every problem is kept with its row and line
//! (or sheet row), so that all are reported in one run.

use crate::edit::change::{self, Setting};
use crate::i18n::Lang;
use crate::i18n::edit::RowText;
use crate::sheet;

/// One row: the task it names and the changes it asks for.
#[derive(Debug)]
pub(super) struct Row {
    /// 1-based, in the order given.
    pub number: usize,
    pub line: usize,
    pub task: String,
    pub settings: Vec<Setting>,
    /// A CSV row: a cell equal to what `wbs list` shows changes nothing.
    pub as_listed: bool,
}

/// A row that cannot apply, and why.
#[derive(Debug)]
pub(super) struct RowError {
    pub number: usize,
    pub line: usize,
    pub message: String,
}

impl RowError {
    pub fn new(number: usize, line: usize, message: impl Into<String>) -> RowError {
        RowError {
            number,
            line,
            message: message.into(),
        }
    }
}

/// The 1-based lines of byte offsets asked in increasing order, each
/// counted on from the one before, so a sheet of many rows is read in
/// linear time.
struct Lines<'t> {
    text: &'t str,
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    fn of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text.as_bytes()[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

/// JSON Lines, concatenated objects or one array of objects. Text that is
/// not JSON is reported, and reading goes on at the next line, so every
/// bad row is found in one run.
pub(super) fn parse_json(text: &str, lang: Lang) -> (Vec<Row>, Vec<RowError>) {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut lines = Lines::new(text);
    let mut number = 0;
    let mut from = 0;
    'lines: while from < text.len() {
        let rest = &text[from..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
        loop {
            let before = stream.byte_offset();
            let skipped = rest[before..].len() - rest[before..].trim_start().len();
            let line = lines.of(from + before + skipped);
            match stream.next() {
                None => break 'lines,
                Some(Err(error)) => {
                    number += 1;
                    let error = RowText::NotJson {
                        error: error.to_string(),
                    };
                    errors.push(RowError::new(number, line, lang.show(&error).to_string()));
                    // Go on after the line where the bad text starts.
                    let start = from + before + skipped;
                    match text[start..].find('\n') {
                        Some(end) => from = start + end + 1,
                        None => break 'lines,
                    }
                    continue 'lines;
                }
                Some(Ok(serde_json::Value::Array(items))) => {
                    for item in items {
                        number += 1;
                        push_json_row(&mut rows, &mut errors, (number, line), &item, lang);
                    }
                }
                Some(Ok(value)) => {
                    number += 1;
                    push_json_row(&mut rows, &mut errors, (number, line), &value, lang);
                }
            }
        }
    }
    (rows, errors)
}

fn push_json_row(
    rows: &mut Vec<Row>,
    errors: &mut Vec<RowError>,
    (number, line): (usize, usize),
    value: &serde_json::Value,
    lang: Lang,
) {
    let say = |message: RowText| lang.show(&message).to_string();
    let Some(object) = value.as_object() else {
        errors.push(RowError::new(number, line, say(RowText::NotObject)));
        return;
    };
    let Some(task) = object.get("id").and_then(|id| id.as_str()) else {
        errors.push(RowError::new(number, line, say(RowText::NeedsId)));
        return;
    };
    let mut settings = Vec::new();
    let errors_before = errors.len();
    for (key, value) in object.iter().filter(|(k, _)| *k != "id") {
        let setting = match value.as_str() {
            Some(text) if key == "tags" => Setting::tags_cell(text),
            _ => Setting::from_json(key, value),
        };
        match setting {
            Ok(setting) => settings.push(setting),
            Err(message) => {
                let key = key.clone();
                errors.push(RowError::new(
                    number,
                    line,
                    say(RowText::Cell { key, message }),
                ));
            }
        }
    }
    if settings.is_empty() {
        if errors.len() == errors_before {
            errors.push(RowError::new(number, line, say(RowText::ChangesNothing)));
        }
        return;
    }
    rows.push(Row {
        number,
        line,
        task: task.to_owned(),
        settings,
        as_listed: false,
    });
}

/// The columns of `wbs list --format csv` and `wbs export --format csv`
/// that are derived, not fields: a sheet exported by them may keep them;
/// they change nothing.
const LISTED_ONLY: &[&str] = &[
    "code",
    "effort_hours",
    "level",
    "leaf",
    "overdue",
    "due_soon",
    "cancelled",
    "file",
    "line",
];

/// A header as the field it names: blanks around it dropped, and any case
/// of a known column (`ID`, ` Status `) read as the column.
fn column_name(header: &str) -> String {
    let trimmed = header.trim();
    let lower = trimmed.to_lowercase();
    let known = lower == "id"
        || LISTED_ONLY.contains(&lower.as_str())
        || (!lower.starts_with("x-") && change::check_key(&lower).is_ok());
    if known { lower } else { trimmed.to_owned() }
}

/// The separator of a sheet, from its header line: commas, semicolons
/// (Excel's CSV where a comma is the decimal mark) or tabs, whichever the
/// header has most of outside quotes; a comma if it has none.
pub(super) fn delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if quoted => {}
            _ => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    count.1 += 1;
                }
            }
        }
    }
    // The first of the most frequent, so a tie is a comma.
    let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    counts
        .iter()
        .find(|&&(_, n)| n == most)
        .map_or(b',', |&(d, _)| d)
}

/// Whether a field's cell is text to take exactly as written (blanks
/// included); other cells are read with blanks around them trimmed.
fn is_text(key: &str) -> bool {
    matches!(key, "title" | "notes" | "owner") || key.starts_with("x-")
}

/// The line a CSV record starts on: the csv crate's position can stand on
/// the line breaks (and blank lines) before it.
fn record_line(lines: &mut Lines<'_>, byte: usize) -> usize {
    let text = lines.text;
    let byte = byte.min(text.len());
    let rest = &text[byte..];
    let skipped = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    lines.of(byte + skipped)
}

/// How a table's cells were written, which says how to read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cells {
    /// CSV or TSV from `list`/`export` or a spreadsheet: a cell may carry
    /// the formula guard; where `;` separates, `,` is the decimal mark.
    Csv { delimiter: u8 },
    /// The first sheet of an xlsx workbook: a cell holds its text as it
    /// is (a workbook has no formula guard), numbers and dates already
    /// written as text; places are the sheet's row numbers.
    Sheet,
}

/// The cells of one record, whatever holds them.
pub(super) trait Record {
    fn cell(&self, column: usize) -> Option<&str>;
    fn cells(&self) -> impl Iterator<Item = &str>;
}

impl Record for csv::StringRecord {
    fn cell(&self, column: usize) -> Option<&str> {
        self.get(column)
    }
    fn cells(&self) -> impl Iterator<Item = &str> {
        self.iter()
    }
}

impl Record for Vec<String> {
    fn cell(&self, column: usize) -> Option<&str> {
        self.get(column).map(String::as_str)
    }
    fn cells(&self) -> impl Iterator<Item = &str> {
        self.iter().map(String::as_str)
    }
}

/// A header naming `id` and the fields, then a row per task; separated by
/// commas, semicolons or tabs ([`delimiter`]).
pub(super) fn parse_csv(text: &str, lang: Lang) -> (Vec<Row>, Vec<RowError>) {
    let delimiter = delimiter(text);
    let mut lines = Lines::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(str::to_owned).collect(),
        Err(error) => {
            let error = RowText::CannotReadHeader {
                error: error.to_string(),
            };
            let error = RowError::new(0, 1, lang.show(&error).to_string());
            return (Vec::new(), vec![error]);
        }
    };
    let records = reader.records().map(|record| match record {
        Ok(record) => {
            let line = record
                .position()
                .map_or(0, |p| record_line(&mut lines, p.byte() as usize));
            Ok((line, record))
        }
        Err(error) => {
            let line = error
                .position()
                .map_or(0, |p| record_line(&mut lines, p.byte() as usize));
            let error = RowText::NotCsv {
                error: error.to_string(),
            };
            Err((line, lang.show(&error).to_string()))
        }
    });
    parse_table(&headers, 1, records, Cells::Csv { delimiter }, lang)
}

/// The first sheet of a workbook: its first row with anything in it is
/// the header, as in a CSV file; each row is placed by its sheet row.
pub(super) fn parse_sheet(
    sheet: &crate::import::xlsx::Sheet,
    lang: Lang,
) -> (Vec<Row>, Vec<RowError>) {
    use crate::import::Place;
    use crate::import::values::Cell;
    let text = |cell: &Cell| match cell {
        // A text cell as it is: blanks in a title are the title's.
        Cell::Text(text) => text.clone(),
        other => other.text(),
    };
    let mut rows = sheet.rows.iter().filter_map(|(place, cells)| {
        let number = match place {
            Place::Row(n) | Place::Line(n) => *n,
        };
        let cells: Vec<String> = cells.iter().map(text).collect();
        (!cells.iter().all(|c| c.trim().is_empty())).then_some((number, cells))
    });
    let Some((header_row, headers)) = rows.next() else {
        return (Vec::new(), Vec::new());
    };
    parse_table(&headers, header_row, rows.map(Ok), Cells::Sheet, lang)
}

/// The rows of a table with this header (on line or sheet row
/// `header_at`); each record comes with its line or sheet row, or with why
/// it could not be read.
pub(super) fn parse_table<R: Record>(
    header: &[String],
    header_at: usize,
    records: impl Iterator<Item = Result<(usize, R), (usize, String)>>,
    cells: Cells,
    lang: Lang,
) -> (Vec<Row>, Vec<RowError>) {
    let say = |message: RowText| lang.show(&message).to_string();
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let headers: Vec<String> = header.iter().map(|h| column_name(h)).collect();
    let id_column = headers.iter().position(|h| h == "id");
    let code_column = headers.iter().position(|h| h == "code");
    if id_column.is_none() && code_column.is_none() {
        let sheet = cells == Cells::Sheet;
        errors.push(RowError::new(
            0,
            header_at,
            say(RowText::HeaderNeedsId { sheet }),
        ));
        return (rows, errors);
    }
    for (i, name) in headers.iter().enumerate() {
        if headers[..i].contains(name) {
            if !name.is_empty() {
                errors.push(RowError::new(
                    0,
                    header_at,
                    say(RowText::ColumnTwice { name: name.clone() }),
                ));
            }
        } else if name != "id"
            && !name.is_empty()
            && !LISTED_ONLY.contains(&name.as_str())
            && let Err(message) = change::check_key(name)
        {
            errors.push(RowError::new(
                0,
                header_at,
                say(RowText::ColumnError {
                    name: name.clone(),
                    message,
                }),
            ));
        }
    }
    if !errors.is_empty() {
        return (rows, errors);
    }
    for (index, record) in records.enumerate() {
        let number = index + 1;
        let (line, record) = match record {
            Ok(record) => record,
            Err((line, message)) => {
                errors.push(RowError::new(number, line, message));
                continue;
            }
        };
        if record.cells().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell =
            |column: Option<usize>| column.and_then(|c| record.cell(c)).map_or("", str::trim);
        let task = match cell(id_column) {
            "" => cell(code_column),
            id => id,
        };
        if task.is_empty() {
            errors.push(RowError::new(number, line, say(RowText::EmptyId)));
            continue;
        }
        let mut settings = Vec::new();
        for (column, raw) in record.cells().enumerate() {
            let Some(key) = headers.get(column).map(String::as_str) else {
                if !raw.trim().is_empty() {
                    errors.push(RowError::new(
                        number,
                        line,
                        say(RowText::NoHeader { column: column + 1 }),
                    ));
                }
                continue;
            };
            if key == "id" || LISTED_ONLY.contains(&key) || raw.trim().is_empty() {
                continue;
            }
            if key.is_empty() {
                errors.push(RowError::new(
                    number,
                    line,
                    say(RowText::NoHeader { column: column + 1 }),
                ));
                continue;
            }
            // The cell as the plan means it: without the formula guard
            // (CSV only), and for a field that is not free text, without
            // blanks.
            let text = match (cells, is_text(key)) {
                (Cells::Csv { .. }, true) => sheet::unguard(raw),
                (Cells::Csv { .. }, false) => sheet::unguard(raw.trim()).trim(),
                (Cells::Sheet, true) => raw,
                (Cells::Sheet, false) => raw.trim(),
            };
            let setting = match key {
                "tags" => Setting::tags_cell(text),
                // Where `;` separates, `,` is the decimal mark: 37,5.
                "progress" if cells == (Cells::Csv { delimiter: b';' }) => {
                    Setting::parse(key, &text.replace(',', "."))
                }
                _ => Setting::parse(key, text),
            };
            match setting {
                Ok(setting) => settings.push(setting),
                Err(message) => {
                    let key = key.to_owned();
                    errors.push(RowError::new(
                        number,
                        line,
                        say(RowText::Cell { key, message }),
                    ));
                }
            }
        }
        if !settings.is_empty() {
            rows.push(Row {
                number,
                line,
                task: task.to_owned(),
                settings,
                as_listed: true,
            });
        }
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_read_from_the_header_line() {
        assert_eq!(delimiter("id,status\na;b;c;d\n"), b',');
        assert_eq!(delimiter("id;status;due\r\nx,y,z\n"), b';');
        assert_eq!(delimiter("id\tstatus\n"), b'\t');
        // Quoted separators do not count; a tie is a comma.
        assert_eq!(delimiter("\"a;b;c\",id\n"), b',');
        assert_eq!(delimiter("id;\"x,y\",z\n"), b',');
        assert_eq!(delimiter("id\n"), b',');
    }

    #[test]
    fn headers_in_any_case() {
        assert_eq!(column_name(" ID "), "id");
        assert_eq!(column_name("Due_Soon"), "due_soon");
        assert_eq!(column_name("Status"), "status");
        assert_eq!(column_name("x-Jira"), "x-Jira");
        assert_eq!(column_name("Stat"), "Stat");
    }

    #[test]
    fn lines_are_counted_on() {
        let mut lines = Lines::new("a\nb\r\nc\n\nd");
        assert_eq!(lines.of(0), 1);
        assert_eq!(lines.of(2), 2);
        assert_eq!(lines.of(5), 3);
        assert_eq!(lines.of(9), 5);
        // Asked again from before, it starts over.
        assert_eq!(lines.of(2), 2);
    }
}
