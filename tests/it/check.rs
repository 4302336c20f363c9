//! `kanrisaku check` on the shipped examples and on broken copies of them.

use crate::common::*;

#[test]
fn japanese_example_passes_with_full_baseline_coverage() {
    let out = run(
        &root(),
        &["check", "examples/tsumiki-cloud.ja.yaml", "--today", TODAY],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("ベースラインの管理策 40/40 件に記述あり（iso27017:2015/provider）"),
        "{text}"
    );
    assert!(text.contains("エラー 0 件、警告 0 件"), "{text}");
}

#[test]
fn english_example_passes_and_a_directory_checks_both() {
    let out = run(&root(), &["check", "examples", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("tsumiki-cloud (en): 40/40"), "{text}");
    assert!(text.contains("tsumiki-cloud (ja): 40/40"), "{text}");
    assert!(
        text.contains("checked 2 catalogs: 80/80 baseline clauses covered; 0 errors, 0 warnings"),
        "{text}"
    );
}

/// A copy of the Japanese example without A.12.3.1, in a temp dir.
fn without_backup_clause() -> tempfile::TempDir {
    temp_with(
        "wp.yaml",
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    )
}

#[test]
fn a_missing_baseline_clause_is_a_gap_in_text() {
    let dir = without_backup_clause();
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let controls_line = std::fs::read_to_string(dir.path().join("wp.yaml"))
        .unwrap()
        .lines()
        .position(|l| l == "controls:")
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!(
            "wp.yaml:{controls_line}:1: error[coverage-gap] A.12.3.1: ベースラインの管理策 A.12.3.1 情報のバックアップ に記述がありません"
        )),
        "{text}"
    );
    assert!(
        text.contains("ベースラインの管理策 39/40 件に記述あり"),
        "{text}"
    );
    assert!(text.contains("エラー 1 件、警告 0 件"), "{text}");
}

#[test]
fn a_missing_baseline_clause_is_a_gap_in_json() {
    let dir = without_backup_clause();
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--today", TODAY, "--format", "json"],
    );
    assert_exit(&out, 1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    assert_eq!(findings[0]["code"], "coverage-gap");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["clause"], "A.12.3.1");
    assert_eq!(findings[0]["file"], "wp.yaml");
    assert_eq!(
        json["catalogs"][0]["missing"],
        serde_json::json!(["A.12.3.1"])
    );
    assert_eq!(json["summary"]["covered"], 39);
    assert_eq!(json["summary"]["baseline_total"], 40);
}

#[test]
fn a_missing_baseline_clause_is_a_failing_junit_case() {
    let dir = without_backup_clause();
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--today", TODAY, "--format", "junit"],
    );
    assert_exit(&out, 1);
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml"), "{xml}");
    // One case per clause: the 42 in the catalog (the gap included) plus the document case.
    assert_eq!(xml.matches("<testcase ").count(), 43, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    let case = xml
        .split("<testcase ")
        .find(|c| c.contains("A.12.3.1"))
        .unwrap();
    assert!(
        case.contains("name=\"A.12.3.1 情報のバックアップ\""),
        "{case}"
    );
    assert!(case.contains("type=\"coverage-gap\""), "{case}");
}

#[test]
fn a_missing_baseline_clause_is_a_github_annotation() {
    let dir = without_backup_clause();
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--today", TODAY, "--format", "github"],
    );
    assert_exit(&out, 1);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("::error file=wp.yaml,line="),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("title=kanrisaku coverage-gap::A.12.3.1: ベースラインの管理策 A.12.3.1"),
        "{}",
        lines[0]
    );
    // The summary goes to stderr so stdout holds only workflow commands.
    assert!(stderr(&out).contains("39/40"));
}

#[test]
fn a_missing_baseline_clause_is_a_valid_sarif_result() {
    let dir = without_backup_clause();
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--today", TODAY, "--format", "sarif"],
    );
    assert_exit(&out, 1);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "coverage-gap");
    assert_eq!(results[0]["level"], "error");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "wp.yaml"
    );
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("A.12.3.1")
    );
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "coverage-gap");
}

#[test]
fn sarif_of_a_clean_catalog_validates_too() {
    let out = run(
        &root(),
        &["check", "examples", "--today", TODAY, "--format", "sarif"],
    );
    assert_exit(&out, 0);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    assert!(jsonschema::is_valid(&schema, &sarif));
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn output_is_deterministic() {
    let run = || {
        run(
            &root(),
            &[
                "check",
                "examples",
                "tests/fixtures/rules.yaml",
                "--today",
                TODAY,
                "--format",
                "json",
            ],
        )
        .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn unknown_clause_ids_get_the_nearest_real_one() {
    let text = edited_example("ja", |t| t.replace("  \"CLD.9.5.1\":", "  \"GLD.9.5.1\":"));
    let line = text.lines().position(|l| l == "  \"GLD.9.5.1\":").unwrap() + 1;
    let dir = temp_with("wp.yaml", text);
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "wp.yaml:{line}:3: error[unknown-clause] GLD.9.5.1: `GLD.9.5.1` は管理策番号ではありません。`CLD.9.5.1` のことですか？"
        )),
        "{text}"
    );
    // The typo also leaves the real clause uncovered.
    assert!(text.contains("error[coverage-gap] CLD.9.5.1"), "{text}");
}

#[test]
fn fail_on_controls_the_exit_code() {
    // rules.yaml has errors and warnings; warnings.yaml only warnings.
    let code = |args: &[&str]| {
        kanrisaku(&root())
            .args(["check", "tests/fixtures/warnings.yaml", "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "never"]), Some(0));
    let rules = run(
        &root(),
        &[
            "check",
            "tests/fixtures/rules.yaml",
            "--today",
            TODAY,
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(rules.status.code(), Some(0));
}

#[test]
fn every_rule_reports_where_the_fix_belongs() {
    let out = run(
        &root(),
        &["check", "tests/fixtures/rules.yaml", "--today", TODAY],
    );
    assert_exit(&out, 1);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn review_age_is_configurable() {
    let args = [
        "check",
        "tests/fixtures/warnings.yaml",
        "--today",
        TODAY,
        "--format",
        "json",
    ];
    let stale = |extra: &[&str]| {
        let out = kanrisaku(&root()).args(args).args(extra).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "stale-review")
            .count()
    };
    assert_eq!(stale(&[]), 1);
    assert_eq!(stale(&["--review-max-age", "2000"]), 0);
    assert_eq!(stale(&["--review-max-age", "30"]), 2);
}

#[test]
fn workspace_config_supplies_paths_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("services")).unwrap();
    std::fs::copy(
        fixture("warnings.yaml"),
        dir.path().join("services/warnings.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kanrisaku.toml"),
        "catalogs = [\"services\"]\n\n[check]\nfail-on = \"warning\"\nreview-max-age-days = 3650\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "fail-on = warning from the config"
    );
    let text = stdout(&out);
    assert!(text.contains("services/warnings.yaml:"), "{text}");
    assert!(
        !text.contains("stale-review"),
        "review age from the config: {text}"
    );
    // Run from a subdirectory: the config is found upwards, paths stay correct.
    let sub = dir.path().join("services");
    let out = run(&sub, &["check", "--today", TODAY, "--fail-on", "error"]);
    assert_exit(&out, 0);
}

#[test]
fn a_bad_workspace_config_is_a_usage_error() {
    let dir = temp_with("kanrisaku.toml", "[check]\nfail-on = \"sometimes\"\n");
    let out = run(dir.path(), &["check"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("kanrisaku.toml:2:11:"), "{err}");
    assert!(err.contains("sometimes"), "{err}");
}

#[test]
fn no_catalog_and_no_config_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("no catalog given"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_catalogs_for_one_service_and_language_clash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("ja"), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(example("ja"), dir.path().join("b.yaml")).unwrap();
    std::fs::copy(example("en"), dir.path().join("c.yaml")).unwrap();
    let out = run(dir.path(), &["check", ".", "--today", TODAY]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("./b.yaml:4:7: error[duplicate-service] サービス `tsumiki-cloud`（ja）は ./a.yaml にも記述されています"),
        "{text}"
    );
    assert_eq!(
        text.matches("duplicate-service").count(),
        1,
        "the English catalog is not a clash: {text}"
    );
}

/// A catalog renumbered to ISO/IEC 27002:2022 still answers the 27017 provider baseline
/// through the 2013→2022 mapping; dropping a 2022 control opens the gaps it carried.
#[test]
fn a_2022_numbered_catalog_covers_the_baseline_through_the_mapping() {
    use kanrisaku::reference::{BaselineId, Reference};
    let reference = Reference::get();
    let mut keys: Vec<String> = reference
        .baseline(BaselineId::Provider)
        .iter()
        .flat_map(|c| {
            if c.id.is_cld() {
                vec![c.id.to_string()]
            } else {
                reference
                    .to_2022(&c.id)
                    .iter()
                    .map(|i| i.to_string())
                    .collect()
            }
        })
        .collect();
    keys.sort();
    keys.dedup();
    let catalog = |keys: &[String]| {
        let mut text = String::from(
            "kanrisaku: 1\nservice: { id: renumbered, name: Renumbered, provider: Example Corp. }\n\
             document:\n  title: Renumbered\n  version: \"2.0\"\n  date: 2026-01-01\n  language: en\n  standard: iso27002:2022\n\
             \x20 baseline: iso27017:2015/provider\n  revisions:\n    - { version: \"2.0\", date: 2026-01-01, summary: Renumbered to 27002:2022 }\ncontrols:\n",
        );
        for key in keys {
            text.push_str(&format!(
                "  \"{key}\": {{ status: implemented, statement: Implemented as described., owner: CISO, reviewed: 2026-10-01 }}\n"
            ));
        }
        text
    };
    let dir = temp_with("wp.yaml", catalog(&keys));
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("40/40 baseline clauses covered"),
        "{}",
        stdout(&out)
    );

    // 5.31 is the successor of both 18.1.1 and 18.1.5.
    let without: Vec<String> = keys.iter().filter(|k| *k != "5.31").cloned().collect();
    let dir = temp_with("wp.yaml", catalog(&without));
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("error[coverage-gap] A.18.1.1"), "{text}");
    assert!(text.contains("error[coverage-gap] A.18.1.5"), "{text}");
    assert!(text.contains("38/40"), "{text}");
    assert!(
        text.contains("answered in ISO/IEC 27002:2022 numbering by 5.31"),
        "{text}"
    );
}

/// A catalog whose findings sit after multibyte text, past the first 256 bytes of a line,
/// in a block and in a quoted string.
fn placed_catalog() -> String {
    let long = "あ".repeat(100);
    format!(
        "kanrisaku: 1
service:
  id: placed
  name: 位置のテスト
  provider: 例示株式会社
document:
  title: 位置のテスト
  version: \"1.0\"
  date: 2026-01-01
  language: ja
  id_style: plain
  baseline: none
  revisions:
    - {{ version: \"1.0\", date: 2026-01-01, summary: 初版 }}
controls:
  \"5.1.1\":
    status: implemented
    statement: |
      方針を定めています。
      {long}詳細は記載予定です。A.6.1.9 を参照。
    owner: 委員会
    reviewed: 2026-10-01
  \"6.1.1\":
    status: implemented
    statement: \"役割は A.5.1.1 のとおり定めています。tbd\"
    owner: 委員会
    reviewed: 2026-10-01
"
    )
}

#[test]
fn findings_are_placed_by_character_on_crlf_and_lf_lines() {
    for newline in ["\n", "\r\n"] {
        let dir = temp_with("wp.yaml", placed_catalog().replace('\n', newline));
        let out = run(
            dir.path(),
            &["check", "wp.yaml", "--today", TODAY, "--format", "json"],
        );
        assert_exit(&out, 1);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let placed: Vec<(String, u64, u64)> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let code = f["code"].as_str().unwrap().to_string();
                (
                    code,
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect();
        // Columns count characters: six spaces, 100 あ, 詳細は → 記載予定 at 110.
        let expected = [
            ("placeholder-text", 20, 110),
            ("unknown-reference", 20, 117),
            ("placeholder-text", 25, 40),
        ]
        .map(|(code, line, column)| (code.to_string(), line, column));
        assert_eq!(placed, expected, "newline {newline:?}");
        let words: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "placeholder-text")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        assert!(
            words[0].contains("記載予定") && words[1].contains("tbd"),
            "{words:?}"
        );
    }
}
