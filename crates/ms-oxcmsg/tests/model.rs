//! The model's behaviour: bags, named properties, the named-property map.
#![allow(clippy::unwrap_used)]

use ms_dtyp::Guid;
use ms_oxcdata::{PropertyName, PropertyType, PropertyValue};
use ms_oxcmsg::{
    AttachMethod, Attachment, Message, NamedPropertyMap, PropId, Property, PropertyBag, Recipient,
    RecipientType,
};
use ms_oxprops::{named, sets, tags};
use msox_codec::{CodePage, String8, Utf16String};

#[test]
fn string_tags_match_either_width() {
    let mut bag = PropertyBag::new();
    bag.push(Property::new(
        PropId::Tag(0x0037),
        PropertyValue::String8(String8::new(b"hi".to_vec(), CodePage(1252))),
    ));
    assert_eq!(bag.get_str(tags::PidTagSubject).as_deref(), Some("hi"));
    // A binary tag on the same ID does not match a string value.
    assert!(
        bag.get(tags::PidTagSubject.with_type(PropertyType::Binary))
            .is_none()
    );
}

#[test]
fn insert_replaces_in_place_push_keeps_both() {
    let mut bag = PropertyBag::new();
    bag.set_str(tags::PidTagSubject, "a");
    bag.set_str(tags::PidTagBody, "b");
    bag.set_str(tags::PidTagSubject, "c");
    assert_eq!(bag.len(), 2);
    assert_eq!(bag.iter().next().unwrap().value.as_text().unwrap(), "c");
    bag.push(Property::new(PropId::Tag(0x0037), PropertyValue::Null));
    assert_eq!(bag.len(), 3);
    assert!(bag.remove(&PropId::Tag(0x1000)).is_some());
    assert_eq!(bag.len(), 2);
}

#[test]
fn named_properties_compare_by_name_not_by_mapped_id() {
    let mut bag = PropertyBag::new();
    let mut p = Property::new(
        PropertyName::name(sets::PS_PUBLIC_STRINGS, "keywords"),
        PropertyValue::MultipleString(vec![Utf16String::new("x")]),
    );
    p.mapped_id = Some(0x8012);
    bag.push(p);
    // Names compare case-insensitively, as MAPI compares them.
    assert!(bag.get_named(&named::PidNameKeywords).is_some());
    assert_eq!(
        bag.iter().next().unwrap().tag().unwrap().to_u32(),
        0x8012_101F
    );
    bag.set_named(&named::PidLidAppointmentStartWhole, PropertyValue::Null);
    assert_eq!(bag.names().count(), 2);
}

#[test]
fn named_map_assigns_and_keeps_file_mappings() {
    let mut map = NamedPropertyMap::new();
    let a = PropertyName::lid(sets::PSETID_Common, 0x8503);
    let b = PropertyName::name(Guid::from_u128(1), "x");
    assert!(map.insert(0x8001, a.clone()));
    assert!(!map.insert(0x8001, b.clone()));
    assert_eq!(map.assign(&a), Some(0x8001));
    assert_eq!(map.assign(&b), Some(0x8000));
    assert_eq!(map.name(0x8000), Some(&b));
    assert_eq!(
        map.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        [0x8001, 0x8000]
    );
    // The range runs out cleanly.
    let mut full = NamedPropertyMap::new();
    for i in 0..0x7FFFu32 {
        assert!(full.assign(&PropertyName::lid(Guid::NIL, i)).is_some());
    }
    assert_eq!(
        full.assign(&PropertyName::lid(Guid::NIL, 0xFFFF_FFFF)),
        None
    );
}

#[test]
fn accessors() {
    let mut m = Message::new("IPM.Note");
    m.set_subject("s");
    m.set_html_body(b"<p>x</p>".to_vec());
    m.properties
        .set(tags::PidTagMessageFlags, PropertyValue::Integer32(1));
    m.recipients
        .push(Recipient::new("A", "a@example.com", RecipientType::Cc));
    let mut inner = Message::new("IPM.Note");
    inner
        .attachments
        .push(Attachment::embedded("deeper", Message::new("IPM.Note")));
    m.attachments.push(Attachment::embedded("inner", inner));
    assert_eq!(m.html_body().unwrap(), b"<p>x</p>");
    assert_eq!(m.message_flags(), Some(1));
    assert_eq!(m.recipients[0].recipient_type(), Some(RecipientType::Cc));
    assert_eq!(m.recipients[0].email().as_deref(), Some("a@example.com"));
    assert_eq!(
        m.attachments[0].method(),
        Some(AttachMethod::EmbeddedMessage)
    );
    assert_eq!(m.embedded_messages().len(), 2);
}

/// 200,000 distinct named properties (the property-flood attack): the bag
/// indexes IDs, so inserting and finding each is O(1), not a scan.
#[test]
fn a_flood_of_distinct_named_properties_is_indexed() {
    use ms_oxcdata::{NameId, PropertyName, PropertyValue};
    use ms_oxcmsg::{PropId, Property, PropertyBag};
    let guid = ms_dtyp::Guid::from_u128(0x00020329_0000_0000_C000_000000000046);
    let mut bag = PropertyBag::new();
    let n = 200_000u32;
    for i in 0..n {
        let name = PropertyName {
            guid,
            id: NameId::Lid(i),
        };
        bag.insert(Property::new(
            PropId::Named(name),
            PropertyValue::Integer32(i as i32),
        ));
    }
    assert_eq!(bag.len(), n as usize);
    let probe = PropId::Named(PropertyName {
        guid,
        id: NameId::Lid(n - 1),
    });
    assert_eq!(
        bag.get_id(&probe),
        Some(&PropertyValue::Integer32((n - 1) as i32))
    );
    // replacing keeps the position
    bag.insert(Property::new(probe.clone(), PropertyValue::Integer32(-1)));
    assert_eq!(bag.len(), n as usize);
    assert_eq!(
        bag.iter().last().map(|p| &p.value),
        Some(&PropertyValue::Integer32(-1))
    );
}

/// The name index (hashes checked against the bag): a repeated name finds
/// its first property, removing it finds the repeat, a lookup of a name
/// not there finds nothing, truncating forgets what went, over a bag of
/// many names (LIDs and strings) and tags.
#[test]
fn named_index_finds_first_positions() {
    let mut bag = PropertyBag::new();
    let lid = |i: u32| PropertyName::lid(sets::PS_PUBLIC_STRINGS, 0x8000 + i);
    let name = |i: u32| PropertyName::name(Guid::from_u128(7), format!("n{i}").as_str());
    for i in 0..5000 {
        bag.push(Property::new(
            PropId::Named(lid(i)),
            PropertyValue::Integer32(i as i32),
        ));
        bag.push(Property::new(
            PropId::Named(name(i)),
            PropertyValue::Integer32(-(i as i32)),
        ));
        bag.push(Property::new(
            PropId::Tag(0x1000 + (i % 100) as u16),
            PropertyValue::Integer32(0),
        ));
    }
    // repeats: the first stays the one found
    bag.push(Property::new(
        PropId::Named(lid(17)),
        PropertyValue::Integer32(999),
    ));
    let get = |bag: &PropertyBag, id: PropertyName| bag.get_id(&PropId::Named(id)).cloned();
    for i in (0..5000).step_by(97) {
        assert_eq!(get(&bag, lid(i)), Some(PropertyValue::Integer32(i as i32)));
        assert_eq!(
            get(&bag, name(i)),
            Some(PropertyValue::Integer32(-(i as i32)))
        );
    }
    assert_eq!(get(&bag, lid(9999)), None);
    assert_eq!(
        get(&bag, PropertyName::name(Guid::from_u128(8), "n1")),
        None
    );
    bag.remove(&PropId::Named(lid(17)));
    assert_eq!(get(&bag, lid(17)), Some(PropertyValue::Integer32(999)));
    let n = bag.len();
    bag.truncate(3);
    assert_eq!(bag.len(), 3);
    assert_eq!(get(&bag, lid(0)), Some(PropertyValue::Integer32(0)));
    assert_eq!(get(&bag, lid(1)), None);
    assert!(n > 3);
}
