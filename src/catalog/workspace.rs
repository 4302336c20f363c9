//! Finding catalog files: explicit files, or directory trees walked in sorted order.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use walkdir::WalkDir;

/// Expand files and directories into catalog files, deterministically ordered.
///
/// A named file is taken whatever its extension; a directory contributes every
/// `*.yaml` / `*.yml` below it, skipping hidden entries (`.git`, `.github`).
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}: no such file or directory", path.display())
            }
            Err(e) => bail!("{}: cannot read: {e}", path.display()),
        };
        if !meta.is_dir() {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        let walker = WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
        for entry in walker {
            let entry =
                entry.with_context(|| format!("{}: cannot walk directory", path.display()))?;
            if entry.file_type().is_file() && is_catalog_name(entry.path()) {
                files.push(entry.into_path());
            }
        }
        if files.len() == before {
            bail!(
                "{}: no catalogs (*.yaml, *.yml) in this directory",
                path.display()
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
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
