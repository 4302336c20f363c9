# `kanrisaku fmt`。ここにあるメッセージはすべて、同じ引数で ../en/fmt.ftl にも必要です。

fmt-formatted = { $path } を整形しました
fmt-not-formatted = { $path }: 整形されていません
fmt-summary-written = { $changed ->
    [0] 整形が必要なカタログはありません（{ $total } 件とも整形済み）
   *[other] カタログ { $total } 件のうち { $changed } 件を整形しました
}
fmt-summary-check = { $dirty ->
    [0] カタログ { $total } 件はすべて整形済みです
   *[other] カタログ { $total } 件のうち { $dirty } 件が整形されていません。`kanrisaku fmt` で整形してください
}
fmt-summary-errors = カタログ { $count } 件は整形できなかったため、そのままにしました（上記参照）
fmt-changed-meanwhile = { $path }: 整形中にファイルが変更されたため、何も書き込みませんでした。もう一度 `kanrisaku fmt` を実行してください

## 読み込めるカタログを整形しない理由（file:line:column の後に表示）
fmt-comment-in-flow = `{"{"} … {"}"}` 形式のマッピングの中にコメントがあります。キーを並べ替えるとコメントが対応する記述から離れてしまうため整形しません。マッピングを 1 行に 1 つの `key: value` で書くか、コメントをマッピングの上に移してください
fmt-comment-above-inline-key = `{ $key }` の上にコメントがあります。整形では `{ $key }` をリスト項目の `- ` の行に移しますが、そこにはコメントを置けません。コメントを `- ` の行の上に移すか、`{ $key }` を先頭に書いてください
fmt-alias = 整形で書き換えが必要なカタログにエイリアス（`*name`）があります。アンカー（`&name`）が移動すると参照先が変わるおそれがあるため整形しません。エイリアスの代わりに値をそのまま書いてください
fmt-lone-carriage-return = 行末ではない位置に復帰文字（CR）があります。改行コードを LF または CRLF にして保存してください
fmt-unparsed = 整形用の YAML パーサがここを読めませんでした（{ $message }）。ファイルはそのままです
fmt-unverified = 整形すると値またはコメントが変わってしまうため、ファイルはそのままにしました。kanrisaku fmt の不具合です。ファイルを添えて報告してください
