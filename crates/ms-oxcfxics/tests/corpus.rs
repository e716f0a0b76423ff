//! The fxics corpus (`../shared/corpus/fxics`, or `$MSOX_CORPUS`): every
//! IDSET, PCL and XID decodes as its `.txt` / manifest note says (invalid
//! ones give errors at the stated offsets) and re-encodes byte for byte.
//! Skipped with a message when the corpus is absent (a failure when `CI`
//! is set).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcfxics::{GlobCntRange, IdSet, PredecessorChangeList, Replica, Xid};
use msox_codec::{Decode, Encode, encode_checked};
use msox_testkit::corpus;

fn txt_of(e: &corpus::Entry) -> String {
    std::fs::read_to_string(e.path.with_extension("txt")).unwrap_or_default()
}

/// OpenChange writes GLOBCNTs as the little-endian u64 of their six bytes;
/// this is the big-endian number msox uses.
fn from_openchange(v: u64) -> u64 {
    let b = v.to_le_bytes();
    u64::from_be_bytes([0, 0, b[0], b[1], b[2], b[3], b[4], b[5]])
}

/// The `[0x..0x]` ranges a `.txt` lists.
fn stated_ranges(txt: &str) -> Vec<GlobCntRange> {
    let mut out = Vec::new();
    let mut rest = txt;
    while let Some(i) = rest.find("[0x") {
        let seg = &rest[i + 1..];
        let end = seg.find(']').unwrap();
        let (lo, hi) = seg[..end].split_once("..").unwrap();
        let p = |s: &str| u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap();
        out.push(GlobCntRange::new(from_openchange(p(lo)), from_openchange(p(hi))).unwrap());
        rest = &seg[end..];
    }
    out
}

fn stated_number(txt: &str, key: &str) -> Option<usize> {
    let i = txt.find(key)? + key.len();
    let digits: String = txt[i..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

fn check_idset<R: Replica>(name: &str, bytes: &[u8], txt: &str) -> bool
where
    IdSet<R>: for<'a> Decode<'a> + Encode,
{
    let set = IdSet::<R>::decode_exact(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(encode_checked(&set).unwrap(), bytes, "{name}: re-encoding");
    let ranges: Vec<GlobCntRange> = set
        .entries()
        .iter()
        .flat_map(|e| e.globset.ranges().to_vec())
        .collect();
    if let Some(n) = stated_number(txt, "range_count=") {
        assert_eq!(ranges.len(), n, "{name}: range count");
    }
    let stated = stated_ranges(txt);
    if !stated.is_empty() {
        assert_eq!(ranges, stated, "{name}: ranges");
    }
    set.entries().iter().all(|e| e.globset.is_canonical())
}

#[test]
fn idsets_decode_as_stated_and_re_encode_byte_for_byte() {
    let files = corpus::files("fxics/idset", &[".bin"]);
    if files.is_empty() {
        return;
    }
    let mut valid = 0;
    let mut invalid = 0;
    let mut canonical = Vec::new();
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let txt = txt_of(e);
        let name = &e.file;
        let id_based = txt.contains("idbased=true");
        if txt.contains("returns NULL") {
            invalid += 1;
            let err = if id_based {
                IdSet::<u16>::decode_exact(&bytes).unwrap_err()
            } else {
                IdSet::<Guid>::decode_exact(&bytes).unwrap_err()
            };
            let (offset, text) = if name.contains("invalid-command") {
                (2, "invalid GLOBSET command 0xBA")
            } else if name.contains("too-many-push") {
                (8, "Push command of 2 bytes onto 5 bytes")
            } else {
                (12, "Push command of 2 bytes onto 5 bytes")
            };
            assert_eq!(err.offset(), Some(offset), "{name}: {err}");
            assert!(err.to_string().contains(text), "{name}: {err}");
            assert_eq!(
                err.path().to_string(),
                "IDSET(REPLID) > REPLID[0] > GLOBSET",
                "{name}"
            );
        } else {
            valid += 1;
            let c = if id_based {
                check_idset::<u16>(name, &bytes, &txt)
            } else {
                check_idset::<Guid>(name, &bytes, &txt)
            };
            canonical.push((name.clone(), c));
        }
    }
    assert_eq!(
        (valid, invalid),
        (5, 3),
        "the corpus holds 8 IDSETs, 3 invalid"
    );
    // Exchange's encodings (the Bitmask ones and the ICS state) are what
    // GlobSet writes; OpenChange's per-range encoding of the
    // MetaTagIdsetDeleted sample is kept as read.
    for (name, c) in canonical {
        assert_eq!(
            c,
            !name.contains("idsetdeleted"),
            "{name}: canonical encoding"
        );
    }
}

#[test]
fn pcls_decode_as_stated_and_re_encode_byte_for_byte() {
    let files = corpus::files("fxics/pcl", &[".bin"]);
    if files.is_empty() {
        return;
    }
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let name = &e.file;
        let pcl = PredecessorChangeList::decode_exact(&bytes)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(pcl.is_canonical(), "{name}: sorted, one XID per namespace");
        assert_eq!(encode_checked(&pcl).unwrap(), bytes, "{name}: re-encoding");
        // "N SizedXid entries by their size bytes (sizes a,b)"
        let n = stated_number(&e.notes, "; ");
        let sizes: Vec<usize> = e
            .notes
            .split("(sizes ")
            .nth(1)
            .map(|s| {
                s.trim_end_matches(')')
                    .split(',')
                    .map(|x| x.parse().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            pcl.xids().iter().map(|x| x.size()).collect::<Vec<_>>(),
            sizes,
            "{name}: XidSize of each entry"
        );
        if let Some(n) = n {
            assert_eq!(pcl.xids().len(), n, "{name}: entry count");
        }
        let txt = txt_of(e);
        if let Some(n) = stated_number(&txt, "count ") {
            assert_eq!(pcl.xids().len(), n, "{name}: count");
        }
        if txt.contains("different NamespaceGuids") {
            let [a, b] = pcl.xids() else {
                panic!("{name}: two XIDs")
            };
            assert_ne!(a.namespace_guid, b.namespace_guid);
            assert!(a.size() > b.size() && a.local_id.len() > b.local_id.len());
        }
        // A PCL includes itself, and merging it with itself changes nothing.
        assert!(pcl.includes(&pcl));
        assert_eq!(pcl.merge(&pcl).xids(), pcl.xids());
    }
}

#[test]
fn change_keys_decode_as_xids_and_re_encode() {
    let files = corpus::files("fxics/xid", &[".bin"]);
    if files.is_empty() {
        return;
    }
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let name = &e.file;
        let xid = Xid::decode_exact(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(encode_checked(&xid).unwrap(), bytes, "{name}");
        let stated = stated_number(&e.notes, "NamespaceGuid + ").expect("LocalId size in the note");
        assert_eq!(xid.local_id.len(), stated, "{name}: LocalId length");
        assert_eq!(
            xid.to_gid().is_some(),
            stated == 6,
            "{name}: a GID is a 6-byte XID"
        );
    }
}

#[test]
fn change_keys_match_the_latest_pcl_entry_of_their_message() {
    // PidTagChangeKey is the XID of the latest change; the PCL of the same
    // message holds an XID of that namespace with the same LocalId.
    let keys = corpus::files("fxics/xid", &[".bin"]);
    let mut checked = 0;
    for k in &keys {
        let pcl_path = k
            .path
            .to_string_lossy()
            .replace("/xid/", "/pcl/")
            .replace("-changekey.bin", ".bin");
        let Ok(pcl_bytes) = std::fs::read(&pcl_path) else {
            continue;
        };
        let xid = Xid::decode_exact(&std::fs::read(&k.path).unwrap()).unwrap();
        let pcl = PredecessorChangeList::decode_exact(&pcl_bytes).unwrap();
        let entry = pcl
            .get(&xid.namespace_guid)
            .unwrap_or_else(|| panic!("{}: namespace in PCL", k.file));
        assert_eq!(entry, &xid, "{}", k.file);
        assert!(pcl.includes(&PredecessorChangeList::new([xid])));
        checked += 1;
    }
    if !keys.is_empty() {
        assert!(checked >= 50, "only {checked} change keys had a PCL");
    }
}
