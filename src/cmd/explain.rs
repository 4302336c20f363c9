//! `kanrisaku explain CLAUSE`: one clause as an author needs it, in the interface language.
//!
//! A 2022 clause has no cloud guidance of its own: what ISO/IEC 27017 says is reached
//! through its 2013 predecessors, and each such line names the predecessor it comes from.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::ExplainArgs;
use crate::reference::{BaselineId, Clause, ClauseId, IdStyle, Lang, Reference, StandardId};
use crate::{escape, i18n, t};

pub(super) fn run(args: ExplainArgs) -> Result<ExitCode> {
    let lang = i18n::interface(args.lang);
    let reference = Reference::get();
    let raw = escape::control(&args.clause).into_owned();
    let id = match ClauseId::parse(&args.clause) {
        Ok(id) => id,
        // `GLD.6.3.1`: not an id at all, but one slip from one.
        Err(e) => match reference.suggest(args.standard, &args.clause) {
            Some(near) => bail!(
                "{e}{}",
                t!(
                    lang,
                    "explain-did-you-mean",
                    id = shown(args.standard, near)
                )
            ),
            None => return Err(e.into()),
        },
    };
    let mut out = anstream::stdout().lock();
    let (standard, clause) = match find(reference, args.standard, &id) {
        Some(found) => found,
        None => match StandardId::ALL
            .into_iter()
            .find_map(|s| find(reference, s, &id))
        {
            Some((found, clause)) => {
                let note = t!(
                    lang,
                    "explain-other-standard",
                    raw = raw.as_str(),
                    standard = args.standard.as_str(),
                    found = found.as_str()
                );
                writeln!(out, "({note})")?;
                (found, clause)
            }
            None => bail!(unknown(reference, args.standard, &id, &raw, lang)),
        },
    };
    let langs: &[Lang] = if args.both {
        &[Lang::Ja, Lang::En]
    } else {
        std::slice::from_ref(&lang)
    };
    Explained {
        reference,
        standard,
        clause,
        lang,
        langs,
    }
    .show(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// The clause `id` in `standard`, and the standard that defines it: a 27017 document also
/// carries the 27002:2013 controls without cloud guidance, a 2022 one the CLD controls.
fn find<'a>(
    reference: &'a Reference,
    standard: StandardId,
    id: &ClauseId,
) -> Option<(StandardId, &'a Clause)> {
    let candidates: &[StandardId] = match standard {
        StandardId::Iso27017_2015 => &[StandardId::Iso27017_2015, StandardId::Iso27002_2013],
        StandardId::Iso27002_2013 => &[StandardId::Iso27002_2013],
        StandardId::Iso27002_2022 if id.is_cld() => &[StandardId::Iso27017_2015],
        StandardId::Iso27002_2022 => &[StandardId::Iso27002_2022],
    };
    candidates
        .iter()
        .find_map(|s| reference.standard(*s).clause(id).map(|c| (*s, c)))
}

/// The message for an id no standard has: the nearest id, or the range its category holds.
fn unknown(
    reference: &Reference,
    standard: StandardId,
    id: &ClauseId,
    raw: &str,
    lang: Lang,
) -> String {
    // A number past the end of its category (9.2.7) is a miscount, not a typo: the range
    // says more than the one-slip neighbour (9.2.1).
    let siblings: Vec<&ClauseId> = reference
        .known_ids(standard)
        .into_iter()
        .filter(|c| c.category().is_some() && c.category() == id.category())
        .collect();
    let hint = match (
        siblings.first().copied(),
        siblings.last().copied(),
        reference.suggest(standard, raw),
    ) {
        (Some(first), Some(last), _) if first != last => t!(
            lang,
            "explain-range",
            category = id.category().unwrap_or_default(),
            first = shown(standard, first),
            last = shown(standard, last)
        ),
        (Some(only), _, _) | (_, _, Some(only)) => {
            t!(lang, "explain-did-you-mean", id = shown(standard, only))
        }
        _ => String::new(),
    };
    t!(
        lang,
        "explain-unknown",
        raw = raw,
        standard = standard.as_str(),
        hint = hint
    )
}

fn shown(standard: StandardId, id: &ClauseId) -> String {
    standard.show(id)
}

/// One clause to explain, in the interface language (`lang`), with its typical statement in
/// `langs` (both with `--both`).
struct Explained<'a> {
    reference: &'a Reference,
    standard: StandardId,
    clause: &'a Clause,
    lang: Lang,
    langs: &'a [Lang],
}

impl Explained<'_> {
    fn show(&self, out: &mut dyn Write) -> Result<()> {
        let (clause, lang) = (self.clause, self.lang);
        writeln!(
            out,
            "{} {}",
            shown(self.standard, &clause.id),
            clause.title(lang)
        )?;
        let (other, label) = match lang {
            Lang::Ja => (Lang::En, "explain-title-en"),
            Lang::En => (Lang::Ja, "explain-title-ja"),
        };
        let unconfirmed = if clause.title_ja_confirmed == Some(false) {
            format!(" {}", t!(lang, "explain-unconfirmed"))
        } else {
            String::new()
        };
        line(
            out,
            &t!(lang, label),
            &format!("{}{unconfirmed}", clause.title(other)),
        )?;
        let standard = self.reference.standard(self.standard);
        let group = standard
            .group(clause.group)
            .map(|g| match lang {
                Lang::Ja => format!(" ({} {})", clause.group, g.title_ja),
                Lang::En => format!(" ({} {})", clause.group, g.title_en),
            })
            .unwrap_or_default();
        line(
            out,
            &t!(lang, "explain-standard"),
            &format!("{}{group}", standard.title),
        )?;
        self.mapping(out)?;
        self.cloud(out)
    }

    /// The other edition's ids with their titles, or why there are none.
    fn mapping(&self, out: &mut dyn Write) -> Result<()> {
        let (reference, id, lang) = (self.reference, &self.clause.id, self.lang);
        let (label, ids, other) = if self.standard.is_2022() {
            (
                "explain-maps-from-2013",
                reference.from_2013(id),
                StandardId::Iso27002_2013,
            )
        } else {
            (
                "explain-maps-to-2022",
                reference.to_2022(id),
                StandardId::Iso27002_2022,
            )
        };
        let label = t!(lang, label);
        if ids.is_empty() {
            let why = if id.is_cld() {
                "explain-no-2022"
            } else {
                "explain-new-in-2022"
            };
            return line(out, &label, &t!(lang, why));
        }
        for id in ids {
            let title = reference
                .standard(other)
                .clause(id)
                .map(|c| c.title(lang))
                .unwrap_or_default();
            line(out, &label, &format!("{} {title}", shown(other, id)))?;
        }
        Ok(())
    }

    /// Guidance flags, baselines and the typical statement, of the clause or (2022) of each
    /// 2013 predecessor that ISO/IEC 27017 gives cloud guidance for.
    fn cloud(&self, out: &mut dyn Write) -> Result<()> {
        let cloud27017 = self.reference.standard(StandardId::Iso27017_2015);
        let id = &self.clause.id;
        let sources: Vec<&Clause> = if self.standard.is_2022() && !id.is_cld() {
            self.reference
                .from_2013(id)
                .iter()
                .filter_map(|id| cloud27017.clause(id))
                .collect()
        } else {
            cloud27017.clause(id).into_iter().collect()
        };
        let lang = self.lang;
        if sources.is_empty() {
            line(
                out,
                &t!(lang, "explain-cloud"),
                &t!(lang, "explain-cloud-none"),
            )?;
            line(
                out,
                &t!(lang, "explain-baselines"),
                &t!(lang, "explain-no-baseline"),
            )?;
            return line(out, &t!(lang, "explain-hint"), &t!(lang, "explain-no-hint"));
        }
        for source in sources {
            self.cloud_source(out, source)?;
        }
        Ok(())
    }

    /// What ISO/IEC 27017 says of `source`: the clause itself, or one of its predecessors.
    fn cloud_source(&self, out: &mut dyn Write, source: &Clause) -> Result<()> {
        let lang = self.lang;
        let via = if source.id == self.clause.id {
            String::new()
        } else {
            let id = source.id.display(IdStyle::Annex);
            format!(" ({})", t!(lang, "explain-via", id = id))
        };
        let g = source.guidance.unwrap_or_default();
        let flags = match (g.csp, g.csc) {
            (true, true) => "explain-cloud-both",
            (true, false) => "explain-cloud-csp",
            (false, true) => "explain-cloud-csc",
            (false, false) => "explain-cloud-none",
        };
        line(
            out,
            &format!("{}{via}", t!(lang, "explain-cloud")),
            &t!(lang, flags),
        )?;
        let baselines: Vec<&str> = [BaselineId::Provider, BaselineId::Customer]
            .into_iter()
            .filter(|b| {
                self.reference
                    .baseline(*b)
                    .iter()
                    .any(|c| c.id == source.id)
            })
            .map(BaselineId::as_str)
            .collect();
        line(
            out,
            &format!("{}{via}", t!(lang, "explain-baselines")),
            &baselines.join(", "),
        )?;
        let Some(hint) = self.reference.hint(&source.id) else {
            return Ok(());
        };
        let label = t!(lang, "explain-hint");
        for l in self.langs {
            let tag = if self.langs.len() > 1 {
                format!(" [{}]", l.as_str())
            } else {
                String::new()
            };
            line(out, &format!("{label}{via}{tag}"), hint.text(*l))?;
        }
        Ok(())
    }
}

fn line(out: &mut dyn Write, label: &str, value: &str) -> Result<()> {
    writeln!(out, "  {label}: {value}")?;
    Ok(())
}
