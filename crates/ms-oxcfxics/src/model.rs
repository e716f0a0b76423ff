//! [MS-OXCFXICS] 2.2.4.3.16 messageContent (and 2.2.4.3.1
//! attachmentContent, 2.2.4.3.23 recipient, embedded messages) mapped to
//! and from the ms-oxcmsg [`Message`] model.

use ms_oxcdata::{PropertyName, PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message, NamedPropertyMap, PropId, Property, Recipient};
use ms_oxprops::tags::PidTagAttachNumber;
use msox_codec::{CodePage, Decoded, Error, Options, Result};

use crate::grammar::{Element, Event, Root};
use crate::lexical::{FxContext, FxProperty, is_fast_transfer_type};
use crate::parser::FxParser;
use crate::writer::FxWriter;

enum Obj {
    Message(Message),
    Recipient(Recipient),
    Attachment(Attachment),
}

impl Obj {
    fn bag(&mut self) -> &mut ms_oxcmsg::PropertyBag {
        match self {
            Obj::Message(m) => &mut m.properties,
            Obj::Recipient(r) => &mut r.properties,
            Obj::Attachment(a) => &mut a.properties,
        }
    }
}

fn misplaced(what: &str) -> Error {
    Error::malformed(format!("{what} out of place for a message")).context("messageContent")
}

/// Builds [`Message`]s from the events of a messageContent stream (its
/// root message), or of a messageList stream (one message per message
/// element), in the order the events come.
///
/// Properties go into the bags in stream order ([`ms_oxcmsg::PropertyBag::push`],
/// so a repeated property is kept); a named property keeps the ID the
/// stream mapped it to ([`Property::mapped_id`]); PidTagAttachNumber stays
/// in the attachment's bag, first. Meta-properties (MetaTagDnPrefix, which
/// receivers ignore, and MetaTagFXDelProp / MetaTagEcWarning, directives
/// about the copy rather than content) are not part of the model and are
/// skipped; the event layer has them. An object cut short by an errorInfo
/// element (2.2.4.3.4, [`Event::Abort`]) is dropped, and the errorInfo's
/// properties skipped.
///
/// ```
/// use ms_oxcfxics::{MessageBuilder, Root, parse_stream};
/// use msox_codec::Options;
/// let stream = [0x03, 0x00, 0x07, 0x0E, 0x01, 0x00, 0x00, 0x00]; // PidTagMessageFlags = 1
/// let mut b = MessageBuilder::new();
/// for ev in parse_stream(&stream, Root::MessageContent, &Options::strict())?.value {
///     b.event(ev)?;
/// }
/// assert_eq!(b.finish()?.message_flags(), Some(1));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub struct MessageBuilder {
    stack: Vec<Obj>,
    list: Vec<Message>,
    in_error_info: bool,
}

impl Default for MessageBuilder {
    fn default() -> Self {
        MessageBuilder::new()
    }
}

impl MessageBuilder {
    /// A builder whose root is a message (messageContent).
    pub fn new() -> Self {
        MessageBuilder {
            stack: vec![Obj::Message(Message::default())],
            list: Vec::new(),
            in_error_info: false,
        }
    }

    /// Takes the next event.
    pub fn event(&mut self, ev: Event<'_>) -> Result<()> {
        if self.in_error_info {
            if ev == Event::End(Element::ErrorInfo) {
                self.in_error_info = false;
            }
            return Ok(());
        }
        match ev {
            Event::Begin(Element::ErrorInfo) => self.in_error_info = true,
            // An errorInfo unwound these (2.2.4.3.4): the partial object is
            // dropped, as a receiver unwinds its parsing stack.
            Event::Abort(
                Element::Message { .. }
                | Element::Recipient
                | Element::Attachment
                | Element::EmbeddedMessage,
            ) => {
                if self.stack.len() < 2 {
                    return Err(misplaced("an aborted element"));
                }
                self.stack.pop();
            }
            Event::Property(p) => {
                let top = self
                    .stack
                    .last_mut()
                    .ok_or_else(|| misplaced("a property"))?;
                top.bag().push(model_property(p));
            }
            Event::Meta(_) | Event::Marker(_) => {}
            Event::Begin(Element::Recipient) => {
                self.stack.push(Obj::Recipient(Recipient::default()))
            }
            Event::Begin(Element::Attachment) => {
                self.stack.push(Obj::Attachment(Attachment::default()))
            }
            Event::Begin(Element::EmbeddedMessage) | Event::Begin(Element::Message { .. }) => {
                self.stack.push(Obj::Message(Message::default()))
            }
            Event::End(Element::Recipient) => match (self.stack.pop(), self.stack.last_mut()) {
                (Some(Obj::Recipient(r)), Some(Obj::Message(m))) => m.recipients.push(r),
                _ => return Err(misplaced("the end of a recipient")),
            },
            Event::End(Element::Attachment) => match (self.stack.pop(), self.stack.last_mut()) {
                (Some(Obj::Attachment(a)), Some(Obj::Message(m))) => m.attachments.push(a),
                _ => return Err(misplaced("the end of an attachment")),
            },
            Event::End(Element::EmbeddedMessage) => {
                match (self.stack.pop(), self.stack.last_mut()) {
                    (Some(Obj::Message(e)), Some(Obj::Attachment(a))) => {
                        a.embedded = Some(Box::new(e))
                    }
                    _ => return Err(misplaced("the end of an embedded message")),
                }
            }
            Event::End(Element::Message { .. }) => match self.stack.pop() {
                Some(Obj::Message(m)) if !self.stack.is_empty() => self.list.push(m),
                _ => return Err(misplaced("the end of a message")),
            },
            Event::Begin(e) | Event::End(e) | Event::Abort(e) => {
                return Err(misplaced(e.name()));
            }
        }
        Ok(())
    }

    /// The root message (messageContent).
    pub fn finish(mut self) -> Result<Message> {
        match (self.stack.pop(), self.stack.is_empty()) {
            (Some(Obj::Message(m)), true) => Ok(m),
            _ => Err(misplaced("the end of the stream")),
        }
    }

    /// The messages of a messageList stream.
    pub fn finish_list(self) -> Result<Vec<Message>> {
        if self.stack.len() != 1 {
            return Err(misplaced("the end of the stream"));
        }
        Ok(self.list)
    }
}

/// A stream property as a model property.
fn model_property(p: FxProperty<'_>) -> Property {
    let (id, mapped_id) = match &p.name {
        Some(n) => (PropId::Named(n.clone()), Some(p.tag.id)),
        None => (PropId::Tag(p.tag.id), None),
    };
    Property {
        id,
        mapped_id,
        flags: None,
        value: p.into_property_value(),
    }
}

/// How [`write_message_content`] writes values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WriteOptions {
    /// The stream's code page for PtypString8 (windows-1252 by default):
    /// PtypString8 values in it are written as PtypString8, values in
    /// another code page with a code page property type (2.2.4.1.1.1).
    pub code_page: CodePage,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            code_page: CodePage::WINDOWS_1252,
        }
    }
}

/// Writes one message's properties, recipients and attachments.
struct ModelWriter<'w> {
    w: &'w mut FxWriter,
    names: NamedPropertyMap,
    opts: WriteOptions,
}

impl ModelWriter<'_> {
    fn tag_for(&mut self, p: &Property) -> Result<(PropertyTag, Option<PropertyName>)> {
        let mut t = p.prop_type();
        if let PropertyValue::String8(s) = &p.value
            && s.code_page() != self.opts.code_page
        {
            let cp = s.code_page().0;
            if cp > 0x7FFF {
                return Err(Error::unsupported(format!(
                    "a PtypString8 value in code page {cp}: a code page property type carries at most 15 bits"
                )));
            }
            t = PropertyType::from_value(0x8000 | cp as u16);
        }
        if t.value() & 0x8000 == 0 && !is_fast_transfer_type(t) {
            return Err(Error::unsupported(format!(
                "a {t} value cannot be written into a FastTransfer stream"
            )));
        }
        match &p.id {
            PropId::Tag(id) => Ok((PropertyTag::new(*id, t), None)),
            PropId::Named(name) => {
                let id = match self.names.id(name) {
                    Some(id) => id,
                    None => match p.mapped_id.filter(|&id| {
                        (0x8000..=0xFFFE).contains(&id) && self.names.name(id).is_none()
                    }) {
                        Some(id) => {
                            self.names.insert(id, name.clone());
                            id
                        }
                        None => self.names.assign(name).ok_or_else(|| {
                            Error::unsupported("more than 32767 named properties in one stream")
                        })?,
                    },
                };
                Ok((PropertyTag::new(id, t), Some(name.clone())))
            }
        }
    }

    fn property(&mut self, p: &Property) -> Result<()> {
        let (tag, name) = self.tag_for(p)?;
        self.w.property_value(tag, name.as_ref(), &p.value)
    }

    fn message(&mut self, m: &Message) -> Result<()> {
        for p in &m.properties {
            self.property(p)?;
        }
        for r in &m.recipients {
            self.w.event(&Event::Begin(Element::Recipient))?;
            for p in &r.properties {
                self.property(p)?;
            }
            self.w.event(&Event::End(Element::Recipient))?;
        }
        for (i, a) in m.attachments.iter().enumerate() {
            self.w.event(&Event::Begin(Element::Attachment))?;
            let number = a
                .properties
                .iter()
                .find(|p| p.id == PropId::Tag(PidTagAttachNumber.id));
            match number {
                Some(p) if matches!(p.value, PropertyValue::Integer32(_)) => self.property(p)?,
                _ => {
                    let n = i32::try_from(i).map_err(|_| {
                        Error::too_large("attachment count", i as u64, i32::MAX as u64)
                    })?;
                    self.w
                        .property_value(PidTagAttachNumber, None, &PropertyValue::Integer32(n))?
                }
            }
            for p in &a.properties {
                if p.id == PropId::Tag(PidTagAttachNumber.id)
                    && number.is_some_and(|n| std::ptr::eq(n, p))
                {
                    continue;
                }
                self.property(p)?;
            }
            if let Some(e) = &a.embedded {
                self.w.event(&Event::Begin(Element::EmbeddedMessage))?;
                self.message(e)?;
                self.w.event(&Event::End(Element::EmbeddedMessage))?;
            }
            self.w.event(&Event::End(Element::Attachment))?;
        }
        Ok(())
    }
}

/// Writes a [`Message`] as a messageContent element ([MS-OXCFXICS]
/// 2.2.4.3.16): its properties, each recipient (StartRecip ... EndToRecip),
/// each attachment (NewAttach, PidTagAttachNumber, properties, an embedded
/// message between StartEmbed and EndEmbed, EndAttach).
///
/// PidTagAttachNumber comes first in an attachment, from the bag when it
/// holds one (a PtypInteger32), else the attachment's index. Named
/// properties keep the IDs they were read with when those are free in the
/// stream, and get the next free ID from 0x8000 otherwise. An OLE storage
/// attachment ([`Attachment::storage`]) is not written (FastTransfer carries
/// it as PidTagAttachDataObject bytes in the bag); values a FastTransfer
/// stream cannot carry (PtypRestriction, PtypRuleAction, raw bytes of
/// another encoding) are an error.
pub fn write_message_content(m: &Message, w: &mut FxWriter, opts: &WriteOptions) -> Result<()> {
    if m.attachments.iter().any(|a| a.storage.is_some()) || embedded_storage(m) {
        return Err(Error::unsupported(
            "an OLE storage attachment: a FastTransfer stream carries it as PidTagAttachDataObject bytes",
        ));
    }
    ModelWriter {
        w,
        names: NamedPropertyMap::new(),
        opts: *opts,
    }
    .message(m)
}

fn embedded_storage(m: &Message) -> bool {
    m.embedded_messages()
        .iter()
        .any(|e| e.attachments.iter().any(|a| a.storage.is_some()))
}

/// A [`Message`] as a messageContent FastTransfer stream, in one buffer.
///
/// ```
/// use ms_oxcfxics::{decode_message_content, encode_message_content};
/// use ms_oxcmsg::Message;
/// use msox_codec::Options;
/// let mut m = Message::new("IPM.Note");
/// m.set_subject("Hello");
/// let bytes = encode_message_content(&m)?;
/// assert_eq!(decode_message_content(&bytes, &Options::strict())?.value, m);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn encode_message_content(m: &Message) -> Result<Vec<u8>> {
    let mut w = FxWriter::new();
    write_message_content(m, &mut w, &WriteOptions::default())?;
    Ok(w.into_bytes())
}

/// Reads a messageContent FastTransfer stream held in one buffer into a
/// [`Message`] (see [`MessageBuilder`] for what goes where).
pub fn decode_message_content(bytes: &[u8], options: &Options) -> Result<Decoded<Message>> {
    decode_message_pieces([bytes], options, FxContext::default())
}

/// Reads a messageContent FastTransfer stream given in pieces.
pub fn decode_message_pieces<'a>(
    pieces: impl IntoIterator<Item = &'a [u8]>,
    options: &Options,
    ctx: FxContext,
) -> Result<Decoded<Message>> {
    let mut p = FxParser::new(Root::MessageContent, options).with_context(ctx);
    let mut b = MessageBuilder::new();
    for piece in pieces {
        let mut f = p.feed(piece);
        while let Some(ev) = f.next_event()? {
            b.event(ev)?;
        }
    }
    for ev in p.finish()? {
        b.event(ev)?;
    }
    let mut session = p.into_session();
    Ok(Decoded {
        value: b.finish()?,
        defects: session.take_defects(),
    })
}
