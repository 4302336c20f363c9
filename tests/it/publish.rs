//! Published output is hostile-input territory (issue 8, items 1–4): links only http(s),
//! mailto or #anchor; nothing loaded from elsewhere; images only from the workspace,
//! embedded; Markdown that no other processor turns into HTML or links; no placeholder in
//! any customer-visible string. Each test runs the binary on the hostile input and checks
//! the exit code, the finding (file:line:col) and the bytes written.

use std::path::Path;

use base64::Engine as _;

use crate::common::*;

/// A 1×1 PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";

pub fn png_data_uri() -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(PNG)
    )
}

/// `line:column` (1-based, columns in characters) of the first `needle` in `text`.
pub fn at(text: &str, needle: &str) -> String {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..i].matches('\n').count() + 1;
    let column = text[..i].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

/// The Japanese example with clause A.8.1.1's statement replaced by `markdown` (a block scalar).
pub fn with_statement(markdown: &str) -> String {
    edited_example("ja", |t| {
        let start = t.find("  \"A.8.1.1\":").unwrap();
        let stmt = start + t[start..].find("    statement: |\n").unwrap();
        let end = stmt + t[stmt..].find("    owner:").unwrap();
        let block: String = markdown.lines().map(|l| format!("      {l}\n")).collect();
        format!("{}    statement: |\n{block}{}", &t[..stmt], &t[end..])
    })
}

fn check(dir: &Path, file: &str) -> std::process::Output {
    run(dir, &["check", file, "--today", TODAY])
}

fn render(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    run(dir, &all)
}

/// Rendered as a draft in both text formats: (html, md).
fn drafts(dir: &Path, file: &str) -> (String, String) {
    let html = render(dir, &[file, "--draft", "--format", "html"]);
    assert_exit(&html, 0);
    let md = render(dir, &[file, "--draft", "--format", "md"]);
    assert_exit(&md, 0);
    (stdout(&html), stdout(&md))
}

/// Without --draft, render refuses, naming the finding.
#[track_caller]
fn refused(dir: &Path, file: &str, finding: &str) {
    let out = render(dir, &[file, "--format", "html"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).contains(finding), "{}", stderr(&out));
}

#[test]
fn javascript_service_url_is_an_error_and_never_published() {
    let text = edited_example("ja", |t| {
        t.replace(
            "url: https://tsumiki.example.jp",
            "url: \"javascript:alert(document.domain)\"",
        )
    });
    let dir = temp_with("wp.yaml", &text);
    let out = check(dir.path(), "wp.yaml");
    assert_exit(&out, 1);
    let line = format!(
        "wp.yaml:{}: error[unsafe-url] `service.url` は http(s) または mailto のアドレスでなければなりませんが、`javascript` スキームが使われています",
        at(&text, "\"javascript:")
    );
    assert!(stdout(&out).contains(&line), "{}", stdout(&out));
    refused(dir.path(), "wp.yaml", "error[unsafe-url]");
    let (html, md) = drafts(dir.path(), "wp.yaml");
    for doc in [&html, &md] {
        assert!(!doc.contains("javascript:"), "{doc}");
        assert!(!doc.contains("document.domain"), "{doc}");
    }
    // The rest of the cover is still there.
    assert!(html.contains("<p class=\"cover-provider\">株式会社ほしぞらシステムズ</p>"));
}

/// Found by fuzzing: the check judged a URL with its control characters trimmed, while the
/// writers turned them into `%0C…` or U+FFFD, a relative link. What is judged is what is written.
#[test]
fn a_link_is_published_exactly_as_it_was_judged() {
    let padded = edited_example("ja", |t| {
        t.replace(
            "url: https://tsumiki.example.jp",
            "url: \"\\f https://tsumiki.example.jp\\t\"",
        )
    });
    let dir = temp_with("wp.yaml", &padded);
    assert_exit(&check(dir.path(), "wp.yaml"), 0);
    let html = render(dir.path(), &["wp.yaml", "--format", "html"]);
    assert_exit(&html, 0);
    assert!(
        stdout(&html).contains("<a href=\"https://tsumiki.example.jp\">"),
        "{}",
        stdout(&html)
    );

    let nul = edited_example("ja", |t| {
        t.replace(
            "url: https://tsumiki.example.jp",
            "url: \"\\0https://tsumiki.example.jp\"",
        )
    });
    let dir = temp_with("wp.yaml", &nul);
    let out = check(dir.path(), "wp.yaml");
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("error[unsafe-url] `service.url` は http(s) または mailto のアドレスでなければなりませんが、相対パスです"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unsafe_links_in_statements_justifications_and_sections_are_errors_and_dropped() {
    let text = with_statement(
        "資産は[台帳](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)で管理し、<javascript:alert(1)> 及び [手順][proc] に従います。\n\n[proc]: vbscript:msgbox(1)\n\n詳細は [方針](policy.pdf) と [外部](//evil.example/x) を参照。正しいリンク: https://tsumiki.example.jp/a と <mailto:sec@tsumiki.example.jp> と [前項](#clause-7-2-2)。",
    )
    .replace(
        "      本書は、株式会社ほしぞらシステムズ",
        "      [ファイル](file:///etc/passwd) 本書は、株式会社ほしぞらシステムズ",
    );
    let dir = temp_with("wp.yaml", &text);
    let out = check(dir.path(), "wp.yaml");
    assert_exit(&out, 1);
    let report = stdout(&out);
    for (needle, clause, reason) in [
        ("[台帳](data:", "A.8.1.1: `statement`", "`data` スキーム"),
        (
            "<javascript:",
            "A.8.1.1: `statement`",
            "`javascript` スキーム",
        ),
        (
            "[手順][proc]",
            "A.8.1.1: `statement`",
            "`vbscript` スキーム",
        ),
        ("[方針](policy.pdf)", "A.8.1.1: `statement`", "相対パスです"),
        (
            "[外部](//evil",
            "A.8.1.1: `statement`",
            "スキームがありません（`//host`）",
        ),
        (
            "[ファイル](file:",
            "`sections[purpose].body`",
            "`file` スキーム",
        ),
    ] {
        let line = format!("wp.yaml:{}: error[unsafe-url] {clause}", at(&text, needle));
        assert!(report.contains(&line), "{line}\n{report}");
        assert!(
            report
                .lines()
                .any(|l| l.starts_with(&line) && l.contains(reason)),
            "{reason}\n{report}"
        );
    }
    assert_eq!(report.matches("error[unsafe-url]").count(), 6, "{report}");
    refused(dir.path(), "wp.yaml", "error[unsafe-url]");

    let (html, md) = drafts(dir.path(), "wp.yaml");
    for doc in [&html, &md] {
        for gone in [
            "data:text/html",
            "javascript:",
            "vbscript:",
            "policy.pdf",
            "//evil.example",
            "file:",
        ] {
            assert!(!doc.contains(gone), "{gone} in\n{doc}");
        }
        // The link texts stay.
        for kept in [
            "資産は台帳で管理し、 及び 手順 に従います",
            "方針 と 外部 を参照",
            "ファイル 本書は",
        ] {
            assert!(doc.contains(kept), "{kept} lost in\n{doc}");
        }
    }
    assert!(
        html.contains("<a href=\"https://tsumiki.example.jp/a\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"mailto:sec@tsumiki.example.jp\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#clause-7-2-2\">前項</a>"),
        "{html}"
    );
    assert!(md.contains("(mailto:sec@tsumiki.example.jp)"), "{md}");
    assert!(md.contains("[前項](#clause-7-2-2)"), "{md}");
}

#[test]
fn remote_images_are_errors_and_never_fetched() {
    let text = with_statement("構成図: ![構成図](http://host/p.png) と ![](//host/q.png)");
    let dir = temp_with("wp.yaml", &text);
    let out = check(dir.path(), "wp.yaml");
    assert_exit(&out, 1);
    let report = stdout(&out);
    for needle in ["![構成図](http:", "![](//host"] {
        let line = format!(
            "wp.yaml:{}: error[external-image] A.8.1.1: `statement` の画像は別のホストにあり",
            at(&text, needle)
        );
        assert!(report.contains(&line), "{line}\n{report}");
    }
    refused(dir.path(), "wp.yaml", "error[external-image]");
    let (html, md) = drafts(dir.path(), "wp.yaml");
    for doc in [&html, &md] {
        assert!(!doc.contains("//host"), "{doc}");
        assert!(!doc.contains("<img"), "{doc}");
        assert!(doc.contains("構成図: 構成図 と"), "alt text kept: {doc}");
    }
}

/// A workspace: `kanrisaku.toml` at the root, the catalog in `services/`, the logo in
/// `assets/`, and a secret PNG outside the workspace.
fn workspace_with(statement: &str) -> (tempfile::TempDir, String) {
    let top = tempfile::tempdir().unwrap();
    let ws = top.path().join("ws");
    std::fs::create_dir_all(ws.join("services")).unwrap();
    std::fs::create_dir_all(ws.join("assets")).unwrap();
    std::fs::write(ws.join("kanrisaku.toml"), "catalogs = [\"services\"]\n").unwrap();
    std::fs::write(ws.join("assets/logo.png"), PNG).unwrap();
    let mut secret = PNG.to_vec();
    secret.extend_from_slice(b"SECRET-OUTSIDE-THE-WORKSPACE");
    std::fs::write(top.path().join("secret.png"), &secret).unwrap();
    std::fs::write(ws.join("assets/notes.png"), "not an image").unwrap();
    std::fs::write(
        ws.join("assets/diagram.png"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(top.path().join("secret.png"), ws.join("assets/escape.png"))
        .unwrap();
    let text = with_statement(statement);
    std::fs::write(ws.join("services/wp.yaml"), &text).unwrap();
    (top, text)
}

#[test]
fn workspace_images_are_embedded_and_nothing_outside_it_is() {
    let (top, text) = workspace_with(
        "ロゴ ![ロゴ](../assets/logo.png)\n\n絶対 ![絶対](/etc/some.png) 上へ ![上へ](../../secret.png)\n\nリンク ![リンク](../assets/escape.png) 無い ![無い](../assets/none.png)\n\n偽物 ![偽物](../assets/notes.png) 図 ![図](../assets/diagram.png)",
    );
    let ws = top.path().join("ws");
    let out = check(&ws, "services/wp.yaml");
    assert_exit(&out, 1);
    let report = stdout(&out);
    let root = std::fs::canonicalize(&ws).unwrap();
    for (needle, message) in [
        (
            "![絶対]",
            format!(
                "画像 `/etc/some.png` は絶対パスです。ワークスペース {} の中の画像を、カタログからの相対パスで指定してください",
                root.display()
            ),
        ),
        (
            "![上へ]",
            format!(
                "画像 `../../secret.png` はワークスペース {} の外にあります。画像をワークスペースの中にコピーしてください",
                root.display()
            ),
        ),
        (
            "![リンク]",
            format!(
                "画像 `../assets/escape.png` はワークスペース {} の外にあります",
                root.display()
            ),
        ),
        (
            "![無い]",
            "画像 `../assets/none.png` は読めません：no such file".into(),
        ),
        (
            "![偽物]",
            "画像 `../assets/notes.png` はPNG・JPEG・GIF・WebP のいずれの画像でもありません".into(),
        ),
        (
            "![図]",
            "画像 `../assets/diagram.png` はSVG です。PNG で書き出してください".into(),
        ),
    ] {
        let line = format!(
            "services/wp.yaml:{}: error[bad-image] A.8.1.1: `statement` の{}",
            at(&text, needle),
            message
        );
        assert!(report.contains(&line), "{line}\n{report}");
    }
    assert_eq!(report.matches("error[bad-image]").count(), 6, "{report}");
    refused(&ws, "services/wp.yaml", "error[bad-image]");

    let (html, md) = drafts(&ws, "services/wp.yaml");
    let logo = png_data_uri();
    let secret = base64::engine::general_purpose::STANDARD.encode(b"SECRET-OUTSIDE");
    assert!(
        html.contains(&format!("<img src=\"{logo}\" alt=\"ロゴ\" />")),
        "{html}"
    );
    assert!(md.contains(&format!("![ロゴ]({logo})")), "{md}");
    for doc in [&html, &md] {
        assert_eq!(
            doc.matches("data:image/").count(),
            1,
            "only the logo: {doc}"
        );
        assert!(!doc.contains("SECRET"), "{doc}");
        assert!(!doc.contains(&secret[..12]), "{doc}");
        for alt in [
            "絶対 絶対 上へ 上へ",
            "リンク リンク 無い 無い",
            "偽物 偽物 図 図",
        ] {
            assert!(doc.contains(alt), "{alt} in\n{doc}");
        }
    }
}

#[test]
fn a_catalog_with_only_workspace_images_passes_and_publishes_them() {
    let (top, _) = workspace_with("ロゴ ![ロゴ](../assets/logo.png)");
    let ws = top.path().join("ws");
    let out = check(&ws, "services/wp.yaml");
    assert_exit(&out, 0);
    let out = render(&ws, &["services/wp.yaml", "--format", "html"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains(&png_data_uri()));
    // Without kanrisaku.toml the workspace is the catalog's own directory: ../assets is outside.
    std::fs::remove_file(ws.join("kanrisaku.toml")).unwrap();
    let out = check(&ws, "services/wp.yaml");
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains(
            "error[bad-image] A.8.1.1: `statement` の画像 `../assets/logo.png` はワークスペース"
        ),
        "{}",
        stdout(&out)
    );
}

/// A template directory whose `whitepaper.html` is the built-in one with `extra` after `<body ...>`.
fn template_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(root().join("templates/whitepaper.html")).unwrap();
    let at = builtin.find("<body").unwrap();
    let end = at + builtin[at..].find('>').unwrap() + 1;
    let html = format!("{}\n{extra}{}", &builtin[..end], &builtin[end..]);
    std::fs::write(dir.path().join("whitepaper.html"), html).unwrap();
    std::fs::write(dir.path().join("logo.png"), PNG).unwrap();
    dir
}

/// The Japanese example rendered to stdout with the templates of `tpl`.
fn render_with(tpl: &tempfile::TempDir) -> std::process::Output {
    let dir = tpl.path().to_str().unwrap();
    render(
        &root(),
        &["examples/tsumiki-cloud.ja.yaml", "--template", dir],
    )
}

#[test]
fn a_template_that_loads_a_file_fails_naming_the_template() {
    let tpl = template_with("<img src=\"logo.png\" alt=\"logo\">");
    let out = run(
        &root(),
        &[
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--template",
            tpl.path().to_str().unwrap(),
            "-o",
            tpl.path().join("out.html").to_str().unwrap(),
        ],
    );
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "template {}: the rendered document has <img src=\"logo.png\"> (only embedded images may be loaded; use embed(path=...))",
            tpl.path().join("whitepaper.html").display()
        )),
        "{err}"
    );
    assert!(!tpl.path().join("out.html").exists(), "nothing written");

    for (payload, what) in [
        ("<script>alert(1)</script>", "has a <script> element"),
        (
            "<p onclick=\"alert(1)\">x</p>",
            "has <p onclick=\"alert(1)\">",
        ),
        (
            "<a href=\"javascript:alert(1)\">x</a>",
            "has <a href=\"javascript:alert(1)\">",
        ),
        (
            "<div style=\"background: url(https://t.example/p.png)\"></div>",
            "has CSS url(https://t.example/p.png)",
        ),
    ] {
        let tpl = template_with(payload);
        let out = render_with(&tpl);
        assert_exit(&out, 2);
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains(what), "{what}: {}", stderr(&out));
    }
}

#[test]
fn a_template_embeds_its_logo() {
    let tpl = template_with("<img class=\"logo\" src=\"{{ embed(path=\"logo.png\") }}\" alt=\"\">");
    let out = render_with(&tpl);
    assert_exit(&out, 0);
    let html = stdout(&out);
    assert!(
        html.contains(&format!(
            "<img class=\"logo\" src=\"{}\" alt=\"\">",
            png_data_uri()
        )),
        "{html}"
    );

    // The same rules as statements: nothing from outside the template directory.
    let tpl = template_with("<img src=\"{{ embed(path=\"../../etc/passwd\") }}\">");
    let out = render_with(&tpl);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "template {}:",
            tpl.path().join("whitepaper.html").display()
        )) && err.contains(
            "embed(path=\"../../etc/passwd\"): `../../etc/passwd` is outside the workspace"
        ),
        "{err}"
    );
}

/// An independent Markdown parser sees no HTML but table-cell breaks, no link but to
/// http(s) and mailto, and no image.
#[track_caller]
pub fn assert_inert_markdown(md: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    for event in Parser::new_ext(md, pulldown_cmark::Options::all()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert_eq!(h.trim(), "<br>", "raw HTML in the Markdown: {h}")
            }
            Event::Start(Tag::Link { dest_url, .. }) => assert!(
                dest_url.starts_with("https://") || dest_url.starts_with("mailto:"),
                "{dest_url}"
            ),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image {dest_url}"),
            _ => {}
        }
    }
}

/// Raw HTML in every customer-visible field, in the Markdown whitepaper.
#[test]
fn markdown_output_carries_no_raw_html_from_any_field() {
    let script = "<script>alert(1)</script>";
    let text = with_statement(&format!(
        "文 {script} と <img src=x onerror=alert(2)> と <iframe src=\"http://host/\"></iframe>\n\n<div onclick=\"x\">\n{script}\n</div>"
    ))
    .replace("name: つみきクラウド", &format!("name: \"つみき{script}\""))
    .replace(
        "provider: 株式会社ほしぞらシステムズ",
        &format!("provider: \"ほしぞら{script}\""),
    )
    .replace(
        "title: つみきクラウド ISO/IEC 27017",
        &format!("title: \"{script}[x](javascript:alert(3))\" #"),
    )
    .replace("summary: 初版作成", &format!("summary: \"初版{script}|作成\""))
    .replace("title: 本書の目的", &format!("title: \"目的{script}\""))
    .replace("customer: お客様", &format!("customer: \"お客様{script}\""))
    .replace(
        "- layer: 利用者端末・ネットワーク",
        &format!("- layer: \"端末{script}\""),
    )
    .replace(
        "      本書は、株式会社ほしぞらシステムズ",
        &format!("      {script}\n\n      本書は、株式会社ほしぞらシステムズ"),
    );
    let dir = temp_with("wp.yaml", &text);
    // Raw HTML is text, not an error; only the javascript: link in the title is (a plain
    // field is never a link, so it is published as text).
    let out = render(dir.path(), &["wp.yaml", "--format", "md"]);
    assert_exit(&out, 0);
    let md = stdout(&out);
    let scripts_in = text.matches(script).count();
    assert!(scripts_in >= 10, "{scripts_in}");
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("<iframe"), "{md}");
    assert!(!md.contains("<div"), "{md}");
    // Nothing lost: every tag is still there, as text.
    assert_eq!(md.matches("&#60;script&#62;").count(), scripts_in, "{md}");
    assert_inert_markdown(&md);

    // A draft also lists what check said, quoting catalog text (here a clause key).
    let text = text.replace("  \"A.8.1.1\":", &format!("  \"{script}\":"));
    let dir = temp_with("wp.yaml", &text);
    let out = render(dir.path(), &["wp.yaml", "--format", "md", "--draft"]);
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(
        md.contains(
            "&#96;&#60;script&#62;alert(1)&#60;/script&#62;&#96; は管理策番号ではありません"
        ),
        "{md}"
    );
    assert!(!md.contains("<script"), "{md}");
}

#[test]
fn placeholders_in_any_customer_visible_string_fail_check_and_render() {
    let text = edited_example("ja", |t| {
        t.replace(
            "title: つみきクラウド ISO/IEC 27017 ホワイトペーパー",
            "title: ホワイトペーパー（作成中）",
        )
        .replace("provider: 株式会社ほしぞらシステムズ", "provider: TBD")
        .replace("summary: 初版作成", "summary: TODO")
        .replace("title: 適用範囲", "title: 適用範囲（仮）")
        .replace(
            "      本書は、株式会社ほしぞらシステムズ",
            "      TODO: 目的を書く。\n\n      本書は、株式会社ほしぞらシステムズ",
        )
        .replace("upstream: クラウド基盤事業者", "upstream: 要確認")
        .replace("- layer: 利用者アカウント・権限設定", "- layer: 未定")
        .replace("      note: パソコン、", "      note: 記載予定。パソコン、")
    });
    let dir = temp_with("wp.yaml", &text);
    let out = check(dir.path(), "wp.yaml");
    assert_exit(&out, 1);
    let report = stdout(&out);
    for (needle, field, word) in [
        ("作成中）", "document.title", "作成中"),
        ("TBD", "service.provider", "TBD"),
        ("TODO\n", "document.revisions[0].summary", "TODO"),
        ("（仮）", "sections[scope].title", "（仮）"),
        ("TODO: 目的", "sections[purpose].body", "TODO"),
        ("要確認", "responsibility.parties.upstream", "要確認"),
        ("未定", "responsibility.layers[1].layer", "未定"),
        ("記載予定。", "responsibility.layers[0].note", "記載予定"),
    ] {
        let line = format!(
            "wp.yaml:{}: error[placeholder-text] `{field}` に仮の文言 `{word}` が残っています。公開前に最終的な文章を書いてください",
            at(&text, needle)
        );
        assert!(report.contains(&line), "{line}\n{report}");
    }
    assert_eq!(
        report.matches("error[placeholder-text]").count(),
        8,
        "{report}"
    );
    refused(dir.path(), "wp.yaml", "error[placeholder-text]");
    let md = render(dir.path(), &["wp.yaml", "--format", "md"]);
    assert_exit(&md, 1);
    assert!(stdout(&md).is_empty());
}
