//! Hostile input: the uniform hostile suite over every entry point,
//! truncation, huge counts, deep nesting, damaged checksums, attribute IDs
//! without their type word.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message};
use ms_oxtnef::props::{PropertyList, RecipientTable};
use ms_oxtnef::{AttributeId, TnefOptions, TnefStream, WriteOptions, message_to_bytes, to_message};
use msox_codec::{CodePage, Decode, DecodeWith, Encode, ErrorKind, Limits, Options};
use msox_testkit::hostile::{Suite, outcome};

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
        .push(Attachment::by_value("a.txt", Vec::from(&b"data"[..])));
    m.attachments.push(Attachment::embedded("inner", inner));
    message_to_bytes(&m, &WriteOptions::default()).unwrap()
}

fn samples() -> Vec<Vec<u8>> {
    let mut s = msox_testkit::hostile::samples("oxtnef", |_| true);
    s.push(sample());
    s
}

/// The payloads of every property-list attribute of the samples.
fn list_samples(id: AttributeId) -> Vec<Vec<u8>> {
    samples()
        .iter()
        .filter_map(|b| TnefStream::decode_bytes(b, &Options::lenient()).ok())
        .flat_map(|d| {
            d.value
                .attributes
                .into_iter()
                .filter(|a| a.id == id)
                .map(|a| a.data.into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn hostile_suite_oxtnef_stream() {
    // A stream cut at an attribute boundary is a valid shorter stream.
    Suite::new("oxtnef_stream")
        .prefixes_may_decode()
        .run(&samples(), |b, o| {
            let d = TnefStream::decode_bytes(b, o);
            if let Ok(d) = &d {
                assert_eq!(d.value.to_vec().unwrap(), b, "not lossless");
            }
            outcome(d)
        });
}

#[test]
fn hostile_suite_oxtnef_props() {
    let mut lists = list_samples(AttributeId::MapiProps);
    lists.extend(list_samples(AttributeId::Attachment));
    assert!(lists.len() >= 4);
    Suite::new("oxtnef_props").run(&lists, |b, o| {
        let d = PropertyList::decode_bytes_with(b, CodePage::WINDOWS_1252, o);
        if let Ok(d) = &d {
            assert_eq!(d.value.to_vec().unwrap(), b, "not lossless");
            assert_eq!(d.value.encoded_len(), b.len());
        }
        outcome(d)
    });
    let tables = list_samples(AttributeId::RecipTable);
    assert!(!tables.is_empty());
    Suite::new("oxtnef_recipient_table").run(&tables, |b, o| {
        let d = RecipientTable::decode_bytes_with(b, CodePage::WINDOWS_1252, o);
        if let Ok(d) = &d {
            assert_eq!(d.value.to_vec().unwrap(), b, "not lossless");
        }
        outcome(d)
    });
}

#[test]
fn hostile_suite_oxtnef_message() {
    Suite::new("oxtnef_message")
        .prefixes_may_decode()
        .run(&samples(), |b, o| outcome(to_message(b, o)));
}

/// Extraction (attachments as files): the same hostile input, no panic,
/// errors and defects as the model's.
#[test]
fn hostile_suite_oxtnef_extract() {
    Suite::new("oxtnef_extract")
        .prefixes_may_decode()
        .run(&samples(), |b, o| {
            outcome(ms_oxtnef::extract(
                b,
                o,
                &ms_oxtnef::ExtractOptions::default(),
            ))
        });
}

/// A TNEF stream cut at an attribute boundary is a valid shorter stream;
/// cut anywhere else, strict decoding fails.
#[test]
fn strict_truncation_inside_an_attribute_is_an_error() {
    let b = sample();
    let d = TnefStream::decode_exact(&b).unwrap();
    let mut boundaries = vec![6usize];
    for a in &d.attributes {
        boundaries.push(boundaries.last().unwrap() + a.encoded_len());
    }
    for n in 0..b.len() {
        let r = TnefStream::decode_exact(&b[..n]);
        if boundaries.contains(&n) {
            assert!(r.is_ok(), "cut at boundary {n}");
        } else {
            assert!(r.is_err(), "cut at {n} decoded");
        }
    }
}

#[test]
fn lenient_truncation_keeps_the_bytes() {
    let b = sample();
    for n in 6..b.len() {
        let d = TnefStream::decode_bytes(&b[..n], &Options::lenient()).unwrap();
        assert_eq!(d.value.to_vec().unwrap(), &b[..n], "lossless at {n}");
    }
}

#[test]
fn bad_signature_is_an_error_with_offset_0() {
    let e = TnefStream::decode_exact(b"\x78\x9f\x3e\x23\x00\x00").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    assert_eq!(e.offset(), Some(0));
    assert_eq!(e.path().to_string(), "TnefStream");
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    let data = [0xFF, 0xFF, 0xFF, 0x7F, 3, 0, 1, 0, 0, 0, 0, 0];
    let e = PropertyList::decode_exact_with(&data, CodePage(1252)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // Lenient: the list is kept as raw bytes, with the defect.
    let d = PropertyList::decode_bytes_with(&data, CodePage(1252), &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(d.value.properties.is_empty());
    assert_eq!(d.value.to_vec().unwrap(), data);
    // A huge value count inside a multi-valued property, too.
    let mut data = vec![1, 0, 0, 0];
    data.extend_from_slice(&[0x03, 0x10, 0x00, 0x7F]); // PtypMultipleInteger32, ID 0x7F00
    data.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = PropertyList::decode_exact_with(&data, CodePage(1252)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e.offset(), Some(12), "{e}"); // just after the count at byte 8
    assert_eq!(e.path().to_string(), "TaggedPropertyValue[0]");
}

/// Each embedded message is one nesting level, read in place.
#[test]
fn deep_embedding_hits_the_depth_limit() {
    let mut m = Message::new("IPM.Note");
    for _ in 0..40 {
        let mut outer = Message::new("IPM.Note");
        outer.attachments.push(Attachment::embedded("x", m));
        m = outer;
    }
    let b = message_to_bytes(&m, &WriteOptions::default()).unwrap();
    let opts = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(10));
    let e = to_message(&b, &opts).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert!(
        e.path()
            .to_string()
            .starts_with("TnefStream > Attachment[0] > attAttachment > TaggedPropertyValue[")
    );
    // Within the limit it reads all 40 levels.
    let back = to_message(&b, &Options::default()).unwrap();
    assert!(back.defects.is_empty());
    assert_eq!(back.value.embedded_messages().len(), 40);
    std::mem::forget(back);
}

/// What the writer writes, the reader reads with the default limits: the
/// writer's deepest nesting reads back; one more level is refused by the
/// writer.
#[test]
fn the_deepest_message_written_reads_back_with_default_limits() {
    let nest = |levels: u32| {
        let mut m = Message::new("IPM.Note");
        for _ in 0..levels {
            let mut outer = Message::new("IPM.Note");
            outer.attachments.push(Attachment::embedded("x", m));
            m = outer;
        }
        m
    };
    let b = message_to_bytes(&nest(ms_oxtnef::MAX_WRITE_DEPTH), &WriteOptions::default()).unwrap();
    let back = to_message(&b, &Options::strict()).unwrap();
    assert_eq!(
        back.value.embedded_messages().len(),
        ms_oxtnef::MAX_WRITE_DEPTH as usize
    );
    assert!(
        message_to_bytes(
            &nest(ms_oxtnef::MAX_WRITE_DEPTH + 1),
            &WriteOptions::default()
        )
        .is_err()
    );
}

/// Embedded streams are windows of the input: an error deep inside has the
/// offset of the byte in the outer file.
#[test]
fn errors_in_embedded_messages_have_file_offsets() {
    // A PtypBoolean of 2, written as the raw TNEF bytes it would be read as.
    let mut inner = Message::new("IPM.Note");
    inner.properties.set(
        PropertyTag::new(0x0E1F, PropertyType::Boolean),
        PropertyValue::Raw {
            prop_type: PropertyType::Boolean,
            bytes: vec![2, 0, 0, 0],
            encoding: ms_oxcdata::ValueEncoding::Tnef,
        },
    );
    let mut m = Message::new("IPM.Note");
    m.attachments.push(Attachment::embedded("x", inner));
    let opts = WriteOptions {
        legacy_attributes: false,
        ..WriteOptions::default()
    };
    let b = message_to_bytes(&m, &opts).unwrap();
    let at = b
        .windows(6)
        .position(|w| w == [0x0B, 0x00, 0x1F, 0x0E, 0x02, 0x00])
        .unwrap()
        + 4;
    let e = to_message(&b, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(at), "{e}");
    assert_eq!(
        e.path().to_string(),
        "TnefStream > Attachment[0] > attAttachment > TaggedPropertyValue[2] > EmbeddedMessage > TnefStream > attMAPIProps > TaggedPropertyValue[1]"
    );
    let d = to_message(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert_eq!(d.defects[0].offset(), Some(at));
    let inner = d.value.attachments[0].embedded.as_ref().unwrap();
    assert!(matches!(
        inner
            .properties
            .get(PropertyTag::new(0x0E1F, PropertyType::Boolean)),
        Some(PropertyValue::Raw { .. })
    ));
}

#[test]
fn bad_checksum_is_a_defect_or_a_strict_error() {
    let mut b = sample();
    let last = b.len() - 1;
    b[last] ^= 0xFF;
    let d = TnefStream::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(
        matches!(d.defects[0].kind(), ErrorKind::ChecksumMismatch { .. }),
        "{:?}",
        d.defects
    );
    assert_eq!(d.defects[0].offset(), Some(last - 1));
    assert_eq!(d.value.to_vec().unwrap(), b);
    let e = TnefStream::decode_exact(&b).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::ChecksumMismatch { .. }),
        "{e}"
    );
    assert_eq!(e.offset(), Some(last - 1));
    assert!(
        e.path().to_string().starts_with("TnefStream > Attribute["),
        "{e}"
    );
    // Not verifying checksums: no defect (strict verifies anyway).
    let quiet = TnefStream::decode_bytes_with(
        &b,
        TnefOptions {
            verify_checksums: false,
        },
        &Options::lenient(),
    )
    .unwrap();
    assert!(quiet.defects.is_empty());
}

/// Attribute IDs seen in the wild without the type word (0x00009002 for
/// attAttachRenddata, 0x0000800F for attAttachData) are matched by their
/// low word: the attachment is read, each such ID is a defect (strict
/// refuses), and the stream is written back as it was.
#[test]
fn attribute_ids_without_their_type_word_yield_the_attachment() {
    use ms_oxtnef::{Attribute, AttributeLevel};
    let mut s = TnefStream::new(1);
    let att = |id: u32, data: &[u8]| {
        Attribute::new(
            AttributeLevel::Attachment,
            AttributeId::from_value(id),
            data.to_vec(),
        )
    };
    s.attributes.push(Attribute::new(
        AttributeLevel::Message,
        AttributeId::TnefVersion,
        Vec::from(0x0001_0000u32.to_le_bytes()),
    ));
    s.attributes.push(att(
        0x0000_9002,
        &[
            1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0,
        ],
    ));
    s.attributes.push(att(0x0001_8010, b"a.txt\0"));
    s.attributes.push(att(0x0000_800F, b"attached bytes"));
    let b = s.to_vec().unwrap();
    assert_eq!(
        AttributeId::from_value(0x0000_9002).without_type_word(),
        Some(AttributeId::AttachRendData)
    );
    // The low word 0x0006 is two known IDs' (attDateStart, attOriginalMessageClass): no match.
    assert_eq!(
        AttributeId::from_value(0x0000_0006).without_type_word(),
        None
    );
    let d = to_message(&b, &Options::lenient()).unwrap();
    assert_eq!(d.value.attachments.len(), 1);
    let a = &d.value.attachments[0];
    assert_eq!(a.data(), Some(&b"attached bytes"[..]));
    assert_eq!(a.file_name().as_deref(), Some("a.txt"));
    assert_eq!(d.defects.len(), 2, "{:?}", d.defects);
    let first = &d.defects[0];
    assert_eq!(first.offset(), Some(6 + 15 + 1));
    let e = to_message(&b, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(6 + 15 + 1));
    // The attribute layer keeps the IDs as read.
    let st = TnefStream::decode_exact(&b).unwrap();
    assert_eq!(st.attributes[1].id.value(), 0x0000_9002);
    assert_eq!(st.to_vec().unwrap(), b);
}

/// A stream of empty attachments (one 11-byte attAttachRendData each)
/// builds attachments that cost far more memory than their bytes: each
/// counts against the allocation limit, so 400,000 of them (4.4 MB) are
/// refused at the default 256 MiB, and a smaller limit stops fewer.
#[test]
fn empty_attachment_flood_is_bounded() {
    let flood = |n: usize| {
        let mut v = Vec::with_capacity(6 + n * 11);
        v.extend_from_slice(&0x223E_9F78u32.to_le_bytes());
        v.extend_from_slice(&1u16.to_le_bytes());
        for _ in 0..n {
            v.push(2);
            v.extend_from_slice(&0x0006_9002u32.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        }
        v
    };
    let e = to_message(&flood(400_000), &Options::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert!(e.to_string().contains("memory for attachments"), "{e}");
    // 1,000 are nothing special.
    let m = to_message(&flood(1000), &Options::default()).unwrap();
    assert_eq!(m.value.attachments.len(), 1000);
    // A tighter limit stops sooner.
    let tight = Options::default().with_limits(Limits::DEFAULT.with_max_alloc(1 << 20));
    assert!(to_message(&flood(5000), &tight).is_err());
}
