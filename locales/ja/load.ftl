# カタログを読み込めなかった理由。問題ごとに一つ、それぞれの行:列で、インターフェースの言語で
# （読み込む前は文書の言語がわからないため）。../en/load.ftl と同じ id・同じ引数が必要です。

load-unknown-field = 不明な項目 `{ $field }` です。使える項目: { $expected }
load-unknown-field-none = 不明な項目 `{ $field }` です（ここには項目を書けません）
load-unknown-value = 不明な値 `{ $value }` です。使える値: { $expected }
load-did-you-mean = { $message }（`{ $suggestion }` の誤りではありませんか？）
load-missing-field = 必須の項目 `{ $field }` がありません。ここに `{ $sibling }` と揃えて `{ $field }:` を書いてください
load-missing-field-empty = 必須の項目 `{ $field }` がありません。このマッピングに `{ $field }:` を書いてください
load-missing-field-top = 必須の項目 `{ $field }` がありません。`{ $sibling }` と同じく行頭に `{ $field }:` を書いてください
load-expected = { $expected }が必要ですが、{ $found }が書かれています
load-expected-text-found-nothing = 文字列が必要ですが、何も書かれていません。コロンの後に書くか、この行を削除してください
load-expected-text-found-structure = 文字列が必要ですが、リストかマッピングが書かれています。角括弧や波括弧で始まる文字列は引用符で囲んでください
load-expected-found-nothing = { $expected }が必要ですが、何も書かれていません。コロンの後（または次の行から字下げして）書くか、この行を削除してください
load-invalid-date = 日付 `{ $value }` が正しくありません。YYYY-MM-DD で書いてください（例: 2025-04-01）
load-fullwidth-indent = 字下げに全角スペース（U+3000）があります。YAML の字下げは半角スペースだけです。全角スペース一つを半角スペース二つに置き換えてください
load-tab-indent = 字下げにタブがあります。YAML の字下げはスペースだけです。タブをスペースに置き換えてください

## 上のメッセージの中で使う「必要なもの」「書かれていたもの」
load-kind-mapping = マッピング（字下げした `キー: 値` の行）
load-kind-list = リスト（`- 項目` の行、または `[a, b]`）
load-kind-text = 文字列
load-kind-integer = 整数
load-kind-number = 数値
load-kind-bool = `true` か `false`
load-kind-nothing = 空
load-kind-value = 値
load-kind-or = { $first }または{ $second }
load-found-mapping = マッピング
load-found-list = リスト
load-found-value = `{ $value }`

## ファイル全体の問題と、型では表せない問題
load-wide-encoding = ファイルが { $encoding } です。UTF-8 で保存してください
load-wide-no-bom = { $encoding }（バイト順マークなし）
load-binary = バイナリファイルです（NUL バイトがあります）。UTF-8 テキストの YAML カタログが必要です
load-invalid-utf8 = UTF-8 として読めません（バイト { $byte }）。ファイルを UTF-8 で保存し直してください（Shift_JIS などの文字コードは読めません）
load-empty = カタログが空です。`kanrisaku: { $version }` で始まるマッピングが必要です
load-unsupported-version = 対応していない形式のバージョン `kanrisaku: { $found }` です。この kanrisaku が読めるのはバージョン { $version } です
load-not-a-slug = サービス ID `{ $id }` に使えない文字があります。英小文字・数字・ハイフンだけで書いてください（例: `example-cloud`）
load-duplicate-clause = 管理策 `{ $key }` が重複しています（最初は { $line } 行 { $column } 列）。管理策は一度だけ書けます。二つの記述をまとめてください
load-duplicate-clause-same = 管理策 `{ $key }` が重複しています（`{ $first }` と同じ管理策。最初は { $line } 行 { $column } 列）。管理策は一度だけ書けます。二つの記述をまとめてください
load-duplicate-party = 当事者 `{ $key }` が重複しています（最初は { $line } 行 { $column } 列）
load-duplicate-section = 前書きの ID `{ $key }` が重複しています（最初は { $line } 行 { $column } 列）
load-text-too-large = `{ $field }` が { $size } あります。記述・理由・前書きの本文は一つ { $limit } までです（前書きを分けてください）
