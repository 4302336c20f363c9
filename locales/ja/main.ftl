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

## import：標準エラー出力の報告（2 行目以降の字下げはツールが付けます）
import-head = { $name } を取り込みました：管理策の節 { $count } 件
import-clauses = 管理策：{ $list }
import-repaired = 修正：{ $what }
import-guessed = 推定：{ $what }
import-warning = 警告：{ $what }
import-table-read = 読み取りました
import-table-missing = 見つかりません（文章のまま）
import-structure = 節 { $sections } 件、改訂履歴 { $revisions } 件、責任分担表：{ $table }
import-unplaced = 確認用に `unplaced` に残した行：目次 { $toc }、表紙 { $cover }、見出し { $heading }、表・構造 { $structured }、ヘッダー・フッター { $furniture }。どこにも置かなかった行 { $unplaced }
import-baseline-complete = ベースライン：すべてあり
import-baseline-missing = ベースラインで足りない管理策：{ $list }
import-passes = このカタログは `kanrisaku check` を通ります
import-errors = このカタログには `kanrisaku check` が報告するエラーが { $count } 件あります。公開前に直してください：
import-warns = 警告も { $count } 件出ます（{ $codes }）。一覧は `kanrisaku check` で確認できます

## check の集計にある設定の行
check-settings = 設定：{ $file }：{ $changes }
check-settings-none = 設定：{ $file }（この実行では何も変えていません）
check-settings-never = 指摘があっても失敗にしません

## check --verbose：結果キャッシュの働き
check-cache-stats = キャッシュ：{ $served } 件をキャッシュから、{ $checked } 件を検査
