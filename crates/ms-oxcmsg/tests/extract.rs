//! The extraction helpers: OLE 1.0 packages, static pictures, storages to
//! and from compound files, unique names.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_dtyp::Guid;
use ms_oxcmsg::extract::{
    ExtractedFile, ExtractedKind, STATIC_PICTURES, make_unique, ole_file, ole10_native,
};
use ms_oxcmsg::{Storage, StorageEntry, cfb_to_storage, storage_to_cfb};
use msox_codec::Options;

/// An `\x01Ole10Native` stream of a Packager object holding `data` as `label`.
fn package(label: &str, data: &[u8]) -> Vec<u8> {
    let mut body = vec![2, 0];
    body.extend_from_slice(label.as_bytes());
    body.push(0);
    body.extend_from_slice(b"C:\\tmp\\x.bin\0");
    body.extend_from_slice(&0x0003_0000u32.to_le_bytes());
    let tmp = b"C:\\Temp\\x.bin\0";
    body.extend_from_slice(&(tmp.len() as u32).to_le_bytes());
    body.extend_from_slice(tmp);
    body.extend_from_slice(&(data.len() as u32).to_le_bytes());
    body.extend_from_slice(data);
    let mut s = (body.len() as u32).to_le_bytes().to_vec();
    s.extend_from_slice(&body);
    s
}

fn storage(entries: Vec<StorageEntry>, clsid: Guid) -> Storage {
    Storage { clsid, entries }
}

#[test]
fn a_package_gives_its_file() {
    let s = storage(
        vec![StorageEntry::Stream {
            name: "\u{1}Ole10Native".into(),
            data: package("report.pdf", b"%PDF-1.4 ..."),
        }],
        Guid::from_u128(0x0003_000C_0000_0000_C000_0000_0000_0046),
    );
    let (name, data, kind) = ole_file(&s).unwrap();
    assert_eq!(name.as_deref(), Some("report.pdf"));
    assert_eq!(data, b"%PDF-1.4 ...");
    assert_eq!(kind, ExtractedKind::OleFile);
    // Cut short: the native data after the size, not a panic.
    let cut = &package("a", b"xyz")[..12];
    let (n, d) = ole10_native(cut).unwrap();
    assert_eq!(n, None);
    assert_eq!(d, &cut[4..]);
    assert!(ole10_native(&[1, 2]).is_none());
}

#[test]
fn a_static_picture_gives_its_contents_and_other_storages_a_compound_file() {
    let pic = storage(
        vec![
            StorageEntry::Stream {
                name: "\u{1}Ole".into(),
                data: vec![1; 20],
            },
            StorageEntry::Stream {
                name: "CONTENTS".into(),
                data: vec![7; 100],
            },
        ],
        STATIC_PICTURES[1],
    );
    let (_, data, kind) = ole_file(&pic).unwrap();
    assert_eq!((data, kind), (vec![7; 100], ExtractedKind::OleFile));
    let other = storage(
        vec![StorageEntry::Stream {
            name: "WordDocument".into(),
            data: vec![3; 5000],
        }],
        Guid::from_u128(0x0002_0906_0000_0000_C000_0000_0000_0046),
    );
    let (_, data, kind) = ole_file(&other).unwrap();
    assert_eq!(kind, ExtractedKind::OleStorage);
    assert_eq!(
        cfb_to_storage(&data, &Options::strict()).unwrap().value,
        other
    );
    assert_eq!(storage_to_cfb(&other).unwrap(), data, "deterministic");
}

#[test]
fn names_are_made_unique() {
    let f = |n: &str| ExtractedFile {
        name: n.into(),
        data: vec![].into(),
        kind: ExtractedKind::Attachment,
        attachment: None,
    };
    let mut v = vec![f("a.txt"), f("A.TXT"), f("a.txt"), f("b")];
    make_unique(&mut v);
    let names: Vec<&str> = v.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["a.txt", "A (2).TXT", "a (3).txt", "b"]);
}
