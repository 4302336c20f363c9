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

    pub(crate) fn set_text(&mut self, new: String) {
        match self {
            Segment::Equal { text }
            | Segment::Delete { text }
            | Segment::Insert { text }
            | Segment::MovedOut { text, .. }
            | Segment::MovedIn { text, .. } => *text = new,
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
                let mut old_rest: Vec<&str> = Vec::new();
                for i in old_index..old_index + old_len {
                    match (moves.out)(&old_keys[i]) {
                        Some(to) => push(
                            &mut out,
                            Segment::MovedOut {
                                text: old_units[i].to_string(),
                                to,
                            },
                        ),
                        None => old_rest.push(old_units[i]),
                    }
                }
                let mut new_rest: Vec<&str> = Vec::new();
                let mut moved_in = Vec::new();
                for i in new_index..new_index + new_len {
                    match (moves.into)(&new_keys[i]) {
                        Some(from) => moved_in.push(Segment::MovedIn {
                            text: new_units[i].to_string(),
                            from,
                        }),
                        None => new_rest.push(new_units[i]),
                    }
                }
                for segment in rewritten(&old_rest, &new_rest, lang) {
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

/// Below this similarity a rewritten sentence is shown whole, the old one struck and the new
/// one inserted: an interleaving of what little two different sentences share
/// (`[-利用-]{+お客様の管理+}者[-に-]は…`) cannot be read. The similarity is `similar`'s ratio
/// (2 × matched tokens / all tokens of both sides) over characters (ja) or words and spaces
/// (en). 0.6, the middle of the gap in 30 measured edits of whitepaper sentences (`measure`
/// below; `cargo test --lib print_measurements -- --ignored --nocapture`): number, word and
/// phrase edits, and sentences whose second half was rewritten, score 0.71–0.98; rewrites of
/// the same subject score 0.25–0.48 and would interleave in 3–18 alternations.
pub const WHOLE_BELOW: f32 = 0.6;

/// The sentences rewritten between two versions: paired one to one when both sides have as
/// many (an edit in each), else compared as one passage.
fn rewritten(old: &[&str], new: &[&str], lang: Lang) -> Vec<Segment> {
    if old.len() == new.len() {
        old.iter()
            .zip(new)
            .flat_map(|(o, n)| inline(o, n, lang))
            .collect()
    } else {
        inline(&old.concat(), &new.concat(), lang)
    }
}

/// Character (ja) or word (en) diff of two rewritten passages, or the old passage struck and
/// the new one inserted whole when they are too different ([`WHOLE_BELOW`]).
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
    if diff.ratio() < WHOLE_BELOW {
        push(&mut out, Segment::Delete { text: old.into() });
        push(&mut out, Segment::Insert { text: new.into() });
        return out;
    }
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
    fn a_rewritten_sentence_is_shown_whole_beside_an_edited_one() {
        let d = diff(
            "通信は TLS 1.2 で暗号化しています。利用者には、初回ログイン時にパスワードの変更を求めています。",
            "通信は TLS 1.3 で暗号化しています。お客様の管理者には、多要素認証の設定をお勧めします。",
            Lang::Ja,
            &NO_MOVES,
        );
        assert_eq!(
            show(&d),
            "通信は TLS 1.[-2-]{+3+} で暗号化しています。\
             [-利用者には、初回ログイン時にパスワードの変更を求めています。-]\
             {+お客様の管理者には、多要素認証の設定をお勧めします。+}"
        );
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

/// The measurements behind [`WHOLE_BELOW`].
#[cfg(test)]
mod measure {
    use super::*;

    /// Edits seen in whitepaper revisions: (old, new, should it stay inline?).
    const JA: &[(&str, &str, bool)] = &[
        (
            "通信は TLS 1.2 及び TLS 1.3 に限定しています。",
            "通信は TLS 1.3 に限定しています。",
            true,
        ),
        (
            "利用者のパスワードは 12 文字以上とし、英大文字、英小文字及び数字のうち 2 種類以上を含めることを求めています。",
            "利用者のパスワードは 14 文字以上とし、英大文字、英小文字及び数字のうち 2 種類以上を含めることを求めています。",
            true,
        ),
        (
            "連続 10 回ログインに失敗したアカウントは 30 分間ロックされます。",
            "連続 5 回ログインに失敗したアカウントは 60 分間ロックされます。",
            true,
        ),
        (
            "利用者のアクセス権は、ロールとフォルダ単位の権限を組み合わせて付与します。",
            "利用者のアクセス権は、ロール、グループ及びフォルダ単位の権限を組み合わせて付与します。",
            true,
        ),
        (
            "特権の付与状況は、情報セキュリティ責任者が四半期ごとに見直しています。",
            "特権の付与状況は、情報セキュリティ責任者が毎月見直しています。",
            true,
        ),
        (
            "クラウド上の資源は構成管理ツールから一覧を自動取得して台帳と突き合わせ、差異の有無を四半期ごとに確認しています。",
            "クラウド上の資源は構成管理ツールから一覧を自動取得して台帳と突き合わせ、差異の有無を毎月確認し、結果を情報セキュリティ委員会に報告しています。",
            true,
        ),
        (
            "利用者の登録及び削除は、お客様の管理者が管理コンソールから行います。",
            "利用者の登録及び削除は、お客様の管理者が管理コンソール又は API から行います。",
            true,
        ),
        (
            "本サービスのお客様データは、全て日本国内に保存しています。",
            "本サービスのお客様データは、すべて日本国内のデータセンターに保存しています。",
            true,
        ),
        (
            "バックアップは毎日取得し、35 日間保管しています。",
            "バックアップは 1 時間ごとに取得し、35 日間保管しています。",
            true,
        ),
        (
            "削除された利用者は直ちにログインできなくなり、有効なセッション及び API トークンも同時に失効します。",
            "削除された利用者は直ちにログインできなくなり、発行済みの API トークンは 24 時間後に無効になります。",
            true,
        ),
        (
            "利用者の登録及び削除は、お客様の管理者が管理コンソールから行います。",
            "お客様の管理者は、利用者の登録及び削除を管理コンソールから行います。",
            true,
        ),
        (
            "利用者には、初回ログイン時にパスワードの変更を求めています。",
            "お客様の管理者には、管理コンソールで多要素認証を必須とする設定をお勧めします。",
            false,
        ),
        (
            "利用者の登録及び削除は、お客様の管理者が管理コンソールから行います。",
            "お客様の管理者は、SCIM による外部の ID 管理システムとの連携で利用者を管理できます。",
            false,
        ),
        (
            "バックアップは毎日取得し、35 日間保管しています。",
            "データは別リージョンへ継続的に複製され、障害時には 4 時間以内に復旧します。",
            false,
        ),
        (
            "障害が発生した場合は、ステータスページでお知らせします。",
            "重大なインシデントは、発生から 24 時間以内に管理者へメールで通知します。",
            false,
        ),
        (
            "当社の運用担当者は、お客様データを閲覧しません。",
            "お客様データへのアクセスは、お客様の同意を得た調査に限り、記録を残して行います。",
            false,
        ),
        (
            "脆弱性診断は年 1 回、外部の専門事業者に依頼しています。",
            "外部の専門事業者による侵入テストを年 2 回実施し、結果の概要を開示しています。",
            false,
        ),
    ];

    const EN: &[(&str, &str, bool)] = &[
        (
            "Traffic is encrypted with TLS 1.2 or later.",
            "Traffic is encrypted with TLS 1.3 or later.",
            true,
        ),
        (
            "Backups are kept for 35 days.",
            "Backups are retained for 35 days.",
            true,
        ),
        (
            "Accounts are locked for 30 minutes after 10 failed logins.",
            "Accounts are locked for 60 minutes after 5 failed logins.",
            true,
        ),
        (
            "Access rights combine roles and folder permissions.",
            "Access rights combine roles, groups and folder permissions.",
            true,
        ),
        (
            "Privileged access is reviewed by the CISO every quarter.",
            "Privileged access is reviewed by the CISO every month.",
            true,
        ),
        (
            "Administrators register and remove users in the admin console.",
            "Administrators register and remove users in the admin console or through the API.",
            true,
        ),
        (
            "All customer data is stored in Japan.",
            "All customer data is stored in data centres in Japan.",
            true,
        ),
        (
            "Deleted users can no longer log in, and their sessions and API tokens expire at once.",
            "Deleted users can no longer log in, and issued API tokens stop working after 24 hours.",
            true,
        ),
        (
            "Administrators register and remove users in the admin console.",
            "In the admin console, administrators register and remove users.",
            false,
        ),
        (
            "Users must change their password at first login.",
            "We recommend that administrators require multi-factor authentication for every user.",
            false,
        ),
        (
            "Administrators register and remove users in the admin console.",
            "User accounts can be provisioned from your identity provider through SCIM.",
            false,
        ),
        (
            "Backups are taken daily and kept for 35 days.",
            "Data is replicated continuously to a second region and restored within four hours.",
            false,
        ),
        (
            "Outages are announced on the status page.",
            "We notify administrators by email within 24 hours of a serious incident.",
            false,
        ),
        (
            "Our operators never view customer data.",
            "Customer data is accessed only for an investigation the customer agreed to, and every access is logged.",
            false,
        ),
        (
            "An external firm tests for vulnerabilities once a year.",
            "Penetration tests by an external firm run twice a year, and we publish a summary.",
            false,
        ),
    ];

    fn measure(lang: Lang, old: &str, new: &str) -> (f32, usize) {
        let diff = match lang {
            Lang::Ja => TextDiff::from_chars(old, new),
            Lang::En => TextDiff::from_words(old, new),
        };
        let mut runs = 0;
        let mut last = similar::ChangeTag::Equal;
        for c in diff.iter_all_changes() {
            if c.tag() != similar::ChangeTag::Equal && c.tag() != last {
                runs += 1;
            }
            last = c.tag();
        }
        (diff.ratio(), runs)
    }

    /// The threshold keeps every small edit inline and shows every rewrite whole.
    #[test]
    fn the_threshold_separates_edits_from_rewrites() {
        for (lang, list) in [(Lang::Ja, JA), (Lang::En, EN)] {
            for (old, new, small) in list {
                let (ratio, _) = measure(lang, old, new);
                assert_eq!(ratio >= WHOLE_BELOW, *small, "{ratio:.2} {old} → {new}");
            }
        }
    }

    #[test]
    #[ignore = "prints the measurements behind WHOLE_BELOW"]
    fn print_measurements() {
        for (lang, list) in [(Lang::Ja, JA), (Lang::En, EN)] {
            for (old, new, small) in list {
                let (ratio, runs) = measure(lang, old, new);
                println!(
                    "{} {small:5} ratio {ratio:.2} runs {runs:2}  {new}",
                    lang.as_str()
                );
            }
        }
    }
}
