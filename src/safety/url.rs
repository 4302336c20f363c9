//! Which link targets a published document may carry.
//!
//! Browsers strip leading and trailing spaces and control characters from a URL and drop
//! tabs and line breaks inside it (`java\tscript:` is `javascript:`), so the scheme is read
//! the same way before it is judged. Anything that is not `http(s)://host`, `mailto:` or a
//! fragment is refused: `javascript:`, `data:` and `vbscript:` run code, `file:` reads the
//! reader's disk, and a relative path or `//host` becomes `file:///tmp/...` (leaking the
//! build path) or a request to a host the author never named once the HTML is printed.

use std::borrow::Cow;

/// Where an allowed link goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// `http://` or `https://` with a host.
    Web,
    Mail,
    /// `#fragment`: a place in the same document.
    Anchor,
}

/// Why a URL may not appear in a published document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeUrl {
    #[error("it is empty")]
    Empty,
    /// The scheme, lower-cased, without its colon (so messages never print a live `javascript:`).
    #[error("it uses the `{0}` scheme")]
    Scheme(String),
    #[error(
        "it is a relative path, which the PDF turns into a link to a file on the build machine"
    )]
    Relative,
    #[error("it has no scheme (`//host`), so its protocol depends on where the document is opened")]
    ProtocolRelative,
    #[error("it names no host")]
    NoHost,
}

/// The URL as a browser reads it: outer spaces and controls trimmed, tabs and breaks removed.
///
/// This is also the URL that is published for an allowed link, so what was judged is what
/// is written: a Markdown writer would percent-encode a stripped control character
/// (`\x0chttps://…` → `%0Chttps://…`, a relative link). NUL never reaches a browser's URL
/// parser as NUL — Markdown and HTML parsers both read it as U+FFFD first — so it is
/// kept (as U+FFFD), not trimmed: `\0https://…` is a relative link, not a web address.
/// Borrowed when there is nothing to clean, as for nearly every URL: a render checks
/// every link of every document.
pub fn cleaned(url: &str) -> Cow<'_, str> {
    let edge = |c: char| c <= ' ';
    if !url.starts_with(edge)
        && !url.ends_with(edge)
        && !url
            .bytes()
            .any(|b| matches!(b, b'\0' | b'\t' | b'\n' | b'\r'))
    {
        return Cow::Borrowed(url);
    }
    Cow::Owned(
        url.replace('\0', "\u{fffd}")
            .trim_matches(edge)
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect(),
    )
}

/// The scheme of `url`, lower-cased, when it has one (`[A-Za-z][A-Za-z0-9+.-]*:`).
fn scheme(url: &str) -> Option<Cow<'_, str>> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| {
        if head.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(head.to_ascii_lowercase())
        } else {
            Cow::Borrowed(head)
        }
    })
}

fn is_protocol_relative(url: &str) -> bool {
    let mut chars = url.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    )
}

/// Whether `url` may be a link in a published document.
pub fn link_target(url: &str) -> Result<LinkTarget, UnsafeUrl> {
    let url = cleaned(url);
    if url.is_empty() {
        return Err(UnsafeUrl::Empty);
    }
    if url.starts_with('#') {
        return Ok(LinkTarget::Anchor);
    }
    match scheme(&url).as_deref() {
        Some("http" | "https") => {
            let rest = &url[url.find(':').map_or(0, |i| i + 1)..];
            let host = rest
                .trim_start_matches(['/', '\\'])
                .split(['/', '\\', '?', '#'])
                .next()
                .unwrap_or_default();
            if is_protocol_relative(rest) && !host.is_empty() {
                Ok(LinkTarget::Web)
            } else {
                Err(UnsafeUrl::NoHost)
            }
        }
        Some("mailto") => Ok(LinkTarget::Mail),
        Some(other) => Err(UnsafeUrl::Scheme(other.to_string())),
        None if is_protocol_relative(&url) => Err(UnsafeUrl::ProtocolRelative),
        None => Err(UnsafeUrl::Relative),
    }
}

/// What an image reference in Markdown points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageSource {
    /// `http(s)://` or `//host`: fetched from elsewhere, so refused (a tracking pixel, and a
    /// request from the build machine while printing).
    Remote(String),
    /// A path, to be found in the workspace and embedded.
    Local(String),
    /// Any other scheme (`data:`, `file:`, `javascript:`).
    Unsafe(UnsafeUrl),
}

pub fn image_source(url: &str) -> ImageSource {
    let clean = cleaned(url);
    match scheme(&clean).as_deref() {
        Some("http" | "https") => ImageSource::Remote(clean.into_owned()),
        Some(other) => ImageSource::Unsafe(UnsafeUrl::Scheme(other.to_string())),
        None if is_protocol_relative(&clean) => ImageSource::Remote(clean.into_owned()),
        None if clean.is_empty() => ImageSource::Unsafe(UnsafeUrl::Empty),
        None => ImageSource::Local(percent_decoded(&clean)),
    }
}

/// `my%20logo.png` names `my logo.png`, as a browser would read it. Invalid escapes and
/// escapes that do not decode to UTF-8 are kept as written.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// The data URI prefixes a published image may have: the formats [`super::image`] embeds.
pub const IMAGE_DATA_PREFIXES: &[&str] = &[
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
];

/// Whether `url` is an image kanrisaku embedded (checked on finished documents).
pub fn is_embedded_image(url: &str) -> bool {
    let url = cleaned(url);
    IMAGE_DATA_PREFIXES
        .iter()
        .any(|p| url.len() >= p.len() && url[..p.len()].eq_ignore_ascii_case(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_anchors_pass() {
        assert_eq!(link_target("https://example.com/a"), Ok(LinkTarget::Web));
        assert_eq!(link_target("HTTP://example.com"), Ok(LinkTarget::Web));
        assert_eq!(link_target("mailto:a@example.com"), Ok(LinkTarget::Mail));
        assert_eq!(link_target("#clause-5-1-1"), Ok(LinkTarget::Anchor));
        for (url, err) in [
            (
                "javascript:alert(1)",
                UnsafeUrl::Scheme("javascript".into()),
            ),
            (
                " JaVa\tScRiPt:alert(1)",
                UnsafeUrl::Scheme("javascript".into()),
            ),
            ("\u{1}javascript:x", UnsafeUrl::Scheme("javascript".into())),
            ("data:text/html,x", UnsafeUrl::Scheme("data".into())),
            ("vbscript:x", UnsafeUrl::Scheme("vbscript".into())),
            ("file:///etc/passwd", UnsafeUrl::Scheme("file".into())),
            ("policy.pdf", UnsafeUrl::Relative),
            ("/etc/passwd", UnsafeUrl::Relative),
            ("//evil.example/x", UnsafeUrl::ProtocolRelative),
            ("\\\\evil.example/x", UnsafeUrl::ProtocolRelative),
            ("https:evil.example", UnsafeUrl::NoHost),
            ("", UnsafeUrl::Empty),
            // Found by the fuzzer: a parser reads NUL as U+FFFD, so this is no web address.
            ("\0\0https://example.com", UnsafeUrl::Relative),
        ] {
            assert_eq!(link_target(url), Err(err), "{url}");
        }
    }

    #[test]
    fn an_allowed_link_is_published_as_it_was_judged() {
        assert_eq!(
            cleaned("\u{c} https://example.com/\ta "),
            "https://example.com/a"
        );
        assert_eq!(cleaned("a\0b"), "a\u{fffd}b");
        assert_eq!(cleaned("\0"), "\u{fffd}");
        // Nothing to clean: the URL itself, not a copy.
        assert!(matches!(cleaned("https://例え.jp/a b"), Cow::Borrowed(_)));
        assert_eq!(scheme("HTTPS://x").as_deref(), Some("https"));
    }

    #[test]
    fn images_are_remote_local_or_refused() {
        assert!(matches!(
            image_source("http://host/p.png"),
            ImageSource::Remote(_)
        ));
        assert!(matches!(
            image_source("//host/p.png"),
            ImageSource::Remote(_)
        ));
        assert_eq!(
            image_source("img/my%20logo.png"),
            ImageSource::Local("img/my logo.png".into())
        );
        assert!(matches!(
            image_source("data:image/png;base64,AAAA"),
            ImageSource::Unsafe(UnsafeUrl::Scheme(s)) if s == "data"
        ));
        assert!(is_embedded_image("data:image/png;base64,AAAA"));
        assert!(!is_embedded_image("data:image/svg+xml;base64,AAAA"));
        assert!(!is_embedded_image("data:text/html;base64,AAAA"));
    }
}
