//! What each ROP request does to the session (the objects it makes or
//! releases, the columns it sets, what its response will need), for
//! [`crate::RopContext`].

use ms_oxcdata::PropertyTag;

use crate::context::{LogonKind, ObjectKind};
use crate::rop::{RopRequest, RopResponse};

/// Where the columns of a response's rows come from.
pub(crate) enum ColumnsFrom {
    /// The request's own tags.
    Request(Vec<PropertyTag>),
    /// The columns set on the table at this handle index.
    Table(u8),
    /// The recipient columns of the message at this handle index.
    Recipients(u8),
}

/// The effect of one request.
#[derive(Default)]
pub(crate) struct Effect {
    /// The LogonId the request is on.
    pub logon_id: u8,
    /// RopLogon: the logon it makes and its kind.
    pub logon: Option<(u8, LogonKind)>,
    /// RopRelease: the handle index released.
    pub release: Option<u8>,
    /// An object the request makes: handle index, kind, logon.
    pub creates: Option<(u8, ObjectKind, u8)>,
    /// RopSetColumns: the table's handle index and its new columns.
    pub set_columns: Option<(u8, Vec<PropertyTag>)>,
    /// RopModifyRecipients: the message's handle index and its recipient columns.
    pub set_recipient_columns: Option<(u8, Vec<PropertyTag>)>,
    /// The columns of the response's rows.
    pub response_columns: Option<ColumnsFrom>,
}

/// What `rop` does.
pub(crate) fn request_effect(rop: &RopRequest<'_>) -> Effect {
    let mut e = Effect::default();
    match rop {
        RopRequest::Logon(x) => {
            e.logon_id = x.logon_id;
            e.logon = Some((x.logon_id, x.kind()));
            e.creates = Some((x.output_handle_index, ObjectKind::Logon, x.logon_id));
        }
        RopRequest::SetColumns(x) => {
            e.logon_id = x.logon_id;
            e.set_columns = Some((x.input_handle_index, x.property_tags.clone()));
        }
        RopRequest::QueryRows(x) => {
            e.logon_id = x.logon_id;
            e.response_columns = Some(ColumnsFrom::Table(x.input_handle_index));
        }
        RopRequest::FindRow(x) => {
            e.logon_id = x.logon_id;
            e.response_columns = Some(ColumnsFrom::Table(x.input_handle_index));
        }
        RopRequest::ExpandRow(x) => {
            e.logon_id = x.logon_id;
            e.response_columns = Some(ColumnsFrom::Table(x.input_handle_index));
        }
        RopRequest::OpenFolder(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Folder, x.logon_id));
        }
        RopRequest::CreateFolder(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Folder, x.logon_id));
        }
        RopRequest::GetHierarchyTable(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Table, x.logon_id));
        }
        RopRequest::GetContentsTable(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Table, x.logon_id));
        }
        RopRequest::OpenMessage(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Message, x.logon_id));
        }
        RopRequest::CreateMessage(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Message, x.logon_id));
        }
        RopRequest::OpenEmbeddedMessage(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Message, x.logon_id));
        }
        RopRequest::OpenAttachment(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Attachment, x.logon_id));
        }
        RopRequest::CreateAttachment(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Attachment, x.logon_id));
        }
        RopRequest::GetAttachmentTable(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Table, x.logon_id));
        }
        RopRequest::ModifyRecipients(x) => {
            e.logon_id = x.logon_id;
            e.set_recipient_columns = Some((x.input_handle_index, x.recipient_columns.clone()));
        }
        RopRequest::ReadRecipients(x) => {
            e.logon_id = x.logon_id;
            e.response_columns = Some(ColumnsFrom::Recipients(x.input_handle_index));
        }
        RopRequest::GetPropertiesSpecific(x) => {
            e.logon_id = x.logon_id;
            e.response_columns = Some(ColumnsFrom::Request(x.property_tags.clone()));
        }
        RopRequest::OpenStream(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Stream, x.logon_id));
        }
        RopRequest::CloneStream(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Stream, x.logon_id));
        }
        RopRequest::RegisterNotification(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Notification, x.logon_id));
        }
        RopRequest::GetPermissionsTable(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Table, x.logon_id));
        }
        RopRequest::GetRulesTable(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Table, x.logon_id));
        }
        RopRequest::FastTransferDestinationConfigure(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::FastTransferSourceCopyFolder(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::FastTransferSourceCopyMessages(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::FastTransferSourceCopyTo(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::FastTransferSourceCopyProperties(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::SynchronizationConfigure(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::SynchronizationContext,
                x.logon_id,
            ));
        }
        RopRequest::SynchronizationOpenCollector(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::SynchronizationContext,
                x.logon_id,
            ));
        }
        RopRequest::SynchronizationGetTransferState(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((
                x.output_handle_index,
                ObjectKind::FastTransferContext,
                x.logon_id,
            ));
        }
        RopRequest::SynchronizationImportMessageChange(x) => {
            e.logon_id = x.logon_id;
            e.creates = Some((x.output_handle_index, ObjectKind::Message, x.logon_id));
        }
        RopRequest::Release(x) => {
            e.logon_id = x.logon_id;
            e.release = Some(x.input_handle_index);
        }
        _ => {}
    }
    e
}

/// The recipient columns a response tells for a message: its handle index
/// and the columns.
pub(crate) fn response_recipient_columns(rop: &RopResponse<'_>) -> Option<(u8, Vec<PropertyTag>)> {
    match rop {
        RopResponse::OpenMessage(x) | RopResponse::ReloadCachedInformation(x) => {
            Some((x.handle_index, x.recipient_columns.clone()))
        }
        RopResponse::OpenEmbeddedMessage(x) => {
            Some((x.output_handle_index, x.recipient_columns.clone()))
        }
        _ => None,
    }
}
