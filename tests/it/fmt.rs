//! `kanrisaku fmt`: the binary on real files (what it writes, refuses and reports), and the
//! formatter's promises as properties: the loaded catalog is unchanged, formatting twice
//! changes nothing more, and every comment is kept, beside or above its clause.

use std::collections::BTreeMap;
use std::path::Path;

use kanrisaku::catalog::load_bytes;
use kanrisaku::fmt::{FmtError, Refusal, format};
use proptest::prelude::*;

use crate::common::{assert_exit, example, fixture, root, run, stderr, stdout, temp_with};

/// The loaded catalog with every position left out and clauses keyed by clause id: what
/// `fmt` must never change.
fn model(bytes: &[u8]) -> String {
    let c = load_bytes(Path::new("x.yaml"), bytes.to_vec()).expect("loads");
    let controls: BTreeMap<String, String> = c
        .controls
        .iter()
        .map(|ctl| {
            let id = ctl
                .id
                .as_ref()
                .map_or(ctl.key.value.clone(), |i| i.to_string());
            (id, format!("{:?}", ctl.entry))
        })
        .collect();
    let all = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{controls:?}",
        c.service, c.document, c.sections, c.responsibility, c.unplaced
    );
    let positions =
        regex::Regex::new(r"pos: Pos \{ line: \d+, column: \d+ \}|span: (Some\(\d+\.\.\d+\)|None)")
            .unwrap();
    positions.replace_all(&all, "").into_owned()
}

/// Comment lines (and block-scalar lines that look like them), trimmed, sorted.
fn comment_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

/// `fmt` keeps the values, is idempotent and keeps the comment lines.
fn assert_fmt_promises(input: &[u8]) -> Vec<u8> {
    let once = format(Path::new("x.yaml"), input).expect("formats");
    assert_eq!(model(&once), model(input), "values changed");
    let twice = format(Path::new("x.yaml"), &once).expect("formats again");
    assert_eq!(
        String::from_utf8_lossy(&twice),
        String::from_utf8_lossy(&once),
        "not idempotent"
    );
    assert_eq!(
        comment_lines(&String::from_utf8_lossy(&once)),
        comment_lines(&String::from_utf8_lossy(input)),
        "comments changed"
    );
    once
}

#[test]
fn every_example_and_fixture_keeps_its_values_and_formats_once() {
    let mut files = vec![example("ja"), example("en")];
    files.extend(["rules.yaml", "warnings.yaml"].map(fixture));
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert_fmt_promises(&bytes);
    }
}

#[test]
fn the_examples_are_formatted() {
    let out = run(&root(), &["fmt", "--check", "examples"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("2 catalogs formatted"),
        "{}",
        stdout(&out)
    );
}

/// The Japanese example as people write it by hand: clauses out of order, ids in any form,
/// keys in any order, multi-line text quoted, and comments above and beside clauses.
fn shuffled_example() -> String {
    let text = std::fs::read_to_string(example("ja")).unwrap();
    let start = text.find("  \"A.5.1.1\":").unwrap();
    let (head, clauses) = text.split_at(start);
    let mut blocks: Vec<String> = Vec::new();
    for line in clauses.split_inclusive('\n') {
        if line.starts_with("  \"") {
            blocks.push(String::new());
        }
        blocks.last_mut().unwrap().push_str(line);
    }
    blocks.reverse();
    let mut body = blocks.concat();
    body = body.replacen(
        "  \"A.5.1.1\":\n",
        "  # 情報セキュリティのための方針群\n  a.5.1.1:   # 方針の見直しは年 1 回\n",
        1,
    );
    body = body.replacen(
        "  \"CLD.6.3.1\":\n",
        "  # 役割及び責任の共有及び分担\n  cld 6.3.1:\n",
        1,
    );
    let head = head.replacen(
        "  id: tsumiki-cloud\n  name: つみきクラウド\n",
        "  name: つみきクラウド\n  id: tsumiki-cloud\n",
        1,
    );
    format!("{head}{body}")
}

#[test]
fn fmt_orders_clauses_and_keys_canonical_ids_and_moves_comments_with_their_clause() {
    let dir = temp_with("wp.yaml", shuffled_example());
    let out = run(dir.path(), &["fmt", "wp.yaml"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("formatted wp.yaml"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap();
    assert!(text.contains(
        "  # 情報セキュリティのための方針群\n  \"A.5.1.1\":   # 方針の見直しは年 1 回\n"
    ));
    assert!(text.contains("  # 役割及び責任の共有及び分担\n  \"CLD.6.3.1\":\n"));
    assert!(text.contains("  id: tsumiki-cloud\n  name: つみきクラウド\n"));
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \"A.") || l.starts_with("  \"CLD."))
        .collect();
    let position = |key: &str| keys.iter().position(|l| l.contains(key)).unwrap();
    assert!(position("\"A.5.1.1\"") < position("\"A.6.1.1\""));
    assert!(position("\"A.6.1.3\"") < position("\"CLD.6.3.1\""));
    assert!(position("\"CLD.6.3.1\"") < position("\"A.7.2.2\""));
    assert!(position("\"A.12.4.1\"") < position("\"A.12.4.3\""));
    assert_eq!(model(text.as_bytes()), model(shuffled_example().as_bytes()));
    // Formatted once is formatted.
    assert_exit(&run(dir.path(), &["fmt", "--check", "wp.yaml"]), 0);
}

#[test]
fn check_lists_what_is_not_formatted_with_its_first_difference_and_writes_nothing() {
    let dir = temp_with("wp.yaml", shuffled_example());
    std::fs::copy(example("en"), dir.path().join("en.yaml")).unwrap();
    let out = run(dir.path(), &["fmt", "--check", "."]);
    assert_exit(&out, 1);
    let said = stdout(&out);
    assert!(said.contains("./wp.yaml: not formatted"), "{said}");
    assert!(!said.contains("en.yaml: not formatted"), "{said}");
    assert!(
        said.contains("\n-  name: つみきクラウド\n") || said.contains("\n+  id: tsumiki-cloud\n"),
        "{said}"
    );
    assert!(
        said.contains("1 of 2 catalogs not formatted; run `kanrisaku fmt`"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        shuffled_example()
    );
}

#[test]
fn a_comment_that_cannot_move_with_its_key_is_a_refusal_and_the_file_is_untouched() {
    let text = std::fs::read_to_string(example("en"))
        .unwrap()
        .replacen(
            "service:\n  id: tsumiki-cloud\n  name: Tsumiki Cloud\n  provider: Hoshizora Systems Inc.\n  url: https://tsumiki.example.jp\n",
            "service: { name: Tsumiki Cloud,  # the brand\n  id: tsumiki-cloud, provider: Hoshizora Systems Inc. }\n",
            1,
        );
    assert!(text.contains("# the brand"));
    let dir = temp_with("wp.yaml", &text);
    std::fs::write(dir.path().join("other.yaml"), shuffled_example()).unwrap();
    let out = run(dir.path(), &["fmt", "."]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains(
            "./wp.yaml:3:34: a comment inside a `{ … }` mapping whose keys fmt would reorder"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        text
    );
    // The other catalog is still formatted.
    assert!(
        stdout(&out).contains("formatted ./other.yaml"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_comment_above_a_key_that_would_join_a_list_item_line_is_a_refusal() {
    let text = std::fs::read_to_string(example("en")).unwrap().replacen(
        "  - id: purpose\n    title: Purpose of this document\n",
        "  - title: Purpose of this document\n    # keep this id\n    id: purpose\n",
        1,
    );
    assert!(text.contains("# keep this id"));
    let dir = temp_with("wp.yaml", &text);
    let out = run(dir.path(), &["fmt", "wp.yaml"]);
    assert_exit(&out, 2);
    let said = stderr(&out);
    assert!(
        said.contains("wp.yaml:") && said.contains(": a comment above `id`"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        text
    );
}

#[test]
fn an_unloadable_catalog_is_reported_at_its_position_and_left_untouched() {
    let text = shuffled_example().replacen(
        "    status: implemented\n",
        "    status: implemented\n    statment: typo\n",
        1,
    );
    let dir = temp_with("wp.yaml", &text);
    for args in [&["fmt", "wp.yaml"][..], &["fmt", "--check", "wp.yaml"]] {
        let out = run(dir.path(), args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains("error: wp.yaml:"), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("unknown field `statment`"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
            text
        );
    }
}

#[cfg(unix)]
#[test]
fn a_rewritten_catalog_keeps_its_mode_bom_and_crlf_line_ends() {
    use std::os::unix::fs::PermissionsExt;
    let text = format!("\u{FEFF}{}", shuffled_example().replace('\n', "\r\n"));
    let dir = temp_with("wp.yaml", &text);
    let path = dir.path().join("wp.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_exit(&run(dir.path(), &["fmt", "wp.yaml"]), 0);
    let written = std::fs::read(&path).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBF"));
    let body = String::from_utf8(written[3..].to_vec()).unwrap();
    assert_eq!(body.matches('\n').count(), body.matches("\r\n").count());
    assert!(body.contains("  # 情報セキュリティのための方針群\r\n  \"A.5.1.1\":"));
    assert_eq!(model(body.as_bytes()), model(text.as_bytes()));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_exit(&run(dir.path(), &["fmt", "--check", "wp.yaml"]), 0);
}

#[test]
fn without_paths_fmt_takes_the_catalogs_of_kanrisaku_toml() {
    let dir = temp_with("kanrisaku.toml", "catalogs = [\"services\"]\n");
    std::fs::create_dir(dir.path().join("services")).unwrap();
    std::fs::write(dir.path().join("services/wp.yaml"), shuffled_example()).unwrap();
    std::fs::write(dir.path().join("elsewhere.yaml"), shuffled_example()).unwrap();
    let out = run(dir.path(), &["fmt"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("formatted 1 of 1 catalog"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("elsewhere.yaml")).unwrap(),
        shuffled_example()
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_read_or_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("wp.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = run(dir.path(), &["fmt", "wp.yaml"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("error: wp.yaml"), "{}", stderr(&out));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn messages_follow_the_interface_language() {
    let dir = temp_with("wp.yaml", shuffled_example());
    let out = crate::common::kanrisaku(dir.path())
        .env("KANRISAKU_LANG", "ja")
        .args(["fmt", "--check", "wp.yaml"])
        .output()
        .unwrap();
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("wp.yaml: 整形されていません"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("カタログ 1 件のうち 1 件が整形されていません"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_alias_in_a_catalog_that_needs_reordering_is_a_refusal() {
    let text = std::fs::read_to_string(example("en"))
        .unwrap()
        .replacen(
            "    owner: Information Security Committee\n",
            "    owner: &isc Information Security Committee\n",
            1,
        )
        .replacen(
            "  \"18.2.1\":\n    status: implemented\n",
            "  \"18.2.1\":\n    status: implemented\n    justification: *isc\n",
            1,
        )
        .replacen(
            "  id: tsumiki-cloud\n  name: Tsumiki Cloud\n",
            "  name: Tsumiki Cloud\n  id: tsumiki-cloud\n",
            1,
        );
    assert!(text.contains("*isc"), "the edit must apply");
    let dir = temp_with("wp.yaml", &text);
    let out = run(dir.path(), &["fmt", "wp.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains(": an alias (`*name`) in a catalog fmt would rewrite"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wp.yaml")).unwrap(),
        text
    );
}

/// Regression (found by the property below): blank lines between two entries became part
/// of a `|+` text that moved in front of them.
#[test]
fn blank_lines_do_not_join_text_that_keeps_its_final_line_breaks() {
    let input = "kanrisaku: 1\nservice: { id: s, name: N, provider: P }\ndocument: { title: T, version: \"1\" }\ncontrols:\n  5.1.1:\n    justification: \"kept\\n\\n\\n\"\n    owner: me\n\n    status: planned\n";
    let once = assert_fmt_promises(input.as_bytes());
    let text = String::from_utf8(once).unwrap();
    assert!(
        text.contains(
            "    status: planned\n    justification: |+\n      kept\n\n\n    owner: me\n"
        ),
        "{text}"
    );
}

#[test]
fn refusals_are_typed() {
    let text = "kanrisaku: 1\nservice: { name: N, # c\n  id: n, provider: P }\ndocument: { title: T, version: \"1\" }\n";
    match format(Path::new("x.yaml"), text.as_bytes()) {
        Err(FmtError::Refused { reason, pos, .. }) => {
            assert_eq!(reason, Refusal::CommentInFlow);
            assert_eq!((pos.line, pos.column), (2, 21));
        }
        other => panic!("{other:?}"),
    }
}

// ---- Generated catalogs ----------------------------------------------------------------

const CLAUSES: [(&str, &[&str]); 8] = [
    ("5.1.1", &["5.1.1", "A.5.1.1", "a.5.1.1", "\"A 5.1.1\""]),
    ("6.1.1", &["6.1.1", "\"A.6.1.1\"", "'6.1.1'"]),
    (
        "CLD.6.3.1",
        &["CLD.6.3.1", "\"cld 6.3.1\"", "ＣＬＤ．６．３．１"],
    ),
    ("9.2.3", &["9.2.3", "A.9.2.3"]),
    ("9.4.1", &["\"9.4.1\""]),
    ("12.1.2", &["12.1.2", "A.12.01.2"]),
    ("CLD.12.1.5", &["CLD.12.1.5"]),
    ("18.1.1", &["18.1.1"]),
];

/// Text as written in a value: every YAML style, Japanese, `: ` and `#` inside text,
/// leading spaces and trailing line breaks.
fn text_value(indent: usize) -> impl Strategy<Value = String> {
    let pad = " ".repeat(indent + 2);
    prop_oneof![
        Just("アクセス制御方針を定めています。".to_string()),
        Just("\"Note: access is reviewed\"".to_string()),
        Just("\"一行目\\n二行目\\n\"".to_string()),
        Just("\"  indented start\\nsecond\"".to_string()),
        Just("\"no final break\\n見出し # not a comment\"".to_string()),
        Just("'single\n\n{pad}quoted'".replace("{pad}", &pad)),
        Just("plain first\n\n{pad}plain second".replace("{pad}", &pad)),
        Just(format!("|\n{pad}ブロック\n{pad}# 見出しではない本文\n")),
        Just(format!(">-\n{pad}folded\n{pad}text\n")),
        Just("\"trailing\\n\\n\\n\"".to_string()),
        Just("\"tab\\tinside\\nand \\u00e9\"".to_string()),
        Just(format!("\n{pad}\"on the line after its key\\nsecond\"")),
    ]
}

#[derive(Clone, Debug)]
struct Clause {
    id: usize,
    spelling: usize,
    fields: Vec<(usize, String)>,
    above: bool,
    beside: bool,
    flow: bool,
}

fn clause() -> impl Strategy<Value = Clause> {
    (
        0..CLAUSES.len(),
        0..4usize,
        prop::collection::vec((0..4usize, text_value(4)), 1..4),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(id, spelling, fields, above, beside, flow)| Clause {
            id,
            spelling,
            fields,
            above,
            beside,
            flow,
        })
}

/// A catalog with `clauses` (each id once) in the given order, written in the given styles.
fn catalog(clauses: &[Clause], service_flow: bool, plain_style: bool, reorder_top: bool) -> String {
    let service = if service_flow {
        "service: { provider: P 社, id: gen, name: 生成 }\n".to_string()
    } else {
        "service:\n  # the slug\n  id: gen\n  provider: P 社  # legal name\n  name: 生成\n"
            .to_string()
    };
    let style = if plain_style { "plain" } else { "annex" };
    let document = format!(
        "document:\n  version: \"1.0\"\n  id_style: {style}\n  title: 生成カタログ\n  revisions:\n    - {{ summary: 初版, version: \"1.0\", date: 2025-04-01 }}\n    - date: 2025-05-01\n      version: \"1.1\"\n      summary: \"改訂\\n二行目\"\n"
    );
    let mut controls = String::from("controls:\n");
    let mut seen = std::collections::HashSet::new();
    for (n, c) in clauses.iter().enumerate() {
        if !seen.insert(c.id) {
            continue;
        }
        let (id, spellings) = CLAUSES[c.id];
        let key = spellings[c.spelling % spellings.len()];
        if c.above {
            controls.push_str(&format!("  # above {id} #m{n}\n"));
        }
        let beside = if c.beside {
            format!("   # beside {id} #b{n}")
        } else {
            String::new()
        };
        let names = ["statement", "notes", "justification", "owner"];
        let mut used = std::collections::HashSet::new();
        let fields: Vec<&(usize, String)> =
            c.fields.iter().filter(|(f, _)| used.insert(*f)).collect();
        if c.flow {
            let body: Vec<String> = fields
                .iter()
                .map(|(f, _)| format!("{}: \"{id} {}\\nmore\"", names[*f], names[*f]))
                .chain(["status: implemented".to_string()])
                .collect();
            controls.push_str(&format!("  {key}: {{ {} }}{beside}\n", body.join(", ")));
            continue;
        }
        controls.push_str(&format!("  {key}:{beside}\n"));
        for (f, value) in &fields {
            let name = if c.spelling % 2 == 0 {
                format!("\"{}\"", names[*f])
            } else {
                names[*f].to_string()
            };
            controls.push_str(&format!("    {name}: {value}\n"));
        }
        controls.push_str("    status: implemented\n");
        if c.above {
            controls.push_str(&format!("    # inside {id} #i{n}\n"));
        }
    }
    let parts = [
        "kanrisaku: 1\n".to_string(),
        service,
        document,
        "responsibility:\n  parties: { provider: 当社, customer: お客様 }\n  layers:\n    - owner: [customer, provider]\n      layer: データ\n".to_string(),
        controls,
    ];
    let mut order: Vec<&String> = parts.iter().collect();
    if reorder_top {
        order.reverse();
        order.rotate_left(1);
    }
    format!(
        "# generated\n{}",
        order.into_iter().cloned().collect::<String>()
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// For generated catalogs in every style: values kept, idempotent, every comment kept,
    /// a comment above a clause still directly above it, clauses in standard order.
    #[test]
    fn generated_catalogs_format_without_changing_a_value(
        clauses in prop::collection::vec(clause(), 0..10),
        service_flow in any::<bool>(),
        plain_style in any::<bool>(),
        reorder_top in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut text = catalog(&clauses, service_flow, plain_style, reorder_top);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{FEFF}');
        }
        let once = assert_fmt_promises(text.as_bytes());
        let out = String::from_utf8(once).unwrap();
        prop_assert_eq!(out.starts_with('\u{FEFF}'), bom);
        prop_assert_eq!(out.contains("\r\n"), crlf);
        let lines: Vec<&str> = out.lines().map(|l| l.trim_end_matches('\r')).collect();
        for (i, line) in lines.iter().enumerate() {
            if let Some(rest) = line.strip_prefix("  # above ") {
                let id = rest.split(' ').next().unwrap();
                let next = lines[i + 1];
                let display = if plain_style || id.starts_with("CLD") { id.to_string() } else { format!("A.{id}") };
                prop_assert!(next.starts_with(&format!("  \"{display}\":")), "{} then {}", line, next);
            }
        }
        for line in lines.iter().filter(|l| !l.contains('{')) {
            prop_assert!(!line.contains("\\n"), "multi-line text left quoted: {}", line);
        }
        let markers = regex::Regex::new(r"#[mbi]\d+").unwrap();
        for marker in markers.find_iter(&text) {
            prop_assert_eq!(out.matches(marker.as_str()).count(), 1, "{}", marker.as_str());
        }
        let mut clause = "";
        for line in &lines {
            if line.starts_with("  \"") {
                clause = line;
            }
            if let Some(rest) = line.strip_prefix("    # inside ") {
                let id = rest.split(' ').next().unwrap();
                prop_assert!(clause.contains(&format!("{id}\"")), "{} under {}", line, clause);
            }
        }
        let ids: Vec<&str> = lines
            .iter()
            .filter(|l| l.starts_with("  \""))
            .map(|l| l[3..].split('"').next().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_by_key(|id| kanrisaku::reference::ClauseId::parse(id).unwrap());
        prop_assert_eq!(ids, sorted);
    }
}
