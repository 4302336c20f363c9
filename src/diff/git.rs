//! Catalogs as of a git revision, read through the `git` binary (no libgit2 to build,
//! and the user's own git configuration applies).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow, bail};

use crate::catalog::{CATALOG_LIMIT, LoadError, Pos, Source, is_catalog_name, relative_key};

/// A revision as the user named it, and the commit it resolved to.
#[derive(Clone, Debug)]
pub struct Revision {
    pub name: String,
    pub oid: String,
}

/// `A..B` → (A, Some(B)); `A` → (A, None), meaning "against the working tree".
pub fn parse_range(spec: &str) -> Result<(String, Option<String>)> {
    if spec.contains("...") {
        bail!("`{spec}`: symmetric ranges (A...B) are not supported; use A..B");
    }
    match spec.split_once("..") {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.to_string(), Some(b.to_string()))),
        Some(_) => bail!("`{spec}`: expected REV or REV1..REV2"),
        None => Ok((spec.to_string(), None)),
    }
}

fn git(cwd: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(cwd).stdin(Stdio::null());
    cmd
}

fn run(cwd: &Path, args: &[&str]) -> Result<std::process::Output> {
    git(cwd).args(args).output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            anyhow!("git is not installed (needed for --git and --since)")
        }
        _ => anyhow!("cannot run git: {e}"),
    })
}

/// Resolve `rev` to a commit. A revision starting with `-` is refused outright, and
/// `--end-of-options` keeps git from reading one as an option either way.
pub fn resolve(cwd: &Path, rev: &str) -> Result<Revision> {
    if rev.starts_with('-') {
        bail!("`{rev}` is not a revision (revisions cannot start with `-`)");
    }
    let inside = run(cwd, &["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(not_a_repository(cwd)?);
    }
    let out = run(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    if !out.status.success() {
        bail!("unknown revision `{rev}`");
    }
    Ok(Revision {
        name: rev.to_string(),
        oid: String::from_utf8_lossy(&out.stdout).trim().to_string(),
    })
}

/// Why git sees no repository at `cwd`. git refuses a repository owned by another user
/// (`safe.directory`) with the same exit code as no repository at all; asking again with
/// every directory allowed for this one command tells the two apart without reading git's
/// (localised) message. `rev-parse --show-toplevel` reads the repository's configuration but
/// runs no hook or configured program, so asking is safe even in a repository we distrust.
fn not_a_repository(cwd: &Path) -> Result<anyhow::Error> {
    let trusting = run(
        cwd,
        &["-c", "safe.directory=*", "rev-parse", "--show-toplevel"],
    )?;
    if !trusting.status.success() {
        return Ok(anyhow!("{}: not in a git repository", cwd.display()));
    }
    let top = String::from_utf8_lossy(&trusting.stdout).trim().to_string();
    let quoted = if top
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
    {
        top.clone()
    } else {
        format!("'{}'", top.replace('\'', r"'\''"))
    };
    Ok(anyhow!(
        "{top}: git refuses to read this repository because another user owns it; if you trust it, allow it with `git config --global --add safe.directory {quoted}`, or run kanrisaku as its owner"
    ))
}

/// Catalog files under `paths` (relative to `cwd`) as of `rev`, like `discover` does on disk.
fn list(cwd: &Path, rev: &Revision, paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        let spec = path.to_string_lossy();
        let out = run(
            cwd,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--long",
                "--end-of-options",
                &rev.oid,
                "--",
                &spec,
            ],
        )?;
        if !out.status.success() {
            bail!(
                "git ls-tree failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let entries: Vec<(PathBuf, Option<u64>)> = out
            .stdout
            .split(|&b| b == 0)
            .filter_map(long_entry)
            .collect();
        let named_file = entries.len() == 1 && entries[0].0 == relative_key(path);
        let found: Vec<(PathBuf, Option<u64>)> = entries
            .into_iter()
            .filter(|(n, _)| {
                named_file
                    || (is_catalog_name(n)
                        && !n
                            .components()
                            .any(|c| c.as_os_str().to_string_lossy().starts_with('.')))
            })
            .collect();
        if found.is_empty() {
            bail!("{}: no catalogs at {}", path.display(), rev.name);
        }
        for (f, size) in found {
            refuse_large(rev, &f, size.unwrap_or(0))?;
            if seen.insert(f.clone()) {
                files.push(f);
            }
        }
    }
    Ok(files)
}

/// One record of `ls-tree -z --long`: `MODE TYPE OID SIZE\tNAME` (SIZE is `-` for a tree).
fn long_entry(record: &[u8]) -> Option<(PathBuf, Option<u64>)> {
    let tab = record.iter().position(|&b| b == b'\t')?;
    let (meta, name) = (&record[..tab], &record[tab + 1..]);
    let size = std::str::from_utf8(meta)
        .ok()
        .and_then(|m| m.split_whitespace().last())
        .and_then(|s| s.parse().ok());
    Some((
        PathBuf::from(String::from_utf8_lossy(name).into_owned()),
        size,
    ))
}

/// A blob too large to be a catalog is refused by its size, before any of it is read.
fn refuse_large(rev: &Revision, file: &Path, size: u64) -> Result<()> {
    if size <= CATALOG_LIMIT.bytes {
        return Ok(());
    }
    Err(LoadError::at(
        &PathBuf::from(format!("{}:{}", rev.name, file.display())),
        Pos::default(),
        CATALOG_LIMIT.exceeded(Some(size)).to_string(),
    )
    .into())
}

/// The catalog files under `paths` as of `rev`, keyed by their path relative to `cwd`.
/// Files are fetched through one `git cat-file --batch`, so a thousand catalogs cost one
/// process, not a thousand.
pub fn read_at(cwd: &Path, rev: &Revision, paths: &[PathBuf]) -> Result<Vec<Source>> {
    let files = list(cwd, rev, paths)?;
    let mut child = git(cwd)
        // A linked catalog is read through its link, as on disk (links inside the tree only).
        .args(["cat-file", "--batch", "--follow-symlinks"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git cat-file")?;
    let mut stdin = child.stdin.take().context("git cat-file stdin")?;
    let requests: String = files
        .iter()
        .map(|f| format!("{}:./{}\n", rev.oid, f.to_string_lossy()))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().context("git cat-file stdout")?);
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let size: u64 = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                anyhow!(
                    "{}: cannot read at {} ({})",
                    file.display(),
                    rev.name,
                    header.trim()
                )
            })?;
        if size > CATALOG_LIMIT.bytes {
            // `list` already refused it by size; should git disagree, never hold it in memory.
            let _ = child.kill();
            let _ = child.wait();
            refuse_large(rev, &file, size)?;
        }
        let path = PathBuf::from(format!("{}:{}", rev.name, file.display()));
        let mut bytes = Vec::new();
        (&mut reader).take(size).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size {
            bail!("{}: git cat-file ended early", path.display());
        }
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline)?;
        sources.push(Source {
            path,
            key: file,
            bytes,
        });
    }
    writer
        .join()
        .map_err(|_| anyhow!("git cat-file writer panicked"))??;
    child.wait()?;
    Ok(sources)
}

/// A commit that changed catalogs under the paths given to [`commits_touching`].
#[derive(Clone, Debug)]
pub struct Commit {
    pub oid: String,
    /// The committer date, YYYY-MM-DD: from the repository, so the same on every run.
    pub date: String,
}

/// The commits of HEAD's history that touched `paths` (relative to `cwd`), oldest first.
pub fn commits_touching(cwd: &Path, paths: &[PathBuf]) -> Result<Vec<Commit>> {
    let head = resolve(cwd, "HEAD")?;
    let mut args: Vec<String> = [
        "log",
        "--reverse",
        "--format=%H %cs",
        "--end-of-options",
        &head.oid,
        "--",
    ]
    .map(String::from)
    .to_vec();
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(cwd, &args)?;
    if !out.status.success() {
        bail!(
            "git log failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(oid, date)| Commit {
            oid: oid.to_string(),
            date: date.to_string(),
        })
        .collect())
}
