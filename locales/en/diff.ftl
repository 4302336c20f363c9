# The words of `kanrisaku diff` in English: change descriptions, the redline page and the
# proposed revision-history entry. Every message here must also be in ../ja/diff.ftl with
# the same arguments (a test checks). `diff-page-*` messages take no arguments: they are the
# labels the diff templates see as `t.<rest_of_id>` (templates/README.md).

## Values
diff-none = (none)
# A clause's status as prose (catalog values: implemented, partial, planned, not-applicable).
diff-status = { $status ->
    [implemented] implemented
    [partial] partially implemented
    [planned] planned
    [not-applicable] not applicable
   *[other] { $status }
}

## One line per change (text, Markdown, the redline page)
diff-catalog-added = new catalog
diff-catalog-removed = catalog removed
diff-metadata = { $field }: { $old } → { $new }
diff-revision-added = revision { $version } ({ $date }) added: { $summary }
diff-revision-removed = revision { $version } ({ $date }) removed
diff-revision-changed = revision { $version } { $field }: { $old } → { $new }
diff-section-added = section “{ $title }” added
diff-section-removed = section “{ $title }” removed
diff-section-renamed = section “{ $old }” renamed “{ $title }”
diff-section-changed = section “{ $title }” changed
diff-sections-reordered = sections reordered: { $order }
diff-party-changed = responsibility party `{ $key }`: { $old } → { $new }
diff-layer-added = responsibility layer “{ $layer }” added ({ $owners })
diff-layer-removed = responsibility layer “{ $layer }” removed
diff-layer-changed = responsibility layer “{ $layer }” { $field }: { $old } → { $new }
diff-layers-reordered = responsibility layers reordered
diff-clause-added = { $clause } added ({ $status })
diff-clause-removed = { $clause } removed
diff-renumbered = { $old } → { $new } (renumbered)
diff-status-changed = { $clause } status: { $old } → { $new }
diff-statement-changed = { $clause } statement changed
diff-justification-changed = { $clause } justification changed
diff-moved = moved from { $from } to { $to }: “{ $text }”
diff-audience = { $audience ->
    [nda] NDA only
   *[public] public
}
diff-audience-changed = { $what }: { $old } → { $new }
diff-nda = [NDA] { $change }

## Headings and totals
diff-heading-same = { $service } ({ $lang }): version { $version }
diff-heading-changed = { $service } ({ $lang }): { $old } → { $new }
diff-heading-added = { $service } ({ $lang }): new, { $version }
diff-heading-removed = { $service } ({ $lang }): removed, was { $version }
diff-internal = internal (not published):
diff-total = { $visible ->
    [one] { $visible } customer-visible change
   *[other] { $visible } customer-visible changes
} in { $catalogs ->
    [one] { $catalogs } catalog
   *[other] { $catalogs } catalogs
}
diff-total-internal = { $visible ->
    [one] { $visible } customer-visible change
   *[other] { $visible } customer-visible changes
}, { $internal } internal, in { $catalogs ->
    [one] { $catalogs } catalog
   *[other] { $catalogs } catalogs
}

## Labels of the redline page and the Markdown diff (templates/diff.html, diff.md)
diff-page-title = Changes between catalog versions
diff-page-deleted = deleted
diff-page-inserted = inserted
diff-page-moved = moved
diff-page-moved-to = moved to
diff-page-moved-from = moved from
diff-page-change = Change
diff-page-text = Text
diff-page-internal = Internal changes (not published)
diff-page-clause = Clause
diff-page-field = Field
diff-page-before = Before
diff-page-after = After
diff-page-no-changes = No changes.

## The proposed revision-history entry (`diff --changelog`)
diff-changelog-header = { $service } ({ $lang }): proposed revision-history entry for document.revisions
diff-changelog-date = the publication date; also set document.date
diff-changelog-nothing = no customer-visible changes: no revision entry needed
diff-changelog-separator = {"; "}
diff-changelog-end = {"."}
diff-changelog-revised = revised { $clause }
diff-changelog-status = status of { $clause } changed from { $old } to { $new }
diff-changelog-added = added { $clause }
diff-changelog-removed = removed { $clause }
diff-changelog-moved = moved text from { $from } to { $to }
diff-changelog-renumbered = renumbered the controls to ISO/IEC 27002:2022
diff-changelog-section = revised section “{ $title }”
diff-changelog-sections-reordered = reordered the front sections
diff-changelog-responsibility = revised the shared-responsibility table
diff-changelog-metadata = changed { $field }
diff-changelog-first-edition = first edition
