//! `check`: rules over loaded catalogs, producing [`Finding`]s.
//!
//! Each rule has a stable [`Code`] (used by CI filters, SARIF rule ids and JUnit), a
//! default severity, and points at the file, line and column where the fix belongs.

mod published;
mod references;
mod rules;

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, LoadError, Pos};
use crate::reference::{BaselineId, ClauseId, Lang, Reference};

pub use references::{ClauseReference, find_references};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
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
    ($( $variant:ident => $slug:literal, $severity:ident, $summary:literal; )*) => {
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

            /// One sentence on what the rule checks (SARIF `shortDescription`).
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    UnknownClause => "unknown-clause", Error, "A clause key is not a clause of the document's standard.";
    CoverageGap => "coverage-gap", Error, "A clause of the document's baseline has no statement.";
    EmptyStatement => "empty-statement", Error, "A clause has no statement text.";
    PlaceholderText => "placeholder-text", Error, "Customer-visible text still contains placeholder text (TODO, TBD, 未定, 記載予定, ...).";
    MissingJustification => "missing-justification", Error, "A not-applicable clause does not say why it does not apply.";
    UnusedJustification => "unused-justification", Warning, "A justification is given for a clause that is not marked not-applicable, so it is never published.";
    PartialControl => "partial-control", Warning, "A clause is only partially implemented.";
    PlannedControl => "planned-control", Warning, "A clause is planned but not yet implemented.";
    UnknownReference => "unknown-reference", Error, "Text refers to a clause that does not exist.";
    UnresolvedReference => "unresolved-reference", Error, "Text refers to a clause that has no statement in this catalog.";
    StaleReview => "stale-review", Warning, "A clause was last reviewed longer ago than the allowed review age.";
    MissingReviewDate => "missing-review-date", Warning, "A clause has no `reviewed` date.";
    FutureReviewDate => "future-review-date", Warning, "A clause's `reviewed` date lies in the future.";
    MissingOwner => "missing-owner", Warning, "A clause has no `owner`.";
    MissingDate => "missing-date", Error, "The document has no publication date (an import found none).";
    RevisionHistory => "revision-history", Warning, "The revision history does not match the document version or date.";
    UnknownParty => "unknown-party", Error, "A responsibility layer names a party that is not listed under `parties`.";
    DuplicateService => "duplicate-service", Error, "Two catalogs describe the same service in the same language.";
    UnplacedText => "unplaced-text", Warning, "An import left lines that are in no statement or section yet.";
    UnsafeUrl => "unsafe-url", Error, "A published link is not http(s), mailto or an #anchor in the document.";
    ExternalImage => "external-image", Error, "An image would be loaded from another host; a published document loads nothing.";
    BadImage => "bad-image", Error, "An image is missing, outside the workspace, too large, or not a PNG, JPEG, GIF or WebP file.";
    UnversionedChange => "unversioned-change", Error, "Customer-visible text changed since the given revision without a new document version and revision entry.";
    // The CI gate sees every failure: a file that cannot be loaded is a finding, not a silent gap.
    LoadError => "load-error", Error, "A catalog file could not be read or parsed, so nothing in it was checked.";
    SinceLoadError => "since-load-error", Warning, "A catalog could not be loaded as of the `--since` revision, so its changes since then were not checked.";
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

/// One problem, located where the fix belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    #[serde(rename = "file")]
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    /// The clause as the document shows it (`A.5.1.1`), when the finding is about one.
    pub clause: Option<String>,
    pub message: String,
}

/// The plain one-line form, `file:line:col: severity[code] clause: message`, for logs and
/// reports without colour (the terminal report styles the same layout). User text is
/// escaped: this line goes to terminals and CI logs.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::control;
        write!(
            f,
            "{}:{}:{}: {}[{}] ",
            control(&self.path.to_string_lossy()),
            self.line,
            self.column,
            self.severity.as_str(),
            self.code
        )?;
        if let Some(clause) = &self.clause {
            write!(f, "{}: ", control(clause))?;
        }
        f.write_str(&control(&self.message))
    }
}

/// A catalog that could not be loaded: one finding per problem, at its position (1:1
/// when the problem is the file as a whole).
fn load_findings(e: &LoadError) -> impl Iterator<Item = Finding> + '_ {
    e.problems.iter().map(|p| Finding {
        code: Code::LoadError,
        severity: Code::LoadError.severity(),
        path: e.path.clone(),
        line: p.pos.line.max(1),
        column: p.pos.column.max(1),
        clause: None,
        message: p.message.clone(),
    })
}

impl Finding {
    /// Whether this finding fails the check. A catalog that was not loaded always does:
    /// nothing in it was checked, whatever the fail level.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.code == Code::LoadError || fail_on.fails(self.severity)
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

/// Where findings about one catalog are collected.
pub(crate) struct Sink<'a> {
    catalog: &'a Catalog,
    findings: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    pub(crate) fn push(
        &mut self,
        code: Code,
        pos: Pos,
        clause: Option<&ClauseId>,
        message: String,
    ) {
        let clause = clause.map(|id| id.display(self.catalog.document.id_style));
        self.push_shown(code, pos, clause, message);
    }

    pub(crate) fn push_shown(
        &mut self,
        code: Code,
        pos: Pos,
        clause: Option<String>,
        message: String,
    ) {
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
            clause,
            message,
        });
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
    let reference = Reference::get();
    let mut findings: Vec<Finding> = unloaded.iter().flat_map(load_findings).collect();
    let mut summaries = Vec::new();
    for catalog in catalogs {
        let mut sink = Sink {
            catalog,
            findings: &mut findings,
        };
        rules::check_catalog(reference, catalog, options, &mut sink);
        summaries.push(rules::summarise(reference, catalog));
    }
    rules::check_workspace(catalogs, &mut findings);
    sort(catalogs, &mut findings);
    CheckReport {
        catalogs: summaries,
        findings,
    }
}

/// Files that were not loaded first (by path: they are what to fix first), then catalogs
/// as given, then position; a stable sort keeps rule order (standard clause order for
/// gaps) among findings at the same place.
fn sort(catalogs: &[Catalog], findings: &mut [Finding]) {
    let order = |f: &Finding| match f.code {
        Code::LoadError => (0, Some(f.path.clone())),
        _ => (
            1 + catalogs
                .iter()
                .position(|c| c.path == f.path)
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
    for d in &diff.catalogs {
        let Some(catalog) = catalogs.iter().find(|c| {
            c.service.id.value == d.service && c.document.language == d.language && d.new.is_some()
        }) else {
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
        let what = format!(
            "{visible} customer-visible change{} since {rev}",
            if visible == 1 { "" } else { "s" }
        );
        let mut sink = Sink {
            catalog,
            findings: &mut report.findings,
        };
        let version_bumped = d.old_version != d.new_version;
        let revision_added = d
            .changes
            .iter()
            .any(|c| matches!(c, crate::diff::Change::RevisionAdded { .. }));
        if !version_bumped {
            sink.push(
                Code::UnversionedChange,
                catalog.document.version.pos,
                None,
                format!(
                    "{what}, but document.version is still {}; bump it and add a revisions entry (`kanrisaku diff --git {rev} --changelog` drafts one)",
                    catalog.document.version.value
                ),
            );
        } else if !revision_added {
            let pos = catalog
                .document
                .revisions
                .last()
                .map_or(catalog.document.version.pos, |r| r.version.pos);
            sink.push(
                Code::UnversionedChange,
                pos,
                None,
                format!(
                    "{what} and document.version is now {}, but `revisions` has no entry for it (`kanrisaku diff --git {rev} --changelog` drafts one)",
                    catalog.document.version.value
                ),
            );
        }
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
            clause: None,
            message: format!(
                "as of {rev} this file could not be loaded ({}), so its changes since {rev} were not checked for a version bump",
                e.lines().next().unwrap_or_default()
            ),
        });
    }
    sort(catalogs, &mut report.findings);
}
