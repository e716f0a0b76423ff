//! The writer's shape ([MS-OXTNEF] 2.1.3, 2.3): attachment data once,
//! rendering data as Outlook writes it, OLE objects and embedded messages
//! as PtypObject with their interface IDs, and the message-level legacy
//! attributes (attFrom, attBody, attMessageID, attMessageStatus, ...)
//! written on request and read back into the model.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message, Storage, StorageEntry};
use ms_oxprops::tags;
use ms_oxtnef::props::{IID_IMESSAGE, IID_ISTORAGE, PropertyList};
use ms_oxtnef::{
    AttributeId, AttributeLevel, TnefStream, WriteOptions, message_to_bytes, to_message,
};
use msox_codec::{CodePage, Decode, DecodeWith, Options, String8};

fn ids(s: &TnefStream<'_>) -> Vec<(AttributeLevel, AttributeId)> {
    s.attributes.iter().map(|a| (a.level, a.id)).collect()
}

fn s8(t: &str) -> PropertyValue {
    PropertyValue::String8(String8::encode_str(t, CodePage(1252)).unwrap())
}

#[test]
fn by_value_data_is_written_once_as_att_attach_data() {
    let mut m = Message::new("IPM.Note");
    let mut a = Attachment::by_value("a.bin", vec![9; 1000]);
    a.properties.set(
        tags::PidTagAttachRendering,
        PropertyValue::Binary(vec![5; 300]),
    );
    a.properties
        .set(tags::PidTagRenderingPosition, PropertyValue::Integer32(42));
    m.attachments.push(a);
    let out = message_to_bytes(&m, &WriteOptions::default()).unwrap();
    // 1000 data bytes and 300 rendering bytes once, and little else.
    assert!(out.len() < 1000 + 300 + 400, "{}", out.len());
    let s = TnefStream::decode_exact(&out).unwrap();
    use AttributeId as A;
    const L1: AttributeLevel = AttributeLevel::Message;
    const L2: AttributeLevel = AttributeLevel::Attachment;
    assert_eq!(
        ids(&s),
        [
            (L1, A::TnefVersion),
            (L1, A::OemCodepage),
            (L1, A::MessageClass),
            (L1, A::MapiProps),
            (L2, A::AttachRendData),
            (L2, A::AttachData),
            (L2, A::AttachTitle),
            (L2, A::AttachMetaFile),
            (L2, A::Attachment),
        ]
    );
    // attAttachRendData: a file, at position 42, 32x32, no flags.
    let rend = &s.attributes[4].data;
    assert_eq!(
        &rend[..],
        &[1, 0, 42, 0, 0, 0, 0x20, 0, 0x20, 0, 0, 0, 0, 0]
    );
    // attAttachment holds neither the data nor the rendering.
    let list = PropertyList::decode_with_bytes(&s.attributes[8].data, CodePage(1252));
    assert!(
        list.properties
            .iter()
            .all(|p| p.tag.id != 0x3701 && p.tag.id != 0x3709)
    );
    // The model reads back whole.
    let back = to_message(&out, &Options::strict()).unwrap().value;
    assert_eq!(back.attachments[0].data(), Some(&[9u8; 1000][..]));
    assert_eq!(
        back.attachments[0]
            .properties
            .get(tags::PidTagAttachRendering),
        Some(&PropertyValue::Binary(vec![5; 300]))
    );
}

/// A helper: a property list decoded from attribute data.
trait DecodeList {
    fn decode_with_bytes(b: &[u8], cp: CodePage) -> PropertyList;
}

impl DecodeList for PropertyList {
    fn decode_with_bytes(b: &[u8], cp: CodePage) -> PropertyList {
        msox_codec::decode_bytes_with_reader(b, &Options::strict(), |r| {
            PropertyList::decode_with(r, cp)
        })
        .unwrap()
        .value
    }
}

#[test]
fn ole_storages_and_embedded_messages_are_objects() {
    let mut m = Message::new("IPM.Note");
    let mut ole = Attachment::default();
    ole.properties
        .set(tags::PidTagAttachMethod, PropertyValue::Integer32(6));
    ole.storage = Some(Storage {
        clsid: ms_dtyp::Guid::from_u128(0x0003_000C_0000_0000_C000_0000_0000_0046),
        entries: vec![StorageEntry::Stream {
            name: "\u{1}Ole10Native".into(),
            data: vec![1; 64],
        }],
    });
    m.attachments.push(ole);
    let mut inner = Message::new("IPM.Note");
    inner.set_subject("inner");
    m.attachments.push(Attachment::embedded("inner", inner));
    let out = message_to_bytes(&m, &WriteOptions::default()).unwrap();
    let s = TnefStream::decode_exact(&out).unwrap();
    let rend: Vec<&[u8]> = s
        .attributes
        .iter()
        .filter(|a| a.id == AttributeId::AttachRendData)
        .map(|a| &a.data[..])
        .collect();
    // OLE: type 2, 0xFFFF x 0xFFFF; the embedded message: type 1.
    assert_eq!(&rend[0][..2], &[2, 0]);
    assert_eq!(&rend[0][6..10], &[0xFF; 4]);
    assert_eq!(&rend[1][..2], &[1, 0]);
    let objects: Vec<Vec<u8>> = s
        .attributes
        .iter()
        .filter(|a| a.id == AttributeId::Attachment)
        .map(|a| {
            let l = PropertyList::decode_with_bytes(&a.data, CodePage(1252));
            match &l
                .properties
                .iter()
                .find(|p| p.tag == PropertyTag::new(0x3701, PropertyType::Object))
                .unwrap()
                .value
            {
                PropertyValue::Object(o) => o[..16].to_vec(),
                v => panic!("{v:?}"),
            }
        })
        .collect();
    assert_eq!(
        objects,
        [
            IID_ISTORAGE.to_le_bytes().to_vec(),
            IID_IMESSAGE.to_le_bytes().to_vec()
        ]
    );
    let back = to_message(&out, &Options::strict()).unwrap().value;
    assert_eq!(
        back.attachments[1]
            .embedded
            .as_ref()
            .unwrap()
            .subject()
            .as_deref(),
        Some("inner")
    );
}

#[test]
fn message_attributes_are_written_on_request_and_read_back() {
    let mut m = Message::default();
    m.properties.set(tags::PidTagMessageClass, s8("IPM.Note"));
    m.properties.set(tags::PidTagSubject, s8("Hello"));
    m.properties.set(tags::PidTagBody, s8("Body text"));
    m.properties.set(tags::PidTagSenderName, s8("Ann Example"));
    m.properties.set(tags::PidTagSenderAddressType, s8("SMTP"));
    m.properties
        .set(tags::PidTagSenderEmailAddress, s8("ann@example.com"));
    m.properties.set(
        tags::PidTagSearchKey,
        PropertyValue::Binary(vec![0xAB, 0x01, 0xFF]),
    );
    // mfRead | mfHasAttach (and not mfUnmodified: modified).
    m.properties
        .set(tags::PidTagMessageFlags, PropertyValue::Integer32(0x11));
    let opts = WriteOptions {
        message_attributes: true,
        ..Default::default()
    };
    let out = message_to_bytes(&m, &opts).unwrap();
    let s = TnefStream::decode_exact(&out).unwrap();
    let find = |id| s.message_attribute(id).map(|a| a.data.to_vec());
    assert_eq!(find(AttributeId::MessageId).unwrap(), b"AB01FF\0");
    // fmsRead | fmsHasAttach | fmsModified.
    assert_eq!(
        find(AttributeId::MessageStatus).unwrap(),
        [0x20 | 0x80 | 0x01]
    );
    assert_eq!(find(AttributeId::Body).unwrap(), b"Body text\0");
    let from = find(AttributeId::From).unwrap();
    assert!(from.windows(20).any(|w| w == b"SMTP:ann@example.com"));
    // attBody carries the 8-bit body once: not again in attMAPIProps.
    let props = s.message_attribute(AttributeId::MapiProps).unwrap();
    let l = PropertyList::decode_with_bytes(&props.data, CodePage(1252));
    assert!(l.properties.iter().all(|p| p.tag.id != 0x1000));
    // Read back: the same properties.
    let back = to_message(&out, &Options::strict()).unwrap().value;
    for t in [
        tags::PidTagSubject,
        tags::PidTagBody,
        tags::PidTagSenderName,
        tags::PidTagSenderEmailAddress,
        tags::PidTagSearchKey,
        tags::PidTagMessageFlags,
    ] {
        assert_eq!(back.properties.get(t), m.properties.get(t), "{t:?}");
    }
    // Only legacy attributes: the same values from them alone.
    let mut legacy = TnefStream::decode_exact(&out).unwrap();
    legacy.attributes.retain(|a| a.id != AttributeId::MapiProps);
    let only = msox_codec::Encode::to_vec(&legacy).unwrap();
    let back = to_message(&only, &Options::strict()).unwrap().value;
    assert_eq!(
        back.properties.get(tags::PidTagMessageFlags),
        Some(&PropertyValue::Integer32(0x11))
    );
    assert_eq!(back.sender_email().as_deref(), Some("ann@example.com"));
    assert_eq!(back.body().as_deref(), Some("Body text"));
}
