//! `kanrisaku import` on whitepapers as people really write them: Markdown from a converter,
//! Word without heading styles, the provider's own numbering, long English titles, grouping
//! headings worded otherwise, revision tables on the cover.

use crate::common::*;
use crate::import::{assert_docx_nothing_lost, assert_nothing_lost, docx_with, ids, import};
use serde_json::Value;

/// The provider baseline's clauses with their official titles (id, ja, en), from the binary.
pub(crate) fn baseline_titles() -> Vec<(String, String, String)> {
    let out = run(
        &root(),
        &[
            "controls",
            "--format",
            "json",
            "--standard",
            "iso27017:2015/provider",
        ],
    );
    assert_exit(&out, 0);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("id"), s("title_ja"), s("title_en"))
        })
        .collect()
}

/// `check` on an imported catalog: the errors it reports.
fn check_errors(yaml: &str) -> Vec<Value> {
    let dir = temp_with("wp.yaml", yaml);
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "json", "--today", TODAY],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .cloned()
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn pandoc_markdown_bold_and_plain_paragraph_headings() {
    let path = fixture("import/pandoc.md");
    let (_, c, report) = import(&path, &[]);
    assert_eq!(ids(&report), ["5.1.1", "9.2.1", "9.4.1", "CLD.6.3.1"]);
    assert_eq!(c["sections"][0]["title"], "はじめに");
    assert_eq!(
        c["controls"]["9.2.1"]["statement"],
        "お客様の管理者は、管理画面から利用者を登録し、不要になった利用者を削除できます。\n\n- 削除した利用者は直ちにログインできなくなります。\n- 削除の記録は 1 年間保管します。"
    );
    // The grouping heading worded otherwise is a heading, not the end of 9.2.1's text.
    assert_eq!(
        c["controls"]["9.4.1"]["statement"],
        "閲覧できる帳簿は、利用者ごとに割り当てた権限で制限しています。"
    );
    assert!(
        !c["controls"]["9.2.1"]["statement"]
            .as_str()
            .unwrap()
            .contains("9.4"),
        "{c}"
    );
    assert_eq!(
        strings(&report["guesses"]),
        [
            "line 24: 「9.4 システム・アプリケーションへのアクセスの管理」 read as the grouping heading 9.4 by its number (its title matches 0.73)"
        ]
    );
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
}

/// A whitepaper numbered 1, 2, 3 … by the provider, giving only the official titles in
/// their JIS-era spelling (および, ぜい弱, クラウドサービス利用者), as plain text.
#[test]
fn own_numbering_and_titles_alone_find_every_clause() {
    let titles = baseline_titles();
    let mut text = String::from("もみじ勤怠 ホワイトペーパー\n第 1.0 版\n2026年4月1日\n\n");
    for (k, (id, ja, _)) in titles.iter().enumerate() {
        let jis = ja
            .replace("及び", "および")
            .replace("脆弱", "ぜい弱")
            .replace("クラウドサービスカスタマ", "クラウドサービス利用者");
        text.push_str(&format!(
            "{}. {jis}\n当社は {id} について、手順を文書化して運用しています。\n\n",
            k + 1
        ));
    }
    let dir = temp_with("wp.txt", &text);
    let (yaml, c, report) = import(&dir.path().join("wp.txt"), &[]);
    let expected: Vec<String> = titles.iter().map(|(id, _, _)| id.clone()).collect();
    assert_eq!(ids(&report), expected);
    let guesses = strings(&report["guesses"]);
    assert_eq!(guesses.len(), titles.len(), "{guesses:#?}");
    assert_eq!(
        guesses[3],
        "line 14: 「4. クラウドコンピューティング環境における役割および責任の共有および分担」 read as clause CLD.6.3.1 by its title alone (1.00)"
    );
    for (id, _, _) in &titles {
        assert_eq!(
            c["controls"][id]["statement"],
            format!("当社は {id} について、手順を文書化して運用しています。")
        );
    }
    assert!(report["missing"].as_array().unwrap().is_empty());
    assert_eq!(check_errors(&yaml), Vec::<Value>::new());
    assert_nothing_lost(&text, &c);
}

/// An English whitepaper: official titles longer than 60 characters (CLD.6.3.1, CLD.13.1.4,
/// 18.1.1) are headings, and grouping headings worded otherwise are recognised by number.
#[test]
fn long_english_titles_and_reworded_grouping_headings() {
    let titles = baseline_titles();
    let mut text = String::from("Maple Ledger Whitepaper\nVersion 3.0\nApril 1, 2026\n\n");
    let mut group = String::new();
    for (id, _, en) in &titles {
        let category = id.rsplit_once('.').unwrap().0;
        if category != group {
            group = category.to_string();
            text.push_str(&format!("{group} Controls we apply in this area\n"));
        }
        text.push_str(&format!(
            "{id} {en}\nWe keep a written procedure for {id} and follow it.\n\n"
        ));
    }
    let dir = temp_with("wp.txt", &text);
    let (yaml, c, report) = import(&dir.path().join("wp.txt"), &[]);
    let expected: Vec<String> = titles.iter().map(|(id, _, _)| id.clone()).collect();
    assert_eq!(ids(&report), expected);
    for id in ["CLD.6.3.1", "CLD.13.1.4", "18.1.1"] {
        assert_eq!(
            c["controls"][id]["statement"],
            format!("We keep a written procedure for {id} and follow it.")
        );
    }
    let guesses = strings(&report["guesses"]);
    assert!(
        guesses
            .iter()
            .any(|g| g.starts_with("line ") && g.contains("「9.4 Controls we apply in this area」 read as the grouping heading 9.4 by its number")),
        "{guesses:#?}"
    );
    assert_eq!(check_errors(&yaml), Vec::<Value>::new());
    assert_nothing_lost(&text, &c);
}

/// Word as people write it: Japanese Word's style ids (`1`, `21`, `a`, `a0`) whose names say
/// what they are, list items numbered by their style (`List Bullet`) or by `w:numPr`
/// (`List Paragraph`), headings as bold Normal paragraphs, typed bullets.
#[test]
fn docx_list_styles_bold_headings_and_japanese_style_ids() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="21"><w:name w:val="見出し 2"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="List Paragraph"/></w:style>
<w:style w:type="paragraph" w:styleId="a0"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="箇条書き手順"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="a5"><w:name w:val="社内見出し"/><w:basedOn w:val="a6"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="a6"><w:name w:val="社内見出し基本"/><w:basedOn w:val="21"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="a7"><w:name w:val="手順"/><w:basedOn w:val="a0"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="x"><w:name w:val="loop"/><w:basedOn w:val="x"/></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let normal = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let bold =
        |text: &str| format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#);
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let row = |cells: [&str; 3]| format!("<w:tr>{}</w:tr>", cells.map(cell).concat());
    let body = [
        // The cover: title, then the revision table, without a heading; an entry continues
        // on a row of its own.
        normal("かえで会計 ホワイトペーパー"),
        format!(
            "<w:tbl>{}{}{}{}</w:tbl>",
            row(["版数", "日付", "改訂内容"]),
            row(["1.0", "2025/4/1", "初版"]),
            row(["1.1", "2025/9/1", "会社概要を更新し、"]),
            row(["", "", "バックアップの記述を追加"]),
        ),
        styled("1", "はじめに"),
        normal("本書は、かえで会計の管理策をご説明するものです。"),
        // A bold paragraph mark alone makes no text bold: this stays text.
        r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>詳細は各項をご覧ください。</w:t></w:r></w:p>"#.to_string(),
        bold("会社概要"),
        normal("かえで株式会社は 2010 年に設立されました。"),
        bold("14.1.1 情報セキュリティ要求事項の分析及び仕様化"),
        normal("機能を追加するときは、次の管理策への影響を設計レビューで確認します。"),
        styled("a0", "9.2.1 利用者登録及び登録削除"),
        styled("a0", "12.4.1 イベントログ取得"),
        styled("a4", "CLD.9.5.1 仮想コンピューティング環境における分離"),
        r#"<w:p><w:pPr><w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>影響があれば設計書に対策を記します。</w:t></w:r></w:p>"#.to_string(),
        normal("・レビューの記録は 3 年間保管します。"),
        styled("21", "12.3.1 情報のバックアップ"),
        normal("データベースは毎日バックアップします。"),
        bold("情報セキュリティのための方針群"),
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">方針は</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>毎年見直します。</w:t></w:r></w:p>"#.to_string(),
        // A template's own styles are what they are based on.
        styled("a5", "CLD.12.4.5 クラウドサービスの監視"),
        styled("x", "稼働状況を公開しています。"),
        styled("a7", "12.4.1 イベントログ取得"),
        // Numbering id 0 takes the style's numbering away.
        r#"<w:p><w:pPr><w:pStyle w:val="a0"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>番号を外した段落です。</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let dir = temp_with("wp.docx", docx_with(&body, styles));
    let (_, c, report) = import(&dir.path().join("wp.docx"), &[]);
    assert_eq!(ids(&report), ["14.1.1", "12.3.1", "5.1.1", "CLD.12.4.5"]);
    assert_eq!(
        c["controls"]["CLD.12.4.5"]["statement"],
        "稼働状況を公開しています。\n\n- 12.4.1 イベントログ取得\n\n番号を外した段落です。"
    );
    assert_eq!(
        c["document"]["revisions"],
        serde_json::json!([
            {"version": "1.0", "date": "2025-04-01", "summary": "初版"},
            {"version": "1.1", "date": "2025-09-01", "summary": "会社概要を更新し、バックアップの記述を追加"},
        ])
    );
    assert_eq!(c["document"]["title"], "かえで会計 ホワイトペーパー");
    assert_eq!(c["sections"][0]["title"], "はじめに");
    assert_eq!(
        c["sections"][0]["body"],
        "本書は、かえで会計の管理策をご説明するものです。\n\n詳細は各項をご覧ください。"
    );
    // A bold Normal paragraph heads a front section.
    assert_eq!(c["sections"][1]["title"], "会社概要");
    assert_eq!(
        c["sections"][1]["body"],
        "かえで株式会社は 2010 年に設立されました。"
    );
    // The clause names listed inside 14.1.1 stay there, as a list with its markers.
    assert_eq!(
        c["controls"]["14.1.1"]["statement"],
        "機能を追加するときは、次の管理策への影響を設計レビューで確認します。\n\n- 9.2.1 利用者登録及び登録削除\n- 12.4.1 イベントログ取得\n- CLD.9.5.1 仮想コンピューティング環境における分離\n- 影響があれば設計書に対策を記します。\n- レビューの記録は 3 年間保管します。"
    );
    assert_eq!(
        c["controls"]["12.3.1"]["statement"],
        "データベースは毎日バックアップします。"
    );
    // Partly bold text is text.
    assert_eq!(
        c["controls"]["5.1.1"]["statement"],
        "方針は毎年見直します。"
    );
    assert_eq!(
        strings(&report["guesses"]),
        [
            "line 32: 「情報セキュリティのための方針群」 read as clause 5.1.1 by its title alone (1.00)"
        ]
    );
    assert_docx_nothing_lost(&body, &c);
}

/// A revision table on the cover, without a heading: entries continued on the next row,
/// an entry without a date (kept and reported, never dated by the importer), and the
/// cover going on after the table.
#[test]
fn revision_table_on_the_cover_with_continued_and_dateless_entries() {
    let path = fixture("import/cover-history.txt");
    let (yaml, c, report) = import(&path, &[]);
    assert_eq!(
        c["document"]["revisions"],
        serde_json::json!([
            {"version": "1.0", "date": "2025-04-01", "summary": "初版"},
            {"version": "1.1", "date": "2025-10-01", "summary": "9.2.1 の記述を見直し、CLD.12.1.5 実務管理者の運用のセキュリティを追記"},
            {"version": "1.3", "date": "2026-05-01", "summary": "責任分界を改訂し、問い合わせ窓口を追加"},
        ])
    );
    assert_eq!(c["document"]["date"], "2026-05-01");
    assert_eq!(c["service"]["name"], "かえで会計");
    // The continued rows are no clause and no statement text.
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 9: revision 1.2 has no date; its line is kept under `unplaced.other`: add it to document.revisions with its date"
        ]
    );
    assert_eq!(strings(&c["unplaced"]["other"]), ["第1.2版\t\t誤字を修正"]);
    assert!(!yaml.contains("2000-01-01"), "{yaml}");
    // The notice after the table is still a cover line.
    assert!(
        strings(&c["unplaced"]["cover"]).contains(&"無断複製・転載を禁じます。".to_string()),
        "{yaml}"
    );
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
    // `check` flags the line left for the reader.
    let dir = temp_with("wp.yaml", &yaml);
    let out = run(
        dir.path(),
        &["check", "wp.yaml", "--format", "json", "--today", TODAY],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "unplaced-text"),
        "{json}"
    );
}

/// Revision lines under a history heading in plain text: an entry continued on an indented
/// or unfinished next line stays one entry; an entry without a date is reported; the
/// notes after the table are a section.
#[test]
fn revision_lines_continued_and_without_a_date() {
    let text = "かえで会計 ホワイトペーパー\n\n5.1.1 情報セキュリティのための方針群\n方針を定めています。\n\n改訂履歴\n第1.0版 2025年4月1日 初版\n第1.1版 2025年10月1日 利用者登録の記述を見直し\n  管理者向けの手順を追加\n第1.2版 2026年1月5日 5.1.1 を改訂\n見直しの周期を明記\n第1.3版 誤字を修正\n商標「かえで」は、かえで株式会社の登録商標です。\n";
    let dir = temp_with("wp.txt", text);
    let (_, c, report) = import(&dir.path().join("wp.txt"), &[]);
    let summaries: Vec<&str> = c["document"]["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "初版",
            "利用者登録の記述を見直し管理者向けの手順を追加",
            "5.1.1 を改訂見直しの周期を明記"
        ]
    );
    assert_eq!(c["document"]["date"], "2026-01-05");
    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 12: revision 1.3 has no date; its line is kept under `unplaced.other`: add it to document.revisions with its date"
        ]
    );
    assert_eq!(c["sections"][0]["title"], "注記");
    assert_eq!(
        c["sections"][0]["body"],
        "商標「かえで」は、かえで株式会社の登録商標です。"
    );
    assert_eq!(c["controls"]["5.1.1"]["statement"], "方針を定めています。");
    assert_nothing_lost(text, &c);
}

/// English Markdown from a converter: a long bold title wrapped over two lines, long plain
/// titles, and a heading that is only a title under the provider's own number.
#[test]
fn pandoc_markdown_in_english_with_wrapped_long_titles() {
    let path = fixture("import/pandoc-en.md");
    let (_, c, report) = import(&path, &[]);
    assert_eq!(
        ids(&report),
        ["CLD.6.3.1", "CLD.13.1.4", "12.3.1", "18.1.1"]
    );
    assert_eq!(c["document"]["language"], "en");
    assert_eq!(c["document"]["date"], "2026-04-20");
    assert_eq!(c["sections"][0]["title"], "Introduction");
    assert_eq!(
        c["controls"]["CLD.6.3.1"]["statement"],
        "The split of duties between us and our customers is set out in the service terms."
    );
    assert_eq!(
        c["controls"]["12.3.1"]["statement"],
        "Backups are taken every night and kept for 35 days."
    );
    assert_eq!(
        strings(&report["guesses"]),
        ["line 22: 「3. Information backup」 read as clause 12.3.1 by its title alone (1.00)"]
    );
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
}

/// A revision table on the cover as `pdftotext -layout` writes it: columns as spaces, the
/// continued entry's next line indented under its summary (a line that would otherwise
/// read as a heading), an entry without a date, and the provider after the table.
#[test]
fn revision_table_in_layout_text_on_the_cover() {
    let path = fixture("import/cover-layout.txt");
    let (_, c, report) = import(&path, &[]);
    assert_eq!(
        c["document"]["revisions"],
        serde_json::json!([
            {"version": "1.0", "date": "2025-04-01", "summary": "初版"},
            {"version": "1.1", "date": "2025-09-01", "summary": "予約画面の記述を見直し、問い合わせ先を更新"},
        ])
    );
    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 7: revision 1.2 has no date; its line is kept under `unplaced.other`: add it to document.revisions with its date"
        ]
    );
    assert_eq!(c["service"]["provider"], "もみじ株式会社");
    let titles: Vec<&str> = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["はじめに"]);
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_nothing_lost(&std::fs::read_to_string(&path).unwrap(), &c);
}

/// A table of contents without page numbers (as a rendered HTML page prints it: number and
/// title on lines of their own) is contents up to where its first entry recurs; its titles
/// are no clause headings. Without that recurrence the lines stay the document's headings.
#[test]
fn contents_without_page_numbers_end_where_the_first_entry_recurs() {
    let text = "かえで会計 ホワイトペーパー\n\n目次\n1. はじめに\n2. 管理策の実施状況\nA.5.1.1\n情報セキュリティのための方針群\nA.9.2.1\n利用者登録及び登録削除\n\n1. はじめに\n本書は、かえで会計の管理策を説明します。\n2. 管理策の実施状況\nA.5.1.1 情報セキュリティのための方針群\n方針を定めています。\nA.9.2.1 利用者登録及び登録削除\n管理画面から登録します。\n";
    let dir = temp_with("wp.txt", text);
    let (_, c, report) = import(&dir.path().join("wp.txt"), &[]);
    assert_eq!(ids(&report), ["A.5.1.1", "A.9.2.1"]);
    assert_eq!(
        strings(&c["unplaced"]["toc"]),
        [
            "目次",
            "1. はじめに",
            "2. 管理策の実施状況",
            "A.5.1.1",
            "情報セキュリティのための方針群",
            "A.9.2.1",
            "利用者登録及び登録削除"
        ]
    );
    assert_eq!(c["sections"][0]["title"], "はじめに");
    assert_eq!(
        c["controls"]["A.5.1.1"]["statement"],
        "方針を定めています。"
    );
    assert_nothing_lost(text, &c);

    // The same lines under a contents heading, never repeated: they are the document.
    let text = "かえで会計 ホワイトペーパー\n\n目次\n5.1.1 情報セキュリティのための方針群\n方針を定めています。\n";
    let dir = temp_with("wp.txt", text);
    let (_, c, report) = import(&dir.path().join("wp.txt"), &[]);
    assert_eq!(ids(&report), ["5.1.1"]);
    assert_eq!(c["controls"]["5.1.1"]["statement"], "方針を定めています。");
    assert_nothing_lost(text, &c);
}

/// A contents entry too long for its line wraps, and only its last line has the leader and
/// page number (as a printed PDF sets it): the first line is still contents, not the
/// clause's heading, so the clause is read once, from the body.
#[test]
fn a_wrapped_contents_entry_is_contents() {
    let text = "Kaede Accounting whitepaper\n\nContents\n5.1.1 Policies for information security .......... 3\nCLD.6.3.1 Shared roles and responsibilities within a cloud computing\nenvironment .......... 4\n\n5.1.1 Policies for information security\nWe keep policies.\nCLD.6.3.1 Shared roles and responsibilities within a cloud computing environment\nWe share them.\n";
    let dir = temp_with("wp.txt", text);
    let (_, c, report) = import(&dir.path().join("wp.txt"), &[]);
    assert_eq!(ids(&report), ["5.1.1", "CLD.6.3.1"]);
    assert_eq!(c["controls"]["CLD.6.3.1"]["statement"], "We share them.");
    assert!(
        strings(&c["unplaced"]["toc"])
            .iter()
            .any(|l| l.starts_with("CLD.6.3.1 Shared roles")),
        "{c:#}"
    );
    assert_nothing_lost(text, &c);
}
