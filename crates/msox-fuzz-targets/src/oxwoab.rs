//! ms-oxwoab: the OAB manifest (oab.xml).

use ms_oxwoab::Manifest;
use msox_codec::Decode;

/// ms-oxwoab `Manifest::decode_bytes`: a manifest that reads writes back to
/// XML that reads strictly to the same model, and writing is
/// deterministic.
pub fn oxwoab_manifest(data: &[u8]) {
    let (s, l) = crate::both(data, Manifest::decode_bytes);
    if let (Ok(s), Ok(l)) = (&s, &l) {
        assert_eq!(s.value, l.value);
    }
    if let Ok(m) = l {
        let xml = m.value.to_xml();
        let again = Manifest::decode_bytes(xml.as_bytes(), &crate::strict())
            .unwrap_or_else(|e| panic!("written manifest does not read: {e}\n{xml}"));
        assert_eq!(again.value, m.value, "{xml}");
        assert_eq!(again.value.to_xml(), xml);
    }
}
