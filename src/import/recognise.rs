//! Blocks → the parts of a whitepaper: cover, front sections, clause sections, revision
//! history, responsibility table, and whatever could not be placed.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, Kind};
use crate::catalog::Date;
use crate::reference::{ClauseId, Lang, Reference, StandardId};

/// A clause section found in the document.
#[derive(Debug)]
pub struct FoundClause {
    pub id: ClauseId,
    /// Where the heading is, to tell two sections for one clause apart.
    pub line: usize,
    pub body: Vec<Block>,
}

#[derive(Debug, Default)]
pub struct FoundSection {
    /// The provider's number as printed, folded to ASCII: `1`, `3.7`.
    pub number: Option<String>,
    pub title: String,
    pub body: Vec<Block>,
    /// The heading level where the source marks one (Markdown `##`, Word Heading 2).
    pub level: Option<u8>,
    /// After the clauses, or made by the importer (notes after a revision table): never
    /// a subsection.
    pub back: bool,
    pub subsections: Vec<FoundSection>,
}

#[derive(Debug)]
pub struct FoundRevision {
    pub version: String,
    pub date: Date,
    pub summary: String,
}

#[derive(Debug, Default)]
pub struct FoundResponsibility {
    pub parties: Vec<(String, String)>,
    pub layers: Vec<(String, Vec<String>, Option<String>)>,
}

/// Lines kept verbatim because they were interpreted, skipped or not placed.
#[derive(Debug, Default)]
pub struct Leftovers {
    pub toc: Vec<String>,
    pub cover: Vec<String>,
    /// Clause, section and grouping headings as written (the catalog keeps ids and titles).
    pub headings: Vec<String>,
    pub structured: Vec<String>,
    pub other: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Found {
    pub lang: Lang,
    pub title: Option<String>,
    pub version: Option<String>,
    pub date: Option<Date>,
    pub provider: Option<String>,
    pub service_name: Option<String>,
    pub url: Option<String>,
    /// Cover lines that are not title, name, version, date, provider or address, by
    /// where they stand: before the service name or title, or after.
    pub cover_above: Vec<String>,
    pub cover_below: Vec<String>,
    /// Every cover line read, in order (to place the ones above).
    cover_lines: Vec<String>,
    pub sections: Vec<FoundSection>,
    pub clauses: Vec<FoundClause>,
    pub revisions: Vec<FoundRevision>,
    pub responsibility: Option<FoundResponsibility>,
    pub leftovers: Leftovers,
    /// "GLD.9.5.1 → CLD.9.5.1 (title matches …)" and the like.
    pub repairs: Vec<String>,
    /// Headings read by their title alone or by their number alone, with their line.
    pub guesses: Vec<String>,
    /// What the reader must settle (a revision without a date), with its line.
    pub warnings: Vec<String>,
    /// Most clause headings were written `A.5.1.1`.
    pub annex: bool,
    /// Headings carried 27002:2022 annotations like （管理策 5.1）.
    pub annotated: bool,
}

static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<prefix>[A-Za-z]{1,4}\s*\.?\s*)?(?P<a>\d{1,2})\s*\.\s*(?P<b>\d{1,2})\s*\.\s*(?P<c>\d{1,2})(?P<rest>(?:[^\d.].*)?)$")
        .expect("valid regex")
});
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>(?:(?:A|CLD)\s*\.\s*)?\d{1,2}(?:\s*\.\s*\d{1,2})?)\s+(?P<title>\S.*)$")
        .expect("valid regex")
});
static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*(?:管理策|[Cc]ontrols?)\s*(?P<ids>[\d.\s,、・+＋]+?)\s*[）)]\s*$")
        .expect("valid regex")
});
/// A table-of-contents line anywhere: a dot leader (or a tab and a dot) before a page number.
static TOC_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\.{2,}|…+|・{3,}|\t\s*\.)\s*\d{1,3}\s*$").expect("valid regex")
});
/// Inside a table of contents, a tab before the page number is enough.
static TOC_TAB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\t|\s{3,})\s*\d{1,3}\s*$").expect("valid regex"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,2})\s*[.．]?\s*(?P<title>[\p{L}].{0,45})$").expect("valid regex")
});
/// A subsection's number: `3.1 提供機能`, `3.7. Support`.
static SUBNUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,2})\s*[.．]\s*(?P<m>\d{1,2})\s*[.．]?\s*(?P<title>[\p{L}].{0,45})$")
        .expect("valid regex")
});
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第\s*(?P<a>\d+(?:\.\d+)*)\s*版|(?:[Vv]er(?:sion)?\.?|[Vv])\s*(?P<b>\d+(?:\.\d+)*)|(?P<c>\d+\.\d+))$").expect("valid regex")
});
/// A version anywhere in a line: 「第 1.2 版」, "Version 1.2", "Ver. 1.2".
static VERSION_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*(\d+(?:\.\d+)*)\s*版|(?:Version|Ver\.?)\s*(\d+(?:\.\d+)*)")
        .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>(?:19|20)\d{2})\s*(?:[/.\-]|年)\s*(?P<m>\d{1,2})\s*(?:[/.\-]|月)\s*(?P<d>\d{1,2})\s*日?").expect("valid regex")
});
static REVISION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<v>(?:第\s*\d+(?:\.\d+)*\s*版|(?:[Vv]er(?:sion)?\.?\s*)\d+(?:\.\d+)*))\s*[:：]?\s*(?P<date>(?:19|20)\d{2}\s*(?:[/.\-]|年)\s*\d{1,2}\s*(?:[/.\-]|月)\s*\d{1,2}\s*日?)\s*[:：]?\s*(?P<summary>.*)$")
        .expect("valid regex")
});

/// Headings of front and back matter in published whitepapers.
const SECTION_WORDS: &[&str] = &[
    "について",
    "目的",
    "範囲",
    "用語",
    "窓口",
    "問い合わせ",
    "履歴",
    "はじめに",
    "概要",
    "連絡先",
    "本書",
    "Introduction",
    "Purpose",
    "Scope",
    "Terms",
    "Contact",
    "History",
    "Overview",
    "About",
];
const HISTORY_WORDS: &[&str] = &[
    "履歴",
    "Revision",
    "revision",
    "History",
    "history",
    "Change log",
];
const TOC_WORDS: &[&str] = &["目次", "Contents", "Table of contents", "CONTENTS"];
const END_MARKS: &[&str] = &[
    "以上",
    "End of document",
    "End of Document",
    "-以上-",
    "― 以上 ―",
];
const MARKS: &[char] = &['●', '○', '◯', '✓', '✔', '■', '◎'];

/// Full-width ASCII and ideographic spaces → ASCII.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(crate::reference::fold_width)
        .collect::<String>()
        .replace('．', ".")
}

/// A title reduced for comparison: no spaces, one spelling of the common kana/kanji variants.
fn norm_title(title: &str) -> String {
    let mut t: String = fold(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    for (from, to) in [
        ("および", "及び"),
        ("または", "又は"),
        ("ぜい弱", "脆弱"),
        ("(provisioning)", ""),
        ("クラウドサービス利用者", "クラウドサービスカスタマ"),
        ("クラウドカスタマ", "クラウドサービスカスタマ"),
        ("-", ""),
    ] {
        t = t.replace(from, to);
    }
    t
}

fn similarity(a: &str, b: &str) -> f64 {
    normalised_similarity(&norm_title(a), &norm_title(b))
}

fn normalised_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    strsim::normalized_levenshtein(a, b)
}

/// A title through [`norm_title`], with its characters sorted for a cheap bound on the
/// distance: most lines of a document are compared with every title, and the distance is
/// quadratic in length.
struct Norm {
    text: String,
    chars: Vec<char>,
}

impl Norm {
    fn new(title: &str) -> Norm {
        let text = norm_title(title);
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        Norm { text, chars }
    }

    /// The similarity with `other` when it can reach `min`, else 0: the edit distance is at
    /// least the longer title's characters the other lacks.
    fn score(&self, other: &Norm, min: f64) -> f64 {
        let longer = self.chars.len().max(other.chars.len());
        let slack = (1.0 - min) * longer as f64;
        if longer == 0 || self.chars.len().abs_diff(other.chars.len()) as f64 > slack {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < self.chars.len() && j < other.chars.len() {
            match self.chars[i].cmp(&other.chars[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        if (longer - shared) as f64 > slack {
            return 0.0;
        }
        normalised_similarity(&self.text, &other.text)
    }
}

/// Every clause with its titles (ja, en), once rather than per heading.
static TITLES: LazyLock<Vec<(ClauseId, Norm, Norm)>> = LazyLock::new(|| {
    let reference = Reference::get();
    reference
        .known_ids(StandardId::Iso27017_2015)
        .into_iter()
        .filter_map(|id| reference.resolve(StandardId::Iso27017_2015, id))
        .map(|c| (c.id.clone(), Norm::new(c.title_ja), Norm::new(c.title_en)))
        .collect()
});

/// The clause whose official title (ja or en) best matches `title` with at least `min`.
fn best_title(title: &str, min: f64) -> Option<(ClauseId, f64)> {
    best_of(title, min, &TITLES).map(|(id, score)| (id.clone(), score))
}

/// The best of `candidates` (an id with its titles) scoring at least `min`.
fn best_of<'a, T>(
    title: &str,
    min: f64,
    candidates: &'a [(T, Norm, Norm)],
) -> Option<(&'a T, f64)> {
    let title = Norm::new(title);
    candidates
        .iter()
        .map(|(id, ja, en)| (id, title.score(ja, min).max(title.score(en, min))))
        .filter(|(_, s)| *s >= min)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn title_of(id: &ClauseId) -> Option<(String, String)> {
    Reference::get()
        .resolve(StandardId::Iso27017_2015, id)
        .map(|c| (c.title_ja.to_string(), c.title_en.to_string()))
}

enum Line {
    Clause {
        id: ClauseId,
        annex: bool,
        annotated: bool,
        repair: Option<String>,
    },
    Group,
    Section {
        number: Option<String>,
        title: String,
        level: Option<u8>,
    },
    End,
    Body,
}

/// The text to classify: a row's cells joined, width folded.
fn plain(block: &Block) -> String {
    let text = if block.kind == Kind::Row {
        block
            .cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    } else if block.kind == Kind::Bold {
        unbold(&block.text)
    } else {
        block.text.clone()
    };
    fold(unescape(text.trim()).trim())
}

/// `**9.2.1 …**` → `9.2.1 …` (a DOCX bold paragraph has no marks to remove).
fn unbold(text: &str) -> String {
    let t = text.trim();
    ["**", "__"]
        .iter()
        .find_map(|m| t.strip_prefix(m).and_then(|r| r.strip_suffix(m)))
        .unwrap_or(t)
        .to_string()
}

/// Markdown's backslash escapes (`1\. はじめに`, as pandoc writes it) → the characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

fn is_toc(block: &Block, in_toc: bool) -> bool {
    if block.source.len() != 1 || block.source[0].trim().ends_with('。') {
        return false;
    }
    let line = fold(&block.source[0]);
    TOC_LEADER.is_match(&line) || (in_toc && TOC_TAB.is_match(&line))
}

fn clause_heading(block: &Block, text: &str) -> Option<Line> {
    if matches!(block.kind, Kind::Item | Kind::Markdown) {
        return None;
    }
    // A long English title a converter wrapped is one heading.
    let flat = text.replace('\n', " ");
    let caps = CLAUSE.captures(&flat)?;
    let prefix = caps
        .name("prefix")
        .map(|m| m.as_str().replace([' ', '.'], ""))
        .unwrap_or_default();
    let numbers = format!("{}.{}.{}", &caps["a"], &caps["b"], &caps["c"]);
    let mut title = caps["rest"].trim().to_string();
    let annotated = ANNOTATION.is_match(&title);
    if annotated {
        title = ANNOTATION.replace(&title, "").trim().to_string();
    }
    let heading_kind = matches!(block.kind, Kind::Heading(_));
    if title.is_empty() && !heading_kind {
        return None;
    }
    let written = if prefix.is_empty() {
        numbers.clone()
    } else {
        format!("{prefix}.{numbers}")
    };
    let annex = prefix.eq_ignore_ascii_case("A");
    let parsed = ClauseId::parse(&written)
        .ok()
        .filter(|id| title_of(id).is_some());
    let own_score = parsed.as_ref().and_then(title_of).map_or(0.0, |(ja, en)| {
        similarity(&title, &ja).max(similarity(&title, &en))
    });
    // A sentence that merely starts with a clause number is text, not a heading; a long
    // line that is the clause's official title (CLD.6.3.1 in English) is its heading.
    let sentence = title.chars().count() > 60
        || title.ends_with('。')
        || title.starts_with(['を', 'の', 'に', 'は', 'で', 'へ']);
    if !heading_kind && sentence && own_score < 0.8 {
        return None;
    }
    let best = best_title(&title, 0.75);
    let clause = |id: ClauseId, repair: Option<String>| {
        Some(Line::Clause {
            id,
            annex,
            annotated,
            repair,
        })
    };
    match (parsed, best) {
        (Some(id), _) if title.is_empty() || own_score >= 0.5 => clause(id, None),
        (Some(id), Some((other, score))) if score >= 0.8 && other != id => {
            let repair = format!(
                "{written} → {other}: the heading's title 「{title}」 is the title of {other} ({score:.2})"
            );
            clause(other, Some(repair))
        }
        (Some(id), _) if heading_kind || title.chars().count() <= 40 => clause(id, None),
        (None, Some((other, score))) if score >= 0.75 => {
            let repair = format!(
                "{written} → {other}: no such clause; the title 「{title}」 matches ({score:.2})"
            );
            clause(other, Some(repair))
        }
        _ => None,
    }
}

/// The provider's own numbering before a heading: `3.`, `(3)`, `3)`, `第3章`, `①`.
static OWN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[(（]?\d{1,3}(?:\.\d{1,3})*[.)）]?|第\s*\d{1,3}\s*[章節条項]|[①-⑳])\s*")
        .expect("valid regex")
});

/// A heading that is only an official title (ja or en, JIS-era spellings folded by
/// [`norm_title`]) after the provider's own numbering, if any: a clause or a grouping
/// heading, with the guess for the report.
fn title_heading(block: &Block, text: &str) -> Option<(Line, String)> {
    if matches!(block.kind, Kind::Item | Kind::Markdown | Kind::Row) {
        return None;
    }
    let flat = text.replace('\n', " ");
    let title = OWN_NUMBER.replace(&flat, "").trim().to_string();
    let count = title.chars().count();
    if !(4..=100).contains(&count) || title.ends_with(['。', '.', '、', ':', '：']) {
        return None;
    }
    let (id, score) = best_title(&title, TITLE_ALONE)?;
    // A clause's title that is also its group's (5.1.1 and 5) is the clause's.
    let group = best_group(&title, score).filter(|(_, s)| *s > score);
    Some(match group {
        Some((group, score)) => (
            Line::Group,
            format!("「{flat}」 read as the grouping heading {group} by its title ({score:.2})"),
        ),
        None => (
            Line::Clause {
                id: id.clone(),
                annex: false,
                annotated: false,
                repair: None,
            },
            format!("「{flat}」 read as clause {id} by its title alone ({score:.2})"),
        ),
    })
}

/// How close a heading without a clause number must come to an official title.
const TITLE_ALONE: f64 = 0.85;

/// The grouping heading whose title (ja or en) best matches `title` with at least `min`.
fn best_group(title: &str, min: f64) -> Option<(String, f64)> {
    best_of(title, min, &GROUP_TITLES).map(|(id, score)| (id.to_string(), score))
}

/// A grouping heading (`A.12.4 ログ取得及び監視`): by its title, or, among the clauses, by
/// its number alone when the title is worded otherwise (JIS-era or translated wording) —
/// the latter a guess for the report.
fn group_heading(block: &Block, text: &str, in_clauses: bool) -> Option<Option<String>> {
    if matches!(block.kind, Kind::Item | Kind::Markdown) {
        return None;
    }
    let caps = GROUP.captures(text)?;
    let title = norm_title(&caps["title"]);
    let number = caps["num"].replace(' ', "");
    let number = number.strip_prefix("A.").unwrap_or(&number);
    // The provider's own numbers (`1 情報セキュリティのための方針群`) are left to
    // `title_heading`, which tells a clause from a grouping heading by the title.
    let (id, ja, en) = GROUP_TITLES.iter().find(|(id, _, _)| *id == number)?;
    let score =
        normalised_similarity(&title, &ja.text).max(normalised_similarity(&title, &en.text));
    if score >= 0.85 {
        return Some(None);
    }
    // A category (two levels: `9.4`, `CLD.9.5`) worded otherwise.
    if !id.contains('.') {
        return None;
    }
    let raw = caps["title"].trim();
    let heading_like = raw.chars().count() <= 60 && !raw.ends_with(['。', '.', '、', ':', '：']);
    (heading_like && (in_clauses || score >= 0.5)).then(|| {
        Some(format!(
            "「{text}」 read as the grouping heading {id} by its number (its title matches {score:.2})"
        ))
    })
}

/// Every clause group's titles (ja, en), once.
static GROUP_TITLES: LazyLock<Vec<(&str, Norm, Norm)>> = LazyLock::new(|| {
    let standard = Reference::get().standard(StandardId::Iso27017_2015);
    standard
        .groups()
        .iter()
        .map(|g| (g.id, Norm::new(g.title_ja), Norm::new(g.title_en)))
        .collect()
});

/// `fresh`: the current section has no body yet (two worded headings in a row are a
/// heading and its first line, as in 「お問い合わせの窓口」 followed by the form's name).
fn section_heading(
    block: &Block,
    text: &str,
    in_clauses: bool,
    last_number: Option<u32>,
    fresh: bool,
) -> Option<Line> {
    if matches!(block.kind, Kind::Item | Kind::Markdown | Kind::Row) {
        return None;
    }
    let is_history = HISTORY_WORDS.iter().any(|w| text.contains(w)) && text.chars().count() <= 30;
    if let Kind::Heading(level) = block.kind {
        let (number, title) = split_number(text);
        return Some(Line::Section {
            number,
            title,
            level: Some(level),
        });
    }
    if text.ends_with(['。', '.', ':', '：', '、']) || text.chars().count() > 45 {
        return None;
    }
    // 「3.1 提供機能」 under 「3. サービスの概要」, before the clauses.
    if let Some(caps) = SUBNUMBERED.captures(text)
        && !in_clauses
        && last_number.is_some_and(|last| caps["n"].parse() == Ok(last))
    {
        return Some(Line::Section {
            number: Some(format!("{}.{}", &caps["n"], &caps["m"])),
            title: caps["title"].trim().to_string(),
            level: None,
        });
    }
    if let Some(caps) = NUMBERED.captures(text) {
        let n: u32 = caps["n"].parse().unwrap_or(0);
        let follows = last_number.is_none_or(|last| n == last + 1);
        if (!in_clauses && (follows || last_number.is_none()))
            || (in_clauses && last_number.is_some_and(|last| n == last + 1))
        {
            return Some(Line::Section {
                number: Some(n.to_string()),
                title: caps["title"].trim().to_string(),
                level: None,
            });
        }
    }
    let worded = text.chars().count() <= 30 && SECTION_WORDS.iter().any(|w| text.contains(w));
    if (!in_clauses && worded && !fresh) || is_history {
        return Some(Line::Section {
            number: None,
            title: text.to_string(),
            level: None,
        });
    }
    None
}

/// A short bold paragraph that reads as a heading, not a sentence.
fn is_bold_heading(block: &Block, text: &str) -> bool {
    block.kind == Kind::Bold
        && !text.contains('\n')
        && text.chars().count() <= 30
        && !text.ends_with(['。', '.', ':', '：', '、'])
}

/// `3.1 提供機能` → (`3.1`, `提供機能`); `1. 目的` → (`1`, `目的`).
fn split_number(text: &str) -> (Option<String>, String) {
    if let Some(c) = SUBNUMBERED.captures(text) {
        return (
            Some(format!("{}.{}", &c["n"], &c["m"])),
            c["title"].trim().to_string(),
        );
    }
    match NUMBERED.captures(text) {
        Some(c) => (Some(c["n"].to_string()), c["title"].trim().to_string()),
        None => (None, text.to_string()),
    }
}

fn parse_date(text: &str) -> Option<Date> {
    if let Some(c) = DATE.captures(text) {
        let (y, m, d) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        return chrono::NaiveDate::from_ymd_opt(y, m, d).map(Date);
    }
    // English dates: "April 1, 2025", "1 April 2025", "Apr 1, 2025"; chrono also reads
    // signed and five-digit years, which a catalog date cannot be.
    let t = text.trim().trim_end_matches('.');
    ["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(t, f).ok())
        .filter(|d| (0..=9999).contains(&chrono::Datelike::year(d)))
        .map(Date)
}

fn parse_version(text: &str) -> Option<String> {
    let t = fold(text.trim()).replace(' ', "");
    let c = VERSION.captures(&t)?;
    c.name("a")
        .or(c.name("b"))
        .or(c.name("c"))
        .map(|m| m.as_str().to_string())
}

fn is_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// Whether the recogniser reads `block` on its own as a line of structure: a clause,
/// grouping or title heading, a revision-table header or a revision entry. Wrapped lines
/// are never joined onto or from such a line (see `wrap`), so joining cannot hide it.
pub(super) fn stands_alone(block: &Block) -> bool {
    let text = plain(block);
    clause_heading(block, &text).is_some()
        || group_heading(block, &text, true).is_some()
        || title_heading(block, &text).is_some()
        || is_history_header(block)
        || revision_line(&text).is_some()
        || dateless_line(&text).is_some()
}

/// The entries of tables of contents without page numbers (as a rendered HTML page or a
/// Word file without fields has them): after a contents heading, the heading-like lines up
/// to the one that repeats the first entry, where the document itself begins. Without that
/// repetition nothing is taken: the lines may be the document's own headings. The first
/// such table only: a whitepaper has one.
fn bare_contents(blocks: &[Block]) -> std::ops::Range<usize> {
    let entry = |b: &Block, text: &str| {
        b.source.len() == 1
            // A row: a contents laid out as a table (number | title), read from a PDF.
            && matches!(b.kind, Kind::Text | Kind::Bold | Kind::Item | Kind::Row)
            && text.chars().count() <= 100
            && !text.ends_with(['。', '.', ':', '：', '、'])
    };
    for (i, heading) in blocks.iter().enumerate() {
        if !TOC_WORDS.iter().any(|w| plain(heading) == *w) {
            continue;
        }
        let Some(first) = blocks.get(i + 1).map(plain) else {
            break;
        };
        for (j, b) in blocks.iter().enumerate().skip(i + 2) {
            let text = plain(b);
            if text == first {
                return i + 1..j;
            }
            // The next contents heading ends the search, so each line is read once.
            if !entry(b, &text) || TOC_WORDS.contains(&text.as_str()) {
                break;
            }
        }
    }
    0..0
}

/// Walk the blocks once, placing each.
pub fn recognise(blocks: Vec<Block>) -> Found {
    let mut found = Found {
        lang: if blocks.iter().take(200).any(|b| is_japanese(&b.text)) {
            Lang::Ja
        } else {
            Lang::En
        },
        ..Found::default()
    };
    #[derive(PartialEq)]
    enum Part {
        Cover,
        Front,
        Clauses,
        Back,
    }
    let mut part = Part::Cover;
    let mut last_number: Option<u32> = None;
    let mut in_toc = false;
    let mut history = History::default();
    let (mut annex_votes, mut plain_votes) = (0usize, 0usize);
    let bare = bare_contents(&blocks);
    for (k, block) in blocks.into_iter().enumerate() {
        let text = plain(&block);
        let in_clauses = part == Part::Clauses || part == Part::Back;
        // A table of contents: its heading, then lines ending in page numbers.
        if TOC_WORDS.iter().any(|w| text == *w) {
            in_toc = true;
            if part == Part::Cover {
                part = Part::Front;
            }
            found.leftovers.toc.extend(block.source);
            continue;
        }
        if is_toc(&block, in_toc) || bare.contains(&k) {
            found.leftovers.toc.extend(block.source);
            continue;
        }
        in_toc = false;
        // A title heading (Markdown `#`, Word "Title"/"Heading 1") on the cover.
        if part == Part::Cover && matches!(block.kind, Kind::Heading(_)) && is_title(&text) {
            cover_line(&mut found, &text);
            found.leftovers.cover.extend(block.source);
            continue;
        }
        // A notice (「無断転載禁止」) before the document begins is the cover's, whatever
        // its form: never a section, never the heading of what follows.
        if is_notice(&text)
            && !text.contains('\n')
            && (part == Part::Cover || (found.sections.is_empty() && found.clauses.is_empty()))
        {
            cover_line(&mut found, &text);
            found.leftovers.cover.extend(block.source);
            continue;
        }
        // A revision table wherever the first pages put it, the cover included; rows of
        // an open table are read as rows before anything else.
        if !in_clauses && !history.on && is_history_header(&block) {
            history = History {
                on: true,
                tail: Tail::None,
            };
            found.leftovers.structured.extend(block.source);
            continue;
        }
        if history.on && revision(&mut found, &block, &text, &mut history, false) {
            continue;
        }
        let guess = |found: &mut Found, g: String| {
            found.guesses.push(format!("line {}: {g}", block.line));
        };
        let line = if END_MARKS.contains(&text.as_str()) {
            Line::End
        } else if let Some(l) = clause_heading(&block, &text) {
            l
        } else if let Some(g) = group_heading(&block, &text, in_clauses) {
            if let Some(g) = g {
                guess(&mut found, g);
            }
            Line::Group
        } else if let Some((l, g)) = title_heading(&block, &text) {
            guess(&mut found, g);
            l
        } else if part == Part::Front && is_bold_heading(&block, &text) {
            // Front matter headed by bold paragraphs (Word without heading styles).
            let (number, title) = split_number(&text);
            Line::Section {
                number,
                title,
                level: None,
            }
        } else if let Some(l) = section_heading(
            &block,
            &text,
            in_clauses,
            last_number,
            found.sections.last().is_some_and(|s| s.body.is_empty()) && part == Part::Front,
        ) {
            l
        } else {
            Line::Body
        };
        match line {
            Line::End => found.leftovers.structured.extend(block.source),
            Line::Group => found.leftovers.headings.extend(block.source),
            Line::Clause {
                id,
                annex,
                annotated,
                repair,
            } => {
                if annex {
                    annex_votes += 1;
                } else if !id.is_cld() {
                    plain_votes += 1;
                }
                found.annotated |= annotated;
                if let Some(r) = repair {
                    found.repairs.push(format!("line {}: {r}", block.line));
                }
                part = Part::Clauses;
                history = History::default();
                found.leftovers.headings.extend(block.source);
                found.clauses.push(FoundClause {
                    id,
                    line: block.line,
                    body: Vec::new(),
                });
            }
            Line::Section {
                number,
                title,
                level,
            } => {
                // The top level's number: a subsection's `3.1` keeps `3` open.
                if let Some(n) = number.as_deref().and_then(|n| n.parse().ok()) {
                    last_number = Some(n);
                }
                if part == Part::Clauses {
                    part = Part::Back;
                } else if part == Part::Cover {
                    part = Part::Front;
                }
                history = History {
                    on: HISTORY_WORDS.iter().any(|w| title.contains(w)),
                    ..History::default()
                };
                found.leftovers.headings.extend(block.source);
                if !history.on {
                    found.sections.push(FoundSection {
                        number,
                        title,
                        level,
                        back: part == Part::Back,
                        ..FoundSection::default()
                    });
                }
            }
            // On the cover, the lines after a table are the cover's.
            Line::Body
                if history.on
                    && revision(&mut found, &block, &text, &mut history, part != Part::Cover) => {}
            // A table on the cover ends where the cover goes on.
            Line::Body if part == Part::Cover => {
                history = History::default();
                cover_line(&mut found, &text);
                found.leftovers.cover.extend(block.source);
            }
            Line::Body if history.on => {
                // Notes after a revision table (trademarks, ...) stay as a section.
                let title = if found.lang == Lang::Ja {
                    "注記"
                } else {
                    "Notes"
                };
                if found.sections.last().is_none_or(|s| s.title != title) {
                    found.sections.push(FoundSection {
                        title: title.into(),
                        back: true,
                        ..FoundSection::default()
                    });
                }
                history = History::default();
                found.sections.last_mut().expect("pushed").body.push(block);
            }
            Line::Body => match (&part, found.clauses.last_mut(), found.sections.last_mut()) {
                (Part::Clauses, Some(c), _) => c.body.push(block),
                (_, _, Some(s)) => s.body.push(block),
                _ => found.leftovers.other.extend(block.source),
            },
        }
    }
    found.annex = annex_votes > plain_votes;
    if found.service_name.is_none() {
        // 「スポテク® ホワイトペーパー」: the title without the document words names the service.
        found.service_name = found
            .title
            .as_ref()
            .map(|t| {
                let mut name = t.clone();
                for w in [
                    "ISO/IEC 27017",
                    "ISO/IEC27017",
                    "ホワイトペーパー",
                    "Whitepaper",
                    "White Paper",
                    "whitepaper",
                ] {
                    name = name.replace(w, "");
                }
                name.trim_matches(|c: char| c.is_whitespace() || "—–-:：|・".contains(c))
                    .to_string()
            })
            .filter(|n| !n.is_empty());
    }
    extract_responsibility(&mut found);
    place_cover_lines(&mut found);
    found.sections = nest(std::mem::take(&mut found.sections), &found.leftovers.toc);
    found
}

/// Subsections under their sections, by what the source tells: a number `3.1` under `3`,
/// a deeper heading level, an indented contents entry, or — in a document that numbers
/// its sections — an unnumbered heading between two numbered ones (「1. 目的」,
/// 「ISO/IEC 27017 について」, 「2. …」). A heading with nothing under it (「3. 管理策の
/// 実施状況」 before the clauses) is only structure, its line already under `headings`.
fn nest(flat: Vec<FoundSection>, toc: &[String]) -> Vec<FoundSection> {
    let indented = toc_indentation(toc);
    let top_level = flat.iter().filter_map(|s| s.level).min();
    let numbered_top =
        |s: &FoundSection| !s.back && s.number.as_deref().is_some_and(|n| !n.contains('.'));
    let numbered_after: Vec<bool> = (0..flat.len())
        .map(|i| flat[i + 1..].iter().any(numbered_top))
        .collect();
    let mut out: Vec<FoundSection> = Vec::new();
    for (i, s) in flat.into_iter().enumerate() {
        let parent = out.last_mut().filter(|p| !p.back);
        let sub = !s.back
            && match (&s.number, indented.get(&toc_key(&s.title)), s.level) {
                (Some(n), _, _) => n.contains('.'),
                (None, Some(&deeper), _) => deeper,
                (None, None, Some(level)) => top_level.is_some_and(|top| level > top),
                (None, None, None) => {
                    numbered_after[i] && parent.as_ref().is_some_and(|p| numbered_top(p))
                }
            };
        match parent {
            Some(p) if sub => {
                if !s.body.is_empty() {
                    p.subsections.push(s);
                }
            }
            _ => out.push(s),
        }
    }
    out.retain(|s| !s.body.is_empty() || !s.subsections.is_empty());
    out
}

/// Contents entries by title → whether the entry is indented deeper than the numbered
/// top-level entries (`1.\t目的` then `\tISO/IEC 27017 について`); empty when
/// no entry is.
fn toc_indentation(toc: &[String]) -> std::collections::HashMap<String, bool> {
    let indent = |line: &str| line.chars().take_while(|c| c.is_whitespace()).count();
    let top = toc
        .iter()
        .filter(|l| NUMBERED.is_match(&toc_title(l)))
        .map(|l| indent(l))
        .min();
    // Contents without indentation (as PDF text gives them) tell nothing.
    let Some(top) = top.filter(|&top| toc.iter().any(|l| indent(l) > top)) else {
        return std::collections::HashMap::new();
    };
    toc.iter()
        .map(|l| {
            (
                toc_key(&OWN_NUMBER.replace(&toc_title(l), "")),
                indent(l) > top,
            )
        })
        .collect()
}

/// A contents line without its indentation and page number: `1.\t目的\t. 1` → `1.\t目的`.
fn toc_title(line: &str) -> String {
    let folded = fold(line.trim());
    TOC_TAB
        .replace(&TOC_LEADER.replace(&folded, ""), "")
        .trim()
        .to_string()
}

/// How a title is compared between the contents and the body: width folded, no spaces.
fn toc_key(title: &str) -> String {
    fold(title).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Cover lines the cover's fields do not hold (a tagline, a notice) stay on the cover:
/// above the title block when they come before the service name or title, else below.
fn place_cover_lines(found: &mut Found) {
    let mut above = true;
    for line in std::mem::take(&mut found.cover_lines) {
        let is = |field: &Option<String>| field.as_deref().is_some_and(|f| line.contains(f));
        // A notice naming the service or provider (「© 2026 株式会社…」) is still a notice.
        let notice = is_notice(&line);
        let named =
            !notice && (is(&found.service_name) || found.title.as_deref() == Some(line.as_str()));
        let field = !notice
            && (named
                || is(&found.provider)
                || is(&found.url)
                || VERSION_IN.is_match(&line)
                || (parse_date(&line).is_some() && line.chars().count() <= 30));
        if named {
            above = false;
        }
        if !field {
            if above {
                found.cover_above.push(line);
            } else {
                found.cover_below.push(line);
            }
        }
    }
}

fn is_title(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("ホワイトペーパー")
        || lower.contains("whitepaper")
        || lower.contains("white paper")
}

/// Title, version, date and provider from the cover lines.
fn cover_line(found: &mut Found, text: &str) {
    // A Markdown cover paragraph carries several lines (hard breaks, **bold** names).
    if text.contains('\n') {
        for line in text.lines() {
            cover_line(found, line.trim().trim_end_matches('\\').trim());
        }
        return;
    }
    let text = text.replace("**", "");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    found.cover_lines.push(text.to_string());
    if is_notice(text) {
        return;
    }
    let url = text.trim_start_matches('<').trim_end_matches('>');
    if (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(' ') {
        found.url.get_or_insert(url.to_string());
        return;
    }
    // 「第 1.2 版 / 2026 年 10 月 1 日」: version and date may share a line.
    let version = VERSION_IN.captures(text).and_then(|c| {
        c.iter()
            .skip(1)
            .flatten()
            .next()
            .map(|m| m.as_str().to_string())
    });
    let date = parse_date(text);
    if version.is_some() || (date.is_some() && text.chars().count() <= 30) {
        if let Some(v) = version {
            found.version.get_or_insert(v);
        }
        if let Some(d) = date {
            found.date.get_or_insert(d);
        }
        return;
    }
    if is_title(text) {
        found.title.get_or_insert(text.to_string());
        return;
    }
    // 「サービス名 — 株式会社…」: a name and the provider on one line.
    let (name, provider) = match text.split_once(" — ").or_else(|| text.split_once(" - ")) {
        Some((a, b)) if is_company(b) => (Some(a.trim()), Some(b.trim())),
        _ if is_company(text) => (None, Some(text)),
        _ => (Some(text), None),
    };
    if let Some(p) = provider {
        found.provider.get_or_insert(p.to_string());
    }
    let Some(name) = name else { return };
    if let Some(start) = name.find('「') {
        // A quoted name (「コミュたす」) is the service's name, over any earlier guess.
        let rest = &name[start + '「'.len_utf8()..];
        if let Some(end) = rest.find('」') {
            found.service_name = Some(rest[..end].to_string());
        }
    } else if found.service_name.is_none()
        && name.chars().count() <= 40
        && !name.starts_with("ISO")
        // A notice (「無断複製を禁じます。」) is a sentence, not a name.
        && !name.ends_with(['。', '.'])
    {
        found.service_name = Some(name.to_string());
    }
}

/// A cover notice: 「無断転載禁止」, 「複製を禁じます」, "Confidential", a copyright line.
fn is_notice(text: &str) -> bool {
    text.chars().count() <= 80
        && [
            "禁止",
            "禁じ",
            "社外秘",
            "無断",
            "機密",
            "Confidential",
            "CONFIDENTIAL",
            "All rights reserved",
            "All Rights Reserved",
            "Copyright",
            "©",
        ]
        .iter()
        .any(|w| text.contains(w))
}

fn is_company(text: &str) -> bool {
    [
        "株式会社",
        "有限会社",
        "合同会社",
        "Inc.",
        "Corp",
        "Ltd",
        "LLC",
        "K.K.",
        "GmbH",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Where the revision table stands, and where a continued entry's next line goes.
#[derive(Default)]
struct History {
    on: bool,
    tail: Tail,
}

#[derive(Default, PartialEq)]
enum Tail {
    #[default]
    None,
    /// The last revision read: its summary continues.
    Dated,
    /// An entry without a date, kept under `unplaced.other`: so are its next lines.
    Dateless,
}

const VERSION_HEADS: &[&str] = &[
    "版数",
    "版",
    "改訂版数",
    "Version",
    "Ver",
    "Rev",
    "Revision",
];
const DATE_HEADS: &[&str] = &["日付", "改訂日", "更新日", "発行日", "Date"];
const SUMMARY_HEADS: &[&str] = &[
    "内容",
    "改訂内容",
    "更新内容",
    "変更内容",
    "改版内容",
    "概要",
    "備考",
    "Summary",
    "Description",
    "Changes",
    "Notes",
];

/// The header row of a revision table (`版数 | 日付 | 改訂内容`), as cells or as words
/// of a line: a version head and a date head among headings only.
fn is_history_header(block: &Block) -> bool {
    let words: Vec<&str> = match block.kind {
        Kind::Row => block
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect(),
        Kind::Text => block.text.split_whitespace().collect(),
        _ => return false,
    };
    let head = |list: &[&str], w: &str| list.contains(&w);
    // Cells of a version and a date alone are a cover's `版数 | 日付` box, not a history.
    let summary = block.kind != Kind::Row || words.iter().any(|w| head(SUMMARY_HEADS, w));
    summary
        && words.len() >= 2
        && words.iter().any(|w| head(VERSION_HEADS, w))
        && words.iter().any(|w| head(DATE_HEADS, w))
        && words
            .iter()
            .all(|w| head(VERSION_HEADS, w) || head(DATE_HEADS, w) || head(SUMMARY_HEADS, w))
}

/// A revision-history row or line: an entry, an entry without a date (kept under
/// `unplaced.other` and reported, never given an invented date), the next line of the
/// last entry; false when the block is none of these. Before a line is read as anything
/// else only an indented line continues an entry; after (`loose`), also a short one.
fn revision(
    found: &mut Found,
    block: &Block,
    text: &str,
    history: &mut History,
    loose: bool,
) -> bool {
    let source = || block.source.iter().cloned();
    if block.kind == Kind::Markdown {
        // A Markdown list of revisions: every item must read as one.
        let items: Vec<&str> = block
            .text
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*', '+']).trim())
            .collect();
        let parsed: Vec<FoundRevision> = items
            .iter()
            .filter_map(|l| revision_line(&fold(l)))
            .collect();
        if parsed.is_empty() || parsed.len() != items.len() {
            return false;
        }
        found.revisions.extend(parsed);
        found.leftovers.structured.extend(source());
        history.tail = Tail::None;
        return true;
    }
    if is_history_header(block) {
        found.leftovers.structured.extend(source());
        return true;
    }
    let (cells, continued): (Vec<&str>, bool) = if block.kind == Kind::Row {
        let all: Vec<&str> = block.cells.iter().map(|c| c.trim()).collect();
        let lead = all.iter().take_while(|c| c.is_empty()).count();
        let cells: Vec<&str> = all.into_iter().filter(|c| !c.is_empty()).collect();
        let continued = lead >= 1 && !cells.is_empty();
        (cells, continued)
    } else {
        let indented =
            block.source.len() == 1 && block.source[0].starts_with([' ', '\t', '\u{3000}']);
        let short = loose && text.chars().count() <= 60 && !text.ends_with(['。', '.']);
        (Vec::new(), indented || short)
    };
    let entry = if block.kind == Kind::Row {
        row_revision(&cells)
    } else {
        revision_line(text)
            .map(Ok)
            .or_else(|| dateless_line(text).map(Err))
    };
    match entry {
        Some(Ok(r)) => {
            found.revisions.push(r);
            found.leftovers.structured.extend(source());
            history.tail = Tail::Dated;
        }
        Some(Err(version)) => {
            found.warnings.push(format!(
                "line {}: revision {version} has no date; its line is kept under `unplaced.other`: add it to document.revisions with its date",
                block.line
            ));
            found.leftovers.other.extend(source());
            history.tail = Tail::Dateless;
        }
        None if continued => match history.tail {
            Tail::Dated => {
                let more = if cells.is_empty() {
                    text.to_string()
                } else {
                    cells.join(" ")
                };
                let last = found.revisions.last_mut().expect("a revision was read");
                join_text(&mut last.summary, &more);
                found.leftovers.structured.extend(source());
            }
            Tail::Dateless => found.leftovers.other.extend(source()),
            Tail::None => return false,
        },
        None => return false,
    }
    true
}

/// A table row: version, date, summary; `Err(version)` when no cell holds a date.
fn row_revision(cells: &[&str]) -> Option<Result<FoundRevision, String>> {
    let version = parse_version(cells.first()?)?;
    match cells.get(1).and_then(|c| parse_date(c)) {
        Some(date) => Some(Ok(FoundRevision {
            version,
            date,
            summary: cells[2..].join(" "),
        })),
        None if cells.iter().all(|c| parse_date(c).is_none()) => Some(Err(version)),
        None => None,
    }
}

/// `第 1.2 版 誤字を修正`: a version and a summary, no date.
fn dateless_line(text: &str) -> Option<String> {
    if parse_date(text).is_some() {
        return None;
    }
    let (head, rest) = text.split_once(char::is_whitespace)?;
    let version = parse_version(head).or_else(|| {
        // 「第 1.2 版」 and "Ver. 1.2" hold a space themselves.
        let (second, _) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        parse_version(&format!("{head}{second}"))
    })?;
    (head.starts_with('第') || head.to_lowercase().starts_with('v')).then_some(version)
}

/// The next line of a summary: a line break in Japanese is no space, in other text one.
fn join_text(summary: &mut String, more: &str) {
    let wide = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'))
    };
    if !summary.is_empty() && !wide(summary.chars().last()) && !wide(more.chars().next()) {
        summary.push(' ');
    }
    summary.push_str(more.trim());
}

/// `Ver. 1.1 : 2021/02/12 改訂内容` or `第 1.1 版 2021年2月12日 …`.
fn revision_line(text: &str) -> Option<FoundRevision> {
    let c = REVISION_LINE.captures(text)?;
    Some(FoundRevision {
        version: parse_version(&c["v"])?,
        date: parse_date(&c["date"])?,
        summary: c["summary"].trim().to_string(),
    })
}

/// The first grid in a front section whose party columns hold only marks becomes the
/// shared-responsibility table; anything less regular stays as text.
fn extract_responsibility(found: &mut Found) {
    for section in &mut found.sections {
        // Every table of the section, in order: a figure drawn as a table may come first,
        // and a wider row than the one before may start a table right after another.
        let body = &section.body;
        let is_row = |i: usize| body[i].kind == Kind::Row;
        let firsts: Vec<usize> = (0..body.len())
            .filter(|&i| {
                is_row(i)
                    && (i == 0 || !is_row(i - 1) || body[i].cells.len() > body[i - 1].cells.len())
            })
            .collect();
        for first in firsts {
            let structured = &mut found.leftovers.structured;
            if let Some(resp) = grid(&mut section.body, first, structured) {
                found.responsibility = Some(resp);
                return;
            }
        }
    }
}

/// The responsibility grid whose header row is `body[first]`, its rows moved from `body`
/// to `structured`; `None` (nothing moved) when the table there is no such grid.
fn grid(
    body: &mut Vec<Block>,
    first: usize,
    structured: &mut Vec<String>,
) -> Option<FoundResponsibility> {
    let run: Vec<usize> = (first..body.len())
        .take_while(|&i| body[i].kind == Kind::Row)
        .collect();
    if run.len() < 3 {
        return None;
    }
    let header = body[first].cells.clone();
    let width = header.len();
    if width < 3 || !run.iter().all(|&i| body[i].cells.len() <= width) {
        return None;
    }
    // Trailing empty cells are often dropped by the tool that made the text: pad them.
    for &i in &run {
        body[i].cells.resize(width, String::new());
    }
    let note_col = header
        .last()
        .is_some_and(|h| ["備考", "Notes", "Note", "説明"].contains(&h.trim()));
    let party_cols: Vec<usize> = (1..width - usize::from(note_col)).collect();
    let is_mark = |c: &str| {
        c.trim().is_empty()
            || c.trim()
                .chars()
                .all(|ch| MARKS.contains(&ch) || ch == '-' || ch == '×')
    };
    // A header repeated where the table goes on over a page is not a layer.
    let body_rows: Vec<usize> = run[1..]
        .iter()
        .copied()
        .filter(|&i| body[i].cells != header)
        .collect();
    let grid = body_rows
        .iter()
        .all(|&i| party_cols.iter().all(|&c| is_mark(&body[i].cells[c])))
        && body_rows.iter().any(|&i| {
            party_cols
                .iter()
                .any(|&c| body[i].cells[c].chars().any(|ch| MARKS.contains(&ch)))
        });
    if !grid {
        return None;
    }
    let mut resp = FoundResponsibility::default();
    for &c in &party_cols {
        let label = header[c].trim().to_string();
        resp.parties
            .push((party_key(&label, c, &resp.parties), label));
    }
    // The one party no word identified, where no provider was named, is the provider
    // itself ("Hoshizora Systems").
    let unnamed: Vec<usize> = (0..resp.parties.len())
        .filter(|&k| resp.parties[k].0.starts_with("party"))
        .collect();
    if unnamed.len() == 1 && !resp.parties.iter().any(|(k, _)| k == "provider") {
        resp.parties[unnamed[0]].0 = "provider".to_string();
    }
    for &i in &body_rows {
        let cells = &body[i].cells;
        let owners = party_cols
            .iter()
            .enumerate()
            .filter(|(_, c)| cells[**c].chars().any(|ch| MARKS.contains(&ch)))
            .map(|(k, _)| resp.parties[k].0.clone())
            .collect();
        let note = if note_col {
            Some(cells[width - 1].trim().to_string()).filter(|n| !n.is_empty())
        } else {
            None
        };
        resp.layers
            .push((cells[0].trim().to_string(), owners, note));
    }
    for &i in run.iter().rev() {
        let block = body.remove(i);
        structured.splice(0..0, block.source);
    }
    Some(resp)
}

fn party_key(label: &str, column: usize, taken: &[(String, String)]) -> String {
    let l = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    // Upstream before provider: 「クラウド基盤事業者」, "IaaS provider".
    let key = if has(&["お客様", "利用者", "顧客", "customer", "user"]) {
        "customer".to_string()
    } else if has(&[
        "基盤",
        "iaas",
        "upstream",
        "infrastructure",
        "データセンター",
        "data cent",
    ]) {
        "upstream".to_string()
    } else if has(&["当社", "弊社", "provider", "we ", "us"]) || l == "we" {
        "provider".to_string()
    } else {
        format!("party{column}")
    };
    if taken.iter().any(|(k, _)| *k == key) {
        format!("{key}{column}")
    } else {
        key
    }
}
