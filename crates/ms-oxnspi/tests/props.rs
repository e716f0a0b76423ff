//! Property tests: every public structure and every method's request and
//! response round-trips through the NDR codec (`decode(encode(x)) == x`,
//! `encoded_len` exact), and the ms-oxcdata conversions round-trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{ErrorCode, Restriction, TaggedValue};
use ms_oxnspi::*;
use msox_codec::{CodePage, String8, Utf16String};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

trait Arb: Sized + std::fmt::Debug {
    fn arb() -> BoxedStrategy<Self>;
}

impl Arb for u32 {
    fn arb() -> BoxedStrategy<Self> {
        any::<u32>().boxed()
    }
}
impl Arb for i32 {
    fn arb() -> BoxedStrategy<Self> {
        any::<i32>().boxed()
    }
}
impl Arb for Guid {
    fn arb() -> BoxedStrategy<Self> {
        any::<u128>().prop_map(Guid::from_u128).boxed()
    }
}
impl Arb for ErrorCode {
    fn arb() -> BoxedStrategy<Self> {
        any::<u32>().prop_map(ErrorCode::from).boxed()
    }
}
impl Arb for String8 {
    fn arb() -> BoxedStrategy<Self> {
        proptest::collection::vec(1u8..=255, 0..10)
            .prop_map(|b| String8::new(b, CodePage::WINDOWS_1252))
            .boxed()
    }
}
impl Arb for Utf16String {
    fn arb() -> BoxedStrategy<Self> {
        "[^\u{0}]{0,8}".prop_map(Utf16String::new).boxed()
    }
}
impl<T: Arb + 'static> Arb for Option<T> {
    fn arb() -> BoxedStrategy<Self> {
        proptest::option::of(T::arb()).boxed()
    }
}
impl<T: Arb + 'static> Arb for Vec<T> {
    fn arb() -> BoxedStrategy<Self> {
        proptest::collection::vec(T::arb(), 0..4).boxed()
    }
}
impl Arb for Stat {
    fn arb() -> BoxedStrategy<Self> {
        proptest::array::uniform9(any::<u32>())
            .prop_map(|a| Stat {
                sort_type: SortType::from(a[0]),
                container_id: a[1],
                current_rec: a[2],
                delta: a[3] as i32,
                num_pos: a[4],
                total_recs: a[5],
                code_page: a[6],
                template_locale: a[7],
                sort_locale: a[8],
            })
            .boxed()
    }
}
impl Arb for NspiHandle {
    fn arb() -> BoxedStrategy<Self> {
        (any::<u32>(), Guid::arb())
            .prop_map(|(attributes, uuid)| NspiHandle { attributes, uuid })
            .boxed()
    }
}
impl Arb for PropertyTagArrayR {
    fn arb() -> BoxedStrategy<Self> {
        proptest::collection::vec(any::<u32>(), 0..6)
            .prop_map(|values| PropertyTagArrayR { values })
            .boxed()
    }
}
impl Arb for BinaryR {
    fn arb() -> BoxedStrategy<Self> {
        proptest::option::of(proptest::collection::vec(any::<u8>(), 0..9))
            .prop_map(BinaryR)
            .boxed()
    }
}

/// A value and a proptag whose type selects its arm.
fn union_with_type() -> BoxedStrategy<(u16, PropValUnion)> {
    use PropValUnion as V;
    let small = |n| proptest::collection::vec(any::<u32>(), 0..n);
    prop_oneof![
        any::<i16>().prop_map(|x| (0x0002, V::Integer16(x))),
        any::<i32>().prop_map(|x| (0x0003, V::Integer32(x))),
        (0u16..=1).prop_map(|x| (0x000B, V::Boolean(x))),
        Option::<String8>::arb().prop_map(|x| (0x001E, V::String8(x))),
        BinaryR::arb().prop_map(|x| (0x0102, V::Binary(x))),
        Option::<Utf16String>::arb().prop_map(|x| (0x001F, V::String(x))),
        Option::<Guid>::arb().prop_map(|x| (0x0048, V::Guid(x))),
        any::<u64>().prop_map(|x| (0x0040, V::Time(FileTime(x)))),
        any::<u32>().prop_map(|x| (0x000A, V::ErrorCode(x))),
        proptest::option::of(proptest::collection::vec(any::<i16>(), 0..5))
            .prop_map(|x| (0x1002, V::MultipleInteger16(x))),
        proptest::option::of(small(5)).prop_map(|x| (
            0x1003,
            V::MultipleInteger32(x.map(|v| v.into_iter().map(|y| y as i32).collect()))
        )),
        Option::<Vec<Option<String8>>>::arb().prop_map(|x| (0x101E, V::MultipleString8(x))),
        Option::<Vec<BinaryR>>::arb().prop_map(|x| (0x1102, V::MultipleBinary(x))),
        Option::<Vec<Option<Guid>>>::arb().prop_map(|x| (0x1048, V::MultipleGuid(x))),
        Option::<Vec<Option<Utf16String>>>::arb().prop_map(|x| (0x101F, V::MultipleString(x))),
        proptest::option::of(proptest::collection::vec(any::<u64>(), 0..4)).prop_map(|x| (
            0x1040,
            V::MultipleTime(x.map(|v| v.into_iter().map(FileTime).collect()))
        )),
        prop_oneof![Just(0x0001u16), Just(0x000D)].prop_map(|t| (t, V::Reserved(0))),
    ]
    .boxed()
}

impl Arb for PropertyValueR {
    fn arb() -> BoxedStrategy<Self> {
        (any::<u16>(), union_with_type())
            .prop_map(|(id, (t, value))| {
                PropertyValueR::new(u32::from(id) << 16 | u32::from(t), value)
            })
            .boxed()
    }
}
impl Arb for PropertyRowR {
    fn arb() -> BoxedStrategy<Self> {
        Option::<Vec<PropertyValueR>>::arb()
            .prop_map(|values| PropertyRowR {
                reserved: 0,
                values,
            })
            .boxed()
    }
}
impl Arb for PropertyRowSetR {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<PropertyRowR>::arb()
            .prop_map(|rows| PropertyRowSetR { rows })
            .boxed()
    }
}
impl Arb for PropertyNameR {
    fn arb() -> BoxedStrategy<Self> {
        (Option::<Guid>::arb(), any::<i32>())
            .prop_map(|(guid, id)| PropertyNameR {
                guid,
                reserved: 0,
                id,
            })
            .boxed()
    }
}
impl Arb for PropertyNameSetR {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<PropertyNameR>::arb()
            .prop_map(|names| PropertyNameSetR { names })
            .boxed()
    }
}
impl Arb for StringsArrayR {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<Option<String8>>::arb()
            .prop_map(|strings| StringsArrayR { strings })
            .boxed()
    }
}
impl Arb for WStringsArrayR {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<Option<Utf16String>>::arb()
            .prop_map(|strings| WStringsArrayR { strings })
            .boxed()
    }
}

fn leaf_restriction() -> BoxedStrategy<RestrictionR> {
    let u = any::<u32>;
    prop_oneof![
        (u(), u(), u()).prop_map(|(relop, prop_tag1, prop_tag2)| RestrictionR::CompareProps {
            relop,
            prop_tag1,
            prop_tag2
        }),
        (u(), u(), u()).prop_map(|(rel_bmr, prop_tag, mask)| RestrictionR::BitMask {
            rel_bmr,
            prop_tag,
            mask
        }),
        (u(), u(), u()).prop_map(|(relop, prop_tag, cb)| RestrictionR::Size {
            relop,
            prop_tag,
            cb
        }),
        u().prop_map(|prop_tag| RestrictionR::Exist {
            reserved1: 0,
            prop_tag,
            reserved2: 0
        }),
        (u(), u(), proptest::option::of(PropertyValueR::arb())).prop_map(
            |(fuzzy_level, prop_tag, p)| {
                RestrictionR::Content {
                    fuzzy_level,
                    prop_tag,
                    prop: p.map(Box::new),
                }
            }
        ),
        (u(), u(), proptest::option::of(PropertyValueR::arb())).prop_map(|(relop, prop_tag, p)| {
            RestrictionR::Property {
                relop,
                prop_tag,
                prop: p.map(Box::new),
            }
        }),
    ]
    .boxed()
}

impl Arb for RestrictionR {
    fn arb() -> BoxedStrategy<Self> {
        leaf_restriction()
            .prop_recursive(4, 24, 4, |inner| {
                prop_oneof![
                    proptest::option::of(proptest::collection::vec(inner.clone(), 0..4))
                        .prop_map(RestrictionR::And),
                    proptest::option::of(proptest::collection::vec(inner.clone(), 0..4))
                        .prop_map(RestrictionR::Or),
                    proptest::option::of(inner.clone())
                        .prop_map(|r| RestrictionR::Not(r.map(Box::new))),
                    (any::<u32>(), proptest::option::of(inner)).prop_map(|(sub_object, r)| {
                        RestrictionR::Sub {
                            sub_object,
                            restriction: r.map(Box::new),
                        }
                    }),
                ]
            })
            .boxed()
    }
}

macro_rules! arb_struct {
    ($($t:ident { $($f:ident : $ft:ty),* $(,)? })*) => {$(
        impl Arb for $t {
            fn arb() -> BoxedStrategy<Self> {
                ($(<$ft as Arb>::arb(),)*)
                    .prop_map(|($($f,)*)| $t { $($f),* })
                    .boxed()
            }
        }
    )*};
}

arb_struct! {
    NspiBindRequest { flags: u32, stat: Stat, server_guid: Option<Guid> }
    NspiBindResponse { server_guid: Option<Guid>, context_handle: NspiHandle, return_value: ErrorCode }
    NspiUnbindRequest { context_handle: NspiHandle, reserved: u32 }
    NspiUnbindResponse { context_handle: NspiHandle, return_value: ErrorCode }
    NspiUpdateStatRequest { handle: NspiHandle, reserved: u32, stat: Stat, delta: Option<i32> }
    NspiUpdateStatResponse { stat: Stat, delta: Option<i32>, return_value: ErrorCode }
    NspiQueryRowsRequest { handle: NspiHandle, flags: u32, stat: Stat, etable_count: u32, etable: Option<Vec<u32>>, count: u32, prop_tags: Option<PropertyTagArrayR> }
    NspiQueryRowsResponse { stat: Stat, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    NspiSeekEntriesRequest { handle: NspiHandle, reserved: u32, stat: Stat, target: PropertyValueR, etable: Option<PropertyTagArrayR>, prop_tags: Option<PropertyTagArrayR> }
    NspiSeekEntriesResponse { stat: Stat, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    NspiGetMatchesRequest { handle: NspiHandle, reserved1: u32, stat: Stat, reserved_mids: Option<PropertyTagArrayR>, reserved2: u32, filter: Option<RestrictionR>, prop_name: Option<PropertyNameR>, requested: u32, prop_tags: Option<PropertyTagArrayR> }
    NspiGetMatchesResponse { stat: Stat, out_mids: Option<PropertyTagArrayR>, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    NspiResortRestrictionRequest { handle: NspiHandle, reserved: u32, stat: Stat, in_mids: PropertyTagArrayR, out_mids: Option<PropertyTagArrayR> }
    NspiResortRestrictionResponse { stat: Stat, out_mids: Option<PropertyTagArrayR>, return_value: ErrorCode }
    NspiDnToMIdRequest { handle: NspiHandle, reserved: u32, names: StringsArrayR }
    NspiDnToMIdResponse { out_mids: Option<PropertyTagArrayR>, return_value: ErrorCode }
    NspiGetPropListRequest { handle: NspiHandle, flags: u32, mid: u32, code_page: u32 }
    NspiGetPropListResponse { prop_tags: Option<PropertyTagArrayR>, return_value: ErrorCode }
    NspiGetPropsRequest { handle: NspiHandle, flags: u32, stat: Stat, prop_tags: Option<PropertyTagArrayR> }
    NspiGetPropsResponse { row: Option<PropertyRowR>, return_value: ErrorCode }
    NspiCompareMIdsRequest { handle: NspiHandle, reserved: u32, stat: Stat, mid1: u32, mid2: u32 }
    NspiCompareMIdsResponse { result: i32, return_value: ErrorCode }
    NspiModPropsRequest { handle: NspiHandle, reserved: u32, stat: Stat, prop_tags: Option<PropertyTagArrayR>, row: PropertyRowR }
    NspiModPropsResponse { return_value: ErrorCode }
    NspiGetSpecialTableRequest { handle: NspiHandle, flags: u32, stat: Stat, version: u32 }
    NspiGetSpecialTableResponse { version: u32, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    NspiGetTemplateInfoRequest { handle: NspiHandle, flags: u32, display_type: u32, dn: Option<String8>, code_page: u32, locale_id: u32 }
    NspiGetTemplateInfoResponse { data: Option<PropertyRowR>, return_value: ErrorCode }
    NspiModLinkAttRequest { handle: NspiHandle, flags: u32, prop_tag: u32, mid: u32, entry_ids: Option<Vec<BinaryR>> }
    NspiModLinkAttResponse { return_value: ErrorCode }
    NspiQueryColumnsRequest { handle: NspiHandle, reserved: u32, flags: u32 }
    NspiQueryColumnsResponse { columns: Option<PropertyTagArrayR>, return_value: ErrorCode }
    NspiGetNamesFromIdsRequest { handle: NspiHandle, reserved: u32, guid: Option<Guid>, prop_tags: Option<PropertyTagArrayR> }
    NspiGetNamesFromIdsResponse { returned_prop_tags: Option<PropertyTagArrayR>, names: Option<PropertyNameSetR>, return_value: ErrorCode }
    NspiGetIdsFromNamesRequest { handle: NspiHandle, reserved: u32, flags: u32, prop_name_count: u32, names: Vec<Option<PropertyNameR>> }
    NspiGetIdsFromNamesResponse { prop_tags: Option<PropertyTagArrayR>, return_value: ErrorCode }
    NspiResolveNamesRequest { handle: NspiHandle, reserved: u32, stat: Stat, prop_tags: Option<PropertyTagArrayR>, names: StringsArrayR }
    NspiResolveNamesResponse { mids: Option<PropertyTagArrayR>, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    NspiResolveNamesWRequest { handle: NspiHandle, reserved: u32, stat: Stat, prop_tags: Option<PropertyTagArrayR>, names: WStringsArrayR }
    NspiResolveNamesWResponse { mids: Option<PropertyTagArrayR>, rows: Option<PropertyRowSetR>, return_value: ErrorCode }
    RfrGetNewDsaRequest { flags: u32, user_dn: String8, unused: Option<Option<String8>>, server: Option<Option<String8>> }
    RfrGetNewDsaResponse { unused: Option<Option<String8>>, server: Option<Option<String8>>, return_value: ErrorCode }
    RfrGetFqdnFromServerDnResponse { server_fqdn: Option<String8>, return_value: ErrorCode }
}

macro_rules! round_trips {
    ($($name:ident: $t:ty,)*) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            $(
                #[test]
                fn $name(v in <$t as Arb>::arb()) {
                    prop_round_trip(&v)?;
                }
            )*
        }
    };
}

round_trips! {
    stat: Stat,
    property_tag_array: PropertyTagArrayR,
    property_value: PropertyValueR,
    property_row: PropertyRowR,
    property_row_set: PropertyRowSetR,
    restriction: RestrictionR,
    property_name_set: PropertyNameSetR,
    strings_array: StringsArrayR,
    wstrings_array: WStringsArrayR,
    bind_request: NspiBindRequest,
    bind_response: NspiBindResponse,
    unbind_request: NspiUnbindRequest,
    unbind_response: NspiUnbindResponse,
    update_stat_request: NspiUpdateStatRequest,
    update_stat_response: NspiUpdateStatResponse,
    query_rows_request: NspiQueryRowsRequest,
    query_rows_response: NspiQueryRowsResponse,
    seek_entries_request: NspiSeekEntriesRequest,
    seek_entries_response: NspiSeekEntriesResponse,
    get_matches_request: NspiGetMatchesRequest,
    get_matches_response: NspiGetMatchesResponse,
    resort_restriction_request: NspiResortRestrictionRequest,
    resort_restriction_response: NspiResortRestrictionResponse,
    dn_to_mid_request: NspiDnToMIdRequest,
    dn_to_mid_response: NspiDnToMIdResponse,
    get_prop_list_request: NspiGetPropListRequest,
    get_prop_list_response: NspiGetPropListResponse,
    get_props_request: NspiGetPropsRequest,
    get_props_response: NspiGetPropsResponse,
    compare_mids_request: NspiCompareMIdsRequest,
    compare_mids_response: NspiCompareMIdsResponse,
    mod_props_request: NspiModPropsRequest,
    mod_props_response: NspiModPropsResponse,
    get_special_table_request: NspiGetSpecialTableRequest,
    get_special_table_response: NspiGetSpecialTableResponse,
    get_template_info_request: NspiGetTemplateInfoRequest,
    get_template_info_response: NspiGetTemplateInfoResponse,
    mod_link_att_request: NspiModLinkAttRequest,
    mod_link_att_response: NspiModLinkAttResponse,
    query_columns_request: NspiQueryColumnsRequest,
    query_columns_response: NspiQueryColumnsResponse,
    get_names_from_ids_request: NspiGetNamesFromIdsRequest,
    get_names_from_ids_response: NspiGetNamesFromIdsResponse,
    get_ids_from_names_request: NspiGetIdsFromNamesRequest,
    get_ids_from_names_response: NspiGetIdsFromNamesResponse,
    resolve_names_request: NspiResolveNamesRequest,
    resolve_names_response: NspiResolveNamesResponse,
    resolve_names_w_request: NspiResolveNamesWRequest,
    resolve_names_w_response: NspiResolveNamesWResponse,
    rfr_get_new_dsa_request: RfrGetNewDsaRequest,
    rfr_get_new_dsa_response: RfrGetNewDsaResponse,
    rfr_get_fqdn_response: RfrGetFqdnFromServerDnResponse,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rfr_get_fqdn_request(flags in any::<u32>(), dn in String8::arb(), extra in 0u32..8) {
        let cb = (dn.bytes().len() as u32 + 1 + extra).max(10);
        prop_round_trip(&RfrGetFqdnFromServerDnRequest { flags, cb_mailbox_server_dn: cb, mailbox_server_dn: dn })?;
    }

    #[test]
    fn entry_ids(uid in Guid::arb(), dt in any::<u32>(), mid in any::<u32>(), dn in String8::arb()) {
        prop_round_trip(&EphemeralEntryId::new(uid, DisplayType::from(dt), mid))?;
        let mut p = PermanentEntryId::new(DisplayType::from(dt), "");
        p.distinguished_name = dn;
        prop_round_trip(&p)?;
        prop_round_trip(&NspiEntryId::Permanent(p))?;
    }

    #[test]
    fn restriction_conversion_round_trips(r in RestrictionR::arb()) {
        // where both sides can say it, the conversion is lossless
        if let Ok(m) = Restriction::try_from(&r) {
            let back = RestrictionR::try_from(&m).unwrap();
            let again = Restriction::try_from(&back).unwrap();
            prop_assert_eq!(again, m);
        }
    }

    #[test]
    fn value_conversion_round_trips(v in PropertyValueR::arb()) {
        if let Ok(tv) = TaggedValue::try_from(&v) {
            let back = PropertyValueR::try_from(&tv).unwrap();
            prop_assert_eq!(TaggedValue::try_from(&back).unwrap(), tv);
        }
    }
}
