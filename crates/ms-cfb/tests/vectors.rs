//! test-vectors/cfb: each file reads to the tree its `expect` line names,
//! and the vector equals the crate's `example_file()`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_cfb::{CompoundFile, EntryKind};
use msox_codec::Limits;

#[test]
fn vectors_read() {
    let vs = msox_testkit::vectors("cfb");
    assert!(!vs.is_empty());
    for v in vs {
        let (cf, defects) = CompoundFile::parse(&v.bytes, &Limits::DEFAULT).unwrap();
        assert!(defects.is_empty(), "{defects:?}");
        let tree = cf.tree().unwrap();
        let st = &tree.children()[0];
        let EntryKind::Stream(d) = &st.children()[0].kind else {
            panic!("no stream")
        };
        let got = format!(
            "{}/{}={}",
            st.name,
            st.children()[0].name,
            String::from_utf8_lossy(d)
        );
        assert_eq!(got, v.meta("expect"), "{}", v.name);
        assert_eq!(v.bytes, ms_cfb::example_file(), "{}", v.name);
    }
}
