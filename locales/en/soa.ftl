# `kanrisaku soa`. Every message here must also be in ../ja/soa.ftl with the same arguments.

soa-title = Statement of Applicability (ISO/IEC 27001:2022 Annex A)
soa-sheet = Statement of Applicability
soa-column-control = Control
soa-column-title = Title
soa-column-theme = Theme
soa-column-from-2013 = 2013 controls
soa-column-applicable = Applicable
soa-column-status = Status
soa-column-justification = Justification for exclusion
soa-column-implemented-by = Implemented by
soa-column-decided-in = Decided in
soa-applicable-yes = yes
soa-applicable-no = no
soa-status-implemented = implemented
soa-status-partial = partial
soa-status-planned = planned
soa-status-not-applicable = not applicable
soa-status-undecided = undecided
soa-implementer = { $service } { $clause } ({ $status })
soa-origin-catalogs = service catalogs
soa-summary = { $total } controls: { $decided } decided, { $undecided } undecided
soa-unloaded = not read, so not in this statement: { $error }
soa-undecided-line = { $id } { $title }: undecided; add a statement to a catalog or a decision to soa.toml
soa-wrote = wrote { $path } ({ $format }, { $summary })
soa-xlsx-terminal = xlsx is a binary file: name one with -o (e.g. -o soa.xlsx)
soa-unknown-extension = { $path }: cannot tell the format from the extension; add --format xlsx, csv, md or json
