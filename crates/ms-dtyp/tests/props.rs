//! Property tests: every public type round-trips through its wire form
//! (`decode(encode(x)) == x`, exact `encoded_len`), the string forms
//! round-trip, and a security descriptor in any arrangement re-encodes
//! byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{
    AccessMask, Ace, AceBody, AceFlags, AceHeader, AceType, Acl, AclRevision, FileTime, Fill, Guid,
    IdentifierAuthority, ObjectAceData, ObjectAceFlags, SecurityDescriptor,
    SecurityDescriptorControl, SecurityDescriptorLayout, Sid, SystemTime,
};
use msox_codec::{Decode, Encode};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

fn sid() -> impl Strategy<Value = Sid> {
    (
        prop_oneof![9 => Just(1u8), 1 => any::<u8>()],
        any::<[u8; 6]>(),
        proptest::collection::vec(any::<u32>(), 0..=15),
    )
        .prop_map(|(rev, auth, subs)| {
            Sid::new(IdentifierAuthority(auth), &subs)
                .unwrap()
                .with_revision(rev)
        })
}

fn guid() -> impl Strategy<Value = Guid> {
    any::<u128>().prop_map(Guid::from_u128)
}

/// Bytes whose length is a multiple of 4 (so AceSize stays aligned).
fn aligned_bytes(max_words: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<[u8; 4]>(), 0..=max_words)
        .prop_map(|w| w.into_iter().flatten().collect())
}

fn object_data() -> impl Strategy<Value = ObjectAceData> {
    (
        any::<u32>(),
        proptest::option::of(guid()),
        proptest::option::of(guid()),
    )
        .prop_map(|(other, o, i)| {
            let mut d = ObjectAceData::new(o, i);
            d.flags = ObjectAceFlags(d.flags.0 | (other & !3));
            d
        })
}

fn ace() -> impl Strategy<Value = Ace> {
    let basic = (
        prop::sample::select(vec![0x00u8, 0x01, 0x02, 0x03, 0x11, 0x13]),
        any::<u32>(),
        sid(),
        aligned_bytes(3),
    )
        .prop_map(|(t, m, sid, padding)| {
            (
                t,
                AceBody::Basic {
                    mask: AccessMask(m),
                    sid,
                    padding,
                },
            )
        });
    let object = (
        prop::sample::select(vec![0x05u8, 0x06, 0x07, 0x08]),
        any::<u32>(),
        object_data(),
        sid(),
        aligned_bytes(2),
    )
        .prop_map(|(t, m, object, sid, padding)| {
            (
                t,
                AceBody::Object {
                    mask: AccessMask(m),
                    object,
                    sid,
                    padding,
                },
            )
        });
    let callback = (
        prop::sample::select(vec![0x09u8, 0x0A, 0x0D, 0x0E]),
        any::<u32>(),
        sid(),
        aligned_bytes(8),
    )
        .prop_map(|(t, m, sid, application_data)| {
            (
                t,
                AceBody::Callback {
                    mask: AccessMask(m),
                    sid,
                    application_data,
                },
            )
        });
    let callback_object = (
        prop::sample::select(vec![0x0Bu8, 0x0C, 0x0F, 0x10]),
        any::<u32>(),
        object_data(),
        sid(),
        aligned_bytes(8),
    )
        .prop_map(|(t, m, object, sid, application_data)| {
            (
                t,
                AceBody::CallbackObject {
                    mask: AccessMask(m),
                    object,
                    sid,
                    application_data,
                },
            )
        });
    let resource = (any::<u32>(), sid(), aligned_bytes(8)).prop_map(|(m, sid, attribute_data)| {
        (
            0x12u8,
            AceBody::ResourceAttribute {
                mask: AccessMask(m),
                sid,
                attribute_data,
            },
        )
    });
    let raw = (prop_oneof![Just(0x04u8), 0x14u8..=0xFF], aligned_bytes(10))
        .prop_map(|(t, b)| (t, AceBody::Raw(b)));
    (
        prop_oneof![basic, object, callback, callback_object, resource, raw],
        any::<u8>(),
    )
        .prop_map(|((t, body), flags)| Ace {
            ace_type: AceType::from(t),
            ace_flags: AceFlags(flags),
            body,
        })
}

fn acl() -> impl Strategy<Value = Acl> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u16>(),
        proptest::collection::vec(ace(), 0..6),
        proptest::collection::vec(any::<u8>(), 0..9),
    )
        .prop_map(|(rev, sbz1, sbz2, aces, padding)| Acl {
            acl_revision: AclRevision::from(rev),
            sbz1,
            sbz2,
            aces,
            padding,
        })
}

fn sd() -> impl Strategy<Value = SecurityDescriptor> {
    (
        any::<u8>(),
        any::<u16>(),
        proptest::option::of(sid()),
        proptest::option::of(sid()),
        proptest::option::of(acl()),
        proptest::option::of(acl()),
    )
        .prop_map(
            |(sbz1, control, owner, group, sacl, dacl)| SecurityDescriptor {
                sbz1,
                control: SecurityDescriptorControl(control),
                owner,
                group,
                sacl,
                dacl,
                layout: None,
            },
        )
}

/// A descriptor with its parts in the order `order` (a permutation of
/// 0..4: owner, group, SACL, DACL) and `gaps[i]` stray bytes before each.
fn arranged(mut sd: SecurityDescriptor, order: &[usize], gaps: &[Vec<u8>]) -> SecurityDescriptor {
    let lens = [
        sd.owner.as_ref().map_or(0, Encode::encoded_len),
        sd.group.as_ref().map_or(0, Encode::encoded_len),
        sd.sacl.as_ref().map_or(0, Encode::encoded_len),
        sd.dacl.as_ref().map_or(0, Encode::encoded_len),
    ];
    let mut offsets = [0u32; 4];
    let mut fill = Vec::new();
    let mut pos = 20usize;
    for (&i, gap) in order.iter().zip(gaps) {
        if lens[i] == 0 {
            continue;
        }
        if !gap.is_empty() {
            fill.push(Fill {
                offset: pos as u32,
                bytes: gap.clone(),
            });
            pos += gap.len();
        }
        offsets[i] = pos as u32;
        pos += lens[i];
    }
    sd.layout = Some(SecurityDescriptorLayout {
        offset_owner: offsets[0],
        offset_group: offsets[1],
        offset_sacl: offsets[2],
        offset_dacl: offsets[3],
        fill,
    });
    sd
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn guid_round_trips(g in guid()) {
        prop_round_trip(&g)?;
        prop_assert_eq!(g.to_string().parse::<Guid>().unwrap(), g);
        prop_assert_eq!(format!("{g:#}").to_lowercase().parse::<Guid>().unwrap(), g);
    }

    #[test]
    fn filetime_round_trips(v: u64) {
        let t = FileTime(v);
        prop_round_trip(&t)?;
        let (y, mo, d, h, mi, s, f) = t.to_utc();
        prop_assert_eq!(FileTime::from_utc(y, mo, d, h, mi, s, f), Some(t));
    }

    #[test]
    fn systemtime_round_trips(w: [u16; 8]) {
        let t = SystemTime {
            w_year: w[0], w_month: w[1], w_day_of_week: w[2], w_day: w[3],
            w_hour: w[4], w_minute: w[5], w_second: w[6], w_milliseconds: w[7],
        };
        prop_round_trip(&t)?;
    }

    #[test]
    fn systemtime_and_filetime_agree(v in 0u64..(30_000 * 365 * 86_400 * 10_000_000)) {
        let ft = FileTime(v - v % 10_000); // whole milliseconds
        let st = SystemTime::from_file_time(ft);
        prop_assert!(st.is_valid_date());
        prop_assert_eq!(st.to_file_time(), Some(ft));
    }

    #[test]
    fn identifier_authority_round_trips(a: [u8; 6]) {
        let a = IdentifierAuthority(a);
        prop_round_trip(&a)?;
        prop_assert_eq!(IdentifierAuthority::from_value(a.value()), a);
    }

    #[test]
    fn sid_round_trips(s in sid()) {
        prop_round_trip(&s)?;
        prop_assert_eq!(s.encoded_len(), 8 + 4 * s.sub_authorities().len());
        if s.revision() == 1 {
            prop_assert_eq!(s.to_string().parse::<Sid>().unwrap(), s);
        }
    }

    #[test]
    fn access_mask_round_trips(m: u32) {
        prop_round_trip(&AccessMask(m))?;
    }

    #[test]
    fn ace_header_round_trips(t: u8, f: u8, size: u16) {
        prop_round_trip(&AceHeader { ace_type: AceType::from(t), ace_flags: AceFlags(f), ace_size: size })?;
    }

    #[test]
    fn ace_round_trips(a in ace()) {
        prop_round_trip(&a)?;
        prop_assert_eq!(usize::from(a.header().ace_size), a.encoded_len());
    }

    #[test]
    fn acl_round_trips(a in acl()) {
        prop_round_trip(&a)?;
    }

    #[test]
    fn security_descriptor_round_trips(s in sd()) {
        prop_round_trip(&s)?;
    }

    #[test]
    fn security_descriptor_in_any_arrangement_re_encodes_byte_for_byte(
        s in sd(),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        gaps in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..6), 4),
    ) {
        let s = arranged(s, &order, &gaps);
        let bytes = s.to_vec().unwrap();
        prop_assert_eq!(bytes.len(), s.encoded_len());
        prop_assert_eq!(s.offsets(), {
            let l = s.layout.as_ref().unwrap();
            [l.offset_owner, l.offset_group, l.offset_sacl, l.offset_dacl]
        });
        let back = SecurityDescriptor::decode_exact(&bytes).unwrap();
        prop_assert_eq!(back.to_vec().unwrap(), bytes);
        prop_assert_eq!(&back.owner, &s.owner);
        prop_assert_eq!(&back.group, &s.group);
        prop_assert_eq!(&back.sacl, &s.sacl);
        prop_assert_eq!(&back.dacl, &s.dacl);
        // Dropping the layout gives the canonical arrangement.
        let mut c = back.clone();
        c.canonicalize();
        let canon = SecurityDescriptor::decode_exact(&c.to_vec().unwrap()).unwrap();
        prop_assert!(canon.layout.is_none());
        prop_assert_eq!(canon, c);
    }
}

#[test]
fn a_layout_that_no_longer_fits_falls_back_to_the_canonical_one() {
    let v = msox_testkit::vector("dtyp", "sd-2.4.6-owner-group-gap-dacl");
    let mut sd = SecurityDescriptor::decode_exact(&v.bytes).unwrap();
    assert!(sd.layout.is_some());
    // A longer owner no longer fits before the group.
    sd.owner = Some("S-1-5-21-1-2-3-500".parse().unwrap());
    let bytes = sd.to_vec().unwrap();
    let back = SecurityDescriptor::decode_exact(&bytes).unwrap();
    assert!(back.layout.is_none());
    assert_eq!(back.owner, sd.owner);
    assert_eq!(back.dacl, sd.dacl);
}
