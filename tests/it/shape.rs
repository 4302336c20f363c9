//! The re-rendered document keeps the original's shape (issue 9 item 6): imported, checked
//! and rendered, a whitepaper keeps its cover lines on the cover, its subsections under
//! their sections and the provider's own numbers, in the source's order.

use std::path::Path;

use regex::Regex;
use serde_json::Value;

use crate::common::*;
use crate::import::{assert_nothing_lost, import, samples};
use crate::import_forms::baseline_titles;

/// A front heading as the reader sees it: level (2 section, 3 subsection), the number as
/// printed without its trailing period (empty when none), the title.
type Heading = (u8, String, String);

/// `3.1 提供機能` → (`3.1`, `提供機能`); `はじめに` → (``, `はじめに`).
fn split(text: &str) -> (String, String) {
    let re = Regex::new(r"^(\d{1,2}(?:\.\d{1,2})?)\s*\.?\s*(\S.*)$").unwrap();
    match re.captures(text.trim()) {
        Some(c) => (c[1].to_string(), c[2].trim().to_string()),
        None => (String::new(), text.trim().to_string()),
    }
}

/// The headings of a fixture's table of contents: an indented entry is a subsection.
fn toc_headings(source: &str) -> Vec<Heading> {
    let leader = Regex::new(r"\t\s*\.\s*\d+$").unwrap();
    source
        .lines()
        .skip_while(|l| l.trim() != "目次")
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let (number, title) = split(&leader.replace(l, "").replace('\t', " "));
            (if l.starts_with('\t') { 3 } else { 2 }, number, title)
        })
        .collect()
}

/// The `##` / `###` headings of a Markdown fixture.
fn markdown_headings(source: &str) -> Vec<Heading> {
    source
        .lines()
        .filter_map(|l| {
            let (level, text) = match l.split_once(' ')? {
                ("##", t) => (2, t),
                ("###", t) => (3, t),
                _ => return None,
            };
            let (number, title) = split(text);
            Some((level, number, title))
        })
        .collect()
}

/// Every provider-baseline clause with its official title and a statement, appended to
/// a fixture's front matter so that the import passes `check` and renders for real.
fn with_clauses(front: &str, heading: &str) -> String {
    let mut text = front.to_string();
    for (id, ja, _) in baseline_titles() {
        text.push_str(&format!(
            "\n{heading}{id} {ja}\n\n当社は「{ja}」の手順を定め、年に一度見直しています。\n"
        ));
    }
    text
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The part of the page between two markers.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = start + html[start..].find(to).unwrap_or_else(|| panic!("no {to}"));
    &html[start..end]
}

/// The front headings of a rendered page, in order, read from `<main>` up to the
/// responsibility table or the clauses.
fn rendered_headings(html: &str) -> Vec<Heading> {
    let main = &html[html.find("<main>").unwrap()..];
    let front = &main[..main.find("<section class=\"controls\"").unwrap()];
    let front = &front[..front
        .find("<section class=\"responsibility\"")
        .unwrap_or(front.len())];
    let re =
        Regex::new(r#"<h([23])>(?:<span class="number">([^<]*)</span> )?(.*?)</h[23]>"#).unwrap();
    re.captures_iter(front)
        .map(|c| {
            let number = c.get(2).map_or("", |m| m.as_str()).trim_end_matches('.');
            (c[1].parse().unwrap(), number.to_string(), unescape(&c[3]))
        })
        .collect()
}

/// The contents entries of the front sections, with their level.
fn contents_headings(html: &str) -> Vec<Heading> {
    let nav = between(html, "<nav class=\"toc\"", "</nav>");
    let re = Regex::new(
        r##"<ol class="toc-subsections">|</ol>|<li><a href="#section-[^"]*">(?:<span class="toc-number">([^<]*)</span> )?([^<]*)</a>"##,
    )
    .unwrap();
    let mut level = 2;
    let mut out = Vec::new();
    for c in re.captures_iter(nav) {
        match (&c[0], c.get(2)) {
            ("<ol class=\"toc-subsections\">", _) => level = 3,
            ("</ol>", _) => level = 2,
            (_, Some(title)) => {
                let number = c.get(1).map_or("", |m| m.as_str()).trim_end_matches('.');
                out.push((level, number.to_string(), unescape(title.as_str())));
            }
            _ => {}
        }
    }
    out
}

/// The number the clause part is headed by.
fn controls_number(html: &str) -> String {
    let re = Regex::new(
        r#"<section class="controls" id="controls">\s*<h2><span class="number">(\d+)\.</span>"#,
    )
    .unwrap();
    re.captures(html).expect("a numbered clause part")[1].to_string()
}

/// import → check → render, each exiting 0; the catalog (JSON) and the HTML and Markdown.
fn import_check_render(dir: &Path, name: &str) -> (Value, String, String) {
    let path = dir.join(name);
    let (yaml, catalog, report) = import(&path, &[]);
    assert_eq!(report["check"]["errors"], 0, "{report:#}");
    std::fs::write(dir.join("wp.yaml"), &yaml).unwrap();
    assert_exit(&run(dir, &["check", "wp.yaml", "--today", TODAY]), 0);
    for format in ["html", "md"] {
        let out = run(
            dir,
            &[
                "render",
                "wp.yaml",
                "--format",
                format,
                "-o",
                &format!("wp.{format}"),
            ],
        );
        assert_exit(&out, 0);
    }
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    (catalog, read("wp.html"), read("wp.md"))
}

/// Cover lines are inside the cover element, and no line of the document's body.
fn assert_on_cover(html: &str, lines: &[&str]) {
    let cover = between(html, "<header class=\"cover\">", "</header>");
    let main = between(html, "<main>", "</main>");
    for line in lines {
        assert!(cover.contains(line), "{line} is not on the cover:\n{cover}");
        assert!(
            !main.contains(&format!(">{line}<")),
            "{line} is a line of a section"
        );
    }
}

/// The rendered HTML (headings and contents) and Markdown show `expected`, and the clause
/// part is numbered after the provider's last section (4 in the fixtures).
fn assert_shape(expected: &[Heading], html: &str, md: &str) {
    assert_eq!(rendered_headings(html), expected, "rendered headings");
    assert_eq!(contents_headings(html), expected, "contents entries");
    // The clause part comes after the provider's last number, never on one of them.
    assert_eq!(controls_number(html), "5");
    // Markdown: the same headings, `##` for sections and `###` for subsections.
    let md_front = &md[..md.find("## 5. ").expect("the clause part is 5")];
    let md_expected: Vec<String> = expected
        .iter()
        .map(|(level, number, title)| {
            let hashes = "#".repeat(usize::from(*level));
            match (level, number.as_str()) {
                (_, "") => format!("{hashes} {title}"),
                (2, n) => format!("{hashes} {n}. {title}"),
                (_, n) => format!("{hashes} {n} {title}"),
            }
        })
        .collect();
    let md_headings: Vec<&str> = md_front
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .filter(|l| *l != "## 改訂履歴")
        .collect();
    assert_eq!(md_headings, md_expected, "Markdown headings");
}

/// A fixture's front matter with every clause after it (headed by `clause_heading` and
/// the id), imported as `file`, checked and rendered, nothing of it lost: the front
/// matter, the catalog, the HTML and the Markdown.
fn round_trip(name: &str, clause_heading: &str, file: &str) -> (String, Value, String, String) {
    let front = std::fs::read_to_string(fixture(name)).unwrap();
    let source = with_clauses(&front, clause_heading);
    let dir = temp_with(file, &source);
    let (catalog, html, md) = import_check_render(dir.path(), file);
    assert_nothing_lost(&source, &catalog);
    (front, catalog, html, md)
}

#[test]
fn text_with_a_cover_notice_an_intro_and_numbered_subsections_keeps_its_shape() {
    let (front, catalog, html, md) = round_trip("import/shape.txt", "", "wp.txt");
    let expected = toc_headings(&front);
    assert_eq!(expected.len(), 13, "the fixture's contents: {expected:?}");
    assert_shape(&expected, &html, &md);
    // The tagline above the service name, the notice below the provider.
    assert_on_cover(&html, &["ファイル共有クラウド", "無断転載禁止"]);
    let cover = between(&html, "<header class=\"cover\">", "</header>");
    let at = |s: &str| cover.find(s).unwrap();
    assert!(at("ファイル共有クラウド") < at("cover-service"));
    assert!(at("無断転載禁止") > at("cover-provider"));
    let md_cover = &md[..md.find("## ").unwrap()];
    assert!(md_cover.contains("ファイル共有クラウド") && md_cover.contains("無断転載禁止"));
    // The revision table is the document's history, not the body of a section.
    assert_eq!(
        catalog["document"]["revisions"].as_array().unwrap().len(),
        2
    );
    assert!(!between(&html, "<main>", "</main>").contains("サービスの概要を追加"));
}

#[test]
fn markdown_heading_levels_nest_numbered_and_unnumbered_subsections() {
    let (front, _, html, md) = round_trip("import/shape.md", "## ", "wp.md");
    let expected = markdown_headings(&front);
    assert_eq!(expected.len(), 9, "the fixture's headings: {expected:?}");
    assert_shape(&expected, &html, &md);
    assert_on_cover(&html, &["ファイル共有クラウド", "複製を禁じます。"]);
}

/// Whitespace out, for comparing a heading with the line it came from.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A published whitepaper, imported and rendered (a draft when `check` finds gaps): its
/// front headings are its own lines in order, every numbered heading before the clauses
/// keeps the provider's number, indented contents entries are subsections, and the
/// cover's first line is on the cover.
fn sample_keeps_its_shape(name: &str) {
    let Some(dir) = samples() else { return };
    let path = dir.join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    let (yaml, catalog, _) = import(&path, &[]);
    let tmp = temp_with("wp.yaml", yaml);
    let out = run(
        tmp.path(),
        &[
            "render", "wp.yaml", "--format", "html", "--draft", "-o", "wp.html",
        ],
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(tmp.path().join("wp.html")).unwrap();
    let rendered = rendered_headings(&html);

    let toc_line = Regex::new(r"\t\s*\.?\s*\d+\s*$").unwrap();
    let clause = Regex::new(r"^(?:CLD\.)?\d{1,2}\.\d{1,2}\.\d{1,2}\s").unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let first_clause = lines
        .iter()
        .position(|l| clause.is_match(l) && !toc_line.is_match(l))
        .unwrap();
    let front: Vec<(usize, &str)> = lines[..first_clause]
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, l)| !toc_line.is_match(l) && !l.trim().is_empty())
        .collect();

    // Every rendered heading is a line of the source's front matter, in the source's order
    // (the importer's own label for notes after a revision table excepted, at the end).
    let mut at = 0;
    for (_, number, title) in &rendered {
        let forms = [
            format!("{number}.{title}"),
            format!("{number}{title}"),
            title.clone(),
        ]
        .map(|f| squeeze(&f));
        let Some(&(k, _)) = front
            .iter()
            .find(|(k, l)| *k >= at && forms.contains(&squeeze(l)))
        else {
            assert_eq!(
                title, "注記",
                "{name}: 「{number} {title}」 is not a source line"
            );
            continue;
        };
        at = k + 1;
    }
    // Every numbered heading before the clauses keeps its number: nothing shifted.
    let numbered = Regex::new(r"^(\d{1,2})\.\s*(\S.{0,60})$").unwrap();
    let source_numbered: Vec<(String, String)> = front
        .iter()
        .filter_map(|(_, l)| numbered.captures(l.trim()))
        .filter(|c| !c[2].ends_with('。'))
        .map(|c| (c[1].to_string(), squeeze(&c[2])))
        .collect();
    let rendered_numbered: Vec<(String, String)> = rendered
        .iter()
        .filter(|(level, number, _)| *level == 2 && !number.is_empty())
        .map(|(_, n, t)| (n.clone(), squeeze(t)))
        .collect();
    assert!(!source_numbered.is_empty(), "{name}: numbered headings");
    assert_eq!(
        rendered_numbered, source_numbered,
        "{name}: provider numbers"
    );
    let controls = controls_number(&html);
    assert!(
        rendered_numbered.iter().all(|(n, _)| *n != controls),
        "{name}: the clause part is numbered {controls}, like a provider section"
    );
    // Entries the contents indent are subsections; not the clauses, which start with their
    // number (`5.1.1`, or garbled: `924`).
    let indented: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with('\t') && toc_line.is_match(l))
        .filter(|l| {
            !l.trim()
                .starts_with(|c: char| c.is_ascii_digit() || c == 'C')
        })
        .map(|l| squeeze(&toc_line.replace(l, "")))
        .collect();
    let subsections: Vec<String> = rendered
        .iter()
        .filter(|(level, _, _)| *level == 3)
        .map(|(_, n, t)| squeeze(&format!("{n}{t}")))
        .collect();
    assert_eq!(subsections, indented, "{name}: subsections");
    // The cover's first line, and every cover line kept, are on the cover.
    let first = lines.iter().find(|l| !l.trim().is_empty()).unwrap().trim();
    let mut cover_lines = vec![first];
    for place in ["above", "below"] {
        if let Some(kept) = catalog["document"]["cover"][place].as_array() {
            cover_lines.extend(kept.iter().map(|l| l.as_str().unwrap()));
        }
    }
    assert_on_cover(&html, &cover_lines);
}

#[test]
fn sample_a_keeps_its_shape() {
    sample_keeps_its_shape("whitepaper-a.txt");
}

#[test]
fn sample_b_keeps_its_shape() {
    sample_keeps_its_shape("whitepaper-b.txt");
}

/// The Japanese example with one more section: `extra`, holding `subsections` (YAML lines
/// indented under `    sections:`), inserted before the responsibility table.
fn example_with_section(number: Option<&str>, subsections: &str) -> String {
    edited_example("ja", |text| {
        let number = number.map_or(String::new(), |n| format!("    number: \"{n}\"\n"));
        text.replacen(
            "\nresponsibility:",
            &format!(
                "\n  - id: extra\n{number}    title: 補足\n    body: 補足の本文です。\n    sections:\n{subsections}responsibility:"
            ),
            1,
        )
    })
}

const SUBSECTION: &str =
    "      - id: extra-detail\n        title: 補足の詳細\n        body: 詳細の本文です。\n";

#[test]
fn a_subsection_holding_a_subsection_or_a_repeated_id_does_not_load() {
    let deeper = SUBSECTION.to_string()
        + "        sections:\n          - { id: too-deep, title: 深すぎる節 }\n";
    let dir = temp_with("wp.yaml", example_with_section(None, &deeper));
    let out = run(dir.path(), &["check", "wp.yaml", "--today", TODAY]);
    assert_exit(&out, 2);
    assert!(
        stdout(&out).contains(
            "wp.yaml:100:19: error[load-error] section `too-deep` is nested 3 deep; a section may hold subsections, a subsection none: move it up beside `extra-detail`"
        ),
        "{}",
        stdout(&out)
    );
    let same_id = SUBSECTION.replace("extra-detail", "purpose");
    let dir = temp_with("wp.yaml", example_with_section(None, &same_id));
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "wp.html"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("duplicate section id `purpose`, first written at line 27:"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("wp.html").exists());
}

#[test]
fn check_reads_subsections_and_cover_lines_as_published_text() {
    let bad = SUBSECTION.replace(
        "詳細の本文です。",
        "\"[管理画面](javascript:alert(1)) は TODO\"",
    );
    let text = example_with_section(None, &bad).replacen(
        "  revisions:",
        "  cover:\n    below: [社外秘 TODO]\n  revisions:",
        1,
    );
    let dir = temp_with("wp.yaml", text);
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "json", "--today", TODAY],
    );
    assert_exit(&out, 1);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |code: &str, field: &str| {
        found
            .iter()
            .any(|(c, m)| c == code && m.contains(&format!("`{field}`")))
    };
    assert!(
        has("unsafe-url", "sections[extra-detail].body"),
        "{found:#?}"
    );
    assert!(
        has("placeholder-text", "sections[extra-detail].body"),
        "{found:#?}"
    );
    assert!(
        has("placeholder-text", "document.cover.below[0]"),
        "{found:#?}"
    );
}

#[test]
fn a_catalog_without_numbers_is_numbered_by_render_subsections_included() {
    let dir = temp_with("wp.yaml", example_with_section(None, SUBSECTION));
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "wp.html"]);
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("wp.html")).unwrap();
    let headings = rendered_headings(&html);
    assert_eq!(headings.len(), 8, "{headings:?}");
    assert_eq!(headings[6], (2, "7".into(), "補足".into()));
    assert_eq!(headings[7], (3, "7.1".into(), "補足の詳細".into()));
    assert_eq!(contents_headings(&html), headings);
    // The responsibility table follows the sections: 8, then the clauses: 9.
    assert!(html.contains("<h2><span class=\"number\">8.</span> 責任分界点</h2>"));
    assert_eq!(controls_number(&html), "9");
}

#[test]
fn provider_numbers_are_printed_as_written_and_the_clause_part_follows_the_highest() {
    let numbered = SUBSECTION.replace("        title:", "        number: \"12.3\"\n        title:");
    let dir = temp_with("wp.yaml", example_with_section(Some("12"), &numbered));
    let out = run(dir.path(), &["render", "wp.yaml", "-o", "wp.html"]);
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("wp.html")).unwrap();
    let headings = rendered_headings(&html);
    // The example's own sections give no number: they stay unnumbered, nothing shifts.
    assert!(
        headings[..6]
            .iter()
            .all(|(l, n, _)| *l == 2 && n.is_empty()),
        "{headings:?}"
    );
    assert_eq!(
        headings[6..],
        [
            (2, "12".into(), "補足".into()),
            (3, "12.3".into(), "補足の詳細".into())
        ]
    );
    assert!(html.contains("<h2><span class=\"number\">13.</span> 責任分界点</h2>"));
    assert_eq!(controls_number(&html), "14");
}

#[test]
fn diff_sees_a_changed_subsection() {
    let dir = temp_with("old.yaml", example_with_section(None, SUBSECTION));
    let new = example_with_section(
        None,
        &SUBSECTION.replace("詳細の本文です。", "詳細の本文を改めました。"),
    );
    std::fs::write(dir.path().join("new.yaml"), new).unwrap();
    let out = run(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_exit(&out, 0);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = json["catalogs"][0]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["kind"], "section-changed");
    assert_eq!(changes[0]["id"], "extra-detail");
}

/// The Markdown fixture as a Word file: `#` the Title style, `##` Heading 1 (Japanese
/// style id `1`), `###` 見出し 2, the rest Normal paragraphs.
fn docx_from_markdown(markdown: &str) -> String {
    markdown
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (style, text) = match l.split_once(' ') {
                Some(("#", t)) => (Some("Title"), t),
                Some(("##", t)) => (Some("1"), t),
                Some(("###", t)) => (Some("21"), t),
                _ => (None, l.trim_matches('*')),
            };
            let style = style.map_or(String::new(), |s| {
                format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
            });
            format!(r#"<w:p>{style}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
        })
        .collect()
}

#[test]
fn word_heading_styles_nest_subsections() {
    let front = std::fs::read_to_string(fixture("import/shape.md")).unwrap();
    let body = docx_from_markdown(&with_clauses(&front, "## "));
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="21"><w:name w:val="見出し 2"/></w:style>"#;
    let dir = temp_with("wp.docx", crate::import::docx_with(&body, styles));
    let (catalog, html, md) = import_check_render(dir.path(), "wp.docx");
    crate::import::assert_docx_nothing_lost(&body, &catalog);
    assert_shape(&markdown_headings(&front), &html, &md);
    assert_on_cover(&html, &["ファイル共有クラウド", "複製を禁じます。"]);
}

#[test]
fn english_notices_stay_on_the_cover_and_name_nothing() {
    let path = fixture("import/cover-notice-en.txt");
    let source = std::fs::read_to_string(&path).unwrap();
    let (yaml, catalog, _) = import(&path, &[]);
    assert_nothing_lost(&source, &catalog);
    // "CONFIDENTIAL" above is not the service's name; the copyright line after the
    // contents names the provider but is not where the provider comes from.
    assert_eq!(catalog["service"]["name"], "Acme Files");
    assert_eq!(catalog["service"]["provider"], "Acme Files Inc.");
    assert_eq!(
        catalog["document"]["cover"]["above"],
        serde_json::json!(["CONFIDENTIAL"])
    );
    let copyright = "© 2026 Acme Files Inc. All rights reserved.";
    assert_eq!(
        catalog["document"]["cover"]["below"],
        serde_json::json!([copyright])
    );
    let dir = temp_with("wp.yaml", yaml);
    let out = run(
        dir.path(),
        &["render", "wp.yaml", "--draft", "-o", "wp.html"],
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("wp.html")).unwrap();
    assert_on_cover(&html, &["CONFIDENTIAL", copyright]);
    assert_eq!(
        rendered_headings(&html),
        [
            (2, "1".into(), "Purpose".into()),
            (2, "2".into(), "Scope".into())
        ]
    );
}

#[test]
fn a_bold_notice_before_a_revision_table_is_no_section() {
    let path = fixture("import/cover-notice-table.md");
    let source = std::fs::read_to_string(&path).unwrap();
    let (_, catalog, _) = import(&path, &[]);
    assert_nothing_lost(&source, &catalog);
    assert_eq!(
        catalog["document"]["cover"],
        serde_json::json!({ "below": ["無断転載禁止"] })
    );
    assert_eq!(catalog["document"]["revisions"][0]["summary"], "初版");
    let sections = catalog["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1, "{sections:#?}");
    assert_eq!(sections[0]["number"], "1");
    assert_eq!(sections[0]["title"], "本書の目的");
}
