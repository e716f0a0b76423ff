//! [MS-OXMSG] 2.1-2.4: message, recipient and attachment storages, the
//! property stream and the property value streams.

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{
    AttachMethod, Attachment, Message, NamedPropertyMap, PropId, Property, PropertyBag, Recipient,
    Storage, StorageEntry,
};
use ms_oxprops::tags;
use msox_codec::{CodePage, Depth, Error, ErrorKind, Result, String8, Utf16String};

use crate::tree::{Node, NodeExt, NodeKind};
use crate::{Defect, ReadOptions};

/// [MS-OXMSG] 2.4.1: which kind of storage a property stream is in, which
/// fixes its header size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 2.4.1.1 the top-level message: 32-byte header.
    TopLevel,
    /// 2.4.1.2 an embedded message storage: 24-byte header.
    Embedded,
    /// 2.4.1.3 a recipient or attachment storage: 8-byte header.
    Object,
}

impl Level {
    /// Header size in bytes.
    pub const fn header_len(self) -> usize {
        match self {
            Level::TopLevel => 32,
            Level::Embedded => 24,
            Level::Object => 8,
        }
    }
}

/// The property stream's name.
pub const PROPERTIES_STREAM: &str = "__properties_version1.0";
/// Prefix of recipient storages (`__recip_version1.0_#00000000`).
pub const RECIP_PREFIX: &str = "__recip_version1.0_#";
/// Prefix of attachment storages (`__attach_version1.0_#00000000`).
pub const ATTACH_PREFIX: &str = "__attach_version1.0_#";
/// The attachment's object storage (PidTagAttachDataObject).
pub const ATTACH_OBJECT: &str = "__substg1.0_3701000D";

fn substg(tag: u32) -> String {
    format!("__substg1.0_{tag:08X}")
}

fn le_u16(b: &[u8]) -> u16 {
    b.get(..2)
        .and_then(|s| <[u8; 2]>::try_from(s).ok())
        .map_or(0, u16::from_le_bytes)
}
fn le_u32(b: &[u8]) -> u32 {
    b.get(..4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}
fn le_u64(b: &[u8]) -> u64 {
    b.get(..8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The value streams of one storage by (tag, value index): `u32::MAX` for
/// `__substg1.0_TTTTTTTT`, `i` for `__substg1.0_TTTTTTTT-0000000i`; sorted
/// for binary search (a storage holds tens of streams: cheaper than hashing).
struct Streams<'a>(Vec<((u32, u32), &'a [u8])>);

impl<'a> Streams<'a> {
    fn of(st: &'a Node<'_>) -> Self {
        let mut m = Vec::with_capacity(st.children().len());
        for c in st.children() {
            let NodeKind::Stream(d) = &c.kind else {
                continue;
            };
            let Some(rest) = c
                .name
                .get(..12)
                .filter(|p| p.eq_ignore_ascii_case("__substg1.0_"))
                .and(c.name.get(12..))
            else {
                continue;
            };
            let (tag, idx) = match rest.split_once('-') {
                Some((t, i)) => (t, u32::from_str_radix(i, 16).ok()),
                None => (rest, Some(u32::MAX)),
            };
            if let (Ok(t), Some(i)) = (u32::from_str_radix(tag, 16), idx) {
                m.push(((t, i), &d[..]));
            }
        }
        // Stable: of two streams with the same key, the first one wins.
        m.sort_by_key(|&(k, _)| k);
        m.dedup_by_key(|&mut (k, _)| k);
        Streams(m)
    }

    fn find(&self, key: (u32, u32)) -> Option<&'a [u8]> {
        let i = self.0.binary_search_by_key(&key, |&(k, _)| k).ok()?;
        self.0.get(i).map(|&(_, d)| d)
    }

    fn get(&self, tag: u32) -> Option<&'a [u8]> {
        self.find((tag, u32::MAX))
    }

    fn value(&self, tag: u32, i: usize) -> Option<&'a [u8]> {
        self.find((tag, u32::try_from(i).ok()?))
    }
}

/// Reads the property stream and value streams of one storage into a bag.
pub(crate) fn read_bag(
    st: &Node<'_>,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
    path: &str,
    defects: &mut Vec<Defect>,
) -> Result<PropertyBag> {
    let Some(ps) = st.child_stream(PROPERTIES_STREAM) else {
        return Err(Error::new(ErrorKind::Malformed(
            format!("{path}: no {PROPERTIES_STREAM} stream").into(),
        )));
    };
    let body = ps.get(level.header_len()..).unwrap_or_default();
    if ps.len() < level.header_len() {
        defects.push(Defect::Stream(format!(
            "{path}: property stream is {} bytes, shorter than its {}-byte header",
            ps.len(),
            level.header_len()
        )));
    }
    if body.len() % 16 != 0 {
        defects.push(Defect::Stream(format!(
            "{path}: property stream has {} bytes after the header, not a multiple of 16",
            body.len()
        )));
    }
    let cp = code_page_of(body).unwrap_or(cp);
    let streams = Streams::of(st);
    let mut bag = PropertyBag::new();
    for e in body.chunks_exact(16) {
        let tag = le_u32(e);
        let flags = le_u32(e.get(4..).unwrap_or_default());
        let value = e.get(8..16).unwrap_or_default();
        let t = PropertyTag::from_u32(tag);
        if tag == 0x3701_000D {
            continue; // the attachment object storage is read by the caller
        }
        let v = match read_value(&streams, t, value, cp) {
            Ok(Some(v)) => v,
            Ok(None) => {
                defects.push(Defect::Stream(format!(
                    "{path}: no value stream {} for {t:?}",
                    substg(tag)
                )));
                continue;
            }
            Err(msg) => {
                defects.push(Defect::Stream(format!("{path}: {t:?}: {msg}")));
                continue;
            }
        };
        let (id, mapped_id) = if t.id >= 0x8000 {
            match map.name(t.id) {
                Some(n) => (PropId::Named(n.clone()), Some(t.id)),
                None => {
                    defects.push(Defect::NamedProperty(format!(
                        "{path}: {t:?} has no entry in the name map"
                    )));
                    (PropId::Tag(t.id), None)
                }
            }
        } else {
            (PropId::Tag(t.id), None)
        };
        bag.push(Property {
            id,
            value: v,
            mapped_id,
            flags: Some(flags),
        });
    }
    Ok(bag)
}

/// The code page of the 8-bit strings of one object, from its raw entries:
/// PidTagMessageCodepage (0x3FFD, [MS-OXCMSG] 2.2.1.4) where present, else
/// the Windows ANSI code page of PidTagMessageLocaleId (0x3FF1). Not
/// PidTagInternetCodepage (0x3FDE): that is the code page of the body in
/// MIME (50220, ISO-2022-JP, for a Japanese message whose 8-bit properties
/// are Shift-JIS).
fn code_page_of(body: &[u8]) -> Option<CodePage> {
    let find = |want: u32| {
        body.chunks_exact(16)
            .find(|e| le_u32(e) == want)
            .map(|e| le_u32(e.get(8..).unwrap_or_default()))
            .filter(|v| *v != 0)
    };
    find(0x3FFD_0003)
        .map(CodePage)
        .or_else(|| find(0x3FF1_0003).map(ansi_code_page_for_lcid))
}

/// The Windows ANSI code page for a locale ID (by primary language, and
/// sub-language for Chinese); 1252 for languages written in Latin script.
pub fn ansi_code_page_for_lcid(lcid: u32) -> CodePage {
    CodePage(match lcid & 0x3FF {
        0x11 => 932,
        0x04 => match lcid & 0xFFFF {
            0x0404 | 0x0C04 | 0x1404 => 950,
            _ => 936,
        },
        0x12 => 949,
        0x19 | 0x22 | 0x23 | 0x02 | 0x2F | 0x3F | 0x44 | 0x50 | 0x40 | 0x28 | 0x43 | 0x45 => 1251,
        0x05 | 0x0E | 0x15 | 0x18 | 0x1B | 0x24 | 0x1C => 1250,
        0x1A => match lcid & 0xFFFF {
            0x0C1A | 0x1C1A | 0x201A => 1251,
            _ => 1250,
        },
        0x08 => 1253,
        0x1F | 0x2C => 1254,
        0x0D => 1255,
        0x01 | 0x29 | 0x20 | 0x8C => 1256,
        0x25..=0x27 => 1257,
        0x2A => 1258,
        0x1E => 874,
        _ => 1252,
    })
}

fn strip_nul16(b: &[u8]) -> &[u8] {
    let mut b = b;
    while let Some(rest) = b.strip_suffix(&[0, 0]) {
        if !b.len().is_multiple_of(2) {
            break;
        }
        b = rest;
    }
    b
}

fn strip_nul8(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    b.get(..end).unwrap_or(b)
}

fn read_value(
    st: &Streams<'_>,
    t: PropertyTag,
    inline: &[u8],
    cp: CodePage,
) -> std::result::Result<Option<PropertyValue>, String> {
    use PropertyValue as V;
    let ty = t.prop_type;
    let stream = || st.get(t.to_u32());
    if ty.is_multiple() {
        return read_multi(st, t, ty, cp, stream());
    }
    Ok(Some(match ty {
        PropertyType::Null => V::Null,
        PropertyType::Integer16 => V::Integer16(le_u16(inline) as i16),
        PropertyType::Integer32 => V::Integer32(le_u32(inline) as i32),
        PropertyType::Floating32 => V::Floating32(f32::from_bits(le_u32(inline))),
        PropertyType::ErrorCode => V::ErrorCode(le_u32(inline)),
        PropertyType::Boolean => V::Boolean(le_u16(inline) != 0),
        PropertyType::Floating64 => V::Floating64(f64::from_bits(le_u64(inline))),
        PropertyType::Currency => V::Currency(le_u64(inline) as i64),
        PropertyType::FloatingTime => V::FloatingTime(f64::from_bits(le_u64(inline))),
        PropertyType::Integer64 => V::Integer64(le_u64(inline) as i64),
        PropertyType::Time => V::Time(FileTime(le_u64(inline))),
        PropertyType::String => match stream() {
            Some(d) => V::String(Utf16String::from_le_bytes(strip_nul16(d))),
            None => return Ok(None),
        },
        PropertyType::String8 => match stream() {
            Some(d) => V::String8(String8::new(strip_nul8(d).to_vec(), cp)),
            None => return Ok(None),
        },
        PropertyType::Binary => match stream() {
            Some(d) => V::Binary(d.to_vec()),
            None => return Ok(None),
        },
        PropertyType::Guid => match stream() {
            Some(d) => match <[u8; 16]>::try_from(d) {
                Ok(b) => V::Guid(Guid::from_le_bytes(b)),
                Err(_) => return Err(format!("PtypGuid stream of {} bytes", d.len())),
            },
            None => return Ok(None),
        },
        PropertyType::Object => match stream() {
            Some(d) => V::Object(d.to_vec()),
            None => return Ok(None),
        },
        PropertyType::ServerId => match stream() {
            Some(d) => V::ServerId(d.to_vec()),
            None => return Ok(None),
        },
        // A type the spec does not define: its 8 inline bytes, as stored
        // (whether a stream belongs to it cannot be known).
        _ => V::Unknown {
            prop_type: ty.value(),
            bytes: inline.to_vec(),
        },
    }))
}

fn read_multi(
    st: &Streams<'_>,
    t: PropertyTag,
    ty: PropertyType,
    cp: CodePage,
    main: Option<&[u8]>,
) -> std::result::Result<Option<PropertyValue>, String> {
    use PropertyValue as V;
    let Some(main) = main else { return Ok(None) };
    let elem = ty.element_type();
    if let Some(size) = elem.fixed_size() {
        if main.len() % size != 0 {
            return Err(format!(
                "multi-valued stream of {} bytes is not a multiple of {size}",
                main.len()
            ));
        }
        let chunks = main.chunks_exact(size);
        return Ok(Some(match ty {
            PropertyType::MultipleInteger16 => {
                V::MultipleInteger16(chunks.map(|c| le_u16(c) as i16).collect())
            }
            PropertyType::MultipleInteger32 => {
                V::MultipleInteger32(chunks.map(|c| le_u32(c) as i32).collect())
            }
            PropertyType::MultipleFloating32 => {
                V::MultipleFloating32(chunks.map(|c| f32::from_bits(le_u32(c))).collect())
            }
            PropertyType::MultipleFloating64 => {
                V::MultipleFloating64(chunks.map(|c| f64::from_bits(le_u64(c))).collect())
            }
            PropertyType::MultipleCurrency => {
                V::MultipleCurrency(chunks.map(|c| le_u64(c) as i64).collect())
            }
            PropertyType::MultipleFloatingTime => {
                V::MultipleFloatingTime(chunks.map(|c| f64::from_bits(le_u64(c))).collect())
            }
            PropertyType::MultipleInteger64 => {
                V::MultipleInteger64(chunks.map(|c| le_u64(c) as i64).collect())
            }
            PropertyType::MultipleTime => {
                V::MultipleTime(chunks.map(|c| FileTime(le_u64(c))).collect())
            }
            PropertyType::MultipleGuid => V::MultipleGuid(
                chunks
                    .filter_map(|c| <[u8; 16]>::try_from(c).ok().map(Guid::from_le_bytes))
                    .collect(),
            ),
            _ => V::Unknown {
                prop_type: ty.value(),
                bytes: main.to_vec(),
            },
        }));
    }
    // Variable-size elements: the main stream holds the lengths (4 bytes
    // each for strings, 8 for binaries), one stream per value.
    let per = if elem == PropertyType::Binary { 8 } else { 4 };
    let n = main.len() / per;
    let value = |i: usize| st.value(t.to_u32(), i);
    let mut missing = 0;
    let mut get = |i: usize| -> &[u8] {
        match value(i) {
            Some(d) => d,
            None => {
                missing += 1;
                &[]
            }
        }
    };
    let v = match ty {
        PropertyType::MultipleString => V::MultipleString(
            (0..n)
                .map(|i| Utf16String::from_le_bytes(strip_nul16(get(i))))
                .collect(),
        ),
        PropertyType::MultipleString8 => V::MultipleString8(
            (0..n)
                .map(|i| String8::new(strip_nul8(get(i)).to_vec(), cp))
                .collect(),
        ),
        PropertyType::MultipleBinary => {
            V::MultipleBinary((0..n).map(|i| get(i).to_vec()).collect())
        }
        _ => V::Unknown {
            prop_type: ty.value(),
            bytes: main.to_vec(),
        },
    };
    if missing > 0 {
        return Err(format!("{missing} of {n} value streams missing"));
    }
    Ok(Some(v))
}

fn numbered<'n, 'a>(st: &'n Node<'a>, prefix: &str) -> Vec<(u32, &'n Node<'a>)> {
    let mut v: Vec<(u32, &Node<'a>)> = st
        .children()
        .iter()
        .filter(|c| matches!(c.kind, NodeKind::Storage(_)))
        .filter_map(|c| {
            let rest = c
                .name
                .get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .and(c.name.get(prefix.len()..))?;
            u32::from_str_radix(rest, 16).ok().map(|n| (n, c))
        })
        .collect();
    v.sort_by_key(|(n, _)| *n);
    v
}

/// Reads a message storage (top level or embedded).
#[allow(clippy::too_many_arguments)] // the reader's state, passed down the recursion
pub(crate) fn read_message(
    st: &Node<'_>,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
    opts: &ReadOptions,
    depth: Depth,
    path: &str,
    defects: &mut Vec<Defect>,
) -> Result<Message> {
    let depth = depth.enter()?;
    let properties = read_bag(st, level, map, cp, path, defects)?;
    let cp = properties
        .get_i64(tags::PidTagMessageCodepage)
        .map(|v| CodePage(v as u32))
        .or_else(|| {
            properties
                .get_i64(tags::PidTagMessageLocaleId)
                .map(|v| ansi_code_page_for_lcid(v as u32))
        })
        .unwrap_or(cp);
    let mut m = Message {
        properties,
        recipients: Vec::new(),
        attachments: Vec::new(),
    };
    for (n, r) in numbered(st, RECIP_PREFIX) {
        let p = format!("{path}/recipient {n}");
        match read_bag(r, Level::Object, map, cp, &p, defects) {
            Ok(properties) => m.recipients.push(Recipient { properties }),
            Err(e) if !opts.strict => defects.push(Defect::Stream(format!("{p}: {e}"))),
            Err(e) => return Err(e),
        }
    }
    for (n, a) in numbered(st, ATTACH_PREFIX) {
        let p = format!("{path}/attachment {n}");
        let properties = match read_bag(a, Level::Object, map, cp, &p, defects) {
            Ok(b) => b,
            Err(e) if !opts.strict => {
                defects.push(Defect::Stream(format!("{p}: {e}")));
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut att = Attachment {
            properties,
            embedded: None,
            storage: None,
        };
        if let Some(obj) = a.child_storage(ATTACH_OBJECT) {
            if att.method() == Some(AttachMethod::EmbeddedMessage) {
                match read_message(
                    obj,
                    Level::Embedded,
                    map,
                    cp,
                    opts,
                    depth,
                    &format!("{p}/embedded"),
                    defects,
                ) {
                    Ok(e) => att.embedded = Some(Box::new(e)),
                    Err(e)
                        if matches!(e.kind(), ErrorKind::LimitExceeded { .. }) || opts.strict =>
                    {
                        return Err(e);
                    }
                    Err(e) => {
                        defects.push(Defect::Stream(format!(
                            "{p}: embedded message unreadable ({e}); kept as a storage"
                        )));
                        att.storage = Some(to_storage(obj));
                    }
                }
            } else {
                att.storage = Some(to_storage(obj));
            }
        }
        m.attachments.push(att);
    }
    Ok(m)
}

/// A compound-file storage node as the model's storage.
pub(crate) fn node_storage(n: &Node<'_>) -> Storage {
    to_storage(n)
}

/// The model's storage as a compound-file storage node.
pub(crate) fn storage_node(name: &str, s: &Storage) -> Node<'static> {
    from_storage(name, s)
}

fn to_storage(n: &Node<'_>) -> Storage {
    Storage {
        clsid: n.clsid,
        entries: n
            .children()
            .iter()
            .map(|c| match &c.kind {
                NodeKind::Stream(d) => StorageEntry::Stream {
                    name: Utf16String::new(c.name.clone()),
                    data: d.to_vec(),
                },
                NodeKind::Storage(_) => StorageEntry::Storage {
                    name: Utf16String::new(c.name.clone()),
                    storage: to_storage(c),
                },
            })
            .collect(),
    }
}

fn from_storage(name: &str, s: &Storage) -> Node<'static> {
    Node::storage(
        name,
        s.clsid,
        s.entries
            .iter()
            .map(|e| match e {
                StorageEntry::Stream { name, data } => Node::stream(name.as_str(), data.clone()),
                StorageEntry::Storage { name, storage } => from_storage(name.as_str(), storage),
            })
            .collect(),
    )
}

/// Assigns IDs to every named property in a message tree (keeping the
/// IDs the properties were read with where free).
pub(crate) fn collect_names(m: &Message, map: &mut NamedPropertyMap) -> Result<()> {
    collect_names_at(m, map, 0)
}

/// Embedded messages deeper than this are refused when writing (the
/// writer's own recursion bound; readers stop earlier, at `Limits::max_depth`).
pub(crate) const MAX_WRITE_DEPTH: u32 = 64;

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
                let kept = p
                    .mapped_id
                    .filter(|i| *i >= 0x8000 && *i != 0xFFFF && map.name(*i).is_none());
                match kept {
                    Some(i) => {
                        map.insert(i, n.clone());
                    }
                    None => {
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
    out: &mut Vec<Node<'static>>,
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
        let ty = match &p.value {
            V::Unknown { prop_type, .. } => PropertyType::from_value(*prop_type),
            v => v.prop_type(),
        };
        let tag = PropertyTag::new(id, ty).to_u32();
        let flags = p.flags.unwrap_or(6);
        let mut inline = [0u8; 8];
        let mut put = |b: &[u8]| {
            for (d, s) in inline.iter_mut().zip(b) {
                *d = *s;
            }
        };
        let stream =
            |data: Vec<u8>, out: &mut Vec<Node<'static>>| out.push(Node::stream(substg(tag), data));
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
            V::Binary(b) | V::Object(b) | V::ServerId(b) | V::Restriction(b) | V::RuleAction(b) => {
                put(&msox_codec::fit_u32(b.len(), "stream size")?.to_le_bytes());
                stream(b.clone(), out);
            }
            V::Guid(g) => {
                put(&16u32.to_le_bytes());
                stream(g.to_le_bytes().to_vec(), out);
            }
            V::Unknown { bytes, .. } if bytes.len() <= 8 => put(bytes),
            V::Unknown { bytes, .. } => {
                put(&msox_codec::fit_u32(bytes.len(), "stream size")?.to_le_bytes());
                stream(bytes.clone(), out);
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

/// Builds the storage contents of a message.
pub(crate) fn write_message(
    m: &Message,
    level: Level,
    map: &NamedPropertyMap,
    depth: u32,
) -> Result<Vec<Node<'static>>> {
    if depth > 64 {
        return Err(Error::new(ErrorKind::LimitExceeded {
            what: "embedded message depth",
            value: depth.into(),
            max: 64,
        }));
    }
    let mut out = Vec::new();
    write_bag(
        &m.properties,
        header(level, m.recipients.len(), m.attachments.len())?,
        map,
        &mut out,
    )?;
    for (i, r) in m.recipients.iter().enumerate() {
        let mut kids = Vec::new();
        write_bag(&r.properties, header(Level::Object, 0, 0)?, map, &mut kids)?;
        out.push(Node::storage(
            format!("{RECIP_PREFIX}{i:08X}"),
            Guid::NIL,
            kids,
        ));
    }
    for (i, a) in m.attachments.iter().enumerate() {
        let mut kids = Vec::new();
        let mut bag = a.properties.clone();
        if a.embedded.is_some() || a.storage.is_some() {
            // The object's entry: size 0xFFFFFFFF, data in the storage.
            bag.remove(&PropId::Tag(0x3701));
        }
        write_bag(&bag, header(Level::Object, 0, 0)?, map, &mut kids)?;
        if let Some(e) = &a.embedded {
            let inner = write_message(e, Level::Embedded, map, depth + 1)?;
            kids.push(Node::storage(
                ATTACH_OBJECT,
                Guid::from_u128(0x0002_0D0B_0000_0000_C000_0000_0000_0046),
                inner,
            ));
        } else if let Some(s) = &a.storage {
            kids.push(from_storage(ATTACH_OBJECT, s));
        }
        if let Some(NodeKind::Stream(d)) = kids
            .first_mut()
            .map(|ps| &mut ps.kind)
            .filter(|_| a.embedded.is_some() || a.storage.is_some())
        {
            let d = d.to_mut();
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
