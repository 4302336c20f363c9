//! `kanrisaku import` of PDFs and of text extracted from them: page furniture (running
//! headers, footers, page numbers, form feeds) kept out of statements, wrapped lines joined.
//! The PDFs are printed here from HTML by headless Chromium, with `@page` margin boxes for the
//! running header and footer, as published whitepapers have them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::*;
use crate::import::{assert_nothing_lost, ids, import, norm, samples};

const HEADER: &str = "ミドリ帳票クラウド クラウドセキュリティホワイトペーパー";
const COPYRIGHT: &str = "Copyright © 2025 Midori Systems";

pub(crate) fn tools() -> bool {
    tools_present(
        &["chromium", "pdftotext"],
        "chromium fonts-morisawa-bizud-gothic poppler-utils",
    )
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A printable page: A4, a running header, `- N -` and a copyright line at the foot.
pub(crate) fn page(body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{HEADER}"; font-size: 9pt; }}
  @bottom-center {{ content: "- " counter(page) " -"; font-size: 9pt; }}
  @bottom-right {{ content: "{COPYRIGHT}"; font-size: 8pt; }} }}
body {{ font-family: "BIZ UDGothic", sans-serif; font-size: 11pt; width: 38em; }}
p {{ margin: 0 0 0.5em 0; }}
td {{ border: 1px solid #888; padding: 2px 6px; vertical-align: top; }}
.break {{ break-before: page; }}
</style></head><body>{body}</body></html>"#
    )
}

/// Print `html` to `dir/name` with headless Chromium.
pub(crate) fn print(dir: &Path, name: &str, html: &str) -> PathBuf {
    let source = dir.join(format!("{name}.html"));
    std::fs::write(&source, html).unwrap();
    let pdf = dir.join(name);
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("{name}.profile")).display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", source.display()))
        .output()
        .unwrap();
    assert!(
        std::fs::read(&pdf).is_ok_and(|b| b.starts_with(b"%PDF")),
        "chromium printed no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// The PDF's text as pdftotext gives it, bullets removed (the catalog writes list items as
/// Markdown `- ` items), to check that every line of it is in the catalog.
pub(crate) fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            l.trim_start()
                .trim_start_matches(['・', '●', '○', '◆', '◇', '■', '□', '•'])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn statements(catalog: &Value) -> Vec<(String, String)> {
    catalog["controls"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["statement"].as_str().unwrap().to_string()))
        .collect()
}

fn furniture(catalog: &Value) -> Vec<String> {
    catalog["unplaced"]["furniture"]
        .as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// No statement holds a header, footer or page number.
fn assert_no_furniture_in_statements(catalog: &Value) {
    for (key, statement) in statements(catalog) {
        for line in statement.lines() {
            let bare: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                !line.contains(HEADER)
                    && !line.contains("Copyright")
                    && !line.contains('\u{c}')
                    && (bare.is_empty()
                        || !bare.trim_matches('-').chars().all(|c| c.is_ascii_digit())),
                "furniture in {key}: {line:?}"
            );
        }
    }
}

const POLICY: &str = "当社は情報セキュリティ基本方針を定め、帳票データを扱うすべての従業員と委託先に周知し、年に一度その内容を見直して、見直しの結果を経営会議に報告しています。";
const LOCATION: &str = "当社の所在地は大阪府です。帳票データは国内のデータセンターにのみ保存し、所在地の法令に基づく当局からの要請には法務部門が窓口となって対応し、利用者への通知の要否をその都度判断します。";
const ACCESS: &str = "Administrators grant each department its own view and edit rights for every form type, and the rights of people who leave are withdrawn on their last working day by the same workflow.";
const TENANT: &str = "契約ごとに論理的に分離したデータベースを割り当て、他の契約の帳票データには技術的にアクセスできない構成とし、分離の有効性を年に一度の脆弱性診断で確かめています。";

#[test]
fn pdf_import_keeps_furniture_out_and_joins_wrapped_lines() {
    if !tools() {
        return;
    }
    let toc = |title: &str, page: u32| format!("<p>{title} ........ {page}</p>");
    let body = [
        "<p>ミドリ帳票クラウド</p><p>ISO/IEC 27017 ホワイトペーパー</p><p>2025年4月1日</p><p>第 2.0 版</p>".to_string(),
        "<p>目次</p>".into(),
        toc("5.1.1 情報セキュリティのための方針群", 2),
        toc("6.1.3 関係当局との連絡", 2),
        // The page breaks inside the table of contents.
        format!("<div class=break>{}</div>", toc("9.4.1 情報へのアクセス制限", 3)),
        toc("CLD.9.5.1 仮想コンピューティング環境における分離", 3),
        "<p>5.1.1 情報セキュリティのための方針群</p>".into(),
        format!("<p>{POLICY}</p>"),
        "<p>方針には次の事項を含めています。</p><p>・帳票データの暗号化と鍵の管理</p><p>・管理者権限の付与と定期的な棚卸し</p>".into(),
        "<p>6.1.3 関係当局との連絡</p>".into(),
        format!("<p>{LOCATION}</p>"),
        "<div class=break><p>9.4.1 情報へのアクセス制限</p></div>".into(),
        format!("<p>{ACCESS}</p>"),
        "<p>CLD.9.5.1 仮想コンピューティング環境における分離</p>".into(),
        format!("<p>{TENANT}</p>"),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(dir.path(), "midori.pdf", &page(&body));
    let (_, catalog, report) = import(&pdf, &[]);
    assert_eq!(ids(&report), ["5.1.1", "6.1.3", "9.4.1", "CLD.9.5.1"]);
    assert_eq!(report["toc_lines"], 5, "one table of contents: {report}");
    assert_no_furniture_in_statements(&catalog);
    let kept = furniture(&catalog);
    assert!(
        kept.iter().filter(|l| *l == HEADER).count() >= 3,
        "{kept:?}"
    );
    assert!(kept.iter().any(|l| l == COPYRIGHT), "{kept:?}");
    assert!(kept.iter().any(|l| norm(l) == "3"), "{kept:?}");
    assert_eq!(report["furniture_lines"], kept.len());
    // Every wrapped paragraph is one paragraph again; the list items stay items.
    let statement = |key: &str| catalog["controls"][key]["statement"].as_str().unwrap();
    let paragraphs =
        |key: &str| -> Vec<String> { statement(key).split("\n\n").map(str::to_string).collect() };
    assert_eq!(
        paragraphs("5.1.1"),
        [
            POLICY,
            "方針には次の事項を含めています。",
            "- 帳票データの暗号化と鍵の管理\n- 管理者権限の付与と定期的な棚卸し"
        ]
    );
    assert_eq!(paragraphs("6.1.3"), [LOCATION]);
    assert_eq!(paragraphs("9.4.1"), [ACCESS], "English joined with spaces");
    assert_eq!(paragraphs("CLD.9.5.1"), [TENANT]);
    assert_nothing_lost(&pdftotext(&pdf), &catalog);
}

#[test]
fn extracted_text_with_form_feeds_and_a_toc_across_pages() {
    let path = fixture("import/paged.txt");
    let input = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        input.matches('\u{c}').count(),
        2,
        "the fixture has three pages"
    );
    let (_, catalog, report) = import(&path, &[]);
    assert_eq!(ids(&report), ["5.1.1", "6.1.3", "9.4.1", "CLD.9.5.1"]);
    // The contents continue on page 2 after the footer and header: still contents.
    assert_eq!(
        catalog["unplaced"]["toc"].as_array().unwrap().len(),
        6,
        "{:#?}",
        catalog["unplaced"]
    );
    assert_no_furniture_in_statements(&catalog);
    assert_eq!(furniture(&catalog).len(), 9);
    // A paragraph wrapped across the page break is one paragraph.
    assert_eq!(
        catalog["controls"]["6.1.3"]["statement"],
        "当社の所在地は大阪府です。帳票データは国内のデータセンターにのみ保存し、所在地の法令に基づく当局からの要請には法務部門が窓口となって対応し、利用者への通知の要否を判断します。"
    );
    assert_eq!(
        catalog["controls"]["5.1.1"]["statement"],
        "当社は情報セキュリティ基本方針を定め、帳票データを扱うすべての従業員と委託先に周知し、年に一度見直しています。\n\n方針には次の事項を含めています。\n\n- 帳票データの暗号化と鍵の管理\n- 管理者権限の付与と定期的な棚卸し"
    );
    assert_nothing_lost(&input, &catalog);
}

#[test]
fn a_page_number_on_a_single_page_is_text() {
    // Without form feeds there are no pages, so nothing is taken for furniture.
    let dir = temp_with(
        "one.txt",
        "5.1.1 情報セキュリティのための方針群\n基本方針を定めています。\n7\n",
    );
    let (_, catalog, report) = import(&dir.path().join("one.txt"), &[]);
    assert_eq!(report["furniture_lines"], 0);
    assert_eq!(
        catalog["controls"]["5.1.1"]["statement"],
        "基本方針を定めています。\n\n7"
    );
}

#[test]
fn a_pdf_without_pdftotext_or_not_a_pdf_is_a_clear_error() {
    let dir = temp_with("wp.pdf", b"%PDF-1.4\n%%EOF\n");
    let out = kanrisaku(dir.path())
        .args(["import", "wp.pdf"])
        .env("KANRISAKU_PDFTOTEXT", "/nonexistent/pdftotext")
        .output()
        .unwrap();
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("wp.pdf") && err.contains("apt-get install poppler-utils"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());

    std::fs::write(dir.path().join("text.pdf"), "5.1.1 方針\n").unwrap();
    let out = run(dir.path(), &["import", "text.pdf"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("not a PDF"), "{}", stderr(&out));

    if !tools_present(&["pdftotext"], "poppler-utils") {
        return;
    }
    // A damaged PDF: pdftotext's complaint, not a panic or an empty catalog.
    let out = run(dir.path(), &["import", "wp.pdf"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("pdftotext"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

/// A sample as a published PDF would print it: one paragraph per line, contents entries
/// with leader dots, other tab-separated rows as a table.
fn sample_html(text: &str) -> String {
    let mut body = String::new();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<&str>>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        body.push_str("<table>");
        for row in rows.drain(..) {
            body.push_str("<tr>");
            for cell in row {
                body.push_str(&format!("<td>{}</td>", escape(cell)));
            }
            body.push_str("</tr>");
        }
        body.push_str("</table>");
    };
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let last = cells.last().unwrap().trim().trim_start_matches('.').trim();
        if cells.len() > 1 && !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) {
            flush(&mut rows, &mut body);
            let title: Vec<&str> = cells[..cells.len() - 1]
                .iter()
                .copied()
                .filter(|c| !c.trim().is_empty())
                .collect();
            body.push_str(&format!(
                "<p>{} ........ {last}</p>",
                escape(&title.join(" "))
            ));
        } else if cells.len() > 1 {
            rows.push(cells);
        } else {
            flush(&mut rows, &mut body);
            if !line.trim().is_empty() {
                body.push_str(&format!("<p>{}</p>", escape(line)));
            }
        }
    }
    flush(&mut rows, &mut body);
    page(&body)
}

/// Sections as (number, title, subsections), bodies left out.
fn shape(catalog: &Value) -> Value {
    let list = |v: &Value| -> Vec<Value> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|s| serde_json::json!([s["number"], s["title"], shape(s)]))
            .collect()
    };
    Value::Array(list(&catalog["sections"]))
}

#[test]
fn samples_printed_to_pdf_import_like_their_text() {
    let Some(samples) = samples() else { return };
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["whitepaper-a.txt", "whitepaper-b.txt"] {
        let text = std::fs::read_to_string(samples.join(name)).unwrap();
        let pdf = print(dir.path(), &format!("{name}.pdf"), &sample_html(&text));
        let (_, from_text, text_report) = import(&samples.join(name), &[]);
        let (_, from_pdf, pdf_report) = import(&pdf, &[]);
        assert_eq!(ids(&pdf_report), ids(&text_report), "{name}: clauses");
        assert_eq!(pdf_report["missing"], text_report["missing"], "{name}");
        for ((key, want), (_, got)) in statements(&from_text).iter().zip(statements(&from_pdf)) {
            let similarity = strsim::normalized_levenshtein(&norm(want), &norm(&got));
            assert!(
                similarity >= 0.95,
                "{name} {key}: {similarity:.3}\n{want}\n---\n{got}"
            );
        }
        // The document's shape too: numbers, subsections, cover lines (issue 9 item 6).
        let (text_shape, pdf_shape) = (shape(&from_text), shape(&from_pdf));
        let front = text_shape.as_array().unwrap();
        assert_eq!(pdf_shape.as_array().unwrap(), front, "{name}: sections");
        assert_eq!(
            from_pdf["document"]["cover"], from_text["document"]["cover"],
            "{name}: cover lines"
        );
        // The revision table, printed as a table, is read by the position of its cells.
        assert!(
            from_text["document"]["revisions"]
                .as_array()
                .is_some_and(|r| !r.is_empty()),
            "{name}"
        );
        assert_eq!(
            from_pdf["document"]["revisions"], from_text["document"]["revisions"],
            "{name}: revisions"
        );
        assert_no_furniture_in_statements(&from_pdf);
        assert!(furniture(&from_pdf).iter().any(|l| l == HEADER), "{name}");
        assert_nothing_lost(&pdftotext(&pdf), &from_pdf);
    }
}

/// A `pdftotext` in `dir` that runs `script` (sh), for `KANRISAKU_PDFTOTEXT`.
#[cfg(unix)]
pub(crate) fn fake_pdftotext(dir: &Path, name: &str, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;

    let tool = dir.join(name);
    std::fs::write(&tool, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    tool
}

#[cfg(unix)]
#[test]
fn endless_extracted_text_is_cut_at_its_bound() {
    // A pdftotext that never stops talking: the read stops at the bound, the tool is ended.
    let dir = temp_with("wp.pdf", b"%PDF-1.4\n%%EOF\n");
    let tool = fake_pdftotext(dir.path(), "pdftotext", "exec yes 帳票データを暗号化します");
    let started = std::time::Instant::now();
    let out = kanrisaku(dir.path())
        .args(["import", "wp.pdf"])
        .env("KANRISAKU_PDFTOTEXT", &tool)
        .output()
        .unwrap();
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("wp.pdf")
            && err.contains(
                "the text extracted from a PDF, with its word positions, may be at most 256 MiB"
            ),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    assert!(started.elapsed().as_secs() < 30);
}

/// Our own rendered PDFs (a cover, a contents page, headers with the page number, headings in
/// a larger font) import back to the same clauses and, tables apart, the same statements.
#[test]
fn rendered_example_pdfs_import_back() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let pdf = dir.path().join(format!("{lang}.pdf"));
        let out = kanrisaku(&root())
            .arg("render")
            .arg(example(lang))
            .args(["--format", "pdf", "-o"])
            .arg(&pdf)
            .output()
            .unwrap();
        assert_exit(&out, 0);
        let (_, imported, report) = import(&pdf, &[]);
        let original: Value =
            serde_saphyr::from_str(&std::fs::read_to_string(example(lang)).unwrap()).unwrap();
        let keys: Vec<String> = original["controls"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut found = ids(&report);
        found.sort();
        assert_eq!(found, keys, "{lang}: clauses (sorted)");
        // The revision table and the responsibility grid are read from their positions.
        // Spaces aside: where a cell wrapped after a space, the space is not in the PDF.
        let revisions = |catalog: &Value| -> Vec<(String, String, String)> {
            let all = catalog["document"]["revisions"].as_array().unwrap();
            all.iter()
                .map(|r| {
                    let s = |k: &str| r[k].as_str().unwrap().to_string();
                    (s("version"), s("date"), norm(&s("summary")))
                })
                .collect()
        };
        assert_eq!(revisions(&imported), revisions(&original), "{lang}");
        assert_eq!(revisions(&imported).len(), 3);
        let mut responsibility = original["responsibility"].clone();
        for layer in responsibility["layers"].as_array_mut().unwrap() {
            if let Some(owner) = layer["owner"].as_str() {
                layer["owner"] = serde_json::json!([owner]);
            }
        }
        assert_eq!(
            imported["responsibility"]["layers"], responsibility["layers"],
            "{lang}: responsibility"
        );
        for (key, want) in statements(&original) {
            if want.contains('|') {
                continue; // A table in a statement comes back as a table, not as written.
            }
            let got = imported["controls"][&key]["statement"].as_str().unwrap();
            let similarity = strsim::normalized_levenshtein(&norm(&want), &norm(got));
            assert!(
                similarity >= 0.95,
                "{lang} {key}: {similarity:.3}\n{want}\n---\n{got}"
            );
        }
        assert_nothing_lost(&pdftotext(&pdf), &imported);
    }
}
