# kanrisaku の日本語の文言。ここにあるメッセージはすべて ../en/main.ftl にも同じ引数で
# なければなりません（テストで確認します）。

## レポート
summary-errors = エラー { $count } 件
summary-warnings = 警告 { $count } 件
summary-not-loaded = { $path }: 読み込めなかったため、何も確認していません（load-error）
summary-catalog = { $path }: { $service }（{ $lang }）：{ $coverage }、{ $statements }
summary-covered = ベースラインの管理策 { $covered }/{ $total } 件に記述あり（{ $baseline }）
summary-no-baseline = ベースラインなし
summary-statements = 記述のある管理策 { $count } 件
summary-checked = カタログ { $count } 件を確認{ $unloaded ->
    [0] {""}
   *[other] （{ $unloaded } 件は読み込めず）
}：ベースラインの管理策 { $covered }/{ $total } 件に記述あり。{ $errors }、{ $warnings }
summary-notes = 注記 { $count } 件

## check --explain
explain-default-severity = 既定の重大度：{ $severity }（kanrisaku.toml の [check.severity] で変更できます）
explain-unknown-code = `{ $code }` という finding コードはありません。コードの一覧：{ $codes }

## render
render-refused = 上のエラー { $count } 件のため出力しませんでした。直すか、--draft で下書きとして出力してください

## import：文書に書かれていなかった項目の仮の値
import-provider = （提供者名）
import-title = { $service } ISO/IEC 27017 ホワイトペーパー

## ホワイトペーパー：文書に表示する版と日付
document-version = 第 { $version } 版
document-date = { $year } 年 { $month } 月 { $day } 日
