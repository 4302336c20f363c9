//! The first hour: `init` → `check` lists exactly the placeholders → fill them → `check`
//! passes → `render` says what it wrote; `init` never writes over a file; `explain`,
//! completions, man pages, the getting-started and `--help` that teaches.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::*;

/// (code, clause) of every finding `check --format json` reports, clauses in plain form.
fn finding_set(out: &std::process::Output) -> BTreeSet<(String, Option<String>)> {
    let report: Value = serde_json::from_slice(&out.stdout).expect("check --format json");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let clause = f["clause"]
                .as_str()
                .map(|c| c.strip_prefix("A.").unwrap_or(c).to_string());
            (f["code"].as_str().unwrap().to_string(), clause)
        })
        .collect()
}

/// What a user does after `init`: every TODO replaced, every clause implemented, owned
/// and reviewed.
fn fill(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let trimmed = line.trim_start();
        if trimmed.starts_with("statement: \"TODO") {
            out.push_str(&format!(
                "{indent}statement: \"The service does this, as its runbook describes.\"\n\
                 {indent}owner: Security team\n{indent}reviewed: 2026-11-01\n"
            ));
        } else if trimmed.starts_with("provider: \"TODO") {
            out.push_str(&format!("{indent}provider: Example Corp.\n"));
        } else if trimmed.starts_with("TODO") {
            out.push_str(&format!("{indent}Written text for this section.\n"));
        } else if trimmed == "status: planned" {
            out.push_str(&format!("{indent}status: implemented\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn first_hour(lang: &str, created: &str, wrote: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        tmp.path(),
        &["init", "ws", "--lang", lang, "--service", "Test Cloud"],
    );
    assert_exit(&out, 0);
    assert!(stdout(&out).contains(created), "{}", stdout(&out));
    let ws = tmp.path().join("ws");
    let catalog = ws.join(format!("services/test-cloud.{lang}.yaml"));
    let text = std::fs::read_to_string(&catalog).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../schema/catalog.schema.json\n"),
        "{text}"
    );
    assert!(text.contains(&format!("  language: {lang}\n")));
    // The schema the catalog's first line names is there, and it is kanrisaku's own.
    let schema = std::fs::read(ws.join("schema/catalog.schema.json")).unwrap();
    assert_eq!(schema, run(&ws, &["schema"]).stdout);
    // What init writes is already in fmt's form: the pre-commit hook passes at once.
    assert_exit(&run(&ws, &["fmt", "--check"]), 0);
    let workflow = std::fs::read_to_string(ws.join(".github/workflows/kanrisaku.yml")).unwrap();
    let workflow: Value = serde_saphyr::from_str(&workflow).expect("workflow is YAML");
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    assert_eq!(
        steps.last().unwrap()["run"],
        "kanrisaku check --format github"
    );

    // Exactly the placeholders: one per baseline clause (its planned status, owner and
    // review date are part of the same draft and wait until the statement is written);
    // outside the clauses, the provider and the three section bodies. Nothing else.
    let out = run(&ws, &["check", "--today", TODAY, "--format", "json"]);
    assert_exit(&out, 1);
    let mut expected = BTreeSet::new();
    for id in listed_ids("iso27017:2015/provider") {
        expected.insert(("placeholder-text".to_string(), Some(id.clone())));
    }
    expected.insert(("placeholder-text".to_string(), None));
    assert_eq!(finding_set(&out), expected);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let unclaused = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["clause"].is_null())
        .count();
    assert_eq!(unclaused, 4, "provider and three section bodies");

    std::fs::write(&catalog, fill(&text)).unwrap();
    let out = run(&ws, &["check", "--today", TODAY, "--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(finding_set(&out), BTreeSet::new(), "{}", stdout(&out));

    let out = run(&ws, &["render", "-o", "whitepaper.html"]);
    assert_exit(&out, 0);
    let html = std::fs::read(ws.join("whitepaper.html")).unwrap();
    assert!(String::from_utf8_lossy(&html).contains("Test Cloud"));
    let said = stderr(&out);
    assert!(said.contains(wrote), "{said}");
    assert!(said.contains("whitepaper.html") && said.contains(&html.len().to_string()));
}

#[test]
fn first_hour_in_japanese() {
    first_hour(
        "ja",
        "ワークスペースを作成しました",
        "を書き出しました（HTML、",
    );
}

#[test]
fn first_hour_in_english() {
    first_hour(
        "en",
        "Created a kanrisaku workspace",
        "wrote whitepaper.html (HTML, ",
    );
}

#[test]
fn init_never_writes_over_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    assert_exit(&run(tmp.path(), &["init", "--lang", "en"]), 0);
    let catalog = std::fs::read_dir(tmp.path().join("services"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&catalog, "my own work\n").unwrap();
    let out = run(tmp.path(), &["init", "--lang", "en"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("already exists; init never writes over a file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&catalog).unwrap(), "my own work\n");
}

#[test]
fn init_writes_nothing_when_one_file_exists() {
    let tmp = temp_with("kanrisaku.toml", "catalogs = [\"mine\"]\n");
    let out = run(tmp.path(), &["init", ".", "--lang", "ja"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("kanrisaku.toml は既に存在します"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("kanrisaku.toml")).unwrap(),
        "catalogs = [\"mine\"]\n"
    );
    assert!(!tmp.path().join("services").exists());
    assert!(!tmp.path().join(".github").exists());
}

#[test]
fn init_into_a_file_is_refused() {
    let tmp = temp_with("notes.txt", "keep\n");
    let out = run(tmp.path(), &["init", "notes.txt", "--lang", "en"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("is not a directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "keep\n"
    );
}

#[test]
fn init_names_the_service_after_its_directory_and_quotes_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "acme-docs", "--lang", "en"]);
    assert_exit(&out, 0);
    assert!(
        tmp.path()
            .join("acme-docs/services/acme-docs.en.yaml")
            .is_file()
    );
    // A name YAML would read as syntax is written quoted, and the catalog still loads.
    let out = run(
        tmp.path(),
        &["init", "odd", "--lang", "en", "--service", "A: \"b\" # c"],
    );
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(tmp.path().join("odd/services/a-b-c.en.yaml")).unwrap();
    assert!(text.contains("  name: \"A: \\\"b\\\" # c\"\n"), "{text}");
    let out = run(&tmp.path().join("odd"), &["check", "--today", TODAY]);
    assert_exit(&out, 1);
    assert!(!stderr(&out).contains("load-error"), "{}", stderr(&out));
}

#[test]
fn explain_accepts_every_id_form() {
    let dir = root();
    for form in ["9.2.1", "A.9.2.1", "a.9.2.1", "Ａ．９．２．１"] {
        let out = run(&dir, &["explain", form, "--lang", "en"]);
        assert_exit(&out, 0);
        let text = stdout(&out);
        assert!(
            text.starts_with("A.9.2.1 User registration and de-registration\n"),
            "{form}: {text}"
        );
        assert!(text.contains("Japanese title: 利用者登録及び登録削除"));
        assert!(text.contains("ISO/IEC 27002:2022: 5.16 Identity management"));
        assert!(text.contains("for the provider (CSP) only"));
        assert!(text.contains("Required by: iso27017:2015/provider\n"));
        assert!(text.contains("What whitepapers state: "));
    }
    let out = run(&dir, &["explain", "CLD.6.3.1", "--lang", "ja"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("CLD.6.3.1 クラウドコンピューティング環境における"),
        "{text}"
    );
    assert!(text.contains("記載のポイント: "), "{text}");
    assert!(text.contains("iso27017:2015/provider, iso27017:2015/customer"));
}

#[test]
fn explain_a_2022_clause_through_its_predecessors() {
    let out = run(
        &root(),
        &[
            "explain",
            "5.15",
            "--standard",
            "iso27002:2022",
            "--lang",
            "en",
            "--both",
        ],
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.starts_with("5.15 Access control\n"), "{text}");
    assert!(text.contains("ISO/IEC 27002:2013: A.9.1.1 Access control policy"));
    assert!(text.contains("ISO/IEC 27017 guidance (via A.9.1.2): for the customer (CSC) only"));
    assert!(
        text.contains("What whitepapers state (via A.9.1.2) [ja]: "),
        "{text}"
    );
    assert!(
        text.contains("What whitepapers state (via A.9.1.2) [en]: "),
        "{text}"
    );
}

#[test]
fn explain_an_unknown_clause_exits_2_with_a_suggestion() {
    let dir = root();
    for (raw, lang, said) in [
        (
            "9.2.7",
            "en",
            "no clause `9.2.7` in iso27017:2015; 9.2 has A.9.2.1 to A.9.2.6",
        ),
        ("GLD.6.3.1", "en", "did you mean CLD.6.3.1?"),
        (
            "9.2.7",
            "ja",
            "9.2 にあるのは A.9.2.1 から A.9.2.6 までです",
        ),
    ] {
        let out = run(&dir, &["explain", raw, "--lang", lang]);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(said), "{raw}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn every_cloud_clause_has_guidance_in_both_languages() {
    use kanrisaku::reference::{Lang, Reference, StandardId};
    let reference = Reference::get();
    for clause in reference.standard(StandardId::Iso27017_2015).clauses() {
        let hint = reference.hint(&clause.id).expect("every 27017 clause");
        for lang in [Lang::Ja, Lang::En] {
            let text = hint.text(lang);
            assert!(
                text.len() > 20 && !text.contains('\n'),
                "{}: {text}",
                clause.id
            );
        }
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(&root(), &["completions", shell]);
        assert_exit(&out, 0);
        let script = stdout(&out);
        assert!(script.len() > 1000, "{shell}: {script}");
        assert!(
            script.contains("kanrisaku") && script.contains("explain"),
            "{shell}"
        );
    }
    let out = run(&root(), &["completions", "tcsh"]);
    assert_exit(&out, 2);
}

/// The commands `kanrisaku --help` lists.
fn commands() -> Vec<String> {
    let out = run(&root(), &["--help"]);
    assert_exit(&out, 0);
    let help = stdout(&out);
    let list = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .split("\n\n")
        .next()
        .unwrap();
    // A description that wraps continues on lines indented further.
    list.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_help_has_examples() {
    let commands = commands();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands
        .iter()
        .map(|c| vec![c.as_str()])
        .chain([vec!["templates", "export"]])
    {
        let mut args = command.clone();
        args.push("--help");
        let out = run(&root(), &args);
        assert_exit(&out, 0);
        let help = stdout(&out);
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command:?} --help has no Examples:\n{help}"));
        let count = examples
            .lines()
            .take_while(|l| l.starts_with("  kanrisaku") || l.starts_with("  cd "))
            .count();
        assert!((2..=4).contains(&count), "{command:?}: {examples}");
    }
}

#[test]
fn kanrisaku_alone_prints_a_getting_started() {
    let out = kanrisaku(&root())
        .env("KANRISAKU_LANG", "en")
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let text = stdout(&out);
    for step in [
        "kanrisaku init",
        "kanrisaku check",
        "kanrisaku render",
        "kanrisaku explain",
    ] {
        assert!(text.contains(step), "{text}");
    }
    let out = kanrisaku(&root())
        .env("KANRISAKU_LANG", "ja")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("はじめの 1 時間"), "{}", stdout(&out));
}

#[test]
fn man_pages_from_the_same_definitions() {
    let out = run(&root(), &["man"]);
    assert_exit(&out, 0);
    let page = stdout(&out);
    assert!(page.contains(".TH kanrisaku 1"), "{page}");
    for command in commands() {
        assert!(
            page.contains(&format!("kanrisaku\\-{}", command.replace('-', "\\-"))),
            "{command}"
        );
    }
    let out = run(&root(), &["man", "check"]);
    assert_exit(&out, 0);
    let page = stdout(&out);
    assert!(
        page.contains(".TH kanrisaku-check 1") && page.contains("Examples:"),
        "{page}"
    );
    let out = run(&root(), &["man", "chekc"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("no command `chekc`"));
}

#[test]
fn controls_columns_line_up_with_long_mapping_lists() {
    let out = run(
        &root(),
        &["controls", "--standard", "iso27002:2022", "--lang", "en"],
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    let column = lines[0].find("TITLE").unwrap();
    let long = lines.iter().find(|l| l.starts_with("5.14 ")).unwrap();
    assert!(long.contains("13.2.1,13.2.2,13.2.3"), "{long}");
    for line in &lines[1..] {
        let before = &line[..column];
        assert!(
            before.ends_with(' ') && line.as_bytes()[column] != b' ',
            "title not at column {column}: {line}"
        );
    }
}

#[test]
fn render_to_standard_output_says_so_on_stderr() {
    let out = run(
        &root(),
        &["render", example("en").to_str().unwrap(), "--format", "md"],
    );
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains(&format!(
            "wrote Markdown to standard output ({} bytes)",
            out.stdout.len()
        )),
        "{}",
        stderr(&out)
    );
}

/// The pre-commit hooks run what they say, the way pre-commit runs them: `entry` split on
/// whitespace, from the repository root, without file names.
#[test]
fn pre_commit_hooks_run_check_and_fmt() {
    #[derive(serde::Deserialize)]
    struct Hook {
        id: String,
        entry: String,
        pass_filenames: bool,
    }
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).unwrap();
    let entries: Vec<(&str, &str)> = hooks
        .iter()
        .map(|h| (h.id.as_str(), h.entry.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("kanrisaku-check", "kanrisaku check"),
            ("kanrisaku-fmt", "kanrisaku fmt --check")
        ]
    );
    assert!(hooks.iter().all(|h| !h.pass_filenames));

    let tmp = tempfile::tempdir().unwrap();
    assert_exit(&run(tmp.path(), &["init", "--lang", "en"]), 0);
    let args: Vec<&str> = hooks[0].entry.split_whitespace().skip(1).collect();
    let out = run(tmp.path(), &args);
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("placeholder-text"),
        "{}",
        stdout(&out)
    );
}

/// README, "Try it": the example passes today, and when its reviews age past a year the
/// same command warns (`stale-review`) but still exits 0.
#[test]
fn readme_example_goes_stale_with_a_warning_not_a_failure() {
    let catalog = example("ja");
    let catalog = catalog.to_str().unwrap();
    let out = run(&root(), &["check", catalog, "--today", "2027-06-18"]);
    assert_exit(&out, 0);
    assert!(
        !stdout(&out).contains("warning[") && !stdout(&out).contains("error["),
        "{}",
        stdout(&out)
    );
    let out = run(&root(), &["check", catalog, "--today", "2027-06-19"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("warning[stale-review]"),
        "{}",
        stdout(&out)
    );
}

/// With `--date`, init writes the same bytes on every run, dated as asked.
#[test]
fn init_with_a_date_is_byte_identical() {
    let made: Vec<Vec<u8>> = (0..2)
        .map(|_| {
            let tmp = tempfile::tempdir().unwrap();
            let args = [
                "init",
                "--lang",
                "ja",
                "--service",
                "Test",
                "--date",
                "2026-04-01",
            ];
            assert_exit(&run(tmp.path(), &args), 0);
            std::fs::read(tmp.path().join("services/test.ja.yaml")).unwrap()
        })
        .collect();
    assert_eq!(made[0], made[1]);
    let text = String::from_utf8(made[0].clone()).unwrap();
    assert!(text.contains("date: 2026-04-01"), "{text}");

    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "--date", "2026/04/01"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
    assert!(!tmp.path().join("kanrisaku.toml").exists());
}
