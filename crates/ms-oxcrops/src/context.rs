//! What a ROP needs from earlier in the conversation, as explicit values.
//!
//! A few ROP buffers cannot be laid out from their own bytes:
//!
//! - a RopLogon response is laid out for a private mailbox or for public
//!   folders as the request's LogonFlags said ([MS-OXCROPS] 2.2.3.1);
//! - a RopWritePerUserInformation request carries a ReplGuid only on a
//!   private-mailbox logon ([MS-OXCROPS] 2.2.3.13.1);
//! - rows (RopQueryRows, RopFindRow, RopExpandRow, table notifications)
//!   are laid out by the columns of the last RopSetColumns on the table;
//! - a RopGetPropertiesSpecific response row by the tags of its request;
//! - RopReadRecipients rows by the recipient columns of the message.
//!
//! [`LogonKinds`] and [`ResponseContext`] carry that for one ROP;
//! [`ResponseBufferContext`] for one ROP output buffer. [`RopContext`]
//! keeps it across a whole conversation: feed it each request buffer and
//! then its response buffer, in order, and it tracks the Server object
//! handle table and what is known about each object (a logon's kind, a
//! table's columns, a message's recipient columns). Each of them also says
//! in which [`RowForm`] rows are decoded: owned values, or the input's
//! bytes checked and read on demand.

use std::collections::HashMap;
use std::fmt;

use ms_oxcdata::PropertyTag;
use msox_codec::{DecodeWith, Decoded, Options, Result};

use crate::buffer::{RopRequestBuffer, RopResponseBuffer};
use crate::rop::{RopRequest, RopResponse};
use crate::rop_id::RopId;

/// The kind of a logon: [MS-OXCSTOR] 2.2.1.1.1 the Private flag of the
/// RopLogon request's LogonFlags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LogonKind {
    /// A private mailbox logon (Private flag set).
    PrivateMailbox,
    /// A public folders logon (Private flag clear).
    PublicFolders,
}

/// The kind of each logon of a session, by LogonId (0-255); unknown until
/// set.
#[derive(Clone, PartialEq, Eq)]
pub struct LogonKinds {
    kinds: [Option<LogonKind>; 256],
}

impl Default for LogonKinds {
    fn default() -> Self {
        LogonKinds { kinds: [None; 256] }
    }
}

impl fmt::Debug for LogonKinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.kinds
                    .iter()
                    .enumerate()
                    .filter_map(|(i, k)| k.map(|k| (i, k))),
            )
            .finish()
    }
}

impl LogonKinds {
    /// No logon known.
    pub fn new() -> Self {
        Self::default()
    }

    /// The kind of logon `logon_id`, if known.
    pub fn get(&self, logon_id: u8) -> Option<LogonKind> {
        self.kinds.get(usize::from(logon_id)).copied().flatten()
    }

    /// Records the kind of logon `logon_id`.
    pub fn set(&mut self, logon_id: u8, kind: LogonKind) {
        if let Some(slot) = self.kinds.get_mut(usize::from(logon_id)) {
            *slot = Some(kind);
        }
    }

    /// These kinds with logon `logon_id` set to `kind`.
    #[must_use]
    pub fn with(mut self, logon_id: u8, kind: LogonKind) -> Self {
        self.set(logon_id, kind);
        self
    }
}

/// What a ROP request tells about the layout of its response: filled in
/// by [`RopContext`] (or by hand) for each request of a ROP input buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseExpectation {
    /// The RopId of the request (and of its response).
    pub rop_id: RopId,
    /// RopLogon: the kind of logon the request asked for.
    pub logon: Option<LogonKind>,
    /// The handle index of the object the request reads rows of (the
    /// table of RopQueryRows, the message of RopReadRecipients), so that
    /// columns a response earlier in the same output buffer tells (a
    /// RopOpenMessage response's recipient columns) can be used.
    pub handle_index: Option<u8>,
    /// The columns the response's rows are laid out by: the tags of a
    /// RopGetPropertiesSpecific request; the columns set on the table of a
    /// RopQueryRows, RopFindRow or RopExpandRow request; the recipient
    /// columns of the message of a RopReadRecipients request. `None` when
    /// not known.
    pub columns: Option<Vec<PropertyTag>>,
}

impl ResponseExpectation {
    /// Nothing known but the RopId.
    pub const fn new(rop_id: RopId) -> Self {
        ResponseExpectation {
            rop_id,
            logon: None,
            handle_index: None,
            columns: None,
        }
    }

    /// With the kind of logon a RopLogon request asked for.
    #[must_use]
    pub fn with_logon(mut self, kind: LogonKind) -> Self {
        self.logon = Some(kind);
        self
    }

    /// With the columns of the response's rows.
    #[must_use]
    pub fn with_columns(mut self, columns: Vec<PropertyTag>) -> Self {
        self.columns = Some(columns);
        self
    }
}

/// The column sets of tables by Server object handle, for table
/// notifications ([MS-OXCNOTIF] 2.2.1.4.1.2 TableRowData is laid out by
/// the columns of the table's last RopSetColumns).
pub trait TableColumns {
    /// The columns of the table whose handle is `handle`; `handles` is the
    /// Server object handle table of the ROP output buffer being decoded
    /// (to find tables opened in the same call).
    fn table_columns(&self, handle: u32, handles: &[u32]) -> Option<&[PropertyTag]>;
}

impl TableColumns for HashMap<u32, Vec<PropertyTag>> {
    fn table_columns(&self, handle: u32, _handles: &[u32]) -> Option<&[PropertyTag]> {
        self.get(&handle).map(Vec::as_slice)
    }
}

/// The form the rows of ROP responses are decoded in (RopQueryRows,
/// RopFindRow, RopExpandRow, RopGetPropertiesSpecific): owned values, or
/// the input's bytes checked and read on demand.
///
/// Either way every error and defect is reported while the buffer is
/// decoded, at the same offset with the same path; the forms differ in
/// what the rows hold and what decoding costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RowForm {
    /// Each row decoded into a [`ms_oxcdata::PropertyRow`] of owned values
    /// ([`crate::Rows::Decoded`], [`crate::Row::Decoded`]).
    #[default]
    Owned,
    /// Each row checked and kept as a [`ms_oxcdata::PropertyRowRef`]: its
    /// bytes in the input, values decoded on demand and borrowed
    /// ([`crate::Rows::Borrowed`], [`crate::Row::Borrowed`]). Decoding
    /// allocates nothing per row or value.
    Borrowed,
}

/// What decoding one ROP response needs from its request and the session.
#[derive(Clone, Copy, Default)]
pub struct ResponseContext<'c> {
    /// What the request this response answers said.
    pub expected: Option<&'c ResponseExpectation>,
    /// The columns of tables, for RopNotify table events.
    pub tables: Option<&'c dyn TableColumns>,
    /// The Server object handle table of the ROP output buffer.
    pub handles: &'c [u32],
    /// The form to decode rows in.
    pub rows: RowForm,
}

impl fmt::Debug for ResponseContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseContext")
            .field("expected", &self.expected)
            .field("tables", &self.tables.map(|_| ".."))
            .field("handles", &self.handles)
            .field("rows", &self.rows)
            .finish()
    }
}

impl<'c> ResponseContext<'c> {
    /// A context with what the request said.
    pub fn for_request(expected: &'c ResponseExpectation) -> Self {
        ResponseContext {
            expected: Some(expected),
            ..Self::default()
        }
    }

    /// The columns the request set for the response's rows, if the
    /// expectation is for `rop_id`.
    pub(crate) fn columns(&self, rop_id: RopId) -> Option<&'c [PropertyTag]> {
        self.expected
            .filter(|e| e.rop_id == rop_id)
            .and_then(|e| e.columns.as_deref())
    }

    /// The kind of logon a RopLogon request asked for.
    pub(crate) fn logon(&self) -> Option<LogonKind> {
        self.expected
            .filter(|e| e.rop_id == RopId::Logon)
            .and_then(|e| e.logon)
    }

    /// The columns of the table with handle `handle`.
    pub(crate) fn table_columns(&self, handle: u32) -> Option<&'c [PropertyTag]> {
        self.tables
            .and_then(|t| t.table_columns(handle, self.handles))
    }
}

/// What decoding a ROP output buffer needs: what each request of the ROP
/// input buffer said, in order, and the columns of tables.
#[derive(Clone, Copy, Default)]
pub struct ResponseBufferContext<'c> {
    /// One expectation per request of the input buffer, in order. Each
    /// response takes the next unused one with its RopId (RopRelease
    /// requests have no response; RopNotify, RopPending, RopBackoff and
    /// RopBufferTooSmall answer no request).
    pub expected: &'c [ResponseExpectation],
    /// The columns of tables, for RopNotify table events.
    pub tables: Option<&'c dyn TableColumns>,
    /// The form to decode the rows of responses in.
    pub rows: RowForm,
}

impl fmt::Debug for ResponseBufferContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBufferContext")
            .field("expected", &self.expected)
            .field("tables", &self.tables.map(|_| ".."))
            .field("rows", &self.rows)
            .finish()
    }
}

/// The context a ROP decoder reads with (crate-internal: the request side
/// and the response side in one value).
#[derive(Clone, Copy)]
pub(crate) struct Cx<'c> {
    pub logons: &'c LogonKinds,
    pub response: ResponseContext<'c>,
}

msox_codec::wire_enum! {
    /// The kind of a Server object ([MS-OXCROPS] 1.3.1) as [`RopContext`]
    /// tracks it: what the ROP that created it makes.
    pub enum ObjectKind: u8 {
        /// A Logon object (RopLogon).
        Logon = 1,
        /// A Folder object.
        Folder = 2,
        /// A Message object.
        Message = 3,
        /// An Attachment object.
        Attachment = 4,
        /// A Table object (contents, hierarchy, attachment, permissions, rules tables).
        Table = 5,
        /// A Stream object.
        Stream = 6,
        /// A notification subscription (RopRegisterNotification).
        Notification = 7,
        /// A FastTransfer download or upload context.
        FastTransferContext = 8,
        /// An ICS synchronization context or collector.
        SynchronizationContext = 9,
        /// An object whose kind is not known (a handle seen in a handle
        /// table before the ROP that made it).
        Unknown = 0,
    }
}

/// What [`RopContext`] knows about one Server object.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ServerObject {
    /// What kind of object it is.
    pub kind: ObjectKind,
    /// The logon it belongs to.
    pub logon_id: u8,
    /// A table: the columns of its last RopSetColumns.
    pub columns: Option<Vec<PropertyTag>>,
    /// A message: its recipient columns (from RopOpenMessage,
    /// RopReloadCachedInformation, RopOpenEmbeddedMessage or
    /// RopModifyRecipients).
    pub recipient_columns: Option<Vec<PropertyTag>>,
}

impl ServerObject {
    /// A new object of `kind` on logon `logon_id`.
    pub const fn new(kind: ObjectKind, logon_id: u8) -> Self {
        ServerObject {
            kind,
            logon_id,
            columns: None,
            recipient_columns: None,
        }
    }
}

/// One handle index of a call as the request left it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// Made or changed by a request of this call.
    Object(ServerObject),
    /// Released by a RopRelease request.
    Released,
}

#[derive(Debug, Clone, Default)]
struct Pending {
    expected: Vec<ResponseExpectation>,
    slots: Vec<(u8, Slot)>,
    request_handles: Vec<u32>,
}

impl Pending {
    fn slot(&self, index: u8) -> Option<&Slot> {
        self.slots
            .iter()
            .rev()
            .find(|(i, _)| *i == index)
            .map(|(_, s)| s)
    }
}

/// A conversation with a server, decoded in order: each ROP input buffer,
/// then its ROP output buffer.
///
/// Keeps, across calls, the kind of each logon (by LogonId) and, by Server
/// object handle, what each object is and what is known about it (a
/// table's columns, a message's recipient columns), so that responses
/// whose layout depends on an earlier request decode:
///
/// ```
/// use ms_oxcrops::{RopContext, RopResponse};
/// use msox_codec::Options;
///
/// let mut ctx = RopContext::new();
/// // RopLogon request for a public folders logon (LogonFlags 0x00), handle table [0xFFFFFFFF]
/// let request = [0x10, 0x00, 0xFE, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
/// ctx.decode_request(&request, &Options::strict())?;
/// // ... its response: LogonFlags, 13 folder IDs, ReplId, ReplGuid, PerUserGuid
/// let mut response = vec![0, 0, 0xFE, 0x00, 0, 0, 0, 0, 0x00];
/// response.extend([0u8; 104 + 2 + 16 + 16]);
/// let len = response.len() as u16;
/// response[..2].copy_from_slice(&len.to_le_bytes());
/// response.extend(0x0000_0042u32.to_le_bytes()); // the handle of the logon
/// let decoded = ctx.decode_response(&response, &Options::strict())?;
/// assert!(matches!(decoded.value.rops[0], RopResponse::LogonPublicFolders(_)));
/// assert_eq!(ctx.object(0x42).map(|o| o.kind), Some(ms_oxcrops::ObjectKind::Logon));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RopContext {
    logons: LogonKinds,
    objects: HashMap<u32, ServerObject>,
    pending: Option<Pending>,
    rows: RowForm,
}

/// The handle value that marks an empty slot of a handle table.
pub const NO_HANDLE: u32 = 0xFFFF_FFFF;

impl RopContext {
    /// A context that knows nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// This context decoding the rows of responses in `form`.
    #[must_use]
    pub fn with_row_form(mut self, form: RowForm) -> Self {
        self.rows = form;
        self
    }

    /// Decodes the rows of the responses that follow in `form`.
    pub fn set_row_form(&mut self, form: RowForm) {
        self.rows = form;
    }

    /// The form the rows of responses are decoded in.
    pub fn row_form(&self) -> RowForm {
        self.rows
    }

    /// The kinds of the logons seen so far.
    pub fn logons(&self) -> &LogonKinds {
        &self.logons
    }

    /// What is known about the Server object with handle `handle`.
    pub fn object(&self, handle: u32) -> Option<&ServerObject> {
        self.objects.get(&handle)
    }

    /// Every Server object known, by handle.
    pub fn objects(&self) -> &HashMap<u32, ServerObject> {
        &self.objects
    }

    /// What the last request buffer said about each of its responses, in
    /// order (empty before the first request or after its response).
    pub fn expected(&self) -> &[ResponseExpectation] {
        self.pending.as_ref().map_or(&[], |p| &p.expected)
    }

    /// Decodes a ROP input buffer with what is known so far, then records
    /// what it says ([`RopContext::observe_request`]).
    pub fn decode_request<'a>(
        &mut self,
        bytes: &'a [u8],
        options: &Options,
    ) -> Result<Decoded<RopRequestBuffer<'a>>> {
        let decoded = RopRequestBuffer::decode_bytes_with(bytes, &self.logons, options)?;
        self.observe_request(&decoded.value);
        Ok(decoded)
    }

    /// Decodes the ROP output buffer that answers the last request buffer,
    /// then records what it says ([`RopContext::observe_response`]).
    pub fn decode_response<'a>(
        &mut self,
        bytes: &'a [u8],
        options: &Options,
    ) -> Result<Decoded<RopResponseBuffer<'a>>> {
        let pending = self.pending.clone().unwrap_or_default();
        let view = TablesView {
            objects: &self.objects,
            pending: &pending,
        };
        let cx = ResponseBufferContext {
            expected: &pending.expected,
            tables: Some(&view),
            rows: self.rows,
        };
        let decoded = RopResponseBuffer::decode_bytes_with(bytes, cx, options)?;
        self.observe_response(&decoded.value);
        Ok(decoded)
    }

    /// Records what a ROP input buffer says (the logons it makes, the
    /// objects it opens, the columns it sets) and what each of its
    /// responses will need. For requests built rather than decoded.
    pub fn observe_request(&mut self, buffer: &RopRequestBuffer<'_>) {
        let mut p = Pending {
            request_handles: buffer.handles.clone(),
            ..Pending::default()
        };
        for rop in &buffer.rops {
            let Some(id) = rop.rop_id() else { continue };
            let mut exp = ResponseExpectation::new(id);
            self.observe_one(rop, &mut p, &mut exp);
            if !matches!(rop, RopRequest::Raw(_)) {
                p.expected.push(exp);
            }
        }
        self.pending = Some(p);
    }

    fn current(&self, p: &Pending, index: u8) -> Option<ServerObject> {
        match p.slot(index) {
            Some(Slot::Object(o)) => Some(o.clone()),
            Some(Slot::Released) => None,
            None => p
                .request_handles
                .get(usize::from(index))
                .and_then(|h| self.objects.get(h))
                .cloned(),
        }
    }

    fn observe_one(
        &mut self,
        rop: &RopRequest<'_>,
        p: &mut Pending,
        exp: &mut ResponseExpectation,
    ) {
        let effect = crate::effects::request_effect(rop);
        if let Some((logon_id, kind)) = effect.logon {
            self.logons.set(logon_id, kind);
            exp.logon = Some(kind);
        }
        if let Some(index) = effect.release {
            p.slots.push((index, Slot::Released));
        }
        if let Some((index, kind, logon_id)) = effect.creates {
            p.slots
                .push((index, Slot::Object(ServerObject::new(kind, logon_id))));
        }
        if let Some((index, columns)) = effect.set_columns {
            let mut o = self
                .current(p, index)
                .unwrap_or_else(|| ServerObject::new(ObjectKind::Table, effect.logon_id));
            o.columns = Some(columns);
            p.slots.push((index, Slot::Object(o)));
        }
        if let Some((index, columns)) = effect.set_recipient_columns {
            let mut o = self
                .current(p, index)
                .unwrap_or_else(|| ServerObject::new(ObjectKind::Message, effect.logon_id));
            o.recipient_columns = Some(columns);
            p.slots.push((index, Slot::Object(o)));
        }
        match effect.response_columns {
            Some(crate::effects::ColumnsFrom::Request(tags)) => exp.columns = Some(tags),
            Some(crate::effects::ColumnsFrom::Table(index)) => {
                exp.handle_index = Some(index);
                exp.columns = self.current(p, index).and_then(|o| o.columns);
            }
            Some(crate::effects::ColumnsFrom::Recipients(index)) => {
                exp.handle_index = Some(index);
                exp.columns = self.current(p, index).and_then(|o| o.recipient_columns);
            }
            None => {}
        }
    }

    /// Records what a ROP output buffer says: the handles of the objects
    /// the request made (from the buffer's handle table), the objects it
    /// released, and what responses tell about objects (recipient columns).
    pub fn observe_response(&mut self, buffer: &RopResponseBuffer<'_>) {
        let Some(mut p) = self.pending.take() else {
            return;
        };
        // what responses say about objects
        for rop in &buffer.rops {
            if let Some((index, columns)) = crate::effects::response_recipient_columns(rop) {
                let logon_id = 0;
                let mut o = self
                    .current(&p, index)
                    .unwrap_or_else(|| ServerObject::new(ObjectKind::Message, logon_id));
                o.recipient_columns = Some(columns);
                p.slots.push((index, Slot::Object(o)));
            }
            if let RopResponse::Failure(f) = rop {
                // an object the failed ROP was to make was not made
                if let Some(pos) = p
                    .slots
                    .iter()
                    .rposition(|(i, s)| *i == f.handle_index && matches!(s, Slot::Object(_)))
                {
                    let created_here = p
                        .request_handles
                        .get(usize::from(f.handle_index))
                        .is_none_or(|h| !self.objects.contains_key(h));
                    if created_here {
                        p.slots.remove(pos);
                    }
                }
            }
        }
        // the final state of every slot the request touched
        let mut done: Vec<u8> = Vec::new();
        for (index, slot) in p.slots.iter().rev() {
            if done.contains(index) {
                continue;
            }
            done.push(*index);
            let i = usize::from(*index);
            let before = p.request_handles.get(i).copied();
            let after = buffer.handles.get(i).copied();
            match slot {
                Slot::Released => {
                    if let Some(h) = before {
                        self.objects.remove(&h);
                    }
                }
                Slot::Object(o) => {
                    if let Some(h) = after.filter(|&h| h != NO_HANDLE) {
                        self.objects.insert(h, o.clone());
                    }
                }
            }
        }
    }
}

/// The columns of tables as a [`RopContext`] sees them while it decodes a
/// response buffer: tables opened in this call (by handle index, resolved
/// through the output buffer's handle table), then known tables.
struct TablesView<'v> {
    objects: &'v HashMap<u32, ServerObject>,
    pending: &'v Pending,
}

impl TableColumns for TablesView<'_> {
    fn table_columns(&self, handle: u32, handles: &[u32]) -> Option<&[PropertyTag]> {
        for (index, slot) in self.pending.slots.iter().rev() {
            if let (Some(&h), Slot::Object(o)) = (handles.get(usize::from(*index)), slot)
                && h == handle
                && let Some(c) = &o.columns
            {
                return Some(c);
            }
        }
        self.objects.get(&handle).and_then(|o| o.columns.as_deref())
    }
}
