//! Text that marks a statement as unfinished (`TODO`, 記載予定, a lone `…`), found without
//! a lowercased copy and without reading the statement once per word: the phrases are one
//! automaton, the words are looked for only where an ASCII letter could start one.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, packed};

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

/// The phrases, case-sensitive so that they are searched with SIMD (Teddy): with ASCII case
/// folding they cannot be, and a byte-at-a-time automaton over Japanese text cost more than
/// the rest of the rules together. Teddy on its own (`packed`), not the automaton that
/// wraps it as a prefilter: building that automaton was 60 µs of a 3 ms one-catalog check.
/// A CPU without the SIMD Teddy needs gets the automaton.
enum Phrases {
    Teddy(packed::Searcher),
    Automaton(AhoCorasick),
}

static PHRASE_SEARCH: LazyLock<Phrases> = LazyLock::new(|| {
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(PHRASES)
        .build()
        .map_or_else(|| Phrases::Automaton(automaton()), Phrases::Teddy)
});

/// A contiguous NFA, not the DFA the builder would pick for so few patterns: building the
/// DFA cost more at start-up than it saves over one catalog's statements.
fn automaton() -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(PHRASES)
        .expect("placeholder phrases are plain strings")
}

impl Phrases {
    /// The leftmost phrase in `text` (the first listed where two start there).
    fn find(&self, text: &str) -> Option<Range<usize>> {
        match self {
            Phrases::Teddy(searcher) => searcher.find(text).map(|m| m.range()),
            Phrases::Automaton(automaton) => automaton.find(text).map(|m| m.range()),
        }
    }
}

/// The first placeholder in `text`: its byte offset and the text as written.
pub(super) fn find_placeholder(text: &str) -> Option<(usize, &str)> {
    let phrase = PHRASE_SEARCH.find(text);
    // Only a word starting before the first phrase can come first.
    let before = phrase.as_ref().map_or(text.len(), |p| p.start);
    let first = first_word(&text[..before], text)
        .or(phrase)
        .or_else(|| whole(text))?;
    Some((first.start, &text[first]))
}

/// The first whole word of [`WORDS`] starting in `head` (a prefix of `text`). Every word
/// starts with an ASCII letter, so only the bytes that could start one are looked at, and
/// 32-byte blocks without any are passed over whole.
fn first_word(head: &str, text: &str) -> Option<Range<usize>> {
    let bytes = head.as_bytes();
    let mut block_start = 0;
    for block in bytes.chunks(BLOCK) {
        let whole: Option<&[u8; BLOCK]> = block.try_into().ok();
        if whole.is_none_or(any_start) {
            let starts = (0..block.len()).filter(|&i| may_start_word(block[i]));
            if let Some(word) = starts
                .map(|i| block_start + i)
                .find_map(|at| word_at(text, at))
            {
                return Some(word);
            }
        }
        block_start += block.len();
    }
    None
}

const BLOCK: usize = 32;

/// Whether a byte of `block` could start a word. Bytes are OR-ed into a byte, not a bool,
/// and the block has a fixed length, so the loop becomes a few 16-byte vector compares (as
/// a fold over a slice it read two bytes at a time: 3 % of a check's CPU, now under 1 %).
fn any_start(block: &[u8; BLOCK]) -> bool {
    let mut any = 0u8;
    for &b in block {
        any |= u8::from(may_start_word(b));
    }
    any != 0
}

/// Whether `b` is the first letter of one of [`WORDS`] (`t`, `f`, `x`, `l`), in either
/// case. Literal compares joined by `|`, no early exit: the block test vectorises.
fn may_start_word(b: u8) -> bool {
    let lower = b | 0x20;
    (lower == b't') | (lower == b'f') | (lower == b'x') | (lower == b'l')
}

/// The whole word of [`WORDS`] (any ASCII case) that starts at byte `at`.
fn word_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = &text.as_bytes()[at..];
    WORDS
        .iter()
        .filter(|w| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
        .map(|w| at..at + w.len())
        .find(|range| whole_word(text, range.clone()))
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
    fn word_starts_are_the_first_letters_of_the_words() {
        for b in 0..=u8::MAX {
            let first = WORDS
                .iter()
                .any(|w| w.as_bytes()[0].eq_ignore_ascii_case(&b));
            assert_eq!(may_start_word(b), first, "{b:#x}");
        }
    }

    /// What the scan must find: at each char from the left, a phrase or a whole word.
    fn by_every_position(text: &str) -> Option<(usize, &str)> {
        text.char_indices()
            .find_map(|(i, _)| {
                let rest = &text[i..];
                PHRASES
                    .iter()
                    .find(|p| rest.starts_with(*p))
                    .map(|p| i..i + p.len())
                    .or_else(|| word_at(text, i))
            })
            .or_else(|| whole(text))
            .map(|r| (r.start, &text[r]))
    }

    proptest::proptest! {
        #[test]
        fn scan_finds_the_leftmost_placeholder(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "t", "T", "o", "D", "d", "O", "b", "a", "x", "X", "FIXME", "lorem", " ", "ipsum",
                "Lorem ipsum", "未", "定", "記載", "予定", "（仮）", "(", "仮", ")", "ＴＢＤ", "2",
                "。", "…", "-", "\n", "あいうえおかきくけこさしすせそたちつてとなにぬねの",
            ]), 0..40)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(find_placeholder(&text), by_every_position(&text));
            // The automaton a CPU without Teddy gets finds the same phrases.
            let fallback = Phrases::Automaton(automaton());
            proptest::prop_assert_eq!(fallback.find(&text), PHRASE_SEARCH.find(&text));
        }
    }

    #[test]
    fn this_cpu_searches_phrases_with_teddy() {
        if cfg!(target_arch = "x86_64") && std::is_x86_feature_detected!("ssse3") {
            assert!(matches!(*PHRASE_SEARCH, Phrases::Teddy(_)));
        }
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
