//! Statements that are plain prose, recognised without a Markdown parse and written as the
//! parse would write them.
//!
//! Most statements are paragraphs of prose, some with a `- ` list: no syntax any Markdown
//! reader sees. For those, the inert Markdown is the text itself and the HTML is a few
//! tags around escaped lines; parsing them with comrak cost more than the rest of a
//! render. The tests in `markdown.rs` hold both to the parser's output over every text
//! built from a set of tricky pieces.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// One block of a plain text: its lines (of a list: each item's text after `- `).
pub(super) enum Block<'t> {
    Paragraph(Vec<&'t str>),
    List(Vec<&'t str>),
}

/// The blocks of `text` (end already trimmed) when it is plain (none when it is empty):
/// paragraphs and `- ` lists separated by one blank line, each line plain as
/// [`is_plain_line`] says. A paragraph line right after a list item, or an item right after
/// a paragraph line, is not plain (the parser would join them), nor are two lists one blank
/// line apart (one loose list), nor `www.` anywhere (an autolink).
pub(super) fn blocks(text: &str) -> Option<Vec<Block<'_>>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    if has_www(text.as_bytes()) || has_control_or_space(text.as_bytes()) {
        return None;
    }
    let mut blocks = Vec::new();
    let mut current: Option<Block<'_>> = None;
    for line in text.split('\n') {
        if line.is_empty() {
            // A blank line ends a block; a leading or second blank line is not plain.
            push(&mut blocks, current.take()?)?;
            continue;
        }
        let item = line.strip_prefix("- ");
        if !is_plain_line(item.unwrap_or(line)) {
            return None;
        }
        match (&mut current, item) {
            (None, Some(item)) => current = Some(Block::List(vec![item])),
            (None, None) => current = Some(Block::Paragraph(vec![line])),
            (Some(Block::List(items)), Some(item)) => items.push(item),
            (Some(Block::Paragraph(lines)), None) => lines.push(line),
            _ => return None,
        }
    }
    push(&mut blocks, current?)?;
    Some(blocks)
}

/// Add `block` after `blocks`, unless two lists would meet.
fn push<'t>(blocks: &mut Vec<Block<'t>>, block: Block<'t>) -> Option<()> {
    if matches!(
        (blocks.last(), &block),
        (Some(Block::List(_)), Block::List(_))
    ) {
        return None;
    }
    blocks.push(block);
    Some(())
}

/// Whether `www.` (any case) is in `bytes`, looked for from each `.`.
fn has_www(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// Whether a non-ASCII control or space is in `bytes`, looked for from the lead bytes
/// they can start with (each a char boundary in UTF-8) with memchr, not char by char.
fn has_control_or_space(bytes: &[u8]) -> bool {
    // Built once: `memmem::find` builds its searcher on every call, and most texts are short.
    static IDEOGRAPHIC_SPACE: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new("\u{3000}".as_bytes()));
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(|i| control_or_space(&bytes[i..]))
        || IDEOGRAPHIC_SPACE.find(bytes).is_some()
}

/// A line no Markdown reader sees syntax in: letters, digits and non-ASCII characters
/// (neither control nor space: [`blocks`] has looked for those), single spaces between
/// them, and the punctuation of prose (`A.12.3.1`, `ISO/IEC 27017:2015`, `(7 days)`) where
/// it starts nothing: `-+=:` not first on the line, `.)` not after the line's leading
/// digits and before a space (a list item), `:` not before `/` (`https://`, an autolink).
/// Only ASCII bytes need a look, so eight bytes with their high bits set (a run of
/// Japanese) are passed at once: decoding every char cost more than the check.
fn is_plain_line(line: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = line.as_bytes();
    if bytes.is_empty() || bytes[0] == b' ' || bytes[bytes.len() - 1] == b' ' {
        return false;
    }
    let leading_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            && u64::from_ne_bytes(word) & HIGH == HIGH
        {
            i += 8;
            continue;
        }
        if !ORDINARY[usize::from(bytes[i])] && !plain_at(bytes, i, leading_digits) {
            return false;
        }
        i += 1;
    }
    true
}

/// Bytes that are plain wherever they stand: ASCII letters and digits, and every byte of a
/// non-ASCII char.
static ORDINARY: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte >= 0x80;
        b += 1;
    }
    table
};

/// Whether the ASCII byte at `i` of a line is plain where it stands (see
/// [`is_plain_line`]).
fn plain_at(bytes: &[u8], i: usize, leading_digits: usize) -> bool {
    let b = bytes[i];
    let marker = i > 0 && i == leading_digits && bytes.get(i + 1).is_none_or(|&n| n == b' ');
    (b == b' ' && bytes[i - 1] != b' ')
        || matches!(b, b',' | b'(' | b'/' | b'\'' | b'"' | b';' | b'?' | b'%')
        || (matches!(b, b'-' | b'+' | b'=') && i > 0)
        || (b == b':' && i > 0 && bytes.get(i + 1) != Some(&b'/'))
        || (matches!(b, b'.' | b')') && !marker)
}

/// Whether UTF-8 `bytes` start with a non-ASCII control (U+0080–U+009F) or space (U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000): every char
/// that is both `!is_ascii()` and `is_control() || is_whitespace()` (a test checks all).
fn control_or_space(bytes: &[u8]) -> bool {
    match *bytes {
        [0xC2, b, ..] => b <= 0xA0,
        [0xE1, 0x9A, 0x80, ..] | [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] => true,
        [0xE2, 0x80, b, ..] => b <= 0x8A || matches!(b, 0xA8 | 0xA9 | 0xAF),
        _ => false,
    }
}

/// The HTML the parser writes for `blocks`.
pub(super) fn html(blocks: &[Block<'_>]) -> String {
    let mut html = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(lines) => {
                html.push_str("<p>");
                escaped_lines(&mut html, lines, "\n");
                html.push_str("</p>\n");
            }
            Block::List(items) => {
                html.push_str("<ul>\n<li>");
                escaped_lines(&mut html, items, "</li>\n<li>");
                html.push_str("</li>\n</ul>\n");
            }
        }
    }
    html
}

/// `lines` joined by `between`; of the characters HTML escapes only `"` can be in a plain line.
fn escaped_lines(html: &mut String, lines: &[&str], between: &str) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            html.push_str(between);
        }
        for (j, piece) in line.split('"').enumerate() {
            if j > 0 {
                html.push_str("&quot;");
            }
            html.push_str(piece);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_or_space_is_every_non_ascii_control_or_space() {
        let mut buf = [0; 4];
        for c in (0x80..=char::MAX as u32).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(
                super::control_or_space(bytes),
                c.is_control() || c.is_whitespace(),
                "{c:?}"
            );
        }
    }
}
