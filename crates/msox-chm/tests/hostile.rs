//! The hostile suite over the entry points (truncations, mutations,
//! starved budgets, strict and lenient): reading a CHM's directory, and
//! reading it then extracting every file; seeded with CHM files from the
//! test writer and the small files of corpus/lzx.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use msox_chm::ChmFile;
use msox_codec::{Decode, Options};
use msox_testkit::corpus;
use msox_testkit::hostile::{Outcome, Suite, outcome};

fn samples() -> Vec<Vec<u8>> {
    let mut s = vec![
        msox_chm::testing::sample(),
        msox_chm::testing::build(&[("/a.txt", b"stored only", false)]),
        msox_chm::testing::build(&[("/big.bin", &b"0123456789abcdef".repeat(5000), true)]),
    ];
    for e in corpus::files("lzx", &[".chm", ".CHM"]) {
        if e.size <= 8192 {
            s.push(std::fs::read(&e.path).unwrap());
        }
    }
    s
}

fn extract(b: &[u8], o: &Options) -> Outcome {
    let d = ChmFile::decode_bytes(b, o)?;
    let mut all = d.defects;
    all.extend(d.value.extract_all(o)?.defects);
    Ok(all)
}

#[test]
fn hostile_suite_chm_directory() {
    // The directory is read from the front: the content after it (files'
    // data) is not needed, so a prefix holding the whole directory reads.
    Suite::new("chm_directory")
        .prefixes_may_decode()
        .run(&samples(), |b, o| outcome(ChmFile::decode_bytes(b, o)));
}

#[test]
fn hostile_suite_chm_extract() {
    Suite::new("chm_extract")
        .prefixes_may_decode()
        .run(&samples(), extract);
}
