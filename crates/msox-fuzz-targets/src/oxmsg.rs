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
    a == b || format!("{a:?}") == format!("{b:?}")
}

/// ms-oxmsg `MsgFile::decode_bytes`: a file that reads is written, and the
/// written file reads back strictly to the same file.
pub fn oxmsg_file(data: &[u8]) {
    let _ = crate::both(data, MsgFile::decode_bytes);
    let Ok(f) = MsgFile::decode_bytes(data, &crate::lenient()) else {
        return;
    };
    // Writing can fail cleanly (a value the format cannot hold).
    let Ok(out) = f.value.to_bytes() else { return };
    let back = MsgFile::decode_bytes(&out, &crate::strict())
        .unwrap_or_else(|e| panic!("a written .msg does not read back: {e}"));
    assert!(
        same(&back.value, &f.value),
        "read -> write -> read differs\n{:#?}\n{:#?}",
        f.value,
        back.value
    );
}

/// ms-oxmsg `cfb_to_storage`: an OLE storage that reads is written as a
/// compound file, which reads back strictly to the same storage.
pub fn oxmsg_storage(data: &[u8]) {
    let _ = crate::both(data, cfb_to_storage);
    let Ok(s) = cfb_to_storage(data, &crate::lenient()) else {
        return;
    };
    let Ok(out) = storage_to_cfb(&s.value) else {
        return;
    };
    let back = cfb_to_storage(&out, &crate::strict())
        .unwrap_or_else(|e| panic!("a written storage does not read back: {e}"));
    assert!(
        same(&back.value, &s.value),
        "read -> write -> read differs\n{:#?}\n{:#?}",
        s.value,
        back.value
    );
}
