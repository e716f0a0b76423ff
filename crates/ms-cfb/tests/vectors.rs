//! test-vectors/cfb: each file reads to the tree its `expect` line names
//! (and the example vector equals the crate's `example_file()`); error
//! vectors give the error their `.err` file states.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_cfb::read_file;
use msox_codec::Options;

#[test]
fn vectors_read() {
    let vs = msox_testkit::vectors("cfb");
    assert!(!vs.is_empty());
    let mut errors = 0;
    for v in vs {
        if v.check_expected_error(|b, o| msox_testkit::hostile::outcome(read_file(b, o))) {
            errors += 1;
            continue;
        }
        let d = read_file(&v.bytes, &Options::strict()).unwrap();
        let cf = &d.value.file;
        let st = cf.children(0)[0];
        let s = cf.children(st)[0];
        let (_, data) = d.value.streams.iter().find(|(id, _)| *id == s).unwrap();
        let got = format!(
            "{}/{}={}",
            cf.entry(st).unwrap().name,
            cf.entry(s).unwrap().name,
            String::from_utf8_lossy(data)
        );
        assert_eq!(got, v.meta("expect"), "{}", v.name);
        if v.name == "example-layout" {
            assert_eq!(v.bytes, ms_cfb::example_file(), "{}", v.name);
        }
    }
    assert!(errors >= 1);
}
