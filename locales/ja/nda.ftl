# 開示範囲（`audience: nda`、`render --audience nda`）。`label-nda-*` はテンプレートのラベル
# （`t.nda_*`）で、テンプレートディレクトリの `i18n/ja.ftl` で上書きできます。
label-nda-watermark = 秘密情報・NDA 締結先限定
label-nda-banner = NDA 版：秘密保持契約のもとでのみ開示する記述を含みます。公開・転送しないでください。
label-nda-clause = NDA 限定
label-nda-withheld = この管理策の詳細は、秘密保持契約（NDA）を締結したお客様に開示しています。
