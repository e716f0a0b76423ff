//! [MS-OXMSG] 2.1-2.4 reading: message, recipient and attachment storages,
//! the property stream and the value streams, from ms-cfb's
//! [`CompoundFile`] in one decoding session.
//!
//! A thin layer over `ms-oxcdata`: fixed-size values are read in place in
//! the property stream with [`read_fixed`] (which applies the PtypBoolean
//! policy), types the spec does not define go through
//! [`unknown_type_policy`] (the 8-byte value field delimits them), and
//! values kept as bytes are [`PropertyValue::Raw`] in [`ValueEncoding::Msg`].

use std::borrow::Cow;

use ms_cfb::CompoundFile;
use ms_oxcdata::{
    PropertyTag, PropertyType, PropertyValue, Restriction, ValueContext, ValueEncoding, read_fixed,
    unknown_type_policy,
};
use ms_oxcmsg::{
    AttachMethod, Attachment, Message, NamedPropertyMap, PropId, Property, PropertyBag, Recipient,
    Storage, StorageEntry,
};
use ms_oxprops::tags;
use msox_codec::{CodePage, Error, ErrorKind, Reader, Result, String8, Utf16String};

use crate::message::{
    ATTACH_OBJECT, ATTACH_PREFIX, Level, PROPERTIES_STREAM, RECIP_PREFIX, Storing,
    ansi_code_page_for_lcid, storing, substg,
};

/// The value context of .msg for values whose layout needs one
/// (PtypRestriction streams): 32-bit counts.
pub(crate) fn value_context(cp: CodePage) -> ValueContext {
    ValueContext::EXTENDED_RULE
        .with_code_page(cp)
        .with_encoding(ValueEncoding::Msg)
}

/// Whether an error must end the decode even in lenient mode: the nesting
/// limit (embedded messages or storages too deep).
pub(crate) fn is_depth_limit(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::LimitExceeded {
            what: "nesting depth",
            ..
        }
    )
}

/// The bytes of a stream that the model is about to copy: charged to the
/// session's allocation budget (ms-cfb charges the copies it makes itself,
/// of streams whose sectors are scattered).
fn charged<'a>(r: &mut Reader<'a>, cf: &CompoundFile<'a>, id: u32) -> Result<Cow<'a, [u8]>> {
    let b = cf.stream_bytes(r, id)?;
    if let Cow::Borrowed(s) = &b {
        r.reserve(s.len(), "stream copy")?;
    }
    Ok(b)
}

/// The bytes of a stream, owned by the model (see [`charged`]).
pub(crate) fn copy_stream<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    id: u32,
) -> Result<Vec<u8>> {
    charged(r, cf, id).map(Cow::into_owned)
}

/// The children of `st` that are storages named `prefix` + a hex number,
/// by number.
fn numbered(cf: &CompoundFile<'_>, st: u32, prefix: &str) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = cf
        .children(st)
        .iter()
        .filter_map(|&c| {
            let e = cf.entry(c)?;
            if !e.is_storage() || !e.name.is_valid() {
                return None;
            }
            let name = e.name.as_str();
            let rest = name
                .get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .and(name.get(prefix.len()..))?;
            u32::from_str_radix(rest, 16).ok().map(|n| (n, c))
        })
        .collect();
    v.sort_by_key(|(n, _)| *n);
    v
}

/// The value streams of one storage by (tag, value index): `u32::MAX` for
/// `__substg1.0_TTTTTTTT`, `i` for `__substg1.0_TTTTTTTT-0000000i`; sorted
/// for binary search. Of two streams with the same key, the first wins.
struct Streams(Vec<((u32, u32), u32)>);

impl Streams {
    fn of(cf: &CompoundFile<'_>, st: u32) -> Self {
        let mut m = Vec::with_capacity(cf.children(st).len());
        for &c in cf.children(st) {
            let Some(e) = cf.entry(c).filter(|e| e.is_stream() && e.name.is_valid()) else {
                continue;
            };
            let name = e.name.as_str();
            let Some(rest) = name
                .get(..12)
                .filter(|p| p.eq_ignore_ascii_case("__substg1.0_"))
                .and(name.get(12..))
            else {
                continue;
            };
            let (tag, idx) = match rest.split_once('-') {
                Some((t, i)) => (t, u32::from_str_radix(i, 16).ok()),
                None => (rest, Some(u32::MAX)),
            };
            if let (Ok(t), Some(i)) = (u32::from_str_radix(tag, 16), idx) {
                m.push(((t, i), c));
            }
        }
        m.sort_by_key(|&(k, _)| k);
        m.dedup_by_key(|&mut (k, _)| k);
        Streams(m)
    }

    fn find(&self, key: (u32, u32)) -> Option<u32> {
        let i = self.0.binary_search_by_key(&key, |&(k, _)| k).ok()?;
        self.0.get(i).map(|&(_, d)| d)
    }

    fn get(&self, tag: u32) -> Option<u32> {
        self.find((tag, u32::MAX))
    }

    fn value(&self, tag: u32, i: usize) -> Option<u32> {
        self.find((tag, u32::try_from(i).ok()?))
    }
}

/// One property entry of a property stream.
struct Entry {
    /// Its index in the stream.
    index: usize,
    tag: PropertyTag,
    flags: u32,
    /// The value, when the entry holds it (fixed size, or a type the spec
    /// does not define).
    value: Option<PropertyValue>,
}

fn read_entry(s: &mut Reader<'_>, index: usize) -> Result<Entry> {
    let at = s.pos();
    let tag = PropertyTag::from_u32(s.u32()?);
    let flags = s.u32()?;
    let value_at = s.pos();
    let t = tag.prop_type;
    let value = match storing(t) {
        Storing::Inline => {
            // 2.4.2.1.1: the value, then reserved bytes up to 8 that a
            // reader ignores.
            let v = read_fixed(s, t, ValueEncoding::Msg)?;
            s.seek(value_at + 8)?;
            v
        }
        Storing::Unknown => {
            unknown_type_policy(s, t, at, true)?;
            let bytes = s.bytes(8)?.to_vec();
            Some(PropertyValue::Raw {
                prop_type: t,
                bytes,
                encoding: ValueEncoding::Msg,
            })
        }
        Storing::Stream | Storing::Multi => {
            s.skip(8)?;
            None
        }
    };
    Ok(Entry {
        index,
        tag,
        flags,
        value,
    })
}

/// The code page of the 8-bit strings of one object, from its entries:
/// PidTagMessageCodepage (0x3FFD, [MS-OXCMSG] 2.2.1.4) where present, else
/// the Windows ANSI code page of PidTagMessageLocaleId (0x3FF1). Not
/// PidTagInternetCodepage (0x3FDE): that is the code page of the body in
/// MIME (50220, ISO-2022-JP, for a Japanese message whose 8-bit properties
/// are Shift-JIS).
fn code_page_of(entries: &[Entry]) -> Option<CodePage> {
    let find = |want: u32| {
        entries.iter().find_map(|e| match e.value {
            Some(PropertyValue::Integer32(v)) if e.tag.to_u32() == want && v != 0 => Some(v as u32),
            _ => None,
        })
    };
    find(0x3FFD_0003)
        .map(CodePage)
        .or_else(|| find(0x3FF1_0003).map(ansi_code_page_for_lcid))
}

fn strip_nul16(b: &[u8]) -> &[u8] {
    let mut b = b;
    // An odd length is broken anyway; trailing zero pairs are still taken
    // as terminators, as the writer adds one after the kept bytes (write ->
    // read -> write is then a fixed point).
    while let Some(rest) = b.strip_suffix(&[0, 0]) {
        b = rest;
    }
    b
}

fn strip_nul8(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    b.get(..end).unwrap_or(b)
}

/// Reads the property stream and value streams of storage `st` into a bag.
/// A storage without a property stream is an error at its directory entry.
pub(crate) fn read_bag<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
) -> Result<PropertyBag> {
    read_bag_leaving_data(r, cf, st, level, map, cp, false).map(|(bag, _)| bag)
}

/// PidTagAttachDataBinary's tag as the property stream lists it.
const ATTACH_DATA_BINARY: u32 = 0x3701_0102;

/// [`read_bag`]; with `leave_data`, a readable PidTagAttachDataBinary
/// stream is not copied into the bag: its stream ID is returned instead.
fn read_bag_leaving_data<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
    leave_data: bool,
) -> Result<(PropertyBag, Option<u32>)> {
    let Some(ps) = cf
        .child(st, PROPERTIES_STREAM)
        .filter(|&c| cf.is_readable_stream(c))
    else {
        let at = cf.entry_pos(st).unwrap_or(r.pos());
        return Err(r.error_at(
            ErrorKind::Malformed(format!("no {PROPERTIES_STREAM} stream").into()),
            at,
        ));
    };
    r.frame("PropertyStream", |r| {
        let hl = level.header_len();
        let entries = cf.read_stream(r, ps, |s| {
            if s.remaining() < hl {
                s.defect(
                    ErrorKind::UnexpectedEnd {
                        needed: hl as u64,
                        available: s.remaining() as u64,
                    },
                    "no property read",
                )?;
                return Ok(Vec::new());
            }
            s.skip(hl)?;
            let n = s.remaining() / 16;
            let rest = s.remaining() % 16;
            if rest != 0 {
                s.defect_at(
                    ErrorKind::TrailingBytes { count: rest as u64 },
                    s.pos() + n * 16,
                    "bytes after the last entry ignored",
                )?;
            }
            s.check_count(n as u64, 16, "property entries")?;
            let mut out = Vec::with_capacity(n);
            for k in 0..n {
                out.push(s.frame_indexed("Property", k, |s| read_entry(s, k))?);
            }
            Ok(out)
        })?;
        let cp = code_page_of(&entries).unwrap_or(cp);
        let streams = Streams::of(cf, st);
        let mut bag = PropertyBag::with_capacity(entries.len());
        let mut left = None;
        // The entries are taken from the end of the reversed list, which
        // gives its memory back as the bag fills: a stream of many
        // properties does not hold both whole at once.
        let mut entries = entries;
        entries.reverse();
        while let Some(e) = entries.pop() {
            if entries.capacity() > 4096 && entries.len() < entries.capacity() / 2 {
                entries.shrink_to_fit();
            }
            if e.tag.to_u32() == 0x3701_000D {
                continue; // the attachment object storage is read by the caller
            }
            if leave_data
                && left.is_none()
                && e.tag.to_u32() == ATTACH_DATA_BINARY
                && let Some(sid) = streams
                    .get(ATTACH_DATA_BINARY)
                    .filter(|&sid| cf.is_readable_stream(sid))
            {
                left = Some(sid);
                continue;
            }
            let pos = cf.stream_pos(ps, hl + 16 * e.index).unwrap_or(r.pos());
            let value = match e.value {
                Some(v) => v,
                None => {
                    let read = r.attempt(|r| {
                        r.frame_indexed("Property", e.index, |r| {
                            stream_value(r, cf, &streams, e.tag, cp, pos)
                        })
                    });
                    match read {
                        Ok(Some(v)) => v,
                        Ok(None) => continue,
                        Err(err) if is_depth_limit(&err) => return Err(err),
                        Err(err) => {
                            r.tolerate(err, "property left out")?;
                            continue;
                        }
                    }
                }
            };
            let id = e.tag.id;
            let (pid, mapped_id) = if id >= 0x8000 {
                match map.name(id) {
                    Some(n) => (PropId::Named(n.clone()), Some(id)),
                    None => {
                        r.frame_indexed("Property", e.index, |r| {
                            r.defect_at(
                                ErrorKind::Malformed(
                                    format!(
                                        "property ID 0x{id:04X} has no entry in the named property map"
                                    )
                                    .into(),
                                ),
                                pos,
                                "kept under its ID",
                            )
                        })?;
                        (PropId::Tag(id), None)
                    }
                }
            } else {
                (PropId::Tag(id), None)
            };
            bag.push(Property {
                id: pid,
                value,
                mapped_id,
                flags: Some(e.flags),
            });
        }
        Ok((bag, left))
    })
}

/// A value the spec stores in a stream: `None` (with a defect) when the
/// stream is missing.
fn stream_value<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    streams: &Streams,
    tag: PropertyTag,
    cp: CodePage,
    pos: usize,
) -> Result<Option<PropertyValue>> {
    use PropertyType as T;
    use PropertyValue as V;
    let t = tag.prop_type;
    let Some(sid) = streams.get(tag.to_u32()) else {
        r.defect_at(
            ErrorKind::Malformed(format!("no value stream {}", substg(tag.to_u32())).into()),
            pos,
            "property left out",
        )?;
        return Ok(None);
    };
    let raw = |bytes: Vec<u8>| V::Raw {
        prop_type: t,
        bytes,
        encoding: ValueEncoding::Msg,
    };
    if t.is_multiple() {
        return multi_value(r, cf, streams, tag, sid, cp, pos);
    }
    Ok(Some(match t {
        T::Guid => {
            if cf.stream_len(sid) == Some(16) {
                cf.read_stream(r, sid, |s| {
                    let at = s.pos();
                    read_fixed(s, T::Guid, ValueEncoding::Msg)?
                        .ok_or_else(|| s.invalid_at("PropertyType", 0x48, at))
                })?
            } else {
                let at = cf.stream_pos(sid, 0).unwrap_or(pos);
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "PtypGuid stream size",
                        value: cf.stream_len(sid).unwrap_or(0) as u64,
                    },
                    at,
                    "value kept as raw bytes",
                )?;
                raw(copy_stream(r, cf, sid)?)
            }
        }
        T::String => V::String(Utf16String::from_le_bytes(strip_nul16(&charged(
            r, cf, sid,
        )?))),
        T::String8 => {
            let b = charged(r, cf, sid)?;
            V::String8(String8::new(strip_nul8(&b).to_vec(), cp))
        }
        T::Binary => V::Binary(copy_stream(r, cf, sid)?),
        T::Object => V::Object(copy_stream(r, cf, sid)?),
        T::ServerId => V::ServerId(copy_stream(r, cf, sid)?),
        T::RuleAction => V::RuleAction {
            bytes: copy_stream(r, cf, sid)?,
            encoding: ValueEncoding::Msg,
        },
        _ => {
            // PtypRestriction, with 32-bit counts.
            let ctx = value_context(cp);
            let read = cf.read_stream(r, sid, |s| {
                s.attempt(|s| {
                    let x = Restriction::read(s, &ctx)?;
                    s.expect_end()?;
                    Ok(x)
                })
                .map(Some)
                .or_else(|e| {
                    if is_depth_limit(&e) {
                        return Err(e);
                    }
                    s.tolerate(e, "value kept as raw bytes")?;
                    Ok(None)
                })
            })?;
            match read {
                Some(x) => V::Restriction(Box::new(x)),
                None => raw(copy_stream(r, cf, sid)?),
            }
        }
    }))
}

/// [MS-OXMSG] 2.4.2.2 a multiple-valued property: fixed-size elements in
/// one stream; variable-size ones with a length stream and one stream per
/// value.
#[allow(clippy::too_many_arguments)] // the storage's state, in one place
fn multi_value<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    streams: &Streams,
    tag: PropertyTag,
    main: u32,
    cp: CodePage,
    pos: usize,
) -> Result<Option<PropertyValue>> {
    use PropertyType as T;
    use PropertyValue as V;
    let t = tag.prop_type;
    let elem = t.element_type();
    let len = cf.stream_len(main).unwrap_or(0);
    let at = cf.stream_pos(main, 0).unwrap_or(pos);
    if let Some(size) = elem.fixed_size() {
        if !len.is_multiple_of(size) {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "multiple-valued stream size",
                    value: len as u64,
                },
                at,
                "value kept as raw bytes",
            )?;
            return Ok(Some(V::Raw {
                prop_type: t,
                bytes: copy_stream(r, cf, main)?,
                encoding: ValueEncoding::Msg,
            }));
        }
        let items = cf.read_stream(r, main, |s| {
            let n = s.check_count((len / size) as u64, size, "values")?;
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                if let Some(x) = read_fixed(s, elem, ValueEncoding::Msg)? {
                    v.push(x);
                }
            }
            Ok(v)
        })?;
        macro_rules! collect {
            ($multi:ident, $one:ident) => {
                V::$multi(
                    items
                        .into_iter()
                        .filter_map(|v| match v {
                            V::$one(x) => Some(x),
                            _ => None,
                        })
                        .collect(),
                )
            };
        }
        return Ok(Some(match t {
            T::MultipleInteger16 => collect!(MultipleInteger16, Integer16),
            T::MultipleInteger32 => collect!(MultipleInteger32, Integer32),
            T::MultipleFloating32 => collect!(MultipleFloating32, Floating32),
            T::MultipleFloating64 => collect!(MultipleFloating64, Floating64),
            T::MultipleCurrency => collect!(MultipleCurrency, Currency),
            T::MultipleFloatingTime => collect!(MultipleFloatingTime, FloatingTime),
            T::MultipleInteger64 => collect!(MultipleInteger64, Integer64),
            T::MultipleTime => collect!(MultipleTime, Time),
            _ => collect!(MultipleGuid, Guid),
        }));
    }
    // Variable-size elements: the main stream holds the lengths (4 bytes
    // each for strings, 8 for binaries), one stream per value.
    let per = if elem == T::Binary { 8 } else { 4 };
    let n = len / per;
    if !len.is_multiple_of(per) {
        r.defect_at(
            ErrorKind::TrailingBytes {
                count: (len % per) as u64,
            },
            cf.stream_pos(main, n * per).unwrap_or(at),
            "bytes after the last length ignored",
        )?;
    }
    r.check_count(n as u64, 0, "values")?;
    let mut ids = Vec::with_capacity(n.min(4096));
    let mut missing = 0;
    for i in 0..n {
        match streams.value(tag.to_u32(), i) {
            Some(id) => ids.push(id),
            None => missing += 1,
        }
    }
    if missing > 0 {
        r.defect_at(
            ErrorKind::Malformed(
                format!(
                    "{missing} of the {n} value streams of {} missing",
                    substg(tag.to_u32())
                )
                .into(),
            ),
            pos,
            "property left out",
        )?;
        return Ok(None);
    }
    Ok(Some(match t {
        T::MultipleString => {
            let mut v = Vec::with_capacity(ids.len());
            for id in ids {
                v.push(Utf16String::from_le_bytes(strip_nul16(&charged(
                    r, cf, id,
                )?)));
            }
            V::MultipleString(v)
        }
        T::MultipleString8 => {
            let mut v = Vec::with_capacity(ids.len());
            for id in ids {
                let b = charged(r, cf, id)?;
                v.push(String8::new(strip_nul8(&b).to_vec(), cp));
            }
            V::MultipleString8(v)
        }
        _ => {
            let mut v = Vec::with_capacity(ids.len());
            for id in ids {
                v.push(copy_stream(r, cf, id)?);
            }
            V::MultipleBinary(v)
        }
    }))
}

/// Reads a message storage (top level or embedded): properties,
/// recipients, attachments. Embedded messages are read from the same file,
/// one nesting level each.
pub(crate) fn read_message<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
) -> Result<Message> {
    read_message_leaving_data(r, cf, st, level, map, cp, None)
}

/// [`read_message`]; with `data`, each attachment's PidTagAttachDataBinary
/// stream is left in the file and its ID pushed to `data` (one entry per
/// attachment of the message, `None` where the bag holds the data or
/// there is none).
pub(crate) fn read_message_leaving_data<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
    level: Level,
    map: &NamedPropertyMap,
    cp: CodePage,
    mut data: Option<&mut Vec<Option<u32>>>,
) -> Result<Message> {
    let properties = read_bag(r, cf, st, level, map, cp)?;
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
    for (n, id) in numbered(cf, st, RECIP_PREFIX) {
        let read = r.frame_indexed("Recipient", n as usize, |r| {
            read_bag(r, cf, id, Level::Object, map, cp)
        });
        match read {
            Ok(properties) => m.recipients.push(Recipient { properties }),
            Err(e) if is_depth_limit(&e) => return Err(e),
            Err(e) => r.tolerate(e, "recipient left out")?,
        }
    }
    for (n, id) in numbered(cf, st, ATTACH_PREFIX) {
        let leave = data.is_some();
        let read = r.frame_indexed("Attachment", n as usize, |r| {
            read_attachment(r, cf, id, map, cp, leave)
        });
        match read {
            Ok((a, sid)) => {
                m.attachments.push(a);
                if let Some(d) = data.as_deref_mut() {
                    d.push(sid);
                }
            }
            Err(e) if is_depth_limit(&e) => return Err(e),
            Err(e) => r.tolerate(e, "attachment left out")?,
        }
    }
    Ok(m)
}

fn read_attachment<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
    map: &NamedPropertyMap,
    cp: CodePage,
    leave_data: bool,
) -> Result<(Attachment, Option<u32>)> {
    let (properties, data) = read_bag_leaving_data(r, cf, st, Level::Object, map, cp, leave_data)?;
    let mut att = Attachment {
        properties,
        embedded: None,
        storage: None,
    };
    let Some(obj) = cf
        .child(st, ATTACH_OBJECT)
        .filter(|&c| cf.entry(c).is_some_and(|e| e.is_storage()))
    else {
        return Ok((att, data));
    };
    if att.method() == Some(AttachMethod::EmbeddedMessage) {
        let read = r.attempt(|r| {
            r.nest("EmbeddedMessage", |r| {
                read_message(r, cf, obj, Level::Embedded, map, cp)
            })
        });
        match read {
            Ok(e) => att.embedded = Some(Box::new(e)),
            Err(e) if is_depth_limit(&e) => return Err(e),
            Err(e) => {
                r.tolerate(e, "embedded message kept as a storage")?;
                att.storage = Some(read_storage(r, cf, obj)?);
            }
        }
    } else {
        att.storage = Some(read_storage(r, cf, obj)?);
    }
    Ok((att, data))
}

/// A storage of the file as the model's [`Storage`] (an OLE attachment):
/// one nesting level per storage.
pub(crate) fn read_storage<'a>(
    r: &mut Reader<'a>,
    cf: &CompoundFile<'a>,
    st: u32,
) -> Result<Storage> {
    r.nest("Storage", |r| {
        let mut entries = Vec::with_capacity(cf.children(st).len());
        for &c in cf.children(st) {
            let Some(e) = cf.entry(c) else { continue };
            if e.is_stream() {
                entries.push(StorageEntry::Stream {
                    name: e.name.clone(),
                    data: copy_stream(r, cf, c)?,
                });
            } else if e.is_storage() {
                entries.push(StorageEntry::Storage {
                    name: e.name.clone(),
                    storage: read_storage(r, cf, c)?,
                });
            }
        }
        Ok(Storage {
            clsid: cf.entry(st).map_or(ms_dtyp::Guid::NIL, |e| e.clsid),
            entries,
        })
    })
}
