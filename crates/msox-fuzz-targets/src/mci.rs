//! ms-mci: MSZIP streams and cabinets.

use ms_mci::cab::{Cabinet, Compression};
use ms_mci::{compress, decompress, decompress_to};
use msox_codec::{CountingSink, Decode};

/// ms-mci `decompress` (and `decompress_to`): stays within the output
/// limit, the two forms agree, and what comes out recompresses and
/// decompresses back to it.
pub fn mci_mszip_decode(data: &[u8]) {
    let (s, l) = crate::both(data, decompress);
    if let (Ok(s), Ok(l)) = (&s, &l) {
        assert!(s.value == l.value, "strict and lenient outputs differ");
    }
    for (o, r) in [(crate::strict(), &s), (crate::lenient(), &l)] {
        let mut n = CountingSink::default();
        match (r, decompress_to(data, &o, &mut n)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.value.len() as u64, b.value);
                assert_eq!(n.count, b.value);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress {a:?} vs decompress_to {b:?}"),
        }
    }
    if let Ok(out) = l {
        assert!(out.value.len() <= crate::FUZZ_LIMITS.max_output);
        let again = compress(&out.value, 6);
        let back = decompress(&again, &crate::strict()).expect("our stream decompresses");
        assert!(back.value == out.value, "recompressed output differs");
    }
}

/// ms-mci `Cabinet::decode_bytes`, then `folder_data` / `extract_folder`
/// of every stored or MSZIP folder (the cabinet entry point as the hostile
/// suite and the CLI use it) and `file_bytes` of every file: never a
/// panic, the two extraction forms agree.
pub fn mci_cab(data: &[u8]) {
    let (s, l) = crate::both(data, Cabinet::decode_bytes);
    for (o, r) in [(crate::strict(), s), (crate::lenient(), l)] {
        let Ok(cab) = r else { continue };
        let cab = cab.value;
        for (i, f) in cab.folders.iter().enumerate().take(16) {
            if !matches!(f.compression(), Compression::None | Compression::Mszip) {
                let _ = cab.folder_stream(i);
                continue;
            }
            let mut n = CountingSink::default();
            match (cab.folder_data(i, &o), cab.extract_folder(i, &o, &mut n)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.value.len() as u64, b.value);
                    assert_eq!(n.count, b.value);
                    assert_eq!(a.defects, b.defects);
                    for file in cab.files.iter().filter(|x| usize::from(x.i_folder) == i) {
                        let _ = Cabinet::file_bytes(file, &a.value);
                    }
                }
                (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
                (a, b) => panic!("folder_data {a:?} vs extract_folder {b:?}"),
            }
        }
    }
}

/// ms-mci: any data survives MSZIP compression at the level the first
/// byte picks.
pub fn mci_mszip_roundtrip(data: &[u8]) {
    let Some((level, data)) = crate::selector(data) else {
        return;
    };
    let c = compress(data, u32::from(level % 10));
    let back = decompress(&c, &crate::strict()).expect("our stream decompresses");
    assert!(back.value == data, "round trip differs");
}
