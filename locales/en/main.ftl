# kanrisaku's words in English. Every message here must also be in ../ja/main.ftl with the
# same arguments (a test checks). Ids are kebab-case and grouped by what uses them.

## Reports
summary-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
