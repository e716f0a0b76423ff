//! Hostile input: every truncation of every vector is an error (never a
//! panic), mutations never panic, absurd counts are refused before
//! anything is allocated, and bad offsets give clear errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{
    Ace, Acl, FileTime, Guid, SecurityDescriptor, Sid, SystemTime, acl::ACL_HEADER_SIZE,
};
use msox_codec::{Decode, Encode, ErrorKind, Limits, Options};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vectors};

fn decode_as(ty: &str, b: &[u8]) -> Result<(), msox_codec::Error> {
    match ty {
        "Sid" => Sid::decode_exact(b).map(drop),
        "Guid" => Guid::decode_exact(b).map(drop),
        "FileTime" => FileTime::decode_exact(b).map(drop),
        "SystemTime" => SystemTime::decode_exact(b).map(drop),
        "Ace" => Ace::decode_exact(b).map(drop),
        "Acl" => Acl::decode_exact(b).map(drop),
        "SecurityDescriptor" => SecurityDescriptor::decode_exact(b).map(drop),
        other => panic!("unknown type {other}"),
    }
}

#[test]
fn every_truncation_of_every_vector_is_an_error() {
    for v in vectors("dtyp") {
        if v.meta.contains_key("expect-error") {
            continue;
        }
        let ty = v.meta("type").to_string();
        assert_truncations_fail(&v.bytes, &v.name, |b| decode_as(&ty, b));
        // Decoding a prefix: a truncated value is an unexpected end, not
        // a wrong value.
        for n in 0..v.bytes.len() {
            let r = match ty.as_str() {
                "Sid" => Sid::decode_prefix(&v.bytes[..n]).map(drop),
                "Ace" => Ace::decode_prefix(&v.bytes[..n]).map(drop),
                "Acl" => Acl::decode_prefix(&v.bytes[..n]).map(drop),
                _ => continue,
            };
            let e = r.expect_err("a truncated prefix decodes");
            assert!(e.is_unexpected_end(), "{} at {n}: {e}", v.name);
        }
    }
}

#[test]
fn mutations_never_panic_and_what_decodes_re_encodes() {
    for v in vectors("dtyp") {
        let ty = v.meta("type").to_string();
        assert_no_panic_on_mutations(&v.bytes, &v.name, 256, |b| decode_as(&ty, b));
        assert_no_panic_on_mutations(&v.bytes, &v.name, 256, |b| {
            // Whatever decodes is lossless.
            if let Ok(sd) = SecurityDescriptor::decode_exact(b) {
                assert_eq!(sd.to_vec().unwrap(), b);
            }
            if let Ok(acl) = Acl::decode_exact(b) {
                assert_eq!(acl.to_vec().unwrap(), b);
            }
            if let Ok(ace) = Ace::decode_exact(b) {
                assert_eq!(ace.to_vec().unwrap(), b);
            }
        });
    }
}

#[test]
fn huge_ace_count_is_refused_before_allocating() {
    // AclSize 0xFFFF but only 8 bytes after the header: the ACL itself is
    // short, and the count is checked against what AclSize covers.
    let mut acl = vec![0x02, 0x00, 0x10, 0x00, 0xFF, 0xFF, 0x00, 0x00];
    acl.extend([0u8; 8]);
    let e = Acl::decode_exact(&acl).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                what: "AceCount",
                value: 65535,
                max: 2
            }
        ),
        "{e}"
    );
    assert_eq!(e.offset(), Some(ACL_HEADER_SIZE));
    // With a tighter item limit, a count the input could back is refused too.
    let v = msox_testkit::vector("dtyp", "acl-2.5.1.4-dacl");
    let tight = Limits {
        max_items: 3,
        ..Limits::DEFAULT
    };
    let tight = Options::strict().with_limits(tight);
    let e = Acl::decode_bytes(&v.bytes, &tight).unwrap_err();
    assert_eq!(
        e.to_string(),
        "AceCount 4 exceeds the limit 3 at byte 8 in ACL"
    );
    assert!(Acl::decode_bytes(&v.bytes, &Options::strict()).is_ok());
    let sd = msox_testkit::vector("dtyp", "sd-2.5.1.4-sddl-example");
    assert!(SecurityDescriptor::decode_bytes(&sd.bytes, &tight).is_err());
}

#[test]
fn ace_and_acl_sizes_below_their_headers_are_invalid() {
    let e = Ace::decode_exact(&[0, 0, 0, 0]).unwrap_err();
    assert_eq!(e.to_string(), "invalid AceSize 0x0 at byte 2 in ACE");
    let e = Acl::decode_exact(&[2, 0, 4, 0, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(e.to_string(), "invalid AclSize 0x4 at byte 2 in ACL");
    // An ACE whose AceSize runs past the ACL's AclSize.
    let v = msox_testkit::vector("dtyp", "acl-2.5.1.4-sacl");
    let mut b = v.bytes.clone();
    b[2] = 0x18; // AclSize 0x1C -> 0x18: the ACE no longer fits
    b.truncate(0x18);
    let e = Acl::decode_exact(&b).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    assert_eq!(e.path().to_string(), "ACL > ACE[0](SYSTEM_AUDIT_ACE_TYPE)");
}

#[test]
fn security_descriptor_errors_name_the_part() {
    let v = msox_testkit::vector("dtyp", "sd-2.5.1.4-sddl-example");
    // Owner SID with SubAuthorityCount 16.
    let mut b = v.bytes.clone();
    b[0x91] = 16;
    let e = SecurityDescriptor::decode_exact(&b).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid SubAuthorityCount 0x10 at byte 145 in SECURITY_DESCRIPTOR > OwnerSid > SID"
    );
    // The DACL's second ACE claims to run past the DACL.
    let mut b = v.bytes.clone();
    b[0x52] = 0x60;
    let e = SecurityDescriptor::decode_exact(&b).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    assert!(
        e.path()
            .starts_with(&["SECURITY_DESCRIPTOR", "Dacl", "ACL", "ACE"]),
        "{e}"
    );
    assert_eq!(e.path().frames().nth(3).and_then(|f| f.index()), Some(1));
    // OffsetSacl pointing at the DACL: the two overlap.
    let mut b = v.bytes.clone();
    b[12] = 0x30;
    let e = SecurityDescriptor::decode_exact(&b).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Dacl (bytes 0x30..0x90) overlaps Sacl (bytes 0x30..0x90) at byte 48 in SECURITY_DESCRIPTOR"
    );
    // Every offset pointing past the end, one at a time.
    for field in 0..4 {
        let mut b = v.bytes.clone();
        b[4 + 4 * field..8 + 4 * field].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        let e = SecurityDescriptor::decode_exact(&b).unwrap_err();
        assert_eq!(e.offset(), Some(4 + 4 * field), "{e}");
        assert!(e.to_string().contains("points past the end"), "{e}");
    }
}

#[test]
fn trailing_bytes_after_a_descriptor_are_left_to_the_caller() {
    let v = msox_testkit::vector("dtyp", "sd-2.5.1.4-sddl-example");
    let mut b = v.bytes.clone();
    b.extend([0xEE; 4]);
    let (sd, used) = SecurityDescriptor::decode_prefix(&b).unwrap();
    assert_eq!(used, v.bytes.len());
    assert_eq!(sd.to_vec().unwrap(), v.bytes);
    let e = SecurityDescriptor::decode_exact(&b).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 4 }),
        "{e}"
    );
}

#[test]
fn encoding_refuses_values_that_do_not_fit() {
    use ms_dtyp::{AccessMask, AceBody, AceFlags, AceType, ObjectAceData};
    let everyone = ms_dtyp::well_known::EVERYONE;
    // Application data that would make AceSize unaligned.
    let ace = Ace {
        ace_type: AceType::AccessAllowedCallback,
        ace_flags: AceFlags::EMPTY,
        body: AceBody::Callback {
            mask: AccessMask(0),
            sid: everyone,
            application_data: vec![1, 2, 3],
        },
    };
    assert!(ace.to_vec().is_err());
    // AceSize over 65535.
    let ace = Ace {
        ace_type: AceType::AccessAllowedCallback,
        ace_flags: AceFlags::EMPTY,
        body: AceBody::Callback {
            mask: AccessMask(0),
            sid: everyone,
            application_data: vec![0; 70_000],
        },
    };
    assert!(matches!(
        ace.to_vec().unwrap_err().kind(),
        ErrorKind::ValueTooLarge { .. }
    ));
    // A body whose layout does not match the type.
    let mut ace = Ace::allowed(AceFlags::EMPTY, AccessMask(1), everyone);
    ace.ace_type = AceType::AccessAllowedObject;
    assert!(ace.to_vec().is_err());
    // Object flags that disagree with the GUIDs present.
    let mut object = ObjectAceData::new(Some(Guid::NIL), None);
    object.flags.0 = 0;
    let ace = Ace {
        ace_type: AceType::AccessAllowedObject,
        ace_flags: AceFlags::EMPTY,
        body: AceBody::Object {
            mask: AccessMask(1),
            object,
            sid: everyone,
            padding: Vec::new(),
        },
    };
    assert!(ace.to_vec().is_err());
    // More than 65535 ACEs.
    let acl = Acl::new(vec![
        Ace::allowed(AceFlags::EMPTY, AccessMask(1), everyone);
        70_000
    ]);
    assert!(acl.to_vec().is_err());
}

/// The one hostile suite, over every decoder entry point of the crate,
/// seeded with the crate's vectors (the error vectors included).
#[test]
fn hostile_suite_covers_every_entry_point() {
    use msox_testkit::hostile::{samples, suite_for};
    let of = |prefix: &'static str| samples("dtyp", move |n: &str| n.starts_with(prefix));
    suite_for::<Sid>("dtyp_sid", &[of("sid-"), of("error-sid")].concat());
    suite_for::<Guid>("dtyp_guid", &of("guid"));
    suite_for::<FileTime>("dtyp_filetime", &of("filetime"));
    suite_for::<SystemTime>("dtyp_systemtime", &of("systemtime"));
    suite_for::<Ace>("dtyp_ace", &[of("ace-"), of("error-ace")].concat());
    suite_for::<Acl>("dtyp_acl", &[of("acl-"), of("error-acl")].concat());
    suite_for::<SecurityDescriptor>(
        "dtyp_security_descriptor",
        &[of("sd-"), of("error-sd")].concat(),
    );
}
