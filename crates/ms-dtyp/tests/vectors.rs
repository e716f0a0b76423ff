//! Every `test-vectors/dtyp/*.hex` decodes to the value its metadata
//! names and re-encodes to the same bytes; the `error-*` vectors fail with
//! the error they name.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{
    Ace, Acl, FileTime, Guid, SecurityDescriptor, SecurityDescriptorControl, Sid, SystemTime,
};
use msox_codec::{Decode, Encode};
use msox_testkit::{Vector, assert_round_trip, vectors};

fn ace_summary(ace: &Ace) -> String {
    format!(
        "{} {} {} {}",
        ace.ace_type,
        ace.ace_flags,
        ace.mask()
            .map_or("-".to_string(), |m| format!("0x{:08X}", m.0)),
        ace.sid().map_or("-".to_string(), Sid::to_string)
    )
}

/// An error vector: its `.err` file gives the kind, absolute offset and path.
fn check_error<T: for<'a> Decode<'a> + std::fmt::Debug>(v: &Vector) {
    assert!(
        v.check_expected_error(|b, o| msox_testkit::hostile::outcome(T::decode_bytes(b, o))),
        "{}: no .err file",
        v.name
    );
}

fn parse_u32(s: &str) -> u32 {
    match s.strip_prefix("0x") {
        Some(h) => u32::from_str_radix(h, 16).unwrap(),
        None => s.parse().unwrap(),
    }
}

fn check_sd(v: &Vector) {
    let sd: SecurityDescriptor = assert_round_trip(&v.bytes, &v.name);
    if let Some(o) = v.meta.get("expect-owner") {
        assert_eq!(sd.owner.unwrap().to_string(), *o, "{}", v.name);
    }
    if let Some(g) = v.meta.get("expect-group") {
        assert_eq!(sd.group.unwrap().to_string(), *g, "{}", v.name);
    }
    let c = parse_u32(v.meta("expect-control"));
    assert_eq!(
        sd.control,
        SecurityDescriptorControl(c as u16),
        "{}",
        v.name
    );
    let offsets: Vec<u32> = v
        .meta("expect-offsets")
        .split_whitespace()
        .map(parse_u32)
        .collect();
    assert_eq!(sd.offsets().to_vec(), offsets, "{}", v.name);
    for (key, acl) in [
        ("expect-sacl-aces", &sd.sacl),
        ("expect-dacl-aces", &sd.dacl),
    ] {
        match v.meta.get(key) {
            Some(n) => assert_eq!(
                acl.as_ref().unwrap().aces.len(),
                n.parse::<usize>().unwrap()
            ),
            None => assert!(acl.is_none(), "{}: {key}", v.name),
        }
    }
    // The parts re-encode the same way on their own (the ACL vectors are
    // cut out of these descriptors).
    if let Some(dacl) = &sd.dacl {
        let off = sd.offsets()[3] as usize;
        assert_eq!(
            dacl.to_vec().unwrap(),
            v.bytes[off..off + dacl.encoded_len()]
        );
    }
}

#[test]
fn every_vector_round_trips_or_fails_as_documented() {
    let all = vectors("dtyp");
    assert!(all.len() >= 30, "{} vectors", all.len());
    for v in &all {
        let ty = v.meta("type");
        if v.meta.contains_key("expect-error") {
            match ty {
                "Sid" => check_error::<Sid>(v),
                "Ace" => check_error::<Ace>(v),
                "Acl" => check_error::<Acl>(v),
                "SecurityDescriptor" => check_error::<SecurityDescriptor>(v),
                other => panic!("{}: unknown type {other}", v.name),
            }
            continue;
        }
        match ty {
            "Sid" => {
                let sid: Sid = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(sid.to_string(), v.meta("expect"), "{}", v.name);
                if sid.revision() == 1 {
                    let parsed: Sid = v.meta("expect").parse().unwrap();
                    assert_eq!(parsed.to_vec().unwrap(), v.bytes, "{}", v.name);
                }
            }
            "Guid" => {
                let g: Guid = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(
                    format!("{g:#}").to_ascii_lowercase(),
                    v.meta("expect").to_ascii_lowercase()
                );
                assert_eq!(v.meta("expect").parse::<Guid>().unwrap(), g);
            }
            "FileTime" => {
                let t: FileTime = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(t.to_string(), v.meta("expect"));
            }
            "SystemTime" => {
                let t: SystemTime = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(t.to_string(), v.meta("expect"));
            }
            "Ace" => {
                let ace: Ace = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(ace_summary(&ace), v.meta("expect"), "{}", v.name);
                assert_eq!(
                    ace.is_conditional(),
                    v.meta.get("conditional").is_some_and(|c| c == "true"),
                    "{}",
                    v.name
                );
                assert_eq!(ace.header().ace_size as usize, v.bytes.len());
            }
            "Acl" => {
                let acl: Acl = assert_round_trip(&v.bytes, &v.name);
                assert_eq!(
                    acl.aces.len(),
                    v.meta("expect-aces").parse::<usize>().unwrap()
                );
            }
            "SecurityDescriptor" => check_sd(v),
            other => panic!("{}: unknown type {other}", v.name),
        }
    }
}

#[test]
fn spec_2_5_1_4_example_matches_its_sddl() {
    use ms_dtyp::{AccessMask as M, AceFlags as F, AceType as T, well_known as wk};
    let v = msox_testkit::vector("dtyp", "sd-2.5.1.4-sddl-example");
    let sd = SecurityDescriptor::decode_exact(&v.bytes).unwrap();
    assert!(
        sd.layout.is_none(),
        "the spec's layout is the canonical one"
    );
    assert_eq!(sd.control.to_string(), "DP | SP | PD | PS | SR");
    let sacl = sd.sacl.unwrap();
    assert_eq!(sacl.aces[0].ace_type, T::SystemAudit);
    assert_eq!(sacl.aces[0].ace_flags, F::FAILED_ACCESS_ACE_FLAG);
    assert_eq!(sacl.aces[0].mask(), Some(M::GENERIC_READ));
    assert_eq!(sacl.aces[0].sid(), Some(&wk::EVERYONE));
    let dacl = sd.dacl.unwrap();
    let cioi = F::CONTAINER_INHERIT_ACE | F::OBJECT_INHERIT_ACE;
    let want = [
        (M::GENERIC_READ | M::GENERIC_EXECUTE, wk::BUILTIN_USERS),
        (M::GENERIC_ALL, wk::BUILTIN_ADMINISTRATORS),
        (M::GENERIC_ALL, wk::LOCAL_SYSTEM),
        (M::GENERIC_ALL, wk::CREATOR_OWNER),
    ];
    for (ace, (mask, sid)) in dacl.aces.iter().zip(want) {
        assert_eq!(*ace, Ace::allowed(cioi, mask, sid));
    }
}
