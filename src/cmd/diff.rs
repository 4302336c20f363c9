//! `kanrisaku diff`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{EXIT_FINDINGS, current_dir, read_sources, reported};
use rayon::prelude::*;

use crate::catalog::{Catalog, LoadError, Source, discover, load_all, load_file, relative_key};
use crate::cli::DiffArgs;
use crate::config::Workspace;
use crate::diff::{CatalogDiff, WorkspaceDiff, diff_workspaces, format, git};
use crate::output::Plan;
use crate::reference::Lang;
use crate::render::{TemplateSet, templates};

pub(super) fn run(args: DiffArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let sides = match &args.git {
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
            Sides::Read(old, new)
        }
        None => match args.paths.as_slice() {
            [old, new] => Sides::Disk(Scan::new(old, new)?),
            _ => bail!(
                "diff needs OLD and NEW (catalog files or directories), or --git REV[..REV] [PATH...]"
            ),
        },
    };
    if let Some(out) = &args.output {
        let mut plan = Plan::default();
        for (path, key) in sides.inputs() {
            plan.input(path, "a catalog given as input");
            // A catalog read from a revision has its working-tree copy at its key.
            if args.git.is_some() {
                plan.input(key, "a catalog given as input");
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
    let diff = match sides {
        Sides::Read(old, new) => diff_sources(old, new)?,
        Sides::Disk(scan) => scan.diff()?,
    };

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
        reported(Vec::<()>::new(), errors)?;
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

/// What is compared: catalogs already read (from git), or two trees on disk.
enum Sides {
    Read(Vec<Source>, Vec<Source>),
    Disk(Scan),
}

impl Sides {
    /// Every file compared, with its key.
    fn inputs(&self) -> Box<dyn Iterator<Item = (&Path, &Path)> + '_> {
        match self {
            Sides::Read(old, new) => Box::new(
                old.iter()
                    .chain(new)
                    .map(|s| (s.path.as_path(), s.key.as_path())),
            ),
            Sides::Disk(scan) => Box::new(
                scan.old
                    .iter()
                    .chain(&scan.new)
                    .map(|f| (f.path.as_path(), f.key.as_path())),
            ),
        }
    }
}

/// Two trees on disk, scanned without holding either: files are paired by key, a pair
/// of byte-identical files is counted as unchanged and never parsed, and every other file
/// is parsed once on the rayon pool to learn which service and language it holds, then
/// dropped. [`Scan::diff`] then reads and compares the changed catalogs pair by pair.
struct Scan {
    old: Vec<Scanned>,
    new: Vec<Scanned>,
    unchanged: usize,
    /// New file → its counterpart (same key and head) and their diff, already compared.
    compared: HashMap<PathBuf, (PathBuf, CatalogDiff)>,
}

/// A file and its key (its path relative to the tree compared).
type Keyed = (PathBuf, PathBuf);

/// What a catalog diff is keyed by: its service and language.
type Head = (String, Lang);

/// A file scanned: unreadable, unchanged (`None`), or what it holds.
type Scanning = Result<Option<Result<Head, LoadError>>, LoadError>;

/// A new file scanned, with its counterpart's head (when the two differ and the
/// counterpart was read) and their diff (when both hold the same service and language).
struct NewScan {
    read: Scanning,
    counterpart: Option<(PathBuf, Result<Head, LoadError>)>,
    diff: Option<CatalogDiff>,
}

fn scan_new(file: &Path, key: &Path, counterpart: Option<&Path>) -> NewScan {
    let unscanned = |read| NewScan {
        read,
        counterpart: None,
        diff: None,
    };
    let source = match Source::read(file, key.to_path_buf()) {
        Ok(source) => source,
        Err(e) => return unscanned(Err(e)),
    };
    let Some((path, other)) =
        counterpart.and_then(|o| Some((o, Source::read(o, key.to_path_buf()).ok()?)))
    else {
        return unscanned(Ok(Some(source.load().map(|c| head(&c)))));
    };
    if other.bytes == source.bytes {
        return unscanned(Ok(None));
    }
    let (new, old) = (source.load(), other.load());
    let diff = match (&old, &new) {
        (Ok(o), Ok(n)) if head(o) == head(n) => {
            let label = |c: &Catalog| c.path.display().to_string();
            diff_workspaces(std::slice::from_ref(o), std::slice::from_ref(n), label)
                .catalogs
                .pop()
        }
        _ => None,
    };
    NewScan {
        read: Ok(Some(new.as_ref().map(head).map_err(Clone::clone))),
        counterpart: Some((path.to_path_buf(), old.map(|c| head(&c)))),
        diff,
    }
}

/// One file of a [`Scan`].
struct Scanned {
    path: PathBuf,
    key: PathBuf,
    /// What it holds, or `None` when its counterpart is byte-identical.
    head: Option<Result<Head, LoadError>>,
}

impl Scan {
    /// Read errors (and what could not be discovered) end the run as they do today:
    /// the old side's first, then the new side's.
    fn new(old: &Path, new: &Path) -> Result<Scan> {
        let keyed = |root: &Path| -> Result<(Vec<Keyed>, Vec<LoadError>)> {
            let base = Some(root).filter(|b| b.is_dir());
            let found = discover(std::slice::from_ref(&root.to_path_buf()))?;
            let files = found
                .files
                .into_iter()
                .map(|file| {
                    let key = relative_key(
                        base.and_then(|b| file.strip_prefix(b).ok())
                            .unwrap_or(&file),
                    );
                    (file, key)
                })
                .collect();
            Ok((files, found.errors))
        };
        let (old, old_missing) = keyed(old)?;
        let (new, new_missing) = keyed(new)?;
        let old_by_key: HashMap<&Path, &Path> = old
            .iter()
            .map(|(f, k)| (k.as_path(), f.as_path()))
            .collect();
        // The new side: unchanged when its counterpart has the same bytes; otherwise both
        // are parsed, and compared at once when they hold the same service and language
        // (the usual pairing, confirmed in `diff`).
        let scanned: Vec<NewScan> = new
            .par_iter()
            .map(|(file, key)| scan_new(file, key, old_by_key.get(key.as_path()).copied()))
            .collect();
        let mut new_read = Vec::with_capacity(scanned.len());
        let mut old_heads: HashMap<PathBuf, Result<Head, LoadError>> = HashMap::new();
        let mut compared = HashMap::new();
        for ((file, _), scan) in new.iter().zip(scanned) {
            new_read.push(scan.read);
            if let Some((path, head)) = scan.counterpart {
                if let Some(diff) = scan.diff {
                    compared.insert(file.clone(), (path.clone(), diff));
                }
                old_heads.insert(path, head);
            }
        }
        let same: HashSet<&Path> = new
            .iter()
            .zip(&new_read)
            .filter(|(_, r)| matches!(r, Ok(None)))
            .map(|((_, key), _)| key.as_path())
            .collect();
        let old_read: Vec<Scanning> = old
            .par_iter()
            .map(|(file, key)| {
                if same.contains(key.as_path()) {
                    return Ok(None);
                }
                if let Some(head) = old_heads.get(file) {
                    return Ok(Some(head.clone()));
                }
                let source = Source::read(file, key.clone())?;
                Ok(Some(source.load().map(|c| head(&c))))
            })
            .collect();
        let unchanged = same.len();
        let old = side(old, old_read, old_missing)?;
        let new = side(new, new_read, new_missing)?;
        Ok(Scan {
            old,
            new,
            unchanged,
            compared,
        })
    }

    /// Pair the changed catalogs by service and language (as [`diff_workspaces`] does) and
    /// compare each pair on the rayon pool, reading and parsing it again.
    fn diff(self) -> Result<WorkspaceDiff> {
        let mut errors = Vec::new();
        let mut changed = |side: Vec<Scanned>| -> Vec<(PathBuf, (String, Lang))> {
            side.into_iter()
                .filter_map(|s| match s.head? {
                    Ok(head) => Some((s.path, head)),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                })
                .collect()
        };
        let old = changed(self.old);
        let new = changed(self.new);
        reported(Vec::<()>::new(), errors)?;
        let old_by_key: HashMap<&(String, Lang), &Path> =
            old.iter().map(|(p, k)| (k, p.as_path())).collect();
        let new_keys: HashSet<&(String, Lang)> = new.iter().map(|(_, k)| k).collect();
        let mut jobs: Vec<(Option<&Path>, Option<&Path>)> = new
            .iter()
            .map(|(p, k)| (old_by_key.get(k).copied(), Some(p.as_path())))
            .collect();
        jobs.extend(
            old.iter()
                .filter(|(_, k)| !new_keys.contains(k))
                .map(|(p, _)| (Some(p.as_path()), None)),
        );
        let catalogs = jobs
            .par_iter()
            .map(|&(o, n)| {
                if let (Some(o), Some(n)) = (o, n)
                    && let Some((counterpart, diff)) = self.compared.get(n)
                    && counterpart == o
                {
                    return Ok(diff.clone());
                }
                let load = |p: Option<&Path>| p.map(load_file).transpose();
                let (o, n) = (load(o)?, load(n)?);
                let mut diff =
                    diff_workspaces(o.as_slice(), n.as_slice(), |c| c.path.display().to_string());
                Ok(diff.catalogs.pop().expect("one catalog compared"))
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        Ok(WorkspaceDiff {
            catalogs,
            unchanged: self.unchanged,
        })
    }
}

fn head(catalog: &Catalog) -> Head {
    (catalog.service.id.value.clone(), catalog.document.language)
}

/// One side's files as scanned; its unreadable files and what could not be discovered
/// are reported here, ending the run.
fn side(
    files: Vec<Keyed>,
    read: Vec<Scanning>,
    mut missing: Vec<LoadError>,
) -> Result<Vec<Scanned>> {
    let mut scanned = Vec::with_capacity(files.len());
    let mut unread = Vec::new();
    for ((path, key), result) in files.into_iter().zip(read) {
        match result {
            Ok(head) => scanned.push(Scanned { path, key, head }),
            Err(e) => unread.push(e),
        }
    }
    unread.append(&mut missing);
    reported(scanned, unread)
}
