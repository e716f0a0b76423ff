//! [MS-OXCROPS] 2.2.14 Notification ROPs: RopRegisterNotification,
//! RopNotify with every form of [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData,
//! and RopPending.

use std::borrow::Cow;

use ms_oxcdata::{FolderId, MapiString, MessageId, PropertyRow, PropertyTag, RowContext};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, DecodeWith, Encode, Error, ErrorKind, Reader, Result, Unit};

use crate::codec::{Plain, ROP_CODE_PAGE, is, opt, rop_struct};
use crate::context::{Cx, TableColumns};

msox_codec::wire_flags! {
    /// [MS-OXCNOTIF] 2.2.1.2.1.1 NotificationTypes of RopRegisterNotification.
    pub struct NotificationTypes: u16 {
        /// NewMail events.
        const NEW_MAIL = 0x0002 => "NewMail";
        /// ObjectCreated events.
        const OBJECT_CREATED = 0x0004 => "ObjectCreated";
        /// ObjectDeleted events.
        const OBJECT_DELETED = 0x0008 => "ObjectDeleted";
        /// ObjectModified events.
        const OBJECT_MODIFIED = 0x0010 => "ObjectModified";
        /// ObjectMoved events.
        const OBJECT_MOVED = 0x0020 => "ObjectMoved";
        /// ObjectCopied events.
        const OBJECT_COPIED = 0x0040 => "ObjectCopied";
        /// SearchCompleted events.
        const SEARCH_COMPLETED = 0x0080 => "SearchCompleted";
        /// TableModified events.
        const TABLE_MODIFIED = 0x0100 => "TableModified";
        /// Extended: the Reserved byte follows NotificationTypes.
        const EXTENDED = 0x0400 => "Extended";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationFlags of NotificationData: the
    /// NotificationType (the low 12 bits; see [`NotificationFlags::notification_type`])
    /// and the T, U, S and M flags that say which fields are present.
    pub struct NotificationFlags: u16 {
        /// NewMail (NotificationType 0x0002).
        const NEW_MAIL = 0x0002 => "NewMail";
        /// ObjectCreated (NotificationType 0x0004).
        const OBJECT_CREATED = 0x0004 => "ObjectCreated";
        /// ObjectDeleted (NotificationType 0x0008).
        const OBJECT_DELETED = 0x0008 => "ObjectDeleted";
        /// ObjectModified (NotificationType 0x0010).
        const OBJECT_MODIFIED = 0x0010 => "ObjectModified";
        /// ObjectMoved (NotificationType 0x0020).
        const OBJECT_MOVED = 0x0020 => "ObjectMoved";
        /// ObjectCopied (NotificationType 0x0040).
        const OBJECT_COPIED = 0x0040 => "ObjectCopied";
        /// SearchCompleted (NotificationType 0x0080).
        const SEARCH_COMPLETED = 0x0080 => "SearchCompleted";
        /// TableModified (NotificationType 0x0100).
        const TABLE_MODIFIED = 0x0100 => "TableModified";
        /// Reserved NotificationType 0x0400.
        const RESERVED = 0x0400 => "Reserved";
        /// T: TotalMessageCount is present.
        const T = 0x1000 => "T";
        /// U: UnreadMessageCount is present.
        const U = 0x2000 => "U";
        /// S: the event is in a search folder.
        const S = 0x4000 => "S";
        /// M: the event is on a message.
        const M = 0x8000 => "M";
    }
}

impl NotificationFlags {
    /// The NotificationType: the low 12 bits.
    pub const fn notification_type(self) -> u16 {
        self.0 & 0x0FFF
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCNOTIF] 2.2.1.4.1.2 TableEventType of a TableModified notification.
    pub enum TableEventType: u16 {
        /// TableChanged.
        TableChanged = 0x0001 => "TableChanged",
        /// TableRowAdded.
        TableRowAdded = 0x0003 => "TableRowAdded",
        /// TableRowDeleted.
        TableRowDeleted = 0x0004 => "TableRowDeleted",
        /// TableRowModified.
        TableRowModified = 0x0005 => "TableRowModified",
        /// TableRestrictionChanged.
        TableRestrictionChanged = 0x0007 => "TableRestrictionChanged",
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.14.1.1 RopRegisterNotification ROP Request Buffer.
    pub struct RopRegisterNotificationRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the notification subscription goes.
        pub output_handle_index: u8,
        /// NotificationTypes ([MS-OXCNOTIF] 2.2.1.2.1.1).
        pub notification_types: NotificationTypes,
        /// Reserved: 0; present when NotificationTypes has the Extended flag.
        pub reserved: Option<u8> => opt(notification_types.contains(NotificationTypes::EXTENDED), "Reserved", Plain),
        /// WantWholeStore: nonzero for the whole mailbox (no IDs follow).
        pub want_whole_store: u8,
        /// FolderId: the folder (present when WantWholeStore is 0).
        pub folder_id: Option<FolderId> => opt(is(want_whole_store, 0), "FolderId", Plain),
        /// MessageId: the message (present when WantWholeStore is 0).
        pub message_id: Option<MessageId> => opt(is(want_whole_store, 0), "MessageId", Plain),
    }
}

/// Which NotificationData fields are present, from the fields before them.
#[derive(Clone, Copy, Default)]
struct Layout {
    table_event_type: bool,
    table_row: bool,
    insert_after: bool,
    message_ids: bool,
    folder_id: bool,
    message_id: bool,
    parent_folder_id: bool,
    old_ids: bool,
    old_message_id: bool,
    old_parent_folder_id: bool,
    tag_count: bool,
    total: bool,
    unread: bool,
    new_mail: bool,
}

impl Layout {
    fn of(flags: NotificationFlags, table_event: Option<TableEventType>) -> Self {
        let ty = flags.notification_type();
        let m = flags.contains(NotificationFlags::M);
        let s = flags.contains(NotificationFlags::S);
        let tet = table_event.map(TableEventType::value);
        let row = matches!(tet, Some(3..=5));
        let insert = matches!(tet, Some(3 | 5));
        let not_table = ty != 0x0100 && ty != 0x0400;
        let moved = ty == 0x0020 || ty == 0x0040;
        Layout {
            table_event_type: ty == 0x0100,
            table_row: row,
            insert_after: insert,
            message_ids: m,
            folder_id: not_table,
            message_id: not_table && m,
            parent_folder_id: matches!(ty, 0x0004 | 0x0008 | 0x0020 | 0x0040) && s == m,
            old_ids: moved,
            old_message_id: moved && m,
            old_parent_folder_id: moved && !m,
            tag_count: ty == 0x0004 || ty == 0x0010,
            total: flags.contains(NotificationFlags::T),
            unread: flags.contains(NotificationFlags::U),
            new_mail: ty == 0x0002,
        }
    }
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 TableRowData after its 2-byte TableRowDataSize:
/// a PropertyRow laid out by the columns of the table's last RopSetColumns.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TableRowData<'a> {
    /// The row with the columns it was decoded with.
    Row {
        /// The table's columns.
        columns: Vec<PropertyTag>,
        /// The row.
        row: PropertyRow,
    },
    /// The bytes of the row, kept because the columns were not known or
    /// the row did not decode (lenient mode).
    Raw(Cow<'a, [u8]>),
}

impl TableRowData<'_> {
    fn wire_len(&self) -> usize {
        2 + match self {
            TableRowData::Row { columns, row } => row.wire_len(&RowContext::rop(columns)),
            TableRowData::Raw(b) => b.len(),
        }
    }

    fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            TableRowData::Row { columns, row } => {
                let ctx = RowContext::rop(columns);
                buf.put_u16_le(msox_codec::fit_u16(row.wire_len(&ctx), "TableRowDataSize")?);
                row.write(&ctx, buf)
            }
            TableRowData::Raw(b) => {
                buf.put_u16_le(msox_codec::fit_u16(b.len(), "TableRowDataSize")?);
                buf.put_slice(b);
                Ok(())
            }
        }
    }
}

/// [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData Structure: the details of
/// one notification. Which fields are present follows from
/// NotificationFlags, TableEventType and TagCount (the rules of
/// 2.2.1.4.1.2, for every NotificationType: NewMail, ObjectCreated,
/// ObjectDeleted, ObjectModified, ObjectMoved, ObjectCopied,
/// SearchCompleted, TableModified, and types the spec does not list);
/// each optional field is `Some` exactly when present, and encoding checks
/// it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NotificationData<'a> {
    /// NotificationFlags: the NotificationType and the T, U, S, M flags.
    pub notification_flags: NotificationFlags,
    /// TableEventType: TableModified notifications.
    pub table_event_type: Option<TableEventType>,
    /// TableRowFolderID: TableRowAdded, TableRowDeleted, TableRowModified.
    pub table_row_folder_id: Option<FolderId>,
    /// TableRowMessageID: as TableRowFolderID, with the M flag.
    pub table_row_message_id: Option<MessageId>,
    /// TableRowInstance: as TableRowMessageID.
    pub table_row_instance: Option<u32>,
    /// InsertAfterTableRowFolderID: TableRowAdded and TableRowModified.
    pub insert_after_table_row_folder_id: Option<FolderId>,
    /// InsertAfterTableRowID: as InsertAfterTableRowFolderID, with the M flag.
    pub insert_after_table_row_id: Option<MessageId>,
    /// InsertAfterTableRowInstance: as InsertAfterTableRowID.
    pub insert_after_table_row_instance: Option<u32>,
    /// TableRowDataSize and TableRowData: TableRowAdded and TableRowModified.
    pub table_row_data: Option<TableRowData<'a>>,
    /// FolderId: every type but TableModified and the reserved 0x0400.
    pub folder_id: Option<FolderId>,
    /// MessageId: as FolderId, with the M flag.
    pub message_id: Option<MessageId>,
    /// ParentFolderId: ObjectCreated, ObjectDeleted, ObjectMoved,
    /// ObjectCopied of a folder (neither S nor M) or of a message in a
    /// search folder (S and M).
    pub parent_folder_id: Option<FolderId>,
    /// OldFolderId: ObjectMoved and ObjectCopied.
    pub old_folder_id: Option<FolderId>,
    /// OldMessageId: ObjectMoved and ObjectCopied, with the M flag.
    pub old_message_id: Option<MessageId>,
    /// OldParentFolderId: ObjectMoved and ObjectCopied, without the M flag.
    pub old_parent_folder_id: Option<FolderId>,
    /// TagCount: ObjectCreated and ObjectModified.
    pub tag_count: Option<u16>,
    /// Tags: when TagCount is present and neither 0x0000 nor 0xFFFF
    /// (TagCount of them).
    pub tags: Option<Vec<PropertyTag>>,
    /// TotalMessageCount: with the T flag.
    pub total_message_count: Option<u32>,
    /// UnreadMessageCount: with the U flag.
    pub unread_message_count: Option<u32>,
    /// MessageFlags: NewMail notifications.
    pub message_flags: Option<u32>,
    /// UnicodeFlag: NewMail notifications (nonzero: MessageClass is UTF-16LE).
    pub unicode_flag: Option<u8>,
    /// MessageClass: NewMail notifications, null-terminated.
    pub message_class: Option<MapiString>,
}

fn read_opt<T>(
    r: &mut Reader<'_>,
    present: bool,
    f: impl FnOnce(&mut Reader<'_>) -> Result<T>,
) -> Result<Option<T>> {
    if present { f(r).map(Some) } else { Ok(None) }
}

fn tags_present(tag_count: Option<u16>) -> bool {
    matches!(tag_count, Some(n) if n != 0 && n != 0xFFFF)
}

impl<'a> NotificationData<'a> {
    /// Reads a NotificationData; `columns` are the columns of the table a
    /// TableModified notification is about, if known.
    pub(crate) fn read(r: &mut Reader<'a>, columns: Option<&[PropertyTag]>) -> Result<Self> {
        r.frame("NotificationData", |r| {
            let notification_flags: NotificationFlags = r.decode()?;
            let ty = notification_flags.notification_type();
            let table_event_type = read_opt(r, ty == 0x0100, |r| r.decode::<TableEventType>())?;
            let l = Layout::of(notification_flags, table_event_type);
            let table_row_folder_id = read_opt(r, l.table_row, |r| r.decode())?;
            let table_row_message_id = read_opt(r, l.table_row && l.message_ids, |r| r.decode())?;
            let table_row_instance = read_opt(r, l.table_row && l.message_ids, |r| r.u32())?;
            let insert_after_table_row_folder_id = read_opt(r, l.insert_after, |r| r.decode())?;
            let insert_after_table_row_id =
                read_opt(r, l.insert_after && l.message_ids, |r| r.decode())?;
            let insert_after_table_row_instance =
                read_opt(r, l.insert_after && l.message_ids, |r| r.u32())?;
            let table_row_data = if l.insert_after {
                Some(r.frame("TableRowData", |r| read_table_row(r, columns))?)
            } else {
                None
            };
            let folder_id = read_opt(r, l.folder_id, |r| r.decode())?;
            let message_id = read_opt(r, l.message_id, |r| r.decode())?;
            let parent_folder_id = read_opt(r, l.parent_folder_id, |r| r.decode())?;
            let old_folder_id = read_opt(r, l.old_ids, |r| r.decode())?;
            let old_message_id = read_opt(r, l.old_message_id, |r| r.decode())?;
            let old_parent_folder_id = read_opt(r, l.old_parent_folder_id, |r| r.decode())?;
            let tag_count = read_opt(r, l.tag_count, |r| r.u16())?;
            let tags = if let (true, Some(n)) = (tags_present(tag_count), tag_count) {
                Some(r.counted(u64::from(n), 4, "TagCount", |r| r.decode::<PropertyTag>())?)
            } else {
                None
            };
            let total_message_count = read_opt(r, l.total, |r| r.u32())?;
            let unread_message_count = read_opt(r, l.unread, |r| r.u32())?;
            let message_flags = read_opt(r, l.new_mail, |r| r.u32())?;
            let unicode_flag = read_opt(r, l.new_mail, |r| r.u8())?;
            let message_class = match unicode_flag {
                Some(u) => Some(MapiString::read(r, u != 0, ROP_CODE_PAGE)?),
                None => None,
            };
            Ok(NotificationData {
                notification_flags,
                table_event_type,
                table_row_folder_id,
                table_row_message_id,
                table_row_instance,
                insert_after_table_row_folder_id,
                insert_after_table_row_id,
                insert_after_table_row_instance,
                table_row_data,
                folder_id,
                message_id,
                parent_folder_id,
                old_folder_id,
                old_message_id,
                old_parent_folder_id,
                tag_count,
                tags,
                total_message_count,
                unread_message_count,
                message_flags,
                unicode_flag,
                message_class,
            })
        })
    }

    fn check(&self) -> Result<()> {
        let l = Layout::of(self.notification_flags, self.table_event_type);
        let checks: [(&str, bool, bool); 22] = [
            (
                "TableEventType",
                self.table_event_type.is_some(),
                l.table_event_type,
            ),
            (
                "TableRowFolderID",
                self.table_row_folder_id.is_some(),
                l.table_row,
            ),
            (
                "TableRowMessageID",
                self.table_row_message_id.is_some(),
                l.table_row && l.message_ids,
            ),
            (
                "TableRowInstance",
                self.table_row_instance.is_some(),
                l.table_row && l.message_ids,
            ),
            (
                "InsertAfterTableRowFolderID",
                self.insert_after_table_row_folder_id.is_some(),
                l.insert_after,
            ),
            (
                "InsertAfterTableRowID",
                self.insert_after_table_row_id.is_some(),
                l.insert_after && l.message_ids,
            ),
            (
                "InsertAfterTableRowInstance",
                self.insert_after_table_row_instance.is_some(),
                l.insert_after && l.message_ids,
            ),
            (
                "TableRowData",
                self.table_row_data.is_some(),
                l.insert_after,
            ),
            ("FolderId", self.folder_id.is_some(), l.folder_id),
            ("MessageId", self.message_id.is_some(), l.message_id),
            (
                "ParentFolderId",
                self.parent_folder_id.is_some(),
                l.parent_folder_id,
            ),
            ("OldFolderId", self.old_folder_id.is_some(), l.old_ids),
            (
                "OldMessageId",
                self.old_message_id.is_some(),
                l.old_message_id,
            ),
            (
                "OldParentFolderId",
                self.old_parent_folder_id.is_some(),
                l.old_parent_folder_id,
            ),
            ("TagCount", self.tag_count.is_some(), l.tag_count),
            ("Tags", self.tags.is_some(), tags_present(self.tag_count)),
            (
                "TotalMessageCount",
                self.total_message_count.is_some(),
                l.total,
            ),
            (
                "UnreadMessageCount",
                self.unread_message_count.is_some(),
                l.unread,
            ),
            ("MessageFlags", self.message_flags.is_some(), l.new_mail),
            ("UnicodeFlag", self.unicode_flag.is_some(), l.new_mail),
            ("MessageClass", self.message_class.is_some(), l.new_mail),
            (
                "Tags (TagCount)",
                self.tags
                    .as_ref()
                    .is_some_and(|t| Some(t.len()) != self.tag_count.map(usize::from)),
                false,
            ),
        ];
        for (field, present, expected) in checks {
            if present != expected {
                return Err(Error::new(ErrorKind::Malformed(
                    format!(
                        "NotificationData: {field} is {} but NotificationFlags 0x{:04X} say {}",
                        if present { "present" } else { "absent" },
                        self.notification_flags.bits(),
                        if expected { "present" } else { "absent" }
                    )
                    .into(),
                )));
            }
        }
        if let (Some(s), Some(u)) = (&self.message_class, self.unicode_flag)
            && s.is_unicode() != (u != 0)
        {
            return Err(Error::new(ErrorKind::Malformed(
                "NotificationData: MessageClass disagrees with UnicodeFlag".into(),
            )));
        }
        Ok(())
    }
}

fn read_table_row<'a>(
    r: &mut Reader<'a>,
    columns: Option<&[PropertyTag]>,
) -> Result<TableRowData<'a>> {
    let size = usize::from(r.u16()?);
    let Some(columns) = columns else {
        let at = r.pos();
        let bytes = r.bytes(size)?;
        r.defect_at(
            ErrorKind::Unsupported(
                "TableRowData needs the table's columns (a ResponseContext)".into(),
            ),
            at,
            "row kept as bytes",
        )?;
        return Ok(TableRowData::Raw(Cow::Borrowed(bytes)));
    };
    let ctx = RowContext::rop(columns);
    match r.unit(size, "TableRowData kept as bytes", |r| {
        let row = PropertyRow::read(r, &ctx)?;
        r.expect_end()?;
        Ok(row)
    })? {
        Unit::Value(row) => Ok(TableRowData::Row {
            columns: columns.to_vec(),
            row,
        }),
        Unit::Raw(b) => Ok(TableRowData::Raw(Cow::Borrowed(b))),
    }
}

/// A NotificationData with the columns of the notification's table.
impl<'a, 'c> DecodeWith<'a, Option<&'c [PropertyTag]>> for NotificationData<'a> {
    fn decode_with(r: &mut Reader<'a>, columns: Option<&'c [PropertyTag]>) -> Result<Self> {
        Self::read(r, columns)
    }
}

impl Encode for NotificationData<'_> {
    fn encoded_len(&self) -> usize {
        let o8 = |x: bool| if x { 8 } else { 0 };
        let o4 = |x: bool| if x { 4 } else { 0 };
        2 + self.table_event_type.map_or(0, |_| 2)
            + o8(self.table_row_folder_id.is_some())
            + o8(self.table_row_message_id.is_some())
            + o4(self.table_row_instance.is_some())
            + o8(self.insert_after_table_row_folder_id.is_some())
            + o8(self.insert_after_table_row_id.is_some())
            + o4(self.insert_after_table_row_instance.is_some())
            + self
                .table_row_data
                .as_ref()
                .map_or(0, TableRowData::wire_len)
            + o8(self.folder_id.is_some())
            + o8(self.message_id.is_some())
            + o8(self.parent_folder_id.is_some())
            + o8(self.old_folder_id.is_some())
            + o8(self.old_message_id.is_some())
            + o8(self.old_parent_folder_id.is_some())
            + self.tag_count.map_or(0, |_| 2)
            + self.tags.as_ref().map_or(0, |t| 4 * t.len())
            + o4(self.total_message_count.is_some())
            + o4(self.unread_message_count.is_some())
            + o4(self.message_flags.is_some())
            + self.unicode_flag.map_or(0, |_| 1)
            + self.message_class.as_ref().map_or(0, MapiString::wire_len)
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.check()?;
        buf.put_u16_le(self.notification_flags.bits());
        if let Some(t) = self.table_event_type {
            buf.put_u16_le(t.value());
        }
        let fid = |f: &Option<FolderId>, buf: &mut B| -> Result<()> {
            if let Some(f) = f {
                f.encode(buf)?;
            }
            Ok(())
        };
        let mid = |m: &Option<MessageId>, buf: &mut B| -> Result<()> {
            if let Some(m) = m {
                m.encode(buf)?;
            }
            Ok(())
        };
        let u32o = |v: Option<u32>, buf: &mut B| {
            if let Some(v) = v {
                buf.put_u32_le(v);
            }
        };
        fid(&self.table_row_folder_id, buf)?;
        mid(&self.table_row_message_id, buf)?;
        u32o(self.table_row_instance, buf);
        fid(&self.insert_after_table_row_folder_id, buf)?;
        mid(&self.insert_after_table_row_id, buf)?;
        u32o(self.insert_after_table_row_instance, buf);
        if let Some(d) = &self.table_row_data {
            d.write(buf)?;
        }
        fid(&self.folder_id, buf)?;
        mid(&self.message_id, buf)?;
        fid(&self.parent_folder_id, buf)?;
        fid(&self.old_folder_id, buf)?;
        mid(&self.old_message_id, buf)?;
        fid(&self.old_parent_folder_id, buf)?;
        if let Some(n) = self.tag_count {
            buf.put_u16_le(n);
        }
        if let Some(tags) = &self.tags {
            for t in tags {
                t.encode(buf)?;
            }
        }
        u32o(self.total_message_count, buf);
        u32o(self.unread_message_count, buf);
        u32o(self.message_flags, buf);
        if let Some(u) = self.unicode_flag {
            buf.put_u8(u);
        }
        if let (Some(s), Some(u)) = (&self.message_class, self.unicode_flag) {
            s.write(u != 0, "MessageClass", buf)?;
        }
        Ok(())
    }
}

/// [MS-OXCROPS] 2.2.14.2.1 RopNotify ROP Response Buffer: a notification
/// the server sends on a subscription (or a table) of the session.
///
/// A table notification's row is laid out by the columns of the table
/// (the [`crate::ResponseContext`] finds them by NotificationHandle).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopNotifyResponse<'a> {
    /// NotificationHandle: the Server object handle of the subscription or table.
    pub notification_handle: u32,
    /// LogonId: the logon the notification is for.
    pub logon_id: u8,
    /// NotificationData ([MS-OXCNOTIF] 2.2.1.4.1.2).
    pub notification_data: NotificationData<'a>,
}

impl<'a> RopNotifyResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        let notification_handle = r.u32()?;
        let logon_id = r.u8()?;
        let columns = cx.response.table_columns(notification_handle);
        let notification_data = NotificationData::read(r, columns)?;
        Ok(RopNotifyResponse {
            notification_handle,
            logon_id,
            notification_data,
        })
    }
}

/// A RopNotify response (after its RopId) with the columns of tables.
impl<'a, 'c> DecodeWith<'a, &'c dyn TableColumns> for RopNotifyResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, tables: &'c dyn TableColumns) -> Result<Self> {
        let notification_handle = r.u32()?;
        let logon_id = r.u8()?;
        let columns = tables.table_columns(notification_handle, &[]);
        let notification_data = NotificationData::read(r, columns)?;
        Ok(RopNotifyResponse {
            notification_handle,
            logon_id,
            notification_data,
        })
    }
}

impl Encode for RopNotifyResponse<'_> {
    fn encoded_len(&self) -> usize {
        5 + self.notification_data.encoded_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.notification_handle);
        buf.put_u8(self.logon_id);
        self.notification_data.encode(buf)
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.14.3.1 RopPending ROP Response Buffer: notifications
    /// are waiting on a session.
    #[derive(Copy, Eq)]
    pub struct RopPendingResponse {
        /// SessionIndex: the session with pending notifications.
        pub session_index: u16,
    }
}

impl<'a> Decode<'a> for NotificationData<'a> {
    /// A NotificationData without table columns (a table row is kept as
    /// bytes, with a defect in lenient mode).
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::read(r, None)
    }
}
