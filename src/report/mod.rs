//! Findings → the formats people and CI systems read.

mod github;
mod junit;
mod sarif;
mod text;

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::check::{CheckReport, FailOn, Severity};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compact lines, `file:line:col: severity[code] clause: message`, then a summary.
    #[default]
    Text,
    Json,
    /// JUnit XML: one test suite per catalog, one test case per clause.
    Junit,
    /// SARIF 2.1.0, for code-scanning upload.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

/// Write the report to `out`. Summary lines for non-text formats go to `err`, so that
/// `out` stays a valid document.
pub fn write(
    report: &CheckReport,
    format: Format,
    fail_on: FailOn,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Text => {
            text::write_findings(report, out)?;
            text::write_summary(report, out)?;
            return Ok(());
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &JsonReport::new(report))?;
            writeln!(out)?;
        }
        Format::Junit => junit::write(report, fail_on, out)?,
        Format::Sarif => sarif::write(report, out)?,
        Format::Github => github::write(report, out)?,
    }
    text::write_summary(report, err)?;
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Version of this JSON layout.
    kanrisaku_report: u32,
    summary: JsonSummary,
    catalogs: &'a [crate::check::CatalogSummary],
    findings: &'a [crate::check::Finding],
}

#[derive(Serialize)]
struct JsonSummary {
    catalogs: usize,
    baseline_total: usize,
    covered: usize,
    errors: usize,
    warnings: usize,
}

impl<'a> JsonReport<'a> {
    fn new(report: &'a CheckReport) -> Self {
        JsonReport {
            kanrisaku_report: 1,
            summary: JsonSummary {
                catalogs: report.catalogs.len(),
                baseline_total: report.catalogs.iter().map(|c| c.baseline_total).sum(),
                covered: report.catalogs.iter().map(|c| c.covered).sum(),
                errors: report.count(Severity::Error),
                warnings: report.count(Severity::Warning),
            },
            catalogs: &report.catalogs,
            findings: &report.findings,
        }
    }
}

/// A path as a forward-slash relative URI, as SARIF and GitHub want it.
fn uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
