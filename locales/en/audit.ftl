# The audit edition (`render --audience audit`), in English. `label-audit-*` are template
# labels (`t.audit_*`); the others are filled in before the template runs.
label-audit-watermark = AUDIT — NOT FOR PUBLICATION
label-audit-banner = Audit edition: internal, not for publication. Each control shows its owner, evidence, last review and open findings.
label-audit-document-findings = Findings about the document as a whole
label-audit-panel = Internal (audit)
label-audit-status = Status
label-audit-owner = Owner
label-audit-evidence = Evidence
label-audit-reviewed = Last review
label-audit-open = {" "}(
label-audit-close = )
label-audit-notes = Notes
label-audit-findings = Open findings
label-audit-none = none
label-audit-status-implemented = Implemented
label-audit-status-missing = No statement
audit-review-age = { $days ->
    [0] today
    [one] 1 day ago
   *[other] { $days } days ago
}
audit-review-future = { $days ->
    [one] 1 day after the audit date
   *[other] { $days } days after the audit date
}
audit-as-of = Review ages are counted to { $date }; a review is due every { $days } days.
audit-review-overdue = { $age }, overdue
