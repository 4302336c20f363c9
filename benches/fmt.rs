//! `cargo bench --bench fmt`: `kanrisaku fmt` next to its floor (loading the catalog, which
//! it does first), on catalogs of 1,000 and 10,000 clauses written in reverse order with a
//! comment above each, so every clause moves.

use std::fmt::Write;
use std::path::Path;

use kanrisaku::catalog::parse_catalog;

fn main() {
    divan::main();
}

const EXAMPLE: &str = include_str!("../examples/tsumiki-cloud.ja.yaml");

/// The Japanese example's front matter and `n` clauses (`9.x.y`, most of them not in the
/// standard: the loader reads any clause-shaped key) from the last to the first.
fn catalog(n: usize) -> String {
    let head = &EXAMPLE[..EXAMPLE.find("controls:\n").expect("example has controls")];
    let mut text = format!("{head}controls:\n");
    for k in (0..n).rev() {
        let (major, minor) = (k / 900 + 1, k % 900 + 1);
        writeln!(
            text,
            "  # clause {k}\n  {major}.{}.{minor}:\n    statement: \"第 {k} 項の記述。\\n二行目。\"\n    status: implemented\n    owner: SRE",
            minor % 9 + 1
        )
        .unwrap();
    }
    text
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn load(bencher: divan::Bencher, n: usize) {
    let text = catalog(n);
    bencher.bench(|| parse_catalog(Path::new("wp.yaml"), text.clone()).unwrap());
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn format(bencher: divan::Bencher, n: usize) {
    let text = catalog(n);
    bencher.bench(|| kanrisaku::fmt::format(Path::new("wp.yaml"), text.as_bytes()).unwrap());
}
