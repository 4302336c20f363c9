//! Rules on what the published document shows and points at: every customer-visible
//! string free of placeholders, every link `http(s)`/`mailto`/`#anchor`, every image a
//! file inside the workspace. `render` enforces the same policy (`crate::safety`) on its
//! output; these rules say where in the catalog the fix belongs.

use std::path::Path;

use super::placeholder::find_placeholder;
use super::rules::locate;
use super::{Code, Message, Sink};
use crate::catalog::{Catalog, Located};
use crate::input::Size;
use crate::reference::ClauseId;
use crate::safety::image::{Embedder, ImageError, MAX_DOCUMENT_IMAGE_BYTES};
use crate::safety::markdown::targets;
use crate::safety::url::{ImageSource, LinkTarget, UnsafeUrl, link_target};

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
        Err(e) => Message::new("unsafe-url-service").arg("reason", url_reason(&e)),
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
                Err(reason) => (
                    Code::UnsafeUrl,
                    "unsafe-url-link",
                    Some(url_reason(&reason)),
                ),
            }
        } else {
            match crate::safety::url::image_source(&target.url) {
                ImageSource::Remote(_) => (Code::ExternalImage, "external-image", None),
                ImageSource::Unsafe(reason) => (
                    Code::UnsafeUrl,
                    "unsafe-url-image",
                    Some(url_reason(&reason)),
                ),
                ImageSource::Local(path) => match embedder.embed(&path) {
                    Ok(_) => continue,
                    Err(e) => (Code::BadImage, "bad-image", Some(image_reason(&path, &e))),
                },
            }
        };
        let mut message = Message::new(id).arg("field", field);
        if let Some(reason) = reason {
            message = message.arg("reason", reason);
        }
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

/// Why a URL may not be published, as words chosen at output.
fn url_reason(e: &UnsafeUrl) -> Message {
    match e {
        UnsafeUrl::Empty => Message::new("reason-url-empty"),
        UnsafeUrl::Scheme(scheme) => {
            Message::new("reason-url-scheme").arg("scheme", scheme.as_str())
        }
        UnsafeUrl::Relative => Message::new("reason-url-relative"),
        UnsafeUrl::ProtocolRelative => Message::new("reason-url-protocol-relative"),
        UnsafeUrl::NoHost => Message::new("reason-url-no-host"),
    }
}

/// Why the image `path` (as written) cannot be embedded, as words chosen at output.
fn image_reason(path: &str, e: &ImageError) -> Message {
    let reason = match e {
        ImageError::Absolute { root } => {
            Message::new("reason-image-absolute").arg("root", root.display().to_string())
        }
        ImageError::Outside { root } => {
            Message::new("reason-image-outside").arg("root", root.display().to_string())
        }
        ImageError::Read(e) => Message::new("reason-image-read").arg("detail", e.to_string()),
        ImageError::Svg => Message::new("reason-image-svg"),
        ImageError::NotImage => Message::new("reason-image-not-image"),
        ImageError::TooMuch => Message::new("reason-image-too-much")
            .arg("limit", Size(MAX_DOCUMENT_IMAGE_BYTES).to_string()),
    };
    Message::new("reason-image")
        .arg("path", path)
        .arg("reason", reason)
}

/// Whether checking `catalog` may read other files: an image (`![..](..)`) or any HTML in
/// its Markdown, which is where embedded files come from. Conservative on purpose: a
/// `true` only costs the result cache one catalog.
pub(super) fn may_read_files(catalog: &Catalog) -> bool {
    markdown_texts(catalog)
        .iter()
        .any(|(_, _, text)| text.value.contains("![") || text.value.contains('<'))
}
