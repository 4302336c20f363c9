# kanrisaku の日本語の文言。ここにあるメッセージはすべて ../en/main.ftl にも同じ引数で
# なければなりません（テストで確認します）。

## レポート
summary-errors = エラー { $count } 件
