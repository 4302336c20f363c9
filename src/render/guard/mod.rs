//! The last look at a finished document before it is written: defense in depth behind the
//! escaping of catalog text, and the only check on what a custom template adds itself.
//!
//! HTML is read with `lol_html` (Cloudflare's streaming HTML rewriter): it tokenizes as a
//! browser does, knows which elements hold raw text (`<style>`, `<script>`) and where
//! foreign content (`<svg>`) changes that, and gives the span in the document of every
//! start tag and attribute, so names and values are read in place and the
//! Content-Security-Policy is spliced in after each `<head>` start tag, with no rewritten
//! copy of the document. (html5gum, the other maintained tokenizer, leaves the raw-text
//! states to the caller, who would have to model the tree builder, and was no faster.)
//! A document in the plain subset of HTML that templates write is read by [`subset`]
//! instead, four times faster; lol_html reads any other, and in debug builds every one
//! again, to compare.
//!
//! The document is refused — naming the template — when it has a script, an event
//! handler, a frame or object, a `<meta>` refresh, a `<link>` or `<base>`, or any URL
//! outside the policy: links (`<a href>`) only http(s), mailto or `#anchor`; everything a
//! browser would load (`src`, `srcset`, CSS `url()`, ...) only an embedded
//! `data:image/...` or a `#fragment`.
//!
//! The CSP is the browser's own guard for whatever the scan does not know: no script, no
//! request anywhere (`default-src 'none'`, which also stops a `file://` page — the PDF is
//! printed from one — from loading local files), images only from `data:`, styles only
//! inline. A template's own CSP meta, if any, applies on top: browsers enforce both.
//!
//! Markdown is parsed with the statements' parser: no raw HTML but the `<br>` of table
//! cells, links and images under the same policy.

mod subset;

use std::borrow::Cow;
use std::cell::RefCell;

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};
use lol_html::html_content::{Attribute, Element, SourceLocation};
use lol_html::{HtmlRewriter, Settings, element, text};

use crate::safety::markdown::options;
use crate::safety::url::{is_embedded_image, link_target};

/// The policy every HTML document carries.
pub const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Elements that run code, embed other documents, load or navigate.
const FORBIDDEN: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "link",
    "form",
    "portal",
    "fencedframe",
    "animate",
    "set",
    "handler",
    "listener",
];

/// Attributes whose URL a browser loads (or navigates to) without being asked.
const LOADED: &[&str] = &[
    "src",
    "href",
    "xlink:href",
    "poster",
    "background",
    "data",
    "action",
    "formaction",
    "manifest",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "archive",
    "classid",
    "profile",
    "srcdoc",
    "usemap",
    "ping",
];

/// Why a finished document is not written.
#[derive(Debug, thiserror::Error)]
#[error(
    "template {template}: the rendered document {what}; published documents run no script and load nothing (images through embed(path=...), links only to http(s), mailto or #anchor)"
)]
pub struct Refused {
    pub template: String,
    pub what: String,
}

/// Check an HTML document and add the Content-Security-Policy to its `<head>`.
pub fn html(document: &str, template: &str) -> Result<String, Refused> {
    html_linking(document, template, &|_| false)
}

/// [`html`] for a page of a published set (`kanrisaku site`): a relative `<a href>` is also
/// allowed when `local` says it names a file of the set (so a link never leads outside it).
pub fn html_linking(
    document: &str,
    template: &str,
    local: &dyn Fn(&str) -> bool,
) -> Result<String, Refused> {
    let heads = scan(document.as_bytes(), template, local)?;
    let meta = csp_meta();
    let mut out = String::with_capacity(document.len() + heads.len() * meta.len());
    let mut from = 0;
    // Each `<head …>` ends with its ASCII `>`, so every cut is between characters.
    for at in heads {
        out.push_str(&document[from..at]);
        out.push_str(&meta);
        from = at;
    }
    out.push_str(&document[from..]);
    Ok(out)
}

/// [`html`] for a document as the template engine wrote it: the bytes are checked where
/// they are and only the CSP is inserted, with no copy or UTF-8 validation of the whole
/// (the engine writes UTF-8; this pass and its copies were a tenth of an HTML render).
pub fn html_bytes(mut document: Vec<u8>, template: &str) -> Result<Vec<u8>, Refused> {
    let heads = scan(&document, template, &|_| false)?;
    let meta = csp_meta();
    document.reserve(heads.len() * meta.len());
    for at in heads.into_iter().rev() {
        document.splice(at..at, meta.bytes());
    }
    Ok(document)
}

fn csp_meta() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")
}

/// Read the document as a browser would and refuse what the module documentation lists;
/// the ends of its `<head>` start tags, where the CSP goes, when nothing is refused. A
/// document in the subset templates write is read by [`subset`], any other by lol_html.
fn scan(
    document: &[u8],
    template: &str,
    local: &dyn Fn(&str) -> bool,
) -> Result<Vec<usize>, Refused> {
    let refused = |what: String| Refused {
        template: template.to_string(),
        what,
    };
    let fast = read_subset(document, local);
    #[cfg(debug_assertions)]
    if let Some(fast) = &fast {
        assert_eq!(fast, &read_all(document, local), "the two readings differ");
    }
    let heads = fast
        .unwrap_or_else(|| read_all(document, local))
        .map_err(refused)?;
    if heads.is_empty() {
        return Err(refused(
            "has no <head>, where the Content-Security-Policy goes".into(),
        ));
    }
    Ok(heads)
}

/// What a reading keeps: where the CSP goes, and which relative links are the set's own.
struct Guard<'l> {
    heads: Vec<usize>,
    local: &'l dyn Fn(&str) -> bool,
}

impl Guard<'_> {
    /// A start tag as written; `end` is just past its `>`.
    fn element<'a>(
        &mut self,
        tag: &str,
        end: usize,
        attrs: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)> + Clone,
    ) -> Result<(), String> {
        if tag.eq_ignore_ascii_case("head") {
            self.heads.push(end);
            return Ok(());
        }
        if self.heads.is_empty() && !tag.eq_ignore_ascii_case("html") {
            return Err(format!(
                "has <{}> before <head>, where the Content-Security-Policy goes",
                tag.to_ascii_lowercase()
            ));
        }
        check_element(tag, attrs, self.local)
    }
}

impl<'d> subset::Visit<'d> for Guard<'_> {
    fn start_tag(
        &mut self,
        name: &'d str,
        end: usize,
        attrs: &[(&'d str, &'d str)],
    ) -> Result<(), String> {
        let attrs = attrs.iter().map(|&(n, v)| (n.into(), v.into()));
        self.element(name, end, attrs)
    }

    fn style(&mut self, css: &'d str) -> Result<(), String> {
        check_css(css)
    }
}

/// [`scan`]'s reading of a document in the [`subset`], `None` for any other.
fn read_subset(
    document: &[u8],
    local: &dyn Fn(&str) -> bool,
) -> Option<Result<Vec<usize>, String>> {
    let mut guard = Guard {
        heads: Vec::new(),
        local,
    };
    let read = subset::read(document, &mut guard)?;
    Some(read.map(|()| guard.heads))
}

/// [`scan`]'s reading of any document, with lol_html. Names and values are read in place
/// in `document` (lol_html gives their spans): copying the attributes of every element was
/// a third of this pass.
fn read_all(document: &[u8], local: &dyn Fn(&str) -> bool) -> Result<Vec<usize>, String> {
    let problem: RefCell<Option<String>> = RefCell::new(None);
    let guard = RefCell::new(Guard {
        heads: Vec::new(),
        local,
    });
    let css = RefCell::new(String::new());
    let fail = |what: String| {
        problem.borrow_mut().get_or_insert(what);
        "refused".into()
    };
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el: &mut Element| {
            let start = el.source_location().bytes();
            let tag = tag_name(&document[start.clone()]);
            debug_assert_eq!(tag.to_ascii_lowercase(), el.tag_name());
            // `<p>`: no attributes to read (asking lol_html for them costs two allocations).
            let bare = start.len() == tag.len() + 2;
            debug_assert!(!bare || el.attributes().is_empty());
            let attrs: &[Attribute] = if bare { &[] } else { el.attributes() };
            let attrs = attrs.iter().map(|a| name_and_value(document, a));
            guard
                .borrow_mut()
                .element(&tag, start.end, attrs)
                .map_err(fail)
        }))
        .append_element_content_handler(text!("style", |chunk| {
            css.borrow_mut().push_str(chunk.as_str());
            if chunk.last_in_text_node() {
                let text = std::mem::take(&mut *css.borrow_mut());
                check_css(&text).map_err(fail)?;
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let result = rewriter.write(document).and_then(|()| rewriter.end());
    if let Some(what) = problem.take() {
        return Err(what);
    }
    result.map_err(|e| format!("cannot be read as HTML ({e})"))?;
    Ok(guard.into_inner().heads)
}

/// The name in a start tag as written (`<Head class=…>` → `Head`): it ends where the HTML
/// tokenizer ends it.
fn tag_name(start_tag: &[u8]) -> Cow<'_, str> {
    let name = start_tag.get(1..).unwrap_or_default();
    let end = name
        .iter()
        .position(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        .unwrap_or(name.len());
    String::from_utf8_lossy(&name[..end])
}

/// An attribute's name and value as written (entities not decoded, as lol_html gives
/// them), borrowed from the document.
fn name_and_value<'d>(document: &'d [u8], attr: &Attribute) -> (Cow<'d, str>, Cow<'d, str>) {
    let written = |span: SourceLocation| String::from_utf8_lossy(&document[span.bytes()]);
    let Some(name) = attr.name_source_location() else {
        return (attr.name().into(), attr.value().into());
    };
    let value = attr
        .value_source_location()
        .map_or(Cow::Borrowed(""), written);
    debug_assert_eq!(value, attr.value());
    (written(name), value)
}

fn check_element<'a>(
    tag: &str,
    attrs: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)> + Clone,
    local: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let is = |name: &str, expected: &str| name.eq_ignore_ascii_case(expected);
    if FORBIDDEN.iter().any(|f| is(tag, f)) {
        return Err(format!("has a <{}> element", tag.to_ascii_lowercase()));
    }
    if is(tag, "meta")
        && let Some((_, equiv)) = attrs.clone().find(|(name, _)| is(name, "http-equiv"))
        && !["content-security-policy", "content-type"]
            .contains(&equiv.trim().to_ascii_lowercase().as_str())
    {
        return Err(format!("has <meta http-equiv=\"{}\">", shown(&equiv)));
    }
    for (name, value) in attrs {
        let bad = |rule: &str| {
            format!(
                "has <{} {}=\"{}\"> ({rule})",
                tag.to_ascii_lowercase(),
                name.to_ascii_lowercase(),
                shown(&value)
            )
        };
        if name.get(..2).is_some_and(|on| is(on, "on")) {
            return Err(bad("an event handler runs script"));
        }
        if is(&name, "style") {
            check_css(&value)?;
        } else if is(&name, "srcset") || is(&name, "imagesrcset") {
            if !srcset_urls(&value).into_iter().all(is_embedded_image) {
                return Err(bad("only embedded images may be loaded"));
            }
        } else if ((is(tag, "a") || is(tag, "area"))
            && (is(&name, "href") || is(&name, "xlink:href")))
            || is(&name, "cite")
        {
            if link_target(&value).is_err() && !local(&value) {
                return Err(bad("links go only to http(s), mailto or #anchor"));
            }
        } else if LOADED.iter().any(|l| is(&name, l))
            && !(is_embedded_image(&value) || value.trim_start().starts_with('#'))
        {
            return Err(bad(
                "only embedded images may be loaded; use embed(path=...)",
            ));
        }
    }
    Ok(())
}

/// The URLs of a `srcset`, as the HTML standard splits it: each candidate is a run of
/// non-space characters (a `data:` URI keeps its comma) with trailing commas dropped,
/// then descriptors up to the next comma.
fn srcset_urls(srcset: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = &rest[..end];
        rest = &rest[end..];
        if url.ends_with(',') {
            urls.push(url.trim_end_matches(','));
        } else {
            urls.push(url);
            rest = rest.split_once(',').map_or("", |(_, after)| after);
        }
    }
}

thread_local! {
    /// The last style sheet that passed: every document of a render carries the template's
    /// same sheet, and reading it again for each was a twentieth of an HTML render.
    static PASSED_CSS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// CSS may load nothing but embedded images.
fn check_css(css: &str) -> Result<(), String> {
    if css.len() > 256 && PASSED_CSS.with_borrow(|passed| passed == css) {
        return Ok(());
    }
    check_css_text(css)?;
    if css.len() > 256 {
        PASSED_CSS.with_borrow_mut(|passed| css.clone_into(passed));
    }
    Ok(())
}

fn check_css_text(css: &str) -> Result<(), String> {
    let css = css_plain(css);
    for forbidden in [
        "@import",
        "image-set(",
        "expression(",
        "-moz-binding",
        "behavior:",
    ] {
        if css.contains(forbidden) {
            return Err(format!("has CSS `{forbidden}`"));
        }
    }
    for (at, _) in css.match_indices("url(") {
        let arg = css[at + 4..].split(')').next().unwrap_or_default();
        let url = arg.trim().trim_matches(['"', '\'']).trim();
        if !(is_embedded_image(url) || url.starts_with('#')) {
            return Err(format!("has CSS url({})", shown(url)));
        }
    }
    Ok(())
}

/// CSS lower-cased, comments removed and escapes decoded (`u\72l(` is `url(`), so the
/// scan sees what the browser would. Removing a comment may join tokens the browser keeps
/// apart; that only makes the scan stricter.
fn css_plain(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_ascii() && c != '\\' {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c != '\\' {
            out.extend(c.to_lowercase());
            continue;
        }
        let hex: String = rest
            .chars()
            .take(6)
            .take_while(char::is_ascii_hexdigit)
            .collect();
        if hex.is_empty() {
            if let Some(next) = rest.chars().next() {
                rest = &rest[next.len_utf8()..];
                if next != '\n' {
                    out.extend(next.to_lowercase());
                }
            }
            continue;
        }
        rest = &rest[hex.len()..];
        rest = rest.strip_prefix([' ', '\t', '\n']).unwrap_or(rest);
        let decoded = u32::from_str_radix(&hex, 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        out.extend(decoded.to_lowercase());
    }
    out
}

/// A value as a message shows it: short, one line.
fn shown(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// Check a Markdown document.
pub fn markdown(document: &str, template: &str) -> Result<(), Refused> {
    let arena = Arena::new();
    let root = parse_document(&arena, document, &options());
    for node in root.descendants() {
        let what = match &node.data.borrow().value {
            NodeValue::HtmlInline(html) if html.trim().eq_ignore_ascii_case("<br>") => None,
            NodeValue::HtmlInline(html) => Some(format!("has raw HTML `{}`", shown(html))),
            NodeValue::HtmlBlock(block) => {
                Some(format!("has raw HTML `{}`", shown(&block.literal)))
            }
            NodeValue::Link(link) => link_target(&link.url)
                .err()
                .map(|e| format!("links to an address that is not allowed ({e})")),
            NodeValue::Image(link) if !is_embedded_image(&link.url) => {
                Some(format!("shows the image `{}`", shown(&link.url)))
            }
            _ => None,
        };
        if let Some(what) = what {
            return Err(Refused {
                template: template.to_string(),
                what,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(html: &str) -> String {
        let doc =
            format!("<!DOCTYPE html><html><head><title>t</title></head><body>{html}</body></html>");
        match super::html(&doc, "t.html") {
            Ok(_) => panic!("accepted: {html}"),
            Err(e) => e.what,
        }
    }

    #[test]
    fn scripts_handlers_and_loads_are_refused() {
        for payload in [
            "<script>x()</script>",
            "<svg><script>x()</script></svg>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"logo.png\">",
            "<img src=\"http://127.0.0.1/p.png\">",
            "<img srcset=\"a.png 1x, data:image/png;base64,AA 2x\">",
            "<img srcset=\"data:image/png;base64,AA 1x,b.png 2x\">",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<a href=\"policy.pdf\">x</a>",
            "<iframe src=\"https://example.com\"></iframe>",
            "<meta http-equiv=\"refresh\" content=\"0;url=file:///etc/passwd\">",
            "<div style=\"background:u\\72l(http://h/x)\">x</div>",
            "<style>body{background:url( 'http://h/x' )}</style>",
            "<style>@import 'x.css';</style>",
            "<svg><image href=\"http://h/x.png\"/></svg>",
            "<a href=\"https://example.com\" ping=\"https://t.example\">x</a>",
            "<ScRiPt>x()</sCrIpT>",
            "<IMG SRC=\"data:image/png;base64,AA\" OnError=\"alert(1)\">",
            "<A HREF=\"javascript:alert(1)\">x</A>",
            "<p\tonclick=x>y</p>",
            "<div STYLE=\"background:url(http://h/x)\">x</div>",
        ] {
            refused(payload);
        }
    }

    #[test]
    fn the_csp_is_added_and_safe_documents_pass() {
        let doc = "<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style></head><body><a href=\"#x\">x</a><a href=\"https://example.com\">e</a><a href=\"mailto:a@example.com\">m</a><img src=\"data:image/png;base64,AAAA\"></body></html>";
        let out = html(doc, "t.html").unwrap();
        assert!(out.starts_with(&format!("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><title>")), "{out}");
    }

    #[test]
    fn the_csp_follows_every_head_start_tag_in_text_and_bytes_alike() {
        let doc = "<!DOCTYPE html><HTML><HEAD lang=\"ja\"\n class=\"a>b\"><title>表</title></HEAD><body>本文</body></HTML>";
        let out = html(doc, "t.html").unwrap();
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
        assert_eq!(
            out,
            doc.replacen("class=\"a>b\">", &format!("class=\"a>b\">{meta}"), 1)
        );
        assert_eq!(html_bytes(doc.into(), "t.html").unwrap(), out.into_bytes());
        let before = "<!DOCTYPE html><html><p>x</p><head></head></html>";
        assert!(
            html_bytes(before.into(), "t.html")
                .unwrap_err()
                .what
                .contains("<p> before <head>")
        );
    }

    /// Documents made at random from the pieces where readings of HTML part ways: each one
    /// the subset reader takes, it reads as lol_html does (same start tags, attributes and
    /// style sheets seen, so the same verdict, message and CSP places).
    #[test]
    fn the_subset_reader_reads_as_lol_html_does() {
        const PIECES: &[&str] = &[
            "<",
            ">",
            "/",
            "/>",
            "=",
            "\"",
            "'",
            " ",
            "\t",
            "\n",
            "\r",
            "\0",
            "`",
            "&",
            "&quot;",
            "a",
            "p",
            "on",
            "日本",
            "<p>",
            "</p>",
            "<P CLASS=x>",
            "<a href=\"",
            "<a href=",
            "https://e.example/",
            "javascript:alert(1)",
            "#top",
            "mailto:a@e.example",
            "<img src=",
            "data:image/png;base64,AA",
            " onclick=x",
            " ONERROR=",
            " style=\"",
            "color:red",
            "url(http://h/x)",
            "<style>",
            "</style>",
            "</STYLE ",
            "</style",
            "<style/>",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<head>",
            "<HEAD class=\"a>b\">",
            "<html>",
            "<script>",
            "</script>",
            "<svg>",
            "<math>",
            "<noscript>",
            "<xmp>",
            "<iframe>",
            "<plaintext>",
            "<!--",
            "-->",
            "<!",
            "<?",
            "<!DOCTYPE html>",
            "<meta http-equiv=refresh content=0>",
            "<meta http-equiv=\"Content-Type\" content=x>",
            "<base href=x>",
            "<br/>",
            "<br />",
            "<a/href=x>",
            "<img src=x srcset=\"a 1x\">",
            "<div data-x='y'>",
            "<a href=x\"y>",
            "<a b=c d>",
            "<x-y>",
            "<h1>",
            "</",
            "</ p>",
            "<a href='#x'/>",
            "<STYLE>",
            "<Title>",
            "</TITLE>",
            "</TEXTAREA>",
            "<select>",
            "<table>",
            "<a title=\"</style>\">",
            "<a href=/x/>",
            "\u{3000}",
            "<!doctype HTML>",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let (mut taken, mut refused) = (0, 0);
        for n in 0..40_000 {
            let mut doc = String::new();
            if n % 2 == 0 {
                doc.push_str("<!DOCTYPE html><html lang=ja><head>");
            }
            for _ in 0..next(24) {
                doc.push_str(PIECES[next(PIECES.len())]);
            }
            if let Some(fast) = read_subset(doc.as_bytes(), &|_| false) {
                assert_eq!(fast, read_all(doc.as_bytes(), &|_| false), "{doc:?}");
                taken += 1;
                refused += usize::from(fast.is_err());
            }
        }
        // Enough of both kinds for the comparison to mean something.
        assert!(
            taken > 10_000 && refused > 2_000 && taken - refused > 2_000,
            "{taken} taken, {refused} refused"
        );
    }

    #[test]
    fn a_document_like_the_built_in_ones_is_read_by_the_subset_reader() {
        let doc = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>本書 &amp; 付録</title>\n<style>\nbody { color: #222; }\n</style>\n</head>\n<body class=\"\">\n<nav class=\"toc\" id=\"contents\"><ol><li><a href=\"#clause-5-1-1\"><span class=\"toc-id\">A.5.1.1</span> 方針</a></li></ol></nav>\n<table><tr><td class=\"mark\">●</td></tr></table><img src=\"data:image/png;base64,AA\" alt=\"図\"><br/></body>\n</html>\n";
        let read = read_subset(doc.as_bytes(), &|_| false).expect("in the subset");
        assert_eq!(read, read_all(doc.as_bytes(), &|_| false));
        assert_eq!(
            read.unwrap(),
            vec![doc.find("<head>").unwrap() + "<head>".len()]
        );
        for outside in ["<!-- c -->", "<svg></svg>", "<p>\r\n</p>", "<a href=x\"y>"] {
            let doc = doc.replace("<br/>", outside);
            assert!(
                read_subset(doc.as_bytes(), &|_| false).is_none(),
                "{outside}"
            );
        }
    }

    /// The built-in whitepaper in every edition and language of the shipped example is read
    /// by the subset reader: the speed of an HTML render depends on it.
    #[test]
    fn the_built_in_whitepapers_are_read_by_the_subset_reader() {
        use crate::render::{AuditOptions, Edition, Format, Renderer};
        let renderer = Renderer::new(None, Default::default()).unwrap();
        let audit = AuditOptions {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            review_max_age_days: 365,
        };
        let editions = [
            Edition::default(),
            Edition {
                draft: true,
                ..Edition::default()
            },
            Edition {
                nda: true,
                ..Edition::default()
            },
            Edition {
                audit: Some(audit),
                ..Edition::default()
            },
        ];
        for lang in ["ja", "en"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("examples/tsumiki-cloud.{lang}.yaml"));
            let bytes = std::fs::read(&path).unwrap();
            let catalog = crate::catalog::load_bytes(&path, bytes).unwrap();
            for edition in editions {
                let doc = renderer
                    .render(&catalog, Format::Html, None, edition, &[])
                    .unwrap();
                let read = read_subset(&doc, &|_| false);
                assert!(
                    read.is_some_and(|r| r.is_ok()),
                    "{lang} {:?} left the subset",
                    edition.audience()
                );
            }
        }
    }

    #[test]
    fn srcset_is_split_as_browsers_do() {
        assert_eq!(
            srcset_urls("data:image/png;base64,A,B 1x,b.png 2x, c.png,d.png"),
            vec!["data:image/png;base64,A,B", "b.png", "c.png,d.png"]
        );
    }

    #[test]
    fn markdown_allows_cell_breaks_only() {
        assert!(markdown("| a |\n|---|\n| x<br>y |\n\n<https://example.com>", "t.md").is_ok());
        assert!(markdown("a <script>x</script>", "t.md").is_err());
        assert!(markdown("[x](javascript:alert(1))", "t.md").is_err());
        assert!(markdown("![x](http://h/p.png)", "t.md").is_err());
        assert!(markdown("![x](data:image/png;base64,AA)", "t.md").is_ok());
    }
}
