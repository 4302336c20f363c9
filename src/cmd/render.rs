//! `kanrisaku render`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{EXIT_FINDINGS, catalog_paths, current_dir, load_catalogs};
use crate::catalog::Catalog;
use crate::check::{CheckOptions, DEFAULT_REVIEW_MAX_AGE_DAYS, Finding, Severity, check};
use crate::cli::RenderArgs;
use crate::config::{FILE_NAME, Workspace};
use crate::output::{self, Plan, PlanError};
use crate::reference::Lang;
use crate::render::{
    Audience, AuditOptions, Edition, Format, Renderer, pdf, plan_out_dir, templates,
};
use crate::{escape, t};

pub(super) fn run(args: RenderArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let options = parse_options(&args.options)?;
    let root = workspace.as_ref().map(|w| w.root.clone());
    let renderer = Renderer::new(args.template.as_deref(), options)?.with_workspace(root.clone());
    let chrome = match args.format {
        Format::Pdf => Some(pdf::find_chrome(args.chrome.as_deref())?),
        _ => None,
    };

    let today = super::date_option(args.today.as_deref(), "--today")?;
    let audit = (args.audience == Audience::Audit).then(|| AuditOptions {
        today,
        review_max_age_days: workspace
            .as_ref()
            .and_then(|w| w.config.check.review_max_age_days)
            .unwrap_or(DEFAULT_REVIEW_MAX_AGE_DAYS),
    });

    let catalogs = load_catalogs(&paths)?;
    let targets = targets(&args, &catalogs, workspace.as_ref())?;

    // Refuse to publish what `check` rejects, unless this is a draft or for the auditor
    // (who wants to see the findings, review ages included).
    let mut report = check(
        &catalogs,
        &CheckOptions {
            today,
            review_max_age_days: audit.map_or(u32::MAX, |a| a.review_max_age_days),
            workspace: root,
            lang: crate::i18n::interface(None),
        },
    );
    if let Some(ws) = &workspace {
        report.override_severity(&ws.config.check.severity);
    }
    let errors: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() && !args.draft && audit.is_none() {
        let mut err = anstream::stderr().lock();
        for f in &errors {
            writeln!(err, "{f}")?;
        }
        let refused = crate::t!(report.lang, "render-refused", count = errors.len());
        writeln!(err, "{refused}")?;
        return Ok(ExitCode::from(EXIT_FINDINGS));
    }

    let edition = Edition {
        draft: args.draft,
        audit,
        nda: args.audience == Audience::Nda,
    };
    let printer = match &chrome {
        Some(chrome) => Some(pdf::Printer::start(
            chrome,
            Duration::from_secs(args.timeout),
        )?),
        None => None,
    };
    let document = |i: usize| -> Result<Vec<u8>> {
        let catalog = &catalogs[i];
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.path == catalog.path)
            .collect();
        let text = renderer.render(catalog, args.format, args.lang, edition, &findings)?;
        match &printer {
            Some(printer) => printer
                .print_paged(&text)
                .with_context(|| catalog.path.display().to_string()),
            None => Ok(text.into_bytes()),
        }
    };
    let emit = |i: usize, bytes: Vec<u8>| -> Result<()> {
        match &targets[i] {
            Some(path) => output::write(path, &bytes)?,
            None => std::io::stdout().lock().write_all(&bytes)?,
        }
        let lang = args.lang.unwrap_or(catalogs[i].document.language);
        confirm(lang, targets[i].as_deref(), args.format, bytes.len())
    };
    if printer.is_some() {
        // Printing waits on the browser: several documents at once.
        pdf::print_each(catalogs.len(), document, emit)?;
    } else {
        for i in 0..catalogs.len() {
            emit(i, document(i)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line on stderr per document written, so a run that succeeds says so (and where).
fn confirm(lang: Lang, target: Option<&Path>, format: Format, bytes: usize) -> Result<()> {
    let format = match format {
        Format::Md => "Markdown",
        Format::Html => "HTML",
        Format::Pdf => "PDF",
    };
    let bytes = bytes.to_string();
    let line = match target {
        Some(path) => {
            let path = escape::control(&path.display().to_string()).into_owned();
            t!(
                lang,
                "render-wrote",
                path = path,
                format = format,
                bytes = bytes
            )
        }
        None => t!(lang, "render-wrote-stdout", format = format, bytes = bytes),
    };
    writeln!(anstream::stderr().lock(), "{line}")?;
    Ok(())
}

/// Where each catalog's document goes: a file, or standard output (`None`). Every path is
/// planned before anything is rendered: none may be an input or shared by two catalogs.
fn targets(
    args: &RenderArgs,
    catalogs: &[Catalog],
    workspace: Option<&Workspace>,
) -> Result<Vec<Option<PathBuf>>> {
    let mut plan = Plan::default();
    for c in catalogs {
        plan.input(&c.path, "a catalog given as input");
    }
    if let Some(dir) = args
        .template
        .as_deref()
        .map(Path::new)
        .filter(|d| d.is_dir())
    {
        for (_, path) in templates::user_files(dir)? {
            plan.input(&path, "a template given as input");
        }
    }
    if let Some(ws) = workspace {
        plan.input(&ws.root.join(FILE_NAME), "the workspace configuration");
    }
    let targets: Vec<Option<PathBuf>> = match (&args.output, &args.out_dir) {
        (Some(out), _) => {
            if catalogs.len() > 1 {
                bail!(
                    "-o names one file, but {} catalogs were given; use --out-dir DIR",
                    catalogs.len()
                );
            }
            if let Some(mark) = args.audience.file_mark()
                && out.as_os_str() != "-"
            {
                require_marked_name(out, mark)?;
            }
            if let Some(c) = catalogs.first() {
                plan.output(out, &c.path)?;
            }
            vec![(out.as_os_str() != "-").then(|| out.clone())]
        }
        (None, Some(dir)) => plan_out_dir(
            &mut plan,
            dir,
            catalogs,
            args.lang,
            args.format,
            args.audience,
        )
        .map_err(|e| with_naming_advice(e, args))?
        .into_iter()
        .map(Some)
        .collect(),
        (None, None) => {
            if catalogs.len() > 1 {
                bail!(
                    "{} catalogs given: name an output directory with --out-dir DIR",
                    catalogs.len()
                );
            }
            vec![None]
        }
    };
    if args.format == Format::Pdf && targets.iter().any(Option::is_none) {
        bail!("a PDF needs a file: give -o FILE or --out-dir DIR");
    }
    Ok(targets)
}

/// The audit and NDA editions' files say so in their names (`whitepaper.audit.html`,
/// `whitepaper.nda.pdf`), so that neither is taken for the published whitepaper; a name
/// without the mark is refused, not silently changed, so the file is where the user looks.
fn require_marked_name(out: &Path, mark: &str) -> Result<()> {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    if name
        .split('.')
        .skip(1)
        .any(|part| part.eq_ignore_ascii_case(mark))
    {
        return Ok(());
    }
    let suggested = match out.extension() {
        Some(ext) => out.with_extension(format!("{mark}.{}", ext.to_string_lossy())),
        None => out.with_extension(mark),
    };
    let shown = |p: &Path| escape::control(&p.display().to_string()).into_owned();
    bail!(
        "{}: the {mark} edition's file name must carry `.{mark}`, so it is never taken for the published whitepaper; use -o {}",
        shown(out),
        shown(&suggested)
    )
}

/// Two catalogs meant for one `--out-dir` file: say how the names are made and what to change.
fn with_naming_advice(e: PlanError, args: &RenderArgs) -> anyhow::Error {
    if !matches!(e, PlanError::Collision { .. }) {
        return e.into();
    }
    let fix = if args.lang.is_some() {
        "drop --lang so each catalog keeps its own language, or render them one at a time with -o FILE"
    } else {
        "give each catalog its own service.id or document.language, or render them one at a time with -o FILE"
    };
    anyhow::anyhow!("{e}. Files in --out-dir are named <service>.<lang>.<ext>: {fix}")
}

/// `key=value` → options; values read as TOML (`true`, `3`, `"text"`), else as a plain string.
fn parse_options(raw: &[String]) -> Result<BTreeMap<String, toml::Value>> {
    let mut options = BTreeMap::new();
    for item in raw {
        let Some((key, value)) = item.split_once('=') else {
            bail!("--set {item}: expected KEY=VALUE, e.g. --set group_headings=true");
        };
        let value = toml::from_str::<toml::Table>(&format!("v = {value}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| toml::Value::String(value.to_string()));
        options.insert(key.trim().to_string(), value);
    }
    Ok(options)
}
