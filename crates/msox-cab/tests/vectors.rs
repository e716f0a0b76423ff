//! `test-vectors/cab`: hand-made cabinets with the error (`.err`) that
//! opening and extracting them gives: kind, offset, path.
#![allow(clippy::unwrap_used)]

use msox_cab::CabinetSet;
use msox_testkit::{hostile, vectors};

#[test]
fn error_vectors_give_their_error() {
    let n = vectors("cab")
        .iter()
        .filter(|v| {
            v.check_expected_error(|b, o| {
                let set = CabinetSet::open(&[b], o)?;
                let mut d = set.defects;
                d.extend(hostile::outcome(set.value.extract_all(o))?);
                Ok(d)
            })
        })
        .count();
    assert!(n >= 1);
}
