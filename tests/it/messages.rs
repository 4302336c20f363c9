//! Messages a person can act on: no Rust library advice, the right encoding named, dates
//! as written, usage errors as usage errors. (git's refusal of a repository another user
//! owns is tested with the other git errors, in `diff`.)

use crate::bad_input::{MINIMAL, load_error};
use crate::common::*;

/// What the parser library says to Rust programmers, and debug output.
const LIBRARY_WORDS: &[&str] = &[
    "Option<", "from_str", "Options", "Scalar", "Bytes", "{", "::", "serde",
];

fn with(old: &str, new: &str) -> String {
    assert!(MINIMAL.contains(old), "{old}");
    MINIMAL.replacen(old, new, 1)
}

fn evidence(list: &str) -> String {
    with(
        "    reviewed: 2026-10-01",
        &format!("    reviewed: 2026-10-01\n    evidence: {list}"),
    )
}

fn responsibility(owner: &str) -> String {
    format!(
        "{MINIMAL}responsibility:\n  parties:\n    customer: Customer\n  layers:\n    - layer: Data\n      owner: {owner}\n"
    )
}

/// One catalog per kind of parse error serde-saphyr reports for a catalog (each error
/// variant it can reach, and the common YAML syntax errors), with the position and the
/// words expected.
#[test]
fn every_parse_error_is_in_a_catalog_authors_words() {
    let many = |n: usize, item: &str| vec![item; n].join(", ");
    let anchors: Vec<String> = (0..1100).map(|i| format!("&a{i} x")).collect();
    let long = "x".repeat(100_000);
    let cases: Vec<(&str, String, &str)> = vec![
        // Syntax (the parser's error kinds).
        (
            "unclosed quote",
            with("title: Fixture", "title: \"Fixture"),
            "8:3: this text runs on over several lines: is a closing quote or bracket missing?",
        ),
        (
            "colon in a value",
            with("title: Fixture", "title: Note: x"),
            "7:14: a `: ` inside a value, or a key without its colon; put text that contains `: ` in quotes",
        ),
        (
            "tab",
            with("  title: Fixture", "\ttitle: Fixture"),
            "7:1: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces",
        ),
        (
            "unclosed brace",
            format!("{MINIMAL}  \"6.1.1\": {{status: implemented\n"),
            "19:12: a mapping opened with a curly bracket is not closed",
        ),
        (
            "stray bracket",
            with("title: Fixture", "title: ]"),
            "7:10: brackets do not match",
        ),
        (
            "reserved character",
            with("title: Fixture", "title: @Fixture"),
            "7:10: a value starts with a character YAML reserves",
        ),
        (
            "comment",
            with("title: Fixture", "title: \"x\"#c"),
            "7:13: ` #` starts a comment",
        ),
        (
            "escape",
            with("title: Fixture", "title: \"C:\\q\""),
            "7:10: invalid backslash escape in double-quoted text",
        ),
        (
            "block header",
            with("title: Fixture", "title: |0\n    x"),
            "7:10: a text block (`|` or `>`) is written wrongly",
        ),
        (
            "indentation",
            with("  title: Fixture", "  title: Fixture\n  - x"),
            "8:5: the indentation does not line up",
        ),
        (
            "ampersand",
            with("title: Fixture", "title: & x"),
            "7:10: a value that starts with `&` or `*` is a YAML anchor or alias",
        ),
        (
            "byte-order mark inside",
            with("title: Fixture", "title: Fixture\n\u{FEFF}x: 1"),
            "8:1: a byte-order mark inside the file",
        ),
        (
            "directive",
            format!("%YAML 1.2\n%YAML 1.2\n---\n{MINIMAL}"),
            "2:1: a line that starts with `%` is a YAML directive",
        ),
        (
            "unknown directive",
            format!("%FOO\n{MINIMAL}"),
            "2:1: a line that starts with `%` is a YAML directive",
        ),
        // Structure and types.
        (
            "two documents",
            format!("{MINIMAL}---\nfoo: 1\n"),
            "20:1: a second YAML document starts here",
        ),
        (
            "null text",
            with("title: Fixture", "title:"),
            "7:8: expected text, found nothing; write the text after the colon",
        ),
        (
            "list for text",
            with("title: Fixture", "title: [a, b]"),
            "7:10: expected text, not a list or mapping",
        ),
        (
            "text for a mapping",
            with(
                "service:\n  id: bad-input\n  name: Bad Input\n  provider: Example Corp.",
                "service: text",
            ),
            "2:10: expected a mapping (indented `key: value` lines)",
        ),
        (
            "text for a list",
            evidence("policy.md"),
            "19:15: expected a list (`- item` lines or `[a, b]`)",
        ),
        (
            "list for controls",
            MINIMAL
                .replace("controls:\n", "controls:\n  - a\n")
                .split("  \"5.1.1\"")
                .next()
                .unwrap()
                .to_string(),
            "14:3: expected a mapping (indented `key: value` lines), found a list",
        ),
        (
            "mapping for an owner",
            responsibility("{customer: 1}"),
            "expected text or a list (`- item` lines or `[a, b]`), found a mapping",
        ),
        (
            "special number",
            responsibility(".nan"),
            "`.nan` reads as a special number here; put it in quotes if it is text",
        ),
        (
            "word for a number",
            with("kanrisaku: 1", "kanrisaku: one"),
            "1:12: expected a whole number",
        ),
        (
            "unknown value",
            with("status: implemented", "status: done"),
            "15:13: unknown value `done`; expected one of: implemented, partial, planned, not-applicable",
        ),
        (
            "mapping for a word",
            with("status: implemented", "status: {implemented: x}"),
            "expected one word here (e.g. `status: implemented`), not a list or mapping",
        ),
        (
            "list for a word",
            with("status: implemented", "status: [implemented]"),
            "15:13: expected one word here",
        ),
        (
            "two words",
            with(
                "status: implemented",
                "status: {implemented: ~, planned: ~}",
            ),
            "expected one word here",
        ),
        (
            "unknown field",
            with("owner: CISO", "ownr: CISO"),
            "17:5: unknown field `ownr`; expected one of: status, statement, justification, audience, owner, reviewed, evidence, notes, from (did you mean `owner`?)",
        ),
        (
            "missing field",
            with("    status: implemented\n", ""),
            "missing required field `status`",
        ),
        (
            "duplicate field",
            with("owner: CISO", "owner: CISO\n    owner: Board"),
            "duplicate field `owner`",
        ),
        (
            "invalid date",
            with(
                "date: 2026-01-01\n  baseline",
                "date: 2026-13-01\n  baseline",
            ),
            "9:9: invalid date `2026-13-01`; expected YYYY-MM-DD",
        ),
        // Tags.
        (
            "bad binary",
            with("title: Fixture", "title: !!binary \"@@@\""),
            "7:19: YAML tags (`!name`, `!!binary`) are not used in catalogs",
        ),
        (
            "binary not text",
            with("title: Fixture", "title: !!binary \"/w==\""),
            "7:19: YAML tags",
        ),
        (
            "tagged number",
            with("title: Fixture", "title: !!int 5"),
            "7:16: YAML tags",
        ),
        (
            "tagged word",
            with("status: implemented", "status: !Foo implemented"),
            "YAML tags",
        ),
        // Anchors, aliases, merges and the parser's budget.
        (
            "unknown anchor",
            with("title: Fixture", "title: *nope"),
            "7:10: `*name` refers to no anchor `&name` written before it",
        ),
        (
            "alias of the wrong type",
            with("  revisions:", "  revisions: &r").replacen(
                "statement: The policy is approved by the board.",
                "statement: *r",
                1,
            ),
            "16:16: expected text, not a list or mapping",
        ),
        (
            "merge of a number",
            with("  title: Fixture", "  <<: 1\n  title: Fixture"),
            "7:7: a `<<` merge key must name a mapping",
        ),
        (
            "aliases",
            with(
                "    reviewed: 2026-10-01",
                &format!(
                    "    reviewed: 2026-10-01\n    notes: &a x\n    evidence: [{}]",
                    many(1200, "*a")
                ),
            ),
            "more than 1000 YAML aliases (`*name`); a catalog needs few or none",
        ),
        (
            "anchors",
            evidence(&format!("[{}]", anchors.join(", "))),
            "more than 1000 YAML anchors (`&name`)",
        ),
        (
            "alias ratio",
            with(
                "    reviewed: 2026-10-01",
                &format!(
                    "    reviewed: 2026-10-01\n    notes: &a x\n    evidence: [{}]",
                    many(900, "*a")
                ),
            ),
            "aliases (`*name`) repeat 1 anchored value(s) (`&name`) 900 times",
        ),
        (
            "repeated text",
            with(
                "    reviewed: 2026-10-01",
                &format!(
                    "    reviewed: 2026-10-01\n    notes: &a {long}\n    evidence: [{}]",
                    many(700, "*a")
                ),
            ),
            "the text adds up to more than 64 MiB (aliases count each time they are used)",
        ),
        (
            "values",
            evidence(&format!("[{}]", many(260_000, "a"))),
            "more than 250000 YAML values; a catalog has far fewer",
        ),
    ];
    for (name, text, expected) in &cases {
        let err = load_error(text);
        assert!(err.starts_with("error: wp.yaml:"), "{name}: {err}");
        assert!(
            err.contains(expected),
            "{name}: {err}\nexpected: {expected}"
        );
        for word in LIBRARY_WORDS {
            assert!(!err.contains(word), "{name}: `{word}` in {err}");
        }
    }
}

fn utf16(text: &str, bom: bool) -> Vec<u8> {
    let bom = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

fn utf32(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
    let chars = bom.then_some('\u{FEFF}').into_iter().chain(text.chars());
    chars
        .flat_map(|c| {
            if big_endian {
                (c as u32).to_be_bytes()
            } else {
                (c as u32).to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_and_utf32_are_told_apart() {
    let text = "# 管理策\nkanrisaku: 1\n";
    for (name, bytes, expected) in [
        (
            "utf-32le bom",
            utf32(text, true, false),
            "file is UTF-32; expected UTF-8",
        ),
        (
            "utf-32be bom",
            utf32(text, true, true),
            "file is UTF-32; expected UTF-8",
        ),
        (
            "utf-32le",
            utf32(text, false, false),
            "file is UTF-32 without a byte-order mark; expected UTF-8",
        ),
        (
            "utf-32be",
            utf32(text, false, true),
            "file is UTF-32 without a byte-order mark; expected UTF-8",
        ),
        (
            "utf-16le bom",
            utf16(text, true),
            "file is UTF-16; expected UTF-8",
        ),
        (
            "utf-16le",
            utf16(text, false),
            "file is UTF-16 without a byte-order mark; expected UTF-8",
        ),
    ] {
        assert_eq!(
            load_error(bytes),
            format!("error: wp.yaml:1:1: {expected} (save it as UTF-8)"),
            "{name}"
        );
    }
    // Binary data with NULs that are no such pattern stays "binary".
    let dir = temp_with("wp.yaml", b"kanrisaku: 1\nservice:\x00\x01\x02\x03\xFF");
    let out = run(dir.path(), &["check", "wp.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stdout(&out).contains("binary file (NUL byte)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn dates_have_exactly_four_digit_years() {
    for date in [
        "-2026-10-01",
        "+12026-10-01",
        "12026-10-01",
        "2026-1-01",
        "2026-10-1",
        "２０２６-10-01",
    ] {
        let err = load_error(with(
            "date: 2026-01-01\n  baseline",
            &format!("date: \"{date}\"\n  baseline"),
        ));
        assert_eq!(
            err,
            format!(
                "error: wp.yaml:9:9: invalid date `{date}`; expected YYYY-MM-DD, e.g. 2025-04-01"
            ),
        );
        let dir = temp_with("wp.yaml", MINIMAL);
        let out = run(
            dir.path(),
            &["check", "wp.yaml", &format!("--today={date}")],
        );
        assert_exit(&out, 2);
        assert_eq!(
            stderr(&out).trim_end(),
            format!("error: --today: invalid date `{date}`; expected YYYY-MM-DD, e.g. 2025-04-01")
        );
    }
    let dir = temp_with("wp.yaml", MINIMAL);
    assert_exit(
        &run(dir.path(), &["check", "wp.yaml", "--today", "2026-11-22"]),
        0,
    );
}

#[test]
fn a_service_id_that_is_not_a_slug_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("import/annex.txt"), dir.path().join("annex.txt")).unwrap();
    for (id, suggestion) in [
        ("MyCloud", "my-cloud"),
        ("tsumiki cloud", "tsumiki-cloud"),
        ("日本", "service"),
    ] {
        let out = run(
            dir.path(),
            &["import", "annex.txt", "--service-id", id, "-o", "out.yaml"],
        );
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: invalid value '{id}' for '--service-id <ID>': a service id is a slug: lowercase letters, digits and hyphens only; try `--service-id {suggestion}`")),
            "{err}"
        );
        assert!(!err.contains("internal error"), "{err}");
        assert!(!dir.path().join("out.yaml").exists());
    }
    // The suggestion is accepted.
    let out = run(
        dir.path(),
        &[
            "import",
            "annex.txt",
            "--service-id",
            "my-cloud",
            "-o",
            "out.yaml",
        ],
    );
    // Exit 1: five clauses leave baseline gaps, but the catalog is written.
    assert_exit(&out, 1);
    let written = std::fs::read_to_string(dir.path().join("out.yaml")).unwrap();
    assert!(written.contains("id: my-cloud"), "{written}");
}
