//! `kanrisaku check`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::Write;

use anyhow::Result;

use super::{
    EXIT_FINDINGS, EXIT_USAGE, catalog_paths, current_dir, load_workspace, stream, unless_closed,
};
use crate::catalog::{Catalog, load_all};
use crate::check::{
    CheckOptions, CheckReport, Code, DEFAULT_REVIEW_MAX_AGE_DAYS, FailOn, Level, assemble,
    check_catalog, check_since, check_since_unloaded, check_workspace,
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
            let streamed = stream(&paths, |c| check_catalog(c, &options))?;
            assemble(streamed.done, &streamed.errors, &options)
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
