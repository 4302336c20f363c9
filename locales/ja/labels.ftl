# 組み込みホワイトペーパーのテンプレートのラベル（日本語）。テンプレートの `t.<key>` は
# メッセージ `label-<key>`（_ は - に）です。テンプレートディレクトリの i18n/ja.ftl で
# 上書きできます（`kanrisaku templates export` がこのファイルを書き出します）。
# `{ $standard }` は見出しに併記する規格です。
label-contents = 目次
label-revision-history = 改訂履歴
label-revision-version = 版数
label-revision-date = 日付
label-revision-summary = 内容
label-responsibility = 責任分界点
label-responsibility-layer = 階層
label-responsibility-note = 備考
label-responsibility-mark = ●
label-controls = 管理策の実施状況
label-annotation = 管理策
label-annotation-open = （
label-annotation-close = ）
label-annotation-note = 各管理策の見出しの（管理策 x.x）は、対応する { $standard } の管理策の番号です。
label-status-partial = 一部実施
label-status-planned = 実施予定
label-status-not-applicable = 適用除外
label-justification = 適用除外の理由
label-end = 以上
label-draft = ドラフト
label-draft-banner = この文書は公開前のドラフトです。次の問題が解決されていません。
label-gap = この管理策の記載はまだありません。
label-issues = 指摘事項
