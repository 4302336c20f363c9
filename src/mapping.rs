//! The 2013 ↔ 2022 correspondence of one id, as `kanrisaku map` shows it and `migrate`
//! applies it: which controls an id becomes or came from, and how (merged, split, new).
//!
//! An id is looked up in each numbering it exists in: `5.1` is a control of 2022 and a
//! category of 2013, and without `--from` both readings are shown, because guessing one
//! would silently answer the wrong question. A 2013 category stands for its controls.

use serde::Serialize;

use crate::reference::{Clause, ClauseId, Reference, StandardId};

/// How a control relates to the other edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    OneToOne,
    /// Several controls of 2013 became one of 2022.
    ManyToOne,
    /// One control of 2013 became several of 2022.
    OneToMany,
    /// A 2022 control with no 2013 predecessor.
    #[serde(rename = "new-in-2022")]
    NewIn2022,
    /// A CLD control of ISO/IEC 27017: no 2022 id exists; kept as it is.
    Cloud,
}

/// One control of the other edition, and who else shares it.
#[derive(Debug, Serialize)]
pub struct Counterpart<'a> {
    pub id: &'a ClauseId,
    pub title_en: &'a str,
    pub title_ja: &'a str,
    /// For a 2022 successor: its other 2013 predecessors. For a 2013 predecessor: its other
    /// 2022 successors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<&'a ClauseId>,
}

/// One control and its counterparts in the other edition.
#[derive(Debug, Serialize)]
pub struct Mapped<'a> {
    /// The numbering `id` is read in.
    pub standard: StandardId,
    pub id: &'a ClauseId,
    pub title_en: &'a str,
    pub title_ja: &'a str,
    /// Set when the id asked for was a 2013 category (`12.4`) this control belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub relation: Relation,
    /// 2022 successors of a 2013 control, or 2013 predecessors of a 2022 control.
    pub counterparts: Vec<Counterpart<'a>>,
}

/// Every reading of `id` in the numberings allowed by `from` (`None`: both), in the order
/// 2013, then 2022. Empty when the id names nothing in them.
pub fn lookup<'a>(
    reference: &'a Reference,
    id: &ClauseId,
    from: Option<StandardId>,
) -> Vec<Mapped<'a>> {
    let from_2013 = from.is_none_or(|s| !s.is_2022());
    let from_2022 = from.is_none_or(StandardId::is_2022);
    let mut found = Vec::new();
    if from_2013 {
        if let Some(clause) = clause_2013(reference, id) {
            found.push(forward(reference, clause, None));
        }
        let old = reference.standard(StandardId::Iso27002_2013);
        if old.group(id.as_str()).is_some() {
            found.extend(
                old.clauses()
                    .iter()
                    .filter(|c| c.group == id.as_str())
                    .map(|c| forward(reference, c, Some(id.to_string()))),
            );
        }
    }
    if from_2022 && let Some(clause) = reference.standard(StandardId::Iso27002_2022).clause(id) {
        found.push(backward(reference, clause));
    }
    found
}

/// A 2013 control, or a CLD control of 27017 (numbered like 2013).
fn clause_2013<'a>(reference: &'a Reference, id: &ClauseId) -> Option<&'a Clause> {
    if id.is_cld() {
        reference.standard(StandardId::Iso27017_2015).clause(id)
    } else {
        reference.standard(StandardId::Iso27002_2013).clause(id)
    }
}

/// A 2013 control and its 2022 successors.
fn forward<'a>(
    reference: &'a Reference,
    clause: &'a Clause,
    category: Option<String>,
) -> Mapped<'a> {
    let successors = reference.to_2022(&clause.id);
    let counterparts: Vec<Counterpart> = successors
        .iter()
        .map(|id| counterpart(reference, StandardId::Iso27002_2022, id, &clause.id))
        .collect();
    let relation = match successors {
        [] => Relation::Cloud,
        [_] if !counterparts[0].shared_with.is_empty() => Relation::ManyToOne,
        [_] => Relation::OneToOne,
        _ => Relation::OneToMany,
    };
    let standard = if clause.id.is_cld() {
        StandardId::Iso27017_2015
    } else {
        StandardId::Iso27002_2013
    };
    mapped(standard, clause, category, relation, counterparts)
}

/// A 2022 control and its 2013 predecessors.
fn backward<'a>(reference: &'a Reference, clause: &'a Clause) -> Mapped<'a> {
    let predecessors = reference.from_2013(&clause.id);
    let counterparts: Vec<Counterpart> = predecessors
        .iter()
        .map(|id| counterpart(reference, StandardId::Iso27002_2013, id, &clause.id))
        .collect();
    let relation = match predecessors {
        [] => Relation::NewIn2022,
        [_] if !counterparts[0].shared_with.is_empty() => Relation::OneToMany,
        [_] => Relation::OneToOne,
        _ => Relation::ManyToOne,
    };
    mapped(
        StandardId::Iso27002_2022,
        clause,
        None,
        relation,
        counterparts,
    )
}

fn mapped<'a>(
    standard: StandardId,
    clause: &'a Clause,
    category: Option<String>,
    relation: Relation,
    counterparts: Vec<Counterpart<'a>>,
) -> Mapped<'a> {
    Mapped {
        standard,
        id: &clause.id,
        title_en: clause.title_en,
        title_ja: clause.title_ja,
        category,
        relation,
        counterparts,
    }
}

/// `id` of `standard`, with the other controls that map to it besides `via`.
fn counterpart<'a>(
    reference: &'a Reference,
    standard: StandardId,
    id: &'a ClauseId,
    via: &ClauseId,
) -> Counterpart<'a> {
    let clause = reference.standard(standard).clause(id);
    let linked = if standard.is_2022() {
        reference.from_2013(id)
    } else {
        reference.to_2022(id)
    };
    Counterpart {
        id,
        title_en: clause.map_or("", |c| c.title_en),
        title_ja: clause.map_or("", |c| c.title_ja),
        shared_with: linked.iter().filter(|other| *other != via).collect(),
    }
}
