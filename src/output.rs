//! Writing results: nothing lost, nothing clobbered.
//!
//! Before anything is written, a [`Plan`] refuses an output that is one of the command's
//! inputs (by device and inode, so `./a.yaml`, a symlink or a hard link to it are caught
//! too) and two outputs meant for one file. Each file's identity is taken once, and lookups
//! go through hash maps, so planning 10,000 outputs costs 20,000 `stat` calls, not 10⁸.
//!
//! Then each output is written by what is at its path:
//! - nothing, or a regular file: replaced atomically (a temporary file beside it, synced to
//!   disk, then a rename), so a reader never sees half a file and an interrupted run or a
//!   crash leaves the old one. A set of files is synced together before any is renamed.
//!   A replaced file keeps its permission bits (and its owner, when we may set it); a new one
//!   gets the usual `0666` less the umask. A hard link to the old file keeps the old bytes.
//! - a symlink: written through. Its target is replaced as above and the link stays.
//! - a character device (`/dev/null`, a terminal) or a named pipe: written as a stream.
//!   Renaming over it would replace the device node with a regular file.
//! - `-`: standard output.
//! - a directory, socket or block device: refused, with nothing written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cleanup::{self, Registration};
use crate::input::FileKind;

/// Why a planned output is refused. Callers add the advice that fits their command.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("{}: that is {what}{}; choose another output path", .output.display(), same_as(.output, .input))]
    Input {
        output: PathBuf,
        input: PathBuf,
        what: &'static str,
    },
    #[error("{}: {} and {} would both be written there; nothing was written", .output.display(), .first.display(), .second.display())]
    Collision {
        output: PathBuf,
        first: PathBuf,
        second: PathBuf,
    },
}

fn same_as(output: &Path, input: &Path) -> String {
    if output == input {
        String::new()
    } else {
        format!(" (the same file as {})", input.display())
    }
}

/// What identifies a file: device and inode where it exists, else its absolute path. Two
/// paths (a link, a hard link) to one file have one key.
#[derive(Debug, Hash, PartialEq, Eq)]
pub(crate) enum Key {
    File(u64, u64),
    Path(PathBuf),
}

pub(crate) fn key(path: &Path) -> Key {
    match file_id(path) {
        Some(id) => id,
        None => Key::Path(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())),
    }
}

#[cfg(unix)]
fn file_id(path: &Path) -> Option<Key> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some(Key::File(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<Key> {
    std::fs::canonicalize(path).ok().map(Key::Path)
}

/// The files a command reads and the files it will write, checked before writing any.
#[derive(Debug, Default)]
pub struct Plan {
    inputs: HashMap<Key, (PathBuf, &'static str)>,
    outputs: HashMap<Key, PathBuf>,
}

impl Plan {
    /// Record an input; `what` names it in the error ("the whitepaper being imported").
    /// Only regular files count: writing to `/dev/stdout` clobbers nothing.
    pub fn input(&mut self, path: &Path, what: &'static str) {
        if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            self.inputs
                .entry(key(path))
                .or_insert_with(|| (path.to_path_buf(), what));
        }
    }

    /// Record an output written from `from`; refused if it is an input or already planned.
    pub fn output(&mut self, path: &Path, from: &Path) -> Result<(), PlanError> {
        if path.as_os_str() == "-" {
            return Ok(());
        }
        let key = key(path);
        if let Some((input, what)) = self.inputs.get(&key) {
            return Err(PlanError::Input {
                output: path.to_path_buf(),
                input: input.clone(),
                what,
            });
        }
        if let Some(first) = self.outputs.get(&key) {
            return Err(PlanError::Collision {
                output: path.to_path_buf(),
                first: first.clone(),
                second: from.to_path_buf(),
            });
        }
        self.outputs.insert(key, from.to_path_buf());
        Ok(())
    }
}

/// Write `bytes` to `path` as the module documentation describes (`-` is standard output).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let staged = stage(path, bytes)?;
    staged.sync()?;
    staged.commit(Existing::Replace)
}

/// An output fully written beside its destination, or for a stream held, by [`prepare`];
/// [`Pending::commit`] puts it in place, and dropped it leaves nothing behind. Many outputs
/// can be prepared in parallel and still appear in order, or not at all.
pub struct Pending {
    staged: Staged<'static>,
    synced: bool,
}

/// Stage `bytes` for `path` now; see [`Pending`].
pub fn prepare(path: &Path, bytes: Vec<u8>) -> Result<Pending> {
    Ok(Pending {
        staged: stage_cow(path, Cow::Owned(bytes))?,
        synced: false,
    })
}

impl Pending {
    /// Put the output in place as [`write`] would, on disk before it is in place (synced
    /// here unless [`sync_all`] did it).
    pub fn commit(self) -> Result<()> {
        if !self.synced {
            self.staged.sync()?;
        }
        self.staged.commit(Existing::Replace)
    }
}

/// Put every pending output on disk at once, before any is committed: one `syncfs` per
/// filesystem on Linux instead of one `fsync` per file (the batch dpkg makes before its
/// renames): the fsyncs were a twentieth of a large render's CPU and more of its wall
/// time. Elsewhere, one fsync each.
pub fn sync_all<'p>(pending: impl IntoIterator<Item = &'p mut Pending>) -> Result<()> {
    let mut pending: Vec<&mut Pending> = pending.into_iter().collect();
    sync_staged(pending.iter().map(|p| &p.staged))?;
    pending.iter_mut().for_each(|p| p.synced = true);
    Ok(())
}

/// Write every file or none: all are staged beside their destinations first (a failure, such
/// as a full disk, removes the staged files and the directories made for them), and only when
/// each one is fully on disk are they renamed into place. Only a rename failing after others
/// succeeded (the directory changed under us) leaves part of the set.
pub fn write_all_or_nothing(files: &[(PathBuf, &[u8])]) -> Result<()> {
    write_set(files, Existing::Replace)
}

/// [`write_all_or_nothing`] for files that must be new (`init`): each is put in place only
/// if nothing is at its path at that moment (a link, not a rename), so a file that appeared
/// after the caller looked is kept, never replaced.
pub fn create_all_or_nothing(files: &[(PathBuf, &[u8])]) -> Result<()> {
    write_set(files, Existing::Keep)
}

#[derive(Clone, Copy)]
enum Existing {
    Replace,
    Keep,
}

fn write_set<'a>(files: &[(PathBuf, &'a [u8])], existing: Existing) -> Result<()> {
    let mut made: Vec<PathBuf> = Vec::new();
    for (path, _) in files {
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            made.push(d.to_path_buf());
            dir = d.parent();
        }
    }
    let staged: Result<Vec<Staged<'a>>> = files.iter().map(|(p, b)| stage(p, b)).collect();
    let staged = match staged {
        Ok(staged) => staged,
        Err(e) => {
            // Deepest first; `remove_dir` leaves a directory someone else filled meanwhile.
            made.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
            for dir in made {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(e);
        }
    };
    sync_staged(staged.iter())?;
    for file in staged {
        file.commit(existing)?;
    }
    Ok(())
}

/// An output ready to be put in place. Dropped uncommitted, it leaves nothing behind.
struct Staged<'a> {
    path: PathBuf,
    how: How<'a>,
}

enum How<'a> {
    Replace {
        temp: tempfile::TempPath,
        _registration: Registration,
    },
    Stream(Cow<'a, [u8]>),
    Stdout(Cow<'a, [u8]>),
}

impl Staged<'_> {
    /// The staged file's bytes on disk (no-op for a stream or standard output).
    fn sync(&self) -> Result<()> {
        match &self.how {
            How::Replace { temp, .. } => std::fs::File::open(temp)
                .and_then(|f| f.sync_all())
                .with_context(|| format!("{}: cannot write", self.path.display())),
            How::Stream(_) | How::Stdout(_) => Ok(()),
        }
    }

    fn commit(self, existing: Existing) -> Result<()> {
        let path = &self.path;
        match (self.how, existing) {
            (How::Replace { temp, .. }, Existing::Replace) => temp
                .persist(path)
                .map_err(|e| e.error)
                .with_context(|| format!("{}: cannot write", path.display())),
            (How::Replace { temp, .. }, Existing::Keep) => temp
                .persist_noclobber(path)
                .map_err(|e| e.error)
                .with_context(|| format!("{}: cannot write", path.display())),
            (How::Stream(bytes), _) => std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(&bytes))
                .with_context(|| format!("{}: cannot write", path.display())),
            (How::Stdout(bytes), _) => Ok(std::io::stdout().lock().write_all(&bytes)?),
        }
    }
}

/// Every staged file on disk: one `syncfs` for each filesystem they are on.
#[cfg(target_os = "linux")]
fn sync_staged<'s, 'a: 's>(staged: impl Iterator<Item = &'s Staged<'a>>) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let dirs: std::collections::BTreeSet<&Path> = staged
        .filter_map(|file| match &file.how {
            How::Replace { temp, .. } => Some(temp.parent().unwrap_or(Path::new("."))),
            How::Stream(_) | How::Stdout(_) => None,
        })
        .collect();
    let mut synced = std::collections::HashSet::new();
    for dir in dirs {
        let done = std::fs::File::open(dir)
            .and_then(|d| Ok((d.metadata()?.dev(), d)))
            .and_then(|(dev, d)| match synced.insert(dev) {
                true => rustix::fs::syncfs(&d).map_err(std::io::Error::from),
                false => Ok(()),
            });
        done.with_context(|| format!("{}: cannot write", dir.display()))?;
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn sync_staged<'s, 'a: 's>(staged: impl Iterator<Item = &'s Staged<'a>>) -> Result<()> {
    staged.into_iter().try_for_each(Staged::sync)
}

/// Prepare `bytes` for `path`: a complete temporary file beside the destination, or a
/// stream to open on commit. Refuses what must not be written.
fn stage<'a>(path: &Path, bytes: &'a [u8]) -> Result<Staged<'a>> {
    stage_cow(path, Cow::Borrowed(bytes))
}

fn stage_cow<'a>(path: &Path, bytes: Cow<'a, [u8]>) -> Result<Staged<'a>> {
    if path.as_os_str() == "-" {
        return Ok(Staged {
            path: path.to_path_buf(),
            how: How::Stdout(bytes),
        });
    }
    Ok(match destination(path)? {
        Destination::Stream => Staged {
            path: path.to_path_buf(),
            how: How::Stream(bytes),
        },
        Destination::File { real, replaced } => {
            let (temp, registration) = temp_beside(&real, replaced.as_ref(), &bytes)?;
            Staged {
                path: real,
                how: How::Replace {
                    temp,
                    _registration: registration,
                },
            }
        }
    })
}

enum Destination {
    /// A regular file at `real` (symlinks resolved), replacing `replaced` if it exists.
    File {
        real: PathBuf,
        replaced: Option<std::fs::Metadata>,
    },
    Stream,
}

fn destination(path: &Path) -> Result<Destination> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::File {
                real: path.to_path_buf(),
                replaced: None,
            });
        }
        Err(e) => bail!("{}: cannot write: {e}", path.display()),
    };
    if !link.is_symlink() {
        return by_kind(path, link, path.to_path_buf());
    }
    match std::fs::metadata(path) {
        Ok(target) if target.is_file() => {
            let real = std::fs::canonicalize(path)
                .with_context(|| format!("{}: cannot follow the symlink", path.display()))?;
            by_kind(path, target, real)
        }
        Ok(target) => by_kind(path, target, path.to_path_buf()),
        Err(_) => bail!(
            "{}: is a symlink to a missing file ({}); remove the link or name the file to write",
            path.display(),
            std::fs::read_link(path).unwrap_or_default().display()
        ),
    }
}

fn by_kind(path: &Path, meta: std::fs::Metadata, real: PathBuf) -> Result<Destination> {
    if meta.is_file() {
        return Ok(Destination::File {
            real,
            replaced: Some(meta),
        });
    }
    if meta.is_dir() {
        bail!("{}: is a directory; name a file to write", path.display());
    }
    match crate::input::kind_of(&meta) {
        FileKind::CharDevice | FileKind::Fifo => Ok(Destination::Stream),
        kind => bail!(
            "{}: is {kind}; write to a regular file, a character device such as /dev/null, or a named pipe",
            path.display()
        ),
    }
}

/// A complete temporary copy of the output in `real`'s directory, with the replaced file's
/// mode and owner, or default permissions for a new file; not yet synced (see
/// [`Staged::sync`], [`sync_staged`]).
fn temp_beside(
    real: &Path,
    replaced: Option<&std::fs::Metadata>,
    bytes: &[u8],
) -> Result<(tempfile::TempPath, Registration)> {
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kanrisaku-");
    // Ordinary file permissions (0666 less the umask), not the temp file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = cleanup::temp_file(|| builder.tempfile_in(dir))
        .with_context(|| format!("{}: cannot write here", dir.display()))?;
    let written = tmp
        .as_file_mut()
        .write_all(bytes)
        .and_then(|()| keep_mode(tmp.as_file(), replaced));
    written.with_context(|| format!("{}: cannot write", real.display()))?;
    let (tmp, registration) = tmp.into_parts();
    Ok((tmp.into_temp_path(), registration))
}

/// Give the new file the old one's owner (when we may: root, or a group we are in) and
/// permission bits; a 0600 file must not become world-readable by being rewritten.
#[cfg(unix)]
fn keep_mode(file: &std::fs::File, replaced: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(old) = replaced else {
        return Ok(());
    };
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_mode(file: &std::fs::File, replaced: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    match replaced {
        Some(old) => file.set_permissions(old.permissions()),
        None => Ok(()),
    }
}
