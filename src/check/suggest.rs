//! "Did you mean" for a clause id the document's standard does not have: the range of
//! its category (`A.9.2 has A.9.2.1–A.9.2.6`), a clause its title names, or an id one slip
//! away (`GLD` for `CLD`), in the document's id style. The nearest id by spelling alone
//! misleads: `9.2.7` is not a typo of `9.2.1`.

use super::Message;
use crate::reference::{ClauseId, IdStyle, Lang, Reference, StandardId};

/// Help lines for `raw` (a clause key or a reference as written).
pub(super) fn suggestions(
    reference: &Reference,
    standard: StandardId,
    raw: &str,
    style: IdStyle,
    lang: Lang,
) -> Vec<Message> {
    let (id, title) = split(raw);
    let mut help = Vec::new();
    let mut range_category = None;
    if let Some(id) = &id
        && let Some(category) = id.category()
    {
        let siblings: Vec<&ClauseId> = reference
            .known_ids(standard)
            .into_iter()
            .filter(|s| s.category() == Some(category) && s.parts().count() == id.parts().count())
            .collect();
        if let (Some(first), Some(last)) = (siblings.first(), siblings.last()) {
            let shown =
                ClauseId::parse(category).map_or(category.to_string(), |c| c.display(style));
            help.push(
                Message::new("help-clause-range")
                    .arg("category", shown)
                    .arg("count", siblings.len())
                    .arg("first", first.display(style))
                    .arg("last", last.display(style)),
            );
            range_category = Some(category.to_string());
        }
    }
    if let Some(named) = by_title(reference, standard, title) {
        help.push(
            Message::new("help-did-you-mean-title")
                .arg("id", named.display(style))
                .arg("title", title_of(reference, standard, named, lang)),
        );
    } else if let Some(best) = reference.suggest(standard, raw)
        && best.category() != range_category.as_deref()
    {
        help.push(Message::new("help-did-you-mean").arg("id", best.display(style)));
    }
    help
}

/// The id part and the title part of `9.2.7 利用者登録` (either may be missing).
fn split(raw: &str) -> (Option<ClauseId>, &str) {
    let raw = raw.trim();
    if let Ok(id) = ClauseId::parse(raw) {
        return (Some(id), "");
    }
    for (at, _) in raw.char_indices().filter(|(_, c)| c.is_whitespace()) {
        if let Ok(id) = ClauseId::parse(&raw[..at]) {
            return (Some(id), raw[at..].trim());
        }
    }
    (None, raw)
}

/// The clause whose title (in either language) is `title`, or contains it.
fn by_title<'a>(
    reference: &'a Reference,
    standard: StandardId,
    title: &str,
) -> Option<&'a ClauseId> {
    let wanted = normalise(title);
    if wanted.chars().count() < 2 {
        return None;
    }
    let ids = reference.known_ids(standard);
    let titles = |id: &ClauseId| {
        reference
            .resolve(standard, id)
            .map(|c| [normalise(c.title(Lang::Ja)), normalise(c.title(Lang::En))])
    };
    ids.iter()
        .copied()
        .find(|id| titles(id).is_some_and(|t| t.contains(&wanted)))
        .or_else(|| {
            ids.iter()
                .copied()
                .find(|id| titles(id).is_some_and(|t| t.iter().any(|t| t.contains(&wanted))))
        })
}

fn title_of(reference: &Reference, standard: StandardId, id: &ClauseId, lang: Lang) -> String {
    reference
        .resolve(standard, id)
        .map(|c| c.title(lang).to_string())
        .unwrap_or_default()
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &str) -> Vec<String> {
        suggestions(
            Reference::get(),
            StandardId::Iso27017_2015,
            raw,
            IdStyle::Annex,
            Lang::En,
        )
        .into_iter()
        .map(|m| m.text(Lang::En))
        .collect()
    }

    #[test]
    fn a_number_past_its_category_names_the_range() {
        assert_eq!(ids("9.2.7"), ["A.9.2 has A.9.2.1–A.9.2.6"]);
        assert_eq!(ids("GLD.9.5.1"), ["did you mean `CLD.9.5.1`?"]);
    }

    #[test]
    fn a_title_names_its_clause() {
        let found = ids("9.2.7 User registration and de-registration");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].starts_with("did you mean `A.9.2.1`"), "{found:?}");
    }
}
