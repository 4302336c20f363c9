//! The SoA as a table of words in one language: the cells xlsx, csv and Markdown share, so
//! the three formats cannot disagree.

use super::{Origin, Row, Soa, Status};
use crate::reference::{Lang, Reference, StandardId};

/// Column ids, in order; each has a `soa-column-<id>` header and a width in characters.
pub const COLUMNS: [(&str, f64); 9] = [
    ("control", 9.0),
    ("title", 36.0),
    ("theme", 20.0),
    ("from-2013", 16.0),
    ("applicable", 10.0),
    ("status", 14.0),
    ("justification", 44.0),
    ("implemented-by", 44.0),
    ("decided-in", 18.0),
];

/// The index of the status column (the xlsx drop-down).
pub const STATUS_COLUMN: usize = 5;
/// The index of the applicable column (the xlsx drop-down).
pub const APPLICABLE_COLUMN: usize = 4;

pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(soa: &Soa, lang: Lang) -> Table {
        let headers = COLUMNS
            .iter()
            .map(|(id, _)| crate::i18n::message(lang, &format!("soa-column-{id}"), None))
            .collect();
        let rows = soa.rows.iter().map(|r| cells(r, lang)).collect();
        Table { headers, rows }
    }
}

fn cells(row: &Row, lang: Lang) -> Vec<String> {
    let reference = Reference::get();
    let theme = reference
        .standard(StandardId::Iso27002_2022)
        .clause(&row.id)
        .and_then(|c| reference.standard(StandardId::Iso27002_2022).group(c.group))
        .map(|g| match lang {
            Lang::Ja => g.title_ja,
            Lang::En => g.title_en,
        })
        .map_or_else(|| row.theme.clone(), str::to_string);
    let from: Vec<&str> = row.from_2013.iter().map(|id| id.as_str()).collect();
    let applicable = match row.applicable {
        Some(true) => crate::t!(lang, "soa-applicable-yes"),
        Some(false) => crate::t!(lang, "soa-applicable-no"),
        None => String::new(),
    };
    let mut by: Vec<String> = Vec::new();
    if !row.implementation.is_empty() {
        by.push(row.implementation.clone());
    }
    by.extend(row.implemented_by.iter().map(|i| {
        crate::t!(
            lang,
            "soa-implementer",
            service = i.service.clone(),
            clause = i.clause.clone(),
            status = i.status.label(lang)
        )
    }));
    let decided_in = match &row.decided_in {
        Origin::Catalogs => crate::t!(lang, "soa-origin-catalogs"),
        Origin::Decisions { file, line, column } => {
            format!("{}:{line}:{column}", file.display())
        }
        Origin::Undecided => String::new(),
    };
    let title = match lang {
        Lang::Ja => &row.title_ja,
        Lang::En => &row.title_en,
    };
    [
        row.id.to_string(),
        title.clone(),
        theme,
        from.join(", "),
        applicable,
        row.status.label(lang),
        row.justification.clone(),
        by.join("\n"),
        decided_in,
    ]
    .into_iter()
    .map(|c| visible(&c))
    .collect()
}

/// Text with line breaks kept and every other control character written as an escape: a
/// cell must not carry a terminal escape or a bidirectional override to the reader.
fn visible(text: &str) -> String {
    text.split('\n')
        .map(|line| crate::escape::control(line.trim_end_matches('\r')).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// RFC 4180 with CRLF line ends and a byte-order mark, so that a spreadsheet opens the
/// Japanese as UTF-8. A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`)
/// starts with `'`, as OWASP advises against CSV injection.
pub fn csv(table: &Table) -> String {
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&table.headers).chain(&table.rows) {
        let line: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\"").replace('\n', "\r\n"))
    } else {
        text
    }
}

/// A heading, the counts, the catalogs that were not read, then the table: catalog text
/// as text (no HTML, link or emphasis survives), line breaks as `<br>`.
pub fn markdown(soa: &Soa, table: &Table, lang: Lang) -> String {
    let undecided = soa.undecided().count();
    let mut out = format!(
        "# {}\n\n{}\n\n",
        crate::t!(lang, "soa-title"),
        summary(soa.rows.len(), undecided, lang)
    );
    for error in &soa.unloaded {
        out.push_str(&format!(
            "> {}\n\n",
            md_cell(&crate::t!(lang, "soa-unloaded", error = error.clone()))
        ));
    }
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&table.headers));
    out.push_str(&format!("|{}\n", "---|".repeat(table.headers.len())));
    for row in &table.rows {
        out.push_str(&line(row));
    }
    out
}

fn md_cell(text: &str) -> String {
    let mut escaped = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::render::templates::escape_markdown(text.trim(), &mut escaped);
    String::from_utf8_lossy(&escaped).replace('\n', "<br>")
}

/// "93 controls: 80 decided, 13 undecided".
pub fn summary(total: usize, undecided: usize, lang: Lang) -> String {
    crate::t!(
        lang,
        "soa-summary",
        total = total,
        decided = total - undecided,
        undecided = undecided
    )
}

/// The drop-down choices of the status column, in `lang`.
pub fn status_labels(lang: Lang) -> Vec<String> {
    Status::ALL.iter().map(|s| s.label(lang)).collect()
}
