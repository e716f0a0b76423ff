//! # msox-fuzz-targets — what every fuzz target runs
//!
//! Each function here feeds arbitrary bytes to one decoder entry point (and,
//! where decoding succeeds, checks that re-encoding and decoding again
//! agree). `fuzz/fuzz_targets/NAME.rs` calls `NAME` from here under
//! libFuzzer on nightly; `tests/regressions.rs` replays every file under
//! `fuzz/regressions/NAME/` and the test vectors on stable, so a crash fixed
//! once stays fixed without nightly.
//!
//! Adding a target: write the function, add it to [`TARGETS`], create
//! `fuzz/fuzz_targets/NAME.rs` and its `[[bin]]` in `fuzz/Cargo.toml`
//! (the `targets_match_fuzz_folder` test checks all three agree), and name
//! the test-vector folders that seed it.
#![forbid(unsafe_code)]
// Fuzz bodies assert invariants on purpose: a panic here is a finding.
#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used
)]

use msox_codec::Limits;

/// Limits every fuzz target decodes under (small, so a hostile input can't
/// hit libFuzzer's memory limit without it being a bug).
pub const FUZZ_LIMITS: Limits = Limits::fuzzing();

/// One fuzz target: its name (= the file name under `fuzz/fuzz_targets/`),
/// the `test-vectors/` folders that seed it, and its body.
pub struct Target {
    /// Target name.
    pub name: &'static str,
    /// `test-vectors/<folder>` names whose `.hex` files seed the target.
    pub seeds: &'static [&'static str],
    /// The body.
    pub run: fn(&[u8]),
}

/// Every fuzz target.
pub const TARGETS: &[Target] = &[Target {
    name: "codec_strings",
    seeds: &[],
    run: codec_strings,
}];

/// msox-codec: UTF-16 and 8-bit string decoding stays lossless on any input.
pub fn codec_strings(data: &[u8]) {
    let s = msox_codec::Utf16String::from_le_bytes(data);
    assert_eq!(s.to_le_bytes(), data, "UTF-16 string not lossless");
    let mut r = msox_codec::Reader::new(data);
    let _ = msox_codec::Utf16String::read_nul_terminated(&mut r);
    if let Some((&cp, rest)) = data.split_first() {
        let cps = [1252, 932, 936, 949, 950, 1251, 65001, 50220, 1200, 0];
        let cp = msox_codec::CodePage(cps[usize::from(cp) % cps.len()]);
        let s8 = msox_codec::String8::new(rest.to_vec(), cp);
        let _ = s8.to_string_lossy();
    }
}
