//! ms-ashttp: the base64 query value (bytes and text) and request lines.

use ms_ashttp::{Base64Query, EncodedQuery, Query, RequestLine};

use crate::roundtrip_type;

/// ms-ashttp `Base64Query::decode_bytes`: the decoded query value
/// re-encodes byte for byte; its base64 text parses back to it.
pub fn ashttp_base64_query(data: &[u8]) {
    use msox_codec::Decode;
    roundtrip_type!(data, true, Base64Query);
    if let Ok(q) = Base64Query::decode_exact(data) {
        for padded in [true, false] {
            let text = q.to_base64(padded).expect("encodes");
            assert_eq!(Base64Query::from_base64(&text).expect("re-parses"), q);
        }
    }
}

/// ms-ashttp `EncodedQuery::parse` (and `Query::parse`, which picks the
/// plain or the base64 form): text that parses prints as it was and
/// parses again to the same value.
pub fn ashttp_encoded_query(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = EncodedQuery::parse(s) {
        let text = q.to_text().expect("re-encodes");
        assert_eq!(EncodedQuery::parse(&text).expect("re-parses"), q, "{text}");
    }
    if let Ok(q) = Query::parse(s) {
        let text = q.to_text().expect("re-encodes");
        assert_eq!(Query::parse(&text).expect("re-parses"), q, "{text}");
    }
}

/// ms-ashttp `RequestLine::parse`: a line that parses prints and parses
/// again to the same value.
pub fn ashttp_request_line(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(l) = RequestLine::parse(s) {
        let text = l.to_text().expect("re-encodes");
        assert_eq!(RequestLine::parse(&text).expect("re-parses"), l, "{text}");
    }
}
