//! Saving a TNEF stream's attachments as files, as users expect: by-value
//! data as is, embedded messages as their original bytes (the TNEF stream
//! after the IID_IMessage of their PtypObject value) unless a conversion
//! is asked for, OLE objects as the file they hold (an `\x01Ole10Native`
//! package, a `Package` stream) or else the storage as a compound file,
//! under safe, unique file names.

use std::borrow::Cow;

use ms_oxcdata::{PropertyType, PropertyValue};
use ms_oxcmsg::extract::{
    ExtractedFile, ExtractedKind, Extraction, IID_IMESSAGE, make_unique, ole_file, safe_file_name,
    storage_object,
};
use ms_oxcmsg::{Message, PropId};
use ms_oxprops::tags;
use msox_codec::{Decode, Decoded, Options, Result};

use crate::attribute::{AttributeId, AttributeLevel, TnefStream};
use crate::model::oem_code_page;
use crate::props::{self, PropertyList};

/// Turns an embedded message into file bytes (e.g. a .msg writer).
pub type ConvertEmbedded<'f> = &'f dyn Fn(&Message) -> Result<Vec<u8>>;

/// How [`extract`] writes embedded messages.
#[derive(Clone, Copy, Default)]
pub struct ExtractOptions<'f> {
    /// `None` (the default): embedded messages as their original TNEF bytes
    /// (`.tnef`). `Some((convert, extension))`: converted, e.g. to .msg
    /// with `ms_oxmsg`.
    pub convert_embedded: Option<(ConvertEmbedded<'f>, &'static str)>,
}

impl std::fmt::Debug for ExtractOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExtractOptions")
            .field(
                "convert_embedded",
                &self.convert_embedded.map(|(_, ext)| ext),
            )
            .finish()
    }
}

/// The PtypObject values (0x3701) of each attachment's attAttachment, as
/// stored (IID first), in attachment order (the order the model has).
fn objects(input: &[u8], options: &Options) -> Vec<Option<Vec<u8>>> {
    let lenient = Options {
        mode: msox_codec::Mode::Lenient,
        ..*options
    };
    let Ok(d) = TnefStream::decode_bytes(input, &lenient) else {
        return Vec::new();
    };
    let cp = oem_code_page(&d.value);
    let mut out: Vec<Option<Vec<u8>>> = Vec::new();
    for a in &d.value.attributes {
        if a.level != AttributeLevel::Attachment {
            continue;
        }
        let id = a.id.without_type_word().unwrap_or(a.id);
        if id == AttributeId::AttachRendData || out.is_empty() {
            out.push(None);
        }
        if id != AttributeId::Attachment {
            continue;
        }
        let list: Option<PropertyList> =
            msox_codec::decode_bytes_with_reader(&a.data, &lenient, |r| {
                props::read_list(r, cp, true, &mut |_, _| Ok(false))
            })
            .ok()
            .map(|d| d.value);
        let obj = list.and_then(|l| {
            l.properties.into_iter().find_map(|p| match p.value {
                PropertyValue::Object(o)
                    if p.tag.id == tags::PidTagAttachDataObject.id
                        && p.tag.prop_type == PropertyType::Object =>
                {
                    Some(o)
                }
                _ => None,
            })
        });
        if let Some(last) = out.last_mut() {
            *last = obj;
        }
    }
    out
}

/// The attachments of a TNEF stream as files (see the module docs), in
/// attachment order, names unique; with the defects of reading it. A
/// by-value attachment's bytes are borrowed from `input` (attAttachData),
/// not copied.
pub fn extract<'a>(
    input: &'a [u8],
    options: &Options,
    x: &ExtractOptions<'_>,
) -> Result<Decoded<Vec<ExtractedFile<'a>>>> {
    let d = extract_all(input, options, x)?;
    Ok(Decoded {
        value: d.value.files,
        defects: d.defects,
    })
}

/// [`extract`] and the message, from one read of the stream (a caller
/// that writes the bodies too reads it once). The by-value attachment
/// bytes are neither copied into the message nor into the files: the
/// files borrow them from `input`.
pub fn extract_all<'a>(
    input: &'a [u8],
    options: &Options,
    x: &ExtractOptions<'_>,
) -> Result<Decoded<Extraction<'a>>> {
    extract_all_with(input, options, x, crate::TnefOptions::default())
}

/// [`extract_all`] with [`crate::TnefOptions`] (see
/// [`crate::to_message_borrowing_with`]).
pub fn extract_all_with<'a>(
    input: &'a [u8],
    options: &Options,
    x: &ExtractOptions<'_>,
    tnef: crate::TnefOptions,
) -> Result<Decoded<Extraction<'a>>> {
    let d = crate::model::to_message_borrowing_with(input, options, tnef)?;
    let crate::model::BorrowedMessage {
        mut message,
        attach_data,
        attach_object,
    } = d.value;
    let files = files_of(
        input,
        &mut message,
        &attach_data,
        &attach_object,
        options,
        x,
    )?;
    Ok(Decoded {
        value: Extraction { message, files },
        defects: d.defects,
    })
}

/// [`extract`] for a message already read from `input` by [`crate::to_message`]:
/// the message is consumed, so attachment bytes move into the files
/// without a copy. The stream is read again only for an embedded
/// message's original bytes.
pub fn extract_message(
    input: &[u8],
    mut message: Message,
    options: &Options,
    x: &ExtractOptions<'_>,
) -> Result<Vec<ExtractedFile<'static>>> {
    let files = files_of(input, &mut message, &[], &[], options, x)?;
    Ok(files.into_iter().map(ExtractedFile::into_owned).collect())
}

/// The files of `message` (read from `input`); `borrowed` holds, per
/// attachment, attAttachData bytes the message does not (see
/// [`crate::model::BorrowedMessage`]). Attachment bytes the message holds
/// are moved out of it.
fn files_of<'a>(
    input: &[u8],
    message: &mut Message,
    borrowed: &[Option<&'a [u8]>],
    objects_left: &[Option<&'a [u8]>],
    options: &Options,
    x: &ExtractOptions<'_>,
) -> Result<Vec<ExtractedFile<'a>>> {
    let mut raw: Option<Vec<Option<Vec<u8>>>> = None;
    let mut files = Vec::new();
    for (i, a) in message.attachments.iter_mut().enumerate() {
        let fallback = format!("attachment-{}", i + 1);
        let name = safe_file_name(&a.file_name().unwrap_or_default(), &fallback);
        let object = match a
            .properties
            .find(&PropId::Tag(tags::PidTagAttachDataObject.id))
            .map(|p| &p.value)
        {
            Some(PropertyValue::Object(o)) => Some(o.as_slice()),
            _ => None,
        };
        let (fname, data, kind): (String, Cow<'a, [u8]>, ExtractedKind) = if let Some(e) =
            &a.embedded
        {
            let subject = e.subject().unwrap_or_default();
            let stem = safe_file_name(if subject.is_empty() { &name } else { &subject }, &fallback);
            match x.convert_embedded {
                Some((convert, ext)) => (
                    format!("{stem}.{ext}"),
                    convert(e)?.into(),
                    ExtractedKind::EmbeddedMessage,
                ),
                None => {
                    let iid = |o: &&[u8]| o.get(..16) == Some(&IID_IMESSAGE.to_le_bytes()[..]);
                    // The original bytes: left in the input by a borrowing
                    // read, else read again from the stream.
                    let left = objects_left
                        .get(i)
                        .copied()
                        .flatten()
                        .filter(iid)
                        .and_then(|o| o.get(16..));
                    let bytes: Cow<'a, [u8]> = match left {
                        Some(b) => Cow::Borrowed(b),
                        None => {
                            let original = raw
                                .get_or_insert_with(|| objects(input, options))
                                .get(i)
                                .and_then(|o| o.as_deref())
                                .filter(iid)
                                .and_then(|o| o.get(16..));
                            match original {
                                Some(b) => b.to_vec().into(),
                                None => {
                                    crate::message_to_bytes(e, &crate::WriteOptions::default())?
                                        .into()
                                }
                            }
                        }
                    };
                    (
                        format!("{stem}.tnef"),
                        bytes,
                        ExtractedKind::EmbeddedMessage,
                    )
                }
            }
        } else if let Some(s) = &a.storage {
            let (n, data, kind) = ole_file(s)?;
            (
                n.map_or(name, |n| safe_file_name(&n, &fallback)),
                data.into(),
                kind,
            )
        } else if let Some(cfb) = object.and_then(storage_object) {
            match ms_oxcmsg::cfb_to_storage(cfb, options) {
                Ok(s) => {
                    let (n, data, kind) = ole_file(&s.value)?;
                    let data = if kind == ExtractedKind::OleStorage {
                        cfb.to_vec()
                    } else {
                        data
                    };
                    (
                        n.map_or(name, |n| safe_file_name(&n, &fallback)),
                        data.into(),
                        kind,
                    )
                }
                Err(_) => (name, cfb.to_vec().into(), ExtractedKind::OleStorage),
            }
        } else if let Some(&Some(d)) = borrowed.get(i) {
            (name, Cow::Borrowed(d), ExtractedKind::Attachment)
        } else if a.data().is_none()
            && let Some(o) = object
        {
            (
                name,
                o.get(16..).unwrap_or_default().to_vec().into(),
                ExtractedKind::Attachment,
            )
        } else if let Some(data) = a.take_data() {
            (name, data.into(), ExtractedKind::Attachment)
        } else {
            continue;
        };
        files.push(ExtractedFile {
            name: fname,
            data,
            kind,
            attachment: Some(i),
        });
    }
    make_unique(&mut files);
    Ok(files)
}
