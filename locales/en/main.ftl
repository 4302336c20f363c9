# kanrisaku's words in English. Every message here must also be in ../ja/main.ftl with the
# same arguments (a test checks). Ids are kebab-case and grouped by what uses them.

## Reports
summary-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
summary-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
summary-not-loaded = { $path }: not loaded, nothing in it was checked (load-error)
summary-catalog = { $path }: { $service } ({ $lang }): { $coverage }, { $statements }
summary-covered = { $covered }/{ $total } baseline clauses covered ({ $baseline })
summary-no-baseline = no baseline
summary-statements = { $count } clauses with statements
summary-checked = checked { $count ->
    [one] { $count } catalog
   *[other] { $count } catalogs
}{ $unloaded ->
    [0] {""}
   *[other] , { $unloaded } not loaded
}: { $covered }/{ $total } baseline clauses covered; { $errors }, { $warnings }
summary-notes = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}

## check --explain
explain-default-severity = default severity: { $severity } (change it under [check.severity] in kanrisaku.toml)
explain-unknown-code = unknown finding code `{ $code }`; the codes are: { $codes }

## render
render-refused = render refused: { $count ->
    [one] { $count } error
   *[other] { $count } errors
} above; fix them, or pass --draft to render a marked draft

## import: placeholders in a catalog the document did not say
import-provider = (provider)
import-title = { $service } ISO/IEC 27017 Whitepaper

## Whitepaper: the version and date as a document shows them
document-version = Version { $version }
document-date = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $day }, { $year }

## import: the report on stderr (each line but the first is indented by the tool)
import-head = imported { $name }: { $count } clause sections
import-clauses = clauses: { $list }
import-repaired = repaired { $what }
import-guessed = guessed { $what }
import-warning = warning: { $what }
import-table-read = read
import-table-missing = not found (left as text)
import-structure = { $sections } sections, { $revisions } revisions, responsibility table: { $table }
import-unplaced = kept under `unplaced` for review: { $toc } table-of-contents, { $cover } cover, { $heading } heading, { $structured } table/structure, { $furniture } page header/footer lines; { $unplaced } lines placed nowhere
import-baseline-complete = baseline: complete
import-baseline-missing = baseline clauses missing: { $list }
import-passes = the catalog passes `kanrisaku check`
import-errors = the catalog has { $count ->
    [one] { $count } error that `kanrisaku check` will report; fix it
   *[other] { $count } errors that `kanrisaku check` will report; fix them
} before publishing:
import-warns = it will also warn: { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
} ({ $codes }); `kanrisaku check` lists each

## The settings line of check's summary
check-settings = settings: { $file }: { $changes }
check-settings-none = settings: { $file } (changes nothing in this run)
check-settings-never = findings never fail this check

## check --verbose: what the result cache did
check-cache-stats = cache: { $served ->
    [one] 1 catalog
   *[other] { $served } catalogs
} from the cache, { $checked ->
    [one] 1 checked
   *[other] { $checked } checked
}
