//! Synthetic workspaces for `benches/workspace.rs`: N services, each one catalog of the 42
//! clauses of the shipped Japanese example with its statements replaced by seeded Japanese
//! text of about 400 characters (≈65 KB per catalog), so every byte is deterministic.
//!
//! The edited variant (`Variant::Edited`) differs in 5 % of the statements (one in twenty,
//! chosen by the same seed), which is what `diff` is measured on.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// The shipped example: its front matter, sections and clause metadata (owner, review date,
/// evidence) are kept; only the service and the statements change.
const EXAMPLE: &str = include_str!("../../examples/tsumiki-cloud.ja.yaml");

/// The seed of every published figure; change it only with BENCHMARKS.md.
pub const SEED: u64 = 27017;

/// The date `check` is run as of, so no review date ages with the calendar.
pub const TODAY: &str = "2026-11-22";

/// Statements are at least this many characters (not bytes) long: about 400 on average.
const STATEMENT_CHARS: usize = 370;

/// One statement in this many is edited in [`Variant::Edited`] (5 %).
const EDIT_ONE_IN: u64 = 20;

/// Sentences a provider writes; each statement is drawn from these (none is a placeholder,
/// none references a clause, so `check` has nothing to say about them).
const SENTENCES: &[&str] = &[
    "当社は、本サービスの運用に関する手順を文書化し、運用担当者が常に参照できるよう社内の文書管理システムで管理しています。",
    "手順書は年 1 回、及び組織や本番環境の構成に大きな変更があった際に見直し、情報セキュリティ責任者が承認しています。",
    "お客様データは保存時に AES-256 で暗号化し、暗号鍵はクラウド基盤事業者の鍵管理サービスで当社が管理しています。",
    "本番環境への通信は TLS 1.2 以上で暗号化し、脆弱性が公表された暗号スイートは速やかに無効化しています。",
    "運用担当者のアクセス権は職務に必要な最小限とし、四半期ごとに付与状況を棚卸しして不要な権限を削除しています。",
    "本番環境への操作はすべて記録し、操作ログは改ざんを防止した領域に 1 年間保管しています。",
    "重大な脆弱性は公表から 7 日以内に修正し、修正状況は情報セキュリティ委員会に毎月報告しています。",
    "バックアップは毎日取得して別のリージョンに保管し、復旧手順は半期ごとに訓練で確認しています。",
    "お客様に影響する変更は、実施の 14 日前までに管理コンソール及び電子メールでお知らせしています。",
    "情報セキュリティインシデントを検知した場合は、当社の手順に従って対応し、影響を受けるお客様へ速やかに通知します。",
    "委託先の選定に当たっては情報セキュリティの取組みを評価し、契約で秘密保持と再委託の制限を定めています。",
    "従業員には入社時及び年 1 回、情報セキュリティ教育を実施し、受講状況を記録しています。",
    "お客様におかれましては、利用者のアカウントと権限を適切に管理し、退職者のアカウントを速やかに削除してください。",
    "管理コンソールでは多要素認証と IP アドレス制限を設定できますので、お客様の方針に応じて有効にしてください。",
    "テナント間の分離はアプリケーションとデータベースの両方で行い、分離の有効性を定期的な試験で確認しています。",
    "システムの稼働状況は 24 時間監視し、異常を検知した場合は当番の担当者が 15 分以内に対応を開始します。",
    "開発環境、検証環境及び本番環境は分離し、本番環境のお客様データを開発や試験に使用することはありません。",
    "ソースコードの変更はすべてレビューを経て反映し、自動試験と静的解析に合格したものだけを本番環境に適用しています。",
    "ご契約の終了時には、お客様データを 30 日以内に削除し、ご希望に応じてデータ削除証明書を発行します。",
    "本サービスの稼働率、障害の履歴及び計画停止の予定は、ステータスページで公開しています。",
    "クラウド基盤事業者の第三者認証の取得状況を年 1 回確認し、その結果を情報セキュリティ委員会に報告しています。",
    "物理的なセキュリティはクラウド基盤事業者が担っており、当社は同社の監査報告書により管理状況を確認しています。",
    "個人情報の取扱いについては、関係法令及び当社の個人情報保護方針に従い、利用目的の範囲内で取り扱います。",
    "お客様から開示のご要望があった場合は、秘密保持契約の締結を条件として、監査報告書の写しを提供いたします。",
];

/// Which side of a diff a workspace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Base,
    /// 5 % of the statements edited.
    Edited,
}

/// SplitMix64: a few lines, good enough to pick sentences, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(parts: &[u64]) -> Rng {
        let mut rng = Rng(SEED);
        for &p in parts {
            rng.0 ^= p;
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher-Yates: the sentences in a seeded order, so none repeats within a statement.
    fn shuffle<'a>(&mut self, items: &[&'a str]) -> Vec<&'a str> {
        let mut items = items.to_vec();
        for i in (1..items.len()).rev() {
            items.swap(i, (self.next() % (i as u64 + 1)) as usize);
        }
        items
    }
}

/// The statement of clause number `clause` of service `service`, as a YAML block body
/// indented six spaces. The edited variant appends a sentence to one statement in twenty.
fn statement(service: u64, clause: u64, variant: Variant) -> String {
    let mut rng = Rng::new(&[service, clause]);
    let mut text = String::new();
    for sentence in rng.shuffle(SENTENCES) {
        if text.chars().count() >= STATEMENT_CHARS {
            break;
        }
        text.push_str(sentence);
    }
    if variant == Variant::Edited && rng.next().is_multiple_of(EDIT_ONE_IN) {
        text.push_str("なお、本項の記載は 2026 年 11 月の見直しで更新しました。");
    }
    format!("      {text}\n")
}

/// The catalog of service number `service` (from 1).
pub fn catalog(service: u64, variant: Variant) -> String {
    let id = service_id(service);
    let mut out = String::with_capacity(70_000);
    let mut clause = 0;
    let mut skipping = false;
    for line in EXAMPLE.lines() {
        if skipping && (line.is_empty() || line.starts_with("      ")) {
            continue;
        }
        skipping = false;
        if line == "  id: tsumiki-cloud" {
            let _ = writeln!(out, "  id: {id}");
        } else if line == "  name: つみきクラウド" {
            let _ = writeln!(out, "  name: つみきクラウド {service:05}");
        } else if line == "    statement: |" {
            out.push_str(line);
            out.push('\n');
            out.push_str(&statement(service, clause, variant));
            clause += 1;
            skipping = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

pub fn service_id(service: u64) -> String {
    format!("svc-{service:05}")
}

/// Where a workspace's catalogs are, below its root.
pub fn services_dir(root: &Path) -> PathBuf {
    root.join("services")
}

/// Write a workspace of `n` services at `root` (created; must not exist yet, so a typo
/// cannot mix two workspaces): `kanrisaku.toml` and `services/svc-NNNNN.ja.yaml`.
pub fn generate(root: &Path, n: u64, variant: Variant) -> io::Result<()> {
    std::fs::create_dir(root)?;
    std::fs::write(root.join("kanrisaku.toml"), "catalogs = [\"services\"]\n")?;
    let services = services_dir(root);
    std::fs::create_dir(&services)?;
    for service in 1..=n {
        let name = format!("{}.ja.yaml", service_id(service));
        std::fs::write(services.join(name), catalog(service, variant))?;
    }
    Ok(())
}
