//! test-vectors/oxtnef: decode, check, re-encode byte for byte.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxtnef::{DecodeOptions, TnefStream, to_message};
use msox_codec::Encode;

#[test]
fn vectors_round_trip_and_read() {
    let vs = msox_testkit::vectors("oxtnef");
    assert!(vs.len() >= 2);
    for v in vs {
        let d = TnefStream::decode_with(
            &v.bytes,
            &DecodeOptions {
                strict: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(d.stream.to_vec().unwrap(), v.bytes, "{}", v.name);
        let (m, defects) = to_message(&v.bytes, &DecodeOptions::default()).unwrap();
        assert!(defects.is_empty());
        let want: Vec<&str> = v.meta("expect").split('|').collect();
        assert_eq!(m.subject().as_deref(), Some(want[0]), "{}", v.name);
        assert_eq!(m.recipients.len().to_string(), want[1]);
        assert_eq!(m.attachments[0].file_name().as_deref(), Some(want[2]));
        assert_eq!(m.attachments[0].data(), Some(want[3].as_bytes()));
    }
}
