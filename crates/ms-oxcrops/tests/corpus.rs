//! Real ROP input buffers: the decompressed rgbIn of the OpenChange
//! captures (`../shared/corpus/rops/openchange-*.rgbIn-decompressed.bin`)
//! parse end to end (every ROP, the handle table, nothing left over) and
//! re-encode byte for byte. Skipped with a message when the corpus is
//! absent (fails under CI).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcrops::*;
use msox_codec::{Decode, Encode, Options};

#[test]
fn openchange_rop_input_buffers_parse_and_re_encode() {
    let files = msox_testkit::corpus::files("rops", &[".rgbin-decompressed.bin"]);
    let mut n = 0;
    for e in files {
        let bytes = std::fs::read(&e.path).unwrap();
        let buffer = RopRequestBuffer::decode_exact(&bytes)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        for (i, rop) in buffer.rops.iter().enumerate() {
            assert!(
                !matches!(rop, RopRequest::Raw(_)),
                "{}: ROP {i} kept raw",
                e.file
            );
        }
        assert!(!buffer.handles.is_empty(), "{}", e.file);
        assert_eq!(
            buffer.to_vec().unwrap(),
            bytes,
            "{}: re-encoding differs",
            e.file
        );
        // lenient decoding finds nothing to repair
        let d = RopRequestBuffer::decode_bytes(&bytes, &Options::lenient()).unwrap();
        assert!(d.defects.is_empty(), "{}: {:?}", e.file, d.defects);
        eprintln!(
            "{}: {} ROPs {:?}, {} handles",
            e.file,
            buffer.rops.len(),
            buffer
                .rops
                .iter()
                .map(|r| r.rop_id().unwrap().to_string())
                .collect::<Vec<_>>(),
            buffer.handles.len()
        );
        n += 1;
    }
    if msox_testkit::corpus::dir().is_some() {
        assert_eq!(n, 2, "expected the two OpenChange captures");
    }
}
