//! The acceptance test of the property-list codec on
//! ../shared/corpus/tnef/tnefparse-umlaut.tnef: attMAPIProps' payload is at
//! byte 84 and holds 35 properties; the 22nd (index 21), PidTagRtfInSync,
//! is a PtypBoolean with its tag at byte 668 (the PropertyType word at
//! 668..670, the PropertyId at 670..672) and its value at byte 672.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue, ValueEncoding};
use ms_oxtnef::props::PropertyList;
use ms_oxtnef::{AttributeId, TnefStream, checksum, to_message};
use msox_codec::{CodePage, Decode, DecodeWith, Encode, ErrorKind, Options};

const PAYLOAD: usize = 84;
const TAG: usize = 668;
const VALUE: usize = 672;

fn umlaut() -> Option<Vec<u8>> {
    let dir = msox_testkit::corpus::dir()?;
    Some(std::fs::read(dir.join("tnef/tnefparse-umlaut.tnef")).unwrap())
}

/// The file with `patch` applied inside attMAPIProps and the attribute's
/// checksum fixed.
fn patched(patch: impl FnOnce(&mut [u8])) -> Option<Vec<u8>> {
    let mut b = umlaut()?;
    let len = u32::from_le_bytes(b[PAYLOAD - 4..PAYLOAD].try_into().unwrap()) as usize;
    patch(&mut b);
    let sum = checksum(&b[PAYLOAD..PAYLOAD + len]);
    b[PAYLOAD + len..PAYLOAD + len + 2].copy_from_slice(&sum.to_le_bytes());
    Some(b)
}

#[test]
fn the_file_is_what_the_test_says() {
    let Some(b) = umlaut() else { return };
    let d = TnefStream::decode_exact(&b).unwrap();
    let a = d
        .attributes
        .iter()
        .find(|a| a.id == AttributeId::MapiProps)
        .unwrap();
    assert_eq!(a.data.as_ptr() as usize - b.as_ptr() as usize, PAYLOAD);
    let list = to_message(&b, &Options::strict()).unwrap();
    assert!(list.defects.is_empty());
    let l = PropertyList::decode_exact_with(&a.data, CodePage::WINDOWS_1252).unwrap();
    assert_eq!(l.properties.len(), 35);
    assert_eq!(
        l.properties[21].tag,
        PropertyTag::new(0x0E1F, PropertyType::Boolean)
    );
    assert_eq!(b[TAG..TAG + 4], [0x0B, 0x00, 0x1F, 0x0E]);
    assert_eq!(b[VALUE..VALUE + 2], [1, 0]);
}

/// (a) The property's type becomes 0x1234, a type the spec does not define:
/// TNEF cannot delimit its value. Lenient keeps the 21 properties before it
/// and every other attribute, keeps the rest of the list as raw bytes with
/// one defect at the tag, and writes the file back byte for byte; strict
/// refuses with the same offset and path.
#[test]
fn a_property_of_an_unknown_type_keeps_what_precedes_it_and_the_rest_raw() {
    let Some(b) = patched(|b| b[TAG..TAG + 2].copy_from_slice(&0x1234u16.to_le_bytes())) else {
        return;
    };
    let want_path = "TnefStream > attMAPIProps > TaggedPropertyValue[21]";
    // The model.
    let d = to_message(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    let defect = &d.defects[0];
    assert_eq!(defect.offset(), Some(TAG));
    assert_eq!(defect.path().to_string(), want_path);
    assert!(defect.path().starts_with(&["TnefStream", "attMAPIProps"]));
    assert_eq!(
        defect.kind(),
        &ErrorKind::InvalidValue {
            field: "PropertyType",
            value: 0x1234
        }
    );
    let original = to_message(&umlaut().unwrap(), &Options::strict())
        .unwrap()
        .value;
    // The subject (the file has none: no attSubject, no PidTagSubject) and
    // the conversation topic (property 3) stay as they were; so do the
    // recipients and the three attachments.
    assert_eq!(d.value.subject(), original.subject());
    let topic = PropertyTag::new(0x0070, PropertyType::String8);
    assert!(d.value.properties.get_str(topic).is_some());
    assert_eq!(
        d.value.properties.get(topic),
        original.properties.get(topic)
    );
    assert_eq!(d.value.attachments.len(), 3);
    assert_eq!(d.value.attachments, original.attachments);
    assert_eq!(d.value.recipients, original.recipients);
    // The 21 properties before it are read, the ones after it are not.
    let before: Vec<_> = original.properties.iter().take(21).collect();
    for p in &before {
        assert!(
            d.value.properties.iter().any(|q| q == *p),
            "{:?} lost",
            p.id
        );
    }
    assert!(
        d.value
            .properties
            .get(PropertyTag::new(0x1009, PropertyType::Binary))
            .is_none()
    );
    let e = to_message(&b, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(TAG));
    assert_eq!(e.path().to_string(), want_path);

    // The attribute layer and the property-list layer write it back.
    let s = TnefStream::decode_bytes(&b, &Options::strict()).unwrap();
    assert_eq!(s.value.to_vec().unwrap(), b);
    let a = s
        .value
        .attributes
        .iter()
        .find(|a| a.id == AttributeId::MapiProps)
        .unwrap();
    let l = PropertyList::decode_bytes_with(&a.data, CodePage(1252), &Options::lenient()).unwrap();
    assert_eq!(l.value.properties.len(), 21);
    let unread = l.value.unread.as_ref().unwrap();
    assert_eq!(unread.count, 35);
    assert_eq!(unread.bytes.len(), PAYLOAD + a.data.len() - TAG);
    assert_eq!(l.value.to_vec().unwrap(), &a.data[..]);
    // On its own, the list's offsets count from the list's first byte.
    assert_eq!(l.defects[0].offset(), Some(TAG - PAYLOAD));
}

/// (b) The property's value becomes 2: a PtypBoolean other than 0 or 1.
/// Lenient reads all 35 properties, keeps that value as raw TNEF bytes
/// with one defect at the value; strict refuses there; the file is written
/// back byte for byte.
#[test]
fn a_boolean_of_2_is_one_defect_and_kept_raw() {
    let Some(b) = patched(|b| b[VALUE] = 2) else {
        return;
    };
    let want_path = "TnefStream > attMAPIProps > TaggedPropertyValue[21]";
    let d = to_message(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert_eq!(d.defects[0].offset(), Some(VALUE));
    assert_eq!(d.defects[0].path().to_string(), want_path);
    assert_eq!(
        d.defects[0].kind(),
        &ErrorKind::InvalidValue {
            field: "PtypBoolean",
            value: 2
        }
    );
    let original = to_message(&umlaut().unwrap(), &Options::strict())
        .unwrap()
        .value;
    assert_eq!(d.value.properties.len(), original.properties.len());
    assert_eq!(
        d.value
            .properties
            .get(PropertyTag::new(0x0E1F, PropertyType::Boolean)),
        Some(&PropertyValue::Raw {
            prop_type: PropertyType::Boolean,
            bytes: vec![2, 0, 0, 0],
            encoding: ValueEncoding::Tnef
        })
    );
    let e = to_message(&b, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(VALUE));
    assert_eq!(e.path().to_string(), want_path);

    let s = TnefStream::decode_exact(&b).unwrap();
    assert_eq!(s.to_vec().unwrap(), b);
    let a = s
        .attributes
        .iter()
        .find(|a| a.id == AttributeId::MapiProps)
        .unwrap();
    let l = PropertyList::decode_bytes_with(&a.data, CodePage(1252), &Options::lenient()).unwrap();
    assert_eq!(l.value.properties.len(), 35);
    assert!(l.value.unread.is_none());
    assert_eq!(l.value.to_vec().unwrap(), &a.data[..]);
    // The model written back as TNEF keeps the raw value byte for byte.
    let out = ms_oxtnef::message_to_bytes(&d.value, &ms_oxtnef::WriteOptions::default()).unwrap();
    let again = to_message(&out, &Options::lenient()).unwrap();
    assert_eq!(again.defects.len(), 1);
    assert_eq!(
        again
            .value
            .properties
            .get(PropertyTag::new(0x0E1F, PropertyType::Boolean)),
        d.value
            .properties
            .get(PropertyTag::new(0x0E1F, PropertyType::Boolean))
    );
}

/// The hand-made error vector read leniently: property 0 kept, the rest of
/// the list raw, one defect; the attribute layer writes it back.
#[test]
fn the_unknown_type_vector_reads_leniently() {
    let v = msox_testkit::vector("oxtnef", "error-unknown-property-type");
    let d = to_message(&v.bytes, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(42));
    assert_eq!(d.value.properties.len(), 1);
    assert_eq!(
        d.value
            .properties
            .get(PropertyTag::new(0x0E07, PropertyType::Integer32)),
        Some(&PropertyValue::Integer32(1))
    );
    let s = TnefStream::decode_exact(&v.bytes).unwrap();
    assert_eq!(s.to_vec().unwrap(), v.bytes);
}
