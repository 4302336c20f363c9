# `kanrisaku diff` の日本語の文言: 変更の説明、赤線ページ、改訂履歴の追加案。ここにある
# メッセージはすべて ../en/diff.ftl にも同じ引数でなければなりません（テストで確認します）。
# `diff-page-*` は引数を取りません。差分テンプレートからは `t.<id の残り>` で参照します。

## 値
diff-none = （なし）
diff-status = { $status ->
    [implemented] 実施済み
    [partial] 一部実施
    [planned] 実施予定
    [not-applicable] 適用除外
   *[other] { $status }
}

## 変更ごとの 1 行（テキスト、Markdown、赤線ページ）
diff-catalog-added = 新しいカタログ
diff-catalog-removed = カタログを削除
diff-metadata = { $field }: { $old } → { $new }
diff-revision-added = 改訂 { $version }（{ $date }）を追加: { $summary }
diff-revision-removed = 改訂 { $version }（{ $date }）を削除
diff-revision-changed = 改訂 { $version } の { $field }: { $old } → { $new }
diff-section-added = 「{ $title }」を追加
diff-section-removed = 「{ $title }」を削除
diff-section-renamed = 「{ $old }」を「{ $title }」に改題
diff-section-changed = 「{ $title }」を変更
diff-sections-reordered = 前書きの順序を変更: { $order }
diff-party-changed = 責任分界点の主体 `{ $key }`: { $old } → { $new }
diff-layer-added = 責任分界点の階層「{ $layer }」を追加（{ $owners }）
diff-layer-removed = 責任分界点の階層「{ $layer }」を削除
diff-layer-changed = 責任分界点の階層「{ $layer }」の { $field }: { $old } → { $new }
diff-layers-reordered = 責任分界点の階層の順序を変更
diff-clause-added = { $clause } を追加（{ $status }）
diff-clause-removed = { $clause } を削除
diff-renumbered = { $old } → { $new }（番号の変更）
diff-status-changed = { $clause } の実施状況: { $old } → { $new }
diff-statement-changed = { $clause } の記載を変更
diff-justification-changed = { $clause } の適用除外の理由を変更
diff-moved = { $from } から { $to } へ移動:「{ $text }」
diff-audience = { $audience ->
    [nda] NDA 限定
   *[public] 公開
}
diff-audience-changed = { $what }: { $old } → { $new }
diff-nda = 【NDA】{ $change }

## 見出しと合計
diff-heading-same = { $service }（{ $lang }）: 版 { $version }
diff-heading-changed = { $service }（{ $lang }）: 版 { $old } → { $new }
diff-heading-added = { $service }（{ $lang }）: 新規、版 { $version }
diff-heading-removed = { $service }（{ $lang }）: 削除、旧版 { $version }
diff-internal = 内部情報（公開されません）:
diff-total = お客様に見える変更 { $visible } 件（カタログ { $catalogs } 件）
diff-total-internal = お客様に見える変更 { $visible } 件、内部情報の変更 { $internal } 件（カタログ { $catalogs } 件）

## 赤線ページと Markdown 差分のラベル（templates/diff.html、diff.md）
diff-page-title = カタログの版間の変更点
diff-page-deleted = 削除
diff-page-inserted = 追加
diff-page-moved = 移動
diff-page-moved-to = 移動先
diff-page-moved-from = 移動元
diff-page-change = 変更
diff-page-text = 本文
diff-page-internal = 内部情報の変更（公開されません）
diff-page-clause = 管理策
diff-page-field = 項目
diff-page-before = 変更前
diff-page-after = 変更後
diff-page-no-changes = 変更はありません。

## 改訂履歴の追加案（`diff --changelog`）
diff-changelog-header = { $service }（{ $lang }）: document.revisions に追加する改訂履歴の案
diff-changelog-date = 公開日。document.date も同じ日付に
diff-changelog-nothing = お客様に見える変更はありません。改訂履歴の追加は不要です
diff-changelog-separator = 。
diff-changelog-end = 。
diff-changelog-revised = { $clause } を改訂
diff-changelog-status = { $clause } の実施状況を変更（{ $old } → { $new }）
diff-changelog-added = { $clause } を追加
diff-changelog-removed = { $clause } を削除
diff-changelog-moved = { $from } の記載の一部を { $to } へ移動
diff-changelog-renumbered = 管理策番号を ISO/IEC 27002:2022 の体系に変更
diff-changelog-section = 「{ $title }」を改訂
diff-changelog-sections-reordered = 前書きの構成を変更
diff-changelog-responsibility = 責任分界点を改訂
diff-changelog-metadata = { $field } を変更
diff-changelog-first-edition = 初版作成
