//! What a person sees on a terminal (a pseudo-terminal from util-linux `script`) against
//! what a pipe gets: colour on the terminal, the same words and no escape codes in a pipe.

use std::path::Path;

use assert_cmd::cargo::cargo_bin;

use crate::common::*;

/// `args` run on a pseudo-terminal, as a person at a terminal runs them; the output with
/// the terminal's CR LF turned back into LF.
fn on_terminal(dir: &Path, args: &[&str]) -> Option<String> {
    if !tools_present(&["script"], "bsdutils") {
        return None;
    }
    let mut line = shell_quote(&cargo_bin("kanrisaku").to_string_lossy());
    for arg in args {
        line.push(' ');
        line.push_str(&shell_quote(arg));
    }
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .output()
        .expect("script runs");
    Some(String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n"))
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Removes SGR sequences (`ESC [ … m`), the only escapes the report writes.
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find('m').expect("an SGR sequence ends with m");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn check_is_coloured_on_a_terminal_and_plain_in_a_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let init = [
        "init",
        "--lang",
        "ja",
        "--service",
        "Test",
        "--date",
        "2026-04-01",
    ];
    assert_exit(&run(tmp.path(), &init), 0);
    let args = ["check", "--today", "2026-11-22"];
    let Some(seen) = on_terminal(tmp.path(), &args) else {
        return;
    };
    assert!(seen.contains("\x1b["), "no colour on a terminal:\n{seen}");
    assert!(seen.contains("\x1b[31m"), "errors are not red:\n{seen}");

    let mut piped = kanrisaku(tmp.path());
    piped.env_remove("NO_COLOR").args(args);
    let piped = piped.output().unwrap();
    assert_exit(&piped, 1);
    let piped = stdout(&piped);
    assert!(!piped.contains('\x1b'), "escape codes in a pipe:\n{piped}");
    assert_eq!(
        without_colour(&seen),
        piped,
        "the terminal and the pipe say different things"
    );
}

#[test]
fn no_color_and_color_never_are_plain_on_a_terminal() {
    let example = example("en");
    let example = example.to_str().unwrap();
    let Some(seen) = on_terminal(&root(), &["--color", "never", "check", example]) else {
        return;
    };
    assert!(!seen.contains('\x1b'), "{seen}");
}
