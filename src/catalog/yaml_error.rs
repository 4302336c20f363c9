//! serde-saphyr errors in the words of the person editing a catalog.
//!
//! The library's own messages are written for Rust programmers (`use Option<String>`,
//! `set ignore_binary_tag_for_string in Options`, `budget breached: ScalarBytes { .. }`), so
//! every error variant, and every kind of YAML syntax error, is worded here: what was
//! expected, and the fix. The library's message text is never shown or inspected. Syntax
//! errors are said in the interface language (`locales/*/load.ftl`); the serde-level ones
//! here are English, and are only shown when the schema walk ([`super::problems`]) found
//! nothing to say.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use super::load::did_you_mean;
use crate::reference::Lang;
use crate::t;

/// The one-line message for a parse error of catalog `SCHEMA_VERSION`.
pub(super) fn message(err: &Error, schema_version: u32, lang: Lang) -> String {
    let empty = || t!(lang, "load-empty", version = schema_version.to_string());
    match err {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => {
            message(error, schema_version, lang)
        }
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_name("field", field, expected),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown_name("value", variant, expected),
        Error::SerdeMissingField { field, .. } => format!("missing required field `{field}`"),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => format!(
            "expected {}, found {}",
            expected_words(expected),
            found_words(unexpected)
        ),
        Error::SerdeInvalidLength { expected, .. } => {
            format!("wrong number of items; expected {}", expected_words(expected))
        }
        Error::Unexpected { expected, .. } => match expected_words(expected) {
            text if text == "text" => {
                "expected text, not a list or mapping; put text that starts with a bracket in quotes"
                    .into()
            }
            other => format!("expected {other}"),
        },
        Error::NonFiniteFloat { value, .. } => {
            format!("`{value}` reads as a special number here; put it in quotes if it is text")
        }
        Error::InvalidScalar { ty, .. } => format!("expected {}", expected_words(ty)),
        Error::NullIntoString { .. } => {
            "expected text, found nothing; write the text after the colon, or delete the line"
                .into()
        }
        Error::InvalidBooleanStrict { .. } => "expected `true` or `false`".into(),
        Error::InvalidCharNull { .. } | Error::InvalidCharNotSingleScalar { .. } => {
            "expected a single character".into()
        }
        // Our own words (invalid dates, standards, baselines) and serde's `duplicate field`.
        Error::Message { msg, .. } => msg.clone(),
        Error::Eof { .. } => empty(),
        Error::MultipleDocuments { .. } => {
            "a second YAML document starts here (after a `---` or `...` line); a catalog file holds one document: remove that line or split the file".into()
        }
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan.kind(), lang),
            _ => t!(lang, "load-syntax-not-yaml"),
        },
        Error::Budget { breach, .. } => budget(breach, lang),
        Error::UnknownAnchor { .. } => "`*name` refers to no anchor `&name` written before it; write the value out, or put text that starts with `*` in quotes".into(),
        Error::MergeValueNotMapOrSeqOfMaps { .. } | Error::MergeKeyNotAllowed { .. } => {
            "a `<<` merge key must name a mapping (`<<: *name`); write the fields out instead"
                .into()
        }
        Error::InvalidBinaryBase64 { .. }
        | Error::BinaryNotUtf8 { .. }
        | Error::BytesNotSupportedMissingBinaryTag { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. }
        | Error::UnsupportedTag { .. }
        | Error::TaggedStructFieldName { .. }
        | Error::TaggedEnumMismatch { .. } => t!(lang, "load-syntax-tags"),
        Error::ExpectedStringKeyForExternallyTaggedEnum { .. }
        | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | Error::UnexpectedValueForUnitEnumVariant { .. }
        | Error::ExpectedMappingEndAfterEnumVariantValue { .. }
        | Error::SerdeVariantId { .. } => {
            "expected one word here (e.g. `status: implemented`), not a list or mapping".into()
        }
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            "aliases (`*name`) repeat too much text; a catalog needs few or none (is this the right file?)".into()
        }
        Error::FoldedBlockScalarMustIndentContent { .. } => {
            "the lines of a `>` text block must be indented further than its key".into()
        }
        Error::UnexpectedSequenceEnd { .. }
        | Error::UnexpectedMappingEnd { .. }
        | Error::UnexpectedContainerEndWhileSkippingNode { .. }
        | Error::UnexpectedContainerEndWhileReadingKeyNode { .. }
        | Error::ContainerEndMismatch { .. }
        | Error::UnexpectedValueForUnit { .. }
        | Error::ExpectedEmptyMappingForUnitStruct { .. } => t!(lang, "load-syntax-broken-structure"),
        Error::DuplicateMappingKey { .. } => {
            "a key is written twice in one mapping; keep one of them".into()
        }
        // Features and options a catalog does not use (includes, properties, borrowing,
        // strict quoting, required indentation), internal states and I/O on a string.
        _ => t!(lang, "load-syntax-not-yaml"),
    }
}

fn unknown_name(what: &str, got: &str, expected: &[&str]) -> String {
    let mut msg = format!("unknown {what} `{got}`");
    if expected.is_empty() {
        msg.push_str(" (none allowed here)");
    } else {
        msg.push_str(&format!("; expected one of: {}", expected.join(", ")));
    }
    if let Some(best) = did_you_mean(got, expected.iter().copied()) {
        msg.push_str(&format!(" (did you mean `{best}`?)"));
    }
    msg
}

/// What a deserializer expected (serde's name for a Rust type, or serde-saphyr's for an
/// event), as a catalog author would call it.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "mapping start" | "empty mapping start" | "a map" | "map" | "a mapping" => {
            "a mapping (indented `key: value` lines)"
        }
        "sequence start" | "a sequence" | "seq" => "a list (`- item` lines or `[a, b]`)",
        "string scalar" | "a string" | "string" | "scalar" | "a borrowed string" | "a char" => {
            "text"
        }
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "a whole number",
        "f32" | "f64" => "a number",
        "bool" | "a boolean" => "`true` or `false`",
        "null" | "unit" => "nothing",
        e if e.starts_with("struct ") => "a mapping (indented `key: value` lines)",
        e if e.starts_with("enum ") || e.starts_with("variant ") => "one of the allowed words",
        // Our own visitors say it in words already ("a party key or a list of party keys").
        e if e.starts_with("a ") && !e.contains(['<', ':', '{']) => e,
        _ => "a different kind of value",
    };
    words.to_string()
}

/// What was found instead, from serde's description of it.
fn found_words(found: &str) -> &str {
    match found {
        "map" => "a mapping",
        "sequence" => "a list",
        "unit value" => "nothing",
        "Option value" | "newtype struct" | "enum" => "a value",
        // `string "…"`, `integer `5``, `boolean `true``, `floating point `1.5``.
        other => other,
    }
}

/// A resource limit of the parser (against alias bombs and the like), as advice.
fn budget(breach: &BudgetBreach, lang: Lang) -> String {
    let wrong_file = "(is this the right file?)";
    match breach {
        BudgetBreach::Aliases { aliases } => format!(
            "more than {} YAML aliases (`*name`); a catalog needs few or none {wrong_file}",
            aliases.saturating_sub(1)
        ),
        BudgetBreach::Anchors { anchors } => format!(
            "more than {} YAML anchors (`&name`); a catalog needs few or none {wrong_file}",
            anchors.saturating_sub(1)
        ),
        BudgetBreach::Depth { depth } => format!(
            "nested {depth} levels deep; a catalog needs a few levels of indentation {wrong_file}"
        ),
        BudgetBreach::Events { events } => format!(
            "more than {} YAML values and structure marks; a catalog has far fewer {wrong_file}",
            events.saturating_sub(1)
        ),
        BudgetBreach::Nodes { nodes } => format!(
            "more than {} YAML values; a catalog has far fewer {wrong_file}",
            nodes.saturating_sub(1)
        ),
        BudgetBreach::ScalarBytes { total_scalar_bytes } => format!(
            "the text adds up to more than {} MiB (aliases count each time they are used); a catalog is far smaller {wrong_file}",
            total_scalar_bytes / (1024 * 1024)
        ),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => format!(
            "aliases (`*name`) repeat {anchors} anchored value(s) (`&name`) {aliases} times; write the values out instead {wrong_file}"
        ),
        BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
            format!(
                "anchored values (`&name`) are too large to repeat; write the values out instead {wrong_file}"
            )
        }
        BudgetBreach::MergeKeys { merge_keys } => format!(
            "more than {} merge keys (`<<`); write the fields out instead {wrong_file}",
            merge_keys.saturating_sub(1)
        ),
        BudgetBreach::Documents { .. } => {
            "more than one YAML document (`---` lines); a catalog file holds one document".into()
        }
        BudgetBreach::SequenceUnbalanced => t!(lang, "load-syntax-broken-structure"),
        _ => format!("the file exceeds a YAML safety limit {wrong_file}"),
    }
}

/// A YAML syntax error, by kind.
fn syntax(kind: &ErrorKind, lang: Lang) -> String {
    use ErrorKind as K;
    let id = match kind {
        K::UnclosedQuotedScalar | K::DocumentIndicatorInQuotedScalar => {
            "load-syntax-unclosed-quote"
        }
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            "load-syntax-after-quote"
        }
        K::InvalidQuotedScalarIndent | K::InvalidFlowScalarIndent => "load-syntax-runs-on",
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => "load-syntax-escape",
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => "load-tab-indent",
        K::InvalidIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidBlockEntryWhitespace => "load-syntax-indentation",
        K::ZeroBlockScalarIndent | K::InvalidBlockScalarHeader | K::InvalidBlockScalarIndent => {
            "load-syntax-text-block"
        }
        K::MappingValueNotAllowed
        | K::InvalidColonPlacement
        | K::InvalidMappingValueWhitespace
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey
        | K::MappingKeyNotAllowed => "load-syntax-colon",
        K::UnclosedFlowCollection { open: '[' } | K::UnexpectedEofFlowSequence => {
            "load-syntax-unclosed-list"
        }
        K::UnclosedFlowCollection { .. }
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => "load-syntax-unclosed-mapping",
        K::ExpectedFlowMappingSeparator
        | K::ExpectedFlowSequenceSeparator
        | K::MisplacedFlowCollectionEnd
        | K::MismatchedFlowCollectionEnd { .. }
        | K::BlockEntryInFlowCollection
        | K::FlowMappingValueAdjacentCollection
        | K::PlainScalarStartsWithDashFlowIndicator => "load-syntax-brackets",
        K::UnexpectedCharacter { .. } => "load-syntax-reserved",
        K::CommentNotSeparated | K::CommentInterceptedScalar => "load-syntax-comment",
        K::ExpectedWhitespace => "load-syntax-space-after",
        K::MissingAnchorOrAliasName | K::UnknownAnchor | K::AnchorCountOverflow => {
            "load-syntax-anchor"
        }
        K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8
        | K::UndeclaredTagHandle => "load-syntax-tags",
        K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::MissingDocumentEndBeforeDirective
        | K::InvalidDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator => "load-syntax-directive",
        K::ExpectedDocumentStart => "load-syntax-directive-document",
        K::InvalidDocumentEnd | K::MultipleDocumentsUnsupported => "load-syntax-document-marker",
        K::BomInsideDocument => "load-syntax-bom",
        K::RecursionLimitExceeded => "load-syntax-too-deep",
        K::UnexpectedEof => "load-syntax-cut-short",
        K::ExpectedNodeContent => "load-syntax-missing-value",
        _ => "load-syntax-not-yaml",
    };
    t!(lang, id)
}
