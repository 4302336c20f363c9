//! `import`: an existing whitepaper (plain text, Markdown, DOCX or PDF) → a schema-v1 catalog.
//!
//! Nothing is lost: every non-empty input line ends up in a statement, a section, or the
//! catalog's `unplaced` lists (table of contents, cover lines read as metadata, table rows
//! turned into revisions or the responsibility table, page headers and footers, and anything
//! not placed at all). Text and PDF are read as pages: furniture out first, then wrapped
//! lines joined (a joined paragraph holds each line unchanged, so every line is still found
//! in the catalog once line breaks are ignored).

mod blocks;
mod docx;
mod furniture;
mod layout;
mod pdf;
mod recognise;
mod wrap;

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::catalog::{MAX_TEXT_BYTES, parse_catalog};
use crate::check::{CheckOptions, Code, Finding, Severity, check};
use crate::input::{Limit, Size};
use crate::reference::{ClauseId, IdStyle, Lang};
pub use blocks::DOCX_XML_LIMIT;
use blocks::{Block, Kind};
pub use recognise::Found;

/// A whitepaper, DOCX images included, is a few MiB; the importer reads it whole.
pub const IMPORT_LIMIT: Limit = Limit {
    bytes: 64 * 1024 * 1024,
    what: "a whitepaper to import",
    advice: "is this the right file?",
};

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    Txt,
    Md,
    Docx,
    /// A PDF, read through poppler's `pdftotext`.
    Pdf,
}

impl From {
    /// From the file extension; plain text otherwise.
    pub fn guess(path: &Path) -> From {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => From::Md,
            Some("docx") => From::Docx,
            Some("pdf") => From::Pdf,
            _ => From::Txt,
        }
    }
}

/// The outcome of an import: the catalog text and what the importer did.
pub struct Imported {
    pub yaml: String,
    pub report: Report,
}

#[derive(Debug, Serialize)]
pub struct Report {
    /// The document's language, which the report is written in.
    pub language: Lang,
    /// Clause sections found, as the catalog writes them.
    pub clauses: Vec<String>,
    pub repairs: Vec<String>,
    /// Headings read by their title alone or by their number alone, each with its line.
    pub guesses: Vec<String>,
    /// What the reader must settle (a revision without a date), each with its line.
    pub warnings: Vec<String>,
    pub sections: usize,
    pub revisions: usize,
    pub responsibility: bool,
    pub toc_lines: usize,
    pub cover_lines: usize,
    pub heading_lines: usize,
    pub structured_lines: usize,
    /// Lines placed nowhere (kept under `unplaced.other`).
    pub unplaced_lines: usize,
    /// Running headers, footers and page numbers (kept under `unplaced.furniture`).
    pub furniture_lines: usize,
    /// Baseline clauses the document lacks: the gaps `check` reports.
    pub missing: Vec<String>,
    /// What `kanrisaku check` will say about the written catalog.
    pub check: Checked,
}

/// Everything `kanrisaku check` (with its defaults) reports on the written catalog, lines
/// counted in the catalog: the report must not call a catalog complete that `check` fails.
#[derive(Debug, Serialize)]
pub struct Checked {
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

/// The importer wrote a catalog that does not load: a bug in the importer, never in the
/// input. Typed so that the fuzz targets and property tests can tell it from a refusal.
#[derive(Debug, thiserror::Error)]
#[error("internal error: the imported catalog does not load ({0})")]
pub struct Unloadable(pub crate::catalog::LoadError);

/// Read `bytes` as `from` and build a catalog.
pub fn import(bytes: &[u8], from: From, service_id: &str, source_name: &str) -> Result<Imported> {
    let mut furniture = Vec::new();
    let blocks = match from {
        From::Docx => blocks::from_docx(bytes)?,
        From::Md => blocks::from_markdown(utf8(bytes)?),
        From::Txt => paged(utf8(bytes)?, &mut furniture),
        From::Pdf => paged(&pdf::text(bytes)?, &mut furniture),
    };
    if blocks.is_empty() {
        bail!("{source_name}: no text found");
    }
    let found = recognise::recognise(blocks);
    let yaml = emit(&found, &furniture, service_id, source_name)?;
    // The result must be a catalog `check` loads; its gaps are the report's missing clauses.
    let catalog = parse_catalog(Path::new(source_name), yaml.clone()).map_err(Unloadable)?;
    // The options `kanrisaku check` defaults to; only the review-age rule reads `today`,
    // and an import writes no `reviewed` date, so the clock never shows in the output.
    let checked = check(
        std::slice::from_ref(&catalog),
        &CheckOptions {
            today: chrono::Local::now().date_naive(),
            review_max_age_days: crate::check::DEFAULT_REVIEW_MAX_AGE_DAYS,
            workspace: None,
            lang: found.lang,
        },
    );
    let style = if found.annex {
        IdStyle::Annex
    } else {
        IdStyle::Plain
    };
    let report = Report {
        language: found.lang,
        clauses: found.clauses.iter().map(|c| c.id.display(style)).collect(),
        repairs: found.repairs.clone(),
        guesses: found.guesses.clone(),
        warnings: found
            .warnings
            .iter()
            .cloned()
            .chain(catalog.document.date.is_none().then(|| {
                "no date found: document.date is left out, and `check` reports it (missing-date) until you set it".to_string()
            }))
            .collect(),
        sections: found.sections.len(),
        revisions: found.revisions.len(),
        responsibility: found.responsibility.is_some(),
        toc_lines: found.leftovers.toc.len(),
        cover_lines: found.leftovers.cover.len(),
        heading_lines: found.leftovers.headings.len(),
        structured_lines: found.leftovers.structured.len(),
        unplaced_lines: found.leftovers.other.len(),
        furniture_lines: furniture.len(),
        missing: checked
            .findings
            .iter()
            .filter(|f| f.code == Code::CoverageGap)
            .filter_map(Finding::shown)
            .collect(),
        check: Checked {
            errors: checked.count(Severity::Error),
            warnings: checked.count(Severity::Warning),
            findings: checked.findings,
        },
    };
    Ok(Imported { yaml, report })
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .context("not UTF-8 text; save the document as UTF-8 (or give --from docx or pdf)")
}

/// Text as pages (form feeds): furniture out into `furniture`, then lines → blocks, then
/// wrapped lines joined.
fn paged(text: &str, furniture: &mut Vec<String>) -> Vec<Block> {
    let paged = furniture::strip(text);
    *furniture = paged.furniture;
    let blocks = blocks::from_text(&paged.text);
    let lines: Vec<&str> = paged.text.split('\n').collect();
    wrap::join(blocks, &lines, &paged.page_starts)
}

/// Blocks → Markdown: paragraphs apart, list items as a list, rows as a table.
fn markdown(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let run = |kind: &Kind| blocks[i..].iter().take_while(|b| &b.kind == kind).count();
        match &blocks[i].kind {
            Kind::Item => {
                let n = run(&Kind::Item);
                parts.push(
                    blocks[i..i + n]
                        .iter()
                        .map(|b| format!("- {}", b.text))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                i += n;
            }
            Kind::Row => {
                let n = run(&Kind::Row);
                parts.push(table(&blocks[i..i + n]));
                i += n;
            }
            _ => {
                parts.push(blocks[i].text.clone());
                i += 1;
            }
        }
    }
    parts.join("\n\n")
}

fn table(rows: &[Block]) -> String {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1).max(1);
    let line = |cells: &[String]| {
        let mut out = String::from("|");
        for k in 0..width {
            let cell = cells
                .get(k)
                .map(|c| c.replace('|', "\\|"))
                .unwrap_or_default();
            out.push_str(&format!(" {cell} |"));
        }
        out
    };
    let mut out = vec![line(&rows[0].cells), format!("|{}", "---|".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(&r.cells)));
    out.join("\n")
}

/// A YAML mapping that keeps its order.
struct Ordered<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct OutService {
    id: String,
    name: String,
    provider: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct OutRevision {
    version: String,
    date: String,
    summary: String,
}

#[derive(Serialize)]
struct OutDocument {
    title: String,
    version: String,
    /// Left out when the document gives no date: `check` then asks for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    language: Lang,
    standard: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotate: Option<&'static str>,
    id_style: IdStyle,
    revisions: Vec<OutRevision>,
    #[serde(skip_serializing_if = "OutCover::is_empty")]
    cover: OutCover,
}

#[derive(Serialize)]
struct OutCover {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    above: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    below: Vec<String>,
}

impl OutCover {
    fn is_empty(&self) -> bool {
        self.above.is_empty() && self.below.is_empty()
    }
}

#[derive(Serialize)]
struct OutSection {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    title: String,
    /// Empty only for a heading whose text is all in its subsections.
    #[serde(skip_serializing_if = "String::is_empty")]
    body: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<OutSection>,
}

#[derive(Serialize)]
struct OutLayer {
    layer: String,
    owner: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct OutResponsibility {
    parties: Ordered<String>,
    layers: Vec<OutLayer>,
}

#[derive(Serialize)]
struct OutControl {
    status: &'static str,
    statement: String,
}

#[derive(Serialize, Default)]
struct OutUnplaced {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    toc: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cover: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headings: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    structured: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    furniture: Vec<String>,
}

#[derive(Serialize)]
struct Out {
    kanrisaku: u32,
    service: OutService,
    document: OutDocument,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sections: Vec<OutSection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    responsibility: Option<OutResponsibility>,
    controls: Ordered<OutControl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unplaced: Option<OutUnplaced>,
}

/// Section ids from the words published whitepapers use for their front matter; `taken`
/// holds the ids given so far (a set: imports with 10k sections exist).
fn section_id(title: &str, taken: &mut HashSet<String>) -> String {
    const IDS: &[(&str, &str)] = &[
        ("はじめに", "introduction"),
        ("目的", "purpose"),
        ("適用範囲", "scope"),
        ("用語", "terms"),
        ("問い合わせ", "contact"),
        ("窓口", "contact"),
        ("責任分界", "responsibility"),
        ("記載内容", "contents-note"),
        ("27017", "iso27017"),
        ("注記", "notes"),
        ("introduction", "introduction"),
        ("purpose", "purpose"),
        ("scope", "scope"),
        ("term", "terms"),
        ("contact", "contact"),
        ("responsib", "responsibility"),
        ("notes", "notes"),
    ];
    let lower = title.to_lowercase();
    let base = IDS.iter().find(|(w, _)| lower.contains(w)).map_or_else(
        || format!("section-{}", taken.len() + 1),
        |(_, id)| id.to_string(),
    );
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A statement or section body within what a catalog may hold ([`MAX_TEXT_BYTES`]): the
/// catalog written must load, and splitting a document's part is the author's call.
fn bounded(text: String, what: impl FnOnce() -> String) -> Result<String> {
    if text.len() as u64 > MAX_TEXT_BYTES {
        bail!(
            "{} is {}; a statement or section may be at most {}: split that part of the document",
            what(),
            Size(text.len() as u64),
            Size(MAX_TEXT_BYTES)
        );
    }
    Ok(text)
}

/// Sections and their subsections, ids unique across both levels (anchors share a page).
fn out_sections(
    found: &[recognise::FoundSection],
    ids: &mut HashSet<String>,
) -> Result<Vec<OutSection>> {
    found
        .iter()
        .map(|s| {
            Ok(OutSection {
                id: section_id(&s.title, ids),
                number: s.number.clone(),
                title: s.title.clone(),
                body: bounded(markdown(&s.body), || format!("the section 「{}」", s.title))?,
                sections: out_sections(&s.subsections, ids)?,
            })
        })
        .collect()
}

fn emit(
    found: &Found,
    furniture: &[String],
    service_id: &str,
    source_name: &str,
) -> Result<String> {
    let style = if found.annex {
        IdStyle::Annex
    } else {
        IdStyle::Plain
    };
    let latest = found.revisions.iter().max_by_key(|r| r.date);
    let service_name = found
        .service_name
        .clone()
        .unwrap_or_else(|| service_id.to_string());
    let mut ids = HashSet::new();
    let sections = out_sections(&found.sections, &mut ids)?;
    let mut controls: Vec<(String, OutControl)> = Vec::new();
    let mut seen: HashSet<&ClauseId> = HashSet::new();
    for c in &found.clauses {
        let mut key = c.id.display(style);
        if !seen.insert(&c.id) {
            // A second section for the same clause: keep its text, under a key check flags.
            key = format!("{key} (line {})", c.line);
        }
        let statement = bounded(markdown(&c.body), || {
            format!("line {}: the text of clause {key}", c.line)
        })?;
        controls.push((
            key,
            OutControl {
                status: "implemented",
                statement,
            },
        ));
    }
    let leftovers = &found.leftovers;
    let unplaced = OutUnplaced {
        toc: leftovers.toc.clone(),
        cover: leftovers.cover.clone(),
        headings: leftovers.headings.clone(),
        structured: leftovers.structured.clone(),
        other: leftovers.other.clone(),
        furniture: furniture.to_vec(),
    };
    let empty = unplaced.toc.is_empty()
        && unplaced.furniture.is_empty()
        && unplaced.cover.is_empty()
        && unplaced.structured.is_empty()
        && unplaced.other.is_empty();
    let date = found.date.or(latest.map(|r| r.date));
    let out = Out {
        kanrisaku: 1,
        service: OutService {
            id: service_id.to_string(),
            name: service_name.clone(),
            provider: found
                .provider
                .clone()
                .unwrap_or_else(|| crate::t!(found.lang, "import-provider")),
            url: found.url.clone(),
        },
        document: OutDocument {
            title: found.title.clone().unwrap_or_else(|| {
                crate::t!(found.lang, "import-title", service = service_name.as_str())
            }),
            version: found
                .version
                .clone()
                .or(latest.map(|r| r.version.clone()))
                .unwrap_or_else(|| "1.0".into()),
            date: date.map(|d| d.to_string()),
            language: found.lang,
            standard: "iso27017:2015",
            annotate: found.annotated.then_some("iso27002:2022"),
            id_style: style,
            revisions: found
                .revisions
                .iter()
                .map(|r| OutRevision {
                    version: r.version.clone(),
                    date: r.date.to_string(),
                    summary: r.summary.clone(),
                })
                .collect(),
            cover: OutCover {
                above: found.cover_above.clone(),
                below: found.cover_below.clone(),
            },
        },
        sections,
        responsibility: found.responsibility.as_ref().map(|r| OutResponsibility {
            parties: Ordered(r.parties.clone()),
            layers: r
                .layers
                .iter()
                .map(|(l, o, n)| OutLayer {
                    layer: l.clone(),
                    owner: o.clone(),
                    note: n.clone(),
                })
                .collect(),
        }),
        controls: Ordered(controls),
        unplaced: (!empty).then_some(unplaced),
    };
    // Multi-line text as `|` blocks; long lines are never folded (Japanese has no spaces to fold at).
    let options = serde_saphyr::ser_options! { folded_wrap_chars: usize::MAX };
    let body =
        serde_saphyr::to_string_with_options(&out, options).context("cannot write the catalog")?;
    let mut yaml = format!(
        "# Imported by kanrisaku from {source_name}. Review every statement against the source,\n\
         # then delete `unplaced` once its lines are where they belong.\n"
    );
    if date.is_none() {
        yaml.push_str("# No date was found in the document: add document.date.\n");
    }
    yaml.push_str(&body);
    Ok(yaml)
}
