//! Property tests: every ROP request and every response form round-trips
//! (`decode(encode(x)) == x` with an exact `encoded_len`), each from its
//! own generator; ROP input and output buffers round-trip too. Responses
//! whose layout depends on the request decode with the context their value
//! implies (the columns they carry, the logon kind of their form).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::borrow::Cow;
use std::collections::HashMap;

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::*;
use ms_oxcrops::*;
use msox_codec::{CodePage, Decode, DecodeWith, Encode, String8, Utf16String};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::Union;

/// A generator for a field type.
trait G: Sized + std::fmt::Debug {
    fn g() -> BoxedStrategy<Self>;
}

macro_rules! g_any {
    ($($t:ty),*) => {$(
        impl G for $t {
            fn g() -> BoxedStrategy<Self> { any::<$t>().boxed() }
        }
    )*};
}
g_any!(u8, u16, u32, u64, i32, i64, [u16; 3]);

macro_rules! g_wire {
    ($($t:ty : $raw:ty),* $(,)?) => {$(
        impl G for $t {
            fn g() -> BoxedStrategy<Self> { any::<$raw>().prop_map(<$t>::from).boxed() }
        }
    )*};
}
g_wire!(
    LogonFlags: u8, OpenFlags: u32, ResponseFlags: u8, StoreState: u32, RopId: u8,
    SetColumnsFlags: u8, RestrictFlags: u8, SortTableFlags: u8, QueryRowsFlags: u8,
    FindRowFlags: u8, Bookmark: u8, TableStatus: u8, FolderOpenModeFlags: u8, FolderType: u8,
    DeleteFolderFlags: u8, SetSearchFlags: u32, SearchState: u32, HierarchyTableFlags: u8,
    ContentsTableFlags: u8, MessageOpenModeFlags: u8, EmbeddedMessageOpenModeFlags: u8,
    OpenAttachmentFlags: u8, SaveFlags: u8, ReadFlags: u8, MessageStatusFlags: u32,
    AttachmentTableFlags: u8, SubmitFlags: u8, LockState: u8, GetPropertyIdsFlags: u8,
    QueryFlags: u8, CopyFlags: u8, StreamOpenModeFlags: u8, SeekOrigin: u8,
    ModifyPermissionsFlags: u8, PermissionsTableFlags: u8, PermissionDataFlags: u8,
    ModifyRulesFlags: u8, RuleDataFlags: u8, RulesTableFlags: u8, SourceOperation: u8,
    TransferStatus: u16, SendOptions: u8, CopyToFlags: u32, FastTransferCopyFlags: u8,
    SynchronizationType: u8, SynchronizationFlags: u16, SynchronizationExtraFlags: u32,
    ImportFlag: u8, ImportDeleteFlags: u8, NotificationTypes: u16, TableEventType: u16,
    ErrorCode: u32,
);

impl G for Guid {
    fn g() -> BoxedStrategy<Self> {
        any::<u128>().prop_map(Guid::from_u128).boxed()
    }
}
impl G for FolderId {
    fn g() -> BoxedStrategy<Self> {
        any::<u64>().prop_map(FolderId::from_u64).boxed()
    }
}
impl G for MessageId {
    fn g() -> BoxedStrategy<Self> {
        any::<u64>().prop_map(MessageId::from_u64).boxed()
    }
}
impl G for [FolderId; 13] {
    fn g() -> BoxedStrategy<Self> {
        proptest::array::uniform13(FolderId::g()).boxed()
    }
}
impl G for GlobalCounter {
    fn g() -> BoxedStrategy<Self> {
        any::<[u8; 6]>().prop_map(GlobalCounter).boxed()
    }
}
impl G for LongTermId {
    fn g() -> BoxedStrategy<Self> {
        (Guid::g(), GlobalCounter::g(), any::<u16>())
            .prop_map(|(database_guid, global_counter, pad)| LongTermId {
                database_guid,
                global_counter,
                pad,
            })
            .boxed()
    }
}
impl G for LongTermIdRange {
    fn g() -> BoxedStrategy<Self> {
        (LongTermId::g(), LongTermId::g())
            .prop_map(|(min, max)| LongTermIdRange { min, max })
            .boxed()
    }
}
impl G for PropertyTag {
    fn g() -> BoxedStrategy<Self> {
        any::<u32>().prop_map(PropertyTag::from_u32).boxed()
    }
}
impl G for Cow<'static, [u8]> {
    fn g() -> BoxedStrategy<Self> {
        vec(any::<u8>(), 0..40).prop_map(Cow::Owned).boxed()
    }
}
impl G for String8 {
    fn g() -> BoxedStrategy<Self> {
        vec(1u8..=255, 0..16)
            .prop_map(|b| String8::new(b, CodePage::WINDOWS_1252))
            .boxed()
    }
}
impl G for Utf16String {
    fn g() -> BoxedStrategy<Self> {
        "[^\u{0}]{0,12}".prop_map(Utf16String::new).boxed()
    }
}
impl G for TypedString {
    fn g() -> BoxedStrategy<Self> {
        prop_oneof![
            Just(TypedString::NoString),
            Just(TypedString::Empty),
            vec(1u8..=255, 1..12)
                .prop_map(|b| TypedString::String8(String8::new(b, CodePage::WINDOWS_1252))),
            vec(1u8..=255, 1..12).prop_map(TypedString::ReducedUnicode),
            Utf16String::g().prop_map(TypedString::Unicode),
        ]
        .boxed()
    }
}
impl<T: G + 'static> G for Vec<T> {
    fn g() -> BoxedStrategy<Self> {
        vec(T::g(), 0..5).boxed()
    }
}
impl<T: G + 'static> G for Option<T> {
    fn g() -> BoxedStrategy<Self> {
        proptest::option::of(T::g()).boxed()
    }
}
impl G for SortOrderSet {
    fn g() -> BoxedStrategy<Self> {
        (
            any::<u16>(),
            any::<u16>(),
            vec((PropertyTag::g(), any::<u8>()), 0..4),
        )
            .prop_map(|(categorized_count, expanded_count, v)| SortOrderSet {
                categorized_count,
                expanded_count,
                sort_orders: v
                    .into_iter()
                    .map(|(tag, o)| SortOrder {
                        tag,
                        order: SortOrderKind::from(o),
                    })
                    .collect(),
            })
            .boxed()
    }
}
impl G for PropertyProblemArray {
    fn g() -> BoxedStrategy<Self> {
        vec((any::<u16>(), PropertyTag::g(), ErrorCode::g()), 0..4)
            .prop_map(|v| {
                PropertyProblemArray(
                    v.into_iter()
                        .map(|(index, tag, error_code)| PropertyProblem {
                            index,
                            tag,
                            error_code,
                        })
                        .collect(),
                )
            })
            .boxed()
    }
}
impl G for PropertyName {
    fn g() -> BoxedStrategy<Self> {
        prop_oneof![
            (Guid::g(), any::<u32>()).prop_map(|(g, l)| PropertyName::lid(g, l)),
            (Guid::g(), Utf16String::g()).prop_map(|(g, n)| PropertyName::name(g, n)),
        ]
        .boxed()
    }
}
impl G for PropertyNameEntry {
    fn g() -> BoxedStrategy<Self> {
        prop_oneof![
            PropertyName::g().prop_map(PropertyNameEntry::Named),
            Guid::g().prop_map(PropertyNameEntry::NoName),
        ]
        .boxed()
    }
}

/// The column types the generators use (every value of them compares equal
/// to itself: no floats).
const COLUMN_TYPES: [PropertyType; 9] = [
    PropertyType::Integer16,
    PropertyType::Integer32,
    PropertyType::Integer64,
    PropertyType::Boolean,
    PropertyType::String,
    PropertyType::String8,
    PropertyType::Binary,
    PropertyType::Time,
    PropertyType::MultipleInteger32,
];

fn value_of(t: PropertyType) -> BoxedStrategy<PropertyValue> {
    use PropertyValue as V;
    match t {
        PropertyType::Integer16 => any::<i16>().prop_map(V::Integer16).boxed(),
        PropertyType::Integer32 => any::<i32>().prop_map(V::Integer32).boxed(),
        PropertyType::Integer64 => any::<i64>().prop_map(V::Integer64).boxed(),
        PropertyType::Boolean => any::<bool>().prop_map(V::Boolean).boxed(),
        PropertyType::String => Utf16String::g().prop_map(V::String).boxed(),
        PropertyType::String8 => String8::g().prop_map(V::String8).boxed(),
        PropertyType::Binary => vec(any::<u8>(), 0..20).prop_map(V::Binary).boxed(),
        PropertyType::Time => any::<u64>().prop_map(|t| V::Time(FileTime(t))).boxed(),
        PropertyType::MultipleInteger32 => vec(any::<i32>(), 0..4)
            .prop_map(V::MultipleInteger32)
            .boxed(),
        _ => Just(V::Null).boxed(),
    }
}

fn column() -> BoxedStrategy<PropertyTag> {
    (any::<u16>(), 0..COLUMN_TYPES.len())
        .prop_map(|(id, t)| PropertyTag::new(id, COLUMN_TYPES[t]))
        .boxed()
}

fn columns() -> BoxedStrategy<Vec<PropertyTag>> {
    vec(column(), 0..5).boxed()
}

impl G for TaggedValue {
    fn g() -> BoxedStrategy<Self> {
        column()
            .prop_flat_map(|tag| {
                value_of(tag.prop_type).prop_map(move |value| TaggedValue { tag, value })
            })
            .boxed()
    }
}

impl G for Restriction {
    fn g() -> BoxedStrategy<Self> {
        let leaf = prop_oneof![
            PropertyTag::g().prop_map(Restriction::Exist),
            (any::<u8>(), TaggedValue::g()).prop_map(|(op, tv)| {
                Restriction::Property(PropertyRestriction {
                    rel_op: RelOp::from(op),
                    prop_tag: tv.tag,
                    tagged_value: tv,
                })
            }),
            (any::<u8>(), PropertyTag::g(), any::<u32>()).prop_map(|(op, t, mask)| {
                Restriction::Bitmask(BitmaskRestriction {
                    bitmap_rel_op: BitmapRelOp::from(op),
                    prop_tag: t,
                    mask,
                })
            }),
        ];
        leaf.prop_recursive(2, 6, 3, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..3).prop_map(Restriction::And),
                vec(inner.clone(), 0..3).prop_map(Restriction::Or),
                inner.prop_map(|r| Restriction::Not(Box::new(r))),
            ]
        })
        .boxed()
    }
}

/// A row for `columns`: standard or flagged.
fn row_for(columns: Vec<PropertyTag>) -> BoxedStrategy<PropertyRow> {
    let standard: Vec<BoxedStrategy<PropertyValue>> =
        columns.iter().map(|c| value_of(c.prop_type)).collect();
    let flagged: Vec<BoxedStrategy<FlaggedPropertyValueWithType>> = columns
        .iter()
        .map(|c| {
            let t = c.prop_type;
            prop_oneof![
                value_of(t).prop_map(FlaggedPropertyValue::Value),
                Just(FlaggedPropertyValue::NotPresent),
                ErrorCode::g().prop_map(FlaggedPropertyValue::Error),
            ]
            .prop_map(move |value| FlaggedPropertyValueWithType {
                prop_type: t,
                value,
            })
            .boxed()
        })
        .collect();
    prop_oneof![
        standard.prop_map(PropertyRow::Standard),
        flagged.prop_map(PropertyRow::Flagged),
    ]
    .boxed()
}

fn rows_for(columns: Vec<PropertyTag>, max: usize) -> BoxedStrategy<Rows<'static>> {
    vec(row_for(columns.clone()), 0..max)
        .prop_map(move |rows| Rows::Decoded {
            columns: columns.clone(),
            rows,
        })
        .boxed()
}

fn row_decoded(columns: Vec<PropertyTag>) -> BoxedStrategy<Row<'static>> {
    row_for(columns.clone())
        .prop_map(move |row| Row::Decoded {
            columns: columns.clone(),
            row,
        })
        .boxed()
}

fn mapi_string(unicode: bool) -> BoxedStrategy<MapiString> {
    if unicode {
        Utf16String::g().prop_map(MapiString::Unicode).boxed()
    } else {
        String8::g().prop_map(MapiString::String8).boxed()
    }
}

/// A RecipientRow with fields that agree with its flags, over the first
/// columns of `columns`.
fn recipient_row(columns: Vec<PropertyTag>) -> BoxedStrategy<RecipientRow> {
    use ms_oxcdata::recipient::recipient_flags as F;
    let n = columns.len();
    (
        prop_oneof![Just(0u16), Just(1), Just(3), Just(6)],
        any::<bool>(),
        any::<u16>(),
        0..=n,
    )
        .prop_flat_map(move |(kind, unicode, bits, k)| {
            let mut flags = kind | (bits & (F::E | F::D | F::I | F::T | F::R | F::S | F::N));
            if unicode {
                flags |= F::U;
            }
            if kind == 0 && bits & 0x1 != 0 {
                flags |= F::O;
            }
            let has = |f: u16| flags & f != 0;
            let opt_s = |p: bool| {
                if p {
                    mapi_string(unicode).prop_map(Some).boxed()
                } else {
                    Just(None).boxed()
                }
            };
            let x500 = if kind == 1 {
                (any::<u8>(), any::<u8>(), String8::g())
                    .prop_map(|(a, d, dn)| {
                        Some(X500Address {
                            address_prefix_used: a,
                            display_type: d,
                            x500_dn: dn,
                        })
                    })
                    .boxed()
            } else {
                Just(None).boxed()
            };
            let dl = if kind == 6 {
                (vec(any::<u8>(), 0..8), vec(any::<u8>(), 0..8))
                    .prop_map(|(entry_id, search_key)| {
                        Some(DistributionListIds {
                            entry_id,
                            search_key,
                        })
                    })
                    .boxed()
            } else {
                Just(None).boxed()
            };
            let at = if has(F::O) {
                String8::g().prop_map(Some).boxed()
            } else {
                Just(None).boxed()
            };
            (
                x500,
                dl,
                at,
                opt_s(has(F::E)),
                opt_s(has(F::D)),
                opt_s(has(F::I)),
                opt_s(has(F::T)),
                row_for(columns[..k].to_vec()),
            )
                .prop_map(move |(x500, dl, at, e, d, i, t, properties)| RecipientRow {
                    flags,
                    x500,
                    distribution_list: dl,
                    address_type: at,
                    email_address: e,
                    display_name: d,
                    simple_display_name: i,
                    transmittable_display_name: t,
                    properties,
                })
        })
        .boxed()
}

fn recipient_data(columns: Vec<PropertyTag>) -> BoxedStrategy<RecipientRowData<'static>> {
    recipient_row(columns)
        .prop_map(|r| RecipientRowData::Row(Box::new(r)))
        .boxed()
}

/// Builds a struct from one generator per field (the field's `G`, or the
/// strategy given), then applies an optional fix-up that makes dependent
/// fields agree.
macro_rules! st {
    ($T:ident { $($f:ident $(= $s:expr)?),* $(,)? } $(fix |$v:ident| $fix:block)?) => {{
        ( $( st!(@s $($s)?), )* ).prop_map(|( $($f,)* )| {
            #[allow(unused_mut)]
            let mut x = $T { $($f),* };
            $( let $v = &mut x; $fix )?
            x
        }).boxed()
    }};
    (@s) => { G::g() };
    (@s $s:expr) => { $s };
}

fn handle_request() -> BoxedStrategy<HandleRequest> {
    st!(HandleRequest {
        logon_id,
        input_handle_index
    })
}
fn output_handle_request() -> BoxedStrategy<OutputHandleRequest> {
    st!(OutputHandleRequest {
        logon_id,
        input_handle_index,
        output_handle_index
    })
}
fn status() -> BoxedStrategy<StatusResponse> {
    st!(StatusResponse {
        handle_index,
        return_value
    })
}
fn partial() -> BoxedStrategy<PartialCompletionResponse> {
    st!(PartialCompletionResponse {
        input_handle_index,
        return_value,
        partial_completion
    })
}
fn null_dest(rv: &mut ErrorCode, dest: bool) {
    if dest {
        *rv = ErrorCode::from(NULL_DESTINATION_OBJECT);
    } else if rv.value() == NULL_DESTINATION_OBJECT {
        *rv = ErrorCode::from(0u32);
    }
}
fn move_copy() -> BoxedStrategy<MoveCopyResponse> {
    st!(MoveCopyResponse { source_handle_index, return_value, dest_handle_index, partial_completion }
        fix |v| { null_dest(&mut v.return_value, v.dest_handle_index.is_some()); })
}
fn server_list() -> BoxedStrategy<ServerList> {
    st!(ServerList {
        cheap_servers_count,
        servers
    })
}
fn ghosted(is_ghosted: &mut u8, servers: bool) {
    *is_ghosted = if servers { (*is_ghosted).max(1) } else { 0 };
}
fn table_status() -> BoxedStrategy<TableStatusResponse> {
    st!(TableStatusResponse {
        input_handle_index,
        table_status
    })
}
fn bookmark() -> BoxedStrategy<BookmarkResponse<'static>> {
    st!(BookmarkResponse {
        input_handle_index,
        bookmark
    })
}
fn tags_response() -> BoxedStrategy<PropertyTagsResponse> {
    st!(PropertyTagsResponse {
        input_handle_index,
        property_tags
    })
}
fn problems() -> BoxedStrategy<PropertyProblemsResponse> {
    st!(PropertyProblemsResponse {
        input_handle_index,
        property_problems
    })
}
fn open_message() -> BoxedStrategy<RopOpenMessageResponse<'static>> {
    columns()
        .prop_flat_map(|cols| {
            let row = (
                prop_oneof![Just(0u16), Just(1252u16)],
                any::<u8>(),
                any::<u16>(),
                recipient_data(cols.clone()),
            )
                .prop_map(|(code_page_id, recipient_type, reserved, recipient_row)| {
                    OpenRecipientRow {
                        recipient_type,
                        code_page_id,
                        reserved,
                        recipient_row,
                    }
                });
            st!(RopOpenMessageResponse {
                handle_index,
                has_named_properties,
                subject_prefix,
                normalized_subject,
                recipient_count,
                recipient_columns = Just(cols.clone()),
                recipient_rows = vec(row, 0..3),
            })
        })
        .boxed()
}
fn write_stream() -> BoxedStrategy<RopWriteStreamRequest<'static>> {
    st!(RopWriteStreamRequest {
        logon_id,
        input_handle_index,
        data
    })
}
fn set_properties() -> BoxedStrategy<RopSetPropertiesRequest> {
    st!(RopSetPropertiesRequest {
        logon_id,
        input_handle_index,
        property_values
    })
}
fn delete_properties() -> BoxedStrategy<RopDeletePropertiesRequest> {
    st!(RopDeletePropertiesRequest {
        logon_id,
        input_handle_index,
        property_tags
    })
}
fn empty_folder() -> BoxedStrategy<RopEmptyFolderRequest> {
    st!(RopEmptyFolderRequest {
        logon_id,
        input_handle_index,
        want_asynchronous,
        want_delete_associated
    })
}
fn delete_messages() -> BoxedStrategy<RopDeleteMessagesRequest> {
    st!(RopDeleteMessagesRequest {
        logon_id,
        input_handle_index,
        want_asynchronous,
        notify_non_read,
        message_ids
    })
}
fn save_changes() -> BoxedStrategy<RopSaveChangesMessageRequest> {
    st!(RopSaveChangesMessageRequest {
        logon_id,
        response_handle_index,
        input_handle_index,
        save_flags
    })
}
fn lock_region() -> BoxedStrategy<RopLockRegionStreamRequest> {
    st!(RopLockRegionStreamRequest {
        logon_id,
        input_handle_index,
        region_offset,
        region_size,
        lock_flags
    })
}
fn put_buffer() -> BoxedStrategy<RopFastTransferDestinationPutBufferRequest<'static>> {
    st!(RopFastTransferDestinationPutBufferRequest {
        logon_id,
        input_handle_index,
        transfer_data
    })
}
fn message_status() -> BoxedStrategy<MessageStatusResponse> {
    st!(MessageStatusResponse {
        input_handle_index,
        message_status_flags
    })
}
fn import_message() -> BoxedStrategy<ImportMessageResponse> {
    st!(ImportMessageResponse {
        handle_index,
        message_id
    })
}
fn copy_properties() -> BoxedStrategy<CopyPropertiesResponse> {
    st!(CopyPropertiesResponse {
        source_handle_index,
        property_problems
    })
}
fn null_destination() -> BoxedStrategy<NullDestinationFailureResponse> {
    st!(NullDestinationFailureResponse {
        source_handle_index,
        dest_handle_index
    })
}
fn table_row_count() -> BoxedStrategy<TableRowCountResponse> {
    st!(TableRowCountResponse {
        output_handle_index,
        row_count
    })
}

/// One generator per request variant (requests that need the logon kind
/// come with the kind their value implies).
fn requests() -> Vec<BoxedStrategy<RopRequest<'static>>> {
    use RopRequest as R;
    vec![
        st!(RopLogonRequest { logon_id, output_handle_index, logon_flags, open_flags, store_state, essdn }).prop_map(R::Logon).boxed(),
        st!(RopGetReceiveFolderRequest { logon_id, input_handle_index, message_class }).prop_map(R::GetReceiveFolder).boxed(),
        st!(RopSetReceiveFolderRequest { logon_id, input_handle_index, folder_id, message_class }).prop_map(R::SetReceiveFolder).boxed(),
        handle_request().prop_map(R::GetReceiveFolderTable).boxed(),
        handle_request().prop_map(R::GetStoreState).boxed(),
        st!(RopGetOwningServersRequest { logon_id, input_handle_index, folder_id }).prop_map(R::GetOwningServers).boxed(),
        st!(RopPublicFolderIsGhostedRequest { logon_id, input_handle_index, folder_id }).prop_map(R::PublicFolderIsGhosted).boxed(),
        st!(RopLongTermIdFromIdRequest { logon_id, input_handle_index, object_id }).prop_map(R::LongTermIdFromId).boxed(),
        st!(RopIdFromLongTermIdRequest { logon_id, input_handle_index, long_term_id }).prop_map(R::IdFromLongTermId).boxed(),
        st!(RopGetPerUserLongTermIdsRequest { logon_id, input_handle_index, database_guid }).prop_map(R::GetPerUserLongTermIds).boxed(),
        st!(RopGetPerUserGuidRequest { logon_id, input_handle_index, long_term_id }).prop_map(R::GetPerUserGuid).boxed(),
        st!(RopReadPerUserInformationRequest { logon_id, input_handle_index, folder_id, reserved, data_offset, max_data_size }).prop_map(R::ReadPerUserInformation).boxed(),
        st!(RopWritePerUserInformationRequest { logon_id, input_handle_index, folder_id, has_finished, data_offset, data, repl_guid }
            fix |v| { if v.data_offset != 0 { v.repl_guid = None; } }).prop_map(R::WritePerUserInformation).boxed(),
        st!(RopSetColumnsRequest { logon_id, input_handle_index, set_columns_flags, property_tags }).prop_map(R::SetColumns).boxed(),
        st!(RopSortTableRequest { logon_id, input_handle_index, sort_table_flags, sort_order_set }).prop_map(R::SortTable).boxed(),
        st!(RopRestrictRequest { logon_id, input_handle_index, restrict_flags, restriction }).prop_map(R::Restrict).boxed(),
        st!(RopQueryRowsRequest { logon_id, input_handle_index, query_rows_flags, forward_read, row_count }).prop_map(R::QueryRows).boxed(),
        handle_request().prop_map(R::Abort).boxed(),
        handle_request().prop_map(R::GetStatus).boxed(),
        handle_request().prop_map(R::QueryPosition).boxed(),
        st!(RopSeekRowRequest { logon_id, input_handle_index, origin, row_count, want_row_moved_count }).prop_map(R::SeekRow).boxed(),
        st!(RopSeekRowBookmarkRequest { logon_id, input_handle_index, bookmark, row_count, want_row_moved_count }).prop_map(R::SeekRowBookmark).boxed(),
        st!(RopSeekRowFractionalRequest { logon_id, input_handle_index, numerator, denominator }).prop_map(R::SeekRowFractional).boxed(),
        handle_request().prop_map(R::CreateBookmark).boxed(),
        handle_request().prop_map(R::QueryColumnsAll).boxed(),
        st!(RopFindRowRequest { logon_id, input_handle_index, find_row_flags, restriction, origin, bookmark }).prop_map(R::FindRow).boxed(),
        st!(RopFreeBookmarkRequest { logon_id, input_handle_index, bookmark }).prop_map(R::FreeBookmark).boxed(),
        handle_request().prop_map(R::ResetTable).boxed(),
        st!(RopExpandRowRequest { logon_id, input_handle_index, max_row_count, category_id }).prop_map(R::ExpandRow).boxed(),
        st!(RopCollapseRowRequest { logon_id, input_handle_index, category_id }).prop_map(R::CollapseRow).boxed(),
        st!(RopGetCollapseStateRequest { logon_id, input_handle_index, row_id, row_instance_number }).prop_map(R::GetCollapseState).boxed(),
        st!(RopSetCollapseStateRequest { logon_id, input_handle_index, collapse_state }).prop_map(R::SetCollapseState).boxed(),
        st!(RopOpenFolderRequest { logon_id, input_handle_index, output_handle_index, folder_id, open_mode_flags }).prop_map(R::OpenFolder).boxed(),
        any::<bool>().prop_flat_map(|u| st!(RopCreateFolderRequest { logon_id, input_handle_index, output_handle_index, folder_type, use_unicode_strings = Just(u8::from(u)), open_existing, reserved, display_name = mapi_string(u), comment = mapi_string(u) })).prop_map(R::CreateFolder).boxed(),
        st!(RopDeleteFolderRequest { logon_id, input_handle_index, delete_folder_flags, folder_id }).prop_map(R::DeleteFolder).boxed(),
        st!(RopSetSearchCriteriaRequest { logon_id, input_handle_index, restriction, folder_ids, search_flags }).prop_map(R::SetSearchCriteria).boxed(),
        st!(RopGetSearchCriteriaRequest { logon_id, input_handle_index, use_unicode, include_restriction, include_folders }).prop_map(R::GetSearchCriteria).boxed(),
        st!(RopMoveCopyMessagesRequest { logon_id, source_handle_index, dest_handle_index, message_ids, want_asynchronous, want_copy }).prop_map(R::MoveCopyMessages).boxed(),
        any::<bool>().prop_flat_map(|u| st!(RopMoveFolderRequest { logon_id, source_handle_index, dest_handle_index, want_asynchronous, use_unicode = Just(u8::from(u)), folder_id, new_folder_name = mapi_string(u) })).prop_map(R::MoveFolder).boxed(),
        any::<bool>().prop_flat_map(|u| st!(RopCopyFolderRequest { logon_id, source_handle_index, dest_handle_index, want_asynchronous, want_recursive, use_unicode = Just(u8::from(u)), folder_id, new_folder_name = mapi_string(u) })).prop_map(R::CopyFolder).boxed(),
        empty_folder().prop_map(R::EmptyFolder).boxed(),
        empty_folder().prop_map(R::HardDeleteMessagesAndSubfolders).boxed(),
        delete_messages().prop_map(R::DeleteMessages).boxed(),
        delete_messages().prop_map(R::HardDeleteMessages).boxed(),
        st!(RopGetHierarchyTableRequest { logon_id, input_handle_index, output_handle_index, table_flags }).prop_map(R::GetHierarchyTable).boxed(),
        st!(RopGetContentsTableRequest { logon_id, input_handle_index, output_handle_index, table_flags }).prop_map(R::GetContentsTable).boxed(),
        st!(RopOpenMessageRequest { logon_id, input_handle_index, output_handle_index, code_page_id, folder_id, open_mode_flags, message_id }).prop_map(R::OpenMessage).boxed(),
        st!(RopCreateMessageRequest { logon_id, input_handle_index, output_handle_index, code_page_id, folder_id, associated_flag }).prop_map(R::CreateMessage).boxed(),
        save_changes().prop_map(R::SaveChangesMessage).boxed(),
        st!(RopRemoveAllRecipientsRequest { logon_id, input_handle_index, reserved }).prop_map(R::RemoveAllRecipients).boxed(),
        columns().prop_flat_map(|cols| {
            let row = (any::<u32>(), any::<u8>(), proptest::option::of(recipient_data(cols.clone())))
                .prop_map(|(row_id, recipient_type, recipient_row)| ModifyRecipientRow { row_id, recipient_type, recipient_row });
            st!(RopModifyRecipientsRequest { logon_id, input_handle_index, recipient_columns = Just(cols.clone()), recipient_rows = vec(row, 0..3) })
        }).prop_map(R::ModifyRecipients).boxed(),
        st!(RopReadRecipientsRequest { logon_id, input_handle_index, row_id, reserved }).prop_map(R::ReadRecipients).boxed(),
        st!(RopReloadCachedInformationRequest { logon_id, input_handle_index, reserved }).prop_map(R::ReloadCachedInformation).boxed(),
        st!(RopSetMessageStatusRequest { logon_id, input_handle_index, message_id, message_status_flags, message_status_mask }).prop_map(R::SetMessageStatus).boxed(),
        st!(RopGetMessageStatusRequest { logon_id, input_handle_index, message_id }).prop_map(R::GetMessageStatus).boxed(),
        st!(RopSetReadFlagsRequest { logon_id, input_handle_index, want_asynchronous, read_flags, message_ids }).prop_map(R::SetReadFlags).boxed(),
        st!(RopSetMessageReadFlagRequest { logon_id, response_handle_index, input_handle_index, read_flags, client_data }).prop_map(R::SetMessageReadFlag).boxed(),
        st!(RopOpenAttachmentRequest { logon_id, input_handle_index, output_handle_index, open_attachment_flags, attachment_id }).prop_map(R::OpenAttachment).boxed(),
        output_handle_request().prop_map(R::CreateAttachment).boxed(),
        st!(RopDeleteAttachmentRequest { logon_id, input_handle_index, attachment_id }).prop_map(R::DeleteAttachment).boxed(),
        save_changes().prop_map(R::SaveChangesAttachment).boxed(),
        st!(RopOpenEmbeddedMessageRequest { logon_id, input_handle_index, output_handle_index, code_page_id, open_mode_flags }).prop_map(R::OpenEmbeddedMessage).boxed(),
        st!(RopGetAttachmentTableRequest { logon_id, input_handle_index, output_handle_index, table_flags }).prop_map(R::GetAttachmentTable).boxed(),
        handle_request().prop_map(R::GetValidAttachments).boxed(),
        st!(RopSubmitMessageRequest { logon_id, input_handle_index, submit_flags }).prop_map(R::SubmitMessage).boxed(),
        st!(RopAbortSubmitRequest { logon_id, input_handle_index, folder_id, message_id }).prop_map(R::AbortSubmit).boxed(),
        handle_request().prop_map(R::GetAddressTypes).boxed(),
        handle_request().prop_map(R::SetSpooler).boxed(),
        st!(RopSpoolerLockMessageRequest { logon_id, input_handle_index, message_id, lock_state }).prop_map(R::SpoolerLockMessage).boxed(),
        handle_request().prop_map(R::TransportSend).boxed(),
        st!(RopTransportNewMailRequest { logon_id, input_handle_index, message_id, folder_id, message_class, message_flags }).prop_map(R::TransportNewMail).boxed(),
        handle_request().prop_map(R::GetTransportFolder).boxed(),
        st!(RopOptionsDataRequest { logon_id, input_handle_index, address_type, want_win32 }).prop_map(R::OptionsData).boxed(),
        st!(RopGetPropertyIdsFromNamesRequest { logon_id, input_handle_index, flags, property_names }).prop_map(R::GetPropertyIdsFromNames).boxed(),
        st!(RopGetNamesFromPropertyIdsRequest { logon_id, input_handle_index, property_ids }).prop_map(R::GetNamesFromPropertyIds).boxed(),
        st!(RopGetPropertiesSpecificRequest { logon_id, input_handle_index, property_size_limit, want_unicode, property_tags }).prop_map(R::GetPropertiesSpecific).boxed(),
        st!(RopGetPropertiesAllRequest { logon_id, input_handle_index, property_size_limit, want_unicode }).prop_map(R::GetPropertiesAll).boxed(),
        handle_request().prop_map(R::GetPropertiesList).boxed(),
        set_properties().prop_map(R::SetProperties).boxed(),
        set_properties().prop_map(R::SetPropertiesNoReplicate).boxed(),
        delete_properties().prop_map(R::DeleteProperties).boxed(),
        delete_properties().prop_map(R::DeletePropertiesNoReplicate).boxed(),
        st!(RopQueryNamedPropertiesRequest { logon_id, input_handle_index, query_flags, has_guid, property_guid }
            fix |v| { v.has_guid = if v.property_guid.is_some() { v.has_guid.max(1) } else { 0 }; }).prop_map(R::QueryNamedProperties).boxed(),
        st!(RopCopyPropertiesRequest { logon_id, source_handle_index, dest_handle_index, want_asynchronous, copy_flags, property_tags }).prop_map(R::CopyProperties).boxed(),
        st!(RopCopyToRequest { logon_id, source_handle_index, dest_handle_index, want_asynchronous, want_sub_objects, copy_flags, excluded_tags }).prop_map(R::CopyTo).boxed(),
        st!(RopProgressRequest { logon_id, input_handle_index, want_cancel }).prop_map(R::Progress).boxed(),
        st!(RopOpenStreamRequest { logon_id, input_handle_index, output_handle_index, property_tag, open_mode_flags }).prop_map(R::OpenStream).boxed(),
        st!(RopReadStreamRequest { logon_id, input_handle_index, byte_count, maximum_byte_count }
            fix |v| { if v.maximum_byte_count.is_some() { v.byte_count = 0xBABE; } else if v.byte_count == 0xBABE { v.byte_count = 0; } }).prop_map(R::ReadStream).boxed(),
        write_stream().prop_map(R::WriteStream).boxed(),
        write_stream().prop_map(R::WriteStreamExtended).boxed(),
        handle_request().prop_map(R::CommitStream).boxed(),
        handle_request().prop_map(R::GetStreamSize).boxed(),
        st!(RopSetStreamSizeRequest { logon_id, input_handle_index, stream_size }).prop_map(R::SetStreamSize).boxed(),
        st!(RopSeekStreamRequest { logon_id, input_handle_index, origin, offset }).prop_map(R::SeekStream).boxed(),
        st!(RopCopyToStreamRequest { logon_id, source_handle_index, dest_handle_index, byte_count }).prop_map(R::CopyToStream).boxed(),
        lock_region().prop_map(R::LockRegionStream).boxed(),
        lock_region().prop_map(R::UnlockRegionStream).boxed(),
        write_stream().prop_map(R::WriteAndCommitStream).boxed(),
        output_handle_request().prop_map(R::CloneStream).boxed(),
        st!(RopModifyPermissionsRequest { logon_id, input_handle_index, modify_flags, permissions_data = vec(st!(PermissionData { permission_data_flags, property_values }), 0..3) }).prop_map(R::ModifyPermissions).boxed(),
        st!(RopGetPermissionsTableRequest { logon_id, input_handle_index, output_handle_index, table_flags }).prop_map(R::GetPermissionsTable).boxed(),
        st!(RopModifyRulesRequest { logon_id, input_handle_index, modify_rules_flags, rules_data = vec(st!(RuleData { rule_data_flags, property_values }), 0..3) }).prop_map(R::ModifyRules).boxed(),
        st!(RopGetRulesTableRequest { logon_id, input_handle_index, output_handle_index, table_flags }).prop_map(R::GetRulesTable).boxed(),
        st!(RopUpdateDeferredActionMessagesRequest { logon_id, input_handle_index, server_entry_id, client_entry_id }).prop_map(R::UpdateDeferredActionMessages).boxed(),
        st!(RopFastTransferDestinationConfigureRequest { logon_id, input_handle_index, output_handle_index, source_operation, copy_flags }).prop_map(R::FastTransferDestinationConfigure).boxed(),
        put_buffer().prop_map(R::FastTransferDestinationPutBuffer).boxed(),
        put_buffer().prop_map(R::FastTransferDestinationPutBufferExtended).boxed(),
        st!(RopFastTransferSourceGetBufferRequest { logon_id, input_handle_index, buffer_size, maximum_buffer_size }
            fix |v| { if v.maximum_buffer_size.is_some() { v.buffer_size = 0xBABE; } else if v.buffer_size == 0xBABE { v.buffer_size = 0; } }).prop_map(R::FastTransferSourceGetBuffer).boxed(),
        st!(RopFastTransferSourceCopyFolderRequest { logon_id, input_handle_index, output_handle_index, copy_flags, send_options }).prop_map(R::FastTransferSourceCopyFolder).boxed(),
        st!(RopFastTransferSourceCopyMessagesRequest { logon_id, input_handle_index, output_handle_index, message_ids, copy_flags, send_options }).prop_map(R::FastTransferSourceCopyMessages).boxed(),
        st!(RopFastTransferSourceCopyToRequest { logon_id, input_handle_index, output_handle_index, level, copy_flags, send_options, property_tags }).prop_map(R::FastTransferSourceCopyTo).boxed(),
        st!(RopFastTransferSourceCopyPropertiesRequest { logon_id, input_handle_index, output_handle_index, level, copy_flags, send_options, property_tags }).prop_map(R::FastTransferSourceCopyProperties).boxed(),
        st!(RopTellVersionRequest { logon_id, input_handle_index, version }).prop_map(R::TellVersion).boxed(),
        st!(RopSynchronizationConfigureRequest { logon_id, input_handle_index, output_handle_index, synchronization_type, send_options, synchronization_flags, restriction, synchronization_extra_flags, property_tags }).prop_map(R::SynchronizationConfigure).boxed(),
        st!(RopSynchronizationImportMessageChangeRequest { logon_id, input_handle_index, output_handle_index, import_flag, property_values }).prop_map(R::SynchronizationImportMessageChange).boxed(),
        st!(RopSynchronizationImportReadStateChangesRequest { logon_id, input_handle_index, message_read_states = vec(st!(MessageReadState { message_id, mark_as_read }), 0..4) }).prop_map(R::SynchronizationImportReadStateChanges).boxed(),
        st!(RopSynchronizationImportHierarchyChangeRequest { logon_id, input_handle_index, hierarchy_values, property_values }).prop_map(R::SynchronizationImportHierarchyChange).boxed(),
        st!(RopSynchronizationImportDeletesRequest { logon_id, input_handle_index, import_delete_flags, property_values }).prop_map(R::SynchronizationImportDeletes).boxed(),
        st!(RopSynchronizationImportMessageMoveRequest { logon_id, input_handle_index, source_folder_id, source_message_id, predecessor_change_list, destination_message_id, change_number }).prop_map(R::SynchronizationImportMessageMove).boxed(),
        st!(RopSynchronizationOpenCollectorRequest { logon_id, input_handle_index, output_handle_index, is_contents_collector }).prop_map(R::SynchronizationOpenCollector).boxed(),
        output_handle_request().prop_map(R::SynchronizationGetTransferState).boxed(),
        st!(RopSynchronizationUploadStateStreamBeginRequest { logon_id, input_handle_index, state_property, transfer_buffer_size }).prop_map(R::SynchronizationUploadStateStreamBegin).boxed(),
        st!(RopSynchronizationUploadStateStreamContinueRequest { logon_id, input_handle_index, stream_data }).prop_map(R::SynchronizationUploadStateStreamContinue).boxed(),
        handle_request().prop_map(R::SynchronizationUploadStateStreamEnd).boxed(),
        st!(RopSetLocalReplicaMidsetDeletedRequest { logon_id, input_handle_index, long_term_id_ranges }).prop_map(R::SetLocalReplicaMidsetDeleted).boxed(),
        st!(RopGetLocalReplicaIdsRequest { logon_id, input_handle_index, id_count }).prop_map(R::GetLocalReplicaIds).boxed(),
        st!(RopRegisterNotificationRequest { logon_id, input_handle_index, output_handle_index, notification_types, reserved, want_whole_store, folder_id, message_id }
            fix |v| {
                v.reserved = if v.notification_types.contains(NotificationTypes::EXTENDED) { Some(v.reserved.unwrap_or(0)) } else { None };
                if v.folder_id.is_some() || v.message_id.is_some() {
                    v.want_whole_store = 0;
                    v.folder_id.get_or_insert(FolderId::from_u64(1));
                    v.message_id.get_or_insert(MessageId::from_u64(2));
                } else {
                    v.want_whole_store = v.want_whole_store.max(1);
                }
            }).prop_map(R::RegisterNotification).boxed(),
        handle_request().prop_map(R::Release).boxed(),
    ]
}

/// NotificationData with fields that agree with its flags, table rows
/// laid out by `columns`.
fn notification_data(columns: Vec<PropertyTag>) -> BoxedStrategy<NotificationData<'static>> {
    (
        prop_oneof![
            Just(0x0002u16),
            Just(0x0004),
            Just(0x0008),
            Just(0x0010),
            Just(0x0020),
            Just(0x0040),
            Just(0x0080),
            Just(0x0100),
            Just(0x0400),
            Just(0x0200)
        ],
        any::<u16>(),
        prop_oneof![Just(1u16), Just(3), Just(4), Just(5), Just(7), Just(2)],
        prop_oneof![Just(0u16), Just(0xFFFF), 1u16..4],
        any::<[u64; 12]>(),
        any::<bool>(),
        row_for(columns.clone()),
        mapi_string(true),
        mapi_string(false),
    )
        .prop_map(
            move |(ty, flag_bits, tet, tag_count, ids, unicode, row, us, as8)| {
                let flags = NotificationFlags::from_bits(ty | (flag_bits & 0xF000));
                let m = flags.contains(NotificationFlags::M);
                let s = flags.contains(NotificationFlags::S);
                let table = ty == 0x0100;
                let tet = table.then(|| TableEventType::from(tet));
                let t = tet.map(TableEventType::value);
                let row_ids = matches!(t, Some(3..=5));
                let insert = matches!(t, Some(3 | 5));
                let not_table = ty != 0x0100 && ty != 0x0400;
                let moved = ty == 0x0020 || ty == 0x0040;
                let fid = |i: usize, p: bool| p.then(|| FolderId::from_u64(ids[i]));
                let mid = |i: usize, p: bool| p.then(|| MessageId::from_u64(ids[i]));
                let tc = (ty == 0x0004 || ty == 0x0010).then_some(tag_count);
                let tags = match tc {
                    Some(n) if n != 0 && n != 0xFFFF => Some(
                        (0..n)
                            .map(|i| PropertyTag::new(i, PropertyType::Integer32))
                            .collect(),
                    ),
                    _ => None,
                };
                NotificationData {
                    notification_flags: flags,
                    table_event_type: tet,
                    table_row_folder_id: fid(0, row_ids),
                    table_row_message_id: mid(1, row_ids && m),
                    table_row_instance: (row_ids && m).then_some(ids[2] as u32),
                    insert_after_table_row_folder_id: fid(3, insert),
                    insert_after_table_row_id: mid(4, insert && m),
                    insert_after_table_row_instance: (insert && m).then_some(ids[5] as u32),
                    table_row_data: insert.then(|| TableRowData::Row {
                        columns: columns.clone(),
                        row: row.clone(),
                    }),
                    folder_id: fid(6, not_table),
                    message_id: mid(7, not_table && m),
                    parent_folder_id: fid(
                        8,
                        matches!(ty, 0x0004 | 0x0008 | 0x0020 | 0x0040) && s == m,
                    ),
                    old_folder_id: fid(9, moved),
                    old_message_id: mid(10, moved && m),
                    old_parent_folder_id: fid(11, moved && !m),
                    tag_count: tc,
                    tags,
                    total_message_count: flags
                        .contains(NotificationFlags::T)
                        .then_some(ids[2] as u32),
                    unread_message_count: flags
                        .contains(NotificationFlags::U)
                        .then_some(ids[5] as u32),
                    message_flags: (ty == 0x0002).then_some(ids[1] as u32),
                    unicode_flag: (ty == 0x0002).then_some(u8::from(unicode)),
                    message_class: (ty == 0x0002)
                        .then(|| if unicode { us.clone() } else { as8.clone() }),
                }
            },
        )
        .boxed()
}

/// One generator per response form.
fn responses() -> Vec<BoxedStrategy<RopResponse<'static>>> {
    use RopResponse as S;
    vec![
        st!(RopLogonPrivateMailboxResponse { output_handle_index, logon_flags, folder_ids, response_flags, mailbox_guid, repl_id, repl_guid, logon_time = st!(LogonTime { seconds, minutes, hour, day_of_week, day, month, year }), gwart_time, store_state }).prop_map(|x| S::LogonPrivateMailbox(Box::new(x))).boxed(),
        st!(RopLogonPublicFoldersResponse { output_handle_index, logon_flags, folder_ids, repl_id, repl_guid, per_user_guid }).prop_map(|x| S::LogonPublicFolders(Box::new(x))).boxed(),
        st!(RopLogonRedirectResponse { output_handle_index, logon_flags, server_name }).prop_map(S::LogonRedirect).boxed(),
        (proptest::sample::select(RopId::KNOWN.iter().copied().filter(|i| RopResponse::has_failure_form(*i)).collect::<Vec<_>>()), 1u32.., any::<u8>())
            .prop_map(|(i, rv, h)| S::Failure(RopFailureResponse::new(i, h, ErrorCode::from(rv)).unwrap())).boxed(),
        st!(RopGetReceiveFolderResponse { input_handle_index, folder_id, explicit_message_class }).prop_map(S::GetReceiveFolder).boxed(),
        status().prop_map(S::SetReceiveFolder).boxed(),
        st!(RopGetReceiveFolderTableResponse { input_handle_index, rows = vec(row_for(RECEIVE_FOLDER_TABLE_COLUMNS.to_vec()), 0..3) }).prop_map(S::GetReceiveFolderTable).boxed(),
        st!(RopGetStoreStateResponse { input_handle_index, store_state }).prop_map(S::GetStoreState).boxed(),
        st!(RopGetOwningServersResponse { input_handle_index, owning_servers = server_list() }).prop_map(S::GetOwningServers).boxed(),
        st!(RopPublicFolderIsGhostedResponse { input_handle_index, is_ghosted, servers = proptest::option::of(server_list()) }
            fix |v| { ghosted(&mut v.is_ghosted, v.servers.is_some()); }).prop_map(S::PublicFolderIsGhosted).boxed(),
        st!(RopLongTermIdFromIdResponse { input_handle_index, long_term_id }).prop_map(S::LongTermIdFromId).boxed(),
        st!(RopIdFromLongTermIdResponse { input_handle_index, object_id }).prop_map(S::IdFromLongTermId).boxed(),
        st!(RopGetPerUserLongTermIdsResponse { input_handle_index, long_term_ids }).prop_map(S::GetPerUserLongTermIds).boxed(),
        st!(RopGetPerUserGuidResponse { input_handle_index, database_guid }).prop_map(S::GetPerUserGuid).boxed(),
        st!(RopReadPerUserInformationResponse { input_handle_index, has_finished, data }).prop_map(S::ReadPerUserInformation).boxed(),
        status().prop_map(S::WritePerUserInformation).boxed(),
        table_status().prop_map(S::SetColumns).boxed(),
        table_status().prop_map(S::SortTable).boxed(),
        table_status().prop_map(S::Restrict).boxed(),
        columns().prop_flat_map(|c| st!(RopQueryRowsResponse { input_handle_index, origin, rows = rows_for(c.clone(), 4) })).prop_map(S::QueryRows).boxed(),
        table_status().prop_map(S::Abort).boxed(),
        table_status().prop_map(S::GetStatus).boxed(),
        st!(RopQueryPositionResponse { input_handle_index, numerator, denominator }).prop_map(S::QueryPosition).boxed(),
        st!(RopSeekRowResponse { input_handle_index, has_sought_less, rows_sought }).prop_map(S::SeekRow).boxed(),
        st!(RopSeekRowBookmarkResponse { input_handle_index, row_no_longer_visible, has_sought_less, rows_sought }).prop_map(S::SeekRowBookmark).boxed(),
        status().prop_map(S::SeekRowFractional).boxed(),
        bookmark().prop_map(S::CreateBookmark).boxed(),
        tags_response().prop_map(S::QueryColumnsAll).boxed(),
        columns().prop_flat_map(|c| st!(RopFindRowResponse { input_handle_index, row_no_longer_visible, has_row_data, row = proptest::option::of(row_decoded(c.clone())) }
            fix |v| { v.has_row_data = if v.row.is_some() { v.has_row_data.max(1) } else { 0 }; })).prop_map(S::FindRow).boxed(),
        status().prop_map(S::FreeBookmark).boxed(),
        status().prop_map(S::ResetTable).boxed(),
        columns().prop_flat_map(|c| st!(RopExpandRowResponse { input_handle_index, expanded_row_count, rows = rows_for(c.clone(), 4) })).prop_map(S::ExpandRow).boxed(),
        st!(RopCollapseRowResponse { input_handle_index, collapsed_row_count }).prop_map(S::CollapseRow).boxed(),
        st!(RopGetCollapseStateResponse { input_handle_index, collapse_state }).prop_map(S::GetCollapseState).boxed(),
        bookmark().prop_map(S::SetCollapseState).boxed(),
        st!(RopOpenFolderResponse { output_handle_index, has_rules, is_ghosted, servers = proptest::option::of(server_list()) }
            fix |v| { ghosted(&mut v.is_ghosted, v.servers.is_some()); }).prop_map(S::OpenFolder).boxed(),
        st!(RopCreateFolderResponse { output_handle_index, folder_id, is_existing_folder, existing = proptest::option::of(st!(ExistingFolder { has_rules, is_ghosted, servers = proptest::option::of(server_list()) }
            fix |e| { ghosted(&mut e.is_ghosted, e.servers.is_some()); })) }
            fix |v| { v.is_existing_folder = if v.existing.is_some() { v.is_existing_folder.max(1) } else { 0 }; }).prop_map(S::CreateFolder).boxed(),
        partial().prop_map(S::DeleteFolder).boxed(),
        status().prop_map(S::SetSearchCriteria).boxed(),
        st!(RopGetSearchCriteriaResponse { input_handle_index, restriction, logon_id, folder_ids, search_flags }).prop_map(S::GetSearchCriteria).boxed(),
        move_copy().prop_map(S::MoveCopyMessages).boxed(),
        move_copy().prop_map(S::MoveFolder).boxed(),
        move_copy().prop_map(S::CopyFolder).boxed(),
        partial().prop_map(S::EmptyFolder).boxed(),
        partial().prop_map(S::HardDeleteMessagesAndSubfolders).boxed(),
        partial().prop_map(S::DeleteMessages).boxed(),
        partial().prop_map(S::HardDeleteMessages).boxed(),
        table_row_count().prop_map(S::GetHierarchyTable).boxed(),
        table_row_count().prop_map(S::GetContentsTable).boxed(),
        open_message().prop_map(|x| S::OpenMessage(Box::new(x))).boxed(),
        st!(RopCreateMessageResponse { output_handle_index, has_message_id, message_id }
            fix |v| { v.has_message_id = if v.message_id.is_some() { v.has_message_id.max(1) } else { 0 }; }).prop_map(S::CreateMessage).boxed(),
        st!(RopSaveChangesMessageResponse { response_handle_index, input_handle_index, message_id }).prop_map(S::SaveChangesMessage).boxed(),
        status().prop_map(S::RemoveAllRecipients).boxed(),
        status().prop_map(S::ModifyRecipients).boxed(),
        columns().prop_flat_map(|c| {
            let row = (any::<u32>(), any::<u8>(), prop_oneof![Just(0u16), Just(1252u16)], any::<u16>(), recipient_data(c.clone()))
                .prop_map(|(row_id, recipient_type, code_page_id, reserved, recipient_row)| ReadRecipientRow { row_id, recipient_type, code_page_id, reserved, recipient_row });
            st!(RopReadRecipientsResponse { input_handle_index, recipient_columns = Just(c.clone()), recipient_rows = vec(row, 0..3) })
        }).prop_map(S::ReadRecipients).boxed(),
        open_message().prop_map(|x| S::ReloadCachedInformation(Box::new(x))).boxed(),
        message_status().prop_map(S::SetMessageStatus).boxed(),
        message_status().prop_map(S::GetMessageStatus).boxed(),
        partial().prop_map(S::SetReadFlags).boxed(),
        st!(RopSetMessageReadFlagResponse { response_handle_index, read_status_changed, change = proptest::option::of(st!(ReadStatusChange { logon_id, client_data })) }
            fix |v| { v.read_status_changed = if v.change.is_some() { v.read_status_changed.max(1) } else { 0 }; }).prop_map(S::SetMessageReadFlag).boxed(),
        status().prop_map(S::OpenAttachment).boxed(),
        st!(RopCreateAttachmentResponse { output_handle_index, attachment_id }).prop_map(S::CreateAttachment).boxed(),
        status().prop_map(S::DeleteAttachment).boxed(),
        status().prop_map(S::SaveChangesAttachment).boxed(),
        columns().prop_flat_map(|cols| {
            let row = (prop_oneof![Just(0u16), Just(1252u16)], any::<u8>(), any::<u16>(), recipient_data(cols.clone()))
                .prop_map(|(code_page_id, recipient_type, reserved, recipient_row)| OpenRecipientRow { recipient_type, code_page_id, reserved, recipient_row });
            st!(RopOpenEmbeddedMessageResponse { output_handle_index, reserved, message_id, has_named_properties, subject_prefix, normalized_subject, recipient_count, recipient_columns = Just(cols.clone()), recipient_rows = vec(row, 0..3) })
        }).prop_map(|x| S::OpenEmbeddedMessage(Box::new(x))).boxed(),
        status().prop_map(S::GetAttachmentTable).boxed(),
        st!(RopGetValidAttachmentsResponse { input_handle_index, attachment_ids }).prop_map(S::GetValidAttachments).boxed(),
        status().prop_map(S::SubmitMessage).boxed(),
        status().prop_map(S::AbortSubmit).boxed(),
        st!(RopGetAddressTypesResponse { input_handle_index, address_types }).prop_map(S::GetAddressTypes).boxed(),
        status().prop_map(S::SetSpooler).boxed(),
        status().prop_map(S::SpoolerLockMessage).boxed(),
        st!(RopTransportSendResponse { input_handle_index, no_properties_returned, property_values }).prop_map(S::TransportSend).boxed(),
        status().prop_map(S::TransportNewMail).boxed(),
        st!(RopGetTransportFolderResponse { input_handle_index, folder_id }).prop_map(S::GetTransportFolder).boxed(),
        st!(RopOptionsDataResponse { input_handle_index, reserved, options_info, help_file, help_file_name }
            fix |v| { if v.help_file.is_empty() { v.help_file_name = None; } else if v.help_file_name.is_none() { v.help_file_name = Some(String8::new(vec![b'h'], CodePage::WINDOWS_1252)); } }).prop_map(S::OptionsData).boxed(),
        st!(RopGetPropertyIdsFromNamesResponse { input_handle_index, property_ids }).prop_map(S::GetPropertyIdsFromNames).boxed(),
        st!(RopGetNamesFromPropertyIdsResponse { input_handle_index, property_names }).prop_map(S::GetNamesFromPropertyIds).boxed(),
        columns().prop_flat_map(|c| (any::<u8>(), row_for(c.clone())).prop_map(move |(h, row)| RopGetPropertiesSpecificResponse::new(h, c.clone(), row))).prop_map(S::GetPropertiesSpecific).boxed(),
        st!(RopGetPropertiesAllResponse { input_handle_index, property_values }).prop_map(S::GetPropertiesAll).boxed(),
        tags_response().prop_map(S::GetPropertiesList).boxed(),
        problems().prop_map(S::SetProperties).boxed(),
        problems().prop_map(S::SetPropertiesNoReplicate).boxed(),
        problems().prop_map(S::DeleteProperties).boxed(),
        problems().prop_map(S::DeletePropertiesNoReplicate).boxed(),
        vec((any::<u16>(), PropertyName::g()), 0..4).prop_flat_map(|v| st!(RopQueryNamedPropertiesResponse { input_handle_index, property_ids = Just(v.iter().map(|x| x.0).collect()), property_names = Just(v.iter().map(|x| x.1.clone()).collect()) })).prop_map(S::QueryNamedProperties).boxed(),
        copy_properties().prop_map(S::CopyProperties).boxed(),
        null_destination().prop_map(S::CopyPropertiesNullDestination).boxed(),
        copy_properties().prop_map(S::CopyTo).boxed(),
        null_destination().prop_map(S::CopyToNullDestination).boxed(),
        st!(RopProgressResponse { input_handle_index, logon_id, completed_task_count, total_task_count }).prop_map(S::Progress).boxed(),
        st!(RopOpenStreamResponse { output_handle_index, stream_size }).prop_map(S::OpenStream).boxed(),
        st!(RopReadStreamResponse { input_handle_index, return_value, data }).prop_map(S::ReadStream).boxed(),
        st!(RopWriteStreamResponse { input_handle_index, return_value, written_size }).prop_map(S::WriteStream).boxed(),
        st!(RopWriteStreamExtendedResponse { input_handle_index, return_value, written_size }).prop_map(S::WriteStreamExtended).boxed(),
        status().prop_map(S::CommitStream).boxed(),
        st!(RopGetStreamSizeResponse { input_handle_index, stream_size }).prop_map(S::GetStreamSize).boxed(),
        status().prop_map(S::SetStreamSize).boxed(),
        st!(RopSeekStreamResponse { input_handle_index, new_position }).prop_map(S::SeekStream).boxed(),
        st!(RopCopyToStreamResponse { source_handle_index, return_value, dest_handle_index, read_byte_count, written_byte_count }
            fix |v| { null_dest(&mut v.return_value, v.dest_handle_index.is_some()); }).prop_map(S::CopyToStream).boxed(),
        status().prop_map(S::LockRegionStream).boxed(),
        status().prop_map(S::UnlockRegionStream).boxed(),
        st!(RopWriteStreamResponse { input_handle_index, return_value, written_size }).prop_map(S::WriteAndCommitStream).boxed(),
        status().prop_map(S::CloneStream).boxed(),
        status().prop_map(S::ModifyPermissions).boxed(),
        status().prop_map(S::GetPermissionsTable).boxed(),
        status().prop_map(S::ModifyRules).boxed(),
        status().prop_map(S::GetRulesTable).boxed(),
        status().prop_map(S::UpdateDeferredActionMessages).boxed(),
        status().prop_map(S::FastTransferDestinationConfigure).boxed(),
        st!(RopFastTransferDestinationPutBufferResponse { input_handle_index, return_value, transfer_status, in_progress_count, total_step_count, reserved, buffer_used_size }).prop_map(S::FastTransferDestinationPutBuffer).boxed(),
        st!(RopFastTransferDestinationPutBufferExtendedResponse { input_handle_index, return_value, transfer_status, in_progress_count, total_step_count, reserved, buffer_used_size }).prop_map(S::FastTransferDestinationPutBufferExtended).boxed(),
        st!(RopFastTransferSourceGetBufferResponse { input_handle_index, return_value, transfer_status, in_progress_count, total_step_count, reserved, transfer_buffer_size, transfer_buffer, backoff_time }
            fix |v| {
                if v.backoff_time.is_some() {
                    v.return_value = ErrorCode::from(SERVER_BUSY);
                    v.transfer_buffer = None;
                } else {
                    if v.return_value.value() == SERVER_BUSY { v.return_value = ErrorCode::from(0u32); }
                    let b = v.transfer_buffer.take().unwrap_or_default();
                    v.transfer_buffer_size = b.len() as u16;
                    v.transfer_buffer = Some(b);
                }
            }).prop_map(S::FastTransferSourceGetBuffer).boxed(),
        status().prop_map(S::FastTransferSourceCopyFolder).boxed(),
        status().prop_map(S::FastTransferSourceCopyMessages).boxed(),
        status().prop_map(S::FastTransferSourceCopyTo).boxed(),
        status().prop_map(S::FastTransferSourceCopyProperties).boxed(),
        status().prop_map(S::TellVersion).boxed(),
        status().prop_map(S::SynchronizationConfigure).boxed(),
        import_message().prop_map(S::SynchronizationImportMessageChange).boxed(),
        status().prop_map(S::SynchronizationImportReadStateChanges).boxed(),
        st!(RopSynchronizationImportHierarchyChangeResponse { input_handle_index, folder_id }).prop_map(S::SynchronizationImportHierarchyChange).boxed(),
        status().prop_map(S::SynchronizationImportDeletes).boxed(),
        import_message().prop_map(S::SynchronizationImportMessageMove).boxed(),
        status().prop_map(S::SynchronizationOpenCollector).boxed(),
        status().prop_map(S::SynchronizationGetTransferState).boxed(),
        status().prop_map(S::SynchronizationUploadStateStreamBegin).boxed(),
        status().prop_map(S::SynchronizationUploadStateStreamContinue).boxed(),
        status().prop_map(S::SynchronizationUploadStateStreamEnd).boxed(),
        status().prop_map(S::SetLocalReplicaMidsetDeleted).boxed(),
        st!(RopGetLocalReplicaIdsResponse { input_handle_index, repl_guid, global_count }).prop_map(S::GetLocalReplicaIds).boxed(),
        status().prop_map(S::RegisterNotification).boxed(),
        columns().prop_flat_map(|c| st!(RopNotifyResponse { notification_handle, logon_id, notification_data = notification_data(c.clone()) })).prop_map(|x| S::Notify(Box::new(x))).boxed(),
        st!(RopPendingResponse { session_index }).prop_map(S::Pending).boxed(),
        st!(RopBufferTooSmallResponse { size_needed, request_buffers }).prop_map(S::BufferTooSmall).boxed(),
        st!(RopBackoffResponse { logon_id, duration, backoff_rop_data = vec(st!(BackoffRop { rop_id_backoff, duration }), 0..3), additional_data }).prop_map(S::Backoff).boxed(),
    ]
}

/// The logon kinds a request's value implies (for the requests laid out by them).
fn logons_for(r: &RopRequest<'_>) -> LogonKinds {
    match r {
        RopRequest::WritePerUserInformation(w) => LogonKinds::new().with(
            w.logon_id,
            if w.repl_guid.is_some() || w.data_offset != 0 {
                LogonKind::PrivateMailbox
            } else {
                LogonKind::PublicFolders
            },
        ),
        RopRequest::SetMessageReadFlag(w) => LogonKinds::new().with(
            w.logon_id,
            if w.client_data.is_some() {
                LogonKind::PublicFolders
            } else {
                LogonKind::PrivateMailbox
            },
        ),
        _ => LogonKinds::new(),
    }
}

/// What a response's request said, as its value implies.
fn expectation_for(r: &RopResponse<'_>) -> Option<ResponseExpectation> {
    let id = r.rop_id()?;
    let e = ResponseExpectation::new(id);
    Some(match r {
        RopResponse::LogonPrivateMailbox(_) => e.with_logon(LogonKind::PrivateMailbox),
        RopResponse::LogonPublicFolders(_) => e.with_logon(LogonKind::PublicFolders),
        RopResponse::QueryRows(RopQueryRowsResponse {
            rows: Rows::Decoded { columns, .. },
            ..
        })
        | RopResponse::ExpandRow(RopExpandRowResponse {
            rows: Rows::Decoded { columns, .. },
            ..
        })
        | RopResponse::GetPropertiesSpecific(RopGetPropertiesSpecificResponse {
            row: Row::Decoded { columns, .. },
            ..
        }) => e.with_columns(columns.clone()),
        RopResponse::FindRow(f) => match &f.row {
            Some(Row::Decoded { columns, .. }) => e.with_columns(columns.clone()),
            _ => e.with_columns(Vec::new()),
        },
        RopResponse::ReadRecipients(x) => e.with_columns(x.recipient_columns.clone()),
        _ => e,
    })
}

fn tables_for(r: &RopResponse<'_>) -> HashMap<u32, Vec<PropertyTag>> {
    let mut m = HashMap::new();
    if let RopResponse::Notify(n) = r
        && let Some(TableRowData::Row { columns, .. }) = &n.notification_data.table_row_data
    {
        m.insert(n.notification_handle, columns.clone());
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn every_request_round_trips(r in Union::new(requests())) {
        let bytes = r.to_vec().unwrap();
        prop_assert_eq!(bytes.len(), r.encoded_len());
        let logons = logons_for(&r);
        let back = RopRequest::decode_exact_with(&bytes, &logons)
            .map_err(|e| TestCaseError::fail(format!("{e}: {r:?}")))?;
        prop_assert_eq!(&back, &r);
    }

    #[test]
    fn every_response_round_trips(r in Union::new(responses())) {
        let bytes = r.to_vec().unwrap();
        prop_assert_eq!(bytes.len(), r.encoded_len());
        let exp = expectation_for(&r);
        let tables = tables_for(&r);
        let ctx = ResponseContext {
            expected: exp.as_ref(),
            tables: Some(&tables),
            ..ResponseContext::default()
        };
        let back = RopResponse::decode_exact_with(&bytes, ctx)
            .map_err(|e| TestCaseError::fail(format!("{e}: {r:?}")))?;
        prop_assert_eq!(&back, &r);
    }

    #[test]
    fn request_buffers_round_trip(
        rops in vec(Union::new(requests()), 0..6),
        handles in vec(any::<u32>(), 0..6),
    ) {
        let rops: Vec<_> = rops
            .into_iter()
            .filter(|r| !matches!(r, RopRequest::WritePerUserInformation(_) | RopRequest::SetMessageReadFlag(_) | RopRequest::Logon(_)))
            .collect();
        let buf = RopRequestBuffer { rops, handles };
        let bytes = buf.to_vec().unwrap();
        prop_assert_eq!(bytes.len(), buf.encoded_len());
        let back = RopRequestBuffer::decode_exact(&bytes).unwrap();
        prop_assert_eq!(&back, &buf);
    }

    #[test]
    fn response_buffers_round_trip_with_their_expectations(
        rops in vec(Union::new(responses()), 0..6),
        handles in vec(any::<u32>(), 0..6),
    ) {
        // Notifications need the tables; BufferTooSmall ends the list.
        let rops: Vec<_> = rops
            .into_iter()
            .filter(|r| !matches!(r, RopResponse::Notify(_) | RopResponse::BufferTooSmall(_)))
            .collect();
        let expected: Vec<ResponseExpectation> = rops
            .iter()
            .filter(|r| !matches!(r, RopResponse::Pending(_) | RopResponse::Backoff(_)))
            .filter_map(expectation_for)
            .collect();
        let buf = RopResponseBuffer { rops, handles };
        let bytes = buf.to_vec().unwrap();
        prop_assert_eq!(bytes.len(), buf.encoded_len());
        let cx = ResponseBufferContext { expected: &expected, ..ResponseBufferContext::default() };
        let back = RopResponseBuffer::decode_exact_with(&bytes, cx)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&back, &buf);
    }
}

#[test]
fn every_request_and_response_variant_has_a_generator() {
    // One generator per RopId with a request (RopRequest::ROP_IDS) and at
    // least one per RopId with a response.
    assert_eq!(requests().len(), RopRequest::ROP_IDS.len());
    assert!(responses().len() >= RopResponse::ROP_IDS.len());
}

// ---------------------------------------------------------------------------
// Owned and borrowed rows: the same outcome.

/// A change to encoded bytes: none, one byte replaced, a truncation.
fn mutate(mut b: Vec<u8>, m: (u8, usize, u8)) -> Vec<u8> {
    let (kind, at, v) = m;
    match kind % 3 {
        0 => {}
        1 if !b.is_empty() => {
            let at = at % b.len();
            b[at] = v;
        }
        _ => b.truncate(at % (b.len() + 1)),
    }
    b
}

/// Owned and borrowed decodes of one buffer agree: the same error, or the
/// same defects and (borrowed rows made owned; compared by `Debug`, so NaNs
/// compare) the same responses.
fn buffers_agree(bytes: &[u8], expected: &[ResponseExpectation]) -> Result<(), TestCaseError> {
    for o in [
        msox_codec::Options::strict(),
        msox_codec::Options::lenient(),
    ] {
        let decode = |rows| {
            let cx = ResponseBufferContext {
                expected,
                rows,
                ..ResponseBufferContext::default()
            };
            RopResponseBuffer::decode_bytes_with(bytes, cx, &o)
        };
        let owned = decode(RowForm::Owned);
        let borrowed = decode(RowForm::Borrowed);
        match (&owned, &borrowed) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.defects, &b.defects);
                // the borrowed form writes back what the owned form writes
                prop_assert_eq!(a.value.to_vec().ok(), b.value.to_vec().ok());
                let made = b
                    .value
                    .clone()
                    .into_owned_rows()
                    .map_err(|e| TestCaseError::fail(format!("into_owned_rows: {e}")))?;
                prop_assert_eq!(format!("{:?}", a.value), format!("{made:?}"));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => {
                return Err(TestCaseError::fail(format!(
                    "{:?}: owned {:?}, borrowed {:?}",
                    o.mode,
                    a.as_ref().map(|d| &d.defects),
                    b.as_ref().map(|d| &d.defects)
                )));
            }
        }
    }
    Ok(())
}

/// The generators of the responses that carry rows (RopQueryRows,
/// RopFindRow, RopExpandRow, RopGetPropertiesSpecific).
fn row_responses() -> Vec<BoxedStrategy<RopResponse<'static>>> {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let gens: Vec<_> = responses()
        .into_iter()
        .filter(|s| {
            matches!(
                s.new_tree(&mut runner).unwrap().current(),
                RopResponse::QueryRows(_)
                    | RopResponse::FindRow(_)
                    | RopResponse::ExpandRow(_)
                    | RopResponse::GetPropertiesSpecific(_)
            )
        })
        .collect();
    assert_eq!(gens.len(), 4);
    gens
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn owned_and_borrowed_rows_decode_alike(
        rops in vec(prop_oneof![Union::new(responses()), Union::new(row_responses())], 0..6),
        handles in vec(any::<u32>(), 0..4),
        m in (any::<u8>(), any::<usize>(), any::<u8>()),
    ) {
        let rops: Vec<_> = rops
            .into_iter()
            .filter(|r| !matches!(r, RopResponse::Notify(_) | RopResponse::BufferTooSmall(_)))
            .collect();
        let expected: Vec<ResponseExpectation> = rops
            .iter()
            .filter(|r| !matches!(r, RopResponse::Pending(_) | RopResponse::Backoff(_)))
            .filter_map(expectation_for)
            .collect();
        let buf = RopResponseBuffer { rops, handles };
        let bytes = buf.to_vec().unwrap();
        if m.0 % 3 == 0 {
            // unchanged: the borrowed decode is the value, rows made owned
            let cx = ResponseBufferContext { expected: &expected, rows: RowForm::Borrowed, ..ResponseBufferContext::default() };
            let back = RopResponseBuffer::decode_exact_with(&bytes, cx)
                .map_err(|e| TestCaseError::fail(format!("{e}")))?;
            prop_assert_eq!(back.to_vec().unwrap(), bytes.clone());
            prop_assert_eq!(&back.into_owned_rows().unwrap(), &buf);
        }
        buffers_agree(&mutate(bytes, m), &expected)?;
    }

    #[test]
    fn single_row_responses_decode_alike_with_their_columns(
        r in Union::new(row_responses()),
        m in (any::<u8>(), any::<usize>(), any::<u8>()),
    ) {
        let columns = match &r {
            RopResponse::QueryRows(x) => x.rows.columns().map(<[_]>::to_vec),
            RopResponse::ExpandRow(x) => x.rows.columns().map(<[_]>::to_vec),
            RopResponse::GetPropertiesSpecific(x) => x.row.columns().map(<[_]>::to_vec),
            RopResponse::FindRow(x) => Some(x.row.as_ref().and_then(Row::columns).map(<[_]>::to_vec).unwrap_or_default()),
            _ => None,
        };
        let Some(columns) = columns else { return Ok(()) };
        // after the RopId
        let bytes = mutate(r.to_vec().unwrap()[1..].to_vec(), m);
        for o in [msox_codec::Options::strict(), msox_codec::Options::lenient()] {
            let c = &columns[..];
            macro_rules! alike {
                ($T:ty, $V:ident) => {{
                    let a = <$T>::decode_bytes_with(&bytes, c, &o);
                    let b = <$T>::decode_bytes_with(&bytes, (c, RowForm::Borrowed), &o);
                    match (a, b) {
                        (Ok(a), Ok(b)) => {
                            prop_assert_eq!(&a.defects, &b.defects);
                            let made = RopResponse::$V(b.value).into_owned_rows().unwrap();
                            prop_assert_eq!(format!("{:?}", RopResponse::$V(a.value)), format!("{made:?}"));
                        }
                        (Err(a), Err(b)) => prop_assert_eq!(a, b),
                        (a, b) => return Err(TestCaseError::fail(format!("owned {a:?}, borrowed {b:?}"))),
                    }
                }};
            }
            match &r {
                RopResponse::QueryRows(_) => alike!(RopQueryRowsResponse<'_>, QueryRows),
                RopResponse::ExpandRow(_) => alike!(RopExpandRowResponse<'_>, ExpandRow),
                RopResponse::FindRow(_) => alike!(RopFindRowResponse<'_>, FindRow),
                RopResponse::GetPropertiesSpecific(_) => alike!(RopGetPropertiesSpecificResponse<'_>, GetPropertiesSpecific),
                _ => {}
            }
        }
    }
}
