//! A PDF's words with their positions (`pdftotext -bbox-layout`) → the text `pdftotext`
//! gives, with every table found by position written as tab-separated rows.
//!
//! Why `-bbox-layout` and not `pdftohtml -xml`: it is the same poppler text engine the
//! reading-order mode uses, with the same pages, flows, blocks, lines and words in the same
//! order, so the text rebuilt from it is that mode's text (one line per line, a blank line
//! after each flow, a form feed after each page) and furniture and wrapped lines are read
//! as before; `pdftohtml -xml` cuts text into runs of one font, in its own order, and the
//! font sizes and weights it adds are not needed (headings are found by number and title).
//! What the positions add is tables: reading order gives a table one cell per line, often
//! out of order, so neither a revision history nor a responsibility grid could be read.
//!
//! A table is a run of text rows (lines at the same height) on a page, cut into pieces
//! (text after a gap wider than a space, or starting a line), whose pieces start at the same
//! x in at least two rows, in at least two columns; a heading over a column empty on this
//! page is a column too. Below the header row (which may cross columns: it is often centred)
//! a word across a column's left edge ends the table. Each word goes to the column whose
//! span it overlaps. A row of text without text in the first column continues the cells
//! above it (a cell's text wrapped), and so does one at the pitch of such wrapped lines
//! where the table's rows are set further apart (a first cell wrapped). A table that goes
//! on at the top of the next page keeps the previous page's columns. The rows are written
//! where the table's first line was, one line per row, cells apart by tabs (what
//! [`super::blocks::from_text`] reads as a row), and the table's other lines become empty,
//! so the lines after it keep their numbers. A word hyphenated at a line's end is joined
//! with the next line, as the reading-order mode does (keeping the hyphen).
//!
//! The XML is hostile: coordinates that are not finite numbers count as 0, all are
//! clamped, nothing is indexed by them, and the work per page is bounded.

use anyhow::{Context, Result};
use quick_xml::events::{BytesStart, Event};

/// A word and its box (points, y down).
#[derive(Debug)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl Word {
    fn height(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
}

/// A line of words, as poppler found it.
#[derive(Debug, Default)]
struct Line {
    words: Vec<Word>,
}

/// A page: its flows (columns of text in reading order), each a list of lines.
#[derive(Debug, Default)]
struct Page {
    flows: Vec<Vec<Line>>,
}

/// Coordinates beyond this are clamped (a page is at most a few thousand points).
const FAR: f64 = 1.0e6;

/// The reading-order text of `xml` (the output of `pdftotext -bbox-layout`), tables as
/// tab-separated rows.
pub(super) fn text(xml: &str) -> Result<String> {
    let pages = parse(xml)?;
    let mut out = String::new();
    let mut carried: Option<Columns> = None;
    for page in &pages {
        let lines: Vec<&Line> = page.flows.iter().flatten().collect();
        let (tables, last) = tables(&lines, carried.take());
        carried = last;
        write_page(page, &tables, &mut out);
    }
    Ok(out)
}

/// The pages of the XML, words in poppler's order.
fn parse(xml: &str) -> Result<Vec<Page>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        match reader
            .read_event()
            .context("pdftotext's word positions are not well-formed")?
        {
            Event::Start(e) => match e.name().into_inner() {
                "page" => pages.push(Page::default()),
                "flow" => {
                    if let Some(p) = pages.last_mut() {
                        p.flows.push(Vec::new())
                    }
                }
                "line" => {
                    if let Some(f) = pages.last_mut().and_then(|p| p.flows.last_mut()) {
                        f.push(Line::default())
                    }
                }
                "word" => word = Some(word_box(&e)),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text
                        .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&super::docx::reference(&r));
                }
            }
            Event::End(e) if e.name().into_inner() == "word" => {
                if let Some(mut w) = word.take().filter(|w| !w.text.trim().is_empty()) {
                    // A tab, line break or form feed in a word would make rows, lines, pages.
                    w.text = w
                        .text
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    line_of(&mut pages).words.push(w);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

/// The last line of the last page, made if missing: a word outside a line is still kept.
fn line_of(pages: &mut Vec<Page>) -> &mut Line {
    if pages.is_empty() {
        pages.push(Page::default());
    }
    let last = pages.len() - 1;
    let flows = &mut pages[last].flows;
    if flows.is_empty() {
        flows.push(Vec::new());
    }
    let last = flows.len() - 1;
    let lines = &mut flows[last];
    if lines.is_empty() {
        lines.push(Line::default());
    }
    let last = lines.len() - 1;
    &mut lines[last]
}

/// A word's box from its attributes; what is missing or not a finite number counts as 0.
fn word_box(e: &BytesStart<'_>) -> Word {
    let get = |name: &str| -> f64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .map_or(0.0, |v| v.clamp(-FAR, FAR))
    };
    let (xa, xb, ya, yb) = (get("xMin"), get("xMax"), get("yMin"), get("yMax"));
    Word {
        x0: xa.min(xb),
        x1: xa.max(xb),
        y0: ya.min(yb),
        y1: ya.max(yb),
        text: String::new(),
    }
}

/// The words of a line as text: apart by a space where there is a gap between them, as
/// the reading-order mode writes them.
fn words_text<'a>(words: impl IntoIterator<Item = &'a Word>) -> String {
    let mut out = String::new();
    let mut last: Option<&Word> = None;
    for w in words {
        if let Some(p) = last
            && w.x0 - p.x1 > 0.1 * p.height().min(w.height())
        {
            out.push(' ');
        }
        out.push_str(w.text.trim());
        last = Some(w);
    }
    out
}

/// Append the next line of a cell: Japanese without a space, English with one (as
/// [`super::wrap`] joins lines).
fn join_cell(cell: &mut String, more: &str) {
    let narrow = |c: Option<char>| c.is_some_and(|c| (c as u32) < 0x1100);
    if narrow(cell.chars().last()) && narrow(more.chars().next()) {
        cell.push(' ');
    }
    cell.push_str(more);
}

/// `multi-`: a line ending in a hyphen after a letter.
fn hyphenated(text: &str) -> bool {
    let mut end = text.chars().rev();
    end.next() == Some('-') && end.next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Write a page as the reading-order mode does, each table's rows in place of its lines.
fn write_page(page: &Page, tables: &[Table], out: &mut String) {
    let count = page.flows.iter().map(Vec::len).sum();
    let mut owner: Vec<Option<usize>> = vec![None; count];
    for (t, table) in tables.iter().enumerate() {
        for &i in &table.lines {
            owner[i] = Some(t);
        }
    }
    // Per table: written yet, and how many of its lines its rows stand in for.
    let mut written = vec![false; tables.len()];
    let mut credit = vec![0usize; tables.len()];
    let mut index = 0;
    for flow in &page.flows {
        for (j, line) in flow.iter().enumerate() {
            let t = owner[index];
            index += 1;
            match t {
                None => {
                    let text = words_text(&line.words);
                    out.push_str(&text);
                    // A word hyphenated at the line's end goes on, as in the reading-order
                    // mode (which drops the hyphen; it is kept here: `multi-tenant`).
                    let next_free = j + 1 < flow.len() && owner[index].is_none();
                    if !(next_free && hyphenated(&text)) {
                        out.push('\n');
                    }
                }
                Some(t) if !written[t] => {
                    written[t] = true;
                    for row in &tables[t].rows {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                    credit[t] = tables[t].rows.len() - 1;
                }
                Some(t) if credit[t] > 0 => credit[t] -= 1,
                Some(_) => out.push('\n'),
            }
        }
        // The end of a flow.
        out.push('\n');
    }
    out.push('\u{c}');
}

/// A table found on a page: the page's lines it is made of (by index in reading order,
/// flows one after the other), and its rows of cells (at least one, as many as lines at most).
#[derive(Debug)]
struct Table {
    lines: Vec<usize>,
    rows: Vec<Vec<String>>,
}

/// A table's columns: where each starts, and the span its text covers.
#[derive(Clone, Debug)]
struct Columns {
    spans: Vec<(f64, f64)>,
}

impl Columns {
    /// The column a piece of text is over.
    fn over(&self, piece: &(f64, f64)) -> Option<usize> {
        self.spans
            .iter()
            .position(|s| piece.0 < s.1 + ALIGN && s.0 - ALIGN < piece.1)
    }
}

/// A text row of a page: the words at one height, left to right, each with its line.
#[derive(Debug)]
struct Band<'a> {
    y0: f64,
    y1: f64,
    words: Vec<(usize, &'a Word)>,
    /// Where each piece starts and ends: text after a wide gap, or starting a line.
    pieces: Vec<(f64, f64)>,
}

impl Band<'_> {
    fn height(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
}

/// Columns within this many points start together.
const ALIGN: f64 = 2.0;
/// A gap of this many times the text height parts two pieces of a row: a space, even a
/// half-width one in a Japanese font (half the height), is less; table cells are set
/// apart by their margins (Word: 0.19 cm each side).
const PIECE_GAP: f64 = 0.8;
/// Rows with more pieces than this are not a table's (bounds the work on odd pages).
const MAX_PIECES: usize = 24;
/// A table has at most this many rows of text on a page (bounds the search).
const MAX_BANDS: usize = 150;
/// Runs of rows tried as tables on one page: a page has a few dozen rows of text; this
/// bounds the work on a page made to have a hundred thousand.
const MAX_TRIES: usize = 1000;

/// The page's lines in text rows, top to bottom.
fn bands<'a>(lines: &[&'a Line]) -> Vec<Band<'a>> {
    let mut items: Vec<(usize, &Line, f64, f64)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.words.is_empty())
        .map(|(i, l)| {
            let y0 = l.words.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
            let y1 = l
                .words
                .iter()
                .map(|w| w.y1)
                .fold(f64::NEG_INFINITY, f64::max);
            (i, *l, y0, y1)
        })
        .collect();
    items.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    let mut bands: Vec<Band> = Vec::new();
    for (i, line, y0, y1) in items {
        let middle = (y0 + y1) / 2.0;
        match bands.last_mut() {
            Some(b) if middle >= b.y0 && middle <= b.y1 => {
                b.y1 = b.y1.max(y1);
                b.words.extend(line.words.iter().map(|w| (i, w)));
            }
            _ => bands.push(Band {
                y0,
                y1,
                words: line.words.iter().map(|w| (i, w)).collect(),
                pieces: Vec::new(),
            }),
        }
    }
    for b in &mut bands {
        b.words.sort_by(|a, c| a.1.x0.total_cmp(&c.1.x0));
        let h = b.height();
        let mut last: Option<(usize, f64)> = None;
        for &(line, w) in &b.words {
            let split = last.is_none_or(|(l, x1)| l != line || w.x0 - x1 > PIECE_GAP * h);
            match b.pieces.last_mut() {
                Some(p) if !split => p.1 = p.1.max(w.x1),
                _ => b.pieces.push((w.x0, w.x1)),
            }
            last = Some((line, w.x1));
        }
    }
    bands
}

/// The tables of a page's lines, and the columns of one that runs to the page's foot (to
/// be continued on the next page).
fn tables(lines: &[&Line], carried: Option<Columns>) -> (Vec<Table>, Option<Columns>) {
    let bands = bands(lines);
    let mut found = Vec::new();
    let mut last = None;
    let mut i = 0;
    // Where the last table found ends.
    let mut done = 0;
    let mut tries = 0;
    while i < bands.len() && tries < MAX_TRIES {
        // A table continued from the previous page: among the page's first rows, one whose
        // pieces are over its columns, one each, or a single piece starting where a column
        // after the first does (a cell's text going on; not a running header, nor a line
        // at the margin).
        let carry = carried.as_ref().filter(|c| {
            let pieces = &bands[i].pieces;
            let mut at: Vec<Option<usize>> = pieces.iter().map(|p| c.over(p)).collect();
            at.dedup();
            let aligned = |p: &(f64, f64)| c.spans[1..].iter().any(|s| (s.0 - p.0).abs() <= ALIGN);
            i < 3
                && if pieces.len() >= 2 {
                    at.len() == pieces.len() && at.iter().all(Option::is_some)
                } else {
                    pieces.iter().all(aligned)
                }
        });
        let Some(end) = run_end(&bands, i, carry) else {
            i += 1;
            continue;
        };
        tries += 1;
        match build(&bands[i..end], carry) {
            Some((table, columns, used)) => {
                // A header cell that wrapped can start above the others (centred on them).
                let table = if i > done && leads(&bands[i - 1], &bands[i], &columns) {
                    Table::of(&bands[i - 1..i + used], &columns)
                } else {
                    table
                };
                i += used;
                done = i;
                if i + 2 >= bands.len() {
                    last = Some(columns);
                }
                found.push(table);
            }
            None => i += 1,
        }
    }
    (found, last)
}

/// Where a run of rows that may be a table, starting at `i`, ends (exclusive); `None` when
/// row `i` cannot start one (a single piece, and no table to continue).
fn run_end(bands: &[Band], i: usize, carried: Option<&Columns>) -> Option<usize> {
    let multi = |b: &Band| (2..=MAX_PIECES).contains(&b.pieces.len());
    let first = &bands[i];
    if !multi(first) && carried.is_none() {
        return None;
    }
    let left = carried
        .and_then(|c| c.spans.first())
        .map_or(first.pieces[0].0, |s| s.0.min(first.pieces[0].0));
    let close = |a: &Band, b: &Band| b.y0 - a.y1 < 2.5 * a.height().max(b.height());
    let mut end = i + 1;
    while end < bands.len() && end - i < MAX_BANDS {
        let (prev, next) = (&bands[end - 1], &bands[end]);
        // A single piece right of the first column is a cell's wrapped text; one in the
        // first column is only between rows (a first cell wrapped), else it is the text
        // after the table.
        let continues = next.pieces.len() == 1
            && (next.pieces[0].0 > left + ALIGN
                || bands
                    .get(end + 1)
                    .is_some_and(|after| multi(after) && close(next, after)));
        if !close(prev, next) || !(multi(next) || continues || last_wrap(&bands[i..=end])) {
            break;
        }
        end += 1;
    }
    Some(end)
}

/// Whether the last row of text of `run`, one piece at the margin, is the first cell of the
/// row above wrapped: it follows at the least pitch of the run, which is that of wrapped
/// lines (less than that of its rows).
fn last_wrap(run: &[Band]) -> bool {
    let pitch: Vec<f64> = run.windows(2).map(|w| w[1].y0 - w[0].y0).collect();
    let (Some((&last, before)), Some(h)) = (pitch.split_last(), run.last().map(Band::height))
    else {
        return false;
    };
    let least = before.iter().copied().fold(f64::INFINITY, f64::min);
    let most = before.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    run.last().is_some_and(|b| b.pieces.len() == 1)
        && least < most - 0.2 * h
        && last <= least + 0.2 * h
}

/// The table made of the first rows of `run` whose pieces line up in columns (those of
/// the table `carried` on from the previous page, if given), and how many rows it takes:
/// a row with a word across a column's left edge ends it (the header row may cross: it is
/// often centred).
fn build(run: &[Band], carried: Option<&Columns>) -> Option<(Table, Columns, usize)> {
    let mut run = run;
    // Each round drops at least one row; a few are enough for real tables.
    let mut rounds = 0;
    let columns = loop {
        rounds += 1;
        if rounds > 8 {
            return None;
        }
        let columns = match carried {
            Some(c) => c.clone(),
            None => columns(run)?,
        };
        let in_first = |b: &Band| b.words.iter().any(|(_, w)| column_of(w, &columns) == 0);
        // The header row: the first row of text, and those after it with nothing in the
        // first column (a header cell that wrapped).
        let header = 1 + run.iter().skip(1).take_while(|b| !in_first(b)).count();
        let crossing = run.iter().skip(header).position(|b| {
            b.words.iter().any(|(_, w)| {
                columns.spans[1..]
                    .iter()
                    .any(|s| w.x0 < s.0 - ALIGN && w.x1 > s.0 + ALIGN)
            })
        });
        match crossing {
            None => break columns,
            Some(k) => run = &run[..header + k],
        }
    };
    Some((Table::of(run, &columns), columns, run.len()))
}

/// Whether `band` is the first line of a header cell above the header row `first`: close
/// above it, nothing in the first column, each piece over a column.
fn leads(band: &Band, first: &Band, columns: &Columns) -> bool {
    first.y0 - band.y1 < 0.5 * first.height()
        && band
            .pieces
            .iter()
            .all(|p| columns.over(p).is_some_and(|k| k > 0))
}

impl Table {
    fn of(run: &[Band], columns: &Columns) -> Table {
        let mut lines: Vec<usize> = run
            .iter()
            .flat_map(|b| b.words.iter().map(|w| w.0))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        Table {
            lines,
            rows: rows(run, columns),
        }
    }
}

/// The columns of a run: piece starts that line up in two rows or more, at least two, and
/// the pieces of its first row that are over none of them.
fn columns(run: &[Band]) -> Option<Columns> {
    let mut starts: Vec<(f64, f64, usize)> = run
        .iter()
        .enumerate()
        .flat_map(|(k, b)| b.pieces.iter().map(move |p| (p.0, p.1, k)))
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut k = 0;
    while k < starts.len() {
        let mut end = k + 1;
        while end < starts.len() && starts[end].0 - starts[k].0 <= ALIGN {
            end += 1;
        }
        let group = &starts[k..end];
        let mut rows: Vec<usize> = group.iter().map(|s| s.2).collect();
        rows.sort_unstable();
        rows.dedup();
        if rows.len() >= 2 {
            let x1 = group.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
            spans.push((group[0].0, x1));
        }
        k = end;
    }
    if spans.len() < 2 {
        return None;
    }
    // A heading over a column with nothing in it on this page (the marks of a party that
    // owns only the layers on the next page) is a column too.
    let overlaps = |p: &(f64, f64), s: &(f64, f64)| p.0 < s.1 && s.0 < p.1;
    let lone: Vec<(f64, f64)> = run[0]
        .pieces
        .iter()
        .filter(|p| !spans.iter().any(|s| overlaps(p, s)))
        .copied()
        .collect();
    spans.extend(lone);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(Columns { spans })
}

/// The column a word belongs to: the one whose span it overlaps most, else the last that
/// starts left of it.
fn column_of(w: &Word, columns: &Columns) -> usize {
    let overlap = |s: &(f64, f64)| (w.x1.min(s.1) - w.x0.max(s.0)).max(0.0);
    let best = columns
        .spans
        .iter()
        .enumerate()
        .max_by(|a, b| overlap(a.1).total_cmp(&overlap(b.1)).then(b.0.cmp(&a.0)));
    match best {
        Some((k, s)) if overlap(s) > 0.0 => k,
        _ => columns
            .spans
            .iter()
            .rposition(|s| s.0 - ALIGN <= w.x0)
            .unwrap_or(0),
    }
}

/// The rows of a run. A row of text without text in the first column continues the cells
/// above (a cell's text wrapped); so does one with text there, if it follows at the pitch
/// of such a wrapped line where the table's rows are set further apart (a first cell
/// wrapped). Pitch (top to top), not gap: cells wrap in fonts of different sizes.
fn rows(run: &[Band], columns: &Columns) -> Vec<Vec<String>> {
    let cells: Vec<Vec<String>> = run.iter().map(|b| cells(b, columns)).collect();
    let pitch: Vec<f64> = run.windows(2).map(|w| w[1].y0 - w[0].y0).collect();
    let slack = 0.2 * run.iter().map(Band::height).fold(f64::INFINITY, f64::min);
    let wrapped = (1..run.len())
        .filter(|&k| cells[k][0].is_empty())
        .map(|k| pitch[k - 1])
        .fold(f64::INFINITY, f64::min);
    let spaced = (1..run.len()).any(|k| !cells[k][0].is_empty() && pitch[k - 1] > wrapped + slack);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (k, band) in cells.into_iter().enumerate() {
        let tight = k > 0 && spaced && pitch[k - 1] <= wrapped + slack;
        match rows.last_mut() {
            // Also the header row after the first line of a header cell above it.
            Some(row) if band[0].is_empty() || tight || (k == 1 && row[0].is_empty()) => {
                for (cell, more) in row.iter_mut().zip(&band) {
                    join_cell(cell, more);
                }
            }
            _ => rows.push(band),
        }
    }
    rows
}

/// A row of text cut into the table's cells.
fn cells(band: &Band, columns: &Columns) -> Vec<String> {
    let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); columns.spans.len()];
    for (_, w) in &band.words {
        cells[column_of(w, columns)].push(w);
    }
    cells
        .into_iter()
        .map(|c| words_text(c).replace('\t', " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f64, y0: f64, text: &str) -> String {
        let x1 = x0 + 11.0 * text.chars().count() as f64;
        format!(
            r#"<word xMin="{x0}" yMin="{y0}" xMax="{x1}" yMax="{}">{text}</word>"#,
            y0 + 11.0
        )
    }

    fn doc(flows: &[Vec<Vec<String>>]) -> String {
        let mut xml = String::from(r#"<html><body><doc><page width="595" height="842">"#);
        for flow in flows {
            xml.push_str("<flow><block>");
            for line in flow {
                xml.push_str(&format!("<line>{}</line>", line.concat()));
            }
            xml.push_str("</block></flow>");
        }
        xml.push_str("</page></doc></body></html>");
        xml
    }

    #[test]
    fn text_as_the_reading_order_mode_writes_it() {
        let xml = doc(&[
            vec![vec![word(60.0, 30.0, "見出し")]],
            vec![
                vec![word(60.0, 80.0, "ISO/IEC"), word(150.0, 80.0, "27017")],
                vec![word(60.0, 95.0, "a&amp;b")],
            ],
        ]);
        assert_eq!(text(&xml).unwrap(), "見出し\n\nISO/IEC 27017\na&b\n\n\u{c}");
    }

    #[test]
    fn a_table_becomes_rows_in_place_of_its_lines() {
        let xml = doc(&[
            vec![vec![word(60.0, 60.0, "前文です。")]],
            vec![vec![word(60.0, 100.0, "版数")]],
            vec![vec![word(130.0, 100.0, "日付")]],
            vec![vec![
                word(60.0, 118.0, "第1.0版"),
                word(130.0, 118.0, "2024/4/1"),
            ]],
            vec![
                vec![word(250.0, 100.0, "内容")],
                vec![word(250.0, 118.0, "初版")],
                vec![
                    word(60.0, 136.0, "第1.1版"),
                    word(130.0, 136.0, "2024/10/1"),
                    word(250.0, 136.0, "見直し、"),
                ],
                vec![word(250.0, 147.5, "追加")],
            ],
            vec![vec![word(60.0, 200.0, "後文です。")]],
        ]);
        let text = text(&xml).unwrap();
        // Seven lines and six flow ends: three rows, four empty lines, six flow ends.
        let rows = "版数\t日付\t内容\n第1.0版\t2024/4/1\t初版\n第1.1版\t2024/10/1\t見直し、追加\n";
        assert_eq!(
            text,
            format!("前文です。\n\n{rows}{}後文です。\n\n\u{c}", "\n".repeat(8))
        );
    }

    #[test]
    fn odd_coordinates_never_panic() {
        for v in ["NaN", "-inf", "1e308", "-5", "", "x"] {
            let xml = format!(
                r#"<doc><page><flow><line><word xMin="{v}" yMin="{v}" xMax="{v}" yMax="{v}">語</word><word xMin="{v}" yMin="1" xMax="3" yMax="{v}">語</word></line><line><word xMin="{v}" yMin="{v}" xMax="{v}" yMax="{v}">語</word></line></flow></page></doc>"#
            );
            assert!(text(&xml).unwrap().contains('語'), "{v}");
        }
    }
}
