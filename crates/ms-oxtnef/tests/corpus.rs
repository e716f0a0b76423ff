//! Every TNEF file in ../shared/corpus/tnef: the attribute layer and the
//! property lists round-trip byte for byte; the model reads.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use ms_oxtnef::props::{PropertyList, RecipientTable};
use ms_oxtnef::{AttributeHeader, AttributeId, TnefStream, is_tnef, oem_code_page, to_message};
use msox_codec::{Decode, DecodeWith, Encode, Options};

fn tnef_files() -> Vec<(String, Vec<u8>)> {
    msox_testkit::corpus::entries("tnef")
        .into_iter()
        .filter_map(|e| {
            let b = std::fs::read(&e.path).ok()?;
            is_tnef(&b).then_some((e.file, b))
        })
        .collect()
}

#[test]
fn attribute_layer_round_trips_byte_exact() {
    let files = tnef_files();
    if msox_testkit::corpus::dir().is_none() {
        return;
    }
    assert!(files.len() >= 20, "only {} TNEF files", files.len());
    for (name, bytes) in &files {
        let d = match TnefStream::decode_bytes(bytes, &Options::lenient()) {
            Ok(d) => d,
            Err(e) => {
                // Hostile/truncated samples may fail; they must fail cleanly.
                eprintln!("{name}: {e}");
                continue;
            }
        };
        assert_eq!(d.value.to_vec().unwrap(), *bytes, "{name}");
    }
}

/// Walking a stream header by header (AttributeHeader, then the data and
/// the checksum skipped) finds every attribute the stream reader finds,
/// with its level, ID and length, and each header writes back to its bytes.
#[test]
fn attribute_headers_walk_like_the_stream_reader() {
    let mut walked = 0;
    for (name, bytes) in &tnef_files() {
        let Ok(d) = TnefStream::decode_bytes(bytes, &Options::strict()) else {
            continue;
        };
        let mut pos = 6;
        for a in &d.value.attributes {
            let h = AttributeHeader::parse(&bytes[pos..]).unwrap();
            assert_eq!(
                (h.level, h.id, h.len as usize),
                (a.level, a.id, a.data.len()),
                "{name} at {pos}"
            );
            assert_eq!(
                h.to_bytes(),
                bytes[pos..pos + AttributeHeader::SIZE],
                "{name} at {pos}"
            );
            pos += AttributeHeader::SIZE + h.len as usize + 2;
            walked += 1;
        }
        assert_eq!(pos, bytes.len(), "{name}");
    }
    if msox_testkit::corpus::dir().is_some() {
        assert!(walked > 100, "{walked}");
    }
    assert_eq!(AttributeHeader::parse(&[2, 0x0F, 0x80, 6]), None);
}

#[test]
fn property_lists_round_trip_byte_exact() {
    let mut lists = 0;
    let mut damaged = Vec::new();
    for (name, bytes) in tnef_files() {
        let Ok(d) = TnefStream::decode_bytes(&bytes, &Options::lenient()) else {
            continue;
        };
        let cp = oem_code_page(&d.value);
        for (i, a) in d.value.attributes.iter().enumerate() {
            let (out, defects) = match a.id {
                AttributeId::MapiProps | AttributeId::Attachment => {
                    let l = PropertyList::decode_bytes_with(&a.data, cp, &Options::lenient())
                        .unwrap_or_else(|e| panic!("{name} attribute {i}: {e}"));
                    (l.value.to_vec().unwrap(), l.defects)
                }
                AttributeId::RecipTable => {
                    let t = RecipientTable::decode_bytes_with(&a.data, cp, &Options::lenient())
                        .unwrap_or_else(|e| panic!("{name} attribute {i}: {e}"));
                    (t.value.to_vec().unwrap(), t.defects)
                }
                _ => continue,
            };
            lists += 1;
            assert_eq!(out, &a.data[..], "{name} attribute {i}");
            if !defects.is_empty() {
                damaged.push(format!("{name} attribute {i} {}: {}", a.id, defects[0]));
            }
        }
    }
    eprintln!(
        "{lists} property lists round-tripped byte for byte; {} with defects:",
        damaged.len()
    );
    for f in &damaged {
        eprintln!("  {f}");
    }
    if msox_testkit::corpus::dir().is_some() {
        assert!(lists > 20);
    }
}

#[test]
fn model_reads_every_file() {
    for (name, bytes) in tnef_files() {
        match to_message(&bytes, &Options::lenient()) {
            Ok(d) => eprintln!(
                "{name}: class {:?} subject {:?} {} attachments {} recipients {} defects",
                d.value.message_class(),
                d.value.subject(),
                d.value.attachments.len(),
                d.value.recipients.len(),
                d.defects.len()
            ),
            Err(e) => eprintln!("{name}: ERROR {e}"),
        }
    }
}

fn sha(b: &[u8]) -> String {
    use sha2::Digest;
    msox_codec::hex::encode(&sha2::Sha256::digest(b))
}

/// Every byte string a reader could hand out for this stream: attachment
/// data (attAttachData / PidTagAttachDataBinary), object data after the
/// IID (PidTagAttachDataObject: embedded TNEF or OLE storage), and the
/// decompressed RTF body; recursively for embedded messages.
fn outputs(bytes: &[u8], out: &mut Vec<Vec<u8>>, depth: u32) {
    use ms_oxcdata::PropertyValue;
    let Ok(d) = TnefStream::decode_bytes(bytes, &Options::lenient()) else {
        return;
    };
    let cp = oem_code_page(&d.value);
    for a in &d.value.attributes {
        match a.id {
            AttributeId::AttachData => out.push(a.data.to_vec()),
            AttributeId::Body => out.push(a.data.strip_suffix(&[0]).unwrap_or(&a.data).to_vec()),
            AttributeId::Attachment | AttributeId::MapiProps => {
                let Ok(list) = PropertyList::decode_bytes_with(&a.data, cp, &Options::lenient())
                else {
                    continue;
                };
                for p in list.value.properties {
                    match (p.tag.id, p.value) {
                        (0x3701, PropertyValue::Object(o)) if o.len() >= 16 => {
                            // MimeKit (and Debian's tnef) write an afStorage
                            // object with its 16-byte IID_IStorage in front;
                            // msox extracts the compound file after the IID.
                            out.push(o.clone());
                            out.push(o[16..].to_vec());
                            if depth < 8 {
                                outputs(&o[16..], out, depth + 1);
                            }
                        }
                        (0x3701, PropertyValue::Binary(b)) => out.push(b),
                        (0x1009, PropertyValue::Binary(c)) => {
                            if let Ok(r) = ms_oxrtfcp::decompress(&c, &Options::lenient()) {
                                out.push(r.value.data);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// MimeKit's test suite ships, beside each .tnef, the files its reader
/// extracts (attachments, embedded messages as raw TNEF, the RTF body as
/// message.rtf). Every one of them is, byte for byte, something msox reads
/// from the stream. Where tnefparse differs (MAPI_OBJECT, MAPI_ATTACH_DATA_OBJ:
/// it returns 627,810 and 61,534 bytes where the object holds 628,240 and
/// 61,952 after its IID), MimeKit and msox agree on the object's full data.
#[test]
fn mimekit_expected_outputs_are_what_we_read() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    let mut checked = 0;
    for (name, bytes) in tnef_files() {
        let Some(stem) = name
            .strip_suffix(".tnef")
            .filter(|n| n.starts_with("tnef/mimekit/"))
        else {
            continue;
        };
        let expected_dir = dir.join(stem);
        let Ok(entries) = std::fs::read_dir(&expected_dir) else {
            continue;
        };
        let mut ours = Vec::new();
        outputs(&bytes, &mut ours, 0);
        // MimeKit's copy of text attachments went through git's line-ending
        // normalisation (data-before-name/boot.ini: 283 bytes with LF where
        // the stream holds 289 with CR LF), so compare CR LF -> LF forms too.
        let crlf_to_lf = |b: &[u8]| -> Vec<u8> {
            let mut v = Vec::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if !(c == b'\r' && b.get(i + 1) == Some(&b'\n')) {
                    v.push(c);
                }
            }
            v
        };
        let ours: std::collections::HashSet<String> = ours
            .iter()
            .flat_map(|b| [sha(b), sha(&crlf_to_lf(b))])
            .collect();
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                continue;
            }
            let want = std::fs::read(&p).unwrap();
            // Only attachments and embedded messages are compared: MimeKit
            // writes its own rendering of the bodies (message.rtf,
            // message.html), and of HTML attachments it decodes
            // (MAPI_ATTACH_DATA_OBJ/VIA_Nytt_14021.htm is 67,005 bytes where
            // the stream's attAttachData holds 68,919, which tnefparse and
            // msox both return).
            let file = p.file_name().unwrap().to_string_lossy().to_string();
            if file.ends_with(".rtf") || file.ends_with(".html") || file.ends_with(".htm") {
                continue;
            }
            assert!(
                ours.contains(&sha(&want)),
                "{name}: MimeKit's {file} ({} bytes) not among what msox reads",
                want.len()
            );
            checked += 1;
        }
    }
    eprintln!("{checked} MimeKit expected files matched byte for byte");
    assert!(checked >= 15, "only {checked}");
}

/// bug52400-winmail-simple.dat has no PidTagBody (0x1000); tnefparse's
/// "body" is PidTagPreview (0x3FD9, "This is the message body."). msox
/// reports the body as absent and the preview under its own tag (0x3FD9 is an Outlook property that MS-OXPROPS does not list).
#[test]
fn poi_bug52400_has_preview_not_body() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    let bytes = std::fs::read(dir.join("tnef/poi/bug52400-winmail-simple.dat")).unwrap();
    let d = to_message(&bytes, &Options::lenient()).unwrap();
    let (m, defects) = (d.value, d.defects);
    assert_eq!(m.body(), None);
    assert_eq!(
        m.properties
            .get_str(ms_oxcdata::PropertyTag::from_u32(0x3FD9_001F))
            .as_deref(),
        Some("This is the message body.")
    );
    // The file has 2 bytes after its last attribute: reported, not fatal.
    assert_eq!(defects.len(), 1);
    assert_eq!(
        defects[0].kind(),
        &msox_codec::ErrorKind::TrailingBytes { count: 2 }
    );
    assert_eq!(defects[0].offset(), Some(bytes.len() - 2));
    assert!(to_message(&bytes, &Options::strict()).is_err());
}

fn normalise(m: &mut ms_oxcmsg::Message) {
    for p in m.properties.iter_mut() {
        *p.mapped_id = None;
    }
    for r in &mut m.recipients {
        for p in r.properties.iter_mut() {
            *p.mapped_id = None;
        }
    }
    for a in &mut m.attachments {
        for p in a.properties.iter_mut() {
            *p.mapped_id = None;
        }
        if let Some(e) = &mut a.embedded {
            normalise(e);
        }
    }
}

/// Properties in a fixed order (the writer puts by-value data and the
/// rendering in attributes beside attAttachment, so they read back last),
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

/// The writer: every corpus message written back as TNEF (both shapes)
/// reads back as the same model (property order aside).
#[test]
fn written_messages_read_back_the_same() {
    let mut n = 0;
    for (name, bytes) in tnef_files() {
        let Ok(d) = to_message(&bytes, &Options::lenient()) else {
            continue;
        };
        let mut m = d.value;
        normalise(&mut m);
        for legacy in [true, false] {
            let opts = ms_oxtnef::WriteOptions {
                legacy_attributes: legacy,
                ..Default::default()
            };
            let out = ms_oxtnef::message_to_bytes(&m, &opts).unwrap();
            let back = to_message(&out, &Options::strict())
                .unwrap_or_else(|e| panic!("{name} (legacy {legacy}): {e}"));
            let mut back = back.value;
            normalise(&mut back);
            let mut want = m.clone();
            canon(&mut want, &m);
            canon(&mut back, &m);
            assert!(back == want, "{name} (legacy {legacy})");
        }
        n += 1;
    }
    eprintln!("{n} messages written and read back");
}

/// Every file where tnefparse reports a body and msox does not: the stream
/// has PidTagPreview (0x3FD9, which tnefparse reports as the body) and no
/// PidTagBody (0x1000).
#[test]
fn tnefparse_bodies_are_previews() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    for f in [
        "tnef/poi/bug52400-winmail-simple.dat",
        "tnef/mimekit/unicode-mapi-attr.tnef",
        "tnef/tnefparse-bad_checksum.tnef",
        "tnef/mimekit/panic.tnef",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        let m = to_message(&bytes, &Options::lenient()).unwrap().value;
        assert_eq!(m.body(), None, "{f}");
        assert!(
            m.properties
                .get_str(ms_oxcdata::PropertyTag::from_u32(0x3FD9_001F))
                .is_some(),
            "{f}"
        );
    }
}

/// Extraction as users expect: embedded messages as their original TNEF
/// bytes (what follows IID_IMessage in the PtypObject value), an OLE
/// package as the file it holds, names safe and unique.
#[test]
fn extraction_gives_original_bytes_and_ole_files() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    use ms_oxcmsg::extract::ExtractedKind as K;
    let x = |f: &str| {
        let b = std::fs::read(dir.join(f)).unwrap();
        let files: Vec<_> = ms_oxtnef::extract(&b, &Options::lenient(), &Default::default())
            .unwrap()
            .value
            .into_iter()
            .map(|f| f.into_owned())
            .collect();
        (b, files)
    };
    // christmas.tnef: two embedded messages, given as the bytes stored.
    let (b, files) = x("tnef/mimekit/christmas.tnef");
    let embedded: Vec<_> = files
        .iter()
        .filter(|f| f.kind == K::EmbeddedMessage)
        .collect();
    assert_eq!(embedded.len(), 2);
    for e in &embedded {
        assert!(e.name.ends_with(".tnef"), "{}", e.name);
        assert!(ms_oxtnef::is_tnef(&e.data));
        // A window of the input, byte for byte.
        assert!(b.windows(e.data.len()).any(|w| w == &e.data[..]));
    }
    // MimeKit's expected output has the same bytes for them.
    let want = std::fs::read(dir.join("tnef/mimekit/christmas/Untitled_Attachment.4")).unwrap();
    assert!(embedded.iter().any(|e| e.data == want));
    // MAPI_OBJECT.tnef: an OLE Package object: the PDF it holds.
    let (_, files) = x("tnef/mimekit/MAPI_OBJECT.tnef");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].kind, K::OleFile);
    assert!(files[0].data.starts_with(b"%PDF"));
    assert!(files[0].name.ends_with(".pdf"), "{}", files[0].name);
    // Embedded messages converted where asked.
    let (b, _) = x("tnef/mimekit/christmas.tnef");
    let convert = |m: &ms_oxcmsg::Message| ms_oxtnef::message_to_bytes(m, &Default::default());
    let files = ms_oxtnef::extract(
        &b,
        &Options::lenient(),
        &ms_oxtnef::ExtractOptions {
            convert_embedded: Some((&convert, "bin")),
        },
    )
    .unwrap()
    .value;
    assert_eq!(files.iter().filter(|f| f.name.ends_with(".bin")).count(), 2);
}

#[test]
fn safe_file_names() {
    use ms_oxcmsg::safe_file_name as s;
    assert_eq!(s("../../etc/passwd", "x"), "passwd");
    assert_eq!(s("C:\\Windows\\evil.exe", "x"), "evil.exe");
    assert_eq!(s("..", "x"), "x");
    assert_eq!(s(" .hidden ", "x"), "hidden");
    assert_eq!(s("a:b*c?.txt", "x"), "a_b_c_.txt");
    assert_eq!(s("nul\u{0}byte", "x"), "nul_byte");
    assert_eq!(s("", "fallback"), "fallback");
    assert!(s(&"é".repeat(300), "x").len() <= 255);
}

/// The borrowing read gives the same message as the copying one, with the
/// bytes it leaves in the input (attAttachData, an embedded message's
/// PtypObject) equal to what the copying read puts in the attachments.
#[test]
fn borrowing_read_leaves_what_the_copying_read_holds() {
    use ms_oxcdata::PropertyValue;
    use ms_oxprops::tags;
    let mut objects = 0;
    for (name, bytes) in &tnef_files() {
        let Ok(full) = to_message(bytes, &Options::lenient()) else {
            continue;
        };
        let b = ms_oxtnef::to_message_borrowing(bytes, &Options::lenient()).unwrap();
        let (m, data, objs) = (
            &b.value.message,
            &b.value.attach_data,
            &b.value.attach_object,
        );
        assert_eq!(m.attachments.len(), full.value.attachments.len(), "{name}");
        for (i, (a, f)) in m
            .attachments
            .iter()
            .zip(&full.value.attachments)
            .enumerate()
        {
            let held = f.properties.get(tags::PidTagAttachDataBinary);
            let left = data[i].or(objs[i]);
            match held {
                Some(PropertyValue::Binary(v) | PropertyValue::Object(v)) if a.data().is_none() => {
                    assert_eq!(left, Some(&v[..]), "{name}: attachment {i}");
                }
                _ => assert_eq!(left, None, "{name}: attachment {i}"),
            }
            if objs[i].is_some() {
                objects += 1;
                assert_eq!(a.embedded, f.embedded, "{name}: attachment {i}");
            }
        }
    }
    if msox_testkit::corpus::dir().is_some() {
        assert!(objects > 0);
    }
}
