//! `kanrisaku init`: a new workspace, never written over an existing file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::InitArgs;
use crate::{escape, i18n, output, t};

pub(super) fn run(args: InitArgs) -> Result<ExitCode> {
    let lang = i18n::interface(args.lang);
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let shown = escape::control(&dir.display().to_string()).into_owned();
    if std::fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        bail!(t!(lang, "init-not-dir", path = shown.as_str()));
    }
    let dir_name = dir_name(&dir)?;
    let name = args.service.unwrap_or_else(|| dir_name.clone());
    // A slug keeps ASCII letters and digits only: `つみきクラウド` gives none, and the
    // directory's name is the better id then.
    let id = [&name, &dir_name]
        .into_iter()
        .find(|n| n.chars().any(|c| c.is_ascii_alphanumeric()))
        .map_or_else(|| "my-service".to_string(), |n| crate::catalog::slugify(n));
    let today = super::date_option(args.date.as_deref(), "--date")?;
    let workspace = crate::init::workspace(&id, &name, lang, today);
    let files: Vec<(PathBuf, &[u8])> = workspace
        .files
        .iter()
        .map(|(path, text)| (dir.join(path), text.as_bytes()))
        .collect();
    // Nothing is written unless every file is new: a workspace half made over an old one
    // would mix two catalogs' settings.
    if let Some((path, _)) = files
        .iter()
        .find(|(path, _)| std::fs::symlink_metadata(path).is_ok())
    {
        let path = escape::control(&path.display().to_string()).into_owned();
        bail!(t!(lang, "init-exists", path = path));
    }
    output::create_all_or_nothing(&files)?;
    let ignored = ignore_cache(&dir)?;

    let mut out = anstream::stdout().lock();
    writeln!(out, "{}", t!(lang, "init-created", dir = shown.as_str()))?;
    for (path, _) in &workspace.files {
        writeln!(out, "  {}", escape::control(&path.display().to_string()))?;
    }
    if ignored {
        writeln!(out, "  {GITIGNORE}")?;
    }
    let catalog = escape::control(&workspace.catalog.display().to_string()).into_owned();
    writeln!(
        out,
        "\n{}",
        t!(lang, "init-next", dir = shown.as_str(), catalog = catalog)
    )?;
    Ok(ExitCode::SUCCESS)
}

const GITIGNORE: &str = ".gitignore";

/// `check`'s result cache (`.kanrisaku/`) is local to a machine: the workspace's .gitignore
/// gets a line for it, created or appended to (a file that already ignores it, or that is
/// not a regular file, is left alone). Whether it was written.
fn ignore_cache(dir: &Path) -> Result<bool> {
    const LIMIT: crate::input::Limit = crate::input::Limit {
        bytes: 1 << 20,
        what: "a .gitignore",
        advice: "is this the right directory?",
    };
    let path = dir.join(GITIGNORE);
    let mut text = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Ok(meta) if meta.is_file() => crate::input::read_text_bounded(&path, LIMIT)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        _ => return Ok(false),
    };
    let ignored = |line: &str| {
        let line = line.trim().trim_start_matches('/').trim_end_matches('/');
        line == ".kanrisaku"
    };
    if text.lines().any(ignored) {
        return Ok(false);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("/.kanrisaku/\n");
    output::write(&path, text.as_bytes())?;
    Ok(true)
}

/// The workspace directory's own name: the service's, unless `--service` says otherwise.
fn dir_name(dir: &Path) -> Result<String> {
    let absolute = match std::fs::canonicalize(dir) {
        Ok(real) => real,
        Err(_) => super::current_dir()?.join(dir),
    };
    let name = absolute
        .components()
        .rev()
        .find_map(|c| match c {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .unwrap_or_default();
    Ok(if name.is_empty() {
        "My Cloud".to_string()
    } else {
        name
    })
}
