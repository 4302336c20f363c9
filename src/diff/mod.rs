//! `diff`: what changed between two versions of a catalog, keyed by clause, not by line.
//!
//! Clauses match by normalised id (so `A.5.1.1` vs `5.1.1` or a re-ordered file is no
//! change) and, across the 2013→2022 renumbering, through the mapping. Inside a changed
//! statement, sentences are compared first so that a sentence that left one clause for
//! another is reported as moved, then rewritten sentences are refined by character
//! (Japanese) or word (English). Owner, evidence, review dates, notes and the justification
//! of a clause that is not not-applicable are internal: they are listed apart because they
//! never reach the published whitepaper.

pub mod format;
pub mod git;
pub mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::catalog::{Catalog, Control, Status};
use crate::reference::{ClauseId, IdStyle, Lang, Reference, StandardId};
pub use text::Segment;

/// A clause as the document shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClauseRef {
    pub id: String,
    pub display: String,
    pub title: String,
}

/// One customer-visible change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    CatalogAdded,
    CatalogRemoved,
    /// A document or service field: `document.version`, `service.name`, ...
    Metadata {
        field: &'static str,
        old: String,
        new: String,
    },
    RevisionAdded {
        version: String,
        date: String,
        summary: String,
    },
    RevisionRemoved {
        version: String,
        date: String,
        summary: String,
    },
    RevisionChanged {
        version: String,
        field: &'static str,
        old: String,
        new: String,
    },
    SectionAdded {
        id: String,
        title: String,
        body: String,
    },
    SectionRemoved {
        id: String,
        title: String,
        body: String,
    },
    SectionChanged {
        id: String,
        title: String,
        old_title: Option<String>,
        body: Vec<Segment>,
    },
    SectionsReordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    PartyChanged {
        key: String,
        old: Option<String>,
        new: Option<String>,
    },
    LayerAdded {
        layer: String,
        owners: Vec<String>,
    },
    LayerRemoved {
        layer: String,
        owners: Vec<String>,
    },
    LayerChanged {
        layer: String,
        field: &'static str,
        old: String,
        new: String,
    },
    LayersReordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    ClauseAdded {
        clause: ClauseRef,
        status: String,
        statement: String,
    },
    ClauseRemoved {
        clause: ClauseRef,
        status: String,
        statement: String,
    },
    /// The same clause under its new number (2013 → 2022, or back).
    Renumbered {
        old: Vec<ClauseRef>,
        new: Vec<ClauseRef>,
    },
    StatusChanged {
        clause: ClauseRef,
        old: String,
        new: String,
    },
    StatementChanged {
        clause: ClauseRef,
        segments: Vec<Segment>,
    },
    JustificationChanged {
        clause: ClauseRef,
        segments: Vec<Segment>,
    },
    /// A sentence removed from one clause and added to another.
    Moved {
        text: String,
        from: ClauseRef,
        to: ClauseRef,
    },
    /// A clause's text or a section moved between the public whitepaper and the NDA edition.
    AudienceChanged {
        /// The clause as shown, or the section's title.
        what: String,
        old: &'static str,
        new: &'static str,
    },
    /// A change to text marked `audience: nda` on both sides: only NDA readers see it.
    Nda {
        change: Box<Change>,
    },
}

impl Change {
    /// Changes that are bookkeeping of the revision itself, not of the text customers read.
    pub fn is_revision_bookkeeping(&self) -> bool {
        matches!(
            self,
            Change::Metadata {
                field: "document.version" | "document.date",
                ..
            } | Change::RevisionAdded { .. }
                | Change::RevisionRemoved { .. }
                | Change::RevisionChanged { .. }
        )
    }
}

/// A change to a field that is never published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InternalChange {
    pub clause: ClauseRef,
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// The differences between two versions of one service's catalog.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogDiff {
    pub service: String,
    pub language: Lang,
    /// Where the old and new catalogs were read from (absent for an added or removed catalog).
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<Change>,
    pub internal: Vec<InternalChange>,
}

impl CatalogDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.internal.is_empty()
    }
}

/// The differences between two sets of catalogs.
#[derive(Clone, Debug, Serialize)]
pub struct WorkspaceDiff {
    /// Catalogs that differ, and those compared that did not.
    pub catalogs: Vec<CatalogDiff>,
    /// Catalogs whose files were byte-identical on both sides (not parsed, not listed).
    pub unchanged: usize,
}

impl WorkspaceDiff {
    pub fn has_customer_changes(&self) -> bool {
        self.catalogs.iter().any(|c| !c.changes.is_empty())
    }
}

/// Diff two sets of catalogs, pairing them by service and language.
pub fn diff_workspaces(
    old: &[Catalog],
    new: &[Catalog],
    label: impl Fn(&Catalog) -> String,
) -> WorkspaceDiff {
    let key = |c: &Catalog| (c.service.id.value.clone(), c.document.language);
    let old_by_key: HashMap<_, &Catalog> = old.iter().map(|c| (key(c), c)).collect();
    let new_keys: BTreeSet<_> = new.iter().map(key).collect();
    let mut catalogs = Vec::new();
    for n in new {
        let diff = match old_by_key.get(&key(n)) {
            Some(o) => diff_catalogs(o, n, &label(o), &label(n)),
            None => whole(n, None, Some(label(n)), Change::CatalogAdded),
        };
        catalogs.push(diff);
    }
    for o in old.iter().filter(|o| !new_keys.contains(&key(o))) {
        catalogs.push(whole(o, Some(label(o)), None, Change::CatalogRemoved));
    }
    WorkspaceDiff {
        catalogs,
        unchanged: 0,
    }
}

fn whole(c: &Catalog, old: Option<String>, new: Option<String>, change: Change) -> CatalogDiff {
    let version = Some(c.document.version.value.clone());
    let (old_version, new_version) = if old.is_some() {
        (version, None)
    } else {
        (None, version)
    };
    CatalogDiff {
        service: c.service.id.value.clone(),
        language: c.document.language,
        old,
        new,
        old_version,
        new_version,
        changes: vec![change],
        internal: Vec::new(),
    }
}

/// Diff two versions of one catalog.
pub fn diff_catalogs(
    old: &Catalog,
    new: &Catalog,
    old_label: &str,
    new_label: &str,
) -> CatalogDiff {
    let mut changes = Vec::new();
    let mut internal = Vec::new();
    // The same text parses to the same catalog: nothing to compare.
    if old.source != new.source {
        metadata(old, new, &mut changes);
        revisions(old, new, &mut changes);
        sections(old, new, &mut changes);
        responsibility(old, new, &mut changes);
        clauses(old, new, &mut changes, &mut internal);
        audiences(old, new, &mut changes);
    }
    CatalogDiff {
        service: new.service.id.value.clone(),
        language: new.document.language,
        old: Some(old_label.to_string()),
        new: Some(new_label.to_string()),
        old_version: Some(old.document.version.value.clone()),
        new_version: Some(new.document.version.value.clone()),
        changes,
        internal,
    }
}

fn metadata(old: &Catalog, new: &Catalog, changes: &mut Vec<Change>) {
    let opt = |v: &Option<crate::catalog::Located<String>>| {
        v.as_ref().map(|v| v.value.clone()).unwrap_or_default()
    };
    let std_name = |s: Option<StandardId>| s.map(|s| s.as_str().to_string()).unwrap_or_default();
    let style = |s: IdStyle| match s {
        IdStyle::Annex => "annex".to_string(),
        IdStyle::Plain => "plain".to_string(),
    };
    let fields: [(&'static str, String, String); 10] = [
        (
            "service.name",
            old.service.name.value.clone(),
            new.service.name.value.clone(),
        ),
        (
            "service.provider",
            old.service.provider.value.clone(),
            new.service.provider.value.clone(),
        ),
        ("service.url", opt(&old.service.url), opt(&new.service.url)),
        (
            "document.title",
            old.document.title.value.clone(),
            new.document.title.value.clone(),
        ),
        (
            "document.version",
            old.document.version.value.clone(),
            new.document.version.value.clone(),
        ),
        (
            "document.date",
            date_text(&old.document),
            date_text(&new.document),
        ),
        (
            "document.language",
            old.document.language.as_str().into(),
            new.document.language.as_str().into(),
        ),
        (
            "document.standard",
            old.document.standard.value.as_str().into(),
            new.document.standard.value.as_str().into(),
        ),
        (
            "document.annotate",
            std_name(old.document.annotate.as_ref().map(|a| a.value)),
            std_name(new.document.annotate.as_ref().map(|a| a.value)),
        ),
        (
            "document.id_style",
            style(old.document.id_style),
            style(new.document.id_style),
        ),
    ];
    for (field, o, n) in fields {
        if o.trim() != n.trim() {
            changes.push(Change::Metadata {
                field,
                old: o,
                new: n,
            });
        }
    }
}

fn revisions(old: &Catalog, new: &Catalog, changes: &mut Vec<Change>) {
    let by_version = |c: &Catalog| -> BTreeMap<String, (String, String)> {
        c.document
            .revisions
            .iter()
            .map(|r| {
                (
                    r.version.value.trim().to_string(),
                    (r.date.value.to_string(), r.summary.value.clone()),
                )
            })
            .collect()
    };
    let (o, n) = (by_version(old), by_version(new));
    for r in &new.document.revisions {
        let version = r.version.value.trim().to_string();
        let (date, summary) = (r.date.value.to_string(), r.summary.value.clone());
        match o.get(&version) {
            None => changes.push(Change::RevisionAdded {
                version,
                date,
                summary,
            }),
            Some((old_date, old_summary)) => {
                if *old_date != date {
                    changes.push(Change::RevisionChanged {
                        version: version.clone(),
                        field: "date",
                        old: old_date.clone(),
                        new: date,
                    });
                }
                if text::key(old_summary) != text::key(&summary) {
                    changes.push(Change::RevisionChanged {
                        version,
                        field: "summary",
                        old: old_summary.clone(),
                        new: summary,
                    });
                }
            }
        }
    }
    for r in &old.document.revisions {
        let version = r.version.value.trim().to_string();
        if !n.contains_key(&version) {
            changes.push(Change::RevisionRemoved {
                version,
                date: r.date.value.to_string(),
                summary: r.summary.value.clone(),
            });
        }
    }
}

const NO_MOVES: text::Moves = text::Moves {
    out: &|_| None,
    into: &|_| None,
};

fn sections(old: &Catalog, new: &Catalog, changes: &mut Vec<Change>) {
    let lang = new.document.language;
    // Subsections are compared like sections: ids are unique across both levels.
    let (old_sections, new_sections) = (old.all_sections(), new.all_sections());
    let old_by_id: HashMap<&str, &crate::catalog::Section> = old_sections
        .iter()
        .map(|s| (s.id.value.as_str(), *s))
        .collect();
    let new_ids: BTreeSet<&str> = new_sections.iter().map(|s| s.id.value.as_str()).collect();
    for s in &new_sections {
        match old_by_id.get(s.id.value.as_str()) {
            None => changes.push(Change::SectionAdded {
                id: s.id.value.clone(),
                title: s.title.value.clone(),
                body: s.body.value.clone(),
            }),
            Some(o) => {
                let title_changed = text::key(&o.title.value) != text::key(&s.title.value);
                let body_changed = text::key(&o.body.value) != text::key(&s.body.value);
                if title_changed || body_changed {
                    changes.push(Change::SectionChanged {
                        id: s.id.value.clone(),
                        title: s.title.value.clone(),
                        old_title: title_changed.then(|| o.title.value.clone()),
                        body: if body_changed {
                            text::diff(&o.body.value, &s.body.value, lang, &NO_MOVES)
                        } else {
                            Vec::new()
                        },
                    });
                }
            }
        }
    }
    for s in old_sections
        .iter()
        .filter(|s| !new_ids.contains(s.id.value.as_str()))
    {
        changes.push(Change::SectionRemoved {
            id: s.id.value.clone(),
            title: s.title.value.clone(),
            body: s.body.value.clone(),
        });
    }
    let common = |from: &[&crate::catalog::Section], other: &BTreeSet<&str>| -> Vec<String> {
        from.iter()
            .map(|s| s.id.value.clone())
            .filter(|id| other.contains(id.as_str()))
            .collect()
    };
    let old_ids: BTreeSet<&str> = old_sections.iter().map(|s| s.id.value.as_str()).collect();
    let (o, n) = (
        common(&old_sections, &new_ids),
        common(&new_sections, &old_ids),
    );
    if o != n {
        changes.push(Change::SectionsReordered { old: o, new: n });
    }
}

/// Public and NDA changes apart: a change to what is NDA on both sides becomes
/// [`Change::Nda`]; text moving between the editions is an [`Change::AudienceChanged`].
fn audiences(old: &Catalog, new: &Catalog, changes: &mut Vec<Change>) {
    let (old_nda, new_nda) = (Audiences::of(old), Audiences::of(new));
    let word = |nda: bool| if nda { "nda" } else { "public" };
    for change in changes.iter_mut() {
        let (was, is) = match change {
            Change::ClauseAdded { clause, .. } => (true, new_nda.clause(&clause.id)),
            Change::ClauseRemoved { clause, .. } => (old_nda.clause(&clause.id), true),
            Change::StatementChanged { clause, .. }
            | Change::JustificationChanged { clause, .. } => {
                (old_nda.clause(&clause.id), new_nda.clause(&clause.id))
            }
            Change::SectionAdded { id, .. } => (true, new_nda.section(id)),
            Change::SectionRemoved { id, .. } => (old_nda.section(id), true),
            Change::SectionChanged { id, .. } => (old_nda.section(id), new_nda.section(id)),
            _ => (false, false),
        };
        if was && is {
            let inner = std::mem::replace(change, Change::CatalogAdded);
            *change = Change::Nda {
                change: Box::new(inner),
            };
        }
    }
    let flips = new.controls.iter().filter_map(|c| {
        let id = c.id.as_ref()?;
        let (was, is) = (old_nda.clause(id.as_str()), c.entry.is_nda());
        old.control(id).filter(|_| was != is)?;
        Some((id.display(new.document.id_style), was, is))
    });
    let section_flips = new.all_sections().into_iter().filter_map(|s| {
        let id = s.id.value.as_str();
        let (was, is) = (old_nda.section(id), new_nda.section(id));
        old_nda.sections.contains_key(id).then_some(())?;
        (was != is).then(|| (s.title.value.clone(), was, is))
    });
    for (what, was, is) in flips.chain(section_flips).collect::<Vec<_>>() {
        changes.push(Change::AudienceChanged {
            what,
            old: word(was),
            new: word(is),
        });
    }
}

/// Which clauses and sections of a catalog are NDA (a subsection of an NDA section is).
struct Audiences {
    clauses: BTreeSet<String>,
    /// Every section id → NDA or not.
    sections: BTreeMap<String, bool>,
}

impl Audiences {
    fn of(catalog: &Catalog) -> Audiences {
        let mut sections = BTreeMap::new();
        for s in &catalog.sections {
            sections.insert(s.id.value.clone(), s.is_nda());
            for sub in &s.sections {
                sections.insert(sub.id.value.clone(), s.is_nda() || sub.is_nda());
            }
        }
        Audiences {
            clauses: catalog
                .controls
                .iter()
                .filter(|c| c.entry.is_nda())
                .filter_map(|c| Some(c.id.as_ref()?.to_string()))
                .collect(),
            sections,
        }
    }

    fn clause(&self, id: &str) -> bool {
        self.clauses.contains(id)
    }

    fn section(&self, id: &str) -> bool {
        self.sections.get(id).copied().unwrap_or(false)
    }
}

fn responsibility(old: &Catalog, new: &Catalog, changes: &mut Vec<Change>) {
    let parties = |c: &Catalog| -> Vec<(String, String)> {
        c.responsibility
            .as_ref()
            .map(|r| {
                r.parties
                    .value
                    .0
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (op, np) = (parties(old), parties(new));
    let label = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let keys: BTreeSet<&String> = op.iter().chain(&np).map(|(k, _)| k).collect();
    for key in keys {
        let (o, n) = (label(&op, key), label(&np, key));
        if o != n {
            changes.push(Change::PartyChanged {
                key: key.clone(),
                old: o,
                new: n,
            });
        }
    }
    type LayerRow = (String, Vec<String>, String);
    let layers = |c: &Catalog| -> Vec<LayerRow> {
        c.responsibility
            .as_ref()
            .map(|r| {
                r.layers
                    .iter()
                    .map(|l| {
                        (
                            l.layer.value.clone(),
                            l.owner.value.0.clone(),
                            l.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (ol, nl) = (layers(old), layers(new));
    let find = |list: &[LayerRow], name: &str| list.iter().find(|(l, _, _)| l == name).cloned();
    for (name, owners, note) in &nl {
        match find(&ol, name) {
            None => changes.push(Change::LayerAdded {
                layer: name.clone(),
                owners: owners.clone(),
            }),
            Some((_, old_owners, old_note)) => {
                if old_owners != *owners {
                    changes.push(Change::LayerChanged {
                        layer: name.clone(),
                        field: "owner",
                        old: old_owners.join(", "),
                        new: owners.join(", "),
                    });
                }
                if text::key(&old_note) != text::key(note) {
                    changes.push(Change::LayerChanged {
                        layer: name.clone(),
                        field: "note",
                        old: old_note,
                        new: note.clone(),
                    });
                }
            }
        }
    }
    for (name, owners, _) in &ol {
        if find(&nl, name).is_none() {
            changes.push(Change::LayerRemoved {
                layer: name.clone(),
                owners: owners.clone(),
            });
        }
    }
    let names = |list: &[LayerRow], other: &[LayerRow]| -> Vec<String> {
        list.iter()
            .map(|(l, _, _)| l.clone())
            .filter(|l| other.iter().any(|(o, _, _)| o == l))
            .collect()
    };
    let (o, n) = (names(&ol, &nl), names(&nl, &ol));
    if o != n {
        changes.push(Change::LayersReordered { old: o, new: n });
    }
}

/// Old and new clauses that answer for the same thing: one each, or several across the
/// 2013↔2022 renumbering (5.1.1 + 5.1.2 → 5.1).
struct Component<'a> {
    old: Vec<&'a Control>,
    new: Vec<&'a Control>,
}

/// Pair up clauses by id, or through the mapping when the numbering differs.
fn components<'a>(old: &'a Catalog, new: &'a Catalog) -> Vec<Component<'a>> {
    let reference = Reference::get();
    let known = |c: &'a Catalog| -> Vec<(&'a ClauseId, &'a Control)> {
        let mut v: Vec<_> = c
            .controls
            .iter()
            .filter_map(|ctl| ctl.id.as_ref().map(|id| (id, ctl)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    };
    let (olds, news) = (known(old), known(new));
    let (old_2022, new_2022) = (
        old.document.standard.value.is_2022(),
        new.document.standard.value.is_2022(),
    );
    // Old ids expressed in the new numbering.
    let translate = |id: &ClauseId| -> Vec<ClauseId> {
        match (old_2022, new_2022) {
            _ if id.is_cld() => vec![id.clone()],
            (false, true) => reference.to_2022(id).to_vec(),
            (true, false) => reference.from_2013(id).to_vec(),
            _ => vec![id.clone()],
        }
    };
    // Union-find over old indices (0..n) and new indices (n..n+m).
    let n = olds.len();
    let mut parent: Vec<usize> = (0..n + news.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let new_index: HashMap<&ClauseId, usize> = news
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, n + i))
        .collect();
    for (i, (id, _)) in olds.iter().enumerate() {
        for t in translate(id) {
            if let Some(&j) = new_index.get(&t) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Component<'a>> = BTreeMap::new();
    for i in 0..n + news.len() {
        let r = root(&mut parent, i);
        let group = groups.entry(r).or_insert_with(|| Component {
            old: Vec::new(),
            new: Vec::new(),
        });
        if i < n {
            group.old.push(olds[i].1);
        } else {
            group.new.push(news[i - n].1);
        }
    }
    let mut list: Vec<Component<'a>> = groups.into_values().collect();
    // Standard order of the new document (removed clauses by their old id).
    list.sort_by(|a, b| {
        let k = |c: &Component| {
            c.new
                .first()
                .or(c.old.first())
                .and_then(|ctl| ctl.id.clone())
        };
        k(a).cmp(&k(b))
    });
    list
}

fn clause_ref(catalog: &Catalog, control: &Control) -> ClauseRef {
    let reference = Reference::get();
    let id = control.id.clone().expect("components hold known ids");
    let title = reference
        .resolve(catalog.document.standard.value, &id)
        .map(|c| c.title(catalog.document.language).to_string())
        .unwrap_or_default();
    ClauseRef {
        display: id.display(catalog.document.id_style),
        id: id.to_string(),
        title,
    }
}

fn statement_of(controls: &[&Control]) -> String {
    controls
        .iter()
        .filter_map(|c| {
            c.entry
                .statement
                .as_ref()
                .map(|s| s.value.trim_end().to_string())
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The justifications as written or, with `published`, as the whitepaper shows them: only a
/// not-applicable clause publishes its justification (see `render::context`).
fn justification_of(controls: &[&Control], published: bool) -> String {
    controls
        .iter()
        .filter(|c| !published || c.entry.status.value == Status::NotApplicable)
        .filter_map(|c| {
            c.entry
                .justification
                .as_ref()
                .map(|s| s.value.trim_end().to_string())
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Sentences shorter than this are too generic to call a move (「以上。」, "None.").
const MIN_MOVED_CHARS: usize = 12;

fn clauses(
    old: &Catalog,
    new: &Catalog,
    changes: &mut Vec<Change>,
    internal: &mut Vec<InternalChange>,
) {
    let lang = new.document.language;
    let groups = components(old, new);

    // Sentences each side lost and gained, to recognise moves between clauses.
    let keys = |text: &str| -> BTreeSet<String> {
        text::sentences(text)
            .into_iter()
            .map(text::key)
            .filter(|k| k.chars().count() >= MIN_MOVED_CHARS)
            .collect()
    };
    let mut lost: Vec<BTreeSet<String>> = Vec::with_capacity(groups.len());
    let mut gained: Vec<BTreeSet<String>> = Vec::with_capacity(groups.len());
    for g in &groups {
        let (ot, nt) = (statement_of(&g.old), statement_of(&g.new));
        if ot == nt {
            // Unchanged text loses and gains nothing; skip the sentence split.
            lost.push(BTreeSet::new());
            gained.push(BTreeSet::new());
            continue;
        }
        let (o, n) = (keys(&ot), keys(&nt));
        lost.push(o.difference(&n).cloned().collect());
        gained.push(n.difference(&o).cloned().collect());
    }
    let refs: Vec<ClauseRef> = groups
        .iter()
        .map(|g| match (g.new.first(), g.old.first()) {
            (Some(n), _) => clause_ref(new, n),
            (None, Some(o)) => clause_ref(old, o),
            (None, None) => unreachable!("a component has at least one clause"),
        })
        .collect();
    // sentence → (from group, to group)
    let mut moved: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (from, sentences) in lost.iter().enumerate() {
        for s in sentences {
            if let Some(to) = gained
                .iter()
                .enumerate()
                .position(|(i, g)| i != from && g.contains(s))
            {
                moved.entry(s.clone()).or_insert((from, to));
            }
        }
    }
    let mut move_changes: Vec<Change> = Vec::new();
    for (text, (from, to)) in &moved {
        move_changes.push(Change::Moved {
            text: text.clone(),
            from: refs[*from].clone(),
            to: refs[*to].clone(),
        });
    }

    for (i, g) in groups.iter().enumerate() {
        let this = &refs[i];
        let out = |k: &str| {
            moved
                .get(k)
                .filter(|(f, _)| *f == i)
                .map(|(_, t)| refs[*t].display.clone())
        };
        let into = |k: &str| {
            moved
                .get(k)
                .filter(|(_, t)| *t == i)
                .map(|(f, _)| refs[*f].display.clone())
        };
        let moves = text::Moves {
            out: &out,
            into: &into,
        };
        let status = |cs: &[&Control]| {
            cs.first()
                .map(|c| c.entry.status.value.as_str().to_string())
                .unwrap_or_default()
        };
        match (g.old.is_empty(), g.new.is_empty()) {
            (true, false) => {
                changes.push(Change::ClauseAdded {
                    clause: this.clone(),
                    status: status(&g.new),
                    statement: statement_of(&g.new),
                });
                continue;
            }
            (false, true) => {
                changes.push(Change::ClauseRemoved {
                    clause: this.clone(),
                    status: status(&g.old),
                    statement: statement_of(&g.old),
                });
                continue;
            }
            _ => {}
        }
        let old_ids: Vec<&ClauseId> = g.old.iter().filter_map(|c| c.id.as_ref()).collect();
        let new_ids: Vec<&ClauseId> = g.new.iter().filter_map(|c| c.id.as_ref()).collect();
        if old_ids != new_ids {
            changes.push(Change::Renumbered {
                old: g.old.iter().map(|c| clause_ref(old, c)).collect(),
                new: g.new.iter().map(|c| clause_ref(new, c)).collect(),
            });
        }
        let (os, ns) = (status(&g.old), status(&g.new));
        if os != ns {
            changes.push(Change::StatusChanged {
                clause: this.clone(),
                old: os,
                new: ns,
            });
        }
        let (ot, nt) = (statement_of(&g.old), statement_of(&g.new));
        if text::key(&ot) != text::key(&nt) {
            changes.push(Change::StatementChanged {
                clause: this.clone(),
                segments: text::diff(&ot, &nt, lang, &moves),
            });
        }
        justification(g, this, lang, changes, internal);
        internal_fields(&g.old, &g.new, this, internal);
    }
    changes.extend(move_changes);
}

/// A change to what the whitepaper publishes as the justification is customer-visible (a
/// status change alone can publish or withdraw one); a change to a justification that is not
/// published is internal.
fn justification(
    g: &Component,
    clause: &ClauseRef,
    lang: Lang,
    changes: &mut Vec<Change>,
    internal: &mut Vec<InternalChange>,
) {
    let (op, np) = (
        justification_of(&g.old, true),
        justification_of(&g.new, true),
    );
    if text::key(&op) != text::key(&np) {
        changes.push(Change::JustificationChanged {
            clause: clause.clone(),
            segments: text::diff(&op, &np, lang, &NO_MOVES),
        });
        return;
    }
    let (ow, nw) = (
        justification_of(&g.old, false),
        justification_of(&g.new, false),
    );
    if text::key(&ow) != text::key(&nw) {
        internal.push(InternalChange {
            clause: clause.clone(),
            field: "justification",
            old: ow,
            new: nw,
        });
    }
}

fn internal_fields(
    old: &[&Control],
    new: &[&Control],
    clause: &ClauseRef,
    internal: &mut Vec<InternalChange>,
) {
    type Getter = fn(&Control) -> String;
    let fields: [(&'static str, Getter); 4] = [
        ("owner", |c| {
            c.entry
                .owner
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default()
        }),
        ("evidence", |c| {
            c.entry
                .evidence
                .iter()
                .map(|e| e.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        ("reviewed", |c| {
            c.entry
                .reviewed
                .as_ref()
                .map(|v| v.value.to_string())
                .unwrap_or_default()
        }),
        ("notes", |c| {
            c.entry
                .notes
                .as_ref()
                .map(|v| v.value.trim_end().to_string())
                .unwrap_or_default()
        }),
    ];
    for (field, get) in fields {
        let join = |cs: &[&Control]| {
            cs.iter()
                .map(|c| get(c))
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (o, n) = (join(old), join(new));
        if text::key(&o) != text::key(&n) {
            internal.push(InternalChange {
                clause: clause.clone(),
                field,
                old: o,
                new: n,
            });
        }
    }
}

/// `document.date` as written, or nothing when the catalog has none.
fn date_text(document: &crate::catalog::Document) -> String {
    document
        .date
        .as_ref()
        .map(|d| d.value.to_string())
        .unwrap_or_default()
}
