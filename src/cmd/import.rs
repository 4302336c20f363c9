//! `kanrisaku import`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::EXIT_FINDINGS;
use crate::catalog::slugify;
use crate::check::{FailOn, Severity};
use crate::cli::{ImportArgs, ListFormat};
use crate::import::{Checked, From, IMPORT_LIMIT, Report, import};
use crate::input;
use crate::output::{self, Plan};
use crate::reference::Lang;
use crate::t;

pub(super) fn run(args: ImportArgs) -> Result<ExitCode> {
    if let Some(out) = &args.output {
        let mut plan = Plan::default();
        plan.input(&args.file, "the whitepaper being imported");
        plan.output(out, &args.file)?;
    }
    // Writing to a device or a pipe overwrites nothing; only a file needs --force.
    if let Some(out) = &args.output
        && std::fs::metadata(out).is_ok_and(|m| m.is_file())
        && !args.force
    {
        bail!(
            "{}: already exists; pass --force to overwrite it",
            out.display()
        );
    }
    let bytes = input::read_bounded(&args.file, IMPORT_LIMIT).map_err(|e| e.at(&args.file))?;
    let from = args.from.unwrap_or_else(|| From::guess(&args.file));
    let service_id = match &args.service_id {
        Some(id) => id.clone(),
        None => slugify(
            &args
                .file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
        ),
    };
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut imported = import(&bytes, from, &service_id, &name)
        .with_context(|| args.file.display().to_string())?;
    // Findings name the catalog as written, as `kanrisaku check` on it will.
    let written = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdout>"));
    for finding in &mut imported.report.check.findings {
        finding.path.clone_from(&written);
    }
    match &args.output {
        Some(path) => output::write(path, imported.yaml.as_bytes())?,
        None => std::io::stdout()
            .lock()
            .write_all(imported.yaml.as_bytes())?,
    }
    let r = &imported.report;
    let mut err = anstream::stderr().lock();
    match args.report {
        ListFormat::Json => writeln!(err, "{}", serde_json::to_string_pretty(r)?)?,
        ListFormat::Text => write_text(&mut err, &name, r)?,
    }
    // The catalog is written either way; the exit code says whether `check` will pass it.
    Ok(
        if r.check.findings.iter().any(|f| f.fails(FailOn::default())) {
            ExitCode::from(EXIT_FINDINGS)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// The text report, in the document's language, on stderr.
fn write_text(err: &mut impl Write, name: &str, r: &Report) -> Result<()> {
    let lang = r.language;
    writeln!(
        err,
        "{}",
        t!(lang, "import-head", name = name, count = r.clauses.len())
    )?;
    let mut line = |text: String| writeln!(err, "  {text}");
    line(t!(lang, "import-clauses", list = r.clauses.join(" ")))?;
    for repair in &r.repairs {
        line(t!(lang, "import-repaired", what = repair.as_str()))?;
    }
    for guess in &r.guesses {
        line(t!(lang, "import-guessed", what = guess.as_str()))?;
    }
    for warning in &r.warnings {
        line(t!(lang, "import-warning", what = warning.as_str()))?;
    }
    let table = if r.responsibility {
        t!(lang, "import-table-read")
    } else {
        t!(lang, "import-table-missing")
    };
    line(t!(
        lang,
        "import-structure",
        sections = r.sections,
        revisions = r.revisions,
        table = table
    ))?;
    line(t!(
        lang,
        "import-unplaced",
        toc = r.toc_lines,
        cover = r.cover_lines,
        heading = r.heading_lines,
        structured = r.structured_lines,
        furniture = r.furniture_lines,
        unplaced = r.unplaced_lines
    ))?;
    if r.missing.is_empty() {
        line(t!(lang, "import-baseline-complete"))?;
    } else {
        line(t!(
            lang,
            "import-baseline-missing",
            list = r.missing.join(" ")
        ))?;
    }
    write_check(err, lang, &r.check)
}

/// What `kanrisaku check` will say: each error on its own line, warnings counted by code.
fn write_check(err: &mut impl Write, lang: Lang, checked: &Checked) -> Result<()> {
    if checked.errors == 0 {
        writeln!(err, "  {}", t!(lang, "import-passes"))?;
    } else {
        writeln!(
            err,
            "  {}",
            t!(lang, "import-errors", count = checked.errors)
        )?;
        for finding in checked
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            writeln!(err, "    {finding}")?;
        }
    }
    if checked.warnings > 0 {
        let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
        for finding in &checked.findings {
            if finding.severity == Severity::Warning {
                *codes.entry(finding.code.as_str()).or_default() += 1;
            }
        }
        let codes: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let warns = t!(
            lang,
            "import-warns",
            count = checked.warnings,
            codes = codes.join(", ")
        );
        writeln!(err, "  {warns}")?;
    }
    Ok(())
}
