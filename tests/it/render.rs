//! `kanrisaku render`: the whitepaper a provider publishes.

use crate::common::*;

fn render(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    run(dir, &all)
}

fn render_example(lang: &str, format: &str) -> String {
    let path = format!("examples/tsumiki-cloud.{lang}.yaml");
    let out = render(&root(), &[&path, "--format", format]);
    assert_exit(&out, 0);
    stdout(&out)
}

#[test]
fn japanese_markdown_snapshot() {
    insta::assert_snapshot!(render_example("ja", "md"));
}

#[test]
fn english_markdown_snapshot() {
    insta::assert_snapshot!(render_example("en", "md"));
}

#[test]
fn japanese_html_snapshot() {
    insta::assert_snapshot!(render_example("ja", "html"));
}

#[test]
fn english_html_snapshot() {
    insta::assert_snapshot!(render_example("en", "html"));
}

#[test]
fn rendering_is_byte_identical_across_runs() {
    for format in ["md", "html"] {
        assert_eq!(
            render_example("ja", format),
            render_example("ja", format),
            "{format}"
        );
    }
}

#[test]
fn clauses_come_in_standard_order_with_cld_clauses_in_place() {
    let md = render_example("ja", "md");
    let headings: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| h.split(' ').next().unwrap())
        .collect();
    let expected_prefix = [
        "A.5.1.1",
        "A.6.1.1",
        "A.6.1.3",
        "CLD.6.3.1",
        "A.7.2.2",
        "A.8.1.1",
        "CLD.8.1.5",
        "A.8.2.2",
        "A.9.1.2",
        "A.9.2.1",
    ];
    assert_eq!(&headings[..expected_prefix.len()], &expected_prefix);
    let pos = |id: &str| {
        headings
            .iter()
            .position(|h| *h == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert!(pos("A.9.4.4") < pos("CLD.9.5.1") && pos("CLD.9.5.2") < pos("A.10.1.1"));
    assert!(pos("A.12.1.3") < pos("CLD.12.1.5") && pos("CLD.12.1.5") < pos("A.12.3.1"));
    assert!(pos("A.12.4.4") < pos("CLD.12.4.5") && pos("CLD.12.4.5") < pos("A.12.6.1"));
    assert!(pos("A.13.1.3") < pos("CLD.13.1.4") && pos("CLD.13.1.4") < pos("A.14.1.1"));
    assert_eq!(headings.len(), 42);
}

#[test]
fn headings_carry_official_titles_and_2022_annotations() {
    let md = render_example("ja", "md");
    assert!(
        md.contains("### A.9.2.3 特権的アクセス権の管理（管理策 8.2）\n"),
        "{md}"
    );
    assert!(md.contains("### CLD.9.5.1 仮想コンピューティング環境における分離\n"));
    let en = render_example("en", "md");
    assert!(en.contains("### 9.2.3 Management of privileged access rights (control 8.2)\n"));
}

#[test]
fn internal_fields_never_appear() {
    // Mark every internal value of the example's clauses, then look for the marks.
    let text = edited_example("ja", |t| {
        let (head, controls) = t.split_at(t.find("\ncontrols:\n").unwrap());
        let marked: Vec<String> = controls
            .lines()
            .map(|line| match line.trim_start().split_once(": ") {
                Some(("owner", _)) => "    owner: INTERNAL-OWNER".to_string(),
                Some(("evidence", _)) => "    evidence: [INTERNAL-EVIDENCE]".to_string(),
                Some(("notes", _)) => "    notes: INTERNAL-NOTE".to_string(),
                _ => line.to_string(),
            })
            .collect();
        format!("{head}{}\n", marked.join("\n"))
    });
    assert!(
        text.contains("INTERNAL-NOTE"),
        "the example has notes to hide"
    );
    let dir = temp_with("wp.yaml", text);
    for format in ["md", "html"] {
        let out = render(dir.path(), &["wp.yaml", "--format", format]);
        assert_exit(&out, 0);
        let doc = stdout(&out);
        assert!(
            !doc.contains("INTERNAL-"),
            "an internal field leaked into {format}"
        );
        assert!(
            !doc.contains("2026-09-15"),
            "a review date leaked into {format}"
        );
    }
}

#[test]
fn html_is_self_contained_with_toc_and_print_styles() {
    let html = render_example("ja", "html");
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{}",
        &html[..80]
    );
    assert!(!html.contains("<link "), "no external stylesheets");
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("src=\"http"), "no remote resources");
    assert!(html.contains("<nav class=\"toc\" id=\"contents\">"));
    assert!(html.contains("<a href=\"#clause-cld-6-3-1\"><span class=\"toc-id\">CLD.6.3.1</span>"));
    assert!(html.contains("<section class=\"clause status-implemented\" id=\"clause-cld-6-3-1\">"));
    assert!(html.contains("@page"), "print stylesheet");
    assert!(html.contains("counter(page)"), "page numbers");
    assert!(html.contains("<p class=\"end-mark\">以上</p>"));
    // Clause references in statements link to their sections.
    assert!(
        html.contains("<a href=\"#clause-cld-6-3-1\">CLD.6.3.1</a>"),
        "reference links"
    );
    let en = render_example("en", "html");
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("<p class=\"end-mark\">End of document</p>"));
}

#[test]
fn responsibility_is_a_real_table() {
    let html = render_example("ja", "html");
    let table = html
        .split("<table class=\"responsibility-table\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    assert!(table.contains("<th class=\"party p0\">お客様</th><th class=\"party p1\">当社</th><th class=\"party p2\">クラウド基盤事業者</th>"), "{table}");
    assert!(table.contains("<tr><th scope=\"row\">アプリケーション</th><td class=\"mark\"></td><td class=\"mark\">●</td><td class=\"mark\"></td>"), "{table}");
    assert!(
        html.contains("<div class=\"stack-layer shared\">"),
        "shared layer in the stack"
    );
}

/// The Japanese example with one statement replaced by hostile text.
fn with_statement(statement: &str) -> tempfile::TempDir {
    let text = edited_example("ja", |t| {
        let start = t.find("  \"A.8.1.1\":").unwrap();
        let stmt = start + t[start..].find("    statement: |\n").unwrap();
        let end = stmt + t[stmt..].find("    owner:").unwrap();
        format!(
            "{}    statement: {}\n{}",
            &t[..stmt],
            serde_json::to_string(statement).unwrap(),
            &t[end..]
        )
    });
    temp_with("wp.yaml", text)
}

#[test]
fn raw_html_and_script_links_in_statements_are_neutralised() {
    let dir = with_statement(
        "Inventory <script>alert('x')</script> and [click](javascript:alert(1)) <img src=x onerror=alert(2)>",
    );
    // The javascript: link is an error (unsafe-url, see tests/it/publish.rs); the draft
    // shows the rest neutralised.
    let out = render(dir.path(), &["wp.yaml", "--format", "html"]);
    assert_exit(&out, 1);
    let out = render(dir.path(), &["wp.yaml", "--format", "html", "--draft"]);
    assert_exit(&out, 0);
    let html = stdout(&out);
    let clause = html
        .split("id=\"clause-8-1-1\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(!html.contains("<script"), "{clause}");
    assert!(!html.contains("javascript:"), "{clause}");
    assert!(!html.contains("<img"), "{clause}");
    assert!(
        clause.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
            || clause.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
        "{clause}"
    );
}

#[test]
fn catalog_text_in_template_fields_is_escaped() {
    let text = edited_example("ja", |t| {
        t.replace("name: つみきクラウド", "name: \"<b>つみき</b> & Co\"")
    });
    let dir = temp_with("wp.yaml", text);
    let out = render(dir.path(), &["wp.yaml"]);
    assert_exit(&out, 0);
    let html = stdout(&out);
    assert!(
        html.contains("&lt;b&gt;つみき&lt;&#x2F;b&gt; &amp; Co")
            || html.contains("&lt;b&gt;つみき&lt;/b&gt; &amp; Co"),
        "{}",
        &html[..2000]
    );
    assert!(!html.contains("<b>つみき"));
}

#[test]
fn gaps_refuse_to_render_and_name_the_clause() {
    let dir = temp_with(
        "wp.yaml",
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    );
    let out = render(dir.path(), &["wp.yaml", "-o", "wp.html"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("error[coverage-gap] A.12.3.1: ベースラインの管理策 A.12.3.1 情報のバックアップ に記述がありません"), "{err}");
    assert!(
        err.contains("上のエラー 1 件のため出力しませんでした"),
        "{err}"
    );
    assert!(!dir.path().join("wp.html").exists(), "nothing written");
}

#[test]
fn a_draft_renders_with_a_banner_and_the_gap_in_place() {
    let dir = temp_with(
        "wp.yaml",
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    );
    let out = render(dir.path(), &["wp.yaml", "--draft", "-o", "wp.html"]);
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("wp.html")).unwrap();
    assert!(html.contains("<body class=\"draft\">"));
    assert!(html.contains("<div class=\"watermark\" aria-hidden=\"true\">ドラフト</div>"));
    assert!(
        html.contains(
            "<li>A.12.3.1: ベースラインの管理策 A.12.3.1 情報のバックアップ に記述がありません"
        ),
        "banner lists the gap"
    );
    let gap = html
        .split("id=\"clause-12-3-1\"")
        .nth(1)
        .expect("the gap is shown in place")
        .split("</section>")
        .next()
        .unwrap();
    assert!(gap.contains("この管理策の記載はまだありません。"), "{gap}");
    let order = |id: &str| html.find(&format!("id=\"{id}\"")).unwrap();
    assert!(
        order("clause-cld-12-1-5") < order("clause-12-3-1")
            && order("clause-12-3-1") < order("clause-12-4-1")
    );
    let md = render(dir.path(), &["wp.yaml", "--draft", "--format", "md"]);
    assert!(stdout(&md).starts_with("> **ドラフト**"), "{}", stdout(&md));
}

#[test]
fn not_applicable_clauses_show_their_justification() {
    let text = edited_example("en", |t| {
        let start = t.find("  \"8.2.2\":").unwrap();
        let status = start + t[start..].find("status: implemented").unwrap();
        format!(
            "{}status: not-applicable\n    justification: Tsumiki Cloud stores no information that carries a classification label.{}",
            &t[..status],
            &t[status + "status: implemented".len()..]
        )
    });
    let dir = temp_with("wp.yaml", text);
    let out = render(dir.path(), &["wp.yaml", "--format", "md"]);
    assert_exit(&out, 0);
    let md = stdout(&out);
    let clause = md
        .split("### 8.2.2 Labelling of information")
        .nth(1)
        .unwrap()
        .split("### ")
        .next()
        .unwrap();
    assert!(clause.contains("*Not applicable*"), "{clause}");
    assert!(
        clause.contains("**Why this control does not apply**: Tsumiki Cloud stores no information"),
        "{clause}"
    );
}

#[test]
fn grouping_headings_are_a_template_option() {
    let out = render(
        &root(),
        &[
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "md",
            "--set",
            "group_headings=true",
        ],
    );
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(md.contains("### A.9 アクセス制御\n"), "{md}");
    assert!(md.contains("#### A.9.2 利用者アクセスの管理\n"));
    assert!(md.contains(
        "#### CLD.9.5 共有する仮想環境におけるクラウドサービスカスタマデータのアクセス制御\n"
    ));
    assert!(md.contains("##### A.9.2.3 特権的アクセス権の管理（管理策 8.2）\n"));
    // A category heading appears once, before its first clause.
    assert_eq!(md.matches("#### A.9.2 利用者アクセスの管理").count(), 1);
}

#[test]
fn lang_switches_headings_and_titles() {
    let out = render(
        &root(),
        &[
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "md",
            "--lang",
            "en",
        ],
    );
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(
        md.contains("### A.9.2.3 Management of privileged access rights (control 8.2)"),
        "{md}"
    );
    assert!(md.contains("## 7. Shared responsibilities"));
    assert!(md.contains("Version 1.2 / October 1, 2026"));
}

#[test]
fn template_directory_overrides_builtins_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tpl/i18n")).unwrap();
    std::fs::write(dir.path().join("tpl/i18n/ja.toml"), "end = \"— 以上 —\"\n").unwrap();
    let out = run(
        &root(),
        &[
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "md",
            "--template",
            dir.path().join("tpl").to_str().unwrap(),
        ],
    );
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(
        md.trim_end().ends_with("— 以上 —"),
        "label override: {}",
        &md[md.len() - 200..]
    );
    assert!(
        md.contains("## 改訂履歴"),
        "other labels keep their built-in values"
    );

    std::fs::write(
        dir.path().join("tpl/whitepaper.md"),
        "{{ service.name }} / {{ clauses | length }} clauses\n",
    )
    .unwrap();
    let out = run(
        &root(),
        &[
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "md",
            "--template",
            dir.path().join("tpl").to_str().unwrap(),
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "つみきクラウド / 42 clauses\n");
}

#[test]
fn template_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("whitepaper.md"), "# {{ document.title }}\n\n{% for c in clauses %}\n{{ c.title | nosuchfilter }}\n{% endfor %}\n").unwrap();
    let out = run(
        &root(),
        &[
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "md",
            "--template",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_exit(&out, 2);
    let err = stderr(&out);
    let file = dir.path().join("whitepaper.md");
    assert!(
        err.starts_with(&format!("error: template {}:4:", file.display())),
        "{err}"
    );
    assert!(err.contains("nosuchfilter"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn templates_export_writes_the_builtins_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["templates", "export", "tpl"]);
    assert_exit(&out, 0);
    for name in [
        "whitepaper.html",
        "whitepaper.md",
        "style.css",
        "i18n/ja.ftl",
        "i18n/en.ftl",
        "README.md",
    ] {
        assert!(dir.path().join("tpl").join(name).is_file(), "{name}");
    }
    // The exported set renders exactly like the built-ins.
    let exported = run(
        &root(),
        &[
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--template",
            dir.path().join("tpl").to_str().unwrap(),
        ],
    );
    assert_exit(&exported, 0);
    assert_eq!(stdout(&exported), render_example("ja", "html"));

    std::fs::write(dir.path().join("tpl/style.css"), "/* mine */").unwrap();
    let again = run(dir.path(), &["templates", "export", "tpl"]);
    assert_exit(&again, 2);
    assert!(
        stderr(&again).contains("already exists; pass --force to overwrite"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tpl/style.css")).unwrap(),
        "/* mine */"
    );
    assert_exit(
        &run(dir.path(), &["templates", "export", "tpl", "--force"]),
        0,
    );
    assert_ne!(
        std::fs::read_to_string(dir.path().join("tpl/style.css")).unwrap(),
        "/* mine */"
    );
}

#[test]
fn outputs_go_to_files_or_an_out_dir_and_never_over_a_catalog() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("ja"), dir.path().join("ja.yaml")).unwrap();
    std::fs::copy(example("en"), dir.path().join("en.yaml")).unwrap();
    let out = render(
        dir.path(),
        &["ja.yaml", "en.yaml", "--format", "md", "--out-dir", "site"],
    );
    assert_exit(&out, 0);
    assert!(dir.path().join("site/tsumiki-cloud.ja.md").is_file());
    assert!(dir.path().join("site/tsumiki-cloud.en.md").is_file());

    let before = std::fs::read(dir.path().join("ja.yaml")).unwrap();
    let out = render(dir.path(), &["ja.yaml", "-o", "ja.yaml"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("that is a catalog given as input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(dir.path().join("ja.yaml")).unwrap(), before);

    let out = render(dir.path(), &["ja.yaml", "en.yaml", "-o", "x.html"]);
    assert_exit(&out, 2);
    let out = render(
        dir.path(),
        &["ja.yaml", "--format", "pdf", "--chrome", "/bin/true"],
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("a PDF needs a file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_browser_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let out = kanrisaku(&root())
        .args([
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "pdf",
            "-o",
        ])
        .arg(dir.path().join("wp.pdf"))
        .env("PATH", dir.path())
        .env_remove("KANRISAKU_CHROME")
        .output()
        .unwrap();
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("no Chromium to print the PDF with"), "{err}");
    assert!(
        err.contains("apt-get install chromium fonts-morisawa-bizud-gothic"),
        "{err}"
    );
}

/// A provider's template extends the built-in one and overrides one block (as Zola themes
/// are extended): the cover changes, everything after it is the built-in document byte for
/// byte.
#[test]
fn a_template_extends_the_builtin_and_overrides_one_block() {
    for (format, template, cover, rest) in [
        (
            "html",
            "{% extends \"builtin/whitepaper.html\" %}\n{% block cover %}<header class=\"cover\"><p>つみき社の表紙</p></header>{% endblock cover %}",
            "<header class=\"cover\"><p>つみき社の表紙</p></header>",
            "\n<section class=\"revisions\"",
        ),
        (
            "md",
            "{% extends \"builtin/whitepaper.md\" %}\n{% block cover %}# つみき社の表紙{% endblock cover %}",
            "# つみき社の表紙",
            "\n\n## 改訂履歴",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
        std::fs::write(
            dir.path().join(format!("tpl/whitepaper.{format}")),
            template,
        )
        .unwrap();
        let tpl = dir.path().join("tpl");
        let args = [
            "render",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            format,
            "--template",
            tpl.to_str().unwrap(),
        ];
        let out = run(&root(), &args);
        assert_exit(&out, 0);
        let custom = stdout(&out);
        let builtin = render_example("ja", format);
        assert!(
            custom.contains(&format!("{cover}{rest}")),
            "{format}: the provider's cover, then the revisions"
        );
        assert!(
            !custom.contains("<p class=\"cover-service\">")
                && !custom.contains("**つみきクラウド**"),
            "{format}: the built-in cover is gone"
        );
        let after = |doc: &str| doc[doc.find(rest).expect(rest)..].to_string();
        assert!(
            after(&custom) == after(&builtin),
            "{format}: the rest differs from the built-in document"
        );
    }
}

/// One clause's markup is a partial of its own, `clause.html`, overridden by name.
#[test]
fn the_clause_partial_is_overridden_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/clause.html"),
        "<section class=\"clause\" id=\"{{ c.anchor }}\"><h3>【{{ c.display }}】{{ c.title }}</h3>{{ c.statement_html | safe }}</section>",
    )
    .unwrap();
    let tpl = dir.path().join("tpl");
    let args = [
        "render",
        "examples/tsumiki-cloud.ja.yaml",
        "--format",
        "html",
        "--template",
        tpl.to_str().unwrap(),
    ];
    let out = run(&root(), &args);
    assert_exit(&out, 0);
    let html = stdout(&out);
    assert_eq!(
        html.matches("<h3>【").count(),
        42,
        "every clause through the partial"
    );
    assert!(html.contains("<h3>【A.9.2.1】利用者登録及び登録削除</h3>"));
    assert!(
        html.contains("class=\"toc\""),
        "the rest is the built-in document"
    );
}
