//! [MS-OXMSG] 2.2.3 Named Property Mapping Storage (`__nameid_version1.0`).

use std::borrow::Cow;

use ms_cfb::CompoundFile;
use ms_dtyp::Guid;
use ms_oxcdata::{NameId, PropertyName};
use ms_oxcmsg::NamedPropertyMap;
use ms_oxprops::sets;
use msox_codec::{ErrorKind, Reader, Result, Utf16String};

use crate::tree::Node;

/// The storage's name.
pub const NAMEID_STORAGE: &str = "__nameid_version1.0";
/// [MS-OXMSG] 2.2.3.1.1 GUID stream.
pub const GUID_STREAM: &str = "__substg1.0_00020102";
/// [MS-OXMSG] 2.2.3.1.2 entry stream.
pub const ENTRY_STREAM: &str = "__substg1.0_00030102";
/// [MS-OXMSG] 2.2.3.1.3 string stream.
pub const STRING_STREAM: &str = "__substg1.0_00040102";

/// [MS-OXMSG] 2.2.3.1.2: the "Index and Kind Information" field.
fn index_kind(prop_index: u16, guid_index: u16, string: bool) -> u32 {
    (u32::from(prop_index) << 16) | (u32::from(guid_index & 0x7FFF) << 1) | u32::from(string)
}

/// [MS-OXMSG] 2.2.3.2.2.1 Stream ID Equation: the property ID to property
/// name mapping stream an entry is listed in.
pub fn mapping_stream_id(name: &NameId, guid_index: u16) -> u16 {
    let (id, kind) = match name {
        NameId::Lid(l) => (*l, 0u32),
        NameId::Name(n) => (name_crc(n), 1u32),
    };
    let x = id ^ ((u32::from(guid_index) << 1) | kind);
    0x1000 + (x % 0x1F) as u16
}

/// The CRC-32 of a name in UTF-16LE, as [MS-OXRTFCP] 3.1.3.2 computes it
/// (what [MS-OXMSG] 2.2.3.1.2 uses for string named properties).
pub fn name_crc(n: &Utf16String) -> u32 {
    ms_oxrtfcp::crc::crc32(&n.to_le_bytes())
}

/// Reads the mapping of the file's root storage, in the session: an entry
/// that cannot be mapped (a GUID index past the GUID stream, a string
/// offset past the string stream, an ID mapped twice) is a defect at its
/// bytes in the entry stream, and the rest is read.
pub(crate) fn read<'a>(r: &mut Reader<'a>, cf: &CompoundFile<'a>) -> Result<NamedPropertyMap> {
    let mut map = NamedPropertyMap::new();
    let Some(st) = cf
        .child(0, NAMEID_STORAGE)
        .filter(|&c| cf.entry(c).is_some_and(|e| e.is_storage()))
    else {
        return Ok(map);
    };
    r.frame("NamedPropertyMap", |r| {
        let bytes_of = |r: &mut Reader<'a>, name: &str| -> Result<Cow<'a, [u8]>> {
            match cf.child(st, name).filter(|&c| cf.is_readable_stream(c)) {
                Some(id) => cf.stream_bytes(r, id),
                None => Ok(Cow::Borrowed(&[])),
            }
        };
        let guid_bytes = bytes_of(r, GUID_STREAM)?;
        let (chunks, _) = guid_bytes.as_chunks::<16>();
        let guids: Vec<Guid> = chunks.iter().map(|c| Guid::from_le_bytes(*c)).collect();
        let strings = bytes_of(r, STRING_STREAM)?;
        let Some(es) = cf
            .child(st, ENTRY_STREAM)
            .filter(|&c| cf.is_readable_stream(c))
        else {
            return Ok(());
        };
        cf.read_stream(r, es, |s| {
            let n = s.remaining() / 8;
            for i in 0..n {
                s.frame_indexed("Entry", i, |s| read_entry(s, &guids, &strings, &mut map))?;
            }
            Ok(())
        })
    })?;
    Ok(map)
}

/// [MS-OXMSG] 2.2.3.1.2 one entry of the entry stream.
fn read_entry(
    s: &mut Reader<'_>,
    guids: &[Guid],
    strings: &[u8],
    map: &mut NamedPropertyMap,
) -> Result<()> {
    let at = s.pos();
    let name_or_offset = s.u32()?;
    let ik = s.u32()?;
    let string = ik & 1 == 1;
    let guid_index = ((ik >> 1) & 0x7FFF) as usize;
    let prop_index = (ik >> 16) as u16;
    let skip = "entry not mapped";
    let guid = match guid_index {
        1 => sets::PS_MAPI,
        2 => sets::PS_PUBLIC_STRINGS,
        g => match g.checked_sub(3).and_then(|k| guids.get(k)) {
            Some(g) => *g,
            None => {
                return s.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "GUID index {g}, but the GUID stream holds {} GUIDs",
                            guids.len()
                        )
                        .into(),
                    ),
                    at + 4,
                    skip,
                );
            }
        },
    };
    let id = if string {
        let off = name_or_offset as usize;
        let len = strings
            .get(off..off.saturating_add(4))
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_le_bytes);
        let body = len.and_then(|l| strings.get(off + 4..(off + 4).saturating_add(l as usize)));
        match body {
            Some(b) => NameId::Name(Utf16String::from_le_bytes(b)),
            None => {
                return s.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "string offset {off} outside the string stream ({} bytes)",
                            strings.len()
                        )
                        .into(),
                    ),
                    at,
                    skip,
                );
            }
        }
    } else {
        NameId::Lid(name_or_offset)
    };
    let Some(pid) = 0x8000u16.checked_add(prop_index).filter(|p| *p <= 0xFFFE) else {
        return s.defect_at(
            ErrorKind::InvalidValue {
                field: "Property Index",
                value: prop_index.into(),
            },
            at + 6,
            skip,
        );
    };
    if !map.insert(pid, PropertyName { guid, id }) {
        s.defect_at(
            ErrorKind::Malformed(format!("property ID 0x{pid:04X} is mapped twice").into()),
            at + 6,
            "the first mapping kept",
        )?;
    }
    Ok(())
}

/// Builds the storage for a map whose IDs are all 0x8000 and above.
pub(crate) fn write(map: &NamedPropertyMap) -> Node {
    let mut guids: Vec<Guid> = Vec::new();
    let mut entries = Vec::new();
    let mut strings = Vec::new();
    let mut hashed: std::collections::BTreeMap<u16, Vec<u8>> = std::collections::BTreeMap::new();
    let mut by_id: Vec<(u16, &PropertyName)> = map.iter().collect();
    by_id.sort_by_key(|(id, _)| *id);
    for (id, name) in by_id {
        let prop_index = id - 0x8000;
        let guid_index: u16 = if name.guid == sets::PS_MAPI {
            1
        } else if name.guid == sets::PS_PUBLIC_STRINGS {
            2
        } else {
            let pos = match guids.iter().position(|g| *g == name.guid) {
                Some(p) => p,
                None => {
                    guids.push(name.guid);
                    guids.len() - 1
                }
            };
            3 + pos as u16
        };
        let (first, string, hash_first) = match &name.id {
            NameId::Lid(l) => (*l, false, *l),
            NameId::Name(n) => {
                let off = strings.len() as u32;
                let b = n.to_le_bytes();
                strings.extend_from_slice(&(b.len() as u32).to_le_bytes());
                strings.extend_from_slice(&b);
                while strings.len() % 4 != 0 {
                    strings.push(0);
                }
                (off, true, name_crc(n))
            }
        };
        let ik = index_kind(prop_index, guid_index, string);
        entries.extend_from_slice(&first.to_le_bytes());
        entries.extend_from_slice(&ik.to_le_bytes());
        let h = hashed
            .entry(mapping_stream_id(&name.id, guid_index))
            .or_default();
        h.extend_from_slice(&hash_first.to_le_bytes());
        h.extend_from_slice(&ik.to_le_bytes());
    }
    let mut children = vec![
        Node::stream(
            GUID_STREAM,
            guids.iter().flat_map(|g| g.to_le_bytes()).collect(),
        ),
        Node::stream(ENTRY_STREAM, entries),
        Node::stream(STRING_STREAM, strings),
    ];
    for (sid, data) in hashed {
        children.push(Node::stream(format!("__substg1.0_{sid:04X}0102"), data));
    }
    Node::storage(NAMEID_STORAGE, Guid::NIL, children)
}
