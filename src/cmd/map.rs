//! `kanrisaku map ID...`: the 2013 ↔ 2022 correspondence of ids, for auditors and for
//! authors reworking a document by hand.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{EXIT_USAGE, unless_closed};
use crate::cli::{ListFormat, MapArgs};
use crate::mapping::{Mapped, Relation, lookup};
use crate::reference::{ClauseId, Lang, Reference, StandardId};
use crate::{escape, i18n, t};

/// One id as asked and what it names.
#[derive(Serialize)]
struct Answer<'a> {
    query: String,
    found: Vec<Mapped<'a>>,
}

/// Exit 2 when an id names nothing (after the others are shown), else 0.
pub(super) fn run(args: MapArgs) -> Result<ExitCode> {
    let lang = i18n::interface(args.lang);
    let reference = Reference::get();
    let from = args.from.map(|s| match s {
        StandardId::Iso27017_2015 => StandardId::Iso27002_2013,
        other => other,
    });
    let mut answers = Vec::new();
    let mut failed = 0;
    for raw in &args.ids {
        match ClauseId::parse(raw) {
            Ok(id) => {
                let found = lookup(reference, &id, from);
                if found.is_empty() {
                    failed += 1;
                    report(&unknown(reference, raw, from, lang));
                } else {
                    answers.push(Answer {
                        query: raw.clone(),
                        found,
                    });
                }
            }
            Err(e) => {
                failed += 1;
                report(&e.to_string());
            }
        }
    }
    let mut out = anstream::stdout().lock();
    let written = match args.format {
        ListFormat::Json => serde_json::to_writer_pretty(&mut out, &answers)
            .map_err(anyhow::Error::from)
            .and_then(|()| Ok(writeln!(out)?)),
        ListFormat::Text => text(&answers, lang, &mut out),
    };
    unless_closed(written)?;
    Ok(if failed > 0 {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    })
}

fn report(message: &str) {
    anstream::eprintln!("error: {}", escape::control(message));
}

/// Why an id names nothing, with the nearest id that exists.
fn unknown(reference: &Reference, raw: &str, from: Option<StandardId>, lang: Lang) -> String {
    let near = [StandardId::Iso27017_2015, StandardId::Iso27002_2022]
        .into_iter()
        .filter(|s| from.is_none_or(|f| f.is_2022() == s.is_2022()))
        .find_map(|s| reference.suggest(s, raw).map(|id| shown(s, id)));
    let hint = near
        .map(|id| t!(lang, "explain-did-you-mean", id = id))
        .unwrap_or_default();
    t!(
        lang,
        "map-unknown",
        raw = escape::control(raw).into_owned(),
        hint = hint
    )
}

fn shown(standard: StandardId, id: &ClauseId) -> String {
    standard.show(id)
}

fn text(answers: &[Answer], lang: Lang, out: &mut impl Write) -> Result<()> {
    for answer in answers {
        let readings = answer
            .found
            .iter()
            .map(|m| m.standard)
            .collect::<std::collections::BTreeSet<_>>();
        if readings.len() > 1 {
            let query = escape::control(&answer.query).into_owned();
            writeln!(out, "({})", t!(lang, "map-ambiguous", raw = query))?;
        }
        let mut category = None;
        for mapped in &answer.found {
            if mapped.category.is_some() && mapped.category != category {
                category.clone_from(&mapped.category);
                let group = Reference::get()
                    .standard(StandardId::Iso27002_2013)
                    .group(mapped.category.as_deref().unwrap_or_default());
                let title = group.map_or("", |g| match lang {
                    Lang::Ja => g.title_ja,
                    Lang::En => g.title_en,
                });
                let id = format!("A.{}", mapped.category.as_deref().unwrap_or_default());
                writeln!(out, "{}", t!(lang, "map-category", id = id, title = title))?;
            }
            one(mapped, lang, out)?;
        }
    }
    Ok(())
}

fn one(mapped: &Mapped, lang: Lang, out: &mut impl Write) -> Result<()> {
    let title = |en: &str, ja: &str| match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    };
    let standard = Reference::get().standard(mapped.standard).title;
    writeln!(
        out,
        "{} {} ({standard})",
        shown(mapped.standard, mapped.id),
        title(mapped.title_en, mapped.title_ja)
    )?;
    let other = if mapped.standard.is_2022() {
        StandardId::Iso27002_2013
    } else {
        StandardId::Iso27002_2022
    };
    let count = mapped.counterparts.len();
    let relation = match (mapped.relation, mapped.standard.is_2022()) {
        (Relation::OneToOne, _) => None,
        (Relation::ManyToOne, false) => Some(t!(lang, "map-many-to-one-2013")),
        (Relation::OneToMany, false) => Some(t!(lang, "map-one-to-many-2013", count = count)),
        (Relation::ManyToOne, true) => Some(t!(lang, "map-many-to-one-2022", count = count)),
        (Relation::OneToMany, true) => Some(t!(lang, "map-one-to-many-2022")),
        (Relation::NewIn2022, _) => Some(t!(lang, "map-new-in-2022")),
        (Relation::Cloud, _) => Some(t!(lang, "map-cloud")),
    };
    if let Some(relation) = relation {
        writeln!(out, "  {relation}")?;
    }
    let arrow = if mapped.standard.is_2022() {
        "←"
    } else {
        "→"
    };
    for c in &mapped.counterparts {
        let id = shown(other, c.id);
        writeln!(out, "  {arrow} {id} {}", title(c.title_en, c.title_ja))?;
        if !c.shared_with.is_empty() {
            let others: Vec<String> = c
                .shared_with
                .iter()
                .map(|o| shown(mapped.standard, o))
                .collect();
            let note = if other.is_2022() {
                "map-also-replaces"
            } else {
                "map-also-became"
            };
            let line = t!(lang, note, id = id, others = others.join(", "));
            writeln!(out, "      {line}")?;
        }
    }
    Ok(())
}
