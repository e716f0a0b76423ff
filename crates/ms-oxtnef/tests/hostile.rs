//! Hostile input: truncation, mutation, huge counts, deep nesting.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message};
use ms_oxtnef::{DecodeOptions, TnefStream, WriteOptions, message_to_bytes, props, to_message};
use msox_codec::{CodePage, ErrorKind, Limits};

fn sample() -> Vec<u8> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("hostile");
    m.set_body("body");
    m.properties.set_named(
        &ms_oxprops::named::PidNameKeywords,
        PropertyValue::MultipleString(vec!["a".into(), "bc".into()]),
    );
    m.properties.set(
        PropertyTag::new(0x0E07, PropertyType::Integer32),
        PropertyValue::Integer32(1),
    );
    m.recipients.push(ms_oxcmsg::Recipient::new(
        "A",
        "a@example.com",
        ms_oxcmsg::RecipientType::To,
    ));
    let mut inner = Message::new("IPM.Note");
    inner.set_subject("inner");
    m.attachments
        .push(Attachment::by_value("a.txt", b"data".to_vec()));
    m.attachments.push(Attachment::embedded("inner", inner));
    message_to_bytes(&m, &WriteOptions::default()).unwrap()
}

fn strict() -> DecodeOptions {
    DecodeOptions {
        strict: true,
        ..DecodeOptions::default()
    }
}

/// A TNEF stream cut at an attribute boundary is a valid shorter stream;
/// cut anywhere else, strict decoding fails.
#[test]
fn strict_truncation_inside_an_attribute_is_an_error() {
    let b = sample();
    let d = TnefStream::decode(&b).unwrap();
    let mut boundaries = vec![6usize];
    for a in &d.stream.attributes {
        boundaries.push(boundaries.last().unwrap() + a.encoded_len());
    }
    for n in 0..b.len() {
        let r = TnefStream::decode_with(&b[..n], &strict());
        if boundaries.contains(&n) {
            assert!(r.is_ok(), "cut at boundary {n}");
        } else {
            assert!(r.is_err(), "cut at {n} decoded");
        }
    }
}

#[test]
fn lenient_truncation_never_panics_and_keeps_the_bytes() {
    let b = sample();
    msox_testkit::assert_truncations_never_panic(&b, "to_message", |p| {
        to_message(p, &DecodeOptions::default())
    });
    for n in 6..b.len() {
        let d = TnefStream::decode(&b[..n]).unwrap();
        assert_eq!(
            msox_codec::Encode::to_vec(&d.stream).unwrap(),
            &b[..n],
            "lossless at {n}"
        );
    }
}

#[test]
fn mutations_never_panic() {
    let b = sample();
    msox_testkit::assert_no_panic_on_mutations(&b, "to_message", 20_000, |p| {
        to_message(p, &DecodeOptions::default())
    });
}

#[test]
fn bad_signature_is_an_error_with_offset_0() {
    let e = TnefStream::decode(b"\x78\x9f\x3e\x23\x00\x00").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    assert_eq!(e.offset(), Some(0));
}

#[test]
fn huge_property_count_is_refused_before_allocating() {
    let data = [0xFF, 0xFF, 0xFF, 0x7F, 3, 0, 1, 0, 0, 0, 0, 0];
    let e = props::decode_property_list(&data, CodePage(1252), &Limits::DEFAULT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // A huge value count inside a multi-valued property, too.
    let mut data = vec![1, 0, 0, 0];
    data.extend_from_slice(&[0x03, 0x10, 0x00, 0x7F]); // PtypMultipleInteger32, ID 0x7F00
    data.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = props::decode_property_list(&data, CodePage(1252), &Limits::DEFAULT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e.offset(), Some(12), "{e}"); // just after the count at byte 8
}

#[test]
fn deep_embedding_hits_the_depth_limit() {
    let mut m = Message::new("IPM.Note");
    for _ in 0..40 {
        let mut outer = Message::new("IPM.Note");
        outer.attachments.push(Attachment::embedded("x", m));
        m = outer;
    }
    let b = message_to_bytes(&m, &WriteOptions::default()).unwrap();
    let opts = DecodeOptions {
        limits: Limits {
            max_depth: 10,
            ..Limits::DEFAULT
        },
        ..DecodeOptions::default()
    };
    let e = to_message(&b, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // Within the limit it reads all 40 levels.
    let (back, _) = to_message(&b, &DecodeOptions::default()).unwrap();
    assert_eq!(back.embedded_messages().len(), 40);
}

#[test]
fn bad_checksum_is_a_defect_or_a_strict_error() {
    let mut b = sample();
    let last = b.len() - 1;
    b[last] ^= 0xFF;
    let d = TnefStream::decode(&b).unwrap();
    assert!(
        matches!(d.defects[..], [ms_oxtnef::Defect::BadChecksum { .. }]),
        "{:?}",
        d.defects
    );
    assert_eq!(msox_codec::Encode::to_vec(&d.stream).unwrap(), b);
    let e = TnefStream::decode_with(&b, &strict()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::ChecksumMismatch { .. }),
        "{e}"
    );
    assert_eq!(e.offset(), Some(last - 1));
}
