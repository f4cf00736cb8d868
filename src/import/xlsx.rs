//! The first sheet of an xlsx workbook as rows of cells, each with the row
//! number the spreadsheet shows; a merged cell's value stands in every
//! row it covers (so "merged" reads as "same as above").

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::outline::Place;
use super::values::Cell;
use crate::i18n::import::ReadFailure;

/// The first sheet of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// How many sheets the workbook has in all.
    pub sheets: usize,
    /// Every row from the first to the last used one, with its number.
    pub rows: Vec<(Place, Vec<Cell>)>,
}

/// Reads the first sheet of the workbook in `bytes`. A workbook whose
/// parts unpack to more than `max_unpacked` bytes is refused before it is
/// unpacked (a zip can hold a thousand times its size).
pub fn first_sheet(bytes: &[u8], max_unpacked: u64) -> Result<Sheet, ReadFailure> {
    let unpacked = unpacked_size(bytes).map_err(|e| ReadFailure::NotXlsx {
        error: e.to_string(),
    })?;
    if unpacked > max_unpacked {
        return Err(ReadFailure::Unpacks {
            unpacked,
            max: max_unpacked,
        });
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadFailure::NotXlsx {
        error: e.to_string(),
    })?;
    let names = workbook.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(ReadFailure::NoSheet);
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| ReadFailure::CannotReadSheet {
            name: name.clone(),
            error: e.to_string(),
        })?;
    let merged =
        workbook
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| ReadFailure::CannotReadMerged {
                name: name.clone(),
                error: e.to_string(),
            })?;
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok(Sheet {
            name,
            sheets: names.len(),
            rows: Vec::new(),
        });
    };
    let width = end.1 as usize + 1;
    let mut grid: Vec<Vec<Cell>> = (0..=end.0)
        .map(|row| {
            (0..width as u32)
                .map(|column| range.get_value((row, column)).map_or(Cell::Empty, cell_of))
                .collect()
        })
        .collect();
    // A merged region holds its value in its top-left cell; the rows
    // below it in its first column read the same value. Cells to the right
    // stay empty, so a heading merged across level columns is one task.
    for region in merged {
        let (top, left) = region.start;
        let Some(value) = grid
            .get(top as usize)
            .and_then(|row| row.get(left as usize))
            .cloned()
        else {
            continue;
        };
        for row in top + 1..=region.end.0.min(end.0) {
            if let Some(cell) = grid
                .get_mut(row as usize)
                .and_then(|r| r.get_mut(left as usize))
            {
                *cell = value.clone();
            }
        }
    }
    let rows = grid
        .into_iter()
        .enumerate()
        .skip(start.0 as usize)
        .map(|(index, cells)| (Place::Row(index + 1), cells))
        .collect();
    Ok(Sheet {
        name,
        sheets: names.len(),
        rows,
    })
}

/// What the parts of a zip archive add up to unpacked, as its directory
/// says (the reader holds each part to its stated size).
fn unpacked_size(bytes: &[u8]) -> Result<u64, zip::result::ZipError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(index)?.size());
    }
    Ok(total)
}

/// A sheet cell as an import reads it: numbers stay numbers and dates
/// dates, so a column can tell what it holds.
fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Float(n) => Cell::Number(*n),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(value) if value.is_datetime() => {
            let (y, m, d, ..) = value.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or(Cell::Number(value.as_f64()), Cell::Date)
        }
        Data::DateTime(value) => Cell::Number(value.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(crate::plan::fields::parse_date)
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Text(format!("#{error:?}")),
    }
}
