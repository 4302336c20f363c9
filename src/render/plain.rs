//! Statements that are plain prose, recognised without a Markdown parse and written as the
//! parse would write them.
//!
//! Most statements are paragraphs of prose, some with a `- ` list: no syntax any Markdown
//! reader sees. For those, the inert Markdown is the text itself and the HTML is a few
//! tags around escaped lines; parsing them with comrak cost more than the rest of a
//! render. The tests in `markdown.rs` hold both to the parser's output over every text
//! built from a set of tricky pieces.

/// One block of a plain text: its lines (of a list: each item's text after `- `).
pub(super) enum Block<'t> {
    Paragraph(Vec<&'t str>),
    List(Vec<&'t str>),
}

/// The blocks of `text` (end already trimmed) when it is plain (none when it is empty):
/// paragraphs and `- ` lists,
/// separated by one blank line, each line plain as [`is_plain_line`] says. A paragraph line
/// right after a list item, or an item right after a paragraph line, is not plain (the
/// parser would join them), nor are two lists one blank line apart (one loose list), nor
/// `www.` anywhere (an autolink).
pub(super) fn blocks(text: &str) -> Option<Vec<Block<'_>>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    if has_www(text.as_bytes()) {
        return None;
    }
    let mut blocks = Vec::new();
    for chunk in text.split("\n\n") {
        let block = block(chunk)?;
        let lists_meet = matches!(
            (blocks.last(), &block),
            (Some(Block::List(_)), Block::List(_))
        );
        if lists_meet {
            return None;
        }
        blocks.push(block);
    }
    Some(blocks)
}

/// Whether `www.` (any case) is in `bytes`, looked for from each `.`.
fn has_www(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// One chunk between blank lines as a block: all its lines items, or none.
fn block(chunk: &str) -> Option<Block<'_>> {
    let lines: Vec<&str> = chunk.split('\n').collect();
    if lines[0].starts_with("- ") {
        let items: Option<Vec<&str>> = lines.iter().map(|l| l.strip_prefix("- ")).collect();
        items
            .filter(|items| items.iter().all(|i| is_plain_line(i)))
            .map(Block::List)
    } else {
        lines
            .iter()
            .all(|l| is_plain_line(l))
            .then_some(Block::Paragraph(lines))
    }
}

/// A line no Markdown reader sees syntax in: letters, digits and non-ASCII characters
/// (neither control nor space), single spaces between them, and the punctuation of prose
/// (`A.12.3.1`, `ISO/IEC 27017:2015`, `(7 days)`) where it starts nothing: `-+=:` not
/// first on the line, `.)` not after the line's leading digits and before a space (a list
/// item), `:` not before `/` (`https://`, an autolink).
fn is_plain_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.is_empty() || bytes[0] == b' ' || bytes[bytes.len() - 1] == b' ' {
        return false;
    }
    let leading_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // `i` is a byte offset; every ASCII char is one byte, so `bytes[i ± 1]` are its neighbours.
    line.char_indices().all(|(i, c)| {
        if !c.is_ascii() {
            return !c.is_control() && !c.is_whitespace();
        }
        let marker = i > 0 && i == leading_digits && bytes.get(i + 1).is_none_or(|&b| b == b' ');
        c.is_ascii_alphanumeric()
            || (c == ' ' && bytes[i - 1] != b' ')
            || matches!(c, ',' | '(' | '/' | '\'' | '"' | ';' | '?' | '%')
            || (matches!(c, '-' | '+' | '=') && i > 0)
            || (c == ':' && i > 0 && bytes.get(i + 1) != Some(&b'/'))
            || (matches!(c, '.' | ')') && !marker)
    })
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
