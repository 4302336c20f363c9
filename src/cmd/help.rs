//! Help beyond `--help`: the getting-started of `kanrisaku` alone, shell completions and man
//! pages, all from the clap definitions in `cli`, so they cannot disagree with `--help`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::{i18n, t};

/// `kanrisaku` with no command: what to do first, rather than clap's usage error.
pub(super) fn getting_started() -> Result<ExitCode> {
    let lang = i18n::interface(None);
    writeln!(anstream::stdout().lock(), "{}", t!(lang, "getting-started"))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(
        shell,
        &mut command,
        "kanrisaku",
        &mut std::io::stdout().lock(),
    );
    Ok(ExitCode::SUCCESS)
}

/// The roff page of kanrisaku, or of one command (`kanrisaku man check` → kanrisaku-check(1)).
pub(super) fn man(name: Option<&str>) -> Result<ExitCode> {
    let mut command = Cli::command();
    command.build();
    let page = match name {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                bail!(
                    "no command `{}`; man pages exist for: {}",
                    crate::escape::control(name),
                    names.join(", ")
                );
            }
        },
    };
    let mut buffer = Vec::new();
    clap_mangen::Man::new(page).render(&mut buffer)?;
    std::io::stdout().lock().write_all(&buffer)?;
    Ok(ExitCode::SUCCESS)
}
