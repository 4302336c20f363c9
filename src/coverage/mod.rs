//! The coverage matrix: services × the clauses of a baseline, for auditors who look across
//! services rather than at one catalog (`kanrisaku coverage`).
//!
//! Analysis only: loaded catalogs in, a [`Matrix`] out; [`format`] writes it. A catalog
//! numbered like the baseline is looked up clause by clause. Across the 2013↔2022 boundary
//! its statements are projected through the built-in mapping: a 2022 control's cell is made
//! from the statements of its 2013 predecessors the catalog has (and a 2013 clause's from
//! the 2022 successors'). Several statements in one cell give the weakest applicable status
//! (implemented > partial > planned), not-applicable only when every one of them is: a
//! control is no better covered than the least covered part of it that was written down.

pub mod format;

use std::collections::HashMap;

use serde::Serialize;

use crate::catalog::{Catalog, Status};
use crate::reference::{BaselineId, Clause, ClauseId, Lang, Reference, StandardId};

/// One cell: what a service says about a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cell {
    Implemented,
    Partial,
    Planned,
    NotApplicable,
    /// No statement for the clause (or for any clause mapped to it).
    Gap,
}

impl Cell {
    pub const ALL: [Cell; 5] = [
        Cell::Implemented,
        Cell::Partial,
        Cell::Planned,
        Cell::NotApplicable,
        Cell::Gap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Cell::Implemented => "implemented",
            Cell::Partial => "partial",
            Cell::Planned => "planned",
            Cell::NotApplicable => "not-applicable",
            Cell::Gap => "gap",
        }
    }

    fn of(status: Status) -> Cell {
        match status {
            Status::Implemented => Cell::Implemented,
            Status::Partial => Cell::Partial,
            Status::Planned => Cell::Planned,
            Status::NotApplicable => Cell::NotApplicable,
        }
    }

    /// The cell of several statements: the weakest applicable one (see the module doc).
    fn combine(statuses: impl IntoIterator<Item = Status>) -> Cell {
        let cells: Vec<Cell> = statuses.into_iter().map(Cell::of).collect();
        if cells.is_empty() {
            return Cell::Gap;
        }
        // Declared order is strongest first: the weakest applicable is the greatest.
        cells
            .iter()
            .copied()
            .filter(|c| *c != Cell::NotApplicable)
            .max()
            .unwrap_or(Cell::NotApplicable)
    }
}

/// How many cells have each status, and the two shares auditors ask for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    pub cells: usize,
    pub implemented: usize,
    pub partial: usize,
    pub planned: usize,
    pub not_applicable: usize,
    pub gap: usize,
    /// Cells with a statement (any status but gap), in percent of all cells.
    pub addressed_percent: f64,
    /// Implemented cells in percent of the applicable ones (not-applicable left out).
    pub implemented_percent: f64,
}

impl Totals {
    fn add(&mut self, cell: Cell) {
        self.cells += 1;
        *match cell {
            Cell::Implemented => &mut self.implemented,
            Cell::Partial => &mut self.partial,
            Cell::Planned => &mut self.planned,
            Cell::NotApplicable => &mut self.not_applicable,
            Cell::Gap => &mut self.gap,
        } += 1;
        self.addressed_percent = percent(self.cells - self.gap, self.cells);
        self.implemented_percent = percent(self.implemented, self.cells - self.not_applicable);
    }

    pub fn count(&self, cell: Cell) -> usize {
        match cell {
            Cell::Implemented => self.implemented,
            Cell::Partial => self.partial,
            Cell::Planned => self.planned,
            Cell::NotApplicable => self.not_applicable,
            Cell::Gap => self.gap,
        }
    }
}

/// `part` of `whole` in percent, one decimal, rounded in integers (the same on every machine).
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    let per_mille = (part * 1000 + whole / 2) / whole;
    per_mille as f64 / 10.0
}

/// One column: a loaded catalog.
#[derive(Clone, Debug, Serialize)]
pub struct Service {
    /// `service.id`, with the language (and then the path) added when two catalogs share it.
    pub label: String,
    pub id: String,
    pub name: String,
    pub path: String,
    pub language: Lang,
    pub standard: StandardId,
    pub totals: Totals,
}

/// One row: a clause of the baseline.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    /// 2022 only: organizational, people, physical or technological.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// One per service, in the order of `services`.
    pub cells: Vec<Entry>,
    pub totals: Totals,
}

/// A cell and, when projected through the mapping, the clauses whose statements made it.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub status: Cell,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
}

/// A 2022 theme's cells over every service.
#[derive(Clone, Debug, Serialize)]
pub struct Theme {
    pub theme: String,
    pub title: String,
    pub controls: usize,
    pub totals: Totals,
}

/// The whole matrix, as every format writes it.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    pub baseline: BaselineId,
    pub lang: Lang,
    pub services: Vec<Service>,
    pub clauses: Vec<Row>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    pub totals: Totals,
    /// Catalogs that could not be loaded (the messages `check` prints): the matrix lacks them.
    pub unloaded: Vec<String>,
}

/// The matrix of `catalogs` against `baseline`, titles in `lang`.
pub fn matrix(
    catalogs: &[Catalog],
    unloaded: Vec<String>,
    baseline: BaselineId,
    lang: Lang,
) -> Matrix {
    let columns = catalogs.iter().map(|c| column(c, baseline)).collect();
    from_columns(columns, unloaded, baseline, lang)
}

/// One catalog's part of a matrix: all the matrix needs from it, so that a workspace's
/// matrix is built catalog by catalog, each dropped once its column is taken.
#[derive(Clone, Debug)]
pub struct Column {
    /// Label and totals are filled in by [`from_columns`].
    service: Service,
    /// One entry per clause of the baseline, in its order.
    entries: Vec<Entry>,
}

/// What `catalog` says about each clause of `baseline`.
pub fn column(catalog: &Catalog, baseline: BaselineId) -> Column {
    let reference = Reference::get();
    let target = baseline.standard();
    Column {
        service: Service {
            label: String::new(),
            id: catalog.service.id.value.clone(),
            name: catalog.service.name.value.clone(),
            path: catalog.path.display().to_string(),
            language: catalog.document.language,
            standard: catalog.document.standard.value,
            totals: Totals::default(),
        },
        entries: reference
            .baseline(baseline)
            .into_iter()
            .map(|clause| entry(reference, catalog, target, clause))
            .collect(),
    }
}

/// The matrix of the catalogs whose [`column`]s are given, in their order.
pub fn from_columns(
    columns: Vec<Column>,
    unloaded: Vec<String>,
    baseline: BaselineId,
    lang: Lang,
) -> Matrix {
    let reference = Reference::get();
    let target = baseline.standard();
    let mut services: Vec<Service> = Vec::with_capacity(columns.len());
    let mut entries: Vec<std::vec::IntoIter<Entry>> = Vec::with_capacity(columns.len());
    for column in columns {
        services.push(column.service);
        entries.push(column.entries.into_iter());
    }
    label(&mut services);
    let mut totals = Totals::default();
    let clauses: Vec<Row> = reference
        .baseline(baseline)
        .into_iter()
        .map(|clause| {
            let mut row = Row {
                id: clause.id.as_str().to_string(),
                title: clause.title(lang).to_string(),
                theme: clause.theme.map(str::to_string),
                cells: Vec::with_capacity(entries.len()),
                totals: Totals::default(),
            };
            for (cells, service) in entries.iter_mut().zip(&mut services) {
                let entry = cells.next().expect("one entry per baseline clause");
                row.totals.add(entry.status);
                service.totals.add(entry.status);
                totals.add(entry.status);
                row.cells.push(entry);
            }
            row
        })
        .collect();
    let themes = if target.is_2022() {
        themes(reference, &clauses, lang)
    } else {
        Vec::new()
    };
    Matrix {
        baseline,
        lang,
        services,
        clauses,
        themes,
        totals,
        unloaded,
    }
}

/// Label the columns so that no two read alike (the two languages of one service).
fn label(services: &mut [Service]) {
    let with_lang = |s: &Service| format!("{} ({})", s.id, s.language.as_str());
    let ids = counts(services.iter().map(|s| s.id.clone()));
    let with_langs = counts(services.iter().map(with_lang));
    for service in services.iter_mut() {
        service.label = if ids[&service.id] == 1 {
            service.id.clone()
        } else if with_langs[&with_lang(service)] == 1 {
            with_lang(service)
        } else {
            format!("{} ({})", service.id, service.path)
        };
    }
}

/// How often each label occurs (a map: a workspace may hold thousands of catalogs).
fn counts(labels: impl Iterator<Item = String>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for label in labels {
        *counts.entry(label).or_insert(0) += 1;
    }
    counts
}

/// What `catalog` says about `clause` of a baseline numbered by `target`.
fn entry(reference: &Reference, catalog: &Catalog, target: StandardId, clause: &Clause) -> Entry {
    let own = catalog.document.standard.value;
    let ids: &[ClauseId] = if own.is_2022() == target.is_2022() || clause.id.is_cld() {
        std::slice::from_ref(&clause.id)
    } else if target.is_2022() {
        reference.from_2013(&clause.id)
    } else {
        reference.to_2022(&clause.id)
    };
    let stated: Vec<(&ClauseId, Status)> = ids
        .iter()
        .filter_map(|id| Some((id, catalog.control(id)?.entry.status.value)))
        .collect();
    let projected = ids.len() != 1 || ids[0] != clause.id;
    Entry {
        status: Cell::combine(stated.iter().map(|(_, s)| *s)),
        from: if projected {
            stated
                .iter()
                .map(|(id, _)| id.as_str().to_string())
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Per-theme totals of a 2022 matrix, in theme order (5 organizational … 8 technological).
fn themes(reference: &Reference, rows: &[Row], lang: Lang) -> Vec<Theme> {
    let standard = reference.standard(StandardId::Iso27002_2022);
    let mut themes: Vec<Theme> = Vec::new();
    for row in rows {
        let Some(name) = &row.theme else { continue };
        let index = match themes.iter().position(|t| &t.theme == name) {
            Some(i) => i,
            None => {
                let number = row.id.split('.').next().unwrap_or_default();
                let title = standard
                    .group(number)
                    .map(|g| {
                        if lang == Lang::Ja {
                            g.title_ja
                        } else {
                            g.title_en
                        }
                    })
                    .map_or_else(|| name.clone(), str::to_string);
                themes.push(Theme {
                    theme: name.clone(),
                    title,
                    controls: 0,
                    totals: Totals::default(),
                });
                themes.len() - 1
            }
        };
        let theme = &mut themes[index];
        theme.controls += 1;
        for entry in &row.cells {
            theme.totals.add(entry.status);
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_statements_give_the_weakest_applicable() {
        use Status::*;
        assert_eq!(Cell::combine([]), Cell::Gap);
        assert_eq!(Cell::combine([Implemented, Partial]), Cell::Partial);
        assert_eq!(Cell::combine([Planned, Implemented]), Cell::Planned);
        assert_eq!(
            Cell::combine([NotApplicable, Implemented]),
            Cell::Implemented
        );
        assert_eq!(
            Cell::combine([NotApplicable, NotApplicable]),
            Cell::NotApplicable
        );
    }

    #[test]
    fn percentages_round_in_integers() {
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(0, 0), 0.0);
        assert_eq!(percent(40, 40), 100.0);
    }
}
