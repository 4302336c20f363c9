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
load-section-too-deep = section `{ $id }` is nested { $depth } deep; a section may hold subsections, a subsection none: move it up beside `{ $parent }`
load-duplicate-section = duplicate section id `{ $key }`, first written at line { $line }:{ $column }
load-text-too-large = `{ $field }` is { $size }; one statement, justification or section body may be at most { $limit } (split it into sections)

## YAML syntax, by the parser's error kind
load-syntax-unclosed-quote = quoted text is not closed; add the closing quote (`"` or `'`)
load-syntax-after-quote = text continues after the closing quote; quote the whole value, or remove the extra text
load-syntax-runs-on = this text runs on over several lines: is a closing quote or bracket missing? (lines that continue a value are indented further than its key)
load-syntax-escape = invalid backslash escape in double-quoted text; write `\\` for a backslash, or use single quotes
load-syntax-indentation = the indentation does not line up; keys of one mapping start in the same column, list items (`- `) too, and a value on its own lines is indented further than its key
load-syntax-text-block = a text block (`|` or `>`) is written wrongly; put `|` alone after the colon and indent the lines below it
load-syntax-colon = a `: ` inside a value, or a key without its colon; put text that contains `: ` in quotes (e.g. `statement: "Note: ..."`), and write `key: value` with a space after the colon
load-syntax-unclosed-list = a list opened with `[` is not closed; add the closing `]`, or put text that starts with `[` in quotes
load-syntax-unclosed-mapping = a mapping opened with a curly bracket is not closed; add the closing curly bracket, or put text that starts with one in quotes
load-syntax-brackets = brackets do not match, or items in brackets are not separated by `,`; check the brackets on this line, or put text that contains brackets in quotes
load-syntax-reserved = a value starts with a character YAML reserves (such as `@` or a backquote); put the text in quotes
load-syntax-comment = ` #` starts a comment, which cannot interrupt a value here; put text that contains `#` in quotes
load-syntax-space-after = expected a space after `:` or `-`
load-syntax-anchor = a value that starts with `&` or `*` is a YAML anchor or alias; put text that starts with `&` or `*` in quotes
load-syntax-directive = a line that starts with `%` is a YAML directive, which no catalog needs; remove it, or put text that starts with `%` in quotes
load-syntax-directive-document = a line that starts with `%` is a YAML directive, and text after a `...` line starts another document; a catalog needs neither: remove the line, or put text that starts with `%` in quotes
load-syntax-document-marker = text after a document marker (`---` or `...`); a catalog file holds one document: remove the marker
load-syntax-bom = a byte-order mark inside the file (were two files joined?); remove it
load-syntax-too-deep = nested too deeply; a catalog needs a few levels of indentation (is this the right file?)
load-syntax-cut-short = the file ends in the middle of a value (is it cut short?)
load-syntax-missing-value = a value is missing, or starts with a character YAML reserves; write the value, in quotes if it starts with a special character
load-syntax-not-yaml = the file is not valid YAML here; check the indentation (spaces only) and put text that contains `: ` or ` #`, or starts with a special character, in quotes
load-syntax-broken-structure = a list or mapping starts or ends where a value was expected; check the indentation of this line and the lines above
load-syntax-tags = YAML tags (`!name`, `!!binary`) are not used in catalogs; remove the tag, or put text that starts with `!` in quotes
