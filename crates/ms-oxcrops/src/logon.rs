//! [MS-OXCROPS] 2.2.3 Logon ROPs (store operations; field semantics in
//! [MS-OXCSTOR] 2.2.1).

use std::borrow::Cow;

use ms_dtyp::Guid;
use ms_oxcdata::{FolderId, LongTermId, PropertyRow, PropertyTag, PropertyType, RowContext};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result, String8};

use crate::codec::{Array, AsciiZ, Bytes, Codec, Plain, list16, nz, opt, rop_struct};
use crate::context::{Cx, LogonKind};
use crate::rop::RopResponse;
use crate::rop_id::RopId;

msox_codec::wire_flags! {
    /// [MS-OXCSTOR] 2.2.1.1.1 LogonFlags of the RopLogon request (and
    /// 2.2.1.1.2-4 of its responses).
    pub struct LogonFlags: u8 {
        /// Private: a private mailbox logon (clear: public folders).
        const PRIVATE = 0x01 => "Private";
        /// Undercover: a private logon that does not count as the owner's.
        const UNDERCOVER = 0x02 => "Undercover";
        /// Ghosted: a public folder logon to a server that holds no replica.
        const GHOSTED = 0x04 => "Ghosted";
        /// SpoolerProcess: the client is the spooler process.
        const SPOOLER_PROCESS = 0x08 => "SpoolerProcess";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCSTOR] 2.2.1.1.1 OpenFlags of the RopLogon request.
    pub struct OpenFlags: u32 {
        /// USE_ADMIN_PRIVILEGE.
        const USE_ADMIN_PRIVILEGE = 0x0000_0001 => "USE_ADMIN_PRIVILEGE";
        /// PUBLIC: a public folders logon.
        const PUBLIC = 0x0000_0002 => "PUBLIC";
        /// HOME_LOGON.
        const HOME_LOGON = 0x0000_0004 => "HOME_LOGON";
        /// TAKE_OWNERSHIP.
        const TAKE_OWNERSHIP = 0x0000_0008 => "TAKE_OWNERSHIP";
        /// ALTERNATE_SERVER.
        const ALTERNATE_SERVER = 0x0000_0100 => "ALTERNATE_SERVER";
        /// IGNORE_HOME_MDB.
        const IGNORE_HOME_MDB = 0x0000_0200 => "IGNORE_HOME_MDB";
        /// NO_MAIL.
        const NO_MAIL = 0x0000_0400 => "NO_MAIL";
        /// USE_PER_MDB_REPLID_MAPPING.
        const USE_PER_MDB_REPLID_MAPPING = 0x0100_0000 => "USE_PER_MDB_REPLID_MAPPING";
        /// SUPPORT_PROGRESS: the client handles RopProgress responses.
        const SUPPORT_PROGRESS = 0x2000_0000 => "SUPPORT_PROGRESS";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCSTOR] 2.2.1.1.3 ResponseFlags of the RopLogon response for a
    /// private mailbox.
    pub struct ResponseFlags: u8 {
        /// Reserved (set by servers).
        const RESERVED = 0x01 => "Reserved";
        /// OwnerRight: the user owns the mailbox.
        const OWNER_RIGHT = 0x02 => "OwnerRight";
        /// SendAsRight: the user may send as the mailbox.
        const SEND_AS_RIGHT = 0x04 => "SendAsRight";
        /// OOF: the mailbox is Out of Office.
        const OOF = 0x10 => "OOF";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCSTOR] 2.2.1.1.3 / 2.2.1.5.2 StoreState (also
    /// PidTagStoreState).
    pub struct StoreState: u32 {
        /// STORE_HAS_SEARCHES: the mailbox has active search folders.
        const STORE_HAS_SEARCHES = 0x0100_0000 => "STORE_HAS_SEARCHES";
    }
}

/// [MS-OXCDATA] 2.4 ecWrongServer (0x00000478): the ReturnValue of a
/// RopLogon redirect response.
pub const WRONG_SERVER: u32 = 0x0000_0478;

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.1.1 RopLogon ROP Request Buffer.
    pub struct RopLogonRequest<'a> {
        /// LogonId: the ID to give the logon.
        pub logon_id: u8,
        /// OutputHandleIndex: where the Logon object's handle goes.
        pub output_handle_index: u8,
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.1).
        pub logon_flags: LogonFlags,
        /// OpenFlags ([MS-OXCSTOR] 2.2.1.1.1).
        pub open_flags: OpenFlags,
        /// StoreState: not used; 0.
        pub store_state: u32,
        /// Essdn after its 2-byte EssdnSize: the ASCII DN of the mailbox,
        /// with its null terminator, as sent (empty for most public
        /// folders logons). See [`RopLogonRequest::essdn_text`].
        pub essdn: Cow<'a, [u8]> => Bytes::<2>("EssdnSize"),
    }
}

impl RopLogonRequest<'_> {
    /// The Essdn without its null terminator (lossy for non-ASCII bytes).
    pub fn essdn_text(&self) -> String {
        let s = self.essdn.strip_suffix(&[0]).unwrap_or(&self.essdn);
        String::from_utf8_lossy(s).into_owned()
    }

    /// The kind of logon the request asks for (the Private flag).
    pub fn kind(&self) -> LogonKind {
        if self.logon_flags.contains(LogonFlags::PRIVATE) {
            LogonKind::PrivateMailbox
        } else {
            LogonKind::PublicFolders
        }
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.1.2.1 LogonTime Structure: the server's UTC time
    /// of the logon.
    #[derive(Copy, Eq, Default)]
    pub struct LogonTime {
        /// Seconds.
        pub seconds: u8,
        /// Minutes.
        pub minutes: u8,
        /// Hour.
        pub hour: u8,
        /// DayOfWeek (Sunday = 0).
        pub day_of_week: u8,
        /// Day of the month.
        pub day: u8,
        /// Month (January = 1).
        pub month: u8,
        /// Year.
        pub year: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.1.2 RopLogon ROP Success Response Buffer for
    /// Private Mailboxes.
    pub struct RopLogonPrivateMailboxResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.3).
        pub logon_flags: LogonFlags,
        /// FolderIds: the 13 special folders ([MS-OXCSTOR] 2.2.1.1.3: Root,
        /// Deferred Action, Spooler Queue, IPM Subtree, Inbox, Outbox, Sent
        /// Items, Deleted Items, Common Views, Schedule, Finder, Views,
        /// Shortcuts), in that order.
        pub folder_ids: [FolderId; 13] => Array(Plain),
        /// ResponseFlags ([MS-OXCSTOR] 2.2.1.1.3).
        pub response_flags: ResponseFlags,
        /// MailboxGuid: the mailbox.
        pub mailbox_guid: Guid,
        /// ReplId: the short form of ReplGuid.
        pub repl_id: u16,
        /// ReplGuid: the replica GUID of the mailbox.
        pub repl_guid: Guid,
        /// LogonTime.
        pub logon_time: LogonTime,
        /// GwartTime: the currency of the GWART (compare only).
        pub gwart_time: u64,
        /// StoreState ([MS-OXCSTOR] 2.2.1.1.3).
        pub store_state: StoreState,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.1.3 RopLogon ROP Success Response Buffer for
    /// Public Folders.
    pub struct RopLogonPublicFoldersResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.4).
        pub logon_flags: LogonFlags,
        /// FolderIds: the 13 special folders of the public folders store
        /// ([MS-OXCSTOR] 2.2.1.1.4: Public Root, IPM Subtree, Non-IPM
        /// Subtree, EFORMS Registry, Free/Busy, Offline Address Book,
        /// EFORMS Registry for the locale, local site Free/Busy, local site
        /// Offline Address Book, NNTP Article Index, then three zero IDs),
        /// in that order.
        pub folder_ids: [FolderId; 13] => Array(Plain),
        /// ReplId: the short form of ReplGuid.
        pub repl_id: u16,
        /// ReplGuid: the replica GUID of the public folders store.
        pub repl_guid: Guid,
        /// PerUserGuid: not used (zero).
        pub per_user_guid: Guid,
    }
}

/// [MS-OXCROPS] 2.2.3.1.4 RopLogon ROP Redirect Response Buffer: the
/// mailbox is on another server (ReturnValue 0x00000478, ecWrongServer).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopLogonRedirectResponse<'a> {
    /// OutputHandleIndex.
    pub output_handle_index: u8,
    /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.2).
    pub logon_flags: LogonFlags,
    /// ServerName after its 1-byte ServerNameSize: the ASCII name of the
    /// server to connect to, with its null terminator, as sent.
    pub server_name: Cow<'a, [u8]>,
}

impl RopLogonRedirectResponse<'_> {
    /// The ServerName without its null terminator (lossy for non-ASCII).
    pub fn server_name_text(&self) -> String {
        let s = self
            .server_name
            .strip_suffix(&[0])
            .unwrap_or(&self.server_name);
        String::from_utf8_lossy(s).into_owned()
    }
}

impl<'a> Decode<'a> for RopLogonRedirectResponse<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let output_handle_index = r.u8()?;
        let at = r.pos();
        let rv = r.u32()?;
        if rv != WRONG_SERVER {
            return Err(r.invalid_at("ReturnValue", u64::from(rv), at));
        }
        let logon_flags = r.decode()?;
        let server_name = Bytes::<1>("ServerNameSize").read(r)?;
        Ok(RopLogonRedirectResponse {
            output_handle_index,
            logon_flags,
            server_name,
        })
    }
}

impl Encode for RopLogonRedirectResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4 + 1 + 1 + self.server_name.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.output_handle_index);
        buf.put_u32_le(WRONG_SERVER);
        buf.put_u8(self.logon_flags.bits());
        Bytes::<1>("ServerNameSize").write(&self.server_name, buf)
    }
}

/// Reads a RopLogon response in the form its ReturnValue and the request's
/// logon kind select. Without the request, the response's own LogonFlags
/// (its Private flag) decide, with a defect in lenient mode (an error in
/// strict mode).
pub(crate) fn read_logon_response<'a>(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<RopResponse<'a>> {
    let head = r.peek(5)?;
    let rv = head
        .get(1..5)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_le_bytes);
    if rv == WRONG_SERVER {
        return RopLogonRedirectResponse::decode(r).map(RopResponse::LogonRedirect);
    }
    if rv != 0 {
        return crate::rop::read_failure(r, RopId::Logon);
    }
    let kind = match cx.response.logon() {
        Some(k) => k,
        None => {
            let flags = LogonFlags::from_bits(r.rest().get(5).copied().unwrap_or_default());
            r.defect(
                ErrorKind::Unsupported(
                    "RopLogon response without its request: laid out by its own LogonFlags".into(),
                ),
                "read by the response's Private flag",
            )?;
            if flags.contains(LogonFlags::PRIVATE) {
                LogonKind::PrivateMailbox
            } else {
                LogonKind::PublicFolders
            }
        }
    };
    match kind {
        LogonKind::PrivateMailbox => RopLogonPrivateMailboxResponse::decode(r)
            .map(|x| RopResponse::LogonPrivateMailbox(Box::new(x))),
        LogonKind::PublicFolders => RopLogonPublicFoldersResponse::decode(r)
            .map(|x| RopResponse::LogonPublicFolders(Box::new(x))),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.2.1 RopGetReceiveFolder ROP Request Buffer.
    pub struct RopGetReceiveFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// MessageClass: null-terminated ASCII ([MS-OXCSTOR] 2.2.1.2.1).
        pub message_class: String8 => AsciiZ("MessageClass"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder ROP Success Response Buffer.
    pub struct RopGetReceiveFolderResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// FolderId: the Receive folder.
        pub folder_id: FolderId,
        /// ExplicitMessageClass: the message class the folder is configured
        /// for (null-terminated ASCII).
        pub explicit_message_class: String8 => AsciiZ("ExplicitMessageClass"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.3.1 RopSetReceiveFolder ROP Request Buffer.
    pub struct RopSetReceiveFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// FolderId: the Receive folder (0 to clear the message class).
        pub folder_id: FolderId,
        /// MessageClass: null-terminated ASCII.
        pub message_class: String8 => AsciiZ("MessageClass"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.4.1 RopGetReceiveFolderTable ROP Request Buffer
    /// (also the request of RopGetStoreState, RopGetAddressTypes and other
    /// ROPs with no fields of their own: see [`HandleRequest`]).
    pub struct HandleRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object the ROP acts on.
        pub input_handle_index: u8,
    }
}

/// [MS-OXCROPS] 2.2.3.4.1 RopGetReceiveFolderTable ROP Request Buffer.
pub type RopGetReceiveFolderTableRequest = HandleRequest;
/// [MS-OXCROPS] 2.2.3.5.1 RopGetStoreState ROP Request Buffer.
pub type RopGetStoreStateRequest = HandleRequest;

/// [MS-OXCSTOR] 2.2.1.4.2 the columns of every row of a RopGetReceiveFolderTable
/// response: PidTagFolderId (PtypInteger64), PidTagMessageClass
/// (PtypString8), PidTagLastModificationTime (PtypTime), in that order.
pub const RECEIVE_FOLDER_TABLE_COLUMNS: [PropertyTag; 3] = [
    PropertyTag::new(0x6748, PropertyType::Integer64),
    PropertyTag::new(0x001A, PropertyType::String8),
    PropertyTag::new(0x3008, PropertyType::Time),
];

/// The rows of a RopGetReceiveFolderTable response: a 4-byte RowCount,
/// then rows with [`RECEIVE_FOLDER_TABLE_COLUMNS`].
#[derive(Clone, Copy)]
pub(crate) struct ReceiveFolderRows;

impl<'a> Codec<'a, Vec<PropertyRow>> for ReceiveFolderRows {
    fn read(&self, r: &mut Reader<'a>) -> Result<Vec<PropertyRow>> {
        let n = r.u32()?;
        let ctx = RowContext::rop(&RECEIVE_FOLDER_TABLE_COLUMNS);
        let mut i = 0usize;
        r.counted(u64::from(n), 1, "RowCount", |r| {
            i += 1;
            r.frame_indexed("PropertyRow", i - 1, |r| PropertyRow::read(r, &ctx))
        })
    }
    fn len(&self, v: &Vec<PropertyRow>) -> usize {
        let ctx = RowContext::rop(&RECEIVE_FOLDER_TABLE_COLUMNS);
        4 + v.iter().map(|x| x.wire_len(&ctx)).sum::<usize>()
    }
    fn write<B: BufMut>(&self, v: &Vec<PropertyRow>, buf: &mut B) -> Result<()> {
        let ctx = RowContext::rop(&RECEIVE_FOLDER_TABLE_COLUMNS);
        buf.put_u32_le(msox_codec::fit_u32(v.len(), "RowCount")?);
        for row in v {
            row.write(&ctx, buf)?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable ROP Success Response Buffer.
    pub struct RopGetReceiveFolderTableResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// Rows after their 4-byte RowCount: one row per message class,
        /// with the columns [`RECEIVE_FOLDER_TABLE_COLUMNS`].
        pub rows: Vec<PropertyRow> => ReceiveFolderRows,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState ROP Success Response Buffer.
    pub struct RopGetStoreStateResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// StoreState ([MS-OXCSTOR] 2.2.1.5.2).
        pub store_state: StoreState,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.6.1 RopGetOwningServers ROP Request Buffer.
    pub struct RopGetOwningServersRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// FolderId: the public folder.
        pub folder_id: FolderId,
    }
}

/// [MS-OXCROPS] 2.2.3.6.2 the server list of RopGetOwningServers (and of
/// RopOpenFolder, RopCreateFolder and RopPublicFolderIsGhosted): a 2-byte
/// server count, a 2-byte CheapServersCount, then the null-terminated
/// ASCII server names.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServerList {
    /// CheapServersCount: how many of the first servers are cheapest to
    /// reach.
    pub cheap_servers_count: u16,
    /// The servers (the count before CheapServersCount is its length).
    pub servers: Vec<String8>,
}

impl<'a> Decode<'a> for ServerList {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("Servers", |r| {
            let n = r.u16()?;
            let cheap_servers_count = r.u16()?;
            let servers = r.counted(u64::from(n), 1, "ServerCount", |r| {
                AsciiZ("Servers").read(r)
            })?;
            Ok(ServerList {
                cheap_servers_count,
                servers,
            })
        })
    }
}

impl Encode for ServerList {
    fn encoded_len(&self) -> usize {
        4 + self
            .servers
            .iter()
            .map(|s| s.bytes().len() + 1)
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(self.servers.len(), "ServerCount")?);
        buf.put_u16_le(self.cheap_servers_count);
        for s in &self.servers {
            AsciiZ("Servers").write(s, buf)?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers ROP Success Response Buffer.
    pub struct RopGetOwningServersResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// OwningServersCount, CheapServersCount and OwningServers.
        pub owning_servers: ServerList,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.7.1 RopPublicFolderIsGhosted ROP Request Buffer.
    pub struct RopPublicFolderIsGhostedRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// FolderId: the public folder.
        pub folder_id: FolderId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted ROP Success Response Buffer.
    pub struct RopPublicFolderIsGhostedResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// IsGhosted: nonzero when the folder is ghosted (the server list follows).
        pub is_ghosted: u8,
        /// ServersCount, CheapServersCount and Servers: present when
        /// IsGhosted is nonzero.
        pub servers: Option<ServerList> => opt(nz(is_ghosted), "Servers", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.8.1 RopLongTermIdFromId ROP Request Buffer.
    pub struct RopLongTermIdFromIdRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// ObjectId: a Folder ID or Message ID ([MS-OXCDATA] 2.2.1.1-2), as
        /// the 8 wire bytes read little-endian (see [`FolderId::from_u64`]).
        pub object_id: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId ROP Success Response Buffer.
    pub struct RopLongTermIdFromIdResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// LongTermId ([MS-OXCDATA] 2.2.1.3.1).
        pub long_term_id: LongTermId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.9.1 RopIdFromLongTermId ROP Request Buffer.
    pub struct RopIdFromLongTermIdRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// LongTermId ([MS-OXCDATA] 2.2.1.3.1).
        pub long_term_id: LongTermId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId ROP Success Response Buffer.
    pub struct RopIdFromLongTermIdResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// ObjectId: the Folder ID or Message ID, as the 8 wire bytes read
        /// little-endian.
        pub object_id: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.10.1 RopGetPerUserLongTermIds ROP Request Buffer.
    pub struct RopGetPerUserLongTermIdsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// DatabaseGuid: the public folders database.
        pub database_guid: Guid,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds ROP Success Response Buffer.
    pub struct RopGetPerUserLongTermIdsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// LongTermIds after their 2-byte LongTermIdCount.
        pub long_term_ids: Vec<LongTermId> => list16("LongTermIdCount", 24, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.11.1 RopGetPerUserGuid ROP Request Buffer.
    pub struct RopGetPerUserGuidRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// LongTermId: the public folder.
        pub long_term_id: LongTermId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid ROP Success Response Buffer.
    pub struct RopGetPerUserGuidResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// DatabaseGuid: the database that provided the per-user data.
        pub database_guid: Guid,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.12.1 RopReadPerUserInformation ROP Request Buffer.
    pub struct RopReadPerUserInformationRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// FolderId: the folder, as a LongTermID.
        pub folder_id: LongTermId,
        /// Reserved: 0.
        pub reserved: u8,
        /// DataOffset: where to start reading.
        pub data_offset: u32,
        /// MaxDataSize: the most bytes to return.
        pub max_data_size: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation ROP Success Response Buffer.
    pub struct RopReadPerUserInformationResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// HasFinished: nonzero at the end of the per-user data.
        pub has_finished: u8,
        /// Data after its 2-byte DataSize.
        pub data: Cow<'a, [u8]> => Bytes::<2>("DataSize"),
    }
}

/// [MS-OXCROPS] 2.2.3.13.1 RopWritePerUserInformation ROP Request Buffer.
///
/// ReplGuid is present when DataOffset is 0 and the logon was made with
/// the Private flag: decoding needs the logon's kind
/// ([`crate::LogonKinds`]); without it, lenient decoding assumes a private
/// mailbox logon (with a defect) and strict decoding fails.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopWritePerUserInformationRequest<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Logon object.
    pub input_handle_index: u8,
    /// FolderId: the folder, as a LongTermID.
    pub folder_id: LongTermId,
    /// HasFinished: nonzero for the last block.
    pub has_finished: u8,
    /// DataOffset: where this block goes.
    pub data_offset: u32,
    /// Data after its 2-byte DataSize.
    pub data: Cow<'a, [u8]>,
    /// ReplGuid: present when DataOffset is 0 on a private mailbox logon.
    pub repl_guid: Option<Guid>,
}

impl<'a> RopWritePerUserInformationRequest<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        let logon_id = r.u8()?;
        let input_handle_index = r.u8()?;
        let folder_id = r.decode()?;
        let has_finished = r.u8()?;
        let data_offset = r.u32()?;
        let data = Bytes::<2>("DataSize").read(r)?;
        let repl_guid = if data_offset == 0 {
            let private = match cx.logons.get(logon_id) {
                Some(k) => k == LogonKind::PrivateMailbox,
                None => {
                    r.defect(
                        ErrorKind::Unsupported(
                            "RopWritePerUserInformation needs the kind of its logon".into(),
                        ),
                        "assumed a private mailbox logon (ReplGuid present)",
                    )?;
                    true
                }
            };
            if private { Some(r.decode()?) } else { None }
        } else {
            None
        };
        Ok(RopWritePerUserInformationRequest {
            logon_id,
            input_handle_index,
            folder_id,
            has_finished,
            data_offset,
            data,
            repl_guid,
        })
    }
}

impl Encode for RopWritePerUserInformationRequest<'_> {
    fn encoded_len(&self) -> usize {
        2 + 24 + 1 + 4 + 2 + self.data.len() + self.repl_guid.map_or(0, |_| 16)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.repl_guid.is_some() && self.data_offset != 0 {
            return Err(msox_codec::Error::new(ErrorKind::Malformed(
                "ReplGuid is sent only with DataOffset 0".into(),
            )));
        }
        buf.put_u8(self.logon_id);
        buf.put_u8(self.input_handle_index);
        self.folder_id.encode(buf)?;
        buf.put_u8(self.has_finished);
        buf.put_u32_le(self.data_offset);
        Bytes::<2>("DataSize").write(&self.data, buf)?;
        if let Some(g) = &self.repl_guid {
            g.encode(buf)?;
        }
        Ok(())
    }
}
