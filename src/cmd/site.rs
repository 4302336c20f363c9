//! `kanrisaku site`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};

use super::{EXIT_FINDINGS, EXIT_USAGE, catalog_paths, current_dir, load_workspace};
use crate::catalog::{Catalog, LoadError};
use crate::check::{CheckOptions, Severity, check};
use crate::cli::SiteArgs;
use crate::config::{FILE_NAME, Workspace};
use crate::output::Plan;
use crate::reference::Lang;
use crate::render::{Renderer, TemplateSet, pdf, templates};
use crate::site::{self, Input, Pdf};
use crate::{escape, t};

/// Like `check`: a catalog that cannot be loaded is reported and the others are still
/// published; the exit code is then 2.
pub(super) fn run(args: SiteArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let template = template_dir(&args, workspace.as_ref());
    let lang = crate::i18n::interface(args.lang);

    let (catalogs, errors) = load_workspace(&paths)?;
    for line in errors.iter().flat_map(LoadError::lines) {
        anstream::eprintln!("error: {}", escape::control(&line));
    }
    let root = workspace.as_ref().map(|w| w.root.clone());
    let (catalogs, rejected) = publishable(catalogs, root.clone(), workspace.as_ref(), lang)?;
    if catalogs.is_empty() {
        bail!("no catalog could be loaded and passed check: nothing to publish");
    }
    let dir = template
        .as_deref()
        .map(|d| d.to_string_lossy().into_owned());
    let renderer = Renderer::new(dir.as_deref(), Default::default())?.with_workspace(root);
    let templates = TemplateSet::load(template.as_deref())?;
    let git = if args.git {
        site::history::notices(&cwd, &paths)?
    } else {
        Vec::new()
    };
    let input = Input {
        catalogs: &catalogs,
        git,
        renderer: &renderer,
        templates: &templates,
        pdf: pdf_choice(&args, lang),
        front: args.lang,
    };
    let files = site::build(&input)?;

    let mut plan = Plan::default();
    for c in &catalogs {
        plan.input(&c.path, "a catalog given as input");
    }
    if let Some(dir) = &template {
        for (_, path) in templates::user_files(dir)? {
            plan.input(&path, "a template given as input");
        }
    }
    if let Some(ws) = &workspace {
        plan.input(&ws.root.join(FILE_NAME), "the workspace configuration");
    }
    let out: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|f| (args.out_dir.join(&f.path), f.bytes.as_slice()))
        .collect();
    for (path, _) in &out {
        plan.output(path, Path::new("the site"))?;
    }
    crate::output::write_all_or_nothing(&out)?;
    let shown = escape::control(&args.out_dir.display().to_string()).into_owned();
    anstream::eprintln!(
        "{}",
        t!(lang, "publish-wrote", count = out.len(), dir = shown)
    );
    Ok(if !errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if rejected > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `check` rejects is not published, as `render` refuses it: its errors are printed
/// and the catalog left out; the others are still published. Returns them and how many
/// were left out.
fn publishable(
    catalogs: Vec<Catalog>,
    root: Option<PathBuf>,
    workspace: Option<&Workspace>,
    lang: Lang,
) -> Result<(Vec<Catalog>, usize)> {
    let mut report = check(
        &catalogs,
        &CheckOptions {
            today: super::date_option(None, "--today")?,
            // Review ages are the audit edition's business, not the public site's.
            review_max_age_days: u32::MAX,
            workspace: root,
            lang,
        },
    );
    if let Some(ws) = workspace {
        report.override_severity(&ws.config.check.severity);
    }
    let mut err = anstream::stderr().lock();
    let mut rejected = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        writeln!(err, "{f}")?;
        *rejected.entry(f.path.clone()).or_insert(0usize) += 1;
    }
    for (path, count) in &rejected {
        let path = escape::control(&path.display().to_string()).into_owned();
        writeln!(
            err,
            "{}",
            t!(lang, "publish-left-out", path = path, count = *count)
        )?;
    }
    let kept: Vec<Catalog> = catalogs
        .into_iter()
        .filter(|c| !rejected.contains_key(&c.path))
        .collect();
    Ok((kept, rejected.len()))
}

/// `--template DIR`, else the workspace's `templates/` when it has one.
fn template_dir(args: &SiteArgs, workspace: Option<&Workspace>) -> Option<PathBuf> {
    args.template.clone().or_else(|| {
        workspace
            .map(|w| w.root.join("templates"))
            .filter(|d| d.is_dir())
    })
}

/// PDFs when a browser is found; without one, one warning line and a note on the pages.
fn pdf_choice(args: &SiteArgs, lang: Lang) -> Pdf {
    if args.no_pdf {
        return Pdf::Off;
    }
    match pdf::find_chrome(args.chrome.as_deref()) {
        Ok(chrome) => Pdf::Print {
            chrome,
            timeout: Duration::from_secs(args.timeout),
        },
        Err(e) => {
            let reason = escape::control(&format!("{e:#}")).into_owned();
            anstream::eprintln!("{}", t!(lang, "publish-no-pdf", reason = reason));
            Pdf::Unavailable
        }
    }
}
