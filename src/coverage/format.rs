//! A [`Matrix`] as text (a terminal), Markdown and HTML (through the `coverage.md` and
//! `coverage.html` templates, the HTML guarded as the whitepaper is), CSV (RFC 4180) or JSON.
//!
//! Every format marks a cell with a symbol as well as a word or colour, so the HTML heat
//! map reads the same printed in greyscale. The text table is cut into blocks of services
//! that fit the terminal, each repeating the clause column, measured in display columns (a
//! Japanese title takes two per character).

use std::fmt::Write as _;
use std::ops::Range;

use anyhow::Result;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Cell, Matrix, Totals};
use crate::reference::Lang;
use crate::render::{TemplateSet, guard};
use crate::t;

/// Output formats of `coverage`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Md,
    Html,
    Csv,
    Json,
}

impl Cell {
    /// The mark in Markdown and HTML: full, part-filled, outline; shapes every Japanese
    /// font has (JIS X 0208), so that none falls back to a smaller font.
    pub fn symbol(self) -> &'static str {
        match self {
            Cell::Implemented => "●",
            Cell::Partial => "▲",
            Cell::Planned => "△",
            Cell::NotApplicable => "–",
            Cell::Gap => "✗",
        }
    }

    /// The mark in text: ASCII, because the symbols above are "ambiguous width" and take two
    /// columns in many Japanese terminals, which would break the alignment.
    pub fn code(self) -> &'static str {
        match self {
            Cell::Implemented => "impl",
            Cell::Partial => "part",
            Cell::Planned => "plan",
            Cell::NotApplicable => "n/a",
            Cell::Gap => "GAP",
        }
    }

    fn word(self, lang: Lang) -> String {
        t!(lang, &format!("coverage-status-{}", self.as_str()))
    }
}

/// The matrix in `format`, Markdown and HTML from `templates`; `width` is the terminal's
/// (text only; 0: no limit).
pub fn render(
    matrix: &Matrix,
    format: Format,
    templates: &TemplateSet,
    width: usize,
) -> Result<String> {
    Ok(match format {
        Format::Text => text(matrix, width),
        Format::Json => serde_json::to_string_pretty(matrix)? + "\n",
        Format::Csv => csv(matrix)?,
        Format::Md => templated(matrix, "coverage.md", templates)?,
        Format::Html => templated(matrix, "coverage.html", templates)?,
    })
}

// ---------------------------------------------------------------------------------------
// Text

/// A service column is at most this wide: with a longer label, columns are numbered and
/// a key lists the labels above the table.
const MAX_SERVICE_WIDTH: usize = 20;

/// Clause titles are cut beyond this: more services fit in each block.
const MAX_CLAUSE_WIDTH: usize = 48;

fn text(m: &Matrix, width: usize) -> String {
    let l = m.lang;
    let mut out = String::new();
    let limit = if width == 0 { usize::MAX } else { width };
    let legend: Vec<String> = Cell::ALL
        .iter()
        .map(|c| format!("{} = {}", c.code(), c.word(l)))
        .collect();
    let _ = writeln!(out, "{}", wrap(&heading(m), limit));
    let _ = writeln!(out, "{}\n", wrap(&legend.join(", "), limit));
    let labels = column_labels(m, &mut out);
    let widths: Vec<usize> = labels.iter().map(|s| s.width().max(4)).collect();
    let (clause_width, blocks) = layout(m, &widths, limit);
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let last = i + 1 == blocks.len();
        let table = text_block(m, block.clone(), &labels, &widths, clause_width, last);
        out.push_str(&table);
    }
    if !m.themes.is_empty() {
        out.push('\n');
        out.push_str(&text_themes(m));
    }
    for message in &m.unloaded {
        let message = crate::escape::control(message);
        let _ = writeln!(out, "\n{}", t!(l, "coverage-unloaded", message = message));
    }
    out
}

/// The width of the clause column, and the services of each block. The clause column takes
/// what the widest service leaves, up to [`MAX_CLAUSE_WIDTH`]; the totals per clause go with the
/// last block, or on their own when they do not fit beside it.
fn layout(m: &Matrix, widths: &[usize], limit: usize) -> (usize, Vec<Range<usize>>) {
    let widest = widths.iter().max().map_or(0, |w| w + 2);
    let clause_width = m
        .clauses
        .iter()
        .map(|r| r.id.width() + 1 + r.title.width())
        .max()
        .unwrap_or(0)
        .min(MAX_CLAUSE_WIDTH)
        .min(limit.saturating_sub(widest))
        .max(12);
    let mut blocks = blocks(widths, clause_width, limit);
    let l = m.lang;
    let totals = format!("{}/{}", m.totals.implemented, m.totals.cells);
    let totals_width = 4
        + t!(l, "coverage-implemented").width().max(totals.width())
        + t!(l, "coverage-gaps")
            .width()
            .max(m.totals.gap.to_string().width());
    let last = blocks.last().cloned().unwrap_or(0..0);
    let used: usize = clause_width + widths[last.clone()].iter().map(|w| w + 2).sum::<usize>();
    if !last.is_empty() && used + totals_width > limit {
        blocks.push(last.end..last.end);
    }
    (clause_width, blocks)
}

/// The service labels as column headers: themselves, or `#1`, `#2`… with a key written to
/// `out` when one is too long to head a column (cutting could make two read alike).
fn column_labels(m: &Matrix, out: &mut String) -> Vec<String> {
    let labels: Vec<String> = m
        .services
        .iter()
        .map(|s| crate::escape::control(&s.label).into_owned())
        .collect();
    if labels.iter().all(|l| l.width() <= MAX_SERVICE_WIDTH) {
        return labels;
    }
    let numbered: Vec<String> = (1..=labels.len()).map(|i| format!("#{i}")).collect();
    for (number, label) in numbered.iter().zip(&labels) {
        let _ = writeln!(out, "{number} = {label}");
    }
    out.push('\n');
    numbered
}

/// `Coverage of iso27017:2015/provider: 40 clauses × 2 services`.
fn heading(m: &Matrix) -> String {
    t!(
        m.lang,
        "coverage-heading",
        baseline = m.baseline.as_str(),
        clauses = m.clauses.len(),
        services = m.services.len()
    )
}

/// Services in runs that fit `limit` next to the clause column (at least one per run).
fn blocks(widths: &[usize], clause_width: usize, limit: usize) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut used = clause_width;
    for (i, w) in widths.iter().enumerate() {
        if i > start && used + 2 + w > limit {
            blocks.push(start..i);
            start = i;
            used = clause_width;
        }
        used += 2 + w;
    }
    blocks.push(start..widths.len());
    blocks
}

/// One block of services: a header, a row per clause, then the service totals; the last
/// block also carries the totals per clause.
fn text_block(
    m: &Matrix,
    block: Range<usize>,
    labels: &[String],
    widths: &[usize],
    clause_width: usize,
    last: bool,
) -> String {
    let l = m.lang;
    let (implemented, gaps) = (t!(l, "coverage-implemented"), t!(l, "coverage-gaps"));
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut header = vec![fit(&t!(l, "coverage-clause"), clause_width)];
    header.extend(block.clone().map(|i| fit(&labels[i], widths[i])));
    if last {
        header.extend([implemented.clone(), gaps.clone()]);
    }
    lines.push(header);
    for row in &m.clauses {
        let mut line = vec![fit(&format!("{} {}", row.id, row.title), clause_width)];
        line.extend(
            block
                .clone()
                .map(|i| row.cells[i].status.code().to_string()),
        );
        if last {
            let t = &row.totals;
            line.push(format!("{}/{}", t.implemented, t.cells));
            line.push(t.gap.to_string());
        }
        lines.push(line);
    }
    let footer = |name: String, cell: &dyn Fn(&Totals) -> String| {
        let mut line = vec![fit(&name, clause_width)];
        line.extend(block.clone().map(|i| cell(&m.services[i].totals)));
        if last {
            line.extend([cell(&m.totals), String::new()]);
        }
        line
    };
    lines.push(footer(implemented, &|t| {
        format!("{}/{}", t.implemented, t.cells)
    }));
    lines.push(footer(gaps, &|t| t.gap.to_string()));
    lines.push(footer(t!(l, "coverage-addressed"), &|t| {
        format!("{}%", t.addressed_percent)
    }));
    let mut column_widths = vec![clause_width];
    column_widths.extend(block.map(|i| widths[i]));
    if last {
        column_widths.extend([0, 0]);
    }
    aligned(&lines, &column_widths, m.clauses.len() + 1)
}

/// Lines of cells padded to `widths` (each at least its widest cell), two spaces apart,
/// with a rule under the header and before the line `rule_before`.
fn aligned(lines: &[Vec<String>], widths: &[usize], rule_before: usize) -> String {
    let widths: Vec<usize> = widths
        .iter()
        .enumerate()
        .map(|(c, w)| lines.iter().map(|l| l[c].width()).fold(*w, usize::max))
        .collect();
    let rule: String = widths
        .iter()
        .map(|w| "-".repeat(*w))
        .collect::<Vec<_>>()
        .join("  ");
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i == 1 || i == rule_before {
            let _ = writeln!(out, "{rule}");
        }
        let cells: Vec<String> = line.iter().zip(&widths).map(|(s, w)| pad(s, *w)).collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

fn text_themes(m: &Matrix) -> String {
    let l = m.lang;
    let mut lines = vec![vec![
        t!(l, "coverage-theme"),
        t!(l, "coverage-controls"),
        t!(l, "coverage-implemented"),
        t!(l, "coverage-addressed"),
    ]];
    for theme in &m.themes {
        lines.push(vec![
            format!("{} {}", theme.theme, theme.title),
            theme.controls.to_string(),
            format!("{}%", theme.totals.implemented_percent),
            format!("{}%", theme.totals.addressed_percent),
        ]);
    }
    aligned(&lines, &[0, 0, 0, 0], usize::MAX)
}

/// `text` broken at spaces into lines of at most `width` display columns (a longer word
/// stays whole).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// `s` padded with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// `s` cut to at most `width` display columns, `...` marking the cut.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let next = format!("{out}{c}");
        if next.width() + 3 > width {
            break;
        }
        out = next;
    }
    out + "..."
}

// ---------------------------------------------------------------------------------------
// CSV

/// One record per clause: id, title, (theme,) a status per service, the clause's counts.
/// Service totals are left to the spreadsheet, so every record is a clause.
fn csv(m: &Matrix) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let themed = !m.themes.is_empty();
    let mut header: Vec<String> = vec!["clause".into(), "title".into()];
    if themed {
        header.push("theme".into());
    }
    header.extend(m.services.iter().map(|s| inert_cell(&s.label)));
    header.extend(Cell::ALL.iter().map(|c| c.as_str().to_string()));
    w.write_record(&header)?;
    for row in &m.clauses {
        let mut record = vec![row.id.clone(), row.title.clone()];
        if themed {
            record.push(row.theme.clone().unwrap_or_default());
        }
        record.extend(row.cells.iter().map(|e| e.status.as_str().to_string()));
        record.extend(Cell::ALL.iter().map(|c| row.totals.count(*c).to_string()));
        w.write_record(&record)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula (OWASP's
/// "CSV injection"): such a label is opened as text by a leading `'`.
fn inert_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------------------
// Markdown and HTML

#[derive(Serialize)]
struct Page<'a> {
    lang: &'a str,
    t: std::collections::BTreeMap<String, String>,
    heading: String,
    legend: Vec<Mark>,
    matrix: &'a Matrix,
    rows: Vec<Vec<Mark>>,
}

/// A cell as the templates show it: class, symbol and word.
#[derive(Serialize)]
struct Mark {
    status: &'static str,
    symbol: &'static str,
    word: String,
}

impl Mark {
    fn of(cell: Cell, lang: Lang) -> Mark {
        Mark {
            status: cell.as_str(),
            symbol: cell.symbol(),
            word: cell.word(lang),
        }
    }
}

/// Markdown or HTML through the template `name`; the HTML is checked and given its
/// Content-Security-Policy as the whitepaper is.
fn templated(m: &Matrix, name: &str, templates: &TemplateSet) -> Result<String> {
    let l = m.lang;
    let page = Page {
        lang: l.as_str(),
        t: crate::i18n::labels(l, "coverage-page-"),
        heading: heading(m),
        legend: Cell::ALL.iter().map(|c| Mark::of(*c, l)).collect(),
        matrix: m,
        rows: m
            .clauses
            .iter()
            .map(|r| r.cells.iter().map(|e| Mark::of(e.status, l)).collect())
            .collect(),
    };
    let text = templates.render(name, &page)?;
    Ok(if name.ends_with(".html") {
        guard::html(&text, templates.origin(name))?
    } else {
        crate::render::tidy_markdown(&text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_display_columns() {
        assert_eq!(fit("5.1.1 方針", 20), "5.1.1 方針");
        let cut = fit("5.1.1 情報セキュリティのための方針群", 14);
        assert!(cut.width() <= 14, "{cut}");
        assert_eq!(cut, "5.1.1 情報...");
    }

    #[test]
    fn blocks_fit_the_width_and_keep_at_least_one_service() {
        assert_eq!(blocks(&[4, 4, 4], 10, 30), vec![0..3]);
        assert_eq!(blocks(&[4, 4, 4], 10, 22), vec![0..2, 2..3]);
        assert_eq!(blocks(&[16], 10, 12), vec![0..1]);
    }

    #[test]
    fn formula_labels_are_opened_as_text() {
        assert_eq!(inert_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(inert_cell("svc-a"), "svc-a");
    }
}
