//! Peer check against impacket: the `peer-*.hex` vectors in
//! test-vectors/oxnspi were written by impacket (scripts/peers/nspi_ndr.py)
//! with the values they hold as JSON (`# expect:`). Each decodes here to
//! those values and round-trips through our encoder; our encodings are
//! written to target/peer-ours/oxnspi/ for `nspi_ndr.py check` to decode
//! with impacket. Where impacket's definitions disagree with the IDL
//! (`# disagreement:`), the spec is the judge: each such vector has its own
//! test saying what the spec makes of impacket's bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxnspi::*;
use msox_codec::{Decode, Encode, ErrorKind, Options, String8, Utf16String};
use msox_testkit::{Vector, vectors, workspace_root};
use serde_json::{Value, json};

fn latin1(s: &String8) -> Value {
    Value::String(s.bytes().iter().map(|&b| char::from(b)).collect())
}

fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> Value) -> Value {
    v.as_ref().map_or(Value::Null, f)
}

fn guid(g: &Guid) -> Value {
    Value::String(hex(&g.to_le_bytes()))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn wstr(s: &Utf16String) -> Value {
    Value::String(s.as_str().to_string())
}

fn stat(s: &Stat) -> Value {
    json!({"SortType": s.sort_type.value(), "ContainerID": s.container_id, "CurrentRec": s.current_rec,
           "Delta": s.delta, "NumPos": s.num_pos, "TotalRecs": s.total_recs, "CodePage": s.code_page,
           "TemplateLocale": s.template_locale, "SortLocale": s.sort_locale})
}

fn pta(p: &PropertyTagArrayR) -> Value {
    json!({"aulPropTag": p.values})
}

fn union(v: &PropValUnion) -> Value {
    use PropValUnion as V;
    match v {
        V::Integer16(x) => json!(x),
        V::Integer32(x) => json!(x),
        V::Boolean(x) => json!(x),
        V::String8(s) => opt(s, latin1),
        V::Binary(b) => opt(&b.0, |b| Value::String(hex(b))),
        V::String(s) => opt(s, wstr),
        V::Guid(g) => opt(g, guid),
        V::Time(t) => json!(t.0),
        V::ErrorCode(x) => json!(x),
        V::MultipleInteger16(a) => opt(a, |a| json!(a)),
        V::MultipleInteger32(a) => opt(a, |a| json!(a)),
        V::MultipleString8(a) => opt(a, |a| {
            Value::Array(a.iter().map(|s| opt(s, latin1)).collect())
        }),
        V::MultipleBinary(a) => opt(a, |a| {
            Value::Array(
                a.iter()
                    .map(|b| opt(&b.0, |b| Value::String(hex(b))))
                    .collect(),
            )
        }),
        V::MultipleGuid(a) => opt(a, |a| {
            Value::Array(a.iter().map(|g| opt(g, guid)).collect())
        }),
        V::MultipleString(a) => opt(a, |a| {
            Value::Array(a.iter().map(|s| opt(s, wstr)).collect())
        }),
        V::MultipleTime(a) => opt(a, |a| Value::Array(a.iter().map(|t| json!(t.0)).collect())),
        V::Reserved(x) => json!(x),
        _ => panic!("unknown arm"),
    }
}

fn pv(p: &PropertyValueR) -> Value {
    json!({"ulPropTag": p.prop_tag, "ulReserved": p.reserved, "Value": union(&p.value)})
}

fn row(r: &PropertyRowR) -> Value {
    json!({"Reserved": r.reserved, "lpProps": opt(&r.values, |v| Value::Array(v.iter().map(pv).collect()))})
}

fn rowset(r: &PropertyRowSetR) -> Value {
    json!({"aRow": r.rows.iter().map(row).collect::<Vec<_>>()})
}

fn restriction(r: &RestrictionR) -> Value {
    let list = |v: &Option<Vec<RestrictionR>>| {
        opt(v, |v| Value::Array(v.iter().map(restriction).collect()))
    };
    match r {
        RestrictionR::And(v) => json!({"rt": 0, "lpRes": list(v)}),
        RestrictionR::Or(v) => json!({"rt": 1, "lpRes": list(v)}),
        RestrictionR::Not(x) => json!({"rt": 2, "lpRes": opt(x, |x| restriction(x))}),
        RestrictionR::Content {
            fuzzy_level,
            prop_tag,
            prop,
        } => {
            json!({"rt": 3, "ulFuzzyLevel": fuzzy_level, "ulPropTag": prop_tag, "lpProp": opt(prop, |p| pv(p))})
        }
        RestrictionR::Property {
            relop,
            prop_tag,
            prop,
        } => {
            json!({"rt": 4, "relop": relop, "ulPropTag": prop_tag, "lpProp": opt(prop, |p| pv(p))})
        }
        RestrictionR::CompareProps {
            relop,
            prop_tag1,
            prop_tag2,
        } => {
            json!({"rt": 5, "relop": relop, "ulPropTag1": prop_tag1, "ulPropTag2": prop_tag2})
        }
        RestrictionR::BitMask {
            rel_bmr,
            prop_tag,
            mask,
        } => {
            json!({"rt": 6, "relBMR": rel_bmr, "ulPropTag": prop_tag, "ulMask": mask})
        }
        RestrictionR::Size {
            relop,
            prop_tag,
            cb,
        } => {
            json!({"rt": 7, "relop": relop, "ulPropTag": prop_tag, "cb": cb})
        }
        RestrictionR::Exist {
            reserved1,
            prop_tag,
            reserved2,
        } => {
            json!({"rt": 8, "ulReserved1": reserved1, "ulPropTag": prop_tag, "ulReserved2": reserved2})
        }
        RestrictionR::Sub {
            sub_object,
            restriction: x,
        } => {
            json!({"rt": 9, "ulSubObject": sub_object, "lpRes": opt(x, |x| restriction(x))})
        }
        _ => panic!("unknown restriction"),
    }
}

fn name(n: &PropertyNameR) -> Value {
    json!({"lpguid": opt(&n.guid, guid), "ulReserved": n.reserved, "lID": n.id})
}

fn handle(h: &NspiHandle) -> Value {
    let mut b = Vec::from(h.attributes.to_le_bytes());
    b.extend(h.uuid.to_le_bytes());
    Value::String(hex(&b))
}

fn strings8(v: &[Option<String8>]) -> Value {
    json!({"Strings": v.iter().map(|s| opt(s, latin1)).collect::<Vec<_>>()})
}

fn stringsw(v: &[Option<Utf16String>]) -> Value {
    json!({"Strings": v.iter().map(|s| opt(s, wstr)).collect::<Vec<_>>()})
}

fn dn(v: &Option<Option<String8>>) -> Value {
    match v {
        None => Value::Null,
        Some(None) => Value::Null,
        Some(Some(s)) => latin1(s),
    }
}

/// Decodes `bytes` as `ty` with `opts`, returning the JSON projection and
/// our re-encoding.
fn project(ty: &str, bytes: &[u8], opts: &Options) -> msox_codec::Result<(Value, Vec<u8>)> {
    macro_rules! go {
        ($t:ty, |$v:ident| $j:expr) => {{
            let d = <$t>::decode_bytes(bytes, opts)?;
            let $v = &d.value;
            let j = $j;
            let out = $v.to_vec()?;
            assert_eq!(out.len(), $v.encoded_len(), "{ty}: encoded_len");
            let back = <$t>::decode_exact(&out).expect("our encoding decodes");
            assert_eq!(&back, $v, "{ty}: our encoding decodes to the same value");
            Ok((j, out))
        }};
    }
    let rows = |r: &Option<PropertyRowSetR>| opt(r, rowset);
    let tags = |r: &Option<PropertyTagArrayR>| opt(r, pta);
    match ty {
        "Stat" => go!(Stat, |v| stat(v)),
        "PropertyTagArrayR" => go!(PropertyTagArrayR, |v| pta(v)),
        "PropertyValueR" => go!(PropertyValueR, |v| pv(v)),
        "PropertyRowR" => go!(PropertyRowR, |v| row(v)),
        "PropertyRowSetR" => go!(PropertyRowSetR, |v| rowset(v)),
        "RestrictionR" => go!(RestrictionR, |v| restriction(v)),
        "PropertyNameSetR" => go!(
            PropertyNameSetR,
            |v| json!({"aNames": v.names.iter().map(name).collect::<Vec<_>>()})
        ),
        "StringsArrayR" => go!(StringsArrayR, |v| strings8(&v.strings)),
        "WStringsArrayR" => go!(WStringsArrayR, |v| stringsw(&v.strings)),
        "NspiBindRequest" => go!(
            NspiBindRequest,
            |v| json!({"dwFlags": v.flags, "pStat": stat(&v.stat), "pServerGuid": opt(&v.server_guid, guid)})
        ),
        "NspiBindResponse" => go!(
            NspiBindResponse,
            |v| json!({"pServerGuid": opt(&v.server_guid, guid), "contextHandle": handle(&v.context_handle), "ErrorCode": v.return_value.value()})
        ),
        "NspiUnbindRequest" => go!(
            NspiUnbindRequest,
            |v| json!({"contextHandle": handle(&v.context_handle), "Reserved": v.reserved})
        ),
        "NspiUnbindResponse" => go!(
            NspiUnbindResponse,
            |v| json!({"contextHandle": handle(&v.context_handle), "ErrorCode": v.return_value.value()})
        ),
        "NspiUpdateStatRequest" => go!(
            NspiUpdateStatRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pStat": stat(&v.stat), "plDelta": v.delta})
        ),
        "NspiUpdateStatResponse" => go!(
            NspiUpdateStatResponse,
            |v| json!({"pStat": stat(&v.stat), "plDelta": v.delta, "ErrorCode": v.return_value.value()})
        ),
        "NspiQueryRowsRequest" => go!(
            NspiQueryRowsRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "pStat": stat(&v.stat), "dwETableCount": v.etable_count, "lpETable": v.etable, "Count": v.count, "pPropTags": tags(&v.prop_tags)})
        ),
        "NspiQueryRowsResponse" => go!(
            NspiQueryRowsResponse,
            |v| json!({"pStat": stat(&v.stat), "ppRows": rows(&v.rows), "ErrorCode": v.return_value.value()})
        ),
        "NspiSeekEntriesRequest" => go!(
            NspiSeekEntriesRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pStat": stat(&v.stat), "pTarget": pv(&v.target), "lpETable": tags(&v.etable), "pPropTags": tags(&v.prop_tags)})
        ),
        "NspiSeekEntriesResponse" => go!(
            NspiSeekEntriesResponse,
            |v| json!({"pStat": stat(&v.stat), "ppRows": rows(&v.rows), "ErrorCode": v.return_value.value()})
        ),
        "NspiDnToMIdRequest" => go!(
            NspiDnToMIdRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pNames": strings8(&v.names.strings)})
        ),
        "NspiDnToMIdResponse" => go!(
            NspiDnToMIdResponse,
            |v| json!({"ppOutMIds": tags(&v.out_mids), "ErrorCode": v.return_value.value()})
        ),
        "NspiGetPropListRequest" => go!(
            NspiGetPropListRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "dwMId": v.mid, "CodePage": v.code_page})
        ),
        "NspiGetPropListResponse" => go!(
            NspiGetPropListResponse,
            |v| json!({"ppPropTags": tags(&v.prop_tags), "ErrorCode": v.return_value.value()})
        ),
        "NspiGetPropsRequest" => go!(
            NspiGetPropsRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "pStat": stat(&v.stat), "pPropTags": tags(&v.prop_tags)})
        ),
        "NspiGetPropsResponse" => go!(
            NspiGetPropsResponse,
            |v| json!({"ppRows": opt(&v.row, row), "ErrorCode": v.return_value.value()})
        ),
        "NspiCompareMIdsRequest" => go!(
            NspiCompareMIdsRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pStat": stat(&v.stat), "MId1": v.mid1, "MId2": v.mid2})
        ),
        "NspiCompareMIdsResponse" => go!(
            NspiCompareMIdsResponse,
            |v| json!({"plResult": v.result, "ErrorCode": v.return_value.value()})
        ),
        "NspiGetSpecialTableRequest" => go!(
            NspiGetSpecialTableRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "pStat": stat(&v.stat), "lpVersion": v.version})
        ),
        "NspiGetSpecialTableResponse" => go!(
            NspiGetSpecialTableResponse,
            |v| json!({"lpVersion": v.version, "ppRows": rows(&v.rows), "ErrorCode": v.return_value.value()})
        ),
        "NspiGetTemplateInfoRequest" => go!(
            NspiGetTemplateInfoRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "ulType": v.display_type, "pDN": opt(&v.dn, latin1), "dwCodePage": v.code_page, "dwLocaleID": v.locale_id})
        ),
        "NspiGetTemplateInfoResponse" => go!(
            NspiGetTemplateInfoResponse,
            |v| json!({"ppData": opt(&v.data, row), "ErrorCode": v.return_value.value()})
        ),
        "NspiModLinkAttRequest" => go!(
            NspiModLinkAttRequest,
            |v| json!({"hRpc": handle(&v.handle), "dwFlags": v.flags, "ulPropTag": v.prop_tag, "dwMId": v.mid, "lpEntryIds": opt(&v.entry_ids, |e| Value::Array(e.iter().map(|b| Value::String(hex(b.bytes()))).collect()))})
        ),
        "NspiModLinkAttResponse" => go!(
            NspiModLinkAttResponse,
            |v| json!({"ErrorCode": v.return_value.value()})
        ),
        "NspiQueryColumnsRequest" => go!(
            NspiQueryColumnsRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "dwFlags": v.flags})
        ),
        "NspiQueryColumnsResponse" => go!(
            NspiQueryColumnsResponse,
            |v| json!({"ppColumns": tags(&v.columns), "ErrorCode": v.return_value.value()})
        ),
        "NspiGetNamesFromIdsRequest" => go!(
            NspiGetNamesFromIdsRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "lpguid": opt(&v.guid, guid), "pPropTags": tags(&v.prop_tags)})
        ),
        "NspiGetNamesFromIdsResponse" => go!(
            NspiGetNamesFromIdsResponse,
            |v| json!({"ppReturnedPropTags": tags(&v.returned_prop_tags), "ppNames": opt(&v.names, |n| json!({"aNames": n.names.iter().map(name).collect::<Vec<_>>()})), "ErrorCode": v.return_value.value()})
        ),
        "NspiGetIdsFromNamesRequest" => go!(
            NspiGetIdsFromNamesRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "dwFlags": v.flags, "cPropNames": v.prop_name_count, "pNames": v.names.iter().map(|n| opt(n, name)).collect::<Vec<_>>()})
        ),
        "NspiGetIdsFromNamesResponse" => go!(
            NspiGetIdsFromNamesResponse,
            |v| json!({"ppPropTags": tags(&v.prop_tags), "ErrorCode": v.return_value.value()})
        ),
        "NspiResolveNamesRequest" => go!(
            NspiResolveNamesRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pStat": stat(&v.stat), "pPropTags": tags(&v.prop_tags), "paStr": strings8(&v.names.strings)})
        ),
        "NspiResolveNamesResponse" => go!(
            NspiResolveNamesResponse,
            |v| json!({"ppMIds": tags(&v.mids), "ppRows": rows(&v.rows), "ErrorCode": v.return_value.value()})
        ),
        "NspiResolveNamesWRequest" => go!(
            NspiResolveNamesWRequest,
            |v| json!({"hRpc": handle(&v.handle), "Reserved": v.reserved, "pStat": stat(&v.stat), "pPropTags": tags(&v.prop_tags), "paWStr": stringsw(&v.names.strings)})
        ),
        "NspiResolveNamesWResponse" => go!(
            NspiResolveNamesWResponse,
            |v| json!({"ppMIds": tags(&v.mids), "ppRows": rows(&v.rows), "ErrorCode": v.return_value.value()})
        ),
        "RfrGetNewDsaRequest" => go!(
            RfrGetNewDsaRequest,
            |v| json!({"ulFlags": v.flags, "pUserDN": latin1(&v.user_dn), "ppszUnused": dn(&v.unused), "ppszServer": dn(&v.server)})
        ),
        "RfrGetNewDsaResponse" => go!(
            RfrGetNewDsaResponse,
            |v| json!({"ppszUnused": dn(&v.unused), "ppszServer": dn(&v.server), "ErrorCode": v.return_value.value()})
        ),
        "RfrGetFqdnFromServerDnRequest" => go!(
            RfrGetFqdnFromServerDnRequest,
            |v| json!({"ulFlags": v.flags, "cbMailboxServerDN": v.cb_mailbox_server_dn, "szMailboxServerDN": latin1(&v.mailbox_server_dn)})
        ),
        "RfrGetFqdnFromServerDnResponse" => go!(
            RfrGetFqdnFromServerDnResponse,
            |v| json!({"ppszServerFQDN": opt(&v.server_fqdn, latin1), "ErrorCode": v.return_value.value()})
        ),
        other => panic!("no projection for {other}"),
    }
}

fn peer_vectors() -> Vec<Vector> {
    let v: Vec<Vector> = vectors("oxnspi")
        .into_iter()
        .filter(|v| v.name.starts_with("peer-"))
        .collect();
    assert!(
        v.len() >= 60,
        "the impacket vectors are checked in ({} found)",
        v.len()
    );
    v
}

fn write_ours(v: &Vector, out: &[u8]) {
    let dir = workspace_root().join("target/peer-ours/oxnspi");
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = format!(
        "# source: ms-oxnspi encoding of {}\n# type: {}\n# expect: {}\n",
        v.meta("type"),
        v.meta("type"),
        v.meta("expect")
    );
    for chunk in out.chunks(16) {
        let line: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        text.push_str(&line.join(" "));
        text.push('\n');
    }
    std::fs::write(dir.join(format!("{}.hex", v.name)), text).unwrap();
}

#[test]
fn impacket_encodings_decode_to_the_values_it_was_given() {
    let mut checked = 0;
    for v in peer_vectors() {
        if v.meta.contains_key("disagreement") {
            continue;
        }
        let ty = v.meta("type");
        let (got, ours) =
            project(ty, &v.bytes, &Options::strict()).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let want: Value = serde_json::from_str(v.meta("expect")).unwrap();
        assert_eq!(got, want, "{}", v.name);
        write_ours(&v, &ours);
        checked += 1;
    }
    assert!(checked >= 55, "{checked} checked");
}

fn disagreement(name: &str) -> Vector {
    let v = vectors("oxnspi")
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("{name} is checked in"));
    assert!(v.meta.contains_key("disagreement"), "{name} is marked");
    v
}

/// impacket leaves PropertyTagArray_r's maximum count at cValues; the IDL
/// says `size_is(cValues+1)`. Strict refuses; lenient reads the tags and
/// says so; our encoding follows the IDL.
#[test]
fn disagreement_property_tag_array_max_count() {
    let v = disagreement("peer-property-tag-array-impacket-default-max-count");
    let e = PropertyTagArrayR::decode_exact(&v.bytes).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                field: "max_count",
                value: 2
            }
        ),
        "{e}"
    );
    let d = PropertyTagArrayR::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
    assert_eq!(d.value.values, [0x3001_001F, 0x0FFF_0102]);
    assert_eq!(d.defects.len(), 1);
    assert_eq!(&d.value.to_vec().unwrap()[..4], &3u32.to_le_bytes());
}

/// impacket's DateTimeArray_r is an array of FILETIME pointers; the IDL's
/// `FILETIME* lpft` with `size_is` is an array of FILETIMEs. Read per the
/// spec, impacket's referent IDs become the low halves of the times.
#[test]
fn disagreement_datetime_array_of_pointers() {
    let v = disagreement("peer-property-value-MVft");
    let got = PropertyValueR::decode_bytes(&v.bytes, &Options::lenient());
    match got {
        Ok(d) => {
            let want: Value = serde_json::from_str(v.meta("expect")).unwrap();
            assert_ne!(
                pv(&d.value),
                want,
                "the spec's reading differs from impacket's"
            );
        }
        Err(e) => assert!(e.is_unexpected_end() || e.is_limit() || !e.to_string().is_empty()),
    }
    // what the spec says the two times look like
    let ours = PropertyValueR::new(
        0x8005_1040,
        PropValUnion::MultipleTime(Some(vec![
            ms_dtyp::FileTime(0x01D2_3456_78AB_CDEF),
            ms_dtyp::FileTime(5),
        ])),
    )
    .to_vec()
    .unwrap();
    // 12 bytes of PropertyValue_r head, cValues, pointer, max count, then 16 bytes of times
    assert_eq!(ours.len(), 12 + 8 + 4 + 16);
    assert_eq!(&ours[24..32], &0x01D2_3456_78AB_CDEFu64.to_le_bytes());
}

/// impacket has a PROP_VAL_UNION arm for PtypUnspecified; the IDL has
/// none, so the value cannot be delimited: an error in both modes.
#[test]
fn disagreement_unspecified_union_arm() {
    let v = disagreement("peer-property-value-unspecified");
    for o in [Options::strict(), Options::lenient()] {
        let e = PropertyValueR::decode_bytes(&v.bytes, &o).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidValue {
                    field: "PROP_VAL_UNION discriminant",
                    value: 0
                }
            ),
            "{e}"
        );
    }
}

/// impacket writes NspiSeekEntries' `[unique]` lpETable and pPropTags
/// without referent IDs: read per the IDL, the bytes do not decode to
/// the request impacket was given.
#[test]
fn disagreement_seek_entries_unique_pointers() {
    let v = disagreement("peer-nspi-seek-entries-request");
    let want: Value = serde_json::from_str(v.meta("expect")).unwrap();
    let r = project("NspiSeekEntriesRequest", &v.bytes, &Options::lenient());
    assert!(r.map_or(true, |(got, _)| got != want));
}

/// impacket writes a referent ID before the `[in] STAT*` (a reference
/// pointer) of NspiGetProps, and before pStat and lpVersion of
/// NspiGetSpecialTable: read per the IDL, the first STAT field is that ID.
#[test]
fn disagreement_reference_pointers_with_referent_ids() {
    for name in [
        "peer-nspi-get-props-request",
        "peer-nspi-get-special-table-request",
    ] {
        let v = disagreement(name);
        let want: Value = serde_json::from_str(v.meta("expect")).unwrap();
        let r = project(v.meta("type"), &v.bytes, &Options::lenient());
        assert!(r.map_or(true, |(got, _)| got != want), "{name}");
    }
}

/// impacket writes NspiGetIDsFromNames' pNames as a conformant varying
/// array of structures; the IDL's `PropertyName_r**` with `size_is` is a
/// conformant array of unique pointers.
#[test]
fn disagreement_get_ids_from_names_pointer_array() {
    let v = disagreement("peer-nspi-get-ids-from-names-request");
    let want: Value = serde_json::from_str(v.meta("expect")).unwrap();
    let r = project("NspiGetIdsFromNamesRequest", &v.bytes, &Options::lenient());
    assert!(r.map_or(true, |(got, _)| got != want));
}

/// RfrGetNewDSA returns a long; impacket's response has no return value, so
/// its bytes end four bytes early.
#[test]
fn disagreement_rfr_get_new_dsa_return_value() {
    let v = disagreement("peer-rfr-get-new-dsa-response");
    let e = RfrGetNewDsaResponse::decode_exact(&v.bytes).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    let mut with_ret = v.bytes.clone();
    while !with_ret.len().is_multiple_of(4) {
        with_ret.push(0);
    }
    with_ret.extend(0u32.to_le_bytes());
    let r = RfrGetNewDsaResponse::decode_exact(&with_ret).unwrap();
    assert_eq!(dn(&r.server), json!("nspi.example.com"));
}
