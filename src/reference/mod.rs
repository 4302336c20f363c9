//! Built-in ISO reference data: the clauses of each standard, the 2013↔2022
//! correspondence and the baselines a document must cover.
//!
//! The data lives in `controls/*.yaml`, compiled by `build.rs` into a static [`Reference`]
//! ([`Reference::get`]): clauses, groups, the 2013↔2022 pairs and the hints are constants,
//! sorted at build time, looked up by binary search; a run builds nothing before using them.
//! Provenance fields in those files (confidence, evidence, notes) are for people and are
//! ignored here.

mod data;
mod id;
#[cfg(test)]
mod yaml;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub(crate) use id::fold_width;
pub use id::{ClauseId, IdStyle, ParseIdError};

/// A built-in standard a catalog can be organised by.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum StandardId {
    #[serde(rename = "iso27017:2015")]
    Iso27017_2015,
    #[serde(rename = "iso27002:2013")]
    Iso27002_2013,
    #[serde(rename = "iso27002:2022")]
    Iso27002_2022,
}

impl StandardId {
    pub const ALL: [StandardId; 3] = [
        StandardId::Iso27017_2015,
        StandardId::Iso27002_2013,
        StandardId::Iso27002_2022,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StandardId::Iso27017_2015 => "iso27017:2015",
            StandardId::Iso27002_2013 => "iso27002:2013",
            StandardId::Iso27002_2022 => "iso27002:2022",
        }
    }

    /// Whether clause ids of this standard use the 2022 numbering (`5.1`, `8.24`).
    pub fn is_2022(self) -> bool {
        self == StandardId::Iso27002_2022
    }

    /// `id` as messages show it: 2013 ids as Annex A wrote them (`A.12.4.1`), 2022 ids plain
    /// (`8.15`), so that the two numberings never look alike.
    pub fn show(self, id: &ClauseId) -> String {
        if self.is_2022() {
            id.to_string()
        } else {
            id.display(IdStyle::Annex)
        }
    }
}

impl fmt::Display for StandardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StandardId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_name("standard", &StandardId::ALL, StandardId::as_str, s)
    }
}

/// One of a closed set of names, case-insensitively; the error lists them all.
fn parse_name<T: Copy>(
    what: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    s: &str,
) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|v| name(*v).eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            format!("unknown {what} `{s}`; expected one of {}", names.join(", "))
        })
}

/// Which parties' guidance a 27017 clause carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CloudGuidance {
    /// The cloud service provider column has guidance.
    pub csp: bool,
    /// The cloud service customer column has guidance.
    pub csc: bool,
}

/// What a provider's whitepaper typically states for a 27017 clause, in our own words
/// (`controls/guidance.yaml`): the hint above each placeholder `init` writes, and part of
/// `explain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hint {
    pub en: &'static str,
    pub ja: &'static str,
}

impl Hint {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// The five attribute families of ISO/IEC 27002:2022.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Attributes {
    pub control_type: &'static [&'static str],
    pub information_security_properties: &'static [&'static str],
    pub cybersecurity_concepts: &'static [&'static str],
    pub operational_capabilities: &'static [&'static str],
    pub security_domains: &'static [&'static str],
}

/// One clause (control) of a standard.
#[derive(Clone, Debug, Serialize)]
pub struct Clause {
    pub id: ClauseId,
    pub title_en: &'static str,
    pub title_ja: &'static str,
    /// 27017 only: whether the Japanese title was confirmed against published headings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_ja_confirmed: Option<bool>,
    /// The grouping (27002 category, CLD category or 2022 theme) the clause sits in.
    pub group: &'static str,
    /// 27017 only: whose guidance the clause carries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guidance: Option<CloudGuidance>,
    /// 2022 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub new_in_2022: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
}

impl Clause {
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.title_ja,
            Lang::En => self.title_en,
        }
    }
}

/// A heading above clauses: a 27002 clause ("5") or category ("5.1"), a CLD category or a 2022 theme.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub title_en: &'static str,
    pub title_ja: &'static str,
    /// The enclosing group, if any (a category's clause).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'static str>,
}

/// Document language: picks built-in titles and templates.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`; expected ja or en")),
        }
    }
}

/// The clauses of one standard, in standard order.
#[derive(Debug)]
pub struct Standard {
    pub id: StandardId,
    pub title: &'static str,
    /// In standard order ([`ClauseId`]'s `Ord`).
    clauses: &'static [Clause],
    /// (id, its place in `clauses`), in the ids' byte order: found by binary search.
    index: &'static [(&'static str, usize)],
    groups: &'static [Group],
}

impl Standard {
    /// The clauses in standard order (27002 order, CLD clauses in their place).
    pub fn clauses(&self) -> &'static [Clause] {
        self.clauses
    }

    pub fn groups(&self) -> &'static [Group] {
        self.groups
    }

    pub fn group(&self, id: &str) -> Option<&'static Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn clause(&self, id: &ClauseId) -> Option<&'static Clause> {
        let &(_, i) = find(self.index, |key| key, id)?;
        Some(&self.clauses[i])
    }
}

/// The row of `table` (sorted by its keys' bytes) whose key is `id`.
fn find<'t, K, V>(
    table: &'t [(K, V)],
    key: impl Fn(&K) -> &str,
    id: &ClauseId,
) -> Option<&'t (K, V)> {
    let i = table
        .binary_search_by(|(k, _)| key(k).cmp(id.as_str()))
        .ok()?;
    Some(&table[i])
}

/// A named set of clauses a document must cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum BaselineId {
    /// Every 27017 clause with provider (CSP) guidance: 33 + 7 CLD.
    #[serde(rename = "iso27017:2015/provider")]
    Provider,
    /// Every 27017 clause with customer (CSC) guidance.
    #[serde(rename = "iso27017:2015/customer")]
    Customer,
    /// Every clause of 27017 (37 + 7 CLD).
    #[serde(rename = "iso27017:2015")]
    Iso27017All,
    /// All 114 controls of 27002:2013.
    #[serde(rename = "iso27002:2013")]
    Iso27002_2013All,
    /// All 93 controls of 27002:2022.
    #[serde(rename = "iso27002:2022")]
    Iso27002_2022All,
}

impl BaselineId {
    pub const ALL: [BaselineId; 5] = [
        BaselineId::Provider,
        BaselineId::Customer,
        BaselineId::Iso27017All,
        BaselineId::Iso27002_2013All,
        BaselineId::Iso27002_2022All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BaselineId::Provider => "iso27017:2015/provider",
            BaselineId::Customer => "iso27017:2015/customer",
            BaselineId::Iso27017All => "iso27017:2015",
            BaselineId::Iso27002_2013All => "iso27002:2013",
            BaselineId::Iso27002_2022All => "iso27002:2022",
        }
    }

    /// The standard whose ids the baseline lists.
    pub fn standard(self) -> StandardId {
        match self {
            BaselineId::Iso27002_2022All => StandardId::Iso27002_2022,
            BaselineId::Iso27002_2013All => StandardId::Iso27002_2013,
            _ => StandardId::Iso27017_2015,
        }
    }
}

impl fmt::Display for BaselineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BaselineId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_name("baseline", &BaselineId::ALL, BaselineId::as_str, s)
    }
}

/// All built-in reference data. The tables are sorted by their ids' bytes.
#[derive(Debug)]
pub struct Reference {
    iso27017: Standard,
    iso27002_2013: Standard,
    iso27002_2022: Standard,
    to_2022: &'static [(ClauseId, &'static [ClauseId])],
    from_2013: &'static [(ClauseId, &'static [ClauseId])],
    hints: &'static [(ClauseId, Hint)],
}

/// A fingerprint of the built-in data, for keys of results computed from it.
pub fn data_hash() -> &'static str {
    data::DATA_HASH
}

impl Reference {
    /// The built-in data: constants, nothing to build.
    pub fn get() -> &'static Reference {
        &data::REFERENCE
    }

    pub fn standard(&self, id: StandardId) -> &Standard {
        match id {
            StandardId::Iso27017_2015 => &self.iso27017,
            StandardId::Iso27002_2013 => &self.iso27002_2013,
            StandardId::Iso27002_2022 => &self.iso27002_2022,
        }
    }

    /// Resolve a clause a catalog organised by `standard` may carry.
    ///
    /// A 27017 document may also carry any 27002:2013 control (27017 applies them all,
    /// with or without cloud guidance); a 2022 document may carry the CLD controls,
    /// which have no 2022 counterpart.
    pub fn resolve(&self, standard: StandardId, id: &ClauseId) -> Option<&Clause> {
        match standard {
            StandardId::Iso27017_2015 => self
                .iso27017
                .clause(id)
                .or_else(|| self.iso27002_2013.clause(id)),
            StandardId::Iso27002_2013 => self.iso27002_2013.clause(id),
            StandardId::Iso27002_2022 => self
                .iso27002_2022
                .clause(id)
                .or_else(|| id.is_cld().then(|| self.iso27017.clause(id)).flatten()),
        }
    }

    /// Every id a catalog organised by `standard` may carry, in standard order.
    pub fn known_ids(&self, standard: StandardId) -> Vec<&ClauseId> {
        let mut ids = self.ids(standard);
        ids.sort();
        ids
    }

    fn ids(&self, standard: StandardId) -> Vec<&ClauseId> {
        match standard {
            StandardId::Iso27017_2015 => self
                .iso27002_2013
                .clauses()
                .iter()
                .chain(self.iso27017.clauses().iter().filter(|c| c.id.is_cld()))
                .map(|c| &c.id)
                .collect(),
            StandardId::Iso27002_2013 => {
                self.iso27002_2013.clauses().iter().map(|c| &c.id).collect()
            }
            StandardId::Iso27002_2022 => self
                .iso27002_2022
                .clauses()
                .iter()
                .chain(self.iso27017.clauses().iter().filter(|c| c.id.is_cld()))
                .map(|c| &c.id)
                .collect(),
        }
    }

    /// The 2022 successors of a 2013 control (one, or two for 18.2.3).
    pub fn to_2022(&self, id: &ClauseId) -> &'static [ClauseId] {
        find(self.to_2022, ClauseId::as_str, id).map_or(&[], |&(_, ids)| ids)
    }

    /// The 2013 predecessors of a 2022 control (none for the 11 new ones).
    pub fn from_2013(&self, id: &ClauseId) -> &'static [ClauseId] {
        find(self.from_2013, ClauseId::as_str, id).map_or(&[], |&(_, ids)| ids)
    }

    /// What whitepapers typically state for a 27017 clause (every one has a hint).
    pub fn hint(&self, id: &ClauseId) -> Option<&'static Hint> {
        find(self.hints, ClauseId::as_str, id).map(|(_, hint)| hint)
    }

    /// The clauses of a baseline, in standard order.
    pub fn baseline(&self, id: BaselineId) -> Vec<&Clause> {
        let guided = |pick: fn(&CloudGuidance) -> bool| -> Vec<&Clause> {
            self.iso27017
                .clauses()
                .iter()
                .filter(|c| c.guidance.as_ref().is_some_and(pick))
                .collect()
        };
        match id {
            BaselineId::Provider => guided(|g| g.csp),
            BaselineId::Customer => guided(|g| g.csc),
            BaselineId::Iso27017All => self.iso27017.clauses().iter().collect(),
            BaselineId::Iso27002_2013All => self.iso27002_2013.clauses().iter().collect(),
            BaselineId::Iso27002_2022All => self.iso27002_2022.clauses().iter().collect(),
        }
    }

    /// The closest id a catalog organised by `standard` may carry, for "did you mean".
    pub fn suggest(&self, standard: StandardId, raw: &str) -> Option<&ClauseId> {
        let wanted = raw.trim().to_ascii_uppercase();
        let wanted = wanted.strip_prefix("A.").unwrap_or(&wanted);
        // Called once per unknown reference (a catalog may have 100k): no sorting, and no
        // full edit distance, only "at most one slip".
        self.ids(standard)
            .into_iter()
            // One slip (a wrong digit, `GLD` for `CLD`): anything further is a different clause.
            .filter_map(|id| Some((slips(wanted, id.as_str())?, id)))
            .min()
            .map(|(_, id)| id)
    }
}

/// The Damerau-Levenshtein distance of `a` and `b` when it is 0 or 1 (one character
/// replaced, added or removed, or two neighbours swapped); `None` beyond. Linear, no allocation.
fn slips(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > 1 {
        return None;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take(la.min(lb) - prefix)
        .take_while(|(x, y)| x == y)
        .count();
    match (la - prefix - suffix, lb - prefix - suffix) {
        (1, 1) | (1, 0) | (0, 1) => Some(1),
        (2, 2) => {
            let mut x = a.chars().skip(prefix);
            let mut y = b.chars().skip(prefix);
            let (x0, x1, y0, y1) = (x.next()?, x.next()?, y.next()?, y.next()?);
            (x0 == y1 && x1 == y0).then_some(1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_agree_with_damerau_levenshtein_up_to_one() {
        let alphabet = ['a', 'b', '.', '．'];
        let mut words = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for a in &words {
            for b in &words {
                let full = strsim::damerau_levenshtein(a, b);
                assert_eq!(slips(a, b), (full <= 1).then_some(full), "{a:?} {b:?}");
            }
        }
    }
}
