//! [MS-ASHTTP] 2.2.1.1.1.1.2 Command Codes and 2.2.1.1.1.1.3 Command
//! Parameters.

msox_codec::wire_enum! {
    /// [MS-ASHTTP] 2.2.1.1.1.1.2 Command Codes — the Command code byte of
    /// the base64 query value; the name is the plain form's `Cmd` value.
    pub enum CommandCode: u8 {
        /// Synchronizes changes in a folder.
        Sync = 0,
        /// Sends a MIME message.
        SendMail = 1,
        /// Forwards a message without downloading it.
        SmartForward = 2,
        /// Replies to a message without downloading it.
        SmartReply = 3,
        /// Retrieves an attachment.
        GetAttachment = 4,
        /// Synchronizes the folder hierarchy.
        FolderSync = 9,
        /// Creates a folder.
        FolderCreate = 10,
        /// Deletes a folder.
        FolderDelete = 11,
        /// Moves or renames a folder.
        FolderUpdate = 12,
        /// Moves items between folders.
        MoveItems = 13,
        /// Estimates the items to synchronize.
        GetItemEstimate = 14,
        /// Answers a meeting request.
        MeetingResponse = 15,
        /// Searches the GAL or mailbox.
        Search = 16,
        /// Gets and sets settings (OOF, device information).
        Settings = 17,
        /// Asks the server to watch folders for changes.
        Ping = 18,
        /// Operations on items (fetch, empty folder, move).
        ItemOperations = 19,
        /// Gets the security policy.
        Provision = 20,
        /// Resolves recipients.
        ResolveRecipients = 21,
        /// Validates certificates.
        ValidateCert = 22,
        /// Finds items (protocol 16.1).
        Find = 23,
    }
}

msox_codec::wire_enum! {
    /// [MS-ASHTTP] 2.2.1.1.1.1.3 Command Parameters — the tag of a command
    /// parameter in the base64 query value; the name is the plain form's
    /// parameter name (2.2.1.1.1.2.5).
    pub enum ParameterTag: u8 {
        /// The attachment to retrieve (GetAttachment).
        AttachmentName = 0,
        /// The folder of the message (SmartForward, SmartReply).
        CollectionId = 1,
        /// The message (SmartForward, SmartReply).
        ItemId = 3,
        /// A Search result (SmartForward, SmartReply).
        LongId = 4,
        /// An occurrence of a recurring meeting (SmartForward, SmartReply).
        Occurrence = 6,
        /// A bit mask: [`OPTION_SAVE_IN_SENT`], [`OPTION_ACCEPT_MULTIPART`].
        Options = 7,
        /// The user, for the server's log.
        User = 8,
    }
}

/// Options bit 0x01: save the message in Sent Items (SendMail,
/// SmartForward, SmartReply).
pub const OPTION_SAVE_IN_SENT: u8 = 0x01;
/// Options bit 0x02: return the item in multipart form (ItemOperations).
pub const OPTION_ACCEPT_MULTIPART: u8 = 0x02;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_spec_tables() {
        assert_eq!(CommandCode::from(9), CommandCode::FolderSync);
        assert_eq!(
            CommandCode::from_name("ItemOperations").map(|c| c.value()),
            Some(19)
        );
        assert_eq!(CommandCode::from(5), CommandCode::from_value(5));
        assert_eq!(ParameterTag::from(8).to_string(), "User");
        assert_eq!(ParameterTag::from(2), ParameterTag::from_value(2));
    }
}
