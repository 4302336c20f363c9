# `kanrisaku soa`。ここにあるメッセージはすべて、同じ引数で ../en/soa.ftl にも必要です。

soa-title = 適用宣言書（ISO/IEC 27001:2022 附属書A）
soa-sheet = 適用宣言書
soa-column-control = 管理策
soa-column-title = 管理策名
soa-column-theme = テーマ
soa-column-from-2013 = 2013年版の管理策
soa-column-applicable = 適用
soa-column-status = 実施状況
soa-column-justification = 除外の理由
soa-column-implemented-by = 実施しているもの
soa-column-decided-in = 決定の出所
soa-applicable-yes = 適用
soa-applicable-no = 除外
soa-status-implemented = 実施済み
soa-status-partial = 一部実施
soa-status-planned = 計画中
soa-status-not-applicable = 適用除外
soa-status-undecided = 未決定
soa-implementer = { $service } { $clause }（{ $status }）
soa-origin-catalogs = サービスのカタログ
soa-summary = 管理策 { $total } 件：決定済み { $decided } 件、未決定 { $undecided } 件
soa-unloaded = 読み込めなかったため、この適用宣言書に含まれていません：{ $error }
soa-undecided-line = { $id } { $title }：未決定です。カタログに記述を加えるか、soa.toml に決定を記録してください
soa-wrote = { $path } を書き出しました（{ $format }、{ $summary }）
soa-xlsx-terminal = xlsx はバイナリファイルです。-o で出力先を指定してください（例：-o soa.xlsx）
soa-unknown-extension = { $path }：拡張子から形式がわかりません。--format xlsx、csv、md、json のいずれかを指定してください
