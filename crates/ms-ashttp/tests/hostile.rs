//! Hostile input: the uniform hostile suite on the decoders' entry points.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_ashttp::{Base64Query, EncodedQuery, RequestLine};
use msox_testkit::hostile::{self, Suite};

fn samples() -> Vec<Vec<u8>> {
    hostile::samples("ashttp", |_| true)
}

#[test]
fn ashttp_base64_query() {
    // Command parameters run to the end: a cut between two is a valid query.
    Suite::new("ashttp_base64_query")
        .prefixes_may_decode()
        .run(&samples(), |b, o| {
            hostile::outcome(<Base64Query as msox_codec::Decode>::decode_bytes(b, o))
        });
}

/// Text entry points: bytes that are not UTF-8 are not text (no outcome to
/// check); the parse is strict, without defects.
fn text_outcome<T>(b: &[u8], parse: impl Fn(&str) -> msox_codec::Result<T>) -> hostile::Outcome {
    match std::str::from_utf8(b) {
        Ok(s) => parse(s).map(|_| Vec::new()),
        Err(_) => Ok(Vec::new()),
    }
}

#[test]
fn ashttp_request_line() {
    let lines: Vec<Vec<u8>> = [
        "POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1",
        "POST /Microsoft-Server-ActiveSync?Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone HTTP/1.1",
        "OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    // Text without a terminator: prefixes may be valid lines.
    Suite::new("ashttp_request_line")
        .prefixes_may_decode()
        .run(&lines, |b, _| text_outcome(b, RequestLine::parse));
}

#[test]
fn ashttp_encoded_query() {
    let texts: Vec<Vec<u8>> = [
        "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l",
        "jAAJBAp2MTQw%2BRGV2aWNl%3D",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    Suite::new("ashttp_encoded_query")
        .prefixes_may_decode()
        .run(&texts, |b, _| text_outcome(b, EncodedQuery::parse));
}

#[test]
fn ashttp_headers() {
    let blocks: Vec<Vec<u8>> = [
        &b"Content-Type: application/vnd.ms-sync.wbxml\r\nMS-ASProtocolVersion: 14.1\r\nX-MS-PolicyKey: 3942919513\r\nMS-ASAcceptMultiPart: T\r\nUser-Agent: Android/4.0.3-EAS-1.2\r\n\r\n"[..],
        b"MS-ASProtocolVersions: 2.5,12.0,12.1,14.0,14.1\r\nMS-ASProtocolCommands: Sync,FolderSync\r\nX-MS-RP: 14.0,14.1\r\nFolded: a\r\n b\r\n",
    ]
    .iter()
    .map(|b| b.to_vec())
    .collect();
    // Lines run to the end of the input: a cut at a line end is a shorter
    // block.
    Suite::new("ashttp_request_headers")
        .prefixes_may_decode()
        .run(&blocks, |b, o| {
            hostile::outcome(<ms_ashttp::RequestHeaders as msox_codec::Decode>::decode_bytes(b, o))
        });
    Suite::new("ashttp_response_headers")
        .prefixes_may_decode()
        .run(&blocks, |b, o| {
            hostile::outcome(<ms_ashttp::ResponseHeaders as msox_codec::Decode>::decode_bytes(b, o))
        });
}
