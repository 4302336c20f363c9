//! The YAML of a catalog as a tree of nodes with byte ranges, and where its comments are.
//!
//! The formatter edits source text, so it needs what the typed model throws away: where
//! each key and value starts and ends, how a scalar was written, and the comments.

use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

/// One YAML node and the bytes it was written in.
#[derive(Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// An anchor or a tag is written with it: the node is never rewritten.
    pub props: bool,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Scalar { value: String, style: ScalarStyle },
    Map { flow: bool, entries: Vec<Entry> },
    Seq { flow: bool, items: Vec<Node> },
    Alias,
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub key: Node,
    pub value: Node,
    /// The entry's lines in a block mapping with the comments that go with it (set by
    /// `layout`); the key and value alone in a flow mapping.
    pub block: Range<usize>,
}

impl Node {
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// The document's root node (none for an empty stream) and every comment's range.
pub(crate) struct Parsed {
    pub root: Option<Node>,
    pub comments: Vec<Range<usize>>,
}

/// Where parsing stopped, for an input the loader accepted but this parser did not.
#[derive(Debug)]
pub(crate) struct ParseFailure {
    pub offset: usize,
    pub message: String,
}

enum Frame {
    Map {
        flow: bool,
        start: usize,
        props: bool,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
    Seq {
        flow: bool,
        start: usize,
        props: bool,
        items: Vec<Node>,
    },
}

pub(crate) fn parse(text: &str) -> Result<Parsed, ParseFailure> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    let mut comments = Vec::new();
    let mut documents = 0;
    // The end of the last token read: an empty block scalar's span lies at the next token.
    let mut last_end = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| ParseFailure {
            offset: e.marker().byte_offset().unwrap_or(0),
            message: e.to_string(),
        })?;
        let (start, end) = offsets(&span)?;
        let node = match event {
            Event::Comment(..) => {
                comments.push(start..end);
                continue;
            }
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseFailure {
                        offset: start,
                        message: "more than one YAML document".into(),
                    });
                }
                continue;
            }
            Event::MappingStart(style, anchor, tag) => {
                stack.push(Frame::Map {
                    flow: style == StructureStyle::Flow,
                    start,
                    props: anchor != 0 || tag.is_some(),
                    entries: Vec::new(),
                    key: None,
                });
                last_end = end;
                continue;
            }
            Event::SequenceStart(style, anchor, tag) => {
                stack.push(Frame::Seq {
                    flow: style == StructureStyle::Flow,
                    start,
                    props: anchor != 0 || tag.is_some(),
                    items: Vec::new(),
                });
                last_end = end;
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => close(stack.pop(), end)?,
            Event::Scalar(value, style, anchor, tag) => {
                let props = anchor != 0 || tag.is_some();
                let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                let (start, end) = if block && value.is_empty() {
                    let eol = line_end(text, last_end).saturating_sub(1).max(last_end);
                    (eol, eol)
                } else if block {
                    (start, block_end(text, start, end, &value))
                } else {
                    (start, end)
                };
                Node {
                    kind: Kind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    start,
                    end,
                    props,
                }
            }
            Event::Alias(_) => Node {
                kind: Kind::Alias,
                start,
                end,
                props: false,
            },
            _ => continue,
        };
        last_end = node.end.max(last_end);
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry {
                    block: k.start..node.end,
                    key: k,
                    value: node,
                }),
            },
        }
    }
    Ok(Parsed { root, comments })
}

fn offsets(span: &Span) -> Result<(usize, usize), ParseFailure> {
    match (span.start.byte_offset(), span.end.byte_offset()) {
        (Some(s), Some(e)) => Ok((s, e.max(s))),
        _ => Err(ParseFailure {
            offset: 0,
            message: "the parser gave no byte offsets".into(),
        }),
    }
}

fn close(frame: Option<Frame>, end: usize) -> Result<Node, ParseFailure> {
    let unbalanced = || ParseFailure {
        offset: end,
        message: "unbalanced collection events".into(),
    };
    Ok(match frame.ok_or_else(unbalanced)? {
        Frame::Map {
            flow,
            start,
            props,
            entries,
            key,
        } => {
            if key.is_some() {
                return Err(unbalanced());
            }
            let end = if flow {
                end
            } else {
                entries.last().map_or(start, |e| e.value.end)
            };
            Node {
                kind: Kind::Map { flow, entries },
                start,
                end,
                props,
            }
        }
        Frame::Seq {
            flow,
            start,
            props,
            items,
        } => {
            let end = if flow {
                end
            } else {
                items.last().map_or(start, |i| i.end)
            };
            Node {
                kind: Kind::Seq { flow, items },
                start,
                end,
                props,
            }
        }
    })
}

/// A block scalar's span runs on to the next token; it ends after its last character, or,
/// when its trailing empty lines are part of the value (`|+`), at the start of the line
/// after them.
fn block_end(text: &str, start: usize, end: usize, value: &str) -> usize {
    if value.ends_with("\n\n") {
        return text[..end].rfind('\n').map_or(end, |i| (i + 1).max(start));
    }
    start + text[start..end].trim_end().len()
}

/// The offset just after the line break ending the line that holds `offset` (a line start
/// is its own end: the line before it has ended there).
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    if offset == 0 || text.as_bytes().get(offset - 1) == Some(&b'\n') {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}
