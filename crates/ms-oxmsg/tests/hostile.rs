//! Hostile input: the uniform hostile suite, truncation, deep nesting,
//! budgets, missing property streams, the depth the writer writes.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue, ValueEncoding};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxmsg::{MAX_WRITE_DEPTH, MsgFile};
use msox_codec::{Decode, ErrorKind, Limits, Options};
use msox_testkit::hostile::{Suite, outcome};

fn sample() -> Vec<u8> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("hostile");
    m.set_body("body text");
    m.properties.set_named(
        &ms_oxprops::named::PidNameKeywords,
        PropertyValue::MultipleString(vec!["a".into(), "bc".into()]),
    );
    m.recipients
        .push(Recipient::new("A", "a@example.com", RecipientType::To));
    let mut inner = Message::new("IPM.Note");
    inner.set_subject("inner");
    m.attachments
        .push(Attachment::by_value("a.txt", Vec::from(&b"data"[..])));
    m.attachments.push(Attachment::embedded("inner", inner));
    MsgFile::new(m).to_bytes().unwrap()
}

fn nest(levels: u32) -> Message {
    let mut m = Message::new("IPM.Note");
    for _ in 0..levels {
        let mut outer = Message::new("IPM.Note");
        outer.attachments.push(Attachment::embedded("x", m));
        m = outer;
    }
    m
}

#[test]
fn hostile_suite_oxmsg_file() {
    let mut samples = msox_testkit::hostile::samples("oxmsg", |_| true);
    samples.push(sample());
    if let Some(d) = msox_testkit::corpus::dir() {
        samples.push(std::fs::read(d.join("msg/hughbe-ctabin-with-attachments-2.msg")).unwrap());
    }
    Suite::new("oxmsg_file").run(&samples, |b, o| outcome(MsgFile::decode_bytes(b, o)));
}

/// The library's extraction and conversions of .msg input: the same
/// hostile input, no panic.
#[test]
fn hostile_suite_oxmsg_extract_and_convert() {
    let mut samples = msox_testkit::hostile::samples("oxmsg", |_| true);
    samples.push(sample());
    Suite::new("oxmsg_extract").run(&samples, |b, o| outcome(ms_oxmsg::extract(b, o)));
    Suite::new("oxmsg_to_tnef").run(&samples, |b, o| {
        outcome(ms_oxmsg::msg_to_tnef(b, o, &Default::default()))
    });
}

/// OLE storages carried as compound-file bytes (TNEF's PtypObject with
/// IID_IStorage): the other decoder entry point.
#[test]
fn hostile_suite_oxmsg_storage() {
    let mut samples = msox_testkit::hostile::samples("cfb", |_| true);
    let storage = ms_oxcmsg::Storage {
        clsid: ms_dtyp::Guid::from_u128(0x0002_0D0B_0000_0000_C000_0000_0000_0046),
        entries: vec![
            ms_oxcmsg::StorageEntry::Storage {
                name: "Sub".into(),
                storage: ms_oxcmsg::Storage {
                    clsid: ms_dtyp::Guid::NIL,
                    entries: vec![ms_oxcmsg::StorageEntry::Stream {
                        name: "\u{1}Ole".into(),
                        data: vec![1, 2, 3],
                    }],
                },
            },
            // (in the directory's order: shorter names first)
            ms_oxcmsg::StorageEntry::Stream {
                name: "Contents".into(),
                data: (0..5000u32).map(|i| (i % 251) as u8).collect(),
            },
        ],
    };
    let bytes = ms_oxmsg::storage_to_cfb(&storage).unwrap();
    let back = ms_oxmsg::cfb_to_storage(&bytes, &Options::strict()).unwrap();
    assert!(
        back.value == storage,
        "the storage does not read back as written"
    );
    samples.push(bytes);
    Suite::new("oxmsg_storage").run(&samples, |b, o| outcome(ms_oxmsg::cfb_to_storage(b, o)));
}

#[test]
fn deep_embedding_hits_the_depth_limit() {
    let b = MsgFile::new(nest(20)).to_bytes().unwrap();
    let opts = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(8));
    let e = MsgFile::decode_bytes(&b, &opts).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert!(
        e.path()
            .to_string()
            .starts_with("MsgFile > Message > Attachment[0] > EmbeddedMessage"),
        "{e}"
    );
    let f = MsgFile::decode_bytes(&b, &Options::default()).unwrap();
    assert!(f.defects.is_empty());
    assert_eq!(f.value.message.embedded_messages().len(), 20);
}

/// What the writer writes, the reader reads with the default limits: 32
/// levels of embedded messages (once refused: 65 storages deep), and the
/// writer's deepest; one level more is refused by the writer.
#[test]
fn what_the_writer_writes_reads_back_with_default_limits() {
    for levels in [32, MAX_WRITE_DEPTH] {
        let b = MsgFile::new(nest(levels)).to_bytes().unwrap();
        let f = MsgFile::decode_bytes(&b, &Options::strict()).unwrap();
        assert_eq!(f.value.message.embedded_messages().len(), levels as usize);
        std::mem::forget(f);
    }
    let e = MsgFile::new(nest(MAX_WRITE_DEPTH + 1))
        .to_bytes()
        .unwrap_err();
    assert!(e.is_limit(), "{e}");
    // An OLE storage counts its own levels below the message it is in.
    let mut m = nest(MAX_WRITE_DEPTH - 1);
    let mut inner = &mut m;
    while !inner.attachments.is_empty() {
        inner = inner.attachments[0].embedded.as_mut().unwrap();
    }
    let deep = ms_oxcmsg::Storage {
        clsid: ms_dtyp::Guid::NIL,
        entries: vec![ms_oxcmsg::StorageEntry::Storage {
            name: "s".into(),
            storage: ms_oxcmsg::Storage::default(),
        }],
    };
    let mut a = Attachment::by_value("x", Vec::new());
    a.storage = Some(deep);
    inner.attachments.push(a);
    assert!(MsgFile::new(m).to_bytes().unwrap_err().is_limit());
}

#[test]
fn not_a_compound_file_is_one_clean_error() {
    let e = MsgFile::decode_exact(b"From: someone\r\n\r\nhello").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    assert_eq!(e.offset(), Some(0));
    assert_eq!(e.path().to_string(), "MsgFile > CompoundFile > Header");
    assert!(!ms_oxmsg::is_msg(b"From: someone"));
}

#[test]
fn allocation_caps_apply() {
    let b = sample();
    let opts = Options::lenient().with_limits(Limits::DEFAULT.with_max_items(3));
    let e = MsgFile::decode_bytes(&b, &opts).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // Copies into the model are summed against one budget.
    let small = Options::lenient().with_limits(Limits::DEFAULT.with_max_alloc(600));
    assert!(MsgFile::decode_bytes(&b, &small).is_err());
}

/// A storage without its property stream: an error at the storage's
/// directory entry, with its path (strict, and lenient for the top-level
/// message); a recipient without one is left out leniently.
#[test]
fn a_missing_property_stream_is_an_error_at_the_storage_entry() {
    let mut b = sample();
    let (root_at, root_ps_at, rcp_at, rcp_ps_at) = {
        let d = ms_cfb::read_file(&b, &Options::strict()).unwrap();
        let cf = &d.value.file;
        let ps = cf.child(0, "__properties_version1.0").unwrap();
        let rcp = cf.child(0, "__recip_version1.0_#00000000").unwrap();
        let rps = cf.child(rcp, "__properties_version1.0").unwrap();
        (
            cf.entry_pos(0).unwrap(),
            cf.entry_pos(ps).unwrap(),
            cf.entry_pos(rcp).unwrap(),
            cf.entry_pos(rps).unwrap(),
        )
    };
    // The top level's: an error, lenient too.
    let mut top = b.clone();
    top[root_ps_at..root_ps_at + 2].copy_from_slice(&u16::from(b'X').to_le_bytes());
    let e = MsgFile::decode_bytes(&top, &Options::lenient()).unwrap_err();
    assert_eq!(e.offset(), Some(root_at), "{e}");
    assert_eq!(e.path().to_string(), "MsgFile > Message");
    assert_eq!(e.kind().to_string(), "no __properties_version1.0 stream");
    // A recipient's: left out with a defect (lenient), refused (strict).
    b[rcp_ps_at..rcp_ps_at + 2].copy_from_slice(&u16::from(b'X').to_le_bytes());
    let f = MsgFile::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(f.defects.len(), 1, "{:?}", f.defects);
    assert_eq!(f.defects[0].offset(), Some(rcp_at));
    assert_eq!(
        f.defects[0].path().to_string(),
        "MsgFile > Message > Recipient[0]"
    );
    assert!(f.value.message.recipients.is_empty());
    let e = MsgFile::decode_exact(&b).unwrap_err();
    assert_eq!(e.offset(), Some(rcp_at));
}

/// A PtypBoolean other than 0 or 1 in a property stream: the same policy
/// as every other context (ms-oxcdata's): strict refuses at the value's
/// byte, lenient keeps the byte as a raw .msg value with one defect, and
/// the model writes it back.
#[test]
fn a_boolean_of_2_is_one_defect_and_kept_raw() {
    let tag = PropertyTag::new(0x0E1F, PropertyType::Boolean);
    let mut m = Message::new("IPM.Note");
    m.properties.set(
        tag,
        PropertyValue::Raw {
            prop_type: PropertyType::Boolean,
            bytes: vec![2],
            encoding: ValueEncoding::Msg,
        },
    );
    let b = MsgFile::new(m).to_bytes().unwrap();
    let d = ms_cfb::read_file(&b, &Options::strict()).unwrap();
    let cf = &d.value.file;
    let ps = cf.child(0, "__properties_version1.0").unwrap();
    let stream = &d.value.streams.iter().find(|(id, _)| *id == ps).unwrap().1;
    let k = stream[32..]
        .chunks(16)
        .position(|e| e[..4] == 0x0E1F_000Bu32.to_le_bytes())
        .unwrap();
    let at = cf.stream_pos(ps, 32 + 16 * k + 8).unwrap();
    assert_eq!(b[at], 2);
    let e = MsgFile::decode_exact(&b).unwrap_err();
    assert_eq!(e.offset(), Some(at), "{e}");
    assert_eq!(
        e.path().to_string(),
        format!("MsgFile > Message > PropertyStream > Property[{k}]")
    );
    assert_eq!(
        e.kind(),
        &ErrorKind::InvalidValue {
            field: "PtypBoolean",
            value: 2
        }
    );
    let f = MsgFile::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(f.defects.len(), 1);
    assert_eq!(f.defects[0].offset(), Some(at));
    let v = f.value.message.properties.get(tag).unwrap().clone();
    assert_eq!(
        v,
        PropertyValue::Raw {
            prop_type: PropertyType::Boolean,
            bytes: vec![2],
            encoding: ValueEncoding::Msg
        }
    );
    // Written back as read; left out by the TNEF writer (TNEF cannot
    // carry bytes of another format's encoding).
    let again = MsgFile::decode_bytes(&f.value.to_bytes().unwrap(), &Options::lenient()).unwrap();
    assert_eq!(again.value.message.properties.get(tag), Some(&v));
    let tnef = ms_oxtnef::message_to_bytes(&f.value.message, &Default::default()).unwrap();
    let t = ms_oxtnef::to_message(&tnef, &Options::strict()).unwrap();
    assert!(t.value.properties.get(tag).is_none());
}

/// Embedded messages are storages of the same file: an error inside one has
/// its file offset, whatever the nesting.
#[test]
fn errors_in_embedded_messages_have_file_offsets() {
    let tag = PropertyTag::new(0x0E1F, PropertyType::Boolean);
    let mut inner = Message::new("IPM.Note");
    inner.properties.set(
        tag,
        PropertyValue::Raw {
            prop_type: PropertyType::Boolean,
            bytes: vec![7],
            encoding: ValueEncoding::Msg,
        },
    );
    let mut mid = Message::new("IPM.Note");
    mid.attachments.push(Attachment::embedded("inner", inner));
    let mut m = Message::new("IPM.Note");
    m.attachments.push(Attachment::embedded("mid", mid));
    let b = MsgFile::new(m).to_bytes().unwrap();
    let e = MsgFile::decode_exact(&b).unwrap_err();
    assert_eq!(b[e.offset().unwrap()], 7, "{e}");
    assert!(
        e.path().to_string().starts_with(
            "MsgFile > Message > Attachment[0] > EmbeddedMessage > Attachment[0] > EmbeddedMessage > PropertyStream > Property["
        ),
        "{e}"
    );
}

#[test]
fn writing_a_too_deep_model_is_an_error_not_a_stack_overflow() {
    let m = nest(100_000);
    let f = MsgFile::new(m);
    let e = f.to_bytes().unwrap_err();
    assert!(e.is_limit(), "{e}");
    let mut m = f.message;
    assert!(ms_oxmsg::storages_to_objects(&mut m).is_err());
    ms_oxmsg::objects_to_storages(&mut m, &Options::default());
    // Dropping a 100,000-deep Box chain recurses in Drop; forget it instead.
    std::mem::forget(m);
}
