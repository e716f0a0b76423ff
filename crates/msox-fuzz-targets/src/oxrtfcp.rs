//! ms-oxrtfcp: compressed RTF, one-shot, into a sink, piece by piece.

use ms_oxrtfcp::{CompType, Decompressor, Header, compress_with, decompress, decompress_to};
use msox_codec::{CountingSink, Options};

use crate::roundtrip_type;

/// ms-oxrtfcp `decompress`: never panics; strict success implies a
/// defect-free lenient result with the same output; what comes out
/// recompresses and decompresses back to it.
pub fn oxrtfcp_decompress(data: &[u8]) {
    let (s, l) = crate::both(data, decompress);
    if let (Ok(s), Ok(l)) = (&s, &l) {
        assert_eq!(s.value, l.value);
    }
    if let Ok(l) = l {
        let z = compress_with(&l.value.data, CompType::Compressed).expect("compresses");
        let back = decompress(&z, &crate::strict()).expect("our stream decompresses");
        assert!(
            back.value.data == l.value.data,
            "recompressed output differs"
        );
    }
}

/// ms-oxrtfcp `decompress_to`: the same header, output and defects as
/// `decompress`, in both modes.
pub fn oxrtfcp_decompress_to(data: &[u8]) {
    let _ = crate::both(data, |b, o| {
        decompress_to(b, o, &mut CountingSink::default())
    });
    for o in crate::MODES {
        let mut out = Vec::new();
        match (decompress(data, &o), decompress_to(data, &o, &mut out)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.value.header, b.value);
                assert!(a.value.data == out, "decompress_to output differs");
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress {a:?} vs decompress_to {b:?}"),
        }
    }
}

/// Feeds `data` to a [`Decompressor`] in pieces whose sizes come from
/// `seed`; the output and the finish report.
fn streamed(
    data: &[u8],
    seed: u8,
    o: &Options,
) -> (
    Vec<u8>,
    msox_codec::Result<msox_codec::Decoded<ms_oxrtfcp::Report>>,
) {
    let mut d = Decompressor::new(o);
    let mut out = Vec::new();
    let mut rest = data;
    let mut k = usize::from(seed);
    while !rest.is_empty() {
        let n = (k % 23 + 1).min(rest.len());
        k = k.wrapping_mul(31).wrapping_add(7);
        let (piece, tail) = rest.split_at(n);
        rest = tail;
        if let Err(e) = d.feed(piece, &mut out) {
            return (out, Err(e));
        }
    }
    (out, d.finish())
}

/// ms-oxrtfcp `Decompressor` (`feed` / `finish`), fed the input in pieces
/// whose sizes come from the first byte: the one-shot output and defects,
/// in both modes.
pub fn oxrtfcp_decompressor(data: &[u8]) {
    let Some((seed, data)) = crate::selector(data) else {
        return;
    };
    for o in crate::MODES {
        let one = decompress(data, &o);
        let (out, r) = streamed(data, seed, &o);
        match (one, r) {
            (Ok(a), Ok(b)) => {
                assert!(a.value.data == out, "streamed output differs");
                assert_eq!(a.value.header, b.value.header);
                assert_eq!(b.value.output_len, out.len() as u64);
                assert_eq!(b.value.input_len, data.len() as u64);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("one-shot {a:?} vs streamed {b:?}"),
        }
    }
}

/// ms-oxrtfcp `Header::decode_bytes`: byte-exact.
pub fn oxrtfcp_header(data: &[u8]) {
    roundtrip_type!(data, true, Header);
}

/// ms-oxrtfcp: `decompress(compress(x)) == x` for LZFu and MELA, strictly.
pub fn oxrtfcp_compress_roundtrip(data: &[u8]) {
    for t in [CompType::Compressed, CompType::Uncompressed] {
        let stream = compress_with(data, t).expect("compresses");
        let back = decompress(&stream, &crate::strict()).expect("our stream decompresses");
        assert!(back.defects.is_empty(), "{:?}", back.defects);
        assert!(back.value.data == data, "round trip differs");
    }
    // The input repeated past the first window (the compressor matches
    // the first 4 KiB in a copy with the initial dictionary, the rest in
    // the input itself).
    if !data.is_empty() {
        let long: Vec<u8> = data
            .iter()
            .cycle()
            .take(4096 + 512 + data.len())
            .copied()
            .collect();
        let stream = compress_with(&long, CompType::Compressed).expect("compresses");
        let back = decompress(&stream, &crate::strict()).expect("our stream decompresses");
        assert!(
            back.value.data == long,
            "round trip past the window differs"
        );
    }
}
