//! msox-chm: reading a CHM's directory, and extracting its files. A
//! reader only: both modes, and testing agrees with extracting.

use msox_chm::ChmFile;
use msox_codec::{Decode, Decoded};

/// msox-chm `ChmFile::decode_bytes` (the headers and the directory): both
/// modes.
pub fn chm_directory(data: &[u8]) {
    let _ = crate::both(data, ChmFile::decode_bytes);
}

/// msox-chm `ChmFile::decode_bytes` then `extract_all`: both modes; every
/// file that extracts also tests, to its length.
pub fn chm_extract(data: &[u8]) {
    let _ = crate::both(data, |b, o| {
        let d = ChmFile::decode_bytes(b, o)?;
        let mut defects = d.defects;
        let x = d.value.extract_all(o)?;
        defects.extend(x.defects);
        Ok(Decoded {
            value: x.value,
            defects,
        })
    });
    for o in crate::MODES {
        let Ok(d) = ChmFile::decode_bytes(data, &o) else {
            continue;
        };
        let (Ok(x), Ok(t)) = (d.value.extract_all(&o), d.value.test(&o)) else {
            continue;
        };
        for (file, bytes) in &x.value {
            if let Ok(bytes) = bytes {
                let tested = t.value.iter().find(|f| f.file == *file);
                assert!(
                    matches!(tested, Some(f) if f.result.as_ref().ok() == Some(&(bytes.len() as u64))),
                    "file {file} extracts ({} bytes) but tests as {tested:?}",
                    bytes.len()
                );
            }
        }
    }
}
