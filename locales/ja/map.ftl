# `kanrisaku map` と `kanrisaku migrate`。../en/map.ftl と同じ id・同じ引数を持つこと。

map-unknown = `{ $raw }` は ISO/IEC 27002:2013 にも 2022 にもない管理策で、2013 年版のカテゴリでもありません{ $hint }
map-ambiguous = { $raw } は両方の版にある番号です。両方を表示します。--from iso27002:2013 または --from iso27002:2022 で一方を選べます
map-category = { $id } は ISO/IEC 27002:2013 のカテゴリ（{ $title }）です。その管理策:
map-many-to-one-2013 = 多対一: ほかの 2013 年版の管理策とともに 2022 年版の一つの管理策に統合
map-one-to-many-2013 = 一対多: 2022 年版の { $count } 個の管理策に分割。記載のどの部分がどの管理策に当たるかを確認してください
map-many-to-one-2022 = 多対一: 2013 年版の { $count } 個の管理策を統合
map-one-to-many-2022 = 一対多: 2013 年版の前身の管理策が 2022 年版の複数の管理策に分割された
map-new-in-2022 = 2022 年版で新設: 2013 年版に前身がなく、記載を新たに書く必要があります
map-cloud = ISO/IEC 27017 のクラウド固有の管理策（CLD）: 2022 年版の番号はなく、2022 年版のカタログでも同じ番号のまま残ります
map-also-replaces = { $id } は { $others } も引き継ぐ
map-also-became = { $id } は { $others } にもなった
migrate-note-split = 見直し: { $id } は { $targets } に分かれたため、その記載をそれぞれに置きました。{ $target } にはその管理策に当たる部分だけを残してください。
migrate-placeholder = TODO: { $id } { $title } は ISO/IEC 27002:2022 で新設された管理策です。本サービスでの実施内容を記載してください。
migrate-merged = 統合: { $target } ← { $sources }（記載はこの順に連結。元の管理策は `from` に記録）
migrate-split = 分割: { $id } → { $targets }（それぞれに置き、要確認の注記を付与）
migrate-kept = 維持: { $id } は 2022 年版の番号がないため、そのまま残します
migrate-missing = 記載が必要: { $id } { $title }（2022 年版で新設。--add-missing で仮の記載を追加できます）
migrate-added = 仮の記載を追加: { $id } { $title }（2022 年版で新設。記載を書いてください）
migrate-summary = { $statements } 件の記載をすべて引き継ぎ、{ $path } に書き出しました
