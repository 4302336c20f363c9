//! `kanrisaku fmt`: one way to write a catalog, without changing what it says.
//!
//! Clauses in the standard's order, ids in the catalog's `id_style` (`"A.5.1.1"`), keys in
//! the model's order, multi-line text as `|` block scalars. The formatter edits the source
//! text with the parser's positions rather than re-serialising the model: an entry moves as
//! a block of lines with the comments that go with it ([`layout`]), and everything else —
//! comments, quoting, blank lines, indentation — stays as written. A comment that cannot
//! move with its entry is a refusal, never a loss.
//!
//! Every result is verified before it is returned: it must parse to the same values (maps
//! compared by key, clause keys by clause id), keep every comment, and load as a catalog.

pub(crate) mod layout;
mod shape;
pub(crate) mod tree;

use std::ops::Range;
use std::path::{Path, PathBuf};

use granit_parser::ScalarStyle;

use crate::catalog::{LoadError, Pos, load_bytes, parse_catalog, pos_at};
use crate::reference::{ClauseId, IdStyle, Lang};
use shape::Shape;
use tree::{Entry, Kind, Node, line_end, line_start};

/// Why a file was not formatted. Nothing was written in either case.
#[derive(Debug, thiserror::Error)]
pub enum FmtError {
    /// The file is not a loadable catalog.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The file loads, but formatting it could lose or change something.
    #[error("{}:{}:{}: {}", .path.display(), .pos.line, .pos.column, .reason.words(Lang::En))]
    Refused {
        path: PathBuf,
        pos: Pos,
        reason: Refusal,
    },
}

/// What stops `fmt` from formatting a file that loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A comment inside a `{ … }` mapping whose keys must be reordered.
    CommentInFlow,
    /// A comment above a key that would have to move onto a `- ` line.
    CommentAboveInlineKey { key: String },
    /// An alias (`*name`) in a file that needs reordering: moving its anchor could change
    /// what it refers to.
    Alias,
    /// A carriage return that does not end a line.
    LoneCarriageReturn,
    /// The YAML parser used for formatting read the file otherwise than the loader.
    Unparsed { message: String },
    /// The formatted text would not say the same; a bug in `fmt`, caught before writing.
    Unverified,
}

impl Refusal {
    /// The reason in `lang`, with the fix.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Refusal::CommentInFlow => crate::t!(lang, "fmt-comment-in-flow"),
            Refusal::CommentAboveInlineKey { key } => {
                crate::t!(lang, "fmt-comment-above-inline-key", key = key.as_str())
            }
            Refusal::Alias => crate::t!(lang, "fmt-alias"),
            Refusal::LoneCarriageReturn => crate::t!(lang, "fmt-lone-carriage-return"),
            Refusal::Unparsed { message } => {
                crate::t!(lang, "fmt-unparsed", message = message.as_str())
            }
            Refusal::Unverified => crate::t!(lang, "fmt-unverified"),
        }
    }
}

/// Format one catalog read from `path`. Byte-order mark and line endings (CRLF) are kept.
pub fn format(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, FmtError> {
    let catalog = load_bytes(path, bytes.to_vec())?;
    let style = catalog.document.id_style;
    let refused = |offset: usize, text: &str, reason: Refusal| FmtError::Refused {
        path: path.to_path_buf(),
        pos: pos_at(text, offset),
        reason,
    };
    let bom = catalog.source.len() + 3 == bytes.len() && bytes.starts_with(b"\xEF\xBB\xBF");
    let crlf = catalog
        .source
        .find('\n')
        .is_some_and(|i| catalog.source[..i].ends_with('\r'));
    let text = catalog.source.replace("\r\n", "\n");
    if let Some(cr) = text.find('\r') {
        return Err(refused(cr, &text, Refusal::LoneCarriageReturn));
    }
    let formatted = format_text(&text, style).map_err(|(offset, r)| refused(offset, &text, r))?;
    if parse_catalog(path, formatted.clone()).is_err() {
        return Err(refused(0, &text, Refusal::Unverified));
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if crlf {
        out.extend_from_slice(formatted.replace('\n', "\r\n").as_bytes());
    } else {
        out.extend_from_slice(formatted.as_bytes());
    }
    Ok(out)
}

/// Format YAML text (LF line ends); on refusal, the offset to point at and why.
fn format_text(text: &str, style: IdStyle) -> Result<String, (usize, Refusal)> {
    let unparsed = |e: tree::ParseFailure| (e.offset, Refusal::Unparsed { message: e.message });
    let mut parsed = tree::parse(text).map_err(unparsed)?;
    let Some(root) = parsed.root.as_mut() else {
        return Ok(text.to_string());
    };
    layout::layout(text, root);
    let emitter = Emitter {
        text,
        style,
        comments: &parsed.comments,
    };
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..root.start]);
    emitter.node(root, Shape::Root, &mut out)?;
    out.push_str(&text[root.end..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if let Some(alias) = first_alias(root).filter(|_| out != text) {
        return Err((alias, Refusal::Alias));
    }
    let after = tree::parse(&out).map_err(|_| (0, Refusal::Unverified))?;
    let same = match (&parsed.root, &after.root) {
        (Some(a), Some(b)) => same(a, b, Shape::Root),
        _ => false,
    };
    if !same || comments(text, &parsed.comments) != comments(&out, &after.comments) {
        return Err((0, Refusal::Unverified));
    }
    Ok(out)
}

fn first_alias(node: &Node) -> Option<usize> {
    match &node.kind {
        Kind::Alias => Some(node.start),
        Kind::Scalar { .. } => None,
        Kind::Seq { items, .. } => items.iter().find_map(first_alias),
        Kind::Map { entries, .. } => entries
            .iter()
            .find_map(|e| first_alias(&e.key).or_else(|| first_alias(&e.value))),
    }
}

fn comments(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
    let mut all: Vec<String> = ranges
        .iter()
        .map(|r| text[r.clone()].trim_end().to_string())
        .collect();
    all.sort();
    all
}

struct Emitter<'a> {
    text: &'a str,
    style: IdStyle,
    comments: &'a [Range<usize>],
}

type Emitted = Result<(), (usize, Refusal)>;

impl Emitter<'_> {
    fn node(&self, node: &Node, shape: Shape, out: &mut String) -> Emitted {
        match &node.kind {
            Kind::Scalar { .. } | Kind::Alias => out.push_str(&self.text[node.start..node.end]),
            Kind::Seq { flow, items } => self.seq(node, *flow, items, shape, out)?,
            Kind::Map {
                flow: true,
                entries,
            } => self.flow_map(node, entries, shape, out)?,
            Kind::Map {
                flow: false,
                entries,
            } => self.block_map(node, entries, shape, out)?,
        }
        Ok(())
    }

    fn seq(
        &self,
        node: &Node,
        flow: bool,
        items: &[Node],
        shape: Shape,
        out: &mut String,
    ) -> Emitted {
        let mut cursor = node.start;
        for item in items {
            out.push_str(&self.text[cursor..item.start]);
            let column = item.start - line_start(self.text, item.start);
            cursor = match (!flow).then(|| self.literal(item, column, None)).flatten() {
                Some(block) => {
                    out.push_str(&block);
                    line_end(self.text, item.end)
                }
                None => {
                    self.node(item, shape.item(), out)?;
                    item.end
                }
            };
        }
        out.push_str(&self.text[cursor.min(node.end)..node.end]);
        Ok(())
    }

    fn block_map(&self, node: &Node, entries: &[Entry], shape: Shape, out: &mut String) -> Emitted {
        let Some(first) = entries.first() else {
            out.push_str(&self.text[node.start..node.end]);
            return Ok(());
        };
        let key_line = line_start(self.text, first.key.start);
        let column = first.key.start - key_line;
        // `- id: x`: the first slot is on the sequence item's line.
        let inline = !self.text[key_line..first.key.start].trim().is_empty();
        out.push_str(&self.text[node.start..first.block.start]);
        let order = self.order(entries, shape);
        for (slot, &i) in order.iter().enumerate() {
            let entry = &entries[i];
            let mut piece = String::new();
            self.entry(entry, shape, column, &mut piece)?;
            if inline && slot == 0 && i != 0 {
                if let Some(c) = self.comment_in(entry.block.start..entry.key.start) {
                    let key = entry.key.scalar().unwrap_or_default().to_string();
                    return Err((c, Refusal::CommentAboveInlineKey { key }));
                }
                piece = piece.trim_start_matches(' ').to_string();
            } else if inline && slot != 0 && i == 0 {
                piece.insert_str(0, &" ".repeat(column));
            }
            if slot + 1 < entries.len() && !piece.ends_with('\n') {
                piece.push('\n');
            }
            out.push_str(&piece);
            // Blank lines after a `|+` scalar would join its value: that entry ends the gap.
            if let Some(next) = entries.get(slot + 1)
                && !piece.ends_with("\n\n")
            {
                out.push_str(&self.text[entries[slot].block.end..next.block.start]);
            }
        }
        let last = &entries[entries.len() - 1];
        out.push_str(&self.text[last.block.end.min(node.end)..node.end]);
        Ok(())
    }

    /// One entry of a block mapping with its comments; multi-line text becomes a block scalar.
    fn entry(&self, entry: &Entry, shape: Shape, column: usize, out: &mut String) -> Emitted {
        let text = self.text;
        out.push_str(&text[entry.block.start..entry.key.start]);
        out.push_str(&self.key(&entry.key, shape));
        let between = &text[entry.key.end..entry.value.start];
        let cursor = match self.literal(&entry.value, column + 2, Some(2)) {
            Some(block) => {
                // Text that started on the line after its key: the header goes beside the key.
                out.push_str(if between.trim() == ":" { ": " } else { between });
                out.push_str(&block);
                line_end(text, entry.value.end)
            }
            None => {
                out.push_str(between);
                let key = entry.key.scalar().unwrap_or_default();
                self.node(&entry.value, shape.child(key), out)?;
                entry.value.end
            }
        };
        out.push_str(&text[cursor.min(entry.block.end)..entry.block.end]);
        Ok(())
    }

    fn flow_map(&self, node: &Node, entries: &[Entry], shape: Shape, out: &mut String) -> Emitted {
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            out.push_str(&self.text[node.start..node.end]);
            return Ok(());
        };
        let order = self.order(entries, shape);
        if order.iter().enumerate().any(|(slot, &i)| slot != i)
            && let Some(c) = self.comment_in(node.start..node.end)
        {
            return Err((c, Refusal::CommentInFlow));
        }
        out.push_str(&self.text[node.start..first.key.start]);
        for (slot, &i) in order.iter().enumerate() {
            let entry = &entries[i];
            out.push_str(&self.key(&entry.key, shape));
            out.push_str(&self.text[entry.key.end..entry.value.start]);
            let key = entry.key.scalar().unwrap_or_default();
            self.node(&entry.value, shape.child(key), out)?;
            if let Some(next) = entries.get(slot + 1) {
                out.push_str(&self.text[entries[slot].value.end..next.key.start]);
            }
        }
        out.push_str(&self.text[last.value.end..node.end]);
        Ok(())
    }

    /// The entries' indices in canonical order (a stable sort: equal ranks stay as written).
    fn order(&self, entries: &[Entry], shape: Shape) -> Vec<usize> {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_cached_key(|&i| shape.rank(entries[i].key.scalar().unwrap_or_default()));
        order
    }

    /// A clause key in its canonical form, `"A.5.1.1"`; any other key as written.
    fn key(&self, key: &Node, shape: Shape) -> String {
        let written = &self.text[key.start..key.end];
        match key.scalar().map(ClauseId::parse) {
            Some(Ok(id)) if shape == Shape::Controls && !key.props => {
                format!("\"{}\"", id.display(self.style))
            }
            _ => written.to_string(),
        }
    }

    /// The first comment starting in `range` (comments are in source order).
    fn comment_in(&self, range: Range<usize>) -> Option<usize> {
        let first = self.comments.partition_point(|c| c.start < range.start);
        self.comments
            .get(first)
            .map(|c| c.start)
            .filter(|start| range.contains(start))
    }

    /// Multi-line text written quoted or plain, as a `|` block scalar indented by `indent`:
    /// the header (with the comment that followed the text on its line) and the lines, up
    /// to and including the line break that ended the text's last line. `None` when the
    /// text is not multi-line, or a block scalar could not say exactly the same.
    fn literal(&self, node: &Node, indent: usize, indicator: Option<usize>) -> Option<String> {
        let Kind::Scalar { value, style } = &node.kind else {
            return None;
        };
        let quoted_or_plain = matches!(
            style,
            ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
        );
        if !quoted_or_plain || node.props || !value.contains('\n') {
            return None;
        }
        let eol = line_end(self.text, node.end);
        let rest = self.text[node.end..eol].trim();
        if !(rest.is_empty() || rest.starts_with('#')) {
            return None;
        }
        let (header, lines) = literal_lines(value, indent, indicator)?;
        let (_, check) = literal_lines(value, 2, indicator.map(|_| 2))?;
        let parsed = tree::parse(&format!("k: {header}\n{check}")).ok()?.root?;
        let round_trip = match &parsed.kind {
            Kind::Map { entries, .. } => entries.first()?.value.scalar() == Some(value),
            _ => false,
        };
        let comment = &self.text[node.end..eol];
        round_trip.then(|| format!("{header}{}\n{lines}", comment.trim_end_matches('\n')))
    }
}

/// A literal block scalar's header and content lines for `value`; `None` for text a block
/// scalar cannot hold (control characters, a carriage return) or that needs an indentation
/// indicator where none may be given.
pub(crate) fn literal_lines(
    value: &str,
    indent: usize,
    indicator: Option<usize>,
) -> Option<(String, String)> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
    };
    let body = value.trim_end_matches('\n');
    if body.is_empty() || value.chars().any(unsafe_char) {
        return None;
    }
    let trailing = value.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if body.starts_with([' ', '\n']) {
        indicator?.to_string()
    } else {
        String::new()
    };
    let pad = " ".repeat(indent);
    let mut lines = String::with_capacity(value.len() + 16);
    for line in body.split('\n') {
        if !line.is_empty() {
            lines.push_str(&pad);
            lines.push_str(line);
        }
        lines.push('\n');
    }
    for _ in 1..trailing {
        lines.push('\n');
    }
    Some((format!("|{indicator}{chomp}"), lines))
}

/// Whether two trees hold the same values: mappings compared by key (clause keys by clause
/// id), sequences in order, scalars by value and, on one line, by whether they were plain
/// (`1.2` is a number, `"1.2"` text).
fn same(a: &Node, b: &Node, shape: Shape) -> bool {
    if a.props != b.props {
        return false;
    }
    match (&a.kind, &b.kind) {
        (
            Kind::Scalar {
                value: va,
                style: sa,
            },
            Kind::Scalar {
                value: vb,
                style: sb,
            },
        ) => {
            let plain = |s: &ScalarStyle, v: &str| *s == ScalarStyle::Plain && !v.contains('\n');
            va == vb && plain(sa, va) == plain(sb, vb)
        }
        (Kind::Seq { items: ia, .. }, Kind::Seq { items: ib, .. }) => {
            ia.len() == ib.len() && ia.iter().zip(ib).all(|(x, y)| same(x, y, shape.item()))
        }
        (Kind::Map { entries: ea, .. }, Kind::Map { entries: eb, .. }) => {
            fn keyed(entries: &[Entry], shape: Shape) -> Vec<(String, &Entry)> {
                let mut keyed: Vec<(String, &Entry)> = entries
                    .iter()
                    .map(|e| (map_key(&e.key, shape), e))
                    .collect();
                if shape.fields().is_some() || shape == Shape::Controls {
                    keyed.sort_by(|x, y| x.0.cmp(&y.0));
                }
                keyed
            }
            let (ka, kb) = (keyed(ea, shape), keyed(eb, shape));
            ka.len() == kb.len()
                && ka.iter().zip(&kb).all(|((x, ex), (y, ey))| {
                    x == y
                        && (shape == Shape::Controls || same(&ex.key, &ey.key, Shape::Kept))
                        && same(&ex.value, &ey.value, shape.child(x))
                })
        }
        (Kind::Alias, Kind::Alias) => true,
        _ => false,
    }
}

fn map_key(key: &Node, shape: Shape) -> String {
    let raw = key.scalar().unwrap_or_default();
    match ClauseId::parse(raw) {
        Ok(id) if shape == Shape::Controls => id.to_string(),
        _ => raw.to_string(),
    }
}
