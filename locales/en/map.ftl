# `kanrisaku map` and `kanrisaku migrate`. Every message here must also be in ../ja/map.ftl
# with the same arguments.

map-unknown = `{ $raw }` is not a control of ISO/IEC 27002:2013 or 2022, nor a 2013 category{ $hint }
map-ambiguous = { $raw } is an id in both numberings: both are shown; choose one with --from iso27002:2013 or --from iso27002:2022
map-category = { $id } is a category of ISO/IEC 27002:2013 ({ $title }); its controls:
map-many-to-one-2013 = many-to-one: merged with other 2013 controls into one 2022 control
map-one-to-many-2013 = one-to-many: split into { $count } controls of 2022; review which part of the statement belongs to each
map-many-to-one-2022 = many-to-one: merged from { $count } controls of 2013
map-one-to-many-2022 = one-to-many: its 2013 predecessor was split among several 2022 controls
map-new-in-2022 = new in 2022: no 2013 predecessor; a statement has to be written
map-cloud = a cloud control of ISO/IEC 27017 (CLD): it has no 2022 id and keeps its id in a 2022 catalog
map-also-replaces = { $id } also replaces { $others }
map-also-became = { $id } also became { $others }
migrate-note-split = Review: { $id } became { $targets }; its statement is placed in each of them. Keep in { $target } only what belongs there.
migrate-placeholder = TODO: { $id } { $title } is new in ISO/IEC 27002:2022: write what the service does for it.
migrate-merged = merged: { $target } ← { $sources } (statements joined in this order; `from` keeps the origin)
migrate-split = split: { $id } → { $targets } (placed in each, with a note to review)
migrate-kept = kept: { $id } has no 2022 id and stays as it is
migrate-missing = needs a statement: { $id } { $title } (new in 2022; --add-missing adds a placeholder)
migrate-added = placeholder added: { $id } { $title } (new in 2022; write its statement)
migrate-summary = { $statements ->
    [one] { $statements } statement
   *[other] { $statements } statements
} kept, written to { $path }
