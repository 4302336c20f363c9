//! The SoA as an Excel workbook, the form certification auditors ask for: the header row
//! frozen and filterable, text wrapped in set column widths, status and applicability as
//! drop-down lists (the sheet is where the organisation keeps deciding), and A4 landscape
//! printing one page wide with the header repeated.
//!
//! The bytes are the same on every run: the creation date is the newest `document.date`
//! of the catalogs (else a fixed date), never the clock.

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet,
};

use super::Soa;
use super::table::{APPLICABLE_COLUMN, COLUMNS, STATUS_COLUMN, Table, status_labels};
use crate::reference::Lang;

/// Excel holds at most this many characters in a cell.
const CELL_LIMIT: usize = 32_767;

/// The creation date of a SoA of catalogs without any `document.date`.
const FIXED_DATE: (u16, u8, u8) = (2000, 1, 1);

pub fn write(table: &Table, soa: &Soa, lang: Lang) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(soa, lang)?);
    let sheet = workbook.add_worksheet();
    sheet.set_name(crate::t!(lang, "soa-sheet"))?;
    fill(sheet, table)?;
    layout(sheet, table.rows.len(), lang)?;
    workbook
        .save_to_buffer()
        .context("cannot write the xlsx workbook")
}

fn properties(soa: &Soa, lang: Lang) -> Result<DocProperties> {
    let (y, m, d) = soa.date.map_or(FIXED_DATE, |date| {
        use chrono::Datelike;
        (
            u16::try_from(date.year()).unwrap_or(FIXED_DATE.0),
            u8::try_from(date.month()).unwrap_or(1),
            u8::try_from(date.day()).unwrap_or(1),
        )
    });
    let date = ExcelDateTime::from_ymd(y, m, d)
        .or_else(|_| ExcelDateTime::from_ymd(FIXED_DATE.0, FIXED_DATE.1, FIXED_DATE.2))?;
    Ok(DocProperties::new()
        .set_title(crate::t!(lang, "soa-title"))
        .set_creation_datetime(&date))
}

fn fill(sheet: &mut Worksheet, table: &Table) -> Result<()> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E2F3))
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    for (col, text) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col), text, &header)?;
    }
    sheet.set_row_height(0, row_height(&table.headers))?;
    for (i, cells) in table.rows.iter().enumerate() {
        let row = u32::try_from(i + 1).context("too many rows")?;
        for (col, text) in cells.iter().enumerate() {
            // Always strings: `5.10` written as a number would show as 5.1.
            sheet.write_string_with_format(row, col_num(col), fit(text), &body)?;
        }
        sheet.set_row_height(row, row_height(cells))?;
    }
    Ok(())
}

/// Points for a row whose tallest wrapped cell has this many lines. A file stores no
/// heights unless told: LibreOffice then shows one line of each wrapped cell, cut off.
fn row_height(cells: &[String]) -> f64 {
    const LINE_POINTS: f64 = 15.0;
    let lines = cells
        .iter()
        .zip(COLUMNS)
        .map(|(text, (_, width))| wrapped_lines(text, width))
        .max()
        .unwrap_or(1);
    // Excel's own limit is 409 points.
    (LINE_POINTS * lines as f64).min(409.0)
}

/// How many lines `text` takes in a column `width` characters wide: a Japanese character
/// is a little over two of the width unit (the digit `0`).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if u32::from(c) >= 0x1100 { 2.2 } else { 1.0 })
                .sum();
            ((units / usable).ceil() as usize).max(1)
        })
        .sum()
}

fn layout(sheet: &mut Worksheet, rows: usize, lang: Lang) -> Result<()> {
    let last_row = u32::try_from(rows).context("too many rows")?;
    let last_col = col_num(COLUMNS.len() - 1);
    for (col, (_, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col_num(col), *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    let status = DataValidation::new().allow_list_strings(&status_labels(lang))?;
    let status_col = col_num(STATUS_COLUMN);
    sheet.add_data_validation(1, status_col, last_row.max(1), status_col, &status)?;
    let yes_no = [
        crate::t!(lang, "soa-applicable-yes"),
        crate::t!(lang, "soa-applicable-no"),
    ];
    let applicable = DataValidation::new().allow_list_strings(&yes_no)?;
    let applicable_col = col_num(APPLICABLE_COLUMN);
    sheet.add_data_validation(
        1,
        applicable_col,
        last_row.max(1),
        applicable_col,
        &applicable,
    )?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// A cell's text cut to what Excel holds, saying so: the full text is in the catalog.
fn fit(text: &str) -> String {
    if text.chars().count() <= CELL_LIMIT {
        return text.to_string();
    }
    let mark = " […]";
    let kept: String = text
        .chars()
        .take(CELL_LIMIT - mark.chars().count())
        .collect();
    format!("{kept}{mark}")
}
