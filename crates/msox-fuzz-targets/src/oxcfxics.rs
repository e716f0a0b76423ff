//! ms-oxcfxics: the FastTransfer stream (one-shot and in pieces), the
//! message model, and the ICS structures. The stream and the structures
//! are lossless; the message model round-trips the model.

use ms_dtyp::Guid;
use ms_oxcfxics::{
    Cn, ExtendedErrorInfo, FolderReplicaInfo, FxContext, GlobSet, IdSet, PredecessorChangeList,
    ProgressInformation, PropertyGroupInfo, Root, SizedXid, Xid, decode_message_content,
    decode_message_pieces, encode_events, encode_message_content, parse_pieces, parse_stream,
};

use crate::{roundtrip, roundtrip_type};

const ROOTS: [Root; 8] = [
    Root::MessageContent,
    Root::ContentsSync,
    Root::HierarchySync,
    Root::TopFolder,
    Root::FolderContent,
    Root::MessageList,
    Root::AttachmentContent,
    Root::State,
];

/// Cuts `b` into pieces of 1 to 23 bytes at pseudo-random points derived
/// from its length and contents (the same cuts for the same input).
fn random_pieces(b: &[u8]) -> Vec<&[u8]> {
    let mut seed = (b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ b.iter()
            .take(64)
            .fold(0u64, |a, &x| a.rotate_left(5) ^ u64::from(x));
    let mut out = Vec::new();
    let mut rest = b;
    while !rest.is_empty() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (1 + (seed % 23) as usize).min(rest.len());
        let (a, r) = rest.split_at(n);
        out.push(a);
        rest = r;
    }
    out
}

/// ms-oxcfxics `parse_stream` / `parse_pieces`, under every root: one buffer and pseudo-random pieces give the same events (by
/// `Debug`: values may be NaN) or both fail, in both modes; the events
/// write back (`encode_events`) to exactly the stream.
pub fn oxcfxics_stream(data: &[u8]) {
    for root in ROOTS {
        stream(data, root);
    }
}

fn stream(data: &[u8], root: Root) {
    roundtrip(data, true, |b, o| {
        parse_stream(b, root, o).map(|d| d.map(|ev| encode_events(&ev)))
    });
    for o in crate::MODES {
        let one = parse_stream(data, root, &o);
        let pieces = parse_pieces(random_pieces(data), root, &o);
        match (&one, &pieces) {
            (Ok(a), Ok(b)) => assert_eq!(
                format!("{:?}", a.value),
                format!("{:?}", b.value),
                "one buffer and pieces give different events"
            ),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("one buffer: {a:?}\npieces: {b:?}"),
        }
    }
}

/// ms-oxcfxics `decode_message_pieces` (messageContent into the message
/// model): pieces and one buffer agree; a message read writes
/// (`encode_message_content`, when it can) to a stream that reads back
/// and writes to the same bytes (a fixed point of the model).
pub fn oxcfxics_message(data: &[u8]) {
    let _ = crate::both(data, decode_message_content);
    for o in crate::MODES {
        let one = decode_message_content(data, &o);
        let pieces = decode_message_pieces(random_pieces(data), &o, FxContext::default());
        match (&one, &pieces) {
            // Compared by what they write (values may be NaN).
            (Ok(a), Ok(b)) => assert!(
                encode_message_content(&a.value).ok() == encode_message_content(&b.value).ok(),
                "one buffer and pieces give different messages"
            ),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("one buffer: {a:?}\npieces: {b:?}"),
        }
    }
    let Ok(m) = decode_message_content(data, &crate::lenient()) else {
        return;
    };
    // Writing can fail cleanly (an OLE storage attachment).
    let Ok(out) = encode_message_content(&m.value) else {
        return;
    };
    let back = decode_message_content(&out, &crate::lenient())
        .unwrap_or_else(|e| panic!("a written message does not read back: {e}\n{out:02x?}"));
    let again = encode_message_content(&back.value).expect("a read-back message writes");
    assert!(again == out, "write -> read -> write is not a fixed point");
}

/// ms-oxcfxics `IdSet::decode_bytes`, REPLID and REPLGUID replicas:
/// byte-exact.
pub fn oxcfxics_idset(data: &[u8]) {
    roundtrip_type!(data, true, IdSet<u16>);
    roundtrip_type!(data, true, IdSet<Guid>);
}

/// ms-oxcfxics `PredecessorChangeList::decode_bytes`: byte-exact.
pub fn oxcfxics_pcl(data: &[u8]) {
    roundtrip_type!(data, true, PredecessorChangeList);
}

/// ms-oxcfxics `GlobSet::decode_bytes`: byte-exact.
pub fn oxcfxics_globset(data: &[u8]) {
    roundtrip_type!(data, true, GlobSet);
}

/// ms-oxcfxics `Xid::decode_bytes`: byte-exact.
pub fn oxcfxics_xid(data: &[u8]) {
    roundtrip_type!(data, true, Xid);
}

/// ms-oxcfxics `SizedXid::decode_bytes`: byte-exact.
pub fn oxcfxics_sized_xid(data: &[u8]) {
    roundtrip_type!(data, true, SizedXid);
}

/// ms-oxcfxics `Cn::decode_bytes`: byte-exact.
pub fn oxcfxics_cn(data: &[u8]) {
    roundtrip_type!(data, true, Cn);
}

/// ms-oxcfxics `ProgressInformation::decode_bytes`: byte-exact.
pub fn oxcfxics_progress_information(data: &[u8]) {
    roundtrip_type!(data, true, ProgressInformation);
}

/// ms-oxcfxics `PropertyGroupInfo::decode_bytes`: byte-exact.
pub fn oxcfxics_property_group_info(data: &[u8]) {
    roundtrip_type!(data, true, PropertyGroupInfo);
}

/// ms-oxcfxics `FolderReplicaInfo::decode_bytes`: byte-exact.
pub fn oxcfxics_folder_replica_info(data: &[u8]) {
    roundtrip_type!(data, true, FolderReplicaInfo);
}

/// ms-oxcfxics `ExtendedErrorInfo::decode_bytes`: byte-exact.
pub fn oxcfxics_extended_error_info(data: &[u8]) {
    roundtrip_type!(data, true, ExtendedErrorInfo);
}
