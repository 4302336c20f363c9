# What `check` says, in English. Every message here must also be in ../ja/findings.ftl
# with the same arguments (a test checks). Finding codes are not translated.

## One line: a message and how to fix it
with-help = { $message }; { $help }

## Messages, by code
unknown-clause-not-an-id = `{ $key }` is not a clause id
unknown-clause-2022-id = `{ $key }` is an ISO/IEC 27002:2022 id, but this document is numbered by { $standard } (document.standard)
unknown-clause-2022-id-mapped = `{ $key }` is an ISO/IEC 27002:2022 id, but this document is numbered by { $standard } (document.standard); in 27002:2013 numbering it is { $before }
unknown-clause-2013-id = `{ $key }` is an ISO/IEC 27002:2013 id; this document is numbered by { $standard }, where it is { $after }
unknown-clause = `{ $key }` is not a clause of { $standard }
coverage-gap = baseline clause { $clause } { $title } has no statement (baseline { $baseline })
coverage-gap-renumbered = baseline clause { $clause } { $title } has no statement (baseline { $baseline }; answered in ISO/IEC 27002:2022 numbering by { $ids })
empty-statement = clause is { $status } but its `statement` is empty
nda-only = baseline clause is marked `audience: nda`: the public whitepaper says nothing about it beyond a note that the detail is under NDA
missing-justification = clause is not-applicable but has no `justification`
unused-justification = `justification` is only published for not-applicable clauses, and this one is { $status }
partial-control = clause is only partially implemented (status: partial)
planned-control = clause is not implemented yet (status: planned)
placeholder-text = `{ $field }` contains placeholder text `{ $word }`
missing-owner = clause has no `owner`
missing-review-date = clause has no `reviewed` date
future-review-date = `reviewed: { $date }` is after today ({ $today })
stale-review = last reviewed { $date } ({ $age } days ago)
unknown-reference = refers to { $text }, which is not a clause of { $standard }
unresolved-reference = refers to { $clause }, which has no statement in this catalog
missing-date = document has no `date`
revisions-none = document has no `revisions`
revisions-version = document.version is { $version } but the latest revision is { $latest }
revisions-date = document.date { $date } is before the latest revision ({ $latest })
revisions-order = revision { $version } ({ $date }) is dated before the revision above it ({ $above })
revisions-twice = revision { $version } is listed twice (first at line { $line })
unknown-party = layer `{ $layer }` names party `{ $party }`, which is not under `responsibility.parties` ({ $parties })
duplicate-service = service `{ $service }` ({ $lang }) is also described by { $other }
unplaced-text = { $count ->
    [one] { $count } line from the import is in no statement or section (`unplaced.other`): move it where it belongs, then delete the list
   *[other] { $count } lines from the import are in no statement or section (`unplaced.other`): move them where they belong, then delete the list
}
unsafe-url-service = `service.url` must be an http(s) or mailto address, but { $reason }
unsafe-url-service-anchor = `service.url` must be an http(s) or mailto address, but it is an #anchor
unsafe-url-link = `{ $field }` links to an address that is not http(s), mailto or #anchor: { $reason }
unsafe-url-image = `{ $field }` shows an image that is not a file: { $reason }
external-image = `{ $field }` shows an image from another host, which every reader's browser (and the PDF printer) would fetch
bad-image = `{ $field }` image { $reason }
unversioned-change-version = { $count ->
    [one] { $count } customer-visible change
   *[other] { $count } customer-visible changes
} since { $rev }, but document.version is still { $version }; bump it and add a revisions entry
unversioned-change-revision = { $count ->
    [one] { $count } customer-visible change
   *[other] { $count } customer-visible changes
} since { $rev } and document.version is now { $version }, but `revisions` has no entry for it
load-error = { $detail }
since-load-error = as of { $rev } this file could not be loaded ({ $detail }), so its changes since { $rev } were not checked for a version bump

## Help
help-did-you-mean = did you mean `{ $id }`?
help-did-you-mean-title = did you mean `{ $id }` ({ $title })?
help-clause-range = { $count ->
    [one] { $category } has only { $first }
   *[other] { $category } has { $first }–{ $last }
}
help-missing-justification = say why it does not apply to this service
help-unused-justification = move the text into `statement`
help-placeholder-text = write the final text before publishing
help-missing-owner = name the role or team that keeps this statement true
help-stale-review = review at least every { $days } days
help-missing-date = add the publication date (YYYY-MM-DD)
help-revisions-none = add at least the first edition (version, date, summary)
help-revisions-version = add a revision entry or correct the version
help-revisions-order = list revisions oldest first
help-duplicate-service = one catalog per service and language
help-unsafe-url-service = render leaves it out
help-unsafe-url-link = render keeps the link text and drops the link
help-image = copy it into the workspace and name it by its path
help-changelog = `kanrisaku diff --git { $rev } --changelog` drafts one

## Secondary locations
related-first-listed = first listed here
related-latest-revision = the latest revision
related-revision-above = the revision above it
related-other-catalog = the other catalog of this service
related-first-written = first written here

## Reasons, inside the messages above
reason-url-empty = it is empty
reason-url-scheme = it uses the `{ $scheme }` scheme
reason-url-relative = it is a relative path, which the PDF turns into a link to a file on the build machine
reason-url-protocol-relative = it has no scheme (`//host`), so its protocol depends on where the document is opened
reason-url-no-host = it names no host
reason-image = `{ $path }` { $reason }
reason-image-absolute = is an absolute path; name the image relative to the catalog, inside the workspace { $root }
reason-image-outside = is outside the workspace { $root }; copy the image into it
reason-image-read = cannot be read: { $detail }
reason-image-svg = is an SVG; export it as PNG (only PNG, JPEG, GIF and WebP images are embedded)
reason-image-not-image = is not a PNG, JPEG, GIF or WebP image
reason-image-too-much = would bring the document's embedded images over { $limit } in total; use smaller images
