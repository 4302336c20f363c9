//! `render`: a catalog → the customer-facing whitepaper (Markdown, HTML, PDF).
//!
//! catalog + findings → [`context`] (everything pre-formatted) → Tera template
//! ([`templates`]) → [`guard`] (nothing runs, nothing loads) → text; PDF prints that HTML
//! with Chromium ([`pdf`]).

pub mod audit;
pub mod context;
pub mod guard;
pub mod markdown;
pub mod pdf;
mod plain;
pub mod templates;
pub mod toc_pages;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, bail};

use crate::catalog::Catalog;
use crate::check::Finding;
use crate::output::{Plan, PlanError};
use crate::reference::Lang;
pub use audit::{Audience, AuditOptions};
pub use context::Edition;
pub use templates::TemplateSet;

/// Output formats of `render`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    #[default]
    Html,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// `render --out-dir DIR`: each catalog's document as `DIR/<service>.<lang>.<ext>` (the
/// audit and NDA editions `<service>.<lang>.audit.<ext>`, `….nda.<ext>`), planned in `plan` (which already holds
/// the inputs), so a path two catalogs share is refused before anything is written.
pub fn plan_out_dir(
    plan: &mut Plan,
    dir: &Path,
    catalogs: &[Catalog],
    lang: Option<Lang>,
    format: Format,
    audience: Audience,
) -> Result<Vec<PathBuf>, PlanError> {
    catalogs
        .iter()
        .map(|c| {
            let lang = lang.unwrap_or(c.document.language);
            let path = out_dir_file(dir, &c.service.id.value, lang, format, audience);
            plan.output(&path, &c.path)?;
            Ok(path)
        })
        .collect()
}

/// The file in `--out-dir` for `service`'s document in `lang` (see [`plan_out_dir`]).
pub fn out_dir_file(
    dir: &Path,
    service: &str,
    lang: Lang,
    format: Format,
    audience: Audience,
) -> PathBuf {
    let mark = audience
        .file_mark()
        .map(|m| format!(".{m}"))
        .unwrap_or_default();
    dir.join(format!(
        "{service}.{}{mark}.{}",
        lang.as_str(),
        format.extension()
    ))
}

/// Options the built-in templates read, with their defaults (`--set key=value`).
pub const DEFAULT_OPTIONS: &[(&str, bool)] = &[
    // Headings for each 27002 clause and category above the controls ("9 アクセス制御", "9.2 ...").
    ("group_headings", false),
];

/// Templates plus the choices that apply to every catalog rendered with them.
pub struct Renderer {
    templates: TemplateSet,
    main: String,
    options: BTreeMap<String, toml::Value>,
    /// The directory of the `kanrisaku.toml` in force: statements' images may come from it.
    workspace: Option<PathBuf>,
    /// The length of the longest document rendered so far, plus some.
    largest: AtomicUsize,
}

impl Renderer {
    /// `template` is a directory of overrides, or the name of the main template.
    pub fn new(template: Option<&str>, given: BTreeMap<String, toml::Value>) -> Result<Renderer> {
        let mut options: BTreeMap<String, toml::Value> = DEFAULT_OPTIONS
            .iter()
            .map(|(k, v)| (k.to_string(), toml::Value::Boolean(*v)))
            .collect();
        options.extend(given);
        let (dir, main) = match template {
            Some(t) if Path::new(t).is_dir() => {
                (Some(Path::new(t)), templates::DEFAULT_NAME.to_string())
            }
            Some(t) => (None, t.to_string()),
            None => (None, templates::DEFAULT_NAME.to_string()),
        };
        let templates = TemplateSet::load(dir)?;
        if !templates.has(&format!("{main}.html")) && !templates.has(&format!("{main}.md")) {
            bail!(
                "no template `{main}`: give a directory of templates or the name of one (built-in: {})",
                templates::DEFAULT_NAME
            );
        }
        Ok(Renderer {
            templates,
            main,
            options,
            workspace: None,
            largest: AtomicUsize::new(0),
        })
    }

    /// Take statements' images from anywhere in `root` (the `kanrisaku.toml` directory),
    /// not only from each catalog's own directory.
    pub fn with_workspace(mut self, root: Option<PathBuf>) -> Renderer {
        self.workspace = root;
        self
    }

    /// Render one catalog as Markdown or HTML (PDF prints the HTML): the document's bytes,
    /// UTF-8.
    pub fn render(
        &self,
        catalog: &Catalog,
        format: Format,
        lang: Option<Lang>,
        edition: Edition,
        findings: &[&Finding],
    ) -> Result<Vec<u8>> {
        let lang = lang.unwrap_or(catalog.document.language);
        let context = context::build(
            catalog,
            lang,
            &self.templates,
            &self.options,
            edition,
            findings,
            self.workspace.as_deref(),
            context::Forms {
                html: format != Format::Md || self.templates.md_reads_html(),
                markdown: format == Format::Md || self.templates.html_reads_md(),
            },
        );
        let ext = match format {
            Format::Md => "md",
            Format::Html | Format::Pdf => "html",
        };
        let name = format!("{}.{ext}", self.main);
        if !self.templates.has(&name) {
            bail!("no template `{name}` for this format");
        }
        // Room for a document like the largest so far: growing the buffer by doubling
        // copied each document several times over.
        let mut text = Vec::with_capacity(self.largest.load(Ordering::Relaxed));
        self.templates.render_to(&name, &context, &mut text)?;
        self.largest.fetch_max(text.len() + 1024, Ordering::Relaxed);
        let origin = self.templates.origin(&name);
        if let Some(name) = edition.audience().file_mark() {
            require_visible_mark(&text, format, &context.t, origin, name)?;
        }
        Ok(match format {
            Format::Md => {
                let text = tidy_markdown(simdutf8::basic::from_utf8(&text)?);
                guard::markdown(&text, origin)?;
                text.into_bytes()
            }
            Format::Html | Format::Pdf => guard::html_bytes(text, origin)?,
        })
    }
}

/// An audit or NDA edition must say so: a custom template written before that edition
/// existed would otherwise print internal or confidential text under no banner at all.
fn require_visible_mark(
    text: &[u8],
    format: Format,
    labels: &toml::Table,
    origin: &str,
    edition: &str,
) -> Result<()> {
    let key = format!("{edition}_watermark");
    let mark = context::label(labels, &key);
    let mut escaped = Vec::new();
    match format {
        Format::Md => templates::escape_markdown(&mark, &mut escaped)?,
        Format::Html | Format::Pdf => tera::escape_html(&mark, &mut escaped)?,
    }
    if !mark.trim().is_empty() && memchr::memmem::find(text, &escaped).is_some() {
        return Ok(());
    }
    bail!(
        "template {origin}: the {edition} edition must show `{{{{ t.{key} }}}}` ({mark}), so that it is never taken for the published whitepaper; the built-in templates show it in block `{edition}_banner`"
    )
}

/// Collapse the blank-line runs that template control flow leaves behind (outside fenced
/// code blocks), and end with exactly one newline.
pub(crate) fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        }
        if fence.is_none() && line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
            out.push('\n');
            continue;
        }
        blank_run = 0;
        out.push_str(line.trim_end());
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
