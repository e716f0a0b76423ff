//! ms-oxmsg: .msg files and OLE storages.
//!
//! The writer goes through the `cfb` crate, which stamps storages with the
//! current time: two writes of one value differ, so agreement is checked
//! on the models, not on the bytes.

use std::fmt::Debug;

use ms_oxmsg::{MsgFile, cfb_to_storage, storage_to_cfb};
use msox_codec::Decode;

/// Model equality (floating-point values compare by their printed form,
/// so NaN equals NaN).
fn same<T: PartialEq + Debug>(a: &T, b: &T) -> bool {
    a == b || printed(a) == printed(b)
}

/// The pretty-printed value without the property bags' `index` maps (a
/// `HashMap`: printed in no fixed order; `PartialEq` ignores it too).
fn printed<T: Debug>(v: &T) -> String {
    let text = format!("{v:#?}");
    let mut out = String::with_capacity(text.len());
    let mut skip_to: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some(i) = skip_to {
            if indent == i && line.trim_start().starts_with('}') {
                skip_to = None;
            }
            continue;
        }
        if line.trim_start() == "index: {" {
            skip_to = Some(indent);
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The mode to read our own output back in: strict when the input read
/// without defects; lenient otherwise (what lenient reading could not read
/// is kept and written back as it was, so the written file has the same
/// defects).
fn readback(defects: &[msox_codec::Defect]) -> msox_codec::Options {
    if defects.is_empty() {
        crate::strict()
    } else {
        crate::lenient()
    }
}

/// ms-oxmsg `MsgFile::decode_bytes`: a file that reads is written, and the
/// written file reads back (strictly when the input had no defects) to
/// the same file.
pub fn oxmsg_file(data: &[u8]) {
    let _ = crate::both(data, MsgFile::decode_bytes);
    let Ok(f) = MsgFile::decode_bytes(data, &crate::lenient()) else {
        return;
    };
    // Writing can fail cleanly (a value the format cannot hold).
    let Ok(out) = f.value.to_bytes() else { return };
    let back = MsgFile::decode_bytes(&out, &readback(&f.defects))
        .unwrap_or_else(|e| panic!("a written .msg does not read back: {e}"));
    // 8-bit strings in a code page the written file does not declare are
    // written as Unicode (they would read back as other text): the model
    // then changes once, and what was written is a fixed point.
    if !has_string8(&f.value.message) {
        assert!(
            same(&back.value, &f.value),
            "read -> write -> read differs\n{:#?}\n{:#?}",
            f.value,
            back.value
        );
    }
    let again = back.value.to_bytes().expect("a read-back .msg writes");
    let back2 = MsgFile::decode_bytes(&again, &readback(&back.defects))
        .unwrap_or_else(|e| panic!("a rewritten .msg does not read back: {e}"));
    assert!(
        same(&back2.value, &back.value),
        "write -> read -> write -> read differs\n{:#?}\n{:#?}",
        back.value,
        back2.value
    );
}

/// Whether a message or anything embedded in it holds an 8-bit string.
fn has_string8(m: &ms_oxcmsg::Message) -> bool {
    use ms_oxcdata::PropertyValue as V;
    let bags = std::iter::once(&m.properties)
        .chain(m.recipients.iter().map(|r| &r.properties))
        .chain(m.attachments.iter().map(|a| &a.properties));
    let mut found = false;
    for b in bags {
        found |= b
            .iter()
            .any(|p| matches!(&p.value, V::String8(_) | V::MultipleString8(_)));
    }
    found
        || m.attachments
            .iter()
            .filter_map(|a| a.embedded.as_deref())
            .any(has_string8)
}

/// A storage with every level's entries in one order (by name): the
/// writer writes a directory sorted as [MS-CFB] 2.6.4 says, so a storage
/// read from a directory in another order reads back reordered.
fn sorted(s: &ms_oxcmsg::Storage) -> ms_oxcmsg::Storage {
    use ms_oxcmsg::StorageEntry;
    let mut entries: Vec<StorageEntry> = s
        .entries
        .iter()
        .map(|e| match e {
            StorageEntry::Storage { name, storage } => StorageEntry::Storage {
                name: name.clone(),
                storage: sorted(storage),
            },
            other => other.clone(),
        })
        .collect();
    entries.sort_by_key(|e| match e {
        StorageEntry::Stream { name, .. } | StorageEntry::Storage { name, .. } => {
            name.to_le_bytes()
        }
    });
    ms_oxcmsg::Storage {
        clsid: s.clsid,
        entries,
    }
}

/// ms-oxmsg `cfb_to_storage`: an OLE storage that reads is written as a
/// compound file, which reads back (strictly when the input had no
/// defects) to the same storage (up to the order of the entries).
pub fn oxmsg_storage(data: &[u8]) {
    let _ = crate::both(data, cfb_to_storage);
    let Ok(s) = cfb_to_storage(data, &crate::lenient()) else {
        return;
    };
    let Ok(out) = storage_to_cfb(&s.value) else {
        return;
    };
    let back = cfb_to_storage(&out, &readback(&s.defects))
        .unwrap_or_else(|e| panic!("a written storage does not read back: {e}"));
    assert!(
        same(&sorted(&back.value), &sorted(&s.value)),
        "read -> write -> read differs\n{:#?}\n{:#?}",
        s.value,
        back.value
    );
}

/// ms-oxmsg `extract_all`: extraction never panics, and the files it
/// gives with their bytes borrowed from the input are the files of the
/// owned route (`MsgFile::decode_bytes`, then `extract_file`): same names,
/// kinds and bytes.
pub fn oxmsg_extract(data: &[u8]) {
    let borrowed = ms_oxmsg::extract_all(data, &crate::lenient());
    let _ = ms_oxmsg::extract_all(data, &crate::strict());
    let Ok(f) = MsgFile::decode_bytes(data, &crate::lenient()) else {
        return;
    };
    let Ok(owned) = ms_oxmsg::extract_file(data, f.value, &crate::lenient()) else {
        return;
    };
    let borrowed = borrowed.expect("extract_all fails where the owned route reads");
    assert!(
        borrowed.value.files == owned,
        "borrowed and owned extraction differ"
    );
}
