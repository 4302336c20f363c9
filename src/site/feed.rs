//! The site's Atom feed (RFC 4287), written with `atom_syndication` so that escaping and
//! the required elements are a well-kept crate's business. Dates are the notices' (midnight
//! UTC), never the clock; links are relative to the feed, as RFC 4287 allows.

use std::collections::BTreeMap;

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDate, TimeZone, Utc};

use super::Notice;
use crate::catalog::Catalog;
use crate::reference::Lang;

/// The feed of `notices` (newest first); `links` maps a service id to its page.
pub fn atom(
    notices: &[Notice],
    services: &BTreeMap<String, Vec<&Catalog>>,
    links: &BTreeMap<&str, String>,
    lang: Lang,
) -> String {
    let providers: Vec<String> = services
        .values()
        .map(|list| list[0].service.provider.value.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = format!(
        "{} — {}",
        providers.join(" / "),
        crate::t!(lang, "site-title")
    );
    let entries: Vec<Entry> = notices
        .iter()
        .map(|n| entry(n, links.get(n.service.as_str())))
        .collect();
    let updated = notices.iter().map(|n| n.date).max().unwrap_or_default();
    let feed = Feed {
        title: text(&title, lang),
        id: super::entry_id("site", lang, &providers.join("+")).replacen(
            &format!(":{}:", lang.as_str()),
            ":",
            1,
        ),
        updated: at_midnight(updated),
        authors: providers
            .iter()
            .map(|p| Person {
                name: p.clone(),
                ..Person::default()
            })
            .collect(),
        lang: Some(lang.as_str().to_string()),
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

fn entry(n: &Notice, page: Option<&String>) -> Entry {
    let title = match &n.commit {
        Some(oid) => format!("{} ({})", n.name, &oid[..oid.len().min(12)]),
        None => format!("{} {}", n.name, n.version),
    };
    Entry {
        title: text(&title, n.lang),
        id: n.id.clone(),
        updated: at_midnight(n.date),
        published: n.commit.is_none().then(|| at_midnight(n.date)),
        summary: Some(text(&n.summary, n.lang)),
        links: page
            .map(|href| Link {
                href: format!("{}/{href}", n.lang.as_str()),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                hreflang: Some(n.lang.as_str().into()),
                ..Link::default()
            })
            .into_iter()
            .collect(),
        ..Entry::default()
    }
}

fn text(value: &str, lang: Lang) -> Text {
    Text {
        value: value.to_string(),
        lang: Some(lang.as_str().to_string()),
        ..Text::default()
    }
}

fn at_midnight(date: NaiveDate) -> FixedDateTime {
    Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
        .fixed_offset()
}
