//! [MS-OXMSG] 2.1-2.4 writing: message, recipient and attachment
//! storages, the property stream and the value streams.

use ms_dtyp::Guid;
use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue, ValueEncoding};
use ms_oxcmsg::{Message, NamedPropertyMap, PropId, PropertyBag, Storage, StorageEntry};
use std::borrow::Cow;

use ms_oxprops::tags;
use msox_codec::{CodePage, Error, ErrorKind, Result, String8, Utf16String};

use crate::message::{
    ATTACH_OBJECT, ATTACH_PREFIX, Level, PROPERTIES_STREAM, RECIP_PREFIX, Storing,
    ansi_code_page_for_lcid, storing, substg,
};
use crate::read::value_context;
use crate::tree::{Node, NodeKind};

/// Assigns IDs to every named property in a message tree (keeping the
/// IDs the properties were read with where free).
pub(crate) fn collect_names(m: &Message, map: &mut NamedPropertyMap) -> Result<()> {
    collect_names_at(m, map, 0)
}

/// Deepest nesting the writer writes: embedded messages, and the OLE
/// storages of attachments below them, one level each, as the reader
/// counts them; what a reader with the default limits reads back.
pub const MAX_WRITE_DEPTH: u32 = msox_codec::Limits::DEFAULT.max_depth;

pub(crate) fn depth_error(depth: u32) -> Error {
    Error::new(ErrorKind::LimitExceeded {
        what: "embedded message depth",
        value: depth.into(),
        max: MAX_WRITE_DEPTH.into(),
    })
}

fn collect_names_at(m: &Message, map: &mut NamedPropertyMap, depth: u32) -> Result<()> {
    if depth > MAX_WRITE_DEPTH {
        return Err(depth_error(depth));
    }
    let mut bags: Vec<&PropertyBag> = vec![&m.properties];
    bags.extend(m.recipients.iter().map(|r| &r.properties));
    bags.extend(m.attachments.iter().map(|a| &a.properties));
    for bag in bags {
        for p in bag {
            if let PropId::Named(n) = &p.id {
                if map.id(n).is_some() {
                    continue;
                }
                // IDs are numbered 0x8000 + 0..n-1 in the order names are
                // met ([MS-OXMSG] 2.2.3: Outlook numbers them so); the IDs a
                // property was read with are not kept.
                map.assign(n).ok_or_else(|| {
                    Error::new(ErrorKind::LimitExceeded {
                        what: "named properties",
                        value: 0x8000,
                        max: 0x7FFF,
                    })
                })?;
            }
        }
    }
    for a in &m.attachments {
        if let Some(e) = &a.embedded {
            collect_names_at(e, map, depth + 1)?;
        }
    }
    Ok(())
}

/// Writes one bag: the property stream (with the level's header) and the
/// value streams.
fn write_bag(
    bag: &PropertyBag,
    header: Vec<u8>,
    map: &NamedPropertyMap,
    out: &mut Vec<Node>,
) -> Result<()> {
    use PropertyValue as V;
    let mut ps = header;
    for p in bag {
        let id = match &p.id {
            PropId::Tag(id) => *id,
            PropId::Named(n) => map.id(n).ok_or_else(|| {
                Error::new(ErrorKind::Malformed(
                    format!("named property {n} has no ID").into(),
                ))
            })?,
        };
        let ty = p.value.prop_type();
        let tag = PropertyTag::new(id, ty).to_u32();
        let flags = p.flags.unwrap_or(6);
        let mut inline = [0u8; 8];
        let mut put = |b: &[u8]| {
            for (d, s) in inline.iter_mut().zip(b) {
                *d = *s;
            }
        };
        let stream = |data: Vec<u8>, out: &mut Vec<Node>| out.push(Node::stream(substg(tag), data));
        match &p.value {
            V::Null => {}
            V::Integer16(x) => put(&x.to_le_bytes()),
            V::Integer32(x) => put(&x.to_le_bytes()),
            V::Floating32(x) => put(&x.to_bits().to_le_bytes()),
            V::ErrorCode(x) => put(&x.to_le_bytes()),
            V::Boolean(b) => put(&[u8::from(*b)]),
            V::Floating64(x) | V::FloatingTime(x) => put(&x.to_bits().to_le_bytes()),
            V::Currency(x) | V::Integer64(x) => put(&x.to_le_bytes()),
            V::Time(t) => put(&t.0.to_le_bytes()),
            V::String(s) => {
                let b = s.to_le_bytes();
                put(&msox_codec::fit_u32(b.len() + 2, "stream size")?.to_le_bytes());
                stream(b, out);
            }
            V::String8(s) => {
                put(&msox_codec::fit_u32(s.bytes().len() + 1, "stream size")?.to_le_bytes());
                stream(s.bytes().to_vec(), out);
            }
            V::Binary(b) | V::Object(b) | V::ServerId(b) => {
                put(&msox_codec::fit_u32(b.len(), "stream size")?.to_le_bytes());
                stream(b.clone(), out);
            }
            V::Restriction(x) => {
                let mut b = Vec::new();
                x.write(&value_context(msox_codec::CodePage::WINDOWS_1252), &mut b)?;
                put(&msox_codec::fit_u32(b.len(), "stream size")?.to_le_bytes());
                stream(b, out);
            }
            V::Guid(g) => {
                put(&16u32.to_le_bytes());
                stream(g.to_le_bytes().to_vec(), out);
            }
            V::RuleAction { bytes, encoding }
            | V::Raw {
                bytes, encoding, ..
            } => {
                if *encoding != ValueEncoding::Msg {
                    return Err(Error::new(ErrorKind::Unsupported(
                        format!(
                            "a {} value kept as bytes of the {encoding:?} encoding cannot be written into a .msg file",
                            p.value.prop_type()
                        )
                        .into(),
                    )));
                }
                if inline_type(ty) && bytes.len() <= 8 {
                    put(bytes);
                } else {
                    put(&msox_codec::fit_u32(bytes.len(), "stream size")?.to_le_bytes());
                    stream(bytes.clone(), out);
                }
            }
            mv => {
                let (main, values) = multi_streams(mv);
                put(&msox_codec::fit_u32(main.len(), "stream size")?.to_le_bytes());
                stream(main, out);
                for (i, v) in values.into_iter().enumerate() {
                    out.push(Node::stream(format!("{}-{i:08X}", substg(tag)), v));
                }
            }
        }
        ps.extend_from_slice(&tag.to_le_bytes());
        ps.extend_from_slice(&flags.to_le_bytes());
        ps.extend_from_slice(&inline);
    }
    out.insert(0, Node::stream(PROPERTIES_STREAM, ps));
    Ok(())
}

/// Whether values of this type are kept in the entry (fixed size up to 8
/// bytes, and types the spec does not define, whose 8 bytes are all a
/// reader knows).
fn inline_type(t: PropertyType) -> bool {
    matches!(storing(t), Storing::Inline | Storing::Unknown)
}

/// The main stream and value streams of a multi-valued property.
fn multi_streams(v: &PropertyValue) -> (Vec<u8>, Vec<Vec<u8>>) {
    use PropertyValue as V;
    fn cat<T>(l: &[T], f: impl Fn(&T) -> Vec<u8>) -> Vec<u8> {
        l.iter().flat_map(f).collect()
    }
    match v {
        V::MultipleInteger16(l) => (cat(l, |x| x.to_le_bytes().to_vec()), vec![]),
        V::MultipleInteger32(l) => (cat(l, |x| x.to_le_bytes().to_vec()), vec![]),
        V::MultipleFloating32(l) => (cat(l, |x| x.to_bits().to_le_bytes().to_vec()), vec![]),
        V::MultipleFloating64(l) | V::MultipleFloatingTime(l) => {
            (cat(l, |x| x.to_bits().to_le_bytes().to_vec()), vec![])
        }
        V::MultipleCurrency(l) | V::MultipleInteger64(l) => {
            (cat(l, |x| x.to_le_bytes().to_vec()), vec![])
        }
        V::MultipleTime(l) => (cat(l, |x| x.0.to_le_bytes().to_vec()), vec![]),
        V::MultipleGuid(l) => (cat(l, |x| x.to_le_bytes().to_vec()), vec![]),
        V::MultipleString(l) => {
            let vals: Vec<Vec<u8>> = l
                .iter()
                .map(|s| {
                    let mut b = s.to_le_bytes();
                    b.extend_from_slice(&[0, 0]);
                    b
                })
                .collect();
            (
                cat(&vals, |b| (b.len() as u32).to_le_bytes().to_vec()),
                vals,
            )
        }
        V::MultipleString8(l) => {
            let vals: Vec<Vec<u8>> = l
                .iter()
                .map(|s| {
                    let mut b = s.bytes().to_vec();
                    b.push(0);
                    b
                })
                .collect();
            (
                cat(&vals, |b| (b.len() as u32).to_le_bytes().to_vec()),
                vals,
            )
        }
        V::MultipleBinary(l) => (
            cat(l, |b| {
                let mut x = (b.len() as u32).to_le_bytes().to_vec();
                x.extend_from_slice(&[0; 4]);
                x
            }),
            l.clone(),
        ),
        _ => (Vec::new(), Vec::new()),
    }
}

fn header(level: Level, recips: usize, atts: usize) -> Result<Vec<u8>> {
    let mut h = vec![0u8; 8];
    if level != Level::Object {
        let r = msox_codec::fit_u32(recips, "recipient count")?;
        let a = msox_codec::fit_u32(atts, "attachment count")?;
        for v in [r, a, r, a] {
            h.extend_from_slice(&v.to_le_bytes());
        }
        if level == Level::TopLevel {
            h.extend_from_slice(&[0; 8]);
        }
    }
    Ok(h)
}

/// Refuses a storage that, written at nesting `depth`, nests deeper than
/// the reader reads with the default limits.
pub(crate) fn check_storage_depth(s: &Storage, depth: u32) -> Result<()> {
    let d = depth.saturating_add(storage_depth(s));
    if d > MAX_WRITE_DEPTH {
        return Err(depth_error(d));
    }
    Ok(())
}

/// How deep a storage nests (itself included).
fn storage_depth(s: &Storage) -> u32 {
    let mut deepest = 1;
    let mut stack: Vec<(&Storage, u32)> = vec![(s, 1)];
    while let Some((s, d)) = stack.pop() {
        deepest = deepest.max(d);
        for e in &s.entries {
            if let StorageEntry::Storage { storage, .. } = e {
                stack.push((storage, d + 1));
            }
        }
    }
    deepest
}

/// The code page a reader takes for the 8-bit strings of a bag: its
/// PidTagMessageCodepage, else the ANSI code page of its
/// PidTagMessageLocaleId, else the one it inherits.
fn bag_code_page(bag: &PropertyBag, inherited: CodePage) -> CodePage {
    let own = |t| bag.get_i64(t).filter(|v| *v != 0).map(|v| v as u32);
    own(tags::PidTagMessageCodepage)
        .map(CodePage)
        .or_else(|| own(tags::PidTagMessageLocaleId).map(ansi_code_page_for_lcid))
        .unwrap_or(inherited)
}

/// Whether a message (its recipients, attachments and embedded messages
/// included) holds a Unicode string.
pub(crate) fn has_unicode(m: &Message) -> bool {
    let mut stack = vec![m];
    while let Some(m) = stack.pop() {
        let bags = std::iter::once(&m.properties)
            .chain(m.recipients.iter().map(|r| &r.properties))
            .chain(m.attachments.iter().map(|a| &a.properties));
        for b in bags {
            if b.iter().any(|p| {
                matches!(
                    p.value,
                    PropertyValue::String(_) | PropertyValue::MultipleString(_)
                )
            }) {
                return true;
            }
        }
        stack.extend(m.attachments.iter().filter_map(|a| a.embedded.as_deref()));
    }
    false
}

/// The code page of the first 8-bit string of a bag.
fn first_string8(bag: &PropertyBag) -> Option<CodePage> {
    bag.iter().find_map(|p| match &p.value {
        PropertyValue::String8(s) => Some(s.code_page()),
        PropertyValue::MultipleString8(v) => v.first().map(String8::code_page),
        _ => None,
    })
}

/// The bag with every 8-bit string that is not in `cp` (so would read back
/// as other text), or every 8-bit string for `None`, written as Unicode;
/// strings that do not decode in their own code page are kept as they are.
fn strings_in(bag: &PropertyBag, cp: Option<CodePage>) -> Cow<'_, PropertyBag> {
    let foreign =
        |s: &String8| cp.is_none_or(|cp| s.code_page() != cp) && s.to_str_strict().is_ok();
    let needs = bag.iter().any(|p| match &p.value {
        PropertyValue::String8(s) => foreign(s),
        PropertyValue::MultipleString8(v) => v.iter().any(foreign),
        _ => false,
    });
    if !needs {
        return Cow::Borrowed(bag);
    }
    let unicode = |s: &String8| {
        Utf16String::new(
            s.to_str_strict()
                .map(|t| t.into_owned())
                .unwrap_or_default(),
        )
    };
    let mut out = bag.clone();
    for p in out.iter_mut() {
        let v = match &*p.value {
            PropertyValue::String8(s) if foreign(s) => PropertyValue::String(unicode(s)),
            PropertyValue::MultipleString8(v)
                if v.iter().any(foreign) && v.iter().all(|s| s.to_str_strict().is_ok()) =>
            {
                PropertyValue::MultipleString(v.iter().map(unicode).collect())
            }
            _ => continue,
        };
        *p.value = v;
    }
    Cow::Owned(out)
}

/// Builds the storage contents of a message at nesting `depth` (0 for the
/// top-level message, one more per embedded message). 8-bit strings are
/// written with their code page recorded: PidTagMessageCodepage is added
/// when the message has none and its strings are not in the code page a
/// reader would take; strings in yet another code page are written as
/// Unicode.
pub(crate) fn write_message(
    m: &Message,
    level: Level,
    map: &NamedPropertyMap,
    depth: u32,
    inherited: CodePage,
    unicode_parent: bool,
) -> Result<Vec<Node>> {
    if depth > MAX_WRITE_DEPTH {
        return Err(depth_error(depth));
    }
    let mut props = Cow::Borrowed(&m.properties);
    let mut cp = bag_code_page(&m.properties, inherited);
    // A message from a Unicode store (PidTagStoreSupportMask has
    // STORE_UNICODE_OK), or a file with any Unicode string, has all its
    // strings in Unicode, as Outlook writes them: readers such as
    // extract_msg look for nothing else in one. 8-bit strings are then
    // written as Unicode (the same text).
    let unicode = match m.properties.get_i64(tags::PidTagStoreSupportMask) {
        Some(mask) => mask & 0x0004_0000 != 0 || unicode_parent,
        None => unicode_parent,
    };
    if !unicode && m.properties.get(tags::PidTagMessageCodepage).is_none() {
        let first = std::iter::once(&m.properties)
            .chain(m.recipients.iter().map(|r| &r.properties))
            .chain(m.attachments.iter().map(|a| &a.properties))
            .find_map(first_string8);
        if let Some(first) = first.filter(|f| *f != cp) {
            props.to_mut().set(
                tags::PidTagMessageCodepage,
                PropertyValue::Integer32(first.0 as i32),
            );
            cp = first;
        }
    }
    if unicode
        && let Some(mask) = m.properties.get_i64(tags::PidTagStoreSupportMask)
        && mask & 0x0004_0000 == 0
    {
        // The mask describes the file's strings; readers (extract_msg)
        // take 8-bit strings for a mask without STORE_UNICODE_OK.
        props.to_mut().set(
            tags::PidTagStoreSupportMask,
            PropertyValue::Integer32((mask | 0x0004_0000) as i32),
        );
    }
    let keep = (!unicode).then_some(cp);
    let props = match strings_in(&props, keep) {
        Cow::Owned(b) => Cow::Owned(b),
        Cow::Borrowed(_) => props,
    };
    let mut out = Vec::new();
    write_bag(
        &props,
        header(level, m.recipients.len(), m.attachments.len())?,
        map,
        &mut out,
    )?;
    for (i, r) in m.recipients.iter().enumerate() {
        let mut kids = Vec::new();
        let bag = strings_in(
            &r.properties,
            keep.map(|cp| bag_code_page(&r.properties, cp)),
        );
        write_bag(&bag, header(Level::Object, 0, 0)?, map, &mut kids)?;
        out.push(Node::storage(
            format!("{RECIP_PREFIX}{i:08X}"),
            Guid::NIL,
            kids,
        ));
    }
    for (i, a) in m.attachments.iter().enumerate() {
        let mut kids = Vec::new();
        let mut bag = strings_in(
            &a.properties,
            keep.map(|cp| bag_code_page(&a.properties, cp)),
        )
        .into_owned();
        // An OLE storage carried as PtypObject bytes (IID_IStorage and a
        // compound file, as TNEF carries one) is written as the storage
        // [MS-OXMSG] 2.1.4 requires.
        let from_object = match (&a.embedded, &a.storage, bag.get_id(&PropId::Tag(0x3701))) {
            (None, None, Some(PropertyValue::Object(o))) => {
                ms_oxcmsg::extract::object_to_storage(o, &msox_codec::Options::lenient())
            }
            _ => None,
        };
        let storage = a.storage.as_ref().or(from_object.as_ref());
        let object = a.embedded.is_some() || storage.is_some();
        if object {
            // The object's entry: size 0xFFFFFFFF, data in the storage.
            bag.remove(&PropId::Tag(0x3701));
        }
        write_bag(&bag, header(Level::Object, 0, 0)?, map, &mut kids)?;
        if let Some(e) = &a.embedded {
            let inner = write_message(e, Level::Embedded, map, depth + 1, cp, unicode)?;
            kids.push(Node::storage(
                ATTACH_OBJECT,
                Guid::from_u128(0x0002_0D0B_0000_0000_C000_0000_0000_0046),
                inner,
            ));
        } else if let Some(s) = storage {
            check_storage_depth(s, depth)?;
            kids.push(from_storage(ATTACH_OBJECT, s));
        }
        if let Some(NodeKind::Stream(d)) =
            kids.first_mut().map(|ps| &mut ps.kind).filter(|_| object)
        {
            d.extend_from_slice(&0x3701_000Du32.to_le_bytes());
            d.extend_from_slice(&6u32.to_le_bytes());
            d.extend_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
            d.extend_from_slice(&[0; 4]);
        }
        out.push(Node::storage(
            format!("{ATTACH_PREFIX}{i:08X}"),
            Guid::NIL,
            kids,
        ));
    }
    Ok(out)
}

fn from_storage(name: impl Into<Utf16String>, s: &Storage) -> Node {
    Node::storage(
        name,
        s.clsid,
        s.entries
            .iter()
            .map(|e| match e {
                StorageEntry::Stream { name, data } => Node::stream(name.clone(), data.clone()),
                StorageEntry::Storage { name, storage } => from_storage(name.clone(), storage),
            })
            .collect(),
    )
}
