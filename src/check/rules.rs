//! The rules. Each looks at one aspect of a catalog and reports through a [`Sink`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::placeholder::find_placeholder;
use super::references::{ClauseReference, candidates, find_references};
use super::suggest::suggestions;
use super::{CatalogSummary, CheckOptions, Code, Message, Sink, Subject};
use crate::catalog::{Catalog, Control, Located, Pos, Status};
use crate::reference::{ClauseId, Reference, StandardId};

pub(super) fn check_catalog(
    reference: &Reference,
    catalog: &Catalog,
    options: &CheckOptions,
    sink: &mut Sink,
) {
    clause_ids(reference, catalog, sink);
    coverage(reference, catalog, sink);
    nda_only(reference, catalog, sink);
    for control in &catalog.controls {
        let unwritten = statement(control, sink);
        if !unwritten {
            review(control, options, sink);
        }
    }
    references(reference, catalog, sink);
    super::published::check_catalog(catalog, options.workspace.as_deref(), sink);
    revisions(catalog, sink);
    responsibility(catalog, sink);
    unplaced(catalog, sink);
}

fn unplaced(catalog: &Catalog, sink: &mut Sink) {
    let Some(other) = catalog
        .unplaced
        .as_ref()
        .map(|u| &u.other)
        .filter(|o| !o.is_empty())
    else {
        return;
    };
    let message = Message::new("unplaced-text").arg("count", other.len());
    sink.push(Code::UnplacedText, other[0].pos, None, message);
}

fn clause_ids(reference: &Reference, catalog: &Catalog, sink: &mut Sink) {
    let standard = catalog.document.standard.value;
    for control in &catalog.controls {
        if control
            .id
            .as_ref()
            .is_some_and(|id| reference.resolve(standard, id).is_some())
        {
            continue;
        }
        let key = &control.key.value;
        let message = unknown_clause(reference, standard, key, control.id.as_ref());
        let help = suggestions(
            reference,
            standard,
            key,
            catalog.document.id_style,
            catalog.document.language,
        );
        let finding = sink.push_about(
            Code::UnknownClause,
            control.key.pos,
            Some(Subject::Key(key.clone())),
            message,
        );
        finding.help.extend(help);
    }
}

/// Why `key` is not a clause of `standard`: not an id at all, or an id of the other
/// edition of 27002 (then with its counterpart), or simply not there.
fn unknown_clause(
    reference: &Reference,
    standard: StandardId,
    key: &str,
    id: Option<&ClauseId>,
) -> Message {
    let other_edition = |edition| id.filter(|id| reference.standard(edition).clause(id).is_some());
    let joined = |ids: &[ClauseId]| {
        ids.iter()
            .map(ClauseId::as_str)
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let message = |id| {
        Message::new(id)
            .arg("key", key)
            .arg("standard", standard.to_string())
    };
    match id {
        None => Message::new("unknown-clause-not-an-id").arg("key", key),
        Some(_) if !standard.is_2022() && other_edition(StandardId::Iso27002_2022).is_some() => {
            let before = joined(reference.from_2013(id.expect("matched")));
            if before.is_empty() {
                message("unknown-clause-2022-id")
            } else {
                message("unknown-clause-2022-id-mapped").arg("before", before)
            }
        }
        Some(id) if standard.is_2022() && other_edition(StandardId::Iso27002_2013).is_some() => {
            message("unknown-clause-2013-id").arg("after", joined(reference.to_2022(id)))
        }
        Some(_) => message("unknown-clause"),
    }
}

/// Whether the catalog answers for a baseline clause, directly or through the 2013↔2022 mapping.
fn covers(reference: &Reference, catalog: &Catalog, id: &ClauseId) -> bool {
    let answered = |id: &ClauseId| catalog.control(id).is_some();
    if answered(id) {
        return true;
    }
    let catalog_2022 = catalog.document.standard.value.is_2022();
    let baseline_2022 = catalog.baseline().is_some_and(|b| b.standard().is_2022());
    match (catalog_2022, baseline_2022) {
        (true, false) => reference.to_2022(id).iter().any(answered),
        (false, true) => reference.from_2013(id).iter().any(answered),
        _ => false,
    }
}

fn coverage(reference: &Reference, catalog: &Catalog, sink: &mut Sink) {
    let Some(baseline) = catalog.baseline() else {
        return;
    };
    let gaps: Vec<_> = reference
        .baseline(baseline)
        .into_iter()
        .filter(|clause| !covers(reference, catalog, &clause.id))
        .collect();
    if gaps.is_empty() {
        return;
    }
    let pos = key_pos(catalog, "controls").unwrap_or(catalog.controls_pos);
    let lang = catalog.document.language;
    for clause in gaps {
        let message = Message::new("coverage-gap")
            .arg("clause", clause.id.display(catalog.document.id_style))
            .arg("title", clause.title(lang))
            .arg("baseline", baseline.to_string());
        // In a renumbered document, name the ids the author would actually write.
        let successors = reference.to_2022(&clause.id);
        let message = if catalog.document.standard.value.is_2022()
            && !baseline.standard().is_2022()
            && !successors.is_empty()
        {
            let ids: Vec<&str> = successors.iter().map(ClauseId::as_str).collect();
            Message {
                id: "coverage-gap-renumbered",
                ..message
            }
            .arg("ids", ids.join(" / "))
        } else {
            message
        };
        sink.push(Code::CoverageGap, pos, Some(&clause.id), message);
    }
}

/// A baseline clause must say something to every customer: NDA-only text leaves the
/// public whitepaper with a note and nothing else.
fn nda_only(reference: &Reference, catalog: &Catalog, sink: &mut Sink) {
    let Some(baseline) = catalog.baseline() else {
        return;
    };
    for clause in reference.baseline(baseline) {
        let Some(control) = catalog.control(&clause.id) else {
            continue;
        };
        if control.entry.is_nda() {
            let pos = control
                .entry
                .audience
                .as_ref()
                .map_or(control.key.pos, |a| a.pos);
            sink.push(
                Code::NdaOnly,
                pos,
                control.id.as_ref(),
                Message::new("nda-only"),
            );
        }
    }
}

/// The statement rules; whether the statement is still a placeholder (unwritten).
///
/// A clause whose statement is still a placeholder (as `init` writes every clause) gets
/// that one finding: its planned status, owner and review date are part of the same draft,
/// and four findings per clause would bury what to do first.
fn statement(control: &Control, sink: &mut Sink) -> bool {
    let entry = &control.entry;
    fn found(v: &Option<Located<String>>) -> Option<(usize, &str)> {
        v.as_ref().and_then(|s| find_placeholder(&s.value))
    }
    let in_statement = found(&entry.statement);
    let unwritten = in_statement.is_some();
    let id = control.id.as_ref();
    let status = entry.status.value;
    let blank = |v: &Option<Located<String>>| v.as_ref().is_none_or(|s| s.value.trim().is_empty());
    match status {
        Status::NotApplicable => {
            if blank(&entry.justification) {
                sink.push(
                    Code::MissingJustification,
                    entry.status.pos,
                    id,
                    Message::new("missing-justification"),
                )
                .help(Message::new("help-missing-justification"));
            }
        }
        _ => {
            if blank(&entry.statement) {
                let pos = entry.statement.as_ref().map_or(control.key.pos, |s| s.pos);
                sink.push(
                    Code::EmptyStatement,
                    pos,
                    id,
                    Message::new("empty-statement").arg("status", status.as_str()),
                );
            }
            if let Some(j) = entry
                .justification
                .as_ref()
                .filter(|j| !j.value.trim().is_empty())
            {
                sink.push(
                    Code::UnusedJustification,
                    j.pos,
                    id,
                    Message::new("unused-justification").arg("status", status.as_str()),
                )
                .help(Message::new("help-unused-justification"));
            }
        }
    }
    match status {
        Status::Partial => {
            sink.push(
                Code::PartialControl,
                entry.status.pos,
                id,
                Message::new("partial-control"),
            );
        }
        Status::Planned if !unwritten => {
            sink.push(
                Code::PlannedControl,
                entry.status.pos,
                id,
                Message::new("planned-control"),
            );
        }
        _ => {}
    }
    for (field, value, found) in [
        ("statement", &entry.statement, in_statement),
        (
            "justification",
            &entry.justification,
            found(&entry.justification),
        ),
    ] {
        if let (Some(value), Some((at, word))) = (value, found) {
            let pos = locate(sink.catalog, value, at, word);
            sink.push(Code::PlaceholderText, pos, id, placeholder(field, word))
                .help(Message::new("help-placeholder-text"));
        }
    }
    unwritten
}

pub(super) fn placeholder(field: &str, word: &str) -> Message {
    Message::new("placeholder-text")
        .arg("field", field)
        .arg("word", word)
}

/// The source position of `needle`, which sits at byte `at` of the parsed `value`.
///
/// Parsed text differs from the source (block indentation, quoting), so the n-th
/// occurrence of the needle in the value is matched to the n-th occurrence in the value's
/// source span; when that fails, the value's own position is used.
pub(super) fn locate(catalog: &Catalog, value: &Located<String>, at: usize, needle: &str) -> Pos {
    let Some(span) = source_span(catalog, value) else {
        return value.pos;
    };
    let nth = value.value[..at].matches(needle).count();
    catalog.source[span.clone()]
        .match_indices(needle)
        .nth(nth)
        .map_or(value.pos, |(i, _)| catalog.pos_at(span.start + i))
}

/// [`locate`] for every reference of one value, in one pass over its source span: the
/// n-th candidate with a reference's text in the value is the n-th in the source.
fn locate_references(
    catalog: &Catalog,
    value: &Located<String>,
    refs: &[ClauseReference],
) -> Vec<Pos> {
    let Some(span) = source_span(catalog, value) else {
        return vec![value.pos; refs.len()];
    };
    let mut written: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, text) in candidates(&catalog.source[span.clone()]) {
        written.entry(text).or_default().push(span.start + i);
    }
    refs.iter()
        .map(|r| {
            written
                .get(r.text.as_str())
                .and_then(|at| at.get(r.nth))
                .map_or(value.pos, |&at| catalog.pos_at(at))
        })
        .collect()
}

/// Where a value is written in its catalog's source, when the parser said so.
fn source_span(catalog: &Catalog, value: &Located<String>) -> Option<Range<usize>> {
    value
        .span
        .clone()
        .filter(|s| s.end <= catalog.source.len() && catalog.source.is_char_boundary(s.start))
        .filter(|s| catalog.source.is_char_boundary(s.end))
}

fn review(control: &Control, options: &CheckOptions, sink: &mut Sink) {
    let entry = &control.entry;
    let id = control.id.as_ref();
    if entry
        .owner
        .as_ref()
        .is_none_or(|o| o.value.trim().is_empty())
    {
        sink.push(
            Code::MissingOwner,
            control.key.pos,
            id,
            Message::new("missing-owner"),
        )
        .help(Message::new("help-missing-owner"));
    }
    match &entry.reviewed {
        None => {
            sink.push(
                Code::MissingReviewDate,
                control.key.pos,
                id,
                Message::new("missing-review-date"),
            );
        }
        Some(reviewed) => {
            let age = (options.today - reviewed.value.0).num_days();
            if age < 0 {
                sink.push(
                    Code::FutureReviewDate,
                    reviewed.pos,
                    id,
                    Message::new("future-review-date")
                        .arg("date", reviewed.value.to_string())
                        .arg("today", options.today.to_string()),
                );
            } else if age > i64::from(options.review_max_age_days) {
                sink.push(
                    Code::StaleReview,
                    reviewed.pos,
                    id,
                    Message::new("stale-review")
                        .arg("date", reviewed.value.to_string())
                        .arg("age", age),
                )
                .help(Message::new("help-stale-review").arg("days", options.review_max_age_days));
            }
        }
    }
}

fn references(reference: &Reference, catalog: &Catalog, sink: &mut Sink) {
    let standard = catalog.document.standard.value;
    let style = catalog.document.id_style;
    let lang = catalog.document.language;
    let mut texts: Vec<(Option<&ClauseId>, &Located<String>)> = Vec::new();
    for control in &catalog.controls {
        let entry = &control.entry;
        for value in [&entry.statement, &entry.justification]
            .into_iter()
            .flatten()
        {
            texts.push((control.id.as_ref(), value));
        }
    }
    for section in catalog.all_sections() {
        texts.push((None, &section.body));
    }
    for (owner, value) in texts {
        let refs = find_references(&value.value);
        let broken: Vec<(usize, Code, Message)> = refs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let (code, message) = broken_reference(reference, catalog, r)?;
                Some((i, code, message))
            })
            .collect();
        if broken.is_empty() {
            continue;
        }
        // Placed only when reported: nearly every reference is fine.
        let places = locate_references(catalog, value, &refs);
        for (i, code, message) in broken {
            let finding = sink.push(code, places[i], owner, message);
            if code == Code::UnknownReference {
                let help = suggestions(reference, standard, &refs[i].text, style, lang);
                finding.help.extend(help);
            }
        }
    }
}

/// What is wrong with a reference: a clause the standard does not have, or one the
/// catalog says nothing about.
fn broken_reference(
    reference: &Reference,
    catalog: &Catalog,
    r: &ClauseReference,
) -> Option<(Code, Message)> {
    let standard = catalog.document.standard.value;
    match r
        .id
        .as_ref()
        .filter(|id| reference.resolve(standard, id).is_some())
    {
        None => {
            let message = Message::new("unknown-reference")
                .arg("text", r.text.as_str())
                .arg("standard", standard.to_string());
            Some((Code::UnknownReference, message))
        }
        Some(id) if !has_text(catalog, id) => {
            let clause = id.display(catalog.document.id_style);
            let message = Message::new("unresolved-reference").arg("clause", clause);
            Some((Code::UnresolvedReference, message))
        }
        Some(_) => None,
    }
}

/// Whether a reader following a reference to `id` finds something.
fn has_text(catalog: &Catalog, id: &ClauseId) -> bool {
    catalog.control(id).is_some_and(answered)
}

/// Whether a clause says something a reader can follow: a statement, or a justification
/// for a clause that does not apply.
fn answered(c: &Control) -> bool {
    let e = &c.entry;
    let present =
        |v: &Option<Located<String>>| v.as_ref().is_some_and(|s| !s.value.trim().is_empty());
    present(&e.statement) || (e.status.value == Status::NotApplicable && present(&e.justification))
}

fn revisions(catalog: &Catalog, sink: &mut Sink) {
    let doc = &catalog.document;
    let document_pos = || key_pos(catalog, "document").unwrap_or_default();
    if doc.date.is_none() {
        sink.push(
            Code::MissingDate,
            document_pos(),
            None,
            Message::new("missing-date"),
        )
        .help(Message::new("help-missing-date"));
    }
    let Some(last) = doc.revisions.last() else {
        sink.push(
            Code::RevisionHistory,
            document_pos(),
            None,
            Message::new("revisions-none"),
        )
        .help(Message::new("help-revisions-none"));
        return;
    };
    if last.version.value.trim() != doc.version.value.trim() {
        sink.push(
            Code::RevisionHistory,
            doc.version.pos,
            None,
            Message::new("revisions-version")
                .arg("version", doc.version.value.as_str())
                .arg("latest", last.version.value.as_str()),
        )
        .help(Message::new("help-revisions-version"))
        .related(
            catalog.path.clone(),
            last.version.pos,
            Message::new("related-latest-revision"),
        );
    }
    if let Some(date) = &doc.date
        && last.date.value > date.value
    {
        sink.push(
            Code::RevisionHistory,
            date.pos,
            None,
            Message::new("revisions-date")
                .arg("date", date.value.to_string())
                .arg("latest", last.date.value.to_string()),
        )
        .related(
            catalog.path.clone(),
            last.date.pos,
            Message::new("related-latest-revision"),
        );
    }
    for pair in doc.revisions.windows(2) {
        if pair[1].date.value < pair[0].date.value {
            sink.push(
                Code::RevisionHistory,
                pair[1].date.pos,
                None,
                Message::new("revisions-order")
                    .arg("version", pair[1].version.value.as_str())
                    .arg("date", pair[1].date.value.to_string())
                    .arg("above", pair[0].date.value.to_string()),
            )
            .help(Message::new("help-revisions-order"))
            .related(
                catalog.path.clone(),
                pair[0].date.pos,
                Message::new("related-revision-above"),
            );
        }
    }
    let mut versions: HashMap<&str, Pos> = HashMap::new();
    for rev in &doc.revisions {
        if let Some(first) = versions.insert(rev.version.value.trim(), rev.version.pos) {
            sink.push(
                Code::RevisionHistory,
                rev.version.pos,
                None,
                Message::new("revisions-twice")
                    .arg("version", rev.version.value.as_str())
                    .arg("line", first.line),
            )
            .related(
                catalog.path.clone(),
                first,
                Message::new("related-first-listed"),
            );
        }
    }
}

fn responsibility(catalog: &Catalog, sink: &mut Sink) {
    let Some(resp) = &catalog.responsibility else {
        return;
    };
    let parties: Vec<&str> = resp
        .parties
        .value
        .0
        .iter()
        .map(|(k, _)| k.value.as_str())
        .collect();
    for layer in &resp.layers {
        for owner in &layer.owner.value.0 {
            if parties.contains(&owner.as_str()) {
                continue;
            }
            let message = Message::new("unknown-party")
                .arg("layer", layer.layer.value.as_str())
                .arg("party", owner.as_str())
                .arg("parties", parties.join(", "));
            let finding = sink.push(Code::UnknownParty, layer.owner.pos, None, message);
            if let Some(best) = crate::catalog::did_you_mean(owner, parties.iter().copied()) {
                finding.help(Message::new("help-did-you-mean").arg("id", best));
            }
        }
    }
}

pub(super) fn summarise(reference: &Reference, catalog: &Catalog) -> CatalogSummary {
    let style = catalog.document.id_style;
    let lang = catalog.document.language;
    let baseline = catalog.baseline();
    let baseline_clauses = baseline.map(|b| reference.baseline(b)).unwrap_or_default();
    let missing: Vec<String> = baseline_clauses
        .iter()
        .filter(|c| !covers(reference, catalog, &c.id))
        .map(|c| c.id.display(style))
        .collect();

    let standard = catalog.document.standard.value;
    // Baseline rows only where the baseline is numbered like the document.
    let same_numbering = baseline.is_none_or(|b| b.standard().is_2022() == standard.is_2022());
    let mut rows: Vec<(ClauseId, String)> = baseline_clauses
        .iter()
        .filter(|_| same_numbering)
        .map(|c| (c.id.clone(), c.title(lang).to_string()))
        .collect();
    let mut listed: HashSet<ClauseId> = rows.iter().map(|(id, _)| id.clone()).collect();
    for control in &catalog.controls {
        if let Some(id) = &control.id
            && listed.insert(id.clone())
        {
            let title = reference
                .resolve(standard, id)
                .map(|c| c.title(lang).to_string())
                .unwrap_or_default();
            rows.push((id.clone(), title));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows: Vec<(String, String)> = rows
        .into_iter()
        .map(|(id, t)| (id.display(style), t))
        .collect();
    rows.extend(
        catalog
            .controls
            .iter()
            .filter(|c| c.id.is_none())
            .map(|c| (c.key.value.clone(), String::new())),
    );

    CatalogSummary {
        path: catalog.path.clone(),
        service: catalog.service.id.value.clone(),
        language: lang,
        baseline,
        baseline_total: baseline_clauses.len(),
        covered: baseline_clauses.len() - missing.len(),
        missing,
        clauses: catalog.controls.iter().filter(|c| answered(c)).count(),
        rows,
    }
}

/// Where a top-level key (`controls:`) is written, for findings about what it lacks
/// (looked up only when there is one).
fn key_pos(catalog: &Catalog, key: &str) -> Option<Pos> {
    let mut offset = 0;
    for line in catalog.source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(catalog.pos_at(offset));
        }
        offset += line.len();
    }
    None
}
