//! A catalog's YAML as a tree of positioned nodes, untyped, so that every problem in it
//! can be found in one pass ([`super::problems`]) where typed deserialisation stops at
//! the first.
//!
//! Built from the parser's events with an explicit stack (no recursion on hostile
//! nesting), bounded in depth and node count; aliases are not expanded (a node of their
//! own), so an alias bomb costs nothing here. Typed deserialisation, with its budget,
//! stays the judge of everything this tree does not decide.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::model::Pos;

/// Deeper than any catalog; the typed loader's budget says the same.
const MAX_DEPTH: usize = 64;

/// The typed loader's budget of values (`more than 250000 YAML values`): a file with more
/// never loads, and the tree stays within a few tens of MiB.
const MAX_NODES: usize = 250_000;

#[derive(Debug)]
pub(super) struct Node<'a> {
    pub pos: Pos,
    pub kind: Kind<'a>,
}

#[derive(Debug)]
pub(super) enum Kind<'a> {
    /// Text as written; `plain` when unquoted (then `~`, `true`, `12` are not text).
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// `*name`: whatever it repeats, judged by the typed loader.
    Alias,
}

/// The kind of value a node is, in YAML 1.2 core-schema terms (how serde-saphyr reads
/// unquoted scalars).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Null,
    Bool,
    Integer,
    Float,
    Text,
    List,
    Mapping,
    Alias,
}

impl Node<'_> {
    pub fn shape(&self) -> Shape {
        match &self.kind {
            Kind::Scalar { plain: false, .. } => Shape::Text,
            Kind::Scalar { text, .. } => plain_shape(text),
            Kind::Seq(_) => Shape::List,
            Kind::Map(_) => Shape::Mapping,
            Kind::Alias => Shape::Alias,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

fn plain_shape(text: &str) -> Shape {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Shape::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => Shape::Bool,
        _ if is_integer(text) => Shape::Integer,
        _ if is_float(text) => Shape::Float,
        _ => Shape::Text,
    }
}

fn is_integer(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.strip_prefix(['-', '+']).unwrap_or(&lower);
    unsigned == ".inf"
        || lower == ".nan"
        || (t.bytes().any(|b| b.is_ascii_digit()) && t.parse::<f64>().is_ok())
}

/// An open collection while its children are read.
enum Frame<'a> {
    Seq(Pos, Vec<Node<'a>>),
    Map(Pos, Vec<(Node<'a>, Node<'a>)>, Option<Node<'a>>),
}

/// The document as a tree, or `None` when it is not one readable YAML document within
/// the bounds (the typed loader then names the problem).
pub(super) fn parse(source: &str) -> Option<Node<'_>> {
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    let mut nodes = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        let pos = Pos {
            line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        };
        let node = match event {
            Event::Scalar(text, style, ..) => Node {
                pos,
                kind: Kind::Scalar {
                    text,
                    plain: style == ScalarStyle::Plain,
                },
            },
            Event::Alias(_) => Node {
                pos,
                kind: Kind::Alias,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq(pos, Vec::new()),
                    _ => Frame::Map(pos, Vec::new(), None),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Frame::Seq(pos, items) => Node {
                    pos,
                    kind: Kind::Seq(items),
                },
                Frame::Map(pos, entries, _) => Node {
                    pos,
                    kind: Kind::Map(entries),
                },
            },
            Event::DocumentStart(..) if root.is_some() => return None,
            _ => continue,
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return None;
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_shapes() {
        let tree = parse("a: 1\nb:\n  - \"x\"\n  - ~\nc: {d: true}\n").unwrap();
        let Kind::Map(entries) = &tree.kind else {
            panic!("{tree:?}")
        };
        assert_eq!(entries[0].1.shape(), Shape::Integer);
        let Kind::Seq(items) = &entries[1].1.kind else {
            panic!()
        };
        assert_eq!(items[0].shape(), Shape::Text);
        assert_eq!(items[1].shape(), Shape::Null);
        assert_eq!(items[1].pos, Pos { line: 4, column: 5 });
        assert_eq!(entries[2].0.pos, Pos { line: 5, column: 1 });
        assert_eq!(entries[2].1.shape(), Shape::Mapping);
    }

    #[test]
    fn hostile_input_is_refused_not_recursed() {
        assert!(parse(&"[".repeat(10_000)).is_none());
        assert!(parse("a: [1\n").is_none());
        assert!(parse("a: 1\n---\nb: 2\n").is_none());
    }
}
