//! Text that marks a statement as unfinished (`TODO`, 記載予定, a lone `…`), found in one
//! pass: every word and phrase is one automaton, so a statement is read once, not once per
//! word, and no lowercased copy is made.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Matched case-insensitively (ASCII); only as whole words, so "todos" or "XXXL" do not trip it.
const WORDS: &[&str] = &["TODO", "TBD", "TBA", "FIXME", "XXX", "lorem ipsum"];
/// Matched anywhere. No ASCII letters in them: the automaton's case folding leaves them
/// as written.
const PHRASES: &[&str] = &[
    "未定",
    "記載予定",
    "追記予定",
    "作成中",
    "検討中",
    "要確認",
    "調整中",
    "準備中",
    "（仮）",
    "(仮)",
    "ＴＯＤＯ",
    "ＴＢＤ",
];
/// A whole text (trimmed) that says nothing.
const WHOLE: &[&str] = &["...", "…", "……", "-", "―", "同上"];

/// [`WORDS`] then [`PHRASES`]: a match's pattern index below `WORDS.len()` is a word.
/// A contiguous NFA, not the DFA the builder would pick for so few patterns: building the
/// DFA cost more at start-up than it saves over one catalog's statements.
static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(WORDS.iter().chain(PHRASES))
        .expect("placeholder patterns are plain strings")
});

/// The first placeholder in `text`: its byte offset and the text as written.
pub(super) fn find_placeholder(text: &str) -> Option<(usize, &str)> {
    // Leftmost, stopping at the first that counts. Skipping past a word that is not whole
    // (the `XXX` of `XXXX`) skips nothing that could count: what starts inside it follows a
    // letter or a space, and no phrase starts with either.
    let first = AUTOMATON
        .find_iter(text)
        .find(|m| m.pattern().as_usize() >= WORDS.len() || whole_word(text, m.range()))
        .map(|m| m.range())
        .or_else(|| whole(text))?;
    Some((first.start, &text[first]))
}

/// Whether no ASCII letter or digit is glued to either side of `range`.
fn whole_word(text: &str, range: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let glued = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    !glued(range.start.checked_sub(1)) && !glued(Some(range.end))
}

/// The text when all of it is one of [`WHOLE`].
fn whole(text: &str) -> Option<Range<usize>> {
    let trimmed = text.trim();
    WHOLE.contains(&trimmed).then(|| {
        let start = text.len() - text.trim_start().len();
        start..start + trimmed.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_as_words() {
        assert_eq!(find_placeholder("TODO: write"), Some((0, "TODO")));
        assert_eq!(
            find_placeholder("詳細は記載予定です"),
            Some((9, "記載予定"))
        );
        assert_eq!(
            find_placeholder("We keep todos lists and XXXL shirts"),
            None
        );
        assert_eq!(find_placeholder("値は tbd です"), Some((7, "tbd")));
        assert_eq!(find_placeholder("…"), Some((0, "…")));
        assert_eq!(find_placeholder("暗号化しています。"), None);
    }

    #[test]
    fn the_first_placeholder_is_reported_as_written() {
        // Case as written, at the very start and the very end.
        assert_eq!(find_placeholder("ToDo"), Some((0, "ToDo")));
        assert_eq!(find_placeholder("値は Fixme"), Some((7, "Fixme")));
        assert_eq!(
            find_placeholder("Lorem Ipsum dolor"),
            Some((0, "Lorem Ipsum"))
        );
        // The earliest wins, whichever list it comes from.
        assert_eq!(find_placeholder("作成中 TODO"), Some((0, "作成中")));
        assert_eq!(find_placeholder("TODO 作成中"), Some((0, "TODO")));
        assert_eq!(find_placeholder("本文（仮）"), Some((6, "（仮）")));
        assert_eq!(find_placeholder("本文(仮)"), Some((6, "(仮)")));
        assert_eq!(find_placeholder("ＴＢＤ"), Some((0, "ＴＢＤ")));
        // Glued to a letter or digit: not a word; a Japanese neighbour does not glue.
        assert_eq!(find_placeholder("TODO2 TBDx xTBA"), None);
        assert_eq!(find_placeholder("未記入TODO。"), Some((9, "TODO")));
        // Overlapping: the XXX inside XXXX is no word, but a later whole one is found.
        assert_eq!(find_placeholder("XXXX XXXXX xxx"), Some((11, "xxx")));
        // A whole-text placeholder keeps its offset after leading space.
        assert_eq!(find_placeholder("  同上\n"), Some((2, "同上")));
        assert_eq!(find_placeholder("- 項目"), None);
    }

    #[test]
    fn phrases_are_not_case_folded() {
        assert!(
            PHRASES
                .iter()
                .all(|p| !p.bytes().any(|b| b.is_ascii_alphabetic()))
        );
    }
}
