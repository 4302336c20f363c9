//! Every problem of a catalog that did not load, each at its own line and column.
//!
//! Typed deserialisation stops at the first problem, so an author would fix, re-run and
//! fix the next. When it fails, the file is read again as an untyped tree
//! ([`super::tree`]) and walked against the catalog's JSON Schema (generated from the same
//! types), which finds every unknown field, missing field, wrong kind of value, unknown
//! word and bad date in one pass. A tab or a full-width space in the indentation is named
//! as such: the parser sees only the structure it breaks.

use serde_json::Value;

use super::load::{Problem, did_you_mean};
use super::model::{Date, Pos};
use super::schema::{catalog_schema, declared_fields};
use super::tree::{self, Kind, Node, Shape};
use crate::reference::Lang;
use crate::t;

/// What the schema finds wrong in `source`; empty when the file is no readable YAML tree
/// or the schema sees nothing wrong (the typed loader's error then stands alone).
pub(super) fn in_schema(source: &str, lang: Lang) -> Vec<Problem> {
    let Some(tree) = tree::parse(source) else {
        return Vec::new();
    };
    let schema = catalog_schema();
    let mut walk = Walk {
        root: schema,
        lang,
        found: Vec::new(),
        indentation: Vec::new(),
    };
    walk.node(schema, &tree);
    // A key indented with a full-width space or a tab breaks the structure around it:
    // what else the walk found follows from that, so only the indentation is named.
    let mut found = if walk.indentation.is_empty() {
        walk.found
    } else {
        walk.indentation
    };
    found.sort_by_key(|p| p.pos);
    found.dedup();
    found
}

/// A tab or full-width space in the indentation of line `line`, the next or the one
/// before: the cause of a syntax error the parser reports around such a line.
pub(super) fn indentation(source: &str, line: u32, lang: Lang) -> Option<Problem> {
    let near: Vec<&str> = source
        .lines()
        .skip(line.saturating_sub(2) as usize)
        .take(3)
        .collect();
    let first = line.saturating_sub(1).max(1);
    // The error's own line first, then the next, then the one before.
    let order = [line, line + 1, line.saturating_sub(1)];
    order.into_iter().filter(|n| *n >= first).find_map(|n| {
        let text = near.get((n - first) as usize)?;
        let (column, c) = text
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
            .zip(1u32..)
            .find(|(c, _)| *c != ' ')
            .map(|(c, col)| (col, c))?;
        Some(indent_problem(Pos { line: n, column }, c, lang))
    })
}

fn indent_problem(pos: Pos, c: char, lang: Lang) -> Problem {
    let id = if c == '\t' {
        "load-tab-indent"
    } else {
        "load-fullwidth-indent"
    };
    Problem {
        pos,
        message: t!(lang, id),
        first: None,
    }
}

struct Walk<'s> {
    root: &'s Value,
    lang: Lang,
    found: Vec<Problem>,
    /// Keys indented with a full-width space or a tab.
    indentation: Vec<Problem>,
}

impl<'s> Walk<'s> {
    /// Check `node` against `schema`.
    fn node(&mut self, schema: &'s Value, node: &Node) {
        let (name, schema) = self.resolve(schema);
        if node.shape() == Shape::Alias {
            return;
        }
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.node(part, node);
        }
        if let Some(words) = words(schema) {
            return self.word(&words, node);
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            return self.any_of(branches, node);
        }
        if let Some(types) = types(schema)
            && !types.iter().any(|t| accepts(t, node.shape()))
        {
            return self.mismatch(&types, node);
        }
        match &node.kind {
            Kind::Map(entries) => self.mapping(name, schema, node.pos, entries),
            Kind::Seq(items) => {
                if let Some(each) = schema.get("items") {
                    for item in items {
                        self.node(each, item);
                    }
                }
            }
            Kind::Scalar { text, .. } => self.scalar(schema, node, text),
            Kind::Alias => {}
        }
    }

    /// The schema a `$ref` points to, with its definition's name (`root` for the file).
    fn resolve(&self, mut schema: &'s Value) -> (&'s str, &'s Value) {
        let mut name = if std::ptr::eq(schema, self.root) {
            "root"
        } else {
            ""
        };
        for _ in 0..8 {
            let Some(target) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/definitions/"))
            else {
                break;
            };
            name = target;
            schema = &self.root["definitions"][target];
        }
        (name, schema)
    }

    /// The first branch that takes this kind of value decides (`Option<T>` is `T` or
    /// null; owners are a key or a list of keys).
    fn any_of(&mut self, branches: &'s [Value], node: &Node) {
        let fits = |b: &&'s Value| {
            types(self.resolve(b).1).is_none_or(|t| t.iter().any(|t| accepts(t, node.shape())))
        };
        match branches.iter().find(fits) {
            Some(branch) => self.node(branch, node),
            None => {
                let types: Vec<&str> = branches
                    .iter()
                    .filter_map(|b| types(self.resolve(b).1))
                    .flatten()
                    .collect();
                self.mismatch(&types, node)
            }
        }
    }

    fn mapping(&mut self, definition: &str, schema: &'s Value, pos: Pos, entries: &[(Node, Node)]) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let others = schema.get("additionalProperties");
        if entries.iter().any(|(k, _)| k.text() == Some("<<")) {
            // A merge key brings fields this tree does not expand: the typed loader judges.
            return;
        }
        let known = declared_fields(definition);
        // A misspelt required field is one problem, not also a missing one.
        let mut suggested = Vec::new();
        for (key, value) in entries {
            let Some(name) = key.text() else { continue };
            if let Some(c) = name
                .chars()
                .next()
                .filter(|c| matches!(c, '\t' | '\u{3000}'))
            {
                self.indentation.push(indent_problem(key.pos, c, self.lang));
                continue;
            }
            match (properties.and_then(|p| p.get(name)), others) {
                (Some(field), _) => self.node(field, value),
                (None, Some(Value::Bool(false))) => {
                    suggested.extend(did_you_mean(name, known.iter().copied()));
                    self.report(key.pos, unknown(self.lang, "field", name, known));
                }
                (None, Some(other)) => self.node(other, value),
                (None, None) => {}
            }
        }
        let required = schema.get("required").and_then(Value::as_array);
        for field in required.into_iter().flatten().filter_map(Value::as_str) {
            let written = entries.iter().any(|(k, _)| k.text() == Some(field));
            if !written && !suggested.contains(&field) {
                let message = self.missing(field, pos, entries.first().map(|(k, _)| k));
                self.report(pos, message);
            }
        }
    }

    fn missing(&self, field: &str, pos: Pos, sibling: Option<&Node>) -> String {
        match sibling.and_then(Node::text) {
            None => t!(self.lang, "load-missing-field-empty", field = field),
            Some(sibling) if pos.column == 1 => t!(
                self.lang,
                "load-missing-field-top",
                field = field,
                sibling = sibling
            ),
            Some(sibling) => t!(
                self.lang,
                "load-missing-field",
                field = field,
                sibling = sibling
            ),
        }
    }

    fn scalar(&mut self, schema: &Value, node: &Node, text: &str) {
        if schema.get("format").and_then(Value::as_str) == Some("date")
            && node.shape() != Shape::Null
            && text.parse::<Date>().is_err()
        {
            let message = t!(self.lang, "load-invalid-date", value = text);
            self.report(node.pos, message);
        }
    }

    /// A value that must be one of a few words (`status`, `language`, `standard`).
    fn word(&mut self, words: &[&str], node: &Node) {
        match node.text() {
            Some(text) if node.shape() != Shape::Null && !words.contains(&text) => {
                let message = unknown(self.lang, "value", text, words);
                self.report(node.pos, message);
            }
            _ => {}
        }
    }

    fn mismatch(&mut self, types: &[&str], node: &Node) {
        let lang = self.lang;
        let expected: Vec<String> = types
            .iter()
            .filter(|t| **t != "null")
            .map(|t| kind_words(lang, t))
            .collect();
        let expected = match expected.as_slice() {
            [one] => one.clone(),
            [first, second, ..] => t!(lang, "load-kind-or", first = first, second = second),
            [] => t!(lang, "load-kind-value"),
        };
        let message = match (node.shape(), &node.kind) {
            (Shape::Null, _) if types == ["string"] => t!(lang, "load-expected-text-found-nothing"),
            (Shape::Null, _) => t!(lang, "load-expected-found-nothing", expected = expected),
            (Shape::List | Shape::Mapping, _)
                if types.iter().all(|t| matches!(*t, "string" | "null")) =>
            {
                t!(lang, "load-expected-text-found-structure")
            }
            (_, kind) => {
                let found = match kind {
                    Kind::Map(_) => t!(lang, "load-found-mapping"),
                    Kind::Seq(_) => t!(lang, "load-found-list"),
                    _ => t!(lang, "load-found-value", value = shorten(node.text())),
                };
                t!(lang, "load-expected", expected = expected, found = found)
            }
        };
        self.report(node.pos, message);
    }

    fn report(&mut self, pos: Pos, message: String) {
        self.found.push(Problem {
            pos,
            message,
            first: None,
        });
    }
}

/// `unknown field `x`; expected one of: …`, with the likely word where there is one.
fn unknown(lang: Lang, what: &str, got: &str, expected: &[&str]) -> String {
    let message = match (what, expected.is_empty()) {
        ("field", true) => t!(lang, "load-unknown-field-none", field = got),
        ("field", false) => t!(
            lang,
            "load-unknown-field",
            field = got,
            expected = expected.join(", ")
        ),
        _ => t!(
            lang,
            "load-unknown-value",
            value = got,
            expected = expected.join(", ")
        ),
    };
    match did_you_mean(got, expected.iter().copied()) {
        Some(best) => t!(
            lang,
            "load-did-you-mean",
            message = message,
            suggestion = best
        ),
        None => message,
    }
}

/// The few words a value must be one of: an `enum`, or `oneOf` constants (schemars' form
/// for enum variants with descriptions).
fn words(schema: &Value) -> Option<Vec<&str>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().map(Value::as_str).collect();
    }
    let branches = schema.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|b| b.get("const").and_then(Value::as_str))
        .collect()
}

fn types(schema: &Value) -> Option<Vec<&str>> {
    match schema.get("type")? {
        Value::String(t) => Some(vec![t.as_str()]),
        Value::Array(ts) => ts.iter().map(Value::as_str).collect(),
        _ => None,
    }
}

/// Whether a value of this shape is read as the JSON type: serde-saphyr reads any
/// unquoted word or number as text where text is expected.
fn accepts(json_type: &str, shape: Shape) -> bool {
    match shape {
        Shape::Null => json_type == "null",
        Shape::Alias => true,
        Shape::Bool => matches!(json_type, "boolean" | "string"),
        Shape::Integer => matches!(json_type, "integer" | "number" | "string"),
        Shape::Float => matches!(json_type, "number" | "string"),
        Shape::Text => json_type == "string",
        Shape::List => json_type == "array",
        Shape::Mapping => json_type == "object",
    }
}

fn kind_words(lang: Lang, json_type: &str) -> String {
    let id = match json_type {
        "object" => "load-kind-mapping",
        "array" => "load-kind-list",
        "string" => "load-kind-text",
        "integer" => "load-kind-integer",
        "number" => "load-kind-number",
        "boolean" => "load-kind-bool",
        _ => "load-kind-value",
    };
    t!(lang, id)
}

/// A found value as quoted in a message: its first line, at most 40 characters.
fn shorten(text: Option<&str>) -> String {
    let line = text.unwrap_or_default().lines().next().unwrap_or_default();
    let mut short: String = line.chars().take(40).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk agrees with the typed loader on every catalog that loads: it finds nothing.
    #[test]
    fn nothing_to_say_about_catalogs_that_load() {
        for path in [
            "examples/tsumiki-cloud.ja.yaml",
            "examples/tsumiki-cloud.en.yaml",
            "tests/fixtures/rules.yaml",
            "tests/fixtures/warnings.yaml",
        ] {
            let text = std::fs::read_to_string(path).unwrap();
            assert_eq!(in_schema(&text, Lang::En), [], "{path}");
        }
    }

    #[test]
    fn merged_mappings_are_left_to_the_typed_loader() {
        let text = "kanrisaku: 1\nbase: &b {name: n, provider: p}\nservice:\n  <<: *b\n  id: x\n";
        let found = in_schema(text, Lang::En);
        assert_eq!(found.len(), 2, "{found:?}"); // `base` unknown, `document` missing
        assert!(
            found.iter().all(|p| !p.message.contains("`name`")),
            "{found:?}"
        );
    }

    #[test]
    fn indentation_is_looked_for_around_the_error() {
        let text = "a:\n  b: 1\n\tc: 2\n";
        let found = indentation(text, 2, Lang::En).unwrap();
        assert_eq!(found.pos, Pos { line: 3, column: 1 });
        assert!(indentation("a:\n  b: 1\n", 2, Lang::En).is_none());
        assert!(indentation("", 0, Lang::En).is_none());
    }
}
