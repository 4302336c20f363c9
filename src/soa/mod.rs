//! The Statement of Applicability: for each of the 93 controls of ISO/IEC 27001:2022
//! Annex A (the 27002:2022 controls), whether it applies, why not, how far it is
//! implemented and which service statements implement it.
//!
//! Catalogs → [`build`] → [`Row`]s → a writer ([`write`]). A decision comes from the
//! organisation's `soa.toml` when it has one for the control (the organisation's word is
//! the SoA), else from the statements the catalogs make for it, through the 2013→2022
//! mapping for catalogs in 2013 numbering. A control nobody decided is `undecided`.

mod decisions;
mod table;
mod xlsx;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use decisions::{Decision, Implementation};
pub use decisions::{Decisions, FILE_NAME};
pub use table::summary;

use crate::catalog::{self, Catalog, Pos};
use crate::reference::{Clause, ClauseId, Lang, Reference, StandardId};

/// Output formats of `soa`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Md,
    Json,
}

impl Format {
    /// The format a file name asks for (`soa.xlsx`), if its extension names one.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" => Format::Xlsx,
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Md,
            "json" => Format::Json,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Json => "json",
        }
    }
}

/// A control's place in the SoA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Implemented,
    Partial,
    Planned,
    NotApplicable,
    Undecided,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Implemented,
        Status::Partial,
        Status::Planned,
        Status::NotApplicable,
        Status::Undecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::Planned => "planned",
            Status::NotApplicable => "not-applicable",
            Status::Undecided => "undecided",
        }
    }

    /// The word people read in `lang` (xlsx, csv, md).
    pub fn label(self, lang: Lang) -> String {
        crate::i18n::message(lang, &format!("soa-status-{}", self.as_str()), None)
    }

    fn from_catalog(status: catalog::Status) -> Status {
        match status {
            catalog::Status::Implemented => Status::Implemented,
            catalog::Status::Partial => Status::Partial,
            catalog::Status::Planned => Status::Planned,
            catalog::Status::NotApplicable => Status::NotApplicable,
        }
    }
}

/// A service statement that answers a control.
#[derive(Clone, Debug, Serialize)]
pub struct Implementer {
    pub service: String,
    pub catalog: PathBuf,
    /// The clause as the catalog writes it (`A.9.1.1`, `5.15`).
    pub clause: String,
    pub line: u32,
    pub status: Status,
    #[serde(skip)]
    justification: String,
}

/// Where a control's decision was made.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case", tag = "by")]
pub enum Origin {
    /// The service catalogs' statements.
    Catalogs,
    /// An entry of the organisation's `soa.toml`.
    Decisions {
        file: PathBuf,
        line: u32,
        column: u32,
    },
    Undecided,
}

/// One control of Annex A.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: ClauseId,
    pub title_en: String,
    pub title_ja: String,
    /// organizational, people, physical, technological.
    pub theme: String,
    /// The 27002:2013 controls it replaces (none for the 11 new ones).
    pub from_2013: Vec<ClauseId>,
    /// `None` while undecided.
    pub applicable: Option<bool>,
    pub status: Status,
    pub justification: String,
    /// The organisation's own words on how it is implemented (`soa.toml`).
    pub implementation: String,
    pub implemented_by: Vec<Implementer>,
    pub decided_in: Origin,
}

/// The SoA of a workspace: every Annex A control in standard order, and the catalogs that
/// could not be read (as their one-line errors), which the output names.
#[derive(Clone, Debug, Serialize)]
pub struct Soa {
    pub standard: StandardId,
    pub rows: Vec<Row>,
    pub unloaded: Vec<String>,
    /// The newest `document.date` of the catalogs: the workbook's date, never the clock.
    #[serde(skip)]
    pub date: Option<chrono::NaiveDate>,
}

impl Soa {
    pub fn undecided(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.status == Status::Undecided)
    }
}

/// The SoA of `catalogs` with the organisation's `decisions`.
pub fn build(catalogs: &[Catalog], decisions: &Decisions, unloaded: Vec<String>) -> Soa {
    let reference = Reference::get();
    let mut implementers = implementers(catalogs);
    let rows = reference
        .standard(StandardId::Iso27002_2022)
        .clauses()
        .iter()
        .map(|clause| {
            let found = implementers.remove(&clause.id).unwrap_or_default();
            let decision = decisions.by_id.get(&clause.id);
            row(
                reference,
                clause,
                found,
                decision,
                decisions.path.as_deref(),
            )
        })
        .collect();
    Soa {
        standard: StandardId::Iso27002_2022,
        rows,
        unloaded,
        date: catalogs
            .iter()
            .filter_map(|c| c.document.date.as_ref().map(|d| d.value.0))
            .max(),
    }
}

/// Every statement of every catalog, under the 2022 controls it answers.
fn implementers(catalogs: &[Catalog]) -> HashMap<ClauseId, Vec<Implementer>> {
    let reference = Reference::get();
    let mut by_control: HashMap<ClauseId, Vec<Implementer>> = HashMap::new();
    for catalog in catalogs {
        let in_2022 = catalog.document.standard.value.is_2022();
        for control in &catalog.controls {
            let Some(id) = &control.id else { continue };
            let targets: &[ClauseId] = if in_2022 {
                std::slice::from_ref(id)
            } else {
                reference.to_2022(id)
            };
            for target in targets {
                by_control
                    .entry(target.clone())
                    .or_default()
                    .push(Implementer {
                        service: catalog.service.id.value.clone(),
                        catalog: catalog.path.clone(),
                        clause: control.key.value.clone(),
                        line: control.key.pos.line,
                        status: Status::from_catalog(control.entry.status.value),
                        justification: control
                            .entry
                            .justification
                            .as_ref()
                            .map(|j| j.value.trim().to_string())
                            .unwrap_or_default(),
                    });
            }
        }
    }
    by_control
}

fn row(
    reference: &Reference,
    clause: &Clause,
    implemented_by: Vec<Implementer>,
    decision: Option<&Decision>,
    decisions_file: Option<&std::path::Path>,
) -> Row {
    let (applicable, status, justification, implementation, decided_in) =
        match (decision, decisions_file) {
            (Some(d), Some(file)) => from_decision(d, file),
            _ => from_catalogs(&implemented_by),
        };
    Row {
        id: clause.id.clone(),
        title_en: clause.title_en.to_string(),
        title_ja: clause.title_ja.to_string(),
        theme: clause.theme.unwrap_or_default().to_string(),
        from_2013: reference.from_2013(&clause.id).to_vec(),
        applicable,
        status,
        justification,
        implementation,
        implemented_by,
        decided_in,
    }
}

type Decided = (Option<bool>, Status, String, String, Origin);

fn from_decision(d: &Decision, file: &std::path::Path) -> Decided {
    let Pos { line, column } = d.pos;
    let status = match d.status {
        Some(Implementation::Implemented) => Status::Implemented,
        Some(Implementation::Partial) => Status::Partial,
        Some(Implementation::Planned) => Status::Planned,
        None => Status::NotApplicable,
    };
    let origin = Origin::Decisions {
        file: file.to_path_buf(),
        line,
        column,
    };
    (
        Some(d.status.is_some()),
        status,
        d.justification.trim().to_string(),
        d.implementation.trim().to_string(),
        origin,
    )
}

/// The catalogs decide a control when they make a statement for it: excluded when every
/// statement is `not-applicable` (their justifications, each under its service), else
/// applicable, implemented when every applicable statement is, planned when every one is,
/// partial otherwise.
fn from_catalogs(found: &[Implementer]) -> Decided {
    if found.is_empty() {
        return (
            None,
            Status::Undecided,
            String::new(),
            String::new(),
            Origin::Undecided,
        );
    }
    let applying: Vec<Status> = found
        .iter()
        .map(|i| i.status)
        .filter(|s| *s != Status::NotApplicable)
        .collect();
    if applying.is_empty() {
        let why: Vec<String> = found
            .iter()
            .map(|i| format!("{} {}: {}", i.service, i.clause, i.justification))
            .collect();
        return (
            Some(false),
            Status::NotApplicable,
            why.join("\n"),
            String::new(),
            Origin::Catalogs,
        );
    }
    let status = if applying.iter().all(|s| *s == Status::Implemented) {
        Status::Implemented
    } else if applying.iter().all(|s| *s == Status::Planned) {
        Status::Planned
    } else {
        Status::Partial
    };
    (
        Some(true),
        status,
        String::new(),
        String::new(),
        Origin::Catalogs,
    )
}

/// The SoA as `format` bytes, headers and words in `lang`.
pub fn write(soa: &Soa, format: Format, lang: Lang) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(&Json::from(soa))?;
            bytes.push(b'\n');
            bytes
        }
        Format::Csv => table::csv(&table::Table::new(soa, lang)).into_bytes(),
        Format::Md => table::markdown(soa, &table::Table::new(soa, lang), lang).into_bytes(),
        Format::Xlsx => xlsx::write(&table::Table::new(soa, lang), soa, lang)?,
    })
}

/// The JSON document: counts first, for a reader that wants only them.
#[derive(Serialize)]
struct Json<'a> {
    standard: &'static str,
    count: usize,
    decided: usize,
    undecided: usize,
    unloaded: &'a [String],
    controls: &'a [Row],
}

impl<'a> From<&'a Soa> for Json<'a> {
    fn from(soa: &'a Soa) -> Self {
        let undecided = soa.undecided().count();
        Json {
            standard: "iso27001:2022/annex-a",
            count: soa.rows.len(),
            decided: soa.rows.len() - undecided,
            undecided,
            unloaded: &soa.unloaded,
            controls: &soa.rows,
        }
    }
}
