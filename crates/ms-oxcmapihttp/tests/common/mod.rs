//! Strategies and sample values shared by the tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{ErrorCode, PropertyTag, PropertyType, PropertyValue, Restriction};
use ms_oxcmapihttp::*;
use ms_oxnspi::{SortType, Stat};
use msox_codec::{CodePage, String8, Utf16String};
use proptest::prelude::*;

pub trait Arb: Sized + std::fmt::Debug {
    fn arb() -> BoxedStrategy<Self>;
}

macro_rules! any_arb {
    ($($t:ty),*) => {$(
        impl Arb for $t {
            fn arb() -> BoxedStrategy<Self> {
                any::<$t>().boxed()
            }
        }
    )*};
}
any_arb!(u8, u32, i32);

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
impl Arb for PropertyTag {
    fn arb() -> BoxedStrategy<Self> {
        any::<u32>().prop_map(PropertyTag::from_u32).boxed()
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
impl<A: Arb + 'static, B: Arb + 'static> Arb for (A, B) {
    fn arb() -> BoxedStrategy<Self> {
        (A::arb(), B::arb()).boxed()
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
impl Arb for LargePropertyTagArray {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<PropertyTag>::arb()
            .prop_map(LargePropertyTagArray)
            .boxed()
    }
}

/// A property type and a value of it, as MAPI/HTTP carries them.
pub fn typed_value() -> BoxedStrategy<(PropertyType, AddressBookPropertyValue)> {
    use AddressBookPropertyValue as A;
    use PropertyValue as V;
    let bin = || proptest::collection::vec(any::<u8>(), 0..8);
    prop_oneof![
        any::<i32>().prop_map(|x| (PropertyType::Integer32, A::Value(V::Integer32(x)))),
        any::<bool>().prop_map(|x| (PropertyType::Boolean, A::Value(V::Boolean(x)))),
        any::<u64>().prop_map(|x| (PropertyType::Time, A::Value(V::Time(FileTime(x))))),
        Guid::arb().prop_map(|x| (PropertyType::Guid, A::Value(V::Guid(x)))),
        any::<u32>().prop_map(|x| (PropertyType::ErrorCode, A::Value(V::ErrorCode(x)))),
        Utf16String::arb().prop_map(|x| (PropertyType::String, A::Value(V::String(x)))),
        String8::arb().prop_map(|x| (PropertyType::String8, A::Value(V::String8(x)))),
        bin().prop_map(|x| (PropertyType::Binary, A::Value(V::Binary(x)))),
        proptest::collection::vec(any::<i32>(), 0..4).prop_map(|x| (
            PropertyType::MultipleInteger32,
            A::Value(V::MultipleInteger32(x))
        )),
        proptest::collection::vec(Utf16String::arb(), 0..4)
            .prop_map(|x| (PropertyType::MultipleString, A::Value(V::MultipleString(x)))),
        proptest::collection::vec(bin(), 0..4)
            .prop_map(|x| (PropertyType::MultipleBinary, A::Value(V::MultipleBinary(x)))),
        prop_oneof![
            Just(PropertyType::String),
            Just(PropertyType::Binary),
            Just(PropertyType::MultipleInteger16)
        ]
        .prop_map(|t| (t, A::NoValue)),
        proptest::collection::vec(proptest::option::of(Utf16String::arb()), 1..4)
            .prop_filter("one absent", |v| v.iter().any(Option::is_none))
            .prop_map(|v| (
                PropertyType::MultipleString,
                A::Sparse(SparseValues::String(v))
            )),
    ]
    .boxed()
}

impl Arb for AddressBookTaggedPropertyValue {
    fn arb() -> BoxedStrategy<Self> {
        (any::<u16>(), typed_value())
            .prop_map(|(id, (t, value))| AddressBookTaggedPropertyValue {
                tag: PropertyTag::new(id, t),
                value,
            })
            .boxed()
    }
}
impl Arb for AddressBookPropertyValueList {
    fn arb() -> BoxedStrategy<Self> {
        Vec::<AddressBookTaggedPropertyValue>::arb()
            .prop_map(AddressBookPropertyValueList)
            .boxed()
    }
}

/// Columns and rows that fit them (some columns PtypUnspecified).
impl Arb for ColumnsAndRows {
    fn arb() -> BoxedStrategy<Self> {
        (
            proptest::collection::vec((typed_value(), any::<bool>(), any::<u16>()), 0..4),
            0usize..3,
            any::<bool>(),
        )
            .prop_map(|(cells, nrows, flagged)| {
                let columns: Vec<PropertyTag> = cells
                    .iter()
                    .map(|((t, _), unspec, id)| {
                        PropertyTag::new(
                            *id,
                            if *unspec {
                                PropertyType::Unspecified
                            } else {
                                *t
                            },
                        )
                    })
                    .collect();
                let rows = (0..nrows)
                    .map(|i| {
                        if flagged {
                            AddressBookPropertyRow::Flagged(
                                cells
                                    .iter()
                                    .enumerate()
                                    .map(|(j, ((t, v), _, _))| {
                                        AddressBookFlaggedPropertyValueWithType {
                                            prop_type: *t,
                                            value: match (i + j) % 3 {
                                                0 => AddressBookFlaggedPropertyValue::Value(
                                                    v.clone(),
                                                ),
                                                1 => AddressBookFlaggedPropertyValue::NotPresent,
                                                _ => AddressBookFlaggedPropertyValue::Error(
                                                    ErrorCode::from(0x8004_010F),
                                                ),
                                            },
                                        }
                                    })
                                    .collect(),
                            )
                        } else {
                            AddressBookPropertyRow::Standard(
                                cells
                                    .iter()
                                    .map(|((t, v), _, _)| AddressBookTypedPropertyValue {
                                        prop_type: *t,
                                        value: v.clone(),
                                    })
                                    .collect(),
                            )
                        }
                    })
                    .collect();
                ColumnsAndRows {
                    columns: LargePropertyTagArray(columns),
                    rows,
                }
            })
            .boxed()
    }
}

impl Arb for Restriction {
    fn arb() -> BoxedStrategy<Self> {
        let leaf = prop_oneof![
            any::<u32>().prop_map(|t| Restriction::Exist(PropertyTag::from_u32(t))),
            (any::<u16>(), Utf16String::arb()).prop_map(|(id, s)| Restriction::Property(
                ms_oxcdata::PropertyRestriction {
                    rel_op: ms_oxcdata::RelOp::Eq,
                    prop_tag: PropertyTag::new(id, PropertyType::String),
                    tagged_value: ms_oxcdata::TaggedValue {
                        tag: PropertyTag::new(id, PropertyType::String),
                        value: PropertyValue::String(s),
                    },
                }
            )),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(Restriction::And),
                inner.prop_map(|r| Restriction::Not(Box::new(r))),
            ]
        })
        .boxed()
    }
}

impl<T: Arb + 'static> Arb for Response<T> {
    fn arb() -> BoxedStrategy<Self> {
        prop_oneof![
            T::arb().prop_map(Response::Success),
            (1u32.., proptest::collection::vec(any::<u8>(), 0..6)).prop_map(
                |(status_code, auxiliary_buffer)| {
                    Response::Failure(FailureResponse {
                        status_code,
                        auxiliary_buffer,
                    })
                }
            ),
        ]
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
    ConnectRequest { user_dn: String8, flags: u32, default_code_page: u32, lcid_sort: u32, lcid_string: u32, auxiliary_buffer: Vec<u8> }
    ConnectSuccess { error_code: ErrorCode, polls_max: u32, retry_count: u32, retry_delay: u32, dn_prefix: String8, display_name: Utf16String, auxiliary_buffer: Vec<u8> }
    ExecuteRequest { flags: u32, rop_buffer: Vec<u8>, max_rop_out: u32, auxiliary_buffer: Vec<u8> }
    ExecuteSuccess { error_code: ErrorCode, flags: u32, rop_buffer: Vec<u8>, auxiliary_buffer: Vec<u8> }
    DisconnectRequest { auxiliary_buffer: Vec<u8> }
    DisconnectSuccess { error_code: ErrorCode, auxiliary_buffer: Vec<u8> }
    NotificationWaitRequest { flags: u32, auxiliary_buffer: Vec<u8> }
    NotificationWaitSuccess { error_code: ErrorCode, event_pending: u32, auxiliary_buffer: Vec<u8> }
    BindRequest { flags: u32, state: Option<Stat>, auxiliary_buffer: Vec<u8> }
    BindSuccess { error_code: ErrorCode, server_guid: Guid, auxiliary_buffer: Vec<u8> }
    UnbindRequest { reserved: u32, auxiliary_buffer: Vec<u8> }
    UnbindSuccess { error_code: ErrorCode, auxiliary_buffer: Vec<u8> }
    CompareMinIdsRequest { reserved: u32, state: Option<Stat>, minimal_id1: u32, minimal_id2: u32, auxiliary_buffer: Vec<u8> }
    CompareMinIdsSuccess { error_code: ErrorCode, result: i32, auxiliary_buffer: Vec<u8> }
    DnToMinIdRequest { reserved: u32, names: Option<Vec<String8>>, auxiliary_buffer: Vec<u8> }
    DnToMinIdSuccess { error_code: ErrorCode, minimal_ids: Option<Vec<u32>>, auxiliary_buffer: Vec<u8> }
    GetMatchesRequest { reserved: u32, state: Option<Stat>, minimal_ids: Option<Vec<u32>>, interface_option_flags: u32, filter: Option<Restriction>, property_name: Option<(Guid, u32)>, row_count: u32, columns: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    GetMatchesSuccess { error_code: ErrorCode, state: Option<Stat>, minimal_ids: Option<Vec<u32>>, columns_and_rows: Option<ColumnsAndRows>, auxiliary_buffer: Vec<u8> }
    GetPropListRequest { flags: u32, minimal_id: u32, code_page: u32, auxiliary_buffer: Vec<u8> }
    GetPropListSuccess { error_code: ErrorCode, property_tags: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    GetPropsRequest { flags: u32, state: Option<Stat>, property_tags: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    GetPropsSuccess { error_code: ErrorCode, code_page: u32, property_values: Option<AddressBookPropertyValueList>, auxiliary_buffer: Vec<u8> }
    GetSpecialTableRequest { flags: u32, state: Option<Stat>, version: Option<u32>, auxiliary_buffer: Vec<u8> }
    GetSpecialTableSuccess { error_code: ErrorCode, code_page: u32, version: Option<u32>, rows: Option<Vec<AddressBookPropertyValueList>>, auxiliary_buffer: Vec<u8> }
    GetTemplateInfoRequest { flags: u32, display_type: u32, template_dn: Option<String8>, code_page: u32, locale_id: u32, auxiliary_buffer: Vec<u8> }
    GetTemplateInfoSuccess { error_code: ErrorCode, code_page: u32, row: Option<AddressBookPropertyValueList>, auxiliary_buffer: Vec<u8> }
    ModLinkAttRequest { flags: u32, property_tag: PropertyTag, minimal_id: u32, entry_ids: Option<Vec<Vec<u8>>>, auxiliary_buffer: Vec<u8> }
    ModLinkAttSuccess { error_code: ErrorCode, auxiliary_buffer: Vec<u8> }
    ModPropsRequest { reserved: u32, state: Option<Stat>, property_tags_to_remove: Option<LargePropertyTagArray>, property_values: Option<AddressBookPropertyValueList>, auxiliary_buffer: Vec<u8> }
    ModPropsSuccess { error_code: ErrorCode, auxiliary_buffer: Vec<u8> }
    QueryRowsRequest { flags: u32, state: Option<Stat>, explicit_table: Vec<u32>, row_count: u32, columns: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    QueryRowsSuccess { error_code: ErrorCode, state: Option<Stat>, columns_and_rows: Option<ColumnsAndRows>, auxiliary_buffer: Vec<u8> }
    QueryColumnsRequest { reserved: u32, mapi_flags: u32, auxiliary_buffer: Vec<u8> }
    QueryColumnsSuccess { error_code: ErrorCode, columns: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    ResolveNamesRequest { reserved: u32, state: Option<Stat>, property_tags: Option<LargePropertyTagArray>, names: Option<Vec<Utf16String>>, auxiliary_buffer: Vec<u8> }
    ResolveNamesSuccess { error_code: ErrorCode, code_page: u32, minimal_ids: Option<Vec<u32>>, columns_and_rows: Option<ColumnsAndRows>, auxiliary_buffer: Vec<u8> }
    ResortRestrictionRequest { reserved: u32, state: Option<Stat>, minimal_ids: Option<Vec<u32>>, auxiliary_buffer: Vec<u8> }
    ResortRestrictionSuccess { error_code: ErrorCode, state: Option<Stat>, minimal_ids: Option<Vec<u32>>, auxiliary_buffer: Vec<u8> }
    SeekEntriesRequest { reserved: u32, state: Option<Stat>, target: Option<AddressBookTaggedPropertyValue>, explicit_table: Option<Vec<u32>>, columns: Option<LargePropertyTagArray>, auxiliary_buffer: Vec<u8> }
    SeekEntriesSuccess { error_code: ErrorCode, state: Option<Stat>, columns_and_rows: Option<ColumnsAndRows>, auxiliary_buffer: Vec<u8> }
    UpdateStatRequest { reserved: u32, state: Option<Stat>, delta_requested: u8, auxiliary_buffer: Vec<u8> }
    UpdateStatSuccess { error_code: ErrorCode, state: Option<Stat>, delta: Option<i32>, auxiliary_buffer: Vec<u8> }
    GetMailboxUrlRequest { flags: u32, server_dn: Utf16String, auxiliary_buffer: Vec<u8> }
    GetMailboxUrlSuccess { error_code: ErrorCode, server_url: Utf16String, auxiliary_buffer: Vec<u8> }
    GetAddressBookUrlRequest { flags: u32, user_dn: Utf16String, auxiliary_buffer: Vec<u8> }
    GetAddressBookUrlSuccess { error_code: ErrorCode, server_url: Utf16String, auxiliary_buffer: Vec<u8> }
}

/// A QueryRows response with `n` rows of display name, email address,
/// display type and entry ID (the bench's input too).
pub fn query_rows_response(n: usize) -> QueryRowsResponse {
    let columns = vec![
        PropertyTag::from_u32(0x3001_001F),
        PropertyTag::from_u32(0x3003_001F),
        PropertyTag::from_u32(0x3900_0003),
        PropertyTag::from_u32(0x0FFF_0102),
    ];
    let rows = (0..n)
        .map(|i| {
            AddressBookPropertyRow::Standard(vec![
                AddressBookTypedPropertyValue {
                    prop_type: PropertyType::String,
                    value: AddressBookPropertyValue::Value(PropertyValue::String(
                        Utf16String::new(format!("User {i}")),
                    )),
                },
                AddressBookTypedPropertyValue {
                    prop_type: PropertyType::String,
                    value: AddressBookPropertyValue::Value(PropertyValue::String(
                        Utf16String::new(format!("/o=Org/ou=Site/cn=Recipients/cn=user{i}")),
                    )),
                },
                AddressBookTypedPropertyValue {
                    prop_type: PropertyType::Integer32,
                    value: AddressBookPropertyValue::Value(PropertyValue::Integer32(0)),
                },
                AddressBookTypedPropertyValue {
                    prop_type: PropertyType::Binary,
                    value: AddressBookPropertyValue::Value(PropertyValue::Binary(vec![
                        0x87, 0, 0, 0, i as u8,
                    ])),
                },
            ])
        })
        .collect();
    Response::Success(QueryRowsSuccess {
        error_code: ErrorCode::from(0),
        state: Some(Stat {
            code_page: 0x4E4,
            template_locale: 0x409,
            sort_locale: 0x409,
            ..Stat::default()
        }),
        columns_and_rows: Some(ColumnsAndRows {
            columns: LargePropertyTagArray(columns),
            rows,
        }),
        auxiliary_buffer: Vec::new(),
    })
}
