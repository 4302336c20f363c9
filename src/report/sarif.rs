//! SARIF 2.1.0 for code-scanning upload. Only the parts we fill are modelled; the
//! integration tests validate the output against the official schema.
//! (serde-sarif models all of SARIF but generates its types in a heavy build script.)

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::check::{CheckReport, Code, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    /// Places that explain the finding: a duplicate's first occurrence, the other catalog.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
struct Properties<'a> {
    clause: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    clause_id: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn location(path: &std::path::Path, line: u32, column: u32) -> Location {
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: super::uri(path),
            },
            region: Region {
                start_line: line.max(1),
                start_column: column.max(1),
            },
        },
        message: None,
    }
}

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> Result<()> {
    let lang = report.lang;
    let rules = Code::ALL
        .iter()
        .map(|code| Rule {
            id: code.as_str(),
            short_description: Text {
                text: code.summary(lang),
            },
            default_configuration: Configuration {
                level: level(code.severity()),
            },
        })
        .collect();
    let results = report
        .findings
        .iter()
        .map(|f| {
            let text = f.text(f.lang);
            SarifResult {
                rule_id: f.code.as_str(),
                rule_index: Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0),
                level: level(f.severity),
                message: Text {
                    text: match f.shown() {
                        Some(clause) => format!("{clause}: {text}"),
                        None => text,
                    },
                },
                locations: vec![location(&f.path, f.line, f.column)],
                related_locations: f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Location {
                        id: Some(i),
                        message: Some(Text {
                            text: r.label.text(f.lang),
                        }),
                        ..location(&r.path, r.line, r.column)
                    })
                    .collect(),
                properties: f.shown().map(|clause| Properties {
                    clause,
                    clause_id: f.clause().map(|id| id.as_str()),
                }),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "kanrisaku",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)?;
    Ok(())
}
