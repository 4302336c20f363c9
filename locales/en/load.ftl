# Why a catalog did not load: one message per problem, each at its own line:column, in
# the interface language (the document's language is not known before it loads).
# Every message here must also be in ../ja/load.ftl with the same arguments.

load-unknown-field = unknown field `{ $field }`; expected one of: { $expected }
load-unknown-field-none = unknown field `{ $field }` (none allowed here)
load-unknown-value = unknown value `{ $value }`; expected one of: { $expected }
load-did-you-mean = { $message } (did you mean `{ $suggestion }`?)
load-missing-field = missing required field `{ $field }`; add `{ $field }:` here, in line with `{ $sibling }`
load-missing-field-empty = missing required field `{ $field }`; add `{ $field }:` in this mapping
load-missing-field-top = missing required field `{ $field }`; add `{ $field }:` at the start of a line, like `{ $sibling }`
load-expected = expected { $expected }, found { $found }
load-expected-text-found-nothing = expected text, found nothing; write the text after the colon, or delete the line
load-expected-text-found-structure = expected text, not a list or mapping; put text that starts with a bracket in quotes
load-expected-found-nothing = expected { $expected }, found nothing; write it after the colon (indented on the lines below), or delete the line
load-invalid-date = invalid date `{ $value }`; expected YYYY-MM-DD, e.g. 2025-04-01
load-fullwidth-indent = a full-width space (U+3000) in the indentation; YAML indents with half-width spaces only: replace each full-width space with two spaces
load-tab-indent = a tab in the indentation; YAML indents with spaces only: replace the tab with spaces

## What was expected or found, inside the messages above
load-kind-mapping = a mapping (indented `key: value` lines)
load-kind-list = a list (`- item` lines or `[a, b]`)
load-kind-text = text
load-kind-integer = a whole number
load-kind-number = a number
load-kind-bool = `true` or `false`
load-kind-nothing = nothing
load-kind-value = a value
load-kind-or = { $first } or { $second }
load-found-mapping = a mapping
load-found-list = a list
load-found-value = `{ $value }`

## The file as a whole, and what the types cannot say
load-wide-encoding = file is { $encoding }; expected UTF-8 (save it as UTF-8)
load-wide-no-bom = { $encoding } without a byte-order mark
load-binary = binary file (NUL byte); expected a YAML catalog in UTF-8 text
load-invalid-utf8 = invalid UTF-8 (byte { $byte }); expected UTF-8 text: re-save the file as UTF-8 (Shift_JIS and other encodings are not read)
load-empty = empty catalog; expected a mapping that starts with `kanrisaku: { $version }`
load-unsupported-version = unsupported schema version `kanrisaku: { $found }`; this kanrisaku reads version { $version }
load-not-a-slug = service id `{ $id }` is not a slug; use lowercase letters, digits and hyphens (e.g. `example-cloud`)
load-duplicate-clause = duplicate clause `{ $key }`, first written at line { $line }:{ $column }; a clause may appear once, so merge the two statements
load-duplicate-clause-same = duplicate clause `{ $key }` (same clause as `{ $first }`), first written at line { $line }:{ $column }; a clause may appear once, so merge the two statements
load-duplicate-party = duplicate party `{ $key }`, first written at line { $line }:{ $column }
load-duplicate-section = duplicate section id `{ $key }`, first written at line { $line }:{ $column }
load-text-too-large = `{ $field }` is { $size }; one statement, justification or section body may be at most { $limit } (split it into sections)
