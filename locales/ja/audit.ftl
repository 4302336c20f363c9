# 監査用版（`render --audience audit`）の文言。`label-audit-*` はテンプレートのラベル
# （`t.audit_*`）、その他はテンプレートの前に埋め込まれる。
label-audit-watermark = 監査用・公開禁止
label-audit-banner = 監査用版：社外秘・公開禁止。各管理策の管理責任者、証跡、最終レビュー日、未解決の指摘を示します。
label-audit-document-findings = 文書全体への指摘
label-audit-panel = 内部情報（監査用）
label-audit-status = 実施状況
label-audit-owner = 管理責任者
label-audit-evidence = 証跡
label-audit-reviewed = 最終レビュー日
label-audit-open = （
label-audit-close = ）
label-audit-notes = 備考
label-audit-findings = 未解決の指摘
label-audit-none = なし
label-audit-status-implemented = 実施済み
label-audit-status-missing = 記載なし
audit-review-age = { $days ->
    [0] 当日
   *[other] { $days } 日前
}
audit-review-future = 監査基準日の { $days } 日後
audit-as-of = レビュー経過日数は { $date }時点で数えています。レビューは { $days } 日ごとに必要です。
audit-review-overdue = { $age }、期限超過
