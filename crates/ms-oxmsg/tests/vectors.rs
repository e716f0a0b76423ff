//! test-vectors/oxmsg: read, check, write, read again.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Options};

#[test]
fn vectors_read_and_round_trip() {
    let vs = msox_testkit::vectors("oxmsg");
    assert!(!vs.is_empty());
    for v in vs {
        if v.check_expected_error(|b, o| {
            msox_testkit::hostile::outcome(MsgFile::decode_bytes(b, o))
        }) {
            continue;
        }
        let d = MsgFile::decode_bytes(&v.bytes, &Options::strict()).unwrap();
        assert!(d.defects.is_empty());
        let f = d.value;
        let want: Vec<&str> = v.meta("expect").split('|').collect();
        let m = &f.message;
        assert_eq!(m.subject().as_deref(), Some(want[0]), "{}", v.name);
        assert_eq!(m.recipients[0].display_name().as_deref(), Some(want[1]));
        assert_eq!(m.attachments[0].data(), Some(want[2].as_bytes()));
        let named: Vec<_> = m.properties.names().collect();
        assert_eq!(named.len(), 1);
        // Written back: the same model (a file with Unicode strings is
        // written with all its strings in Unicode, the same text).
        let again = MsgFile::decode_exact(&f.to_bytes().unwrap()).unwrap();
        let mut want = f.message.clone();
        ms_oxmsg::strings_to_unicode(&mut want);
        assert_eq!(again.message, want);
        // And written again: the same bytes.
        assert_eq!(again.to_bytes().unwrap(), f.to_bytes().unwrap());
    }
}
