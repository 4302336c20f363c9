//! Diffs → text (terminal), Markdown (pull requests), HTML (an auditor's redline), JSON,
//! and a proposed revision-history entry, in each catalog's language (`locales/*/diff.ftl`).
//! Markdown and HTML are Tera templates, data in and markup out, overridable as the
//! whitepaper's are.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use serde::Serialize;

use super::{CatalogDiff, Change, ClauseRef, InternalChange, Segment, WorkspaceDiff};
use crate::reference::Lang;
use crate::render::{TemplateSet, guard};
use crate::t;

const DEL: Style = AnsiColor::Red.on_default();
const INS: Style = AnsiColor::Green.on_default();
const MOVE: Style = AnsiColor::Cyan.on_default();
const HEAD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Output formats of `diff`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Md,
    Html,
    Json,
}

/// Render a diff. `customer` leaves out internal changes; Markdown and HTML come from
/// `diff.md` and `diff.html` in `templates`.
pub fn render(
    diff: &WorkspaceDiff,
    format: Format,
    customer: bool,
    templates: &TemplateSet,
) -> Result<String> {
    Ok(match format {
        Format::Text => text(diff, customer),
        Format::Md => templated(diff, customer, "diff.md", templates)?,
        Format::Html => templated(diff, customer, "diff.html", templates)?,
        Format::Json => {
            let mut value = serde_json::to_value(diff)?;
            if customer && let Some(list) = value["catalogs"].as_array_mut() {
                for c in list {
                    c.as_object_mut().map(|o| o.remove("internal"));
                }
            }
            serde_json::to_string_pretty(&value)? + "\n"
        }
    })
}

/// The catalogs with something to show: customer-visible changes, or internal ones
/// unless `customer`.
fn shown(diff: &WorkspaceDiff, customer: bool) -> impl Iterator<Item = &CatalogDiff> {
    diff.catalogs
        .iter()
        .filter(move |c| !c.changes.is_empty() || (!customer && !c.internal.is_empty()))
}

fn clause(c: &ClauseRef) -> String {
    format!("{} {}", c.display, c.title).trim().to_string()
}

fn clauses(list: &[ClauseRef]) -> String {
    list.iter()
        .map(|c| c.display.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Shorten long unchanged runs so a changed sentence is seen in context.
fn trim_equal(text: &str, first: bool, last: bool) -> String {
    const KEEP: usize = 30;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= KEEP * 2 + 5 {
        return text.to_string();
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    match (first, last) {
        (true, true) => format!("{head}…"),
        (true, false) => format!("…{tail}"),
        (false, true) => format!("{head}…"),
        (false, false) => format!("{head} … {tail}"),
    }
}

fn one_line(text: &str) -> String {
    squash(text).trim().to_string()
}

/// Every run of whitespace (newlines included) as one space, ends kept: a segment of an
/// inline diff keeps the space that separates it from its neighbour. Other control
/// characters are escaped (see [`crate::escape`]): this text reaches terminals and CI logs.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push_str(&crate::escape::control(c.encode_utf8(&mut [0; 4])));
            in_space = false;
        }
    }
    out
}

/// A short one-line description of a change, in `lang` (text, Markdown and HTML).
pub(crate) fn describe(change: &Change, lang: Lang) -> String {
    let l = lang;
    match change {
        Change::CatalogAdded => t!(l, "diff-catalog-added"),
        Change::CatalogRemoved => t!(l, "diff-catalog-removed"),
        Change::Metadata { field, old, new } => {
            t!(
                l,
                "diff-metadata",
                field = *field,
                old = show(old, l),
                new = show(new, l)
            )
        }
        Change::RevisionAdded {
            version,
            date,
            summary,
        } => t!(
            l,
            "diff-revision-added",
            version = version.as_str(),
            date = date.as_str(),
            summary = one_line(summary)
        ),
        Change::RevisionRemoved { version, date, .. } => {
            t!(
                l,
                "diff-revision-removed",
                version = version.as_str(),
                date = date.as_str()
            )
        }
        Change::RevisionChanged {
            version,
            field,
            old,
            new,
        } => t!(
            l,
            "diff-revision-changed",
            version = version.as_str(),
            field = *field,
            old = show(old, l),
            new = show(new, l)
        ),
        Change::SectionAdded { title, .. } => t!(l, "diff-section-added", title = title.as_str()),
        Change::SectionRemoved { title, .. } => {
            t!(l, "diff-section-removed", title = title.as_str())
        }
        Change::SectionChanged {
            title, old_title, ..
        } => match old_title {
            Some(o) => t!(
                l,
                "diff-section-renamed",
                old = o.as_str(),
                title = title.as_str()
            ),
            None => t!(l, "diff-section-changed", title = title.as_str()),
        },
        Change::SectionsReordered { new, .. } => {
            t!(l, "diff-sections-reordered", order = new.join(", "))
        }
        Change::PartyChanged { key, old, new } => t!(
            l,
            "diff-party-changed",
            key = key.as_str(),
            old = show(old.as_deref().unwrap_or_default(), l),
            new = show(new.as_deref().unwrap_or_default(), l)
        ),
        Change::LayerAdded { layer, owners } => {
            t!(
                l,
                "diff-layer-added",
                layer = layer.as_str(),
                owners = owners.join(", ")
            )
        }
        Change::LayerRemoved { layer, .. } => t!(l, "diff-layer-removed", layer = layer.as_str()),
        Change::LayerChanged {
            layer,
            field,
            old,
            new,
        } => t!(
            l,
            "diff-layer-changed",
            layer = layer.as_str(),
            field = *field,
            old = show(old, l),
            new = show(new, l)
        ),
        Change::LayersReordered { .. } => t!(l, "diff-layers-reordered"),
        Change::ClauseAdded {
            clause: c, status, ..
        } => t!(
            l,
            "diff-clause-added",
            clause = clause(c),
            status = status_word(status, l)
        ),
        Change::ClauseRemoved { clause: c, .. } => t!(l, "diff-clause-removed", clause = clause(c)),
        Change::Renumbered { old, new } => {
            t!(l, "diff-renumbered", old = clauses(old), new = clauses(new))
        }
        Change::StatusChanged {
            clause: c,
            old,
            new,
        } => t!(
            l,
            "diff-status-changed",
            clause = clause(c),
            old = status_word(old, l),
            new = status_word(new, l)
        ),
        Change::StatementChanged { clause: c, .. } => {
            t!(l, "diff-statement-changed", clause = clause(c))
        }
        Change::JustificationChanged { clause: c, .. } => {
            t!(l, "diff-justification-changed", clause = clause(c))
        }
        Change::Moved { text, from, to } => t!(
            l,
            "diff-moved",
            from = from.display.as_str(),
            to = to.display.as_str(),
            text = one_line(text)
        ),
        Change::AudienceChanged { what, old, new } => t!(
            l,
            "diff-audience-changed",
            what = what.as_str(),
            old = t!(l, "diff-audience", audience = *old),
            new = t!(l, "diff-audience", audience = *new)
        ),
        Change::Nda { change } => t!(l, "diff-nda", change = describe(change, l)),
    }
}

/// A catalog's `status` value as a word of `lang` (`partial` → 一部実施).
fn status_word(status: &str, lang: Lang) -> String {
    t!(lang, "diff-status", status = status)
}

fn sign(change: &Change) -> (char, Style) {
    match change {
        Change::Nda { change } => sign(change),
        Change::CatalogAdded
        | Change::RevisionAdded { .. }
        | Change::SectionAdded { .. }
        | Change::LayerAdded { .. }
        | Change::ClauseAdded { .. } => ('+', INS),
        Change::CatalogRemoved
        | Change::RevisionRemoved { .. }
        | Change::SectionRemoved { .. }
        | Change::LayerRemoved { .. }
        | Change::ClauseRemoved { .. } => ('-', DEL),
        Change::Moved { .. } | Change::Renumbered { .. } => ('>', MOVE),
        _ => ('~', HEAD),
    }
}

fn segments_of(change: &Change) -> Option<&[Segment]> {
    match change {
        Change::Nda { change } => segments_of(change),
        Change::StatementChanged { segments, .. }
        | Change::JustificationChanged { segments, .. } => Some(segments),
        Change::SectionChanged { body, .. } if !body.is_empty() => Some(body),
        _ => None,
    }
}

fn inline_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in one_line_segments(segments) {
        let t = s.text();
        match &s {
            Segment::Equal { .. } => out.push_str(t),
            Segment::Delete { .. } => write!(out, "{DEL}[-{t}-]{DEL:#}").unwrap(),
            Segment::Insert { .. } => write!(out, "{INS}{{+{t}+}}{INS:#}").unwrap(),
            Segment::MovedOut { to, .. } => write!(out, "{MOVE}[→{to}: {t}]{MOVE:#}").unwrap(),
            Segment::MovedIn { from, .. } => write!(out, "{MOVE}[←{from}: {t}]{MOVE:#}").unwrap(),
        }
    }
    out
}

fn heading(c: &CatalogDiff) -> String {
    let (l, service, lang) = (c.language, c.service.as_str(), c.language.as_str());
    let (id, version) = match (&c.old_version, &c.new_version) {
        (Some(o), Some(n)) if o != n => {
            let (old, new) = (o.as_str(), n.as_str());
            return t!(
                l,
                "diff-heading-changed",
                service = service,
                lang = lang,
                old = old,
                new = new
            );
        }
        (Some(_), Some(n)) => ("diff-heading-same", n),
        (None, Some(n)) => ("diff-heading-added", n),
        (Some(o), None) => ("diff-heading-removed", o),
        (None, None) => return format!("{service} ({lang})"),
    };
    t!(
        l,
        id,
        service = service,
        lang = lang,
        version = version.as_str()
    )
}

/// The language of what belongs to no one catalog (page title, totals): the catalogs'
/// language when they share one, else the interface language.
fn common_lang(diff: &WorkspaceDiff) -> Lang {
    let mut langs = diff.catalogs.iter().map(|c| c.language);
    match langs.next() {
        Some(first) if langs.all(|l| l == first) => first,
        _ => crate::i18n::interface(None),
    }
}

fn text(diff: &WorkspaceDiff, customer: bool) -> String {
    let mut out = String::new();
    let (mut visible, mut internal) = (0, 0);
    for c in shown(diff, customer) {
        let l = c.language;
        let shows_internal = !customer && !c.internal.is_empty();
        let path = |p: &Option<String>| show(p.as_deref().unwrap_or_default(), l);
        writeln!(out, "{DIM}--- {}{DIM:#}", path(&c.old)).unwrap();
        writeln!(out, "{DIM}+++ {}{DIM:#}", path(&c.new)).unwrap();
        writeln!(out, "{HEAD}{}{HEAD:#}", one_line(&heading(c))).unwrap();
        for change in &c.changes {
            let (mark, style) = sign(change);
            let what = one_line(&describe(change, l));
            writeln!(out, "  {style}{mark}{style:#} {what}").unwrap();
            if let Some(segments) = segments_of(change) {
                writeln!(out, "      {}", inline_text(segments)).unwrap();
            }
        }
        visible += c.changes.len();
        if shows_internal {
            writeln!(out, "  {DIM}{}{DIM:#}", t!(l, "diff-internal")).unwrap();
            for i in &c.internal {
                writeln!(
                    out,
                    "    {DIM}{} {}: {} → {}{DIM:#}",
                    i.clause.display,
                    i.field,
                    show(&i.old, l),
                    show(&i.new, l)
                )
                .unwrap();
            }
            internal += c.internal.len();
        }
        out.push('\n');
    }
    let catalogs = diff.catalogs.len() + diff.unchanged;
    let l = common_lang(diff);
    let total = if customer {
        t!(l, "diff-total", visible = visible, catalogs = catalogs)
    } else {
        t!(
            l,
            "diff-total-internal",
            visible = visible,
            internal = internal,
            catalogs = catalogs
        )
    };
    writeln!(out, "{total}").unwrap();
    out
}

/// A value on one line, or "(none)" in `lang` when empty.
fn show(v: &str, lang: Lang) -> String {
    if v.trim().is_empty() {
        t!(lang, "diff-none")
    } else {
        one_line(v)
    }
}

/// What the diff templates (`templates/diff.html`, `diff.md`) see: words already in the
/// catalog's language, texts as segments the template marks up (and escapes).
#[derive(Serialize)]
struct Page {
    lang: &'static str,
    /// The `diff-page-*` labels (`t.title`, `t.moved_to`, ...).
    t: BTreeMap<String, String>,
    catalogs: Vec<PageCatalog>,
}

#[derive(Serialize)]
struct PageCatalog {
    lang: &'static str,
    heading: String,
    old: String,
    new: String,
    changes: Vec<Row>,
    internal: Vec<InternalRow>,
}

#[derive(Serialize)]
struct Row {
    /// `added`, `removed`, `moved` or `changed`.
    sign: &'static str,
    what: String,
    /// The text concerned, whole (an added clause is one insertion).
    text: Vec<Segment>,
    /// An inline diff on one line, long unchanged runs shortened; empty when the change has
    /// no text diff.
    inline: Vec<Segment>,
}

#[derive(Serialize)]
struct InternalRow {
    clause: String,
    field: &'static str,
    old: String,
    new: String,
}

fn page(diff: &WorkspaceDiff, customer: bool) -> Page {
    let lang = common_lang(diff);
    let catalogs = shown(diff, customer)
        .map(|c| {
            let l = c.language;
            let path = |p: &Option<String>| show(p.as_deref().unwrap_or_default(), l);
            PageCatalog {
                lang: l.as_str(),
                heading: heading(c),
                old: path(&c.old),
                new: path(&c.new),
                changes: c.changes.iter().map(|change| row(change, l)).collect(),
                internal: if customer {
                    Vec::new()
                } else {
                    c.internal.iter().map(|i| internal_row(i, l)).collect()
                },
            }
        })
        .collect();
    Page {
        lang: lang.as_str(),
        t: crate::i18n::labels(lang, "diff-page-"),
        catalogs,
    }
}

fn row(change: &Change, lang: Lang) -> Row {
    let whole = |segment: Segment| vec![segment];
    let text = match change {
        _ if let Some(segments) = segments_of(change) => segments.to_vec(),
        Change::ClauseAdded { statement, .. }
        | Change::SectionAdded {
            body: statement, ..
        } => whole(Segment::Insert {
            text: statement.clone(),
        }),
        Change::ClauseRemoved { statement, .. }
        | Change::SectionRemoved {
            body: statement, ..
        } => whole(Segment::Delete {
            text: statement.clone(),
        }),
        Change::Moved { text, from, .. } => whole(Segment::MovedIn {
            text: text.clone(),
            from: from.display.clone(),
        }),
        Change::RevisionAdded { summary, .. } => whole(Segment::Insert {
            text: summary.clone(),
        }),
        _ => Vec::new(),
    };
    let sign = match sign(change).0 {
        '+' => "added",
        '-' => "removed",
        '>' => "moved",
        _ => "changed",
    };
    Row {
        sign,
        what: describe(change, lang),
        text,
        inline: segments_of(change)
            .map(one_line_segments)
            .unwrap_or_default(),
    }
}

fn internal_row(i: &InternalChange, lang: Lang) -> InternalRow {
    InternalRow {
        clause: i.clause.display.clone(),
        field: i.field,
        old: show(&i.old, lang),
        new: show(&i.new, lang),
    }
}

/// Segments for one line: whitespace squashed, long unchanged runs shortened, ends trimmed.
fn one_line_segments(segments: &[Segment]) -> Vec<Segment> {
    let n = segments.len();
    let mut out: Vec<Segment> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut s = s.clone();
            let t = squash(s.text());
            let t = match s {
                Segment::Equal { .. } => trim_equal(&t, i == 0, i + 1 == n),
                _ => t,
            };
            s.set_text(t);
            s
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first.set_text(first.text().trim_start().to_string());
    }
    if let Some(last) = out.last_mut() {
        last.set_text(last.text().trim_end().to_string());
    }
    out
}

/// The Markdown or HTML diff through its template, overridable like the whitepaper's. The
/// HTML is checked and given its Content-Security-Policy as the whitepaper is.
fn templated(
    diff: &WorkspaceDiff,
    customer: bool,
    name: &str,
    templates: &TemplateSet,
) -> Result<String> {
    let text = templates.render(name, &page(diff, customer))?;
    let origin = templates.origin(name);
    Ok(if name.ends_with(".html") {
        guard::html(&text, origin)?
    } else {
        crate::render::tidy_markdown(&text)
    })
}

/// A proposed `revisions` entry per changed catalog, in the document's language.
pub fn changelog(diff: &WorkspaceDiff) -> String {
    let mut out = String::new();
    for c in diff.catalogs.iter().filter(|c| !c.changes.is_empty()) {
        let l = c.language;
        let mut items: Vec<String> = Vec::new();
        for item in c.changes.iter().filter_map(|ch| changelog_item(ch, l)) {
            if !items.contains(&item) {
                items.push(item);
            }
        }
        if items.is_empty() {
            continue;
        }
        let summary = items.join(&t!(l, "diff-changelog-separator")) + &t!(l, "diff-changelog-end");
        let version = match (&c.old_version, &c.new_version) {
            (Some(o), Some(n)) if o != n => n.clone(),
            (_, Some(n)) => next_version(n),
            (Some(o), None) => o.clone(),
            (None, None) => String::new(),
        };
        let header = t!(
            l,
            "diff-changelog-header",
            service = c.service.as_str(),
            lang = l.as_str()
        );
        writeln!(out, "# {}", one_line(&header)).unwrap();
        writeln!(out, "- version: {}", yaml_string(&version)).unwrap();
        writeln!(
            out,
            "  date: YYYY-MM-DD  # {}",
            t!(l, "diff-changelog-date")
        )
        .unwrap();
        writeln!(out, "  summary: {}", yaml_string(&summary)).unwrap();
        out.push('\n');
    }
    if out.is_empty() {
        writeln!(out, "# {}", t!(common_lang(diff), "diff-changelog-nothing")).unwrap();
    }
    out
}

/// A double-quoted YAML scalar (JSON's string syntax is YAML's).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `1.2` → `1.3`, `2` → `3`; anything else gets `.1` appended.
fn next_version(v: &str) -> String {
    let v = v.trim();
    match v.rsplit_once('.') {
        Some((head, last)) => match last.parse::<u64>() {
            Ok(n) => format!("{head}.{}", n + 1),
            Err(_) => format!("{v}.1"),
        },
        None => v
            .parse::<u64>()
            .map(|n| (n + 1).to_string())
            .unwrap_or_else(|_| format!("{v}.1")),
    }
}

fn changelog_item(change: &Change, lang: Lang) -> Option<String> {
    let l = lang;
    Some(match change {
        _ if change.is_revision_bookkeeping() => return None,
        // The revision history is published: what changed under NDA stays out of it.
        Change::Nda { .. } => return None,
        Change::AudienceChanged { .. } => describe(change, l),
        // A statement whose only change is a sentence moved in or out is covered by the move.
        Change::StatementChanged { segments, .. }
            if segments.iter().all(|s| {
                matches!(
                    s,
                    Segment::Equal { .. } | Segment::MovedIn { .. } | Segment::MovedOut { .. }
                )
            }) =>
        {
            return None;
        }
        Change::StatementChanged { clause: c, .. }
        | Change::JustificationChanged { clause: c, .. } => {
            t!(l, "diff-changelog-revised", clause = clause(c))
        }
        Change::StatusChanged {
            clause: c,
            old,
            new,
        } => t!(
            l,
            "diff-changelog-status",
            clause = clause(c),
            old = status_word(old, l),
            new = status_word(new, l)
        ),
        Change::ClauseAdded { clause: c, .. } => t!(l, "diff-changelog-added", clause = clause(c)),
        Change::ClauseRemoved { clause: c, .. } => {
            t!(l, "diff-changelog-removed", clause = clause(c))
        }
        Change::Moved { from, to, .. } => t!(
            l,
            "diff-changelog-moved",
            from = from.display.as_str(),
            to = to.display.as_str()
        ),
        Change::Renumbered { .. } => t!(l, "diff-changelog-renumbered"),
        Change::SectionAdded { title, .. }
        | Change::SectionChanged { title, .. }
        | Change::SectionRemoved { title, .. } => {
            t!(l, "diff-changelog-section", title = title.as_str())
        }
        Change::SectionsReordered { .. } => t!(l, "diff-changelog-sections-reordered"),
        Change::PartyChanged { .. }
        | Change::LayerAdded { .. }
        | Change::LayerRemoved { .. }
        | Change::LayerChanged { .. }
        | Change::LayersReordered { .. } => t!(l, "diff-changelog-responsibility"),
        Change::Metadata { field, .. } => t!(l, "diff-changelog-metadata", field = *field),
        Change::CatalogAdded => t!(l, "diff-changelog-first-edition"),
        Change::CatalogRemoved
        | Change::RevisionAdded { .. }
        | Change::RevisionRemoved { .. }
        | Change::RevisionChanged { .. } => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_their_last_number() {
        assert_eq!(next_version("1.2"), "1.3");
        assert_eq!(next_version("1.9"), "1.10");
        assert_eq!(next_version("3"), "4");
        assert_eq!(next_version("1.2a"), "1.2a.1");
    }
}
