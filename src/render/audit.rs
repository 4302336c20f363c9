//! The audit edition (`render --audience audit`): each clause's internal fields (owner,
//! evidence, last review and its age, status, open findings) for an auditor's eyes. Built
//! only for that audience, so the context of a public render never holds them and no
//! template can publish them by mistake.

use chrono::NaiveDate;
use serde::Serialize;

use super::context::{format_date, label};
use crate::catalog::{Control, Status};
use crate::check::Finding;
use crate::reference::{ClauseId, Lang};
use crate::safety::url::{LinkTarget, cleaned, link_target};

/// Who a document is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    /// The customer-facing whitepaper: no internal field, refused while `check` finds errors.
    #[default]
    Public,
    /// Internal fields shown per clause, marked as not for publication; findings do not block.
    Audit,
    /// The whitepaper with the text marked `audience: nda`, marked confidential on every page.
    Nda,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Audit => "audit",
            Audience::Nda => "nda",
        }
    }

    /// The mark an edition's file name must carry (`.audit`, `.nda`); none for the public one.
    pub fn file_mark(self) -> Option<&'static str> {
        match self {
            Audience::Public => None,
            Audience::Audit | Audience::Nda => Some(self.as_str()),
        }
    }
}

/// What the audit edition is measured against.
#[derive(Clone, Copy, Debug)]
pub struct AuditOptions {
    /// Review ages are counted up to this day (`--today`).
    pub today: NaiveDate,
    /// A review older than this is overdue (as `check`'s `stale-review`).
    pub review_max_age_days: u32,
}

/// `audit` in the template context: the edition as a whole.
#[derive(Serialize)]
pub struct AuditDocument {
    /// The day review ages are counted to, as `YYYY-MM-DD`.
    pub today_iso: String,
    pub review_max_age_days: u32,
    /// The day review ages are counted to and the review interval, as a sentence.
    pub as_of: String,
    /// `t.audit_watermark` as a CSS string literal, for a running header on every printed
    /// page (`content: …` in `@page`): every character that could end the string, the
    /// declaration or the `<style>` element is a CSS escape.
    pub running_css: String,
    /// Findings about no single clause (sections, cover, revisions), one line each.
    pub findings: Vec<String>,
}

/// `c.audit` of each clause in the audit edition.
#[derive(Serialize)]
pub struct AuditClause {
    /// `implemented`, …, or `missing` (a baseline clause with no statement).
    pub status: &'static str,
    /// The status in words, implemented and missing included.
    pub status_label: String,
    pub owner: String,
    pub evidence: Vec<EvidenceView>,
    pub reviewed: String,
    pub reviewed_iso: String,
    /// 「412 日前、期限超過」 / "412 days ago, overdue"; empty without a review date.
    pub review_age: String,
    /// Older than the review age, or after `today`.
    pub review_overdue: bool,
    pub notes: String,
    /// What `check` says about this clause, one line each (`warning[stale-review] …`).
    pub findings: Vec<String>,
}

/// One evidence item: its text, and a link only when it is an http(s) address.
#[derive(Serialize)]
pub struct EvidenceView {
    pub text: String,
    pub url: Option<String>,
}

pub fn document(
    options: &AuditOptions,
    findings: &[&Finding],
    labels: &toml::Table,
    lang: Lang,
) -> AuditDocument {
    AuditDocument {
        today_iso: options.today.to_string(),
        review_max_age_days: options.review_max_age_days,
        as_of: crate::t!(
            lang,
            "audit-as-of",
            date = format_date(crate::catalog::Date(options.today), lang),
            days = options.review_max_age_days
        ),
        running_css: css_string(&label(labels, "audit_watermark")),
        findings: findings
            .iter()
            .filter(|f| f.clause().is_none())
            .map(|f| line(f, lang))
            .collect(),
    }
}

/// The audit panel of clause `id`; `control` is `None` for a baseline gap.
pub fn clause(
    id: &ClauseId,
    control: Option<&Control>,
    options: &AuditOptions,
    findings: &[&Finding],
    labels: &toml::Table,
    lang: Lang,
) -> AuditClause {
    let entry = control.map(|c| &c.entry);
    let status = entry.map(|e| e.status.value);
    let reviewed = entry.and_then(|e| e.reviewed.as_ref()).map(|r| r.value.0);
    let text = |v: Option<&crate::catalog::Located<String>>| {
        v.map(|s| s.value.trim().to_string()).unwrap_or_default()
    };
    AuditClause {
        status: status.map_or("missing", Status::as_str),
        status_label: label(labels, status_key(status)),
        owner: text(entry.and_then(|e| e.owner.as_ref())),
        evidence: entry
            .map(|e| e.evidence.iter().map(|v| evidence(&v.value)).collect())
            .unwrap_or_default(),
        reviewed: reviewed
            .map(|d| format_date(crate::catalog::Date(d), lang))
            .unwrap_or_default(),
        reviewed_iso: reviewed.map(|d| d.to_string()).unwrap_or_default(),
        review_age: reviewed
            .map(|d| review_age(d, options, lang))
            .unwrap_or_default(),
        review_overdue: reviewed.is_some_and(|d| overdue(d, options)),
        notes: text(entry.and_then(|e| e.notes.as_ref())),
        findings: findings
            .iter()
            .filter(|f| f.clause() == Some(id))
            .map(|f| line(f, lang))
            .collect(),
    }
}

/// The label of a status; the public document names only the statuses that qualify a
/// statement, the audit edition all of them.
fn status_key(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Implemented) => "audit_status_implemented",
        Some(Status::Partial) => "status_partial",
        Some(Status::Planned) => "status_planned",
        Some(Status::NotApplicable) => "status_not_applicable",
        None => "audit_status_missing",
    }
}

fn overdue(reviewed: NaiveDate, options: &AuditOptions) -> bool {
    let days = (options.today - reviewed).num_days();
    days < 0 || days > i64::from(options.review_max_age_days)
}

fn review_age(reviewed: NaiveDate, options: &AuditOptions, lang: Lang) -> String {
    let days = (options.today - reviewed).num_days();
    if days < 0 {
        return crate::t!(lang, "audit-review-future", days = -days);
    }
    let age = crate::t!(lang, "audit-review-age", days = days);
    if overdue(reviewed, options) {
        crate::t!(lang, "audit-review-overdue", age = age)
    } else {
        age
    }
}

/// Evidence is free text (a path, a ticket, a URL); only an http(s) address becomes a link.
fn evidence(text: &str) -> EvidenceView {
    let url = matches!(link_target(text), Ok(LinkTarget::Web)).then(|| cleaned(text).into_owned());
    EvidenceView {
        text: text.trim().to_string(),
        url,
    }
}

fn line(f: &Finding, lang: Lang) -> String {
    let text = format!("{}[{}] {}", f.severity.as_str(), f.code, f.text(lang));
    match f.shown().filter(|_| f.clause().is_none()) {
        Some(place) => format!("{place}: {text}"),
        None => text,
    }
}

/// `text` as a double-quoted CSS string: letters, digits, spaces and non-ASCII text as
/// they are, anything else (quotes, backslashes, `<`, line breaks, controls) as `\hex `.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_cannot_end_early() {
        assert_eq!(css_string("監査用 A"), "\"監査用 A\"");
        assert_eq!(
            css_string("a\"}</style>\\\n"),
            "\"a\\22 \\7d \\3c \\2f style\\3e \\5c \\a \""
        );
    }
}
