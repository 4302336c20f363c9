//! `kanrisaku import`: existing whitepapers → catalogs, with nothing lost.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

/// The shared samples: `../shared/samples`, or `KANRISAKU_SAMPLES` (for a worktree elsewhere).
pub(crate) fn samples() -> Option<PathBuf> {
    let dir = std::env::var_os("KANRISAKU_SAMPLES")
        .map_or_else(|| root().join("../shared/samples"), PathBuf::from);
    if dir.join("whitepaper-a.txt").is_file() {
        Some(dir)
    } else {
        cannot_run("../shared/samples is not beside the project");
        None
    }
}

/// Import `file`; return the catalog as YAML text, as JSON, and the report.
pub(crate) fn import(file: &Path, extra: &[&str]) -> (String, Value, Value) {
    let out = kanrisaku(&root())
        .arg("import")
        .arg(file)
        .args(["--report", "json"])
        .args(extra)
        .output()
        .unwrap();
    let yaml = stdout(&out);
    let catalog: Value = serde_saphyr::from_str(&yaml).expect("the import is YAML");
    let report: Value = serde_json::from_str(&stderr(&out)).expect("a JSON report");
    // Exit 1 exactly when the catalog written has errors `check` will report.
    let errors = report["check"]["errors"].as_u64().expect("an error count");
    assert_exit(&out, if errors == 0 { 0 } else { 1 });
    (yaml, catalog, report)
}

/// Text compared without whitespace and the marks Markdown adds (list dashes, table pipes).
pub(crate) fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"|-・*".contains(*c))
        .collect()
}

/// Every string anywhere in the catalog, joined.
fn all_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push_str(k);
            out.push('\n');
            all_strings(x, out)
        }),
        _ => {}
    }
}

/// Every non-empty input line appears in the catalog: statement, section or `unplaced`.
pub(crate) fn assert_nothing_lost(input: &str, catalog: &Value) {
    let mut text = String::new();
    all_strings(catalog, &mut text);
    let haystack = norm(&text);
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let needle = norm(line.trim_start_matches('#'));
        assert!(haystack.contains(&needle), "input line lost: {line:?}");
    }
}

pub(crate) fn ids(report: &Value) -> Vec<String> {
    report["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

const BASELINE: [&str; 40] = [
    "5.1.1",
    "6.1.1",
    "6.1.3",
    "CLD.6.3.1",
    "7.2.2",
    "8.1.1",
    "CLD.8.1.5",
    "8.2.2",
    "9.2.1",
    "9.2.2",
    "9.2.3",
    "9.2.4",
    "9.4.1",
    "9.4.4",
    "CLD.9.5.1",
    "CLD.9.5.2",
    "10.1.1",
    "11.2.7",
    "12.1.2",
    "12.1.3",
    "CLD.12.1.5",
    "12.3.1",
    "12.4.1",
    "12.4.4",
    "CLD.12.4.5",
    "12.6.1",
    "13.1.3",
    "CLD.13.1.4",
    "14.1.1",
    "14.2.1",
    "15.1.2",
    "15.1.3",
    "16.1.1",
    "16.1.2",
    "16.1.7",
    "18.1.1",
    "18.1.2",
    "18.1.3",
    "18.1.5",
    "18.2.1",
];

/// The clause sections of a sample, read independently of the importer: from each
/// clause heading in the body (the last occurrence, after any table of contents) to the
/// next heading or `end`.
fn source_statements(text: &str, ids: &[String], end: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |id: &str| {
        lines
            .iter()
            .rposition(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap()
    };
    let stop = lines.iter().rposition(|l| l.trim() == end).unwrap();
    let starts: Vec<usize> = ids.iter().map(|id| heading(id)).collect();
    ids.iter()
        .enumerate()
        .map(|(k, id)| {
            let to = starts.get(k + 1).copied().unwrap_or(stop);
            (id.clone(), lines[starts[k] + 1..to].join("\n"))
        })
        .collect()
}

fn check_sample(name: &str, end: &str, missing: &[&str]) {
    let Some(dir) = samples() else { return };
    let path = dir.join(name);
    let input = std::fs::read_to_string(&path).unwrap();
    let (yaml, catalog, report) = import(&path, &[]);
    let found = ids(&report);
    let expected: Vec<String> = BASELINE
        .iter()
        .filter(|id| !missing.contains(id))
        .map(|s| s.to_string())
        .collect();
    assert_eq!(found, expected, "{name}: clause sections");
    assert_eq!(
        report["missing"],
        serde_json::json!(missing),
        "{name}: report"
    );
    assert_eq!(
        report["repairs"].as_array().unwrap().len(),
        0,
        "{name}: {}",
        report["repairs"]
    );

    // Statement text equals the source text after whitespace normalisation.
    for (id, source) in source_statements(&input, &found, end) {
        let key = if catalog["controls"].get(&id).is_some() {
            id.clone()
        } else {
            format!("A.{id}")
        };
        let statement = catalog["controls"][&key]["statement"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {id}"));
        assert_eq!(norm(statement), norm(&source), "{name}: statement of {id}");
    }
    assert_nothing_lost(&input, &catalog);

    // `check` on the result reports exactly the baseline clauses the document lacks.
    let dir = temp_with("wp.yaml", yaml);
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "json", "--today", TODAY],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let gaps: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "coverage-gap")
        .map(|f| f["clause"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, missing, "{name}: check gaps");
    let errors: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(
        errors.len(),
        missing.len(),
        "{name}: only the gaps are errors: {errors:#?}"
    );
}

#[test]
fn sample_a_has_every_baseline_clause() {
    check_sample("whitepaper-a.txt", "改版履歴", &[]);
}

#[test]
fn sample_b_lacks_cld_13_1_4() {
    check_sample("whitepaper-b.txt", "5. 変更履歴", &["CLD.13.1.4"]);
}

#[test]
fn sample_metadata_and_front_matter() {
    let Some(dir) = samples() else { return };
    let (_, a, _) = import(&dir.join("whitepaper-a.txt"), &[]);
    assert_eq!(a["service"]["name"], "コミュたす");
    assert_eq!(a["document"]["version"], "1.1");
    assert_eq!(a["document"]["date"], "2024-12-01");
    assert_eq!(a["document"]["revisions"][0]["summary"], "初版公開");
    let titles: Vec<&str> = a["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "はじめに",
            "本書の適用範囲",
            "責任分界点について",
            "記載内容について"
        ]
    );
    let (_, b, report) = import(&dir.join("whitepaper-b.txt"), &[]);
    assert_eq!(b["document"]["title"], "スポテク® ホワイトペーパー");
    assert_eq!(b["document"]["revisions"][0]["date"], "2025-03-14");
    assert!(
        report["toc_lines"].as_u64().unwrap() >= 45,
        "the table of contents is skipped: {report}"
    );
    // B's responsibility grid has no party columns with marks: it stays as text in 6.1.1.
    assert!(b["responsibility"].is_null());
    assert!(
        b["controls"]["6.1.1"]["statement"]
            .as_str()
            .unwrap()
            .contains("| スポテク アプリケーション | ■当社の管理範囲 |")
    );
}

#[test]
fn annex_ids_annotations_toc_typos_bullets_and_tables() {
    let path = fixture("import/annex.txt");
    let (_, c, report) = import(&path, &[]);
    assert_eq!(
        ids(&report),
        ["A.5.1.1", "A.9.2.3", "CLD.9.5.1", "A.12.4.4", "A.12.3.1"]
    );
    let repairs = report["repairs"].as_array().unwrap();
    assert_eq!(repairs.len(), 2);
    assert!(
        repairs[0]
            .as_str()
            .unwrap()
            .contains("GLD.9.5.1 → CLD.9.5.1"),
        "{repairs:?}"
    );
    assert!(
        repairs[1].as_str().unwrap().contains("A.12.4.9 → 12.4.4"),
        "{repairs:?}"
    );
    assert_eq!(c["document"]["id_style"], "annex");
    assert_eq!(c["document"]["annotate"], "iso27002:2022");
    assert_eq!(c["service"]["name"], "ほしぞら勤怠");
    assert_eq!(c["document"]["version"], "2.1");
    assert_eq!(c["document"]["date"], "2025-10-15");
    // Bullets became a Markdown list; a tab table a Markdown table; grouping headings vanished.
    assert_eq!(
        c["controls"]["A.5.1.1"]["statement"],
        "当社は情報セキュリティ基本方針を定め、毎年 4 月に見直しています。\n\n- クラウドサービス提供方針を別に定めています。\n- 方針はお客様向けサイトで公開しています。"
    );
    assert!(
        c["controls"]["A.12.3.1"]["statement"]
            .as_str()
            .unwrap()
            .contains("| 対象 | 頻度 | 保持期間 |\n|---|---|---|\n| データベース | 毎日 | 30 日 |")
    );
    assert!(
        !serde_json::to_string(&c["controls"])
            .unwrap()
            .contains("ログ取得及び監視"),
        "grouping heading is not statement text"
    );
    // The table of contents and the grouping headings are kept apart, not taken as clauses.
    assert_eq!(c["unplaced"]["toc"].as_array().unwrap().len(), 5);
    let structured: Vec<&str> = c["unplaced"]["structured"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(structured.contains(&"以上"), "{structured:?}");
    let headings: Vec<&str> = c["unplaced"]["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        headings.contains(&"A.12.4 ログ取得及び監視"),
        "{headings:?}"
    );
    // The responsibility grid became `responsibility`.
    assert_eq!(
        c["responsibility"]["parties"],
        serde_json::json!({"customer": "お客様", "provider": "当社", "upstream": "基盤事業者"})
    );
    assert_eq!(
        c["responsibility"]["layers"][3]["owner"],
        serde_json::json!(["customer", "provider"])
    );
    assert_eq!(
        c["responsibility"]["layers"][0]["note"],
        "ブラウザ及び社内ネットワーク"
    );
    // The revision table became `revisions`.
    assert_eq!(
        c["document"]["revisions"][1],
        serde_json::json!({"version": "2.1", "date": "2025-10-15", "summary": "A.12.3.1 を改訂"})
    );
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
}

#[test]
fn markdown_headings_lists_links_and_revision_bullets() {
    let path = fixture("import/english.md");
    let (_, c, report) = import(&path, &[]);
    assert_eq!(ids(&report), ["5.1.1", "10.1.1", "12.3.1"]);
    // A thematic break is kept with the text around it (the no-loss check ignores dashes).
    assert!(
        c["sections"][0]["body"]
            .as_str()
            .unwrap()
            .ends_with("\n\n---"),
        "{}",
        c["sections"][0]["body"]
    );
    assert_eq!(c["document"]["language"], "en");
    assert_eq!(c["document"]["version"], "1.2");
    assert_eq!(c["service"]["name"], "Example Notes Cloud");
    assert_eq!(c["document"]["revisions"].as_array().unwrap().len(), 2);
    assert_eq!(
        c["controls"]["10.1.1"]["statement"],
        "- Traffic is encrypted with TLS 1.2 or later.\n- Data at rest uses AES-256; see [our security page](https://notes.example.com/security)."
    );
    assert_eq!(
        c["controls"]["5.1.1"]["statement"],
        "Our information security policy is approved by the board and reviewed **every year**."
    );
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
}

/// A DOCX whose `word/document.xml` body is `body`; styles `1` and `2` are headings.
fn docx_of(body: &str) -> Vec<u8> {
    docx_with(
        body,
        r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>"#,
    )
}

/// A DOCX whose body is `body` and whose `word/styles.xml` holds `styles` (`w:style`s).
pub(crate) fn docx_with(body: &str, styles: &str) -> Vec<u8> {
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{styles}</w:styles>"#
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", styles.as_str()),
        ("[Content_Types].xml", "<Types/>"),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A minimal DOCX: headings by style, body paragraphs, a numbered list item and a table.
fn docx() -> Vec<u8> {
    let p = |style: Option<&str>, text: &str| match style {
        Some(s) => format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        ),
        None => format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#),
    };
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b));
    let body = [
        p(Some("1"), "はじめに"),
        p(None, "本書は当社サービスの管理策を説明します。"),
        p(Some("2"), "A.12.3.1 情報のバックアップ"),
        p(None, "バックアップは毎日取得し、30 日間保持します。"),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>保管先は国内の別リージョンです。</w:t></w:r></w:p>"#.to_string(),
        format!("<w:tbl>{}{}</w:tbl>", row("対象", "世代"), row("データベース &amp; ファイル", "30")),
        p(Some("2"), "CLD.12.4.5 クラウドサービスの監視"),
        p(None, "稼働状況はステータスページで公開しています。"),
    ]
    .concat();
    docx_of(&body)
}

#[test]
fn docx_heading_styles_and_tables() {
    let dir = temp_with("wp.docx", docx());
    let (_, c, report) = import(&dir.path().join("wp.docx"), &[]);
    assert_eq!(ids(&report), ["A.12.3.1", "CLD.12.4.5"]);
    assert_eq!(c["sections"][0]["title"], "はじめに");
    assert_eq!(
        c["controls"]["A.12.3.1"]["statement"],
        "バックアップは毎日取得し、30 日間保持します。\n\n- 保管先は国内の別リージョンです。\n\n| 対象 | 世代 |\n|---|---|\n| データベース & ファイル | 30 |"
    );
    assert_eq!(
        c["controls"]["CLD.12.4.5"]["statement"],
        "稼働状況はステータスページで公開しています。"
    );
}

/// The text Word shows, per paragraph, read apart from the importer: `w:t` runs (character
/// references resolved), in runs of text between the elements that stand for other
/// characters (tab, break, symbol, special hyphens), reading one branch of each
/// `mc:AlternateContent`. Field codes (`w:instrText`) and deleted text are not shown.
fn visible_docx_text(body: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(body);
    let mut pieces = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut in_t = false;
    // Per open `mc:AlternateContent`: whether a branch was read.
    let mut alternatives: Vec<bool> = Vec::new();
    let finish = |piece: &mut String, pieces: &mut Vec<String>| {
        if !piece.trim().is_empty() {
            pieces.push(std::mem::take(piece));
        }
        piece.clear();
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().into_inner() {
                "mc:AlternateContent" => alternatives.push(false),
                "mc:Choice" | "mc:Fallback" => {
                    let read = alternatives.last_mut().unwrap();
                    if *read {
                        reader.read_to_end(e.name()).unwrap();
                    }
                    *read = true;
                }
                "w:p" => open.push(String::new()),
                "w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => {
                if matches!(
                    e.name().into_inner(),
                    "w:tab" | "w:br" | "w:cr" | "w:sym" | "w:noBreakHyphen" | "w:softHyphen"
                ) && let Some(p) = open.last_mut()
                {
                    finish(p, &mut pieces);
                }
            }
            Event::Text(t) if in_t => open.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let c = r
                    .resolve_char_ref()
                    .unwrap()
                    .map(String::from)
                    .unwrap_or_else(|| {
                        quick_xml::escape::resolve_predefined_entity(&r)
                            .unwrap()
                            .to_string()
                    });
                open.last_mut().unwrap().push_str(&c);
            }
            Event::End(e) => match e.name().into_inner() {
                "mc:AlternateContent" => {
                    alternatives.pop();
                }
                "w:t" => in_t = false,
                "w:p" => {
                    let mut p = open.pop().unwrap();
                    finish(&mut p, &mut pieces);
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    pieces
}

/// Every piece of text Word shows is in the catalog (a clause heading as the clause's key:
/// the catalog keeps its headings under `unplaced` only when it has other lines there).
pub(crate) fn assert_docx_nothing_lost(body: &str, catalog: &Value) {
    let mut text = String::new();
    all_strings(catalog, &mut text);
    let haystack = norm(&text);
    let pieces = visible_docx_text(body);
    assert!(pieces.len() > 10, "{pieces:?}");
    for piece in pieces {
        let clause = piece.split_whitespace().next().unwrap_or_default();
        assert!(
            haystack.contains(&norm(&piece)) || catalog["controls"].get(clause).is_some(),
            "lost: {piece:?}\n{text}"
        );
    }
}

/// Every construct that carries text in a Word body: character references, text boxes (as
/// `mc:AlternateContent` with both branches, and as VML alone), nested tables, tabs, breaks,
/// symbols, special hyphens, fields; and what is not text: field codes, deleted text, tab stops.
fn hostile_docx_body() -> String {
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let p = |runs: &str| format!("<w:p>{runs}</w:p>");
    let heading = |t: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>{}</w:p>"#,
            run(t)
        )
    };
    let text_box = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(&run(t)));
    let cell = |content: &str| format!("<w:tc>{content}</w:tc>");
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let nested = format!(
        "<w:tbl>{}{}</w:tbl>",
        row(&[cell(&p(&run("内側一"))), cell(&p(&run("内側二")))]),
        row(&[cell(&p(&run("内側三"))), cell(&p(&run("内側四")))])
    );
    [
        heading("A.12.3.1 情報のバックアップ"),
        p(&run("Caf&#233; &#x2014; &lt;TLS&gt; &amp; &quot;暗号&quot; &apos;鍵&apos; &#x1F512;")),
        p(&format!(
            "{}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}",
            run("枠の前の文です。"),
            text_box("テキストボックスの本文です。"),
            text_box("テキストボックスの本文です。"),
            run("枠の後の文です。")
        )),
        p(&format!(
            "{}<w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r>{}",
            run("図の前。"),
            text_box("古い形式の枠の本文。"),
            run("図の後。")
        )),
        format!(
            "<w:tbl>{}</w:tbl>",
            row(&[cell(&p(&run("外側のセル"))), cell(&format!("{}{nested}", p(&run("入れ子の前"))))])
        ),
        p(&format!(
            r#"<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>{}<w:r><w:br/></w:r>{}<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>{}"#,
            run("一行目"),
            run("二行目"),
            run("記号の後")
        )),
        p(&format!(
            "{}<w:r><w:noBreakHyphen/></w:r>{}<w:r><w:softHyphen/></w:r>{}",
            run("ISO"),
            run("27017"),
            run("準拠")
        )),
        p(&format!(
            r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}<w:fldSimple w:instr=" DATE ">{}</w:fldSimple><w:hyperlink r:id="x">{}</w:hyperlink><w:del><w:r><w:delText>削除された文</w:delText></w:r></w:del>"#,
            run("参照先は"),
            run("12"),
            run("ページ、"),
            run("2026年4月1日"),
            run("リンク")
        )),
        heading("CLD.12.4.5 クラウドサービスの監視"),
        p(&run("稼働状況はステータスページで公開しています。")),
    ]
    .concat()
}

#[test]
fn docx_keeps_every_character_word_shows() {
    let body = hostile_docx_body();
    let dir = temp_with("wp.docx", docx_of(&body));
    let (yaml, c, report) = import(&dir.path().join("wp.docx"), &[]);
    assert_eq!(ids(&report), ["A.12.3.1", "CLD.12.4.5"]);
    assert_docx_nothing_lost(&body, &c);
    let statement = c["controls"]["A.12.3.1"]["statement"].as_str().unwrap();
    for kept in [
        "Café — <TLS> & \"暗号\" '鍵' 🔒",
        // The anchoring paragraph keeps its text; the text box follows it, once.
        "枠の前の文です。枠の後の文です。\n\nテキストボックスの本文です。",
        "図の前。図の後。\n\n古い形式の枠の本文。",
        "| 外側のセル | 入れ子の前 内側一 内側二 内側三 内側四 |",
        "一行目\n二行目\u{F0B7}記号の後",
        "ISO\u{2011}27017\u{AD}準拠",
        "参照先は12ページ、2026年4月1日リンク",
    ] {
        assert!(statement.contains(kept), "{kept:?} not in {statement:?}");
    }
    assert_eq!(yaml.matches("テキストボックスの本文").count(), 1, "{yaml}");
    for hidden in ["PAGEREF", "DATE", "削除された文", "\t一行目"] {
        assert!(!yaml.contains(hidden), "{hidden:?} in {yaml}");
    }
}

#[test]
fn import_render_import_keeps_the_statements() {
    let (yaml, first, _) = import(&fixture("import/annex.txt"), &[]);
    // Five clauses only: switch the baseline off so render publishes without --draft.
    let yaml = yaml.replace(
        "  standard: iso27017:2015\n",
        "  standard: iso27017:2015\n  baseline: none\n",
    );
    let dir = temp_with("wp.yaml", yaml);
    let out = run(
        dir.path(),
        &["render", "wp.yaml", "--format", "md", "-o", "wp.md"],
    );
    assert_exit(&out, 0);
    let (_, second, _) = import(&dir.path().join("wp.md"), &[]);
    let statements = |c: &Value| -> Vec<(String, String)> {
        c["controls"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), norm(v["statement"].as_str().unwrap())))
            .collect()
    };
    assert_eq!(statements(&first), statements(&second));
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("out.yaml"), "mine").unwrap();
    let file = fixture("import/annex.txt");
    let out = kanrisaku(dir.path())
        .arg("import")
        .arg(&file)
        .args(["-o", "out.yaml"])
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("out.yaml: already exists; pass --force to overwrite it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.yaml")).unwrap(),
        "mine"
    );
    let out = kanrisaku(dir.path())
        .arg("import")
        .arg(&file)
        .args(["-o", "out.yaml", "--force"])
        .output()
        .unwrap();
    // Five clauses of the baseline: written, and exit 1 for the gaps `check` reports.
    assert_exit(&out, 1);
    let written = std::fs::read_to_string(dir.path().join("out.yaml")).unwrap();
    assert!(written.starts_with("# Imported by kanrisaku from annex.txt."));
    // What import writes, check loads.
    let out = run(dir.path(), &["check", "out.yaml", "--today", TODAY]);
    assert_exit(&out, 1);
}

#[test]
fn unreadable_inputs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), [0x93, 0xFA, 0x96, 0x7B]).unwrap();
    std::fs::write(dir.path().join("bad.docx"), "not a zip").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "\n\n").unwrap();
    for (file, message) in [
        ("bad.txt", "not UTF-8 text"),
        ("bad.docx", "not a DOCX file"),
        ("empty.txt", "no text found"),
        ("missing.txt", "missing.txt: no such file"),
    ] {
        let out = run(dir.path(), &["import", file]);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(message), "{file}: {}", stderr(&out));
    }
}

/// The shipped examples survive render → import: every statement, the metadata, the
/// revisions and the responsibility table come back; only section ids (which a rendered
/// document does not carry) and the template's own note paragraph differ.
#[test]
fn rendered_examples_import_back_to_the_same_catalog() {
    for lang in ["ja", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let example = example(lang);
        assert_exit(
            &kanrisaku(dir.path())
                .arg("render")
                .arg(&example)
                .args(["--format", "md", "-o", "wp.md"])
                .output()
                .unwrap(),
            0,
        );
        let out = run(
            dir.path(),
            &[
                "import",
                "wp.md",
                "--service-id",
                "tsumiki-cloud",
                "-o",
                "back.yaml",
            ],
        );
        // A complete whitepaper: the import and `check` both pass it.
        assert_exit(&out, 0);
        // The report speaks the document's language.
        let passes = match lang {
            "ja" => "  このカタログは `kanrisaku check` を通ります\n",
            _ => "  the catalog passes `kanrisaku check`\n",
        };
        assert!(stderr(&out).contains(passes), "{lang}: {}", stderr(&out));
        assert_exit(
            &run(dir.path(), &["check", "back.yaml", "--today", TODAY]),
            0,
        );
        let out = kanrisaku(dir.path())
            .arg("diff")
            .arg(&example)
            .args(["back.yaml", "--customer", "--format", "json"])
            .output()
            .unwrap();
        assert_exit(&out, 0);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let changes = json["catalogs"][0]["changes"].as_array().unwrap();
        let other: Vec<&Value> = changes
            .iter()
            .filter(|c| c["kind"] != "section-added" && c["kind"] != "section-removed")
            .collect();
        assert!(other.is_empty(), "{lang}: {other:#?}");
        assert!(changes.len() <= 3, "{lang}: {changes:#?}");
    }
}

/// A cover date the catalog cannot hold (a signed or five-digit year) is left on the cover
/// lines, not written as a date the import then fails to load.
#[test]
fn a_cover_date_outside_four_digit_years_stays_on_the_cover() {
    let dir = temp_with(
        "wp.txt",
        "Tsumiki Cloud ホワイトペーパー\nApril 1, -2026\n\nA.5.1.1 情報セキュリティのための方針群\n方針を定めています。\n",
    );
    let (yaml, c, report) = import(&dir.path().join("wp.txt"), &[]);
    // No date is invented: the field is left out, the report and `check` say so.
    assert!(c["document"].get("date").is_none(), "{yaml}");
    assert!(
        report["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("no date found: document.date is left out"),
        "{report}"
    );
    let out = run(dir.path(), &["import", "wp.txt", "-o", "wp.yaml"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("error[missing-date] 文書に `date`（発行日）がありません"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 1);
    assert!(
        stdout(&out)
            .contains("文書に `date`（発行日）がありません。発行日（YYYY-MM-DD）を書いてください"),
        "{}",
        stdout(&out)
    );
    assert!(
        c["unplaced"]["cover"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "April 1, -2026"),
        "{yaml}"
    );
}

/// (code, clause) of each error, in a stable order.
fn error_keys(findings: &Value) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = findings
        .as_array()
        .expect("a findings array")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["clause"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Issue 9 item 7: an import with gaps, a placeholder and a reference to no clause exits 1,
/// still writes the catalog, and lists exactly the errors `kanrisaku check` then prints.
#[test]
fn the_report_lists_what_check_will_say_and_exits_1() {
    let dir = temp_with(
        "wp.txt",
        "Tsumiki Cloud ホワイトペーパー\n\n\
         A.5.1.1 情報セキュリティのための方針群\n方針を定めています。詳細は TODO。\n\n\
         A.9.4.1 情報へのアクセス制限\n99.9.9 のとおり制限しています。\n",
    );
    let out = run(dir.path(), &["import", "wp.txt", "-o", "wp.yaml"]);
    assert_exit(&out, 1);
    let report = stderr(&out);
    let written = std::fs::read_to_string(dir.path().join("wp.yaml")).expect("catalog written");
    assert!(
        written.contains("方針を定めています。詳細は TODO。"),
        "{written}"
    );

    let check = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&check, 1);
    let lines = |text: &str| -> Vec<String> {
        let mut l: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("wp.yaml:") && l.contains(": error["))
            .map(String::from)
            .collect();
        l.sort();
        l
    };
    let errors = lines(&stdout(&check));
    for code in [
        "missing-date",
        "coverage-gap",
        "placeholder-text",
        "unknown-reference",
    ] {
        assert!(
            errors.iter().any(|l| l.contains(&format!("error[{code}]"))),
            "{code}: {errors:#?}"
        );
    }
    // The same lines, path and catalog line included, under a plain sentence.
    assert_eq!(lines(&report), errors, "{report}");
    assert!(
        report.contains(&format!(
            "  このカタログには `kanrisaku check` が報告するエラーが {} 件あります。公開前に直してください：\n",
            errors.len()
        )),
        "{report}"
    );

    // JSON: the same findings as `check --format json`, errors and warnings counted.
    let out = run(
        dir.path(),
        &[
            "import", "wp.txt", "-o", "wp.yaml", "--force", "--report", "json",
        ],
    );
    assert_exit(&out, 1);
    let json: Value = serde_json::from_str(&stderr(&out)).unwrap();
    let check = run(
        dir.path(),
        &["check", "wp.yaml", "--today", TODAY, "--format", "json"],
    );
    let checked: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(
        error_keys(&json["check"]["findings"]),
        error_keys(&checked["findings"])
    );
    assert_eq!(json["check"]["errors"], checked["summary"]["errors"]);
    assert_eq!(json["check"]["warnings"], checked["summary"]["warnings"]);
    assert_eq!(json["check"]["findings"][0]["file"], "wp.yaml");
}
