//! The catalog's JSON Schema, generated from the serde types (schemars), for editors and
//! for collecting every load problem of a file at once ([`super::problems`]).
//!
//! The types' doc comments are the English descriptions. Editors show one text per field,
//! so each description also goes, with its Japanese (`locales/ja/schema.ftl`, one entry per
//! described field), into `markdownDescription`, which VS Code's YAML extension shows on
//! hover instead of `description`. Clause ids are listed as properties of `controls`, each
//! titled in both languages, so the editor completes them and names the clause on hover;
//! other keys stay allowed (an unknown clause is `check`'s finding, with a suggestion).

use std::sync::OnceLock;

use fluent_syntax::ast::{Entry, PatternElement};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use super::model::CatalogFile;
use crate::reference::{Clause, IdStyle, Reference, StandardId};

/// Japanese descriptions, keyed `schema-<definition>-<field>` (`schema-root-<field>` at the
/// top level), in Fluent syntax so translators edit it as they do the other messages.
const JA: &str = include_str!("../../locales/ja/schema.ftl");

/// What the whole file is, for the editor's hover on the document.
const ROOT: &str = "A kanrisaku catalog: one cloud service's ISO/IEC 27017 controls and the whitepaper made from them.";

/// The schema's file text, as `kanrisaku schema` prints it, `schema/catalog.schema.json`
/// holds it and `init` writes it into a new workspace.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(catalog_schema()).expect("a JSON value prints");
    text.push('\n');
    text
}

/// The schema as `kanrisaku schema` prints it and `schema/catalog.schema.json` holds it.
pub fn catalog_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(build)
}

fn build() -> Value {
    // Draft 7: the newest draft VS Code's YAML extension fully supports.
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<CatalogFile>().to_value();
    let root = schema.as_object_mut().expect("a schema is an object");
    let ja = japanese();
    root.insert("title".into(), json!("kanrisaku catalog"));
    root.insert("description".into(), json!(ROOT));
    if let Some((_, text)) = ja.iter().find(|(id, _)| id == "schema-root") {
        root.insert(
            "markdownDescription".into(),
            json!(format!("{text}\n\n{ROOT}")),
        );
    }
    describe(root, "root", &ja);
    if let Some(Value::Object(defs)) = root.get_mut("definitions") {
        for (name, def) in defs.iter_mut() {
            if let Value::Object(def) = def {
                describe(def, name, &ja);
            }
        }
    }
    if let Some(Value::Object(controls)) = root
        .get_mut("properties")
        .and_then(|p| p.get_mut("controls"))
    {
        controls.insert("properties".into(), Value::Object(clause_properties()));
    }
    schema
}

/// Adds `markdownDescription` (Japanese, then English) next to every field's description.
fn describe(def: &mut Map<String, Value>, name: &str, ja: &[(String, String)]) {
    let Some(Value::Object(props)) = def.get_mut("properties") else {
        return;
    };
    for (field, prop) in props.iter_mut() {
        let Value::Object(prop) = prop else { continue };
        let Some(en) = prop.get("description").and_then(Value::as_str) else {
            continue;
        };
        let id = description_id(name, field);
        let text = match ja.iter().find(|(k, _)| *k == id) {
            Some((_, ja)) => format!("{ja}\n\n{en}"),
            None => en.to_string(),
        };
        prop.insert("markdownDescription".into(), Value::String(text));
    }
}

/// `schema-control-entry-status` for field `status` of `ControlEntry`.
pub(crate) fn description_id(definition: &str, field: &str) -> String {
    let mut id = String::from("schema-");
    for (i, c) in definition.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            id.push('-');
        }
        id.push(c.to_ascii_lowercase());
    }
    id.push('-');
    id.push_str(&field.replace('_', "-"));
    id
}

/// Every entry of `locales/ja/schema.ftl` as (id, text).
pub(crate) fn japanese() -> Vec<(String, String)> {
    let resource = fluent_syntax::parser::parse(JA).expect("locales/ja/schema.ftl parses");
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => {
                let text: String = m
                    .value
                    .as_ref()?
                    .elements
                    .iter()
                    .filter_map(|e| match e {
                        PatternElement::TextElement { value } => Some(*value),
                        PatternElement::Placeable { .. } => None,
                    })
                    .collect();
                Some((m.id.name.to_string(), text.trim().to_string()))
            }
            _ => None,
        })
        .collect()
}

/// One property per clause id a catalog may carry, in every spelling `check` reads as
/// canonical (`A.5.1.1` and `5.1.1`, `CLD.6.3.1`, 2022's `5.1`), titled in both languages.
fn clause_properties() -> Map<String, Value> {
    let reference = Reference::get();
    let mut props = Map::new();
    let mut add = |key: String, clause: &Clause, standard: &str| {
        let title = format!("{key} {} / {}", clause.title_ja, clause.title_en);
        let description = format!(
            "**{key}** {}\n\n{}\n\n({standard})",
            clause.title_ja, clause.title_en
        );
        props.entry(key).or_insert_with(|| {
            json!({
                "title": title,
                "markdownDescription": description,
                "allOf": [{ "$ref": "#/definitions/ControlEntry" }],
            })
        });
    };
    for standard in [StandardId::Iso27017_2015, StandardId::Iso27002_2013] {
        for clause in reference.standard(standard).clauses() {
            for style in [IdStyle::Annex, IdStyle::Plain] {
                add(clause.id.display(style), clause, standard.as_str());
            }
        }
    }
    for clause in reference.standard(StandardId::Iso27002_2022).clauses() {
        add(clause.id.display(IdStyle::Plain), clause, "iso27002:2022");
    }
    props
}

/// The fields of a schema definition (`root` for the file) in the order the type declares
/// them, which is how messages list them (`expected one of: status, statement, …`); the
/// schema's own maps are sorted.
pub(super) fn declared_fields(definition: &str) -> &'static [&'static str] {
    use super::model::*;
    match definition {
        "root" => fields_of::<CatalogFile>(),
        "Service" => fields_of::<Service>(),
        "Document" => fields_of::<Document>(),
        "Revision" => fields_of::<Revision>(),
        "Section" => fields_of::<Section>(),
        "Responsibility" => fields_of::<Responsibility>(),
        "Layer" => fields_of::<Layer>(),
        "ControlEntry" => fields_of::<ControlEntry>(),
        "Unplaced" => fields_of::<Unplaced>(),
        "Cover" => fields_of::<Cover>(),
        _ => &[],
    }
}

/// The field names serde's derive hands a deserializer for struct `T`, asked of a
/// deserializer that only listens.
fn fields_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(FieldProbe) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

struct FieldProbe;

#[derive(Debug)]
struct Fields(&'static [&'static str]);

impl std::fmt::Display for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fields probed")
    }
}

impl std::error::Error for Fields {}

impl serde::de::Error for Fields {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Fields(&[])
    }
}

impl<'de> serde::Deserializer<'de> for FieldProbe {
    type Error = Fields;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
        Err(Fields(&[]))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Fields> {
        Err(Fields(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every described field has its Japanese, and no Japanese entry is left over.
    #[test]
    fn every_description_in_both_languages() {
        let schema = catalog_schema();
        let mut wanted = Vec::new();
        let mut collect = |name: &str, def: &Value| {
            if let Some(Value::Object(props)) = def.get("properties") {
                for (field, prop) in props {
                    if prop.get("description").is_some() {
                        wanted.push(description_id(name, field));
                    }
                }
            }
        };
        collect("root", schema);
        for (name, def) in schema["definitions"].as_object().unwrap() {
            collect(name, def);
        }
        wanted.push("schema-root".into());
        wanted.sort();
        let mut have: Vec<String> = japanese().into_iter().map(|(id, _)| id).collect();
        have.sort();
        assert_eq!(have, wanted);
    }

    /// Every definition with properties has its declared order, naming the same fields.
    #[test]
    fn declared_order_covers_every_definition() {
        let schema = catalog_schema();
        let mut defs: Vec<(&str, &Value)> = vec![("root", schema)];
        defs.extend(
            schema["definitions"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.as_str(), v)),
        );
        for (name, def) in defs {
            let Some(props) = def.get("properties").and_then(Value::as_object) else {
                continue;
            };
            let mut declared = declared_fields(name).to_vec();
            declared.sort();
            let listed: Vec<&str> = props.keys().map(String::as_str).collect();
            assert_eq!(declared, listed, "{name}");
        }
        assert_eq!(
            declared_fields("ControlEntry")[..2],
            ["status", "statement"]
        );
    }

    #[test]
    fn clause_ids_are_titled() {
        let controls = &catalog_schema()["properties"]["controls"]["properties"];
        let title = controls["A.5.1.1"]["title"].as_str().unwrap();
        assert!(
            title.contains("Policies for information security"),
            "{title}"
        );
        assert!(controls["5.1.1"].is_object() && controls["CLD.6.3.1"].is_object());
        assert!(controls["8.24"].is_object(), "2022 ids too");
    }
}
