//! The data a whitepaper template sees. Everything is prepared here (titles in the
//! document language, dates formatted, Markdown rendered), so templates stay simple and
//! the same catalog always gives the same context. `templates/README.md` documents it.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use super::audit::{self, AuditClause, AuditDocument, AuditOptions};
use super::markdown;
use super::templates::TemplateSet;
use crate::catalog::{Catalog, Date, Section, Status};
use crate::check::Finding;
use crate::reference::{ClauseId, IdStyle, Lang, Reference, Standard, StandardId};
use crate::safety::image::Embedder;
use crate::safety::url::{LinkTarget, cleaned, link_target};

#[derive(Serialize)]
pub struct Context<'a> {
    pub lang: &'static str,
    /// Labels in the document language (`label-*` in `locales/<lang>/labels.ftl`, or a
    /// template directory's `i18n/<lang>.ftl`).
    pub t: std::sync::Arc<toml::Table>,
    pub draft: bool,
    /// `public`, `audit` or `nda` (`--audience`).
    pub audience: &'static str,
    /// The NDA edition only: its confidentiality mark for the print running header.
    pub nda: Option<NdaDocument>,
    /// The audit edition only: as of when, and findings about no single clause.
    pub audit: Option<AuditDocument>,
    /// `--set key=value` options for the template.
    pub options: &'a BTreeMap<String, toml::Value>,
    pub service: ServiceView,
    pub document: DocumentView,
    pub revisions: Vec<RevisionView>,
    pub sections: Vec<SectionView>,
    /// Some section has subsections (their styles are added only then).
    pub subsections: bool,
    pub responsibility: Option<ResponsibilityView>,
    /// Chapter number of the clause part (after the sections and the responsibility table).
    pub controls_number: usize,
    pub clauses: Vec<ClauseView>,
    /// Draft only: findings that block publication, one line each.
    pub problems: Vec<String>,
}

/// `nda` in the template context: the NDA edition as a whole.
#[derive(Serialize)]
pub struct NdaDocument {
    /// `t.nda_watermark` as a CSS string literal, for `content: …` in `@page`.
    pub running_css: String,
}

#[derive(Serialize)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub provider: String,
    /// Only an http(s) or mailto address; anything else is left out (`check` reports it).
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub title: String,
    pub version: String,
    /// 「第 1.2 版」 / "Version 1.2".
    pub version_label: String,
    /// In the document language: 「2024 年 6 月 1 日」 / "June 1, 2024".
    pub date: String,
    pub date_iso: String,
    pub standard: StandardId,
    pub standard_title: &'static str,
    pub annotate: Option<StandardId>,
    pub annotate_title: Option<&'static str>,
    /// Cover lines above the service name (a subtitle) and below the provider (a notice).
    pub cover_above: Vec<String>,
    pub cover_below: Vec<String>,
}

#[derive(Serialize)]
pub struct RevisionView {
    pub version: String,
    pub version_label: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
}

#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub anchor: String,
    /// As the provider printed it (`1`, `3.7`), or counted when the catalog numbers no
    /// section; empty for an unnumbered section of a catalog that numbers others.
    pub number: String,
    pub title: String,
    /// The body as inert Markdown: raw HTML escaped, unsafe links dropped, images embedded.
    pub body_md: String,
    pub body_html: String,
    /// Subsections (none below a subsection).
    pub sections: Vec<SectionView>,
}

#[derive(Serialize)]
pub struct PartyView {
    pub key: String,
    pub label: String,
    /// `p0`, `p1`, ... by position, for styling.
    pub class: String,
}

#[derive(Serialize)]
pub struct LayerView {
    pub layer: String,
    pub note: Option<String>,
    pub owners: Vec<String>,
    /// The owners' labels, joined for one cell.
    pub owner_labels: String,
    /// One flag per party, in party order: does this party own the layer?
    pub cells: Vec<bool>,
    /// The owning party's class (`p0`, `p1`, ...), or `shared` when several own the layer.
    pub class: String,
}

#[derive(Serialize)]
pub struct ResponsibilityView {
    pub number: usize,
    pub parties: Vec<PartyView>,
    pub layers: Vec<LayerView>,
}

#[derive(Clone, Serialize)]
pub struct GroupView {
    /// Borrowed from the static reference data, as `title` is: a group view is made for
    /// every clause of every document, and copying them was nearly a fifth of the context's
    /// allocations.
    pub id: &'static str,
    pub display: Cow<'static, str>,
    pub title: &'static str,
}

#[derive(Serialize)]
pub struct MappedView {
    pub id: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct ClauseView {
    pub id: String,
    /// As the document shows it (`A.5.1.1` or `5.1.1`).
    pub display: String,
    pub anchor: String,
    pub title: &'static str,
    /// Mapped ids in the `annotate` standard, joined: `8.2`, `5.36, 8.8`; empty when none.
    pub annotation: String,
    pub mapped: Vec<MappedView>,
    pub status: &'static str,
    /// 「一部実施」 etc. for partial, planned and not-applicable; empty when implemented.
    pub status_label: String,
    pub statement_md: String,
    pub statement_html: String,
    pub justification_md: String,
    pub justification_html: String,
    /// The clause's text is marked `audience: nda` and shown (NDA or audit edition).
    pub nda: bool,
    /// The clause's text is marked `audience: nda` and left out (public edition): the
    /// template says the detail is available under NDA (`t.nda_withheld`).
    pub withheld: bool,
    /// Draft only: a baseline clause with no statement, shown in place.
    pub gap: bool,
    /// Draft only: what `check` said about this clause.
    pub issues: Vec<String>,
    /// The audit edition only: the clause's internal fields and findings.
    pub audit: Option<AuditClause>,
    pub clause_group: Option<GroupView>,
    pub category: Option<GroupView>,
    pub starts_clause_group: bool,
    pub starts_category: bool,
}

/// Anchor for a clause's section: `clause-5-1-1`, `clause-cld-6-3-1`.
pub fn anchor(id: &ClauseId) -> String {
    let mut anchor = String::with_capacity("clause-".len() + id.as_str().len());
    anchor.push_str("clause-");
    anchor.extend(id.as_str().chars().map(|c| match c {
        '.' => '-',
        c => c.to_ascii_lowercase(),
    }));
    anchor
}

pub fn format_date(date: Date, lang: Lang) -> String {
    use chrono::Datelike;
    let d = date.0;
    // The year as text: a number would be formatted with digit grouping by some locales.
    crate::t!(
        lang,
        "document-date",
        year = d.year().to_string(),
        month = d.month(),
        day = d.day()
    )
}

fn version_label(version: &str, lang: Lang) -> String {
    crate::t!(lang, "document-version", version = version)
}

pub(super) fn label(t: &toml::Table, key: &str) -> String {
    t.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(key)
        .to_string()
}

fn group_view(standard: &Standard, id: &str, style: IdStyle, lang: Lang) -> Option<GroupView> {
    let group = standard.group(id)?;
    let display = match style {
        IdStyle::Annex if !id.starts_with("CLD.") => Cow::Owned(format!("A.{id}")),
        _ => Cow::Borrowed(group.id),
    };
    let title = match lang {
        Lang::Ja => group.title_ja,
        Lang::En => group.title_en,
    };
    Some(GroupView {
        id: group.id,
        display,
        title,
    })
}

/// Front-section numbers: the provider's, as printed, when the catalog gives any (an
/// unnumbered introduction before 「1.」 then stays unnumbered, and nothing shifts);
/// counted otherwise.
enum Numbering {
    Provider,
    Counted,
}

impl Numbering {
    fn of(sections: &[Section]) -> Numbering {
        if crate::catalog::all_sections(sections)
            .iter()
            .any(|s| s.number.is_some())
        {
            Numbering::Provider
        } else {
            Numbering::Counted
        }
    }

    fn number(&self, section: &Section, counted: &str) -> String {
        match self {
            Numbering::Provider => section
                .number
                .as_ref()
                .map(|n| n.value.trim().trim_end_matches(['.', '．']).to_string())
                .unwrap_or_default(),
            Numbering::Counted => counted.to_string(),
        }
    }

    /// The number of the first part after the sections (responsibility, then clauses):
    /// one past the highest the provider printed, so no heading repeats a number.
    fn next(&self, sections: &[Section]) -> usize {
        match self {
            Numbering::Counted => sections.len() + 1,
            Numbering::Provider => sections
                .iter()
                .filter_map(|s| leading_number(&s.number.as_ref()?.value))
                .max()
                .map_or(1, |n| n.saturating_add(1)),
        }
    }
}

/// `3` of `3`, `3.1` or `第3章`.
fn leading_number(text: &str) -> Option<usize> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Which edition to build: a draft marks gaps and problems in place; the audit edition
/// (`audit` set) adds each clause's internal fields and shows gaps too; the NDA edition
/// (`nda`) includes what is marked `audience: nda`, which the public one leaves out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Edition {
    pub draft: bool,
    pub audit: Option<AuditOptions>,
    pub nda: bool,
}

impl Edition {
    pub fn audience(&self) -> super::Audience {
        match (self.audit, self.nda) {
            (Some(_), _) => super::Audience::Audit,
            (None, true) => super::Audience::Nda,
            (None, false) => super::Audience::Public,
        }
    }

    /// Text marked `audience: nda` is in this edition (the auditor reads everything).
    fn shows_nda(&self) -> bool {
        self.nda || self.audit.is_some()
    }
}

/// The sections this edition shows, NDA ones (with their subsections) left out of the
/// public edition before anything is numbered, so its numbers run without holes.
fn visible_sections(sections: &[Section], edition: Edition) -> Vec<Section> {
    sections
        .iter()
        .filter(|s| edition.shows_nda() || !s.is_nda())
        .map(|s| Section {
            sections: visible_sections(&s.sections, edition),
            ..s.clone()
        })
        .collect()
}

/// Which forms of the statements a document's templates may show: each costs a Markdown
/// parse per statement, so a form no template reads is left empty.
#[derive(Clone, Copy, Debug)]
pub struct Forms {
    pub html: bool,
    pub markdown: bool,
}

/// Build the context for one catalog. `findings` are this catalog's.
// Each argument is one independent input of the document; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn build<'a>(
    catalog: &Catalog,
    lang: Lang,
    templates: &TemplateSet,
    options: &'a BTreeMap<String, toml::Value>,
    edition: Edition,
    findings: &[&Finding],
    workspace: Option<&Path>,
    forms: Forms,
) -> Context<'a> {
    let draft = edition.draft;
    let reference = Reference::get();
    let doc = &catalog.document;
    let standard_id = doc.standard.value;
    let standard = reference.standard(standard_id);
    let style = doc.id_style;
    let annotate = doc
        .annotate
        .as_ref()
        .map(|a| a.value)
        .filter(|a| a.is_2022() != standard_id.is_2022());
    let labels = templates.labels(lang, annotate.map_or("", |a| reference.standard(a).title));
    let labels = &labels;

    // Clauses in standard order: the catalog's known clauses, plus gaps in a draft or audit.
    let mut ids: Vec<ClauseId> = catalog
        .controls
        .iter()
        .filter_map(|c| c.id.clone())
        .filter(|id| reference.resolve(standard_id, id).is_some())
        .collect();
    let gaps: Vec<ClauseId> = if draft || edition.audit.is_some() {
        findings
            .iter()
            .filter(|f| f.code == crate::check::Code::CoverageGap)
            .filter_map(|f| f.clause().cloned())
            .collect()
    } else {
        Vec::new()
    };
    ids.extend(
        gaps.iter()
            .filter(|g| reference.resolve(standard_id, g).is_some())
            .cloned(),
    );
    ids.sort();
    ids.dedup();

    let anchors: HashMap<ClauseId, String> =
        ids.iter().map(|id| (id.clone(), anchor(id))).collect();
    // One embedder per output: each counts its document's images once, as `check` does.
    let html_images = Embedder::for_catalog(&catalog.path, workspace);
    let md_images = Embedder::for_catalog(&catalog.path, workspace);
    // A document whose templates never show one of the forms needs none made.
    let md = |text: &str| {
        if forms.html {
            markdown::to_html(text, &anchors, &html_images)
        } else {
            String::new()
        }
    };
    let inert = |text: &str| {
        if forms.markdown {
            markdown::to_markdown(text, &md_images)
        } else {
            String::new()
        }
    };

    let mut clauses = Vec::with_capacity(ids.len());
    let mut previous_group: Option<&str> = None;
    let mut previous_category: Option<&str> = None;
    for id in &ids {
        let Some(clause) = reference.resolve(standard_id, id) else {
            continue;
        };
        let control = catalog.control(id);
        let display = id.display(style);
        let mapped_ids: Vec<&ClauseId> = match annotate {
            Some(StandardId::Iso27002_2022) => reference.to_2022(id).iter().collect(),
            Some(_) => reference.from_2013(id).iter().collect(),
            None => Vec::new(),
        };
        let mapped: Vec<MappedView> = mapped_ids
            .iter()
            .map(|m| MappedView {
                id: m.to_string(),
                title: annotate
                    .and_then(|a| reference.standard(a).clause(m))
                    .map(|c| c.title(lang).to_string())
                    .unwrap_or_default(),
            })
            .collect();
        let status = control.map(|c| c.entry.status.value);
        let status_label = match status {
            Some(Status::Partial) => label(labels, "status_partial"),
            Some(Status::Planned) => label(labels, "status_planned"),
            Some(Status::NotApplicable) => label(labels, "status_not_applicable"),
            _ => String::new(),
        };
        let text =
            |f: fn(&crate::catalog::ControlEntry) -> &Option<crate::catalog::Located<String>>| {
                control
                    .and_then(|c| f(&c.entry).as_ref())
                    .map_or("", |s| s.value.trim_end())
            };
        let nda = control.is_some_and(|c| c.entry.is_nda());
        let withheld = nda && !edition.shows_nda();
        let statement_md = if withheld { "" } else { text(|e| &e.statement) };
        let justification_md = if status == Some(Status::NotApplicable) && !withheld {
            text(|e| &e.justification)
        } else {
            ""
        };

        let category_id = clause.group;
        let group_id = standard
            .group(category_id)
            .and_then(|g| g.parent)
            .unwrap_or(category_id);
        let clause_group = group_view(standard, group_id, style, lang);
        let category = (category_id != group_id)
            .then(|| group_view(standard, category_id, style, lang))
            .flatten();
        let starts_clause_group = previous_group != Some(group_id);
        let starts_category = starts_clause_group || previous_category != Some(category_id);
        previous_group = Some(group_id);
        previous_category = Some(category_id);

        let issues = if draft {
            findings
                .iter()
                .filter(|f| f.clause() == Some(id))
                .map(|f| format!("{}[{}] {}", f.severity.as_str(), f.code, f.text(lang)))
                .collect()
        } else {
            Vec::new()
        };
        clauses.push(ClauseView {
            id: id.to_string(),
            anchor: anchor(id),
            title: clause.title(lang),
            annotation: mapped_ids
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            mapped,
            status: status.map_or("missing", Status::as_str),
            status_label,
            statement_html: md(statement_md),
            statement_md: inert(statement_md),
            justification_html: md(justification_md),
            justification_md: inert(justification_md),
            gap: control.is_none(),
            nda: nda && !withheld,
            withheld,
            issues,
            audit: edition
                .audit
                .map(|a| audit::clause(id, control, &a, findings, labels, lang)),
            clause_group,
            category,
            starts_clause_group,
            starts_category,
            display,
        });
    }

    let view = |s: &Section, number: String, sections: Vec<SectionView>| SectionView {
        id: s.id.value.clone(),
        anchor: format!("section-{}", s.id.value),
        number,
        title: s.title.value.clone(),
        body_md: inert(&s.body.value),
        body_html: md(&s.body.value),
        sections,
    };
    let shown = visible_sections(&catalog.sections, edition);
    let numbering = Numbering::of(&shown);
    let sections: Vec<SectionView> = shown
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let number = numbering.number(s, &(i + 1).to_string());
            let subsections = s
                .sections
                .iter()
                .enumerate()
                .map(|(j, sub)| {
                    let auto = format!("{}.{}", i + 1, j + 1);
                    view(sub, numbering.number(sub, &auto), Vec::new())
                })
                .collect();
            view(s, number, subsections)
        })
        .collect();
    let mut next = numbering.next(&shown);
    let responsibility = catalog.responsibility.as_ref().map(|r| {
        let parties: Vec<PartyView> = r
            .parties
            .value
            .0
            .iter()
            .enumerate()
            .map(|(i, (k, v))| PartyView {
                key: k.value.clone(),
                label: v.value.clone(),
                class: format!("p{i}"),
            })
            .collect();
        let layers = r
            .layers
            .iter()
            .map(|l| {
                let owners = l.owner.value.0.clone();
                let owner_labels = owners
                    .iter()
                    .map(|o| {
                        parties
                            .iter()
                            .find(|p| &p.key == o)
                            .map_or(o.as_str(), |p| p.label.as_str())
                    })
                    .collect::<Vec<_>>()
                    .join(" / ");
                LayerView {
                    layer: l.layer.value.clone(),
                    note: l.note.as_ref().map(|n| n.value.clone()),
                    cells: parties.iter().map(|p| owners.contains(&p.key)).collect(),
                    class: match owners.as_slice() {
                        [one] => parties
                            .iter()
                            .find(|p| &p.key == one)
                            .map_or("unknown".into(), |p| p.class.clone()),
                        _ => "shared".into(),
                    },
                    owner_labels,
                    owners,
                }
            })
            .collect();
        let view = ResponsibilityView {
            number: next,
            parties,
            layers,
        };
        next += 1;
        view
    });

    let problems = if draft {
        findings
            .iter()
            .filter(|f| f.severity == crate::check::Severity::Error)
            .map(|f| match f.shown() {
                Some(c) => format!("{c}: {}", f.text(lang)),
                None => f.text(lang),
            })
            .collect()
    } else {
        Vec::new()
    };

    Context {
        lang: lang.as_str(),
        t: labels.clone(),
        draft,
        audience: edition.audience().as_str(),
        nda: edition.nda.then(|| NdaDocument {
            running_css: audit::css_string(&label(labels, "nda_watermark")),
        }),
        audit: edition
            .audit
            .map(|a| audit::document(&a, findings, labels, lang)),
        options,
        service: ServiceView {
            id: catalog.service.id.value.clone(),
            name: catalog.service.name.value.clone(),
            provider: catalog.service.provider.value.clone(),
            url: catalog
                .service
                .url
                .as_ref()
                .filter(|u| {
                    matches!(
                        link_target(&u.value),
                        Ok(LinkTarget::Web | LinkTarget::Mail)
                    )
                })
                .map(|u| cleaned(&u.value).into_owned()),
        },
        document: DocumentView {
            title: doc.title.value.clone(),
            version: doc.version.value.clone(),
            version_label: version_label(&doc.version.value, lang),
            date: doc
                .date
                .as_ref()
                .map(|d| format_date(d.value, lang))
                .unwrap_or_default(),
            date_iso: doc
                .date
                .as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_default(),
            standard: standard_id,
            standard_title: standard.title,
            annotate,
            annotate_title: annotate.map(|a| reference.standard(a).title),
            cover_above: doc.cover.above.iter().map(|l| l.value.clone()).collect(),
            cover_below: doc.cover.below.iter().map(|l| l.value.clone()).collect(),
        },
        revisions: doc
            .revisions
            .iter()
            .map(|r| RevisionView {
                version: r.version.value.clone(),
                version_label: version_label(&r.version.value, lang),
                date: format_date(r.date.value, lang),
                date_iso: r.date.value.to_string(),
                summary: r.summary.value.clone(),
            })
            .collect(),
        subsections: sections.iter().any(|s| !s.sections.is_empty()),
        sections,
        responsibility,
        controls_number: next,
        clauses,
        problems,
    }
}
