//! Page furniture in extracted text: running headers and footers, page numbers, form feeds.
//!
//! Text from a PDF (ours through `pdftotext`, or a user's extraction) ends every page with a
//! form feed. A line is furniture when it sits among the first or last lines of a page and
//! either looks like a page number (`7`, `- 7 -`, `7 / 40`, `Page 7`, `7 ページ`) or, digits
//! aside, recurs at the edges of at least half the pages (a running header, `Copyright © …`);
//! a table row (cells apart by tabs) never is, however alike the rows of a long table are.
//! Furniture is blanked out of the text — line numbers stay those of the input — and kept
//! verbatim for the catalog's `unplaced.furniture`, so nothing is lost; removing it before
//! anything else is read keeps a table of contents split across pages in one piece.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

/// How many non-empty lines at each end of a page may be furniture.
const EDGE: usize = 3;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(
            [-‐–—−ー－~〜]?\s*\#+\s*[-‐–—−ー－~〜]?
            | \#+\s*[/／]\s*\#+
            | (page|p\.|ページ)\s*\#+(\s*(/|of)\s*\#+)?
            | \#+\s*(ページ|頁)
            | [(（]\s*\#+\s*[)）]
        )$",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Text with its page furniture taken out.
#[derive(Debug, Default)]
pub struct Paged {
    /// The input with furniture lines emptied and form feeds removed; same line numbers.
    pub text: String,
    /// The furniture lines as written, in input order.
    pub furniture: Vec<String>,
    /// 1-based lines that begin a page after the first.
    pub page_starts: BTreeSet<usize>,
}

/// Find and remove the furniture of `text`; text without form feeds is one page and keeps
/// its lines (a lone number on a single page may be content).
pub fn strip(text: &str) -> Paged {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut page_starts = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        if line.contains('\u{c}') {
            pages.push(Vec::new());
            page_starts.insert(i + 1);
        }
        if !clean(line).trim().is_empty()
            && let Some(page) = pages.last_mut()
        {
            page.push(i);
        }
    }
    pages.retain(|p| !p.is_empty());
    let furniture = if pages.len() < 2 {
        BTreeSet::new()
    } else {
        find(&lines, &pages)
    };
    let mut out = Paged {
        page_starts,
        ..Paged::default()
    };
    let mut kept = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if furniture.contains(&i) {
            out.furniture.push(clean(line).trim().to_string());
            kept.push(String::new());
        } else {
            kept.push(clean(line));
        }
    }
    out.text = kept.join("\n");
    out
}

fn clean(line: &str) -> String {
    line.replace('\u{c}', "").trim_end_matches('\r').to_string()
}

/// A line with its digits and spaces folded, so `- 7 -` and `- 8 -` are one footer.
fn key(line: &str) -> String {
    let mut out = String::new();
    for c in clean(line).trim().chars() {
        match c {
            '0'..='9' | '０'..='９' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The furniture lines (0-based) of a text with at least two pages.
fn find(lines: &[&str], pages: &[Vec<usize>]) -> BTreeSet<usize> {
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .map(|p| {
            let mut e: BTreeSet<usize> = p.iter().take(EDGE).copied().collect();
            e.extend(p.iter().rev().take(EDGE));
            e.into_iter().collect()
        })
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for edge in &edges {
        let keys: BTreeSet<String> = edge.iter().map(|&i| key(lines[i])).collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    edges
        .iter()
        .flatten()
        .copied()
        .filter(|&i| {
            // A table row (cells apart by tabs) is content, however alike its rows are.
            if lines[i].contains('\t') {
                return false;
            }
            let k = key(lines[i]);
            PAGE_NUMBER.is_match(&k) || counts.get(&k).is_some_and(|&n| n >= needed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: [&str; 3] = [
        "帳票は国内で保管します。\n鍵は年に一度更新します。",
        "権限は部署ごとに設定します。\n退職者の権限は当日中に外します。",
        "脆弱性診断を毎年受けます。\n結果は経営会議に報告します。",
    ];

    /// Pages of distinct text, each ending with its footer.
    fn pages(footers: &[&str]) -> String {
        footers
            .iter()
            .zip(BODY)
            .map(|(f, body)| format!("{body}\n{f}\n"))
            .collect::<Vec<_>>()
            .join("\u{c}")
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for footer in [
            "7",
            "- 7 -",
            "7 / 40",
            "Page 7",
            "p. 7",
            "7ページ",
            "（7）",
            "－７－",
        ] {
            let text = pages(&["監査報告書を公開", footer]);
            let paged = strip(&text);
            assert_eq!(paged.furniture, [footer], "{footer}");
            assert_eq!(paged.text.lines().count(), text.lines().count());
        }
    }

    #[test]
    fn a_line_on_one_page_only_is_text() {
        let paged = strip(&pages(&["第三者認証を取得", "監査報告書を公開"]));
        assert!(paged.furniture.is_empty(), "{:?}", paged.furniture);
    }

    #[test]
    fn footers_repeating_with_their_numbers() {
        let paged = strip(&pages(&["© 2025 例 1", "© 2025 例 2", "© 2025 例 3"]));
        assert_eq!(paged.furniture.len(), 3);
        assert!(!paged.text.contains('©') && !paged.text.contains('\u{c}'));
        assert_eq!(paged.page_starts, BTreeSet::from([4, 7]));
    }
}
