//! Messages, recipients and attachments.

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{PropertyType, PropertyValue};
use ms_oxprops::tags;
use msox_codec::Utf16String;

use crate::bag::PropertyBag;

/// A message object ([MS-OXCMSG] 2.2.1): properties, recipients,
/// attachments. Embedded messages are `Message`s too.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Message {
    /// The message's properties.
    pub properties: PropertyBag,
    /// The recipient table.
    #[cfg_attr(feature = "serde", serde(default))]
    pub recipients: Vec<Recipient>,
    /// The attachment table.
    #[cfg_attr(feature = "serde", serde(default))]
    pub attachments: Vec<Attachment>,
}

macro_rules! str_accessors {
    ($( $(#[$m:meta])* $get:ident, $set:ident => $tag:ident; )*) => {$(
        $(#[$m])*
        pub fn $get(&self) -> Option<String> {
            self.properties.get_str(tags::$tag)
        }
        #[doc = concat!("Sets ", stringify!($tag), " (PtypString).")]
        pub fn $set(&mut self, text: &str) {
            self.properties.set_str(tags::$tag, text);
        }
    )*};
}

macro_rules! time_accessors {
    ($( $(#[$m:meta])* $get:ident => $tag:ident; )*) => {$(
        $(#[$m])*
        pub fn $get(&self) -> Option<FileTime> {
            self.properties.get(tags::$tag).and_then(PropertyValue::as_time)
        }
    )*};
}

impl Message {
    /// An empty message of a message class (`IPM.Note`).
    pub fn new(message_class: &str) -> Self {
        let mut m = Message::default();
        m.set_message_class(message_class);
        m
    }

    str_accessors! {
        /// PidTagSubject ([MS-OXCMSG] 2.2.1.46).
        subject, set_subject => PidTagSubject;
        /// PidTagMessageClass ([MS-OXCMSG] 2.2.1.3).
        message_class, set_message_class => PidTagMessageClass;
        /// PidTagBody, the plain-text body ([MS-OXCMSG] 2.2.1.58.1).
        body, set_body => PidTagBody;
        /// PidTagSenderName ([MS-OXOMSG] 2.2.1.51).
        sender_name, set_sender_name => PidTagSenderName;
        /// PidTagSenderEmailAddress ([MS-OXOMSG] 2.2.1.49).
        sender_email, set_sender_email => PidTagSenderEmailAddress;
        /// PidTagSenderAddressType ([MS-OXOMSG] 2.2.1.48).
        sender_address_type, set_sender_address_type => PidTagSenderAddressType;
        /// PidTagSentRepresentingName ([MS-OXOMSG] 2.2.1.57).
        sent_representing_name, set_sent_representing_name => PidTagSentRepresentingName;
        /// PidTagSentRepresentingEmailAddress ([MS-OXOMSG] 2.2.1.55).
        sent_representing_email, set_sent_representing_email => PidTagSentRepresentingEmailAddress;
        /// PidTagInternetMessageId ([MS-OXOMSG] 2.2.1.29).
        internet_message_id, set_internet_message_id => PidTagInternetMessageId;
        /// PidTagConversationTopic ([MS-OXOMSG] 2.2.1.5).
        conversation_topic, set_conversation_topic => PidTagConversationTopic;
        /// PidTagTransportMessageHeaders ([MS-OXOMSG] 2.2.1.61).
        transport_headers, set_transport_headers => PidTagTransportMessageHeaders;
        /// PidTagDisplayTo ([MS-OXCMSG] 2.2.1.7).
        display_to, set_display_to => PidTagDisplayTo;
    }

    time_accessors! {
        /// PidTagClientSubmitTime: when the sender sent it ([MS-OXOMSG] 2.2.3.11).
        client_submit_time => PidTagClientSubmitTime;
        /// PidTagMessageDeliveryTime ([MS-OXOMSG] 2.2.3.9).
        delivery_time => PidTagMessageDeliveryTime;
        /// PidTagCreationTime ([MS-OXCMSG] 2.2.2.3 / [MS-OXPROPS]).
        creation_time => PidTagCreationTime;
        /// PidTagLastModificationTime.
        last_modification_time => PidTagLastModificationTime;
    }

    /// The HTML body: PidTagHtml (binary, as most files carry it) or
    /// PidTagBodyHtml (string), as bytes.
    pub fn html_body(&self) -> Option<Vec<u8>> {
        match self
            .properties
            .get_id(&crate::PropId::Tag(tags::PidTagHtml.id))?
        {
            PropertyValue::Binary(b) => Some(b.clone()),
            PropertyValue::String(s) => Some(s.as_str().as_bytes().to_vec()),
            PropertyValue::String8(s) => Some(s.to_string_lossy().as_bytes().to_vec()),
            _ => None,
        }
    }

    /// Sets the HTML body (PidTagHtml, PtypBinary).
    pub fn set_html_body(&mut self, html: Vec<u8>) {
        self.properties
            .set(tags::PidTagHtml, PropertyValue::Binary(html));
    }

    /// The compressed RTF body (PidTagRtfCompressed, [MS-OXCMSG] 2.2.1.58.4),
    /// as stored: decompress it with `ms-oxrtfcp`.
    pub fn rtf_compressed(&self) -> Option<&[u8]> {
        self.properties.get_binary(tags::PidTagRtfCompressed)
    }

    /// Sets PidTagRtfCompressed.
    pub fn set_rtf_compressed(&mut self, bytes: Vec<u8>) {
        self.properties
            .set(tags::PidTagRtfCompressed, PropertyValue::Binary(bytes));
    }

    /// PidTagMessageFlags ([MS-OXCMSG] 2.2.1.6).
    pub fn message_flags(&self) -> Option<u32> {
        self.properties
            .get_i64(tags::PidTagMessageFlags)
            .map(|v| v as u32)
    }

    /// PidTagImportance: 0 low, 1 normal, 2 high ([MS-OXCMSG] 2.2.1.11).
    pub fn importance(&self) -> Option<i64> {
        self.properties.get_i64(tags::PidTagImportance)
    }

    /// PidTagMessageCodepage / PidTagInternetCodepage: the code page of
    /// 8-bit strings, where the message says.
    pub fn code_page(&self) -> Option<u32> {
        self.properties
            .get_i64(tags::PidTagMessageCodepage)
            .or_else(|| self.properties.get_i64(tags::PidTagInternetCodepage))
            .map(|v| v as u32)
    }

    /// Every embedded message under this one, depth first (bounded by the
    /// depth at which they were read).
    pub fn embedded_messages(&self) -> Vec<&Message> {
        let mut out = Vec::new();
        let mut stack: Vec<&Message> = vec![self];
        while let Some(m) = stack.pop() {
            for a in &m.attachments {
                if let Some(e) = a.embedded.as_deref() {
                    out.push(e);
                    stack.push(e);
                }
            }
        }
        out
    }
}

msox_codec::wire_enum! {
    /// PidTagRecipientType ([MS-OXOMSG] 2.2.3.1): To, Cc, Bcc (the
    /// 0x10000000 "resend" flag may be set; unknown values kept).
    pub enum RecipientType: u32 {
        /// Originator (MAPI_ORIG).
        Originator = 0 => "Originator",
        /// To (MAPI_TO).
        To = 1 => "To",
        /// Cc (MAPI_CC).
        Cc = 2 => "Cc",
        /// Bcc (MAPI_BCC).
        Bcc = 3 => "Bcc",
    }
}

/// A recipient ([MS-OXCMSG] 2.2.1 recipient table row; [MS-OXOMSG] 2.2.3).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Recipient {
    /// The recipient's properties.
    pub properties: PropertyBag,
}

impl Recipient {
    /// An SMTP recipient with a display name and a type.
    pub fn new(display_name: &str, email: &str, kind: RecipientType) -> Self {
        let mut r = Recipient::default();
        r.properties.set_str(tags::PidTagDisplayName, display_name);
        r.properties.set_str(tags::PidTagAddressType, "SMTP");
        r.properties.set_str(tags::PidTagEmailAddress, email);
        r.properties.set(
            tags::PidTagRecipientType,
            PropertyValue::Integer32(kind.value() as i32),
        );
        r
    }

    /// PidTagDisplayName.
    pub fn display_name(&self) -> Option<String> {
        self.properties.get_str(tags::PidTagDisplayName)
    }

    /// PidTagEmailAddress (or PidTagSmtpAddress when that is all there is).
    pub fn email(&self) -> Option<String> {
        self.properties
            .get_str(tags::PidTagEmailAddress)
            .or_else(|| self.properties.get_str(tags::PidTagSmtpAddress))
    }

    /// PidTagSmtpAddress.
    pub fn smtp_address(&self) -> Option<String> {
        self.properties.get_str(tags::PidTagSmtpAddress)
    }

    /// PidTagAddressType (`SMTP`, `EX`).
    pub fn address_type(&self) -> Option<String> {
        self.properties.get_str(tags::PidTagAddressType)
    }

    /// PidTagRecipientType.
    pub fn recipient_type(&self) -> Option<RecipientType> {
        self.properties
            .get_i64(tags::PidTagRecipientType)
            .map(|v| RecipientType::from_value(v as u32))
    }
}

msox_codec::wire_enum! {
    /// PidTagAttachMethod ([MS-OXCMSG] 2.2.2.9).
    pub enum AttachMethod: u32 {
        /// afNone: no data yet.
        None = 0 => "afNone",
        /// afByValue: the data is in PidTagAttachDataBinary.
        ByValue = 1 => "afByValue",
        /// afByReference: a path in PidTagAttachLongPathname.
        ByReference = 2 => "afByReference",
        /// afByReferenceOnly.
        ByReferenceOnly = 4 => "afByReferenceOnly",
        /// afEmbeddedMessage: PidTagAttachDataObject is a message.
        EmbeddedMessage = 5 => "afEmbeddedMessage",
        /// afStorage: PidTagAttachDataObject is an OLE storage.
        Storage = 6 => "afStorage",
        /// afByWebReference.
        ByWebReference = 7 => "afByWebReference",
    }
}

/// An attachment ([MS-OXCMSG] 2.2.2). By-value data is the
/// PidTagAttachDataBinary property in [`Attachment::properties`]; an
/// embedded message is [`Attachment::embedded`]; an OLE storage is
/// [`Attachment::storage`], kept stream by stream.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attachment {
    /// The attachment's properties (including the data of a by-value one).
    pub properties: PropertyBag,
    /// The embedded message of an afEmbeddedMessage attachment.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub embedded: Option<Box<Message>>,
    /// The OLE storage of an afStorage attachment.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub storage: Option<Storage>,
}

impl Attachment {
    /// A by-value attachment with a file name.
    pub fn by_value(file_name: &str, data: Vec<u8>) -> Self {
        let mut a = Attachment::default();
        a.properties.set(
            tags::PidTagAttachMethod,
            PropertyValue::Integer32(AttachMethod::ByValue.value() as i32),
        );
        a.properties
            .set_str(tags::PidTagAttachLongFilename, file_name);
        a.properties.set_str(tags::PidTagDisplayName, file_name);
        a.properties
            .set(tags::PidTagAttachDataBinary, PropertyValue::Binary(data));
        a
    }

    /// An embedded-message attachment.
    pub fn embedded(display_name: &str, message: Message) -> Self {
        let mut a = Attachment::default();
        a.properties.set(
            tags::PidTagAttachMethod,
            PropertyValue::Integer32(AttachMethod::EmbeddedMessage.value() as i32),
        );
        a.properties.set_str(tags::PidTagDisplayName, display_name);
        a.embedded = Some(Box::new(message));
        a
    }

    /// PidTagAttachMethod.
    pub fn method(&self) -> Option<AttachMethod> {
        self.properties
            .get_i64(tags::PidTagAttachMethod)
            .map(|v| AttachMethod::from_value(v as u32))
    }

    /// The best file name: PidTagAttachLongFilename, else
    /// PidTagAttachFilename, else PidTagDisplayName.
    pub fn file_name(&self) -> Option<String> {
        self.properties
            .get_str(tags::PidTagAttachLongFilename)
            .or_else(|| self.properties.get_str(tags::PidTagAttachFilename))
            .or_else(|| self.properties.get_str(tags::PidTagDisplayName))
    }

    /// The data of a by-value attachment (PidTagAttachDataBinary).
    pub fn data(&self) -> Option<&[u8]> {
        match self
            .properties
            .get(tags::PidTagAttachDataBinary.with_type(PropertyType::Binary))?
        {
            PropertyValue::Binary(b) | PropertyValue::Object(b) => Some(b),
            _ => None,
        }
    }

    /// Moves the data of a by-value attachment out (PidTagAttachDataBinary
    /// stays, empty): an extraction that no longer needs the message
    /// hands the bytes on without copying them.
    pub fn take_data(&mut self) -> Option<Vec<u8>> {
        match self
            .properties
            .get_mut(tags::PidTagAttachDataBinary.with_type(PropertyType::Binary))?
        {
            PropertyValue::Binary(b) | PropertyValue::Object(b) => Some(std::mem::take(b)),
            _ => None,
        }
    }

    /// PidTagAttachMimeTag.
    pub fn mime_type(&self) -> Option<String> {
        self.properties.get_str(tags::PidTagAttachMimeTag)
    }

    /// PidTagAttachContentId.
    pub fn content_id(&self) -> Option<String> {
        self.properties.get_str(tags::PidTagAttachContentId)
    }
}

/// An OLE storage ([MS-CFB] storage object) kept losslessly: its CLSID and
/// its streams and sub-storages in order.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Storage {
    /// The storage's CLSID.
    pub clsid: Guid,
    /// Its children.
    pub entries: Vec<StorageEntry>,
}

/// One child of a [`Storage`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StorageEntry {
    /// A stream.
    Stream {
        /// The stream's name (UTF-16 in the file; kept losslessly).
        name: Utf16String,
        /// Its bytes.
        data: Vec<u8>,
    },
    /// A sub-storage.
    Storage {
        /// The storage's name.
        name: Utf16String,
        /// Its contents.
        storage: Storage,
    },
}
