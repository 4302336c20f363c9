//! `render --audience audit`: the whitepaper with each clause's internal fields (owner,
//! evidence, last review and its age, status, open findings) for the auditor, marked as
//! not for publication in its text and its file name, and never produced by a plain render.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// The day review ages are counted to: the example's 2026-07-10 review is 418 days old.
const AS_OF: &str = "2027-09-01";

fn render(dir: &Path, args: &[&str]) -> Output {
    run(dir, &[&["render"], args].concat())
}

fn audit(dir: &Path, catalog: &Path, extra: &[&str]) -> Output {
    let catalog = catalog.to_str().unwrap();
    let args = [&[catalog, "--audience", "audit", "--today", AS_OF], extra].concat();
    render(dir, &args)
}

/// The audit edition of the catalog `wp.yaml` in `dir`.
fn audit_wp(dir: &Path, extra: &[&str]) -> Output {
    audit(dir, Path::new("wp.yaml"), extra)
}

pub(crate) fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("output written")
}

/// One clause's section of an HTML document.
pub(crate) fn clause<'a>(html: &'a str, anchor: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no {anchor} in\n{html}"));
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// One clause's part of a Markdown document: from its heading to the next `###`.
fn md_clause<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("### {heading}"))
        .unwrap_or_else(|| panic!("no {heading} in\n{md}"));
    let end = md[start + 4..]
        .find("\n###")
        .map_or(md.len(), |e| start + 4 + e);
    &md[start..end]
}

#[track_caller]
fn assert_contains_all(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "`{needle}` missing in:\n{text}");
    }
}

#[test]
fn the_japanese_audit_edition_shows_each_clause_s_internal_fields() {
    let dir = tempfile::tempdir().unwrap();
    let out = audit(dir.path(), &example("ja"), &["-o", "wp.audit.html"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("wp.audit.html"), "{}", stderr(&out));
    let html = read(dir.path().join("wp.audit.html"));
    // The banner on top, the mark at the end and on every printed page.
    assert_contains_all(
        &html,
        &[
            "<aside class=\"audit-banner\"",
            "監査用版：社外秘・公開禁止",
            "2027 年 9 月 1 日時点",
            "content: \"監査用・公開禁止\"",
            "<div class=\"audit-watermark\"",
        ],
    );
    let banner = html.find("<aside class=\"audit-banner\"").unwrap();
    assert!(banner < html.find("<h1 class=\"cover-title\"").unwrap());
    assert!(html.ends_with(
        "<p class=\"audit-banner audit-end\" role=\"note\">監査用・公開禁止</p>\n</body>\n</html>\n"
    ));
    // A.6.1.1: reviewed 2026-07-10, 418 days before AS_OF: overdue, and check says so.
    assert_contains_all(
        clause(&html, "clause-6-1-1"),
        &[
            "<dt>管理責任者</dt><dd>情報セキュリティ責任者</dd>",
            "<code>規程/職務分掌規程.md</code>",
            "<code>記録/2026/情報セキュリティ委員会議事録.md</code>",
            "<dt>実施状況</dt><dd class=\"audit-status-implemented\">実施済み</dd>",
            "<time datetime=\"2026-07-10\">2026 年 7 月 10 日</time>",
            "（418 日前、期限超過）",
            "<li>warning[stale-review] 最終レビューは 2026-07-10（418 日前）です。",
        ],
    );
    // A.5.1.1: reviewed 2026-09-15, within the year: no finding.
    let fresh = clause(&html, "clause-5-1-1");
    assert_contains_all(
        fresh,
        &[
            "情報セキュリティ委員会",
            "（351 日前）",
            "<dt>未解決の指摘</dt><dd>なし</dd>",
        ],
    );
    assert!(!fresh.contains("期限超過"), "{fresh}");
    assert_eq!(crate::inert::violation(&html), None);
}

#[test]
fn the_english_audit_edition_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let out = audit(
        dir.path(),
        &example("en"),
        &["--format", "md", "-o", "wp.audit.md"],
    );
    assert_exit(&out, 0);
    let md = read(dir.path().join("wp.audit.md"));
    assert!(
        md.starts_with(
            "> **AUDIT — NOT FOR PUBLICATION** — Audit edition: internal, not for publication."
        ),
        "{md}"
    );
    assert!(
        md.trim_end().ends_with("> **AUDIT — NOT FOR PUBLICATION**"),
        "{md}"
    );
    assert_contains_all(
        md_clause(&md, "6.1.1 "),
        &[
            "> **Internal (audit)**",
            "> - Status: Implemented",
            "> - Owner: CISO",
            "> - Evidence: policies/segregation-of-duties.md, records/2026/security-committee-minutes.md",
            "> - Last review: July 10, 2026 (**418 days ago, overdue**)",
            "> - Open findings:\n>   - warning&#91;stale-review&#93; ",
        ],
    );

    let out = audit(dir.path(), &example("en"), &["-o", "wp.audit.html"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("wp.audit.html"));
    assert_contains_all(
        &html,
        &[
            "Audit edition: internal, not for publication.",
            "Review ages are counted to September 1, 2027",
        ],
    );
    assert_contains_all(
        clause(&html, "clause-6-1-1"),
        &[
            "<dt>Owner</dt><dd>CISO</dd>",
            "<code>policies/segregation-of-duties.md</code>",
            "(418 days ago, overdue)",
            "warning[stale-review]",
        ],
    );
}

/// Distinctive internal fields on A.6.1.1, so that their absence means something.
fn with_internal_fields() -> String {
    edited_example("ja", |text| {
        text.replace(
            "    owner: 情報セキュリティ責任者\n    reviewed: 2026-07-10\n    evidence: [規程/職務分掌規程.md, 記録/2026/情報セキュリティ委員会議事録.md]",
            "    owner: 検証用オーナー太郎\n    reviewed: 2026-07-10\n    evidence: [証跡/proof-4711.pdf]\n    notes: 内部メモ-8812",
        )
    })
}

#[test]
fn a_plain_render_shows_no_internal_field() {
    let dir = temp_with("wp.yaml", with_internal_fields());
    let internal = [
        "検証用オーナー太郎",
        "proof-4711",
        "内部メモ-8812",
        "監査用",
        "内部情報",
        "audit-panel",
        "audit-banner",
        "2026-07-10",
        "418",
    ];
    for format in ["html", "md"] {
        let out = render(
            dir.path(),
            &["wp.yaml", "--format", format, "--today", AS_OF],
        );
        assert_exit(&out, 0);
        let public = stdout(&out);
        for field in internal {
            assert!(
                !public.contains(field),
                "{format}: `{field}` published:\n{public}"
            );
        }
        // The same catalog's audit edition shows them all.
        let out = audit_wp(dir.path(), &["--format", format]);
        assert_exit(&out, 0);
        let edition = stdout(&out);
        for field in &internal[..5] {
            assert!(
                edition.contains(field),
                "{format}: `{field}` missing:\n{edition}"
            );
        }
    }
}

#[test]
fn the_audit_edition_s_file_name_carries_audit() {
    let dir = temp_with("wp.yaml", read(example("ja")));
    std::fs::write(dir.path().join("wp.html"), "published before").unwrap();
    for name in ["wp.html", "wp.md", "audit.html", "wp-audit.html"] {
        let out = audit_wp(dir.path(), &["-o", name]);
        assert_exit(&out, 2);
        let stem = name.rsplit_once('.').unwrap().0;
        let ext = name.rsplit_once('.').unwrap().1;
        assert!(
            stderr(&out).contains(&format!(
                "error: {name}: the audit edition's file name must carry `.audit`, so it is never taken for the published whitepaper; use -o {stem}.audit.{ext}"
            )),
            "{}",
            stderr(&out)
        );
    }
    // Nothing written, nothing clobbered.
    assert_eq!(read(dir.path().join("wp.html")), "published before");
    assert!(!dir.path().join("wp.md").exists());
    assert!(!dir.path().join("audit.html").exists());

    for name in ["wp.audit.html", "wp.AUDIT.html", "wp.ja.audit.md"] {
        let out = audit_wp(dir.path(), &["-o", name]);
        assert_exit(&out, 0);
        assert!(read(dir.path().join(name)).contains("監査用・公開禁止"));
    }
    // Standard output has no name: the banner says it.
    let out = audit_wp(dir.path(), &["-o", "-", "--format", "md"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).starts_with("> **監査用・公開禁止**"),
        "{}",
        stdout(&out)
    );

    // --out-dir: <service>.<lang>.audit.<ext>, next to the public <service>.<lang>.<ext>.
    let out = audit_wp(dir.path(), &["--out-dir", "site"]);
    assert_exit(&out, 0);
    let out = render(dir.path(), &["wp.yaml", "--out-dir", "site"]);
    assert_exit(&out, 0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("site"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["tsumiki-cloud.ja.audit.html", "tsumiki-cloud.ja.html"]
    );
    let site = dir.path().join("site");
    assert!(read(site.join("tsumiki-cloud.ja.audit.html")).contains("audit-panel"));
    assert!(!read(site.join("tsumiki-cloud.ja.html")).contains("audit-panel"));
}

#[test]
fn findings_do_not_block_the_audit_edition() {
    let text = edited_example("ja", |t| {
        remove_clause(&t, "A.6.1.3").replace("title: 本書の目的", "title: 本書の目的（TODO）")
    });
    let dir = temp_with("wp.yaml", text);
    let out = render(dir.path(), &["wp.yaml", "-o", "wp.html"]);
    assert_exit(&out, 1);
    assert!(!dir.path().join("wp.html").exists());

    let out = audit_wp(dir.path(), &["-o", "wp.audit.html"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("wp.audit.html"));
    // The gap in place, with its finding; the section's placeholder in the banner.
    assert_contains_all(
        clause(&html, "clause-6-1-3"),
        &[
            "<dd class=\"audit-status-missing\">記載なし</dd>",
            "<dt>管理責任者</dt><dd><span class=\"audit-none\">なし</span></dd>",
            "error[coverage-gap]",
        ],
    );
    let banner = &html[html.find("<aside class=\"audit-banner\"").unwrap()..];
    let banner = &banner[..banner.find("</aside>").unwrap()];
    assert_contains_all(banner, &["文書全体への指摘", "error[placeholder-text]"]);
}

#[test]
fn hostile_internal_fields_stay_inert() {
    let text = edited_example("ja", |text| {
        text.replace(
            "    owner: 情報セキュリティ責任者\n    reviewed: 2026-07-10\n    evidence: [規程/職務分掌規程.md, 記録/2026/情報セキュリティ委員会議事録.md]",
            concat!(
                "    owner: '<script>alert(1)</script>'\n",
                "    reviewed: 2026-07-10\n",
                "    evidence:\n",
                "      - 'javascript:alert(2)'\n",
                "      - 'https://evil.example/a\" onmouseover=\"alert(3)'\n",
                "      - '<img src=x onerror=alert(4)>'\n",
                "      - '[click](javascript:alert(5))'\n",
                "    notes: \"</aside><iframe src='http://x/'></iframe>{{ 7*7 }} {% raw %}\\n![i](http://x/i.png)\"",
            ),
        )
    });
    let dir = temp_with("wp.yaml", text);

    let out = audit_wp(dir.path(), &["-o", "wp.audit.html"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("wp.audit.html"));
    assert_eq!(crate::inert::violation(&html), None, "{html}");
    let panel = clause(&html, "clause-6-1-1");
    for tag in ["<script", "<img", "<iframe"] {
        assert!(!panel.contains(tag), "{tag} in:\n{panel}");
    }
    assert_contains_all(
        panel,
        &[
            "<dt>管理責任者</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>",
            "<code>javascript:alert(2)</code>",
            "<code>&lt;img src=x onerror=alert(4)&gt;</code>",
            "{{ 7*7 }}",
        ],
    );
    // The one http(s) evidence is a link, its quote kept inside the attribute.
    assert!(
        panel.contains("<a href=\"https://evil.example/a&quot; onmouseover=&quot;alert(3)\">"),
        "{panel}"
    );

    let out = audit_wp(dir.path(), &["--format", "md"]);
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(!md.contains("{{"), "{md}");
    assert!(
        md.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{md}"
    );
    crate::publish::assert_inert_markdown(&md);
}

#[test]
fn the_audit_pdf_is_marked_on_every_page() {
    if !tools_present(
        &["chromium", "pdftotext"],
        "chromium fonts-morisawa-bizud-gothic poppler-utils",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = audit(
        dir.path(),
        &example("ja"),
        &["--format", "pdf", "-o", "wp.audit.pdf"],
    );
    assert_exit(&out, 0);
    let text = std::process::Command::new("pdftotext")
        .arg(dir.path().join("wp.audit.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("監査用・公開禁止"), "page {}:\n{page}", i + 1);
    }
    assert!(text.contains("418 日前、期限超過"), "{text}");
    // A PDF also needs the mark in its name.
    let out = audit(
        dir.path(),
        &example("ja"),
        &["--format", "pdf", "-o", "wp.pdf"],
    );
    assert_exit(&out, 2);
    assert!(!dir.path().join("wp.pdf").exists());
}

#[test]
fn audience_is_public_audit_or_nda() {
    let out = render(
        &root(),
        &["examples/tsumiki-cloud.ja.yaml", "--audience", "auditor"],
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("[possible values: public, audit, nda]"),
        "{}",
        stderr(&out)
    );
    let out = render(
        &root(),
        &[
            "examples/tsumiki-cloud.ja.yaml",
            "--audience",
            "audit",
            "--today",
            "2027-13-01",
        ],
    );
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("--today"), "{}", stderr(&out));
}

#[test]
fn a_template_that_does_not_mark_the_audit_edition_is_refused() {
    let dir = temp_with("wp.yaml", read(example("ja")));
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    let page = |mark: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>{{{{ document.title }}}}</title></head><body>{mark}\n\
             {{% for c in clauses %}}<p>{{{{ c.display }}}} {{% if c.audit %}}{{{{ c.audit.owner }}}}{{% endif %}}</p>{{% endfor %}}\n</body></html>\n"
        )
    };
    std::fs::write(tpl.join("whitepaper.html"), page("")).unwrap();
    let out = render(
        dir.path(),
        &["wp.yaml", "--template", "tpl", "-o", "wp.html"],
    );
    assert_exit(&out, 0);
    let out = audit_wp(dir.path(), &["--template", "tpl", "-o", "wp.audit.html"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("error: template tpl/whitepaper.html: the audit edition must show `{{ t.audit_watermark }}` (監査用・公開禁止)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("wp.audit.html").exists());

    std::fs::write(
        tpl.join("whitepaper.html"),
        page("<p>{{ t.audit_watermark }}</p>"),
    )
    .unwrap();
    let out = audit_wp(dir.path(), &["--template", "tpl", "-o", "wp.audit.html"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("wp.audit.html"));
    assert_contains_all(
        &html,
        &["<p>監査用・公開禁止</p>", "A.6.1.1 情報セキュリティ責任者"],
    );
}
