//! RopLogon and the store ROPs of [MS-OXCROPS] 2.2.3, hand-made buffers
//! built from the field lists of the spec.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcrops::*;
use msox_codec::{Decode, DecodeWith, Encode, Options};

fn private_logon_response() -> Vec<u8> {
    let mut b = vec![0xFE, 0x01, 0, 0, 0, 0, 0x01];
    for i in 0..13u8 {
        b.extend([0x01, 0x00, 0, 0, 0, 0, 0, i + 1]);
    }
    b.push(0x07); // ResponseFlags
    b.extend([0xAA; 16]); // MailboxGuid
    b.extend([0x01, 0x00]); // ReplId
    b.extend([0xBB; 16]); // ReplGuid
    b.extend([30, 15, 10, 2, 5, 6, 0xE8, 0x07]); // LogonTime
    b.extend(7u64.to_le_bytes()); // GwartTime
    b.extend(0u32.to_le_bytes()); // StoreState
    b
}

#[test]
fn private_logon_response_is_laid_out_by_the_request() {
    let bytes = private_logon_response();
    let exp = ResponseExpectation::new(RopId::Logon).with_logon(LogonKind::PrivateMailbox);
    let r = RopResponse::decode_exact_with(&bytes, ResponseContext::for_request(&exp)).unwrap();
    let RopResponse::LogonPrivateMailbox(l) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(l.output_handle_index, 1);
    assert_eq!(l.folder_ids[4].global_counter.to_u64(), 5);
    assert!(l.response_flags.contains(ResponseFlags::OWNER_RIGHT));
    assert_eq!(l.logon_time.year, 2024);
    assert_eq!(r.to_vec().unwrap(), bytes);
}

#[test]
fn logon_response_without_its_request_is_a_defect_read_by_its_own_flags() {
    let bytes = private_logon_response();
    assert!(RopResponse::decode_exact(&bytes).is_err());
    let d = RopResponse::decode_bytes(&bytes, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(matches!(d.value, RopResponse::LogonPrivateMailbox(_)));
}

#[test]
fn logon_redirect_and_failure() {
    let redirect = [
        0xFE, 0x00, 0x78, 0x04, 0, 0, 0x01, 0x04, b's', b'v', b'1', 0,
    ];
    let r = RopResponse::decode_exact(&redirect).unwrap();
    let RopResponse::LogonRedirect(x) = &r else {
        panic!()
    };
    assert_eq!(x.server_name_text(), "sv1");
    assert_eq!(r.to_vec().unwrap(), redirect);
    let failure = [0xFE, 0x00, 0x11, 0x01, 0x04, 0x80];
    let r = RopResponse::decode_exact(&failure).unwrap();
    assert!(matches!(r, RopResponse::Failure(f) if f.rop_id == RopId::Logon));
    assert_eq!(r.to_vec().unwrap(), failure);
}

#[test]
fn write_per_user_information_needs_the_logon_kind() {
    let mut b = vec![0x64, 0x03, 0x00];
    b.extend([0x11; 24]); // FolderId (LongTermID)
    b.push(1); // HasFinished
    b.extend(0u32.to_le_bytes()); // DataOffset
    b.extend([2, 0, 0xAB, 0xCD]); // DataSize, Data
    let public = LogonKinds::new().with(3, LogonKind::PublicFolders);
    let r = RopRequest::decode_exact_with(&b, &public).unwrap();
    let RopRequest::WritePerUserInformation(w) = &r else {
        panic!()
    };
    assert!(w.repl_guid.is_none());
    assert_eq!(r.to_vec().unwrap(), b);
    let mut with_guid = b.clone();
    with_guid.extend([0x22; 16]);
    let private = LogonKinds::new().with(3, LogonKind::PrivateMailbox);
    let r = RopRequest::decode_exact_with(&with_guid, &private).unwrap();
    let RopRequest::WritePerUserInformation(w) = &r else {
        panic!()
    };
    assert!(w.repl_guid.is_some());
    // without the kind: strict refuses, lenient assumes private
    assert!(RopRequest::decode_exact(&with_guid).is_err());
    let d = RopRequest::decode_bytes(&with_guid, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
}

#[test]
fn a_logon_in_the_buffer_tells_later_requests_its_kind() {
    // RopLogon (public) then RopWritePerUserInformation on that logon.
    let mut list = vec![0xFE, 0x05, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    list.extend([0x64, 0x05, 0x00]);
    list.extend([0x11; 24]);
    list.extend([1, 0, 0, 0, 0, 0, 0]);
    let mut b = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    b.extend(&list);
    b.extend([0xFF; 4]);
    let buf = RopRequestBuffer::decode_exact(&b).unwrap();
    assert_eq!(buf.rops.len(), 2);
    assert_eq!(buf.to_vec().unwrap(), b);
}

#[test]
fn unknown_rop_keeps_the_rest_of_the_list_in_lenient_mode() {
    // RopGetStoreState, then an unknown RopId 0x28, then the handle table.
    let b = [
        0x09, 0x00, 0x7B, 0x00, 0x00, 0x28, 0x01, 0x02, 0x03, 0x10, 0, 0, 0,
    ];
    assert!(RopRequestBuffer::decode_exact(&b).is_err());
    let d = RopRequestBuffer::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.value.rops.len(), 2);
    assert!(
        matches!(&d.value.rops[1], RopRequest::Raw(raw) if raw.bytes.as_ref() == [0x28, 1, 2, 3])
    );
    assert_eq!(d.value.handles, [0x10]);
    assert_eq!(d.value.to_vec().unwrap(), b);
}

#[test]
fn receive_folder_table_rows_have_fixed_columns() {
    let mut b = vec![0x68, 0x00, 0, 0, 0, 0, 1, 0, 0, 0];
    b.push(0x00); // StandardPropertyRow
    b.extend(0x0102_0000_0000_0001u64.to_le_bytes());
    b.extend(b"IPM\0");
    b.extend(0x01D0_0000_0000_0000u64.to_le_bytes());
    let r = RopResponse::decode_exact(&b).unwrap();
    let RopResponse::GetReceiveFolderTable(t) = &r else {
        panic!()
    };
    assert_eq!(t.rows.len(), 1);
    assert_eq!(r.to_vec().unwrap(), b);
}
