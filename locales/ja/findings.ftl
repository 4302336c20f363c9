# `check` の日本語の文言。ここにあるメッセージはすべて ../en/findings.ftl にも同じ引数で
# なければなりません（テストで確認します）。コード（finding code）は翻訳しません。

## 1 行：メッセージと直し方
with-help = { $message }。{ $help }

## メッセージ（コード別）
unknown-clause-not-an-id = `{ $key }` は管理策番号ではありません
unknown-clause-2022-id = `{ $key }` は ISO/IEC 27002:2022 の番号ですが、この文書は { $standard } の番号体系です（document.standard）
unknown-clause-2022-id-mapped = `{ $key }` は ISO/IEC 27002:2022 の番号ですが、この文書は { $standard } の番号体系です（document.standard）。27002:2013 の番号では { $before } です
unknown-clause-2013-id = `{ $key }` は ISO/IEC 27002:2013 の番号です。この文書は { $standard } の番号体系で、そこでは { $after } です
unknown-clause = `{ $key }` は { $standard } の管理策ではありません
coverage-gap = ベースラインの管理策 { $clause } { $title } に記述がありません（ベースライン { $baseline }）
coverage-gap-renumbered = ベースラインの管理策 { $clause } { $title } に記述がありません（ベースライン { $baseline }。ISO/IEC 27002:2022 の番号では { $ids } で記述します）
empty-statement = 状態は { $status } ですが `statement` が空です
nda-only = 網羅すべき管理策に `audience: nda` が付いているため、公開版には「詳細は NDA のもとで開示」との注記しか載りません
missing-justification = 適用外（not-applicable）ですが `justification` がありません
unused-justification = `justification` は適用外の管理策でのみ公開されますが、この管理策は { $status } です
partial-control = 一部のみ実施されています（status: partial）
planned-control = まだ実施されていません（status: planned）
placeholder-text = `{ $field }` に仮の文言 `{ $word }` が残っています
missing-owner = `owner`（担当）がありません
missing-review-date = `reviewed`（レビュー日）がありません
future-review-date = `reviewed: { $date }` が今日（{ $today }）より後の日付です
stale-review = 最終レビューは { $date }（{ $age } 日前）です
unknown-reference = { $text } を参照していますが、{ $standard } の管理策ではありません
unresolved-reference = { $clause } を参照していますが、このカタログにはその記述がありません
missing-date = 文書に `date`（発行日）がありません
revisions-none = 文書に `revisions`（改訂履歴）がありません
revisions-version = document.version は { $version } ですが、最新の改訂履歴は { $latest } です
revisions-date = document.date { $date } が最新の改訂（{ $latest }）より前です
revisions-order = 改訂 { $version }（{ $date }）が上の改訂（{ $above }）より前の日付です
revisions-twice = 改訂 { $version } が 2 回あります（最初は { $line } 行目）
unknown-party = レイヤー `{ $layer }` の担当 `{ $party }` は `responsibility.parties` にありません（{ $parties }）
duplicate-service = サービス `{ $service }`（{ $lang }）は { $other } にも記述されています
unplaced-text = 取り込んだ { $count } 行がどの記述にも節にも入っていません（`unplaced.other`）。正しい場所に移してから一覧を削除してください
unsafe-url-service = `service.url` は http(s) または mailto のアドレスでなければなりませんが、{ $reason }
unsafe-url-service-anchor = `service.url` は http(s) または mailto のアドレスでなければなりませんが、#アンカーです
unsafe-url-link = `{ $field }` のリンク先が http(s)・mailto・#アンカーのいずれでもありません：{ $reason }
unsafe-url-image = `{ $field }` の画像がファイルではありません：{ $reason }
external-image = `{ $field }` の画像は別のホストにあり、読者のブラウザ（と PDF 出力）が取りに行ってしまいます
bad-image = `{ $field }` の画像 { $reason }
unversioned-change-version = { $rev } 以降、お客様に見える変更が { $count } 件ありますが、document.version は { $version } のままです。版を上げて revisions に記載してください
unversioned-change-revision = { $rev } 以降、お客様に見える変更が { $count } 件あり、document.version は { $version } になりましたが、`revisions` にその版の記載がありません
load-error = { $detail }
since-load-error = { $rev } の時点ではこのファイルを読み込めなかった（{ $detail }）ため、{ $rev } 以降の変更に版の更新が必要かは確認していません

## 直し方
help-did-you-mean = `{ $id }` のことですか？
help-did-you-mean-title = `{ $id }`（{ $title }）のことですか？
help-clause-range = { $count ->
    [one] { $category } にあるのは { $first } だけです
   *[other] { $category } にあるのは { $first }〜{ $last } です
}
help-missing-justification = このサービスに適用しない理由を書いてください
help-unused-justification = 文章を `statement` に移してください
help-placeholder-text = 公開前に最終的な文章を書いてください
help-missing-owner = この記述を正しく保つ役割またはチームを書いてください
help-stale-review = 少なくとも { $days } 日ごとにレビューしてください
help-missing-date = 発行日（YYYY-MM-DD）を書いてください
help-revisions-none = 少なくとも初版（version、date、summary）を書いてください
help-revisions-version = 改訂履歴を追加するか、版を直してください
help-revisions-order = 改訂履歴は古い順に並べてください
help-duplicate-service = サービスと言語の組ごとにカタログは 1 つです
help-unsafe-url-service = render はこのアドレスを出力しません
help-unsafe-url-link = render はリンクの文字だけを残し、リンクを外します
help-image = 画像をワークスペースにコピーし、そのパスで指定してください
help-changelog = `kanrisaku diff --git { $rev } --changelog` で下書きできます

## 関連する場所
related-first-listed = 最初の記載
related-latest-revision = 最新の改訂
related-revision-above = 上の改訂
related-other-catalog = このサービスのもう一つのカタログ
related-first-written = 最初の記載箇所

## 理由（上のメッセージの中に入る文言）
reason-url-empty = アドレスが空です
reason-url-scheme = `{ $scheme }` スキームが使われています
reason-url-relative = 相対パスです。PDF ではビルドしたマシン上のファイルへのリンクになってしまいます
reason-url-protocol-relative = スキームがありません（`//host`）。文書を開く場所によってプロトコルが変わります
reason-url-no-host = ホスト名がありません
reason-image = `{ $path }` は{ $reason }
reason-image-absolute = 絶対パスです。ワークスペース { $root } の中の画像を、カタログからの相対パスで指定してください
reason-image-outside = ワークスペース { $root } の外にあります。画像をワークスペースの中にコピーしてください
reason-image-read = 読めません：{ $detail }
reason-image-svg = SVG です。PNG で書き出してください（埋め込めるのは PNG・JPEG・GIF・WebP だけです）
reason-image-not-image = PNG・JPEG・GIF・WebP のいずれの画像でもありません
reason-image-too-much = 埋め込む画像が文書全体で { $limit } を超えてしまいます。小さい画像を使ってください
