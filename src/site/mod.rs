//! `kanrisaku site`: the workspace as a provider's static security site.
//!
//! catalogs (+ git history) → [`Notice`]s and per-language page models → Tera templates
//! (`templates/site/*.html`, overridable like the whitepaper's) → [`guard`] → files, all in
//! memory, so the command plans and writes the whole set at once. Every link is relative
//! and must name a file of the set (the guard refuses any other), so the site works opened
//! from disk or served under any path. No clock: dates come from the catalogs and commits.

pub mod feed;
pub mod history;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::{Catalog, Date};
use crate::coverage;
use crate::reference::{BaselineId, Lang};
use crate::render::context::format_date;
use crate::render::{Edition, Format, Renderer, TemplateSet, guard, pdf};

/// Where the whitepapers go, beside the pages: `documents/<service>.<lang>.<ext>`.
pub const DOCUMENTS: &str = "documents";
/// The Atom feed, at the root of the site.
pub const FEED: &str = "feed.atom";

/// A dated change customers are told about: a `revisions` entry, or a commit's
/// customer-visible changes (`--git`).
#[derive(Clone, Debug)]
pub struct Notice {
    pub service: String,
    pub lang: Lang,
    pub name: String,
    pub version: String,
    pub date: NaiveDate,
    pub summary: String,
    /// The Atom entry id: stable across builds (service, language and version or commit).
    pub id: String,
    /// The commit the change came from, for `--git` notices.
    pub commit: Option<String>,
}

/// Whether the whitepapers get a PDF beside their HTML.
pub enum Pdf {
    Print {
        chrome: PathBuf,
        timeout: Duration,
    },
    /// No browser: each page says so (the reason went to stderr).
    Unavailable,
    /// `--no-pdf`: not wanted, nothing said.
    Off,
}

/// One file of the site, its path relative to the output directory.
pub struct SiteFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What the site is built from.
pub struct Input<'a> {
    pub catalogs: &'a [Catalog],
    pub git: Vec<Notice>,
    pub renderer: &'a Renderer,
    pub templates: &'a TemplateSet,
    pub pdf: Pdf,
    /// The language of the front page and the feed (`--lang`), else the first one.
    pub front: Option<Lang>,
}

/// The files of the site, in a fixed order.
pub fn build(input: &Input) -> Result<Vec<SiteFile>> {
    let services = services(input.catalogs);
    let mut langs: BTreeSet<Lang> = input.catalogs.iter().map(|c| c.document.language).collect();
    langs.extend(input.front);
    let mut langs: Vec<Lang> = langs.into_iter().collect();
    if let Some(front) = input.front {
        langs.sort_by_key(|l| *l != front);
    }
    let mut notices: Vec<Notice> = input.catalogs.iter().flat_map(revisions).collect();
    notices.extend(input.git.iter().cloned());
    newest_first(&mut notices);

    let mut files = documents(input)?;
    let coverage = coverage::matrix(input.catalogs, Vec::new(), BaselineId::Provider, Lang::En);
    let percent = |c: &Catalog| {
        let i = input.catalogs.iter().position(|x| std::ptr::eq(x, c));
        i.map_or(0.0, |i| coverage.services[i].totals.addressed_percent)
    };
    let site = Site {
        services: &services,
        langs: &langs,
        notices: &notices,
        pdf: &input.pdf,
        percent: &percent,
    };
    let mut pages: Vec<(String, String, &str)> = Vec::new();
    for &lang in &langs {
        let l = lang.as_str();
        pages.push((format!("{l}/index.html"), "site/index.html".into(), ""));
        pages.push((format!("{l}/changes.html"), "site/changes.html".into(), ""));
        for id in services.keys() {
            pages.push((
                format!("{l}/services/{id}.html"),
                "site/service.html".into(),
                id,
            ));
        }
    }
    pages.push(("index.html".into(), "site/index.html".into(), ""));
    let mut known: BTreeSet<String> = pages.iter().map(|(p, _, _)| p.clone()).collect();
    known.extend(files.iter().map(|f| slash(&f.path)));
    known.insert(FEED.into());

    for (path, template, service) in &pages {
        let lang = page_lang(path, &langs);
        let page = site.page(lang, path, service);
        let html = input.templates.render(template, &page)?;
        let origin = input.templates.origin(template);
        let html = guard::html_linking(&html, origin, &|href| resolves(path, href, &known))?;
        files.push(SiteFile {
            path: PathBuf::from(path),
            bytes: html.into_bytes(),
        });
    }
    let links: BTreeMap<&str, String> = services
        .keys()
        .map(|id| (id.as_str(), format!("services/{id}.html")))
        .collect();
    files.push(SiteFile {
        path: PathBuf::from(FEED),
        bytes: feed::atom(&notices, &services, &links, langs[0]).into_bytes(),
    });
    Ok(files)
}

/// Each service's catalogs, by service id; within one, in language order.
fn services(catalogs: &[Catalog]) -> BTreeMap<String, Vec<&Catalog>> {
    let mut by_id: BTreeMap<String, Vec<&Catalog>> = BTreeMap::new();
    for c in catalogs {
        by_id.entry(c.service.id.value.clone()).or_default().push(c);
    }
    for list in by_id.values_mut() {
        list.sort_by_key(|c| c.document.language);
    }
    by_id
}

/// The catalog of `service` a page in `lang` shows: the one in that language, else the first.
fn in_lang<'a>(catalogs: &[&'a Catalog], lang: Lang) -> &'a Catalog {
    catalogs
        .iter()
        .find(|c| c.document.language == lang)
        .unwrap_or(&catalogs[0])
}

/// A catalog's `revisions` as notices.
fn revisions(c: &Catalog) -> Vec<Notice> {
    let service = c.service.id.value.clone();
    let lang = c.document.language;
    c.document
        .revisions
        .iter()
        .map(|r| Notice {
            id: entry_id(&service, lang, &r.version.value),
            service: service.clone(),
            lang,
            name: c.service.name.value.clone(),
            version: r.version.value.clone(),
            date: r.date.value.0,
            summary: r.summary.value.clone(),
            commit: None,
        })
        .collect()
}

/// `urn:kanrisaku:<service>:<lang>:<what>`, `what` percent-encoded to URN characters.
pub fn entry_id(service: &str, lang: Lang, what: &str) -> String {
    let mut out = format!("urn:kanrisaku:{service}:{}:", lang.as_str());
    for b in what.bytes() {
        if b.is_ascii_alphanumeric() || b"-._:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Newest first; ties in a fixed order (service, language, id).
fn newest_first(notices: &mut [Notice]) {
    notices.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.service.cmp(&b.service))
            .then_with(|| a.lang.cmp(&b.lang))
            .then_with(|| b.id.cmp(&a.id))
    });
}

/// Each catalog's public whitepaper as `render --out-dir` names it, and its PDF: one
/// browser prints them all, as `render` does, several at a time.
fn documents(input: &Input) -> Result<Vec<SiteFile>> {
    use rayon::prelude::*;
    let printer = match &input.pdf {
        Pdf::Print { chrome, timeout } => Some(pdf::Printer::start(chrome, *timeout)?),
        _ => None,
    };
    let each: Vec<Result<Vec<SiteFile>>> = input
        .catalogs
        .par_iter()
        .map(|c| document(input, printer.as_ref(), c))
        .collect();
    let mut files = Vec::new();
    for document in each {
        files.extend(document?);
    }
    Ok(files)
}

/// One catalog's whitepaper: its PDF (when printed, with the contents' page numbers, as
/// `render` prints it) and its HTML page.
fn document(input: &Input, printer: Option<&pdf::Printer>, c: &Catalog) -> Result<Vec<SiteFile>> {
    let html = input
        .renderer
        .render(c, Format::Html, None, Edition::default(), &[])?;
    let stem = document_stem(c);
    let mut files = Vec::with_capacity(2);
    if let Some(printer) = printer {
        let bytes = printer
            .print_paged(&html)
            .with_context(|| c.path.display().to_string())?;
        files.push(SiteFile {
            path: PathBuf::from(format!("{stem}.pdf")),
            bytes,
        });
    }
    files.push(SiteFile {
        path: PathBuf::from(format!("{stem}.html")),
        bytes: html,
    });
    Ok(files)
}

/// `documents/<service>.<lang>`, the names `render --out-dir` gives.
fn document_stem(c: &Catalog) -> String {
    format!(
        "{DOCUMENTS}/{}.{}",
        c.service.id.value,
        c.document.language.as_str()
    )
}

/// The language of a page from its path (`ja/...`); the root index is in the first one.
fn page_lang(path: &str, langs: &[Lang]) -> Lang {
    langs
        .iter()
        .copied()
        .find(|l| path.starts_with(&format!("{}/", l.as_str())))
        .unwrap_or(langs[0])
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Whether `href`, on the page at `page`, is a relative link to a file of the site.
fn resolves(page: &str, href: &str, known: &BTreeSet<String>) -> bool {
    let target = href.split('#').next().unwrap_or_default();
    if target.is_empty() || target.contains(':') || target.starts_with('/') || target.contains('\\')
    {
        return false;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                if parts.pop().is_none() {
                    return false;
                }
            }
            other => parts.push(other),
        }
    }
    known.contains(&parts.join("/"))
}

/// What the pages are made from.
struct Site<'a> {
    services: &'a BTreeMap<String, Vec<&'a Catalog>>,
    langs: &'a [Lang],
    notices: &'a [Notice],
    pdf: &'a Pdf,
    percent: &'a dyn Fn(&Catalog) -> f64,
}

/// The context of every site template.
#[derive(Serialize)]
struct Page {
    lang: &'static str,
    /// Interface words (`site-*` messages): `t.services`.
    t: BTreeMap<String, String>,
    /// From this page to the root of the site: `""` or `"../"`s.
    base: String,
    /// The same page in each language.
    switch: Vec<Switch>,
    /// The providers of the services, for the header.
    provider: String,
    services: Vec<ServiceRow>,
    /// The service of a service page.
    service: Option<ServiceRow>,
    /// Newest first: all services' on the changes page, one service's on its page.
    notices: Vec<NoticeRow>,
    pdf_note: Option<String>,
}

#[derive(Serialize)]
struct Switch {
    lang: &'static str,
    label: String,
    href: String,
    current: bool,
}

#[derive(Clone, Serialize)]
struct ServiceRow {
    id: String,
    name: String,
    provider: String,
    version: String,
    date: String,
    iso_date: String,
    languages: String,
    coverage: String,
    /// The service's page (revision history), relative to the current page.
    page: String,
    documents: Vec<DocumentLink>,
}

#[derive(Clone, Serialize)]
struct DocumentLink {
    lang: &'static str,
    label: String,
    html: String,
    pdf: Option<String>,
}

#[derive(Serialize)]
struct NoticeRow {
    date: String,
    iso_date: String,
    service: String,
    name: String,
    version: String,
    summary: String,
    commit: Option<String>,
    page: String,
}

impl Site<'_> {
    fn page(&self, lang: Lang, path: &str, service: &str) -> Page {
        let depth = path.matches('/').count();
        let base = "../".repeat(depth);
        let rest = path.split_once('/').map_or("index.html", |(_, r)| r);
        let switch = self
            .langs
            .iter()
            .map(|&l| Switch {
                lang: l.as_str(),
                label: crate::t!(l, "site-language-name"),
                href: format!("{base}{}/{rest}", l.as_str()),
                current: l == lang && depth > 0,
            })
            .collect();
        let services: Vec<ServiceRow> = self
            .services
            .iter()
            .map(|(id, list)| self.row(id, list, lang, &base))
            .collect();
        let notices = self
            .notices
            .iter()
            .filter(|n| service.is_empty() || n.service == service)
            .filter(|n| n.lang == in_lang(&self.services[&n.service], lang).document.language)
            .map(|n| notice_row(n, lang, &base))
            .collect();
        let providers: BTreeSet<&str> = services.iter().map(|s| s.provider.as_str()).collect();
        Page {
            lang: lang.as_str(),
            t: crate::i18n::labels(lang, "site-"),
            switch,
            provider: providers.into_iter().collect::<Vec<_>>().join(" / "),
            service: services.iter().find(|s| s.id == service).cloned(),
            services,
            notices,
            pdf_note: matches!(self.pdf, Pdf::Unavailable).then(|| crate::t!(lang, "site-no-pdf")),
            base,
        }
    }

    fn row(&self, id: &str, list: &[&Catalog], lang: Lang, base: &str) -> ServiceRow {
        let c = in_lang(list, lang);
        let date = c.document.date.as_ref().map(|d| d.value);
        ServiceRow {
            id: id.to_string(),
            name: c.service.name.value.clone(),
            provider: c.service.provider.value.clone(),
            version: c.document.version.value.clone(),
            date: date.map(|d| format_date(d, lang)).unwrap_or_default(),
            iso_date: date.map(|d| d.to_string()).unwrap_or_default(),
            languages: list
                .iter()
                .map(|c| crate::t!(lang, &format!("site-lang-{}", c.document.language.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            coverage: format!("{:.1}", (self.percent)(c)),
            page: format!("{base}{}/services/{id}.html", lang.as_str()),
            documents: list
                .iter()
                .map(|c| {
                    let stem = format!("{base}{}", document_stem(c));
                    DocumentLink {
                        lang: c.document.language.as_str(),
                        label: crate::t!(
                            lang,
                            &format!("site-lang-{}", c.document.language.as_str())
                        ),
                        html: format!("{stem}.html"),
                        pdf: matches!(self.pdf, Pdf::Print { .. }).then(|| format!("{stem}.pdf")),
                    }
                })
                .collect(),
        }
    }
}

fn notice_row(n: &Notice, lang: Lang, base: &str) -> NoticeRow {
    NoticeRow {
        date: format_date(Date(n.date), lang),
        iso_date: n.date.to_string(),
        service: n.service.clone(),
        name: n.name.clone(),
        version: n.version.clone(),
        summary: n.summary.clone(),
        commit: n.commit.as_ref().map(|c| c.chars().take(12).collect()),
        page: format!("{base}{}/services/{}.html", lang.as_str(), n.service),
    }
}
