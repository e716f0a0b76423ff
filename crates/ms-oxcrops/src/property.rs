//! [MS-OXCROPS] 2.2.8 Property ROPs (field semantics in [MS-OXCPRPT] 2.2).

use ms_dtyp::Guid;
use ms_oxcdata::{
    PropertyName, PropertyNameEntry, PropertyProblemArray, PropertyRow, PropertyTag, TaggedValue,
};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, DecodeWith, Encode, Reader, Result};

use crate::codec::{
    Plain, TAGGED_VALUES, TAGS, Tags, counted, list16, nz, opt, rop_struct, sized16,
};
use crate::context::{Cx, RowForm};
use crate::folder::NULL_DESTINATION_OBJECT;
use crate::logon::HandleRequest;
use crate::rop::RopResponse;
use crate::rop_id::RopId;
use crate::table::Row;

msox_codec::wire_flags! {
    /// [MS-OXCPRPT] 2.2.12.1 Flags of RopGetPropertyIdsFromNames.
    pub struct GetPropertyIdsFlags: u8 {
        /// Create: map names that have no ID yet.
        const CREATE = 0x02 => "Create";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCPRPT] 2.2.13.1 QueryFlags of RopQueryNamedProperties.
    pub struct QueryFlags: u8 {
        /// NoStrings: leave out names that are strings.
        const NO_STRINGS = 0x01 => "NoStrings";
        /// NoIds: leave out names that are LIDs.
        const NO_IDS = 0x02 => "NoIds";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCPRPT] 2.2.7.1 / 2.2.8.1 CopyFlags of RopCopyProperties and RopCopyTo.
    pub struct CopyFlags: u8 {
        /// Move: move the properties (else copy).
        const MOVE = 0x01 => "Move";
        /// NoOverwrite: keep values the destination already has.
        const NO_OVERWRITE = 0x02 => "NoOverwrite";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.1.1 RopGetPropertyIdsFromNames ROP Request Buffer.
    pub struct RopGetPropertyIdsFromNamesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// Flags ([MS-OXCPRPT] 2.2.12.1).
        pub flags: GetPropertyIdsFlags,
        /// PropertyNames after their 2-byte PropertyNameCount
        /// ([MS-OXCDATA] 2.6.1).
        pub property_names: Vec<PropertyName> => list16("PropertyNameCount", 18, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.1.2 RopGetPropertyIdsFromNames ROP Success Response Buffer.
    pub struct RopGetPropertyIdsFromNamesResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyIds after their 2-byte PropertyIdCount: one ID per
        /// name of the request (0 for a name without one).
        pub property_ids: Vec<u16> => list16("PropertyIdCount", 2, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.2.1 RopGetNamesFromPropertyIds ROP Request Buffer.
    pub struct RopGetNamesFromPropertyIdsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// PropertyIds after their 2-byte PropertyIdCount.
        pub property_ids: Vec<u16> => list16("PropertyIdCount", 2, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.2.2 RopGetNamesFromPropertyIds ROP Success Response Buffer.
    pub struct RopGetNamesFromPropertyIdsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyNames after their 2-byte PropertyNameCount: one per ID
        /// of the request ([MS-OXCDATA] 2.6.1; Kind 0xFF for an ID without
        /// a name).
        pub property_names: Vec<PropertyNameEntry> => list16("PropertyNameCount", 17, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.3.1 RopGetPropertiesSpecific ROP Request Buffer.
    pub struct RopGetPropertiesSpecificRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// PropertySizeLimit: the largest value to return (0: no limit).
        pub property_size_limit: u16,
        /// WantUnicode: nonzero for Unicode strings (PtypUnspecified tags).
        pub want_unicode: u16,
        /// PropertyTags after their 2-byte PropertyTagCount.
        pub property_tags: Tags => TAGS,
    }
}

/// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific ROP Success Response
/// Buffer: a PropertyRow ([MS-OXCDATA] 2.8.1) laid out by the request's
/// tags (from the [`crate::ResponseContext`]); without them the row is
/// kept as bytes to the end of the ROP list ([`Row::Undecoded`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopGetPropertiesSpecificResponse<'a> {
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// RowData: the values of the requested properties.
    pub row: Row<'a>,
}

impl<'a> RopGetPropertiesSpecificResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        Self::read_with(
            r,
            cx.response.columns(RopId::GetPropertiesSpecific),
            cx.response.rows,
        )
    }

    fn read_with(
        r: &mut Reader<'a>,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
    ) -> Result<Self> {
        let input_handle_index = r.u8()?;
        crate::codec::read_success(r)?;
        let row = r.frame("RowData", |r| {
            Row::read(r, columns, form, "RopGetPropertiesSpecific response")
        })?;
        Ok(RopGetPropertiesSpecificResponse {
            input_handle_index,
            row,
        })
    }

    /// The response for `tags` with `row` (a success response).
    pub fn new(input_handle_index: u8, tags: Vec<PropertyTag>, row: PropertyRow) -> Self {
        RopGetPropertiesSpecificResponse {
            input_handle_index,
            row: Row::Decoded { columns: tags, row },
        }
    }
}

/// A RopGetPropertiesSpecific success response (after its RopId) with the
/// tags of its request, the row owned.
impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for RopGetPropertiesSpecificResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, tags: &'c [PropertyTag]) -> Result<Self> {
        Self::read_with(r, Some(tags), RowForm::Owned)
    }
}

/// A RopGetPropertiesSpecific success response (after its RopId) with the
/// tags of its request, the row in the given form.
impl<'a, 'c> DecodeWith<'a, (&'c [PropertyTag], RowForm)> for RopGetPropertiesSpecificResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, (tags, form): (&'c [PropertyTag], RowForm)) -> Result<Self> {
        Self::read_with(r, Some(tags), form)
    }
}

impl Encode for RopGetPropertiesSpecificResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4 + self.row.wire_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.input_handle_index);
        buf.put_u32_le(0);
        self.row.write(buf)
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.4.1 RopGetPropertiesAll ROP Request Buffer.
    pub struct RopGetPropertiesAllRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// PropertySizeLimit: the largest value to return (0: no limit).
        pub property_size_limit: u16,
        /// WantUnicode: nonzero for Unicode strings.
        pub want_unicode: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.4.2 RopGetPropertiesAll ROP Success Response Buffer.
    pub struct RopGetPropertiesAllResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyValues after their 2-byte PropertyValueCount
        /// ([MS-OXCDATA] 2.11.4).
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

/// [MS-OXCROPS] 2.2.8.5.1 RopGetPropertiesList ROP Request Buffer.
pub type RopGetPropertiesListRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.6.1 RopSetProperties ROP Request Buffer (also
    /// 2.2.8.7.1 RopSetPropertiesNoReplicate).
    pub struct RopSetPropertiesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// PropertyValues after PropertyValueSize (2 bytes: the size of
        /// PropertyValueCount and PropertyValues) and PropertyValueCount.
        pub property_values: Vec<TaggedValue> => sized16("PropertyValueSize", TAGGED_VALUES),
    }
}

/// [MS-OXCROPS] 2.2.8.7.1 RopSetPropertiesNoReplicate ROP Request Buffer.
pub type RopSetPropertiesNoReplicateRequest = RopSetPropertiesRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.6.2 RopSetProperties ROP Success Response Buffer
    /// (also 2.2.8.7.2 RopSetPropertiesNoReplicate, 2.2.8.8.2
    /// RopDeleteProperties and 2.2.8.9.2 RopDeletePropertiesNoReplicate).
    pub struct PropertyProblemsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyProblemCount and PropertyProblems ([MS-OXCDATA] 2.7).
        pub property_problems: PropertyProblemArray,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.8.1 RopDeleteProperties ROP Request Buffer (also
    /// 2.2.8.9.1 RopDeletePropertiesNoReplicate).
    pub struct RopDeletePropertiesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// PropertyTags after their 2-byte PropertyTagCount.
        pub property_tags: Tags => TAGS,
    }
}

/// [MS-OXCROPS] 2.2.8.9.1 RopDeletePropertiesNoReplicate ROP Request Buffer.
pub type RopDeletePropertiesNoReplicateRequest = RopDeletePropertiesRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.10.1 RopQueryNamedProperties ROP Request Buffer.
    pub struct RopQueryNamedPropertiesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// QueryFlags ([MS-OXCPRPT] 2.2.13.1).
        pub query_flags: QueryFlags,
        /// HasGuid: nonzero when PropertyGuid follows.
        pub has_guid: u8,
        /// PropertyGuid: only names of this property set (present when
        /// HasGuid is nonzero).
        pub property_guid: Option<Guid> => opt(nz(has_guid), "PropertyGuid", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.10.2 RopQueryNamedProperties ROP Success Response Buffer.
    pub struct RopQueryNamedPropertiesResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyIds after the 2-byte IdCount.
        pub property_ids: Vec<u16> => list16("IdCount", 2, Plain),
        /// PropertyNames: one per ID, in the same order ([MS-OXCDATA] 2.6.1).
        pub property_names: Vec<PropertyName> => counted(property_ids.len(), "PropertyNames", 18, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.11.1 RopCopyProperties ROP Request Buffer.
    pub struct RopCopyPropertiesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source object.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination object.
        pub dest_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// CopyFlags ([MS-OXCPRPT] 2.2.7.1).
        pub copy_flags: CopyFlags,
        /// PropertyTags after their 2-byte PropertyTagCount.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.11.2 RopCopyProperties ROP Success Response
    /// Buffer (also 2.2.8.12.2 RopCopyTo).
    pub struct CopyPropertiesResponse {
        /// SourceHandleIndex.
        pub source_handle_index: u8,
        @success
        /// PropertyProblemCount and PropertyProblems ([MS-OXCDATA] 2.7).
        pub property_problems: PropertyProblemArray,
    }
}

/// [MS-OXCROPS] 2.2.8.11.3 RopCopyProperties ROP Null Destination Failure
/// Response Buffer (also 2.2.8.12.3 RopCopyTo): ReturnValue
/// [`NULL_DESTINATION_OBJECT`] and the request's DestHandleIndex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NullDestinationFailureResponse {
    /// SourceHandleIndex.
    pub source_handle_index: u8,
    /// DestHandleIndex (4 bytes).
    pub dest_handle_index: u32,
}

impl<'a> Decode<'a> for NullDestinationFailureResponse {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let source_handle_index = r.u8()?;
        let at = r.pos();
        let rv = r.u32()?;
        if rv != NULL_DESTINATION_OBJECT {
            return Err(r.invalid_at("ReturnValue", u64::from(rv), at));
        }
        let dest_handle_index = r.u32()?;
        Ok(NullDestinationFailureResponse {
            source_handle_index,
            dest_handle_index,
        })
    }
}

impl Encode for NullDestinationFailureResponse {
    fn encoded_len(&self) -> usize {
        9
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.source_handle_index);
        buf.put_u32_le(NULL_DESTINATION_OBJECT);
        buf.put_u32_le(self.dest_handle_index);
        Ok(())
    }
}

fn peek_return_value(r: &Reader<'_>) -> Result<u32> {
    let b = r.peek(5)?;
    Ok(b.get(1..5)
        .and_then(|x| <[u8; 4]>::try_from(x).ok())
        .map_or(0, u32::from_le_bytes))
}

/// Reads a RopCopyProperties or RopCopyTo response in the form its
/// ReturnValue selects.
fn read_copy<'a>(
    r: &mut Reader<'a>,
    id: RopId,
    success: fn(CopyPropertiesResponse) -> RopResponse<'a>,
    null: fn(NullDestinationFailureResponse) -> RopResponse<'a>,
) -> Result<RopResponse<'a>> {
    match peek_return_value(r)? {
        0 => CopyPropertiesResponse::decode(r).map(success),
        NULL_DESTINATION_OBJECT => NullDestinationFailureResponse::decode(r).map(null),
        _ => crate::rop::read_failure(r, id),
    }
}

pub(crate) fn read_copy_properties<'a>(
    r: &mut Reader<'a>,
    _cx: &Cx<'_>,
) -> Result<RopResponse<'a>> {
    read_copy(
        r,
        RopId::CopyProperties,
        RopResponse::CopyProperties,
        RopResponse::CopyPropertiesNullDestination,
    )
}

pub(crate) fn read_copy_to<'a>(r: &mut Reader<'a>, _cx: &Cx<'_>) -> Result<RopResponse<'a>> {
    read_copy(
        r,
        RopId::CopyTo,
        RopResponse::CopyTo,
        RopResponse::CopyToNullDestination,
    )
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.12.1 RopCopyTo ROP Request Buffer.
    pub struct RopCopyToRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source object.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination object.
        pub dest_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// WantSubObjects: nonzero to copy subobjects too.
        pub want_sub_objects: u8,
        /// CopyFlags ([MS-OXCPRPT] 2.2.8.1).
        pub copy_flags: CopyFlags,
        /// ExcludedTags after their 2-byte ExcludedTagCount.
        pub excluded_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.13.1 RopProgress ROP Request Buffer.
    pub struct RopProgressRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object of the asynchronous operation.
        pub input_handle_index: u8,
        /// WantCancel: nonzero to cancel the operation.
        pub want_cancel: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.8.13.2 RopProgress ROP Success Response Buffer.
    pub struct RopProgressResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// LogonId: the request's LogonId.
        pub logon_id: u8,
        /// CompletedTaskCount: tasks done.
        pub completed_task_count: u32,
        /// TotalTaskCount: tasks in all.
        pub total_task_count: u32,
    }
}
