//! Finding clause references in prose: 「A.6.1.1 を参照」, "see 10.1.1", "(CLD.6.3.1)".

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use super::decimal::DECIMAL_NUMBER;
use crate::reference::{ClauseId, Reference, StandardId};

/// One clause id written inside a statement or section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseReference {
    /// The text as written (`A.6.1.1`), for locating and quoting it.
    pub text: String,
    /// Byte range in the searched string.
    pub start: usize,
    /// How many [`candidates`] with the same text come before it: the n-th in the parsed
    /// value is the n-th in the source, which is how it is located there.
    pub nth: usize,
    pub id: Option<ClauseId>,
}

/// Words that mark a bare number as a pointer to a clause rather than, say, a version.
const CUES: &[&str] = &[
    "参照",
    "記載",
    "の通り",
    "のとおり",
    "項",
    "「",
    "」",
    "『",
    "』",
    "管理策",
    "see",
    "See",
    "refer",
    "Refer",
    "section",
    "Section",
    "clause",
    "Clause",
    "control",
    "Control",
];

/// Every clause reference in `text`.
///
/// `A.`/`CLD.` ids always count. A bare `x.y.z` counts when it names a real 27002:2013
/// clause, or when a cue word stands next to it (so 「6.1.9 を参照」 is caught as a reference
/// to a clause that does not exist, while "version 2.4.1" is left alone). A prefix that
/// is neither `A` nor `CLD` (`GLD.9.5.1`) counts as a reference to a clause that does not exist.
pub fn find_references(text: &str) -> Vec<ClauseReference> {
    let reference = Reference::get();
    let mut found = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for m in candidate_matches(text) {
        let count = seen.entry(m.as_str()).or_default();
        let nth = *count;
        *count += 1;
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let rest = &text[m.end()..];
        let glued_before =
            before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '．');
        let glued_after = after.is_some_and(|c| c.is_ascii_digit())
            || ((after == Some('.') || after == Some('．'))
                && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit()));
        if glued_before || glued_after {
            continue;
        }
        let raw = m.as_str();
        let prefixed = raw.starts_with(|c: char| c.is_ascii_alphabetic());
        let id = ClauseId::parse(raw).ok();
        let known = id
            .as_ref()
            .is_some_and(|id| reference.resolve(StandardId::Iso27017_2015, id).is_some());
        if !prefixed && !known && !has_cue(text, m.start(), m.end()) {
            continue;
        }
        found.push(ClauseReference {
            text: raw.to_string(),
            start: m.start(),
            nth,
            id,
        });
    }
    found
}

/// Everything shaped like a clause id, as (byte offset, text), in order.
pub fn candidates(text: &str) -> impl Iterator<Item = (usize, &str)> {
    candidate_matches(text).map(|m| (m.start(), m.as_str()))
}

/// One clause-id-shaped span of a text.
struct Match<'t> {
    text: &'t str,
    range: Range<usize>,
}

impl<'t> Match<'t> {
    fn start(&self) -> usize {
        self.range.start
    }
    fn end(&self) -> usize {
        self.range.end
    }
    fn as_str(&self) -> &'t str {
        &self.text[self.range.clone()]
    }
}

/// The leftmost-first, non-overlapping matches of
/// `(?:(?:A|CLD|[A-Z]{2,4})\s?[.．]\s?)?\d{1,2}[.．]\d{1,2}[.．]\d{1,2}` (Unicode `\s`
/// and `\d`), scanned by hand: compiling that regex's Unicode classes cost a third of a
/// millisecond on every run. The classes are disjoint, so each part has one way to match and
/// the scan never backtracks further than "without the prefix".
///
/// Every match holds a separator at most [`LEAD`] bytes after its start, so only the few
/// chars before each separator are tried (found with `memchr`): prose, above all Japanese,
/// holds few of them, and trying every char cost as much as parsing the catalog.
fn candidate_matches(text: &str) -> impl Iterator<Item = Match<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let sep = next_separator(text, from)?;
            let mut lo = sep.saturating_sub(LEAD).max(from);
            while !text.is_char_boundary(lo) {
                lo += 1;
            }
            let found = text[lo..sep]
                .char_indices()
                .filter(|&(_, c)| c.is_ascii_uppercase() || is_decimal(c))
                .find_map(|(i, _)| match_at(text, lo + i).map(|end| (lo + i, end)));
            match found {
                Some((start, end)) => {
                    from = end;
                    return Some(Match {
                        text,
                        range: start..end,
                    });
                }
                // No match starts before `sep`, and none can start on it.
                None => from = sep + 1,
            }
        }
    })
}

/// The most bytes between a match's start and its first separator: a prefix of four
/// capitals and a space of up to three bytes (7), or two digits of up to four bytes (8).
const LEAD: usize = 8;

/// The byte offset of the next `.` or `．` at or after `from`.
fn next_separator(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'.', 0xEF, bytes.get(from..)?)
        .map(|i| from + i)
        .find(|&i| bytes[i] == b'.' || bytes[i..].starts_with("．".as_bytes()))
}

/// Where the candidate starting at byte `at` ends, if one starts there.
fn match_at(text: &str, at: usize) -> Option<usize> {
    prefix(text, at)
        .and_then(|after| number(text, after))
        .or_else(|| number(text, at))
}

/// The end of `(?:A|CLD|[A-Z]{2,4})\s?[.．]\s?` at `at`. Whatever the alternative, what
/// follows is no capital letter, so only the whole run of capitals can be the prefix.
fn prefix(text: &str, at: usize) -> Option<usize> {
    let run = text.as_bytes()[at..]
        .iter()
        .take(5)
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let named = run > 1 || text[at..].starts_with('A');
    if run == 0 || run > 4 || !named {
        return None;
    }
    let mut i = at + run;
    i = skip(text, i, char::is_whitespace);
    i = separator(text, i)?;
    Some(skip(text, i, char::is_whitespace))
}

/// The end of `\d{1,2}[.．]\d{1,2}[.．]\d{1,2}` at `at`.
fn number(text: &str, at: usize) -> Option<usize> {
    let i = digits(text, at)?;
    let i = digits(text, separator(text, i)?)?;
    digits(text, separator(text, i)?)
}

/// The end of one or two decimal digits (greedy) at `at`.
fn digits(text: &str, at: usize) -> Option<usize> {
    let first = skip(text, at, is_decimal);
    (first > at).then(|| skip(text, first, is_decimal))
}

/// The end of `.` or `．` at `at`.
fn separator(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    ['.', '．']
        .into_iter()
        .find(|&c| rest.starts_with(c))
        .map(|c| at + c.len_utf8())
}

/// Past one char at `at` when `class` holds for it.
fn skip(text: &str, at: usize, class: fn(char) -> bool) -> usize {
    text[at..]
        .chars()
        .next()
        .filter(|&c| class(c))
        .map_or(at, |c| at + c.len_utf8())
}

/// Unicode Decimal_Number, what `\d` matches.
fn is_decimal(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii()
            && DECIMAL_NUMBER
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        Ordering::Less
                    } else if lo > c {
                        Ordering::Greater
                    } else {
                        Ordering::Equal
                    }
                })
                .is_ok())
}

fn has_cue(text: &str, start: usize, end: usize) -> bool {
    let before: String = {
        let chars: Vec<char> = text[..start].chars().rev().take(12).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = text[end..].chars().take(12).collect();
    CUES.iter()
        .any(|cue| before.contains(cue) || after.contains(cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        find_references(text).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn finds_references_in_japanese_and_english() {
        assert_eq!(refs("詳細は「A.6.1.1 を参照」してください。"), ["A.6.1.1"]);
        assert_eq!(refs("see 10.1.1 and (CLD.6.3.1)."), ["10.1.1", "CLD.6.3.1"]);
        assert_eq!(refs("責任分界はCLD.6.3.1に記載"), ["CLD.6.3.1"]);
        assert_eq!(refs("6.1.9 を参照"), ["6.1.9"]);
        assert_eq!(refs("GLD.9.5.1 を参照"), ["GLD.9.5.1"]);
    }

    #[test]
    fn leaves_versions_and_other_numbers_alone() {
        assert!(refs("TLS 1.2 and 1.3; agent version 2.4.1; 192.168.1.1").is_empty());
        assert!(refs("v5.1.1").is_empty());
        assert!(refs("5.1.1.4").is_empty());
    }

    /// What the hand scan replaces; the tests hold it to the same matches.
    const PATTERN: &str = r"(?:(?:A|CLD|[A-Z]{2,4})\s?[.．]\s?)?\d{1,2}[.．]\d{1,2}[.．]\d{1,2}";

    fn scanned(text: &str) -> Vec<(usize, &str)> {
        candidates(text).collect()
    }

    fn by_regex(text: &str) -> Vec<(usize, &str)> {
        let re = regex::Regex::new(PATTERN).unwrap();
        re.find_iter(text)
            .map(|m| (m.start(), m.as_str()))
            .collect()
    }

    #[test]
    fn classes_are_the_regex_classes_for_every_char() {
        let digit = regex::Regex::new(r"^\d$").unwrap();
        let space = regex::Regex::new(r"^\s$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_decimal(c), digit.is_match(s), "{c:?}");
            assert_eq!(c.is_whitespace(), space.is_match(s), "{c:?}");
        }
    }

    #[test]
    fn scan_matches_the_regex_on_tricky_text() {
        for text in [
            "A.6.1.1 CLD.6.3.1 GLD . 9.5.1 ABCDE.1.2.3 XABCD.1.2.3 AB 1.2.3",
            "123.4.5 1.2.3.4 12.34.56 ６．１．１ A．６．１．１ CLD\u{3000}.\u{3000}1.2.3",
            "A .1.2.3 A. 1.2.3 A  .1.2.3 a.1.2.3 B.1.2.3 ٦.١.٢ A.१.२.३ 1..2.3 1.2. 1.2",
            "ＣＬＤ.1.2.3 AA.1.2.3A.1.2.3 9.9.99 999.9.9 A.B.1.2.3",
            // The longest leads to a first separator: 7 and 8 bytes.
            "ABCD\u{3000}.1.2.3 𝟏𝟗.1.2 ABCD\u{3000}．１．２．３ 𝟏𝟗．𝟏．𝟗",
        ] {
            assert_eq!(scanned(text), by_regex(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_matches_the_regex(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "A", "C", "L", "D", "X", "a", "1", "2", "9", "０", "５", "١", "०", ".", "．",
                " ", "\u{3000}", "\u{85}", "\n", "参照", "-", "CLD", "GLD", "ABCD", "𝟏", "𝟗",
                "\u{2028}",
            ]), 0..40)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(scanned(&text), by_regex(&text));
        }
    }
}
