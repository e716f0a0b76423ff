//! ms-cfb: the container reader (no writer).

use ms_cfb::{CompoundFile, read_file};
use msox_codec::Decode;

/// ms-cfb `read_file` (and `CompoundFile::decode_bytes`): parsing and
/// reading every stream never panics, loops or allocates past the limits;
/// both entries agree on what they accept, and every stream read has the
/// length its directory entry gives.
pub fn cfb_file(data: &[u8]) {
    let (s, l) = crate::both(data, read_file);
    let _ = crate::both(data, CompoundFile::decode_bytes);
    for (mode, d) in [(crate::strict(), s), (crate::lenient(), l)] {
        let Ok(d) = d else { continue };
        let f = &d.value;
        assert!(
            CompoundFile::decode_bytes(data, &mode).is_ok(),
            "read_file read it, CompoundFile::decode_bytes did not"
        );
        assert_eq!(f.streams.len(), f.file.streams().len());
        for (id, bytes) in &f.streams {
            assert!(f.file.entry(*id).is_some());
            if let Some(n) = f.file.stream_len(*id) {
                assert!(bytes.len() <= n, "stream {id}: {} > {n}", bytes.len());
            }
        }
        for e in f.file.entries() {
            let _ = e.name.to_string();
        }
    }
}
