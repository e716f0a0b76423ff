//! Every .msg in ../shared/corpus/msg: reads (or fails cleanly), and
//! read -> write -> read gives the same model.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use ms_oxmsg::{MsgFile, is_msg};
use msox_codec::{Decode, Options};

fn msg_files() -> Vec<(String, Vec<u8>)> {
    msox_testkit::corpus::entries("msg")
        .into_iter()
        .filter_map(|e| Some((e.file, std::fs::read(&e.path).ok()?)))
        .collect()
}

fn normalise(m: &mut ms_oxcmsg::Message) {
    let bags = std::iter::once(&mut m.properties)
        .chain(m.recipients.iter_mut().map(|r| &mut r.properties))
        .chain(m.attachments.iter_mut().map(|a| &mut a.properties));
    for b in bags {
        for p in b.iter_mut() {
            *p.mapped_id = None;
        }
    }
    for a in &mut m.attachments {
        if let Some(e) = &mut a.embedded {
            normalise(e);
        }
    }
}

#[test]
fn read_write_read_keeps_the_model() {
    let files = msg_files();
    if files.is_empty() {
        return;
    }
    let (mut ok, mut failed, mut not_msg, mut damaged) = (0, 0, 0, 0);
    for (name, bytes) in &files {
        if !is_msg(bytes) {
            not_msg += 1;
        }
        let (f, defects) = match MsgFile::decode_bytes(bytes, &Options::lenient()) {
            Ok(x) => (x.value, x.defects),
            Err(e) => {
                eprintln!("{name}: {e}");
                failed += 1;
                continue;
            }
        };
        if !defects.is_empty() {
            eprintln!("{name}: {} defects, first: {}", defects.len(), defects[0]);
        }
        let out = f
            .to_bytes()
            .unwrap_or_else(|e| panic!("{name}: write: {e}"));
        let back = MsgFile::decode_bytes(&out, &Options::lenient()).unwrap();
        let (mut back, d2) = (back.value, back.defects);
        // Only what the input already had (an unmapped 0x8000+ ID is
        // written back as it was read; offsets differ in the new file).
        let kinds = |d: &[msox_codec::Defect]| {
            let mut k: Vec<String> = d.iter().map(|d| d.kind().to_string()).collect();
            k.sort();
            k.dedup();
            k
        };
        assert!(
            kinds(&d2).iter().all(|k| kinds(&defects).contains(k)),
            "{name}: written file has new defects {d2:?}"
        );
        let mut orig = f.message.clone();
        normalise(&mut orig);
        normalise(&mut back.message);
        assert_eq!(back.root_clsid, f.root_clsid);
        // A damaged file (a fuzzer's test case) can repeat a tag whose value
        // lives in a stream named after the tag; both entries then read the
        // same stream after writing. Only intact files must keep the model.
        if defects.is_empty() {
            assert_eq!(back.message, orig, "{name}");
            ok += 1;
        } else {
            damaged += 1;
        }
    }
    eprintln!(
        "{ok} intact files read, written and read back to the same model; {damaged} damaged files read with defects and written; {failed} refused; {not_msg} without the .msg signature"
    );
    assert!(ok >= 140, "only {ok}");
}

fn strip_flags(m: &mut ms_oxcmsg::Message) {
    let bags = std::iter::once(&mut m.properties)
        .chain(m.recipients.iter_mut().map(|r| &mut r.properties))
        .chain(m.attachments.iter_mut().map(|a| &mut a.properties));
    for b in bags {
        for p in b.iter_mut() {
            *p.flags = None;
        }
    }
    for a in &mut m.attachments {
        if let Some(e) = &mut a.embedded {
            strip_flags(e);
        }
    }
}

/// Properties in a fixed order (TNEF writes by-value data and the
/// rendering as attributes beside attAttachment, so they come back last),
/// and PidTagRenderingPosition, which attAttachRenddata always carries,
/// only where the original had it.
fn canon(m: &mut ms_oxcmsg::Message, orig: &ms_oxcmsg::Message) {
    fn sorted(b: &ms_oxcmsg::PropertyBag) -> ms_oxcmsg::PropertyBag {
        let mut v: Vec<ms_oxcmsg::Property> = b.iter().cloned().collect();
        v.sort_by_key(|p| format!("{:?}", p.id));
        v.into_iter().collect()
    }
    let pos = ms_oxcmsg::PropId::Tag(0x370B);
    for (i, a) in m.attachments.iter_mut().enumerate() {
        let o = orig.attachments.get(i);
        if o.is_none_or(|o| o.properties.find(&pos).is_none()) {
            a.properties.remove(&pos);
        }
        a.properties = sorted(&a.properties);
        if let (Some(e), Some(oe)) = (&mut a.embedded, o.and_then(|o| o.embedded.as_deref())) {
            canon(e, oe);
        }
    }
    m.properties = sorted(&m.properties);
    for r in &mut m.recipients {
        r.properties = sorted(&r.properties);
    }
}

/// .msg -> TNEF -> .msg (the library's conversions) keeps the model
/// (property flags, which TNEF does not carry, property order, and 8-bit
/// strings, which come back as Unicode with the same text, aside).
#[test]
fn msg_to_tnef_to_msg_keeps_the_model() {
    let mut n = 0;
    for (name, bytes) in msg_files() {
        let Ok(d) = MsgFile::decode_bytes(&bytes, &Options::lenient()) else {
            continue;
        };
        let (f, defects) = (d.value, d.defects);
        // Damaged files are left out: a 0x8000+ ID with no name
        // (rubymsg-qwerty_3.msg) or a property type the spec does not
        // define cannot be written as TNEF, which names every named
        // property inline and must know every value's size.
        if !defects.is_empty() {
            continue;
        }
        let tnef = match ms_oxmsg::msg_to_tnef(
            &bytes,
            &Options::lenient(),
            &ms_oxtnef::WriteOptions::default(),
        ) {
            Ok(t) => t.value,
            Err(e) => panic!("{name}: to TNEF: {e}"),
        };
        let out = ms_oxmsg::tnef_to_msg(&tnef, &Options::strict())
            .unwrap_or_else(|e| panic!("{name}: to .msg: {e}"))
            .value;
        let mut again = MsgFile::decode_exact(&out).unwrap();
        let mut orig = f.message;
        // TNEF -> .msg writes every string as Unicode (the same text).
        ms_oxmsg::strings_to_unicode(&mut orig);
        for m in [&mut orig, &mut again.message] {
            normalise(m);
            strip_flags(m);
        }
        let o2 = orig.clone();
        canon(&mut orig, &o2);
        canon(&mut again.message, &o2);
        if again.message != orig {
            let show = |m: &ms_oxcmsg::Message| -> Vec<String> {
                m.properties
                    .iter()
                    .map(|p| format!("{p:?}").chars().take(160).collect())
                    .collect()
            };
            let (a, b) = (show(&orig), show(&again.message));
            for x in &a {
                if !b.contains(x) {
                    eprintln!("{name} only orig: {x}");
                }
            }
            for x in &b {
                if !a.contains(x) {
                    eprintln!("{name} only back: {x}");
                }
            }
            eprintln!(
                "{name}: recipients equal {}, attachments equal {}",
                orig.recipients == again.message.recipients,
                orig.attachments == again.message.attachments
            );
        }
        assert!(again.message == orig, "{name}");
        n += 1;
    }
    eprintln!("{n} messages: .msg -> TNEF -> .msg gives the same model");
    assert!(n >= 140, "{n}");
}

/// Every file the writer makes has named-property IDs 0x8000 + 0..n-1
/// (Outlook's numbering): the entry stream's property indexes are 0..n-1.
fn named_indexes(msg: &[u8]) -> Vec<u16> {
    let f = MsgFile::decode_exact(msg).unwrap();
    let mut ids: Vec<u16> = f.named.iter().map(|(id, _)| id - 0x8000).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn tnef_to_msg_numbers_named_properties_contiguously() {
    let mut n = 0;
    let mut with_names = 0;
    for e in msox_testkit::corpus::entries("tnef") {
        let Ok(bytes) = std::fs::read(&e.path) else {
            continue;
        };
        if !ms_oxtnef::is_tnef(&bytes) {
            continue;
        }
        let Ok(d) = ms_oxmsg::tnef_to_msg(&bytes, &Options::lenient()) else {
            continue;
        };
        let ids = named_indexes(&d.value);
        let want: Vec<u16> = (0..ids.len() as u16).collect();
        assert_eq!(ids, want, "{}", e.file);
        if !ids.is_empty() {
            with_names += 1;
        }
        n += 1;
    }
    eprintln!("{n} TNEF -> .msg files ({with_names} with named properties): indexes contiguous");
    if msox_testkit::corpus::dir().is_some() {
        assert!(n >= 30 && with_names >= 20, "{n} {with_names}");
    }
}

/// Writing is deterministic: the same model twice gives the same bytes
/// (no clock-derived timestamps), for every corpus file; and how many
/// files an unchanged read-and-write gives back byte for byte.
#[test]
fn writing_is_deterministic() {
    let mut n = 0;
    let mut same = 0;
    for (name, bytes) in msg_files() {
        let Ok(d) = MsgFile::decode_bytes(&bytes, &Options::lenient()) else {
            continue;
        };
        let a = d.value.to_bytes().unwrap();
        let b = d.value.clone().to_bytes().unwrap();
        assert_eq!(a, b, "{name}");
        // Read back and written again: a fixed point.
        let again = MsgFile::decode_bytes(&a, &Options::lenient())
            .unwrap()
            .value;
        assert_eq!(again.to_bytes().unwrap(), a, "{name}");
        if a == bytes {
            same += 1;
        }
        n += 1;
    }
    eprintln!(
        "{n} files written twice to the same bytes (and rewritten to a fixed point); {same} rewrite to the original bytes"
    );
}

/// An 8-bit string keeps its text through TNEF -> .msg: the code page
/// is recorded (PidTagMessageCodepage) or the string is written as Unicode.
#[test]
fn eight_bit_strings_keep_their_code_page_in_msg() {
    use ms_oxcdata::PropertyValue;
    use ms_oxprops::tags;
    use msox_codec::{CodePage, String8};
    let cp1251 = String8::encode_str("Привет", CodePage(1251)).unwrap();
    // A message in code page 1251 with 8-bit strings only (as read from a
    // TNEF stream whose attOemCodepage is 1251): .msg keeps them 8-bit with
    // PidTagMessageCodepage 1251.
    let mut m = ms_oxcmsg::Message::default();
    m.properties.set(
        tags::PidTagMessageClass,
        PropertyValue::String8(String8::encode_str("IPM.Note", CodePage(1251)).unwrap()),
    );
    m.properties
        .set(tags::PidTagSubject, PropertyValue::String8(cp1251.clone()));
    let tnef = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default()).unwrap();
    let read = ms_oxtnef::to_message(&tnef, &Options::strict())
        .unwrap()
        .value;
    let msg = MsgFile::new(read).to_bytes().unwrap();
    let back = MsgFile::decode_exact(&msg).unwrap();
    assert_eq!(back.message.subject().as_deref(), Some("Привет"));
    assert_eq!(back.message.code_page(), Some(1251));
    assert!(matches!(
        back.message.properties.get(tags::PidTagSubject),
        Some(PropertyValue::String8(_))
    ));
    // TNEF -> .msg writes Unicode (what Outlook writes, what every peer
    // reads); so does a file with any Unicode string beside (Message::new's
    // class): extract_msg reads only Unicode strings from a file that has one.
    let mut m = ms_oxcmsg::Message::new("IPM.Note");
    m.properties
        .set(tags::PidTagSubject, PropertyValue::String8(cp1251.clone()));
    let tnef = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default()).unwrap();
    let msg = ms_oxmsg::tnef_to_msg(&tnef, &Options::strict())
        .unwrap()
        .value;
    let back = MsgFile::decode_exact(&msg).unwrap();
    assert_eq!(back.message.subject().as_deref(), Some("Привет"));
    assert!(matches!(
        back.message.properties.get(tags::PidTagSubject),
        Some(PropertyValue::String(_))
    ));
    // A message that says 1252 but holds a 1251 string: that one written
    // as Unicode (and so every string), the text kept.
    let mut m = ms_oxcmsg::Message::new("IPM.Note");
    m.properties
        .set(tags::PidTagMessageCodepage, PropertyValue::Integer32(1252));
    m.properties
        .set(tags::PidTagSubject, PropertyValue::String8(cp1251));
    m.properties.set(
        tags::PidTagBody,
        PropertyValue::String8(String8::encode_str("héllo", CodePage(1252)).unwrap()),
    );
    let back = MsgFile::decode_exact(&MsgFile::new(m).to_bytes().unwrap()).unwrap();
    assert_eq!(back.message.subject().as_deref(), Some("Привет"));
    assert!(matches!(
        back.message.properties.get(tags::PidTagSubject),
        Some(PropertyValue::String(_))
    ));
    assert_eq!(back.message.body().as_deref(), Some("héllo"));
}

/// An OLE storage survives .msg -> TNEF -> .msg as a storage (not a stream).
#[test]
fn ole_storages_survive_conversions() {
    use ms_oxcmsg::{Attachment, Message, Storage, StorageEntry};
    let mut m = Message::new("IPM.Note");
    let mut a = Attachment::default();
    a.properties.set(
        ms_oxprops::tags::PidTagAttachMethod,
        ms_oxcdata::PropertyValue::Integer32(6),
    );
    a.storage = Some(Storage {
        clsid: ms_dtyp::Guid::from_u128(0x0003_000C_0000_0000_C000_0000_0000_0046),
        entries: vec![StorageEntry::Stream {
            name: "\u{1}Ole10Native".into(),
            data: vec![7; 300],
        }],
    });
    m.attachments.push(a);
    let msg = MsgFile::new(m.clone()).to_bytes().unwrap();
    let tnef = ms_oxmsg::msg_to_tnef(&msg, &Options::strict(), &Default::default())
        .unwrap()
        .value;
    let back = ms_oxmsg::tnef_to_msg(&tnef, &Options::strict())
        .unwrap()
        .value;
    let f = MsgFile::decode_exact(&back).unwrap();
    assert_eq!(f.message.attachments[0].storage, m.attachments[0].storage);
}

/// 8-bit strings are decoded in the ANSI code page of the message's locale
/// (PidTagMessageLocaleId) when PidTagMessageCodepage is absent. extract_msg
/// decodes these as Windows-1252 and gets mojibake; PidTagInternetCodepage
/// (ISO-2022-JP for the Japanese file) is the body's MIME code page, not
/// that of the 8-bit properties.
#[test]
fn eight_bit_strings_use_the_locale_code_page() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    for (f, subject) in [
        (
            "msg/poi-ASCII_CP1251_LCID1049.msg",
            "Subject автоматически Subject",
        ),
        ("msg/hiraoka-contactAnsi.msg", "コム ドット イグザンプル 殿"),
        (
            "msg/poi-ASCII_UTF-8_CP1252_LCID1031.msg",
            "Subject öäü Subject",
        ),
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        let m = MsgFile::decode_bytes(&bytes, &Options::lenient())
            .unwrap()
            .value;
        assert_eq!(m.message.subject().as_deref(), Some(subject), "{f}");
    }
}

/// Extraction: an embedded message is copied out of the file as a .msg of
/// its own (its storage, the file's named-property map, a top-level
/// property stream header) that reads as the same message.
#[test]
fn embedded_messages_are_extracted_as_their_storage() {
    let mut n = 0;
    for (name, bytes) in msg_files() {
        let Ok(d) = MsgFile::decode_bytes(&bytes, &Options::lenient()) else {
            continue;
        };
        if !d.defects.is_empty()
            || d.value
                .message
                .attachments
                .iter()
                .all(|a| a.embedded.is_none())
        {
            continue;
        }
        let files = ms_oxmsg::extract(&bytes, &Options::lenient())
            .unwrap()
            .value;
        let embedded: Vec<&ms_oxcmsg::Message> = d
            .value
            .message
            .attachments
            .iter()
            .filter_map(|a| a.embedded.as_deref())
            .collect();
        let out: Vec<_> = files
            .iter()
            .filter(|f| f.kind == ms_oxcmsg::extract::ExtractedKind::EmbeddedMessage)
            .collect();
        assert_eq!(out.len(), embedded.len(), "{name}");
        for (f, want) in out.iter().zip(embedded) {
            assert!(f.name.ends_with(".msg"), "{name}: {}", f.name);
            let mut got = MsgFile::decode_bytes(&f.data, &Options::lenient())
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", f.name))
                .value
                .message;
            let mut want = want.clone();
            normalise(&mut got);
            normalise(&mut want);
            assert!(got == want, "{name}: {}", f.name);
        }
        n += 1;
    }
    eprintln!("{n} files with embedded messages: each extracted as a .msg that reads the same");
    if msox_testkit::corpus::dir().is_some() {
        assert!(n >= 5, "{n}");
    }
}
