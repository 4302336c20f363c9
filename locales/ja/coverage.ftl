# `kanrisaku coverage`. Every message here must also be in ../en/coverage.ftl with the same arguments.

coverage-status-implemented = 実施済み
coverage-status-partial = 一部実施
coverage-status-planned = 計画中
coverage-status-not-applicable = 適用外
coverage-status-gap = 未記載
coverage-heading = { $baseline } の網羅状況: 管理策 { $clauses } 件 × サービス { $services } 件
coverage-clause = 管理策
coverage-implemented = 実施済み
coverage-gaps = 未記載
coverage-addressed = 記載率
coverage-theme = テーマ
coverage-controls = 管理策数
coverage-unloaded = 読み込めなかったため表にないカタログ: { $message }

## coverage.html と coverage.md テンプレートのラベル（`t.<name>`）
coverage-page-title = 網羅状況マトリクス
coverage-page-legend = 凡例
coverage-page-clause = 管理策
coverage-page-service = サービス
coverage-page-implemented = 実施済み
coverage-page-gaps = 未記載
coverage-page-addressed = 記載率
coverage-page-totals = サービスごとの合計
coverage-page-themes = テーマごと
coverage-page-theme = テーマ
coverage-page-controls = 管理策数
coverage-page-unloaded = 読み込めなかったため表にないカタログ
coverage-page-projected-from = 対応元
