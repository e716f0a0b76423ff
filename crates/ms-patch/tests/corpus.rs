//! Real LZX data from `../shared/corpus/lzx`: the LZX folders of cabinets
//! (read with `ms-mci`'s cabinet reader; the CFDATA blocks of a folder
//! concatenated form one LZX stream). Cabinets that cabextract extracts
//! must decode (and their files' SHA-256 match cabextract's, checked by
//! hand with the peers; here: sizes and a re-compression round trip);
//! the malformed ones (CVE reproducers, broken streams) must fail cleanly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_mci::cab::{Cabinet, Compression};
use ms_patch::{StreamParams, read_stream_vec};
use msox_codec::{Decode, Options, Origin, Reader};
use msox_testkit::corpus;

/// Decodes LZX folder `i` of `cab` (whose bytes are `data`): the CFDATA
/// blocks' data gathered into one stream, decoded in a session over the
/// cabinet so errors point into it.
fn lzx_folder(
    cab: &Cabinet<'_>,
    data: &[u8],
    i: usize,
    bits: u8,
    o: &Options,
) -> msox_codec::Result<Vec<u8>> {
    let stream = cab.folder_stream(i)?;
    let map = |p: usize| stream.offset_of(p);
    let mut r = Reader::with_options(data, o);
    r.frame_indexed("CFFOLDER", i, |r| {
        r.nested(&stream.data, Origin::Mapped(&map), |r| {
            read_stream_vec(r, stream.uncompressed_size, &StreamParams::lzx(bits), &[])
        })
    })
}

/// Decodes every LZX folder of `data`; returns the folders' data or the
/// first error.
fn lzx_folders(data: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let cab = Cabinet::decode_bytes(data, &Options::lenient())
        .map_err(|e| e.to_string())?
        .value;
    let mut outs = Vec::new();
    for (i, f) in cab.folders.iter().enumerate() {
        let Compression::Lzx(bits) = f.compression() else {
            continue;
        };
        let out = lzx_folder(
            &cab,
            data,
            i,
            bits,
            &Options::strict().with_limits(msox_codec::Limits::fuzzing()),
        )
        .map_err(|e| e.to_string())?;
        outs.push(out);
    }
    Ok(outs)
}

#[test]
fn corpus_lzx_cabinets() {
    let entries = corpus::files("lzx", &[".cab"]);
    if entries.is_empty() {
        return;
    }
    let mut ok = 0;
    for e in &entries {
        let data = std::fs::read(&e.path).unwrap();
        let broken = e.notes.contains("fails") || e.notes.contains("cbCabinet");
        match lzx_folders(&data) {
            Ok(outs) => {
                assert!(!broken, "{} decoded but cabextract rejects it", e.file);
                for out in &outs {
                    eprintln!("{}: LZX folder of {} bytes", e.file, out.len());
                }
                ok += 1;
            }
            Err(err) => {
                assert!(broken, "{}: {err}", e.file);
                eprintln!("{}: rejected: {err}", e.file);
            }
        }
    }
    assert!(ok >= 2);
}

/// Every file of a cabinet, extracted with ms-mci (stored, MSZIP) and
/// ms-patch (LZX): (name, bytes).
fn extract_all(data: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let cab = Cabinet::decode_bytes(data, &Options::lenient())
        .map_err(|e| e.to_string())?
        .value;
    let mut folders = Vec::new();
    for (i, f) in cab.folders.iter().enumerate() {
        let out = match f.compression() {
            Compression::Lzx(bits) => {
                lzx_folder(&cab, data, i, bits, &Options::lenient()).map_err(|e| e.to_string())?
            }
            _ => {
                cab.folder_data(i, &Options::lenient())
                    .map_err(|e| e.to_string())?
                    .value
            }
        };
        folders.push(out);
    }
    let mut files = Vec::new();
    for f in &cab.files {
        let folder = folders
            .get(usize::from(f.i_folder))
            .ok_or("bad folder index")?;
        let bytes = Cabinet::file_bytes(f, folder).map_err(|e| e.to_string())?;
        files.push((
            String::from_utf8_lossy(&f.name).into_owned(),
            bytes.to_vec(),
        ));
    }
    Ok(files)
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// With the cabextract peer installed (never in CI): every file of every
/// corpus cabinet that cabextract extracts has the same SHA-256 here.
#[test]
fn corpus_cabinets_agree_with_cabextract() {
    let peer = msox_testkit::workspace_root().join("../shared/tools/peers/cab-extract.cabextract");
    let has_cabextract = std::process::Command::new("cabextract")
        .arg("--version")
        .output()
        .is_ok();
    if !peer.is_file() || !has_cabextract || std::env::var_os("CI").is_some() {
        eprintln!("skipping: cabextract peer not installed");
        return;
    }
    let mut entries = corpus::files("cab-mszip", &[".cab"]);
    entries.extend(corpus::files("lzx", &[".cab"]));
    let (mut agree, mut cabs) = (0, 0);
    for e in &entries {
        let out = std::process::Command::new(&peer)
            .arg(&e.path)
            .output()
            .unwrap();
        let json = String::from_utf8_lossy(&out.stdout);
        if !json.contains("\"ok\": true") {
            continue;
        }
        // "name": "...", "sha256": "...", "size": N  (sorted keys)
        let mut expected = Vec::new();
        let mut name = String::new();
        for line in json.lines() {
            let l = line.trim();
            if let Some(v) = l.strip_prefix("\"name\": \"") {
                name = v.trim_end_matches(['"', ',']).to_string();
            } else if let Some(v) = l.strip_prefix("\"sha256\": \"") {
                expected.push((name.clone(), v.trim_end_matches(['"', ',']).to_string()));
            }
        }
        let data = std::fs::read(&e.path).unwrap();
        let ours = match extract_all(&data) {
            Ok(f) => f,
            Err(err) => {
                // Multi-cabinet sets, Quantum and cabinets embedded in other
                // data (cabextract searches for them) are not ours to extract.
                eprintln!("not extracted here: {}: {err}", e.file);
                assert!(
                    e.notes.contains("multi-cabinet")
                        || e.notes.contains("Quantum")
                        || e.file.contains("search"),
                    "{}: {err}",
                    e.file
                );
                continue;
            }
        };
        cabs += 1;
        for (n, sha) in &expected {
            // cabextract sanitises names; match on the file name's tail.
            let base = n.rsplit('/').next().unwrap_or(n);
            let hit = ours.iter().any(|(on, b)| {
                on.rsplit(['/', '\\']).next() == Some(base) && &sha256_hex(b) == sha
            });
            let any_sha = ours.iter().any(|(_, b)| &sha256_hex(b) == sha);
            assert!(hit || any_sha, "{}: {n} differs from cabextract", e.file);
            agree += 1;
        }
    }
    eprintln!("{cabs} cabinets, {agree} files identical to cabextract's");
    assert!(agree >= 80, "{agree}");
}
