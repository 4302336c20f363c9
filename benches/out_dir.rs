//! `cargo bench --bench out_dir`: planning where `render --out-dir` writes 1,000 and 10,000
//! catalogs: each catalog's identity (device, inode) taken once, each output checked against
//! the inputs and the other outputs through hash maps. It was N² `canonicalize` calls (10,000
//! catalogs wrote nothing in 300 s); linear now, so ten times the catalogs is ten times the time.

use std::path::{Path, PathBuf};

use kanrisaku::catalog::{Catalog, parse_catalog};
use kanrisaku::output::Plan;
use kanrisaku::render::{Audience, Format, plan_out_dir};

fn main() {
    divan::main();
}

/// `n` catalog files on disk (identities come from the file system) and their catalogs,
/// one service each, cloned from the parsed example.
fn workspace(dir: &Path, n: usize) -> Vec<Catalog> {
    let example = include_str!("../examples/tsumiki-cloud.ja.yaml");
    let parsed = parse_catalog(Path::new("example.yaml"), example.to_string()).unwrap();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("svc-{i:05}.yaml"));
            std::fs::write(&path, "kanrisaku: 1\n").unwrap();
            let mut catalog = parsed.clone();
            catalog.path = path;
            catalog.service.id.value = format!("svc-{i:05}");
            catalog
        })
        .collect()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn plan_out_dir_targets(bencher: divan::Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let catalogs = workspace(dir.path(), n);
    let site: PathBuf = dir.path().join("site");
    bencher.bench(|| {
        let mut plan = Plan::default();
        for c in &catalogs {
            plan.input(&c.path, "a catalog given as input");
        }
        let targets = plan_out_dir(
            &mut plan,
            &site,
            &catalogs,
            None,
            Format::Html,
            Audience::Public,
        )
        .unwrap();
        assert_eq!(targets.len(), n);
        targets
    });
}
