//! `test-vectors/oxcmsg/*.hex`: message properties as a property list on
//! the wire ([MS-OXCDATA] 2.1.1 AddressEntry: PropertyCount and
//! TaggedPropertyValues, ROP context) read into the [`Message`] model; its
//! accessors give the values the vector names, and the bag written back as
//! a list gives the same bytes.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // test code

use ms_oxcdata::{AddressEntry, TaggedValue, ValueContext};
use ms_oxcmsg::{Message, PropId, Property, PropertyBag};
use msox_codec::Reader;
use msox_testkit::vectors;

#[test]
fn property_lists_read_into_the_model() {
    let vs = vectors("oxcmsg");
    assert!(!vs.is_empty());
    let ctx = ValueContext::ROP;
    for v in &vs {
        assert_eq!(v.meta("type"), "PropertyList", "{}", v.name);
        let mut r = Reader::new(&v.bytes);
        let list = AddressEntry::read(&mut r, &ctx).unwrap();
        assert!(r.is_empty(), "{}: bytes left", v.name);
        let bag: PropertyBag = list
            .0
            .iter()
            .map(|t| Property::new(t.tag, t.value.clone()))
            .collect();
        let m = Message {
            properties: bag,
            ..Message::default()
        };
        assert_eq!(m.message_class().as_deref(), Some(v.meta("message-class")));
        assert_eq!(m.subject().as_deref(), Some(v.meta("subject")));
        assert_eq!(m.body().as_deref(), Some(v.meta("body")));
        assert_eq!(
            m.importance().map(|i| i.to_string()).as_deref(),
            Some(v.meta("importance"))
        );
        assert_eq!(
            m.message_flags().map(|f| f.to_string()).as_deref(),
            Some(v.meta("message-flags"))
        );
        // Back to a list, in bag order: the same bytes.
        let back = AddressEntry(
            m.properties
                .iter()
                .map(|p| match p.id {
                    PropId::Tag(_) => TaggedValue {
                        tag: p.tag().unwrap(),
                        value: p.value.clone(),
                    },
                    PropId::Named(_) => panic!("{}: a named property", v.name),
                })
                .collect(),
        );
        let mut out = Vec::new();
        back.write(&ctx, &mut out).unwrap();
        assert_eq!(out, v.bytes, "{}", v.name);
        assert_eq!(back.wire_len(&ctx), v.bytes.len());
    }
}
