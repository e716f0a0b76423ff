//! SID string form ([MS-DTYP] 2.4.2.1) and packet form (2.4.2.2): the ABNF
//! accepted and refused, hex authorities, the sub-authority limit.
#![allow(clippy::unwrap_used, clippy::panic)] // test code

use ms_dtyp::sid::{IdentifierAuthority, Sid, well_known};
use msox_codec::Decode;

#[test]
fn string_form_follows_the_abnf() {
    for ok in [
        "S-1-5-21-1-2-3-513",
        "S-1-1-0",
        "S-1-5",
        "S-1-0x123456789ABC-1",
        "S-1-4294967295-4294967295",
    ] {
        let sid: Sid = ok.parse().unwrap();
        assert_eq!(sid.to_string(), ok);
    }
    assert_eq!(
        "s-1-0X123456789abc-1".parse::<Sid>().unwrap().to_string(),
        "S-1-0x123456789ABC-1"
    );
    // 2^32 and up is written in hex, whichever way it was read.
    assert_eq!(
        "S-1-4294967296-1".parse::<Sid>().unwrap().to_string(),
        "S-1-0x000100000000-1"
    );
    for bad in [
        "S-2-5-1",
        "S-1-05-1",
        "S-1-5-01",
        "S-1-5-4294967296",
        "S-1-0x12345-1",
        "S-1--1",
        "S-1-5-",
        "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16",
        "S-1-99999999999-1",
        "X-1-5",
        "",
    ] {
        assert!(bad.parse::<Sid>().is_err(), "{bad}");
    }
}

#[test]
fn packet_form_and_limits() {
    let sid = Sid::decode_exact(&[1, 1, 0, 0, 0, 0, 0, 5, 0x12, 0, 0, 0]).unwrap();
    assert_eq!(sid, well_known::LOCAL_SYSTEM);
    let e = Sid::decode_exact(&[1, 16, 0, 0, 0, 0, 0, 5]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid SubAuthorityCount 0x10 at byte 1 in SID"
    );
    assert!(Sid::new(IdentifierAuthority::SECURITY_NT_AUTHORITY, &[0; 16]).is_none());
    assert_eq!(
        well_known::name(&"S-1-5-21-1-2-3-513".parse().unwrap()),
        Some("DOMAIN_USERS")
    );
}
