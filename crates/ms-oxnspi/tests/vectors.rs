//! Vectors built from the spec: [MS-NSPI] section 4 (the NspiBind /
//! NspiGetSpecialTable / NspiQueryRows session, whose parameter values the
//! spec lists but not their bytes) and the IDL's structure definitions.
//! They decode to the stated values and re-encode to the same bytes.
//! `MSOX_WRITE_VECTORS=1 cargo test -p ms-oxnspi --test vectors` rewrites
//! them from the values below.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcdata::{ErrorCode, PropertyTag, PropertyType, PropertyValue, Restriction, TaggedValue};
use ms_oxnspi::*;
use msox_codec::{Decode, Encode, Options, Utf16String};
use msox_testkit::{assert_round_trip, vector, vectors, workspace_root};

/// [MS-NSPI] 4: the STAT the client sends to NspiBind and NspiGetSpecialTable.
fn example_stat() -> Stat {
    Stat {
        code_page: 0x0000_04E4,
        template_locale: 0x0000_0409,
        sort_locale: 0x0000_0409,
        ..Stat::default()
    }
}

/// [MS-NSPI] 4: the server GUID NspiBind returns.
const SERVER_GUID: [u8; 16] = [
    0xab, 0xbc, 0x8b, 0x86, 0x79, 0x33, 0xc4, 0x48, 0xa1, 0xef, 0x1b, 0x53, 0xe6, 0x3b, 0xdc, 0x46,
];

fn handle() -> NspiHandle {
    NspiHandle {
        attributes: 0,
        uuid: Guid::from_u128(0x6B0E_3A1C_0000_4000_8000_0000_0000_0001),
    }
}

fn hierarchy_row(depth: i32, name: &str, mid: i32) -> PropertyRowR {
    let eph = EphemeralEntryId::new(
        Guid::from_le_bytes(SERVER_GUID),
        DisplayType::Container,
        mid as u32,
    );
    PropertyRowR::new(vec![
        PropertyValueR::new(
            0x0FFF_0102,
            PropValUnion::Binary(BinaryR::new(eph.to_vec().unwrap())),
        ),
        PropertyValueR::new(0x3600_0003, PropValUnion::Integer32(1)),
        PropertyValueR::new(0x3005_0003, PropValUnion::Integer32(depth)),
        PropertyValueR::new(0xFFFD_0003, PropValUnion::Integer32(mid)),
        PropertyValueR::new(
            0x3001_001F,
            PropValUnion::String(Some(Utf16String::new(name))),
        ),
        PropertyValueR::new(0xFFFB_000B, PropValUnion::Boolean(0)),
    ])
}

struct Case {
    name: &'static str,
    section: &'static str,
    source: &'static str,
    bytes: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    let mut add = |name, section, source, bytes| {
        v.push(Case {
            name,
            section,
            source,
            bytes,
        })
    };
    add(
        "spec-4-nspibind-request",
        "[MS-NSPI] 4 Protocol Examples; [MS-OXNSPI] 3.1.4.1.1 NspiBind",
        "hand-made: the request parameters the example lists (dwFlags 0, the STAT, a non-NULL pServerGuid)",
        NspiBindRequest {
            flags: 0,
            stat: example_stat(),
            server_guid: Some(Guid::NIL),
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "spec-4-nspibind-response",
        "[MS-NSPI] 4 Protocol Examples; [MS-OXNSPI] 3.1.4.1.1 NspiBind",
        "hand-made: the example's server GUID, a made-up context handle, return Success",
        NspiBindResponse {
            server_guid: Some(Guid::from_le_bytes(SERVER_GUID)),
            context_handle: handle(),
            return_value: ErrorCode::from(0),
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "spec-4-nspigetspecialtable-request",
        "[MS-NSPI] 4 Protocol Examples; [MS-OXNSPI] 3.1.4.1.3 NspiGetSpecialTable",
        "hand-made: the example's dwFlags NspiUnicodeStrings (0x4) and STAT",
        NspiGetSpecialTableRequest {
            handle: handle(),
            flags: 4,
            stat: example_stat(),
            version: 0,
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "spec-4-nspigetspecialtable-response",
        "[MS-NSPI] 4 Protocol Examples; [MS-OXNSPI] 3.1.4.1.3 NspiGetSpecialTable",
        "hand-made: two hierarchy rows with the example's six columns (EntryId, ContainerFlags, Depth, AddressBookContainerId, DisplayName, AddressBookIsMaster); values made up",
        NspiGetSpecialTableResponse {
            version: 1,
            rows: Some(PropertyRowSetR {
                rows: vec![
                    hierarchy_row(0, "Global Address List", 0x1001),
                    hierarchy_row(1, "All Users", 0x1002),
                ],
            }),
            return_value: ErrorCode::from(0),
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "spec-4-nspiqueryrows-request",
        "[MS-NSPI] 4 Protocol Examples; [MS-OXNSPI] 3.1.4.1.8 NspiQueryRows",
        "hand-made: a QueryRows of the container with MId 0x1002, 50 rows, DisplayName and EmailAddress",
        NspiQueryRowsRequest {
            handle: handle(),
            flags: 0,
            stat: Stat {
                container_id: 0x1002,
                ..example_stat()
            },
            etable_count: 0,
            etable: None,
            count: 50,
            prop_tags: Some(PropertyTagArrayR {
                values: vec![0x3001_001F, 0x3003_001F],
            }),
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "restriction-and-or-not",
        "[MS-OXNSPI] 2.2.5 Restrictions",
        "hand-made: AND(EXIST(DisplayName), NOT(OR(PROPERTY(DisplayType == 0))), SUB(recipients, EXIST))",
        RestrictionR::And(Some(vec![
            RestrictionR::Exist {
                reserved1: 0,
                prop_tag: 0x3001_001F,
                reserved2: 0,
            },
            RestrictionR::Not(Some(Box::new(RestrictionR::Or(Some(vec![
                RestrictionR::Property {
                    relop: 4,
                    prop_tag: 0x3900_0003,
                    prop: Some(Box::new(PropertyValueR::new(
                        0x3900_0003,
                        PropValUnion::Integer32(0),
                    ))),
                },
            ]))))),
            RestrictionR::Sub {
                sub_object: 0x0E12_000D,
                restriction: Some(Box::new(RestrictionR::Exist {
                    reserved1: 0,
                    prop_tag: 0x0C15_0003,
                    reserved2: 0,
                })),
            },
        ]))
        .to_vec()
        .unwrap(),
    );
    add(
        "ephemeral-entry-id",
        "[MS-OXNSPI] 2.2.9.2 EphemeralEntryID",
        "hand-made: the [MS-NSPI] 4 server GUID, DT_MAILUSER, MId 0x1234",
        EphemeralEntryId::new(
            Guid::from_le_bytes(SERVER_GUID),
            DisplayType::MailUser,
            0x1234,
        )
        .to_vec()
        .unwrap(),
    );
    add(
        "permanent-entry-id",
        "[MS-OXNSPI] 2.2.9.3 PermanentEntryID",
        "hand-made: GUID_NSPI, DT_MAILUSER, a legacy DN",
        PermanentEntryId::new(
            DisplayType::MailUser,
            "/o=First Organization/ou=Exchange Administrative Group/cn=Recipients/cn=alice",
        )
        .to_vec()
        .unwrap(),
    );
    v
}

fn write_vector(c: &Case) {
    let mut text = format!(
        "# section: {}\n# source: {}\n# note: no captures exist here; these bytes are our encoding of the values named\n",
        c.section, c.source
    );
    for chunk in c.bytes.chunks(16) {
        let line: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        text.push_str(&line.join(" "));
        text.push('\n');
    }
    let p = workspace_root().join(format!("test-vectors/oxnspi/{}.hex", c.name));
    std::fs::write(p, text).unwrap();
}

#[test]
fn spec_vectors_are_the_encodings_of_their_values() {
    let write = std::env::var_os("MSOX_WRITE_VECTORS").is_some();
    for c in cases() {
        if write {
            write_vector(&c);
        }
        let v = vector("oxnspi", c.name);
        assert_eq!(
            v.bytes, c.bytes,
            "{}: the checked-in bytes are the values' encoding",
            c.name
        );
    }
}

#[test]
fn spec_vectors_round_trip() {
    let _: NspiBindRequest = assert_round_trip(
        &vector("oxnspi", "spec-4-nspibind-request").bytes,
        "bind req",
    );
    let r: NspiBindResponse = assert_round_trip(
        &vector("oxnspi", "spec-4-nspibind-response").bytes,
        "bind resp",
    );
    assert_eq!(r.server_guid.unwrap().to_le_bytes(), SERVER_GUID);
    let _: NspiGetSpecialTableRequest = assert_round_trip(
        &vector("oxnspi", "spec-4-nspigetspecialtable-request").bytes,
        "gst req",
    );
    let t: NspiGetSpecialTableResponse = assert_round_trip(
        &vector("oxnspi", "spec-4-nspigetspecialtable-response").bytes,
        "gst resp",
    );
    let rows = t.rows.unwrap();
    assert_eq!(rows.rows.len(), 2);
    assert_eq!(rows.rows[1].values().len(), 6);
    let _: NspiQueryRowsRequest = assert_round_trip(
        &vector("oxnspi", "spec-4-nspiqueryrows-request").bytes,
        "qr",
    );
    let _: RestrictionR = assert_round_trip(
        &vector("oxnspi", "restriction-and-or-not").bytes,
        "restriction",
    );
    let e: EphemeralEntryId =
        assert_round_trip(&vector("oxnspi", "ephemeral-entry-id").bytes, "eph");
    assert_eq!(e.mid, 0x1234);
    let p: PermanentEntryId =
        assert_round_trip(&vector("oxnspi", "permanent-entry-id").bytes, "perm");
    assert_eq!(p.provider_uid, GUID_NSPI);
    assert!(matches!(
        NspiEntryId::decode_exact(&vector("oxnspi", "ephemeral-entry-id").bytes).unwrap(),
        NspiEntryId::Ephemeral(_)
    ));
}

#[test]
fn hierarchy_row_entry_id_is_an_ephemeral_entry_id() {
    let t = NspiGetSpecialTableResponse::decode_exact(
        &vector("oxnspi", "spec-4-nspigetspecialtable-response").bytes,
    )
    .unwrap();
    let row = &t.rows.unwrap().rows[0];
    let PropValUnion::Binary(b) = &row.values()[0].value else {
        panic!("PidTagEntryId is binary")
    };
    let id = EphemeralEntryId::decode_exact(b.bytes()).unwrap();
    assert_eq!(id.display_type, DisplayType::Container);
    assert_eq!(id.provider_uid.to_le_bytes(), SERVER_GUID);
}

#[test]
fn error_vectors_give_their_errors() {
    for v in vectors("oxnspi") {
        if v.expected_error.is_none() {
            continue;
        }
        let ty = v.meta("type").to_string();
        v.check_expected_error(|b, o| match ty.as_str() {
            "RestrictionR" => RestrictionR::decode_bytes(b, o).map(|d| d.defects),
            "PropertyValueR" => PropertyValueR::decode_bytes(b, o).map(|d| d.defects),
            "NspiQueryRowsResponse" => NspiQueryRowsResponse::decode_bytes(b, o).map(|d| d.defects),
            other => panic!("{other}"),
        });
    }
}

#[test]
fn property_values_convert_to_and_from_ms_oxcdata() {
    let cases = [
        (
            0x3001_001F,
            PropValUnion::String(Some(Utf16String::new("Alice"))),
        ),
        (0x3900_0003, PropValUnion::Integer32(-5)),
        (0x3A00_000B, PropValUnion::Boolean(1)),
        (
            0x0FFF_0102,
            PropValUnion::Binary(BinaryR::new(vec![1, 2, 3])),
        ),
        (
            0x8001_1040,
            PropValUnion::MultipleTime(Some(vec![ms_dtyp::FileTime(7)])),
        ),
        (0x3E00_000D, PropValUnion::Reserved(0x55)),
        (0x3FFF_0001, PropValUnion::Reserved(0)),
        (0x3003_000A, PropValUnion::ErrorCode(0x8004_010F)),
    ];
    for (tag, u) in cases {
        let v = PropertyValueR::new(tag, u);
        let tv = TaggedValue::try_from(&v).unwrap();
        assert_eq!(tv.tag, PropertyTag::from_u32(tag));
        assert_eq!(PropertyValueR::try_from(&tv).unwrap(), v, "{tag:08X}");
    }
    // a PtypBoolean of 2 is kept as the NSPI bytes, and written back
    let odd = PropertyValueR::new(0x3A00_000B, PropValUnion::Boolean(2));
    let tv = TaggedValue::try_from(&odd).unwrap();
    assert!(matches!(tv.value, PropertyValue::Raw { .. }));
    assert_eq!(PropertyValueR::try_from(&tv).unwrap(), odd);
    // types NSPI does not permit have no _r form
    let f = TaggedValue {
        tag: PropertyTag::new(0x1000, PropertyType::Floating64),
        value: PropertyValue::Floating64(1.5),
    };
    assert!(PropertyValueR::try_from(&f).is_err());
    // NULL strings have no ms-oxcdata form
    assert!(
        TaggedValue::try_from(&PropertyValueR::new(
            0x3001_001F,
            PropValUnion::String(None)
        ))
        .is_err()
    );
}

#[test]
fn restrictions_convert_to_and_from_ms_oxcdata() {
    let r = RestrictionR::decode_exact(&vector("oxnspi", "restriction-and-or-not").bytes).unwrap();
    let m = Restriction::try_from(&r).unwrap();
    assert!(m.to_string().starts_with("AND("), "{m}");
    assert_eq!(RestrictionR::try_from(&m).unwrap(), r);
    // the same restriction in the ROP form of ms-oxcdata, and back
    let rop = msox_codec::EncodeWith::to_vec_with(&m, ms_oxcdata::ValueContext::ROP).unwrap();
    let again: Restriction =
        msox_codec::DecodeWith::decode_exact_with(&rop, ms_oxcdata::ValueContext::ROP).unwrap();
    assert_eq!(RestrictionR::try_from(&again).unwrap(), r);
    let count = Restriction::Count(ms_oxcdata::CountRestriction {
        count: 1,
        sub_restriction: Box::new(Restriction::Exist(PropertyTag::from_u32(0x3001_001F))),
    });
    assert!(RestrictionR::try_from(&count).is_err());
}

#[test]
fn rows_convert_to_and_from_ms_oxcdata() {
    let row = hierarchy_row(2, "Sales", 0x1003);
    let (cols, std) = row.to_row().unwrap();
    assert_eq!(cols.len(), 6);
    assert_eq!(PropertyRowR::from_row(&cols, &std).unwrap(), row);
    assert_eq!(
        PropertyRowR::from_tagged_values(&row.to_tagged_values().unwrap()).unwrap(),
        row
    );
}

#[test]
fn strict_and_lenient_reserved_fields() {
    // ulReserved of a PropertyValue_r must be 0: strict refuses, lenient keeps
    let mut b = PropertyValueR::new(0x3900_0003, PropValUnion::Integer32(1))
        .to_vec()
        .unwrap();
    b[4] = 9;
    let e = PropertyValueR::decode_exact(&b).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid ulReserved 0x9 at byte 4 in PropertyValue_r"
    );
    let d = PropertyValueR::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.value.reserved, 9);
    assert_eq!(d.value.to_vec().unwrap(), b);
}
