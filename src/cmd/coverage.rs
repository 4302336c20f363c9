//! `kanrisaku coverage`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{EXIT_USAGE, catalog_paths, current_dir, stream};
use crate::catalog::discover;
use crate::cli::CoverageArgs;
use crate::config::Workspace;
use crate::coverage::{self, format};
use crate::escape;
use crate::output::Plan;
use crate::render::{TemplateSet, templates};

/// Text width when standard output is not a terminal and `COLUMNS` is not set.
const DEFAULT_WIDTH: usize = 100;

/// Like `check`: a catalog that cannot be loaded is reported (on standard error and in the
/// matrix's own list) and the others are still shown; the exit code is then 2.
pub(super) fn run(args: CoverageArgs) -> Result<ExitCode> {
    let lang = crate::i18n::interface(args.lang);
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    if let Some(out) = &args.output {
        let mut plan = Plan::default();
        for file in discover(&paths)?.files {
            plan.input(&file, "a catalog given as input");
        }
        if let Some(dir) = &args.template {
            for (_, path) in templates::user_files(dir)? {
                plan.input(&path, "a template given as input");
            }
        }
        plan.output(out, Path::new("the coverage matrix"))?;
    }
    let templates = TemplateSet::load(args.template.as_deref())?;
    let streamed = stream(&paths, |c| coverage::column(c, args.standard))?;
    let unloaded: Vec<String> = streamed.errors.iter().map(ToString::to_string).collect();
    for message in &unloaded {
        anstream::eprintln!("error: {}", escape::control(message));
    }
    let matrix = coverage::from_columns(streamed.done, unloaded, args.standard, lang);
    let text = format::render(&matrix, args.format, &templates, width(args.width))?;
    super::emit(args.output.as_deref(), &text)?;
    Ok(if matrix.unloaded.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USAGE)
    })
}

/// `--width`, else the terminal's, else `COLUMNS`, else [`DEFAULT_WIDTH`].
fn width(given: Option<usize>) -> usize {
    if let Some(width) = given {
        return width;
    }
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout)
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_WIDTH)
}
