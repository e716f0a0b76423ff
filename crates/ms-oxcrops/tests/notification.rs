//! RopNotify ([MS-OXCROPS] 2.2.14.2) with the NotificationData forms of
//! [MS-OXCNOTIF] 2.2.1.4.1.2; table rows laid out by the table's columns.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::HashMap;

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcrops::*;
use msox_codec::{Decode, DecodeWith, Encode, Options};

fn fid(n: u8) -> [u8; 8] {
    [1, 0, 0, 0, 0, 0, 0, n]
}

#[test]
fn new_mail_notification() {
    let mut b = vec![0x2A, 0x10, 0, 0, 0, 0x00];
    b.extend(0x8002u16.to_le_bytes()); // NewMail | M
    b.extend(fid(1));
    b.extend(fid(2)); // MessageId
    b.extend(0x11u32.to_le_bytes()); // MessageFlags
    b.push(0x01); // UnicodeFlag
    b.extend([b'I', 0, b'P', 0, b'M', 0, 0, 0]);
    let r = RopResponse::decode_exact(&b).unwrap();
    let RopResponse::Notify(n) = &r else { panic!() };
    let d = &n.notification_data;
    assert_eq!(d.notification_flags.notification_type(), 0x0002);
    assert!(d.message_id.is_some());
    assert_eq!(d.message_class.as_ref().unwrap().to_string(), "IPM");
    assert_eq!(r.to_vec().unwrap(), b);
}

#[test]
fn object_moved_and_modified_notifications() {
    // ObjectMoved of a folder: FolderId, ParentFolderId, OldFolderId, OldParentFolderId
    let mut b = vec![0x2A, 0x10, 0, 0, 0, 0x00, 0x20, 0x00];
    for i in 1..=4 {
        b.extend(fid(i));
    }
    let r = RopResponse::decode_exact(&b).unwrap();
    let RopResponse::Notify(n) = &r else { panic!() };
    assert!(n.notification_data.old_parent_folder_id.is_some());
    assert_eq!(r.to_vec().unwrap(), b);
    // ObjectModified of a message with T and U: FolderId, MessageId, TagCount, Tags, counts
    let mut b = vec![0x2A, 0x10, 0, 0, 0, 0x00];
    b.extend(0xB010u16.to_le_bytes());
    b.extend(fid(1));
    b.extend(fid(2));
    b.extend([1, 0, 0x03, 0x00, 0x07, 0x0E]);
    b.extend(9u32.to_le_bytes());
    b.extend(3u32.to_le_bytes());
    let r = RopResponse::decode_exact(&b).unwrap();
    let RopResponse::Notify(n) = &r else { panic!() };
    assert_eq!(n.notification_data.tags.as_ref().unwrap().len(), 1);
    assert_eq!(n.notification_data.unread_message_count, Some(3));
    assert_eq!(r.to_vec().unwrap(), b);
}

fn table_row_added() -> Vec<u8> {
    let mut b = vec![0x2A, 0x77, 0, 0, 0, 0x00];
    b.extend(0x8100u16.to_le_bytes()); // TableModified | M
    b.extend(0x0003u16.to_le_bytes()); // TableRowAdded
    b.extend(fid(1));
    b.extend(fid(2));
    b.extend(0u32.to_le_bytes());
    b.extend(fid(1));
    b.extend(fid(3));
    b.extend(0u32.to_le_bytes());
    b.extend(5u16.to_le_bytes()); // TableRowDataSize
    b.extend([0x00, 42, 0, 0, 0]);
    b
}

#[test]
fn table_row_notification_takes_the_table_columns_by_handle() {
    let b = table_row_added();
    let mut tables = HashMap::new();
    tables.insert(
        0x77u32,
        vec![PropertyTag::new(0x0E08, PropertyType::Integer32)],
    );
    let ctx = ResponseContext {
        tables: Some(&tables),
        ..ResponseContext::default()
    };
    let r = RopResponse::decode_exact_with(&b, ctx).unwrap();
    let RopResponse::Notify(n) = &r else { panic!() };
    let Some(TableRowData::Row { row, .. }) = &n.notification_data.table_row_data else {
        panic!()
    };
    assert_eq!(row.value(0), Some(&PropertyValue::Integer32(42)));
    assert_eq!(r.to_vec().unwrap(), b);
    // without the columns: the row (delimited by its size) is kept as bytes
    assert!(RopResponse::decode_exact(&b).is_err());
    let d = RopResponse::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.value.to_vec().unwrap(), b);
}

#[test]
fn table_notification_in_a_conversation() {
    // A table with columns set in the request buffer, then its notification.
    let mut ctx = RopContext::new();
    let mut list = vec![0x05, 0x00, 0x00, 0x01, 0x00];
    list.extend([0x12, 0x00, 0x01, 0x00, 0x01, 0x00, 0x03, 0x00, 0x08, 0x0E]);
    let mut req = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    req.extend(list);
    req.extend([0x10, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    ctx.decode_request(&req, &Options::strict()).unwrap();
    let mut list = vec![0x05, 0x01, 0, 0, 0, 0, 1, 0, 0, 0];
    list.extend([0x12, 0x01, 0, 0, 0, 0, 0x00]);
    list.extend(table_row_added());
    let mut resp = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    resp.extend(list);
    resp.extend([0x10, 0, 0, 0, 0x77, 0, 0, 0]);
    let d = ctx.decode_response(&resp, &Options::strict()).unwrap();
    assert!(matches!(d.value.rops[2], RopResponse::Notify(_)));
    assert_eq!(d.value.to_vec().unwrap(), resp);
    assert_eq!(ctx.object(0x77).unwrap().kind, ObjectKind::Table);
}

#[test]
fn register_notification_and_pending() {
    let b = [0x29, 0x00, 0x02, 0x05, 0x78, 0x00, 0x01];
    let r = RopRequest::decode_exact(&b).unwrap();
    let RopRequest::RegisterNotification(x) = &r else {
        panic!()
    };
    assert!(x.folder_id.is_none() && x.reserved.is_none());
    assert_eq!(r.to_vec().unwrap(), b);
    let mut ext = vec![0x29, 0x00, 0x02, 0x05, 0x00, 0x04, 0x00, 0x00];
    ext.extend([0u8; 16]);
    let r = RopRequest::decode_exact(&ext).unwrap();
    let RopRequest::RegisterNotification(x) = &r else {
        panic!()
    };
    assert_eq!(x.reserved, Some(0));
    assert!(x.folder_id.is_some());
    let p = [0x6E, 0x03, 0x00];
    let r = RopResponse::decode_exact(&p).unwrap();
    assert!(matches!(
        r,
        RopResponse::Pending(RopPendingResponse { session_index: 3 })
    ));
}
