# `kanrisaku check --explain CODE`, in English: a one-sentence summary (also SARIF's rule
# description) and an explanation (why it matters, how to fix it, an example) per code.

summary-unknown-clause = A clause key is not a clause of the document's standard.
explain-unknown-clause =
    Why: a statement under a key the standard does not have is published under a wrong heading, and the real clause looks unanswered.
    Fix: write the clause id as the standard numbers it (document.standard), e.g. A.9.2.1 or CLD.6.3.1; the message names the clauses of the same category.
    Example: `A.9.2.7:` (27002:2013 category 9.2 has 9.2.1–9.2.6) becomes `A.9.2.6:`.
summary-coverage-gap = A clause of the document's baseline has no statement.
explain-coverage-gap =
    Why: the baseline (document.baseline) lists the clauses customers expect a provider to answer; a missing one is a gap auditors and customers notice.
    Fix: add the clause under `controls` with a statement, or mark it `status: not-applicable` with a `justification`.
    Example: `CLD.6.3.1:` with `status: implemented` and `statement: Roles are listed in the service terms.`
summary-empty-statement = A clause has no statement text.
explain-empty-statement =
    Why: the whitepaper would show the clause heading with nothing under it.
    Fix: write what the service does for this clause in `statement`.
    Example: `statement: Access rights are reviewed every quarter.`
summary-nda-only = A baseline clause's only text is for customers under NDA.
explain-nda-only =
    Why: every clause of the baseline should say something to every customer; the public whitepaper shows only a note that the detail is under NDA.
    Fix: write a public `statement` and move the confidential detail into the NDA edition another way, or accept it with `nda-only = "allow"` under `[check.severity]`.
    Example: remove `audience: nda` and write `statement: Keys are held in an HSM; the key hierarchy is described under NDA.`
summary-placeholder-text = Customer-visible text still contains placeholder text (TODO, TBD, 未定, 記載予定, ...).
explain-placeholder-text =
    Why: a published whitepaper with "TBD" in it tells customers the control is not settled.
    Fix: replace the placeholder with the final text, or mark the clause planned and say when.
    Example: `statement: TODO` becomes `statement: Backups are encrypted with AES-256.`
summary-missing-justification = A not-applicable clause does not say why it does not apply.
explain-missing-justification =
    Why: customers and auditors accept "not applicable" only with a reason.
    Fix: add `justification` saying why the clause does not apply to this service.
    Example: `justification: The service stores no customer data on removable media.`
summary-unused-justification = A justification is given for a clause that is not marked not-applicable, so it is never published.
explain-unused-justification =
    Why: the text is written but no reader will ever see it.
    Fix: move the text into `statement`, or set `status: not-applicable` if that is what it means.
    Example: a `justification:` under `status: implemented` moves to `statement:`.
summary-partial-control = A clause is only partially implemented.
explain-partial-control =
    Why: a partial control is published as such; it is worth a look before each release.
    Fix: finish the control and set `status: implemented`, or lower the code's severity in kanrisaku.toml if partial is expected.
    Example: `status: partial` becomes `status: implemented`.
summary-planned-control = A clause is planned but not yet implemented.
explain-planned-control =
    Why: a planned control is a promise; customers read it as not yet done.
    Fix: implement it and set `status: implemented`, or keep it planned knowingly.
    Example: `status: planned` becomes `status: implemented`.
summary-unknown-reference = Text refers to a clause that does not exist.
explain-unknown-reference =
    Why: a reader following "see A.9.2.7" finds nothing.
    Fix: correct the clause number in the text; the message names the clauses nearby.
    Example: `see A.9.2.7` becomes `see A.9.2.6`.
summary-unresolved-reference = Text refers to a clause that has no statement in this catalog.
explain-unresolved-reference =
    Why: a reader following the reference finds no text for that clause in the whitepaper.
    Fix: write the referenced clause's statement, or refer to a clause that has one.
    Example: "see A.12.3.1" needs an `A.12.3.1:` entry with a statement.
summary-stale-review = A clause was last reviewed longer ago than the allowed review age.
explain-stale-review =
    Why: statements drift from reality; a periodic review keeps the whitepaper true.
    Fix: review the statement, then set `reviewed` to today's date; the allowed age is --review-max-age or `review-max-age-days` in kanrisaku.toml.
    Example: `reviewed: 2023-01-10` becomes `reviewed: 2025-06-01`.
summary-missing-review-date = A clause has no `reviewed` date.
explain-missing-review-date =
    Why: without a date no one can tell whether the statement is still true.
    Fix: add `reviewed` with the date the statement was last checked.
    Example: `reviewed: 2025-06-01`
summary-future-review-date = A clause's `reviewed` date lies in the future.
explain-future-review-date =
    Why: a date in the future is a typo, and hides the real review age.
    Fix: set `reviewed` to the date the review actually happened.
    Example: `reviewed: 2052-06-01` becomes `reviewed: 2025-06-01`.
summary-missing-owner = A clause has no `owner`.
explain-missing-owner =
    Why: a statement nobody owns goes stale.
    Fix: add `owner` naming the role or team responsible for it.
    Example: `owner: Security operations team`
summary-missing-date = The document has no publication date (an import found none).
explain-missing-date =
    Why: a whitepaper without a date cannot be matched to a version customers received.
    Fix: add `document.date` in YYYY-MM-DD form.
    Example: `date: 2025-06-01` under `document:`.
summary-revision-history = The revision history does not match the document version or date.
explain-revision-history =
    Why: customers compare versions through the revision table; a missing or misordered entry misleads them.
    Fix: list revisions oldest first, one per version, the last one matching document.version and no later than document.date.
    Example: `- version: "1.1"`, `date: 2025-06-01`, `summary: Backups reworded.` under `revisions:`.
summary-unknown-party = A responsibility layer names a party that is not listed under `parties`.
explain-unknown-party =
    Why: the responsibility table would show a column no one defined.
    Fix: use one of the keys under `responsibility.parties`, or add the party there.
    Example: `owner: [provdier]` becomes `owner: [provider]`.
summary-duplicate-service = Two catalogs describe the same service in the same language.
explain-duplicate-service =
    Why: two whitepapers for one service and language contradict each other sooner or later.
    Fix: merge the catalogs, or give one of them its own service id or language.
    Example: two files with `service.id: tsumiki-cloud` and `language: ja` become one.
summary-unplaced-text = An import left lines that are in no statement or section yet.
explain-unplaced-text =
    Why: `import` could not tell where these lines belong; left there they are not published.
    Fix: move each line of `unplaced.other` into the statement or section it belongs to, then delete the list.
    Example: a line about backups moves into `A.12.3.1`'s statement.
summary-unsafe-url = A published link is not http(s), mailto or an #anchor in the document.
explain-unsafe-url =
    Why: a published document must not run scripts or open local files (`javascript:`, `file:`).
    Fix: link to an https address, a mailto address or a heading of the document.
    Example: `[terms](javascript:alert(1))` becomes `[terms](https://example.com/terms)`.
summary-external-image = An image would be loaded from another host; a published document loads nothing.
explain-external-image =
    Why: a remote image tells its host who reads the whitepaper, and can change after publication.
    Fix: copy the image into the workspace and refer to it by its path.
    Example: `![logo](https://cdn.example.com/logo.png)` becomes `![logo](images/logo.png)`.
summary-bad-image = An image is missing, outside the workspace, too large, or not a PNG, JPEG, GIF or WebP file.
explain-bad-image =
    Why: the rendered whitepaper would have a broken image, or embed a file from outside the workspace.
    Fix: put a PNG, JPEG, GIF or WebP file inside the workspace and name it by its relative path.
    Example: `![diagram](../../secret.png)` becomes `![diagram](images/diagram.png)`.
summary-unversioned-change = Customer-visible text changed since the given revision without a new document version and revision entry.
explain-unversioned-change =
    Why: customers must be able to tell which version they read; changed text under the old version number is a silent change.
    Fix: raise document.version and add a `revisions` entry; `kanrisaku diff --git REV --changelog` drafts it.
    Example: `version: "1.1"` becomes `version: "1.2"`, with a 1.2 entry under `revisions`.
summary-load-error = A catalog file could not be read or parsed, so nothing in it was checked.
explain-load-error =
    Why: a file that does not load is not checked at all; the gate must not pass it silently. Its severity cannot be changed.
    Fix: correct the file at the line and column shown; the message says what was expected.
    Example: `statment:` becomes `statement:`.
summary-since-load-error = A catalog could not be loaded as of the `--since` revision, so its changes since then were not checked.
explain-since-load-error =
    Why: without the old file, `check --since` cannot tell whether the version needed a bump.
    Fix: usually nothing: the next run against a newer revision compares again. Check the version bump by hand this time.
    Example: `check --since main` where main's copy of the file used a field that was later renamed.
