//! [MS-OXCROPS] 2.2.15: RopBufferTooSmall, RopBackoff and RopRelease, in
//! their buffers.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcrops::*;
use msox_codec::{Decode, Encode, Options};

#[test]
fn buffer_too_small_keeps_the_requests_not_run() {
    // RopBufferTooSmall: SizeNeeded 0x1000, then RopGetStoreState and
    // RopRelease requests that were not run; an empty handle table.
    let list = [0xFF, 0x00, 0x10, 0x7B, 0x00, 0x00, 0x01, 0x00, 0x01];
    let mut b = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    b.extend(list);
    let buf = RopResponseBuffer::decode_exact(&b).unwrap();
    let RopResponse::BufferTooSmall(t) = &buf.rops[0] else {
        panic!()
    };
    assert_eq!(t.size_needed, 0x1000);
    let reqs = t
        .requests(&LogonKinds::new(), &Options::strict())
        .unwrap()
        .value;
    assert!(matches!(reqs[0], RopRequest::GetStoreState(_)));
    assert!(matches!(reqs[1], RopRequest::Release(_)));
    assert_eq!(buf.to_vec().unwrap(), b);
}

#[test]
fn backoff_and_release() {
    let mut b = vec![0xF9, 0x01];
    b.extend(500u32.to_le_bytes());
    b.push(1);
    b.push(0x15);
    b.extend(100u32.to_le_bytes());
    b.extend([2, 0, 0xAA, 0xBB]);
    let r = RopResponse::decode_exact(&b).unwrap();
    let RopResponse::Backoff(x) = &r else {
        panic!()
    };
    assert_eq!(x.backoff_rop_data[0].rop_id_backoff, RopId::QueryRows);
    assert_eq!(r.to_vec().unwrap(), b);

    // RopRelease has no response: the release takes the object out of the context.
    let mut ctx = RopContext::new();
    // call 1: RopLogon (public folders) into index 0
    let req = [
        0x10, 0x00, 0xFE, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
    ];
    ctx.decode_request(&req, &Options::strict()).unwrap();
    let mut list = vec![0xFE, 0x00, 0, 0, 0, 0, 0x00];
    list.extend([0u8; 104 + 2 + 16 + 16]);
    let mut resp = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    resp.extend(list);
    resp.extend(0x42u32.to_le_bytes());
    ctx.decode_response(&resp, &Options::strict()).unwrap();
    assert_eq!(ctx.object(0x42).unwrap().kind, ObjectKind::Logon);
    assert_eq!(ctx.logons().get(0), Some(LogonKind::PublicFolders));
    // call 2: RopRelease of index 0; no response, an output buffer with no ROPs
    let rel = [0x05, 0x00, 0x01, 0x00, 0x00, 0x42, 0, 0, 0];
    let d = ctx.decode_request(&rel, &Options::strict()).unwrap();
    assert!(matches!(d.value.rops[0], RopRequest::Release(_)));
    ctx.decode_response(&[0x02, 0x00, 0x42, 0, 0, 0], &Options::strict())
        .unwrap();
    assert!(ctx.object(0x42).is_none());
}
