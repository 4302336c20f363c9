# `kanrisaku fmt`. Every message here must also be in ../ja/fmt.ftl with the same arguments.

fmt-formatted = formatted { $path }
fmt-not-formatted = { $path }: not formatted
fmt-summary-written = { $changed ->
    [0] nothing to format: { $total ->
        [one] { $total } catalog
       *[other] { $total } catalogs
    } already formatted
   *[other] formatted { $changed } of { $total ->
        [one] { $total } catalog
       *[other] { $total } catalogs
    }
}
fmt-summary-check = { $dirty ->
    [0] { $total ->
        [one] { $total } catalog
       *[other] { $total } catalogs
    } formatted
   *[other] { $dirty } of { $total ->
        [one] { $total } catalog
       *[other] { $total } catalogs
    } not formatted; run `kanrisaku fmt` to format them
}
fmt-summary-errors = { $count ->
    [one] { $count } catalog could not be formatted and was left as it is (see above)
   *[other] { $count } catalogs could not be formatted and were left as they are (see above)
}
fmt-changed-meanwhile = { $path }: the file changed while it was being formatted; nothing was written, run `kanrisaku fmt` again

## Why a catalog that loads is not formatted (after file:line:column)
fmt-comment-in-flow = a comment inside a `{"{"} … {"}"}` mapping whose keys fmt would reorder, which would part the comment from its text; write the mapping one `key: value` per line, or move the comment above it
fmt-comment-above-inline-key = a comment above `{ $key }`, which fmt would move onto the `- ` line of its list item, where a comment cannot go; move the comment above the `- ` line, or write `{ $key }` first yourself
fmt-alias = an alias (`*name`) in a catalog fmt would rewrite: moving its anchor (`&name`) could change what it stands for, so nothing was changed; write the value out instead of the alias
fmt-lone-carriage-return = a carriage return (CR) that does not end a line; save the file with LF or CRLF line endings
fmt-unparsed = the formatter could not read the YAML here ({ $message }); the file was left as it is
fmt-unverified = the formatted text would not say exactly the same (a value or a comment would change), so the file was left as it is; this is a bug in kanrisaku fmt: please report it with the file
