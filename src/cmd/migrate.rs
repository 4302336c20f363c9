//! `kanrisaku migrate CATALOG --to iso27002:2022`: the catalog renumbered, written to a new
//! file, standard output, or (`--in-place`) over itself; what changed is told on stderr.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{EXIT_USAGE, reported};
use crate::catalog::CATALOG_LIMIT;
use crate::cli::MigrateArgs;
use crate::migrate::{MigrateError, Migration, migrate};
use crate::output::Plan;
use crate::reference::{ClauseId, Lang, Reference, StandardId};
use crate::{escape, i18n, t};

/// Exit 2 when the catalog does not load or cannot be migrated (nothing is written), else 0;
/// the controls that still need a statement are listed, not failed on (`check` does that).
pub(super) fn run(args: MigrateArgs) -> Result<ExitCode> {
    let lang = i18n::interface(None);
    if args.to != StandardId::Iso27002_2022 {
        bail!("--to {}: migrate converts to iso27002:2022 only", args.to);
    }
    let target = match (&args.output, args.in_place) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => Some(args.catalog.clone()),
        (None, false) => None,
    };
    if let Some(path) = target.as_ref().filter(|_| !args.in_place) {
        let mut plan = Plan::default();
        plan.input(&args.catalog, "the catalog being migrated");
        plan.output(path, &args.catalog)
            .map_err(|e| anyhow::anyhow!("{e} (or use --in-place)"))?;
    }
    let read = || crate::input::read_bounded(&args.catalog, CATALOG_LIMIT);
    let bytes = match read() {
        Ok(bytes) => bytes,
        Err(e) => bail!("{}: {e}", args.catalog.display()),
    };
    let migration = match migrate(&args.catalog, &bytes, args.add_missing) {
        Ok(m) => m,
        Err(MigrateError::Load(e)) => {
            reported(Vec::<()>::new(), vec![e])?;
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Err(e) => {
            anstream::eprintln!("error: {}", escape::control(&e.to_string()));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    match &target {
        Some(path) => {
            // Another program may have saved the catalog meanwhile: its edit wins.
            if args.in_place && read().ok().as_deref() != Some(&bytes[..]) {
                bail!(
                    "{}: changed while it was being migrated; nothing was written",
                    args.catalog.display()
                );
            }
            crate::output::write(path, migration.text.as_bytes())?;
        }
        None => anstream::stdout()
            .lock()
            .write_all(migration.text.as_bytes())?,
    }
    let written = target.map_or_else(|| "-".to_string(), |p| p.display().to_string());
    tell(&migration, args.add_missing, &written, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// What was merged, split, kept and is missing, then a summary.
fn tell(m: &Migration, added: bool, written: &str, lang: Lang) -> Result<()> {
    let reference = Reference::get();
    let ids = |ids: &[ClauseId]| {
        ids.iter()
            .map(ClauseId::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut err = anstream::stderr().lock();
    for (target, sources) in &m.merged {
        let line = t!(
            lang,
            "migrate-merged",
            target = target.as_str(),
            sources = ids(sources)
        );
        writeln!(err, "{line}")?;
    }
    for (source, targets) in &m.split {
        let line = t!(
            lang,
            "migrate-split",
            id = source.as_str(),
            targets = ids(targets)
        );
        writeln!(err, "{line}")?;
    }
    for key in &m.kept {
        let line = t!(lang, "migrate-kept", id = escape::control(key).into_owned());
        writeln!(err, "{line}")?;
    }
    for id in &m.missing {
        let title = reference
            .standard(StandardId::Iso27002_2022)
            .clause(id)
            .map_or("", |c| c.title(lang));
        let message = if added {
            "migrate-added"
        } else {
            "migrate-missing"
        };
        writeln!(
            err,
            "{}",
            t!(lang, message, id = id.as_str(), title = title)
        )?;
    }
    let summary = t!(
        lang,
        "migrate-summary",
        statements = m.statements,
        path = escape::control(written).into_owned()
    );
    writeln!(err, "{summary}")?;
    Ok(())
}
