# `kanrisaku check --explain CODE` の日本語：コードごとの 1 文の要約（SARIF のルール説明にも
# 使います）と説明（なぜ問題か、直し方、例）。

summary-unknown-clause = 管理策のキーが、文書の規格の管理策ではありません。
explain-unknown-clause =
    なぜ：規格にない番号の記述は誤った見出しで公開され、本来の管理策は未回答に見えます。
    直し方：document.standard の番号体系で管理策番号を書いてください（例：A.9.2.1、CLD.6.3.1）。メッセージに同じカテゴリの管理策が示されます。
    例：`A.9.2.7:`（27002:2013 の 9.2 は 9.2.1〜9.2.6）を `A.9.2.6:` にします。
summary-coverage-gap = 文書のベースラインの管理策に記述がありません。
explain-coverage-gap =
    なぜ：ベースライン（document.baseline）はお客様が事業者に回答を期待する管理策の一覧で、抜けは監査人にもお客様にも目立ちます。
    直し方：`controls` にその管理策を追加して記述を書くか、`status: not-applicable` と `justification` を書いてください。
    例：`CLD.6.3.1:` に `status: implemented` と `statement: 役割はサービス利用規約に記載しています。`
summary-empty-statement = 管理策の記述が空です。
explain-empty-statement =
    なぜ：ホワイトペーパーに見出しだけが出て、中身がありません。
    直し方：この管理策についてサービスが行っていることを `statement` に書いてください。
    例：`statement: アクセス権は四半期ごとに見直しています。`
summary-nda-only = 網羅すべき管理策の記述が NDA 限定だけです。
explain-nda-only =
    なぜ：網羅すべき管理策は、すべてのお客様に何かを述べるべきです。公開版には「詳細は NDA のもとで開示」との注記しか出ません。
    直し方：公開できる `statement` を書いてください。やむを得ない場合は `[check.severity]` に `nda-only = "allow"` と書いて受け入れます。
    例：`audience: nda` を外し、`statement: 鍵は HSM で管理しています。鍵の階層は NDA のもとで開示します。` と書く。
summary-placeholder-text = お客様に見える文章に仮の文言（TODO、TBD、未定、記載予定 など）が残っています。
explain-placeholder-text =
    なぜ：「未定」と書かれたホワイトペーパーは、管理策が決まっていないと伝えてしまいます。
    直し方：仮の文言を最終的な文章に置き換えるか、status を planned にして時期を書いてください。
    例：`statement: 記載予定` を `statement: バックアップは AES-256 で暗号化しています。` にします。
summary-missing-justification = 適用外の管理策に、適用しない理由がありません。
explain-missing-justification =
    なぜ：お客様も監査人も、理由のない「適用外」は受け入れません。
    直し方：このサービスに適用しない理由を `justification` に書いてください。
    例：`justification: 本サービスはお客様のデータを取り外し可能な媒体に保存しません。`
summary-unused-justification = 適用外でない管理策に justification があり、公開されません。
explain-unused-justification =
    なぜ：書いた文章が読者の目に触れることはありません。
    直し方：文章を `statement` に移すか、適用外なら `status: not-applicable` にしてください。
    例：`status: implemented` の下の `justification:` を `statement:` に移します。
summary-partial-control = 管理策が一部のみ実施されています。
explain-partial-control =
    なぜ：一部実施はそのまま公開されるため、リリースごとに見直す価値があります。
    直し方：実施を終えて `status: implemented` にするか、想定どおりなら kanrisaku.toml でこのコードの重大度を下げてください。
    例：`status: partial` を `status: implemented` にします。
summary-planned-control = 管理策は予定のみで、まだ実施されていません。
explain-planned-control =
    なぜ：予定は約束であり、お客様は未実施と読みます。
    直し方：実施して `status: implemented` にするか、承知のうえで予定のままにしてください。
    例：`status: planned` を `status: implemented` にします。
summary-unknown-reference = 文章が存在しない管理策を参照しています。
explain-unknown-reference =
    なぜ：「A.9.2.7 を参照」をたどった読者は何も見つけられません。
    直し方：文中の管理策番号を直してください。メッセージに近くの管理策が示されます。
    例：`A.9.2.7 を参照` を `A.9.2.6 を参照` にします。
summary-unresolved-reference = 文章が、このカタログに記述のない管理策を参照しています。
explain-unresolved-reference =
    なぜ：参照をたどっても、ホワイトペーパーにその管理策の文章がありません。
    直し方：参照先の管理策の記述を書くか、記述のある管理策を参照してください。
    例：「A.12.3.1 を参照」には記述のある `A.12.3.1:` が必要です。
summary-stale-review = 管理策の最終レビューが、許容期間より前です。
explain-stale-review =
    なぜ：記述は実態から離れていきます。定期的なレビューがホワイトペーパーを正しく保ちます。
    直し方：記述を見直し、`reviewed` を今日の日付にしてください。許容期間は --review-max-age または kanrisaku.toml の `review-max-age-days` です。
    例：`reviewed: 2023-01-10` を `reviewed: 2025-06-01` にします。
summary-missing-review-date = 管理策に `reviewed`（レビュー日）がありません。
explain-missing-review-date =
    なぜ：日付がなければ、記述がまだ正しいか誰にも分かりません。
    直し方：記述を最後に確認した日付を `reviewed` に書いてください。
    例：`reviewed: 2025-06-01`
summary-future-review-date = 管理策の `reviewed` が未来の日付です。
explain-future-review-date =
    なぜ：未来の日付は書き間違いで、本当のレビュー時期を隠します。
    直し方：実際にレビューした日付を `reviewed` に書いてください。
    例：`reviewed: 2052-06-01` を `reviewed: 2025-06-01` にします。
summary-missing-owner = 管理策に `owner`（担当）がありません。
explain-missing-owner =
    なぜ：担当のいない記述は古くなります。
    直し方：責任を持つ役割またはチームを `owner` に書いてください。
    例：`owner: セキュリティ運用チーム`
summary-missing-date = 文書に発行日がありません（取り込み時に見つかりませんでした）。
explain-missing-date =
    なぜ：日付のないホワイトペーパーは、お客様が受け取った版と照合できません。
    直し方：`document.date` を YYYY-MM-DD の形で書いてください。
    例：`document:` の下に `date: 2025-06-01`
summary-revision-history = 改訂履歴が文書の版または日付と合っていません。
explain-revision-history =
    なぜ：お客様は改訂履歴で版を見比べます。抜けや順序の誤りは誤解を招きます。
    直し方：改訂履歴を古い順に版ごとに 1 つ書き、最後の版を document.version と同じに、日付を document.date 以前にしてください。
    例：`revisions:` の下に `- version: "1.1"`、`date: 2025-06-01`、`summary: バックアップの記述を改訂`。
summary-unknown-party = 責任分担のレイヤーが、`parties` にない当事者を挙げています。
explain-unknown-party =
    なぜ：責任分担表に、定義されていない列が出てしまいます。
    直し方：`responsibility.parties` のキーを使うか、そこに当事者を追加してください。
    例：`owner: [provdier]` を `owner: [provider]` にします。
summary-duplicate-service = 同じサービスを同じ言語で記述したカタログが 2 つあります。
explain-duplicate-service =
    なぜ：同じサービスと言語のホワイトペーパーが 2 つあると、いずれ食い違います。
    直し方：カタログを 1 つにまとめるか、一方に別のサービス ID または言語を付けてください。
    例：`service.id: tsumiki-cloud` と `language: ja` の 2 ファイルを 1 つにします。
summary-unplaced-text = 取り込みで、どの記述にも節にも入らなかった行があります。
explain-unplaced-text =
    なぜ：`import` がこれらの行の置き場所を判断できませんでした。このままでは公開されません。
    直し方：`unplaced.other` の各行を、属する記述または節に移してから一覧を削除してください。
    例：バックアップについての行を `A.12.3.1` の記述に移します。
summary-unsafe-url = 公開されるリンクが http(s)・mailto・文書内の #アンカーのいずれでもありません。
explain-unsafe-url =
    なぜ：公開する文書がスクリプトを実行したりローカルファイルを開いたりしてはいけません（`javascript:`、`file:`）。
    直し方：https アドレス、mailto アドレス、文書内の見出しにリンクしてください。
    例：`[規約](javascript:alert(1))` を `[規約](https://example.com/terms)` にします。
summary-external-image = 画像を別のホストから読み込もうとしています。公開する文書は何も読み込みません。
explain-external-image =
    なぜ：外部の画像は読者を画像のホストに知らせ、公開後に変わることもあります。
    直し方：画像をワークスペースにコピーし、そのパスで指定してください。
    例：`![ロゴ](https://cdn.example.com/logo.png)` を `![ロゴ](images/logo.png)` にします。
summary-bad-image = 画像がない、ワークスペースの外にある、大きすぎる、または PNG・JPEG・GIF・WebP ではありません。
explain-bad-image =
    なぜ：出力したホワイトペーパーの画像が壊れるか、ワークスペース外のファイルを埋め込んでしまいます。
    直し方：PNG・JPEG・GIF・WebP のファイルをワークスペース内に置き、相対パスで指定してください。
    例：`![構成図](../../secret.png)` を `![構成図](images/diagram.png)` にします。
summary-unversioned-change = 指定した版以降にお客様に見える文章が変わったのに、文書の版と改訂履歴が更新されていません。
explain-unversioned-change =
    なぜ：お客様はどの版を読んだか分かる必要があります。同じ版番号のまま文章を変えると、黙った変更になります。
    直し方：document.version を上げて `revisions` に記載してください。`kanrisaku diff --git REV --changelog` で下書きできます。
    例：`version: "1.1"` を `version: "1.2"` にし、`revisions` に 1.2 を追加します。
summary-load-error = カタログのファイルを読み込めなかったため、その中は何も確認していません。
explain-load-error =
    なぜ：読み込めないファイルはまったく確認されません。ゲートが黙って通してはいけません。重大度は変更できません。
    直し方：示された行と列のところを直してください。メッセージに期待される内容が書かれています。
    例：`statment:` を `statement:` にします。
summary-since-load-error = `--since` の版の時点でカタログを読み込めなかったため、それ以降の変更を確認していません。
explain-since-load-error =
    なぜ：古いファイルがないと、`check --since` は版を上げる必要があったか判断できません。
    直し方：多くの場合は不要です。新しい版と比べる次の実行で再び確認されます。今回は版の更新を手で確認してください。
    例：main のファイルが、後で名前の変わったフィールドを使っていた場合の `check --since main`。
