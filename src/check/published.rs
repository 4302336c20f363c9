//! Rules on what the published document shows and points at: every customer-visible
//! string free of placeholders, every link `http(s)`/`mailto`/`#anchor`, every image a
//! file inside the workspace. `render` enforces the same policy (`crate::safety`) on its
//! output; these rules say where in the catalog the fix belongs.

use std::path::Path;

use super::rules::{find_placeholder, locate};
use super::{Code, Message, Sink};
use crate::catalog::{Catalog, Located};
use crate::reference::ClauseId;
use crate::safety::image::Embedder;
use crate::safety::markdown::targets;
use crate::safety::url::{ImageSource, LinkTarget, link_target};

pub(super) fn check_catalog(catalog: &Catalog, workspace: Option<&Path>, sink: &mut Sink) {
    service_url(catalog, sink);
    let embedder = Embedder::for_catalog(&catalog.path, workspace);
    for (clause, field, value) in markdown_texts(catalog) {
        links_and_images(catalog, &embedder, clause, &field, value, sink);
    }
    for (field, value) in plain_texts(catalog) {
        placeholder(catalog, &field, value, sink);
    }
}

fn service_url(catalog: &Catalog, sink: &mut Sink) {
    let Some(url) = &catalog.service.url else {
        return;
    };
    let message = match link_target(&url.value) {
        Ok(LinkTarget::Web | LinkTarget::Mail) => return,
        Ok(LinkTarget::Anchor) => Message::new("unsafe-url-service-anchor"),
        Err(e) => Message::new("unsafe-url-service").arg("reason", e.to_string()),
    };
    sink.push(Code::UnsafeUrl, url.pos, None, message)
        .help(Message::new("help-unsafe-url-service"));
}

/// Markdown a customer reads: statements, justifications and section bodies.
fn markdown_texts(catalog: &Catalog) -> Vec<(Option<&ClauseId>, String, &Located<String>)> {
    let mut texts = Vec::new();
    for control in &catalog.controls {
        let entry = &control.entry;
        for (field, value) in [
            ("statement", &entry.statement),
            ("justification", &entry.justification),
        ] {
            if let Some(value) = value {
                texts.push((control.id.as_ref(), field.to_string(), value));
            }
        }
    }
    for section in catalog.all_sections() {
        let field = format!("sections[{}].body", section.id.value);
        texts.push((None, field, &section.body));
    }
    texts
}

/// Every other string a customer reads. Statements and justifications are checked for
/// placeholders with the clause rules.
fn plain_texts(catalog: &Catalog) -> Vec<(String, &Located<String>)> {
    let service = &catalog.service;
    let doc = &catalog.document;
    let mut texts = vec![
        ("service.name".to_string(), &service.name),
        ("service.provider".to_string(), &service.provider),
        ("document.title".to_string(), &doc.title),
        ("document.version".to_string(), &doc.version),
    ];
    for (i, r) in doc.revisions.iter().enumerate() {
        texts.push((format!("document.revisions[{i}].version"), &r.version));
        texts.push((format!("document.revisions[{i}].summary"), &r.summary));
    }
    for (place, lines) in [("above", &doc.cover.above), ("below", &doc.cover.below)] {
        for (i, line) in lines.iter().enumerate() {
            texts.push((format!("document.cover.{place}[{i}]"), line));
        }
    }
    for s in catalog.all_sections() {
        texts.push((format!("sections[{}].title", s.id.value), &s.title));
        texts.push((format!("sections[{}].body", s.id.value), &s.body));
    }
    if let Some(resp) = &catalog.responsibility {
        for (key, label) in &resp.parties.value.0 {
            texts.push((format!("responsibility.parties.{}", key.value), label));
        }
        for (i, layer) in resp.layers.iter().enumerate() {
            texts.push((format!("responsibility.layers[{i}].layer"), &layer.layer));
            if let Some(note) = &layer.note {
                texts.push((format!("responsibility.layers[{i}].note"), note));
            }
        }
    }
    texts
}

fn placeholder(catalog: &Catalog, field: &str, value: &Located<String>, sink: &mut Sink) {
    if let Some((at, word)) = find_placeholder(&value.value) {
        sink.push(
            Code::PlaceholderText,
            locate(catalog, value, at, word),
            None,
            super::rules::placeholder(field, word),
        )
        .help(Message::new("help-placeholder-text"));
    }
}

fn links_and_images(
    catalog: &Catalog,
    embedder: &Embedder,
    clause: Option<&ClauseId>,
    field: &str,
    value: &Located<String>,
    sink: &mut Sink,
) {
    for target in targets(&value.value) {
        let pos = locate(catalog, value, target.offset, &target.written);
        let (code, id, reason) = if !target.image {
            match link_target(&target.url) {
                Ok(_) => continue,
                Err(reason) => (Code::UnsafeUrl, "unsafe-url-link", reason.to_string()),
            }
        } else {
            match crate::safety::url::image_source(&target.url) {
                ImageSource::Remote(_) => (Code::ExternalImage, "external-image", String::new()),
                ImageSource::Unsafe(reason) => {
                    (Code::UnsafeUrl, "unsafe-url-image", reason.to_string())
                }
                ImageSource::Local(path) => match embedder.embed(&path) {
                    Ok(_) => continue,
                    Err(e) => (Code::BadImage, "bad-image", format!("`{path}` {e}")),
                },
            }
        };
        let message = Message::new(id).arg("field", field).arg("reason", reason);
        let help = match code {
            Code::UnsafeUrl if !target.image => "help-unsafe-url-link",
            _ => "help-image",
        };
        let finding = sink.push(code, pos, clause, message);
        if code != Code::BadImage {
            finding.help(Message::new(help));
        }
    }
}
