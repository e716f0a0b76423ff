//! Message ROPs ([MS-OXCROPS] 2.2.6): recipient rows laid out by the
//! message's recipient columns, from the response itself (RopOpenMessage)
//! or from the conversation (RopReadRecipients).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyValue, TypedString};
use ms_oxcrops::*;
use msox_codec::{Decode, Encode, Options};

fn buffer(list: &[u8], handles: &[u32]) -> Vec<u8> {
    let mut b = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    b.extend(list);
    for h in handles {
        b.extend(h.to_le_bytes());
    }
    b
}

/// A RecipientRow: SMTP, D and E flags, Unicode: email "a@b", name "A", one
/// column (PidTagRecipientType = 1).
fn recipient_row() -> Vec<u8> {
    let mut b = vec![0x1B, 0x02];
    b.extend([b'a', 0, b'@', 0, b'b', 0, 0, 0, b'A', 0, 0, 0]);
    b.extend([1, 0, 0x00, 1, 0, 0, 0]);
    b
}

fn open_message_response() -> Vec<u8> {
    let mut b = vec![0x03, 0x01, 0, 0, 0, 0, 0x00];
    b.extend([0x03, b'R', b'E', b':', b' ', 0]); // SubjectPrefix, reduced Unicode
    b.extend([0x04, b'H', 0, b'i', 0, 0, 0]); // NormalizedSubject, Unicode
    b.extend([1, 0]); // RecipientCount
    b.extend([1, 0, 0x03, 0x00, 0x15, 0x0C]); // ColumnCount 1: PidTagRecipientType
    b.push(1); // RowCount
    let row = recipient_row();
    b.extend([0x01, 0xE4, 0x04, 0, 0]);
    b.extend((row.len() as u16).to_le_bytes());
    b.extend(row);
    b
}

#[test]
fn open_message_response_lays_out_its_recipients_by_its_own_columns() {
    let bytes = open_message_response();
    let r = RopResponse::decode_exact(&bytes).unwrap();
    let RopResponse::OpenMessage(m) = &r else {
        panic!("{r:?}")
    };
    assert!(matches!(&m.subject_prefix, TypedString::ReducedUnicode(b) if b == b"RE: "));
    assert_eq!(m.normalized_subject.to_string_lossy(), "Hi");
    let row = m.recipient_rows[0].recipient_row.row().unwrap();
    assert_eq!(row.display_name.as_ref().unwrap().to_string(), "A");
    assert_eq!(row.properties.value(0), Some(&PropertyValue::Integer32(1)));
    assert_eq!(r.to_vec().unwrap(), bytes);
}

#[test]
fn read_recipients_takes_the_columns_of_the_open_message() {
    let mut ctx = RopContext::new();
    // RopOpenMessage (folder at index 0 into index 1), then RopReadRecipients on index 1.
    let mut req = vec![0x03, 0x00, 0x00, 0x01, 0xE4, 0x04];
    req.extend([1, 0, 0, 0, 0, 0, 0, 5, 0x00, 1, 0, 0, 0, 0, 0, 0, 9]);
    req.extend([0x0F, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
    ctx.decode_request(&buffer(&req, &[0x10, 0xFFFF_FFFF]), &Options::strict())
        .unwrap();
    let mut resp = open_message_response();
    resp.extend([0x0F, 0x01, 0, 0, 0, 0, 1]);
    let row = recipient_row();
    resp.extend([0, 0, 0, 0, 0x01, 0xE4, 0x04, 0, 0]);
    resp.extend((row.len() as u16).to_le_bytes());
    resp.extend(row);
    let out = buffer(&resp, &[0x10, 0x33]);
    let d = ctx.decode_response(&out, &Options::strict()).unwrap();
    let RopResponse::ReadRecipients(rr) = &d.value.rops[1] else {
        panic!()
    };
    assert!(rr.recipient_rows[0].recipient_row.row().is_some());
    assert_eq!(d.value.to_vec().unwrap(), out);
    assert_eq!(
        ctx.object(0x33)
            .unwrap()
            .recipient_columns
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    // without the conversation, the recipient rows are kept as bytes
    assert!(RopResponseBuffer::decode_exact(&out).is_err());
    let lenient = RopResponseBuffer::decode_bytes(&out, &Options::lenient()).unwrap();
    assert_eq!(lenient.defects.len(), 1);
    assert_eq!(lenient.value.to_vec().unwrap(), out);
}

#[test]
fn set_message_read_flag_client_data_follows_the_logon_kind() {
    let mut b = vec![0x11, 0x02, 0x00, 0x01, 0x00];
    b.extend([0x44; 24]);
    let public = LogonKinds::new().with(2, LogonKind::PublicFolders);
    let r = RopRequest::decode_exact_with(&b, &public).unwrap();
    let RopRequest::SetMessageReadFlag(x) = &r else {
        panic!()
    };
    assert!(x.client_data.is_some());
    assert_eq!(r.to_vec().unwrap(), b);
    let private = LogonKinds::new().with(2, LogonKind::PrivateMailbox);
    assert!(RopRequest::decode_exact_with(&b[..5], &private).is_ok());
    use msox_codec::DecodeWith;
}
