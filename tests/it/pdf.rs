//! `render --format pdf` through headless Chromium. These tests need Debian's `chromium`,
//! `fonts-morisawa-bizud-gothic` and `poppler-utils` (installed by .ci/run). Where no
//! browser is installed and `CI` is unset they skip with a printed reason; on CI they fail.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Whether the PDF tests can run here; on CI they must.
fn tools_present() -> bool {
    crate::common::tools_present(
        &["chromium", "pdftotext", "pdffonts", "pdfinfo", "pdftohtml"],
        "chromium fonts-morisawa-bizud-gothic poppler-utils",
    )
}

fn poppler(tool: &str, pdf: &Path) -> String {
    let out = Command::new(tool)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn render_pdf(catalog: &Path, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("wp.pdf");
    let out = kanrisaku(&root())
        .arg("render")
        .arg(catalog)
        .args(["--format", "pdf", "-o"])
        .arg(&pdf)
        .args(extra)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    (dir, pdf)
}

fn assert_fonts_embedded_truetype(pdf: &Path) {
    let fonts = poppler("pdffonts", pdf);
    assert!(
        !fonts.contains("Type 3"),
        "Type 3 fonts in the PDF:\n{fonts}"
    );
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        assert!(row.contains("TrueType"), "not TrueType: {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}");
    }
}

#[test]
fn japanese_pdf_has_text_truetype_fonts_and_page_numbers() {
    if !tools_present() {
        return;
    }
    let (_dir, pdf) = render_pdf(&example("ja"), &[]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = poppler("pdftotext", &pdf);
    for expected in [
        "つみきクラウド ISO/IEC 27017 ホワイトペーパー",
        "改訂履歴",
        "責任分界点",
        "A.9.2.3 特権的アクセス権の管理",
        "CLD.9.5.1 仮想コンピューティング環境における分離",
        "情報のバックアップ",
        "35 世代",
        "以上",
    ] {
        assert!(text.contains(expected), "pdftotext lacks {expected:?}");
    }
    let pages: usize = text.matches('\u{c}').count();
    assert!(pages > 5, "{pages} pages");
    assert!(
        text.contains(&format!("2 / {pages}")),
        "page numbers: no \"2 / {pages}\""
    );
    assert!(
        bytes.windows(9).any(|w| w == b"/Outlines"),
        "PDF bookmarks from headings"
    );
    assert_fonts_embedded_truetype(&pdf);
}

#[test]
fn english_pdf_renders_too() {
    if !tools_present() {
        return;
    }
    let (_dir, pdf) = render_pdf(&example("en"), &[]);
    let text = poppler("pdftotext", &pdf);
    assert!(
        text.contains("Management of privileged access rights"),
        "{text}"
    );
    assert!(text.contains("End of document"));
    assert_fonts_embedded_truetype(&pdf);
}

#[test]
fn draft_pdf_carries_a_watermark() {
    if !tools_present() {
        return;
    }
    let dir = temp_with(
        "wp.yaml",
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    );
    let (_out, pdf) = render_pdf(&dir.path().join("wp.yaml"), &["--draft"]);
    let text = poppler("pdftotext", &pdf);
    assert!(text.contains("ドラフト"), "watermark");
    assert!(text.contains("この文書は公開前のドラフトです。"), "banner");
    // Chromium repeats the fixed-position watermark on every page. In layout mode poppler
    // merges the rotated text away, in raw mode it keeps one per page: the banner's own
    // 「ドラフト」 alone cannot satisfy this.
    let raw = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let raw = String::from_utf8(raw.stdout).unwrap();
    let pages = raw.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert!(pages > 5, "{pages} pages");
    assert!(
        raw.matches("ドラフト").count() > pages,
        "a watermark on each of {pages} pages"
    );
    assert!(
        text.contains("この管理策の記載はまだありません。"),
        "the gap is marked in place"
    );
}

/// A poppler tool's stdout for `args` then the PDF.
fn poppler_args(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool).args(args).arg(pdf).output().unwrap();
    assert!(out.status.success(), "{tool} {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Each page's lines as `pdftotext -layout` lays them out, runs of spaces made one.
fn page_lines(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_suffix('\u{c}').unwrap_or(&text).to_string();
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect()
}

/// What follows a contents entry's title: its dot leader and page number.
fn entry_page(rest: &str) -> Option<usize> {
    let rest = rest.trim_start();
    let number = rest.trim_start_matches('.').trim();
    (rest.starts_with("..") && !number.is_empty()).then(|| number.parse().ok())?
}

/// The page number the contents print after `heading` (a line "heading N").
fn contents_page(pages: &[Vec<String>], heading: &str) -> usize {
    let found: Vec<usize> = pages
        .iter()
        .flatten()
        .filter_map(|l| entry_page(l.strip_prefix(heading)?))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one contents entry {heading:?} with a page: {found:?}"
    );
    found[0]
}

/// The 1-based pages, outside the contents, with a line that starts with `heading`.
fn heading_pages(pages: &[Vec<String>], contents_title: &str, heading: &str) -> Vec<usize> {
    (1..=pages.len())
        .filter(|&n| !pages[n - 1].iter().any(|l| l == contents_title))
        .filter(|&n| {
            pages[n - 1].iter().any(|l| {
                l.strip_prefix(heading)
                    .is_some_and(|rest| entry_page(rest).is_none())
            })
        })
        .collect()
}

/// `pdftohtml -xml` outline items: (page, title).
fn bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let xml = poppler_args("pdftohtml", &["-xml", "-i", "-q", "-stdout"], pdf);
    let re = regex::Regex::new(r#"<item page="(\d+)">([^<]*)</item>"#).unwrap();
    re.captures_iter(&xml)
        .map(|c| (c[1].parse().unwrap(), c[2].to_string()))
        .collect()
}

/// Every heading of the contents: its printed page is the page the heading is on, and a
/// bookmark leads there too.
fn assert_contents_pages(pdf: &Path, contents_title: &str, headings: &[&str]) {
    let pages = page_lines(pdf);
    let marks = bookmarks(pdf);
    for heading in headings {
        let printed = contents_page(&pages, heading);
        assert_eq!(
            heading_pages(&pages, contents_title, heading),
            vec![printed],
            "{heading:?}: the contents say page {printed}"
        );
        assert!(
            marks
                .iter()
                .any(|(p, t)| *p == printed && t.starts_with(heading)),
            "no bookmark {heading:?} to page {printed}: {marks:?}"
        );
    }
}

#[test]
fn contents_give_each_headings_page_and_bookmarks_lead_there() {
    if !tools_present() {
        return;
    }
    let (_dir, pdf) = render_pdf(&example("ja"), &[]);
    assert_contents_pages(
        &pdf,
        "目次",
        &[
            "1. 本書の目的",
            "5. お問い合わせ窓口",
            "7. 責任分界点",
            "8. 管理策の実施状況",
            "A.5.1.1 情報セキュリティのための方針群",
            "A.9.2.3 特権的アクセス権の管理",
            "CLD.9.5.1 仮想コンピューティング環境における分離",
            "A.12.3.1 情報のバックアップ",
            "A.18.1.3 記録の保護",
        ],
    );
    // Every entry has a page, in document order, within the document.
    let pages = page_lines(&pdf);
    let contents = pages.iter().position(|p| p[0] == "目次").unwrap();
    let numbers: Vec<usize> = pages[contents..]
        .iter()
        .take_while(|p| p[0] == "目次" || p[0].starts_with(['A', 'C']))
        .flatten()
        .filter(|l| !l.contains(" / ")) // the running page number
        .filter_map(|l| l.rsplit_once(' ')?.1.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 8 + 42, "8 sections, 42 clauses: {numbers:?}");
    assert!(numbers.is_sorted(), "{numbers:?}");
    assert!(*numbers.last().unwrap() <= pages.len());
}

/// The numbers are written into the loaded page by finding the spans `fill` added; a
/// template whose contents already hold such a span (here one of its own, in the last
/// entry) gets the filled page loaded instead: every entry gets its page, and the
/// placeholder of the first print (`000`) is never published.
#[test]
fn contents_with_a_templates_own_page_span_still_get_their_pages() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("whitepaper.html"),
        "{% extends \"builtin/whitepaper.html\" %}\n{% block contents %}<nav class=\"toc\" id=\"contents\"><h2>{{ t.contents }}</h2><ol>\n{%- for c in clauses %}\n<li><a href=\"#{{ c.anchor }}\"><span class=\"toc-id\">{{ c.display }}</span> {{ c.title }}</a></li>\n{%- endfor %}\n<li><a href=\"#controls\">{{ t.controls }} <span class=\"toc-page\">§</span></a></li>\n</ol></nav>{% endblock contents %}",
    )
    .unwrap();
    let template = dir.path().to_str().unwrap();
    let (_out, pdf) = render_pdf(&example("ja"), &["--template", template]);
    assert_contents_pages(
        &pdf,
        "目次",
        &[
            "A.5.1.1 情報セキュリティのための方針群",
            "A.18.1.3 記録の保護",
        ],
    );
    let text: String = page_lines(&pdf).concat().join("\n");
    assert!(
        !text.contains("000"),
        "a placeholder was published:\n{text}"
    );
}

#[test]
fn pdf_is_tagged_with_language_and_title() {
    if !tools_present() {
        return;
    }
    let (_dir, pdf) = render_pdf(&example("en"), &[]);
    let info = poppler_args("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let title = "Tsumiki Cloud ISO/IEC 27017 Whitepaper";
    assert!(
        info.contains(&format!("Title:           {title}")),
        "{info}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Lang (en)"), "document language");
    assert!(has(b"/StructTreeRoot"), "structure tree");
    assert_contents_pages(
        &pdf,
        "Contents",
        &["9.2.3 Management of privileged access rights"],
    );
}

/// An executable script `name` in `dir`.
fn script(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The example with another service (id, name and title), so that `--out-dir` names it apart.
fn other_service(lang: &str, id: &str, name: &str) -> String {
    edited_example(lang, |t| {
        t.replace("id: tsumiki-cloud", &format!("id: {id}"))
            .replace("つみきクラウド", name)
            .replace("Tsumiki Cloud", name)
    })
}

#[test]
fn many_catalogs_print_with_one_browser_and_each_pdf_has_its_contents_pages() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let catalogs = [
        (
            "ja",
            "hoshi-cloud",
            "ほしクラウド",
            "目次",
            "A.9.2.3 特権的アクセス権の管理",
        ),
        (
            "en",
            "hoshi-cloud",
            "Hoshi Cloud",
            "Contents",
            "9.2.3 Management of privileged access rights",
        ),
        (
            "ja",
            "sora-cloud",
            "そらクラウド",
            "目次",
            "A.12.3.1 情報のバックアップ",
        ),
        (
            "en",
            "sora-cloud",
            "Sora Cloud",
            "Contents",
            "9.2.3 Management of privileged access rights",
        ),
        (
            "ja",
            "kumo-cloud",
            "くもクラウド",
            "目次",
            "CLD.9.5.1 仮想コンピューティング環境における分離",
        ),
    ];
    for (lang, id, name, _, _) in catalogs {
        let text = other_service(lang, id, name);
        std::fs::write(dir.path().join(format!("{id}.{lang}.yaml")), text).unwrap();
    }
    // Counts the starts of the browser: a wrapper named by the browser-path variable.
    let wrapper = script(
        dir.path(),
        "counting-chrome",
        "#!/bin/sh\necho start >> \"$STARTS\"\nexec chromium \"$@\"\n",
    );
    let mut command = kanrisaku(dir.path());
    command.args(["render", "--format", "pdf", "--out-dir", "out"]);
    for (lang, id, ..) in catalogs {
        command.arg(format!("{id}.{lang}.yaml"));
    }
    let out = command
        .env("KANRISAKU_CHROME", &wrapper)
        .env("STARTS", dir.path().join("starts"))
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let starts = std::fs::read_to_string(dir.path().join("starts")).unwrap();
    assert_eq!(starts.lines().count(), 1, "one browser for all documents");
    // One confirmation per document, in the order the catalogs were given.
    let err = stderr(&out);
    let said: Vec<&str> = err.lines().collect();
    assert_eq!(said.len(), catalogs.len(), "{said:?}");
    for ((lang, id, name, contents, heading), line) in catalogs.iter().zip(&said) {
        let file = format!("{id}.{lang}.pdf");
        assert!(line.contains(&file), "{line} is not about {file}");
        let pdf = dir.path().join("out").join(&file);
        let text = poppler("pdftotext", &pdf);
        assert!(text.contains(name), "{file} is the document of {name}");
        assert_contents_pages(&pdf, contents, &[heading]);
        let info = poppler_args("pdfinfo", &[], &pdf);
        assert!(info.contains("Tagged:          yes"), "{file}: {info}");
        assert_fonts_embedded_truetype(&pdf);
    }
}

/// A browser that dies, or that answers with something else than the protocol, ends the run
/// at once with the document it was printing, not at the timeout; nothing is written and
/// no process is left.
#[test]
fn a_browser_that_dies_or_talks_nonsense_is_an_error_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wp.yaml"),
        std::fs::read(example("ja")).unwrap(),
    )
    .unwrap();
    for (name, body, said) in [
        (
            "dies",
            "echo 'fatal: out of luck' >&2\nexit 3\n",
            "the browser exited: fatal: out of luck",
        ),
        (
            "garbage",
            "echo $$ > \"$PIDS\"\nprintf 'HTTP/1.1 200 OK\\0' >&4\nsleep 300\n",
            "the browser sent a message that is not JSON",
        ),
    ] {
        let browser = script(dir.path(), name, &format!("#!/bin/sh\n{body}"));
        let started = std::time::Instant::now();
        let out = kanrisaku(dir.path())
            .args([
                "render",
                "wp.yaml",
                "--format",
                "pdf",
                "-o",
                "wp.pdf",
                "--timeout",
                "600",
            ])
            .arg("--chrome")
            .arg(&browser)
            .env("PIDS", dir.path().join("pids"))
            .output()
            .unwrap();
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(
            err.contains("wp.yaml: "),
            "{name}: names the document: {err}"
        );
        assert!(err.contains(said), "{name}: {err}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{name}: waited for the timeout"
        );
        assert!(
            !dir.path().join("wp.pdf").exists(),
            "{name}: a PDF was written"
        );
    }
    let pid = std::fs::read_to_string(dir.path().join("pids")).unwrap();
    assert!(
        !Path::new(&format!("/proc/{}", pid.trim())).exists(),
        "the talking browser was left running"
    );
}
