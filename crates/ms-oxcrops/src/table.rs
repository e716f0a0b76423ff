//! [MS-OXCROPS] 2.2.5 Table ROPs (field semantics in [MS-OXCTABL] 2.2.2).

use std::borrow::Cow;

use ms_oxcdata::{
    PropertyRow, PropertyRowRef, PropertyTag, Restriction, RowContext, RowReader, SortOrderSet,
};
use msox_codec::bytes::BufMut;
use msox_codec::{DecodeWith, Encode, Error, ErrorKind, Reader, Result};

use crate::codec::{Bytes, MaybeRestriction, TAGS, Tags, rop_struct, sized16};
use crate::context::{Cx, RowForm};
use crate::logon::HandleRequest;
use crate::rop_id::RopId;

msox_codec::wire_flags! {
    /// [MS-OXCTABL] 2.2.2.1.4 Asynchronous Flags, as the SetColumnsFlags
    /// of RopSetColumns.
    pub struct SetColumnsFlags: u8 {
        /// TBL_ASYNC: the server may run the ROP asynchronously.
        const TBL_ASYNC = 0x01 => "TBL_ASYNC";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCTABL] 2.2.2.1.4 Asynchronous Flags, as the RestrictFlags of
    /// RopRestrict.
    pub struct RestrictFlags: u8 {
        /// TBL_ASYNC: the server may run the ROP asynchronously.
        const TBL_ASYNC = 0x01 => "TBL_ASYNC";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCTABL] 2.2.2.3.1 SortTableFlags of RopSortTable.
    pub struct SortTableFlags: u8 {
        /// TBL_ASYNC: the server may sort asynchronously.
        const TBL_ASYNC = 0x01 => "TBL_ASYNC";
        /// TBL_BATCH: the server may defer the sort until it is needed.
        const TBL_BATCH = 0x02 => "TBL_BATCH";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCTABL] 2.2.2.5.1 QueryRowsFlags of RopQueryRows (0x00:
    /// Advance).
    pub struct QueryRowsFlags: u8 {
        /// NoAdvance: do not move the cursor.
        const NO_ADVANCE = 0x01 => "NoAdvance";
        /// EnablePackedBuffers: the response may be split over packed buffers.
        const ENABLE_PACKED_BUFFERS = 0x02 => "EnablePackedBuffers";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCTABL] 2.2.2.14.1 FindRowFlags of RopFindRow (0x00: forwards).
    pub struct FindRowFlags: u8 {
        /// Backwards: find backwards.
        const BACKWARDS = 0x01 => "Backwards";
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCTABL] 2.2.2.1.1 Predefined Bookmarks and 2.2.2.1.2 Custom
    /// Bookmarks: the Origin of RopSeekRow, RopFindRow and the RopQueryRows
    /// response.
    pub enum Bookmark: u8 {
        /// The beginning of the table (the first row).
        Beginning = 0x00 => "BOOKMARK_BEGINNING",
        /// The current row.
        Current = 0x01 => "BOOKMARK_CURRENT",
        /// The end of the table (after the last row).
        End = 0x02 => "BOOKMARK_END",
        /// A custom bookmark (RopFindRow: the Bookmark field).
        Custom = 0x03 => "BOOKMARK_CUSTOM",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCTABL] 2.2.2.1.3 TableStatus.
    pub enum TableStatus: u8 {
        /// No operation in progress.
        Complete = 0x00 => "TBLSTAT_COMPLETE",
        /// A RopSortTable is in progress.
        Sorting = 0x09 => "TBLSTAT_SORTING",
        /// A RopSortTable failed.
        SortError = 0x0A => "TBLSTAT_SORT_ERROR",
        /// A RopSetColumns is in progress.
        SettingCols = 0x0B => "TBLSTAT_SETTING_COLS",
        /// A RopSetColumns failed.
        SetColError = 0x0D => "TBLSTAT_SETCOL_ERROR",
        /// A RopRestrict is in progress.
        Restricting = 0x0E => "TBLSTAT_RESTRICTING",
        /// A RopRestrict failed.
        RestrictError = 0x0F => "TBLSTAT_RESTRICT_ERROR",
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.1.1 RopSetColumns ROP Request Buffer.
    pub struct RopSetColumnsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// SetColumnsFlags ([MS-OXCTABL] 2.2.2.2.1).
        pub set_columns_flags: SetColumnsFlags,
        /// PropertyTags after their 2-byte PropertyTagCount: the columns.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.1.2 / 2.2.5.2.2 / 2.2.5.3.2 / 2.2.5.5.2 /
    /// 2.2.5.6.2 the success response of RopSetColumns, RopSortTable,
    /// RopRestrict, RopAbort and RopGetStatus: the TableStatus.
    pub struct TableStatusResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// TableStatus ([MS-OXCTABL] 2.2.2.1.3).
        pub table_status: TableStatus,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.2.1 RopSortTable ROP Request Buffer.
    pub struct RopSortTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// SortTableFlags ([MS-OXCTABL] 2.2.2.3.1).
        pub sort_table_flags: SortTableFlags,
        /// SortOrderCount, CategoryCount, ExpandedCount and SortOrders
        /// ([MS-OXCDATA] 2.13.2).
        pub sort_order_set: SortOrderSet,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.3.1 RopRestrict ROP Request Buffer.
    pub struct RopRestrictRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// RestrictFlags ([MS-OXCTABL] 2.2.2.4.1).
        pub restrict_flags: RestrictFlags,
        /// RestrictionData after its 2-byte RestrictionDataSize
        /// ([MS-OXCDATA] 2.12); `None` (size 0) removes the restriction.
        pub restriction: Option<Restriction> => sized16("RestrictionDataSize", MaybeRestriction),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.4.1 RopQueryRows ROP Request Buffer.
    pub struct RopQueryRowsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// QueryRowsFlags ([MS-OXCTABL] 2.2.2.5.1).
        pub query_rows_flags: QueryRowsFlags,
        /// ForwardRead: nonzero to read forwards.
        pub forward_read: u8,
        /// RowCount: the most rows to return.
        pub row_count: u16,
    }
}

/// [MS-OXCDATA] 2.8.1 the rows of a ROP response, laid out by the
/// columns of the table (the last RopSetColumns) or of the request.
///
/// Rows cannot be delimited without their columns; when a decoder does
/// not have them (no [`crate::ResponseContext`]), the rows and everything
/// after them in the ROP list are kept as bytes ([`Rows::Undecoded`]), with
/// a defect in lenient mode and an error in strict mode.
///
/// With columns, the rows are decoded in the [`RowForm`] of the context:
/// owned ([`Rows::Decoded`], the default) or borrowed ([`Rows::Borrowed`]:
/// each row checked when read, with the same errors and defects, its values
/// read on demand from the input).
///
/// ```
/// use ms_oxcdata::{PropertyTag, PropertyType, PropertyValueRef};
/// use ms_oxcrops::{RopQueryRowsResponse, RowForm, Rows};
/// use msox_codec::{DecodeWith, Encode};
/// let columns = [PropertyTag::new(0x0037, PropertyType::String), PropertyTag::new(0x0E08, PropertyType::Integer32)];
/// // InputHandleIndex, ReturnValue, Origin, RowCount 1, a StandardPropertyRow
/// let bytes = [0x01, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x00, b'H', 0, b'i', 0, 0, 0, 0x10, 0, 0, 0];
/// let q = RopQueryRowsResponse::decode_exact_with(&bytes, (&columns[..], RowForm::Borrowed))?;
/// let cx = q.rows.context().unwrap();
/// for row in q.rows.row_refs() {
///     let subject = row.value(0, &cx)?.unwrap();
///     assert!(matches!(subject, PropertyValueRef::String(s) if s == "Hi"));
///     assert_eq!(row.value(1, &cx)?.and_then(|v| v.as_i64()), Some(16));
/// }
/// assert_eq!(q.to_vec()?, bytes); // written back from the bytes read
/// // the owned form, decoded from the borrowed one or directly
/// let owned = q.rows.clone().into_owned()?;
/// assert_eq!(owned, RopQueryRowsResponse::decode_exact_with(&bytes, &columns[..])?.rows);
/// assert!(matches!(owned, Rows::Decoded { .. }));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Rows<'a> {
    /// The rows, with the columns they were decoded with (and are
    /// encoded with).
    Decoded {
        /// The columns of every row.
        columns: Vec<PropertyTag>,
        /// The rows ([MS-OXCDATA] 2.8.1 StandardPropertyRow or FlaggedPropertyRow).
        rows: Vec<PropertyRow>,
    },
    /// The rows checked and borrowed from the input ([`RowForm::Borrowed`]),
    /// with the columns they were read with; values are read on demand
    /// ([`Rows::context`] gives the [`RowContext`] their accessors take).
    /// Encoded as the bytes read. Serialized in the owned form; never
    /// deserialized.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "serialize_borrowed_rows", skip_deserializing)
    )]
    Borrowed {
        /// The columns of every row.
        columns: Vec<PropertyTag>,
        /// The rows.
        rows: Vec<PropertyRowRef<'a>>,
    },
    /// The row count and the bytes from the first row to the end of the
    /// ROP list, kept because the columns were not known.
    Undecoded {
        /// The number of rows the response declared.
        row_count: u16,
        /// The bytes, to the end of the ROP list.
        bytes: Cow<'a, [u8]>,
    },
}

#[cfg(feature = "serde")]
fn serialize_borrowed_rows<S: serde::Serializer>(
    columns: &[PropertyTag],
    rows: &[PropertyRowRef<'_>],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::Serialize;
    use serde::ser::Error as _;
    let cx = RowContext::rop(columns);
    let owned = rows
        .iter()
        .map(|r| r.to_owned(&cx))
        .collect::<Result<Vec<_>>>()
        .map_err(S::Error::custom)?;
    #[derive(Serialize)]
    struct Owned<'x> {
        columns: &'x [PropertyTag],
        rows: Vec<PropertyRow>,
    }
    Owned {
        columns,
        rows: owned,
    }
    .serialize(s)
}

impl<'a> Rows<'a> {
    /// No rows.
    pub const fn empty() -> Self {
        Rows::Decoded {
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The number of rows.
    pub fn count(&self) -> usize {
        match self {
            Rows::Decoded { rows, .. } => rows.len(),
            Rows::Borrowed { rows, .. } => rows.len(),
            Rows::Undecoded { row_count, .. } => usize::from(*row_count),
        }
    }

    /// The owned rows (empty when borrowed or undecoded: see
    /// [`Rows::row_refs`], [`Rows::into_owned`]).
    pub fn rows(&self) -> &[PropertyRow] {
        match self {
            Rows::Decoded { rows, .. } => rows,
            Rows::Borrowed { .. } | Rows::Undecoded { .. } => &[],
        }
    }

    /// The borrowed rows (empty unless [`Rows::Borrowed`]); their values
    /// are read with [`Rows::context`].
    pub fn row_refs(&self) -> &[PropertyRowRef<'a>] {
        match self {
            Rows::Borrowed { rows, .. } => rows,
            Rows::Decoded { .. } | Rows::Undecoded { .. } => &[],
        }
    }

    /// The columns the rows were decoded with (`None` when undecoded).
    pub fn columns(&self) -> Option<&[PropertyTag]> {
        match self {
            Rows::Decoded { columns, .. } | Rows::Borrowed { columns, .. } => Some(columns),
            Rows::Undecoded { .. } => None,
        }
    }

    /// The layout of the rows (their columns, in a ROP buffer): what the
    /// accessors of [`PropertyRowRef`] take (`None` when undecoded).
    pub fn context(&self) -> Option<RowContext<'_>> {
        self.columns().map(RowContext::rop)
    }

    /// The rows in the owned form: borrowed rows are decoded
    /// ([`PropertyRowRef::to_owned`]), the others are returned as they are.
    pub fn into_owned(self) -> Result<Self> {
        match self {
            Rows::Borrowed { columns, rows } => {
                let cx = RowContext::rop(&columns);
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    out.push(row.to_owned(&cx)?);
                }
                Ok(Rows::Decoded { columns, rows: out })
            }
            other => Ok(other),
        }
    }

    /// Reads `count` rows with `columns` in `form`, or keeps them as bytes.
    pub(crate) fn read(
        r: &mut Reader<'a>,
        count: u16,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
        rop: &'static str,
    ) -> Result<Self> {
        let columns = match (columns, count) {
            (Some(c), _) => c,
            (None, 0) => &[],
            (None, _) => {
                r.defect(
                    ErrorKind::Unsupported(
                        format!("{rop} rows need the table's columns (a ResponseContext)").into(),
                    ),
                    "rows kept as bytes to the end of the ROP list",
                )?;
                return Ok(Rows::Undecoded {
                    row_count: count,
                    bytes: Cow::Borrowed(r.take_rest()),
                });
            }
        };
        let ctx = RowContext::rop(columns);
        let mut i = 0usize;
        match form {
            RowForm::Owned => {
                let rows = r.counted(u64::from(count), 1, "RowCount", |r| {
                    i += 1;
                    r.frame_indexed("PropertyRow", i - 1, |r| PropertyRow::read(r, &ctx))
                })?;
                Ok(Rows::Decoded {
                    columns: columns.to_vec(),
                    rows,
                })
            }
            RowForm::Borrowed => {
                let reader = RowReader::new(ctx);
                let rows = r.counted(u64::from(count), 1, "RowCount", |r| {
                    i += 1;
                    r.frame_indexed("PropertyRow", i - 1, |r| reader.read(r))
                })?;
                Ok(Rows::Borrowed {
                    columns: columns.to_vec(),
                    rows,
                })
            }
        }
    }

    /// Bytes of the rows (without their count).
    pub(crate) fn rows_len(&self) -> usize {
        match self {
            Rows::Decoded { columns, rows } => {
                let ctx = RowContext::rop(columns);
                rows.iter().map(|x| x.wire_len(&ctx)).sum()
            }
            Rows::Borrowed { rows, .. } => rows.iter().map(|x| x.as_bytes().len()).sum(),
            Rows::Undecoded { bytes, .. } => bytes.len(),
        }
    }

    /// Writes the rows (without their count).
    pub(crate) fn write_rows<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            Rows::Decoded { columns, rows } => {
                let ctx = RowContext::rop(columns);
                for row in rows {
                    row.write(&ctx, buf)?;
                }
                Ok(())
            }
            Rows::Borrowed { rows, .. } => {
                for row in rows {
                    buf.put_slice(row.as_bytes());
                }
                Ok(())
            }
            Rows::Undecoded { bytes, .. } => {
                buf.put_slice(bytes);
                Ok(())
            }
        }
    }
}

/// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows ROP Success Response Buffer.
///
/// The rows are laid out by the columns of the table's last RopSetColumns
/// (from the [`crate::ResponseContext`]; [`crate::RopContext`] tracks them).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopQueryRowsResponse<'a> {
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// Origin: where the cursor is after the read ([MS-OXCTABL] 2.2.2.1.1).
    pub origin: Bookmark,
    /// RowData after its 2-byte RowCount.
    pub rows: Rows<'a>,
}

impl<'a> RopQueryRowsResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        Self::read_with(r, cx.response.columns(RopId::QueryRows), cx.response.rows)
    }

    fn read_with(
        r: &mut Reader<'a>,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
    ) -> Result<Self> {
        let input_handle_index = r.u8()?;
        crate::codec::read_success(r)?;
        let origin = r.decode()?;
        let count = r.u16()?;
        let rows = r.frame("RowData", |r| {
            Rows::read(r, count, columns, form, "RopQueryRows")
        })?;
        Ok(RopQueryRowsResponse {
            input_handle_index,
            origin,
            rows,
        })
    }
}

/// A RopQueryRows success response (after its RopId) with the columns of
/// its table, rows owned.
impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for RopQueryRowsResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, columns: &'c [PropertyTag]) -> Result<Self> {
        Self::read_with(r, Some(columns), RowForm::Owned)
    }
}

/// A RopQueryRows success response (after its RopId) with the columns of
/// its table, rows in the given form (see [`Rows`]).
impl<'a, 'c> DecodeWith<'a, (&'c [PropertyTag], RowForm)> for RopQueryRowsResponse<'a> {
    fn decode_with(
        r: &mut Reader<'a>,
        (columns, form): (&'c [PropertyTag], RowForm),
    ) -> Result<Self> {
        Self::read_with(r, Some(columns), form)
    }
}

impl Encode for RopQueryRowsResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4 + 1 + 2 + self.rows.rows_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.input_handle_index);
        buf.put_u32_le(0);
        buf.put_u8(self.origin.value());
        buf.put_u16_le(msox_codec::fit_u16(self.rows.count(), "RowCount")?);
        self.rows.write_rows(buf)
    }
}

/// [MS-OXCROPS] 2.2.5.5.1 RopAbort ROP Request Buffer.
pub type RopAbortRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.5.6.1 RopGetStatus ROP Request Buffer.
pub type RopGetStatusRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.5.7.1 RopQueryPosition ROP Request Buffer.
pub type RopQueryPositionRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.5.11.1 RopCreateBookmark ROP Request Buffer.
pub type RopCreateBookmarkRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.5.12.1 RopQueryColumnsAll ROP Request Buffer.
pub type RopQueryColumnsAllRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.5.15.1 RopResetTable ROP Request Buffer.
pub type RopResetTableRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition ROP Success Response Buffer.
    pub struct RopQueryPositionResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// Numerator: the current row.
        pub numerator: u32,
        /// Denominator: the number of rows.
        pub denominator: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.8.1 RopSeekRow ROP Request Buffer.
    pub struct RopSeekRowRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// Origin ([MS-OXCTABL] 2.2.2.1.1).
        pub origin: Bookmark,
        /// RowCount: rows to move, negative to move backwards.
        pub row_count: i32,
        /// WantRowMovedCount: nonzero to get the rows moved.
        pub want_row_moved_count: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow ROP Success Response Buffer.
    pub struct RopSeekRowResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// HasSoughtLess: nonzero if fewer rows were moved than asked.
        pub has_sought_less: u8,
        /// RowsSought: rows moved, negative backwards.
        pub rows_sought: i32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.9.1 RopSeekRowBookmark ROP Request Buffer.
    pub struct RopSeekRowBookmarkRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// Bookmark after its 2-byte BookmarkSize.
        pub bookmark: Cow<'a, [u8]> => Bytes::<2>("BookmarkSize"),
        /// RowCount: rows to move from the bookmark, negative backwards.
        pub row_count: i32,
        /// WantRowMovedCount: nonzero to get the rows moved.
        pub want_row_moved_count: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark ROP Success Response Buffer.
    pub struct RopSeekRowBookmarkResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// RowNoLongerVisible: nonzero if the bookmarked row is gone.
        pub row_no_longer_visible: u8,
        /// HasSoughtLess: nonzero if fewer rows were moved than asked.
        pub has_sought_less: u8,
        /// RowsSought: rows moved, negative backwards.
        pub rows_sought: i32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.10.1 RopSeekRowFractional ROP Request Buffer.
    pub struct RopSeekRowFractionalRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// Numerator: the position's numerator.
        pub numerator: u32,
        /// Denominator: the position's denominator.
        pub denominator: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark ROP Success Response Buffer
    /// (and 2.2.5.19.2 RopSetCollapseState: a bookmark).
    pub struct BookmarkResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// Bookmark after its 2-byte BookmarkSize.
        pub bookmark: Cow<'a, [u8]> => Bytes::<2>("BookmarkSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll ROP Success Response
    /// Buffer (also the success response of RopGetPropertiesList, 2.2.8.5.2).
    pub struct PropertyTagsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// PropertyTags after their 2-byte PropertyTagCount.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.13.1 RopFindRow ROP Request Buffer.
    pub struct RopFindRowRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// FindRowFlags ([MS-OXCTABL] 2.2.2.14.1).
        pub find_row_flags: FindRowFlags,
        /// RestrictionData after its 2-byte RestrictionDataSize: what to find.
        pub restriction: Option<Restriction> => sized16("RestrictionDataSize", MaybeRestriction),
        /// Origin ([MS-OXCTABL] 2.2.2.1): where to start.
        pub origin: Bookmark,
        /// Bookmark after its 2-byte BookmarkSize (Origin BOOKMARK_CUSTOM).
        pub bookmark: Cow<'a, [u8]> => Bytes::<2>("BookmarkSize"),
    }
}

/// One row of a ROP response, laid out by the columns of its table (see
/// [`Rows`]), in the [`RowForm`] of the context.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Row<'a> {
    /// The row, with the columns it was decoded with.
    Decoded {
        /// The columns.
        columns: Vec<PropertyTag>,
        /// The row.
        row: PropertyRow,
    },
    /// The row checked and borrowed from the input ([`RowForm::Borrowed`]),
    /// with the columns it was read with. Encoded as the bytes read.
    /// Serialized in the owned form; never deserialized.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "serialize_borrowed_row", skip_deserializing)
    )]
    Borrowed {
        /// The columns.
        columns: Vec<PropertyTag>,
        /// The row.
        row: PropertyRowRef<'a>,
    },
    /// The bytes from the row to the end of its unit (the end of the ROP
    /// list, or the size its container gives), kept because the columns
    /// were not known.
    Undecoded(Cow<'a, [u8]>),
}

#[cfg(feature = "serde")]
fn serialize_borrowed_row<S: serde::Serializer>(
    columns: &[PropertyTag],
    row: &PropertyRowRef<'_>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::Serialize;
    use serde::ser::Error as _;
    #[derive(Serialize)]
    struct Owned<'x> {
        columns: &'x [PropertyTag],
        row: PropertyRow,
    }
    Owned {
        columns,
        row: row
            .to_owned(&RowContext::rop(columns))
            .map_err(S::Error::custom)?,
    }
    .serialize(s)
}

impl<'a> Row<'a> {
    /// Reads one row with `columns` in `form`, or keeps the rest of the window.
    pub(crate) fn read(
        r: &mut Reader<'a>,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
        what: &'static str,
    ) -> Result<Self> {
        match (columns, form) {
            (Some(c), RowForm::Owned) => {
                let row = PropertyRow::read(r, &RowContext::rop(c))?;
                Ok(Row::Decoded {
                    columns: c.to_vec(),
                    row,
                })
            }
            (Some(c), RowForm::Borrowed) => {
                let row = PropertyRowRef::read(r, &RowContext::rop(c))?;
                Ok(Row::Borrowed {
                    columns: c.to_vec(),
                    row,
                })
            }
            (None, _) => {
                r.defect(
                    ErrorKind::Unsupported(
                        format!("{what} needs the table's columns (a ResponseContext)").into(),
                    ),
                    "row kept as bytes",
                )?;
                Ok(Row::Undecoded(Cow::Borrowed(r.take_rest())))
            }
        }
    }

    /// The owned row (`None` when borrowed or undecoded: see
    /// [`Row::row_ref`], [`Row::into_owned`]).
    pub fn row(&self) -> Option<&PropertyRow> {
        match self {
            Row::Decoded { row, .. } => Some(row),
            Row::Borrowed { .. } | Row::Undecoded(_) => None,
        }
    }

    /// The borrowed row (`None` unless [`Row::Borrowed`]); its values are
    /// read with [`Row::context`].
    pub fn row_ref(&self) -> Option<&PropertyRowRef<'a>> {
        match self {
            Row::Borrowed { row, .. } => Some(row),
            Row::Decoded { .. } | Row::Undecoded(_) => None,
        }
    }

    /// The columns the row was decoded with (`None` when undecoded).
    pub fn columns(&self) -> Option<&[PropertyTag]> {
        match self {
            Row::Decoded { columns, .. } | Row::Borrowed { columns, .. } => Some(columns),
            Row::Undecoded(_) => None,
        }
    }

    /// The layout of the row (its columns, in a ROP buffer): what the
    /// accessors of [`PropertyRowRef`] take (`None` when undecoded).
    pub fn context(&self) -> Option<RowContext<'_>> {
        self.columns().map(RowContext::rop)
    }

    /// The row in the owned form: a borrowed row is decoded
    /// ([`PropertyRowRef::to_owned`]), the others are returned as they are.
    pub fn into_owned(self) -> Result<Self> {
        match self {
            Row::Borrowed { columns, row } => {
                let row = row.to_owned(&RowContext::rop(&columns))?;
                Ok(Row::Decoded { columns, row })
            }
            other => Ok(other),
        }
    }

    pub(crate) fn wire_len(&self) -> usize {
        match self {
            Row::Decoded { columns, row } => row.wire_len(&RowContext::rop(columns)),
            Row::Borrowed { row, .. } => row.as_bytes().len(),
            Row::Undecoded(b) => b.len(),
        }
    }

    pub(crate) fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            Row::Decoded { columns, row } => row.write(&RowContext::rop(columns), buf),
            Row::Borrowed { row, .. } => {
                buf.put_slice(row.as_bytes());
                Ok(())
            }
            Row::Undecoded(b) => {
                buf.put_slice(b);
                Ok(())
            }
        }
    }
}

/// [MS-OXCROPS] 2.2.5.13.2 RopFindRow ROP Success Response Buffer.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopFindRowResponse<'a> {
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// RowNoLongerVisible: nonzero if the bookmarked row is gone.
    pub row_no_longer_visible: u8,
    /// HasRowData: nonzero when a row was found (RowData follows).
    pub has_row_data: u8,
    /// RowData: the row found, present when HasRowData is nonzero.
    pub row: Option<Row<'a>>,
}

impl<'a> RopFindRowResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        Self::read_with(r, cx.response.columns(RopId::FindRow), cx.response.rows)
    }

    fn read_with(
        r: &mut Reader<'a>,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
    ) -> Result<Self> {
        let input_handle_index = r.u8()?;
        crate::codec::read_success(r)?;
        let row_no_longer_visible = r.u8()?;
        let has_row_data = r.u8()?;
        let row = if has_row_data != 0 {
            Some(r.frame("RowData", |r| Row::read(r, columns, form, "RopFindRow"))?)
        } else {
            None
        };
        Ok(RopFindRowResponse {
            input_handle_index,
            row_no_longer_visible,
            has_row_data,
            row,
        })
    }
}

/// A RopFindRow success response (after its RopId) with its table's
/// columns, the row owned.
impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for RopFindRowResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, columns: &'c [PropertyTag]) -> Result<Self> {
        Self::read_with(r, Some(columns), RowForm::Owned)
    }
}

/// A RopFindRow success response (after its RopId) with its table's
/// columns, the row in the given form.
impl<'a, 'c> DecodeWith<'a, (&'c [PropertyTag], RowForm)> for RopFindRowResponse<'a> {
    fn decode_with(
        r: &mut Reader<'a>,
        (columns, form): (&'c [PropertyTag], RowForm),
    ) -> Result<Self> {
        Self::read_with(r, Some(columns), form)
    }
}

impl Encode for RopFindRowResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4 + 2 + self.row.as_ref().map_or(0, Row::wire_len)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.row.is_some() != (self.has_row_data != 0) {
            return Err(Error::new(ErrorKind::Malformed(
                "RowData must be present exactly when HasRowData is nonzero".into(),
            )));
        }
        buf.put_u8(self.input_handle_index);
        buf.put_u32_le(0);
        buf.put_u8(self.row_no_longer_visible);
        buf.put_u8(self.has_row_data);
        match &self.row {
            Some(row) => row.write(buf),
            None => Ok(()),
        }
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.14.1 RopFreeBookmark ROP Request Buffer.
    pub struct RopFreeBookmarkRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// Bookmark after its 2-byte BookmarkSize.
        pub bookmark: Cow<'a, [u8]> => Bytes::<2>("BookmarkSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.16.1 RopExpandRow ROP Request Buffer.
    pub struct RopExpandRowRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// MaxRowCount: the most rows to return.
        pub max_row_count: u16,
        /// CategoryId: the category row to expand.
        pub category_id: u64,
    }
}

/// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow ROP Success Response Buffer.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopExpandRowResponse<'a> {
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// ExpandedRowCount: the rows the category holds.
    pub expanded_row_count: u32,
    /// RowData after its 2-byte RowCount.
    pub rows: Rows<'a>,
}

impl<'a> RopExpandRowResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        Self::read_with(r, cx.response.columns(RopId::ExpandRow), cx.response.rows)
    }

    fn read_with(
        r: &mut Reader<'a>,
        columns: Option<&[PropertyTag]>,
        form: RowForm,
    ) -> Result<Self> {
        let input_handle_index = r.u8()?;
        crate::codec::read_success(r)?;
        let expanded_row_count = r.u32()?;
        let count = r.u16()?;
        let rows = r.frame("RowData", |r| {
            Rows::read(r, count, columns, form, "RopExpandRow")
        })?;
        Ok(RopExpandRowResponse {
            input_handle_index,
            expanded_row_count,
            rows,
        })
    }
}

/// A RopExpandRow success response (after its RopId) with its table's
/// columns, rows owned.
impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for RopExpandRowResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, columns: &'c [PropertyTag]) -> Result<Self> {
        Self::read_with(r, Some(columns), RowForm::Owned)
    }
}

/// A RopExpandRow success response (after its RopId) with its table's
/// columns, rows in the given form.
impl<'a, 'c> DecodeWith<'a, (&'c [PropertyTag], RowForm)> for RopExpandRowResponse<'a> {
    fn decode_with(
        r: &mut Reader<'a>,
        (columns, form): (&'c [PropertyTag], RowForm),
    ) -> Result<Self> {
        Self::read_with(r, Some(columns), form)
    }
}

impl Encode for RopExpandRowResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4 + 4 + 2 + self.rows.rows_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.input_handle_index);
        buf.put_u32_le(0);
        buf.put_u32_le(self.expanded_row_count);
        buf.put_u16_le(msox_codec::fit_u16(self.rows.count(), "RowCount")?);
        self.rows.write_rows(buf)
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.17.1 RopCollapseRow ROP Request Buffer.
    pub struct RopCollapseRowRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// CategoryId: the category row to collapse.
        pub category_id: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow ROP Success Response Buffer.
    pub struct RopCollapseRowResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// CollapsedRowCount: the rows hidden.
        pub collapsed_row_count: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.18.1 RopGetCollapseState ROP Request Buffer.
    pub struct RopGetCollapseStateRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// RowId: the row the state is saved at.
        pub row_id: u64,
        /// RowInstanceNumber: its instance.
        pub row_instance_number: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState ROP Success Response Buffer.
    pub struct RopGetCollapseStateResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// CollapseState after its 2-byte CollapseStateSize.
        pub collapse_state: Cow<'a, [u8]> => Bytes::<2>("CollapseStateSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.5.19.1 RopSetCollapseState ROP Request Buffer.
    pub struct RopSetCollapseStateRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the table.
        pub input_handle_index: u8,
        /// CollapseState after its 2-byte CollapseStateSize.
        pub collapse_state: Cow<'a, [u8]> => Bytes::<2>("CollapseStateSize"),
    }
}
