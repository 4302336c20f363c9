//! `kanrisaku schema` and what editors read from it; every load problem of a file in one
//! run, each at its own position, in every output format and in the interface language.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::*;

const SCHEMA_FILE: &str = "schema/catalog.schema.json";

fn committed_schema() -> Value {
    let text = std::fs::read_to_string(root().join(SCHEMA_FILE)).expect("committed schema");
    serde_json::from_str(&text).expect("schema is JSON")
}

/// The catalogs that are meant to load: the examples and every fixture catalog.
fn catalogs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    files
}

/// A catalog as the JSON an editor validates: YAML 1.2 core types, as serde-saphyr reads them.
fn as_json(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("catalog YAML")
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&committed_schema())
        .expect("the schema compiles")
}

#[test]
fn the_committed_schema_is_what_the_command_prints() {
    let out = run(&root(), &["schema"]);
    assert_exit(&out, 0);
    let committed = std::fs::read_to_string(root().join(SCHEMA_FILE)).unwrap();
    assert!(
        stdout(&out) == committed,
        "{SCHEMA_FILE} is stale: run `cargo run -- schema > {SCHEMA_FILE}`"
    );
    let schema = committed_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // Hover texts in both languages; clause ids titled; status values listed.
    let status = &schema["definitions"]["ControlEntry"]["properties"]["status"];
    let hover = status["markdownDescription"].as_str().unwrap();
    assert!(
        hover.contains("実施状況") && hover.contains("How far"),
        "{hover}"
    );
    let clause = &schema["properties"]["controls"]["properties"]["A.9.2.1"];
    assert_eq!(
        clause["title"],
        "A.9.2.1 利用者登録及び登録削除 / User registration and de-registration"
    );
    let words = &schema["definitions"]["Status"];
    let listed = serde_json::to_string(words).unwrap();
    for word in ["implemented", "partial", "planned", "not-applicable"] {
        assert!(listed.contains(&format!("\"{word}\"")), "{listed}");
    }
}

#[test]
fn every_example_and_fixture_validates_against_the_schema() {
    let validator = validator();
    for path in catalogs() {
        let text = std::fs::read_to_string(&path).unwrap();
        kanrisaku::catalog::load_file(&path).expect("meant to load");
        let json = as_json(&text);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let json = as_json(FIVE_PROBLEMS);
    let validator = validator();
    let mut places: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.instance_path().to_string())
        .collect();
    places.sort();
    places.dedup();
    assert_eq!(
        places,
        [
            "/controls/5.1.1",
            "/controls/5.1.1/reviewed",
            "/controls/5.1.1/status",
            "/document/date",
            "/document/revisions/0/date",
        ]
    );
}

#[test]
fn examples_name_the_schema_for_the_editor() {
    for lang in ["ja", "en"] {
        let path = example(lang);
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: {first}", path.display()));
        let schema = path.parent().unwrap().join(target);
        assert!(
            schema.canonicalize().unwrap() == root().join(SCHEMA_FILE).canonicalize().unwrap(),
            "{target}"
        );
    }
}

/// A misspelt field, three bad dates and an unknown status (the case).
const FIVE_PROBLEMS: &str = "kanrisaku: 1
service:
  id: five
  name: Five
  provider: Example Corp.
document:
  title: Fixture
  version: \"1.0\"
  date: 2025/04/01
  revisions:
    - { version: \"1.0\", date: 2025-13-01, summary: First edition }
controls:
  \"5.1.1\":
    status: implemnted
    statment: The policy is approved by the board.
    reviewed: 01-03-2025
";

const FIVE_LINES: [&str; 5] = [
    "wp.yaml:9:9: invalid date `2025/04/01`; expected YYYY-MM-DD, e.g. 2025-04-01",
    "wp.yaml:11:31: invalid date `2025-13-01`; expected YYYY-MM-DD, e.g. 2025-04-01",
    "wp.yaml:14:13: unknown value `implemnted`; expected one of: implemented, partial, planned, not-applicable (did you mean `implemented`?)",
    "wp.yaml:15:5: unknown field `statment`; expected one of: status, statement, justification, audience, owner, reviewed, evidence, notes, from (did you mean `statement`?)",
    "wp.yaml:16:15: invalid date `01-03-2025`; expected YYYY-MM-DD, e.g. 2025-04-01",
];

#[test]
fn every_problem_of_a_file_in_one_run() {
    let dir = temp_with("wp.yaml", FIVE_PROBLEMS);
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "out.html"]);
    assert_exit(&out, 2);
    let expected: Vec<String> = FIVE_LINES.iter().map(|l| format!("error: {l}")).collect();
    assert_eq!(stderr(&out).lines().collect::<Vec<_>>(), expected);
    assert!(!dir.path().join("out.html").exists(), "nothing rendered");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        FIVE_PROBLEMS,
        "the catalog is untouched"
    );

    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 2);
    let text = stdout(&out);
    for line in FIVE_LINES {
        let (place, message) = line.split_at(line.find(": ").unwrap());
        let finding = format!("{place}: error[load-error] {}", &message[2..]);
        assert!(text.contains(&finding), "{finding}\nin\n{text}");
    }
    assert!(text.contains("1 not loaded"), "{text}");
    assert!(text.contains("5 errors"), "{text}");
}

#[test]
fn every_problem_reaches_json_and_sarif() {
    let dir = temp_with("wp.yaml", FIVE_PROBLEMS);
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "json", "--today", TODAY],
    );
    assert_exit(&out, 2);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let places: Vec<(u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "load-error")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [(9, 9), (11, 31), (14, 13), (15, 5), (16, 15)]);
    assert_eq!(report["summary"]["not_loaded"], 1);

    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "sarif", "--today", TODAY],
    );
    assert_exit(&out, 2);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [9, 11, 14, 15, 16]);
}

/// `check` on `bytes` with Japanese as the interface language: its report (exit 2).
fn checked_in_japanese(bytes: impl AsRef<[u8]>) -> String {
    let dir = temp_with("wp.yaml", bytes);
    let out = kanrisaku(dir.path())
        .env("KANRISAKU_LANG", "ja")
        .args(["check", "wp.yaml"])
        .output()
        .unwrap();
    assert_exit(&out, 2);
    stdout(&out)
}

#[test]
fn problems_are_said_in_the_interface_language() {
    let report = checked_in_japanese(FIVE_PROBLEMS);
    assert!(
        report.contains(
            "wp.yaml:9:9: error[load-error] 日付 `2025/04/01` が正しくありません。YYYY-MM-DD で書いてください"
        ),
        "{report}"
    );
    assert!(
        report.contains("（`statement` の誤りではありませんか？）"),
        "{report}"
    );
    // A syntax error.
    let text = crate::bad_input::MINIMAL.replace("title: Fixture", "title: \"Fixture");
    let report = checked_in_japanese(text);
    assert!(
        report.contains("error[load-error] この文字列が複数行に続いています。"),
        "{report}"
    );
    // A file saved as Shift_JIS (「管理策」), the commonest first-hour mistake.
    let report = checked_in_japanese(b"kanrisaku: 1\ntitle: \x8a\xc7\x97\x9d\x8d\xf4\n");
    assert!(
        report.contains("wp.yaml:2:8: error[load-error] UTF-8 として読めません（バイト 0x8A）。ファイルを UTF-8 で保存し直してください"),
        "{report}"
    );
}

/// The refusal `render` prints for `text` (exit 2, nothing written, input untouched).
fn refusal(text: &str) -> String {
    let dir = temp_with("wp.yaml", text);
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "out.md"]);
    assert_exit(&out, 2);
    assert!(!dir.path().join("out.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        text
    );
    let check = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&check, 2);
    assert!(stdout(&check).contains("error[load-error]"));
    stderr(&out)
}

#[test]
fn a_full_width_space_in_the_indentation_is_named() {
    let text = crate::bad_input::MINIMAL.replace("    statement:", "\u{3000}\u{3000}statement:");
    assert_eq!(
        refusal(&text),
        "error: wp.yaml:16:1: a full-width space (U+3000) in the indentation; YAML indents with half-width spaces only: replace each full-width space with two spaces\n"
    );
}

#[test]
fn a_tab_in_the_indentation_is_named() {
    let text = crate::bad_input::MINIMAL.replace("  name: Bad Input", "\tname: Bad Input");
    assert_eq!(
        refusal(&text),
        "error: wp.yaml:4:1: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces\n"
    );
}

#[test]
fn a_missing_service_is_reported_where_it_belongs() {
    let text = crate::bad_input::MINIMAL.replace(
        "service:\n  id: bad-input\n  name: Bad Input\n  provider: Example Corp.\n",
        "",
    );
    let with_header = format!("# yaml-language-server: $schema=schema.json\n{text}");
    assert_eq!(
        refusal(&with_header),
        "error: wp.yaml:2:1: missing required field `service`; add `service:` at the start of a line, like `kanrisaku`\n"
    );
}

#[test]
fn a_misspelt_required_field_is_one_problem() {
    let text = crate::bad_input::MINIMAL.replace("  name: Bad Input", "  nmae: Bad Input");
    assert_eq!(
        refusal(&text),
        "error: wp.yaml:4:3: unknown field `nmae`; expected one of: id, name, provider, url (did you mean `name`?)\n"
    );
}
