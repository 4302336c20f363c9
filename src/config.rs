//! `kanrisaku.toml`: optional workspace settings, found in the current directory or above.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::pos_at;
use crate::check::{Code, FailOn, Level};
use crate::input::{self, Limit};

pub const FILE_NAME: &str = "kanrisaku.toml";

/// A few lines of settings; anything near this size is not a `kanrisaku.toml`.
const CONFIG_LIMIT: Limit = Limit {
    bytes: 1024 * 1024,
    what: "kanrisaku.toml",
    advice: "is this the right file?",
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Catalog files or directories, relative to the config file.
    #[serde(default)]
    pub catalogs: Vec<PathBuf>,
    #[serde(default)]
    pub check: CheckConfig,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    pub fail_on: Option<FailOn>,
    pub review_max_age_days: Option<u32>,
    /// `[check.severity]`: code → level, as written (checked by [`load`] with positions).
    #[serde(default, rename = "severity")]
    severity_raw: BTreeMap<Spanned<String>, Spanned<String>>,
    /// The same, checked.
    #[serde(skip)]
    pub severity: BTreeMap<Code, Level>,
}

/// A config file and the directory its relative paths start from.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
}

impl Workspace {
    /// The nearest `kanrisaku.toml` from `start` upwards, if any.
    pub fn discover(start: &Path) -> Result<Option<Workspace>> {
        for dir in start.ancestors() {
            let file = dir.join(FILE_NAME);
            // Anything by that name is the workspace's settings: a FIFO, a device or a
            // dangling link is refused when read, never passed over for a parent's file.
            if std::fs::symlink_metadata(&file).is_ok() {
                let config = load(&file)?;
                return Ok(Some(Workspace {
                    root: dir.to_path_buf(),
                    config,
                }));
            }
        }
        Ok(None)
    }

    /// Catalog paths from the config, as the user would name them from `cwd`.
    pub fn catalog_paths(&self, cwd: &Path) -> Vec<PathBuf> {
        self.config
            .catalogs
            .iter()
            .map(|p| {
                let full = self.root.join(p);
                match full.strip_prefix(cwd) {
                    Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
                    Ok(rel) => rel.to_path_buf(),
                    Err(_) => full,
                }
            })
            .collect()
    }
}

fn load(path: &Path) -> Result<Config> {
    let text = input::read_text_bounded(path, CONFIG_LIMIT).map_err(|e| e.at(path))?;
    let at = |offset: usize| {
        let p = pos_at(&text, offset);
        format!("{}:{}:{}", path.display(), p.line, p.column)
    };
    let mut config: Config = toml::from_str(&text).map_err(|e| match e.span() {
        Some(s) => anyhow!("{}: {}", at(s.start), e.message().trim()),
        None => anyhow!("{}: {}", path.display(), e.message().trim()),
    })?;
    let check = &mut config.check;
    for (code, level) in &check.severity_raw {
        let parsed = Code::parse(code.get_ref()).ok_or_else(|| {
            let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            anyhow!(
                "{}: [check.severity]: unknown code `{}`; expected one of: {}",
                at(code.span().start),
                code.get_ref(),
                codes.join(", ")
            )
        })?;
        let level_value = Level::parse(level.get_ref()).ok_or_else(|| {
            anyhow!(
                "{}: [check.severity] {}: unknown level `{}`; expected one of: {}",
                at(level.span().start),
                code.get_ref(),
                level.get_ref(),
                Level::NAMES.join(", ")
            )
        })?;
        if parsed == Code::LoadError {
            bail!(
                "{}: [check.severity]: load-error cannot be changed: a file that does not load was not checked at all",
                at(code.span().start)
            );
        }
        check.severity.insert(parsed, level_value);
    }
    Ok(config)
}
