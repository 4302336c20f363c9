//! What each mapping of a catalog is, and the order its keys are written in: the order of
//! the model (`catalog::model`) and of the README's catalog example.

use crate::reference::ClauseId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Root,
    Service,
    Document,
    Revision,
    Section,
    Responsibility,
    Layer,
    Controls,
    Control,
    Unplaced,
    /// A sequence of the given item shape.
    ListOf(Item),
    /// Kept as written: `parties` (its order is the table's column order) and every value.
    Kept,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item {
    Revision,
    Section,
    Layer,
}

impl Shape {
    /// The keys in canonical order; `None` where the order is the author's.
    pub fn fields(self) -> Option<&'static [&'static str]> {
        Some(match self {
            Shape::Root => &[
                "kanrisaku",
                "service",
                "document",
                "sections",
                "responsibility",
                "controls",
                "unplaced",
            ],
            Shape::Service => &["id", "name", "provider", "url"],
            Shape::Document => &[
                "title",
                "version",
                "date",
                "language",
                "standard",
                "annotate",
                "id_style",
                "baseline",
                "revisions",
            ],
            Shape::Revision => &["version", "date", "summary"],
            Shape::Section => &["id", "title", "audience", "body"],
            Shape::Responsibility => &["parties", "layers"],
            Shape::Layer => &["layer", "owner", "note"],
            Shape::Control => &[
                "status",
                "statement",
                "justification",
                "audience",
                "owner",
                "reviewed",
                "evidence",
                "notes",
                "from",
            ],
            Shape::Unplaced => &[
                "toc",
                "cover",
                "headings",
                "structured",
                "other",
                "furniture",
            ],
            Shape::Controls | Shape::ListOf(_) | Shape::Kept => return None,
        })
    }

    /// The shape of the value under `key`.
    pub fn child(self, key: &str) -> Shape {
        match (self, key) {
            (Shape::Root, "service") => Shape::Service,
            (Shape::Root, "document") => Shape::Document,
            (Shape::Root, "sections") => Shape::ListOf(Item::Section),
            (Shape::Root, "responsibility") => Shape::Responsibility,
            (Shape::Root, "controls") => Shape::Controls,
            (Shape::Root, "unplaced") => Shape::Unplaced,
            (Shape::Document, "revisions") => Shape::ListOf(Item::Revision),
            (Shape::Responsibility, "layers") => Shape::ListOf(Item::Layer),
            (Shape::Controls, _) => Shape::Control,
            _ => Shape::Kept,
        }
    }

    /// The shape of a sequence's items.
    pub fn item(self) -> Shape {
        match self {
            Shape::ListOf(Item::Revision) => Shape::Revision,
            Shape::ListOf(Item::Section) => Shape::Section,
            Shape::ListOf(Item::Layer) => Shape::Layer,
            _ => Shape::Kept,
        }
    }

    /// Where a key sorts: by field order, or for clauses by the standard's order (keys that
    /// are no clause id last, as written). Equal ranks keep their order (stable sort).
    pub fn rank(self, key: &str) -> (usize, Option<ClauseId>) {
        match self.fields() {
            Some(fields) => (
                fields
                    .iter()
                    .position(|f| *f == key)
                    .unwrap_or(fields.len()),
                None,
            ),
            None if self == Shape::Controls => match ClauseId::parse(key) {
                Ok(id) => (0, Some(id)),
                Err(_) => (1, None),
            },
            None => (0, None),
        }
    }
}
