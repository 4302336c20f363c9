//! Clause ids: one canonical spelling, whatever form the author wrote.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A normalised clause id: `5.1.1`, `CLD.6.3.1` (27002:2013 / 27017) or `5.1` (27002:2022).
///
/// Authors may write `A.5.1.1`, `a.5.1.1`, `CLD 6.3.1` or full-width digits; all of them
/// parse to the same id, so a catalog, a reference table and a diff agree on identity.
/// The reference tables' ids borrow their static text, so building them allocates nothing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ClauseId(Cow<'static, str>);

/// How ids are shown in documents: `A.5.1.1` (annex) or `5.1.1` (plain). CLD ids never change.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum IdStyle {
    #[default]
    Annex,
    Plain,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{raw}` is not a clause id (expected a form like 5.1.1, A.5.1.1, CLD.6.3.1 or 5.1)")]
pub struct ParseIdError {
    pub raw: String,
}

impl ClauseId {
    /// Parse any accepted spelling into the canonical id. Only the shape is checked here;
    /// whether the clause exists is the reference data's business.
    pub fn parse(raw: &str) -> Result<ClauseId, ParseIdError> {
        let err = || ParseIdError {
            raw: raw.to_string(),
        };
        let folded: String = raw.trim().chars().map(fold_width).collect();
        let upper = folded.to_ascii_uppercase();
        let (cld, rest) = if let Some(rest) = strip_prefix_word(&upper, "CLD") {
            (true, rest)
        } else if let Some(rest) = strip_prefix_word(&upper, "A") {
            (false, rest)
        } else {
            (false, upper.as_str())
        };
        let parts: Vec<&str> = rest.split('.').collect();
        if parts.len() < 2 || parts.len() > 3 || (cld && parts.len() != 3) {
            return Err(err());
        }
        let mut canonical = String::with_capacity(rest.len() + 4);
        if cld {
            canonical.push_str("CLD.");
        }
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            let n: u16 = part.parse().map_err(|_| err())?;
            if i > 0 {
                canonical.push('.');
            }
            canonical.push_str(&n.to_string());
        }
        Ok(ClauseId(Cow::Owned(canonical)))
    }

    /// An id already in canonical spelling (the compiled reference tables, which build.rs
    /// checks and `data`'s tests parse again), borrowed rather than copied.
    pub(super) const fn canonical(id: &'static str) -> ClauseId {
        ClauseId(Cow::Borrowed(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_cld(&self) -> bool {
        self.0.starts_with("CLD.")
    }

    /// The numeric parts, CLD prefix dropped: `CLD.6.3.1` → `[6, 3, 1]`.
    pub fn parts(&self) -> impl Iterator<Item = u16> + '_ {
        self.0
            .trim_start_matches("CLD.")
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
    }

    /// The enclosing category: `5.1.1` → `5.1`, `CLD.6.3.1` → `CLD.6.3`.
    pub fn category(&self) -> Option<&str> {
        self.0.rsplit_once('.').map(|(head, _)| head)
    }

    /// The id as a document shows it.
    pub fn display(&self, style: IdStyle) -> String {
        match style {
            IdStyle::Annex if !self.is_cld() => format!("A.{}", self.0),
            _ => self.0.to_string(),
        }
    }
}

impl fmt::Display for ClauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Standard order: numerically by part, so CLD.6.3.1 follows 6.2.x and precedes 7.1.1.
impl Ord for ClauseId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts()
            .cmp(other.parts())
            .then_with(|| self.is_cld().cmp(&other.is_cld()))
    }
}

impl PartialOrd for ClauseId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<'de> Deserialize<'de> for ClauseId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        ClauseId::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// `A.5.1.1`, `A 5.1.1`, `A5.1.1` → `5.1.1`; the prefix must stand alone, so `ABC` is not `A`.
fn strip_prefix_word<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
        .then_some(rest)
}

/// Full-width ASCII (０-９, Ａ-Ｚ, ．) as typed in Japanese documents → half-width.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_spellings_normalise() {
        for (raw, want) in [
            ("5.1.1", "5.1.1"),
            ("A.5.1.1", "5.1.1"),
            ("a.5.1.1", "5.1.1"),
            ("A 5.1.1", "5.1.1"),
            ("CLD.6.3.1", "CLD.6.3.1"),
            ("cld 6.3.1", "CLD.6.3.1"),
            ("ＣＬＤ．９．５．１", "CLD.9.5.1"),
            ("８.２４", "8.24"),
            (" 12.04.1 ", "12.4.1"),
        ] {
            assert_eq!(ClauseId::parse(raw).unwrap().as_str(), want, "{raw}");
        }
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for raw in [
            "",
            "5",
            "GLD.9.5.1",
            "CLD.6.3",
            "5.1.1.1",
            "x.1.1",
            "5..1",
            "ABC.5.1.1",
        ] {
            assert!(ClauseId::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn standard_order_puts_cld_clauses_in_place() {
        let mut ids: Vec<ClauseId> = [
            "7.1.1",
            "CLD.6.3.1",
            "6.1.1",
            "6.2.2",
            "12.1.4",
            "CLD.12.1.5",
            "12.2.1",
            "10.1.1",
            "9.4.5",
        ]
        .iter()
        .map(|s| ClauseId::parse(s).unwrap())
        .collect();
        ids.sort();
        let got: Vec<_> = ids.iter().map(ClauseId::as_str).collect();
        assert_eq!(
            got,
            [
                "6.1.1",
                "6.2.2",
                "CLD.6.3.1",
                "7.1.1",
                "9.4.5",
                "10.1.1",
                "12.1.4",
                "CLD.12.1.5",
                "12.2.1"
            ]
        );
    }

    #[test]
    fn display_follows_id_style() {
        let id = ClauseId::parse("9.2.3").unwrap();
        assert_eq!(id.display(IdStyle::Annex), "A.9.2.3");
        assert_eq!(id.display(IdStyle::Plain), "9.2.3");
        let cld = ClauseId::parse("CLD.8.1.5").unwrap();
        assert_eq!(cld.display(IdStyle::Annex), "CLD.8.1.5");
        assert_eq!(cld.category(), Some("CLD.8.1"));
        assert_eq!(id.category(), Some("9.2"));
    }
}
