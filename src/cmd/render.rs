//! `kanrisaku render`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{EXIT_FINDINGS, catalog_paths, current_dir, reported, stream_found};
use crate::catalog::{Catalog, discover};
use crate::check::{
    CatalogCheck, CheckOptions, DEFAULT_REVIEW_MAX_AGE_DAYS, Finding, Severity, assemble,
    check_catalog, override_severity,
};
use crate::cli::RenderArgs;
use crate::config::{FILE_NAME, Workspace};
use crate::output::{self, Plan, PlanError};
use crate::reference::Lang;
use crate::render::{
    Audience, AuditOptions, Edition, Format, Renderer, out_dir_file, pdf, templates,
};
use crate::{escape, t};

pub(super) fn run(args: RenderArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let options = parse_options(&args.options)?;
    let root = workspace.as_ref().map(|w| w.root.clone());
    let renderer = Renderer::new(args.template.as_deref(), options)?.with_workspace(root.clone());
    // One browser prints every document, several at a time (one per worker thread).
    let printer = match args.format {
        Format::Pdf => Some(pdf::Printer::start(
            &pdf::find_chrome(args.chrome.as_deref())?,
            Duration::from_secs(args.timeout),
        )?),
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

    let check_options = CheckOptions {
        today,
        review_max_age_days: audit.map_or(u32::MAX, |a| a.review_max_age_days),
        workspace: root,
        lang: crate::i18n::interface(None),
    };
    let levels = workspace
        .as_ref()
        .map(|ws| ws.config.check.severity.clone())
        .unwrap_or_default();
    let edition = Edition {
        draft: args.draft,
        audit,
        nda: args.audience == Audience::Nda,
    };
    let found = discover(&paths)?;
    // `-o` and standard output take one document: more is refused below, unrendered.
    let render_now = args.out_dir.is_some() || found.files.len() <= 1;
    let _made = args.out_dir.as_deref().map(MadeDirs::new);
    let job = Job {
        args: &args,
        renderer: &renderer,
        printer: printer.as_ref(),
        edition,
        levels: &levels,
        check: &check_options,
    };
    let streamed = stream_found(found, |c| job.prepare(c, render_now));
    let prepared = reported(streamed.done, streamed.errors)?;
    let heads: Vec<Head> = prepared.iter().map(|p| p.head.clone()).collect();
    targets(&args, &heads, workspace.as_ref())?;

    // Refuse to publish what `check` rejects, unless this is a draft or for the auditor
    // (who wants to see the findings, review ages included).
    let mut outputs = Vec::with_capacity(prepared.len());
    let mut checked = Vec::with_capacity(prepared.len());
    for p in prepared {
        outputs.push((p.head.lang, p.output));
        checked.push(p.check);
    }
    let mut report = assemble(checked, &[], &check_options);
    report.override_severity(&levels);
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

    let mut outputs = outputs
        .into_iter()
        .map(|(lang, output)| {
            Ok((
                lang,
                output.expect("rendered when more than one document is allowed")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    output::sync_all(outputs.iter_mut().filter_map(|(_, o)| o.pending.as_mut()))?;
    for (lang, output) in outputs {
        let bytes = output.bytes;
        match output.pending {
            Some(pending) => pending.commit()?,
            None => std::io::stdout().lock().write_all(&output.stdout)?,
        }
        confirm(lang, output.target.as_deref(), args.format, bytes)?;
    }
    if let Some(made) = _made {
        made.keep();
    }
    Ok(ExitCode::SUCCESS)
}

/// What a catalog contributes to a render once it has been dropped.
struct Prepared {
    head: Head,
    /// Its own findings at the error level (the workspace-wide rules are run later).
    check: CatalogCheck,
    /// Its document, unless it was not rendered (only refusals follow then).
    output: Option<Result<Output>>,
}

/// Which catalog a document comes from, for naming and planning the outputs.
#[derive(Clone)]
struct Head {
    path: PathBuf,
    service: String,
    /// The document's language: `--lang`, else the catalog's.
    lang: Lang,
}

/// A rendered document: staged beside its file (written, not yet synced nor in place) or,
/// for standard output, held.
struct Output {
    target: Option<PathBuf>,
    pending: Option<output::Pending>,
    stdout: Vec<u8>,
    bytes: usize,
}

/// The per-catalog work of a render, run on the rayon pool.
struct Job<'a> {
    args: &'a RenderArgs,
    renderer: &'a Renderer,
    printer: Option<&'a pdf::Printer>,
    edition: Edition,
    levels: &'a BTreeMap<crate::check::Code, crate::check::Level>,
    check: &'a CheckOptions,
}

impl Job<'_> {
    fn prepare(&self, catalog: &Catalog, render_now: bool) -> Prepared {
        let head = Head {
            path: catalog.path.clone(),
            service: catalog.service.id.value.clone(),
            lang: self.args.lang.unwrap_or(catalog.document.language),
        };
        let mut check = check_catalog(catalog, self.check);
        override_severity(&mut check.findings, self.levels);
        let refused = check.findings.iter().any(|f| f.severity == Severity::Error)
            && !self.args.draft
            && self.edition.audit.is_none();
        let output = (render_now && !refused).then(|| self.render(catalog, &head, &check));
        check.findings.retain(|f| f.severity == Severity::Error);
        Prepared {
            head,
            check,
            output,
        }
    }

    fn render(&self, catalog: &Catalog, head: &Head, check: &CatalogCheck) -> Result<Output> {
        let args = self.args;
        let findings: Vec<&Finding> = check.findings.iter().collect();
        let text =
            self.renderer
                .render(catalog, args.format, args.lang, self.edition, &findings)?;
        let bytes = match self.printer {
            Some(printer) => printer
                .print_paged(&text)
                .with_context(|| catalog.path.display().to_string())?,
            None => text,
        };
        let target = match (&args.output, &args.out_dir) {
            (Some(out), _) => (out.as_os_str() != "-").then(|| out.clone()),
            (None, Some(dir)) => Some(out_dir_file(
                dir,
                &head.service,
                head.lang,
                args.format,
                args.audience,
            )),
            (None, None) => None,
        };
        let len = bytes.len();
        Ok(match &target {
            Some(path) => Output {
                pending: Some(output::prepare(path, bytes)?),
                target,
                stdout: Vec::new(),
                bytes: len,
            },
            None => Output {
                target,
                pending: None,
                stdout: bytes,
                bytes: len,
            },
        })
    }
}

/// Directories `--out-dir` needs that do not exist yet: documents are staged in them
/// before the run knows it will publish, and a refused run must not leave them behind.
struct MadeDirs(Option<Vec<PathBuf>>);

impl MadeDirs {
    fn new(dir: &Path) -> MadeDirs {
        let missing = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        MadeDirs(Some(missing))
    }

    /// The run published: the directories stay.
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for MadeDirs {
    fn drop(&mut self) {
        // Deepest first; `remove_dir` leaves a directory someone else filled meanwhile.
        for dir in self.0.iter().flatten() {
            let _ = std::fs::remove_dir(dir);
        }
    }
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
    catalogs: &[Head],
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
        (None, Some(dir)) => {
            let mut targets = Vec::with_capacity(catalogs.len());
            for c in catalogs {
                let path = out_dir_file(dir, &c.service, c.lang, args.format, args.audience);
                plan.output(&path, &c.path)
                    .map_err(|e| with_naming_advice(e, args))?;
                targets.push(Some(path));
            }
            targets
        }
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
