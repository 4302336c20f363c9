//! The plain HTML that templates write, read with byte searches: start tags with quoted or
//! plain attributes, end tags, text, one doctype, and the raw text of `<style>`, `<title>`
//! and `<textarea>`. That subset is tokenized the same way whatever the tree around it, so
//! no tree builder is needed; anything outside it (a comment, `<svg>`, `<noscript>`,
//! `<select>`, a stray quote in a name, a carriage return, ...) gives up the whole document
//! to lol_html.
//!
//! Why: lol_html's machinery for each element (the selector VM and its stack of open
//! elements) cost 0.2 ms per whitepaper, a tenth of an HTML render; this reading costs a
//! quarter of that. Debug builds read every document both ways and compare (so does the
//! differential test in the parent module): the two must see the same start tags,
//! attributes and style sheets, in the same order.

use memchr::{memchr, memchr2, memmem};

/// What the guard is shown, in document order.
pub(super) trait Visit<'d> {
    /// A start tag: its name and attributes as written (entities not decoded), and the
    /// offset just past its `>`.
    fn start_tag(
        &mut self,
        name: &'d str,
        end: usize,
        attrs: &[(&'d str, &'d str)],
    ) -> Result<(), String>;
    /// The text of a `<style>` element.
    fn style(&mut self, css: &'d str) -> Result<(), String>;
}

/// Read `document`, or `None` when it leaves the subset (the caller reads it again with
/// lol_html; what `visit` kept must be dropped). A refusal from `visit` ends the reading.
pub(super) fn read<'d>(
    document: &'d [u8],
    visit: &mut impl Visit<'d>,
) -> Option<Result<(), String>> {
    // A NUL is read as U+FFFD in places and a CR is folded into LF: positions would differ.
    if memchr2(0, b'\r', document).is_some() {
        return None;
    }
    let mut reader = Reader {
        doc: document,
        at: 0,
        attrs: Vec::new(),
    };
    reader.run(visit)
}

struct Reader<'d> {
    doc: &'d [u8],
    at: usize,
    attrs: Vec<(&'d str, &'d str)>,
}

/// Elements after whose start tag the tokenizer reads raw text or foreign content, that
/// depend on scripting, or inside or after which a browser may ignore a `<style>` and read
/// its text as markup (`<select>`, `<frameset>`: lol_html refuses such a document as
/// ambiguous): outside the subset.
const LEAVES_SUBSET: &[&str] = &[
    "select",
    "frameset",
    "script",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "svg",
    "math",
];

/// Elements whose text runs to their end tag (RAWTEXT and RCDATA in the HTML standard).
const RAW_TEXT: &[&str] = &["style", "title", "textarea"];

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

impl<'d> Reader<'d> {
    /// `None` to give up, `Some(Err)` for a refusal.
    fn run(&mut self, visit: &mut impl Visit<'d>) -> Option<Result<(), String>> {
        while let Some(found) = memchr(b'<', &self.doc[self.at..]) {
            let lt = self.at + found;
            self.at = lt + 1;
            match self.doc.get(lt + 1) {
                Some(b) if b.is_ascii_alphabetic() => {
                    if let Err(refused) = self.start_tag(visit)? {
                        return Some(Err(refused));
                    }
                }
                Some(b'/') => self.end_tag()?,
                Some(b'!') => self.doctype()?,
                Some(b'?') => return None,
                // `<` before anything else is text.
                _ => {}
            }
        }
        Some(Ok(()))
    }

    fn start_tag(&mut self, visit: &mut impl Visit<'d>) -> Option<Result<(), String>> {
        let name = self.name(|b| is_space(b) || b == b'/' || b == b'>')?;
        if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        self.attrs.clear();
        let self_closing = self.attributes()?;
        if let Err(refused) = visit.start_tag(name, self.at, &self.attrs) {
            return Some(Err(refused));
        }
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if is(LEAVES_SUBSET) {
            return None;
        }
        if is(RAW_TEXT) {
            if self_closing {
                return None;
            }
            let text = self.raw_text(name)?;
            if name.eq_ignore_ascii_case("style")
                && let Err(refused) = visit.style(text)
            {
                return Some(Err(refused));
            }
        }
        Some(Ok(()))
    }

    /// The attributes up to the tag's end, into `self.attrs`; whether it ends with `/>`.
    fn attributes(&mut self) -> Option<bool> {
        loop {
            self.skip_space();
            match *self.doc.get(self.at)? {
                b'>' => {
                    self.at += 1;
                    return Some(false);
                }
                b'/' if self.doc.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return Some(true);
                }
                // `/` before an attribute, `=` starting a name: parse errors, left to lol_html.
                b'/' | b'=' => return None,
                _ => {}
            }
            let name = self.name(|b| is_space(b) || matches!(b, b'/' | b'>' | b'='))?;
            if name.bytes().any(|b| matches!(b, b'"' | b'\'' | b'<')) {
                return None;
            }
            self.skip_space();
            let value = if self.doc.get(self.at) == Some(&b'=') {
                self.at += 1;
                self.skip_space();
                self.value()?
            } else {
                ""
            };
            self.attrs.push((name, value));
        }
    }

    fn value(&mut self) -> Option<&'d str> {
        let start = self.at;
        match *self.doc.get(start)? {
            quote @ (b'"' | b'\'') => {
                let len = memchr(quote, &self.doc[start + 1..])?;
                self.at = start + 1 + len + 1;
                // Another attribute glued to the quote is a parse error.
                match *self.doc.get(self.at)? {
                    b if is_space(b) || b == b'/' || b == b'>' => {}
                    _ => return None,
                }
                text(&self.doc[start + 1..start + 1 + len])
            }
            // `name=>`: a parse error.
            b'>' => None,
            _ => {
                let value = self.name(|b| is_space(b) || b == b'>')?;
                if value
                    .bytes()
                    .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'))
                {
                    return None;
                }
                Some(value)
            }
        }
    }

    /// `</name>`; anything else after `</` leaves the subset.
    fn end_tag(&mut self) -> Option<()> {
        self.at += 1;
        if !self.doc.get(self.at)?.is_ascii_alphabetic() {
            return None;
        }
        self.name(|b| is_space(b) || b == b'/' || b == b'>')?;
        self.close()
    }

    /// Only `<!DOCTYPE html>` (any case); comments and the rest leave the subset.
    fn doctype(&mut self) -> Option<()> {
        const DOCTYPE: &[u8] = b"!doctype html>";
        let rest = self.doc.get(self.at..self.at + DOCTYPE.len())?;
        if !rest.eq_ignore_ascii_case(DOCTYPE) {
            return None;
        }
        self.at += DOCTYPE.len();
        Some(())
    }

    /// The text up to `</name` and the end of that end tag.
    fn raw_text(&mut self, name: &str) -> Option<&'d str> {
        let start = self.at;
        let ends = memmem::find_iter(&self.doc[start..], b"</").map(|i| start + i);
        for lt in ends {
            let after = lt + 2 + name.len();
            let Some(candidate) = self.doc.get(lt + 2..after) else {
                break;
            };
            let delimited = self
                .doc
                .get(after)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>');
            if candidate.eq_ignore_ascii_case(name.as_bytes()) && delimited {
                self.at = after;
                self.close()?;
                return text(&self.doc[start..lt]);
            }
        }
        None
    }

    /// Spaces and the `>` that end an end tag.
    fn close(&mut self) -> Option<()> {
        self.skip_space();
        if self.doc.get(self.at) != Some(&b'>') {
            return None;
        }
        self.at += 1;
        Some(())
    }

    /// The run of bytes from here to the first for which `ends` holds, which must come
    /// before the end of the document.
    fn name(&mut self, ends: impl Fn(u8) -> bool) -> Option<&'d str> {
        let start = self.at;
        let len = self.doc[start..].iter().position(|&b| ends(b))?;
        self.at = start + len;
        text(&self.doc[start..self.at])
    }

    fn skip_space(&mut self) {
        while self.doc.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
    }
}

fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}
