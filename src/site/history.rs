//! `site --git`: customer-visible changes from the git history of the catalogs, one notice
//! per commit and catalog. Each commit is diffed against its parent as `diff --customer`
//! would show it, without what readers see elsewhere (revision bookkeeping, already a
//! notice of its own) and without anything marked NDA: the site is public.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;

use super::{Notice, entry_id};
use crate::catalog::{Catalog, load_all};
use crate::diff::git::{self, Commit};
use crate::diff::{Change, diff_workspaces, format::describe};

/// The notices of every commit of HEAD's history that changed what customers read.
pub fn notices(cwd: &Path, paths: &[PathBuf]) -> Result<Vec<Notice>> {
    let mut notices = Vec::new();
    let mut before: Vec<Catalog> = Vec::new();
    for commit in git::commits_touching(cwd, paths)? {
        let after = at(cwd, &commit.oid, paths)?;
        notices.extend(changes(&before, &after, &commit));
        before = after;
    }
    Ok(notices)
}

/// The catalogs as of `oid`; none when the paths held none then (before the first one).
fn at(cwd: &Path, oid: &str, paths: &[PathBuf]) -> Result<Vec<Catalog>> {
    let rev = git::resolve(cwd, oid)?;
    let sources = match git::read_at(cwd, &rev, paths) {
        Ok(sources) => sources,
        Err(_) => return Ok(Vec::new()),
    };
    // A catalog that did not load at that commit tells customers nothing: left out.
    Ok(load_all(sources).0)
}

fn changes(before: &[Catalog], after: &[Catalog], commit: &Commit) -> Vec<Notice> {
    let Ok(date) = commit.date.parse::<NaiveDate>() else {
        return Vec::new();
    };
    let diff = diff_workspaces(before, after, |c| c.path.display().to_string());
    diff.catalogs
        .iter()
        .filter_map(|c| {
            let lines: Vec<String> = c
                .changes
                .iter()
                .filter(|ch| !ch.is_revision_bookkeeping() && !matches!(ch, Change::Nda { .. }))
                .map(|ch| describe(ch, c.language))
                .collect();
            if lines.is_empty() {
                return None;
            }
            let name = after
                .iter()
                .chain(before)
                .find(|x| x.service.id.value == c.service && x.document.language == c.language)
                .map_or(c.service.clone(), |x| x.service.name.value.clone());
            Some(Notice {
                id: entry_id(&c.service, c.language, &format!("commit:{}", commit.oid)),
                service: c.service.clone(),
                lang: c.language,
                name,
                version: c.new_version.clone().unwrap_or_default(),
                date,
                summary: lines.join(" / "),
                commit: Some(commit.oid.clone()),
            })
        })
        .collect()
}
