//! `test-vectors/mci/*.hex`: hand-made MSZIP streams (the spec has no
//! example bytes) and cabinets. Each MSZIP stream decodes to its `size`
//! (and `expect` text where given), block by block as well as in one
//! call, and our encoder's output for the same data decodes back to it;
//! each cabinet decodes strictly and its files are cut out of their
//! folder. Vectors with a `.err` file give exactly that error.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_mci::cab::Cabinet;
use ms_mci::{compress, decompress};
use msox_codec::{Decode, Options};
use msox_testkit::hostile::outcome;
use msox_testkit::vectors;

#[test]
fn mci_vectors_decode_and_round_trip() {
    let vs = vectors("mci");
    assert!(vs.len() >= 3);
    let mut checked = 0;
    for v in vs
        .iter()
        .filter(|v| !v.name.starts_with("cab-") && v.expected_error.is_none())
    {
        let d =
            decompress(&v.bytes, &Options::strict()).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let out = d.value;
        let size: usize = v.meta("size").parse().unwrap();
        assert_eq!(out.len(), size, "{}", v.name);
        let expect = v.meta.get("expect").map_or("", String::as_str);
        if !expect.is_empty() {
            let text = expect.replace("\\r\\n", "\r\n");
            assert_eq!(out, text.as_bytes(), "{}", v.name);
        }
        for level in [0, 1, 9] {
            let again = decompress(&compress(&out, level), &Options::strict()).unwrap();
            assert_eq!(again.value, out, "{}", v.name);
        }
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn cabinet_vectors_decode_and_extract() {
    let mut checked = 0;
    for v in vectors("mci")
        .iter()
        .filter(|v| v.name.starts_with("cab-") && v.expected_error.is_none())
    {
        let cab = Cabinet::decode_bytes(&v.bytes, &Options::strict())
            .unwrap_or_else(|e| panic!("{}: {e}", v.name))
            .value;
        let names: Vec<&str> = v.meta("files").split_whitespace().collect();
        assert_eq!(cab.files.len(), names.len(), "{}", v.name);
        let data = cab.folder_data(0, &Options::strict()).unwrap().value;
        assert_eq!(data.len(), v.meta("size").parse::<usize>().unwrap());
        for (f, name) in cab.files.iter().zip(&names) {
            assert_eq!(f.name, name.as_bytes(), "{}", v.name);
            assert_eq!(
                Cabinet::file_bytes(f, &data).unwrap().len(),
                f.cb_file as usize
            );
        }
        checked += 1;
    }
    assert!(checked >= 2);
}

/// Every `.err` vector gives its error: cabinets through the cabinet
/// reader, MSZIP streams through `decompress`.
#[test]
fn error_vectors_give_their_error() {
    let mut checked = 0;
    for v in vectors("mci") {
        let had = if v.name.starts_with("cab-") {
            v.check_expected_error(|b, o| outcome(Cabinet::decode_bytes(b, o)))
        } else {
            v.check_expected_error(|b, o| outcome(decompress(b, o)))
        };
        checked += usize::from(had);
    }
    assert!(checked >= 2, "{checked}");
}

/// The damaged checksum is a defect in lenient mode, and the folder's data
/// (which is intact) still extracts.
#[test]
fn lenient_mode_reads_past_a_bad_checksum() {
    let v = msox_testkit::vector("mci", "cab-bad-checksum");
    let read = Cabinet::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
    assert_eq!(read.defects.len(), 1);
    assert_eq!(read.defects[0].action(), "data kept as read");
    let good = msox_testkit::vector("mci", "cab-mszip-two-files");
    let clean = Cabinet::decode_bytes(&good.bytes, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(
        read.value.folder_data(0, &Options::strict()).unwrap().value,
        clean.folder_data(0, &Options::strict()).unwrap().value
    );
}
