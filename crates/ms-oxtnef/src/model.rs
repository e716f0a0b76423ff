//! [MS-OXTNEF] 2.3 mapping between TNEF streams and the ms-oxcmsg model.

use std::borrow::Cow;

use ms_dtyp::Guid;
use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message, NamedPropertyMap, PropId, Property, PropertyBag, Recipient};
use ms_oxprops::tags;
use msox_codec::{
    CodePage, Decoded, Encode, ErrorKind, Options, Reader, Result, String8,
    decode_bytes_with_reader,
};

use crate::attribute::{
    Attribute, AttributeId, AttributeLevel, TnefOptions, TnefStream, read_stream,
};
use crate::date::Dtr;
use crate::props::{
    self, IID_IMESSAGE, IID_ISTORAGE, PropertyList, RecipientTable, TnefProperty, is_depth_limit,
};
/// [MS-OXTNEF] 2.3.3.4: legacy message class names and the MAPI classes
/// they stand for.
pub const LEGACY_MESSAGE_CLASSES: &[(&str, &str)] = &[
    ("IPM.Microsoft Mail.Note", "IPM.Note"),
    ("IPM.Microsoft Mail.Read Receipt", "Report.IPM.Note.IPNRN"),
    ("IPM.Microsoft Mail.Non-Delivery", "Report.IPM.Note.NDR"),
    (
        "IPM.Microsoft Schedule.MtgRespP",
        "IPM.Schedule.Meeting.Resp.Pos",
    ),
    (
        "IPM.Microsoft Schedule.MtgRespN",
        "IPM.Schedule.Meeting.Resp.Neg",
    ),
    (
        "IPM.Microsoft Schedule.MtgRespA",
        "IPM.Schedule.Meeting.Resp.Tent",
    ),
    (
        "IPM.Microsoft Schedule.MtgReq",
        "IPM.Schedule.Meeting.Request",
    ),
    (
        "IPM.Microsoft Schedule.MtgCncl",
        "IPM.Schedule.Meeting.Canceled",
    ),
];

/// [MS-OXTNEF] 2.3.3.4: the MAPI message class for an attMessageClass value.
pub fn map_legacy_class(legacy: &str) -> &str {
    let s = legacy
        .strip_prefix("Microsoft Mail v3.0 ")
        .unwrap_or(legacy);
    LEGACY_MESSAGE_CLASSES
        .iter()
        .find(|(l, _)| *l == s)
        .map_or(legacy, |(_, m)| m)
}

/// The legacy attMessageClass value for a MAPI message class.
pub fn unmap_legacy_class(mapi: &str) -> &str {
    LEGACY_MESSAGE_CLASSES
        .iter()
        .find(|(_, m)| *m == mapi)
        .map_or(mapi, |(l, _)| l)
}

/// The OEM code page the stream declares (attOemCodepage), default 1252.
pub fn oem_code_page(stream: &TnefStream<'_>) -> CodePage {
    stream
        .message_attribute(AttributeId::OemCodepage)
        .and_then(|a| a.data.get(..4))
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(|b| CodePage(u32::from_le_bytes(b)))
        .filter(|cp| cp.0 != 0)
        .unwrap_or(CodePage(1252))
}

fn string8_attr(data: &[u8], cp: CodePage) -> PropertyValue {
    let body = data.strip_suffix(&[0]).unwrap_or(data);
    PropertyValue::String8(String8::new(body.to_vec(), cp))
}

fn set_if_absent(bag: &mut PropertyBag, tag: PropertyTag, value: PropertyValue) {
    if bag.get(tag).is_none() {
        bag.set(tag, value);
    }
}

/// The properties of a list into a bag (repeats kept, as read).
fn into_bag(bag: &mut PropertyBag, list: PropertyList) {
    for p in list.properties {
        push_into(bag, p);
    }
}

fn push_into(bag: &mut PropertyBag, p: props::TnefProperty) {
    let (id, mapped) = match p.name {
        Some(n) => (PropId::Named(n), Some(p.tag.id)),
        None => (PropId::Tag(p.tag.id), None),
    };
    bag.push(Property {
        id,
        value: p.value,
        mapped_id: mapped,
        flags: None,
    });
}

/// Reads the property list that fills `r`'s window straight into `bag`
/// (attMAPIProps and attAttachment hold up to a whole message's worth): on
/// an error, the bag is left as it was.
fn read_into_bag<'a>(
    r: &mut Reader<'a>,
    cp: CodePage,
    hook: &mut props::ObjectHook<'a, '_>,
    bag: &mut PropertyBag,
) -> Result<()> {
    let before = bag.len();
    let read = props::read_list_each(r, cp, true, hook, &mut |p| push_into(bag, p));
    if read.is_err() {
        bag.truncate(before);
    }
    read.map(drop)
}

/// Runs `f` on a window of `len` bytes at position `pos` of the reader's
/// buffer (an attribute's data, read again after the attribute layer);
/// the reader's position is kept.
fn window<'a, T>(
    r: &mut Reader<'a>,
    pos: usize,
    len: usize,
    f: impl FnOnce(&mut Reader<'a>) -> Result<T>,
) -> Result<T> {
    let saved = r.pos();
    r.seek(pos)?;
    let res = {
        let mut w = r.sub(len)?;
        f(&mut w)
    };
    r.seek(saved)?;
    res
}

/// Reads a TNEF stream into the message model, in one session:
/// `to_message(bytes, &options)` is `Decoded { value: message, defects }`.
///
/// Lenient (the default [`Options`]): a property that breaks its type's
/// rules is kept as [`PropertyValue::Raw`], a property list that cannot be
/// read to its end keeps what it read, an attribute whose contents cannot
/// be read into the message is left out of it; each is a defect with its
/// absolute offset and path (`TnefStream > attMAPIProps >
/// TaggedPropertyValue[21]`). Strict refuses the first, with the same
/// offset and path. Embedded messages are read from the stream in place
/// (no copy per level), one nesting level each.
pub fn to_message(input: &[u8], options: &Options) -> Result<Decoded<Message>> {
    decode_bytes_with_reader(input, options, |r| read_message(r, TnefOptions::default()))
}

/// A message read by [`to_message_borrowing`]: the model, with the
/// by-value attachment bytes of attAttachData left in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct BorrowedMessage<'a> {
    /// The message; an attachment whose bytes are in
    /// [`BorrowedMessage::attach_data`] has no PidTagAttachDataBinary.
    pub message: Message,
    /// Per attachment (same index as `message.attachments`): its
    /// attAttachData bytes, where the message does not hold them (`None`
    /// where attAttachment carried PidTagAttachDataBinary, which wins, or
    /// there was no attAttachData). Embedded messages hold theirs.
    pub attach_data: Vec<Option<&'a [u8]>>,
    /// Per attachment: the PtypObject value of an embedded message's
    /// PidTagAttachDataObject ([MS-OXCMSG] 2.2.2.8; in attAttachment,
    /// [MS-OXTNEF] 2.1.3.4: IID_IMessage, then its TNEF stream), which the
    /// message does not hold: the embedded message is read from it.
    pub attach_object: Vec<Option<&'a [u8]>>,
}

/// [`to_message`] without copying the by-value attachment bytes
/// (the attAttachData attribute of [MS-OXTNEF] 2.1.3.3, PidTagAttachDataBinary
/// of [MS-OXCMSG] 2.2.2.7; one carried in attAttachment, 2.1.3.4, wins): they stay slices of `input`
/// ([`BorrowedMessage::attach_data`]), so an
/// extraction writes them straight from the input and a large winmail.dat
/// costs its size in memory once, not twice. An embedded message is read
/// into the model without its original bytes (the PtypObject value of
/// PidTagAttachDataObject that [`to_message`] keeps for writing it back
/// unchanged): they stay in `input` too.
pub fn to_message_borrowing<'a>(
    input: &'a [u8],
    options: &Options,
) -> Result<Decoded<BorrowedMessage<'a>>> {
    to_message_borrowing_with(input, options, TnefOptions::default())
}

/// [`to_message_borrowing`] with [`TnefOptions`]: a caller that verified
/// the attribute checksums itself (or does not want them verified) turns
/// [`TnefOptions::verify_checksums`] off (strict mode verifies always).
pub fn to_message_borrowing_with<'a>(
    input: &'a [u8],
    options: &Options,
    tnef: TnefOptions,
) -> Result<Decoded<BorrowedMessage<'a>>> {
    decode_bytes_with_reader(input, options, |r| {
        let opts = tnef;
        let (stream, positions) = read_stream(r, opts)?;
        let end = r.pos();
        let (message, (attach_data, attach_object)) =
            r.frame("TnefStream", |r| build(r, &stream, &positions, opts, true))?;
        r.seek(end)?;
        Ok(BorrowedMessage {
            message,
            attach_data,
            attach_object,
        })
    })
}

/// Reads the TNEF stream filling the reader's window into the message
/// model, in the reader's session (see [`to_message`]).
pub fn read_message<'a>(r: &mut Reader<'a>, opts: TnefOptions) -> Result<Message> {
    let (stream, positions) = read_stream(r, opts)?;
    let end = r.pos();
    let (msg, _) = r.frame("TnefStream", |r| build(r, &stream, &positions, opts, false))?;
    r.seek(end)?;
    Ok(msg)
}

/// The attribute's ID as the model reads it: a known ID, or (a defect) a
/// known ID's low word without the type word.
fn model_id(
    r: &mut Reader<'_>,
    i: usize,
    a: &Attribute<'_>,
    data_pos: usize,
) -> Result<AttributeId> {
    match a.id.without_type_word() {
        Some(known) => {
            r.frame_indexed("Attribute", i, |r| {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "AttrId",
                        value: a.id.value().into(),
                    },
                    data_pos.saturating_sub(8),
                    format!(
                        "read as {known} (0x{:08X}), whose low word it is",
                        known.value()
                    ),
                )
            })?;
            Ok(known)
        }
        None => Ok(a.id),
    }
}

/// A legacy attribute whose data does not have the form its ID needs: a
/// defect at its data, and it is not read into the message.
fn unreadable(r: &mut Reader<'_>, id: AttributeId, pos: usize, what: String) -> Result<()> {
    r.frame(id.name().unwrap_or("attribute"), |r| {
        r.defect_at(
            ErrorKind::Malformed(what.into()),
            pos,
            "not read into the message",
        )
    })
}

fn dtr_value(
    r: &mut Reader<'_>,
    id: AttributeId,
    pos: usize,
    data: &[u8],
) -> Result<Option<PropertyValue>> {
    let v = Dtr::from_bytes(data)
        .and_then(Dtr::to_filetime)
        .map(PropertyValue::Time);
    if v.is_none() {
        unreadable(
            r,
            id,
            pos,
            format!("{} bytes that are not a valid 14-byte DTR", data.len()),
        )?;
    }
    Ok(v)
}

/// Per attachment while reading: the model, legacy-derived properties, and
/// the attAttachData bytes (copied only if attAttachment lacks the data).
struct Building<'d> {
    att: Attachment,
    legacy: PropertyBag,
    data: Option<&'d [u8]>,
    /// Borrowing: the PtypObject bytes of the embedded message read.
    object: Option<&'d [u8]>,
}

/// Per attachment, the bytes a borrowing read left in the input:
/// attAttachData, and an embedded message's PtypObject value.
type Left<'a> = (Vec<Option<&'a [u8]>>, Vec<Option<&'a [u8]>>);

/// The model of a stream; with `borrow`, attAttachData bytes are returned
/// (per attachment) instead of copied into the model.
#[allow(clippy::type_complexity)]
fn build<'a>(
    r: &mut Reader<'a>,
    stream: &TnefStream<'a>,
    positions: &[usize],
    opts: TnefOptions,
    borrow: bool,
) -> Result<(Message, Left<'a>)> {
    let cp = oem_code_page(stream);
    let mut msg = Message::default();
    let mut legacy = PropertyBag::new();
    let mut atts: Vec<Building<'a>> = Vec::new();
    for (i, (a, &pos)) in stream.attributes.iter().zip(positions).enumerate() {
        let id = model_id(r, i, a, pos)?;
        let d: &'a [u8] = match &a.data {
            Cow::Borrowed(b) => b,
            // Decoded attributes borrow from the input.
            Cow::Owned(_) => r.slice(pos, pos + a.data.len()),
        };
        if a.level == AttributeLevel::Attachment {
            if id == AttributeId::AttachRendData || atts.is_empty() {
                // An attachment costs memory an 11-byte attribute does not
                // show: counted against the allocation limit, so a stream of
                // a million empty attachments stops at the limit.
                r.reserve(ATTACHMENT_COST, "memory for attachments (bytes)")?;
                atts.push(Building {
                    att: Attachment::default(),
                    legacy: PropertyBag::new(),
                    data: None,
                    object: None,
                });
            }
            let k = atts.len() - 1;
            let Some(b) = atts.last_mut() else {
                continue;
            };
            match id {
                AttributeId::AttachRendData => {
                    // 2.1.3.3.15: AttachPosition is PidTagRenderingPosition;
                    // 0xFFFFFFFF (no position) is what the writer puts there
                    // when the property is absent, so it stays absent (a
                    // written file then reads back to the same model).
                    if let Some(p) = d
                        .get(2..6)
                        .and_then(|b| <[u8; 4]>::try_from(b).ok())
                        .filter(|p| *p != [0xFF; 4])
                    {
                        b.legacy.set(
                            tags::PidTagRenderingPosition,
                            PropertyValue::Integer32(i32::from_le_bytes(p)),
                        );
                    }
                }
                AttributeId::Attachment => {
                    let mut embedded: Option<Message> = None;
                    let mut object: Option<&'a [u8]> = None;
                    let bag = &mut b.att.properties;
                    let list = r.frame_indexed("Attachment", k, |r| {
                        window(r, pos, d.len(), |r| {
                            r.frame("attAttachment", |r| {
                                let mut hook = |w: &mut Reader<'a>, tag: PropertyTag| {
                                    embedded_message(
                                        w,
                                        tag,
                                        opts,
                                        borrow,
                                        &mut embedded,
                                        &mut object,
                                    )
                                };
                                read_into_bag(r, cp, &mut hook, bag)
                            })
                        })
                    });
                    match list {
                        Ok(()) => {}
                        Err(e) if is_depth_limit(&e) => return Err(e),
                        Err(e) => r.tolerate(e, "attribute not read into the message")?,
                    }
                    if object.is_some() {
                        b.object = object;
                    }
                    if let Some(m) = embedded {
                        b.att.embedded = Some(Box::new(m));
                    }
                }
                AttributeId::AttachTitle => b
                    .legacy
                    .set(tags::PidTagAttachFilename, string8_attr(d, cp)),
                AttributeId::AttachData => b.data = Some(d),
                AttributeId::AttachMetaFile => b.legacy.set(
                    tags::PidTagAttachRendering,
                    PropertyValue::Binary(d.to_vec()),
                ),
                AttributeId::AttachCreateDate => {
                    if let Some(v) =
                        r.frame_indexed("Attachment", k, |r| dtr_value(r, id, pos, d))?
                    {
                        b.legacy.set(tags::PidTagCreationTime, v);
                    }
                }
                AttributeId::AttachModifyDate => {
                    if let Some(v) =
                        r.frame_indexed("Attachment", k, |r| dtr_value(r, id, pos, d))?
                    {
                        b.legacy.set(tags::PidTagLastModificationTime, v);
                    }
                }
                AttributeId::AttachTransportFilename => {
                    b.legacy
                        .set(tags::PidTagAttachTransportName, string8_attr(d, cp));
                }
                _ => {}
            }
            continue;
        }
        match id {
            AttributeId::MapiProps => {
                let bag = &mut msg.properties;
                let list = window(r, pos, d.len(), |r| {
                    r.frame("attMAPIProps", |r| {
                        let mut hook = |_: &mut Reader<'a>, _: PropertyTag| Ok(false);
                        read_into_bag(r, cp, &mut hook, bag)
                    })
                });
                match list {
                    Ok(()) => {}
                    Err(e) if is_depth_limit(&e) => return Err(e),
                    Err(e) => r.tolerate(e, "attribute not read into the message")?,
                }
            }
            AttributeId::RecipTable => {
                let table = window(r, pos, d.len(), |r| {
                    r.frame("attRecipTable", |r| {
                        let mut hook = |_: &mut Reader<'a>, _: PropertyTag| Ok(false);
                        props::read_recipient_table(r, cp, &mut hook)
                    })
                });
                match table {
                    Ok(RecipientTable { rows, .. }) => {
                        for row in rows {
                            let mut rcp = Recipient::default();
                            into_bag(&mut rcp.properties, row);
                            msg.recipients.push(rcp);
                        }
                    }
                    Err(e) if is_depth_limit(&e) => return Err(e),
                    Err(e) => r.tolerate(e, "attribute not read into the message")?,
                }
            }
            AttributeId::MessageClass => {
                let text = String8::new(d.strip_suffix(&[0]).unwrap_or(d).to_vec(), cp);
                let mapped = map_legacy_class(&text.to_string_lossy()).to_string();
                legacy.set_str(tags::PidTagMessageClass, &mapped);
            }
            AttributeId::OriginalMessageClass => {
                let text = String8::new(d.strip_suffix(&[0]).unwrap_or(d).to_vec(), cp);
                let mapped = map_legacy_class(&text.to_string_lossy()).to_string();
                legacy.set_str(tags::PidTagOriginalMessageClass, &mapped);
            }
            AttributeId::Subject => legacy.set(tags::PidTagSubject, string8_attr(d, cp)),
            AttributeId::Body => legacy.set(tags::PidTagBody, string8_attr(d, cp)),
            AttributeId::MessageStatus => match d.first() {
                Some(&b) => legacy.set(
                    tags::PidTagMessageFlags,
                    PropertyValue::Integer32(message_flags_from_status(b)),
                ),
                None => unreadable(r, id, pos, "no status byte".into())?,
            },
            AttributeId::MessageId => match search_key_from_hex(d) {
                Some(k) => legacy.set(tags::PidTagSearchKey, PropertyValue::Binary(k)),
                None => unreadable(r, id, pos, "not hexadecimal text".into())?,
            },
            AttributeId::DateSent
            | AttributeId::DateRecd
            | AttributeId::DateModified
            | AttributeId::DateStart
            | AttributeId::DateEnd => {
                let tag = match id {
                    AttributeId::DateSent => tags::PidTagClientSubmitTime,
                    AttributeId::DateRecd => tags::PidTagMessageDeliveryTime,
                    AttributeId::DateModified => tags::PidTagLastModificationTime,
                    AttributeId::DateStart => tags::PidTagStartDate,
                    _ => tags::PidTagEndDate,
                };
                if let Some(v) = dtr_value(r, id, pos, d)? {
                    legacy.set(tag, v);
                }
            }
            AttributeId::Priority => match d.first_chunk::<2>() {
                Some(&w) => {
                    // 2.1.3.3.x: 1 high, 2 normal, 3 low -> importance 2, 1, 0.
                    let imp = match u16::from_le_bytes(w) {
                        1 => 2,
                        3 => 0,
                        _ => 1,
                    };
                    legacy.set(tags::PidTagImportance, PropertyValue::Integer32(imp));
                }
                None => unreadable(
                    r,
                    id,
                    pos,
                    format!("{} bytes, not a 2-byte priority", d.len()),
                )?,
            },
            AttributeId::AidOwner => match d.first_chunk::<4>() {
                Some(&b) => legacy.set(
                    tags::PidTagOwnerAppointmentId,
                    PropertyValue::Integer32(i32::from_le_bytes(b)),
                ),
                None => unreadable(r, id, pos, format!("{} bytes, not a 4-byte ID", d.len()))?,
            },
            AttributeId::RequestRes => match d.first_chunk::<2>() {
                Some(&b) => legacy.set(
                    tags::PidTagResponseRequested,
                    PropertyValue::Boolean(u16::from_le_bytes(b) != 0),
                ),
                None => unreadable(r, id, pos, format!("{} bytes, not a 2-byte flag", d.len()))?,
            },
            AttributeId::From => match parse_trp(d) {
                Some((name, addr)) => {
                    legacy.set(
                        tags::PidTagSenderName,
                        PropertyValue::String8(String8::new(name, cp)),
                    );
                    if let Some((ty, a)) = split_address(&addr) {
                        legacy.set(
                            tags::PidTagSenderAddressType,
                            PropertyValue::String8(String8::new(ty, cp)),
                        );
                        legacy.set(
                            tags::PidTagSenderEmailAddress,
                            PropertyValue::String8(String8::new(a, cp)),
                        );
                    }
                }
                None => unreadable(r, id, pos, "not a TRP structure".into())?,
            },
            _ => {}
        }
    }
    // MAPI properties win over the legacy attributes (2.3.1).
    for p in legacy.iter() {
        if let PropId::Tag(id) = p.id {
            set_if_absent(
                &mut msg.properties,
                PropertyTag::new(id, p.prop_type()),
                p.value.clone(),
            );
        }
    }
    let mut borrowed = Vec::new();
    let mut objects = Vec::new();
    for b in atts {
        let Building {
            mut att,
            legacy: leg,
            data,
            object,
        } = b;
        // PidTagAttachDataBinary from attAttachment wins; so does an
        // embedded message's PtypObject value (the same property ID), kept
        // in the bag or, borrowing, in the input.
        let data = data.filter(|_| {
            att.properties.get(tags::PidTagAttachDataBinary).is_none() && object.is_none()
        });
        if borrow {
            borrowed.push(data);
            objects.push(object);
        } else if let Some(d) = data {
            r.reserve(d.len(), "attAttachData")?;
            att.properties.set(
                tags::PidTagAttachDataBinary,
                PropertyValue::Binary(d.to_vec()),
            );
        }
        for p in leg.iter() {
            if let PropId::Tag(id) = p.id {
                set_if_absent(
                    &mut att.properties,
                    PropertyTag::new(id, p.prop_type()),
                    p.value.clone(),
                );
            }
        }
        msg.attachments.push(att);
    }
    Ok((msg, (borrowed, objects)))
}

/// What one attachment of the model costs in memory at least (the
/// attachment, its bag with a few properties, the legacy attributes'
/// bag), counted against [`msox_codec::Limits::max_alloc`] per attachment.
const ATTACHMENT_COST: usize =
    std::mem::size_of::<Building<'static>>() + 4 * std::mem::size_of::<ms_oxcmsg::Property>() + 256;

/// The object hook of attAttachment: PidTagAttachDataObject holding
/// IID_IMessage and a TNEF stream is read in place as an embedded message
/// (one nesting level), and its bytes are kept as the PtypObject value
/// too (not when `borrow`: the stream holds them); one that cannot be read
/// stays PtypObject bytes, with a defect.
fn embedded_message<'a>(
    w: &mut Reader<'a>,
    tag: PropertyTag,
    opts: TnefOptions,
    borrow: bool,
    out: &mut Option<Message>,
    object: &mut Option<&'a [u8]>,
) -> Result<bool> {
    if tag.id != tags::PidTagAttachDataObject.id {
        return Ok(false);
    }
    let is_message = w
        .peek(16)
        .ok()
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
        .is_some_and(|b| Guid::from_le_bytes(b) == IID_IMESSAGE);
    if !is_message {
        return Ok(false);
    }
    let bytes = w.rest();
    w.skip(16)?;
    match w.attempt(|w| w.nest("EmbeddedMessage", |w| read_message(w, opts))) {
        Ok(m) => {
            *out = Some(m);
            if borrow && w.depth() == 0 {
                *object = Some(bytes);
            }
            // The PtypObject value of a first-level embedded message stays
            // in the attachment's properties too: the original bytes,
            // written back as they are while the embedded message is
            // unchanged, and extracted as they are. Deeper levels are
            // inside those bytes already: keeping their copies too would
            // cost the file's size once per level (60 levels of a 10 MB
            // file: 600 MB), so they are read into the model only; so is
            // the first level of a borrowing read (its caller has the
            // stream: extraction reads the original bytes from it).
            Ok(w.depth() > 0 || borrow)
        }
        Err(e) if is_depth_limit(&e) => Err(e),
        Err(e) => {
            w.tolerate(e, "embedded message kept as PtypObject bytes")?;
            Ok(false)
        }
    }
}

/// The TNEF.H message status bits (attMessageStatus).
mod fms {
    pub const MODIFIED: u8 = 0x01;
    pub const LOCAL: u8 = 0x02;
    pub const SUBMITTED: u8 = 0x04;
    pub const READ: u8 = 0x20;
    pub const HAS_ATTACH: u8 = 0x80;
}

/// The PidTagMessageFlags bits attMessageStatus carries.
mod mf {
    pub const READ: i32 = 0x01;
    pub const UNMODIFIED: i32 = 0x02;
    pub const SUBMITTED: i32 = 0x04;
    pub const UNSENT: i32 = 0x08;
    pub const HAS_ATTACH: i32 = 0x10;
}

/// attMessageStatus to PidTagMessageFlags: fmsRead is mfRead,
/// ~fmsModified mfUnmodified, fmsSubmitted mfSubmitted, fmsHasAttach
/// mfHasAttach, fmsLocal mfUnsent.
pub fn message_flags_from_status(b: u8) -> i32 {
    let mut f = 0;
    for (bit, flag) in [
        (fms::READ, mf::READ),
        (fms::SUBMITTED, mf::SUBMITTED),
        (fms::HAS_ATTACH, mf::HAS_ATTACH),
        (fms::LOCAL, mf::UNSENT),
    ] {
        if b & bit != 0 {
            f |= flag;
        }
    }
    if b & fms::MODIFIED == 0 {
        f |= mf::UNMODIFIED;
    }
    f
}

/// PidTagMessageFlags to attMessageStatus (the reverse of
/// [`message_flags_from_status`]; other flags are not carried).
pub fn status_from_message_flags(f: i32) -> u8 {
    let mut b = 0;
    for (bit, flag) in [
        (fms::READ, mf::READ),
        (fms::SUBMITTED, mf::SUBMITTED),
        (fms::HAS_ATTACH, mf::HAS_ATTACH),
        (fms::LOCAL, mf::UNSENT),
    ] {
        if f & flag != 0 {
            b |= bit;
        }
    }
    if f & mf::UNMODIFIED == 0 {
        b |= fms::MODIFIED;
    }
    b
}

/// attMessageID: PidTagSearchKey as hexadecimal text (NUL-terminated).
fn search_key_from_hex(d: &[u8]) -> Option<Vec<u8>> {
    let t = d.split(|&c| c == 0).next()?;
    if !t.len().is_multiple_of(2) {
        return None;
    }
    let nib = |c: u8| (c as char).to_digit(16).map(|v| v as u8);
    t.chunks_exact(2)
        .map(|p| match p {
            [h, l] => Some(nib(*h)? << 4 | nib(*l)?),
            _ => None,
        })
        .collect()
}

fn hex_upper(b: &[u8]) -> Vec<u8> {
    const H: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(2 * b.len() + 1);
    for &x in b {
        out.push(H.get(usize::from(x >> 4)).copied().unwrap_or(b'0'));
        out.push(H.get(usize::from(x & 15)).copied().unwrap_or(b'0'));
    }
    out.push(0);
    out
}

/// [MS-OXTNEF] 2.1.3.3.x TRP (attFrom): the display name and the address.
fn parse_trp(d: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let w = |i: usize| {
        d.get(i..i + 2)
            .and_then(|s| <[u8; 2]>::try_from(s).ok())
            .map(u16::from_le_bytes)
    };
    let _trpid = w(0)?;
    let _cbgrtrp = w(2)?;
    let cch = usize::from(w(4)?);
    let cb_rgb = usize::from(w(6)?);
    let name = d.get(8..8 + cch)?;
    let addr = d.get(8 + cch..8 + cch + cb_rgb)?;
    let trim = |b: &[u8]| b.split(|&c| c == 0).next().unwrap_or_default().to_vec();
    Some((trim(name), trim(addr)))
}

fn split_address(a: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let i = a.iter().position(|&c| c == b':')?;
    Some((a.get(..i)?.to_vec(), a.get(i + 1..)?.to_vec()))
}

/// How [`from_message`] writes a stream.
///
/// The default is the shape Outlook (2003 and later) and Exchange write:
/// attTnefVersion, attOemCodepage, attMessageClass, attMAPIProps,
/// attRecipTable, and per attachment attAttachRenddata, the attachment's
/// dates, attAttachData (by-value data, written once: not again as
/// PidTagAttachDataBinary in attAttachment), attAttachTitle,
/// attAttachMetaFile (PidTagAttachRendering, likewise once) and
/// attAttachment last; embedded messages as PtypObject with IID_IMessage,
/// OLE storages as PtypObject with IID_IStorage and rendering type 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write the attachment-level legacy attributes (attAttachTitle, the
    /// attachment's dates, attAttachData, attAttachMetaFile) beside
    /// attAttachment. `false` writes the MAPI-only shape: per attachment
    /// attAttachRenddata + attAttachment (data in PidTagAttachDataBinary),
    /// and no message-level legacy attributes whatever
    /// [`WriteOptions::message_attributes`] says.
    pub legacy_attributes: bool,
    /// Also write the message-level legacy attributes older Outlook
    /// versions write (attFrom, attSubject, attDateSent, attDateRecd,
    /// attMessageStatus, attMessageID, attPriority, attDateModified,
    /// attBody). An 8-bit body is then written once, as attBody.
    pub message_attributes: bool,
    /// The legacy key.
    pub legacy_key: u16,
    /// The OEM code page to declare (attOemCodepage); `None` takes the code
    /// page of the message's 8-bit strings (the first one found), else 1252.
    pub code_page: Option<u32>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            legacy_attributes: true,
            message_attributes: false,
            legacy_key: 0x0001,
            code_page: None,
        }
    }
}

/// Whether TNEF can carry a property: not a value kept as bytes of
/// another format's encoding (a type the spec does not define, read from a
/// .msg file, whose size TNEF could not delimit), not a named-range ID
/// (0x8000 and above) without a name (TNEF writes the name beside it).
fn tnef_representable(p: &Property) -> bool {
    let foreign = matches!(&p.value, PropertyValue::Raw { encoding, .. } if *encoding != ms_oxcdata::ValueEncoding::Tnef);
    let nameless = matches!(p.id, PropId::Tag(id) if id >= 0x8000);
    !foreign && !nameless
}

fn bag_to_list(
    bag: &PropertyBag,
    names: &mut NamedPropertyMap,
    skip: &[u16],
) -> Result<Vec<TnefProperty>> {
    let mut out = Vec::with_capacity(bag.len());
    for p in bag {
        if !tnef_representable(p) {
            continue;
        }
        match &p.id {
            PropId::Tag(id) => {
                if skip.contains(id) {
                    continue;
                }
                let t = PropertyTag::new(*id, p.prop_type());
                out.push(TnefProperty::new(t, None, p.value.clone()));
            }
            PropId::Named(n) => {
                let id = match p
                    .mapped_id
                    .filter(|i| *i >= 0x8000 && names.name(*i).is_none_or(|m| m == n))
                {
                    Some(i) => {
                        names.insert(i, n.clone());
                        i
                    }
                    None => names.assign(n).ok_or_else(|| {
                        msox_codec::Error::new(msox_codec::ErrorKind::LimitExceeded {
                            what: "named properties",
                            value: 0x8000,
                            max: 0x7FFF,
                        })
                    })?,
                };
                out.push(TnefProperty::new(
                    PropertyTag::new(id, p.prop_type()),
                    Some(n.clone()),
                    p.value.clone(),
                ));
            }
        }
    }
    Ok(out)
}

fn text8(bag: &PropertyBag, tag: PropertyTag, cp: CodePage) -> Option<Vec<u8>> {
    let s = bag.get(tag)?;
    let mut b = match s {
        PropertyValue::String8(s) => s.bytes().to_vec(),
        PropertyValue::String(s) => String8::encode_str(s.as_str(), cp).ok()?.into_bytes(),
        _ => return None,
    };
    b.push(0);
    Some(b)
}

fn dtr(bag: &PropertyBag, tag: PropertyTag) -> Option<Vec<u8>> {
    Some(Vec::from(
        Dtr::from_filetime(bag.get(tag)?.as_time()?).to_bytes(),
    ))
}

/// The code page of the first 8-bit string in a message (properties,
/// recipients, attachments).
fn string8_code_page(m: &Message) -> Option<u32> {
    let bags = std::iter::once(&m.properties)
        .chain(m.recipients.iter().map(|r| &r.properties))
        .chain(m.attachments.iter().map(|a| &a.properties));
    for bag in bags {
        for p in bag {
            match &p.value {
                PropertyValue::String8(s) => return Some(s.code_page().0),
                PropertyValue::MultipleString8(v) => {
                    if let Some(s) = v.first() {
                        return Some(s.code_page().0);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Writes a message as a TNEF stream ([MS-OXTNEF] 2.3: the TNEF Writer).
///
/// What TNEF cannot carry is left out: values kept as bytes of another
/// format's encoding (a property type the spec does not define, read from a
/// .msg file) and properties in the named range (0x8000 and above) that
/// have no name.
pub fn from_message(msg: &Message, opts: &WriteOptions) -> Result<TnefStream<'static>> {
    write_message(msg, opts, 0)
}

/// Deepest embedded message the writer writes: what a reader with the
/// default limits reads back (one nesting level per embedded message).
pub const MAX_WRITE_DEPTH: u32 = msox_codec::Limits::DEFAULT.max_depth;

fn write_message(msg: &Message, opts: &WriteOptions, depth: u32) -> Result<TnefStream<'static>> {
    if depth > MAX_WRITE_DEPTH {
        return Err(msox_codec::Error::new(
            msox_codec::ErrorKind::LimitExceeded {
                what: "embedded message depth",
                value: depth.into(),
                max: MAX_WRITE_DEPTH.into(),
            },
        ));
    }
    let cp = CodePage(
        opts.code_page
            .unwrap_or_else(|| string8_code_page(msg).unwrap_or(1252)),
    );
    let mut s = TnefStream::new(opts.legacy_key);
    let m = AttributeLevel::Message;
    let push = |s: &mut TnefStream<'static>, level, id, data: Vec<u8>| {
        s.attributes
            .push(Attribute::new(level, id, Cow::Owned(data)));
    };
    push(
        &mut s,
        m,
        AttributeId::TnefVersion,
        Vec::from(0x0001_0000u32.to_le_bytes()),
    );
    let mut cpd = Vec::from(cp.0.to_le_bytes());
    cpd.extend_from_slice(&0u32.to_le_bytes());
    push(&mut s, m, AttributeId::OemCodepage, cpd);
    if let Some(class) = msg.message_class() {
        let mut cls = unmap_legacy_class(&class).as_bytes().to_vec();
        cls.push(0);
        push(&mut s, m, AttributeId::MessageClass, cls);
    }
    let bag = &msg.properties;
    let mut skip_message: Vec<u16> = Vec::new();
    if opts.legacy_attributes {
        // attSubject: readers such as ytnef take the subject from it (and
        // refuse a long one found only in attMAPIProps).
        if let Some(v) = text8(bag, tags::PidTagSubject, cp) {
            push(&mut s, m, AttributeId::Subject, v);
        }
    }
    if opts.legacy_attributes && opts.message_attributes {
        if let Some(v) = trp(msg, cp) {
            push(&mut s, m, AttributeId::From, v);
        }
        if let Some(v) = dtr(bag, tags::PidTagClientSubmitTime) {
            push(&mut s, m, AttributeId::DateSent, v);
        }
        if let Some(v) = dtr(bag, tags::PidTagMessageDeliveryTime) {
            push(&mut s, m, AttributeId::DateRecd, v);
        }
        if let Some(f) = bag.get_i64(tags::PidTagMessageFlags) {
            push(
                &mut s,
                m,
                AttributeId::MessageStatus,
                vec![status_from_message_flags(f as i32)],
            );
        }
        if let Some(k) = bag.get_binary(tags::PidTagSearchKey) {
            push(&mut s, m, AttributeId::MessageId, hex_upper(k));
        }
        if let Some(imp) = bag.get_i64(tags::PidTagImportance) {
            let pri: u16 = match imp {
                2 => 1,
                0 => 3,
                _ => 2,
            };
            push(
                &mut s,
                m,
                AttributeId::Priority,
                Vec::from(pri.to_le_bytes()),
            );
        }
        if let Some(v) = dtr(bag, tags::PidTagLastModificationTime) {
            push(&mut s, m, AttributeId::DateModified, v);
        }
        if let Some(PropertyValue::String8(b)) = bag.get(tags::PidTagBody) {
            // An 8-bit body in the stream's code page: written once.
            if b.code_page() == cp {
                let mut v = b.bytes().to_vec();
                v.push(0);
                push(&mut s, m, AttributeId::Body, v);
                skip_message.push(tags::PidTagBody.id);
            }
        }
    }
    let mut names = NamedPropertyMap::new();
    let list = bag_to_list(bag, &mut names, &skip_message)?;
    // An empty attMAPIProps is valid, but Debian tnef aborts on it and
    // ytnef refuses it: a message without properties has none.
    if !list.is_empty() {
        push(
            &mut s,
            m,
            AttributeId::MapiProps,
            PropertyList::new(list).to_vec()?,
        );
    }
    if !msg.recipients.is_empty() {
        let mut rows = Vec::with_capacity(msg.recipients.len());
        for r in &msg.recipients {
            rows.push(bag_to_list(&r.properties, &mut names, &[])?);
        }
        let table = RecipientTable {
            rows: rows.into_iter().map(PropertyList::new).collect(),
            count: None,
            trailing: Vec::new(),
        };
        push(&mut s, m, AttributeId::RecipTable, table.to_vec()?);
    }
    let a = AttributeLevel::Attachment;
    for att in &msg.attachments {
        let ab = &att.properties;
        let object = match ab.find(&PropId::Tag(tags::PidTagAttachDataObject.id)) {
            Some(Property {
                value: PropertyValue::Object(o),
                ..
            }) => Some(o.as_slice()),
            _ => None,
        };
        let storage_object = match &att.storage {
            Some(st) => {
                let mut v = Vec::from(IID_ISTORAGE.to_le_bytes());
                v.extend_from_slice(&ms_oxcmsg::storage_to_cfb(st)?);
                Some(v)
            }
            None => None,
        };
        let ole = storage_object.is_some()
            || object.is_some_and(|o| o.get(..16) == Some(&IID_ISTORAGE.to_le_bytes()[..]));
        // 2.1.3.3.15 attAttachRendData, as Outlook writes it: type 1 (file,
        // 32x32) or 2 (OLE, width and height 0xFFFF), the rendering
        // position (PidTagRenderingPosition, else 0xFFFFFFFF), no flags.
        let mut rend = Vec::with_capacity(14);
        rend.extend_from_slice(&(if ole { 2u16 } else { 1u16 }).to_le_bytes());
        let position = ab
            .get_i64(tags::PidTagRenderingPosition)
            .map_or(0xFFFF_FFFF, |p| p as u32);
        rend.extend_from_slice(&position.to_le_bytes());
        let size: u16 = if ole { 0xFFFF } else { 0x0020 };
        rend.extend_from_slice(&size.to_le_bytes());
        rend.extend_from_slice(&size.to_le_bytes());
        rend.extend_from_slice(&0u32.to_le_bytes());
        push(&mut s, a, AttributeId::AttachRendData, rend);
        let mut skip: Vec<u16> = Vec::new();
        if opts.legacy_attributes {
            if let Some(v) = dtr(ab, tags::PidTagCreationTime) {
                push(&mut s, a, AttributeId::AttachCreateDate, v);
            }
            if let Some(v) = dtr(ab, tags::PidTagLastModificationTime) {
                push(&mut s, a, AttributeId::AttachModifyDate, v);
            }
            let binary = match ab.find(&PropId::Tag(tags::PidTagAttachDataBinary.id)) {
                Some(Property {
                    value: PropertyValue::Binary(d),
                    ..
                }) if att.embedded.is_none() => Some(d),
                _ => None,
            };
            if let Some(d) = binary {
                // The data once: attAttachData, not PidTagAttachDataBinary.
                push(&mut s, a, AttributeId::AttachData, d.clone());
                skip.push(tags::PidTagAttachDataBinary.id);
            }
            if let Some(v) = text8(ab, tags::PidTagAttachFilename, cp)
                .or_else(|| text8(ab, tags::PidTagAttachLongFilename, cp))
            {
                push(&mut s, a, AttributeId::AttachTitle, v);
            }
            if let Some(PropertyValue::Binary(r)) = ab.get(tags::PidTagAttachRendering) {
                push(&mut s, a, AttributeId::AttachMetaFile, r.clone());
                skip.push(tags::PidTagAttachRendering.id);
            }
        }
        if att.embedded.is_some() || storage_object.is_some() {
            // The object written below replaces any 0x3701 value.
            skip.push(tags::PidTagAttachDataObject.id);
        }
        let mut list = bag_to_list(ab, &mut names, &skip)?;
        if let Some(e) = &att.embedded {
            // The original bytes where the attachment still holds them and
            // they read as the embedded message it has; else written anew.
            let obj = match object {
                Some(o) if is_original(o, e) => o.to_vec(),
                _ => {
                    let inner = write_message(e, opts, depth + 1)?.to_vec()?;
                    let mut obj = Vec::from(IID_IMESSAGE.to_le_bytes());
                    obj.extend_from_slice(&inner);
                    obj
                }
            };
            list.push(TnefProperty::new(
                tags::PidTagAttachDataObject.with_type(PropertyType::Object),
                None,
                PropertyValue::Object(obj),
            ));
        } else if let Some(obj) = storage_object {
            list.push(TnefProperty::new(
                tags::PidTagAttachDataObject.with_type(PropertyType::Object),
                None,
                PropertyValue::Object(obj),
            ));
        }
        push(
            &mut s,
            a,
            AttributeId::Attachment,
            PropertyList::new(list).to_vec()?,
        );
    }
    Ok(s)
}

/// Whether a PtypObject value is IID_IMessage and a TNEF stream that reads
/// as `m` (so it can be written back as it is).
fn is_original(object: &[u8], m: &Message) -> bool {
    if object.get(..16) != Some(&IID_IMESSAGE.to_le_bytes()[..]) {
        return false;
    }
    let inner = object.get(16..).unwrap_or_default();
    to_message(inner, &Options::lenient())
        .is_ok_and(|d| without_mapped_ids(d.value) == without_mapped_ids(m.clone()))
}

/// The message with the IDs its named properties were read with cleared
/// (a detail of one file's mapping, not of the message).
fn without_mapped_ids(mut m: Message) -> Message {
    let mut stack: Vec<&mut Message> = vec![&mut m];
    while let Some(m) = stack.pop() {
        let bags = std::iter::once(&mut m.properties)
            .chain(m.recipients.iter_mut().map(|r| &mut r.properties))
            .chain(m.attachments.iter_mut().map(|a| &mut a.properties));
        for b in bags {
            for p in b.iter_mut() {
                *p.mapped_id = None;
            }
        }
        for a in &mut m.attachments {
            if let Some(e) = a.embedded.as_deref_mut() {
                stack.push(e);
            }
        }
    }
    m
}

/// [MS-OXTNEF] attFrom: the sender as a TRP structure (trpidOneOff, the
/// display name and `TYPE:address`, each NUL-terminated and padded to an
/// even length, then an empty TRP).
fn trp(msg: &Message, cp: CodePage) -> Option<Vec<u8>> {
    let bag = &msg.properties;
    let name = text8(bag, tags::PidTagSenderName, cp)?;
    let ty =
        text8(bag, tags::PidTagSenderAddressType, cp).unwrap_or_else(|| Vec::from(&b"SMTP\0"[..]));
    let addr = text8(bag, tags::PidTagSenderEmailAddress, cp)?;
    let mut a = ty.strip_suffix(&[0]).unwrap_or(&ty).to_vec();
    a.push(b':');
    a.extend_from_slice(&addr);
    let even = |mut v: Vec<u8>| {
        if v.len() % 2 == 1 {
            v.push(0);
        }
        v
    };
    let (name, a) = (even(name), even(a));
    let total = 8 + name.len() + a.len() + 8;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&u16::try_from(total).ok()?.to_le_bytes());
    out.extend_from_slice(&u16::try_from(name.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&u16::try_from(a.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&name);
    out.extend_from_slice(&a);
    out.extend_from_slice(&[0; 8]);
    Some(out)
}

/// Writes a message as TNEF bytes.
pub fn message_to_bytes(msg: &Message, opts: &WriteOptions) -> Result<Vec<u8>> {
    from_message(msg, opts)?.to_vec()
}
