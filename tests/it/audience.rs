//! Audiences: `audience: nda` on a clause or a section. The public whitepaper leaves that
//! text out (a clause says its detail is available under NDA); `render --audience nda`
//! includes it, marked confidential on every page and in its file name; `check` reports a
//! baseline clause whose only text is NDA.

use std::path::Path;
use std::process::Output;

use crate::audit::{clause, read};
use crate::common::*;

/// Only in the `scope` section (marked `nda`).
const NDA_SECTION_TEXT: &str = "稟議書及び契約書の電子保管";
/// Only in clause A.11.2.7's statement (marked `nda`).
const NDA_CLAUSE_TEXT: &str = "その破壊証明書を当社で保管";
const WITHHELD_NOTE: &str =
    "この管理策の詳細は、秘密保持契約（NDA）を締結したお客様に開示しています。";
const MARK: &str = "秘密情報・NDA 締結先限定";

/// The Japanese example with the `scope` section and clause A.11.2.7 marked `nda`.
fn nda_example() -> tempfile::TempDir {
    let text = edited_example("ja", |t| {
        t.replacen(
            "    title: 適用範囲\n",
            "    title: 適用範囲\n    audience: nda\n",
            1,
        )
        .replacen(
            "  \"A.11.2.7\":\n    status: implemented\n",
            "  \"A.11.2.7\":\n    status: implemented\n    audience: nda\n",
            1,
        )
    });
    assert_eq!(text.matches("audience: nda").count(), 2);
    temp_with("wp.yaml", text)
}

fn render(dir: &Path, args: &[&str]) -> Output {
    run(dir, &[&["render", "wp.yaml"], args].concat())
}

#[test]
fn the_public_whitepaper_leaves_nda_text_out() {
    let dir = nda_example();
    for (format, file) in [("html", "wp.html"), ("md", "wp.md")] {
        let out = render(dir.path(), &["--format", format, "-o", file]);
        assert_exit(&out, 0);
        let text = read(dir.path().join(file));
        for secret in [
            NDA_SECTION_TEXT,
            NDA_CLAUSE_TEXT,
            "対応ブラウザから利用する業務画面",
            MARK,
        ] {
            assert!(!text.contains(secret), "{file} contains `{secret}`");
        }
        // The clause is still there, with the note instead of its text.
        assert!(text.contains("A.11.2.7"), "{text}");
        assert!(text.contains(WITHHELD_NOTE), "{text}");
        // Other clauses and sections are untouched.
        assert!(text.contains("本書の目的"), "{text}");
        assert!(text.contains("変更管理チケット"), "{text}");
    }
    let html = read(dir.path().join("wp.html"));
    assert!(clause(&html, "clause-11-2-7").contains(WITHHELD_NOTE));
    assert!(!clause(&html, "clause-12-1-2").contains(WITHHELD_NOTE));
    assert!(!html.contains("section-scope"), "{html}");
}

#[test]
fn the_nda_edition_includes_it_and_is_marked() {
    let dir = nda_example();
    let out = render(dir.path(), &["--audience", "nda", "-o", "wp.nda.html"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("wp.nda.html"));
    for text in [NDA_SECTION_TEXT, NDA_CLAUSE_TEXT, "適用範囲"] {
        assert!(html.contains(text), "`{text}` missing");
    }
    assert!(!html.contains(WITHHELD_NOTE));
    // A banner on screen, the mark at the end, and a running header on every printed page.
    assert!(html.contains(&format!("<p class=\"nda-banner-title\">{MARK}</p>")));
    assert!(html.contains(&format!(
        "<p class=\"nda-banner nda-end\" role=\"note\">{MARK}</p>"
    )));
    assert!(
        html.contains(&format!("@top-center {{ content: \"{MARK}\"")),
        "{html}"
    );
    assert!(clause(&html, "clause-11-2-7").contains("NDA 限定"));
    assert!(!clause(&html, "clause-12-1-2").contains("NDA 限定"));

    let out = render(
        dir.path(),
        &["--audience", "nda", "--format", "md", "-o", "wp.nda.md"],
    );
    assert_exit(&out, 0);
    let md = read(dir.path().join("wp.nda.md"));
    assert!(md.starts_with(&format!("> **{MARK}**")), "{md}");
    assert!(md.trim_end().ends_with(&format!("> **{MARK}**")), "{md}");
    assert!(md.contains(NDA_SECTION_TEXT) && md.contains(NDA_CLAUSE_TEXT));
}

#[test]
fn the_nda_edition_s_file_name_carries_nda() {
    let dir = nda_example();
    std::fs::write(dir.path().join("wp.html"), "published before").unwrap();
    let out = render(dir.path(), &["--audience", "nda", "-o", "wp.html"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains(
            "error: wp.html: the nda edition's file name must carry `.nda`, so it is never taken for the published whitepaper; use -o wp.nda.html"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(dir.path().join("wp.html")), "published before");

    let out = render(dir.path(), &["--audience", "nda", "--out-dir", "out"]);
    assert_exit(&out, 0);
    let html = read(dir.path().join("out/tsumiki-cloud.ja.nda.html"));
    assert!(html.contains(NDA_CLAUSE_TEXT));
    assert!(!dir.path().join("out/tsumiki-cloud.ja.html").exists());
}

#[test]
fn check_reports_a_baseline_clause_whose_only_text_is_nda() {
    let dir = nda_example();
    let out = run(dir.path(), &["check", "wp.yaml"]);
    // A warning: the public whitepaper still answers the clause, with the note.
    assert_exit(&out, 0);
    let text = stdout(&out) + &stderr(&out);
    // The clause's mark comes after the section's.
    let clause_line = read(dir.path().join("wp.yaml"))
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "    audience: nda")
        .map(|(i, _)| i + 1)
        .last()
        .unwrap();
    assert!(
        text.contains(&format!("wp.yaml:{clause_line}:15: warning[nda-only]")),
        "{text}"
    );
    assert_eq!(text.matches("[nda-only]").count(), 1, "{text}");
    // Made an error, it fails the gate.
    std::fs::write(
        dir.path().join("kanrisaku.toml"),
        "[check.severity]\nnda-only = \"error\"\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "wp.yaml"]);
    assert_exit(&out, 1);

    for (lang, words) in [("en", "under NDA"), ("ja", "NDA")] {
        let out = run(
            dir.path(),
            &["check", "--explain", "nda-only", "--lang", lang],
        );
        assert_exit(&out, 0);
        assert!(stdout(&out).contains(words), "{}", stdout(&out));
    }
}

#[test]
fn the_nda_pdf_is_marked_on_every_page() {
    if !tools_present(
        &["chromium", "pdftotext"],
        "chromium fonts-morisawa-bizud-gothic poppler-utils",
    ) {
        return;
    }
    let dir = nda_example();
    let out = render(
        dir.path(),
        &["--audience", "nda", "--format", "pdf", "-o", "wp.nda.pdf"],
    );
    assert_exit(&out, 0);
    let text = pdf_text(&dir.path().join("wp.nda.pdf"));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(MARK), "page {}:\n{page}", i + 1);
    }
    assert!(text.contains(NDA_CLAUSE_TEXT));

    let out = render(dir.path(), &["--format", "pdf", "-o", "wp.pdf"]);
    assert_exit(&out, 0);
    let public = pdf_text(&dir.path().join("wp.pdf"));
    assert!(!public.contains(NDA_CLAUSE_TEXT) && !public.contains(NDA_SECTION_TEXT));
    assert!(!public.contains(MARK));
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

const MINI: &str = r#"kanrisaku: 1
service: { id: mini, name: Mini Cloud, provider: Example Corp. }
document:
  title: Mini whitepaper
  version: "1.0"
  date: 2026-01-01
  language: en
  id_style: plain
  baseline: none
sections:
  - { id: purpose, title: Purpose, body: "This paper explains our controls." }
  - { id: keys, title: Key hierarchy, audience: nda, body: "Root keys live in two HSMs." }
controls:
  "5.1.1":
    status: implemented
    statement: Our policy is approved by the board.
  "10.1.1":
    status: implemented
    audience: nda
    statement: Traffic is encrypted with TLS 1.2 or later.
  "12.3.1":
    status: implemented
    statement: Backups run daily.
"#;

#[test]
fn diff_tells_public_from_nda_changes() {
    let new = MINI
        .replace(
            "approved by the board",
            "approved by the board of directors",
        )
        .replace("TLS 1.2 or later", "TLS 1.3")
        .replace("two HSMs", "three HSMs")
        .replace(
            "    statement: Backups run daily.",
            "    audience: nda\n    statement: Backups run daily.",
        );
    let dir = temp_with("old.yaml", MINI);
    std::fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let out = run(
        dir.path(),
        &[
            "diff",
            "old.yaml",
            "new.yaml",
            "--customer",
            "--format",
            "json",
        ],
    );
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changes = json["catalogs"][0]["changes"].as_array().unwrap().clone();
    let kinds: Vec<(String, Option<String>)> = changes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["change"]["kind"].as_str().map(str::to_string),
            )
        })
        .collect();
    let has = |kind: &str, inner: Option<&str>| {
        kinds
            .iter()
            .any(|(k, i)| k == kind && i.as_deref() == inner)
    };
    assert!(has("statement-changed", None), "{kinds:?}");
    assert!(has("nda", Some("statement-changed")), "{kinds:?}");
    assert!(has("nda", Some("section-changed")), "{kinds:?}");
    assert!(has("audience-changed", None), "{kinds:?}");
    assert_eq!(kinds.len(), 4, "{kinds:?}");

    let out = run(dir.path(), &["diff", "old.yaml", "new.yaml", "--customer"]);
    let text = stdout(&out);
    assert!(
        text.contains("[NDA] 10.1.1 Policy on the use of cryptographic controls statement changed"),
        "{text}"
    );
    assert!(
        text.contains("[NDA] section “Key hierarchy” changed"),
        "{text}"
    );
    assert!(text.contains("12.3.1: public → NDA only"), "{text}");
    assert!(!text.contains("[NDA] 5.1.1"), "{text}");
    assert!(
        text.contains("  ~ 5.1.1 Policies for information security statement changed"),
        "{text}"
    );
}

#[test]
fn a_template_that_does_not_mark_the_nda_edition_is_refused() {
    let dir = nda_example();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    let page = |mark: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>{{{{ document.title }}}}</title></head><body>{mark}\n\
             {{% for c in clauses %}}<div>{{{{ c.statement_html | safe }}}}</div>{{% endfor %}}\n</body></html>\n"
        )
    };
    std::fs::write(tpl.join("whitepaper.html"), page("")).unwrap();
    let out = render(
        dir.path(),
        &[
            "--audience",
            "nda",
            "--template",
            "tpl",
            "-o",
            "wp.nda.html",
        ],
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("error: template tpl/whitepaper.html: the nda edition must show `{{ t.nda_watermark }}` (秘密情報・NDA 締結先限定)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("wp.nda.html").exists());

    std::fs::write(
        tpl.join("whitepaper.html"),
        page("<p>{{ t.nda_watermark }}</p>"),
    )
    .unwrap();
    let out = render(
        dir.path(),
        &[
            "--audience",
            "nda",
            "--template",
            "tpl",
            "-o",
            "wp.nda.html",
        ],
    );
    assert_exit(&out, 0);
    assert!(read(dir.path().join("wp.nda.html")).contains(NDA_CLAUSE_TEXT));
}
