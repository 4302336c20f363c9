//! `kanrisaku site`: the workspace as a static site. Each test builds the site from the
//! examples (or a temp repository) with the real binary and reads the files it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// Build the site of the examples into a fresh directory (no PDFs unless `extra` allows).
fn build(extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let mut args = vec!["site", "examples", "--out-dir", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run(&root(), &args);
    (out, output)
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn page(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_index_lists_each_service_with_its_fields() {
    let (tmp, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let site = tmp.path().join("site");
    let ja = page(&site, "ja/index.html");
    for field in [
        "つみきクラウド",
        "株式会社ほしぞらシステムズ",
        "<td class=\"version\">1.2</td>",
        "2026 年 10 月 1 日",
        "日本語, 英語",
        "%",
        "href=\"../documents/tsumiki-cloud.ja.html\"",
        "href=\"../documents/tsumiki-cloud.en.html\"",
    ] {
        assert!(ja.contains(field), "ja index lacks {field}:\n{ja}");
    }
    let en = page(&site, "en/index.html");
    assert!(en.contains("Tsumiki Cloud"), "{en}");
    assert!(en.contains("Japanese, English"), "{en}");
    // The coverage is `coverage`'s figure for the provider baseline, not a second count.
    let cov = run(
        &root(),
        &[
            "coverage",
            "examples/tsumiki-cloud.ja.yaml",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&cov)).unwrap();
    let percent = json["services"][0]["totals"]["addressed_percent"]
        .as_f64()
        .unwrap();
    assert!(ja.contains(&format!("{percent:.1}%")), "{percent}:\n{ja}");
    // The front page is in the first language, with a switch to both.
    let front = page(&site, "index.html");
    assert!(front.contains("<html lang=\"ja\""), "{front}");
    assert!(front.contains("href=\"ja/index.html\"") && front.contains("href=\"en/index.html\""));
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));
}

#[test]
fn both_language_versions_of_the_example_hold_their_statements() {
    let (tmp, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let site = tmp.path().join("site");
    for lang in ["ja", "en"] {
        let html = page(&site, &format!("documents/tsumiki-cloud.{lang}.html"));
        let catalog = std::fs::read_to_string(example(lang)).unwrap();
        // The first statement of the catalog, as `render` publishes it.
        let lines: Vec<&str> = catalog.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim() == "statement: |")
            .unwrap();
        let statement: String = lines[at + 1].trim().chars().take(12).collect();
        assert!(html.contains(&statement), "{lang}: {statement}");
        assert!(html.contains(&format!("<html lang=\"{lang}\"")));
        let rendered = run(
            &root(),
            &["render", example(lang).to_str().unwrap(), "-o", "-"],
        );
        assert_eq!(
            stdout(&rendered),
            html,
            "{lang}: the same HTML `render` makes"
        );
        // The language switch leads to the same page in the other language.
        let other = if lang == "ja" { "en" } else { "ja" };
        let index = page(&site, &format!("{lang}/changes.html"));
        assert!(
            index.contains(&format!("href=\"../{other}/changes.html\"")),
            "{index}"
        );
    }
}

#[test]
fn the_changes_page_lists_the_revisions_newest_first() {
    let (tmp, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let site = tmp.path().join("site");
    let en = page(&site, "en/changes.html");
    let at = |v: &str| {
        en.find(&format!("<td class=\"version\">{v}</td>"))
            .unwrap_or_else(|| panic!("{v} missing:\n{en}"))
    };
    assert!(at("1.2") < at("1.1") && at("1.1") < at("1.0"), "{en}");
    assert!(en.contains("Revised 12.6.1"), "{en}");
    let history = page(&site, "ja/services/tsumiki-cloud.html");
    assert!(history.contains("初版作成"), "{history}");
}

#[test]
fn the_feed_parses_as_atom_with_one_entry_per_revision() {
    let (tmp, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let bytes = std::fs::read(tmp.path().join("site/feed.atom")).unwrap();
    let feed = atom_syndication::Feed::read_from(&bytes[..]).expect("valid Atom");
    let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    for id in [
        "urn:kanrisaku:tsumiki-cloud:ja:1.2",
        "urn:kanrisaku:tsumiki-cloud:en:1.0",
    ] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert_eq!(feed.updated().to_rfc3339(), "2026-10-01T00:00:00+00:00");
    let newest = &feed.entries()[0];
    assert_eq!(newest.updated().to_rfc3339(), "2026-10-01T00:00:00+00:00");
    let link = &newest.links()[0];
    assert!(
        tmp.path().join("site").join(link.href()).is_file(),
        "{}",
        link.href()
    );
}

#[test]
fn every_link_stays_inside_the_site_and_nothing_runs() {
    let (tmp, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let site = tmp.path().join("site");
    let attr = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let mut checked = 0;
    for (rel, bytes) in files(&site)
        .into_iter()
        .filter(|(r, _)| r.ends_with(".html"))
    {
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.to_ascii_lowercase().contains("<script"), "{rel}");
        assert!(
            html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"),
            "{rel}"
        );
        let here = site.join(&rel);
        for cap in attr.captures_iter(&html) {
            let url = &cap[1];
            if ["http://", "https://", "mailto:", "#", "data:image/"]
                .iter()
                .any(|p| url.starts_with(p))
            {
                continue;
            }
            let target = here.parent().unwrap().join(url.split('#').next().unwrap());
            let target = target
                .canonicalize()
                .unwrap_or_else(|_| panic!("{rel}: {url} resolves to nothing"));
            assert!(
                target.starts_with(site.canonicalize().unwrap()),
                "{rel}: {url}"
            );
            assert!(target.is_file(), "{rel}: {url}");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (a, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let (b, out) = build(&["--no-pdf"]);
    assert_exit(&out, 0);
    let (a, b) = (files(&a.path().join("site")), files(&b.path().join("site")));
    assert!(a.len() >= 10, "{:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two builds");
    }
}

#[test]
fn a_site_template_block_can_be_overridden() {
    let tpl = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tpl.path().join("site")).unwrap();
    std::fs::write(
        tpl.path().join("site/index.html"),
        "{% extends \"builtin/site/index.html\" %}{% block intro %}<h1>Trust Center of Hoshizora</h1>{% endblock intro %}",
    )
    .unwrap();
    let (tmp, out) = build(&["--no-pdf", "--template", tpl.path().to_str().unwrap()]);
    assert_exit(&out, 0);
    let index = page(&tmp.path().join("site"), "en/index.html");
    assert!(
        index.contains("<h1>Trust Center of Hoshizora</h1>"),
        "{index}"
    );
    assert!(!index.contains("class=\"intro\""), "{index}");
    assert!(index.contains("Tsumiki Cloud"), "the rest stays: {index}");
}

#[test]
fn a_template_linking_outside_the_site_is_refused_and_nothing_written() {
    let tpl = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tpl.path().join("site")).unwrap();
    std::fs::write(
        tpl.path().join("site/index.html"),
        "{% extends \"builtin/site/index.html\" %}{% block intro %}<a href=\"../../etc/passwd\">x</a>{% endblock intro %}",
    )
    .unwrap();
    let (tmp, out) = build(&["--no-pdf", "--template", tpl.path().to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("site/index.html"), "{}", stderr(&out));
    assert!(!tmp.path().join("site").exists());
}

#[test]
fn a_catalog_that_does_not_load_is_reported_and_the_others_published() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("en"), dir.path().join("good.en.yaml")).unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "kanrisaku: 1\nservice: [\n").unwrap();
    let out = run(
        dir.path(),
        &["site", ".", "--out-dir", "public", "--no-pdf"],
    );
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("bad.yaml:"), "{err}");
    assert!(dir.path().join("public/en/index.html").is_file(), "{err}");
    assert!(
        dir.path()
            .join("public/documents/tsumiki-cloud.en.html")
            .is_file()
    );
}

#[test]
fn the_site_never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("documents")).unwrap();
    let catalog = dir.path().join("documents/tsumiki-cloud.en.html");
    // A catalog named like a page of the site, in the output directory itself.
    std::fs::copy(example("en"), dir.path().join("documents/x.en.yaml")).unwrap();
    std::fs::write(&catalog, "keep me").unwrap();
    let out = run(
        dir.path(),
        &["site", "documents", "--out-dir", ".", "--no-pdf"],
    );
    // The HTML beside it is an output, not an input: replaced; the catalog is untouched.
    assert_exit(&out, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("documents/x.en.yaml")).unwrap(),
        std::fs::read_to_string(example("en")).unwrap()
    );
    let out = run(
        dir.path(),
        &[
            "site",
            "documents/x.en.yaml",
            "--out-dir",
            "documents/x.en.yaml",
            "--no-pdf",
        ],
    );
    assert_exit(&out, 2);
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
  revisions:
    - { version: "1.0", date: 2026-01-01, summary: First edition. }
controls:
  "5.1.1":
    status: implemented
    statement: Our policy is approved by the board.
  "10.1.1":
    status: implemented
    audience: nda
    statement: Traffic is encrypted with TLS 1.2 or later.
"#;

fn head(dir: &Path) -> String {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn git_history_adds_customer_visible_changes_only() {
    let dir = temp_with("mini.yaml", MINI);
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["add", "mini.yaml"]);
    git(
        d,
        &["commit", "-qm", "first", "--date=2026-01-01T00:00:00Z"],
    );
    std::fs::write(
        d.join("mini.yaml"),
        MINI.replace("the board", "the board of directors"),
    )
    .unwrap();
    git(d, &["commit", "-qam", "public"]);
    let public = head(d);
    let nda = MINI
        .replace("the board", "the board of directors")
        .replace("TLS 1.2 or later", "TLS 1.3");
    std::fs::write(d.join("mini.yaml"), nda).unwrap();
    git(d, &["commit", "-qam", "nda only"]);
    let hidden = head(d);

    let out = run(
        d,
        &[
            "site",
            "mini.yaml",
            "--out-dir",
            "public",
            "--git",
            "--no-pdf",
        ],
    );
    assert_exit(&out, 0);
    let changes = page(&d.join("public"), "en/changes.html");
    assert!(changes.contains(&public[..12]), "{changes}");
    assert!(changes.contains("5.1.1"), "{changes}");
    assert!(!changes.contains(&hidden[..12]), "{changes}");
    assert!(
        !changes.contains("10.1.1") && !changes.contains("TLS"),
        "{changes}"
    );
    let feed = std::fs::read(d.join("public/feed.atom")).unwrap();
    let feed = atom_syndication::Feed::read_from(&feed[..]).unwrap();
    let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert!(
        ids.contains(&format!("urn:kanrisaku:mini:en:commit:{public}").as_str()),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|id| id.contains(&hidden)), "{ids:?}");
}

#[test]
fn with_chromium_each_whitepaper_has_its_pdf() {
    let (tmp, out) = build(&[]);
    let site: PathBuf = tmp.path().join("site");
    let chromium = std::process::Command::new("sh")
        .args(["-c", "command -v chromium"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !chromium {
        // Without a browser the site is still built, says so once, and notes it on its pages.
        assert_exit(&out, 0);
        assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
        assert!(page(&site, "en/index.html").contains("no-pdf"));
        cannot_run("chromium not installed (apt-get install chromium; .ci/run installs it)");
        return;
    }
    assert_exit(&out, 0);
    for lang in ["ja", "en"] {
        let pdf = std::fs::read(site.join(format!("documents/tsumiki-cloud.{lang}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{lang}");
        let index = page(&site, &format!("{lang}/index.html"));
        assert!(
            index.contains("href=\"../documents/tsumiki-cloud.ja.pdf\""),
            "{index}"
        );
    }
}

#[test]
fn without_a_browser_the_site_says_so_and_succeeds() {
    let (tmp, out) = build(&["--chrome", "/nonexistent/chromium"]);
    assert_exit(&out, 0);
    let err = stderr(&out);
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    let index = page(&tmp.path().join("site"), "en/index.html");
    assert!(index.contains("no browser was available"), "{index}");
    assert!(
        !tmp.path()
            .join("site/documents/tsumiki-cloud.en.pdf")
            .exists()
    );
}

#[test]
fn a_catalog_check_rejects_is_left_out_and_the_others_published() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("en"), dir.path().join("good.en.yaml")).unwrap();
    let broken = edited_example("ja", |t| {
        remove_clause(&t, "A.12.3.1").replace("id: tsumiki-cloud", "id: gappy-cloud")
    });
    std::fs::write(dir.path().join("gappy.ja.yaml"), broken).unwrap();
    let out = run(
        dir.path(),
        &["site", ".", "--out-dir", "public", "--no-pdf"],
    );
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("error[coverage-gap] A.12.3.1"), "{err}");
    assert!(err.contains("gappy.ja.yaml: not published"), "{err}");
    let index = page(&dir.path().join("public"), "en/index.html");
    assert!(index.contains("Tsumiki Cloud"), "{index}");
    assert!(!index.contains("gappy-cloud"), "{index}");
    assert!(
        !dir.path()
            .join("public/documents/gappy-cloud.ja.html")
            .exists()
    );
}
