//! Hostile input: the testkit's hostile suite over `oxvcard_import`
//! ([`vcf_to_messages`]), and generated floods: thousands of properties,
//! a huge PHOTO, deep nesting.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxvcard::vcf_to_messages;
use msox_codec::{Limits, Options};
use msox_testkit::hostile::{Suite, outcome, samples};

#[test]
fn oxvcard_import() {
    let s = samples("oxvcard", |_| true);
    Suite::new("oxvcard_import").run(&s, |b, o| outcome(vcf_to_messages(b, o)));
}

#[test]
fn floods_and_nesting_are_refused_at_the_limits() {
    let mut s = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\n");
    for i in 0..200_000 {
        s.push_str(&format!("TEL;TYPE=HOME:{i}\r\n"));
    }
    s.push_str("END:VCARD\r\n");
    let starved = Limits::DEFAULT.with_max_items(1000);
    assert!(
        vcf_to_messages(s.as_bytes(), &Options::lenient().with_limits(starved))
            .unwrap_err()
            .is_limit()
    );
    // within the default limits: read, every extra number reported
    let read = vcf_to_messages(s.as_bytes(), &Options::lenient()).unwrap();
    // (kept up to MAX_DEFECTS, the rest counted in one closing defect)
    assert_eq!(read.defects.len(), msox_codec::MAX_DEFECTS + 1);
    let last = read.defects.last().unwrap().to_string();
    assert!(last.contains(&(200_000 - 2).to_string()), "{last}");

    let mut p = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:");
    p.push_str(&"QUFB".repeat(4 << 20));
    p.push_str("\r\nEND:VCARD\r\n");
    let small = Limits::DEFAULT.with_max_alloc(1 << 20);
    assert!(
        vcf_to_messages(p.as_bytes(), &Options::lenient().with_limits(small))
            .unwrap_err()
            .is_limit()
    );

    let deep = "BEGIN:VCARD\r\n".repeat(10_000);
    assert!(
        vcf_to_messages(deep.as_bytes(), &Options::lenient())
            .unwrap_err()
            .is_limit()
    );
}
