//! test-vectors/oxtnef: decode, check, re-encode byte for byte; error
//! vectors give the error their `.err` file states.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxtnef::{TnefStream, to_message};
use msox_codec::{Decode, Encode, Options};

#[test]
fn vectors_round_trip_and_read() {
    let vs = msox_testkit::vectors("oxtnef");
    assert!(vs.len() >= 3);
    let mut errors = 0;
    for v in vs {
        if v.check_expected_error(|b, o| msox_testkit::hostile::outcome(to_message(b, o))) {
            // Lossless at the attribute layer whatever the lists hold.
            let d = TnefStream::decode_exact(&v.bytes).unwrap();
            assert_eq!(d.to_vec().unwrap(), v.bytes, "{}", v.name);
            errors += 1;
            continue;
        }
        let d = TnefStream::decode_exact(&v.bytes).unwrap();
        assert_eq!(d.to_vec().unwrap(), v.bytes, "{}", v.name);
        let m = to_message(&v.bytes, &Options::strict()).unwrap();
        assert!(m.defects.is_empty());
        let m = m.value;
        let want: Vec<&str> = v.meta("expect").split('|').collect();
        assert_eq!(m.subject().as_deref(), Some(want[0]), "{}", v.name);
        assert_eq!(m.recipients.len().to_string(), want[1]);
        assert_eq!(m.attachments[0].file_name().as_deref(), Some(want[2]));
        assert_eq!(m.attachments[0].data(), Some(want[3].as_bytes()));
    }
    assert!(errors >= 1);
}
