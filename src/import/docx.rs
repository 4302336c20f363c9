//! `word/document.xml` → blocks, keeping every character Word shows.
//!
//! Containers nest: a text box (`w:txbxContent`) sits inside a run of a paragraph and holds
//! paragraphs and tables of its own; a table cell holds paragraphs and tables. So the walk
//! keeps a stack of open containers, and a finished paragraph or table is handed to the
//! container around it: text-box paragraphs become blocks of their own after the paragraph
//! that anchors them, a nested table's rows join the text of the cell that holds them.
//! `mc:AlternateContent` offers the same content several ways; only one branch is read.

use anyhow::{Context, Result};
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::blocks::{Block, Kind, Styles, bulleted, level_of};

/// An open container.
enum Frame {
    Paragraph {
        text: String,
        style: Option<String>,
        /// `w:numPr` numbers the paragraph (`Some(true)`), or takes its style's numbering
        /// away (`Some(false)`, numbering id 0); `None` leaves it to the style.
        numbered: Option<bool>,
        /// Visible characters in bold runs and in other runs: a paragraph all bold is
        /// how authors without heading styles write a heading.
        bold: usize,
        regular: usize,
        /// Blocks from text boxes anchored here, emitted after this paragraph.
        anchored: Vec<Block>,
    },
    Table {
        row: Option<Vec<String>>,
        rows: Vec<Block>,
    },
    Cell(String),
    TextBox(Vec<Block>),
    /// `mc:AlternateContent`: whether one branch has been read already.
    Alternatives(bool),
}

struct Walk<'s> {
    stack: Vec<Frame>,
    blocks: Vec<Block>,
    styles: &'s Styles,
    /// Inside `w:t` (text) rather than `w:instrText` (a field's code) or markup.
    in_text: bool,
    /// Inside a run (`w:r`), and whether its properties make it bold.
    in_run: bool,
    run_bold: bool,
    number: usize,
}

/// The blocks of a document body, read with what its `styles` say.
pub(super) fn blocks(document: &str, styles: &Styles) -> Result<Vec<Block>> {
    let mut reader = quick_xml::Reader::from_str(document);
    let mut walk = Walk {
        stack: Vec::new(),
        blocks: Vec::new(),
        styles,
        in_text: false,
        in_run: false,
        run_bold: false,
        number: 0,
    };
    let broken = || "word/document.xml is not well-formed";
    loop {
        match reader.read_event().with_context(broken)? {
            Event::Start(e) if walk.skips(&e) => {
                reader.read_to_end(e.name()).with_context(broken)?;
            }
            Event::Start(e) => walk.start(&e),
            Event::Empty(e) => walk.empty(&e),
            Event::Text(t) if walk.in_text => {
                walk.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            Event::GeneralRef(r) if walk.in_text => walk.push_str(&reference(&r)),
            Event::End(e) => walk.end(e.name().into_inner()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walk.blocks)
}

/// `&#233;`, `&#xE9;` and the five XML entities as the characters they stand for; anything
/// else (a DTD entity Word never writes) as written, so that nothing is lost.
pub(super) fn reference(r: &BytesRef) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => quick_xml::escape::resolve_predefined_entity(r)
            .map_or_else(|| format!("&{};", &**r), str::to_string),
    }
}

/// `w:sym`: a character from a symbol font, by its code.
fn symbol(e: &BytesStart) -> Option<char> {
    let code = e.try_get_attribute("w:char").ok().flatten()?;
    u32::from_str_radix(&code.value, 16)
        .ok()
        .and_then(char::from_u32)
}

impl Walk<'_> {
    /// Tab stops (`w:tabs` in paragraph properties, not tab characters), and a second
    /// branch of `mc:AlternateContent` once one was read.
    fn skips(&mut self, e: &BytesStart) -> bool {
        match e.name().into_inner() {
            "w:tabs" => return true,
            "mc:Choice" | "mc:Fallback" => {}
            _ => return false,
        }
        match self.stack.last_mut() {
            Some(Frame::Alternatives(read)) => std::mem::replace(read, true),
            _ => false,
        }
    }

    fn start(&mut self, e: &BytesStart) {
        match e.name().into_inner() {
            "w:p" => self.stack.push(Frame::Paragraph {
                text: String::new(),
                style: None,
                numbered: None,
                bold: 0,
                regular: 0,
                anchored: Vec::new(),
            }),
            "w:tbl" => self.stack.push(Frame::Table {
                row: None,
                rows: Vec::new(),
            }),
            "w:tr" => {
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    *row = Some(Vec::new());
                }
            }
            "w:tc" => self.stack.push(Frame::Cell(String::new())),
            "w:txbxContent" => self.stack.push(Frame::TextBox(Vec::new())),
            "mc:AlternateContent" => self.stack.push(Frame::Alternatives(false)),
            "w:t" => self.in_text = true,
            "w:r" => {
                self.in_run = true;
                self.run_bold = false;
            }
            _ => self.empty(e),
        }
    }

    /// Elements that stand for a character, or set a paragraph property.
    fn empty(&mut self, e: &BytesStart) {
        let text = match e.name().into_inner() {
            "w:tab" | "w:ptab" => "\t".to_string(),
            "w:br" | "w:cr" => "\n".to_string(),
            "w:noBreakHyphen" => "\u{2011}".to_string(),
            "w:softHyphen" => "\u{AD}".to_string(),
            "w:sym" => symbol(e).map(String::from).unwrap_or_default(),
            "w:pStyle" => {
                let value = e.try_get_attribute("w:val").ok().flatten();
                if let Some(Frame::Paragraph { style, .. }) = self.stack.last_mut() {
                    *style = value.map(|a| a.value.to_string());
                }
                return;
            }
            "w:numPr" => {
                if let Some(Frame::Paragraph { numbered, .. }) = self.stack.last_mut() {
                    numbered.get_or_insert(true);
                }
                return;
            }
            "w:numId" => {
                let off = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .is_some_and(|a| &*a.value == "0");
                if let (true, Some(Frame::Paragraph { numbered, .. })) =
                    (off, self.stack.last_mut())
                {
                    *numbered = Some(false);
                }
                return;
            }
            // `w:b` of a run; the paragraph mark's (in `w:pPr`) makes no text bold.
            "w:b" if self.in_run => {
                let off = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .is_some_and(|a| matches!(&*a.value, "0" | "false" | "off"));
                self.run_bold = !off;
                return;
            }
            _ => return,
        };
        self.push_str(&text);
    }

    /// Text of the innermost paragraph.
    fn push_str(&mut self, s: &str) {
        let run_bold = self.run_bold;
        let paragraph = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Paragraph { .. }));
        if let Some(Frame::Paragraph {
            text,
            bold,
            regular,
            ..
        }) = paragraph
        {
            text.push_str(s);
            let visible = s.chars().filter(|c| !c.is_whitespace()).count();
            *if run_bold { bold } else { regular } += visible;
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:r" => {
                self.in_run = false;
                self.run_bold = false;
            }
            "w:p" => {
                if let Some(Frame::Paragraph {
                    text,
                    style,
                    numbered,
                    bold,
                    regular,
                    anchored,
                }) = self.stack.pop()
                {
                    self.number += 1;
                    let all_bold = bold > 0 && regular == 0;
                    let mut out: Vec<Block> = self
                        .paragraph(text, style.as_deref(), numbered, all_bold)
                        .into_iter()
                        .collect();
                    out.extend(anchored);
                    self.hand_over(out);
                }
            }
            "w:tc" => {
                if let Some(Frame::Cell(text)) = self.stack.pop()
                    && let Some(Frame::Table { row: Some(row), .. }) = self.stack.last_mut()
                {
                    row.push(text);
                }
            }
            "w:tr" => {
                self.number += 1;
                let number = self.number;
                if let Some(Frame::Table { row, rows }) = self.stack.last_mut()
                    && let Some(cells) = row.take()
                {
                    let mut b =
                        Block::new(Kind::Row, cells.join(" "), number, vec![cells.join("\t")]);
                    b.cells = cells;
                    rows.push(b);
                }
            }
            "w:tbl" => {
                if let Some(Frame::Table { rows, .. }) = self.stack.pop() {
                    self.hand_over(rows);
                }
            }
            "w:txbxContent" => {
                if let Some(Frame::TextBox(blocks)) = self.stack.pop() {
                    self.hand_over(blocks);
                }
            }
            "mc:AlternateContent" => {
                if let Some(Frame::Alternatives(_)) = self.stack.last() {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }

    /// Finished blocks go to the container around them: a cell takes their text, a
    /// paragraph keeps them for after itself, a text box collects them, the body emits them.
    fn hand_over(&mut self, blocks: Vec<Block>) {
        let container = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| !matches!(f, Frame::Alternatives(_) | Frame::Table { .. }));
        match container {
            Some(Frame::Cell(cell)) => {
                for b in blocks {
                    let text = b.text.trim();
                    if !cell.is_empty() && !text.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(text);
                }
            }
            Some(Frame::Paragraph { anchored, .. }) => anchored.extend(blocks),
            Some(Frame::TextBox(collected)) => collected.extend(blocks),
            _ => self.blocks.extend(blocks),
        }
    }

    /// A paragraph's block: a heading by style, a list item by numbering (its own or its
    /// style's) or by a typed bullet, a row when tabs separate cells, bold text apart
    /// from other text; none when it is empty.
    fn paragraph(
        &self,
        text: String,
        style: Option<&str>,
        numbered: Option<bool>,
        bold: bool,
    ) -> Option<Block> {
        if text.trim().is_empty() {
            return None;
        }
        let level =
            style.and_then(|s| self.styles.headings.get(s).copied().or_else(|| level_of(s)));
        let listed =
            numbered.unwrap_or_else(|| style.is_some_and(|s| self.styles.lists.contains(s)));
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let kind = match level {
            Some(l) => Kind::Heading(l),
            None if listed => Kind::Item,
            None if text.contains('\t') => {
                let cells: Vec<String> = text.split('\t').map(|c| c.trim().to_string()).collect();
                let mut b = Block::new(Kind::Row, cells.join(" "), self.number, lines);
                b.cells = cells;
                return Some(b);
            }
            None => match bulleted(text.trim()) {
                Some(item) => return Some(Block::new(Kind::Item, item, self.number, lines)),
                None if bold => Kind::Bold,
                None => Kind::Text,
            },
        };
        Some(Block::new(kind, text.trim(), self.number, lines))
    }
}
