//! `check`'s result cache: a warm run says exactly what a cold one says, and every reason a
//! stored result could be stale (the file, the config, an option, the version, the reference
//! data, a damaged cache file) makes `check` check again. `--verbose` says how many catalogs
//! were served, which is how these tests see that nothing was re-checked.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{TODAY, edited_example, example, kanrisaku, remove_clause};
use crate::publish::{PNG, with_statement};

const CACHE: &str = ".kanrisaku/cache/check.json";

/// A workspace of two catalogs: the English example as is, and the Japanese one without a
/// baseline clause (an error, so the output and exit code have something to agree on).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("kanrisaku.toml"),
        "catalogs = [\"services\"]\n",
    )
    .unwrap();
    let services = dir.path().join("services");
    std::fs::create_dir(&services).unwrap();
    std::fs::copy(example("en"), services.join("a.en.yaml")).unwrap();
    let gap = edited_example("ja", |t| remove_clause(&t, "A.5.1.1"));
    std::fs::write(services.join("b.ja.yaml"), gap).unwrap();
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let today: &[&str] = if extra.contains(&"--today") {
        &[]
    } else {
        &["--today", TODAY]
    };
    kanrisaku(dir)
        .args(["check", "--lang", "en"])
        .args(today)
        .args(extra)
        .output()
        .expect("kanrisaku runs")
}

/// The `--verbose` line: `(served, checked)`.
fn stats(out: &Output) -> (usize, usize) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("cache: "))
        .unwrap_or_else(|| panic!("no cache line in stderr:\n{stderr}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 2, "{line}");
    (numbers[0], numbers[1])
}

/// What a user sees, minus the cache line.
fn seen(out: &Output) -> (Option<i32>, String, String) {
    let stderr = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.starts_with("cache: "))
        .collect::<Vec<_>>()
        .join("\n");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// Run verbose, assert how many catalogs were served, and that the output is what a run
/// without the cache prints.
fn assert_served(dir: &Path, extra: &[&str], served: usize, checked: usize) -> Output {
    let verbose: Vec<&str> = extra.iter().copied().chain(["--verbose"]).collect();
    let out = check(dir, &verbose);
    assert_eq!(stats(&out), (served, checked), "{}", seen(&out).2);
    let uncached: Vec<&str> = verbose.iter().copied().chain(["--no-cache"]).collect();
    assert_eq!(seen(&out), seen(&check(dir, &uncached)));
    out
}

fn edit_cache(dir: &Path, edit: impl FnOnce(String) -> String) {
    let path = dir.join(CACHE);
    let text = std::fs::read_to_string(&path).expect("cache written");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit must change the cache");
    std::fs::write(path, edited).unwrap();
}

/// The value of a header field, e.g. `"version":"0.1.0"`.
fn header_field(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(dir.join(CACHE)).unwrap();
    let header = text.lines().next().unwrap();
    let start = header.find(&format!("\"{name}\":\"")).expect(name) + name.len() + 4;
    let len = header[start..].find('"').unwrap();
    header[start..start + len].to_string()
}

#[test]
fn a_warm_run_prints_the_same_bytes_and_exit_code_without_checking() {
    let ws = workspace();
    for format in ["text", "json", "sarif", "junit", "github"] {
        let cold = check(ws.path(), &["--format", format, "--no-cache"]);
        assert_eq!(cold.status.code(), Some(1), "the gap fails the check");
        // The first cached run fills the cache; the second is served from it.
        let first = check(ws.path(), &["--format", format]);
        let warm = check(ws.path(), &["--format", format]);
        for run in [&first, &warm] {
            assert_eq!(run.status.code(), cold.status.code(), "{format}");
            assert_eq!(run.stdout, cold.stdout, "{format}");
            assert_eq!(run.stderr, cold.stderr, "{format}");
        }
    }
    let out = assert_served(ws.path(), &[], 2, 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("A.5.1.1"));
}

#[test]
fn an_edited_catalog_is_checked_again() {
    let ws = workspace();
    check(ws.path(), &[]);
    let fixed = std::fs::read(example("ja")).unwrap();
    std::fs::write(ws.path().join("services/b.ja.yaml"), fixed).unwrap();
    let out = assert_served(ws.path(), &[], 1, 1);
    assert_eq!(out.status.code(), Some(0), "the fixed gap is seen");
    assert_served(ws.path(), &[], 2, 0);
}

#[test]
fn a_config_edit_checks_every_catalog_again() {
    let ws = workspace();
    check(ws.path(), &[]);
    std::fs::write(
        ws.path().join("kanrisaku.toml"),
        "catalogs = [\"services\"]\n\n[check.severity]\ncoverage-gap = \"warning\"\n",
    )
    .unwrap();
    let out = assert_served(ws.path(), &[], 0, 2);
    assert_eq!(out.status.code(), Some(0), "the gap is only a warning now");
    assert_served(ws.path(), &[], 2, 0);
}

#[test]
fn an_option_change_checks_every_catalog_again() {
    let ws = workspace();
    check(ws.path(), &[]);
    // Years later every review is overdue: served results from TODAY would hide that.
    let later = assert_served(ws.path(), &["--today", "2031-01-01"], 0, 2);
    assert!(String::from_utf8_lossy(&later.stdout).contains("stale-review"));
    assert_served(ws.path(), &["--review-max-age", "10"], 0, 2);
    assert_served(ws.path(), &["--review-max-age", "10"], 2, 0);
}

#[test]
fn another_version_or_reference_data_checks_every_catalog_again() {
    for field in ["version", "reference", "settings"] {
        let ws = workspace();
        check(ws.path(), &[]);
        let value = header_field(ws.path(), field);
        edit_cache(ws.path(), |t| {
            t.replacen(
                &format!("\"{field}\":\"{value}\""),
                &format!("\"{field}\":\"0{value}\""),
                1,
            )
        });
        assert_served(ws.path(), &[], 0, 2);
        assert_eq!(
            header_field(ws.path(), field),
            value,
            "rewritten for this run"
        );
        assert_served(ws.path(), &[], 2, 0);
    }
}

#[test]
fn a_damaged_cache_file_is_ignored_and_rewritten() {
    type Damage = fn(Vec<u8>) -> Vec<u8>;
    let damages: [(&str, Damage); 5] = [
        ("truncated", |b| b[..b.len() / 2].to_vec()),
        ("empty", |_| Vec::new()),
        ("garbage", |_| b"\x00\xffnot json\n{]".to_vec()),
        ("a stored finding edited", |b| {
            // Valid JSON still, but not what was written: the body's hash tells.
            String::from_utf8(b)
                .unwrap()
                .replacen("\"line\":", "\"line\":1", 1)
                .into_bytes()
        }),
        ("no header", |b| {
            let split = b.iter().position(|&c| c == b'\n').unwrap();
            b[split + 1..].to_vec()
        }),
    ];
    for (what, damage) in damages {
        let ws = workspace();
        check(ws.path(), &[]);
        let path = ws.path().join(CACHE);
        std::fs::write(&path, damage(std::fs::read(&path).unwrap())).unwrap();
        let out = check(ws.path(), &["--verbose"]);
        assert_eq!(stats(&out), (0, 2), "{what}");
        assert_eq!(
            seen(&out),
            seen(&check(ws.path(), &["--no-cache"])),
            "{what}"
        );
        assert_served(ws.path(), &[], 2, 0);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_directory_in_place_of_the_cache_is_left_alone() {
    for kind in ["fifo", "dir"] {
        let ws = workspace();
        let path = ws.path().join(CACHE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if kind == "fifo" {
            let made = std::process::Command::new("mkfifo").arg(&path).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        } else {
            std::fs::create_dir(&path).unwrap();
        }
        // Twice: nothing is read from it (no hang) and nothing replaces it.
        assert_served(ws.path(), &[], 0, 2);
        assert_served(ws.path(), &[], 0, 2);
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(!meta.is_file(), "{kind} kept");
    }
}

#[test]
fn no_cache_neither_reads_nor_writes() {
    let ws = workspace();
    let out = check(ws.path(), &["--no-cache", "--verbose"]);
    assert_eq!(stats(&out), (0, 2));
    assert!(!ws.path().join(".kanrisaku").exists(), "nothing written");
    check(ws.path(), &[]);
    let before = std::fs::read(ws.path().join(CACHE)).unwrap();
    let fixed = std::fs::read(example("ja")).unwrap();
    std::fs::write(ws.path().join("services/b.ja.yaml"), fixed).unwrap();
    std::fs::remove_file(ws.path().join("services/a.en.yaml")).unwrap();
    let out = check(ws.path(), &["--no-cache", "--verbose"]);
    assert_eq!(stats(&out), (0, 1), "nothing read");
    assert_eq!(
        std::fs::read(ws.path().join(CACHE)).unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn without_a_workspace_there_is_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("en"), dir.path().join("a.en.yaml")).unwrap();
    for _ in 0..2 {
        let out = check(dir.path(), &["a.en.yaml", "--verbose"]);
        assert_eq!(stats(&out), (0, 1));
    }
    assert!(!dir.path().join(".kanrisaku").exists());
}

#[test]
fn a_catalog_that_does_not_load_is_never_served_as_clean() {
    let ws = workspace();
    check(ws.path(), &[]);
    let broken = ws.path().join("services/a.en.yaml");
    let mut text = std::fs::read_to_string(&broken).unwrap();
    text.push_str("\nunknown_field: 1\n");
    std::fs::write(&broken, text).unwrap();
    for _ in 0..2 {
        let out = assert_served(ws.path(), &[], 1, 0);
        assert_eq!(out.status.code(), Some(2));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("load-error"), "{stdout}");
    }
    let cache = std::fs::read_to_string(ws.path().join(CACHE)).unwrap();
    assert!(
        !cache.contains("a.en.yaml"),
        "the broken file is not stored"
    );
}

#[test]
fn entries_of_removed_files_are_pruned() {
    let ws = workspace();
    check(ws.path(), &[]);
    std::fs::remove_file(ws.path().join("services/a.en.yaml")).unwrap();
    assert_served(ws.path(), &[], 1, 0);
    let cache = std::fs::read_to_string(ws.path().join(CACHE)).unwrap();
    assert!(!cache.contains("a.en.yaml"));
    assert!(cache.contains("b.ja.yaml"));
}

/// An embedded image is another file the result depends on: such a catalog is always
/// checked, so a deleted image is reported on the next run.
#[test]
fn a_catalog_embedding_an_image_is_always_checked() {
    let ws = workspace();
    let services = ws.path().join("services");
    std::fs::write(
        services.join("b.ja.yaml"),
        with_statement("図：![構成](logo.png)"),
    )
    .unwrap();
    std::fs::write(services.join("logo.png"), PNG).unwrap();
    let out = assert_served(ws.path(), &[], 0, 2);
    assert_eq!(out.status.code(), Some(0), "{}", seen(&out).1);
    std::fs::remove_file(services.join("logo.png")).unwrap();
    let out = assert_served(ws.path(), &[], 1, 1);
    assert!(String::from_utf8_lossy(&out.stdout).contains("bad-image"));
}

#[test]
fn init_ignores_the_cache_in_git() {
    let dir = tempfile::tempdir().unwrap();
    let init = |dir: &PathBuf| {
        kanrisaku(dir)
            .args(["init", ".", "--service", "My Cloud", "--lang", "en"])
            .output()
            .unwrap()
    };
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    assert!(init(&fresh).status.success());
    assert_eq!(
        std::fs::read_to_string(fresh.join(".gitignore")).unwrap(),
        "/.kanrisaku/\n"
    );
    let existing = dir.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    std::fs::write(existing.join(".gitignore"), "target").unwrap();
    assert!(init(&existing).status.success());
    assert_eq!(
        std::fs::read_to_string(existing.join(".gitignore")).unwrap(),
        "target\n/.kanrisaku/\n"
    );
}
