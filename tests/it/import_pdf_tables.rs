//! `kanrisaku import` of tables in a PDF, read by the position of their words: a revision
//! history on the cover with an entry that wraps inside its cell, one across a page break,
//! a responsibility grid with ● marks, and a table that is neither (it stays a table). The
//! PDFs are printed here from HTML by headless Chromium, as in `import_pdf`.

use serde_json::{Value, json};

use crate::common::*;
use crate::import::{assert_nothing_lost, ids, import};
use crate::import_pdf::{escape, fake_pdftotext, page, pdftotext, print, tools};

const COVER: &str = "<p>ミドリ帳票クラウド</p><p>ISO/IEC 27017 ホワイトペーパー</p><p>2025年4月1日</p><p>第 2.0 版</p><p>ミドリシステムズ株式会社</p>";
const CLAUSE: &str = "<p>5.1.1 情報セキュリティのための方針群</p><p>当社は情報セキュリティ基本方針を定めています。</p>";
const WRAPPED: &str =
    "責任分界点の説明を見直し、アプリケーションのセキュリティ事項とデータ保護の項目を追加しました";

/// A table row of cells.
fn row(cells: &[&str]) -> String {
    let tds: String = cells
        .iter()
        .map(|c| format!("<td>{}</td>", escape(c)))
        .collect();
    format!("<tr>{tds}</tr>")
}

fn revisions(catalog: &Value) -> Vec<(String, String, String)> {
    catalog["document"]["revisions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| {
                    let s = |k: &str| r[k].as_str().unwrap().to_string();
                    (s("version"), s("date"), s("summary"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn owned(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn a_revision_table_on_the_cover_with_an_entry_that_wraps() {
    if !tools() {
        return;
    }
    let body = format!(
        "{COVER}<table>{}{}<tr><td>第1.1版</td><td>2024/10/1</td><td style=\"white-space: normal; width: 14em\">{WRAPPED}</td></tr>{}</table><div class=break>{CLAUSE}</div>",
        row(&["版数", "日付", "改訂内容"]),
        row(&["第1.0版", "2024/4/1", "初版"]),
        row(&["第2.0版", "2025/4/1", "ISO/IEC 27002:2022 に対応"]),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(dir.path(), "cover.pdf", &page(&body));
    // The entry wraps in the PDF: its text is on no one line.
    let text = pdftotext(&pdf);
    assert!(!text.lines().any(|l| l.contains(WRAPPED)), "{text}");
    let (_, catalog, report) = import(&pdf, &[]);
    assert_eq!(
        revisions(&catalog),
        owned(&[
            ("1.0", "2024-04-01", "初版"),
            ("1.1", "2024-10-01", WRAPPED),
            ("2.0", "2025-04-01", "ISO/IEC 27002:2022 に対応"),
        ])
    );
    assert_eq!(report["revisions"], 3);
    assert_eq!(catalog["document"]["version"], "2.0");
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_nothing_lost(&text, &catalog);
}

#[test]
fn a_revision_table_across_a_page_break() {
    if !tools() {
        return;
    }
    // 60 entries do not fit on the cover page: the table goes on over the page break,
    // without its header on the second page.
    let entries: Vec<(String, String, String)> = (1..=60)
        .map(|k| {
            let (year, month) = (2015 + (k - 1) / 12, (k - 1) % 12 + 1);
            (
                format!("1.{k}"),
                format!("{year}-{month:02}-01"),
                format!("第{k}回の定期見直し"),
            )
        })
        .collect();
    let rows: String = entries
        .iter()
        .map(|(v, d, s)| {
            let (y, rest) = d.split_once('-').unwrap();
            let (m, _) = rest.split_once('-').unwrap();
            row(&[
                &format!("第{v}版"),
                &format!("{y}/{}/1", m.trim_start_matches('0')),
                s,
            ])
        })
        .collect();
    let body = format!(
        "{COVER}<table>{}{rows}</table><div class=break>{CLAUSE}</div>",
        row(&["版数", "日付", "改訂内容"])
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(dir.path(), "long.pdf", &page(&body));
    let text = pdftotext(&pdf);
    let raw = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let raw = String::from_utf8(raw.stdout).unwrap();
    let first_page = raw.split('\u{c}').next().unwrap();
    assert!(
        first_page.contains("第1.1版") && !first_page.contains("第1.60版"),
        "the table must cross a page: {text}"
    );
    let (_, catalog, report) = import(&pdf, &[]);
    assert_eq!(revisions(&catalog), entries);
    assert_eq!(report["revisions"], 60);
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_nothing_lost(&text, &catalog);
}

#[test]
fn a_responsibility_grid_with_marks() {
    if !tools() {
        return;
    }
    let mark = |owners: [bool; 3]| -> String {
        owners
            .iter()
            .map(|&o| format!("<td class=m>{}</td>", if o { "●" } else { "" }))
            .collect()
    };
    let layer = |name: &str, owners: [bool; 3], note: &str| {
        format!(
            "<tr><td>{}</td>{}<td>{}</td></tr>",
            escape(name),
            mark(owners),
            escape(note)
        )
    };
    let body = format!(
        "{COVER}<div class=break><p>1. 責任分界点</p><p>本サービスの責任分界は次の表のとおりです。</p>\
         <style>.m, th {{ text-align: center; }} th {{ border: 1px solid #888; padding: 2px 6px; }}</style>\
         <table><tr><th>階層</th><th>お客様</th><th>当社</th><th style=\"white-space: normal; width: 4em\">クラウド基盤事業者</th><th>備考</th></tr>{}{}{}{}</table>\
         <p>2. 用語</p><p>本書で用いる用語は JIS Q 27000 によります。</p></div><div class=break>{CLAUSE}</div>",
        layer("利用者アカウント", [true, false, false], "登録と削除"),
        layer("お客様データ", [true, true, false], ""),
        layer("アプリケーション", [false, true, false], ""),
        layer("物理サーバー", [false, false, true], "国内のデータセンター"),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(dir.path(), "grid.pdf", &page(&body));
    let (_, catalog, report) = import(&pdf, &[]);
    assert_eq!(report["responsibility"], true, "{report}");
    assert_eq!(
        catalog["responsibility"],
        json!({
            "parties": {"customer": "お客様", "provider": "当社", "upstream": "クラウド基盤事業者"},
            "layers": [
                {"layer": "利用者アカウント", "owner": ["customer"], "note": "登録と削除"},
                {"layer": "お客様データ", "owner": ["customer", "provider"]},
                {"layer": "アプリケーション", "owner": ["provider"]},
                {"layer": "物理サーバー", "owner": ["upstream"], "note": "国内のデータセンター"},
            ]
        })
    );
    // The text around the grid stays in its sections.
    let sections = catalog["sections"].as_array().unwrap();
    assert_eq!(
        sections[0]["body"],
        "本サービスの責任分界は次の表のとおりです。"
    );
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_nothing_lost(&pdftotext(&pdf), &catalog);
}

#[test]
fn a_table_that_is_neither_stays_a_table() {
    if !tools() {
        return;
    }
    let body = format!(
        "{COVER}<div class=break><p>12.1.3 容量・能力の管理</p><p>資源の使用状況を次の指標で監視しています。</p><table>{}{}{}{}</table><p>閾値を超えた場合は担当者に通知します。</p>{CLAUSE}</div>",
        row(&["指標", "閾値", "確認の頻度"]),
        row(&["CPU 使用率", "80%", "5 分ごと"]),
        row(&["ディスク使用率", "70%", "1 時間ごと"]),
        row(&["応答時間", "2 秒", "1 分ごと"]),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(dir.path(), "other.pdf", &page(&body));
    let (_, catalog, report) = import(&pdf, &[]);
    assert_eq!(ids(&report), ["12.1.3", "5.1.1"]);
    assert_eq!(
        catalog["controls"]["12.1.3"]["statement"],
        "資源の使用状況を次の指標で監視しています。\n\n\
         | 指標 | 閾値 | 確認の頻度 |\n|---|---|---|\n\
         | CPU 使用率 | 80% | 5 分ごと |\n\
         | ディスク使用率 | 70% | 1 時間ごと |\n\
         | 応答時間 | 2 秒 | 1 分ごと |\n\n\
         閾値を超えた場合は担当者に通知します。"
    );
    assert_eq!(report["revisions"], 0);
    assert_eq!(report["responsibility"], false);
    assert_nothing_lost(&pdftotext(&pdf), &catalog);
}

/// What `pdftotext -bbox-layout` prints is read as hostile input: coordinates that are not
/// numbers, infinite or huge, and output that is not XML at all.
#[cfg(unix)]
#[test]
fn word_positions_that_make_no_sense() {
    let dir = temp_with("wp.pdf", b"%PDF-1.4\n%%EOF\n");
    let fake = |name: &str, xml: &str| {
        let out = dir.path().join(format!("{name}.xml"));
        std::fs::write(&out, xml).unwrap();
        fake_pdftotext(dir.path(), name, &format!("cat '{}'", out.display()))
    };
    let word = |x: &str, y: &str, text: &str| {
        format!(r#"<word xMin="{x}" yMin="{y}" xMax="{x}" yMax="1e308">{text}</word>"#)
    };
    let mut lines = String::new();
    for (k, (x, y)) in [
        ("NaN", "NaN"),
        ("-inf", "inf"),
        ("1e308", "-1e308"),
        ("-5", "0"),
        ("", "x"),
    ]
    .iter()
    .enumerate()
    {
        lines.push_str(&format!(
            "<line>{}{}</line>",
            word(x, y, &format!("語{k}")),
            word(y, x, "版数")
        ));
    }
    // A word outside any line, with a tab in it, on a page of its own.
    let outside = r#"<page><word xMin="1" yMin="1" xMax="2" yMax="2">外&#9;の語</word></page>"#;
    let xml = format!(
        "<doc><page><flow><block><line>{}</line>{lines}</block></flow></page><page><flow><block><line>{}{}</line></block></flow></page>{outside}</doc>",
        word("0", "0", "5.1.1 情報セキュリティのための方針群"),
        word("10", "10", "方針を定めています。"),
        word("10", "10", "&amp;&lt;&#x41;&bogus;"),
    );
    let out = kanrisaku(dir.path())
        .args(["import", "wp.pdf", "--report", "json"])
        .env("KANRISAKU_PDFTOTEXT", fake("odd", &xml))
        .output()
        .unwrap();
    // Imported (with the gaps `check` reports), nothing lost, no panic.
    assert_exit(&out, 1);
    let catalog: Value = serde_saphyr::from_str(&stdout(&out)).unwrap();
    let all = serde_json::to_string(&catalog).unwrap();
    for k in 0..5 {
        assert!(all.contains(&format!("語{k}")), "{all}");
    }
    assert!(all.contains("&<A&bogus;"), "{all}");
    assert!(all.contains("外 の語"), "{all}");

    let out = kanrisaku(dir.path())
        .args(["import", "wp.pdf"])
        .env(
            "KANRISAKU_PDFTOTEXT",
            fake("broken", "<doc><page><word>語</flow></doc"),
        )
        .output()
        .unwrap();
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("wp.pdf") && err.contains("pdftotext's word positions are not well-formed"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

/// A page made to have tens of thousands of rows of text in two ragged columns: read in
/// bounded time, every word kept. The bound is a hang guard, not a benchmark: the debug
/// build takes about 20 s here with the machine's other core busy, so it allows for a
/// loaded CI machine (pairing every row with every other would take far longer).
#[cfg(unix)]
#[test]
fn a_page_of_forty_thousand_ragged_rows_is_read_in_time() {
    let dir = temp_with("wp.pdf", b"%PDF-1.4\n%%EOF\n");
    let mut xml = String::from("<doc><page><flow><block>");
    for k in 0..40_000u64 {
        let (a, b) = ((k * 7919) % 400, 450 + (k * 104_729) % 300);
        let y = k * 12;
        xml.push_str(&format!(
            r#"<line><word xMin="{a}" yMin="{y}" xMax="{}" yMax="{}">行{k}</word><word xMin="{b}" yMin="{y}" xMax="{}" yMax="{}">語</word></line>"#,
            a + 30,
            y + 11,
            b + 11,
            y + 11
        ));
    }
    xml.push_str("</block></flow></page></doc>");
    let words = dir.path().join("words.xml");
    std::fs::write(&words, &xml).unwrap();
    let tool = fake_pdftotext(
        dir.path(),
        "pdftotext",
        &format!("cat '{}'", words.display()),
    );
    let started = std::time::Instant::now();
    let out = kanrisaku(dir.path())
        .args(["import", "wp.pdf"])
        .env("KANRISAKU_PDFTOTEXT", &tool)
        .output()
        .unwrap();
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
    // No clause in it: the catalog has the gaps `check` reports, every line kept.
    assert_exit(&out, 1);
    let yaml = stdout(&out);
    for k in [0, 19_999, 39_999] {
        assert!(yaml.contains(&format!("行{k}")), "行{k}");
    }
}
