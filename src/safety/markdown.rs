//! The links and images of a Markdown text, found the way `render` will read them.
//!
//! `check` reports unsafe links and images at the place they are written, and `render`
//! drops or embeds them; both parse with [`options`], so every URL the renderer would see
//! (inline links, `<autolinks>`, bare `https://` autolinks, reference definitions where
//! they are used) is a URL `check` has judged.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

/// GFM as statements are written; raw HTML is escaped, never passed through.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// A link or image in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub image: bool,
    /// The URL as the renderer sees it (entities and escapes decoded).
    pub url: String,
    /// Byte offset in the text where the link starts (`[`, `!`, `<` or the bare URL).
    pub offset: usize,
    /// The text from `offset` to the end of the link's first line, to find it in the source.
    pub written: String,
}

/// Every link and image of `text`, in order.
pub fn targets(text: &str) -> Vec<Target> {
    if !may_link(text) {
        return Vec::new();
    }
    parsed_targets(text)
}

fn parsed_targets(text: &str) -> Vec<Target> {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    let starts = line_starts(text);
    root.descendants()
        .filter_map(|node| target(node, text, &starts))
        .collect()
}

/// Whether `text` has what every link or image under [`options`] is made from: `[` (links,
/// images, references), `<` (autolinks), `:` (bare `scheme://`), `@` (bare e-mail) or `www.`.
/// Most statements have none, and parsing them as Markdown was a tenth of a one-catalog check.
/// Byte searches (SIMD), not `str::contains` with a set of chars, which decodes every char.
fn may_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'[', b'<', b':', bytes).is_some()
        || memchr::memchr(b'@', bytes).is_some()
        || memchr::memmem::find(bytes, b"www.").is_some()
}

fn target<'a>(node: &'a AstNode<'a>, text: &str, starts: &[usize]) -> Option<Target> {
    let data = node.data.borrow();
    let (image, url) = match &data.value {
        NodeValue::Link(link) => (false, link.url.clone()),
        NodeValue::Image(link) => (true, link.url.clone()),
        _ => return None,
    };
    let start = data.sourcepos.start;
    let offset = starts
        .get(start.line.saturating_sub(1))
        .map_or(0, |s| s + start.column.saturating_sub(1))
        .min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&o| text.is_char_boundary(o))
        .unwrap_or(0);
    let written = text[offset..]
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    Some(Target {
        image,
        url,
        offset,
        written,
    })
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_a_link_start_is_not_parsed_and_has_no_link() {
        let linked = [
            "[a](https://example.com)",
            "![i](x.png)",
            "<https://example.com>",
            "https://example.com",
            "mail a@example.com",
            "www.example.com",
            "[a]\n\n[a]: https://example.com",
        ];
        for text in linked {
            assert!(may_link(text), "{text}");
            assert_eq!(targets(text).len(), 1, "{text}");
        }
        for text in [
            "年 1 回、A.12.3.1 を改訂。",
            "WWW ＨＴＴＰＳ：／／",
            "a * b _c_ `d`",
        ] {
            assert!(!may_link(text), "{text}");
            assert!(parsed_targets(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_kind_of_link_is_found_where_written() {
        let text = "a [x](javascript:alert(1)) b\n\n<data:text/html,x> ![p](http://h/p.png)\n\n[r][d]\n\n[d]: vbscript:x\n";
        let found = targets(text);
        let urls: Vec<(&str, bool, usize)> = found
            .iter()
            .map(|t| (t.url.as_str(), t.image, t.offset))
            .collect();
        assert_eq!(
            urls,
            vec![
                ("javascript:alert(1)", false, 2),
                ("data:text/html,x", false, 30),
                ("http://h/p.png", true, 49),
                ("vbscript:x", false, 71),
            ]
        );
        assert_eq!(found[2].written, "![p](http://h/p.png)");
    }

    proptest::proptest! {
        /// Skipping the parse loses no link: text without those marks has none.
        #[test]
        fn text_without_the_marks_has_no_link(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "w", "W", "ww.", "WWW.", "www", ".", "http", "mailto", "/", "(", ")", "]", "!",
                "a", "x.com", "ｗ", "＠", "［", "＜", "：", "&#91;", "&lt;", "&#58;", "\\", " ",
                "\n", "|", "-", "*", "`", "~", "#", "1.", "参照",
            ]), 0..30)
        ) {
            let text = parts.concat();
            if !may_link(&text) {
                proptest::prop_assert!(parsed_targets(&text).is_empty());
            }
        }
    }
}
