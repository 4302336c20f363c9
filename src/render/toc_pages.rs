//! Page numbers in the PDF's table of contents. Chromium does not support CSS
//! `target-counter()`, so the PDF is printed, the page of every link target is read back
//! from the printed file, and the numbers are written into the contents for the next print.
//!
//! Chromium's PDF writer (Skia) keeps every link target of the document in the catalog's
//! `/Dests` dictionary (`/anchor [page-ref /XYZ x y 0]`), with plain-text dictionaries (no
//! object streams). So a small reader suffices: object offsets, the page tree in order, and
//! that one dictionary. Anything it does not recognise is an error, never a wrong number.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

/// Page-tree depth at which the reader gives up: Skia's tree is a few levels deep.
const MAX_DEPTH: usize = 16;

/// The 1-based page number of every named destination (`id` that a link points to).
pub fn destinations(pdf: &[u8]) -> Result<BTreeMap<String, usize>> {
    let text = String::from_utf8_lossy(pdf);
    let objects = object_offsets(&text);
    let body = |num: u32| -> Result<&str> {
        let start = *objects
            .get(&num)
            .with_context(|| format!("object {num} is missing"))?;
        let rest = &text[start..];
        let end = rest.find("endobj").context("object without endobj")?;
        Ok(&rest[..end])
    };
    let root = trailer_ref(&text, "/Root").context("no /Root in the trailer")?;
    let catalog = body(root)?;
    let pages_root = dict_ref(catalog, "/Pages").context("no /Pages in the catalog")?;
    let mut pages = Vec::new();
    collect_pages(&body, pages_root, 0, &mut pages)?;
    let index: BTreeMap<u32, usize> = pages.iter().enumerate().map(|(i, p)| (*p, i + 1)).collect();
    let Some(dests) = dict_ref(catalog, "/Dests") else {
        return Ok(BTreeMap::new());
    };
    let mut found = BTreeMap::new();
    for (name, page) in dest_entries(body(dests)?) {
        let number = *index
            .get(&page)
            .with_context(|| format!("destination /{name} points to no page"))?;
        found.insert(name, number);
    }
    Ok(found)
}

/// `N 0 obj` → byte offset just after it (the last definition wins, as in an update).
fn object_offsets(text: &str) -> BTreeMap<u32, usize> {
    let re = regex::Regex::new(r"(?m)^(\d+) 0 obj\b").expect("valid regex");
    re.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((c[1].parse().ok()?, m.end()))
        })
        .collect()
}

fn trailer_ref(text: &str, key: &str) -> Option<u32> {
    let trailer = &text[text.rfind("trailer")?..];
    dict_ref(trailer, key)
}

/// The object number of `key N 0 R` in a dictionary's text.
fn dict_ref(dict: &str, key: &str) -> Option<u32> {
    let re = regex::Regex::new(&format!(r"{}\s+(\d+)\s+0\s+R", regex::escape(key))).ok()?;
    re.captures(dict)?[1].parse().ok()
}

fn collect_pages<'a>(
    body: &impl Fn(u32) -> Result<&'a str>,
    node: u32,
    depth: usize,
    out: &mut Vec<u32>,
) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("the page tree is deeper than {MAX_DEPTH}");
    }
    let dict = body(node)?;
    if !dict.contains("/Type /Pages") {
        out.push(node);
        return Ok(());
    }
    let kids = dict
        .split_once("/Kids")
        .and_then(|(_, rest)| rest.split_once('[')?.1.split_once(']'))
        .context("a page-tree node without /Kids")?
        .0;
    let re = regex::Regex::new(r"(\d+)\s+0\s+R").expect("valid regex");
    for kid in re.captures_iter(kids) {
        collect_pages(body, kid[1].parse()?, depth + 1, out)?;
    }
    Ok(())
}

/// `/name [P 0 R /XYZ ...]` entries of the `/Dests` dictionary.
fn dest_entries(dict: &str) -> Vec<(String, u32)> {
    let re = regex::Regex::new(r"/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R").expect("valid regex");
    re.captures_iter(dict)
        .filter_map(|c| Some((decode_name(&c[1])?, c[2].parse().ok()?)))
        .collect()
}

/// A PDF name's `#xx` escapes, back to the UTF-8 of the HTML `id`.
fn decode_name(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The links of the contents that get a page number (a macro: [`PAGE_SELECTOR`] extends it).
macro_rules! entries {
    () => {
        "nav.toc a[href^='#']"
    };
}
const ENTRIES: &str = entries!();

/// What [`fill`] puts after each entry's leader: the page of the entry's target.
pub const PAGE_SELECTOR: &str = concat!(entries!(), " > span.toc-page");

/// The contents with their page numbers, and the entries' targets in document order: the
/// order of the page spans in the filled page (what [`PAGE_SELECTOR`] finds there).
pub struct Filled {
    pub html: String,
    pub targets: Vec<String>,
}

/// Append a dot leader and `<span class="toc-page">N</span>` to every `#anchor` link of the contents
/// (`nav.toc`); `pages` gives N, and `placeholder` stands where a target has no page yet.
pub fn fill(html: &str, pages: &BTreeMap<String, usize>, placeholder: &str) -> Result<Filled> {
    let targets = std::cell::RefCell::new(Vec::new());
    let settings =
        RewriteStrSettings::new().append_element_content_handler(element!(ENTRIES, |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let target = href[1..].to_string();
            let page = page_text(pages, &target, placeholder);
            el.append(
                &format!(
                    "<span class=\"toc-leader\" aria-hidden=\"true\"></span>{}",
                    page_span(&page)
                ),
                ContentType::Html,
            );
            targets.borrow_mut().push(target);
            Ok(())
        }));
    let html = rewrite_str(html, settings)?;
    Ok(Filled {
        html,
        targets: targets.into_inner(),
    })
}

/// The number shown for `target`: its page, else `placeholder`.
pub fn page_text(pages: &BTreeMap<String, usize>, target: &str, placeholder: &str) -> String {
    pages
        .get(target)
        .map_or_else(|| placeholder.to_string(), |p| p.to_string())
}

/// The page span as [`fill`] writes it.
pub fn page_span(page: &str) -> String {
    format!("<span class=\"toc-page\">{page}</span>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decode_escapes() {
        assert_eq!(decode_name("a#2Eb").as_deref(), Some("a.b"));
        assert_eq!(decode_name("x#E3#81#82").as_deref(), Some("xあ"));
        assert_eq!(decode_name("bad#Z"), None);
    }
}
