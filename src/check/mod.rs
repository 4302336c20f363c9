//! `check`: rules over loaded catalogs, producing [`Finding`]s.
//!
//! Each rule has a stable [`Code`] (used by CI filters, SARIF rule ids and JUnit), a
//! default severity, and points at the file, line and column where the fix belongs.

mod decimal;
mod finding;
mod placeholder;
mod published;
mod references;
mod rules;
mod stored;
mod suggest;
mod workspace;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, LoadError, Pos};
use crate::reference::{BaselineId, ClauseId, Lang, Reference};

pub use finding::{Arg, Finding, Message, Related, Subject};
pub use references::{ClauseReference, find_references};
pub use stored::StoredOutcome;

/// How bad a finding is. A note is reported but never fails a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What `[check.severity]` in kanrisaku.toml makes of a code: a severity, or `allow`
/// (not reported at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Report(Severity),
    Allow,
}

impl Level {
    /// The levels as written in kanrisaku.toml.
    pub const NAMES: &'static [&'static str] = &["error", "warning", "note", "allow"];

    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "error" => Level::Report(Severity::Error),
            "warning" => Level::Report(Severity::Warning),
            "note" => Level::Report(Severity::Note),
            "allow" => Level::Allow,
            _ => return None,
        })
    }
}

/// The lowest severity that makes `check` fail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// As written in `--fail-on` and kanrisaku.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

macro_rules! codes {
    ($( $variant:ident => $slug:literal, $severity:ident; )*) => {
        /// Stable finding codes. Never rename one: CI configurations and SARIF baselines key on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $slug, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $( $slug => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    UnknownClause => "unknown-clause", Error;
    CoverageGap => "coverage-gap", Error;
    EmptyStatement => "empty-statement", Error;
    NdaOnly => "nda-only", Warning;
    PlaceholderText => "placeholder-text", Error;
    MissingJustification => "missing-justification", Error;
    UnusedJustification => "unused-justification", Warning;
    PartialControl => "partial-control", Warning;
    PlannedControl => "planned-control", Warning;
    UnknownReference => "unknown-reference", Error;
    UnresolvedReference => "unresolved-reference", Error;
    StaleReview => "stale-review", Warning;
    MissingReviewDate => "missing-review-date", Warning;
    FutureReviewDate => "future-review-date", Warning;
    MissingOwner => "missing-owner", Warning;
    MissingDate => "missing-date", Error;
    RevisionHistory => "revision-history", Warning;
    UnknownParty => "unknown-party", Error;
    DuplicateService => "duplicate-service", Error;
    UnplacedText => "unplaced-text", Warning;
    UnsafeUrl => "unsafe-url", Error;
    ExternalImage => "external-image", Error;
    BadImage => "bad-image", Error;
    UnversionedChange => "unversioned-change", Error;
    // The CI gate sees every failure: a file that cannot be loaded is a finding, not a silent gap.
    LoadError => "load-error", Error;
    SinceLoadError => "since-load-error", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A catalog that could not be loaded: one finding per problem, at its position (1:1
/// when the problem is the file as a whole). The loader's words are its own; `lang` frames them.
fn load_findings(e: &LoadError, lang: Lang) -> impl Iterator<Item = Finding> + '_ {
    e.problems.iter().map(move |p| Finding {
        code: Code::LoadError,
        severity: Code::LoadError.severity(),
        path: e.path.clone(),
        line: p.pos.line.max(1),
        column: p.pos.column.max(1),
        subject: None,
        message: Message::new("load-error").arg("detail", p.message.clone()),
        help: Vec::new(),
        related: p
            .first
            .map(|first| Related {
                path: e.path.clone(),
                line: first.line.max(1),
                column: first.column.max(1),
                label: Message::new("related-first-written"),
            })
            .into_iter()
            .collect(),
        lang,
    })
}

impl Code {
    /// One sentence on what the rule checks (SARIF `shortDescription`, `--explain`).
    pub fn summary(self, lang: Lang) -> String {
        crate::i18n::message(lang, &format!("summary-{}", self.as_str()), None)
    }

    /// `check --explain CODE`: what it means, why it matters, how to fix it, an example.
    pub fn explain(self, lang: Lang) -> String {
        crate::i18n::message(lang, &format!("explain-{}", self.as_str()), None)
    }
}

/// The review age `check` allows when neither `--review-max-age` nor kanrisaku.toml sets one.
pub const DEFAULT_REVIEW_MAX_AGE_DAYS: u32 = 365;

/// Settings that change what the rules report.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// The date review ages are measured against.
    pub today: NaiveDate,
    pub review_max_age_days: u32,
    /// The directory of the `kanrisaku.toml` in force: images may come from anywhere below it.
    pub workspace: Option<PathBuf>,
    /// The interface language: the words for files that did not load, and for the
    /// summary when the catalogs do not share one language.
    pub lang: Lang,
}

/// Per-catalog coverage, for summaries and reports.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogSummary {
    #[serde(rename = "file")]
    pub path: PathBuf,
    pub service: String,
    pub language: Lang,
    pub baseline: Option<BaselineId>,
    pub baseline_total: usize,
    pub covered: usize,
    /// Baseline clauses without a statement, as the document shows them.
    pub missing: Vec<String>,
    /// Clauses with a statement (or a justification) in the catalog.
    pub clauses: usize,
    /// Every clause the report should list (baseline ∪ catalog), shown id and title, in standard order.
    #[serde(skip)]
    pub rows: Vec<(String, String)>,
}

/// The result of checking a set of catalogs.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    pub catalogs: Vec<CatalogSummary>,
    pub findings: Vec<Finding>,
    /// The language of the summary: the catalogs' when they share one, else the interface's.
    #[serde(skip)]
    pub lang: Lang,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.findings.iter().any(|f| f.fails(fail_on))
    }

    /// `[check.severity]`: each overridden code at its new severity, or dropped (`allow`).
    /// A file that did not load is never overridden: nothing in it was checked.
    pub fn override_severity(&mut self, levels: &BTreeMap<Code, Level>) {
        override_severity(&mut self.findings, levels);
    }

    /// The `load-error` findings: files that were not checked at all.
    pub fn unloaded(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.code == Code::LoadError)
    }

    /// How many files were not loaded (a file may have several `load-error` findings).
    pub fn unloaded_files(&self) -> usize {
        let mut paths: Vec<&PathBuf> = self.unloaded().map(|f| &f.path).collect();
        paths.dedup();
        paths.len()
    }
}

/// [`CheckReport::override_severity`] over any findings (one catalog's, say).
pub fn override_severity(findings: &mut Vec<Finding>, levels: &BTreeMap<Code, Level>) {
    findings.retain_mut(|f| match levels.get(&f.code) {
        _ if f.code == Code::LoadError => true,
        Some(Level::Allow) => false,
        Some(Level::Report(severity)) => {
            f.severity = *severity;
            true
        }
        None => true,
    });
}

/// Where findings about one catalog are collected.
pub(crate) struct Sink<'a> {
    catalog: &'a Catalog,
    findings: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// A finding about `clause` (or the document), in the catalog's language; the
    /// returned finding takes help and related locations.
    pub(crate) fn push(
        &mut self,
        code: Code,
        pos: Pos,
        clause: Option<&ClauseId>,
        message: Message,
    ) -> &mut Finding {
        let style = self.catalog.document.id_style;
        let subject = clause.map(|id| Subject::Clause(id.clone(), style));
        self.push_about(code, pos, subject, message)
    }

    pub(crate) fn push_about(
        &mut self,
        code: Code,
        pos: Pos,
        subject: Option<Subject>,
        message: Message,
    ) -> &mut Finding {
        let pos = if pos.line == 0 {
            Pos { line: 1, column: 1 }
        } else {
            pos
        };
        self.findings.push(Finding {
            code,
            severity: code.severity(),
            path: self.catalog.path.clone(),
            line: pos.line,
            column: pos.column,
            subject,
            message,
            help: Vec::new(),
            related: Vec::new(),
            lang: self.catalog.document.language,
        });
        self.findings.last_mut().expect("just pushed")
    }
}

impl Finding {
    pub(crate) fn help(&mut self, help: Message) -> &mut Finding {
        self.help.push(help);
        self
    }

    pub(crate) fn related(&mut self, path: PathBuf, pos: Pos, label: Message) -> &mut Finding {
        self.related.push(Related {
            path,
            line: pos.line.max(1),
            column: pos.column.max(1),
            label,
        });
        self
    }
}

/// Run every rule over every catalog.
pub fn check(catalogs: &[Catalog], options: &CheckOptions) -> CheckReport {
    check_workspace(catalogs, &[], options)
}

/// [`check`], where `unloaded` are the files that could not be loaded: each becomes a
/// `load-error` finding, so every output format shows it next to the others' findings.
pub fn check_workspace(
    catalogs: &[Catalog],
    unloaded: &[LoadError],
    options: &CheckOptions,
) -> CheckReport {
    let checked = catalogs.iter().map(|c| check_catalog(c, options)).collect();
    assemble(checked, unloaded, options)
}

/// What checking one catalog yields: all the report needs from it, so that the catalog
/// can be dropped before the next one is loaded and a workspace is checked in memory
/// bounded by its largest catalogs, not its size. Plain data, for a result cache.
#[derive(Clone, Debug)]
pub struct CatalogCheck {
    /// The per-catalog rules' findings, in report order (see [`position_order`]).
    pub findings: Vec<Finding>,
    pub summary: CatalogSummary,
    /// Where `service.id` is written: the workspace-wide rules point at it.
    pub service_pos: Pos,
}

/// The per-catalog rules over one catalog (everything but the workspace-wide rules).
pub fn check_catalog(catalog: &Catalog, options: &CheckOptions) -> CatalogCheck {
    let reference = Reference::get();
    let mut findings = Vec::new();
    let mut sink = Sink {
        catalog,
        findings: &mut findings,
    };
    rules::check_catalog(reference, catalog, options, &mut sink);
    position_order(&mut findings);
    CatalogCheck {
        findings,
        summary: rules::summarise(reference, catalog),
        service_pos: catalog.service.id.pos,
    }
}

/// Whether a catalog's check may read other files (images it embeds, which `check`
/// verifies): such a result depends on more than the catalog's bytes.
pub fn may_read_files(catalog: &Catalog) -> bool {
    published::may_read_files(catalog)
}

/// The report over checked catalogs (in the order given) and files that did not load:
/// the workspace-wide rules run over the summaries, and the findings are put in order.
pub fn assemble(
    mut checked: Vec<CatalogCheck>,
    unloaded: &[LoadError],
    options: &CheckOptions,
) -> CheckReport {
    let mut findings: Vec<Finding> = unloaded
        .iter()
        .flat_map(|e| load_findings(e, options.lang))
        .collect();
    // By path; a stable sort keeps each file's problems in file order.
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code).cmp(&(&b.path, b.line, b.column, b.code))
    });
    for (index, finding) in workspace::check(&checked) {
        let own = &mut checked[index].findings;
        own.push(finding);
        position_order(own);
    }
    let mut languages = checked.iter().map(|c| c.summary.language);
    let lang = match languages.next() {
        Some(first) if languages.all(|l| l == first) => first,
        _ => options.lang,
    };
    let mut catalogs = Vec::with_capacity(checked.len());
    for check in checked {
        findings.extend(check.findings);
        catalogs.push(check.summary);
    }
    CheckReport {
        catalogs,
        findings,
        lang,
    }
}

/// One catalog's findings by position; a stable sort keeps rule order (standard clause
/// order for gaps) among findings at the same place.
fn position_order(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.line, f.column, f.code));
}

/// Files that were not loaded first (by path: they are what to fix first), then catalogs
/// as given, then position; a stable sort keeps rule order (standard clause order for
/// gaps) among findings at the same place.
fn sort(catalogs: &[Catalog], findings: &mut [Finding]) {
    // Each catalog's place looked up once per finding, not searched for.
    let mut place: HashMap<&Path, usize> = HashMap::with_capacity(catalogs.len());
    for (i, catalog) in catalogs.iter().enumerate() {
        place.entry(&catalog.path).or_insert(i);
    }
    let order = |f: &Finding| match f.code {
        Code::LoadError => (0, Some(f.path.clone())),
        _ => (
            1 + place
                .get(f.path.as_path())
                .copied()
                .unwrap_or(catalogs.len()),
            None,
        ),
    };
    findings.sort_by_cached_key(|f| (order(f), f.line, f.column, f.code));
}

/// `check --since REV`: customer-visible text changed since `rev` must come with a new
/// `document.version` and a new `revisions` entry.
pub fn check_since(
    report: &mut CheckReport,
    catalogs: &[Catalog],
    diff: &crate::diff::WorkspaceDiff,
    rev: &str,
) {
    // The first catalog of each service and language, found by lookup (not by a search per diff).
    let mut by_service: HashMap<(&str, Lang), &Catalog> = HashMap::new();
    for c in catalogs {
        by_service
            .entry((&c.service.id.value, c.document.language))
            .or_insert(c);
    }
    for d in diff.catalogs.iter().filter(|d| d.new.is_some()) {
        let Some(&catalog) = by_service.get(&(d.service.as_str(), d.language)) else {
            continue;
        };
        let visible = d
            .changes
            .iter()
            .filter(|c| !c.is_revision_bookkeeping())
            .count();
        if visible == 0 || d.old.is_none() {
            continue;
        }
        let mut sink = Sink {
            catalog,
            findings: &mut report.findings,
        };
        let version_bumped = d.old_version != d.new_version;
        let revision_added = d
            .changes
            .iter()
            .any(|c| matches!(c, crate::diff::Change::RevisionAdded { .. }));
        let version = &catalog.document.version;
        let (id, pos) = if !version_bumped {
            ("unversioned-change-version", version.pos)
        } else if !revision_added {
            let pos = catalog
                .document
                .revisions
                .last()
                .map_or(version.pos, |r| r.version.pos);
            ("unversioned-change-revision", pos)
        } else {
            continue;
        };
        let message = Message::new(id)
            .arg("count", visible)
            .arg("rev", rev)
            .arg("version", version.value.clone());
        sink.push(Code::UnversionedChange, pos, None, message)
            .help(Message::new("help-changelog").arg("rev", rev));
    }
    sort(catalogs, &mut report.findings);
}

/// `check --since REV` when a catalog did not load as of `rev`: its changes cannot be
/// compared. A warning, not an error: the fix for a catalog that newer rules refuse must
/// not itself be blocked by the old revision. `unloaded` pairs each error with the file's
/// key (its path relative to the working directory), which names the file today.
pub fn check_since_unloaded(
    report: &mut CheckReport,
    catalogs: &[Catalog],
    unloaded: &[(PathBuf, LoadError)],
    rev: &str,
) {
    for (key, e) in unloaded {
        let path = catalogs
            .iter()
            .map(|c| &c.path)
            .find(|p| crate::catalog::relative_key(p) == *key)
            .unwrap_or(key);
        report.findings.push(Finding {
            code: Code::SinceLoadError,
            severity: Code::SinceLoadError.severity(),
            path: path.clone(),
            line: 1,
            column: 1,
            subject: None,
            message: Message::new("since-load-error")
                .arg("rev", rev)
                .arg("detail", e.lines().next().unwrap_or_default()),
            help: Vec::new(),
            related: Vec::new(),
            lang: catalogs
                .iter()
                .find(|c| c.path == *path)
                .map_or(report.lang, |c| c.document.language),
        });
    }
    sort(catalogs, &mut report.findings);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--explain` and SARIF need words for every code, in both languages.
    #[test]
    fn every_code_is_explained_in_both_languages() {
        for lang in [Lang::En, Lang::Ja] {
            let ids = crate::i18n::ids(lang);
            for code in Code::ALL {
                for prefix in ["summary", "explain"] {
                    let id = format!("{prefix}-{code}");
                    assert!(ids.contains(&id), "{id} missing in {}", lang.as_str());
                }
            }
        }
    }
}
