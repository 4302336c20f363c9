//! `cargo bench`: the library stages of `kanrisaku check` on the shipped examples.
//! Whole-process time (start-up included) is measured with hyperfine; see README.md.

use std::path::Path;

use kanrisaku::catalog::load_file;
use kanrisaku::check::{CheckOptions, check};
use kanrisaku::reference::Reference;

fn main() {
    // Parse the embedded reference data once, outside the measurements.
    let _ = Reference::get();
    divan::main();
}

fn example() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/tsumiki-cloud.ja.yaml"
    ))
}

fn options() -> CheckOptions {
    CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        review_max_age_days: 365,
        workspace: None,
        lang: kanrisaku::reference::Lang::En,
    }
}

#[divan::bench]
fn load_catalog() -> kanrisaku::catalog::Catalog {
    load_file(divan::black_box(example())).unwrap()
}

#[divan::bench]
fn check_loaded_catalog(bencher: divan::Bencher) {
    let catalogs = vec![load_file(example()).unwrap()];
    let options = options();
    bencher.bench(|| check(divan::black_box(&catalogs), &options));
}

#[divan::bench]
fn load_and_check() -> usize {
    let catalogs = vec![load_file(example()).unwrap()];
    check(&catalogs, &options()).findings.len()
}
