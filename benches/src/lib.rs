//! Criterion benches for the msox crates (see `benches/`), and the helpers
//! they share. Run with `cargo bench -p msox-benches`; every bench reports
//! throughput in bytes/s, with a peer crate beside ours where one exists.
#![forbid(unsafe_code)]

use std::path::PathBuf;

/// The real-file corpus (`$MSOX_CORPUS`, else `../shared/corpus` beside the checkout).
pub fn corpus_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("MSOX_CORPUS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// Reads `corpus_dir()/rel`, or `None` when the corpus is not there.
pub fn corpus_file(rel: &str) -> Option<Vec<u8>> {
    std::fs::read(corpus_dir().join(rel)).ok()
}
