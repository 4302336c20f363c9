//! Typed schema v1. Every struct denies unknown fields: a typo must never pass silently.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::reference::{BaselineId, ClauseId, IdStyle, Lang, StandardId};

/// A 1-based line and column (in characters) in a source file; 0:0 when unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A value with where it was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
    /// Byte range of the value in the source text, where the parser knows it.
    pub span: Option<Range<usize>>,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located {
            value,
            pos,
            span: None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let loc = spanned.referenced;
        Ok(Located {
            value: spanned.value,
            pos: Pos {
                line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
                column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            },
            span: byte_range(loc.span()),
        })
    }
}

/// Positions are the loader's business: in the schema a located value is the value.
impl<T: JsonSchema> JsonSchema for Located<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

fn byte_range(span: serde_saphyr::Span) -> Option<Range<usize>> {
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    Some(start..start.checked_add(len)?)
}

/// A YAML mapping kept as written, duplicates included, so that the loader (not the
/// parser) decides what a duplicate means and can name both lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entries<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        // `any`, not `map`: an empty `controls:` (null) is an empty mapping, not a type error.
        d.deserialize_any(EntriesVisitor(std::marker::PhantomData))
    }
}

/// A mapping of text keys; empty (`controls:` alone) reads as no entries.
impl<K, V: JsonSchema> JsonSchema for Entries<K, V> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Entries_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["object", "null"],
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    /// Exactly four-digit year, month and day: chrono alone also reads `-2026-10-01` and
    /// `+12026-10-01`, which no document is dated.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let shaped = t.len() == 10
            && t.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        shaped
            .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
            .flatten()
            .map(Date)
            .ok_or_else(|| format!("invalid date `{s}`; expected YYYY-MM-DD, e.g. 2025-04-01"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        raw.parse().map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

/// How far a clause is implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// In place.
    Implemented,
    /// In place in part.
    Partial,
    /// Not yet in place.
    Planned,
    /// Does not apply to the service (give a `justification`).
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::Planned => "planned",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// Who may read a clause's text or a section: every customer, or only those under NDA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Disclosure {
    /// Published in the whitepaper (the default).
    #[default]
    Public,
    /// Only in the NDA edition (`render --audience nda`).
    Nda,
}

/// Whether an optional `audience:` says `nda`.
fn is_nda(audience: &Option<Located<Disclosure>>) -> bool {
    audience
        .as_ref()
        .is_some_and(|a| a.value == Disclosure::Nda)
}

/// `document.baseline`: a named baseline, or `none` for a catalog that only records statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaselineChoice {
    None,
    Named(BaselineId),
}

impl<'de> Deserialize<'de> for BaselineChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        if raw.trim() == "none" {
            return Ok(BaselineChoice::None);
        }
        raw.parse()
            .map(BaselineChoice::Named)
            .map_err(|e: String| de::Error::custom(format!("{e}, or none")))
    }
}

impl JsonSchema for BaselineChoice {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Baseline".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names: Vec<&str> = BaselineId::ALL.iter().map(|b| b.as_str()).collect();
        names.push("none");
        json_schema!({ "type": "string", "enum": names })
    }
}

/// One or several party keys: `owner: provider` or `owner: [customer, provider]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owners(pub Vec<String>);

impl<'de> Deserialize<'de> for Owners {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OwnersVisitor;
        impl<'de> Visitor<'de> for OwnersVisitor {
            type Value = Owners;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a party key or a list of party keys")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Owners, E> {
                Ok(Owners(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Owners, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<String>()? {
                    keys.push(k);
                }
                Ok(Owners(keys))
            }
        }
        d.deserialize_any(OwnersVisitor)
    }
}

impl JsonSchema for Owners {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Owners".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } },
            ],
        })
    }
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable slug (lowercase letters, digits, hyphens), used in file names and matrices.
    pub id: Located<String>,
    /// The service's name as customers know it.
    pub name: Located<String>,
    /// The company that runs the service.
    pub provider: Located<String>,
    /// The service's web page.
    #[serde(default)]
    pub url: Option<Located<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The document version this entry describes, in quotes (`"1.0"`).
    pub version: Located<String>,
    /// When that version was published, YYYY-MM-DD.
    pub date: Located<Date>,
    /// What changed, in a sentence.
    pub summary: Located<String>,
}

fn default_standard() -> Located<StandardId> {
    Located::new(StandardId::Iso27017_2015, Pos::default())
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The whitepaper's title.
    pub title: Located<String>,
    /// The document version, in quotes (`"1.2"`).
    pub version: Located<String>,
    /// The publication date, YYYY-MM-DD. Optional so that an import which found none can
    /// leave it out rather than invent one; `check` reports it missing (`missing-date`).
    #[serde(default)]
    pub date: Option<Located<Date>>,
    /// The document's language (`ja` or `en`): built-in titles, headings and messages.
    #[serde(default)]
    pub language: Lang,
    /// The clauses the document is organised by (default `iso27017:2015`).
    #[serde(default = "default_standard")]
    pub standard: Located<StandardId>,
    /// Show the mapped ids of this standard next to each clause.
    #[serde(default)]
    pub annotate: Option<Located<StandardId>>,
    /// How clause ids are shown: `annex` (`A.5.1.1`, default) or `plain` (`5.1.1`).
    #[serde(default)]
    pub id_style: IdStyle,
    /// The clauses the document must cover; defaults from `standard`; `none` switches
    /// coverage off.
    #[serde(default)]
    pub baseline: Option<Located<BaselineChoice>>,
    /// The revision history, oldest first.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// Further lines printed on the cover (a subtitle, a "reproduction prohibited" notice).
    #[serde(default)]
    pub cover: Cover,
}

/// Cover lines beside the title block, in order: `above` the service name, `below` the
/// provider. By position, as the importer finds them, not by kind: a tagline above the
/// name and a notice at the foot both keep their place.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// Lines printed above the service name, in order (a tagline).
    #[serde(default)]
    pub above: Vec<Located<String>>,
    /// Lines printed below the provider, in order (a "reproduction prohibited" notice).
    #[serde(default)]
    pub below: Vec<Located<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A short name for the section (`purpose`, `scope`), unique in the catalog.
    pub id: Located<String>,
    /// The provider's own number as printed (`1`, `3.7`), without a trailing period;
    /// when no section has one, render numbers them itself.
    #[serde(default)]
    pub number: Option<Located<String>>,
    /// The heading customers read.
    pub title: Located<String>,
    /// `nda`: the section and its subsections appear only in the NDA edition.
    #[serde(default)]
    pub audience: Option<Located<Disclosure>>,
    /// The section's text, in Markdown.
    #[serde(default)]
    pub body: Located<String>,
    /// Subsections, printed under this section; a subsection holds none.
    #[serde(default)]
    pub sections: Vec<Section>,
}

impl Section {
    pub fn is_nda(&self) -> bool {
        is_nda(&self.audience)
    }
}

/// A section and its subsections: a third level would be numbered like a clause (3.1.1).
pub const MAX_SECTION_DEPTH: usize = 2;

/// Every section of `sections`, each followed by its subsections (document order).
pub fn all_sections(sections: &[Section]) -> Vec<&Section> {
    let mut out = Vec::new();
    for s in sections {
        out.push(s);
        out.extend(all_sections(&s.sections));
    }
    out
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// What is managed (a row of the table), e.g. the application or customer data.
    pub layer: Located<String>,
    /// Who manages it: a party key, or a list of them for a shared layer.
    pub owner: Located<Owners>,
    /// A remark shown with the row.
    #[serde(default)]
    pub note: Option<Located<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// Party key → label shown in the table, in column order.
    pub parties: Located<Entries<Located<String>, Located<String>>>,
    /// The rows of the table, top to bottom.
    pub layers: Vec<Layer>,
}

/// One clause's entry as written under `controls`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlEntry {
    /// How far the clause is implemented.
    pub status: Located<Status>,
    /// What customers read about this clause, in Markdown.
    #[serde(default)]
    pub statement: Option<Located<String>>,
    /// Why the clause does not apply (required for `not-applicable`).
    #[serde(default)]
    pub justification: Option<Located<String>>,
    /// `nda`: the statement and justification appear only in the NDA edition; the public
    /// whitepaper says the detail is available under NDA.
    #[serde(default)]
    pub audience: Option<Located<Disclosure>>,
    /// Who answers for the clause. Internal, like every field below: never published.
    #[serde(default)]
    pub owner: Option<Located<String>>,
    /// When the statement was last reviewed, YYYY-MM-DD (internal).
    #[serde(default)]
    pub reviewed: Option<Located<Date>>,
    /// Files or links that back the statement (internal).
    #[serde(default)]
    pub evidence: Vec<Located<String>>,
    /// Notes for the team (internal).
    #[serde(default)]
    pub notes: Option<Located<String>>,
    /// The clauses of an earlier numbering this entry was migrated from (`kanrisaku
    /// migrate`), in the order their statements were joined. Internal: never rendered.
    #[serde(default)]
    pub from: Vec<Located<String>>,
}

impl ControlEntry {
    pub fn is_nda(&self) -> bool {
        is_nda(&self.audience)
    }
}

/// Lines an import kept verbatim for review (see `kanrisaku import`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    /// The source's table of contents.
    #[serde(default)]
    pub toc: Vec<Located<String>>,
    /// Cover lines, read as title, version, date and provider.
    #[serde(default)]
    pub cover: Vec<Located<String>>,
    /// Clause, section and grouping headings as they were written.
    #[serde(default)]
    pub headings: Vec<Located<String>>,
    /// Table rows turned into revisions or the responsibility table, end marks.
    #[serde(default)]
    pub structured: Vec<Located<String>>,
    /// Lines placed nowhere: move them into statements or sections.
    #[serde(default)]
    pub other: Vec<Located<String>>,
    /// Page furniture: running headers and footers, page numbers.
    #[serde(default)]
    pub furniture: Vec<Located<String>>,
}

/// The file as parsed, before ids are normalised and duplicates checked.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CatalogFile {
    /// The catalog format version: 1.
    pub kanrisaku: Located<u32>,
    /// The cloud service this catalog describes.
    pub service: Service,
    /// The whitepaper's title, version, date, language and standard.
    pub document: Document,
    /// Front matter before the clauses (purpose, scope, terms, contact), in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The shared-responsibility table.
    #[serde(default)]
    pub responsibility: Option<Responsibility>,
    /// One entry per clause, keyed by its id (`A.5.1.1`, `5.1.1`, `CLD.6.3.1`).
    #[serde(default)]
    pub controls: Located<Entries<Located<String>, ControlEntry>>,
    /// Lines an import could not place, for review; never published.
    #[serde(default)]
    pub unplaced: Option<Unplaced>,
}

/// One clause of a catalog.
#[derive(Clone, Debug)]
pub struct Control {
    /// The normalised id; `None` when the key is not shaped like a clause id at all.
    pub id: Option<ClauseId>,
    /// The key as written, with its position.
    pub key: Located<String>,
    pub entry: ControlEntry,
}

/// A loaded, validated catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// The path as the user named it (used in every finding).
    pub path: PathBuf,
    /// The source text, to place findings inside multi-line values.
    pub source: String,
    pub service: Service,
    pub document: Document,
    pub sections: Vec<Section>,
    pub responsibility: Option<Responsibility>,
    /// In file order.
    pub controls: Vec<Control>,
    /// Where `controls:` starts (for findings about what is missing from it).
    pub controls_pos: Pos,
    /// Left over from an import; never rendered.
    pub unplaced: Option<Unplaced>,
    /// For placing findings: built once, as a catalog can have 100k of them.
    pub(super) lines: LineIndex,
    /// Clause → index in `controls` (duplicates are refused on load).
    pub(super) by_id: HashMap<ClauseId, usize>,
}

impl Catalog {
    /// The baseline this document must cover.
    pub fn baseline(&self) -> Option<BaselineId> {
        match self.document.baseline.as_ref().map(|b| b.value) {
            Some(BaselineChoice::None) => None,
            Some(BaselineChoice::Named(b)) => Some(b),
            None => match self.document.standard.value {
                StandardId::Iso27017_2015 => Some(BaselineId::Provider),
                StandardId::Iso27002_2013 | StandardId::Iso27002_2022 => None,
            },
        }
    }

    /// Sections and subsections in document order: what every rule about sections reads.
    pub fn all_sections(&self) -> Vec<&Section> {
        all_sections(&self.sections)
    }

    pub fn control(&self, id: &ClauseId) -> Option<&Control> {
        self.by_id.get(id).map(|&i| &self.controls[i])
    }

    /// The position of a byte offset of the source text.
    pub fn pos_at(&self, offset: usize) -> Pos {
        self.lines.pos_at(&self.source, offset)
    }
}

/// Line and character column of a byte offset (clamped to the text), for a one-off lookup;
/// a catalog places its findings through its [`LineIndex`].
pub fn pos_at(text: &str, offset: usize) -> Pos {
    LineIndex::new(text).pos_at(text, offset)
}

/// Where lines start and how many characters precede every [`CHUNK`]-th byte, built once
/// per text: placing a finding is then a binary search plus a scan of at most one chunk,
/// not a scan from the start of the file (which made 100k findings take minutes).
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    chars_before_chunk: Vec<usize>,
}

const CHUNK: usize = 256;

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(newlines(bytes).map(|i| i + 1))
            .collect();
        let mut chars_before_chunk = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut chars = 0;
        for chunk in bytes.chunks(CHUNK) {
            chars_before_chunk.push(chars);
            chars += count_chars(chunk);
        }
        chars_before_chunk.push(chars);
        LineIndex {
            line_starts,
            chars_before_chunk,
        }
    }

    /// Line and character column of a byte offset of `text` (the text this index was built from).
    pub(crate) fn pos_at(&self, text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, line_start) + 1;
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / CHUNK;
        self.chars_before_chunk[chunk] + count_chars(&text.as_bytes()[chunk * CHUNK..offset])
    }
}

fn newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = format!("a: 1\nb: {}\n\nc", "あ".repeat(300));
        let index = LineIndex::new(&text);
        assert_eq!(index.pos_at(&text, 0), Pos { line: 1, column: 1 });
        assert_eq!(index.pos_at(&text, 5), Pos { line: 2, column: 1 });
        // After 300 three-byte characters: column 304, across chunk boundaries.
        assert_eq!(
            index.pos_at(&text, 8 + 900),
            Pos {
                line: 2,
                column: 304
            }
        );
        // Inside a character: the character's start.
        assert_eq!(index.pos_at(&text, 9), Pos { line: 2, column: 4 });
        assert_eq!(index.pos_at(&text, text.len()), Pos { line: 4, column: 2 });
        assert_eq!(index.pos_at(&text, usize::MAX), Pos { line: 4, column: 2 });
    }
}
