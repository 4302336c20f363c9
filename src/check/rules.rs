//! The rules. Each looks at one aspect of a catalog and reports through a [`Sink`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::references::{ClauseReference, candidates, find_references};
use super::{CatalogSummary, CheckOptions, Code, Finding, Sink};
use crate::catalog::{Catalog, Control, Located, Pos, Status, pos_at};
use crate::reference::{ClauseId, Reference, StandardId};

/// Text that marks a statement as unfinished. Matched case-insensitively; ASCII words
/// only as whole words, so "todos" or "XXXL" do not trip it.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "TBA", "FIXME", "XXX", "lorem ipsum"];
const PLACEHOLDER_PHRASES: &[&str] = &[
    "未定",
    "記載予定",
    "追記予定",
    "作成中",
    "検討中",
    "要確認",
    "調整中",
    "準備中",
    "（仮）",
    "(仮)",
    "ＴＯＤＯ",
    "ＴＢＤ",
];

pub(super) fn check_catalog(
    reference: &Reference,
    catalog: &Catalog,
    options: &CheckOptions,
    sink: &mut Sink,
) {
    clause_ids(reference, catalog, sink);
    coverage(reference, catalog, sink);
    for control in &catalog.controls {
        statement(control, sink);
        review(control, options, sink);
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
    let message = match other.len() {
        1 => "1 line from the import is in no statement or section (`unplaced.other`): move it where it belongs, then delete the list".to_string(),
        n => format!("{n} lines from the import are in no statement or section (`unplaced.other`): move them where they belong, then delete the list"),
    };
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
        let mut message = match &control.id {
            None => format!("`{key}` is not a clause id"),
            Some(id)
                if !standard.is_2022()
                    && reference
                        .standard(StandardId::Iso27002_2022)
                        .clause(id)
                        .is_some() =>
            {
                let before: Vec<&str> = reference
                    .from_2013(id)
                    .iter()
                    .map(ClauseId::as_str)
                    .collect();
                let mut message = format!(
                    "`{key}` is an ISO/IEC 27002:2022 id, but this document is numbered by {standard} (document.standard)"
                );
                if !before.is_empty() {
                    message.push_str(&format!(
                        "; in 27002:2013 numbering it is {}",
                        before.join(" + ")
                    ));
                }
                message
            }
            Some(id)
                if standard.is_2022()
                    && reference
                        .standard(StandardId::Iso27002_2013)
                        .clause(id)
                        .is_some() =>
            {
                let successors: Vec<_> = reference.to_2022(id).iter().map(|s| s.as_str()).collect();
                format!(
                    "`{key}` is an ISO/IEC 27002:2013 id; this document is numbered by {standard}, where it is {}",
                    successors.join(" + ")
                )
            }
            Some(_) => format!("`{key}` is not a clause of {standard}"),
        };
        if let Some(best) = reference.suggest(standard, key) {
            message.push_str(&format!(
                " (did you mean `{}`?)",
                best.display(catalog.document.id_style)
            ));
        }
        sink.push_shown(
            Code::UnknownClause,
            control.key.pos,
            Some(key.clone()),
            message,
        );
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
    let pos = key_pos(&catalog.source, "controls").unwrap_or(catalog.controls_pos);
    let lang = catalog.document.language;
    for clause in reference.baseline(baseline) {
        if covers(reference, catalog, &clause.id) {
            continue;
        }
        let shown = clause.id.display(catalog.document.id_style);
        let mut message = format!(
            "baseline clause {shown} {} has no statement (baseline {baseline}",
            clause.title(lang)
        );
        // In a renumbered document, name the ids the author would actually write.
        let successors = reference.to_2022(&clause.id);
        if catalog.document.standard.value.is_2022()
            && !baseline.standard().is_2022()
            && !successors.is_empty()
        {
            let ids: Vec<&str> = successors.iter().map(ClauseId::as_str).collect();
            message.push_str(&format!(
                "; answered in ISO/IEC 27002:2022 numbering by {}",
                ids.join(" or ")
            ));
        }
        message.push(')');
        sink.push(Code::CoverageGap, pos, Some(&clause.id), message);
    }
}

fn statement(control: &Control, sink: &mut Sink) {
    let entry = &control.entry;
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
                    "clause is not-applicable but has no `justification`; say why it does not apply to this service".into(),
                );
            }
        }
        _ => {
            if blank(&entry.statement) {
                let pos = entry.statement.as_ref().map_or(control.key.pos, |s| s.pos);
                sink.push(
                    Code::EmptyStatement,
                    pos,
                    id,
                    format!("clause is {} but its `statement` is empty", status.as_str()),
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
                    format!(
                        "`justification` is only published for not-applicable clauses, and this one is {}; move the text into `statement`",
                        status.as_str()
                    ),
                );
            }
        }
    }
    match status {
        Status::Partial => sink.push(
            Code::PartialControl,
            entry.status.pos,
            id,
            "clause is only partially implemented (status: partial)".into(),
        ),
        Status::Planned => sink.push(
            Code::PlannedControl,
            entry.status.pos,
            id,
            "clause is not implemented yet (status: planned)".into(),
        ),
        _ => {}
    }
    for (field, value) in [
        ("statement", &entry.statement),
        ("justification", &entry.justification),
    ] {
        if let Some(value) = value
            && let Some((at, word)) = find_placeholder(&value.value)
        {
            let pos = locate(sink.catalog, value, at, word);
            sink.push(
                Code::PlaceholderText,
                pos,
                id,
                format!("`{field}` contains placeholder text `{word}`; write the final text before publishing"),
            );
        }
    }
}

/// The first placeholder in `text`: its byte offset and the text as written.
pub(super) fn find_placeholder(text: &str) -> Option<(usize, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut best: Option<(usize, usize)> = None;
    let mut consider = |start: usize, len: usize| {
        if best.is_none_or(|(s, _)| start < s) {
            best = Some((start, len));
        }
    };
    for word in PLACEHOLDER_WORDS {
        let needle = word.to_ascii_lowercase();
        for (start, _) in lower.match_indices(&needle) {
            let end = start + needle.len();
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let isolated = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            if isolated(before) && isolated(after) {
                consider(start, needle.len());
                break;
            }
        }
    }
    for phrase in PLACEHOLDER_PHRASES {
        if let Some(start) = text.find(phrase) {
            consider(start, phrase.len());
        }
    }
    let trimmed = text.trim();
    if matches!(trimmed, "..." | "…" | "……" | "-" | "―" | "同上") {
        consider(text.find(trimmed).unwrap_or(0), trimmed.len());
    }
    best.map(|(start, len)| (start, &text[start..start + len]))
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
            "clause has no `owner`; name the role or team that keeps this statement true".into(),
        );
    }
    match &entry.reviewed {
        None => sink.push(
            Code::MissingReviewDate,
            control.key.pos,
            id,
            "clause has no `reviewed` date".into(),
        ),
        Some(reviewed) => {
            let age = (options.today - reviewed.value.0).num_days();
            if age < 0 {
                sink.push(
                    Code::FutureReviewDate,
                    reviewed.pos,
                    id,
                    format!(
                        "`reviewed: {}` is after today ({})",
                        reviewed.value, options.today
                    ),
                );
            } else if age > i64::from(options.review_max_age_days) {
                sink.push(
                    Code::StaleReview,
                    reviewed.pos,
                    id,
                    format!(
                        "last reviewed {} ({age} days ago); review at least every {} days",
                        reviewed.value, options.review_max_age_days
                    ),
                );
            }
        }
    }
}

fn references(reference: &Reference, catalog: &Catalog, sink: &mut Sink) {
    let standard = catalog.document.standard.value;
    let style = catalog.document.id_style;
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
        let places = locate_references(catalog, value, &refs);
        for (r, pos) in refs.into_iter().zip(places) {
            let known =
                r.id.as_ref()
                    .filter(|id| reference.resolve(standard, id).is_some());
            match known {
                None => {
                    let mut message =
                        format!("refers to {}, which is not a clause of {standard}", r.text);
                    if let Some(best) = reference.suggest(standard, &r.text) {
                        message.push_str(&format!(" (did you mean {}?)", best.display(style)));
                    }
                    sink.push(Code::UnknownReference, pos, owner, message);
                }
                Some(id) if !has_text(catalog, id) => sink.push(
                    Code::UnresolvedReference,
                    pos,
                    owner,
                    format!(
                        "refers to {}, which has no statement in this catalog",
                        id.display(style)
                    ),
                ),
                Some(_) => {}
            }
        }
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
    if doc.date.is_none() {
        sink.push(
            Code::MissingDate,
            key_pos(&catalog.source, "document").unwrap_or_default(),
            None,
            "document has no `date`; add the publication date (YYYY-MM-DD)".into(),
        );
    }
    let Some(last) = doc.revisions.last() else {
        sink.push(
            Code::RevisionHistory,
            key_pos(&catalog.source, "document").unwrap_or_default(),
            None,
            "document has no `revisions`; add at least the first edition (version, date, summary)"
                .into(),
        );
        return;
    };
    if last.version.value.trim() != doc.version.value.trim() {
        sink.push(
            Code::RevisionHistory,
            doc.version.pos,
            None,
            format!(
                "document.version is {} but the latest revision is {}; add a revision entry or correct the version",
                doc.version.value, last.version.value
            ),
        );
    }
    if let Some(date) = &doc.date
        && last.date.value > date.value
    {
        sink.push(
            Code::RevisionHistory,
            date.pos,
            None,
            format!(
                "document.date {} is before the latest revision ({})",
                date.value, last.date.value
            ),
        );
    }
    let mut versions: HashMap<&str, Pos> = HashMap::new();
    for pair in doc.revisions.windows(2) {
        if pair[1].date.value < pair[0].date.value {
            sink.push(
                Code::RevisionHistory,
                pair[1].date.pos,
                None,
                format!(
                    "revision {} ({}) is dated before the revision above it ({}); list revisions oldest first",
                    pair[1].version.value, pair[1].date.value, pair[0].date.value
                ),
            );
        }
    }
    for rev in &doc.revisions {
        if let Some(first) = versions.insert(rev.version.value.trim(), rev.version.pos) {
            sink.push(
                Code::RevisionHistory,
                rev.version.pos,
                None,
                format!(
                    "revision {} is listed twice (first at line {})",
                    rev.version.value, first.line
                ),
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
            let mut message = format!(
                "layer `{}` names party `{owner}`, which is not under `responsibility.parties` ({})",
                layer.layer.value,
                parties.join(", ")
            );
            if let Some(best) = crate::catalog::did_you_mean(owner, parties.iter().copied()) {
                message.push_str(&format!(" (did you mean `{best}`?)"));
            }
            sink.push(Code::UnknownParty, layer.owner.pos, None, message);
        }
    }
}

/// Rules across catalogs: one service and language, one catalog.
pub(super) fn check_workspace(catalogs: &[Catalog], findings: &mut Vec<Finding>) {
    let mut first: HashMap<(&str, crate::reference::Lang), &Catalog> = HashMap::new();
    for catalog in catalogs {
        let key = (catalog.service.id.value.as_str(), catalog.document.language);
        if let Some(other) = first.get(&key) {
            let mut sink = Sink { catalog, findings };
            sink.push(
                Code::DuplicateService,
                catalog.service.id.pos,
                None,
                format!(
                    "service `{}` ({}) is also described by {}; one catalog per service and language",
                    key.0,
                    key.1.as_str(),
                    other.path.display()
                ),
            );
        } else {
            first.insert(key, catalog);
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

/// Where a top-level key (`controls:`) is written, for findings about what it lacks.
fn key_pos(source: &str, key: &str) -> Option<Pos> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(pos_at(source, offset));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_as_words() {
        assert_eq!(find_placeholder("TODO: write"), Some((0, "TODO")));
        assert_eq!(
            find_placeholder("詳細は記載予定です"),
            Some((9, "記載予定"))
        );
        assert_eq!(
            find_placeholder("We keep todos lists and XXXL shirts"),
            None
        );
        assert_eq!(find_placeholder("値は tbd です"), Some((7, "tbd")));
        assert_eq!(find_placeholder("…"), Some((0, "…")));
        assert_eq!(find_placeholder("暗号化しています。"), None);
    }
}
