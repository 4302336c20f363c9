//! `kanrisaku fmt`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{EXIT_FINDINGS, EXIT_USAGE, catalog_paths, current_dir};
use crate::catalog::{CATALOG_LIMIT, discover};
use crate::cli::FmtArgs;
use crate::config::Workspace;
use crate::escape;
use crate::fmt::FmtError;
use crate::reference::Lang;
use crate::t;

/// Lines of the first difference shown per file by `--check`.
const DIFF_LINES: usize = 12;

/// Exit 2 when a catalog could not be read or formatted (it is left untouched, the others
/// are still formatted), else with `--check` 1 when one is not formatted, else 0.
pub(super) fn run(args: FmtArgs) -> Result<ExitCode> {
    let cwd = current_dir()?;
    let workspace = Workspace::discover(&cwd)?;
    let paths = catalog_paths(&args.paths, workspace.as_ref(), &cwd)?;
    let lang = crate::i18n::interface(None);
    let found = discover(&paths)?;
    let mut out = anstream::stdout().lock();
    let mut failed = found.errors.len();
    for e in &found.errors {
        report_error(&e.to_string());
    }
    let (mut changed, mut total) = (0, 0);
    for file in &found.files {
        match format_file(file, args.check, lang, &mut out) {
            Ok(change) => {
                total += 1;
                changed += usize::from(change);
            }
            Err(message) => {
                report_error(&message);
                failed += 1;
            }
        }
    }
    if total > 0 {
        let summary = if args.check {
            t!(lang, "fmt-summary-check", dirty = changed, total = total)
        } else {
            t!(
                lang,
                "fmt-summary-written",
                changed = changed,
                total = total
            )
        };
        writeln!(out, "{summary}")?;
    }
    if failed > 0 {
        report_error(&t!(lang, "fmt-summary-errors", count = failed));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    Ok(if args.check && changed > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Format one file (with `check`, only compare); whether it was, or would be, changed.
/// An error is the line to print: the file was left as it was.
fn format_file(file: &Path, check: bool, lang: Lang, out: &mut impl Write) -> Result<bool, String> {
    let read = || crate::input::read_bounded(file, CATALOG_LIMIT);
    let bytes = read().map_err(|e| format!("{}: {e}", file.display()))?;
    let formatted = crate::fmt::format(file, &bytes).map_err(|e| match e {
        FmtError::Refused { reason, path, pos } => format!(
            "{}:{}:{}: {}",
            path.display(),
            pos.line,
            pos.column,
            reason.words(lang)
        ),
        other => other.to_string(),
    })?;
    if formatted == bytes {
        return Ok(false);
    }
    let name = file.display().to_string();
    let written = if check {
        writeln!(
            out,
            "{}",
            t!(lang, "fmt-not-formatted", path = escape::control(&name))
        )
        .and_then(|()| out.write_all(first_difference(&bytes, &formatted).as_bytes()))
    } else {
        // Another program may have saved the file meanwhile: its edit wins.
        if read().ok().as_deref() != Some(&bytes[..]) {
            return Err(t!(lang, "fmt-changed-meanwhile", path = name));
        }
        crate::output::write(file, &formatted).map_err(|e| format!("{e:#}"))?;
        writeln!(
            out,
            "{}",
            t!(lang, "fmt-formatted", path = escape::control(&name))
        )
    };
    written.map_err(|e| format!("{e}"))?;
    Ok(true)
}

fn report_error(message: &str) {
    anstream::eprintln!("error: {}", escape::control(message));
}

/// The first hunk of a line diff, shortened, with control characters escaped.
fn first_difference(old: &[u8], new: &[u8]) -> String {
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    let mut unified = diff.unified_diff();
    let Some(hunk) = unified.context_radius(1).iter_hunks().next() else {
        return String::new();
    };
    let mut text = format!("{}\n", hunk.header());
    for change in hunk.iter_changes().take(DIFF_LINES) {
        let line = change.value().trim_end_matches(['\n', '\r']);
        text.push_str(&format!("{}{}\n", change.tag(), escape::control(line)));
    }
    text
}
