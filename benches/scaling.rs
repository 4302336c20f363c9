//! `cargo bench --bench scaling`: inputs that used to take quadratic time, each at two
//! sizes ten times apart. Linear work takes about ten times longer at the larger size;
//! each is shown next to its floor (the part that cannot be avoided: parsing the input).

use std::collections::HashMap;
use std::path::Path;

use kanrisaku::catalog::parse_catalog;
use kanrisaku::check::{CheckOptions, check};
use kanrisaku::import::{From, import};
use kanrisaku::reference::{ClauseId, Reference};
use kanrisaku::render::markdown::to_html;
use kanrisaku::safety::image::Embedder;

fn main() {
    let _ = Reference::get();
    divan::main();
}

const EXAMPLE: &str = include_str!("../examples/tsumiki-cloud.ja.yaml");

/// The Japanese example with `n` unknown clause references, in sections of 5,000 each
/// (a single text may be at most 256 KiB).
fn catalog_with_references(n: usize) -> String {
    let mut sections = String::from("sections:\n");
    for (i, k0) in (0..n).step_by(5000).enumerate() {
        let refs: Vec<String> = (k0..n.min(k0 + 5000))
            .map(|k| format!("A.9.{}.{}", k % 90 + 10, k % 7 + 1))
            .collect();
        sections.push_str(&format!(
            "  - id: refs-{i}\n    title: 参照 {i}\n    body: |\n      {}\n",
            refs.join(" ")
        ));
    }
    EXAMPLE.replacen("sections:\n", &sections, 1)
}

fn options() -> CheckOptions {
    CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        review_max_age_days: 365,
        workspace: None,
        lang: kanrisaku::reference::Lang::En,
    }
}

/// The floor: reading the catalog into the typed model.
#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn references_parse(bencher: divan::Bencher, n: usize) {
    let text = catalog_with_references(n);
    bencher.bench(|| parse_catalog(Path::new("wp.yaml"), text.clone()).unwrap());
}

/// `check`: parsing plus one finding per reference, each placed at its line and column.
#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn references_parse_and_check(bencher: divan::Bencher, n: usize) {
    let text = catalog_with_references(n);
    bencher.bench(|| {
        let catalog = parse_catalog(Path::new("wp.yaml"), text.clone()).unwrap();
        let report = check(&[catalog], &options());
        assert!(report.findings.len() >= n);
        report
    });
}

/// Emphasis nested `n` deep, a word at every level: `*a *a … A.6.1.1 … a* a*`.
fn nested_emphasis(n: usize) -> String {
    format!("{}A.6.1.1{}", "*a ".repeat(n), " a*".repeat(n))
}

/// The floor: comrak alone, parsing and writing HTML.
#[divan::bench(args = [8_000, 80_000], sample_count = 5)]
fn nested_emphasis_comrak(bencher: divan::Bencher, n: usize) {
    let text = nested_emphasis(n);
    bencher.bench(|| comrak::markdown_to_html(&text, &comrak::Options::default()));
}

/// The statement renderer: comrak plus linking clause references outside links.
#[divan::bench(args = [8_000, 80_000], sample_count = 5)]
fn nested_emphasis_to_html(bencher: divan::Bencher, n: usize) {
    let text = nested_emphasis(n);
    let anchors: HashMap<ClauseId, String> =
        HashMap::from([(ClauseId::parse("A.6.1.1").unwrap(), "a-6-1-1".to_string())]);
    let images = Embedder::for_templates(Path::new("."));
    bencher.bench(|| to_html(&text, &anchors, &images));
}

/// A whitepaper of about `bytes` bytes: clause headings (each matched against every
/// clause title), each followed by a line of text.
fn whitepaper_text(bytes: usize) -> String {
    let mut text = String::from("ツミキクラウド ホワイトペーパー\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            "A.{}.{}.{} 管理策 {i}\n本文です {i}\n",
            i % 18 + 5,
            i % 5 + 1,
            i % 7 + 1
        ));
        i += 1;
    }
    text
}

/// The floor: reading the catalog the import writes.
#[divan::bench(args = [200_000, 2_000_000], sample_count = 3)]
fn import_text_parse_result(bencher: divan::Bencher, bytes: usize) {
    let text = whitepaper_text(bytes);
    let yaml = import(text.as_bytes(), From::Txt, "wp", "wp.txt")
        .unwrap()
        .yaml;
    bencher.bench(|| parse_catalog(Path::new("wp.yaml"), yaml.clone()).unwrap());
}

#[divan::bench(args = [200_000, 2_000_000], sample_count = 3)]
fn import_text(bencher: divan::Bencher, bytes: usize) {
    let text = whitepaper_text(bytes);
    bencher.bench(|| import(text.as_bytes(), From::Txt, "wp", "wp.txt").unwrap());
}
