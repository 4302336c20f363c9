//! The YAML files read as kanrisaku read them before `build.rs` compiled them: the oracle
//! the compiled tables are tested against (`data::tests`). The strings are leaked to fill
//! the same `'static` types; this runs only in tests.

use std::collections::HashMap;

use serde::Deserialize;

use super::{
    Attributes, Clause, ClauseId, CloudGuidance, Group, Hint, Reference, Standard, StandardId,
};

const ISO27002_2013: &str = include_str!("../../controls/iso27002-2013.yaml");
const ISO27002_2022: &str = include_str!("../../controls/iso27002-2022.yaml");
const ISO27017_2015: &str = include_str!("../../controls/iso27017-2015.yaml");
const MAPPING: &str = include_str!("../../controls/mapping-2013-2022.yaml");
const GUIDANCE: &str = include_str!("../../controls/guidance.yaml");

#[derive(Deserialize)]
struct Titled {
    id: String,
    title_en: String,
    #[serde(default)]
    title_ja: String,
    #[serde(default)]
    clause: Option<String>,
}

#[derive(Deserialize)]
struct File2013 {
    clauses: Vec<Titled>,
    categories: Vec<Titled>,
    controls: Vec<Control2013>,
}

#[derive(Deserialize)]
struct Control2013 {
    id: ClauseId,
    title_en: String,
    title_ja: String,
    category: String,
}

#[derive(Deserialize)]
struct File2022 {
    themes: Vec<Titled>,
    controls: Vec<Control2022>,
}

#[derive(Deserialize)]
struct Control2022 {
    id: ClauseId,
    title_en: String,
    title_ja: String,
    theme: String,
    #[serde(default)]
    new_in_2022: bool,
    attributes: YamlAttributes,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YamlAttributes {
    control_type: Vec<String>,
    information_security_properties: Vec<String>,
    cybersecurity_concepts: Vec<String>,
    operational_capabilities: Vec<String>,
    security_domains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlHint {
    en: String,
    ja: String,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_all(list: Vec<String>) -> &'static [&'static str] {
    list.into_iter().map(leak).collect::<Vec<_>>().leak()
}

/// A standard as the compiled tables hold it: clauses in standard order, the index by bytes.
fn standard(
    id: StandardId,
    title: &'static str,
    mut clauses: Vec<Clause>,
    groups: Vec<Group>,
) -> Standard {
    clauses.sort_by(|a, b| a.id.cmp(&b.id));
    let clauses = clauses.leak();
    let mut index: Vec<(&'static str, usize)> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (leak(c.id.to_string()), i))
        .collect();
    index.sort();
    Standard {
        id,
        title,
        clauses,
        index: index.leak(),
        groups: groups.leak(),
    }
}

/// A map as the compiled tables hold it: sorted by the ids' bytes.
fn table<T>(map: HashMap<ClauseId, T>) -> &'static [(ClauseId, T)] {
    let mut rows: Vec<(ClauseId, T)> = map.into_iter().collect();
    rows.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    rows.leak()
}

#[derive(Deserialize)]
struct File27017 {
    controls_with_cloud_guidance: Vec<Control27017>,
    cld_categories: Vec<CldCategory>,
    cld_controls: Vec<Control27017>,
}

#[derive(Deserialize)]
struct Control27017 {
    id: ClauseId,
    title_en: String,
    title_ja: String,
    title_ja_confirmed: bool,
    csc_guidance: bool,
    csp_guidance: bool,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Deserialize)]
struct CldCategory {
    id: String,
    title_en: String,
    title_ja: String,
    #[serde(default)]
    objective_from_27002: Option<String>,
}

#[derive(Deserialize)]
struct MappingFile {
    pairs: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    from_2013: ClauseId,
    to_2022: ClauseId,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, String> {
    serde_saphyr::from_str(text).map_err(|e| format!("controls/{name}: {}", e.without_snippet()))
}

pub(super) fn load() -> Result<Reference, String> {
    let f2013: File2013 = parse("iso27002-2013.yaml", ISO27002_2013)?;
    let f2022: File2022 = parse("iso27002-2022.yaml", ISO27002_2022)?;
    let f27017: File27017 = parse("iso27017-2015.yaml", ISO27017_2015)?;
    let mapping: MappingFile = parse("mapping-2013-2022.yaml", MAPPING)?;
    let hints: HashMap<ClauseId, YamlHint> = parse("guidance.yaml", GUIDANCE)?;
    let hints: HashMap<ClauseId, Hint> = hints
        .into_iter()
        .map(|(id, h)| {
            (
                id,
                Hint {
                    en: leak(h.en),
                    ja: leak(h.ja),
                },
            )
        })
        .collect();

    let group = |t: Titled, parent: Option<String>| Group {
        id: leak(t.id),
        title_en: leak(t.title_en),
        title_ja: leak(t.title_ja),
        parent: parent.or(t.clause).map(leak),
    };

    let groups_2013: Vec<Group> = f2013
        .clauses
        .into_iter()
        .map(|t| group(t, None))
        .chain(f2013.categories.into_iter().map(|t| group(t, None)))
        .collect();
    let clauses_2013: Vec<Clause> = f2013
        .controls
        .into_iter()
        .map(|c| Clause {
            id: c.id,
            title_en: leak(c.title_en),
            title_ja: leak(c.title_ja),
            title_ja_confirmed: None,
            group: leak(c.category),
            guidance: None,
            theme: None,
            new_in_2022: false,
            attributes: None,
        })
        .collect();

    let themes: Vec<Group> = f2022.themes.into_iter().map(|t| group(t, None)).collect();
    let clauses_2022: Vec<Clause> = f2022
        .controls
        .into_iter()
        .map(|c| Clause {
            group: leak(c.id.category().unwrap_or_default().to_string()),
            id: c.id,
            title_en: leak(c.title_en),
            title_ja: leak(c.title_ja),
            title_ja_confirmed: None,
            guidance: None,
            theme: Some(leak(c.theme)),
            new_in_2022: c.new_in_2022,
            attributes: Some(Attributes {
                control_type: leak_all(c.attributes.control_type),
                information_security_properties: leak_all(
                    c.attributes.information_security_properties,
                ),
                cybersecurity_concepts: leak_all(c.attributes.cybersecurity_concepts),
                operational_capabilities: leak_all(c.attributes.operational_capabilities),
                security_domains: leak_all(c.attributes.security_domains),
            }),
        })
        .collect();

    // 27017 is organised like 27002:2013 plus the CLD categories, which sit in the 27002 clauses.
    let mut groups_27017 = groups_2013.clone();
    for cat in f27017.cld_categories {
        let parent = cat
            .id
            .trim_start_matches("CLD.")
            .split('.')
            .next()
            .map(str::to_string);
        groups_27017.push(Group {
            id: leak(cat.id),
            title_en: leak(cat.title_en),
            title_ja: leak(cat.title_ja),
            parent: parent.or(cat.objective_from_27002).map(leak),
        });
    }
    let clauses_27017: Vec<Clause> = f27017
        .controls_with_cloud_guidance
        .into_iter()
        .chain(f27017.cld_controls)
        .map(|c| Clause {
            group: leak(
                c.parent
                    .unwrap_or_else(|| c.id.category().unwrap_or_default().to_string()),
            ),
            id: c.id,
            title_en: leak(c.title_en),
            title_ja: leak(c.title_ja),
            title_ja_confirmed: Some(c.title_ja_confirmed),
            guidance: Some(CloudGuidance {
                csp: c.csp_guidance,
                csc: c.csc_guidance,
            }),
            theme: None,
            new_in_2022: false,
            attributes: None,
        })
        .collect();

    let mut to_2022: HashMap<ClauseId, Vec<ClauseId>> = HashMap::new();
    let mut from_2013: HashMap<ClauseId, Vec<ClauseId>> = HashMap::new();
    for pair in mapping.pairs {
        from_2013
            .entry(pair.to_2022.clone())
            .or_default()
            .push(pair.from_2013.clone());
        to_2022
            .entry(pair.from_2013)
            .or_default()
            .push(pair.to_2022);
    }
    for ids in to_2022.values_mut().chain(from_2013.values_mut()) {
        ids.sort();
    }

    hints_match(&clauses_27017, &hints)?;

    let to_2022 = to_2022.into_iter().map(|(k, v)| (k, &*v.leak())).collect();
    let from_2013 = from_2013
        .into_iter()
        .map(|(k, v)| (k, &*v.leak()))
        .collect();
    Ok(Reference {
        iso27017: standard(
            StandardId::Iso27017_2015,
            "ISO/IEC 27017:2015",
            clauses_27017,
            groups_27017,
        ),
        iso27002_2013: standard(
            StandardId::Iso27002_2013,
            "ISO/IEC 27002:2013",
            clauses_2013,
            groups_2013,
        ),
        iso27002_2022: standard(
            StandardId::Iso27002_2022,
            "ISO/IEC 27002:2022",
            clauses_2022,
            themes,
        ),
        to_2022: table(to_2022),
        from_2013: table(from_2013),
        hints: table(hints),
    })
}

/// `guidance.yaml` speaks of exactly the 27017 clauses: one missing would leave a
/// placeholder of `init` without its hint, one extra is a typo.
fn hints_match(clauses: &[Clause], hints: &HashMap<ClauseId, Hint>) -> Result<(), String> {
    if let Some(c) = clauses.iter().find(|c| !hints.contains_key(&c.id)) {
        return Err(format!("controls/guidance.yaml: no entry for {}", c.id));
    }
    if let Some(id) = hints
        .keys()
        .find(|id| !clauses.iter().any(|c| &c.id == *id))
    {
        return Err(format!(
            "controls/guidance.yaml: {id} is not a clause of ISO/IEC 27017"
        ));
    }
    Ok(())
}
