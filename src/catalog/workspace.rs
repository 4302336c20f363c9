//! Finding catalog files: explicit files, or directory trees walked in sorted order.
//!
//! Symbolic links inside a directory are followed, so a linked catalog is checked like any
//! other; one file reached by two paths is taken once (by its own path rather than through
//! a link). What cannot be followed is reported, never skipped: a broken link, a link loop,
//! an unreadable directory, and a link that leads out of the workspace (a pull request
//! could otherwise point a "catalog" at any file on the CI machine and have its text quoted
//! in error messages). The workspace is the nearest directory at or above the scanned one
//! that holds a `kanrisaku.toml` or is a git work tree (`.git`), or else the scanned
//! directory itself. A file named on the command line is read wherever it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use walkdir::WalkDir;

use super::{LoadError, Pos};

/// Catalog files found, and what should have been looked at but could not be.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub errors: Vec<LoadError>,
}

/// A catalog file found, and whether it was reached through a symbolic link.
struct Found {
    path: PathBuf,
    via_link: bool,
}

/// Expand files and directories into catalog files, deterministically ordered.
///
/// A named file is taken whatever its extension; a directory contributes every
/// `*.yaml` / `*.yml` below it, skipping hidden entries (`.git`, `.github`).
pub fn discover(paths: &[PathBuf]) -> Result<Discovered> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}: no such file or directory", path.display())
            }
            Err(e) => bail!("{}: cannot read: {e}", path.display()),
        };
        if !meta.is_dir() {
            found.push(Found {
                path: path.clone(),
                via_link: false,
            });
            continue;
        }
        let before = (found.len(), errors.len());
        walk(path, &mut found, &mut errors);
        if (found.len(), errors.len()) == before {
            bail!(
                "{}: no catalogs (*.yaml, *.yml) in this directory",
                path.display()
            );
        }
    }
    Ok(Discovered {
        files: once_each(found),
        errors,
    })
}

/// Every catalog below `root`, following symbolic links that stay inside the workspace.
fn walk(root: &Path, found: &mut Vec<Found>, errors: &mut Vec<LoadError>) {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let boundary = real_root
        .ancestors()
        .find(|dir| dir.join(crate::config::FILE_NAME).is_file() || dir.join(".git").exists())
        .unwrap_or(&real_root)
        .to_path_buf();
    let mut outside = Vec::new();
    let mut linked_dirs: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if is_hidden(e.path()) {
                return false;
            }
            if e.path_is_symlink() && !leads_inside(e.path(), &boundary) {
                if e.file_type().is_dir() || is_catalog_name(e.path()) {
                    outside.push(e.path().to_path_buf());
                }
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(error) = walk_error(root, &e) {
                    errors.push(error);
                }
                continue;
            }
        };
        let path = entry.path();
        let via_link = entry.path_is_symlink() || linked_dirs.iter().any(|d| path.starts_with(d));
        if entry.file_type().is_dir() && via_link {
            linked_dirs.push(path.to_path_buf());
        } else if entry.file_type().is_file() && is_catalog_name(path) {
            found.push(Found {
                path: entry.into_path(),
                via_link,
            });
        } else if !entry.file_type().is_dir() && is_catalog_name(path) {
            errors.push(whole_file(
                entry.into_path(),
                "not a regular file (a FIFO, socket or device); a catalog is a plain file".into(),
            ));
        }
    }
    errors.extend(outside.into_iter().map(|path| {
        let target = std::fs::canonicalize(&path).unwrap_or_default();
        whole_file(
            path,
            format!(
                "symbolic link to {}, outside the workspace {}; not followed (name the file on the command line to check it)",
                target.display(),
                boundary.display()
            ),
        )
    }));
}

/// A walk error as a load error on the entry, unless the entry is hidden anyway.
fn walk_error(root: &Path, e: &walkdir::Error) -> Option<LoadError> {
    let path = e.path().unwrap_or(root).to_path_buf();
    if path != root && is_hidden(&path) {
        return None;
    }
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let message = if let Some(ancestor) = e.loop_ancestor() {
        format!(
            "symbolic link loop: leads back to {}; not followed",
            ancestor.display()
        )
    } else if is_link && !path.exists() {
        let target = std::fs::read_link(&path).unwrap_or_default();
        format!(
            "broken symbolic link: {} does not exist; fix or remove the link",
            target.display()
        )
    } else {
        match e.io_error() {
            Some(io) => format!("cannot read: {io}"),
            None => format!("cannot read: {e}"),
        }
    };
    Some(whole_file(path, message))
}

fn whole_file(path: PathBuf, message: String) -> LoadError {
    LoadError::at(&path, Pos::default(), message)
}

/// Whether a symbolic link resolves to somewhere below `boundary` (itself canonical).
fn leads_inside(link: &Path, boundary: &Path) -> bool {
    std::fs::canonicalize(link).is_ok_and(|target| target.starts_with(boundary))
}

/// Each file once, in the order found; of two paths to one file (a link, a hard link), the
/// one not through a link is kept (in its place in the order). Files are told apart as the
/// output plan tells them: by device and inode, one `stat` each (resolving every path with
/// `canonicalize` read each of its components as a link, 1 % of a check's CPU).
fn once_each(found: Vec<Found>) -> Vec<PathBuf> {
    let real: Vec<crate::output::Key> = found.iter().map(|f| crate::output::key(&f.path)).collect();
    let mut keep: HashMap<&crate::output::Key, usize> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        keep.entry(&real[i])
            .and_modify(|k| {
                if found[*k].via_link && !f.via_link {
                    *k = i;
                }
            })
            .or_insert(i);
    }
    found
        .iter()
        .enumerate()
        .filter(|(i, _)| keep.get(&real[*i]) == Some(i))
        .map(|(_, f)| f.path.clone())
        .collect()
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The key that pairs a file with its counterpart elsewhere: `./a.yaml` and `a.yaml` (as
/// git lists it) are the same file.
pub fn relative_key(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Whether a file found under a directory is taken as a catalog: `*.yaml` / `*.yml`.
pub fn is_catalog_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}
