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
/// `out` stays a valid document; so do load errors, so that a run whose document goes to
/// a file still says why it exits 2. `settings` says which kanrisaku.toml is in force.
///
/// User text (paths, clause keys, messages) is escaped here, once for every format (see
/// [`crate::escape`]); the document is built in memory and written in one piece.
pub fn write(
    report: &CheckReport,
    format: Format,
    fail_on: FailOn,
    settings: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let report = &escaped(report);
    let settings = settings.map(crate::escape::control);
    let settings = settings.as_deref();
    let mut doc = Vec::new();
    match format {
        Format::Text => {
            text::write_findings(report, &mut doc)?;
            text::write_summary(report, settings, &mut doc)?;
            out.write_all(&doc)?;
            return Ok(());
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut doc, &JsonReport::new(report))?;
            writeln!(doc)?;
        }
        Format::Junit => junit::write(report, fail_on, &mut doc)?,
        Format::Sarif => sarif::write(report, &mut doc)?,
        Format::Github => github::write(report, &mut doc)?,
    }
    out.write_all(&doc)?;
    out.flush()?;
    for f in report.unloaded() {
        writeln!(err, "{f}")?;
    }
    text::write_summary(report, settings, err)?;
    Ok(())
}

/// The report with every string that came from a file made safe to print.
fn escaped(report: &CheckReport) -> CheckReport {
    use crate::escape::control;
    let path = |p: &std::path::Path| -> std::path::PathBuf {
        control(&p.to_string_lossy()).into_owned().into()
    };
    let mut report = report.clone();
    for f in &mut report.findings {
        f.path = path(&f.path);
        f.message.map_text(|t| control(t).into_owned());
        if let Some(crate::check::Subject::Key(key)) = &mut f.subject {
            *key = control(key).into_owned();
        }
        for r in &mut f.related {
            r.path = path(&r.path);
        }
    }
    for c in &mut report.catalogs {
        c.path = path(&c.path);
        c.service = control(&c.service).into_owned();
        for (id, title) in &mut c.rows {
            *id = control(id).into_owned();
            *title = control(title).into_owned();
        }
    }
    report
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
    notes: usize,
    /// Files that could not be loaded (each also a `load-error` finding).
    not_loaded: usize,
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
                notes: report.count(Severity::Note),
                not_loaded: report.unloaded_files(),
            },
            catalogs: &report.catalogs,
            findings: &report.findings,
        }
    }
}

/// A path as CI systems name files: forward slashes, no leading `./`. (A backslash is a
/// separator only on Windows; elsewhere it is part of a name, or of an escape.)
fn relative(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    let s = if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    };
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// A path as a relative URI reference (SARIF `artifactLocation.uri`): [`relative`], with
/// every byte but unreserved characters and `/` percent-encoded, so that spaces, `:`,
/// `%`, `#` and non-ASCII names still make a valid URI.
fn uri(path: &std::path::Path) -> String {
    let mut out = String::new();
    for b in relative(path).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn uris_are_percent_encoded_and_relative() {
        assert_eq!(
            uri(Path::new("./services/a-1_b.yaml")),
            "services/a-1_b.yaml"
        );
        assert_eq!(uri(Path::new("サ b:c%.yaml")), "%E3%82%B5%20b%3Ac%25.yaml");
        assert_eq!(relative(Path::new("./サ b.yaml")), "サ b.yaml");
    }
}
