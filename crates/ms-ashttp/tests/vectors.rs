//! `test-vectors/ashttp`: base64 query values decode to the spec's fields
//! and re-encode to the same bytes and text; the corpus's captured request
//! lines all decode and re-encode exactly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_ashttp::{
    Base64Query, CommandCode, EncodedQuery, ParameterTag, PlainQuery, Query, RequestHeaders,
    RequestLine,
};
use msox_codec::{Decode, Encode};
use msox_testkit::{assert_round_trip, assert_truncations_fail, corpus, hostile, vector, vectors};

#[test]
fn error_vectors_give_their_error() {
    let n = vectors("ashttp")
        .iter()
        .filter(|v| {
            v.check_expected_error(|b, o| hostile::outcome(Base64Query::decode_bytes(b, o)))
        })
        .count();
    assert!(n >= 1);
}

#[test]
fn base64_text_errors_count_in_the_decoded_bytes() {
    let v = vector("ashttp", "error-parameter-value-truncated");
    let b64 = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(&v.bytes)
    };
    let e = EncodedQuery::parse(&b64).unwrap_err();
    assert_eq!(e.offset(), Some(29));
    assert_eq!(e.derived().unwrap().what, "decoded query value");
    assert_eq!(e.path().to_string(), "Base64Query > CommandParameter[0]");
}

#[test]
fn every_vector_round_trips_bytes_and_text() {
    for v in vectors("ashttp")
        .into_iter()
        .filter(|v| v.expected_error.is_none())
    {
        let q: Base64Query = assert_round_trip(&v.bytes, &v.name);
        let text = v.meta("base64");
        let e = EncodedQuery::parse(text).unwrap();
        assert_eq!(e.query, q);
        assert_eq!(e.to_text().unwrap(), text, "{}", v.name);
    }
}

#[test]
fn spec_example_fields() {
    let v = vector("ashttp", "ashttp-2.2.1.1.1.1-base64-query");
    let q = Base64Query::decode_exact(&v.bytes).unwrap();
    assert_eq!(q.protocol_version.to_string(), "14.0");
    assert_eq!(q.command, CommandCode::Sync);
    assert_eq!(q.locale, 0x0409);
    assert_eq!(q.device_id, b"v140Device");
    assert_eq!(q.policy_key(), None);
    assert_eq!(q.device_type, b"SmartPhone");
    assert!(q.parameters.is_empty());
    // [MS-ASHTTP] 2.2.1.1.1: the plain form of the same request
    let line = RequestLine::parse(
        "POST /Microsoft-Server-ActiveSync?Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone HTTP/1.1",
    )
    .unwrap();
    let Some(Query::Plain(p)) = &line.query else {
        panic!()
    };
    assert_eq!(p.command().as_deref(), Some(q.command.name().unwrap()));
    assert_eq!(p.device_id().unwrap().as_bytes(), q.device_id);
    assert_eq!(p.device_type().unwrap().as_bytes(), q.device_type);
    assert_eq!(p.user().as_deref(), Some("rmjones"));
}

#[test]
fn hand_made_vector_has_policy_key_and_parameters() {
    let v = vector("ashttp", "handmade-smartreply-policykey-params");
    let q = Base64Query::decode_exact(&v.bytes).unwrap();
    assert_eq!(q.command, CommandCode::SmartReply);
    assert_eq!(q.policy_key(), Some(3942919513));
    assert_eq!(q.parameter(ParameterTag::ItemId), Some(&b"5:12"[..]));
    assert_eq!(q.parameter(ParameterTag::Options), Some(&[1u8][..]));
    assert_eq!(q.parameters.len(), 4);
}

#[test]
fn truncations_fail() {
    // Up to the end of the device type every truncation is an error; after
    // it, a cut at a parameter boundary is a valid shorter query.
    for v in vectors("ashttp")
        .into_iter()
        .filter(|v| v.expected_error.is_none())
    {
        let q = Base64Query::decode_exact(&v.bytes).unwrap();
        let fixed = 7 + q.device_id.len() + q.policy_key_bytes.len() + q.device_type.len();
        assert_truncations_fail(&v.bytes[..fixed], &v.name, |b| {
            Base64Query::decode_exact(b).map(drop)
        });
        msox_testkit::assert_truncations_never_panic(&v.bytes, &v.name, |b| {
            Base64Query::decode_exact(b).map(drop)
        });
    }
}

#[test]
fn over_long_fields_fail_to_encode() {
    let mut q = Base64Query::decode_exact(&vectors("ashttp")[0].bytes).unwrap();
    q.device_id = vec![b'x'; 300];
    assert!(q.to_vec().is_err());
}

#[test]
fn plain_queries_keep_their_text() {
    let t = "User=exta%40exchange.lyn.lng&DeviceId=ApplDLXH7601DVD3&DeviceType=iPad&Cmd=FolderSync";
    let q = PlainQuery::parse(t);
    assert_eq!(q.to_text(), t);
    assert_eq!(q.user().as_deref(), Some("exta@exchange.lyn.lng"));
    assert_eq!(q.command().as_deref(), Some("FolderSync"));
}

/// Every request line captured in `wbxml/captures/opush-request-lines.tsv`.
#[test]
fn captured_request_lines_round_trip() {
    let Some(dir) = corpus::dir() else { return };
    let text = std::fs::read_to_string(dir.join("wbxml/captures/opush-request-lines.tsv")).unwrap();
    let (mut n, mut b64) = (0, 0);
    for row in text.lines().skip(1) {
        let line = row.split('\t').nth(1).unwrap();
        // The captured User-Agent as a header block: byte for byte back,
        // and read by the accessor as it was.
        let ua = row.split('\t').nth(2).unwrap_or_default();
        let block = format!("User-Agent: {ua}\r\n\r\n");
        let h = RequestHeaders::decode_exact(block.as_bytes()).unwrap();
        assert_eq!(h.block.to_bytes(), block.as_bytes());
        assert_eq!(h.user_agent(), Some(ua.trim()));
        let r = RequestLine::parse(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(r.to_text().unwrap(), line);
        if let Some(Query::Base64(e)) = &r.query {
            b64 += 1;
            let bytes = e.query.to_vec().unwrap();
            assert_eq!(Base64Query::decode_exact(&bytes).unwrap(), e.query);
            assert!(e.query.policy_key().is_some() || e.query.policy_key_bytes.is_empty());
        }
        n += 1;
    }
    eprintln!(
        "{n} request lines and User-Agent headers round-trip; {b64} with base64 query values"
    );
    assert!(n > 500 && b64 >= 24, "{n} {b64}");
}
