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
load-section-too-deep = 節 `{ $id }` が { $depth } 段目に入れ子になっています。節は小節を持てますが、小節はさらに小節を持てません。`{ $parent }` と同じ階層に移してください
load-duplicate-section = 前書きの ID `{ $key }` が重複しています（最初は { $line } 行 { $column } 列）
load-text-too-large = `{ $field }` が { $size } あります。記述・理由・前書きの本文は一つ { $limit } までです（前書きを分けてください）

## YAML の文法（パーサーのエラーの種類ごと）
load-syntax-unclosed-quote = 引用符が閉じていません。閉じる引用符（`"` または `'`）を書いてください
load-syntax-after-quote = 閉じる引用符の後に文字が続いています。値全体を引用符で囲むか、余分な文字を消してください
load-syntax-runs-on = この文字列が複数行に続いています。閉じる引用符か括弧が抜けていませんか？（値の続きの行は、キーより深く字下げします）
load-syntax-escape = 二重引用符の中のバックスラッシュが正しくありません。バックスラッシュは `\\` と書くか、一重引用符を使ってください
load-syntax-indentation = 字下げが揃っていません。一つのマッピングのキーは同じ列から、リストの項目（`- `）も同じ列から始め、次の行に書く値はキーより深く字下げします
load-syntax-text-block = 文章ブロック（`|` または `>`）の書き方が正しくありません。コロンの後に `|` だけを書き、次の行から字下げして書いてください
load-syntax-colon = 値の中に `: ` があるか、キーにコロンがありません。`: ` を含む文字列は引用符で囲み（例: `statement: "注: ..."`）、`キー: 値` はコロンの後に半角スペースを入れて書いてください
load-syntax-unclosed-list = `[` で始めたリストが閉じていません。閉じる `]` を書くか、`[` で始まる文字列を引用符で囲んでください
load-syntax-unclosed-mapping = 波括弧で始めたマッピングが閉じていません。閉じる波括弧を書くか、波括弧で始まる文字列を引用符で囲んでください
load-syntax-brackets = 括弧の対応が合わないか、括弧の中の項目が `,` で区切られていません。この行の括弧を確かめるか、括弧を含む文字列を引用符で囲んでください
load-syntax-reserved = 値が YAML の予約文字（`@` やバッククォートなど）で始まっています。文字列を引用符で囲んでください
load-syntax-comment = ` #` はコメントの始まりで、ここでは値の途中に置けません。`#` を含む文字列は引用符で囲んでください
load-syntax-space-after = `:` や `-` の後には半角スペースが必要です
load-syntax-anchor = `&` や `*` で始まる値は YAML のアンカーやエイリアスです。`&` や `*` で始まる文字列は引用符で囲んでください
load-syntax-directive = `%` で始まる行は YAML のディレクティブで、カタログには不要です。行を消すか、`%` で始まる文字列を引用符で囲んでください
load-syntax-directive-document = `%` で始まる行は YAML のディレクティブで、`...` の行の後は別の文書になります。カタログにはどちらも不要です。行を消すか、`%` で始まる文字列を引用符で囲んでください
load-syntax-document-marker = 文書の区切り（`---` または `...`）の後に文字があります。カタログのファイルには文書が一つだけです。区切りを消してください
load-syntax-bom = ファイルの途中にバイト順マークがあります（二つのファイルをつなげませんでしたか？）。消してください
load-syntax-too-deep = 入れ子が深すぎます。カタログの字下げは数段です（ファイルを間違えていませんか？）
load-syntax-cut-short = 値の途中でファイルが終わっています（途中で切れていませんか？）
load-syntax-missing-value = 値がないか、YAML の予約文字で始まっています。値を書き、特別な文字で始まるなら引用符で囲んでください
load-syntax-not-yaml = ここは YAML として読めません。字下げ（半角スペースだけ）を確かめ、`: ` や ` #` を含む文字列、特別な文字で始まる文字列は引用符で囲んでください
load-syntax-broken-structure = 値があるべきところでリストかマッピングが始まるか終わっています。この行と上の行の字下げを確かめてください
load-syntax-tags = YAML のタグ（`!name`、`!!binary`）はカタログでは使いません。タグを消すか、`!` で始まる文字列を引用符で囲んでください
