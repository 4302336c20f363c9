//! `kanrisaku diff`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{EXIT_FINDINGS, current_dir, read_sources, reported};
use crate::catalog::{Source, discover, load_all};
use crate::cli::DiffArgs;
use crate::config::Workspace;
use crate::diff::{WorkspaceDiff, diff_workspaces, format, git};
use crate::output::Plan;
use crate::render::{TemplateSet, templates};

pub(super) fn run(args: DiffArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let (old, new) = match &args.git {
        Some(range) => {
            let (from, to) = git::parse_range(range)?;
            let paths = if !args.paths.is_empty() {
                args.paths.clone()
            } else {
                match Workspace::discover(&cwd)? {
                    Some(ws) if !ws.config.catalogs.is_empty() => ws.catalog_paths(&cwd),
                    _ => vec![PathBuf::from(".")],
                }
            };
            let from = git::resolve(&cwd, &from)?;
            let to = to.map(|t| git::resolve(&cwd, &t)).transpose()?;
            let old = git::read_at(&cwd, &from, &paths)?;
            let new = match &to {
                Some(rev) => git::read_at(&cwd, rev, &paths)?,
                None => disk(&paths, None)?,
            };
            (old, new)
        }
        None => match args.paths.as_slice() {
            [old, new] => (
                disk(std::slice::from_ref(old), Some(old))?,
                disk(std::slice::from_ref(new), Some(new))?,
            ),
            _ => bail!(
                "diff needs OLD and NEW (catalog files or directories), or --git REV[..REV] [PATH...]"
            ),
        },
    };
    if let Some(out) = &args.output {
        let mut plan = Plan::default();
        for source in old.iter().chain(&new) {
            plan.input(&source.path, "a catalog given as input");
            // A catalog read from a revision has its working-tree copy at its key.
            if args.git.is_some() {
                plan.input(&source.key, "a catalog given as input");
            }
        }
        if let Some(dir) = &args.template {
            for (_, path) in templates::user_files(dir)? {
                plan.input(&path, "a template given as input");
            }
        }
        plan.output(out, Path::new("the diff"))?;
    }
    let templates = TemplateSet::load(args.template.as_deref())?;
    let diff = diff_sources(old, new)?;

    let text = if args.changelog {
        format::changelog(&diff)
    } else {
        format::render(&diff, args.format, args.customer, &templates)?
    };
    // A file gets no colour; standard output keeps it for anstream to judge.
    let text = match &args.output {
        Some(_) => anstream::adapter::strip_str(&text).to_string(),
        None => text,
    };
    super::emit(args.output.as_deref(), &text)?;
    Ok(if args.exit_code && diff.has_customer_changes() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Catalog files on disk; keys are relative to `base` (a directory being compared).
fn disk(paths: &[PathBuf], base: Option<&Path>) -> Result<Vec<Source>> {
    let base = base.filter(|b| b.is_dir());
    let found = discover(paths)?;
    let (sources, mut errors) = read_sources(&found.files, base);
    errors.extend(found.errors);
    if !errors.is_empty() {
        reported(Vec::new(), errors)?;
    }
    Ok(sources)
}

/// Diff two sets of sources. A file whose bytes are the same on both sides (same relative
/// path) cannot differ, so it is counted as unchanged without being parsed: in a large
/// workspace where a few services changed, that is most of the work saved.
fn diff_sources(old: Vec<Source>, new: Vec<Source>) -> Result<WorkspaceDiff> {
    let old_bytes: HashMap<&Path, &[u8]> = old
        .iter()
        .map(|s| (s.key.as_path(), s.bytes.as_slice()))
        .collect();
    let same: std::collections::HashSet<PathBuf> = new
        .iter()
        .filter(|s| old_bytes.get(s.key.as_path()) == Some(&s.bytes.as_slice()))
        .map(|s| s.key.clone())
        .collect();
    let keep = |sources: Vec<Source>| -> Vec<Source> {
        sources
            .into_iter()
            .filter(|s| !same.contains(&s.key))
            .collect()
    };
    let (old, new) = (keep(old), keep(new));
    let (old, old_errors) = load_all(old);
    let (new, mut errors) = load_all(new);
    errors.splice(0..0, old_errors);
    let new = reported(new, errors)?;
    let mut diff = diff_workspaces(&old, &new, |c| c.path.display().to_string());
    diff.unchanged = same.len();
    Ok(diff)
}
