# JSON Schema の項目説明（日本語）。英語は Rust の型のドキュメントコメントにあり、
# `kanrisaku schema` が両方を markdownDescription に入れます（VS Code のホバーに表示）。
# id は schema-<定義名>-<項目名>。説明のある項目ごとに一つ必要です（テストで確認）。

schema-root = kanrisaku のカタログ：一つのクラウドサービスの ISO/IEC 27017 管理策と、そこから作るホワイトペーパー。
schema-root-kanrisaku = カタログ形式のバージョン。1 と書きます。
schema-root-service = このカタログが説明するクラウドサービス。
schema-root-document = ホワイトペーパーの題名・版・日付・言語・規格。
schema-root-sections = 管理策の前に置く前書き（目的・適用範囲・用語・問い合わせ先など）。書いた順に並びます。
schema-root-responsibility = 責任分界点の表。
schema-root-controls = 管理策ごとの記述。キーは管理策番号（`A.5.1.1`、`5.1.1`、`CLD.6.3.1`）。
schema-root-unplaced = 取り込み（import）で置き場所が決まらなかった行。確認用で、公開されません。

schema-service-id = 変わらない識別子（英小文字・数字・ハイフン）。ファイル名や一覧表に使います。
schema-service-name = お客様が知っているサービス名。
schema-service-provider = サービスを提供する会社。
schema-service-url = サービスのウェブページ。

schema-document-title = ホワイトペーパーの題名。
schema-document-version = 文書の版。引用符で囲みます（`"1.2"`）。
schema-document-date = 発行日（YYYY-MM-DD）。取り込みで見つからなかったときは省略でき、`check` が `missing-date` として知らせます。
schema-document-language = 文書の言語（`ja` または `en`）。組み込みの管理策名・見出し・メッセージの言語になります。
schema-document-standard = 文書が従う管理策の体系（既定は `iso27017:2015`）。
schema-document-annotate = 各管理策の横に、この規格での対応番号を示します。
schema-document-id-style = 管理策番号の書き方：`annex`（`A.5.1.1`、既定）または `plain`（`5.1.1`）。
schema-document-baseline = 文書が網羅すべき管理策の集合。既定は `standard` から決まり、`none` で網羅性の確認を止めます。
schema-document-revisions = 改訂履歴（古い順）。
schema-document-cover = 表紙に題名などとは別に印刷する行（副題、「無断転載禁止」などの注記）。
schema-cover-above = サービス名の上に印刷する行（順番どおり。キャッチコピーなど）。
schema-cover-below = 提供者名の下に印刷する行（順番どおり。「無断転載禁止」などの注記）。

schema-revision-version = この記録が説明する版。引用符で囲みます（`"1.0"`）。
schema-revision-date = その版の発行日（YYYY-MM-DD）。
schema-revision-summary = 変更内容を一文で。

schema-section-id = 前書きの短い名前（`purpose`、`scope` など）。カタログの中で重複できません。
schema-section-number = 提供者が印刷したとおりの番号（`1`、`3.7`。末尾のピリオドは付けない）。どの節にも番号がなければ、render が番号を振ります。
schema-section-title = お客様が読む見出し。
schema-section-audience = `nda` と書くと、この節（小節を含む）は NDA 版（`render --audience nda`）にだけ載ります。
schema-section-body = 本文（Markdown）。
schema-section-sections = この節の下に印刷する小節。小節はさらに小節を持てません。

schema-responsibility-parties = 当事者のキーと、表に出す名前。書いた順に列が並びます。
schema-responsibility-layers = 表の行（上から順に）。

schema-layer-layer = 管理の対象（表の一行）。例：アプリケーション、お客様データ。
schema-layer-owner = 管理する当事者のキー。共同で管理する層はキーの一覧。
schema-layer-note = 行に添える注記。

schema-control-entry-status = 管理策の実施状況。
schema-control-entry-statement = この管理策についてお客様が読む記述（Markdown）。
schema-control-entry-justification = 管理策が適用されない理由（`not-applicable` のとき必須）。
schema-control-entry-audience = `nda` と書くと、記述と理由は NDA 版（`render --audience nda`）にだけ載り、公開版には「NDA のもとで開示」との注記が出ます。
schema-control-entry-owner = この管理策の担当。ここから下の項目はすべて社内用で、公開されません。
schema-control-entry-reviewed = 記述を最後に見直した日（YYYY-MM-DD、社内用）。
schema-control-entry-evidence = 記述の根拠となるファイルやリンク（社内用）。
schema-control-entry-notes = チーム向けのメモ（社内用）。
schema-control-entry-from = このエントリの移行元である旧版の管理策（kanrisaku migrate が記録します。社内用で、公開されません）。

schema-unplaced-toc = 取り込み元の目次。
schema-unplaced-cover = 表紙の行（題名・版・日付・提供者として読んだもの）。
schema-unplaced-headings = 管理策・前書き・区分の見出し（書かれていたとおり）。
schema-unplaced-structured = 改訂履歴や責任分界点の表として読んだ表の行、終わりの印。
schema-unplaced-other = どこにも置けなかった行。記述や前書きに移してください。
schema-unplaced-furniture = ページの飾り：柱（ヘッダー・フッター）、ページ番号。
