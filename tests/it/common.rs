//! Helpers shared by the integration tests: run the real binary on real files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const TODAY: &str = "2026-11-22";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(lang: &str) -> PathBuf {
    root().join(format!("examples/tsumiki-cloud.{lang}.yaml"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The binary, run from `dir` (so paths in output are relative to it).
pub fn kanrisaku(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kanrisaku").expect("binary built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// A temporary directory holding `name` with `text`.
pub fn temp_with(name: &str, text: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write fixture");
    dir
}

/// The Japanese example, edited: for tests that start from a passing catalog and break one thing.
pub fn edited_example(lang: &str, edit: impl FnOnce(String) -> String) -> String {
    let text = std::fs::read_to_string(example(lang)).expect("example readable");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit must change the example");
    edited
}

/// Remove the clause `key` (and its whole block) from a catalog's text.
pub fn remove_clause(text: &str, key: &str) -> String {
    let header = format!("  \"{key}\":");
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == header {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with("    ") || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

/// Run the binary in `dir` with `args` and wait for it.
pub fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    kanrisaku(dir).args(args).output().expect("binary runs")
}

/// Assert the exit code, showing everything the binary said when it differs.
#[track_caller]
pub fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// Run git in `dir` with a throwaway identity, asserting that it succeeds.
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What is wrong with `sarif` against the official SARIF 2.1.0 schema (empty when valid).
pub fn sarif_errors(sarif: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// A test that cannot run on this machine: it skips loudly, except under `CI=true`, where
/// `.ci/run` must have provided what it needs, so it fails instead of passing unseen.
/// Returns false, for `if !… { return; }` at the top of a test.
#[track_caller]
pub fn cannot_run(why: &str) -> bool {
    if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("CI=true but this test cannot run: {why}");
    }
    eprintln!("skipping: {why}");
    false
}

/// Whether every tool is on PATH; otherwise [`cannot_run`], naming the Debian packages.
#[track_caller]
pub fn tools_present(tools: &[&str], packages: &str) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| {
            !std::process::Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    missing.is_empty()
        || cannot_run(&format!(
            "{} not installed (apt-get install {packages}; .ci/run installs it)",
            missing.join(", ")
        ))
}

/// The clause ids of a standard or baseline, in order, as `kanrisaku controls` lists them.
pub fn listed_ids(standard: &str) -> Vec<String> {
    let out = run(
        &root(),
        &["controls", "--standard", standard, "--format", "json"],
    );
    assert_exit(&out, 0);
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    listing["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}
