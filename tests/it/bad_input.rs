//! Unreadable catalogs: every one exits 2 with one line naming file, line and column
//! (`render` refuses with it; `check` reports it as a `load-error` finding).

use crate::common::*;

pub(crate) const MINIMAL: &str = "kanrisaku: 1
service:
  id: bad-input
  name: Bad Input
  provider: Example Corp.
document:
  title: Fixture
  version: \"1.0\"
  date: 2026-01-01
  baseline: none
  revisions:
    - { version: \"1.0\", date: 2026-01-01, summary: First edition }
controls:
  \"5.1.1\":
    status: implemented
    statement: The policy is approved by the board.
    owner: CISO
    reviewed: 2026-10-01
";

/// The one line a command that refuses unreadable input (`render`) prints for `bytes`,
/// `error: wp.yaml:L:C: message`, asserting exit code 2 and that nothing was written;
/// and that `check` reports the same as a `load-error` finding (exit 2) and says so in
/// its summary.
pub(crate) fn load_error(bytes: impl AsRef<[u8]>) -> String {
    let dir = temp_with("wp.yaml", bytes);
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "out.md"]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}\nstderr: {err}",
        stdout(&out)
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(!dir.path().join("out.md").exists(), "nothing rendered");
    let line = err.trim_end().to_string();

    let (location, message) = split_error(&line);
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 2);
    let report = stdout(&out);
    assert!(
        report.starts_with(&format!("{location}: error[load-error] {message}\n")),
        "{report}"
    );
    assert!(
        report.contains("wp.yaml: not loaded, nothing in it was checked (load-error)"),
        "{report}"
    );
    line
}

/// `error: wp.yaml:3:5: msg` → (`wp.yaml:3:5`, `msg`); a whole-file error is at 1:1.
fn split_error(line: &str) -> (String, &str) {
    let rest = line.strip_prefix("error: wp.yaml:").expect(line);
    let mut parts = rest.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(c), Some(msg)) if l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok() => {
            (format!("wp.yaml:{l}:{c}"), msg.trim_start())
        }
        _ => ("wp.yaml:1:1".to_string(), rest.trim_start()),
    }
}

#[test]
fn the_minimal_fixture_itself_loads() {
    let dir = temp_with("wp.yaml", MINIMAL);
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 0);
}

#[test]
fn yaml_syntax_error() {
    let err = load_error(format!("{MINIMAL}  \"6.1.1\": {{status: implemented\n"));
    assert_eq!(
        err,
        "error: wp.yaml:19:12: a mapping opened with a curly bracket is not closed; add the closing curly bracket, or put text that starts with one in quotes"
    );
}

#[test]
fn wrong_type_for_a_number() {
    let err = load_error(MINIMAL.replace("kanrisaku: 1", "kanrisaku: one"));
    assert_eq!(
        err,
        "error: wp.yaml:1:12: expected a whole number, found `one`"
    );
}

#[test]
fn wrong_type_scalar_for_a_list() {
    let err = load_error(MINIMAL.replace(
        "    reviewed: 2026-10-01",
        "    reviewed: 2026-10-01\n    evidence: policy.md",
    ));
    assert_eq!(
        err,
        "error: wp.yaml:19:15: expected a list (`- item` lines or `[a, b]`), found `policy.md`"
    );
}

#[test]
fn wrong_type_list_for_text() {
    let err = load_error(MINIMAL.replace("statement: The policy", "statement: [The policy"));
    assert!(err.starts_with("error: wp.yaml:16:16: "), "{err}");
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let err = load_error(MINIMAL.replace("    statement:", "    statment:"));
    assert_eq!(
        err,
        "error: wp.yaml:16:5: unknown field `statment`; expected one of: status, statement, justification, audience, owner, reviewed, evidence, notes, from (did you mean `statement`?)"
    );
}

#[test]
fn unknown_top_level_field() {
    let err = load_error(format!("{MINIMAL}contorls: {{}}\n"));
    assert!(
        err.starts_with("error: wp.yaml:19:1: unknown field `contorls`;"),
        "{err}"
    );
    assert!(err.ends_with("(did you mean `controls`?)"), "{err}");
}

#[test]
fn unknown_status_suggests_the_right_value() {
    let err = load_error(MINIMAL.replace("status: implemented", "status: implmented"));
    assert_eq!(
        err,
        "error: wp.yaml:15:13: unknown value `implmented`; expected one of: implemented, partial, planned, not-applicable (did you mean `implemented`?)"
    );
}

#[test]
fn missing_required_field() {
    let err = load_error(MINIMAL.replace("    status: implemented\n", ""));
    // Where the clause's mapping starts (its first key), with the fix.
    assert_eq!(
        err,
        "error: wp.yaml:15:5: missing required field `status`; add `status:` here, in line with `statement`"
    );
}

#[test]
fn invalid_date() {
    let err = load_error(MINIMAL.replace("reviewed: 2026-10-01", "reviewed: 2026-13-01"));
    assert_eq!(
        err,
        "error: wp.yaml:18:15: invalid date `2026-13-01`; expected YYYY-MM-DD, e.g. 2025-04-01"
    );
}

#[test]
fn duplicate_clause_key_names_both_lines() {
    let dup = "  \"5.1.1\":\n    status: planned\n    statement: Second copy.\n";
    let err = load_error(format!("{MINIMAL}{dup}"));
    assert_eq!(
        err,
        "error: wp.yaml:19:3: duplicate clause `5.1.1`, first written at line 14:3; a clause may appear once, so merge the two statements"
    );
}

#[test]
fn the_same_clause_in_two_spellings_is_a_duplicate() {
    let dup = "  A.5.1.1:\n    status: planned\n    statement: Second copy.\n";
    let err = load_error(format!("{MINIMAL}{dup}"));
    assert!(
        err.starts_with("error: wp.yaml:19:3: duplicate clause `A.5.1.1` (same clause as `5.1.1`), first written at line 14:3"),
        "{err}"
    );
}

#[test]
fn duplicate_field_in_a_clause() {
    let err = load_error(MINIMAL.replace("    owner: CISO\n", "    owner: CISO\n    owner: CTO\n"));
    assert!(err.contains("duplicate field `owner`"), "{err}");
    assert!(err.starts_with("error: wp.yaml:"), "{err}");
}

#[test]
fn unsupported_schema_version() {
    let err = load_error(MINIMAL.replace("kanrisaku: 1", "kanrisaku: 2"));
    assert_eq!(
        err,
        "error: wp.yaml:1:12: unsupported schema version `kanrisaku: 2`; this kanrisaku reads version 1"
    );
}

#[test]
fn service_id_must_be_a_slug() {
    let err = load_error(MINIMAL.replace("id: bad-input", "id: Bad Input"));
    assert!(
        err.starts_with("error: wp.yaml:3:7: service id `Bad Input` is not a slug;"),
        "{err}"
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        load_error(""),
        "error: wp.yaml:1:1: empty catalog; expected a mapping that starts with `kanrisaku: 1`"
    );
}

#[test]
fn comments_only_file() {
    assert_eq!(
        load_error("# nothing here yet\n\n"),
        "error: wp.yaml:1:1: empty catalog; expected a mapping that starts with `kanrisaku: 1`"
    );
}

#[test]
fn top_level_list_instead_of_mapping() {
    let err = load_error("- kanrisaku: 1\n");
    assert_eq!(
        err,
        "error: wp.yaml:1:1: expected a mapping (indented `key: value` lines), found a list"
    );
}

#[test]
fn binary_file() {
    let mut bytes = b"kanrisaku: 1\nservice:".to_vec();
    bytes.extend_from_slice(&[0, 1, 2, 3, 0xFF]);
    assert_eq!(
        load_error(bytes),
        "error: wp.yaml:2:9: binary file (NUL byte); expected a YAML catalog in UTF-8 text"
    );
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    // 「日本」 in Shift_JIS.
    let mut bytes = b"kanrisaku: 1\nservice:\n  name: ".to_vec();
    bytes.extend_from_slice(&[0x93, 0xFA, 0x96, 0x7B]);
    let err = load_error(bytes);
    assert!(
        err.starts_with("error: wp.yaml:3:9: invalid UTF-8 (byte 0x93)"),
        "{err}"
    );
    assert!(err.contains("re-save the file as UTF-8"), "{err}");
}

#[test]
fn utf16_is_named() {
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("kanrisaku: 1\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = load_error(bytes);
    assert_eq!(
        err,
        "error: wp.yaml:1:1: file is UTF-16; expected UTF-8 (save it as UTF-8)"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = temp_with("wp.yaml", format!("\u{FEFF}{MINIMAL}"));
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("wp.yaml")).unwrap();
    file.set_len(kanrisaku::catalog::MAX_CATALOG_BYTES + 1)
        .unwrap();
    let out = run(dir.path(), &["check", "wp.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stdout(&out).starts_with(
            "wp.yaml:1:1: error[load-error] file is 8.1 MiB; a catalog may be at most 8 MiB (is this the right file?)\n"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn alias_bomb_is_stopped_by_the_budget() {
    // The aliases sit where the schema takes text, so the parser's alias budget (and not a
    // type or unknown-field error) is what stops them.
    let aliases = vec!["*a"; 1200].join(", ");
    let bomb = MINIMAL.replace(
        "    reviewed: 2026-10-01",
        &format!("    reviewed: 2026-10-01\n    notes: &a x\n    evidence: [{aliases}]"),
    );
    let err = load_error(bomb);
    assert!(err.starts_with("error: wp.yaml:20:"), "{err}");
    assert!(
        err.ends_with("more than 1000 YAML aliases (`*name`); a catalog needs few or none (is this the right file?)"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_a_clear_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let err = load_error(MINIMAL.replace(
        "    reviewed: 2026-10-01",
        &format!("    reviewed: 2026-10-01\n    evidence: {deep}"),
    ));
    assert!(err.starts_with("error: wp.yaml:19:"), "{err}");
    assert!(err.contains("nested too deeply"), "{err}");
}

#[test]
fn missing_file_and_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = run(dir.path(), &["check", "nope.yaml"]);
    assert_exit(&out, 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: nope.yaml: no such file or directory"
    );
    let out = run(dir.path(), &["check", "empty"]);
    assert_exit(&out, 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: empty: no catalogs (*.yaml, *.yml) in this directory"
    );
}

#[test]
fn every_unreadable_file_is_reported_not_just_the_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "").unwrap();
    std::fs::write(dir.path().join("b.yaml"), MINIMAL).unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        MINIMAL.replace("kanrisaku: 1", "kanrisaku: 9"),
    )
    .unwrap();
    let out = run(dir.path(), &["check", ".", "--today", TODAY]);
    assert_exit(&out, 2);
    let report = stdout(&out);
    let lines: Vec<&str> = report.lines().collect();
    assert!(
        lines[0].starts_with("./a.yaml:1:1: error[load-error] empty catalog"),
        "{report}"
    );
    assert!(
        lines[1].starts_with("./c.yaml:1:12: error[load-error] unsupported schema version"),
        "{report}"
    );
    // The catalog that loads is still checked.
    assert!(
        report.contains("./b.yaml: bad-input（ja）：ベースラインなし、記述のある管理策 1 件"),
        "{report}"
    );
    assert!(
        report.ends_with(
            "カタログ 1 件を確認（2 件は読み込めず）：ベースラインの管理策 0/0 件に記述あり。エラー 2 件、警告 0 件\n"
        ),
        "{report}"
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn bad_today_is_a_usage_error() {
    let dir = temp_with("wp.yaml", MINIMAL);
    let out = run(dir.path(), &["check", "wp.yaml", "--today", "yesterday"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("invalid date `yesterday`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_scalar_where_controls_belong() {
    let (head, _) = MINIMAL.split_at(MINIMAL.find("controls:").unwrap());
    let err = load_error(format!("{head}controls: none yet\n"));
    assert_eq!(
        err,
        "error: wp.yaml:13:11: expected a mapping (indented `key: value` lines), found `none yet`"
    );
}

#[test]
fn an_empty_controls_mapping_is_allowed() {
    let (head, _) = MINIMAL.split_at(MINIMAL.find("controls:").unwrap());
    let dir = temp_with("wp.yaml", format!("{head}controls:\n"));
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 0);
}
