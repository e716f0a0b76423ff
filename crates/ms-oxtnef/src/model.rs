//! [MS-OXTNEF] 2.3 mapping between TNEF streams and the ms-oxcmsg model.

use std::borrow::Cow;

use ms_dtyp::Guid;
use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Attachment, Message, NamedPropertyMap, PropId, Property, PropertyBag, Recipient};
use ms_oxprops::tags;
use msox_codec::{CodePage, Depth, Encode, Result, String8};

use crate::attribute::{
    Attribute, AttributeId, AttributeLevel, DecodeOptions, Decoded, Defect, TnefStream,
};
use crate::date::Dtr;
use crate::props::{self, IID_IMESSAGE, TnefProperty};

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

fn into_bag(bag: &mut PropertyBag, list: Vec<TnefProperty>) {
    for p in list {
        let (id, mapped) = match p.name {
            Some(n) => (PropId::Named(n), Some(p.tag.id)),
            None => (PropId::Tag(p.tag.id), None),
        };
        bag.insert(Property {
            id,
            value: p.value,
            mapped_id: mapped,
            flags: None,
        });
    }
}

fn dtr_value(data: &[u8]) -> Option<PropertyValue> {
    Dtr::from_bytes(data)?
        .to_filetime()
        .map(PropertyValue::Time)
}

/// Reads a TNEF stream into the message model (lenient: each attribute
/// that cannot be read becomes a [`Defect`] and the rest is read).
pub fn to_message(input: &[u8], opts: &DecodeOptions) -> Result<(Message, Vec<Defect>)> {
    let Decoded {
        stream,
        mut defects,
    } = TnefStream::decode_with(input, opts)?;
    let msg = stream_to_message(&stream, opts, opts.limits.depth(), &mut defects)?;
    Ok((msg, defects))
}

/// Reads a decoded stream into the message model.
pub fn stream_to_message(
    stream: &TnefStream<'_>,
    opts: &DecodeOptions,
    depth: Depth,
    defects: &mut Vec<Defect>,
) -> Result<Message> {
    let depth = depth.enter()?;
    let cp = oem_code_page(stream);
    let limits = &opts.limits;
    let mut msg = Message::default();
    let mut legacy = PropertyBag::new();
    // Per attachment: the model, legacy-derived properties, and the
    // attAttachData bytes (copied only if attAttachment lacks the data).
    let mut atts: Vec<(Attachment, PropertyBag, Option<&[u8]>)> = Vec::new();
    let fail = |id: AttributeId, e: msox_codec::Error, defects: &mut Vec<Defect>| -> Result<()> {
        if opts.strict {
            return Err(e.context(id.to_string()));
        }
        defects.push(Defect::Unreadable {
            id,
            error: e.to_string(),
        });
        Ok(())
    };
    for a in &stream.attributes {
        let d: &[u8] = &a.data;
        if a.level == AttributeLevel::Attachment {
            if a.id == AttributeId::AttachRendData || atts.is_empty() {
                atts.push((Attachment::default(), PropertyBag::new(), None));
            }
            let Some((att, leg, legacy_data)) = atts.last_mut() else {
                continue;
            };
            match a.id {
                AttributeId::Attachment => match props::decode_property_list(d, cp, limits) {
                    Ok(list) => into_bag(&mut att.properties, list),
                    Err(e) => fail(a.id, e, defects)?,
                },
                AttributeId::AttachTitle => {
                    leg.set(tags::PidTagAttachFilename, string8_attr(d, cp))
                }
                AttributeId::AttachData => *legacy_data = Some(d),
                AttributeId::AttachMetaFile => leg.set(
                    tags::PidTagAttachRendering,
                    PropertyValue::Binary(d.to_vec()),
                ),
                AttributeId::AttachCreateDate => {
                    if let Some(v) = dtr_value(d) {
                        leg.set(tags::PidTagCreationTime, v);
                    }
                }
                AttributeId::AttachModifyDate => {
                    if let Some(v) = dtr_value(d) {
                        leg.set(tags::PidTagLastModificationTime, v);
                    }
                }
                AttributeId::AttachTransportFilename => {
                    leg.set(tags::PidTagAttachTransportName, string8_attr(d, cp));
                }
                _ => {}
            }
            continue;
        }
        match a.id {
            AttributeId::MapiProps => match props::decode_property_list(d, cp, limits) {
                Ok(list) => into_bag(&mut msg.properties, list),
                Err(e) => fail(a.id, e, defects)?,
            },
            AttributeId::RecipTable => match props::decode_recipient_table(d, cp, limits) {
                Ok(rows) => {
                    for row in rows {
                        let mut r = Recipient::default();
                        into_bag(&mut r.properties, row);
                        msg.recipients.push(r);
                    }
                }
                Err(e) => fail(a.id, e, defects)?,
            },
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
            AttributeId::DateSent => {
                if let Some(v) = dtr_value(d) {
                    legacy.set(tags::PidTagClientSubmitTime, v);
                }
            }
            AttributeId::DateRecd => {
                if let Some(v) = dtr_value(d) {
                    legacy.set(tags::PidTagMessageDeliveryTime, v);
                }
            }
            AttributeId::DateModified => {
                if let Some(v) = dtr_value(d) {
                    legacy.set(tags::PidTagLastModificationTime, v);
                }
            }
            AttributeId::DateStart => {
                if let Some(v) = dtr_value(d) {
                    legacy.set(tags::PidTagStartDate, v);
                }
            }
            AttributeId::DateEnd => {
                if let Some(v) = dtr_value(d) {
                    legacy.set(tags::PidTagEndDate, v);
                }
            }
            AttributeId::Priority => {
                if let Some(&[lo, hi]) = d.get(..2).and_then(|s| <&[u8; 2]>::try_from(s).ok()) {
                    // 2.1.3.3.x: 1 high, 2 normal, 3 low -> importance 2, 1, 0.
                    let imp = match u16::from_le_bytes([lo, hi]) {
                        1 => 2,
                        3 => 0,
                        _ => 1,
                    };
                    legacy.set(tags::PidTagImportance, PropertyValue::Integer32(imp));
                }
            }
            AttributeId::AidOwner => {
                if let Some(b) = d.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok()) {
                    legacy.set(
                        tags::PidTagOwnerAppointmentId,
                        PropertyValue::Integer32(i32::from_le_bytes(b)),
                    );
                }
            }
            AttributeId::RequestRes => {
                if let Some(b) = d.get(..2).and_then(|s| <[u8; 2]>::try_from(s).ok()) {
                    legacy.set(
                        tags::PidTagResponseRequested,
                        PropertyValue::Boolean(u16::from_le_bytes(b) != 0),
                    );
                }
            }
            AttributeId::From => {
                if let Some((name, addr)) = parse_trp(d) {
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
            }
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
    for (mut att, leg, legacy_data) in atts {
        if let Some(d) =
            legacy_data.filter(|_| att.properties.get(tags::PidTagAttachDataBinary).is_none())
        {
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
        embed(&mut att, opts, depth, defects)?;
        msg.attachments.push(att);
    }
    Ok(msg)
}

/// An embedded message (PidTagAttachDataObject with IID_IMessage) becomes
/// [`Attachment::embedded`].
fn embed(
    att: &mut Attachment,
    opts: &DecodeOptions,
    depth: Depth,
    defects: &mut Vec<Defect>,
) -> Result<()> {
    let obj_id = PropId::Tag(tags::PidTagAttachDataObject.id);
    let Some(PropertyValue::Object(bytes)) = att.properties.get_id(&obj_id) else {
        return Ok(());
    };
    let Some(iid) = bytes.get(..16).and_then(|b| <[u8; 16]>::try_from(b).ok()) else {
        return Ok(());
    };
    if Guid::from_le_bytes(iid) != IID_IMESSAGE {
        return Ok(());
    }
    let inner = bytes.get(16..).unwrap_or_default();
    let parsed = TnefStream::decode_with(inner, opts).and_then(|d| {
        defects.extend(d.defects);
        stream_to_message(&d.stream, opts, depth, defects)
    });
    match parsed {
        Ok(m) => {
            att.embedded = Some(Box::new(m));
            att.properties.remove(&obj_id);
        }
        Err(e) if e.kind().to_string().contains("depth") || opts.strict => {
            return Err(e.context("embedded message"));
        }
        Err(e) => defects.push(Defect::Unreadable {
            id: AttributeId::Attachment,
            error: format!("embedded message: {e}"),
        }),
    }
    Ok(())
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Also write the legacy attributes Outlook and Exchange write
    /// (attMessageClass, attSubject, attDateSent, attPriority, attAttachTitle,
    /// attAttachData...) beside attMAPIProps/attAttachment. `false` writes
    /// the MAPI-only shape: attTnefVersion, attOemCodepage, attMessageClass,
    /// attMAPIProps, attRecipTable and per attachment attAttachRenddata +
    /// attAttachment.
    pub legacy_attributes: bool,
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
            legacy_key: 0x0001,
            code_page: None,
        }
    }
}

fn bag_to_list(
    bag: &PropertyBag,
    names: &mut NamedPropertyMap,
    skip: &[u16],
) -> Result<Vec<TnefProperty>> {
    let mut out = Vec::with_capacity(bag.len());
    for p in bag {
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
pub fn from_message(msg: &Message, opts: &WriteOptions) -> Result<TnefStream<'static>> {
    write_message(msg, opts, 0)
}

fn write_message(msg: &Message, opts: &WriteOptions, depth: u32) -> Result<TnefStream<'static>> {
    if depth > 64 {
        return Err(msox_codec::Error::new(
            msox_codec::ErrorKind::LimitExceeded {
                what: "embedded message depth",
                value: depth.into(),
                max: 64,
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
    if opts.legacy_attributes {
        if let Some(v) = text8(bag, tags::PidTagSubject, cp) {
            push(&mut s, m, AttributeId::Subject, v);
        }
        if let Some(v) = dtr(bag, tags::PidTagClientSubmitTime) {
            push(&mut s, m, AttributeId::DateSent, v);
        }
        if let Some(v) = dtr(bag, tags::PidTagMessageDeliveryTime) {
            push(&mut s, m, AttributeId::DateRecd, v);
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
    }
    let mut names = NamedPropertyMap::new();
    let list = bag_to_list(bag, &mut names, &[])?;
    push(
        &mut s,
        m,
        AttributeId::MapiProps,
        props::encode_property_list(&list)?,
    );
    if !msg.recipients.is_empty() {
        let mut rows = Vec::with_capacity(msg.recipients.len());
        for r in &msg.recipients {
            rows.push(bag_to_list(&r.properties, &mut names, &[])?);
        }
        push(
            &mut s,
            m,
            AttributeId::RecipTable,
            props::encode_recipient_table(&rows)?,
        );
    }
    let a = AttributeLevel::Attachment;
    for att in &msg.attachments {
        // AttachRendData (2.1.3.3.x): type 1 (file) or 2 (OLE), position
        // 0xFFFFFFFF, render width/height 0xFFFF... as Outlook writes.
        let mut rend = Vec::with_capacity(14);
        let ole = att.storage.is_some();
        rend.extend_from_slice(&(if ole { 2u16 } else { 1u16 }).to_le_bytes());
        rend.extend_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        rend.extend_from_slice(&0xFFFFu16.to_le_bytes());
        rend.extend_from_slice(&0xFFFFu16.to_le_bytes());
        rend.extend_from_slice(&0u32.to_le_bytes());
        push(&mut s, a, AttributeId::AttachRendData, rend);
        let ab = &att.properties;
        if opts.legacy_attributes {
            if let Some(v) = text8(ab, tags::PidTagAttachFilename, cp)
                .or_else(|| text8(ab, tags::PidTagAttachLongFilename, cp))
            {
                push(&mut s, a, AttributeId::AttachTitle, v);
            }
            if let Some(v) = dtr(ab, tags::PidTagCreationTime) {
                push(&mut s, a, AttributeId::AttachCreateDate, v);
            }
            if let Some(v) = dtr(ab, tags::PidTagLastModificationTime) {
                push(&mut s, a, AttributeId::AttachModifyDate, v);
            }
            if let Some(d) = att.data() {
                push(&mut s, a, AttributeId::AttachData, d.to_vec());
            }
        }
        let mut list = bag_to_list(ab, &mut names, &[])?;
        if let Some(e) = &att.embedded {
            let inner = write_message(e, opts, depth + 1)?.to_vec()?;
            let mut obj = Vec::from(IID_IMESSAGE.to_le_bytes());
            obj.extend_from_slice(&inner);
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
            props::encode_property_list(&list)?,
        );
    }
    Ok(s)
}

/// Writes a message as TNEF bytes.
pub fn message_to_bytes(msg: &Message, opts: &WriteOptions) -> Result<Vec<u8>> {
    from_message(msg, opts)?.to_vec()
}
