//! Real cabinets from `../shared/corpus/cab-mszip` and `../shared/corpus/lzx`:
//! every stored or MSZIP folder of a cabinet that cabextract accepts must
//! decode to the sizes its CFDATA blocks declare, every file must be cut out
//! of its folder, and the folder data must survive an MSZIP round trip
//! through our encoder. Cabinets that are broken on purpose must give an
//! error or decode, never panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_mci::cab::{Cabinet, Compression};
use ms_mci::{MszipDecoder, MszipEncoder};
use msox_codec::{Decode, Options};
use msox_testkit::corpus;

#[test]
fn corpus_cabinets_mszip_folders_decode() {
    let mut entries = corpus::files("cab-mszip", &[".cab"]);
    entries.extend(corpus::files("lzx", &[".cab"]));
    if entries.is_empty() {
        return;
    }
    let (mut folders_ok, mut files_ok, mut bytes) = (0, 0, 0usize);
    for e in &entries {
        let data = std::fs::read(&e.path).unwrap();
        // hidden-files.cab has its CFFILE entries elsewhere than after the
        // folders: readers disagree on its file list, so strict mode
        // refuses it (a coffFiles defect).
        let expect_ok = !e.notes.contains("fails")
            && !e.notes.contains("multi-cabinet")
            && !e.notes.contains("bad input")
            && !e.notes.contains("cbCabinet")
            && !e.file.ends_with("hidden-files.cab");
        // Cabinets that cabextract accepts decode strictly: no defects.
        let mode = if expect_ok {
            Options::strict()
        } else {
            Options::lenient()
        };
        let cab = match Cabinet::decode_bytes(&data, &mode) {
            Ok(c) => c.value,
            Err(err) => {
                assert!(!expect_ok, "{}: {err}", e.file);
                continue;
            }
        };
        for (i, folder) in cab.folders.iter().enumerate() {
            if !matches!(folder.compression(), Compression::None | Compression::Mszip) {
                continue;
            }
            match cab.folder_data(i, &mode) {
                Ok(out) => {
                    let out = out.value;
                    folders_ok += 1;
                    bytes += out.len();
                    for f in cab.files.iter().filter(|f| usize::from(f.i_folder) == i) {
                        if Cabinet::file_bytes(f, &out).is_ok() {
                            files_ok += 1;
                        } else {
                            assert!(!expect_ok, "{}: file {:?}", e.file, f.name);
                        }
                    }
                    // Our encoder's blocks decode to the same folder data.
                    let mut enc = MszipEncoder::new(6);
                    let mut dec = MszipDecoder::new();
                    let mut back = Vec::new();
                    for chunk in out.chunks(ms_mci::MAX_BLOCK_DATA) {
                        let mut block = Vec::new();
                        enc.encode_block(chunk, &mut block).unwrap();
                        dec.decode_block(&block, chunk.len(), &mut back).unwrap();
                    }
                    assert_eq!(back, out, "{}", e.file);
                }
                Err(err) => assert!(!expect_ok, "{} folder {i}: {err}", e.file),
            }
        }
    }
    eprintln!(
        "{} cabinets: {folders_ok} stored/MSZIP folders, {files_ok} files, {bytes} bytes decoded",
        entries.len()
    );
    assert!(folders_ok >= 10, "{folders_ok}");
}
