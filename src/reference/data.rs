//! [`Reference`] from the tables `build.rs` compiles out of `controls/*.yaml`: no YAML is
//! parsed at run time (it was 4 ms of every `check`), only a few hundred strings copied.

use std::collections::HashMap;

use super::{
    Attributes, Clause, ClauseId, CloudGuidance, Group, Hint, Reference, Standard, StandardId,
};

/// A clause as the tables hold it; see [`Clause`].
struct ClauseRow {
    id: &'static str,
    title_en: &'static str,
    title_ja: &'static str,
    title_ja_confirmed: Option<bool>,
    group: &'static str,
    guidance: Option<CloudGuidance>,
    theme: Option<&'static str>,
    new_in_2022: bool,
    /// The five families in [`Attributes`]' order.
    attributes: Option<[&'static [&'static str]; 5]>,
}

impl ClauseRow {
    /// A clause with no more than its id and titles; the tables add the rest.
    const fn new(id: &'static str, title_en: &'static str, title_ja: &'static str) -> Self {
        ClauseRow {
            id,
            title_en,
            title_ja,
            title_ja_confirmed: None,
            group: "",
            guidance: None,
            theme: None,
            new_in_2022: false,
            attributes: None,
        }
    }

    fn clause(&self) -> Clause {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        Clause {
            id: ClauseId::canonical(self.id),
            title_en: self.title_en.to_string(),
            title_ja: self.title_ja.to_string(),
            title_ja_confirmed: self.title_ja_confirmed,
            group: self.group.to_string(),
            guidance: self.guidance,
            theme: self.theme.map(str::to_string),
            new_in_2022: self.new_in_2022,
            attributes: self.attributes.map(|[a, b, c, d, e]| Attributes {
                control_type: strings(a),
                information_security_properties: strings(b),
                cybersecurity_concepts: strings(c),
                operational_capabilities: strings(d),
                security_domains: strings(e),
            }),
        }
    }
}

/// A group as the tables hold it; see [`Group`].
struct GroupRow {
    id: &'static str,
    title_en: &'static str,
    title_ja: &'static str,
    parent: Option<&'static str>,
}

impl GroupRow {
    fn group(&self) -> Group {
        Group {
            id: self.id.to_string(),
            title_en: self.title_en.to_string(),
            title_ja: self.title_ja.to_string(),
            parent: self.parent.map(str::to_string),
        }
    }
}

// GROUPS_*, CLAUSES_* (rows), PAIRS (2013 id, 2022 id), HINTS (27017 id, en, ja).
include!(concat!(env!("OUT_DIR"), "/reference_tables.rs"));

pub(super) fn load() -> Reference {
    let standard = |id, title, clauses: &[ClauseRow], groups: &[GroupRow]| {
        Standard::new(
            id,
            title,
            clauses.iter().map(ClauseRow::clause).collect(),
            groups.iter().map(GroupRow::group).collect(),
        )
    };
    let mut to_2022: HashMap<ClauseId, Vec<ClauseId>> = HashMap::new();
    let mut from_2013: HashMap<ClauseId, Vec<ClauseId>> = HashMap::new();
    for &(old, new) in PAIRS {
        let (old, new) = (ClauseId::canonical(old), ClauseId::canonical(new));
        from_2013.entry(new.clone()).or_default().push(old.clone());
        to_2022.entry(old).or_default().push(new);
    }
    for ids in to_2022.values_mut().chain(from_2013.values_mut()) {
        ids.sort();
    }
    let hints = HINTS
        .iter()
        .map(|&(id, en, ja)| {
            let hint = Hint {
                en: en.to_string(),
                ja: ja.to_string(),
            };
            (ClauseId::canonical(id), hint)
        })
        .collect();
    Reference {
        iso27017: standard(
            StandardId::Iso27017_2015,
            "ISO/IEC 27017:2015",
            CLAUSES_27017,
            GROUPS_27017,
        ),
        iso27002_2013: standard(
            StandardId::Iso27002_2013,
            "ISO/IEC 27002:2013",
            CLAUSES_2013,
            GROUPS_2013,
        ),
        iso27002_2022: standard(
            StandardId::Iso27002_2022,
            "ISO/IEC 27002:2022",
            CLAUSES_2022,
            GROUPS_2022,
        ),
        to_2022,
        from_2013,
        hints,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BaselineId, yaml};
    use super::*;

    /// The compiled tables say exactly what the YAML files say, read as kanrisaku read
    /// them before build.rs existed: every clause with every field, every group, pair,
    /// hint and baseline.
    #[test]
    fn compiled_tables_equal_the_yaml_parsed_at_run_time() {
        let (compiled, parsed) = (load(), yaml::load().unwrap());
        for id in StandardId::ALL {
            let (c, p) = (compiled.standard(id), parsed.standard(id));
            assert_eq!((c.id, c.title), (p.id, p.title));
            assert_eq!(c.clauses().len(), p.clauses().len(), "{id}");
            for (c, p) in c.clauses().iter().zip(p.clauses()) {
                assert_eq!(format!("{c:?}"), format!("{p:?}"), "{id}");
            }
            assert_eq!(format!("{:?}", c.groups()), format!("{:?}", p.groups()));
            assert_eq!(c.index, p.index, "{id}");
            assert_eq!(compiled.known_ids(id), parsed.known_ids(id), "{id}");
        }
        assert_eq!(compiled.to_2022, parsed.to_2022);
        assert_eq!(compiled.from_2013, parsed.from_2013);
        assert_eq!(compiled.hints, parsed.hints);
        for id in BaselineId::ALL {
            let ids = |r: &Reference| -> Vec<ClauseId> {
                r.baseline(id).iter().map(|c| c.id.clone()).collect()
            };
            assert_eq!(ids(&compiled), ids(&parsed), "{id}");
        }
        // Not vacuous: the files are all there.
        assert_eq!(compiled.iso27002_2013.clauses().len(), 114);
        assert_eq!(compiled.iso27002_2022.clauses().len(), 93);
        assert_eq!(compiled.iso27017.clauses().len(), 44);
        assert_eq!(compiled.hints.len(), 44);
        assert_eq!(PAIRS.len(), 115);
    }
}
