//! `kanrisaku soa`: the Statement of Applicability of a workspace.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{EXIT_FINDINGS, EXIT_USAGE, catalog_paths, current_dir, load_workspace};
use crate::cli::SoaArgs;
use crate::config::Workspace;
use crate::escape;
use crate::reference::Lang;
use crate::soa::{self, Decisions, Format, Soa};

/// A catalog that does not load is reported (stderr, and in the SoA itself) and the others
/// still make the SoA, as in `check`; the exit code is then 2. Else `--check` exits 1 while
/// a control is undecided.
pub(super) fn run(args: SoaArgs) -> Result<ExitCode> {
    let lang = crate::i18n::interface(args.lang);
    let format = format(&args, lang)?;
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let decisions_file = decisions_file(&args, workspace.as_ref(), &cwd);
    let decisions = match &decisions_file {
        Some(path) => Decisions::load(path)?,
        None => Decisions::default(),
    };

    let (catalogs, errors) = load_workspace(&paths)?;
    let unloaded = unloaded_lines(&errors);
    for error in &unloaded {
        anstream::eprintln!("error: {error}");
    }
    let soa = soa::build(&catalogs, &decisions, unloaded);

    if args.check {
        report_undecided(&soa, lang)?;
    }
    if !args.check || args.output.is_some() {
        let output = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        let mut inputs: Vec<PathBuf> = crate::catalog::discover(&paths)?.files;
        inputs.extend(decisions_file);
        write(&soa, format, lang, &output, &inputs)?;
    }
    Ok(if !soa.unloaded.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if args.check && soa.undecided().next().is_some() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each load error as the lines `check` prints, control characters escaped: one error
/// may hold several problems, one per line of its text.
fn unloaded_lines(errors: &[crate::catalog::LoadError]) -> Vec<String> {
    errors
        .iter()
        .flat_map(|e| {
            let text = e.to_string();
            let lines: Vec<String> = text
                .lines()
                .map(|l| escape::control(l).into_owned())
                .collect();
            lines
        })
        .collect()
}

/// `--format`, else the extension of `-o`, else Markdown; xlsx never to a terminal.
fn format(args: &SoaArgs, lang: Lang) -> Result<Format> {
    let named = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let format = match (args.format, named) {
        (Some(format), _) => format,
        (None, Some(path)) => match Format::from_path(path) {
            Some(format) => format,
            None => bail!(crate::t!(
                lang,
                "soa-unknown-extension",
                path = escape::control(&path.display().to_string()).into_owned()
            )),
        },
        (None, None) => Format::Md,
    };
    if format == Format::Xlsx && named.is_none() && std::io::stdout().is_terminal() {
        bail!(crate::t!(lang, "soa-xlsx-terminal"));
    }
    Ok(format)
}

/// `--decisions FILE`, else `soa.toml` beside kanrisaku.toml when anything is there (a
/// dangling link or a directory by that name is refused when read, never passed over),
/// named from `cwd` as catalogs are.
fn decisions_file(args: &SoaArgs, workspace: Option<&Workspace>, cwd: &Path) -> Option<PathBuf> {
    if let Some(path) = &args.decisions {
        return Some(path.clone());
    }
    let path = workspace?.root.join(soa::FILE_NAME);
    let path = path
        .strip_prefix(cwd)
        .map_or(path.clone(), Path::to_path_buf);
    std::fs::symlink_metadata(&path).is_ok().then_some(path)
}

fn report_undecided(soa: &Soa, lang: Lang) -> Result<()> {
    let mut out = anstream::stdout().lock();
    for row in soa.undecided() {
        let title = match lang {
            Lang::Ja => &row.title_ja,
            Lang::En => &row.title_en,
        };
        let line = crate::t!(
            lang,
            "soa-undecided-line",
            id = row.id.to_string(),
            title = title.clone()
        );
        writeln!(out, "{line}")?;
    }
    let undecided = soa.undecided().count();
    writeln!(out, "{}", soa::summary(soa.rows.len(), undecided, lang))?;
    Ok(())
}

/// Written atomically, never over a catalog or the decisions file it was made from.
fn write(soa: &Soa, format: Format, lang: Lang, output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let mut plan = crate::output::Plan::default();
    for input in inputs {
        plan.input(input, "an input of this statement");
    }
    plan.output(output, Path::new("soa"))?;
    let bytes = soa::write(soa, format, lang)?;
    crate::output::write(output, &bytes)?;
    if output.as_os_str() != "-" {
        let summary = soa::summary(soa.rows.len(), soa.undecided().count(), lang);
        let line = crate::t!(
            lang,
            "soa-wrote",
            path = output.display().to_string(),
            format = format.as_str(),
            summary = summary
        );
        anstream::eprintln!("{}", escape::control(&line));
    }
    Ok(())
}
