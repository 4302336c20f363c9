//! `soa.toml`: the organisation's applicability decisions, for the Annex A controls no
//! service catalog answers (5.7 threat intelligence, 6.1 screening, 7.x premises...).
//!
//! TOML rather than YAML because it sits beside `kanrisaku.toml` and is no catalog: a
//! `*.yaml` there would be picked up by catalog discovery (`catalogs = ["."]`) and fail to
//! load as one. Positions come from `toml::Spanned`, as in `kanrisaku.toml`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{Pos, pos_at};
use crate::input::{self, Limit};
use crate::reference::{ClauseId, Reference, StandardId};

/// The file looked for beside `kanrisaku.toml`.
pub const FILE_NAME: &str = "soa.toml";

/// 93 decisions with paragraphs of justification fit many times over.
const DECISIONS_LIMIT: Limit = Limit {
    bytes: 4 * 1024 * 1024,
    what: "soa.toml",
    advice: "is this the right file?",
};

/// How far a control the organisation decided to apply is implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Implementation {
    Implemented,
    Partial,
    Planned,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    controls: BTreeMap<Spanned<String>, Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    applicable: bool,
    #[serde(default)]
    status: Option<Implementation>,
    #[serde(default)]
    justification: Option<String>,
    #[serde(default)]
    implementation: Option<String>,
}

/// One control's decision, as validated.
#[derive(Clone, Debug)]
pub struct Decision {
    /// `Some` when applicable (with its status), `None` when excluded.
    pub status: Option<Implementation>,
    pub justification: String,
    /// Where and how it is implemented (a policy, a procedure), in the organisation's words.
    pub implementation: String,
    pub pos: Pos,
}

/// Every decision of one file, by 2022 control.
#[derive(Clone, Debug, Default)]
pub struct Decisions {
    pub path: Option<PathBuf>,
    pub by_id: HashMap<ClauseId, Decision>,
}

impl Decisions {
    /// Read and validate `path`; the first problem is `path:line:column: what; the fix`.
    pub fn load(path: &Path) -> Result<Decisions> {
        let text = input::read_text_bounded(path, DECISIONS_LIMIT).map_err(|e| e.at(path))?;
        let at = |offset: usize| {
            let p = pos_at(&text, offset);
            (p, format!("{}:{}:{}", path.display(), p.line, p.column))
        };
        let file: File = toml::from_str(&text).map_err(|e| match e.span() {
            Some(s) => anyhow!("{}: {}", at(s.start).1, e.message().trim()),
            None => anyhow!("{}: {}", path.display(), e.message().trim()),
        })?;
        let standard = Reference::get().standard(StandardId::Iso27002_2022);
        let mut by_id: HashMap<ClauseId, (Decision, String)> = HashMap::new();
        for (key, entry) in file.controls {
            let (pos, place) = at(key.span().start);
            let raw = key.get_ref();
            let id = ClauseId::parse(raw)
                .ok()
                .filter(|id| standard.clause(id).is_some())
                .ok_or_else(|| {
                    anyhow!(
                        "{place}: `{}` is no ISO/IEC 27001:2022 Annex A control; expected an id from 5.1 to 8.34 (see `kanrisaku controls --standard iso27002:2022`)",
                        crate::escape::control(raw)
                    )
                })?;
            let decision = decision(entry.into_inner(), pos, &place)?;
            if let Some((_, first)) = by_id.get(&id) {
                bail!("{place}: control {id} is decided twice (first at {first}); keep one entry");
            }
            by_id.insert(id, (decision, place));
        }
        Ok(Decisions {
            path: Some(path.to_path_buf()),
            by_id: by_id.into_iter().map(|(id, (d, _))| (id, d)).collect(),
        })
    }
}

/// An entry's fields must agree: an exclusion says why and has no status, an applicable
/// control says how far it is implemented.
fn decision(entry: Entry, pos: Pos, place: &str) -> Result<Decision> {
    let justification = entry.justification.unwrap_or_default();
    let status = match (entry.applicable, entry.status) {
        (true, Some(status)) => Some(status),
        (true, None) => bail!(
            "{place}: an applicable control needs its implementation status; add `status = \"implemented\"` (or \"partial\", \"planned\")"
        ),
        (false, Some(_)) => bail!(
            "{place}: an excluded control (`applicable = false`) has no implementation status; remove `status`"
        ),
        (false, None) if justification.trim().is_empty() => bail!(
            "{place}: an excluded control needs the justification for its exclusion; add `justification = \"...\"`"
        ),
        (false, None) => None,
    };
    Ok(Decision {
        status,
        justification,
        implementation: entry.implementation.unwrap_or_default(),
        pos,
    })
}
