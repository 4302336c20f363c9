//! Human output: one line per finding, like a compiler, its related places on the lines
//! below (`= note: first listed here: file:line:col`), then a summary. Findings speak their
//! catalog's language; the summary speaks the report's.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::check::{CheckReport, Severity};
use crate::t;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTE: Style = AnsiColor::Cyan.on_default().bold();
const DIM: Style = Style::new().dimmed();
const GOOD: Style = AnsiColor::Green.on_default().bold();

fn style(severity: Severity) -> Style {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Note => NOTE,
    }
}

pub(super) fn write_findings(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    for f in &report.findings {
        let style = style(f.severity);
        write!(
            out,
            "{DIM}{}:{}:{}:{DIM:#} {style}{}[{}]{style:#} ",
            f.path.display(),
            f.line,
            f.column,
            f.severity.as_str(),
            f.code
        )?;
        if let Some(shown) = f.shown() {
            write!(out, "{shown}: ")?;
        }
        writeln!(out, "{}", f.text(f.lang))?;
        for r in &f.related {
            writeln!(
                out,
                "    {DIM}= note:{DIM:#} {}: {}:{}:{}",
                r.label.text(f.lang),
                r.path.display(),
                r.line,
                r.column
            )?;
        }
    }
    Ok(())
}

/// `tsumiki-cloud (ja): 40/40 baseline clauses covered (iso27017:2015/provider), 42 clauses`
/// for each catalog, a line for each file not loaded, the settings in force, then totals.
pub(super) fn write_summary(
    report: &CheckReport,
    settings: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = report.lang;
    let mut unloaded: Vec<&std::path::Path> = report.unloaded().map(|f| f.path.as_path()).collect();
    unloaded.dedup();
    for path in &unloaded {
        let line = t!(
            lang,
            "summary-not-loaded",
            path = path.display().to_string()
        );
        writeln!(out, "{ERROR}{line}{ERROR:#}")?;
    }
    for c in &report.catalogs {
        let coverage = match c.baseline {
            Some(b) => {
                let style = if c.covered == c.baseline_total {
                    GOOD
                } else {
                    ERROR
                };
                let covered = t!(
                    lang,
                    "summary-covered",
                    covered = c.covered,
                    total = c.baseline_total,
                    baseline = b.to_string()
                );
                format!("{style}{covered}{style:#}")
            }
            None => t!(lang, "summary-no-baseline"),
        };
        let line = t!(
            lang,
            "summary-catalog",
            path = c.path.display().to_string(),
            service = c.service.as_str(),
            lang = c.language.as_str(),
            coverage = coverage,
            statements = t!(lang, "summary-statements", count = c.clauses)
        );
        writeln!(out, "{line}")?;
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let notes = report.count(Severity::Note);
    let style = if errors > 0 {
        ERROR
    } else if warnings > 0 {
        WARNING
    } else {
        GOOD
    };
    if let Some(settings) = settings {
        writeln!(out, "{DIM}{settings}{DIM:#}")?;
    }
    let mut line = t!(
        lang,
        "summary-checked",
        count = report.catalogs.len(),
        unloaded = unloaded.len(),
        covered = report.catalogs.iter().map(|c| c.covered).sum::<usize>(),
        total = report
            .catalogs
            .iter()
            .map(|c| c.baseline_total)
            .sum::<usize>(),
        errors = t!(lang, "summary-errors", count = errors),
        warnings = t!(lang, "summary-warnings", count = warnings)
    );
    if notes > 0 {
        line = format!("{line}, {}", t!(lang, "summary-notes", count = notes));
    }
    writeln!(out, "{style}{line}{style:#}")
}
