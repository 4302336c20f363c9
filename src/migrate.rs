//! `kanrisaku migrate`: a catalog in 2013 numbering (27017:2015 or 27002:2013) rewritten in
//! ISO/IEC 27002:2022 numbering, for ISMS documents kept by the 2022 edition.
//!
//! Only `controls` and three `document` fields change; everything else is the source text
//! as written. Each 2022 control gets one entry built from its 2013 predecessors, in
//! standard order: statements joined with a blank line, and the predecessors recorded in
//! the entry's `from` list (the model's one addition for migration, internal like `notes`).
//! A 2013 clause that became several 2022 controls (18.2.3) is placed in each, with a note
//! to review. CLD clauses (27017 cloud controls) have no 2022 id: they stay as they are, as
//! do keys that are no 2013 control. Comments inside an entry move above its new key.
//!
//! Nothing is lost: the result is loaded again and every statement, justification, note,
//! owner and evidence of the input must be found in it, or nothing is returned.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use crate::catalog::{
    BaselineChoice, Catalog, Control, LoadError, Status, load_bytes, parse_catalog,
};
use crate::fmt::{layout, tree};
use crate::reference::{BaselineId, ClauseId, IdStyle, Lang, Reference, StandardId};
use tree::{Entry, Kind, Node, line_end, line_start};

/// Why a catalog was not migrated. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Only 2013 → 2022 exists.
    #[error("{path}: migrate converts 2013 numbering (iso27017:2015, iso27002:2013) to iso27002:2022; this catalog is numbered by {from}{}", if *.from == StandardId::Iso27002_2022 { ", so it is already migrated" } else { "" })]
    Unsupported { path: String, from: StandardId },
    /// The YAML is shaped so that it cannot be edited in place (a flow-style `document`).
    #[error(
        "{path}: `{key}` is written as a flow mapping ({{ … }}); write it as a block mapping, one key per line, and migrate again"
    )]
    Flow { path: String, key: &'static str },
    /// The YAML parser used for editing read the file otherwise than the loader.
    #[error("{path}: {message}; the catalog loads but could not be edited: please report it")]
    Unparsed { path: String, message: String },
    /// The result failed its own verification: a bug, caught before writing.
    #[error(
        "{path}: the migrated catalog would not keep `{what}` (a bug in kanrisaku); nothing was written"
    )]
    Unverified { path: String, what: String },
}

/// The migrated text and what happened to each clause.
#[derive(Debug)]
pub struct Migration {
    pub text: String,
    /// 2022 controls that several 2013 clauses were merged into, with those clauses.
    pub merged: Vec<(ClauseId, Vec<ClauseId>)>,
    /// 2013 clauses placed in several 2022 controls, with those controls.
    pub split: Vec<(ClauseId, Vec<ClauseId>)>,
    /// Clauses kept under their own id: CLD clauses and keys that are no 2013 control.
    pub kept: Vec<String>,
    /// Controls new in 2022 the catalog has no entry for (placeholders with `add_missing`).
    pub missing: Vec<ClauseId>,
    /// Statements of the input, all of them in the output.
    pub statements: usize,
}

/// Migrate the catalog `bytes` read from `path` to 2022 numbering.
pub fn migrate(path: &Path, bytes: &[u8], add_missing: bool) -> Result<Migration, MigrateError> {
    let catalog = load_bytes(path, bytes.to_vec())?;
    let name = path.display().to_string();
    let from = catalog.document.standard.value;
    if from.is_2022() {
        return Err(MigrateError::Unsupported { path: name, from });
    }
    let crlf = catalog.source.contains("\r\n");
    let text = catalog.source.replace("\r\n", "\n");
    let unparsed = |message: String| MigrateError::Unparsed {
        path: name.clone(),
        message,
    };
    let mut parsed = tree::parse(&text).map_err(|e| unparsed(e.message))?;
    let Some(root) = parsed.root.as_mut() else {
        return Err(unparsed("no YAML document".to_string()));
    };
    layout::layout(&text, root);
    let plan = Plan::new(&catalog, add_missing);
    let mut edits = document_edits(&text, root, &catalog, &name)?;
    edits.push(controls_edit(
        &text,
        root,
        &parsed.comments,
        &catalog,
        &plan,
    ));
    let out = apply(&text, edits);
    let migrated = parse_catalog(path, out.clone()).map_err(|e| MigrateError::Unverified {
        path: name.clone(),
        what: e.to_string(),
    })?;
    verify(&catalog, &migrated).map_err(|what| MigrateError::Unverified { path: name, what })?;
    let mut text = if crlf { out.replace('\n', "\r\n") } else { out };
    if bytes.starts_with(b"\xEF\xBB\xBF") && !text.starts_with('\u{FEFF}') {
        text.insert(0, '\u{FEFF}');
    }
    Ok(Migration {
        text,
        merged: plan.merged(),
        split: plan.split(),
        kept: plan
            .kept
            .iter()
            .map(|&i| catalog.controls[i].key.value.clone())
            .collect(),
        missing: plan.missing,
        statements: catalog
            .controls
            .iter()
            .filter(|c| c.entry.statement.is_some())
            .count(),
    })
}

/// `text` with each range replaced; the ranges do not overlap.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 4096);
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Which input clauses go to which 2022 control.
struct Plan<'a> {
    catalog: &'a Catalog,
    /// 2022 control → its predecessors in the catalog, in 2013 order.
    targets: BTreeMap<ClauseId, Vec<usize>>,
    /// Indices into the catalog's controls.
    kept: Vec<usize>,
    missing: Vec<ClauseId>,
    add_missing: bool,
    lang: Lang,
    style: IdStyle,
}

impl<'a> Plan<'a> {
    fn new(catalog: &'a Catalog, add_missing: bool) -> Self {
        let reference = Reference::get();
        let mut targets: BTreeMap<ClauseId, Vec<usize>> = BTreeMap::new();
        let mut kept = Vec::new();
        for (i, control) in catalog.controls.iter().enumerate() {
            let successors = control
                .id
                .as_ref()
                .map_or(&[][..], |id| reference.to_2022(id));
            if successors.is_empty() {
                kept.push(i);
            }
            for target in successors {
                targets.entry(target.clone()).or_default().push(i);
            }
        }
        let controls = &catalog.controls;
        for sources in targets.values_mut() {
            sources.sort_by(|&a, &b| controls[a].id.cmp(&controls[b].id));
        }
        // A key already in 2022 numbering (`8.24`, unknown to a 27017 catalog) joins, last,
        // the entry its 2013 predecessors make, rather than becoming a second `8.24`.
        kept.retain(|&i| match controls[i].id.as_ref() {
            Some(id) if targets.contains_key(id) => {
                targets.entry(id.clone()).or_default().push(i);
                false
            }
            _ => true,
        });
        let missing = reference
            .standard(StandardId::Iso27002_2022)
            .clauses()
            .iter()
            .filter(|c| c.new_in_2022 || reference.from_2013(&c.id).is_empty())
            .map(|c| c.id.clone())
            .filter(|id| !targets.contains_key(id) && catalog.control(id).is_none())
            .collect();
        Plan {
            catalog,
            targets,
            kept,
            missing,
            add_missing,
            lang: catalog.document.language,
            style: catalog.document.id_style,
        }
    }

    fn ids(&self, sources: &[usize]) -> Vec<ClauseId> {
        sources
            .iter()
            .filter_map(|&i| self.catalog.controls[i].id.clone())
            .collect()
    }

    fn merged(&self) -> Vec<(ClauseId, Vec<ClauseId>)> {
        self.targets
            .iter()
            .filter(|(_, sources)| sources.len() > 1)
            .map(|(id, sources)| (id.clone(), self.ids(sources)))
            .collect()
    }

    fn split(&self) -> Vec<(ClauseId, Vec<ClauseId>)> {
        let reference = Reference::get();
        let mut split: Vec<(ClauseId, Vec<ClauseId>)> = self
            .targets
            .values()
            .flat_map(|sources| self.ids(sources))
            .filter(|id| reference.to_2022(id).len() > 1)
            .map(|id| {
                let to = reference.to_2022(&id).to_vec();
                (id, to)
            })
            .collect();
        split.sort();
        split.dedup();
        split
    }
}

/// `standard` (and `annotate`, `baseline`) of `document`, as 2022 numbering needs them.
fn document_edits(
    text: &str,
    root: &Node,
    catalog: &Catalog,
    path: &str,
) -> Result<Vec<(Range<usize>, String)>, MigrateError> {
    let Some(document) = entry(root, "document") else {
        unreachable!("a catalog that loads has a document");
    };
    let Kind::Map {
        flow: false,
        entries,
    } = &document.value.kind
    else {
        return Err(MigrateError::Flow {
            path: path.to_string(),
            key: "document",
        });
    };
    let mut edits = Vec::new();
    let value = |node: &Node, to: &str| (node.start..node.end, to.to_string());
    match entries.iter().find(|e| e.key.scalar() == Some("standard")) {
        Some(e) => edits.push(value(&e.value, "iso27002:2022")),
        None => edits.push(insert_after(text, entries, "standard", "iso27002:2022")),
    }
    if let Some(e) = entries.iter().find(|e| e.key.scalar() == Some("annotate"))
        && catalog
            .document
            .annotate
            .as_ref()
            .is_some_and(|a| a.value.is_2022())
    {
        // Beside a 2022 heading, the 2013 ids the text came from.
        edits.push(value(&e.value, "iso27002:2013"));
    }
    let baseline = catalog.document.baseline.as_ref().map(|b| b.value);
    match (
        entries.iter().find(|e| e.key.scalar() == Some("baseline")),
        baseline,
    ) {
        (Some(e), Some(BaselineChoice::Named(BaselineId::Iso27002_2013All))) => {
            edits.push(value(&e.value, BaselineId::Iso27002_2022All.as_str()));
        }
        // A 27017 document's implicit baseline would be none in 2022 numbering: say it.
        (None, None) if catalog.document.standard.value == StandardId::Iso27017_2015 => {
            edits.push(insert_after(
                text,
                entries,
                "baseline",
                BaselineId::Provider.as_str(),
            ));
        }
        _ => {}
    }
    Ok(edits)
}

/// Insert `key: value` as a new line of a block mapping, after the keys `fmt` puts before it.
fn insert_after(text: &str, entries: &[Entry], key: &str, value: &str) -> (Range<usize>, String) {
    const ORDER: [&str; 8] = [
        "title", "version", "date", "language", "standard", "annotate", "id_style", "baseline",
    ];
    let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
    let before = entries
        .iter()
        .filter(|e| e.key.scalar().is_some_and(|k| rank(k) < rank(key)))
        .max_by_key(|e| e.block.end)
        .unwrap_or(&entries[0]);
    let indent = before.key.start - line_start(text, before.key.start);
    let at = line_end(text, before.block.end);
    let mut line = format!("{}{key}: {value}\n", " ".repeat(indent));
    if at == text.len() && !text.ends_with('\n') {
        line.insert(0, '\n');
    }
    (at..at, line)
}

fn entry<'n>(map: &'n Node, key: &str) -> Option<&'n Entry> {
    match &map.kind {
        Kind::Map { entries, .. } => entries.iter().find(|e| e.key.scalar() == Some(key)),
        _ => None,
    }
}

/// The whole `controls` entry, rewritten; appended when the catalog has none.
fn controls_edit(
    text: &str,
    root: &Node,
    comments: &[Range<usize>],
    catalog: &Catalog,
    plan: &Plan,
) -> (Range<usize>, String) {
    let Some(controls) = entry(root, "controls") else {
        let at = text.len();
        let sep = if text.ends_with('\n') { "" } else { "\n" };
        return (
            at..at,
            format!(
                "{sep}{}",
                render_controls(text, None, comments, catalog, plan, 2)
            ),
        );
    };
    let start = line_start(text, controls.key.start);
    let end = controls.block.end.max(line_end(text, controls.value.end));
    let column = match &controls.value.kind {
        Kind::Map {
            flow: false,
            entries,
        } if !entries.is_empty() => entries[0].key.start - line_start(text, entries[0].key.start),
        _ => 2,
    };
    let body = render_controls(text, Some(controls), comments, catalog, plan, column);
    (start..end, body)
}

/// `controls:` and its entries in 2022 numbering, keys at `column`.
fn render_controls(
    text: &str,
    controls: Option<&Entry>,
    comments: &[Range<usize>],
    catalog: &Catalog,
    plan: &Plan,
    column: usize,
) -> String {
    // The tree's entries and the catalog's controls are both in file order, one for one.
    let entries: Vec<&Entry> = match controls.map(|c| &c.value.kind) {
        Some(Kind::Map { entries, .. }) => entries.iter().collect(),
        _ => Vec::new(),
    };
    let pad = " ".repeat(column);
    // Comments are in text order: an entry's are found by binary search, not by a scan.
    let comment_lines = |range: &Range<usize>, out: &mut String| {
        let first = comments.partition_point(|c| c.start < range.start);
        for c in comments[first..].iter().take_while(|c| c.start < range.end) {
            out.push_str(&format!("{pad}{}\n", &text[c.clone()]));
        }
    };
    let mut out = String::from("controls:\n");
    // Comments on the `controls:` line and between entries stay on top.
    if let Some(controls) = controls {
        let in_entries = |c: &Range<usize>| {
            let after = entries.partition_point(|e| e.block.start <= c.start);
            after > 0 && entries[after - 1].block.contains(&c.start)
        };
        for c in comments.iter().filter(|c| {
            c.start >= controls.key.start && c.start < controls.block.end && !in_entries(c)
        }) {
            out.push_str(&format!("{pad}{}\n", &text[c.clone()]));
        }
    }
    let mut items: Vec<(Option<ClauseId>, String)> = Vec::new();
    for (target, sources) in &plan.targets {
        let mut item = String::new();
        for &i in sources {
            if let Some(e) = entries.get(i) {
                comment_lines(&e.block, &mut item);
            }
        }
        let sources: Vec<&Control> = sources.iter().map(|&i| &catalog.controls[i]).collect();
        let key = target.display(plan.style);
        item.push_str(&merged_entry(&key, &sources, plan, &pad, true));
        items.push((Some(target.clone()), item));
    }
    for &i in &plan.kept {
        let control = &catalog.controls[i];
        let mut item = String::new();
        if let Some(e) = entries.get(i) {
            comment_lines(&e.block, &mut item);
        }
        let key = control
            .id
            .as_ref()
            .map_or(control.key.value.clone(), |id| id.display(plan.style));
        item.push_str(&merged_entry(&key, &[control], plan, &pad, false));
        items.push((control.id.clone(), item));
    }
    if plan.add_missing {
        for id in &plan.missing {
            items.push((Some(id.clone()), placeholder(id, plan, &pad)));
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, item) in items {
        out.push_str(&item);
    }
    out
}

/// The status of a merged entry: the sources' own when they agree; otherwise `partial`
/// while any of them is at least partly implemented, else `planned`. `not-applicable` only
/// when every source is.
fn merged_status(sources: &[&Control]) -> Status {
    let active: Vec<Status> = sources
        .iter()
        .map(|c| c.entry.status.value)
        .filter(|s| *s != Status::NotApplicable)
        .collect();
    match active.as_slice() {
        [] => Status::NotApplicable,
        [first, rest @ ..] if rest.iter().all(|s| s == first) => *first,
        _ if active
            .iter()
            .any(|s| matches!(s, Status::Implemented | Status::Partial)) =>
        {
            Status::Partial
        }
        _ => Status::Planned,
    }
}

/// One 2022 entry from its 2013 `sources` (in 2013 order).
/// `key` is the target's id, or for a kept clause its own; only migrated entries get `from`.
fn merged_entry(key: &str, sources: &[&Control], plan: &Plan, pad: &str, from: bool) -> String {
    let reference = Reference::get();
    let shown = |c: &Control| {
        c.id.as_ref()
            .map_or(c.key.value.clone(), |id| id.display(plan.style))
    };
    let status = merged_status(sources);
    let texts = |pick: fn(&Control) -> Option<&str>| -> Vec<(&Control, &str)> {
        sources
            .iter()
            .filter_map(|c| pick(c).filter(|t| !t.trim().is_empty()).map(|t| (*c, t)))
            .collect()
    };
    let statements = texts(|c| c.entry.statement.as_ref().map(|s| s.value.as_str()));
    let statement = joined(statements.iter().map(|(_, t)| renumber(t)).collect());
    let justifications = texts(|c| c.entry.justification.as_ref().map(|s| s.value.as_str()));
    let many = sources.len() > 1;
    let labelled = |c: &Control, t: &str| {
        if many {
            format!("{}: {}", shown(c), t.trim_end())
        } else {
            t.trim_end().to_string()
        }
    };
    let mut notes: Vec<String> = texts(|c| c.entry.notes.as_ref().map(|s| s.value.as_str()))
        .into_iter()
        .map(|(c, t)| labelled(c, t))
        .collect();
    let justification: Vec<String> = if status == Status::NotApplicable {
        justifications
            .iter()
            .map(|(c, t)| labelled(c, &renumber(t)))
            .collect()
    } else {
        // Published only for not-applicable clauses: kept internal rather than dropped.
        notes.extend(justifications.iter().map(|(c, t)| {
            let status = c.entry.status.value.as_str();
            format!("{} ({status}): {}", shown(c), renumber(t).trim_end())
        }));
        Vec::new()
    };
    for c in sources {
        let successors = c.id.as_ref().map_or(&[][..], |id| reference.to_2022(id));
        if successors.len() > 1 {
            let ids: Vec<&str> = successors.iter().map(ClauseId::as_str).collect();
            notes.push(crate::t!(
                plan.lang,
                "migrate-note-split",
                id = shown(c),
                targets = ids.join(", "),
                target = key
            ));
        }
    }
    let mut owners: Vec<&str> = Vec::new();
    for (_, owner) in texts(|c| c.entry.owner.as_ref().map(|s| s.value.as_str())) {
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let mut evidence: Vec<&str> = Vec::new();
    for e in sources.iter().flat_map(|c| &c.entry.evidence) {
        if !evidence.contains(&e.value.as_str()) {
            evidence.push(&e.value);
        }
    }
    let reviewed = sources
        .iter()
        .filter_map(|c| c.entry.reviewed.as_ref())
        .map(|d| d.value)
        .min();

    let inner = format!("{pad}  ");
    let mut out = format!("{pad}{}:\n", quoted(key));
    out.push_str(&format!("{inner}status: {}\n", status.as_str()));
    let mut field = |key: &str, value: &str| out.push_str(&scalar_field(&inner, key, value));
    if !statement.is_empty() {
        field("statement", &statement);
    }
    if !justification.is_empty() {
        field("justification", &joined(justification));
    }
    if !owners.is_empty() {
        field("owner", &owners.join(", "));
    }
    if let Some(date) = reviewed {
        out.push_str(&format!("{inner}reviewed: {date}\n"));
    }
    if !evidence.is_empty() {
        let evidence: Vec<String> = evidence.into_iter().map(quoted).collect();
        out.push_str(&format!("{inner}evidence: [{}]\n", evidence.join(", ")));
    }
    if !notes.is_empty() {
        out.push_str(&scalar_field(&inner, "notes", &joined(notes)));
    }
    if from {
        let from: Vec<String> = sources.iter().map(|c| quoted(&shown(c))).collect();
        out.push_str(&format!("{inner}from: [{}]\n", from.join(", ")));
    }
    out
}

/// `text` with each reference to a 2013 clause (「A.12.6.1 を参照」) naming its 2022
/// successors instead (`A.8.8`), written with or without `A.` as the reference was: the
/// references of a 2022 catalog must name 2022 controls.
pub fn renumber(text: &str) -> String {
    let reference = Reference::get();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for found in crate::check::find_references(text) {
        let Some(id) = found.id.as_ref() else {
            continue;
        };
        let successors = reference.to_2022(id);
        if successors.is_empty() || id.is_cld() {
            continue;
        }
        let annex = found.text.starts_with(['A', 'a']);
        let ids: Vec<String> = successors
            .iter()
            .map(|s| {
                if annex {
                    s.display(IdStyle::Annex)
                } else {
                    s.to_string()
                }
            })
            .collect();
        out.push_str(&text[at..found.start]);
        out.push_str(&ids.join(" / "));
        at = found.start + found.text.len();
    }
    out.push_str(&text[at..]);
    out
}

/// Texts as paragraphs in order, ending in a line break when the last one did.
fn joined(texts: Vec<String>) -> String {
    let ends = texts.last().is_some_and(|t| t.ends_with('\n'));
    let mut text = texts
        .iter()
        .map(|t| t.trim_end_matches('\n'))
        .collect::<Vec<_>>()
        .join("\n\n");
    if ends {
        text.push('\n');
    }
    text
}

/// A control new in 2022, to be written: a placeholder `check` reports until it is.
fn placeholder(id: &ClauseId, plan: &Plan, pad: &str) -> String {
    let title = Reference::get()
        .standard(StandardId::Iso27002_2022)
        .clause(id)
        .map_or("", |c| c.title(plan.lang));
    let text = crate::t!(
        plan.lang,
        "migrate-placeholder",
        id = id.as_str(),
        title = title
    );
    format!(
        "{pad}{}:\n{pad}  status: planned\n{}",
        quoted(&id.display(plan.style)),
        scalar_field(&format!("{pad}  "), "statement", &text)
    )
}

/// `key: value` at `indent`: a literal block for multi-line text, else a double-quoted
/// string (JSON's escapes are YAML's), which no value can break.
fn scalar_field(indent: &str, key: &str, value: &str) -> String {
    let deeper = indent.len() + 2;
    match value
        .contains('\n')
        .then(|| crate::fmt::literal_lines(value, deeper, Some(2)))
        .flatten()
    {
        Some((header, lines)) => format!("{indent}{key}: {header}\n{lines}"),
        None => format!("{indent}{key}: {}\n", quoted(value)),
    }
}

fn quoted(value: &str) -> String {
    serde_json::to_string(value).expect("a string serialises")
}

/// Every text of `before`'s controls is in each entry it went to: statements and
/// justifications (references renumbered), owners, notes and evidence. The clause whose
/// text is missing when not.
fn verify(before: &Catalog, after: &Catalog) -> Result<(), String> {
    let reference = Reference::get();
    let fields = |c: &Control| -> Vec<String> {
        let e = &c.entry;
        let published = [&e.statement, &e.justification]
            .into_iter()
            .flatten()
            .map(|l| renumber(l.value.trim_end()));
        let internal = [&e.owner, &e.notes]
            .into_iter()
            .flatten()
            .map(|l| l.value.trim_end().to_string());
        let evidence = e.evidence.iter().map(|l| l.value.clone());
        published.chain(internal).chain(evidence).collect()
    };
    let by_key: std::collections::HashMap<&str, &Control> = after
        .controls
        .iter()
        .map(|c| (c.key.value.as_str(), c))
        .collect();
    for control in &before.controls {
        let successors = control
            .id
            .as_ref()
            .map_or(&[][..], |id| reference.to_2022(id));
        let homes: Vec<&Control> = match (successors, &control.id) {
            ([], Some(id)) => after.control(id).into_iter().collect(),
            ([], None) => by_key
                .get(control.key.value.as_str())
                .copied()
                .into_iter()
                .collect(),
            (ids, _) => ids.iter().filter_map(|id| after.control(id)).collect(),
        };
        let lost = || format!("the text of {}", control.key.value);
        if homes.len() != successors.len().max(1) {
            return Err(lost());
        }
        for home in homes {
            let there = fields(home).join("\n");
            if !fields(control).iter().all(|t| there.contains(t.as_str())) {
                return Err(lost());
            }
        }
    }
    Ok(())
}
