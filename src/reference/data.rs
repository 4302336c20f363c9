//! The [`Reference`] `build.rs` compiles out of `controls/*.yaml`: constants, so that no
//! run parses YAML (it was 4 ms of every `check`) or builds anything (copying the tables
//! into owned strings and hash maps was 0.13 ms).

use super::{
    Attributes, Clause, ClauseId, CloudGuidance, Group, Hint, Reference, Standard, StandardId,
};

// GROUPS_*, CLAUSES_* (standard order), INDEX_* (id → place in CLAUSES_*), TO_2022,
// FROM_2013, HINTS (sorted by id), DATA_HASH.
include!(concat!(env!("OUT_DIR"), "/reference_tables.rs"));

pub(super) static REFERENCE: Reference = Reference {
    iso27017: Standard {
        id: StandardId::Iso27017_2015,
        title: "ISO/IEC 27017:2015",
        clauses: CLAUSES_27017,
        index: INDEX_27017,
        groups: GROUPS_27017,
    },
    iso27002_2013: Standard {
        id: StandardId::Iso27002_2013,
        title: "ISO/IEC 27002:2013",
        clauses: CLAUSES_2013,
        index: INDEX_2013,
        groups: GROUPS_2013,
    },
    iso27002_2022: Standard {
        id: StandardId::Iso27002_2022,
        title: "ISO/IEC 27002:2022",
        clauses: CLAUSES_2022,
        index: INDEX_2022,
        groups: GROUPS_2022,
    },
    to_2022: TO_2022,
    from_2013: FROM_2013,
    hints: HINTS,
};

#[cfg(test)]
mod tests {
    use super::super::{BaselineId, yaml};
    use super::*;

    /// The compiled tables say exactly what the YAML files say, read as kanrisaku read
    /// them before build.rs existed: every clause with every field, every group, pair,
    /// hint and baseline.
    #[test]
    fn compiled_tables_equal_the_yaml_parsed_at_run_time() {
        let (compiled, parsed) = (&REFERENCE, &yaml::load().unwrap());
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
            assert_eq!(ids(compiled), ids(parsed), "{id}");
        }
        // Not vacuous: the files are all there.
        assert_eq!(compiled.iso27002_2013.clauses().len(), 114);
        assert_eq!(compiled.iso27002_2022.clauses().len(), 93);
        assert_eq!(compiled.iso27017.clauses().len(), 44);
        assert_eq!(compiled.hints.len(), 44);
        let pairs: usize = compiled.to_2022.iter().map(|(_, ids)| ids.len()).sum();
        assert_eq!(pairs, 115);
    }

    /// The lookups binary-search the tables, and the clauses are listed as they are
    /// stored: build.rs sorted them, and nothing at run time does.
    #[test]
    fn tables_are_sorted_as_they_are_searched() {
        fn strictly_ascending<T: Ord>(keys: impl Iterator<Item = T>) -> bool {
            let keys: Vec<T> = keys.collect();
            keys.windows(2).all(|w| w[0] < w[1])
        }
        for id in StandardId::ALL {
            let standard = REFERENCE.standard(id);
            assert!(
                strictly_ascending(standard.clauses().iter().map(|c| &c.id)),
                "{id}"
            );
            assert!(
                strictly_ascending(standard.index.iter().map(|(id, _)| *id)),
                "{id}"
            );
            assert!(
                standard
                    .index
                    .iter()
                    .all(|&(key, i)| standard.clauses()[i].id.as_str() == key)
            );
        }
        for table in [TO_2022, FROM_2013] {
            assert!(strictly_ascending(table.iter().map(|(id, _)| id.as_str())));
            assert!(table.iter().all(|(_, ids)| strictly_ascending(ids.iter())));
        }
        assert!(strictly_ascending(HINTS.iter().map(|(id, _)| id.as_str())));
    }
}
