//! [MS-OXMSG] 2.2.3 Named Property Mapping Storage (`__nameid_version1.0`).

use ms_dtyp::Guid;
use ms_oxcdata::{NameId, PropertyName};
use ms_oxcmsg::NamedPropertyMap;
use ms_oxprops::sets;
use msox_codec::Utf16String;

use crate::Defect;
use crate::tree::{Node, NodeExt};

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

/// Reads the mapping; problems become defects and the rest is read.
pub(crate) fn read(root: &Node<'_>, defects: &mut Vec<Defect>) -> NamedPropertyMap {
    let mut map = NamedPropertyMap::new();
    let Some(st) = root.child_storage(NAMEID_STORAGE) else {
        return map;
    };
    let guids: Vec<Guid> = st
        .child_stream(GUID_STREAM)
        .unwrap_or_default()
        .chunks_exact(16)
        .filter_map(|c| <[u8; 16]>::try_from(c).ok().map(Guid::from_le_bytes))
        .collect();
    let strings = st.child_stream(STRING_STREAM).unwrap_or_default();
    let entries = st.child_stream(ENTRY_STREAM).unwrap_or_default();
    for (i, e) in entries.chunks_exact(8).enumerate() {
        let word = |k: usize| {
            e.get(k..k + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, u32::from_le_bytes)
        };
        let (name_or_offset, ik) = (word(0), word(4));
        let string = ik & 1 == 1;
        let guid_index = ((ik >> 1) & 0x7FFF) as usize;
        let prop_index = (ik >> 16) as u16;
        let guid = match guid_index {
            1 => sets::PS_MAPI,
            2 => sets::PS_PUBLIC_STRINGS,
            g if g >= 3 => match guids.get(g - 3) {
                Some(g) => *g,
                None => {
                    defects.push(Defect::NamedProperty(format!(
                        "entry {i}: GUID index {g} but the GUID stream holds {}",
                        guids.len()
                    )));
                    continue;
                }
            },
            g => {
                defects.push(Defect::NamedProperty(format!("entry {i}: GUID index {g}")));
                continue;
            }
        };
        let id = match NameId::Lid(name_or_offset) {
            NameId::Lid(l) if !string => NameId::Lid(l),
            _ => {
                let off = name_or_offset as usize;
                let len = strings
                    .get(off..off.saturating_add(4))
                    .and_then(|b| <[u8; 4]>::try_from(b).ok())
                    .map(u32::from_le_bytes);
                let body =
                    len.and_then(|l| strings.get(off + 4..(off + 4).saturating_add(l as usize)));
                match body {
                    Some(b) => NameId::Name(Utf16String::from_le_bytes(b)),
                    None => {
                        defects.push(Defect::NamedProperty(format!(
                            "entry {i}: string offset {off} outside the string stream ({} bytes)",
                            strings.len()
                        )));
                        continue;
                    }
                }
            }
        };
        let Some(pid) = 0x8000u16.checked_add(prop_index).filter(|p| *p <= 0xFFFE) else {
            defects.push(Defect::NamedProperty(format!(
                "entry {i}: property index {prop_index}"
            )));
            continue;
        };
        if !map.insert(pid, PropertyName { guid, id }) {
            defects.push(Defect::NamedProperty(format!(
                "entry {i}: property ID 0x{pid:04X} mapped twice"
            )));
        }
    }
    map
}

/// Builds the storage for a map whose IDs are all 0x8000 and above.
pub(crate) fn write(map: &NamedPropertyMap) -> Node<'static> {
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
