//! Command handlers: each loads, analyses and writes, and returns the exit code.

mod check;
mod controls;
mod coverage;
mod diff;
mod explain;
mod fmt;
mod help;
mod import;
mod init;
mod map;
mod migrate;
mod render;
mod site;
mod soa;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::catalog::{Catalog, LoadError, Source, discover, load_all, relative_key};
use crate::cli::{Cli, ColorWhen, Command};
use crate::config::{FILE_NAME, Workspace};
use crate::escape;

/// Exit code for findings at the fail level (or, for diffs, differences).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code for usage errors and unreadable input.
pub const EXIT_USAGE: u8 = 2;

/// An error already reported to the user; the process only has to exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{0} catalog(s) could not be loaded")]
pub struct AlreadyReported(pub usize);

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let Some(command) = cli.command else {
        return help::getting_started();
    };
    match command {
        Command::Init(args) => init::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => help::completions(args.shell),
        Command::Man(args) => help::man(args.command.as_deref()),
        Command::Check(args) => check::run(args),
        Command::Render(args) => render::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Import(args) => import::run(args),
        Command::Templates(crate::cli::TemplatesCommand::Export { dir, force }) => {
            let mut out = std::io::stdout().lock();
            for path in crate::render::templates::export(&dir, force)? {
                writeln!(out, "{}", escape::control(&path.display().to_string()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Controls(args) => controls::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Schema(_) => {
            std::io::stdout()
                .lock()
                .write_all(crate::catalog::schema_text().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Soa(args) => soa::run(args),
        Command::Map(args) => map::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Site(args) => site::run(args),
    }
}

/// Every catalog under `paths` that loads, and why the others (or links to them) did not.
pub(crate) fn load_workspace(paths: &[PathBuf]) -> Result<(Vec<Catalog>, Vec<LoadError>)> {
    let found = discover(paths)?;
    let (sources, mut errors) = read_sources(&found.files, None);
    let (catalogs, parse_errors) = load_all(sources);
    errors.extend(found.errors);
    errors.extend(parse_errors);
    Ok((catalogs, errors))
}

/// Catalogs streamed through a command's per-catalog work (see [`stream`]).
pub(crate) struct Streamed<T> {
    /// One result per catalog that loaded, in discovery order.
    pub done: Vec<T>,
    /// The files that did not load, in the order [`load_workspace`] gives them.
    pub errors: Vec<LoadError>,
}

/// Every catalog under `paths` read, parsed and handed to `work` on the rayon pool, then
/// dropped before the thread takes the next file: peak memory is the threads times the
/// largest catalog, not the workspace, and reading overlaps parsing. Only `work`'s results
/// are kept, in discovery order, so output does not depend on scheduling.
pub(crate) fn stream<T: Send>(
    paths: &[PathBuf],
    work: impl Fn(&Catalog) -> T + Sync,
) -> Result<Streamed<T>> {
    Ok(stream_found(discover(paths)?, work))
}

/// [`stream`] over files already discovered.
pub(crate) fn stream_found<T: Send>(
    found: crate::catalog::Discovered,
    work: impl Fn(&Catalog) -> T + Sync,
) -> Streamed<T> {
    stream_sources(found, |source| source.load().map(|catalog| work(&catalog)))
}

/// [`stream_found`] with each file's bytes in hand before they are parsed (the result
/// cache looks them up by content); `work` parses them or says why they do not load.
pub(crate) fn stream_sources<T: Send>(
    found: crate::catalog::Discovered,
    work: impl Fn(Source) -> Result<T, LoadError> + Sync,
) -> Streamed<T> {
    use rayon::prelude::*;
    enum Outcome<T> {
        Done(T),
        Unread(LoadError),
        Invalid(LoadError),
    }
    let one = |file: &PathBuf| match Source::read(file, relative_key(file)) {
        Err(e) => Outcome::Unread(e),
        Ok(source) => match work(source) {
            Ok(t) => Outcome::Done(t),
            Err(e) => Outcome::Invalid(e),
        },
    };
    // One file is worked on here: starting the thread pool would cost more than the work.
    let outcomes: Vec<Outcome<T>> = if found.files.len() < 2 {
        found.files.iter().map(one).collect()
    } else {
        found.files.par_iter().map(one).collect()
    };
    let mut done = Vec::with_capacity(outcomes.len());
    let (mut unread, mut invalid) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        match outcome {
            Outcome::Done(t) => done.push(t),
            Outcome::Unread(e) => unread.push(e),
            Outcome::Invalid(e) => invalid.push(e),
        }
    }
    unread.extend(found.errors);
    unread.extend(invalid);
    Streamed {
        done,
        errors: unread,
    }
}

/// Read files as sources; `base` is stripped from each path to make the key that pairs a
/// file with its counterpart on the other side of a diff.
pub(crate) fn read_sources(
    files: &[PathBuf],
    base: Option<&Path>,
) -> (Vec<Source>, Vec<LoadError>) {
    let mut sources = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        let key = relative_key(base.and_then(|b| file.strip_prefix(b).ok()).unwrap_or(file));
        match Source::read(file, key) {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

/// What a command kept of each catalog (the catalogs, or see [`stream`]), or (after
/// printing every load error) the exit-2 marker error.
pub(crate) fn reported<T>(done: Vec<T>, errors: Vec<LoadError>) -> Result<Vec<T>> {
    if !errors.is_empty() {
        for line in errors.iter().flat_map(LoadError::lines) {
            anstream::eprintln!("error: {}", escape::control(&line));
        }
        return Err(AlreadyReported(errors.len()).into());
    }
    Ok(done)
}

/// The catalogs to work on: those named, or `catalogs` from kanrisaku.toml.
pub(crate) fn catalog_paths(
    given: &[PathBuf],
    workspace: Option<&Workspace>,
    cwd: &Path,
) -> Result<Vec<PathBuf>> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    match workspace {
        Some(ws) if !ws.config.catalogs.is_empty() => Ok(ws.catalog_paths(cwd)),
        Some(ws) => bail!(
            "{}: no `catalogs` listed; name catalog files or directories",
            ws.root.join(FILE_NAME).display()
        ),
        None => bail!(
            "no catalog given: name catalog files or directories, or list `catalogs` in {FILE_NAME}"
        ),
    }
}

/// Writing the output of a command whose exit code is a verdict (`check`, `diff
/// --exit-code`): a reader that stopped reading changes nothing about the verdict, so a
/// closed pipe is not an error there (elsewhere `main` exits 0 on it).
pub(crate) fn unless_closed(result: Result<()>) -> Result<()> {
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

/// Whether `e` is a write to a closed pipe (`kanrisaku controls | head -1`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

pub(crate) fn current_dir() -> Result<PathBuf> {
    match std::env::current_dir() {
        Ok(dir) => Ok(dir),
        Err(e) => bail!("cannot read the current directory: {e}"),
    }
}

/// A date option (`--today`, `--date`), YYYY-MM-DD; today's date when not given.
pub(crate) fn date_option(raw: Option<&str>, flag: &str) -> Result<chrono::NaiveDate> {
    use anyhow::Context;
    match raw {
        Some(raw) => Ok(raw
            .parse::<crate::catalog::Date>()
            .map_err(anyhow::Error::msg)
            .with_context(|| flag.to_string())?
            .0),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// A command's document to `-o FILE` (atomically, never over an input) or to standard
/// output, where a closed pipe ends the command quietly.
pub(crate) fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => crate::output::write(path, text.as_bytes()),
        None => unless_closed(
            anstream::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(Into::into),
        ),
    }
}
