//! `kanrisaku migrate`: a catalog renumbered to ISO/IEC 27002:2022, run on the real binary.
//! The examples are the round trip: every statement must come out, and the result must pass
//! `check`.

use std::path::Path;

use regex::Regex;
use serde_json::Value;

use crate::common::{TODAY, assert_exit, edited_example, example, run, stderr, stdout, temp_with};

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).expect("the migrated catalog is YAML")
}

/// Migrate `name` in `dir` to `out.yaml` there; the output.
fn migrate(dir: &Path, name: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["migrate", name, "--to", "iso27002:2022", "-o", "out.yaml"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// Text with clause ids taken out: references are renumbered, the words must all stay.
fn words(text: &str) -> String {
    let ids = Regex::new(r"(?:A\.|CLD\.)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?").unwrap();
    ids.replace_all(text, "#").trim_end().to_string()
}

fn statements(catalog: &Value) -> Vec<(String, String)> {
    catalog["controls"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v["statement"].as_str()?.to_string())))
        .collect()
}

#[test]
fn migrating_the_examples_keeps_every_statement_and_passes_check() {
    for lang in ["ja", "en"] {
        let source = std::fs::read_to_string(example(lang)).unwrap();
        let dir = temp_with("wp.yaml", &source);
        let out = migrate(dir.path(), "wp.yaml", &[]);
        assert_exit(&out, 0);
        let before = statements(&serde_saphyr::from_str(&source).unwrap());
        let after = yaml(&dir.path().join("out.yaml"));
        let migrated: Vec<String> = statements(&after)
            .into_iter()
            .map(|(_, s)| words(&s))
            .collect();
        assert_eq!(before.len(), 42, "{lang}: the example's statements");
        let kept = before
            .iter()
            .filter(|(_, s)| migrated.iter().any(|m| m.contains(&words(s))))
            .count();
        assert_eq!(kept, before.len(), "{lang}: statements kept");
        assert!(
            stderr(&out).contains(if lang == "en" {
                "42 statements kept"
            } else {
                "42 "
            }),
            "{}",
            stderr(&out)
        );
        // Every 2013 clause is named as the origin of some 2022 entry.
        let origins: Vec<String> = after["controls"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|v| v["from"].as_array().cloned().unwrap_or_default())
            .map(|f| f.as_str().unwrap().to_string())
            .collect();
        for (key, _) in before.iter().filter(|(k, _)| !k.starts_with("CLD")) {
            assert!(origins.contains(key), "{lang}: {key} not in any `from`");
        }
        assert_eq!(after["document"]["standard"], "iso27002:2022");
        let check = run(dir.path(), &["check", "out.yaml", "--today", TODAY]);
        assert_exit(&check, 0);
        // Nothing outside `controls` and the renumbered document fields changed.
        let migrated_text = std::fs::read_to_string(dir.path().join("out.yaml")).unwrap();
        let head =
            |t: &str| t[t.find("sections:").unwrap()..t.find("\ncontrols:").unwrap()].to_string();
        assert_eq!(head(&migrated_text), head(&source), "{lang}");
    }
}

#[test]
fn clauses_merged_into_one_2022_control_are_joined_in_order_with_their_origin() {
    let dir = temp_with("wp.yaml", std::fs::read(example("ja")).unwrap());
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("8.15 ← 12.4.1, 12.4.3"),
        "{}",
        stderr(&out)
    );
    let before: Value = yaml(&example("ja"));
    let after = yaml(&dir.path().join("out.yaml"));
    let logging = &after["controls"]["A.8.15"];
    assert_eq!(logging["from"], serde_json::json!(["A.12.4.1", "A.12.4.3"]));
    let statement = words(logging["statement"].as_str().unwrap());
    let first = statement
        .find(&words(
            before["controls"]["A.12.4.1"]["statement"]
                .as_str()
                .unwrap(),
        ))
        .expect("12.4.1's statement");
    let second = statement
        .find(&words(
            before["controls"]["A.12.4.3"]["statement"]
                .as_str()
                .unwrap(),
        ))
        .expect("12.4.3's statement");
    assert!(first < second);
    // A reference to a 2013 clause now names its 2022 successor.
    let vulnerabilities = after["controls"]["A.8.8"]["statement"].as_str().unwrap();
    assert!(!vulnerabilities.contains("A.12."), "{vulnerabilities}");
    assert!(
        !after["controls"]
            .as_object()
            .unwrap()
            .contains_key("A.12.4.1")
    );
}

#[test]
fn a_clause_split_in_two_is_placed_in_both_with_a_note_to_review() {
    let text = edited_example("en", |t| {
        t.replace(
            "controls:\n",
            "controls:\n  \"18.2.3\":\n    status: implemented\n    statement: Hosts are scanned for known vulnerabilities every week.\n    notes: scanner owned by SRE\n",
        )
    });
    let dir = temp_with("wp.yaml", &text);
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("split: 18.2.3 → 5.36, 8.8"),
        "{}",
        stderr(&out)
    );
    let after = yaml(&dir.path().join("out.yaml"));
    // The English example writes plain ids (`id_style: plain`).
    for target in ["5.36", "8.8"] {
        let entry = &after["controls"][target];
        assert!(
            entry["statement"]
                .as_str()
                .unwrap()
                .contains("Hosts are scanned for known vulnerabilities every week."),
            "{target}"
        );
        let notes = entry["notes"].as_str().unwrap();
        assert!(notes.contains("Review: 18.2.3 became 5.36, 8.8"), "{notes}");
        assert!(notes.contains("scanner owned by SRE"), "{notes}");
        assert!(
            entry["from"]
                .as_array()
                .unwrap()
                .contains(&Value::from("18.2.3"))
        );
    }
    let check = run(dir.path(), &["check", "out.yaml", "--today", TODAY]);
    assert_exit(&check, 0);
}

#[test]
fn cld_clauses_are_kept_as_they_are() {
    let dir = temp_with("wp.yaml", std::fs::read(example("en")).unwrap());
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    let before = yaml(&example("en"));
    let after = yaml(&dir.path().join("out.yaml"));
    let cld: Vec<&String> = before["controls"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.starts_with("CLD."))
        .collect();
    assert_eq!(cld.len(), 7);
    for key in cld {
        let (old, new) = (&before["controls"][key], &after["controls"][key]);
        assert_eq!(new["status"], old["status"], "{key}");
        assert_eq!(
            words(new["statement"].as_str().unwrap()),
            words(old["statement"].as_str().unwrap()),
            "{key}"
        );
        assert!(new.get("from").is_none(), "{key}");
        assert!(
            stderr(&out).contains(&format!("kept: {key} has no 2022 id")),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn new_2022_controls_are_listed_and_added_as_placeholders_with_add_missing() {
    let dir = temp_with("wp.yaml", std::fs::read(example("en")).unwrap());
    let listed = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&listed, 0);
    let err = stderr(&listed);
    assert!(
        err.contains("needs a statement: 5.7 Threat intelligence"),
        "{err}"
    );
    assert_eq!(err.matches("needs a statement:").count(), 11, "{err}");

    let added = migrate(dir.path(), "wp.yaml", &["--add-missing"]);
    assert_exit(&added, 0);
    let after = yaml(&dir.path().join("out.yaml"));
    assert_eq!(after["controls"]["5.7"]["status"], "planned");
    let check = run(
        dir.path(),
        &["check", "out.yaml", "--today", TODAY, "--format", "json"],
    );
    assert_exit(&check, 1);
    let report: Value = serde_json::from_str(&stdout(&check)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 11, "{findings:?}");
    let new = [
        "5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28",
    ];
    for f in findings {
        assert_eq!(f["code"], "placeholder-text", "{f}");
        assert!(new.contains(&f["clause_id"].as_str().unwrap()), "{f}");
    }
}

#[test]
fn without_output_the_catalog_goes_to_stdout_and_the_input_is_untouched() {
    let source = std::fs::read(example("ja")).unwrap();
    let dir = temp_with("wp.yaml", &source);
    let out = run(dir.path(), &["migrate", "wp.yaml", "--to", "iso27002:2022"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("standard: iso27002:2022"));
    assert_eq!(std::fs::read(dir.path().join("wp.yaml")).unwrap(), source);
}

#[test]
fn output_onto_the_input_is_refused_and_in_place_replaces_it_keeping_its_mode() {
    let source = std::fs::read(example("ja")).unwrap();
    let dir = temp_with("wp.yaml", &source);
    std::fs::hard_link(dir.path().join("wp.yaml"), dir.path().join("link.yaml")).unwrap();
    for target in ["wp.yaml", "./wp.yaml", "link.yaml"] {
        let out = run(
            dir.path(),
            &["migrate", "wp.yaml", "--to", "iso27002:2022", "-o", target],
        );
        assert_exit(&out, 2);
        assert!(
            stderr(&out).contains("the catalog being migrated"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(dir.path().join("wp.yaml")).unwrap(), source);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path().join("wp.yaml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let out = run(
            dir.path(),
            &["migrate", "wp.yaml", "--to", "iso27002:2022", "--in-place"],
        );
        assert_exit(&out, 0);
        assert_eq!(yaml(&path)["document"]["standard"], "iso27002:2022");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        // The hard link is another file now: it keeps the old bytes.
        assert_eq!(std::fs::read(dir.path().join("link.yaml")).unwrap(), source);
        // A catalog in 2022 numbering is not migrated twice.
        let again = run(
            dir.path(),
            &["migrate", "wp.yaml", "--to", "iso27002:2022", "--in-place"],
        );
        assert_exit(&again, 2);
        assert!(
            stderr(&again).contains("already migrated"),
            "{}",
            stderr(&again)
        );
    }
}

#[test]
fn a_broken_catalog_exits_2_with_its_position_and_writes_nothing() {
    let text = edited_example("en", |t| {
        t.replacen("    status: implemented\n", "    status: implmented\n", 1)
    });
    let dir = temp_with("wp.yaml", &text);
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        Regex::new(r"error: wp\.yaml:\d+:\d+: ")
            .unwrap()
            .is_match(&err),
        "{err}"
    );
    assert!(!dir.path().join("out.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        text
    );

    let wrong = run(dir.path(), &["migrate", "wp.yaml", "--to", "iso27002:2013"]);
    assert_exit(&wrong, 2);
    assert!(
        stderr(&wrong).contains("iso27002:2022 only"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn comments_inside_a_clause_move_with_it_and_crlf_is_kept() {
    let text = edited_example("en", |t| {
        t.replacen(
            "  \"12.4.3\":\n",
            "  # the admin log is shown in the console\n  \"12.4.3\":\n",
            1,
        )
        .replace('\n', "\r\n")
    });
    let dir = temp_with("wp.yaml", &text);
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    let migrated = std::fs::read_to_string(dir.path().join("out.yaml")).unwrap();
    assert!(migrated.contains("  # the admin log is shown in the console\r\n"));
    assert!(
        !migrated.replace("\r\n", "").contains('\n'),
        "LF without CR"
    );
    let check = run(dir.path(), &["check", "out.yaml", "--today", TODAY]);
    assert_exit(&check, 0);
}

#[test]
fn a_key_already_in_2022_numbering_joins_its_predecessors_entry() {
    let text = edited_example("en", |t| {
        t.replace(
            "controls:\n",
            "controls:\n  \"10.1.2\":\n    status: implemented\n    statement: Keys are held in a managed key service.\n  \"8.24\":\n    status: planned\n    statement: Crypto inventory to be published in 2027.\n",
        )
    });
    let dir = temp_with("wp.yaml", &text);
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    let after = yaml(&dir.path().join("out.yaml"));
    let crypto = &after["controls"]["8.24"];
    let statement = crypto["statement"].as_str().unwrap();
    assert!(
        statement.contains("Keys are held in a managed key service."),
        "{statement}"
    );
    assert!(
        statement.contains("Crypto inventory to be published in 2027."),
        "{statement}"
    );
    assert_eq!(crypto["status"], "partial");
    // The example's 10.1.1 and the new 10.1.2 in 2013 order, then the 2022 key.
    assert_eq!(
        crypto["from"],
        serde_json::json!(["10.1.1", "10.1.2", "8.24"])
    );
}

/// Thousands of clauses, each with a comment: migration stays linear (a comment or a key
/// looked up by scanning made this quadratic).
#[test]
fn a_large_catalog_with_comments_migrates_in_bounded_time() {
    let mut text = std::fs::read_to_string(example("en")).unwrap();
    for i in 0..20_000 {
        text.push_str(&format!(
            "  # note {i}\n  \"{}.{}.{}\":\n    status: implemented\n    statement: Statement {i}.\n",
            20 + i / 10_000,
            (i / 100) % 100,
            i % 100
        ));
    }
    let dir = temp_with("wp.yaml", &text);
    let started = std::time::Instant::now();
    let out = migrate(dir.path(), "wp.yaml", &[]);
    assert_exit(&out, 0);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let migrated = std::fs::read_to_string(dir.path().join("out.yaml")).unwrap();
    assert!(migrated.contains("  # note 19999\n"));
    assert!(migrated.contains("Statement 19999."));
}
