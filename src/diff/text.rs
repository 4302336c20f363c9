//! Readable changes inside a text: sentences first, then characters (Japanese) or words
//! (English) inside the sentences that were rewritten.

use std::time::Duration;

use serde::Serialize;
use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};

use crate::reference::Lang;

/// A piece of a changed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Segment {
    Equal {
        text: String,
    },
    Delete {
        text: String,
    },
    Insert {
        text: String,
    },
    /// Removed here and added to another clause.
    MovedOut {
        text: String,
        to: String,
    },
    /// Added here after removal from another clause.
    MovedIn {
        text: String,
        from: String,
    },
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Segment::Equal { text }
            | Segment::Delete { text }
            | Segment::Insert { text }
            | Segment::MovedOut { text, .. }
            | Segment::MovedIn { text, .. } => text,
        }
    }

    fn same_kind(&self, other: &Segment) -> bool {
        match (self, other) {
            (Segment::Equal { .. }, Segment::Equal { .. })
            | (Segment::Delete { .. }, Segment::Delete { .. })
            | (Segment::Insert { .. }, Segment::Insert { .. }) => true,
            (Segment::MovedOut { to: a, .. }, Segment::MovedOut { to: b, .. }) => a == b,
            (Segment::MovedIn { from: a, .. }, Segment::MovedIn { from: b, .. }) => a == b,
            _ => false,
        }
    }

    fn push_text(&mut self, more: &str) {
        match self {
            Segment::Equal { text }
            | Segment::Delete { text }
            | Segment::Insert { text }
            | Segment::MovedOut { text, .. }
            | Segment::MovedIn { text, .. } => text.push_str(more),
        }
    }
}

/// A text cut into sentences (and list items, lines), such that joining the units gives
/// the text back. Each unit keeps its trailing whitespace.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end_here = match c {
            '\n' => true,
            '。' | '！' | '？' => next != Some('」') && next != Some('）'),
            '」' | '）' => text[..i].ends_with('。'),
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if end_here {
            let mut end = i + c.len_utf8();
            // Keep the whitespace after a sentence with it.
            while let Some(&(j, w)) = chars.peek() {
                if w == ' ' || w == '\t' || (w == '\n' && c == '\n') {
                    end = j + w.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            units.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        units.push(&text[start..]);
    }
    units
}

/// The comparison key of a sentence: whitespace-insensitive.
pub fn key(unit: &str) -> String {
    unit.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where moved sentences went or came from, by key.
pub struct Moves<'a> {
    /// Sentence key → the clause it moved to (for sentences of the old text).
    pub out: &'a dyn Fn(&str) -> Option<String>,
    /// Sentence key → the clause it came from (for sentences of the new text).
    pub into: &'a dyn Fn(&str) -> Option<String>,
}

/// Diff `old` against `new`: unchanged sentences stay whole, moved ones are marked, and
/// rewritten ones are refined to characters (ja) or words (en).
pub fn diff(old: &str, new: &str, lang: Lang, moves: &Moves) -> Vec<Segment> {
    let old_units = sentences(old);
    let new_units = sentences(new);
    let old_keys: Vec<String> = old_units.iter().map(|u| key(u)).collect();
    let new_keys: Vec<String> = new_units.iter().map(|u| key(u)).collect();
    let mut out: Vec<Segment> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { new_index, len, .. } => push(
                &mut out,
                Segment::Equal {
                    text: new_units[new_index..new_index + len].concat(),
                },
            ),
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for i in old_index..old_index + old_len {
                    push(&mut out, removed(old_units[i], &old_keys[i], moves));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for i in new_index..new_index + new_len {
                    push(&mut out, added(new_units[i], &new_keys[i], moves));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let mut old_rest = String::new();
                for i in old_index..old_index + old_len {
                    match (moves.out)(&old_keys[i]) {
                        Some(to) => push(
                            &mut out,
                            Segment::MovedOut {
                                text: old_units[i].to_string(),
                                to,
                            },
                        ),
                        None => old_rest.push_str(old_units[i]),
                    }
                }
                let mut new_rest = String::new();
                let mut moved_in = Vec::new();
                for i in new_index..new_index + new_len {
                    match (moves.into)(&new_keys[i]) {
                        Some(from) => moved_in.push(Segment::MovedIn {
                            text: new_units[i].to_string(),
                            from,
                        }),
                        None => new_rest.push_str(new_units[i]),
                    }
                }
                for segment in inline(&old_rest, &new_rest, lang) {
                    push(&mut out, segment);
                }
                for segment in moved_in {
                    push(&mut out, segment);
                }
            }
        }
    }
    out
}

fn removed(unit: &str, key: &str, moves: &Moves) -> Segment {
    match (moves.out)(key) {
        Some(to) => Segment::MovedOut {
            text: unit.to_string(),
            to,
        },
        None => Segment::Delete {
            text: unit.to_string(),
        },
    }
}

fn added(unit: &str, key: &str, moves: &Moves) -> Segment {
    match (moves.into)(key) {
        Some(from) => Segment::MovedIn {
            text: unit.to_string(),
            from,
        },
        None => Segment::Insert {
            text: unit.to_string(),
        },
    }
}

/// Character (ja) or word (en) diff of two rewritten passages.
fn inline(old: &str, new: &str, lang: Lang) -> Vec<Segment> {
    let mut config = TextDiff::configure();
    config
        .algorithm(Algorithm::Myers)
        .timeout(Duration::from_millis(200));
    let diff = match lang {
        Lang::Ja => config.diff_chars(old, new),
        Lang::En => config.diff_words(old, new),
    };
    let mut out = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let segment = match change.tag() {
            similar::ChangeTag::Equal => Segment::Equal { text },
            similar::ChangeTag::Delete => Segment::Delete { text },
            similar::ChangeTag::Insert => Segment::Insert { text },
        };
        push(&mut out, segment);
    }
    out
}

/// Append, merging with the previous segment of the same kind.
fn push(out: &mut Vec<Segment>, segment: Segment) {
    if segment.text().is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.same_kind(&segment) => last.push_text(segment.text()),
        _ => out.push(segment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_MOVES: Moves = Moves {
        out: &|_| None,
        into: &|_| None,
    };

    fn show(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Equal { text } => text.clone(),
                Segment::Delete { text } => format!("[-{text}-]"),
                Segment::Insert { text } => format!("{{+{text}+}}"),
                Segment::MovedOut { text, to } => format!("[>{to}:{text}]"),
                Segment::MovedIn { text, from } => format!("[<{from}:{text}]"),
            })
            .collect()
    }

    #[test]
    fn sentences_rejoin_to_the_text() {
        for text in [
            "通信は暗号化しています。鍵は年 1 回更新します。\n\n- 項目\n- 項目二",
            "We encrypt data. Keys rotate yearly!\nEnd",
            "「参照。」の後。",
        ] {
            assert_eq!(sentences(text).concat(), text);
        }
        assert_eq!(sentences("一文目。二文目。"), ["一文目。", "二文目。"]);
        assert_eq!(sentences("A first. A second."), ["A first. ", "A second."]);
    }

    #[test]
    fn japanese_changes_are_shown_by_character() {
        let d = diff(
            "通信は TLS 1.2 で暗号化しています。鍵は年 1 回更新します。",
            "通信は TLS 1.3 で暗号化しています。鍵は年 1 回更新します。",
            Lang::Ja,
            &NO_MOVES,
        );
        assert_eq!(
            show(&d),
            "通信は TLS 1.[-2-]{+3+} で暗号化しています。鍵は年 1 回更新します。"
        );
    }

    #[test]
    fn english_changes_are_shown_by_word() {
        let d = diff(
            "Backups are kept for 35 days.",
            "Backups are retained for 35 days.",
            Lang::En,
            &NO_MOVES,
        );
        assert_eq!(show(&d), "Backups are [-kept-]{+retained+} for 35 days.");
    }

    #[test]
    fn moved_sentences_are_marked() {
        let moves = Moves {
            out: &|k| (k == "鍵は年 1 回更新します。").then(|| "A.10.1.1".to_string()),
            into: &|_| None,
        };
        let d = diff(
            "通信は暗号化しています。鍵は年 1 回更新します。",
            "通信は暗号化しています。",
            Lang::Ja,
            &moves,
        );
        assert_eq!(
            show(&d),
            "通信は暗号化しています。[>A.10.1.1:鍵は年 1 回更新します。]"
        );
    }
}
