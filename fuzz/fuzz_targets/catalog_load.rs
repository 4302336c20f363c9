//! The catalog loader on arbitrary bytes: a catalog or a one-line error, never a panic,
//! a hang or unbounded memory (libFuzzer's -rss_limit_mb and -timeout catch the last two).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Err(e) = kanrisaku::catalog::load_bytes(Path::new("fuzz.yaml"), bytes.to_vec()) {
        assert!(!e.problems.is_empty(), "an error without a problem");
        for line in e.lines() {
            assert!(
                line.starts_with("fuzz.yaml"),
                "error does not name the file: {line}"
            );
        }
    }
});
