//! Reading a catalog file: bytes → text → typed model → validated [`Catalog`].
//!
//! Every way a file can be unreadable ends in one [`LoadError`]: a single line naming
//! the file, line and column, what was expected, and a suggestion where one exists.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_saphyr::{DuplicateKeyPolicy, Error as YamlError};

use super::model::{
    Catalog, CatalogFile, Control, LineIndex, Located, MAX_SECTION_DEPTH, Pos, Section,
    all_sections, pos_at,
};
use super::problems;
use crate::input::{self, Limit, Size};
use crate::reference::{ClauseId, Lang};
use crate::t;

/// Catalogs are text written by people; anything larger is a mistake (or an attack).
pub const MAX_CATALOG_BYTES: u64 = 8 * 1024 * 1024;

/// The bound on every catalog read, from disk or from git.
pub const CATALOG_LIMIT: Limit = Limit {
    bytes: MAX_CATALOG_BYTES,
    what: "a catalog",
    advice: "is this the right file?",
};

/// One Markdown text (a statement, a justification, a section body) is parsed as a whole
/// when rendered, and deeply nested emphasis or brackets cost the Markdown parser about
/// 300 bytes of memory per byte of text; this keeps that to tens of MiB per text.
pub const MAX_TEXT_BYTES: u64 = 256 * 1024;

/// Load errors are said in the interface language: before a catalog loads, its own
/// language is unknown.
fn lang() -> Lang {
    crate::i18n::interface(None)
}

/// Schema versions this build reads.
const SCHEMA_VERSION: u32 = 1;

/// Why a catalog could not be loaded: every problem found in it. Callers print each as
/// one line and exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// In file order; never empty.
    pub problems: Vec<Problem>,
}

/// One problem in a catalog file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 0:0 when the problem is the file as a whole (missing, too large).
    pub pos: Pos,
    pub message: String,
    /// Where a duplicated key was first written, for reports that show related places.
    pub first: Option<Pos>,
}

impl LoadError {
    pub(crate) fn at(path: &Path, pos: Pos, message: impl Into<String>) -> Self {
        LoadError {
            path: path.to_path_buf(),
            problems: vec![Problem {
                pos,
                message: message.into(),
                first: None,
            }],
        }
    }

    /// Each problem as `file:line:column: message`.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().map(|p| {
            let mut line = self.path.display().to_string();
            if p.pos.line > 0 {
                line.push_str(&format!(":{}:{}", p.pos.line, p.pos.column));
            }
            line + ": " + &p.message
        })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().collect::<Vec<_>>().join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// Catalog bytes and where they came from, before parsing.
#[derive(Clone, Debug)]
pub struct Source {
    /// What findings and errors name: a path, or `REV:path` for a git revision.
    pub path: PathBuf,
    /// The same file on the other side of a diff has the same key (its relative path).
    pub key: PathBuf,
    pub bytes: Vec<u8>,
}

impl Source {
    /// Read a file, refusing directories, devices, pipes and files too large to be a catalog.
    pub fn read(path: &Path, key: PathBuf) -> Result<Source, LoadError> {
        let bytes = input::read_bounded(path, CATALOG_LIMIT)
            .map_err(|e| LoadError::at(path, Pos::default(), e.to_string()))?;
        Ok(Source {
            path: path.to_path_buf(),
            key,
            bytes,
        })
    }

    pub fn load(self) -> Result<Catalog, LoadError> {
        load_bytes(&self.path, self.bytes)
    }
}

/// Read and validate one catalog file.
pub fn load_file(path: &Path) -> Result<Catalog, LoadError> {
    Source::read(path, path.to_path_buf())?.load()
}

/// Load many sources in parallel (parsing dominates on large workspaces), keeping order.
/// One source is loaded on this thread: starting the thread pool costs more CPU than the
/// parse of a typical catalog.
pub fn load_all(sources: Vec<Source>) -> (Vec<Catalog>, Vec<LoadError>) {
    use rayon::prelude::*;
    let loaded: Vec<Result<Catalog, LoadError>> = if sources.len() < 2 {
        sources.into_iter().map(Source::load).collect()
    } else {
        sources.into_par_iter().map(Source::load).collect()
    };
    let mut catalogs = Vec::with_capacity(loaded.len());
    let mut errors = Vec::new();
    for result in loaded {
        match result {
            Ok(c) => catalogs.push(c),
            Err(e) => errors.push(e),
        }
    }
    (catalogs, errors)
}

/// Validate a catalog read from elsewhere (a git revision); `path` is what errors name.
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<Catalog, LoadError> {
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        let err = CATALOG_LIMIT.exceeded(Some(bytes.len() as u64));
        return Err(LoadError::at(path, Pos::default(), err.to_string()));
    }
    let text = decode(path, bytes)?;
    parse_catalog(path, text)
}

/// Bytes → text, refusing binary files and anything that is not UTF-8.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(wide) = wide_encoding(&bytes) {
        return Err(LoadError::at(
            path,
            Pos { line: 1, column: 1 },
            t!(lang(), "load-wide-encoding", encoding = wide),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let before = String::from_utf8_lossy(&bytes[..nul]);
        let pos = pos_at(&before, before.len());
        return Err(LoadError::at(path, pos, t!(lang(), "load-binary")));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
        LoadError::at(
            path,
            pos_at(prefix, valid),
            t!(
                lang(),
                "load-invalid-utf8",
                byte = format!("0x{:02X}", e.as_bytes()[valid])
            ),
        )
    })
}

/// UTF-16 or UTF-32, told by the byte-order mark or, without one, by where the NUL bytes
/// fall: the ASCII of YAML keys is `k 0` in UTF-16 and `k 0 0 0` in UTF-32 (little-endian).
fn wide_encoding(bytes: &[u8]) -> Option<String> {
    const BOMS: [(&[u8], &str); 4] = [
        (&[0x00, 0x00, 0xFE, 0xFF], "UTF-32"),
        (&[0xFF, 0xFE, 0x00, 0x00], "UTF-32"),
        (&[0xFE, 0xFF], "UTF-16"),
        (&[0xFF, 0xFE], "UTF-16"),
    ];
    if let Some((_, name)) = BOMS.iter().find(|(bom, _)| bytes.starts_with(bom)) {
        return Some((*name).to_string());
    }
    let head = &bytes[..bytes.len().min(256)];
    let share = |unit: usize, pattern: &[bool]| {
        let units = head.chunks_exact(unit);
        let total = units.len();
        let hits = units
            .filter(|u| u.iter().zip(pattern).all(|(b, &nul)| (*b == 0) == nul))
            .count();
        total > 0 && hits * 2 >= total
    };
    let name = if share(4, &[false, true, true, true]) || share(4, &[true, true, true, false]) {
        "UTF-32"
    } else if share(2, &[false, true]) || share(2, &[true, false]) {
        "UTF-16"
    } else {
        return None;
    };
    Some(t!(lang(), "load-wide-no-bom", encoding = name))
}

/// Parse and validate catalog text.
pub fn parse_catalog(path: &Path, source: String) -> Result<Catalog, LoadError> {
    if source.trim().is_empty()
        || source
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(LoadError::at(
            path,
            Pos { line: 1, column: 1 },
            t!(lang(), "load-empty", version = SCHEMA_VERSION.to_string()),
        ));
    }
    let options = serde_saphyr::options! {
        // Duplicates are kept and judged by `validate`, which can name both lines.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    match serde_saphyr::from_str_with_options(&source, options) {
        Ok(file) => validate(path, file, source),
        Err(e) => Err(LoadError {
            path: path.to_path_buf(),
            problems: yaml_problems(&source, &e),
        }),
    }
}

/// Every problem of a file the typed loader stopped on: all the schema sees, else the
/// loader's own error (named as a tab or full-width space where the indentation has one).
fn yaml_problems(source: &str, err: &YamlError) -> Vec<Problem> {
    let lang = lang();
    let found = problems::in_schema(source, lang);
    if !found.is_empty() {
        return found;
    }
    let pos = err
        .location()
        .map(|l| Pos {
            line: u32::try_from(l.line()).unwrap_or(u32::MAX),
            column: u32::try_from(l.column()).unwrap_or(u32::MAX),
        })
        .unwrap_or(Pos { line: 1, column: 1 });
    let indentation = problems::indentation(source, pos.line, lang);
    vec![indentation.unwrap_or_else(|| Problem {
        pos,
        message: super::yaml_error::message(err, SCHEMA_VERSION, lang),
        first: None,
    })]
}

/// The closest candidate by edit distance, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    got: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&got.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 3 && *d <= c.chars().count().div_ceil(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn validate(path: &Path, file: CatalogFile, source: String) -> Result<Catalog, LoadError> {
    let problems = file_problems(&file);
    if !problems.is_empty() {
        return Err(LoadError {
            path: path.to_path_buf(),
            problems,
        });
    }
    let controls_pos = file.controls.pos;
    let controls: Vec<Control> = file
        .controls
        .value
        .0
        .into_iter()
        .map(|(key, entry)| Control {
            id: ClauseId::parse(&key.value).ok(),
            key,
            entry,
        })
        .collect();
    let by_id = controls
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.id.clone()?, i)))
        .collect();
    Ok(Catalog {
        path: path.to_path_buf(),
        lines: LineIndex::new(&source),
        by_id,
        source,
        service: file.service,
        document: file.document,
        sections: file.sections,
        responsibility: file.responsibility,
        controls,
        controls_pos,
        unplaced: file.unplaced,
    })
}

/// What the types cannot say about a parsed file: the version, the slug, text sizes
/// and duplicates, every one of them, in file order.
fn file_problems(file: &CatalogFile) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut report = |pos, message| {
        found.push(Problem {
            pos,
            message,
            first: None,
        })
    };
    if file.kanrisaku.value != SCHEMA_VERSION {
        report(
            file.kanrisaku.pos,
            t!(
                lang(),
                "load-unsupported-version",
                found = file.kanrisaku.value.to_string(),
                version = SCHEMA_VERSION.to_string()
            ),
        );
    }
    let slug = &file.service.id;
    if !is_slug(&slug.value) {
        report(
            slug.pos,
            t!(lang(), "load-not-a-slug", id = slug.value.as_str()),
        );
    }
    text_sizes(file, &mut report);
    section_depth(&file.sections, 1, &mut report);
    duplicate_clauses(file, &mut found);
    if let Some(resp) = &file.responsibility {
        no_duplicates(
            "load-duplicate-party",
            resp.parties.value.0.iter().map(|(k, _)| k),
            &mut found,
        );
    }
    // Section ids are page anchors: unique across both levels.
    no_duplicates(
        "load-duplicate-section",
        all_sections(&file.sections).into_iter().map(|s| &s.id),
        &mut found,
    );
    found.sort_by_key(|p| p.pos);
    found
}

fn duplicate_clauses(file: &CatalogFile, found: &mut Vec<Problem>) {
    let mut seen: HashMap<ClauseId, &Located<String>> = HashMap::new();
    for (key, _) in &file.controls.value.0 {
        let Ok(id) = ClauseId::parse(&key.value) else {
            continue;
        };
        let Some(first) = seen.get(&id) else {
            seen.insert(id, key);
            continue;
        };
        let (line, column) = (first.pos.line.to_string(), first.pos.column.to_string());
        let message = if first.value == key.value {
            t!(
                lang(),
                "load-duplicate-clause",
                key = key.value.as_str(),
                line = line,
                column = column
            )
        } else {
            t!(
                lang(),
                "load-duplicate-clause-same",
                key = key.value.as_str(),
                first = first.value.as_str(),
                line = line,
                column = column
            )
        };
        found.push(Problem {
            pos: key.pos,
            message,
            first: Some(first.pos),
        });
    }
}

/// Whether `id` may be a `service.id`: it names output files, so lowercase letters, digits
/// and hyphens only.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A slug made from any text: `MyCloud` → `my-cloud`, `スポテク-whitepaper_v1` →
/// `whitepaper-v1`; `service` when nothing is left.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut lower_before = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && lower_before {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            lower_before = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
            lower_before = false;
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "service".into()
    } else {
        out.to_string()
    }
}

fn text_sizes(file: &CatalogFile, report: &mut impl FnMut(Pos, String)) {
    let texts = file
        .controls
        .value
        .0
        .iter()
        .flat_map(|(_, e)| {
            [
                ("statement", &e.statement),
                ("justification", &e.justification),
            ]
        })
        .filter_map(|(field, text)| Some((field, text.as_ref()?)))
        .chain(
            all_sections(&file.sections)
                .into_iter()
                .map(|s| ("body", &s.body)),
        );
    for (field, text) in texts {
        let size = text.value.len() as u64;
        if size > MAX_TEXT_BYTES {
            report(
                text.pos,
                t!(
                    lang(),
                    "load-text-too-large",
                    field = field,
                    size = Size(size).to_string(),
                    limit = Size(MAX_TEXT_BYTES).to_string()
                ),
            );
        }
    }
}

/// Subsections may not hold subsections ([`MAX_SECTION_DEPTH`]).
fn section_depth(sections: &[Section], depth: usize, report: &mut impl FnMut(Pos, String)) {
    for s in sections {
        if let Some(deeper) = s.sections.first() {
            if depth >= MAX_SECTION_DEPTH {
                let text = t!(
                    lang(),
                    "load-section-too-deep",
                    id = deeper.id.value.as_str(),
                    depth = depth + 1,
                    parent = s.id.value.as_str()
                );
                report(deeper.id.pos, text);
            }
            section_depth(&s.sections, depth + 1, report);
        }
    }
}

/// `message`: the Fluent id saying which kind of key is written twice.
fn no_duplicates<'a>(
    message: &str,
    keys: impl Iterator<Item = &'a Located<String>>,
    found: &mut Vec<Problem>,
) {
    let mut seen: HashMap<&str, Pos> = HashMap::new();
    for key in keys {
        if let Some(first) = seen.get(key.value.as_str()) {
            let (line, column) = (first.line.to_string(), first.column.to_string());
            let text = t!(
                lang(),
                message,
                key = key.value.as_str(),
                line = line,
                column = column
            );
            found.push(Problem {
                pos: key.pos,
                message: text,
                first: Some(*first),
            });
        } else {
            seen.insert(&key.value, key.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_pick_close_names_only() {
        assert_eq!(
            did_you_mean("statment", ["status", "statement", "owner"]),
            Some("statement")
        );
        assert_eq!(did_you_mean("zzz", ["status", "statement"]), None);
    }

    #[test]
    fn slugs_from_any_text() {
        assert_eq!(slugify("MyCloud"), "my-cloud");
        assert_eq!(slugify("スポテク-whitepaper_v1"), "whitepaper-v1");
        assert_eq!(slugify("Tsumiki Cloud 2"), "tsumiki-cloud-2");
        assert_eq!(slugify("日本"), "service");
        assert!(is_slug(&slugify("ABC Cloud!")));
        assert!(!is_slug("MyCloud") && !is_slug(""));
    }
}
