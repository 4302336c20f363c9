//! `kanrisaku diff`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{EXIT_FINDINGS, current_dir, load_catalogs, reported};
use crate::cli::DiffArgs;
use crate::config::Workspace;
use crate::diff::{diff_workspaces, format, git};

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
            let (old, errors) = git::load_at(&cwd, &from, &paths)?;
            let old = reported(old, errors)?;
            let new = match &to {
                Some(rev) => {
                    let (new, errors) = git::load_at(&cwd, rev, &paths)?;
                    reported(new, errors)?
                }
                None => load_catalogs(&paths)?,
            };
            (old, new)
        }
        None => match args.paths.as_slice() {
            [old, new] => (
                load_catalogs(std::slice::from_ref(old))?,
                load_catalogs(std::slice::from_ref(new))?,
            ),
            _ => bail!(
                "diff needs OLD and NEW (catalog files or directories), or --git REV[..REV] [PATH...]"
            ),
        },
    };

    let diff = diff_workspaces(&old, &new, |c| c.path.display().to_string());
    let text = if args.changelog {
        format::changelog(&diff)
    } else {
        format::render(&diff, args.format, args.customer)?
    };
    match &args.output {
        Some(path) => {
            let plain = anstream::adapter::strip_str(&text).to_string();
            crate::output::write_atomic(path, plain.as_bytes())?
        }
        None => anstream::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if args.exit_code && diff.has_customer_changes() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}
