# `kanrisaku coverage`. Every message here must also be in ../ja/coverage.ftl with the same arguments.

coverage-status-implemented = implemented
coverage-status-partial = partial
coverage-status-planned = planned
coverage-status-not-applicable = not applicable
coverage-status-gap = gap (no statement)
coverage-heading = Coverage of { $baseline }: { $clauses } clauses × { $services ->
    [one] { $services } service
   *[other] { $services } services
}
coverage-clause = Clause
coverage-implemented = implemented
coverage-gaps = gaps
coverage-addressed = addressed
coverage-theme = Theme
coverage-controls = controls
coverage-unloaded = not in the matrix (could not be loaded): { $message }

## Labels of the coverage.html and coverage.md templates (`t.<name>`)
coverage-page-title = Coverage matrix
coverage-page-legend = Legend
coverage-page-clause = Clause
coverage-page-service = Service
coverage-page-implemented = Implemented
coverage-page-gaps = Gaps
coverage-page-addressed = Addressed
coverage-page-totals = Totals per service
coverage-page-themes = Per theme
coverage-page-theme = Theme
coverage-page-controls = Controls
coverage-page-unloaded = Not in the matrix (could not be loaded)
coverage-page-projected-from = from
