//! Built-in templates, embedded in the binary and overridable by name from a directory,
//! the way Zola lets a site override a theme's templates.
//!
//! Templates are compiled twice, once per output language, because Tera has one escape
//! function per instance: `.html` templates escape `{{ }}` output for HTML, `.md` templates
//! for Markdown ([`escape_markdown`]), so a custom Markdown template publishes catalog text
//! as text, never as raw HTML or links. Both see `embed(path=...)`, which inlines an image
//! from the template directory as a `data:` URI (the same rules as images in statements).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result, anyhow, bail};
use tera::{ErrorKind, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::i18n::UserMessages;
use crate::input::{self, Limit};
use crate::reference::Lang;
use crate::safety::image::Embedder;

/// Files `templates export` writes: the templates (the whitepaper's and the diff's), their
/// labels and their documentation.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "whitepaper.html",
        include_str!("../../templates/whitepaper.html"),
    ),
    (
        "whitepaper.md",
        include_str!("../../templates/whitepaper.md"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    ("clause.html", include_str!("../../templates/clause.html")),
    (
        "audit-panel.html",
        include_str!("../../templates/audit-panel.html"),
    ),
    (
        "audit-panel.md",
        include_str!("../../templates/audit-panel.md"),
    ),
    ("audit.css", include_str!("../../templates/audit.css")),
    ("diff.html", include_str!("../../templates/diff.html")),
    ("diff.md", include_str!("../../templates/diff.md")),
    ("diff.css", include_str!("../../templates/diff.css")),
    (
        "coverage.html",
        include_str!("../../templates/coverage.html"),
    ),
    ("coverage.md", include_str!("../../templates/coverage.md")),
    ("coverage.css", include_str!("../../templates/coverage.css")),
    (
        "site/base.html",
        include_str!("../../templates/site/base.html"),
    ),
    (
        "site/index.html",
        include_str!("../../templates/site/index.html"),
    ),
    (
        "site/service.html",
        include_str!("../../templates/site/service.html"),
    ),
    (
        "site/changes.html",
        include_str!("../../templates/site/changes.html"),
    ),
    (
        "site/documents.html",
        include_str!("../../templates/site/documents.html"),
    ),
    (
        "site/notices.html",
        include_str!("../../templates/site/notices.html"),
    ),
    (
        "site/style.css",
        include_str!("../../templates/site/style.css"),
    ),
    ("i18n/ja.ftl", include_str!("../../locales/ja/labels.ftl")),
    ("i18n/en.ftl", include_str!("../../locales/en/labels.ftl")),
    ("README.md", include_str!("../../templates/README.md")),
];

/// The main template of the built-in whitepaper.
pub const DEFAULT_NAME: &str = "whitepaper";

/// Templates and label files are written by people; a larger file is not one of them.
const TEMPLATE_LIMIT: Limit = Limit {
    bytes: 1024 * 1024,
    what: "a template or label file",
    advice: "is this the right directory?",
};

const TEMPLATE_EXTENSIONS: &[&str] = &["html", "md", "css", "txt", "tera"];

/// Compiled templates and labels, built-ins overridden by a user directory.
pub struct TemplateSet {
    /// Escapes for HTML (`.html`, `.htm`, `.xml`).
    tera: Tera,
    /// The same templates, escaping for Markdown (`.md`).
    tera_md: Tera,
    /// `embed()`'s images, from the template directory; none for the built-ins alone.
    images: Option<Arc<Embedder>>,
    /// A template directory's labels, per language, over the built-in `label-*` messages.
    labels: BTreeMap<&'static str, UserLabels>,
    /// Template name → where it came from, for error messages.
    origins: BTreeMap<String, String>,
    /// Whether a Markdown template reads the HTML of statements (`statement_html`, …):
    /// the built-ins do not, so a Markdown render converts nothing to HTML.
    md_reads_html: bool,
    /// Whether an HTML template reads their inert Markdown (`statement_md`, …): the
    /// built-ins do not, so an HTML render rewrites no Markdown.
    html_reads_md: bool,
    /// [`TemplateSet::labels`] made so far, by language and standard title.
    made_labels: Mutex<HashMap<(Lang, String), Arc<toml::Table>>>,
}

impl TemplateSet {
    pub fn load(dir: Option<&Path>) -> Result<TemplateSet> {
        let mut sources: BTreeMap<String, (String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (text.to_string(), format!("templates/{name} (built-in)")),
                )
            })
            .collect();
        let mut labels: BTreeMap<&'static str, UserLabels> = BTreeMap::new();
        if let Some(dir) = dir {
            for (name, path) in user_files(dir)? {
                let text =
                    input::read_text_bounded(&path, TEMPLATE_LIMIT).map_err(|e| e.at(&path))?;
                let origin = path.display().to_string();
                for lang in [Lang::Ja, Lang::En] {
                    // A user's label file overrides the built-in labels it names.
                    let user = labels.entry(lang.as_str()).or_default();
                    if name == format!("i18n/{}.ftl", lang.as_str()) {
                        user.ftl = Some(UserMessages::parse(lang, &text, &origin)?);
                    } else if name == format!("i18n/{}.toml", lang.as_str()) {
                        user.toml = parse_labels(&text, &origin)?;
                    }
                }
                sources.insert(name, (text, origin));
            }
        }
        // Every built-in also as `builtin/NAME`, after the user's files so that it stays
        // reachable: an override can `{% extends "builtin/diff.html" %}` and replace one block.
        for (name, text) in BUILTIN.iter().filter(|(name, _)| is_template(name)) {
            let origin = format!("templates/{name} (built-in)");
            sources.insert(format!("builtin/{name}"), (text.to_string(), origin));
        }
        let origins: BTreeMap<String, String> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let templates: Vec<(String, String)> = sources
            .into_iter()
            .filter(|(name, _)| is_template(name))
            .map(|(name, (text, _))| (name, text))
            .collect();
        let md_reads_html = templates
            .iter()
            .any(|(name, text)| !name.ends_with(".html") && text.contains("_html"));
        let html_reads_md = templates
            .iter()
            .any(|(name, text)| !name.ends_with(".md") && text.contains("_md"));
        let images = dir.map(|d| Arc::new(Embedder::for_templates(d)));
        let mut tera = Tera::new();
        tera.register_filter("md_cell", md_cell);
        tera.register_filter("md_url", md_url);
        let embedder = images.clone();
        tera.register_function("embed", move |kwargs: Kwargs, _: &State| {
            embed(embedder.as_deref(), &kwargs)
        });
        tera.add_raw_templates(templates)
            .map_err(|e| describe(&origins, &e))?;
        let mut tera_md = tera.clone();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        tera_md.autoescape_on([".md"]);
        tera_md.set_escape_fn(escape_markdown);
        Ok(TemplateSet {
            tera,
            tera_md,
            images,
            labels,
            origins,
            md_reads_html,
            html_reads_md,
            made_labels: Mutex::default(),
        })
    }

    /// Whether a Markdown document from these templates may show statements' HTML.
    pub fn md_reads_html(&self) -> bool {
        self.md_reads_html
    }

    /// Whether an HTML document from these templates may show statements' inert Markdown.
    pub fn html_reads_md(&self) -> bool {
        self.html_reads_md
    }

    /// The labels for `lang` (`t.<key>`): the built-in `label-<key>` messages, then the
    /// template directory's `i18n/<lang>.ftl`, then an older `i18n/<lang>.toml` (still
    /// read, key for key). `standard` fills `{ $standard }`.
    pub fn labels(&self, lang: Lang, standard: &str) -> Arc<toml::Table> {
        // Formatting the messages cost more than a small document's own text: once per
        // language and standard, then shared (a copy per document was 180 allocations).
        let mut made = self.made_labels.lock().unwrap_or_else(|e| e.into_inner());
        made.entry((lang, standard.to_string()))
            .or_insert_with(|| Arc::new(self.make_labels(lang, standard)))
            .clone()
    }

    fn make_labels(&self, lang: Lang, standard: &str) -> toml::Table {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("standard", standard);
        let mut table = toml::Table::new();
        let user = self.labels.get(lang.as_str());
        let ftl = user
            .and_then(|u| u.ftl.as_ref())
            .map(|m| m.with_prefix(LABEL, &args))
            .unwrap_or_default();
        for (key, text) in crate::i18n::with_prefix(lang, LABEL, &args)
            .into_iter()
            .chain(ftl)
        {
            table.insert(key.replace('-', "_"), toml::Value::String(text));
        }
        if let Some(user) = user {
            table.extend(user.toml.clone());
        }
        table
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Where a template came from (`templates/whitepaper.html (built-in)` or its path).
    pub fn origin<'a>(&'a self, name: &'a str) -> &'a str {
        self.origins.get(name).map_or(name, String::as_str)
    }

    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String> {
        let mut out = Vec::new();
        self.render_to(name, context, &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    /// [`render`](Self::render) appending to `out`, as the engine writes it (UTF-8).
    pub fn render_to(
        &self,
        name: &str,
        context: &impl serde::Serialize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let context =
            tera::Context::from_serialize(context).map_err(|e| describe(&self.origins, &e))?;
        if let Some(images) = &self.images {
            images.start_document();
        }
        let tera = if name.ends_with(".md") {
            &self.tera_md
        } else {
            &self.tera
        };
        tera.render_to(name, &context, out)
            .map_err(|e| describe(&self.origins, &e))
    }
}

/// `{{ x }}` in a Markdown template: the text shows as written and can become nothing
/// else — no raw HTML, no link, image, heading or emphasis syntax, no table cell break, and
/// no `{{`/`{%` for a site generator's template engine. Numeric character references, not
/// backslashes: every Markdown processor shows them as the character, while backslash
/// escapes differ between processors (Python-Markdown keeps `\<` as `\` and a tag).
pub(crate) fn escape_markdown(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '<' | '>' | '&' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '{' | '}' => {
                write!(out, "&#{};", u32::from(c))?
            }
            _ => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// Text for a Markdown table cell: escaped as `{{ }}` is, line breaks as `<br>`.
fn md_cell(text: &str, _: Kwargs, _: &State) -> Value {
    let mut escaped = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = escape_markdown(text.trim(), &mut escaped);
    let escaped = String::from_utf8_lossy(&escaped)
        .replace("\r\n", "<br>")
        .replace('\n', "<br>");
    Value::safe_string(&escaped)
}

/// A URL for a Markdown autolink (`<{{ url | md_url }}>`): the characters an autolink
/// cannot hold (and quotes) are percent-encoded. Which URLs may be published is `render`'s
/// check.
fn md_url(url: &str, _: Kwargs, _: &State) -> Value {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\' | '\u{7f}') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Value::safe_string(&out)
}

/// `{{ embed(path="logo.png") }}`: an image from the template directory as a `data:` URI.
fn embed(images: Option<&Embedder>, kwargs: &Kwargs) -> tera::TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
    let Some(images) = images else {
        return Err(tera::Error::message(format!(
            "embed(path=\"{path}\"): images come from a template directory; give one with --template DIR"
        )));
    };
    match images.embed(path) {
        Ok(uri) => Ok(Value::safe_string(&uri)),
        Err(e) => Err(tera::Error::message(format!(
            "embed(path=\"{path}\"): `{path}` {e}"
        ))),
    }
}

/// The prefix of label message ids: `label-revision-history` is `t.revision_history`.
const LABEL: &str = "label-";

#[derive(Default)]
struct UserLabels {
    ftl: Option<UserMessages>,
    toml: toml::Table,
}

fn parse_labels(text: &str, origin: &str) -> Result<toml::Table> {
    toml::from_str(text).map_err(|e| anyhow!("{origin}: {}", e.message().trim()))
}

/// A Tera error as one line: `template origin:line:column: message`.
fn describe(origins: &BTreeMap<String, String>, err: &tera::Error) -> anyhow::Error {
    match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let origin = origins
                .get(r.filename())
                .map_or(r.filename(), String::as_str);
            let span = r.span();
            anyhow!(
                "template {origin}:{}:{}: {}",
                span.start_line,
                span.start_col,
                r.message()
            )
        }
        _ => {
            let text = err.to_string();
            if let Some(line) = first_report(&text, origins) {
                return anyhow!(line);
            }
            let mut msg = format!(
                "template error: {}",
                text.lines().next().unwrap_or_default()
            );
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            anyhow!(msg)
        }
    }
}

/// Tera reports validation errors (unknown filters, tests, functions) as rendered text:
/// `error: MESSAGE` then ` --> NAME:LINE:COL`. Take the first one as a single line.
fn first_report(text: &str, origins: &BTreeMap<String, String>) -> Option<String> {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(message) = line.trim().strip_prefix("error: ") else {
            continue;
        };
        let at = lines.next()?.trim().strip_prefix("--> ")?;
        let (name, pos) = at.split_once(':')?;
        let origin = origins.get(name).map_or(name, String::as_str);
        let more = text.matches("\nerror: ").count() + usize::from(text.starts_with("error: ")) - 1;
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        return Some(format!("template {origin}:{pos}: {message}{more}"));
    }
    None
}

fn is_template(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e))
        && name != "README.md"
}

/// Files of an override directory, by their name relative to it.
pub(crate) fn user_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        bail!("{}: not a template directory", dir.display());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("{}: cannot walk", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        let wanted = is_template(&name)
            || (name.starts_with("i18n/") && (name.ends_with(".ftl") || name.ends_with(".toml")));
        if wanted {
            files.push((name, entry.into_path()));
        }
    }
    Ok(files)
}

/// Write the built-in templates to `dir` for authors to start from: all of them or none
/// (a full disk must not leave half a template set), and nothing overwritten without `force`.
pub fn export(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let files: Vec<(PathBuf, &[u8])> = BUILTIN
        .iter()
        .map(|(name, text)| (dir.join(name), text.as_bytes()))
        .collect();
    for (path, _) in &files {
        if path.exists() && !force {
            bail!(
                "{}: already exists; pass --force to overwrite",
                path.display()
            );
        }
    }
    crate::output::write_all_or_nothing(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
