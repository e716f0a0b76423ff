//! `test-vectors/chm`: hand-made CHM files with the error (`.err`) that
//! reading and extracting them gives: kind, offset, path.
#![allow(clippy::unwrap_used)]

use msox_chm::ChmFile;
use msox_codec::Decode;
use msox_testkit::{hostile, vectors};

#[test]
fn error_vectors_give_their_error() {
    let n = vectors("chm")
        .iter()
        .filter(|v| {
            v.check_expected_error(|b, o| {
                let chm = ChmFile::decode_bytes(b, o)?;
                let mut d = chm.defects;
                d.extend(hostile::outcome(chm.value.extract_all(o))?);
                Ok(d)
            })
        })
        .count();
    assert!(n >= 1);
}
