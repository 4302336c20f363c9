# Labels of the built-in whitepaper templates, in English: `t.<key>` in a template is the
# message `label-<key>` (dashes for underscores). Override any of them with a file
# i18n/en.ftl in your template directory (`kanrisaku templates export` writes this one).
# `{ $standard }` is the standard the headings are annotated with.
label-contents = Contents
label-revision-history = Revision history
label-revision-version = Version
label-revision-date = Date
label-revision-summary = Changes
label-responsibility = Shared responsibilities
label-responsibility-layer = Layer
label-responsibility-note = Notes
label-responsibility-mark = ●
label-controls = Implementation of the controls
label-annotation = control
label-annotation-open = {" "}(
label-annotation-close = )
label-annotation-note = The number in brackets after each heading is the corresponding control of { $standard }.
label-status-partial = Partially implemented
label-status-planned = Planned
label-status-not-applicable = Not applicable
label-justification = Why this control does not apply
label-end = End of document
label-draft = DRAFT
label-draft-banner = This is an unpublished draft. These problems are still open:
label-gap = No statement has been written for this control yet.
label-issues = Findings
