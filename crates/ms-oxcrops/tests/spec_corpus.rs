//! The ROP buffers transcribed from the object specifications' section 4
//! examples (`../shared/corpus/rops/spec/*.bin`, with the field values
//! each example states in the `.txt` of the same stem): every stated
//! field matches the decoded value, and the `.bin` re-encodes byte for
//! byte. Skipped with a message when the corpus is absent (fails under CI).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{request_fields, response_fields, stated};
use ms_oxcrops::*;
use msox_codec::{Decode, Encode};

#[test]
fn spec_examples_decode_to_the_stated_fields_and_re_encode() {
    let files = msox_testkit::corpus::files("rops/spec", &[".bin"]);
    if files.is_empty() {
        return;
    }
    let mut checked = 0;
    for e in files {
        let bytes = std::fs::read(&e.path).unwrap();
        let txt = std::fs::read_to_string(e.path.with_extension("txt")).unwrap();
        let rop_line = txt.lines().find_map(|l| l.strip_prefix("rop: ")).unwrap();
        let expected = stated(
            txt.lines()
                .find_map(|l| l.strip_prefix("expected: "))
                .unwrap(),
        );
        let is_request = rop_line.contains(" request");
        let (fields, out) = if is_request {
            let r =
                RopRequest::decode_exact(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
            (request_fields(&r), r.to_vec().unwrap())
        } else {
            let r =
                RopResponse::decode_exact(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
            (response_fields(&r), r.to_vec().unwrap())
        };
        assert_eq!(out, bytes, "{}: re-encoding differs", e.file);
        for (k, v) in &expected {
            let got = fields
                .get(k.as_str())
                .unwrap_or_else(|| panic!("{}: field {k} not looked up", e.file));
            assert_eq!(got, v, "{}: field {k}", e.file);
        }
        checked += 1;
    }
    assert!(checked > 0);
}
