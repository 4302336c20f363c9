//! `kanrisaku check` as a CI gate: it sees every failure. A catalog that does not load is a
//! `load-error` finding in every format next to the others' findings; user text cannot act
//! on the terminal or the CI runner; linked catalogs are checked; the settings in force are
//! named.

use std::path::Path;

use quick_xml::events::Event;
use serde_json::Value;

use crate::common::*;

/// A whole catalog but for one misspelt field.
const BROKEN: &str = "kanrisaku: 1\nservice:\n  id: broken\n  nme: Broken\n  provider: P\ndocument:\n  title: T\n  version: \"1\"\n";

/// `services/` with a catalog that does not load (an unknown field at 4:3) and one that
/// loads with a coverage gap, as the README's workflow would meet it.
fn workspace_with_one_broken_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let services = dir.path().join("services");
    std::fs::create_dir(&services).unwrap();
    std::fs::write(services.join("a-broken.yaml"), BROKEN).unwrap();
    std::fs::write(
        services.join("b-good.yaml"),
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    )
    .unwrap();
    dir
}

fn check(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    run(dir, &all)
}

#[test]
fn github_annotations_for_the_broken_file_and_the_others_findings() {
    let ws = workspace_with_one_broken_catalog();
    let out = check(ws.path(), &["services", "--format", "github"]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=services/a-broken.yaml,line=4,col=3,title=kanrisaku load-error::unknown field `nme`"
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with("::error file=services/b-good.yaml,")
            && lines[1].contains("title=kanrisaku coverage-gap::A.12.3.1"),
        "{text}"
    );
    // Why the job fails is also said on stderr, next to the summary of what was checked.
    let err = stderr(&out);
    assert!(
        err.contains("services/a-broken.yaml:4:3: error[load-error] unknown field `nme`"),
        "{err}"
    );
    assert!(
        err.contains("services/b-good.yaml: tsumiki-cloud（ja）：ベースラインの管理策 39/40"),
        "{err}"
    );
}

#[test]
fn sarif_with_fail_on_never_is_written_whole_and_validates() {
    let ws = workspace_with_one_broken_catalog();
    let out = check(
        ws.path(),
        &["services", "--format", "sarif", "--fail-on", "never"],
    );
    // Unreadable input exits 2 whatever the fail level, but only after the report is written.
    assert_exit(&out, 2);
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("a whole SARIF document");
    let errors = sarif_errors(&sarif);
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["load-error", "coverage-gap"], "{sarif:#}");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "services/a-broken.yaml"
    );
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 3);
    let driver_rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(driver_rules[index]["id"], "load-error");
}

#[test]
fn junit_has_a_failure_for_the_broken_file() {
    let ws = workspace_with_one_broken_catalog();
    let out = check(ws.path(), &["services", "--format", "junit"]);
    assert_exit(&out, 2);
    let failures = junit_failures(&stdout(&out));
    assert_eq!(
        failures,
        [
            (
                "load services/a-broken.yaml".to_string(),
                "load-error".to_string()
            ),
            (
                "A.12.3.1 情報のバックアップ".to_string(),
                "coverage-gap".to_string()
            ),
        ]
    );
    // `--fail-on never` hides findings from the failures, never a file that was not read.
    let out = check(
        ws.path(),
        &["services", "--format", "junit", "--fail-on", "never"],
    );
    assert_exit(&out, 2);
    let failures = junit_failures(&stdout(&out));
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].1, "load-error");
}

#[test]
fn json_and_text_report_the_broken_file_and_check_the_rest() {
    let ws = workspace_with_one_broken_catalog();
    let out = check(ws.path(), &["services", "--format", "json"]);
    assert_exit(&out, 2);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"][0]["code"], "load-error");
    assert_eq!(json["findings"][0]["file"], "services/a-broken.yaml");
    assert_eq!(json["findings"][0]["line"], 4);
    assert_eq!(json["findings"][1]["code"], "coverage-gap");
    assert_eq!(json["summary"]["not_loaded"], 1);
    assert_eq!(json["summary"]["catalogs"], 1);

    let out = check(ws.path(), &["services"]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "services/a-broken.yaml:4:3: error[load-error] unknown field `nme`; expected one of: id, name, provider, url (did you mean `name`?)\n"
        ),
        "{text}"
    );
    assert!(text.contains("error[coverage-gap] A.12.3.1"), "{text}");
    assert!(
        text.contains(
            "services/a-broken.yaml: 読み込めなかったため、何も確認していません（load-error）"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "カタログ 1 件を確認（1 件は読み込めず）：ベースラインの管理策 39/40 件に記述あり。エラー 2 件、警告 0 件\n"
        ),
        "{text}"
    );
    assert_eq!(stderr(&out), "", "the text report is all on stdout");
}

#[test]
fn render_and_diff_still_refuse_a_catalog_that_does_not_load() {
    let ws = workspace_with_one_broken_catalog();
    let out = run(ws.path(), &["render", "services", "--out-dir", "out"]);
    assert_exit(&out, 2);
    assert_eq!(
        stderr(&out),
        "error: services/a-broken.yaml:4:3: unknown field `nme`; expected one of: id, name, provider, url (did you mean `name`?)\n"
    );
    assert!(!ws.path().join("out").exists());
    let out = run(
        ws.path(),
        &["diff", "services/b-good.yaml", "services/a-broken.yaml"],
    );
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("a-broken.yaml:4:3: unknown field"));
    assert_eq!(stdout(&out), "");
}

#[test]
fn since_an_unloadable_revision_warns_instead_of_blocking_the_fix() {
    let ws = workspace_with_one_broken_catalog();
    let path = ws.path();
    git(path, &["init", "-q", "-b", "main"]);
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "broken"]);
    // The fix: the broken catalog becomes a second copy of the example, other service id.
    let fixed = std::fs::read_to_string(example("ja"))
        .unwrap()
        .replace("id: tsumiki-cloud", "id: tsumiki-cloud-two");
    std::fs::write(path.join("services/a-broken.yaml"), fixed).unwrap();
    let out = check(path, &["services", "--since", "HEAD", "--fail-on", "error"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "services/a-broken.yaml:1:1: warning[since-load-error] HEAD の時点ではこのファイルを読み込めなかった（HEAD:services/a-broken.yaml:4:3: unknown field `nme`"
        ),
        "{text}"
    );
    // The gate still fails on the other catalog's gap, and only on that.
    assert_exit(&out, 1);
    assert!(text.contains("エラー 1 件、警告 1 件"), "{text}");
}

// --- hostile text --------------------------------------------------------------------

/// A clause key that is a GitHub workflow command after a newline, an OSC title sequence,
/// a right-to-left override, a C1 control and U+FFFE (not allowed in XML).
const HOSTILE_KEY: &str =
    r#""9.9.9\n::error file=x.yaml,line=1::pwned\e]0;owned\a \u202Eevil \x85 \uFFFE""#;

fn hostile_workspace() -> tempfile::TempDir {
    let catalog = edited_example("ja", |t| {
        t.replacen(
            "controls:\n",
            &format!("controls:\n  {HOSTILE_KEY}:\n    status: implemented\n    statement: ok\n"),
            1,
        )
    });
    let dir = temp_with("wp.yaml", catalog);
    // A load error that quotes hostile text back, in a file whose name is hostile too.
    std::fs::write(
        dir.path().join("x\n::error::named.yaml"),
        "kanrisaku: 1\nservice: {id: x, name: x, provider: x}\ndocument: {title: t, version: \"1\"}\n\"x\\n::error::unknown\\e[2J\": 1\n",
    )
    .unwrap();
    dir
}

/// No raw terminal escape, no character that would break a line, no line the runner
/// would execute as a workflow command.
#[track_caller]
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffe}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{text}");
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("::error::")
            || l.trim_start().starts_with("::error file=x.yaml")),
        "{what}: a live workflow command in\n{text}"
    );
}

#[test]
fn text_and_github_output_escape_control_characters() {
    let ws = hostile_workspace();
    for format in ["text", "github", "json"] {
        let out = check(ws.path(), &[".", "--format", format]);
        assert_exit(&out, 2);
        assert_inert(format, &stdout(&out));
        assert_inert(format, &stderr(&out));
    }
    let text = stdout(&check(ws.path(), &["."]));
    assert!(
        text.contains(r"9.9.9\n::error file=x.yaml,line=1::pwned\u{1b}]0;owned\u{7} \u{202e}evil \u{85} \u{fffe}"),
        "escapes are visible: {text}"
    );
    assert!(
        text.contains(r"./x\n::error::named.yaml:4:1: error[load-error] unknown field `x\n::error::unknown\u{1b}[2J`"),
        "{text}"
    );
    // Every annotation is one line of its own.
    let github = stdout(&check(ws.path(), &[".", "--format", "github"]));
    let files: Vec<&str> = github
        .lines()
        .map(|l| l.split(",line=").next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            r"::error file=x\n%3A%3Aerror%3A%3Anamed.yaml",
            "::error file=wp.yaml",
            "::warning file=wp.yaml",
            "::warning file=wp.yaml"
        ],
        "{github}"
    );
}

#[test]
fn refusals_on_stderr_escape_control_characters() {
    let ws = hostile_workspace();
    let out = run(ws.path(), &["render", "x\n::error::named.yaml"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_inert("render", &err);
    assert!(
        err.starts_with(r"error: x\n::error::named.yaml:4:1: unknown field"),
        "{err}"
    );
    // A usage error naming a hostile path.
    let out = run(ws.path(), &["check", "no\u{1b}]0;x\u{7}such.yaml"]);
    assert_exit(&out, 2);
    assert_inert("usage error", &stderr(&out));
}

#[test]
fn junit_stays_well_formed_xml_with_hostile_keys() {
    let ws = hostile_workspace();
    let out = check(ws.path(), &[".", "--format", "junit"]);
    assert_exit(&out, 2);
    let xml = stdout(&out);
    let failures = junit_failures(&xml);
    assert!(
        failures.iter().any(|(name, kind)| kind == "unknown-clause"
            && name.starts_with(r"9.9.9\n::error file=x.yaml")),
        "{failures:?}"
    );
    assert!(
        failures
            .iter()
            .any(|(name, kind)| kind == "load-error" && name.contains("named.yaml")),
        "{failures:?}"
    );
}

#[test]
fn sarif_and_json_stay_valid_with_hostile_keys() {
    let ws = hostile_workspace();
    let out = check(ws.path(), &[".", "--format", "sarif"]);
    assert_exit(&out, 2);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = sarif_errors(&sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let messages: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    for m in &messages {
        assert_inert("sarif message", m);
    }
    let out = check(ws.path(), &[".", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in json["findings"].as_array().unwrap() {
        assert_inert("json message", f["message"].as_str().unwrap());
        assert_inert("json file", f["file"].as_str().unwrap());
    }
}

/// Parse JUnit XML, failing on anything that is not well-formed XML 1.0 (quick-xml checks
/// the structure; characters XML forbids are checked here, raw and after unescaping), and
/// return each failing test case as (name, failure type).
fn junit_failures(xml: &str) -> Vec<(String, String)> {
    let xml_char = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    assert!(
        xml.chars().all(xml_char),
        "a character XML 1.0 forbids: {xml}"
    );
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut failures = Vec::new();
    let mut case = String::new();
    loop {
        let event = reader.read_event().expect("well-formed JUnit XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("valid escapes")
                        .into_owned();
                    assert!(value.chars().all(xml_char), "{value:?}");
                    match (e.name().as_ref(), a.key.as_ref()) {
                        ("testcase", "name") => case = value,
                        ("failure", "type") => failures.push((case.clone(), value)),
                        _ => {}
                    }
                }
            }
            // Character references (`&#27;`) arrive as references of their own.
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().expect("valid reference") {
                    assert!(xml_char(c), "{c:?} by reference");
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    failures
}

// --- symbolic links and settings -----------------------------------------------------

#[cfg(unix)]
#[test]
fn linked_catalogs_are_checked_and_unfollowable_links_reported() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let services = ws.join("services");
    let shared = ws.join("shared");
    std::fs::create_dir_all(&services).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(ws.join("kanrisaku.toml"), "catalogs = [\"services\"]\n").unwrap();
    // A linked file and a linked directory inside the workspace: both checked.
    std::fs::write(
        shared.join("gap.yaml"),
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    )
    .unwrap();
    symlink("../shared/gap.yaml", services.join("linked.yaml")).unwrap();
    std::fs::create_dir(shared.join("more")).unwrap();
    std::fs::write(
        shared.join("more/en.yaml"),
        std::fs::read_to_string(example("en")).unwrap(),
    )
    .unwrap();
    symlink("../shared/more", services.join("more")).unwrap();
    // The same file twice through a link: checked once, under its own name.
    std::fs::copy(example("ja"), services.join("real.yaml")).unwrap();
    std::fs::write(
        services.join("real.yaml"),
        std::fs::read_to_string(example("ja"))
            .unwrap()
            .replace("id: tsumiki-cloud", "id: other-cloud"),
    )
    .unwrap();
    symlink("real.yaml", services.join("current.yaml")).unwrap();
    // And through a hard link: one file, checked once, under the name found first.
    std::fs::hard_link(services.join("real.yaml"), services.join("zz-hard.yaml")).unwrap();
    // Reported, never skipped: a broken link, a loop, a link out of the workspace.
    symlink("gone.yaml", services.join("broken.yaml")).unwrap();
    symlink(".", services.join("loop")).unwrap();
    std::fs::write(dir.path().join("outside.yaml"), "secret: x\n").unwrap();
    symlink("../../outside.yaml", services.join("outside.yaml")).unwrap();
    // Not a file to read at all.
    let fifo = std::process::Command::new("mkfifo")
        .arg(services.join("fifo.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(fifo.success());

    let out = check(&ws, &[]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    for expected in [
        "services/broken.yaml:1:1: error[load-error] broken symbolic link: gone.yaml does not exist",
        "services/loop:1:1: error[load-error] symbolic link loop: leads back to services",
        "services/outside.yaml:1:1: error[load-error] symbolic link to ",
        "services/fifo.yaml:1:1: error[load-error] not a regular file",
        "services/linked.yaml: tsumiki-cloud (ja): 39/40",
        "services/more/en.yaml: tsumiki-cloud (en): 40/40",
        "services/real.yaml: other-cloud (ja): 40/40",
        "error[coverage-gap] A.12.3.1",
        "checked 3 catalogs, 4 not loaded:",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    assert!(!text.contains("current.yaml"), "{text}");
    assert!(!text.contains("zz-hard.yaml"), "{text}");
    assert!(
        !text.contains("secret"),
        "nothing of the outside file is quoted: {text}"
    );
}

#[test]
fn the_settings_in_force_are_named_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kanrisaku.toml"),
        "[check]\nfail-on = \"never\"\nreview-max-age-days = 30\n",
    )
    .unwrap();
    let sub = dir.path().join("team/services");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("wp.yaml"),
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    )
    .unwrap();
    let config = dir.path().join("kanrisaku.toml");
    let out = check(&sub, &["wp.yaml"]);
    // The parent's `fail-on = "never"` is in force, and the summary says so.
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "設定：{}：fail-on = \"never\" (指摘があっても失敗にしません), review-max-age-days = 30\n",
            config.display()
        )),
        "{text}"
    );
    // Machine formats say it on stderr and keep stdout a valid document.
    let out = check(&sub, &["wp.yaml", "--format", "sarif"]);
    assert!(sarif_errors(&serde_json::from_slice(&out.stdout).unwrap()).is_empty());
    assert!(
        stderr(&out).contains("fail-on = \"never\""),
        "{}",
        stderr(&out)
    );
    // A flag overrides it, and the summary no longer lists it.
    let out = check(&sub, &["wp.yaml", "--fail-on", "error"]);
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("review-max-age-days = 30\n") && !stdout(&out).contains("fail-on"),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
#[test]
fn since_reads_a_linked_catalog_through_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::create_dir_all(path.join("services")).unwrap();
    std::fs::create_dir_all(path.join("shared")).unwrap();
    std::fs::copy(example("ja"), path.join("shared/wp.yaml")).unwrap();
    std::os::unix::fs::symlink("../shared/wp.yaml", path.join("services/wp.yaml")).unwrap();
    git(path, &["init", "-q", "-b", "main"]);
    git(path, &["add", "."]);
    git(path, &["commit", "-q", "-m", "linked"]);
    let out = check(path, &["services", "--since", "HEAD"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(!text.contains("since-load-error"), "{text}");
    assert!(
        text.contains("services/wp.yaml: tsumiki-cloud（ja）：ベースラインの管理策 40/40"),
        "{text}"
    );
}

#[test]
fn diff_shows_control_characters_escaped() {
    let mini = |statement: &str| {
        format!(
            "kanrisaku: 1\nservice: {{ id: mini, name: Mini, provider: Ex }}\ndocument: {{ title: T, version: \"1.0\", date: 2026-01-01, baseline: none }}\ncontrols:\n  \"5.1.1\": {{ status: implemented, statement: \"{statement}\" }}\n"
        )
    };
    let dir = temp_with("old.yaml", mini("plain text."));
    std::fs::write(
        dir.path().join("new.yaml"),
        mini(r"plain \e]0;owned\a text.\n::error::pwn \u202Eevil"),
    )
    .unwrap();
    // Markdown writes the escapes' `\`, `{`, `}` and `]` as character references, which a
    // Markdown viewer shows as `\u{1b}]`.
    for (format, escape, bidi) in [
        ("text", r"\u{1b}]0;owned\u{7}", r"\u{202e}evil"),
        (
            "md",
            "&#92;u&#123;1b&#125;&#93;0;owned&#92;u&#123;7&#125;",
            "&#92;u&#123;202e&#125;evil",
        ),
    ] {
        let out = run(
            dir.path(),
            &["diff", "old.yaml", "new.yaml", "--format", format],
        );
        assert_exit(&out, 0);
        let text = stdout(&out);
        assert_inert(format, &text);
        assert!(text.contains(escape), "{text}");
        assert!(text.contains(bidi), "{text}");
    }
}
