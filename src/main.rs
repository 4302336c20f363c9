use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kanrisaku::cli::Cli::parse();
    match kanrisaku::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<kanrisaku::cmd::AlreadyReported>()
                .is_none()
            {
                anstream::eprintln!("error: {e:#}");
            }
            ExitCode::from(kanrisaku::cmd::EXIT_USAGE)
        }
    }
}
