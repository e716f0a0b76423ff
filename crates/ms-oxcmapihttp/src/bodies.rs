//! [MS-OXCMAPIHTTP] 2.2.4 and 2.2.5: the request and response bodies of
//! every request type of the mailbox server endpoint (EMSMDB) and the
//! address book server endpoint (NSPI).
//!
//! A response body starts with StatusCode: 0 is a success body, anything
//! else a failure body (StatusCode, AuxiliaryBufferSize,
//! AuxiliaryBuffer), so each response is a [`Response`] of its success
//! body. Success body types here hold the fields after StatusCode.

use ms_dtyp::Guid;
use ms_oxcdata::{ErrorCode, PropertyTag, Restriction};
use ms_oxnspi::Stat;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result, String8, Utf16String};

use crate::fields::*;
use crate::values::{
    AddressBookPropertyValueList, AddressBookTaggedPropertyValue, ColumnsAndRows,
    LargePropertyTagArray,
};

macro_rules! body {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($spec:literal) {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty = $kind:ident,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }

        impl<'a> Decode<'a> for $name {
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                r.frame($spec, |r| {
                    Ok($name {
                        $(
                            $field: <$kind as Kind<$ty>>::read(r)?,
                        )*
                    })
                })
            }
        }

        impl Encode for $name {
            fn encoded_len(&self) -> usize {
                0 $(+ <$kind as Kind<$ty>>::len(&self.$field))*
            }
            fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                $(
                    <$kind as Kind<$ty>>::write(&self.$field, buf)?;
                )*
                Ok(())
            }
        }
    };
}

/// [MS-OXCMAPIHTTP] 2.2.4.x.3 / 2.2.5.x.3 a failure response body:
/// StatusCode (nonzero), AuxiliaryBufferSize, AuxiliaryBuffer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FailureResponse {
    /// StatusCode.
    pub status_code: u32,
    /// AuxiliaryBuffer.
    pub auxiliary_buffer: Vec<u8>,
}

/// A response body: the success body (StatusCode 0) or a failure body.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Response<T> {
    /// StatusCode 0, then the success fields.
    Success(T),
    /// StatusCode nonzero.
    Failure(FailureResponse),
}

impl<'a, T: Decode<'a>> Decode<'a> for Response<T> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let status_code = r.u32()?;
        if status_code == 0 {
            return T::decode(r).map(Response::Success);
        }
        r.frame("FailureResponseBody", |r| {
            let auxiliary_buffer = <Aux as Kind<Vec<u8>>>::read(r)?;
            Ok(Response::Failure(FailureResponse {
                status_code,
                auxiliary_buffer,
            }))
        })
    }
}

impl<T: Encode> Encode for Response<T> {
    fn encoded_len(&self) -> usize {
        4 + match self {
            Response::Success(t) => t.encoded_len(),
            Response::Failure(f) => 4 + f.auxiliary_buffer.len(),
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            Response::Success(t) => {
                buf.put_u32_le(0);
                t.encode(buf)
            }
            Response::Failure(f) => {
                if f.status_code == 0 {
                    return Err(msox_codec::Error::new(
                        msox_codec::ErrorKind::InvalidValue {
                            field: "StatusCode",
                            value: 0,
                        },
                    ));
                }
                buf.put_u32_le(f.status_code);
                <Aux as Kind<Vec<u8>>>::write(&f.auxiliary_buffer, buf)
            }
        }
    }
}

impl<T> Response<T> {
    /// The success body, if this is one.
    pub fn success(&self) -> Option<&T> {
        match self {
            Response::Success(t) => Some(t),
            Response::Failure(_) => None,
        }
    }
}

// ---------------------------------------------------------------------------
// 2.2.4 mailbox server endpoint (EMSMDB)

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.1.1 Connect Request Type Request Body.
    pub struct ConnectRequest ("ConnectRequestBody") {
        /// UserDn: the user's DN (null-terminated ASCII).
        pub user_dn: String8 = String8Field,
        /// Flags.
        pub flags: u32 = U32,
        /// DefaultCodePage.
        pub default_code_page: u32 = U32,
        /// LcidSort.
        pub lcid_sort: u32 = U32,
        /// LcidString.
        pub lcid_string: u32 = U32,
        /// AuxiliaryBuffer (decode with ms-oxcrpc).
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.1.2 Connect Request Type Success Response Body
    /// (after StatusCode).
    pub struct ConnectSuccess ("ConnectResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// PollsMax.
        pub polls_max: u32 = U32,
        /// RetryCount.
        pub retry_count: u32 = U32,
        /// RetryDelay.
        pub retry_delay: u32 = U32,
        /// DnPrefix (null-terminated ASCII).
        pub dn_prefix: String8 = String8Field,
        /// DisplayName (null-terminated UTF-16).
        pub display_name: Utf16String = WString,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.2.1 Execute Request Type Request Body. The
    /// RopBuffer ([MS-OXCRPC] RPC_HEADER_EXT and ROPs) is kept as bytes for
    /// ms-oxcrpc / ms-oxcrops to decode.
    pub struct ExecuteRequest ("ExecuteRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// RopBuffer.
        pub rop_buffer: Vec<u8> = RopBuffer,
        /// MaxRopOut.
        pub max_rop_out: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.2.2 Execute Request Type Success Response Body
    /// (after StatusCode); RopBuffer kept as bytes.
    pub struct ExecuteSuccess ("ExecuteResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// Flags.
        pub flags: u32 = U32,
        /// RopBuffer.
        pub rop_buffer: Vec<u8> = RopBuffer,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.3.1 Disconnect Request Type Request Body.
    pub struct DisconnectRequest ("DisconnectRequestBody") {
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.3.2 Disconnect Request Type Success Response
    /// Body (after StatusCode).
    pub struct DisconnectSuccess ("DisconnectResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.4.1 NotificationWait Request Type Request Body.
    pub struct NotificationWaitRequest ("NotificationWaitRequestBody") {
        /// Flags (reserved).
        pub flags: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.4.4.2 NotificationWait Request Type Success
    /// Response Body (after StatusCode).
    pub struct NotificationWaitSuccess ("NotificationWaitResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// EventPending: nonzero when an event is pending.
        pub event_pending: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

// ---------------------------------------------------------------------------
// 2.2.5 address book server endpoint (NSPI)

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.1.1 Bind Request Type Request Body.
    pub struct BindRequest ("BindRequestBody") {
        /// Flags (fAnonymousLogin 0x20).
        pub flags: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.1.2 Bind Request Type Response Body (after StatusCode).
    pub struct BindSuccess ("BindResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// ServerGuid.
        pub server_guid: Guid = GuidField,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.2.1 Unbind Request Type Request Body.
    pub struct UnbindRequest ("UnbindRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.2.2 Unbind Request Type Success Response Body.
    pub struct UnbindSuccess ("UnbindResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.3.1 CompareMinIds Request Type Request Body.
    pub struct CompareMinIdsRequest ("CompareMinIdsRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// MinimalId1.
        pub minimal_id1: u32 = U32,
        /// MinimalId2.
        pub minimal_id2: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.3.2 CompareMinIds Request Type Success Response Body.
    pub struct CompareMinIdsSuccess ("CompareMinIdsResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// Result: negative, zero or positive.
        pub result: i32 = I32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.4.1 DnToMinId Request Type Request Body.
    pub struct DnToMinIdRequest ("DnToMinIdRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasNames, Names (a StringArray_r: count, null-terminated ASCII DNs).
        pub names: Option<Vec<String8>> = OptStrings8,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.4.2 DnToMinId Request Type Success Response Body.
    pub struct DnToMinIdSuccess ("DnToMinIdResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.5.1 GetMatches Request Type Request Body.
    pub struct GetMatchesRequest ("GetMatchesRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// InterfaceOptionFlags.
        pub interface_option_flags: u32 = U32,
        /// HasFilter, Filter ([MS-OXCDATA] 2.12, 32-bit counts).
        pub filter: Option<Restriction> = OptFilter,
        /// HasPropertyName, PropertyNameGuid, PropertyNameId.
        pub property_name: Option<(Guid, u32)> = OptPropName,
        /// RowCount.
        pub row_count: u32 = U32,
        /// HasColumns, Columns.
        pub columns: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.5.2 GetMatches Request Type Success Response Body.
    pub struct GetMatchesSuccess ("GetMatchesResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// HasColumnsAndRows, Columns, RowCount, RowData.
        pub columns_and_rows: Option<ColumnsAndRows> = OptRows,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.6.1 GetPropList Request Type Request Body.
    pub struct GetPropListRequest ("GetPropListRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// MinimalId.
        pub minimal_id: u32 = U32,
        /// CodePage.
        pub code_page: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.6.2 GetPropList Request Type Success Response Body.
    pub struct GetPropListSuccess ("GetPropListResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasPropertyTags, PropertyTags.
        pub property_tags: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.7.1 GetProps Request Type Request Body.
    pub struct GetPropsRequest ("GetPropsRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasPropertyTags, PropertyTags.
        pub property_tags: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.7.2 GetProps Request Type Success Response Body.
    pub struct GetPropsSuccess ("GetPropsResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// CodePage.
        pub code_page: u32 = U32,
        /// HasPropertyValues, PropertyValues.
        pub property_values: Option<AddressBookPropertyValueList> = OptValues,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.8.1 GetSpecialTable Request Type Request Body.
    pub struct GetSpecialTableRequest ("GetSpecialTableRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasVersion, Version.
        pub version: Option<u32> = OptU32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.8.2 GetSpecialTable Request Type Success Response Body.
    pub struct GetSpecialTableSuccess ("GetSpecialTableResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// CodePage.
        pub code_page: u32 = U32,
        /// HasVersion, Version.
        pub version: Option<u32> = OptU32,
        /// HasRows, RowCount, Rows.
        pub rows: Option<Vec<AddressBookPropertyValueList>> = OptSpecialRows,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.9.1 GetTemplateInfo Request Type Request Body.
    pub struct GetTemplateInfoRequest ("GetTemplateInfoRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// DisplayType.
        pub display_type: u32 = U32,
        /// HasTemplateDn, TemplateDn (null-terminated ASCII).
        pub template_dn: Option<String8> = OptString8,
        /// CodePage.
        pub code_page: u32 = U32,
        /// LocaleId.
        pub locale_id: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.9.2 GetTemplateInfo Request Type Success Response Body.
    pub struct GetTemplateInfoSuccess ("GetTemplateInfoResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// CodePage.
        pub code_page: u32 = U32,
        /// HasRow, Row.
        pub row: Option<AddressBookPropertyValueList> = OptValues,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.10.1 ModLinkAtt Request Type Request Body.
    pub struct ModLinkAttRequest ("ModLinkAttRequestBody") {
        /// Flags (fDelete).
        pub flags: u32 = U32,
        /// PropertyTag.
        pub property_tag: PropertyTag = Tag,
        /// MinimalId.
        pub minimal_id: u32 = U32,
        /// HasEntryIds, EntryIdCount, EntryIds (each a 32-bit count and bytes).
        pub entry_ids: Option<Vec<Vec<u8>>> = OptEntryIds,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.10.2 ModLinkAtt Request Type Success Response Body.
    pub struct ModLinkAttSuccess ("ModLinkAttResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.11.1 ModProps Request Type Request Body.
    pub struct ModPropsRequest ("ModPropsRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasPropertyTagsToRemove, PropertyTagsToRemove.
        pub property_tags_to_remove: Option<LargePropertyTagArray> = OptTags,
        /// HasPropertyValues, PropertyValues.
        pub property_values: Option<AddressBookPropertyValueList> = OptValues,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.11.2 ModProps Request Type Success Response Body.
    pub struct ModPropsSuccess ("ModPropsResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.12.1 QueryRows Request Type Request Body.
    pub struct QueryRowsRequest ("QueryRowsRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// ExplicitTableCount, ExplicitTable (MIds).
        pub explicit_table: Vec<u32> = Mids,
        /// RowCount.
        pub row_count: u32 = U32,
        /// HasColumns, Columns.
        pub columns: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.12.2 QueryRows Request Type Success Response Body.
    pub struct QueryRowsSuccess ("QueryRowsResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasColumnsAndRows, Columns, RowCount, RowData.
        pub columns_and_rows: Option<ColumnsAndRows> = OptRows,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.13.1 QueryColumns Request Type Request Body.
    pub struct QueryColumnsRequest ("QueryColumnsRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// MapiFlags (NspiUnicodeProptypes).
        pub mapi_flags: u32 = U32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.13.2 QueryColumns Request Type Success Response Body.
    pub struct QueryColumnsSuccess ("QueryColumnsResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasColumns, Columns.
        pub columns: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.14.1 ResolveNames Request Type Request Body.
    pub struct ResolveNamesRequest ("ResolveNamesRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasPropertyTags, PropertyTags.
        pub property_tags: Option<LargePropertyTagArray> = OptTags,
        /// HasNames, Names (a WStringsArray_r: count, null-terminated UTF-16 names).
        pub names: Option<Vec<Utf16String>> = OptWStrings,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.14.2 ResolveNames Request Type Success Response Body.
    pub struct ResolveNamesSuccess ("ResolveNamesResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// CodePage.
        pub code_page: u32 = U32,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// HasRowsAndColumns, PropertyTags, RowCount, RowData.
        pub columns_and_rows: Option<ColumnsAndRows> = OptRows,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.15.1 ResortRestriction Request Type Request Body.
    pub struct ResortRestrictionRequest ("ResortRestrictionRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.15.2 ResortRestriction Request Type Success Response Body.
    pub struct ResortRestrictionSuccess ("ResortRestrictionResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasMinimalIds, MinimalIdCount, MinimalIds.
        pub minimal_ids: Option<Vec<u32>> = OptMids,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.16.1 SeekEntries Request Type Request Body.
    pub struct SeekEntriesRequest ("SeekEntriesRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasTarget, Target.
        pub target: Option<AddressBookTaggedPropertyValue> = OptTarget,
        /// HasExplicitTable, ExplicitTableCount, ExplicitTable.
        pub explicit_table: Option<Vec<u32>> = OptMids,
        /// HasColumns, Columns.
        pub columns: Option<LargePropertyTagArray> = OptTags,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.16.2 SeekEntries Request Type Success Response Body.
    pub struct SeekEntriesSuccess ("SeekEntriesResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasColumnsAndRows, Columns, RowCount, RowData.
        pub columns_and_rows: Option<ColumnsAndRows> = OptRows,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.17.1 UpdateStat Request Type Request Body.
    pub struct UpdateStatRequest ("UpdateStatRequestBody") {
        /// Reserved.
        pub reserved: u32 = U32,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// DeltaRequested (a Boolean byte, kept as read).
        pub delta_requested: u8 = U8,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.17.2 UpdateStat Request Type Success Response Body.
    pub struct UpdateStatSuccess ("UpdateStatResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// HasState, State.
        pub state: Option<Stat> = OptStat,
        /// HasDelta, Delta.
        pub delta: Option<i32> = OptI32,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.18.1 GetMailboxUrl Request Type Request Body.
    pub struct GetMailboxUrlRequest ("GetMailboxUrlRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// ServerDn (null-terminated UTF-16).
        pub server_dn: Utf16String = WString,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.18.2 GetMailboxUrl Request Type Success Response Body.
    pub struct GetMailboxUrlSuccess ("GetMailboxUrlResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// ServerUrl (null-terminated UTF-16).
        pub server_url: Utf16String = WString,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.19.1 GetAddressBookUrl Request Type Request Body.
    pub struct GetAddressBookUrlRequest ("GetAddressBookUrlRequestBody") {
        /// Flags.
        pub flags: u32 = U32,
        /// UserDn (null-terminated UTF-16).
        pub user_dn: Utf16String = WString,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

body! {
    /// [MS-OXCMAPIHTTP] 2.2.5.19.2 GetAddressBookUrl Request Type Success Response Body.
    pub struct GetAddressBookUrlSuccess ("GetAddressBookUrlResponseBody") {
        /// ErrorCode.
        pub error_code: ErrorCode = Code,
        /// ServerUrl (null-terminated UTF-16).
        pub server_url: Utf16String = WString,
        /// AuxiliaryBuffer.
        pub auxiliary_buffer: Vec<u8> = Aux,
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.1.2 / 2.2.4.1.3 the Connect response body.
pub type ConnectResponse = Response<ConnectSuccess>;
/// 2.2.4.2.2 / 2.2.4.2.3 the Execute response body.
pub type ExecuteResponse = Response<ExecuteSuccess>;
/// 2.2.4.3.2 / 2.2.4.3.3 the Disconnect response body.
pub type DisconnectResponse = Response<DisconnectSuccess>;
/// 2.2.4.4.2 / 2.2.4.4.3 the NotificationWait response body.
pub type NotificationWaitResponse = Response<NotificationWaitSuccess>;
/// 2.2.5.1.2 / 2.2.5.1.3 the Bind response body.
pub type BindResponse = Response<BindSuccess>;
/// 2.2.5.2.2 / 2.2.5.2.3 the Unbind response body.
pub type UnbindResponse = Response<UnbindSuccess>;
/// 2.2.5.3.2 / 2.2.5.3.3 the CompareMinIds response body.
pub type CompareMinIdsResponse = Response<CompareMinIdsSuccess>;
/// 2.2.5.4.2 / 2.2.5.4.3 the DnToMinId response body.
pub type DnToMinIdResponse = Response<DnToMinIdSuccess>;
/// 2.2.5.5.2 / 2.2.5.5.3 the GetMatches response body.
pub type GetMatchesResponse = Response<GetMatchesSuccess>;
/// 2.2.5.6.2 / 2.2.5.6.3 the GetPropList response body.
pub type GetPropListResponse = Response<GetPropListSuccess>;
/// 2.2.5.7.2 / 2.2.5.7.3 the GetProps response body.
pub type GetPropsResponse = Response<GetPropsSuccess>;
/// 2.2.5.8.2 / 2.2.5.8.3 the GetSpecialTable response body.
pub type GetSpecialTableResponse = Response<GetSpecialTableSuccess>;
/// 2.2.5.9.2 / 2.2.5.9.3 the GetTemplateInfo response body.
pub type GetTemplateInfoResponse = Response<GetTemplateInfoSuccess>;
/// 2.2.5.10.2 / 2.2.5.10.3 the ModLinkAtt response body.
pub type ModLinkAttResponse = Response<ModLinkAttSuccess>;
/// 2.2.5.11.2 / 2.2.5.11.3 the ModProps response body.
pub type ModPropsResponse = Response<ModPropsSuccess>;
/// 2.2.5.12.2 / 2.2.5.12.3 the QueryRows response body.
pub type QueryRowsResponse = Response<QueryRowsSuccess>;
/// 2.2.5.13.2 / 2.2.5.13.3 the QueryColumns response body.
pub type QueryColumnsResponse = Response<QueryColumnsSuccess>;
/// 2.2.5.14.2 / 2.2.5.14.3 the ResolveNames response body.
pub type ResolveNamesResponse = Response<ResolveNamesSuccess>;
/// 2.2.5.15.2 / 2.2.5.15.3 the ResortRestriction response body.
pub type ResortRestrictionResponse = Response<ResortRestrictionSuccess>;
/// 2.2.5.16.2 / 2.2.5.16.3 the SeekEntries response body.
pub type SeekEntriesResponse = Response<SeekEntriesSuccess>;
/// 2.2.5.17.2 / 2.2.5.17.3 the UpdateStat response body.
pub type UpdateStatResponse = Response<UpdateStatSuccess>;
/// 2.2.5.18.2 / 2.2.5.18.3 the GetMailboxUrl response body.
pub type GetMailboxUrlResponse = Response<GetMailboxUrlSuccess>;
/// 2.2.5.19.2 / 2.2.5.19.3 the GetAddressBookUrl response body.
pub type GetAddressBookUrlResponse = Response<GetAddressBookUrlSuccess>;
