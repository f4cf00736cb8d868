//! A CSV file read as a table: UTF-8 with or without a byte-order mark,
//! separated by `,`, `;` or tabs (Excel in many countries writes `;`); the
//! header is the first row that names a level, code or title column.

use super::outline::Place;
use super::report::Report;
use super::table::{self, Row, Table};
use super::values::Cell;
use crate::i18n::import::{ReadAs, ReadFailure, Said};

/// Reads the CSV text into a table; rows above the header are reported
/// and left out.
pub fn read(bytes: &[u8], report: &mut Report) -> Result<Table, ReadFailure> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ReadFailure::Utf16);
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ReadFailure::NotUtf8Csv { line }
    })?;
    let separator = separator(text);
    report.read_as = ReadAs::Csv {
        separator: char::from(separator),
        bom,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut records: Vec<(Place, Vec<String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record_line(text, start);
                records.push((
                    Place::Line(line),
                    record.iter().map(str::to_owned).collect(),
                ));
            }
            Err(error) => {
                let line = error
                    .position()
                    .map_or_else(|| record_line(text, start), |p| p.line() as usize);
                return Err(ReadFailure::NotCsv {
                    line,
                    error: error.to_string(),
                });
            }
        }
    }
    let Some(header) = header_index(&records) else {
        let first = records
            .iter()
            .find(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .map(|(_, cells)| cells.clone())
            .unwrap_or_default();
        return Err(match table::map_columns(&first) {
            Err(why) => why,
            Ok(_) => ReadFailure::NoHeaderRow,
        });
    };
    for (place, cells) in &records[..header] {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            report.skip(*place, Said::AboveHeader);
        }
    }
    let mut rows = records.into_iter().skip(header);
    let header = rows
        .next()
        .map(|(_, cells)| cells.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    Ok(Table {
        header,
        rows: rows
            .map(|(place, cells)| Row {
                place,
                cells: cells
                    .into_iter()
                    .map(|cell| match cell.trim() {
                        "" => Cell::Empty,
                        _ => Cell::Text(cell),
                    })
                    .collect(),
            })
            .collect(),
        split_notes: false,
    })
}

/// The header: the first of the first ten rows that names a column the
/// tree can come from.
pub fn header_index<T: AsRef<str>>(records: &[(Place, Vec<T>)]) -> Option<usize> {
    records.iter().take(10).position(|(_, cells)| {
        let cells: Vec<String> = cells.iter().map(|c| c.as_ref().trim().to_owned()).collect();
        table::is_header(&cells)
    })
}

/// `,`, `;` or tab: whichever the first line holds most of, outside
/// quotes (a comma when none is there).
fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == b) {
                    entry.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(s, n)| if n > best.1 { (s, n) } else { best },
        )
        .0
}

/// The 1-based line a record starting at `byte` begins on: the reader's
/// position can stand on the line breaks before it.
fn record_line(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let skipped = text[byte..].len() - text[byte..].trim_start_matches(['\r', '\n']).len();
    text.as_bytes()[..byte + skipped]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_bom_and_lines() {
        let mut report = Report::default();
        let table = read(
            "\u{feff}工作分解;;\n一级任务;二级任务;负责人\n\"A\";\"a1\na2\";ana\n;a3;\n".as_bytes(),
            &mut report,
        )
        .expect("reads");
        assert_eq!(
            report.read_as.to_string(),
            "CSV (`;`-separated, UTF-8 with a byte-order mark)"
        );
        assert_eq!(table.header, ["一级任务", "二级任务", "负责人"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].place, Place::Line(3));
        assert_eq!(table.rows[0].cells[1], Cell::Text("a1\na2".to_owned()));
        assert_eq!(table.rows[1].place, Place::Line(5));
        assert_eq!(table.rows[1].cells[0], Cell::Empty);
        assert_eq!(report.skipped[0].place, Some(Place::Line(1)));
    }

    #[test]
    fn other_encodings_are_refused_with_what_to_do() {
        let mut report = Report::default();
        // 任务 in GBK.
        let error = read(b"title\n\xC8\xCE\xCE\xF1\n", &mut report)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("line 2 is not UTF-8 text"), "{error}");
        assert!(error.contains("save it as CSV UTF-8"), "{error}");
        let error = read(b"\xFF\xFEt\0", &mut report).unwrap_err().to_string();
        assert!(error.starts_with("the file is UTF-16 text"), "{error}");
    }
}
