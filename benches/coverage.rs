//! `cargo bench --bench coverage`: the coverage matrix of 100 and 1,000 services built from
//! the Japanese example, next to `check` of the same catalogs (the target: coverage within
//! 1.5× check). Each run loads the catalogs from memory and then analyses them, as the two
//! commands do; the 2022 projection is measured too.

use std::path::PathBuf;

use kanrisaku::catalog::{Catalog, parse_catalog};
use kanrisaku::check::{CheckOptions, check};
use kanrisaku::coverage::matrix;
use kanrisaku::reference::{BaselineId, Lang, Reference};
use rayon::prelude::*;

fn main() {
    let _ = Reference::get();
    divan::main();
}

fn sources(services: usize) -> Vec<(PathBuf, String)> {
    let example = include_str!("../examples/tsumiki-cloud.ja.yaml");
    (0..services)
        .map(|i| {
            let text = example.replace("id: tsumiki-cloud", &format!("id: svc-{i:04}"));
            (PathBuf::from(format!("services/svc-{i:04}.yaml")), text)
        })
        .collect()
}

fn load(sources: &[(PathBuf, String)]) -> Vec<Catalog> {
    sources
        .par_iter()
        .map(|(p, t)| parse_catalog(p, t.clone()).unwrap())
        .collect()
}

fn options() -> CheckOptions {
    CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        review_max_age_days: 365,
        workspace: None,
        lang: Lang::En,
    }
}

#[divan::bench(args = [100, 1000], sample_count = 10)]
fn check_services(bencher: divan::Bencher, services: usize) {
    let sources = sources(services);
    bencher.bench(|| check(&load(&sources), &options()).findings.len());
}

#[divan::bench(args = [100, 1000], sample_count = 10)]
fn coverage_services(bencher: divan::Bencher, services: usize) {
    let sources = sources(services);
    bencher.bench(|| {
        let m = matrix(&load(&sources), Vec::new(), BaselineId::Provider, Lang::En);
        m.totals.cells
    });
}

#[divan::bench(args = [100, 1000], sample_count = 10)]
fn coverage_services_2022(bencher: divan::Bencher, services: usize) {
    let sources = sources(services);
    bencher.bench(|| {
        let m = matrix(
            &load(&sources),
            Vec::new(),
            BaselineId::Iso27002_2022All,
            Lang::En,
        );
        m.totals.cells
    });
}

/// The analyses alone, on catalogs loaded once.
#[divan::bench(args = [1000], sample_count = 10)]
fn analysis_only(bencher: divan::Bencher, services: usize) {
    let catalogs = load(&sources(services));
    bencher.bench(|| {
        (
            check(&catalogs, &options()).findings.len(),
            matrix(&catalogs, Vec::new(), BaselineId::Provider, Lang::En)
                .totals
                .cells,
        )
    });
}
