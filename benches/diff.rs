//! `cargo bench --bench diff`: two 1,000-service workspaces built from the Japanese
//! example (every tenth service edited: one statement and one owner), then diffed.
//! The stages are measured apart: parsing the 2,000 catalogs, and the diff itself.

use std::path::PathBuf;

use kanrisaku::catalog::{Catalog, parse_catalog};
use kanrisaku::diff::diff_workspaces;
use rayon::prelude::*;

const SERVICES: usize = 1000;

fn main() {
    divan::main();
}

/// A workspace as (path, text) pairs.
type Workspace = Vec<(PathBuf, String)>;

fn sources() -> (Workspace, Workspace) {
    let example = include_str!("../examples/tsumiki-cloud.ja.yaml");
    let mut old = Vec::with_capacity(SERVICES);
    let mut new = Vec::with_capacity(SERVICES);
    for i in 0..SERVICES {
        let text = example.replace("id: tsumiki-cloud", &format!("id: svc-{i:04}"));
        let edited = if i % 10 == 0 {
            text.replace("TLS 1.2 及び TLS 1.3 に限定し", "TLS 1.3 に限定し")
                .replacen("owner: SRE チーム", "owner: 運用チーム", 1)
        } else {
            text.clone()
        };
        old.push((PathBuf::from(format!("old/svc-{i:04}.yaml")), text));
        new.push((PathBuf::from(format!("new/svc-{i:04}.yaml")), edited));
    }
    (old, new)
}

fn parse(sources: &[(PathBuf, String)]) -> Vec<Catalog> {
    sources
        .par_iter()
        .map(|(p, t)| parse_catalog(p, t.clone()).unwrap())
        .collect()
}

#[divan::bench(sample_count = 10)]
fn parse_two_workspaces(bencher: divan::Bencher) {
    let (old, new) = sources();
    bencher.bench(|| (parse(&old).len(), parse(&new).len()));
}

#[divan::bench(sample_count = 10)]
fn diff_two_workspaces(bencher: divan::Bencher) {
    let (old, new) = sources();
    let (old, new) = (parse(&old), parse(&new));
    bencher.bench(|| {
        let diff = diff_workspaces(&old, &new, |c| c.path.display().to_string());
        assert_eq!(
            diff.catalogs
                .iter()
                .filter(|c| !c.changes.is_empty())
                .count(),
            SERVICES / 10
        );
        diff
    });
}
