//! ms-dtyp: one target per `Decode` type, each a byte-exact round trip.

use ms_dtyp::{Ace, Acl, FileTime, Guid, SecurityDescriptor, Sid, SystemTime};
use msox_codec::{Decode, Encode};

use crate::roundtrip_type;

/// ms-dtyp `Sid::decode_bytes`: SIDs in packet form re-encode exactly;
/// SID strings that parse print and parse back to the same SID; the packet
/// and string forms agree.
pub fn dtyp_sid(data: &[u8]) {
    roundtrip_type!(data, true, Sid);
    if let Ok(sid) = Sid::decode_bytes(data, &crate::lenient()).map(|d| d.value)
        && sid.revision() == 1
    {
        let text = sid.to_string();
        assert_eq!(
            text.parse::<Sid>().expect("printed SID parses"),
            sid,
            "{text}"
        );
    }
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(sid) = s.parse::<Sid>()
    {
        let text = sid.to_string();
        assert_eq!(
            text.parse::<Sid>().expect("re-parses"),
            sid,
            "{s} -> {text}"
        );
        assert!(
            text.eq_ignore_ascii_case(s)
                || s.contains("0x")
                || s.contains("0X")
                || text.contains("0x"),
            "{s} -> {text}"
        );
        let back = Sid::decode_exact(&sid.to_vec().expect("encodes")).expect("decodes");
        assert_eq!(back, sid);
    }
}

/// ms-dtyp `Guid::decode_bytes`: byte-exact; the string form parses back.
pub fn dtyp_guid(data: &[u8]) {
    roundtrip_type!(data, true, Guid);
    if let Ok(g) = Guid::decode_exact(data) {
        let text = g.to_string();
        assert_eq!(text.parse::<Guid>().expect("printed GUID parses"), g);
    }
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(g) = s.parse::<Guid>()
    {
        assert_eq!(g.to_string().parse::<Guid>().expect("re-parses"), g);
    }
}

/// ms-dtyp `FileTime::decode_bytes`: byte-exact.
pub fn dtyp_filetime(data: &[u8]) {
    roundtrip_type!(data, true, FileTime);
    if let Ok(t) = FileTime::decode_exact(data) {
        let _ = t.to_string();
    }
}

/// ms-dtyp `SystemTime::decode_bytes`: byte-exact.
pub fn dtyp_systemtime(data: &[u8]) {
    roundtrip_type!(data, true, SystemTime);
}

/// ms-dtyp `Ace::decode_bytes`: byte-exact; AceSize is what was read.
pub fn dtyp_ace(data: &[u8]) {
    roundtrip_type!(data, true, Ace);
    if let Ok(ace) = Ace::decode_exact(data) {
        assert_eq!(usize::from(ace.header().ace_size), data.len());
    }
}

/// ms-dtyp `Acl::decode_bytes`: byte-exact.
pub fn dtyp_acl(data: &[u8]) {
    roundtrip_type!(data, true, Acl);
}

/// ms-dtyp `SecurityDescriptor::decode_bytes`: a self-relative security
/// descriptor that decodes re-encodes byte for byte; with its layout
/// dropped it re-encodes canonically to the same parts.
pub fn dtyp_security_descriptor(data: &[u8]) {
    roundtrip_type!(data, true, SecurityDescriptor);
    for o in crate::MODES {
        if let Ok(sd) = SecurityDescriptor::decode_bytes(data, &o) {
            let mut canon = sd.value.clone();
            canon.canonicalize();
            let bytes = canon.to_vec().expect("a canonical descriptor encodes");
            let again = SecurityDescriptor::decode_bytes(&bytes, &crate::lenient())
                .expect("a canonical encoding decodes")
                .value;
            assert!(again.layout.is_none());
            assert_eq!(again, canon);
        }
    }
}
