//! Words per language for everything the tool says: findings, reports, banners, labels.
//!
//! One mechanism for all of it: Fluent (`locales/<lang>/*.ftl`, embedded at build time).
//! Fluent rather than `if ja {…}` branches or a hand-rolled `{name}` substitution because
//! translators know its format, arguments are named and typed, and plural rules
//! (`{ $count -> [one] … *[other] … }`) are the language's own, not ours. Code names a
//! message by its id; the words are chosen only at output, in the document's language where
//! there is one, else the interface language ([`interface`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::reference::Lang;

// `SOURCES`: the embedded message files, `(Lang::En, "locales/en/x.ftl", <its text>)`, every
// `locales/<lang>/*.ftl` but the schema's descriptions (every id must exist in both
// languages: tested); `INDEX`: per
// language ([`slot`]), (message id, its file in `SOURCES`) sorted by id. Both written by
// build.rs, which reads the lines that begin a message, so that no run indexes or parses
// the files to find one message.
include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Chooses the interface language for output that has no document language of its own:
/// `--lang`, then `KANRISAKU_LANG`, then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, as
/// POSIX orders them), then English.
pub fn interface(flag: Option<Lang>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    if let Some(lang) = std::env::var("KANRISAKU_LANG")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(locale) if locale.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// The message `id` in `lang`, with `args`. An id missing from the files is a bug the
/// both-languages test catches; at run time the id itself is shown rather than nothing.
pub fn message(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let found = file_of(lang, id).and_then(|file| {
        let bundle = bundle(file);
        Some((bundle, bundle.get_message(id)?.value()?))
    });
    let Some((bundle, pattern)) = found else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    debug_assert!(
        errors.is_empty(),
        "message {id} in {}: {errors:?}",
        lang.as_str()
    );
    text.into_owned()
}

/// `t!(lang, "id")` or `t!(lang, "id", name = value, …)`: a message with named arguments.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:expr) => {
        $crate::i18n::message($lang, $id, None)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $crate::i18n::message($lang, $id, Some(&args))
    }};
}

/// The labels a template sees as `t.<name>`: every message whose id starts with `prefix`,
/// named by the rest of its id with `-` as `_` (`diff-page-moved-to` → `moved_to`). Only
/// messages without arguments belong under such a prefix.
pub fn labels(lang: Lang, prefix: &str) -> BTreeMap<String, String> {
    with_prefix(lang, prefix, &FluentArgs::new())
        .into_iter()
        .map(|(name, text)| (name.replace('-', "_"), text))
        .collect()
}

/// Every message whose id starts with `prefix`, formatted with `args`: (id without the
/// prefix, text). In id order.
pub fn with_prefix(lang: Lang, prefix: &str, args: &FluentArgs) -> Vec<(String, String)> {
    ids(lang)
        .into_iter()
        .filter_map(|id| {
            let rest = id.strip_prefix(prefix)?.to_string();
            Some((rest, message(lang, &id, Some(args))))
        })
        .collect()
}

/// Messages from a user's file (a template directory's `i18n/<lang>.ftl`), which override
/// the built-in ones of the same id.
pub struct UserMessages {
    bundle: FluentBundle<FluentResource>,
    ids: Vec<String>,
}

impl UserMessages {
    /// Parse `text`; a syntax error is `origin:line:column: what`.
    pub fn parse(lang: Lang, text: &str, origin: &str) -> anyhow::Result<UserMessages> {
        let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
            let e = &errors[0];
            let pos = crate::catalog::pos_at(text, e.pos.start.min(text.len()));
            anyhow::anyhow!(
                "{origin}:{}:{}: {e}; a label is written `label-name = text` (Fluent syntax, https://projectfluent.org/fluent/guide/)",
                pos.line,
                pos.column
            )
        })?;
        let ids = resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let mut bundle = new_bundle(lang);
        bundle
            .add_resource(resource)
            .map_err(|errors| anyhow::anyhow!("{origin}: {}", errors[0]))?;
        Ok(UserMessages { bundle, ids })
    }

    /// Like [`with_prefix`], for this file's messages. A message that cannot be formatted
    /// (an unknown variable) shows what it could, as Fluent does.
    pub fn with_prefix(&self, prefix: &str, args: &FluentArgs) -> Vec<(String, String)> {
        self.ids
            .iter()
            .filter_map(|id| {
                let rest = id.strip_prefix(prefix)?.to_string();
                let pattern = self.bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
                Some((rest, text.into_owned()))
            })
            .collect()
    }
}

/// Every message id of `lang`, for the completeness test and for tools.
pub fn ids(lang: Lang) -> Vec<String> {
    let mut ids: Vec<String> = resources(lang)
        .flat_map(|r| r.entries())
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

/// The built-in bundles borrow the resources parsed once in [`parsed`], which the id
/// listing reads too. Each embedded file is parsed and bundled on its own, when a message of
/// it is first said: a run says a few messages, and parsing every file of the language was
/// a tenth of a one-catalog `check`. (No message refers to another, so one bundle per file
/// formats each as one bundle for all did.)
type Bundle = FluentBundle<&'static FluentResource>;

/// The indices in [`SOURCES`] of `lang`'s files.
fn files(lang: Lang) -> impl Iterator<Item = usize> {
    (0..SOURCES.len()).filter(move |&i| SOURCES[i].0 == lang)
}

fn resources(lang: Lang) -> impl Iterator<Item = &'static FluentResource> {
    files(lang).map(parsed)
}

fn parsed(file: usize) -> &'static FluentResource {
    static PARSED: [OnceLock<FluentResource>; SOURCES.len()] =
        [const { OnceLock::new() }; SOURCES.len()];
    PARSED[file].get_or_init(|| {
        let (_, path, text) = SOURCES[file];
        parse(path, text)
    })
}

fn bundle(file: usize) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];
    BUNDLES[file].get_or_init(|| {
        let (lang, path, _) = SOURCES[file];
        let mut bundle = new_bundle(lang);
        bundle
            .add_resource(parsed(file))
            .unwrap_or_else(|errors| panic!("{path}: {errors:?}"));
        bundle
    })
}

/// The index in [`SOURCES`] of the file of `lang` that defines message `id`.
fn file_of(lang: Lang, id: &str) -> Option<usize> {
    let index = INDEX[slot(lang)];
    let found = index.binary_search_by(|(key, _)| key.cmp(&id)).ok()?;
    Some(index[found].1)
}

/// Each language's place in the per-language caches.
fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Ja => 0,
        Lang::En => 1,
    }
}

fn new_bundle<R>(lang: Lang) -> FluentBundle<R> {
    let id: unic_langid::LanguageIdentifier = lang.as_str().parse().expect("ja and en are valid");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around arguments would reach terminals and files.
    bundle.set_use_isolating(false);
    bundle
}

/// The files are ours and embedded: a syntax error is caught by the tests, not by users.
fn parse(path: &str, text: &str) -> FluentResource {
    FluentResource::try_new(text.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index finds every message where the parser does, and nothing else: each id once,
    /// in the file that defines it.
    #[test]
    fn the_index_names_the_file_of_every_message() {
        for lang in [Lang::Ja, Lang::En] {
            let mut indexed: Vec<(String, usize)> = INDEX[slot(lang)]
                .iter()
                .map(|&(id, file)| (id.to_string(), file))
                .collect();
            let mut defined: Vec<(String, usize)> = files(lang)
                .flat_map(|file| {
                    parsed(file).entries().filter_map(move |entry| match entry {
                        fluent_syntax::ast::Entry::Message(m) => {
                            Some((m.id.name.to_string(), file))
                        }
                        _ => None,
                    })
                })
                .collect();
            indexed.sort();
            defined.sort();
            assert_eq!(indexed, defined);
            assert!(defined.len() > 100);
        }
    }

    /// Both languages say every message, with the same arguments.
    #[test]
    fn every_id_in_both_languages_with_the_same_arguments() {
        assert_eq!(ids(Lang::Ja), ids(Lang::En));
        for id in ids(Lang::En) {
            assert_eq!(variables(Lang::Ja, &id), variables(Lang::En, &id), "{id}");
        }
    }

    #[test]
    fn template_labels_take_no_arguments() {
        for lang in [Lang::Ja, Lang::En] {
            let labels = labels(lang, "diff-page-");
            assert!(labels.contains_key("moved_to"), "{labels:?}");
            for id in ids(lang).iter().filter(|id| id.starts_with("diff-page-")) {
                assert_eq!(variables(lang, id), Vec::<String>::new(), "{id}");
            }
        }
        assert_eq!(
            labels(Lang::Ja, "diff-page-")["title"],
            "カタログの版間の変更点"
        );
    }

    #[test]
    fn arguments_and_plurals() {
        assert_eq!(t!(Lang::En, "summary-errors", count = 1), "1 error");
        assert_eq!(t!(Lang::En, "summary-errors", count = 3), "3 errors");
        assert_eq!(t!(Lang::Ja, "summary-errors", count = 3), "エラー 3 件");
        assert_eq!(
            message(Lang::En, "no-such-message", None),
            "no-such-message"
        );
    }

    fn variables(lang: Lang, id: &str) -> Vec<String> {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
        fn walk(elements: &[PatternElement<&str>], out: &mut Vec<String>) {
            for element in elements {
                if let PatternElement::Placeable { expression } = element {
                    match expression {
                        Expression::Inline(InlineExpression::VariableReference { id }) => {
                            out.push(id.name.to_string())
                        }
                        Expression::Select { selector, variants } => {
                            if let InlineExpression::VariableReference { id } = selector {
                                out.push(id.name.to_string());
                            }
                            for v in variants {
                                walk(&v.value.elements, out);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let mut out = Vec::new();
        for r in resources(lang) {
            for entry in r.entries() {
                if let Entry::Message(m) = entry
                    && m.id.name == id
                    && let Some(value) = &m.value
                {
                    walk(&value.elements, &mut out);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}
