# init、explain、入門の案内、render の書き出し報告の日本語。
# ここのメッセージはすべて ../en/init.ftl にも同じ引数で必要です（テストで確認）。

## kanrisaku だけを実行したとき
getting-started =
    kanrisaku は、クラウドサービスの ISO/IEC 27017 管理策を YAML で管理し、ホワイトペーパーを作成します。

    はじめの 1 時間:
      kanrisaku init my-cloud --service "My Cloud"   ワークスペースを作成（全管理策をひな形として記入）
      cd my-cloud                                    services/*.yaml をエディタで開き、TODO を書き換える
      kanrisaku check                                未記入の箇所を一覧表示（すべて記入すると終了コード 0）
      kanrisaku render -o whitepaper.html            お客様向けのホワイトペーパーを出力

    管理策を調べる:  kanrisaku explain A.9.2.1
    コマンド一覧:    kanrisaku --help    （各コマンドの例は kanrisaku COMMAND --help）

## init が書くファイル
init-catalog-intro = { $service } の kanrisaku カタログです。`kanrisaku check` で未記入の TODO を一覧でき、`kanrisaku explain 管理策番号` で各管理策の説明を表示できます。
init-doc-title = { $service } ISO/IEC 27017 ホワイトペーパー
init-first-revision = 初版
init-provider = TODO: サービスを提供する事業者名
init-url-hint = サービスの Web サイト（http 又は https）。表紙に表示されます
init-section-purpose = 本書の目的
init-section-purpose-body = TODO: 本書の読み手と、本書で何を説明するか（本サービスが ISO/IEC 27017 のクラウド管理策をどのように実施しているか）。
init-section-scope = 適用範囲
init-section-scope-body = TODO: 本書の対象とするサービス・機能・環境・リージョンと、対象外とするもの。
init-section-contact = お問い合わせ窓口
init-section-contact-body = TODO: 本書やサービスのセキュリティに関するお問い合わせ先。
init-responsibility-hint = 層ごとの責任の所在（責任分界点）です。サービスの形態（SaaS、PaaS、IaaS）に合わせて層と担当を見直してください。
init-party-customer = お客様
init-party-provider = 当社
init-party-upstream = クラウド基盤事業者
init-layer-devices = 利用者端末・ネットワーク
init-layer-accounts = 利用者アカウント・権限設定
init-layer-data = お客様データ
init-layer-application = アプリケーション
init-layer-platform = ミドルウェア・OS
init-layer-infrastructure = 仮想化基盤・サーバー・ネットワーク・データセンター
init-controls-hint = プロバイダ向けベースライン（ISO/IEC 27017:2015 のうち事業者向けガイダンスのある管理策）の各管理策です。それぞれ status を設定し、お客様が読む statement を書き、owner（担当）と reviewed（確認日）を記入してください。
init-clause-hint = 記載のポイント
init-statement = TODO: 本サービスでの実施内容を記載する。

## init の表示
init-created = { $dir } に kanrisaku のワークスペースを作成しました:
init-next =
    次の手順:
      1. { $catalog } を開きます（YAML 拡張機能のあるエディタでは項目名と管理策番号が補完されます）。
      2. 各管理策の TODO を実施内容に書き換え、status を設定し、owner と reviewed を追加します。
      3. { $dir } で `kanrisaku check` を実行すると、未記入の箇所が一覧されます（すべて記入すると終了コード 0）。
      4. `kanrisaku render -o whitepaper.html` でホワイトペーパーを確認します。
init-exists = { $path } は既に存在します。init は既存のファイルを上書きしません。新しいディレクトリか空のディレクトリを指定するか、このファイルを移動してください。
init-not-dir = { $path } はディレクトリではありません。ワークスペースを作るディレクトリを指定してください。

## explain
explain-title-en = 英語名
explain-title-ja = 日本語名
explain-unconfirmed = （公開されている見出しでは未確認）
explain-standard = 規格
explain-maps-to-2022 = ISO/IEC 27002:2022
explain-maps-from-2013 = ISO/IEC 27002:2013
explain-new-in-2022 = 2022 年版で新設（ISO/IEC 27002:2013 に対応する管理策なし）
explain-no-2022 = クラウド固有（CLD）の管理策のため ISO/IEC 27002:2022 に対応なし
explain-cloud = ISO/IEC 27017 のガイダンス
explain-cloud-both = クラウドサービス事業者（CSP）向け・クラウドサービスカスタマ（CSC）向けの両方
explain-cloud-csp = クラウドサービス事業者（CSP）向けのみ
explain-cloud-csc = クラウドサービスカスタマ（CSC）向けのみ
explain-cloud-none = なし（ISO/IEC 27017 では ISO/IEC 27002 の管理策をそのまま適用）
explain-baselines = 要求するベースライン
explain-no-baseline = 規格全体以外の組込みベースラインにはなし
explain-hint = 記載のポイント
explain-no-hint = なし（クラウド向けガイダンスのある ISO/IEC 27017 の管理策ではありません）
explain-via = { $id } として
explain-unknown = { $standard } に管理策 `{ $raw }` はありません{ $hint }
explain-did-you-mean = 。{ $id } ではありませんか？
explain-range = 。{ $category } にあるのは { $first } から { $last } までです
explain-other-standard = `{ $raw }` は { $standard } にないため、{ $found } から表示しています

## render
render-wrote = { $path } を書き出しました（{ $format }、{ $bytes } バイト）
render-wrote-stdout = { $format } を標準出力に書き出しました（{ $bytes } バイト）
