//! `kanrisaku check`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::Write;

use anyhow::Result;

use super::{
    EXIT_FINDINGS, EXIT_USAGE, catalog_paths, current_dir, load_workspace, stream_sources,
    unless_closed,
};
use crate::cache::{Cache, Key};
use crate::catalog::{Catalog, LoadError, Source, discover, load_all};
use crate::check::{
    CatalogCheck, CheckOptions, CheckReport, Code, DEFAULT_REVIEW_MAX_AGE_DAYS, FailOn, Level,
    StoredOutcome, assemble, check_catalog, check_since, check_since_unloaded, check_workspace,
    may_read_files,
};
use crate::cli::CheckArgs;
use crate::config::{CheckConfig, FILE_NAME, Workspace};
use crate::diff::{diff_workspaces, git};

/// Exit 2 when a catalog could not be loaded (after the whole report is written: the
/// others are still checked), else 1 when findings reach the fail level, else 0.
pub(super) fn run(args: CheckArgs) -> Result<ExitCode> {
    let lang = crate::i18n::interface(args.lang);
    if let Some(code) = &args.explain {
        return explain(code, lang);
    }
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let root = workspace.as_ref().map(|w| w.root.clone());
    let settings = workspace
        .as_ref()
        .map(|w| w.config.check.clone())
        .unwrap_or_default();
    let today = super::date_option(args.today.as_deref(), "--today")?;
    let options = CheckOptions {
        today,
        review_max_age_days: args
            .review_max_age
            .or(settings.review_max_age_days)
            .unwrap_or(DEFAULT_REVIEW_MAX_AGE_DAYS),
        workspace: root,
        lang,
    };
    let fail_on = args.fail_on.or(settings.fail_on).unwrap_or_default();

    let mut report = match &args.since {
        // The changes since REV are found by diffing the workspaces as wholes.
        Some(rev) => {
            let (catalogs, unloaded) = load_workspace(&paths)?;
            let mut report = check_workspace(&catalogs, &unloaded, &options);
            since(&mut report, &catalogs, &cwd, &paths, rev)?;
            report
        }
        None => {
            let found = discover(&paths)?;
            let cache = match &workspace {
                Some(ws) if !args.no_cache => Some(open_cache(ws, &options, &cwd, &found.files)),
                _ => None,
            };
            let streamed = stream_sources(found, |source| {
                cached_check(source, &options, cache.as_ref())
            });
            let served = book(cache, &streamed.done);
            if args.verbose {
                let checked = streamed.done.len() - served;
                let message = crate::t!(
                    lang,
                    "check-cache-stats",
                    served = served,
                    checked = checked
                );
                writeln!(anstream::stderr().lock(), "{message}")?;
            }
            let checks = streamed.done.into_iter().map(|d| d.check).collect();
            assemble(checks, &streamed.errors, &options)
        }
    };
    report.override_severity(&settings.severity);

    let in_force = workspace.map(|w| config_in_force(&w, &args, &settings, report.lang));
    let mut out = anstream::stdout().lock();
    let mut err = anstream::stderr().lock();
    unless_closed(crate::report::write(
        &report,
        args.format,
        fail_on,
        in_force.as_deref(),
        &mut out,
        &mut err,
    ))?;
    Ok(if report.unloaded().next().is_some() {
        ExitCode::from(EXIT_USAGE)
    } else if report.fails(fail_on) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--explain CODE`: the code's summary and explanation in `lang`; an unknown code is a
/// usage error that lists the codes.
fn explain(code: &str, lang: crate::reference::Lang) -> Result<ExitCode> {
    let mut out = anstream::stdout().lock();
    let Some(code) = Code::parse(code.trim()) else {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let message = crate::t!(
            lang,
            "explain-unknown-code",
            code = crate::escape::control(code).into_owned(),
            codes = codes.join(", ")
        );
        writeln!(anstream::stderr().lock(), "error: {message}")?;
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let severity = crate::t!(
        lang,
        "explain-default-severity",
        severity = code.severity().as_str()
    );
    unless_closed(
        writeln!(
            out,
            "{code}: {}\n{severity}\n\n{}",
            code.summary(lang),
            code.explain(lang)
        )
        .map_err(Into::into),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `--since REV`: customer-visible changes need a version bump. A catalog that does not
/// load at REV is a warning on today's file, not a refusal (see `check_since_unloaded`).
fn since(
    report: &mut CheckReport,
    catalogs: &[Catalog],
    cwd: &Path,
    paths: &[PathBuf],
    rev: &str,
) -> Result<()> {
    let revision = git::resolve(cwd, rev)?;
    let sources = git::read_at(cwd, &revision, paths)?;
    let keys: HashMap<PathBuf, PathBuf> = sources
        .iter()
        .map(|s| (s.path.clone(), s.key.clone()))
        .collect();
    let (old, errors) = load_all(sources);
    let diff = diff_workspaces(&old, catalogs, |c| c.path.display().to_string());
    check_since(report, catalogs, &diff, rev);
    let unloaded: Vec<(PathBuf, _)> = errors
        .into_iter()
        .map(|e| {
            (
                keys.get(&e.path).cloned().unwrap_or_else(|| e.path.clone()),
                e,
            )
        })
        .collect();
    check_since_unloaded(report, catalogs, &unloaded, rev);
    Ok(())
}

/// Which kanrisaku.toml is in force and what it changes, for the summary: a config in a
/// parent directory must not change the gate unseen.
fn config_in_force(
    ws: &Workspace,
    args: &CheckArgs,
    settings: &CheckConfig,
    lang: crate::reference::Lang,
) -> String {
    let mut changes = Vec::new();
    if args.paths.is_empty() && !ws.config.catalogs.is_empty() {
        let list: Vec<String> = ws
            .config
            .catalogs
            .iter()
            .map(|p| format!("\"{}\"", p.display()))
            .collect();
        changes.push(format!("catalogs = [{}]", list.join(", ")));
    }
    if let (Some(fail_on), None) = (settings.fail_on, args.fail_on) {
        let name = fail_on.as_str();
        changes.push(match fail_on {
            FailOn::Never => {
                let never = crate::t!(lang, "check-settings-never");
                format!("fail-on = \"{name}\" ({never})")
            }
            _ => format!("fail-on = \"{name}\""),
        });
    }
    if let (Some(days), None) = (settings.review_max_age_days, args.review_max_age) {
        changes.push(format!("review-max-age-days = {days}"));
    }
    for (code, level) in &settings.severity {
        let level = match level {
            Level::Report(severity) => severity.as_str(),
            Level::Allow => "allow",
        };
        changes.push(format!("severity.{code} = \"{level}\""));
    }
    let file = ws.root.join(FILE_NAME).display().to_string();
    if changes.is_empty() {
        crate::t!(lang, "check-settings-none", file = file)
    } else {
        let changes = changes.join(", ");
        crate::t!(lang, "check-settings", file = file, changes = changes)
    }
}

/// One catalog's check and what the result cache makes of it.
struct Done {
    check: CatalogCheck,
    /// The file's name and content hash, as the cache keys it.
    name: String,
    hash: String,
    fate: Fate,
}

enum Fate {
    Served,
    /// Checked now; stored unless the check read other files (its images).
    Checked(Option<StoredOutcome>),
}

/// A file's check: from the cache when its bytes are unchanged, else loaded and checked.
/// A file that does not load is never stored: it is loaded and reported again next time.
fn cached_check(
    source: Source,
    options: &CheckOptions,
    cache: Option<&Cache<StoredOutcome>>,
) -> Result<Done, LoadError> {
    let name = source.path.to_string_lossy().into_owned();
    let hash = cache
        .map(|_| crate::cache::hash(&source.bytes))
        .unwrap_or_default();
    let served = cache
        .and_then(|c| c.get(&name, &hash))
        .and_then(StoredOutcome::restore)
        .filter(|check| check.summary.path == source.path);
    if let Some(check) = served {
        return Ok(Done {
            check,
            name,
            hash,
            fate: Fate::Served,
        });
    }
    let catalog = source.load()?;
    let check = check_catalog(&catalog, options);
    let stored =
        (cache.is_some() && !may_read_files(&catalog)).then(|| StoredOutcome::from(&check));
    Ok(Done {
        check,
        name,
        hash,
        fate: Fate::Checked(stored),
    })
}

/// Record in the cache what this run served and checked, and save it; how many were served.
fn book(cache: Option<Cache<StoredOutcome>>, done: &[Done]) -> usize {
    let Some(mut cache) = cache else {
        return 0;
    };
    for d in done {
        match &d.fate {
            Fate::Served => cache.keep(&d.name),
            Fate::Checked(Some(stored)) => cache.put(&d.name, &d.hash, stored),
            Fate::Checked(None) => cache.skip(&d.name),
        }
    }
    let served = cache.hits();
    cache.save();
    served
}

/// The check cache of `ws`, for results computed under `options` from `cwd` (paths in
/// findings are as given, relative to it). The config is hashed whole: any edit of
/// kanrisaku.toml re-checks every catalog.
fn open_cache(
    ws: &Workspace,
    options: &CheckOptions,
    cwd: &Path,
    files: &[PathBuf],
) -> Cache<StoredOutcome> {
    let settings = format!("{options:?}\n{cwd:?}\n{:?}", ws.config);
    let key = Key {
        version: env!("CARGO_PKG_VERSION").to_string(),
        reference: crate::reference::data_hash().to_string(),
        settings: crate::cache::hash(settings.as_bytes()),
    };
    // Far above what a catalog's findings take, and bounded by the workspace's size.
    let limit = (1 << 20) + (256 << 10) * files.len() as u64;
    let mut cache = Cache::open(&ws.root, "check", key, limit);
    // This run's result for each file supersedes its entry: one that no longer loads loses it.
    for file in files {
        cache.skip(&file.to_string_lossy());
    }
    cache
}
